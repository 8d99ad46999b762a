"""What bench/server.py and bench/server_load.py share: the reference server started for real
(`scripts/cddp-server serve` on 127.0.0.1 and a free port, its request log in a file), a temporary PostgreSQL
15 + PostGIS 3 cluster (tests/server/pg.py's `TempCluster`, started and removed by the bench), users, and the
real Prue Yai parcels as pushed changes (WKB in EPSG:32648)."""

from __future__ import annotations

import base64
import contextlib
import json
import os
import re
import secrets
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path

import httpx
import numpy as np

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
OUT = HERE / "out"
CLI = ROOT / "scripts" / "cddp-server"
SHARED = ROOT.parent / "shared" / "data"
PASSWORD = secrets.token_urlsafe(18)  # the bench users' password, new each run
sys.path.insert(0, str(ROOT))

# one request line of the server's log (cddp_server/app.py): "GET /v1/t/330506/changes 200 3.2ms user=…"
_LOG_LINE = re.compile(r" (GET|POST|PUT|HEAD) (\S+) (\d{3}) ([0-9.]+)ms ")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def pct(values, q: float) -> float:
    return float(np.percentile(np.asarray(values, dtype=float), q)) if len(values) else float("nan")


class Server:
    """`scripts/cddp-server serve` in its own process; ``server_ms()`` reads the times it logged."""

    def __init__(self, db: str, tmp: Path, blobs: Path | None = None, access_ttl: int = 3600) -> None:
        self.db = db
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.log = tmp / f"server-{self.port}.log"
        self._fh = self.log.open("w")
        extra = ["--blobs", str(blobs)] if blobs else []
        self.proc = subprocess.Popen(
            [str(CLI), "serve", "--db", db, "--host", "127.0.0.1", "--port", str(self.port),
             "--access-ttl", str(access_ttl), *extra],
            stdout=self._fh, stderr=subprocess.STDOUT, env=dict(os.environ, PYTHONUNBUFFERED="1"),
        )  # fmt: skip
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise SystemExit(f"the server exited: {self.log.read_text()[-2000:]}")
            try:
                if httpx.get(self.url + "/v1/meta", timeout=1).status_code == 200:
                    return
            except httpx.TransportError:
                time.sleep(0.1)
        raise SystemExit("the server did not start in 60 s")

    def mark(self) -> int:
        self._fh.flush()
        return self.log.stat().st_size

    def server_ms(self, since_mark: int, method: str, path_end: str) -> list[float]:
        """Server times (ms) that the server logged for requests after ``since_mark`` ending in ``path_end``."""
        time.sleep(0.2)  # the last log line is written after the answer went out
        with self.log.open("rb") as fh:
            fh.seek(since_mark)
            text = fh.read().decode("utf-8", "replace")
        out = []
        for m in _LOG_LINE.finditer(text):
            if m.group(1) == method and m.group(2).endswith(path_end) and m.group(3) == "200":
                out.append(float(m.group(4)))
        return out

    def token(self, user: str, muni: str | None = None) -> str:
        body = {"username": user, "password": PASSWORD}
        if muni:
            body["municipality"] = muni
        r = httpx.post(self.url + "/v1/auth/token", json=body, timeout=60)
        if r.status_code != 200:
            raise SystemExit(f"sign-in of {user} failed: {r.status_code} {r.text[:300]}")
        return r.json()["access_token"]

    def client(self, user: str, muni: str, timeout: float = 60) -> httpx.Client:
        return httpx.Client(
            base_url=f"{self.url}/v1/t/{muni}/",
            timeout=timeout,
            headers={"Authorization": f"Bearer {self.token(user, muni)}"},
        )

    def stop(self) -> None:
        self.proc.terminate()
        try:
            self.proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()
        self._fh.close()


def add_user_cli(db: str, muni: str, user: str, role: str, srid: int) -> None:
    """`scripts/cddp-server user add` (password on standard input), as an operator does it."""
    done = subprocess.run(
        [str(CLI), "user", "add", "--db", db, "--muni", muni, "--user", user, "--role", role, "--srid", str(srid)],
        input=PASSWORD + "\n", text=True, capture_output=True, timeout=120,
    )  # fmt: skip
    if done.returncode != 0:
        raise SystemExit(f"user add failed: {done.stderr[-500:]}")


def start_postgres():
    """A temporary PostgreSQL 15 + PostGIS 3 cluster on loopback (tests/server/pg.py); None with the reason
    when it cannot run here."""
    from tests.server.pg import TempCluster, missing_binaries

    problem = missing_binaries()
    if problem:
        return None, problem
    cluster = TempCluster()
    cluster.start()
    return cluster, None


def prueyai_parcels(srid: int = 32648) -> list[tuple[dict, dict]]:
    """Every real Prue Yai parcel as (values, geom) of an insert: reprojected to UTM 48N, WKB in base64."""
    import shapely
    from pyproj import Transformer
    from shapely.geometry import shape

    feats = json.loads((SHARED / "prueyai" / "parcel.geojson").read_text(encoding="utf-8"))["features"]
    to_utm = Transformer.from_crs(4326, srid, always_xy=True)
    geoms = [shape(f["geometry"]) for f in feats]
    geoms = shapely.transform(np.array(geoms, dtype=object), lambda xy: np.column_stack(to_utm.transform(*xy.T)))
    geoms = [g if g.geom_type == "MultiPolygon" else shapely.MultiPolygon([g]) for g in geoms]
    wkbs = shapely.to_wkb(np.array(geoms, dtype=object))
    out = []
    for f, g, w in zip(feats, geoms, wkbs, strict=True):
        p = f["properties"]
        values = {"parcel_code": p.get("parcel_code"), "zone": p.get("zone"), "block": p.get("block"),
                  "lot": str(p["lot"]) if p.get("lot") is not None else None, "mapsheet": p.get("Mapsheet"),
                  "area_sqm": round(g.area, 2), "source": "prueyai tax map"}  # fmt: skip
        out.append(
            ({k: v for k, v in values.items() if v is not None}, {"wkb": base64.b64encode(w).decode(), "srid": srid})
        )
    return out


def change(layer: str, op: str, fid: str | None = None, base: int = 0, values: dict | None = None, geom=None) -> dict:
    c = {"change_id": uuid.uuid4().hex, "layer": layer, "uuid": fid or str(uuid.uuid4()), "op": op,
         "base_version": base}  # fmt: skip
    if values is not None:
        c["values"] = values
    if geom is not None:
        c["geom"] = geom
    return c


def machine_note() -> str:
    load = os.getloadavg()
    return f"{os.cpu_count()} cores, load average {load[0]:.2f} {load[1]:.2f} {load[2]:.2f} at start"


@contextlib.contextmanager
def store(kind: str, prefix: str):
    """A server store for one bench run: (url, its temporary folder, its blob folder), or None when
    PostgreSQL cannot run here (the reason printed); the temporary cluster and folder removed afterwards."""
    tmp = Path(tempfile.mkdtemp(prefix=f"{prefix}-{kind}-", dir=OUT))
    cluster = None
    try:
        if kind == "sqlite":
            yield str(tmp / "cddp.sqlite"), tmp, None
            return
        cluster, problem = start_postgres()
        if cluster is None:
            print(f"  postgresql: skipped — {problem}")
            yield None
            return
        yield cluster.url(cluster.new_database(), driver="postgresql"), tmp, tmp / "blobs"
    finally:
        if cluster is not None:
            cluster.stop()
        shutil.rmtree(tmp, ignore_errors=True)
