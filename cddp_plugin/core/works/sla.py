"""SLA targets per priority, working days and holidays, due times and SLA states; the workspace's stored policy."""

from __future__ import annotations

import dataclasses
import datetime as _dt
import os
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from ..common.errors import CddpError
from ..common.i18n import translate
from ..common.thai import to_arabic_digits
from ..common.times import BANGKOK, format_utc, parse_datetime
from ..workspace import schema
from ..workspace.meta import read_meta

PRIORITIES: tuple[str, ...] = tuple(str(c) for c in schema.DOMAINS["priority"].codes())


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


POLICY_SLA, POLICY_HOLIDAYS = "work_order_sla", "work_order_holidays"


def work_order_policy(path: str | os.PathLike) -> tuple[dict, frozenset]:
    """The workspace's SLA targets per priority and its holidays (the defaults and none when unset):
    the municipality's own policy, stored in ``cddp_meta`` so every tool that opens the workspace
    (the Processing algorithms, the Work orders dock) computes the same due times."""
    from . import sla as works_sla

    meta = read_meta(path) or {}
    return works_sla.parse_sla_text(meta.get(POLICY_SLA)), works_sla.parse_holidays_text(meta.get(POLICY_HOLIDAYS))
