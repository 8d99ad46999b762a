#!/usr/bin/env python3
"""The reference CDDP API server (issue #13): pulling 100 changes from feeds of 10k and 1M rows, pushing
batches of 500, and the peer way of syncing (downloading the whole municipality), on SQLite and PostgreSQL.

Each store gets its own server process (`scripts/cddp-server serve` on 127.0.0.1, one uvicorn worker) and the
bench talks real HTTP to it with httpx (one keep-alive connection). PostgreSQL is a temporary PostgreSQL 15 +
PostGIS 3 cluster started on loopback by the bench (tests/server/pg.py's `TempCluster`) and removed at the end.

The data, for municipality 330506 (Prue Yai, EPSG:32648):

- **10k feed, through the API**: every real Prue Yai parcel (8,823, /work/shared/data/prueyai/parcel.geojson,
  reprojected to UTM 48N, WKB) pushed as inserts, then attribute updates of the first parcels up to 10,000
  changes, all in batches of 500 by `POST /push` (20 batches). These pushes are the push figures.
- **1M feed, bulk-seeded**: pushing 990,000 more changes through the API would take 20–35 min on 2 cores, so the
  feed is extended to 1,000,000 rows by bulk-inserting rows shaped exactly like the server's own `changes`
  rows (the SQLAlchemy table `cddp_server.db.changes`; SQLite: executemany, PostgreSQL: COPY): attribute
  updates (`note` and the updated_at/updated_by stamps, the way `rules._update` writes them) of the same
  parcels, round robin, each with the previous version as its base; then each parcel's row gets its last
  version, note and per-field versions, and the municipality's `seq` = 1,000,000, as the push would have left
  them. SQLite is then checkpointed, PostgreSQL analysed (what autovacuum would do).

Timed (200 requests each after 20 warm-up requests): the server time that the server's own request log records
(`cddp_server/app.py` logs each request's time from arrival to the answer built; the criterion is on its p95),
and the client's round trip over HTTP (p50/p95):

- ``pull same 100``: `GET /changes?since=c&limit=100` with random c in the first 9,900 seqs — the very same
  changes (inserts with geometry) in both feeds; the ratio 1M/10k must stay under 1.5×;
- ``pull newest 100``: `since = seq − 100` (attribute updates in both feeds); same criterion;
- ``push 500``: the 20 batches of the 10k feed (18 of inserts with geometry, 2 of updates);
- ``full download``: the snapshot of every layer the user reads, paged (1,000 features a page), over HTTP —
  the peer way (Mergin Maps, QFieldCloud download the municipality's files); beside it the size of the demo's
  Prue Yai GeoPackage (demo-output/prueyai.gpkg, if the demo ran), the bytes a file-based sync moves.

    .venv/bin/python bench/server.py                     # SQLite and PostgreSQL, 10k and 1M
    .venv/bin/python bench/server.py --stores sqlite --big 200000
"""

from __future__ import annotations

import argparse
import io
import json
import platform
import random
import sys
import time
import uuid
from contextlib import closing
from pathlib import Path

from serverkit import OUT, ROOT, Server, add_user_cli, change, machine_note, pct, prueyai_parcels, store

MUNI, SRID, USER = "330506", 32648, "bench_admin"
SMALL, BATCH, REQUESTS, WARMUP, LIMIT = 10_000, 500, 200, 20, 100
LIMIT_RATIO = 1.5


def seed_by_push(client, parcels) -> tuple[list[float], list[float], dict[str, int]]:
    """The 10k feed through `POST /push`, batches of 500: (client ms per batch, kinds, uuid → version)."""
    changes = [change("parcels", "insert", values=v, geom=g) for v, g in parcels][:SMALL]
    versions: dict[str, int] = {}
    times, kinds = [], []
    k = 0
    while len(changes) < SMALL:  # attribute updates of the first parcels up to 10,000 changes
        changes.append(None)
    for start in range(0, SMALL, BATCH):
        batch = []
        for i in range(start, start + BATCH):
            if changes[i] is None:
                fid = changes[k]["uuid"]
                batch.append(change("parcels", "update", fid, versions[fid], values={"note": f"ตรวจแปลง {i}"}))
                k += 1
            else:
                batch.append(changes[i])
        t0 = time.perf_counter()
        r = client.post("push", json={"changes": batch}, headers={"Idempotency-Key": uuid.uuid4().hex})
        times.append((time.perf_counter() - t0) * 1000)
        if r.status_code != 200:
            raise SystemExit(f"push failed: {r.status_code} {r.text[:500]}")
        results = r.json()["results"]
        bad = [x for x in results if x["status"] not in ("applied", "merged")]
        if bad:
            raise SystemExit(f"push refused changes: {bad[:3]}")
        for c, x in zip(batch, results, strict=True):
            versions[c["uuid"]] = x["version"]
        kinds.append("insert" if batch[0]["op"] == "insert" else "update")
    return times, kinds, versions


def extend_feed(url: str, target: int) -> float:
    """Bulk-insert feed rows shaped like the server's own up to ``target`` (see the docstring); seconds."""
    from sqlalchemy import func, insert, select, update

    from cddp_server import db

    t0 = time.perf_counter()
    engine = db.make_engine(url)
    t = db.LAYER_TABLES["parcels"]
    with engine.connect() as con:
        hi = con.execute(select(db.municipalities.c.seq).where(db.municipalities.c.municipality_code == MUNI))
        hi = hi.scalar_one()
        rows = con.execute(
            select(t.c.uuid, t.c.version, t.c.field_seq).where(t.c.municipality_code == MUNI).order_by(t.c.uuid)
        ).all()
        stamp = con.execute(select(func.max(db.changes.c.committed_at))).scalar_one()
    last = {r.uuid: r.version for r in rows}
    uuids = [r.uuid for r in rows]
    cols = [c.name for c in db.changes.columns]
    note_of: dict[str, tuple[str, int]] = {}

    def row(seq: int) -> dict:
        fid = uuids[seq % len(uuids)]
        note = f"ตรวจแปลง {seq}"
        values = {"note": note, "updated_at": stamp, "updated_by": USER}
        out = dict(municipality_code=MUNI, seq=seq, change_id=uuid.uuid4().hex, layer="parcels", uuid=fid,
                   op="update", base_version=last[fid], values=values, geom_wkb=None, geom_srid=None,
                   geom_changed=False, attachments=None, author=USER, device="bench-seed", committed_at=stamp)  # fmt: skip
        last[fid] = seq
        note_of[fid] = (note, seq)
        return out

    step = 20_000
    if db.is_sqlite(engine):
        for start in range(hi + 1, target + 1, step):
            with engine.begin() as con:
                con.execute(insert(db.changes), [row(s) for s in range(start, min(start + step, target + 1))])
    else:
        raw = engine.raw_connection()
        try:
            with raw.cursor() as cur, cur.copy(f"COPY changes ({', '.join(cols)}) FROM STDIN") as copy:
                for s in range(hi + 1, target + 1):
                    r = row(s)
                    r["values"] = json.dumps(r["values"], ensure_ascii=False)
                    copy.write_row([r[c] for c in cols])
            raw.commit()
        finally:
            raw.close()
    by_uuid = {r.uuid: r for r in rows}
    with engine.begin() as con:
        for fid, (note, seq) in note_of.items():
            fs = dict(by_uuid[fid].field_seq or {}, note=seq, updated_at=seq, updated_by=seq)
            con.execute(
                update(t)
                .where(t.c.municipality_code == MUNI, t.c.uuid == fid)
                .values(note=note, version=seq, updated_at=stamp, updated_by=USER, field_seq=fs)
            )
        con.execute(update(db.municipalities).where(db.municipalities.c.municipality_code == MUNI).values(seq=target))
    if db.is_sqlite(engine):
        import sqlite3

        engine.dispose()
        with closing(sqlite3.connect(url)) as raw:  # outside a transaction (the engine begins one per connection)
            raw.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchall()
    else:
        with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as con:
            con.exec_driver_sql("ANALYZE")
        engine.dispose()
    return time.perf_counter() - t0


def time_pulls(server: Server, client, cursors: list[int]) -> dict:
    for c in cursors[:WARMUP]:
        client.get("changes", params={"since": c, "limit": LIMIT})
    mark = server.mark()
    ms, sizes = [], []
    for c in cursors[WARMUP:]:
        t0 = time.perf_counter()
        r = client.get("changes", params={"since": c, "limit": LIMIT})
        ms.append((time.perf_counter() - t0) * 1000)
        if r.status_code != 200 or len(r.json()["changes"]) != LIMIT:
            raise SystemExit(f"pull failed: {r.status_code} {r.text[:300]}")
        sizes.append(len(r.content))
    srv = server.server_ms(mark, "GET", "/changes")[-len(ms) :]
    return {"p50": pct(ms, 50), "p95": pct(ms, 95), "srv50": pct(srv, 50), "srv95": pct(srv, 95),
            "bytes": int(pct(sizes, 50))}  # fmt: skip


def full_download(client) -> tuple[float, int, int]:
    """Every layer the user reads, snapshot pages of 1,000: (seconds, bytes, features)."""
    layers = [x["name"] for x in client.get("schema").json()["layers"]]
    t0 = time.perf_counter()
    size = n = 0
    for layer in layers:
        after = None
        while True:
            params = {"limit": 1000} | ({"after": after} if after else {})
            r = client.get(f"layers/{layer}/snapshot", params=params)
            if r.status_code != 200:
                raise SystemExit(f"snapshot failed: {r.status_code} {r.text[:300]}")
            page = r.json()
            size += len(r.content)
            n += len(page["features"])
            if not page["has_more"]:
                break
            after = page["next_after"]
    return time.perf_counter() - t0, size, n


def run_store(kind: str, url: str, tmp: Path, parcels, big: int, blobs: Path | None) -> dict:
    add_user_cli(url, MUNI, USER, "admin", SRID)
    server = Server(url, tmp, blobs=blobs)
    rng = random.Random(13)
    res: dict = {"store": kind}
    try:
        client = server.client(USER, MUNI)
        mark = server.mark()
        push_ms, kinds, _ = seed_by_push(client, parcels)
        push_srv = server.server_ms(mark, "POST", "/push")
        res["push"] = {"p50": pct(push_ms, 50), "p95": pct(push_ms, 95), "srv50": pct(push_srv, 50),
                       "srv95": pct(push_srv, 95), "batches": len(push_ms),
                       "insert_p95": pct([m for m, k in zip(push_ms, kinds, strict=True) if k == "insert"], 95)}  # fmt: skip
        n = REQUESTS + WARMUP
        same = [rng.randrange(0, SMALL - LIMIT) for _ in range(n)]
        for size in (SMALL, big):
            if size != SMALL:
                res["seed_s"] = extend_feed(url, size)
            res[f"same_{size}"] = time_pulls(server, client, same)
            res[f"newest_{size}"] = time_pulls(server, client, [size - LIMIT] * n)
        full_download(client)  # warm
        res["full_s"], res["full_bytes"], res["full_features"] = full_download(client)
        client.close()
    finally:
        server.stop()
    return res


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--stores", default="sqlite,postgresql")
    ap.add_argument("--big", type=int, default=1_000_000, help="rows of the big feed")
    args = ap.parse_args()
    OUT.mkdir(exist_ok=True)
    print(f"machine: {platform.processor() or platform.machine()}, {machine_note()}")
    parcels = prueyai_parcels(SRID)
    print(f"data: {len(parcels):,} real Prue Yai parcels (EPSG:{SRID}); feeds of {SMALL:,} (pushed) and "
          f"{args.big:,} rows (bulk-seeded beyond {SMALL:,})")  # fmt: skip
    gpkg = ROOT / "demo-output" / "prueyai.gpkg"
    results = []
    for kind in args.stores.split(","):
        with store(kind, "cddp-bench") as made:
            if made is None:
                continue
            url, tmp, blobs = made
            t0 = time.perf_counter()
            results.append(run_store(kind, url, tmp, parcels, args.big, blobs))
            print(f"  {kind}: done in {time.perf_counter() - t0:.0f} s (bulk seeding {results[-1]['seed_s']:.0f} s)")
    big = args.big
    ok = True
    out = io.StringIO()
    w = out.write
    w(f"\n| store | what | server time p50 / p95, 10k feed | same, {big // 1000:,}k feed | ratio of p95 {big // 1000:,}k/10k | "
      f"round trip p50 / p95 (client), 10k → {big // 1000:,}k |\n| --- | --- | ---: | ---: | ---: | ---: |\n")  # fmt: skip
    for r in results:
        for what, label in (("same", "pull the same 100 changes"), ("newest", "pull the newest 100 changes")):
            a, b = r[f"{what}_{SMALL}"], r[f"{what}_{big}"]
            ratio = b["srv95"] / a["srv95"]
            verdict = "PASS" if ratio < LIMIT_RATIO else "FAIL"
            ok &= verdict == "PASS"
            w(f"| {r['store']} | {label} ({a['bytes'] / 1024:.0f} KiB) | {a['srv50']:.1f} / {a['srv95']:.1f} ms | "
              f"{b['srv50']:.1f} / {b['srv95']:.1f} ms | {ratio:.2f}× {verdict} (< {LIMIT_RATIO}×) | "
              f"{a['p50']:.1f} / {a['p95']:.1f} → {b['p50']:.1f} / {b['p95']:.1f} ms |\n")  # fmt: skip
    w(
        "\n| store | push a batch of 500 (client p50 / p95) | server time p50 / p95 | batches | "
        "full download (every layer, snapshot pages) | vs newest-100 pull (time, bytes) | GeoPackage file |\n"
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: |\n"
    )
    for r in results:
        p, pull = r["push"], r[f"newest_{big}"]
        gp = (
            f"{gpkg.stat().st_size / 1e6:.1f} MB ({gpkg.stat().st_size / pull['bytes']:,.0f}× the pull)"
            if gpkg.exists()
            else "—"
        )
        w(f"| {r['store']} | {p['p50']:.0f} / {p['p95']:.0f} ms (inserts with geometry p95 {p['insert_p95']:.0f} ms) | "
          f"{p['srv50']:.0f} / {p['srv95']:.0f} ms | {p['batches']} | {r['full_s'] * 1000:.0f} ms, "
          f"{r['full_bytes'] / 1e6:.1f} MB, {r['full_features']:,} features | "
          f"{r['full_s'] * 1000 / pull['p50']:,.0f}×, {r['full_bytes'] / pull['bytes']:,.0f}× | {gp} |\n")  # fmt: skip
    print(out.getvalue())
    print("criterion (pull cost does not grow with the feed, ratio < 1.5×):", "PASS" if ok else "FAIL")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
