"""Every write the sync makes to a workspace, each step in one transaction with its state (SYNC.md):

* :func:`prepare_outbox` — squash the waiting change-log entries per feature into changes with fixed
  ids and bodies, in batches, and mark the entries as taken (one transaction);
* :func:`acknowledge` — one batch's answer: versions set, conflicts and rejections kept as issues, the
  entries of finished features marked pushed, ``retry`` changes moved to a new batch (one transaction);
* :func:`apply_page` / :func:`apply_snapshot` — server changes written with ``sync_applying`` set and
  cleared inside the same transaction as the writes and the new cursor, so a crash can never leave the
  change log switched off, and a page is applied whole or not at all;
* :func:`resolve` — a conflict taken as "mine", "theirs" or an edited result.

A crash between any two steps resumes to the same result as running once: the outbox keeps its ids and
bodies (the server answers a resent change ``duplicate`` with the first result), and the cursor moves
only with the page it belongs to.
"""

from __future__ import annotations

import json
import sqlite3
import uuid as uuidlib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from ..common.times import format_utc
from ..workspace import gpkg, schema
from ..workspace.changelog import REDACTED
from . import state, wire


def now() -> str:
    import datetime as dt

    return format_utc(dt.datetime.now(dt.UTC))


def _begin(con: sqlite3.Connection) -> None:
    con.execute("BEGIN IMMEDIATE")
    for stmt in state.TABLES_SQL.split(";"):
        if stmt.strip():
            con.execute(stmt)


def _applying(con: sqlite3.Connection, on: bool) -> None:
    con.execute("INSERT OR REPLACE INTO cddp_meta (key, value) VALUES ('sync_applying', ?)", ("1" if on else "0",))


def _set_meta(con: sqlite3.Connection, **values: str | None) -> None:
    for key, value in values.items():
        if value is None:
            con.execute("DELETE FROM cddp_meta WHERE key = ?", (key,))
        else:
            con.execute("INSERT OR REPLACE INTO cddp_meta (key, value) VALUES (?, ?)", (key, value))


def _run(con: sqlite3.Connection, work):
    """``work()`` inside one write transaction (with the sync tables made if missing), all or nothing."""
    _begin(con)
    try:
        result = work()
        con.commit()
    except BaseException:
        con.rollback()
        raise
    return result


# -- connection settings -------------------------------------------------------------------------------
def set_connection(con: sqlite3.Connection, url: str | None, authcfg: str | None) -> None:
    """Keep the server address and the QGIS authentication-configuration id in the workspace (never a
    password or token). A new server forgets the old one's cursor."""

    def work():
        old = state.meta(con).get("sync_url")
        changes = {"sync_url": url or None, "sync_authcfg": authcfg or None}
        if old and url and old.rstrip("/") != url.rstrip("/"):
            changes.update(sync_cursor=None, sync_etag=None)
        _set_meta(con, **changes)

    _run(con, work)


def device_id(con: sqlite3.Connection) -> str:
    """This copy of the workspace's device id (made once, kept)."""
    got = state.meta(con).get("sync_device")
    if got:
        return got
    new = uuidlib.uuid4().hex
    _run(con, lambda: con.execute("INSERT OR IGNORE INTO cddp_meta (key, value) VALUES ('sync_device', ?)", (new,)))
    return state.meta(con)["sync_device"]


def record_result(con: sqlite3.Connection, summary: Mapping) -> None:
    _run(con, lambda: _set_meta(con, sync_last=json.dumps(dict(summary), ensure_ascii=False, sort_keys=True)))


# -- prepare -------------------------------------------------------------------------------------------
def enqueue_unsent(con: sqlite3.Connection) -> int:
    """Before a workspace's first sync: every feature the server has never seen (version 0) and that has no
    waiting change-log entry (its entries were cleared, or it was written with logging off) gets an insert
    entry, so that the first push sends the whole workspace. Returns how many were added."""

    def work():
        added = 0
        for layer in schema.LAYERS:
            cur = con.execute(
                f"INSERT INTO cddp_changelog (layer, feature_uuid, fid, op, base_version, changed_by)"
                f" SELECT '{layer.name}', uuid, fid, 'insert', 0, updated_by FROM \"{layer.name}\" AS r"
                " WHERE coalesce(r.version, 0) = 0 AND r.uuid IS NOT NULL AND NOT EXISTS (SELECT 1 FROM cddp_changelog"
                f" AS c WHERE c.layer = '{layer.name}' AND c.feature_uuid = r.uuid AND (c.pushed_at IS NULL"
                " OR c.pushed_at = ?))",
                (state.IN_OUTBOX,),
            )
            added += cur.rowcount
        return added

    return _run(con, work)


@dataclass
class Prepared:
    changes: int = 0
    batches: list[int] = field(default_factory=list)
    squashed: int = 0  # log entries that cancelled out (inserted and deleted before any push)
    entries: int = 0


def _rows_by_uuid(con: sqlite3.Connection, layer: schema.Layer, uuids: list[str]) -> dict[str, sqlite3.Row]:
    cols = ", ".join(f'"{c}"' for c in wire.row_columns(layer))
    out = {}
    for start in range(0, len(uuids), 500):
        part = uuids[start : start + 500]
        marks = ", ".join("?" * len(part))
        cur = con.execute(f'SELECT {cols} FROM "{layer.name}" WHERE uuid IN ({marks})', part)
        names = [d[0] for d in cur.description]
        for r in cur:
            out[r[names.index("uuid")]] = _Row(names, r)
    return out


class _Row(dict):
    def __init__(self, names, values):
        super().__init__(zip(names, values, strict=True))


def _srid(con: sqlite3.Connection, layer: schema.Layer) -> int:
    return gpkg.srs_id(con, layer.name) if layer.geometry else 0


def prepare_outbox(con: sqlite3.Connection, *, device: str | None, batch_size: int = 500,
                   max_entries: int = 20000) -> Prepared:  # fmt: skip
    """Take up to ``max_entries`` waiting change-log entries into the outbox (one transaction).

    Per feature, in log order: inserted then deleted → nothing; inserted (then edited) → one insert with the
    row as it is now; edited → one update per base version the edits were made on (a field edited in several
    runs travels with the first), carrying the changed fields' current values and their values before
    (for the conflict dock); deleted → one delete on the first edit's base. Inserts and updates keep the
    order of their first edit; deletes go last, children before parents (the server never cascades). A field
    (or a delete) of a feature with an open conflict goes on that conflict's base, so it conflicts again rather
    than overwrite a server value this workspace never received; the edits of a feature whose insert waits in
    a conflict wait with it (resolving it sends the row as it is then).
    """
    return _run(con, lambda: _prepare(con, device, batch_size, max_entries))


def _prepare(con, device, batch_size, max_entries) -> Prepared:
    out = Prepared()
    entries = con.execute(
        "SELECT seq, layer, feature_uuid, op, base_version, old_values, new_values FROM cddp_changelog"
        " WHERE pushed_at IS NULL ORDER BY seq LIMIT ?",
        (max_entries,),
    ).fetchall()
    if not entries:
        return out
    out.entries = len(entries)
    groups: dict[tuple[str, str], list] = {}
    stray = []
    for e in entries:
        if e[2] is None or e[1] not in schema.LAYERS_BY_NAME:
            stray.append(e[0])
            continue
        groups.setdefault((e[1], e[2]), []).append(e)
    rows: dict[str, dict[str, _Row]] = {}
    for name in {k[0] for k in groups}:
        rows[name] = _rows_by_uuid(con, schema.LAYERS_BY_NAME[name], [u for (n, u) in groups if n == name])
    depth = state.layer_depth()
    held = _held_bases(con)
    planned: list[tuple[tuple, dict, str | None]] = []  # (sort key, payload, base values json)
    done_now: list[tuple[str, str]] = []
    for (name, fid), es in groups.items():
        layer = schema.LAYERS_BY_NAME[name]
        row = rows[name].get(fid)
        hold = held.get((name, fid), {})
        if hold.get("*insert") is not None and es[0][3] != "insert":
            # its insert waits in an open conflict: resolving it sends the row as it is then (or drops it)
            out.squashed += len(es)
            done_now.append((name, fid))
            continue
        srid = _srid(con, layer)
        ops = [e[3] for e in es]
        first_seq = es[0][0]

        def payload(op, base, fields, *, _layer=layer, _row=row, _fid=fid, _srid=srid):
            return wire.change_payload(
                _layer, _row, uuid=_fid, change_id=uuidlib.uuid4().hex, op=op, base_version=base, fields=fields,
                srid=_srid, device=device,
            )  # fmt: skip

        if ops[0] == "insert":
            if row is None:  # inserted and deleted before it ever left: nothing to send
                out.squashed += len(es)
                done_now.append((name, fid))
                continue
            planned.append(((0, first_seq, 0), payload("insert", 0, None), None))
        elif ops[-1] == "delete" or row is None:
            base = min([es[0][4] or 0, *hold.values()])  # on the base of an open conflict of it, if older
            planned.append(((1, -depth.get(name, 0), es[-1][0]), payload("delete", base, None), None))
        elif "delete" in ops:  # deleted and put back (an undo): every field, on the first edit's base
            planned.append(((0, first_seq, 0), payload("update", es[0][4], None), None))
        else:
            for k, (base, fields, before) in enumerate(_segments(es)):
                # a field held in an open conflict travels on that conflict's base: this workspace never took
                # the server's value of it (the pull kept the local edit), so it must not overwrite it silently
                old = [f for f in fields if hold.get(f, hold.get("*", base)) < base]
                if old:
                    b = min(hold.get(f, hold.get("*", base)) for f in old)
                    planned.append(((0, first_seq, 2 * k), payload("update", b, old),
                                    json.dumps({f: before[f] for f in old})))  # fmt: skip
                    fields = [f for f in fields if f not in old]
                if fields:
                    planned.append(((0, first_seq, 2 * k + 1), payload("update", base, fields),
                                    json.dumps({f: before[f] for f in fields})))  # fmt: skip
    planned.sort(key=lambda p: p[0])
    batch = None
    for i, (_key, body, before) in enumerate(planned):
        if i % batch_size == 0:
            batch = _new_batch(con)
            out.batches.append(batch)
        con.execute(
            "INSERT INTO cddp_sync_outbox (change_id, batch, ord, layer, uuid, op, base_version, payload, base_values)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (body["change_id"], batch, i, body["layer"], body["uuid"], body["op"], body["base_version"],
             json.dumps(body, ensure_ascii=False, separators=(",", ":")), before),
        )  # fmt: skip
    out.changes = len(planned)
    stamp = now()
    finished = {(n, u) for n, u in done_now}
    con.executemany(
        "UPDATE cddp_changelog SET pushed_at = ? WHERE seq = ?",
        [(stamp if (e[1], e[2]) in finished else state.IN_OUTBOX, e[0]) for es in groups.values() for e in es],
    )
    con.executemany("UPDATE cddp_changelog SET pushed_at = ? WHERE seq = ?", [(stamp, s) for s in stray])
    return out


def _held_bases(con) -> dict[tuple[str, str], dict[str, int]]:
    """Per feature with open conflicts: field → the base version its conflicting change was made on ("*" for
    a delete, "*insert" for an insert the server has not taken)."""
    out: dict[tuple[str, str], dict[str, int]] = {}
    if not state.has_tables(con):
        return out
    for name, fid, op, mine in con.execute(
        "SELECT layer, uuid, op, mine FROM cddp_sync_issues WHERE kind = 'conflict' AND resolved_at IS NULL"
    ):
        body = _json(mine)
        base = int(body.get("base_version") or 0)
        got = out.setdefault((name, fid), {})
        keys = ["*insert"] if op == "insert" else ["*"] if op == "delete" else _payload_fields(body)
        for k in keys:
            got[k] = min(got.get(k, base), base)
    return out


def _segments(es) -> list[tuple[int, list[str], dict]]:
    """Update entries of one feature → (base version, fields, values before) per run of the same base; a field
    edited in several runs travels with the first: a pull in between kept this workspace's value of it (its
    edit was waiting), so the server's changes of it since that base were never seen here."""
    runs: list[list] = []
    for e in es:
        base = e[4] or 0
        if not runs or runs[-1][0] != base:
            runs.append([base, {}, {}])
        old = _json(e[5])
        for f in wire.changed_fields(e[6]):
            if f not in runs[-1][1]:
                runs[-1][1][f] = True
                runs[-1][2][f] = old.get(f)
    seen: set[str] = set()
    out = []
    for base, fields, before in runs:
        keep = [f for f in fields if f not in seen]
        seen.update(fields)
        if keep:
            out.append((base, keep, {f: before[f] for f in keep}))
    return out


def _json(text: str | None) -> dict:
    try:
        got = json.loads(text or "{}")
    except ValueError:
        return {}
    return got if isinstance(got, dict) else {}


def _new_batch(con: sqlite3.Connection) -> int:
    cur = con.execute(
        "INSERT INTO cddp_sync_batches (idempotency_key, created_at) VALUES (?, ?)", (uuidlib.uuid4().hex, now())
    )
    return cur.lastrowid


def pending_batches(con: sqlite3.Connection) -> list[tuple[int, str, list[dict]]]:
    """(batch, Idempotency-Key, change bodies) of every batch waiting in the outbox, oldest first."""
    if not state.has_tables(con):
        return []
    out = []
    for batch, key in con.execute(
        "SELECT b.batch, b.idempotency_key FROM cddp_sync_batches AS b"
        " WHERE EXISTS (SELECT 1 FROM cddp_sync_outbox AS o WHERE o.batch = b.batch) ORDER BY b.batch"
    ).fetchall():
        bodies = [json.loads(p) for (p,) in con.execute(
            "SELECT payload FROM cddp_sync_outbox WHERE batch = ? ORDER BY ord", (batch,))]  # fmt: skip
        out.append((batch, key, bodies))
    return out


# -- acknowledge ---------------------------------------------------------------------------------------
@dataclass
class Acked:
    applied: int = 0
    merged: int = 0
    duplicate: int = 0
    conflict: int = 0
    rejected: int = 0
    retry: int = 0
    retry_reasons: list[str] = field(default_factory=list)


def acknowledge(con: sqlite3.Connection, batch: int, results: list[dict], cursor: int | None = None,
                cursor_before: int | None = None) -> Acked:  # fmt: skip
    """Take one batch's answer (one transaction): see the module doc. When this workspace had pulled up to
    ``cursor_before`` (the feed position before the batch), every change up to ``cursor`` is this batch's own
    and is here already: the cursor moves on, and the pull does not bring them back."""

    def work():
        mine = state.meta(con).get("sync_cursor")
        caught_up = cursor is not None and cursor_before is not None and int(mine or 0) == cursor_before
        got = _acknowledge(con, batch, results, caught_up)
        if caught_up:
            _set_meta(con, sync_cursor=str(cursor), sync_etag=None)
        return got

    return _run(con, work)


def _acknowledge(con, batch, results, caught_up: bool = False) -> Acked:
    out = Acked()
    by_id = {
        r[0]: r
        for r in con.execute(
            "SELECT change_id, layer, uuid, op, base_version, payload, base_values FROM cddp_sync_outbox WHERE batch = ?",
            (batch,),
        )
    }
    stamp = now()
    retry_batch = None
    touched: set[tuple[str, str]] = set()
    _applying(con, True)
    for res in results:
        row = by_id.get(res.get("change_id"))
        if row is None:
            continue  # not ours (or already taken): nothing to do
        cid, name, fid, op, base, payload, base_values = row
        status = res.get("status")
        final = res
        if status == "duplicate":  # sent before and answered then: the first answer counts
            out.duplicate += 1
            final = dict(res.get("first") or {}, change_id=cid)
            status = final.get("status", "applied")
        if status in ("applied", "merged"):
            if res.get("status") != "duplicate":
                setattr(out, status, getattr(out, status) + 1)
            version = final.get("version")
            layer = schema.LAYERS_BY_NAME.get(name)
            # "merged": the server has other fields' changes since the base that this row has not received yet;
            # its version moves when the pull brings them (else a later edit would overwrite them unseen)
            # an open conflict of the same feature now shows the server as this change left it — only when this
            # workspace has every change before it (caught up): else theirs would claim a version whose other
            # changes it never saw, and a "mine" on it would overwrite them unseen (the pull refreshes it then)
            if version is not None and layer is not None and caught_up:
                body = _json(payload)
                _refresh_theirs(con, name, {"op": op, "uuid": fid, "version": version, "values": body.get("values"),
                                            "geom": body.get("geom"), "geom_changed": "geom" in body})  # fmt: skip
            if version is not None and layer is not None and op != "delete" and (status == "applied" or caught_up):
                con.execute(
                    f'UPDATE "{name}" SET version = max(coalesce(version, 0), ?) WHERE uuid = ?', (version, fid)
                )
                # edits made after this change was prepared were made on top of it
                con.execute(
                    "UPDATE cddp_changelog SET base_version = ? WHERE layer = ? AND feature_uuid = ?"
                    " AND pushed_at IS NULL AND base_version IS ?",
                    (version, name, fid, base),
                )
            con.execute("DELETE FROM cddp_sync_outbox WHERE change_id = ?", (cid,))
        elif status in ("conflict", "rejected"):
            if res.get("status") != "duplicate":
                setattr(out, status, getattr(out, status) + 1)
            con.execute(
                "INSERT OR REPLACE INTO cddp_sync_issues (change_id, kind, layer, uuid, op, conflict_id, code, reason,"
                " fields, mine, theirs, base, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (cid, status, name, fid, op, final.get("conflict_id"), final.get("code"), final.get("reason"),
                 json.dumps(final.get("fields") or ([final["field"]] if final.get("field") else [])), payload,
                 json.dumps(final.get("server_record") or {}, ensure_ascii=False), base_values, stamp),
            )  # fmt: skip
            con.execute("DELETE FROM cddp_sync_outbox WHERE change_id = ?", (cid,))
        else:  # retry (a blob is missing) or an unknown status: stays waiting, under a new key
            out.retry += 1
            if res.get("reason"):
                out.retry_reasons.append(str(res["reason"]))
            if retry_batch is None:
                retry_batch = _new_batch(con)
            con.execute(
                "UPDATE cddp_sync_outbox SET batch = ?, note = ? WHERE change_id = ?",
                (retry_batch, res.get("reason"), cid),
            )
        touched.add((name, fid))
    for name, fid in touched:  # a feature with nothing left in the outbox: its log entries are answered
        if con.execute("SELECT 1 FROM cddp_sync_outbox WHERE layer = ? AND uuid = ?", (name, fid)).fetchone() is None:
            con.execute(
                "UPDATE cddp_changelog SET pushed_at = ? WHERE layer = ? AND feature_uuid = ? AND pushed_at = ?",
                (stamp, name, fid, state.IN_OUTBOX),
            )
    _applying(con, False)
    return out


# -- pull ----------------------------------------------------------------------------------------------
@dataclass
class Applied:
    inserted: int = 0
    updated: int = 0
    deleted: int = 0
    kept_local: int = 0  # changes (or fields of them) left alone: this workspace has an edit not yet taken
    missing: int = 0  # updates of features this workspace does not have
    unchanged: int = 0  # already so here
    attachments: set[str] = field(default_factory=set)


def apply_page(con: sqlite3.Connection, changes: list[dict], cursor: int, etag: str | None = None) -> Applied:
    """Apply one page of the server's feed and move the cursor, in one transaction."""

    def work():
        _applying(con, True)
        got = _apply_changes(con, changes)
        _set_meta(con, sync_cursor=str(cursor), sync_etag=etag)
        _applying(con, False)
        return got

    return _run(con, work)


def _apply_changes(con, changes: list[dict]) -> Applied:
    out = Applied()
    by_layer: dict[str, list[str]] = {}
    for ch in changes:
        by_layer.setdefault(ch["layer"], []).append(ch["uuid"])
    protected = {name: state.protected_fields(con, name, uuids) for name, uuids in by_layer.items()}
    in_conflict = _held_bases(con)
    for ch in changes:
        layer = schema.LAYERS_BY_NAME.get(ch["layer"])
        if layer is None:
            continue
        keep = protected[layer.name].get(ch["uuid"], frozenset())
        for sha in ch.get("attachments") or ():
            out.attachments.add(sha)
        if (layer.name, ch["uuid"]) in in_conflict:
            _refresh_theirs(con, layer.name, ch)
        _apply_one(con, layer, ch, keep, out)
    return out


def _refresh_theirs(con, name: str, ch: dict) -> None:
    """A server change of a feature in an open conflict: its ``theirs`` follows the server (the dock shows the
    server's state now, and taking "theirs" later writes that, not the state of when the conflict arose)."""
    seq = ch.get("version") or ch.get("seq") or 0
    for cid, theirs in con.execute(
        "SELECT change_id, theirs FROM cddp_sync_issues WHERE layer = ? AND uuid = ? AND kind = 'conflict'"
        " AND resolved_at IS NULL",
        (name, ch["uuid"]),
    ).fetchall():
        whole = t = _json(theirs)
        if t.get("layer") not in (None, name):  # parent_deleted: the feature's own state rides along
            t = t.get("feature")
            if t is None:
                continue
        if int(t.get("version") or 0) >= seq:
            continue  # already as new
        if ch["op"] == "delete":
            t["deleted"] = True
        else:
            if ch["op"] == "insert":  # brought back (restored) on the server: the whole record anew
                t["values"] = {}
            t["deleted"] = False  # an update or a restore: the feature lives on the server
            t.setdefault("values", {}).update(ch.get("values") or {})
            if ch.get("geom_changed"):
                t["geom"] = ch.get("geom")
        t["version"] = seq
        con.execute(
            "UPDATE cddp_sync_issues SET theirs = ? WHERE change_id = ?", (json.dumps(whole, ensure_ascii=False), cid)
        )


def _apply_one(con, layer: schema.Layer, ch: dict, keep: frozenset[str], out: Applied) -> None:
    t, fid, seq = layer.name, ch["uuid"], ch.get("version") or ch.get("seq")
    found = con.execute(f'SELECT * FROM "{t}" WHERE uuid = ?', (fid,)).fetchone()
    if ch["op"] == "delete":
        if found is None:
            return
        if keep:
            out.kept_local += 1  # edited here: the push makes it a conflict, shown with both sides
            return
        con.execute(f'DELETE FROM "{t}" WHERE fid = ?', (found[0],))
        out.deleted += 1
        return
    if keep is state.ALL or "*" in keep:
        out.kept_local += 1
        return
    allowed = set(wire.value_columns(layer))
    values = {k: wire.to_local_value(layer, k, v) for k, v in (ch.get("values") or {}).items() if k in allowed}
    skipped = {k for k in values if k in keep}
    values = {k: v for k, v in values.items() if k not in keep}
    geom_changed = bool(ch.get("geom_changed", ch["op"] == "insert")) and bool(layer.geometry)
    if geom_changed and wire.GEOM in keep:
        skipped.add(wire.GEOM)
        geom_changed = False
    if skipped:
        out.kept_local += 1
    if geom_changed:
        values[wire.GEOM] = wire.geometry_to_blob(ch.get("geom"), gpkg.srs_id(con, t))
    if found is None and ch["op"] != "insert":
        out.missing += 1
        return
    _yield_codes(con, layer, fid, values)
    if found is None:
        cols = ["uuid", "version", *values]
        con.execute(
            f'INSERT INTO "{t}" ({", ".join(chr(34) + c + chr(34) for c in cols)}) VALUES ({", ".join("?" * len(cols))})',
            [fid, seq, *values.values()],
        )
        out.inserted += 1
        return
    names = [d[0] for d in con.execute(f'SELECT * FROM "{t}" LIMIT 0').description]
    current = dict(zip(names, found, strict=True))
    values = {k: v for k, v in values.items() if not _same(current.get(k), v)}
    if not values and (current.get("version") or 0) >= (seq or 0):
        out.unchanged += 1  # already so here (this workspace's own change coming back)
        return
    sets = ", ".join(f'"{c}" = ?' for c in values)
    con.execute(
        f'UPDATE "{t}" SET {sets + ", " if sets else ""}version = max(coalesce(version, 0), ?) WHERE fid = ?',
        [*values.values(), seq, found[0]],
    )
    if values:
        out.updated += 1
    else:
        out.unchanged += 1


def _yield_codes(con, layer: schema.Layer, fid: str, values: Mapping) -> None:
    """A server feature takes a unique code (house_code, wo_number…) that a feature of this workspace also
    holds — an edit here that the server has not taken (it refuses the second holder). The local feature
    gives the code up (kept in a "rejected" issue with the reason, for the conflict dock's fix and retry), so
    the server's feature can be written and the sync goes on."""
    for f in layer.fields:
        value = values.get(f.name)
        if not f.unique or value is None:
            continue
        for other_fid, other_uuid in con.execute(
            f'SELECT fid, uuid FROM "{layer.name}" WHERE "{f.name}" = ? AND uuid IS NOT ?', (value, fid)
        ).fetchall():
            con.execute(f'UPDATE "{layer.name}" SET "{f.name}" = NULL WHERE fid = ?', (other_fid,))
            if con.execute(
                "SELECT 1 FROM cddp_sync_issues WHERE layer = ? AND uuid = ? AND code = 'not_unique'"
                " AND resolved_at IS NULL",
                (layer.name, other_uuid),
            ).fetchone():
                continue  # the server refused it already for this code: that issue says so
            mine = {"layer": layer.name, "uuid": other_uuid, "op": "update", "values": {f.name: value}}
            con.execute(
                "INSERT OR REPLACE INTO cddp_sync_issues (change_id, kind, layer, uuid, op, code, reason, fields, mine,"
                " theirs, base, created_at) VALUES (?, 'rejected', ?, ?, 'update', 'not_unique', ?, ?, ?, '{}', ?, ?)",
                (f"local-{uuidlib.uuid4().hex}", layer.name, other_uuid,
                 f"{f.name} {value!r} is used by {layer.name} {fid} on the server; give this feature another {f.name}",
                 json.dumps([f.name]), json.dumps(mine, ensure_ascii=False), json.dumps({f.name: None}), now()),
            )  # fmt: skip


def _same(a, b) -> bool:
    if isinstance(a, bytes | bytearray | memoryview) and isinstance(b, bytes | bytearray | memoryview):
        return bytes(a) == bytes(b)
    if isinstance(a, float) or isinstance(b, float):
        return a is not None and b is not None and float(a) == float(b)
    return a == b


def apply_snapshot(con: sqlite3.Connection, layer_name: str, features: list[dict]) -> int:
    """Write one snapshot page of a layer (a new workspace's first download), in one transaction."""
    layer = schema.LAYERS_BY_NAME[layer_name]

    def work():
        _applying(con, True)
        out = Applied()
        for f in features:
            ch = {"op": "insert", "uuid": f["uuid"], "version": f["version"], "values": f.get("values") or {},
                  "geom": f.get("geom"), "geom_changed": True, "layer": layer_name}  # fmt: skip
            _apply_one(con, layer, ch, frozenset(), out)
        _applying(con, False)
        return out.inserted + out.updated

    return _run(con, work)


def start_from(con: sqlite3.Connection, url: str, cursor: int, authcfg: str | None = None) -> None:
    """A workspace made from the server: remember where it came from and where the feed stands."""
    _run(con, lambda: _set_meta(con, sync_url=url, sync_authcfg=authcfg, sync_cursor=str(cursor), sync_etag=None))


# -- resolve -------------------------------------------------------------------------------------------
def resolve(con: sqlite3.Connection, change_id: str, choice: str, values: Mapping | None = None,
            *, device: str | None = None) -> str:  # fmt: skip
    """Resolve an open conflict or rejection (one transaction); returns what happens next.

    ``theirs`` — the server's record is written here (or the feature removed, when the server deleted it),
    nothing is sent. ``mine`` — this workspace's values are sent again on the server's version, so they
    apply. ``edit`` — ``values`` (field → value) are written here and sent on the server's version. A
    rejected change can only be ``edit``-ed (fixed and retried) or dropped with ``theirs``.
    """
    return _run(con, lambda: _resolve(con, change_id, choice, values or {}, device))


def _resolve(con, change_id, choice, values, device) -> str:
    row = con.execute(
        "SELECT kind, layer, uuid, op, mine, theirs, base FROM cddp_sync_issues"
        " WHERE change_id = ? AND resolved_at IS NULL",
        (change_id,),
    ).fetchone()
    if row is None:
        from ..common.errors import CddpError
        from ..common.i18n import translate

        raise CddpError(translate("core", "There is no open conflict {id} in this workspace."), id=change_id)
    kind, name, fid, op, mine, theirs, before = row
    layer = schema.LAYERS_BY_NAME[name]
    mine, theirs = json.loads(mine or "{}"), json.loads(theirs or "{}")
    server_version = theirs.get("version")
    if theirs.get("layer") not in (None, name):  # parent_deleted: the record is the parent's
        server_version = None
    found = con.execute(f'SELECT fid, version FROM "{name}" WHERE uuid = ?', (fid,)).fetchone()
    if kind == "rejected" and server_version is None and found is not None:
        server_version = found[1]  # a rejection carries no server record: the fix stands on the version held here
    next_step = "nothing"
    own = theirs.get("feature") if theirs.get("layer") not in (None, name) else None  # parent_deleted: the feature
    # what another open conflict or a waiting change (a resolution of a later conflict) holds stays as it is
    held = state.protected_fields(con, name, [fid], except_issue=change_id).get(fid, frozenset())
    if choice == "theirs" and own and found is not None:  # as the server holds it (see the parent conflict)
        _applying(con, True)
        if own.get("deleted"):
            con.execute(f'DELETE FROM "{name}" WHERE fid = ?', (found[0],))
        else:
            sent = set(_payload_fields(mine))
            ch = {"op": "update", "uuid": fid, "version": own.get("version"),
                  "values": {k: v for k, v in (own.get("values") or {}).items() if k in sent},
                  "geom": own.get("geom"), "geom_changed": layer.geometry is not None and wire.GEOM in sent,
                  "layer": name}  # fmt: skip
            _apply_one(con, layer, ch, held, Applied())
            if not held:
                con.execute(f'UPDATE "{name}" SET version = ? WHERE uuid = ?', (own.get("version") or 0, fid))
        _applying(con, False)
    elif choice == "theirs":
        _applying(con, True)
        if kind == "rejected" or (op == "update" and theirs.get("layer") not in (None, name)):
            # rejected, or an update linking to a parent deleted on the server: the edit is taken back
            _take_back(con, layer, fid, op, mine, json.loads(before or "{}"))
        elif theirs.get("deleted") or not theirs or theirs.get("layer") not in (None, name):
            # deleted on the server — unless a change of it waits here (a restore, a later edit): that decides
            if theirs.get("deleted") and found is not None and not held:
                con.execute(f'DELETE FROM "{name}" WHERE fid = ?', (found[0],))
        elif found is not None or theirs.get("values"):
            vals, geom_in = theirs.get("values") or {}, "geom" in theirs
            if found is not None and op == "update":  # only what mine changed goes back (other fields moved on)
                sent = set(_payload_fields(mine))
                vals, geom_in = {k: v for k, v in vals.items() if k in sent}, geom_in and wire.GEOM in sent
            ch = {"op": "insert" if found is None else "update", "uuid": fid, "version": server_version,
                  "values": vals, "geom": theirs.get("geom"),
                  "geom_changed": layer.geometry is not None and geom_in, "layer": name}  # fmt: skip
            _apply_one(con, layer, ch, held, Applied())
            if server_version is not None and not held:
                con.execute(f'UPDATE "{name}" SET version = ? WHERE uuid = ?', (server_version, fid))
        _applying(con, False)
    elif choice in ("mine", "edit"):
        if choice == "edit" and values:
            allowed = set(wire.value_columns(layer)) | ({wire.GEOM} if layer.geometry else set())
            sets = {k: v for k, v in values.items() if k in allowed}
            if sets and found is not None:
                last = con.execute("SELECT coalesce(max(seq), 0) FROM cddp_changelog").fetchone()[0]
                con.execute(
                    f'UPDATE "{name}" SET {", ".join(f"{chr(34)}{k}{chr(34)} = ?" for k in sets)} WHERE fid = ?',
                    [*sets.values(), found[0]],
                )  # logged by the triggers, but sent below on the server's version: only that entry is taken
                con.execute(  # (other waiting edits of the feature go with the next sync as usual)
                    "UPDATE cddp_changelog SET pushed_at = ? WHERE layer = ? AND feature_uuid = ? AND pushed_at IS NULL"
                    " AND seq > ?",
                    (now(), name, fid, last),
                )
        if theirs.get("layer") not in (None, name):  # parent_deleted: the record is the parent's, so the change
            server_version = mine.get("base_version")  # goes again on its own base (not on a version pulled since)
        own_record = theirs.get("layer") in (None, name)  # else the parent's (parent_deleted)
        if theirs.get("deleted") and own_record and op != "delete" and found is not None:
            # deleted on the server: keeping mine restores it under its own identity — the whole feature, on
            # the version of the deletion (the server brings a tombstone back only for a client that saw it)
            body_op, fields, base = "update", None, int(theirs.get("version") or 0)
        elif theirs.get("deleted") and op == "insert" and op != "delete" and found is not None:
            # a child made under a parent deleted on the server: it becomes a new feature (a new uuid)
            fid = _reidentify(con, layer, fid)
            body_op, fields, base = "insert", None, 0
        elif op == "delete":
            body_op, fields, base = "delete", None, server_version or 0
        elif op == "insert" and kind == "rejected":  # the server never took it: the fixed feature goes as new
            body_op, fields, base = "insert", None, 0
        else:
            body_op, fields, base = "update", _payload_fields(mine) or None, server_version or 0
            if choice == "edit":
                fields = sorted(set(fields or []) | set(values))
        current = _rows_by_uuid(con, layer, [fid]).get(fid)
        if current is None and op == "insert" and not own_record:
            body_op = None  # never on the server and gone here: nothing to send
        elif current is None and body_op != "delete":
            body_op, fields = "delete", None
    if choice in ("mine", "edit") and body_op is not None:
        body = wire.change_payload(
            layer, current, uuid=fid, change_id=uuidlib.uuid4().hex, op=body_op, base_version=base,
            fields=fields, srid=_srid(con, layer), device=device,
        )  # fmt: skip
        batch = _new_batch(con)
        con.execute(
            "INSERT INTO cddp_sync_outbox (change_id, batch, ord, layer, uuid, op, base_version, payload, base_values)"
            " VALUES (?, ?, 0, ?, ?, ?, ?, ?, ?)",  # the values before stay with it: a new conflict shows them too
            (body["change_id"], batch, name, fid, body_op, base, json.dumps(body, ensure_ascii=False), before),
        )
        next_step = "send"
    elif choice not in ("theirs", "mine", "edit"):
        raise ValueError(choice)
    con.execute(
        "UPDATE cddp_sync_issues SET resolved_at = ?, resolution = ? WHERE change_id = ?", (now(), choice, change_id)
    )
    return next_step


def _take_back(con, layer: schema.Layer, fid: str, op: str, mine: Mapping, before: Mapping) -> None:
    """Undo here a rejected change the server never applied: an insert goes; an updated field that still holds
    the rejected value gets its value from before the edit back (unless the log never kept it: personal data)."""
    row = _rows_by_uuid(con, layer, [fid]).get(fid)
    if row is None or op not in ("insert", "update"):
        return
    if op == "insert":
        con.execute(f'DELETE FROM "{layer.name}" WHERE fid = ?', (row["fid"],))
        return
    sets = {}
    for k, old in before.items():
        if old == REDACTED or k not in row:
            continue
        if k == wire.GEOM:
            if "geom" in mine and wire.geometry_to_wire(row[k], _srid(con, layer)) == mine["geom"]:
                sets[k] = bytes.fromhex(old) if isinstance(old, str) else old
        elif k in (mine.get("values") or {}) and _same(row[k], wire.to_local_value(layer, k, mine["values"][k])):
            sets[k] = old
    if sets:
        con.execute(
            f'UPDATE "{layer.name}" SET {", ".join(f"{chr(34)}{k}{chr(34)} = ?" for k in sets)} WHERE fid = ?',
            [*sets.values(), row["fid"]],
        )


APPEND_ONLY = frozenset({"work_order_events"})  # the server never updates these (cddp_server/rules.py)


def _reidentify(con, layer: schema.Layer, old: str) -> str:
    """Give a feature a new uuid (without logging it) and point this workspace's children at it (logged)."""
    new = str(uuidlib.uuid4())
    _applying(con, True)
    con.execute(f'UPDATE "{layer.name}" SET uuid = ?, version = 0 WHERE uuid = ?', (new, old))
    _applying(con, False)
    for rel in schema.RELATIONS:
        if rel.parent == layer.name and rel.child not in APPEND_ONLY:  # a history stays with the old identity
            con.execute(f'UPDATE "{rel.child}" SET "{rel.child_field}" = ? WHERE "{rel.child_field}" = ?', (new, old))
    return new


def _payload_fields(body: Mapping) -> list[str]:
    out = list((body.get("values") or {}).keys())
    if "geom" in body:
        out.append(wire.GEOM)
    return out


def dismissable(con: sqlite3.Connection) -> list[str]:
    """Server conflict ids of resolved issues (the engine dismisses them on the server, then forgets them)."""
    if not state.has_tables(con):
        return []
    return [
        r[0]
        for r in con.execute(
            "SELECT conflict_id FROM cddp_sync_issues WHERE resolved_at IS NOT NULL AND conflict_id IS NOT NULL"
            " AND coalesce(resolution, '') NOT LIKE '%dismissed'"
        )
    ]


def mark_dismissed(con: sqlite3.Connection, conflict_ids: Iterable[str]) -> None:
    ids = list(conflict_ids)
    if ids:
        _run(con, lambda: con.executemany(
            "UPDATE cddp_sync_issues SET resolution = resolution || ', dismissed' WHERE conflict_id = ?",
            [(i,) for i in ids]))  # fmt: skip


def remember_server(con: sqlite3.Connection, url: str) -> None:
    """The first sync with a server records it (a later sync with another server is refused by the engine)."""
    if not state.meta(con).get("sync_url"):
        _run(con, lambda: _set_meta(con, sync_url=url))
