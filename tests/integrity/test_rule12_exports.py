"""Rule 12: real complaint exports in the shapes they come in, derived from the real Traffy Fondue
dump (../shared/data/pathumwan/teamchadchart.csv): separate latitude/longitude columns, the misspelt
and swapped pair, M/D/Y and D/M/Y dates decided per file, English and multi-step Thai states,
public-API GeoJSON with string coordinates and repeated ids, Open311 XML as well as JSON, null and 0/0
coordinates, web pages refused; complaints on a cancelled order get a new order while still open."""

from __future__ import annotations

import datetime as dt
import json
import sqlite3
from xml.sax.saxutils import escape

import pytest

from cddp_plugin.core.common.errors import CddpError
from cddp_plugin.core.works import channels
from cddp_plugin.core.works import jobs as works_jobs
from cddp_plugin.core.works.complaints import dedupe_key
from tests.integrity.complaint_data import dump_rows, import_bytes, to_csv, workspace

BKK = dt.timezone(dt.timedelta(hours=7))


@pytest.fixture(scope="module")
def real():
    header, rows = dump_rows(300)
    reference = channels.parse_complaints(to_csv(header, rows), "teamchadchart.csv")
    return header, rows, {key(c): c for c in reference.complaints}


def key(c):
    return dedupe_key(c)[1]


def located(result):
    return {key(c): (round(c["lon"], 5), round(c["lat"], 5)) for c in result.complaints}


def test_separate_latitude_longitude_columns(real):
    header, rows, ref = real
    cols = [h for h in header if h != "coords"] + ["latitude", "longitude"]
    out = []
    for r in rows:
        lon, lat = r["coords"].split(",")
        out.append({**r, "latitude": lat, "longitude": lon})
    got = channels.parse_complaints(to_csv(cols, out), "dump_latlon.csv")
    assert got.format == "traffy_csv" and got.imported == len(ref)
    assert located(got) == {k: (round(c["lon"], 5), round(c["lat"], 5)) for k, c in ref.items()}


def test_misspelt_and_swapped_pair_is_read_swapped_with_a_warning(real):
    header, rows, ref = real
    cols = [h for h in header if h != "coords"] + ["Latitute", "longtitude"]
    out = []
    for r in rows:
        lon, lat = r["coords"].split(",")
        out.append({**r, "Latitute": lon, "longtitude": lat})  # swapped in every row, as the real export
    got = channels.parse_complaints(to_csv(cols, out), "dump_swapped.csv")
    assert got.imported == len(ref)
    assert located(got) == {k: (round(c["lon"], 5), round(c["lat"], 5)) for k, c in ref.items()}
    codes = [w["code"] for w in got.warnings]
    assert "swapped_coordinates" in codes
    warning = next(w for w in got.warnings if w["code"] == "swapped_coordinates")
    assert "dump_swapped.csv" in warning["reason"] and "300 rows" in warning["reason"]
    # one swapped row in a sound file stays rejected, with the reason
    one = [dict(r) for r in rows]
    lon, lat = one[0]["coords"].split(",")
    one[0]["coords"] = f"{lat},{lon}"
    sound = channels.parse_complaints(to_csv(header, one), "dump.csv")
    assert sound.rejected_by_code() == {"outside_thailand": 1}
    assert "look swapped" in sound.rejected[0]["reason"]


def _slash(value: str, order: str) -> str:
    moment = dt.datetime.fromisoformat(value.replace("+00", "+00:00")).astimezone(BKK)
    a, b = (moment.month, moment.day) if order == "mdy" else (moment.day, moment.month)
    return f"{a}/{b}/{moment.year} {moment.hour}:{moment.minute:02d}"


@pytest.mark.parametrize("order", ["mdy", "dmy"])
def test_slash_dates_decided_per_file(real, order):
    header, rows, ref = real
    out = [{**r, "timestamp": _slash(r["timestamp"], order), "last_activity": _slash(r["last_activity"], order)}
           for r in rows]  # fmt: skip
    # the real dump is 11–12 May 2023: no day above 12; the photos' attachment/2023-05/ decide
    got = channels.parse_complaints(to_csv(header, out), f"dump_{order}.csv")
    assert got.imported == len(ref)
    for c in got.complaints:
        assert c["reported_at"][:16] == ref.get(key(c), {}).get("reported_at", "?")[:16] or not c["external_id"]
    assert [w["code"] for w in got.warnings if w["code"] == "date_order"] == ["date_order"]
    # one row of 13 May decides alone, without photos
    late = [{**r, "photo": ""} for r in out]
    late[0]["timestamp"] = "5/13/2023 9:15" if order == "mdy" else "13/5/2023 9:15"
    got = channels.parse_complaints(to_csv(header, late), "dump.csv")
    assert not [w for w in got.warnings if w["code"] == "date_order"]
    by_id = {c["external_id"]: c for c in got.complaints}
    assert by_id[late[0]["ticket_id"]]["reported_at"].startswith("2023-05-13T02:15")
    for c in got.complaints[1:]:
        assert c["reported_at"][:16] == ref.get(key(c), {}).get("reported_at", "?")[:16] or not c["external_id"]


def test_mixed_date_orders_are_refused(real):
    header, rows, _ = real
    out = [dict(r) for r in rows[:10]]
    out[0]["timestamp"], out[1]["timestamp"] = "13/5/2023 9:15", "5/14/2023 9:15"
    with pytest.raises(CddpError) as err:
        channels.parse_complaints(to_csv(header, out), "mixed.csv")
    assert "mixed.csv" in str(err.value) and "13/5/2023" in str(err.value)


def test_english_and_multistep_thai_states(real):
    header, rows, _ = real
    states = {"start": "waiting", "inprogress": "inprogress", "forward": "forwarded", "finish": "finish",
              "follow": "inprogress", "irrelevant": "cancelled", "ส่งต่อ(ใหม่)": "forwarded",
              "ศึกษาปัญหา": "inprogress", "ขั้นตอนทางกฎหมาย": "inprogress", "ของบประมาณ": "inprogress",
              "จัดซื้อจัดจ้าง": "inprogress"}  # fmt: skip
    names = list(states)
    out = [{**r, "state": names[i % len(names)]} for i, r in enumerate(rows[:110]) if r["ticket_id"]]
    got = channels.parse_complaints(to_csv(header, out), "states.csv")
    assert not [w for w in got.warnings if w["code"] == "unknown_status"]
    for c in got.complaints:
        assert c["status"] == states[c["status_raw"]]


def _feature(r, string_coords=True):
    lon, lat = r["coords"].split(",")
    coords = [lon, lat] if string_coords else [float(lon), float(lat)]
    props = {"ticket_id": r["ticket_id"], "type": r["type"], "description": r["comment"], "address": r["address"],
             "timestamp": r["timestamp"], "state": r["state"], "last_activity": r["last_activity"],
             "photo_url": r["photo"], "province": "จังหวัด" + r["province"]}  # fmt: skip
    return {"type": "Feature", "geometry": {"type": "Point", "coordinates": coords}, "properties": props}


def test_public_api_geojson_with_string_coordinates_and_repeated_ids(real, tmp_path):
    _, rows, ref = real
    with_id = [r for r in rows if r["ticket_id"]][:100]
    features = [_feature(r) for r in with_id] + [_feature(r) for r in with_id[:10]]  # a second API page repeats 10
    data = json.dumps({"type": "FeatureCollection", "features": features}, ensure_ascii=False)
    got = channels.parse_complaints(data, "api.geojson")
    assert (got.format, got.rows, got.imported) == ("traffy_geojson", 110, 100)
    assert got.rejected_by_code() == {"duplicate_in_file": 10}
    for c in got.complaints:
        assert (round(c["lon"], 5), round(c["lat"], 5)) == (round(ref[key(c)]["lon"], 5), round(ref[key(c)]["lat"], 5))
        assert c["province"] == "กรุงเทพมหานคร"
    ws = workspace(tmp_path)
    rep = works_jobs.import_complaints(ws, got, "tester")
    assert rep.inserted == 100
    assert works_jobs.import_complaints(ws, channels.parse_complaints(data, "api.geojson"), "tester").inserted == 0


def _open311(rows):
    out = []
    for i, r in enumerate(rows):
        lon, lat = r["coords"].split(",")
        out.append({"service_request_id": r["ticket_id"] or f"req-{i}", "status": "closed" if r["state"] == "เสร็จสิ้น" else "open",
                    "service_code": "ROAD", "service_name": "ถนน", "description": r["comment"] or None,
                    "requested_datetime": r["timestamp"].replace(" ", "T").replace("+00", "+00:00"),
                    "address": r["address"], "lat": float(lat), "long": float(lon), "media_url": r["photo"] or None})  # fmt: skip
    return out


def _xml(requests):
    parts = ['<?xml version="1.0" encoding="utf-8"?>', "<service_requests>"]
    for req in requests:
        parts.append("<request>")
        for k, v in req.items():
            parts.append(f"<{k}>{escape(str(v))}</{k}>" if v is not None else f"<{k}/>")
        parts.append("</request>")
    parts.append("</service_requests>")
    return "\n".join(parts)


def test_open311_xml_reads_as_its_json(real):
    _, rows, _ = real
    requests = _open311(rows[:80])
    from_json = channels.parse_complaints(json.dumps(requests, ensure_ascii=False), "requests.json")
    from_xml = channels.parse_complaints(_xml(requests), "requests.xml")
    assert (from_xml.format, from_xml.imported) == ("open311_xml", 80)
    assert from_xml.complaints == from_json.complaints
    # an Open311 error reply in XML is a clear error
    with pytest.raises(CddpError, match="403"):
        channels.parse_complaints(
            "<errors><error><code>403</code><description>Invalid api_key</description></error></errors>", "r.xml"
        )
    with pytest.raises(CddpError, match=r"feed\.xml"):
        channels.parse_complaints("<rss><channel/></rss>", "feed.xml")


def test_null_and_zero_coordinates_are_rejected_with_the_reason(real):
    _, rows, _ = real
    requests = _open311(rows[:20])
    requests[0]["lat"] = requests[0]["long"] = None
    requests[1]["lat"] = requests[1]["long"] = 0
    requests[2]["lat"], requests[2]["long"] = "0.0", "0.0"
    got = channels.parse_complaints(json.dumps(requests, ensure_ascii=False), "requests.json")
    codes = {r["row"]: r["code"] for r in got.rejected}
    assert codes == {1: "missing_coordinates", 2: "zero_coordinates", 3: "zero_coordinates"}
    assert "0, 0" in got.rejected[1]["reason"] and got.imported == 17


def test_web_pages_are_refused_clearly(real, tmp_path):
    _, rows, _ = real
    page = tmp_path / "traffy_page.html"
    page.write_text("<!DOCTYPE html><html><head><title>Traffy Fondue</title></head><body><table>"
                    + "".join(f"<tr><td>{r['ticket_id']}</td><td>12/5/2566</td></tr>" for r in rows[:5])
                    + "</table></body></html>", encoding="utf-8")  # fmt: skip
    with pytest.raises(CddpError) as err:
        channels.read_complaints(page)
    assert "traffy_page.html" in str(err.value) and "web page" in str(err.value)
    # a table copied from the site: ticket ids and Buddhist-era dates, no coordinates
    scraped = [{"ticket_id": r["ticket_id"], "type": r["type"], "comment": r["comment"], "timestamp": "12/5/2566 10:00",
                "state": r["state"]} for r in rows[:5]]  # fmt: skip
    with pytest.raises(CddpError) as err:
        channels.parse_complaints(
            to_csv(["ticket_id", "type", "comment", "timestamp", "state"], scraped), "scraped.csv"
        )
    assert "scraped.csv" in str(err.value) and "no coordinates" in str(err.value)


def test_complaints_on_a_cancelled_order_get_a_new_order(tmp_path):
    from cddp_plugin.core.workspace import gpkg

    ws = workspace(tmp_path)
    header, rows = dump_rows(40)
    import_bytes(ws, to_csv(header, rows))
    first = works_jobs.generate_work_orders(ws, "tester", now="2023-05-13T09:00:00+07:00")
    con = sqlite3.connect(ws)
    open_on_orders = con.execute(
        "SELECT count(*) FROM complaints WHERE work_order_uuid IS NOT NULL AND status IN ('waiting','inprogress')"
    ).fetchone()[0]
    number = con.execute(
        "SELECT w.wo_number FROM work_orders w JOIN complaints c ON c.work_order_uuid = w.uuid "
        "WHERE c.status IN ('waiting','inprogress') ORDER BY w.wo_number LIMIT 1"
    ).fetchone()[0]
    con.close()
    assert first.created > 0 and open_on_orders > 0
    works_jobs.change_work_order(ws, number, "cancelled", "tester", note="ซ้ำกับงานอื่น", at="2023-05-13T10:00:00+07:00")
    con = gpkg.connect(ws)
    cancelled_uuid = con.execute("SELECT uuid FROM work_orders WHERE wo_number = ?", (number,)).fetchone()[0]
    still_open = con.execute(
        "SELECT count(*) FROM complaints WHERE work_order_uuid = ? AND status IN ('waiting','inprogress','forwarded')",
        (cancelled_uuid,),
    ).fetchone()[0]
    con.close()
    assert still_open >= 1  # cancelling leaves the complaints as they are
    again = works_jobs.generate_work_orders(ws, "tester", now="2023-05-13T11:00:00+07:00")
    assert again.relinked == still_open and again.created + again.attached >= still_open
    con = sqlite3.connect(ws)
    left = con.execute(
        "SELECT count(*) FROM complaints WHERE work_order_uuid = ? AND status IN ('waiting','inprogress','forwarded')",
        (cancelled_uuid,),
    ).fetchone()[0]
    con.close()
    assert left == 0
    third = works_jobs.generate_work_orders(ws, "tester", now="2023-05-13T12:00:00+07:00")
    assert (third.created, third.attached, third.relinked) == (0, 0, 0)
