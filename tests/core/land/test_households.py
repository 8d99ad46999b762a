"""Household import: encodings, house codes and numbers, coordinates, rejections, upsert."""

import sqlite3

import geopandas as gpd
import pandas as pd
import pytest
import shapely

from cddp_plugin.core.common.errors import CddpError
from cddp_plugin.core.land import households
from cddp_plugin.core.land import jobs as land_jobs
from cddp_plugin.core.land.houseno import format_house_number, house_key, normalise_house_code, parse_house_number

CRS48 = "EPSG:32648"
HEADER = "house_code,house_no,village_no,soi,road,lat,lon\n"


@pytest.mark.parametrize(
    ("text", "number", "village"),
    [("123", "123", None), ("๑๒๓/๔", "123/4", None), ("บ้านเลขที่ 52 ม.10", "52", 10), ("34 หมู่ที่ 11", "34", 11),
     ("20/2 หมู่ 9", "20/2", 9), ("99(ร้านค้า)", "99", None), ("เลขที่ 12 หมู่ที่ 3", "12", 3), ("35หมู่ 20", "35", 20),
     ("สำนักงาน/ บ้านเลขที่ 65 ม.11", "65", 11), ("หมู่ 16", None, 16), ("ยุ้งข้าว", None, None), ("012/04", "12/4", None)],
)  # fmt: skip
def test_house_numbers(text, number, village):
    hn = parse_house_number(text)
    assert (hn.number, hn.village_no) == (number, village)


def test_house_keys_and_format():
    assert house_key("บ้านเลขที่ ๕๒ ม.๑๐") == house_key("52", 10) == "52|10"
    assert format_house_number(parse_house_number("20/2 หมู่ 9")) == "20/2 ม.9"


@pytest.mark.parametrize(("code", "ok"), [("33990012345", True), ("๓๓๙๙-๐๐๑-๒๓๔๕", True), ("3399001234", False), ("3399001234X", False),
                                          ("33990012345.0", True)])  # fmt: skip
def test_house_codes(code, ok):
    if ok:
        assert normalise_house_code(code) == "33990012345"
    else:
        with pytest.raises(CddpError, match="must have 11 digits"):
            normalise_house_code(code, 7)


def write(tmp_path, name, text, encoding="utf-8"):
    p = tmp_path / name
    p.write_bytes(text.encode(encoding))
    return p


ROWS = (
    "33990012345,บ้านเลขที่ 52 ม.10,,,,14.6,104.25\n"
    "33990012346,๑๒๓/๔,5,ซอย 1,ถนนสาย ก,14.61,104.24\n"
    "33990012345,53,10,,,14.6,104.25\n"  # duplicate house code
    "1234,54,10,,,14.6,104.25\n"  # bad code
    "33990012347,55,10,,,104.25,14.6\n"  # swapped
    "33990012348,56,10,,,51.5,-0.1\n"  # London
    "33990012349,57,10,,,,\n"  # no location: kept (can link by number)
    "33990012350,58,150,,,14.6,104.25\n"  # bad village
    ",,,,,,\n"  # nothing
)


@pytest.mark.parametrize(("encoding", "prefix"), [("utf-8", ""), ("utf-8-sig", ""), ("cp874", "")])
def test_csv_in_any_thai_encoding_with_reasons_for_every_rejected_row(tmp_path, encoding, prefix):
    p = write(tmp_path, "hh.csv", HEADER + ROWS, encoding)
    df, enc = households.read_table(p)
    assert enc == ("cp874 (TIS-620)" if encoding == "cp874" else "utf-8")
    out, rep = households.prepare_households(df, CRS48)
    assert rep.read == 9 and rep.imported + len(rep.rejected) == 9
    assert list(out.house_code) == ["33990012345", "33990012346", "33990012349"]
    assert list(out.house_no) == ["52", "123/4", "57"]
    assert list(out.village_no) == [10, 5, 10]
    assert out.soi.iloc[1] == "ซอย 1"
    reasons = {r["row"]: r["reason"] for r in rep.rejected}
    assert "duplicate house code 33990012345 (first at row 2)" in reasons[4]
    assert "must have 11 digits" in reasons[5]
    assert "look swapped" in reasons[6]
    assert "outside Thailand" in reasons[7]
    assert "village number '150'" in reasons[9]
    assert "nothing to link" in reasons[10]
    assert rep.without_location == 1
    assert 400_000 < out.geometry.iloc[0].x < 440_000


def test_thai_digits_in_coordinates_and_xlsx(tmp_path):
    df = pd.DataFrame(
        {"รหัสประจำบ้าน": ["33990012345"], "บ้านเลขที่": ["๕๒"], "หมู่": ["๑๐"], "ละติจูด": ["๑๔.๖"], "ลองจิจูด": ["๑๐๔.๒๕"]}
    )
    p = tmp_path / "hh.xlsx"
    df.to_excel(p, index=False)
    table, enc = households.read_table(p)
    out, rep = households.prepare_households(table, CRS48)
    assert enc == "xlsx" and rep.rejected == []
    assert (out.house_code.iloc[0], out.house_no.iloc[0], out.village_no.iloc[0]) == ("33990012345", "52", 10)
    assert out.geometry.iloc[0] is not None


def test_projected_coordinates_need_a_source_crs(tmp_path):
    df, _ = households.read_table(write(tmp_path, "x.csv", "house_no,easting,northing\n52,418000,1612000\n"))
    with pytest.raises(CddpError, match=r"projected coordinates.*set the source CRS"):
        households.prepare_households(df, CRS48)
    out, _ = households.prepare_households(df, CRS48, source_crs="EPSG:32648")
    assert out.geometry.iloc[0].x == pytest.approx(418000)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("", "is empty"),
        ("just one column\nvalue\n", "has only one column"),
        ('a,b\n1,2,3,4\n"unclosed,5\n', "not a readable CSV"),
    ],
)
def test_malformed_csv_is_refused_clearly(tmp_path, text, message):
    with pytest.raises(CddpError, match=message):
        households.read_table(write(tmp_path, "bad.csv", text))


def test_a_file_without_anything_useful_is_refused(tmp_path):
    df, _ = households.read_table(write(tmp_path, "x.csv", "name,age\nสมชาย,40\n"))
    with pytest.raises(CddpError, match="found neither coordinates"):
        households.prepare_households(df, CRS48)


def test_point_and_building_layers(tmp_path):
    gdf = gpd.GeoDataFrame({"hs_no": ["34 หมู่ที่ 11", "ยุ้งข้าว"]},
                           geometry=[shapely.box(104.25, 14.6, 104.2501, 14.6001), shapely.Point(104.26, 14.61)], crs="EPSG:4326")  # fmt: skip
    out, rep = households.prepare_households(gdf, CRS48)
    assert rep.imported == 2 and out.geometry.iloc[0].geom_type == "Point"  # building → a point inside it
    assert (out.house_no.iloc[0], out.village_no.iloc[0]) == ("34", 11)


def test_reimport_upserts_by_house_code(tmp_path, core_workspace):
    p = write(tmp_path, "hh.csv", HEADER + "33990012345,52,10,,,14.6,104.25\n33990012346,53,10,,,14.6,104.25\n")
    for _ in range(2):
        df, _ = households.read_table(p)
        out, rep = households.prepare_households(df, CRS48)
        land_jobs.upsert_households(core_workspace.path, out, rep, "tester")
    assert (rep.inserted, rep.updated, rep.unchanged, rep.matched_by_code) == (0, 0, 2, 2)
    con = sqlite3.connect(core_workspace.path)
    assert con.execute("SELECT count(*) FROM households").fetchone()[0] == 2
    assert con.execute("SELECT count(*) FROM cddp_changelog WHERE op = 'update'").fetchone()[0] == 0
    con.close()
