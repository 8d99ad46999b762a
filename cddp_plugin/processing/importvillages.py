"""cddp:importvillages — หมู่ / ชุมชน (or tax-map zone, khwaeng) boundaries into the workspace's villages layer."""

from __future__ import annotations

import getpass
import os

from qgis.core import (
    QgsProcessing,
    QgsProcessingParameterBoolean,
    QgsProcessingParameterCrs,
    QgsProcessingParameterEnum,
    QgsProcessingParameterFeatureSink,
    QgsProcessingParameterField,
    QgsProcessingParameterVectorLayer,
)

from ..core.common.errors import CddpError
from ..core.common.i18n import translate
from ..core.common.numbers import format_int as _n
from ..core.workspace.meta import read_meta
from ..toolbelt import layer_io
from .base import CddpAlgorithm, ProgressSpan

KINDS = ("village", "community", "taxmap_zone", "khwaeng")  # core/land/villages.KINDS, as static strings


class ImportVillagesAlgorithm(CddpAlgorithm):
    NAME = "importvillages"
    GROUP_ID = "parcels"
    INPUT, NUMBER_FIELD, NAME_FIELD, NAME_EN_FIELD = "INPUT", "NUMBER_FIELD", "NAME_FIELD", "NAME_EN_FIELD"
    TAMBON_FIELD, KIND, MERGE_DUPLICATES, REJECTED = "TAMBON_FIELD", "KIND", "MERGE_DUPLICATES", "REJECTED"

    def displayName(self):
        return self.tr("Import village and community boundaries")

    def shortHelpString(self):
        return self.tr(
            "Imports หมู่บ้าน / ชุมชน boundaries — the zones council maps are printed per page — from any polygon layer or file (GeoJSON, Shapefile, GeoPackage, any CRS) into the workspace's villages layer, reprojected to the workspace's CRS.\n\n"
            "NUMBER_FIELD holds the number: 3, ๓, หมู่ ๓, หมู่ที่ 3, ม.3 and 03 are all read as 3 (1–99); a value that is not a number stops the import and lists it. NAME_FIELD (Thai name), NAME_EN_FIELD and TAMBON_FIELD (the 6-digit DOPA tambon code, where the municipality spans several tambons) are optional; fields not given are looked for under their usual names. "
            "KIND says what the zones are — village (หมู่บ้าน), community (ชุมชน), taxmap_zone (เขตแผนที่ภาษี) or khwaeng (แขวง) — for legends and page titles; left empty, the workspace's label is kept.\n\n"
            "Invalid geometries are repaired and counted; features without geometry or number are rejected with the reason. Two polygons with the same number (in the same tambon) stop the import and are listed, unless MERGE_DUPLICATES is set: then they become one zone of several parts.\n\n"
            "Importing again never duplicates: a zone is matched by its tambon and number; only the fields given change, zones already up to date are not written (no change-log entry), and zones the file does not have are kept. Everything is written in one transaction: a failed run changes nothing."
        )

    def initAlgorithm(self, config=None):
        self.add_workspace_parameter()
        self.add_outside_layer_parameter(  # the file to import: never a workspace layer
            QgsProcessingParameterVectorLayer(
                self.INPUT, self.tr("Village or community boundaries"), [QgsProcessing.SourceType.TypeVectorPolygon]
            )
        )
        for name, title in (
            (self.NUMBER_FIELD, self.tr("Number field (หมู่ที่; default: found by its name)")),
            (self.NAME_FIELD, self.tr("Thai name field")),
            (self.NAME_EN_FIELD, self.tr("English name field")),
            (self.TAMBON_FIELD, self.tr("Tambon code field (6 digits)")),
        ):
            self.addParameter(
                QgsProcessingParameterField(name, title, parentLayerParameterName=self.INPUT, optional=True)
            )
        self.addParameter(
            QgsProcessingParameterEnum(
                self.KIND,
                self.tr("Kind of zone (empty: keep the workspace's)"),
                options=list(KINDS),
                optional=True,
                usesStaticStrings=True,
            )
        )
        self.addParameter(
            QgsProcessingParameterBoolean(
                self.MERGE_DUPLICATES,
                self.tr("Merge polygons with the same number into one zone (default: stop and list them)"),
                defaultValue=False,
            )
        )
        self.addParameter(
            QgsProcessingParameterCrs(
                self.SOURCE_CRS, self.tr("Source CRS, if the layer's is missing or wrong"), optional=True
            )
        )
        self.addParameter(
            QgsProcessingParameterFeatureSink(
                self.REJECTED,
                self.tr("Rejected boundaries"),
                QgsProcessing.SourceType.TypeVector,
                optional=True,
                createByDefault=False,
            )
        )
        self.add_count_outputs(
            (
                ("READ", self.tr("Boundaries read")),
                ("INSERTED", self.tr("Zones added")),
                ("UPDATED", self.tr("Zones updated")),
                ("UNCHANGED", self.tr("Zones already up to date")),
                ("KEPT", self.tr("Stored zones not in the file (kept)")),
                ("REPAIRED", self.tr("Geometries repaired")),
                ("MERGED", self.tr("Zones merged from several polygons")),
                ("REJECTED_COUNT", self.tr("Boundaries rejected")),
                ("FAR_OUTSIDE", self.tr("Zones far outside the municipality")),
            )
        )

    def process(self, parameters, context, feedback):
        from ..core.land import jobs as land_jobs
        from ..core.land import villages

        layer = self.parameterAsVectorLayer(parameters, self.INPUT, context)
        if layer is None:
            raise CddpError(translate("core", "The boundary layer could not be opened."))
        ws = self.workspace_path(parameters, context)
        meta = read_meta(ws)
        kind = self.parameterAsString(parameters, self.KIND, context) or None
        villages.check_kind(kind)  # before reading
        source_crs = self.parameterAsCrs(parameters, self.SOURCE_CRS, context)
        if not source_crs.isValid():
            self.layer_crs_or_error(layer, layer.name())
        fields = {p: self.parameterAsString(parameters, p, context) or None
                  for p in (self.NUMBER_FIELD, self.NAME_FIELD, self.NAME_EN_FIELD, self.TAMBON_FIELD)}  # fmt: skip
        feedback.pushInfo(self.tr("Reading {layer}…").format(layer=layer.name()))
        gdf = layer_io.read_layer(layer, ProgressSpan(feedback, 0, 30))
        if feedback.isCanceled():
            return {}
        prepared, report = villages.prepare_villages(
            gdf, meta["crs"], fields[self.NUMBER_FIELD], fields[self.NAME_FIELD], fields[self.NAME_EN_FIELD],
            fields[self.TAMBON_FIELD], merge_duplicates=self.parameterAsBool(parameters, self.MERGE_DUPLICATES, context),
            source_crs=source_crs.authid() or (source_crs.toWkt() if source_crs.isValid() else None),
            layer_label=layer.name(), source_name=os.path.basename(layer.source().split("|")[0]),
        )  # fmt: skip
        feedback.setProgress(60)
        if feedback.isCanceled():
            return {}
        results = {}
        if parameters.get(self.REJECTED) is not None:  # before the workspace write: a failed output changes nothing
            import pandas as pd

            self.write_frame(
                parameters, self.REJECTED, context, pd.DataFrame(report.rejected, columns=["zone", "reason"]), results
            )
        land_jobs.write_villages(ws, prepared, report, getpass.getuser(), kind=kind)
        self.report_far_outside(report.plausibility, feedback)
        feedback.pushInfo(
            self.tr("Field mapping: {mapping}").format(mapping=", ".join(f"{k}←{v}" for k, v in report.mapping.items()))
        )
        feedback.pushInfo(
            self.tr("{read} read, {inserted} added, {updated} updated, {unchanged} already up to date, {rejected} rejected; {kept} stored zones not in the file were kept.").format(
                read=_n(report.read), inserted=_n(report.inserted), updated=_n(report.updated),
                unchanged=_n(report.unchanged), rejected=_n(len(report.rejected)), kept=_n(report.kept))
        )  # fmt: skip
        feedback.pushInfo(
            self.tr("The zones are labelled: {kind}").format(kind=villages.kind_label(report.kind, _language()))
        )
        if report.repaired:
            feedback.pushWarning(
                self.tr("Repaired {n} invalid geometries: {codes}").format(
                    n=_n(len(report.repaired)), codes=", ".join(report.repaired[:50])
                )
            )
        if report.merged:
            feedback.pushWarning(
                self.tr("Merged the polygons of {n} numbers into one zone each: {zones}").format(
                    n=_n(len(report.merged)), zones=", ".join(f"{z}×{_n(k)}" for z, k in report.merged.items())
                )
            )
        for label, reason in report.rejected[:200]:
            feedback.reportError(
                self.tr("Rejected {zone}: {reason}").format(zone=label, reason=reason), fatalError=False
            )
        results.update({"READ": report.read, "INSERTED": report.inserted, "UPDATED": report.updated,
                        "UNCHANGED": report.unchanged, "KEPT": report.kept, "REPAIRED": len(report.repaired),
                        "MERGED": len(report.merged), "REJECTED_COUNT": len(report.rejected),
                        "FAR_OUTSIDE": report.far_outside})  # fmt: skip
        return results


def _language() -> str:
    from ..toolbelt.i18n import ui_language

    return ui_language()
