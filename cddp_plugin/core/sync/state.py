"""The sync's own tables in the workspace, and reads of them (writes are in :mod:`.jobs`).

* ``cddp_sync_outbox`` — changes prepared from the change log, squashed per feature, each with its
  ``change_id`` and JSON body fixed before the first send (a retry resends the very same bytes), in
  numbered batches; a row leaves the outbox when the server has given it a final status.
* ``cddp_sync_batches`` — one ``Idempotency-Key`` per batch.
* ``cddp_sync_issues`` — conflicts and rejected changes, with base / mine / theirs, until resolved.
* ``cddp_meta`` keys ``sync_url``, ``sync_authcfg`` (a QGIS authentication-configuration id; never a
  token or password), ``sync_device``, ``sync_cursor``, ``sync_etag``, ``sync_last`` (JSON summary).

Change-log entries taken into the outbox are marked ``pushed_at = 'outbox'``; they get the time of the
answer when the server has given every change of their feature a final status.
"""

from __future__ import annotations

import json
import sqlite3
from dataclasses import asdict, dataclass, field

from ..workspace import schema

IN_OUTBOX = "outbox"
META_KEYS = ("sync_url", "sync_authcfg", "sync_device", "sync_cursor", "sync_etag", "sync_last")

TABLES_SQL = """
CREATE TABLE IF NOT EXISTS cddp_sync_batches (
  batch INTEGER PRIMARY KEY,
  idempotency_key TEXT NOT NULL UNIQUE,
  created_at TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS cddp_sync_outbox (
  change_id TEXT PRIMARY KEY NOT NULL,
  batch INTEGER NOT NULL,
  ord INTEGER NOT NULL,
  layer TEXT NOT NULL,
  uuid TEXT NOT NULL,
  op TEXT NOT NULL,
  base_version INTEGER,
  payload TEXT NOT NULL,
  base_values TEXT,
  note TEXT
);
CREATE INDEX IF NOT EXISTS cddp_sync_outbox_batch ON cddp_sync_outbox (batch, ord);
CREATE INDEX IF NOT EXISTS cddp_sync_outbox_feature ON cddp_sync_outbox (layer, uuid);
CREATE TABLE IF NOT EXISTS cddp_sync_issues (
  change_id TEXT PRIMARY KEY NOT NULL,
  kind TEXT NOT NULL CHECK (kind IN ('conflict', 'rejected')),
  layer TEXT NOT NULL,
  uuid TEXT NOT NULL,
  op TEXT NOT NULL,
  conflict_id TEXT,
  code TEXT,
  reason TEXT,
  fields TEXT,
  mine TEXT,
  theirs TEXT,
  base TEXT,
  created_at TEXT NOT NULL,
  resolved_at TEXT,
  resolution TEXT
);
CREATE INDEX IF NOT EXISTS cddp_sync_issues_feature ON cddp_sync_issues (layer, uuid);
"""


def has_tables(con: sqlite3.Connection) -> bool:
    return (
        con.execute("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'cddp_sync_outbox'").fetchone()
        is not None
    )


def meta(con: sqlite3.Connection) -> dict[str, str]:
    marks = ", ".join("?" * len(META_KEYS))
    return dict(con.execute(f"SELECT key, value FROM cddp_meta WHERE key IN ({marks})", META_KEYS).fetchall())


@dataclass
class Status:
    """What the Workspace dock shows: last sync, edits waiting, conflicts, rejected."""

    url: str | None = None
    authcfg: str | None = None
    last: dict = field(default_factory=dict)
    waiting: int = 0
    conflicts: int = 0
    rejected: int = 0
    cursor: int = 0

    def as_dict(self) -> dict:
        return asdict(self)


def status(con: sqlite3.Connection) -> Status:
    m = meta(con)
    out = Status(url=m.get("sync_url"), authcfg=m.get("sync_authcfg"), cursor=int(m.get("sync_cursor") or 0))
    try:
        out.last = json.loads(m.get("sync_last") or "{}")
    except ValueError:
        out.last = {}
    # edits waiting: features with log entries not yet answered (one feature's edits are one change)
    out.waiting = con.execute(
        "SELECT count(*) FROM (SELECT DISTINCT layer, feature_uuid FROM cddp_changelog"
        " WHERE pushed_at IS NULL OR pushed_at = ?)",
        (IN_OUTBOX,),
    ).fetchone()[0]
    if has_tables(con):
        for kind, n in con.execute(
            "SELECT kind, count(*) FROM cddp_sync_issues WHERE resolved_at IS NULL GROUP BY kind"
        ).fetchall():
            setattr(out, "conflicts" if kind == "conflict" else "rejected", n)
    return out


@dataclass
class Issue:
    change_id: str
    kind: str
    layer: str
    uuid: str
    op: str
    conflict_id: str | None
    code: str | None
    reason: str | None
    fields: list[str]
    mine: dict
    theirs: dict
    base: dict
    created_at: str


def open_issues(con: sqlite3.Connection, kind: str | None = None) -> list[Issue]:
    if not has_tables(con):
        return []
    q = (
        "SELECT change_id, kind, layer, uuid, op, conflict_id, code, reason, fields, mine, theirs, base, created_at"
        " FROM cddp_sync_issues WHERE resolved_at IS NULL"
    )
    args: tuple = ()
    if kind:
        q += " AND kind = ?"
        args = (kind,)
    out = []
    for r in con.execute(q + " ORDER BY created_at, change_id", args):
        out.append(
            Issue(
                r[0], r[1], r[2], r[3], r[4], r[5], r[6], r[7], json.loads(r[8] or "[]"), json.loads(r[9] or "{}"),
                json.loads(r[10] or "{}"), json.loads(r[11] or "{}"), r[12],
            )
        )  # fmt: skip
    return out


ALL = frozenset({"*"})


def protected_fields(con: sqlite3.Connection, layer: str, uuids: list[str],
                     except_issue: str | None = None) -> dict[str, frozenset[str]]:  # fmt: skip
    """Per feature of ``layer``: the fields a pulled change must not overwrite, because this workspace has
    an edit of them that the server has not taken yet (waiting in the log or the outbox, a resolution
    included) or that is in an open conflict (the client keeps its edit until it is resolved; but not the
    conflict ``except_issue``). :data:`ALL` for an insert or delete."""
    out: dict[str, set[str]] = {}
    for start in range(0, len(uuids), 500):
        part = uuids[start : start + 500]
        marks = ", ".join("?" * len(part))
        rows = con.execute(
            f"SELECT feature_uuid, op, new_values FROM cddp_changelog WHERE layer = ? AND feature_uuid IN ({marks})"
            " AND (pushed_at IS NULL OR pushed_at = ?)",
            (layer, *part, IN_OUTBOX),
        ).fetchall()
        if has_tables(con):
            rows += [
                (u, op, json.dumps(_payload_fields(mine)))
                for u, op, mine in con.execute(
                    f"SELECT uuid, op, mine FROM cddp_sync_issues WHERE layer = ? AND uuid IN ({marks})"
                    " AND resolved_at IS NULL AND kind = 'conflict' AND change_id IS NOT ?",
                    (layer, *part, except_issue),
                )
            ]
            rows += [  # changes waiting in the outbox (a resolution has no change-log entry)
                (u, op, json.dumps(_payload_fields(body)))
                for u, op, body in con.execute(
                    f"SELECT uuid, op, payload FROM cddp_sync_outbox WHERE layer = ? AND uuid IN ({marks})",
                    (layer, *part),
                )
            ]
        for u, op, new_values in rows:
            got = out.setdefault(u, set())
            if op in ("insert", "delete"):
                got.add("*")
            else:
                try:
                    got.update(json.loads(new_values or "{}"))
                except ValueError:
                    got.add("*")
    return {u: (ALL if "*" in f else frozenset(f)) for u, f in out.items()}


def _payload_fields(payload: str | None) -> dict[str, None]:
    """The fields a change body sets (its values, and ``geom`` when it carries a geometry)."""
    try:
        body = json.loads(payload or "{}")
    except ValueError:
        return {}
    out = dict.fromkeys(body.get("values") or {})
    if "geom" in body:
        out["geom"] = None
    return out


def layer_depth() -> dict[str, int]:
    """How many parents deep each layer is (parcels 0, households 1, residents 2…): deletes go children first."""
    parents: dict[str, list[str]] = {}
    for rel in schema.RELATIONS:
        parents.setdefault(rel.child, []).append(rel.parent)

    def depth(name: str, seen: frozenset[str] = frozenset()) -> int:
        ps = [p for p in parents.get(name, ()) if p not in seen and p != name]
        return 0 if not ps else 1 + max(depth(p, seen | {name}) for p in ps)

    return {layer.name: depth(layer.name) for layer in schema.LAYERS}
