#!/usr/bin/env python3
"""A bounded load test of the reference CDDP API server (issue #13): 50 concurrent clients on loopback pushing
and pulling for 60 s against one server process, then a ledger check of the whole feed.

One server (`scripts/cddp-server serve`, one uvicorn worker) on 127.0.0.1 over SQLite (and PostgreSQL with
``--stores sqlite,postgresql``: a temporary PostgreSQL 15 + PostGIS 3 cluster from tests/server/pg.py). Each
client is a thread with its own user and its own httpx connection: 35 `gis_editor` users on streetlights and
15 `inspector` users on road sections and road inspections — roles that may write those layers. A client, until
the time is up, either pulls one page (`GET /changes?since=<its cursor>&limit=500`) or pushes a batch of 10
changes under a fresh `Idempotency-Key`: 5 inserts of new features and 5 updates of features that every client
of its kind shares (40 streetlights, 20 road sections), each update setting one of a few fields to a value
never used before, on the version the client last pulled — so updates merge (another field changed since
their base) or conflict (the same field did) as they would in the field.

Every tenth push is sent again with a new key (the answer was "lost"): every change must come back
`duplicate` with the first answer; every tenth push (another one) is sent again with the same key: the stored
answer must come back unchanged. A transport error or a 5xx is counted and the batch is retried with the same
change_ids and a new key (up to 10 times); a retried change that had been applied comes back `duplicate`.

At the end the whole feed is read by an admin and checked: the sequence is 1…N without a gap; no change_id is
in it twice; every change answered applied/merged is in it exactly once; nothing is in it that was not
answered applied/merged; no conflicted change is in it; every client saw a gap-free run of seqs in its pulls.
Printed: counts by status, p50/p95 of push and pull round trips (client) and server times (the server's
request log). The exit status is non-zero on any loss,
duplicate, gap, 5xx or failed check.

    .venv/bin/python bench/server_load.py                       # 50 clients, 60 s, SQLite
    .venv/bin/python bench/server_load.py --stores sqlite,postgresql --seconds 30
"""

from __future__ import annotations

import argparse
import base64
import random
import sys
import threading
import time
import uuid
from collections import Counter
from pathlib import Path

import httpx
import shapely
from serverkit import OUT, PASSWORD, Server, change, machine_note, pct, store

MUNI, SRID = "330506", 32648
BATCH_INSERTS, BATCH_UPDATES, PAGE = 5, 5, 500
SHARED_LIGHTS, SHARED_SECTIONS = 40, 20
GIS_FIELDS = ("note", "circuit", "power_w", "osm_id")
INSPECTOR_FIELDS = ("pci", "section_id")


def _wkb(g) -> dict:
    return {"wkb": base64.b64encode(shapely.to_wkb(g)).decode(), "srid": SRID}


def _point(rng: random.Random) -> dict:
    return _wkb(shapely.Point(740000 + rng.uniform(0, 3000), 1640000 + rng.uniform(0, 3000)))


class Ledger:
    """What the clients were told, shared by the threads."""

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.acked: Counter[str] = Counter()  # change_id → times answered applied/merged (first answers)
        self.conflicted: set[str] = set()
        self.status: Counter[str] = Counter()
        self.push_ms: list[float] = []
        self.pull_ms: list[float] = []
        self.transport_errors = 0
        self.http_5xx: Counter[int] = Counter()
        self.failures: list[str] = []
        self.replays = {"lost_answer_resends": 0, "same_key_resends": 0}

    def fail(self, what: str) -> None:
        with self.lock:
            if len(self.failures) < 50:
                self.failures.append(what)


class LoadClient(threading.Thread):
    def __init__(self, n: int, server: Server, user: str, role: str, shared: dict, ledger: Ledger, stop_at: float):
        super().__init__(name=user, daemon=True)
        self.n, self.server, self.user, self.role = n, server, user, role
        self.layer = "streetlights" if role == "gis_editor" else "road_sections"
        self.known = dict(shared[self.layer])  # uuid → the version this client last saw
        self.ledger, self.stop_at = ledger, stop_at
        self.rng = random.Random(1000 + n)
        self.cursor = shared["cursor"]
        self.pushes = 0
        self.counter = 0

    # -- the work -------------------------------------------------------------------------------------------------
    def run(self) -> None:
        try:
            self.http = self.server.client(self.user, MUNI, timeout=60)
            while time.monotonic() < self.stop_at:
                if self.rng.random() < 0.5:
                    self.pull()
                else:
                    self.push()
            self.http.close()
        except Exception as exc:  # a bench thread reports, never dies silently
            self.ledger.fail(f"{self.user}: {type(exc).__name__}: {exc}")

    def _unique(self) -> str:
        self.counter += 1
        return f"{self.user}-{self.counter}"

    def batch(self) -> list[dict]:
        out = []
        for _ in range(BATCH_INSERTS):
            if self.role == "gis_editor":
                out.append(change("streetlights", "insert", values={"ref": self._unique(), "status": "working"},
                                  geom=_point(self.rng)))  # fmt: skip
            else:
                out.append(change("road_inspections", "insert", values={
                    "section_uuid": self.rng.choice(list(self.known)), "inspected_on": "2026-02-01",
                    "note": self._unique()}))  # fmt: skip
        for fid in self.rng.sample(list(self.known), BATCH_UPDATES):
            if self.role == "gis_editor":
                field = self.rng.choice(GIS_FIELDS)
                value = self.rng.uniform(1, 1e6) if field == "power_w" else self._unique()
            else:
                field = self.rng.choice(INSPECTOR_FIELDS)
                value = self.rng.uniform(0, 100) if field == "pci" else self._unique()
            out.append(change(self.layer, "update", fid, self.known[fid], values={field: value}))
        return out

    def post(self, body: dict, key: str) -> httpx.Response | None:
        for attempt in range(10):
            t0 = time.perf_counter()
            try:
                r = self.http.post("push", json=body, headers={"Idempotency-Key": key})
            except httpx.TransportError:
                with self.ledger.lock:
                    self.ledger.transport_errors += 1
                time.sleep(0.2 * (attempt + 1))
                key = uuid.uuid4().hex  # the same change_ids under a new key: applied ones come back duplicate
                continue
            ms = (time.perf_counter() - t0) * 1000
            if r.status_code >= 500:
                with self.ledger.lock:
                    self.ledger.http_5xx[r.status_code] += 1
                time.sleep(float(r.headers.get("retry-after", 0.2)))
                key = uuid.uuid4().hex
                continue
            with self.ledger.lock:
                self.ledger.push_ms.append(ms)
            return r
        self.ledger.fail(f"{self.user}: a push failed 10 times")
        return None

    def push(self) -> None:
        body = {"changes": self.batch()}
        key = uuid.uuid4().hex
        r = self.post(body, key)
        if r is None:
            return
        if r.status_code != 200:
            self.ledger.fail(f"{self.user}: push answered {r.status_code}: {r.text[:200]}")
            return
        answer = r.json()
        results = answer["results"]
        effective = []
        with self.ledger.lock:
            for c, x in zip(body["changes"], results, strict=True):
                status = x["status"]
                if status == "duplicate":  # only after a transport retry: the first answer counts
                    status = (x.get("first") or {}).get("status", "duplicate")
                effective.append(status)
                self.ledger.status[status] += 1
                if status in ("applied", "merged"):
                    self.ledger.acked[c["change_id"]] += 1
                elif status == "conflict":
                    self.ledger.conflicted.add(c["change_id"])
                else:
                    self.failures_add(f"{c['layer']} {c['op']} {status}: {x.get('reason')}")
        for c, status, x in zip(body["changes"], effective, results, strict=True):
            if c["op"] == "update" and status in ("applied", "merged"):
                self.known[c["uuid"]] = max(self.known[c["uuid"]], x["version"])
        self.pushes += 1
        if self.pushes % 10 == 3:  # the answer was "lost": the same changes again under a new key
            again = self.post(body, uuid.uuid4().hex)
            with self.ledger.lock:
                self.ledger.replays["lost_answer_resends"] += 1
            if again is not None:
                for c, x, first in zip(body["changes"], again.json()["results"], results, strict=True):
                    if x["status"] != "duplicate" or (x.get("first") or {}).get("status") != first["status"]:
                        if first["status"] in ("applied", "merged", "conflict"):
                            self.ledger.fail(f"resent {c['change_id']}: {x['status']}, first {first['status']}")
        elif self.pushes % 10 == 7:  # the same request again with the same key: the stored answer
            again = self.post(body, key)
            with self.ledger.lock:
                self.ledger.replays["same_key_resends"] += 1
            if again is not None and (again.json() != answer or again.headers.get("idempotent-replayed") != "true"):
                self.ledger.fail(f"{self.user}: the same Idempotency-Key did not give the stored answer")

    def failures_add(self, what: str) -> None:  # called with the ledger's lock held
        if len(self.ledger.failures) < 50:
            self.ledger.failures.append(f"{self.user}: {what}")

    def pull(self) -> None:
        t0 = time.perf_counter()
        try:
            r = self.http.get("changes", params={"since": self.cursor, "limit": PAGE})
        except httpx.TransportError:
            with self.ledger.lock:
                self.ledger.transport_errors += 1
            return
        ms = (time.perf_counter() - t0) * 1000
        if r.status_code >= 500:
            with self.ledger.lock:
                self.ledger.http_5xx[r.status_code] += 1
            return
        if r.status_code != 200:
            self.ledger.fail(f"{self.user}: pull answered {r.status_code}")
            return
        with self.ledger.lock:
            self.ledger.pull_ms.append(ms)
        page = r.json()
        seqs = [c["seq"] for c in page["changes"]]
        if seqs != list(range(self.cursor + 1, self.cursor + 1 + len(seqs))):
            self.ledger.fail(f"{self.user}: a pull after {self.cursor} was not gap-free: {seqs[:5]}…")
        for c in page["changes"]:
            if c["uuid"] in self.known:
                self.known[c["uuid"]] = max(self.known[c["uuid"]], c["seq"])
        self.cursor = page["next_cursor"]


def setup(url: str, n_clients: int) -> list[tuple[str, str]]:
    """Users made with the server's own `auth.add_user` (what `cddp-server user add` runs): an admin and
    one user per client."""
    from cddp_server import auth, db

    engine = db.make_engine(url)
    db.create_schema(engine)
    auth.add_user(engine, MUNI, "load_admin", "admin", PASSWORD, srid=SRID)
    users = [(f"load_gis{i:02d}" if i < n_clients * 7 // 10 else f"load_insp{i:02d}") for i in range(n_clients)]
    out = []
    for u in users:
        role = "gis_editor" if "gis" in u else "inspector"
        auth.add_user(engine, MUNI, u, role, PASSWORD, srid=SRID)
        out.append((u, role))
    engine.dispose()
    return out


def seed_shared(admin: httpx.Client) -> tuple[dict, set[str]]:
    rng = random.Random(7)
    lights = [change("streetlights", "insert", values={"ref": f"SH-{i}", "status": "working"}, geom=_point(rng))
              for i in range(SHARED_LIGHTS)]  # fmt: skip
    sections = [change("road_sections", "insert", values={"road_uuid": str(uuid.uuid4()), "section_id": f"S{i}"},
                       geom=_wkb(shapely.LineString([(740000 + 100 * i, 1640000), (740100 + 100 * i, 1640000)])))
                for i in range(SHARED_SECTIONS)]  # fmt: skip
    r = admin.post("push", json={"changes": lights + sections})
    res = r.json()["results"]
    assert all(x["status"] == "applied" for x in res), res
    shared = {"streetlights": {}, "road_sections": {}, "cursor": r.json()["cursor"]}
    for c, x in zip(lights + sections, res, strict=True):
        shared[c["layer"]][c["uuid"]] = x["version"]
    return shared, {c["change_id"] for c in lights + sections}


def check(admin: httpx.Client, ledger: Ledger, seeded: set[str]) -> dict:
    feed, since = [], 0
    while True:
        page = admin.get("changes", params={"since": since, "limit": 1000}).json()
        feed += page["changes"]
        since = page["next_cursor"]
        if not page["has_more"]:
            break
    seqs = [c["seq"] for c in feed]
    ids = Counter(c["change_id"] for c in feed)
    expected = set(ledger.acked) | seeded
    return {
        "feed": len(feed),
        "gaps": len(seqs) != (seqs[-1] if seqs else 0) or seqs != sorted(seqs) or len(set(seqs)) != len(seqs),
        "duplicated": sum(1 for n in ids.values() if n > 1) + sum(1 for n in ledger.acked.values() if n > 1),
        "lost": len(expected - set(ids)),
        "phantom": len(set(ids) - expected),
        "conflicts_in_feed": len(ledger.conflicted & set(ids)),
    }


def run_store(kind: str, url: str, tmp: Path, n_clients: int, seconds: float, blobs: Path | None) -> bool:
    users = setup(url, n_clients)
    server = Server(url, tmp, blobs=blobs)
    ledger = Ledger()
    try:
        admin = server.client("load_admin", MUNI)
        shared, seeded = seed_shared(admin)
        mark = server.mark()
        t0 = time.monotonic()
        stop_at = t0 + seconds + 5  # sign-in of 50 users (argon2) before the clock really runs
        clients = [LoadClient(i, server, u, r, shared, ledger, stop_at) for i, (u, r) in enumerate(users)]
        for c in clients:
            c.start()
        for c in clients:
            c.join(seconds + 120)
        wall = time.monotonic() - t0
        result = check(admin, ledger, seeded)
        srv_push, srv_pull = server.server_ms(mark, "POST", "/push"), server.server_ms(mark, "GET", "/changes")
        admin.close()
    finally:
        server.stop()
    pushes, pulls = len(ledger.push_ms), len(ledger.pull_ms)
    print(
        f"  {kind}: {n_clients} clients for {wall:.0f} s — {pushes:,} pushes ({pushes / wall:.1f}/s, "
        f"{pushes * (BATCH_INSERTS + BATCH_UPDATES):,} changes incl. resends), {pulls:,} pulls ({pulls / wall:.1f}/s)"
    )
    print(
        f"    push round trip p50 {pct(ledger.push_ms, 50):.0f} ms, p95 {pct(ledger.push_ms, 95):.0f} ms; "
        f"pull p50 {pct(ledger.pull_ms, 50):.0f} ms, p95 {pct(ledger.pull_ms, 95):.0f} ms"
    )
    print(
        f"    server time (its request log) push p50 {pct(srv_push, 50):.0f} ms, p95 {pct(srv_push, 95):.0f} ms; "
        f"pull p50 {pct(srv_pull, 50):.0f} ms, p95 {pct(srv_pull, 95):.0f} ms"
    )
    print(f"    statuses (first answers) {dict(ledger.status)}; resends {ledger.replays}")
    print(f"    transport errors {ledger.transport_errors}, 5xx {dict(ledger.http_5xx) or 0}")
    print(
        f"    feed {result['feed']:,} rows: lost {result['lost']}, duplicated {result['duplicated']}, "
        f"gaps {'yes' if result['gaps'] else 'none'}, not acknowledged but in the feed {result['phantom']}, "
        f"conflicted changes in the feed {result['conflicts_in_feed']}"
    )
    for f in ledger.failures[:10]:
        print(f"    FAILED CHECK: {f}")
    ok = (not ledger.failures and not ledger.http_5xx and not result["gaps"]
          and not any(result[k] for k in ("lost", "duplicated", "phantom", "conflicts_in_feed")))  # fmt: skip
    print(f"    {'PASS' if ok else 'FAIL'}")
    return ok


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--stores", default="sqlite")
    ap.add_argument("--clients", type=int, default=50)
    ap.add_argument("--seconds", type=float, default=60)
    args = ap.parse_args()
    OUT.mkdir(exist_ok=True)
    print(f"machine: {machine_note()}; {args.clients} clients, {args.seconds:.0f} s per store")
    ok = True
    for kind in args.stores.split(","):
        with store(kind, "cddp-load") as made:
            if made is None:
                continue
            url, tmp, blobs = made
            ok &= run_store(kind, url, tmp, args.clients, args.seconds, blobs)
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
