"""SQL for the change log: triggers that record every insert, update and delete on a synced
table, whatever client made it (QGIS, ogr2ogr, plain sqlite3).

For each synced table ``t`` with user columns ``c1..cn`` and geometry ``geom``:

* ``AFTER INSERT``: give the row a UUID v4 and ``updated_at`` if the client left them empty (a client
  that gives both, like the bulk jobs, costs no second write of the row), then log ``insert`` with the
  row's uuid, fid and version. The values are not copied (``new_values`` is NULL): the sync reads the
  row when it pushes.
* ``AFTER UPDATE`` when a user column or the geometry really changed: log ``update`` with only the
  changed columns in ``old_values``/``new_values`` (their keys are the changed columns) and the row's
  server ``version`` as ``base_version`` (the basis of field-by-field merging); bump ``updated_at``
  unless the client did.
* ``AFTER DELETE``: log ``delete`` with the whole old row.

Nothing is logged while ``cddp_meta.sync_applying`` is ``'1'``: that is how the sync engine writes
server changes (inside one transaction, so other connections never see the flag set). Geometries are
logged as hex of the GeoPackage blob, so values are plain JSON.

PDPA: on a restricted layer (residents) the log never copies a personal or sensitive value: it
records that the field changed and whether it is now empty, with :data:`REDACTED` in place of the
value (the sync reads the current value from the row when it pushes). When a resident is deleted,
nothing of theirs stays in the log (workspaces made before this rule are scrubbed by
:func:`upgrade_triggers` the first time a job opens them).
"""

from __future__ import annotations

from .schema import LAYERS, PERSONAL, SENSITIVE, SYNC_FIELD_NAMES, Layer

REDACTED = "[redacted]"
# cddp_meta key: the version of the triggers in a workspace (missing = the first ones, which copied
# residents' personal values into the log; "2" copied every inserted row's values, geometry included)
TRIGGERS_KEY = "changelog_triggers"
TRIGGERS_VERSION = "3"

NOW_SQL = "strftime('%Y-%m-%dT%H:%M:%fZ','now')"
UUID_SQL = (
    "lower(hex(randomblob(4)) || '-' || hex(randomblob(2)) || '-4' || substr(hex(randomblob(2)), 2)"
    " || '-' || substr('89ab', 1 + (abs(random()) % 4), 1) || substr(hex(randomblob(2)), 2)"
    " || '-' || hex(randomblob(6)))"
)
GEOM = "geom"


def change_id_sql(fid: str) -> str:
    """A change id the triggers give each entry: a UUID version 7 (RFC 9562: Unix milliseconds, then the
    row's fid as the counter, then 48 random bits), so that the unique index on ``change_id`` grows at
    its end like the log itself instead of at random places (a random UUID v4 costs each logged row a
    few microseconds more). The column's own default (v4) stays for every other writer of the log."""
    return (
        "(SELECT printf('%08x-%04x-7%03x-%04x-', ms >> 16, ms & 65535, "
        f"({fid} >> 14) & 4095, 32768 | ({fid} & 16383)) || lower(hex(randomblob(6)))"
        " FROM (SELECT CAST((julianday('now') - 2440587.5) * 86400000 AS INTEGER) AS ms))"
    )


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


def redacted_fields(layer: Layer) -> frozenset[str]:
    """The fields whose values the change log never copies: personal and sensitive fields of a
    restricted layer (residents)."""
    if not layer.restricted:
        return frozenset()
    return frozenset(f.name for f in layer.fields if f.cls in (PERSONAL, SENSITIVE))


def _value(prefix: str, col: str, redacted: frozenset[str] = frozenset()) -> str:
    if col in redacted:
        return f"CASE WHEN {prefix}.{col} IS NULL THEN NULL ELSE '{REDACTED}' END"
    return f"hex({prefix}.{col})" if col == GEOM else f"{prefix}.{col}"


def _row_json(prefix: str, cols: list[str], redacted: frozenset[str] = frozenset()) -> str:
    pairs = ", ".join(f"'{c}', {_value(prefix, c, redacted)}" for c in cols)
    return f"json_object({pairs})"


def _changed_json(which: str, cols: list[str], redacted: frozenset[str] = frozenset(), old: str = "OLD",
                  new: str = "NEW") -> str:  # fmt: skip
    """JSON object of the columns whose ``old`` and ``new`` values differ, taking values from ``which``.

    Built as text: each column costs one comparison, and only a changed one is quoted (``json_quote``),
    so an update costs what it changed (a subquery of one row per column, or ``json_set`` over every
    column, cost several microseconds a row). ``'{}'`` when nothing changed."""
    parts = " || ".join(
        f"""CASE WHEN {old}.{c} IS NOT {new}.{c} THEN ',"{c}":' || json_quote({_value(which, c, redacted)}) ELSE '' END"""
        for c in cols
    )
    return f"('{{' || substr({parts}, 2) || '}}')"


def update_log_sql(layer: Layer, columns: list[str], source: str) -> str | None:
    """``INSERT … SELECT`` writing, for each row of the table ``source`` (``fid`` and the new values of
    ``columns``, named as in the layer) whose values differ from the stored row, the entry the update
    trigger writes when that row is updated — for a bulk writer that logs many rows at once and then
    updates them with the trigger silenced (:func:`..gpkg.update_logged`). Run it before the update
    (it reads the stored values as the old ones). None when no logged column is among ``columns``."""
    assert not {"fid", "uuid", "version"} & set(columns)  # what the entry names the row by
    cols = [c for c in _user_columns(layer) if c in columns]
    if not cols:
        return None
    red = redacted_fields(layer)
    changed = " OR ".join(f"h.{c} IS NOT w.{c}" for c in cols)
    by = "CASE WHEN w.updated_by IS NOT h.updated_by THEN w.updated_by END" if "updated_by" in columns else "NULL"
    return f"""INSERT INTO cddp_changelog (change_id, layer, feature_uuid, fid, op, base_version, old_values, new_values,
                            changed_by)
  SELECT {change_id_sql("h.fid")}, '{layer.name}', h.uuid, h.fid, 'update', h.version,
         {_changed_json("h", cols, red, "h", "w")}, {_changed_json("w", cols, red, "h", "w")}, {by}
  FROM {source} AS w JOIN "{layer.name}" AS h ON h.fid = w.fid
  WHERE ({changed}) AND (SELECT value FROM cddp_meta WHERE key = 'sync_applying') IS NOT '1'
  ORDER BY w.fid"""


def trigger_sql(layer: Layer) -> str:
    t = layer.name
    cols = _user_columns(layer)
    red = redacted_fields(layer)
    not_applying = "(SELECT value FROM cddp_meta WHERE key = 'sync_applying') IS NOT '1'"
    changed = " OR ".join(f"OLD.{c} IS NOT NEW.{c}" for c in cols)
    assert "uuid" in SYNC_FIELD_NAMES
    # The insert entry names the row (uuid, fid, version); the sync reads its values from the row when it
    # pushes, so they are not copied. A writer that gives uuid and updated_at (the bulk jobs) costs no
    # second write of the row; the UPDATE below only runs for one that leaves them empty.
    return f"""
CREATE TRIGGER cddp_{t}_insert AFTER INSERT ON "{t}"
WHEN {not_applying}
BEGIN
  UPDATE "{t}" SET uuid = coalesce(NEW.uuid, {UUID_SQL}), updated_at = coalesce(NEW.updated_at, {NOW_SQL})
    WHERE (NEW.uuid IS NULL OR NEW.updated_at IS NULL) AND fid = NEW.fid;
  INSERT INTO cddp_changelog (change_id, layer, feature_uuid, fid, op, base_version, changed_by)
    VALUES ({change_id_sql("NEW.fid")}, '{t}', coalesce(NEW.uuid, (SELECT r.uuid FROM "{t}" AS r WHERE r.fid = NEW.fid)), NEW.fid, 'insert',
            NEW.version, NEW.updated_by);
END;
CREATE TRIGGER cddp_{t}_update AFTER UPDATE ON "{t}"
WHEN ({changed}) AND {not_applying}
BEGIN
  INSERT INTO cddp_changelog (change_id, layer, feature_uuid, fid, op, base_version, old_values, new_values,
                              changed_by)
    VALUES ({change_id_sql("NEW.fid")}, '{t}', NEW.uuid, NEW.fid, 'update', OLD.version,
            {_changed_json("OLD", cols, red)}, {_changed_json("NEW", cols, red)},
            CASE WHEN NEW.updated_by IS NOT OLD.updated_by THEN NEW.updated_by END);
  UPDATE "{t}" SET updated_at = {NOW_SQL} WHERE NEW.updated_at IS OLD.updated_at AND fid = NEW.fid;
END;
CREATE TRIGGER cddp_{t}_delete AFTER DELETE ON "{t}"
WHEN {not_applying}
BEGIN
  INSERT INTO cddp_changelog (change_id, layer, feature_uuid, fid, op, base_version, old_values, changed_by)
    VALUES ({change_id_sql("OLD.fid")}, '{t}', OLD.uuid, OLD.fid, 'delete', OLD.version, {_row_json("OLD", cols, red)}, NULL);{_scrub_on_delete(layer, red)}
END;
"""


def _scrub_on_delete(layer: Layer, red: frozenset[str]) -> str:
    """SQL (inside the delete trigger) that blanks a deleted row's personal values in older log entries."""
    if not red:
        return ""
    return f"""
  UPDATE cddp_changelog SET {_scrub_assignments(red)}
    WHERE layer = '{layer.name}' AND (feature_uuid = OLD.uuid OR fid = OLD.fid AND feature_uuid IS NULL);"""


def _scrub_assignments(red: frozenset[str]) -> str:
    names = ", ".join(f"'{f}'" for f in sorted(red))

    def scrub(column: str) -> str:
        rebuilt = (
            f"(SELECT json_group_object(key, CASE WHEN key IN ({names}) AND type != 'null' THEN '{REDACTED}'"
            f" ELSE value END) FROM json_each({column}))"
        )
        return f"{column} = CASE WHEN json_valid({column}) THEN {rebuilt} ELSE {column} END"

    return f"{scrub('old_values')}, {scrub('new_values')}"


def scrub_sql() -> str:
    """SQL that replaces every personal value already in the log by :data:`REDACTED`."""
    return "\n".join(
        f"UPDATE cddp_changelog SET {_scrub_assignments(red)} WHERE layer = '{layer.name}';"
        for layer in LAYERS
        if (red := redacted_fields(layer))
    )


def upgrade_triggers(con) -> bool:
    """Bring an older workspace's change-log triggers to :data:`TRIGGERS_VERSION` (no schema change:
    the same tables and log): the triggers of every layer are rewritten, and the personal values the
    first ones copied are scrubbed, in one transaction. Returns whether it did."""
    try:
        row = con.execute("SELECT value FROM cddp_meta WHERE key = ?", (TRIGGERS_KEY,)).fetchone()
        if row is not None and row[0] == TRIGGERS_VERSION:
            return False
        tables = {r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type = 'trigger'")}
    except Exception as exc:  # not a CDDP workspace (no cddp_meta): nothing to upgrade
        if "no such table" in str(exc):
            return False
        raise
    script = ["BEGIN IMMEDIATE;"]
    for layer in LAYERS:
        if f"cddp_{layer.name}_insert" in tables:
            script += [f'DROP TRIGGER IF EXISTS "cddp_{layer.name}_{op}";' for op in ("insert", "update", "delete")]
            script.append(trigger_sql(layer))
    script.append(scrub_sql())
    script.append(f"INSERT OR REPLACE INTO cddp_meta (key, value) VALUES ('{TRIGGERS_KEY}', '{TRIGGERS_VERSION}');")
    script.append("COMMIT;")
    try:
        con.executescript("\n".join(script))
    except BaseException:
        if con.in_transaction:
            con.rollback()
        raise
    return True
