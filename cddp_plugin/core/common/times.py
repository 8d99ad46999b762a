"""Time: Bangkok time (UTC+7, no daylight saving), parsing the date forms Thai sources write, UTC ISO text."""

from __future__ import annotations

import datetime as _dt
import re

from .thai import BE_OFFSET, to_arabic_digits

try:
    from zoneinfo import ZoneInfo

    BANGKOK: _dt.tzinfo = ZoneInfo("Asia/Bangkok")
except Exception:  # pragma: no cover - Windows Python without the tzdata package
    # Thailand has kept UTC+7 without daylight saving since 1920, so a fixed offset is exact.
    BANGKOK = _dt.timezone(_dt.timedelta(hours=7), "Asia/Bangkok")


# ---------------------------------------------------------------------------------------------
# Time
# ---------------------------------------------------------------------------------------------

_DMY = re.compile(r"^(\d{1,2})[/.\-](\d{1,2})[/.\-](\d{4})(?:[ T]+(\d{1,2})[:.](\d{2})(?:[:.](\d{2}))?)?$")


def parse_datetime(value: object, naive_tz: _dt.tzinfo = BANGKOK) -> _dt.datetime:
    """An aware datetime from a datetime, a date, or text.

    Text: ISO 8601 (``2023-05-12 13:27:54.48+00``, ``2026-05-12T14:30:00+07:00``, ``…Z``, a date
    alone) or day/month/year ``12/05/2569 14:30``; Thai digits allowed. Without an offset the time
    is in ``naive_tz`` (Bangkok). A year of 2400 or more is Buddhist era. Raises ``ValueError``.
    """
    if isinstance(value, _dt.datetime):
        result = value
    elif isinstance(value, _dt.date):
        result = _dt.datetime(value.year, value.month, value.day)
    elif isinstance(value, str):
        text = to_arabic_digits(value).strip()
        if not text:
            raise ValueError("empty")
        m = _DMY.match(text)
        if m:
            day, month, year, hour, minute, second = (int(g) if g else 0 for g in m.groups())
            if year >= 2400:
                year -= BE_OFFSET
            result = _dt.datetime(year, month, day, hour, minute, second)
        else:
            be = re.match(r"^(\d{4})(-.*)$", text)
            if be and int(be.group(1)) >= 2400:
                text = f"{int(be.group(1)) - BE_OFFSET:04d}{be.group(2)}"
            result = _dt.datetime.fromisoformat(text)
    else:
        raise ValueError(f"not a date/time: {type(value).__name__}")
    if result.year >= 2400:
        result = result.replace(year=result.year - BE_OFFSET)
    if result.tzinfo is None:
        result = result.replace(tzinfo=naive_tz)
    return result


def format_utc(moment: _dt.datetime) -> str:
    """``YYYY-MM-DDTHH:MM:SS.sssZ`` in UTC (the GeoPackage DATETIME form). ``moment`` must be aware."""
    u = moment.astimezone(_dt.UTC)
    return u.strftime("%Y-%m-%dT%H:%M:%S.") + f"{u.microsecond // 1000:03d}Z"


def to_utc_iso(value: object, naive_tz: _dt.tzinfo = BANGKOK) -> str:
    """:func:`parse_datetime` then :func:`format_utc`."""
    return format_utc(parse_datetime(value, naive_tz))
