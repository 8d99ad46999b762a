"""Rule 8: CRS — a layer without a CRS is an error where it matters (the hazard of cddp:floodimpact;
the shared check of processing/base.py), Indian 1975 hazards get the pinned transformation parcels
get, and cddp:createworkspace accepts only UTM 47N/48N and says why.

On the Prue Yai demo workspace (demo-output/, real tax map and buildings of ../shared/data) and its
flood drill (a 600 m circle: 726 households, 475 parcels).
"""

from __future__ import annotations

import csv
import os
import shutil
import sqlite3

import geopandas as gpd
import pytest
import shapely
from pyproj import CRS, Transformer
from qgis.core import QgsProcessingException

from cddp_plugin.core.common.crs import pinned_source_crs
from cddp_plugin.core.common.errors import CddpError
from cddp_plugin.core.workspace import create
from tests.conftest import ROOT, SHARED, run_cddp_process

DEMO = ROOT / "demo-output" / "prueyai.gpkg"
FLOOD = ROOT / "demo-output" / "prueyai_flood_drill.geojson"

pytestmark = pytest.mark.skipif(not DEMO.is_file(), reason="demo output not present")


def run(alg, params):
    import processing

    return processing.run(f"cddp:{alg}", params)


@pytest.fixture(scope="module")
def demo(tmp_path_factory):
    path = tmp_path_factory.mktemp("demo") / "prueyai.gpkg"
    shutil.copy(DEMO, path)
    return str(path)


@pytest.fixture(scope="module")
def reference(demo, provider):
    return run("floodimpact", {"HAZARD": str(FLOOD), "WORKSPACE": demo})


def test_reference_drill(reference):
    assert reference["AFFECTED_HOUSEHOLDS"] > 700 and reference["AFFECTED_PARCELS"] > 400  # 726 and 475


def test_hazard_without_crs_is_refused(demo, tmp_path, provider):
    """A shapefile without .prj used to give 0 affected households, exit 0."""
    shp = tmp_path / "flood.shp"
    gpd.read_file(FLOOD).to_file(shp)
    (tmp_path / "flood.prj").unlink()
    with pytest.raises(QgsProcessingException, match=r"flood has no coordinate reference system.*Set its CRS"):
        run("floodimpact", {"HAZARD": str(shp), "WORKSPACE": demo})


def test_geojson_with_metres_but_no_crs_is_refused(demo, tmp_path, provider):
    """GeoJSON without a "crs" member is read as longitude/latitude: UTM metres there are refused."""
    path = tmp_path / "flood_nocrs.geojson"
    text = FLOOD.read_text()
    path.write_text(
        text.replace('"crs": { "type": "name", "properties": { "name": "urn:ogc:def:crs:EPSG::32648" } },', "")
    )
    assert "crs" not in path.read_text()[:200]
    with pytest.raises(QgsProcessingException, match=r"are not longitude/latitude"):
        run("floodimpact", {"HAZARD": str(path), "WORKSPACE": demo})


def test_indian_1975_hazard_gets_the_pinned_shift(demo, tmp_path, provider, reference):
    """The drill written in Indian 1975 / UTM 48N with the pinned EPSG:1812 shift is read back onto
    the same households; PROJ's default Indian 1975 transformation puts it about 98 m away."""
    flood = gpd.read_file(FLOOD)
    to_indian = Transformer.from_crs("EPSG:32648", pinned_source_crs(CRS.from_epsg(24048)), always_xy=True)
    moved = shapely.transform(
        flood.geometry.values, lambda xy: __import__("numpy").column_stack(to_indian.transform(xy[:, 0], xy[:, 1]))
    )
    path = tmp_path / "flood_indian1975.gpkg"
    gpd.GeoDataFrame(geometry=moved, crs="EPSG:24048").to_file(path)
    out = run("floodimpact", {"HAZARD": str(path), "WORKSPACE": demo})
    assert out["AFFECTED_HOUSEHOLDS"] == reference["AFFECTED_HOUSEHOLDS"]
    assert out["AFFECTED_PARCELS"] == reference["AFFECTED_PARCELS"]
    # what an unpinned transformation would have done to the same file
    default = gpd.read_file(path).to_crs("EPSG:32648")
    shift = default.geometry.centroid.distance(flood.geometry.centroid).iloc[0]
    assert shift > 50  # measured: ~98 m on Prue Yai


@pytest.mark.parametrize("crs", ["EPSG:3857", "EPSG:24048", "EPSG:32646", "EPSG:2096"])
def test_createworkspace_accepts_only_utm_47n_48n(tmp_path, area, crs):
    with pytest.raises(CddpError, match=r"EPSG:32647.*EPSG:32648.*429\.86 m²"):
        create.create_workspace(tmp_path / "w.gpkg", area, crs=crs)
    assert os.listdir(tmp_path) == []


def test_web_mercator_really_inflates_areas():
    """The number in the message: a 20 m × 20 m parcel at Prue Yai (15° N) measured in EPSG:3857."""
    to_merc = Transformer.from_crs("EPSG:32648", "EPSG:3857", always_xy=True)
    square = shapely.box(420000, 1613000, 420020, 1613020)
    merc = shapely.transform(square, lambda xy: __import__("numpy").column_stack(to_merc.transform(xy[:, 0], xy[:, 1])))
    assert round(square.area, 2) == 400.0
    assert 425 < merc.area < 435  # ≈ 429.9 m²


def test_createworkspace_algorithm_refuses_3857(tmp_path):
    res = run_cddp_process(
        ["run", "cddp:createworkspace", "--", f"OUTPUT={tmp_path / 'w.gpkg'}", "MUNICIPALITY_CODE=330506",
         "CRS=EPSG:3857"],
        profile=tmp_path / "profile",
    )  # fmt: skip
    assert res.returncode != 0
    out = res.stdout + res.stderr
    assert "UTM 47N (EPSG:32647" in out and "Traceback" not in out
    assert sorted(os.listdir(tmp_path)) == ["profile"]


@pytest.mark.parametrize("crs", ["EPSG:32647", "EPSG:32648"])
def test_utm_47n_and_48n_are_accepted(tmp_path, area, crs):
    assert create.create_workspace(tmp_path / "w.gpkg", area, crs=crs).crs == crs


# --- the AREA of cddp:importcomplaints --------------------------------------------------------------------

TRAFFY = SHARED / "pathumwan" / "teamchadchart.csv"
KHWAENG = SHARED / "pathumwan" / "subdistricts_180.geojson"


def _pathumwan(tmp_path):
    from cddp_plugin.core.workspace import dopa

    return create.create_workspace(tmp_path / "pathumwan.gpkg", dopa.parse_municipality_code("1007"),
                                   crs="EPSG:32647", user="tester").path  # fmt: skip


def _khet(crs="EPSG:4326"):
    khwaeng = gpd.read_file(KHWAENG)
    return khwaeng[khwaeng["District"].astype(str) == "1007"].dissolve()[["geometry"]].to_crs(crs)


@pytest.mark.skipif(not TRAFFY.is_file(), reason="shared data not present")
def test_complaint_area_without_crs_is_refused(tmp_path, provider):
    """Khet Pathum Wan as a shapefile without .prj: refused naming the layer, nothing imported."""
    ws = _pathumwan(tmp_path)
    shp = tmp_path / "khet.shp"
    _khet().to_file(shp)
    (tmp_path / "khet.prj").unlink()
    with pytest.raises(QgsProcessingException, match=r"khet has no coordinate reference system.*Set its CRS"):
        run("importcomplaints", {"INPUT": str(TRAFFY), "WORKSPACE": ws, "AREA": str(shp)})
    con = sqlite3.connect(ws)
    assert con.execute("SELECT count(*) FROM complaints").fetchone() == (0,)
    con.close()


@pytest.mark.skipif(not TRAFFY.is_file(), reason="shared data not present")
def test_indian_1975_complaint_area_gets_the_pinned_shift(tmp_path, provider):
    """A 25 m circle around a real complaint, written in Indian 1975 / UTM 47N with the pinned shift:
    the complaint is kept; PROJ's default Indian 1975 transformation would put the circle tens of
    metres away, and the complaint outside it."""
    import numpy as np

    ws = _pathumwan(tmp_path)
    with open(TRAFFY, encoding="utf-8-sig", newline="") as f:
        first = next(r for r in csv.DictReader(f) if r["coords"])
    lon, lat = (float(v) for v in first["coords"].split(","))
    to_utm = Transformer.from_crs("EPSG:4326", "EPSG:32647", always_xy=True)
    circle = shapely.Point(*to_utm.transform(lon, lat)).buffer(25)
    to_indian = Transformer.from_crs("EPSG:32647", pinned_source_crs(CRS.from_epsg(24047)), always_xy=True)
    moved = shapely.transform(circle, lambda xy: np.column_stack(to_indian.transform(xy[:, 0], xy[:, 1])))
    path = tmp_path / "circle_indian1975.gpkg"
    gpd.GeoDataFrame(geometry=[moved], crs="EPSG:24047").to_file(path)
    out = run("importcomplaints", {"INPUT": str(TRAFFY), "WORKSPACE": ws, "AREA": str(path)})
    assert out["INSERTED"] >= 1 and out["ROWS"] == 1000
    con = sqlite3.connect(ws)
    assert con.execute("SELECT count(*) FROM complaints WHERE external_id = ?", (first["ticket_id"],)).fetchone() == (
        1,
    )
    con.close()
    default = gpd.read_file(path).to_crs("EPSG:4326").geometry.iloc[0]
    assert not default.contains(shapely.Point(lon, lat))  # unpinned: the circle misses the complaint


# --- the AREA of cddp:conditionsummary -------------------------------------------------------------------

PW_DEMO = ROOT / "demo-output" / "pathumwan.gpkg"  # Pathum Wan's OSM roads in 100 m sections (3,477)
PW_AREA = ROOT / "demo-output" / "pathumwan_area.geojson"


@pytest.fixture(scope="module")
def pathumwan_demo(tmp_path_factory):
    path = tmp_path_factory.mktemp("pw") / "pathumwan.gpkg"
    shutil.copy(PW_DEMO, path)
    return str(path)


@pytest.mark.skipif(not PW_AREA.is_file(), reason="demo output not present")
def test_condition_summary_area_without_crs_is_refused(pathumwan_demo, tmp_path, provider):
    """Before: ValueError: Cannot transform naive geometries (a traceback)."""
    shp = tmp_path / "area_noprj.shp"
    gpd.read_file(PW_AREA).to_crs(32647).to_file(shp)
    (tmp_path / "area_noprj.prj").unlink()
    with pytest.raises(
        QgsProcessingException, match=r"area_noprj has no coordinate reference system.*Set its CRS"
    ) as e:
        run("conditionsummary", {"WORKSPACE": pathumwan_demo, "AREA": str(shp), "OUTPUT": str(tmp_path / "s.csv")})
    assert "Traceback" not in str(e.value) and "naive" not in str(e.value)


@pytest.mark.skipif(not PW_AREA.is_file(), reason="demo output not present")
def test_condition_summary_indian_1975_area_gets_the_pinned_shift(pathumwan_demo, tmp_path, provider):
    """The Pathum Wan area in Indian 1975 / UTM 47N (pinned shift) gives the same road length as in WGS 84:
    measured 166.980 km both; before, 171.798 km against 166.979 (PROJ's default shift moves it ~98 m)."""
    area = gpd.read_file(PW_AREA)
    indian = tmp_path / "area_indian1975.gpkg"
    area.to_crs(pinned_source_crs(CRS.from_epsg(24047))).set_crs(24047, allow_override=True).to_file(indian)
    ref = run(
        "conditionsummary", {"WORKSPACE": pathumwan_demo, "AREA": str(PW_AREA), "OUTPUT": str(tmp_path / "a.csv")}
    )
    out = run("conditionsummary", {"WORKSPACE": pathumwan_demo, "AREA": str(indian), "OUTPUT": str(tmp_path / "b.csv")})
    assert 100 < ref["ROAD_KM"] < 200  # 166.980
    assert out["ROAD_KM"] == pytest.approx(ref["ROAD_KM"], abs=0.002)  # PROJ's round trip: ~2 mm per vertex
    assert out["LAMPS"] == ref["LAMPS"]
    # what the unpinned transformation does to the same file: the area ~98 m away, km of other roads
    default = gpd.read_file(indian).to_crs(32647).geometry.iloc[0]
    assert default.centroid.distance(area.to_crs(32647).geometry.iloc[0].centroid) > 50
