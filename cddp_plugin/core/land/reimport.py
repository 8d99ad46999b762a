"""How a re-import finds the stored row of each input row, and what it may change in it.

The rules (the land jobs :func:`..jobs.upsert_households` and :func:`..jobs.upsert_parcels` apply them,
inside the write's transaction):

* **Only what the input carries changes.** A column the file does not have never touches the stored
  value. An empty cell in a column the file has keeps the stored value too, unless the import is told
  to clear (``clear_empty``; the ``CLEAR_EMPTY`` parameter of the algorithms). A missing or empty
  location never erases a stored one. ``source`` (the file name) is written on insert and only fills
  an empty stored value.
* **Unchanged rows are not written**: no UPDATE, no change-log entry, ``updated_by`` kept.
* **Households** are matched, one stored household per input row at most, by:
  1. house code (รหัสประจำบ้าน);
  2. else location: the nearest stored household within ``match_distance`` metres (default
     :data:`MATCH_DISTANCE_M`) with the same house number (both empty counts as the same; not checked
     when the file has no house-number column), no other village number and no other house code;
  3. else, for a row without location, house number + village number: the first stored household
     (by fid, those without location first) with both the same and no other house code.
* **Parcels** are matched by parcel code and geometry, never by position: a code held by one stored
  and one input parcel matches; a code repeated in the file or the workspace matches the identical
  shape first, then the largest overlap (intersection over union at least :data:`PARCEL_MIN_OVERLAP`).
  Parcels without code (or whose code is new) match a code-less stored parcel with the same shape the
  same way.
"""

from __future__ import annotations

import math

from ..workspace import gpkg

MATCH_DISTANCE_M = 2.0
MAX_MATCH_DISTANCE_M = 25.0
PARCEL_MIN_OVERLAP = 0.5
GEOM_TOLERANCE_M = 0.001  # coordinates closer than 1 mm are the same


def same_value(a, b) -> bool:
    if a is None or b is None:
        return a is None and b is None
    if isinstance(a, float) or isinstance(b, float):
        try:
            return math.isclose(float(a), float(b), rel_tol=1e-12, abs_tol=1e-9)
        except (TypeError, ValueError):
            return False
    return a == b


def _wkb(blob):
    h = gpkg._header(blob)
    return None if h is None else bytes(blob[h[2] :])


def same_geometry(new_blob, old_blob) -> bool:
    """The same geometry, whatever GeoPackage header either blob has (1 mm tolerance)."""
    if new_blob is None or old_blob is None:
        return new_blob is None and old_blob is None
    if _wkb(new_blob) == _wkb(old_blob):
        return True
    import shapely

    a, b = gpkg.from_blob(new_blob), gpkg.from_blob(old_blob)
    if a is None or b is None or a.geom_type != b.geom_type:
        return False
    return bool(shapely.equals_exact(shapely.normalize(a), shapely.normalize(b), GEOM_TOLERANCE_M))


def merge(columns, new, old, carried, clear_empty: bool, fill_only=("source",)) -> tuple[list, list[str]]:
    """(values to store, columns that change) for one matched row; see the module's rules."""
    values, changed = [], []
    for c, n, o in zip(columns, new, old, strict=True):
        if c in fill_only:
            v = o if o is not None else n
        elif n is None and not (clear_empty and c in carried):
            v = o
        else:
            v = n
        if not same_value(v, o):
            changed.append(c)
        values.append(v)
    return values, changed


# --- households ------------------------------------------------------------------------------------


def match_households(codes, numbers, villages, geoms, stored, carries_house_no: bool, match_distance: float):
    """(stored fid or None, method or None) per input row.

    ``stored`` rows are ``(fid, house_code, house_no, village_no, geometry)``; ``geoms`` are the input
    points in the workspace CRS (None for rows without location). Methods: ``code``, ``location``,
    ``number``.
    """
    import numpy as np
    import shapely

    n = len(codes)
    fids: list = [None] * n
    methods: list = [None] * n
    used: set[int] = set()
    by_code = {s[1]: k for k, s in enumerate(stored) if s[1]}
    for i, code in enumerate(codes):
        k = by_code.get(code) if code else None
        if k is not None and k not in used:
            fids[i], methods[i] = stored[k][0], "code"
            used.add(k)

    def compatible(i, k):
        s = stored[k]
        if codes[i] and s[1]:
            return False  # both have a house code and they differ
        if villages[i] is not None and s[3] is not None and villages[i] != s[3]:
            return False
        return True

    # 2. location + house number
    located = [k for k, s in enumerate(stored) if k not in used and s[4] is not None and not s[4].is_empty]
    rows = [i for i in range(n) if fids[i] is None and geoms[i] is not None and not geoms[i].is_empty]
    if located and rows and match_distance > 0:
        tree = shapely.STRtree(np.asarray([stored[k][4] for k in located], dtype=object))
        row_geoms = np.asarray([geoms[i] for i in rows], dtype=object)
        qi, qk = tree.query(row_geoms, predicate="dwithin", distance=match_distance)
        if len(qi):
            dist = shapely.distance(row_geoms[qi], tree.geometries[qk])
            pairs = []
            for a, b, d in zip(qi.tolist(), qk.tolist(), dist.tolist(), strict=True):
                i, k = rows[a], located[b]
                if carries_house_no and numbers[i] != stored[k][2]:
                    continue
                if compatible(i, k):
                    pairs.append((d, i, k))
            pairs.sort()
            for _, i, k in pairs:
                if fids[i] is None and k not in used:
                    fids[i], methods[i] = stored[k][0], "location"
                    used.add(k)

    # 3. house number + village, for rows without location
    by_number: dict[tuple, list[int]] = {}
    order = sorted(range(len(stored)), key=lambda k: (stored[k][4] is not None, stored[k][0]))
    for k in order:
        s = stored[k]
        if k not in used and s[2] is not None and s[3] is not None:
            by_number.setdefault((s[2], s[3]), []).append(k)
    for i in range(n):
        if fids[i] is not None or (geoms[i] is not None and not geoms[i].is_empty):
            continue
        if numbers[i] is None or villages[i] is None:
            continue
        for k in by_number.get((numbers[i], villages[i]), ()):
            if k not in used and compatible(i, k):
                fids[i], methods[i] = stored[k][0], "number"
                used.add(k)
                break
    return fids, methods


# --- parcels ---------------------------------------------------------------------------------------


def _pair_by_shape(inputs, candidates, geoms, stored_geoms, wkbs, stored_wkbs, fids, methods, used, stored_fids):
    """Match input indices to stored indices: identical shape first, then the largest overlap."""
    import shapely

    free = [k for k in candidates if k not in used]
    rows = [i for i in inputs if fids[i] is None]
    if not free or not rows:
        return
    by_wkb: dict[bytes, list[int]] = {}
    for k in free:
        by_wkb.setdefault(stored_wkbs[k], []).append(k)
    for i in rows:
        for k in by_wkb.get(wkbs[i], ()):
            if k not in used:
                fids[i], methods[i] = stored_fids[k], "shape"
                used.add(k)
                break
    free = [k for k in free if k not in used and stored_geoms[k] is not None]
    rows = [i for i in rows if fids[i] is None]
    if not free or not rows:
        return
    import numpy as np

    tree = shapely.STRtree(np.asarray([stored_geoms[k] for k in free], dtype=object))
    row_geoms = np.asarray([geoms[i] for i in rows], dtype=object)
    qi, qk = tree.query(row_geoms, predicate="intersects")
    pairs = []
    if len(qi):
        a, b = row_geoms[qi], tree.geometries[qk]
        try:
            inter = shapely.area(shapely.intersection(a, b))
        except shapely.errors.GEOSException:  # an invalid stored shape (edited by hand): compare its repair
            inter = shapely.area(shapely.intersection(shapely.make_valid(a), shapely.make_valid(b)))
        union = shapely.area(a) + shapely.area(b) - inter
        for r, t, x, u in zip(qi.tolist(), qk.tolist(), inter.tolist(), union.tolist(), strict=True):
            iou = x / u if u > 0 else 0.0
            if iou >= PARCEL_MIN_OVERLAP:
                pairs.append((-iou, rows[r], free[t]))
    pairs.sort()
    for _, i, k in pairs:
        if fids[i] is None and k not in used:
            fids[i], methods[i] = stored_fids[k], "shape"
            used.add(k)


def match_parcels(codes, geoms, blobs, stored):
    """(stored fid or None, method or None) per input parcel; ``stored`` rows are ``(fid, parcel_code, blob)``.

    Methods: ``code`` (a code held once on each side), ``shape`` (repeated or missing codes: matched
    by identical shape or overlap).
    """
    n = len(codes)
    fids: list = [None] * n
    methods: list = [None] * n
    used: set[int] = set()
    stored_fids = [s[0] for s in stored]
    stored_codes = [s[1] for s in stored]
    stored_wkbs = [_wkb(s[2]) for s in stored]
    wkbs = [_wkb(b) for b in blobs]

    class _Decoded(dict):  # stored geometries, decoded when first needed
        def __missing__(self, k):
            g = self[k] = gpkg.from_blob(stored[k][2])
            return g

    stored_geoms = _Decoded()
    in_by_code: dict[str, list[int]] = {}
    for i, c in enumerate(codes):
        if c:
            in_by_code.setdefault(c, []).append(i)
    st_by_code: dict[str, list[int]] = {}
    for k, c in enumerate(stored_codes):
        if c:
            st_by_code.setdefault(c, []).append(k)
    for code, inputs in in_by_code.items():
        cands = st_by_code.get(code, [])
        if len(inputs) == 1 and len(cands) == 1:
            fids[inputs[0]], methods[inputs[0]] = stored_fids[cands[0]], "code"
            used.add(cands[0])
        elif cands:
            _pair_by_shape(inputs, cands, geoms, stored_geoms, wkbs, stored_wkbs, fids, methods, used, stored_fids)
    uncoded_stored = [k for k, c in enumerate(stored_codes) if not c]
    rest = [i for i in range(n) if fids[i] is None and (not codes[i] or codes[i] not in st_by_code)]
    _pair_by_shape(rest, uncoded_stored, geoms, stored_geoms, wkbs, stored_wkbs, fids, methods, used, stored_fids)
    return fids, methods


def plan_writes(cols, values, blobs, fids, methods, stored, carried, clear_empty: bool, user: str,
                methods_counted: tuple[str, ...]):  # fmt: skip
    """What an upsert writes, from the rows of a file (``values`` in ``cols`` order, ``blobs``) and their
    matches (``fids``, ``methods``) among the ``stored`` rows (fid → values + geometry blob): rows to
    insert, rows to update (only those whose carried values or shape really changed, as :func:`merge`
    decides), how many are unchanged, and how many were matched by each method."""
    inserts, updates = [], []
    counts = dict.fromkeys(methods_counted, 0)
    unchanged = 0
    for row, blob, fid, method in zip(values, blobs, fids, methods, strict=True):
        if fid is None:
            inserts.append([*row, blob, user])
            continue
        counts[method] += 1
        old = stored[fid]
        merged, changed = merge(cols, row, old[:-1], carried, clear_empty)
        geom_changed = blob is not None and not same_geometry(blob, old[-1])
        if changed or geom_changed:
            updates.append([*merged, blob if geom_changed else None, user, fid])
        else:
            unchanged += 1
    return inserts, updates, unchanged, counts
