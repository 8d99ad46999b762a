"""The reference server started for real: `scripts/cddp-server serve` on 127.0.0.1 and a free port, over a
store given by the `store` fixture (params: "sqlite" and "postgresql"), users made with
`scripts/cddp-server user add`, and httpx talking HTTP to it. Nothing of ours is mocked.

PostgreSQL is a temporary PostgreSQL 15 + PostGIS 3 cluster the tests start themselves (tests/server/pg.py:
`pg_cluster` once per session on a free loopback port, a fresh database per store); tests/server/test_catalog.py
holds the Citus rules on its catalog."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.server.pg import pg_cluster, pg_database  # noqa: F401  (the temporary PostgreSQL cluster)

httpx = pytest.importorskip("httpx")

ROOT = Path(__file__).resolve().parents[2]
CLI = ROOT / "scripts" / "cddp-server"
MUNI, OTHER = "330506", "1007"
PASSWORD = "correct-horse-battery"
USERS = [  # (municipality, user, role)
    (MUNI, "admin1", "admin"),
    (MUNI, "gis1", "gis_editor"),
    (MUNI, "gis2", "gis_editor"),
    (MUNI, "insp1", "inspector"),
    (MUNI, "reg1", "registrar"),
    (MUNI, "view1", "viewer"),
    (MUNI, "co1", "complaint_officer"),
    (OTHER, "gis_pw", "gis_editor"),
]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _store_url(kind: str, tmp: Path, request=None) -> str:
    if kind == "sqlite":
        return str(tmp / "cddp.sqlite")
    cluster = request.getfixturevalue("pg_cluster")  # a fresh PostGIS database, owned by a non-superuser role
    return cluster.url(cluster.new_database(), driver="postgresql")


def add_user(db: str, muni: str, user: str, role: str, password: str = PASSWORD) -> subprocess.CompletedProcess:
    srid = "32648" if muni == MUNI else "32647"
    return subprocess.run(
        [str(CLI), "user", "add", "--db", db, "--muni", muni, "--user", user, "--role", role, "--srid", srid],
        input=password + "\n",
        text=True,
        capture_output=True,
        timeout=60,
    )


class Server:
    def __init__(self, db: str, tmp: Path, access_ttl: int = 900) -> None:
        self.db = db
        self.port = _free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.log = tmp / f"server-{self.port}.log"
        self._fh = self.log.open("w")
        env = dict(os.environ, PYTHONUNBUFFERED="1")
        blobs = ["--blobs", str(tmp / "blobs")] if db.startswith("postgresql") else []  # SQLite: <db>.blobs/
        self.blobs = tmp / "blobs" if blobs else Path(db + ".blobs")  # where the server keeps the bytes
        self.proc = subprocess.Popen(
            [str(CLI), "serve", "--db", db, "--host", "127.0.0.1", "--port", str(self.port),
             "--access-ttl", str(access_ttl), *blobs],
            stdout=self._fh, stderr=subprocess.STDOUT, env=env,
        )  # fmt: skip
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError(f"server exited: {self.log.read_text()}")
            try:
                if httpx.get(self.url + "/v1/meta", timeout=1).status_code == 200:
                    break
            except httpx.TransportError:
                time.sleep(0.1)
        else:
            raise RuntimeError("server did not start in 30 s")
        self.client = httpx.Client(base_url=self.url, timeout=30)

    def token(self, user: str, password: str = PASSWORD, muni: str | None = None) -> dict:
        body = {"username": user, "password": password}
        if muni:
            body["municipality"] = muni
        r = self.client.post("/v1/auth/token", json=body)
        assert r.status_code == 200, r.text
        return r.json()

    def as_user(self, user: str, muni: str | None = None) -> httpx.Client:
        """A client of ``user`` whose relative paths are under /v1/t/<its municipality>/."""
        muni = muni or next(m for m, u, _ in USERS if u == user)
        tok = self.token(user)["access_token"]
        return httpx.Client(base_url=f"{self.url}/v1/t/{muni}/", timeout=30, headers={"Authorization": f"Bearer {tok}"})

    def stop(self) -> None:
        self.client.close()
        self.proc.terminate()
        try:
            self.proc.wait(timeout=15)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()
        self._fh.close()


@pytest.fixture(scope="module", params=["sqlite", "postgresql"])
def store(request, tmp_path_factory) -> str:
    tmp = tmp_path_factory.mktemp(f"store-{request.param}")
    url = _store_url(request.param, tmp, request)
    for muni, user, role in USERS:
        out = add_user(url, muni, user, role)
        assert out.returncode == 0, out.stderr
    return url


@pytest.fixture(scope="module")
def server(store, tmp_path_factory):
    srv = Server(store, tmp_path_factory.mktemp("server"))
    yield srv
    srv.stop()


@pytest.fixture(scope="module")
def clients(server):
    made = {user: server.as_user(user) for _, user, _ in USERS}
    yield made
    for c in made.values():
        c.close()


sys.path.insert(0, str(ROOT))
