"""Item 12: Processing dialogs pre-select sensible layers, in a project made from a demo workspace.

Each layer parameter of each cddp algorithm goes through the widget QGIS's dialog builds for it
(QgsProcessingGui standard wrappers, which apply the default or else pick the first layer of the right
geometry) and the pre-selected layer is checked: "Households" is the workspace's households (never the
complaints, the first point layer), "Parcels" its parcels (never the villages, the first polygon layer),
and a file to import or a hazard area is never a workspace layer."""

from __future__ import annotations

import os
import shutil

import pytest
from qgis.core import QgsProcessingContext, QgsProcessingUtils, QgsProject, QgsVectorLayer
from qgis.gui import QgsGui, QgsProcessingGui

from tests.conftest import ROOT

DEMO = ROOT / "demo-output"
LAYER_TYPES = ("vector", "source", "layer")
# (algorithm, parameter) → the workspace table it pre-selects; every other layer parameter: none of the workspace's
WORKSPACE_INPUTS = {("cddp:linkhouseholds", "HOUSEHOLDS"): "households", ("cddp:linkhouseholds", "PARCELS"): "parcels"}


@pytest.fixture
def demo_project(tmp_path, qgis_new_project):
    if not (DEMO / "pathumwan.qgz").exists():
        pytest.skip("run `make demo` first (demo-output/pathumwan.qgz)")
    for name in ("pathumwan.gpkg", "pathumwan.qgz", "pathumwan_area.geojson"):
        shutil.copy(DEMO / name, tmp_path / name)
    project = QgsProject.instance()
    assert project.read(str(tmp_path / "pathumwan.qgz"))
    yield project, tmp_path
    project.clear()


def _table(layer, gpkg) -> str | None:
    """The workspace table a layer shows, or None when it is not one of the workspace's."""
    if layer is None:
        return None
    path, _sep, rest = layer.source().partition("|layername=")
    if os.path.realpath(path) != os.path.realpath(gpkg):
        return None
    return rest.split("|")[0]


def preselected(provider, project) -> dict[tuple[str, str], object]:
    """What each layer parameter's dialog widget starts with, resolved to a layer (None: nothing chosen)."""
    context = QgsProcessingContext()
    context.setProject(project)
    chosen = {}
    for alg in provider.algorithms():
        instance = alg.create()  # a dialog's own instance: initAlgorithm sees the open project
        for param in instance.parameterDefinitions():
            if param.type() not in LAYER_TYPES:
                continue
            wrapper = QgsGui.processingGuiRegistry().createParameterWidgetWrapper(
                param, QgsProcessingGui.WidgetType.Standard
            )
            widget = wrapper.createWrappedWidget(context)  # kept: the wrapper reads the value from it
            value = wrapper.parameterValue()
            del widget
            layer = QgsProcessingUtils.mapLayerFromString(value, context) if isinstance(value, str) and value else None
            chosen[(instance.id(), param.name())] = layer
    return chosen


def test_each_layer_parameter_preselects_a_sensible_layer(provider, demo_project):
    project, folder = demo_project
    gpkg = folder / "pathumwan.gpkg"
    chosen = preselected(provider, project)
    assert set(WORKSPACE_INPUTS) <= set(chosen)
    assert {("cddp:importparcels", "INPUT"), ("cddp:floodimpact", "HAZARD")} <= set(chosen)
    for key, layer in chosen.items():
        expected = WORKSPACE_INPUTS.get(key)
        assert _table(layer, gpkg) == expected, f"{key}: pre-selected {layer and layer.source()}"
    households = chosen[("cddp:linkhouseholds", "HOUSEHOLDS")]
    assert households.name() == "ครัวเรือน" and "complaints" not in households.source()


def english_names(project, gpkg) -> None:
    """The layers named in English (the plugin's language setting, or an officer's own names): the
    complaints now come before the households, "Boundaries" before the parcels."""
    from cddp_plugin.core.workspace import schema

    for layer in project.mapLayers().values():
        table = _table(layer, gpkg)
        if table:
            layer.setName(schema.LAYERS_BY_NAME[table].title_en)
    by_table = {_table(layer, gpkg): layer for layer in project.mapLayers().values()}
    by_table["villages"].setName("Boundaries (villages)")


def test_layers_are_matched_by_their_source_not_their_names(provider, demo_project):
    project, folder = demo_project
    gpkg = folder / "pathumwan.gpkg"
    english_names(project, gpkg)
    chosen = preselected(provider, project)
    assert _table(chosen[("cddp:linkhouseholds", "HOUSEHOLDS")], gpkg) == "households"
    assert _table(chosen[("cddp:linkhouseholds", "PARCELS")], gpkg) == "parcels"
    for key in (("cddp:importparcels", "INPUT"), ("cddp:floodimpact", "HAZARD")):
        assert chosen[key] is None  # no outside layer in the project: nothing, never a workspace layer


def test_a_layer_from_outside_the_workspace_is_offered_for_import_and_hazard(provider, demo_project):
    project, folder = demo_project
    english_names(project, folder / "pathumwan.gpkg")
    outside = QgsVectorLayer(str(folder / "pathumwan_area.geojson"), "พื้นที่น้ำท่วม", "ogr")
    assert outside.isValid()
    project.addMapLayer(outside)
    chosen = preselected(provider, project)
    assert chosen[("cddp:importparcels", "INPUT")].id() == outside.id()
    assert chosen[("cddp:floodimpact", "HAZARD")].id() == outside.id()
    for key in (("cddp:importcomplaints", "AREA"), ("cddp:conditionsummary", "AREA")):
        assert chosen[key] is None  # optional filters stay empty: empty means the whole workspace
    for key in (("cddp:importhouseholds", "INPUT_LAYER"), ("cddp:importroads", "INPUT_LAYER")):
        assert chosen[key] is None  # a file OR a layer: nothing chosen, so a file can be given


def test_an_empty_required_import_layer_gets_a_clear_message(provider, demo_project):
    project, _folder = demo_project
    context = QgsProcessingContext()
    context.setProject(project)
    for alg_id, name, title in (("cddp:importparcels", "INPUT", "Parcels"), ("cddp:floodimpact", "HAZARD", "Hazard")):
        alg = next(a for a in provider.algorithms() if a.id() == alg_id).create()
        ok, message = alg.checkParameterValues({name: None}, context)
        assert not ok and f"({name})" in message and title in message, message


def test_without_a_workspace_project_nothing_is_forced(provider, qgis_new_project):
    alg = next(a for a in provider.algorithms() if a.id() == "cddp:linkhouseholds").create()
    assert alg.parameterDefinition("HOUSEHOLDS").defaultValue() is None
