"""cddp:changeworkorder — one work order to its next status, headless (history and complaints in one transaction)."""

from __future__ import annotations

import getpass

from qgis.core import (
    QgsProcessingParameterEnum,
    QgsProcessingParameterString,
)

from .base import CddpAlgorithm


class ChangeWorkOrderAlgorithm(CddpAlgorithm):
    """One work order to its next status — the Work orders dock's buttons, for scripts and batch runs."""

    NAME, GROUP_ID = "changeworkorder", "work"
    ORDER, STATUS, NOTE, TEAM, ASSIGNEE, AT = "ORDER", "STATUS", "NOTE", "TEAM", "ASSIGNEE", "AT"

    def displayName(self):
        return self.tr("Change a work order's status")

    def shortHelpString(self):
        return self.tr(
            "Moves one work order (ORDER: its number such as WO-2569-00042, or its uuid) to STATUS, as the buttons of the Work orders dock do: only allowed changes (new → triaged → assigned → in progress ⇄ on hold → completed → verified → closed, plus cancelled and duplicate); cancelling, marking a duplicate and sending a completed order back need a NOTE; assigning needs a TEAM or ASSIGNEE. AT back-dates the change (e.g. from a paper job sheet; Bangkok time when no offset is given) but never before the order's earlier steps. The change is recorded in the work-order history and the linked complaints follow (in progress, finished), through the change log. Phone numbers are removed from the note."
        )

    def initAlgorithm(self, config=None):
        from qgis.core import QgsProcessingOutputString

        from ..core.works.workorders import STATUSES

        self.add_workspace_parameter()
        self.addParameter(QgsProcessingParameterString(self.ORDER, self.tr("Work order number or uuid")))
        self.addParameter(QgsProcessingParameterEnum(self.STATUS, self.tr("New status"), options=list(STATUSES)))
        self.addParameter(QgsProcessingParameterString(self.NOTE, self.tr("Note"), optional=True, multiLine=True))
        self.addParameter(QgsProcessingParameterString(self.TEAM, self.tr("Team"), optional=True))
        self.addParameter(QgsProcessingParameterString(self.ASSIGNEE, self.tr("Assignee"), optional=True))
        self.addParameter(
            QgsProcessingParameterString(self.AT, self.tr("When (empty: now; e.g. 2026-11-20 14:30)"), optional=True)
        )
        self.addOutput(QgsProcessingOutputString("WO_NUMBER", self.tr("Work order")))
        self.addOutput(QgsProcessingOutputString("NEW_STATUS", self.tr("Status now")))
        self.add_count_outputs((("COMPLAINTS_CHANGED", self.tr("Complaints whose status followed")),))

    def process(self, parameters, context, feedback):
        from ..core.works import jobs as works_jobs
        from ..core.works.workorders import STATUSES

        ws = self.workspace_path(parameters, context)
        status = STATUSES[self.parameterAsEnum(parameters, self.STATUS, context)]
        changes = {}
        for key, name in ((self.TEAM, "team"), (self.ASSIGNEE, "assignee")):
            value = self.parameterAsString(parameters, key, context).strip()
            if value:
                changes[name] = value
        report = works_jobs.change_work_order(
            ws, self.parameterAsString(parameters, self.ORDER, context), status, getpass.getuser(),
            at=self.parameterAsString(parameters, self.AT, context).strip() or None,
            note=self.parameterAsString(parameters, self.NOTE, context), changes=changes or None,
        )  # fmt: skip
        order = report.order
        feedback.pushInfo(
            self.tr("{order}: {old} → {new}.").format(
                order=order.get("wo_number"), old=report.event.get("from_status"), new=order.get("status")
            )
        )
        for ext, old, new in report.complaints:
            feedback.pushInfo(self.tr("  complaint {ticket}: {old} → {new}").format(ticket=ext, old=old, new=new))
        return {"WO_NUMBER": order.get("wo_number"), "NEW_STATUS": order.get("status"),
                "COMPLAINTS_CHANGED": len(report.complaints)}  # fmt: skip
