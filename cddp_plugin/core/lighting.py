"""Streetlights (ไฟฟ้าสาธารณะ): lamp status, Thai condition notes, outage clusters, lighting gaps, KPIs.

Everything here is QGIS-free and works on plain values: ids, status codes, dates, and shapely 2
geometries (arrays, lists or GeoSeries) in a projected CRS in metres. Status values are the
``lamp_status`` codes of the workspace schema (working, out, flickering, day_burning, damaged_pole,
missing, unknown); Thai or English labels of that value list are accepted too.

Lamp status — :func:`lamp_statuses`
    Each lamp's history is a list of dated events:

    * an *unresolved* fault record (``streetlight_faults`` without ``resolved_at``): its ``fault``
      status at ``reported_at``;
    * a *resolved* fault record: the lamp worked again at ``resolved_at`` (a repair is evidence
      that the lamp works; its report lies before the repair and never decides);
    * an inspection: its status at ``inspected_at``.

    **The latest event wins**; at the same moment an inspection beats a repair and a repair beats a
    report. Events whose status is ``unknown`` (an inspector who could not tell, a complaint that
    does not say what is wrong) never override a known status; they decide only when nothing else
    is known. A fault record without ``reported_at`` counts as older than every dated event. A lamp
    without events keeps its current layer status (``current``) or is ``unknown``.

    *Outage start* (``out_since``) = the first failure event (any open fault report, or an
    inspection finding a fault) after the last evidence that the lamp worked (a working inspection
    or a repair); ``days_out`` = ``now`` − ``out_since`` in days, for lamps whose status is a fault
    (anything but working/unknown). Open fault records older than a later working inspection or
    repair are reported as *stale* (they should be closed), not used.

Thai condition notes — :func:`status_from_note`
    Field surveys write free text such as ``เสาไฟถนน สภาพดี มีสายไฟห้อย``. Keywords are matched in the
    note (lower-cased, whitespace collapsed, ``ๆ`` dropped; Thai keywords may be split by one space,
    English ones match whole words only), **longest keyword first**, and each match blanks its
    text so that a short keyword never matches inside a longer one (ใช้งานไม่ได้ is not ใช้งานได้,
    เสียหาย is not หาย, ไม่ดี is not ดี, ติดๆดับๆ is not ดับ). Then:

    ===================  =========================================================================
    status               keywords (Thai / English)
    ===================  =========================================================================
    missing              สูญหาย, หาย, ถูกขโมย, ไม่มีโคม, ไม่มีหลอด / missing, stolen, gone
    out                  ดับ (not in ระดับ), ไฟดับ, ไม่ติด, ไม่สว่าง, ใช้งานไม่ได้, ใช้การไม่ได้, หลอดเสีย, หลอดขาด,
                         ไฟเสีย / out, off, not working, not lit, dark, dead, burnt out
    damaged_pole         ชำรุด, เสาชำรุด, เสาเอียง, เสาหัก, เสาล้ม, เสาผุ, เสียหาย, แตก, ไม่ดี
                         / damaged, leaning, broken, bent, cracked, not good
    flickering           กะพริบ, กระพริบ, ติดๆดับๆ, ติดดับ / flicker, flickers, flickering, blinking
    day_burning          ติดกลางวัน, เปิดกลางวัน, ติดค้าง, ติดตลอดเวลา, ติดทั้งวัน, ไม่ดับ
                         / day burning, on in daytime
    working              สภาพดี, ดี (not inside เดียว/เดี๋ยว), ปกติ, ใช้งานได้, ใช้การได้, ใช้ได้, สว่าง
                         / good, ok, working, works, fine, normal
    unknown              ไม่แน่ใจ, ไม่ทราบ / unknown, not sure, unsure; and notes with no keyword
    ===================  =========================================================================

    When a note names several statuses, the first in the table wins (missing > out > damaged_pole >
    flickering > day_burning > working > unknown: the status that leaves people in the dark, then
    the one that needs the bigger job), and the others are kept in the explanation. The
    surveyor's status word decides; observations that are not a status are *maintenance issues*
    kept next to it: สายไฟห้อย/สายห้อย/สายหย่อน (wires hanging), กิ่งไม้พาด/กิ่งไม้ (branches over the
    lamp: trim), ใกล้ต้นไม้/ต้นไม้อยู่ใกล้/มีต้นไม้ (near a tree), หลอดเดียว/บางดวง (only part of the
    lamps light), แสงน้อย/ไฟหรี่/ไม่ค่อยสว่าง (dim), ป้าย (a sign on or at the pole), ผิดปกติ
    (abnormal: check it). So ``สภาพดี มีสายไฟห้อย`` is *working* with the
    issue "wires hanging", and ``สภาพชำรุด มีหลอดไฟหลอดเดียว`` (damaged, one bulb) is *damaged_pole*
    with "only part of the lamps light": the surveyor wrote ชำรุด (damaged), not ดับ (out), the lamp
    still gives light, and the schema has no "partly out" status. LED/โซเดียม/เมทัลฮาไลด์/
    ฟลูออเรสเซนต์ in the note give the lamp type.

Outage clusters — :func:`outage_clusters`
    Lamps whose status is in ``out_statuses`` (default out and flickering: a failing circuit,
    contactor or photocell shows as both) are joined when they are within ``distance`` metres
    (default 60 m: one or two spans) **and** share a circuit or a road; a lamp with neither a
    circuit nor a road joins any out lamp within the distance (so it can bridge two circuits). The
    joined groups are single-linkage components (STRtree ``dwithin`` pairs, then a vectorised
    union-find in numpy — no SciPy needed); a group of at least ``min_lamps`` (default 3:
    "all out" on a circuit, DOMAIN.md) is a cluster: one likely cause, one job. Cluster ids are
    1, 2, … in the order of each cluster's first lamp in the input; 0 = not in a cluster.

Lighting gaps — :func:`lighting_gaps`
    Every lamp within ``snap`` metres (default 25 m) of a road is projected onto its nearest road
    only (ties: the road given first), among *all* roads given, also those not to be lit, so a lamp
    of a side street does not light the main road. Along each road to be lit, the positions of lit
    lamps (status in ``lit_statuses``: working, day_burning and unknown — a lamp nobody reported is
    presumed to light; pass ``("working",)`` for a strict check) are sorted, and every stretch
    longer than ``spacing`` (default 50 m) without one is a gap — between two lamps, from the road
    start to the first lamp and from the last lamp to the road end; a road without lamps is one
    full-length gap. The 50 m default is an assumption, not a standard: lamps on Thai municipal
    streets mostly hang on the poles of the PEA/MEA low-voltage network, a few tens of metres apart,
    and the 40 surveyed poles of ../shared/data/khonkaen are a median 49 m from their nearest
    neighbour; set ``spacing`` from the municipality's own lighting design (main roads are often
    lit closer). Road ends are judged with the same threshold because they usually meet another
    lit road. Multi-part roads are merged
    with ``shapely.line_merge``; parts that stay apart (gaps in the data, branches) are handled as
    separate lines with their own chainage from 0 and a ``part`` number. Each gap records the lamps
    that stand in it but do not light (``lamps_not_lit``): fix those, or install new poles.

KPIs — :func:`lighting_kpis`: lamps, by status, out and % out, median days out of the out lamps,
clusters, gap count and km, out lamps by pole owner (municipality or PEA/MEA repair them).

Metres, not degrees: every function with distances takes ``crs_is_geographic``. ``True`` (the
layer's CRS is geographic, e.g. ``layer.crs().isGeographic()``) is refused; ``False`` trusts the
caller; ``None`` (default) looks at the coordinates' magnitude and refuses data with at least half
of its vertices inside Thailand's longitude/latitude box (97–106, 5.3–20.8): UTM coordinates of Thai
municipalities are 160,000 m and more, so no metric layer passes for degrees.
"""

from __future__ import annotations

import dataclasses
import datetime as _dt
import math
import re
from collections import Counter
from collections.abc import Hashable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

import numpy as np

from . import schema
from .complaints import BANGKOK, parse_datetime
from .crs import THAILAND_LONLAT
from .errors import CddpError
from .i18n import translate

if TYPE_CHECKING:
    import shapely

LAMP_STATUSES: tuple[str, ...] = tuple(str(c) for c in schema.DOMAINS["lamp_status"].codes())
OWNERS: tuple[str, ...] = tuple(str(c) for c in schema.DOMAINS["asset_owner"].codes())
FAULT_STATUSES: tuple[str, ...] = tuple(s for s in LAMP_STATUSES if s not in ("working", "unknown"))
OUT_STATUSES: tuple[str, ...] = ("out", "flickering")
LIT_STATUSES: tuple[str, ...] = ("working", "partly_out", "day_burning", "unknown")  # still give light

DEFAULT_CLUSTER_DISTANCE = 60.0
DEFAULT_MIN_LAMPS = 3
DEFAULT_SNAP = 25.0
DEFAULT_SPACING = 50.0
_EPS = 1e-6  # metres: floating-point slack when comparing stretches with the spacing threshold

# --------------------------------------------------------------------------------------------------
# Messages (one literal per translate call so that pylupdate extracts them)

_STATUS_BAD = translate("core", "Streetlight {lamp}: status '{value}' is not a lamp status; use one of {allowed}.")
_OWNER_BAD = translate("core", "Streetlight {lamp}: owner '{value}' is not a pole owner; use one of {allowed}.")
_LAMP_DUPLICATE = translate("core", "Streetlight id {lamp} appears more than once; every streetlight needs its own id.")
_FAULT_BAD = translate(
    "core", "Fault record {record} of streetlight {lamp}: fault '{value}' is not a lamp status; use one of {allowed}."
)
_FAULT_WORKING = translate(
    "core",
    "Fault record {record} of streetlight {lamp}: 'working' is not a fault; record the repair as the fault's resolved_at time instead.",
)
_FAULT_TIME = translate(
    "core", "Fault record {record} of streetlight {lamp}: '{value}' in {field} is not a date and time."
)
_FAULT_ORDER = translate(
    "core", "Fault record {record} of streetlight {lamp}: resolved at {resolved}, before it was reported ({reported})."
)
_FAULT_FUTURE = translate(
    "core",
    "Fault record {record} of streetlight {lamp}: {field} {value} is later than the time of the analysis ({now}).",
)
_INSPECTION_BAD = translate(
    "core", "Inspection {record} of streetlight {lamp}: status '{value}' is not a lamp status; use one of {allowed}."
)
_INSPECTION_TIME = translate("core", "Inspection {record} of streetlight {lamp}: '{value}' is not a date and time.")
_INSPECTION_NO_TIME = translate(
    "core", "Inspection {record} of streetlight {lamp} has no date; an inspection needs the time it was made."
)
_INSPECTION_FUTURE = translate(
    "core",
    "Inspection {record} of streetlight {lamp}: inspected at {value}, later than the time of the analysis ({now}).",
)
_RECORD_NO_LAMP = translate(
    "core", "Record {record} names no streetlight; give the streetlight's id (streetlight_uuid)."
)
_SINCE_BAD = translate("core", "Streetlight {lamp}: '{value}' is not a date and time for the start of its outage.")
_NOW_BAD = translate("core", "'{value}' is not a date and time for the analysis.")
_ROAD_EMPTY = translate(
    "core", "Road {road} has no geometry (missing or empty); give it a line or leave it out of the analysis."
)
_ROAD_TYPE = translate("core", "Road {road} is a {type}, not a line; roads must be LineStrings or MultiLineStrings.")
_ROAD_COORDS = translate(
    "core", "Road {road} has coordinates that are not numbers (NaN or infinite); fix its geometry."
)
_ROAD_NO_LENGTH = translate(
    "core", "Road {road} has no length (all its points are in the same place); fix or delete it before the analysis."
)
_LAMP_EMPTY = translate(
    "core", "Streetlight {lamp} has no location (missing or empty geometry); place it or leave it out of the analysis."
)
_LAMP_TYPE = translate("core", "Streetlight {lamp} is a {type}, not a point.")
_LAMP_COORDS = translate(
    "core", "Streetlight {lamp} has coordinates that are not numbers (NaN or infinite); fix its location."
)
_GEOGRAPHIC_FLAG = translate(
    "core",
    "The {layer} are in a geographic CRS (degrees), but this analysis measures metres. Reproject them to a projected CRS in metres such as EPSG:32647 (UTM 47N) or EPSG:32648 (UTM 48N).",
)
_GEOGRAPHIC_GUESS = translate(
    "core",
    "The {layer} look like longitude/latitude in degrees (e.g. {x:.5f}, {y:.5f}), but this analysis measures metres. Reproject them to a projected CRS in metres such as EPSG:32647 (UTM 47N) or EPSG:32648 (UTM 48N).",
)
_DISTANCE_BAD = translate("core", "The cluster distance must be a positive number of metres (e.g. 60); got {value}.")
_MIN_LAMPS_BAD = translate(
    "core", "The smallest outage cluster must be a whole number of at least 2 lamps (e.g. 3); got {value}."
)
_SNAP_BAD = translate(
    "core", "The snapping distance from a lamp to its road must be a positive number of metres (e.g. 25); got {value}."
)
_SPACING_BAD = translate(
    "core", "The lamp spacing threshold must be a positive number of metres (e.g. 50); got {value}."
)
_STATUS_SET_BAD = translate("core", "'{value}' in the statuses to count ({what}) is not a lamp status; use {allowed}.")

_LAYER_LAMPS = "streetlights"
_LAYER_ROADS = "roads"

# --------------------------------------------------------------------------------------------------
# Status values


def _status_lookup(domain: str) -> dict[str, str]:
    table: dict[str, str] = {}
    for code, th, en in schema.DOMAINS[domain].values:
        for key in (code, th, en):
            table[_fold(str(key))] = str(code)
    return table


def _fold(text: str) -> str:
    return re.sub(r"[\s_\-]+", " ", text.strip().lower())


_STATUS_BY_TEXT = _status_lookup("lamp_status")
_STATUS_BY_TEXT.update({_fold(k): v for k, v in {"day-burning": "day_burning", "damaged pole": "damaged_pole"}.items()})
_OWNER_BY_TEXT = _status_lookup("asset_owner")


def _blank(value: object) -> bool:
    if value is None:
        return True
    if isinstance(value, float) and math.isnan(value):
        return True
    return isinstance(value, str) and value.strip() in ("", "<NA>", "NULL")


def parse_status(value: object) -> str | None:
    """A ``lamp_status`` code from a code, its Thai or English label (``'ดับ'`` → ``'out'``); ``None`` if unknown text.

    Blank values (None, '', NaN) give ``'unknown'``, the schema's default.
    """
    if _blank(value):
        return "unknown"
    return _STATUS_BY_TEXT.get(_fold(str(value)))


def _allowed(codes: Iterable[str]) -> str:
    return ", ".join(codes)


def _lamp_label(ids: Sequence | None, i: int) -> str:
    return str(ids[i]) if ids is not None else f"#{i + 1}"


def normalise_statuses(statuses: Iterable[object], ids: Sequence | None = None) -> np.ndarray:
    """``lamp_status`` codes (object array) for status values of a layer; raises on unknown text."""
    out = []
    cache: dict[object, str | None] = {}
    for i, v in enumerate(statuses):
        try:
            code = cache[v]
        except KeyError:
            code = cache[v] = parse_status(v)
        except TypeError:  # unhashable
            code = parse_status(v)
        if code is None:
            raise CddpError(_STATUS_BAD, lamp=_lamp_label(ids, i), value=v, allowed=_allowed(LAMP_STATUSES))
        out.append(code)
    arr = np.empty(len(out), dtype=object)
    arr[:] = out
    return arr


def _status_set(values: Iterable[str], what: str) -> frozenset[str]:
    result = set()
    for v in values:
        code = parse_status(v)
        if code is None or _blank(v):
            raise CddpError(_STATUS_SET_BAD, value=v, what=what, allowed=_allowed(LAMP_STATUSES))
        result.add(code)
    return frozenset(result)


# --------------------------------------------------------------------------------------------------
# 1. Lamp status from fault records and inspections


@dataclass(frozen=True)
class FaultRecord:
    """One ``streetlight_faults`` row: ``fault`` is a lamp_status code (not ``working``)."""

    lamp_id: Hashable
    fault: str | None
    reported_at: object = None
    resolved_at: object = None
    record_id: Hashable | None = None


@dataclass(frozen=True)
class Inspection:
    """One streetlight check in the field."""

    lamp_id: Hashable
    status: str | None
    inspected_at: object
    record_id: Hashable | None = None


@dataclass(frozen=True)
class LampState:
    status: str
    source: str  # "fault", "repair", "inspection", "layer" (the current value kept) or "none"
    decided_at: _dt.datetime | None
    out_since: _dt.datetime | None
    days_out: float | None
    open_faults: int


@dataclass
class StatusResult:
    lamp_ids: tuple
    status: np.ndarray  # object: lamp_status codes
    source: np.ndarray  # object: see LampState.source
    decided_at: np.ndarray  # object: aware datetime or None
    out_since: np.ndarray  # object: aware datetime or None
    days_out: np.ndarray  # float, NaN unless the lamp has a fault status and a dated outage start
    open_faults: np.ndarray  # int: unresolved fault records
    stale_faults: list[FaultRecord] = field(default_factory=list)  # open but older than a later repair/working check
    orphans: list[FaultRecord | Inspection] = field(default_factory=list)  # records of lamps not in lamp_ids
    now: _dt.datetime | None = None

    def state(self, lamp_id: Hashable) -> LampState:
        i = self.lamp_ids.index(lamp_id)
        d = self.days_out[i]
        return LampState(
            self.status[i],
            self.source[i],
            self.decided_at[i],
            self.out_since[i],
            None if np.isnan(d) else float(d),
            int(self.open_faults[i]),
        )


_RANK_REPORT, _RANK_REPAIR, _RANK_INSPECTION = 0, 1, 2
_OLDEST = _dt.datetime(1, 1, 1, tzinfo=_dt.UTC)


def _get(record: object, *names: str) -> object:
    for name in names:
        if isinstance(record, Mapping):
            if name in record:
                return record[name]
        elif hasattr(record, name):
            return getattr(record, name)
    return None


def _record_label(record: object, n: int) -> str:
    rid = _get(record, "record_id", "uuid", "fid")
    return str(rid) if not _blank(rid) else f"#{n}"


def _as_fault(record: object, n: int) -> FaultRecord:
    if isinstance(record, FaultRecord):
        return record if record.record_id is not None else dataclasses.replace(record, record_id=f"#{n}")
    lamp = _get(record, "lamp_id", "streetlight_uuid", "streetlight")
    return FaultRecord(
        lamp,
        _get(record, "fault", "status"),
        _get(record, "reported_at"),
        _get(record, "resolved_at"),
        _record_label(record, n),
    )


def _as_inspection(record: object, n: int) -> Inspection:
    if isinstance(record, Inspection):
        return record if record.record_id is not None else dataclasses.replace(record, record_id=f"#{n}")
    lamp = _get(record, "lamp_id", "streetlight_uuid", "streetlight")
    when = _get(record, "inspected_at", "inspected_on")
    return Inspection(lamp, _get(record, "status"), when, _record_label(record, n))


def _moment(value: object, message: str, **params: object) -> _dt.datetime | None:
    if _blank(value):
        return None
    try:
        return parse_datetime(value, BANGKOK)
    except (ValueError, TypeError):
        raise CddpError(message, value=value, **params) from None


def lamp_statuses(
    lamp_ids: Iterable[Hashable],
    faults: Iterable[FaultRecord | Mapping] = (),
    inspections: Iterable[Inspection | Mapping] = (),
    *,
    now: object = None,
    current: Iterable[object] | None = None,
) -> StatusResult:
    """The current status of every lamp from its fault records and inspections (rule: module docstring).

    ``faults`` and ``inspections`` are :class:`FaultRecord`/:class:`Inspection` objects or mappings
    with the schema's field names (``streetlight_uuid``, ``fault``, ``reported_at``, ``resolved_at``;
    ``streetlight_uuid``, ``status``, ``inspected_at``); times are datetimes, dates or text (naive
    times are Bangkok time). ``now`` defaults to the current time; ``current`` is the lamps' status
    field, kept for lamps without events. Records of lamps not in ``lamp_ids`` are returned in
    ``orphans``.
    """
    ids = tuple(lamp_ids)
    index: dict[Hashable, int] = {}
    for i, lamp in enumerate(ids):
        if lamp in index:
            raise CddpError(_LAMP_DUPLICATE, lamp=lamp)
        index[lamp] = i
    n = len(ids)
    if now is None:
        now_dt = _dt.datetime.now(_dt.UTC)
    else:
        now_dt = _moment(now, _NOW_BAD)
        if now_dt is None:
            raise CddpError(_NOW_BAD, value=now)
    base = normalise_statuses(current, ids) if current is not None else np.full(n, None, dtype=object)
    if len(base) != n:
        raise ValueError(f"current has {len(base)} values for {n} streetlights")

    # events per lamp: (time, rank, status, fault record or None)
    events: list[list[tuple]] = [[] for _ in range(n)]
    open_faults = np.zeros(n, dtype=np.int64)
    orphans: list[FaultRecord | Inspection] = []

    for k, raw in enumerate(faults, start=1):
        rec = _as_fault(raw, k)
        label = rec.record_id
        if _blank(rec.lamp_id):
            raise CddpError(_RECORD_NO_LAMP, record=label)
        code = parse_status(rec.fault)
        if code is None:
            raise CddpError(
                _FAULT_BAD,
                record=label,
                lamp=rec.lamp_id,
                value=rec.fault,
                allowed=_allowed((*FAULT_STATUSES, "unknown")),
            )
        if code == "working":
            raise CddpError(_FAULT_WORKING, record=label, lamp=rec.lamp_id)
        reported = _moment(rec.reported_at, _FAULT_TIME, record=label, lamp=rec.lamp_id, field="reported_at")
        resolved = _moment(rec.resolved_at, _FAULT_TIME, record=label, lamp=rec.lamp_id, field="resolved_at")
        for name, when in (("reported_at", reported), ("resolved_at", resolved)):
            if when is not None and when > now_dt:
                raise CddpError(_FAULT_FUTURE, record=label, lamp=rec.lamp_id, field=name, value=when.isoformat(),
                                now=now_dt.isoformat())  # fmt: skip
        if reported is not None and resolved is not None and resolved < reported:
            raise CddpError(_FAULT_ORDER, record=label, lamp=rec.lamp_id, resolved=resolved.isoformat(),
                            reported=reported.isoformat())  # fmt: skip
        i = index.get(rec.lamp_id)
        if i is None:
            orphans.append(rec)
            continue
        if resolved is None:
            open_faults[i] += 1
            events[i].append((reported or _OLDEST, _RANK_REPORT, code, rec))
        else:
            events[i].append((resolved, _RANK_REPAIR, "working", None))

    for k, raw in enumerate(inspections, start=1):
        rec = _as_inspection(raw, k)
        label = rec.record_id
        if _blank(rec.lamp_id):
            raise CddpError(_RECORD_NO_LAMP, record=label)
        code = parse_status(rec.status)
        if code is None:
            raise CddpError(_INSPECTION_BAD, record=label, lamp=rec.lamp_id, value=rec.status,
                            allowed=_allowed(LAMP_STATUSES))  # fmt: skip
        when = _moment(rec.inspected_at, _INSPECTION_TIME, record=label, lamp=rec.lamp_id)
        if when is None:
            raise CddpError(_INSPECTION_NO_TIME, record=label, lamp=rec.lamp_id)
        if when > now_dt:
            raise CddpError(_INSPECTION_FUTURE, record=label, lamp=rec.lamp_id, value=when.isoformat(),
                            now=now_dt.isoformat())  # fmt: skip
        i = index.get(rec.lamp_id)
        if i is None:
            orphans.append(rec)
            continue
        events[i].append((when, _RANK_INSPECTION, code, None))

    status = np.empty(n, dtype=object)
    source = np.empty(n, dtype=object)
    decided = np.full(n, None, dtype=object)
    since = np.full(n, None, dtype=object)
    days = np.full(n, np.nan)
    stale: list[FaultRecord] = []
    for i in range(n):
        evs = sorted(events[i], key=lambda e: (e[0], e[1]))
        known = [e for e in evs if e[2] != "unknown"]
        if known:
            last = known[-1]
        elif evs:
            last = evs[-1]
        else:
            status[i] = base[i] if base[i] is not None else "unknown"
            source[i] = "layer" if base[i] is not None else "none"
            continue
        status[i] = last[2]
        source[i] = ("fault", "repair", "inspection")[last[1]]
        decided[i] = None if last[0] is _OLDEST else last[0]
        # last evidence that the lamp worked
        worked = [k for k, e in enumerate(evs) if e[2] == "working"]
        after = worked[-1] + 1 if worked else 0
        stale += [e[3] for e in evs[:after] if e[3] is not None]
        if status[i] in FAULT_STATUSES:
            failures = [e for e in evs[after:] if e[1] == _RANK_REPORT or e[2] in FAULT_STATUSES]
            if failures and failures[0][0] is not _OLDEST:
                since[i] = failures[0][0]
                days[i] = (now_dt - failures[0][0]).total_seconds() / 86400.0
    return StatusResult(ids, status, source, decided, since, days, open_faults, stale, orphans, now_dt)


# --------------------------------------------------------------------------------------------------
# 2. Thai (and English) condition notes → lamp status


@dataclass(frozen=True)
class _Rule:
    text: str
    kind: str  # "status", "issue" or "lamp_type"
    code: str
    english: bool = False
    not_after: str = ""  # characters that must not precede the keyword
    not_before: str = ""  # characters that must not follow it


def _rules() -> list[_Rule]:
    s, i, t = "status", "issue", "lamp_type"
    th = {
        "missing": ("สูญหาย", "หาย", "ถูกขโมย", "ไม่มีโคม", "ไม่มีหลอด"),
        "out": ("ไฟดับ", "ไม่ติด", "ไม่สว่าง", "ใช้งานไม่ได้", "ใช้การไม่ได้", "หลอดเสีย", "หลอดขาด", "ไฟเสีย"),
        "damaged_pole": ("ชำรุด", "เสาชำรุด", "เสาเอียง", "เสาหัก", "เสาล้ม", "เสาผุ", "เสียหาย", "แตก", "ไม่ดี"),
        "flickering": ("กะพริบ", "กระพริบ", "ติดดับติดดับ", "ติดดับ"),
        "day_burning": ("ติดกลางวัน", "เปิดกลางวัน", "ติดค้าง", "ติดตลอดเวลา", "ติดทั้งวัน", "ไม่ดับ"),
        "working": ("สภาพดี", "ปกติ", "ใช้งานได้", "ใช้การได้", "ใช้ได้", "สว่าง"),
        "unknown": ("ไม่แน่ใจ", "ไม่ทราบ"),
    }
    en = {
        "missing": ("missing", "stolen", "gone"),
        "out": ("out", "off", "not working", "not lit", "dark", "dead", "burnt out", "burned out"),
        "damaged_pole": ("damaged", "leaning", "broken", "bent", "cracked", "not good"),
        "flickering": ("flicker", "flickers", "flickering", "blinking"),
        "day_burning": ("day burning", "day-burning", "on in daytime", "on during the day", "burning by day"),
        "working": ("good", "ok", "working", "works", "fine", "normal"),
        "unknown": ("unknown", "not sure", "unsure"),
    }
    issues_th = {
        "wires_hanging": ("สายไฟห้อย", "สายห้อย", "สายไฟหย่อน", "สายหย่อน"),
        "branches": ("กิ่งไม้พาด", "กิ่งไม้", "ต้นไม้บัง"),
        "near_tree": ("ใกล้ต้นไม้", "ต้นไม้อยู่ใกล้", "มีต้นไม้"),
        "partial_light": ("หลอดเดียว", "บางดวง", "ดวงเดียว"),
        "attachment": ("ป้าย",),
        "abnormal": ("ผิดปกติ",),
        "dim": ("แสงน้อย", "สว่างน้อย", "ไม่ค่อยสว่าง", "ไฟหรี่", "แสงหรี่"),
    }
    issues_en = {
        "wires_hanging": ("hanging wire", "hanging wires", "wires hanging", "loose wires"),
        "branches": ("branch", "branches", "tree branches"),
        "near_tree": ("near a tree", "near tree", "next to a tree"),
        "partial_light": ("one bulb", "one lamp working", "partly out", "partially out"),
        "attachment": ("sign", "signs", "signboard"),
        "abnormal": ("abnormal",),
        "dim": ("dim", "weak light"),
    }
    types_th = {
        "led": ("led", "แอลอีดี"),
        "hps": ("โซเดียม",),
        "mh": ("เมทัลฮาไลด์",),
        "fluorescent": ("ฟลูออเรสเซนต์", "นีออน"),
    }
    types_en = {"hps": ("sodium", "hps"), "mh": ("metal halide",), "fluorescent": ("fluorescent", "neon")}
    rules = [_Rule(w, s, code) for code, words in th.items() for w in words]
    rules.append(_Rule("ดี", s, "working", not_after="เ", not_before="ยด"))  # not in เดียว, เดี๋ยว, ดีด
    rules.append(_Rule("ดับ", s, "out", not_after="ะ"))  # not in ระดับ (level)
    rules += [_Rule(w, s, code, english=True) for code, words in en.items() for w in words]
    rules += [_Rule(w, i, code) for code, words in issues_th.items() for w in words]
    rules += [_Rule(w, i, code, english=True) for code, words in issues_en.items() for w in words]
    rules += [_Rule(w, t, code, english=w.isascii()) for code, words in types_th.items() for w in words]
    rules += [_Rule(w, t, code, english=True) for code, words in types_en.items() for w in words]
    rules.sort(key=lambda r: -len(r.text))
    return rules


def _compile(rule: _Rule) -> re.Pattern:
    if rule.english:
        body = r"\s+".join(re.escape(w) for w in rule.text.split())
        core = rf"(?<![a-z0-9]){body}(?![a-z0-9])"
    else:
        core = r"\s?".join(re.escape(c) for c in rule.text)
    if rule.not_after:
        core = f"(?<![{re.escape(rule.not_after)}])" + core
    if rule.not_before:
        core += f"(?![{re.escape(rule.not_before)}])"
    return re.compile(core)


_NOTE_RULES = [(r, _compile(r)) for r in _rules()]
# the order in which statuses named together win (module docstring)
STATUS_PRECEDENCE = ("missing", "out", "damaged_pole", "flickering", "day_burning", "working", "unknown")

ISSUES: dict[str, tuple[str, str]] = {
    "wires_hanging": ("สายไฟห้อย", "wires hanging"),
    "branches": ("กิ่งไม้พาดโคม ควรตัดแต่ง", "branches over the lamp (trim)"),
    "near_tree": ("อยู่ใกล้ต้นไม้", "near a tree"),
    "partial_light": ("ติดไม่ครบทุกดวง", "only part of the lamps light"),
    "attachment": ("มีป้าย/สิ่งของติดที่เสา", "a sign or object on or at the pole"),
    "abnormal": ("แจ้งว่าผิดปกติ ควรตรวจ", "reported abnormal: check it"),
    "dim": ("แสงน้อย", "dim light"),
}
_STATUS_LABELS = {str(code): (th, en) for code, th, en in schema.DOMAINS["lamp_status"].values}


@dataclass(frozen=True)
class NoteStatus:
    status: str  # lamp_status code
    keywords: tuple[str, ...]  # the status keywords found, in the note's order
    also: tuple[str, ...]  # other statuses the note names (lost to the precedence)
    issues: tuple[str, ...]  # maintenance issue codes (keys of ISSUES), in the note's order
    lamp_type: str | None  # lamp_type code when the note names one

    def note(self, language: str = "th") -> str:
        """Why, in Thai (``'ชำรุด → เสาชำรุด; สายไฟห้อย'``) or English (``'ชำรุด → Damaged pole; wires hanging'``)."""
        k = 0 if language == "th" else 1
        label = _STATUS_LABELS[self.status][k]
        if self.keywords:
            head = f"{', '.join(self.keywords)} → {label}"
        else:
            head = f"{'ไม่พบคำบอกสภาพ' if k == 0 else 'no condition keyword'} → {label}"
        if self.also:
            others = ", ".join(_STATUS_LABELS[s][k] for s in self.also)
            head += f" ({'ระบุด้วย' if k == 0 else 'also'}: {others})"
        return "; ".join([head, *(ISSUES[i][k] for i in self.issues)])


def _normalise_note(text: str) -> str:
    text = text.replace("ๆ", " ").replace("\u200b", "").lower()
    return re.sub(r"\s+", " ", text).strip()


def status_from_note(text: object) -> NoteStatus:
    """The lamp status a free-text condition note (Thai or English) describes, with its reasons.

    Rules, keyword table and precedence: module docstring. A blank note, or one with no condition
    keyword, gives ``unknown``.
    """
    if _blank(text):
        return NoteStatus("unknown", (), (), (), None)
    note = _normalise_note(str(text))
    found: list[tuple[int, _Rule, str]] = []
    for rule, pattern in _NOTE_RULES:
        matches = list(pattern.finditer(note))
        if matches:
            found += [(m.start(), rule, m.group(0)) for m in matches]
            note = pattern.sub(lambda m: "\0" * len(m.group(0)), note)  # blank it for shorter keywords
    found.sort(key=lambda f: f[0])
    statuses = [f[1].code for f in found if f[1].kind == "status"]
    status = min(statuses, key=STATUS_PRECEDENCE.index) if statuses else "unknown"
    keywords = tuple(dict.fromkeys(f[2] for f in found if f[1].kind == "status" and f[1].code == status))
    also = tuple(dict.fromkeys(s for s in statuses if s != status))
    issues = tuple(dict.fromkeys(f[1].code for f in found if f[1].kind == "issue"))
    types = [f[1].code for f in found if f[1].kind == "lamp_type"]
    return NoteStatus(status, keywords, also, issues, types[0] if types else None)


# --------------------------------------------------------------------------------------------------
# Geometry input checks


def _as_geoms(values) -> np.ndarray:
    """An object ndarray of shapely geometries from a list, an array or a GeoSeries."""
    values = getattr(values, "values", values)
    if isinstance(values, np.ndarray) and values.dtype == object and values.ndim == 1:
        return values
    arr = np.empty(len(values), dtype=object)
    arr[:] = list(values)
    return arr


_TYPE_NAMES = dict(enumerate(("Point", "LineString", "LinearRing", "Polygon", "MultiPoint", "MultiLineString",
                               "MultiPolygon", "GeometryCollection")))  # fmt: skip


def _check_geoms(geoms: np.ndarray, ids: Sequence | None, allowed: tuple[int, ...], lamps: bool) -> None:
    import shapely

    missing = shapely.is_missing(geoms)
    empty = missing.copy()
    empty[~missing] = shapely.is_empty(geoms[~missing])
    bad = np.flatnonzero(empty)
    if bad.size:
        i = int(bad[0])
        if lamps:
            raise CddpError(_LAMP_EMPTY, lamp=_lamp_label(ids, i))
        raise CddpError(_ROAD_EMPTY, road=_lamp_label(ids, i))
    types = shapely.get_type_id(geoms)
    bad = np.flatnonzero(~np.isin(types, allowed))
    if bad.size:
        i = int(bad[0])
        kind = _TYPE_NAMES.get(int(types[i]), str(types[i]))
        if lamps:
            raise CddpError(_LAMP_TYPE, lamp=_lamp_label(ids, i), type=kind)
        raise CddpError(_ROAD_TYPE, road=_lamp_label(ids, i), type=kind)
    if len(geoms):
        coords, which = shapely.get_coordinates(geoms, return_index=True)
        finite = np.isfinite(coords).all(axis=1)
        if not finite.all():
            i = int(which[np.flatnonzero(~finite)[0]])
            if lamps:
                raise CddpError(_LAMP_COORDS, lamp=_lamp_label(ids, i))
            raise CddpError(_ROAD_COORDS, road=_lamp_label(ids, i))


def _degree_vertex(geoms) -> np.ndarray | None:
    """A vertex inside Thailand's longitude/latitude box when at least half of the vertices are there."""
    import shapely

    xy = shapely.get_coordinates(_as_geoms(geoms))
    if not len(xy):
        return None
    bx0, by0, bx1, by1 = THAILAND_LONLAT
    inside = (xy[:, 0] >= bx0) & (xy[:, 0] <= bx1) & (xy[:, 1] >= by0) & (xy[:, 1] <= by1)
    return xy[np.argmax(inside)] if 2 * inside.sum() >= len(xy) else None


def looks_geographic(geoms) -> bool:
    """True when at least half of the vertices lie inside Thailand's longitude/latitude box
    (97–106 E, 5.3–20.8 N): degrees, not metres. UTM coordinates in Thailand are 160,000 m and more,
    so no metric layer of a Thai municipality passes; a few stray points (0, 0) do not hide degrees."""
    return _degree_vertex(geoms) is not None


def _check_metric(geoms: np.ndarray, layer: str, crs_is_geographic: bool | None) -> None:
    if crs_is_geographic:
        raise CddpError(_GEOGRAPHIC_FLAG, layer=layer)
    if crs_is_geographic is None:
        vertex = _degree_vertex(geoms)
        if vertex is not None:
            raise CddpError(_GEOGRAPHIC_GUESS, layer=layer, x=float(vertex[0]), y=float(vertex[1]))


def _positive(value: object, message: str) -> float:
    try:
        v = float(value)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        raise CddpError(message, value=value) from None
    if not math.isfinite(v) or v <= 0:
        raise CddpError(message, value=value)
    return v


def _optional_column(values, n: int) -> np.ndarray:
    """Object array of stripped text or None (for circuits and road ids)."""
    arr = np.full(n, None, dtype=object)
    if values is None:
        return arr
    values = list(getattr(values, "values", values))
    if len(values) != n:
        raise ValueError(f"{len(values)} values for {n} streetlights")
    arr[:] = [None if _blank(v) else str(v).strip() for v in values]
    return arr


def _codes(values: np.ndarray) -> np.ndarray:
    """Integer codes for an object array of hashables; None → −1."""
    table: dict[object, int] = {}
    return np.fromiter((-1 if v is None else table.setdefault(v, len(table)) for v in values), dtype=np.int64,
                       count=len(values))  # fmt: skip


# --------------------------------------------------------------------------------------------------
# 3. Outage clusters


def connected_components(n: int, i: np.ndarray, j: np.ndarray) -> np.ndarray:
    """Component labels (the smallest member index) of an undirected graph with ``n`` nodes and edges
    ``i``–``j``: a vectorised union-find (hooking roots on the smaller root, then pointer jumping)."""
    parent = np.arange(n)
    i = np.asarray(i, dtype=np.int64)
    j = np.asarray(j, dtype=np.int64)
    while True:
        pi, pj = parent[i], parent[j]
        differ = pi != pj
        if not differ.any():
            break
        lo = np.minimum(pi[differ], pj[differ])
        hi = np.maximum(pi[differ], pj[differ])
        np.minimum.at(parent, hi, lo)
        while True:
            grand = parent[parent]
            if np.array_equal(grand, parent):
                break
            parent = grand
    return parent


@dataclass(frozen=True)
class OutageCluster:
    cluster_id: int
    lamp_count: int
    lamp_ids: tuple
    circuits: tuple[str, ...]  # distinct circuits of its lamps (sorted)
    roads: tuple[str, ...]  # distinct road ids of its lamps (sorted)
    centroid: shapely.Point
    first_reported: _dt.datetime | None  # earliest outage start of its lamps
    statuses: dict[str, int]  # lamps per status


@dataclass
class ClusterResult:
    cluster_id: np.ndarray  # int per lamp: 1, 2, … or 0 (not in a cluster)
    clusters: list[OutageCluster]

    @property
    def lamps_in_clusters(self) -> int:
        return int(np.count_nonzero(self.cluster_id))


def outage_clusters(
    lamps,
    statuses: Iterable[object],
    *,
    ids: Sequence[Hashable] | None = None,
    circuits: Iterable[object] | None = None,
    roads: Iterable[object] | None = None,
    out_since: Iterable[object] | None = None,
    distance: float = DEFAULT_CLUSTER_DISTANCE,
    min_lamps: int = DEFAULT_MIN_LAMPS,
    out_statuses: Iterable[str] = OUT_STATUSES,
    crs_is_geographic: bool | None = None,
) -> ClusterResult:
    """Outage clusters: out lamps within ``distance`` m of each other on the same circuit or road.

    ``lamps``: points (metres); ``statuses``: their lamp_status values; ``circuits`` and ``roads``:
    each lamp's circuit and road id (None when unknown); ``out_since``: each lamp's outage start
    (e.g. :attr:`StatusResult.out_since`) for the clusters' first report. Rule: module docstring.
    """
    import shapely

    geoms = _as_geoms(lamps)
    n = len(geoms)
    ids = list(ids) if ids is not None else None
    dist = _positive(distance, _DISTANCE_BAD)
    if isinstance(min_lamps, bool) or not isinstance(min_lamps, int | np.integer) or min_lamps < 2:
        raise CddpError(_MIN_LAMPS_BAD, value=min_lamps)
    out_set = _status_set(out_statuses, "out")
    codes = normalise_statuses(statuses, ids)
    if len(codes) != n or (ids is not None and len(ids) != n):
        raise ValueError(f"{len(codes)} statuses / {len(ids or [])} ids for {n} streetlights")
    circuit = _optional_column(circuits, n)
    road = _optional_column(roads, n)
    since = np.full(n, None, dtype=object)
    if out_since is not None:
        since[:] = [_moment(v, _SINCE_BAD, lamp=_lamp_label(ids, k)) for k, v in enumerate(out_since)]

    is_out = np.isin(codes, list(out_set))
    cand = np.flatnonzero(is_out)
    _check_geoms(geoms[cand], [_lamp_label(ids, int(k)) for k in cand], (0,), lamps=True)
    _check_metric(geoms[cand], _LAYER_LAMPS, crs_is_geographic)
    label = np.zeros(n, dtype=np.int64)
    if cand.size < min_lamps:
        return ClusterResult(label, [])
    pts = geoms[cand]
    tree = shapely.STRtree(pts)
    a, b = tree.query(pts, predicate="dwithin", distance=dist)
    keep = a < b
    a, b = a[keep], b[keep]
    cc, rc = _codes(circuit[cand]), _codes(road[cand])
    neither = (cc < 0) & (rc < 0)
    link = ((cc[a] >= 0) & (cc[a] == cc[b])) | ((rc[a] >= 0) & (rc[a] == rc[b])) | neither[a] | neither[b]
    comp = connected_components(cand.size, a[link], b[link])
    roots, first, sizes = np.unique(comp, return_index=True, return_counts=True)
    big = sizes >= min_lamps
    order = np.argsort(first[big], kind="stable")
    big_roots = roots[big][order]
    cluster_of_root = dict(zip(big_roots.tolist(), range(1, big_roots.size + 1), strict=True))
    local = np.fromiter((cluster_of_root.get(r, 0) for r in comp.tolist()), dtype=np.int64, count=cand.size)
    label[cand] = local

    clusters = []
    members_by_cluster = np.argsort(local, kind="stable")
    bounds = np.searchsorted(local[members_by_cluster], np.arange(1, big_roots.size + 2))
    xy = shapely.get_coordinates(pts)
    for c in range(1, big_roots.size + 1):
        members = members_by_cluster[bounds[c - 1] : bounds[c]]
        lamp_index = cand[members]
        starts = [since[k] for k in lamp_index if since[k] is not None]
        clusters.append(
            OutageCluster(
                cluster_id=c,
                lamp_count=int(members.size),
                lamp_ids=tuple(ids[k] if ids is not None else int(k) for k in lamp_index),
                circuits=tuple(sorted({v for v in circuit[lamp_index] if v is not None})),
                roads=tuple(sorted({v for v in road[lamp_index] if v is not None})),
                centroid=shapely.Point(xy[members].mean(axis=0)),
                first_reported=min(starts) if starts else None,
                statuses=dict(Counter(codes[lamp_index].tolist())),
            )
        )
    return ClusterResult(label, clusters)


# --------------------------------------------------------------------------------------------------
# 4. Lighting gaps


@dataclass(frozen=True)
class LightingGap:
    road_index: int  # position of the road in the input
    road_id: Hashable
    part: int  # 0 for a road that merges into one line; else the part of a multi-part road
    from_m: float  # chainage along the (part of the) road, metres
    to_m: float
    length_m: float
    kind: str  # "between" two lamps, "start" (road start → first lamp), "end", or "no_lamp" (whole line)
    lamps_not_lit: int  # lamps in the stretch whose status does not light it
    geometry: shapely.LineString


@dataclass
class GapResult:
    gaps: list[LightingGap]
    lamp_road: np.ndarray  # int per lamp: index of the road it serves, −1 if none within the snap distance
    lamp_part: np.ndarray  # int per lamp: part of that road, −1 if none
    lamp_chainage: np.ndarray  # float per lamp: metres along that part, NaN if none
    lamp_offset: np.ndarray  # float per lamp: distance to that road, NaN if none
    road_length_m: np.ndarray  # float per road
    road_gap_m: np.ndarray  # float per road: total gap length (0 for roads not to be lit)
    checked_length_m: float  # total length of the roads to be lit

    @property
    def total_gap_m(self) -> float:
        return float(self.road_gap_m.sum())


_KINDS = np.array(["between", "start", "end", "no_lamp"], dtype=object)


def _substrings(lines: np.ndarray, lengths: np.ndarray, which: np.ndarray, start: np.ndarray, end: np.ndarray):
    """``shapely.ops.substring(lines[which[k]], start[k], end[k])`` for every k (0 ≤ start < end ≤
    length), vectorised: the two interpolated end points with the line's vertices strictly between
    them. 2D; the lines' vertices are numbered along one global chainage so that a searchsorted
    finds each stretch's vertices."""
    import shapely

    if not which.size:
        return np.empty(0, dtype=object)
    xy, vline = shapely.get_coordinates(lines, return_index=True)
    step = np.zeros(len(xy))
    same = vline[1:] == vline[:-1]
    step[1:] = np.where(same, np.hypot(*(xy[1:] - xy[:-1]).T), 0.0)
    run = np.cumsum(step)
    within = run - run[np.searchsorted(vline, vline)]
    base = np.concatenate([[0.0], np.cumsum(lengths + 1.0)[:-1]])
    vglobal = base[vline] + within
    lo = np.searchsorted(vglobal, base[which] + start + 1e-9, side="right")  # no vertex within 1 nm of an end
    hi = np.searchsorted(vglobal, base[which] + end - 1e-9, side="left")
    inner = np.maximum(hi - lo, 0)
    a = shapely.get_coordinates(shapely.line_interpolate_point(lines[which], start))
    b = shapely.get_coordinates(shapely.line_interpolate_point(lines[which], end))
    count = inner + 2
    first = np.concatenate([[0], np.cumsum(count)[:-1]])
    coords = np.empty((int(count.sum()), 2))
    coords[first] = a
    coords[first + count - 1] = b
    owner = np.repeat(np.arange(which.size), inner)
    offset_in = np.arange(owner.size) - np.repeat(np.cumsum(inner) - inner, inner)
    coords[first[owner] + 1 + offset_in] = xy[lo[owner] + offset_in]
    return shapely.linestrings(coords, indices=np.repeat(np.arange(which.size), count))


def lighting_gaps(
    roads,
    lamps,
    *,
    road_ids: Sequence[Hashable] | None = None,
    lamp_ids: Sequence[Hashable] | None = None,
    statuses: Iterable[object] | None = None,
    to_light: Iterable[bool] | None = None,
    spacing: float = DEFAULT_SPACING,
    snap: float = DEFAULT_SNAP,
    lit_statuses: Iterable[str] = LIT_STATUSES,
    crs_is_geographic: bool | None = None,
) -> GapResult:
    """Stretches of road longer than ``spacing`` m without a lamp that lights (rule: module docstring).

    ``roads``: (Multi)LineStrings in metres; ``to_light``: which of them must be lit (e.g. ``lit`` =
    yes, or chosen classes; default all) — the others still take the lamps nearest to them;
    ``lamps``: points; ``statuses``: their lamp_status values (default: all ``unknown``, presumed
    lit, which gives the gaps in the pole layout).
    """
    import shapely

    rg = _as_geoms(roads)
    lg = _as_geoms(lamps)
    nr, nl = len(rg), len(lg)
    road_ids = list(road_ids) if road_ids is not None else None
    lamp_ids = list(lamp_ids) if lamp_ids is not None else None
    if (road_ids is not None and len(road_ids) != nr) or (lamp_ids is not None and len(lamp_ids) != nl):
        raise ValueError("road_ids/lamp_ids do not match the geometries")
    spacing = _positive(spacing, _SPACING_BAD)
    snap = _positive(snap, _SNAP_BAD)
    lit_set = _status_set(lit_statuses, "lit")
    codes = normalise_statuses(statuses, lamp_ids) if statuses is not None else np.full(nl, "unknown", dtype=object)
    if len(codes) != nl:
        raise ValueError(f"{len(codes)} statuses for {nl} streetlights")
    check = np.ones(nr, dtype=bool) if to_light is None else np.asarray(list(to_light), dtype=bool)
    if check.shape != (nr,):
        raise ValueError(f"to_light has {check.size} values for {nr} roads")

    _check_geoms(rg, road_ids, (1, 2, 5), lamps=False)
    _check_geoms(lg, lamp_ids, (0,), lamps=True)
    _check_metric(rg, _LAYER_ROADS, crs_is_geographic)
    _check_metric(lg, _LAYER_LAMPS, crs_is_geographic)
    road_length = shapely.length(rg)
    zero = np.flatnonzero(road_length <= 0)
    if zero.size:
        raise CddpError(_ROAD_NO_LENGTH, road=_lamp_label(road_ids, int(zero[0])))

    # lines: merge multi-part roads, then one row per part (parts of no length dropped)
    multi = shapely.get_type_id(rg) == 5
    merged = rg.copy()
    if multi.any():
        merged[multi] = shapely.line_merge(rg[multi])
    parts, part_road = shapely.get_parts(merged, return_index=True)
    part_len = shapely.length(parts)
    keep = part_len > 0
    parts, part_road, part_len = parts[keep], part_road[keep], part_len[keep]
    first_part = np.searchsorted(part_road, part_road, side="left")
    part_no = np.arange(parts.size) - first_part

    # each lamp → its nearest part within the snap distance (ties: the first road/part)
    lamp_road = np.full(nl, -1, dtype=np.int64)
    lamp_part = np.full(nl, -1, dtype=np.int64)
    chain = np.full(nl, np.nan)
    offset = np.full(nl, np.nan)
    lamp_p = np.full(nl, -1, dtype=np.int64)
    if nl and parts.size:
        tree = shapely.STRtree(parts)
        li, pi = tree.query(lg, predicate="dwithin", distance=snap)
        d = shapely.distance(lg[li], parts[pi])
        order = np.lexsort((pi, d, li))  # per lamp: nearest, then the first part
        li, pi, d = li[order], pi[order], d[order]
        firsts = np.r_[True, li[1:] != li[:-1]] if li.size else np.zeros(0, dtype=bool)
        li, pi, d = li[firsts], pi[firsts], d[firsts]
        lamp_p[li] = pi
        lamp_road[li] = part_road[pi]
        lamp_part[li] = part_no[pi]
        offset[li] = d
        chain[li] = shapely.line_locate_point(parts[pi], lg[li])

    # one global coordinate: part k occupies [base[k], base[k] + length[k]], parts 1 m apart
    base = np.concatenate([[0.0], np.cumsum(part_len + 1.0)[:-1]])
    lit_part = check[part_road]
    lit_lamp = np.isin(codes, list(lit_set)) & (lamp_p >= 0)
    lit_lamp[lit_lamp] = lit_part[lamp_p[lit_lamp]]
    dark_lamp = ~np.isin(codes, list(lit_set)) & (lamp_p >= 0)
    dark_lamp[dark_lamp] = lit_part[lamp_p[dark_lamp]]

    checked = np.flatnonzero(lit_part)
    # breakpoints: part start (kind 1), lit lamps (0), part end (2)
    pos = np.concatenate([base[checked], base[lamp_p[lit_lamp]] + chain[lit_lamp], base[checked] + part_len[checked]])
    owner = np.concatenate([checked, lamp_p[lit_lamp], checked])
    tag = np.concatenate([np.ones(checked.size, np.int8), np.zeros(lit_lamp.sum(), np.int8),
                          np.full(checked.size, 2, np.int8)])  # fmt: skip
    order = np.argsort(pos, kind="stable")  # ties keep starts, lamps, ends in this order
    pos, owner, tag = pos[order], owner[order], tag[order]
    same = owner[1:] == owner[:-1]
    length = np.diff(pos)
    gap = same & (length > spacing + _EPS)
    g = np.flatnonzero(gap)
    gp = owner[g]
    g_from = pos[g] - base[gp]
    g_to = pos[g + 1] - base[gp]
    kind_idx = np.where((tag[g] == 1) & (tag[g + 1] == 2), 3, np.where(tag[g] == 1, 1, np.where(tag[g + 1] == 2, 2, 0)))
    g_from = np.clip(g_from, 0.0, part_len[gp])
    g_to = np.clip(g_to, 0.0, part_len[gp])

    dark_pos = np.sort(base[lamp_p[dark_lamp]] + chain[dark_lamp])
    lo = np.searchsorted(dark_pos, pos[g] + _EPS, side="left")
    hi = np.searchsorted(dark_pos, pos[g + 1] - _EPS, side="right")
    not_lit = np.maximum(hi - lo, 0)

    geoms = _substrings(parts, part_len, gp, g_from, g_to)
    gaps = []
    road_gap = np.zeros(nr)
    g_road = part_road[gp]
    g_len = g_to - g_from
    np.add.at(road_gap, g_road, g_len)
    for k in range(g.size):
        p, r = int(gp[k]), int(g_road[k])
        f, t = float(g_from[k]), float(g_to[k])
        gaps.append(
            LightingGap(
                road_index=r,
                road_id=road_ids[r] if road_ids is not None else r,
                part=int(part_no[p]),
                from_m=f,
                to_m=t,
                length_m=t - f,
                kind=str(_KINDS[kind_idx[k]]),
                lamps_not_lit=int(not_lit[k]),
                geometry=geoms[k],
            )
        )
    return GapResult(
        gaps=gaps,
        lamp_road=lamp_road,
        lamp_part=lamp_part,
        lamp_chainage=chain,
        lamp_offset=offset,
        road_length_m=road_length,
        road_gap_m=road_gap,
        checked_length_m=float(part_len[lit_part].sum()),
    )


# --------------------------------------------------------------------------------------------------
# 5. KPIs


def lighting_kpis(
    statuses: Iterable[object],
    *,
    days_out: Iterable[float | None] | None = None,
    owners: Iterable[object] | None = None,
    clusters: ClusterResult | None = None,
    gaps: GapResult | None = None,
    out_statuses: Iterable[str] = OUT_STATUSES,
) -> dict:
    """Key figures for a council report or a dashboard, as a plain dict:

    ``lamps``, ``by_status`` (every lamp_status code, zeros included), ``out`` and ``pct_out`` (status
    in ``out_statuses``; None without lamps), ``faulty`` and ``pct_faulty`` (any status but working
    and unknown), ``median_days_out`` (of the out lamps with a known outage start, else None),
    ``out_by_owner`` (when ``owners`` is given: who must repair), ``clusters``,
    ``lamps_in_clusters``, ``gaps``, ``gap_km``, ``checked_km`` and ``pct_length_in_gaps``.
    """
    codes = normalise_statuses(statuses)
    n = len(codes)
    out_set = _status_set(out_statuses, "out")
    is_out = np.isin(codes, list(out_set))
    faulty = np.isin(codes, list(FAULT_STATUSES))
    counts = Counter(codes.tolist())
    result: dict = {
        "lamps": n,
        "by_status": {s: int(counts.get(s, 0)) for s in LAMP_STATUSES},
        "out": int(is_out.sum()),
        "pct_out": round(100.0 * is_out.sum() / n, 2) if n else None,
        "faulty": int(faulty.sum()),
        "pct_faulty": round(100.0 * faulty.sum() / n, 2) if n else None,
        "median_days_out": None,
    }
    if days_out is not None:
        days = np.array([np.nan if _blank(v) else float(v) for v in days_out], dtype=float)
        if days.size != n:
            raise ValueError(f"days_out has {days.size} values for {n} streetlights")
        known = days[is_out & ~np.isnan(days)]
        result["median_days_out"] = round(float(np.median(known)), 2) if known.size else None
    if owners is not None:
        owner_codes = []
        for i, v in enumerate(owners):
            code = "unknown" if _blank(v) else _OWNER_BY_TEXT.get(_fold(str(v)))
            if code is None:
                raise CddpError(_OWNER_BAD, lamp=_lamp_label(None, i), value=v, allowed=_allowed(OWNERS))
            owner_codes.append(code)
        if len(owner_codes) != n:
            raise ValueError(f"owners has {len(owner_codes)} values for {n} streetlights")
        out_owners = Counter(o for o, flag in zip(owner_codes, is_out.tolist(), strict=True) if flag)
        result["out_by_owner"] = {o: int(out_owners.get(o, 0)) for o in OWNERS}
    result["clusters"] = len(clusters.clusters) if clusters is not None else None
    result["lamps_in_clusters"] = clusters.lamps_in_clusters if clusters is not None else None
    if gaps is not None:
        result["gaps"] = len(gaps.gaps)
        result["gap_km"] = round(gaps.total_gap_m / 1000.0, 3)
        result["checked_km"] = round(gaps.checked_length_m / 1000.0, 3)
        result["pct_length_in_gaps"] = (
            round(100.0 * gaps.total_gap_m / gaps.checked_length_m, 2) if gaps.checked_length_m > 0 else None
        )
    else:
        result.update(gaps=None, gap_km=None, checked_km=None, pct_length_in_gaps=None)
    return result
