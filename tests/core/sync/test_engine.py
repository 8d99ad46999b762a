"""The sync engine against the real server: first push of an existing workspace, a new workspace from the
server, edits both ways, a conflict kept with both sides and resolved, resuming after a lost answer, and
``sync_applying`` never left on. Each test runs on SQLite and PostgreSQL stores."""

from __future__ import annotations

import json

import pytest
import shapely

from cddp_plugin.core.sync import engine, jobs, state
from cddp_plugin.core.sync.http import TransportError, urllib_transport
from cddp_plugin.core.workspace import gpkg

from .conftest import client_for, new_workspace


def _parcel(con, code: str, x: float = 0, user: str = "tester") -> str:
    blob = gpkg.to_blob(
        shapely.MultiPolygon([shapely.box(500000 + x, 1600000, 500040 + x, 1600040)]), gpkg.srs_id(con, "parcels")
    )
    with con:
        cur = con.execute(
            "INSERT INTO parcels (parcel_code, area_sqm, geom, updated_by) VALUES (?, 1600, ?, ?)", (code, blob, user)
        )
    return con.execute("SELECT uuid FROM parcels WHERE fid = ?", (cur.lastrowid,)).fetchone()[0]


def _rows(path, sql, args=()):
    con = gpkg.connect(path)
    try:
        return con.execute(sql, args).fetchall()
    finally:
        con.close()


def _applying(path) -> str:
    return _rows(path, "SELECT value FROM cddp_meta WHERE key = 'sync_applying'")[0][0]


@pytest.fixture
def pair(server, tmp_path, area, request):
    """Workspace A (an existing one, pushed first) and B (made from the server), each with its user."""
    a = tmp_path / "a.gpkg"
    new_workspace(a, area)
    con = gpkg.connect(a)
    uuids = [_parcel(con, f"T{request.node.name[-12:]}{i}", x=i * 50) for i in range(3)]
    con.close()
    first = engine.sync_workspace(a, client_for(server, "gis1"))
    assert first.finished and first.pushed == 3 and first.conflicts == first.rejected == 0
    b = tmp_path / "b.gpkg"
    engine.clone_workspace(b, client_for(server, "gis2"))
    return a, b, uuids


def test_first_push_and_clone_hold_the_same_features(pair):
    a, b, uuids = pair
    q = "SELECT uuid, version, parcel_code, area_sqm, hex(geom) FROM parcels WHERE uuid IN (?, ?, ?) ORDER BY uuid"
    in_a, in_b = _rows(a, q, uuids), _rows(b, q, uuids)
    assert len(in_a) == 3 and in_a == in_b
    assert all(r[1] > 0 for r in in_a)  # versions set from the server's answer
    # the clone has nothing waiting, the original has everything answered
    for ws in (a, b):
        assert _rows(ws, "SELECT count(*) FROM cddp_changelog WHERE pushed_at IS NULL OR pushed_at = 'outbox'") == [
            (0,)
        ]
        assert _applying(ws) == "0"


def test_edits_on_both_sides_merge_field_by_field(server, pair):
    a, b, uuids = pair
    con = gpkg.connect(a)
    with con:
        con.execute("UPDATE parcels SET zone = 'Z1' WHERE uuid = ?", (uuids[0],))
    con.close()
    con = gpkg.connect(b)
    with con:
        con.execute("UPDATE parcels SET block = 'B7' WHERE uuid = ?", (uuids[0],))
    con.close()
    ra = engine.sync_workspace(a, client_for(server, "gis1"))
    rb = engine.sync_workspace(b, client_for(server, "gis2"))
    assert (ra.pushed, rb.pushed, rb.merged, rb.conflicts) == (1, 1, 1, 0)
    engine.sync_workspace(a, client_for(server, "gis1"))
    q = "SELECT zone, block, version FROM parcels WHERE uuid = ?"
    assert _rows(a, q, (uuids[0],)) == _rows(b, q, (uuids[0],))
    assert _rows(a, q, (uuids[0],))[0][:2] == ("Z1", "B7")


def test_same_field_is_a_conflict_kept_on_both_sides_and_resolved(server, pair):
    a, b, uuids = pair
    fid = uuids[1]
    for ws, value in ((a, "A-side"), (b, "B-side")):
        con = gpkg.connect(ws)
        with con:
            con.execute("UPDATE parcels SET zone = ? WHERE uuid = ?", (value, fid))
        con.close()
    assert engine.sync_workspace(a, client_for(server, "gis1")).pushed == 1
    rb = engine.sync_workspace(b, client_for(server, "gis2"))
    assert rb.conflicts == 1 and rb.pushed == 0
    # B keeps its edit (the pull did not overwrite it) and holds both sides
    assert _rows(b, "SELECT zone FROM parcels WHERE uuid = ?", (fid,)) == [("B-side",)]
    con = gpkg.connect(b)
    [issue] = state.open_issues(con, "conflict")
    assert issue.fields == ["zone"] and issue.mine["values"]["zone"] == "B-side"
    assert issue.theirs["values"]["zone"] == "A-side"
    assert state.status(con).conflicts == 1
    # "mine": sent again on the server's version, it applies; A receives it
    assert jobs.resolve(con, issue.change_id, "mine") == "send"
    con.close()
    rb2 = engine.sync_workspace(b, client_for(server, "gis2"))
    assert rb2.pushed == 1 and rb2.conflicts == 0
    engine.sync_workspace(a, client_for(server, "gis1"))
    assert _rows(a, "SELECT zone FROM parcels WHERE uuid = ?", (fid,)) == [("B-side",)]
    con = gpkg.connect(b)
    assert state.status(con).conflicts == 0
    con.close()


def test_theirs_takes_the_server_record_and_sends_nothing(server, pair):
    a, b, uuids = pair
    fid = uuids[2]
    for ws, value in ((a, "first"), (b, "second")):
        con = gpkg.connect(ws)
        with con:
            con.execute("UPDATE parcels SET block = ? WHERE uuid = ?", (value, fid))
        con.close()
    engine.sync_workspace(a, client_for(server, "gis1"))
    assert engine.sync_workspace(b, client_for(server, "gis2")).conflicts == 1
    con = gpkg.connect(b)
    [issue] = state.open_issues(con, "conflict")
    assert jobs.resolve(con, issue.change_id, "theirs") == "nothing"
    con.close()
    assert _rows(b, "SELECT block FROM parcels WHERE uuid = ?", (fid,)) == [("first",)]
    again = engine.sync_workspace(b, client_for(server, "gis2"))
    assert again.pushed == 0 and again.conflicts == 0 and again.finished
    # the server's conflict was dismissed
    assert _rows(b, "SELECT resolution FROM cddp_sync_issues WHERE change_id = ?", (issue.change_id,))[0][0].endswith(
        "dismissed"
    )


def test_a_lost_answer_is_resent_and_answered_duplicate_never_twice(server, tmp_path, area):
    """The push reaches the server and commits, the answer is lost (the transport raises after the request
    went through); the next sync resends the same batch with the same ids and nothing is applied twice."""
    ws = tmp_path / "lost.gpkg"
    new_workspace(ws, area)
    con = gpkg.connect(ws)
    fid = _parcel(con, "LOST1")
    con.close()
    engine.sync_workspace(ws, client_for(server, "gis1"))
    con = gpkg.connect(ws)
    with con:
        con.execute("UPDATE parcels SET zone = 'after' WHERE uuid = ?", (fid,))
    con.close()
    before = json.loads(server.client.get("/v1/meta").text)  # server reachable

    def lose_push_answers(method, url, headers, body, timeout):
        ans = urllib_transport(method, url, headers, body, timeout)
        if url.endswith("/push"):
            raise TransportError("reset after forwarding")
        return ans

    cut = engine.sync_workspace(ws, client_for(server, "gis1", transport=lose_push_answers, attempts=2, backoff=0))
    assert not cut.finished and cut.stopped and cut.waiting == 1 and cut.pushed == 0
    assert _applying(ws) == "0"
    again = engine.sync_workspace(ws, client_for(server, "gis1"))
    # same batch, same Idempotency-Key: the server replays its stored answer (nothing applied again)
    assert again.finished and again.pushed == 1 and again.waiting == 0
    feed = server.as_user("gis1").get("changes", params={"since": 0, "limit": 1000}).json()["changes"]
    assert sum(1 for c in feed if c["uuid"] == fid and c["op"] == "update") == 1
    assert before["api_version"] == "v1"


def test_unreachable_server_is_not_a_failure(tmp_path, area):
    ws = tmp_path / "off.gpkg"
    new_workspace(ws, area)
    con = gpkg.connect(ws)
    _parcel(con, "OFF1")
    con.close()
    from cddp_plugin.core.sync.http import ApiClient, Credentials

    client = ApiClient("http://127.0.0.1:9", "330506", Credentials("x", "y"), attempts=2, backoff=0)
    report = engine.sync_workspace(ws, client)
    assert not report.finished and "did not answer after 2 tries" in report.stopped
    assert _rows(ws, "SELECT count(*) FROM cddp_changelog WHERE pushed_at IS NULL") == [(1,)]


def test_wrong_municipality_is_refused_before_anything_is_written(server, tmp_path):
    from cddp_plugin.core.sync.http import ApiClient, Credentials
    from cddp_plugin.core.workspace import dopa
    from cddp_plugin.core.workspace.create import create_workspace

    ws = tmp_path / "other.gpkg"
    create_workspace(ws, dopa.lookup("1007"), "ปทุมวัน", "EPSG:32647", user="t")
    before = (ws.stat().st_size, _rows(ws, "SELECT count(*) FROM cddp_meta"))
    client = ApiClient(server.url, "330506", Credentials("gis1", "correct-horse-battery"))
    with pytest.raises(Exception, match="municipality 1007") as err:
        engine.sync_workspace(ws, client)
    assert "Traceback" not in str(err.value)
    assert (ws.stat().st_size, _rows(ws, "SELECT count(*) FROM cddp_meta")) == before


def test_applying_is_never_left_on_after_a_failed_page(server, pair):
    a, _b, _ = pair
    con = gpkg.connect(a)
    good = {"layer": "parcels", "uuid": "new-1", "op": "insert", "version": 1, "values": {"parcel_code": "N1"},
            "geom": None, "geom_changed": False}  # fmt: skip
    bad = {"layer": "parcels", "uuid": "new-2", "op": "insert", "version": 2, "values": {},
           "geom": {"wkb": "not base64!", "srid": 32648}, "geom_changed": True}  # fmt: skip
    with pytest.raises(ValueError):
        jobs.apply_page(con, [good, bad], 999)
    con.close()
    assert _applying(a) == "0"
    assert _rows(a, "SELECT value FROM cddp_meta WHERE key = 'sync_cursor'")[0][0] != "999"
    assert _rows(a, "SELECT count(*) FROM parcels WHERE uuid = 'new-1'") == [
        (0,)
    ]  # the page applied whole or not at all


def test_first_sync_sends_features_whose_log_entries_are_gone(server, tmp_path, area):
    """An existing workspace whose change log was cleared (or written with logging off) still pushes every
    feature on its first sync."""
    ws = tmp_path / "cleared.gpkg"
    new_workspace(ws, area)
    con = gpkg.connect(ws)
    fids = [_parcel(con, f"CLR{i}", x=i * 50) for i in range(4)]
    with con:
        con.execute("DELETE FROM cddp_changelog")
    con.close()
    report = engine.sync_workspace(ws, client_for(server, "gis1"))
    assert report.finished and report.pushed == 4
    assert _rows(ws, "SELECT count(*) FROM parcels WHERE version > 0 AND uuid IN (?, ?, ?, ?)", fids) == [(4,)]


def test_a_workspace_refuses_another_server_than_its_own(server, pair):
    a, _b, _ = pair
    from cddp_plugin.core.common.errors import CddpError
    from cddp_plugin.core.sync.http import ApiClient, Credentials

    assert _rows(a, "SELECT value FROM cddp_meta WHERE key = 'sync_url'") == [(server.url,)]
    other = ApiClient(server.url.replace("127.0.0.1", "localhost"), "330506", Credentials("gis1", "x"))
    with pytest.raises(CddpError, match=r"syncs with http://127\.0\.0\.1"):
        engine.sync_workspace(a, other)


def test_resolving_with_an_edit_keeps_other_waiting_edits_of_the_feature(server, pair):
    """A result typed in the conflict dock is sent; an edit of another field made meanwhile still goes too."""
    a, b, uuids = pair
    fid = uuids[0]
    for ws, value in ((a, "from A"), (b, "from B")):
        con = gpkg.connect(ws)
        with con:
            con.execute("UPDATE parcels SET zone = ? WHERE uuid = ?", (value, fid))
        con.close()
    engine.sync_workspace(a, client_for(server, "gis1"))
    assert engine.sync_workspace(b, client_for(server, "gis2")).conflicts == 1
    con = gpkg.connect(b)
    with con:  # an edit of another field while the conflict is open
        con.execute("UPDATE parcels SET block = 'B-later' WHERE uuid = ?", (fid,))
    [issue] = state.open_issues(con, "conflict")
    assert jobs.resolve(con, issue.change_id, "edit", {"zone": "agreed"}) == "send"
    con.close()
    engine.sync_workspace(b, client_for(server, "gis2"))
    engine.sync_workspace(a, client_for(server, "gis1"))
    assert _rows(a, "SELECT zone, block FROM parcels WHERE uuid = ?", (fid,)) == [("agreed", "B-later")]
