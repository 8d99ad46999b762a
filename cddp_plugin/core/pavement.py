"""Pavement condition: PASER ratings and the ASTM D6433 Pavement Condition Index (PCI) of asphalt.

PASER (1–10, windshield survey) maps straight to a treatment class. The PCI (0–100) of an asphalt
(AC) sample unit follows ASTM D6433 as summarised in DOMAIN.md:

1. Records of the same distress type and severity in one sample unit are added up; density % =
   quantity / sample area × 100 (quantities in the distress type's measure: m², m or a count).
2. Each type + severity gives a deduct value (DV) from its curve.
3. If at most one DV is above 2, the maximum corrected deduct value (CDV) is the sum of all DVs.
   Otherwise m = 1 + (9/98)(100 − highest DV), at most 10; the m largest DVs are kept, the
   fractional part of m applied to the last kept one. Then repeat: total = sum, q = number of DVs
   above 2.0, CDV from the curve for (total, q); set the smallest DV above 2 to 2.0; until q = 1.
   The maximum CDV is the largest CDV found.
4. PCI = 100 − maximum CDV, clipped to 0..100. A section's PCI is the area-weighted mean of its
   sample units' PCIs.

The curves are data, not code: ``data/pci_asphalt_curves.json`` holds polynomial fits in
log10(density) for the deduct values and in the total deduct value for the CDVs, with their source
(the MIT-licensed Ruby gem ``pavement_condition_index``) and licence. Densities are clamped to each
curve's valid range (for most types 0.1–100 %), totals to 0–200, q above 7 uses the q = 7 curve
(the ASTM chart has seven), and every DV and CDV is clipped to 0..100.

Two implementations compute the same PCI: :func:`pci_sample_unit` is a plain per-unit version that
also returns its working (for an inspection report); :func:`pci_arrays` and :func:`pci_by_unit`
compute many sample units at once with numpy. numpy is imported only when a PCI is computed.
"""

from __future__ import annotations

import functools
import json
import math
import numbers
from collections.abc import Hashable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from fractions import Fraction
from pathlib import Path
from typing import TYPE_CHECKING

from .errors import CddpError
from .i18n import translate
from .thai import to_arabic_digits

if TYPE_CHECKING:
    import numpy as np

CURVES_FILE = Path(__file__).with_name("data") / "pci_asphalt_curves.json"

SEVERITIES = ("L", "M", "H")
MEASURES = ("m2", "m", "count")
TREATMENTS = ("none", "routine", "preservation", "overlay", "reconstruct")

# --------------------------------------------------------------------------------------------------
# Messages (one literal per translate call so that pylupdate extracts them)

_PASER_MISSING = translate("core", "The PASER rating is missing; use a whole number from 1 (failed) to 10 (excellent).")
_PASER_NOT_WHOLE = translate(
    "core", "PASER rating {value} is not a whole number; use a whole number from 1 (failed) to 10 (excellent)."
)
_PASER_RANGE = translate("core", "PASER rating {value} is outside 1–10; use 1 (failed) to 10 (excellent).")
_LANGUAGE = translate("core", "Language {value} is not available for PASER descriptions; use th or en.")

_TYPE_MESSAGES = {
    "missing": translate(
        "core",
        "Distress record {record} of sample unit {unit}: the distress type is missing; use a whole number from 1 to 19 (ASTM D6433 asphalt distresses).",
    ),
    "bad": translate(
        "core",
        "Distress record {record} of sample unit {unit}: distress type {value} is not a whole number; use 1 to 19 (ASTM D6433 asphalt distresses).",
    ),
    "range": translate(
        "core",
        "Distress record {record} of sample unit {unit}: distress type {value} is not an ASTM D6433 asphalt distress; use 1 to 19.",
    ),
}
_SEVERITY_MESSAGES = {
    "missing": translate(
        "core",
        "Distress record {record} of sample unit {unit} ({type} {name}): the severity is missing; use L (low), M (medium) or H (high).",
    ),
    "bad": translate(
        "core",
        "Distress record {record} of sample unit {unit} ({type} {name}): severity {value} is not L (low), M (medium) or H (high).",
    ),
}
_QUANTITY_MESSAGES = {
    "missing": translate(
        "core", "Distress record {record} of sample unit {unit} ({type} {name}): the quantity is missing."
    ),
    "bad": translate(
        "core", "Distress record {record} of sample unit {unit} ({type} {name}): quantity {value} is not a number."
    ),
    "range": translate(
        "core",
        "Distress record {record} of sample unit {unit} ({type} {name}): quantity {value} must be greater than zero.",
    ),
}
_MEASURE_MESSAGES = {
    "bad": translate(
        "core",
        "Distress record {record} of sample unit {unit} ({type} {name}): quantity unit {value} is not m2, m or count.",
    ),
    "range": translate(
        "core",
        "Distress record {record} of sample unit {unit} ({type} {name}): quantity unit {value} does not fit; this distress is measured in {expected}.",
    ),
}
_AREA_MESSAGES = {
    "missing": translate("core", "Sample unit {unit}: the sample area is missing."),
    "bad": translate("core", "Sample unit {unit}: sample area {value} is not a number."),
    "range": translate("core", "Sample unit {unit}: sample area {value} m² must be greater than zero."),
}
_DENSITY = translate(
    "core",
    "Sample unit {unit}: {type} {name}, severity {severity}, adds up to {quantity} {measure} on {area} m², a density of {density} %; a density cannot exceed 100 %. Check the quantities, their unit and the sample area.",
)
_UNKNOWN_UNIT = translate(
    "core", "Distress record {record} refers to sample unit {unit}, which is not among the sample units given."
)
_UNIT_INDEX = translate(
    "core",
    "Distress record {record} refers to sample unit number {value}; use a whole number from 0 to {last} (the position of its area).",
)
_LENGTHS = translate(
    "core", "The distress columns have different lengths ({lengths}); give one value per distress record."
)
_AREAS_LENGTH = translate(
    "core", "{count} sample areas were given for {expected} PCI values; give one area per sample unit."
)
_UNIT_IDS_LENGTH = translate(
    "core", "{count} sample unit ids were given for {expected} sample units; give one id per sample unit."
)
_RECORD_IDS_LENGTH = translate(
    "core", "{count} record ids were given for {expected} distress records; give one id per record."
)

_DV_TYPE = translate(
    "core", "Distress type {value} is not an ASTM D6433 asphalt distress; use a whole number from 1 to 19."
)
_DV_SEVERITY = translate("core", "Severity {value} is not L (low), M (medium) or H (high).")
_DV_DENSITY = translate("core", "Density {value} % is not a number greater than 0 and at most 100.")
_CDV_Q = translate(
    "core", "q = {value} is not a valid number of deduct values above 2; use a whole number of at least 1."
)
_CDV_TOTAL = translate("core", "Total deduct value {value} is not a number of 0 or more.")

_PCI_VALUE = translate("core", "PCI {value} is not a number from 0 to 100.")
_UNIT_PCI_VALUE = translate("core", "Sample unit {unit}: PCI {value} is not a number from 0 to 100.")
_BAND = translate(
    "core", "Condition band {value} is not one of good, satisfactory, fair, poor, very_poor, serious, failed."
)
_SECTION_EMPTY = translate("core", "A section PCI needs at least one inspected sample unit.")

_UNITS_TOTAL = translate(
    "core",
    "The number of sample units in the section must be a whole number of at least 1, not {value}.",
)
_SURFACE = translate(
    "core",
    "Surface {value} has no standard deviation for the sample size; use asphalt (s = 10) or concrete (s = 15), or give the standard deviation.",
)
_ERROR_E = translate("core", "The acceptable error {value} must be a number greater than zero (PCI points).")
_STD_DEV = translate("core", "The standard deviation {value} must be a number greater than zero (PCI points).")


class _InvalidError(Exception):
    """A value failed a check; ``reason`` is missing | bad | range."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


def _show(value: object) -> str:
    """A value as the user typed it, for messages."""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip() if isinstance(value, str) else str(value)


def _fmt(x: float) -> str:
    """A number for messages: up to 4 significant digits, no exponent for everyday sizes."""
    return f"{x:.4g}" if abs(x) < 1e6 else f"{x:.0f}"


def _is_null(value: object) -> bool:
    if value is None:
        return True
    is_null = getattr(value, "isNull", None)  # QVariant NULL from QGIS, without importing Qt
    try:
        return bool(is_null()) if callable(is_null) else False
    except TypeError:
        return False


def _number(value: object) -> float:
    """A finite float from a number or text (Thai digits allowed); raises _InvalidError."""
    if _is_null(value):
        raise _InvalidError("missing")
    if isinstance(value, bool):
        raise _InvalidError("bad")
    if isinstance(value, str):
        text = to_arabic_digits(value).strip()
        if not text:
            raise _InvalidError("missing")
        try:
            result = float(text)
        except ValueError:
            raise _InvalidError("bad") from None
        if math.isnan(result):
            raise _InvalidError("bad")
    elif isinstance(value, numbers.Real):
        result = float(value)
        if math.isnan(result):
            raise _InvalidError("missing")
    else:
        raise _InvalidError("bad")
    if math.isinf(result):
        raise _InvalidError("bad")
    return result


def _whole(value: object) -> int:
    number = _number(value)
    if not number.is_integer():
        raise _InvalidError("bad")
    return int(number)


def _positive(value: object) -> float:
    number = _number(value)
    if number <= 0:
        raise _InvalidError("range")
    return number


# --------------------------------------------------------------------------------------------------
# PASER


@dataclass(frozen=True)
class PaserLevel:
    """One PASER rating (asphalt manual) with its Thai and English wording for an inspection form."""

    rating: int
    label_th: str
    label_en: str
    description_th: str
    description_en: str
    treatment: str  # code of the workspace's ``treatment`` value list

    def text(self, language: str = "th") -> str:
        if language == "th":
            return f"{self.rating} – {self.label_th}: {self.description_th}"
        if language == "en":
            return f"{self.rating} – {self.label_en}: {self.description_en}"
        raise CddpError(_LANGUAGE, value=language)


PASER_LEVELS = (
    PaserLevel(
        10,
        "ดีเยี่ยม",
        "Excellent",
        "ผิวทางก่อสร้างใหม่ ไม่มีความเสียหาย — ไม่ต้องซ่อม",
        "New pavement, no defects — no work needed.",
        "none",
    ),
    PaserLevel(
        9,
        "ดีเยี่ยม",
        "Excellent",
        "เพิ่งปูผิวทับ สภาพเหมือนใหม่ ไม่มีรอยแตก — ไม่ต้องซ่อม",
        "Recent overlay, like new, no cracks — no work needed.",
        "none",
    ),
    PaserLevel(
        8,
        "ดีมาก",
        "Very good",
        "เพิ่งฉาบผิว (seal coat) หรือปะซ่อมใหม่ มีรอยแตกตามขวางน้อยและห่างกัน — แทบไม่ต้องบำรุงรักษา",
        "Recent seal coat or new patching; few, widely spaced transverse cracks — little or no maintenance.",
        "routine",
    ),
    PaserLevel(
        7,
        "ดี",
        "Good",
        "เริ่มเสื่อมตามอายุ ผิวสึกจากการจราจรเล็กน้อย รอยแตกตามยาวและตามขวางกว้างไม่เกิน 6 มม. ห่างกัน 3 ม. ขึ้นไป — อุดรอยแตกตามรอบบำรุงปกติ",
        "First signs of ageing, slight traffic wear; longitudinal and transverse cracks up to 6 mm wide, 3 m or more apart — routine crack sealing.",
        "routine",
    ),
    PaserLevel(
        6,
        "ดี",
        "Good",
        "เสื่อมตามอายุแต่โครงสร้างยังแข็งแรง ผิวหลุดร่อนเล็กน้อย รอยแตกถี่ขึ้น รอยปะซ่อมยังอยู่ในสภาพดี — ฉาบผิวเพื่อยืดอายุ",
        "Ageing but structurally sound; slight ravelling, more frequent cracks, patches in good condition — a seal coat extends its life.",
        "preservation",
    ),
    PaserLevel(
        5,
        "ปานกลาง",
        "Fair",
        "ผิวเสื่อม โครงสร้างยังดี ผิวหลุดร่อนปานกลางถึงมาก รอยแตกกว้างถึง 12 มม. เริ่มมีรอยแตกเป็นบล็อก ร่องล้อเล็กน้อย — ฉาบผิวหรือปูผิวทับบาง (น้อยกว่า 5 ซม.)",
        "Surface ageing, structure still sound; moderate to severe ravelling, cracks up to 12 mm wide, first block cracking, slight rutting — seal coat or thin overlay (under 5 cm).",
        "preservation",
    ),
    PaserLevel(
        4,
        "ปานกลาง",
        "Fair",
        "เสื่อมมากและเริ่มต้องเสริมกำลัง ผิวหลุดร่อนรุนแรง รอยแตกตามยาวในแนวล้อ รอยแตกเป็นบล็อกเกินครึ่งของผิว ร่องล้อลึกราว 12 มม. — ปูผิวทับเชิงโครงสร้าง (5 ซม. ขึ้นไป)",
        "Significant ageing, first need for strengthening; severe ravelling, longitudinal cracks in the wheel paths, block cracking over half the surface, ruts about 12 mm — structural overlay (5 cm or more).",
        "overlay",
    ),
    PaserLevel(
        3,
        "ทรุดโทรม",
        "Poor",
        "รอยแตกตามยาวและตามขวางถี่ รอยแตกเป็นบล็อกรุนแรง รอยแตกหนังจระเข้ไม่เกินหนึ่งในสี่ของผิว ร่องล้อหรือผิวบิดเบี้ยว 25–50 มม. มีหลุมบ่อบ้าง — ปะซ่อมก่อน แล้วปูผิวทับ (ขูดไสผิวเดิมออกช่วยยืดอายุผิวใหม่)",
        "Closely spaced cracks, severe block cracking, alligator cracking on less than a quarter of the surface, ruts or distortion of 25–50 mm, occasional potholes — patch and repair, then a major overlay (milling extends its life).",
        "overlay",
    ),
    PaserLevel(
        2,
        "ทรุดโทรมมาก",
        "Very poor",
        "เสียหายรุนแรง รอยแตกหนังจระเข้เกินหนึ่งในสี่ของผิว ผิวบิดเบี้ยวมาก รอยปะซ่อมชำรุดจำนวนมาก มีหลุมบ่อ — ก่อสร้างใหม่พร้อมซ่อมชั้นพื้นทาง",
        "Severe deterioration: alligator cracking on more than a quarter of the surface, severe distortion, extensive failed patching, potholes — reconstruct with base repair.",
        "reconstruct",
    ),
    PaserLevel(
        1,
        "ใช้การไม่ได้",
        "Failed",
        "ผิวทางเสียหายทั้งหมดจนเสียสภาพ — ต้องก่อสร้างใหม่ทั้งหมด",
        "Severe distress with extensive loss of the surface — total reconstruction.",
        "reconstruct",
    ),
)
_PASER = {level.rating: level for level in PASER_LEVELS}


def parse_paser(value: object) -> int:
    """A PASER rating, 1–10: an integer, an integral float or text (Thai digits allowed)."""
    try:
        rating = _whole(value)
    except _InvalidError as e:
        if e.reason == "missing":
            raise CddpError(_PASER_MISSING) from None
        raise CddpError(_PASER_NOT_WHOLE, value=_show(value)) from None
    if not 1 <= rating <= 10:
        raise CddpError(_PASER_RANGE, value=rating)
    return rating


def paser_level(value: object) -> PaserLevel:
    return _PASER[parse_paser(value)]


def paser_treatment(value: object) -> str:
    """Treatment class of a PASER rating: none (9–10), routine (7–8), preservation (5–6), overlay (3–4),
    reconstruct (1–2)."""
    return paser_level(value).treatment


def paser_description(value: object, language: str = "th") -> str:
    """``'7 – ดี: เริ่มเสื่อมตามอายุ …'``: the rating, its label and what the inspector sees, for a form."""
    return paser_level(value).text(language)


# --------------------------------------------------------------------------------------------------
# Condition bands and treatments

# (code, lowest PCI, highest PCI, treatment). A PCI on an edge belongs to the worse band: ASTM
# D6433's whole-number scale is 86–100 good, 71–85 satisfactory, …, 0–10 failed.
# Treatments follow the PASER classes, whose ratings roughly track PCI / 10: good ≈ PASER 9–10 (no
# work), satisfactory ≈ 7–8 (routine crack sealing, patching), fair ≈ 5–6 (preservation: seal coat,
# thin overlay), poor and very poor ≈ 3–4 (overlay, with patching first), serious and failed ≈ 1–2
# (reconstruction).
PCI_BANDS = (
    ("good", 85.0, 100.0, "none"),
    ("satisfactory", 70.0, 85.0, "routine"),
    ("fair", 55.0, 70.0, "preservation"),
    ("poor", 40.0, 55.0, "overlay"),
    ("very_poor", 25.0, 40.0, "overlay"),
    ("serious", 10.0, 25.0, "reconstruct"),
    ("failed", 0.0, 10.0, "reconstruct"),
)
_BAND_TREATMENT = {code: treatment for code, _, _, treatment in PCI_BANDS}


def _pci_value(value: object) -> float:
    try:
        pci = _number(value)
    except _InvalidError:
        raise CddpError(_PCI_VALUE, value=_show(value)) from None
    if not 0.0 <= pci <= 100.0:
        raise CddpError(_PCI_VALUE, value=_show(value))
    return pci


def condition_band(pci: object) -> str:
    """Band code of a PCI (0–100) in the workspace's ``condition_band`` value list; edges go to the
    worse band (85 → satisfactory, 85.1 → good, 10 → failed)."""
    value = _pci_value(pci)
    for code, lowest, _, _ in PCI_BANDS[:-1]:
        if value > lowest:
            return code
    return "failed"


def condition_bands(pcis: Iterable[object]) -> list[str]:
    """:func:`condition_band` of many PCIs at once (numpy)."""
    import numpy as np

    values = list(pcis) if not hasattr(pcis, "__len__") else pcis
    arr = _float_column(values)
    bad = ~(np.isfinite(arr) & (arr >= 0) & (arr <= 100))
    if bad.any():
        _pci_value(_item(values, int(np.flatnonzero(bad)[0])))
    worst_first = [code for code, *_ in reversed(PCI_BANDS)]
    edges = [lowest for _, lowest, _, _ in reversed(PCI_BANDS)][1:]  # 10, 25, …, 85
    return [worst_first[i] for i in np.searchsorted(edges, arr, side="left").tolist()]


def band_treatment(band: str) -> str:
    """Treatment class of a condition band (see :data:`PCI_BANDS`)."""
    try:
        return _BAND_TREATMENT[band]
    except (KeyError, TypeError):
        raise CddpError(_BAND, value=_show(band)) from None


def pci_treatment(pci: object) -> str:
    return band_treatment(condition_band(pci))


# --------------------------------------------------------------------------------------------------
# Sampling and sections


def sample_units_to_inspect(
    total_units: object,
    surface: str = "asphalt",
    *,
    acceptable_error: object = 5.0,
    std_dev: object = None,
) -> int:
    """Minimum number of sample units to inspect in a section of ``total_units`` (ASTM D6433, 95 %):
    n = N·s² / ((e²/4)(N−1) + s²), rounded up; e = 5 PCI points, s = 10 (asphalt) or 15 (concrete)
    unless given. Computed in exact fractions, so a whole n is not rounded up by a float error."""
    try:
        n_total = _whole(total_units)
    except _InvalidError:
        raise CddpError(_UNITS_TOTAL, value=_show(total_units)) from None
    if n_total < 1:
        raise CddpError(_UNITS_TOTAL, value=n_total)
    try:
        e = _positive(acceptable_error)
    except _InvalidError:
        raise CddpError(_ERROR_E, value=_show(acceptable_error)) from None
    if std_dev is None:
        s = {"asphalt": 10.0, "concrete": 15.0}.get(surface) if isinstance(surface, str) else None
        if s is None:
            raise CddpError(_SURFACE, value=_show(surface))
    else:
        try:
            s = _positive(std_dev)
        except _InvalidError:
            raise CddpError(_STD_DEV, value=_show(std_dev)) from None
    s2, e2 = Fraction(s) ** 2, Fraction(e) ** 2
    n = Fraction(n_total) * s2 / (e2 / 4 * (n_total - 1) + s2)
    return math.ceil(n)


def section_pci(pcis: Sequence[object], areas: Sequence[object], unit_ids: Sequence[Hashable] | None = None) -> float:
    """Area-weighted mean PCI of a section's inspected sample units."""
    if len(pcis) != len(areas):
        raise CddpError(_AREAS_LENGTH, count=len(areas), expected=len(pcis))
    if unit_ids is not None and len(unit_ids) != len(pcis):
        raise CddpError(_UNIT_IDS_LENGTH, count=len(unit_ids), expected=len(pcis))
    if not pcis:
        raise CddpError(_SECTION_EMPTY)
    weighted = total = 0.0
    for i, (pci, area) in enumerate(zip(pcis, areas, strict=True)):
        label = unit_ids[i] if unit_ids is not None else i + 1
        a = _area(area, label)
        try:
            p = _number(pci)
        except _InvalidError:
            raise CddpError(_UNIT_PCI_VALUE, unit=label, value=_show(pci)) from None
        if not 0.0 <= p <= 100.0:
            raise CddpError(_UNIT_PCI_VALUE, unit=label, value=_show(pci))
        weighted += p * a
        total += a
    return weighted / total


# --------------------------------------------------------------------------------------------------
# Curves


@dataclass(frozen=True)
class DistressType:
    """An ASTM D6433 asphalt distress type and its deduct curves (coefficients by severity, lowest power
    first, in x = log10(density %))."""

    type: int
    key: str
    name: str
    measure: str  # m2 | m | count
    density_min: float
    density_max: float
    coefficients: Mapping[str, tuple[float, ...]]


@dataclass(frozen=True)
class Curves:
    distresses: Mapping[int, DistressType]
    cdv_coefficients: Mapping[int, tuple[float, ...]]  # by q = 1..q_max, in the total deduct value
    cdv_total_min: float
    cdv_total_max: float
    cdv_q_max: int
    source: Mapping[str, object]


@functools.lru_cache(maxsize=1)
def curves() -> Curves:
    """The asphalt deduct and CDV curves from ``data/pci_asphalt_curves.json``."""
    data = json.loads(CURVES_FILE.read_text(encoding="utf-8"))
    distresses = {
        d["type"]: DistressType(
            d["type"],
            d["key"],
            d["name"],
            d["measure"],
            float(d["density_min"]),
            float(d["density_max"]),
            {s: tuple(map(float, d["coefficients"][s])) for s in SEVERITIES},
        )
        for d in data["distresses"]
    }
    cdv = data["cdv"]
    return Curves(
        distresses,
        {int(q): tuple(map(float, c)) for q, c in cdv["coefficients"].items()},
        float(cdv["total_min"]),
        float(cdv["total_max"]),
        int(cdv["q_max"]),
        data["source"],
    )


def distress_types() -> tuple[DistressType, ...]:
    return tuple(curves().distresses[t] for t in sorted(curves().distresses))


def _horner(coefficients: Sequence[float], x: float) -> float:
    """c0 + c1·x + c2·x² + …, evaluated in the same order as the numpy path (same deduct values)."""
    y = 0.0
    for c in reversed(coefficients):
        y = y * x + c
    return y


def _clip(x: float, low: float, high: float) -> float:
    return min(max(x, low), high)


def _deduct(distress: DistressType, severity: str, density: float) -> float:
    x = math.log10(_clip(density, distress.density_min, distress.density_max))
    return _clip(_horner(distress.coefficients[severity], x), 0.0, 100.0)


def _cdv(total: float, q: int) -> float:
    c = curves()
    t = _clip(total, c.cdv_total_min, c.cdv_total_max)
    return _clip(_horner(c.cdv_coefficients[min(q, c.cdv_q_max)], t), 0.0, 100.0)


def _distress_type(value: object) -> DistressType:
    """Raises _InvalidError(missing | bad | range)."""
    number = _whole(value)
    found = curves().distresses.get(number)
    if found is None:
        raise _InvalidError("range")
    return found


_SEVERITY_WORDS = {
    "L": "L",
    "LOW": "L",
    "ต่ำ": "L",
    "M": "M",
    "MEDIUM": "M",
    "ปานกลาง": "M",
    "H": "H",
    "HIGH": "H",
    "สูง": "H",
}


def _severity(value: object) -> str:
    """``L``/``M``/``H`` (any case, or low/medium/high, or the Thai labels ต่ำ/ปานกลาง/สูง)."""
    if _is_null(value):
        raise _InvalidError("missing")
    if not isinstance(value, str):
        raise _InvalidError("bad")
    text = value.strip()
    if not text:
        raise _InvalidError("missing")
    code = _SEVERITY_WORDS.get(text.upper())
    if code is None:
        raise _InvalidError("bad")
    return code


_MEASURE_WORDS = {"M2": "m2", "M²": "m2", "SQM": "m2", "M": "m", "COUNT": "count", "NO": "count"}


def _measure(value: object) -> str | None:
    """``m2``/``m``/``count`` or None when not given."""
    if _is_null(value) or (isinstance(value, str) and not value.strip()):
        return None
    code = _MEASURE_WORDS.get(value.strip().upper()) if isinstance(value, str) else None
    if code is None:
        raise _InvalidError("bad")
    return code


def deduct_value(distress_type: object, severity: object, density: object) -> float:
    """Deduct value of one distress type and severity at a density (% of the sample area, 0 < d ≤ 100)."""
    try:
        distress = _distress_type(distress_type)
    except _InvalidError:
        raise CddpError(_DV_TYPE, value=_show(distress_type)) from None
    try:
        sev = _severity(severity)
    except _InvalidError:
        raise CddpError(_DV_SEVERITY, value=_show(severity)) from None
    try:
        d = _number(density)
    except _InvalidError:
        raise CddpError(_DV_DENSITY, value=_show(density)) from None
    if not 0.0 < d <= 100.0:
        raise CddpError(_DV_DENSITY, value=_show(density))
    return _deduct(distress, sev, d)


def corrected_deduct_value(total: object, q: object) -> float:
    """CDV for a total deduct value and q, the number of deduct values above 2."""
    try:
        q_int = _whole(q)
    except _InvalidError:
        raise CddpError(_CDV_Q, value=_show(q)) from None
    if q_int < 1:
        raise CddpError(_CDV_Q, value=q_int)
    try:
        t = _number(total)
    except _InvalidError:
        raise CddpError(_CDV_TOTAL, value=_show(total)) from None
    if t < 0:
        raise CddpError(_CDV_TOTAL, value=_show(total))
    return _cdv(t, q_int)


# --------------------------------------------------------------------------------------------------
# Input records


@dataclass(frozen=True)
class Distress:
    """One distress record of a sample unit, as read from ``road_distresses``.

    ``type`` 1–19, ``severity`` L/M/H, ``quantity`` > 0 in the type's measure (m², m or count);
    ``quantity_unit`` (m2/m/count), if given, must be that measure. ``sample_unit`` names the unit
    (used by :func:`pci_by_unit`) and ``record`` names the record in messages (default: its 1-based
    position).
    """

    type: object
    severity: object
    quantity: object
    quantity_unit: object = None
    sample_unit: Hashable = None
    record: Hashable = None


def _area(value: object, unit: object) -> float:
    try:
        return _positive(value)
    except _InvalidError as e:
        raise CddpError(_AREA_MESSAGES[e.reason], unit=unit, value=_show(value)) from None


def _check_record(
    record: object, unit: object, type_: object, severity: object, quantity: object, measure: object
) -> tuple[DistressType, str, float]:
    """Validate one record in a fixed order (type, severity, quantity, unit) with a specific message."""
    try:
        distress = _distress_type(type_)
    except _InvalidError as e:
        raise CddpError(_TYPE_MESSAGES[e.reason], record=record, unit=unit, value=_show(type_)) from None
    where = {"record": record, "unit": unit, "type": distress.type, "name": distress.name}
    try:
        sev = _severity(severity)
    except _InvalidError as e:
        raise CddpError(_SEVERITY_MESSAGES[e.reason], value=_show(severity), **where) from None
    try:
        qty = _positive(quantity)
    except _InvalidError as e:
        raise CddpError(_QUANTITY_MESSAGES[e.reason], value=_show(quantity), **where) from None
    try:
        given = _measure(measure)
    except _InvalidError:
        raise CddpError(_MEASURE_MESSAGES["bad"], value=_show(measure), **where) from None
    if given is not None and given != distress.measure:
        raise CddpError(_MEASURE_MESSAGES["range"], value=_show(measure), expected=distress.measure, **where)
    return distress, sev, qty


def _density_error(unit: object, distress: DistressType, sev: str, qty: float, area: float, density: float):
    return CddpError(
        _DENSITY,
        unit=unit,
        type=distress.type,
        name=distress.name,
        severity=sev,
        quantity=_fmt(qty),
        measure=distress.measure,
        area=_fmt(area),
        density=f"{density:.1f}",
    )


# --------------------------------------------------------------------------------------------------
# PCI of one sample unit, step by step


@dataclass(frozen=True)
class Deduct:
    type: int
    severity: str
    quantity: float
    density: float
    value: float


@dataclass(frozen=True)
class CdvStep:
    deducts: tuple[float, ...]
    total: float
    q: int
    cdv: float


@dataclass(frozen=True)
class PciResult:
    pci: float
    max_cdv: float
    deducts: tuple[Deduct, ...]  # one per type + severity, largest deduct value first
    m: float | None  # allowable number of deducts; None when at most one DV is above 2
    steps: tuple[CdvStep, ...]  # the q iteration; empty when it was skipped

    @property
    def band(self) -> str:
        return condition_band(self.pci)

    @property
    def treatment(self) -> str:
        return band_treatment(self.band)


def max_cdv_of(deducts: Iterable[float]) -> tuple[float, float | None, tuple[CdvStep, ...]]:
    """Maximum CDV of a sample unit's deduct values: (max CDV, m or None, iteration steps)."""
    dvs = sorted(deducts, reverse=True)
    if sum(1 for dv in dvs if dv > 2.0) <= 1:
        return sum(dvs), None, ()
    m = min(1.0 + (9.0 / 98.0) * (100.0 - dvs[0]), 10.0)
    whole = math.floor(m)
    kept = dvs[:whole]
    if len(dvs) > whole and m > whole:
        kept.append(dvs[whole] * (m - whole))
    steps = []
    while True:
        total = sum(kept)
        q = sum(1 for dv in kept if dv > 2.0)
        steps.append(CdvStep(tuple(kept), total, q, _cdv(total, q)))
        if q <= 1:
            break
        smallest = min((i for i, dv in enumerate(kept) if dv > 2.0), key=lambda i: kept[i])
        kept[smallest] = 2.0
    return max(step.cdv for step in steps), m, tuple(steps)


def pci_sample_unit(distresses: Iterable[Distress], sample_area: object, unit: Hashable = None) -> PciResult:
    """PCI of one asphalt sample unit of ``sample_area`` m² with its distress records, with the working."""
    label = unit if unit is not None else "-"
    area = _area(sample_area, label)
    groups: dict[tuple[int, str], float] = {}
    for position, d in enumerate(distresses, start=1):
        record = d.record if d.record is not None else position
        distress, sev, qty = _check_record(record, label, d.type, d.severity, d.quantity, d.quantity_unit)
        groups[distress.type, sev] = groups.get((distress.type, sev), 0.0) + qty
    deducts = []
    for (type_, sev), qty in sorted(groups.items(), key=lambda kv: (kv[0][0], SEVERITIES.index(kv[0][1]))):
        distress = curves().distresses[type_]
        density = qty / area * 100.0
        if density > 100.0:
            raise _density_error(label, distress, sev, qty, area, density)
        deducts.append(Deduct(type_, sev, qty, density, _deduct(distress, sev, density)))
    deducts.sort(key=lambda d: -d.value)
    max_cdv, m, steps = max_cdv_of(d.value for d in deducts)
    pci = _clip(100.0 - max_cdv, 0.0, 100.0)
    return PciResult(pci, max_cdv, tuple(deducts), m, steps)


# --------------------------------------------------------------------------------------------------
# PCI of many sample units at once (numpy)


def _item(values: object, i: int) -> object:
    item = values[i]  # type: ignore[index]
    return item.item() if hasattr(item, "item") and not isinstance(item, str) else item


def _float_column(values: object) -> np.ndarray:
    """Floats; NaN where a value is missing or not a number (the caller re-checks those one by one)."""
    import numpy as np

    arr = np.asarray(values)
    if arr.ndim == 1 and arr.dtype.kind in "iuf":
        return arr.astype(float)

    def one(v: object) -> float:
        try:
            return _number(v)
        except _InvalidError:
            return math.nan

    return np.fromiter((one(v) for v in values), dtype=float, count=len(values))  # type: ignore[arg-type]


def _code_column(values: object, parse, invalid: int, whole_range: tuple[int, int] | None = None) -> np.ndarray:
    """Map each value through ``parse`` (once per distinct value); ``invalid`` where it fails.

    With ``whole_range`` (lowest, highest), a numeric column is checked in numpy instead: whole
    numbers in that range are their own code (what ``parse`` would return for them)."""
    import numpy as np

    def code(v: object) -> int:
        try:
            return parse(v)
        except _InvalidError:
            return invalid

    arr = np.asarray(values)
    if whole_range is not None and arr.ndim == 1 and arr.dtype.kind in "iuf":
        lowest, highest = whole_range
        with np.errstate(invalid="ignore"):
            ok = (arr >= lowest) & (arr <= highest)
            if arr.dtype.kind == "f":
                ok &= np.floor(arr) == arr
        return np.where(ok, arr, invalid).astype(np.int64)
    if arr.ndim == 1 and arr.dtype.kind in "iufUS":
        distinct, inverse = np.unique(arr, return_inverse=True)
        table = np.array([code(v.item()) for v in distinct] or [invalid], dtype=np.int64)
        return table[inverse]
    cache: dict[object, int] = {}
    out = np.empty(len(values), dtype=np.int64)  # type: ignore[arg-type]
    for i, v in enumerate(values):  # type: ignore[arg-type]
        try:
            out[i] = cache[v] if v in cache else cache.setdefault(v, code(v))
        except TypeError:  # unhashable
            out[i] = code(v)
    return out


@functools.lru_cache(maxsize=1)
def _tables():
    """Coefficient tables for numpy: deduct curves by (type − 1)·3 + severity, CDV curves by q."""
    import numpy as np

    c = curves()
    degree = max(len(k) for d in c.distresses.values() for k in d.coefficients.values())
    dv = np.zeros((57, degree))
    dmin, dmax = np.zeros(57), np.zeros(57)
    for t, d in c.distresses.items():
        for s, sev in enumerate(SEVERITIES):
            row = (t - 1) * 3 + s
            dv[row, : len(d.coefficients[sev])] = d.coefficients[sev]
            dmin[row], dmax[row] = d.density_min, d.density_max
    cdv_degree = max(len(k) for k in c.cdv_coefficients.values())
    cdv = np.zeros((c.cdv_q_max + 1, cdv_degree))
    for q, k in c.cdv_coefficients.items():
        cdv[q, : len(k)] = k
    measure = np.array([MEASURES.index(c.distresses[t].measure) for t in range(1, 20)])
    return dv, dmin, dmax, cdv, measure


def _horner_rows(table: np.ndarray, rows: np.ndarray, x: np.ndarray) -> np.ndarray:
    import numpy as np

    y = np.zeros_like(x)
    for j in range(table.shape[1] - 1, -1, -1):
        y = y * x + table[rows, j]
    return y


def _max_cdv_rows(dv_sorted: np.ndarray) -> np.ndarray:
    """Maximum CDV of each row of deduct values (sorted in descending order, padded with zeros)."""
    import numpy as np

    c = curves()
    _, _, _, cdv_table, _ = _tables()
    n_units, width = dv_sorted.shape
    total_all = dv_sorted.sum(axis=1)
    single = (dv_sorted > 2.0).sum(axis=1) <= 1
    m = np.minimum(1.0 + (9.0 / 98.0) * (100.0 - dv_sorted[:, 0]), 10.0)
    whole = np.floor(m)
    cols = np.arange(width)[None, :]
    factor = np.where(cols < whole[:, None], 1.0, np.where(cols == whole[:, None], (m - whole)[:, None], 0.0))
    kept = dv_sorted * factor  # still in descending order: the reduced one is the last kept
    above = kept > 2.0
    q0 = above.sum(axis=1)
    rest = np.where(above, 0.0, kept).sum(axis=1)  # deducts of 2 or less stay as they are
    prefix = np.cumsum(kept, axis=1)
    rows = np.arange(n_units)
    best = np.zeros(n_units)
    for k in range(int(q0.max(initial=0))):
        # step k: the k smallest deducts above 2 have been set to 2.0, q0 − k remain above 2
        q = q0 - k
        active = (q >= 1) & ~single
        if not active.any():
            break
        first = prefix[rows, np.maximum(q - 1, 0)]
        total = np.clip(first + 2.0 * k + rest, c.cdv_total_min, c.cdv_total_max)
        curve = np.clip(q, 1, c.cdv_q_max)
        cdv = np.clip(_horner_rows(cdv_table, curve, total), 0.0, 100.0)
        best = np.where(active, np.maximum(best, cdv), best)
    return np.where(single, total_all, best)


def pci_arrays(
    sample_areas: Sequence[object],
    unit_index: Sequence[object],
    distress_type: Sequence[object],
    severity: Sequence[object],
    quantity: Sequence[object],
    quantity_unit: Sequence[object] | None = None,
    *,
    unit_ids: Sequence[Hashable] | None = None,
    record_ids: Sequence[Hashable] | None = None,
) -> np.ndarray:
    """PCI of many asphalt sample units at once.

    ``sample_areas[u]`` is the area (m²) of sample unit u; each distress record i belongs to unit
    ``unit_index[i]`` (0-based) and has ``distress_type[i]``, ``severity[i]``, ``quantity[i]`` and
    optionally ``quantity_unit[i]``. Returns one PCI per sample unit (100 for a unit without
    distresses). ``unit_ids``/``record_ids`` name units and records in error messages (default:
    1-based positions). Checks every value first and stops at the first bad record with the same
    message as :func:`pci_sample_unit`.
    """
    import numpy as np

    columns = [unit_index, distress_type, severity, quantity] + ([quantity_unit] if quantity_unit is not None else [])
    columns = [c if hasattr(c, "__len__") and hasattr(c, "__getitem__") else list(c) for c in columns]
    unit_index, distress_type, severity, quantity = columns[:4]
    if quantity_unit is not None:
        quantity_unit = columns[4]
    if len({len(c) for c in columns}) > 1:
        raise CddpError(_LENGTHS, lengths=", ".join(map(str, (len(c) for c in columns))))
    if not hasattr(sample_areas, "__len__"):
        sample_areas = list(sample_areas)
    n_units, n_records = len(sample_areas), len(columns[0])
    if unit_ids is not None and len(unit_ids) != n_units:
        raise CddpError(_UNIT_IDS_LENGTH, count=len(unit_ids), expected=n_units)
    if record_ids is not None and len(record_ids) != n_records:
        raise CddpError(_RECORD_IDS_LENGTH, count=len(record_ids), expected=n_records)

    def unit_label(u: int) -> object:
        return unit_ids[u] if unit_ids is not None else u + 1

    def record_label(i: int) -> object:
        return record_ids[i] if record_ids is not None else i + 1

    areas = _float_column(sample_areas)
    bad = ~(np.isfinite(areas) & (areas > 0))
    if bad.any():
        u = int(np.flatnonzero(bad)[0])
        _area(_item(sample_areas, u), unit_label(u))
        raise AssertionError("unreachable")  # pragma: no cover
    if n_records == 0:
        return np.full(n_units, 100.0)

    units = _code_column(unit_index, lambda v: _index(v, n_units), -1, (0, n_units - 1))
    types = _code_column(distress_type, lambda v: _distress_type(v).type, 0, (1, 19))
    sevs = _code_column(severity, lambda v: SEVERITIES.index(_severity(v)), -1)
    qty = _float_column(quantity)
    bad = (units < 0) | (types == 0) | (sevs < 0) | ~(np.isfinite(qty) & (qty > 0))
    if quantity_unit is not None:
        measure_table = _tables()[4]
        given = _code_column(quantity_unit, lambda v: -1 if _measure(v) is None else MEASURES.index(_measure(v)), -2)
        bad |= (given == -2) | ((given >= 0) & (types > 0) & (given != measure_table[np.maximum(types, 1) - 1]))
    if bad.any():
        i = int(np.flatnonzero(bad)[0])
        if units[i] < 0:
            raise CddpError(_UNIT_INDEX, record=record_label(i), value=_show(_item(unit_index, i)), last=n_units - 1)
        _check_record(
            record_label(i),
            unit_label(int(units[i])),
            _item(distress_type, i),
            _item(severity, i),
            _item(quantity, i),
            _item(quantity_unit, i) if quantity_unit is not None else None,
        )
        raise AssertionError("unreachable")  # pragma: no cover

    # Add up records of the same unit, type and severity (in record order, as the per-unit path does).
    group_key = units * 57 + (types - 1) * 3 + sevs
    keys, inverse = np.unique(group_key, return_inverse=True)
    group_qty = np.bincount(inverse, weights=qty)
    g_unit, g_curve = keys // 57, keys % 57
    density = group_qty / areas[g_unit] * 100.0
    over = density > 100.0
    if over.any():
        g = int(np.flatnonzero(over)[0])
        distress = curves().distresses[int(g_curve[g]) // 3 + 1]
        sev = SEVERITIES[int(g_curve[g]) % 3]
        raise _density_error(
            unit_label(int(g_unit[g])), distress, sev, float(group_qty[g]), float(areas[g_unit[g]]), float(density[g])
        )

    dv_table, dmin, dmax, _, _ = _tables()
    x = np.log10(np.minimum(np.maximum(density, dmin[g_curve]), dmax[g_curve]))
    dv = np.clip(_horner_rows(dv_table, g_curve, x), 0.0, 100.0)

    # One row of deduct values per unit, largest first, padded with zeros.
    order = np.lexsort((-dv, g_unit))
    g_unit, dv = g_unit[order], dv[order]
    counts = np.bincount(g_unit, minlength=n_units)
    starts = np.cumsum(counts) - counts
    matrix = np.zeros((n_units, max(int(counts.max()), 1)))
    matrix[g_unit, np.arange(len(g_unit)) - starts[g_unit]] = dv
    return np.clip(100.0 - _max_cdv_rows(matrix), 0.0, 100.0)


def _index(value: object, n_units: int) -> int:
    number = _whole(value)
    if not 0 <= number < n_units:
        raise _InvalidError("range")
    return number


def pci_by_unit(sample_areas: Mapping[Hashable, object], distresses: Iterable[Distress]) -> dict[Hashable, float]:
    """PCI of every sample unit in ``sample_areas`` (id → area in m²) from distress records whose
    ``sample_unit`` is one of those ids; vectorised (see :func:`pci_arrays`)."""
    ids = list(sample_areas)
    position = {unit: u for u, unit in enumerate(ids)}
    records = list(distresses)
    quantity_units = [d.quantity_unit for d in records]
    index = []
    for i, d in enumerate(records):
        u = position.get(d.sample_unit) if isinstance(d.sample_unit, Hashable) else None
        if u is None:
            raise CddpError(_UNKNOWN_UNIT, record=d.record if d.record is not None else i + 1, unit=d.sample_unit)
        index.append(u)
    pcis = pci_arrays(
        [sample_areas[unit] for unit in ids],
        index,
        [d.type for d in records],
        [d.severity for d in records],
        [d.quantity for d in records],
        quantity_units if any(u is not None for u in quantity_units) else None,
        unit_ids=ids,
        record_ids=[d.record if d.record is not None else i + 1 for i, d in enumerate(records)],
    )
    return dict(zip(ids, pcis.tolist(), strict=True))
