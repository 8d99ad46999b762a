"""Parcel import: field mapping, document types, rai-ngan-wa, repairs, duplicates, CRS, upsert."""

import sqlite3

import geopandas as gpd
import pytest
import shapely

from cddp_plugin.core.common.crs import pinned_source_crs
from cddp_plugin.core.common.errors import CddpError
from cddp_plugin.core.land import jobs as land_jobs
from cddp_plugin.core.land import parcels
from cddp_plugin.core.workspace import gpkg
from tests.conftest import SHARED

CRS48 = "EPSG:32648"
X0, Y0 = 418_000, 1_612_000  # Prue Yai, UTM 48N


def box(a, b, c, d):
    return shapely.box(a + X0, b + Y0, c + X0, d + Y0)


def frame(rows, crs=CRS48):
    geoms = [r.pop("geometry") for r in rows]
    return gpd.GeoDataFrame(rows, geometry=geoms, crs=crs)


@pytest.mark.parametrize(
    ("sqm", "expected"),
    [(1600, (1, 0, 0.0)), (400, (0, 1, 0.0)), (4, (0, 0, 1.0)), (3400.02, (2, 0, 50.0)), (1999.9, (1, 1, 0.0)),
     (0, (0, 0, 0.0)), (6242.31, (3, 3, 60.6))],
)  # fmt: skip
def test_rai_ngan_wa(sqm, expected):
    assert parcels.rai_ngan_wa(sqm) == expected


@pytest.mark.parametrize(
    ("text", "code", "number"),
    [("โฉนดที่ดิน", "chanote", None), ("โฉนดทีดิน", "chanote", None), ("น.ส.3ก เลขที่ 1040", "ns3k", "1040"),
     ("นส3ก260", "ns3k", "260"), ("นส3", "ns3", None), ("สปก 4-01", "spk401", None), ("สปก4-01", "spk401", None),
     ("สค.1", "sk1", None), ("ทค", "other", None), ("", None, None), (None, None, None)],
)  # fmt: skip
def test_document_types_are_normalised(text, code, number):
    assert parcels.normalise_doc_type(text) == (code, number)


def test_fields_are_found_by_their_usual_names_and_areas_computed():
    gdf = frame([{"Parcel Code": "03I002", "LAND_TYPE": "โฉนดที่ดิน", "Mapsheet": "5838III1414", "hs_no": "บ้านเลขที่ ๕๒ ม.๑๐",
                  "geometry": box(0, 0, 40, 40)}])  # fmt: skip
    out, rep = parcels.prepare_parcels(gdf, CRS48)
    row = out.iloc[0]
    assert rep.mapping["parcel_code"] == "Parcel Code" and rep.mapping["doc_type"] == "LAND_TYPE"
    assert (row.parcel_code, row.doc_type, row.mapsheet, row.house_no) == (
        "03I002",
        "chanote",
        "5838III1414",
        "52 ม.10",
    )
    assert (row.area_sqm, row.area_rai, row.area_ngan, row.area_wa) == (1600.0, 1, 0, 0.0)
    assert out.geometry.iloc[0].geom_type == "MultiPolygon"


def test_code_from_zone_block_lot():
    out, _ = parcels.prepare_parcels(
        frame([{"zone": "03", "block": "03I", "lot": "002", "geometry": box(0, 0, 1, 1)}]), CRS48
    )
    assert out.parcel_code.iloc[0] == "03I002"


def test_invalid_geometries_are_repaired_and_empty_ones_rejected():
    bowtie = shapely.Polygon([(X0, Y0), (X0 + 10, Y0 + 10), (X0 + 10, Y0), (X0, Y0 + 10), (X0, Y0)])
    gdf = frame([
        {"parcel_code": "A", "geometry": bowtie},
        {"parcel_code": "B", "geometry": shapely.Polygon()},
        {"parcel_code": "C", "geometry": None},
        {"parcel_code": "D", "geometry": box(0, 0, 5, 5)},
    ])  # fmt: skip
    out, rep = parcels.prepare_parcels(gdf, CRS48)
    assert list(out.parcel_code) == ["A", "D"]
    assert rep.repaired == ["A"] and out.geometry.iloc[0].is_valid and out.geometry.iloc[0].area == pytest.approx(50)
    assert [label for label, _ in rep.rejected] == ["B", "C"]
    assert "empty geometry" in rep.rejected[0][1] and "no geometry" in rep.rejected[1][1]


def test_duplicated_codes_are_reported():
    gdf = frame([{"parcel_code": "X", "geometry": box(0, 0, 1, 1)}, {"parcel_code": "X", "geometry": box(2, 0, 3, 1)}])
    _, rep = parcels.prepare_parcels(gdf, CRS48)
    assert rep.duplicates == {"X": 2}


def test_missing_identifier_field_is_a_clear_error():
    with pytest.raises(CddpError, match=r"no parcel identifier found.*area, name"):
        parcels.prepare_parcels(frame([{"area": 1, "name": "x", "geometry": box(0, 0, 1, 1)}]), CRS48)


def test_unknown_mapping_field_is_a_clear_error():
    with pytest.raises(CddpError, match="'PCODE' \\(for parcel_code\\) is not in the input"):
        parcels.prepare_parcels(frame([{"code": "1", "geometry": box(0, 0, 1, 1)}]), CRS48, {"parcel_code": "PCODE"})


def test_missing_crs_and_wrong_crs_are_refused():
    gdf = frame([{"parcel_code": "A", "geometry": shapely.box(104.2, 14.6, 104.21, 14.61)}], crs=None)
    with pytest.raises(CddpError, match="has no coordinate reference system"):
        parcels.prepare_parcels(gdf, CRS48)
    out, _ = parcels.prepare_parcels(gdf, CRS48, source_crs="EPSG:4326")
    assert 400_000 < out.geometry.iloc[0].centroid.x < 430_000
    wrong = frame([{"parcel_code": "A", "geometry": shapely.box(104.2, 14.6, 104.21, 14.61)}], crs="EPSG:32647")
    with pytest.raises(CddpError, match=r"outside Thailand.*CRS is probably wrong"):
        parcels.prepare_parcels(wrong, CRS48)


def test_empty_layer_is_refused():
    with pytest.raises(CddpError, match="has no features"):
        parcels.prepare_parcels(gpd.GeoDataFrame({"parcel_code": []}, geometry=[], crs=CRS48), CRS48)


def test_indian_1975_uses_the_pinned_shift():
    from pyproj import CRS, Transformer

    pinned = Transformer.from_crs(pinned_source_crs(CRS.from_epsg(24047)), "EPSG:4326", always_xy=True)
    by_hand = Transformer.from_crs(
        "+proj=utm +zone=47 +a=6377276.345 +rf=300.8017 +towgs84=293,836,318,0,0,0,0 +units=m",
        "EPSG:4326",
        always_xy=True,
    )
    assert pinned.transform(660000, 1520000) == pytest.approx(by_hand.transform(660000, 1520000), abs=1e-9)


def test_upsert_updates_instead_of_duplicating(core_workspace):
    gdf = frame([
        {"parcel_code": "X", "land_no": "1", "geometry": box(0, 0, 10, 10)},
        {"parcel_code": "X", "land_no": "2", "geometry": box(20, 0, 30, 10)},
        {"parcel_code": None, "land_no": "3", "geometry": box(40, 0, 50, 10)},
    ])  # fmt: skip
    out, rep = parcels.prepare_parcels(gdf, CRS48)
    land_jobs.upsert_parcels(core_workspace.path, out, rep, "tester")
    assert (rep.inserted, rep.updated) == (3, 0)
    con = sqlite3.connect(core_workspace.path)
    uuids = dict(con.execute("SELECT land_no, uuid FROM parcels"))
    gdf.loc[0, "land_no"] = "1a"
    out, rep = parcels.prepare_parcels(gdf, CRS48)
    land_jobs.upsert_parcels(core_workspace.path, out, rep, "tester")
    assert (rep.inserted, rep.updated, rep.unchanged) == (0, 1, 2)  # only the changed parcel is written
    assert (rep.matched_by_code, rep.matched_by_shape) == (0, 3)  # repeated code X and no code: by shape
    assert con.execute("SELECT count(*) FROM parcels").fetchone()[0] == 3
    assert dict(con.execute("SELECT land_no, uuid FROM parcels"))["1a"] == uuids["1"]
    ops = [r[0] for r in con.execute("SELECT op FROM cddp_changelog ORDER BY seq")]
    assert ops == ["insert", "insert", "insert", "update"]  # identical rows are not logged again
    blob = con.execute("SELECT geom FROM parcels WHERE land_no = '2'").fetchone()[0]
    assert gpkg.from_blob(blob).equals(shapely.MultiPolygon([box(20, 0, 30, 10)]))
    con.close()


def test_gdal_reads_what_the_sqlite_writer_wrote(core_workspace):
    out, rep = parcels.prepare_parcels(frame([{"parcel_code": "Q", "geometry": box(0, 0, 10, 10)}]), CRS48)
    land_jobs.upsert_parcels(core_workspace.path, out, rep, "tester")
    import pyogrio

    back = pyogrio.read_dataframe(core_workspace.path, layer="parcels")
    assert back.geometry.iloc[0].area == 100 and back.crs.to_epsg() == 32648
    info = pyogrio.read_info(core_workspace.path, layer="parcels")
    assert info["features"] == 1


@pytest.mark.skipif(not (SHARED / "prueyai").is_dir(), reason="shared data not present")
def test_real_prue_yai_parcels():
    gdf = gpd.read_file(SHARED / "prueyai" / "parcel.geojson")
    out, rep = parcels.prepare_parcels(gdf, CRS48)
    assert rep.read == 8823 and rep.imported == 8823 and rep.rejected == []
    assert len(rep.repaired) == 3 and len(rep.duplicates) == 9
    assert out.geometry.is_valid.all()
    assert rep.doc_types["chanote"] > 1800
