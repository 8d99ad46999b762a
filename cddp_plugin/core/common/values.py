"""Plain values read from files and layers: what counts as missing, and text as the workspace stores it."""

from __future__ import annotations

import math

from .thai import to_arabic_digits


def is_null(value: object) -> bool:
    """None, NaN, pandas' NA/NaT; a list, tuple or dict is never null."""
    if value is None:
        return True
    if isinstance(value, float) and math.isnan(value):
        return True
    if isinstance(value, list | tuple | dict):
        return False
    try:
        import pandas as pd

        return bool(pd.isna(value))
    except (ImportError, TypeError, ValueError):
        return False


def text_or_none(value: object, arabic_digits: bool = False) -> str | None:
    """Trimmed text, or None when missing or blank; with ``arabic_digits`` Thai digits become 0–9."""
    if is_null(value):
        return None
    s = str(value)
    if arabic_digits:
        s = to_arabic_digits(s)
    s = s.strip()
    return s or None
