"""#11 item 4 and 5: the docks fit a 1366×768 laptop (their content scrolls, the action buttons are inside
the scroll area), and a workspace project opens zoomed to its data, not at 1:1 on an empty canvas."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from qgis.core import QgsProject, QgsRectangle, QgsVectorLayer
from qgis.PyQt.QtWidgets import QScrollArea

import cddp_plugin
from cddp_plugin.toolbelt import workspace_project
from cddp_plugin.ui.scroll import MAX_DOCK_MIN_HEIGHT

DEMO = Path(__file__).resolve().parents[2] / "demo-output"


def _inside_scroll_area(widget, dock) -> bool:
    area = dock.widget()
    return isinstance(area, QScrollArea) and area.widget().isAncestorOf(widget)


@pytest.fixture
def plugin(qgis_iface, qgis_new_project, full_workspace):
    _info, project = full_workspace
    plug = cddp_plugin.classFactory(qgis_iface)
    plug.initGui()
    assert qgis_iface.addProject(str(project))
    yield plug
    plug.unload()
    QgsProject.instance().clear()


def test_every_dock_fits_768_px_and_scrolls_to_its_buttons(plugin):
    plugin.toggle_dock(True)
    docks = {
        "workspace": (plugin.dock, ("createButton", "openButton", "refreshButton")),
        "inspector": (plugin.toggle_inspector(True), ("linkButton", "unlinkButton", "zoomParcelButton")),
        "workorders": (plugin.toggle_workorders(True), ("saveButton", "undoButton", "zoomButton", "transitionBox")),
    }
    for name, (dock, buttons) in docks.items():
        dock.show()
        content = dock.widget().widget()
        height = dock.minimumSizeHint().height()
        assert height <= MAX_DOCK_MIN_HEIGHT, (name, height)
        for button in buttons:
            assert _inside_scroll_area(getattr(dock, button), dock), (name, button)
        if name == "workorders":  # the content it scrolls is much taller than what fits (909 px before)
            assert content.minimumSizeHint().height() > MAX_DOCK_MIN_HEIGHT


def _layer_extent(gpkg: str, name: str) -> QgsRectangle:
    vl = QgsVectorLayer(workspace_project.layer_uri(gpkg, name), name, "ogr")
    assert vl.isValid() and vl.featureCount() > 0
    return vl.extent()


def test_a_new_project_opens_on_its_data(tmp_path, qgis_app):
    src = DEMO / "prueyai.gpkg"
    if not src.exists():
        pytest.skip("run `make demo` first")
    gpkg = tmp_path / "prueyai.gpkg"
    shutil.copy(src, gpkg)
    path = workspace_project.build_project(str(gpkg), "ปรือใหญ่", "330506", "EPSG:32648")
    project = QgsProject()
    assert project.read(str(path))
    view = project.viewSettings().defaultViewExtent()
    assert not view.isEmpty()
    assert view.crs().authid() == "EPSG:32648"
    for name in ("parcels", "households"):
        data = _layer_extent(str(gpkg), name)
        assert view.contains(data), (name, view.toString(), data.toString())
    parcels = _layer_extent(str(gpkg), "parcels")
    assert view.width() < parcels.width() * 3  # the data, with a margin — not the whole country


def test_the_extent_is_updated_after_an_import(tmp_path, qgis_app, full_workspace):
    info, path = full_workspace
    empty = QgsProject()
    assert empty.read(str(path))
    assert empty.viewSettings().defaultViewExtent().isEmpty()  # an empty workspace: nothing to zoom to yet
    src = DEMO / "prueyai.gpkg"
    if not src.exists():
        pytest.skip("run `make demo` first")
    shutil.copy(src, info.path)  # "the import": the same workspace file, now with data
    extent = workspace_project.save_data_extent(path)
    project = QgsProject()
    assert project.read(str(path))
    view = project.viewSettings().defaultViewExtent()
    assert view.contains(_layer_extent(info.path, "parcels"))
    assert view == extent
