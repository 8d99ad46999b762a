"""Lighting jobs: the only code that changes streetlights in a workspace."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from ..common.errors import CddpError
from ..common.i18n import translate
from ..workspace import gpkg
from . import analysis
from . import status as lighting_status
from .lamps import LAMP_COLUMNS, LampReport
from .status import DEFAULT_CLUSTER_DISTANCE, DEFAULT_MIN_LAMPS, DEFAULT_SNAP, DEFAULT_SPACING


def upsert_lamps(workspace_path: str, lamps, report: LampReport, user: str) -> LampReport:
    """Insert or update streetlights (matched by osm_id, else ref, else the same position within 0.5 m)."""
    import shapely

    if len(lamps) == 0:
        return report
    con = gpkg.connect(workspace_path)

    try:
        srs = gpkg.srs_id(con, "streetlights")
        by_osm, by_ref, points, fids = {}, {}, [], []
        for fid, osm_id, ref, blob in con.execute("SELECT fid, osm_id, ref, geom FROM streetlights"):
            if osm_id:
                by_osm[osm_id] = fid
            if ref:
                by_ref.setdefault(ref, fid)
            g = gpkg.from_blob(blob)
            if g is not None:
                points.append(g)
                fids.append(fid)
        tree = shapely.STRtree(points) if points else None
        cols = [c for c in LAMP_COLUMNS if c in lamps.columns]
        frame = lamps[cols].astype(object)
        values = frame.where(frame.notna(), None).to_numpy().tolist()
        blobs = gpkg.to_blobs(lamps.geometry.values, srs)
        inserts, updates = [], []
        for row, blob, geom in zip(values, blobs, lamps.geometry.values, strict=True):
            rec = dict(zip(cols, row, strict=True))
            fid = by_osm.get(rec.get("osm_id")) or by_ref.get(rec.get("ref"))
            if fid is None and tree is not None:
                near = tree.query(geom, predicate="dwithin", distance=0.5)
                fid = fids[near[0]] if len(near) else None
            if fid is not None:
                updates.append([*row, blob, user, fid])
            else:
                inserts.append([*row, blob, user])
        with con:
            gpkg.write_features(con, "streetlights", cols, inserts, updates)

        report.inserted, report.updated = len(inserts), len(updates)
    finally:
        con.close()
    return report


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
    import pyogrio

    lamps = pyogrio.read_dataframe(workspace_path, layer="streetlights", fid_as_index=True)
    roads = pyogrio.read_dataframe(workspace_path, layer="roads")
    faults = pyogrio.read_dataframe(workspace_path, layer="streetlight_faults", read_geometry=False)
    checks = pyogrio.read_dataframe(workspace_path, layer="streetlight_inspections", read_geometry=False)
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
