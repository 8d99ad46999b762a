"""What the council map sets show (QGIS-free): the tables of the four sets, the zones, the workspace's
fingerprint and as-of time, and writing the tables as CSV and XLSX. The print layout is in toolbelt/.

The code lives in ``council_base`` (shared), ``council_roads`` (road plan) and ``council_works``
(streetlights, complaints, flood); this module is the one name to import. Read-only throughout.
"""

from __future__ import annotations

from .council_base import (
    MAP_SETS,
    OUTSIDE_KEY,
    CouncilTable,
    as_of,
    assert_no_personal,
    fingerprint,
    write_tables,
    zone_of_points,
    zone_word,
    zones,
)
from .council_roads import road_plan_layers, road_plan_tables
from .council_works import SUPPRESSED, complaint_tables, flood_tables, per_thousand, streetlight_tables, suppress

__all__ = [
    "MAP_SETS",
    "OUTSIDE_KEY",
    "SUPPRESSED",
    "CouncilTable",
    "as_of",
    "assert_no_personal",
    "complaint_tables",
    "fingerprint",
    "flood_tables",
    "per_thousand",
    "road_plan_layers",
    "road_plan_tables",
    "streetlight_tables",
    "suppress",
    "write_tables",
    "zone_of_points",
    "zone_word",
    "zones",
]
