"""cddp:maintenanceplan — road sections ranked for repair within a budget, weighted by the people each
road serves (see :mod:`cddp_plugin.core.maintenance`)."""

from __future__ import annotations

from qgis.core import (
    QgsCoordinateReferenceSystem,
    QgsProcessing,
    QgsProcessingParameterFeatureSink,
    QgsProcessingParameterNumber,
    QgsProcessingParameterString,
    QgsWkbTypes,
)

from ..core.common.numbers import format_int as _n
from ..core.common.numbers import format_km, format_money, format_number, format_percent
from ..core.workspace.meta import read_meta
from .base import CddpAlgorithm


class MaintenancePlanAlgorithm(CddpAlgorithm):
    NAME, GROUP_ID = "maintenanceplan", "roads"
    BUDGET, UNIT_COSTS, SERVE_DISTANCE = "BUDGET", "UNIT_COSTS", "SERVE_DISTANCE"
    HOUSEHOLD_WEIGHT, VULNERABLE_WEIGHT, OUTPUT, SUMMARY = "HOUSEHOLD_WEIGHT", "VULNERABLE_WEIGHT", "OUTPUT", "SUMMARY"

    def displayName(self):
        return self.tr("Road maintenance plan within a budget")

    def shortHelpString(self):
        return self.tr(
            "Ranks the rated road sections for repair and picks the set that does the most good within BUDGET (baht).\n\n"
            "Each section's treatment follows its condition band (PCI, or PASER converted to a PCI equivalent); its cost is its area (area_sqm, else length × road width, else 6 m) × the unit cost of the treatment in baht/m² (defaults: routine=60; preservation=150; overlay=400; reconstruct=900 — set your own prices in UNIT_COSTS), rounded up to 1,000 baht. "
            "Its benefit is the PCI gain × length, weighted by the households it serves (households linked to parcels within SERVE_DISTANCE of the section, each counted for its nearest section only) and the vulnerable residents among them (elderly, homebound or bedridden, disabled): per 100 m of road, each household adds HOUSEHOLD_WEIGHT and each vulnerable resident VULNERABLE_WEIGHT to a weight of 1.\n\n"
            "The selection is an exact 0/1 knapsack (dynamic programming after a reduction) when its size allows, else the best plan found by a greedy selection by benefit per baht, improved around the break-even, with its gap to the optimum's upper bound reported. "
            "Output: the sections that need work, ranked (selected first), with cost, benefit, households and vulnerable residents served and the cumulative cost; a summary table (km, baht, households served, method, gap). Only counts of residents are written, never names."
        )

    def initAlgorithm(self, config=None):
        self.add_workspace_parameter()
        self.addParameter(
            QgsProcessingParameterNumber(
                self.BUDGET, self.tr("Budget (baht)"), QgsProcessingParameterNumber.Type.Double, 5_000_000.0
            )
        )
        self.addParameter(
            QgsProcessingParameterString(
                self.UNIT_COSTS,
                self.tr("Unit costs in baht/m² (e.g. routine=60; preservation=150; overlay=400; reconstruct=900)"),
                optional=True,
            )
        )
        self.addParameter(
            QgsProcessingParameterNumber(
                self.SERVE_DISTANCE,
                self.tr("Parcels served: distance to the section (m)"),
                QgsProcessingParameterNumber.Type.Double,
                30.0,
            )
        )
        self.addParameter(
            QgsProcessingParameterNumber(
                self.HOUSEHOLD_WEIGHT,
                self.tr("Weight of a household served (per 100 m)"),
                QgsProcessingParameterNumber.Type.Double,
                0.1,
            )
        )
        self.addParameter(
            QgsProcessingParameterNumber(
                self.VULNERABLE_WEIGHT,
                self.tr("Weight of a vulnerable resident served (per 100 m)"),
                QgsProcessingParameterNumber.Type.Double,
                0.2,
            )
        )
        self.addParameter(
            QgsProcessingParameterFeatureSink(
                self.OUTPUT, self.tr("Maintenance plan (ranked sections)"), QgsProcessing.SourceType.TypeVectorLine
            )
        )
        self.addParameter(
            QgsProcessingParameterFeatureSink(
                self.SUMMARY, self.tr("Maintenance plan summary"), QgsProcessing.SourceType.TypeVector, optional=True
            )
        )
        self.add_count_outputs(
            (
                ("SELECTED", self.tr("Sections selected")),
                ("KM", self.tr("Road selected (km)")),
                ("BAHT", self.tr("Cost of the plan (baht)")),
                ("HOUSEHOLDS", self.tr("Households served")),
                ("VULNERABLE", self.tr("Vulnerable residents served")),
                ("GAP_PCT", self.tr("Gap to the optimum's upper bound (%)")),
            )
        )

    def process(self, parameters, context, feedback):
        import pandas as pd

        from ..core.roads import maintenance

        ws = self.workspace_path(parameters, context)
        meta = read_meta(ws)
        ranked, s = maintenance.plan_workspace(
            ws,
            self.parameterAsDouble(parameters, self.BUDGET, context),
            self.parameterAsString(parameters, self.UNIT_COSTS, context) or None,
            self.parameterAsDouble(parameters, self.SERVE_DISTANCE, context),
            self.parameterAsDouble(parameters, self.HOUSEHOLD_WEIGHT, context),
            self.parameterAsDouble(parameters, self.VULNERABLE_WEIGHT, context),
            progress=lambda f: feedback.setProgress(90.0 * f),
            cancelled=feedback.isCanceled,
        )
        feedback.pushInfo(self.tr("{n} road sections: {unrated} unrated, {good} need no work, {candidates} need work (cost of all: {need}).").format(
            n=_n(s["sections"]), unrated=_n(s["unrated"]), good=_n(s["no_work"]), candidates=_n(s["candidates"]), need=format_money(s["need_baht"], self.tr("THB"))))  # fmt: skip
        feedback.pushInfo(self.tr("Selected {selected} sections, {km}, {cost} of {budget} ({left} left), serving {households} households with {vulnerable} vulnerable residents.").format(
            selected=_n(s["selected"]), km=format_km(s["km_selected"], self.tr("km")), cost=format_money(s["cost_baht"], self.tr("THB")), budget=format_money(s["budget_baht"], self.tr("THB")),
            left=format_money(s["budget_left_baht"], self.tr("THB")), households=_n(s["households_served"]), vulnerable=_n(s["vulnerable_served"])))  # fmt: skip
        if s["method"] == "exact":
            feedback.pushInfo(
                self.tr("Optimal plan (exact knapsack): benefit {benefit}.").format(
                    benefit=format_number(s["benefit"], 1)
                )
            )
        elif s["method"] == "core":
            feedback.pushInfo(self.tr("Plan improved around the break-even (exact there, greedy elsewhere): benefit {benefit}, at most {gap} below the optimum (upper bound {bound}).").format(
                benefit=format_number(s["benefit"], 1), gap=format_percent(s["gap_pct"], 2), bound=format_number(s["upper_bound"], 1)))  # fmt: skip
        else:
            feedback.pushInfo(self.tr("Greedy plan: benefit {benefit}, at most {gap} below the optimum (upper bound {bound}).").format(
                benefit=format_number(s["benefit"], 1), gap=format_percent(s["gap_pct"], 2), bound=format_number(s["upper_bound"], 1)))  # fmt: skip
        if s["area_from_width"]:
            feedback.pushWarning(self.tr("{n} sections have no area; their area is length × road width (6 m where the road has no width or lanes).").format(n=_n(s["area_from_width"])))  # fmt: skip
        if s["no_size"]:
            feedback.pushWarning(self.tr("{n} sections that need work have no length and were left out.").format(n=_n(s["no_size"])))  # fmt: skip
        results = {"SELECTED": s["selected"], "KM": s["km_selected"], "BAHT": round(float(s["cost_baht"])),
                   "HOUSEHOLDS": s["households_served"], "VULNERABLE": s["vulnerable_served"], "GAP_PCT": s["gap_pct"]}  # fmt: skip
        crs = QgsCoordinateReferenceSystem(meta["crs"])
        self.write_frame(parameters, self.OUTPUT, context, ranked, results, QgsWkbTypes.Type.LineString, crs)
        if self.OUTPUT in results:  # chosen vs not, numbered by rank, Thai aliases and values, 20,000,000 บาท
            from ..toolbelt.styles import style_plan_output

            style_plan_output(results[self.OUTPUT], context)
        self.write_frame(
            parameters, self.SUMMARY, context, pd.DataFrame([s]), results, QgsWkbTypes.Type.NoGeometry, crs
        )
        feedback.setProgress(100)
        return results
