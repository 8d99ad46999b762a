"""Land jobs: the only code that changes parcels and households (and their links) in a workspace."""

from __future__ import annotations

import logging
from dataclasses import dataclass

from ..common.errors import CddpError
from ..common.i18n import translate
from ..workspace import gpkg, plausibility
from . import reimport
from .households import HOUSEHOLD_COLUMNS, HouseholdReport
from .parcels import PARCEL_COLUMNS, ParcelReport

log = logging.getLogger("cddp.core.land.jobs")

LINK_FIELDS = ("parcel_id", "link_method", "link_confidence", "link_distance_m", "link_candidates")


def upsert_households(workspace_path: str, households, report: HouseholdReport, user: str, *,
                      clear_empty: bool = False,
                      match_distance: float = reimport.MATCH_DISTANCE_M) -> HouseholdReport:  # fmt: skip
    """Insert new households and change matched ones, in one transaction (uuid and links kept).

    Matching and what may change follow :mod:`.reimport`: by house code, else location + house
    number, else house number + village; only the columns the input carries change (an empty cell
    only with ``clear_empty``); rows whose values are already stored are not written, so re-importing
    the same file adds nothing to the change log. Households far outside the municipality are counted
    in ``report.far_outside``; when all of them are, nothing is written (:mod:`..workspace.plausibility`).
    """
    import shapely

    if not 0 <= match_distance <= reimport.MAX_MATCH_DISTANCE_M:
        raise CddpError(
            translate(
                "core", "The match distance {distance} m is outside 0–{max} m; give a distance within that range."
            ),
            distance=match_distance,
            max=reimport.MAX_MATCH_DISTANCE_M,
        )
    plaus = plausibility.check_geometries(workspace_path, households.geometry.values, report.layer or "households")
    report.plausibility, report.far_outside = plaus, plaus.outside
    cols = list(HOUSEHOLD_COLUMNS)
    carried = set(report.carried)
    frame = households[cols].astype(object)
    values = frame.where(frame.notna(), None).to_numpy().tolist()
    geoms = [None if g is None or shapely.is_missing(g) or g.is_empty else g for g in households.geometry.values]
    con = gpkg.connect(workspace_path)
    try:
        srs = gpkg.srs_id(con, "households")
        blobs = gpkg.to_blobs(households.geometry.values, srs)
        with con:
            con.execute("BEGIN IMMEDIATE")  # read and write in one transaction: no edit slips in between
            stored = {r[0]: r[1:] for r in con.execute(f"SELECT fid, {', '.join(cols)}, geom FROM households")}
            keys = [(fid, v[0], v[1], v[2], gpkg.from_blob(v[-1])) for fid, v in stored.items()]
            fids, methods = reimport.match_households(
                [v[0] for v in values], [v[1] for v in values], [v[2] for v in values], geoms, keys,
                "house_no" in carried, match_distance,
            )  # fmt: skip
            inserts, updates, unchanged, counts = reimport.plan_writes(
                cols, values, blobs, fids, methods, stored, carried, clear_empty, user, ("code", "location", "number")
            )
            gpkg.write_features(con, "households", cols, inserts, updates, keep_when_null={"geom"})
        report.inserted, report.updated, report.unchanged = len(inserts), len(updates), unchanged
        report.matched_by_code, report.matched_by_location = counts["code"], counts["location"]
        report.matched_by_number = counts["number"]
    finally:
        con.close()
    log.info("households: %d inserted, %d updated, %d unchanged", report.inserted, report.updated, report.unchanged)
    return report


def upsert_parcels(workspace_path: str, parcels, report: ParcelReport, user: str, *,
                   clear_empty: bool = False) -> ParcelReport:  # fmt: skip
    """Insert new parcels and change matched ones in one transaction; re-importing never duplicates.

    A parcel is matched by its parcel code and, where a code is repeated (in the file or the
    workspace) or missing, by its shape — never by its position in the file (:mod:`.reimport`). The
    uuid of a matched parcel stays; only the columns the input carries change (an empty cell only with
    ``clear_empty``), and parcels whose values and shape are already stored are not written. Parcels
    far outside the municipality are counted in ``report.far_outside``; when all of them are, nothing
    is written (:mod:`..workspace.plausibility`).
    """
    plaus = plausibility.check_geometries(workspace_path, parcels.geometry.values, report.layer or "parcels")
    report.plausibility, report.far_outside = plaus, plaus.outside
    con = gpkg.connect(workspace_path)
    try:
        srs = gpkg.srs_id(con, "parcels")
        blobs = gpkg.to_blobs(parcels.geometry.values, srs)
        cols = list(PARCEL_COLUMNS)
        frame = parcels.reindex(columns=cols).astype(object)
        values = frame.where(frame.notna(), None).to_numpy().tolist()
        carried = set(report.carried) if report.carried else {c for c in cols if c in parcels.columns}
        code_at = cols.index("parcel_code")
        with con:
            con.execute("BEGIN IMMEDIATE")  # read and write in one transaction: no edit slips in between
            stored = {
                r[0]: r[1:] for r in con.execute(f"SELECT fid, {', '.join(cols)}, geom FROM parcels ORDER BY fid")
            }
            fids, methods = reimport.match_parcels(
                [row[code_at] for row in values],
                list(parcels.geometry.values),
                blobs,
                [(fid, v[code_at], v[-1]) for fid, v in stored.items()],
            )
            inserts, updates, unchanged, counts = reimport.plan_writes(
                cols, values, blobs, fids, methods, stored, carried, clear_empty, user, ("code", "shape")
            )
            gpkg.write_features(con, "parcels", cols, inserts, updates, keep_when_null={"geom"})
        report.inserted, report.updated, report.unchanged = len(inserts), len(updates), unchanged
        report.matched_by_code, report.matched_by_shape = counts["code"], counts["shape"]
    finally:
        con.close()
    log.info("parcels: %d inserted, %d updated, %d unchanged", report.inserted, report.updated, report.unchanged)
    return report


@dataclass
class LinkWrite:
    """What :func:`write_household_links` did: links changed, and links left alone because an officer
    set, changed or removed a manual link while the links were being computed."""

    changed: int = 0
    skipped_manual: int = 0


def write_household_links(workspace_path: str, links, user: str) -> LinkWrite:
    """Write household → parcel links into the workspace's households in one transaction.

    ``links`` is a DataFrame indexed by the households' fid with the :data:`LINK_FIELDS` columns (as
    :func:`linking.link_households` fills them; a manual link comes back from it unchanged). Only a
    household whose link fields differ from the stored ones is updated, through the change log.

    Manual links are never overwritten, also when an officer saves one while the links were being
    computed: the stored links are read again inside the write's transaction (``BEGIN IMMEDIATE``: no
    other program can write between that read and the commit), and a household that is manual now, or
    was manual when the links were computed and no longer is, keeps what is stored (counted in
    ``skipped_manual``); only a manual link's missing confidence is filled in. Every parcel id written
    must be a parcel of this workspace, else nothing is written.
    """
    import numpy as np

    from .linking import MANUAL

    con = gpkg.connect(workspace_path)
    report = LinkWrite()
    try:
        conf, dist = (  # whole arrays: NaN → None, the rest Python floats
            np.where(np.isnan(a), None, a).tolist()
            for a in (links[c].to_numpy(dtype=float) for c in ("link_confidence", "link_distance_m"))
        )
        # whole columns as lists: a pandas lookup per row and column costs more than the write
        parcel_ids, methods, candidates = (
            [None if isinstance(v, float) and np.isnan(v) else v for v in links[c].tolist()]
            for c in ("parcel_id", "link_method", "link_candidates")
        )
        con.execute("BEGIN IMMEDIATE")  # the write lock first: what is read below cannot change before the commit
        try:
            current = {r[0]: r[1:] for r in con.execute(f"SELECT fid, {', '.join(LINK_FIELDS)} FROM households")}
            rows, parcels = [], {}
            now = gpkg.now_utc()  # updated_at given: the change log needs no second write of the row
            fids = [int(fid) for fid in links.index.tolist()]
            for fid, new in zip(fids, zip(parcel_ids, methods, conf, dist, candidates, strict=True), strict=True):
                stored = current.get(fid)
                if stored is None or stored == new:
                    continue  # deleted meanwhile, or unchanged
                if stored[1] == MANUAL or new[1] == MANUAL:
                    if not (stored[1] == new[1] == MANUAL and stored[0] == new[0]):
                        report.skipped_manual += 1  # an officer's link, set or changed since it was read
                        continue
                elif new[0] is not None:
                    parcels.setdefault(new[0], fid)
                rows.append((*new, user, now, fid))
            if parcels:
                known = {r[0] for r in con.execute("SELECT uuid FROM parcels WHERE uuid IS NOT NULL")}
                unknown = [p for p in parcels if p not in known]
                if unknown:
                    raise CddpError(
                        translate(
                            "core",
                            "{n} parcel ids of the links are not parcels of the workspace {path} (e.g. {examples}); nothing was written. Link against the workspace's own parcels layer, or write the links to an output only.",
                        ),
                        n=len(unknown),
                        path=workspace_path,
                        examples=", ".join(map(str, unknown[:3])),
                    )
            gpkg.update_logged(con, "households", [*LINK_FIELDS, "updated_by", "updated_at"], rows)
            con.commit()
        except BaseException:
            con.rollback()
            raise
        report.changed = len(rows)
    finally:
        con.close()
    log.info("household links: %d changed, %d manual links kept", report.changed, report.skipped_manual)
    return report


def write_villages(workspace_path: str, villages, report, user: str, *, kind: str | None = None):
    """Insert new village / community zones and change matched ones, in one transaction.

    ``villages`` and ``report`` come from :func:`.villages.prepare_villages`. A zone is matched by its
    tambon code and number (:func:`.villages.match_villages`); only the columns the input carries
    change, zones already up to date are not written (no change-log entry), and stored zones the file
    does not have are kept (counted in ``report.kept``). ``kind`` (a key of :data:`.villages.KINDS`)
    labels what the zones are in ``cddp_meta``, written in the same transaction and only when it
    differs; None keeps the stored label. Zones far outside the municipality are counted in
    ``report.far_outside``; when all of them are, nothing is written.
    """
    from . import villages as zones

    kind = zones.check_kind(kind)
    plaus = plausibility.check_geometries(workspace_path, villages.geometry.values, report.layer or "villages")
    report.plausibility, report.far_outside = plaus, plaus.outside
    cols = list(zones.VILLAGE_COLUMNS)
    frame = villages.reindex(columns=cols).astype(object)
    values = frame.where(frame.notna(), None).to_numpy().tolist()
    values = [[int(v[0]), *v[1:]] for v in values]
    carried = set(report.carried)
    con = gpkg.connect(workspace_path)
    try:
        blobs = gpkg.to_blobs(villages.geometry.values, gpkg.srs_id(con, "villages"))
        with con:
            con.execute("BEGIN IMMEDIATE")  # read and write in one transaction: no edit slips in between
            stored = {
                r[0]: r[1:] for r in con.execute(f"SELECT fid, {', '.join(cols)}, geom FROM villages ORDER BY fid")
            }
            fids, methods = zones.match_villages(
                [(v[3], v[0]) for v in values], [(fid, s[3], s[0]) for fid, s in stored.items()]
            )
            inserts, updates, unchanged, _counts = reimport.plan_writes(
                cols, values, blobs, fids, methods, stored, carried, False, user, ("number",)
            )
            gpkg.write_features(con, "villages", cols, inserts, updates, keep_when_null={"geom"})
            row = con.execute("SELECT value FROM cddp_meta WHERE key = ?", (zones.ZONE_KIND_KEY,)).fetchone()
            if kind is not None and (row is None or row[0] != kind):
                con.execute("INSERT OR REPLACE INTO cddp_meta (key, value) VALUES (?, ?)", (zones.ZONE_KIND_KEY, kind))
                report.kind_changed = True
            report.kind = kind or (row[0] if row else zones.DEFAULT_KIND)
        report.inserted, report.updated, report.unchanged = len(inserts), len(updates), unchanged
        report.kept = len(set(stored) - {f for f in fids if f is not None})
    finally:
        con.close()
    log.info("villages: %d inserted, %d updated, %d unchanged", report.inserted, report.updated, report.unchanged)
    return report
