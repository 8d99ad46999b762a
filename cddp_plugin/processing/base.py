"""Shared base for CDDP Processing algorithms: translation, icon, group, and CddpError → message."""

from __future__ import annotations

from qgis.core import QgsProcessingAlgorithm, QgsProcessingException
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
