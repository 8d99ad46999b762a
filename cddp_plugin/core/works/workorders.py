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

import datetime as _dt
import json
import re
import uuid
from collections.abc import Iterable, Mapping, Sequence

from ..common.errors import CddpError
from ..common.i18n import translate
from ..common.pii import scrub_pii
from ..common.thai import be_year, to_arabic_digits
from ..common.times import BANGKOK, format_utc
from ..workspace import schema
from .sla import PRIORITIES, _as_dict, _moment, _name, _now, due_time

STATUSES: tuple[str, ...] = tuple(str(c) for c in schema.DOMAINS["wo_status"].codes())
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

# Fields the attribute forms show read-only (toolbelt.workspace_project applies them): an order's
# number, status, creation and due time and lifecycle times change only through the lifecycle (the
# Work orders dock, cddp:changeworkorder), and the history is append-only (its events are written by
# the lifecycle, never edited).
READ_ONLY_IN_FORMS: dict[str, frozenset[str]] = {
    "work_orders": _LIFECYCLE_FIELDS,
    "work_order_events": frozenset(f.name for f in schema.LAYERS_BY_NAME["work_order_events"].all_fields),
}

_HEX64 = re.compile(r"^[0-9a-f]{64}$")
_WO_NUMBER = re.compile(r"^WO-(\d{4})-(\d+)$")


# ---------------------------------------------------------------------------------------------
# helpers
# ---------------------------------------------------------------------------------------------


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


def asset_key(order: Mapping) -> tuple[str, str, str] | None:
    """``(asset_layer, asset_uuid, category)`` of an order made for an asset; None without an asset."""
    asset = order.get("asset_uuid")
    if not asset:
        return None
    return (order.get("asset_layer"), asset, order.get("category") or "other")


def open_orders_by_asset(orders: Iterable[Mapping]) -> dict[tuple[str, str, str], Mapping]:
    """The open order of each asset and category: ``(asset_layer, asset_uuid, category)`` → the order.

    One open order per asset and category: a new order for an asset that already has an open order
    of its category (status not in :data:`TERMINAL`) is not made; the existing one is used (the
    generation job attaches complaints to it, the Work orders dock offers it). When there are several,
    the earliest created (then the first given) is the one.
    """
    found: dict[tuple[str, str, str], tuple[str, int, Mapping]] = {}
    for pos, order in enumerate(orders):
        key = asset_key(order)
        if key is None or not is_open(order):
            continue
        rank = (str(order.get("created_at") or ""), pos, order)
        if key not in found or rank[:2] < found[key][:2]:
            found[key] = rank
    return {key: rank[2] for key, rank in found.items()}


def open_order_for(
    orders: Iterable[Mapping], asset_layer: str | None, asset_uuid: str | None, category: str | None
) -> Mapping | None:
    """The open order of ``orders`` for this asset and category (:func:`open_orders_by_asset`), or None."""
    if not asset_uuid:
        return None
    return open_orders_by_asset(orders).get((asset_layer, asset_uuid, category or "other"))


def is_rework(from_status: str | None, to_status: str) -> bool:
    """``completed → in_progress``: the repair failed verification and goes back to the crew."""
    return from_status == "completed" and to_status == "in_progress"


def needs_note(from_status: str | None, to_status: str) -> bool:
    """Whether moving ``from_status`` → ``to_status`` needs a note saying why (:data:`NOTE_REQUIRED`)."""
    return ("*", to_status) in NOTE_REQUIRED or (from_status, to_status) in NOTE_REQUIRED


def needs_team(to_status: str) -> bool:
    """Whether an order moving to ``to_status`` needs a team or an assignee."""
    return to_status == "assigned"


def missing_inputs(
    order: Mapping, to_status: str, *, note: str | None = None, changes: Mapping[str, object] | None = None
) -> tuple[str, ...]:
    """What a form must still ask for before ``order`` can move to ``to_status``: ``"note"`` (a
    reason) and/or ``"team"`` (a team or an assignee, on the order or in ``changes``). Empty when
    nothing is missing; :func:`transition` still checks everything else."""
    missing = []
    if not str(note or "").strip() and needs_note(order.get("status") or "new", to_status):
        missing.append("note")
    if needs_team(to_status):
        merged = {**order, **(changes or {})}
        if not (str(merged.get("team") or "").strip() or str(merged.get("assignee") or "").strip()):
            missing.append("team")
    return tuple(missing)


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
    if note is None and needs_note(from_status, to_status):
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


def note_event(
    order: Mapping | object,
    *,
    actor: str,
    note: str | None = None,
    photo_hashes: Iterable[str] = (),
    at: object = None,
) -> dict:
    """A history event without a status change (``from_status`` = ``to_status`` = the order's
    status): a note and/or photos, e.g. "before" photos. The note is scrubbed of contact details;
    raises :class:`CddpError` when there is neither a note nor a photo, or no actor."""
    current = _as_dict(order)
    if not current.get("uuid"):
        raise CddpError(
            translate("core", "Work order {order} has no uuid; save it before changing its status."),
            order=_name(current),
        )
    who = _actor(current, actor)
    text = scrub_pii(str(note).strip()) if note is not None and str(note).strip() else None
    hashes = _photo_hashes(current, photo_hashes)
    if text is None and hashes is None:
        raise CddpError(translate("core", "Work order {order}: a note needs a text or photos."), order=_name(current))
    moment = _now() if at is None else _moment(at, "at", current)
    status = current.get("status")
    return _event(current, moment, status, status, who, text, hashes)


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
    ref = " ".join(str(x) for x in (complaint.get("source"), complaint.get("external_id")) if x)
    name = schema.label("work_category", category)
    title = f"{name} ({ref})" if ref else name
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
