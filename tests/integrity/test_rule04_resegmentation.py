"""Rule 4: re-segmentation keeps every reference. Inspections, complaints and work orders on replaced
road sections move to the new section of the same road at their place (the complaint's or order's
point, else the old section's midpoint); nothing is left pointing at a deleted section, and
cddp:roadcondition still works after cddp:segmentroads with REPLACE_INSPECTED.

Real data: the Pathum Wan demo workspace (2,640 OSM roads in 3,477 sections of 100 m, 774 DEMO
inspections, real Traffy complaints and the work orders generated from them and from the ratings)."""

import shutil
import sqlite3

import pytest
import shapely
from shapely.geometry import LineString, Point

from cddp_plugin.core.common.errors import CddpError
from cddp_plugin.core.roads import jobs as roads_jobs
from cddp_plugin.core.roads import network
from cddp_plugin.core.workspace import create, dopa, gpkg
from tests.conftest import ROOT, run_cddp_process

DEMO = ROOT / "demo-output" / "pathumwan.gpkg"
CRS47 = "EPSG:32647"
X0, Y0 = 665_000.0, 1_519_000.0

REFERENCES = {
    "road_inspections": "SELECT fid, section_uuid FROM road_inspections",
    "complaints": "SELECT fid, asset_uuid FROM complaints WHERE asset_layer = 'road_sections'",
    "work_orders": "SELECT fid, asset_uuid FROM work_orders WHERE asset_layer = 'road_sections'",
}


def rows(ws, sql, *params):
    con = sqlite3.connect(ws)
    try:
        return con.execute(sql, params).fetchall()
    finally:
        con.close()


def dangling(ws):
    return {t: rows(ws, f"SELECT count(*) FROM ({sql}) r WHERE r.{sql.split()[2]} NOT IN (SELECT uuid FROM road_sections)")[0][0]
            for t, sql in REFERENCES.items()}  # fmt: skip


@pytest.mark.skipif(not DEMO.exists(), reason="run `make demo` first")
def test_resegmenting_the_pathumwan_demo_keeps_every_reference(tmp_path):
    ws = tmp_path / "pathumwan.gpkg"
    shutil.copy(DEMO, ws)
    profile = tmp_path / "profile"
    section_road = dict(rows(ws, "SELECT uuid, road_uuid FROM road_sections"))
    before = {t: dict(rows(ws, sql)) for t, sql in REFERENCES.items()}
    assert {t: len(v) for t, v in before.items()} == {"road_inspections": 774, "complaints": 3, "work_orders": 112}
    assert dangling(ws) == {"road_inspections": 0, "complaints": 0, "work_orders": 0}
    logged = rows(ws, "SELECT count(*) FROM cddp_changelog")[0][0]

    refused = run_cddp_process(["run", "cddp:segmentroads", "--", f"WORKSPACE={ws}", "LENGTH=50"], profile)
    assert refused.returncode != 0
    assert "Re-segmenting would delete 550 sections that have ratings or inspections" in refused.stdout + refused.stderr
    assert rows(ws, "SELECT count(*) FROM cddp_changelog")[0][0] == logged  # nothing changed

    res = run_cddp_process(["run", "cddp:segmentroads", "--", f"WORKSPACE={ws}", "LENGTH=50", "REPLACE_INSPECTED=true"],
                           profile)  # fmt: skip
    assert res.returncode == 0, res.stdout[-2000:] + res.stderr[-2000:]
    new_sections = dict(rows(ws, "SELECT uuid, road_uuid FROM road_sections"))
    after = {t: dict(rows(ws, sql)) for t, sql in REFERENCES.items()}
    # nothing dangles, no row was lost, every row still on its own road
    assert dangling(ws) == {"road_inspections": 0, "complaints": 0, "work_orders": 0}
    assert {t: set(v) for t, v in after.items()} == {t: set(v) for t, v in before.items()}
    for table in REFERENCES:
        for fid, old in before[table].items():
            assert new_sections[after[table][fid]] == section_road[old], (table, fid)
    moved = {t: sum(1 for fid, old in v.items() if old not in new_sections) for t, v in before.items()}
    assert moved == {"road_inspections": 550, "complaints": 3, "work_orders": 83}
    assert "MOVED:\t636" in res.stdout
    assert "Moved from removed sections to the new section at their place: 550 inspections, 3 complaints, 83 work orders." in res.stdout  # fmt: skip
    # a complaint goes to the new section of its road nearest to where it was reported, with its new distance
    for section, dist, blob in rows(
        ws, "SELECT asset_uuid, asset_distance_m, geom FROM complaints WHERE asset_layer = 'road_sections'"
    ):
        point = gpkg.from_blob(blob)
        road = new_sections[section]
        candidates = rows(ws, "SELECT uuid, geom FROM road_sections WHERE road_uuid = ?", road)
        nearest = min(candidates, key=lambda c: gpkg.from_blob(c[1]).distance(point))
        assert section == nearest[0]
        assert dist == pytest.approx(gpkg.from_blob(nearest[1]).distance(point), abs=0.01)
    assert rows(ws, "SELECT count(*) FROM road_distresses WHERE inspection_uuid NOT IN (SELECT uuid FROM road_inspections)") == [(0,)]  # fmt: skip

    rated = run_cddp_process(["run", "cddp:roadcondition", "--", f"WORKSPACE={ws}"], profile)
    assert rated.returncode == 0, rated.stdout[-2000:] + rated.stderr[-2000:]
    assert "RATED_PCI:\t1" in rated.stdout
    paser = int(rated.stdout.split("RATED_PASER:\t")[1].split()[0])
    # every section holding inspections is rated again (the PCI one by PCI, the rest by PASER)
    assert paser + 1 == rows(ws, "SELECT count(DISTINCT section_uuid) FROM road_inspections")[0][0]
    assert paser > 700
    assert rows(ws, "PRAGMA integrity_check") == [("ok",)]


@pytest.fixture
def street(tmp_path):
    """One 300 m road cut into 100 m sections, with a complaint at 250 m on section 3, a work order
    without a point on section 2 and an inspection of section 1."""
    ws = create.create_workspace(tmp_path / "ws.gpkg", dopa.parse_municipality_code("1007"), crs=CRS47,
                                 user="tester").path  # fmt: skip
    import geopandas as gpd

    gdf = gpd.GeoDataFrame({"road_code": ["T1"], "name": ["ถนนทดสอบ"]},
                           geometry=[LineString([(X0, Y0), (X0 + 300, Y0)])], crs=CRS47)  # fmt: skip
    out, rep = network.prepare_roads(gdf, CRS47)
    roads_jobs.upsert_roads(ws, out, rep, "tester")
    roads_jobs.segment_workspace_roads(ws, length_m=100, user="tester")
    sections = dict(rows(ws, "SELECT section_id, uuid FROM road_sections"))
    con = gpkg.connect(ws)
    srs = gpkg.srs_id(con, "complaints")
    with con:
        con.execute(
            "INSERT INTO complaints (source, external_id, asset_layer, asset_uuid, asset_distance_m, geom) "
            "VALUES ('walk_in', 'C1', 'road_sections', ?, 4.0, ?)",
            (sections["T1-0003"], gpkg.to_blob(Point(X0 + 250, Y0 + 4), srs)),
        )
        con.execute(
            "INSERT INTO work_orders (wo_number, status, asset_layer, asset_uuid) VALUES ('WO-1', 'new', 'road_sections', ?)",
            (sections["T1-0002"],),
        )
        con.execute(
            "INSERT INTO road_inspections (section_uuid, inspected_on, method, paser) VALUES (?, '2026-11-20', 'paser', 6)",
            (sections["T1-0001"],),
        )
    con.close()
    return ws


def test_complaints_and_orders_move_to_the_section_at_their_place(street):
    with pytest.raises(CddpError, match="Re-segmenting would delete 1 sections that have ratings or inspections"):
        roads_jobs.segment_workspace_roads(street, length_m=150, user="tester")
    rep = roads_jobs.segment_workspace_roads(street, length_m=150, user="tester", replace_inspected=True)
    assert rep.moved == {"road_inspections": 1, "complaints": 1, "work_orders": 1}
    sections = dict(rows(street, "SELECT uuid, section_id FROM road_sections"))
    assert sorted(sections.values()) == ["T1-0001", "T1-0002"]  # 0–150, 150–300
    complaint = rows(street, "SELECT asset_uuid, asset_distance_m FROM complaints")[0]
    assert (sections[complaint[0]], complaint[1]) == ("T1-0002", 4.0)  # at 250 m
    # the order had no point: the old section's midpoint (150 m) is on both; the one sharing more of the
    # old line wins, then the lower chainage → T1-0001
    assert sections[rows(street, "SELECT asset_uuid FROM work_orders")[0][0]] == "T1-0001"
    assert sections[rows(street, "SELECT section_uuid FROM road_inspections")[0][0]] == "T1-0001"
    assert dangling(street) == {"road_inspections": 0, "complaints": 0, "work_orders": 0}
    log = rows(street, "SELECT layer, op FROM cddp_changelog WHERE layer IN ('complaints', 'work_orders', "
                       "'road_inspections') AND op = 'update'")  # fmt: skip
    assert sorted(log) == [("complaints", "update"), ("road_inspections", "update"), ("work_orders", "update")]
    assert roads_jobs.rate_sections(street, "tester").rated_paser == 1


def test_unrated_sections_with_complaints_need_no_confirmation(street):
    con = gpkg.connect(street)
    with con:
        con.execute("DELETE FROM road_inspections")
    con.close()
    rep = roads_jobs.segment_workspace_roads(street, length_m=60, user="tester")
    assert rep.moved == {"road_inspections": 0, "complaints": 1, "work_orders": 1}
    sections = dict(rows(street, "SELECT uuid, section_id FROM road_sections"))
    assert sections[rows(street, "SELECT asset_uuid FROM complaints")[0][0]] == "T1-0005"  # 240–300 m
    assert sections[rows(street, "SELECT asset_uuid FROM work_orders")[0][0]] == "T1-0003"  # midpoint 150 m → 120–180
    assert dangling(street) == {"road_inspections": 0, "complaints": 0, "work_orders": 0}


def test_a_failed_write_leaves_the_sections_and_references_as_they_were(street):
    before = rows(street, "SELECT uuid, section_id, hex(geom) FROM road_sections ORDER BY fid")
    refs = {t: rows(street, sql) for t, sql in REFERENCES.items()}
    con = gpkg.connect(street)
    srs = gpkg.srs_id(con, "road_sections")
    with con:  # a section id another road already uses: the run must refuse before changing anything
        con.execute(
            "INSERT INTO road_sections (road_uuid, section_id, geom) VALUES ('other-road', 'T1-0004', ?)",
            (gpkg.to_blob(shapely.LineString([(X0, Y0 + 500), (X0 + 10, Y0 + 500)]), srs),),
        )
    con.close()
    with pytest.raises(CddpError, match="Section id T1-0004 already belongs to another road"):
        roads_jobs.segment_workspace_roads(street, length_m=60, user="tester", replace_inspected=True)
    assert rows(street, "SELECT uuid, section_id, hex(geom) FROM road_sections WHERE road_uuid != 'other-road' ORDER BY fid") == before  # fmt: skip
    assert {t: rows(street, sql) for t, sql in REFERENCES.items()} == refs
