"""Work orders dock: the municipality's maintenance orders as a filterable list coloured by SLA state,
status changes through the lifecycle of :mod:`core.workorders` (one button per allowed next status),
notes and photos, new orders from the selected road section, streetlight or complaint, and KPIs for
a period with a small chart.

Every change goes through the QGIS layers' edit buffers (``work_orders``, ``work_order_events``,
``complaints``), so it shows at once on the map, can be undone (this panel's "Undo last change"
undoes the order, its event and its complaints together) and is recorded by the workspace's
change-log triggers when the layers are saved. The values written (the order's new fields, its
history event, the status of linked complaints, which follow the order so that the status can flow
back to the channel) come from the core (:func:`core.works.jobs.plan_work_order_change`,
:func:`core.works.workorders.note_event`); :mod:`toolbelt.edits` applies them as one undoable edit.

PDPA: assignees and the actors of events are personal data; they are shown only with the
"Show names" switch (the shared ``privacy/show_personal_data`` setting), and turning it on is logged.
Complaint descriptions are never shown here.
"""

from __future__ import annotations

import datetime as _dt
import getpass
import tempfile
from pathlib import Path

from qgis.core import (
    Qgis,
    QgsApplication,
    QgsCoordinateTransform,
    QgsFeature,
    QgsFeatureRequest,
    QgsGeometry,
    QgsProject,
    QgsVectorLayer,
    QgsWkbTypes,
)
from qgis.PyQt import uic
from qgis.PyQt.QtCore import QDate, QDateTime, Qt
from qgis.PyQt.QtGui import QBrush, QColor, QPixmap
from qgis.PyQt.QtWidgets import (
    QDockWidget,
    QFileDialog,
    QHeaderView,
    QListWidgetItem,
    QPushButton,
    QTableWidgetItem,
)

from ..core.common import palette
from ..core.common.errors import CddpError
from ..core.common.numbers import format_int, format_percent
from ..core.common.times import BANGKOK, parse_datetime
from ..core.works import jobs as works_jobs
from ..core.works import kpis as kpi
from ..core.works import sla as works_sla
from ..core.works import workorders
from ..core.workspace import photos, schema
from ..core.workspace.privacy import log_personal_data
from ..toolbelt import edits, settings, workspace_project
from ..toolbelt.i18n import error_text, ui_language
from ..toolbelt.log import get_logger
from .scroll import make_scrollable

FORM_CLASS, _ = uic.loadUiType(str(Path(__file__).with_name("workorders_dock.ui")))
log = get_logger("ui.workorders")

# Okabe–Ito (colour-blind safe): strong colour for the SLA cell, a light tint for the rest of the row.
SLA_COLOURS = palette.SLA
ASSET_SOURCES = ("complaints", "road_sections", "streetlights")  # layers an order can be made from
ASSET_CATEGORY = {"road_sections": "road", "streetlights": "lighting"}
COL_NUMBER, COL_SLA, COL_STATUS, COL_PRIORITY, COL_TITLE, COL_TEAM, COL_ASSIGNEE, COL_DUE = range(8)


def _val(v):
    """A Python value from a QGIS attribute: None for NULL, UTC ISO text for date-times."""
    if v is None or (hasattr(v, "isNull") and not isinstance(v, QDateTime | QDate) and v.isNull()):
        return None
    if isinstance(v, QDateTime):
        if v.isNull() or not v.isValid():
            return None
        utc = v.toUTC() if v.timeSpec() != Qt.TimeSpec.LocalTime else QDateTime(v.date(), v.time(), Qt.TimeSpec.UTC)
        d, t = utc.date(), utc.time()
        return f"{d.year():04d}-{d.month():02d}-{d.day():02d}T{t.hour():02d}:{t.minute():02d}:{t.second():02d}.{t.msec():03d}Z"
    if isinstance(v, QDate):
        return None if v.isNull() else v.toString("yyyy-MM-dd")
    return v


def _local(text, short=False) -> str:
    """A stored UTC time as Bangkok local time: ``2026-05-20 14:30``, or ``20/05 14:30`` when short."""
    if not text:
        return "—"
    try:
        moment = parse_datetime(text).astimezone(BANGKOK)
    except (ValueError, TypeError):
        return str(text)
    return moment.strftime("%d/%m %H:%M" if short else "%Y-%m-%d %H:%M")


class WorkOrdersDock(QDockWidget, FORM_CLASS):
    def __init__(self, iface, parent=None):
        super().__init__(parent)
        self.setupUi(self)
        self.setObjectName("CddpWorkOrdersDock")
        make_scrollable(self)  # fits a 1366×768 screen: scroll to the buttons
        self.iface = iface
        self.thai = ui_language() == "th"
        self.orders: list[dict] = []  # every order of the layer (with "_fid")
        self.shown: list[dict] = []  # the filtered, sorted orders in the table
        self.pending_photos: list[str] = []  # hashes stored, to go with the next change
        self.transition_buttons: dict[str, QPushButton] = {}
        self.undo_log: list[edits.Edit] = []  # this panel's changes, the last one first to undo
        self._connected_layers: list[QgsVectorLayer] = []
        self._busy = False
        self.sla_targets: dict = dict(works_sla.DEFAULT_SLA)  # the workspace's policy, read at each refresh
        self._chart_dir = tempfile.TemporaryDirectory(prefix="cddp-wo-chart-")
        self.last_chart: Path | None = None

        header = self.orderTable.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(COL_TITLE, QHeaderView.ResizeMode.Stretch)
        self.kpiTable.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.kpiTable.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self._fill_filters()
        self.kpiLayout.setStretch(self.kpiLayout.count() - 1, 1)  # spare height below the chart

        self.personalCheck.setChecked(bool(settings.get("privacy/show_personal_data")))
        for combo in (self.statusCombo, self.categoryCombo, self.priorityCombo, self.teamCombo):
            combo.currentIndexChanged.connect(self.fill_table)
        self.overdueCheck.toggled.connect(self.fill_table)
        self.personalCheck.toggled.connect(self._personal_toggled)
        self.orderTable.itemSelectionChanged.connect(self.show_selected)
        self.orderTable.cellDoubleClicked.connect(lambda *_a: self.zoom_to_order())
        self.refreshButton.clicked.connect(self.refresh)
        self.newButton.clicked.connect(self.new_order_from_selection)
        self.attachButton.clicked.connect(self.choose_photos)
        self.recordButton.clicked.connect(self.record_note)
        self.zoomButton.clicked.connect(self.zoom_to_order)
        self.undoButton.clicked.connect(self.undo_last)
        self.saveButton.clicked.connect(self.save_changes)
        self.periodCombo.currentIndexChanged.connect(self._period_changed)
        self.fromDate.dateChanged.connect(self.refresh_kpis)
        self.toDate.dateChanged.connect(self.refresh_kpis)

        project = QgsProject.instance()
        project.readProject.connect(self.refresh)
        project.cleared.connect(self.refresh)
        project.layersAdded.connect(self.refresh)
        self.refresh()

    # --- labels -----------------------------------------------------------------------------------
    def label(self, domain: str, code) -> str:
        """Thai or English label of a value-list code, following the UI language."""
        if code is None:
            return "—"
        return schema.label(domain, code, "th" if self.thai else "en")

    def sla_text(self, state, repaired: bool = False) -> str:
        if repaired:
            return {"on_time": self.tr("Repaired in time"), "overdue": self.tr("Repaired late")}.get(state, "")
        return {
            "on_time": self.tr("On time"),
            "due_soon": self.tr("Due soon"),
            "overdue": self.tr("Overdue"),
        }.get(state, "")

    def _fill_filters(self) -> None:
        self.statusCombo.addItem(self.tr("Open orders"), "open")
        self.statusCombo.addItem(self.tr("All statuses"), "all")
        for code in workorders.STATUSES:
            self.statusCombo.addItem(self.label("wo_status", code), code)
        self.categoryCombo.addItem(self.tr("All categories"), None)
        for code in workorders.CATEGORIES:
            self.categoryCombo.addItem(self.label("work_category", code), code)
        self.priorityCombo.addItem(self.tr("All priorities"), None)
        self.newPriorityCombo.clear()
        for code in workorders.PRIORITIES:
            self.priorityCombo.addItem(self.label("priority", code), code)
            self.newPriorityCombo.addItem(self.label("priority", code), code)
        self.newPriorityCombo.setCurrentIndex(workorders.PRIORITIES.index("P3"))
        self.teamCombo.addItem(self.tr("All teams"), None)
        self.teamCombo.addItem(self.tr("No team"), kpi.NO_TEAM)
        self.periodCombo.addItem(self.tr("Last 30 days"), "last_30")
        self.periodCombo.addItem(self.tr("Last 90 days"), "last_90")
        self.periodCombo.addItem(self.tr("Last 365 days"), "last_365")
        self.periodCombo.addItem(self.tr("From – to (dates)"), "custom")
        now = _dt.datetime.now(BANGKOK)  # the municipality's day, whatever the computer's time zone
        today = QDate(now.year, now.month, now.day)
        self.fromDate.setDate(today.addDays(-30))
        self.toDate.setDate(today)
        self.fromDate.setEnabled(False)
        self.toDate.setEnabled(False)

    # --- workspace layers -------------------------------------------------------------------------
    def workspace(self) -> str | None:
        return workspace_project.workspace_of_project(QgsProject.instance())

    def policy(self) -> tuple[dict | None, frozenset]:
        """The workspace's SLA targets and holidays (cddp:generateworkorders stores them)."""
        ws = self.workspace()
        return works_sla.work_order_policy(ws) if ws else (None, frozenset())

    def layer(self, name: str) -> QgsVectorLayer | None:
        return workspace_project.project_layer(name)

    def message(self, text: str, level=Qgis.MessageLevel.Info) -> None:
        self.iface.messageBar().pushMessage("CDDP", text, level=level, duration=8)

    def _unwatch_layers(self) -> None:
        for lyr in self._connected_layers:
            try:
                lyr.dataChanged.disconnect(self._layer_changed)
            except (TypeError, RuntimeError):
                pass
        self._connected_layers = []

    def _watch_layers(self) -> None:
        self._unwatch_layers()
        for name in ("work_orders", "work_order_events", "complaints"):
            lyr = self.layer(name)
            if lyr is not None:
                lyr.dataChanged.connect(self._layer_changed)
                self._connected_layers.append(lyr)

    def disconnect_project(self) -> None:
        project = QgsProject.instance()
        for signal in (project.readProject, project.cleared, project.layersAdded):
            try:
                signal.disconnect(self.refresh)
            except TypeError:
                pass
        self._unwatch_layers()
        self._chart_dir.cleanup()

    def _layer_changed(self, *_args) -> None:
        if not self._busy:
            self.refresh()

    # --- reading ----------------------------------------------------------------------------------
    @staticmethod
    def _record(feature: QgsFeature) -> dict:
        rec = {name: _val(feature[name]) for name in feature.fields().names() if name != "fid"}
        rec["_fid"] = feature.id()
        return rec

    def read_orders(self) -> list[dict]:
        layer = self.layer("work_orders")
        return [self._record(f) for f in layer.getFeatures()] if layer is not None else []

    def events_of(self, order_uuid: str) -> list[dict]:
        layer = self.layer("work_order_events")
        if layer is None or not order_uuid:
            return []
        req = QgsFeatureRequest().setFilterExpression(f"\"work_order_uuid\" = '{order_uuid}'")
        return sorted((self._record(f) for f in layer.getFeatures(req)), key=lambda e: str(e.get("event_at") or ""))

    def complaints_of(self, order_uuid: str) -> list[dict]:
        layer = self.layer("complaints")
        if layer is None or not order_uuid:
            return []
        req = QgsFeatureRequest().setFilterExpression(f"\"work_order_uuid\" = '{order_uuid}'")
        return [self._record(f) for f in layer.getFeatures(req)]

    def refresh(self, *_args) -> None:
        self._watch_layers()
        has_ws = self.layer("work_orders") is not None
        self.hintLabel.setVisible(not has_ws)
        self.tabs.setEnabled(has_ws)
        self.orders = self.read_orders()
        current_team = self.teamCombo.currentData()
        self.teamCombo.blockSignals(True)
        while self.teamCombo.count() > 2:
            self.teamCombo.removeItem(2)
        teams = kpi.teams_of(self.orders)
        for team in teams:
            self.teamCombo.addItem(team, team)
        idx = self.teamCombo.findData(current_team) if current_team is not None else 0
        self.teamCombo.setCurrentIndex(max(idx, 0))
        self.teamCombo.blockSignals(False)
        typed = self.teamEdit.currentText()
        self.teamEdit.clear()
        self.teamEdit.addItems(teams)
        self.teamEdit.setEditText(typed)
        self.fill_table()
        self.refresh_kpis()
        header_item = self.orderTable.horizontalHeaderItem(COL_SLA)
        if header_item is not None and has_ws:
            try:
                sla, holidays = self.policy()
            except CddpError as exc:
                header_item.setToolTip(error_text(exc))
            else:
                self.sla_targets = sla
                header_item.setToolTip(
                    self.tr("SLA of this workspace: {targets}; holidays: {n}").format(
                        targets=", ".join(f"{p} {self.target_text(t)}" for p, t in sla.items()), n=len(holidays)
                    )
                )

    def target_text(self, target) -> str:
        """An SLA target in words: "4 h" / "5 working days"."""
        if target.working_days:
            return self.tr("{n} working days").format(n=target.working_days)
        return self.tr("{n:g} h").format(n=target.hours)

    # --- the list ---------------------------------------------------------------------------------
    def current_filter(self) -> dict:
        status = self.statusCombo.currentData()
        statuses = None
        if status == "open":
            statuses = set(workorders.STATUSES) - workorders.TERMINAL
        elif status != "all":
            statuses = {status}
        return {
            "statuses": statuses,
            "category": self.categoryCombo.currentData(),
            "priority": self.priorityCombo.currentData(),
            "team": self.teamCombo.currentData(),
            "overdue_only": self.overdueCheck.isChecked(),
        }

    def fill_table(self, *_args) -> None:
        selected = self.current_order()
        selected_uuid = selected.get("uuid") if selected else None
        now = _dt.datetime.now(_dt.UTC)
        self.shown = sorted(kpi.filter_orders(self.orders, now=now, **self.current_filter()), key=kpi.sort_key(now))
        personal = self.personalCheck.isChecked()
        self.orderTable.setColumnHidden(COL_ASSIGNEE, not personal)
        table = self.orderTable
        table.blockSignals(True)
        table.clearContents()
        table.setRowCount(len(self.shown))
        for row, order in enumerate(self.shown):
            try:
                state = works_sla.sla_state(order, now=now)
            except CddpError:
                state = None
            # repaired or final orders: their SLA outcome in a light tint; the strong colour is for
            # orders that still need work
            done = order.get("status") in workorders.TERMINAL or kpi.is_repaired(order)
            texts = {
                COL_NUMBER: order.get("wo_number") or "—",
                COL_SLA: self.sla_text(state, repaired=done),
                COL_STATUS: self.label("wo_status", order.get("status")),
                COL_PRIORITY: str(order.get("priority") or "—"),
                COL_TITLE: order.get("title") or "",
                COL_TEAM: order.get("team") or "",
                COL_ASSIGNEE: (order.get("assignee") or "") if personal else "",
                COL_DUE: _local(order.get("due_at"), short=True),
            }
            strong, tint, ink = SLA_COLOURS.get(state, (None, None, None))
            for col, text in texts.items():
                item = QTableWidgetItem(str(text))
                if col == COL_NUMBER:
                    item.setData(Qt.ItemDataRole.UserRole, order["_fid"])
                if col == COL_PRIORITY:
                    item.setToolTip(self.label("priority", order.get("priority")))
                if col == COL_TITLE:
                    item.setToolTip(f"{text}\n{self.label('work_category', order.get('category'))}")
                if col == COL_DUE:
                    item.setToolTip(_local(order.get("due_at")))
                if state is not None:
                    item.setBackground(QBrush(QColor(strong if col == COL_SLA and not done else tint)))
                    if col == COL_SLA and not done:
                        item.setForeground(QBrush(QColor(ink)))
                if order.get("status") in workorders.TERMINAL:
                    item.setForeground(QBrush(QColor(palette.DONE_INK)))
                table.setItem(row, col, item)
        table.blockSignals(False)
        self.countLabel.setText(
            self.tr("{shown} of {total} orders shown").format(
                shown=format_int(len(self.shown)), total=format_int(len(self.orders))
            )
        )
        row = next((i for i, o in enumerate(self.shown) if selected_uuid and o.get("uuid") == selected_uuid), -1)
        if row >= 0:
            table.selectRow(row)
        else:
            table.clearSelection()
        self.show_selected()

    def current_order(self) -> dict | None:
        rows = {i.row() for i in self.orderTable.selectedItems()} if hasattr(self, "shown") else set()
        if len(rows) != 1:
            return None
        row = rows.pop()
        return self.shown[row] if 0 <= row < len(self.shown) else None

    def select_order(self, order_uuid: str) -> bool:
        """Select an order in the list (clearing the filters if they hide it)."""
        row = next((i for i, o in enumerate(self.shown) if o.get("uuid") == order_uuid), -1)
        if row < 0:
            for combo in (self.categoryCombo, self.priorityCombo, self.teamCombo):
                combo.blockSignals(True)
                combo.setCurrentIndex(0)
                combo.blockSignals(False)
            self.overdueCheck.blockSignals(True)
            self.overdueCheck.setChecked(False)
            self.overdueCheck.blockSignals(False)
            self.statusCombo.blockSignals(True)
            self.statusCombo.setCurrentIndex(self.statusCombo.findData("all"))
            self.statusCombo.blockSignals(False)
            self.fill_table()
            row = next((i for i, o in enumerate(self.shown) if o.get("uuid") == order_uuid), -1)
        if row >= 0:
            self.orderTable.selectRow(row)
            self.show_selected()
        return row >= 0

    # --- the selected order -----------------------------------------------------------------------
    def show_selected(self) -> None:
        order = self.current_order()
        self.orderGroup.setEnabled(order is not None)
        self._fill_transition_buttons(order)
        personal = self.personalCheck.isChecked()
        self.assigneeCaption.setVisible(personal)
        self.assigneeEdit.setVisible(personal)
        self.historyList.clear()
        if order is None:
            self.detailLabel.setText(self.tr("Select an order in the list."))
            self.assigneeEdit.clear()
            return
        self.teamEdit.setEditText(order.get("team") or "")
        self.assigneeEdit.setText((order.get("assignee") or "") if personal else "")
        lines = [f"<b>{order.get('wo_number') or '—'}</b> · {_html(order.get('title') or '')}"]
        lines.append(
            self.tr("{status} · {priority} · {category}").format(
                status=self.label("wo_status", order.get("status")),
                priority=self.label("priority", order.get("priority")),
                category=self.label("work_category", order.get("category")),
            )
        )
        lines.append(
            self.tr("Created {created}; due {due}").format(
                created=_local(order.get("created_at")), due=_local(order.get("due_at"))
            )
        )
        target = self.sla_targets.get(order.get("priority"))  # the policy read at the last refresh
        if target is not None:
            lines.append(self.tr("SLA of {priority}: {target}").format(
                priority=order.get("priority"), target=self.target_text(target)))  # fmt: skip
        if order.get("completed_at"):
            lines.append(self.tr("Repaired {at}").format(at=_local(order.get("completed_at"))))
        if order.get("asset_layer"):
            lines.append(
                self.tr("Asset: {layer} {id}").format(
                    layer=self.label("asset_layer", order.get("asset_layer")), id=self._asset_name(order)
                )
            )
        complaints = self.complaints_of(order.get("uuid"))
        if complaints:
            refs = ", ".join(
                f"{c.get('external_id') or str(c.get('uuid'))[:8]} ({self.label('complaint_status', c.get('status'))})"
                for c in complaints
            )
            lines.append(self.tr("Complaints: {refs}").format(refs=_html(refs)))
        self.detailLabel.setText("<br>".join(lines))
        for event in reversed(self.events_of(order.get("uuid"))):  # the newest first
            frm = self.label("wo_status", event.get("from_status")) if event.get("from_status") else ""
            text = f"{_local(event.get('event_at'))}  {frm + ' → ' if frm else ''}{self.label('wo_status', event.get('to_status'))}"
            if event.get("from_status") and event.get("from_status") == event.get("to_status"):
                text = f"{_local(event.get('event_at'))}  {self.tr('Note')}"
            n_photos = len(workorders.photo_hashes_of(event))
            if n_photos:
                text += "  " + self.tr("{n} photo(s)").format(n=n_photos)
            if event.get("note"):
                text += f"  · {event['note']}"
            if personal and event.get("actor"):
                text += f"  · {event['actor']}"
            item = QListWidgetItem(text)
            item.setToolTip(text)
            self.historyList.addItem(item)

    def _asset_name(self, order: dict) -> str:
        name, asset_uuid = order.get("asset_layer"), order.get("asset_uuid")
        layer = self.layer(name) if name in ("road_sections", "streetlights", "roads") else None
        if layer is not None and asset_uuid:
            field = {"road_sections": "section_id", "streetlights": "ref", "roads": "name"}[name]
            req = QgsFeatureRequest().setFilterExpression(f"\"uuid\" = '{asset_uuid}'")
            feature = next(layer.getFeatures(req), None)
            if feature is not None and layer.fields().indexFromName(field) >= 0 and _val(feature[field]):
                return str(_val(feature[field]))
        return str(asset_uuid or "")[:8]

    def _fill_transition_buttons(self, order: dict | None) -> None:
        layout = self.transitionLayout
        while layout.count():
            widget = layout.takeAt(0).widget()
            if widget is not None:
                widget.hide()
                widget.deleteLater()
        self.transition_buttons = {}
        nxt = (
            workorders.allowed_next(order["status"]) if order and order.get("status") in workorders.TRANSITIONS else ()
        )
        self.transitionCaption.setText(
            self.tr("Change status to:") if nxt else (self.tr("This order is final.") if order else "")
        )
        for i, status in enumerate(nxt):
            rework = workorders.is_rework(order["status"], status)
            text = self.tr("Rework (send back)") if rework else "→ " + self.label("wo_status", status)
            button = QPushButton(text, self.transitionBox)
            button.setObjectName(f"transition_{status}")
            if workorders.needs_note(order["status"], status):
                button.setToolTip(self.tr("Needs a note saying why"))
            elif workorders.needs_team(status):
                button.setToolTip(self.tr("Needs a team or an assignee"))
            button.clicked.connect(lambda _checked=False, s=status: self.apply_transition(s))
            layout.addWidget(button, i // 3, i % 3)
            self.transition_buttons[status] = button

    def _personal_toggled(self, on: bool) -> None:
        settings.set("privacy/show_personal_data", on)
        ws = self.workspace()
        if on and ws:
            log_personal_data(ws, self.actor(), "workorders:view_names", {"orders": len(self.orders)})
        self.fill_table()

    # --- editing ----------------------------------------------------------------------------------
    @staticmethod
    def actor() -> str:
        return QgsApplication.userLoginName() or getpass.getuser()

    def _write(self, label: str, layer_edits: list[edits.LayerEdit]) -> bool:
        """Write ``layer_edits`` as one undoable edit (one edit command per layer); on a failure nothing
        is kept. Records one undo entry for the whole change."""
        self._busy = True
        try:
            edit = edits.apply_edit(label, layer_edits)
        except edits.EditError as exc:
            if exc.reason == "not_editable":
                self.message(
                    self.tr("The layer {layer} cannot be edited.").format(layer=exc.layer.name()),
                    Qgis.MessageLevel.Critical,
                )
            self.message(self.tr("The change could not be written; nothing was changed."), Qgis.MessageLevel.Critical)
            return False
        finally:
            self._busy = False
        self.undo_log.append(edit)
        return True

    def apply_transition(self, to_status: str) -> bool:
        """Move the selected order to ``to_status`` with the note, team/assignee and photos in the panel."""
        order = self.current_order()
        if order is None:
            self.message(self.tr("Select an order in the list first."), Qgis.MessageLevel.Warning)
            return False
        note = self.noteEdit.toPlainText().strip() or None
        changes = {}
        if workorders.needs_team(to_status):
            team = self.teamEdit.currentText().strip()
            assignee = self.assigneeEdit.text().strip() if self.personalCheck.isChecked() else ""
            if team and team != (order.get("team") or ""):
                changes["team"] = team
            if assignee and assignee != (order.get("assignee") or ""):
                changes["assignee"] = assignee
        missing = workorders.missing_inputs(order, to_status, note=note, changes=changes)
        if "note" in missing:
            self.noteEdit.setFocus()
            self.message(
                self.tr(
                    'To change {order} to "{status}", write in the note field why (which order it duplicates, why it is cancelled, what failed), then click again.'
                ).format(order=order.get("wo_number"), status=self.label("wo_status", to_status)),
                Qgis.MessageLevel.Warning,
            )
            return False
        if "team" in missing:
            self.teamEdit.setFocus()
            self.message(
                self.tr("To assign {order}, choose or type a team (or an assignee), then click again.").format(
                    order=order.get("wo_number")
                ),
                Qgis.MessageLevel.Warning,
            )
            return False
        source = {k: v for k, v in order.items() if k != "_fid"}
        try:
            sla, holidays = self.policy()
            change = works_jobs.plan_work_order_change(
                source, to_status, self.actor(), complaints=self.complaints_of(order.get("uuid")), note=note,
                photo_hashes=self.pending_photos, changes=changes, sla=sla, holidays=holidays,
            )  # fmt: skip
        except CddpError as exc:
            self.message(error_text(exc), Qgis.MessageLevel.Warning)
            return False
        layer_edits = [
            edits.LayerEdit(self.layer("work_orders"), change={order["_fid"]: change.changed}),
            edits.LayerEdit(self.layer("work_order_events"), add=[(change.event, None)]),
        ]
        if change.complaints:
            statuses = {complaint["_fid"]: {"status": status} for complaint, status in change.complaints}
            layer_edits.append(edits.LayerEdit(self.layer("complaints"), change=statuses))
        label = self.tr("Work order {order}: {status}").format(
            order=order.get("wo_number"), status=self.label("wo_status", to_status)
        )
        if not self._write(label, layer_edits):
            return False
        self.noteEdit.clear()
        self.pending_photos = []
        self._show_pending_photos()
        self.refresh()
        self.select_order(change.order["uuid"])
        text = self.tr('{order} is now "{status}".').format(
            order=order.get("wo_number"), status=self.label("wo_status", to_status)
        )
        if change.complaints:
            text += " " + self.tr('{n} linked complaint(s) set to "{status}".').format(
                n=len(change.complaints), status=self.label("complaint_status", change.complaints[0][1])
            )
        elif change.complaints_kept:
            text += " " + self.tr("Its complaints were not changed: decide what to tell the complainants.")
        text += " " + self.tr('Save the layers to keep it; "Undo last change" undoes it.')
        self.message(text, Qgis.MessageLevel.Success)
        return True

    def record_note(self) -> bool:
        """An event without a status change: the note and attached photos (e.g. "before" photos)."""
        order = self.current_order()
        if order is None:
            self.message(self.tr("Select an order in the list first."), Qgis.MessageLevel.Warning)
            return False
        note = self.noteEdit.toPlainText().strip() or None
        if note is None and not self.pending_photos:
            self.noteEdit.setFocus()
            self.message(self.tr("Write a note or attach photos first."), Qgis.MessageLevel.Warning)
            return False
        try:
            event = workorders.note_event(
                {k: v for k, v in order.items() if k != "_fid"},
                actor=self.actor(),
                note=note,
                photo_hashes=self.pending_photos,
            )
        except CddpError as exc:
            self.message(error_text(exc), Qgis.MessageLevel.Warning)
            return False
        label = self.tr("Work order {order}: note").format(order=order.get("wo_number"))
        if not self._write(label, [edits.LayerEdit(self.layer("work_order_events"), add=[(event, None)])]):
            return False
        self.noteEdit.clear()
        self.pending_photos = []
        self._show_pending_photos()
        self.show_selected()
        self.message(
            self.tr("Note recorded for {order}.").format(order=order.get("wo_number")), Qgis.MessageLevel.Success
        )
        return True

    def undo_last(self) -> bool:
        """Undo the last change made in this panel on every layer it touched, if nothing else was
        edited on those layers since."""
        if not self.undo_log:
            self.message(self.tr("There is no change of this panel to undo."), Qgis.MessageLevel.Info)
            return False
        entry = self.undo_log[-1]
        if not entry.is_current():
            self.undo_log.clear()
            self.message(
                self.tr("The layers were saved or edited since; use each layer's own undo instead."),
                Qgis.MessageLevel.Warning,
            )
            return False
        self.undo_log.pop()
        self._busy = True
        try:
            entry.undo()
        finally:
            self._busy = False
        self.refresh()
        self.message(self.tr("Undone."), Qgis.MessageLevel.Info)
        return True

    def save_changes(self) -> bool:
        ok = True
        self._busy = True
        try:
            for name in ("work_orders", "work_order_events", "complaints"):
                layer = self.layer(name)
                if layer is not None and layer.isEditable() and layer.isModified() and not layer.commitChanges(False):
                    ok = False
                    self.message(
                        self.tr("Could not save {layer}: {errors}").format(
                            layer=layer.name(), errors="; ".join(layer.commitErrors())
                        ),
                        Qgis.MessageLevel.Critical,
                    )
        finally:
            self._busy = False
        if ok:
            self.undo_log.clear()
            self.message(self.tr("Work orders saved."), Qgis.MessageLevel.Success)
        self.refresh()
        return ok

    # --- photos -----------------------------------------------------------------------------------
    def choose_photos(self) -> None:
        paths, _ = QFileDialog.getOpenFileNames(
            self,
            self.tr("Attach photos"),
            str(Path.home()),
            self.tr("Images (*.jpg *.jpeg *.png *.heic *.webp *.tif *.tiff *.gif *.bmp);;All files (*)"),
        )
        if paths:
            self.attach_photos(paths)

    def attach_photos(self, paths) -> list[str]:
        """Store the photos beside the workspace by their hash; they go with the next change or note."""
        ws = self.workspace()
        if not ws:
            self.message(self.tr("Open a CDDP workspace project first."), Qgis.MessageLevel.Warning)
            return []
        added = []
        for path in paths:
            try:
                sha, _stored = photos.store_photo(ws, path)
            except CddpError as exc:
                self.message(error_text(exc), Qgis.MessageLevel.Warning)
                continue
            if sha not in self.pending_photos:
                self.pending_photos.append(sha)
                added.append(sha)
        self._show_pending_photos()
        return added

    def _show_pending_photos(self) -> None:
        n = len(self.pending_photos)
        self.photosLabel.setText(self.tr("{n} photo(s) to attach").format(n=n) if n else "")

    # --- new orders -------------------------------------------------------------------------------
    def new_order_from_selection(self) -> dict | None:
        """A new order for the one selected road section, streetlight or complaint, at its location."""
        wo_layer = self.layer("work_orders")
        if wo_layer is None:
            self.message(self.tr("Open a CDDP workspace project first."), Qgis.MessageLevel.Warning)
            return None
        picked = []
        for name in ASSET_SOURCES:
            layer = self.layer(name)
            if layer is not None:
                picked += [(name, layer, f) for f in layer.selectedFeatures()]
        if len(picked) != 1:
            self.message(
                self.tr(
                    "Select exactly one road section, streetlight or complaint on the map ({n} selected now), then click again."
                ).format(n=len(picked)),
                Qgis.MessageLevel.Warning,
            )
            return None
        name, layer, feature = picked[0]
        record = self._record(feature)
        priority = self.newPriorityCombo.currentData() or "P3"
        existing = [o.get("wo_number") for o in self.orders]
        try:
            sla, holidays = self.policy()
            if name == "complaints":
                linked = record.get("work_order_uuid")
                if linked and any(o.get("uuid") == linked for o in self.orders):
                    other = next(o for o in self.orders if o.get("uuid") == linked)
                    self.select_order(linked)
                    self.message(
                        self.tr("This complaint already has the work order {order}.").format(
                            order=other.get("wo_number")
                        ),
                        Qgis.MessageLevel.Warning,
                    )
                    return None
                if self.offer_open_order(record.get("asset_layer"), record.get("asset_uuid"), record.get("category")):
                    return None
                order, event = workorders.work_order_from_complaint(
                    record, created_by=self.actor(), existing_numbers=existing, priority=priority,
                    sla=sla, holidays=holidays,
                )  # fmt: skip
            else:
                category = ASSET_CATEGORY[name]
                if self.offer_open_order(name, record.get("uuid"), category):
                    return None
                ident = record.get("section_id") if name == "road_sections" else record.get("ref")
                title = f"{self.label_th('asset_layer', name)} {ident or str(record.get('uuid'))[:8]}"
                order, event = workorders.new_work_order(
                    title=title,
                    created_by=self.actor(),
                    existing_numbers=existing,
                    category=category,
                    priority=priority,
                    source="inspection",
                    asset_layer=name,
                    asset_uuid=record.get("uuid"),
                    sla=sla,
                    holidays=holidays,
                )
        except CddpError as exc:
            self.message(error_text(exc), Qgis.MessageLevel.Warning)
            return None
        geometry = self._point_for(layer, feature, wo_layer)
        values = {k: v for k, v in order.items() if k not in ("lon", "lat")}
        layer_edits = [
            edits.LayerEdit(wo_layer, add=[(values, geometry)]),
            edits.LayerEdit(self.layer("work_order_events"), add=[(event, None)]),
        ]
        if name == "complaints":
            layer_edits.append(edits.LayerEdit(layer, change={feature.id(): {"work_order_uuid": order["uuid"]}}))
        label = self.tr("New work order {order}").format(order=order["wo_number"])
        if not self._write(label, layer_edits):
            return None
        self.refresh()
        self.select_order(order["uuid"])
        self.message(
            self.tr('Work order {order} created. Save the layers to keep it; "Undo last change" undoes it.').format(
                order=order["wo_number"]
            ),
            Qgis.MessageLevel.Success,
        )
        return order

    def open_order_for(self, asset_layer, asset_uuid, category) -> dict | None:
        """The open order of this asset and category (:func:`core.works.workorders.open_orders_by_asset`):
        first among the layer's orders (unsaved ones included), then in the workspace file (an order a
        layer filter hides); an order deleted in the layer's edit buffer does not count."""
        if not asset_uuid:
            return None
        found = workorders.open_order_for(self.orders, asset_layer, asset_uuid, category)
        if found is not None:
            return dict(found)
        ws, layer = self.workspace(), self.layer("work_orders")
        stored = works_jobs.open_work_order(ws, asset_layer, asset_uuid, category) if ws else None
        if stored is None or layer is None:
            return None
        buffer = layer.editBuffer()
        if buffer is not None and stored["fid"] in buffer.deletedFeatureIds():
            return None
        if any(o.get("uuid") == stored["uuid"] for o in self.orders):
            return None  # in the layer, but no longer open there (an unsaved status change)
        return stored

    def offer_open_order(self, asset_layer, asset_uuid, category) -> bool:
        """When the asset already has an open order of this category, select it and say so instead of
        making a second one; True when an order was offered."""
        order = self.open_order_for(asset_layer, asset_uuid, category)
        if order is None:
            return False
        shown = self.select_order(order["uuid"])
        text = self.tr(
            'This asset already has the open work order {order} ({status}) for "{category}"; no second order was made.'
        ).format(
            order=order.get("wo_number"),
            status=self.label("wo_status", order.get("status")),
            category=self.label("work_category", category or "other"),
        )
        if shown:
            text += " " + self.tr("It is selected in the list.")
        self.message(text, Qgis.MessageLevel.Warning)
        return True

    @staticmethod
    def label_th(domain: str, code) -> str:
        """The Thai label (stored data such as titles stays in Thai, like the value lists)."""
        return schema.label(domain, code)

    @staticmethod
    def _point_for(layer: QgsVectorLayer, feature: QgsFeature, target: QgsVectorLayer) -> QgsGeometry | None:
        geom = feature.geometry()
        if geom is None or geom.isEmpty():
            return None
        if geom.type() == QgsWkbTypes.GeometryType.LineGeometry:
            point = geom.interpolate(geom.length() / 2)
        elif geom.type() == QgsWkbTypes.GeometryType.PolygonGeometry:
            point = geom.pointOnSurface()
        else:
            point = QgsGeometry.fromPointXY(geom.asMultiPoint()[0] if geom.isMultipart() else geom.asPoint())
        if layer.crs() != target.crs():
            point.transform(QgsCoordinateTransform(layer.crs(), target.crs(), QgsProject.instance()))
        if target.wkbType() != point.wkbType() and QgsWkbTypes.isMultiType(target.wkbType()):
            point.convertToMultiType()
        return point

    # --- navigation -------------------------------------------------------------------------------
    def zoom_to_order(self) -> bool:
        order = self.current_order()
        layer = self.layer("work_orders")
        if order is None or layer is None:
            return False
        feature = layer.getFeature(order["_fid"])
        if not feature.hasGeometry():
            self.message(
                self.tr("{order} has no location on the map.").format(order=order.get("wo_number")),
                Qgis.MessageLevel.Info,
            )
            return False
        canvas = self.iface.mapCanvas()
        layer.selectByIds([order["_fid"]])
        # a street-level view around the order: 150 m across in the workspace's metres
        rect = feature.geometry().boundingBox().buffered(75)
        target = canvas.mapSettings().destinationCrs()
        if target.isValid() and target != layer.crs():
            rect = QgsCoordinateTransform(layer.crs(), target, QgsProject.instance()).transformBoundingBox(rect)
        canvas.setExtent(rect)
        canvas.refresh()
        canvas.flashFeatureIds(layer, [order["_fid"]])
        return True

    # --- KPIs -------------------------------------------------------------------------------------
    def _period_changed(self, *_args) -> None:
        custom = self.periodCombo.currentData() == "custom"
        self.fromDate.setEnabled(custom)
        self.toDate.setEnabled(custom)
        self.refresh_kpis()

    def current_period(self) -> kpi.Period:
        kind = self.periodCombo.currentData() or "last_30"
        if kind == "custom":
            start, end = self.fromDate.date(), self.toDate.date()
            return kpi.period_of(
                "custom",
                start=_dt.date(start.year(), start.month(), start.day()),
                end=_dt.date(end.year(), end.month(), end.day()),
            )
        return kpi.period_of(kind)

    def refresh_kpis(self, *_args) -> kpi.Kpis | None:
        try:
            period = self.current_period()
        except CddpError as exc:
            self.message(error_text(exc), Qgis.MessageLevel.Warning)
            return None
        result = kpi.kpis(self.orders, period)
        days = self.tr("days")  # one unit of time to repair: headline, table column and chart (kpi.format_days)
        self.openValue.setText(format_int(result.open))
        self.overdueValue.setText(format_int(result.overdue))
        self.createdValue.setText(format_int(result.created))
        self.completedValue.setText(format_int(result.completed))
        pct = result.sla_met_pct
        self.slaValue.setText(
            "—"
            if pct is None
            else f"{format_percent(pct)} ({format_int(result.sla_met)}/{format_int(result.completed)})"
        )
        self.medianValue.setText(kpi.format_days(result.median_hours, days))
        header = self.kpiTable.horizontalHeaderItem(2)
        if header is not None:
            header.setText(self.tr("Median (days)"))
        self.kpiTable.setRowCount(len(result.by_category))
        for row, cat in enumerate(result.by_category):
            cells = (
                self.label("work_category", cat.category),
                format_int(cat.completed),
                kpi.format_days(cat.median_hours),
                format_percent(100 * cat.sla_met / cat.completed) if cat.completed else "—",
            )
            for col, text in enumerate(cells):
                item = QTableWidgetItem(text)
                if col:
                    item.setTextAlignment(int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter))
                self.kpiTable.setItem(row, col, item)
        table = self.kpiTable
        table.setFixedHeight(  # as tall as its rows: the chart gets the rest
            table.horizontalHeader().sizeHint().height()
            + sum(table.rowHeight(r) for r in range(table.rowCount()))
            + 2 * table.frameWidth()
        )
        rows = [(self.label("work_category", c), h) for c, h in result.chart_data()]
        path = Path(self._chart_dir.name) / "ttr.png"
        try:
            kpi.ttr_chart_png(
                rows,
                path,
                title=self.tr("Median time to repair by category"),
                unit=days,
                empty_text=self.tr("No repairs completed in this period"),
                width_in=4.8,
            )
            self.chartLabel.setPixmap(QPixmap(str(path)))
            self.last_chart = path
        except Exception as exc:  # matplotlib missing or a font problem: KPIs still show
            log.warning("work-order chart failed: %s", exc)
            self.chartLabel.setText(self.tr("The chart could not be drawn."))
        return result


def _html(text: str) -> str:
    return str(text).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
