"""Thai text and calendar helpers: Thai digits, the Buddhist Era and the Thai budget year.

The budget year (ปีงบประมาณ) N runs from 1 October N−1 to 30 September N (พ.ศ.): budget year 2570 is
1 Oct 2569 – 30 Sep 2570 (1 Oct 2026 – 30 Sep 2027 CE); its quarters (ไตรมาส) start in October,
January, April and July. Every year here is computed from the date (CE + 543), never taken from a
locale's date formatting (QGIS's ``format_date(..., 'th')`` keeps the Western year). An aware
datetime is read in Bangkok time first (a moment at 23:30 UTC on 30 September is already 1 October
in Thailand).
"""

from __future__ import annotations

import datetime as _dt

from .errors import CddpError
from .i18n import translate

BE_OFFSET = 543
_THAI_DIGITS = "๐๑๒๓๔๕๖๗๘๙"
_TO_ARABIC = str.maketrans(_THAI_DIGITS, "0123456789")
_TO_THAI = str.maketrans("0123456789", _THAI_DIGITS)


def to_arabic_digits(text: str) -> str:
    """``'๑๒๓/๔'`` → ``'123/4'``; other characters unchanged."""
    return text.translate(_TO_ARABIC)


def to_thai_digits(text: str) -> str:
    return text.translate(_TO_THAI)


def _local(date: _dt.date | _dt.datetime) -> _dt.date | _dt.datetime:
    """An aware datetime in Bangkok time; a date or naive datetime as it is."""
    if isinstance(date, _dt.datetime) and date.tzinfo is not None:
        from .times import BANGKOK

        return date.astimezone(BANGKOK)
    return date


def be_year(date: _dt.date | _dt.datetime) -> int:
    """Buddhist-era year: 2026 CE → 2569."""
    return _local(date).year + BE_OFFSET


QUARTERS = (1, 2, 3, 4)
_QUARTER_BAD = translate("core", "The budget quarter must be 1, 2, 3 or 4 (1 = October–December); got {value}.")
_YEAR_BAD = translate("core", "The budget year must be a Buddhist-era year such as 2570 (2400–2700); got {value}.")
_DIGITS_BAD = translate("core", "Digits must be 'thai' or 'arabic'; got '{value}'.")
DIGIT_STYLES = ("thai", "arabic")


def _check_year(year_be: object) -> int:
    try:
        year = int(year_be)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        raise CddpError(_YEAR_BAD, value=year_be) from None
    if isinstance(year_be, bool) or year != year_be or not 2400 <= year <= 2700:
        raise CddpError(_YEAR_BAD, value=year_be)
    return year


def _check_quarter(quarter: object) -> int:
    if isinstance(quarter, bool) or quarter not in QUARTERS:
        raise CddpError(_QUARTER_BAD, value=quarter)
    return int(quarter)  # type: ignore[arg-type]


def budget_year(date: _dt.date | _dt.datetime) -> int:
    """The Thai budget year in พ.ศ.: 30 Sep 2026 → 2569, 1 Oct 2026 → 2570 (CE + 543, + 1 from October)."""
    local = _local(date)
    return local.year + BE_OFFSET + (1 if local.month >= 10 else 0)


def budget_year_bounds(year_be: int) -> tuple[_dt.date, _dt.date]:
    """First and last day of a budget year: 2570 → (2026-10-01, 2027-09-30)."""
    year_ce = _check_year(year_be) - BE_OFFSET
    return _dt.date(year_ce - 1, 10, 1), _dt.date(year_ce, 9, 30)


def budget_quarter(date: _dt.date | _dt.datetime) -> tuple[int, int]:
    """(budget year in พ.ศ., quarter 1..4) of a date; quarter 1 is October–December."""
    local = _local(date)
    return budget_year(local), (local.month - 10) % 12 // 3 + 1


def quarter_bounds(year_be: int, quarter: int) -> tuple[_dt.date, _dt.date]:
    """First and last day of a quarter of a budget year: (2570, 1) → (2026-10-01, 2026-12-31),
    (2570, 2) → (2027-01-01, 2027-03-31), (2570, 4) → (2027-07-01, 2027-09-30)."""
    first_year, _ = budget_year_bounds(year_be)
    q = _check_quarter(quarter)
    month0 = 9 + 3 * (q - 1)  # months since January of the year before, 0-based: Oct = 9
    start = _dt.date(first_year.year + month0 // 12, month0 % 12 + 1, 1)
    end_month0 = month0 + 3
    end = _dt.date(first_year.year + end_month0 // 12, end_month0 % 12 + 1, 1) - _dt.timedelta(days=1)
    return start, end


def digits(text: str, style: str) -> str:
    """Every digit of ``text`` as Thai (``style="thai"``: ๐–๙) or Arabic (``"arabic"``: 0–9) digits:
    the one switch of a printed set."""
    if style == "thai":
        return to_thai_digits(text)
    if style == "arabic":
        return to_arabic_digits(text)
    raise CddpError(_DIGITS_BAD, value=style)


_MONTHS_TH = (
    "มกราคม",
    "กุมภาพันธ์",
    "มีนาคม",
    "เมษายน",
    "พฤษภาคม",
    "มิถุนายน",
    "กรกฎาคม",
    "สิงหาคม",
    "กันยายน",
    "ตุลาคม",
    "พฤศจิกายน",
    "ธันวาคม",
)


def format_thai_date(date: _dt.date | _dt.datetime, thai_digits: bool = False) -> str:
    """``2026-11-21`` → ``'21 พฤศจิกายน 2569'`` (optionally in Thai digits): Thai month names and the
    พ.ศ. year computed here (CE + 543), an aware datetime in Bangkok time."""
    date = _local(date)
    text = f"{date.day} {_MONTHS_TH[date.month - 1]} {date.year + BE_OFFSET}"
    return to_thai_digits(text) if thai_digits else text
