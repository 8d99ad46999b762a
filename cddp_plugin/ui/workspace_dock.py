"""The Workspace dock: shows the open workspace and creates or opens one."""

from __future__ import annotations

from pathlib import Path

from qgis.core import Qgis, QgsProject
from qgis.PyQt import uic
from qgis.PyQt.QtCore import Qt
from qgis.PyQt.QtWidgets import QDockWidget, QFileDialog, QHeaderView, QTableWidgetItem

from ..core.common.errors import CddpError
from ..core.common.numbers import format_int
from ..core.workspace import schema
from ..core.workspace.create import WorkspaceInfo, inspect_workspace
from ..core.workspace.meta import workspace_meta
from ..toolbelt import settings, tempdirs, workspace_project
from ..toolbelt.i18n import error_text, translate, ui_language
from ..toolbelt.log import get_logger
from .scroll import make_scrollable

FORM_CLASS, _ = uic.loadUiType(str(Path(__file__).with_name("workspace_dock.ui")))
log = get_logger("ui.workspace")


class WorkspaceDock(QDockWidget, FORM_CLASS):
    def __init__(self, iface, parent=None):
        super().__init__(parent)
        self.setupUi(self)
        self.setObjectName("CddpWorkspaceDock")
        make_scrollable(self)  # fits a 1366×768 screen: scroll to the buttons
        self.iface = iface
        self.info: WorkspaceInfo | None = None
        self.layerTable.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.layerTable.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        self.createButton.clicked.connect(self.create_workspace)
        self.openButton.clicked.connect(self.open_workspace)
        self.refreshButton.clicked.connect(self.refresh)
        project = QgsProject.instance()
        project.readProject.connect(self.refresh)
        project.cleared.connect(self.refresh)
        self.refresh()

    def disconnect_project(self) -> None:
        project = QgsProject.instance()
        for signal in (project.readProject, project.cleared):
            try:
                signal.disconnect(self.refresh)
            except TypeError:
                pass

    # --- state ---------------------------------------------------------------------------------
    def current_path(self) -> str | None:
        return workspace_project.workspace_of_project(QgsProject.instance())

    def refresh(self, *_args) -> None:
        path = self.current_path()
        self.info = None
        if path:
            try:
                self.info = inspect_workspace(path)
            except CddpError as exc:
                self.show_message(error_text(exc), Qgis.MessageLevel.Warning)
        self.show_info(self.info)

    def show_info(self, info: WorkspaceInfo | None) -> None:
        self.statusLabel.setVisible(info is None)
        self.infoGroup.setVisible(info is not None)
        self.layerTable.setVisible(info is not None)
        if info is None:
            return
        self.municipalityValue.setText(info.municipality_name)
        self.codeValue.setText(info.municipality_code)
        self.crsValue.setText(info.crs)
        self.schemaValue.setText(str(info.schema_version))
        self.pendingValue.setText(format_int(info.pending_changes))
        self.pathValue.setText(info.path)
        self.layerTable.setRowCount(len(info.layer_counts))
        thai = ui_language() == "th"
        for row, (name, count) in enumerate(info.layer_counts.items()):
            layer = schema.LAYERS_BY_NAME[name]
            title = QTableWidgetItem(layer.title_th if thai else layer.title_en)
            title.setToolTip(f"{layer.title_en if thai else layer.title_th} ({name})")
            number = QTableWidgetItem(f"{count:,}")
            number.setTextAlignment(int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter))
            self.layerTable.setItem(row, 0, title)
            self.layerTable.setItem(row, 1, number)

    def show_message(self, text: str, level=Qgis.MessageLevel.Info) -> None:
        self.iface.messageBar().pushMessage("CDDP", text, level=level, duration=8)

    # --- actions -------------------------------------------------------------------------------
    def create_workspace(self) -> None:
        import processing  # QGIS's Processing plugin; imported on first use

        results = processing.execAlgorithmDialog("cddp:createworkspace", {})
        project = (results or {}).get("PROJECT")
        if project:
            settings.set("workspace/last_folder", str(Path(project).parent))
            self.open_project(project)

    def open_workspace(self) -> None:
        start = settings.get("workspace/last_folder") or str(Path.home())
        path, _ = QFileDialog.getOpenFileName(
            self,
            translate("WorkspaceDock", "Open CDDP workspace"),
            start,
            translate("WorkspaceDock", "GeoPackage (*.gpkg)"),
        )
        if path:
            self.open_path(path)

    def _refuse_temporary(self, path: str) -> bool:
        """Say so and refuse when ``path`` is in QGIS's temporary Processing folder (deleted when QGIS exits)."""
        if not tempdirs.in_processing_temp(path):
            return False
        self.show_message(
            translate(
                "WorkspaceDock",
                "{path} is in QGIS's temporary Processing folder, which QGIS deletes when it exits: the workspace "
                "would be lost. Not opened. Create the workspace again in a folder of your own (e.g. Documents).",
            ).format(path=path),
            Qgis.MessageLevel.Critical,
        )
        return True

    def open_path(self, path: str) -> bool:
        """Open a workspace: its project beside it, or a new project built for it."""
        if self._refuse_temporary(path):
            return False
        try:  # says what the file is instead: missing, a web page, truncated, busy, another schema version…
            meta = workspace_meta(path)
        except CddpError as exc:
            self.show_message(error_text(exc), Qgis.MessageLevel.Warning)
            return False
        project = workspace_project.project_path_for(path)
        try:
            if not project.exists():
                project = workspace_project.build_project(
                    path, meta.get("municipality_name", ""), meta.get("municipality_code", ""), meta.get("crs", "")
                )
                self.show_message(
                    translate("WorkspaceDock", "There was no project beside the workspace; created {path}.").format(
                        path=project
                    )
                )
        except CddpError as exc:
            self.show_message(error_text(exc), Qgis.MessageLevel.Critical)
            return False
        settings.set("workspace/last_folder", str(Path(path).parent))
        return self.open_project(str(project))

    def open_project(self, project_path: str) -> bool:
        if self._refuse_temporary(project_path):
            return False
        ok = self.iface.addProject(project_path)
        settings.set("workspace/last_path", project_path)
        self.refresh()
        if self.info is not None:
            self.show_message(
                translate("WorkspaceDock", "Opened the workspace of {name}.").format(name=self.info.municipality_name),
                Qgis.MessageLevel.Success,
            )
        return bool(ok)
