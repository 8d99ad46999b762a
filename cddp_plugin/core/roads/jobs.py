"""Road jobs: the only code that changes roads, road sections and their condition in a workspace."""

from __future__ import annotations

import logging
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field

from ..common.errors import CddpError
from ..common.i18n import translate
from ..workspace import gpkg
from . import pavement
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

    A road is matched by its ``osm_id``, else its ``road_code`` (the n-th input road with a code
    updates the n-th workspace road with it, so duplicated codes stay stable), else an identical
    geometry among the workspace roads that have neither; its uuid stays. Updates write only ``report.columns`` and never replace a value by a
    missing one (None, or surface ``unknown``); inserts write every road column.
    """
    con = gpkg.connect(workspace_path)
    try:
        srs = gpkg.srs_id(con, "roads")
        existing: dict[tuple, int] = {}
        seen_osm: Counter = Counter()
        seen_code: Counter = Counter()
        for fid, oid, code, blob in con.execute("SELECT fid, osm_id, road_code, geom FROM roads ORDER BY fid"):
            oid = normalise_osm_id(oid)
            if oid:
                seen_osm[oid] += 1
                existing[("osm", oid, seen_osm[oid])] = fid
            if code:
                seen_code[code] += 1
                existing[("code", code, seen_code[code])] = fid
            if not oid and not code:
                existing.setdefault(("geom", _geom_key(blob)), fid)
        blobs = gpkg.to_blobs(roads.geometry.values, srs)
        values = [[_py(v) for v in row] for row in roads[list(ROAD_COLUMNS)].itertuples(index=False, name=None)]
        at = {c: i for i, c in enumerate(ROAD_COLUMNS)}
        update_cols = [c for c in ROAD_COLUMNS if c in (report.columns or ROAD_COLUMNS)]
        inserts, updates, used = [], [], set()
        in_osm: Counter = Counter()
        in_code: Counter = Counter()
        for row, blob in zip(values, blobs, strict=True):
            oid, code = row[at["osm_id"]], row[at["road_code"]]
            candidates = []
            if oid:
                in_osm[oid] += 1
                candidates.append(("osm", oid, in_osm[oid]))
            if code:
                in_code[code] += 1
                candidates.append(("code", code, in_code[code]))
            candidates.append(("geom", _geom_key(blob)))
            fid = next((existing[k] for k in candidates if k in existing and existing[k] not in used), None)
            if fid is None:
                inserts.append([*row, blob, user])
                continue
            used.add(fid)
            params = [None if c == "surface" and row[at[c]] == "unknown" else row[at[c]] for c in update_cols]
            updates.append([*params, blob, user, fid])
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


def write_sections(workspace_path: str, sections, report: SegmentReport, user: str,
                   replace_inspected: bool = False) -> SegmentReport:  # fmt: skip
    """Replace the sections of the roads ``report.road_uuids`` by ``sections``, in one transaction
    through the change log.

    An old section with the same id and both chainages within :data:`SAME_SECTION_TOLERANCE_M` is
    updated in place (uuid, PASER/PCI, band, treatment, inspection date and inspections kept; its
    surface only if it had none). The other old sections of those roads are deleted — refused with
    a :class:`CddpError` if any carries a rating or inspections, unless ``replace_inspected``.
    """
    con = gpkg.connect(workspace_path)
    try:
        srs = gpkg.srs_id(con, "road_sections")
        roads = set(report.road_uuids)
        old: dict[str, tuple] = {}
        elsewhere: dict[str, str] = {}
        for fid, uuid, road, sid, a, b, rated in con.execute(
            "SELECT s.fid, s.uuid, s.road_uuid, s.section_id, s.chainage_from_m, s.chainage_to_m,"
            " (s.paser IS NOT NULL OR s.pci IS NOT NULL OR s.condition_band IS NOT NULL OR s.inspected_on IS NOT NULL"
            "  OR EXISTS (SELECT 1 FROM road_inspections i WHERE i.section_uuid = s.uuid))"
            " FROM road_sections s"
        ):
            if road in roads:
                old[sid] = (fid, uuid, road, a, b, bool(rated))
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
        values = [[_py(v) for v in row] for row in sections[list(_SECTION_COLUMNS)].itertuples(index=False, name=None)]
        kept, inserts, updates = set(), [], []
        for row, blob in zip(values, blobs, strict=True):
            road, sid, a, b = row[0], row[1], row[2], row[3]
            prev = old.get(sid)
            tol = SAME_SECTION_TOLERANCE_M
            if prev and prev[2] == road and prev[3] is not None and prev[4] is not None \
                    and abs(prev[3] - a) < tol and abs(prev[4] - b) < tol:  # fmt: skip
                kept.add(sid)
                updates.append([a, b, row[4], row[5], row[6], blob, user, prev[0]])
            else:
                inserts.append([*row, blob, user])
        gone = [(sid, v) for sid, v in old.items() if sid not in kept]
        rated = [sid for sid, v in gone if v[5]]
        if rated and not replace_inspected:
            raise CddpError(
                translate("core", "Re-segmenting would delete {n} sections that have ratings or inspections ({sections}). Segment with the same parameters to keep them, or confirm that they may be replaced."),
                n=len(rated),
                sections=", ".join(sorted(rated)[:10]) + (" …" if len(rated) > 10 else ""),
            )  # fmt: skip
        with con:
            before = _update_changes(con, "road_sections")
            con.executemany("DELETE FROM road_sections WHERE fid = ?", [(v[0],) for _, v in gone])
            con.executemany(
                "UPDATE road_sections SET chainage_from_m = ?, chainage_to_m = ?, length_m = ?, area_sqm = ?,"
                " surface = CASE WHEN surface IS NULL OR surface = 'unknown' THEN ? ELSE surface END,"
                " geom = ?, updated_by = ? WHERE fid = ?",
                updates,
            )
            placeholders = ", ".join("?" for _ in range(len(_SECTION_COLUMNS) + 2))
            con.executemany(
                f"INSERT INTO road_sections ({', '.join(_SECTION_COLUMNS)}, geom, updated_by) VALUES ({placeholders})",
                inserts,
            )
            report.changed = _update_changes(con, "road_sections") - before
        report.inserted, report.updated, report.deleted = len(inserts), len(updates), len(gone)
    finally:
        con.close()
    log.info("road sections: %d inserted, %d kept, %d deleted", report.inserted, report.updated, report.deleted)
    return report


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
