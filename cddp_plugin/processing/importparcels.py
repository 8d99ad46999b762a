"""cddp:importparcels — tax-map / DOL parcels into the workspace."""

from __future__ import annotations

import getpass
import os

from qgis.core import (
    QgsProcessing,
    QgsProcessingParameterBoolean,
    QgsProcessingParameterFeatureSink,
    QgsProcessingParameterVectorLayer,
)

from ..core.common.errors import CddpError
from ..core.common.fields import parse_mapping
from ..core.common.i18n import translate
from ..core.common.numbers import format_int as _n
from ..core.workspace.meta import read_meta
from ..toolbelt import layer_io
from .base import CddpAlgorithm, ProgressSpan


class ImportParcelsAlgorithm(CddpAlgorithm):
    NAME = "importparcels"
    GROUP_ID = "parcels"
    INPUT, FIELD_MAP, SOURCE_CRS, REJECTED = "INPUT", "FIELD_MAP", "SOURCE_CRS", "REJECTED"
    CLEAR_EMPTY = "CLEAR_EMPTY"

    def displayName(self):
        return self.tr("Import parcels")

    def shortHelpString(self):
        return self.tr(
            "Imports land parcels from tax-map (แผนที่ภาษี) or DOL data — GeoJSON, Shapefile, GeoPackage, any CRS including Indian 1975 (moved with the pinned EPSG:1812 shift) — into the workspace's parcels layer.\n\n"
            "Fields are found by their usual names (parcel_code, zone/block/lot, land_no, survey, Mapsheet, land_type, owner…); FIELD_MAP overrides them, e.g. parcel_code=PCODE; land_no=LANDNO. "
            "Areas are computed in m² and rai-ngan-square wa; invalid geometries are repaired and listed; duplicated parcel codes are reported.\n\n"
            "Importing again never duplicates: a parcel is matched by its parcel code, and where a code is repeated (or missing) by its shape — identical, else the largest overlap — never by its order in the file. "
            "Only the fields the file has are changed: a file without a column never blanks it (owner, document…), and an empty cell keeps the stored value unless CLEAR_EMPTY is set. Parcels already up to date are not written (no change-log entry)."
        )

    def initAlgorithm(self, config=None):
        self.add_outside_layer_parameter(  # the file to import: never a workspace layer
            QgsProcessingParameterVectorLayer(
                self.INPUT, self.tr("Parcels"), [QgsProcessing.SourceType.TypeVectorPolygon]
            )
        )
        self.add_import_parameters()
        self.addParameter(
            QgsProcessingParameterBoolean(
                self.CLEAR_EMPTY,
                self.tr("Empty cells clear the stored values (default: keep them)"),
                defaultValue=False,
            )
        )
        self.addParameter(
            QgsProcessingParameterFeatureSink(
                self.REJECTED,
                self.tr("Rejected parcels"),
                QgsProcessing.SourceType.TypeVector,
                optional=True,
                createByDefault=False,
            )
        )
        self.add_count_outputs(
            (
                ("READ", self.tr("Parcels read")),
                ("INSERTED", self.tr("Parcels added")),
                ("UPDATED", self.tr("Parcels updated")),
                ("REPAIRED", self.tr("Geometries repaired")),
                ("REJECTED_COUNT", self.tr("Parcels rejected")),
                ("DUPLICATE_CODES", self.tr("Duplicated parcel codes")),
                ("UNCHANGED", self.tr("Parcels already up to date")),
                ("MATCHED_BY_SHAPE", self.tr("Parcels matched by shape (repeated or missing code)")),
                ("FAR_OUTSIDE", self.tr("Parcels far outside the municipality")),
            )
        )

    def process(self, parameters, context, feedback):
        from ..core.land import jobs as land_jobs
        from ..core.land import parcels

        layer = self.parameterAsVectorLayer(parameters, self.INPUT, context)
        if layer is None:
            raise CddpError(translate("core", "The parcels layer could not be opened."))
        ws = self.workspace_path(parameters, context)
        meta = read_meta(ws)
        source_crs = self.parameterAsCrs(parameters, self.SOURCE_CRS, context)
        mapping = parse_mapping(self.parameterAsString(parameters, self.FIELD_MAP, context))
        feedback.pushInfo(self.tr("Reading {layer}…").format(layer=layer.name()))
        gdf = layer_io.read_layer(layer, ProgressSpan(feedback, 0, 30))
        if feedback.isCanceled():
            return {}
        feedback.setProgress(30)
        prepared, report = parcels.prepare_parcels(
            gdf, meta["crs"], mapping, source_crs.authid() or (source_crs.toWkt() if source_crs.isValid() else None),
            layer.name(), os.path.basename(layer.source().split("|")[0]),
        )  # fmt: skip
        feedback.setProgress(60)
        if feedback.isCanceled():
            return {}
        clear_empty = self.parameterAsBool(parameters, self.CLEAR_EMPTY, context)
        results = {}
        if parameters.get(self.REJECTED) is not None:  # before the workspace write: a failed output changes nothing
            import pandas as pd

            self.write_frame(
                parameters, self.REJECTED, context, pd.DataFrame(report.rejected, columns=["parcel", "reason"]), results
            )
        land_jobs.upsert_parcels(ws, prepared, report, getpass.getuser(), clear_empty=clear_empty)
        self.report_far_outside(report.plausibility, feedback)
        feedback.setProgress(95)
        feedback.pushInfo(
            self.tr("Field mapping: {mapping}").format(mapping=", ".join(f"{k}←{v}" for k, v in report.mapping.items()))
        )
        feedback.pushInfo(self.tr("{read} read, {inserted} added, {updated} updated, {rejected} rejected.").format(
            read=_n(report.read), inserted=_n(report.inserted), updated=_n(report.updated), rejected=_n(len(report.rejected))))  # fmt: skip
        feedback.pushInfo(self.tr("Matched to stored parcels: {code} by parcel code, {shape} by shape (repeated or missing code); {unchanged} were already up to date.").format(
            code=_n(report.matched_by_code), shape=_n(report.matched_by_shape), unchanged=_n(report.unchanged)))  # fmt: skip
        if not clear_empty:
            feedback.pushInfo(
                self.tr(
                    "Fields the file does not have, and its empty cells, kept their stored values (set CLEAR_EMPTY to let empty cells clear them)."
                )
            )
        if report.repaired:
            feedback.pushWarning(
                self.tr("Repaired {n} invalid geometries: {codes}").format(
                    n=_n(len(report.repaired)), codes=", ".join(report.repaired[:50])
                )
            )
        if report.duplicates:
            feedback.pushWarning(self.tr("{n} parcel codes appear more than once: {codes}").format(
                n=_n(len(report.duplicates)), codes=", ".join(f"{c}×{_n(k)}" for c, k in list(report.duplicates.items())[:50])))  # fmt: skip
        for label, reason in report.rejected[:200]:
            feedback.reportError(
                self.tr("Rejected {parcel}: {reason}").format(parcel=label, reason=reason), fatalError=False
            )
        results.update({"READ": report.read, "INSERTED": report.inserted, "UPDATED": report.updated,
                        "REPAIRED": len(report.repaired), "REJECTED_COUNT": len(report.rejected),
                        "DUPLICATE_CODES": len(report.duplicates), "UNCHANGED": report.unchanged,
                        "MATCHED_BY_SHAPE": report.matched_by_shape, "FAR_OUTSIDE": report.far_outside})  # fmt: skip
        return results
