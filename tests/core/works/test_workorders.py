"""Work-order lifecycle, events, SLA/due times and numbering (cddp_plugin.core.workorders)."""

from __future__ import annotations

import datetime as dt
import hashlib
import itertools
import json
import re
import uuid

import pytest

from cddp_plugin.core.common.errors import CddpError
from cddp_plugin.core.works import sla, workorders
from cddp_plugin.core.workspace import photos, schema

# --- the expectation, written independently of workorders.TRANSITIONS ---------------------------
# The domain's lifecycle: new → triaged → assigned → in_progress ⇄ on_hold → completed → verified →
# closed; completed → in_progress when verification fails; cancelled from any open state before
# completion; duplicate only before work starts; closed/cancelled/duplicate are final.
EXPECTED_ALLOWED = {
    ("new", "triaged"),
    ("new", "cancelled"),
    ("new", "duplicate"),
    ("triaged", "assigned"),
    ("triaged", "cancelled"),
    ("triaged", "duplicate"),
    ("assigned", "in_progress"),
    ("assigned", "cancelled"),
    ("assigned", "duplicate"),
    ("in_progress", "on_hold"),
    ("in_progress", "completed"),
    ("in_progress", "cancelled"),
    ("on_hold", "in_progress"),
    ("on_hold", "cancelled"),
    ("completed", "verified"),
    ("completed", "in_progress"),
    ("verified", "closed"),
}
EXPECTED_STAMP = {
    "triaged": "triaged_at",
    "assigned": "assigned_at",
    "in_progress": "started_at",
    "completed": "completed_at",
    "verified": "verified_at",
    "closed": "closed_at",
    "cancelled": "closed_at",
    "duplicate": "closed_at",
}
FINAL = {"closed", "cancelled", "duplicate"}
# Every status from the schema's value list, not from the module under test.
ALL_STATUSES = [str(c) for c in schema.DOMAINS["wo_status"].codes()]
UTC_ISO = re.compile(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$")
HASH_A = hashlib.sha256(b"before.jpg").hexdigest()
HASH_B = hashlib.sha256(b"after.jpg").hexdigest()

CREATED = "2026-05-15T03:00:00.000Z"  # Friday 10:00 in Bangkok
EVENT_AT = "2026-05-18T02:00:00.000Z"  # Monday 09:00 in Bangkok


def order_in(status: str) -> dict:
    """A stored order in ``status`` (built by hand, not through the module)."""
    order = {
        "uuid": str(uuid.uuid4()),
        "wo_number": "WO-2569-00007",
        "title": "ไฟฟ้าแสงสว่างดับ",
        "category": "lighting",
        "status": status,
        "priority": "P3",
        "team": "ทีมไฟฟ้า 1",
        "assignee": None,
        "created_at": CREATED,
        "due_at": "2026-05-22T03:00:00.000Z",
        "triaged_at": None,
        "assigned_at": None,
        "started_at": None,
        "completed_at": None,
        "verified_at": None,
        "closed_at": None,
    }
    reached = {
        "triaged": ["triaged_at"],
        "assigned": ["triaged_at", "assigned_at"],
        "in_progress": ["triaged_at", "assigned_at", "started_at"],
        "on_hold": ["triaged_at", "assigned_at", "started_at"],
        "completed": ["triaged_at", "assigned_at", "started_at", "completed_at"],
        "verified": ["triaged_at", "assigned_at", "started_at", "completed_at", "verified_at"],
        "closed": ["triaged_at", "assigned_at", "started_at", "completed_at", "verified_at", "closed_at"],
        "cancelled": ["closed_at"],
        "duplicate": ["closed_at"],
    }.get(status, [])
    for i, name in enumerate(reached):
        order[name] = f"2026-05-15T0{4 + i}:00:00.000Z"
    return order


def test_transition_table_is_the_documented_lifecycle():
    table = {(a, b) for a, nxt in workorders.TRANSITIONS.items() for b in nxt}
    assert table == EXPECTED_ALLOWED
    assert set(workorders.TRANSITIONS) == set(ALL_STATUSES)
    assert workorders.TERMINAL == FINAL
    assert workorders.TIMESTAMP_FIELDS == EXPECTED_STAMP


@pytest.mark.parametrize(("from_status", "to_status"), list(itertools.product(ALL_STATUSES, ALL_STATUSES)))
def test_every_transition_of_the_matrix(from_status, to_status):
    order = order_in(from_status)
    before = json.dumps(order, sort_keys=True)
    kwargs = {"actor": "วิชัย", "at": EVENT_AT, "note": "เหตุผล: ซ้ำกับ WO-2569-00003", "photo_hashes": [HASH_A]}
    if (from_status, to_status) in EXPECTED_ALLOWED:
        updated, event = workorders.transition(order, to_status, **kwargs)
        assert updated["status"] == to_status
        assert event["from_status"] == from_status and event["to_status"] == to_status
        assert event["work_order_uuid"] == order["uuid"]
        assert event["actor"] == "วิชัย"
        assert event["event_at"] == EVENT_AT
        assert UTC_ISO.match(event["event_at"])
        assert event["note"] == "เหตุผล: ซ้ำกับ WO-2569-00003"
        assert json.loads(event["photo_hashes"]) == [HASH_A]
        assert uuid.UUID(event["uuid"])
        stamp = EXPECTED_STAMP.get(to_status)
        if stamp is None:  # on_hold has no timestamp of its own: nothing else moves
            assert all(updated[f] == order[f] for f in EXPECTED_STAMP.values())
        elif stamp in ("triaged_at", "assigned_at", "started_at") and order[stamp]:
            assert updated[stamp] == order[stamp]  # first time kept (resume / rework)
        else:
            assert updated[stamp] == EVENT_AT
        if (from_status, to_status) == ("completed", "in_progress"):
            assert updated["completed_at"] is None
        assert updated["updated_by"] == "วิชัย"
        # the event's fields are the schema's work_order_events fields (+ uuid)
        event_fields = {f.name for f in schema.LAYERS_BY_NAME["work_order_events"].fields} | {"uuid"}
        assert set(event) == event_fields
    else:
        with pytest.raises(CddpError) as exc:
            workorders.transition(order, to_status, **kwargs)
        message = str(exc.value)
        assert "WO-2569-00007" in message
        assert f"from {from_status} to {to_status}" in message
        expected_next = sorted(b for a, b in EXPECTED_ALLOWED if a == from_status)
        if expected_next:
            listed = message.split("allowed next: ")[1].rstrip(".").split(", ")
            assert sorted(listed) == expected_next
        else:
            assert from_status in FINAL
            assert f"{from_status} is final" in message
    assert json.dumps(order, sort_keys=True) == before  # the input is never changed


def test_unknown_statuses_are_named():
    with pytest.raises(CddpError, match="'finished' is not a work-order status; expected one of new, triaged"):
        workorders.transition(order_in("new"), "finished", actor="a", at=EVENT_AT)
    bad = order_in("new") | {"status": "open"}
    with pytest.raises(CddpError, match="its status 'open' is not a work-order status"):
        workorders.transition(bad, "triaged", actor="a", at=EVENT_AT)
    with pytest.raises(CddpError, match="'done' is not a work-order status"):
        workorders.allowed_next("done")
    assert workorders.allowed_next("on_hold") == ("in_progress", "cancelled")


def test_full_lifecycle_with_hold_and_rework_keeps_a_consistent_history():
    order, created = workorders.new_work_order(
        title="ไฟกิ่งดับหน้าชุมชน", created_by="ธุรการ", created_at="2026-05-15 10:00", category="lighting"
    )
    steps = [
        ("triaged", "2026-05-15 11:00", {"priority": "P2"}, None),
        ("assigned", "2026-05-15 11:30", {"team": "ทีมไฟฟ้า 2"}, None),
        ("in_progress", "2026-05-15 13:00", None, None),
        ("on_hold", "2026-05-15 14:00", None, "รออะไหล่หลอด LED"),
        ("in_progress", "2026-05-16 09:00", None, None),
        ("completed", "2026-05-16 10:00", {"cost_baht": 1850.0}, None),
        ("in_progress", "2026-05-16 15:00", None, "ตรวจรับไม่ผ่าน ไฟยังกะพริบ"),
        ("completed", "2026-05-16 16:00", None, None),
        ("verified", "2026-05-17 09:00", None, None),
        ("closed", "2026-05-17 09:05", None, None),
    ]
    events = [created]
    for status, at, changes, note in steps:
        order, event = workorders.transition(
            order,
            status,
            actor="หัวหน้าช่าง",
            at=at,
            changes=changes,
            note=note,
            photo_hashes=[HASH_B] if status == "completed" else (),
        )
        events.append(event)
    assert [(e["from_status"], e["to_status"]) for e in events] == [
        (None, "new"),
        ("new", "triaged"),
        ("triaged", "assigned"),
        ("assigned", "in_progress"),
        ("in_progress", "on_hold"),
        ("on_hold", "in_progress"),
        ("in_progress", "completed"),
        ("completed", "in_progress"),
        ("in_progress", "completed"),
        ("completed", "verified"),
        ("verified", "closed"),
    ]
    times = [e["event_at"] for e in events]
    assert times == sorted(times)
    assert {e["work_order_uuid"] for e in events} == {order["uuid"]}
    assert order["status"] == "closed"
    assert order["created_at"] == "2026-05-15T03:00:00.000Z"
    assert order["triaged_at"] == "2026-05-15T04:00:00.000Z"
    assert order["assigned_at"] == "2026-05-15T04:30:00.000Z"
    assert order["started_at"] == "2026-05-15T06:00:00.000Z"  # first start, not the resume
    assert order["completed_at"] == "2026-05-16T09:00:00.000Z"  # the second completion
    assert order["verified_at"] == "2026-05-17T02:00:00.000Z"
    assert order["closed_at"] == "2026-05-17T02:05:00.000Z"
    assert order["team"] == "ทีมไฟฟ้า 2" and order["cost_baht"] == 1850.0
    # P2 set at triage: 24 calendar hours from creation
    assert order["priority"] == "P2" and order["due_at"] == "2026-05-16T03:00:00.000Z"
    assert sla.sla_state(order, now="2026-06-01 00:00") == "overdue"  # finished Sat 16:00 > due Sat 10:00


def test_cancel_sets_closed_at_and_final_states_stay_final():
    order, _ = workorders.transition(
        order_in("on_hold"), "cancelled", actor="a", at=EVENT_AT, note="ถนนอยู่ในความรับผิดชอบของกรมทางหลวง"
    )
    assert order["closed_at"] == EVENT_AT
    assert not workorders.is_open(order)
    with pytest.raises(CddpError, match="cancelled is final"):
        workorders.transition(order, "in_progress", actor="a", at=EVENT_AT)


@pytest.mark.parametrize(
    ("from_status", "to_status"), [("new", "cancelled"), ("triaged", "duplicate"), ("completed", "in_progress")]
)
def test_some_changes_need_a_reason(from_status, to_status):
    with pytest.raises(CddpError, match=f"from {from_status} to {to_status} needs a note"):
        workorders.transition(order_in(from_status), to_status, actor="a", at=EVENT_AT, note="  ")


def test_actor_time_photos_and_fields_are_checked():
    order = order_in("triaged")
    with pytest.raises(CddpError, match=r"who made the change is missing \(actor\)"):
        workorders.transition(order, "assigned", actor=" ", at=EVENT_AT)
    with pytest.raises(CddpError, match="earlier than its triaged_at"):
        workorders.transition(order, "assigned", actor="a", at="2026-05-15T03:30:00Z")
    with pytest.raises(CddpError, match="earlier than its created_at"):
        workorders.transition(order_in("new"), "triaged", actor="a", at="2026-05-14 09:00")
    with pytest.raises(CddpError, match="'abc' is not a SHA-256 photo hash"):
        workorders.transition(order, "assigned", actor="a", at=EVENT_AT, photo_hashes=["abc"])
    with pytest.raises(CddpError, match="'yesterday' in at is not a date and time"):
        workorders.transition(order, "assigned", actor="a", at="yesterday")
    with pytest.raises(CddpError, match="the field 'status' cannot be changed here"):
        workorders.transition(order, "assigned", actor="a", at=EVENT_AT, changes={"status": "closed"})
    with pytest.raises(CddpError, match="the field 'completed_at' cannot be changed here"):
        workorders.transition(order, "assigned", actor="a", at=EVENT_AT, changes={"completed_at": EVENT_AT})
    with pytest.raises(CddpError, match="category 'pothole' is not one of road, footpath"):
        workorders.transition(order, "assigned", actor="a", at=EVENT_AT, changes={"category": "pothole"})
    with pytest.raises(CddpError, match="priority 'P5' is not one of P1, P2, P3, P4"):
        workorders.transition(order, "assigned", actor="a", at=EVENT_AT, changes={"priority": "P5"})
    unassigned = order | {"team": None, "assignee": ""}
    with pytest.raises(CddpError, match="to assign it, give a team or an assignee"):
        workorders.transition(unassigned, "assigned", actor="a", at=EVENT_AT)
    assigned, _ = workorders.transition(
        unassigned, "assigned", actor="a", at=EVENT_AT, changes={"assignee": "นายช่าง ก"}
    )
    assert assigned["assignee"] == "นายช่าง ก"
    no_uuid = order | {"uuid": None}
    with pytest.raises(CddpError, match="has no uuid"):
        workorders.transition(no_uuid, "assigned", actor="a", at=EVENT_AT)


def test_photo_hashes_are_normalised_and_file_hash_is_sha256(tmp_path):
    _, event = workorders.transition(
        order_in("in_progress"), "completed", actor="a", at=EVENT_AT, photo_hashes=[HASH_B.upper(), HASH_A, HASH_B]
    )
    assert workorders.photo_hashes_of(event) == [HASH_B, HASH_A]
    photo = tmp_path / "after.jpg"
    photo.write_bytes(b"\xff\xd8\xff" + bytes(range(256)) * 5000)
    assert photos.sha256_file(photo, chunk=1000) == hashlib.sha256(photo.read_bytes()).hexdigest()
    assert photos.sha256_file(photo) == photos.sha256_file(photo, chunk=7)


def test_notes_and_titles_are_scrubbed_of_contact_details():
    order, event = workorders.new_work_order(
        title="ท่อตัน ผู้แจ้งโทร 081-234-5678", created_by="a", created_at=CREATED, note="ไลน์ somchai_77"
    )
    assert "081" not in order["title"] and "[ลบข้อมูลติดต่อ]" in order["title"]
    assert "somchai_77" not in order["note"] and "somchai_77" not in event["note"]
    _, ev = workorders.transition(order, "triaged", actor="a", at=EVENT_AT, note="โทรหาผู้แจ้ง 0898765432 แล้ว")
    assert ev["note"] == "โทรหาผู้แจ้ง [ลบข้อมูลติดต่อ] แล้ว"


def test_transition_accepts_a_dataclass():
    from dataclasses import dataclass

    @dataclass
    class Order:
        uuid: str
        wo_number: str
        status: str
        created_at: str

    updated, event = workorders.transition(
        Order("u-1", "WO-2569-00001", "new", CREATED), "triaged", actor="a", at=EVENT_AT
    )
    assert updated["status"] == "triaged" and event["work_order_uuid"] == "u-1"


# --- SLA and due times -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("created", "priority", "holidays", "due"),
    [
        # P1: 4 calendar hours, across midnight (Fri 22:00 Bangkok → Sat 02:00)
        ("2026-05-15 22:00", "P1", (), "2026-05-15T19:00:00.000Z"),
        # P2: 24 calendar hours, weekends count (Fri 10:00 → Sat 10:00)
        ("2026-05-15 10:00", "P2", (), "2026-05-16T03:00:00.000Z"),
        # P3: 5 working days, same clock time: Fri → next Fri; Wed → next Wed over a weekend
        ("2026-05-15 10:00", "P3", (), "2026-05-22T03:00:00.000Z"),
        ("2026-05-13 10:00", "P3", (), "2026-05-20T03:00:00.000Z"),
        # created on Saturday: counting starts Monday → Friday
        ("2026-05-16 10:00", "P3", (), "2026-05-22T03:00:00.000Z"),
        # 23:30 Friday in Bangkok is still Friday; 00:30 Saturday in Bangkok is Saturday (UTC dates differ)
        ("2026-05-15T16:30:00Z", "P3", (), "2026-05-22T16:30:00.000Z"),
        ("2026-05-15T17:30:00Z", "P3", (), "2026-05-21T17:30:00.000Z"),
        # Songkran 13–15 April 2026 (Mon–Wed) as holidays, as dates or BE text
        ("2026-04-10 16:00", "P3", (), "2026-04-17T09:00:00.000Z"),
        ("2026-04-10 16:00", "P3", (dt.date(2026, 4, 13), "2026-04-14", "2569-04-15"), "2026-04-22T09:00:00.000Z"),
        # P4: 20 working days, Mon 4 May → Mon 1 June
        ("2026-05-04 09:00", "P4", (), "2026-06-01T02:00:00.000Z"),
        # across the new year with 1 January a holiday: Thu 31 Dec → Fri 8 Jan
        ("2026-12-31 10:00", "P3", ("2027-01-01",), "2027-01-08T03:00:00.000Z"),
    ],
)
def test_due_times(created, priority, holidays, due):
    assert sla.due_time(created, priority, holidays=holidays) == due


def test_sla_defaults_and_configuration():
    assert {p: str(t) for p, t in sla.DEFAULT_SLA.items()} == {
        "P1": "4h",
        "P2": "24h",
        "P3": "5wd",
        "P4": "20wd",
    }
    targets = sla.sla_targets({"P1": 2, "P2": "8 h", "P3": "3wd", "P4": {"working_days": 10}})
    assert targets["P1"] == sla.SlaTarget(hours=2)
    assert targets["P2"] == sla.SlaTarget(hours=8)
    assert targets["P3"] == sla.SlaTarget(working_days=3)
    assert targets["P4"] == sla.SlaTarget(working_days=10)
    assert sla.SlaTarget.parse("๕ วันทำการ") == sla.SlaTarget(working_days=5)
    assert sla.due_time("2026-05-15 10:00", "P3", sla={"P3": "3wd"}) == "2026-05-20T03:00:00.000Z"
    assert sla.due_time("2026-05-15 10:00", "P1", sla={"P1": 1.5}) == "2026-05-15T04:30:00.000Z"
    with pytest.raises(CddpError, match="'P0' is not a priority"):
        sla.sla_targets({"P0": 1})
    with pytest.raises(CddpError, match="SLA setting for P3: 'soon' is not a target"):
        sla.sla_targets({"P3": "soon"})
    with pytest.raises(CddpError, match=r"SLA setting for P3: '2\.5wd' is not a target"):
        sla.sla_targets({"P3": "2.5wd"})
    with pytest.raises(CddpError, match="'P9' is not a priority; expected one of P1, P2, P3, P4"):
        sla.due_time(CREATED, "P9")
    with pytest.raises(CddpError, match="Holiday '13/04' is not a date"):
        sla.due_time(CREATED, "P3", holidays=["13/04"])


def test_sla_and_holidays_as_text():
    targets = sla.parse_sla_text("p1 = 2h; P3=๓ วันทำการ\nP4: 10wd")
    assert sla.sla_text(targets) == "P1=2h, P2=24h, P3=3wd, P4=10wd"  # P2 keeps its default
    assert sla.parse_sla_text(sla.sla_text(targets)) == targets
    assert sla.parse_sla_text("") == sla.DEFAULT_SLA
    with pytest.raises(CddpError, match="SLA setting 'P1 4h' is not of the form P1=4h"):
        sla.parse_sla_text("P1 4h")
    with pytest.raises(CddpError, match="'P5' is not a priority"):
        sla.parse_sla_text("P5=1h")
    days = sla.parse_holidays_text("2569-04-13, 2026-04-14;๒๕๖๙-๐๔-๑๕\n")
    assert sla.holidays_text(days) == "2026-04-13, 2026-04-14, 2026-04-15"
    with pytest.raises(CddpError, match="Holiday '13/04/2569' is not a date"):
        sla.parse_holidays_text("2026-04-12 13/04/2569")


def test_sla_state():
    p1 = {"status": "assigned", "created_at": "2026-05-15T03:00:00Z", "due_at": "2026-05-15T07:00:00Z"}
    assert sla.sla_state(p1, "2026-05-15T05:00:00Z") == "on_time"
    assert sla.sla_state(p1, "2026-05-15T06:00:00Z") == "due_soon"  # 1 h of 4 h left
    assert sla.sla_state(p1, "2026-05-15T07:00:00Z") == "due_soon"  # due exactly now
    assert sla.sla_state(p1, "2026-05-15T07:00:01Z") == "overdue"
    assert sla.sla_state(p1, "2026-05-15 13:30") == "due_soon"  # Bangkok time 06:30 UTC
    assert sla.sla_state(p1, "2026-05-15T06:00:00Z", due_soon_fraction=0.1) == "on_time"
    done_in_time = p1 | {"status": "completed", "completed_at": "2026-05-15T06:59:00Z"}
    assert sla.sla_state(done_in_time, "2026-06-01T00:00:00Z") == "on_time"  # the clock stopped
    done_late = p1 | {"status": "closed", "completed_at": "2026-05-15T08:00:00Z", "closed_at": "2026-05-16T08:00:00Z"}
    assert sla.sla_state(done_late, "2026-05-15T06:00:00Z") == "overdue"
    assert sla.sla_state(p1 | {"status": "cancelled"}, "2026-05-15T08:00:00Z") is None
    assert sla.sla_state(p1 | {"due_at": None}, "2026-05-15T08:00:00Z") is None
    on_hold = p1 | {"status": "on_hold"}
    assert sla.sla_state(on_hold, "2026-05-15T08:00:00Z") == "overdue"  # the clock does not pause


# --- numbers -----------------------------------------------------------------------------------


def test_numbers():
    existing = ["WO-2569-00041", "WO-2569-00007", "WO-2568-00950", "ไม่มีเลข", None, "WO-๒๕๖๙-๐๐๐๓๙", "wo-2569-00040"]
    assert workorders.next_wo_number(existing, "2026-05-15 10:00") == "WO-2569-00042"
    assert workorders.next_wo_number([], "2026-05-15 10:00") == "WO-2569-00001"
    assert workorders.next_wo_number(["WO-2569-99999"], "2026-05-15 10:00") == "WO-2569-100000"
    assert workorders.parse_wo_number("WO-2569-00042") == (2569, 42)
    assert workorders.parse_wo_number("WO-69-42") is None


def test_number_year_follows_bangkok_time_at_new_year():
    existing = ["WO-2569-00041"]
    assert workorders.next_wo_number(existing, "2026-12-31T16:59:59Z") == "WO-2569-00042"  # 23:59:59 in Bangkok
    assert workorders.next_wo_number(existing, "2026-12-31T17:00:00Z") == "WO-2570-00001"  # 00:00 on 1 Jan 2027
    assert workorders.next_wo_number([*existing, "WO-2570-00003"], "2027-01-02 08:00") == "WO-2570-00004"


def test_new_work_order():
    order, event = workorders.new_work_order(
        title="ถนนเป็นหลุมหน้าโรงเรียน",
        created_by="ธุรการ",
        existing_numbers=["WO-2569-00041"],
        category="road",
        priority="P2",
        source="traffy",
        created_at="2026-05-15 10:00",
        asset_layer="road_sections",
        asset_uuid="6f1c…",
        lon=100.53,
        lat=13.74,
    )
    assert order["wo_number"] == "WO-2569-00042"
    assert order["status"] == "new"
    assert order["created_at"] == "2026-05-15T03:00:00.000Z"
    assert order["due_at"] == "2026-05-16T03:00:00.000Z"
    assert order["asset_layer"] == "road_sections" and order["lon"] == 100.53
    assert uuid.UUID(order["uuid"])
    assert (event["from_status"], event["to_status"], event["actor"]) == (None, "new", "ธุรการ")
    assert event["event_at"] == order["created_at"]
    assert set(order) - {"lon", "lat"} <= {f.name for f in schema.LAYERS_BY_NAME["work_orders"].all_fields}
    with pytest.raises(CddpError, match="category 'pothole' is not one of"):
        workorders.new_work_order(title="x", created_by="a", category="pothole")
    with pytest.raises(CddpError, match="source 'fax' is not one of"):
        workorders.new_work_order(title="x", created_by="a", source="fax")
    with pytest.raises(CddpError, match="needs a title"):
        workorders.new_work_order(title=" ", created_by="a")
    with pytest.raises(CddpError, match="the field 'wo_number' cannot be changed here"):
        workorders.new_work_order(title="x", created_by="a", wo_number="WO-1")


def test_work_order_from_complaint_never_copies_the_complainants_text():
    complaint = {
        "source": "traffy",
        "external_id": "2026-B9WGC7",
        "category": "lighting",
        "description": "ไฟดับ ติดต่อ 081-234-5678 คุณสมศรี",
        "lon": 100.52853,
        "lat": 13.73921,
        "asset_layer": "streetlights",
        "asset_uuid": "a1",
    }
    order, event = workorders.work_order_from_complaint(
        complaint, created_by="ธุรการ", existing_numbers=[], created_at="2026-05-15 10:00", priority="P2"
    )
    assert order["title"] == "ไฟฟ้าแสงสว่าง (traffy 2026-B9WGC7)"
    assert (order["category"], order["source"], order["priority"]) == ("lighting", "traffy", "P2")
    assert (order["lon"], order["lat"], order["asset_layer"], order["asset_uuid"]) == (
        100.52853,
        13.73921,
        "streetlights",
        "a1",
    )
    assert "สมศรี" not in json.dumps([order, event], ensure_ascii=False)
