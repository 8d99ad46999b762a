"""PDPA erasure through `cddp-server person erase`, and concurrent pushes: one gap-free sequence."""

from __future__ import annotations

import subprocess
import threading
import uuid

from sqlalchemy import select

from cddp_server import db

from .conftest import CLI, MUNI
from .helpers import insert, pull_all, push, update


def test_person_erase_removes_a_resident_from_the_rows_the_feed_and_the_history(server, store, clients):
    reg, insp = clients["reg1"], clients["insp1"]
    name = f"นางทดสอบ ลบข้อมูล {uuid.uuid4().hex[:6]}"
    hh = insert("households", {"house_no": "99/9", "village_no": 3})
    person = insert("residents", {"household_uuid": hh["uuid"], "full_name": name, "dependency": "bedridden"})
    res = push(reg, [hh, person]).json()["results"]
    v = res[1]["version"]
    upd = push(reg, [update("residents", person["uuid"], v, {"full_name": name + " (แก้)"})]).json()["results"][0]
    assert upd["status"] == "applied"
    stale = push(reg, [update("residents", person["uuid"], v, {"full_name": name + " (อีกเครื่อง)"})])
    assert stale.json()["results"][0]["status"] == "conflict"  # the conflict holds the name too
    done = subprocess.run(
        [str(CLI), "person", "erase", "--db", store, "--muni", MUNI, "--uuid", person["uuid"], "--blobs", str(server.blobs)],
        capture_output=True, text=True, timeout=60,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert name not in done.stdout + done.stderr
    feed, _, _ = pull_all(reg)
    mine = [c for c in feed if c["uuid"] == person["uuid"]]
    assert [c["op"] for c in mine] == ["insert", "update", "delete"]
    assert all(not c["values"] for c in mine)
    engine = db.make_engine(store)
    with engine.connect() as con:  # every row of every table of the store, as text
        dump = "\n".join(str(tuple(row)) for table in db.metadata.sorted_tables for row in con.execute(select(table)))
    engine.dispose()
    assert person["uuid"] in dump  # the dump does read the store
    assert name not in dump  # not in the layer, the feed, the conflicts, the stored answers
    assert not [c for c in pull_all(insp)[0] if c["layer"] == "residents"]
    again = subprocess.run(
        [str(CLI), "person", "erase", "--db", store, "--muni", MUNI, "--uuid", str(uuid.uuid4()), "--blobs", str(server.blobs)],
        capture_output=True, text=True, timeout=60,
    )  # fmt: skip
    assert again.returncode == 2 and "no resident" in again.stderr


def test_concurrent_pushes_get_one_gap_free_sequence_nothing_lost_or_duplicated(server, clients):
    admin = clients["admin1"]
    _, start, _ = pull_all(admin)
    writers = [("gis1", "villages"), ("gis2", "villages"), ("admin1", "roads"), ("insp1", "road_inspections")]
    sent: list[str] = []
    errors: list[str] = []
    lock = threading.Lock()

    def work(user: str, layer: str) -> None:
        client = server.as_user(user)
        try:
            for i in range(8):
                values = (
                    {"section_uuid": str(uuid.uuid4()), "inspected_on": "2026-02-01"}
                    if layer == "road_inspections"
                    else {"name_th": f"{user}-{i}"}
                )
                batch = [insert(layer, dict(values)) for _ in range(5)]
                r = push(client, batch, key=uuid.uuid4().hex)
                if r.status_code != 200 or any(x["status"] != "applied" for x in r.json()["results"]):
                    errors.append(f"{user}: {r.status_code} {r.text[:200]}")
                with lock:
                    sent.extend(c["change_id"] for c in batch)
        finally:
            client.close()

    threads = [threading.Thread(target=work, args=w) for w in writers]
    for t in threads:
        t.start()
    for t in threads:
        t.join(120)
    assert not errors, errors
    got, end, _ = pull_all(admin, since=start, limit=37)
    assert len(sent) == 4 * 8 * 5
    assert sorted(c["change_id"] for c in got) == sorted(sent)  # nothing lost, nothing twice
    assert [c["seq"] for c in got] == list(range(start + 1, start + 1 + len(sent))) and end == start + len(sent)
