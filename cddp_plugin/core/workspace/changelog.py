"""SQL for the change log: triggers that record every insert, update and delete on a synced
table, whatever client made it (QGIS, ogr2ogr, plain sqlite3).

For each synced table ``t`` with user columns ``c1..cn`` and geometry ``geom``:

* ``AFTER INSERT``: give the row a UUID v4 and ``updated_at`` if the client left them empty, then
  log ``insert`` with the whole row as ``new_values``.
* ``AFTER UPDATE`` when a user column or the geometry really changed: log ``update`` with only the
  changed columns in ``old_values``/``new_values`` and the row's server ``version`` as
  ``base_version`` (the basis of field-by-field merging); bump ``updated_at`` unless the client did.
* ``AFTER DELETE``: log ``delete`` with the whole old row.

Nothing is logged while ``cddp_meta.sync_applying`` is ``'1'``: that is how the sync engine writes
server changes (inside one transaction, so other connections never see the flag set). Geometries are
logged as hex of the GeoPackage blob, so values are plain JSON.
"""

from __future__ import annotations

from .schema import SYNC_FIELD_NAMES, Layer

NOW_SQL = "strftime('%Y-%m-%dT%H:%M:%fZ','now')"
UUID_SQL = (
    "lower(hex(randomblob(4)) || '-' || hex(randomblob(2)) || '-4' || substr(hex(randomblob(2)), 2)"
    " || '-' || substr('89ab', 1 + (abs(random()) % 4), 1) || substr(hex(randomblob(2)), 2)"
    " || '-' || hex(randomblob(6)))"
)
GEOM = "geom"

SYSTEM_TABLES_SQL = f"""
CREATE TABLE cddp_meta (
  key TEXT PRIMARY KEY NOT NULL,
  value TEXT
);
CREATE TABLE cddp_changelog (
  seq INTEGER PRIMARY KEY AUTOINCREMENT,
  change_id TEXT NOT NULL UNIQUE DEFAULT ({UUID_SQL}),
  layer TEXT NOT NULL,
  feature_uuid TEXT,
  fid INTEGER,
  op TEXT NOT NULL CHECK (op IN ('insert', 'update', 'delete')),
  base_version INTEGER,
  old_values TEXT,
  new_values TEXT,
  changed_at TEXT NOT NULL DEFAULT ({NOW_SQL}),
  changed_by TEXT,
  pushed_at TEXT
);
CREATE INDEX cddp_changelog_pending ON cddp_changelog (pushed_at, seq);
CREATE INDEX cddp_changelog_feature ON cddp_changelog (layer, feature_uuid);
CREATE TABLE cddp_field_class (
  table_name TEXT NOT NULL,
  field_name TEXT NOT NULL,
  class TEXT NOT NULL CHECK (class IN ('public', 'personal', 'sensitive')),
  PRIMARY KEY (table_name, field_name)
);
CREATE TABLE cddp_sync_state (
  layer TEXT PRIMARY KEY NOT NULL,
  cursor TEXT,
  pulled_at TEXT
);
CREATE TABLE cddp_personal_data_log (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  at TEXT NOT NULL DEFAULT ({NOW_SQL}),
  who TEXT NOT NULL,
  action TEXT NOT NULL,
  what TEXT NOT NULL
);
"""


def _user_columns(layer: Layer) -> list[str]:
    cols = [f.name for f in layer.fields]
    if layer.geometry:
        cols.append(GEOM)
    return cols


def _value(prefix: str, col: str) -> str:
    return f"hex({prefix}.{col})" if col == GEOM else f"{prefix}.{col}"


def _row_json(prefix: str, cols: list[str]) -> str:
    pairs = ", ".join(f"'{c}', {_value(prefix, c)}" for c in cols)
    return f"json_object({pairs})"


def _changed_json(which: str, cols: list[str]) -> str:
    """JSON object of the columns whose OLD and NEW values differ, taking values from ``which``."""
    rows = " UNION ALL ".join(
        f"SELECT '{c}' AS k, {_value(which, c)} AS v, OLD.{c} IS NOT NEW.{c} AS changed" for c in cols
    )
    return f"(SELECT json_group_object(k, v) FROM ({rows}) WHERE changed)"


def trigger_sql(layer: Layer) -> str:
    t = layer.name
    cols = _user_columns(layer)
    not_applying = "(SELECT value FROM cddp_meta WHERE key = 'sync_applying') IS NOT '1'"
    changed = " OR ".join(f"OLD.{c} IS NOT NEW.{c}" for c in cols)
    assert "uuid" in SYNC_FIELD_NAMES
    return f"""
CREATE TRIGGER cddp_{t}_insert AFTER INSERT ON "{t}"
WHEN {not_applying}
BEGIN
  UPDATE "{t}" SET uuid = coalesce(NEW.uuid, {UUID_SQL}), updated_at = coalesce(NEW.updated_at, {NOW_SQL})
    WHERE fid = NEW.fid AND (NEW.uuid IS NULL OR NEW.updated_at IS NULL);
  INSERT INTO cddp_changelog (layer, feature_uuid, fid, op, base_version, new_values, changed_by)
    SELECT '{t}', r.uuid, r.fid, 'insert', r.version, {_row_json("r", cols)}, r.updated_by
    FROM "{t}" AS r WHERE r.fid = NEW.fid;
END;
CREATE TRIGGER cddp_{t}_update AFTER UPDATE ON "{t}"
WHEN {not_applying} AND ({changed})
BEGIN
  INSERT INTO cddp_changelog (layer, feature_uuid, fid, op, base_version, old_values, new_values, changed_by)
    VALUES ('{t}', NEW.uuid, NEW.fid, 'update', OLD.version,
            {_changed_json("OLD", cols)}, {_changed_json("NEW", cols)},
            CASE WHEN NEW.updated_by IS NOT OLD.updated_by THEN NEW.updated_by END);
  UPDATE "{t}" SET updated_at = {NOW_SQL} WHERE fid = NEW.fid AND NEW.updated_at IS OLD.updated_at;
END;
CREATE TRIGGER cddp_{t}_delete AFTER DELETE ON "{t}"
WHEN {not_applying}
BEGIN
  INSERT INTO cddp_changelog (layer, feature_uuid, fid, op, base_version, old_values, changed_by)
    VALUES ('{t}', OLD.uuid, OLD.fid, 'delete', OLD.version, {_row_json("OLD", cols)}, NULL);
END;
"""
