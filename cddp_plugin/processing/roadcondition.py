"""cddp:roadcondition — PASER or ASTM D6433 PCI of every inspected road section."""

from __future__ import annotations

import getpass

from ..core.common.numbers import format_int as _n
from .base import CddpAlgorithm


class RoadConditionAlgorithm(CddpAlgorithm):
    NAME, GROUP_ID = "roadcondition", "roads"

    def displayName(self):
        return self.tr("Road condition (PASER / PCI)")

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
        from ..core.roads import jobs as roads_jobs

        ws = self.workspace_path(parameters, context)
        rep = roads_jobs.rate_sections(ws, getpass.getuser())
        feedback.pushInfo(self.tr("{pci} sections rated by PCI ({units} sample units, {distresses} distress records), {paser} by PASER, {unrated} without inspection.").format(
            pci=_n(rep.rated_pci), units=_n(rep.sample_units), distresses=_n(rep.distresses), paser=_n(rep.rated_paser), unrated=_n(rep.unrated)))  # fmt: skip
        feedback.pushInfo(
            self.tr("By band: {bands}").format(bands=", ".join(f"{k} {_n(v)}" for k, v in rep.by_band.items()))
        )
        return {"RATED_PCI": rep.rated_pci, "RATED_PASER": rep.rated_paser, "UNRATED": rep.unrated}
