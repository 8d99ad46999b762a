"""The plugin object QGIS creates: menu, toolbar, Processing provider and the docks (workspace,
inspector, work orders).

Start-up does as little as possible: the dock's .ui and everything heavy are loaded when the dock is
first shown; geopandas/requests are imported only by the algorithms that need them.
"""

from __future__ import annotations

import configparser
from pathlib import Path

from qgis.core import QgsApplication
from qgis.PyQt.QtCore import Qt, QUrl
from qgis.PyQt.QtGui import QDesktopServices
from qgis.PyQt.QtWidgets import QAction, QMenu, QMessageBox

from .toolbelt.i18n import install_translator, remove_translator, translate
from .toolbelt.log import get_logger, setup_logging, teardown_logging

MENU_OBJECT_NAME = "CddpMenu"
TOOLBAR_OBJECT_NAME = "CddpToolbar"
PLUGIN_DIR = Path(__file__).resolve().parent
HELP_DIR = PLUGIN_DIR / "help"
LICENCE = "GNU General Public License, version 2 or later (GPL-2.0-or-later)"


def plugin_metadata() -> dict[str, str]:
    """The [general] section of metadata.txt (name, version, homepage, tracker…)."""
    parser = configparser.ConfigParser(interpolation=None)
    parser.optionxform = str
    parser.read(PLUGIN_DIR / "metadata.txt", encoding="utf-8")
    return dict(parser["general"])


def help_language() -> str:
    """Return "th" when the plugin's UI is in Thai (its translator is Thai, or QGIS's locale is), else "en"."""
    from .toolbelt import i18n

    translator = getattr(i18n, "_translator", None)
    if translator is not None:
        return "th" if translator.language().lower().startswith("th") else "en"
    return "th" if i18n.qgis_locale() == "th" else "en"


def guide_path(language: str | None = None) -> Path:
    """The offline user guide (one HTML page per language, shipped in the plugin)."""
    language = language or help_language()
    return HELP_DIR / f"guide_{'th' if language == 'th' else 'en'}.html"


def about_text() -> str:
    """The About box: name, version, licence, homepage and tracker from metadata.txt (rich text)."""
    meta = plugin_metadata()
    lines = [
        f"<b>{meta.get('name', 'CDDP for QGIS')}</b>",
        translate("CddpPlugin", "Version {version}").format(version=meta.get("version", "?")),
        translate("CddpPlugin", "Licence: {licence}").format(licence=LICENCE),
        translate("CddpPlugin", "Homepage: {url}").format(
            url=f'<a href="{meta.get("homepage", "")}">{meta.get("homepage", "")}</a>'
        ),
        translate("CddpPlugin", "Report a problem: {url}").format(
            url=f'<a href="{meta.get("tracker", "")}">{meta.get("tracker", "")}</a>'
        ),
    ]
    return "<br>".join(lines)


class CddpPlugin:
    def __init__(self, iface):
        self.iface = iface
        self.provider = None
        self.menu: QMenu | None = None
        self.toolbar = None
        self.actions: list[QAction] = []
        self.docks: dict = {}  # name → QDockWidget, created on first use
        self.dock_actions: dict[str, QAction] = {}

    # --- Processing (also called by qgis_process, without initGui) -----------------------------
    def initProcessing(self) -> None:
        if self.provider is not None:
            return
        setup_logging()
        install_translator()
        from .processing.provider import CddpProvider

        provider = CddpProvider()
        if QgsApplication.processingRegistry().addProvider(provider):
            self.provider = provider
        else:  # another copy of the plugin already registered "cddp" (QGIS deleted this one)
            get_logger().warning("a Processing provider with id 'cddp' is already registered")

    # --- GUI -----------------------------------------------------------------------------------
    def initGui(self) -> None:
        self.initProcessing()
        from .toolbelt.icons import icon

        window = self.iface.mainWindow()
        self.menu = QMenu(translate("CddpPlugin", "CDDP"), window)
        self.menu.setObjectName(MENU_OBJECT_NAME)
        menubar = window.menuBar()
        help_menu = next((a for a in menubar.actions() if a.menu() and a.menu().objectName() == "mHelpMenu"), None)
        if help_menu is not None:
            menubar.insertMenu(help_menu, self.menu)
        else:
            menubar.addMenu(self.menu)
        self.toolbar = self.iface.addToolBar(translate("CddpPlugin", "CDDP"))
        self.toolbar.setObjectName(TOOLBAR_OBJECT_NAME)

        self.dock_actions["workspace"] = self._action(
            icon("workspace.svg"), translate("CddpPlugin", "Workspace panel"), self.toggle_dock, checkable=True
        )
        self.dock_actions["inspector"] = self._action(
            icon("inspector.svg"),
            translate("CddpPlugin", "Parcel & household inspector"),
            self.toggle_inspector,
            checkable=True,
        )
        self.dock_actions["workorders"] = self._action(
            icon("workorders.svg"), translate("CddpPlugin", "Work orders"), self.toggle_workorders, checkable=True
        )

        self._action(icon("new_workspace.svg"), translate("CddpPlugin", "Create workspace…"), self.create_workspace)
        self._action(icon("open_workspace.svg"), translate("CddpPlugin", "Open workspace…"), self.open_workspace)
        self.menu.addSeparator()
        self._action(
            icon("cddp.svg"), translate("CddpPlugin", "CDDP Processing tools"), self.show_toolbox, toolbar=False
        )
        self.menu.addSeparator()
        self.help_action = self._action(
            QgsApplication.getThemeIcon("/mActionHelpContents.svg"),
            translate("CddpPlugin", "Help"),
            self.show_help,
            toolbar=False,
        )
        self.about_action = self._action(
            icon("cddp.svg"), translate("CddpPlugin", "About"), self.show_about, toolbar=False
        )
        get_logger().info("CDDP plugin loaded")

    def _action(self, icon, text, slot, checkable=False, toolbar=True) -> QAction:
        action = QAction(icon, text, self.iface.mainWindow())
        action.setCheckable(checkable)
        action.triggered.connect(slot)
        self.menu.addAction(action)
        if toolbar:
            self.toolbar.addAction(action)
        self.actions.append(action)
        return action

    @property
    def dock(self):
        """The Workspace dock, if it was opened."""
        return self.docks.get("workspace")

    def unload(self) -> None:
        for dock in self.docks.values():
            if hasattr(dock, "disconnect_project"):
                dock.disconnect_project()
            self.iface.removeDockWidget(dock)
            dock.setParent(None)
            dock.deleteLater()
        self.docks = {}
        for action in self.actions:
            if self.toolbar is not None:
                self.toolbar.removeAction(action)
            action.deleteLater()
        self.actions = []
        if self.menu is not None:
            self.menu.menuAction().setVisible(False)
            self.iface.mainWindow().menuBar().removeAction(self.menu.menuAction())
            self.menu.deleteLater()
            self.menu = None
        if self.toolbar is not None:
            self.toolbar.setParent(None)
            self.toolbar.deleteLater()
            self.toolbar = None
        if self.provider is not None:
            QgsApplication.processingRegistry().removeProvider(self.provider)
            self.provider = None
        remove_translator()
        teardown_logging()

    # --- actions -------------------------------------------------------------------------------
    def _toggle(self, name: str, checked: bool):
        dock = self.docks.get(name)
        if dock is None:
            if name == "workspace":
                from .ui.workspace_dock import WorkspaceDock as Dock
            elif name == "workorders":
                from .ui.workorders_dock import WorkOrdersDock as Dock
            else:
                from .ui.inspector_dock import InspectorDock as Dock
            dock = self.docks[name] = Dock(self.iface, self.iface.mainWindow())
            self.iface.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, dock)
            dock.visibilityChanged.connect(self.dock_actions[name].setChecked)
        dock.setVisible(checked)
        if checked:
            dock.raise_()
        return dock

    def toggle_dock(self, checked: bool = True):
        return self._toggle("workspace", checked)

    def toggle_inspector(self, checked: bool = True):
        return self._toggle("inspector", checked)

    def toggle_workorders(self, checked: bool = True):
        return self._toggle("workorders", checked)

    def create_workspace(self) -> None:
        self.toggle_dock(True)
        self.dock.create_workspace()

    def open_workspace(self) -> None:
        self.toggle_dock(True)
        self.dock.open_workspace()

    def show_help(self) -> bool:
        """Open the offline guide in the UI language with the system's browser."""
        path = guide_path()
        if not path.exists():
            self.iface.messageBar().pushWarning(
                "CDDP",
                translate("CddpPlugin", "The user guide {path} is missing; reinstall the plugin.").format(path=path),
            )
            return False
        return QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))

    def show_about(self) -> None:
        QMessageBox.about(self.iface.mainWindow(), translate("CddpPlugin", "About CDDP for QGIS"), about_text())

    def show_toolbox(self) -> None:
        """Show QGIS's Processing toolbox filtered to the CDDP algorithms."""
        from qgis.utils import plugins

        toolbox = getattr(plugins.get("processing"), "toolbox", None)
        if toolbox is None:
            self.iface.messageBar().pushWarning(
                "CDDP", translate("CddpPlugin", "The Processing plugin is not enabled.")
            )
            return
        toolbox.setVisible(True)
        toolbox.raise_()
        search = getattr(toolbox, "searchBox", None)
        if search is not None:
            search.setText("cddp")
