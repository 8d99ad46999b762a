"""cddp:syncworkspace — sync a workspace with the CDDP server both ways (headless, for scripts and the toolbox)."""

from __future__ import annotations

from qgis.core import (
    QgsProcessingOutputBoolean,
    QgsProcessingOutputNumber,
    QgsProcessingParameterAuthConfig,
    QgsProcessingParameterString,
)

from ..core.common.errors import CddpError
from ..core.common.i18n import translate
from .base import CddpAlgorithm

# The issues listed in the log, at most (the rest are counted: the conflict dock shows them all).
LISTED = 50


class SyncWorkspaceAlgorithm(CddpAlgorithm):
    NAME, GROUP_ID = "syncworkspace", "workspace"
    SERVER, AUTHCFG, MUNICIPALITY = "SERVER", "AUTHCFG", "MUNICIPALITY"
    OUTPUTS = ("PUSHED", "PULLED", "CONFLICTS", "REJECTED", "WAITING")
    STOP_IS_A_RESULT = True  # a cancelled sync keeps what it did and says so: not "cancelled, nothing changed"

    def displayName(self) -> str:
        return self.tr("Sync workspace with the CDDP server")

    def shortHelpString(self) -> str:
        return self.tr(
            "Sends the workspace's edits to the CDDP server and brings in the changes others made, feature by "
            "feature and field by field; nothing is overwritten silently.\n\n"
            "SERVER is the server's address (https://…; left empty: the one the workspace synced with last). "
            "Credentials: AUTHCFG, a QGIS authentication configuration of type Basic (user name and password); "
            "in scripts, or without one, the environment variables CDDP_SYNC_USER and CDDP_SYNC_PASSWORD. "
            "There is no password parameter on purpose: it would be kept in the Processing history. After a "
            "run that reached the server, the workspace keeps the server address and the authcfg id (never a "
            "password).\n\n"
            "Outputs: PUSHED edits the server took (the log says how many were merged with others' edits to "
            "other fields), PULLED changes from the server applied here, CONFLICTS and REJECTED open in "
            "the workspace (resolve them in the conflict dock; the rest of the sync goes on), WAITING "
            "features with edits not sent yet, FINISHED false when the server could not be reached or the "
            "run was cancelled: nothing is lost, run it again."
        )

    def initAlgorithm(self, config=None):
        self.add_workspace_parameter()
        self.addParameter(
            QgsProcessingParameterString(
                self.SERVER, self.tr("CDDP server (https://…; default: the workspace's)"), optional=True
            )
        )
        self.addParameter(
            QgsProcessingParameterAuthConfig(
                self.AUTHCFG, self.tr("Authentication (type Basic; default: CDDP_SYNC_USER/CDDP_SYNC_PASSWORD)"),
                optional=True,
            )
        )  # fmt: skip
        self.addParameter(
            QgsProcessingParameterString(
                self.MUNICIPALITY, self.tr("Municipality DOPA code (default: the workspace's)"), optional=True
            )
        )
        titles = (
            self.tr("Edits pushed"),
            self.tr("Changes pulled"),
            self.tr("Open conflicts"),
            self.tr("Open rejected changes"),
            self.tr("Features with edits waiting"),
        )
        for key, title in zip(self.OUTPUTS, titles, strict=True):
            self.addOutput(QgsProcessingOutputNumber(key, title))
        self.addOutput(QgsProcessingOutputBoolean("FINISHED", self.tr("Finished")))

    def prepareAlgorithm(self, parameters, context, feedback):
        # Main thread: refuse while a layer of this workspace has unsaved edits (they would not be synced,
        # and the pulled changes would be applied under them).
        from ..toolbelt.sync_layers import unsaved_layers

        path = self.parameterAsFile(parameters, self.WORKSPACE, context) or None
        names = unsaved_layers(context.project(), path)
        if names:
            feedback.reportError(
                self.tr(
                    "Save or discard the edits of {layers} first: a sync sends only saved edits, and the server's "
                    "changes are written under the open edit session."
                ).format(layers=", ".join(names)),
                True,
            )
            return False
        return super().prepareAlgorithm(parameters, context, feedback)

    def postProcessAlgorithm(self, context, feedback):
        # Main thread: the layers of the workspace show what the sync wrote.
        from ..toolbelt.sync_layers import reload_layers

        if getattr(self, "_pulled", 0):
            reload_layers(context.project(), self._workspace)
        return {}

    def process(self, parameters, context, feedback) -> dict:
        from ..core.sync import engine, local
        from ..core.sync.http import ApiClient, CancelledError, OfflineError
        from ..core.workspace.meta import workspace_meta
        from ..toolbelt import sync_auth
        from ..toolbelt.sync_transport import QgisTransport

        path = self.workspace_path(parameters, context)
        saved = local.read_status(path)
        url = self.parameterAsString(parameters, self.SERVER, context).strip() or (saved.url or "")
        if not url:
            raise CddpError(
                translate(
                    "core", "The workspace {path} has not synced before: give the CDDP server's address (SERVER)."
                ),
                path=path,
            )
        muni = self.parameterAsString(parameters, self.MUNICIPALITY, context).strip()
        muni = muni or workspace_meta(path).get("municipality_code", "")
        authcfg = self.parameterAsString(parameters, self.AUTHCFG, context).strip() or None
        creds, source, keep_authcfg = sync_auth.credentials(authcfg, saved.authcfg)
        self.report_credentials(feedback, creds, source, keep_authcfg)
        client = ApiClient(url, muni, creds, transport=QgisTransport(feedback), cancelled=feedback.isCanceled)
        feedback.pushInfo(
            self.tr("Syncing {path} with {url} (municipality {muni})…").format(path=path, url=client.base, muni=muni)
        )
        report = None
        if saved.url and saved.url.rstrip("/") != client.base:
            # another server: the workspace's cursor counts the old one's feed; set_connection resets it,
            # once this server has taken the credentials
            try:
                client.sign_in()
            except (OfflineError, CancelledError) as exc:
                report = engine.SyncReport(stopped=str(exc), waiting=saved.waiting)
            else:
                local.save_connection(path, client.base, keep_authcfg or saved.authcfg)
        if report is None:
            report = engine.sync_workspace(
                path, client, progress=lambda fraction, _text: feedback.setProgress(fraction * 100)
            )
        self._pulled = report.pulled
        if report.rounds:  # the server answered and took the credentials: keep where it is (never a password)
            local.save_connection(path, client.base, keep_authcfg or saved.authcfg)
        now = local.read_status(path)
        self.report(feedback, report, now, local.read_issues(path))
        return {
            "PUSHED": report.pushed,
            "PULLED": report.pulled,
            "CONFLICTS": now.conflicts,
            "REJECTED": now.rejected,
            "WAITING": now.waiting,
            "FINISHED": bool(report.finished),
        }

    def report_credentials(self, feedback, creds, source: str, authcfg: str | None) -> None:
        if source == "authcfg":
            text = self.tr("Signing in as {user} with the QGIS authentication configuration {authcfg}.")
        else:
            text = self.tr("Signing in as {user} with the environment variables CDDP_SYNC_USER/CDDP_SYNC_PASSWORD.")
        feedback.pushInfo(text.format(user=creds.username, authcfg=authcfg))

    def report(self, feedback, report, status, issues) -> None:
        from ..core.common.numbers import format_int as n

        feedback.pushInfo(
            self.tr(
                "Pushed {pushed} edits ({merged} merged with others' edits, {duplicates} already there), "
                "new conflicts {conflicts}, new rejected {rejected}; pulled {pulled} changes; "
                "{waiting} features with edits waiting."
            ).format(
                pushed=n(report.pushed), merged=n(report.merged), duplicates=n(report.duplicates),
                conflicts=n(report.conflicts), rejected=n(report.rejected), pulled=n(report.pulled),
                waiting=n(status.waiting),
            )
        )  # fmt: skip
        if report.photos_up or report.photos_down:
            feedback.pushInfo(
                self.tr("Photos: {up} sent, {down} received.").format(
                    up=n(report.photos_up), down=n(report.photos_down)
                )
            )
        feedback.pushInfo(
            self.tr("{requests} requests, {sent} bytes sent, {received} bytes received.").format(
                requests=n(report.requests), sent=n(report.bytes_sent), received=n(report.bytes_received)
            )
        )
        for issue in issues[:LISTED]:
            fields = ", ".join(issue.fields) or "—"
            if issue.kind == "conflict":
                text = self.tr("Conflict: {layer} {uuid} ({op}), fields {fields}: {reason}")
            else:
                text = self.tr("Rejected: {layer} {uuid} ({op}), fields {fields}: {reason}")
            feedback.pushWarning(
                text.format(layer=issue.layer, uuid=issue.uuid, op=issue.op, fields=fields, reason=issue.code or issue.reason or "")
            )  # fmt: skip
        if len(issues) > LISTED:
            feedback.pushWarning(self.tr("…and {n} more: see the conflict dock.").format(n=n(len(issues) - LISTED)))
        if status.conflicts or status.rejected:
            feedback.pushWarning(
                self.tr(
                    "{conflicts} conflicts and {rejected} rejected changes are open: resolve them in the conflict "
                    "dock; the rest of the workspace syncs as usual."
                ).format(conflicts=n(status.conflicts), rejected=n(status.rejected))
            )
        if not report.finished:
            feedback.pushWarning(
                self.tr("Not finished — nothing is lost, run again. {why}").format(why=report.stopped or "").strip()
            )
        else:
            feedback.pushInfo(self.tr("Sync finished."))
