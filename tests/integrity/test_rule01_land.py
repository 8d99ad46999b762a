"""Rule 1 for land imports: an import changes only what its input carries, and re-importing the same
file changes nothing (no new rows, no change-log entries). Rows without a house code are matched by
location + house number (or, without location, house number + village), and the import says how
many it matched. Real data: the Prue Yai demo workspace and its households, Prue Yai's tax map."""

import json
import shutil
import sqlite3

import geopandas as gpd
import pyogrio
import pytest
from pyproj import Transformer

from cddp_plugin.core.land import households, parcels
from cddp_plugin.core.land import jobs as land_jobs
from tests.conftest import ROOT, SHARED, run_cddp_process

CRS48 = "EPSG:32648"
DEMO = ROOT / "demo-output"
PARCELS = SHARED / "prueyai" / "parcel.geojson"
FULL = "house_code,house_no,village_no,soi,road,members,parcel_code,lat,lon\n"
TO_LL = Transformer.from_crs(CRS48, "EPSG:4326", always_xy=True)
X0, Y0 = 418_000, 1_612_000  # Prue Yai


def ll(dx, dy):
    lon, lat = TO_LL.transform(X0 + dx, Y0 + dy)
    return f"{lat:.8f},{lon:.8f}"


def import_csv(ws, path, **kwargs):
    df, _ = households.read_table(path)
    out, rep = households.prepare_households(df, CRS48, source_name=path.name)
    return land_jobs.upsert_households(ws, out, rep, "tester", **kwargs)


def rows(ws, sql):
    con = sqlite3.connect(ws)
    try:
        return con.execute(sql).fetchall()
    finally:
        con.close()


def log_count(ws):
    return rows(ws, "SELECT count(*) FROM cddp_changelog")[0][0]


HH_COLUMNS = "house_code, house_no, village_no, soi, road, members, parcel_code, source"


@pytest.fixture
def town(tmp_path, core_workspace):
    p = tmp_path / "registry.csv"
    p.write_text(
        FULL
        + f"33990012345,52,10,ซอย 1,ถนนสาย ก,4,03I002,{ll(0, 0)}\n"
        + f"33990012346,53/1,10,ซอย 2,ถนนสาย ข,2,03I003,{ll(50, 0)}\n"
        + f"33990012347,54,11,,ถนนสาย ค,5,03I004,{ll(100, 0)}\n",
        encoding="utf-8",
    )
    rep = import_csv(core_workspace.path, p)
    assert rep.inserted == 3
    return core_workspace.path, p


def test_gps_only_file_moves_households_and_blanks_nothing(town, tmp_path):
    ws, _ = town
    before = {r[0]: r for r in rows(ws, f"SELECT {HH_COLUMNS} FROM households")}
    gps = tmp_path / "gps.csv"
    gps.write_text(f"house_code,lat,lon\n33990012345,{ll(3, 0)}\n33990012346,{ll(50, 0)}\n", encoding="utf-8")
    seq = rows(ws, "SELECT max(seq) FROM cddp_changelog")[0][0]
    rep = import_csv(ws, gps)
    assert (rep.inserted, rep.updated, rep.unchanged, rep.matched_by_code) == (0, 1, 1, 2)
    after = {r[0]: r for r in rows(ws, f"SELECT {HH_COLUMNS} FROM households")}
    assert after == before  # house number, village, soi, road, members, tax-map code, source: all kept
    x = rows(ws, "SELECT geom FROM households WHERE house_code = '33990012345'")[0][0]
    from cddp_plugin.core.workspace import gpkg

    assert gpkg.from_blob(x).x == pytest.approx(X0 + 3, abs=0.01)
    log = rows(ws, f"SELECT op, new_values FROM cddp_changelog WHERE seq > {seq}")
    assert len(log) == 1 and log[0][0] == "update" and set(json.loads(log[0][1])) == {"geom"}


def test_empty_cells_keep_values_unless_told_and_missing_columns_never_clear(town, tmp_path):
    ws, _ = town
    p = tmp_path / "partial.csv"
    p.write_text(f"house_code,soi,road,members,lat,lon\n33990012345,,,,{ll(0, 0)}\n", encoding="utf-8")
    rep = import_csv(ws, p)
    assert (rep.updated, rep.unchanged) == (0, 1)
    assert rows(ws, "SELECT soi, road, members FROM households WHERE house_code = '33990012345'") == [
        ("ซอย 1", "ถนนสาย ก", 4)
    ]
    rep = import_csv(ws, p, clear_empty=True)  # told to: the empty cells of present columns clear
    assert rep.updated == 1
    got = rows(ws, f"SELECT {HH_COLUMNS} FROM households WHERE house_code = '33990012345'")[0]
    assert got[3:6] == (None, None, None)
    assert got[1:3] == ("52", 10) and got[6] == "03I002"  # columns the file does not have: never cleared


def test_reimporting_the_same_file_changes_nothing(town):
    ws, p = town
    n = log_count(ws)
    stamp = rows(ws, "SELECT uuid, updated_at, updated_by FROM households ORDER BY fid")
    rep = import_csv(ws, p)
    assert (rep.inserted, rep.updated, rep.unchanged) == (0, 0, 3)
    assert log_count(ws) == n
    assert rows(ws, "SELECT uuid, updated_at, updated_by FROM households ORDER BY fid") == stamp


def test_rows_without_house_code_are_matched_by_location_and_house_number(core_workspace, tmp_path):
    ws = core_workspace.path
    p = tmp_path / "survey.csv"
    head = "house_no,village_no,soi,lat,lon\n"
    p.write_text(head + f"12,3,ซอย 1,{ll(0, 0)}\n,3,,{ll(30, 0)}\n14,3,,\n", encoding="utf-8")
    assert import_csv(ws, p).inserted == 3
    n = log_count(ws)
    rep = import_csv(ws, p)
    assert (rep.inserted, rep.unchanged, rep.matched_by_location, rep.matched_by_number) == (0, 3, 2, 1)
    assert log_count(ws) == n
    # 1 m away with the same number: the same house (moved); 10 m away: another house; same place but
    # another house number: another house
    q = tmp_path / "survey2.csv"
    q.write_text(head + f"12,3,ซอย 9,{ll(1, 0)}\n,3,,{ll(40, 0)}\n13,3,,{ll(0, 0)}\n", encoding="utf-8")
    rep = import_csv(ws, q)
    assert (rep.inserted, rep.updated, rep.matched_by_location) == (2, 1, 1)
    assert rows(ws, "SELECT count(*) FROM households")[0][0] == 5
    assert rows(ws, "SELECT soi FROM households WHERE house_no = '12'") == [("ซอย 9",)]


@pytest.mark.skipif(not (DEMO / "prueyai.gpkg").is_file(), reason="demo output not present")
def test_reimporting_the_demo_households_adds_nothing(tmp_path):
    """The demo's own 5,133 households (no house codes; 495 with a house number) into a copy of its
    workspace: before this rule they doubled to 10,266."""
    ws = tmp_path / "prueyai.gpkg"
    shutil.copyfile(DEMO / "prueyai.gpkg", ws)
    before = rows(ws, "SELECT uuid, house_no, village_no, parcel_id, link_method FROM households ORDER BY fid")
    n = log_count(ws)
    hh = pyogrio.read_dataframe(DEMO / "prueyai_households.geojson")
    out, rep = households.prepare_households(hh, CRS48, source_name="prueyai_households.geojson")
    land_jobs.upsert_households(str(ws), out, rep, "tester")
    assert len(before) == 5133
    assert (rep.inserted, rep.updated, rep.unchanged) == (0, 0, 5133)
    # 5,127 by location (4,638 of them without a house number), the 6 without location by house number + village
    assert (rep.matched_by_code, rep.matched_by_location, rep.matched_by_number) == (0, 5127, 6)
    assert rows(ws, "SELECT uuid, house_no, village_no, parcel_id, link_method FROM households ORDER BY fid") == before
    assert log_count(ws) == n


@pytest.fixture(scope="module")
def prue_yai_parcels():
    if not PARCELS.is_file():
        pytest.skip("shared data not present")
    gdf = gpd.read_file(PARCELS)
    return gdf[gdf.land_type.notna()].head(300).reset_index(drop=True)  # real parcels with a document type


def test_code_only_parcel_file_blanks_nothing(core_workspace, tmp_path, prue_yai_parcels):
    ws = core_workspace.path
    full = prue_yai_parcels.copy()
    full["owner"] = [f"เจ้าของ {i}" for i in range(len(full))]  # made up: the public data has no owners
    full["hs_no"] = [f"{i} ม.3" for i in range(len(full))]
    full.to_file(tmp_path / "full.geojson", driver="GeoJSON")
    out, rep = parcels.prepare_parcels(gpd.read_file(tmp_path / "full.geojson"), CRS48, source_name="full.geojson")
    land_jobs.upsert_parcels(ws, out, rep, "tester")
    cols = "uuid, parcel_code, zone, block, lot, doc_type, doc_no, land_no, survey_no, mapsheet, owner_name, house_no, source"
    before = rows(ws, f"SELECT {cols} FROM parcels ORDER BY fid")
    assert sum(r[5] is not None for r in before) == 300 and all(r[10] for r in before)
    n = log_count(ws)
    full[["parcel_code", "geometry"]].to_file(tmp_path / "codes.geojson", driver="GeoJSON")
    out, rep = parcels.prepare_parcels(gpd.read_file(tmp_path / "codes.geojson"), CRS48, source_name="codes.geojson")
    land_jobs.upsert_parcels(ws, out, rep, "tester")
    assert (rep.inserted, rep.updated, rep.unchanged) == (0, 0, 300)
    assert rows(ws, f"SELECT {cols} FROM parcels ORDER BY fid") == before  # owner, document, land no…: kept
    assert log_count(ws) == n


def test_parcel_empty_cells_clear_only_when_told(core_workspace, tmp_path, prue_yai_parcels):
    ws = core_workspace.path
    sub = prue_yai_parcels.head(20).copy()
    sub.to_file(tmp_path / "a.geojson", driver="GeoJSON")
    out, rep = parcels.prepare_parcels(gpd.read_file(tmp_path / "a.geojson"), CRS48)
    land_jobs.upsert_parcels(ws, out, rep, "tester")
    sub["Mapsheet"] = None
    sub.to_file(tmp_path / "b.geojson", driver="GeoJSON")
    out, rep = parcels.prepare_parcels(gpd.read_file(tmp_path / "b.geojson"), CRS48)
    land_jobs.upsert_parcels(ws, out, rep, "tester")
    assert rep.updated == 0 and rows(ws, "SELECT count(mapsheet) FROM parcels")[0][0] > 0
    land_jobs.upsert_parcels(ws, out, rep, "tester", clear_empty=True)
    assert rep.updated > 0 and rows(ws, "SELECT count(mapsheet) FROM parcels")[0][0] == 0


def _outputs(stdout):
    return dict(line.split(":\t", 1) for line in stdout.splitlines() if ":\t" in line)


def test_algorithms_report_matches_and_keep_what_files_lack(tmp_path):
    """Through qgis_process: the new count outputs, CLEAR_EMPTY, and a GPS-only file that blanks nothing."""
    ws, profile = tmp_path / "ws.gpkg", tmp_path / "profile"

    def run(alg, *params):
        res = run_cddp_process(["run", alg, "--", *params], profile=profile)
        assert res.returncode == 0, res.stdout[-2000:] + res.stderr[-2000:]
        return _outputs(res.stdout), res.stdout

    run("cddp:createworkspace", f"OUTPUT={ws}", "MUNICIPALITY_CODE=330506", "CRS=EPSG:32648")
    full = tmp_path / "full.csv"
    full.write_text(FULL + f"33990012345,52,10,ซอย 1,ถนนสาย ก,4,03I002,{ll(0, 0)}\n"
                    + f",60,10,,,,,{ll(40, 0)}\n", encoding="utf-8")  # fmt: skip
    out, _ = run("cddp:importhouseholds", f"INPUT={full}", f"WORKSPACE={ws}")
    assert out["INSERTED"] == "2"
    out, log = run("cddp:importhouseholds", f"INPUT={full}", f"WORKSPACE={ws}")
    assert (out["INSERTED"], out["UPDATED"], out["UNCHANGED"]) == ("0", "0", "2")
    assert (out["MATCHED_BY_CODE"], out["MATCHED_BY_LOCATION"], out["MATCHED_BY_NUMBER"]) == ("1", "1", "0")
    assert "1 by house code, 1 by location and house number" in log
    gps = tmp_path / "gps.csv"
    gps.write_text(f"house_code,lat,lon\n33990012345,{ll(2, 0)}\n", encoding="utf-8")
    out, _ = run("cddp:importhouseholds", f"INPUT={gps}", f"WORKSPACE={ws}", "CLEAR_EMPTY=true")
    assert out["UPDATED"] == "1"
    assert rows(ws, "SELECT house_no, village_no, soi, road, members, parcel_code FROM households "
                    "WHERE house_code = '33990012345'") == [("52", 10, "ซอย 1", "ถนนสาย ก", 4, "03I002")]  # fmt: skip
