"""Bangkok time in QGIS attribute forms and attribute tables, while the GeoPackage keeps UTC.

What QGIS 3.40 does by itself (measured with ``TZ=UTC`` and ``TZ=Asia/Bangkok``): the OGR provider
reads a GeoPackage ``DATETIME`` (``2026-03-01T03:00:00.000Z``) as a ``QDateTime`` in ``Qt.UTC``; the
built-in ``DateTime`` field formatter (attribute table, identify results, ``represent_value()``) and
the ``DateTime`` edit widget (forms and table cells) both keep that time spec, so they show
``2026-03-01 03:00`` whatever the computer's time zone is — 7 hours behind the Work orders dock.
A Qt display format cannot change the time zone, and changing the process time zone would not help
either (the value is UTC, not local time).

So the plugin registers its own widget type :data:`WIDGET_TYPE`: a field formatter (here) that
writes the value in Bangkok time (UTC+7, no daylight saving) in the dock's form ``yyyy-MM-dd HH:mm``,
and an edit widget (``ui/datetime_widget.py``) that shows and takes Bangkok time and gives QGIS back
the UTC ``QDateTime`` to store. Without the plugin (a QGIS where it is disabled), the attribute table
shows the stored UTC text and a form says "Failed to create widget" for these fields; the values are
never changed. A ``QDateTime`` without a
time zone (``Qt.LocalTime``: the text had no offset) is UTC, as the GeoPackage standard says and as
the Work orders dock reads it.
"""

from __future__ import annotations

import datetime as _dt

from qgis.core import QgsApplication, QgsFieldFormatter
from qgis.PyQt.QtCore import QDate, QDateTime, Qt, QTime

from ..core.common.times import BANGKOK

WIDGET_TYPE = "CddpBangkokDateTime"
DISPLAY_FORMAT = "yyyy-MM-dd HH:mm"  # the Work orders dock's form (ui/workorders_dock.py _local)
PY_DISPLAY_FORMAT = "%Y-%m-%d %H:%M"
CONFIG = {"display_format": DISPLAY_FORMAT, "calendar_popup": True, "allow_null": True, "time_zone": "Asia/Bangkok"}


def _is_null(value) -> bool:
    if value is None:
        return True
    if isinstance(value, QDateTime):
        return value.isNull() or not value.isValid()
    return hasattr(value, "isNull") and value.isNull()


def to_bangkok(value) -> _dt.datetime | None:
    """A stored time (``QDateTime``, ISO text or ``datetime``) as an aware Bangkok ``datetime``; None for NULL."""
    from ..core.common.times import parse_datetime

    if _is_null(value):
        return None
    if isinstance(value, QDateTime):
        utc = value.toUTC() if value.timeSpec() != Qt.TimeSpec.LocalTime else value
        d, t = utc.date(), utc.time()
        moment = _dt.datetime(d.year(), d.month(), d.day(), t.hour(), t.minute(), t.second(), t.msec() * 1000, _dt.UTC)
    else:
        moment = parse_datetime(value, _dt.UTC)  # stored text without an offset is UTC
    return moment.astimezone(BANGKOK)


def bangkok_text(value) -> str | None:
    """``2026-03-01 10:00`` for a stored ``2026-03-01T03:00:00Z`` (None for NULL)."""
    moment = to_bangkok(value)
    return None if moment is None else moment.strftime(PY_DISPLAY_FORMAT)


def _clock(moment: _dt.datetime, spec: Qt.TimeSpec) -> QDateTime:
    return QDateTime(
        QDate(moment.year, moment.month, moment.day),
        QTime(moment.hour, moment.minute, moment.second, moment.microsecond // 1000),
        spec,
    )


def bangkok_clock(value) -> QDateTime:
    """The Bangkok wall-clock time of a stored value as a ``Qt.UTC`` ``QDateTime`` (so that no widget
    converts it to the computer's time zone); a null ``QDateTime`` for NULL."""
    moment = to_bangkok(value)
    return QDateTime() if moment is None else _clock(moment, Qt.TimeSpec.UTC)


def utc_from_clock(clock: QDateTime) -> QDateTime:
    """What an officer typed (a Bangkok wall-clock time, whatever its time spec) as the UTC ``QDateTime`` to store."""
    if _is_null(clock):
        return QDateTime()
    d, t = clock.date(), clock.time()
    local = _dt.datetime(d.year(), d.month(), d.day(), t.hour(), t.minute(), t.second(), t.msec() * 1000, BANGKOK)
    return _clock(local.astimezone(_dt.UTC), Qt.TimeSpec.UTC)


class BangkokDateTimeFormatter(QgsFieldFormatter):
    """Attribute tables, identify results and ``represent_value()``: the stored UTC time in Bangkok time."""

    def id(self) -> str:
        return WIDGET_TYPE

    def representValue(self, layer, fieldIndex, config, cache, value) -> str:
        if _is_null(value):
            return QgsApplication.nullRepresentation()
        try:
            return bangkok_text(value)
        except (ValueError, TypeError, OverflowError):
            return str(value)

    def sortValue(self, layer, fieldIndex, config, cache, value):
        return value  # UTC sorts the same as Bangkok time

    def alignmentFlag(self, layer, fieldIndex, config):
        return Qt.AlignmentFlag.AlignLeft


_formatter: BangkokDateTimeFormatter | None = None


def register_formatter() -> None:
    """Register the Bangkok-time field formatter (also without a GUI, e.g. for print layouts). Safe to call again."""
    global _formatter
    registry = QgsApplication.fieldFormatterRegistry()
    if registry.fieldFormatter(WIDGET_TYPE) is registry.fallbackFieldFormatter():
        _formatter = BangkokDateTimeFormatter()
        registry.addFieldFormatter(_formatter)


def unregister_formatter() -> None:
    global _formatter
    if _formatter is not None:
        QgsApplication.fieldFormatterRegistry().removeFieldFormatter(WIDGET_TYPE)
        _formatter = None
