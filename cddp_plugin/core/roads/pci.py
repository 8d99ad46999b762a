"""ASTM D6433 PCI: deduct-value curves, distress records, PCI of one sample unit step by step and of many at once."""

from __future__ import annotations

import functools
import json
import math
from collections.abc import Hashable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from ..common.errors import CddpError
from .pavement import (
    _CDV_Q,
    _CDV_TOTAL,
    _DENSITY,
    _DV_DENSITY,
    _DV_SEVERITY,
    _DV_TYPE,
    _LENGTHS,
    _MEASURE_MESSAGES,
    _QUANTITY_MESSAGES,
    _RECORD_IDS_LENGTH,
    _SEVERITY_MESSAGES,
    _TYPE_MESSAGES,
    _UNIT_IDS_LENGTH,
    _UNIT_INDEX,
    _UNKNOWN_UNIT,
    CURVES_FILE,
    MEASURES,
    SEVERITIES,
    _area,
    _float_column,
    _fmt,
    _InvalidError,
    _is_null,
    _item,
    _number,
    _positive,
    _show,
    _whole,
    band_treatment,
    condition_band,
)

# --------------------------------------------------------------------------------------------------
# Curves

if TYPE_CHECKING:
    import numpy as np


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
