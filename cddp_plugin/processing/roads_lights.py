"""Road and streetlight algorithms: import, segment, rate condition, streetlight status, summary."""

from __future__ import annotations

import getpass
import os

from qgis.core import (
    QgsCoordinateReferenceSystem,
    QgsProcessing,
    QgsProcessingOutputNumber,
    QgsProcessingParameterBoolean,
    QgsProcessingParameterEnum,
    QgsProcessingParameterFeatureSink,
    QgsProcessingParameterFile,
    QgsProcessingParameterFileDestination,
    QgsProcessingParameterNumber,
    QgsProcessingParameterString,
    QgsProcessingParameterVectorLayer,
    QgsWkbTypes,
)

from .. import qgis_io
from ..core.errors import CddpError
from ..core.i18n import translate
from ..core.workspace import read_meta
from .base import CddpAlgorithm

OSM_SUFFIXES = (".pbf", ".osm")


def _source(alg, parameters, context, file_param, layer_param):
    """(path or None, layer or None) — exactly one of them."""
    path = alg.parameterAsFile(parameters, file_param, context)
    layer = alg.parameterAsVectorLayer(parameters, layer_param, context)
    if bool(path) == (layer is not None):
        raise CddpError(translate("core", "Give either a file or a layer (exactly one)."))
    if path and not os.path.isfile(path):
        raise CddpError(translate("core", "File not found: {path}"), path=path)
    return path, layer


class ImportRoadsAlgorithm(CddpAlgorithm):
    NAME, GROUP_ID = "importroads", "roads"
    INPUT, INPUT_LAYER, CLASSES, FIELD_MAP, SOURCE_CRS = "INPUT", "INPUT_LAYER", "CLASSES", "FIELD_MAP", "SOURCE_CRS"

    def displayName(self):
        return self.tr("Import roads")

    def group(self):
        return self.tr("Roads and streetlights")

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
                ("REJECTED_COUNT", self.tr("Roads rejected")),
            )
        )

    def process(self, parameters, context, feedback):

        from ..core import roads

        path, layer = _source(self, parameters, context, self.INPUT, self.INPUT_LAYER)
        ws = self.workspace_path(parameters, context)
        crs = read_meta(ws)["crs"]
        classes = [
            c.strip() for c in self.parameterAsString(parameters, self.CLASSES, context).split(",") if c.strip()
        ] or None
        mapping, source_crs = self.import_options(parameters, context)
        if path and path.lower().endswith(OSM_SUFFIXES):
            prepared, report = roads.prepare_osm_roads(path, crs, os.path.basename(path), classes, source_crs)
        else:
            if layer is not None:
                data, label = qgis_io.read_layer(layer, feedback), layer.name()
            else:
                data, label = self.read_vector_file(path), os.path.basename(path)
            prepared, report = roads.prepare_roads(data, crs, mapping, source_crs, label, classes)

        feedback.setProgress(60)
        roads.upsert_roads(ws, prepared, report, getpass.getuser())
        feedback.pushInfo(self.tr("{read} read, {inserted} added, {updated} updated, {rejected} rejected.").format(
            read=report.read, inserted=report.inserted, updated=report.updated, rejected=len(report.rejected)))  # fmt: skip
        feedback.pushInfo(
            self.tr("By class: {classes}").format(
                classes=", ".join(f"{k} {v}" for k, v in sorted(report.by_class.items(), key=lambda kv: -kv[1]))
            )
        )
        feedback.pushInfo(
            self.tr("By surface: {surfaces}").format(
                surfaces=", ".join(f"{k} {v}" for k, v in sorted(report.by_surface.items(), key=lambda kv: -kv[1]))
            )
        )
        for label, reason in report.rejected[:100]:
            feedback.reportError(
                self.tr("Rejected {road}: {reason}").format(road=label, reason=reason), fatalError=False
            )
        return {
            "READ": report.read,
            "INSERTED": report.inserted,
            "UPDATED": report.updated,
            "REJECTED_COUNT": len(report.rejected),
        }


class ImportStreetlightsAlgorithm(CddpAlgorithm):
    NAME, GROUP_ID = "importstreetlights", "roads"
    INPUT, INPUT_LAYER, FIELD_MAP, SOURCE_CRS = "INPUT", "INPUT_LAYER", "FIELD_MAP", "SOURCE_CRS"

    def displayName(self):
        return self.tr("Import streetlights")

    def group(self):
        return self.tr("Roads and streetlights")

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
                ("REJECTED_COUNT", self.tr("Streetlights rejected")),
            )
        )

    def process(self, parameters, context, feedback):

        from ..core import streetlights

        path, layer = _source(self, parameters, context, self.INPUT, self.INPUT_LAYER)
        ws = self.workspace_path(parameters, context)
        crs = read_meta(ws)["crs"]
        if layer is not None:
            data, label = qgis_io.read_layer(layer, feedback), layer.name()
        elif path.lower().endswith(OSM_SUFFIXES):
            data, label = streetlights.read_osm_lamps(path), os.path.basename(path)
        else:
            data, label = self.read_vector_file(path), os.path.basename(path)
        mapping, source_crs = self.import_options(parameters, context)
        prepared, report = streetlights.prepare_lamps(data, crs, mapping, source_crs, label, label)

        streetlights.upsert_lamps(ws, prepared, report, getpass.getuser())
        feedback.pushInfo(self.tr("{read} read, {inserted} added, {updated} updated, {rejected} rejected.").format(
            read=report.read, inserted=report.inserted, updated=report.updated, rejected=len(report.rejected)))  # fmt: skip
        feedback.pushInfo(
            self.tr("Status: {statuses}").format(
                statuses=", ".join(f"{k} {v}" for k, v in sorted(report.by_status.items()))
            )
        )
        for label, reason in report.rejected[:100]:
            feedback.reportError(
                self.tr("Rejected {lamp}: {reason}").format(lamp=label, reason=reason), fatalError=False
            )
        return {
            "READ": report.read,
            "INSERTED": report.inserted,
            "UPDATED": report.updated,
            "REJECTED_COUNT": len(report.rejected),
        }


class SegmentRoadsAlgorithm(CddpAlgorithm):
    NAME, GROUP_ID = "segmentroads", "roads"
    MODE, LENGTH, AREA, WIDTH, REPLACE = "MODE", "LENGTH", "TARGET_AREA", "DEFAULT_WIDTH", "REPLACE_INSPECTED"
    MODES = ("length", "area")

    def displayName(self):
        return self.tr("Segment roads into inspection sections")

    def group(self):
        return self.tr("Roads and streetlights")

    def shortHelpString(self):
        return self.tr(
            "Splits the workspace's roads into inspection sections: by length (e.g. every 100 m), or by area with the road width (e.g. 225 m² asphalt sample units). Each section gets its chainage (กม. 0+000), a stable section id and its length and area. Sections that already hold ratings or inspections are only replaced when REPLACE_INSPECTED is ticked."
        )

    def initAlgorithm(self, config=None):
        self.add_workspace_parameter()
        self.addParameter(
            QgsProcessingParameterEnum(
                self.MODE, self.tr("Split by"), [self.tr("length"), self.tr("area (sample units)")], defaultValue=0
            )
        )
        self.addParameter(
            QgsProcessingParameterNumber(
                self.LENGTH,
                self.tr("Section length (m)"),
                QgsProcessingParameterNumber.Type.Double,
                100.0,
                minValue=1.0,
            )
        )
        self.addParameter(
            QgsProcessingParameterNumber(
                self.AREA,
                self.tr("Sample-unit area (m²)"),
                QgsProcessingParameterNumber.Type.Double,
                225.0,
                minValue=1.0,
            )
        )
        self.addParameter(
            QgsProcessingParameterNumber(
                self.WIDTH,
                self.tr("Width of roads without width or lanes (m)"),
                QgsProcessingParameterNumber.Type.Double,
                optional=True,
                minValue=0.5,
            )
        )
        self.addParameter(
            QgsProcessingParameterBoolean(
                self.REPLACE, self.tr("Replace sections that already have ratings or inspections"), False
            )
        )
        self.add_count_outputs(
            (
                ("SECTIONS", self.tr("Sections")),
                ("INSERTED", self.tr("Sections added")),
                ("DELETED", self.tr("Sections removed")),
                ("SKIPPED", self.tr("Roads skipped")),
            )
        )

    def process(self, parameters, context, feedback):
        from ..core import roads

        ws = self.workspace_path(parameters, context)
        mode = self.MODES[self.parameterAsEnum(parameters, self.MODE, context)]
        width = (
            self.parameterAsDouble(parameters, self.WIDTH, context)
            if parameters.get(self.WIDTH) not in (None, "")
            else None
        )
        rep = roads.segment_workspace_roads(
            ws, mode=mode, length_m=self.parameterAsDouble(parameters, self.LENGTH, context),
            target_area_sqm=self.parameterAsDouble(parameters, self.AREA, context), default_width_m=width,
            user=getpass.getuser(), replace_inspected=self.parameterAsBoolean(parameters, self.REPLACE, context),
        )  # fmt: skip
        feedback.pushInfo(self.tr("{roads} roads → {sections} sections ({inserted} added, {updated} kept, {deleted} removed).").format(
            roads=rep.roads, sections=rep.sections, inserted=rep.inserted, updated=rep.updated, deleted=rep.deleted))  # fmt: skip
        for label, reason in rep.skipped[:50]:
            feedback.pushWarning(self.tr("Skipped {road}: {reason}").format(road=label, reason=reason))
        return {"SECTIONS": rep.sections, "INSERTED": rep.inserted, "DELETED": rep.deleted, "SKIPPED": len(rep.skipped)}


class RoadConditionAlgorithm(CddpAlgorithm):
    NAME, GROUP_ID = "roadcondition", "roads"

    def displayName(self):
        return self.tr("Road condition (PASER / PCI)")

    def group(self):
        return self.tr("Roads and streetlights")

    def shortHelpString(self):
        return self.tr(
            "Rates every inspected road section from its latest inspection: the ASTM D6433 Pavement Condition Index from the distress records of its sample units (deduct values, the iteration with q and corrected deduct values, area-weighted section PCI), or the PASER rating entered in the field. Writes PCI or PASER, the condition band, the recommended treatment and the inspection date to the road sections, which are styled by band."
        )

    def initAlgorithm(self, config=None):
        self.add_workspace_parameter()
        self.add_count_outputs(
            (
                ("RATED_PCI", self.tr("Sections rated by PCI")),
                ("RATED_PASER", self.tr("Sections rated by PASER")),
                ("UNRATED", self.tr("Sections without inspection")),
            )
        )

    def process(self, parameters, context, feedback):
        from ..core import condition

        ws = self.workspace_path(parameters, context)
        rep = condition.rate_sections(ws, getpass.getuser())
        feedback.pushInfo(self.tr("{pci} sections rated by PCI ({units} sample units, {distresses} distress records), {paser} by PASER, {unrated} without inspection.").format(
            pci=rep.rated_pci, units=rep.sample_units, distresses=rep.distresses, paser=rep.rated_paser, unrated=rep.unrated))  # fmt: skip
        feedback.pushInfo(
            self.tr("By band: {bands}").format(bands=", ".join(f"{k} {v}" for k, v in rep.by_band.items()))
        )
        return {"RATED_PCI": rep.rated_pci, "RATED_PASER": rep.rated_paser, "UNRATED": rep.unrated}


class StreetlightStatusAlgorithm(CddpAlgorithm):
    NAME, GROUP_ID = "streetlightstatus", "roads"
    DISTANCE, MIN_LAMPS, SPACING, SNAP, CLASSES = "CLUSTER_DISTANCE", "MIN_LAMPS", "SPACING", "SNAP", "LIGHT_CLASSES"
    CLUSTERS, GAPS, KPIS = "CLUSTERS", "GAPS", "KPIS"

    def displayName(self):
        return self.tr("Streetlight status, outage clusters and lighting gaps")

    def group(self):
        return self.tr("Roads and streetlights")

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
        import pyogrio

        from ..core import gpkg, lighting

        ws = self.workspace_path(parameters, context)
        meta = read_meta(ws)
        lamps = pyogrio.read_dataframe(ws, layer="streetlights", fid_as_index=True)
        roads = pyogrio.read_dataframe(ws, layer="roads")
        faults = pyogrio.read_dataframe(ws, layer="streetlight_faults", read_geometry=False)
        checks = pyogrio.read_dataframe(ws, layer="streetlight_inspections", read_geometry=False)
        if len(lamps) == 0:
            raise CddpError(
                translate("core", "The workspace has no streetlights; import them first (cddp:importstreetlights).")
            )
        ids = lamps["uuid"].tolist()

        def records(frame):  # NaT/NaN → None, so an empty resolved_at reads as "not resolved"
            return frame.astype(object).where(frame.notna(), None).to_dict("records")

        status = lighting.lamp_statuses(ids, records(faults), records(checks), current=lamps["status"].tolist())

        feedback.setProgress(30)
        classes = {c.strip() for c in self.parameterAsString(parameters, self.CLASSES, context).split(",") if c.strip()}
        to_light = (
            (roads["lit"].fillna(0).astype(bool) | roads["road_class"].isin(classes)).tolist() if len(roads) else []
        )
        gaps = lighting.lighting_gaps(
            roads.geometry.values, lamps.geometry.values, road_ids=roads["uuid"].tolist(), lamp_ids=ids,
            statuses=status.status, to_light=to_light, spacing=self.parameterAsDouble(parameters, self.SPACING, context),
            snap=self.parameterAsDouble(parameters, self.SNAP, context), crs_is_geographic=False,
        ) if len(roads) else None  # fmt: skip
        lamp_road = (
            [roads["uuid"].iat[k] if k >= 0 else None for k in gaps.lamp_road]
            if gaps is not None
            else [None] * len(lamps)
        )
        clusters = lighting.outage_clusters(
            lamps.geometry.values, status.status, ids=ids, circuits=lamps["circuit"].tolist(),
            roads=[r or c for r, c in zip(lamp_road, lamps["road_uuid"].tolist(), strict=True)],
            out_since=status.out_since, distance=self.parameterAsDouble(parameters, self.DISTANCE, context),
            min_lamps=self.parameterAsInt(parameters, self.MIN_LAMPS, context), crs_is_geographic=False,
        )  # fmt: skip
        kpis = lighting.lighting_kpis(
            status.status, days_out=status.days_out, owners=lamps["owner"].tolist(), clusters=clusters, gaps=gaps
        )
        feedback.setProgress(70)
        con = gpkg.connect(ws)
        try:
            rows = [(s, r or old_r, getpass.getuser(), int(fid))
                    for s, r, old_s, old_r, fid in zip(status.status, lamp_road, lamps["status"], lamps["road_uuid"], lamps.index, strict=True)
                    if s != old_s or (r and r != old_r)]  # fmt: skip
            with con:
                con.executemany("UPDATE streetlights SET status = ?, road_uuid = ?, updated_by = ? WHERE fid = ?", rows)
        finally:
            con.close()
        feedback.pushInfo(self.tr("{n} lamps: {statuses}; {changed} lamps updated in the workspace.").format(
            n=kpis["lamps"], statuses=", ".join(f"{k} {v}" for k, v in kpis["by_status"].items() if v), changed=len(rows)))  # fmt: skip
        feedback.pushInfo(self.tr("Out: {pct:.1f} %, median {days} days; {clusters} outage clusters; {gap:.2f} km of lighting gaps on {checked:.2f} km of roads to be lit.").format(
            pct=kpis["pct_out"] or 0.0, days=kpis["median_days_out"] if kpis["median_days_out"] is not None else "–", clusters=kpis["clusters"],
            gap=kpis.get("gap_km") or 0.0, checked=kpis.get("checked_km") or 0.0))  # fmt: skip
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


class ConditionSummaryAlgorithm(CddpAlgorithm):
    NAME, GROUP_ID = "conditionsummary", "roads"
    AREA, OUTPUT, CHART = "AREA", "OUTPUT", "CHART"

    def displayName(self):
        return self.tr("Condition summary (table and chart)")

    def group(self):
        return self.tr("Roads and streetlights")

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
        import pyogrio
        import shapely

        from ..core import schema
        from ..core.condition import summary_by_band

        ws = self.workspace_path(parameters, context)
        meta = read_meta(ws)
        sections = pyogrio.read_dataframe(ws, layer="road_sections")
        lamps = pyogrio.read_dataframe(ws, layer="streetlights")
        area_layer = self.parameterAsVectorLayer(parameters, self.AREA, context)
        if area_layer is not None:
            area = qgis_io.read_layer(area_layer).to_crs(meta["crs"])
            zone = shapely.union_all(shapely.make_valid(area.geometry.values))
            sections = sections[shapely.intersects(zone, sections.geometry.values)].copy()
            sections["length_m"] = shapely.length(shapely.intersection(zone, sections.geometry.values))
            lamps = lamps[shapely.intersects(zone, lamps.geometry.values)]
        bands = summary_by_band(sections["length_m"].tolist(), sections["condition_band"].tolist())
        band_labels = {c: th for c, th, _ in schema.DOMAINS["condition_band"].values}
        status_labels = {c: th for c, th, _ in schema.DOMAINS["lamp_status"].values}
        rows = [{"kind": "road_km", "code": c, "label_th": band_labels.get(c, "ยังไม่ประเมิน"), "value": bands.get(c, 0.0)}
                for c in [*band_labels, "unrated"] if c in bands]  # fmt: skip
        counts = lamps["status"].fillna("unknown").value_counts().to_dict()
        rows += [
            {"kind": "lamps", "code": c, "label_th": status_labels[c], "value": float(counts.get(c, 0))}
            for c in status_labels
            if counts.get(c)
        ]
        table = pd.DataFrame(rows, columns=["kind", "code", "label_th", "value"])
        results = {"ROAD_KM": round(sum(bands.values()), 3), "LAMPS": len(lamps)}
        fields = qgis_io.qgs_fields_for(table, None)
        sink, dest = self.parameterAsSink(parameters, self.OUTPUT, context, fields)
        qgis_io.write_to_sink(sink, table, fields)
        results[self.OUTPUT] = dest
        chart = self.parameterAsFileOutput(parameters, self.CHART, context)
        if chart:
            from ..core import charts

            charts.condition_chart(table, chart, title=meta.get("municipality_name", ""))
            results[self.CHART] = chart
        feedback.pushInfo(
            self.tr("{km:.2f} km of road sections, {lamps} streetlights.").format(
                km=results["ROAD_KM"], lamps=results["LAMPS"]
            )
        )
        return results
