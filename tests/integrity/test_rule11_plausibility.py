"""Rule 11: data far outside the municipality is reported with counts, and an import whose every
feature is far outside is refused (Bangkok roads into a Si Sa Ket workspace passed silently).

The municipality's area comes from its DOPA code (tambon centres shipped with the plugin; Bangkok's
extent for Bangkok), else its villages layer, else the workspace's existing data
(core/workspace/plausibility.py). Real data: Pathum Wan's OSM roads and lamps, Prue Yai's tax map,
Khon Kaen's poles, Bangkok's Traffy Fondue complaints."""

import csv
import sqlite3

import geopandas as gpd
import pandas as pd
import pytest
import shapely
from qgis.core import QgsProcessingException, QgsProcessingFeedback
from shapely.geometry import Point, box

from cddp_plugin.core.common.errors import CddpError
from cddp_plugin.core.lighting import jobs as lighting_jobs
from cddp_plugin.core.lighting import lamps
from cddp_plugin.core.roads import jobs as roads_jobs
from cddp_plugin.core.roads import network
from cddp_plugin.core.workspace import create, dopa, gpkg, plausibility
from tests.conftest import ROOT, SHARED, run_cddp_process

PBF = SHARED / "pathumwan" / "pathumwan.osm.pbf"
POLES = SHARED / "khonkaen" / "lightpole.geojson"
PARCELS = SHARED / "prueyai" / "parcel.geojson"
TRAFFY = SHARED / "pathumwan" / "teamchadchart.csv"
CRS47, CRS48 = "EPSG:32647", "EPSG:32648"

pytestmark = pytest.mark.skipif(not PBF.exists() or not POLES.exists(), reason="shared data not present")


def workspace(tmp_path, code, crs, name="ws"):
    return create.create_workspace(tmp_path / f"{name}.gpkg", dopa.parse_municipality_code(code), crs=crs,
                                   user="tester").path  # fmt: skip


def rows(ws, sql):
    con = sqlite3.connect(ws)
    try:
        return con.execute(sql).fetchall()
    finally:
        con.close()


@pytest.fixture
def sisaket(tmp_path):
    return workspace(tmp_path, "330506", CRS48, "prueyai")


def test_bangkok_roads_into_a_si_sa_ket_workspace_are_refused(sisaket):
    out, rep = network.prepare_osm_roads(PBF, CRS48)
    logged = rows(sisaket, "SELECT count(*) FROM cddp_changelog")[0][0]
    with pytest.raises(CddpError) as err:
        roads_jobs.upsert_roads(sisaket, out, rep, "tester")
    text = str(err.value)
    assert text.startswith("pathumwan.osm.pbf: all 2640 features lie more than 30 km outside ปรือใหญ่ (330506)")
    assert "judged by its tambon's centre" in text and "nothing was imported" in text
    nearest = float(text.split("the nearest is ")[1].split(" km")[0])
    assert 380 < nearest < 420  # Siam to Khukhan, as the crow flies
    assert rows(sisaket, "SELECT count(*) FROM roads") == [(0,)]
    assert rows(sisaket, "SELECT count(*) FROM cddp_changelog")[0][0] == logged


def test_some_lamps_far_away_are_imported_with_a_warning_and_a_count(tmp_path):
    ws = workspace(tmp_path, "4001", CRS48, "khonkaen")
    kk = lamps.prepare_lamps(gpd.read_file(POLES), CRS48, layer_label="poles")[0]
    bangkok = lamps.prepare_lamps(lamps.read_osm_lamps(PBF), CRS48, layer_label="osm")[0]
    mixed = pd.concat([kk, bangkok], ignore_index=True)
    rep = lamps.LampReport(read=len(mixed), layer="mixed.geojson", columns=list(lamps.LAMP_COLUMNS))
    lighting_jobs.upsert_lamps(ws, mixed, rep, "tester")
    assert (rep.inserted, rep.far_outside) == (45, 5)  # a warning, not a refusal: the 40 poles are right
    p = rep.plausibility
    assert (p.checked, p.outside, p.examples) == (45, 5, [40, 41, 42, 43, 44])
    assert all(300 < d < 500 for d in p.distances_km), p.distances_km
    assert str(p.warning()) == (
        "mixed.geojson: 5 of 45 features lie more than 30 km outside เมืองขอนแก่น (4001) (judged by the centres "
        "of its tambons); check that the file is for this municipality and that its CRS is right."
    )


def test_real_data_of_each_municipality_is_not_flagged(tmp_path):
    pw = workspace(tmp_path, "1007", CRS47, "pathumwan")
    out, rep = network.prepare_osm_roads(PBF, CRS47)
    roads_jobs.upsert_roads(pw, out, rep, "tester")
    assert (rep.inserted, rep.far_outside, rep.plausibility.basis) == (2640, 0, "Bangkok's extent")
    py = workspace(tmp_path, "330506", CRS48, "prueyai")
    parcels = gpd.read_file(PARCELS).to_crs(CRS48)
    result = plausibility.check_geometries(py, parcels.geometry.values, "parcel.geojson")
    assert (result.checked, result.outside, result.basis) == (8823, 0, "its tambon's centre")
    kk = workspace(tmp_path, "4001", CRS48, "khonkaen")
    poles = gpd.read_file(POLES).to_crs(CRS48)
    result = plausibility.check_geometries(kk, poles.geometry.values, "lightpole.geojson")
    assert (result.checked, result.outside, result.basis) == (40, 0, "the centres of its tambons")


def test_traffy_complaints_for_the_other_imports(tmp_path):
    """The helper as the complaint import will use it: of Bangkok's 1,000 real complaints, 3 are not in
    Bangkok at all (Phayao and Yasothon, 455–565 km away), and all are far from Prue Yai."""
    with open(TRAFFY, encoding="utf-8-sig", newline="") as f:
        coords = [r["coords"].split(",") for r in csv.DictReader(f) if r["coords"]]
    points = gpd.GeoSeries([Point(float(x), float(y)) for x, y in coords], crs="EPSG:4326")
    pw = workspace(tmp_path, "1007", CRS47, "pathumwan")
    inside = plausibility.check_geometries(pw, points.to_crs(CRS47).values, "teamchadchart.csv")
    assert (inside.checked, inside.outside, inside.basis) == (1000, 3, "Bangkok's extent")
    assert [coords[i] for i in inside.examples] == [["99.93396", "19.04507"], ["104.49639", "16.17437"],
                                                    ["104.49722", "16.17404"]]  # fmt: skip
    assert inside.distances_km == [564.7, 455.3, 455.3]
    py = workspace(tmp_path, "330506", CRS48, "prueyai")
    far = plausibility.check_geometries(py, points.to_crs(CRS48).values, "teamchadchart.csv", refuse_all=False)
    assert far.all_outside and far.outside == len(coords)


def test_without_a_known_code_the_villages_then_the_data_tell_where_the_municipality_is(tmp_path):
    ws = workspace(tmp_path, "330506", CRS48, "prueyai")
    con = gpkg.connect(ws)
    with con:
        con.execute("UPDATE cddp_meta SET value = '' WHERE key = 'municipality_code'")
    con.close()
    x0, y0 = 418_000, 1_612_000  # Prue Yai
    near, far = Point(x0 + 5_000, y0), Point(x0 + 80_000, y0)
    assert plausibility.check_geometries(ws, [near, far], "test").basis == ""  # nothing known: not checked
    con = gpkg.connect(ws)
    srs = gpkg.srs_id(con, "streetlights")
    with con:
        gpkg.write_features(con, "streetlights", ["ref"], [["L1", gpkg.to_blob(Point(x0, y0), srs), "t"]], [])
    con.close()
    by_data = plausibility.check_geometries(ws, [near, far], "test")
    assert (by_data.basis, by_data.checked, by_data.outside, by_data.examples) == (
        "the workspace's existing data",
        2,
        1,
        [1],
    )
    con = gpkg.connect(ws)
    srs = gpkg.srs_id(con, "villages")
    village = shapely.MultiPolygon([box(x0 + 60_000, y0 - 1_000, x0 + 62_000, y0 + 1_000)])
    with con:
        gpkg.write_features(con, "villages", ["village_no"], [[5, gpkg.to_blob(village, srs), "t"]], [])
    con.close()
    by_villages = plausibility.check_geometries(ws, [near, far], "test")
    # the village (หมู่ 5) lies 60 km east: now the far point is the near one, and the other way round
    assert (by_villages.basis, by_villages.outside, by_villages.examples) == ("its villages layer", 1, [0])
    with pytest.raises(CddpError, match=r"^test: all 1 features lie more than 30 km outside"):
        plausibility.check_geometries(ws, [Point(x0 - 60_000, y0)], "test")


@pytest.mark.parametrize(("code", "basis", "n"), [
    ("330506", "its tambon's centre", 1),
    ("3305", "the centres of its tambons", 22),
    ("1007", "Bangkok's extent", 4),
    ("100701", "Bangkok's extent", 4),
    ("99", "", 0),
])  # fmt: skip
def test_where_each_code_is(code, basis, n):
    points, found = plausibility.centres_lonlat(code)
    assert (found, len(points)) == (basis, n)
    assert all(97 < x < 106 and 5 < y < 21 for x, y in points)


def test_through_qgis_process_a_refusal_and_a_warning(tmp_path):
    profile = tmp_path / "profile"
    ws = tmp_path / "ปรือใหญ่ ws.gpkg"
    res = run_cddp_process(["run", "cddp:createworkspace", "--", f"OUTPUT={ws}", "MUNICIPALITY_CODE=330506",
                            "CRS=EPSG:32648"], profile)  # fmt: skip
    assert res.returncode == 0, res.stdout[-2000:] + res.stderr[-2000:]
    res = run_cddp_process(["run", "cddp:importroads", "--", f"INPUT={PBF}", f"WORKSPACE={ws}"], profile)
    assert res.returncode != 0
    assert "pathumwan.osm.pbf: all 2640 features lie more than 30 km outside ปรือใหญ่ (330506)" in res.stdout + res.stderr
    assert "Traceback" not in res.stdout + res.stderr
    assert rows(ws, "SELECT count(*) FROM roads") == [(0,)]
    # the Khon Kaen survey with Pathum Wan's 5 OSM lamps appended, into Khon Kaen: imported, 5 reported
    kk = tmp_path / "kk.gpkg"
    res = run_cddp_process(["run", "cddp:createworkspace", "--", f"OUTPUT={kk}", "MUNICIPALITY_CODE=4001",
                            "CRS=EPSG:32648"], profile)  # fmt: skip
    assert res.returncode == 0
    poles = gpd.read_file(POLES)[["Title", "Description", "geometry"]]
    osm = lamps.read_osm_lamps(PBF)[["geometry"]].assign(Title="เสาไฟ", Description="สภาพดี")
    mixed = tmp_path / "mixed.geojson"
    pd.concat([poles, osm], ignore_index=True).pipe(gpd.GeoDataFrame, crs="EPSG:4326").to_file(mixed, driver="GeoJSON")
    res = run_cddp_process(["run", "cddp:importstreetlights", "--", f"INPUT={mixed}", f"WORKSPACE={kk}"], profile)
    assert res.returncode == 0, res.stdout[-2000:] + res.stderr[-2000:]
    assert "FAR_OUTSIDE:\t5" in res.stdout and "INSERTED:\t45" in res.stdout
    assert "mixed.geojson: 5 of 45 features lie more than 30 km outside เมืองขอนแก่น (4001)" in res.stdout + res.stderr


# --- complaints without AREA: the municipality's area; parcels and households: counted and refused ---------


def run(alg, params, feedback=None):
    import processing

    return processing.run(f"cddp:{alg}", params, feedback=feedback)


class Log(QgsProcessingFeedback):
    """A Processing feedback that keeps what the algorithm says."""

    def __init__(self):
        super().__init__()
        self.lines = []

    def pushInfo(self, text):
        self.lines.append(text)

    def pushWarning(self, text):
        self.lines.append(text)


def rejected_rows(path):
    with open(path, encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


KHET_AREA = "เขตปทุมวัน (1007) and 30 km around it (judged by Bangkok's extent)"


def test_complaints_without_area_keep_those_near_the_municipality(tmp_path, provider):
    """Bangkok's 1,000 real complaints into Pathum Wan without AREA: the 3 in Phayao and Yasothon
    (455–565 km away) are rejected as outside_area, naming the area used; the other 997 are kept."""
    ws = workspace(tmp_path, "1007", CRS47, "pathumwan")
    rejected, log = tmp_path / "rejected.csv", Log()
    out = run("importcomplaints", {"INPUT": str(TRAFFY), "WORKSPACE": ws, "REJECTED": str(rejected)}, log)
    assert (out["ROWS"], out["INSERTED"], out["REJECTED_COUNT"]) == (1000, 997, 3)
    got = rejected_rows(rejected)
    assert [(r["row"], r["external_id"], r["code"]) for r in got] == [
        ("120", "2023-663VYM", "outside_area"), ("583", "2023-LQ88HH", "outside_area"),
        ("590", "2023-7DWVFE", "outside_area"),
    ]  # fmt: skip
    assert got[0]["reason"] == f"Row 120 (2023-663VYM): at 99.93396, 19.04507, outside {KHET_AREA}; not imported."
    assert f"No AREA given: kept the complaints within {KHET_AREA}; 3 outside it were rejected" in "\n".join(log.lines)
    assert rows(ws, "SELECT count(*) FROM complaints") == [(997,)]
    # the same file into Prue Yai (Si Sa Ket): every complaint is far away
    py = workspace(tmp_path, "330506", CRS48, "prueyai")
    out = run("importcomplaints", {"INPUT": str(TRAFFY), "WORKSPACE": py})
    assert (out["INSERTED"], out["REJECTED_COUNT"]) == (0, 1000)


def test_complaints_with_the_khet_boundary_as_area_as_before(tmp_path, provider):
    """The demo's way: AREA = Khet Pathum Wan dissolved from the 180 khwaeng polygons; 22 kept, 978 outside."""
    ws = workspace(tmp_path, "1007", CRS47, "pathumwan")
    khwaeng = gpd.read_file(SHARED / "pathumwan" / "subdistricts_180.geojson")
    area = tmp_path / "pathumwan_area.geojson"
    khwaeng[khwaeng["District"].astype(str) == "1007"].dissolve()[["geometry"]].to_file(area, driver="GeoJSON")
    rejected = tmp_path / "rejected.csv"
    out = run("importcomplaints", {"INPUT": str(TRAFFY), "WORKSPACE": ws, "AREA": str(area),
                                   "AREA_LABEL": "เขตปทุมวัน", "REJECTED": str(rejected)})  # fmt: skip
    assert (out["ROWS"], out["INSERTED"], out["REJECTED_COUNT"]) == (1000, 22, 978)
    got = rejected_rows(rejected)
    assert {r["code"] for r in got} == {"outside_area"}
    assert got[0]["reason"].endswith("outside เขตปทุมวัน; not imported.")


def test_complaints_when_the_workspace_does_not_know_where_it_is(tmp_path, provider):
    """No code, no villages, no data: nothing to judge by, so today's behaviour (all kept), said so."""
    ws = workspace(tmp_path, "1007", CRS47, "nowhere")
    con = gpkg.connect(ws)
    with con:
        con.execute("UPDATE cddp_meta SET value = '' WHERE key = 'municipality_code'")
    con.close()
    log = Log()
    out = run("importcomplaints", {"INPUT": str(TRAFFY), "WORKSPACE": ws}, log)
    assert (out["INSERTED"], out["REJECTED_COUNT"]) == (1000, 0)
    assert any(line.startswith("No AREA given, and the workspace does not know where") for line in log.lines)


def test_prue_yai_parcels_into_pathum_wan_are_refused(tmp_path, provider):
    ws = workspace(tmp_path, "1007", CRS47, "pathumwan")
    logged = rows(ws, "SELECT count(*) FROM cddp_changelog")[0][0]
    with pytest.raises(QgsProcessingException) as err:
        run("importparcels", {"INPUT": str(PARCELS), "WORKSPACE": ws})
    text = str(err.value)
    assert text.startswith("parcel.geojson: all 8823 features lie more than 30 km outside เขตปทุมวัน (1007)"), text
    nearest = float(text.split("the nearest is ")[1].split(" km")[0])
    assert 350 < nearest < 450  # Prue Yai to Bangkok's edge
    assert rows(ws, "SELECT count(*) FROM parcels") == [(0,)]
    assert rows(ws, "SELECT count(*) FROM cddp_changelog")[0][0] == logged


def test_prue_yai_parcels_into_prue_yai_none_far_outside(tmp_path, provider):
    ws = workspace(tmp_path, "330506", CRS48, "prueyai")
    subset = tmp_path / "parcel_2000.geojson"
    gpd.read_file(PARCELS, rows=2000).to_file(subset, driver="GeoJSON")
    log = Log()
    out = run("importparcels", {"INPUT": str(subset), "WORKSPACE": ws}, log)
    assert (out["INSERTED"], out["FAR_OUTSIDE"]) == (2000, 0)
    assert not any("km outside" in line for line in log.lines)


def test_households_far_outside_are_counted_and_all_far_outside_refused(tmp_path, provider):
    """The demo's Prue Yai household points (hs_no + location; the first 1,000 of 5,159, 985 with a
    location): into Pathum Wan refused; into Prue Yai with Pathum Wan's 5 OSM lamps appended as
    households: imported, the 5 counted as far outside and named in a warning."""
    homes = ROOT / "demo-output" / "prueyai_households.geojson"
    if not homes.is_file():
        pytest.skip("demo output not present")
    points = gpd.read_file(homes, rows=1000)
    pw = workspace(tmp_path, "1007", CRS47, "pathumwan")
    src = tmp_path / "households.geojson"
    points.to_file(src, driver="GeoJSON")
    with pytest.raises(
        QgsProcessingException, match=r"households.geojson: all 985 features lie more than 30 km outside"
    ):
        run("importhouseholds", {"INPUT": str(src), "WORKSPACE": pw})
    assert rows(pw, "SELECT count(*) FROM households") == [(0,)]
    bangkok = lamps.read_osm_lamps(PBF)[["geometry"]].assign(hs_no=["1", "2", "3", "4", "5"])
    mixed = tmp_path / "mixed.geojson"
    pd.concat([points, bangkok], ignore_index=True).pipe(gpd.GeoDataFrame, crs="EPSG:4326").to_file(mixed)
    py = workspace(tmp_path, "330506", CRS48, "prueyai")
    log = Log()
    out = run("importhouseholds", {"INPUT": str(mixed), "WORKSPACE": py}, log)
    # 1,005 rows: 10 without location or house number rejected, 5 kept without location (not checked)
    assert (out["READ"], out["INSERTED"], out["REJECTED_COUNT"], out["FAR_OUTSIDE"]) == (1005, 995, 10, 5)
    assert "mixed.geojson: 5 of 990 features lie more than 30 km outside ปรือใหญ่ (330506)" in "\n".join(log.lines)
