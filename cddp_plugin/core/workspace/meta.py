"""The workspace's metadata table (cddp_meta)."""

from __future__ import annotations

import os
import sqlite3


def read_meta(path: str | os.PathLike) -> dict[str, str] | None:
    """The ``cddp_meta`` of a workspace, or None if ``path`` is not a CDDP workspace."""
    try:
        con = sqlite3.connect(f"file:{os.fspath(path)}?mode=ro", uri=True)
    except sqlite3.Error:
        return None
    try:
        return dict(con.execute("SELECT key, value FROM cddp_meta"))
    except sqlite3.DatabaseError:
        return None
    finally:
        con.close()
