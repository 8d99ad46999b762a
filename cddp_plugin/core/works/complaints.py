"""The complaint model: fields, Thai categories and statuses mapped to codes, de-duplication and merging of re-imports."""

from __future__ import annotations

import ast
import csv
import datetime as _dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from ..common.errors import CddpError
from ..common.i18n import translate
from ..common.times import parse_datetime, to_utc_iso
from ..common.values import text_or_none
from ..workspace import schema

COMPLAINT_FIELDS = (
    "source",
    "external_id",
    "category",
    "categories_raw",
    "description",
    "status",
    "status_raw",
    "reported_at",
    "last_activity",
    "address",
    "subdistrict",
    "district",
    "province",
    "photo_url",
    "photo_after_url",
    "reopen_count",
    "lon",
    "lat",
)


# ---------------------------------------------------------------------------------------------
# File layouts (read by channels.py)
# ---------------------------------------------------------------------------------------------

# LINE / E-Node template: canonical column → accepted header names (English and Thai).
LINE_TEMPLATE_COLUMNS: dict[str, tuple[str, ...]] = {
    "channel": ("channel", "ช่องทาง"),
    "ref_id": ("ref_id", "เลขที่เรื่อง"),
    "received_at": ("received_at", "วันเวลาที่รับแจ้ง"),
    "category": ("category", "หมวดหมู่"),
    "description": ("description", "รายละเอียด"),
    "lat": ("lat", "ละติจูด"),
    "lon": ("lon", "ลองจิจูด"),
    "address": ("address", "ที่อยู่"),
    "subdistrict": ("subdistrict", "ตำบล/แขวง"),
    "district": ("district", "อำเภอ/เขต"),
    "province": ("province", "จังหวัด"),
    "status": ("status", "สถานะ"),
    "last_activity": ("last_activity", "ความเคลื่อนไหวล่าสุด"),
    "photo_url": ("photo_url", "ภาพถ่าย"),
}
LINE_TEMPLATE_REQUIRED = ("channel", "ref_id", "received_at", "lat", "lon")
_LINE_ALIASES = {alias.lower(): col for col, aliases in LINE_TEMPLATE_COLUMNS.items() for alias in aliases}

TRAFFY_CSV_COLUMNS = (
    "ticket_id",
    "type",
    "organization",
    "comment",
    "coords",
    "photo",
    "photo_after",
    "address",
    "subdistrict",
    "district",
    "province",
    "timestamp",
    "state",
    "star",
    "count_reopen",
    "last_activity",
)


def line_template_csv(thai_headers: bool = False) -> str:
    """The header line of an empty LINE/E-Node template (UTF-8 text; write it with a BOM for Excel)."""
    names = [aliases[1] if thai_headers else aliases[0] for aliases in LINE_TEMPLATE_COLUMNS.values()]
    return ",".join(names) + "\r\n"


# ---------------------------------------------------------------------------------------------
# Categories and statuses
# ---------------------------------------------------------------------------------------------

CATEGORY_TAGS: dict[str, str] = {
    "ถนน": "road",
    "ทางเท้า": "footpath",
    "แสงสว่าง": "lighting",
    "ไฟฟ้า": "electricity",
    "สายไฟ": "wires",
    "ท่อระบายน้ำ": "drainage",
    "น้ำท่วม": "flooding",
    "คลอง": "canal",
    "สะพาน": "bridge",
    "ความสะอาด": "cleanliness",
    "ความปลอดภัย": "safety",
    "กีดขวาง": "obstruction",
    "ต้นไม้": "tree",
    "จราจร": "traffic",
    "ป้าย": "sign",
}

PRIMARY_ORDER = (
    "lighting",
    "electricity",
    "wires",
    "drainage",
    "flooding",
    "canal",
    "bridge",
    "tree",
    "sign",
    "traffic",
    "cleanliness",
    "obstruction",
    "footpath",
    "road",
    "safety",
    "other",
)

STATUS_MAP: dict[str, str] = {
    "รอรับเรื่อง": "waiting",
    "กำลังดำเนินการ": "inprogress",
    "ส่งต่อ": "forwarded",
    "เสร็จสิ้น": "finish",
    "ยกเลิก": "cancelled",
    "start": "waiting",
    "waiting": "waiting",
    "pending": "waiting",
    "inprogress": "inprogress",
    "in_progress": "inprogress",
    "forward": "forwarded",
    "forwarded": "forwarded",
    "finish": "finish",
    "finished": "finish",
    "cancel": "cancelled",
    "cancelled": "cancelled",
    "open": "waiting",  # Open311
    "closed": "finish",  # Open311
    # Traffy's English state codes beside start/inprogress/forward/finish
    "follow": "inprogress",  # the agency follows the case up
    "irrelevant": "cancelled",  # not the agency's matter: closed without work
    # Traffy's multi-step Thai states: all still open and being worked on
    "ศึกษาปัญหา": "inprogress",  # studying the problem
    "ขั้นตอนทางกฎหมาย": "inprogress",  # legal process
    "ของบประมาณ": "inprogress",  # requesting a budget
    "จัดซื้อจัดจ้าง": "inprogress",  # procurement
    "ติดตาม": "inprogress",
    "ไม่เกี่ยวข้อง": "cancelled",
}

_SOURCE_CODES = {str(c) for c in schema.DOMAINS["complaint_source"].codes()}
_SOURCE_LABELS = {}


def split_tags(value: object) -> list[str]:
    """Category tags from a list or text: ``{ถนน,กีดขวาง}`` (PostgreSQL array literal, elements may
    be double-quoted), ``['a', 'b']``, ``"a, b"``. Empty elements and NULL are dropped."""
    if value is None:
        return []
    if isinstance(value, list | tuple):
        items = [str(v) for v in value if v is not None]
    else:
        text = str(value).strip()
        if text.startswith("{") and text.endswith("}"):
            text = text[1:-1]
        elif text.startswith("[") and text.endswith("]"):
            try:  # a JSON or Python list literal, e.g. from a pandas export of the API
                parsed = ast.literal_eval(text)
            except (ValueError, SyntaxError):
                parsed = None
            if isinstance(parsed, list):
                return split_tags(parsed)
            text = text[1:-1]
        if not text.strip():
            return []
        items = next(csv.reader([text], delimiter=",", quotechar='"', escapechar="\\", skipinitialspace=True))
    return [t.strip() for t in items if t.strip() and t.strip().upper() != "NULL"]


def map_categories(tags: Iterable[str]) -> tuple[str, str | None]:
    """``(primary work_category, categories_raw)`` for a list of source tags (see module doc)."""
    tags = [t for t in tags if t]
    known = {CATEGORY_TAGS.get(t, CATEGORY_TAGS.get(t.lower())) for t in tags} - {None}
    primary = next((c for c in PRIMARY_ORDER if c in known), "other")
    return primary, (",".join(tags) or None)


def map_status(raw: object) -> str | None:
    """``complaint_status`` code for a source state, or None when unknown."""
    if raw is None:
        return None
    text = str(raw).strip()
    found = STATUS_MAP.get(text, STATUS_MAP.get(text.lower()))
    if found is None and "(" in text:  # a step of a state: ส่งต่อ(ใหม่), เสร็จสิ้น (รอตรวจ)
        base = text.split("(", 1)[0].strip()
        found = STATUS_MAP.get(base, STATUS_MAP.get(base.lower())) if base else None
    return found


# ---------------------------------------------------------------------------------------------
# De-duplication and merging
# ---------------------------------------------------------------------------------------------

# Fields the source owns: a re-import updates them. Everything else on an existing complaint (uuid,
# version, asset links, work_order_uuid, local notes) is kept.
SOURCE_OWNED = tuple(f for f in COMPLAINT_FIELDS if f not in ("source", "external_id"))


def dedupe_key(complaint: Mapping) -> tuple[str, str]:
    """``(source, external_id)``; without an id ``(source, "@<reported_at>,<lon>,<lat>")``."""
    source = str(complaint.get("source") or "")
    ext = text_or_none(complaint.get("external_id"))
    if ext:
        return source, ext
    when = complaint.get("reported_at")
    try:
        when = to_utc_iso(when) if when is not None else ""
    except ValueError:
        when = str(when)
    lon, lat = complaint.get("lon"), complaint.get("lat")
    where = f"{float(lon):.6f},{float(lat):.6f}" if lon is not None and lat is not None else ","
    return source, f"@{when},{where}"


def _moment(value: object) -> _dt.datetime | None:
    if value in (None, ""):
        return None
    try:
        return parse_datetime(value)
    except ValueError:
        return None


# How far a complaint has come; a re-import without newer channel activity never moves it backwards.
_STATUS_RANK = {"waiting": 0, "forwarded": 1, "inprogress": 1, "finish": 2, "cancelled": 2}


# Fields an officer may correct in the workspace (QGIS form, attribute table); once the change log
# shows a local edit of one after the last import wrote it, re-imports never overwrite it (rule of
# :func:`merge_complaint`). Status, its source text, the last activity and the reopen counter follow the
# channel's workflow instead; the point ("geom") is protected the same way by the import job.
OFFICER_FIELDS = (
    "category",
    "categories_raw",
    "description",
    "reported_at",
    "address",
    "subdistrict",
    "district",
    "province",
    "photo_url",
    "photo_after_url",
)


def merge_complaint(existing: Mapping, incoming: Mapping, keep: Iterable[str] = ()) -> tuple[dict, list[str]]:
    """Update ``existing`` with a re-imported version of the same complaint.

    Returns ``(merged, changed field names)``; ``merged`` is a new dict that keeps every field of
    ``existing`` not owned by the source. An incoming record whose ``last_activity`` is older than
    the existing one is stale and changes nothing; empty incoming values never blank existing data,
    and a value the source did not really give is no information either: a category without any
    source tag (``categories_raw`` empty: the file has no category column, or an empty one) and a
    status without a source state (``status_raw`` empty) leave the stored ones alone.
    Without newer activity than the existing record, the status only moves forwards (waiting →
    in progress → finish): a re-imported dump does not undo what the work-order flow-back set.
    The fields named in ``keep`` (those an officer edited after the last import, see
    :data:`OFFICER_FIELDS`) are never changed, whatever the source says.
    Raises :class:`CddpError` when the two are not the same complaint.
    """
    if dedupe_key(existing) != dedupe_key(incoming):
        raise CddpError(
            translate("core", "Cannot merge complaint {incoming} into a different complaint {existing}."),
            incoming=":".join(dedupe_key(incoming)),
            existing=":".join(dedupe_key(existing)),
        )
    merged = dict(existing)
    old, new = _moment(existing.get("last_activity")), _moment(incoming.get("last_activity"))
    if old is not None and new is not None and new < old:
        return merged, []
    changed = []
    newer = old is not None and new is not None and new > old
    kept = set(keep)
    for name in SOURCE_OWNED:
        value = incoming.get(name)
        if value is None or value == "" or name in kept:
            continue
        if name == "category" and not text_or_none(incoming.get("categories_raw")):
            continue  # "other" only because the source named no category: not a reclassification
        if name == "status" and not text_or_none(incoming.get("status_raw")):
            continue  # a default status, not the channel's state
        current = merged.get(name)
        if name in ("reported_at", "last_activity") and _moment(current) == _moment(value):
            continue
        if name == "status" and not newer and _STATUS_RANK.get(value, 0) < _STATUS_RANK.get(current, 0):
            continue  # the order moved it on here (work-order flow-back); the same old dump never moves it back
        if current != value:
            merged[name] = value
            changed.append(name)
    return merged, changed


@dataclass
class MergePlan:
    """What to write after a re-import: ``inserts`` are new complaints; ``updates`` are
    ``(existing, merged, changed_fields)``; ``unchanged`` are existing complaints met again."""

    inserts: list[dict] = field(default_factory=list)
    updates: list[tuple[Mapping, dict, list[str]]] = field(default_factory=list)
    unchanged: list[Mapping] = field(default_factory=list)


def plan_merge(
    existing: Iterable[Mapping], incoming: Iterable[Mapping], keep: Mapping[object, Iterable[str]] | None = None
) -> MergePlan:
    """Match incoming complaints to existing ones by :func:`dedupe_key`; never plan a duplicate.
    ``keep`` maps an existing complaint's ``fid`` to the fields re-imports must leave alone."""
    index: dict[tuple[str, str], Mapping] = {}
    keep = keep or {}
    for complaint in existing:
        index.setdefault(dedupe_key(complaint), complaint)
    plan = MergePlan()
    pending: dict[tuple[str, str], int] = {}
    updated: dict[tuple[str, str], int] = {}
    seen_unchanged: set[tuple[str, str]] = set()
    for complaint in incoming:
        key = dedupe_key(complaint)
        if key in pending:
            plan.inserts[pending[key]] = merge_complaint(plan.inserts[pending[key]], complaint)[0]
        elif key in updated:
            old, merged, changed = plan.updates[updated[key]]
            merged, more = merge_complaint(merged, complaint, keep.get(old.get("fid"), ()))
            plan.updates[updated[key]] = (old, merged, sorted(set(changed) | set(more)))
        elif key in index:
            merged, changed = merge_complaint(index[key], complaint, keep.get(index[key].get("fid"), ()))
            if changed:
                if key in seen_unchanged:
                    seen_unchanged.discard(key)
                    plan.unchanged = [c for c in plan.unchanged if dedupe_key(c) != key]
                updated[key] = len(plan.updates)
                plan.updates.append((index[key], merged, changed))
            elif key not in seen_unchanged:
                seen_unchanged.add(key)
                plan.unchanged.append(index[key])
        else:
            pending[key] = len(plan.inserts)
            plan.inserts.append(dict(complaint))
    return plan
