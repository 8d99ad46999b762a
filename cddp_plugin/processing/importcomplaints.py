"""cddp:importcomplaints — citizen complaints from Traffy Fondue, LINE/E-Node and Open311, scrubbed and snapped to assets."""

from __future__ import annotations

import getpass

from qgis.core import (
    QgsProcessing,
    QgsProcessingParameterFeatureSink,
    QgsProcessingParameterFile,
    QgsProcessingParameterNumber,
    QgsProcessingParameterString,
    QgsProcessingParameterVectorLayer,
)

from ..core.common.numbers import format_int as _n
from ..toolbelt import layer_io
from ..toolbelt.i18n import translate as tr_core
from .base import CddpAlgorithm, ProgressSpan


def _reason(issue: dict) -> str:
    """A rejected row's reason in the UI language."""
    try:
        return tr_core("core", issue["template"]).format(**issue["params"])
    except (KeyError, IndexError, ValueError):
        return issue["reason"]


class ImportComplaintsAlgorithm(CddpAlgorithm):
    NAME, GROUP_ID = "importcomplaints", "work"
    INPUT, AREA, AREA_LABEL, MAX_DISTANCE, REJECTED = "INPUT", "AREA", "AREA_LABEL", "MAX_DISTANCE", "REJECTED"

    def displayName(self):
        return self.tr("Import complaints (Traffy Fondue, LINE/E-Node, Open311)")

    def shortHelpString(self):
        return self.tr(
            "Imports citizen complaints into the workspace from a Traffy Fondue dump CSV or API response (JSON or GeoJSON), the CDDP LINE/E-Node CSV template, or Open311 GeoReport v2 JSON or XML; the format, separate or swapped latitude/longitude columns and the day/month order of dates are detected per file. Complaints are matched by channel and ticket id (without an id: by report time and location): importing again changes only what the source changed and never duplicates them; a missing column blanks nothing, and fields an officer edited in the workspace (description, category, address, location…) are kept. Thai categories become work categories. Phone numbers, e-mail addresses, LINE ids and national id numbers are removed from the text before anything is stored. Each complaint is snapped to the nearest asset of its category within MAX_DISTANCE metres (road sections for road, footpath, obstruction, drainage and sign complaints; streetlights, else the road section, for lighting) and keeps the distance.\n\nAREA (optional): keep only complaints inside these polygons, e.g. the municipality's boundary; the others are rejected as outside the area. Without AREA, complaints more than 30 km outside the municipality's area as the workspace knows it (its tambons' centres, Bangkok's extent, its villages or its data) are rejected as outside the area; the log says which area was used. The AREA layer must have a CRS. Rows that cannot be used go to REJECTED with the reason per row."
        )

    def initAlgorithm(self, config=None):
        self.addParameter(QgsProcessingParameterFile(self.INPUT, self.tr("Complaints file (CSV, JSON, GeoJSON, XML)")))
        self.add_workspace_parameter()
        self.addParameter(
            QgsProcessingParameterVectorLayer(
                self.AREA,
                self.tr("Keep only complaints inside (polygons)"),
                [QgsProcessing.SourceType.TypeVectorPolygon],
                optional=True,
            )
        )
        self.addParameter(
            QgsProcessingParameterString(self.AREA_LABEL, self.tr("Name of that area (for messages)"), optional=True)
        )
        self.addParameter(
            QgsProcessingParameterNumber(
                self.MAX_DISTANCE,
                self.tr("Snap to assets within (m)"),
                QgsProcessingParameterNumber.Type.Double,
                defaultValue=50.0,
                minValue=0.01,
            )
        )
        self.addParameter(
            QgsProcessingParameterFeatureSink(
                self.REJECTED, self.tr("Rejected rows"), QgsProcessing.SourceType.TypeVector, optional=True
            )
        )
        self.add_count_outputs(
            (
                ("ROWS", self.tr("Rows read")),
                ("INSERTED", self.tr("Complaints added")),
                ("UPDATED", self.tr("Complaints updated")),
                ("REJECTED_COUNT", self.tr("Rows rejected")),
                ("SNAPPED", self.tr("Complaints snapped to an asset")),
            )
        )

    def process(self, parameters, context, feedback):
        import pandas as pd

        from ..core.works import channels, snapping
        from ..core.works import jobs as works_jobs

        ws = self.workspace_path(parameters, context)
        path = self.parameterAsFile(parameters, self.INPUT, context)
        feedback.pushInfo(self.tr("Reading {path}…").format(path=path))
        parsed = channels.read_complaints(path)
        feedback.setProgress(20)
        area_layer = self.parameterAsVectorLayer(parameters, self.AREA, context)
        if area_layer is not None:
            # no CRS: refused; Indian 1975: the pinned datum shift parcels get (base.frame_to_crs)
            self.layer_crs_or_error(area_layer)
            frame = self.frame_to_crs(
                layer_io.read_layer(area_layer, ProgressSpan(feedback, 20, 28)), area_layer, "EPSG:4326"
            )
            label = self.parameterAsString(parameters, self.AREA_LABEL, context) or area_layer.name()
            parsed = snapping.keep_within(parsed, frame.union_all(), label)
        else:
            parsed = self._keep_within_municipality(ws, parsed, feedback)
        if feedback.isCanceled():
            return {}
        distance = self.parameterAsDouble(parameters, self.MAX_DISTANCE, context)

        def progress(pct):
            feedback.setProgress(20 + 0.8 * pct)

        results = {}
        # the rejected rows first: a run that fails writing them leaves the workspace as it was
        rows = [
            {"row": r["row"], "external_id": r["external_id"], "code": r["code"], "reason": _reason(r)}
            for r in parsed.rejected
        ]
        frame = pd.DataFrame(rows, columns=["row", "external_id", "code", "reason"])
        self.write_frame(parameters, self.REJECTED, context, frame.astype(object), results)
        report = works_jobs.import_complaints(ws, parsed, getpass.getuser(), max_distance=distance, progress=progress)
        snapped = sum(report.snapped.values())
        feedback.pushInfo(
            self.tr("Format {format}: {rows} rows, {inserted} added, {updated} updated, {unchanged} unchanged, {rejected} rejected.").format(
                format=parsed.format, rows=_n(report.rows), inserted=_n(report.inserted), updated=_n(report.updated),
                unchanged=_n(report.unchanged), rejected=_n(report.rejected),
            )
        )  # fmt: skip
        feedback.pushInfo(
            self.tr("Snapped to an asset: {snapped} ({layers}); no asset within {distance:g} m: {far}; categories without assets: {none}.").format(
                snapped=_n(snapped), layers=", ".join(f"{k} {_n(v)}" for k, v in sorted(report.snapped.items())) or "-",
                distance=distance, far=_n(report.not_snapped), none=_n(report.no_asset_category),
            )
        )  # fmt: skip
        if report.matched_without_id:
            feedback.pushInfo(
                self.tr("Complaints without a source id matched by channel, report time and location: {n}.").format(
                    n=_n(report.matched_without_id)
                )
            )
        if report.officer_kept:
            feedback.pushInfo(
                self.tr("Complaints with fields an officer edited, kept as edited: {n}.").format(
                    n=_n(report.officer_kept)
                )
            )
        if report.pii_scrubbed:
            feedback.pushInfo(
                self.tr("Contact details removed from the text: {counts}.").format(
                    counts=", ".join(f"{k} {_n(v)}" for k, v in sorted(report.pii_scrubbed.items()))
                )
            )
        if report.unknown_tags:
            feedback.pushWarning(
                self.tr("Categories no work category knows, filed as 'other' (kept in categories_raw): {tags}.").format(
                    tags=", ".join(f"{k} {_n(v)}" for k, v in list(report.unknown_tags.items())[:15])
                )
            )
        for warning in parsed.warnings[:20]:
            feedback.pushWarning(_reason(warning))
        if report.rejected:
            feedback.pushWarning(
                self.tr("{n} rows were rejected; see the REJECTED output for each reason.").format(
                    n=_n(report.rejected)
                )
            )
        results.update({"ROWS": report.rows, "INSERTED": report.inserted, "UPDATED": report.updated,
                        "REJECTED_COUNT": report.rejected, "SNAPPED": snapped})  # fmt: skip
        return results

    def _keep_within_municipality(self, ws, parsed, feedback):
        """Without AREA: keep the complaints within the municipality's area widened by the plausibility
        margin (core/works/snapping.py), or say that the workspace does not know where it is."""
        from ..core.works import snapping

        known = snapping.municipality_area_lonlat(ws)
        if known.area is None:
            feedback.pushInfo(
                self.tr(
                    "No AREA given, and the workspace does not know where its municipality is: complaints were not checked against an area. Give AREA (e.g. the municipality's boundary) to keep only those inside it."
                )
            )
            return parsed
        label = known.label(tr_core)
        kept = snapping.keep_within(parsed, known.area, label)
        feedback.pushInfo(
            self.tr(
                "No AREA given: kept the complaints within {area}; {n} outside it were rejected as outside_area. Give AREA (e.g. the municipality's boundary) to keep only those inside it."
            ).format(area=label, n=_n(len(kept.rejected) - len(parsed.rejected)))
        )
        return kept
