"""The fault-injection harness (``scripts/sync-chaos``, SYNC.md "Proof") run for real, and one test for each engine
defect it found, each failing without its fix: two real clients against the real server over HTTP on 127.0.0.1,
on SQLite and PostgreSQL stores. The network faults of a test are a transport wrapper (the network is faked,
never our code)."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import uuid as uuidlib
from pathlib import Path

import pytest
import shapely

from cddp_plugin.core.sync import engine, jobs, state
from cddp_plugin.core.sync.http import TransportError, urllib_transport
from cddp_plugin.core.workspace import gpkg, photos

from .conftest import client_for, new_workspace

ROOT = Path(__file__).resolve().parents[3]
CHAOS = ROOT / "scripts" / "sync-chaos"
LAST_LINE = re.compile(r"^rounds (\d+) edits (\d+) lost (\d+) duplicated (\d+) divergent (\d+) conflicts (\d+)$")


# -- the harness --------------------------------------------------------------------------------------------------
def _chaos(*args: str, timeout: float = 900) -> tuple[int, str, str]:
    done = subprocess.run([str(CHAOS), *args], capture_output=True, text=True, timeout=timeout)
    return done.returncode, done.stdout, done.stderr


def test_sync_chaos_on_sqlite_loses_duplicates_and_diverges_nothing():
    rc, out, err = _chaos("--seed", "1", "--rounds", "30")
    last = out.strip().splitlines()[-1]
    got = LAST_LINE.match(last)
    assert got, (last, err[-3000:])
    rounds, edits, lost, duplicated, divergent, _conflicts = map(int, got.groups())
    assert rc == 0, err[-3000:]
    assert rounds == 30 and edits > 100 and (lost, duplicated, divergent) == (0, 0, 0)
    assert "faults injected" in err and "Traceback" not in err


def test_sync_chaos_on_postgresql():
    from tests.server.pg import missing_binaries

    if missing_binaries():
        pytest.skip(missing_binaries())
    rc, out, err = _chaos("--seed", "2", "--rounds", "10", "--store", "postgresql")
    last = out.strip().splitlines()[-1]
    assert LAST_LINE.match(last), (last, err[-3000:])
    assert rc == 0, err[-3000:]


def test_sync_chaos_refuses_bad_arguments_clearly():
    rc, _out, err = _chaos("--seed", "1", "--rounds", "0", timeout=60)
    assert rc == 2 and "--rounds must be at least 1" in err and "Traceback" not in err


# -- the defects it found -----------------------------------------------------------------------------------------
class Ws:
    def __init__(self, path: Path, user: str, server) -> None:
        self.path, self.user, self.server = path, user, server

    def sync(self, transport=None) -> engine.SyncReport:
        kw = {"transport": transport, "attempts": 2, "backoff": 0} if transport else {}
        return engine.sync_workspace(self.path, client_for(self.server, self.user, **kw))

    def sql(self, q: str, args=()) -> list:
        con = gpkg.connect(self.path)
        try:
            with con:
                return con.execute(q, args).fetchall()
        finally:
            con.close()

    def issues(self, kind: str | None = "conflict") -> list[state.Issue]:
        con = gpkg.connect(self.path, readonly=True)
        try:
            return state.open_issues(con, kind)
        finally:
            con.close()

    def resolve(self, issue: state.Issue, choice: str, values=None) -> str:
        con = gpkg.connect(self.path)
        try:
            return jobs.resolve(con, issue.change_id, choice, values)
        finally:
            con.close()


@pytest.fixture(scope="module")
def blank(tmp_path_factory, area) -> Path:
    path = tmp_path_factory.mktemp("chaos-blank") / "blank.gpkg"
    new_workspace(path, area)
    return path


@pytest.fixture
def pair(server, tmp_path, blank):
    """A (pushed first, with two parcels, a household on the first, a work order with an event) and B (made
    from the server); both as admin1 on two devices. Returns (a, b, uuids)."""
    shutil.copy(blank, tmp_path / "a.gpkg")
    a = Ws(tmp_path / "a.gpkg", "admin1", server)
    tag = uuidlib.uuid4().hex[:8]
    ids = {k: str(uuidlib.uuid4()) for k in ("p1", "p2", "hh", "wo", "ev")}
    con = gpkg.connect(a.path)
    srs = gpkg.srs_id(con, "parcels")
    with con:
        for i, k in enumerate(("p1", "p2")):
            box = shapely.MultiPolygon([shapely.box(500000 + i * 50, 1600000, 500040 + i * 50, 1600040)])
            con.execute("INSERT INTO parcels (uuid, parcel_code, zone, geom) VALUES (?, ?, 'Z0', ?)",
                        (ids[k], f"{tag}-{k}", gpkg.to_blob(box, srs)))  # fmt: skip
        con.execute("INSERT INTO households (uuid, house_no, soi, parcel_id, geom) VALUES (?, ?, 's0', ?, ?)",
                    (ids["hh"], f"{tag}-hh", ids["p1"], gpkg.to_blob(shapely.Point(500010, 1600010), srs)))  # fmt: skip
        con.execute("INSERT INTO work_orders (uuid, title, status, team, geom) VALUES (?, ?, 'new', 't0', ?)",
                    (ids["wo"], f"{tag}-wo", gpkg.to_blob(shapely.Point(500020, 1600020), srs)))  # fmt: skip
        con.execute("INSERT INTO work_order_events (uuid, work_order_uuid, event_at, to_status, note)"
                    " VALUES (?, ?, '2026-12-01T03:00:00Z', 'new', 'made')", (ids["ev"], ids["wo"]))  # fmt: skip
    con.close()
    first = a.sync()
    assert first.finished and first.pushed == 5, first
    b = Ws(tmp_path / "b.gpkg", "admin1", server)
    engine.clone_workspace(b.path, client_for(server, "admin1"))
    return a, b, ids


def _value(ws: Ws, layer: str, field: str, fid: str):
    got = ws.sql(f'SELECT "{field}" FROM "{layer}" WHERE uuid = ?', (fid,))
    return got[0][0] if got else None


def _server(server, layer: str, fid: str) -> dict | None:
    http = server.as_user("admin1")
    after, out = None, {}
    while True:
        page = http.get(f"layers/{layer}/snapshot", params={"limit": 1000} | ({"after": after} if after else {})).json()
        out.update({f["uuid"]: f for f in page["features"]})
        if not page["has_more"]:
            return out.get(fid)
        after = page["next_after"]


def _conflict_on_zone(a: Ws, b: Ws, p: str) -> state.Issue:
    a.sql("UPDATE parcels SET zone = 'A1' WHERE uuid = ?", (p,))
    b.sql("UPDATE parcels SET zone = 'B1' WHERE uuid = ?", (p,))
    assert a.sync().pushed == 1
    assert b.sync().conflicts == 1
    [issue] = b.issues()
    return issue


def test_editing_a_field_again_while_its_conflict_is_open_is_a_conflict_again(server, pair):
    """Defect: the pull kept B's zone (open conflict) but moved B's row version past A's change, so B's next
    edit of zone went out on that version and overwrote A1 without a conflict nobody had resolved."""
    a, b, ids = pair
    _conflict_on_zone(a, b, ids["p1"])
    b.sql("UPDATE parcels SET zone = 'B2' WHERE uuid = ?", (ids["p1"],))
    again = b.sync()
    assert again.conflicts == 1 and again.pushed == 0
    assert _server(server, "parcels", ids["p1"])["values"]["zone"] == "A1"
    assert {i.mine["values"]["zone"] for i in b.issues()} == {"B1", "B2"}


def test_deleting_a_feature_while_its_conflict_is_open_is_a_conflict(server, pair):
    a, b, ids = pair
    _conflict_on_zone(a, b, ids["p2"])
    b.sql("DELETE FROM parcels WHERE uuid = ?", (ids["p2"],))
    assert b.sync().conflicts == 1
    assert _server(server, "parcels", ids["p2"])["values"]["zone"] == "A1"  # not deleted unseen


def test_a_merged_push_cut_off_before_the_pull_does_not_hide_the_other_change(server, pair):
    """Defect: acknowledging a "merged" change set B's version to the server's new one although B had not yet
    received the other fields' changes merged in; when the sync was cut off before the pull, B's next edit of
    such a field went out on that version and overwrote A's value unseen."""
    a, b, ids = pair
    a.sql("UPDATE parcels SET zone = 'A1' WHERE uuid = ?", (ids["p1"],))
    assert a.sync().pushed == 1
    b.sql("UPDATE parcels SET block = 'B7' WHERE uuid = ?", (ids["p1"],))

    def no_pull(method, url, headers, body, timeout):
        if "/changes" in url:
            raise TransportError("cut off")
        return urllib_transport(method, url, headers, body, timeout)

    cut = b.sync(no_pull)
    assert cut.pushed == 1 and cut.merged == 1 and not cut.finished
    assert _value(b, "parcels", "zone", ids["p1"]) == "Z0"  # B has not seen A1
    b.sql("UPDATE parcels SET zone = 'B2' WHERE uuid = ?", (ids["p1"],))
    assert b.sync().conflicts == 1
    assert _server(server, "parcels", ids["p1"])["values"]["zone"] == "A1"


def test_a_field_edited_before_and_after_a_pull_keeps_its_first_base(server, pair):
    """Defect: of a field edited in two runs of different base versions (a pull in between kept the local value
    and moved the version), only the later base was sent, so the server took it as made on top of A's value."""
    a, b, ids = pair
    a.sql("UPDATE parcels SET zone = 'A1' WHERE uuid = ?", (ids["p1"],))
    assert a.sync().pushed == 1
    b.sql("UPDATE parcels SET zone = 'B1' WHERE uuid = ?", (ids["p1"],))
    # B pulls (the engine's own page step) while its edit waits: zone is kept, the version moves
    con = gpkg.connect(b.path)
    since = int(state.meta(con)["sync_cursor"])
    feed = server.as_user("admin1").get("changes", params={"since": since, "limit": 1000}).json()
    got = jobs.apply_page(con, feed["changes"], feed["next_cursor"])
    con.close()
    assert got.kept_local == 1 and _value(b, "parcels", "zone", ids["p1"]) == "B1"
    b.sql("UPDATE parcels SET zone = 'B2' WHERE uuid = ?", (ids["p1"],))
    assert b.sync().conflicts == 1
    assert _server(server, "parcels", ids["p1"])["values"]["zone"] == "A1"


def test_theirs_takes_the_servers_state_of_now_not_of_when_the_conflict_arose(server, pair):
    """Defect: "theirs" wrote the server record kept when the conflict arose; a later server change (pulled while
    the conflict was open, so kept apart) was undone here for good — the cursor had passed it."""
    a, b, ids = pair
    _conflict_on_zone(a, b, ids["p1"])
    a.sql("UPDATE parcels SET zone = 'A2' WHERE uuid = ?", (ids["p1"],))
    assert a.sync().pushed == 1
    b.sync()
    [issue] = b.issues()
    assert issue.theirs["values"]["zone"] == "A2"  # the dock shows the server's state now
    assert b.resolve(issue, "theirs") == "nothing"
    assert _value(b, "parcels", "zone", ids["p1"]) == "A2"


def test_theirs_after_the_server_deleted_the_feature_does_not_bring_it_back(server, pair):
    a, b, ids = pair
    _conflict_on_zone(a, b, ids["p2"])
    a.sql("DELETE FROM parcels WHERE uuid = ?", (ids["p2"],))
    assert a.sync().pushed == 1
    b.sync()
    [issue] = b.issues()
    b.resolve(issue, "theirs")
    assert b.sql("SELECT count(*) FROM parcels WHERE uuid = ?", (ids["p2"],)) == [(0,)]
    assert _server(server, "parcels", ids["p2"]) is None


def test_theirs_leaves_other_fields_edited_here_since(server, pair):
    """Defect: "theirs" wrote every field of the server record, so an edit of another field made here while the
    conflict was open (not yet sent) was overwritten here and its waiting entry then sent the old value."""
    a, b, ids = pair
    issue = _conflict_on_zone(a, b, ids["p1"])
    b.sql("UPDATE parcels SET block = 'B9' WHERE uuid = ?", (ids["p1"],))
    b.resolve(issue, "theirs")
    assert (_value(b, "parcels", "zone", ids["p1"]), _value(b, "parcels", "block", ids["p1"])) == ("A1", "B9")
    b.sync()
    assert _server(server, "parcels", ids["p1"])["values"]["block"] == "B9"


def test_keeping_mine_of_a_deleted_work_order_leaves_its_history_alone(server, pair):
    """Defect: the new identity of a work order kept as "mine" was written into its events too, an update of the
    append-only history that the server rejects."""
    a, b, ids = pair
    a.sql("DELETE FROM work_orders WHERE uuid = ?", (ids["wo"],))
    assert a.sync().pushed == 1
    b.sql("UPDATE work_orders SET team = 'B-team' WHERE uuid = ?", (ids["wo"],))
    assert b.sync().conflicts == 1
    [issue] = b.issues()
    assert b.resolve(issue, "mine") == "send"
    done = b.sync()
    assert done.pushed == 1 and done.rejected == 0, done
    assert b.issues("rejected") == []


def test_keeping_mine_of_a_link_to_a_deleted_parent_never_makes_a_second_feature(server, pair):
    """Defect: "mine" on a parent_deleted conflict of an update took the parent's tombstone for the feature's own
    and gave the household a new identity: the server then held the household twice."""
    a, b, ids = pair
    a.sql("DELETE FROM parcels WHERE uuid = ?", (ids["p2"],))
    assert a.sync().pushed == 1
    b.sql("UPDATE households SET parcel_id = ? WHERE uuid = ?", (ids["p2"], ids["hh"]))
    assert b.sync().conflicts == 1
    [issue] = b.issues()
    assert issue.code == "parent_deleted" and issue.op == "update"
    b.resolve(issue, "mine")
    b.sync()
    assert b.sql("SELECT uuid FROM households WHERE house_no = (SELECT house_no FROM households WHERE uuid = ?)",
                 (ids["hh"],)) == [(ids["hh"],)]  # fmt: skip
    http = server.as_user("admin1")
    live = http.get("layers/households/snapshot", params={"limit": 1000}).json()["features"]
    assert [f["uuid"] for f in live if f["values"]["house_no"] == _value(a, "households", "house_no", ids["hh"])] == [
        ids["hh"]
    ]
    # "theirs" on it takes the link back
    [again] = b.issues()
    b.resolve(again, "theirs")
    assert _value(b, "households", "parcel_id", ids["hh"]) == ids["p1"]


def test_fixing_a_link_to_a_deleted_parent_does_not_overwrite_a_change_made_since(server, pair):
    """Defect: "mine"/"edit" on a parent_deleted conflict went out on the version held here, which pulls had moved
    past A's later change of the same field (kept apart while the conflict was open): A's change was lost."""
    a, b, ids = pair
    a.sql("DELETE FROM parcels WHERE uuid = ?", (ids["p2"],))
    assert a.sync().pushed == 1
    b.sql("UPDATE households SET parcel_id = ? WHERE uuid = ?", (ids["p2"], ids["hh"]))
    assert b.sync().conflicts == 1
    a.sql("UPDATE households SET parcel_id = NULL WHERE uuid = ?", (ids["hh"],))  # A unlinks it meanwhile
    assert a.sync().pushed == 1
    b.sync()
    [issue] = b.issues()
    assert b.resolve(issue, "edit", {"parcel_id": ids["p1"]}) == "send"
    assert b.sync().conflicts == 1  # A's change is shown, not overwritten
    assert _server(server, "households", ids["hh"])["values"]["parcel_id"] is None


def test_edits_of_a_feature_whose_insert_waits_in_a_conflict_are_not_rejected(server, pair):
    """Defect: edits made after an insert went into a parent_deleted conflict were pushed as updates of a feature
    the server never had, and came back rejected (unknown_feature)."""
    a, b, ids = pair
    a.sql("DELETE FROM parcels WHERE uuid = ?", (ids["p2"],))
    assert a.sync().pushed == 1
    hh = str(uuidlib.uuid4())
    b.sql("INSERT INTO households (uuid, house_no, parcel_id) VALUES (?, 'new', ?)", (hh, ids["p2"]))
    assert b.sync().conflicts == 1
    b.sql("UPDATE households SET soi = 'fixed', parcel_id = ? WHERE uuid = ?", (ids["p1"], hh))
    again = b.sync()
    assert again.rejected == 0 and b.issues("rejected") == []
    [issue] = b.issues()
    b.resolve(issue, "mine")  # sent as it is now: linked to a live parcel, with its later edits
    assert b.sync().pushed == 1
    [(moved, soi)] = b.sql("SELECT uuid, soi FROM households WHERE house_no = 'new'")
    assert soi == "fixed" and _server(server, "households", moved)["values"]["soi"] == "fixed"


def test_a_photo_whose_download_was_cut_off_arrives_with_the_next_sync(server, pair, tmp_path):
    """Defect: photos were fetched after their page (and cursor) was applied; a cut connection in between left
    the event without its photo for good."""
    a, b, ids = pair
    src = tmp_path / "p.png"
    src.write_bytes(b"\x89PNG\r\n\x1a\n" + uuidlib.uuid4().bytes * 4)
    sha, _ = photos.store_photo(a.path, src)
    ev = str(uuidlib.uuid4())
    a.sql("INSERT INTO work_order_events (uuid, work_order_uuid, event_at, to_status, photo_hashes)"
          " VALUES (?, ?, '2026-12-01T04:00:00Z', 'assigned', ?)", (ev, ids["wo"], json.dumps([sha])))  # fmt: skip
    assert a.sync().photos_up == 1

    def no_blobs(method, url, headers, body, timeout):
        if "/blobs/" in url:
            raise TransportError("cut off")
        return urllib_transport(method, url, headers, body, timeout)

    cut = b.sync(no_blobs)
    assert not cut.finished and b.sql("SELECT count(*) FROM work_order_events WHERE uuid = ?", (ev,)) == [(1,)]
    assert photos.find_photo(b.path, sha) is None
    assert b.sync().photos_down == 1
    assert photos.verify_photo(b.path, sha)


def test_two_officers_keeping_their_edit_of_a_deleted_household_make_one_household(server, pair, tmp_path):
    a, b, ids = pair
    c = Ws(tmp_path / "c.gpkg", "admin1", server)
    engine.clone_workspace(c.path, client_for(server, "admin1"))
    a.sql("DELETE FROM households WHERE uuid = ?", (ids["hh"],))
    assert a.sync().pushed == 1
    for ws, soi in ((b, "B-soi"), (c, "C-soi")):
        ws.sql("UPDATE households SET soi = ? WHERE uuid = ?", (soi, ids["hh"]))
        assert ws.sync().conflicts == 1
        [issue] = ws.issues()
        assert ws.resolve(issue, "mine") == "send"
        assert ws.sync().pushed == 1
    http = server.as_user("admin1")
    live = http.get("layers/households/snapshot", params={"limit": 1000}).json()["features"]
    [(house_no,)] = b.sql("SELECT house_no FROM households WHERE soi = 'B-soi'")
    assert len([f for f in live if f["values"]["house_no"] == house_no]) == 1


def test_two_households_with_one_house_code_do_not_stop_the_sync(server, pair):
    a, b, _ids = pair
    code = f"HC-{uuidlib.uuid4().hex[:10]}"
    for ws in (a, b):
        ws.sql("INSERT INTO households (uuid, house_no, house_code) VALUES (?, 'x', ?)", (str(uuidlib.uuid4()), code))
    assert a.sync().pushed == 1
    got = b.sync()
    # the server takes one holder of the code; B's household gives it up, kept with the reason for the dock
    assert got.finished and got.rejected == 1
    assert len(b.sql("SELECT uuid FROM households WHERE house_code = ?", (code,))) == 1
    [issue] = [i for i in b.issues("rejected") if i.code == "not_unique"]
    assert "house_code" in issue.reason and issue.op == "insert"
    http = server.as_user("admin1")
    live = http.get("layers/households/snapshot", params={"limit": 1000}).json()["features"]
    assert len([f for f in live if f["values"].get("house_code") == code]) == 1
    # fixed and retried with another code: the household reaches the server as new
    assert b.resolve(issue, "edit", {"house_code": code + "-2"}) == "send"
    assert b.sync().pushed == 1
    live = http.get("layers/households/snapshot", params={"limit": 1000}).json()["features"]
    assert len([f for f in live if f["values"].get("house_code") in (code, code + "-2")]) == 2
