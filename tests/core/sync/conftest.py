"""Sync tests: real workspaces (GeoPackages made by the core) against the real reference server over HTTP
on 127.0.0.1 (``scripts/cddp-server serve``), on SQLite and on a temporary PostgreSQL cluster — the
server fixtures of tests/server. Nothing of ours is mocked."""

from __future__ import annotations

import pytest

from tests.server.conftest import MUNI, PASSWORD, USERS, Server, _store_url, add_user
from tests.server.pg import pg_cluster, pg_database  # noqa: F401  (the temporary PostgreSQL cluster)

__all__ = ["MUNI", "PASSWORD"]


@pytest.fixture(scope="module", params=["sqlite", "postgresql"])
def store(request, tmp_path_factory) -> str:
    tmp = tmp_path_factory.mktemp(f"sync-store-{request.param}")
    url = _store_url(request.param, tmp, request)
    for muni, user, role in USERS:
        out = add_user(url, muni, user, role)
        assert out.returncode == 0, out.stderr
    return url


@pytest.fixture(scope="module")
def server(store, tmp_path_factory):
    srv = Server(store, tmp_path_factory.mktemp("sync-server"))
    yield srv
    srv.stop()


def client_for(server, user: str, **kw):
    from cddp_plugin.core.sync.http import ApiClient, Credentials

    return ApiClient(server.url, MUNI, Credentials(user, PASSWORD), **kw)


def new_workspace(path, area):
    from cddp_plugin.core.workspace import create

    return create.create_workspace(path, area, "ปรือใหญ่", "EPSG:32648", user="tester")
