"""Lighting jobs: the only code that changes streetlights in a workspace."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from ..common.errors import CddpError
from ..common.i18n import translate
from ..roads import matching
from ..workspace import gpkg, plausibility
from . import analysis
from . import status as lighting_status
from .lamps import LAMP_COLUMNS, LampReport
from .status import DEFAULT_CLUSTER_DISTANCE, DEFAULT_MIN_LAMPS, DEFAULT_SNAP, DEFAULT_SPACING

SAME_POSITION_M = 0.5  # a lamp without id or ref is the same lamp when it stands within this of one


def upsert_lamps(workspace_path: str, lamps, report: LampReport, user: str) -> LampReport:
    """Insert or update streetlights in one transaction, through the change log.

    A lamp is matched by its ``osm_id``, else its ``ref`` (pole number), else a workspace lamp within
    :data:`SAME_POSITION_M` (0.5 m); repeated refs are matched one to one by distance, never by their
    order (:func:`..roads.matching.assign`), and ``report.matched_by`` counts the matches per key.
    Updates write only ``report.columns`` (what the source carries) and never replace a value by a
    missing one (None, or status ``unknown``): a survey without owner or circuit keeps them, an OSM
    re-import keeps the status found from faults and checks. Re-importing the same file changes
    nothing. Lamps far outside the municipality are counted in ``report.far_outside``; when all of
    them are, nothing is written (:mod:`..workspace.plausibility`).
    """
    import numpy as np
    import shapely

    if len(lamps) == 0:
        return report
    plaus = plausibility.check_geometries(workspace_path, lamps.geometry.values, report.layer or "streetlights")
    report.plausibility, report.far_outside = plaus, plaus.outside
    con = gpkg.connect(workspace_path)
    try:
        srs = gpkg.srs_id(con, "streetlights")
        # match under the write lock, so a row another program adds meanwhile is matched, not duplicated
        # (committed by the ``with con`` below; rolled back by close() if anything fails before it)
        con.execute("BEGIN IMMEDIATE")
        by_key: dict[tuple, list[int]] = {}
        points, fids, geom_of = [], [], {}
        for fid, osm_id, ref, blob in con.execute("SELECT fid, osm_id, ref, geom FROM streetlights ORDER BY fid"):
            if osm_id:
                by_key.setdefault(("osm", osm_id), []).append(fid)
            if ref:
                by_key.setdefault(("ref", ref), []).append(fid)
            g = gpkg.from_blob(blob)
            geom_of[fid] = g
            if g is not None and not g.is_empty:
                points.append(g)
                fids.append(fid)
        tree = shapely.STRtree(points) if points else None
        cols = [c for c in LAMP_COLUMNS if c in lamps.columns]
        provided = set(report.columns) if report.columns else set(cols)
        update_cols = [c for c in cols if c in provided]
        frame = lamps[cols].astype(object)
        values = frame.where(frame.notna(), None).to_numpy().tolist()
        geoms = list(lamps.geometry.values)
        blobs = gpkg.to_blobs(lamps.geometry.values, srs)
        candidates = []
        for priority, (prefix, kind) in enumerate((("osm", "osm_id"), ("ref", "ref"))):
            keys = [row[cols.index(kind)] for row in values] if kind in cols else [None] * len(values)
            pools = {k[1]: v for k, v in by_key.items() if k[0] == prefix}
            candidates += matching.keyed_candidates(keys, pools, priority, kind, geoms, geom_of.get)
        if tree is not None and geoms:
            arr = np.asarray(geoms, dtype=object)
            present = np.flatnonzero(~(shapely.is_missing(arr) | shapely.is_empty(arr)))
            rows_at, near = tree.query(arr[present], predicate="dwithin", distance=SAME_POSITION_M)
            candidates.extend((int(present[r]), fids[k], 2, "position") for r, k in zip(rows_at, near, strict=True))
        matched = matching.assign(candidates, geoms, geom_of.get)
        at = {c: k for k, c in enumerate(cols)}
        inserts, updates, report.matched_by = matching.split_matched(
            values, blobs, matched, update_cols, at, user, ("status", "unknown")
        )
        with con:
            before = _update_changes(con)
            gpkg.write_features(con, "streetlights", cols, inserts, updates, update_columns=update_cols,
                                keep_when_null=set(update_cols))  # fmt: skip
            report.changed = _update_changes(con) - before
        report.inserted, report.updated = len(inserts), len(updates)
    finally:
        con.close()
    return report


def _update_changes(con) -> int:
    sql = "SELECT count(*) FROM cddp_changelog WHERE layer = 'streetlights' AND op = 'update'"
    return con.execute(sql).fetchone()[0]


@dataclass
class StatusRun:
    """What :func:`update_lamp_statuses` found and changed."""

    status: lighting_status.StatusResult
    clusters: analysis.ClusterResult
    gaps: analysis.GapResult | None  # None when the workspace has no roads
    kpis: dict
    changed: int  # lamps updated in the workspace


def update_lamp_statuses(workspace_path: str, user: str, *, cluster_distance: float = DEFAULT_CLUSTER_DISTANCE,
                         min_lamps: int = DEFAULT_MIN_LAMPS, spacing: float = DEFAULT_SPACING,
                         snap: float = DEFAULT_SNAP, light_classes: Iterable[str] = (),
                         progress: Callable[[int], None] | None = None) -> StatusRun:  # fmt: skip
    """Update each streetlight's status (from its faults and checks) and road, and find outage clusters,
    lighting gaps and KPIs.

    A road is to be lit when it is flagged ``lit`` or its class is in ``light_classes``. Only lamps whose
    status changed or that got a (new) road are written, in one transaction through the change log.
    ``progress`` is called with a percentage (30 after the statuses, 70 before writing).
    """
    from ..common import ogrio

    lamps = ogrio.read_dataframe(workspace_path, layer="streetlights", fid_as_index=True)
    roads = ogrio.read_dataframe(workspace_path, layer="roads")
    faults = ogrio.read_dataframe(workspace_path, layer="streetlight_faults", read_geometry=False)
    checks = ogrio.read_dataframe(workspace_path, layer="streetlight_inspections", read_geometry=False)
    if len(lamps) == 0:
        raise CddpError(
            translate("core", "The workspace has no streetlights; import them first (cddp:importstreetlights).")
        )
    ids = lamps["uuid"].tolist()

    def records(frame):  # NaT/NaN → None, so an empty resolved_at reads as "not resolved"
        return frame.astype(object).where(frame.notna(), None).to_dict("records")

    status = lighting_status.lamp_statuses(ids, records(faults), records(checks), current=lamps["status"].tolist())
    if progress is not None:
        progress(30)
    classes = set(light_classes)
    to_light = (roads["lit"].fillna(0).astype(bool) | roads["road_class"].isin(classes)).tolist() if len(roads) else []
    gaps = analysis.lighting_gaps(
        roads.geometry.values, lamps.geometry.values, road_ids=roads["uuid"].tolist(), lamp_ids=ids,
        statuses=status.status, to_light=to_light, spacing=spacing, snap=snap, crs_is_geographic=False,
    ) if len(roads) else None  # fmt: skip
    lamp_road = (
        [roads["uuid"].iat[k] if k >= 0 else None for k in gaps.lamp_road] if gaps is not None else [None] * len(lamps)
    )
    clusters = analysis.outage_clusters(
        lamps.geometry.values, status.status, ids=ids, circuits=lamps["circuit"].tolist(),
        roads=[r or c for r, c in zip(lamp_road, lamps["road_uuid"].tolist(), strict=True)],
        out_since=status.out_since, distance=cluster_distance, min_lamps=min_lamps, crs_is_geographic=False,
    )  # fmt: skip
    kpis = analysis.lighting_kpis(
        status.status, days_out=status.days_out, owners=lamps["owner"].tolist(), clusters=clusters, gaps=gaps
    )
    if progress is not None:
        progress(70)
    con = gpkg.connect(workspace_path)
    try:
        rows = [(s, r or old_r, user, int(fid))
                for s, r, old_s, old_r, fid in zip(status.status, lamp_road, lamps["status"], lamps["road_uuid"], lamps.index, strict=True)
                if s != old_s or (r and r != old_r)]  # fmt: skip
        with con:
            con.executemany("UPDATE streetlights SET status = ?, road_uuid = ?, updated_by = ? WHERE fid = ?", rows)
    finally:
        con.close()
    return StatusRun(status=status, clusters=clusters, gaps=gaps, kpis=kpis, changed=len(rows))
