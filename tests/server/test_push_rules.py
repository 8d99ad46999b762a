"""The sync rules of SYNC.md over real HTTP: applied, duplicate, idempotency, per-field merge and
conflicts, update vs delete in both orders, append-only history, rejected changes, atomic batches."""

from __future__ import annotations

import uuid

from .helpers import delete, insert, prueyai_parcels, pull_all, push, update


def _one(r) -> dict:
    assert r.status_code == 200, r.text
    (res,) = r.json()["results"]
    return res


def test_real_parcels_push_applied_and_pull_in_order_with_cursor_paging(clients):
    gis = clients["gis1"]
    _, start, _ = pull_all(gis)
    batch = [insert("parcels", v, g) for v, g in prueyai_parcels()]
    r = push(gis, batch)
    assert r.status_code == 200, r.text
    results = r.json()["results"]
    assert [x["status"] for x in results] == ["applied"] * len(batch)
    versions = [x["version"] for x in results]
    assert versions == list(range(start + 1, start + 1 + len(batch)))  # one seq each, in order, no gap
    got, cursor, pages = pull_all(gis, since=start, limit=7)
    assert [c["change_id"] for c in got] == [c["change_id"] for c in batch]
    assert [c["seq"] for c in got] == versions
    assert pages == -(-len(batch) // 7) and cursor == versions[-1]
    assert got[0]["geom"]["srid"] == 32648 and got[0]["values"]["parcel_code"] == batch[0]["values"]["parcel_code"]
    # nothing new: an empty page, the same cursor, has_more false; the ETag makes it a 304
    r = gis.get("changes", params={"since": cursor})
    assert r.json() == {"changes": [], "next_cursor": cursor, "has_more": False}
    assert gis.get("changes", params={"since": cursor}, headers={"If-None-Match": r.headers["etag"]}).status_code == 304


def test_duplicate_change_id_gets_the_first_result_and_idempotency_key_the_stored_answer(clients):
    gis = clients["gis1"]
    v, g = prueyai_parcels()[0]
    change = insert("parcels", dict(v, note="dup test"), g)
    first = _one(push(gis, [change]))
    assert first["status"] == "applied"
    again = _one(push(gis, [change]))
    assert again["status"] == "duplicate" and again["version"] == first["version"]
    assert again["first"]["status"] == "applied"
    got, _, _ = pull_all(gis)
    assert sum(c["change_id"] == change["change_id"] for c in got) == 1  # applied once
    key = uuid.uuid4().hex
    body = [insert("villages", {"village_no": 5, "name_th": "บ้านปรือใหญ่"})]
    a = push(gis, body, key)
    b = push(gis, body, key)
    assert a.status_code == b.status_code == 200 and a.json() == b.json()
    assert a.json()["results"][0]["status"] == "applied" and b.headers.get("idempotent-replayed") == "true"
    c = push(gis, [insert("villages", {"village_no": 6})], key)
    assert c.status_code == 409 and "Idempotency-Key" in c.json()["detail"]


def test_two_clients_different_fields_merge_same_field_conflicts_same_value_does_not(clients):
    a, b = clients["gis1"], clients["gis2"]
    v, g = prueyai_parcels()[1]
    ins = insert("parcels", v, g)
    base = _one(push(a, [ins]))["version"]
    fid = ins["uuid"]
    r1 = _one(push(a, [update("parcels", fid, base, {"note": "จากเครื่อง A"})]))
    assert r1["status"] == "applied"
    r2 = _one(push(b, [update("parcels", fid, base, {"doc_no": "1234"})]))  # other field, same base
    assert r2["status"] == "merged" and r2["version"] > r1["version"]
    r3 = _one(push(b, [update("parcels", fid, base, {"note": "จากเครื่อง A"})]))  # same field, same value
    # no conflict and nothing written; "merged", not "applied": doc_no moved since this base, so the client does
    # not have the record of the version it is given until it pulls
    assert r3["status"] == "merged" and r3["version"] == r2["version"]
    r3b = _one(push(b, [update("parcels", fid, r2["version"], {"note": "จากเครื่อง A"})]))  # same value, current base
    assert r3b["status"] == "applied" and r3b["version"] == r2["version"]
    r4 = _one(push(b, [update("parcels", fid, base, {"note": "จากเครื่อง B"})]))  # same field, other value
    assert r4["status"] == "conflict" and r4["fields"] == ["note"] and r4["conflict_id"]
    assert r4["server_record"]["values"]["note"] == "จากเครื่อง A"
    assert r4["server_record"]["values"]["doc_no"] == "1234"
    # the server kept its state; the conflict is listed and can be dismissed
    listed = {c["conflict_id"]: c for c in a.get("conflicts").json()}
    assert listed[r4["conflict_id"]]["change"]["values"] == {"note": "จากเครื่อง B"}
    # paged, oldest first: every conflict is reachable however many there are
    everything = [c["conflict_id"] for c in a.get("conflicts", params={"status": "all"}).json()]
    paged = [c["conflict_id"] for k in range(len(everything))
             for c in a.get("conflicts", params={"status": "all", "offset": k, "limit": 1}).json()]  # fmt: skip
    assert paged == everything and r4["conflict_id"] in paged
    assert a.post(f"conflicts/{r4['conflict_id']}/dismiss").json()["status"] == "dismissed"
    assert r4["conflict_id"] not in {c["conflict_id"] for c in a.get("conflicts").json()}
    # geometry and area belong together: a geometry edit conflicts with an area edit made since base
    v2 = _one(push(a, [update("parcels", fid, r2["version"], {"area_sqm": 999.0})]))["version"]
    moved = _one(push(b, [update("parcels", fid, r2["version"], {}, g.buffer(1))]))
    assert moved["status"] == "conflict" and moved["fields"] == ["geom"] and v2 == moved["version"]


def test_update_vs_delete_and_delete_vs_update_conflict_in_both_orders(clients):
    a, b = clients["gis1"], clients["gis2"]
    for first_op in ("update", "delete"):
        ins = insert("streetlights", {"ref": f"PY-{first_op}", "status": "working"})
        base = _one(push(a, [ins]))["version"]
        if first_op == "update":
            assert _one(push(a, [update("streetlights", ins["uuid"], base, {"status": "out"})]))["status"] == "applied"
            r = _one(push(b, [delete("streetlights", ins["uuid"], base)]))
            assert r["status"] == "conflict" and r["fields"] == ["status"]
            assert r["server_record"]["deleted"] is False
        else:
            assert _one(push(a, [delete("streetlights", ins["uuid"], base)]))["status"] == "applied"
            r = _one(push(b, [update("streetlights", ins["uuid"], base, {"status": "out"})]))
            assert r["status"] == "conflict" and r["server_record"]["deleted"] is True


def test_work_order_history_is_append_only(clients):
    insp = clients["insp1"]
    wo = insert("work_orders", {"wo_number": "WO-2569-0001", "status": "new"})
    ev = insert("work_order_events", {"work_order_uuid": wo["uuid"], "event_at": "2026-01-31T08:00:00+07:00",
                                      "to_status": "new"})  # fmt: skip
    r = push(insp, [wo, ev]).json()["results"]
    assert [x["status"] for x in r] == ["applied", "applied"]
    up = _one(push(insp, [update("work_order_events", ev["uuid"], r[1]["version"], {"note": "แก้"})]))
    de = _one(push(insp, [delete("work_order_events", ev["uuid"], r[1]["version"])]))
    assert up["status"] == de["status"] == "rejected" and up["code"] == de["code"] == "append_only"
    got, _, _ = pull_all(insp)
    event = next(c for c in got if c["uuid"] == ev["uuid"])
    assert event["values"]["event_at"] == "2026-01-31T01:00:00.000Z"  # canonical UTC


def test_bad_changes_are_rejected_with_a_reason_and_nothing_of_them_is_written(clients):
    gis = clients["gis1"]
    _, before, _ = pull_all(gis)
    v, g = prueyai_parcels()[2]
    ok = insert("parcels", v, g)
    bad = [
        (insert("nosuchlayer", {}), "unknown_layer"),
        (insert("parcels", {"parcel_code": "X", "no_such_field": 1}), "unknown_field"),
        (insert("parcels", {"parcel_code": "X", "area_sqm": "big"}), "wrong_type"),
        (insert("parcels", {"doc_type": "deed"}), "not_in_list"),
        (insert("parcels", {"area_ngan": 7}), "out_of_range"),
        (insert("parcels", {"parcel_code": "X"}, g.centroid), "wrong_geometry"),
        (dict(insert("parcels", {"parcel_code": "X"}, g), geom={"wkb": ok["geom"]["wkb"], "srid": 4326}), "wrong_crs"),
        (dict(insert("parcels", {}), geom={"wkb": "bm90IHdrYg==", "srid": 32648}), "bad_geometry"),
        (insert("residents", {"household_uuid": str(uuid.uuid4())}), "forbidden"),
        (update("parcels", str(uuid.uuid4()), 1, {"note": "x"}), "unknown_feature"),
    ]
    r = push(gis, [c for c, _ in bad] + [ok])
    results = r.json()["results"]
    for (_, code), res in zip(bad, results[: len(bad)], strict=True):
        assert res["status"] == "rejected" and res["code"] == code, (code, res)
        assert res["reason"]
    assert results[-1]["status"] == "applied"
    got, _, _ = pull_all(gis, since=before)
    assert [c["change_id"] for c in got] == [ok["change_id"]]  # only the good change entered the feed


def test_a_malformed_batch_applies_nothing(clients, server):
    gis = clients["gis1"]
    _, before, _ = pull_all(gis)
    good = [insert("villages", {"village_no": i}) for i in range(1, 4)]
    broken = dict(insert("villages", {"village_no": 4}), op="frobnicate")
    r = push(gis, [*good, broken])
    assert r.status_code == 422 and any("op" in e["loc"] for e in r.json()["detail"])
    r = gis.post("push", content=b'{"changes": [', headers={"Content-Type": "application/json"})
    assert r.status_code == 422 and r.json()["detail"][0]["type"] == "json_invalid"
    assert gis.post("push", json={"changes": {"a": 1}}).status_code == 422
    r = push(gis, [insert("villages", {"village_no": 1})] * 1001)
    assert r.status_code == 413 and "at most 1000" in r.json()["detail"]
    got, after, _ = pull_all(gis, since=before)
    assert got == [] and after == before
