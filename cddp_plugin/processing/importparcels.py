"""cddp:importparcels — tax-map / DOL parcels into the workspace."""

from __future__ import annotations

import getpass
import os

from qgis.core import (
    QgsProcessing,
    QgsProcessingParameterFeatureSink,
    QgsProcessingParameterVectorLayer,
)

from ..core.common.errors import CddpError
from ..core.common.fields import parse_mapping
from ..core.common.i18n import translate
from ..core.workspace.meta import read_meta
from ..toolbelt import layer_io
from .base import CddpAlgorithm


class ImportParcelsAlgorithm(CddpAlgorithm):
    NAME = "importparcels"
    GROUP_ID = "parcels"
    INPUT, FIELD_MAP, SOURCE_CRS, REJECTED = "INPUT", "FIELD_MAP", "SOURCE_CRS", "REJECTED"

    def displayName(self):
        return self.tr("Import parcels")

    def shortHelpString(self):
        return self.tr(
            "Imports land parcels from tax-map (แผนที่ภาษี) or DOL data — GeoJSON, Shapefile, GeoPackage, any CRS including Indian 1975 (moved with the pinned EPSG:1812 shift) — into the workspace's parcels layer.\n\n"
            "Fields are found by their usual names (parcel_code, zone/block/lot, land_no, survey, Mapsheet, land_type, owner…); FIELD_MAP overrides them, e.g. parcel_code=PCODE; land_no=LANDNO. "
            "Areas are computed in m² and rai-ngan-square wa; invalid geometries are repaired and listed; duplicated parcel codes are reported. Importing the same data again updates the parcels instead of duplicating them."
        )

    def initAlgorithm(self, config=None):
        self.addParameter(
            QgsProcessingParameterVectorLayer(
                self.INPUT, self.tr("Parcels"), [QgsProcessing.SourceType.TypeVectorPolygon]
            )
        )
        self.add_import_parameters()
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
        gdf = layer_io.read_layer(layer, feedback)
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
        land_jobs.upsert_parcels(ws, prepared, report, getpass.getuser())
        feedback.setProgress(95)
        feedback.pushInfo(
            self.tr("Field mapping: {mapping}").format(mapping=", ".join(f"{k}←{v}" for k, v in report.mapping.items()))
        )
        feedback.pushInfo(self.tr("{read} read, {inserted} added, {updated} updated, {rejected} rejected.").format(
            read=report.read, inserted=report.inserted, updated=report.updated, rejected=len(report.rejected)))  # fmt: skip
        if report.repaired:
            feedback.pushWarning(
                self.tr("Repaired {n} invalid geometries: {codes}").format(
                    n=len(report.repaired), codes=", ".join(report.repaired[:50])
                )
            )
        if report.duplicates:
            feedback.pushWarning(self.tr("{n} parcel codes appear more than once: {codes}").format(
                n=len(report.duplicates), codes=", ".join(f"{c}×{k}" for c, k in list(report.duplicates.items())[:50])))  # fmt: skip
        for label, reason in report.rejected[:200]:
            feedback.reportError(
                self.tr("Rejected {parcel}: {reason}").format(parcel=label, reason=reason), fatalError=False
            )
        results = {"READ": report.read, "INSERTED": report.inserted, "UPDATED": report.updated,
                   "REPAIRED": len(report.repaired), "REJECTED_COUNT": len(report.rejected),
                   "DUPLICATE_CODES": len(report.duplicates)}  # fmt: skip
        if parameters.get(self.REJECTED) is not None:
            import pandas as pd

            self.write_frame(
                parameters, self.REJECTED, context, pd.DataFrame(report.rejected, columns=["parcel", "reason"]), results
            )
        return results
