"""toolbelt.edits with pytest-qgis on real GeoPackage layers: one edit across two layers, undone in
one step; a failure on one layer keeps nothing; the undo refuses once the layers moved on."""

from __future__ import annotations

import sqlite3

import pytest
from qgis.core import NULL, QgsGeometry, QgsPointXY, QgsProject, QgsVectorLayer
from qgis.PyQt.QtCore import QDateTime, Qt

from cddp_plugin.core.works import workorders
from cddp_plugin.toolbelt import edits

X0, Y0 = 480_000.0, 1_660_000.0


@pytest.fixture
def layers(qgis_new_project, core_workspace):
    path = core_workspace.path
    orders = QgsVectorLayer(f"{path}|layername=work_orders", "work_orders", "ogr")
    events = QgsVectorLayer(f"{path}|layername=work_order_events", "work_order_events", "ogr")
    assert orders.isValid() and events.isValid()
    QgsProject.instance().addMapLayers([orders, events])  # the project owns (and deletes) them
    yield path, orders, events
    for layer in (orders, events):
        if layer.isEditable():
            layer.rollBack()
    QgsProject.instance().removeAllMapLayers()


def new_order():
    return workorders.new_work_order(title="ถนนชำรุด", created_by="tester", created_at="2026-11-20T03:00:00Z")


def test_datetime_text_becomes_a_utc_qdatetime(layers):
    _path, orders, _events = layers
    attrs = edits.attribute_map(orders, {"created_at": "2026-11-20 10:00", "title": "x", "fid": 7, "nope": 1})
    fields = orders.fields()
    assert set(attrs) == {fields.indexFromName("created_at"), fields.indexFromName("title")}
    moment = attrs[fields.indexFromName("created_at")]
    assert isinstance(moment, QDateTime) and moment.timeSpec() == Qt.TimeSpec.UTC
    assert moment.toString("yyyy-MM-ddTHH:mm:ss") == "2026-11-20T03:00:00"  # 10:00 Bangkok
    assert edits.qdatetime(None) is None


def test_an_edit_across_two_layers_is_undone_in_one_step_and_saved_through_the_change_log(layers):
    path, orders, events = layers
    order, event = new_order()
    point = QgsGeometry.fromPointXY(QgsPointXY(X0, Y0))
    edit = edits.apply_edit(
        "New work order",
        [edits.LayerEdit(orders, add=[(order, point)]), edits.LayerEdit(events, add=[(event, None)])],
    )
    assert orders.isEditable() and events.isEditable()
    assert [layer.name() for layer, _i in edit.steps] == ["work_orders", "work_order_events"]
    assert orders.featureCount() == 1 and events.featureCount() == 1
    assert orders.undoStack().count() == 1 and orders.undoStack().text(0) == "New work order"
    assert edit.is_current()
    assert edit.undo()
    assert orders.featureCount() == 0 and events.featureCount() == 0
    assert not edit.is_current() and not edit.undo()  # already undone

    # again, then a change of both, and saved: the change log sees it
    edits.apply_edit(
        "New", [edits.LayerEdit(orders, add=[(order, point)]), edits.LayerEdit(events, add=[(event, None)])]
    )
    fid = next(orders.getFeatures()).id()
    moved, moved_event = workorders.transition(order, "triaged", actor="tester", at="2026-11-20T04:00:00Z")
    change = edits.apply_edit(
        "Triaged",
        [
            edits.LayerEdit(orders, change={fid: {"status": "triaged", "triaged_at": moved["triaged_at"]}}),
            edits.LayerEdit(events, add=[(moved_event, None)]),
        ],
    )
    assert next(orders.getFeatures())["status"] == "triaged" and events.featureCount() == 2
    assert change.undo()
    assert next(orders.getFeatures())["status"] == "new" and events.featureCount() == 1
    orders.undoStack().redo()
    events.undoStack().redo()
    assert orders.commitChanges() and events.commitChanges()
    con = sqlite3.connect(path)
    assert con.execute("SELECT status, triaged_at FROM work_orders").fetchone() == ("triaged", moved["triaged_at"])
    assert con.execute("SELECT count(*) FROM work_order_events").fetchone()[0] == 2
    logged = dict(con.execute("SELECT layer, count(*) FROM cddp_changelog GROUP BY layer").fetchall())
    con.close()
    assert logged["work_orders"] == 1 and logged["work_order_events"] == 2  # the new order, saved as it ended
    assert not change.is_current()  # saved: the edit buffer is gone


def test_two_parts_for_one_layer_make_one_command(layers):
    _path, orders, _events = layers
    first, _ = new_order()
    second, _ = workorders.new_work_order(title="ไฟดับ", created_by="tester", existing_numbers=[first["wo_number"]])
    edit = edits.apply_edit(
        "Two", [edits.LayerEdit(orders, add=[(first, None)]), edits.LayerEdit(orders, add=[(second, None)])]
    )
    assert orders.undoStack().count() == 1 and len(edit.steps) == 1 and orders.featureCount() == 2
    assert edit.undo() and orders.featureCount() == 0


def test_a_layer_that_cannot_be_edited_keeps_nothing(layers):
    _path, orders, events = layers
    order, event = new_order()
    events.setReadOnly(True)
    with pytest.raises(edits.EditError) as info:
        edits.apply_edit(
            "New", [edits.LayerEdit(orders, add=[(order, None)]), edits.LayerEdit(events, add=[(event, None)])]
        )
    assert info.value.reason == "not_editable" and info.value.layer is events
    assert orders.featureCount() == 0 and orders.undoStack().index() == 0  # the first layer's part was undone
    with pytest.raises(edits.EditError) as info:
        edits.apply_edit(
            "New", [edits.LayerEdit(orders, add=[(order, None)]), edits.LayerEdit(None, add=[(event, None)])]
        )
    assert info.value.reason == "missing" and orders.featureCount() == 0


def test_the_undo_refuses_when_a_layer_was_edited_since(layers):
    _path, orders, events = layers
    order, event = new_order()
    edit = edits.apply_edit(
        "New", [edits.LayerEdit(orders, add=[(order, None)]), edits.LayerEdit(events, add=[(event, None)])]
    )
    fid = next(orders.getFeatures()).id()
    edits.apply_edit("Title", [edits.LayerEdit(orders, change={fid: {"title": "ถนนชำรุดมาก", "note": None}})])
    assert next(orders.getFeatures())["note"] == NULL
    assert not edit.is_current() and not edit.undo()
    assert orders.featureCount() == 1 and events.featureCount() == 1  # nothing was undone
