"""Rule 10 (workspace part): the change log never copies residents' personal or sensitive values, and
nothing of a deleted resident stays in it; rejected-row files never copy names, phones or national
ids; cddp:floodimpact without the personal-data switch gives counts per village only.

On copies of the Prue Yai demo workspace (demo-output/prueyai.gpkg: real Prue Yai tax map and
buildings, 5,133 households) — made before this rule, so its triggers are the old ones — and its flood
drill. The residents are test rows (the demo has none); their values are what must not leak.
"""

from __future__ import annotations

import csv
import json
import shutil
import sqlite3

import geopandas as gpd
import pytest
from qgis.core import QgsVectorLayer

from cddp_plugin.core.workspace import changelog, gpkg
from tests.conftest import ROOT

DEMO = ROOT / "demo-output" / "prueyai.gpkg"
FLOOD = ROOT / "demo-output" / "prueyai_flood_drill.geojson"
HOMES = ROOT / "demo-output" / "prueyai_households.geojson"

pytestmark = pytest.mark.skipif(not DEMO.is_file(), reason="demo output not present")

SECRETS = ("ทดสอบ สมมุติ", "081-234-5678", "ติดเตียงหลังผ่าตัด", '"bedridden"', '"red"', ":2480")


def run(alg, params):
    import processing

    return processing.run(f"cddp:{alg}", params)


@pytest.fixture
def demo(tmp_path):
    path = tmp_path / "prueyai.gpkg"
    shutil.copy(DEMO, path)
    return str(path)


def household_uuids(path, n):
    con = sqlite3.connect(path)
    rows = [r[0] for r in con.execute("SELECT uuid FROM households ORDER BY fid LIMIT ?", (n,))]
    con.close()
    return rows


def log_text(path, layer="residents"):
    con = sqlite3.connect(path)
    rows = con.execute(
        "SELECT coalesce(old_values, '') || coalesce(new_values, '') FROM cddp_changelog WHERE layer = ?", (layer,)
    ).fetchall()
    con.close()
    return "\n".join(r[0] for r in rows)


def add_residents(con, hh, start=0):
    con.executemany(
        "INSERT INTO residents (household_uuid, pseudo_id, full_name, birth_year_be, dependency, care_colour, note)"
        " VALUES (?, ?, ?, 2480, 'bedridden', 'red', ?)",
        [(u, f"R-{i}", "ทดสอบ สมมุติ", "ติดเตียงหลังผ่าตัด โทร 081-234-5678") for i, u in enumerate(hh, start)],
    )


def as_old_workspace(path, monkeypatch):
    """The workspace as the plugin before trigger version 2 made it: residents' triggers that copy every
    value into the log, and no trigger version in cddp_meta (the demo is built by today's plugin)."""
    from cddp_plugin.core.workspace.schema import LAYERS_BY_NAME
    from tests.core.workspace.old_triggers import make_old

    make_old(path, version=1, layers=[LAYERS_BY_NAME["residents"]])


def test_an_old_workspace_log_is_scrubbed_and_new_edits_never_copy_values(demo, monkeypatch):
    as_old_workspace(demo, monkeypatch)
    hh = household_uuids(demo, 3)
    raw = sqlite3.connect(demo)  # the old triggers copy every value
    with raw:
        add_residents(raw, hh)
    households_log = raw.execute("SELECT * FROM cddp_changelog WHERE layer != 'residents'").fetchall()
    raw.close()
    assert all(s in log_text(demo) for s in SECRETS)  # the leak this rule closes

    con = gpkg.connect(demo)  # the first write connection brings the triggers up to date
    assert all(s not in log_text(demo) for s in SECRETS)
    assert log_text(demo).count(changelog.REDACTED) == 3 * 5  # name, birth year, dependency, colour, note
    assert con.execute("SELECT value FROM cddp_meta WHERE key = ?", (changelog.TRIGGERS_KEY,)).fetchone()[0] == "3"
    with con:  # new rows, an update, a delete: the log says what changed, never the value
        add_residents(con, household_uuids(demo, 5)[3:], start=3)
        con.execute("UPDATE residents SET note = 'ย้ายไปอยู่กับลูก 089 999 8888', dependency = 'homebound'")
        con.execute("DELETE FROM residents WHERE pseudo_id = 'R-0'")
    con.close()
    text = log_text(demo)
    assert all(s not in text for s in (*SECRETS, "089 999 8888", '"homebound"', "ย้ายไปอยู่กับลูก"))
    check = sqlite3.connect(demo)
    ops = check.execute("SELECT op, count(*) FROM cddp_changelog WHERE layer = 'residents' GROUP BY op").fetchall()
    assert dict(ops) == {"insert": 5, "update": 5, "delete": 1}
    upd = json.loads(
        check.execute(
            "SELECT new_values FROM cddp_changelog WHERE op = 'update' AND layer = 'residents' LIMIT 1"
        ).fetchone()[0]
    )
    assert upd == {"dependency": changelog.REDACTED, "note": changelog.REDACTED}
    ins = json.loads(check.execute("SELECT new_values FROM cddp_changelog WHERE op = 'insert' AND layer = 'residents' ORDER BY seq LIMIT 1").fetchone()[0])  # fmt: skip
    assert ins["household_uuid"] == hh[0] and ins["sex"] is None  # public values and NULLs stay as they are
    # the rest of the log is untouched
    assert check.execute("SELECT * FROM cddp_changelog WHERE layer != 'residents'").fetchall() == households_log
    assert check.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    check.close()


def test_nothing_of_a_deleted_resident_stays_in_the_log(demo):
    con = gpkg.connect(demo)
    with con:
        add_residents(con, household_uuids(demo, 1))
        uuid = con.execute("SELECT uuid FROM residents").fetchone()[0]
        # an entry with values, as a client with the old triggers (or a sync of old data) wrote it
        con.execute(
            "INSERT INTO cddp_changelog (layer, feature_uuid, op, new_values) VALUES ('residents', ?, 'update', ?)",
            (uuid, json.dumps({"full_name": "ทดสอบ สมมุติ", "note": "081-234-5678"}, ensure_ascii=False)),
        )
        con.execute("DELETE FROM residents WHERE uuid = ?", (uuid,))
    con.close()
    assert "ทดสอบ สมมุติ" not in log_text(demo) and "081-234-5678" not in log_text(demo)


def test_floodimpact_without_the_switch_counts_per_village(demo, tmp_path, provider):
    hh = household_uuids(demo, 5133)
    con = gpkg.connect(demo)
    with con:
        add_residents(con, hh[::10])
    con.close()
    out = run(
        "floodimpact",
        {"HAZARD": str(FLOOD), "WORKSPACE": demo, "HOUSEHOLDS": str(tmp_path / "h.gpkg"),
         "VILLAGES": str(tmp_path / "v.csv")},
    )  # fmt: skip
    households = gpd.read_file(tmp_path / "h.gpkg")
    assert len(households) == out["AFFECTED_HOUSEHOLDS"] == 726
    assert not {"house_no", "house_code", "residents", "bedridden", "elderly", "disabled", "resident_names"} & set(
        households.columns
    )
    villages = list(csv.DictReader(open(tmp_path / "v.csv", encoding="utf-8")))
    assert sum(int(v["households"]) for v in villages) == 726
    assert sum(int(v["bedridden"]) for v in villages) == out["BEDRIDDEN"] > 0
    check = sqlite3.connect(demo)
    assert check.execute("SELECT count(*) FROM cddp_personal_data_log").fetchone()[0] == 0
    check.close()
    # with the switch: per household, and logged
    run("floodimpact", {"HAZARD": str(FLOOD), "WORKSPACE": demo, "INCLUDE_PERSONAL_DATA": True,
                        "HOUSEHOLDS": str(tmp_path / "hp.gpkg")})  # fmt: skip
    personal = gpd.read_file(tmp_path / "hp.gpkg")
    assert {"house_no", "bedridden"} <= set(personal.columns)
    check = sqlite3.connect(demo)
    assert check.execute("SELECT count(*) FROM cddp_personal_data_log").fetchone()[0] == 1
    check.close()


def test_rejected_rows_never_copy_names_phones_or_national_ids(demo, tmp_path, provider):
    homes = gpd.read_file(HOMES, rows=100)
    homes = homes[homes.geometry.notna()].head(60)
    path = tmp_path / "survey.csv"
    with open(path, "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f)
        w.writerow(["house_no", "lat", "lon", "ชื่อ-สกุล", "phone", "national_id", "note"])
        for i, (hs, pt) in enumerate(zip(homes.hs_no, homes.geometry, strict=True)):
            lat, lon = (pt.y, pt.x) if i % 3 else (pt.y + 30, pt.x)  # every third row outside Thailand
            w.writerow([hs, lat, lon, "ทดสอบ สมมุติ", "081-234-5678", "1101700230705", "ติดต่อ 089-999-8888"])
    out = run("importhouseholds", {"INPUT": str(path), "WORKSPACE": demo, "REJECTED": str(tmp_path / "rej.csv")})
    assert out["REJECTED_COUNT"] >= 20
    rejected = (tmp_path / "rej.csv").read_text(encoding="utf-8")
    header = rejected.splitlines()[0]
    assert "reason" in header and "house_no" in header
    for secret in ("ทดสอบ สมมุติ", "081-234-5678", "1101700230705", "089-999-8888", "ชื่อ", "phone", "national_id"):
        assert secret not in rejected
    layer = QgsVectorLayer(str(tmp_path / "rej.csv"))
    assert layer.featureCount() == out["REJECTED_COUNT"]
