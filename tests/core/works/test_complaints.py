"""Complaint import (Traffy Fondue CSV/API/GeoJSON, Open311, LINE/E-Node CSV), PII scrubbing and merging."""

from __future__ import annotations

import collections
import csv
import json
import re

import pytest

from cddp_plugin.core.common import pii, thai, times
from cddp_plugin.core.common.errors import CddpError
from cddp_plugin.core.common.pii import SCRUB_PLACEHOLDER, scrub_pii
from cddp_plugin.core.works import channels, complaints
from cddp_plugin.core.works.channels import parse_complaints
from cddp_plugin.core.workspace import schema
from tests.conftest import ROOT, SHARED

DATA = ROOT / "tests" / "data"
TEAMCHADCHART = SHARED / "pathumwan" / "teamchadchart.csv"

# Independent of the module: Thai phone numbers (0 + 8–9 digits, single separators) and +66 numbers,
# not inside a decimal or a run of Latin letters/digits (photo file names are hexadecimal hashes).
PHONE = re.compile(r"(?<![0-9A-Za-z.])(?:\+\s?66[\s-]?(?:\(0\)\s?)?|0)[\s\-.]?[2-9](?:[\s\-.]?\d){7,8}(?![0-9A-Za-z])")
TRAFFY_HEADER = (
    "ticket_id,type,organization,comment,coords,photo,photo_after,address,subdistrict,district,province,"
    "timestamp,state,star,count_reopen,last_activity"
)


def traffy_csv(*rows: str) -> bytes:
    return ("\ufeff" + TRAFFY_HEADER + "\n" + "\n".join(rows) + "\n").encode("utf-8")


def row(
    ticket="2026-AAAAAA",
    type_="{ถนน}",
    comment="ถนนเป็นหลุม",
    coords="100.53,13.74",
    ts="2026-05-11 02:00:00+00",
    state="รอรับเรื่อง",
    last="2026-05-11 03:00:00+00",
):
    fields = [
        ticket,
        type_,
        "เขตปทุมวัน",
        comment,
        coords,
        "",
        "",
        "ถนนพระราม 1",
        "ปทุมวัน",
        "ปทุมวัน",
        "กรุงเทพมหานคร",
        ts,
        state,
        "",
        "0",
        last,
    ]
    out = io_line(fields)
    return out


def io_line(fields: list[str]) -> str:
    import io

    buf = io.StringIO()
    csv.writer(buf, lineterminator="").writerow(fields)
    return buf.getvalue()


def accounted(result) -> None:
    assert result.imported + len(result.rejected) == result.rows
    for c in result.complaints:
        assert tuple(c) == complaints.COMPLAINT_FIELDS
        assert c["category"] in schema.DOMAINS["work_category"].codes()
        assert c["status"] is None or c["status"] in schema.DOMAINS["complaint_status"].codes()
        assert c["source"] in schema.DOMAINS["complaint_source"].codes()
        assert re.match(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$", c["reported_at"])


# --- formats -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "fmt"),
    [
        ("traffy_api_search.json", "traffy_json"),
        ("traffy_geojson_v1.geojson", "traffy_geojson"),
        ("open311_requests.json", "open311_json"),
        ("line_enode.csv", "line_csv"),
    ],
)
def test_format_detection_from_content(name, fmt, tmp_path):
    data = (DATA / name).read_bytes()
    assert channels.detect_format(data) == fmt
    # the name does not matter
    renamed = tmp_path / "download.txt"
    renamed.write_bytes(data)
    assert channels.read_complaints(renamed).format == fmt


def test_traffy_api_json():
    result = channels.read_complaints(DATA / "traffy_api_search.json")
    accounted(result)
    assert (result.format, result.rows, result.imported) == ("traffy_json", 5, 4)
    assert [(r["row"], r["external_id"], r["code"]) for r in result.rejected] == [
        (4, "2026-R2VX9P", "missing_coordinates")
    ]
    assert "Row 4 (2026-R2VX9P): the location is missing" in result.rejected[0]["reason"]
    first = result.complaints[0]
    assert first["external_id"] == "2026-B9WGC7"
    assert (first["lon"], first["lat"]) == (100.52853, 13.73921)
    assert first["reported_at"] == "2026-05-11T02:14:07.512Z"  # "+00" in the source: UTC kept
    assert (first["category"], first["categories_raw"]) == ("lighting", "แสงสว่าง,ความปลอดภัย")
    assert (first["status"], first["status_raw"]) == ("waiting", "รอรับเรื่อง")
    assert "081-234-5678" not in first["description"] and SCRUB_PLACEHOLDER in first["description"]
    assert result.pii_scrubbed == {"phone": 1}
    by_id = {c["external_id"]: c for c in result.complaints}
    done = by_id["2026-KD7Q2M"]
    assert (done["status"], done["reopen_count"], done["category"]) == ("finish", 1, "drainage")
    assert done["photo_after_url"].endswith("1778551923077.jpeg")
    assert by_id["2026-ZT4N8H"]["category"] == "tree"  # ต้นไม้ before ถนน and กีดขวาง
    assert by_id["2026-M8CJ3W"]["status"] == "forwarded"
    # a bare list of results reads the same
    bare = json.loads((DATA / "traffy_api_search.json").read_text(encoding="utf-8"))["results"]
    again = parse_complaints(json.dumps(bare, ensure_ascii=False))
    assert again.format == "traffy_json" and again.complaints == result.complaints


def test_traffy_geojson():
    result = channels.read_complaints(DATA / "traffy_geojson_v1.geojson")
    accounted(result)
    assert (result.format, result.rows, result.imported) == ("traffy_geojson", 4, 3)
    rejected = result.rejected[0]
    assert (rejected["row"], rejected["code"]) == (4, "outside_thailand")
    assert "look swapped" in rejected["reason"] and "longitude 13.74102, latitude 100.52511" in rejected["reason"]
    by_id = {c["external_id"]: c for c in result.complaints}
    flood = by_id["2026-W3PL6E"]
    assert (flood["lon"], flood["lat"]) == (100.52937, 13.7321)
    assert flood["province"] == "กรุงเทพมหานคร"  # "จังหวัด" prefix dropped
    assert "samyan_resident" not in flood["description"] and "example.com" not in flood["description"]
    assert result.pii_scrubbed == {"line_id": 1, "email": 1}
    sign = by_id["2026-H6YB1R"]  # null geometry: coords from the properties
    assert (sign["lon"], sign["lat"], sign["category"]) == (100.53955, 13.7423, "sign")
    # The same ticket from the API and from GeoJSON gives the same record apart from what only one carries
    api = {c["external_id"]: c for c in channels.read_complaints(DATA / "traffy_api_search.json").complaints}
    for name in ("category", "status", "reported_at", "last_activity", "lon", "lat", "photo_url", "reopen_count"):
        assert api["2026-KD7Q2M"][name] == by_id["2026-KD7Q2M"][name], name


def test_geojson_of_open311_and_bad_geometry():
    doc = {
        "type": "FeatureCollection",
        "features": [
            {
                "type": "Feature",
                "geometry": {"type": "Point", "coordinates": [100.5301, 13.7402]},
                "properties": {
                    "service_request_id": "9",
                    "status": "open",
                    "service_name": "Road",
                    "requested_datetime": "2026-05-12T09:00:00+07:00",
                },
            },
            {
                "type": "Feature",
                "geometry": {"type": "LineString", "coordinates": [[100.53, 13.74], [100.54, 13.75]]},
                "properties": {
                    "service_request_id": "10",
                    "status": "open",
                    "requested_datetime": "2026-05-12T09:00:00+07:00",
                },
            },
            {
                "type": "Feature",
                "geometry": None,
                "properties": {
                    "service_request_id": "11",
                    "status": "open",
                    "requested_datetime": "2026-05-12T09:00:00+07:00",
                    "lat": "13.7",
                    "long": "100.5",
                },
            },
            {
                "type": "Feature",
                "geometry": None,
                "properties": {"ticket_id": "2026-X", "timestamp": "2026-05-12T09:00:00+07:00", "coords": "100.5,13.7"},
            },
        ],
    }
    result = parse_complaints(json.dumps(doc))
    accounted(result)
    assert result.format == "open311_geojson"
    assert [c["external_id"] for c in result.complaints] == ["9", "11"]
    assert result.complaints[0]["category"] == "road"
    assert [(r["row"], r["code"]) for r in result.rejected] == [(2, "bad_geometry"), (4, "mixed_formats")]
    assert "the geometry is a LineString; expected a Point" in result.rejected[0]["reason"]


def test_open311():
    result = channels.read_complaints(DATA / "open311_requests.json")
    accounted(result)
    assert (result.format, result.rows, result.imported) == ("open311_json", 4, 3)
    by_id = {c["external_id"]: c for c in result.complaints}
    lamp = by_id["638344"]
    assert (lamp["source"], lamp["status"], lamp["status_raw"], lamp["category"]) == (
        "open311",
        "finish",
        "closed",
        "lighting",
    )
    assert lamp["reported_at"] == "2026-05-09T14:05:44.000Z"
    assert lamp["last_activity"] == "2026-05-11T03:12:09.000Z"
    assert lamp["photo_url"] == "https://cddp.example.go.th/media/638344.jpg"
    assert "+66" not in lamp["description"] and lamp["description"].endswith(SCRUB_PLACEHOLDER)
    drain = by_id["638345"]
    assert (drain["lat"], drain["lon"], drain["status"], drain["category"]) == (
        13.74521,
        100.52987,
        "waiting",
        "drainage",
    )
    assert drain["photo_url"] is None
    graffiti = by_id["638346"]
    assert (graffiti["category"], graffiti["categories_raw"]) == ("other", "Graffiti removal")  # unknown → other
    assert graffiti["reported_at"] == "2026-05-10T06:45:00.000Z"  # no offset: Bangkok time
    bad = result.rejected[0]
    assert (bad["row"], bad["external_id"], bad["code"]) == (4, "638347", "bad_timestamp")
    assert "'yesterday evening' in 'requested_datetime' is not a date and time" in bad["reason"]


def test_open311_error_reply_is_an_error():
    with pytest.raises(
        CddpError, match="Open311 server answered with an error instead of requests: 403 Invalid api_key"
    ):
        parse_complaints('[{"code": 403, "description": "Invalid api_key"}]')


def test_line_enode_template():
    result = channels.read_complaints(DATA / "line_enode.csv")
    accounted(result)
    assert (result.format, result.rows, result.imported) == ("line_csv", 7, 3)
    assert result.ignored_columns == ["reporter_name", "reporter_phone"]
    stored = json.dumps(result.complaints, ensure_ascii=False)
    for personal in ("สมศรี", "สมชาย", "089-765-4321", "02-123-4567", "somsri_bk", "01234"):
        assert personal not in stored
    assert result.pii_scrubbed == {"phone": 1, "line_id": 1, "national_id": 1}
    line, enode, walk_in = result.complaints
    assert (line["source"], line["external_id"], line["category"], line["status"]) == (
        "line",
        "LN-2569-0101",
        "lighting",
        "waiting",
    )
    assert line["reported_at"] == "2026-05-11T01:15:00.000Z"
    assert (enode["source"], enode["category"], enode["categories_raw"]) == ("e_node", "footpath", "ถนน,ทางเท้า")
    assert enode["reported_at"] == "2026-05-12T03:30:00.000Z"  # 12/05/2569 10:30, Buddhist era, Bangkok
    assert enode["last_activity"] == "2026-05-12T08:00:00.000Z"
    assert (enode["status"], enode["province"]) == ("inprogress", "กรุงเทพมหานคร")
    assert (walk_in["source"], walk_in["status"], walk_in["category"]) == ("walk_in", "finish", "cleanliness")
    reasons = {r["code"]: r for r in result.rejected}
    assert set(reasons) == {"missing_coordinates", "bad_channel", "bad_timestamp", "bad_status"}
    assert reasons["missing_coordinates"]["external_id"] == "PH-0033"
    assert "the channel 'fax' is not one of e_node, inspection, line" in reasons["bad_channel"]["reason"]
    assert "'31/02/2569 09:00' in 'received_at'" in reasons["bad_timestamp"]["reason"]
    assert (
        "the status 'done' is not one of waiting, inprogress, forwarded, finish, cancelled"
        in reasons["bad_status"]["reason"]
    )
    assert reasons["bad_status"]["params"]["value"] == "done"  # for translation on the QGIS side
    assert "{value}" in reasons["bad_status"]["template"]


def test_contact_details_never_reach_rejection_reasons_ids_or_errors():
    header = ",".join(channels.LINE_TEMPLATE_COLUMNS) + "\n"
    shifted = "line,LN-7,2026-05-12 09:00,ถนน,ถนนเป็นหลุม,13.7401,100.5301,,,,,081-234-5678,,\n"  # phone in status
    bad_place = "line,LN-8,2026-05-12 09:00,ถนน,หลุม,089 765 4321,100.53,,,,,,,\n"  # phone in lat
    phone_id = "phone,0812345678,2026-05-12 09:00,ถนน,หลุม,13.7401,100.5301,,,,,,,\n"  # call filed under its number
    result = parse_complaints(header + shifted + bad_place + phone_id)
    accounted(result)
    everything = json.dumps([result.complaints, result.rejected], ensure_ascii=False)
    for personal in ("081-234-5678", "089 765 4321", "0812345678"):
        assert personal not in everything
    assert {r["code"] for r in result.rejected} == {"bad_status", "bad_coordinates"}
    assert all(SCRUB_PLACEHOLDER in r["reason"] for r in result.rejected)
    (kept,) = result.complaints
    assert kept["external_id"].startswith("ref-") and len(kept["external_id"]) == 20
    again = parse_complaints(header + phone_id).complaints[0]
    assert again["external_id"] == kept["external_id"]  # the same call matches on re-import
    # a CSV without a header: its first line is a citizen's row, and the error must not repeat it
    with pytest.raises(CddpError, match="is not a complaint format") as error:
        parse_complaints("สมศรี ใจดี,089-765-4321,ไฟดับ\n")
    assert "089-765-4321" not in str(error.value) and "สมศรี" not in str(error.value)
    assert str(error.value).endswith("its first line has:  (+3 …).")
    with pytest.raises(CddpError, match="its first line has: descr, ticket \\(\\+1 …\\)"):
        parse_complaints("ticket,descr,พิกัด\n1,x,y\n")


def test_line_template_with_thai_headers_cp874_and_semicolons():
    header = channels.line_template_csv(thai_headers=True)
    assert header.startswith("ช่องทาง,เลขที่เรื่อง,วันเวลาที่รับแจ้ง")
    text = header.replace(",", ";") + "ไลน์;LN-1;๑๒/๐๕/๒๕๖๙ ๐๙:๑๕;ป้าย;ป้ายชื่อซอยหาย;13.7401;100.5301;;;;;;;\r\n"
    result = parse_complaints(text.encode("cp874"))
    accounted(result)
    assert result.format == "line_csv" and result.imported == 1
    c = result.complaints[0]
    assert (c["source"], c["external_id"], c["category"], c["description"]) == ("line", "LN-1", "sign", "ป้ายชื่อซอยหาย")
    assert c["reported_at"] == "2026-05-12T02:15:00.000Z"
    english = channels.line_template_csv()
    assert english.strip().split(",") == list(channels.LINE_TEMPLATE_COLUMNS)
    with pytest.raises(CddpError, match="lacks the required column\\(s\\) lat, lon"):
        parse_complaints("channel,ref_id,received_at\nline,1,2026-05-12 09:00\n")


def test_traffy_csv_details():
    result = parse_complaints(
        traffy_csv(
            row("2026-A1", type_='{"ถนน",กีดขวาง}'),
            row("2026-A2", type_="{}"),
            row("2026-A3", type_="{ร้องเรียน,เสียงรบกวน}", state="ปิดงานแล้ว"),
            row("2026-A4", coords="100.53"),
            row("2026-A5", coords="abc,13.7"),
            row("2026-A6", coords="139.69,35.69"),
            row("2026-A7", ts=""),
            row("2026-A8", ts="2026-05-11 09:00:00"),
            row("", type_="{ทางเท้า}"),
        )
    )
    accounted(result)
    assert result.format == "traffy_csv" and result.rows == 9
    by_id = {c["external_id"]: c for c in result.complaints}
    assert (by_id["2026-A1"]["category"], by_id["2026-A1"]["categories_raw"]) == ("obstruction", "ถนน,กีดขวาง")
    assert (by_id["2026-A2"]["category"], by_id["2026-A2"]["categories_raw"]) == ("other", None)
    assert by_id["2026-A3"]["category"] == "other"  # unknown categories
    assert (by_id["2026-A3"]["status"], by_id["2026-A3"]["status_raw"]) == (None, "ปิดงานแล้ว")
    assert [(w["row"], w["code"]) for w in result.warnings] == [(3, "unknown_status")]
    assert by_id["2026-A8"]["reported_at"] == "2026-05-11T02:00:00.000Z"  # no offset: UTC+7
    no_id = by_id[None]
    assert complaints.dedupe_key(no_id) == ("traffy", "@2026-05-11T02:00:00.000Z,100.530000,13.740000")
    codes = {r["external_id"]: r["code"] for r in result.rejected}
    assert codes == {
        "2026-A4": "bad_coordinates",
        "2026-A5": "bad_coordinates",
        "2026-A6": "outside_thailand",
        "2026-A7": "missing_timestamp",
    }
    outside = next(r for r in result.rejected if r["external_id"] == "2026-A6")["reason"]
    assert "longitude 139.69, latitude 35.69 is outside Thailand (longitude 97.0–106.0, latitude 5.0–21.0)." in outside


def test_duplicates_in_one_file_are_merged_and_accounted_for():
    result = parse_complaints(
        traffy_csv(
            row("2026-D1", state="รอรับเรื่อง", last="2026-05-11 03:00:00+00"),
            row("2026-D2"),
            row("2026-D1", state="เสร็จสิ้น", last="2026-05-12 03:00:00+00"),
            row("2026-D1", state="กำลังดำเนินการ", last="2026-05-11 20:00:00+00"),  # older than the finish
        )
    )
    accounted(result)
    assert result.imported == 2 and result.rows == 4
    d1 = result.complaints[0]
    assert (d1["status"], d1["last_activity"]) == ("finish", "2026-05-12T03:00:00.000Z")
    assert [(r["row"], r["code"]) for r in result.rejected] == [(3, "duplicate_in_file"), (4, "duplicate_in_file")]
    assert "same traffy id as row 1" in result.rejected[0]["reason"]


# --- bad files ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"", "is empty"),
        (b"  \n ", "is empty"),
        (b'{"status": true, "results": [', "is not valid JSON: Expecting value at line 1, column 30"),
        (b'[{"ticket_id": "1",}]', "is not valid JSON: Expecting property name .* at line 1, column 20"),
        (b'{"hello": "world"}', "JSON but not a complaint format"),
        (b"[1, 2, 3]", "JSON but not a complaint format"),
        (
            b'{"type": "FeatureCollection", "features": [{"type": "Feature", "properties": {"name": "x"}}]}',
            "JSON but not a complaint format",
        ),
        (b"name,phone\nsomchai,0812345678\n", "not a complaint format .* its first line has: name, phone"),
        (
            ("\ufeff" + TRAFFY_HEADER + '\n2026-X,{ถนน},"unterminated,100.5,13.7\n').encode(),
            "is not valid CSV: unexpected end of data \\(line 2\\)",
        ),
        (b"\xff\xfe\x00\x00\xdb\xdc\xdd\xde", "neither UTF-8 nor Thai Windows"),
        (b'ticket_id,coords,state\n1,"100.5,13.7",x\n', "lacks the column\\(s\\) timestamp"),
    ],
)
def test_bad_files_raise_specific_errors(data, message):
    with pytest.raises(CddpError, match=message):
        parse_complaints(data, name="upload.dat")


def test_malformed_csv_rows_are_rejected_with_line_numbers():
    text = traffy_csv(row("2026-F1"), "2026-F2,{ถนน},short row", row("2026-F3"))
    result = parse_complaints(text)
    accounted(result)
    assert result.imported == 2
    (bad,) = result.rejected
    assert (bad["row"], bad["code"]) == (2, "bad_field_count")
    assert bad["reason"] == "Row 2 (line 3): 3 fields, but the header has 16."


def test_json_rows_that_are_not_objects_are_rejected():
    result = parse_complaints(
        '{"status": true, "total": 2, "results": [42, {"ticket_id": "1", "coords": ["100.5", "13.7"], "timestamp": "2026-05-12 01:00:00+00"}]}'
    )
    accounted(result)
    assert [(r["row"], r["code"]) for r in result.rejected] == [(1, "not_a_record")]
    assert result.imported == 1


def test_read_missing_file(tmp_path):
    with pytest.raises(CddpError, match=r"Cannot read the complaints file .*nothing\.csv"):
        channels.read_complaints(tmp_path / "nothing.csv")


# --- pieces ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "tags"),
    [
        ("{ถนน,กีดขวาง}", ["ถนน", "กีดขวาง"]),
        ("{}", []),
        ('{"ถนน","ความ ปลอดภัย",NULL}', ["ถนน", "ความ ปลอดภัย"]),
        (["แสงสว่าง", "", None], ["แสงสว่าง"]),
        ("['ถนน', 'ทางเท้า']", ["ถนน", "ทางเท้า"]),
        ('["ถนน", "ทางเท้า"]', ["ถนน", "ทางเท้า"]),
        ("ถนน, ทางเท้า", ["ถนน", "ทางเท้า"]),
        (None, []),
    ],
)
def test_split_tags(value, tags):
    assert complaints.split_tags(value) == tags


@pytest.mark.parametrize(
    ("tags", "category"),
    [
        (["ถนน"], "road"),
        (["ทางเท้า"], "footpath"),
        (["แสงสว่าง"], "lighting"),
        (["ไฟฟ้า"], "electricity"),
        (["สายไฟ"], "wires"),
        (["ท่อระบายน้ำ"], "drainage"),
        (["น้ำท่วม"], "flooding"),
        (["คลอง"], "canal"),
        (["สะพาน"], "bridge"),
        (["ความสะอาด"], "cleanliness"),
        (["ความปลอดภัย"], "safety"),
        (["กีดขวาง"], "obstruction"),
        (["ต้นไม้"], "tree"),
        (["จราจร"], "traffic"),
        (["ป้าย"], "sign"),
        (["ไฟฟ้าแสงสว่าง"], "lighting"),  # the schema's Thai label
        (["Street lighting"], "lighting"),  # the schema's English label
        (["wires"], "wires"),  # the code itself
        (["เสียงรบกวน"], "other"),
        ([], "other"),
        (["ถนน", "แสงสว่าง"], "lighting"),
        (["ถนน", "คลอง"], "canal"),
        (["ความสะอาด", "ถนน"], "cleanliness"),
        (["ถนน", "ความปลอดภัย"], "road"),
        (["ร้องเรียน", "ถนน"], "road"),
    ],
)
def test_category_mapping(tags, category):
    assert complaints.map_categories(tags)[0] == category


@pytest.mark.parametrize(
    ("raw", "status"),
    [
        ("รอรับเรื่อง", "waiting"),
        ("กำลังดำเนินการ", "inprogress"),
        ("ส่งต่อ", "forwarded"),
        ("เสร็จสิ้น", "finish"),
        ("ยกเลิก", "cancelled"),
        ("inprogress", "inprogress"),
        ("Open", "waiting"),
        ("closed", "finish"),
        ("ไม่ทราบ", None),
        (None, None),
    ],
)
def test_status_mapping(raw, status):
    assert complaints.map_status(raw) == status


@pytest.mark.parametrize(
    ("text", "utc"),
    [
        ("2023-05-12 13:27:54.482138+00", "2023-05-12T13:27:54.482Z"),
        ("2023-05-12 13:27:54.4821+00", "2023-05-12T13:27:54.482Z"),
        ("2026-05-12T14:30:00+07:00", "2026-05-12T07:30:00.000Z"),
        ("2026-05-12T07:30:00Z", "2026-05-12T07:30:00.000Z"),
        ("2026-05-12 14:30", "2026-05-12T07:30:00.000Z"),
        ("2026-05-12", "2026-05-11T17:00:00.000Z"),
        ("2569-05-12 14:30", "2026-05-12T07:30:00.000Z"),
        ("12/05/2569 14:30", "2026-05-12T07:30:00.000Z"),
        ("12/05/2026", "2026-05-11T17:00:00.000Z"),
        ("๑๒/๐๕/๒๕๖๙ ๑๔:๓๐", "2026-05-12T07:30:00.000Z"),
    ],
)
def test_timestamps(text, utc):
    assert times.to_utc_iso(text) == utc


@pytest.mark.parametrize("text", ["", "yesterday", "2026-13-01", "31/02/2569", "12/05/26 10:00"])
def test_bad_timestamps(text):
    with pytest.raises(ValueError):
        times.parse_datetime(text)


# --- personal data -----------------------------------------------------------------------------

PII_CASES = [
    # Thai mobiles
    ("โทร 0812345678 ครับ", "phone"),
    ("โทร 081-234-5678", "phone"),
    ("โทร 081 234 5678", "phone"),
    ("เบอร์ 08-1234-5678", "phone"),
    ("เบอร์ 081-2345678", "phone"),
    ("โทร.0955556666", "phone"),
    ("ติดต่อ 065.432.1098", "phone"),
    ("๐๘๑-๒๓๔-๕๖๗๘", "phone"),
    # landlines
    ("สำนักงานเขต 02-441-4973 ถึง 84", "phone"),
    ("หมายเลขโทรศัพท์ 0 2322 6688, 0 2321 7926", "phone"),
    ("โทร 02 294 2394", "phone"),
    ("(02) 123 4567", "phone"),
    ("ศูนย์ 053-123-456", "phone"),
    ("โทร 044123456", "phone"),
    ("โทร 0-2123-4567", "phone"),
    # +66
    ("call +66 81 234 5678", "phone"),
    ("+66812345678", "phone"),
    ("+66-2-123-4567", "phone"),
    ("+66 (0) 2-123-4567", "phone"),
    ("(+66) 81-234-5678", "phone"),
    ("66812345678", "phone"),
    # e-mail
    ("ส่งเมล somchai.j@gmail.com ครับ", "email"),
    ("a_b-c+1@mail.bangkok.go.th", "email"),
    # LINE ids
    ("line: abc", "line_id"),
    ("Line ID: @shop_99", "line_id"),
    ("LINE id somchai1980", "line_id"),
    ("ไลน์ abc_123", "line_id"),
    ("ไลน์:abc.def", "line_id"),
    ("ไอดีไลน์ somsri", "line_id"),
    ("ไลน์ไอดี คือ nong.may", "line_id"),
    ("แอดไลน์ @bkk_help", "line_id"),
    # national ids
    ("บัตรประชาชน 1103700123456", "national_id"),
    ("เลขบัตร 1-1037-00123-45-6", "national_id"),
    ("เลขบัตร 3 1020 01234 56 7", "national_id"),
]


@pytest.mark.parametrize(("text", "kind"), PII_CASES)
def test_scrubber_removes_contact_details(text, kind):
    scrubbed, counts = pii.scrub_pii_counts(text)
    assert SCRUB_PLACEHOLDER in scrubbed
    assert counts[kind] >= 1
    leftover = re.sub(r"\[ลบข้อมูลติดต่อ\]", "", scrubbed)
    assert not re.search(r"\d{3}", thai.to_arabic_digits(leftover).replace(" ", "").replace("-", "")) or "ถึง 84" in text
    assert not re.search(r"@\w|abc|shop_99|somchai|somsri|nong\.may|bkk_help", leftover)
    assert scrub_pii(scrubbed) == scrubbed  # idempotent


@pytest.mark.parametrize(
    "text",
    [
        "พิกัด 13.705379013728786, 100.65773861088431",
        "13.814270319715687, 100.61377885022067 : 329 ซอย พหลโยธิน",
        "รหัสเรื่อง นร02660019663",
        "ตั้งแต่เวลา 07.00 - 22.00 น. และ 14.00 - 05.00 น.",
        "อายัดไว้ประมาณ 3000 - 4000 บาท",
        "แขวงคันนายาว กรุงเทพมหานคร 10230 10230",
        "สายด่วน 1555",
        "ระบบการจ่ายยาออนไลน์ล่ม ขายออนไลน์ ช่วยกำหนดเดทไลน์ด้วยครับ",
        "แจ้งทาง line ของเขตหลักสี่ ก็ไม่ตอบ",
        "คอนโด The Niche ID Bang Khae",
        "บ้านเลขที่ 99/123 หมู่ 4",
        "วันที่ 12/05/2566",
        "",
    ],
)
def test_scrubber_leaves_other_numbers_and_words(text):
    assert scrub_pii(text) == text


def test_scrubber_handles_none_and_many_in_one_text():
    assert scrub_pii(None) is None
    text = "ผู้แจ้ง 081-234-5678 หรือ 02 123 4567 ไลน์ abc_99 อีเมล x@y.co.th บัตร 1103700123456"
    scrubbed, counts = pii.scrub_pii_counts(text)
    assert counts == {"phone": 2, "line_id": 1, "email": 1, "national_id": 1}
    assert scrubbed == (
        f"ผู้แจ้ง {SCRUB_PLACEHOLDER} หรือ {SCRUB_PLACEHOLDER} ไลน์ {SCRUB_PLACEHOLDER} "
        f"อีเมล {SCRUB_PLACEHOLDER} บัตร {SCRUB_PLACEHOLDER}"
    )


# --- merging -----------------------------------------------------------------------------------


def test_merge_updates_state_keeps_local_fields_and_ignores_stale_data():
    first = parse_complaints(traffy_csv(row("2026-M1", state="รอรับเรื่อง", last="2026-05-11 03:00:00+00"))).complaints[0]
    stored = first | {"uuid": "u-1", "version": 3, "work_order_uuid": "wo-9", "asset_uuid": "a-1"}
    newer = parse_complaints(
        traffy_csv(row("2026-M1", type_="{แสงสว่าง}", state="เสร็จสิ้น", last="2026-05-12 09:00:00+00"))
    ).complaints[0]
    merged, changed = complaints.merge_complaint(stored, newer)
    assert sorted(changed) == ["categories_raw", "category", "last_activity", "status", "status_raw"]
    assert (merged["status"], merged["category"], merged["last_activity"]) == (
        "finish",
        "lighting",
        "2026-05-12T09:00:00.000Z",
    )
    assert (merged["uuid"], merged["version"], merged["work_order_uuid"], merged["asset_uuid"]) == (
        "u-1",
        3,
        "wo-9",
        "a-1",
    )
    assert stored["status"] == "waiting"  # input untouched
    stale, changed = complaints.merge_complaint(merged, first)
    assert changed == [] and stale["status"] == "finish"
    # a stored time in another ISO form is the same time
    _, changed = complaints.merge_complaint(merged | {"last_activity": "2026-05-12 16:00:00+07:00"}, newer)
    assert changed == []
    # empty values never blank existing data
    blank = newer | {"description": None, "photo_url": None}
    assert (
        complaints.merge_complaint(merged | {"photo_url": "https://x/p.jpg"}, blank)[0]["photo_url"]
        == "https://x/p.jpg"
    )
    other = newer | {"external_id": "2026-M2"}
    with pytest.raises(
        CddpError, match="Cannot merge complaint traffy:2026-M2 into a different complaint traffy:2026-M1"
    ):
        complaints.merge_complaint(stored, other)


def test_reimport_never_undoes_the_work_order_flow_back():
    first = parse_complaints(traffy_csv(row("2026-M3", state="รอรับเรื่อง", last="2026-05-11 03:00:00+00"))).complaints[0]
    # the order was completed in the dock: its complaint is finished here, the channel not told yet
    stored = first | {"uuid": "u-3", "status": "finish"}
    merged, changed = complaints.merge_complaint(stored, first)  # the same dump imported again
    assert changed == [] and merged["status"] == "finish"
    in_progress = first | {"uuid": "u-3", "status": "inprogress"}
    assert complaints.merge_complaint(in_progress, first)[0]["status"] == "inprogress"
    # newer activity on the channel (the citizen reopened the ticket) does move it back
    reopened = parse_complaints(
        traffy_csv(row("2026-M3", state="กำลังดำเนินการ", last="2026-05-13 03:00:00+00"))
    ).complaints[0]
    merged, changed = complaints.merge_complaint(stored, reopened)
    assert merged["status"] == "inprogress" and "status" in changed
    # forwards is always allowed, with or without newer activity
    done = first | {"status": "finish", "status_raw": "เสร็จสิ้น"}
    assert complaints.merge_complaint(in_progress, done)[0]["status"] == "finish"


def test_reimport_plans_no_duplicates():
    day1 = channels.read_complaints(DATA / "traffy_api_search.json").complaints
    stored = [c | {"uuid": f"u-{i}"} for i, c in enumerate(day1)]
    # the same data again: nothing to insert or update
    plan = complaints.plan_merge(stored, day1)
    assert (len(plan.inserts), len(plan.updates), len(plan.unchanged)) == (0, 0, 4)
    # the next day: one ticket finished, one new, and the GeoJSON export repeating one known ticket
    doc = json.loads((DATA / "traffy_api_search.json").read_text(encoding="utf-8"))
    doc["results"][0] |= {"state": "เสร็จสิ้น", "last_activity": "2026-05-13 04:00:00.000000+00"}
    doc["results"].append(
        {
            "ticket_id": "2026-NEW001",
            "coords": ["100.5301", "13.7402"],
            "timestamp": "2026-05-13 01:00:00+00",
            "state": "รอรับเรื่อง",
            "problem_type_abdul": ["ถนน"],
        }
    )
    day2 = parse_complaints(json.dumps(doc, ensure_ascii=False)).complaints
    geo = channels.read_complaints(DATA / "traffy_geojson_v1.geojson").complaints
    plan = complaints.plan_merge(stored, day2 + geo)
    inserted = sorted(c["external_id"] for c in plan.inserts)
    assert inserted == ["2026-H6YB1R", "2026-NEW001", "2026-W3PL6E"]
    updates = {old["external_id"]: (merged, changed) for old, merged, changed in plan.updates}
    assert set(updates) == {"2026-B9WGC7", "2026-KD7Q2M"}
    merged, changed = updates["2026-B9WGC7"]
    assert merged["status"] == "finish" and merged["uuid"] == "u-0" and "status" in changed
    # GeoJSON adds the khwaeng/khet/province the API does not give
    assert {"subdistrict", "district", "province"} <= set(updates["2026-KD7Q2M"][1])
    keys = [complaints.dedupe_key(c) for c in stored] + [complaints.dedupe_key(c) for c in plan.inserts]
    assert len(keys) == len(set(keys))
    assert {c["external_id"] for c in plan.unchanged} == {"2026-ZT4N8H", "2026-M8CJ3W"}


def test_records_without_id_dedupe_on_time_and_place():
    data = traffy_csv(row("", ts="2026-05-11 02:00:00.123456+00"), row("", ts="2026-05-11 02:03:00+00"))
    first = parse_complaints(data).complaints
    assert len(first) == 2
    plan = complaints.plan_merge(first, parse_complaints(data).complaints)
    assert (len(plan.inserts), len(plan.updates), len(plan.unchanged)) == (0, 0, 2)


# --- the real Bangkok dump ---------------------------------------------------------------------


@pytest.fixture(scope="module")
def teamchadchart():
    if not SHARED.is_dir():
        pytest.skip(f"shared data not found at {SHARED} (set CDDP_SHARED_DATA)")
    return channels.read_complaints(TEAMCHADCHART)


def test_real_traffy_dump_every_row_accounted_for(teamchadchart):
    result = teamchadchart
    accounted(result)
    assert result.format == "traffy_csv"
    assert result.rows == 1000
    assert result.imported + len(result.rejected) == 1000
    with open(TEAMCHADCHART, encoding="utf-8-sig", newline="") as f:
        raw = list(csv.DictReader(f))
    assert len(raw) == 1000
    # Every row has a location in Thailand and a timestamp: all imported, none merged away
    assert result.rejected == []
    ids = [r["ticket_id"] for r in raw if r["ticket_id"]]
    assert sorted(c["external_id"] for c in result.complaints if c["external_id"]) == sorted(ids)
    keys = {complaints.dedupe_key(c) for c in result.complaints}
    assert len(keys) == 1000


def test_real_traffy_dump_states_match_sources_md(teamchadchart):
    documented = {"กำลังดำเนินการ": 473, "รอรับเรื่อง": 429, "เสร็จสิ้น": 98}  # ../shared/data/SOURCES.md
    imported = collections.Counter(c["status_raw"] for c in teamchadchart.complaints)
    rejected_rows = {r["row"] for r in teamchadchart.rejected}
    with open(TEAMCHADCHART, encoding="utf-8-sig", newline="") as f:
        raw = [r["state"] for i, r in enumerate(csv.DictReader(f), 1) if i in rejected_rows]
    assert imported + collections.Counter(raw) == documented
    assert collections.Counter(c["status"] for c in teamchadchart.complaints) == {
        "inprogress": 473,
        "waiting": 429,
        "finish": 98,
    }
    assert sum(c["district"] == "ปทุมวัน" for c in teamchadchart.complaints) == 21  # SOURCES.md


def test_real_traffy_dump_categories_and_fields(teamchadchart):
    with open(TEAMCHADCHART, encoding="utf-8-sig", newline="") as f:
        raw = list(csv.DictReader(f))
    by_row = dict(zip([r["ticket_id"] or f"#{i}" for i, r in enumerate(raw)], raw, strict=True))
    for i, c in enumerate(teamchadchart.complaints):
        source = by_row[c["external_id"] or f"#{i}"]
        tags = source["type"].strip("{}")
        if "แสงสว่าง" in tags.split(","):
            assert c["category"] == "lighting"
        if not tags:
            assert (c["category"], c["categories_raw"]) == ("other", None)
        else:
            assert c["categories_raw"] == tags
        lon, lat = (float(v) for v in source["coords"].split(","))
        assert (c["lon"], c["lat"]) == (lon, lat)
    first = teamchadchart.complaints[0]
    assert (first["external_id"], first["reported_at"], first["category"]) == (
        "2023-FCX4QQ",
        "2023-05-12T13:27:54.482Z",
        "other",
    )
    categories = collections.Counter(c["category"] for c in teamchadchart.complaints)
    assert categories["lighting"] == sum("แสงสว่าง" in r["type"] for r in raw)
    assert sum(categories.values()) == 1000


def test_real_traffy_dump_keeps_no_phone_number(teamchadchart):
    with open(TEAMCHADCHART, encoding="utf-8-sig", newline="") as f:
        raw_text = [r["comment"] + " " + r["address"] for r in csv.DictReader(f)]
    found_in_source = sum(len(PHONE.findall(t)) for t in raw_text)
    assert found_in_source >= 10  # the check below is not vacuous: the source has phone numbers
    leaks = [
        (c["external_id"], name)
        for c in teamchadchart.complaints
        for name, value in c.items()
        if isinstance(value, str) and PHONE.search(value)
    ]
    assert leaks == []
    assert teamchadchart.pii_scrubbed["phone"] == found_in_source
    rows_with_phones = sum(bool(PHONE.search(t)) for t in raw_text)
    assert sum(SCRUB_PLACEHOLDER in (c["description"] or "") for c in teamchadchart.complaints) == rows_with_phones
