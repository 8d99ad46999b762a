"""core.common.ogrio reads through QGIS's own GDAL what pyogrio read before, value for value.

pyogrio stays in the development venv as the oracle: the plugin no longer imports it (it carries a
second GDAL and PROJ into QGIS), and these tests hold that nothing the core was written against
changed — columns, dtypes, nulls, geometries, CRS, feature ids, filters, date-times with offsets,
curved geometries linearised, and what the writer writes reads back the same."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pytest
import shapely

pyogrio = pytest.importorskip("pyogrio")  # the venv always has it (geopandas needs it); the ZIP does not

from cddp_plugin.core.common import ogrio  # noqa: E402

DATA = Path(__file__).resolve().parents[3] / ".." / "shared" / "data"
DEMO = Path(__file__).resolve().parents[3] / "demo-output"


def _same(ours, theirs):
    assert list(ours.columns) == list(theirs.columns)
    assert len(ours) == len(theirs)
    assert list(ours.index) == list(theirs.index)
    for col in theirs.columns:
        a, b = ours[col], theirs[col]
        if col == "geometry":
            assert shapely.equals_exact(
                np.asarray(a.values, dtype=object), np.asarray(b.values, dtype=object), tolerance=0
            ).sum() + (a.isna() & b.isna()).sum() == len(b), col
            continue
        assert str(a.dtype) == str(b.dtype), (col, a.dtype, b.dtype)
        pd.testing.assert_series_equal(a, b, check_names=False)
    if hasattr(theirs, "crs") and theirs.crs is not None:
        assert ours.crs == theirs.crs


@pytest.mark.parametrize(
    ("path", "layer"),
    [
        (DEMO / "prueyai.gpkg", "households"),
        (DEMO / "prueyai.gpkg", "parcels"),
        (DEMO / "pathumwan.gpkg", "complaints"),
        (DEMO / "pathumwan.gpkg", "work_orders"),
        (DEMO / "pathumwan.gpkg", "road_sections"),
        (DEMO / "khonkaen.gpkg", "streetlights"),
        (DATA / "khonkaen" / "lightpole.geojson", None),
        (DATA / "pathumwan" / "subdistricts_180.geojson", None),
    ],
)
def test_reads_what_pyogrio_read(path, layer):
    ours = ogrio.read_dataframe(path, layer=layer, fid_as_index=True)
    theirs = pyogrio.read_dataframe(path, layer=layer, fid_as_index=True, use_arrow=False)
    _same(ours, theirs)


def test_columns_without_geometry_and_where():
    path = DEMO / "prueyai.gpkg"
    ours = ogrio.read_dataframe(path, layer="households", columns=["uuid", "parcel_id"], read_geometry=False)
    theirs = pyogrio.read_dataframe(path, layer="households", columns=["uuid", "parcel_id"], read_geometry=False)
    _same(ours, theirs)
    assert "geometry" not in ours.columns
    osm = DATA / "pathumwan" / "pathumwan.osm.pbf"
    ours = ogrio.read_dataframe(osm, layer="lines", where="highway IS NOT NULL")
    theirs = pyogrio.read_dataframe(osm, layer="lines", where="highway IS NOT NULL", use_arrow=False)
    assert len(ours) == len(theirs) > 1000
    _same(ours, theirs)


def test_datetimes_with_offsets_are_utc(tmp_path):
    p = tmp_path / "t.geojson"
    p.write_text(
        '{"type":"FeatureCollection","features":['
        '{"type":"Feature","properties":{"t":"2026-01-01T10:00:00+07:00","n":1},'
        '"geometry":{"type":"Point","coordinates":[100.5,13.7]}},'
        '{"type":"Feature","properties":{"t":"2026-01-01T10:00:00Z","n":null},'
        '"geometry":{"type":"Point","coordinates":[100.5,13.7]}},'
        '{"type":"Feature","properties":{"t":null,"n":3},"geometry":null}]}',
        encoding="utf-8",
    )
    frame = ogrio.read_dataframe(p)
    assert str(frame["t"].dtype) == "datetime64[ms, UTC]"
    assert frame["t"].iloc[0] == pd.Timestamp("2026-01-01T03:00:00Z")  # 10:00 Bangkok
    assert frame["t"].iloc[1] == pd.Timestamp("2026-01-01T10:00:00Z")
    assert pd.isna(frame["t"].iloc[2])
    assert frame["n"].dtype == "float64" and np.isnan(frame["n"].iloc[1])
    assert frame.geometry.iloc[2] is None


def test_curves_are_linearised(tmp_path):
    from osgeo import ogr

    path = tmp_path / "curves.gpkg"
    ds = ogr.GetDriverByName("GPKG").CreateDataSource(str(path))
    lyr = ds.CreateLayer("c", geom_type=ogr.wkbCurvePolygon)
    f = ogr.Feature(lyr.GetLayerDefn())
    f.SetGeometry(ogr.CreateGeometryFromWkt("CURVEPOLYGON(CIRCULARSTRING(0 0,1 1,2 0,1 -1,0 0))"))
    lyr.CreateFeature(f)
    ds = None
    frame = ogrio.read_dataframe(path)
    g = frame.geometry.iloc[0]
    assert g.geom_type == "Polygon" and len(g.exterior.coords) > 10
    assert abs(g.area - np.pi) < 0.05


def test_written_reads_back(tmp_path):
    src = ogrio.read_dataframe(DEMO / "pathumwan.gpkg", layer="complaints")
    src = src[["uuid", "reported_at", "reopen_count", "asset_distance_m", "category", "geometry"]].head(200)
    src["flag"] = src["reopen_count"].fillna(0) > 0
    for name, driver in (("out.gpkg", "GPKG"), ("out.geojson", "GeoJSON"), ("out.fgb", "FlatGeobuf")):
        ogrio.write_dataframe(src, tmp_path / name, driver, layer="c")
        back = ogrio.read_dataframe(tmp_path / name)
        # a FlatGeobuf stores its features in the order of its spatial index
        back = back.set_index("uuid").loc[list(src["uuid"])].reset_index()
        assert len(back) == len(src)
        assert list(back["uuid"]) == list(src["uuid"])
        assert list(back["category"].fillna("")) == list(src["category"].fillna(""))
        assert (back["reported_at"].dropna().values == src["reported_at"].dropna().values).all()
        assert shapely.equals_exact(back.geometry.values, src.geometry.values, tolerance=1e-9).all()
        assert list(back["flag"]) == list(src["flag"]) and back["flag"].dtype == bool
        assert back.crs == src.crs
    # a GeoPackage keeps its other layers when one is replaced
    ogrio.write_dataframe(src.head(5), tmp_path / "out.gpkg", "GPKG", layer="d")
    ogrio.write_dataframe(src.head(3), tmp_path / "out.gpkg", "GPKG", layer="c")
    assert sorted(ogrio.list_layers(tmp_path / "out.gpkg")) == ["c", "d"]
    assert len(ogrio.read_dataframe(tmp_path / "out.gpkg", layer="c")) == 3


def test_booleans_survive_many_rows(tmp_path):
    """GDAL < 3.8.3 hands the Arrow stream's bit-packed booleans to NumPy as bytes (288 true of 3,477
    read as 62): they are read value by value, nulls kept."""
    import geopandas as gpd

    n = 3477
    rng = np.random.default_rng(2)
    chosen = rng.random(n) < 0.09
    frame = gpd.GeoDataFrame(
        {"selected": chosen, "x": np.arange(n)}, geometry=shapely.points(np.arange(n), np.arange(n)), crs="EPSG:32647"
    )
    pyogrio.write_dataframe(frame, tmp_path / "b.gpkg")
    back = ogrio.read_dataframe(tmp_path / "b.gpkg")
    assert back["selected"].dtype == bool and (back["selected"].to_numpy() == chosen).all()
    assert (back["x"].to_numpy() == np.arange(n)).all() and back.geometry.notna().all()
    theirs = pyogrio.read_dataframe(tmp_path / "b.gpkg", use_arrow=False)
    _same(back, theirs)
    from osgeo import ogr

    ds = ogr.Open(str(tmp_path / "b.gpkg"), 1)
    lyr = ds.GetLayer(0)
    feat = lyr.GetFeature(6)  # the sixth row
    feat.SetFieldNull("selected")
    lyr.SetFeature(feat)
    ds = lyr = None
    back = ogrio.read_dataframe(tmp_path / "b.gpkg", columns=["selected"])
    assert back["selected"].iloc[5] is None and back["selected"].iloc[:5].tolist() == chosen[:5].tolist()
