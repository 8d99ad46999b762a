"""cddp:importhouseholds — households from civil-registry / survey files or point layers."""

from __future__ import annotations

import getpass
import os

from qgis.core import (
    QgsProcessing,
    QgsProcessingParameterCrs,
    QgsProcessingParameterFeatureSink,
    QgsProcessingParameterFile,
    QgsProcessingParameterString,
    QgsProcessingParameterVectorLayer,
)

from ..core.common.errors import CddpError
from ..core.common.fields import parse_mapping
from ..core.common.i18n import translate
from ..core.workspace.meta import read_meta
from ..toolbelt import layer_io
from .base import CddpAlgorithm


class ImportHouseholdsAlgorithm(CddpAlgorithm):
    NAME = "importhouseholds"
    GROUP_ID = "parcels"
    INPUT, INPUT_LAYER, FIELD_MAP, SOURCE_CRS, REJECTED = "INPUT", "INPUT_LAYER", "FIELD_MAP", "SOURCE_CRS", "REJECTED"

    def displayName(self):
        return self.tr("Import households")

    def shortHelpString(self):
        return self.tr(
            "Imports households from a civil-registry or survey file — CSV (UTF-8 with or without BOM, or TIS-620/cp874), XLSX — or from a point (or building polygon) layer into the workspace.\n\n"
            "House codes (รหัสประจำบ้าน, 11 digits) are checked; house numbers are normalised (๑๒๓/๔ → 123/4; 'บ้านเลขที่ 52 ม.10' → 52, หมู่ 10); coordinates may be lat/lon or projected x/y (then set SOURCE_CRS). "
            "Rows that cannot be used go to REJECTED with the reason; nothing is dropped silently. Importing again updates households with the same house code."
        )

    def initAlgorithm(self, config=None):
        self.addParameter(
            QgsProcessingParameterFile(
                self.INPUT, self.tr("Household file (CSV, XLSX, GeoPackage, GeoJSON…)"), optional=True
            )
        )
        self.addParameter(QgsProcessingParameterVectorLayer(
            self.INPUT_LAYER, self.tr("…or a household point layer"),
            [QgsProcessing.SourceType.TypeVectorPoint, QgsProcessing.SourceType.TypeVectorPolygon], optional=True))  # fmt: skip
        self.add_workspace_parameter()
        self.addParameter(
            QgsProcessingParameterString(self.FIELD_MAP, self.tr("Field mapping (target=source; …)"), optional=True)
        )
        self.addParameter(
            QgsProcessingParameterCrs(
                self.SOURCE_CRS, self.tr("Source CRS of x/y coordinates or of a layer without one"), optional=True
            )
        )
        self.addParameter(
            QgsProcessingParameterFeatureSink(
                self.REJECTED, self.tr("Rejected rows"), QgsProcessing.SourceType.TypeVector, optional=True
            )
        )
        self.add_count_outputs(
            (
                ("READ", self.tr("Rows read")),
                ("INSERTED", self.tr("Households added")),
                ("UPDATED", self.tr("Households updated")),
                ("REJECTED_COUNT", self.tr("Rows rejected")),
                ("WITHOUT_LOCATION", self.tr("Households without location")),
            )
        )

    def process(self, parameters, context, feedback):

        from ..core.land import households
        from ..core.land import jobs as land_jobs

        path = self.parameterAsFile(parameters, self.INPUT, context)
        layer = self.parameterAsVectorLayer(parameters, self.INPUT_LAYER, context)
        if bool(path) == (layer is not None):
            raise CddpError(translate("core", "Give either a household file or a household layer (exactly one)."))
        ws = self.workspace_path(parameters, context)
        meta = read_meta(ws)
        crs = self.parameterAsCrs(parameters, self.SOURCE_CRS, context)
        source_crs = (crs.authid() or crs.toWkt()) if crs.isValid() else None
        mapping = parse_mapping(self.parameterAsString(parameters, self.FIELD_MAP, context))
        if layer is not None:
            label, name = layer.name(), os.path.basename(layer.source().split("|")[0])
            data = layer_io.read_layer(layer, feedback)
        else:
            if not os.path.isfile(path):
                raise CddpError(translate("core", "File not found: {path}"), path=path)
            label = name = os.path.basename(path)
            if path.lower().endswith(households.TABLE_SUFFIXES):
                data, encoding = households.read_table(path)
                feedback.pushInfo(self.tr("Read {path} as {encoding}.").format(path=name, encoding=encoding))
            else:
                data = layer_io.read_vector_file(path)

        feedback.setProgress(30)
        prepared, report = households.prepare_households(data, meta["crs"], mapping, source_crs, label, name)
        feedback.setProgress(60)
        land_jobs.upsert_households(ws, prepared, report, getpass.getuser())
        feedback.pushInfo(
            self.tr("Field mapping: {mapping}").format(mapping=", ".join(f"{k}←{v}" for k, v in report.mapping.items()))
        )
        feedback.pushInfo(self.tr("{read} rows read, {inserted} added, {updated} updated, {rejected} rejected, {noloc} without location.").format(
            read=report.read, inserted=report.inserted, updated=report.updated, rejected=len(report.rejected), noloc=report.without_location))  # fmt: skip
        if report.rejected:
            feedback.pushWarning(
                self.tr("{n} rows were rejected; see the REJECTED output for each reason.").format(
                    n=len(report.rejected)
                )
            )
        results = {"READ": report.read, "INSERTED": report.inserted, "UPDATED": report.updated,
                   "REJECTED_COUNT": len(report.rejected), "WITHOUT_LOCATION": report.without_location}  # fmt: skip
        if parameters.get(self.REJECTED) is not None:
            import pandas as pd

            frame = pd.DataFrame(report.rejected) if report.rejected else pd.DataFrame(columns=["row", "reason"])
            self.write_frame(parameters, self.REJECTED, context, frame.astype(object), results)
        return results
