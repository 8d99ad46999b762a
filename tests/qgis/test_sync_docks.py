"""The sync in QGIS against the real reference server on 127.0.0.1: the Workspace dock's sync status, the
refusal while a layer has unsaved edits, a sync in a QgsTask that reloads the layers, and the conflict dock
(a real conflict and a real rejected change: keep mine, take theirs, fix and retry, all mine / all theirs).
The sign-in is a Basic configuration in a temporary QGIS authentication database."""

from __future__ import annotations

import time

import pytest
import shapely
from qgis.core import Qgis, QgsProject
from qgis.PyQt.QtCore import QCoreApplication
from qgis.PyQt.QtWidgets import QPushButton

import cddp_plugin
from cddp_plugin.core.sync import engine, local
from cddp_plugin.toolbelt import sync_task, workspace_project

from .sync_support import add_parcel, auth_db, basic_authcfg, core_client, execute, sync_server  # noqa: F401


def wait_for(condition, timeout: float = 90.0) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        QCoreApplication.processEvents()
        time.sleep(0.02)
        assert time.monotonic() < deadline, "timed out"


@pytest.fixture
def loaded(qgis_iface, qgis_new_project, full_workspace, auth_db, sync_server):  # noqa: F811
    info, project = full_workspace
    authcfg = basic_authcfg("gis1")
    local.save_connection(info.path, sync_server.url, authcfg)
    plug = cddp_plugin.classFactory(qgis_iface)
    plug.initGui()
    assert qgis_iface.addProject(str(project))
    qgis_iface.messageBar().clear_messages()
    dock = plug.toggle_dock(True)
    yield plug, dock, info.path, qgis_iface.messageBar()
    for layer in QgsProject.instance().mapLayers().values():
        if layer.isEditable():
            layer.rollBack()
    plug.unload()
    QgsProject.instance().clear()
    auth_db.removeAuthenticationConfig(authcfg)


def sync(dock):
    task = dock.sync_now()
    assert task is not None
    wait_for(lambda: dock.task is None)
    return task


def messages(bar, level) -> str:
    return " | ".join(bar.get_messages(level))


def other_side(server, tmp_path):
    """A second officer's workspace made from the server (user gis2)."""
    b = tmp_path / "b.gpkg"
    engine.clone_workspace(b, core_client(server, "gis2"))
    return b


def box(x0: float, size: float = 40):
    return shapely.MultiPolygon([shapely.box(500000 + x0, 1600000, 500000 + x0 + size, 1600000 + size)])


def set_geom(path, uuid, geom):
    from cddp_plugin.core.workspace import gpkg

    con = gpkg.connect(path)
    with con:
        con.execute(
            "UPDATE parcels SET geom = ? WHERE uuid = ?", (gpkg.to_blob(geom, gpkg.srs_id(con, "parcels")), uuid)
        )
    con.close()


def parcels_layer():
    return workspace_project.project_layer("parcels")


def test_dock_shows_the_status_and_a_task_sync_updates_it(loaded):
    _plug, dock, ws, bar = loaded
    add_parcel(ws, "D1")
    add_parcel(ws, "D2", x=60)
    dock.refresh()
    assert not dock.syncGroup.isHidden()
    assert dock.waitingValue.text() == "2" and dock.conflictsValue.text() == "0" and dock.rejectedValue.text() == "0"
    assert dock.lastSyncValue.text() == "never" and dock.serverValue.text().startswith("http://127.0.0.1:")
    assert not dock.conflictsButton.isEnabled()
    task = sync(dock)
    assert task.report.finished and task.report.pushed == 2
    assert "Synced: 2 sent, 0 received" in messages(bar, Qgis.MessageLevel.Success)
    assert dock.waitingValue.text() == "0" and dock.syncButton.text() == "Sync now"
    assert time.strftime("%Y") in dock.lastSyncValue.text() and "not finished" not in dock.lastSyncValue.text()
    # the workspace keeps the server and the authcfg id only: no user name or password anywhere in it
    rows = execute(ws, "SELECT key, value FROM cddp_meta WHERE key LIKE 'sync_%'")
    text = repr(rows)
    assert "gis1" not in text and "correct-horse-battery" not in text


def test_sync_refuses_while_a_layer_has_unsaved_edits(loaded):
    _plug, dock, ws, bar = loaded
    add_parcel(ws, "U1")
    layer = parcels_layer()
    assert layer is not None and layer.startEditing()
    fid = next(layer.getFeatures()).id()
    assert layer.changeAttributeValue(fid, layer.fields().indexFromName("zone"), "ค้าง")
    assert dock.sync_now() is None and dock.task is None
    warning = messages(bar, Qgis.MessageLevel.Warning)
    assert "unsaved edits" in warning and layer.name() in warning
    assert local.read_status(ws).last == {}  # nothing was sent: no sync ran
    layer.rollBack()


def test_a_task_sync_brings_in_the_server_edits_and_reloads_the_layer(loaded, sync_server, tmp_path):  # noqa: F811
    _plug, dock, ws, _bar = loaded
    fid = add_parcel(ws, "R1")
    sync(dock)
    layer = parcels_layer()
    before = layer.featureCount()  # this test's parcel and those the server had from the tests before
    assert before == execute(ws, "SELECT count(*) FROM parcels")[0][0] and before >= 1
    b = other_side(sync_server, tmp_path)
    execute(b, "UPDATE parcels SET zone = 'จากเซิร์ฟเวอร์' WHERE uuid = ?", (fid,))
    add_parcel(b, "R2", x=100)
    assert engine.sync_workspace(b, core_client(sync_server, "gis2")).pushed == 2
    task = sync(dock)
    assert task.report.pulled == 2
    assert layer.featureCount() == before + 1  # the provider read the file again (its count was cached before)
    zones = {f["parcel_code"]: f["zone"] for f in layer.getFeatures()}
    assert zones["R1"] == "จากเซิร์ฟเวอร์" and "R2" in zones


def _conflict_and_rejection(loaded, server, tmp_path):
    """One conflict (zone and geometry edited on both sides) and one rejected change (a negative area)."""
    _plug, dock, ws, _bar = loaded
    p0, p1 = add_parcel(ws, "C0"), add_parcel(ws, "C1", x=100)
    sync(dock)
    b = other_side(server, tmp_path)
    execute(b, "UPDATE parcels SET zone = 'B' WHERE uuid = ?", (p0,))
    set_geom(b, p0, box(0, 50))
    assert engine.sync_workspace(b, core_client(server, "gis2")).pushed == 1
    execute(ws, "UPDATE parcels SET zone = 'A' WHERE uuid = ?", (p0,))
    set_geom(ws, p0, box(0, 45))
    execute(ws, "UPDATE parcels SET area_sqm = -5 WHERE uuid = ?", (p1,))
    task = sync(dock)
    assert (task.report.conflicts, task.report.rejected) == (1, 1)
    return b, p0, p1


def test_the_dock_counts_and_the_conflict_dock_lists_a_real_conflict_and_rejection(loaded, sync_server, tmp_path):  # noqa: F811
    plug, dock, _ws, bar = loaded
    _b, p0, p1 = _conflict_and_rejection(loaded, sync_server, tmp_path)
    assert dock.conflictsValue.text() == '<a href="issues"><b>1</b></a>' and "1" in dock.rejectedValue.text()
    assert dock.conflictsButton.isEnabled()
    # the message bar says so, with a button that opens the conflict dock
    [item] = [i for i in bar.items() if "1 conflicts, 1 rejected" in i.text()]
    assert item.level() == Qgis.MessageLevel.Warning
    [button] = item.findChildren(QPushButton)
    button.click()
    cd = plug.docks["conflicts"]
    assert not cd.isHidden()
    plug.toggle_conflicts(False)
    dock.conflictsValue.linkActivated.emit("issues")  # so does the count in the Workspace dock
    assert not cd.isHidden() and len(cd.issues) == 2
    group = cd.issueTree.topLevelItem(0)
    assert group.text(0) == "Land parcels (2)" and group.childCount() == 2
    conflict = next(i for i in cd.issues if i.kind == "conflict")
    assert cd.select(conflict.change_id)
    rows = {cd.fieldTable.item(r, 0).text(): [cd.fieldTable.item(r, c).text() for c in range(1, 5)]
            for r in range(cd.fieldTable.rowCount())}  # fmt: skip
    assert rows["Zone"] == ["—", "A", "B", "A"]  # base, mine, theirs, result (preset to mine)
    assert rows["Geometry"][1:3] == ["(geometry)", "(geometry)"]
    assert len(cd.bands) == 2  # both geometries on the map, in two colours
    colours = {band.strokeColor().name().upper() for band in cd.bands}
    assert colours == {"#D55E00", "#0072B2"} and "Mine" in cd.legendLabel.text()
    rejected = next(i for i in cd.issues if i.kind == "rejected")
    assert cd.select(rejected.change_id)
    assert "out_of_range" in cd.detailLabel.text() and cd.resultButton.text() == "Fix and retry"
    assert not cd.mineButton.isEnabled()
    assert p1 == rejected.uuid and p0 == conflict.uuid


def test_take_theirs_then_fix_and_retry(loaded, sync_server, tmp_path):  # noqa: F811
    plug, dock, ws, _bar = loaded
    b, p0, p1 = _conflict_and_rejection(loaded, sync_server, tmp_path)
    cd = plug.toggle_conflicts(True)
    conflict = next(i for i in cd.issues if i.kind == "conflict")
    cd.select(conflict.change_id)
    cd.theirsButton.click()
    assert execute(ws, "SELECT zone FROM parcels WHERE uuid = ?", (p0,)) == [("B",)]  # the server's record
    assert [i.kind for i in cd.issues] == ["rejected"] and dock.conflictsValue.text() == "0"
    # the layer shows the server's zone at once (reloaded, not only on the next sync)
    assert {f["zone"] for f in parcels_layer().getFeatures() if f["uuid"] == p0} == {"B"}
    # fix and retry: the area in the Result column, written here and sent on the next sync
    cd.select(cd.issues[0].change_id)
    row = next(r for r in range(cd.fieldTable.rowCount()) if cd.fieldTable.item(r, 0).text() == "Area (m²)")
    assert cd.fieldTable.item(row, 2).text() == "-5.0"
    cd.fieldTable.item(row, 4).setText("1650")
    cd.resultButton.click()
    assert cd.issues == [] and execute(ws, "SELECT area_sqm FROM parcels WHERE uuid = ?", (p1,)) == [(1650.0,)]
    task = sync(dock)
    assert task.report.pushed == 1 and task.report.rejected == 0 and dock.rejectedValue.text() == "0"
    engine.sync_workspace(b, core_client(sync_server, "gis2"))
    assert execute(b, "SELECT area_sqm FROM parcels WHERE uuid = ?", (p1,)) == [(1650.0,)]


def test_keep_mine_is_sent_by_the_next_sync(loaded, sync_server, tmp_path):  # noqa: F811
    plug, dock, ws, _bar = loaded
    b, p0, _p1 = _conflict_and_rejection(loaded, sync_server, tmp_path)
    cd = plug.toggle_conflicts(True)
    cd.select(next(i for i in cd.issues if i.kind == "conflict").change_id)
    cd.mineButton.click()
    assert [i.kind for i in cd.issues] == ["rejected"]
    assert execute(ws, "SELECT zone FROM parcels WHERE uuid = ?", (p0,)) == [("A",)]
    task = sync(dock)
    assert task.report.pushed == 1 and task.report.conflicts == 0
    engine.sync_workspace(b, core_client(sync_server, "gis2"))
    assert execute(b, "SELECT zone FROM parcels WHERE uuid = ?", (p0,)) == [("A",)]


@pytest.mark.parametrize("choice", ["mine", "theirs"])
def test_all_mine_and_all_theirs_resolve_every_conflict(loaded, sync_server, tmp_path, choice):  # noqa: F811
    plug, dock, ws, _bar = loaded
    ids = [add_parcel(ws, f"M{i}", x=60 * i) for i in range(3)]
    sync(dock)
    b = other_side(sync_server, tmp_path)
    for fid in ids[:2]:
        execute(b, "UPDATE parcels SET zone = 'theirs' WHERE uuid = ?", (fid,))
        execute(ws, "UPDATE parcels SET zone = 'mine' WHERE uuid = ?", (fid,))
    engine.sync_workspace(b, core_client(sync_server, "gis2"))
    assert sync(dock).report.conflicts == 2
    cd = plug.toggle_conflicts(True)
    assert len(cd.issues) == 2 and cd.allMineButton.isEnabled()
    (cd.allMineButton if choice == "mine" else cd.allTheirsButton).click()
    assert cd.issues == [] and not cd.allTheirsButton.isEnabled()
    task = sync(dock)
    assert task.report.conflicts == 0 and task.report.pushed == (2 if choice == "mine" else 0)
    engine.sync_workspace(b, core_client(sync_server, "gis2"))
    for path in (ws, b):
        zones = execute(path, "SELECT zone FROM parcels WHERE uuid IN (?, ?) ORDER BY zone", ids[:2])
        assert zones == [(choice,), (choice,)]
    assert sync_task.running(ws) is None


def test_sync_settings_keep_the_server_and_the_authcfg_id_only(loaded, sync_server):  # noqa: F811
    from cddp_plugin.ui.sync_settings_dialog import SyncSettingsDialog

    _plug, dock, ws, _bar = loaded
    authcfg = basic_authcfg("gis2")
    dialog = SyncSettingsDialog(ws, dock)
    assert dialog.urlEdit.text() == sync_server.url  # what the workspace has
    dialog.urlEdit.setText("http://example.org")  # plain HTTP off this computer: refused, nothing saved
    assert not dialog.save()
    assert "plain HTTP" in dialog.bar.currentItem().text()
    assert local.read_status(ws).url == sync_server.url
    dialog.urlEdit.setText(sync_server.url + "/")
    dialog.authSelect.setConfigId(authcfg)
    assert dialog.test_connection()
    assert "Signed in to" in dialog.bar.currentItem().text() and "330506" in dialog.bar.currentItem().text()
    assert dialog.save()
    status = local.read_status(ws)
    assert (status.url, status.authcfg) == (sync_server.url + "/", authcfg)
    rows = repr(execute(ws, "SELECT key, value FROM cddp_meta"))
    assert "gis2" not in rows and "correct-horse-battery" not in rows
    # a wrong password in the configuration: the test says so, in words
    from qgis.core import QgsApplication, QgsAuthMethodConfig

    config = QgsAuthMethodConfig()
    QgsApplication.authManager().loadAuthenticationConfig(authcfg, config, True)
    config.setConfig("password", "not-the-password")
    assert QgsApplication.authManager().updateAuthenticationConfig(config)
    assert not dialog.test_connection()
    assert "did not accept the user name or password of 'gis2'" in dialog.bar.currentItem().text()
    QgsApplication.authManager().removeAuthenticationConfig(authcfg)


def test_no_sign_in_or_an_unknown_authcfg_is_a_clear_message(loaded, sync_server):  # noqa: F811
    _plug, dock, ws, bar = loaded
    local.save_connection(ws, sync_server.url, None)
    assert dock.sync_now() is None
    assert "no sign-in for the sync yet" in messages(bar, Qgis.MessageLevel.Critical)
    local.save_connection(ws, sync_server.url, "nosuch1")
    assert dock.sync_now() is None
    assert "nosuch1 is not in QGIS's authentication database" in messages(bar, Qgis.MessageLevel.Critical)
    assert "Traceback" not in messages(bar, Qgis.MessageLevel.Critical)


def test_cancel_stops_the_task_and_nothing_is_lost(loaded):
    import socket

    _plug, dock, ws, bar = loaded
    add_parcel(ws, "X1")
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]  # nobody listens: the client waits and retries
    local.save_connection(ws, f"http://127.0.0.1:{port}", local.read_status(ws).authcfg)
    task = dock.sync_now()
    assert task is not None and dock.syncButton.text() == "Cancel sync" and not dock.syncProgress.isHidden()
    from qgis.core import QgsTask

    wait_for(lambda: task.status() == QgsTask.TaskStatus.Running, timeout=30)  # cancelled while it runs
    time.sleep(0.3)
    dock.syncButton.click()
    wait_for(lambda: dock.task is None, timeout=30)
    assert task.report is not None and not task.report.finished
    assert "Sync cancelled: not finished, nothing lost" in messages(bar, Qgis.MessageLevel.Warning)
    assert dock.waitingValue.text() == "1" and "not finished" in dock.lastSyncValue.text()
    assert execute(ws, "SELECT count(*) FROM cddp_changelog WHERE pushed_at IS NULL") == [(1,)]


def test_use_result_with_a_value_list_shows_labels_and_sends_the_chosen_code(loaded, sync_server, tmp_path):  # noqa: F811
    from qgis.PyQt.QtWidgets import QComboBox

    plug, dock, ws, _bar = loaded
    fid = add_parcel(ws, "V1")
    sync(dock)
    b = other_side(sync_server, tmp_path)
    execute(b, "UPDATE parcels SET doc_type = 'ns3' WHERE uuid = ?", (fid,))
    engine.sync_workspace(b, core_client(sync_server, "gis2"))
    execute(ws, "UPDATE parcels SET doc_type = 'chanote' WHERE uuid = ?", (fid,))
    assert sync(dock).report.conflicts == 1
    cd = plug.toggle_conflicts(True)
    [issue] = cd.issues
    cd.select(issue.change_id)
    assert cd.issueTree.currentItem().text(0) == "V1"  # the parcel code, not the uuid
    assert cd.issueTree.currentItem().text(1) == "Both changed: Document type"
    row = next(r for r in range(cd.fieldTable.rowCount()) if cd.fieldTable.item(r, 0).text() == "Document type")
    assert [cd.fieldTable.item(row, c).text() for c in (1, 2, 3)] == ["—", "Title deed (chanote)", "NS 3"]
    combo = cd.fieldTable.cellWidget(row, 4)
    assert isinstance(combo, QComboBox) and combo.currentData() == "chanote"  # preset to mine
    combo.setCurrentIndex(combo.findData("sk1"))
    cd.resultButton.click()
    assert cd.issues == [] and execute(ws, "SELECT doc_type FROM parcels WHERE uuid = ?", (fid,)) == [("sk1",)]
    assert sync(dock).report.pushed == 1
    engine.sync_workspace(b, core_client(sync_server, "gis2"))
    assert execute(b, "SELECT doc_type FROM parcels WHERE uuid = ?", (fid,)) == [("sk1",)]
