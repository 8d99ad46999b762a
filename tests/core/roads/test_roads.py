"""Roads: OSM tag parsing and mapping, Thai names, import and upsert, segmentation and chainage."""

import re
import sqlite3

import geopandas as gpd
import pytest
import shapely
from shapely.geometry import LineString, MultiLineString

from cddp_plugin.core.common.errors import CddpError
from cddp_plugin.core.roads import jobs as roads_jobs
from cddp_plugin.core.roads import network
from cddp_plugin.core.roads import sections as roads_sections
from cddp_plugin.core.workspace import create, dopa, gpkg
from tests.conftest import SHARED

PATHUMWAN_PBF = SHARED / "pathumwan" / "pathumwan.osm.pbf"
CRS47 = "EPSG:32647"
X0, Y0 = 665_000.0, 1_519_000.0  # Pathum Wan in UTM 47N


def exact(message):
    return f"^{re.escape(message)}$"


def line(*pts):
    return LineString([(X0 + x, Y0 + y) for x, y in pts])


def frame(rows, crs=CRS47):
    geoms = [r.pop("geometry") for r in rows]
    return gpd.GeoDataFrame(rows, geometry=geoms, crs=crs)


@pytest.fixture
def ws(tmp_path):
    info = create.create_workspace(tmp_path / "pathumwan.gpkg", dopa.parse_municipality_code("1007"), crs=CRS47,
                                      user="tester")  # fmt: skip
    return info.path


def rows(path, sql, *params):
    con = sqlite3.connect(path)
    try:
        return con.execute(sql, params).fetchall()
    finally:
        con.close()


# --- other_tags ---------------------------------------------------------------------------------


def test_other_tags_plain_pairs():
    text = '"lanes"=>"3","lit"=>"yes","name:en"=>"Rama I Road","name:th"=>"ถนนพระรามที่ 1","surface"=>"asphalt"'
    assert network.parse_other_tags(text) == {"lanes": "3", "lit": "yes", "name:en": "Rama I Road",
                                            "name:th": "ถนนพระรามที่ 1", "surface": "asphalt"}  # fmt: skip


def test_other_tags_escaped_quotes_commas_arrows_and_backslashes():
    text = r'"name:en"=>"Soi \"Test\", 1 => \\ back","alt_name"=>"a,b;c","k\"ey"=>"v"'
    assert network.parse_other_tags(text) == {"name:en": 'Soi "Test", 1 => \\ back', "alt_name": "a,b;c", 'k"ey': "v"}


@pytest.mark.parametrize("empty", [None, "", "   ", float("nan")])
def test_other_tags_empty(empty):
    assert network.parse_other_tags(empty) == {}


def test_other_tags_null_values_json_and_malformed_text():
    assert network.parse_other_tags('"a"=>NULL, "b" => "2"') == {"b": "2"}
    assert network.parse_other_tags('{"lanes": "2", "surface": "concrete", "x": null}') == {"lanes": "2",
                                                                                        "surface": "concrete"}  # fmt: skip
    broken = '"a"=>"1","b"=>"unterminated'
    assert network.parse_other_tags(broken) == {"a": "1"}
    with pytest.raises(ValueError, match="character 9"):
        network.parse_other_tags(broken, strict=True)


OSM_XML = """<?xml version="1.0" encoding="UTF-8"?>
<osm version="0.6" generator="cddp-test">
  <node id="1" lat="13.7400" lon="100.5300"/>
  <node id="2" lat="13.7400" lon="100.5310"/>
  <node id="3" lat="13.7410" lon="100.5310"/>
  <node id="4" lat="13.7410" lon="100.5310"/>
  <way id="10">
    <nd ref="1"/><nd ref="2"/><nd ref="3"/>
    <tag k="highway" v="residential"/>
    <tag k="name" v="ซอย &quot;ทดสอบ&quot;, ๑"/>
    <tag k="name:en" v="Soi &quot;Test&quot;, 1 =&gt; \\ back"/>
    <tag k="surface" v="concrete:plates"/>
    <tag k="width" v="6.5 m"/>
    <tag k="lanes" v="2"/>
    <tag k="lit" v="24/7"/>
  </way>
  <way id="11">
    <nd ref="3"/><nd ref="4"/>
    <tag k="highway" v="service"/>
  </way>
  <way id="12">
    <nd ref="1"/><nd ref="3"/>
    <tag k="highway" v="proposed"/>
  </way>
  <way id="13">
    <nd ref="2"/><nd ref="1"/>
    <tag k="highway" v="corridor"/>
    <tag k="name" v="Skywalk"/>
    <tag k="surface" v="paved"/>
  </way>
  <way id="14">
    <nd ref="2"/><nd ref="3"/>
    <tag k="waterway" v="canal"/>
  </way>
</osm>
"""


@pytest.fixture
def osm_file(tmp_path):
    path = tmp_path / "test.osm"
    path.write_text(OSM_XML, encoding="utf-8")
    return path


def test_osm_file_through_gdal(osm_file):
    """GDAL writes the quotes, commas and backslash of name:en into other_tags; they come back intact."""
    out, rep = network.prepare_osm_roads(osm_file, CRS47)
    assert rep.read == 4  # the canal is not a highway
    assert list(out.osm_id) == ["way/10", "way/13"]
    soi = out.iloc[0]
    assert (soi.name_th, soi.name_en) == ('ซอย "ทดสอบ", ๑', 'Soi "Test", 1 => \\ back')  # Thai digits kept
    assert (soi.road_class, soi.surface, soi.width_m, soi.lanes, soi.lit) == ("residential", "concrete", 6.5, 2, True)
    # 0.001° of longitude and of latitude at 13.74° N: about 108.1 m + 110.6 m
    assert soi.length_m == pytest.approx(218.7, rel=0.005)
    assert out.geometry.iloc[0].geom_type == "MultiLineString" and out.crs.to_epsg() == 32647
    skywalk = out.iloc[1]
    assert (skywalk.name_th, skywalk.name_en, skywalk.road_class, skywalk.surface) == (None, "Skywalk", "other",
                                                                                       "unknown")  # fmt: skip
    assert rep.other_classes == {"corridor": 1} and rep.unknown_surfaces == {"paved": 1}
    assert dict(rep.rejected) == {"way/11": "no length: all its points are at the same place",
                                  "way/12": "highway=proposed is not a road on the ground"}  # fmt: skip


def test_osm_class_filter(osm_file):
    out, rep = network.prepare_osm_roads(osm_file, CRS47, classes=["residential", "service"])
    assert list(out.osm_id) == ["way/10"] and rep.filtered == 1
    with pytest.raises(CddpError, match="Unknown road class highway; the classes are: motorway, trunk"):
        network.prepare_osm_roads(osm_file, CRS47, classes=["highway"])


# --- mapping tables -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("highway", "code"),
    [("motorway", "motorway"), ("motorway_link", "motorway"), ("trunk_link", "trunk"), ("primary_link", "primary"),
     ("secondary", "secondary"), ("tertiary_link", "tertiary"), ("unclassified", "unclassified"),
     ("residential", "residential"), ("service", "service"), ("living_street", "living_street"), ("track", "track"),
     ("footway", "footway"), ("path", "footway"), ("pedestrian", "footway"), ("steps", "footway"),
     ("cycleway", "footway"), ("bridleway", "footway"), ("corridor", "other"), ("busway", "other"),
     ("road", "other"), ("Primary", "primary"), ("residential;service", "residential"), (None, None), ("", None)],
)  # fmt: skip
def test_highway_to_class(highway, code):
    assert network.road_class_from_highway(highway) == code
    assert code is None or code in network.ROAD_CLASSES


@pytest.mark.parametrize(
    ("surface", "code"),
    [("asphalt", "asphalt"), ("chipseal", "asphalt"), ("concrete", "concrete"), ("concrete:plates", "concrete"),
     ("concrete:lanes", "concrete"), ("paving_stones", "paving"), ("sett", "paving"), ("cobblestone", "paving"),
     ("bricks", "paving"), ("gravel", "gravel"), ("fine_gravel", "gravel"), ("compacted", "gravel"),
     ("pebblestone", "gravel"), ("laterite", "laterite"), ("unpaved", "earth"), ("dirt", "earth"), ("ground", "earth"),
     ("earth", "earth"), ("mud", "earth"), ("sand", "earth"), ("grass", "earth"), ("paved", "unknown"),
     ("metal", "unknown"), ("wood", "unknown"), (None, "unknown"), ("", "unknown")],
)  # fmt: skip
def test_osm_surface_to_class(surface, code):
    assert network.surface_from_osm(surface) == code


@pytest.mark.parametrize(
    ("text", "code"),
    [("ลาดยาง", "asphalt"), ("ผิวลาดยาง", "asphalt"), ("แอสฟัลต์ติกคอนกรีต", "asphalt"), ("ยางมะตอย", "asphalt"),
     ("AC", "asphalt"), ("คอนกรีต", "concrete"), ("คอนกรีตเสริมเหล็ก", "concrete"), ("ค.ส.ล.", "concrete"),
     ("คสล", "concrete"), ("Concrete", "concrete"), ("ลูกรัง", "laterite"), ("ดินลูกรัง", "laterite"),
     ("หินคลุก", "gravel"), ("กรวด", "gravel"), ("ดิน", "earth"), ("ถนนดิน", "earth"), ("บล็อกตัวหนอน", "paving"),
     ("บล็อกคอนกรีต", "paving"), ("asphalt", "asphalt"), ("paving_stones", "paving"), ("Reinforced concrete", "concrete"),
     ("ไม่ทราบ", "unknown"), ("ทางเดิน", "unknown"), ("xyz", "unknown"), (None, "unknown")],
)  # fmt: skip
def test_surface_words_to_class(text, code):
    assert network.surface_from_text(text) == code


@pytest.mark.parametrize(
    ("text", "code"),
    [("residential", "residential"), ("primary_link", "primary"), ("ซอย", "residential"), ("ถนนสายหลัก", "primary"),
     ("ถนนสายรอง", "secondary"), ("ทางเท้า", "footway"), ("ทางหลวงพิเศษ", "motorway"), ("ทางเกวียน", "track"),
     ("Service road", "service"), ("ถนนในชุมชน/ซอย", "residential"), ("คลอง", "other"), (None, None)],
)  # fmt: skip
def test_class_words_to_class(text, code):
    assert network.road_class_from_text(text) == code


@pytest.mark.parametrize(
    ("text", "code"),
    [("เทศบาลนครขอนแก่น", "municipality"), ("อบต.ปรือใหญ่", "municipality"), ("กรมทางหลวงชนบท", "drr"),
     ("กรมทางหลวง", "doh"), ("ทล.", "doh"), ("ทช", "drr"), ("สำนักงานเขตปทุมวัน", "municipality"), ("เอกชน", "private"),
     ("doh", "doh"), ("การรถไฟแห่งประเทศไทย", "other"), (None, None)],
)  # fmt: skip
def test_owner_words(text, code):
    assert network.owner_from_text(text) == code


@pytest.mark.parametrize(
    ("value", "expected"),
    [("yes", True), ("24/7", True), ("automatic", True), ("interval", True), ("limited", True),
     ("sunset-sunrise", True), ("18:00-06:00", True), ("no", False), ("disused", False), ("มี", True),
     ("มีไฟฟ้าแสงสว่าง", True), ("ไม่มี", False), (1, True), (0, False), (True, True), ("maybe", None), (None, None)],
)  # fmt: skip
def test_lit(value, expected):
    assert network.parse_lit(value) is expected


@pytest.mark.parametrize(
    ("value", "expected"),
    [("3", 3), (2.0, 2), ("2;3", 3), ("๔", 4), ("2 ช่องจราจร", 2), ("2.5", None), ("-1", None), ("25", None),
     ("two", None), (None, None)],
)  # fmt: skip
def test_lanes(value, expected):
    assert network.parse_lanes(value) == expected


@pytest.mark.parametrize(
    ("value", "expected"),
    [("6", 6.0), ("6 m", 6.0), ("6m", 6.0), ("6.5", 6.5), ("6,5", 6.5), (7.5, 7.5), ("๖ ม.", 6.0), ("8 เมตร", 8.0),
     ("20 ft", 6.096), ("7'6\"", 2.286), ("350 cm", 3.5), ("0", None), ("-3", None), ("6-8", None), ("wide", None),
     (None, None)],
)  # fmt: skip
def test_width(value, expected):
    assert network.parse_width(value) == expected


@pytest.mark.parametrize(
    ("value", "expected"),
    [("9019480", "way/9019480"), (9019480, "way/9019480"), (9019480.0, "way/9019480"), ("w9019480", "way/9019480"),
     ("way/9019480", "way/9019480"), ("n42", "node/42"), ("relation/7", "relation/7"), ("abc", None), (None, None)],
)  # fmt: skip
def test_osm_ids(value, expected):
    assert network.normalise_osm_id(value) == expected


# --- names ----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "thai"),
    [("ถนนพระรามที่ 1", True), ("Rama I Road", False), ("Siam สยาม", True), ("๑๒๓", False), ("", False), (None, False)],
)
def test_thai_script_detection(text, thai):
    assert network.contains_thai(text) is thai


@pytest.mark.parametrize(
    ("name", "name_th", "name_en", "expected"),
    [("ถนนพระรามที่ 1", None, None, ("ถนนพระรามที่ 1", None)),
     ("Lido Connect", None, None, (None, "Lido Connect")),
     ("ถนนพระรามที่ 1", "ถนนพระรามที่ ๑", "Rama I Road", ("ถนนพระรามที่ ๑", "Rama I Road")),
     ("Rama I Road", "ถนนพระรามที่ 1", None, ("ถนนพระรามที่ 1", "Rama I Road")),
     ("ซอยจุฬาฯ 9", None, "Soi Chula 9", ("ซอยจุฬาฯ 9", "Soi Chula 9")),
     ("7", None, None, (None, None)), (None, None, None, (None, None))],
)  # fmt: skip
def test_split_names(name, name_th, name_en, expected):
    assert network.split_names(name, name_th, name_en) == expected


# --- chainage, breaks and segments -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("metres", "kwargs", "text"),
    [(0, {}, "0+000"), (350, {}, "0+350"), (1350, {}, "1+350"), (1350, {"prefix": True}, "กม. 1+350"),
     (999.6, {}, "1+000"), (12_005.4, {}, "12+005"), (350.25, {"decimals": 2}, "0+350.25"),
     (1999.996, {"decimals": 2}, "2+000.00")],
)  # fmt: skip
def test_chainage_format(metres, kwargs, text):
    assert network.format_chainage(metres, **kwargs) == text


def test_chainage_parse_and_bad_values():
    assert network.parse_chainage("กม. 1+350") == 1350.0
    assert network.parse_chainage("๐+๒๐๐") == 200.0
    assert network.parse_chainage("2+050.5") == 2050.5
    with pytest.raises(CddpError, match="'1350' is not a chainage; write kilometres\\+metres"):
        network.parse_chainage("1350")
    with pytest.raises(CddpError, match="A chainage must be a number of metres of at least 0; got -5"):
        network.format_chainage(-5)


@pytest.mark.parametrize(
    ("length", "step", "breaks"),
    [(350, 100, [0, 100, 200, 350]), (351, 100, [0, 100, 200, 300, 351]), (360, 100, [0, 100, 200, 300, 360]),
     (300, 100, [0, 100, 200, 300]), (299.9999999, 100, [0, 100, 200, 299.9999999]), (140, 100, [0, 140]),
     (160, 100, [0, 100, 160]), (40, 100, [0, 40]), (100, 100, [0, 100]), (95, 30, [0, 30, 60, 95])],
)  # fmt: skip
def test_section_breaks(length, step, breaks):
    assert network.section_breaks(length, step) == pytest.approx(breaks)


def test_350_m_at_100_m():
    pieces = roads_sections.segment_line(line((0, 0), (350, 0)), 100)
    assert [round(b - a, 6) for a, b, _ in pieces] == [100, 100, 150]
    assert [network.format_chainage(a) for a, _, _ in pieces] == ["0+000", "0+100", "0+200"]
    assert [g.length for _, _, g in pieces] == pytest.approx([100, 100, 150])
    assert pieces[1][2].equals(line((100, 0), (200, 0)))


def test_sections_follow_a_bent_line():
    pieces = roads_sections.segment_line(line((0, 0), (60, 0), (60, 80)), 80)  # 140 m with a corner at 60 m
    assert [(a, b) for a, b, _ in pieces] == [(0, 80), (80, 140)]
    assert pieces[0][2].equals(line((0, 0), (60, 0), (60, 20))) and pieces[1][2].equals(line((60, 20), (60, 80)))


def test_multipart_roads_merge_and_chain():
    touching = MultiLineString([line((100, 0), (250, 0)), line((0, 0), (100, 0))])
    pieces = roads_sections.segment_line(touching, 100)
    assert [(a, b) for a, b, _ in pieces] == [(0, 100), (100, 250)]
    # a gap of 50 m: the chainage continues over it; the second part is reversed to follow on
    gapped = MultiLineString([line((0, 0), (120, 0)), line((250, 0), (170, 0))])
    pieces = roads_sections.segment_line(gapped, 100)
    assert [(round(a, 6), round(b, 6)) for a, b, _ in pieces] == [(0, 120), (120, 200)]
    assert pieces[1][2].equals(line((170, 0), (250, 0)))


def road_frame(**extra):
    base = {"uuid": "3f2a9c1e-0000-4000-8000-000000000001", "osm_id": "way/123456", "road_code": None,
            "width_m": None, "lanes": None, "surface": "asphalt", "name_th": "ซอยทดสอบ", "geometry": line((0, 0), (350, 0))}  # fmt: skip
    base.update(extra)
    return frame([base])


def test_segment_roads_by_length_with_ids_and_area():
    sections, rep = roads_sections.segment_roads(road_frame(lanes=2), "length", 100)
    assert list(sections.section_id) == ["W123456-0001", "W123456-0002", "W123456-0003"]
    assert list(sections.chainage_from_m) == [0, 100, 200] and list(sections.chainage_to_m) == [100, 200, 350]
    assert list(sections.area_sqm) == [600, 600, 900]  # 2 lanes × 3.0 m
    assert set(sections.surface) == {"asphalt"} and rep.width_source == {"lanes": 1}
    again, _ = roads_sections.segment_roads(road_frame(lanes=2), "length", 100)
    assert list(again.section_id) == list(sections.section_id)
    assert all(a.equals(b) for a, b in zip(again.geometry, sections.geometry, strict=True))


def test_segment_roads_by_area():
    sections, rep = roads_sections.segment_roads(road_frame(width_m=7.5, geometry=line((0, 0), (95, 0))), "area",
                                        target_area_sqm=225)  # fmt: skip
    assert list(sections.length_m) == [30, 30, 35] and list(sections.area_sqm) == [225, 225, 262.5]
    assert rep.width_source == {"width_m": 1}
    _, rep = roads_sections.segment_roads(road_frame(), "area")
    assert rep.sections == 0 and rep.skipped == [("W123456 ซอยทดสอบ", "no width: the road has neither width_m nor lanes, and no default width was given")]  # fmt: skip
    sections, rep = roads_sections.segment_roads(road_frame(), "area", default_width_m=5)
    assert list(sections.length_m) == [45] * 7 + [35] and rep.width_source == {"default": 1}


def test_road_keys():
    assert network.road_key("way/9019480", "ถ.1", "x") == "W9019480"
    assert network.road_key(None, " ศก.ถ  1-001 ", "x") == "ศก.ถ 1-001"
    assert network.road_key(None, None, "3f2a9c1e-1111-4000-8000-000000000001") == "U3F2A9C1E1111"
    keys = network.unique_road_keys([(None, "A1", "aaaaaaaa-0000"), (None, "A1", "bbbbbbbb-0000"), (None, "B2", "c")])
    assert keys == ["UAAAAAAAA0000", "UBBBBBBBB0000", "B2"]


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [({"mode": "width"}, "Unknown segmentation mode 'width'; use length or area."),
     ({"length_m": 0.5}, "The section length must be at least 1.0 m; got 0.5."),
     ({"length_m": "abc"}, "The section length must be at least 1.0 m; got abc."),
     ({"mode": "area", "target_area_sqm": 0}, "The sample-unit area must be more than 0 m²; got 0."),
     ({"lane_width_m": -3}, "The lane width must be more than 0 m; got -3."),
     ({"default_width_m": float("nan")}, "The default road width must be more than 0 m; got nan.")],
)  # fmt: skip
def test_bad_segmentation_parameters(kwargs, message):
    with pytest.raises(CddpError) as err:
        roads_sections.segment_roads(road_frame(), **kwargs)
    assert str(err.value) == message


# --- ordinary layers ----------------------------------------------------------------------------


def municipal_layer():
    return frame([
        {"รหัสสายทาง": "ปท.ถ.001", "ชื่อถนน": "ซอยเกษมสันต์ 1", "NAME_E": "Soi Kasem San 1", "ผิวจราจร": "คอนกรีตเสริมเหล็ก",
         "ประเภท": "ซอย", "ความกว้าง": "6 ม.", "ไฟฟ้าแสงสว่าง": "มี", "หน่วยงาน": "สำนักงานเขตปทุมวัน", "geometry": line((0, 0), (350, 0))},
        {"รหัสสายทาง": "ปท.ถ.002", "ชื่อถนน": None, "NAME_E": "Chulalongkorn Soi 5", "ผิวจราจร": "ลาดยาง",
         "ประเภท": "ถนนสายรอง", "ความกว้าง": None, "ไฟฟ้าแสงสว่าง": "ไม่มี", "หน่วยงาน": "กรมทางหลวงชนบท",
         "geometry": MultiLineString([line((0, 50), (100, 50)), line((100, 50), (100, 150))])},
        {"รหัสสายทาง": "ปท.ถ.003", "ชื่อถนน": "ตรอกดิน", "NAME_E": None, "ผิวจราจร": "ลูกรัง", "ประเภท": "ตรอก",
         "ความกว้าง": 3, "ไฟฟ้าแสงสว่าง": None, "หน่วยงาน": None, "geometry": line((0, 0), (0, 0))},
        {"รหัสสายทาง": "ปท.ถ.004", "ชื่อถนน": "ว่าง", "NAME_E": None, "ผิวจราจร": "ดิน", "ประเภท": None, "ความกว้าง": None,
         "ไฟฟ้าแสงสว่าง": None, "หน่วยงาน": None, "geometry": LineString()},
        {"รหัสสายทาง": "ปท.ถ.005", "ชื่อถนน": None, "NAME_E": None, "ผิวจราจร": None, "ประเภท": None, "ความกว้าง": None,
         "ไฟฟ้าแสงสว่าง": None, "หน่วยงาน": None, "geometry": None},
        {"รหัสสายทาง": "ปท.ถ.006", "ชื่อถนน": "จุด", "NAME_E": None, "ผิวจราจร": None, "ประเภท": None, "ความกว้าง": None,
         "ไฟฟ้าแสงสว่าง": None, "หน่วยงาน": None, "geometry": shapely.Point(X0, Y0)},
    ])  # fmt: skip


def test_ordinary_layer_fields_in_thai():
    out, rep = network.prepare_roads(municipal_layer(), CRS47)
    assert rep.mapping == {"road_code": "รหัสสายทาง", "name_th": "ชื่อถนน", "name_en": "NAME_E", "road_class": "ประเภท",
                           "surface": "ผิวจราจร", "width_m": "ความกว้าง", "lit": "ไฟฟ้าแสงสว่าง", "owner": "หน่วยงาน"}  # fmt: skip
    assert list(out.road_code) == ["ปท.ถ.001", "ปท.ถ.002"]
    first, second = out.iloc[0], out.iloc[1]
    assert (first.name_th, first.name_en, first.road_class, first.surface, first.width_m, first.lit, first.owner) == (
        "ซอยเกษมสันต์ 1", "Soi Kasem San 1", "residential", "concrete", 6.0, True, "municipality")  # fmt: skip
    assert (second.name_th, second.road_class, second.surface, second.lit, second.owner, second.length_m) == (
        None, "secondary", "asphalt", False, "drr", 200.0)  # fmt: skip
    assert rep.rejected == [("ปท.ถ.003", "no length: all its points are at the same place"),
                            ("ปท.ถ.004", "empty geometry"), ("ปท.ถ.005", "no geometry"),
                            ("ปท.ถ.006", "not a line but a Point")]  # fmt: skip
    assert "lanes" not in rep.columns and "osm_id" not in rep.columns and "surface" in rep.columns


def test_ordinary_layer_name_in_either_script_and_osm_layers_recognised(osm_file):
    out, rep = network.prepare_roads(frame([{"name": "Henri Dunant Road", "geometry": line((0, 0), (10, 0))},
                                          {"name": "ถนนอังรีดูนังต์", "geometry": line((0, 0), (0, 10))}]), CRS47)  # fmt: skip
    assert [(r.name_th, r.name_en) for r in out.itertuples()] == [(None, "Henri Dunant Road"), ("ถนนอังรีดูนังต์", None)]
    assert rep.columns == ["name_th", "name_en", "length_m"]
    import pyogrio

    lines = pyogrio.read_dataframe(osm_file, layer="lines")  # what a QGIS layer of the .osm file holds
    out, rep = network.prepare_roads(lines, CRS47, layer_label="test.osm")
    assert rep.source == "osm" and list(out.osm_id) == ["way/10", "way/13"]


def test_bad_ordinary_layers():
    gdf = municipal_layer()
    with pytest.raises(
        CddpError, match=r"Field 'ROADNAME' \(for name_th\) is not in the input; its fields are: รหัสสายทาง, ชื่อถนน"
    ):
        network.prepare_roads(gdf, CRS47, {"name_th": "ROADNAME"})  # fmt: skip
    with pytest.raises(
        CddpError, match="Unknown target field colour in the field mapping; the road fields are: road_code"
    ):
        network.prepare_roads(gdf, CRS47, {"colour": "ผิวจราจร"})
    with pytest.raises(CddpError, match=exact("roads has no features.")):
        network.prepare_roads(gdf.iloc[:0], CRS47)
    with pytest.raises(CddpError, match="municipal roads has no coordinate reference system"):
        network.prepare_roads(gdf.set_crs(None, allow_override=True), CRS47, layer_label="municipal roads")
    wrong = gdf.set_crs("EPSG:4326", allow_override=True)  # UTM metres declared as degrees
    with pytest.raises(
        CddpError, match="municipal roads: its coordinates fall outside Thailand when read as EPSG:4326"
    ):
        network.prepare_roads(wrong, CRS47, layer_label="municipal roads")
    wgs = gdf.iloc[:2].to_crs("EPSG:4326")  # right CRS, other than the workspace's: reprojected
    out, _ = network.prepare_roads(wgs, CRS47)
    assert list(out.length_m) == pytest.approx([350, 200], abs=0.01)


def test_bad_osm_files(tmp_path):
    with pytest.raises(CddpError, match=r"^The OpenStreetMap file .*/missing\.osm\.pbf does not exist\.$"):
        network.prepare_osm_roads(tmp_path / "missing.osm.pbf", CRS47)
    geojson = tmp_path / "roads.geojson"
    geojson.write_text('{"type": "FeatureCollection", "features": []}')
    with pytest.raises(
        CddpError, match=r"/roads\.geojson is not an OpenStreetMap extract; use an \.osm\.pbf or \.osm file\.$"
    ):
        network.prepare_osm_roads(geojson, CRS47)
    broken = tmp_path / "broken.osm.pbf"
    broken.write_bytes(b"not a protocol buffer")
    with pytest.raises(CddpError, match=r"^GDAL could not read .*/broken\.osm\.pbf as OpenStreetMap data: "):
        network.prepare_osm_roads(broken, CRS47)
    canal = tmp_path / "canal.osm"
    canal.write_text(OSM_XML.replace('k="highway"', 'k="waterway"'), encoding="utf-8")
    with pytest.raises(CddpError, match=exact("canal.osm has no highway=* ways (roads).")):
        network.prepare_osm_roads(canal, CRS47)


# --- the workspace ------------------------------------------------------------------------------------


def test_upsert_updates_instead_of_duplicating(ws):
    out, rep = network.prepare_roads(municipal_layer(), CRS47)
    roads_jobs.upsert_roads(ws, out, rep, "tester")
    assert (rep.inserted, rep.updated) == (2, 0)
    before = dict(rows(ws, "SELECT road_code, uuid FROM roads"))
    changed = municipal_layer()
    changed.loc[0, "ผิวจราจร"] = "ลาดยาง"  # resurfaced
    changed.loc[1, "ผิวจราจร"] = None  # not known this time: must not blank "asphalt"
    changed.loc[1, "ไฟฟ้าแสงสว่าง"] = None
    out, rep = network.prepare_roads(changed, CRS47)
    roads_jobs.upsert_roads(ws, out, rep, "tester")
    assert (rep.inserted, rep.updated, rep.changed) == (0, 2, 1)
    assert dict(rows(ws, "SELECT road_code, uuid FROM roads")) == before
    assert rows(ws, "SELECT road_code, surface, lit FROM roads ORDER BY road_code") == [("ปท.ถ.001", "asphalt", 1),
                                                                                       ("ปท.ถ.002", "asphalt", 0)]  # fmt: skip
    log = rows(
        ws, "SELECT op, feature_uuid, old_values, new_values FROM cddp_changelog WHERE layer = 'roads' ORDER BY seq"
    )
    assert [op for op, *_ in log] == ["insert", "insert", "update"]
    assert (
        log[2][1] == before["ปท.ถ.001"] and '"surface":"concrete"' in log[2][2] and '"surface":"asphalt"' in log[2][3]
    )


def test_upsert_without_codes_matches_identical_geometry(ws):
    gdf = frame([{"name": "ซอยไม่มีรหัส", "geometry": line((0, 0), (80, 0))}])
    for _ in range(2):
        out, rep = network.prepare_roads(gdf, CRS47)
        roads_jobs.upsert_roads(ws, out, rep, "tester")
    assert rows(ws, "SELECT count(*), min(length_m) FROM roads") == [(1, 80.0)]


def test_segment_workspace_roads_replaces_sections_through_the_change_log(ws):
    out, rep = network.prepare_roads(municipal_layer(), CRS47)
    roads_jobs.upsert_roads(ws, out, rep, "tester")
    road1 = rows(ws, "SELECT uuid FROM roads WHERE road_code = 'ปท.ถ.001'")[0][0]
    seg = roads_jobs.segment_workspace_roads(ws, user="tester")
    assert (seg.roads, seg.sections, seg.inserted) == (2, 5, 5)
    got = rows(ws, "SELECT road_uuid, section_id, chainage_from_m, chainage_to_m, length_m, area_sqm, surface "
                   "FROM road_sections ORDER BY section_id")  # fmt: skip
    assert got[:3] == [(road1, "ปท.ถ.001-0001", 0.0, 100.0, 100.0, 600.0, "concrete"),
                       (road1, "ปท.ถ.001-0002", 100.0, 200.0, 100.0, 600.0, "concrete"),
                       (road1, "ปท.ถ.001-0003", 200.0, 350.0, 150.0, 900.0, "concrete")]  # fmt: skip
    assert [r[1:4] for r in got[3:]] == [("ปท.ถ.002-0001", 0.0, 100.0), ("ปท.ถ.002-0002", 100.0, 200.0)]
    assert got[3][5] is None  # no width, no lanes: no area
    geoms = [gpkg.from_blob(b) for (b,) in rows(ws, "SELECT geom FROM road_sections ORDER BY section_id")]
    assert geoms[2].equals(line((200, 0), (350, 0))) and geoms[4].equals(line((100, 50), (100, 150)))
    uuids = rows(ws, "SELECT section_id, uuid FROM road_sections ORDER BY section_id")
    log_before = rows(ws, "SELECT count(*) FROM cddp_changelog")[0][0]

    again = roads_jobs.segment_workspace_roads(ws, user="tester")  # same parameters: same sections, nothing logged
    assert (again.inserted, again.updated, again.deleted, again.changed) == (0, 5, 0, 0)
    assert rows(ws, "SELECT section_id, uuid FROM road_sections ORDER BY section_id") == uuids
    assert rows(ws, "SELECT count(*) FROM cddp_changelog")[0][0] == log_before

    # rate one section; the road is then re-imported 0.5 m shorter: same ids, uuids and rating
    con = gpkg.connect(ws)
    with con:
        con.execute("UPDATE road_sections SET paser = 7 WHERE section_id = 'ปท.ถ.001-0002'")
    con.close()
    longer = municipal_layer()
    longer.loc[0, "geometry"] = line((0, 0), (349.5, 0))
    out, rep = network.prepare_roads(longer, CRS47)
    roads_jobs.upsert_roads(ws, out, rep, "tester")
    kept = roads_jobs.segment_workspace_roads(ws, user="tester")
    assert (kept.inserted, kept.updated, kept.deleted, kept.changed) == (0, 5, 0, 1)
    assert rows(ws, "SELECT section_id, uuid FROM road_sections ORDER BY section_id") == uuids
    assert rows(ws, "SELECT chainage_to_m, length_m, paser FROM road_sections WHERE section_id LIKE 'ปท.ถ.001-%' ORDER BY section_id") == [
        (100.0, 100.0, None), (200.0, 100.0, 7), (349.5, 149.5, None)]  # fmt: skip

    # re-cut road 1 at 50 m: every old section changes, and deleting the rated one is refused, then forced
    with pytest.raises(
        CddpError, match=r"Re-segmenting would delete 1 sections that have ratings or inspections \(ปท.ถ.001-0002\)"
    ):
        roads_jobs.segment_workspace_roads(ws, [road1], length_m=50, user="tester")  # fmt: skip
    assert rows(ws, "SELECT count(*) FROM road_sections")[0][0] == 5
    cut = roads_jobs.segment_workspace_roads(ws, [road1], length_m=50, user="tester", replace_inspected=True)
    assert (cut.roads, cut.sections, cut.updated, cut.inserted, cut.deleted) == (1, 7, 0, 7, 3)
    assert rows(ws, "SELECT count(*), max(chainage_to_m) FROM road_sections WHERE road_uuid = ?", road1) == [(7, 349.5)]
    assert rows(ws, "SELECT count(*) FROM road_sections WHERE road_uuid != ?", road1)[0][0] == 2  # road 2 untouched
    ops = dict(rows(ws, "SELECT op, count(*) FROM cddp_changelog WHERE layer = 'road_sections' GROUP BY op"))
    assert ops == {"insert": 12, "delete": 3, "update": 2}  # 5 + 7 inserted; paser set; 0003 shortened


def test_section_ids_when_road_codes_repeat_or_move(ws):
    gdf = frame([{"road_code": "A", "geometry": line((0, 0), (120, 0))},
                 {"road_code": "A", "geometry": line((0, 10), (90, 10))},
                 {"road_code": "B", "geometry": line((0, 20), (60, 20))}])  # fmt: skip
    out, rep = network.prepare_roads(gdf, CRS47)
    roads_jobs.upsert_roads(ws, out, rep, "tester")
    assert rep.duplicates == {"A": 2}
    roads_jobs.segment_workspace_roads(ws, user="tester")
    got = rows(ws, "SELECT r.road_code, r.uuid, s.section_id FROM road_sections s JOIN roads r ON r.uuid = s.road_uuid"
                   " ORDER BY r.fid, s.section_id")  # fmt: skip
    assert [sid for code, _, sid in got if code == "B"] == ["B-0001"]
    for code, uuid, sid in got:
        if code == "A":  # the shared code cannot identify a road: the uuid does
            assert sid == f"U{uuid.replace('-', '')[:12].upper()}-0001"
    # B's code moves to a new road: segmenting only the new road would reuse B-0001 of the old one
    con = gpkg.connect(ws)
    with con:
        con.execute("UPDATE roads SET road_code = 'C' WHERE road_code = 'B'")
        con.execute(
            "INSERT INTO roads (road_code, geom) VALUES ('B', ?)", (gpkg.to_blob(line((0, 30), (50, 30)), 32647),)
        )
    con.close()
    new = rows(ws, "SELECT uuid FROM roads WHERE road_code = 'B'")[0][0]
    old = rows(ws, "SELECT uuid FROM roads WHERE road_code = 'C'")[0][0]
    with pytest.raises(
        CddpError,
        match=f"Section id B-0001 already belongs to another road \\({old}\\); give the roads distinct road codes.",
    ):
        roads_jobs.segment_workspace_roads(ws, [new], user="tester")  # fmt: skip
    both = roads_jobs.segment_workspace_roads(ws, [new, old], user="tester")  # together: C's sections renamed, B's new
    assert (both.inserted, both.deleted) == (2, 1)
    assert rows(ws, "SELECT section_id FROM road_sections WHERE road_uuid IN (?, ?) ORDER BY 1", new, old) == [
        ("B-0001",), ("C-0001",)]  # fmt: skip


def test_loops_and_geographic_roads():
    ring = line((0, 0), (100, 0), (100, 100), (0, 100), (0, 0))
    pieces = roads_sections.segment_line(MultiLineString([ring]), 100)
    assert [(a, b) for a, b, _ in pieces] == [(0, 100), (100, 200), (200, 300), (300, 400)]
    assert pieces[0][2].equals(line((0, 0), (100, 0)))
    with pytest.raises(
        CddpError,
        match=exact("Roads must be in a projected CRS in metres to be cut into sections; they are in EPSG:4326."),
    ):
        roads_sections.segment_roads(road_frame().to_crs("EPSG:4326"))  # fmt: skip


def test_segment_workspace_bad_inputs(ws):
    with pytest.raises(CddpError, match=exact("The workspace has no roads; import roads first.")):
        roads_jobs.segment_workspace_roads(ws)
    out, rep = network.prepare_roads(municipal_layer(), CRS47)
    roads_jobs.upsert_roads(ws, out, rep, "tester")
    with pytest.raises(CddpError, match=exact("No road with uuid not-a-road in the workspace.")):
        roads_jobs.segment_workspace_roads(ws, ["not-a-road"])


# --- the real Pathum Wan extract --------------------------------------------------------------------

needs_pathumwan = pytest.mark.skipif(not PATHUMWAN_PBF.is_file(), reason=f"{PATHUMWAN_PBF} not available")


@needs_pathumwan
def test_pathumwan_roads():
    out, rep = network.prepare_osm_roads(PATHUMWAN_PBF, CRS47)
    assert (rep.read, rep.imported, rep.rejected, rep.filtered) == (2640, 2640, [], 0)  # SOURCES.md: 2,640 ways
    assert rep.by_class == {"footway": 1260, "service": 910, "primary": 133, "unclassified": 125, "residential": 75,
                            "secondary": 65, "tertiary": 55, "other": 15, "motorway": 1, "track": 1}  # fmt: skip
    assert rep.other_classes == {"corridor": 13, "busway": 2}
    assert rep.by_surface == {"unknown": 2190, "asphalt": 236, "paving": 116, "concrete": 92, "earth": 5, "gravel": 1}
    assert rep.unknown_surfaces == {"paved": 16, "metal": 7, "stepping_stones": 3, "wood": 1}
    assert (rep.names_th, rep.names_en, rep.names_both) == (674, 661, 657)
    rama1 = out[out.osm_id == "way/9019480"].iloc[0]
    assert (rama1.name_th, rama1.name_en, rama1.road_class, rama1.surface, rama1.lanes, rama1.lit) == (
        "ถนนพระรามที่ 1", "Rama I Road", "primary", "asphalt", 3, True)  # fmt: skip
    assert set(out[out.name_th.isna() & out.name_en.notna()].name_en) == {"Lido Connect", "Charat Mueang Alley"}
    assert out.length_m.min() > 0 and 200_000 < out.length_m.sum() < 220_000


@needs_pathumwan
def test_pathumwan_into_a_workspace_twice_and_segmented(ws):
    for expected in ((2640, 0), (0, 2640)):
        out, rep = network.prepare_osm_roads(PATHUMWAN_PBF, CRS47)
        roads_jobs.upsert_roads(ws, out, rep, "tester")
        assert (rep.inserted, rep.updated) == expected
    assert rep.changed == 0
    assert rows(ws, "SELECT count(*), count(DISTINCT osm_id), count(DISTINCT uuid) FROM roads") == [(2640, 2640, 2640)]
    seg = roads_jobs.segment_workspace_roads(ws, user="tester")
    assert seg.roads == 2640 and seg.sections == seg.inserted and not seg.skipped
    total = rows(ws, "SELECT sum(length_m), count(DISTINCT section_id), max(length_m) FROM road_sections")[0]
    assert total[0] == pytest.approx(out.length_m.sum(), abs=1) and total[1] == seg.sections and total[2] <= 150
    rama = rows(ws, "SELECT section_id, chainage_from_m, length_m FROM road_sections WHERE section_id LIKE 'W9019480-%' ORDER BY section_id")  # fmt: skip
    assert [r[0] for r in rama] == [f"W9019480-000{i}" for i in range(1, 6)]
    assert [network.format_chainage(r[1]) for r in rama] == ["0+000", "0+100", "0+200", "0+300", "0+400"]
    assert rama[-1][2] == pytest.approx(51.27, abs=0.01)  # 451.27 m: 51.27 m > L/2 is a section of its own
