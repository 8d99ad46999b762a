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

import json
import re
from dataclasses import dataclass, field

import numpy as np

MANUAL, CODE, WITHIN, NEAREST, HOUSE_NUMBER = "manual", "code", "within", "nearest", "house_number"
METHODS = (WITHIN, NEAREST, CODE, HOUSE_NUMBER, MANUAL)
NO_LOCATION = "no_location"
TOO_FAR = "no_parcel_within_distance"
REASONS = (NO_LOCATION, TOO_FAR)

_BUILDING_SUFFIX = re.compile(r"-B\d+$", re.IGNORECASE)


@dataclass(frozen=True)
class LinkParams:
    max_distance: float = 15.0
    boundary_band: float = 3.0
    tie_tolerance: float = 1.0


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
        linked = {m: int(np.sum(self.method == m)) for m in METHODS}
        unlinked = {r: int(np.sum(self.reason == r)) for r in REASONS}
        conf = self.confidence[~np.isnan(self.confidence)]
        bins = np.histogram(conf, bins=[0, 0.5, 0.7, 0.9, 1.0001])[0] if conf.size else np.zeros(4, int)
        return {
            "households": n,
            "linked": int(sum(linked.values())),
            "by_method": linked,
            "unlinked": unlinked,
            "ambiguous": int(sum(1 for c in self.candidates if c)),
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


def _group_first(keys: np.ndarray, order_values: np.ndarray, descending: bool):
    """Sort pairs by (key, value) and return (sorted index, start of each key group, group sizes)."""
    vals = -order_values if descending else order_values
    order = np.lexsort((vals, keys))
    sk = keys[order]
    starts = np.flatnonzero(np.r_[True, sk[1:] != sk[:-1]]) if len(sk) else np.array([], dtype=int)
    sizes = np.diff(np.r_[starts, len(sk)]) if len(sk) else np.array([], dtype=int)
    return order, starts, sizes


def _candidates_json(items) -> str:
    return json.dumps([{"parcel": pid, "distance_m": round(float(d), 2), "evidence": ev} for pid, d, ev in items],
                      ensure_ascii=False)  # fmt: skip


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
    todo = ~manual & has_pt
    idx = np.flatnonzero(todo)
    valid_poly = ~shapely.is_missing(polys)
    tree = shapely.STRtree(np.where(valid_poly, polys, None))

    # --- inside parcels -------------------------------------------------------------------------
    within_any = np.zeros(n, dtype=bool)
    if idx.size and m:
        qi_pts, qi_polys = tree.query(pts[idx], predicate="intersects")  # the boundary belongs to the parcel
        hh = idx[qi_pts]
        hit, inverse = np.unique(qi_polys, return_inverse=True)  # each parcel's rings once
        hit_polys = polys[hit]
        if (shapely.get_type_id(hit_polys) == 6).all() and (shapely.get_num_geometries(hit_polys) == 1).all():
            hit_polys = shapely.get_geometry(hit_polys, 0)  # single-part MultiPolygons (workspace parcels)

        rings = shapely.get_exterior_ring(hit_polys) if not shapely.get_num_interior_rings(hit_polys).any() else None
        if rings is None or shapely.is_missing(rings).any():  # holes or multipolygons: the whole boundary
            rings = shapely.boundary(hit_polys)
        depth = shapely.distance(pts[hh], rings[inverse])

        order, starts, sizes = _group_first(hh, depth, descending=True)
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
        qi_pts, qi_polys = tree.query(pts[outside], predicate="dwithin", distance=p.max_distance)
        hh = outside[qi_pts]
        dist = shapely.distance(pts[hh], polys[qi_polys])
        order, starts, sizes = _group_first(hh, dist, descending=False)
        sd, shh, spoly = dist[order], hh[order], qi_polys[order]
        d1 = sd[starts]
        second = np.where(sizes > 1, starts + 1, starts)
        d2 = np.where(sizes > 1, sd[second], np.inf)
        sep = np.clip((d2 - d1) / np.maximum(d1, 1.0), 0.0, 1.0)
        conf = 0.5 + 0.4 * (1.0 - d1 / p.max_distance) * sep
        first_hh = shh[starts]
        res.parcel_id[first_hh] = pids[spoly[starts]]
        res.method[first_hh] = NEAREST
        res.confidence[first_hh] = conf
        res.distance[first_hh] = d1
        tie = (sizes > 1) & (d2 - d1 <= p.tie_tolerance)
        for g in np.flatnonzero(tie):
            s0, s1 = starts[g], starts[g] + sizes[g]
            near = [k for k in range(s0, s1) if sd[k] - d1[g] <= p.tie_tolerance]
            h = first_hh[g]
            res.candidates[h] = _candidates_json([(pids[spoly[k]], sd[k], "nearest") for k in near])
            if hh_keys is not None and pc_keys is not None and hh_keys[h]:
                matches = [k for k in near if pc_keys[spoly[k]] == hh_keys[h]]
                if len(matches) == 1:
                    k = matches[0]
                    res.parcel_id[h], res.method[h] = pids[spoly[k]], HOUSE_NUMBER
                    res.confidence[h], res.distance[h] = 0.8, sd[k]
        res.notes["ties_between_parcels"] = int(tie.sum())

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
