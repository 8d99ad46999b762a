"""Numbers as people read them: thousands separators, sensible decimals, a unit, never ``5000000.000000``.

Plain Python and locale-independent (the same text on a Thai or an English Windows): the grouping is
always ``,`` and the decimal point ``.``, as Thai official documents write them. Rounding is half up
(``2.5`` → ``3``), as people round money, not Python's half-to-even. ``None`` and NaN show as ``—``.
Units are given by the caller, already translated (``format_money(x, self.tr("THB"))`` gives
``5,000,000 บาท`` in the Thai interface and ``5,000,000 THB`` in the English one). ``thai_digits``
writes ๐–๙ for printed documents.
"""

from __future__ import annotations

import math
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from .thai import to_thai_digits

MISSING = "—"


def _decimal(value: object) -> Decimal | None:
    if value is None or isinstance(value, bool):
        return None if value is None else Decimal(int(value))
    if isinstance(value, float):
        if math.isnan(value) or math.isinf(value):
            return None
        return Decimal(repr(value))
    try:
        number = Decimal(str(value).strip().replace(",", ""))
    except (InvalidOperation, ValueError):
        return None
    return number if number.is_finite() else None


def format_number(value: object, decimals: int = 0, *, thai_digits: bool = False) -> str:
    """``1234567.891`` → ``'1,234,568'`` (``decimals=0``) or ``'1,234,567.89'`` (``decimals=2``)."""
    number = _decimal(value)
    if number is None:
        return MISSING
    quantum = Decimal(1).scaleb(-decimals)
    rounded = number.quantize(quantum, rounding=ROUND_HALF_UP)
    if rounded == 0:
        rounded = abs(rounded)  # never "-0"
    text = f"{rounded:,.{decimals}f}"
    return to_thai_digits(text) if thai_digits else text


def format_int(value: object, *, thai_digits: bool = False) -> str:
    """A count: ``59340`` → ``'59,340'``."""
    return format_number(value, 0, thai_digits=thai_digits)


def _with_unit(text: str, unit: str) -> str:
    return text if text == MISSING or not unit else f"{text} {unit}"


def format_money(value: object, unit: str = "THB", decimals: int = 0, *, thai_digits: bool = False) -> str:
    """``5000000.0`` → ``'5,000,000 THB'`` (``unit``: the translated currency, บาท in Thai)."""
    return _with_unit(format_number(value, decimals, thai_digits=thai_digits), unit)


def format_length(metres: object, unit: str = "m", *, thai_digits: bool = False) -> str:
    """``12345.4`` → ``'12,345 m'``; below 10 m one decimal (``'2.5 m'``)."""
    number = _decimal(metres)
    decimals = 1 if number is not None and abs(number) < 10 and number != int(number) else 0
    return _with_unit(format_number(metres, decimals, thai_digits=thai_digits), unit)


def format_km(km: object, unit: str = "km", decimals: int = 2, *, thai_digits: bool = False) -> str:
    """``1234.567`` → ``'1,234.57 km'``."""
    return _with_unit(format_number(km, decimals, thai_digits=thai_digits), unit)


def format_area(square_metres: object, unit: str = "m²", *, thai_digits: bool = False) -> str:
    """``1234.56`` → ``'1,235 m²'``; small areas keep what matters: ``'56.3 m²'``, ``'0.25 m²'``."""
    number = _decimal(square_metres)
    if number is None:
        return MISSING
    size = abs(number)
    decimals = 0 if size >= 100 or size == int(size) else (1 if size >= 1 else 2)
    return _with_unit(format_number(number, decimals, thai_digits=thai_digits), unit)


def format_percent(value: object, decimals: int = 0, *, fraction: bool = False, thai_digits: bool = False) -> str:
    """``45.2`` → ``'45%'``; ``fraction=True`` reads ``0.452`` as 45.2 %."""
    number = _decimal(value)
    if number is None:
        return MISSING
    if fraction:
        number *= 100
    return format_number(number, decimals, thai_digits=thai_digits) + "%"


def clamp_percent(value: object) -> float:
    """A progress value for a 0–100 bar: ``None``/NaN → 0, below 0 → 0, above 100 → 100."""
    number = _decimal(value)
    if number is None:
        return 0.0
    return float(min(max(number, Decimal(0)), Decimal(100)))
