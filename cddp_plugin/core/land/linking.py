"""Link households to land parcels, explaining each link.

Evidence, strongest first:

* ``manual`` — a link an officer made by hand is never overwritten (confidence 1).
* ``code`` — the household carries a tax-map code (``03I002`` or a building code ``03I002-B001``) that
  names exactly one parcel. When the point lies in another parcel, both are reported (candidates) and
  the confidence drops to 0.7: real data has codes that disagree with the geometry.
* ``within`` — the point lies inside exactly one parcel (or on its boundary). Confidence 0.75 on the
  boundary rising to 0.99 at ``boundary_band`` metres (default 3 m, handheld-GPS error) inside it.
* overlapping parcels — inside several (or on a boundary they share): the deepest wins, confidence
  ×0.6, all listed as candidates.
* ``nearest`` — outside every parcel (typically on the road in front of the house): the nearest
  parcel within ``max_distance``; confidence 0.5 + 0.4 × (1 − distance / max_distance) × separation,
  where separation = (runner-up distance − distance) / distance, at most 1: a point in the middle of
  a road is as near to the parcel across the road and scores 0.5, a coin toss; parcels within
  ``tie_tolerance`` of the nearest are candidates.

The constants were calibrated on synthetic surveys (bench/synthetic.py: houses anywhere in their
parcel, 2 m GPS error, a third of road-facing points taken at the gate): in each confidence band the
share of correct links is close to the band's confidence (bench/RESULTS.md).
* ``house_number`` — a house number and หมู่ that match exactly one parcel carrying that number, or
  households already linked, decide between candidates or link a household without a location.

Everything is vectorised with shapely 2 (STRtree queries, distances on arrays), so a million
households take seconds.
"""

from __future__ import annotations

import itertools
import json
import re
from dataclasses import dataclass, field

import numpy as np

from ..common.errors import CddpError
from ..common.i18n import translate

MANUAL, CODE, WITHIN, NEAREST, HOUSE_NUMBER = "manual", "code", "within", "nearest", "house_number"
METHODS = (WITHIN, NEAREST, CODE, HOUSE_NUMBER, MANUAL)
NO_LOCATION = "no_location"
TOO_FAR = "no_parcel_within_distance"
REASONS = (NO_LOCATION, TOO_FAR)

_BUILDING_SUFFIX = re.compile(r"-B\d+$", re.IGNORECASE)


# The largest MAX_DISTANCE: a household point stands on its parcel or on the road in front of it (a
# gate reading, a GPS error of a few metres), never hundreds of metres away; even the largest rural
# parcels (tens of rai, ~250 m across) put the house within 500 m of the parcel's boundary. Beyond
# that, "the nearest parcel" is a guess, and the search would measure thousands of parcels per household.
MAX_DISTANCE_LIMIT = 500.0


@dataclass(frozen=True)
class LinkParams:
    max_distance: float = 15.0
    boundary_band: float = 3.0
    tie_tolerance: float = 1.0


def check_params(params: LinkParams) -> None:
    """Refuse a largest distance that is negative, not a number or above :data:`MAX_DISTANCE_LIMIT`."""
    d = params.max_distance
    if not (isinstance(d, (int, float)) and 0.0 <= d <= MAX_DISTANCE_LIMIT):
        raise CddpError(
            translate(
                "core",
                "The largest distance to a parcel (MAX_DISTANCE) is {distance:g} m; it must be between 0 and {limit:g} m. A household stands on its parcel or on the road in front of it, never farther: give households far from every parcel a better location or a tax-map code instead.",
            ),
            distance=d,
            limit=MAX_DISTANCE_LIMIT,
        )


@dataclass
class LinkResult:
    parcel_id: np.ndarray  # object: parcel id or None
    method: np.ndarray  # object: one of METHODS or None
    confidence: np.ndarray  # float, NaN when unlinked
    distance: np.ndarray  # float metres from the point to the linked parcel (0 inside), NaN if unknown
    candidates: np.ndarray  # object: JSON text or None
    reason: np.ndarray  # object: why unlinked, or None
    notes: dict[str, int] = field(default_factory=dict)

    def summary(self) -> dict:
        n = len(self.method)
        import pandas as pd  # counting by hashing: a million households in milliseconds

        methods = pd.Series(self.method, dtype=object).value_counts(dropna=True)
        reasons = pd.Series(self.reason, dtype=object).value_counts(dropna=True)
        linked = {m: int(methods.get(m, 0)) for m in METHODS}
        unlinked = {r: int(reasons.get(r, 0)) for r in REASONS}
        conf = self.confidence[~np.isnan(self.confidence)]
        bins = np.histogram(conf, bins=[0, 0.5, 0.7, 0.9, 1.0001])[0] if conf.size else np.zeros(4, int)
        return {
            "households": n,
            "linked": int(sum(linked.values())),
            "by_method": linked,
            "unlinked": unlinked,
            "ambiguous": int(np.count_nonzero((self.candidates != None) & (self.candidates != ""))),  # noqa: E711
            "confidence_bins": {
                "<0.5": int(bins[0]),
                "0.5-0.7": int(bins[1]),
                "0.7-0.9": int(bins[2]),
                ">=0.9": int(bins[3]),
            },
            "notes": dict(self.notes),
        }


def _as_geoms(values) -> np.ndarray:
    """An object ndarray of shapely geometries (GeoSeries/GeometryArray convert without copying)."""
    if isinstance(values, np.ndarray) and values.dtype == object:
        return values
    values = getattr(values, "values", values)  # GeoSeries → GeometryArray
    if hasattr(values, "__array__"):
        arr = np.asarray(values)
        if arr.dtype == object and arr.ndim == 1:
            return arr
    arr = np.empty(len(values), dtype=object)
    arr[:] = list(values)
    return arr


def _text_array(values, n) -> np.ndarray | None:
    if values is None:
        return None
    arr = np.empty(n, dtype=object)
    arr[:] = [None if (v is None or (isinstance(v, float) and np.isnan(v)) or str(v).strip() in ("", "<NA>")) else str(v).strip()
              for v in values]  # fmt: skip
    return arr


WORKERS = 2  # threads for the vectorised geometry (shapely and numpy release the GIL); the machine has 2 cores
_CHUNK = 200_000  # pairs per block: bounded memory for the per-segment arrays


def _in_threads(func, n: int, chunk: int = _CHUNK) -> list:
    """``func(start, stop)`` over ``range(n)`` in blocks, on up to :data:`WORKERS` threads, in order."""
    blocks = [(a, min(a + chunk, n)) for a in range(0, n, chunk)] or [(0, 0)]
    if len(blocks) == 1 or WORKERS < 2:
        return [func(a, b) for a, b in blocks]
    from concurrent.futures import ThreadPoolExecutor

    with ThreadPoolExecutor(WORKERS) as pool:
        return list(pool.map(lambda ab: func(*ab), blocks))


def _query(tree, geoms: np.ndarray, **kwargs) -> tuple[np.ndarray, np.ndarray]:
    """``tree.query`` in two halves on two threads (GEOS releases the GIL); pairs sorted by input."""
    half = (len(geoms) + 1) // 2
    if len(geoms) < 20_000:
        return tree.query(geoms, **kwargs)
    parts = _in_threads(lambda a, b: tree.query(geoms[a:b], **kwargs), len(geoms), half)
    starts = (0, half)
    return (np.concatenate([q[0] + o for q, o in zip(parts, starts, strict=True)]),
            np.concatenate([q[1] for q in parts]))  # fmt: skip


def _boundary_distance(px: np.ndarray, py: np.ndarray, pair_poly: np.ndarray, polys: np.ndarray) -> np.ndarray:
    """Distance from each point (``px``, ``py``) to the boundary of ``polys[pair_poly]``.

    Inside a parcel that is how deep the point lies; outside it, the distance to the parcel. Parcels
    made of one ring (nearly all) are measured with numpy on their segments, in blocks on two threads
    — GEOS would first build a ring geometry per parcel, which costs more than the measuring; parcels
    with holes or several parts go to GEOS (``shapely.boundary``).
    """
    import shapely

    out = np.empty(len(pair_poly))
    if not len(pair_poly):
        return out
    uniq, inv = np.unique(pair_poly, return_inverse=True)
    geoms = polys[uniq]
    coords, owner = shapely.get_coordinates(geoms, return_index=True)
    counts = np.bincount(owner, minlength=len(uniq))
    first = np.concatenate(([0], np.cumsum(counts)[:-1]))
    last = first + counts - 1
    has = counts >= 4
    same_as_first = (coords == coords[first[owner]]).all(axis=1)
    # one ring: it closes at its last coordinate and nowhere before (a second ring would close first)
    simple = has & (np.bincount(owner, weights=same_as_first, minlength=len(uniq)) == 2)
    simple[has] &= (coords[last[has]] == coords[first[has]]).all(axis=1)
    pair_simple = simple[inv]
    k_simple = np.flatnonzero(pair_simple)
    x, y = coords[:, 0], coords[:, 1]

    def measure(a: int, b: int) -> None:
        k = k_simple[a:b]
        g = inv[k]
        nseg = counts[g] - 1
        seg_start = np.cumsum(nseg) - nseg
        total = int(nseg.sum())
        pair = np.repeat(np.arange(len(k)), nseg)
        s = np.repeat(first[g] - seg_start, nseg) + np.arange(total)
        ax, ay = x[s], y[s]
        dx, dy = x[s + 1] - ax, y[s + 1] - ay
        qx, qy = px[k][pair] - ax, py[k][pair] - ay
        length2 = dx * dx + dy * dy
        t = np.clip((qx * dx + qy * dy) / np.where(length2 > 0, length2, 1.0), 0.0, 1.0)
        ex, ey = qx - t * dx, qy - t * dy
        out[k] = np.sqrt(np.minimum.reduceat(ex * ex + ey * ey, seg_start))

    _in_threads(measure, len(k_simple), _CHUNK // 4)
    rest = np.flatnonzero(~pair_simple)
    if rest.size:
        rest_geoms = np.unique(inv[rest], return_inverse=True)
        shapes = geoms[rest_geoms[0]].copy()
        for j in np.flatnonzero(shapely.get_type_id(shapes) == 7):  # a repaired parcel: its polygonal parts
            parts = shapely.get_parts(shapes[j])
            polygons = shapely.get_parts(parts[np.isin(shapely.get_type_id(parts), (3, 6))])
            shapes[j] = shapely.multipolygons(polygons)
        bounds = shapely.boundary(shapes)
        out[rest] = shapely.distance(shapely.points(px[rest], py[rest]), bounds[rest_geoms[1]])
    return out


def _group(keys: np.ndarray, values: np.ndarray, descending: bool):
    """Group pairs by key (STRtree results come sorted by key) and order each group by value.

    Returns (order, starts, sizes): ``order[starts[g]]`` is the best pair of group ``g``. Only the
    groups with several pairs are sorted — most households meet one parcel.
    """
    order = np.arange(len(keys))
    if len(keys) and (np.diff(keys) < 0).any():
        order = np.argsort(keys, kind="stable")
    sk = keys[order]
    starts = np.flatnonzero(np.r_[True, sk[1:] != sk[:-1]]) if len(sk) else np.array([], dtype=int)
    sizes = np.diff(np.r_[starts, len(sk)]) if len(sk) else np.array([], dtype=int)
    multi = np.flatnonzero(sizes > 1)
    if multi.size:
        m_sizes = sizes[multi]
        members = np.repeat(starts[multi] - (np.cumsum(m_sizes) - m_sizes), m_sizes) + np.arange(int(m_sizes.sum()))
        group = np.repeat(np.arange(multi.size), m_sizes)
        vals = values[order[members]]
        sub = np.lexsort((-vals if descending else vals, group))
        order[members] = order[members][sub]
    return order, starts, sizes


def _candidate_texts(parcel_ids, distances, evidence: str) -> list[str]:
    """One JSON object per candidate, as :func:`_candidates_json` writes them, for many at once."""
    quoted: dict = {}
    ids = [quoted.get(pid) or quoted.setdefault(pid, json.dumps(pid, ensure_ascii=False)) for pid in parcel_ids]
    ev = json.dumps(evidence, ensure_ascii=False)
    return [f'{{"parcel": {q}, "distance_m": {"NaN" if d != d else repr(round(d, 2))}, "evidence": {ev}}}'
            for q, d in zip(ids, np.asarray(distances, dtype=float).tolist(), strict=True)]  # fmt: skip


def _candidates_json(items) -> str:
    """The text ``json.dumps`` gives for the list of ``{"parcel", "distance_m", "evidence"}`` dicts,
    written directly: it runs once per ambiguous household (tens of thousands in a town)."""
    parts = []
    for pid, d, ev in items:
        d = round(float(d), 2)
        parts.append(f'{{"parcel": {json.dumps(pid, ensure_ascii=False)}, "distance_m": {"NaN" if d != d else repr(d)}, '
                     f'"evidence": {json.dumps(ev, ensure_ascii=False)}}}')  # fmt: skip
    return "[" + ", ".join(parts) + "]"


_PAIR_BUDGET = 250_000  # household-parcel pairs measured at once in the nearest search: bounded memory
_FEW_PAIRS = 16.0  # parcels a household's search box meets on average below which the reach is not narrowed first


class _Blocks:
    """Blocks of households whose search boxes hold about :data:`_PAIR_BUDGET` parcels together.

    A box of half-side ``radius`` is expected to meet ``density × (2 radius + spacing)²`` parcels
    (density over the parcels' extent); as parcels cluster in town, each measured block raises the
    estimate to what was met (never lowers it), so later blocks stay within the budget."""

    def __init__(self, polys):
        import shapely

        valid = polys[~shapely.is_missing(polys)]
        x0, y0, x1, y1 = shapely.total_bounds(valid) if len(valid) else (0.0, 0.0, 1.0, 1.0)
        area = max((x1 - x0) * (y1 - y0), 1.0)
        self.density = max(len(valid), 1) / area
        self.spacing = float(np.sqrt(area / max(len(valid), 1)))
        self.ratio = 1.0

    def expected(self, radius):
        return self.density * (2.0 * radius + self.spacing) ** 2 + 1.0

    def cut(self, radius):
        """(start, stop) of the next block, one at a time (the estimate learns between blocks)."""
        start = 0
        while start < len(radius):
            total = np.cumsum(self.expected(radius[start : start + 65_536]) * self.ratio)
            stop = start + int(np.clip(np.searchsorted(total, _PAIR_BUDGET), 16, len(total)))
            yield start, stop
            start = stop

    def learn(self, radius, n_pairs: int) -> None:
        self.ratio = max(self.ratio, n_pairs / float(self.expected(radius).sum()))


def _reach(d1: np.ndarray, p: LinkParams) -> np.ndarray:
    """How far around a household the parcels that decide its nearest link can lie, ``d1`` being the
    distance to its nearest parcel: the runner-up counts only up to ``d1 + max(d1, 1)`` (farther, the
    separation is 1 anyway) and candidates up to ``d1 + tie_tolerance``."""
    return np.minimum(p.max_distance, d1 + np.maximum(np.maximum(d1, 1.0), p.tie_tolerance))


def _link_nearest(res, outside, pts, px, py, tree, polys, pids, p, hh_keys, pc_keys) -> int:
    """Link the households outside every parcel to the nearest parcel within ``max_distance``.

    Memory stays bounded whatever ``max_distance``: unless the reach is short (a box of that size
    meets :data:`_FEW_PAIRS` parcels or fewer), GEOS first finds each household's nearest parcel (a
    tree search that keeps one answer per household), and only the parcels within :func:`_reach` of
    that distance are then measured, a block of households at a time sized to about
    :data:`_PAIR_BUDGET` pairs (:class:`_Blocks`). A block whose measured nearest parcel is not GEOS's (a repaired parcel
    measured by its polygonal parts) is measured again with the wider reach that distance asks for.
    Returns how many households have several parcels within ``tie_tolerance`` of the nearest.
    """
    r = p.max_distance
    pad = 1e-6 * max(r, 1.0)
    blocks = _Blocks(polys)
    if blocks.expected(np.array([r]))[0] <= _FEW_PAIRS:  # a short reach (the usual 15 m): measure all within it
        todo, radius = outside, np.full(len(outside), r + pad)
    else:
        half = max((len(outside) + 1) // 2, 20_000)
        parts = _in_threads(lambda a, b: tree.query_nearest(pts[outside[a:b]], return_distance=True, all_matches=False),
                            len(outside), half)  # fmt: skip
        d1 = np.full(len(outside), np.inf)
        for offset, ((qi, _qj), d) in zip(range(0, len(outside), half), parts, strict=True):
            d1[offset + qi] = d
        found = d1 <= r + pad
        todo, radius = outside[found], _reach(d1[found], p) + pad
    tied = np.zeros(len(res.method), dtype=bool)
    again_h, again_r = [], []
    for a, b in blocks.cut(radius):
        n_pairs, needed = _nearest_block(res, tied, todo[a:b], radius[a:b], px, py, tree, polys, pids, p, hh_keys,
                                         pc_keys)  # fmt: skip
        blocks.learn(radius[a:b], n_pairs)
        wider = needed > radius[a:b] + pad
        if wider.any():
            again_h.append(todo[a:b][wider])
            again_r.append(needed[wider] + pad)
    if again_h:  # a wider reach can only find a nearer parcel, whose reach the wider one covers: one more pass
        todo, radius = np.concatenate(again_h), np.concatenate(again_r)
        order = np.argsort(todo)
        todo, radius = todo[order], radius[order]
        for a, b in blocks.cut(radius):
            res.candidates[todo[a:b]], tied[todo[a:b]] = None, False
            _nearest_block(res, tied, todo[a:b], radius[a:b], px, py, tree, polys, pids, p, hh_keys, pc_keys)
    return int(tied.sum())


def _nearest_block(res, tied, hh_idx, radius, px, py, tree, polys, pids, p, hh_keys, pc_keys):
    """The nearest-parcel links of households ``hh_idx`` (ascending) looking ``radius`` around each;
    households with several parcels within ``tie_tolerance`` of the nearest are marked in ``tied``.

    Returns (pairs measured, the reach each household's nearest distance asks for: ``max_distance``
    when no parcel was found within ``radius``).
    """
    import shapely

    r = p.max_distance
    x, y = px[hh_idx], py[hh_idx]
    boxes = shapely.box(x - radius, y - radius, x + radius, y + radius)
    qi_pts, qi_polys = tree.query(boxes)
    n_pairs = len(qi_pts)
    hh = hh_idx[qi_pts]
    dist = _boundary_distance(px[hh], py[hh], qi_polys, polys)  # outside every parcel: to its boundary
    near = dist <= r
    hh, qi_polys, dist = hh[near], qi_polys[near], dist[near]
    needed = np.full(len(hh_idx), r)
    if not len(hh):
        return n_pairs, needed
    order, starts, sizes = _group(hh, dist, descending=False)
    sd, shh, spoly = dist[order], hh[order], qi_polys[order]
    d1 = sd[starts]
    second = np.where(sizes > 1, starts + 1, starts)
    d2 = np.where(sizes > 1, sd[second], np.inf)
    sep = np.clip((d2 - d1) / np.maximum(d1, 1.0), 0.0, 1.0)
    conf = 0.5 + 0.4 * (1.0 - d1 / p.max_distance) * sep
    first_hh = shh[starts]
    needed[np.searchsorted(hh_idx, first_hh)] = _reach(d1, p)
    res.parcel_id[first_hh] = pids[spoly[starts]]
    res.method[first_hh] = NEAREST
    res.confidence[first_hh] = conf
    res.distance[first_hh] = d1
    tie = (sizes > 1) & (d2 - d1 <= p.tie_tolerance)
    tg = np.flatnonzero(tie)
    tied[first_hh[tg]] = True
    if tg.size:  # every parcel within the tolerance of the nearest is a candidate
        t_sizes = sizes[tg]
        members = np.repeat(starts[tg] - (np.cumsum(t_sizes) - t_sizes), t_sizes) + np.arange(int(t_sizes.sum()))
        grp = np.repeat(np.arange(tg.size), t_sizes)
        keep = sd[members] - d1[tg][grp] <= p.tie_tolerance
        members, grp = members[keep], grp[keep]
        texts = _candidate_texts(pids[spoly[members]], sd[members], "nearest")
        cut = np.flatnonzero(np.r_[True, grp[1:] != grp[:-1], True]).tolist()
        res.candidates[first_hh[tg]] = ["[" + ", ".join(texts[a:b]) + "]" for a, b in itertools.pairwise(cut)]
        if hh_keys is not None and pc_keys is not None:
            for g_i, (a, b) in enumerate(itertools.pairwise(cut)):
                h = first_hh[tg[g_i]]
                if hh_keys[h]:
                    matches = [k for k in members[a:b] if pc_keys[spoly[k]] == hh_keys[h]]
                    if len(matches) == 1:
                        k = matches[0]
                        res.parcel_id[h], res.method[h] = pids[spoly[k]], HOUSE_NUMBER
                        res.confidence[h], res.distance[h] = 0.8, sd[k]
    return n_pairs, needed


def link_households(
    points,
    parcel_geoms,
    parcel_ids,
    params: LinkParams | None = None,
    household_codes=None,
    parcel_codes=None,
    household_house_keys=None,
    parcel_house_keys=None,
    existing_ids=None,
    existing_methods=None,
) -> LinkResult:
    """Link each household point to a parcel. Arrays are aligned per household / per parcel."""
    import shapely

    p = params or LinkParams()
    check_params(p)
    pts = _as_geoms(points)
    polys = _as_geoms(parcel_geoms)
    pids = np.asarray(list(parcel_ids), dtype=object)
    n, m = len(pts), len(polys)
    res = LinkResult(
        parcel_id=np.full(n, None, dtype=object),
        method=np.full(n, None, dtype=object),
        confidence=np.full(n, np.nan),
        distance=np.full(n, np.nan),
        candidates=np.full(n, None, dtype=object),
        reason=np.full(n, None, dtype=object),
    )
    if n == 0:
        return res
    hh_codes = _text_array(household_codes, n)
    pc_codes = _text_array(parcel_codes, m)
    hh_keys = _text_array(household_house_keys, n)
    pc_keys = _text_array(parcel_house_keys, m)

    manual = np.zeros(n, dtype=bool)
    if existing_methods is not None and existing_ids is not None:
        ex_ids = _text_array(existing_ids, n)
        ex_m = _text_array(existing_methods, n)
        manual = (ex_m == MANUAL) & (ex_ids != None)  # noqa: E711 - element-wise on object arrays
        res.parcel_id[manual] = ex_ids[manual]
        res.method[manual] = MANUAL
        res.confidence[manual] = 1.0

    has_pt = ~shapely.is_missing(pts)
    has_pt[has_pt] = ~shapely.is_empty(pts[has_pt])
    multi = has_pt & (shapely.get_type_id(pts) == 4)
    if multi.any():  # a household is one location: the first point of a MultiPoint
        pts = pts.copy()
        pts[multi] = shapely.get_geometry(pts[multi], 0)
    todo = ~manual & has_pt
    idx = np.flatnonzero(todo)
    valid_poly = ~shapely.is_missing(polys)
    tree = shapely.STRtree(np.where(valid_poly, polys, None))

    # --- inside parcels -------------------------------------------------------------------------
    within_any = np.zeros(n, dtype=bool)
    px, py = np.full(n, np.nan), np.full(n, np.nan)
    if idx.size:
        px[idx], py[idx] = shapely.get_x(pts[idx]), shapely.get_y(pts[idx])
    if idx.size and m:
        qi_pts, qi_polys = _query(tree, pts[idx], predicate="intersects")  # the boundary belongs to the parcel
        hh = idx[qi_pts]
        depth = _boundary_distance(px[hh], py[hh], qi_polys, polys)

        order, starts, sizes = _group(hh, depth, descending=True)
        best_hh = hh[order][starts]
        best_poly = qi_polys[order][starts]
        best_depth = depth[order][starts]
        conf = 0.75 + 0.24 * np.clip(best_depth / p.boundary_band, 0.0, 1.0)
        overlap = sizes > 1
        conf = np.where(overlap, conf * 0.6, conf)
        res.parcel_id[best_hh] = pids[best_poly]
        res.method[best_hh] = WITHIN
        res.confidence[best_hh] = conf
        res.distance[best_hh] = 0.0
        within_any[best_hh] = True
        for g in np.flatnonzero(overlap):
            sl = order[starts[g] : starts[g] + sizes[g]]
            items = [(pids[qi_polys[k]], 0.0, "within") for k in sl]
            h = best_hh[g]
            res.candidates[h] = _candidates_json(items)
            if hh_keys is not None and pc_keys is not None and hh_keys[h]:
                matches = [qi_polys[k] for k in sl if pc_keys[qi_polys[k]] == hh_keys[h]]
                if len(matches) == 1:
                    res.parcel_id[h], res.method[h], res.confidence[h] = pids[matches[0]], HOUSE_NUMBER, 0.85
        res.notes["overlapping_parcels"] = int(overlap.sum())

    # --- nearest within max_distance ------------------------------------------------------------
    outside = idx[~within_any[idx]]
    if outside.size and m:
        res.notes["ties_between_parcels"] = _link_nearest(
            res, outside, pts, px, py, tree, polys, pids, p, hh_keys, pc_keys
        )

    # --- tax-map codes --------------------------------------------------------------------------
    if hh_codes is not None and pc_codes is not None:
        code_to_idx: dict[str, int] = {}
        dup_codes: set[str] = set()
        for j, c in enumerate(pc_codes):
            if c is None:
                continue
            if c in code_to_idx:
                dup_codes.add(c)
            code_to_idx[c] = j
        conflicts = unknown = ambiguous = 0
        for h in np.flatnonzero(~manual & (hh_codes != None)):  # noqa: E711
            code = _BUILDING_SUFFIX.sub("", hh_codes[h])
            if code in dup_codes:
                ambiguous += 1
                continue
            j = code_to_idx.get(code)
            if j is None:
                unknown += 1
                continue
            spatial = res.parcel_id[h]
            if spatial == pids[j]:
                res.method[h], res.confidence[h] = CODE, 0.99
            elif spatial is None:
                res.parcel_id[h], res.method[h], res.confidence[h] = pids[j], CODE, 0.9
                if has_pt[h]:
                    res.distance[h] = float(shapely.distance(pts[h], polys[j]))
            else:
                d_code = float(shapely.distance(pts[h], polys[j])) if has_pt[h] else float("nan")
                res.candidates[h] = _candidates_json(
                    [(pids[j], d_code, "code"), (spatial, res.distance[h], f"location:{res.method[h]}")]
                )
                res.parcel_id[h], res.method[h], res.confidence[h], res.distance[h] = pids[j], CODE, 0.7, d_code
                conflicts += 1
        res.notes.update(code_conflicts_with_location=conflicts, unknown_codes=unknown, duplicated_codes=ambiguous)

    # --- house numbers: parcels that carry them, then households already linked --------------------
    if hh_keys is not None:
        unlinked = np.flatnonzero(~manual & (res.parcel_id == None) & (hh_keys != None))  # noqa: E711
        if pc_keys is not None and unlinked.size:
            key_to_idx: dict[str, list[int]] = {}
            for j, k in enumerate(pc_keys):
                if k is not None:
                    key_to_idx.setdefault(k, []).append(j)
            for h in unlinked:
                js = key_to_idx.get(hh_keys[h], [])
                if len(js) == 1:
                    j = js[0]
                    d = float(shapely.distance(pts[h], polys[j])) if has_pt[h] else float("nan")
                    res.parcel_id[h], res.method[h], res.distance[h] = pids[j], HOUSE_NUMBER, d
                    res.confidence[h] = 0.8 if (np.isnan(d) or d <= 2 * p.max_distance) else 0.6
        unlinked = np.flatnonzero(~manual & (res.parcel_id == None) & (hh_keys != None) & ~has_pt)  # noqa: E711
        if unlinked.size:
            linked = np.flatnonzero((res.parcel_id != None) & (hh_keys != None) & (res.candidates == None))  # noqa: E711
            by_key: dict[str, set] = {}
            conf_by_key: dict[str, float] = {}
            for h in linked:
                by_key.setdefault(hh_keys[h], set()).add(res.parcel_id[h])
                conf_by_key[hh_keys[h]] = min(conf_by_key.get(hh_keys[h], 1.0), res.confidence[h])
            for h in unlinked:
                targets = by_key.get(hh_keys[h], set())
                if len(targets) == 1:
                    res.parcel_id[h] = next(iter(targets))
                    res.method[h], res.confidence[h] = HOUSE_NUMBER, round(0.8 * conf_by_key[hh_keys[h]], 4)

    still = res.parcel_id == None  # noqa: E711
    res.reason[still & has_pt] = TOO_FAR
    res.reason[still & ~has_pt] = NO_LOCATION
    res.confidence = np.round(res.confidence, 4)
    res.distance = np.round(res.distance, 2)
    return res


def require_crs(gdf, label) -> None:
    """Refuse a layer without a coordinate reference system, or with GeoPackage's "Undefined" one:
    its coordinates cannot be compared with the other layer's, so every link would be wrong."""
    crs = gdf.crs
    if crs is None or (crs.name or "").strip().lower().startswith("undefined"):
        raise CddpError(
            translate("core", "{layer} has no coordinate reference system; set one in its properties."), layer=label
        )


def _same_file(a: str, b: str) -> bool:
    import os

    try:
        return os.path.samefile(a, b)
    except OSError:
        return False


def check_in_place(workspace_path: str, parcels_source, parcels_filter: str, id_field: str, parcels_label: str):
    """Refuse to write links into the workspace ``workspace_path`` unless they were made against its own
    ``parcels`` table, whole, by uuid: the households' ``parcel_id`` is a parcel's uuid of the same
    GeoPackage, and links to another file's parcels (or to a filtered part) would point at nothing or
    unlink the households of the hidden parcels. ``parcels_source`` is (GeoPackage path, table) of the
    PARCELS layer when it is a workspace table, else None."""
    own = (
        parcels_source is not None and parcels_source[1] == "parcels" and _same_file(workspace_path, parcels_source[0])
    )
    if not own:
        raise CddpError(
            translate(
                "core",
                "Links are written into the workspace {workspace} only against its own parcels layer, and PARCELS ({layer}) is not it: the households would point at parcels the workspace does not have. Import those parcels with Import parcels first and link against the workspace's parcels layer, or switch off UPDATE_WORKSPACE to write the links to OUTPUT only.",
            ),
            workspace=workspace_path,
            layer=parcels_label,
        )
    if parcels_filter:
        raise CddpError(
            translate(
                "core",
                "PARCELS ({layer}) has a filter ({filter}): the households of the parcels it hides would lose their links. Clear the filter, or switch off UPDATE_WORKSPACE to write the links to OUTPUT only.",
            ),
            layer=parcels_label,
            filter=parcels_filter,
        )
    if id_field and id_field != "uuid":
        raise CddpError(
            translate(
                "core",
                "The workspace's households point at parcels by their uuid, not by '{field}': leave PARCEL_ID_FIELD empty, or switch off UPDATE_WORKSPACE to write the links to OUTPUT only.",
            ),
            field=id_field,
        )


def metric_crs(gdf, label):
    """The CRS to measure in: the layer's if projected in metres, else its UTM zone."""
    require_crs(gdf, label)
    crs = gdf.crs
    if crs is not None and crs.is_projected and crs.axis_info and crs.axis_info[0].unit_name in ("metre", "meter"):
        return crs
    utm = gdf.estimate_utm_crs() if len(gdf) else None
    if utm is None:
        raise CddpError(translate("core", "Cannot choose a metric CRS for {layer}."), layer=label)
    return utm


def parcel_ids(pc, field, label):
    """The parcels' ids as strings: ``field``, else a complete unique ``uuid``, else the first complete unique column, else the row index."""
    if field:
        if field not in pc.columns:
            raise CddpError(translate("core", "Parcel id field '{field}' is not in {layer}."), field=field, layer=label)
        values = pc[field]
    elif has_parcel_uuids(pc):
        values = pc["uuid"]
    else:
        values = None
        for col in pc.columns:
            if col != pc.geometry.name and pc[col].notna().all() and pc[col].is_unique:
                values = pc[col]
                break
        if values is None:
            return np.array([str(i) for i in pc.index], dtype=object)
    if values.isna().any():
        raise CddpError(
            translate("core", "Parcel id field '{field}' of {layer} is empty for {n} parcels."),
            field=values.name,
            layer=label,
            n=int(values.isna().sum()),
        )
    dup = values[values.duplicated()]
    if len(dup):
        raise CddpError(
            translate("core", "Parcel id field '{field}' of {layer} is not unique ({n} repeated values, e.g. {examples}); choose a unique field."),
            field=values.name, layer=label, n=len(dup), examples=", ".join(map(str, dup.unique()[:5])),
        )  # fmt: skip
    return values.astype(str).to_numpy(dtype=object)


# the columns :func:`link_frames` reads from the households and (besides the id field) from the parcels
HOUSEHOLD_FIELDS = ("parcel_code", "bldg_code", "building_code", "house_no", "hs_no", "village_no", "parcel_id",
                    "link_method")  # fmt: skip
PARCEL_FIELDS = ("uuid", "parcel_code", "house_no", "hs_no")


def has_parcel_uuids(parcels) -> bool:
    """Whether :func:`parcel_ids` without an id field takes the parcels' ``uuid`` (complete and unique)."""
    return "uuid" in parcels.columns and bool(parcels["uuid"].notna().all()) and bool(parcels["uuid"].is_unique)


def _column(frame, *names):
    """The first of ``names`` that ``frame`` has, as an object array, or None."""
    for n in names:
        if n in frame.columns:
            return frame[n].to_numpy(dtype=object)
    return None


def link_frames(households, parcels, households_label: str, parcels_label: str, id_field: str | None,
                params: LinkParams) -> tuple[LinkResult, int]:  # fmt: skip
    """:func:`link_households` on two GeoDataFrames as read from layers or files: both in a metric CRS
    (:func:`metric_crs`), parcel ids from ``id_field`` (:func:`parcel_ids`), tax-map/building codes and
    house numbers from their usual columns, existing links kept as the households carry them. Parcels
    that upset GEOS are repaired (for linking only, not in the data) and the linking runs again;
    returns the result and how many parcels were repaired."""
    import numpy as np
    import shapely

    from .houseno import house_keys

    work_crs = metric_crs(households, households_label)
    hh_m = households.to_crs(work_crs) if households.crs != work_crs else households
    pc_m = parcels.to_crs(work_crs) if parcels.crs != work_crs else parcels
    ids = parcel_ids(parcels, id_field, parcels_label)
    pc_geoms = np.asarray(pc_m.geometry.values)
    hh_codes = _column(households, "parcel_code", "bldg_code", "building_code")
    hh_house = _column(households, "house_no", "hs_no")
    hh_village = _column(households, "village_no")
    pc_house = _column(parcels, "house_no", "hs_no")
    link_args = {
        "household_codes": hh_codes,
        "parcel_codes": None if hh_codes is None else _column(parcels, "parcel_code"),  # nothing to match without
        "household_house_keys": None if hh_house is None else house_keys(hh_house, hh_village),
        "parcel_house_keys": None if pc_house is None else house_keys(pc_house),
        "existing_ids": _column(households, "parcel_id"),
        "existing_methods": _column(households, "link_method"),
    }  # fmt: skip
    try:
        return link_households(hh_m.geometry.values, pc_geoms, ids, params, **link_args), 0
    except shapely.errors.GEOSException:  # an invalid parcel upset GEOS: repair the invalid ones and retry
        bad = ~shapely.is_valid(pc_geoms) & ~shapely.is_missing(pc_geoms)
        pc_geoms = pc_geoms.copy()
        pc_geoms[bad] = shapely.make_valid(pc_geoms[bad])
        return link_households(hh_m.geometry.values, pc_geoms, ids, params, **link_args), int(bad.sum())
