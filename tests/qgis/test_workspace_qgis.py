"""The workspace seen from QGIS: default styles and Thai forms from the GeoPackage, the project with
its relations, and edits made through QGIS's editing buffer landing in the change log."""

import json
import sqlite3

from qgis.core import (
    QgsFeature,
    QgsGeometry,
    QgsPointXY,
    QgsProject,
    QgsVectorLayer,
    QgsVectorLayerUtils,
)

from cddp_plugin.core.workspace import schema
from cddp_plugin.toolbelt import workspace_project


def layer(info, name):
    vl = QgsVectorLayer(workspace_project.layer_uri(info.path, name), name, "ogr")
    assert vl.isValid()
    return vl


def test_default_style_and_thai_form_come_with_the_layer(full_workspace):
    info, _ = full_workspace
    lights = layer(info, "streetlights")  # QGIS loads the default style stored in the GeoPackage
    renderer = lights.renderer()
    assert renderer.type() == "categorizedSymbol"
    assert renderer.classAttribute() == "status"
    labels = {c.value(): c.label() for c in renderer.categories()}
    assert labels["out"] == "ดับ"
    assert labels["working"] == "ใช้งานได้"

    orders = layer(info, "work_orders")
    idx = orders.fields().indexFromName("status")
    setup = orders.editorWidgetSetup(idx)
    assert setup.type() == "ValueMap"
    assert {"กำลังดำเนินการ": "in_progress"} in setup.config()["map"]
    assert orders.attributeAlias(idx) == "สถานะ"
    uuid_idx = orders.fields().indexFromName("uuid")
    assert orders.defaultValueDefinition(uuid_idx).expression() == "uuid('WithoutBraces')"
    assert orders.editFormConfig().readOnly(uuid_idx)
    assert orders.displayExpression() == '"wo_number"'

    sections = layer(info, "road_sections")
    paser = sections.fields().indexFromName("paser")
    assert sections.editorWidgetSetup(paser).type() == "ValueMap"  # 1–10 with the Thai PASER descriptions
    assert "<= 10" in sections.constraintExpression(paser)


def test_project_opens_with_groups_relations_and_no_restricted_layer(full_workspace, tmp_path):
    info, project_path = full_workspace
    project = QgsProject()
    assert project.read(str(project_path))
    names = {lyr.source().split("layername=")[-1] for lyr in project.mapLayers().values()}
    assert names == {lyr.name for lyr in schema.LAYERS if not lyr.restricted}
    assert all(lyr.isValid() for lyr in project.mapLayers().values())
    assert project.crs().authid() == "EPSG:32648"
    groups = [g.name() for g in project.layerTreeRoot().children()]
    assert groups == [th for _id, th, _en in schema.GROUPS]
    relations = project.relationManager().relations()
    assert "household_parcel" in relations and relations["household_parcel"].isValid()
    assert "resident_household" not in relations  # residents stay out of the default project (PDPA)
    assert workspace_project.workspace_of_project(project) == info.path


def test_edits_through_qgis_are_logged_with_uuid_and_user(full_workspace):
    info, _ = full_workspace
    vl = layer(info, "households")
    assert vl.startEditing()
    feat = QgsVectorLayerUtils.createFeature(
        vl, QgsGeometry.fromPointXY(QgsPointXY(500100, 1620100)), {vl.fields().indexFromName("house_no"): "52"}
    )
    assert vl.addFeature(feat)
    assert vl.commitChanges(), vl.commitErrors()
    fid = next(vl.getFeatures()).id()
    assert vl.startEditing()
    vl.changeAttributeValue(fid, vl.fields().indexFromName("village_no"), 10)
    vl.changeGeometry(fid, QgsGeometry.fromPointXY(QgsPointXY(500105, 1620100)))
    assert vl.commitChanges(), vl.commitErrors()
    assert vl.startEditing()
    vl.deleteFeature(fid)
    assert vl.commitChanges(), vl.commitErrors()

    con = sqlite3.connect(info.path)
    con.row_factory = sqlite3.Row
    log = [dict(r) for r in con.execute("SELECT * FROM cddp_changelog ORDER BY seq")]
    con.close()
    ops = [c["op"] for c in log]
    assert ops[0] == "insert" and ops[-1] == "delete" and set(ops[1:-1]) == {"update"}
    assert len({c["feature_uuid"] for c in log}) == 1 and log[0]["feature_uuid"]
    changed = {}
    for c in log[1:-1]:
        changed.update(json.loads(c["new_values"]))
    assert changed["village_no"] == 10 and "geom" in changed
    assert log[0]["new_values"] is None  # an insert names the row; its values are read from the row at push
    assert json.loads(log[-1]["old_values"])["house_no"] == "52"
    assert log[0]["changed_by"]  # QGIS filled updated_by from @user_account_name


def test_a_plain_qgis_feature_without_defaults_still_gets_a_uuid(full_workspace):
    info, _ = full_workspace
    vl = layer(info, "complaints")
    feat = QgsFeature(vl.fields())
    feat.setAttribute("source", "walk_in")
    feat.setGeometry(QgsGeometry.fromPointXY(QgsPointXY(500000, 1620000)))
    assert vl.dataProvider().addFeatures([feat])[0]
    uuid = next(vl.getFeatures())["uuid"]
    assert isinstance(uuid, str) and len(uuid) == 36


def test_inspection_forms_guide_and_validate(qgis_new_project, full_workspace):
    from qgis.core import QgsVectorLayerUtils

    info, _ = full_workspace
    insp = layer(info, "road_inspections")
    insp.setName(schema.LAYERS_BY_NAME["road_inspections"].title_th)  # as in the workspace project
    QgsProject.instance().addMapLayer(insp)
    paser = insp.editorWidgetSetup(insp.fields().indexFromName("paser"))
    labels = [next(iter(d)) for d in paser.config()["map"]]
    assert len(labels) == 10 and labels[0].startswith("10 – ") and labels[-1].startswith("1 – ")
    assert "อุดรอยแตก" in next(label for label in labels if label.startswith("7 – "))

    # a distress larger than its sample unit (density over 100 %) fails the form's hard constraint
    assert insp.startEditing()
    f = QgsVectorLayerUtils.createFeature(insp)
    f["section_uuid"], f["inspected_on"], f["method"], f["sample_area_sqm"] = "S1", "2026-11-21", "pci", 225.0
    assert insp.addFeature(f) and insp.commitChanges()
    insp_uuid = next(insp.getFeatures())["uuid"]
    dist = layer(info, "road_distresses")
    ok = QgsVectorLayerUtils.createFeature(dist)
    ok["inspection_uuid"], ok["distress_type"], ok["severity"], ok["quantity"], ok["unit"] = (
        insp_uuid,
        1,
        "M",
        30.0,
        "m2",
    )
    bad = QgsVectorLayerUtils.createFeature(dist)
    bad["inspection_uuid"], bad["distress_type"], bad["severity"], bad["quantity"], bad["unit"] = (
        insp_uuid,
        1,
        "M",
        300.0,
        "m2",
    )
    idx = dist.fields().indexFromName("quantity")
    assert QgsVectorLayerUtils.validateAttribute(dist, ok, idx)[0]
    assert not QgsVectorLayerUtils.validateAttribute(dist, bad, idx)[0]
    missing = QgsVectorLayerUtils.createFeature(dist)
    assert not QgsVectorLayerUtils.validateAttribute(dist, missing, dist.fields().indexFromName("severity"))[0]
    QgsProject.instance().removeMapLayer(insp.id())
