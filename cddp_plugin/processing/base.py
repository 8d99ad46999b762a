"""Shared base for CDDP Processing algorithms: translation, icon, group, and CddpError → message."""

from __future__ import annotations

import os

from qgis.core import QgsProcessingAlgorithm, QgsProcessingException, QgsProcessingParameterFile
from qgis.PyQt.QtCore import QT_TRANSLATE_NOOP, QCoreApplication
from qgis.PyQt.QtGui import QIcon

from ..core.common.errors import CddpError
from ..toolbelt.i18n import error_text
from ..toolbelt.icons import icon

OSM_SUFFIXES = (".pbf", ".osm")

# The Processing groups: id → title (translated in the "CddpAlgorithm" context).
GROUPS = {
    "workspace": QT_TRANSLATE_NOOP("CddpAlgorithm", "Workspace"),
    "parcels": QT_TRANSLATE_NOOP("CddpAlgorithm", "Parcels and households"),
    "roads": QT_TRANSLATE_NOOP("CddpAlgorithm", "Roads and streetlights"),
    "work": QT_TRANSLATE_NOOP("CddpAlgorithm", "Work orders and complaints"),
}


class CddpAlgorithm(QgsProcessingAlgorithm):
    """Subclasses set ``NAME``, ``GROUP_ID`` (a key of :data:`GROUPS`) and implement ``displayName``/``process``."""

    NAME = ""
    GROUP_ID = ""

    def tr(self, text: str) -> str:
        return QCoreApplication.translate(type(self).__name__, text)

    def name(self) -> str:
        return self.NAME

    def groupId(self) -> str:
        return self.GROUP_ID

    def group(self) -> str:
        return QCoreApplication.translate("CddpAlgorithm", GROUPS[self.GROUP_ID])

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
    FIELD_MAP = "FIELD_MAP"
    SOURCE_CRS = "SOURCE_CRS"

    def add_import_parameters(self) -> None:
        """The workspace, field mapping and source-CRS parameters every import algorithm has."""
        from qgis.core import QgsProcessingParameterCrs, QgsProcessingParameterString

        self.add_workspace_parameter()
        self.addParameter(
            QgsProcessingParameterString(
                self.FIELD_MAP,
                QCoreApplication.translate("CddpAlgorithm", "Field mapping (target=source; …)"),
                optional=True,
            )
        )
        self.addParameter(
            QgsProcessingParameterCrs(
                self.SOURCE_CRS,
                QCoreApplication.translate("CddpAlgorithm", "Source CRS, if the layer's is missing or wrong"),
                optional=True,
            )
        )

    def add_count_outputs(self, outputs) -> None:
        from qgis.core import QgsProcessingOutputNumber

        for name, title in outputs:
            self.addOutput(QgsProcessingOutputNumber(name, title))

    def import_options(self, parameters, context) -> tuple[dict[str, str], str | None]:
        """(field mapping, source CRS text or None)."""
        from ..core.common.fields import parse_mapping

        crs = self.parameterAsCrs(parameters, self.SOURCE_CRS, context)
        mapping = parse_mapping(self.parameterAsString(parameters, self.FIELD_MAP, context))
        return mapping, ((crs.authid() or crs.toWkt()) if crs.isValid() else None)

    def write_frame(self, parameters, name, context, frame, results: dict, wkb=None, crs=None) -> None:
        """Write a (Geo)DataFrame to the feature-sink parameter ``name`` if the user asked for it."""
        from qgis.core import QgsCoordinateReferenceSystem, QgsWkbTypes

        from ..toolbelt import layer_io

        if parameters.get(name) is None:
            return
        wkb = QgsWkbTypes.Type.NoGeometry if wkb is None else wkb
        frame = frame.reset_index(drop=True)
        is_geo = wkb != QgsWkbTypes.Type.NoGeometry
        fields = layer_io.qgs_fields_for(frame, frame.geometry.name if is_geo else None)
        sink, dest = self.parameterAsSink(parameters, name, context, fields, wkb, crs or QgsCoordinateReferenceSystem())
        if sink is not None:
            layer_io.write_to_sink(sink, frame, fields)
            results[name] = dest

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
        from ..core.common.i18n import translate
        from ..core.workspace.meta import read_meta
        from ..toolbelt.workspace_project import workspace_of_project

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

    def file_or_layer(self, parameters, context, file_param: str, layer_param: str):
        """(path or None, layer or None) — exactly one of them."""
        from ..core.common.i18n import translate

        path = self.parameterAsFile(parameters, file_param, context)
        layer = self.parameterAsVectorLayer(parameters, layer_param, context)
        if bool(path) == (layer is not None):
            raise CddpError(translate("core", "Give either a file or a layer (exactly one)."))
        if path and not os.path.isfile(path):
            raise CddpError(translate("core", "File not found: {path}"), path=path)
        return path, layer
