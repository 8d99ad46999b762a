"""gpkg.update_logged — many rows updated with their change-log entries written in one statement and the
update trigger silenced — leaves the rows and the log exactly as the trigger firing row by row does."""

from __future__ import annotations

import shutil
import sqlite3

import pytest

from cddp_plugin.core.workspace import gpkg
from tests.core.workspace.test_changelog_writes import N, household_inserts, snapshot

COLUMNS = ["parcel_id", "link_method", "link_confidence", "link_distance_m", "link_candidates", "updated_by",
           "updated_at"]  # fmt: skip
LOGGED = ("layer", "feature_uuid", "fid", "op", "base_version", "old_values", "new_values", "changed_by", "pushed_at")


def seeded(path):
    """N households, some already linked (and synced: version 3), as rows of :data:`COLUMNS` + fid."""
    con = gpkg.connect(path)
    with con:
        gpkg.write_features(con, "households", ["house_code", "house_no"], household_inserts(con), [])
        con.execute("UPDATE households SET version = 3, parcel_id = 'P' || (fid % 4), link_method = 'within',"
                    " link_confidence = 0.5 WHERE fid % 3 = 0")  # fmt: skip
    fids = [r[0] for r in con.execute("SELECT fid FROM households ORDER BY fid")]
    con.close()
    rows = []
    for fid in fids:  # fid % 3 == 0: the link already stored
        row = [f"P{fid % 4}", "within", 0.5, None, None, "officer", "2026-01-02T03:04:05.678Z", fid]
        if fid % 3 == 1:  # a new link
            row[:5] = [f"P{fid % 5}", "nearest", 0.6123, 4.25, '[{"parcel": "P1", "distance_m": 4.25}]']
        elif fid % 3 == 2:  # cleared: already empty, only the user changes (not logged)
            row[:5] = [None, None, None, None, None]
        if fid % 7 == 0:
            row[2] = 1  # an integer for a REAL column: stored, compared and logged as 1.0
        if fid % 11 == 0:
            row[5] = "tester"  # the user who last changed it (create_workspace's): changed_by stays empty
        rows.append(row)
    return rows


def log_since(path, seq):
    con = sqlite3.connect(path)
    try:
        return con.execute(f"SELECT {', '.join(LOGGED)} FROM cddp_changelog WHERE seq > ? ORDER BY fid, seq",
                           (seq,)).fetchall()  # fmt: skip
    finally:
        con.close()


def test_update_logged_writes_the_rows_and_log_the_trigger_writes(core_workspace, tmp_path):
    rows = seeded(core_workspace.path)
    by_trigger = tmp_path / "by_trigger.gpkg"
    shutil.copy(core_workspace.path, by_trigger)
    seq = sqlite3.connect(by_trigger).execute("SELECT max(seq) FROM cddp_changelog").fetchone()[0]
    con = gpkg.connect(by_trigger)
    with con:
        con.executemany(f"UPDATE households SET {', '.join(f'{c} = ?' for c in COLUMNS)} WHERE fid = ?", rows)
    con.close()
    con = gpkg.connect(core_workspace.path)
    with con:
        gpkg.update_logged(con, "households", COLUMNS, rows)
    con.close()

    got, want = snapshot(core_workspace.path), snapshot(by_trigger)
    assert got["rows"] == want["rows"]
    assert got["rtree"] == want["rtree"] and got["triggers"] == want["triggers"] and got["count"] == want["count"]
    logged = log_since(core_workspace.path, seq)
    assert logged == log_since(by_trigger, seq)
    assert 0 < len(logged) < N  # the rows whose values were already stored are not logged
    con = sqlite3.connect(core_workspace.path)
    assert con.execute("SELECT value FROM cddp_meta WHERE key = 'sync_applying'").fetchone() == ("0",)
    assert con.execute("SELECT count(*) FROM sqlite_temp_master").fetchone() == (0,)
    con.close()


def test_update_logged_logs_nothing_while_the_sync_applies(core_workspace):
    rows = seeded(core_workspace.path)
    con = gpkg.connect(core_workspace.path)
    seq = con.execute("SELECT max(seq) FROM cddp_changelog").fetchone()[0]
    with con:
        con.execute("UPDATE cddp_meta SET value = '1' WHERE key = 'sync_applying'")
        gpkg.update_logged(con, "households", COLUMNS, rows)
        assert con.execute("SELECT value FROM cddp_meta WHERE key = 'sync_applying'").fetchone() == ("1",)
        con.execute("UPDATE cddp_meta SET value = '0' WHERE key = 'sync_applying'")
    con.close()
    assert log_since(core_workspace.path, seq) == []


def test_a_failed_update_logged_leaves_rows_log_and_flag_as_they_were(core_workspace):
    rows = seeded(core_workspace.path)
    before = snapshot(core_workspace.path)
    rows[-1] = [*rows[-1][:-1], rows[0][-1]]  # one fid twice: the temporary table refuses it
    con = gpkg.connect(core_workspace.path)
    con.execute("BEGIN IMMEDIATE")
    with pytest.raises(sqlite3.IntegrityError):
        gpkg.update_logged(con, "households", COLUMNS, rows)
    assert con.in_transaction  # the caller's transaction goes on, without any of it
    con.commit()
    con.close()
    assert snapshot(core_workspace.path) == before
    con = sqlite3.connect(core_workspace.path)
    assert con.execute("SELECT value FROM cddp_meta WHERE key = 'sync_applying'").fetchone() == ("0",)
    con.close()
