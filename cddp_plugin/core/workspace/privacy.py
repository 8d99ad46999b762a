"""PDPA: the audit log of every look at personal data (cddp_personal_data_log)."""

from __future__ import annotations

import json
import sqlite3


def log_personal_data(workspace_path: str, who: str, action: str, what: dict) -> None:
    """Record a use of personal data in the workspace (PDPA audit trail)."""
    con = sqlite3.connect(workspace_path)
    try:
        with con:
            con.execute(
                "INSERT INTO cddp_personal_data_log (who, action, what) VALUES (?, ?, ?)",
                (who, action, json.dumps(what, ensure_ascii=False, default=str)),
            )
    finally:
        con.close()
