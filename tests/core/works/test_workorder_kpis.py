"""Work-order lists, KPIs, complaint status flow-back and the photo store (core, no QGIS)."""

import datetime as dt
import struct
import zlib

import pytest

from cddp_plugin.core.common.errors import CddpError
from cddp_plugin.core.works import kpis as k
from cddp_plugin.core.works.workorders import new_work_order, transition
from cddp_plugin.core.workspace import photos
from cddp_plugin.core.workspace.photos import sha256_file

UTC = dt.UTC
NOW = "2026-05-20T12:00:00+07:00"


def order(number, *, created, category="road", priority="P3", team=None, path=(), at=None, notes=None):
    """An order created at ``created`` and moved along ``path`` ((status, at) pairs) by the core."""
    o, _ = new_work_order(
        title=f"order {number}",
        created_by="tester",
        existing_numbers=[f"WO-2569-{number - 1:05d}"],
        category=category,
        priority=priority,
        created_at=created,
        team=team,
    )
    for status, when in path:
        note = (notes or {}).get(status)
        if status in ("cancelled", "duplicate") and note is None:
            note = "why"
        o, _ = transition(o, status, actor="tester", at=when, note=note)
    return o


@pytest.fixture
def orders():
    return [
        # road, P3 (5 working days), completed in 2 days: on time
        order(1, created="2026-05-04T09:00", team="ทีมถนน",
              path=[("triaged", "2026-05-04T10:00"), ("assigned", "2026-05-04T11:00"),
                    ("in_progress", "2026-05-05T08:00"), ("completed", "2026-05-06T09:00")]),
        # road, P2 (24 h), completed after 3 days: late
        order(2, created="2026-05-10T09:00", priority="P2", team="ทีมถนน",
              path=[("triaged", "2026-05-10T10:00"), ("assigned", "2026-05-10T11:00"),
                    ("in_progress", "2026-05-11T08:00"), ("completed", "2026-05-13T09:00"),
                    ("verified", "2026-05-14T09:00"), ("closed", "2026-05-14T10:00")]),
        # lighting, P1 (4 h), open and far overdue
        order(3, created="2026-05-18T09:00", category="lighting", priority="P1", team="ทีมไฟฟ้า",
              path=[("triaged", "2026-05-18T09:30"), ("assigned", "2026-05-18T09:40")]),
        # lighting, P3, new, on time
        order(4, created="2026-05-20T08:00", category="lighting"),
        # cancelled
        order(5, created="2026-05-01T08:00", category="drainage", path=[("cancelled", "2026-05-02T08:00")]),
        # lighting P2 completed in 6 h (on time), long ago: outside a 30-day period
        order(6, created="2026-01-05T08:00", category="lighting", priority="P2", team="ทีมไฟฟ้า",
              path=[("triaged", "2026-01-05T08:10"), ("assigned", "2026-01-05T08:20"),
                    ("in_progress", "2026-01-05T09:00"), ("completed", "2026-01-05T14:00"),
                    ("verified", "2026-01-06T08:00"), ("closed", "2026-01-06T09:00")]),
    ]  # fmt: skip


def numbers(rows):
    return sorted(int(r["wo_number"][-5:]) for r in rows)


def test_filters(orders):
    assert numbers(k.filter_orders(orders, statuses={"new", "assigned"})) == [3, 4]
    assert numbers(k.filter_orders(orders, category="lighting")) == [3, 4, 6]
    assert numbers(k.filter_orders(orders, priority="P2")) == [2, 6]
    assert numbers(k.filter_orders(orders, team="ทีมถนน")) == [1, 2]
    assert numbers(k.filter_orders(orders, team=k.NO_TEAM)) == [4, 5]
    assert numbers(k.filter_orders(orders, overdue_only=True, now=NOW)) == [3]
    # completed orders are not "overdue now" even when finished late; cancelled ones never
    assert not k.is_overdue_now(orders[1], NOW) and not k.is_overdue_now(orders[4], NOW)
    period = k.period_of("custom", start=dt.date(2026, 5, 15), end=dt.date(2026, 5, 20))
    assert numbers(k.filter_orders(orders, period=period)) == [1, 3, 4]  # 2 closed 14 May, 5 on 2 May
    assert numbers(k.filter_orders(orders, category="lighting", statuses={"new"})) == [4]
    assert k.teams_of(orders) == ["ทีมถนน", "ทีมไฟฟ้า"]


def test_sort_puts_overdue_open_orders_first(orders):
    ranked = sorted(orders, key=k.sort_key(NOW))
    # overdue 3, then 4 (on time), then 1 (repaired, waiting for verification), then the final ones
    assert [int(o["wo_number"][-5:]) for o in ranked][:3] == [3, 4, 1]
    assert {int(o["wo_number"][-5:]) for o in ranked[3:]} == {2, 5, 6}


def test_kpis_for_a_period(orders):
    period = k.period_of("last_30", now=NOW)
    r = k.kpis(orders, period)
    assert r.open == 3  # 1 (completed, not closed), 3, 4
    assert r.overdue == 1  # 3 (P1 due 13:00 on 18 May); 1 is repaired
    assert r.created == 5
    assert r.completed == 2  # 1 and 2 (6 is older than 30 days)
    assert r.sla_met == 1 and r.sla_met_pct == pytest.approx(50.0)
    assert [c.category for c in r.by_category] == ["road"]
    road = r.by_category[0]
    assert road.completed == 2 and road.sla_met == 1
    assert road.median_hours == pytest.approx((48 + 72) / 2)
    assert r.median_hours == pytest.approx(60)
    assert r.chart_data() == [("road", pytest.approx(60))]

    year = k.kpis(orders, k.period_of("last_365", now=NOW))
    assert year.completed == 3 and year.sla_met == 2
    assert [(c.category, c.median_hours) for c in year.by_category] == [("road", 60), ("lighting", 6)]
    assert year.chart_data()[0][0] == "road"


def test_kpis_as_of_a_past_period_end(orders):
    # at the end of 12 May: order 2 was open and overdue (due 11 May 09:00), order 3 not yet created
    r = k.kpis(orders, k.period_of("custom", start="2026-05-01", end=dt.date(2026, 5, 12)))
    assert r.open == 2  # 1 (repaired, not closed) and 2; 3 and 4 came later, 5 was cancelled on 2 May
    assert r.overdue == 1  # 2: due 11 May 09:00, repaired only on 13 May
    assert r.completed == 1


def test_rework_clears_the_completion_from_the_kpis():
    o = order(7, created="2026-05-04T09:00", team="t",
              path=[("triaged", "2026-05-04T10:00"), ("assigned", "2026-05-04T11:00"),
                    ("in_progress", "2026-05-05T08:00"), ("completed", "2026-05-06T09:00")])  # fmt: skip
    o, _ = transition(o, "in_progress", actor="x", at="2026-05-07T09:00", note="still broken")
    r = k.kpis([o], k.period_of("last_30", now=NOW))
    assert r.completed == 0 and r.median_hours is None and r.by_category == []
    assert r.sla_met_pct is None and r.open == 1


def test_periods():
    p = k.period_of("last_90", now="2026-05-20T00:00:00Z")
    assert p.end - p.start == dt.timedelta(days=90)
    p = k.period_of("custom", start=dt.date(2026, 5, 1), end=dt.date(2026, 5, 1))
    assert "2026-05-01T23:59:00+07:00" in p and "2026-05-02T00:00:01+07:00" not in p
    with pytest.raises(CddpError, match="ends"):
        k.period_of("custom", start="2026-05-02", end="2026-05-01")
    with pytest.raises(CddpError, match="not a period"):
        k.period_of("last_week")
    with pytest.raises(CddpError, match="start and an end"):
        k.period_of("custom", start="2026-05-02")


def test_format_duration():
    assert k.format_duration(None) == "—"
    assert k.format_duration(5.25) == "5.3 h"  # half up, as people round (core/common/numbers.py)
    assert k.format_duration(72, "ชม.", "วัน") == "3.0 วัน"


def test_kpi_table_and_chart_share_one_unit():
    """#11 item 10: days everywhere — a 6-hour repair is 0.3 days in the table and on its bar, not "6.0 h"
    in one and "0.2" in the other."""
    assert k.format_days(6.0) == "0.3"
    assert k.format_days(60.0, "วัน") == "2.5 วัน"
    assert k.format_days(None, "days") == "—"
    assert k.format_days(24 * 1234.04) == "1,234.0"
    rows = [("ถนน", 60.0), ("ไฟฟ้า", 6.0)]
    assert k.chart_bar_labels(rows) == [k.format_days(h) for _, h in rows] == ["2.5", "0.3"]


@pytest.mark.parametrize(
    ("frm", "to", "complaint", "expected"),
    [
        (None, "new", "waiting", None),
        ("new", "triaged", "waiting", "inprogress"),
        ("triaged", "assigned", "inprogress", None),  # already in progress: nothing to write
        ("in_progress", "on_hold", "waiting", "inprogress"),
        ("in_progress", "completed", "inprogress", "finish"),
        ("in_progress", "completed", "forwarded", "finish"),
        ("completed", "verified", "finish", None),
        ("verified", "closed", "inprogress", "finish"),
        ("completed", "in_progress", "finish", "inprogress"),  # rework reopens the complaint
        ("on_hold", "in_progress", "finish", None),  # only a rework reopens a finished complaint
        ("assigned", "cancelled", "inprogress", None),
        ("new", "duplicate", "waiting", None),
        ("in_progress", "completed", "cancelled", None),  # the channel closed it
    ],
)
def test_complaint_status_flow_back(frm, to, complaint, expected):
    assert k.complaint_status_after(frm, to, complaint) == expected


def test_complaint_status_flow_back_refuses_unknown_status():
    with pytest.raises(CddpError, match="not a work-order status"):
        k.complaint_status_after("new", "done", "waiting")


def test_chart_png(tmp_path):
    out = k.ttr_chart_png([("ถนน", 60.0), ("ไฟฟ้าแสงสว่าง", 6.0)], tmp_path / "c.png", title="เวลาซ่อม", unit="วัน")
    assert out.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" and out.stat().st_size > 2000
    empty = k.ttr_chart_png([], tmp_path / "e.png", empty_text="ไม่มีข้อมูล")
    assert empty.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


# --- photos -----------------------------------------------------------------------------------


def png_bytes(colour=(255, 0, 0)) -> bytes:
    raw = b"\x00" + bytes(colour) * 2
    raw = raw * 2
    chunk = lambda t, d: struct.pack(">I", len(d)) + t + d + struct.pack(">I", zlib.crc32(t + d))  # noqa: E731
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", struct.pack(">IIBBBBB", 2, 2, 8, 2, 0, 0, 0))
        + chunk(b"IDAT", zlib.compress(raw))
        + chunk(b"IEND", b"")
    )


def test_photo_store_by_hash_once(tmp_path):
    ws = tmp_path / "prueyai.gpkg"
    ws.write_bytes(b"")
    a = tmp_path / "IMG_0001.PNG"
    a.write_bytes(png_bytes())
    b = tmp_path / "copy of the same.png"
    b.write_bytes(png_bytes())
    sha, path = photos.store_photo(ws, a)
    assert sha == sha256_file(a) and len(sha) == 64
    assert path == tmp_path / "prueyai_photos" / sha[:2] / f"{sha}.png"
    assert path.read_bytes() == a.read_bytes()
    sha2, path2 = photos.store_photo(ws, b)
    assert (sha2, path2) == (sha, path)
    assert [p.name for p in (tmp_path / "prueyai_photos").rglob("*") if p.is_file()] == [f"{sha}.png"]
    assert photos.find_photo(ws, sha.upper()) == path and photos.verify_photo(ws, sha)
    other = tmp_path / "blue.jpg"
    other.write_bytes(png_bytes((0, 0, 255)))  # a PNG named .jpg: stored as what it is
    sha3, path3 = photos.store_photo(ws, other)
    assert sha3 != sha and path3.suffix == ".png"
    path3.write_bytes(png_bytes((0, 255, 0)))  # tampered with
    assert not photos.verify_photo(ws, sha3)
    assert photos.find_photo(ws, "0" * 64) is None


def test_photo_store_refuses_what_is_not_a_photo(tmp_path):
    ws = tmp_path / "w.gpkg"
    text = tmp_path / "notes.jpg"
    text.write_text("not a picture", encoding="utf-8")
    with pytest.raises(CddpError, match="not an image"):
        photos.store_photo(ws, text)
    empty = tmp_path / "empty.png"
    empty.write_bytes(b"")
    with pytest.raises(CddpError, match="empty"):
        photos.store_photo(ws, empty)
    with pytest.raises(CddpError, match="does not exist"):
        photos.store_photo(ws, tmp_path / "missing.png")
    with pytest.raises(CddpError, match="SHA-256"):
        photos.find_photo(ws, "abc")
    assert not photos.photo_dir(ws).exists()


def test_image_types():
    assert photos.image_type(b"\xff\xd8\xff\xe0" + b"\0" * 12) == "jpg"
    assert photos.image_type(b"RIFF\0\0\0\0WEBPVP8 ") == "webp"
    assert photos.image_type(b"\0\0\0\x18ftypheic\0\0\0\0") == "heic"
    assert photos.image_type(b"%PDF-1.7\n" + b"\0" * 8) is None
