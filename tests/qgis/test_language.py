"""#11 item 2: the plugin's own language setting (QGIS 3.40 has no Thai interface).

Thai, English or follow QGIS: the menu, a dock, the Processing algorithms (through the registry) and
the layer names, aliases and value lists of a project built afterwards all follow it, and switching
at run time re-translates the menu and re-registers the algorithms without restarting QGIS."""

import pytest
from qgis.core import QgsApplication, QgsProject, QgsSettings
from qgis.PyQt.QtCore import QCoreApplication
from qgis.PyQt.QtWidgets import QMenu

import cddp_plugin
from cddp_plugin import plugin as plugin_module
from cddp_plugin.core.workspace import create, schema
from cddp_plugin.plugin import MENU_OBJECT_NAME
from cddp_plugin.toolbelt import i18n, workspace_project

THAI_MENU = "แผงพื้นที่ทำงาน"
THAI_ALG = "สร้างพื้นที่ทำงานของเทศบาล"
THAI_DOCK = "พื้นที่ทำงาน CDDP"
THAI_CODE_PARAM = "รหัสกรมการปกครองของเทศบาล (4 หรือ 6 หลัก)"
ENGLISH_CODE_PARAM = "Municipality DOPA code (4 or 6 digits)"


@pytest.fixture
def qgis_locale():
    """Set QGIS's own UI locale (``locale/userLocale``) for one test, restored afterwards."""
    settings = QgsSettings()
    old = (settings.value("locale/overrideFlag"), settings.value("locale/userLocale"))

    def set_locale(code: str) -> None:
        settings.setValue("locale/overrideFlag", True)
        settings.setValue("locale/userLocale", code)

    set_locale("en_US")
    yield set_locale
    settings.setValue("locale/overrideFlag", old[0] if old[0] is not None else False)
    settings.setValue("locale/userLocale", old[1] or "")


@pytest.fixture
def language():
    """Set the plugin's language setting for one test, restored afterwards."""
    old = QgsSettings().value("cddp/language")
    yield i18n.set_language_setting
    if old is None:
        QgsSettings().remove("cddp/language")
    else:
        QgsSettings().setValue("cddp/language", old)


@pytest.fixture
def loaded(qgis_iface, qgis_new_project):
    """Load the plugin (after the test has set the languages), unload it afterwards."""
    plugs = []

    def load():
        plug = cddp_plugin.classFactory(qgis_iface)
        plug.initGui()
        plugs.append(plug)
        return plug

    yield load
    for plug in plugs:
        if plug.provider is not None:
            plug.unload()
    i18n.remove_translator()


def menu_texts(plug) -> list[str]:
    return [a.text() for a in plug.menu.actions() if not a.isSeparator()]


def algorithm():
    return QgsApplication.processingRegistry().algorithmById("cddp:createworkspace")


def code_parameter() -> str:
    return algorithm().parameterDefinition("MUNICIPALITY_CODE").description()


def built_project(tmp_path, area, language=None) -> QgsProject:
    """A workspace made as cddp:createworkspace makes it, its project built in ``language`` (default: the setting)."""
    info = create.create_workspace(
        tmp_path / "lang.gpkg", area, "ปรือใหญ่", "EPSG:32648", user="tester",
        prepare=workspace_project.store_default_styles,
    )  # fmt: skip
    path = workspace_project.build_project(
        info.path, info.municipality_name, info.municipality_code, info.crs, language=language
    )
    project = QgsProject()
    assert project.read(str(path))
    return project


def project_layer(project: QgsProject, name: str):
    return next(lyr for lyr in project.mapLayers().values() if lyr.source().endswith(f"layername={name}"))


def test_thai_setting_in_an_english_qgis(qgis_locale, language, loaded, tmp_path, area):
    language("th")
    assert i18n.qgis_locale() == "en" and i18n.ui_language() == "th"
    plug = loaded()
    texts = menu_texts(plug)
    assert texts[0] == THAI_MENU and texts[3] == "สร้างพื้นที่ทำงาน…"
    assert plug.menu.title() == "CDDP" and plug_module_help() == "th"
    plug.toggle_dock(True)
    assert plug.dock.windowTitle() == THAI_DOCK
    assert algorithm().displayName() == THAI_ALG and code_parameter() == THAI_CODE_PARAM
    assert plug.language_actions["th"].isChecked() and not plug.language_actions["auto"].isChecked()

    project = built_project(tmp_path, area)
    parcels = project_layer(project, "parcels")
    assert parcels.name() == "แปลงที่ดิน"
    assert [g.name() for g in project.layerTreeRoot().children()] == [th for _id, th, _en in schema.GROUPS]
    orders = project_layer(project, "work_orders")
    assert orders.attributeAlias(orders.fields().indexFromName("status")) == "สถานะ"


def plug_module_help() -> str:
    return plugin_module.help_language()


def test_english_setting_in_a_thai_qgis(qgis_locale, language, loaded, tmp_path, area):
    qgis_locale("th")
    language("en")
    assert i18n.qgis_locale() == "th" and i18n.ui_language() == "en"
    plug = loaded()
    assert menu_texts(plug)[0] == "Workspace panel" and plug_module_help() == "en"
    plug.toggle_dock(True)
    assert plug.dock.windowTitle() == "CDDP Workspace"
    assert algorithm().displayName() == "Create municipal workspace" and code_parameter() == ENGLISH_CODE_PARAM

    project = built_project(tmp_path, area)
    assert project_layer(project, "parcels").name() == schema.LAYERS_BY_NAME["parcels"].title_en
    assert [g.name() for g in project.layerTreeRoot().children()] == [en for _id, _th, en in schema.GROUPS]
    assert project.relationManager().relation("household_parcel").name() == "Households on parcel"
    # the form: English aliases and value lists, the codes unchanged
    orders = project_layer(project, "work_orders")
    idx = orders.fields().indexFromName("status")
    assert orders.attributeAlias(idx) == schema.LAYERS_BY_NAME["work_orders"].field("status").alias_en
    assert {"In progress": "in_progress"} in orders.editorWidgetSetup(idx).config()["map"]
    # the legend
    lights = project_layer(project, "streetlights")
    labels = {c.value(): c.label() for c in lights.renderer().categories()}
    assert labels["out"] == "Out" and labels["working"] == schema.label("lamp_status", "working", "en")
    # PASER descriptions in English, and the density rule finds the English inspection layer
    sections = project_layer(project, "road_sections")
    paser = sections.editorWidgetSetup(sections.fields().indexFromName("paser")).config()["map"]
    assert len(paser) == 10 and all(not any("\u0e00" <= ch <= "\u0e7f" for ch in next(iter(d))) for d in paser)
    distresses = project_layer(project, "road_distresses")
    rule = distresses.constraintExpression(distresses.fields().indexFromName("quantity"))
    assert f"get_feature('{schema.LAYERS_BY_NAME['road_inspections'].title_en}'" in rule
    assert project_layer(project, "road_inspections").name() == schema.LAYERS_BY_NAME["road_inspections"].title_en
    # the store of record keeps its Thai default style (what QGIS loads for a layer dragged in from the file)
    path = project_layer(project, "parcels").source().split("|")[0]
    stored = workspace_project.QgsVectorLayer(workspace_project.layer_uri(path, "work_orders"), "wo", "ogr")
    assert stored.attributeAlias(stored.fields().indexFromName("status")) == "สถานะ"


@pytest.mark.parametrize(("locale", "expected"), [("th", "th"), ("en_US", "en"), ("de", "en")])
def test_follow_qgis_follows_the_qgis_locale(qgis_locale, language, loaded, tmp_path, area, locale, expected):
    qgis_locale(locale)
    language("auto")
    assert i18n.ui_language() == expected
    plug = loaded()
    assert menu_texts(plug)[0] == (THAI_MENU if expected == "th" else "Workspace panel")
    assert algorithm().displayName() == (THAI_ALG if expected == "th" else "Create municipal workspace")
    assert plug.language_actions["auto"].isChecked()
    if locale != "de":  # one project per language is enough
        project = built_project(tmp_path, area)  # kept: its layers die with it
        name = project_layer(project, "parcels").name()
        assert name == ("แปลงที่ดิน" if expected == "th" else schema.LAYERS_BY_NAME["parcels"].title_en)


def test_unknown_setting_counts_as_follow_qgis(qgis_locale, language):
    QgsSettings().setValue("cddp/language", "klingon")
    assert i18n.language_setting() == "auto" and i18n.ui_language() == "en"
    with pytest.raises(ValueError):
        language("fr")


def test_switching_at_run_time_retranslates_menu_docks_and_algorithms(qgis_locale, language, loaded, qgis_iface):
    language("auto")  # an English QGIS: English
    plug = loaded()
    plug.toggle_dock(True)
    assert menu_texts(plug)[0] == "Workspace panel" and algorithm().displayName() == "Create municipal workspace"

    # CDDP ▸ Language ▸ ภาษาไทย, as a user picks it (queued, since it rebuilds the menu it is in)
    window = qgis_iface.mainWindow()
    language_menu = window.findChild(QMenu, MENU_OBJECT_NAME).findChild(QMenu, "CddpLanguageMenu")
    assert [a.text() for a in language_menu.actions()] == [
        "ภาษาไทย (Thai)", "English (ภาษาอังกฤษ)", "Follow QGIS's language"
    ]  # fmt: skip
    plug.language_actions["th"].trigger()
    QCoreApplication.processEvents()
    assert i18n.language_setting() == "th"
    assert menu_texts(plug)[0] == THAI_MENU
    assert [m for m in window.findChildren(QMenu, MENU_OBJECT_NAME) if m.menuAction().isVisible()] == [plug.menu]
    assert plug.dock is not None and not plug.dock.isHidden() and plug.dock.windowTitle() == THAI_DOCK
    provider = QgsApplication.processingRegistry().providerById("cddp")
    assert provider is plug.provider and provider.name() == "CDDP (แพลตฟอร์มข้อมูลเมืองดิจิทัล)"
    assert algorithm().displayName() == THAI_ALG and code_parameter() == THAI_CODE_PARAM
    assert plug.language_actions["th"].isChecked()
    assert plugin_module.help_language() == "th"

    assert plug.set_language("en") == "en"
    assert menu_texts(plug)[0] == "Workspace panel" and plug.dock.windowTitle() == "CDDP Workspace"
    assert algorithm().displayName() == "Create municipal workspace" and code_parameter() == ENGLISH_CODE_PARAM
    assert plug.language_actions["en"].isChecked()

    # choosing the language already spoken ("auto" in an English QGIS) rebuilds nothing
    menu = plug.menu
    assert plug.set_language("auto") == "en" and plug.menu is menu and plug.language_actions["auto"].isChecked()
    plug.unload()
    assert QgsApplication.processingRegistry().providerById("cddp") is None
    assert QCoreApplication.translate("CddpPlugin", "Workspace panel") == "Workspace panel"


@pytest.mark.parametrize(("locale", "setting"), [("th", "en"), ("en", "th")])
def test_qgis_process_follows_the_profile_setting(tmp_path, locale, setting):
    """qgis_process reads the same profile setting, whatever QGIS's locale: the project it builds is in it."""
    from tests.conftest import run_cddp_process

    profile = tmp_path / "profile"
    ini = profile / "profiles" / "default" / "QGIS" / "QGIS3.ini"
    ini.parent.mkdir(parents=True)
    ini.write_text(
        f"[locale]\noverrideFlag=true\nuserLocale={locale}\n\n[cddp]\nlanguage={setting}\n", encoding="utf-8"
    )
    out = tmp_path / "w.gpkg"
    res = run_cddp_process(
        ["run", "cddp:createworkspace", "--", f"OUTPUT={out}", "MUNICIPALITY_CODE=330506", "CRS=EPSG:32648"],
        profile=profile,
    )
    assert res.returncode == 0, res.stdout + res.stderr
    assert f"language={setting}" in ini.read_text(encoding="utf-8")  # the profile really was the one read
    project = QgsProject()
    assert project.read(str(tmp_path / "w.qgz"))
    parcels = schema.LAYERS_BY_NAME["parcels"]
    assert project_layer(project, "parcels").name() == (parcels.title_th if setting == "th" else parcels.title_en)
