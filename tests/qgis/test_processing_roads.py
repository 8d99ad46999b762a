"""Road and streetlight algorithms end to end: real OSM roads and Khon Kaen poles, hand-entered
inspections rated by PASER and PCI, streetlight status/clusters/gaps on a hand-made street."""

import json
import re
import shutil
import sqlite3

import pytest
from qgis.core import QgsProcessingException, QgsVectorLayer

from cddp_plugin.core.roads import pavement, pci
from cddp_plugin.core.workspace import gpkg
from tests.conftest import SHARED, run_cddp_process

X0, Y0 = 660_000, 1_520_000  # UTM 47N, Bangkok


def run(alg, params):
    import processing

    return processing.run(f"cddp:{alg}", params)


@pytest.fixture
def ws(tmp_path, provider):
    return run(
        "createworkspace", {"OUTPUT": str(tmp_path / "ws.gpkg"), "MUNICIPALITY_CODE": "1007", "CRS": "EPSG:32647"}
    )["OUTPUT"]


def geojson(path, features, epsg=32647):
    path.write_text(json.dumps({"type": "FeatureCollection", "crs": {"type": "name", "properties": {"name": f"urn:ogc:def:crs:EPSG::{epsg}"}},
                                "features": [{"type": "Feature", "properties": p, "geometry": g} for p, g in features]}))  # fmt: skip
    return str(path)


def line(*xy):
    return {"type": "LineString", "coordinates": [[X0 + x, Y0 + y] for x, y in xy]}


def point(x, y):
    return {"type": "Point", "coordinates": [X0 + x, Y0 + y]}


@pytest.fixture
def street(tmp_path, ws):
    """One 300 m lit street 'ถนนทดสอบ' (road_code T1) and a 100 m soi T2, 7 m wide."""
    roads = geojson(tmp_path / "roads.geojson", [
        ({"road_code": "T1", "name": "ถนนทดสอบ", "class": "secondary", "surface": "ลาดยาง", "width": 7, "lit": "yes"}, line((0, 0), (300, 0))),
        ({"road_code": "T2", "name": "ซอยทดสอบ", "class": "residential", "surface": "คอนกรีต", "width": 7}, line((0, 60), (0, 160))),
    ])  # fmt: skip
    out = run("importroads", {"INPUT": roads, "WORKSPACE": ws})
    assert (out["READ"], out["INSERTED"]) == (2, 2)
    return ws


def test_roads_are_imported_segmented_and_updated_not_duplicated(street, tmp_path):
    out = run("segmentroads", {"WORKSPACE": street, "LENGTH": 100})
    assert out["SECTIONS"] == 4  # 300 m → 3 × 100 m; 100 m → 1
    con = sqlite3.connect(street)
    rows = con.execute(
        "SELECT s.section_id, s.chainage_from_m, s.chainage_to_m, s.area_sqm FROM road_sections s ORDER BY s.section_id"
    ).fetchall()
    assert rows[0] == ("T1-0001", 0.0, 100.0, 700.0)
    assert [r[0] for r in rows] == ["T1-0001", "T1-0002", "T1-0003", "T2-0001"]
    con.close()
    again = run("importroads", {"INPUT": str(tmp_path / "roads.geojson"), "WORKSPACE": street})
    assert (again["INSERTED"], again["UPDATED"], again["UNCHANGED"]) == (0, 0, 2)  # the same file: nothing changes
    out = run("segmentroads", {"WORKSPACE": street, "MODE": 1, "TARGET_AREA": 225})
    assert (
        out["SECTIONS"] == 9 + 3
    )  # 225 m² / 7 m = 32.1 m units: 300 m → 9 (the 10.7 m rest joins the last), 100 m → 3


def test_paser_and_pci_ratings_are_written_to_the_sections(street):
    run("segmentroads", {"WORKSPACE": street, "LENGTH": 100})
    con = gpkg.connect(street)
    sec = dict(con.execute("SELECT section_id, uuid FROM road_sections"))
    with con:
        # section 1: PASER 6 (fair, preservation); a newer inspection of section 2 by PCI with two sample units
        con.execute(
            "INSERT INTO road_inspections (uuid, section_uuid, inspected_on, method, paser) VALUES ('i1', ?, '2026-11-01', 'paser', 6)",
            (sec["T1-0001"],),
        )
        con.execute(
            "INSERT INTO road_inspections (uuid, section_uuid, inspected_on, method, paser) VALUES ('i0', ?, '2025-01-01', 'paser', 9)",
            (sec["T1-0002"],),
        )
        for uid, unit in (("u1", "SU1"), ("u2", "SU2")):
            con.execute(
                "INSERT INTO road_inspections (uuid, section_uuid, inspected_on, method, sample_unit, sample_area_sqm) VALUES (?, ?, '2026-11-02', 'pci', ?, 225)",
                (uid, sec["T1-0002"], unit),
            )
        con.executemany("INSERT INTO road_distresses (inspection_uuid, distress_type, severity, quantity, unit) VALUES (?, ?, ?, ?, ?)", [
            ("u1", 1, "M", 20.0, "m2"), ("u1", 13, "H", 3, "count"), ("u2", 10, "L", 15.0, "m"),
        ])  # fmt: skip
    out = run("roadcondition", {"WORKSPACE": street})
    assert (out["RATED_PCI"], out["RATED_PASER"], out["UNRATED"]) == (1, 1, 2)
    rows = {
        r[0]: r[1:]
        for r in con.execute(
            "SELECT section_id, paser, pci, condition_band, treatment, inspected_on FROM road_sections"
        )
    }
    con.close()
    assert rows["T1-0001"] == (6, None, "fair", "preservation", "2026-11-01")
    u1 = pci.pci_sample_unit([pci.Distress(1, "M", 20.0, "m2"), pci.Distress(13, "H", 3, "count")], 225).pci
    u2 = pci.pci_sample_unit([pci.Distress(10, "L", 15.0, "m")], 225).pci
    assert rows["T1-0002"][1] == pytest.approx(round((u1 + u2) / 2, 1))
    assert rows["T1-0002"][2] == pavement.condition_band(rows["T1-0002"][1]) and rows["T1-0002"][4] == "2026-11-02"


@pytest.mark.parametrize(
    ("sql", "message"),
    [
        ("INSERT INTO road_inspections (uuid, section_uuid, inspected_on, method) VALUES ('x', '{s}', '2026-11-01', 'pci')", "has no sample-unit area"),
        ("INSERT INTO road_inspections (uuid, section_uuid, inspected_on, method, sample_area_sqm) VALUES ('x', '{s}', '2026-11-01', 'pci', 225);"
         "INSERT INTO road_distresses (inspection_uuid, distress_type, severity, quantity, unit) VALUES ('x', 33, 'L', 1, 'm2')", "33"),
        ("INSERT INTO road_inspections (uuid, section_uuid, inspected_on, method, sample_area_sqm) VALUES ('x', '{s}', '2026-11-01', 'pci', 225);"
         "INSERT INTO road_distresses (inspection_uuid, distress_type, severity, quantity, unit) VALUES ('x', 1, NULL, 1, 'm2')", "severity is missing"),
        ("INSERT INTO road_inspections (uuid, section_uuid, inspected_on, method, sample_area_sqm) VALUES ('x', '{s}', '2026-11-01', 'pci', 225);"
         "INSERT INTO road_distresses (inspection_uuid, distress_type, severity, quantity, unit) VALUES ('x', 1, 'L', 300, 'm2')", "100"),
        ("INSERT INTO road_inspections (uuid, section_uuid, inspected_on, method, paser) VALUES ('x', 'nope', '2026-11-01', 'paser', 5)", "not in the workspace"),
    ],
)  # fmt: skip
def test_bad_inspection_records_are_refused_clearly(street, sql, message):
    run("segmentroads", {"WORKSPACE": street})
    con = gpkg.connect(street)
    s = con.execute("SELECT uuid FROM road_sections LIMIT 1").fetchone()[0]
    with con:
        for stmt in sql.format(s=s).split(";"):
            con.execute(stmt)
    con.close()
    with pytest.raises(QgsProcessingException, match=message):
        run("roadcondition", {"WORKSPACE": street})


def test_streetlight_status_clusters_and_gaps(street, tmp_path):
    # lamps along T1 at 0, 40, 150 and 290 m on circuit C1, plus three out lamps 30 m apart on circuit C2
    lamps = geojson(tmp_path / "lamps.geojson", [
        ({"ref": "L1", "circuit": "C1", "status": "working"}, point(0, 5)),
        ({"ref": "L2", "circuit": "C1", "status": "ใช้งานได้"}, point(40, 5)),
        ({"ref": "L3", "circuit": "C1", "status": "working"}, point(150, 5)),
        ({"ref": "L4", "circuit": "C1", "status": "working"}, point(290, 5)),
        ({"ref": "O1", "circuit": "C2", "status": "ดับ"}, point(1000, 1000)),
        ({"ref": "O2", "circuit": "C2", "status": "out"}, point(1030, 1000)),
        ({"ref": "O3", "circuit": "C2", "status": "out"}, point(1060, 1000)),
    ])  # fmt: skip
    out = run("importstreetlights", {"INPUT": lamps, "WORKSPACE": street})
    assert (out["READ"], out["INSERTED"]) == (7, 7)
    con = gpkg.connect(street)
    l3 = con.execute("SELECT uuid FROM streetlights WHERE ref = 'L3'").fetchone()[0]
    with con:  # L3 reported out yesterday (a fault) → the lamp is out now
        con.execute(
            "INSERT INTO streetlight_faults (streetlight_uuid, fault, reported_at) VALUES (?, 'out', strftime('%Y-%m-%dT%H:%M:%fZ', 'now', '-1 day'))",
            (l3,),
        )
    res = run(
        "streetlightstatus",
        {"WORKSPACE": street, "GAPS": str(tmp_path / "gaps.gpkg"), "CLUSTERS": str(tmp_path / "cl.gpkg")},
    )
    assert res["LAMPS"] == 7 and res["CLUSTER_COUNT"] == 1
    assert res["PCT_OUT"] == pytest.approx(400 / 7, abs=0.1)  # O1–O3 and L3
    assert con.execute("SELECT status FROM streetlights WHERE ref = 'L3'").fetchone()[0] == "out"
    t1 = con.execute("SELECT uuid FROM roads WHERE road_code = 'T1'").fetchone()[0]
    assert {r[0] for r in con.execute("SELECT road_uuid FROM streetlights WHERE ref LIKE 'L%'")} == {t1}
    con.close()
    gaps = sorted(
        (round(f["from_m"]), round(f["to_m"])) for f in QgsVectorLayer(str(tmp_path / "gaps.gpkg")).getFeatures()
    )
    assert gaps == [(40, 290)]  # L3 is out: from the working L2 at 40 m to L4 at 290 m
    cl = next(QgsVectorLayer(str(tmp_path / "cl.gpkg")).getFeatures())
    assert cl["lamps"] == 3 and cl["circuits"] == "C2"


def test_condition_summary_table_and_chart(street, tmp_path):
    run("segmentroads", {"WORKSPACE": street})
    out = run(
        "conditionsummary", {"WORKSPACE": street, "OUTPUT": str(tmp_path / "s.csv"), "CHART": str(tmp_path / "c.png")}
    )
    assert out["ROAD_KM"] == pytest.approx(0.4)
    assert (tmp_path / "c.png").read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert "road_km,unrated" in (tmp_path / "s.csv").read_text(encoding="utf-8")


def test_bad_inputs(ws, tmp_path):
    with pytest.raises(QgsProcessingException, match="File not found"):
        run("importroads", {"INPUT": str(tmp_path / "nope.osm.pbf"), "WORKSPACE": ws})
    with pytest.raises(QgsProcessingException, match="exactly one"):
        run("importstreetlights", {"WORKSPACE": ws})
    bad = geojson(tmp_path / "l.geojson", [({"ref": "X", "status": "broken"}, point(0, 0))])
    out = run("importstreetlights", {"INPUT": bad, "WORKSPACE": ws})
    assert out["REJECTED_COUNT"] == 1 and out["INSERTED"] == 0
    zero = geojson(tmp_path / "z.geojson", [({"road_code": "Z"}, line((5, 5), (5, 5)))])
    assert run("importroads", {"INPUT": zero, "WORKSPACE": ws})["REJECTED_COUNT"] == 1
    wrong_crs = geojson(tmp_path / "w.geojson", [({"road_code": "W"}, line((0, 0), (100, 0)))], epsg=4326)
    with pytest.raises(QgsProcessingException, match="outside Thailand"):
        run("importroads", {"INPUT": wrong_crs, "WORKSPACE": ws})
    with pytest.raises(QgsProcessingException, match="no streetlights"):
        run("streetlightstatus", {"WORKSPACE": ws})


@pytest.mark.skipif(not (SHARED / "pathumwan").is_dir(), reason="shared data not present")
def test_real_roads_and_lamps_through_cddp_process(tmp_path):
    ws, kk = tmp_path / "pw.gpkg", tmp_path / "kk.gpkg"
    profile = tmp_path / "profile"
    import geopandas as gpd

    khwaeng = gpd.read_file(SHARED / "pathumwan" / "subdistricts_180.geojson")
    area = tmp_path / "pathumwan.geojson"
    khwaeng[khwaeng["District"].astype(str) == "1007"].dissolve()[["geometry"]].to_file(area, driver="GeoJSON")
    dump = SHARED / "pathumwan" / "teamchadchart.csv"
    steps = [
        ["cddp:createworkspace", f"OUTPUT={ws}", "MUNICIPALITY_CODE=1007"],
        ["cddp:importroads", f"INPUT={SHARED / 'pathumwan' / 'pathumwan.osm.pbf'}", f"WORKSPACE={ws}"],
        ["cddp:importstreetlights", f"INPUT={SHARED / 'pathumwan' / 'pathumwan.osm.pbf'}", f"WORKSPACE={ws}"],
        ["cddp:segmentroads", f"WORKSPACE={ws}"],
        ["cddp:streetlightstatus", f"WORKSPACE={ws}"],
        ["cddp:roadcondition", f"WORKSPACE={ws}"],
        [
            "cddp:conditionsummary",
            f"WORKSPACE={ws}",
            f"OUTPUT={tmp_path / 'summary.csv'}",
            f"CHART={tmp_path / 'chart.png'}",
        ],
        ["cddp:createworkspace", f"OUTPUT={kk}", "MUNICIPALITY_CODE=4001", "CRS=EPSG:32648"],
        ["cddp:importstreetlights", f"INPUT={SHARED / 'khonkaen' / 'lightpole.geojson'}", f"WORKSPACE={kk}"],
        # the real Traffy dump: everything accounted for, Pathum Wan's tickets kept and snapped
        ["cddp:importcomplaints", f"INPUT={dump}", f"WORKSPACE={ws}", f"REJECTED={tmp_path / 'rejected.csv'}"],
        [
            "cddp:importcomplaints",
            f"INPUT={dump}",
            f"WORKSPACE={tmp_path / 'pw_area.gpkg'}",
            f"AREA={area}",
            f"REJECTED={tmp_path / 'outside.csv'}",
        ],
        ["cddp:generateworkorders", f"WORKSPACE={tmp_path / 'pw_area.gpkg'}"],
    ]
    results = []
    for step in steps:
        if step[0] == "cddp:importcomplaints" and "AREA" in step[3]:
            shutil.copy(ws, tmp_path / "pw_area.gpkg")
            sqlite3.connect(tmp_path / "pw_area.gpkg").execute("DELETE FROM complaints").connection.commit()
        res = run_cddp_process(["run", step[0], "--", *step[1:]], profile=profile)
        assert res.returncode == 0, res.stdout[-2000:] + res.stderr[-2000:]
        results.append(res.stdout)
    assert (tmp_path / "chart.png").exists() and "road_km,unrated" in (tmp_path / "summary.csv").read_text(
        encoding="utf-8"
    )
    con = sqlite3.connect(ws)
    assert con.execute("SELECT count(*) FROM roads").fetchone()[0] == 2640

    assert con.execute("SELECT count(*) FROM streetlights").fetchone()[0] == 5
    assert con.execute("SELECT count(*) FROM road_sections").fetchone()[0] > 3000
    con.close()
    con = sqlite3.connect(kk)
    counts = dict(con.execute("SELECT status, count(*) FROM streetlights GROUP BY status"))
    con.close()
    assert counts == {"working": 33, "damaged_pole": 5, "unknown": 2}

    # without AREA, the municipality's area (Bangkok, widened by 30 km): 997 tickets imported, the 3 in
    # Phayao and Yasothon rejected as outside_area; no phone number stored
    whole = sqlite3.connect(ws)
    assert whole.execute("SELECT count(*), count(DISTINCT external_id) FROM complaints").fetchone() == (997, 997)
    far = (tmp_path / "rejected.csv").read_text(encoding="utf-8").splitlines()
    assert len(far) == 1 + 3 and all("outside_area" in line for line in far[1:])
    text = " ".join(str(v) for row in whole.execute("SELECT description, address FROM complaints") for v in row)
    assert not re.search(r"(?<![\d.])0[689]\d[- ]?\d{3}[- ]?\d{4}(?!\d)", text) and text.count("[ลบข้อมูลติดต่อ]") == 11
    whole.close()
    # with the district's boundary: 22 kept, 978 rejected as outside, some snapped to OSM road sections
    kept = sqlite3.connect(tmp_path / "pw_area.gpkg")
    assert kept.execute("SELECT count(*) FROM complaints").fetchone()[0] == 22
    outside = (tmp_path / "outside.csv").read_text(encoding="utf-8").splitlines()
    assert len(outside) == 1 + 978 and all("outside_area" in line for line in outside[1:])
    snapped = kept.execute(
        "SELECT count(*) FROM complaints c JOIN road_sections s ON s.uuid = c.asset_uuid WHERE c.asset_distance_m <= 50"
    ).fetchone()[0]
    assert snapped >= 3
    orders = kept.execute("SELECT count(*) FROM work_orders WHERE source = 'traffy'").fetchone()[0]
    linked = kept.execute("SELECT count(*) FROM complaints WHERE work_order_uuid IS NOT NULL").fetchone()[0]
    finished = kept.execute("SELECT count(*) FROM complaints WHERE status IN ('finish', 'cancelled')").fetchone()[0]
    assert linked == 22 - finished and 0 < orders <= linked
    kept.close()
