"""The plugin in QGIS (pytest-qgis interface): load, GUI, dock, unload, Thai locale."""

import pytest
from qgis.core import QgsApplication, QgsSettings
from qgis.PyQt.QtWidgets import QMenu, QToolBar

import cddp_plugin
from cddp_plugin.core.workspace import schema
from cddp_plugin.plugin import MENU_OBJECT_NAME, TOOLBAR_OBJECT_NAME
from cddp_plugin.toolbelt.i18n import ui_language
from tests.conftest import EXPECTED_ALGORITHMS


def menus(iface):
    return [a.menu() for a in iface.mainWindow().menuBar().actions() if a.menu() and a.isVisible()]


@pytest.fixture
def plugin(qgis_iface):
    plug = cddp_plugin.classFactory(qgis_iface)
    plug.initGui()
    yield plug
    if plug.provider is not None:
        plug.unload()


@pytest.fixture
def thai_locale():
    settings = QgsSettings()
    old = (settings.value("locale/overrideFlag"), settings.value("locale/userLocale"))
    settings.setValue("locale/overrideFlag", True)
    settings.setValue("locale/userLocale", "th")
    yield
    settings.setValue("locale/overrideFlag", old[0] if old[0] is not None else False)
    settings.setValue("locale/userLocale", old[1] or "")


def test_load_adds_menu_toolbar_and_provider(plugin, qgis_iface):
    window = qgis_iface.mainWindow()
    menu = window.findChild(QMenu, MENU_OBJECT_NAME)
    assert menu is not None and menu in menus(qgis_iface)
    texts = [a.text() for a in menu.actions() if not a.isSeparator()]
    assert texts == [
        "Workspace panel",
        "Parcel & household inspector",
        "Work orders",
        "Create workspace…",
        "Open workspace…",
        "CDDP Processing tools",
        "Council maps…",
        "Install Python packages…",
        "Sync now",
        "Sync settings…",
        "Sync conflicts",
        "Language / ภาษา",
        "Help",
        "About",
    ]
    assert window.findChild(QToolBar, TOOLBAR_OBJECT_NAME) is plugin.toolbar
    provider = QgsApplication.processingRegistry().providerById("cddp")
    assert provider is plugin.provider
    assert sorted(a.id() for a in provider.algorithms()) == EXPECTED_ALGORITHMS


def test_dock_is_created_on_first_use_and_shows_no_workspace(plugin, qgis_new_project):
    assert plugin.dock is None  # nothing heavy at start-up
    plugin.toggle_dock(True)
    dock = plugin.dock
    assert dock.windowTitle() == "CDDP Workspace"
    assert dock.info is None
    assert not dock.statusLabel.isHidden() and dock.infoGroup.isHidden()


def test_dock_opens_a_workspace_and_shows_its_facts(plugin, full_workspace, qgis_new_project):
    info, _project = full_workspace
    plugin.toggle_dock(True)
    assert plugin.dock.open_path(info.path)
    dock = plugin.dock
    assert dock.info is not None
    assert dock.municipalityValue.text() == "ปรือใหญ่"
    assert dock.codeValue.text() == "330506"
    assert dock.crsValue.text() == "EPSG:32648"
    assert dock.schemaValue.text() == "1"
    assert dock.layerTable.rowCount() == len(schema.LAYERS)
    parcels = schema.LAYERS_BY_NAME["parcels"]  # named in the plugin's language (#11 item 2)
    assert dock.layerTable.item(1, 0).text() == (parcels.title_th if ui_language() == "th" else parcels.title_en)


def test_dock_refuses_a_file_that_is_not_a_workspace(plugin, tmp_path, qgis_new_project):
    junk = tmp_path / "junk.gpkg"
    junk.write_text("x")
    plugin.toggle_dock(True)
    assert plugin.dock.open_path(str(junk)) is False
    assert plugin.dock.info is None


def test_unload_removes_everything(qgis_iface):
    plug = cddp_plugin.classFactory(qgis_iface)
    plug.initGui()
    plug.toggle_dock(True)
    plug.toggle_inspector(True)
    dock, inspector = plug.dock, plug.docks["inspector"]
    plug.unload()
    window = qgis_iface.mainWindow()
    assert all(m.objectName() != MENU_OBJECT_NAME for m in menus(qgis_iface))
    assert MENU_OBJECT_NAME not in [a.menu().objectName() for a in window.menuBar().actions() if a.menu()]
    assert QgsApplication.processingRegistry().providerById("cddp") is None
    assert plug.docks == {} and plug.toolbar is None and plug.actions == []
    from qgis.PyQt import sip

    QgsApplication.sendPostedEvents(None, 0)  # run deleteLater
    from qgis.PyQt.QtCore import QCoreApplication, QEvent

    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    assert sip.isdeleted(dock) and sip.isdeleted(inspector)
    import logging

    assert not [h for h in logging.getLogger("cddp").handlers if type(h).__name__ == "QgsMessageLogHandler"]


def test_load_unload_twice_is_clean(qgis_iface):
    for _ in range(2):
        plug = cddp_plugin.classFactory(qgis_iface)
        plug.initGui()
        plug.unload()
    assert QgsApplication.processingRegistry().providerById("cddp") is None
    assert (
        sum(
            1
            for a in qgis_iface.mainWindow().menuBar().actions()
            if a.menu() and a.menu().objectName() == MENU_OBJECT_NAME
        )
        == 0
    )


def test_thai_locale_gives_thai_labels(thai_locale, qgis_iface, qgis_new_project):
    plug = cddp_plugin.classFactory(qgis_iface)
    plug.initGui()
    try:
        texts = [a.text() for a in plug.menu.actions() if not a.isSeparator()]
        assert (
            texts[0] == "แผงพื้นที่ทำงาน"
            and texts[2] == "ใบสั่งงานซ่อมบำรุง"
            and texts[3:6] == ["สร้างพื้นที่ทำงาน…", "เปิดพื้นที่ทำงาน…", "เครื่องมือประมวลผล CDDP"]
        )
        plug.toggle_dock(True)
        assert plug.dock.windowTitle() == "พื้นที่ทำงาน CDDP"
        assert plug.dock.createButton.text() == "สร้าง…"
        alg = QgsApplication.processingRegistry().algorithmById("cddp:createworkspace")
        assert alg.displayName() == "สร้างพื้นที่ทำงานของเทศบาล"
        assert plug.provider.name() == "CDDP (แพลตฟอร์มข้อมูลเมืองดิจิทัล)"
        # core errors are translated too
        from cddp_plugin.core.common.errors import CddpError
        from cddp_plugin.core.workspace import dopa
        from cddp_plugin.toolbelt.i18n import error_text

        with pytest.raises(CddpError) as exc:
            dopa.parse_municipality_code("12")
        assert error_text(exc.value).startswith("'12' ไม่ใช่รหัสกรมการปกครอง")
    finally:
        plug.unload()
    from qgis.PyQt.QtCore import QCoreApplication

    assert QCoreApplication.translate("CddpPlugin", "Workspace panel") == "Workspace panel"  # translator removed
