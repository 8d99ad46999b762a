"""Matching imported features to the workspace's, one to one and independent of the input order.

Re-imports must update the feature they describe, not another one with the same key: real data has
repeated road codes and pole numbers. :func:`assign` takes every (input row, workspace feature)
pair that shares a key and assigns them one to one, best pairs first:

1. the stronger key first (``priority``: e.g. OSM id 0, road code 1, identical geometry 2);
2. then an identical geometry before any other;
3. then the nearer geometry (Hausdorff distance), computed only where a choice must be made (a key
   shared by several workspace features or several input rows);
4. then the input order, the workspace order.

A row whose candidates are all taken by better pairs is not matched (it is inserted as new).
Used by the road and streetlight imports.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Sequence


def assign(candidates: Iterable[tuple[int, int, int, str]], input_geoms: Sequence, existing_geom: Callable[[int], object],
           same: Callable[[int, int], bool] | None = None) -> dict[int, tuple[int, str]]:  # fmt: skip
    """One-to-one assignment of input rows to workspace features.

    ``candidates``: ``(input index, workspace id, priority, kind)`` tuples (lower priority wins);
    ``input_geoms[i]`` the input geometry, ``existing_geom(id)`` a workspace geometry (called only where
    distances decide); ``same(i, id)`` True when the two geometries are identical (default: never).
    Returns ``{input index: (workspace id, kind)}``.
    """
    import shapely

    pairs = list(dict.fromkeys(candidates))  # drop repeated pairs, keep the order
    if not pairs:
        return {}
    per_input = Counter((i, p) for i, _f, p, _k in pairs)
    per_existing = Counter((f, p) for _i, f, p, _k in pairs)
    exact = [bool(same(i, f)) if same is not None else False for i, f, _p, _k in pairs]
    distance = [0.0] * len(pairs)
    contended = [k for k, (i, f, p, _) in enumerate(pairs) if not exact[k] and (per_input[(i, p)] > 1 or per_existing[(f, p)] > 1)]  # fmt: skip
    if contended:
        cache: dict[int, object] = {}

        def geom(f):
            if f not in cache:
                cache[f] = existing_geom(f)
            return cache[f]

        a = [input_geoms[pairs[k][0]] for k in contended]
        b = [geom(pairs[k][1]) for k in contended]
        d = shapely.hausdorff_distance(a, b)
        for k, v in zip(contended, d, strict=True):
            distance[k] = float(v) if v == v else float("inf")  # NaN (missing geometry) → last
    order = sorted(range(len(pairs)), key=lambda k: (pairs[k][2], not exact[k], distance[k], pairs[k][0], pairs[k][1]))
    out: dict[int, tuple[int, str]] = {}
    taken: set[int] = set()
    for k in order:
        i, f, _p, kind = pairs[k]
        if i in out or f in taken:
            continue
        out[i] = (f, kind)
        taken.add(f)
    return out


MAX_PER_ROW = 8  # candidates per input row for a key shared by many features (bounded memory and time)


def keyed_candidates(input_keys: Sequence[object], pools: dict[object, list[int]], priority: int, kind: str,
                     input_geoms: Sequence, existing_geom: Callable[[int], object],
                     per_row: int = MAX_PER_ROW) -> list[tuple[int, int, int, str]]:  # fmt: skip
    """Candidate pairs for :func:`assign` from one key: ``input_keys[i]`` is row i's key (None: none),
    ``pools[key]`` the workspace ids with it. A key shared by many rows and features gives each row
    only its ``per_row`` nearest features (by centroid), so a code repeated thousands of times costs
    rows × features arithmetic, not rows × features pairs."""
    import numpy as np
    import shapely

    by_key: dict[object, list[int]] = {}
    for i, key in enumerate(input_keys):
        if key is not None and key != "" and key in pools:
            by_key.setdefault(key, []).append(i)
    out: list[tuple[int, int, int, str]] = []
    for key, rows in by_key.items():
        pool = pools[key]
        if len(pool) <= per_row or len(rows) * len(pool) <= per_row * per_row:
            out.extend((i, f, priority, kind) for i in rows for f in pool)
            continue
        centres = shapely.centroid(np.asarray([existing_geom(f) for f in pool], dtype=object))
        px, py = shapely.get_x(centres), shapely.get_y(centres)
        for i in rows:
            g = input_geoms[i]
            if g is None or shapely.is_missing(g) or g.is_empty:
                nearest = range(per_row)
            else:
                c = shapely.centroid(g)
                d = np.hypot(px - c.x, py - c.y)
                d[np.isnan(d)] = np.inf
                nearest = np.argpartition(d, per_row)[:per_row]
            out.extend((i, pool[int(j)], priority, kind) for j in nearest)
    return out


def split_matched(values, blobs, matched, update_cols, at, user: str, keep_if: tuple[str, str]):
    """Rows to insert (not matched) and to update (matched: the ``update_cols`` values, geometry, user,
    fid), and how many were matched by each kind. ``keep_if = (column, value)``: that column's value
    never overwrites a stored one (``unknown`` surface or status says nothing new)."""
    keep_col, keep_value = keep_if
    inserts, updates, matched_by = [], [], {}
    for i, (row, blob) in enumerate(zip(values, blobs, strict=True)):
        if i not in matched:
            inserts.append([*row, blob, user])
            continue
        fid, kind = matched[i]
        matched_by[kind] = matched_by.get(kind, 0) + 1
        params = [None if c == keep_col and row[at[c]] == keep_value else row[at[c]] for c in update_cols]
        updates.append([*params, blob, user, fid])
    return inserts, updates, matched_by
