"""Road maintenance plan: which road sections to repair within a budget in baht, weighted by the
households each road serves and the vulnerable residents among them.

Condition
    A section's current PCI is its ``pci``; a section rated by PASER only gets the PCI equivalent
    :data:`PASER_PCI` (each band's PCI range split in two, the rating at the middle of its half:
    10 → 96, 9 → 89, 8 → 81, 7 → 74, 6 → 66, 5 → 59, 4 → 51, 3 → 44, 2 → 32, 1 → 5; so the
    equivalent lies in the band ``cddp:roadcondition`` gives the rating). Band and treatment follow
    the rules of ``cddp:roadcondition``: from the PCI (:func:`pavement.condition_band`,
    :func:`pavement.band_treatment`) or from the PASER rating (``condition.PASER_BANDS``,
    :func:`pavement.paser_treatment`). Sections with neither rating are left out ("unrated"), so are
    sections whose treatment is ``none`` ("no work").

Gain
    The PCI expected right after each treatment, :data:`PCI_AFTER` (our assumption, following the
    usual pavement-management convention that major rehabilitation restores a pavement to as new):
    routine 85 (the top of *satisfactory*: crack sealing and patching stop the decline more than
    they lift the index), preservation 90, overlay 95, reconstruction 100. The gain is
    ``max(PCI after − PCI now, 0)``.

Cost
    Area = the section's ``area_sqm``; else length × the road's width (``roads.width_m``, else lanes
    × 3 m, as :func:`roads_sections.road_width`), else × :data:`DEFAULT_WIDTH_M` (6 m: two 3 m lanes, the
    usual local paved road). Cost = area × unit cost (baht per m², :data:`DEFAULT_UNIT_COSTS`),
    rounded up to whole :data:`COST_UNIT_BAHT` (1,000 baht, the precision of an estimate), which is
    also the knapsack's unit: the plan is exact for the costs it reports.

    Default unit costs (routine 60, preservation 150, overlay 400, reconstruction 900 baht/m²) are
    our assumption of 2025 Thai local-road prices, not an official price list: in line with a
    Department of Rural Roads estimate of 6,995,000 baht for 2.3 km of new reinforced-concrete road
    (2010 prices, about 500 baht/m² at 6 m) grown with prices since, with asphalt overlays of 5 cm
    at roughly half and surface seals at a sixth of reconstruction. Each municipality should set
    its own ราคากลาง with ``unit_costs`` (``"overlay=420; reconstruct=1,050"``).

People served (counts only; PDPA)
    Every parcel within ``serve_distance`` (default 30 m) of a section is assigned to its *nearest*
    section, and every household linked to a parcel (``households.parcel_id`` = ``parcels.uuid``)
    to its parcel's section. A household without a link, or linked to a parcel that is no longer in
    the workspace, falls back to its own point: nearest section within the same distance. So each
    household counts once, for the road it fronts, and "households served" adds up without double
    counting. A household linked to a parcel that fronts no section is not served (the link wins
    over the point). Vulnerable residents of a household: residents who are elderly (``is_elderly``
    or 60+ from ``birth_year_be``), homebound or bedridden, disabled, or in care colour yellow or
    red — each person counted once. Only these counts leave this module; resident rows are read
    without names and never logged.

Benefit
    ``benefit = gain × L/1000 × (1 + w_h·H·100/L + w_v·V·100/L)`` in PCI-point-kilometres, with
    L the length (m), H the households and V the vulnerable residents served: the households and
    vulnerable residents *per 100 m* weight the repair, so a household is worth ``w_h`` × 100 m of
    road with nobody on it (defaults w_h = 0.1: ten households per 100 m double the benefit;
    w_v = 0.2 per vulnerable resident, on top of their household).

Selection (0/1 knapsack: maximise Σ benefit, Σ cost ≤ budget)
    1. Greedy by benefit per baht, then every later section that still fits, and the best single
       section if that is better: a lower bound, and the LP (fractional) relaxation's value — the
       Dantzig bound — as the upper bound.
    2. ``exact`` / ``auto``: sections are fixed in or out with the Dembo–Hammer reduction (a section
       whose opposite choice would bound the plan below the best plan known cannot differ in any
       better plan); the rest — the core, sections whose benefit per baht is close to the
       break-even — go to a dynamic programme over cost units (numpy, one bit-packed choice row per
       section, at most ``max_cells`` cells). The result is optimal: ``method`` "exact", ``gap_pct`` 0.
    3. If that core is too big, a dynamic programme over a window of sections around the break-even
       (the rest kept as in the LP solution) usually finds a plan within a hair of the LP bound; the
       reduction with that better bound leaves a much smaller core, and step 2 runs on it.
    4. If the core is still too big (``auto``) or ``method="greedy"``: the best plan found
       (``method`` "core" when the window improved on the greedy plan, else "greedy"), with its gap to
       the LP bound measured: ``gap_pct = (upper_bound − objective) / upper_bound × 100`` — the
       optimum lies in between.
"""

from __future__ import annotations

import datetime as _dt
import logging
import math
import re
from collections.abc import Callable
from dataclasses import dataclass

from ..common.errors import CddpError
from ..common.i18n import translate
from ..common.thai import be_year, to_arabic_digits
from ..workspace import schema
from . import pavement
from . import pci as roads_pci
from .pavement import PASER_BANDS

log = logging.getLogger("cddp.core.maintenance")

TREATMENTS = ("routine", "preservation", "overlay", "reconstruct")  # treatments with work (not "none")
DEFAULT_UNIT_COSTS = {"routine": 60.0, "preservation": 150.0, "overlay": 400.0, "reconstruct": 900.0}  # baht/m²
PCI_AFTER = {"routine": 85.0, "preservation": 90.0, "overlay": 95.0, "reconstruct": 100.0}
PASER_PCI = {10: 96.0, 9: 89.0, 8: 81.0, 7: 74.0, 6: 66.0, 5: 59.0, 4: 51.0, 3: 44.0, 2: 32.0, 1: 5.0}
DEFAULT_WIDTH_M = 6.0
DEFAULT_SERVE_DISTANCE_M = 30.0
DEFAULT_HOUSEHOLD_WEIGHT = 0.1
DEFAULT_VULNERABLE_WEIGHT = 0.2
COST_UNIT_BAHT = 1000.0
MAX_DP_CELLS = 400_000_000  # 50 MB of choice bits, a few seconds of numpy
ELDERLY_AGE = 60
METHODS = ("auto", "exact", "greedy")

_BUDGET = translate("core", "The budget must be a number of baht greater than 0; got {value}.")
_NO_SECTIONS = translate(
    "core", "There are no road sections to plan; import roads and cut them into sections (cddp:segmentroads) first."
)
_NO_RATED = translate(
    "core",
    "None of the {n} road sections has a condition rating (PCI or PASER); enter inspections and run cddp:roadcondition first.",
)
_NO_LENGTH = translate("core", "The road sections need a length_m column or line geometries.")
_CRS_MISSING = translate("core", "{layer} has no coordinate reference system; the plan measures metres.")
_CRS_GEOGRAPHIC = translate(
    "core", "{layer} is in a geographic CRS ({crs}); the plan measures metres, so use a projected CRS such as UTM."
)
_COST_ITEM = translate("core", "Unit cost '{item}' is not of the form treatment=baht per m² (e.g. overlay=400).")
_COST_TREATMENT = translate(
    "core", "Unknown treatment '{name}' in the unit costs; use routine, preservation, overlay or reconstruct."
)
_COST_NUMBER = translate("core", "The unit cost of {name} must be a number of baht per m²; got '{value}'.")
_COST_RANGE = translate("core", "The unit cost of {name} must be more than 0 baht per m²; got {value}.")
_COST_TWICE = translate("core", "The unit cost of {name} is given twice.")
_HOUSEHOLD_WEIGHT = translate("core", "The household weight must be a number of 0 or more; got {value}.")
_VULNERABLE_WEIGHT = translate("core", "The vulnerable-resident weight must be a number of 0 or more; got {value}.")
_DISTANCE = translate("core", "The serving distance must be a number of metres greater than 0; got {value}.")
_METHOD = translate("core", "Unknown selection method '{value}'; use auto, exact or greedy.")
_TOO_BIG = translate(
    "core",
    "An exact plan would need {cells} dynamic-programming cells for {items} sections (limit {limit}); use the greedy method.",
)
_CANCELLED = translate("core", "The maintenance plan was cancelled.")
_WIDTH = translate("core", "The default road width must be more than 0 m; got {value}.")

_NUMBER_SUFFIX = re.compile(
    r"\s*(บาท\s*(/|ต่อ)\s*(ตร\.?\s*ม\.?|ตารางเมตร)|บาท|baht(\s*/\s*m(2|²))?|/\s*m(2|²))\s*$", re.I
)


class PlanCancelledError(CddpError):
    def __init__(self) -> None:
        super().__init__(_CANCELLED)


# --------------------------------------------------------------------------------------------------
# Parameters


def _to_float(value: object) -> float | None:
    """A finite float from a number or text (Thai digits, thousands separators, a baht suffix); None if not."""
    if value is None or isinstance(value, bool):
        return None
    if isinstance(value, str):
        text = (
            _NUMBER_SUFFIX.sub("", to_arabic_digits(value).strip()).replace(",", "").replace("_", "").replace(" ", "")
        )
        try:
            number = float(text)
        except ValueError:
            return None
    else:
        try:
            number = float(value)  # type: ignore[arg-type]
        except (TypeError, ValueError):
            return None
    return number if math.isfinite(number) else None


def parse_budget(value: object) -> float:
    number = _to_float(value)
    if number is None or number <= 0:
        raise CddpError(_BUDGET, value=value)
    return number


def _treatment_names() -> dict[str, str]:
    """Lower-case names (codes, Thai labels and their short forms, English labels) → treatment code."""
    names = {}
    for code, th, en in schema.DOMAINS["treatment"].values:
        if code in TREATMENTS:
            for name in (code, th, th.split(" (")[0], en, en.split(" (")[0]):
                names[name.strip().lower()] = code
    names["reconstruction"] = "reconstruct"
    return names


def parse_unit_costs(text: object) -> dict[str, float]:
    """Unit costs (baht/m²) from ``"routine=60; overlay=400"``: the defaults, overridden by what the
    text gives. Items are separated by ``;`` or new lines (commas may group thousands); ``=`` or
    ``:`` between a treatment (code or Thai/English name) and a number (Thai digits allowed)."""
    costs = dict(DEFAULT_UNIT_COSTS)
    if text is None:
        return costs
    if isinstance(text, dict):
        items = [(str(k), v) for k, v in text.items()]
    else:
        items = []
        for item in re.split(r"[;\n]", str(text)):
            if not item.strip():
                continue
            parts = re.split(r"[=:]", item, maxsplit=1)
            if len(parts) != 2 or not parts[0].strip():
                raise CddpError(_COST_ITEM, item=item.strip())
            items.append((parts[0], parts[1]))
    names = _treatment_names()
    seen = set()
    for key, raw in items:
        code = names.get(key.strip().lower())
        if code is None:
            raise CddpError(_COST_TREATMENT, name=key.strip())
        if code in seen:
            raise CddpError(_COST_TWICE, name=code)
        seen.add(code)
        number = _to_float(raw)
        if number is None:
            raise CddpError(_COST_NUMBER, name=code, value=str(raw).strip())
        if number <= 0:
            raise CddpError(_COST_RANGE, name=code, value=_show(number))
        costs[code] = number
    return costs


def format_unit_costs(costs: dict[str, float]) -> str:
    return "; ".join(f"{k}={_show(costs[k])}" for k in TREATMENTS)


def _show(x: float) -> str:
    return str(int(x)) if float(x).is_integer() else f"{x:g}"


def _weight(value: object, template: str) -> float:
    number = _to_float(value)
    if number is None or number < 0:
        raise CddpError(template, value=value)
    return number


def _distance(value: object) -> float:
    number = _to_float(value)
    if number is None or number <= 0:
        raise CddpError(_DISTANCE, value=value)
    return number


def check_crs(crs, layer: str) -> None:
    """A CddpError unless ``crs`` (pyproj CRS or None) is a projected CRS."""
    if crs is None:
        raise CddpError(_CRS_MISSING, layer=layer)
    if crs.is_geographic:
        raise CddpError(_CRS_GEOGRAPHIC, layer=layer, crs=crs.to_string())


# --------------------------------------------------------------------------------------------------
# Condition


def section_condition(pci, paser):
    """(current PCI or PCI equivalent, source 'pci'/'paser'/'', band, treatment) arrays; '' / None for
    unrated sections. Bad ratings raise the messages of :mod:`pavement`."""
    import numpy as np
    import pandas as pd

    n = len(pci)
    pci_s = pd.Series(list(pci), dtype=object)
    paser_s = pd.Series(list(paser), dtype=object)

    def present(s):
        return ~(s.isna() | s.map(lambda v: isinstance(v, str) and not v.strip()))

    has_pci = present(pci_s).to_numpy()
    has_paser = present(paser_s).to_numpy() & ~has_pci
    value = np.full(n, np.nan)
    source = np.full(n, "", dtype=object)
    band = np.full(n, None, dtype=object)
    treatment = np.full(n, None, dtype=object)
    if has_pci.any():
        vals = pci_s[has_pci].tolist()
        bands = pavement.condition_bands(vals)  # validates 0..100
        value[has_pci] = roads_pci._float_column(vals)
        band[has_pci] = bands
        treatment[has_pci] = [pavement.band_treatment(b) for b in bands]
        source[has_pci] = "pci"
    if has_paser.any():
        ratings = pd.Series(paser_s[has_paser].tolist(), dtype=object)
        parsed = {v: pavement.parse_paser(v) for v in set(ratings.map(lambda v: v if isinstance(v, str) else float(v)))}
        r = [parsed[v if isinstance(v, str) else float(v)] for v in ratings]
        value[has_paser] = [PASER_PCI[x] for x in r]
        band[has_paser] = [PASER_BANDS[x] for x in r]
        treatment[has_paser] = [pavement.paser_treatment(x) for x in r]
        source[has_paser] = "paser"
    return value, source, band, treatment


# --------------------------------------------------------------------------------------------------
# People served


def vulnerable_counts(residents, today: _dt.date | None = None):
    """Per ``household_uuid``: vulnerable residents (elderly 60+, homebound or bedridden, disabled,
    or care colour yellow/red; each person once). Only counts; names are never read."""
    import pandas as pd

    if residents is None or len(residents) == 0 or "household_uuid" not in residents:
        return pd.Series(dtype="int64", name="vulnerable")
    r = residents
    n = len(r)

    def col(name):
        return r[name] if name in r else pd.Series([None] * n, index=r.index, dtype=object)

    year_be = be_year(today or _dt.date.today())
    birth = pd.to_numeric(col("birth_year_be"), errors="coerce")
    elderly = pd.to_numeric(col("is_elderly"), errors="coerce").fillna(0).astype(bool) | (
        (year_be - birth) >= ELDERLY_AGE
    )
    dependent = col("dependency").isin(["homebound", "bedridden"])
    disability = col("disability")
    disabled = disability.notna() & ~disability.isin(["none", ""])
    colour = col("care_colour").isin(["yellow", "red"])
    flag = (elderly | dependent | disabled | colour).astype("int64")
    return flag.groupby(r["household_uuid"]).sum().rename("vulnerable")


def people_served(section_geoms, parcels, households, residents=None, distance: float = DEFAULT_SERVE_DISTANCE_M,
                  today: _dt.date | None = None) -> tuple:  # fmt: skip
    """(households per section, vulnerable residents per section, stats) as int arrays in the order
    of ``section_geoms``; see the module notes for the rule. ``parcels``: ``uuid`` + geometry;
    ``households``: ``uuid``, ``parcel_id`` + geometry (points, may be empty); ``residents``:
    ``household_uuid`` and the vulnerability columns."""
    import numpy as np
    import pandas as pd
    import shapely

    distance = _distance(distance)
    geoms = np.asarray(section_geoms, dtype=object)
    n = len(geoms)
    ok = np.flatnonzero(~shapely.is_missing(geoms) & ~shapely.is_empty(geoms)) if n else np.array([], int)
    tree = shapely.STRtree(geoms[ok])

    def nearest(points) -> np.ndarray:
        points = np.asarray(points, dtype=object)
        out = np.full(len(points), -1, dtype=np.int64)
        if len(points) == 0 or len(ok) == 0:
            return out
        valid = np.flatnonzero(~shapely.is_missing(points) & ~shapely.is_empty(points))
        if len(valid) == 0:
            return out
        # every pair within the distance, then the nearest per feature (ties: the first section);
        # twice as fast as STRtree.query_nearest on polygons
        src, hit = tree.query(points[valid], predicate="dwithin", distance=distance)
        order = np.lexsort((hit, shapely.distance(points[valid][src], geoms[ok][hit]), src))
        src, hit = src[order], hit[order]
        first = np.r_[True, src[1:] != src[:-1]] if len(src) else np.array([], bool)
        out[valid[src[first]]] = ok[hit[first]]
        return out

    p_geoms = parcels.geometry.values if parcels is not None and len(parcels) else np.array([], dtype=object)
    p_section = nearest(p_geoms)
    section_of_parcel = pd.Series(p_section, index=pd.Index(parcels["uuid"] if len(p_geoms) else [], dtype=object))
    section_of_parcel = section_of_parcel[section_of_parcel.index.notna() & ~section_of_parcel.index.duplicated()]
    stats = {"households": 0, "served_via_parcel": 0, "served_via_point": 0, "not_served": 0}
    if households is None or len(households) == 0:
        return np.zeros(n, np.int64), np.zeros(n, np.int64), stats
    links = households["parcel_id"] if "parcel_id" in households else pd.Series([None] * len(households))
    pos = section_of_parcel.index.get_indexer(pd.Index(links, dtype=object))
    linked = (pos >= 0) & links.notna().to_numpy()
    h_section = np.full(len(households), -1, dtype=np.int64)
    h_section[linked] = section_of_parcel.to_numpy()[pos[linked]]
    unlinked = np.flatnonzero(~linked)
    if len(unlinked):
        h_section[unlinked] = nearest(households.geometry.values[unlinked])
    vuln = vulnerable_counts(residents, today)
    h_vuln = (
        households["uuid"].map(vuln).fillna(0).astype("int64").to_numpy()
        if len(vuln)
        else np.zeros(len(households), np.int64)
    )
    served = h_section >= 0
    stats = {
        "households": len(households),
        "served_via_parcel": int((served & linked).sum()),
        "served_via_point": int((served & ~linked).sum()),
        "not_served": int((~served).sum()),
    }
    hh = np.bincount(h_section[served], minlength=n).astype(np.int64)
    vv = np.bincount(h_section[served], weights=h_vuln[served], minlength=n).round().astype(np.int64)
    return hh, vv, stats


# --------------------------------------------------------------------------------------------------
# Knapsack


@dataclass
class Selection:
    selected: object  # bool array
    objective: float
    upper_bound: float  # LP bound for greedy; the objective itself when proved optimal
    lp_bound: float
    method: str  # "exact" or "greedy"
    gap_pct: float
    core_items: int = 0
    dp_cells: int = 0


def _check(cancelled):
    if cancelled is not None and cancelled():
        raise PlanCancelledError()


def greedy(values, weights, capacity: int):
    """(selected, objective, LP bound, ratio order, break position) of the greedy plan."""
    import numpy as np

    v = np.asarray(values, float)
    w = np.asarray(weights, np.int64)
    n = len(v)
    order = np.lexsort((-v, -(v / w))) if n else np.array([], np.int64)
    vo, wo = v[order], w[order]
    cw = np.cumsum(wo)
    k = int(np.searchsorted(cw, capacity, side="right"))  # items of the prefix that fit
    take = np.zeros(n, bool)
    take[:k] = True
    if k == n:
        obj = float(vo.sum())
        sel = np.zeros(n, bool)
        sel[order] = take
        return sel, obj, obj, order, k
    used = int(cw[k - 1]) if k else 0
    lp = float(vo[:k].sum()) + (capacity - used) / float(wo[k]) * float(vo[k])
    rem = capacity - used
    suffix_min = np.minimum.accumulate(wo[::-1])[::-1]
    for j in range(k + 1, n):
        if rem < suffix_min[j]:
            break
        if wo[j] <= rem:
            take[j] = True
            rem -= int(wo[j])
    obj = float(vo[take].sum())
    fits = np.flatnonzero(wo <= capacity)
    if len(fits):
        best = int(fits[np.argmax(vo[fits])])
        if vo[best] > obj:
            take[:] = False
            take[best] = True
            obj = float(vo[best])
    sel = np.zeros(n, bool)
    sel[order] = take
    return sel, obj, max(lp, obj), order, k


def dp_select(values, weights, capacity: int, cancelled=None):
    """Exact 0/1 knapsack by dynamic programming over integer weights (bit-packed choices)."""
    import numpy as np

    v = np.asarray(values, float)
    w = np.asarray(weights, np.int64)
    n = len(v)
    sel = np.zeros(n, bool)
    if n == 0 or capacity <= 0:
        return sel
    g = max(int(np.gcd.reduce(w)), 1)  # every total is a multiple of g: capacity // g loses nothing
    ws = w // g
    cap = int(capacity // g)
    best = np.zeros(cap + 1)
    choice = np.zeros((n, (cap + 8) // 8), np.uint8)
    row = np.zeros(cap + 1, bool)
    for i in range(n):
        if i % 64 == 0:
            _check(cancelled)
        wi = int(ws[i])
        if wi > cap:
            continue
        cand = best[: cap + 1 - wi] + v[i]
        take = cand > best[wi:]
        if take.any():
            np.copyto(best[wi:], cand, where=take)
            row[:wi] = False
            row[wi:] = take
            choice[i] = np.packbits(row)
    c = cap
    for i in range(n - 1, -1, -1):
        if (choice[i, c >> 3] >> (7 - (c & 7))) & 1:
            sel[i] = True
            c -= int(ws[i])
    return sel


def select(values, weights, capacity: int, method: str = "auto", max_cells: int = MAX_DP_CELLS,
           cancelled: Callable[[], bool] | None = None) -> Selection:  # fmt: skip
    """Best set of items (value > 0, integer weight ≥ 1) with total weight ≤ capacity; see the module notes."""
    import numpy as np

    if method not in METHODS:
        raise CddpError(_METHOD, value=method)
    v = np.asarray(values, float)
    w = np.asarray(weights, np.int64)
    n = len(v)
    capacity = int(capacity)
    usable = np.flatnonzero((v > 0) & (w <= capacity) & (w >= 1))
    vu, wu = v[usable], w[usable]
    sel_u, obj, lp, order, k = greedy(vu, wu, capacity)

    def result(sel_usable, objective, upper, how, core=0, cells=0):
        sel = np.zeros(n, bool)
        sel[usable[sel_usable]] = True
        gap = 0.0 if upper <= 0 else max(0.0, (upper - objective) / upper * 100.0)
        return Selection(sel, objective, upper, lp, how, gap, core, cells)

    if k == len(vu):  # everything fits: optimal
        return result(sel_u, obj, obj, "exact")
    if method == "greedy":
        return result(sel_u, obj, lp, "greedy")
    vo, wo = vu[order], wu[order]
    best_take, best = sel_u[order], obj  # in ratio order
    tol = 1e-9 * max(1.0, abs(obj))
    core, residual, fixed_in, cells = _reduce(vo, wo, k, lp, best - tol, capacity)
    if cells > max_cells:  # a better lower bound fixes more sections: exact over a window around the break
        take, value = _window(vo, wo, k, capacity, max_cells // 4, cancelled)
        if value > best:
            best_take, best = take, value
            core, residual, fixed_in, cells = _reduce(vo, wo, k, lp, best - tol, capacity)
    if cells > max_cells:
        if method == "exact":
            raise CddpError(_TOO_BIG, cells=f"{cells:,}", items=len(core), limit=f"{max_cells:,}")
        sel = np.zeros(len(vu), bool)
        sel[order] = best_take
        return result(sel, best, lp, "greedy" if best == obj else "core", len(core), cells)
    core_sel = dp_select(vo[core], wo[core], residual, cancelled)
    take = fixed_in.copy()
    take[core[core_sel]] = True
    value = float(vo[take].sum())
    if value + tol < best:  # cannot happen for a valid reduction; keep the better plan anyway
        take, value = best_take, best
    sel = np.zeros(len(vu), bool)
    sel[order] = take
    return result(sel, value, value, "exact", len(core), cells)


def _reduce(vo, wo, k: int, lp: float, lower: float, capacity: int):
    """Dembo–Hammer reduction of items in ratio order with break item ``k``: a section whose opposite
    choice bounds the plan (``lp − |p − r·w|``, r the break ratio) below ``lower`` keeps its LP choice.
    Returns (free items, capacity left for them, fixed-in mask, DP cells needed)."""
    import numpy as np

    r = vo[k] / wo[k]
    fixed = lp - np.abs(vo - r * wo) < lower
    fixed[k] = False
    fixed_in = fixed.copy()
    fixed_in[k:] = False
    core = np.flatnonzero(~fixed)
    residual = capacity - int(wo[fixed_in].sum())
    g = int(np.gcd.reduce(wo[core])) if len(core) else 1
    return core, residual, fixed_in, len(core) * (residual // g + 1)


def _window(vo, wo, k: int, capacity: int, max_cells: int, cancelled):
    """The best plan that keeps the LP choice outside a window of sections around the break item
    (exact inside it, as large as ``max_cells`` allows): (take mask in ratio order, value)."""
    import numpy as np

    n = len(vo)
    cw = np.concatenate([[0], np.cumsum(wo)])
    size = min(n, 4096)
    while size > 1:
        lo = max(0, k - size // 2)
        hi = min(n, lo + size)
        residual = capacity - int(cw[lo])
        g = int(np.gcd.reduce(wo[lo:hi]))
        if (hi - lo) * (residual // g + 1) <= max_cells:
            break
        size //= 2
    else:
        return np.zeros(n, bool), -1.0
    take = np.zeros(n, bool)
    take[:lo] = True
    take[lo:hi] = dp_select(vo[lo:hi], wo[lo:hi], residual, cancelled)
    return take, float(vo[take].sum())


# --------------------------------------------------------------------------------------------------
# The plan


def plan(sections, budget: object, unit_costs: object = None, household_weight: object = DEFAULT_HOUSEHOLD_WEIGHT,
         vulnerable_weight: object = DEFAULT_VULNERABLE_WEIGHT, *, method: str = "auto",
         default_width_m: float = DEFAULT_WIDTH_M, max_cells: int = MAX_DP_CELLS,
         cancelled: Callable[[], bool] | None = None):  # fmt: skip
    """Rank ``sections`` for repair within ``budget`` baht: (ranked frame, summary dict).

    ``sections`` is a (Geo)DataFrame with ``length_m`` (or line geometries in metres) and any of
    ``area_sqm``, ``width_m`` (the road's width for sections without an area), ``pci``, ``paser``,
    ``households`` and ``vulnerable`` (counts, e.g. from :func:`people_served`). The ranked frame has
    the sections that need work — selected ones first, each group by benefit per baht — with
    ``rank``, condition, treatment, area, cost, benefit, ``selected`` and ``cumulative_cost_baht``.
    """
    import numpy as np
    import pandas as pd

    budget = parse_budget(budget)
    costs = parse_unit_costs(unit_costs)
    wh = _weight(household_weight, _HOUSEHOLD_WEIGHT)
    wv = _weight(vulnerable_weight, _VULNERABLE_WEIGHT)
    if method not in METHODS:
        raise CddpError(_METHOD, value=method)
    default_width = _to_float(default_width_m)
    if default_width is None or default_width <= 0:
        raise CddpError(_WIDTH, value=default_width_m)
    n = len(sections)
    if n == 0:
        raise CddpError(_NO_SECTIONS)
    frame = sections.copy()

    def num(name, fill=np.nan):
        return pd.to_numeric(frame[name], errors="coerce").to_numpy(float) if name in frame else np.full(n, fill)

    length = num("length_m")
    geometry_name = getattr(frame, "_geometry_column_name", None)
    if geometry_name is not None and geometry_name in frame:
        check_crs(frame.crs, "road_sections")
        glen = frame.geometry.length.to_numpy(float)
        length = np.where(np.isfinite(length) & (length > 0), length, glen)
    elif "length_m" not in frame:
        raise CddpError(_NO_LENGTH)
    pci_now, source, band, treatment = section_condition(
        frame["pci"] if "pci" in frame else [None] * n, frame["paser"] if "paser" in frame else [None] * n
    )
    rated = source != ""
    if not rated.any():
        raise CddpError(_NO_RATED, n=n)
    width = num("width_m")
    width = np.where(np.isfinite(width) & (width > 0), width, default_width)
    area = num("area_sqm")
    from_width = ~(np.isfinite(area) & (area > 0))
    area = np.where(from_width, np.nan_to_num(length, nan=0.0) * width, area)
    works = rated & (treatment != "none")
    sized = works & (area > 0) & np.isfinite(length) & (length > 0)
    unit_cost = np.array([costs.get(t, np.nan) if t in costs else np.nan for t in treatment], float)
    cost = np.where(sized, np.ceil(np.round(area * np.nan_to_num(unit_cost) / COST_UNIT_BAHT, 9)), 0).astype(np.int64)
    after = np.array([PCI_AFTER.get(t, np.nan) for t in treatment], float)
    gain = np.where(sized, np.maximum(np.nan_to_num(after) - np.nan_to_num(pci_now), 0.0), 0.0)
    hh = np.nan_to_num(num("households", 0), nan=0.0)
    vv = np.nan_to_num(num("vulnerable", 0), nan=0.0)
    safe_len = np.where(sized, length, 1.0)
    benefit = gain * safe_len / 1000.0 * (1.0 + wh * hh * 100.0 / safe_len + wv * vv * 100.0 / safe_len)
    benefit = np.where(sized, benefit, 0.0)

    idx = np.flatnonzero(sized)
    capacity = math.floor(budget / COST_UNIT_BAHT + 1e-9)
    sel = select(benefit[idx], cost[idx], capacity, method, max_cells, cancelled)

    out = frame.iloc[idx].copy()
    out["length_m"] = np.round(length[idx], 2)
    out["pci_now"] = np.round(pci_now[idx], 1)
    out["rated_by"] = source[idx]
    out["band"] = band[idx]
    out["treatment"] = treatment[idx]
    out["pci_after"] = after[idx]
    out["gain"] = np.round(gain[idx], 1)
    out["area_sqm"] = np.round(area[idx], 1)
    out["area_from_width"] = from_width[idx]
    out["unit_cost"] = unit_cost[idx]
    out["cost_baht"] = cost[idx] * COST_UNIT_BAHT
    out["households"] = hh[idx].astype(np.int64)
    out["vulnerable"] = vv[idx].astype(np.int64)
    out["benefit"] = np.round(benefit[idx], 4)
    ratio = benefit[idx] / np.maximum(cost[idx] * COST_UNIT_BAHT, 1.0) * 1e6
    out["benefit_per_mbaht"] = np.round(ratio, 3)
    out["selected"] = sel.selected
    order = np.lexsort((-benefit[idx], -ratio, ~sel.selected))
    out = out.iloc[order]
    out.insert(0, "rank", np.arange(1, len(out) + 1))
    out["cumulative_cost_baht"] = out["cost_baht"].cumsum()
    out = out.drop(columns=[c for c in ("pci", "condition_band") if c in out])  # pci_now and band say it

    chosen = out[out["selected"]]
    spent = float(chosen["cost_baht"].sum())
    summary = {
        "sections": n,
        "unrated": int((~rated).sum()),
        "no_work": int((rated & (treatment == "none")).sum()),
        "no_size": int((works & ~sized).sum()),
        "candidates": len(out),
        "selected": len(chosen),
        "km_selected": round(float(chosen["length_m"].sum()) / 1000.0, 3),
        "cost_baht": spent,
        "budget_baht": budget,
        "budget_left_baht": round(budget - spent, 2),
        "need_baht": float(out["cost_baht"].sum()),
        "households_served": int(chosen["households"].sum()),
        "vulnerable_served": int(chosen["vulnerable"].sum()),
        "benefit": round(sel.objective, 4),
        "upper_bound": round(sel.upper_bound, 4),
        "lp_bound": round(sel.lp_bound, 4),
        "gap_pct": round(sel.gap_pct, 4),
        "method": sel.method,
        "core_sections": sel.core_items,
        "area_from_width": int((works & sized & from_width).sum()),
        "unit_costs": format_unit_costs(costs),
        "household_weight": wh,
        "vulnerable_weight": wv,
    }
    return out, summary


def plan_workspace(workspace_path: str, budget: object, unit_costs: object = None,
                   serve_distance: object = DEFAULT_SERVE_DISTANCE_M,
                   household_weight: object = DEFAULT_HOUSEHOLD_WEIGHT,
                   vulnerable_weight: object = DEFAULT_VULNERABLE_WEIGHT, *, method: str = "auto",
                   max_cells: int = MAX_DP_CELLS, today: _dt.date | None = None,
                   progress: Callable[[float], None] | None = None,
                   cancelled: Callable[[], bool] | None = None):  # fmt: skip
    """The plan for a workspace GeoPackage: (ranked GeoDataFrame of road sections, summary dict)."""
    import pandas as pd

    from ..common import ogrio
    from ..workspace import gpkg
    from . import sections as roads_sections

    # check every parameter before reading anything
    parse_budget(budget)
    parse_unit_costs(unit_costs)
    distance = _distance(serve_distance)
    _weight(household_weight, _HOUSEHOLD_WEIGHT)
    _weight(vulnerable_weight, _VULNERABLE_WEIGHT)

    def step(fraction):
        _check(cancelled)
        if progress is not None:
            progress(fraction)

    sections = ogrio.read_dataframe(
        workspace_path, layer="road_sections",
        columns=["uuid", "road_uuid", "section_id", "chainage_from_m", "chainage_to_m", "length_m", "area_sqm",
                 "surface", "paser", "pci", "inspected_on"],
    )  # fmt: skip
    if len(sections) == 0:
        raise CddpError(_NO_SECTIONS)
    check_crs(sections.crs, "road_sections")
    if pd.api.types.is_datetime64_any_dtype(sections["inspected_on"]):
        dates = sections["inspected_on"]
        sections["inspected_on"] = dates.dt.strftime("%Y-%m-%d").where(dates.notna(), None)
    step(0.1)
    con = gpkg.connect(workspace_path)
    try:
        road_rows = pd.read_sql_query("SELECT uuid, road_code, name_th, name_en, width_m, lanes FROM roads", con)
        # residents: only the columns that make a count; no names, no ids leave the database
        residents = pd.read_sql_query(
            "SELECT household_uuid, birth_year_be, is_elderly, dependency, disability, care_colour FROM residents", con
        )
    finally:
        con.close()
    names = {}
    widths = {}
    for row in road_rows.itertuples(index=False):
        label = next((x for x in (row.name_th, row.name_en, row.road_code) if isinstance(x, str) and x.strip()), None)
        names[row.uuid] = label
        widths[row.uuid] = roads_sections.road_width(row.width_m, row.lanes)[0]
    sections.insert(3, "road_name", sections["road_uuid"].map(names))
    sections["width_m"] = sections["road_uuid"].map(widths).astype(float)
    parcels = ogrio.read_dataframe(workspace_path, layer="parcels", columns=["uuid"])
    households = ogrio.read_dataframe(workspace_path, layer="households", columns=["uuid", "parcel_id"])
    for frame, layer in ((parcels, "parcels"), (households, "households")):
        if len(frame):
            check_crs(frame.crs, layer)
            if not frame.crs.equals(sections.crs):
                frame.to_crs(sections.crs, inplace=True)
    step(0.3)
    hh, vv, stats = people_served(sections.geometry.values, parcels, households, residents, distance, today)
    sections["households"] = hh
    sections["vulnerable"] = vv
    del residents
    step(0.5)
    ranked, summary = plan(sections, budget, unit_costs, household_weight, vulnerable_weight, method=method,
                           max_cells=max_cells, cancelled=cancelled)  # fmt: skip
    ranked = ranked.drop(columns=["road_uuid"]).rename(columns={"uuid": "section_uuid"})
    summary["serve_distance_m"] = distance
    summary["households_in_workspace"] = stats["households"]
    summary["households_near_roads"] = stats["served_via_parcel"] + stats["served_via_point"]
    summary["households_via_point"] = stats["served_via_point"]
    step(1.0)
    log.info("maintenance plan: %d of %d candidate sections selected (%s, gap %.3f %%)",
             summary["selected"], summary["candidates"], summary["method"], summary["gap_pct"])  # fmt: skip
    return ranked, summary
