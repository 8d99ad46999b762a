"""The form and attribute-table edit widget for stored UTC times, shown and typed in Bangkok time.

The conversions and the field formatter are in :mod:`cddp_plugin.toolbelt.times`; this module is
only the widget: a ``QgsDateTimeEdit`` that holds the Bangkok wall-clock time (in ``Qt.UTC`` so that
Qt never shifts it by the computer's time zone) and gives QGIS the UTC ``QDateTime`` to store.
"""

from __future__ import annotations

from qgis.gui import (
    QgsDateTimeEdit,
    QgsDefaultSearchWidgetWrapper,
    QgsEditorConfigWidget,
    QgsEditorWidgetFactory,
    QgsEditorWidgetWrapper,
    QgsGui,
)
from qgis.PyQt import sip
from qgis.PyQt.QtCore import QDateTime, Qt
from qgis.PyQt.QtWidgets import QDateTimeEdit, QLabel, QVBoxLayout

from ..toolbelt import times
from ..toolbelt.i18n import translate

_alive: dict[int, QgsEditorWidgetWrapper] = {}  # the wrappers QGIS holds now


class BangkokDateTimeWrapper(QgsEditorWidgetWrapper):
    def createWidget(self, parent):
        return QgsDateTimeEdit(parent)

    def initWidget(self, editor):
        self._edit = editor if isinstance(editor, QDateTimeEdit) else None
        if self._edit is None:
            return
        self._edit.setTimeSpec(Qt.TimeSpec.UTC)  # the clock shown is Bangkok time; see toolbelt.times
        self._edit.setDisplayFormat(self.config().get("display_format", times.DISPLAY_FORMAT))
        self._edit.setCalendarPopup(bool(self.config().get("calendar_popup", True)))
        if isinstance(self._edit, QgsDateTimeEdit):
            self._edit.setAllowNull(bool(self.config().get("allow_null", True)))
            self._edit.valueChanged.connect(self._changed)
        else:
            self._edit.dateTimeChanged.connect(self._changed)

    def _changed(self, *_args):
        self.emitValueChanged()

    def valid(self) -> bool:
        return getattr(self, "_edit", None) is not None

    def value(self):
        edit = getattr(self, "_edit", None)
        if edit is None:
            return QDateTime()
        if isinstance(edit, QgsDateTimeEdit) and edit.isNull():
            return QDateTime()
        return times.utc_from_clock(edit.dateTime())

    def setValue(self, value):
        # QGIS's updateValues() calls this (updateValues itself cannot be overridden from Python)
        edit = getattr(self, "_edit", None)
        if edit is None:
            return
        try:
            clock = times.bangkok_clock(value)
        except (ValueError, TypeError, OverflowError):
            clock = QDateTime()
        edit.setDateTime(clock)  # a null QDateTime shows QGIS's NULL text (clear() would show the current time)

    def showIndeterminateState(self):
        edit = getattr(self, "_edit", None)
        if isinstance(edit, QgsDateTimeEdit):
            edit.blockSignals(True)
            edit.clear()
            edit.blockSignals(False)

    def setEnabled(self, enabled):
        edit = getattr(self, "_edit", None)
        if edit is not None:
            edit.setEnabled(enabled)


class BangkokDateTimeConfigWidget(QgsEditorConfigWidget):
    """Layer properties ▸ Attributes form: nothing to set, it says what the widget does."""

    def __init__(self, vl, fieldIdx, parent):
        super().__init__(vl, fieldIdx, parent)
        self._config = dict(times.CONFIG)
        layout = QVBoxLayout(self)
        label = QLabel(translate("DateTimeWidget", "Shown and typed in Bangkok time (UTC+7); stored in UTC."))
        label.setWordWrap(True)
        layout.addWidget(label)

    def config(self):
        return dict(self._config)

    def setConfig(self, config):
        self._config = dict(times.CONFIG, **(config or {}))


class BangkokDateTimeFactory(QgsEditorWidgetFactory):
    def __init__(self):
        super().__init__(translate("DateTimeWidget", "Date/time in Bangkok time (CDDP)"))

    def create(self, vl, fieldIdx, editor, parent):
        wrapper = BangkokDateTimeWrapper(vl, fieldIdx, editor, parent)
        sip.transferto(wrapper, None)  # QGIS owns and deletes it (with its form or table cell) ...
        key = id(wrapper)
        _alive[key] = wrapper  # ... and the Python side, which holds the overrides, lives until then
        wrapper.destroyed.connect(lambda *_args: _alive.pop(key, None))
        return wrapper

    def configWidget(self, vl, fieldIdx, parent):
        return BangkokDateTimeConfigWidget(vl, fieldIdx, parent)

    def createSearchWidget(self, vl, fieldIdx, parent):
        return QgsDefaultSearchWidgetWrapper(vl, fieldIdx, parent)

    def fieldScore(self, vl, fieldIdx):
        return 0  # never chosen automatically: only for fields the workspace style sets to it

    def supportsField(self, vl, fieldIdx):
        return True  # date-times (and date-time text); the workspace style chooses it, never QGIS


_factory: BangkokDateTimeFactory | None = None  # owned by QGIS once registered (it cannot be removed)


def register() -> None:
    """The Bangkok-time formatter and edit widget. Safe to call again (e.g. after a plugin reload)."""
    global _factory
    times.register_formatter()
    widgets = QgsGui.editorWidgetRegistry()
    if widgets is None or times.WIDGET_TYPE in widgets.factories():
        return
    factory = BangkokDateTimeFactory()
    if widgets.registerWidget(times.WIDGET_TYPE, factory):
        _factory = factory


def unregister() -> None:
    """Remove the formatter; the edit widget stays (QGIS has no way to remove one; it keeps working)."""
    times.unregister_formatter()
