"""Thai text and calendar helpers: Thai digits and the Buddhist Era."""

from __future__ import annotations

import datetime as _dt

BE_OFFSET = 543
_THAI_DIGITS = "๐๑๒๓๔๕๖๗๘๙"
_TO_ARABIC = str.maketrans(_THAI_DIGITS, "0123456789")
_TO_THAI = str.maketrans("0123456789", _THAI_DIGITS)


def to_arabic_digits(text: str) -> str:
    """``'๑๒๓/๔'`` → ``'123/4'``; other characters unchanged."""
    return text.translate(_TO_ARABIC)


def to_thai_digits(text: str) -> str:
    return text.translate(_TO_THAI)


def be_year(date: _dt.date | _dt.datetime) -> int:
    """Buddhist-era year: 2026 CE → 2569."""
    return date.year + BE_OFFSET


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
    """``2026-11-21`` → ``'21 พฤศจิกายน 2569'`` (optionally in Thai digits)."""
    text = f"{date.day} {_MONTHS_TH[date.month - 1]} {be_year(date)}"
    return to_thai_digits(text) if thai_digits else text
