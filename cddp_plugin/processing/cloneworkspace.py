"""cddp:cloneworkspace — a new workspace from the CDDP server's municipality (a new laptop, a second officer)."""

from __future__ import annotations

import getpass
import os
from pathlib import Path

from qgis.core import (
    QgsProcessingAlgorithm,
    QgsProcessingOutputBoolean,
    QgsProcessingOutputFile,
    QgsProcessingOutputNumber,
    QgsProcessingParameterAuthConfig,
    QgsProcessingParameterFileDestination,
    QgsProcessingParameterString,
)

from ..core.common.errors import CddpError
from ..core.common.i18n import translate
from .base import CddpAlgorithm


class CloneWorkspaceAlgorithm(CddpAlgorithm):
    NAME, GROUP_ID = "cloneworkspace", "workspace"
    SERVER, AUTHCFG, MUNICIPALITY, OUTPUT = "SERVER", "AUTHCFG", "MUNICIPALITY", "OUTPUT"

    def displayName(self) -> str:
        return self.tr("Workspace from the CDDP server")

    def shortHelpString(self) -> str:
        return self.tr(
            "Makes a new workspace GeoPackage (with the default styles, Thai forms and a QGIS project beside it) "
            "from the municipality's data on the CDDP server: for a new laptop or a second officer. Only the "
            "layers your role may read are downloaded. The new workspace is connected to the server and syncs "
            "with Sync workspace from then on.\n\n"
            "SERVER is the server's address (https://…), MUNICIPALITY the DOPA code of the municipality. "
            "Credentials: AUTHCFG, a QGIS authentication configuration of type Basic (user name and password); "
            "in scripts, the environment variables CDDP_SYNC_USER and CDDP_SYNC_PASSWORD. An existing file is "
            "never overwritten; a download that stops leaves nothing behind."
        )

    def flags(self):
        # Builds styles and a QgsProject (like Create municipal workspace): main thread.
        return super().flags() | QgsProcessingAlgorithm.Flag.FlagNoThreading

    def initAlgorithm(self, config=None):
        self.addParameter(QgsProcessingParameterString(self.SERVER, self.tr("CDDP server (https://…)")))
        self.addParameter(QgsProcessingParameterString(self.MUNICIPALITY, self.tr("Municipality DOPA code")))
        self.addParameter(
            QgsProcessingParameterAuthConfig(
                self.AUTHCFG, self.tr("Authentication (type Basic; default: CDDP_SYNC_USER/CDDP_SYNC_PASSWORD)"),
                optional=True,
            )
        )  # fmt: skip
        self.addParameter(
            QgsProcessingParameterFileDestination(
                self.OUTPUT, self.tr("New workspace GeoPackage"), self.tr("GeoPackage (*.gpkg)")
            )
        )
        self.addOutput(QgsProcessingOutputFile("PROJECT", self.tr("QGIS project")))
        self.addOutput(QgsProcessingOutputNumber("FEATURES", self.tr("Features downloaded")))
        self.addOutput(QgsProcessingOutputNumber("PULLED", self.tr("Changes pulled")))
        self.addOutput(QgsProcessingOutputBoolean("FINISHED", self.tr("Finished")))

    def process(self, parameters, context, feedback) -> dict:
        from ..core.sync import engine
        from ..core.sync.http import ApiClient
        from ..core.workspace import dopa
        from ..core.workspace.create import _check_target as check_target
        from ..core.workspace.create import inspect_workspace
        from ..toolbelt import sync_auth, tempdirs, workspace_project
        from ..toolbelt.sync_transport import QgisTransport

        path = self.parameterAsFileOutput(parameters, self.OUTPUT, context)
        if not path:
            raise CddpError(translate("core", "Choose where to save the workspace (.gpkg)."))
        if tempdirs.in_processing_temp(path):
            raise CddpError(
                translate(
                    "core",
                    "The workspace would be saved in QGIS's temporary Processing folder ({path}), which QGIS deletes when it exits. Choose a folder of your own for Workspace GeoPackage (OUTPUT), e.g. Documents.",
                ),
                path=path,
            )
        check_target(Path(path).expanduser().absolute())  # an existing file: said before anything is downloaded
        project_path = workspace_project.project_path_for(path)
        if project_path.exists():
            raise CddpError(
                translate("core", "{path} already exists; CDDP never overwrites a project."), path=str(project_path)
            )
        area = dopa.parse_municipality_code(self.parameterAsString(parameters, self.MUNICIPALITY, context))
        authcfg = self.parameterAsString(parameters, self.AUTHCFG, context).strip() or None
        creds, source, keep_authcfg = sync_auth.credentials(authcfg)
        if source == "authcfg":
            text = self.tr("Signing in as {user} with the QGIS authentication configuration {authcfg}.")
        else:
            text = self.tr("Signing in as {user} with the environment variables CDDP_SYNC_USER/CDDP_SYNC_PASSWORD.")
        feedback.pushInfo(text.format(user=creds.username, authcfg=keep_authcfg))
        client = ApiClient(
            self.parameterAsString(parameters, self.SERVER, context), area.code, creds,
            transport=QgisTransport(feedback), cancelled=feedback.isCanceled,
        )  # fmt: skip
        feedback.pushInfo(
            self.tr("Downloading municipality {code} from {url}…").format(code=area.code, url=client.base)
        )

        def prepare(tmp: str) -> None:
            feedback.pushInfo(self.tr("Storing default styles and Thai forms…"))
            workspace_project.store_default_styles(tmp)

        info, report = engine.clone_workspace(
            path, client, authcfg=keep_authcfg, user=getpass.getuser(), prepare=prepare,
            progress=lambda fraction, _text: feedback.setProgress(fraction * 90),
        )  # fmt: skip
        try:
            project = workspace_project.build_project(
                info.path, info.municipality_name, info.municipality_code, info.crs
            )
        except Exception:
            for leftover in (Path(info.path), Path(f"{info.path}-wal"), Path(f"{info.path}-shm")):
                leftover.unlink(missing_ok=True)  # made by this run a moment ago: leave nothing half-done
            raise
        counts = inspect_workspace(info.path).layer_counts
        features = sum(counts.values())
        feedback.pushInfo(
            self.tr("Made {path}: {features} features in {layers} layers, CRS {crs}; project {project}.").format(
                path=info.path, features=features, layers=len(counts), crs=info.crs, project=project
            )
        )
        return {
            self.OUTPUT: os.fspath(info.path),
            "PROJECT": str(project),
            "FEATURES": features,
            "PULLED": report.pulled,
            "FINISHED": bool(report.finished),
        }
