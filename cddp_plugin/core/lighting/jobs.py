"""Lighting jobs: the only code that changes streetlights in a workspace."""

from __future__ import annotations

from ..workspace import gpkg
from .lamps import LAMP_COLUMNS, LampReport


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
