"""The plugin object QGIS creates: menu, toolbar, Processing provider and the docks (workspace,
inspector, work orders, sync conflicts).

Start-up does as little as possible: the dock's .ui and everything heavy are loaded when the dock is
first shown; geopandas/requests are imported only by the algorithms that need them.
"""

from __future__ import annotations

import configparser
from pathlib import Path

from qgis.core import QgsApplication, QgsProject
from qgis.PyQt.QtCore import Qt, QTimer, QUrl
from qgis.PyQt.QtGui import QDesktopServices
from qgis.PyQt.QtWidgets import QAction, QActionGroup, QMenu, QMessageBox

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
    """Return "th" when the plugin's UI is in Thai (its language setting, or QGIS's locale for "auto"), else "en"."""
    from .toolbelt import i18n

    return i18n.ui_language()


# CDDP ▸ Language: (setting value, text). A language is named in its own script (and the other one), so
# whoever cannot read the current language still finds theirs; "auto" is translated like the rest.
LANGUAGE_CHOICES = (("th", "ภาษาไทย (Thai)"), ("en", "English (ภาษาอังกฤษ)"), ("auto", None))


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
        self.language_actions: dict[str, QAction] = {}

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
        from .ui import datetime_widget

        datetime_widget.register()  # forms and attribute tables in Bangkok time (toolbelt/times.py)
        from .core.common.errors import CddpError
        from .toolbelt import fonts

        try:  # council maps' fonts, before any project with a council layout is read (toolbelt/fonts.py)
            fonts.register()
        except CddpError as exc:
            get_logger().warning("council map fonts: %s", exc)
        # every workspace layer, however it was loaded or whichever version made it, gets the plugin's forms
        QgsProject.instance().layersAdded.connect(self._upgrade_forms)
        self._upgrade_forms(list(QgsProject.instance().mapLayers().values()))

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
        self.council_action = self._action(
            QgsApplication.getThemeIcon("/mActionNewLayout.svg"),
            translate("CddpPlugin", "Council maps…"),
            self.council_maps,
            toolbar=False,
        )
        self.install_action = self._action(
            QgsApplication.getThemeIcon("/mActionAddLayer.svg"),
            translate("CddpPlugin", "Install Python packages…"),
            self.install_packages,
            toolbar=False,
        )
        self.menu.addSeparator()
        self.sync_action = self._action(
            QgsApplication.getThemeIcon("/mActionRefresh.svg"), translate("CddpPlugin", "Sync now"), self.sync_now
        )
        self.sync_settings_action = self._action(
            QgsApplication.getThemeIcon("/mActionOptions.svg"),
            translate("CddpPlugin", "Sync settings…"),
            self.sync_settings,
            toolbar=False,
        )
        self.dock_actions["conflicts"] = self._action(
            QgsApplication.getThemeIcon("/mIconWarning.svg"),
            translate("CddpPlugin", "Sync conflicts"),
            self.toggle_conflicts,
            checkable=True,
            toolbar=False,
        )
        self.menu.addSeparator()
        self._language_menu()
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
        QTimer.singleShot(0, self.check_packages)  # once QGIS's window is up: the first-use message

    def _language_menu(self) -> None:
        """CDDP ▸ Language: Thai, English or follow QGIS, checkable (the plugin's own UI language)."""
        from .toolbelt import i18n

        self.language_menu = QMenu(translate("CddpPlugin", "Language / ภาษา"), self.menu)
        self.language_menu.setObjectName("CddpLanguageMenu")
        self.language_group = QActionGroup(self.language_menu)
        self.language_group.setExclusive(True)
        current = i18n.language_setting()
        self.language_actions: dict[str, QAction] = {}
        for value, text in LANGUAGE_CHOICES:
            if text is None:
                text = translate("CddpPlugin", "Follow QGIS's language")
            action = QAction(text, self.language_menu)
            action.setCheckable(True)
            action.setChecked(value == current)
            action.setData(value)
            # queued: switching rebuilds this very menu
            action.triggered.connect(lambda _checked=False, v=value: QTimer.singleShot(0, lambda: self.set_language(v)))
            self.language_group.addAction(action)
            self.language_menu.addAction(action)
            self.language_actions[value] = action
        self.menu.addMenu(self.language_menu)

    def set_language(self, value: str) -> str:
        """Switch the plugin's language ("th", "en", "auto") without restarting QGIS: the translator,
        the Processing provider (its algorithms' names and parameters), the menu, the toolbar and the
        open docks are rebuilt in the new language. Returns the language now spoken ("th" or "en")."""
        from .toolbelt import i18n

        before = i18n.ui_language()
        i18n.set_language_setting(value)
        now = i18n.ui_language()
        if now != before and self.menu is not None:
            shown = [name for name, dock in self.docks.items() if not dock.isHidden()]  # open, maybe tabbed
            self.unload()
            self.initGui()
            for name in shown:
                self._toggle(name, True)
        elif self.menu is not None:
            for v, action in self.language_actions.items():
                action.setChecked(v == value)
        if self.menu is not None:
            self.iface.messageBar().pushInfo(
                "CDDP",
                translate(
                    "CddpPlugin",
                    "CDDP now speaks {language}: menus, panels and Processing tools. Projects created from now on "
                    "name their layers and fields in it; projects already saved keep their names.",
                ).format(language="ภาษาไทย" if now == "th" else "English"),
            )
        get_logger().info("CDDP language set to %s (%s)", value, now)
        return now

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
        from .ui import datetime_widget

        try:
            QgsProject.instance().layersAdded.disconnect(self._upgrade_forms)
        except TypeError:  # initGui never ran (qgis_process)
            pass
        datetime_widget.unregister()
        remove_translator()
        teardown_logging()

    # --- actions -------------------------------------------------------------------------------
    def _toggle(self, name: str, checked: bool):
        if checked and not self.check_packages():  # the docks read and write through pandas/shapely
            self.dock_actions[name].setChecked(False)
            return None
        dock = self.docks.get(name)
        if dock is None:
            if name == "workspace":
                from .ui.workspace_dock import WorkspaceDock as Dock
            elif name == "workorders":
                from .ui.workorders_dock import WorkOrdersDock as Dock
            elif name == "conflicts":
                from .ui.conflicts_dock import ConflictsDock as Dock
            else:
                from .ui.inspector_dock import InspectorDock as Dock
            dock = self.docks[name] = Dock(self.iface, self.iface.mainWindow())
            self.iface.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, dock)
            dock.visibilityChanged.connect(self.dock_actions[name].setChecked)
            if name == "workspace":
                dock.conflictsRequested.connect(lambda: self.toggle_conflicts(True))
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

    def toggle_conflicts(self, checked: bool = True):
        dock = self._toggle("conflicts", checked)
        if dock is not None and checked:
            dock.refresh()
        return dock

    def sync_now(self):
        """Sync the open workspace (the Workspace dock shows its progress and status)."""
        if self.toggle_dock(True) is None:  # the packages are missing: the message says so
            return None
        return self.dock.sync_now()

    def sync_settings(self) -> bool:
        if self.toggle_dock(True) is None:
            return False
        return self.dock.sync_settings()

    def _upgrade_forms(self, layers) -> None:
        from .toolbelt.workspace_project import upgrade_forms

        for layer in layers:
            try:
                upgrade_forms(layer)
            except Exception:  # a layer QGIS could not open: nothing to upgrade
                get_logger().exception("could not set the CDDP forms of a layer")

    # --- Python packages (toolbelt/dependencies.py) -----------------------------------------------
    def check_packages(self) -> bool:
        """True when every package is there; otherwise one message in the message bar naming them, with
        a button that installs them."""
        from qgis.core import Qgis
        from qgis.PyQt.QtWidgets import QPushButton

        from .toolbelt import dependencies

        missing = dependencies.missing()
        if not missing:
            return True
        bar = self.iface.messageBar()
        item = bar.createMessage("CDDP", dependencies.bar_message(missing))
        button = QPushButton(translate("CddpPlugin", "Install Python packages…"), item)
        button.clicked.connect(lambda: (bar.popWidget(item), self.install_packages()))
        item.layout().addWidget(button)
        bar.pushWidget(item, Qgis.MessageLevel.Warning)
        get_logger().warning("missing Python packages: %s", dependencies.describe(missing))
        return False

    def council_maps(self) -> None:
        """Open cddp:councilmap (a printed map set for a council meeting)."""
        import processing

        from .toolbelt import fonts

        fonts.register()
        processing.execAlgorithmDialog("cddp:councilmap", {})

    def install_packages(self) -> None:
        """Open cddp:installdependencies (its log shows pip's progress; Cancel stops it)."""
        import processing

        processing.execAlgorithmDialog("cddp:installdependencies", {})
        from .toolbelt import dependencies

        if not dependencies.missing():
            self.iface.messageBar().pushSuccess(
                "CDDP", translate("CddpPlugin", "The Python packages are installed; CDDP is ready.")
            )

    def create_workspace(self) -> None:
        if self.toggle_dock(True) is None:  # the packages are missing: the message says so
            return
        self.dock.create_workspace()

    def open_workspace(self) -> None:
        if self.toggle_dock(True) is None:  # the packages are missing: the message says so
            return
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
