"""Thai house numbers (บ้านเลขที่) and house codes (รหัสประจำบ้าน).

House numbers are written many ways: ``123``, ``123/4``, ``๑๒๓/๔``, ``บ้านเลขที่ 52 ม.10``,
``34 หมู่ที่ 11``, ``20/2 หมู่ 9``, ``เลขที่ 12 หมู่ที่ 3``, ``35หมู่ 20``, ``99(ชื่อร้าน)``. They normalise
to a number (``123/4``) and a village number (หมู่). A house code is 11 digits whose first four are the
registration office (province + district, municipal offices numbered down from 99); whether the last
digit is a check digit is unverified (DOMAIN.md), so it is not checked.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..common.errors import CddpError
from ..common.i18n import translate
from ..common.thai import to_arabic_digits

_VILLAGE = re.compile(r"(?:หมู่\s*ที่|หมู่บ้าน\s*ที่|หมู่|ม\s*\.|ม\s+(?=\d))\s*(\d{1,3})")
_NUMBER = re.compile(r"(?<![\d/])(\d{1,5}(?:\s*/\s*\d{1,5})?)(?![\d/])")
_PREFIX = re.compile(r"(บ้านเลขที่|เลขที่|บ้าน\s*เลข\s*ที่|บ\s*\.\s*ล\s*\.|no\.?)", re.IGNORECASE)


@dataclass(frozen=True)
class HouseNumber:
    number: str | None  # e.g. "123/4"
    village_no: int | None  # หมู่ที่
    raw: str

    @property
    def key(self) -> str | None:
        """A matching key: number and village (``"123/4|5"``), or None without a number."""
        if self.number is None:
            return None
        return f"{self.number}|{self.village_no if self.village_no is not None else ''}"


def parse_house_number(value: object) -> HouseNumber:
    """Split free text into house number and village number; anything unparseable gives None parts."""
    raw = "" if value is None else str(value)
    text = to_arabic_digits(raw).strip()
    text = re.sub(r"\([^)]*\)", " ", text)  # "99(ร้านค้า)" → "99"
    village = None
    m = _VILLAGE.search(text)
    if m:
        village = int(m.group(1))
        text = text[: m.start()] + " " + text[m.end() :]
    prefixed = _PREFIX.search(text)
    number = None
    search_from = prefixed.end() if prefixed else 0
    n = _NUMBER.search(text, search_from) or (_NUMBER.search(text) if prefixed else None)
    if n:
        number = re.sub(r"\s+", "", n.group(1))
        number = "/".join(str(int(part)) for part in number.split("/"))  # "012/04" → "12/4"
    if village is not None and not 1 <= village <= 99:
        village = None
    return HouseNumber(number, village, raw)


def format_house_number(hn: HouseNumber) -> str | None:
    """``HouseNumber("52", 10)`` → ``"52 ม.10"``; number only → ``"52"``; no number → None."""
    if hn.number is None:
        return None
    return f"{hn.number} ม.{hn.village_no}" if hn.village_no is not None else hn.number


def house_key(number: object, village_no: object = None) -> str | None:
    """Matching key of a stored house number (and village number when given separately)."""
    hn = parse_house_number(number)
    if hn.number is None:
        return None
    village = hn.village_no if hn.village_no is not None else _village_part(village_no)
    return f"{hn.number}|{village if village is not None else ''}"


def _village_part(village_no: object) -> int | None:
    """A village number given in its own column, or None when empty or not a number."""
    if village_no is not None and str(village_no).strip() not in ("", "nan", "None", "<NA>"):
        try:
            return int(float(to_arabic_digits(str(village_no))))
        except ValueError:
            return None
    return None


def house_keys(numbers, villages=None) -> list[str | None]:
    """:func:`house_key` of each number (and village number, when ``villages`` is given), the same keys
    for a whole column: an empty cell or a plain number of up to five ASCII digits (most stored house
    numbers) is keyed without the regular expressions, everything else goes through :func:`house_key`."""
    out: list[str | None] = []
    memo: dict = {}
    for i, number in enumerate(numbers):
        village_no = villages[i] if villages is not None else None
        if number is None or (isinstance(number, float) and number != number):
            out.append(None)  # what parsing an empty cell or NaN gives: no number
            continue
        if type(number) is str:
            text = number.strip()
            if 0 < len(text) <= 5 and text.isascii() and text.isdigit():  # nothing but the number itself
                known = (type(village_no), village_no)  # 1, 1.0 and True are one dict key, not one village
                if known not in memo:
                    memo[known] = _village_part(village_no)
                village = memo[known]
                out.append(f"{int(text)}|{village if village is not None else ''}")
                continue
        out.append(house_key(number, village_no))
    return out


def normalise_house_code(value: object, row: object = None) -> str:
    """An 11-digit house code (Thai digits, spaces and dashes allowed), or a CddpError saying why not."""
    text = re.sub(r"[\s\-]", "", to_arabic_digits("" if value is None else str(value)))
    if text.endswith(".0") and text[:-2].isdigit():  # spreadsheets turn codes into floats
        text = text[:-2]
    if not text.isdigit() or len(text) != 11:
        raise CddpError(
            translate("core", "Row {row}: house code '{code}' must have 11 digits (รหัสประจำบ้าน)."),
            row=row if row is not None else "?",
            code=value,
        )
    return text
