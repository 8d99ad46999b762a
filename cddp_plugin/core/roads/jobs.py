"""Road jobs: the only code that changes roads, road sections and their condition in a workspace."""

from __future__ import annotations

import logging
from collections.abc import Iterable
from dataclasses import dataclass, field

from ..common.errors import CddpError
from ..common.i18n import translate
from ..workspace import gpkg, plausibility
from . import matching, pavement
from . import pci as pci_curves
from .network import (
    DEFAULT_LANE_WIDTH_M,
    DEFAULT_SAMPLE_AREA_SQM,
    DEFAULT_SECTION_M,
    ROAD_COLUMNS,
    RoadReport,
    _geom_key,
    _py,
    normalise_osm_id,
    unique_road_keys,
)
from .pavement import PASER_BANDS
from .sections import _SECTION_COLUMNS, SAME_SECTION_TOLERANCE_M, SegmentReport, read_workspace_roads, segment_roads

log = logging.getLogger("cddp.core.roads.jobs")


@dataclass
class ConditionReport:
    sections: int = 0
    rated_pci: int = 0
    rated_paser: int = 0
    unrated: int = 0
    sample_units: int = 0
    distresses: int = 0
    changed: int = 0
    by_band: dict[str, int] = field(default_factory=dict)


def rate_sections(workspace_path: str, user: str) -> ConditionReport:
    """Compute and store every section's condition; returns counts."""
    import numpy as np
    import pandas as pd

    con = gpkg.connect(workspace_path)
    try:
        sections = pd.read_sql_query(
            "SELECT fid, uuid, section_id, area_sqm, paser, pci, condition_band, treatment, inspected_on FROM road_sections",
            con,
        )
        insp = pd.read_sql_query(
            "SELECT uuid, section_uuid, inspected_on, method, sample_unit, sample_area_sqm, paser FROM road_inspections",
            con,
        )
        dist = pd.read_sql_query(
            "SELECT fid, inspection_uuid, distress_type, severity, quantity, unit FROM road_distresses", con
        )
        report = ConditionReport(sections=len(sections))
        unknown = sorted(set(insp["section_uuid"].dropna()) - set(sections["uuid"]))
        if unknown:
            raise CddpError(
                translate("core", "{n} inspections name road sections that are not in the workspace (e.g. {example})."),
                n=len(unknown), example=unknown[0],
            )  # fmt: skip
        insp = insp.dropna(subset=["inspected_on"])
        latest = insp.groupby("section_uuid")["inspected_on"].transform("max")
        current = insp[insp["inspected_on"] == latest]
        pci_units = current[current["method"] == "pci"].copy()
        missing_area = pci_units[pci_units["sample_area_sqm"].isna() | (pci_units["sample_area_sqm"] <= 0)]
        if len(missing_area):
            raise CddpError(
                translate("core", "PCI inspection {inspection} (section {section}, {date}) has no sample-unit area; enter sample_area_sqm."),
                inspection=missing_area["uuid"].iat[0], section=missing_area["section_uuid"].iat[0], date=missing_area["inspected_on"].iat[0],
            )  # fmt: skip
        results: dict[str, dict] = {}
        if len(pci_units):
            unit_pos = {u: k for k, u in enumerate(pci_units["uuid"])}
            d = dist[dist["inspection_uuid"].isin(unit_pos)]
            pcis = pci_curves.pci_arrays(
                pci_units["sample_area_sqm"].tolist(), [unit_pos[u] for u in d["inspection_uuid"]],
                d["distress_type"].tolist(), d["severity"].tolist(), d["quantity"].tolist(), d["unit"].tolist(),
                unit_ids=pci_units["sample_unit"].fillna(pci_units["uuid"]).tolist(), record_ids=d["fid"].tolist(),
            )  # fmt: skip
            pci_units["pci"] = pcis
            report.sample_units, report.distresses = len(pci_units), len(d)
            for sec, grp in pci_units.groupby("section_uuid"):
                w = grp["sample_area_sqm"].to_numpy(float)
                pci = float(np.round(np.sum(grp["pci"].to_numpy() * w) / np.sum(w), 1))
                band = pavement.condition_band(pci)
                results[sec] = {"pci": pci, "paser": None, "condition_band": band,
                                "treatment": pavement.band_treatment(band), "inspected_on": grp["inspected_on"].iat[0]}  # fmt: skip
                report.rated_pci += 1
        paser = current[
            (current["method"] != "pci") & current["paser"].notna() & ~current["section_uuid"].isin(results)
        ]
        for sec, grp in paser.groupby("section_uuid"):
            rating = min(pavement.parse_paser(v) for v in grp["paser"])
            results[sec] = {"pci": None, "paser": rating, "condition_band": PASER_BANDS[rating],
                            "treatment": pavement.paser_treatment(rating), "inspected_on": grp["inspected_on"].iat[0]}  # fmt: skip
            report.rated_paser += 1
        report.unrated = report.sections - len(results)
        updates = []
        for row in sections.itertuples(index=False):
            r = results.get(row.uuid)
            if r is None:
                continue
            report.by_band[r["condition_band"]] = report.by_band.get(r["condition_band"], 0) + 1
            new = (r["paser"], r["pci"], r["condition_band"], r["treatment"], r["inspected_on"])
            old = (None if pd.isna(row.paser) else int(row.paser), None if pd.isna(row.pci) else float(row.pci),
                   row.condition_band, row.treatment, row.inspected_on)  # fmt: skip
            if new != old:
                updates.append([*new, user, int(row.fid)])
        with con:
            con.executemany(
                "UPDATE road_sections SET paser = ?, pci = ?, condition_band = ?, treatment = ?, inspected_on = ?, updated_by = ? WHERE fid = ?",
                updates,
            )
        report.changed = len(updates)
    finally:
        con.close()
    log.info("road condition: %d sections rated by PCI, %d by PASER", report.rated_pci, report.rated_paser)
    return report


def _update_changes(con, table: str) -> int:
    return con.execute("SELECT count(*) FROM cddp_changelog WHERE layer = ? AND op = 'update'", (table,)).fetchone()[0]


def upsert_roads(workspace_path: str, roads, report: RoadReport, user: str) -> RoadReport:
    """Insert new roads and update existing ones in one transaction, through the change log.

    A road is matched by its ``osm_id``, else its ``road_code``, else an identical geometry among the
    workspace roads that have neither; its uuid stays. Repeated ids or codes are matched one to one
    by geometry (identical first, then the nearest), never by their position in the file
    (:func:`.matching.assign`); ``report.matched_by`` counts the matches per key. Updates write only
    ``report.columns`` and never replace a value by a missing one (None, or surface ``unknown``), so
    a file without a column never blanks it; inserts write every road column. Re-importing the same
    file changes nothing. Roads far outside the municipality are counted in ``report.far_outside``
    (:mod:`..workspace.plausibility`); when all of them are, nothing is written.
    """
    plaus = plausibility.check_geometries(workspace_path, roads.geometry.values, report.layer or "roads")
    report.plausibility, report.far_outside = plaus, plaus.outside
    con = gpkg.connect(workspace_path)
    try:
        srs = gpkg.srs_id(con, "roads")
        # match under the write lock, so a row another program adds meanwhile is matched, not duplicated
        # (committed by the ``with con`` below; rolled back by close() if anything fails before it)
        con.execute("BEGIN IMMEDIATE")
        by_key: dict[tuple, list[int]] = {}
        ex_hash: dict[int, str | None] = {}
        ex_blob: dict[int, bytes] = {}
        for fid, oid, code, blob in con.execute("SELECT fid, osm_id, road_code, geom FROM roads ORDER BY fid"):
            oid = normalise_osm_id(oid)
            ex_hash[fid], ex_blob[fid] = _geom_key(blob), blob
            if oid:
                by_key.setdefault(("osm", oid), []).append(fid)
            if code:
                by_key.setdefault(("code", code), []).append(fid)
            if not oid and not code and ex_hash[fid]:
                by_key.setdefault(("geom", ex_hash[fid]), []).append(fid)
        blobs = gpkg.to_blobs(roads.geometry.values, srs)
        in_hash = [_geom_key(b) for b in blobs]
        values = [[_py(v) for v in row] for row in roads[list(ROAD_COLUMNS)].itertuples(index=False, name=None)]
        at = {c: i for i, c in enumerate(ROAD_COLUMNS)}
        geoms = list(roads.geometry.values)

        def existing(f):
            return gpkg.from_blob(ex_blob[f])

        candidates = []
        for priority, (prefix, kind, keys) in enumerate((
            ("osm", "osm_id", [r[at["osm_id"]] for r in values]),
            ("code", "road_code", [r[at["road_code"]] for r in values]),
            ("geom", "geometry", in_hash),
        )):  # fmt: skip
            pools = {k[1]: v for k, v in by_key.items() if k[0] == prefix}
            candidates += matching.keyed_candidates(keys, pools, priority, kind, geoms, existing)
        matched = matching.assign(candidates, geoms, existing,
                                  lambda i, f: in_hash[i] is not None and in_hash[i] == ex_hash[f])  # fmt: skip
        update_cols = [c for c in ROAD_COLUMNS if c in (report.columns or ROAD_COLUMNS)]
        inserts, updates, report.matched_by = matching.split_matched(
            values, blobs, matched, update_cols, at, user, ("surface", "unknown")
        )
        with con:
            before = _update_changes(con, "roads")
            gpkg.write_features(con, "roads", ROAD_COLUMNS, inserts, updates, update_columns=update_cols,
                                keep_when_null=set(update_cols))  # fmt: skip

            report.changed = _update_changes(con, "roads") - before
        report.inserted, report.updated = len(inserts), len(updates)
    finally:
        con.close()
    log.info("roads: %d inserted, %d updated (%d changed)", report.inserted, report.updated, report.changed)
    return report


# the rows that point at road sections: (table, id column, filter on the asset layer)
SECTION_REFERENCES = (
    ("road_inspections", "section_uuid", ""),
    ("complaints", "asset_uuid", " AND (asset_layer = 'road_sections' OR asset_layer IS NULL)"),
    ("work_orders", "asset_uuid", " AND (asset_layer = 'road_sections' OR asset_layer IS NULL)"),
)


def write_sections(workspace_path: str, sections, report: SegmentReport, user: str,
                   replace_inspected: bool = False) -> SegmentReport:  # fmt: skip
    """Replace the sections of the roads ``report.road_uuids`` by ``sections``, in one transaction
    through the change log.

    An old section with the same id and both chainages within :data:`SAME_SECTION_TOLERANCE_M` is
    updated in place (uuid, PASER/PCI, band, treatment, inspection date and inspections kept; its
    surface only if it had none). The other old sections of those roads are deleted — refused with
    a :class:`CddpError` if any carries a rating or inspections, unless ``replace_inspected``.

    Nothing is left pointing at a deleted section (:data:`SECTION_REFERENCES`): its inspections,
    complaints and work orders move to the new section of the same road at their location — the
    complaint's or order's point, else the old section's midpoint; between equally near sections the
    one sharing most of the old section's line, then the lower chainage (:func:`_new_section_for`).
    Complaints get their new distance. ``report.moved`` counts the rows moved per table. All of it
    is read and written under one write lock, so a reference added meanwhile is moved too.
    """
    import uuid as uuid_module

    con = gpkg.connect(workspace_path)
    try:
        srs = gpkg.srs_id(con, "road_sections")
        with con:
            con.execute("BEGIN IMMEDIATE")  # read what is replaced under the same lock as the write
            roads = set(report.road_uuids)
            old: dict[str, tuple] = {}
            elsewhere: dict[str, str] = {}
            for fid, uuid, road, sid, a, b, rated, blob in con.execute(
                "SELECT s.fid, s.uuid, s.road_uuid, s.section_id, s.chainage_from_m, s.chainage_to_m,"
                " (s.paser IS NOT NULL OR s.pci IS NOT NULL OR s.condition_band IS NOT NULL OR s.inspected_on IS NOT NULL"
                "  OR EXISTS (SELECT 1 FROM road_inspections i WHERE i.section_uuid = s.uuid)), s.geom"
                " FROM road_sections s"
            ):
                if road in roads:
                    old[sid] = (fid, uuid, road, a, b, bool(rated), blob)
                elif sid is not None:
                    elsewhere[sid] = road
            clash = [s for s in sections["section_id"] if s in elsewhere]
            if clash:
                raise CddpError(
                    translate("core", "Section id {section} already belongs to another road ({road}); give the roads distinct road codes."),
                    section=clash[0],
                    road=elsewhere[clash[0]],
                )  # fmt: skip
            blobs = gpkg.to_blobs(sections.geometry.values, srs)
            values = [
                [_py(v) for v in row] for row in sections[list(_SECTION_COLUMNS)].itertuples(index=False, name=None)
            ]
            kept, inserts, updates = set(), [], []
            new_by_road: dict[str, list[tuple]] = {}  # road uuid → (section uuid, chainage from, line)
            for row, blob, line in zip(values, blobs, sections.geometry.values, strict=True):
                road, sid, a, b = row[0], row[1], row[2], row[3]
                prev = old.get(sid)
                tol = SAME_SECTION_TOLERANCE_M
                if prev and prev[2] == road and prev[3] is not None and prev[4] is not None \
                        and abs(prev[3] - a) < tol and abs(prev[4] - b) < tol:  # fmt: skip
                    kept.add(sid)
                    updates.append([a, b, row[4], row[5], row[6], blob, user, prev[0]])
                    new_uuid = prev[1]
                else:
                    new_uuid = str(uuid_module.uuid4())
                    inserts.append([*row, new_uuid, blob, user])
                new_by_road.setdefault(road, []).append((new_uuid, a, line))
            gone = [(sid, v) for sid, v in old.items() if sid not in kept]
            rated = [sid for sid, v in gone if v[5]]
            if rated and not replace_inspected:
                raise CddpError(
                    translate("core", "Re-segmenting would delete {n} sections that have ratings or inspections ({sections}). Segment with the same parameters to keep them, or confirm that they may be replaced."),
                    n=len(rated),
                    sections=", ".join(sorted(rated)[:10]) + (" …" if len(rated) > 10 else ""),
                )  # fmt: skip
            moves = _moved_references(con, {v[1]: (sid, v) for sid, v in gone}, new_by_road)
            before = _update_changes(con, "road_sections")
            con.executemany("DELETE FROM road_sections WHERE fid = ?", [(v[0],) for _, v in gone])
            con.executemany(
                "UPDATE road_sections SET chainage_from_m = ?, chainage_to_m = ?, length_m = ?, area_sqm = ?,"
                " surface = CASE WHEN surface IS NULL OR surface = 'unknown' THEN ? ELSE surface END,"
                " geom = ?, updated_by = ? WHERE fid = ?",
                updates,
            )
            placeholders = ", ".join("?" for _ in range(len(_SECTION_COLUMNS) + 3))
            con.executemany(
                f"INSERT INTO road_sections ({', '.join(_SECTION_COLUMNS)}, uuid, geom, updated_by) VALUES ({placeholders})",
                inserts,
            )
            report.changed = _update_changes(con, "road_sections") - before
            report.moved = {}
            for table, column, _where in SECTION_REFERENCES:
                rows = moves.get(table, [])
                if table == "complaints":
                    con.executemany(
                        "UPDATE complaints SET asset_uuid = ?, asset_layer = 'road_sections',"
                        " asset_distance_m = coalesce(?, asset_distance_m), updated_by = ? WHERE fid = ?",
                        [(u, d, user, fid) for fid, u, d in rows],
                    )
                else:
                    con.executemany(
                        f"UPDATE {table} SET {column} = ?, updated_by = ? WHERE fid = ?",
                        [(u, user, fid) for fid, u, _d in rows],
                    )
                report.moved[table] = len(rows)
            _check_no_dangling(con, [v[1] for _, v in gone])
        report.inserted, report.updated, report.deleted = len(inserts), len(updates), len(gone)
    finally:
        con.close()
    log.info("road sections: %d inserted, %d kept, %d deleted; moved %s", report.inserted, report.updated,
             report.deleted, report.moved)  # fmt: skip
    return report


def _moved_references(con, gone: dict[str, tuple], new_by_road: dict[str, list[tuple]]) -> dict[str, list[tuple]]:
    """``{table: [(fid, new section uuid, new distance or None)]}`` for every row pointing at a section
    in ``gone`` (uuid → (section id, old row)); refuses, listing them, when one has nowhere to go."""
    import shapely

    if not gone:
        return {}
    con.execute("CREATE TEMP TABLE IF NOT EXISTS cddp_gone_sections (uuid TEXT PRIMARY KEY)")
    con.execute("DELETE FROM temp.cddp_gone_sections")
    con.executemany("INSERT INTO temp.cddp_gone_sections VALUES (?)", [(u,) for u in gone])
    old_lines: dict[str, object] = {}
    moves: dict[str, list[tuple]] = {}
    stranded: list[str] = []
    for table, column, where in SECTION_REFERENCES:
        has_geom = table != "road_inspections"
        sql = (f"SELECT fid, {column}, {'geom' if has_geom else 'NULL'} FROM {table}"
               f" WHERE {column} IN (SELECT uuid FROM temp.cddp_gone_sections){where}")  # fmt: skip
        for fid, ref, blob in con.execute(sql).fetchall():
            sid, v = gone[ref]
            if ref not in old_lines:
                old_lines[ref] = gpkg.from_blob(v[6])
            point = gpkg.from_blob(blob) if blob is not None else None
            if point is not None and point.is_empty:
                point = None
            target = _new_section_for(old_lines[ref], point, new_by_road.get(v[2], []))
            if target is None:
                stranded.append(f"{table} {fid} ({sid})")
                continue
            new_uuid, line = target
            dist = round(float(shapely.distance(point, line)), 2) if point is not None and has_geom else None
            moves.setdefault(table, []).append((fid, new_uuid, dist))
    con.execute("DROP TABLE temp.cddp_gone_sections")
    if stranded:
        raise CddpError(
            translate("core", "Re-segmenting would leave {n} records pointing at deleted road sections, with no new section of their road to move them to: {records}. Nothing was changed; check those roads' geometry."),
            n=len(stranded), records=", ".join(stranded[:10]) + (" …" if len(stranded) > 10 else ""),
        )  # fmt: skip
    return moves


def _new_section_for(old_line, point, candidates: list[tuple]):
    """(uuid, line) of the new section that takes over a reference to ``old_line``: the nearest to
    ``point`` (else to the old section's midpoint); ties go to the one sharing most of the old line,
    then to the lower chainage. None when there is no candidate."""
    import shapely

    if not candidates:
        return None
    at = point
    if at is None and old_line is not None and not old_line.is_empty:
        at = old_line.interpolate(0.5, normalized=True)
    lines = [c[2] for c in candidates]
    if at is None:
        return (candidates[0][0], lines[0])
    d = shapely.distance(at, lines)
    near = [k for k in range(len(candidates)) if d[k] <= d.min() + 0.01]
    if len(near) > 1 and old_line is not None and not old_line.is_empty:
        zone = old_line.buffer(0.5)
        overlap = {k: shapely.intersection(lines[k], zone).length for k in near}
        near.sort(key=lambda k: (-round(overlap[k], 2), candidates[k][1]))
    else:
        near.sort(key=lambda k: candidates[k][1])
    k = near[0]
    return candidates[k][0], lines[k]


def _check_no_dangling(con, gone_uuids: list[str]) -> None:
    """Last guard, inside the transaction: no row may still point at a deleted section."""
    if not gone_uuids:
        return
    for table, column, _where in SECTION_REFERENCES:
        n = 0
        for start in range(0, len(gone_uuids), 500):
            chunk = gone_uuids[start : start + 500]
            n += con.execute(
                f"SELECT count(*) FROM {table} WHERE {column} IN ({','.join('?' * len(chunk))})", chunk
            ).fetchone()[0]
        if n:
            raise CddpError(
                translate("core", "Re-segmenting would leave {n} rows of {table} pointing at deleted road sections; nothing was changed."),
                n=n, table=table,
            )  # fmt: skip


def segment_workspace_roads(workspace_path: str, road_uuids: Iterable[str] | None = None, mode: str = "length",
                            length_m: float = DEFAULT_SECTION_M, target_area_sqm: float = DEFAULT_SAMPLE_AREA_SQM,
                            lane_width_m: float = DEFAULT_LANE_WIDTH_M, default_width_m: float | None = None,
                            user: str = "", replace_inspected: bool = False) -> SegmentReport:  # fmt: skip
    """Segment the workspace's roads (all, or those with the given uuids) and replace their sections
    (:func:`segment_roads` + :func:`write_sections`). Keys are made unique over all workspace roads."""
    roads = read_workspace_roads(workspace_path)
    if roads.empty:
        raise CddpError(translate("core", "The workspace has no roads; import roads first."))
    keys = unique_road_keys(zip(roads["osm_id"], roads["road_code"], roads["uuid"], strict=True))
    if road_uuids is not None:
        wanted = [str(u) for u in road_uuids]
        known = set(roads["uuid"])
        missing = [u for u in wanted if u not in known]
        if missing:
            raise CddpError(
                translate("core", "No road with uuid {uuid} in the workspace."),
                uuid=", ".join(missing[:5]) + (" …" if len(missing) > 5 else ""),
            )
        mask = roads["uuid"].isin(set(wanted)).to_numpy()
        roads = roads.loc[mask]
        keys = [k for k, m in zip(keys, mask, strict=True) if m]
    sections, report = segment_roads(roads, mode, length_m, target_area_sqm, lane_width_m, default_width_m, keys)
    return write_sections(workspace_path, sections, report, user, replace_inspected)
