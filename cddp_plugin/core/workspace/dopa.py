"""DOPA administrative codes (province 2 digits, amphoe/khet 4, tambon/khwaeng 6).

The list in ``data/admin_codes.csv`` is derived from kongvut/thai-province-data (MIT, see
``data/ADMIN_CODES_LICENSE.txt``).
"""

from __future__ import annotations

import csv
import functools
from dataclasses import dataclass
from pathlib import Path

from ..common.errors import CddpError
from ..common.i18n import translate
from ..common.thai import to_arabic_digits

_DATA = Path(__file__).with_name("data") / "admin_codes.csv"


@dataclass(frozen=True)
class AdminArea:
    code: str
    level: str  # province | amphoe | tambon
    name_th: str
    name_en: str
    postcode: str = ""

    @property
    def province_code(self) -> str:
        return self.code[:2]


@functools.lru_cache(maxsize=1)
def _areas() -> dict[str, AdminArea]:
    with open(_DATA, encoding="utf-8", newline="") as f:
        return {r["code"]: AdminArea(**r) for r in csv.DictReader(f)}


def lookup(code: str) -> AdminArea | None:
    return _areas().get(code)


def parse_municipality_code(value: object) -> AdminArea:
    """Validate a municipality's DOPA code and return its area.

    Accepts Thai digits and surrounding spaces. A municipality is identified by the amphoe/khet
    (4 digits, e.g. ``1007`` Pathum Wan) or tambon (6 digits, e.g. ``330506`` Prue Yai) it covers.
    """
    text = to_arabic_digits(str(value if value is not None else "")).strip()
    if not text:
        raise CddpError(translate("core", "The municipality's DOPA code is missing."))
    if not text.isdigit() or len(text) not in (4, 6):
        raise CddpError(
            translate(
                "core",
                "'{code}' is not a DOPA code: expected 4 digits (amphoe/khet, e.g. 1007) or 6 digits (tambon, e.g. 330506).",
            ),
            code=text,
        )
    area = lookup(text)
    if area is None:
        province = lookup(text[:2])
        if province is None:
            raise CddpError(
                translate("core", "DOPA code {code}: {province} is not a Thai province code."),
                code=text,
                province=text[:2],
            )
        raise CddpError(
            translate("core", "DOPA code {code} is not a known amphoe or tambon of {province}."),
            code=text,
            province=province.name_en,
        )
    return area
