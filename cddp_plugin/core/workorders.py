"""Maintenance work orders: lifecycle, audit events, priority/SLA and numbering.

Pure functions on plain dicts (the fields of the ``work_orders`` and ``work_order_events`` layers of
the workspace schema), so that a GeoPackage layer, a Processing algorithm, a dock or the reference
server can all use them. Nothing here reads or writes a file.

Lifecycle (:data:`TRANSITIONS`)::

    new ─► triaged ─► assigned ─► in_progress ⇄ on_hold
                                      │   ▲
                                      ▼   │ (verification failed: rework)
                                   completed ─► verified ─► closed

    cancelled  from new, triaged, assigned, in_progress, on_hold — not once the repair is completed
               (the work and its cost are real; a failed repair goes back to in_progress)
    duplicate  from new, triaged, assigned — before a crew has started; afterwards use cancelled
    closed, cancelled, duplicate are final: nothing leaves them.

Every transition needs an actor and gives one audit event (a ``work_order_events`` record: who,
when in UTC ISO 8601, note, SHA-256 of photos, from/to status). ``cancelled``, ``duplicate`` and the
rework step ``completed → in_progress`` also need a note saying why (which order it duplicates;
what failed). Moving to ``assigned`` needs a ``team`` or an ``assignee`` on the order (they may be
given in the same call through ``changes``).

Timestamps on the order (:data:`TIMESTAMP_FIELDS`): ``triaged_at``, ``assigned_at`` and
``started_at`` keep the *first* time (response times; resuming from on_hold or rework does not move
``started_at``); ``completed_at`` is the *latest* completion and is cleared by rework;
``verified_at`` is set on verification; ``closed_at`` is the time the order reached any final state
(closed, cancelled or duplicate), so "open orders" are those without ``closed_at``.

Priority and SLA (:data:`DEFAULT_SLA`, configurable per priority with :func:`sla_targets`):

    P1 ฉุกเฉิน   4 hours, calendar (emergencies are handled day and night)
    P2 เร่งด่วน  24 hours, calendar
    P3 ปกติ     5 working days
    P4 ตามแผน   20 working days

Working days skip Saturdays, Sundays and the holidays passed in; a due time in working days is the
same Bangkok clock time on the N-th working day after the creation date (an order created on a
Saturday counts from Monday). The SLA clock starts at ``created_at``, does not pause on hold, and
stops at ``completed_at``. :func:`sla_state` says ``on_time``, ``due_soon`` (less than
``due_soon_fraction`` = 25 % of the SLA window left) or ``overdue``.

Numbers: ``WO-<Buddhist-era year>-<5-digit sequence>``, e.g. ``WO-2569-00042``; the year is that of
the creation time in Asia/Bangkok, the sequence restarts each year (:func:`next_wo_number`).

Times given without a time zone are Bangkok time; stored times are UTC ``YYYY-MM-DDTHH:MM:SS.sssZ``.
"""

from __future__ import annotations

import dataclasses
import datetime as _dt
import hashlib
import json
import re
import uuid
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from . import schema
from .complaints import BANGKOK, format_utc, parse_datetime, scrub_pii
from .errors import CddpError
from .i18n import translate
from .thai import be_year, to_arabic_digits

STATUSES: tuple[str, ...] = tuple(str(c) for c in schema.DOMAINS["wo_status"].codes())
PRIORITIES: tuple[str, ...] = tuple(str(c) for c in schema.DOMAINS["priority"].codes())
CATEGORIES: tuple[str, ...] = tuple(str(c) for c in schema.DOMAINS["work_category"].codes())
SOURCES: tuple[str, ...] = tuple(str(c) for c in schema.DOMAINS["complaint_source"].codes())

TRANSITIONS: dict[str, tuple[str, ...]] = {
    "new": ("triaged", "cancelled", "duplicate"),
    "triaged": ("assigned", "cancelled", "duplicate"),
    "assigned": ("in_progress", "cancelled", "duplicate"),
    "in_progress": ("on_hold", "completed", "cancelled"),
    "on_hold": ("in_progress", "cancelled"),
    "completed": ("verified", "in_progress"),
    "verified": ("closed",),
    "closed": (),
    "cancelled": (),
    "duplicate": (),
}
assert set(TRANSITIONS) == set(STATUSES)

TERMINAL = frozenset(s for s, nxt in TRANSITIONS.items() if not nxt)
NOTE_REQUIRED = frozenset({("*", "cancelled"), ("*", "duplicate"), ("completed", "in_progress")})

TIMESTAMP_FIELDS: dict[str, str] = {
    "triaged": "triaged_at",
    "assigned": "assigned_at",
    "in_progress": "started_at",
    "completed": "completed_at",
    "verified": "verified_at",
    "closed": "closed_at",
    "cancelled": "closed_at",
    "duplicate": "closed_at",
}
_KEEP_FIRST = frozenset({"triaged_at", "assigned_at", "started_at"})
_LIFECYCLE_FIELDS = frozenset(
    {*schema.SYNC_FIELD_NAMES, "wo_number", "status", "created_at", "due_at", *TIMESTAMP_FIELDS.values()}
)
_ORDER_FIELDS = frozenset(f.name for f in schema.LAYERS_BY_NAME["work_orders"].all_fields) | {"lon", "lat"}

_HEX64 = re.compile(r"^[0-9a-f]{64}$")
_WO_NUMBER = re.compile(r"^WO-(\d{4})-(\d+)$")


# ---------------------------------------------------------------------------------------------
# helpers
# ---------------------------------------------------------------------------------------------


def _as_dict(order: object) -> dict:
    if dataclasses.is_dataclass(order) and not isinstance(order, type):
        return dataclasses.asdict(order)
    if isinstance(order, Mapping):
        return dict(order)
    raise TypeError(f"a work order must be a mapping or a dataclass, not {type(order).__name__}")


def _name(order: Mapping) -> str:
    return str(order.get("wo_number") or order.get("uuid") or "(new)")


def _moment(value: object, what: str, order: Mapping | None = None) -> _dt.datetime:
    try:
        return parse_datetime(value, BANGKOK)
    except (ValueError, TypeError):
        raise CddpError(
            translate("core", "Work order {order}: '{value}' in {field} is not a date and time."),
            order=_name(order or {}),
            value=value,
            field=what,
        ) from None


def _now() -> _dt.datetime:
    return _dt.datetime.now(_dt.UTC)


def _check_domain(order: Mapping, name: str, value: object, allowed: Sequence[str]) -> str:
    if value not in allowed:
        raise CddpError(
            translate("core", "Work order {order}: {field} '{value}' is not one of {allowed}."),
            order=_name(order),
            field=name,
            value=value,
            allowed=", ".join(allowed),
        )
    return str(value)


def _photo_hashes(order: Mapping, hashes: Iterable[str]) -> str | None:
    out = []
    for h in hashes:
        text = str(h).strip().lower()
        if not _HEX64.match(text):
            raise CddpError(
                translate(
                    "core", "Work order {order}: '{value}' is not a SHA-256 photo hash (64 hexadecimal characters)."
                ),
                order=_name(order),
                value=h,
            )
        if text not in out:
            out.append(text)
    return json.dumps(out) if out else None


def photo_hashes_of(event: Mapping) -> list[str]:
    """The photo hashes of an event record (stored as a JSON list in ``photo_hashes``)."""
    value = event.get("photo_hashes")
    return list(json.loads(value)) if value else []


def sha256_file(path: str | Path, chunk: int = 1 << 20) -> str:
    """SHA-256 (hex) of a photo file, read in chunks: the identity under which photos are stored and synced."""
    digest = hashlib.sha256()
    with open(path, "rb") as f:
        while block := f.read(chunk):
            digest.update(block)
    return digest.hexdigest()


def allowed_next(status: str) -> tuple[str, ...]:
    """The statuses an order in ``status`` may move to (empty for final states)."""
    if status not in TRANSITIONS:
        raise CddpError(
            translate("core", "'{value}' is not a work-order status; expected one of {allowed}."),
            value=status,
            allowed=", ".join(STATUSES),
        )
    return TRANSITIONS[status]


def is_open(order: Mapping) -> bool:
    return order.get("status") not in TERMINAL


# ---------------------------------------------------------------------------------------------
# SLA and working days
# ---------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class SlaTarget:
    """A resolution target: either calendar ``hours`` or ``working_days`` (exactly one is set)."""

    hours: float = 0.0
    working_days: int = 0

    def __post_init__(self) -> None:
        if (self.hours > 0) == (self.working_days > 0) or self.hours < 0 or self.working_days < 0:
            raise ValueError("exactly one of hours or working_days must be positive")

    def __str__(self) -> str:
        return f"{self.working_days}wd" if self.working_days else f"{self.hours:g}h"

    @classmethod
    def parse(cls, value: object) -> SlaTarget:
        """From a :class:`SlaTarget`, a number of hours, ``"4h"``, ``"24 h"``, ``"5wd"``, ``"5 working days"``
        or ``{"hours": 4}`` / ``{"working_days": 5}``. Raises ``ValueError``."""
        if isinstance(value, SlaTarget):
            return value
        if isinstance(value, Mapping):
            return cls(hours=float(value.get("hours", 0) or 0), working_days=int(value.get("working_days", 0) or 0))
        if isinstance(value, int | float) and not isinstance(value, bool):
            return cls(hours=float(value))
        if isinstance(value, str):
            m = re.fullmatch(
                r"\s*(\d+(?:\.\d+)?)\s*(h|hours?|ชม\.?|ชั่วโมง|wd|working\s*days?|วันทำการ)?\s*",
                to_arabic_digits(value),
                re.IGNORECASE,
            )
            if m:
                unit = (m.group(2) or "h").lower()
                if unit in ("wd", "วันทำการ") or unit.startswith("working"):
                    if not float(m.group(1)).is_integer():
                        raise ValueError("working days must be whole")
                    return cls(working_days=int(float(m.group(1))))
                return cls(hours=float(m.group(1)))
        raise ValueError(f"not an SLA target: {value!r}")


DEFAULT_SLA: dict[str, SlaTarget] = {
    "P1": SlaTarget(hours=4),
    "P2": SlaTarget(hours=24),
    "P3": SlaTarget(working_days=5),
    "P4": SlaTarget(working_days=20),
}
assert set(DEFAULT_SLA) == set(PRIORITIES)


def sla_targets(overrides: Mapping[str, object] | None = None) -> dict[str, SlaTarget]:
    """:data:`DEFAULT_SLA` with the given priorities replaced (values as :meth:`SlaTarget.parse` takes)."""
    targets = dict(DEFAULT_SLA)
    for priority, value in (overrides or {}).items():
        if priority not in PRIORITIES:
            raise CddpError(
                translate("core", "SLA setting: '{priority}' is not a priority; expected one of {allowed}."),
                priority=priority,
                allowed=", ".join(PRIORITIES),
            )
        try:
            targets[priority] = SlaTarget.parse(value)
        except (TypeError, ValueError):
            raise CddpError(
                translate(
                    "core",
                    "SLA setting for {priority}: '{value}' is not a target; use hours (e.g. 4h) or working days (e.g. 5wd).",
                ),
                priority=priority,
                value=value,
            ) from None
    return targets


def parse_sla_text(text: str | None) -> dict[str, SlaTarget]:
    """An SLA policy written as text, e.g. ``P1=4h, P2=24h, P3=5wd, P4=20wd`` (``;`` or new lines
    also separate, Thai digits and units accepted); priorities not named keep their default."""
    overrides: dict[str, str] = {}
    for part in re.split(r"[,;\n]+", to_arabic_digits(text or "")):
        if not part.strip():
            continue
        key, sep, value = part.partition("=")
        if not sep:
            key, sep, value = part.partition(":")
        if not sep or not value.strip():
            raise CddpError(
                translate("core", "SLA setting '{part}' is not of the form P1=4h or P3=5wd."), part=part.strip()
            )
        overrides[key.strip().upper()] = value.strip()
    return sla_targets(overrides)


def sla_text(targets: Mapping[str, SlaTarget]) -> str:
    """The text form :func:`parse_sla_text` reads."""
    return ", ".join(f"{p}={targets[p]}" for p in PRIORITIES if p in targets)


def parse_holidays_text(text: str | None) -> frozenset[_dt.date]:
    """Holidays written as text: dates ``YYYY-MM-DD`` (or Buddhist-era years) separated by commas,
    semicolons, spaces or new lines."""
    return parse_holidays(p for p in re.split(r"[,;\s]+", text or "") if p)


def holidays_text(holidays: Iterable[_dt.date]) -> str:
    return ", ".join(d.isoformat() for d in sorted(holidays))


def parse_holidays(holidays: Iterable[object]) -> frozenset[_dt.date]:
    """Dates from ``date`` objects or ``YYYY-MM-DD`` text (Buddhist-era years accepted)."""
    out = set()
    for h in holidays or ():
        if isinstance(h, _dt.datetime):
            out.add(h.date())
        elif isinstance(h, _dt.date):
            out.add(h)
        else:
            try:
                text = to_arabic_digits(str(h)).strip()
                year, month, day = (int(p) for p in text.split("-"))
                out.add(_dt.date(year - 543 if year >= 2400 else year, month, day))
            except (ValueError, TypeError):
                raise CddpError(
                    translate("core", "Holiday '{value}' is not a date; expected YYYY-MM-DD, e.g. 2026-04-13."),
                    value=h,
                ) from None
    return frozenset(out)


def is_working_day(day: _dt.date, holidays: Iterable[object] = ()) -> bool:
    hol = holidays if isinstance(holidays, frozenset) else parse_holidays(holidays)
    return day.weekday() < 5 and day not in hol


def add_working_days(start: _dt.datetime, days: int, holidays: Iterable[object] = ()) -> _dt.datetime:
    """The same Bangkok clock time on the ``days``-th working day after ``start``'s date."""
    hol = parse_holidays(holidays)
    local = start.astimezone(BANGKOK)
    day = local.date()
    counted = 0
    while counted < days:
        day += _dt.timedelta(days=1)
        if day.weekday() < 5 and day not in hol:
            counted += 1
    return _dt.datetime.combine(day, local.timetz().replace(tzinfo=None), tzinfo=BANGKOK)


def due_time(
    created_at: object,
    priority: str,
    sla: Mapping[str, object] | None = None,
    holidays: Iterable[object] = (),
) -> str:
    """UTC ISO due time of an order created at ``created_at`` with ``priority``."""
    if priority not in PRIORITIES:
        raise CddpError(
            translate("core", "'{value}' is not a priority; expected one of {allowed}."),
            value=priority,
            allowed=", ".join(PRIORITIES),
        )
    target = sla_targets(sla)[priority]
    start = _moment(created_at, "created_at")
    if target.working_days:
        return format_utc(add_working_days(start, target.working_days, holidays))
    return format_utc(start + _dt.timedelta(hours=target.hours))


SLA_STATES = ("on_time", "due_soon", "overdue")


def sla_state(order: Mapping, now: object = None, due_soon_fraction: float = 0.25) -> str | None:
    """``on_time`` / ``due_soon`` / ``overdue`` for ``order`` at ``now`` (default: the current time).

    The clock stops at ``completed_at`` (or ``closed_at`` for an order closed without one): a
    finished order is ``overdue`` if it finished late, else ``on_time``. An open order is
    ``due_soon`` when less than ``due_soon_fraction`` of its SLA window (``created_at`` → ``due_at``)
    is left. None for cancelled and duplicate orders and for orders without ``due_at``.
    """
    order = _as_dict(order)
    status = order.get("status")
    if status in ("cancelled", "duplicate") or not order.get("due_at"):
        return None
    due = _moment(order["due_at"], "due_at", order)
    if status in ("completed", "verified", "closed"):
        stop_value = order.get("completed_at") or order.get("closed_at")
        if stop_value:
            return "overdue" if _moment(stop_value, "completed_at", order) > due else "on_time"
    moment = _now() if now is None else _moment(now, "now", order)
    if moment > due:
        return "overdue"
    if order.get("created_at"):
        window = due - _moment(order["created_at"], "created_at", order)
        if due - moment <= window * due_soon_fraction:
            return "due_soon"
    return "on_time"


# ---------------------------------------------------------------------------------------------
# Numbers
# ---------------------------------------------------------------------------------------------


def parse_wo_number(text: object) -> tuple[int, int] | None:
    """``"WO-2569-00042"`` → ``(2569, 42)``; None for anything else (Thai digits accepted)."""
    m = _WO_NUMBER.match(to_arabic_digits(str(text or "")).strip().upper())
    return (int(m.group(1)), int(m.group(2))) if m else None


def next_wo_number(existing: Iterable[object], created_at: object = None) -> str:
    """The next number for an order created at ``created_at`` (default now), given the numbers in use.

    The Buddhist-era year comes from the creation time in Bangkok (31 Dec 2026 17:00 UTC is already
    1 January 2027, BE 2570, in Bangkok). The sequence is one more than the highest of that year; numbers of
    other years and text that is not a work-order number are ignored.
    """
    moment = _now() if created_at is None else _moment(created_at, "created_at")
    year = be_year(moment.astimezone(BANGKOK))
    highest = max((seq for y, seq in filter(None, map(parse_wo_number, existing)) if y == year), default=0)
    return f"WO-{year}-{highest + 1:05d}"


# ---------------------------------------------------------------------------------------------
# Creating and moving orders
# ---------------------------------------------------------------------------------------------


def _event(order: Mapping, at: _dt.datetime, from_status: str | None, to_status: str, actor: str, note, hashes):
    return {
        "uuid": str(uuid.uuid4()),
        "work_order_uuid": order["uuid"],
        "event_at": format_utc(at),
        "from_status": from_status,
        "to_status": to_status,
        "actor": actor,
        "note": note,
        "photo_hashes": hashes,
    }


def _actor(order: Mapping, actor: object) -> str:
    text = str(actor or "").strip()
    if not text:
        raise CddpError(
            translate("core", "Work order {order}: who made the change is missing (actor)."), order=_name(order)
        )
    return text


def _apply_changes(order: dict, changes: Mapping | None) -> None:
    for key, value in (changes or {}).items():
        if key in _LIFECYCLE_FIELDS or key not in _ORDER_FIELDS:
            raise CddpError(
                translate(
                    "core",
                    "Work order {order}: the field '{field}' cannot be changed here; status, number, due time, lifecycle times and sync fields are set by the lifecycle.",
                ),
                order=_name(order),
                field=key,
            )
        if key == "category" and value is not None:
            _check_domain(order, "category", value, CATEGORIES)
        if key == "source" and value is not None:
            _check_domain(order, "source", value, SOURCES)
        if key in ("title", "note") and isinstance(value, str):
            value = scrub_pii(value)
        order[key] = value


def new_work_order(
    *,
    title: str,
    created_by: str,
    existing_numbers: Iterable[object] = (),
    category: str = "other",
    priority: str = "P3",
    source: str | None = None,
    created_at: object = None,
    sla: Mapping[str, object] | None = None,
    holidays: Iterable[object] = (),
    note: str | None = None,
    generated_title: bool = False,
    **fields: object,
) -> tuple[dict, dict]:
    """A new order in status ``new`` and its creation event ``(None → new)``.

    Returns ``(order, event)``. The order has a fresh ``uuid``, ``wo_number`` (from
    ``existing_numbers``), ``created_at``, ``due_at`` from the priority's SLA, and any other
    ``work_orders`` field passed in ``fields`` (e.g. ``asset_layer``, ``asset_uuid``, ``team``,
    ``lon``/``lat`` for the point). Title and note are scrubbed of contact details, except a
    ``generated_title`` the plugin composed from codes and ids (an OSM way id can look like a phone
    number).
    """
    order: dict = {"uuid": str(uuid.uuid4()), "status": "new"}
    _check_domain(order, "category", category, CATEGORIES)
    _check_domain(order, "priority", priority, PRIORITIES)
    if source is not None:
        _check_domain(order, "source", source, SOURCES)
    actor = _actor(order, created_by)
    moment = _now() if created_at is None else _moment(created_at, "created_at")
    title = str(title or "").strip() if generated_title else scrub_pii(str(title or "").strip())
    if not title:
        raise CddpError(translate("core", "A new work order needs a title."))
    order.update(
        wo_number=next_wo_number(existing_numbers, moment),
        title=title,
        category=category,
        priority=priority,
        source=source,
        created_at=format_utc(moment),
        due_at=due_time(moment, priority, sla, holidays),
        updated_by=actor,
    )
    _apply_changes(order, {"note": note, **fields} if note is not None else fields)
    for name in TIMESTAMP_FIELDS.values():
        order.setdefault(name, None)
    return order, _event(order, moment, None, "new", actor, scrub_pii(note) if note else None, None)


def transition(
    order: Mapping | object,
    to_status: str,
    *,
    actor: str,
    at: object = None,
    note: str | None = None,
    photo_hashes: Iterable[str] = (),
    changes: Mapping[str, object] | None = None,
    sla: Mapping[str, object] | None = None,
    holidays: Iterable[object] = (),
) -> tuple[dict, dict]:
    """Move ``order`` to ``to_status``; return ``(updated order, event)`` without touching the input.

    ``at`` defaults to now (a naive time is Bangkok time) and may not be earlier than the order's
    creation or last lifecycle time. ``changes`` sets other fields in the same step (``team``,
    ``assignee``, ``cost_baht``, ``priority``…); a new ``priority`` recomputes ``due_at`` from
    ``created_at`` with ``sla``/``holidays``. ``note`` and text changes are scrubbed of contact
    details. Raises :class:`CddpError` for a forbidden transition, naming the order, both states and
    the allowed next states.
    """
    current = _as_dict(order)
    name = _name(current)
    from_status = current.get("status") or "new"
    if from_status not in TRANSITIONS:
        raise CddpError(
            translate(
                "core",
                "Work order {order}: its status '{value}' is not a work-order status; expected one of {allowed}.",
            ),
            order=name,
            value=from_status,
            allowed=", ".join(STATUSES),
        )
    if to_status not in TRANSITIONS:
        raise CddpError(
            translate("core", "Work order {order}: '{value}' is not a work-order status; expected one of {allowed}."),
            order=name,
            value=to_status,
            allowed=", ".join(STATUSES),
        )
    allowed = TRANSITIONS[from_status]
    if to_status not in allowed:
        if allowed:
            raise CddpError(
                translate(
                    "core",
                    "Work order {order}: cannot change status from {from_status} to {to_status}; allowed next: {allowed}.",
                ),
                order=name,
                from_status=from_status,
                to_status=to_status,
                allowed=", ".join(allowed),
            )
        raise CddpError(
            translate(
                "core",
                "Work order {order}: cannot change status from {from_status} to {to_status}; {from_status} is final, no change is allowed.",
            ),
            order=name,
            from_status=from_status,
            to_status=to_status,
        )
    if not current.get("uuid"):
        raise CddpError(
            translate("core", "Work order {order} has no uuid; save it before changing its status."), order=name
        )
    who = _actor(current, actor)
    note = scrub_pii(str(note).strip()) if note is not None and str(note).strip() else None
    if note is None and (("*", to_status) in NOTE_REQUIRED or (from_status, to_status) in NOTE_REQUIRED):
        raise CddpError(
            translate(
                "core", "Work order {order}: changing status from {from_status} to {to_status} needs a note saying why."
            ),
            order=name,
            from_status=from_status,
            to_status=to_status,
        )
    moment = _now() if at is None else _moment(at, "at", current)
    times = [(f, current.get(f)) for f in ("created_at", *dict.fromkeys(TIMESTAMP_FIELDS.values())) if current.get(f)]
    for field_name, value in times:
        if moment < _moment(value, field_name, current):
            raise CddpError(
                translate(
                    "core",
                    "Work order {order}: the change to {to_status} at {at} is earlier than its {field} ({value}).",
                ),
                order=name,
                to_status=to_status,
                at=format_utc(moment),
                field=field_name,
                value=value,
            )
    hashes = _photo_hashes(current, photo_hashes)

    updated = dict(current)
    old_priority = updated.get("priority")
    _apply_changes(updated, changes)
    if updated.get("priority") != old_priority:
        _check_domain(updated, "priority", updated.get("priority"), PRIORITIES)
        if updated.get("created_at"):
            updated["due_at"] = due_time(updated["created_at"], updated["priority"], sla, holidays)
    if to_status == "assigned" and not (
        str(updated.get("team") or "").strip() or str(updated.get("assignee") or "").strip()
    ):
        raise CddpError(translate("core", "Work order {order}: to assign it, give a team or an assignee."), order=name)
    updated["status"] = to_status
    stamp = TIMESTAMP_FIELDS.get(to_status)
    if stamp and not (stamp in _KEEP_FIRST and updated.get(stamp)):
        updated[stamp] = format_utc(moment)
    if from_status == "completed" and to_status == "in_progress":
        updated["completed_at"] = None  # rework: the repair is no longer complete
    updated["updated_by"] = who
    return updated, _event(updated, moment, from_status, to_status, who, note, hashes)


def work_order_from_complaint(
    complaint: Mapping,
    *,
    created_by: str,
    existing_numbers: Iterable[object] = (),
    priority: str = "P3",
    created_at: object = None,
    sla: Mapping[str, object] | None = None,
    holidays: Iterable[object] = (),
) -> tuple[dict, dict]:
    """A new order for a complaint (a dict as :mod:`complaints` makes them or as read from the layer).

    Takes the complaint's category, source, asset link and location (``lon``/``lat``); the title is
    the category's Thai label and the complaint's source id — never the complainant's text. Set the
    complaint's ``work_order_uuid`` to the returned order's ``uuid``.
    """
    category = complaint.get("category") or "other"
    labels = {str(c): th for c, th, _en in schema.DOMAINS["work_category"].values}
    ref = " ".join(str(x) for x in (complaint.get("source"), complaint.get("external_id")) if x)
    title = f"{labels.get(category, category)} ({ref})" if ref else labels.get(category, category)
    extra = {k: complaint.get(k) for k in ("asset_layer", "asset_uuid", "lon", "lat") if complaint.get(k) is not None}
    return new_work_order(
        title=title,
        created_by=created_by,
        existing_numbers=existing_numbers,
        category=category,
        priority=priority,
        source=complaint.get("source"),
        created_at=created_at,
        sla=sla,
        holidays=holidays,
        **extra,
    )
