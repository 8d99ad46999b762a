"""Sync settings of a workspace: the CDDP server's address and the sign-in, a QGIS authentication
configuration (QgsAuthConfigSelect). The workspace keeps the address and the configuration's id only
(core/sync/jobs.set_connection); the user name and password stay in QGIS's encrypted authentication database."""

from __future__ import annotations

from qgis.core import Qgis
from qgis.gui import QgsAuthConfigSelect, QgsMessageBar
from qgis.PyQt.QtWidgets import QDialog, QDialogButtonBox, QFormLayout, QLabel, QLineEdit, QPushButton, QVBoxLayout

from ..core.common.errors import CddpError
from ..core.sync import local
from ..toolbelt.i18n import error_text, translate


class SyncSettingsDialog(QDialog):
    def __init__(self, path: str, parent=None) -> None:
        super().__init__(parent)
        self.setObjectName("CddpSyncSettingsDialog")
        self.path = path
        self.setWindowTitle(translate("SyncSettingsDialog", "Sync settings"))
        self.setMinimumWidth(520)
        status = local.read_status(path)
        layout = QVBoxLayout(self)
        self.bar = QgsMessageBar(self)
        layout.addWidget(self.bar)
        form = QFormLayout()
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        self.urlEdit = QLineEdit(status.url or "", self)
        self.urlEdit.setObjectName("urlEdit")
        self.urlEdit.setPlaceholderText("https://cddp.example.go.th")
        form.addRow(translate("SyncSettingsDialog", "CDDP server"), self.urlEdit)
        self.authSelect = QgsAuthConfigSelect(self)
        self.authSelect.setObjectName("authSelect")
        if status.authcfg:
            self.authSelect.setConfigId(status.authcfg)
        form.addRow(translate("SyncSettingsDialog", "Sign-in"), self.authSelect)
        layout.addLayout(form)
        note = QLabel(
            translate(
                "SyncSettingsDialog",
                "Choose or add an authentication configuration of type Basic with your user name and password on the CDDP server. QGIS keeps them encrypted; the workspace keeps only the configuration's id.",
            ),
            self,
        )
        note.setWordWrap(True)
        layout.addWidget(note)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.testButton = QPushButton(translate("SyncSettingsDialog", "Test connection"), self)
        self.buttons.addButton(self.testButton, QDialogButtonBox.ButtonRole.ActionRole)
        self.testButton.clicked.connect(self.test_connection)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)

    def values(self) -> tuple[str, str]:
        return self.urlEdit.text().strip(), self.authSelect.configId() or ""

    def _client(self):
        from ..toolbelt.sync_auth import client_for

        url, authcfg = self.values()
        return client_for(self.path, url, authcfg, attempts=2, timeout=15)

    def test_connection(self) -> bool:
        """Sign in to the server with the chosen configuration: says whether it worked (nothing is saved)."""
        try:
            client = self._client()
            client.sign_in()
        except CddpError as exc:
            self.bar.pushMessage(error_text(exc), Qgis.MessageLevel.Critical, 0)
            return False
        self.bar.pushMessage(
            translate("SyncSettingsDialog", "Signed in to {url} for municipality {muni}.").format(
                url=client.base, muni=client.municipality
            ),
            Qgis.MessageLevel.Success,
            5,
        )
        return True

    def save(self) -> bool:
        """Check the address and keep the settings in the workspace; False (with a message) when they are wrong."""
        from ..core.sync.http import ApiClient, Credentials

        url, authcfg = self.values()
        try:
            if url:
                ApiClient(url, "0", Credentials("", ""))  # checks the address only (https, or http on 127.0.0.1)
            local.save_connection(self.path, url or None, authcfg or None)
        except CddpError as exc:
            self.bar.pushMessage(error_text(exc), Qgis.MessageLevel.Critical, 0)
            return False
        return True

    def accept(self) -> None:
        if self.save():
            super().accept()
