"""Complaint intake into a real workspace GeoPackage (de-duplication, PII, snapping to road sections
and lamps) and work-order generation (complaints, road condition, lamps, outage clusters,
idempotence), in the core and through the Processing algorithms."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import re
import sqlite3

import pytest
import shapely
from pyproj import Transformer

from cddp_plugin.core.common import pii
from cddp_plugin.core.common.errors import CddpError
from cddp_plugin.core.works import channels, snapping, workorders
from cddp_plugin.core.works import jobs as works_jobs
from cddp_plugin.core.works import sla as works_sla
from cddp_plugin.core.workspace import create, dopa, gpkg
from tests.conftest import ROOT

UUID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")

DATA = ROOT / "tests" / "data"

X0, Y0 = 662_000.0, 1_520_000.0  # UTM 47N, Pathum Wan
TO_LONLAT = Transformer.from_crs("EPSG:32647", "EPSG:4326", always_xy=True)
TRAFFY_HEADER = ("ticket_id,type,organization,comment,coords,photo,photo_after,address,subdistrict,district,"
                 "province,timestamp,state,star,count_reopen,last_activity").split(",")  # fmt: skip
NOW = "2026-11-20T09:00:00+07:00"


def lonlat(x, y):
    lon, lat = TO_LONLAT.transform(X0 + x, Y0 + y)
    return f"{lon:.7f},{lat:.7f}"


def traffy_csv(rows) -> bytes:
    """A Traffy dump CSV (UTF-8 with BOM) from (ticket, tags, comment, x, y, state, last_activity)."""
    out = io.StringIO()
    w = csv.writer(out)
    w.writerow(TRAFFY_HEADER)
    for ticket, tags, comment, x, y, state, last in rows:
        w.writerow([ticket, "{" + ",".join(tags) + "}", "เขตปทุมวัน", comment, lonlat(x, y), "", "", "", "วังใหม่",
                    "ปทุมวัน", "กรุงเทพมหานคร", "2026-11-01 03:00:00.000000+00", state, "", "0", last])  # fmt: skip
    return ("\ufeff" + out.getvalue()).encode("utf-8")


@pytest.fixture
def ws(tmp_path):
    """A workspace (EPSG:32647) with a 200 m road in two 100 m sections along y=0, a soi along x=0
    from y=100 to 300, five lamps on circuit C1 (L1, L2 working; O1–O3 out 30 m apart) and L9 with
    a damaged pole far away."""
    area = dopa.parse_municipality_code("1007")
    path = create.create_workspace(tmp_path / "ws.gpkg", area, "ปทุมวัน", "EPSG:32647", user="tester").path
    con = gpkg.connect(path)
    srs = gpkg.srs_id(con, "road_sections")
    sections = [
        ("S1", "r1", 0, 100, None, "poor", shapely.LineString([(X0, Y0), (X0 + 100, Y0)])),
        ("S2", "r1", 100, 200, 20.0, "serious", shapely.LineString([(X0 + 100, Y0), (X0 + 200, Y0)])),
        ("S3", "r2", 0, 200, 80.0, "satisfactory", shapely.LineString([(X0, Y0 + 100), (X0, Y0 + 300)])),
    ]
    lamps = [
        ("L1", "working", 10, 5), ("L2", "working", 60, 5),
        ("O1", "out", 1000, 1000), ("O2", "out", 1030, 1000), ("O3", "out", 1060, 1000),
        ("L9", "damaged_pole", 3000, 0),
    ]  # fmt: skip
    with con:
        gpkg.write_features(
            con, "road_sections", ["section_id", "road_uuid", "chainage_from_m", "chainage_to_m", "pci", "condition_band"],
            [[s, r, a, b, pci, band, gpkg.to_blob(g, srs), "tester"] for s, r, a, b, pci, band, g in sections], [],
        )  # fmt: skip
        con.execute("UPDATE road_sections SET paser = 3 WHERE section_id = 'S1'")
        gpkg.write_features(
            con, "streetlights", ["ref", "status", "circuit"],
            [[ref, st, "C1", gpkg.to_blob(shapely.Point(X0 + x, Y0 + y), srs), "tester"] for ref, st, x, y in lamps], [],
        )  # fmt: skip
    con.close()
    return str(path)


def uuid_of(path, table, where):
    con = sqlite3.connect(path)
    try:
        return con.execute(f"SELECT uuid FROM {table} WHERE {where}").fetchone()[0]
    finally:
        con.close()


def query(path, sql, *params):
    con = sqlite3.connect(path)
    try:
        return con.execute(sql, params).fetchall()
    finally:
        con.close()


# --------------------------------------------------------------------------------------------
# Snapping
# --------------------------------------------------------------------------------------------


def test_snap_picks_the_nearest_asset_of_the_category_within_reach():
    road = (
        [shapely.LineString([(0, 0), (100, 0)]), shapely.LineString([(0, 50), (100, 50)])],
        ["road-a", "road-b"],
    )
    lamps = ([shapely.Point(10, 5), shapely.Point(90, 45)], ["lamp-1", "lamp-2"])
    pts = [
        shapely.Point(50, 10),  # road a at 10 m
        shapely.Point(50, 40),  # road b at 10 m
        shapely.Point(50, 200),  # nothing within 30 m
        shapely.Point(88, 44),  # lighting: lamp-2 at ~2.2 m
        shapely.Point(50, 1),  # lighting, no lamp within 30 m → road a at 1 m
        shapely.Point(10, 5),  # a tree: no asset layer
        None,  # no location
    ]
    cats = ["road", "footpath", "road", "lighting", "lighting", "tree", "road"]
    snap = snapping.snap_to_assets(pts, cats, {"road_sections": road, "streetlights": lamps}, 30)
    assert snap.layer == ["road_sections", "road_sections", None, "streetlights", "road_sections", None, None]
    assert snap.uuid == ["road-a", "road-b", None, "lamp-2", "road-a", None, None]
    assert snap.distance[:2] == [10.0, 10.0] and snap.distance[3] == pytest.approx(2.24, abs=0.01)
    assert snap.distance[4] == 1.0 and snap.count() == {"road_sections": 3, "streetlights": 1}


@pytest.mark.parametrize("bad", [0, -5, "ห้าสิบ", None, float("inf")])
def test_snap_distance_must_be_positive(bad):
    with pytest.raises(CddpError, match="snapping distance must be a positive number"):
        snapping.snap_to_assets([], [], {}, bad)


# --------------------------------------------------------------------------------------------
# Import
# --------------------------------------------------------------------------------------------

ROWS = [
    ("2026-AAA001", ["ถนน"], "ถนนเป็นหลุม โทร 081-234-5678", 50, 8, "รอรับเรื่อง", "2026-11-01 03:00:00+00"),
    ("2026-AAA002", ["แสงสว่าง"], "ไฟดับทั้งแถว", 1031, 1004, "รอรับเรื่อง", "2026-11-01 03:00:00+00"),
    ("2026-AAA003", ["ต้นไม้"], "กิ่งไม้หัก", 50, 8, "กำลังดำเนินการ", "2026-11-01 03:00:00+00"),
    ("2026-AAA004", ["ทางเท้า"], "ทางเท้าพัง", 5000, 5000, "รอรับเรื่อง", "2026-11-01 03:00:00+00"),
    ("2026-AAA005", ["ถนน"], "หลุมอีกแห่ง", 150, -6, "เสร็จสิ้น", "2026-11-01 03:00:00+00"),
]


def test_import_snaps_scrubs_and_reimport_updates_without_duplicates(ws, tmp_path):
    parsed = channels.parse_complaints(traffy_csv(ROWS), "dump.csv")
    rep = works_jobs.import_complaints(ws, parsed, "tester", max_distance=30)
    assert (rep.rows, rep.inserted, rep.updated, rep.unchanged, rep.rejected) == (5, 5, 0, 0, 0)
    assert rep.snapped == {"road_sections": 2, "streetlights": 1}
    assert (rep.not_snapped, rep.no_asset_category) == (1, 1) and rep.pii_scrubbed == {"phone": 1}
    assert rep.unknown_tags == {}
    got = {r[0]: r[1:] for r in query(ws, "SELECT external_id, asset_layer, asset_distance_m, status FROM complaints")}
    assert got["2026-AAA001"] == ("road_sections", 8.0, "waiting")
    assert got["2026-AAA002"] == ("streetlights", pytest.approx(4.12, abs=0.01), "waiting")
    assert got["2026-AAA003"][:2] == (None, None) and got["2026-AAA004"][:2] == (None, None)
    assert query(ws, "SELECT asset_uuid FROM complaints WHERE external_id = '2026-AAA002'")[0][0] == uuid_of(
        ws, "streetlights", "ref = 'O2'"
    )
    # every stored text (not the random uuids or the geometry bytes, which may hold "081" by chance)
    text = " ".join(str(v) for row in query(ws, "SELECT * FROM complaints") for v in row if isinstance(v, str))
    text = " ".join(w for w in text.split() if not UUID.fullmatch(w))
    assert "081" not in text and pii.SCRUB_PLACEHOLDER in text

    again = works_jobs.import_complaints(ws, parsed, "tester", max_distance=30)
    assert (again.inserted, again.updated, again.unchanged) == (0, 0, 5)
    assert query(ws, "SELECT count(*) FROM complaints") == [(5,)]

    # the road complaint is now in progress (newer last activity) and one more arrives
    newer = list(ROWS)
    newer[0] = (*ROWS[0][:5], "กำลังดำเนินการ", "2026-11-02 03:00:00+00")
    newer.append(("2026-AAA006", ["ถนน"], "อีกเรื่อง", 60, 2, "รอรับเรื่อง", "2026-11-02 03:00:00+00"))
    third = works_jobs.import_complaints(
        ws, channels.parse_complaints(traffy_csv(newer), "dump2.csv"), "tester", max_distance=30
    )
    assert (third.inserted, third.updated, third.unchanged) == (1, 1, 4)
    assert query(ws, "SELECT status, status_raw FROM complaints WHERE external_id = '2026-AAA001'") == [
        ("inprogress", "กำลังดำเนินการ")
    ]
    assert query(ws, "SELECT count(*) FROM complaints") == [(6,)]
    # an older copy of the dump does not roll the state back
    works_jobs.import_complaints(ws, parsed, "tester", max_distance=30)
    assert query(ws, "SELECT status FROM complaints WHERE external_id = '2026-AAA001'") == [("inprogress",)]


def test_the_api_shape_of_the_same_ticket_updates_the_dump_import(ws):
    api = json.loads((DATA / "traffy_api_search.json").read_text(encoding="utf-8"))
    first = api["results"][0]
    dump = [(first["ticket_id"], ["แสงสว่าง"], "ไฟดับ", 10, 10, "รอรับเรื่อง", "2026-05-11 02:14:07+00")]
    works_jobs.import_complaints(ws, channels.parse_complaints(traffy_csv(dump), "dump.csv"), "tester")
    first = dict(first, state="กำลังดำเนินการ", last_activity="2026-05-12 02:00:00+00")
    rep = works_jobs.import_complaints(ws, channels.parse_complaints(json.dumps([first], ensure_ascii=False)), "tester")
    assert (rep.inserted, rep.updated) == (0, 1)
    rows = query(ws, "SELECT external_id, status, description FROM complaints")
    assert len(rows) == 1 and rows[0][1] == "inprogress" and "081" not in rows[0][2]


def test_a_moved_complaint_is_snapped_again_and_tickets_without_id_are_not_duplicated(ws):
    row = ("", ["ถนน"], "ไม่มีเลขเรื่อง", 50, 5, "รอรับเรื่อง", "2026-11-01 03:00:00+00")
    moved = ("2026-MOVE01", ["ถนน"], "ย้ายตำแหน่ง", 50, 5, "รอรับเรื่อง", "2026-11-01 03:00:00+00")
    works_jobs.import_complaints(ws, channels.parse_complaints(traffy_csv([row, moved])), "tester")
    works_jobs.import_complaints(ws, channels.parse_complaints(traffy_csv([row])), "tester")
    assert query(ws, "SELECT count(*) FROM complaints") == [(2,)]
    assert query(ws, "SELECT external_id FROM complaints WHERE description LIKE 'ไม่มี%'")[0][0].startswith("@")
    later = (*moved[:3], -5, 200, "รอรับเรื่อง", "2026-11-03 03:00:00+00")  # now beside the soi S3
    rep = works_jobs.import_complaints(ws, channels.parse_complaints(traffy_csv([later])), "tester")
    assert rep.updated == 1
    assert query(ws, "SELECT asset_uuid, asset_distance_m FROM complaints WHERE external_id = '2026-MOVE01'") == [
        (uuid_of(ws, "road_sections", "section_id = 'S3'"), 5.0)
    ]


def test_keep_within_rejects_the_rest_with_their_rows():
    rows = [
        ("2026-IN0001", ["ถนน"], "ใน", 0, 0, "รอรับเรื่อง", ""),
        ("2026-OUT001", ["ถนน"], "นอก", 9000, 0, "รอรับเรื่อง", ""),
    ]
    parsed = channels.parse_complaints(traffy_csv(rows))
    lon, lat = (float(v) for v in lonlat(0, 0).split(","))
    kept = snapping.keep_within(parsed, shapely.Point(lon, lat).buffer(0.01), "เขตทดสอบ")
    assert [c["external_id"] for c in kept.complaints] == ["2026-IN0001"]
    assert [(r["row"], r["external_id"], r["code"]) for r in kept.rejected] == [(2, "2026-OUT001", "outside_area")]
    assert "outside เขตทดสอบ" in kept.rejected[0]["reason"] and kept.rows == 2
    with pytest.raises(CddpError, match="area to keep complaints in is empty"):
        snapping.keep_within(parsed, shapely.Polygon(), "x")


def test_import_needs_a_workspace(tmp_path):
    other = tmp_path / "plain.gpkg"
    sqlite3.connect(other).close()
    with pytest.raises(CddpError, match="is not a CDDP workspace"):
        works_jobs.import_complaints(str(other), channels.parse_complaints(traffy_csv(ROWS)), "tester")


# --------------------------------------------------------------------------------------------
# Work orders
# --------------------------------------------------------------------------------------------


def test_orders_from_condition_lamps_clusters_and_complaints_and_rerun_creates_nothing(ws):
    works_jobs.import_complaints(ws, channels.parse_complaints(traffy_csv(ROWS)), "tester", max_distance=30)
    rep = works_jobs.generate_work_orders(ws, "tester", now=NOW)
    # S1 (PASER 3) and S2 (PCI 20); the O1–O3 cluster; L9; complaints: AAA001 (on S1 → attached to
    # its order), AAA002 (on O2 → attached to the cluster's order), AAA003 (tree, own order),
    # AAA004 (no asset in reach, own order); AAA005 is finished: no order.
    assert rep.created_by_origin == {"road": 2, "cluster": 1, "lamp": 1, "complaint": 2}
    assert (rep.created, rep.attached, rep.clusters) == (6, 2, 1)
    assert rep.orders == [f"WO-2569-{n:05d}" for n in range(1, 7)]
    orders = {
        r[0]: r[1:] for r in query(ws, "SELECT title, priority, category, asset_layer, status, due_at FROM work_orders")
    }
    s2 = next(k for k in orders if "S2" in k)
    assert orders[s2][:4] == ("P3", "road", "road_sections", "new")  # serious → P3
    assert orders[next(k for k in orders if "S1" in k)][0] == "P4"  # poor → planned work
    cluster = next(k for k in orders if k.startswith("ไฟดับเป็นกลุ่ม 3 ดวง"))
    assert orders[cluster][:3] == ("P2", "lighting", "streetlights")
    assert orders[cluster][4] == "2026-11-21T02:00:00.000Z"  # P2: 24 h after 09:00 Bangkok
    assert query(ws, "SELECT asset_uuid FROM work_orders WHERE title = ?", cluster)[0][0] == uuid_of(
        ws, "streetlights", "ref = 'O1'"
    )
    linked = dict(query(ws, "SELECT external_id, work_order_uuid FROM complaints"))
    assert linked["2026-AAA001"] == query(ws, "SELECT uuid FROM work_orders WHERE title LIKE '%S1%'")[0][0]
    assert linked["2026-AAA002"] == query(ws, "SELECT uuid FROM work_orders WHERE title = ?", cluster)[0][0]
    assert linked["2026-AAA005"] is None
    assert "081" not in " ".join(str(r) for r in query(ws, "SELECT * FROM work_orders"))
    events = query(ws, "SELECT from_status, to_status, note FROM work_order_events")
    assert len(events) == 8 and sum(1 for e in events if e[0] is None and e[1] == "new") == 6
    assert sum(1 for e in events if e[2] and e[2].startswith("แนบเรื่องร้องเรียน traffy")) == 2

    again = works_jobs.generate_work_orders(ws, "tester", now=NOW)
    assert (again.created, again.attached, again.already_linked) == (0, 0, 4)
    assert query(ws, "SELECT count(*) FROM work_orders") == [(6,)]
    assert query(ws, "SELECT count(*) FROM cddp_changelog WHERE layer = 'work_orders'")[0][0] == 6


def test_a_new_complaint_joins_the_open_order_and_a_closed_one_does_not(ws):
    works_jobs.generate_work_orders(ws, "tester", from_complaints=False, from_lamps=False, now=NOW)
    s2_order = query(ws, "SELECT uuid FROM work_orders WHERE title LIKE '%S2%'")[0][0]
    new = [("2026-BBB001", ["ถนน"], "หลุม", 150, 3, "รอรับเรื่อง", "2026-11-05 03:00:00+00")]
    works_jobs.import_complaints(ws, channels.parse_complaints(traffy_csv(new)), "tester")
    rep = works_jobs.generate_work_orders(ws, "tester", now=NOW)
    assert rep.attached == 1 and rep.created_by_origin.get("complaint") is None
    assert query(ws, "SELECT work_order_uuid FROM complaints")[0][0] == s2_order

    # the S2 order is cancelled (final) → a later complaint about S2 gets a new order
    con = gpkg.connect(ws)
    cols = [d[1] for d in con.execute("PRAGMA table_info(work_orders)")]
    row = dict(zip(cols, con.execute("SELECT * FROM work_orders WHERE uuid = ?", (s2_order,)).fetchone(), strict=True))
    done, _event = workorders.transition(
        row, "cancelled", actor="tester", note="งบปีหน้า", at="2026-11-20T10:00:00+07:00"
    )
    with con:
        con.execute(
            "UPDATE work_orders SET status = ?, closed_at = ? WHERE uuid = ?",
            (done["status"], done["closed_at"], s2_order),
        )
    con.close()
    later = [("2026-BBB002", ["ถนน"], "หลุมอีก", 160, 3, "รอรับเรื่อง", "2026-11-06 03:00:00+00")]
    works_jobs.import_complaints(ws, channels.parse_complaints(traffy_csv(later)), "tester")
    rep = works_jobs.generate_work_orders(ws, "tester", now=NOW)
    # S2 is still below the threshold: a new road order; the new complaint joins it, and so does the
    # first one, still open on the cancelled order (issue rule 12)
    assert (rep.created_by_origin, rep.attached, rep.relinked) == ({"road": 1}, 2, 1)
    assert query(ws, "SELECT count(DISTINCT work_order_uuid) FROM complaints") == [(1,)]


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"pci_below": 140}, "Thresholds out of range"),
        ({"paser_at_most": -1}, "Thresholds out of range"),
        ({"pci_below": "สี่สิบ"}, "thresholds must be numbers"),
    ],
)
def test_bad_thresholds(ws, kwargs, message):
    with pytest.raises(CddpError, match=message):
        works_jobs.generate_work_orders(ws, "tester", **kwargs)
    assert query(ws, "SELECT count(*) FROM work_orders") == [(0,)]


# --------------------------------------------------------------------------------------------
# Processing algorithms
# --------------------------------------------------------------------------------------------


def run(alg, params):
    import processing

    return processing.run(f"cddp:{alg}", params)


def test_algorithms_import_with_area_and_rejected_output_then_generate(ws, tmp_path, provider):
    from qgis.core import QgsVectorLayer

    dump = tmp_path / "dump.csv"
    dump.write_bytes(traffy_csv(ROWS))
    lon, lat = (float(v) for v in lonlat(500, 500).split(","))
    area = tmp_path / "area.geojson"
    area.write_text(json.dumps({"type": "FeatureCollection", "features": [
        {"type": "Feature", "properties": {"name": "เขตทดสอบ"}, "geometry": shapely.geometry.mapping(shapely.Point(lon, lat).buffer(0.012))}]}))  # fmt: skip
    out = run(
        "importcomplaints",
        {"INPUT": str(dump), "WORKSPACE": ws, "AREA": str(area), "AREA_LABEL": "เขตทดสอบ", "MAX_DISTANCE": 30,
         "REJECTED": str(tmp_path / "rejected.csv")},
    )  # fmt: skip
    assert (out["ROWS"], out["INSERTED"], out["REJECTED_COUNT"], out["SNAPPED"]) == (5, 4, 1, 3)
    rejected = list(QgsVectorLayer(str(tmp_path / "rejected.csv")).getFeatures())
    assert [(f["external_id"], f["code"]) for f in rejected] == [("2026-AAA004", "outside_area")]
    assert "เขตทดสอบ" in rejected[0]["reason"]
    gen = run("generateworkorders", {"WORKSPACE": ws})
    assert (gen["CREATED"], gen["ATTACHED"]) == (5, 2)
    assert run("generateworkorders", {"WORKSPACE": ws})["CREATED"] == 0


def test_the_municipal_sla_policy_is_stored_in_the_workspace_and_used(ws, provider):
    from qgis.core import QgsProcessingException

    assert works_sla.work_order_policy(ws) == (works_sla.DEFAULT_SLA, frozenset())
    works_jobs.import_complaints(ws, channels.parse_complaints(traffy_csv(ROWS)), "tester", max_distance=30)
    # Friday 20 Nov 2026 09:00 Bangkok; the P3 road order is due 2 working days later — with
    # Monday 23 Nov a holiday, that is Wednesday 25 Nov 09:00
    with pytest.raises(QgsProcessingException, match="SLA setting 'P3 two days' is not of the form"):
        run("generateworkorders", {"WORKSPACE": ws, "SLA": "P3 two days"})
    assert query(ws, "SELECT count(*) FROM work_orders") == [(0,)]
    assert works_sla.work_order_policy(ws)[0] == works_sla.DEFAULT_SLA  # nothing stored from a bad run
    works_jobs.save_work_order_policy(ws, sla="P3=2wd, P2=12h", holidays="2569-11-23")
    rep = works_jobs.generate_work_orders(ws, "tester", now=NOW, from_complaints=False, from_lamps=False)
    assert rep.created == 2
    due = dict(query(ws, "SELECT priority, due_at FROM work_orders"))
    assert due["P3"] == "2026-11-25T02:00:00.000Z"
    sla, holidays = works_sla.work_order_policy(ws)
    assert (works_sla.sla_text(sla), sorted(holidays)) == ("P1=4h, P2=12h, P3=2wd, P4=20wd", [dt.date(2026, 11, 23)])
    out = run("generateworkorders", {"WORKSPACE": ws, "SLA": "P1=2h", "HOLIDAYS": "2026-12-05 2026-12-07"})
    assert out["CREATED"] >= 1
    sla, holidays = works_sla.work_order_policy(ws)
    assert str(sla["P1"]) == "2h" and str(sla["P2"]) == "24h"  # the text given is the whole policy
    assert len(holidays) == 2


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b'{"results": [', "not valid JSON"),
        (b"", "empty"),
        (b"a,b\n1,2\n", "format"),
    ],
)
def test_bad_files_give_clear_messages(ws, tmp_path, provider, content, message):
    from qgis.core import QgsProcessingException

    bad = tmp_path / "bad.json"
    bad.write_bytes(content)
    with pytest.raises(QgsProcessingException, match=re.compile(message, re.I)):
        run("importcomplaints", {"INPUT": str(bad), "WORKSPACE": ws})
    assert query(ws, "SELECT count(*) FROM complaints") == [(0,)]


def test_unknown_categories_are_filed_as_other_and_counted(ws):
    rows = [
        ("2026-UNK001", ["เสียงรบกวน"], "เสียงดัง", 0, 0, "รอรับเรื่อง", ""),
        ("2026-UNK002", ["เสียงรบกวน", "ถนน"], "เสียงดังบนถนน", 0, 0, "รอรับเรื่อง", ""),
        ("2026-UNK003", ["สัตว์จรจัด"], "สุนัข", 0, 0, "รอรับเรื่อง", ""),
    ]
    rep = works_jobs.import_complaints(ws, channels.parse_complaints(traffy_csv(rows)), "tester")
    assert rep.unknown_tags == {"เสียงรบกวน": 2, "สัตว์จรจัด": 1}
    assert rep.by_category == {"other": 2, "road": 1}
    assert query(ws, "SELECT categories_raw FROM complaints WHERE external_id = '2026-UNK003'") == [("สัตว์จรจัด",)]


def test_import_and_generate_through_cddp_process(ws, tmp_path):
    from tests.conftest import run_cddp_process

    dump = tmp_path / "dump.csv"
    dump.write_bytes(traffy_csv(ROWS))
    profile = tmp_path / "profile"
    res = run_cddp_process(
        ["run", "cddp:importcomplaints", "--", f"INPUT={dump}", f"WORKSPACE={ws}", "MAX_DISTANCE=30",
         f"REJECTED={tmp_path / 'rejected.csv'}"], profile=profile,
    )  # fmt: skip
    assert res.returncode == 0, res.stdout + res.stderr
    assert "INSERTED:\t5" in res.stdout and "081" not in res.stdout + res.stderr
    res = run_cddp_process(
        ["run", "cddp:generateworkorders", "--", f"WORKSPACE={ws}", "SLA=P3=3wd", "HOLIDAYS=2569-12-05"],
        profile=profile,
    )  # fmt: skip
    assert res.returncode == 0, res.stdout + res.stderr
    assert "CREATED:\t6" in res.stdout and "P3=3wd" in res.stdout
    assert str(works_sla.work_order_policy(ws)[0]["P3"]) == "3wd"
    bad = run_cddp_process(["run", "cddp:importcomplaints", "--", f"INPUT={tmp_path}/none.csv", f"WORKSPACE={ws}"],
                           profile=profile)  # fmt: skip
    assert bad.returncode != 0


def test_change_work_order_walks_the_lifecycle_and_the_complaints_follow(ws):
    works_jobs.import_complaints(ws, channels.parse_complaints(traffy_csv(ROWS)), "tester", max_distance=30)
    works_jobs.generate_work_orders(ws, "tester", now=NOW)
    number = query(ws, "SELECT wo_number FROM work_orders WHERE title LIKE '%S1%'")[0][0]
    before = query(ws, "SELECT count(*) FROM cddp_changelog")[0][0]

    def status():
        return query(ws, "SELECT status, team, assigned_at, completed_at FROM work_orders WHERE wo_number = ?", number)[
            0
        ]

    def complaint():
        return query(ws, "SELECT status FROM complaints WHERE external_id = '2026-AAA001'")[0][0]

    with pytest.raises(CddpError, match=f"Work order {number}: cannot change status from new to completed"):
        works_jobs.change_work_order(ws, number, "completed", "somchai")
    with pytest.raises(CddpError, match="There is no work order WO-2569-09999"):
        works_jobs.change_work_order(ws, "WO-2569-09999", "triaged", "somchai")
    with pytest.raises(CddpError, match="earlier than its created_at"):
        works_jobs.change_work_order(ws, number, "triaged", "somchai", at="2026-11-19 10:00")
    assert status()[0] == "new" and complaint() == "waiting"
    assert query(ws, "SELECT count(*) FROM cddp_changelog")[0][0] == before  # refused: nothing written

    rep = works_jobs.change_work_order(ws, number, "triaged", "somchai", at="2026-11-20 10:00")
    assert rep.complaints == [("2026-AAA001", "waiting", "inprogress")] and complaint() == "inprogress"
    with pytest.raises(CddpError, match="to assign it, give a team or an assignee"):
        works_jobs.change_work_order(ws, number, "assigned", "somchai", at="2026-11-20 11:00")
    works_jobs.change_work_order(ws, number, "assigned", "somchai", at="2026-11-20 11:00", changes={"team": "ทีมถนน 1"})
    works_jobs.change_work_order(ws, number, "in_progress", "ช่างสมศักดิ์", at="2026-11-21 08:00")
    rep = works_jobs.change_work_order(ws, number, "completed", "ช่างสมศักดิ์", at="2026-11-21 15:30",
                                   note="ปะหลุมแล้ว โทร 081-234-5678")  # fmt: skip
    assert rep.complaints == [("2026-AAA001", "inprogress", "finish")]
    assert status() == ("completed", "ทีมถนน 1", "2026-11-20T04:00:00.000Z", "2026-11-21T08:30:00.000Z")
    notes = [r[0] for r in query(ws, "SELECT note FROM work_order_events WHERE note LIKE 'ปะหลุม%'")]
    assert notes == ["ปะหลุมแล้ว โทร [ลบข้อมูลติดต่อ]"]
    with pytest.raises(CddpError, match="needs a note saying why"):
        works_jobs.change_work_order(ws, number, "in_progress", "somchai", at="2026-11-22 09:00")  # rework needs a why
    works_jobs.change_work_order(ws, number, "verified", "somchai", at="2026-11-22 09:00")
    by_uuid = query(ws, "SELECT uuid FROM work_orders WHERE wo_number = ?", number)[0][0]
    works_jobs.change_work_order(ws, by_uuid, "closed", "somchai", at="2026-11-22 09:05")
    assert status()[0] == "closed" and complaint() == "finish"
    events = query(ws, "SELECT from_status, to_status FROM work_order_events WHERE work_order_uuid = ? "
                       "AND from_status IS NOT NULL ORDER BY event_at", by_uuid)  # fmt: skip
    assert [e[1] for e in events][-6:] == ["triaged", "assigned", "in_progress", "completed", "verified", "closed"]
    with pytest.raises(CddpError, match="closed is final"):
        works_jobs.change_work_order(ws, number, "triaged", "somchai")
    logged = dict(query(ws, "SELECT layer, count(*) FROM cddp_changelog GROUP BY layer"))
    assert logged["work_order_events"] >= 6 and logged["complaints"] >= 7


def test_change_work_order_algorithm(ws, provider):
    from qgis.core import QgsProcessingException

    works_jobs.import_complaints(ws, channels.parse_complaints(traffy_csv(ROWS)), "tester", max_distance=30)
    works_jobs.generate_work_orders(ws, "tester", now=NOW)
    number = query(ws, "SELECT wo_number FROM work_orders WHERE title LIKE '%S1%'")[0][0]
    out = run("changeworkorder", {"WORKSPACE": ws, "ORDER": number, "STATUS": 1, "AT": "2026-11-20 10:00"})
    assert (out["WO_NUMBER"], out["NEW_STATUS"], out["COMPLAINTS_CHANGED"]) == (number, "triaged", 1)
    with pytest.raises(QgsProcessingException, match="cannot change status from triaged to closed"):
        run("changeworkorder", {"WORKSPACE": ws, "ORDER": number, "STATUS": 7})
    out = run("changeworkorder", {"WORKSPACE": ws, "ORDER": number, "STATUS": 8, "NOTE": "การไฟฟ้ารับไปซ่อม"})
    assert out["NEW_STATUS"] == "cancelled" and out["COMPLAINTS_CHANGED"] == 0  # cancelling leaves complaints
