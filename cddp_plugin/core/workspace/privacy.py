"""PDPA: the audit log of every look at personal data (cddp_personal_data_log)."""

from __future__ import annotations

import json
import re

from ..common.pii import scrub_pii
from . import gpkg


def log_personal_data(workspace_path: str, who: str, action: str, what: dict) -> None:
    """Record a use of personal data in the workspace (PDPA audit trail)."""
    con = gpkg.connect(workspace_path)
    try:
        with con:
            con.execute(
                "INSERT INTO cddp_personal_data_log (who, action, what) VALUES (?, ?, ?)",
                (who, action, json.dumps(what, ensure_ascii=False, default=str)),
            )
    finally:
        con.close()


# Column names (lower case, spaces/dashes as "_") that hold names, phones, national ids or e-mails of
# people: what a file of rejected rows must never copy (the import does not store them either).
_PERSONAL_COLUMN = re.compile(
    r"(^|_)(full_?name|first_?name|last_?name|given_?name|family_?name|surname|fname|lname|owner_?name|"
    r"resident(s|_names?)?|person|reporter|citizen(_id)?|national_?id|id_?card|idcard|pid|cid|"
    r"phone|telephone|tel|mobile|msisdn|e_?mail|mail|line_?id|contact)($|_)"
    r"|ชื่อ(?!(ถนน|หมู่บ้าน|ซอย|ชุมชน|โครงการ|ตำบล|อำเภอ|จังหวัด|แปลง|เทศบาล|อาคาร|สถานที่))|นามสกุล|โทร|มือถือ"
    r"|บัตรประ|เลขประจำตัวประชาชน|อีเมล|ไลน์|ผู้แจ้ง"
)
_KEEP_COLUMNS = ("row", "reason")


def is_personal_column(name: str) -> bool:
    """Whether a source column's name says it holds personal contact or identity data."""
    key = re.sub(r"[\s\-./]+", "_", str(name).strip().lower())
    return key not in _KEEP_COLUMNS and bool(_PERSONAL_COLUMN.search(key))


def strip_personal(frame):
    """A copy of ``frame`` (rejected rows of an import) without personal columns (names, phones,
    national ids, e-mails), with contact details scrubbed from the remaining text, and the names of
    the columns it dropped."""
    dropped = [c for c in frame.columns if c != getattr(frame, "_geometry_column_name", None) and is_personal_column(c)]
    out = frame.drop(columns=dropped)
    for c in out.columns:
        if out[c].dtype == object and c != getattr(out, "_geometry_column_name", None):
            out[c] = out[c].map(lambda v: scrub_pii(v) if isinstance(v, str) else v)
    return out, dropped
