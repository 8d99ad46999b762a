"""The colours of the plugin, one copy: layer styles, charts and docks all read them from here.

Keyed by value-list domain name and code (as text), so this module needs nothing else of core.
Categories use the Okabe–Ito colour-blind-safe set first. The ordered condition scale runs dark blue
(good) → ochre (fair) → red → near-black (failed): no colour near white, every band at least 3:1 against
white, and neighbouring bands apart for deuteranopia and protanopia (tests/core/common/test_condition_colours.py);
on the map the sections get a thin dark casing (:data:`CONDITION_CASING`) so they read on a basemap too.
A value outside a list is drawn in :data:`OTHER`.
"""

from __future__ import annotations

from typing import NamedTuple

# Okabe & Ito (2008): eight colours told apart with every common colour-vision deficiency.
OKABE_ITO = ("#0072B2", "#E69F00", "#009E73", "#D55E00", "#56B4E9", "#CC79A7", "#F0E442", "#000000")

OTHER = "#999999"  # a value outside the list, or none ("อื่น ๆ / ไม่ระบุ")
UNRATED = "#bbbbbb"  # a road section not yet rated (charts)
EDGE = "#333333"  # bar outlines in charts
BAR = "#0072B2"  # bars of a one-series chart
DONE_INK = "#555555"  # text of a finished (terminal) row in a table

COLOURS: dict[str, dict[str, str]] = {
    # Road class: main roads in Okabe–Ito, the minor classes in Paul Tol's muted set; width also tells them apart.
    "road_class": {
        "motorway": "#0072B2",
        "trunk": "#E69F00",
        "primary": "#009E73",
        "secondary": "#D55E00",
        "tertiary": "#56B4E9",
        "unclassified": "#CC79A7",
        "residential": "#F0E442",
        "service": "#000000",
        "living_street": "#882255",
        "track": "#999933",
        "footway": "#332288",
        "other": OTHER,
    },
    # Condition (ASTM D6433 bands), ordered: blues while good, ochre at fair, then lightness falls through
    # orange and red to near-black, so the order survives every colour-vision deficiency and greyscale.
    "condition_band": {
        "good": "#173a80",
        "satisfactory": "#3b7cc4",
        "fair": "#a89400",
        "poor": "#b35100",
        "very_poor": "#a3221a",
        "serious": "#641010",
        "failed": "#260404",
    },
    # Streetlights: green works, black is dark, warm colours are faults; unknown is a neutral grey.
    "lamp_status": {
        "working": "#009E73",
        "out": "#000000",
        "partly_out": "#56B4E9",
        "flickering": "#E69F00",
        "day_burning": "#F0E442",
        "damaged_pole": "#D55E00",
        "missing": "#CC79A7",
        "unknown": "#999999",
    },
    "complaint_status": {
        "waiting": "#D55E00",
        "inprogress": "#E69F00",
        "forwarded": "#CC79A7",
        "finish": "#009E73",
        "cancelled": "#999999",
    },
    # Work orders: blues before the work, orange during, greens after, greys when set aside or closed.
    "wo_status": {
        "new": "#56B4E9",
        "triaged": "#0072B2",
        "assigned": "#003f66",
        "in_progress": "#E69F00",
        "on_hold": "#999999",
        "completed": "#009E73",
        "verified": "#00573f",
        "closed": "#666666",
        "cancelled": "#BBBBBB",
        "duplicate": "#dddddd",
    },
}


class SlaColours(NamedTuple):
    strong: str  # the SLA cell
    tint: str  # a light tint for the rest of the row
    ink: str  # text on the strong colour


# SLA states (core.works.sla.SLA_STATES), Okabe–Ito.
SLA: dict[str, SlaColours] = {
    "on_time": SlaColours("#56B4E9", "#E4F3FC", "#000000"),
    "due_soon": SlaColours("#E69F00", "#FCEFD2", "#000000"),
    "overdue": SlaColours("#D55E00", "#F9DCC8", "#FFFFFF"),
}

CONDITION_CASING = "#262626"  # the thin dark edge of a rated road section (≥ 3:1 on a mid-grey basemap)

# The maintenance plan: chosen sections bold (a hue the condition scale does not use), the rest grey.
PLAN_CHOSEN = "#5e2a84"
PLAN_NOT_CHOSEN = "#9e9e9e"

# Layers drawn in one colour (no value list).
LAYER_COLOURS: dict[str, str] = {"parcels": "#8c6d46", "villages": "#6a3d9a", "households": "#E69F00"}
DEFAULT_LAYER = "#0072B2"


def colours(domain: str) -> dict[str, str]:
    """Code → colour of a value list (a copy; empty for a list without colours)."""
    return dict(COLOURS.get(domain, {}))


def colour(domain: str, code: object, default: str = OTHER) -> str:
    """The colour of one code of a value list; ``default`` for a code (or list) without one."""
    return COLOURS.get(domain, {}).get(str(code), default)
