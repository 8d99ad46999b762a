"""cddp:streetlightstatus — lamp status from faults and checks, outage clusters, lighting gaps and KPIs."""

from __future__ import annotations

import getpass

from qgis.core import (
    QgsCoordinateReferenceSystem,
    QgsProcessing,
    QgsProcessingParameterFeatureSink,
    QgsProcessingParameterNumber,
    QgsProcessingParameterString,
    QgsWkbTypes,
)

from ..core.common.numbers import format_int, format_km, format_number, format_percent
from ..core.workspace.meta import read_meta
from .base import CddpAlgorithm


class StreetlightStatusAlgorithm(CddpAlgorithm):
    NAME, GROUP_ID = "streetlightstatus", "roads"
    DISTANCE, MIN_LAMPS, SPACING, SNAP, CLASSES = "CLUSTER_DISTANCE", "MIN_LAMPS", "SPACING", "SNAP", "LIGHT_CLASSES"
    CLUSTERS, GAPS, KPIS = "CLUSTERS", "GAPS", "KPIS"

    def displayName(self):
        return self.tr("Streetlight status, outage clusters and lighting gaps")

    def shortHelpString(self):
        return self.tr(
            "Updates each streetlight's status from its fault records and checks (the latest event wins) and the road it stands on; finds outage clusters (at least MIN_LAMPS lamps out within CLUSTER_DISTANCE of each other on one circuit or road: one likely cause, one job); finds lighting gaps along roads flagged lit or of the chosen classes (stretches longer than SPACING without a working lamp); and reports KPIs (lamps out %, median days out, km of gaps)."
        )

    def initAlgorithm(self, config=None):
        self.add_workspace_parameter()
        self.addParameter(
            QgsProcessingParameterNumber(
                self.DISTANCE,
                self.tr("Cluster distance (m)"),
                QgsProcessingParameterNumber.Type.Double,
                60.0,
                minValue=1.0,
            )
        )
        self.addParameter(
            QgsProcessingParameterNumber(
                self.MIN_LAMPS,
                self.tr("Lamps out for a cluster"),
                QgsProcessingParameterNumber.Type.Integer,
                3,
                minValue=2,
            )
        )
        self.addParameter(
            QgsProcessingParameterNumber(
                self.SPACING,
                self.tr("Longest stretch without light (m)"),
                QgsProcessingParameterNumber.Type.Double,
                50.0,
                minValue=1.0,
            )
        )
        self.addParameter(
            QgsProcessingParameterNumber(
                self.SNAP,
                self.tr("Largest lamp-to-road distance (m)"),
                QgsProcessingParameterNumber.Type.Double,
                25.0,
                minValue=0.0,
            )
        )
        self.addParameter(
            QgsProcessingParameterString(
                self.CLASSES,
                self.tr("Road classes to be lit besides roads flagged lit (comma-separated)"),
                optional=True,
            )
        )
        self.addParameter(
            QgsProcessingParameterFeatureSink(
                self.CLUSTERS, self.tr("Outage clusters"), QgsProcessing.SourceType.TypeVectorPoint, optional=True
            )
        )
        self.addParameter(
            QgsProcessingParameterFeatureSink(
                self.GAPS, self.tr("Lighting gaps"), QgsProcessing.SourceType.TypeVectorLine, optional=True
            )
        )
        self.addParameter(
            QgsProcessingParameterFeatureSink(
                self.KPIS, self.tr("Streetlight KPIs"), QgsProcessing.SourceType.TypeVector, optional=True
            )
        )
        self.add_count_outputs(
            (
                ("LAMPS", self.tr("Lamps")),
                ("PCT_OUT", self.tr("Lamps out (%)")),
                ("MEDIAN_DAYS_OUT", self.tr("Median days out")),
                ("CLUSTER_COUNT", self.tr("Outage clusters")),
                ("GAP_KM", self.tr("Lighting gaps (km)")),
            )
        )

    def process(self, parameters, context, feedback):
        import geopandas as gpd
        import pandas as pd

        from ..core.lighting import jobs as lighting_jobs

        ws = self.workspace_path(parameters, context)
        meta = read_meta(ws)
        classes = [c.strip() for c in self.parameterAsString(parameters, self.CLASSES, context).split(",") if c.strip()]
        run = lighting_jobs.update_lamp_statuses(
            ws, getpass.getuser(), cluster_distance=self.parameterAsDouble(parameters, self.DISTANCE, context),
            min_lamps=self.parameterAsInt(parameters, self.MIN_LAMPS, context),
            spacing=self.parameterAsDouble(parameters, self.SPACING, context),
            snap=self.parameterAsDouble(parameters, self.SNAP, context), light_classes=classes,
            progress=feedback.setProgress,
        )  # fmt: skip
        clusters, gaps, kpis = run.clusters, run.gaps, run.kpis
        feedback.pushInfo(self.tr("{n} lamps: {statuses}; {changed} lamps updated in the workspace.").format(
            n=format_int(kpis["lamps"]), statuses=", ".join(f"{k} {format_int(v)}" for k, v in kpis["by_status"].items() if v), changed=format_int(run.changed)))  # fmt: skip
        feedback.pushInfo(self.tr("Out: {pct}, median {days} days; {clusters} outage clusters; {gap} of lighting gaps on {checked} of roads to be lit.").format(
            pct=format_percent(kpis["pct_out"] or 0.0, 1), days=format_number(kpis["median_days_out"], 1), clusters=format_int(kpis["clusters"]),
            gap=format_km(kpis.get("gap_km") or 0.0, self.tr("km")), checked=format_km(kpis.get("checked_km") or 0.0, self.tr("km"))))  # fmt: skip
        results = {"LAMPS": int(kpis["lamps"]), "PCT_OUT": float(kpis["pct_out"] or 0.0),
                   "MEDIAN_DAYS_OUT": float(kpis["median_days_out"] or 0.0), "CLUSTER_COUNT": int(kpis["clusters"]),
                   "GAP_KM": float(kpis.get("gap_km") or 0.0)}  # fmt: skip

        crs = QgsCoordinateReferenceSystem(meta["crs"])
        cl = gpd.GeoDataFrame(
            [{"cluster": c.cluster_id, "lamps": c.lamp_count, "circuits": ", ".join(c.circuits), "roads": ", ".join(map(str, c.roads)),
              "first_reported": c.first_reported.isoformat() if c.first_reported else None} for c in clusters.clusters],
            geometry=[c.centroid for c in clusters.clusters], crs=meta["crs"],
        ) if clusters.clusters else gpd.GeoDataFrame({"cluster": [], "lamps": []}, geometry=[], crs=meta["crs"])  # fmt: skip
        self.write_frame(parameters, self.CLUSTERS, context, cl, results, QgsWkbTypes.Type.Point, crs)
        gp = gpd.GeoDataFrame(
            [{"road_uuid": g.road_id, "from_m": round(g.from_m, 1), "to_m": round(g.to_m, 1), "length_m": round(g.length_m, 1), "kind": g.kind}
             for g in gaps.gaps] if gaps is not None else [],
            geometry=[g.geometry for g in gaps.gaps] if gaps is not None else [], crs=meta["crs"],
        )  # fmt: skip
        if len(gp) == 0:
            gp = gpd.GeoDataFrame({"road_uuid": [], "length_m": []}, geometry=[], crs=meta["crs"])
        self.write_frame(parameters, self.GAPS, context, gp, results, QgsWkbTypes.Type.LineString, crs)
        flat = {k: (", ".join(f"{a}={b}" for a, b in v.items()) if isinstance(v, dict) else v) for k, v in kpis.items()}
        self.write_frame(
            parameters, self.KPIS, context, pd.DataFrame([flat]), results, QgsWkbTypes.Type.NoGeometry, crs
        )
        return results
