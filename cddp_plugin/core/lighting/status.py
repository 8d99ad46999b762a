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
from collections.abc import Hashable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

import numpy as np

from ..common.errors import CddpError
from ..common.i18n import translate
from ..common.times import BANGKOK, parse_datetime
from ..workspace import schema

if TYPE_CHECKING:
    pass

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
        label = schema.label("lamp_status", self.status, language)
        if self.keywords:
            head = f"{', '.join(self.keywords)} → {label}"
        else:
            head = f"{'ไม่พบคำบอกสภาพ' if k == 0 else 'no condition keyword'} → {label}"
        if self.also:
            others = ", ".join(schema.label("lamp_status", s, language) for s in self.also)
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
