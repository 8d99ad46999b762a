"""Land jobs: the only code that changes parcels and households (and their links) in a workspace."""

from __future__ import annotations

import logging

from ..workspace import gpkg
from .households import HOUSEHOLD_COLUMNS, HouseholdReport
from .parcels import PARCEL_COLUMNS, ParcelReport, _geom_key

log = logging.getLogger("cddp.core.land.jobs")

LINK_FIELDS = ("parcel_id", "link_method", "link_confidence", "link_distance_m", "link_candidates")


def upsert_households(workspace_path: str, households, report: HouseholdReport, user: str) -> HouseholdReport:
    """Insert households, updating those whose house code is already in the workspace (uuid and links kept)."""
    con = gpkg.connect(workspace_path)
    try:
        srs = gpkg.srs_id(con, "households")
        existing = dict(con.execute("SELECT house_code, fid FROM households WHERE house_code IS NOT NULL"))
        blobs = gpkg.to_blobs(households.geometry.values, srs)
        cols = list(HOUSEHOLD_COLUMNS)
        frame = households[cols].astype(object)
        values = frame.where(frame.notna(), None).to_numpy().tolist()
        inserts, updates = [], []
        for row, blob in zip(values, blobs, strict=True):
            fid = existing.get(row[0]) if row[0] else None
            if fid is not None:
                updates.append([*row, blob, user, fid])
            else:
                inserts.append([*row, blob, user])
        with con:
            gpkg.write_features(con, "households", cols, inserts, updates, keep_when_null={"geom"})

        report.inserted, report.updated = len(inserts), len(updates)
    finally:
        con.close()
    return report


def upsert_parcels(workspace_path: str, parcels, report: ParcelReport, user: str) -> ParcelReport:
    """Insert new parcels and update existing ones in one transaction; re-importing never duplicates.

    A parcel is matched by its parcel code — the n-th input parcel with a code updates the n-th
    workspace parcel with that code, so duplicated codes in real data stay stable across re-imports —
    and a parcel without a code by its identical geometry. The uuid of an updated parcel stays; every
    change goes through the workspace's change log.
    """
    con = gpkg.connect(workspace_path)
    try:
        srs = gpkg.srs_id(con, "parcels")
        existing: dict[tuple, int] = {}
        occurrences: dict[str, int] = {}
        for fid, code, blob in con.execute("SELECT fid, parcel_code, geom FROM parcels ORDER BY fid"):
            if code:
                n = occurrences[code] = occurrences.get(code, 0) + 1
                existing[("code", code, n)] = fid
            else:
                existing.setdefault(("geom", _geom_key(blob)), fid)
        blobs = gpkg.to_blobs(parcels.geometry.values, srs)
        cols = [c for c in PARCEL_COLUMNS if c in parcels.columns]
        values = parcels[cols].astype(object).where(parcels[cols].notna(), None).to_numpy().tolist()
        code_at = cols.index("parcel_code")
        inserts, updates = [], []
        seen: dict[str, int] = {}
        for row, blob in zip(values, blobs, strict=True):
            code = row[code_at]
            if code:
                n = seen[code] = seen.get(code, 0) + 1
                fid = existing.get(("code", code, n))
            else:
                fid = existing.get(("geom", _geom_key(blob)))
            if fid is not None:
                updates.append([*row, blob, user, fid])
            else:
                inserts.append([*row, blob, user])
        with con:
            gpkg.write_features(con, "parcels", cols, inserts, updates)

        report.inserted, report.updated = len(inserts), len(updates)
    finally:
        con.close()
    log.info("parcels: %d inserted, %d updated", report.inserted, report.updated)
    return report


def write_household_links(workspace_path: str, links, user: str) -> int:
    """Write household → parcel links into the workspace's households in one transaction; returns how many changed.

    ``links`` is a DataFrame indexed by the households' fid with the :data:`LINK_FIELDS` columns (as
    :func:`linking.link_households` fills them; a manual link comes back from it unchanged). Only a
    household whose link fields differ from the stored ones is updated, through the change log.
    """
    import numpy as np

    con = gpkg.connect(workspace_path)
    try:
        current = {r[0]: r[1:] for r in con.execute(f"SELECT fid, {', '.join(LINK_FIELDS)} FROM households")}
        rows = []
        conf = links["link_confidence"].to_numpy()
        dist = links["link_distance_m"].to_numpy()
        for k, fid in enumerate(links.index):
            new = (
                links["parcel_id"].iat[k], links["link_method"].iat[k],
                None if np.isnan(conf[k]) else float(conf[k]), None if np.isnan(dist[k]) else float(dist[k]),
                links["link_candidates"].iat[k],
            )  # fmt: skip
            if current.get(int(fid)) != new:
                rows.append([*new, user, int(fid)])
        with con:
            con.executemany(
                f"UPDATE households SET {', '.join(f + ' = ?' for f in LINK_FIELDS)}, updated_by = ? WHERE fid = ?",
                rows,
            )
    finally:
        con.close()
    log.info("household links: %d changed", len(rows))
    return len(rows)
