"""The sync rules of SYNC.md on the server, without HTTP: a push batch applied in one transaction.

* The municipality's row is locked first (``SELECT … FOR UPDATE``; on SQLite the ``BEGIN IMMEDIATE``
  of :func:`cddp_server.db.make_engine` serialises writers), its ``seq`` counter is read, each applied
  change takes the next number, and the counter is written back in the same transaction: the feed has
  no gaps and no reordering, and a pull is a range scan ``seq > cursor``.
* A ``change_id`` is applied at most once: a repeat gets ``duplicate`` with the first result.
* Per-field versions: ``field_seq`` keeps the seq that last changed each field (and ``geom``). An update
  conflicts only on fields changed since its ``base_version`` by someone else to a different value
  (fields that belong together — geometry and area, status and its dates — count as one); otherwise it
  applies, ``merged`` when other fields had changed since its base.
* Update vs delete and delete vs update are conflicts; the server keeps its state and answers with its
  record and a conflict id.
* A child whose parent was deleted is a conflict (code ``parent_deleted``, the parent's tombstone as
  ``server_record``): an insert or update of a child whose parent (``schema.RELATIONS``) is tombstoned on
  the server. For a *composition* (the child's link field is NOT NULL: a resident of a household, an
  inspection of a section, a fault of a lamp, an event of a work order) the link the child will have counts;
  for an optional *link* (a household's parcel, a lamp's road, a complaint's work order) only a change that
  sets the link to a deleted feature. The other order: deleting a parent that still has live children of a
  composition on the server is a conflict (code ``has_children``, the parent's record and its live children
  in ``server_record``): the server never cascades (it would drop another device's child edit) and never
  makes orphans; a client that deletes a household with its residents sends the residents' deletes first, in
  the same push or before, each with its own base (so an edited resident conflicts on its own). The
  append-only history is the exception: a work order may be deleted, its events stay as its history.
  Deleting the target of an optional link is allowed (the link then points at a tombstone).
* The work-order history (``work_order_events``) is append-only.
* Attachments follow the grants: an applied change with attachments records ``blob_refs`` (blob → layer,
  uuid). A blob is readable by roles that may read a layer referencing it, and by the users who sent its
  bytes in full (``blob_uploads``: possession is proven); nobody else, and they are answered as if it did
  not exist. A change may attach only a blob its author may read (else ``retry``: upload it).
* A change with an unknown layer or field, a wrong type, a geometry of the wrong kind or CRS is
  ``rejected`` with a reason, and nothing of it is written; a change whose attachments have not been
  uploaded is answered ``retry``.
"""

from __future__ import annotations

import uuid as uuidlib
from collections.abc import Iterable
from dataclasses import dataclass

from sqlalchemy import Text as SaText
from sqlalchemy import and_, cast, delete, insert, select, update
from sqlalchemy.engine import Connection

from cddp_plugin.core.workspace import schema

from . import db, roles
from .values import STAMP_FIELDS, RefusedError, canonical_geometry, canonical_values, geometry_out, now_utc

APPEND_ONLY = frozenset({"work_order_events"})
OPS = ("insert", "update", "delete")
STATUSES = ("applied", "merged", "duplicate", "conflict", "rejected", "retry")
# Fields that belong together count as one in conflict checks (SYNC.md "Conflicts per field").
TOGETHER: dict[str, tuple[frozenset[str], ...]] = {
    "parcels": (frozenset({db.GEOM, "area_sqm", "area_rai", "area_ngan", "area_wa"}),),
    "roads": (frozenset({db.GEOM, "length_m"}),),
    "road_sections": (frozenset({db.GEOM, "length_m", "area_sqm", "chainage_from_m", "chainage_to_m"}),),
    "streetlights": (frozenset({"status", "lamp_changed_on"}),),
    "complaints": (frozenset({"status", "status_raw", "last_activity"}),),
    "work_orders": (
        frozenset({"status", "triaged_at", "assigned_at", "started_at", "completed_at", "verified_at", "closed_at"}),
    ),
}


@dataclass(frozen=True)
class Caller:
    municipality: str
    username: str
    role: str


class TenantNotFoundError(LookupError):
    pass


RELATIONS_BY_CHILD: dict[str, list[schema.Relation]] = {}
RELATIONS_BY_PARENT: dict[str, list[schema.Relation]] = {}
for _rel in schema.RELATIONS:
    assert _rel.parent_field == "uuid", _rel  # relations use uuid, never fid (SYNC.md)
    RELATIONS_BY_CHILD.setdefault(_rel.child, []).append(_rel)
    RELATIONS_BY_PARENT.setdefault(_rel.parent, []).append(_rel)


def _composition(rel: schema.Relation) -> bool:
    """The child cannot exist without its parent: its link field is NOT NULL."""
    return schema.LAYERS_BY_NAME[rel.child].field(rel.child_field).not_null


def blob_readable(con: Connection, caller: Caller, sha: str) -> bool:
    """May ``caller`` read blob ``sha``: a layer referencing it is readable by its role, or it sent the bytes."""
    refs = db.blob_refs.c
    layers = {
        r[0]
        for r in con.execute(
            select(refs.layer).where(refs.municipality_code == caller.municipality, refs.sha256 == sha).distinct()
        )
    }
    if any(roles.can_read(caller.role, layer) for layer in layers):
        return True
    up = db.blob_uploads.c
    return (
        con.execute(
            select(up.sha256).where(
                up.municipality_code == caller.municipality, up.sha256 == sha, up.username == caller.username
            )
        ).first()
        is not None
    )


def _group(layer: str, name: str) -> frozenset[str]:
    for g in TOGETHER.get(layer, ()):
        if name in g:
            return g
    return frozenset({name})


def _attribute_names(layer: schema.Layer) -> list[str]:
    return [f.name for f in layer.all_fields if f.name not in ("uuid", "version")]


def _default(field: schema.Field) -> object:
    d = field.default
    if d is None or d == "CURRENT_TIMESTAMP":
        return None
    if d.startswith("'") and d.endswith("'"):
        return d[1:-1]
    return int(d) if d.lstrip("-").isdigit() else float(d)


def server_record(layer: schema.Layer, row, hidden: Iterable[str] = ()) -> dict[str, object]:
    """A feature as the server holds it (for conflicts and snapshots), without ``hidden`` fields."""
    hidden = set(hidden)
    out: dict[str, object] = {
        "uuid": row.uuid,
        "version": row.version,
        "deleted": bool(row.deleted),
        "values": {n: getattr(row, n) for n in _attribute_names(layer) if n not in hidden},
    }
    if layer.geometry:
        out["geom"] = geometry_out(row.geom_wkb, row.geom_srid)
    return out


def lock_tenant(con: Connection, municipality: str):
    row = con.execute(
        select(db.municipalities).where(db.municipalities.c.municipality_code == municipality).with_for_update()
    ).one_or_none()
    if row is None:
        raise TenantNotFoundError(municipality)
    return row


class _Batch:
    def __init__(self, con: Connection, caller: Caller, tenant) -> None:
        self.con = con
        self.caller = caller
        self.muni = caller.municipality
        self.srid = tenant.srid
        self.seq = tenant.seq
        self.now = now_utc()

    # -- one change -------------------------------------------------------------------------------
    def apply(self, change: dict) -> dict:
        cid = change["change_id"]
        first = self.con.execute(
            select(db.applied_changes.c.result).where(
                db.applied_changes.c.municipality_code == self.muni, db.applied_changes.c.change_id == cid
            )
        ).scalar_one_or_none()
        if first is not None:
            return {"change_id": cid, "status": "duplicate", "version": first.get("version"), "first": first}
        try:
            result = self._apply(change)
        except RefusedError as exc:
            result = {"change_id": cid, "status": "rejected", "code": exc.code, "reason": exc.reason}
            if exc.field:
                result["field"] = exc.field
            return result
        if result["status"] in ("applied", "merged") and change["op"] != "delete":
            self._refer(change)
        if result["status"] in ("applied", "merged", "conflict"):
            self.con.execute(  # parameters, not .values(): the compiled statement is reused across the batch
                insert(db.applied_changes), {"municipality_code": self.muni, "change_id": cid, "result": result,
                                             "at": self.now}
            )  # fmt: skip
        return result

    def _apply(self, change: dict) -> dict:
        cid, op, name, fid = change["change_id"], change["op"], change["layer"], change["uuid"]
        layer = schema.LAYERS_BY_NAME.get(name)
        if layer is None:
            raise RefusedError(
                "unknown_layer", f"unknown layer '{name}'; the layers are listed by GET /v1/t/{{muni}}/schema"
            )
        if not roles.can_write(self.caller.role, name):
            raise RefusedError("forbidden", f"role '{self.caller.role}' may not write layer '{name}'")
        if name in APPEND_ONLY and op != "insert":
            raise RefusedError("append_only", f"layer '{name}' is an append-only history: add an event instead of {op}")
        values = canonical_values(layer, change.get("values") or {}) if op != "delete" else {}
        geom_given = "geom" in change and op != "delete"
        wkb = canonical_geometry(layer, change.get("geom"), self.srid) if geom_given else None
        missing = [h for h in (change.get("attachments") or []) if not self._blob_complete(h)]
        if missing:
            return {
                "change_id": cid,
                "status": "retry",
                "code": "missing_blob",
                "reason": f"upload the attachment(s) first: {', '.join(missing)}",
            }
        table = db.LAYER_TABLES[name]
        row = self.con.execute(
            select(table).where(table.c.municipality_code == self.muni, table.c.uuid == fid)
        ).one_or_none()
        base = change.get("base_version") or 0
        if op == "insert":
            if row is None and (parent := self._deleted_parent(layer, values, None)):
                return self._parent_conflict(change, layer, None, values, *parent)
            return self._insert(change, layer, table, row, values, wkb, geom_given)
        if row is None:
            raise RefusedError("unknown_feature", f"{name} {fid} is not on the server: push its insert first")
        if op == "update":
            if not row.deleted and (parent := self._deleted_parent(layer, values, row)):
                return self._parent_conflict(change, layer, row, values, *parent)
            return self._update(change, layer, table, row, values, wkb, geom_given, base)
        return self._delete(change, layer, table, row, base)

    # -- parents and children (schema.RELATIONS) ----------------------------------------------------
    def _deleted_parent(self, layer, values: dict, row):
        """(relation, parent layer, parent row) of a tombstoned parent the child would belong to, or None."""
        for rel in RELATIONS_BY_CHILD.get(layer.name, ()):
            if rel.child_field in values:
                target = values[rel.child_field]
            elif row is not None and _composition(rel):
                target = getattr(row, rel.child_field)
            else:
                continue
            if not target:
                continue
            ptable = db.LAYER_TABLES[rel.parent]
            prow = self.con.execute(
                select(ptable).where(ptable.c.municipality_code == self.muni, ptable.c.uuid == target)
            ).one_or_none()
            if prow is not None and prow.deleted:
                return rel, schema.LAYERS_BY_NAME[rel.parent], prow
        return None

    def _parent_conflict(self, change, layer, row, values, rel, parent_layer, prow) -> dict:
        record = dict(server_record(parent_layer, prow), layer=parent_layer.name)
        if row is not None:  # the feature's own state too: "theirs" then means what the server holds of it
            record["feature"] = server_record(layer, row)
        why = f"its {parent_layer.name} {prow.uuid} ({rel.child_field}) was deleted on the server"
        return self._record_conflict(
            change, layer, change["uuid"], row.version if row is not None else None, record, [rel.child_field],
            why, "parent_deleted",
        )  # fmt: skip

    def _live_children(self, layer, row) -> list[dict]:
        """Live children of compositions (not the append-only history) of the parent ``row``, at most 100."""
        out: list[dict] = []
        for rel in RELATIONS_BY_PARENT.get(layer.name, ()):
            if not _composition(rel) or rel.child in APPEND_ONLY:
                continue
            ct = db.LAYER_TABLES[rel.child]
            q = select(ct.c.uuid, ct.c.version).where(
                ct.c.municipality_code == self.muni, ct.c[rel.child_field] == row.uuid, ct.c.deleted.is_(False)
            )
            out += [{"layer": rel.child, "uuid": u, "version": v} for u, v in self.con.execute(q.limit(100))]
        return out[:100]

    def _insert(self, change, layer, table, row, values, wkb, geom_given) -> dict:
        if row is not None:
            same = not row.deleted and all(getattr(row, k) == v for k, v in values.items() if k not in STAMP_FIELDS)
            if same and (not geom_given or wkb == row.geom_wkb):
                return {"change_id": change["change_id"], "status": "applied", "version": row.version}
            reason = "deleted on the server" if row.deleted else "already on the server with other values"
            return self._conflict(change, layer, row, sorted(values) + ([db.GEOM] if geom_given else []), reason)
        self._complete(layer, table, change["uuid"], values)
        seq = self._next()
        full = {n: values.get(n) for n in _attribute_names(layer)}
        field_seq = {n: seq for n in values}
        row_values = dict(full, municipality_code=self.muni, uuid=change["uuid"], version=seq, deleted=False)
        if layer.geometry:
            field_seq[db.GEOM] = seq
            row_values.update(geom_wkb=wkb, geom_srid=self.srid if wkb is not None else None)
        self.con.execute(insert(table), dict(row_values, field_seq=field_seq))
        self._feed(change, seq, {k: v for k, v in full.items() if v is not None}, wkb, bool(layer.geometry))
        return {"change_id": change["change_id"], "status": "applied", "version": seq}

    def _update(self, change, layer, table, row, values, wkb, geom_given, base) -> dict:
        if row.deleted:
            if base >= row.version and layer.name not in APPEND_ONLY:
                return self._restore(change, layer, table, row, values, wkb, geom_given)
            return self._conflict(change, layer, row, sorted(values), "deleted on the server since your version")
        new = dict(values)
        if geom_given:
            new[db.GEOM] = wkb
        current = {k: (row.geom_wkb if k == db.GEOM else getattr(row, k)) for k in new}
        field_seq = dict(row.field_seq or {})
        changed_since = {f for f, s in field_seq.items() if s > base}
        clashing = set()
        for k in new:
            if k in STAMP_FIELDS:
                continue
            group = _group(layer.name, k)
            mine = [g for g in group if g in new]
            if group & changed_since and any(new[g] != current[g] for g in mine):
                clashing |= {g for g in mine if g not in STAMP_FIELDS}
        if clashing:
            return self._conflict(change, layer, row, sorted(clashing), "changed on the server since your version")
        differing = {k: v for k, v in new.items() if v != current[k] and k not in STAMP_FIELDS}
        self._check_unique(layer, table, row.uuid, differing)
        if not differing:  # already so; "merged" when other fields moved since the base (the client lacks them)
            status = "merged" if changed_since - set(new) else "applied"
            return {"change_id": change["change_id"], "status": status, "version": row.version}
        seq = self._next()
        stamps = {k: v for k, v in new.items() if k in STAMP_FIELDS}
        writes = {k: v for k, v in {**differing, **stamps}.items() if k != db.GEOM}
        for k in writes:
            field_seq[k] = seq
        if db.GEOM in differing:
            field_seq[db.GEOM] = seq
            writes.update(geom_wkb=wkb, geom_srid=self.srid if wkb is not None else None)
        self.con.execute(
            update(table)
            .where(table.c.municipality_code == self.muni, table.c.uuid == row.uuid)
            .values(**writes, version=seq, field_seq=field_seq)
        )
        feed = {k: v for k, v in {**differing, **stamps}.items() if k != db.GEOM}
        self._feed(change, seq, feed, wkb, db.GEOM in differing)
        others = changed_since - set(new)
        status = "merged" if others else "applied"
        return {"change_id": change["change_id"], "status": status, "version": seq}

    def _restore(self, change, layer, table, row, values, wkb, geom_given) -> dict:
        """An update on the version of a deletion (the client saw the delete and keeps its feature: "mine" in
        the conflict dock) brings the feature back under its own identity, with the values sent; the feed
        carries it as an insert, so every device gets it back. A second device keeping its own edit of the
        same feature then conflicts with the restored one like any other edit."""
        if parent := self._deleted_parent(layer, values, None):
            return self._parent_conflict(change, layer, row, values, *parent)
        self._complete(layer, table, row.uuid, values)
        seq = self._next()
        full = {n: values.get(n) for n in _attribute_names(layer)}
        field_seq = {n: seq for n in full}
        writes = dict(full, version=seq, deleted=False, deleted_seq=None, field_seq=field_seq)
        if layer.geometry:
            field_seq[db.GEOM] = seq
            writes.update(geom_wkb=wkb if geom_given else None, geom_srid=self.srid if geom_given and wkb else None)
        self.con.execute(
            update(table).where(table.c.municipality_code == self.muni, table.c.uuid == row.uuid).values(**writes)
        )
        self._feed(dict(change, op="insert"), seq, {k: v for k, v in full.items() if v is not None},
                   wkb if geom_given else None, bool(layer.geometry))  # fmt: skip
        return {"change_id": change["change_id"], "status": "applied", "version": seq}

    def _delete(self, change, layer, table, row, base) -> dict:
        if row.deleted:
            return {"change_id": change["change_id"], "status": "applied", "version": row.version}
        changed = sorted(f for f, s in (row.field_seq or {}).items() if s > base)
        if changed:
            return self._conflict(change, layer, row, changed, "updated on the server since your version")
        children = self._live_children(layer, row)
        if children:
            record = dict(server_record(layer, row), children=children)
            layers = ", ".join(sorted({c["layer"] for c in children}))
            why = (
                f"it still has {len(children)} live child feature(s) in {layers}: delete them first (same push is fine)"
            )
            return self._record_conflict(change, layer, row.uuid, row.version, record, [], why, "has_children")
        seq = self._next()
        scrub = {n: None for n in roles.personal_fields(layer.name)} if layer.restricted else {}
        self.con.execute(
            update(table)
            .where(table.c.municipality_code == self.muni, table.c.uuid == row.uuid)
            .values(**scrub, version=seq, deleted=True, deleted_seq=seq)
        )
        self._feed(change, seq, {}, None, False)
        return {"change_id": change["change_id"], "status": "applied", "version": seq}

    # -- helpers ----------------------------------------------------------------------------------
    def _complete(self, layer, table, fid: str, values: dict) -> None:
        """A whole feature (an insert, a restore): defaults filled in, required fields and unique codes checked."""
        for f in layer.fields:
            if f.name not in values and (d := _default(f)) is not None:
                values[f.name] = d
        for f in layer.fields:
            if f.not_null and values.get(f.name) is None:
                raise RefusedError("missing_field", f"field '{f.name}' of layer '{layer.name}' is required", f.name)
        self._check_unique(layer, table, fid, values)

    def _check_unique(self, layer, table, fid: str, values: dict) -> None:
        """A code the workspace keeps unique (house_code, pseudo_id, section_id, wo_number) may be held by one
        live feature of the municipality: a second one is refused with the holder named, never stored (every
        workspace would fail to take both)."""
        for f in layer.fields:
            value = values.get(f.name)
            if not f.unique or value is None:
                continue
            holder = self.con.execute(
                select(table.c.uuid).where(
                    table.c.municipality_code == self.muni, table.c[f.name] == value, table.c.uuid != fid,
                    table.c.deleted.is_(False),
                ).limit(1)
            ).scalar_one_or_none()  # fmt: skip
            if holder is not None:
                raise RefusedError(
                    "not_unique",
                    f"{f.name} {value!r} is already used by {layer.name} {holder}; give this feature another {f.name}",
                    f.name,
                )

    def _next(self) -> int:
        self.seq += 1
        return self.seq

    def _blob_complete(self, sha: object) -> bool:
        """The blob is uploaded and its author may read it (no attaching someone else's restricted photo)."""
        if not isinstance(sha, str):
            return False
        done = self.con.execute(
            select(db.blobs.c.complete).where(db.blobs.c.municipality_code == self.muni, db.blobs.c.sha256 == sha)
        ).scalar_one_or_none()
        return bool(done) and blob_readable(self.con, self.caller, sha)

    def _refer(self, change: dict) -> None:
        """Record which feature references each attachment (``blob_refs``)."""
        t = db.blob_refs
        for sha in dict.fromkeys(change.get("attachments") or []):
            key = (t.c.municipality_code == self.muni, t.c.sha256 == sha, t.c.layer == change["layer"],
                   t.c.uuid == change["uuid"])  # fmt: skip
            if self.con.execute(select(t.c.sha256).where(*key)).first() is None:
                self.con.execute(
                    insert(t).values(municipality_code=self.muni, sha256=sha, layer=change["layer"],
                                     uuid=change["uuid"], created_at=self.now)
                )  # fmt: skip

    def _feed(self, change: dict, seq: int, values: dict, wkb: bytes | None, geom_changed: bool) -> None:
        self.con.execute(
            insert(db.changes),
            dict(
                municipality_code=self.muni,
                seq=seq,
                change_id=change["change_id"],
                layer=change["layer"],
                uuid=change["uuid"],
                op=change["op"],
                base_version=change.get("base_version"),
                values=values,
                geom_wkb=wkb if geom_changed else None,
                geom_srid=self.srid if geom_changed and wkb is not None else None,
                geom_changed=geom_changed,
                attachments=change.get("attachments") or None,
                author=self.caller.username,
                device=change.get("device"),
                committed_at=self.now,
            ),
        )

    def _conflict(self, change: dict, layer, row, fields: list[str], why: str) -> dict:
        return self._record_conflict(change, layer, row.uuid, row.version, server_record(layer, row), fields, why)

    def _record_conflict(self, change, layer, fid, version, record, fields, why, code=None) -> dict:
        conflict_id = uuidlib.uuid4().hex
        stored_change = {k: change.get(k) for k in ("change_id", "layer", "uuid", "op", "base_version", "values")}
        if "geom" in change:
            stored_change["geom"] = change["geom"]
        self.con.execute(
            insert(db.conflicts).values(
                municipality_code=self.muni,
                conflict_id=conflict_id,
                change_id=change["change_id"],
                layer=layer.name,
                uuid=fid,
                change=stored_change,
                server_record=record,
                fields=fields,
                status="open",
                username=self.caller.username,
                created_at=self.now,
            )
        )
        out = {
            "change_id": change["change_id"],
            "status": "conflict",
            "version": version,
            "conflict_id": conflict_id,
            "fields": fields,
            "reason": f"{change['op']} of {layer.name} {fid}: {why}"
            + ("" if code else f" ({', '.join(fields) or 'deleted'})"),
            "server_record": record,
        }
        if code:
            out["code"] = code
        return out


def apply_push(con: Connection, caller: Caller, changes: list[dict]) -> list[dict]:
    """Apply one batch inside the caller's transaction ``con``; one result per change, in order."""
    tenant = lock_tenant(con, caller.municipality)
    batch = _Batch(con, caller, tenant)
    results = [batch.apply(c) for c in changes]
    if batch.seq != tenant.seq:
        con.execute(
            update(db.municipalities)
            .where(db.municipalities.c.municipality_code == caller.municipality)
            .values(seq=batch.seq)
        )
    return results


@dataclass(frozen=True)
class Erased:
    feed_entries: int  # feed entries scrubbed
    orphan_blobs: list[str]  # blobs no feature references any more: their bytes are to be removed after commit


def erase_person(con: Connection, municipality: str, resident_uuid: str, by: str) -> Erased:
    """Erase a resident (PDPA): the row's values, every value and attachment of theirs in the feed, their
    conflicts and stored answers, their photos' references (``blob_refs``; a blob nothing else references is
    forgotten, and its hash returned so that the caller removes the bytes once this transaction commits); a
    delete enters the feed so that devices that hold the person drop them."""
    tenant = lock_tenant(con, municipality)
    table = db.LAYER_TABLES["residents"]
    layer = schema.LAYERS_BY_NAME["residents"]
    row = con.execute(
        select(table).where(table.c.municipality_code == municipality, table.c.uuid == resident_uuid)
    ).one_or_none()
    if row is None:
        raise LookupError(resident_uuid)
    where_feed = and_(
        db.changes.c.municipality_code == municipality,
        db.changes.c.layer == "residents",
        db.changes.c.uuid == resident_uuid,
    )
    change_ids = [r[0] for r in con.execute(select(db.changes.c.change_id).where(where_feed))]
    change_ids += [
        r[0]
        for r in con.execute(
            select(db.conflicts.c.change_id).where(
                db.conflicts.c.municipality_code == municipality, db.conflicts.c.uuid == resident_uuid
            )
        )
    ]
    scrubbed = con.execute(update(db.changes).where(where_feed).values(values={}, attachments=None)).rowcount
    orphans = _forget_refs(con, municipality, "residents", resident_uuid)
    seq = tenant.seq + 1
    nulls = {n: None for n in _attribute_names(layer) if n not in schema.SYNC_FIELD_NAMES}
    con.execute(
        update(table)
        .where(table.c.municipality_code == municipality, table.c.uuid == resident_uuid)
        .values(**nulls, version=seq, deleted=True, deleted_seq=seq, field_seq={})
    )
    con.execute(
        insert(db.changes).values(
            municipality_code=municipality, seq=seq, change_id=f"erase-{uuidlib.uuid4().hex}", layer="residents",
            uuid=resident_uuid, op="delete", base_version=None, values={}, geom_changed=False, author=by,
            committed_at=now_utc(),
        )
    )  # fmt: skip
    con.execute(
        delete(db.conflicts).where(
            db.conflicts.c.municipality_code == municipality, db.conflicts.c.uuid == resident_uuid
        )
    )
    if change_ids:
        con.execute(
            delete(db.applied_changes).where(
                db.applied_changes.c.municipality_code == municipality, db.applied_changes.c.change_id.in_(change_ids)
            )
        )
    con.execute(
        delete(db.idempotency).where(
            db.idempotency.c.municipality_code == municipality,
            cast(db.idempotency.c.response, SaText).contains(resident_uuid),
        )
    )
    con.execute(update(db.municipalities).where(db.municipalities.c.municipality_code == municipality).values(seq=seq))
    return Erased(scrubbed, orphans)


def _forget_refs(con: Connection, municipality: str, layer: str, fid: str) -> list[str]:
    """Remove a feature's blob references; forget (blobs, blob_uploads) the blobs nothing references any more."""
    refs = db.blob_refs.c
    shas = sorted(
        r[0] for r in con.execute(select(refs.sha256).where(refs.municipality_code == municipality,
                                                            refs.layer == layer, refs.uuid == fid))
    )  # fmt: skip
    if not shas:
        return []
    con.execute(
        delete(db.blob_refs).where(refs.municipality_code == municipality, refs.layer == layer, refs.uuid == fid)
    )
    still = {
        r[0]
        for r in con.execute(
            select(refs.sha256).where(refs.municipality_code == municipality, refs.sha256.in_(shas)).distinct()
        )
    }
    orphans = [sha for sha in shas if sha not in still]
    if orphans:
        for t in (db.blob_uploads, db.blobs):
            con.execute(delete(t).where(t.c.municipality_code == municipality, t.c.sha256.in_(orphans)))
    return orphans
