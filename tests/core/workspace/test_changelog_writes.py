"""Every change is recorded, whoever writes it, after the cheaper change log (trigger version 3): the
bulk jobs' set-based writes (which keep the R-tree themselves), plain sqlite3, a failed bulk job
(which must leave rows, R-tree, triggers and log exactly as they were), and workspaces made by earlier
versions (their triggers are rewritten the first time a job opens them)."""

from __future__ import annotations

import json
import re
import sqlite3

import pytest
import shapely

from cddp_plugin.core.workspace import changelog, gpkg, schema
from tests.core.workspace.old_triggers import make_old

X0, Y0 = 700_000.0, 1_500_000.0
N = gpkg.BULK_INDEX_ROWS + 44  # enough rows for the bulk path


def points(n, srs, start=0):
    geoms = [shapely.Point(X0 + 3 * i, Y0 + (i % 7)) for i in range(start, start + n)]
    if n > 2:
        geoms[1] = None  # no geometry: no R-tree entry
        geoms[2] = shapely.Point()  # empty: no R-tree entry
    return gpkg.to_blobs(geoms, srs)


def household_inserts(con, n=N, start=0):
    blobs = points(n, gpkg.srs_id(con, "households"), start)
    return [[f"H{i:05d}", str(i), blobs[k], "officer"] for k, i in enumerate(range(start, start + n))]


def snapshot(path):
    """Everything a write may touch: the rows, the R-tree, the log, the triggers, GDAL's feature count."""
    con = sqlite3.connect(path)
    try:
        return {
            "rows": con.execute("SELECT * FROM households ORDER BY fid").fetchall(),
            "rtree": con.execute("SELECT * FROM rtree_households_geom ORDER BY id").fetchall(),
            "log": con.execute("SELECT * FROM cddp_changelog ORDER BY seq").fetchall(),
            "triggers": sorted(con.execute("SELECT name, sql FROM sqlite_master WHERE type = 'trigger'").fetchall()),
            "count": con.execute("SELECT * FROM gpkg_ogr_contents ORDER BY table_name").fetchall(),
        }
    finally:
        con.close()


def squeeze(sql):
    return re.sub(r"\s+", " ", sql).strip()


def log(path, op=None):
    con = sqlite3.connect(path)
    con.row_factory = sqlite3.Row
    try:
        sql = "SELECT * FROM cddp_changelog" + (" WHERE op = ?" if op else "") + " ORDER BY seq"
        return [dict(r) for r in con.execute(sql, (op,) if op else ())]
    finally:
        con.close()


def test_a_bulk_insert_logs_every_row_and_keeps_the_rtree_as_the_triggers_would(core_workspace, tmp_path):
    import shutil

    by_triggers = tmp_path / "by_triggers.gpkg"
    shutil.copy(core_workspace.path, by_triggers)
    con = gpkg.connect(core_workspace.path)
    with con:
        gpkg.write_features(con, "households", ["house_code", "house_no"], household_inserts(con), [])
    con.close()
    # the same rows one statement each, through the GeoPackage R-tree triggers (gpkg.connect's ST_ functions)
    con = gpkg.connect(by_triggers)
    with con:
        con.executemany(
            "INSERT INTO households (house_code, house_no, geom, updated_by) VALUES (?, ?, ?, ?)",
            household_inserts(con),
        )
    con.close()
    bulk, ref = snapshot(core_workspace.path), snapshot(by_triggers)
    assert bulk["rtree"] == ref["rtree"] and len(bulk["rtree"]) == N - 2
    assert bulk["count"] == ref["count"]
    assert bulk["triggers"] == ref["triggers"]  # the R-tree and count triggers are back, as they were
    rows = {r[0]: r for r in bulk["rows"]}
    inserts = log(core_workspace.path, "insert")
    assert len(inserts) == N == len(rows)
    for e in inserts:  # every row named by uuid and fid, on version 0, by its writer; values read from the row
        assert e["feature_uuid"] == rows[e["fid"]][2] and re.match(r"^[0-9a-f-]{36}$", e["feature_uuid"])
        assert (e["layer"], e["base_version"], e["changed_by"], e["new_values"]) == ("households", 0, "officer", None)
        assert e["pushed_at"] is None
    assert all(r[4] for r in bulk["rows"])  # updated_at given by the job
    ids = [e["change_id"] for e in inserts]  # unique, time-ordered UUIDs (v7, the fid as counter)
    assert len(set(ids)) == N and all(
        re.match(r"^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-", i) for i in ids
    )
    assert ids == sorted(ids)


def test_a_bulk_update_logs_exactly_the_changed_columns(core_workspace):
    con = gpkg.connect(core_workspace.path)
    with con:
        gpkg.write_features(con, "households", ["house_code", "house_no"], household_inserts(con), [])
    fids = [r[0] for r in con.execute("SELECT fid FROM households ORDER BY fid")]
    con.execute("UPDATE households SET version = 4")  # as if synced: bookkeeping, not logged
    con.commit()
    seq = con.execute("SELECT max(seq) FROM cddp_changelog").fetchone()[0]
    srs = gpkg.srs_id(con, "households")
    moved = gpkg.to_blob(shapely.Point(X0, Y0 + 50), srs)
    rows = [[f"P{k % 3}", "within", 0.75, None, None, "linker", fid] for k, fid in enumerate(fids)]
    rows[0][1] = None  # clears link_method... which was NULL: parcel_id and confidence only
    with con:
        gpkg.update_rows(
            con, "households", ["parcel_id = ?", "link_method = ?", "link_confidence = ?", "link_distance_m = ?",
                                "link_candidates = ?", "updated_by = ?"], rows,
        )  # fmt: skip
        gpkg.write_features(con, "households", ["house_no"], [], [["52", moved, "officer", fids[5]]])
        gpkg.write_features(con, "households", ["house_no"], [], [["6", None, "officer", fids[6]]],
                            keep_when_null={"geom"})  # fmt: skip
    con.close()
    new = [e for e in log(core_workspace.path, "update") if e["seq"] > seq]
    assert len(new) == N + 1  # fids[6]: house_no '6' and the geometry kept: no change, nothing logged
    by_fid = {}
    for e in new:
        by_fid.setdefault(e["fid"], []).append(e)
    first = by_fid[fids[0]][0]
    assert json.loads(first["new_values"]) == {"parcel_id": "P0", "link_confidence": 0.75}
    assert json.loads(first["old_values"]) == {"parcel_id": None, "link_confidence": None}
    assert (first["base_version"], first["changed_by"]) == (4, "linker")
    assert json.loads(by_fid[fids[1]][0]["new_values"]) == {"parcel_id": "P1", "link_method": "within",
                                                             "link_confidence": 0.75}  # fmt: skip
    moved_entry = by_fid[fids[5]][-1]
    assert set(json.loads(moved_entry["new_values"])) == {"house_no", "geom"}
    assert json.loads(moved_entry["old_values"])["house_no"] == "5"
    assert json.loads(moved_entry["new_values"])["geom"] == moved.hex().upper()
    con = sqlite3.connect(core_workspace.path)
    # the moved point's R-tree entry follows it (the GeoPackage update trigger)
    assert con.execute("SELECT miny FROM rtree_households_geom WHERE id = ?", (fids[5],)).fetchone()[0] == Y0 + 50
    stamps = {r[0] for r in con.execute("SELECT updated_at FROM households")}
    con.close()
    assert None not in stamps


def test_plain_sqlite3_inserts_updates_and_deletes_are_logged(core_workspace):
    """A client that gives neither uuid nor updated_at (sqlite3, DB Browser): the triggers fill them and
    log every change."""
    con = sqlite3.connect(core_workspace.path)
    with con:
        con.executemany(
            "INSERT INTO streetlight_faults (streetlight_uuid, fault) VALUES (?, ?)", [("L-1", "dark"), ("L-2", "dim")]
        )
        con.execute("UPDATE streetlight_faults SET fault = 'flicker' WHERE streetlight_uuid = 'L-1'")
        con.execute("UPDATE streetlight_faults SET updated_at = '2020-01-01T00:00:00.000Z'")  # bookkeeping: not logged
        con.execute("DELETE FROM streetlight_faults WHERE streetlight_uuid = 'L-2'")
    rows = dict(con.execute("SELECT fid, uuid FROM streetlight_faults"))
    stamp = con.execute("SELECT updated_at FROM streetlight_faults").fetchone()[0]
    con.close()
    entries = log(core_workspace.path)
    assert [e["op"] for e in entries] == ["insert", "insert", "update", "delete"]
    assert all(re.match(r"^[0-9a-f-]{36}$", e["feature_uuid"]) for e in entries)  # the trigger gave the uuids
    assert entries[0]["feature_uuid"] == rows[entries[0]["fid"]] and stamp == "2020-01-01T00:00:00.000Z"
    assert json.loads(entries[2]["new_values"]) == {"fault": "flicker"}
    assert json.loads(entries[2]["old_values"]) == {"fault": "dark"}
    assert json.loads(entries[3]["old_values"])["fault"] == "dim"
    assert entries[3]["feature_uuid"] == entries[1]["feature_uuid"]


def test_a_failed_bulk_insert_leaves_rows_rtree_triggers_and_log_as_they_were(core_workspace):
    con = gpkg.connect(core_workspace.path)
    with con:
        gpkg.write_features(con, "households", ["house_code", "house_no"], household_inserts(con, 5), [])
    con.close()
    before = snapshot(core_workspace.path)
    con = gpkg.connect(core_workspace.path)
    bad = household_inserts(con, N, start=100)
    bad[-1][0] = "H00003"  # a house code already stored: the unique constraint fails on the last row
    with pytest.raises(sqlite3.IntegrityError):
        with con:
            gpkg.write_features(con, "households", ["house_code", "house_no"], bad, [])
    assert not con.in_transaction
    # the same connection goes on working, with every trigger in place
    with con:
        gpkg.write_features(con, "households", ["house_code", "house_no"], household_inserts(con, 1, start=900), [])
    con.close()
    after = snapshot(core_workspace.path)
    assert after["triggers"] == before["triggers"]
    assert after["rows"][:-1] == before["rows"] and after["log"][:-1] == before["log"]
    assert after["rtree"][:-1] == before["rtree"] and len(after["rtree"]) == len(before["rtree"]) + 1
    assert after["count"] == before["count"] and len(after["rows"]) == len(before["rows"]) + 1


def test_nothing_is_logged_while_the_sync_applies_even_by_a_bulk_job(core_workspace):
    con = gpkg.connect(core_workspace.path)
    with con:
        con.execute("UPDATE cddp_meta SET value = '1' WHERE key = 'sync_applying'")
        gpkg.write_features(con, "households", ["house_code", "house_no"], household_inserts(con), [])
        con.execute("UPDATE cddp_meta SET value = '0' WHERE key = 'sync_applying'")
    con.close()
    assert log(core_workspace.path) == []
    assert len(snapshot(core_workspace.path)["rtree"]) == N - 2  # the spatial index is kept all the same


@pytest.mark.parametrize("version", [1, 2])
def test_a_workspace_of_an_earlier_version_gets_the_new_triggers_on_every_layer(core_workspace, version):
    make_old(core_workspace.path, version)
    con = sqlite3.connect(core_workspace.path)
    with con:  # an edit under the old triggers: its entry stays as it was written
        con.execute("INSERT INTO streetlight_faults (uuid, streetlight_uuid, fault) VALUES ('f-1', 'L-1', 'dark')")
    old_entry = con.execute("SELECT * FROM cddp_changelog").fetchall()
    con.close()
    assert json.loads(old_entry[0][8])["fault"] == "dark"  # the old insert copied the values

    gpkg.connect(core_workspace.path).close()  # the first write connection upgrades
    con = sqlite3.connect(core_workspace.path)
    assert con.execute("SELECT value FROM cddp_meta WHERE key = ?", (changelog.TRIGGERS_KEY,)).fetchone()[0] == "3"
    stored = dict(con.execute("SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND name LIKE 'cddp_%'"))
    for layer in schema.LAYERS:
        expected = [squeeze(s + "END") for s in changelog.trigger_sql(layer).split("END;")[:-1]]
        for op, sql in zip(("insert", "update", "delete"), expected, strict=True):
            assert squeeze(stored[f"cddp_{layer.name}_{op}"]) == sql, (layer.name, op)
    assert con.execute("SELECT * FROM cddp_changelog").fetchall() == old_entry
    with con:
        con.execute("INSERT INTO streetlight_faults (streetlight_uuid, fault) VALUES ('L-2', 'dim')")
    assert con.execute("SELECT op, new_values FROM cddp_changelog WHERE seq > 1").fetchall() == [("insert", None)]
    con.close()
    con = gpkg.connect(core_workspace.path)
    assert not changelog.upgrade_triggers(con)  # once only
    con.close()
