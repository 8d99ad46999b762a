"""The parcel/household algorithms through the Processing registry and through scripts/cddp-process."""

import json
import sqlite3

import pytest
import shapely
from qgis.core import QgsProcessingException, QgsVectorLayer

from tests.conftest import SHARED, run_cddp_process

X0, Y0 = 418_000, 1_612_000


def run(alg, params):
    import processing

    return processing.run(f"cddp:{alg}", params)


def square(x, y, size=20):
    x, y = X0 + x, Y0 + y
    return [[[x, y], [x + size, y], [x + size, y + size], [x, y + size], [x, y]]]


@pytest.fixture
def small_town(tmp_path):
    """Parcels 03A001 (0–20) and 03A002 (30–50) in EPSG:32648; households as a CSV in lat/lon."""
    parcels = {"type": "FeatureCollection", "crs": {"type": "name", "properties": {"name": "urn:ogc:def:crs:EPSG::32648"}},
               "features": [
                   {"type": "Feature", "properties": {"parcel_code": "03A001", "land_type": "โฉนดที่ดิน"}, "geometry": {"type": "Polygon", "coordinates": square(0, 0)}},
                   {"type": "Feature", "properties": {"parcel_code": "03A002", "land_type": "นส3ก"}, "geometry": {"type": "Polygon", "coordinates": square(30, 0)}},
               ]}  # fmt: skip
    (tmp_path / "parcels.geojson").write_text(json.dumps(parcels))
    return tmp_path


@pytest.fixture
def ws(tmp_path, provider):
    out = run(
        "createworkspace", {"OUTPUT": str(tmp_path / "ws.gpkg"), "MUNICIPALITY_CODE": "330506", "CRS": "EPSG:32648"}
    )
    return out["OUTPUT"]


def make_households_csv(tmp_path):
    from pyproj import Transformer

    to_ll = Transformer.from_crs("EPSG:32648", "EPSG:4326", always_xy=True)
    rows = ["house_code,house_no,village_no,lat,lon"]
    for code, no, xy in (("33990000001", "1", (10, 10)), ("33990000002", "2", (24, 10)), ("33990000003", "3", (500, 500)),
                         ("33990000004", "๑๒/๓", None), ("12", "5", (10, 10))):  # fmt: skip
        lon, lat = to_ll.transform(X0 + xy[0], Y0 + xy[1]) if xy else ("", "")
        rows.append(f"{code},{no},7,{lat},{lon}")
    p = tmp_path / "households.csv"
    p.write_text("\n".join(rows) + "\n", encoding="utf-8-sig")
    return p


def test_import_link_and_impact_in_the_workspace(ws, small_town, tmp_path):
    out = run("importparcels", {"INPUT": str(small_town / "parcels.geojson"), "WORKSPACE": ws})
    assert (out["READ"], out["INSERTED"], out["UPDATED"], out["REPAIRED"]) == (2, 2, 0, 0)
    out = run("importparcels", {"INPUT": str(small_town / "parcels.geojson"), "WORKSPACE": ws})
    assert (out["INSERTED"], out["UPDATED"], out["UNCHANGED"], out["MATCHED_BY_SHAPE"]) == (0, 0, 2, 0)

    out = run(
        "importhouseholds",
        {"INPUT": str(make_households_csv(tmp_path)), "WORKSPACE": ws, "REJECTED": "TEMPORARY_OUTPUT"},
    )
    assert (out["READ"], out["INSERTED"], out["REJECTED_COUNT"], out["WITHOUT_LOCATION"]) == (5, 4, 1, 1)
    rejected = out["REJECTED"]
    rejected = rejected if isinstance(rejected, QgsVectorLayer) else QgsVectorLayer(rejected)
    assert next(f["reason"] for f in rejected.getFeatures()).startswith("Row 6: house code '12' must have 11 digits")

    hh = QgsVectorLayer(f"{ws}|layername=households", "hh", "ogr")
    pc = QgsVectorLayer(f"{ws}|layername=parcels", "pc", "ogr")
    out = run("linkhouseholds", {"HOUSEHOLDS": hh, "PARCELS": pc, "MAX_DISTANCE": 15,
                                 "OUTPUT": str(tmp_path / "linked.gpkg"), "UNLINKED": str(tmp_path / "unlinked.gpkg")})  # fmt: skip
    assert (out["LINKED"], out["UNLINKED_COUNT"]) == (2, 2)
    con = sqlite3.connect(ws)
    links = {r[0]: r[1:] for r in con.execute(
        "SELECT h.house_no, p.parcel_code, h.link_method, h.link_confidence FROM households h LEFT JOIN parcels p ON p.uuid = h.parcel_id")}  # fmt: skip
    assert links["1"][:2] == ("03A001", "within") and links["1"][2] == pytest.approx(0.99)
    assert links["2"][:2] == ("03A001", "nearest")
    assert links["3"] == (None, None, None) and links["12/3"] == (None, None, None)
    assert (
        con.execute("SELECT count(*) FROM cddp_changelog WHERE layer = 'households' AND op = 'update'").fetchone()[0]
        == 2
    )
    unlinked = QgsVectorLayer(str(tmp_path / "unlinked.gpkg"))
    assert sorted(f["reason"] for f in unlinked.getFeatures()) == ["no_location", "no_parcel_within_distance"]
    con.close()

    hazard = tmp_path / "flood.geojson"
    hazard.write_text(json.dumps({"type": "FeatureCollection", "crs": {"type": "name", "properties": {"name": "urn:ogc:def:crs:EPSG::32648"}},
                                  "features": [{"type": "Feature", "properties": {}, "geometry": {"type": "Polygon", "coordinates": square(-5, -5, 15)}}]}))  # fmt: skip
    out = run(
        "floodimpact",
        {"HAZARD": str(hazard), "WORKSPACE": ws, "HOUSEHOLDS": "TEMPORARY_OUTPUT", "SUMMARY": "TEMPORARY_OUTPUT"},
    )
    assert (
        out["AFFECTED_PARCELS"] == 1 and out["AFFECTED_HOUSEHOLDS"] == 2
    )  # house 1 by location, house 2 via its parcel
    con = sqlite3.connect(ws)
    assert con.execute("SELECT count(*) FROM cddp_personal_data_log").fetchone()[0] == 0
    run("floodimpact", {"HAZARD": str(hazard), "WORKSPACE": ws, "INCLUDE_PERSONAL_DATA": True})
    assert con.execute("SELECT action FROM cddp_personal_data_log").fetchall() == [("floodimpact",)]
    con.close()


def test_manual_links_are_kept_by_the_algorithm(ws, small_town, tmp_path):
    run("importparcels", {"INPUT": str(small_town / "parcels.geojson"), "WORKSPACE": ws})
    run("importhouseholds", {"INPUT": str(make_households_csv(tmp_path)), "WORKSPACE": ws})
    from cddp_plugin.core.workspace import gpkg

    con = gpkg.connect(ws)
    with con:
        con.execute(
            "UPDATE households SET parcel_id = (SELECT uuid FROM parcels WHERE parcel_code = '03A002'), link_method = 'manual' WHERE house_no = '1'"
        )
    hh = QgsVectorLayer(f"{ws}|layername=households", "hh", "ogr")
    pc = QgsVectorLayer(f"{ws}|layername=parcels", "pc", "ogr")
    run("linkhouseholds", {"HOUSEHOLDS": hh, "PARCELS": pc})
    row = con.execute(
        "SELECT p.parcel_code, h.link_method FROM households h JOIN parcels p ON p.uuid = h.parcel_id WHERE h.house_no = '1'"
    ).fetchone()
    con.close()
    assert row == ("03A002", "manual")


@pytest.mark.parametrize(
    ("params", "message"),
    [
        ({"PARCEL_ID_FIELD": "land_type"}, "is not unique"),
        ({"PARCEL_ID_FIELD": "nope"}, "'nope' is not in"),
    ],
)
def test_link_bad_parameters(provider, small_town, tmp_path, params, message):
    hh = tmp_path / "hh.geojson"
    hh.write_text(json.dumps({"type": "FeatureCollection", "crs": {"type": "name", "properties": {"name": "urn:ogc:def:crs:EPSG::32648"}},
                              "features": [{"type": "Feature", "properties": {}, "geometry": {"type": "Point", "coordinates": [X0 + 5, Y0 + 5]}}]}))  # fmt: skip
    bad_parcels = json.loads((small_town / "parcels.geojson").read_text())
    for f in bad_parcels["features"]:
        f["properties"]["land_type"] = "x"
    (tmp_path / "p.geojson").write_text(json.dumps(bad_parcels))
    with pytest.raises(QgsProcessingException, match=message):
        run(
            "linkhouseholds",
            {"HOUSEHOLDS": str(hh), "PARCELS": str(tmp_path / "p.geojson"), "OUTPUT": "TEMPORARY_OUTPUT", **params},
        )


def test_link_any_layers_outside_a_workspace_in_lat_lon(provider, small_town, tmp_path):
    """Layers in EPSG:4326: distances are measured in the UTM zone; the parcel id is the first unique field."""
    import geopandas as gpd

    gdf = gpd.read_file(small_town / "parcels.geojson").to_crs(4326)
    gdf.to_file(tmp_path / "p4326.gpkg")
    pts = gpd.GeoDataFrame({"name": ["a"]}, geometry=gpd.points_from_xy([X0 + 10], [Y0 + 10]), crs=32648).to_crs(4326)
    pts.to_file(tmp_path / "h4326.gpkg")
    out = run("linkhouseholds", {"HOUSEHOLDS": str(tmp_path / "h4326.gpkg"), "PARCELS": str(tmp_path / "p4326.gpkg"),
                                 "OUTPUT": str(tmp_path / "o.gpkg")})  # fmt: skip
    res = gpd.read_file(str(tmp_path / "o.gpkg"))
    assert out["LINKED"] == 1 and res.parcel_id.iloc[0] == "03A001" and res.link_method.iloc[0] == "within"


@pytest.mark.parametrize(
    ("uuids", "expected"), [(["u-1", "u-2"], "u-1"), (["u-1", "u-1"], "P-1"), ([None, "u-2"], "P-1")]
)
def test_without_an_id_field_the_parcel_id_is_a_complete_unique_uuid_else_the_first_unique_column(
    provider, tmp_path, uuids, expected
):
    """Linking reads only the parcels' columns it uses — unless the uuid cannot be the id (repeated or
    missing): then the first complete unique column of the whole layer is, as it always was."""
    import geopandas as gpd

    polys = [shapely.Polygon(square(0, 0)[0]), shapely.Polygon(square(30, 0)[0])]
    gpd.GeoDataFrame({"uuid": uuids, "pid": ["P-1", "P-2"], "parcel_code": ["03A001", "03A002"]}, geometry=polys,
                     crs=32648).to_file(tmp_path / "p.gpkg")  # fmt: skip
    gpd.GeoDataFrame({"name": ["a"]}, geometry=gpd.points_from_xy([X0 + 10], [Y0 + 10]), crs=32648).to_file(
        tmp_path / "h.gpkg"
    )
    run("linkhouseholds", {"HOUSEHOLDS": str(tmp_path / "h.gpkg"), "PARCELS": str(tmp_path / "p.gpkg"),
                           "OUTPUT": str(tmp_path / "o.gpkg")})  # fmt: skip
    assert gpd.read_file(str(tmp_path / "o.gpkg")).parcel_id.tolist() == [expected]


def test_import_households_needs_exactly_one_input(ws):
    with pytest.raises(QgsProcessingException, match="exactly one"):
        run("importhouseholds", {"WORKSPACE": ws})


def test_algorithms_need_a_workspace(provider, small_town):
    with pytest.raises(QgsProcessingException, match="No CDDP workspace"):
        run("importparcels", {"INPUT": str(small_town / "parcels.geojson")})


@pytest.mark.skipif(not (SHARED / "prueyai").is_dir(), reason="shared data not present")
def test_prue_yai_through_cddp_process(tmp_path):
    ws = tmp_path / "prueyai.gpkg"
    profile = tmp_path / "profile"
    steps = [
        ["cddp:createworkspace", f"OUTPUT={ws}", "MUNICIPALITY_CODE=330506", "CRS=EPSG:32648"],
        ["cddp:importparcels", f"INPUT={SHARED / 'prueyai' / 'parcel.geojson'}", f"WORKSPACE={ws}"],
        ["cddp:importhouseholds", f"INPUT={SHARED / 'prueyai' / 'building.geojson'}", f"WORKSPACE={ws}"],
        ["cddp:linkhouseholds", f"HOUSEHOLDS={ws}|layername=households", f"PARCELS={ws}|layername=parcels"],
    ]
    for step in steps:
        res = run_cddp_process(["run", step[0], "--", *step[1:]], profile=profile)
        assert res.returncode == 0, res.stdout[-2000:] + res.stderr[-2000:]
    assert "LINKED:" in res.stdout
    con = sqlite3.connect(ws)
    n, linked = con.execute("SELECT count(*), count(parcel_id) FROM households").fetchone()
    con.close()
    assert n > 5000 and linked / n > 0.9


def test_a_large_town_from_two_files_to_flatgeobuf_keeps_every_household_and_its_link(tmp_path, provider):
    """Two GeoPackages read at once (Arrow, two threads), linked, written to a FlatGeobuf in Hilbert
    order: every household comes out once, with the link the core computes for it."""
    import sys

    import geopandas as gpd
    import numpy as np
    import pyogrio

    from cddp_plugin.core.land.linking import link_households
    from tests.conftest import ROOT

    sys.path.insert(0, str(ROOT / "bench"))
    from synthetic import make_households, make_parcels

    polys, ids, _codes, origins = make_parcels(30_000, seed=3)
    pts, _truth = make_households(polys, origins, seed=4)
    rng = np.random.default_rng(5)
    order = rng.permutation(len(pts))  # civil-registry order, not spatial
    pts = pts[order]
    pc, hh, out = tmp_path / "parcels.gpkg", tmp_path / "households.gpkg", tmp_path / "linked.fgb"
    gpd.GeoDataFrame({"pid": ids}, geometry=polys, crs="EPSG:32648").to_file(pc, engine="pyogrio")
    gpd.GeoDataFrame({"hid": np.arange(len(pts)), "name_th": "บ้าน"}, geometry=pts, crs="EPSG:32648").to_file(
        hh, engine="pyogrio"
    )

    res = run("linkhouseholds", {"HOUSEHOLDS": str(hh), "PARCELS": str(pc), "PARCEL_ID_FIELD": "pid",
                                 "OUTPUT": str(out)})  # fmt: skip
    got = pyogrio.read_dataframe(out).set_index("hid").sort_index()
    assert len(got) == len(pts) and got.index.is_unique and (got["name_th"] == "บ้าน").all()
    want = link_households(pts, polys, ids)
    assert res["LINKED"] == int((want.parcel_id != None).sum())  # noqa: E711
    assert (got["parcel_id"].to_numpy(dtype=object) == want.parcel_id).all()
    assert np.allclose(got["link_confidence"].to_numpy(float), want.confidence, equal_nan=True)
    assert np.allclose(shapely.get_x(got.geometry.values), shapely.get_x(pts))


def test_reading_files_with_boolean_fields_falls_back_from_arrow(tmp_path):
    """GDAL < 3.8.3 misreads booleans through Arrow and pyogrio refuses such files: they are read the
    classic way, with the same values, and files without booleans through Arrow give the same frame."""
    import geopandas as gpd
    import pandas as pd
    import pyogrio

    from cddp_plugin.toolbelt import layer_io

    frame = gpd.GeoDataFrame(
        {"lit": [True, False], "lanes": pd.array([2, None], dtype="Int64"), "name_th": ["ถนนหลัก", None]},
        geometry=[shapely.Point(0, 0), shapely.Point(5, 5)], crs="EPSG:32648",
    )  # fmt: skip
    path = tmp_path / "roads.gpkg"
    pyogrio.write_dataframe(frame, path)
    layer = QgsVectorLayer(str(path), "roads", "ogr")
    other = QgsVectorLayer(str(path), "roads again", "ogr")
    a, b = layer_io.read_layers([layer, other])  # two files at once: the threaded path
    for got in (a, b, layer_io.read_layer(layer)):
        assert got["lit"].tolist() == [True, False]
        assert got["name_th"].tolist() == ["ถนนหลัก", None] and got["lanes"].isna().tolist() == [False, True]
    plain = tmp_path / "plain.gpkg"
    pyogrio.write_dataframe(frame.drop(columns="lit"), plain)
    arrow = layer_io.read_layer(QgsVectorLayer(str(plain), "plain", "ogr"))
    classic = pyogrio.read_dataframe(plain, fid_as_index=True, use_arrow=False)
    pd.testing.assert_frame_equal(
        pd.DataFrame(arrow.drop(columns="geometry")), pd.DataFrame(classic.drop(columns="geometry"))
    )
