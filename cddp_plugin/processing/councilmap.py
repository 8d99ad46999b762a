"""cddp:councilmap — a printed map set for a council meeting: an A3 overview, the set's tables and one A4
page per zone (หมู่ / ชุมชน) as one PDF; every table beside it as CSV and XLSX; the layout saved in the
workspace's project (see :mod:`toolbelt.council_sets`, :mod:`core.reports.council`)."""

from __future__ import annotations

import datetime as _dt

from qgis.core import (
    QgsProcessing,
    QgsProcessingAlgorithm,
    QgsProcessingOutputMultipleLayers,
    QgsProcessingOutputNumber,
    QgsProcessingParameterEnum,
    QgsProcessingParameterFileDestination,
    QgsProcessingParameterNumber,
    QgsProcessingParameterString,
    QgsProcessingParameterVectorLayer,
)

from ..core.common.errors import CddpError
from ..core.common.i18n import translate
from ..core.common.thai import budget_quarter
from .base import CddpAlgorithm, outside_layer_default

MAP_SETS = ("road_plan", "streetlights", "complaints", "flood")
DIGITS = ("thai", "arabic")


def _today_bangkok() -> _dt.date:
    return _dt.datetime.now(_dt.timezone(_dt.timedelta(hours=7))).date()


class CouncilMapAlgorithm(CddpAlgorithm):
    NAME, GROUP_ID = "councilmap", "reports"
    MAP_SET, YEAR, QUARTER, HAZARD, BUDGET, PLAN = "MAP_SET", "YEAR", "QUARTER", "HAZARD", "BUDGET", "PLAN"
    DIGITS, AGENDA, PREPARED_BY, OUTPUT = "DIGITS", "AGENDA", "PREPARED_BY", "OUTPUT"

    def flags(self):
        # the layout goes into the workspace's project, which may be the open one: main thread only
        return super().flags() | QgsProcessingAlgorithm.Flag.FlagNoThreading

    def displayName(self):
        return self.tr("Council map set (PDF, tables, layout)")

    def shortHelpString(self):
        return self.tr(
            "Prints a map set for a council meeting as one PDF: an A3 landscape overview, the set's tables on A3 pages "
            "and one A4 page per zone (the villages layer: import it with cddp:importvillages). Every table is also "
            "written beside the PDF as CSV and in one XLSX file, and the layout is saved in the workspace's QGIS "
            "project (Project ▸ Layouts) so it can be edited and exported again.\n\n"
            "MAP_SET: road_plan (road condition and the repair plan as a ผ.02 project list: give PLAN, the file "
            "cddp:maintenanceplan wrote, or BUDGET), streetlights (outages and repairs in QUARTER of the budget "
            "year), complaints (complaints and work orders per zone, per 1,000 households), flood (households and "
            "parcels in HAZARD per zone; counts under 5 are suppressed).\n\n"
            "YEAR is the budget year in พ.ศ. (2570 runs 1 Oct 2569 – 30 Sep 2570); DIGITS prints every number in "
            "Thai or Arabic digits. Pages carry counts per zone only: no personal data is printed, and the PDF is "
            "not a GeoPDF."
        )

    def initAlgorithm(self, config=None):
        year, quarter = budget_quarter(_today_bangkok())
        self.add_workspace_parameter()
        self.addParameter(
            QgsProcessingParameterEnum(
                self.MAP_SET, self.tr("Map set"), options=list(MAP_SETS), defaultValue=MAP_SETS[0],
                usesStaticStrings=True,
            )
        )  # fmt: skip
        self.addParameter(
            QgsProcessingParameterNumber(
                self.YEAR, self.tr("Budget year (พ.ศ.)"), QgsProcessingParameterNumber.Type.Integer, year, False,
                2400, 2700,
            )
        )  # fmt: skip
        self.addParameter(
            QgsProcessingParameterNumber(
                self.QUARTER, self.tr("Quarter of the budget year (streetlights; 1 = October–December)"),
                QgsProcessingParameterNumber.Type.Integer, quarter, False, 1, 4,
            )
        )  # fmt: skip
        hazard = QgsProcessingParameterVectorLayer(
            self.HAZARD, self.tr("Flood extent (polygons; flood)"), [QgsProcessing.SourceType.TypeVectorPolygon],
            optional=True,
        )  # fmt: skip
        hazard.setDefaultValue(outside_layer_default(hazard.dataTypes()))
        self.addParameter(hazard)
        plan = QgsProcessingParameterVectorLayer(
            self.PLAN, self.tr("Maintenance plan written by cddp:maintenanceplan (road_plan)"),
            [QgsProcessing.SourceType.TypeVectorLine], optional=True,
        )  # fmt: skip
        plan.setDefaultValue(outside_layer_default(plan.dataTypes()))  # never the workspace's roads
        self.addParameter(plan)
        self.addParameter(
            QgsProcessingParameterNumber(
                self.BUDGET, self.tr("Budget (baht) to plan with when no plan is given (road_plan)"),
                QgsProcessingParameterNumber.Type.Double, None, True, 0.0,
            )
        )  # fmt: skip
        self.addParameter(
            QgsProcessingParameterEnum(
                self.DIGITS, self.tr("Digits"), options=list(DIGITS), defaultValue=DIGITS[0], usesStaticStrings=True
            )
        )
        self.addParameter(
            QgsProcessingParameterString(self.AGENDA, self.tr("Agenda item (empty: a line to fill in)"), optional=True)
        )
        self.addParameter(
            QgsProcessingParameterString(
                self.PREPARED_BY, self.tr("Prepared by (a unit, e.g. กองช่าง; default: the municipality)"),
                optional=True,
            )
        )  # fmt: skip
        self.addParameter(
            QgsProcessingParameterFileDestination(
                self.OUTPUT, self.tr("Council map set (PDF)"), self.tr("PDF files (*.pdf)")
            )
        )
        self.addOutput(QgsProcessingOutputNumber("PAGES", self.tr("Pages")))
        self.addOutput(QgsProcessingOutputMultipleLayers("TABLES", self.tr("Tables (CSV and XLSX)")))

    def process(self, parameters, context, feedback):
        from ..toolbelt import council_sets, layer_io

        ws = self.workspace_path(parameters, context)
        set_key = self.parameterAsEnumString(parameters, self.MAP_SET, context)
        if set_key not in MAP_SETS:
            raise CddpError(
                translate("core", "Unknown map set '{value}'; choose one of {choices}."),
                value=set_key, choices=", ".join(MAP_SETS),
            )  # fmt: skip
        digits = self.parameterAsEnumString(parameters, self.DIGITS, context) or "thai"
        year = self.parameterAsInt(parameters, self.YEAR, context)
        quarter = self.parameterAsInt(parameters, self.QUARTER, context)
        pdf = self.parameterAsFileOutput(parameters, self.OUTPUT, context)
        if not pdf.lower().endswith(".pdf"):
            pdf += ".pdf"
        hazard = hazard_source = plan = budget = None
        if set_key == "flood":
            layer = self.parameterAsVectorLayer(parameters, self.HAZARD, context)
            if layer is None:
                raise CddpError(
                    translate("core", "The flood map set needs HAZARD: the flood extent as a polygon layer (e.g. a flood survey or a drill area).")
                )  # fmt: skip
            if layer_io.geometry_kind(layer) != "polygon":
                raise CddpError(
                    translate("core", "{layer} is not a polygon layer: HAZARD must be the flood extent as polygons."),
                    layer=layer_io.layer_label(layer),
                )  # fmt: skip
            self.layer_crs_or_error(layer)
            hazard, hazard_source = layer_io.read_layer(layer), layer.source()
        if set_key == "road_plan":
            layer = self.parameterAsVectorLayer(parameters, self.PLAN, context)
            if parameters.get(self.BUDGET) is not None:
                budget = self.parameterAsDouble(parameters, self.BUDGET, context)
            if layer is not None:
                source = layer_io.file_source(layer)
                plan = source[0] if source and source[0].lower().endswith(".gpkg") else layer_io.read_layer(layer)
            elif budget is None:
                raise CddpError(
                    translate("core", "The road_plan map set needs PLAN (the maintenance plan written by cddp:maintenanceplan) or BUDGET (baht) to make one.")
                )  # fmt: skip
        result = council_sets.make_council_map(
            ws, set_key, year, pdf, quarter=quarter, hazard=hazard, hazard_source=hazard_source, budget=budget,
            plan=plan, digits=digits, agenda=self.parameterAsString(parameters, self.AGENDA, context).strip(),
            prepared_by=self.parameterAsString(parameters, self.PREPARED_BY, context).strip(),
            progress=feedback.setProgress,
        )  # fmt: skip
        feedback.pushInfo(
            self.tr("{pages} pages ({zones} zone pages) written to {pdf}; {tables} table files beside it; layout '{layout}' saved in {project}.").format(
                pages=result.pages, zones=result.zones, pdf=result.pdf, tables=len(result.tables),
                layout=result.layout_name, project=result.project,
            )
        )  # fmt: skip
        return {self.OUTPUT: result.pdf, "PAGES": result.pages, "TABLES": result.tables}
