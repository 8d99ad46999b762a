"""The change-log triggers of earlier plugin versions, frozen here so that tests can make the workspaces
those versions made: version 1 copied every value (residents' personal ones too) into the log, version 2
redacted residents' values but still copied every inserted row's values, geometry included (as hex),
and built an update's values with a subquery of one row per column."""

from __future__ import annotations

import sqlite3

from cddp_plugin.core.workspace import changelog
from cddp_plugin.core.workspace.changelog import NOW_SQL, UUID_SQL, _row_json, _scrub_on_delete, _user_columns
from cddp_plugin.core.workspace.schema import LAYERS, Layer


def _changed_json_v2(which: str, cols: list[str], red: frozenset[str]) -> str:
    rows = " UNION ALL ".join(
        f"SELECT '{c}' AS k, {changelog._value(which, c, red)} AS v, OLD.{c} IS NOT NEW.{c} AS changed" for c in cols
    )
    return f"(SELECT json_group_object(k, v) FROM ({rows}) WHERE changed)"


def trigger_sql(layer: Layer, version: int = 2) -> str:
    t = layer.name
    cols = _user_columns(layer)
    red = changelog.redacted_fields(layer) if version >= 2 else frozenset()
    not_applying = "(SELECT value FROM cddp_meta WHERE key = 'sync_applying') IS NOT '1'"
    changed = " OR ".join(f"OLD.{c} IS NOT NEW.{c}" for c in cols)
    return f"""
CREATE TRIGGER cddp_{t}_insert AFTER INSERT ON "{t}"
WHEN {not_applying}
BEGIN
  UPDATE "{t}" SET uuid = coalesce(NEW.uuid, {UUID_SQL}), updated_at = coalesce(NEW.updated_at, {NOW_SQL})
    WHERE fid = NEW.fid AND (NEW.uuid IS NULL OR NEW.updated_at IS NULL);
  INSERT INTO cddp_changelog (layer, feature_uuid, fid, op, base_version, new_values, changed_by)
    SELECT '{t}', r.uuid, r.fid, 'insert', r.version, {_row_json("r", cols, red)}, r.updated_by
    FROM "{t}" AS r WHERE r.fid = NEW.fid;
END;
CREATE TRIGGER cddp_{t}_update AFTER UPDATE ON "{t}"
WHEN {not_applying} AND ({changed})
BEGIN
  INSERT INTO cddp_changelog (layer, feature_uuid, fid, op, base_version, old_values, new_values, changed_by)
    VALUES ('{t}', NEW.uuid, NEW.fid, 'update', OLD.version,
            {_changed_json_v2("OLD", cols, red)}, {_changed_json_v2("NEW", cols, red)},
            CASE WHEN NEW.updated_by IS NOT OLD.updated_by THEN NEW.updated_by END);
  UPDATE "{t}" SET updated_at = {NOW_SQL} WHERE fid = NEW.fid AND NEW.updated_at IS OLD.updated_at;
END;
CREATE TRIGGER cddp_{t}_delete AFTER DELETE ON "{t}"
WHEN {not_applying}
BEGIN
  INSERT INTO cddp_changelog (layer, feature_uuid, fid, op, base_version, old_values, changed_by)
    VALUES ('{t}', OLD.uuid, OLD.fid, 'delete', OLD.version, {_row_json("OLD", cols, red)}, NULL);{_scrub_on_delete(layer, red)}
END;
"""


def make_old(path, version: int = 2, layers=None) -> None:
    """Give the workspace at ``path`` the triggers (and the cddp_meta record) of trigger ``version`` 1 or 2,
    for ``layers`` (default: every layer)."""
    con = sqlite3.connect(path)
    with con:
        for layer in layers or LAYERS:
            for op in ("insert", "update", "delete"):
                con.execute(f'DROP TRIGGER IF EXISTS "cddp_{layer.name}_{op}"')
            for stmt in trigger_sql(layer, version).split("END;")[:-1]:
                con.execute(stmt + "END;")
        if version == 1:
            con.execute("DELETE FROM cddp_meta WHERE key = ?", (changelog.TRIGGERS_KEY,))
        else:
            con.execute(
                "INSERT OR REPLACE INTO cddp_meta (key, value) VALUES (?, ?)", (changelog.TRIGGERS_KEY, str(version))
            )
    con.close()
