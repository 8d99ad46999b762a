"""The conflict dock: the open conflicts and rejected changes of the workspace's sync (core/sync/state.py),
each with base / mine / theirs per field and a result to choose or edit, both geometries on the map.

Resolving only writes the resolution into the workspace (core/sync/jobs.resolve through
toolbelt/sync_task.resolve); the next sync sends it, and the rest of the sync never waits for it. Personal
fields of a conflict (residents) are shown — the workspace holds them already — but never logged.
"""

from __future__ import annotations

import base64
import json
import re

from qgis.core import Qgis, QgsCoordinateReferenceSystem, QgsGeometry, QgsProject
from qgis.gui import QgsRubberBand
from qgis.PyQt.QtCore import Qt
from qgis.PyQt.QtGui import QColor
from qgis.PyQt.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDockWidget,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ..core.common.errors import CddpError
from ..core.common.numbers import format_int
from ..core.sync import local
from ..core.workspace import schema
from ..toolbelt import sync_layers, sync_task, workspace_project
from ..toolbelt.i18n import error_text, translate, ui_language
from ..toolbelt.log import get_logger
from .scroll import make_scrollable

log = get_logger("ui.conflicts")
MINE_COLOUR, THEIRS_COLOUR = "#D55E00", "#0072B2"  # vermilion and blue (Okabe–Ito): apart for every eye
GEOM = "geom"
COLUMNS = ("field", "base", "mine", "theirs", "result")
ISSUE_ROLE = Qt.ItemDataRole.UserRole + 1
_FIELD_IN_EXPRESSION = re.compile(r'"([a-z_0-9]+)"')


class ConflictsDock(QDockWidget):
    def __init__(self, iface, parent=None):
        super().__init__(parent)
        self.setObjectName("CddpConflictsDock")
        self.iface = iface
        self.path: str | None = None
        self.issues: list = []
        self.bands: list[QgsRubberBand] = []
        self.setWindowTitle(translate("ConflictsDock", "CDDP Sync conflicts"))
        self._build()
        make_scrollable(self)
        project = QgsProject.instance()
        project.readProject.connect(self.refresh)
        project.cleared.connect(self.refresh)
        sync_task.NOTIFIER.changed.connect(self._sync_changed)
        self.refresh()

    # --- widgets -------------------------------------------------------------------------------
    def _build(self) -> None:
        body = QWidget(self)
        body.setObjectName("contents")
        layout = QVBoxLayout(body)
        self.hintLabel = QLabel(body)
        self.hintLabel.setWordWrap(True)
        layout.addWidget(self.hintLabel)
        splitter = QSplitter(Qt.Orientation.Vertical, body)
        self.issueTree = QTreeWidget(splitter)
        self.issueTree.setObjectName("issueTree")
        self.issueTree.setHeaderLabels([translate("ConflictsDock", "Feature"), translate("ConflictsDock", "Problem")])
        self.issueTree.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.issueTree.header().setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        self.issueTree.setMinimumHeight(110)
        self.issueTree.currentItemChanged.connect(lambda *_: self.show_issue(self.current_issue()))
        detail = QWidget(splitter)
        dl = QVBoxLayout(detail)
        dl.setContentsMargins(0, 0, 0, 0)
        self.detailLabel = QLabel(detail)
        self.detailLabel.setWordWrap(True)
        self.detailLabel.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        dl.addWidget(self.detailLabel)
        self.legendLabel = QLabel(detail)
        self.legendLabel.setWordWrap(True)
        mine = translate("ConflictsDock", "Mine (this workspace)")
        theirs = translate("ConflictsDock", "Theirs (the server)")
        self.legendLabel.setText(
            f'<span style="color:{MINE_COLOUR}">■■</span> {mine} &nbsp; '
            f'<span style="color:{THEIRS_COLOUR}">■■</span> <span style="color:{THEIRS_COLOUR}">- -</span> {theirs}'
        )
        dl.addWidget(self.legendLabel)
        self.fieldTable = QTableWidget(0, len(COLUMNS), detail)
        self.fieldTable.setObjectName("fieldTable")
        self.fieldTable.setHorizontalHeaderLabels(
            [
                translate("ConflictsDock", "Field"),
                translate("ConflictsDock", "Base"),
                translate("ConflictsDock", "Mine"),
                translate("ConflictsDock", "Theirs"),
                translate("ConflictsDock", "Result"),
            ]
        )
        self.fieldTable.verticalHeader().setVisible(False)
        self.fieldTable.setWordWrap(True)
        header = self.fieldTable.horizontalHeader()
        for col in range(len(COLUMNS)):
            header.setSectionResizeMode(col, QHeaderView.ResizeMode.Stretch)
        self.fieldTable.setMinimumHeight(120)
        dl.addWidget(self.fieldTable)
        row1 = QHBoxLayout()
        self.mineButton = self._button(
            translate("ConflictsDock", "Keep mine"), row1, lambda: self.resolve_current("mine")
        )
        self.theirsButton = self._button(
            translate("ConflictsDock", "Take theirs"), row1, lambda: self.resolve_current("theirs")
        )
        self.resultButton = self._button(
            translate("ConflictsDock", "Use result"), row1, lambda: self.resolve_current("edit")
        )
        dl.addLayout(row1)
        row2 = QHBoxLayout()
        self.allMineButton = self._button(
            translate("ConflictsDock", "All mine"), row2, lambda: self.resolve_all("mine")
        )
        self.allTheirsButton = self._button(
            translate("ConflictsDock", "All theirs"), row2, lambda: self.resolve_all("theirs")
        )
        self.refreshButton = self._button(translate("ConflictsDock", "Refresh"), row2, self.refresh)
        dl.addLayout(row2)
        self.mineButton.setToolTip(
            translate("ConflictsDock", "Send my values again on the server's version; the next sync applies them.")
        )
        self.theirsButton.setToolTip(
            translate("ConflictsDock", "Write the server's record into this workspace; nothing is sent.")
        )
        self.resultButton.setToolTip(
            translate("ConflictsDock", "Write the Result column into this workspace and send it with the next sync.")
        )
        self.allMineButton.setToolTip(
            translate("ConflictsDock", "Keep mine for every open conflict (rejected changes are left as they are).")
        )
        self.allTheirsButton.setToolTip(
            translate("ConflictsDock", "Take theirs for every open conflict (rejected changes are left as they are).")
        )
        splitter.addWidget(self.issueTree)
        splitter.addWidget(detail)
        splitter.setStretchFactor(0, 1)
        splitter.setStretchFactor(1, 3)
        layout.addWidget(splitter)
        self.setWidget(body)

    def _button(self, text, row, slot) -> QPushButton:
        button = QPushButton(text, self)
        button.clicked.connect(slot)
        row.addWidget(button)
        return button

    # --- state ---------------------------------------------------------------------------------
    def disconnect_project(self) -> None:
        self.clear_bands()
        project = QgsProject.instance()
        for signal, slot in ((project.readProject, self.refresh), (project.cleared, self.refresh),
                             (sync_task.NOTIFIER.changed, self._sync_changed)):  # fmt: skip
            try:
                signal.disconnect(slot)
            except TypeError:
                pass

    def _sync_changed(self, path: str) -> None:
        if self.path and sync_task._key(self.path) == sync_task._key(path):
            self.refresh()

    def refresh(self, *_args) -> None:
        keep = self.current_issue()
        self.path = workspace_project.workspace_of_project(QgsProject.instance())
        self.issues = []
        if self.path:
            try:
                self.issues = local.read_issues(self.path)
            except CddpError as exc:
                self.message(error_text(exc), Qgis.MessageLevel.Warning)
        self.fill_tree(keep.change_id if keep else None)

    def fill_tree(self, select: str | None = None) -> None:
        self.issueTree.blockSignals(True)
        self.issueTree.clear()
        thai = ui_language() == "th"
        groups: dict[str, QTreeWidgetItem] = {}
        chosen = None
        for issue in self.issues:
            layer = schema.LAYERS_BY_NAME.get(issue.layer)
            title = (layer.title_th if thai else layer.title_en) if layer else issue.layer
            group = groups.get(issue.layer)
            if group is None:
                group = groups[issue.layer] = QTreeWidgetItem(self.issueTree, [title, ""])
                group.setFirstColumnSpanned(True)
                group.setExpanded(True)
            item = QTreeWidgetItem(group, [feature_label(issue), problem_text(issue)])
            item.setData(0, ISSUE_ROLE, issue.change_id)
            item.setToolTip(0, issue.uuid)
            item.setForeground(1, QColor(THEIRS_COLOUR if issue.kind == "conflict" else MINE_COLOUR))
            if chosen is None or issue.change_id == select:
                chosen = item
        for group in groups.values():
            n = group.childCount()
            group.setText(0, f"{group.text(0)} ({n})")
        self.issueTree.blockSignals(False)
        conflicts = sum(1 for i in self.issues if i.kind == "conflict")
        rejected = len(self.issues) - conflicts
        if not self.path:
            self.hintLabel.setText(translate("ConflictsDock", "No CDDP workspace is open."))
        elif not self.issues:
            self.hintLabel.setText(
                translate("ConflictsDock", "No open conflicts or rejected changes: everything synced.")
            )
        else:
            self.hintLabel.setText(
                translate(
                    "ConflictsDock",
                    "{conflicts} conflicts and {rejected} rejected changes. Choose one to see both sides.",
                ).format(conflicts=format_int(conflicts), rejected=format_int(rejected))
            )
        self.allMineButton.setEnabled(conflicts > 0)
        self.allTheirsButton.setEnabled(conflicts > 0)
        if chosen is not None:
            self.issueTree.setCurrentItem(chosen)
        self.show_issue(self.current_issue())

    def current_issue(self):
        item = self.issueTree.currentItem()
        cid = item.data(0, ISSUE_ROLE) if item is not None else None
        return next((i for i in self.issues if i.change_id == cid), None)

    def select(self, change_id: str) -> bool:
        for k in range(self.issueTree.topLevelItemCount()):
            group = self.issueTree.topLevelItem(k)
            for j in range(group.childCount()):
                if group.child(j).data(0, ISSUE_ROLE) == change_id:
                    self.issueTree.setCurrentItem(group.child(j))
                    return True
        return False

    # --- one issue -----------------------------------------------------------------------------
    def show_issue(self, issue) -> None:
        self.clear_bands()
        has = issue is not None
        for w in (self.detailLabel, self.legendLabel, self.fieldTable):
            w.setVisible(has)
        for b in (self.mineButton, self.theirsButton, self.resultButton):
            b.setEnabled(has)
        if not has:
            self.fieldTable.setRowCount(0)
            return
        rejected = issue.kind == "rejected"
        self.mineButton.setEnabled(not rejected)
        self.resultButton.setText(
            translate("ConflictsDock", "Fix and retry") if rejected else translate("ConflictsDock", "Use result")
        )
        self.theirsButton.setText(
            translate("ConflictsDock", "Drop my change") if rejected else translate("ConflictsDock", "Take theirs")
        )
        self.detailLabel.setText(detail_text(issue))
        self.fill_fields(issue)
        self.draw(issue)

    def fill_fields(self, issue) -> None:
        layer = schema.LAYERS_BY_NAME.get(issue.layer)
        thai = ui_language() == "th"
        mine_values = (issue.mine or {}).get("values") or {}
        theirs_values = (issue.theirs or {}).get("values") or {}
        names = [f for f in issue.fields if f != "*"] or [
            *mine_values,
            *([GEOM] if "geom" in (issue.mine or {}) else []),
        ]
        names = list(dict.fromkeys(names))
        self.fieldTable.setRowCount(len(names))
        self.row_fields = names
        for row, name in enumerate(names):
            fdef = _field(layer, name)
            title = field_title(layer, name, thai)
            cells = [title]
            if name == GEOM:
                cells += [
                    translate("ConflictsDock", "(geometry)") if issue.base.get(GEOM) else "—",
                    translate("ConflictsDock", "(geometry)") if (issue.mine or {}).get("geom") else "—",
                    translate("ConflictsDock", "(geometry)")
                    if (issue.theirs or {}).get("geom")
                    else translate("ConflictsDock", "(none)"),
                ]
            else:
                cells += [show_value(fdef, v, thai) for v in (issue.base.get(name), mine_values.get(name),
                                                             theirs_values.get(name))]  # fmt: skip
            for col, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setFlags(item.flags() & ~Qt.ItemFlag.ItemIsEditable)
                item.setToolTip(text)
                self.fieldTable.setItem(row, col, item)
            self.fieldTable.item(row, 2).setForeground(QColor(MINE_COLOUR))
            self.fieldTable.item(row, 3).setForeground(QColor(THEIRS_COLOUR))
            self.fieldTable.removeCellWidget(row, 4)
            if name == GEOM:
                item = QTableWidgetItem(translate("ConflictsDock", "mine"))
                item.setFlags(item.flags() & ~Qt.ItemFlag.ItemIsEditable)
                item.setToolTip(
                    translate("ConflictsDock", "The result keeps my geometry; take theirs for the server's.")
                )
                self.fieldTable.setItem(row, 4, item)
            elif fdef is not None and fdef.domain:
                combo = QComboBox(self.fieldTable)
                combo.addItem("—", None)
                for code, label in schema.labels(fdef.domain, "th" if thai else "en").items():
                    combo.addItem(label, code)
                current = mine_values.get(name)
                idx = combo.findData(None if current is None else str(current))
                combo.setCurrentIndex(max(0, idx))
                self.fieldTable.setCellWidget(row, 4, combo)
                self.fieldTable.setItem(row, 4, QTableWidgetItem(""))
            else:
                value = mine_values.get(name)
                self.fieldTable.setItem(row, 4, QTableWidgetItem("" if value is None else str(value)))
        self.fieldTable.resizeRowsToContents()

    def result_values(self, issue) -> dict:
        """The Result column as field → value, in each field's type (a value list's code)."""
        layer = schema.LAYERS_BY_NAME.get(issue.layer)
        out = {}
        for row, name in enumerate(getattr(self, "row_fields", [])):
            if name == GEOM:
                continue
            fdef = _field(layer, name)
            combo = self.fieldTable.cellWidget(row, 4)
            if isinstance(combo, QComboBox):
                raw = combo.currentData()
            else:
                raw = self.fieldTable.item(row, 4).text().strip() or None
            out[name] = to_field_value(fdef, raw)
        return out

    # --- the map -------------------------------------------------------------------------------
    def clear_bands(self) -> None:
        canvas = self.iface.mapCanvas() if self.iface is not None else None
        for band in self.bands:
            band.reset()
            if canvas is not None:
                canvas.scene().removeItem(band)
        self.bands = []

    def draw(self, issue) -> None:
        canvas = self.iface.mapCanvas()
        for side, colour in (("mine", MINE_COLOUR), ("theirs", THEIRS_COLOUR)):
            geom = geometry_of(getattr(issue, side) or {})
            if geom is None:
                continue
            g, crs = geom
            band = QgsRubberBand(canvas, g.type())
            band.setToGeometry(g, crs)
            colour_q = QColor(colour)
            band.setStrokeColor(colour_q)
            fill = QColor(colour)
            fill.setAlpha(40)
            band.setFillColor(fill)
            band.setWidth(3 if side == "mine" else 2)
            if side == "theirs":
                band.setLineStyle(Qt.PenStyle.DashLine)
            band.setIconSize(12)
            band.show()
            self.bands.append(band)
        canvas.refresh()

    # --- resolving -----------------------------------------------------------------------------
    def resolve_current(self, choice: str) -> bool:
        issue = self.current_issue()
        if issue is None or not self.path:
            return False
        try:
            values = self.result_values(issue) if choice == "edit" else None
        except CddpError as exc:
            self.message(error_text(exc), Qgis.MessageLevel.Warning)
            return False
        return self._resolve([issue], choice, values)

    def resolve_all(self, choice: str) -> bool:
        conflicts = [i for i in self.issues if i.kind == "conflict"]
        return self._resolve(conflicts, choice, None) if conflicts else False

    def _resolve(self, issues, choice, values) -> bool:
        unsaved = sync_layers.unsaved_layers(QgsProject.instance(), self.path)
        if unsaved:
            self.message(
                translate(
                    "ConflictsDock",
                    "Save or discard the edits of {layers} first: resolving writes into the same layers.",
                ).format(layers=", ".join(unsaved)),
                Qgis.MessageLevel.Warning,
            )
            return False
        done = 0
        wrote_here = False
        try:
            for issue in issues:
                sync_task.resolve(self.path, issue.change_id, choice, values)
                done += 1
                wrote_here = wrote_here or choice in ("theirs", "edit")
        except CddpError as exc:
            self.message(error_text(exc), Qgis.MessageLevel.Critical)
        if wrote_here:
            sync_layers.reload_layers(QgsProject.instance(), self.path)
        if done:
            self.message(
                (translate("ConflictsDock", "Resolved {n}: nothing to send.") if choice == "theirs"
                 else translate("ConflictsDock", "Resolved {n}: the next sync sends it.")).format(n=done),
                Qgis.MessageLevel.Success,
            )  # fmt: skip
            log.info("resolved %d sync issue(s) as %s", done, choice)  # counts only: never the values (PDPA)
        self.refresh()
        return done == len(issues)

    def message(self, text: str, level=Qgis.MessageLevel.Info) -> None:
        self.iface.messageBar().pushMessage("CDDP", text, level=level, duration=8)


# --- texts -------------------------------------------------------------------------------------------
def _field(layer, name: str):
    if layer is None:
        return None
    try:
        return layer.field(name)
    except KeyError:
        return None


def feature_label(issue) -> str:
    """The feature as people know it (its display fields, e.g. a parcel code), else the start of its uuid."""
    layer = schema.LAYERS_BY_NAME.get(issue.layer)
    values = {**((issue.theirs or {}).get("values") or {}), **((issue.mine or {}).get("values") or {})}
    if layer is not None and layer.display:
        parts = [str(values[f]) for f in _FIELD_IN_EXPRESSION.findall(layer.display) if values.get(f) not in (None, "")]
        if parts:
            return " ".join(parts[:2])
    return issue.uuid[:8]


def field_title(layer, name: str, thai: bool) -> str:
    if name == GEOM:
        return translate("ConflictsDock", "Geometry")
    fdef = _field(layer, name)
    return (fdef.alias_th if thai else fdef.alias_en) if fdef else name


def problem_text(issue) -> str:
    layer, thai = schema.LAYERS_BY_NAME.get(issue.layer), ui_language() == "th"
    fields = ", ".join(field_title(layer, f, thai) for f in issue.fields if f != "*")
    theirs = issue.theirs or {}
    if issue.kind == "rejected":
        return translate("ConflictsDock", "Rejected: {reason}").format(reason=issue.code or issue.reason or "")
    if theirs.get("deleted") and issue.op != "delete":
        return translate("ConflictsDock", "Deleted on the server, edited here")
    if issue.op == "delete":
        return translate("ConflictsDock", "Deleted here, edited on the server")
    if theirs.get("layer") not in (None, issue.layer):
        return translate("ConflictsDock", "Its parent was deleted on the server")
    return translate("ConflictsDock", "Both changed: {fields}").format(fields=fields or "—")


def detail_text(issue) -> str:
    op = {
        "insert": translate("ConflictsDock", "new feature"),
        "update": translate("ConflictsDock", "edit"),
        "delete": translate("ConflictsDock", "deletion"),
    }.get(issue.op, issue.op)
    if issue.kind == "rejected":
        return translate("ConflictsDock", "The server refused this {op}: {reason} (code {code}). Fix the values in Result and retry, or drop the change.").format(
            op=op, reason=issue.reason or "—", code=issue.code or "—"
        )  # fmt: skip
    return translate(
        "ConflictsDock",
        "My {op} and the server's record differ. Choose what to keep: mine, theirs, or the Result column.",
    ).format(op=op)


def show_value(fdef, value, thai: bool) -> str:
    if value is None:
        return "—"
    if fdef is not None and fdef.domain:
        return schema.label(fdef.domain, value, "th" if thai else "en")
    if isinstance(value, bool):
        return translate("ConflictsDock", "yes") if value else translate("ConflictsDock", "no")
    if isinstance(value, dict | list):
        return json.dumps(value, ensure_ascii=False)
    return str(value)


def to_field_value(fdef, raw):
    if raw is None or fdef is None:
        return raw
    try:
        if fdef.type == schema.INTEGER:
            return int(raw)
        if fdef.type == schema.REAL:
            return float(raw)
        if fdef.type == schema.BOOLEAN:
            return 1 if str(raw).lower() in ("1", "true", "yes", "ใช่") else 0
    except ValueError as exc:
        raise CddpError(
            translate("core", "'{value}' is not a number for the field {field}."), value=raw, field=fdef.name
        ) from exc
    return raw


def geometry_of(side: dict):
    """(QgsGeometry, CRS) of a change body's or a server record's ``geom`` ({"wkb": base64, "srid": n})."""
    geom = side.get("geom")
    if not isinstance(geom, dict) or not geom.get("wkb"):
        return None
    g = QgsGeometry()
    g.fromWkb(base64.b64decode(geom["wkb"]))
    if g.isNull():
        return None
    return g, QgsCoordinateReferenceSystem(f"EPSG:{geom.get('srid') or 4326}")
