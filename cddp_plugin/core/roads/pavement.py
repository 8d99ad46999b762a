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

import math
import numbers
from collections.abc import Hashable, Iterable, Sequence
from dataclasses import dataclass
from fractions import Fraction
from pathlib import Path
from typing import TYPE_CHECKING

from ..common.errors import CddpError
from ..common.i18n import translate
from ..common.thai import to_arabic_digits

PASER_BANDS = {10: "good", 9: "good", 8: "satisfactory", 7: "satisfactory", 6: "fair", 5: "fair", 4: "poor",
               3: "poor", 2: "very_poor", 1: "failed"}  # fmt: skip


def summary_by_band(lengths, bands) -> dict[str, float]:
    """Kilometres of road per condition band (unrated included as ``unrated``)."""
    out: dict[str, float] = {}
    for length, band in zip(lengths, bands, strict=True):
        key = band if isinstance(band, str) and band else "unrated"
        out[key] = out.get(key, 0.0) + float(length or 0) / 1000.0
    return {k: round(v, 3) for k, v in out.items()}


def read_section_conditions(workspace_path: str):
    """The workspace's road sections as a GeoDataFrame of ``length_m`` and ``condition_band`` (read-only)."""
    from ..common import ogrio

    return ogrio.read_dataframe(workspace_path, layer="road_sections", columns=["length_m", "condition_band"])


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


def _area(value: object, unit: object) -> float:
    try:
        return _positive(value)
    except _InvalidError as e:
        raise CddpError(_AREA_MESSAGES[e.reason], unit=unit, value=_show(value)) from None


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
