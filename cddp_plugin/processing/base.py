"""Shared base for CDDP Processing algorithms: translation, icon, group, and CddpError → message."""

from __future__ import annotations

from qgis.core import QgsProcessingAlgorithm, QgsProcessingException, QgsProcessingParameterFile
from qgis.PyQt.QtCore import QCoreApplication
from qgis.PyQt.QtGui import QIcon

from ..core.errors import CddpError
from ..translation import error_text
from ..ui.icons import icon


class CddpAlgorithm(QgsProcessingAlgorithm):
    """Subclasses set ``NAME``, ``GROUP_ID`` and implement ``displayName``/``group``/``process``."""

    NAME = ""
    GROUP_ID = ""

    def tr(self, text: str) -> str:
        return QCoreApplication.translate(type(self).__name__, text)

    def name(self) -> str:
        return self.NAME

    def groupId(self) -> str:
        return self.GROUP_ID

    def icon(self) -> QIcon:
        return icon("cddp.svg")

    def createInstance(self):
        return type(self)()

    def processAlgorithm(self, parameters, context, feedback):
        try:
            return self.process(parameters, context, feedback)
        except CddpError as exc:
            raise QgsProcessingException(error_text(exc)) from exc

    def process(self, parameters, context, feedback) -> dict:
        raise NotImplementedError

    # --- shared parameters -----------------------------------------------------------------------
    WORKSPACE = "WORKSPACE"

    def add_workspace_parameter(self, optional: bool = True) -> None:
        self.addParameter(
            QgsProcessingParameterFile(
                self.WORKSPACE,
                QCoreApplication.translate("CddpAlgorithm", "CDDP workspace (default: the open project's)"),
                extension="gpkg",
                optional=optional,
            )
        )

    def workspace_path(self, parameters, context, required: bool = True) -> str | None:
        """The workspace GeoPackage: the WORKSPACE parameter, else the one the project belongs to."""
        from ..core.i18n import translate
        from ..core.workspace import read_meta
        from ..qgis_workspace import workspace_of_project

        project = context.project()
        path = self.parameterAsFile(parameters, self.WORKSPACE, context) or (
            workspace_of_project(project) if project else None
        )
        if not path:
            if required:
                raise CddpError(
                    translate("core", "No CDDP workspace: open a workspace project or set the WORKSPACE parameter.")
                )
            return None
        meta = read_meta(path)
        if not meta or "schema_version" not in meta:
            raise CddpError(translate("core", "{path} is not a CDDP workspace."), path=path)
        return path
