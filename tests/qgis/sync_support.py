"""What the QGIS sync tests share: the real reference server on 127.0.0.1 over a SQLite store (the fixtures of
tests/server), workspaces made by the core, and a QGIS authentication database of their own (a temporary
file, so no profile's real database is touched)."""

from __future__ import annotations

import os

import pytest
import shapely

from tests.server.conftest import MUNI, PASSWORD, USERS, Server, add_user

AUTH_MASTER = "cddp-tests-master-password"


@pytest.fixture(scope="module")
def sync_server(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("qgis-sync-server")
    db = str(tmp / "cddp.sqlite")
    for muni, user, role in USERS:
        out = add_user(db, muni, user, role)
        assert out.returncode == 0, out.stderr
    srv = Server(db, tmp)
    yield srv
    srv.stop()


@pytest.fixture(scope="session")
def auth_db(qgis_app, tmp_path_factory):
    """QGIS's authentication manager on a temporary database with a master password (set before the
    manager is first used in this process; otherwise the tests would write into the user's profile)."""
    from qgis.core import QgsApplication

    manager = QgsApplication.authManager()
    path = str(tmp_path_factory.mktemp("qgis-auth") / "qgis-auth.db")
    manager.setup(QgsApplication.pluginPath(), path)
    manager.ensureInitialized()
    if os.path.realpath(manager.authenticationDatabasePath()) != os.path.realpath(path):
        # something in this session used the manager first: its database then (the tests' profile), as long as
        # it has no master password or ours
        if manager.masterPasswordHashInDatabase() and not manager.setMasterPassword(AUTH_MASTER, True):
            pytest.fail(f"{manager.authenticationDatabasePath()} has another master password")
    assert manager.setMasterPassword(AUTH_MASTER, True)
    return manager


def basic_authcfg(user: str, password: str = PASSWORD) -> str:
    from cddp_plugin.toolbelt.sync_auth import store_basic

    return store_basic(f"CDDP test {user}", user, password)


def core_client(server, user: str, **kw):
    from cddp_plugin.core.sync.http import ApiClient, Credentials

    return ApiClient(server.url, MUNI, Credentials(user, PASSWORD), **kw)


def add_parcel(path, code: str, x: float = 0, zone: str | None = None) -> str:
    from cddp_plugin.core.workspace import gpkg

    con = gpkg.connect(path)
    try:
        blob = gpkg.to_blob(
            shapely.MultiPolygon([shapely.box(500000 + x, 1600000, 500040 + x, 1600040)]), gpkg.srs_id(con, "parcels")
        )
        with con:
            cur = con.execute(
                "INSERT INTO parcels (parcel_code, area_sqm, zone, geom, updated_by) VALUES (?, 1600, ?, ?, 'tester')",
                (code, zone, blob),
            )
        return con.execute("SELECT uuid FROM parcels WHERE fid = ?", (cur.lastrowid,)).fetchone()[0]
    finally:
        con.close()


def execute(path, sql: str, args=()) -> list:
    from cddp_plugin.core.workspace import gpkg

    con = gpkg.connect(path)
    try:
        with con:
            return con.execute(sql, args).fetchall()
    finally:
        con.close()


__all__ = ["MUNI", "PASSWORD", "auth_db", "sync_server"]
