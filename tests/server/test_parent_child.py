"""A child whose parent was deleted is a conflict (SYNC.md "Conflicts per field"), in both orders, over real HTTP on
both stores: a child pushed after its parent's delete gets `conflict` / `parent_deleted` with the parent's tombstone;
a parent's delete pushed after another client's child edit gets `conflict` / `has_children` (the server never cascades
and never makes orphans); the append-only history and optional links are the documented exceptions."""

from __future__ import annotations

import uuid

import shapely

from .helpers import delete, insert, pull_all, push, update


def _results(r) -> list[dict]:
    assert r.status_code == 200, r.text
    return r.json()["results"]


def _one(r) -> dict:
    (res,) = _results(r)
    return res


def test_a_child_pushed_after_its_parent_was_deleted_is_a_conflict_with_the_parents_tombstone(clients):
    a, b = clients["reg1"], clients["admin1"]  # two devices of the registry
    hh = insert("households", {"house_no": "15/2", "village_no": 7})
    old = insert("residents", {"household_uuid": hh["uuid"], "pseudo_id": "R-15-1"})
    v_hh, v_old = (x["version"] for x in _results(push(a, [hh, old])))
    # device A removes the household with its resident (children first, in the same push)
    gone = _results(push(a, [delete("residents", old["uuid"], v_old), delete("households", hh["uuid"], v_hh)]))
    assert [x["status"] for x in gone] == ["applied", "applied"]
    _, before, _ = pull_all(b)
    # device B, which had not synced, adds a new resident to that household
    new = insert("residents", {"household_uuid": hh["uuid"], "pseudo_id": "R-15-2", "dependency": "homebound"})
    r = _one(push(b, [new]))
    assert r["status"] == "conflict" and r["code"] == "parent_deleted" and r["conflict_id"]
    assert r["fields"] == ["household_uuid"] and "households" in r["reason"] and hh["uuid"] in r["reason"]
    rec = r["server_record"]
    assert rec["layer"] == "households" and rec["uuid"] == hh["uuid"] and rec["deleted"] is True
    assert rec["version"] == gone[1]["version"]
    # the server kept its state: nothing entered the feed; the conflict keeps B's edit and the tombstone
    assert pull_all(b, since=before)[0] == []
    listed = {c["conflict_id"]: c for c in b.get("conflicts").json()}[r["conflict_id"]]
    assert listed["layer"] == "residents" and listed["uuid"] == new["uuid"]
    assert listed["change"]["values"]["pseudo_id"] == "R-15-2" and listed["server_record"]["deleted"] is True
    # moving a live resident into the deleted household is the same conflict
    hh2 = insert("households", {"house_no": "15/3", "village_no": 7})
    mover = insert("residents", {"household_uuid": hh2["uuid"], "pseudo_id": "R-15-3"})
    v_mover = _results(push(b, [hh2, mover]))[1]["version"]
    moved = _one(push(b, [update("residents", mover["uuid"], v_mover, {"household_uuid": hh["uuid"]})]))
    assert moved["status"] == "conflict" and moved["code"] == "parent_deleted" and moved["version"] == v_mover
    # a child of a live household still applies
    assert _one(push(b, [insert("residents", {"household_uuid": hh2["uuid"], "pseudo_id": "R-15-4"})]))["status"] == (
        "applied"
    )


def test_an_inspection_of_a_deleted_section_and_an_event_of_a_deleted_work_order_are_conflicts(clients):
    gis, insp = clients["gis1"], clients["insp1"]
    road = insert("roads", {"name_th": "ถนนทดสอบ"}, shapely.MultiLineString([[(0, 0), (100, 0)]]))
    sec = insert("road_sections", {"road_uuid": road["uuid"]}, shapely.LineString([(0, 0), (100, 0)]))
    _, v_sec = (x["version"] for x in _results(push(gis, [road, sec])))
    assert _one(push(gis, [delete("road_sections", sec["uuid"], v_sec)]))["status"] == "applied"
    ins = insert("road_inspections", {"section_uuid": sec["uuid"], "inspected_on": "2026-02-03", "paser": 4})
    r = _one(push(insp, [ins]))
    assert (
        r["status"] == "conflict" and r["code"] == "parent_deleted" and r["server_record"]["layer"] == "road_sections"
    )
    # a work order may be deleted although it has history (append-only events stay); a new event is a conflict
    wo = insert("work_orders", {"wo_number": f"WO-{uuid.uuid4().hex[:6]}", "status": "new"})
    ev = insert("work_order_events", {"work_order_uuid": wo["uuid"], "event_at": "2026-02-03T09:00:00+07:00",
                                      "to_status": "new"})  # fmt: skip
    v_wo, _ = (x["version"] for x in _results(push(insp, [wo, ev])))
    assert _one(push(insp, [delete("work_orders", wo["uuid"], v_wo)]))["status"] == "applied"
    late = insert("work_order_events", {"work_order_uuid": wo["uuid"], "event_at": "2026-02-03T10:00:00+07:00",
                                        "to_status": "assigned"})  # fmt: skip
    r = _one(push(insp, [late]))
    assert r["status"] == "conflict" and r["code"] == "parent_deleted" and r["server_record"]["uuid"] == wo["uuid"]


def test_optional_links_a_lamps_road_may_be_deleted_only_setting_the_link_to_it_conflicts(clients):
    gis = clients["gis1"]
    road = insert("roads", {"name_th": "ซอยทดสอบ"}, shapely.MultiLineString([[(0, 0), (50, 0)]]))
    lamp = insert("streetlights", {"ref": f"L-{uuid.uuid4().hex[:6]}", "status": "working", "road_uuid": road["uuid"]})
    other = insert("streetlights", {"ref": f"L-{uuid.uuid4().hex[:6]}", "status": "working"})
    v_road, v_lamp, v_other = (x["version"] for x in _results(push(gis, [road, lamp, other])))
    assert _one(push(gis, [delete("roads", road["uuid"], v_road)]))["status"] == "applied"  # a link, not a part
    assert _one(push(gis, [update("streetlights", lamp["uuid"], v_lamp, {"status": "out"})]))["status"] == "applied"
    r = _one(push(gis, [update("streetlights", other["uuid"], v_other, {"road_uuid": road["uuid"]})]))
    assert r["status"] == "conflict" and r["code"] == "parent_deleted" and r["fields"] == ["road_uuid"]


def test_a_parent_deleted_after_another_clients_child_edit_is_a_conflict_and_nothing_is_cascaded(clients):
    a, b = clients["reg1"], clients["admin1"]
    hh = insert("households", {"house_no": "21/1", "village_no": 3})
    kid = insert("residents", {"household_uuid": hh["uuid"], "pseudo_id": "R-21-1"})
    v_hh, v_kid = (x["version"] for x in _results(push(a, [hh, kid])))
    # device B edits the resident; device A, on the older base, deletes the household
    edited = _one(push(b, [update("residents", kid["uuid"], v_kid, {"dependency": "bedridden"})]))
    assert edited["status"] == "applied"
    r = _one(push(a, [delete("households", hh["uuid"], v_hh)]))
    assert r["status"] == "conflict" and r["code"] == "has_children" and r["version"] == v_hh
    rec = r["server_record"]
    assert rec["deleted"] is False and rec["uuid"] == hh["uuid"]
    assert rec["children"] == [{"layer": "residents", "uuid": kid["uuid"], "version": edited["version"]}]
    # A deleting the resident too, on its old base, in the same push: the resident's own delete vs update conflict,
    # so the household keeps its child and its delete conflicts again; both stay on the server, nothing cascaded
    both = _results(push(a, [delete("residents", kid["uuid"], v_kid), delete("households", hh["uuid"], v_hh)]))
    assert [x["status"] for x in both] == ["conflict", "conflict"] and both[1]["code"] == "has_children"
    snap = {f["uuid"]: f for f in a.get("layers/residents/snapshot", params={"limit": 1000}).json()["features"]}
    assert snap[kid["uuid"]]["values"]["dependency"] == "bedridden"  # B's edit is kept
    # once A has pulled B's edit, deleting the resident and then the household in one push applies
    res = _results(
        push(a, [delete("residents", kid["uuid"], edited["version"]), delete("households", hh["uuid"], v_hh)])
    )
    assert [x["status"] for x in res] == ["applied", "applied"]
