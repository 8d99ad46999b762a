"""A temporary PostgreSQL 15 + PostGIS 3 cluster that the server tests start themselves (SYNC.md "Proof").

Debian's `postgresql-15` and `postgresql-15-postgis-3` (scripts/setup-system.sh) give the binaries; nothing depends on
a cluster run as a service. PostgreSQL refuses to run as root and CI runs as root, so when root the cluster belongs to
the `postgres` system user (`runuser -u postgres --`); otherwise it belongs to whoever runs the tests.

- `initdb` into a fresh directory under /tmp (owned by the cluster's user, mode 0700), with a superuser `postgres`
  and password authentication (scram-sha-256) for loopback TCP; the unix socket lives inside that directory only.
- `pg_ctl start` on 127.0.0.1 and a free port; `listen_addresses` is loopback only.
- A template database with PostGIS; every store the tests ask for is `CREATE DATABASE … TEMPLATE` of it (fast),
  owned by the non-superuser role `cddp` the server connects as: the server must not need a superuser.
- `stop()` (`pg_ctl stop -m fast`, then the directory removed) runs from the session fixture's finally and from
  atexit, so a failing test or an interrupted run leaves nothing behind.

Durability is switched off (fsync, synchronous_commit, full_page_writes): the cluster lives for one test session.
Only the client tools of the cluster itself (psql) are used here, so this module needs no Python driver.
"""

from __future__ import annotations

import atexit
import os
import pwd
import re
import secrets
import shutil
import socket
import subprocess
import tempfile
import time
from pathlib import Path

import pytest

BIN = Path(os.environ.get("CDDP_PG_BIN", "/usr/lib/postgresql/15/bin"))
SUPERUSER = "postgres"
APP_ROLE = "cddp"
TEMPLATE = "cddp_template"
INSTALL_HINT = (
    "PostgreSQL 15 with PostGIS 3 is needed for the server tests on PostgreSQL: run `make setup` "
    "(scripts/setup-system.sh installs postgresql-15 and postgresql-15-postgis-3), or set CDDP_PG_BIN to the folder "
    "of initdb/pg_ctl/psql."
)


class ClusterError(RuntimeError):
    pass


def missing_binaries() -> str | None:
    """None when the cluster can be started here, else what is missing and how to get it."""
    absent = [name for name in ("initdb", "pg_ctl", "psql", "postgres") if not (BIN / name).exists()]
    if absent:
        return f"{', '.join(absent)} not found in {BIN}. {INSTALL_HINT}"
    if not Path("/usr/share/postgresql/15/extension/postgis.control").exists() and "CDDP_PG_BIN" not in os.environ:
        return f"the PostGIS extension is not installed for PostgreSQL 15. {INSTALL_HINT}"
    if os.geteuid() == 0:
        try:
            pwd.getpwnam(SUPERUSER)
        except KeyError:
            return f"running as root needs the `postgres` system user (PostgreSQL refuses root). {INSTALL_HINT}"
    return None


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _ident(name: str) -> str:
    if not re.fullmatch(r"[a-z_][a-z0-9_]{0,62}", name):
        raise ValueError(f"not a plain identifier: {name!r}")
    return name


class TempCluster:
    def __init__(self, *, log_line_prefix: str = "%m [%p] db=%d user=%u ") -> None:
        self.root: Path | None = None
        self.port: int | None = None
        self.password = secrets.token_urlsafe(18)
        self.app_password = secrets.token_urlsafe(18)
        self.log_line_prefix = log_line_prefix
        self._databases = 0
        self._started = False

    # -- paths -----------------------------------------------------------------------------------------------------
    @property
    def data(self) -> Path:
        return self.root / "data"

    @property
    def socket_dir(self) -> Path:
        return self.root / "sock"

    @property
    def log_file(self) -> Path:
        return self.root / "postgres.log"

    # -- running the cluster's own programs -------------------------------------------------------------------------
    def _as_owner(self, argv: list[str]) -> list[str]:
        return ["runuser", "-u", SUPERUSER, "--", *argv] if os.geteuid() == 0 else argv

    def _run(self, argv: list[str], *, timeout: float = 60, env: dict | None = None) -> str:
        full_env = dict(os.environ, LC_ALL="C.UTF-8", LANG="C.UTF-8", **(env or {}))
        done = subprocess.run(
            self._as_owner(argv), capture_output=True, text=True, timeout=timeout, env=full_env, cwd=self.root
        )
        if done.returncode != 0:
            raise ClusterError(
                f"{Path(argv[0]).name} failed ({done.returncode}): {done.stderr.strip() or done.stdout.strip()}"
                + (f"\n--- {self.log_file} ---\n{self.log_tail()}" if self.log_file.exists() else "")
            )
        return done.stdout

    def log_tail(self, lines: int = 30) -> str:
        try:
            return "\n".join(self.log_file.read_text(errors="replace").splitlines()[-lines:])
        except OSError:
            return ""

    def psql(self, sql: str, *, database: str = "postgres") -> str:
        """Run SQL as the superuser over the cluster's own unix socket; returns unaligned, tuples-only output."""
        return self._run(
            [
                str(BIN / "psql"),
                "-X",
                "-q",
                "-v",
                "ON_ERROR_STOP=1",
                "-At",
                "-h",
                str(self.socket_dir),
                "-p",
                str(self.port),
                "-U",
                SUPERUSER,
                "-d",
                database,
                "-c",
                sql,
            ]
        )

    # -- life cycle -------------------------------------------------------------------------------------------------
    def start(self) -> TempCluster:
        problem = missing_binaries()
        if problem:
            raise ClusterError(problem)
        self.root = Path(tempfile.mkdtemp(prefix="cddp-pg-"))
        self.socket_dir.mkdir()
        pwfile = self.root / "pw"
        pwfile.write_text(self.password + "\n")
        if os.geteuid() == 0:
            owner = pwd.getpwnam(SUPERUSER)
            for p in (self.root, self.socket_dir, pwfile):
                os.chown(p, owner.pw_uid, owner.pw_gid)
        os.chmod(self.root, 0o700)
        os.chmod(pwfile, 0o600)
        atexit.register(self.stop)
        self._run(
            [
                str(BIN / "initdb"),
                "-D",
                str(self.data),
                "-U",
                SUPERUSER,
                f"--pwfile={pwfile}",
                "--auth-local=trust",  # the socket is inside a 0700 directory of the cluster's owner
                "--auth-host=scram-sha-256",
                "--encoding=UTF8",
                "--locale=C.UTF-8",
                "--no-sync",
            ],
            timeout=120,
        )
        pwfile.unlink()
        options = {
            "listen_addresses": "'127.0.0.1'",
            "unix_socket_directories": f"'{self.socket_dir}'",
            "fsync": "off",
            "synchronous_commit": "off",
            "full_page_writes": "off",
            "max_connections": "200",
            "shared_buffers": "128MB",
            "log_line_prefix": f"'{self.log_line_prefix}'",
            "log_min_messages": "warning",
            "logging_collector": "off",
        }
        with open(self.data / "postgresql.conf", "a", encoding="utf-8") as conf:
            conf.write("\n# cddp tests (tests/server/pg.py)\n")
            conf.writelines(f"{k} = {v}\n" for k, v in options.items())
        # pg_hba.conf from initdb: local trust, host 127.0.0.1/32 and ::1/128 with scram-sha-256 — loopback only.
        last_error = None
        for _ in range(5):  # the free port may be taken between choosing and binding it
            self.port = free_port()
            try:
                self._run(
                    [str(BIN / "pg_ctl"), "-D", str(self.data), "-l", str(self.log_file), "-w", "-t", "60", "-o",
                     f"-p {self.port}", "start"],
                    timeout=90,
                )  # fmt: skip
                break
            except ClusterError as error:
                last_error = error
                if "could not bind" not in self.log_tail() and "in use" not in self.log_tail():
                    raise
        else:
            raise last_error
        self._started = True
        self.psql(f"CREATE ROLE {APP_ROLE} LOGIN PASSWORD '{self.app_password}'")
        self.psql(f"CREATE DATABASE {TEMPLATE} OWNER {APP_ROLE}")
        self.psql("CREATE EXTENSION IF NOT EXISTS postgis", database=TEMPLATE)
        self.psql(f"ALTER DATABASE {TEMPLATE} WITH IS_TEMPLATE true")
        return self

    def stop(self) -> None:
        if self.root is None:
            return
        try:
            if self._started and (self.data / "postmaster.pid").exists():
                try:
                    self._run([str(BIN / "pg_ctl"), "-D", str(self.data), "-m", "fast", "-w", "stop"], timeout=60)
                except (ClusterError, subprocess.TimeoutExpired):
                    self._run([str(BIN / "pg_ctl"), "-D", str(self.data), "-m", "immediate", "stop"], timeout=30)
        finally:
            self._started = False
            shutil.rmtree(self.root, ignore_errors=True)
            self.root = None

    @property
    def running(self) -> bool:
        return self._started and self.root is not None and (self.data / "postmaster.pid").exists()

    # -- databases --------------------------------------------------------------------------------------------------
    def new_database(self, name: str | None = None) -> str:
        """A fresh database with PostGIS, owned by the app role; returns its name."""
        self._databases += 1
        name = _ident(name or f"cddp_{self._databases}_{secrets.token_hex(3)}")
        self.psql(f"CREATE DATABASE {name} TEMPLATE {TEMPLATE} OWNER {APP_ROLE}")
        return name

    def drop_database(self, name: str) -> None:
        self.psql(f"DROP DATABASE IF EXISTS {_ident(name)} WITH (FORCE)")

    def url(self, database: str, *, driver: str = "postgresql+psycopg", superuser: bool = False) -> str:
        """The SQLAlchemy URL the server is given (`postgresql+psycopg://…`; driver="postgresql" for libpq tools)."""
        user, password = (SUPERUSER, self.password) if superuser else (APP_ROLE, self.app_password)
        return f"{driver}://{user}:{password}@127.0.0.1:{self.port}/{database}"


def wait_until(predicate, timeout: float = 10.0, interval: float = 0.05) -> bool:
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        if predicate():
            return True
        time.sleep(interval)
    return bool(predicate())


# -- fixtures (tests/server/conftest.py imports them) ---------------------------------------------------------------
@pytest.fixture(scope="session")
def pg_cluster():
    """The session's one temporary cluster, started on first use and always stopped and removed.

    Missing PostgreSQL fails the tests that need it (CI must test both stores) unless CDDP_PG=skip is set."""
    problem = missing_binaries()
    if problem:
        if os.environ.get("CDDP_PG") == "skip":
            pytest.skip(problem)
        pytest.fail(problem, pytrace=False)
    cluster = TempCluster()
    try:
        cluster.start()
        yield cluster
    finally:
        cluster.stop()


@pytest.fixture
def pg_database(pg_cluster):
    """A fresh, empty PostGIS database for one test; dropped afterwards."""
    name = pg_cluster.new_database()
    yield name
    pg_cluster.drop_database(name)
