"""cddp:importstreetlights — streetlights from OpenStreetMap or survey layers (Thai condition notes become statuses)."""

from __future__ import annotations

import getpass
import os

from qgis.core import (
    QgsProcessing,
    QgsProcessingParameterFile,
    QgsProcessingParameterVectorLayer,
)

from ..core.common.numbers import format_int as _n
from ..core.workspace.meta import read_meta
from ..toolbelt import layer_io
from .base import OSM_SUFFIXES, CddpAlgorithm


class ImportStreetlightsAlgorithm(CddpAlgorithm):
    NAME, GROUP_ID = "importstreetlights", "roads"
    INPUT, INPUT_LAYER, FIELD_MAP, SOURCE_CRS = "INPUT", "INPUT_LAYER", "FIELD_MAP", "SOURCE_CRS"

    def displayName(self):
        return self.tr("Import streetlights")

    def shortHelpString(self):
        return self.tr(
            "Imports streetlights from an OpenStreetMap extract (highway=street_lamp nodes with ref, support, lamp_type / light:method, light:count) or from a survey point layer. Thai condition notes (e.g. 'สภาพดี', 'ชำรุด', 'ดับ', 'สายไฟห้อย') become a lamp status, and the reason is kept in the note. Importing again updates lamps with the same OSM id or pole reference."
        )

    def initAlgorithm(self, config=None):
        self.addParameter(
            QgsProcessingParameterFile(self.INPUT, self.tr("OpenStreetMap extract or streetlight file"), optional=True)
        )
        self.addParameter(
            QgsProcessingParameterVectorLayer(
                self.INPUT_LAYER,
                self.tr("…or a streetlight point layer"),
                [QgsProcessing.SourceType.TypeVectorPoint],
                optional=True,
            )
        )
        self.add_import_parameters()
        self.add_count_outputs(
            (
                ("READ", self.tr("Streetlights read")),
                ("INSERTED", self.tr("Streetlights added")),
                ("UPDATED", self.tr("Streetlights updated")),
                ("UNCHANGED", self.tr("Streetlights already up to date")),
                ("REJECTED_COUNT", self.tr("Streetlights rejected")),
                ("FAR_OUTSIDE", self.tr("Streetlights far outside the municipality")),
            )
        )

    def process(self, parameters, context, feedback):

        from ..core.lighting import jobs as lighting_jobs
        from ..core.lighting import lamps

        path, layer = self.file_or_layer(parameters, context, self.INPUT, self.INPUT_LAYER)
        ws = self.workspace_path(parameters, context)
        crs = read_meta(ws)["crs"]
        if layer is not None:
            data, label = layer_io.read_layer(layer, feedback), layer.name()
        elif path.lower().endswith(OSM_SUFFIXES):
            data, label = lamps.read_osm_lamps(path), os.path.basename(path)
        else:
            data, label = layer_io.read_vector_file(path), os.path.basename(path)
        mapping, source_crs = self.import_options(parameters, context)
        prepared, report = lamps.prepare_lamps(data, crs, mapping, source_crs, label, label)

        if feedback.isCanceled():  # before the workspace write: a cancel leaves it as it was
            return {}
        lighting_jobs.upsert_lamps(ws, prepared, report, getpass.getuser())
        feedback.pushInfo(self.tr("{read} read, {inserted} added, {updated} updated, {unchanged} already up to date, {rejected} rejected.").format(
            read=_n(report.read), inserted=_n(report.inserted), updated=_n(report.changed), unchanged=_n(report.updated - report.changed),
            rejected=_n(len(report.rejected))))  # fmt: skip
        self.report_matches_and_place(report, feedback)
        feedback.pushInfo(
            self.tr("Status: {statuses}").format(
                statuses=", ".join(f"{k} {_n(v)}" for k, v in sorted(report.by_status.items()))
            )
        )
        for label, reason in report.rejected[:100]:
            feedback.reportError(
                self.tr("Rejected {lamp}: {reason}").format(lamp=label, reason=reason), fatalError=False
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
            feedback.pushInfo(self.tr("Matched to existing streetlights: {matched}; {changed} really changed.").format(
                matched=", ".join(f"{k} {_n(v)}" for k, v in sorted(report.matched_by.items())), changed=_n(report.changed)))  # fmt: skip
        self.report_far_outside(report.plausibility, feedback)
