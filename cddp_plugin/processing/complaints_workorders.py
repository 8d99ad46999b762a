"""Complaint intake and work-order generation: ``cddp:importcomplaints``, ``cddp:generateworkorders``."""

from __future__ import annotations

import getpass

from qgis.core import (
    QgsProcessing,
    QgsProcessingParameterBoolean,
    QgsProcessingParameterEnum,
    QgsProcessingParameterFeatureSink,
    QgsProcessingParameterFile,
    QgsProcessingParameterNumber,
    QgsProcessingParameterString,
    QgsProcessingParameterVectorLayer,
)

from .. import qgis_io
from ..core.errors import CddpError
from ..core.i18n import translate
from ..translation import translate as tr_core
from .base import CddpAlgorithm


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

    def group(self):
        return self.tr("Work orders and complaints")

    def shortHelpString(self):
        return self.tr(
            "Imports citizen complaints into the workspace from a Traffy Fondue dump CSV or API response (JSON or GeoJSON), the CDDP LINE/E-Node CSV template, or Open311 GeoReport v2 JSON; the format is detected. Complaints are matched by channel and ticket id: importing again updates their state and last activity and never duplicates them. Thai categories become work categories. Phone numbers, e-mail addresses, LINE ids and national id numbers are removed from the text before anything is stored. Each complaint is snapped to the nearest asset of its category within MAX_DISTANCE metres (road sections for road, footpath, obstruction, drainage and sign complaints; streetlights, else the road section, for lighting) and keeps the distance.\n\nAREA (optional): keep only complaints inside these polygons, e.g. the municipality's boundary; the others are rejected as outside the area. Rows that cannot be used go to REJECTED with the reason per row."
        )

    def initAlgorithm(self, config=None):
        self.addParameter(QgsProcessingParameterFile(self.INPUT, self.tr("Complaints file (CSV, JSON, GeoJSON)")))
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

        from ..core import complaints, intake

        ws = self.workspace_path(parameters, context)
        path = self.parameterAsFile(parameters, self.INPUT, context)
        feedback.pushInfo(self.tr("Reading {path}…").format(path=path))
        parsed = complaints.read_complaints(path)
        feedback.setProgress(20)
        area_layer = self.parameterAsVectorLayer(parameters, self.AREA, context)
        if area_layer is not None:
            frame = qgis_io.read_layer(area_layer, feedback)
            if frame.crs is None:
                raise CddpError(
                    translate("core", "The area layer {layer} has no CRS; set it in the layer properties."),
                    layer=area_layer.name(),
                )
            label = self.parameterAsString(parameters, self.AREA_LABEL, context) or area_layer.name()
            parsed = intake.keep_within(parsed, frame.to_crs("EPSG:4326").union_all(), label)
        if feedback.isCanceled():
            return {}
        distance = self.parameterAsDouble(parameters, self.MAX_DISTANCE, context)

        def progress(pct):
            feedback.setProgress(20 + 0.8 * pct)

        report = intake.import_complaints(ws, parsed, getpass.getuser(), max_distance=distance, progress=progress)
        snapped = sum(report.snapped.values())
        feedback.pushInfo(
            self.tr("Format {format}: {rows} rows, {inserted} added, {updated} updated, {unchanged} unchanged, {rejected} rejected.").format(
                format=parsed.format, rows=report.rows, inserted=report.inserted, updated=report.updated,
                unchanged=report.unchanged, rejected=report.rejected,
            )
        )  # fmt: skip
        feedback.pushInfo(
            self.tr("Snapped to an asset: {snapped} ({layers}); no asset within {distance:g} m: {far}; categories without assets: {none}.").format(
                snapped=snapped, layers=", ".join(f"{k} {v}" for k, v in sorted(report.snapped.items())) or "-",
                distance=distance, far=report.not_snapped, none=report.no_asset_category,
            )
        )  # fmt: skip
        if report.pii_scrubbed:
            feedback.pushInfo(
                self.tr("Contact details removed from the text: {counts}.").format(
                    counts=", ".join(f"{k} {v}" for k, v in sorted(report.pii_scrubbed.items()))
                )
            )
        if report.unknown_tags:
            feedback.pushWarning(
                self.tr("Categories no work category knows, filed as 'other' (kept in categories_raw): {tags}.").format(
                    tags=", ".join(f"{k} {v}" for k, v in list(report.unknown_tags.items())[:15])
                )
            )
        for warning in parsed.warnings[:20]:
            feedback.pushWarning(_reason(warning))
        if report.rejected:
            feedback.pushWarning(
                self.tr("{n} rows were rejected; see the REJECTED output for each reason.").format(n=report.rejected)
            )
        results = {"ROWS": report.rows, "INSERTED": report.inserted, "UPDATED": report.updated,
                   "REJECTED_COUNT": report.rejected, "SNAPPED": snapped}  # fmt: skip
        rows = [
            {"row": r["row"], "external_id": r["external_id"], "code": r["code"], "reason": _reason(r)}
            for r in parsed.rejected
        ]
        frame = pd.DataFrame(rows, columns=["row", "external_id", "code", "reason"])
        self.write_frame(parameters, self.REJECTED, context, frame.astype(object), results)
        return results


class GenerateWorkOrdersAlgorithm(CddpAlgorithm):
    NAME, GROUP_ID = "generateworkorders", "work"
    COMPLAINTS, CONDITION, LAMPS = "FROM_COMPLAINTS", "FROM_CONDITION", "FROM_LAMPS"
    PCI_BELOW, PASER_AT_MOST = "PCI_BELOW", "PASER_AT_MOST"
    SLA, HOLIDAYS = "SLA", "HOLIDAYS"

    def displayName(self):
        return self.tr("Generate work orders")

    def group(self):
        return self.tr("Work orders and complaints")

    def shortHelpString(self):
        return self.tr(
            "Creates maintenance work orders in the workspace: one open order per asset and category. Sources: road sections whose PCI is below PCI_BELOW (or, without PCI, whose PASER is at most PASER_AT_MOST); streetlights that need repair (out, partly out, flickering, burning by day, damaged pole, missing), with one order at priority P2 for each outage cluster; and open complaints — a complaint about an asset that already has an open order of its category is attached to that order, a complaint without an asset gets its own order. Running it again creates nothing twice. Every new order and attachment is recorded in the work-order history; due times follow the priority's SLA.\n\n"
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
        from ..core import intake, workorders, workspace

        ws = self.workspace_path(parameters, context)
        sla_text = self.parameterAsString(parameters, self.SLA, context).strip() or None
        holidays_text = self.parameterAsString(parameters, self.HOLIDAYS, context).strip() or None
        workspace.save_work_order_policy(ws, sla=sla_text, holidays=holidays_text)
        sla, holidays = workspace.work_order_policy(ws)
        feedback.pushInfo(
            self.tr("SLA: {sla}; holidays: {holidays}{saved}.").format(
                sla=workorders.sla_text(sla), holidays=len(holidays),
                saved=self.tr(" (saved in the workspace)") if (sla_text or holidays_text) else "",
            )
        )  # fmt: skip
        report = intake.generate_work_orders(
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
                created=report.created, road=origin.get("road", 0), lamp=origin.get("lamp", 0),
                cluster=origin.get("cluster", 0), complaint=origin.get("complaint", 0),
            )
        )  # fmt: skip
        feedback.pushInfo(
            self.tr("Complaints attached to open orders: {attached}; already on an order: {linked}; assets that already had an open order: {skipped}.").format(
                attached=report.attached, linked=report.already_linked, skipped=report.skipped_existing,
            )
        )  # fmt: skip
        if report.orders:
            feedback.pushInfo(
                self.tr("New orders {first} … {last}.").format(first=report.orders[0], last=report.orders[-1])
            )
        return {"CREATED": report.created, "ATTACHED": report.attached, "SKIPPED": report.skipped_existing}


class ChangeWorkOrderAlgorithm(CddpAlgorithm):
    """One work order to its next status — the Work orders dock's buttons, for scripts and batch runs."""

    NAME, GROUP_ID = "changeworkorder", "work"
    ORDER, STATUS, NOTE, TEAM, ASSIGNEE, AT = "ORDER", "STATUS", "NOTE", "TEAM", "ASSIGNEE", "AT"

    def displayName(self):
        return self.tr("Change a work order's status")

    def group(self):
        return self.tr("Work orders and complaints")

    def shortHelpString(self):
        return self.tr(
            "Moves one work order (ORDER: its number such as WO-2569-00042, or its uuid) to STATUS, as the buttons of the Work orders dock do: only allowed changes (new → triaged → assigned → in progress ⇄ on hold → completed → verified → closed, plus cancelled and duplicate); cancelling, marking a duplicate and sending a completed order back need a NOTE; assigning needs a TEAM or ASSIGNEE. AT back-dates the change (e.g. from a paper job sheet; Bangkok time when no offset is given) but never before the order's earlier steps. The change is recorded in the work-order history and the linked complaints follow (in progress, finished), through the change log. Phone numbers are removed from the note."
        )

    def initAlgorithm(self, config=None):
        from qgis.core import QgsProcessingOutputString

        from ..core.workorders import STATUSES

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
        from ..core import intake
        from ..core.workorders import STATUSES

        ws = self.workspace_path(parameters, context)
        status = STATUSES[self.parameterAsEnum(parameters, self.STATUS, context)]
        changes = {}
        for key, name in ((self.TEAM, "team"), (self.ASSIGNEE, "assignee")):
            value = self.parameterAsString(parameters, key, context).strip()
            if value:
                changes[name] = value
        report = intake.change_work_order(
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
