"""The parcel & household inspector dock with pytest-qgis: show a parcel, link/unlink by hand (undo-able,
recorded as manual), residents aggregated, names only with the personal-data switch (and logged)."""

import sqlite3

import pytest
from qgis.core import QgsProject, QgsVectorLayer

import cddp_plugin
from cddp_plugin.core.workspace import gpkg, schema
from cddp_plugin.toolbelt import i18n, settings
from tests.qgis.test_processing_parcels import make_households_csv, run, small_town  # noqa: F401 - fixtures


@pytest.fixture
def loaded(qgis_iface, qgis_new_project, tmp_path, small_town, qgis_processing):  # noqa: F811
    plug = cddp_plugin.classFactory(qgis_iface)
    plug.initGui()  # registers the provider the algorithms below run from
    ws = run(
        "createworkspace", {"OUTPUT": str(tmp_path / "w.gpkg"), "MUNICIPALITY_CODE": "330506", "CRS": "EPSG:32648"}
    )
    run("importparcels", {"INPUT": str(small_town / "parcels.geojson"), "WORKSPACE": ws["OUTPUT"]})
    run("importhouseholds", {"INPUT": str(make_households_csv(tmp_path)), "WORKSPACE": ws["OUTPUT"]})
    con = gpkg.connect(ws["OUTPUT"])
    hh_uuid = con.execute("SELECT uuid FROM households WHERE house_no = '1'").fetchone()[0]
    with con:
        con.executemany(
            "INSERT INTO residents (household_uuid, full_name, birth_year_be, dependency, disability) VALUES (?, ?, ?, ?, ?)",
            [(hh_uuid, "นางสมศรี", 2480, "bedridden", None), (hh_uuid, "นายสมชาย", 2530, None, "visual")],
        )
    con.close()
    hh = QgsVectorLayer(f"{ws['OUTPUT']}|layername=households", "hh", "ogr")
    pc = QgsVectorLayer(f"{ws['OUTPUT']}|layername=parcels", "pc", "ogr")
    run("linkhouseholds", {"HOUSEHOLDS": hh, "PARCELS": pc})
    assert qgis_iface.addProject(ws["PROJECT"])
    settings.set("privacy/show_personal_data", False)
    dock = plug.toggle_inspector(True)
    yield dock, ws["OUTPUT"]
    plug.unload()
    settings.set("privacy/show_personal_data", False)


def parcel(dock, code):
    layer = dock.layer("parcels")
    return next(f for f in layer.getFeatures() if f["parcel_code"] == code)


def test_shows_parcel_households_and_aggregated_residents(loaded):
    dock, ws = loaded
    dock.show_parcel(parcel(dock, "03A001"))
    assert dock.codeValue.text() == "03A001"
    assert dock.highlight is not None and dock.highlight.isVisible()  # the parcel stays outlined on the map
    assert dock.highlight.scene() is dock.iface.mapCanvas().scene()
    language = i18n.ui_language()  # the dock's value lists follow the plugin's language (#11 item 2)
    assert dock.docValue.text() == schema.label("land_doc_type", "chanote", language)  # โฉนดที่ดิน in Thai
    assert dock.areaValue.text().startswith("0-1-0")  # 400 m² = 1 ngan
    assert dock.householdTable.rowCount() == 2
    methods = schema.labels("link_method", language)
    assert {dock.householdTable.item(r, 1).text() for r in range(2)} == {methods["within"], methods["nearest"]}
    text = dock.residentsLabel.text()
    assert "2 residents" in text and "1 elderly" in text and "1 bedridden" in text and "1 disabled" in text
    assert "นาง" not in text and not dock.ownerValue.isVisible()
    con = sqlite3.connect(ws)
    assert con.execute("SELECT count(*) FROM cddp_personal_data_log").fetchone()[0] == 0
    con.close()


def test_names_only_with_the_personal_data_switch_and_logged(loaded):
    dock, ws = loaded
    dock.personalCheck.setChecked(True)
    dock.show_parcel(parcel(dock, "03A001"))
    assert "นางสมศรี" in dock.residentsLabel.text()
    con = sqlite3.connect(ws)
    actions = [r[0] for r in con.execute("SELECT action FROM cddp_personal_data_log")]
    con.close()
    assert actions and set(actions) == {"inspector:view_residents"}


def test_manual_link_and_unlink_are_undoable_and_recorded(loaded):
    dock, ws = loaded
    hh_layer = dock.layer("households")
    house3 = next(f for f in hh_layer.getFeatures() if f["house_no"] == "3")
    assert house3["parcel_id"] in (None, "") or house3["parcel_id"] is None or str(house3["parcel_id"]) == "NULL"
    dock.show_parcel(parcel(dock, "03A002"))
    assert dock.householdTable.rowCount() == 0
    dock.link_household(house3)
    assert dock.householdTable.rowCount() == 1
    assert hh_layer.isEditable() and hh_layer.undoStack().count() == 1
    hh_layer.undoStack().undo()
    dock.refresh_households()
    assert dock.householdTable.rowCount() == 0
    hh_layer.undoStack().redo()
    assert hh_layer.commitChanges()
    con = sqlite3.connect(ws)
    row = con.execute(
        "SELECT p.parcel_code, h.link_method, h.link_confidence FROM households h JOIN parcels p ON p.uuid = h.parcel_id WHERE h.house_no = '3'"
    ).fetchone()
    assert row == ("03A002", "manual", 1.0)
    assert (
        con.execute("SELECT new_values FROM cddp_changelog WHERE layer = 'households' ORDER BY seq DESC")
        .fetchone()[0]
        .find('"manual"')
        > 0
    )
    con.close()
    dock.show_parcel(parcel(dock, "03A002"))
    dock.householdTable.selectRow(0)
    dock.unlink_selected()
    assert hh_layer.commitChanges()
    dock.refresh_households()
    assert dock.householdTable.rowCount() == 0


def test_without_a_workspace_the_tools_explain_themselves(qgis_iface, qgis_new_project):
    plug = cddp_plugin.classFactory(qgis_iface)
    plug.initGui()
    try:
        dock = plug.toggle_inspector(True)
        dock.pickButton.setChecked(True)
        assert not dock.pickButton.isChecked()
        assert dock.layer("parcels") is None
        assert QgsProject.instance().count() == 0
    finally:
        plug.unload()


def test_the_outline_goes_with_the_parcel_and_with_the_dock(loaded):
    from qgis.gui import QgsHighlight

    dock, _ws = loaded

    def outlines():
        return [i for i in dock.iface.mapCanvas().scene().items() if isinstance(i, QgsHighlight)]

    dock.show_parcel(parcel(dock, "03A001"))
    dock.show_parcel(parcel(dock, "03A002"))
    assert len(outlines()) == 1
    dock.show_parcel(None)
    assert outlines() == [] and dock.highlight is None
    dock.show_parcel(parcel(dock, "03A002"))
    dock.disconnect_project()
    assert outlines() == []


def test_ctrl_z_undoes_a_link_made_in_the_dock_and_the_list_follows(loaded):
    """#11 item 9: the message says Ctrl+Z undoes; QGIS's undo acts on the active layer's undo stack."""
    from qgis.core import QgsApplication

    dock, _ws = loaded
    hh_layer = dock.layer("households")
    house3 = next(f for f in hh_layer.getFeatures() if f["house_no"] == "3")
    dock.show_parcel(parcel(dock, "03A002"))
    assert dock.householdTable.rowCount() == 0
    dock.link_household(house3)
    assert dock.householdTable.rowCount() == 1
    assert dock.iface.activeLayer() is hh_layer  # Ctrl+Z goes to the households layer
    stack = hh_layer.undoStack()
    assert stack.count() == 1 and stack.undoText() == "Link household to parcel"
    stack.undo()  # what Edit ▸ Undo (Ctrl+Z) does on the active layer
    QgsApplication.processEvents()
    assert dock.householdTable.rowCount() == 0  # refreshed without anyone calling refresh_households
    assert (
        hh_layer.getFeature(house3.id())["parcel_id"] in (None, "")
        or str(hh_layer.getFeature(house3.id())["parcel_id"]) == "NULL"
    )
    stack.redo()
    QgsApplication.processEvents()
    assert dock.householdTable.rowCount() == 1
    # an unlink from the dock is undone the same way
    dock.householdTable.selectRow(0)
    dock.unlink_selected()
    assert dock.householdTable.rowCount() == 0 and stack.count() == 2
    stack.undo()
    QgsApplication.processEvents()
    assert dock.householdTable.rowCount() == 1
    # a rollback (many undo steps) refreshes too
    assert hh_layer.rollBack()
    QgsApplication.processEvents()
    assert dock.householdTable.rowCount() == 0
