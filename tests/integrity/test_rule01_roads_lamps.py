"""Rule 1 for roads and streetlights: an import changes only what its input carries, and re-importing
the same file changes nothing (no new rows, no change-log entries). Repeated road codes and pole
numbers are matched by geometry, never by their order; rows without a key are matched by identical
geometry (roads) or position within 0.5 m (lamps), and the import says how many it matched by what.
Real data: Pathum Wan's OpenStreetMap extract and Khon Kaen's streetlight survey."""

import sqlite3

import geopandas as gpd
import pyogrio
import pytest
from shapely.geometry import LineString, Point

from cddp_plugin.core.lighting import jobs as lighting_jobs
from cddp_plugin.core.lighting import lamps
from cddp_plugin.core.roads import jobs as roads_jobs
from cddp_plugin.core.roads import network
from cddp_plugin.core.workspace import create, dopa, gpkg
from tests.conftest import SHARED, run_cddp_process

PBF = SHARED / "pathumwan" / "pathumwan.osm.pbf"
POLES = SHARED / "khonkaen" / "lightpole.geojson"
CRS47, CRS48 = "EPSG:32647", "EPSG:32648"
X0, Y0 = 665_000.0, 1_519_000.0  # Pathum Wan, UTM 47N

pytestmark = pytest.mark.skipif(not PBF.exists() or not POLES.exists(), reason="shared data not present")


def rows(ws, sql, *params):
    con = sqlite3.connect(ws)
    try:
        return con.execute(sql, params).fetchall()
    finally:
        con.close()


def log_count(ws, layer=None):
    if layer is None:
        return rows(ws, "SELECT count(*) FROM cddp_changelog")[0][0]
    return rows(ws, "SELECT count(*) FROM cddp_changelog WHERE layer = ?", layer)[0][0]


@pytest.fixture
def pathumwan(tmp_path):
    return create.create_workspace(tmp_path / "pw.gpkg", dopa.parse_municipality_code("1007"), "เขตปทุมวัน", CRS47,
                                   user="tester").path  # fmt: skip


@pytest.fixture
def khonkaen(tmp_path):
    return create.create_workspace(tmp_path / "kk.gpkg", dopa.parse_municipality_code("4001"), "เทศบาลนครขอนแก่น",
                                   CRS48, user="tester").path  # fmt: skip


def import_roads(ws, gdf, label="roads.geojson"):
    out, rep = network.prepare_roads(gdf, CRS47, layer_label=label)
    return roads_jobs.upsert_roads(ws, out, rep, "tester")


def import_lamps(ws, gdf, crs=CRS47, label="lamps.geojson"):
    out, rep = lamps.prepare_lamps(gdf, crs, layer_label=label, source_name=label)
    return lighting_jobs.upsert_lamps(ws, out, rep, "tester")


def line(*pts):
    return LineString([(X0 + x, Y0 + y) for x, y in pts])


def frame(records, crs=CRS47):
    records = [dict(r) for r in records]
    geoms = [r.pop("geometry") for r in records]
    return gpd.GeoDataFrame(records, geometry=geoms, crs=crs)


# --- the real files, twice ----------------------------------------------------------------------


def test_pathumwan_osm_roads_and_lamps_twice_change_nothing(pathumwan):
    first = roads_jobs.upsert_roads(pathumwan, *network.prepare_osm_roads(PBF, CRS47), "tester")
    assert (first.inserted, first.updated, first.far_outside) == (2640, 0, 0)
    lamp_frame = lamps.read_osm_lamps(PBF)
    lamp_first = import_lamps(pathumwan, lamp_frame, label=PBF.name)
    assert (lamp_first.inserted, lamp_first.updated) == (5, 0)
    snapshot = (
        rows(pathumwan, "SELECT * FROM roads ORDER BY fid"),
        rows(pathumwan, "SELECT * FROM streetlights ORDER BY fid"),
    )
    logged = log_count(pathumwan)

    again = roads_jobs.upsert_roads(pathumwan, *network.prepare_osm_roads(PBF, CRS47), "tester")
    lamp_again = import_lamps(pathumwan, lamps.read_osm_lamps(PBF), label=PBF.name)

    assert (again.inserted, again.updated, again.changed) == (0, 2640, 0)
    assert again.matched_by == {"osm_id": 2640}
    assert (lamp_again.inserted, lamp_again.updated, lamp_again.changed) == (0, 5, 0)
    assert lamp_again.matched_by == {"osm_id": 5}
    assert log_count(pathumwan) == logged  # not one change-log entry
    assert (rows(pathumwan, "SELECT * FROM roads ORDER BY fid"),
            rows(pathumwan, "SELECT * FROM streetlights ORDER BY fid")) == snapshot  # fmt: skip


def test_khonkaen_survey_twice_changes_nothing(khonkaen):
    first = import_lamps(khonkaen, gpd.read_file(POLES), CRS48, POLES.name)
    assert (first.inserted, first.updated, first.far_outside) == (40, 0, 0)
    snapshot = rows(khonkaen, "SELECT * FROM streetlights ORDER BY fid")
    logged = log_count(khonkaen)
    again = import_lamps(khonkaen, gpd.read_file(POLES), CRS48, POLES.name)
    assert (again.inserted, again.updated, again.changed) == (0, 40, 0)
    assert again.matched_by == {"position": 40}  # the survey has no pole numbers: matched where they stand
    assert log_count(khonkaen) == logged
    assert rows(khonkaen, "SELECT * FROM streetlights ORDER BY fid") == snapshot


def test_khonkaen_survey_twice_through_qgis_process(tmp_path):
    ws, profile = tmp_path / "kk.gpkg", tmp_path / "profile"
    made = run_cddp_process(["run", "cddp:createworkspace", "--", f"OUTPUT={ws}", "MUNICIPALITY_CODE=4001",
                             "CRS=EPSG:32648"], profile)  # fmt: skip
    assert made.returncode == 0, made.stdout[-2000:] + made.stderr[-2000:]
    outputs = []
    for _ in range(2):
        res = run_cddp_process(["run", "cddp:importstreetlights", "--", f"INPUT={POLES}", f"WORKSPACE={ws}"], profile)
        assert res.returncode == 0, res.stdout[-2000:] + res.stderr[-2000:]
        outputs.append(res.stdout)
    assert "INSERTED:\t40" in outputs[0] and "FAR_OUTSIDE:\t0" in outputs[0]
    assert "INSERTED:\t0" in outputs[1] and "UPDATED:\t0" in outputs[1] and "UNCHANGED:\t40" in outputs[1]
    assert "Matched to existing streetlights: position 40; 0 really changed." in outputs[1]
    assert rows(ws, "SELECT count(*) FROM streetlights")[0][0] == 40
    assert log_count(ws, "streetlights") == 40  # the 40 inserts, nothing else
    assert "Traceback" not in outputs[1]


# --- files without a column never blank it -----------------------------------------------------------

FULL_ROADS = [
    {"road_code": "ปท.ถ.001", "name_th": "ถนนพระรามที่ 1", "name_en": "Rama I Road", "class": "primary",
     "surface": "ลาดยาง", "owner": "กรุงเทพมหานคร", "lanes": 4, "width": 14, "lit": "yes", "note": "สำรวจ 2568",
     "geometry": line((0, 0), (300, 0))},
    {"road_code": "ปท.ถ.002", "name_th": "ซอยจุฬา 12", "name_en": "Soi Chula 12", "class": "residential",
     "surface": "คอนกรีต", "owner": "เทศบาล", "lanes": 2, "width": 6, "lit": "no", "note": "ทางตัน",
     "geometry": line((0, 60), (0, 160))},
]  # fmt: skip
ROAD_FIELDS = "road_code, name_th, name_en, road_class, surface, owner, lanes, width_m, lit, note"


def test_road_layers_without_columns_never_blank_them(pathumwan):
    import_roads(pathumwan, frame(FULL_ROADS))
    before = rows(pathumwan, f"SELECT {ROAD_FIELDS} FROM roads ORDER BY road_code")
    assert before[0] == ("ปท.ถ.001", "ถนนพระรามที่ 1", "Rama I Road", "primary", "asphalt", "municipality", 4, 14.0, 1,
                         "สำรวจ 2568")  # fmt: skip
    logged = log_count(pathumwan)
    # codes and lines only; then without surface and Thai names (an English name only); then a survey of
    # surfaces only: each changes nothing it does not carry
    codes_only = frame([{"road_code": r["road_code"], "geometry": r["geometry"]} for r in FULL_ROADS])
    rep = import_roads(pathumwan, codes_only)
    assert (rep.inserted, rep.updated, rep.changed) == (0, 2, 0)
    assert rep.matched_by == {"road_code": 2}
    english = frame([{"road_code": r["road_code"], "name": r["name_en"], "lanes": r["lanes"], "geometry": r["geometry"]}
                     for r in FULL_ROADS])  # fmt: skip
    rep = import_roads(pathumwan, english)
    assert (rep.inserted, rep.changed) == (0, 0)
    assert rows(pathumwan, f"SELECT {ROAD_FIELDS} FROM roads ORDER BY road_code") == before
    assert log_count(pathumwan) == logged
    resurfaced = frame([{"road_code": "ปท.ถ.002", "surface": "ลาดยาง", "geometry": FULL_ROADS[1]["geometry"]}])
    rep = import_roads(pathumwan, resurfaced)
    assert (rep.updated, rep.changed) == (1, 1)
    after = rows(pathumwan, f"SELECT {ROAD_FIELDS} FROM roads ORDER BY road_code")
    assert after[0] == before[0] and after[1] == (*before[1][:4], "asphalt", *before[1][5:])
    change = rows(
        pathumwan, "SELECT old_values, new_values FROM cddp_changelog WHERE layer = 'roads' AND op = 'update'"
    )
    assert len(change) == 1 and '"surface":"concrete"' in change[0][0] and '"surface":"asphalt"' in change[0][1]


def test_repeated_road_codes_are_matched_by_geometry_not_order(pathumwan):
    twins = [{"road_code": "ซ.1", "name": "ซอย 1 ฝั่งเหนือ", "geometry": line((0, 0), (200, 0))},
             {"road_code": "ซ.1", "name": "ซอย 1 ฝั่งใต้", "geometry": line((0, -500), (150, -500))},
             {"road_code": "ซ.1", "name": "ซอย 1 ช่วงกลาง", "geometry": line((0, -250), (90, -250))}]  # fmt: skip
    import_roads(pathumwan, frame(twins))
    before = rows(pathumwan, "SELECT uuid, name_th, hex(geom) FROM roads ORDER BY fid")
    logged = log_count(pathumwan)
    rep = import_roads(pathumwan, frame(twins[::-1]))  # another order: nothing may move
    assert (rep.inserted, rep.updated, rep.changed) == (0, 3, 0)
    assert rows(pathumwan, "SELECT uuid, name_th, hex(geom) FROM roads ORDER BY fid") == before
    assert log_count(pathumwan) == logged
    # one of them re-surveyed 3 m off its old line, in yet another order: it updates that road, not a twin
    moved = [dict(twins[1], geometry=line((0, -503), (150, -503)), surface="ลูกรัง"), twins[2], twins[0]]
    rep = import_roads(pathumwan, frame(moved))
    assert (rep.inserted, rep.changed) == (0, 1)
    assert rows(pathumwan, "SELECT name_th, surface FROM roads WHERE surface != 'unknown'") == [
        ("ซอย 1 ฝั่งใต้", "laterite")
    ]


def test_roads_without_keys_are_matched_by_identical_geometry(pathumwan):
    soi = [{"name": "ซอยไม่มีรหัส", "geometry": line((0, 0), (80, 0))},
           {"name": "ซอยไม่มีรหัส 2", "geometry": line((0, 30), (80, 30))}]  # fmt: skip
    import_roads(pathumwan, frame(soi))
    rep = import_roads(pathumwan, frame(soi[::-1]))
    assert (rep.inserted, rep.updated, rep.changed) == (0, 2, 0)
    assert rep.matched_by == {"geometry": 2}
    assert rows(pathumwan, "SELECT count(*) FROM roads")[0][0] == 2


def survey(records, crs=CRS47):
    return frame([{**r, "geometry": Point(X0 + r.pop("x"), Y0 + r.pop("y"))} for r in [dict(r) for r in records]], crs)


SURVEY = [
    {"pole_no": "P-001", "lamp": "LED", "watt": 90, "circuit": "C1", "owner": "การไฟฟ้านครหลวง", "สถานะ": "ใช้งานได้", "x": 0, "y": 5},
    {"pole_no": "P-002", "lamp": "โซเดียมความดันสูง", "watt": 150, "circuit": "C1", "owner": "เทศบาล", "สถานะ": "ดับ", "x": 40, "y": 5},
]  # fmt: skip
LAMP_FIELDS = "ref, lamp_type, power_w, circuit, owner, status, note"


def test_lamp_surveys_without_columns_never_blank_them(pathumwan):
    import_lamps(pathumwan, survey(SURVEY))
    before = rows(pathumwan, f"SELECT {LAMP_FIELDS} FROM streetlights ORDER BY ref")
    assert before == [("P-001", "led", 90.0, "C1", "mea", "working", None),
                      ("P-002", "hps", 150.0, "C1", "municipality", "out", None)]  # fmt: skip
    logged = log_count(pathumwan)
    refs_only = survey([{"pole_no": r["pole_no"], "x": r["x"], "y": r["y"]} for r in SURVEY])
    rep = import_lamps(pathumwan, refs_only)
    assert (rep.inserted, rep.updated, rep.changed) == (0, 2, 0) and rep.matched_by == {"ref": 2}
    no_owner_no_circuit = survey([{k: v for k, v in r.items() if k not in ("owner", "circuit")} for r in SURVEY])
    rep = import_lamps(pathumwan, no_owner_no_circuit)
    assert rep.changed == 0
    assert rows(pathumwan, f"SELECT {LAMP_FIELDS} FROM streetlights ORDER BY ref") == before
    assert log_count(pathumwan) == logged
    # a note that cannot tell the status ("ไม่แน่ใจ": unknown) keeps the status known; a new wattage is written
    notes = survey([{"pole_no": "P-002", "หมายเหตุ": "ไม่แน่ใจ", "watt": 100, "x": 40, "y": 5}])
    rep = import_lamps(pathumwan, notes)
    assert rep.changed == 1
    assert rows(pathumwan, "SELECT status, power_w, circuit, owner FROM streetlights WHERE ref = 'P-002'") == [
        ("out", 100.0, "C1", "municipality")
    ]


def test_osm_reimport_keeps_the_status_and_note_found_since(pathumwan):
    import_lamps(pathumwan, lamps.read_osm_lamps(PBF), label=PBF.name)
    con = gpkg.connect(pathumwan)
    with con:  # an officer's check found two lamps out, and noted it
        con.execute("UPDATE streetlights SET status = 'out', circuit = 'PW-7' WHERE fid IN (1, 2)")
    con.close()
    before = rows(pathumwan, "SELECT fid, status, circuit, note FROM streetlights ORDER BY fid")
    logged = log_count(pathumwan)
    rep = import_lamps(pathumwan, lamps.read_osm_lamps(PBF), label=PBF.name)
    assert (rep.inserted, rep.updated, rep.changed) == (0, 5, 0)
    assert rows(pathumwan, "SELECT fid, status, circuit, note FROM streetlights ORDER BY fid") == before
    assert [r[1] for r in before[:2]] == ["out", "out"]
    assert log_count(pathumwan) == logged


def test_repeated_pole_numbers_are_matched_by_position_not_order(khonkaen):
    poles = gpd.read_file(POLES).iloc[:6].copy()
    poles["pole_no"] = ["K-1", "K-1", "K-1", "K-2", "K-2", None]  # a survey that numbered by street, not by pole
    import_lamps(khonkaen, poles, CRS48)
    before = rows(khonkaen, "SELECT uuid, ref, hex(geom), note FROM streetlights ORDER BY fid")
    logged = log_count(khonkaen)
    rep = import_lamps(khonkaen, poles.iloc[::-1].reset_index(drop=True), CRS48)
    assert (rep.inserted, rep.updated, rep.changed) == (0, 6, 0)
    assert rep.matched_by == {"ref": 5, "position": 1}
    assert rows(khonkaen, "SELECT uuid, ref, hex(geom), note FROM streetlights ORDER BY fid") == before
    assert log_count(khonkaen) == logged


def test_pyogrio_reads_what_was_written(khonkaen):
    """The workspace stays readable by GDAL after the bulk writes (spatial index and triggers intact)."""
    import_lamps(khonkaen, gpd.read_file(POLES), CRS48, POLES.name)
    import_lamps(khonkaen, gpd.read_file(POLES), CRS48, POLES.name)
    got = pyogrio.read_dataframe(khonkaen, layer="streetlights")
    assert len(got) == 40 and got.geometry.notna().all()
    assert rows(khonkaen, "PRAGMA integrity_check") == [("ok",)]


def test_a_pole_number_repeated_thousands_of_times_stays_bounded_and_idempotent(pathumwan):
    """3,000 poles all numbered '1' (numbered per street, the street not kept): each row is compared
    with its 8 nearest namesakes only, and a re-import in reverse order changes nothing."""
    import time

    grid = [{"pole_no": "1", "watt": 100 + k % 7, "x": 25 * (k % 60), "y": 25 * (k // 60)} for k in range(3000)]
    import_lamps(pathumwan, survey(grid))
    before = rows(pathumwan, "SELECT uuid, power_w, hex(geom) FROM streetlights ORDER BY fid")
    logged = log_count(pathumwan)
    start = time.perf_counter()
    rep = import_lamps(pathumwan, survey(grid[::-1]))
    assert time.perf_counter() - start < 20
    assert (rep.inserted, rep.updated, rep.changed) == (0, 3000, 0) and rep.matched_by == {"ref": 3000}
    assert rows(pathumwan, "SELECT uuid, power_w, hex(geom) FROM streetlights ORDER BY fid") == before
    assert log_count(pathumwan) == logged
