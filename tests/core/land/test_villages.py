"""core/land/villages + jobs.write_villages: หมู่ / ชุมชน / zone boundaries into a real workspace."""

import sqlite3

import geopandas as gpd
import pytest
import shapely

from cddp_plugin.core.common.errors import CddpError
from cddp_plugin.core.land import jobs, villages
from cddp_plugin.core.workspace import create, dopa

X0, Y0 = 418_000, 1_612_000  # UTM 48N, in Prue Yai (Si Sa Ket)
CRS = "EPSG:32648"


@pytest.fixture
def ws(tmp_path):
    area = dopa.parse_municipality_code("330506")
    return str(create.create_workspace(tmp_path / "ws.gpkg", area, "ปรือใหญ่", CRS, user="tester").path)


def squares(numbers, names=None, crs=CRS, **extra):
    geoms = [shapely.box(X0 + 300 * i, Y0, X0 + 300 * i + 250, Y0 + 250) for i in range(len(numbers))]
    data = {"MOO": numbers, "NAME": names or [f"บ้าน {k}" for k in range(len(numbers))], **extra}
    return gpd.GeoDataFrame(data, geometry=geoms, crs=CRS).to_crs(crs)


def changes(ws):
    con = sqlite3.connect(ws)
    try:
        return con.execute("SELECT count(*) FROM cddp_changelog WHERE layer = 'villages'").fetchone()[0]
    finally:
        con.close()


def stored(ws):
    con = sqlite3.connect(ws)
    try:
        return con.execute(
            "SELECT village_no, name_th, name_en, tambon_code FROM villages ORDER BY village_no"
        ).fetchall()
    finally:
        con.close()


@pytest.mark.parametrize(
    ("raw", "number"),
    [("3", 3), ("๓", 3), ("หมู่ ๓", 3), ("หมู่ที่ 3", 3), ("ม.3", 3), ("ม. ๑๒", 12), ("03", 3), ("Moo 3", 3),
     (3, 3), (3.0, 3), ("3.0", 3), ("ชุมชนที่ 7", 7), (None, None), ("  ", None), (float("nan"), None)],
)  # fmt: skip
def test_village_numbers_in_every_usual_spelling(raw, number):
    assert villages.parse_village_number(raw) == number


@pytest.mark.parametrize("raw", ["3ก", "สามัคคี", 0, "100", 3.5, "1/2", True])
def test_what_is_not_a_village_number(raw):
    with pytest.raises(ValueError):
        villages.parse_village_number(raw)


def test_import_reprojects_and_reimport_changes_nothing(ws):
    src = squares(["หมู่ ๑", "ม.2", "3"], crs="EPSG:4326")
    prepared, report = villages.prepare_villages(src, CRS, "MOO", "NAME", layer_label="moo.geojson")
    assert list(prepared["village_no"]) == [1, 2, 3] and prepared.crs.to_epsg() == 32648
    assert prepared.geometry.iloc[0].geom_type == "MultiPolygon"
    assert prepared.geometry.iloc[0].bounds == pytest.approx((X0, Y0, X0 + 250, Y0 + 250), abs=0.01)
    jobs.write_villages(ws, prepared, report, "tester", kind="village")
    assert (report.inserted, report.updated, report.unchanged) == (3, 0, 0)
    assert stored(ws) == [(1, "บ้าน 0", None, None), (2, "บ้าน 1", None, None), (3, "บ้าน 2", None, None)]
    logged = changes(ws)
    assert logged == 3

    prepared, report = villages.prepare_villages(src, CRS, "MOO", "NAME")
    jobs.write_villages(ws, prepared, report, "tester", kind="village")
    assert (report.inserted, report.updated, report.unchanged, report.kind_changed) == (0, 0, 3, False)
    assert changes(ws) == logged

    # a renamed village: one update, through the change log; the other two untouched
    prepared, report = villages.prepare_villages(
        squares(["1", "2", "3"], ["บ้าน 0", "บ้านใหม่", "บ้าน 2"], crs="EPSG:4326"), CRS, "MOO", "NAME"
    )
    jobs.write_villages(ws, prepared, report, "tester")
    assert (report.inserted, report.updated, report.unchanged) == (0, 1, 2)
    assert changes(ws) == logged + 1 and stored(ws)[1][1] == "บ้านใหม่"


def test_kind_is_stored_once_and_kept(ws):
    prepared, report = villages.prepare_villages(squares(["01", "02"]), CRS, "MOO")
    assert villages.zone_kind(ws) == "village"
    jobs.write_villages(ws, prepared, report, "tester", kind="taxmap_zone")
    assert villages.zone_kind(ws) == "taxmap_zone" and report.kind_changed
    assert villages.kind_label("taxmap_zone") == "เขตแผนที่ภาษี"
    prepared, report = villages.prepare_villages(squares(["01", "02"]), CRS, "MOO")
    jobs.write_villages(ws, prepared, report, "tester")  # no kind given: the stored one stays
    assert villages.zone_kind(ws) == "taxmap_zone" and report.kind == "taxmap_zone"
    with pytest.raises(CddpError, match="Unknown kind of zone 'moo'"):
        jobs.write_villages(ws, prepared, report, "tester", kind="moo")


def test_the_same_number_in_two_tambons_is_two_zones(ws):
    src = squares(["1", "1"], tambon=["330506", "330507"])
    prepared, report = villages.prepare_villages(src, CRS, "MOO", tambon_field="tambon")
    jobs.write_villages(ws, prepared, report, "tester")
    assert [(r[0], r[3]) for r in stored(ws)] == [(1, "330506"), (1, "330507")]


def test_duplicates_are_refused_listing_them_or_merged_when_asked(ws):
    src = squares(["1", "๒", "หมู่ 2", "3"])
    with pytest.raises(CddpError) as err:
        villages.prepare_villages(src, CRS, "MOO", layer_label="moo.shp")
    assert "moo.shp: 1 village numbers are on more than one polygon: 2 × 2 (rows 2, 3)" in str(err.value)
    assert "MERGE_DUPLICATES" in str(err.value)
    prepared, report = villages.prepare_villages(src, CRS, "MOO", merge_duplicates=True)
    assert report.merged == {"2": 2} and len(prepared) == 3
    two = prepared.set_index("village_no").geometry[2]
    assert two.geom_type == "MultiPolygon" and len(two.geoms) == 2 and two.area == pytest.approx(2 * 250 * 250)


def test_bad_inputs_say_what_to_do(ws):
    with pytest.raises(
        CddpError,
        match=r"moo.geojson: 2 values of the number field MOO are not village numbers .*row 2: 'สามัคคี'; 3: '0'",
    ):
        villages.prepare_villages(squares(["1", "สามัคคี", "0"]), CRS, "MOO", layer_label="moo.geojson")
    with pytest.raises(CddpError, match=r"moo.geojson has no field 'VILL' \(NUMBER_FIELD\); its fields are: MOO, NAME"):
        villages.prepare_villages(squares(["1"]), CRS, "VILL", layer_label="moo.geojson")
    with pytest.raises(CddpError, match=r"moo.geojson: no village number field found. Set NUMBER_FIELD"):
        villages.prepare_villages(squares(["1"]).rename(columns={"MOO": "X"}), CRS, layer_label="moo.geojson")
    points = gpd.GeoDataFrame({"MOO": [1]}, geometry=[shapely.Point(X0, Y0)], crs=CRS)
    with pytest.raises(CddpError, match=r"pts.geojson has point, not polygons"):
        villages.prepare_villages(points, CRS, "MOO", layer_label="pts.geojson")
    with pytest.raises(CddpError, match=r"tambon codes in tambon must have 6 digits .* found 33"):
        villages.prepare_villages(squares(["1"], tambon=["33"]), CRS, "MOO", tambon_field="tambon")
    with pytest.raises(CddpError, match="has no coordinate reference system"):
        villages.prepare_villages(squares(["1"]).set_crs(None, allow_override=True), CRS, "MOO", layer_label="x")
    assert stored(ws) == [] and changes(ws) == 0


def test_empty_missing_and_invalid_geometries(ws):
    bowtie = shapely.Polygon([(X0, Y0), (X0 + 200, Y0 + 200), (X0 + 200, Y0), (X0, Y0 + 200), (X0, Y0)])
    src = gpd.GeoDataFrame(
        {"MOO": ["1", "2", "3", "4", None]},
        geometry=[bowtie, None, shapely.Polygon(), shapely.box(X0, Y0 + 500, X0 + 50, Y0 + 550),
                  shapely.box(X0, Y0 + 900, X0 + 50, Y0 + 950)],
        crs=CRS,
    )  # fmt: skip
    prepared, report = villages.prepare_villages(src, CRS, "MOO")
    assert report.repaired == ["1"]
    assert report.rejected == [("2", "no geometry"), ("3", "empty geometry"), ("#5", "no village number")]
    assert list(prepared["village_no"]) == [1, 4]
    assert prepared.geometry.iloc[0].is_valid and prepared.geometry.iloc[0].area == pytest.approx(20_000)
    none_left = src.iloc[[1, 2]]
    with pytest.raises(CddpError, match="none of its 2 features can be imported"):
        villages.prepare_villages(none_left, CRS, "MOO")


def test_a_failed_write_changes_nothing(ws):
    prepared, report = villages.prepare_villages(squares(["1", "2"]), CRS, "MOO", "NAME")
    jobs.write_villages(ws, prepared, report, "tester")
    prepared, report = villages.prepare_villages(squares(["5"]), CRS, "MOO")
    prepared = prepared.set_geometry(prepared.geometry.translate(0, 400_000))  # 400 km north: far outside
    before = (stored(ws), changes(ws))
    with pytest.raises(CddpError):
        jobs.write_villages(ws, prepared, report, "tester", kind="community")
    assert (stored(ws), changes(ws)) == before and villages.zone_kind(ws) == "village"
