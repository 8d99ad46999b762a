"""The values a work-order change writes, decided once in the core (works.jobs.plan_work_order_change,
workorders.note_event, workorders.missing_inputs) for both the headless change_work_order and the
Work orders dock; checked on plain dicts and against a real workspace GeoPackage."""

from __future__ import annotations

import json
import sqlite3

import pytest
from shapely.geometry import Point

from cddp_plugin.core.common.errors import CddpError
from cddp_plugin.core.works import jobs as works_jobs
from cddp_plugin.core.works import workorders
from cddp_plugin.core.workspace import gpkg

T0 = "2026-11-20T03:00:00.000Z"
SHA = "ab" * 32


def order_in(status: str, **changes) -> dict:
    """A stored-looking order (every work_orders field) walked to ``status``."""
    order, _event = workorders.new_work_order(
        title="ถนนชำรุด หมู่ 2", created_by="seed", created_at=T0, category="road", priority="P3"
    )
    path = {
        "new": [],
        "triaged": ["triaged"],
        "assigned": ["triaged", "assigned"],
        "in_progress": ["triaged", "assigned", "in_progress"],
        "completed": ["triaged", "assigned", "in_progress", "completed"],
    }[status]
    for i, step in enumerate(path):
        extra = {"changes": {"team": "ทีมถนน"}} if step == "assigned" else {}
        order, _event = workorders.transition(order, step, actor="seed", at=f"2026-11-20T0{4 + i}:00:00Z", **extra)
    order.update(changes)
    return order


# --- the rules a form asks for ---------------------------------------------------------------------


def test_needs_note_agrees_with_transition_for_every_allowed_step():
    for from_status, nexts in workorders.TRANSITIONS.items():
        for to_status in nexts:
            current = {"uuid": "u", "wo_number": "WO-2569-00001", "status": from_status, "team": "ทีม"}
            try:
                workorders.transition(current, to_status, actor="a")
                refused = False
            except CddpError as exc:
                assert "needs a note" in str(exc)
                refused = True
            assert refused == workorders.needs_note(from_status, to_status), (from_status, to_status)
            assert workorders.is_rework(from_status, to_status) == (
                (from_status, to_status) == ("completed", "in_progress")
            )


def test_missing_inputs_names_the_note_and_the_team():
    triaged = order_in("triaged")
    assert workorders.missing_inputs(triaged, "assigned") == ("team",)
    assert workorders.missing_inputs(triaged, "assigned", changes={"team": "ทีมไฟฟ้า"}) == ()
    assert workorders.missing_inputs(triaged, "assigned", changes={"assignee": "นาย ก"}) == ()
    assert workorders.missing_inputs({**triaged, "team": "ทีมถนน"}, "assigned") == ()
    assert workorders.missing_inputs(triaged, "cancelled") == ("note",)
    assert workorders.missing_inputs(triaged, "cancelled", note="   ") == ("note",)
    assert workorders.missing_inputs(triaged, "cancelled", note="ซ้ำ") == ()
    assert workorders.missing_inputs(order_in("completed"), "in_progress") == ("note",)
    assert workorders.missing_inputs(order_in("completed"), "verified") == ()


# --- one status change -----------------------------------------------------------------------------


def test_plan_gives_the_changed_fields_the_event_and_the_complaints():
    current = order_in("in_progress")
    before = dict(current)
    complaints = [
        {"_fid": 1, "external_id": "A", "status": "inprogress"},
        {"_fid": 2, "external_id": "B", "status": "cancelled"},  # the channel closed it: never changed
        {"_fid": 3, "external_id": "C", "status": "finish"},  # already finished
    ]
    change = works_jobs.plan_work_order_change(
        current, "completed", "ช่างสมศักดิ์", complaints=complaints, at="2026-11-21 15:30",
        note="ปะหลุมแล้ว โทร 081-234-5678", photo_hashes=[SHA],
    )  # fmt: skip
    assert current == before  # the input is not touched
    assert change.changed == {
        "status": "completed",
        "completed_at": "2026-11-21T08:30:00.000Z",
        "updated_by": "ช่างสมศักดิ์",
    }
    assert change.order == {**current, **change.changed}
    event = change.event
    assert (event["work_order_uuid"], event["from_status"], event["to_status"]) == (
        current["uuid"], "in_progress", "completed")  # fmt: skip
    assert event["note"] == "ปะหลุมแล้ว โทร [ลบข้อมูลติดต่อ]" and json.loads(event["photo_hashes"]) == [SHA]
    assert [(c["_fid"], new) for c, new in change.complaints] == [(1, "finish")]
    assert not change.complaints_kept


def test_plan_for_cancel_keeps_the_complaints_and_says_so():
    current = order_in("assigned")
    change = works_jobs.plan_work_order_change(
        current, "cancelled", "a", complaints=[{"status": "inprogress"}], note="การไฟฟ้ารับไป"
    )
    assert change.complaints == [] and change.complaints_kept
    assert change.changed["status"] == "cancelled" and change.changed["closed_at"]
    alone = works_jobs.plan_work_order_change(current, "cancelled", "a", note="การไฟฟ้ารับไป")
    assert not alone.complaints_kept  # no complaint to tell


def test_plan_assigns_with_the_team_and_recomputes_nothing_else():
    change = works_jobs.plan_work_order_change(
        order_in("triaged"), "assigned", "a", at="2026-11-20 12:00", changes={"team": "ทีมไฟฟ้า"}
    )
    assert set(change.changed) == {"status", "team", "assigned_at", "updated_by"}


def test_plan_refuses_what_the_lifecycle_refuses():
    with pytest.raises(CddpError, match="cannot change status from new to completed"):
        works_jobs.plan_work_order_change(order_in("new"), "completed", "a")
    with pytest.raises(CddpError, match="needs a note saying why"):
        works_jobs.plan_work_order_change(order_in("completed"), "in_progress", "a")
    with pytest.raises(CddpError, match="give a team or an assignee"):
        works_jobs.plan_work_order_change(order_in("triaged"), "assigned", "a")


# --- a note without a status change --------------------------------------------------------------


def test_note_event_keeps_the_status_and_scrubs_the_note():
    current = order_in("in_progress")
    event = workorders.note_event(current, actor="ช่าง", note=" ภาพก่อนซ่อม โทร 081-234-5678 ", at=T0)
    assert event["from_status"] == event["to_status"] == "in_progress"
    assert event["work_order_uuid"] == current["uuid"] and event["actor"] == "ช่าง"
    assert event["note"] == "ภาพก่อนซ่อม โทร [ลบข้อมูลติดต่อ]" and event["photo_hashes"] is None
    assert event["event_at"] == T0 and event["uuid"]
    photos_only = workorders.note_event(current, actor="ช่าง", photo_hashes=[SHA.upper(), SHA])
    assert photos_only["note"] is None and json.loads(photos_only["photo_hashes"]) == [SHA]
    with pytest.raises(CddpError, match="a note needs a text or photos"):
        workorders.note_event(current, actor="ช่าง", note="  ")
    with pytest.raises(CddpError, match="who made the change is missing"):
        workorders.note_event(current, actor="", note="x")
    with pytest.raises(CddpError, match="not a SHA-256 photo hash"):
        workorders.note_event(current, actor="ช่าง", photo_hashes=["abc"])


# --- the same values as change_work_order writes ------------------------------------------------------


def _insert(con, table, record, geom=None):
    record = {k: v for k, v in record.items() if k not in ("lon", "lat")}
    cols, values = list(record), list(record.values())
    if geom is not None:
        cols.append("geom")
        values.append(gpkg.to_blob(geom, gpkg.srs_id(con, table)))
    con.execute(f'INSERT INTO "{table}" ({", ".join(cols)}) VALUES ({", ".join("?" * len(cols))})', values)


def test_plan_matches_what_change_work_order_writes(core_workspace):
    ws = core_workspace.path
    order = order_in("in_progress")
    con = gpkg.connect(ws)
    with con:
        _insert(con, "work_orders", order, Point(480_000, 1_660_000))
        for ext, status in (("T-1", "inprogress"), ("T-2", "finish")):
            _insert(con, "complaints", {"uuid": f"cp-{ext}", "source": "traffy", "external_id": ext,
                                        "category": "road", "status": status, "reported_at": T0,
                                        "work_order_uuid": order["uuid"]}, Point(480_010, 1_660_000))  # fmt: skip
    con.row_factory = sqlite3.Row
    stored = {k: v for k, v in dict(con.execute("SELECT * FROM work_orders").fetchone()).items() if k != "geom"}
    linked = [dict(r) for r in con.execute("SELECT fid, external_id, status FROM complaints ORDER BY fid")]
    con.close()

    plan = works_jobs.plan_work_order_change(
        {k: v for k, v in stored.items() if k != "fid"}, "completed", "ช่าง", complaints=linked, at="2026-11-21 15:30"
    )
    report = works_jobs.change_work_order(ws, order["wo_number"], "completed", "ช่าง", at="2026-11-21 15:30")
    assert report.complaints == [(c["external_id"], c["status"], new) for c, new in plan.complaints]
    assert report.complaints == [("T-1", "inprogress", "finish")]
    con = sqlite3.connect(ws)
    con.row_factory = sqlite3.Row
    after = dict(con.execute("SELECT * FROM work_orders").fetchone())
    for name, value in plan.changed.items():
        assert after[name] == value, name
    event = dict(con.execute("SELECT * FROM work_order_events").fetchone())
    con.close()
    for name in ("work_order_uuid", "from_status", "to_status", "actor", "event_at", "note", "photo_hashes"):
        assert event[name] == plan.event[name] == report.event[name], name
