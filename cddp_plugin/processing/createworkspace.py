"""cddp:createworkspace — a new municipal workspace GeoPackage with styles, forms and a project."""

from __future__ import annotations

import getpass
import os
from pathlib import Path

from qgis.core import (
    QgsCoordinateReferenceSystem,
    QgsProcessingAlgorithm,
    QgsProcessingOutputFile,
    QgsProcessingOutputNumber,
    QgsProcessingParameterCrs,
    QgsProcessingParameterFileDestination,
    QgsProcessingParameterString,
)

from ..core.common.errors import CddpError
from ..core.common.i18n import translate
from ..core.workspace import create, dopa, schema
from ..toolbelt import tempdirs, workspace_project
from .base import CddpAlgorithm

# The file name OUTPUT suggests; left as it is, the workspace is named after the municipality instead.
DEFAULT_NAME = "cddp_workspace.gpkg"


class CreateWorkspaceAlgorithm(CddpAlgorithm):
    NAME = "createworkspace"
    GROUP_ID = "workspace"
    OUTPUT = "OUTPUT"
    CODE = "MUNICIPALITY_CODE"
    MUNI_NAME = "MUNICIPALITY_NAME"
    CRS = "CRS"
    PROJECT = "PROJECT"
    LAYERS = "LAYERS"

    def displayName(self) -> str:
        return self.tr("Create municipal workspace")

    def shortHelpString(self) -> str:
        return self.tr(
            "Creates one GeoPackage for a municipality with every CDDP layer (parcels, households, "
            "residents, villages, roads, road sections, inspections and distresses, streetlights and "
            "faults, complaints, work orders and their events), value lists in Thai, default styles and "
            "forms, a change log that records every edit for sync, and a QGIS project beside it.\n\n"
            "MUNICIPALITY_CODE is the DOPA code of the amphoe/khet (4 digits) or tambon (6 digits) the "
            "municipality covers. The CRS must be projected in metres (default WGS 84 / UTM 47N; use "
            "UTM 48N, EPSG:32648, in the east). An existing file is never overwritten.\n\n"
            "The workspace is suggested in the folder of the last workspace (else Documents); left at the "
            "suggested name it is called cddp_<code>.gpkg. It is never made in QGIS's temporary Processing "
            "folder, which QGIS deletes when it exits."
        )

    def flags(self):
        # Builds styles and a QgsProject: run on the main thread, it takes about a second.
        return super().flags() | QgsProcessingAlgorithm.Flag.FlagNoThreading

    def initAlgorithm(self, config=None):
        self.addParameter(
            QgsProcessingParameterFileDestination(
                self.OUTPUT,
                self.tr("Workspace GeoPackage"),
                self.tr("GeoPackage (*.gpkg)"),
                os.path.join(tempdirs.default_workspace_folder(), DEFAULT_NAME),
            )
        )
        self.addParameter(QgsProcessingParameterString(self.CODE, self.tr("Municipality DOPA code (4 or 6 digits)")))
        self.addParameter(
            QgsProcessingParameterString(
                self.MUNI_NAME, self.tr("Municipality name (default: the tambon/amphoe name)"), optional=True
            )
        )
        self.addParameter(
            QgsProcessingParameterCrs(self.CRS, self.tr("Workspace CRS (projected, metres)"), create.DEFAULT_CRS)
        )
        self.addOutput(QgsProcessingOutputFile(self.PROJECT, self.tr("QGIS project")))
        self.addOutput(QgsProcessingOutputNumber(self.LAYERS, self.tr("Number of layers")))

    def _temporary_refusal(self, path: str) -> str | None:
        if path and tempdirs.in_processing_temp(path):
            return self.tr(
                "The workspace would be saved in QGIS's temporary Processing folder ({path}), which QGIS deletes "
                "when it exits. Choose a folder of your own for Workspace GeoPackage (OUTPUT), e.g. Documents."
            ).format(path=path)
        return None

    def checkParameterValues(self, parameters, context):
        ok, message = super().checkParameterValues(parameters, context)
        if not ok:
            return ok, message
        refusal = self._temporary_refusal(self.parameterAsFileOutput(parameters, self.OUTPUT, context))
        return (False, refusal) if refusal else (True, "")

    def process(self, parameters, context, feedback) -> dict:
        path = self.parameterAsFileOutput(parameters, self.OUTPUT, context)
        if not path:
            raise CddpError(translate("core", "Choose where to save the workspace (.gpkg)."))
        refusal = self._temporary_refusal(path)
        if refusal:
            raise CddpError(refusal)
        area = dopa.parse_municipality_code(self.parameterAsString(parameters, self.CODE, context))
        if path == self.parameterDefinition(self.OUTPUT).defaultValue():  # left as suggested: named after the town
            path = os.path.join(os.path.dirname(path), f"cddp_{area.code}.gpkg")
        if tempdirs.in_system_temp(path):
            feedback.pushWarning(
                self.tr(
                    "{path} is in the system's temporary folder, which is emptied on restart or by clean-up tools. "
                    "Move the workspace and its project to a folder of your own to keep them."
                ).format(path=path)
            )
        name = self.parameterAsString(parameters, self.MUNI_NAME, context)
        crs = self.parameterAsCrs(parameters, self.CRS, context)
        if not crs.isValid():
            raise CddpError(
                translate(
                    "core",
                    "Unknown coordinate reference system '{crs}'. Use e.g. EPSG:32647 (UTM 47N) or EPSG:32648 (UTM 48N).",
                ),
                crs=str(parameters.get(self.CRS, "")),
            )
        crs_text = crs.authid() or crs.toWkt(QgsCoordinateReferenceSystem.WktVariant.WKT_PREFERRED)
        project_path = workspace_project.project_path_for(path)
        if project_path.exists():
            raise CddpError(
                translate("core", "{path} already exists; CDDP never overwrites a project."), path=str(project_path)
            )
        level = self.tr("tambon") if area.level == "tambon" else self.tr("amphoe/khet")
        feedback.pushInfo(
            self.tr("Municipality: {name} ({level} {code})").format(
                name=name or area.name_th, level=level, code=area.code
            )
        )

        def prepare(tmp: str) -> None:
            feedback.setProgress(50)
            feedback.pushInfo(self.tr("Storing default styles and Thai forms…"))
            workspace_project.store_default_styles(tmp)

        feedback.setProgress(5)
        info = create.create_workspace(path, area, name, crs_text, getpass.getuser(), prepare=prepare)
        feedback.setProgress(85)
        try:
            project = workspace_project.build_project(
                info.path, info.municipality_name, info.municipality_code, info.crs
            )
        except Exception:
            Path(info.path).unlink()  # made by this run a moment ago: leave nothing half-done
            raise
        feedback.setProgress(100)
        feedback.pushInfo(
            self.tr("Created {path}: {layers} layers, schema {version}, CRS {crs}; project {project}").format(
                path=info.path,
                layers=len(info.layer_counts),
                version=info.schema_version,
                crs=info.crs,
                project=project,
            )
        )
        return {self.OUTPUT: info.path, self.PROJECT: str(project), self.LAYERS: len(schema.LAYERS)}
