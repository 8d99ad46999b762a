"""The Work orders dock with pytest-qgis on a real workspace GeoPackage and its project: list, filters
and SLA colours, status changes through the buttons (only the allowed ones), notes, undo, photos,
complaints following the order, new orders from the selected feature, KPIs, names only on request."""

from __future__ import annotations

import datetime as dt
import json
import sqlite3
import struct
import zlib
from pathlib import Path

import pytest
from qgis.core import NULL, Qgis, QgsPointXY, QgsProject
from qgis.PyQt.QtCore import QDate

import cddp_plugin
from cddp_plugin.core.common.times import BANGKOK, format_utc
from cddp_plugin.core.works.workorders import new_work_order, transition
from cddp_plugin.core.workspace import gpkg
from cddp_plugin.toolbelt import settings

X0, Y0 = 480_000.0, 1_660_000.0  # UTM 48N, Prue Yai


def _insert(con, table, record, geom=None):
    record = {k: v for k, v in record.items() if k not in ("lon", "lat")}
    cols = list(record)
    values = [record[c] for c in cols]
    if geom is not None:
        cols.append("geom")
        values.append(gpkg.to_blob(geom, gpkg.srs_id(con, table)))
    con.execute(f'INSERT INTO "{table}" ({", ".join(cols)}) VALUES ({", ".join("?" * len(cols))})', values)


def seed_workspace(path: str, now: dt.datetime) -> dict:
    """Assets, complaints and work orders in every state, relative to ``now``; returns their uuids."""
    from shapely.geometry import LineString, Point

    t = lambda hours: format_utc(now - dt.timedelta(hours=hours))  # noqa: E731
    con = gpkg.connect(path)
    ids = {}
    with con:
        _insert(con, "road_sections", {"uuid": "sec-1", "road_uuid": "road-1", "section_id": "R01-003",
                                       "length_m": 200.0}, LineString([(X0, Y0), (X0 + 200, Y0)]))  # fmt: skip
        _insert(con, "streetlights", {"uuid": "lamp-1", "ref": "SL-0042", "status": "out"}, Point(X0 + 50, Y0 + 30))
        for ext, dx in (("2026-ABC1", 10), ("2026-ABC2", 120)):
            _insert(con, "complaints", {"uuid": f"cp-{ext[-1]}", "source": "traffy", "external_id": ext,
                                        "category": "road", "status": "waiting",
                                        "description": "น้ำขังลึก โทร 081-234-5678 นายสมชาย",
                                        "reported_at": t(30)}, Point(X0 + dx, Y0 + 5))  # fmt: skip
        numbers: list[str] = []

        def make(key, hours_ago, path, **kw):
            order, event = new_work_order(title=kw.pop("title", f"งาน {key}"), created_by="seed",
                                          existing_numbers=numbers, created_at=t(hours_ago), **kw)  # fmt: skip
            events = [event]
            for status, at_hours, extra in path:
                order, event = transition(order, status, actor="นายช่าง ข", at=t(at_hours), **extra)
                events.append(event)
            numbers.append(order["wo_number"])
            _insert(con, "work_orders", order, Point(X0 + 20 * len(numbers), Y0 + 40))
            for e in events:
                _insert(con, "work_order_events", e)
            ids[key] = order["uuid"]
            return order

        team = {"changes": {"team": "ทีมถนน"}}
        make("A", 1, [], category="road", priority="P3", title="ถนนชำรุด หมู่ 2")  # new, on time
        make("B", 5, [("triaged", 4.9, {}), ("assigned", 4.8, {"changes": {"team": "ทีมไฟฟ้า", "assignee": "นายช่าง ก"}})],
             category="lighting", priority="P1", title="ไฟฟ้าสาธารณะดับทั้งซอย หมู่ 7")  # fmt: skip  # 4 h SLA: overdue
        make("C", 20, [("triaged", 19, {}), ("assigned", 18, team), ("in_progress", 17, {})],
             category="road", priority="P2", title="หลุมบนถนนหน้าโรงเรียน")  # fmt: skip  # 24 h SLA, 4 h left: due soon
        make("D", 240, [("triaged", 239, {}), ("assigned", 238, team), ("in_progress", 200, {}),
                        ("completed", 192, {}), ("verified", 190, {}), ("closed", 189, {})],
             category="road", priority="P3", title="ซ่อมผิวถนน ซอย 3")  # fmt: skip  # repaired in 48 h
        make("E", 100, [("cancelled", 99, {"note": "ซ้ำกับงานอื่น"})], category="drainage", title="ท่อระบายน้ำอุดตัน")
        con.execute("UPDATE complaints SET work_order_uuid = ?, status = 'inprogress' WHERE uuid = 'cp-1'", (ids["C"],))
    con.close()
    return ids


def png(colour=(255, 0, 0)) -> bytes:
    chunk = lambda kind, data: struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))  # noqa: E731
    raw = (b"\x00" + bytes(colour) * 2) * 2
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", 2, 2, 8, 2, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(raw)) + chunk(b"IEND", b""))  # fmt: skip


@pytest.fixture
def loaded(qgis_iface, qgis_new_project, full_workspace):
    info, project = full_workspace
    ids = seed_workspace(info.path, dt.datetime.now(dt.UTC))
    plug = cddp_plugin.classFactory(qgis_iface)
    plug.initGui()
    assert qgis_iface.addProject(str(project))
    settings.set("privacy/show_personal_data", False)
    qgis_iface.messageBar().clear_messages()
    dock = plug.toggle_workorders(True)
    yield dock, info.path, ids, qgis_iface.messageBar()
    for name in ("work_orders", "work_order_events", "complaints"):
        layer = dock.layer(name)
        if layer is not None and layer.isEditable():
            layer.rollBack()
    plug.unload()
    settings.set("privacy/show_personal_data", False)
    QgsProject.instance().clear()  # leave no workspace layers behind for the next tests


def rows(dock):
    return [dock.orderTable.item(r, 0).text() for r in range(dock.orderTable.rowCount())]


def number(dock, ids, key):
    return next(o["wo_number"] for o in dock.orders if o["uuid"] == ids[key])


def select(dock, ids, key):
    assert dock.select_order(ids[key])
    assert dock.current_order()["uuid"] == ids[key]


def set_combo(combo, data):
    i = combo.findData(data)
    assert i >= 0, data
    combo.setCurrentIndex(i)


def status_in_layer(dock, uuid):
    return next(f["status"] for f in dock.layer("work_orders").getFeatures() if f["uuid"] == uuid)


def warnings(bar):
    return " | ".join(bar.get_messages(Qgis.MessageLevel.Warning))


def test_list_filters_and_sla_colours(loaded):
    dock, _ws, ids, _bar = loaded
    assert dock.windowTitle() == "CDDP Work orders" and not dock.hintLabel.isVisibleTo(dock)
    b, c, a = (number(dock, ids, k) for k in "BCA")
    assert rows(dock) == [b, c, a]  # open orders, the most urgent first
    sla = [dock.orderTable.item(r, 1).text() for r in range(3)]
    assert sla == ["Overdue", "Due soon", "On time"]
    colours = [dock.orderTable.item(r, 1).background().color().name().upper() for r in range(3)]
    assert colours == ["#D55E00", "#E69F00", "#56B4E9"]
    assert dock.orderTable.item(0, 4).background().color().name().upper() == "#F9DCC8"  # row tint
    assert dock.orderTable.item(0, 2).text() == "Assigned" and dock.orderTable.item(0, 3).text() == "P1"
    assert dock.orderTable.item(0, 4).toolTip().endswith("Street lighting")
    # the assignee (personal data) is not shown by default
    assert dock.orderTable.isColumnHidden(6)
    texts = [dock.orderTable.item(r, col).text() for r in range(3) for col in range(8)]
    assert not any("นายช่าง" in t for t in texts)
    assert dock.countLabel.text() == "3 of 5 orders shown"

    set_combo(dock.statusCombo, "all")
    assert len(rows(dock)) == 5
    set_combo(dock.categoryCombo, "lighting")
    assert rows(dock) == [b]
    set_combo(dock.categoryCombo, None)
    set_combo(dock.priorityCombo, "P2")
    assert rows(dock) == [c]
    set_combo(dock.priorityCombo, None)
    set_combo(dock.teamCombo, "ทีมถนน")
    assert sorted(rows(dock)) == sorted([c, number(dock, ids, "D")])
    set_combo(dock.teamCombo, "")  # no team
    assert sorted(rows(dock)) == sorted([a, number(dock, ids, "E")])
    set_combo(dock.teamCombo, None)
    dock.overdueCheck.setChecked(True)
    assert rows(dock) == [b]
    dock.overdueCheck.setChecked(False)
    set_combo(dock.statusCombo, "closed")
    assert rows(dock) == [number(dock, ids, "D")]
    assert dock.orderTable.item(0, 1).text() == "Repaired in time"  # its SLA outcome, in a light tint
    assert dock.orderTable.item(0, 1).background().color().name().upper() == "#E4F3FC"


def test_buttons_show_only_the_allowed_transitions(loaded):
    dock, _ws, ids, _bar = loaded
    select(dock, ids, "A")
    assert set(dock.transition_buttons) == {"triaged", "cancelled", "duplicate"}
    assert dock.transition_buttons["triaged"].text() == "→ Triaged"
    select(dock, ids, "C")
    assert set(dock.transition_buttons) == {"on_hold", "completed", "cancelled"}
    select(dock, ids, "D")  # closed: final
    assert dock.transition_buttons == {} and dock.transitionCaption.text() == "This order is final."
    detail = dock.detailLabel.text()
    assert number(dock, ids, "D") in detail and "Closed" in detail
    assert dock.historyList.count() == 7  # creation + 6 changes


def test_every_transition_through_the_buttons_and_saved(loaded):
    dock, ws, ids, bar = loaded
    select(dock, ids, "A")
    dock.transition_buttons["triaged"].click()
    assert status_in_layer(dock, ids["A"]) == "triaged"
    # assign needs a team: asked for, nothing changed
    dock.teamEdit.setEditText("")
    dock.transition_buttons["assigned"].click()
    assert status_in_layer(dock, ids["A"]) == "triaged" and "choose or type a team" in warnings(bar)
    dock.teamEdit.setEditText("ทีมถนน")
    dock.transition_buttons["assigned"].click()
    order = dock.current_order()
    assert order["status"] == "assigned" and order["team"] == "ทีมถนน" and order["assigned_at"]
    for status in ("in_progress", "on_hold", "in_progress", "completed"):
        dock.transition_buttons[status].click()
        assert dock.current_order()["status"] == status
    assert dock.transition_buttons["in_progress"].text() == "Rework (send back)"
    dock.transition_buttons["in_progress"].click()  # rework needs a note
    assert dock.current_order()["status"] == "completed" and "write in the note field why" in warnings(bar)
    dock.noteEdit.setPlainText("ยางมะตอยยุบอีก")
    dock.transition_buttons["in_progress"].click()
    assert dock.current_order()["status"] == "in_progress" and dock.current_order()["completed_at"] is None
    for status in ("completed", "verified", "closed"):
        dock.transition_buttons[status].click()
    assert dock.current_order()["status"] == "closed" and dock.transition_buttons == {}
    assert dock.save_changes()
    con = sqlite3.connect(ws)
    status, team, closed_at = con.execute(
        "SELECT status, team, closed_at FROM work_orders WHERE uuid = ?", (ids["A"],)
    ).fetchone()
    assert (status, team) == ("closed", "ทีมถนน") and closed_at.endswith("Z")
    events = con.execute(
        "SELECT from_status, to_status, note FROM work_order_events WHERE work_order_uuid = ? ORDER BY event_at, fid",
        (ids["A"],),
    ).fetchall()
    assert [e[1] for e in events] == ["new", "triaged", "assigned", "in_progress", "on_hold", "in_progress",
                                      "completed", "in_progress", "completed", "verified", "closed"]  # fmt: skip
    assert events[7] == ("completed", "in_progress", "ยางมะตอยยุบอีก")
    logged = con.execute(
        "SELECT count(*) FROM cddp_changelog WHERE layer = 'work_orders' AND op = 'update' AND feature_uuid = ?",
        (ids["A"],),
    ).fetchone()[0]
    assert logged >= 1  # the change-log triggers saw the edits
    con.close()


def test_cancel_and_duplicate_need_a_note(loaded):
    dock, _ws, ids, bar = loaded
    select(dock, ids, "B")
    dock.noteEdit.setPlainText("   ")
    dock.transition_buttons["cancelled"].click()
    assert status_in_layer(dock, ids["B"]) == "assigned"
    assert "write in the note field why" in warnings(bar)
    assert not dock.layer("work_orders").isModified()
    dock.noteEdit.setPlainText("การไฟฟ้าส่วนภูมิภาคซ่อมแล้ว")
    dock.transition_buttons["cancelled"].click()
    assert status_in_layer(dock, ids["B"]) == "cancelled"
    select(dock, ids, "A")
    dock.transition_buttons["duplicate"].click()
    assert status_in_layer(dock, ids["A"]) == "new"
    dock.noteEdit.setPlainText(f"ซ้ำกับ {number(dock, ids, 'C')}")
    dock.transition_buttons["duplicate"].click()
    assert status_in_layer(dock, ids["A"]) == "duplicate"


def test_completion_flows_back_to_the_complaint_and_undo_restores_all(loaded):
    dock, ws, ids, bar = loaded
    complaints = dock.layer("complaints")
    events = dock.layer("work_order_events")
    n_events = events.featureCount()
    select(dock, ids, "C")
    assert "2026-ABC1 (In progress)" in dock.detailLabel.text()
    assert "081" not in dock.detailLabel.text() and "น้ำขัง" not in dock.detailLabel.text()  # no description
    dock.transition_buttons["completed"].click()
    cp = next(f for f in complaints.getFeatures() if f["uuid"] == "cp-1")
    assert cp["status"] == "finish"
    assert any("1 linked complaint(s) set to" in m for m in bar.get_messages(Qgis.MessageLevel.Success))
    assert events.featureCount() == n_events + 1
    assert dock.undo_last()
    assert status_in_layer(dock, ids["C"]) == "in_progress"
    assert next(f for f in complaints.getFeatures() if f["uuid"] == "cp-1")["status"] == "inprogress"
    assert events.featureCount() == n_events
    assert dock.current_order()["status"] == "in_progress"
    assert not dock.undo_last()  # nothing more of this panel to undo
    # complete again and save: the complaint's new status is in the change log for the channel
    dock.transition_buttons["completed"].click()
    assert dock.save_changes()
    con = sqlite3.connect(ws)
    assert con.execute("SELECT status FROM complaints WHERE uuid = 'cp-1'").fetchone()[0] == "finish"
    assert con.execute("SELECT status FROM complaints WHERE uuid = 'cp-2'").fetchone()[0] == "waiting"
    new_values = con.execute(
        "SELECT new_values FROM cddp_changelog WHERE layer = 'complaints' AND op = 'update' ORDER BY seq DESC"
    ).fetchone()[0]
    assert json.loads(new_values)["status"] == "finish"
    con.close()
    # after saving, the panel's undo refuses (the edit buffer is gone)
    assert not dock.undo_last()


def test_photos_stored_once_by_hash_and_recorded_in_the_event(loaded, tmp_path):
    dock, ws, ids, bar = loaded
    first, second = tmp_path / "IMG_1.jpg", tmp_path / "same picture.png"
    first.write_bytes(png())
    second.write_bytes(png())
    junk = tmp_path / "report.jpg"
    junk.write_text("not a photo", encoding="utf-8")
    select(dock, ids, "C")
    added = dock.attach_photos([str(first), str(second), str(junk)])
    assert len(added) == 1 and dock.pending_photos == added
    assert "not an image" in warnings(bar)
    assert dock.photosLabel.text() == "1 photo(s) to attach"
    sha = added[0]
    stored = [p for p in (Path(ws).parent / "full_photos").rglob("*") if p.is_file()]
    assert [p.relative_to(Path(ws).parent / "full_photos").as_posix() for p in stored] == [f"{sha[:2]}/{sha}.png"]
    dock.transition_buttons["on_hold"].click()
    assert dock.pending_photos == [] and dock.photosLabel.text() == ""
    event = [f for f in dock.layer("work_order_events").getFeatures() if f["to_status"] == "on_hold"]
    assert len(event) == 1 and json.loads(event[0]["photo_hashes"]) == [sha]
    assert "1 photo(s)" in dock.historyList.item(0).text()  # the newest event first
    # a note with a photo but without a status change
    dock.attach_photos([str(first)])
    dock.noteEdit.setPlainText("ภาพก่อนซ่อม")
    assert dock.record_note()
    notes = [f for f in dock.layer("work_order_events").getFeatures() if f["note"] == "ภาพก่อนซ่อม"]
    assert len(notes) == 1 and notes[0]["from_status"] == notes[0]["to_status"] == "on_hold"
    assert json.loads(notes[0]["photo_hashes"]) == [sha]
    assert len([p for p in (Path(ws).parent / "full_photos").rglob("*") if p.is_file()]) == 1


def test_new_orders_from_the_selected_feature(loaded):
    dock, ws, ids, bar = loaded
    n = len(dock.orders)
    assert dock.new_order_from_selection() is None and "0 selected now" in warnings(bar)
    sections = dock.layer("road_sections")
    sections.selectAll()
    set_combo(dock.newPriorityCombo, "P2")
    order = dock.new_order_from_selection()
    assert order is not None and len(dock.orders) == n + 1
    assert (order["asset_layer"], order["asset_uuid"], order["category"], order["priority"]) == (
        "road_sections", "sec-1", "road", "P2")  # fmt: skip
    assert order["title"] == "ช่วงถนน R01-003" and order["wo_number"].endswith("-00006")
    assert dock.current_order()["uuid"] == order["uuid"]
    feature = next(f for f in dock.layer("work_orders").getFeatures() if f["uuid"] == order["uuid"])
    point = feature.geometry().asPoint()
    assert (point.x(), point.y()) == pytest.approx((X0 + 100, Y0))  # the middle of the section
    canvas = dock.iface.mapCanvas()
    canvas.setDestinationCrs(dock.layer("work_orders").crs())
    assert dock.zoom_to_order()
    assert canvas.extent().contains(QgsPointXY(X0 + 100, Y0)) and canvas.extent().width() < 1000
    assert dock.layer("work_orders").selectedFeatureIds() == [feature.id()]
    sections.removeSelection()

    dock.layer("streetlights").selectAll()
    dock.layer("complaints").selectAll()
    assert dock.new_order_from_selection() is None and "3 selected now" in warnings(bar)
    dock.layer("streetlights").removeSelection()
    complaints = dock.layer("complaints")
    complaints.selectByIds([f.id() for f in complaints.getFeatures() if f["uuid"] == "cp-1"])
    assert dock.new_order_from_selection() is None  # already has order C
    assert f"already has the work order {number(dock, ids, 'C')}" in warnings(bar)
    complaints.selectByIds([f.id() for f in complaints.getFeatures() if f["uuid"] == "cp-2"])
    order = dock.new_order_from_selection()
    assert order["source"] == "traffy" and "2026-ABC2" in order["title"] and "081" not in order["title"]
    cp2 = next(f for f in complaints.getFeatures() if f["uuid"] == "cp-2")
    assert cp2["work_order_uuid"] == order["uuid"]
    feature = next(f for f in dock.layer("work_orders").getFeatures() if f["uuid"] == order["uuid"])
    assert feature.geometry().asPoint() == cp2.geometry().asPoint()
    assert dock.undo_last()  # the order, its event and the complaint link go together
    assert next(f for f in complaints.getFeatures() if f["uuid"] == "cp-2")["work_order_uuid"] == NULL
    assert all(o["uuid"] != order["uuid"] for o in dock.orders)
    dock.layer("streetlights").selectAll()
    complaints.removeSelection()
    lamp_order = dock.new_order_from_selection()
    assert (lamp_order["asset_layer"], lamp_order["category"], lamp_order["title"]) == (
        "streetlights", "lighting", "ไฟฟ้าสาธารณะ SL-0042")  # fmt: skip
    assert dock.save_changes()
    con = sqlite3.connect(ws)
    assert con.execute("SELECT count(*) FROM work_orders").fetchone()[0] == n + 2
    assert (
        con.execute(
            "SELECT count(*) FROM work_order_events WHERE work_order_uuid = ? AND to_status = 'new'",
            (lamp_order["uuid"],),
        ).fetchone()[0]
        == 1
    )
    con.close()


def test_kpis_and_chart(loaded):
    dock, _ws, ids, _bar = loaded
    set_combo(dock.periodCombo, "last_30")
    assert dock.openValue.text() == "3"  # A, B, C
    assert dock.overdueValue.text() == "1"  # B
    assert dock.createdValue.text() == "5"
    assert dock.completedValue.text() == "1"  # D, repaired 8 days ago
    assert dock.slaValue.text() == "100% (1/1)"
    assert dock.medianValue.text() == "2.0 days"
    assert dock.kpiTable.rowCount() == 1 and dock.kpiTable.item(0, 0).text() == "Road"
    # one unit (#11 item 10): the table column says days, and its cell is the chart's bar label
    from cddp_plugin.core.works import kpis as kpi

    assert dock.kpiTable.horizontalHeaderItem(2).text() == "Median (days)"
    assert dock.kpiTable.item(0, 2).text() == "2.0"
    result = dock.refresh_kpis()
    assert kpi.chart_bar_labels(result.chart_data()) == ["2.0"]
    assert dock.chartLabel.pixmap() is not None and not dock.chartLabel.pixmap().isNull()
    set_combo(dock.periodCombo, "custom")
    assert dock.fromDate.isEnabled()
    now = dt.datetime.now(BANGKOK)
    today = QDate(now.year, now.month, now.day)
    dock.fromDate.setDate(today.addDays(-3))
    dock.toDate.setDate(today)
    assert dock.completedValue.text() == "0" and dock.slaValue.text() == "—"
    assert dock.kpiTable.rowCount() == 0
    # completing C now shows in the period
    select(dock, ids, "C")
    dock.transition_buttons["completed"].click()
    assert dock.completedValue.text() == "1" and dock.kpiTable.item(0, 0).text() == "Road"


def test_names_only_with_the_personal_data_switch(loaded):
    dock, ws, ids, _bar = loaded
    select(dock, ids, "B")
    assert not dock.assigneeEdit.isVisibleTo(dock) and dock.assigneeEdit.text() == ""
    assert not any("นายช่าง" in dock.historyList.item(i).text() for i in range(dock.historyList.count()))
    dock.personalCheck.setChecked(True)
    assert settings.get("privacy/show_personal_data") is True
    assert not dock.orderTable.isColumnHidden(6)
    row = rows(dock).index(number(dock, ids, "B"))
    assert dock.orderTable.item(row, 6).text() == "นายช่าง ก"
    select(dock, ids, "B")
    assert dock.assigneeEdit.text() == "นายช่าง ก"
    assert any("นายช่าง ข" in dock.historyList.item(i).text() for i in range(dock.historyList.count()))
    con = sqlite3.connect(ws)
    assert [r[0] for r in con.execute("SELECT action FROM cddp_personal_data_log")] == ["workorders:view_names"]
    con.close()


def test_without_a_workspace_the_dock_explains_itself(qgis_iface, qgis_new_project):
    plug = cddp_plugin.classFactory(qgis_iface)
    plug.initGui()
    try:
        qgis_iface.messageBar().clear_messages()
        dock = plug.toggle_workorders(True)
        assert dock.hintLabel.isVisibleTo(dock) and not dock.tabs.isEnabled()
        assert dock.orderTable.rowCount() == 0
        assert dock.new_order_from_selection() is None
        assert "Open a CDDP workspace" in warnings(qgis_iface.messageBar())
        assert plug.docks["workorders"] is dock
    finally:
        plug.unload()


def test_thai_labels(loaded):
    dock, _ws, ids, _bar = loaded
    dock.thai = True
    dock.fill_table()
    select(dock, ids, "A")
    assert dock.orderTable.item(rows(dock).index(number(dock, ids, "A")), 2).text() == "ใหม่"
    assert dock.transition_buttons["triaged"].text() == "→ คัดกรองแล้ว"


def test_unload_removes_the_dock(qgis_iface, qgis_new_project, full_workspace):
    from qgis.PyQt import sip
    from qgis.PyQt.QtCore import QCoreApplication, QEvent

    _info, project = full_workspace
    plug = cddp_plugin.classFactory(qgis_iface)
    plug.initGui()
    assert "workorders" not in plug.docks  # created on first use only
    dock = plug.toggle_workorders(True)
    assert qgis_iface.addProject(str(project))
    plug.unload()
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    assert sip.isdeleted(dock) and plug.docks == {}
    assert qgis_iface.addProject(str(project))  # no signal reaches the deleted dock
    QgsProject.instance().clear()


def test_the_workspace_sla_policy_sets_due_times_and_is_shown(loaded):
    from cddp_plugin.core.works import jobs as works_jobs

    dock, ws, ids, _bar = loaded
    works_jobs.save_work_order_policy(ws, sla="P1=2h, P2=12h, P3=3wd, P4=10wd", holidays="2569-12-31")
    dock.refresh()
    tip = dock.orderTable.horizontalHeaderItem(1).toolTip()
    assert "P1 2 h" in tip and "P3 3 working days" in tip and "holidays: 1" in tip
    select(dock, ids, "A")  # P3
    assert "SLA of P3: 3 working days" in dock.detailLabel.text()
    dock.layer("road_sections").selectAll()
    set_combo(dock.newPriorityCombo, "P1")
    order = dock.new_order_from_selection()
    dock.layer("road_sections").removeSelection()
    created, due = (dt.datetime.fromisoformat(order[k].replace("Z", "+00:00")) for k in ("created_at", "due_at"))
    assert due - created == dt.timedelta(hours=2)  # the workspace's P1, not the default 4 h


def test_new_order_offers_the_open_order_of_the_same_asset(loaded):
    """#11 item 7: no second open order for one asset and category; the open one is offered."""
    dock, ws, ids, bar = loaded
    sections, complaints = dock.layer("road_sections"), dock.layer("complaints")
    sections.selectAll()
    first = dock.new_order_from_selection()
    n = len(dock.orders)
    select(dock, ids, "A")
    bar.clear_messages()
    assert dock.new_order_from_selection() is None  # unsaved: found in the layer's edit buffer
    assert len(dock.orders) == n and dock.current_order()["uuid"] == first["uuid"]
    assert f"already has the open work order {first['wo_number']}" in warnings(bar)
    assert "selected in the list" in warnings(bar)
    assert dock.save_changes()
    con = sqlite3.connect(ws)
    count = lambda: con.execute("SELECT count(*) FROM work_orders").fetchone()[0]  # noqa: E731
    saved = count()

    # a complaint on the same section and category gets the same offer, and stays without an order
    snap = gpkg.connect(ws)
    with snap:
        snap.execute("UPDATE complaints SET asset_layer = 'road_sections', asset_uuid = 'sec-1' WHERE uuid = 'cp-2'")
    snap.close()
    complaints.reload()
    sections.removeSelection()
    complaints.selectByIds([f.id() for f in complaints.getFeatures() if f["uuid"] == "cp-2"])
    bar.clear_messages()
    assert dock.new_order_from_selection() is None
    assert first["wo_number"] in warnings(bar) and dock.current_order()["uuid"] == first["uuid"]
    assert next(f for f in complaints.getFeatures() if f["uuid"] == "cp-2")["work_order_uuid"] == NULL
    complaints.removeSelection()

    # an order a layer filter hides is still found in the workspace
    orders_layer = dock.layer("work_orders")
    orders_layer.setSubsetString(f"\"uuid\" <> '{first['uuid']}'")
    dock.refresh()
    sections.selectAll()
    bar.clear_messages()
    assert dock.new_order_from_selection() is None and first["wo_number"] in warnings(bar)
    orders_layer.setSubsetString("")
    dock.refresh()
    assert count() == saved and not orders_layer.isModified()

    # once it is cancelled the section may get a new order; another category is another order
    assert dock.select_order(first["uuid"])
    dock.noteEdit.setPlainText("ทดสอบ")
    dock.transition_buttons["cancelled"].click()
    assert status_in_layer(dock, first["uuid"]) == "cancelled"
    second = dock.new_order_from_selection()
    assert second is not None and second["asset_uuid"] == "sec-1" and second["uuid"] != first["uuid"]
    assert dock.save_changes() and count() == saved + 1
    con.close()


def test_lifecycle_fields_are_read_only_in_the_forms(qgis_new_project, full_workspace):
    """Status, number, due and lifecycle times only change through the lifecycle; history is append-only."""
    from qgis.core import QgsVectorLayerUtils

    from cddp_plugin.core.works import workorders

    _info, project_path = full_workspace
    project = QgsProject.instance()
    assert project.read(str(project_path))
    layers = {lyr.source().split("layername=")[-1]: lyr for lyr in project.mapLayers().values()}
    orders, events = layers["work_orders"], layers["work_order_events"]
    form = orders.editFormConfig()
    read_only = {f.name() for i, f in enumerate(orders.fields()) if form.readOnly(i)}
    lifecycle = {"status", "wo_number", "created_at", "due_at", *workorders.TIMESTAMP_FIELDS.values()}
    assert lifecycle <= read_only
    assert {"title", "team", "assignee", "cost_baht", "note", "priority", "category"}.isdisjoint(read_only)
    events_form = events.editFormConfig()
    assert all(events_form.readOnly(i) for i, f in enumerate(events.fields()) if f.name() != "fid")
    # what a form or the attribute table asks before letting a cell be edited
    assert orders.startEditing()
    feature = next(orders.getFeatures(), None) or QgsVectorLayerUtils.createFeature(orders)
    editable = lambda name: QgsVectorLayerUtils.fieldIsEditable(orders, orders.fields().indexOf(name), feature)  # noqa: E731
    assert not editable("status") and not editable("closed_at") and editable("team")
    orders.rollBack()
    project.clear()
