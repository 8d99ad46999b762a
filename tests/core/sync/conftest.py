"""Sync tests: real workspaces (GeoPackages made by the core) against the real reference server over HTTP
on 127.0.0.1 (``scripts/cddp-server serve``), on SQLite and on a temporary PostgreSQL cluster — the
server fixtures of tests/server. Nothing of ours is mocked."""

from __future__ import annotations

from tests.server.conftest import MUNI, PASSWORD, server, store  # noqa: F401  (the server on both stores)
from tests.server.pg import pg_cluster, pg_database  # noqa: F401  (the temporary PostgreSQL cluster)

__all__ = ["MUNI", "PASSWORD"]


def client_for(srv, user: str, **kw):
    from cddp_plugin.core.sync.http import ApiClient, Credentials

    return ApiClient(srv.url, MUNI, Credentials(user, PASSWORD), **kw)


def new_workspace(path, area):
    from cddp_plugin.core.workspace import create

    return create.create_workspace(path, area, "ปรือใหญ่", "EPSG:32648", user="tester")
