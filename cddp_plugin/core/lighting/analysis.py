"""Streetlight analysis: geometry checks, outage clusters, lighting gaps along roads, KPIs."""

from __future__ import annotations

import datetime as _dt
import math
from collections import Counter
from collections.abc import Hashable, Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np

from ..common.crs import THAILAND_LONLAT
from ..common.errors import CddpError
from .status import (
    _DISTANCE_BAD,
    _EPS,
    _GEOGRAPHIC_FLAG,
    _GEOGRAPHIC_GUESS,
    _LAMP_COORDS,
    _LAMP_EMPTY,
    _LAMP_TYPE,
    _LAYER_LAMPS,
    _LAYER_ROADS,
    _MIN_LAMPS_BAD,
    _OWNER_BAD,
    _OWNER_BY_TEXT,
    _ROAD_COORDS,
    _ROAD_EMPTY,
    _ROAD_NO_LENGTH,
    _ROAD_TYPE,
    _SINCE_BAD,
    _SNAP_BAD,
    _SPACING_BAD,
    DEFAULT_CLUSTER_DISTANCE,
    DEFAULT_MIN_LAMPS,
    DEFAULT_SNAP,
    DEFAULT_SPACING,
    FAULT_STATUSES,
    LAMP_STATUSES,
    LIT_STATUSES,
    OUT_STATUSES,
    OWNERS,
    _allowed,
    _blank,
    _fold,
    _lamp_label,
    _moment,
    _status_set,
    normalise_statuses,
)

# --------------------------------------------------------------------------------------------------
# Geometry input checks

if TYPE_CHECKING:
    import shapely


def _as_geoms(values) -> np.ndarray:
    """An object ndarray of shapely geometries from a list, an array or a GeoSeries."""
    values = getattr(values, "values", values)
    if isinstance(values, np.ndarray) and values.dtype == object and values.ndim == 1:
        return values
    arr = np.empty(len(values), dtype=object)
    arr[:] = list(values)
    return arr


_TYPE_NAMES = dict(enumerate(("Point", "LineString", "LinearRing", "Polygon", "MultiPoint", "MultiLineString",
                               "MultiPolygon", "GeometryCollection")))  # fmt: skip


def _check_geoms(geoms: np.ndarray, ids: Sequence | None, allowed: tuple[int, ...], lamps: bool) -> None:
    import shapely

    missing = shapely.is_missing(geoms)
    empty = missing.copy()
    empty[~missing] = shapely.is_empty(geoms[~missing])
    bad = np.flatnonzero(empty)
    if bad.size:
        i = int(bad[0])
        if lamps:
            raise CddpError(_LAMP_EMPTY, lamp=_lamp_label(ids, i))
        raise CddpError(_ROAD_EMPTY, road=_lamp_label(ids, i))
    types = shapely.get_type_id(geoms)
    bad = np.flatnonzero(~np.isin(types, allowed))
    if bad.size:
        i = int(bad[0])
        kind = _TYPE_NAMES.get(int(types[i]), str(types[i]))
        if lamps:
            raise CddpError(_LAMP_TYPE, lamp=_lamp_label(ids, i), type=kind)
        raise CddpError(_ROAD_TYPE, road=_lamp_label(ids, i), type=kind)
    if len(geoms):
        coords, which = shapely.get_coordinates(geoms, return_index=True)
        finite = np.isfinite(coords).all(axis=1)
        if not finite.all():
            i = int(which[np.flatnonzero(~finite)[0]])
            if lamps:
                raise CddpError(_LAMP_COORDS, lamp=_lamp_label(ids, i))
            raise CddpError(_ROAD_COORDS, road=_lamp_label(ids, i))


def _degree_vertex(geoms) -> np.ndarray | None:
    """A vertex inside Thailand's longitude/latitude box when at least half of the vertices are there."""
    import shapely

    xy = shapely.get_coordinates(_as_geoms(geoms))
    if not len(xy):
        return None
    bx0, by0, bx1, by1 = THAILAND_LONLAT
    inside = (xy[:, 0] >= bx0) & (xy[:, 0] <= bx1) & (xy[:, 1] >= by0) & (xy[:, 1] <= by1)
    return xy[np.argmax(inside)] if 2 * inside.sum() >= len(xy) else None


def looks_geographic(geoms) -> bool:
    """True when at least half of the vertices lie inside Thailand's longitude/latitude box
    (97–106 E, 5.3–20.8 N): degrees, not metres. UTM coordinates in Thailand are 160,000 m and more,
    so no metric layer of a Thai municipality passes; a few stray points (0, 0) do not hide degrees."""
    return _degree_vertex(geoms) is not None


def _check_metric(geoms: np.ndarray, layer: str, crs_is_geographic: bool | None) -> None:
    if crs_is_geographic:
        raise CddpError(_GEOGRAPHIC_FLAG, layer=layer)
    if crs_is_geographic is None:
        vertex = _degree_vertex(geoms)
        if vertex is not None:
            raise CddpError(_GEOGRAPHIC_GUESS, layer=layer, x=float(vertex[0]), y=float(vertex[1]))


def _positive(value: object, message: str) -> float:
    try:
        v = float(value)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        raise CddpError(message, value=value) from None
    if not math.isfinite(v) or v <= 0:
        raise CddpError(message, value=value)
    return v


def _optional_column(values, n: int) -> np.ndarray:
    """Object array of stripped text or None (for circuits and road ids)."""
    arr = np.full(n, None, dtype=object)
    if values is None:
        return arr
    values = list(getattr(values, "values", values))
    if len(values) != n:
        raise ValueError(f"{len(values)} values for {n} streetlights")
    arr[:] = [None if _blank(v) else str(v).strip() for v in values]
    return arr


def _codes(values: np.ndarray) -> np.ndarray:
    """Integer codes for an object array of hashables; None → −1."""
    table: dict[object, int] = {}
    return np.fromiter((-1 if v is None else table.setdefault(v, len(table)) for v in values), dtype=np.int64,
                       count=len(values))  # fmt: skip


# --------------------------------------------------------------------------------------------------
# 3. Outage clusters


def connected_components(n: int, i: np.ndarray, j: np.ndarray) -> np.ndarray:
    """Component labels (the smallest member index) of an undirected graph with ``n`` nodes and edges
    ``i``–``j``: a vectorised union-find (hooking roots on the smaller root, then pointer jumping)."""
    parent = np.arange(n)
    i = np.asarray(i, dtype=np.int64)
    j = np.asarray(j, dtype=np.int64)
    while True:
        pi, pj = parent[i], parent[j]
        differ = pi != pj
        if not differ.any():
            break
        lo = np.minimum(pi[differ], pj[differ])
        hi = np.maximum(pi[differ], pj[differ])
        np.minimum.at(parent, hi, lo)
        while True:
            grand = parent[parent]
            if np.array_equal(grand, parent):
                break
            parent = grand
    return parent


@dataclass(frozen=True)
class OutageCluster:
    cluster_id: int
    lamp_count: int
    lamp_ids: tuple
    circuits: tuple[str, ...]  # distinct circuits of its lamps (sorted)
    roads: tuple[str, ...]  # distinct road ids of its lamps (sorted)
    centroid: shapely.Point
    first_reported: _dt.datetime | None  # earliest outage start of its lamps
    statuses: dict[str, int]  # lamps per status


@dataclass
class ClusterResult:
    cluster_id: np.ndarray  # int per lamp: 1, 2, … or 0 (not in a cluster)
    clusters: list[OutageCluster]

    @property
    def lamps_in_clusters(self) -> int:
        return int(np.count_nonzero(self.cluster_id))


def outage_clusters(
    lamps,
    statuses: Iterable[object],
    *,
    ids: Sequence[Hashable] | None = None,
    circuits: Iterable[object] | None = None,
    roads: Iterable[object] | None = None,
    out_since: Iterable[object] | None = None,
    distance: float = DEFAULT_CLUSTER_DISTANCE,
    min_lamps: int = DEFAULT_MIN_LAMPS,
    out_statuses: Iterable[str] = OUT_STATUSES,
    crs_is_geographic: bool | None = None,
) -> ClusterResult:
    """Outage clusters: out lamps within ``distance`` m of each other on the same circuit or road.

    ``lamps``: points (metres); ``statuses``: their lamp_status values; ``circuits`` and ``roads``:
    each lamp's circuit and road id (None when unknown); ``out_since``: each lamp's outage start
    (e.g. :attr:`StatusResult.out_since`) for the clusters' first report. Rule: module docstring.
    """
    import shapely

    geoms = _as_geoms(lamps)
    n = len(geoms)
    ids = list(ids) if ids is not None else None
    dist = _positive(distance, _DISTANCE_BAD)
    if isinstance(min_lamps, bool) or not isinstance(min_lamps, int | np.integer) or min_lamps < 2:
        raise CddpError(_MIN_LAMPS_BAD, value=min_lamps)
    out_set = _status_set(out_statuses, "out")
    codes = normalise_statuses(statuses, ids)
    if len(codes) != n or (ids is not None and len(ids) != n):
        raise ValueError(f"{len(codes)} statuses / {len(ids or [])} ids for {n} streetlights")
    circuit = _optional_column(circuits, n)
    road = _optional_column(roads, n)
    since = np.full(n, None, dtype=object)
    if out_since is not None:
        since[:] = [_moment(v, _SINCE_BAD, lamp=_lamp_label(ids, k)) for k, v in enumerate(out_since)]

    is_out = np.isin(codes, list(out_set))
    cand = np.flatnonzero(is_out)
    _check_geoms(geoms[cand], [_lamp_label(ids, int(k)) for k in cand], (0,), lamps=True)
    _check_metric(geoms[cand], _LAYER_LAMPS, crs_is_geographic)
    label = np.zeros(n, dtype=np.int64)
    if cand.size < min_lamps:
        return ClusterResult(label, [])
    pts = geoms[cand]
    tree = shapely.STRtree(pts)
    a, b = tree.query(pts, predicate="dwithin", distance=dist)
    keep = a < b
    a, b = a[keep], b[keep]
    cc, rc = _codes(circuit[cand]), _codes(road[cand])
    neither = (cc < 0) & (rc < 0)
    link = ((cc[a] >= 0) & (cc[a] == cc[b])) | ((rc[a] >= 0) & (rc[a] == rc[b])) | neither[a] | neither[b]
    comp = connected_components(cand.size, a[link], b[link])
    roots, first, sizes = np.unique(comp, return_index=True, return_counts=True)
    big = sizes >= min_lamps
    order = np.argsort(first[big], kind="stable")
    big_roots = roots[big][order]
    cluster_of_root = dict(zip(big_roots.tolist(), range(1, big_roots.size + 1), strict=True))
    local = np.fromiter((cluster_of_root.get(r, 0) for r in comp.tolist()), dtype=np.int64, count=cand.size)
    label[cand] = local

    clusters = []
    members_by_cluster = np.argsort(local, kind="stable")
    bounds = np.searchsorted(local[members_by_cluster], np.arange(1, big_roots.size + 2))
    xy = shapely.get_coordinates(pts)
    for c in range(1, big_roots.size + 1):
        members = members_by_cluster[bounds[c - 1] : bounds[c]]
        lamp_index = cand[members]
        starts = [since[k] for k in lamp_index if since[k] is not None]
        clusters.append(
            OutageCluster(
                cluster_id=c,
                lamp_count=int(members.size),
                lamp_ids=tuple(ids[k] if ids is not None else int(k) for k in lamp_index),
                circuits=tuple(sorted({v for v in circuit[lamp_index] if v is not None})),
                roads=tuple(sorted({v for v in road[lamp_index] if v is not None})),
                centroid=shapely.Point(xy[members].mean(axis=0)),
                first_reported=min(starts) if starts else None,
                statuses=dict(Counter(codes[lamp_index].tolist())),
            )
        )
    return ClusterResult(label, clusters)


# --------------------------------------------------------------------------------------------------
# 4. Lighting gaps


@dataclass(frozen=True)
class LightingGap:
    road_index: int  # position of the road in the input
    road_id: Hashable
    part: int  # 0 for a road that merges into one line; else the part of a multi-part road
    from_m: float  # chainage along the (part of the) road, metres
    to_m: float
    length_m: float
    kind: str  # "between" two lamps, "start" (road start → first lamp), "end", or "no_lamp" (whole line)
    lamps_not_lit: int  # lamps in the stretch whose status does not light it
    geometry: shapely.LineString


@dataclass
class GapResult:
    gaps: list[LightingGap]
    lamp_road: np.ndarray  # int per lamp: index of the road it serves, −1 if none within the snap distance
    lamp_part: np.ndarray  # int per lamp: part of that road, −1 if none
    lamp_chainage: np.ndarray  # float per lamp: metres along that part, NaN if none
    lamp_offset: np.ndarray  # float per lamp: distance to that road, NaN if none
    road_length_m: np.ndarray  # float per road
    road_gap_m: np.ndarray  # float per road: total gap length (0 for roads not to be lit)
    checked_length_m: float  # total length of the roads to be lit

    @property
    def total_gap_m(self) -> float:
        return float(self.road_gap_m.sum())


_KINDS = np.array(["between", "start", "end", "no_lamp"], dtype=object)


def _substrings(lines: np.ndarray, lengths: np.ndarray, which: np.ndarray, start: np.ndarray, end: np.ndarray):
    """``shapely.ops.substring(lines[which[k]], start[k], end[k])`` for every k (0 ≤ start < end ≤
    length), vectorised: the two interpolated end points with the line's vertices strictly between
    them. 2D; the lines' vertices are numbered along one global chainage so that a searchsorted
    finds each stretch's vertices."""
    import shapely

    if not which.size:
        return np.empty(0, dtype=object)
    xy, vline = shapely.get_coordinates(lines, return_index=True)
    step = np.zeros(len(xy))
    same = vline[1:] == vline[:-1]
    step[1:] = np.where(same, np.hypot(*(xy[1:] - xy[:-1]).T), 0.0)
    run = np.cumsum(step)
    within = run - run[np.searchsorted(vline, vline)]
    base = np.concatenate([[0.0], np.cumsum(lengths + 1.0)[:-1]])
    vglobal = base[vline] + within
    lo = np.searchsorted(vglobal, base[which] + start + 1e-9, side="right")  # no vertex within 1 nm of an end
    hi = np.searchsorted(vglobal, base[which] + end - 1e-9, side="left")
    inner = np.maximum(hi - lo, 0)
    a = shapely.get_coordinates(shapely.line_interpolate_point(lines[which], start))
    b = shapely.get_coordinates(shapely.line_interpolate_point(lines[which], end))
    count = inner + 2
    first = np.concatenate([[0], np.cumsum(count)[:-1]])
    coords = np.empty((int(count.sum()), 2))
    coords[first] = a
    coords[first + count - 1] = b
    owner = np.repeat(np.arange(which.size), inner)
    offset_in = np.arange(owner.size) - np.repeat(np.cumsum(inner) - inner, inner)
    coords[first[owner] + 1 + offset_in] = xy[lo[owner] + offset_in]
    return shapely.linestrings(coords, indices=np.repeat(np.arange(which.size), count))


def lighting_gaps(
    roads,
    lamps,
    *,
    road_ids: Sequence[Hashable] | None = None,
    lamp_ids: Sequence[Hashable] | None = None,
    statuses: Iterable[object] | None = None,
    to_light: Iterable[bool] | None = None,
    spacing: float = DEFAULT_SPACING,
    snap: float = DEFAULT_SNAP,
    lit_statuses: Iterable[str] = LIT_STATUSES,
    crs_is_geographic: bool | None = None,
) -> GapResult:
    """Stretches of road longer than ``spacing`` m without a lamp that lights (rule: module docstring).

    ``roads``: (Multi)LineStrings in metres; ``to_light``: which of them must be lit (e.g. ``lit`` =
    yes, or chosen classes; default all) — the others still take the lamps nearest to them;
    ``lamps``: points; ``statuses``: their lamp_status values (default: all ``unknown``, presumed
    lit, which gives the gaps in the pole layout).
    """
    import shapely

    rg = _as_geoms(roads)
    lg = _as_geoms(lamps)
    nr, nl = len(rg), len(lg)
    road_ids = list(road_ids) if road_ids is not None else None
    lamp_ids = list(lamp_ids) if lamp_ids is not None else None
    if (road_ids is not None and len(road_ids) != nr) or (lamp_ids is not None and len(lamp_ids) != nl):
        raise ValueError("road_ids/lamp_ids do not match the geometries")
    spacing = _positive(spacing, _SPACING_BAD)
    snap = _positive(snap, _SNAP_BAD)
    lit_set = _status_set(lit_statuses, "lit")
    codes = normalise_statuses(statuses, lamp_ids) if statuses is not None else np.full(nl, "unknown", dtype=object)
    if len(codes) != nl:
        raise ValueError(f"{len(codes)} statuses for {nl} streetlights")
    check = np.ones(nr, dtype=bool) if to_light is None else np.asarray(list(to_light), dtype=bool)
    if check.shape != (nr,):
        raise ValueError(f"to_light has {check.size} values for {nr} roads")

    _check_geoms(rg, road_ids, (1, 2, 5), lamps=False)
    _check_geoms(lg, lamp_ids, (0,), lamps=True)
    _check_metric(rg, _LAYER_ROADS, crs_is_geographic)
    _check_metric(lg, _LAYER_LAMPS, crs_is_geographic)
    road_length = shapely.length(rg)
    zero = np.flatnonzero(road_length <= 0)
    if zero.size:
        raise CddpError(_ROAD_NO_LENGTH, road=_lamp_label(road_ids, int(zero[0])))

    # lines: merge multi-part roads, then one row per part (parts of no length dropped)
    multi = shapely.get_type_id(rg) == 5
    merged = rg.copy()
    if multi.any():
        merged[multi] = shapely.line_merge(rg[multi])
    parts, part_road = shapely.get_parts(merged, return_index=True)
    part_len = shapely.length(parts)
    keep = part_len > 0
    parts, part_road, part_len = parts[keep], part_road[keep], part_len[keep]
    first_part = np.searchsorted(part_road, part_road, side="left")
    part_no = np.arange(parts.size) - first_part

    # each lamp → its nearest part within the snap distance (ties: the first road/part)
    lamp_road = np.full(nl, -1, dtype=np.int64)
    lamp_part = np.full(nl, -1, dtype=np.int64)
    chain = np.full(nl, np.nan)
    offset = np.full(nl, np.nan)
    lamp_p = np.full(nl, -1, dtype=np.int64)
    if nl and parts.size:
        tree = shapely.STRtree(parts)
        li, pi = tree.query(lg, predicate="dwithin", distance=snap)
        d = shapely.distance(lg[li], parts[pi])
        order = np.lexsort((pi, d, li))  # per lamp: nearest, then the first part
        li, pi, d = li[order], pi[order], d[order]
        firsts = np.r_[True, li[1:] != li[:-1]] if li.size else np.zeros(0, dtype=bool)
        li, pi, d = li[firsts], pi[firsts], d[firsts]
        lamp_p[li] = pi
        lamp_road[li] = part_road[pi]
        lamp_part[li] = part_no[pi]
        offset[li] = d
        chain[li] = shapely.line_locate_point(parts[pi], lg[li])

    # one global coordinate: part k occupies [base[k], base[k] + length[k]], parts 1 m apart
    base = np.concatenate([[0.0], np.cumsum(part_len + 1.0)[:-1]])
    lit_part = check[part_road]
    lit_lamp = np.isin(codes, list(lit_set)) & (lamp_p >= 0)
    lit_lamp[lit_lamp] = lit_part[lamp_p[lit_lamp]]
    dark_lamp = ~np.isin(codes, list(lit_set)) & (lamp_p >= 0)
    dark_lamp[dark_lamp] = lit_part[lamp_p[dark_lamp]]

    checked = np.flatnonzero(lit_part)
    # breakpoints: part start (kind 1), lit lamps (0), part end (2)
    pos = np.concatenate([base[checked], base[lamp_p[lit_lamp]] + chain[lit_lamp], base[checked] + part_len[checked]])
    owner = np.concatenate([checked, lamp_p[lit_lamp], checked])
    tag = np.concatenate([np.ones(checked.size, np.int8), np.zeros(lit_lamp.sum(), np.int8),
                          np.full(checked.size, 2, np.int8)])  # fmt: skip
    order = np.argsort(pos, kind="stable")  # ties keep starts, lamps, ends in this order
    pos, owner, tag = pos[order], owner[order], tag[order]
    same = owner[1:] == owner[:-1]
    length = np.diff(pos)
    gap = same & (length > spacing + _EPS)
    g = np.flatnonzero(gap)
    gp = owner[g]
    g_from = pos[g] - base[gp]
    g_to = pos[g + 1] - base[gp]
    kind_idx = np.where((tag[g] == 1) & (tag[g + 1] == 2), 3, np.where(tag[g] == 1, 1, np.where(tag[g + 1] == 2, 2, 0)))
    g_from = np.clip(g_from, 0.0, part_len[gp])
    g_to = np.clip(g_to, 0.0, part_len[gp])

    dark_pos = np.sort(base[lamp_p[dark_lamp]] + chain[dark_lamp])
    lo = np.searchsorted(dark_pos, pos[g] + _EPS, side="left")
    hi = np.searchsorted(dark_pos, pos[g + 1] - _EPS, side="right")
    not_lit = np.maximum(hi - lo, 0)

    geoms = _substrings(parts, part_len, gp, g_from, g_to)
    gaps = []
    road_gap = np.zeros(nr)
    g_road = part_road[gp]
    g_len = g_to - g_from
    np.add.at(road_gap, g_road, g_len)
    for k in range(g.size):
        p, r = int(gp[k]), int(g_road[k])
        f, t = float(g_from[k]), float(g_to[k])
        gaps.append(
            LightingGap(
                road_index=r,
                road_id=road_ids[r] if road_ids is not None else r,
                part=int(part_no[p]),
                from_m=f,
                to_m=t,
                length_m=t - f,
                kind=str(_KINDS[kind_idx[k]]),
                lamps_not_lit=int(not_lit[k]),
                geometry=geoms[k],
            )
        )
    return GapResult(
        gaps=gaps,
        lamp_road=lamp_road,
        lamp_part=lamp_part,
        lamp_chainage=chain,
        lamp_offset=offset,
        road_length_m=road_length,
        road_gap_m=road_gap,
        checked_length_m=float(part_len[lit_part].sum()),
    )


# --------------------------------------------------------------------------------------------------
# 5. KPIs


def lighting_kpis(
    statuses: Iterable[object],
    *,
    days_out: Iterable[float | None] | None = None,
    owners: Iterable[object] | None = None,
    clusters: ClusterResult | None = None,
    gaps: GapResult | None = None,
    out_statuses: Iterable[str] = OUT_STATUSES,
) -> dict:
    """Key figures for a council report or a dashboard, as a plain dict:

    ``lamps``, ``by_status`` (every lamp_status code, zeros included), ``out`` and ``pct_out`` (status
    in ``out_statuses``; None without lamps), ``faulty`` and ``pct_faulty`` (any status but working
    and unknown), ``median_days_out`` (of the out lamps with a known outage start, else None),
    ``out_by_owner`` (when ``owners`` is given: who must repair), ``clusters``,
    ``lamps_in_clusters``, ``gaps``, ``gap_km``, ``checked_km`` and ``pct_length_in_gaps``.
    """
    codes = normalise_statuses(statuses)
    n = len(codes)
    out_set = _status_set(out_statuses, "out")
    is_out = np.isin(codes, list(out_set))
    faulty = np.isin(codes, list(FAULT_STATUSES))
    counts = Counter(codes.tolist())
    result: dict = {
        "lamps": n,
        "by_status": {s: int(counts.get(s, 0)) for s in LAMP_STATUSES},
        "out": int(is_out.sum()),
        "pct_out": round(100.0 * is_out.sum() / n, 2) if n else None,
        "faulty": int(faulty.sum()),
        "pct_faulty": round(100.0 * faulty.sum() / n, 2) if n else None,
        "median_days_out": None,
    }
    if days_out is not None:
        days = np.array([np.nan if _blank(v) else float(v) for v in days_out], dtype=float)
        if days.size != n:
            raise ValueError(f"days_out has {days.size} values for {n} streetlights")
        known = days[is_out & ~np.isnan(days)]
        result["median_days_out"] = round(float(np.median(known)), 2) if known.size else None
    if owners is not None:
        owner_codes = []
        for i, v in enumerate(owners):
            code = "unknown" if _blank(v) else _OWNER_BY_TEXT.get(_fold(str(v)))
            if code is None:
                raise CddpError(_OWNER_BAD, lamp=_lamp_label(None, i), value=v, allowed=_allowed(OWNERS))
            owner_codes.append(code)
        if len(owner_codes) != n:
            raise ValueError(f"owners has {len(owner_codes)} values for {n} streetlights")
        out_owners = Counter(o for o, flag in zip(owner_codes, is_out.tolist(), strict=True) if flag)
        result["out_by_owner"] = {o: int(out_owners.get(o, 0)) for o in OWNERS}
    result["clusters"] = len(clusters.clusters) if clusters is not None else None
    result["lamps_in_clusters"] = clusters.lamps_in_clusters if clusters is not None else None
    if gaps is not None:
        result["gaps"] = len(gaps.gaps)
        result["gap_km"] = round(gaps.total_gap_m / 1000.0, 3)
        result["checked_km"] = round(gaps.checked_length_m / 1000.0, 3)
        result["pct_length_in_gaps"] = (
            round(100.0 * gaps.total_gap_m / gaps.checked_length_m, 2) if gaps.checked_length_m > 0 else None
        )
    else:
        result.update(gaps=None, gap_km=None, checked_km=None, pct_length_in_gaps=None)
    return result
