"""cddp:conditionsummary — kilometres per condition band and lamps per status, as a table and a Thai chart picture."""

from __future__ import annotations

from qgis.core import (
    QgsProcessing,
    QgsProcessingOutputNumber,
    QgsProcessingParameterFeatureSink,
    QgsProcessingParameterFileDestination,
    QgsProcessingParameterVectorLayer,
)

from ..core.common.numbers import format_int, format_km
from ..core.workspace.meta import read_meta
from ..toolbelt import layer_io
from .base import CddpAlgorithm


class ConditionSummaryAlgorithm(CddpAlgorithm):
    NAME, GROUP_ID = "conditionsummary", "roads"
    AREA, OUTPUT, CHART = "AREA", "OUTPUT", "CHART"

    def displayName(self):
        return self.tr("Condition summary (table and chart)")

    def shortHelpString(self):
        return self.tr(
            "Summarises the workspace's road sections (km per condition band) and streetlights (lamps per status), for the whole municipality or inside an AREA polygon layer, as a table and as a chart picture (PNG) for print layouts."
        )

    def initAlgorithm(self, config=None):
        self.add_workspace_parameter()
        self.addParameter(
            QgsProcessingParameterVectorLayer(
                self.AREA,
                self.tr("Area (polygons; empty: the whole workspace)"),
                [QgsProcessing.SourceType.TypeVectorPolygon],
                optional=True,
            )
        )
        self.addParameter(
            QgsProcessingParameterFeatureSink(
                self.OUTPUT, self.tr("Condition summary"), QgsProcessing.SourceType.TypeVector
            )
        )
        self.addParameter(
            QgsProcessingParameterFileDestination(
                self.CHART, self.tr("Chart picture"), self.tr("PNG image (*.png)"), optional=True
            )
        )
        self.addOutput(QgsProcessingOutputNumber("ROAD_KM", self.tr("Road sections (km)")))
        self.addOutput(QgsProcessingOutputNumber("LAMPS", self.tr("Streetlights")))

    def process(self, parameters, context, feedback):
        import pandas as pd
        import shapely

        from ..core.lighting.lamps import read_workspace_lamps
        from ..core.roads.pavement import read_section_conditions, summary_by_band
        from ..core.workspace import schema

        ws = self.workspace_path(parameters, context)
        meta = read_meta(ws)
        sections = read_section_conditions(ws)
        lamps = read_workspace_lamps(ws, columns=["status"])
        area_layer = self.parameterAsVectorLayer(parameters, self.AREA, context)
        if area_layer is not None:
            # no CRS: refused naming the layer; Indian 1975: the pinned datum shift, as for parcels
            area = self.frame_to_crs(layer_io.read_layer(area_layer), area_layer, meta["crs"])
            zone = shapely.union_all(shapely.make_valid(area.geometry.values))
            sections = sections[shapely.intersects(zone, sections.geometry.values)].copy()
            sections["length_m"] = shapely.length(shapely.intersection(zone, sections.geometry.values))
            lamps = lamps[shapely.intersects(zone, lamps.geometry.values)]
        bands = summary_by_band(sections["length_m"].tolist(), sections["condition_band"].tolist())
        band_labels = schema.labels("condition_band")
        status_labels = schema.labels("lamp_status")
        rows = [{"kind": "road_km", "code": c, "label_th": band_labels.get(c, "ยังไม่ประเมิน"), "value": bands.get(c, 0.0)}
                for c in [*band_labels, "unrated"] if c in bands]  # fmt: skip
        counts = lamps["status"].fillna("unknown").value_counts().to_dict()
        rows += [
            {"kind": "lamps", "code": c, "label_th": status_labels[c], "value": float(counts.get(c, 0))}
            for c in status_labels
            if counts.get(c)
        ]
        table = pd.DataFrame(rows, columns=["kind", "code", "label_th", "value"])
        road_km = float(sections["length_m"].fillna(0).sum()) / 1000.0  # not the sum of the rounded bands
        results = {"ROAD_KM": round(road_km, 3), "LAMPS": len(lamps)}
        fields = layer_io.qgs_fields_for(table, None)
        sink, dest = self.parameterAsSink(parameters, self.OUTPUT, context, fields)
        layer_io.write_to_sink(sink, table, fields)
        results[self.OUTPUT] = dest
        chart = self.parameterAsFileOutput(parameters, self.CHART, context)
        if chart:
            from ..core.reports import charts

            charts.condition_chart(table, chart, title=meta.get("municipality_name", ""))
            results[self.CHART] = chart
        feedback.pushInfo(
            self.tr("{km} of road sections, {lamps} streetlights.").format(
                km=format_km(road_km, self.tr("km")), lamps=format_int(results["LAMPS"])
            )
        )
        return results
