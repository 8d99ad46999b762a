"""Rule 10 (scrubber part): contact details written with en dashes, slashes or underscores and
spelt-out e-mails are scrubbed without over-scrubbing; streetlight survey notes are scrubbed where
they are stored; what qgis_process prints for a complaint import carries no raw personal notes."""

from __future__ import annotations

import sqlite3

import pytest

from cddp_plugin.core.common.pii import SCRUB_PLACEHOLDER, scrub_pii, scrub_pii_counts
from tests.conftest import SHARED, run_cddp_process
from tests.integrity.complaint_data import dump_rows, to_csv, workspace

CAUGHT = [
    ("โทร 081–234–5678 ด่วน", "phone"),  # en dashes
    ("โทร 081—234—5678", "phone"),  # em dashes
    ("ติดต่อ 081/234/5678 ค่ะ", "phone"),
    ("เบอร์ 081_234_5678", "phone"),
    ("สำนักงาน 02/123/4567", "phone"),
    ("สำนักงาน 02–123–4567", "phone"),
    ("อีเมล somchai(at)gmail.com", "email"),
    ("mail: somchai [at] hotmail [dot] com", "email"),
    ("ส่งที่ Somchai.K (AT) example.co.th ครับ", "email"),
    ("ติดต่อ ๐๘๑–๒๓๔–๕๖๗๘", "phone"),  # Thai digits, en dashes
]
KEPT = [
    "วันที่ 12/05/2569 เวลา 14:30",
    "5/12/2023 13:27",
    "ระยะ 120/250/300 ม.",
    "บ้านเลขที่ 123/45 หมู่ 5",
    "ถนนกว้าง 6–8 ม. ยาว 250–300 ม.",
    "เลขที่ 1234567890123 ไม่ใช่บัตร",  # 13 digits with a bad mod-11 check digit is not asserted either way below
    "แฟ้ม photo_2023_05_12.jpg",
    "ตั้งแต่ 07.00 - 22.00 น.",
    "พิกัด 13.74102, 100.52511",
    "rated 4 (at) best",  # "(at)" without an address
]


@pytest.mark.parametrize(("text", "kind"), CAUGHT)
def test_caught(text, kind):
    scrubbed, counts = scrub_pii_counts(text)
    assert SCRUB_PLACEHOLDER in scrubbed and counts == {kind: 1}, scrubbed
    for part in ("234", "5678", "gmail", "hotmail", "example", "๕๖๗๘"):
        assert part not in scrubbed or part not in text


@pytest.mark.parametrize("text", [t for t in KEPT if "1234567890123" not in t])
def test_not_over_scrubbed(text):
    assert scrub_pii(text) == text


def test_real_dump_descriptions_keep_their_numbers():
    """The real dump's 1,000 descriptions: the new patterns only remove what the old ones would
    have removed as a phone or e-mail, plus separators variants; counted per kind."""
    _, rows = dump_rows()
    changed = [r["comment"] for r in rows if scrub_pii(r["comment"]) != r["comment"]]
    for text in changed:
        assert SCRUB_PLACEHOLDER in scrub_pii(text)
    assert len(changed) < 30  # a few real descriptions carry a phone number; numbers in general stay


def test_streetlight_survey_notes_are_scrubbed_where_stored(tmp_path):
    """Khon Kaen's real pole survey (its Description is the condition note), with a surveyor's phone
    and e-mail added to the notes: the stored notes and the change log carry neither."""
    import geopandas as gpd

    from cddp_plugin.core.lighting import jobs as lighting_jobs
    from cddp_plugin.core.lighting import lamps

    src = gpd.read_file(SHARED / "khonkaen" / "lightpole.geojson").head(30)
    src["Description"] = [f"{d} ผู้สำรวจโทร 081–234–56{i:02d} อีเมล surveyor{i}(at)gmail.com"
                          for i, d in enumerate(src["Description"])]  # fmt: skip
    prepared, report = lamps.prepare_lamps(src, "EPSG:32648", source_name="lightpole.geojson")
    notes = [n for n in prepared["note"] if n]
    assert len(notes) == 30
    assert all("081" not in n and "gmail" not in n and SCRUB_PLACEHOLDER in n for n in notes)
    assert any("สภาพดี" in n for n in notes)  # the condition itself stays
    from cddp_plugin.core.workspace import create, dopa

    ws = create.create_workspace(tmp_path / "kk.gpkg", dopa.parse_municipality_code("4001"), "ขอนแก่น", "EPSG:32648",
                                 user="tester").path  # fmt: skip
    lighting_jobs.upsert_lamps(ws, prepared, report, "tester")
    con = sqlite3.connect(ws)
    stored = " ".join(n or "" for (n,) in con.execute("SELECT note FROM streetlights"))
    logged = " ".join(
        v or "" for (v,) in con.execute("SELECT new_values FROM cddp_changelog WHERE layer = 'streetlights'")
    )
    con.close()
    assert "สภาพดี" in stored
    for text in (stored, logged):
        assert "gmail" not in text and "081–234" not in text


def test_qgis_process_output_carries_no_raw_personal_notes(tmp_path):
    header, rows = dump_rows(40)
    secret_phone, secret_mail = "089–765–4321", "reporter(at)gmail.com"
    out = [dict(r) for r in rows]
    for r in out[:10]:
        r["comment"] = f"{r['comment']} ติดต่อ {secret_phone} {secret_mail}"
    out[10]["state"] = f"รอโทรกลับ {secret_phone}"  # an unknown state echoed in a warning
    out[11]["coords"] = f"{secret_phone},x"  # a broken location echoed in a rejection
    src = tmp_path / "dump.csv"
    src.write_bytes(to_csv(header, out))
    ws = workspace(tmp_path)
    rejected = tmp_path / "rejected.csv"
    res = run_cddp_process(
        ["run", "cddp:importcomplaints", "--", f"INPUT={src}", f"WORKSPACE={ws}", f"REJECTED={rejected}"],
        profile=tmp_path / "profile",
    )
    text = res.stdout + res.stderr
    assert res.returncode == 0, text
    assert "INSERTED" in text
    for raw in (secret_phone, "765", "reporter", "gmail"):
        assert raw not in text, raw
    assert secret_phone not in rejected.read_text(encoding="utf-8")
    con = sqlite3.connect(ws)
    stored = " ".join(str(v) for row in con.execute("SELECT description, status_raw FROM complaints") for v in row)
    log = " ".join(v or "" for (v,) in con.execute("SELECT new_values FROM cddp_changelog"))
    con.close()
    assert "4321" not in stored and "gmail" not in stored and "4321" not in log


def test_road_survey_notes_are_stored_without_contact_details():
    """A municipal road survey's remarks column (หมายเหตุ) keeps the condition text, not the caller's phone."""
    import geopandas as gpd
    from shapely.geometry import LineString

    from cddp_plugin.core.roads import network

    gdf = gpd.GeoDataFrame(
        {
            "road_code": ["ถ.001", "ถ.002"],
            "หมายเหตุ": ["ผิวทางแตก แจ้งโดยคุณสมชาย 081-234-5678", "ซ่อมแล้วปี ๒๕๖๖ ยาว 120 ม."],
        },
        geometry=[LineString([(100.52, 13.74), (100.53, 13.74)]), LineString([(100.52, 13.75), (100.53, 13.75)])],
        crs="EPSG:4326",
    )
    out, _ = network.prepare_roads(gdf, "EPSG:32647")
    notes = list(out["note"])
    assert "0812345678" not in notes[0].replace("-", "") and "ผิวทางแตก" in notes[0]
    assert notes[1] == "ซ่อมแล้วปี 2566 ยาว 120 ม."  # nothing to scrub: kept (digits as stored for codes)
