"""Item 6: times stored in UTC are shown and typed in Bangkok time in attribute tables and forms, the same
as in the Work orders dock, whatever the computer's time zone (TZ=UTC and TZ=Asia/Bangkok).

Measured first (QGIS 3.40.6): the built-in "DateTime" formatter and edit widget show a GeoPackage
``2026-03-01T03:00:00Z`` as ``2026-03-01 03:00`` under both time zones (the value is a Qt.UTC QDateTime
and both keep its spec) — the test of the built-in widget below holds that finding."""

from __future__ import annotations

import sqlite3
import time

import pytest
from qgis.core import (
    QgsApplication,
    QgsEditorWidgetSetup,
    QgsExpression,
    QgsExpressionContext,
    QgsExpressionContextUtils,
    QgsGeometry,
    QgsPointXY,
    QgsProject,
    QgsVectorLayer,
    QgsVectorLayerCache,
)
from qgis.gui import QgsAttributeForm, QgsAttributeTableModel, QgsDateTimeEdit, QgsGui
from qgis.PyQt.QtCore import QDate, QDateTime, Qt, QTime
from qgis.PyQt.QtWidgets import QWidget

from cddp_plugin.core.works import workorders
from cddp_plugin.toolbelt import edits, times, workspace_project
from cddp_plugin.ui import datetime_widget

DUE_UTC = "2026-03-01T03:00:00.000Z"
DUE_BANGKOK = "2026-03-01 10:00"


@pytest.fixture(params=["UTC", "Asia/Bangkok"])
def machine_tz(request, monkeypatch):
    monkeypatch.setenv("TZ", request.param)
    time.tzset()
    offset = QDateTime.currentDateTime().offsetFromUtc()
    assert offset == (0 if request.param == "UTC" else 7 * 3600), "the machine time zone did not take effect"
    yield request.param
    monkeypatch.undo()
    time.tzset()


@pytest.fixture
def orders(qgis_new_project, full_workspace, machine_tz):
    """The work-order layer of a workspace made as the algorithm makes it (its default style in the
    GeoPackage), with one order due 2026-03-01T03:00Z, the plugin's time widget registered."""
    datetime_widget.register()
    info, _project = full_workspace
    layer = QgsVectorLayer(f"{info.path}|layername=work_orders", "work_orders", "ogr")
    assert layer.isValid()
    QgsProject.instance().addMapLayer(layer)
    workspace_project.upgrade_forms(layer)  # what the plugin does to every workspace layer added
    order, _event = workorders.new_work_order(title="ถนนชำรุด", created_by="tester", created_at="2026-02-26T03:00:00Z")
    order["due_at"] = DUE_UTC
    edits.apply_edit(
        "New work order", [edits.LayerEdit(layer, add=[(order, QgsGeometry.fromPointXY(QgsPointXY(0, 0)))])]
    )
    assert layer.commitChanges(), layer.commitErrors()
    yield info.path, layer
    if layer.isEditable():
        layer.rollBack()
    QgsProject.instance().removeAllMapLayers()


def test_the_builtin_datetime_widget_shows_utc_whatever_the_machine_zone(qgis_app, machine_tz):
    """The finding the fix rests on (no plugin code): QGIS itself shows the stored UTC clock."""
    layer = QgsVectorLayer("Point?field=due_at:datetime", "t", "memory")
    setup = QgsEditorWidgetSetup("DateTime", {"display_format": "yyyy-MM-dd HH:mm", "field_format": "yyyy-MM-dd HH:mm"})
    value = QDateTime(QDate(2026, 3, 1), QTime(3, 0), Qt.TimeSpec.UTC)
    formatter = QgsApplication.fieldFormatterRegistry().fieldFormatter("DateTime")
    assert formatter.representValue(layer, 0, setup.config(), None, value) == "2026-03-01 03:00"


def test_every_datetime_field_of_the_workspace_uses_the_bangkok_widget(orders):
    _path, layer = orders
    datetime_fields = [f.name() for f in layer.fields() if f.typeName().lower() == "datetime"]
    assert {"due_at", "created_at", "updated_at", "closed_at"} <= set(datetime_fields)
    for name in datetime_fields:
        setup = layer.editorWidgetSetup(layer.fields().indexFromName(name))
        assert setup.type() == times.WIDGET_TYPE, name


def test_attribute_table_and_represent_value_show_bangkok_time(orders):
    _path, layer = orders
    idx = layer.fields().indexFromName("due_at")
    setup = layer.editorWidgetSetup(idx)
    feature = next(layer.getFeatures())
    formatter = QgsApplication.fieldFormatterRegistry().fieldFormatter(setup.type())
    assert formatter.representValue(layer, idx, setup.config(), None, feature["due_at"]) == DUE_BANGKOK
    # the attribute table itself
    cache = QgsVectorLayerCache(layer, 100)
    model = QgsAttributeTableModel(cache)
    model.loadLayer()
    column = model.fieldCol(idx)
    assert model.data(model.index(0, column), Qt.ItemDataRole.DisplayRole) == DUE_BANGKOK
    # represent_value() in expressions, labels and print layouts
    context = QgsExpressionContext(QgsExpressionContextUtils.globalProjectLayerScopes(layer))
    context.setFeature(feature)
    assert QgsExpression('represent_value("due_at")').evaluate(context) == DUE_BANGKOK
    # the same text as the Work orders dock
    from cddp_plugin.ui.workorders_dock import _local

    assert _local(DUE_UTC) == DUE_BANGKOK


def test_the_form_shows_the_due_time_in_bangkok_time(orders):
    """due_at is read-only in forms (it changes through the lifecycle, item 7) but shows Bangkok time."""
    _path, layer = orders
    form = QgsAttributeForm(layer, next(layer.getFeatures()))
    edit = form.findChild(QgsDateTimeEdit, "due_at")
    assert edit is not None, "the form has no date/time widget for due_at"
    assert edit.text() == DUE_BANGKOK
    form.deleteLater()


def test_a_time_typed_in_a_form_in_bangkok_time_is_stored_in_utc(qgis_new_project, full_workspace, machine_tz):
    """A complaint's report time typed in its form as 11:00 (Bangkok time) is stored 04:00Z."""
    datetime_widget.register()
    info, _project = full_workspace
    layer = QgsVectorLayer(f"{info.path}|layername=complaints", "complaints", "ogr")
    assert layer.isValid()
    QgsProject.instance().addMapLayer(layer)
    workspace_project.upgrade_forms(layer)  # what the plugin does to every workspace layer added
    try:
        values = {"source": "line", "reported_at": DUE_UTC, "category": "road"}
        assert layer.startEditing() and layer.addFeature(edits.new_feature(layer, values))
        assert layer.commitChanges(), layer.commitErrors()
        assert layer.startEditing()
        form = QgsAttributeForm(layer, next(layer.getFeatures()))
        edit = form.findChild(QgsDateTimeEdit, "reported_at")
        assert edit is not None and edit.isEnabled()
        assert edit.text() == DUE_BANGKOK
        edit.setDateTime(QDateTime(QDate(2026, 3, 1), QTime(11, 0), Qt.TimeSpec.UTC))  # the officer sets 11:00
        assert edit.text() == "2026-03-01 11:00"
        assert form.save()
        assert layer.commitChanges(), layer.commitErrors()
        with sqlite3.connect(info.path) as con:
            stored = con.execute("SELECT reported_at FROM complaints").fetchone()[0]
        assert stored == "2026-03-01T04:00:00.000Z"  # 11:00 Bangkok
        form.deleteLater()
    finally:
        if layer.isEditable():
            layer.rollBack()
        QgsProject.instance().removeAllMapLayers()


def test_the_widget_keeps_null_and_converts_both_ways(qgis_app, machine_tz):
    datetime_widget.register()
    layer = QgsVectorLayer("Point?field=due_at:datetime", "t", "memory")
    parent = QWidget()
    wrapper = QgsGui.editorWidgetRegistry().create(times.WIDGET_TYPE, layer, 0, dict(times.CONFIG), None, parent)
    assert wrapper is not None and wrapper.valid()
    wrapper.setValues(QDateTime(QDate(2026, 12, 31), QTime(20, 30), Qt.TimeSpec.UTC), [])
    assert wrapper.widget().text() == "2027-01-01 03:30"  # already the new year in Bangkok
    back = wrapper.value()
    assert back.timeSpec() == Qt.TimeSpec.UTC and back.toString("yyyy-MM-dd HH:mm") == "2026-12-31 20:30"
    wrapper.setValues(None, [])
    assert wrapper.value().isNull()
    assert wrapper.widget().text() == QgsApplication.nullRepresentation()  # not the current time
    assert times.bangkok_text("2026-03-01T03:00:00Z") == DUE_BANGKOK
    assert times.bangkok_text("2026-03-01 03:00:00") == DUE_BANGKOK  # no offset: UTC, as the GeoPackage says
    assert times.bangkok_text(None) is None


def test_the_geopackage_keeps_a_portable_widget_and_the_plugin_upgrades_layers_as_they_come(
    qgis_iface, qgis_new_project, full_workspace
):
    """The default style in the GeoPackage uses QGIS's own date-time widget marked UTC (a QGIS without
    the plugin shows the stored clock, no "Failed to create widget"); the plugin swaps in the Bangkok
    widget and the read-only lifecycle fields on every workspace layer added to the project — also on a
    workspace made by 0.1.0, whose forms had neither — and never writes the GeoPackage for it."""
    import hashlib

    from cddp_plugin.plugin import CddpPlugin

    info, _project = full_workspace
    digest = hashlib.sha256(open(info.path, "rb").read()).hexdigest()
    plain = QgsVectorLayer(f"{info.path}|layername=work_orders", "plain", "ogr")
    idx = plain.fields().indexFromName("due_at")
    assert plain.editorWidgetSetup(idx).type() == "DateTime"
    assert plain.editorWidgetSetup(idx).config()["display_format"].endswith("'UTC'")
    # an old workspace's form: lifecycle fields editable
    form = plain.editFormConfig()
    form.setReadOnly(plain.fields().indexFromName("status"), False)
    plain.setEditFormConfig(form)

    plugin = CddpPlugin(qgis_iface)
    plugin.initGui()
    try:
        QgsProject.instance().addMapLayer(plain)
        assert plain.editorWidgetSetup(idx).type() == times.WIDGET_TYPE
        assert plain.editFormConfig().readOnly(plain.fields().indexFromName("status"))
        other = QgsVectorLayer("Point?field=due_at:datetime", "not a workspace", "memory")
        QgsProject.instance().addMapLayer(other)
        assert other.editorWidgetSetup(0).type() != times.WIDGET_TYPE
    finally:
        plugin.unload()
        QgsProject.instance().removeAllMapLayers()
    assert hashlib.sha256(open(info.path, "rb").read()).hexdigest() == digest
