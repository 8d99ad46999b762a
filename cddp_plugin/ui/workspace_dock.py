"""The Workspace dock: shows the open workspace and creates or opens one; its sync with the CDDP server
(status, "Sync now" in a QgsTask, the connection settings)."""

from __future__ import annotations

from pathlib import Path

from qgis.core import Qgis, QgsProject
from qgis.PyQt import uic
from qgis.PyQt.QtCore import Qt, pyqtSignal
from qgis.PyQt.QtWidgets import QDockWidget, QFileDialog, QHeaderView, QTableWidgetItem

from ..core.common.errors import CddpError
from ..core.common.numbers import format_int
from ..core.workspace import schema
from ..core.workspace.create import WorkspaceInfo, inspect_workspace
from ..core.workspace.meta import workspace_meta
from ..toolbelt import settings, sync_layers, sync_task, tempdirs, workspace_project
from ..toolbelt.i18n import error_text, translate, ui_language
from ..toolbelt.log import get_logger
from .scroll import make_scrollable

FORM_CLASS, _ = uic.loadUiType(str(Path(__file__).with_name("workspace_dock.ui")))
log = get_logger("ui.workspace")


class WorkspaceDock(QDockWidget, FORM_CLASS):
    conflictsRequested = pyqtSignal()  # the conflicts count or button: the plugin opens the conflict dock

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
        self.syncButton.clicked.connect(self.sync_button_clicked)
        self.syncSettingsButton.clicked.connect(self.sync_settings)
        self.conflictsButton.clicked.connect(self.conflictsRequested)
        self.conflictsValue.linkActivated.connect(lambda _link: self.conflictsRequested.emit())
        self.rejectedValue.linkActivated.connect(lambda _link: self.conflictsRequested.emit())
        self.syncProgress.setVisible(False)
        self.task = None
        sync_task.NOTIFIER.changed.connect(self._sync_changed)
        project = QgsProject.instance()
        project.readProject.connect(self.refresh)
        project.cleared.connect(self.refresh)
        self.refresh()

    def disconnect_project(self) -> None:
        try:
            sync_task.NOTIFIER.changed.disconnect(self._sync_changed)
        except TypeError:
            pass
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
        self.syncGroup.setVisible(info is not None)
        self.layerTable.setVisible(info is not None)
        if info is None:
            return
        self.show_sync(info.path)
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

    # --- sync ----------------------------------------------------------------------------------
    def show_sync(self, path: str) -> None:
        """Last sync (Bangkok time), edits waiting, open conflicts and rejected changes of ``path``."""
        from ..core.sync import local

        try:
            status = local.read_status(path)
        except CddpError as exc:
            self.show_message(error_text(exc), Qgis.MessageLevel.Warning)
            return
        self.sync_status = status
        self.serverValue.setText(status.url or translate("WorkspaceDock", "not set"))
        self.lastSyncValue.setText(last_sync_text(status.last))
        self.waitingValue.setText(format_int(status.waiting))
        for label, n in ((self.conflictsValue, status.conflicts), (self.rejectedValue, status.rejected)):
            label.setText(f'<a href="issues"><b>{format_int(n)}</b></a>' if n else format_int(n))
        self.conflictsButton.setEnabled(bool(status.conflicts or status.rejected))
        self._show_running(sync_task.running(path))

    def _show_running(self, task) -> None:
        new = task is not None and task is not self.task
        self.task = task
        busy = task is not None
        self.syncProgress.setVisible(busy)
        self.syncSettingsButton.setEnabled(not busy)
        self.syncButton.setText(
            translate("WorkspaceDock", "Cancel sync") if busy else translate("WorkspaceDock", "Sync now")
        )
        if new:
            self.syncProgress.setValue(int(task.progress()))
            task.progressChanged.connect(lambda value, bar=self.syncProgress: bar.setValue(int(value)))

    def _sync_changed(self, path: str) -> None:
        current = self.current_path()
        if current and sync_task._key(current) == sync_task._key(path):
            self.refresh()

    def sync_button_clicked(self) -> None:
        if self.task is not None:
            self.task.cancel()
        else:
            self.sync_now()

    def sync_now(self):
        """Start a sync of the open workspace in a QgsTask; refuses while one of its layers has unsaved
        edits. Returns the task (None when refused)."""
        path = self.current_path()
        if not path:
            self.show_message(
                translate("WorkspaceDock", "Open a CDDP workspace first; then it can sync."), Qgis.MessageLevel.Warning
            )
            return None
        unsaved = sync_layers.unsaved_layers(QgsProject.instance(), path)
        if unsaved:
            self.show_message(
                translate(
                    "WorkspaceDock",
                    "Not synced: the layers {layers} have unsaved edits. Save them (or discard them) first; a sync sends only saved edits and writes the server's changes into the workspace.",
                ).format(layers=", ".join(unsaved)),
                Qgis.MessageLevel.Warning,
            )
            return None
        from ..core.sync import local

        status = local.read_status(path)
        try:
            task = sync_task.start(path, status.url, status.authcfg, on_done=self._sync_done)
        except CddpError as exc:
            self.show_message(error_text(exc), Qgis.MessageLevel.Critical)
            return None
        self._show_running(task)
        return task

    def _sync_done(self, task) -> None:
        report = task.report
        if report is not None and (report.pulled or report.pushed or report.conflicts or report.rejected):
            sync_layers.reload_layers(QgsProject.instance(), task.path)
        text, level = sync_task.result_message(task)
        if report is not None and (report.conflicts or report.rejected):
            from qgis.PyQt.QtWidgets import QPushButton

            bar = self.iface.messageBar()
            item = bar.createMessage("CDDP", text)
            button = QPushButton(translate("WorkspaceDock", "Conflicts…"), item)
            button.clicked.connect(self.conflictsRequested)
            item.layout().addWidget(button)
            bar.pushWidget(item, level, 15)
        else:
            self.show_message(text, level)
        self._show_running(None)

    def sync_settings(self) -> bool:
        """The server address and the sign-in (a QGIS authentication configuration) of the open workspace."""
        path = self.current_path()
        if not path:
            self.show_message(
                translate("WorkspaceDock", "Open a CDDP workspace first; then it can sync."), Qgis.MessageLevel.Warning
            )
            return False
        from .sync_settings_dialog import SyncSettingsDialog

        dialog = SyncSettingsDialog(path, self)
        ok = bool(dialog.exec())
        self.refresh()
        return ok

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


def last_sync_text(last: dict) -> str:
    """ "2 ธันวาคม 2569 15:30 น." / "2 Dec 2026 15:30" (Bangkok time) and whether it finished; "never"."""
    from ..core.common.thai import format_thai_date
    from ..toolbelt.times import to_bangkok

    at = (last or {}).get("at")
    if not at:
        return translate("WorkspaceDock", "never")
    try:
        moment = to_bangkok(at)
    except (ValueError, TypeError):
        return str(at)
    if ui_language() == "th":
        text = f"{format_thai_date(moment)} {moment:%H:%M} น."
    else:
        text = f"{moment.day} {moment:%b %Y %H:%M}"
    if not last.get("finished"):
        text += " — " + translate("WorkspaceDock", "not finished, nothing lost")
    elif last.get("conflicts") or last.get("rejected"):
        text += " — " + translate("WorkspaceDock", "with conflicts")
    return text
