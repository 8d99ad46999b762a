"""cddp:importroads — roads from OpenStreetMap extracts or ordinary line layers."""

from __future__ import annotations

import getpass
import os

from qgis.core import (
    QgsProcessing,
    QgsProcessingParameterFile,
    QgsProcessingParameterString,
    QgsProcessingParameterVectorLayer,
)

from ..core.common.numbers import format_int as _n
from ..core.workspace.meta import read_meta
from ..toolbelt import layer_io
from .base import OSM_SUFFIXES, CddpAlgorithm, ProgressSpan


class ImportRoadsAlgorithm(CddpAlgorithm):
    NAME, GROUP_ID = "importroads", "roads"
    INPUT, INPUT_LAYER, CLASSES, FIELD_MAP, SOURCE_CRS = "INPUT", "INPUT_LAYER", "CLASSES", "FIELD_MAP", "SOURCE_CRS"

    def displayName(self):
        return self.tr("Import roads")

    def shortHelpString(self):
        return self.tr(
            "Imports roads from an OpenStreetMap extract (.osm.pbf / .osm: highway=* lines) or from a line layer into the workspace: Thai and English names, road class, surface mapped to the Thai surface classes (ลาดยาง, คอนกรีต, ลูกรัง, หินคลุก, ดิน), lanes, width, lit, length in metres. CLASSES limits the import, e.g. primary,secondary,tertiary,residential. Importing again updates roads with the same OSM id or road code instead of duplicating them."
        )

    def initAlgorithm(self, config=None):
        self.addParameter(
            QgsProcessingParameterFile(self.INPUT, self.tr("OpenStreetMap extract or road file"), optional=True)
        )
        self.addParameter(
            QgsProcessingParameterVectorLayer(
                self.INPUT_LAYER,
                self.tr("…or a road line layer"),
                [QgsProcessing.SourceType.TypeVectorLine],
                optional=True,
            )
        )
        self.add_import_parameters()
        self.addParameter(
            QgsProcessingParameterString(
                self.CLASSES, self.tr("Road classes to import (comma-separated; empty: all)"), optional=True
            )
        )
        self.add_count_outputs(
            (
                ("READ", self.tr("Roads read")),
                ("INSERTED", self.tr("Roads added")),
                ("UPDATED", self.tr("Roads updated")),
                ("UNCHANGED", self.tr("Roads already up to date")),
                ("REJECTED_COUNT", self.tr("Roads rejected")),
                ("FAR_OUTSIDE", self.tr("Roads far outside the municipality")),
            )
        )

    def process(self, parameters, context, feedback):

        from ..core.roads import jobs as roads_jobs
        from ..core.roads import network

        path, layer = self.file_or_layer(parameters, context, self.INPUT, self.INPUT_LAYER)
        ws = self.workspace_path(parameters, context)
        crs = read_meta(ws)["crs"]
        classes = [
            c.strip() for c in self.parameterAsString(parameters, self.CLASSES, context).split(",") if c.strip()
        ] or None
        mapping, source_crs = self.import_options(parameters, context)
        if path and path.lower().endswith(OSM_SUFFIXES):
            prepared, report = network.prepare_osm_roads(path, crs, os.path.basename(path), classes, source_crs)
        else:
            if layer is not None:
                data, label = layer_io.read_layer(layer, ProgressSpan(feedback, 0, 60)), layer.name()
            else:
                data, label = layer_io.read_vector_file(path), os.path.basename(path)
            prepared, report = network.prepare_roads(data, crs, mapping, source_crs, label, classes)

        feedback.setProgress(60)
        if feedback.isCanceled():  # before the workspace write: a cancel leaves it as it was
            return {}
        roads_jobs.upsert_roads(ws, prepared, report, getpass.getuser())
        feedback.pushInfo(self.tr("{read} read, {inserted} added, {updated} updated, {unchanged} already up to date, {rejected} rejected.").format(
            read=_n(report.read), inserted=_n(report.inserted), updated=_n(report.changed), unchanged=_n(report.updated - report.changed),
            rejected=_n(len(report.rejected))))  # fmt: skip
        self.report_matches_and_place(report, feedback)
        feedback.pushInfo(
            self.tr("By class: {classes}").format(
                classes=", ".join(f"{k} {_n(v)}" for k, v in sorted(report.by_class.items(), key=lambda kv: -kv[1]))
            )
        )
        feedback.pushInfo(
            self.tr("By surface: {surfaces}").format(
                surfaces=", ".join(f"{k} {_n(v)}" for k, v in sorted(report.by_surface.items(), key=lambda kv: -kv[1]))
            )
        )
        for label, reason in report.rejected[:100]:
            feedback.reportError(
                self.tr("Rejected {road}: {reason}").format(road=label, reason=reason), fatalError=False
            )
        return {
            "READ": report.read,
            "INSERTED": report.inserted,
            "UPDATED": report.changed,  # rows whose values really changed
            "UNCHANGED": report.updated - report.changed,
            "REJECTED_COUNT": len(report.rejected),
            "FAR_OUTSIDE": report.far_outside,
        }

    def report_matches_and_place(self, report, feedback):
        """How re-imported rows were matched, what really changed, and features far outside the municipality."""
        if report.matched_by:
            feedback.pushInfo(self.tr("Matched to existing roads: {matched}; {changed} really changed.").format(
                matched=", ".join(f"{k} {_n(v)}" for k, v in sorted(report.matched_by.items())), changed=_n(report.changed)))  # fmt: skip
        self.report_far_outside(report.plausibility, feedback)
