"""cddp:syncworkspace and cddp:cloneworkspace headless through scripts/cddp-process, against the real
reference server (scripts/cddp-server serve on 127.0.0.1, SQLite store; the engine's own tests cover
PostgreSQL): a first push, a second workspace from the server, edits both ways, a merge and a conflict
counted in the outputs, a wrong password, an unreachable server, no credentials — with the password
never in the output, the workspaces or the QGIS profile."""

from __future__ import annotations

import socket

import pytest
import shapely

from cddp_plugin.core.workspace import gpkg
from tests.conftest import run_cddp_process
from tests.server.conftest import MUNI, PASSWORD, USERS, Server, _store_url, add_user


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("sync-alg-store")
    url = _store_url("sqlite", tmp)
    for muni, user, role in USERS:
        out = add_user(url, muni, user, role)
        assert out.returncode == 0, out.stderr
    srv = Server(url, tmp_path_factory.mktemp("sync-alg-server"))
    yield srv
    srv.stop()


@pytest.fixture(scope="module")
def profile(tmp_path_factory):
    return tmp_path_factory.mktemp("sync-alg-profile")


def _env(user="gis1", password=PASSWORD) -> dict:
    return {"CDDP_SYNC_USER": user, "CDDP_SYNC_PASSWORD": password}


def run(profile, alg: str, params: dict, env: dict | None = None):
    """One algorithm through scripts/cddp-process: (return code, its results, all it printed)."""
    args = ["run", f"cddp:{alg}", "--", *(f"{k}={v}" for k, v in params.items())]
    res = run_cddp_process(args, profile, extra_env=env if env is not None else _env())
    results, after = {}, False
    for line in res.stdout.splitlines():
        if line.strip() == "Results":
            after = True
        elif after and ":\t" in line:
            key, value = line.split(":\t", 1)
            results[key.strip()] = value.strip()
    return res.returncode, results, res.stdout + res.stderr


def _parcel(path, code: str, x: float) -> str:
    con = gpkg.connect(path)
    try:
        blob = gpkg.to_blob(
            shapely.MultiPolygon([shapely.box(500000 + x, 1600000, 500040 + x, 1600040)]), gpkg.srs_id(con, "parcels")
        )
        with con:
            cur = con.execute(
                "INSERT INTO parcels (parcel_code, area_sqm, geom, updated_by) VALUES (?, 1600, ?, 'tester')",
                (code, blob),
            )
        return con.execute("SELECT uuid FROM parcels WHERE fid = ?", (cur.lastrowid,)).fetchone()[0]
    finally:
        con.close()


def _edit(path, uuid: str, **values) -> None:
    """An officer's saved edit as QGIS writes it: a plain UPDATE (the change-log triggers record it)."""
    con = gpkg.connect(path)
    try:
        with con:
            sets = ", ".join(f'"{k}" = ?' for k in values)
            con.execute(f"UPDATE parcels SET {sets} WHERE uuid = ?", (*values.values(), uuid))
    finally:
        con.close()


def _value(path, uuid: str, field: str):
    con = gpkg.connect(path, readonly=True)
    try:
        return con.execute(f'SELECT "{field}" FROM parcels WHERE uuid = ?', (uuid,)).fetchone()[0]
    finally:
        con.close()


def _meta(path) -> dict:
    con = gpkg.connect(path, readonly=True)
    try:
        return dict(con.execute("SELECT key, value FROM cddp_meta WHERE key LIKE 'sync_%'").fetchall())
    finally:
        con.close()


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _assert_no_password(texts, files, password=PASSWORD) -> None:
    for text in texts:
        assert password not in text
        assert "Traceback" not in text
    secret = password.encode()
    for file in files:
        if file.is_file():
            assert secret not in file.read_bytes(), f"the password is in {file}"


@pytest.fixture(scope="module")
def synced(server, profile, tmp_path_factory, area):
    """Workspace A (made here, pushed first) and B (made from the server by a second officer)."""
    from cddp_plugin.core.workspace import create

    tmp = tmp_path_factory.mktemp("sync-alg")
    a, b = tmp / "a.gpkg", tmp / "b.gpkg"
    create.create_workspace(a, area, "ปรือใหญ่", "EPSG:32648", user="tester")
    uuids = [_parcel(a, f"P-{i}", i * 50.0) for i in range(3)]
    code, first, out_a = run(profile, "syncworkspace", {"WORKSPACE": a, "SERVER": server.url})
    assert code == 0, out_a[-3000:]
    code, clone, out_b = run(
        profile, "cloneworkspace", {"SERVER": server.url, "MUNICIPALITY": MUNI, "OUTPUT": b}, _env("gis2")
    )
    assert code == 0, out_b[-3000:]
    return a, b, uuids, first, clone, [out_a, out_b]


def test_first_push_and_a_workspace_from_the_server(synced, server):
    a, b, uuids, first, clone, outputs = synced
    assert first["PUSHED"] == "3" and first["CONFLICTS"] == first["REJECTED"] == first["WAITING"] == "0"
    assert first["FINISHED"] == "true"
    assert _meta(a)["sync_url"] == server.url and "sync_authcfg" not in _meta(a)
    assert "Signing in as gis1 with the environment variables" in outputs[0]
    assert "Pushed 3 edits" in outputs[0] and "Sync finished." in outputs[0]
    # the clone: every parcel, the plugin's styles and a project beside it, connected to the server
    assert int(clone["FEATURES"]) == 3 and clone["FINISHED"] == "true"
    assert [_value(b, u, "parcel_code") for u in uuids] == ["P-0", "P-1", "P-2"]
    assert b.with_suffix(".qgz").exists()
    con = gpkg.connect(b, readonly=True)
    assert con.execute("SELECT count(*) FROM layer_styles").fetchone()[0] > 0
    con.close()
    assert _meta(b)["sync_url"] == server.url and int(_meta(b)["sync_cursor"]) >= 3


def test_edits_both_ways_a_merge_and_a_conflict(synced, server, profile):
    a, b, uuids, *_ = synced
    _edit(a, uuids[0], note="เสาไฟหน้าวัด")  # the same field on both: a conflict
    _edit(b, uuids[0], note="ท่อระบายน้ำอุดตัน")
    _edit(a, uuids[1], zone="A")  # different fields of one parcel: merged
    _edit(b, uuids[1], block="7")
    code, ra, out_a = run(profile, "syncworkspace", {"WORKSPACE": a})  # SERVER: the one kept in the workspace
    assert code == 0, out_a[-3000:]
    assert (ra["PUSHED"], ra["CONFLICTS"], ra["FINISHED"]) == ("2", "0", "true")
    code, rb, out_b = run(profile, "syncworkspace", {"WORKSPACE": b}, _env("gis2"))
    assert code == 0, out_b[-3000:]
    assert (rb["PUSHED"], rb["CONFLICTS"], rb["REJECTED"], rb["FINISHED"]) == ("1", "1", "0", "true")
    assert int(rb["PULLED"]) >= 1
    assert "1 merged" in out_b
    assert f"Conflict: parcels {uuids[0]} (update), fields note" in out_b
    assert "ท่อระบายน้ำอุดตัน" not in out_b and "เสาไฟหน้าวัด" not in out_b  # feature values stay out of the log
    # B has A's zone and keeps its own note (the conflict shows both); A gets B's merged block
    assert (_value(b, uuids[1], "zone"), _value(b, uuids[1], "block")) == ("A", "7")
    assert _value(b, uuids[0], "note") == "ท่อระบายน้ำอุดตัน"
    code, ra2, out_a2 = run(profile, "syncworkspace", {"WORKSPACE": a})
    assert code == 0 and ra2["PULLED"] == "1" and ra2["PUSHED"] == "0" and ra2["CONFLICTS"] == "0"
    assert (_value(a, uuids[1], "zone"), _value(a, uuids[1], "block")) == ("A", "7")
    assert _value(a, uuids[0], "note") == "เสาไฟหน้าวัด"
    _assert_no_password(
        [out_a, out_b, out_a2], [a, b, *a.parent.glob("*.gpkg-wal"), *a.parent.glob("*.qgz"), *profile.rglob("*")]
    )


def test_a_wrong_password_is_a_clear_refusal(synced, server, profile):
    a, *_ = synced
    wrong = "not-the-password-42"
    code, results, out = run(profile, "syncworkspace", {"WORKSPACE": a, "SERVER": server.url}, _env("gis1", wrong))
    assert code != 0 and not results
    assert "did not accept the user name or password of 'gis1' for municipality 330506" in out
    _assert_no_password([out], [a, *profile.rglob("*")], password=wrong)


def test_no_credentials_say_where_to_give_them(synced, server, profile):
    a, *_ = synced
    code, _, out = run(profile, "syncworkspace", {"WORKSPACE": a}, {"CDDP_SYNC_USER": "", "CDDP_SYNC_PASSWORD": ""})
    assert code != 0
    assert "No credentials for the sync" in out and "CDDP_SYNC_USER" in out and "Traceback" not in out
    code, _, out = run(profile, "syncworkspace", {"WORKSPACE": a, "AUTHCFG": "nope123"})
    assert code != 0 and "The authentication configuration nope123 is not in" in out and "Traceback" not in out


def test_an_unreachable_server_is_not_finished_and_loses_nothing(synced, profile):
    a, _, uuids, *_ = synced
    _edit(a, uuids[2], note="รอส่ง")
    down = f"http://127.0.0.1:{_free_port()}"
    code, results, out = run(profile, "syncworkspace", {"WORKSPACE": a, "SERVER": down})
    assert code == 0, out[-3000:]
    assert results["FINISHED"] == "false" and results["WAITING"] == "1" and results["PUSHED"] == "0"
    assert "Not finished — nothing is lost, run again." in out and "did not answer after" in out
    assert "Traceback" not in out
    assert _value(a, uuids[2], "note") == "รอส่ง"


def test_a_workspace_from_an_unreachable_server_leaves_nothing(synced, profile, tmp_path):
    a, *_ = synced
    target = tmp_path / "new.gpkg"
    down = f"http://127.0.0.1:{_free_port()}"
    code, results, out = run(profile, "cloneworkspace", {"SERVER": down, "MUNICIPALITY": MUNI, "OUTPUT": target})
    assert code != 0 and not results
    assert "did not answer after" in out and "Traceback" not in out
    assert list(tmp_path.iterdir()) == []
    # an existing workspace is never overwritten
    before = a.read_bytes()
    code, results, out = run(profile, "cloneworkspace", {"SERVER": down, "MUNICIPALITY": MUNI, "OUTPUT": a})
    assert code != 0 and "is already a CDDP workspace" in out and "Traceback" not in out
    assert a.read_bytes() == before


MAKE_AUTHCFG = """
import os, sys
from qgis.core import QgsApplication
app = QgsApplication([], False, os.environ["QGIS_CUSTOM_CONFIG_PATH"] + "/profiles/default")
app.initQgis()
assert QgsApplication.authManager().setMasterPassword(open(os.environ["QGIS_AUTH_PASSWORD_FILE"]).read(), True)
sys.path.insert(0, sys.argv[1])
from cddp_plugin.toolbelt.sync_auth import store_basic
print("AUTHCFG=" + store_basic("CDDP gis1", "gis1", sys.stdin.read()))
"""


def test_an_authcfg_of_the_profile_signs_in_and_only_its_id_is_kept(server, profile, tmp_path):
    """The safe way in QGIS: a Basic configuration in the profile's authentication database (headless, the
    master password comes from QGIS_AUTH_PASSWORD_FILE); the workspace keeps its id, never the password."""
    import os
    import subprocess
    import sys

    from tests.conftest import ROOT

    master = tmp_path / "master.txt"
    master.write_text("cddp-tests-master-password")
    env = {**os.environ, "QGIS_CUSTOM_CONFIG_PATH": str(profile), "QGIS_AUTH_PASSWORD_FILE": str(master),
           "QT_QPA_PLATFORM": "offscreen"}  # fmt: skip
    made = subprocess.run(
        [sys.executable, "-c", MAKE_AUTHCFG, str(ROOT)], input=PASSWORD, env=env, capture_output=True, text=True,
        timeout=120,
    )  # fmt: skip
    assert made.returncode == 0, made.stderr[-2000:]
    authcfg = made.stdout.strip().splitlines()[-1].removeprefix("AUTHCFG=")
    c = tmp_path / "c.gpkg"
    no_env = {"CDDP_SYNC_USER": "", "CDDP_SYNC_PASSWORD": "", "QGIS_AUTH_PASSWORD_FILE": str(master)}
    params = {"SERVER": server.url, "MUNICIPALITY": MUNI, "AUTHCFG": authcfg, "OUTPUT": c}
    code, _, out_clone = run(profile, "cloneworkspace", params, no_env)
    assert code == 0, out_clone[-3000:]
    assert f"Signing in as gis1 with the QGIS authentication configuration {authcfg}" in out_clone
    assert _meta(c)["sync_authcfg"] == authcfg
    _parcel(c, "C-1", 400.0)
    code, synced, out_sync = run(profile, "syncworkspace", {"WORKSPACE": c}, no_env)  # the workspace's authcfg
    assert code == 0, out_sync[-3000:]
    assert synced["PUSHED"] == "1" and synced["FINISHED"] == "true"
    assert _meta(c)["sync_authcfg"] == authcfg
    _assert_no_password([out_clone, out_sync], [c, *tmp_path.glob("c.*")])
    assert "cddp-tests-master-password" not in out_clone + out_sync


def test_a_wrong_municipality_is_refused_before_anything_is_sent(synced, server, profile):
    a, *_ = synced
    code, _, out = run(profile, "syncworkspace", {"WORKSPACE": a, "MUNICIPALITY": "1007"})
    assert code != 0 and "Traceback" not in out
    assert "is municipality 330506, but the connection is for municipality 1007" in out


def test_refuses_while_a_layer_of_the_workspace_has_unsaved_edits(provider, synced):
    """In QGIS: a sync sends saved edits only, so an open edit session with changes stops it first."""
    import processing
    from qgis.core import QgsProcessingException, QgsProcessingFeedback, QgsProject, QgsVectorLayer

    class Said(QgsProcessingFeedback):
        def __init__(self):
            super().__init__()
            self.errors = []

        def reportError(self, error, fatalError=False):
            self.errors.append(error)

    a, *_ = synced
    layer = QgsVectorLayer(f"{a}|layername=parcels", "parcels", "ogr")
    QgsProject.instance().addMapLayer(layer)
    try:
        layer.startEditing()
        feature = next(layer.getFeatures())
        assert layer.changeAttributeValue(feature.id(), layer.fields().indexOf("note"), "unsaved")
        feedback = Said()
        with pytest.raises(QgsProcessingException):
            processing.run("cddp:syncworkspace", {"WORKSPACE": str(a)}, feedback=feedback)
        assert any("Save or discard the edits of parcels first" in e for e in feedback.errors), feedback.errors
    finally:
        layer.rollBack()
        QgsProject.instance().removeMapLayer(layer.id())
