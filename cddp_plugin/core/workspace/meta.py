"""The workspace's metadata table (cddp_meta), and opening a workspace with clear errors."""

from __future__ import annotations

import os
import sqlite3

from ..common.errors import CddpError
from ..common.i18n import translate
from . import files, gpkg
from .gpkg import check_schema_version, sqlite_error, sqlite_uri


def recover(path: str | os.PathLike, timeout: float | None = None) -> bool:
    """Finish a crashed writer's transaction: a hot ``-journal`` is rolled back and a ``-wal`` replayed
    by opening the workspace read-write (SQLite does it on the first read). Returns whether there was
    a journal. A read-only workspace with a journal is a clear error (it cannot be read safely)."""
    p = os.fspath(path)
    timeout = gpkg.BUSY_TIMEOUT_S if timeout is None else timeout
    journals = [j for j in (f"{p}-journal", f"{p}-wal") if os.path.isfile(j) and os.path.getsize(j) > 0]
    if not journals:
        return False
    if not (os.access(p, os.W_OK) and os.access(os.path.dirname(os.path.abspath(p)), os.W_OK)):
        raise CddpError(
            translate(
                "core",
                "{path} was being written when a program stopped, and its journal ({journal}) must be applied before it can be read, but the file or folder is read-only. Make them writable and open it again; do not delete the journal file and do not re-create the workspace.",
            ),
            path=p,
            journal=os.path.basename(journals[0]),
        )
    try:
        con = sqlite3.connect(sqlite_uri(p, mode="rw"), uri=True, timeout=timeout)
        try:
            con.execute("SELECT count(*) FROM sqlite_master").fetchone()
        finally:
            con.close()
    except sqlite3.Error as exc:
        err = sqlite_error(exc, p, timeout)
        if err is not None and "locked" not in str(exc).lower() and "busy" not in str(exc).lower():
            return True  # not a database after all: the caller says so
        raise (err or exc) from exc
    return True


def read_meta(path: str | os.PathLike) -> dict[str, str] | None:
    """The ``cddp_meta`` of a workspace, or None if ``path`` is not a CDDP workspace.

    A workspace left with a journal by a crash is recovered first; one that another program keeps
    busy for longer than the busy timeout is a CddpError, never "not a workspace".
    """
    p = os.fspath(path)
    if not os.path.isfile(p):
        return None
    try:
        with open(p, "rb") as f:
            if f.read(16) != b"SQLite format 3\x00":
                return None
    except OSError:
        return None
    recover(p)
    try:
        con = sqlite3.connect(sqlite_uri(p, mode="ro"), uri=True, timeout=gpkg.BUSY_TIMEOUT_S)
    except sqlite3.Error:
        return None
    try:
        return dict(con.execute("SELECT key, value FROM cddp_meta"))
    except sqlite3.DatabaseError as exc:
        text = str(exc).lower()
        if "locked" in text or "busy" in text:
            raise sqlite_error(exc, p) from exc
        return None
    finally:
        con.close()


def workspace_meta(path: str | os.PathLike) -> dict[str, str]:
    """The ``cddp_meta`` of the workspace ``path``, or a CddpError that says what the file is instead
    (missing, empty, a web page, truncated, a GeoPackage without CDDP tables, an older or newer schema)."""
    p = os.fspath(path)
    if not os.path.isfile(p):
        raise CddpError(
            translate(
                "core",
                "The workspace {path} does not exist. Check the path, or create it with Create municipal workspace.",
            ),
            path=p,
        )
    files.check_data_file(p)
    meta = read_meta(p)
    if meta is None or "schema_version" not in meta:
        raise CddpError(
            translate(
                "core",
                "{path} is not a CDDP workspace (it has no CDDP metadata). Choose the municipality's workspace GeoPackage; to use this file's data, import it into a workspace.",
            ),
            path=p,
        )
    check_schema_version(meta["schema_version"], p)
    return meta


def clear_error(exc: BaseException, path: str | os.PathLike | None) -> CddpError | None:
    """The clear message for a SQLite error that escaped a job on the workspace ``path`` (busy,
    read-only, damaged, disk full), or None when ``exc`` is something else."""
    if not isinstance(exc, sqlite3.Error):
        return None
    return sqlite_error(exc, os.fspath(path) if path else translate("core", "The workspace"))
