"""CDDP ▸ Help (the offline Thai/English guide) and CDDP ▸ About (version, licence, homepage, tracker)."""

import re
from html.parser import HTMLParser

import pytest
from qgis.core import QgsApplication
from qgis.PyQt.QtWidgets import QMenu, QMessageBox

import cddp_plugin
from cddp_plugin import plugin as plugin_module
from cddp_plugin.plugin import MENU_OBJECT_NAME, about_text, guide_path, plugin_metadata
from tests.conftest import EXPECTED_ALGORITHMS, ROOT

GUIDES = {"th": ROOT / "cddp_plugin" / "help" / "guide_th.html", "en": ROOT / "cddp_plugin" / "help" / "guide_en.html"}
VOID = {"meta", "br", "hr", "img", "link", "input", "col", "area", "base", "wbr", "source"}
STEPS = {
    "en": ["Workspace", "Parcels and households", "Roads and streetlights", "Complaints and work orders",
           "Maintenance plan", "Council maps"],
    "th": ["พื้นที่ทำงาน", "แปลงที่ดินและครัวเรือน", "ถนนและไฟฟ้าสาธารณะ", "เรื่องร้องเรียนและใบสั่งงาน", "แผนซ่อมบำรุง",
           "แผนที่สำหรับสภา"],
}  # fmt: skip


class Checker(HTMLParser):
    """Balanced tags, the resources a page loads, and the text of its <h2> headings."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.stack, self.errors, self.urls, self.h2, self._in_h2 = [], [], [], [], False

    def handle_starttag(self, tag, attrs):
        for name, value in attrs:
            if name in ("href", "src") and value:
                self.urls.append(value)
        if tag == "h2":
            self._in_h2 = True
            self.h2.append("")
        if tag not in VOID:
            self.stack.append(tag)

    def handle_endtag(self, tag):
        if tag == "h2":
            self._in_h2 = False
        if not self.stack or self.stack[-1] != tag:
            self.errors.append(f"</{tag}> closes {self.stack[-1:] or 'nothing'}")
        else:
            self.stack.pop()

    def handle_data(self, data):
        if self._in_h2:
            self.h2[-1] += data


def parse(path):
    checker = Checker()
    text = path.read_text(encoding="utf-8")
    checker.feed(text)
    checker.close()
    return text, checker


@pytest.fixture
def plugin(qgis_iface):
    plug = cddp_plugin.classFactory(qgis_iface)
    plug.initGui()
    yield plug
    if plug.provider is not None:
        plug.unload()


@pytest.mark.parametrize("language", ["th", "en"])
def test_guide_is_valid_offline_html_naming_every_algorithm_in_workflow_order(language):
    path = GUIDES[language]
    assert guide_path(language) == path and path.exists()
    text, checker = parse(path)
    assert text.lstrip().startswith("<!DOCTYPE html>")
    assert f'<html lang="{language}">' in text and '<meta charset="utf-8">' in text
    assert checker.errors == [] and checker.stack == []
    # no network resources: only the other guide is linked
    assert not re.search(r"https?://", text), "the guide must work offline"
    assert not re.search(r"@import|url\(", text)
    assert checker.urls == [f"guide_{'en' if language == 'th' else 'th'}.html"]
    for alg in EXPECTED_ALGORITHMS:
        assert f"<code>{alg}</code>" in text, f"{alg} missing from {path.name}"
    # the workflow in order: workspace → land → roads and lamps → complaints and work orders → plan → council maps
    positions = [next(i for i, h in enumerate(checker.h2) if step in h) for step in STEPS[language]]
    assert positions == sorted(positions), checker.h2
    assert "<code>cddp:syncworkspace</code>" in text.split("<h2>7.", 1)[-1]  # sync: the last step of the guide


def test_guide_mentions_every_algorithm_the_provider_registers(plugin):
    ids = [a.id() for a in QgsApplication.processingRegistry().providerById("cddp").algorithms()]
    assert ids
    for path in GUIDES.values():
        text = path.read_text(encoding="utf-8")
        assert [i for i in ids if f"<code>{i}</code>" not in text] == [], path.name


def test_guide_names_algorithms_and_menus_as_the_code_does(plugin):
    english = GUIDES["en"].read_text(encoding="utf-8").replace("&amp;", "&")
    for alg in QgsApplication.processingRegistry().providerById("cddp").algorithms():
        assert f"<b>{alg.displayName()}</b>" in english or f"<th>{alg.displayName()}<br>" in english, alg.id()
    menu = plugin.iface.mainWindow().findChild(QMenu, MENU_OBJECT_NAME)
    for action in menu.actions():
        if not action.isSeparator():
            assert f"CDDP ▸ {action.text()}" in english, action.text()


def test_help_and_about_are_in_the_menu_and_removed_on_unload(plugin, qgis_iface):
    menu = qgis_iface.mainWindow().findChild(QMenu, MENU_OBJECT_NAME)
    actions = {a.text(): a for a in menu.actions() if not a.isSeparator()}
    assert actions["Help"] is plugin.help_action and actions["About"] is plugin.about_action
    plugin.unload()
    assert plugin.actions == [] and plugin.menu is None
    assert qgis_iface.mainWindow().findChild(QMenu, MENU_OBJECT_NAME) is None or not [
        m for m in qgis_iface.mainWindow().menuBar().actions() if m.menu() and m.menu().objectName() == MENU_OBJECT_NAME
    ]


def test_help_opens_the_guide_of_the_ui_language(plugin, monkeypatch):
    opened = []
    monkeypatch.setattr(plugin_module.QDesktopServices, "openUrl", lambda url: opened.append(url) or True)
    monkeypatch.setattr(plugin_module, "help_language", lambda: "en")
    plugin.help_action.trigger()
    monkeypatch.setattr(plugin_module, "help_language", lambda: "th")
    plugin.help_action.trigger()
    assert [u.toLocalFile() for u in opened] == [str(GUIDES["en"]), str(GUIDES["th"])]
    assert all(u.isLocalFile() for u in opened)


def test_help_language_follows_the_thai_locale(monkeypatch):
    from cddp_plugin.toolbelt import i18n

    monkeypatch.setattr(i18n, "_translator", None)
    monkeypatch.setattr(i18n, "qgis_locale", lambda: "th")
    assert plugin_module.help_language() == "th"
    monkeypatch.setattr(i18n, "qgis_locale", lambda: "en")
    assert plugin_module.help_language() == "en"


def test_about_shows_version_licence_homepage_and_tracker(plugin, monkeypatch):
    meta = plugin_metadata()
    config = (ROOT / "cddp_plugin" / "metadata.txt").read_text(encoding="utf-8")
    assert f"version={meta['version']}" in config
    text = about_text()
    assert f"Version {meta['version']}" in text
    assert meta["homepage"] in text and meta["tracker"] in text and "GPL" in text
    shown = []
    monkeypatch.setattr(QMessageBox, "about", lambda parent, title, body: shown.append((title, body)))
    plugin.about_action.trigger()
    assert shown == [("About CDDP for QGIS", text)]


def test_plugin_manager_text_claims_only_what_exists():
    meta = plugin_metadata()
    for key in ("description", "about"):
        text = meta[key].lower().replace("sync with a central cddp server is not in this version", "")
        assert "sync with" not in text and "cddp api" not in text, key
    assert "ซิงก์" not in meta["description[th]"]
    assert "sync with a central CDDP server is not in this version" in meta["about"]
    # council maps exist since #12: claimed, and the algorithm is there
    assert "council map" in meta["description"] and "cddp:councilmap" in GUIDES["en"].read_text(encoding="utf-8")
    assert "CDDP ▸ Help" in meta["about"] and GUIDES["en"].exists() and GUIDES["th"].exists()
