"""Work-order lists and KPIs for the Work orders dock, and the complaint status that follows an order.

Pure functions on lists of plain dicts (the fields of the ``work_orders`` layer, times as UTC ISO
text or aware datetimes), so they are tested without QGIS.

Filtering (:func:`filter_orders`): a set of statuses, a category, a priority, a team (``""`` means
"no team"), overdue only (open orders whose SLA state is ``overdue`` now), and a period (orders
that were open at some moment of it: created before its end and not closed before its start).

KPIs for a period ``[start, end]`` (:func:`kpis`):

* ``open``: orders created by ``end`` and not closed by then (no ``closed_at`` or a later one);
* ``overdue``: of those, the ones whose repair was not done by ``end`` (no ``completed_at`` or a
  later one) and whose ``due_at`` has passed at ``end`` — the backlog that breaks the SLA;
* ``created``: orders created in the period; ``completed``: orders whose (latest) ``completed_at``
  is in the period — a rework clears ``completed_at``, so a repair that failed is not counted;
* ``sla_met_pct``: the share of the completed orders completed by their ``due_at``;
* time to repair: ``completed_at − created_at`` of the completed orders, the median overall and per
  category (in hours; the dock shows them in days, :func:`format_days`, in its table and chart alike).

Complaint status flow-back (:func:`complaint_status_after`), so that the status goes back to the
channel the complaint came from (Traffy Fondue's ``waiting / inprogress / finish``):

=========================================  ==================================================
work-order change                          linked complaints (``complaint_status``)
=========================================  ==================================================
→ new (order created)                      unchanged (the complaint keeps ``waiting``)
→ triaged, assigned, in_progress, on_hold  ``inprogress`` (กำลังดำเนินการ)
→ completed, verified, closed              ``finish`` (เสร็จสิ้น)
completed → in_progress (rework)           ``inprogress`` again (the repair failed)
→ cancelled, duplicate                     unchanged: cancelling an order does not settle the
                                           complaint — it may be forwarded (e.g. to the PEA) or
                                           belong to the order it duplicates; the officer
                                           decides and the dock says so
=========================================  ==================================================

Two guards: a ``cancelled`` complaint is never changed (the channel closed it), and a ``finish``
complaint is only reopened by a rework, so an out-of-date channel state or an order moving between
``in_progress`` and ``on_hold`` never reopens a finished complaint.
"""

from __future__ import annotations

import datetime as _dt
import statistics
from collections.abc import Callable, Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from ..common import palette
from ..common.errors import CddpError
from ..common.i18n import translate
from ..common.numbers import format_number
from ..common.times import BANGKOK, parse_datetime
from .sla import sla_state
from .workorders import CATEGORIES, STATUSES, TERMINAL

PERIOD_DAYS = {"last_30": 30, "last_90": 90, "last_365": 365}
NO_TEAM = ""

# work-order status reached → complaint status (None: leave the complaint alone)
COMPLAINT_STATUS_FOR: dict[str, str | None] = {
    "new": None,
    "triaged": "inprogress",
    "assigned": "inprogress",
    "in_progress": "inprogress",
    "on_hold": "inprogress",
    "completed": "finish",
    "verified": "finish",
    "closed": "finish",
    "cancelled": None,
    "duplicate": None,
}
assert set(COMPLAINT_STATUS_FOR) == set(STATUSES)


def complaint_status_after(from_status: str | None, to_status: str, complaint_status: str | None) -> str | None:
    """The status a complaint linked to an order should get when the order moves ``from_status`` →
    ``to_status``, or None when the complaint keeps ``complaint_status`` (see the module doc)."""
    if to_status not in COMPLAINT_STATUS_FOR:
        raise CddpError(
            translate("core", "'{value}' is not a work-order status; expected one of {allowed}."),
            value=to_status,
            allowed=", ".join(STATUSES),
        )
    target = COMPLAINT_STATUS_FOR[to_status]
    if target is None or complaint_status == "cancelled" or target == complaint_status:
        return None
    rework = from_status == "completed" and to_status == "in_progress"
    if complaint_status == "finish" and not rework:
        return None
    return target


# ---------------------------------------------------------------------------------------------
# time helpers
# ---------------------------------------------------------------------------------------------


def _time(value: object) -> _dt.datetime | None:
    if value is None or value == "":
        return None
    try:
        return parse_datetime(value, BANGKOK)
    except (ValueError, TypeError):
        return None


def _now() -> _dt.datetime:
    return _dt.datetime.now(_dt.UTC)


@dataclass(frozen=True)
class Period:
    """A closed time interval (aware datetimes)."""

    start: _dt.datetime
    end: _dt.datetime

    def __contains__(self, moment: object) -> bool:
        t = _time(moment)
        return t is not None and self.start <= t <= self.end


def period_of(kind: str = "last_30", *, start: object = None, end: object = None, now: object = None) -> Period:
    """``last_30`` / ``last_90`` / ``last_365`` days up to ``now``, or ``custom`` from ``start`` to
    ``end`` (dates are whole Bangkok days: ``end`` includes its day)."""
    moment = _time(now) or _now()
    if kind in PERIOD_DAYS:
        return Period(moment - _dt.timedelta(days=PERIOD_DAYS[kind]), moment)
    if kind != "custom":
        raise CddpError(
            translate("core", "'{value}' is not a period; expected one of {allowed}."),
            value=kind,
            allowed=", ".join([*PERIOD_DAYS, "custom"]),
        )
    first, last = _time(start), _time(end)
    if first is None or last is None:
        raise CddpError(translate("core", "A custom period needs a start and an end date."))
    if isinstance(end, _dt.date) and not isinstance(end, _dt.datetime):
        last = last + _dt.timedelta(days=1) - _dt.timedelta(microseconds=1)
    if last < first:
        raise CddpError(
            translate("core", "The period ends ({end}) before it starts ({start})."),
            start=first.astimezone(BANGKOK).date().isoformat(),
            end=last.astimezone(BANGKOK).date().isoformat(),
        )
    return Period(first, last)


# ---------------------------------------------------------------------------------------------
# filtering
# ---------------------------------------------------------------------------------------------


def is_overdue_now(order: Mapping, now: object = None) -> bool:
    """An open order whose SLA is broken at ``now`` (finished and cancelled orders are never "overdue now")."""
    if order.get("status") in TERMINAL:
        return False
    try:
        return sla_state(order, now=now) == "overdue"
    except CddpError:
        return False


def open_during(order: Mapping, period: Period) -> bool:
    created, closed = _time(order.get("created_at")), _time(order.get("closed_at"))
    if created is not None and created > period.end:
        return False
    return closed is None or closed >= period.start


def filter_orders(
    orders: Iterable[Mapping],
    *,
    statuses: Collection[str] | None = None,
    category: str | None = None,
    priority: str | None = None,
    team: str | None = None,
    overdue_only: bool = False,
    period: Period | None = None,
    now: object = None,
) -> list[Mapping]:
    """The orders matching every given criterion (None: any), in their input order."""
    out = []
    for order in orders:
        if statuses is not None and order.get("status") not in statuses:
            continue
        if category is not None and order.get("category") != category:
            continue
        if priority is not None and order.get("priority") != priority:
            continue
        if team is not None and str(order.get("team") or "").strip() != team:
            continue
        if overdue_only and not is_overdue_now(order, now):
            continue
        if period is not None and not open_during(order, period):
            continue
        out.append(order)
    return out


def teams_of(orders: Iterable[Mapping]) -> list[str]:
    """The distinct team names in use, sorted (no empty names)."""
    return sorted({str(o.get("team") or "").strip() for o in orders} - {""})


def is_repaired(order: Mapping) -> bool:
    """Repaired and waiting for verification or closing (``completed`` / ``verified``)."""
    return order.get("status") in ("completed", "verified")


def sort_key(now: object = None) -> Callable[[Mapping], tuple]:
    """Orders that still need work first, the most urgent SLA first (overdue, due soon, on time),
    then by due time; then repaired orders waiting for verification or closing; final ones last."""
    rank = {"overdue": 0, "due_soon": 1, "on_time": 2, None: 3}

    def key(order: Mapping) -> tuple:
        final = order.get("status") in TERMINAL
        group = 2 if final else (1 if is_repaired(order) else 0)
        try:
            state = sla_state(order, now=now) if group == 0 else None
        except CddpError:
            state = None
        due = _time(order.get("due_at"))
        return (group, rank[state], due.timestamp() if due else float("inf"), str(order.get("wo_number") or ""))

    return key


# ---------------------------------------------------------------------------------------------
# KPIs
# ---------------------------------------------------------------------------------------------


@dataclass
class CategoryKpi:
    category: str
    completed: int = 0
    median_hours: float | None = None
    sla_met: int = 0


@dataclass
class Kpis:
    period: Period
    open: int = 0
    overdue: int = 0
    created: int = 0
    completed: int = 0
    sla_met: int = 0
    median_hours: float | None = None
    by_category: list[CategoryKpi] = field(default_factory=list)

    @property
    def sla_met_pct(self) -> float | None:
        return 100.0 * self.sla_met / self.completed if self.completed else None

    def chart_data(self) -> list[tuple[str, float]]:
        """(category, median hours to repair) for the categories with completed orders, slowest first."""
        rows = [(c.category, c.median_hours) for c in self.by_category if c.median_hours is not None]
        return sorted(rows, key=lambda r: -r[1])


def repair_hours(order: Mapping) -> float | None:
    """Hours from creation to (latest) completion, or None when not completed."""
    created, completed = _time(order.get("created_at")), _time(order.get("completed_at"))
    if created is None or completed is None or completed < created:
        return None
    return (completed - created).total_seconds() / 3600.0


def kpis(orders: Iterable[Mapping], period: Period) -> Kpis:
    """KPIs of ``orders`` for ``period`` (see the module doc)."""
    result = Kpis(period)
    hours_by_cat: dict[str, list[float]] = {}
    done_by_cat: dict[str, int] = {}
    met_by_cat: dict[str, int] = {}
    all_hours: list[float] = []
    for order in orders:
        created = _time(order.get("created_at"))
        closed = _time(order.get("closed_at"))
        completed = _time(order.get("completed_at"))
        due = _time(order.get("due_at"))
        if created is not None and created in period:
            result.created += 1
        if (created is None or created <= period.end) and (closed is None or closed > period.end):
            result.open += 1
            if (completed is None or completed > period.end) and due is not None and due < period.end:
                result.overdue += 1
        if completed is not None and period.start <= completed <= period.end:
            result.completed += 1
            category = order.get("category") or "other"
            met = due is not None and completed <= due
            result.sla_met += met
            met_by_cat[category] = met_by_cat.get(category, 0) + met
            done_by_cat[category] = done_by_cat.get(category, 0) + 1
            hours = repair_hours(order)
            if hours is not None:
                hours_by_cat.setdefault(category, []).append(hours)
                all_hours.append(hours)
    result.median_hours = statistics.median(all_hours) if all_hours else None
    order_of = {c: i for i, c in enumerate(CATEGORIES)}
    for category in sorted(done_by_cat, key=lambda c: order_of.get(c, len(order_of))):
        hours = hours_by_cat.get(category, [])
        result.by_category.append(
            CategoryKpi(
                category=category,
                completed=done_by_cat[category],
                median_hours=statistics.median(hours) if hours else None,
                sla_met=met_by_cat.get(category, 0),
            )
        )
    return result


def format_duration(hours: float | None, unit_hours: str = "h", unit_days: str = "d") -> str:
    """``5.5 h`` below two days, else ``3.2 d``; ``—`` for None. (The KPI table and chart use
    :func:`format_days`: one unit for both.)"""
    if hours is None:
        return "—"
    if hours < 48:
        return f"{format_number(hours, 1)} {unit_hours}"
    return f"{format_number(hours / 24, 1)} {unit_days}"


KPI_UNIT = "days"  # the one unit of time to repair in the Work orders dock: headline, table and chart


def to_days(hours: float | None) -> float | None:
    return None if hours is None else hours / 24.0


def format_days(hours: float | None, unit: str = "") -> str:
    """Time to repair in days, as the KPI headline, table and chart all show it: ``0.3``, ``2.5``,
    ``1,234.0`` (one decimal, so a 6-hour repair is 0.3 and not 0); ``—`` for None; ``unit`` appended."""
    text = format_number(to_days(hours), 1)
    return f"{text} {unit}" if unit and text != "—" else text


def chart_bar_labels(rows: Sequence[tuple[str, float]]) -> list[str]:
    """The value labels of :func:`ttr_chart_png`'s bars (``rows``: (label, hours)), as :func:`format_days`."""
    return [format_days(hours) for _label, hours in rows]


def ttr_chart_png(
    rows: Sequence[tuple[str, float]],
    path: str | Path,
    *,
    title: str = "",
    unit: str = "days",
    empty_text: str = "—",
    width_in: float = 4.0,
) -> Path:
    """A small horizontal bar chart of median time to repair (``rows``: (label, hours)), in days (the
    unit of the KPI table: :func:`format_days`), in the Thai chart font of :mod:`..reports.charts`
    (matplotlib Agg; no GUI)."""
    from matplotlib import rc_context

    from ..reports.charts import chart_rc

    with rc_context(chart_rc()):
        return _ttr_chart_png(rows, path, title, unit, empty_text, width_in)


def _ttr_chart_png(rows, path, title, unit, empty_text, width_in) -> Path:
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure
    from matplotlib.ticker import FuncFormatter

    from ..reports.charts import chart_text

    height = 0.9 + 0.32 * max(len(rows), 1)
    fig = Figure(figsize=(width_in, height), dpi=100)
    FigureCanvasAgg(fig)
    ax = fig.add_subplot(1, 1, 1)
    if not rows:
        ax.text(0.5, 0.5, chart_text(empty_text), ha="center", va="center", transform=ax.transAxes)
        ax.set_axis_off()
    else:
        labels = [chart_text(r[0]) for r in rows]
        days = [to_days(r[1]) for r in rows]
        bars = ax.barh(labels, days, color=palette.BAR, edgecolor=palette.EDGE)
        ax.invert_yaxis()
        ax.bar_label(bars, labels=chart_bar_labels(rows), padding=3, fontsize=8)
        ax.set_xlabel(chart_text(unit), fontsize=8)
        ax.xaxis.set_major_formatter(FuncFormatter(lambda v, _pos: format_number(v, 0 if v == int(v) else 1)))
        ax.tick_params(labelsize=8)
        ax.margins(x=0.25)
        for side in ("top", "right"):
            ax.spines[side].set_visible(False)
    if title:
        ax.set_title(chart_text(title), fontsize=9)
    fig.tight_layout()
    out = Path(path)
    fig.savefig(out)
    return out
