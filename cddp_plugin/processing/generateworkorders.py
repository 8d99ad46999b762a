"""cddp:generateworkorders — work orders from open complaints, road condition and lamps that need repair."""

from __future__ import annotations

import getpass

from qgis.core import (
    QgsProcessingParameterBoolean,
    QgsProcessingParameterNumber,
    QgsProcessingParameterString,
)

from ..core.common.numbers import format_int as _n
from .base import CddpAlgorithm


class GenerateWorkOrdersAlgorithm(CddpAlgorithm):
    NAME, GROUP_ID = "generateworkorders", "work"
    COMPLAINTS, CONDITION, LAMPS = "FROM_COMPLAINTS", "FROM_CONDITION", "FROM_LAMPS"
    PCI_BELOW, PASER_AT_MOST = "PCI_BELOW", "PASER_AT_MOST"
    SLA, HOLIDAYS = "SLA", "HOLIDAYS"

    def displayName(self):
        return self.tr("Generate work orders")

    def shortHelpString(self):
        return self.tr(
            "Creates maintenance work orders in the workspace: one open order per asset and category. Sources: road sections whose PCI is below PCI_BELOW (or, without PCI, whose PASER is at most PASER_AT_MOST); streetlights that need repair (out, partly out, flickering, burning by day, damaged pole, missing), with one order at priority P2 for each outage cluster; and open complaints — a complaint about an asset that already has an open order of its category is attached to that order, a complaint without an asset gets its own order; a complaint still open whose order was cancelled gets an order again. Running it again creates nothing twice. Every new order and attachment is recorded in the work-order history; due times follow the priority's SLA.\n\n"
            "SLA (e.g. P1=4h, P2=24h, P3=5wd, P4=20wd: hours or working days) and HOLIDAYS (dates such as 2026-04-13, 2569-04-14) are the municipality's policy: when given they are stored in the workspace, and the Work orders dock uses them too; left empty, the workspace's stored policy (or the defaults above, no holidays) applies."
        )

    def initAlgorithm(self, config=None):
        self.add_workspace_parameter()
        for name, text in (
            (self.COMPLAINTS, self.tr("From open complaints")),
            (self.CONDITION, self.tr("From road condition")),
            (self.LAMPS, self.tr("From streetlights that need repair")),
        ):
            self.addParameter(QgsProcessingParameterBoolean(name, text, defaultValue=True))
        self.addParameter(
            QgsProcessingParameterNumber(
                self.PCI_BELOW,
                self.tr("Road sections with PCI below"),
                QgsProcessingParameterNumber.Type.Double,
                defaultValue=40.0,
                minValue=0,
                maxValue=100,
            )
        )
        self.addParameter(
            QgsProcessingParameterNumber(
                self.PASER_AT_MOST,
                self.tr("…or, without PCI, PASER at most"),
                QgsProcessingParameterNumber.Type.Integer,
                defaultValue=3,
                minValue=0,
                maxValue=10,
            )
        )
        for name, text in (
            (self.SLA, self.tr("SLA per priority (empty: the workspace's policy)")),
            (self.HOLIDAYS, self.tr("Holidays, not working days (empty: the workspace's)")),
        ):
            self.addParameter(QgsProcessingParameterString(name, text, optional=True))
        self.add_count_outputs(
            (
                ("CREATED", self.tr("Work orders created")),
                ("ATTACHED", self.tr("Complaints attached to an existing order")),
                ("SKIPPED", self.tr("Assets that already had an open order")),
            )
        )

    def process(self, parameters, context, feedback):
        from ..core.works import jobs as works_jobs
        from ..core.works import sla as works_sla

        ws = self.workspace_path(parameters, context)
        sla_text = self.parameterAsString(parameters, self.SLA, context).strip() or None
        holidays_text = self.parameterAsString(parameters, self.HOLIDAYS, context).strip() or None
        works_jobs.save_work_order_policy(ws, sla=sla_text, holidays=holidays_text)
        sla, holidays = works_sla.work_order_policy(ws)
        feedback.pushInfo(
            self.tr("SLA: {sla}; holidays: {holidays}{saved}.").format(
                sla=works_sla.sla_text(sla), holidays=_n(len(holidays)),
                saved=self.tr(" (saved in the workspace)") if (sla_text or holidays_text) else "",
            )
        )  # fmt: skip
        report = works_jobs.generate_work_orders(
            ws, getpass.getuser(),
            from_complaints=self.parameterAsBoolean(parameters, self.COMPLAINTS, context),
            from_condition=self.parameterAsBoolean(parameters, self.CONDITION, context),
            from_lamps=self.parameterAsBoolean(parameters, self.LAMPS, context),
            pci_below=self.parameterAsDouble(parameters, self.PCI_BELOW, context),
            paser_at_most=self.parameterAsInt(parameters, self.PASER_AT_MOST, context),
            sla=sla, holidays=holidays, progress=feedback.setProgress,
        )  # fmt: skip
        origin = report.created_by_origin
        feedback.pushInfo(
            self.tr("Work orders created: {created} ({road} for road condition, {lamp} for single lamps, {cluster} for outage clusters, {complaint} for complaints).").format(
                created=_n(report.created), road=_n(origin.get("road", 0)), lamp=_n(origin.get("lamp", 0)),
                cluster=_n(origin.get("cluster", 0)), complaint=_n(origin.get("complaint", 0)),
            )
        )  # fmt: skip
        feedback.pushInfo(
            self.tr("Complaints attached to open orders: {attached}; already on an order: {linked}; assets that already had an open order: {skipped}.").format(
                attached=_n(report.attached), linked=_n(report.already_linked), skipped=_n(report.skipped_existing),
            )
        )  # fmt: skip
        if report.relinked:
            feedback.pushInfo(
                self.tr("Open complaints whose order was cancelled, put on an order again: {n}.").format(
                    n=_n(report.relinked)
                )
            )
        if report.orders:
            feedback.pushInfo(
                self.tr("New orders {first} … {last}.").format(first=report.orders[0], last=report.orders[-1])
            )
        return {"CREATED": report.created, "ATTACHED": report.attached, "SKIPPED": report.skipped_existing}
