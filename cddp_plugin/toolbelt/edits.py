"""One undoable edit across several layers, through the QGIS edit buffers.

A dock that changes a workspace by hand (a work order with its history event and complaints; a
household linked to a parcel) writes the values the core decided into the layers' edit buffers, so
that the change shows at once on the map, can be undone, and is recorded by the workspace's
change-log triggers when the layers are saved:

    edit = edits.apply_edit("Work order WO-2569-00042: completed", [
        edits.LayerEdit(orders, change={fid: {"status": "completed", ...}}),
        edits.LayerEdit(events, add=[(event, None)]),
    ])
    ...
    edit.undo()  # the order and its event together

:func:`apply_edit` puts each layer in edit mode if needed and makes one edit command per layer
(all with the same label, so each layer's own undo shows it); when any part fails, the commands
already made are undone and :class:`EditError` says which layer failed. :meth:`Edit.undo` undoes the
whole edit on every layer, but only while it is still the last command of each layer's undo stack.
"""

from __future__ import annotations

import datetime as _dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from qgis.core import QgsFeature, QgsGeometry, QgsVectorLayer
from qgis.PyQt.QtCore import QDate, QDateTime, Qt, QTime

from ..core.common.times import parse_datetime


def qdatetime(text: str | None) -> QDateTime | None:
    """A stored time (ISO 8601 text; naive is Bangkok time) as a UTC ``QDateTime``."""
    if text is None:
        return None
    moment = parse_datetime(text).astimezone(_dt.UTC)
    return QDateTime(
        QDate(moment.year, moment.month, moment.day),
        QTime(moment.hour, moment.minute, moment.second, moment.microsecond // 1000),
        Qt.TimeSpec.UTC,
    )


def attribute_map(layer: QgsVectorLayer, values: Mapping[str, object]) -> dict[int, object]:
    """``{field name: value}`` as ``{field index: value}`` for ``layer``: names the layer does not
    have (and ``fid``) are left out; ISO text for a date-time field becomes a ``QDateTime``."""
    fields = layer.fields()
    out = {}
    for name, value in values.items():
        idx = fields.indexFromName(name)
        if idx < 0 or name == "fid":
            continue
        if fields.at(idx).typeName().lower() == "datetime" and isinstance(value, str):
            value = qdatetime(value)
        out[idx] = value
    return out


def new_feature(layer: QgsVectorLayer, values: Mapping[str, object], geometry: QgsGeometry | None = None) -> QgsFeature:
    """A new feature of ``layer`` with ``values`` (as :func:`attribute_map` takes them) and ``geometry``."""
    feature = QgsFeature(layer.fields())
    for idx, value in attribute_map(layer, values).items():
        feature.setAttribute(idx, value)
    if geometry is not None:
        feature.setGeometry(geometry)
    return feature


@dataclass
class LayerEdit:
    """What to write to one layer: new features ``(values, geometry or None)`` and attribute changes
    ``{feature id: {field name: value}}``."""

    layer: QgsVectorLayer | None
    add: list[tuple[Mapping[str, object], QgsGeometry | None]] = field(default_factory=list)
    change: dict[int, Mapping[str, object]] = field(default_factory=dict)

    def is_empty(self) -> bool:
        return not self.add and not self.change


class EditError(Exception):
    """An edit could not be written; nothing of it was kept. ``reason`` is ``"missing"`` (no layer),
    ``"not_editable"`` (the layer cannot be put in edit mode) or ``"failed"`` (a write was refused)."""

    def __init__(self, layer: QgsVectorLayer | None, reason: str):
        super().__init__(f"{layer.name() if layer is not None else 'layer'}: {reason}")
        self.layer = layer
        self.reason = reason


@dataclass
class Edit:
    """An edit made by :func:`apply_edit`: the layers it touched and the index of each one's undo
    stack right after it."""

    label: str
    steps: list[tuple[QgsVectorLayer, int]] = field(default_factory=list)

    def is_current(self) -> bool:
        """Whether the edit is still the last command on every layer it touched (nothing saved,
        rolled back or edited there since)."""
        try:
            return all(layer.isEditable() and layer.undoStack().index() == index for layer, index in self.steps)
        except RuntimeError:  # a layer was deleted
            return False

    def undo(self) -> bool:
        """Undo the edit on every layer it touched; False (and nothing undone) when it is no longer current."""
        if not self.is_current():
            return False
        for layer, _index in reversed(self.steps):
            layer.undoStack().undo()
        return True


def _merged(edits: Iterable[LayerEdit]) -> list[LayerEdit]:
    """One edit per layer, in the order the layers first appear."""
    out: dict[int, LayerEdit] = {}
    for edit in edits:
        key = id(edit.layer)
        if key not in out:
            out[key] = LayerEdit(edit.layer)
        out[key].add.extend(edit.add)
        for fid, values in edit.change.items():
            out[key].change[fid] = {**out[key].change.get(fid, {}), **values}
    return list(out.values())


def _write(edit: LayerEdit) -> bool:
    layer = edit.layer
    for fid, values in edit.change.items():
        if not layer.changeAttributeValues(fid, attribute_map(layer, values)):
            return False
    return all(layer.addFeature(new_feature(layer, values, geometry)) for values, geometry in edit.add)


def apply_edit(label: str, edits: Iterable[LayerEdit]) -> Edit:
    """Write ``edits`` as one undoable edit named ``label`` (one edit command per layer).

    Layers not in edit mode are put in it. When a layer is missing or cannot be edited, or a write
    is refused, every command already made is undone and :class:`EditError` is raised.
    """
    done = Edit(label)
    for edit in _merged(edits):
        layer = edit.layer
        try:
            if layer is None:
                raise EditError(None, "missing")
            if edit.is_empty():
                continue
            if not layer.isEditable() and not layer.startEditing():
                raise EditError(layer, "not_editable")
            layer.beginEditCommand(label)
            if not _write(edit):
                layer.destroyEditCommand()
                raise EditError(layer, "failed")
            layer.endEditCommand()
        except EditError:
            for made, _index in reversed(done.steps):
                made.undoStack().undo()
            raise
        done.steps.append((layer, layer.undoStack().index()))
    return done
