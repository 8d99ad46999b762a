"""The sync state of a workspace by its path, for Processing algorithms and docks (which never open the
GeoPackage themselves, tests/test_layout.py): the connection to keep, the status to show, the open issues."""

from __future__ import annotations

import os
from contextlib import closing

from ..workspace import gpkg
from . import jobs, state


def save_connection(path: str | os.PathLike, url: str | None, authcfg: str | None) -> None:
    """Keep the server address and the QGIS authcfg id in the workspace (never a user name or password)."""
    with closing(gpkg.connect(path)) as con:
        jobs.set_connection(con, url, authcfg)


def read_status(path: str | os.PathLike) -> state.Status:
    with closing(gpkg.connect(path, readonly=True)) as con:
        return state.status(con)


def read_issues(path: str | os.PathLike, kind: str | None = None) -> list[state.Issue]:
    with closing(gpkg.connect(path, readonly=True)) as con:
        return state.open_issues(con, kind)
