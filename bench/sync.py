#!/usr/bin/env python3
"""The sync (issue #14) against the physical floor and the peers' way of syncing, on the reference server over
real HTTP on 127.0.0.1 (SQLite store by default; PostgreSQL with --stores sqlite,postgresql).

What is timed, each beside what a file-based sync (Mergin Maps, QFieldCloud: the project's GeoPackage moves as a
file) would move in the same run — measured, not assumed: the same GeoPackage uploaded to (and downloaded from)
the same server as one blob (`PUT`/`GET /blobs/{sha256}`), which is the least any whole-file sync can cost here:

1. **first push of Prue Yai**: the demo's real workspace (demo-output/prueyai.gpkg: 8,823 parcels and 5,133
   households) pushed to an empty server by `core.sync.engine.sync_workspace`;
2. **a second laptop**: `clone_workspace` — a new workspace made from the server;
3. **10-edit sync**: ten edits on laptop A (5 parcels, 5 households), A syncs: time and bytes on the wire;
4. **pull 100 changes**: 100 edits on A, A syncs; then laptop B syncs: time and bytes, beside downloading the
   whole workspace (the file, and the API's paged snapshot of every layer);
5. **first push of 100k features** (`--big`): a synthetic workspace of 100,000 parcels (bench/synthetic.py),
   written through the change log, pushed by the engine; beside the upload of its GeoPackage file.

Bytes are counted at the transport: request and answer bodies plus their header lines.

    .venv/bin/python bench/sync.py                       # SQLite, Prue Yai + 100k
    .venv/bin/python bench/sync.py --big 20000 --stores sqlite,postgresql
"""

from __future__ import annotations

import argparse
import hashlib
import platform
import shutil
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))
sys.path.insert(0, str(HERE))

from serverkit import OUT, PASSWORD, ROOT, Server, add_user_cli, machine_note, store  # noqa: E402

from cddp_plugin.core.sync import engine  # noqa: E402
from cddp_plugin.core.sync.http import ApiClient, Credentials, urllib_transport  # noqa: E402
from cddp_plugin.core.workspace import dopa, gpkg  # noqa: E402

MUNI = "330506"
DEMO = ROOT / "demo-output" / "prueyai.gpkg"


class Wire:
    """A transport that counts the bytes of every request and answer (bodies and header lines)."""

    def __init__(self) -> None:
        self.sent = 0
        self.received = 0

    def __call__(self, method, url, headers, body, timeout):
        self.sent += (
            len(method) + len(url) + 12 + sum(len(k) + len(v) + 4 for k, v in headers.items()) + len(body or b"")
        )
        ans = urllib_transport(method, url, headers, body, timeout)
        self.received += 17 + sum(len(k) + len(v) + 4 for k, v in ans.headers.items()) + len(ans.body)
        return ans

    def total(self) -> int:
        return self.sent + self.received


def client(srv: Server, user: str, wire: Wire) -> ApiClient:
    return ApiClient(srv.url, MUNI, Credentials(user, PASSWORD), transport=wire)


def file_roundtrip(srv: Server, path: Path) -> tuple[float, float, int]:
    """Upload the file to the server as one blob and download it again: (up s, down s, bytes)."""
    data = path.read_bytes()
    sha = hashlib.sha256(data).hexdigest()
    api = client(srv, "gis1", Wire())
    t0 = time.perf_counter()
    api.request("PUT", api.tenant(f"blobs/{sha}"), body=data, ok=(200, 201),
                headers={"Content-Type": "application/octet-stream"})  # fmt: skip
    up = time.perf_counter() - t0
    t0 = time.perf_counter()
    got = api.request("GET", api.tenant(f"blobs/{sha}"))
    down = time.perf_counter() - t0
    assert len(got.body) == len(data)
    return up, down, len(data)


def snapshot_all(srv: Server, wire: Wire) -> tuple[float, int]:
    """The API's paged snapshot of every layer the user reads (what a new device without the feed needs)."""
    api = client(srv, "gis2", wire)
    t0 = time.perf_counter()
    n = 0
    for layer in api.get_json(api.tenant("schema"))["layers"]:
        after = None
        while True:
            q = f"layers/{layer['name']}/snapshot?limit=1000" + (f"&after={after}" if after else "")
            page = api.get_json(api.tenant(q))
            n += len(page["features"])
            if not page["has_more"]:
                break
            after = page["next_after"]
    return time.perf_counter() - t0, n


def edit(path: Path, n: int, tag: str) -> None:
    """``n`` officer edits: half parcels (zone), half households (soi), as QGIS would save them."""
    con = gpkg.connect(path)
    try:
        with con:
            p = [r[0] for r in con.execute("SELECT fid FROM parcels ORDER BY fid LIMIT ?", (n - n // 2,))]
            h = [r[0] for r in con.execute("SELECT fid FROM households ORDER BY fid LIMIT ?", (n // 2,))]
            con.executemany("UPDATE parcels SET zone = ?, updated_by = 'bench' WHERE fid = ?",
                            [(f"{tag}{i}", f) for i, f in enumerate(p)])  # fmt: skip
            con.executemany("UPDATE households SET soi = ?, updated_by = 'bench' WHERE fid = ?",
                            [(f"{tag}{i}", f) for i, f in enumerate(h)])  # fmt: skip
    finally:
        con.close()


def big_workspace(path: Path, n: int) -> None:
    from synthetic import make_parcels

    from cddp_plugin.core.workspace.create import create_workspace

    create_workspace(path, dopa.lookup(MUNI), "bench", "EPSG:32648", user="bench")
    polys, _ids, codes, _ = make_parcels(n)
    import shapely

    con = gpkg.connect(path)
    try:
        blobs = gpkg.to_blobs([shapely.MultiPolygon([p]) for p in polys], gpkg.srs_id(con, "parcels"))
        with con:
            con.executemany(
                "INSERT INTO parcels (parcel_code, area_sqm, source, geom, updated_by) VALUES (?, ?, 'bench', ?, 'bench')",
                [(str(c), round(float(a), 2), b) for c, a, b in zip(codes, shapely.area(polys), blobs, strict=True)],
            )
    finally:
        con.close()


def mb(n: int) -> str:
    return f"{n / 1e6:.2f} MB" if n >= 1e5 else f"{n / 1e3:.1f} kB"


def run_store(kind: str, big: int) -> list[str]:
    rows = []
    with store(kind, "bench-sync") as got:
        if got is None:
            return rows
        url, tmp, blobs = got
        for user in ("gis1", "gis2"):
            add_user_cli(url, MUNI, user, "admin", 32648)  # households are the registry: admin or registrar
        srv = Server(url, tmp, blobs)
        try:
            a, b = tmp / "a.gpkg", tmp / "b.gpkg"
            shutil.copy(DEMO, a)
            feats = sum(gpkg.connect(a).execute(f"SELECT count(*) FROM {t}").fetchone()[0]
                        for t in ("parcels", "households"))  # fmt: skip
            up, down, size = file_roundtrip(srv, DEMO)
            print(
                f"  [{kind}] the Prue Yai GeoPackage as one file: {mb(size)}, upload {up:.2f} s, download {down:.2f} s"
            )

            w = Wire()
            t0 = time.perf_counter()
            r = engine.sync_workspace(a, client(srv, "gis1", w))
            t_first = time.perf_counter() - t0
            assert r.finished and r.pushed == feats and not r.conflicts and not r.rejected, r
            rows.append(f"| {kind} | first push, Prue Yai ({feats:,} features) | {t_first:.2f} s, {mb(w.total())} |"
                        f" file upload {up:.2f} s, {mb(size)} | {t_first / up:.1f}× time, {w.total() / size:.2f}× bytes |")  # fmt: skip
            print(rows[-1])

            w = Wire()
            t0 = time.perf_counter()
            engine.clone_workspace(b, client(srv, "gis2", w))
            t_clone = time.perf_counter() - t0
            rows.append(f"| {kind} | new laptop from the server (clone) | {t_clone:.2f} s, {mb(w.total())} |"
                        f" file download {down:.2f} s, {mb(size)} | {t_clone / down:.1f}× time, {w.total() / size:.2f}× bytes |")  # fmt: skip
            print(rows[-1])

            edit(a, 10, "ten")
            w = Wire()
            t0 = time.perf_counter()
            r = engine.sync_workspace(a, client(srv, "gis1", w))
            t10 = time.perf_counter() - t0
            assert r.pushed == 10, r
            rows.append(f"| {kind} | 10-edit sync (push 10, pull) | {t10 * 1000:.0f} ms, {mb(w.total())} |"
                        f" file upload {up:.2f} s, {mb(size)} | {t10 / up:.3f}× time, 1/{size / w.total():,.0f} bytes |")  # fmt: skip
            print(rows[-1])

            edit(a, 100, "hundred")
            engine.sync_workspace(a, client(srv, "gis1", Wire()))
            w = Wire()
            t0 = time.perf_counter()
            r = engine.sync_workspace(b, client(srv, "gis2", w))
            t100 = time.perf_counter() - t0
            assert r.pulled >= 100, r
            ws_ = Wire()
            t_snap, n_snap = snapshot_all(srv, ws_)
            rows.append(f"| {kind} | pull 100 changes (laptop B) | {t100 * 1000:.0f} ms, {mb(w.total())} |"
                        f" file download {down:.2f} s, {mb(size)}; API snapshot of all {n_snap:,} features"
                        f" {t_snap:.2f} s, {mb(ws_.total())} | {t100 / down:.3f}× / {t100 / t_snap:.3f}× time,"
                        f" 1/{size / w.total():,.0f} bytes |")  # fmt: skip
            print(rows[-1])

            if big:
                bigws = tmp / "big.gpkg"
                t0 = time.perf_counter()
                big_workspace(bigws, big)
                print(f"  [{kind}] built a {big:,}-parcel workspace in {time.perf_counter() - t0:.1f} s")
                upb, _downb, sizeb = file_roundtrip(srv, bigws)
                # a second municipality would be cleaner; the same one is fine: new uuids, no overlap
                w = Wire()
                t0 = time.perf_counter()
                r = engine.sync_workspace(bigws, client(srv, "gis1", w))
                tb = time.perf_counter() - t0
                assert r.finished and r.pushed == big, r
                rows.append(f"| {kind} | first push, {big:,} synthetic parcels | {tb:.1f} s ({big / tb:,.0f} features/s),"
                            f" {mb(w.total())} | file upload {upb:.2f} s, {mb(sizeb)} | {tb / upb:.1f}× time,"
                            f" {w.total() / sizeb:.2f}× bytes |")  # fmt: skip
                print(rows[-1])
        finally:
            srv.stop()
    return rows


def main() -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--stores", default="sqlite", help="sqlite, postgresql or both (comma-separated)")
    p.add_argument("--big", type=int, default=100000, help="features of the synthetic first push (0: skip)")
    args = p.parse_args()
    if not DEMO.exists():
        raise SystemExit(f"{DEMO} is missing: run `make demo` first")
    OUT.mkdir(exist_ok=True)
    print(f"bench/sync.py — {platform.node()}, {machine_note()}, Python {platform.python_version()}")
    rows = ["| store | what | cddp sync | whole-file peer (same server, same run) | cddp / peer |",
            "| --- | --- | ---: | ---: | ---: |"]  # fmt: skip
    for kind in args.stores.split(","):
        rows += run_store(kind.strip(), args.big)
    print("\n".join(rows))
    return 0


if __name__ == "__main__":
    sys.exit(main())
