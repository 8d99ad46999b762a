"""cddp:segmentroads — roads cut into inspection sections with chainage."""

from __future__ import annotations

import getpass

from qgis.core import (
    QgsProcessingParameterBoolean,
    QgsProcessingParameterEnum,
    QgsProcessingParameterNumber,
)

from ..core.common.numbers import format_int as _n
from .base import CddpAlgorithm


class SegmentRoadsAlgorithm(CddpAlgorithm):
    NAME, GROUP_ID = "segmentroads", "roads"
    MODE, LENGTH, AREA, WIDTH, REPLACE = "MODE", "LENGTH", "TARGET_AREA", "DEFAULT_WIDTH", "REPLACE_INSPECTED"
    MODES = ("length", "area")

    def displayName(self):
        return self.tr("Segment roads into inspection sections")

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
                ("MOVED", self.tr("Inspections, complaints and work orders moved to new sections")),
            )
        )

    def process(self, parameters, context, feedback):
        from ..core.roads import jobs as roads_jobs

        ws = self.workspace_path(parameters, context)
        mode = self.MODES[self.parameterAsEnum(parameters, self.MODE, context)]
        width = (
            self.parameterAsDouble(parameters, self.WIDTH, context)
            if parameters.get(self.WIDTH) not in (None, "")
            else None
        )
        rep = roads_jobs.segment_workspace_roads(
            ws, mode=mode, length_m=self.parameterAsDouble(parameters, self.LENGTH, context),
            target_area_sqm=self.parameterAsDouble(parameters, self.AREA, context), default_width_m=width,
            user=getpass.getuser(), replace_inspected=self.parameterAsBoolean(parameters, self.REPLACE, context),
        )  # fmt: skip
        feedback.pushInfo(self.tr("{roads} roads → {sections} sections ({inserted} added, {updated} kept, {deleted} removed).").format(
            roads=_n(rep.roads), sections=_n(rep.sections), inserted=_n(rep.inserted), updated=_n(rep.updated), deleted=_n(rep.deleted)))  # fmt: skip
        moved = sum(rep.moved.values())
        if moved:
            feedback.pushInfo(self.tr("Moved from removed sections to the new section at their place: {inspections} inspections, {complaints} complaints, {orders} work orders.").format(
                inspections=_n(rep.moved.get("road_inspections", 0)), complaints=_n(rep.moved.get("complaints", 0)),
                orders=_n(rep.moved.get("work_orders", 0))))  # fmt: skip
        if rep.moved.get("road_inspections"):
            feedback.pushWarning(
                self.tr(
                    "The new sections that received inspections are not rated yet: run Road condition (cddp:roadcondition)."
                )
            )
        for label, reason in rep.skipped[:50]:
            feedback.pushWarning(self.tr("Skipped {road}: {reason}").format(road=label, reason=reason))
        return {"SECTIONS": rep.sections, "INSERTED": rep.inserted, "DELETED": rep.deleted, "SKIPPED": len(rep.skipped),
                "MOVED": moved}  # fmt: skip
