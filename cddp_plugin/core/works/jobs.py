"""Work-order and complaint jobs: the only code that changes complaints, work orders and their history in a workspace."""

from __future__ import annotations

import json
import logging
import os
import uuid as _uuid
from collections import Counter
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field

from ..common import times
from ..common.errors import CddpError
from ..common.i18n import translate
from ..workspace import gpkg, schema
from ..workspace.meta import read_meta
from . import channels, complaints, workorders
from .sla import POLICY_HOLIDAYS, POLICY_SLA
from .snapping import (
    ASSET_LAYERS,
    DEFAULT_SNAP_DISTANCE,
    _asset_geometries,
    _positive_distance,
    _workspace_crs,
    snap_to_assets,
)

log = logging.getLogger("cddp.core.works.jobs")

OPEN_COMPLAINT_STATUSES = ("waiting", "inprogress", "forwarded")
COMPLAINT_PRIORITY = {"electricity": "P2", "wires": "P2", "flooding": "P2", "safety": "P2"}
DEFAULT_COMPLAINT_PRIORITY = "P3"
LAMP_REPAIR_STATUSES = ("out", "partly_out", "flickering", "day_burning", "damaged_pole", "missing")
DEFAULT_PCI_BELOW = 40.0  # very poor and worse (ASTM D6433 bands)
DEFAULT_PASER_AT_MOST = 3  # PASER 1–3: structural repair
SEVERE_BANDS = ("serious", "failed")
# An open complaint on an order in one of these states is on no order any more (cancelled: nobody will
# do the work); a "duplicate" order points at the order that will.
ORDER_GONE_STATUSES = ("cancelled",)


# Stored complaint columns the source owns (lon/lat are the geometry).
_SOURCE_COLUMNS = [c for c in complaints.SOURCE_OWNED if c not in ("lon", "lat")]
_COMPLAINT_COLUMNS = [
    "uuid",
    "source",
    "external_id",
    *_SOURCE_COLUMNS,
    "asset_layer",
    "asset_uuid",
    "asset_distance_m",
]


# ---------------------------------------------------------------------------------------------
# Import
# ---------------------------------------------------------------------------------------------


@dataclass
class IntakeReport:
    """What :func:`import_complaints` did (counts only — nothing personal)."""

    rows: int = 0
    rejected: int = 0
    inserted: int = 0
    updated: int = 0
    unchanged: int = 0
    snapped: dict[str, int] = field(default_factory=dict)
    not_snapped: int = 0  # categories with assets, but none within reach
    no_asset_category: int = 0  # categories no asset layer is about (cleanliness, tree, …)
    by_category: dict[str, int] = field(default_factory=dict)
    unknown_tags: dict[str, int] = field(default_factory=dict)  # source tags no category knows → "other"
    pii_scrubbed: dict[str, int] = field(default_factory=dict)
    # complaints without a source id matched by the documented fallback (channel + report time + location)
    matched_without_id: int = 0
    officer_kept: int = 0  # existing complaints with fields an officer edited, which the import left alone


# cddp_meta key: the change-log ranges ``[[first_seq, last_seq], …]`` that complaint imports wrote, so
# that every other entry on a complaint is known to be a local edit (an officer, the work-order flow)
IMPORT_SEQS_KEY = "works.complaint_import_seqs"


def _import_ranges(con) -> list[list[int]] | None:
    row = con.execute("SELECT value FROM cddp_meta WHERE key = ?", (IMPORT_SEQS_KEY,)).fetchone()
    if row is None:
        return None
    try:
        ranges = json.loads(row[0] or "[]")
        return sorted([int(a), int(b)] for a, b in ranges)
    except (TypeError, ValueError):
        return []


def _record_import(con, before: int) -> None:
    """Remember (inside the import's transaction) which change-log entries the import wrote."""
    after = con.execute("SELECT coalesce(max(seq), 0) FROM cddp_changelog").fetchone()[0]
    ranges = _import_ranges(con) or []
    if after > before:
        if ranges and ranges[-1][1] >= before:  # nothing else was logged since the last import
            ranges[-1][1] = after
        else:
            ranges.append([before + 1, after])
    con.execute("INSERT OR REPLACE INTO cddp_meta (key, value) VALUES (?, ?)", (IMPORT_SEQS_KEY, json.dumps(ranges)))


def officer_edits(con) -> dict[str, set[str]]:
    """Complaint uuid → the fields (of :data:`complaints.OFFICER_FIELDS`, and ``geom``) changed by a
    local edit after the last import wrote them, read from the change log.

    An entry is an import's when its ``seq`` lies in a range :func:`_record_import` kept; every other
    update entry is a local edit (QGIS, plain SQL, the sync's local side). In a workspace whose imports
    predate this record, the inserts count as imports and every update as a local edit: an edit is
    never lost, at the price of keeping a field a former re-import changed. Only which fields changed
    is read, never their values.
    """
    import bisect

    ranges = _import_ranges(con)
    starts = [a for a, _ in ranges or []]
    first = starts[0] if starts else float("inf")

    def by_import(seq: int, op: str) -> bool:
        i = bisect.bisect_right(starts, seq) - 1
        if i >= 0 and ranges[i][0] <= seq <= ranges[i][1]:
            return True
        return op == "insert" and seq < first

    watched = set(complaints.OFFICER_FIELDS) | {"geom"}
    last_import: dict[tuple[str, str], int] = {}
    last_local: dict[tuple[str, str], int] = {}
    for seq, uid, op in con.execute(
        "SELECT seq, feature_uuid, op FROM cddp_changelog WHERE layer = 'complaints' AND op = 'insert'"
    ):
        if by_import(seq, op):
            for name in watched:
                last_import[(uid, name)] = max(seq, last_import.get((uid, name), 0))
    for seq, uid, name in con.execute(
        "SELECT c.seq, c.feature_uuid, j.key FROM cddp_changelog AS c, json_each(c.new_values) AS j "
        "WHERE c.layer = 'complaints' AND c.op = 'update'"
    ):
        if name not in watched:
            continue
        target = last_import if by_import(seq, "update") else last_local
        target[(uid, name)] = max(seq, target.get((uid, name), 0))
    edited: dict[str, set[str]] = {}
    for (uid, name), seq in last_local.items():
        if seq > last_import.get((uid, name), 0):
            edited.setdefault(uid, set()).add(name)
    return edited


def import_complaints(
    workspace_path: str,
    parsed: channels.ImportResult,
    user: str,
    *,
    max_distance: float = DEFAULT_SNAP_DISTANCE,
    progress: Callable[[float], None] | None = None,
) -> IntakeReport:
    """Upsert the complaints of ``parsed`` into the workspace and snap them to assets (module doc).

    Re-imports change only what the source really changed (:func:`complaints.merge_complaint`): the
    same file again writes nothing and adds nothing to the change log; a file without a column never
    blanks that field. Officers' edits survive: a field of :data:`complaints.OFFICER_FIELDS` (and the
    point) that the change log shows was edited locally after the last import wrote it
    (:func:`officer_edits`) is never overwritten, also when the source changed it since; the source
    may update a field only while no officer has edited it. Read, plan and write run in one write
    transaction, so an edit saved during the import is seen and kept."""
    import numpy as np
    import shapely
    from pyproj import Transformer

    distance = _positive_distance(max_distance)
    crs = _workspace_crs(workspace_path)
    report = IntakeReport(rows=parsed.rows, rejected=len(parsed.rejected), pii_scrubbed=dict(parsed.pii_scrubbed))
    incoming, where = [], {}
    for c in parsed.complaints:
        c = dict(c)
        key = complaints.dedupe_key(c)
        c["external_id"] = key[1]
        where[key] = (c.pop("lon", None), c.pop("lat", None))
        incoming.append(c)
    report.by_category = dict(Counter(c.get("category") or "other" for c in incoming))
    report.unknown_tags = dict(
        Counter(
            tag
            for c in incoming
            for tag in (c.get("categories_raw") or "").split(",")
            if tag and complaints.CATEGORY_TAGS.get(tag, complaints.CATEGORY_TAGS.get(tag.lower())) is None
        ).most_common()
    )

    con = gpkg.connect(workspace_path)
    try:
        # one write transaction from the read to the write: an officer's edit saved meanwhile waits for
        # it (and is then kept), instead of being overwritten by values read before it was saved
        con.execute("BEGIN IMMEDIATE")
        srs = gpkg.srs_id(con, "complaints")
        cols = ["fid", *_COMPLAINT_COLUMNS]
        cur = con.execute(f"SELECT {', '.join(cols)}, geom FROM complaints")
        existing, geoms = [], {}
        for row in cur:
            rec = dict(zip(cols, row[:-1], strict=True))
            existing.append(rec)
            geoms[rec["fid"]] = row[-1]
        edited = officer_edits(con)
        keep = {rec["fid"]: edited[rec["uuid"]] for rec in existing if rec["uuid"] in edited}
        if progress:
            progress(10)
        plan = complaints.plan_merge(existing, incoming, keep)
        matched = [u[0] for u in plan.updates] + plan.unchanged
        report.matched_without_id = sum(1 for old in matched if str(old.get("external_id") or "").startswith("@"))
        report.officer_kept = sum(1 for old in [u[0] for u in plan.updates] + plan.unchanged if keep.get(old["fid"]))
        if progress:
            progress(30)

        to_ws = Transformer.from_crs("EPSG:4326", crs, always_xy=True)
        matched = [(old, merged) for old, merged, _ in plan.updates] + [(old, dict(old)) for old in plan.unchanged]
        records = [dict(c) for c in plan.inserts] + [merged for _, merged in matched]
        olds = [None] * len(plan.inserts) + [old for old, _ in matched]
        lonlat = np.array([where[complaints.dedupe_key(r)] for r in records], dtype=float).reshape(-1, 2)
        x, y = np.asarray(to_ws.transform(lonlat[:, 0].tolist(), lonlat[:, 1].tolist()), dtype=float).reshape(2, -1)
        points = shapely.points(np.column_stack([x, y])) if len(records) else np.zeros(0, dtype=object)
        moved = np.zeros(len(records), dtype=bool)
        for k, old in enumerate(olds):
            if old is None:
                moved[k] = True
                continue
            if "geom" in keep.get(old["fid"], ()):
                continue  # an officer moved the point: the source's location does not move it back
            stored = gpkg.from_blob(geoms.get(old["fid"]))
            moved[k] = stored is None or stored.is_empty or stored.distance(points[k]) > 0.01
        category_changed = np.array(
            [
                old is not None and old.get("category") != r.get("category")
                for r, old in zip(records, olds, strict=True)
            ],
            dtype=bool,
        )
        unsnapped = np.array([not r.get("asset_uuid") for r in records], dtype=bool)
        need = np.flatnonzero(moved | category_changed | unsnapped)
        if progress:
            progress(45)
        layers = sorted({lyr for k in need for lyr in ASSET_LAYERS.get(records[k].get("category") or "", ())})
        snap = snap_to_assets(
            points[need], [records[k].get("category") for k in need], _asset_geometries(con, layers), distance
        )
        for pos, k in enumerate(need.tolist()):
            r = records[k]
            r["asset_layer"], r["asset_uuid"], r["asset_distance_m"] = (
                snap.layer[pos],
                snap.uuid[pos],
                snap.distance[pos],
            )
        if progress:
            progress(70)

        for r in records:
            if r.get("asset_uuid"):
                report.snapped[r["asset_layer"]] = report.snapped.get(r["asset_layer"], 0) + 1
            elif (r.get("category") or "") in ASSET_LAYERS:
                report.not_snapped += 1
            else:
                report.no_asset_category += 1

        blobs = gpkg.to_blobs(points, srs)
        inserts, updates = [], []
        for k, (r, old) in enumerate(zip(records, olds, strict=True)):
            if old is None:
                r["uuid"] = str(_uuid.uuid4())
                r.setdefault("category", None)
                r["category"] = r["category"] or "other"
                r["status"] = r.get("status") or "waiting"
                inserts.append([r.get(c) for c in _COMPLAINT_COLUMNS] + [blobs[k], user])
                continue
            values = [r.get(c) for c in _COMPLAINT_COLUMNS[1:]]
            if values != [old.get(c) for c in _COMPLAINT_COLUMNS[1:]] or moved[k]:
                updates.append([*values, blobs[k] if moved[k] else None, user, old["fid"]])
        with con:
            before = con.execute("SELECT coalesce(max(seq), 0) FROM cddp_changelog").fetchone()[0]
            gpkg.write_features(
                con, "complaints", _COMPLAINT_COLUMNS, inserts, updates,
                update_columns=_COMPLAINT_COLUMNS[1:], keep_when_null=("geom",),
            )  # fmt: skip
            _record_import(con, before)
        report.inserted = len(inserts)
        report.updated = len(updates)
        report.unchanged = len(records) - len(inserts) - len(updates)
    finally:
        con.close()
    if progress:
        progress(100)
    log.info(
        "complaints: %d rows, %d inserted, %d updated, %d unchanged, %d rejected",
        report.rows, report.inserted, report.updated, report.unchanged, report.rejected,
    )  # fmt: skip
    return report


# ---------------------------------------------------------------------------------------------
# Work orders
# ---------------------------------------------------------------------------------------------


@dataclass
class GenerateReport:
    """What :func:`generate_work_orders` did."""

    created: int = 0
    created_by_origin: dict[str, int] = field(default_factory=dict)  # complaint / road / lamp / cluster
    attached: int = 0  # complaints attached to an order that already existed or was made in this run
    already_linked: int = 0  # open complaints already on an order
    skipped_existing: int = 0  # assets that already had an open order of their category
    clusters: int = 0
    orders: list[str] = field(default_factory=list)  # numbers of the new orders
    relinked: int = 0  # open complaints whose order was cancelled (or deleted): put on an order again


def _priority_ok(value: str) -> str:
    if value not in workorders.PRIORITIES:
        raise CddpError(
            translate("core", "'{value}' is not a priority; expected one of {allowed}."),
            value=value,
            allowed=", ".join(workorders.PRIORITIES),
        )
    return value


def _midpoint(geom):
    import shapely

    if geom is None or geom.is_empty:
        return None
    if geom.geom_type in ("LineString", "MultiLineString"):
        merged = shapely.line_merge(geom) if geom.geom_type == "MultiLineString" else geom
        if merged.geom_type == "LineString":
            return merged.interpolate(0.5, normalized=True)
    return geom.representative_point()


def generate_work_orders(
    workspace_path: str,
    user: str,
    *,
    from_complaints: bool = True,
    from_condition: bool = True,
    from_lamps: bool = True,
    pci_below: float = DEFAULT_PCI_BELOW,
    paser_at_most: int = DEFAULT_PASER_AT_MOST,
    cluster_distance: float | None = None,
    now: object = None,
    sla: Mapping[str, object] | None = None,
    holidays: Iterable[object] | None = None,
    progress: Callable[[float], None] | None = None,
) -> GenerateReport:
    """Create the work orders the workspace's complaints and condition call for (module doc).
    ``sla``/``holidays`` default to the workspace's policy (:func:`workspace.work_order_policy`).
    A complaint still open whose order was cancelled (or no longer exists) is treated as not on an
    order: it joins an open order of its asset or gets a new one."""
    try:
        pci_below = float(pci_below)
        paser_at_most = int(paser_at_most)
    except (TypeError, ValueError):
        raise CddpError(translate("core", "The PCI and PASER thresholds must be numbers.")) from None
    if not 0 <= pci_below <= 100 or not 0 <= paser_at_most <= 10:
        raise CddpError(
            translate("core", "Thresholds out of range: PCI below {pci} (0–100), PASER at most {paser} (0–10)."),
            pci=pci_below,
            paser=paser_at_most,
        )
    moment = workorders._now() if now is None else workorders._moment(now, "now")
    _workspace_crs(workspace_path)
    if sla is None or holidays is None:
        from .sla import work_order_policy

        ws_sla, ws_holidays = work_order_policy(workspace_path)
        sla = ws_sla if sla is None else sla
        holidays = ws_holidays if holidays is None else holidays
    con = gpkg.connect(workspace_path)
    try:
        con.execute("BEGIN IMMEDIATE")  # read the open orders and write the new ones in one transaction
        gen = _Generator(con, user, moment, sla, holidays)
        if from_condition:
            gen.from_condition(pci_below, paser_at_most)
        if progress:
            progress(40)
        if from_lamps:
            gen.from_lamps(cluster_distance)
        if progress:
            progress(70)
        if from_complaints:  # after the assets, so that complaints attach to their orders
            gen.from_complaints()
        if progress:
            progress(85)
        _write_orders(con, gpkg.srs_id(con, "work_orders"), gen.new_orders, gen.events, gen.complaint_links, user)
    finally:
        con.close()
    if progress:
        progress(100)
    report = gen.report
    log.info("work orders: %d created, %d complaints attached", report.created, report.attached)
    return report


def _asset_orders(con) -> list[dict]:
    """The work orders made for an asset (the fields :func:`workorders.open_orders_by_asset` needs)."""
    cols = ("fid", "uuid", "wo_number", "title", "asset_layer", "asset_uuid", "category", "status", "created_at")
    cur = con.execute(
        f"SELECT {', '.join(cols)} FROM work_orders WHERE asset_uuid IS NOT NULL AND asset_uuid <> '' "
        "ORDER BY created_at, fid"
    )
    return [dict(zip(cols, row, strict=True)) for row in cur]


def open_work_order(
    workspace_path: str, asset_layer: str | None, asset_uuid: str | None, category: str | None
) -> dict | None:
    """The open work order (status not final) of the workspace for this asset and category, or None.

    Read-only; the same rule as :func:`generate_work_orders` (:func:`workorders.open_orders_by_asset`),
    so the Work orders dock and the generation never make a second open order for one asset and
    category. Returns the order's ``fid``, ``uuid``, ``wo_number``, ``title``, ``status``,
    ``asset_layer``, ``asset_uuid``, ``category`` and ``created_at``."""
    if not asset_uuid:
        return None
    con = gpkg.connect(workspace_path, readonly=True)
    try:
        found = workorders.open_order_for(_asset_orders(con), asset_layer, asset_uuid, category)
    finally:
        con.close()
    return dict(found) if found is not None else None


class _Generator:
    """The state :func:`generate_work_orders` shares between its three sources: the open order per
    (asset layer, asset, category), the last order number, and what to write."""

    def __init__(self, con, user: str, moment, sla, holidays) -> None:
        self.con, self.user, self.moment, self.sla, self.holidays = con, user, moment, sla, holidays
        self.created_at = times.format_utc(moment)
        self.report = GenerateReport()
        self.new_orders: list[tuple[dict, object]] = []
        self.events: list[dict] = []
        self.complaint_links: list[tuple[str, int]] = []
        # (layer, asset, category) → (uuid, status): one open order per asset and category
        self.open_by_key: dict[tuple, tuple[str, str]] = {
            key: (o["uuid"], o["status"]) for key, o in workorders.open_orders_by_asset(_asset_orders(con)).items()
        }
        self.order_status = dict(con.execute("SELECT uuid, status FROM work_orders"))
        self.last_number = max(
            (n for (n,) in con.execute("SELECT wo_number FROM work_orders") if workorders.parse_wo_number(n)),
            key=lambda n: workorders.parse_wo_number(n),
            default=None,
        )

    def create(self, title, category, priority, source, layer, asset, point, origin, note=None):
        order, event = workorders.new_work_order(
            title=title, created_by=self.user, existing_numbers=[self.last_number] if self.last_number else [],
            category=category, priority=priority, source=source, created_at=self.moment, sla=self.sla,
            holidays=self.holidays, note=note, asset_layer=layer, asset_uuid=asset, generated_title=True,
        )  # fmt: skip
        self.last_number = order["wo_number"]
        self.new_orders.append((order, point))
        self.events.append(event)
        report = self.report
        report.created += 1
        report.created_by_origin[origin] = report.created_by_origin.get(origin, 0) + 1
        report.orders.append(order["wo_number"])
        if asset is not None:
            self.open_by_key[(layer, asset, category)] = (order["uuid"], "new")
        return order

    def attach(self, order_uuid, status, complaint):
        self.events.append(
            {
                "uuid": str(_uuid.uuid4()),
                "work_order_uuid": order_uuid,
                "event_at": self.created_at,
                "from_status": status,
                "to_status": status,
                "actor": self.user,
                "note": f"แนบเรื่องร้องเรียน {complaint['source']} {complaint['external_id']}",
                "photo_hashes": None,
            }
        )
        self.report.attached += 1

    # 1. road condition ---------------------------------------------------------------------------
    def from_condition(self, pci_below: float, paser_at_most: int) -> None:
        for uid, section, pci, paser, band, blob in self.con.execute(
            "SELECT uuid, section_id, pci, paser, condition_band, geom FROM road_sections "
            "WHERE (pci IS NOT NULL AND pci < ?) OR (pci IS NULL AND paser IS NOT NULL AND paser <= ?) "
            "ORDER BY pci, paser, section_id",
            (pci_below, paser_at_most),
        ).fetchall():
            if ("road_sections", uid, "road") in self.open_by_key:
                self.report.skipped_existing += 1
                continue
            score = f"PCI {pci:g}" if pci is not None else f"PASER {paser}"
            band_th = schema.label("condition_band", band or "", default=band or "-")
            self.create(
                f"ซ่อมผิวทาง ช่วง {section or uid} ({score}, {band_th})", "road",
                "P3" if band in SEVERE_BANDS else "P4", None, "road_sections", uid,
                _midpoint(gpkg.from_blob(blob)), "road",
            )  # fmt: skip

    # 2. lamps ------------------------------------------------------------------------------------
    def from_lamps(self, cluster_distance: float | None) -> None:
        import numpy as np
        import shapely

        from ..lighting import analysis

        lamps = self.con.execute(
            "SELECT uuid, ref, status, circuit, road_uuid, geom FROM streetlights ORDER BY ref, fid"
        ).fetchall()
        broken = [r for r in lamps if r[2] in LAMP_REPAIR_STATUSES]
        if not broken:
            return
        open_by_key, report = self.open_by_key, self.report
        pts = np.asarray([gpkg.from_blob(r[5]) for r in broken], dtype=object)
        has_point = ~shapely.is_missing(pts)
        kw = {"distance": cluster_distance} if cluster_distance is not None else {}
        idx = np.flatnonzero(has_point)
        clusters = analysis.outage_clusters(
            pts[idx], [broken[k][2] for k in idx], ids=[broken[k][0] for k in idx],
            circuits=[broken[k][3] for k in idx], roads=[broken[k][4] for k in idx], **kw,
        )  # fmt: skip
        in_cluster = set()
        for cl in clusters.clusters:
            members = list(cl.lamp_ids)
            in_cluster.update(members)
            report.clusters += 1
            covering = next(
                (open_by_key[("streetlights", m, "lighting")] for m in members
                 if ("streetlights", m, "lighting") in open_by_key), None,
            )  # fmt: skip
            if covering is not None:
                report.skipped_existing += 1
            else:
                first = next(r for r in broken if r[0] == members[0])
                member_set = set(members)
                refs = ", ".join(r[1] or r[0][:8] for r in broken if r[0] in member_set)
                order = self.create(
                    f"ไฟดับเป็นกลุ่ม {cl.lamp_count} ดวง (เริ่มที่เสา {first[1] or first[0][:8]})", "lighting",
                    "P2", None, "streetlights", members[0], gpkg.from_blob(first[5]), "cluster",
                    note=f"เสา: {refs}",
                )  # fmt: skip
                covering = (order["uuid"], "new")
            for m in members:  # a complaint about any lamp of the cluster joins the cluster's order
                open_by_key.setdefault(("streetlights", m, "lighting"), covering)
        for uid, ref, status, _circuit, _road, blob in broken:
            if uid in in_cluster:
                continue
            if ("streetlights", uid, "lighting") in open_by_key:
                report.skipped_existing += 1
                continue
            self.create(
                f"ซ่อมไฟฟ้าสาธารณะ เสา {ref or uid[:8]} ({schema.label('lamp_status', status)})", "lighting", "P3",
                None, "streetlights", uid, gpkg.from_blob(blob), "lamp",
            )  # fmt: skip

    # 3. complaints -------------------------------------------------------------------------------
    def from_complaints(self) -> None:
        marks = ", ".join("?" * len(OPEN_COMPLAINT_STATUSES))
        rows = self.con.execute(
            "SELECT fid, source, external_id, category, asset_layer, asset_uuid, work_order_uuid, geom "
            f"FROM complaints WHERE (status IS NULL OR status IN ({marks})) ORDER BY reported_at, fid",
            OPEN_COMPLAINT_STATUSES,
        ).fetchall()
        for fid, source, ext, category, layer, asset, wo, blob in rows:
            if wo:
                status = self.order_status.get(wo)
                if status is not None and status not in ORDER_GONE_STATUSES:
                    self.report.already_linked += 1
                    continue
                self.report.relinked += 1  # its order was cancelled or deleted, and it is still open
            category = category or "other"
            complaint = {"source": source, "external_id": ext}
            found = self.open_by_key.get((layer, asset, category)) if asset else None
            if found is not None:
                self.attach(found[0], found[1], complaint)
                self.complaint_links.append((found[0], fid))
                continue
            ref = " ".join(str(v) for v in (source, ext) if v)
            order = self.create(
                f"{schema.label('work_category', category)} ({ref})", category,
                COMPLAINT_PRIORITY.get(category, DEFAULT_COMPLAINT_PRIORITY), source, layer if asset else None,
                asset, gpkg.from_blob(blob), "complaint",
            )  # fmt: skip
            self.complaint_links.append((order["uuid"], fid))


_ORDER_COLUMNS = ["uuid"] + [f.name for f in schema.LAYERS_BY_NAME["work_orders"].fields]
_EVENT_COLUMNS = ["uuid"] + [f.name for f in schema.LAYERS_BY_NAME["work_order_events"].fields]


def _insert_events(con, events, user: str) -> None:
    """Append work-order history events (inside the caller's transaction)."""
    con.executemany(
        f"INSERT INTO work_order_events ({', '.join(_EVENT_COLUMNS)}, updated_by) "
        f"VALUES ({', '.join('?' * (len(_EVENT_COLUMNS) + 1))})",
        [[e.get(c) for c in _EVENT_COLUMNS] + [user] for e in events],
    )


def _write_orders(con, srs: int, orders, events, complaint_links, user: str) -> None:
    blobs = gpkg.to_blobs([p for _, p in orders], srs)
    inserts = [[o.get(c) for c in _ORDER_COLUMNS] + [b, user] for (o, _), b in zip(orders, blobs, strict=True)]
    with con:
        gpkg.write_features(con, "work_orders", _ORDER_COLUMNS, inserts, [])
        _insert_events(con, events, user)
        con.executemany(
            "UPDATE complaints SET work_order_uuid = ?, updated_by = ? WHERE fid = ?",
            [(order_uuid, user, fid) for order_uuid, fid in complaint_links],
        )


@dataclass
class WorkOrderChange:
    """The values one status change writes, decided by :func:`plan_work_order_change`.

    ``order`` is the whole order after the change; ``changed`` only its fields whose value changes
    (name → new value, ``updated_by`` included); ``event`` the history record to add; ``complaints``
    the linked complaints whose status follows, as ``(complaint as given, new status)``;
    ``complaints_kept`` says that the order has linked complaints this change leaves as they are
    (cancelled, duplicate: the officer decides what to tell the complainants)."""

    order: dict
    changed: dict
    event: dict
    complaints: list[tuple[Mapping, str]] = field(default_factory=list)
    complaints_kept: bool = False


def plan_work_order_change(
    order: Mapping,
    to_status: str,
    actor: str,
    *,
    complaints: Iterable[Mapping] = (),
    at: object = None,
    note: str | None = None,
    photo_hashes: Iterable[str] = (),
    changes: Mapping[str, object] | None = None,
    sla: Mapping[str, object] | None = None,
    holidays: Iterable[object] = (),
) -> WorkOrderChange:
    """What moving ``order`` (its fields, as stored) to ``to_status`` writes, without writing it.

    :func:`workorders.transition` checks the step and gives the new order and its history event;
    each linked complaint in ``complaints`` (mappings with at least ``status``) gets the status
    :func:`kpis.complaint_status_after` says. :func:`change_work_order` writes the result in one
    transaction; the Work orders dock applies the same values through the layers' edit buffers.
    Raises :class:`CddpError` (nothing to write) when the change is refused.
    """
    from . import kpis as workorder_kpis

    current = dict(order)
    from_status = current.get("status")
    updated, event = workorders.transition(
        current, to_status, actor=actor, at=at, note=note, photo_hashes=photo_hashes, changes=changes,
        sla=sla, holidays=holidays,
    )  # fmt: skip
    linked = list(complaints)
    follow = []
    for complaint in linked:
        new = workorder_kpis.complaint_status_after(from_status, to_status, complaint.get("status"))
        if new is not None and new != complaint.get("status"):
            follow.append((complaint, new))
    return WorkOrderChange(
        order=updated,
        changed={k: v for k, v in updated.items() if v != current.get(k)},
        event=event,
        complaints=follow,
        complaints_kept=bool(linked) and workorder_kpis.COMPLAINT_STATUS_FOR[to_status] is None,
    )


@dataclass
class ChangeReport:
    """What :func:`change_work_order` did: the order after the change, its history event, and the
    linked complaints whose status followed (``(external id, old status, new status)``)."""

    order: dict
    event: dict
    complaints: list[tuple[str, str | None, str]] = field(default_factory=list)


def change_work_order(
    workspace_path: str,
    order: str,
    to_status: str,
    actor: str,
    *,
    at: object = None,
    note: str | None = None,
    changes: Mapping[str, object] | None = None,
) -> ChangeReport:
    """Move one work order (by number, e.g. ``WO-2569-00042``, or uuid) to ``to_status`` in the workspace.

    The same step as the Work orders dock's buttons, without QGIS: :func:`plan_work_order_change`
    checks it (allowed next states, required notes, times in order, a team to assign) with the
    workspace's SLA policy; the order, its history event and its complaints' status
    (:func:`kpis.complaint_status_after`) are written in one transaction through the change log.
    Nothing is written when the change is refused.
    """
    from .sla import work_order_policy

    _workspace_crs(workspace_path)
    key = str(order or "").strip()
    con = gpkg.connect(workspace_path)
    try:
        cur = con.execute("SELECT * FROM work_orders WHERE wo_number = ? OR uuid = ?", (key, key))
        names = [d[0] for d in cur.description]
        rows = cur.fetchall()
        if len(rows) != 1:
            raise CddpError(
                translate("core", "There is no work order {order} in this workspace.")
                if not rows
                else translate("core", "{order} names more than one work order; use its uuid."),
                order=key,
            )
        current = {n: v for n, v in zip(names, rows[0], strict=True) if n not in ("fid", "geom")}
        fid = rows[0][names.index("fid")]
        sla, holidays = work_order_policy(workspace_path)
        linked = [
            {"fid": c_fid, "external_id": ext, "status": status}
            for c_fid, ext, status in con.execute(
                "SELECT fid, external_id, status FROM complaints WHERE work_order_uuid = ?", (current["uuid"],)
            ).fetchall()
        ]
        change = plan_work_order_change(
            current, to_status, actor, complaints=linked, at=at, note=note, changes=changes, sla=sla,
            holidays=holidays,
        )  # fmt: skip
        updated = change.order
        changed = [n for n in _ORDER_COLUMNS if n in change.changed]
        report = ChangeReport(order=updated, event=change.event)
        report.complaints = [(c["external_id"], c["status"], new) for c, new in change.complaints]
        with con:
            if changed:
                con.execute(
                    f"UPDATE work_orders SET {', '.join(f'{n} = ?' for n in changed)}, updated_by = ? WHERE fid = ?",
                    [updated[n] for n in changed] + [updated.get("updated_by") or actor, fid],
                )
            _insert_events(con, [change.event], actor)
            con.executemany(
                "UPDATE complaints SET status = ?, updated_by = ? WHERE fid = ?",
                [(new, actor, c["fid"]) for c, new in change.complaints],
            )
    finally:
        con.close()
    log.info("work order %s: %s → %s", updated.get("wo_number"), current.get("status"), to_status)
    return report


def save_work_order_policy(path: str | os.PathLike, sla: str | None = None, holidays: str | None = None) -> None:
    """Store an SLA policy and/or holidays (text as :func:`works_sla.parse_sla_text` and
    :func:`works_sla.parse_holidays_text` read; checked before anything is written)."""
    from . import sla as works_sla

    values = {}
    if sla is not None:
        values[POLICY_SLA] = works_sla.sla_text(works_sla.parse_sla_text(sla))
    if holidays is not None:
        values[POLICY_HOLIDAYS] = works_sla.holidays_text(works_sla.parse_holidays_text(holidays))
    if not values:
        return
    if read_meta(path) is None:
        raise CddpError(translate("core", "{path} is not a CDDP workspace."), path=os.fspath(path))
    con = gpkg.connect(path)  # busy, read-only and schema-version checks like every other write
    try:
        with con:
            con.executemany("INSERT OR REPLACE INTO cddp_meta (key, value) VALUES (?, ?)", values.items())
    finally:
        con.close()
