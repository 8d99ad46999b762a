"""cddp:importhouseholds — households from civil-registry / survey files or point layers."""

from __future__ import annotations

import getpass
import os

from qgis.core import (
    QgsProcessing,
    QgsProcessingParameterBoolean,
    QgsProcessingParameterCrs,
    QgsProcessingParameterFeatureSink,
    QgsProcessingParameterFile,
    QgsProcessingParameterNumber,
    QgsProcessingParameterString,
    QgsProcessingParameterVectorLayer,
)

from ..core.common.errors import CddpError
from ..core.common.fields import parse_mapping
from ..core.common.i18n import translate
from ..core.common.numbers import format_int as _n
from ..core.land.reimport import MATCH_DISTANCE_M, MAX_MATCH_DISTANCE_M
from ..core.workspace.meta import read_meta
from ..toolbelt import layer_io
from .base import CddpAlgorithm, ProgressSpan


class ImportHouseholdsAlgorithm(CddpAlgorithm):
    NAME = "importhouseholds"
    GROUP_ID = "parcels"
    INPUT, INPUT_LAYER, FIELD_MAP, SOURCE_CRS, REJECTED = "INPUT", "INPUT_LAYER", "FIELD_MAP", "SOURCE_CRS", "REJECTED"
    CLEAR_EMPTY, MATCH_DISTANCE = "CLEAR_EMPTY", "MATCH_DISTANCE"

    def displayName(self):
        return self.tr("Import households")

    def shortHelpString(self):
        return self.tr(
            "Imports households from a civil-registry or survey file — CSV (UTF-8 with or without BOM, or TIS-620/cp874), XLSX — or from a point (or building polygon) layer into the workspace.\n\n"
            "House codes (รหัสประจำบ้าน, 11 digits) are checked; house numbers are normalised (๑๒๓/๔ → 123/4; 'บ้านเลขที่ 52 ม.10' → 52, หมู่ 10); coordinates may be lat/lon or projected x/y (then set SOURCE_CRS). "
            "Rows that cannot be used go to REJECTED with the reason; nothing is dropped silently.\n\n"
            "Importing again never duplicates: a row is matched to a stored household by house code, else by location (within MATCH_DISTANCE metres) and the same house number, else (rows without location) by house number and village number. "
            "Only the columns the file has are changed: a file without a column never blanks that field, and an empty cell keeps the stored value unless CLEAR_EMPTY is set. Households whose values are already stored are not written (no change-log entry)."
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
            QgsProcessingParameterBoolean(
                self.CLEAR_EMPTY,
                self.tr("Empty cells clear the stored values (default: keep them)"),
                defaultValue=False,
            )
        )
        self.addParameter(QgsProcessingParameterNumber(
            self.MATCH_DISTANCE, self.tr("Match households without a common house code within (m)"),
            QgsProcessingParameterNumber.Type.Double, defaultValue=MATCH_DISTANCE_M, minValue=0,
            maxValue=MAX_MATCH_DISTANCE_M))  # fmt: skip
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
                ("UNCHANGED", self.tr("Households already up to date")),
                ("MATCHED_BY_CODE", self.tr("Matched by house code")),
                ("MATCHED_BY_LOCATION", self.tr("Matched by location and house number")),
                ("MATCHED_BY_NUMBER", self.tr("Matched by house number and village")),
                ("FAR_OUTSIDE", self.tr("Households far outside the municipality")),
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
            data = layer_io.read_layer(layer, ProgressSpan(feedback, 0, 30))
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
        if feedback.isCanceled():  # before the workspace write: a cancel leaves it as it was
            return {}
        clear_empty = self.parameterAsBool(parameters, self.CLEAR_EMPTY, context)
        distance = (
            self.parameterAsDouble(parameters, self.MATCH_DISTANCE, context)
            if parameters.get(self.MATCH_DISTANCE) is not None
            else MATCH_DISTANCE_M
        )
        results = {}
        if parameters.get(self.REJECTED) is not None:  # before the workspace write: a failed output changes nothing
            import pandas as pd

            frame = pd.DataFrame(report.rejected) if report.rejected else pd.DataFrame(columns=["row", "reason"])
            self.write_frame(parameters, self.REJECTED, context, frame.astype(object), results)
        land_jobs.upsert_households(
            ws, prepared, report, getpass.getuser(), clear_empty=clear_empty, match_distance=distance
        )
        self.report_far_outside(report.plausibility, feedback)
        feedback.pushInfo(
            self.tr("Field mapping: {mapping}").format(mapping=", ".join(f"{k}←{v}" for k, v in report.mapping.items()))
        )
        feedback.pushInfo(self.tr("{read} rows read, {inserted} added, {updated} updated, {rejected} rejected, {noloc} without location.").format(
            read=_n(report.read), inserted=_n(report.inserted), updated=_n(report.updated), rejected=_n(len(report.rejected)), noloc=_n(report.without_location)))  # fmt: skip
        feedback.pushInfo(self.tr("Matched to stored households: {code} by house code, {location} by location and house number (within {distance} m), {number} by house number and village; {unchanged} were already up to date.").format(
            code=_n(report.matched_by_code), location=_n(report.matched_by_location), distance=distance,
            number=_n(report.matched_by_number), unchanged=_n(report.unchanged)))  # fmt: skip
        if not clear_empty:
            feedback.pushInfo(
                self.tr(
                    "Fields the file does not have, and its empty cells, kept their stored values (set CLEAR_EMPTY to let empty cells clear them)."
                )
            )
        if report.rejected:
            feedback.pushWarning(
                self.tr("{n} rows were rejected; see the REJECTED output for each reason.").format(
                    n=_n(len(report.rejected))
                )
            )
        results.update({"READ": report.read, "INSERTED": report.inserted, "UPDATED": report.updated,
                        "REJECTED_COUNT": len(report.rejected), "WITHOUT_LOCATION": report.without_location,
                        "UNCHANGED": report.unchanged, "MATCHED_BY_CODE": report.matched_by_code,
                        "MATCHED_BY_LOCATION": report.matched_by_location,
                        "MATCHED_BY_NUMBER": report.matched_by_number, "FAR_OUTSIDE": report.far_outside})  # fmt: skip
        return results
