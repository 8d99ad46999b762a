"""Parcel & household inspector: click a parcel, see its data, linked households and aggregated
residents; link or unlink households by hand (undo-able edits, recorded as ``manual``)."""

from __future__ import annotations

import getpass
from pathlib import Path

from qgis.core import Qgis, QgsFeatureRequest, QgsProject, QgsVectorLayer
from qgis.gui import QgsHighlight, QgsMapToolIdentifyFeature
from qgis.PyQt import uic
from qgis.PyQt.QtCore import QTimer
from qgis.PyQt.QtGui import QColor
from qgis.PyQt.QtWidgets import QDockWidget, QHeaderView, QTableWidgetItem

from ..core.common.numbers import format_int
from ..core.land.impact import residents_of_households
from ..core.workspace import schema
from ..toolbelt import edits, settings, workspace_project
from ..toolbelt.i18n import translate, ui_language
from ..toolbelt.log import get_logger
from .scroll import make_scrollable

FORM_CLASS, _ = uic.loadUiType(str(Path(__file__).with_name("inspector_dock.ui")))
log = get_logger("ui.inspector")


def _val(v):
    return None if v is None or (hasattr(v, "isNull") and v.isNull()) else v


class InspectorDock(QDockWidget, FORM_CLASS):
    def __init__(self, iface, parent=None):
        super().__init__(parent)
        self.setupUi(self)
        self.setObjectName("CddpInspectorDock")
        make_scrollable(self)  # fits a 1366×768 screen: scroll to the buttons
        self.iface = iface
        self.parcel = None  # QgsFeature
        self.households: list = []  # QgsFeatures linked to the parcel
        self.tool = None
        self.highlight = None  # QgsHighlight of the parcel shown, while it is shown
        self._watched = None  # the households layer whose undo stack refreshes the list (Ctrl+Z, redo, rollback)
        self._own_edit = False  # the dock is writing: it refreshes itself afterwards
        self._refresh_pending = False
        header = self.householdTable.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(True)

        self.personalCheck.setChecked(bool(settings.get("privacy/show_personal_data")))
        self.pickButton.toggled.connect(self._pick_parcel_mode)
        self.linkButton.toggled.connect(self._pick_household_mode)
        self.unlinkButton.clicked.connect(self.unlink_selected)
        self.zoomParcelButton.clicked.connect(self.zoom_to_parcel)
        self.selectHouseholdsButton.clicked.connect(self.show_households)
        self.personalCheck.toggled.connect(self._personal_toggled)
        self.householdTable.cellDoubleClicked.connect(self._zoom_to_household_row)
        self.show_parcel(None)

    # --- layers of the open workspace ---------------------------------------------------------------
    def workspace(self) -> str | None:
        return workspace_project.workspace_of_project(QgsProject.instance())

    def layer(self, name: str) -> QgsVectorLayer | None:
        return workspace_project.project_layer(name)

    def message(self, text: str, level=Qgis.MessageLevel.Info) -> None:
        self.iface.messageBar().pushMessage("CDDP", text, level=level, duration=6)

    # --- map tools ------------------------------------------------------------------------------
    def _set_tool(self, layer, slot, button) -> None:
        canvas = self.iface.mapCanvas()
        if layer is None:
            button.setChecked(False)
            self.message(
                translate("InspectorDock", "Open a CDDP workspace project first (its parcels and households layers)."),
                Qgis.MessageLevel.Warning,
            )
            return
        self.tool = QgsMapToolIdentifyFeature(canvas, layer)
        self.tool.featureIdentified.connect(slot)
        self.tool.deactivated.connect(lambda: button.setChecked(False))
        canvas.setMapTool(self.tool)

    def _pick_parcel_mode(self, on: bool) -> None:
        if on:
            self._set_tool(self.layer("parcels"), self.show_parcel, self.pickButton)
        elif self.tool is not None and self.iface.mapCanvas().mapTool() is self.tool:
            self.iface.mapCanvas().unsetMapTool(self.tool)

    def _pick_household_mode(self, on: bool) -> None:
        if on and self.parcel is None:
            self.linkButton.setChecked(False)
            self.message(translate("InspectorDock", "Pick a parcel first."), Qgis.MessageLevel.Warning)
            return
        if on:
            self._set_tool(self.layer("households"), self.link_household, self.linkButton)
        elif self.tool is not None and self.iface.mapCanvas().mapTool() is self.tool:
            self.iface.mapCanvas().unsetMapTool(self.tool)

    # --- showing a parcel ------------------------------------------------------------------------
    def _highlight(self, feature) -> None:
        """Outline the parcel the dock is about on the map until another is picked or the dock closes."""
        if self.highlight is not None:
            self.iface.mapCanvas().scene().removeItem(self.highlight)
            self.highlight = None
        layer = self.layer("parcels")
        if feature is None or layer is None or not feature.hasGeometry():
            return
        self.highlight = QgsHighlight(self.iface.mapCanvas(), feature.geometry(), layer)
        self.highlight.setColor(QColor(213, 94, 0))  # vermilion: visible on imagery and tax maps, colour-blind-safe
        self.highlight.setFillColor(QColor(213, 94, 0, 40))
        self.highlight.setWidth(3)
        self.highlight.show()

    def disconnect_project(self) -> None:
        """Called by the plugin when it unloads: nothing of the dock stays on the map."""
        self._highlight(None)
        self._unwatch_undo()

    # --- following undo/redo of the households layer ------------------------------------------------
    def _watch_undo(self, layer) -> None:
        """Refresh the households list whenever ``layer``'s undo stack moves: QGIS's Ctrl+Z / redo of a link
        made here (or in the attribute table), a rollback, a save."""
        if layer is self._watched:
            return
        self._unwatch_undo()
        layer.undoStack().indexChanged.connect(self._undo_moved)
        self._watched = layer

    def _unwatch_undo(self) -> None:
        if self._watched is not None:
            try:
                self._watched.undoStack().indexChanged.disconnect(self._undo_moved)
            except (RuntimeError, TypeError):  # the layer is gone, or was not connected
                pass
        self._watched = None

    def _undo_moved(self, _index: int) -> None:
        if self._own_edit or self._refresh_pending:
            return
        self._refresh_pending = True  # a rollback moves the stack many times: refresh once, afterwards
        QTimer.singleShot(0, self._refresh_after_undo)

    def _refresh_after_undo(self) -> None:
        self._refresh_pending = False
        if self.parcel is not None:
            self.refresh_households()

    def closeEvent(self, event) -> None:
        self._highlight(None)
        super().closeEvent(event)

    def show_parcel(self, feature) -> None:
        self.parcel = feature
        self._highlight(feature)
        shown = feature is not None
        self.parcelGroup.setVisible(shown)
        self.hintLabel.setVisible(not shown)
        for w in (self.linkButton, self.unlinkButton, self.zoomParcelButton, self.selectHouseholdsButton):
            w.setEnabled(shown)
        if not shown:
            self.householdTable.setRowCount(0)
            self.residentsLabel.setText("")
            return
        f = feature
        self.codeValue.setText(str(_val(f["parcel_code"]) or _val(f["land_no"]) or "—"))
        doc = schema.labels("land_doc_type", ui_language()).get(_val(f["doc_type"]), _val(f["doc_type"]) or "—")
        self.docValue.setText(f"{doc} {_val(f['doc_no']) or ''}".strip())
        rai, ngan, wa = (_val(f["area_rai"]), _val(f["area_ngan"]), _val(f["area_wa"]))
        area = _val(f["area_sqm"])
        self.areaValue.setText(
            translate("InspectorDock", "{rai}-{ngan}-{wa} rai ({sqm:,.0f} m²)").format(
                rai=rai or 0, ngan=ngan or 0, wa=wa or 0, sqm=area or 0
            )
            if area is not None
            else "—"
        )
        self.sheetValue.setText(str(_val(f["mapsheet"]) or "—"))
        personal = self.personalCheck.isChecked()
        self.ownerCaption.setVisible(personal)
        self.ownerValue.setVisible(personal)
        self.ownerValue.setText(str(_val(f["owner_name"]) or "—") if personal else "")
        self.refresh_households()

    def refresh_households(self) -> None:
        hh_layer = self.layer("households")
        self.households = []
        if hh_layer is not None:
            self._watch_undo(hh_layer)
        if hh_layer is not None and self.parcel is not None:
            uuid = self.parcel["uuid"]
            req = QgsFeatureRequest().setFilterExpression(f"\"parcel_id\" = '{uuid}'")
            self.households = list(hh_layer.getFeatures(req))
        self.householdTable.setRowCount(len(self.households))
        for row, h in enumerate(self.households):
            number = _val(h["house_no"]) or "—"
            village = _val(h["village_no"])
            conf, dist = _val(h["link_confidence"]), _val(h["link_distance_m"])
            items = (
                f"{number} ม.{village}" if village else str(number),
                schema.labels("link_method", ui_language()).get(_val(h["link_method"]), _val(h["link_method"]) or ""),
                "" if conf is None else f"{conf:.2f}",
                "" if dist is None else f"{dist:.1f}",
            )
            for col, text in enumerate(items):
                self.householdTable.setItem(row, col, QTableWidgetItem(text))
        self.show_residents()

    def show_residents(self) -> None:
        ws = self.workspace()
        uuids = [h["uuid"] for h in self.households if _val(h["uuid"])]
        if not ws or not uuids:
            self.residentsLabel.setText(
                translate("InspectorDock", "No linked households.") if self.parcel is not None else ""
            )
            return
        personal = self.personalCheck.isChecked()
        found = residents_of_households(
            ws, uuids, with_names=personal, who=getpass.getuser(), action="inspector:view_residents",
            what={"parcel": self.parcel["uuid"]},
        )  # fmt: skip
        counts = found.counts
        if counts is None:
            text = translate("InspectorDock", "{n} households; no residents recorded.").format(n=format_int(len(uuids)))
        else:
            text = translate("InspectorDock", "{n} households, {r} residents: {e} elderly, {b} bedridden, {hb} homebound, {d} disabled, {nc} dependent without caretaker.").format(
                n=format_int(len(uuids)), r=format_int(counts["residents"]), e=format_int(counts["elderly"]),
                b=format_int(counts["bedridden"]), hb=format_int(counts["homebound"]), d=format_int(counts["disabled"]),
                nc=format_int(counts["no_caretaker"]))  # fmt: skip
            if personal:
                text += "\n" + translate("InspectorDock", "Names: {names}").format(names=", ".join(found.names) or "—")
        self.residentsLabel.setText(text)

    def _personal_toggled(self, on: bool) -> None:
        settings.set("privacy/show_personal_data", on)
        if self.parcel is not None:
            self.show_parcel(self.parcel)

    # --- manual links ----------------------------------------------------------------------------
    def _edit(self, hh_layer, fid, parcel_uuid, method, label) -> bool:
        values = {"parcel_id": parcel_uuid, "link_method": method, "link_confidence": 1.0 if parcel_uuid else None,
                  "link_distance_m": None, "link_candidates": None}  # fmt: skip
        self._own_edit = True
        try:
            edits.apply_edit(label, [edits.LayerEdit(hh_layer, change={fid: values})])
        except edits.EditError as exc:
            if exc.reason == "not_editable":
                self.message(
                    translate("InspectorDock", "The households layer cannot be edited."), Qgis.MessageLevel.Critical
                )
            return False
        finally:
            self._own_edit = False
        # QGIS's Edit ▸ Undo (Ctrl+Z) works on the active layer: make it the households layer, as the message says
        self.iface.setActiveLayer(hh_layer)
        self._watch_undo(hh_layer)
        return True

    def link_household(self, feature) -> None:
        hh_layer = self.layer("households")
        if hh_layer is None or self.parcel is None or feature is None:
            return
        if self._edit(
            hh_layer,
            feature.id(),
            self.parcel["uuid"],
            "manual",
            translate("InspectorDock", "Link household to parcel"),
        ):
            self.message(translate("InspectorDock", "Household {house} linked to parcel {parcel} by hand. Save the households layer to keep it; Ctrl+Z undoes.").format(
                house=_val(feature["house_no"]) or feature.id(), parcel=self.codeValue.text()), Qgis.MessageLevel.Success)  # fmt: skip
        self.linkButton.setChecked(False)
        self.refresh_households()

    def unlink_selected(self) -> None:
        row = self.householdTable.currentRow()
        hh_layer = self.layer("households")
        if hh_layer is None or not 0 <= row < len(self.households):
            self.message(translate("InspectorDock", "Select a household in the list first."), Qgis.MessageLevel.Warning)
            return
        h = self.households[row]
        if self._edit(hh_layer, h.id(), None, None, translate("InspectorDock", "Unlink household from parcel")):
            self.message(translate("InspectorDock", "Household {house} unlinked. Save the households layer to keep it; Ctrl+Z undoes.").format(
                house=_val(h["house_no"]) or h.id()))  # fmt: skip
        self.refresh_households()

    # --- navigation ------------------------------------------------------------------------------
    def zoom_to_parcel(self) -> None:
        layer = self.layer("parcels")
        if layer is not None and self.parcel is not None:
            self.iface.mapCanvas().zoomToFeatureIds(layer, [self.parcel.id()])
            self.iface.mapCanvas().flashFeatureIds(layer, [self.parcel.id()])

    def show_households(self) -> None:
        layer = self.layer("households")
        if layer is not None and self.households:
            ids = [h.id() for h in self.households]
            layer.selectByIds(ids)
            self.iface.mapCanvas().zoomToFeatureIds(layer, ids)

    def _zoom_to_household_row(self, row: int, _col: int) -> None:
        layer = self.layer("households")
        if layer is not None and 0 <= row < len(self.households):
            fid = self.households[row].id()
            layer.selectByIds([fid])
            self.iface.mapCanvas().zoomToFeatureIds(layer, [fid])
            self.iface.mapCanvas().flashFeatureIds(layer, [fid])
