"""The streetlight, complaint and flood map sets' tables, per zone (หมู่ / ชุมชน).

Every count is per zone; no table reads a personal field (complaints: category, status and times
only — never the description, photos or who reported; households: their point and parcel link only).
Zones: a point (lamp, complaint, work order, household) belongs to the zone it lies in, a parcel to the
zone of a point on its surface; things in no zone are counted in the "outside" row.

Flood: affected households and parcels per zone (:func:`land.impact.assess`, without residents).
Small counts are suppressed: a count from 1 to 4 prints as ``<5``. The total of a column adds only
the counts that are shown (the suppressed cells are left out of it, and the total row says so), so no
suppressed count can be recovered by subtracting the shown cells from the total.

Read-only: nothing here writes to the workspace.
"""

from __future__ import annotations

import datetime as _dt
import os
import statistics

from ..common.errors import CddpError
from ..common.i18n import translate
from ..common.thai import budget_year_bounds, quarter_bounds
from ..common.times import BANGKOK
from ..workspace import schema
from .council_base import TOTAL_TH, CouncilTable, checked, to_crs, zone_of_points, zone_rows, zone_word, zones

SUPPRESS_BELOW = 5
SUPPRESSED = "<5"
_HAZARD_EMPTY = translate("core", "The hazard layer has no polygons; give the flood extent as a polygon layer.")
_HAZARD_CRS = translate(
    "core", "The hazard layer has no coordinate reference system; set its CRS in QGIS, then run again."
)
_HAZARD_TYPE = translate("core", "The hazard layer must hold polygons (the flood extent); it holds {types}.")


def _window(first: _dt.date, last: _dt.date) -> tuple[_dt.datetime, _dt.datetime]:
    """[start, end) in UTC of whole Bangkok days from ``first`` to ``last``."""
    start = _dt.datetime.combine(first, _dt.time(), BANGKOK).astimezone(_dt.UTC)
    end = _dt.datetime.combine(last + _dt.timedelta(days=1), _dt.time(), BANGKOK).astimezone(_dt.UTC)
    return start, end


def _utc(series):
    import pandas as pd

    s = pd.to_datetime(series, errors="coerce", utc=True, format="ISO8601")
    return s


def _median_days(deltas) -> float | None:
    values = [d.total_seconds() / 86400.0 for d in deltas if d is not None and d == d and d.total_seconds() >= 0]
    return round(statistics.median(values), 1) if values else None


def _per_zone_frame(zone_frame, extra_outside: bool):
    import pandas as pd

    keys, numbers, labels = zone_rows(zone_frame, extra_outside)
    return keys, pd.DataFrame({"หมู่ที่": numbers, "หมู่ / ชุมชน": labels})


_ZONE_EN = {"หมู่ที่": "Village no.", "หมู่ / ชุมชน": "Village / zone"}


def _add_total(frame, median_cols=()):
    import pandas as pd

    total = {}
    for c in frame.columns:
        if c in ("หมู่ที่", "หมู่ / ชุมชน") or c in median_cols:
            total[c] = None
        else:
            total[c] = frame[c].sum()
    total["หมู่ / ชุมชน"] = TOTAL_TH
    return pd.concat([frame, pd.DataFrame([total])], ignore_index=True)


# ------------------------------------------------------------------------------------------------
# Streetlights


def streetlight_tables(workspace_path, year_be: int, quarter: int) -> list[CouncilTable]:
    """Outages and repairs in ``quarter`` of budget year ``year_be``, per zone (``streetlight_zones``):
    lamps, faults reported in the quarter, repaired in the quarter, still open at its end, median
    days to repair (of the repairs in the quarter), lamps with two or more faults in the quarter."""
    import numpy as np

    from ..common import ogrio

    workspace_path = os.fspath(workspace_path)
    first, last = quarter_bounds(year_be, quarter)
    start, end = _window(first, last)
    zone_frame = zones(workspace_path)
    lamps = ogrio.read_dataframe(workspace_path, layer="streetlights", columns=["uuid"])
    faults = ogrio.read_dataframe(workspace_path, layer="streetlight_faults",
                                  columns=["streetlight_uuid", "reported_at", "resolved_at"], read_geometry=False)  # fmt: skip
    zone_frame = to_crs(zone_frame, lamps.crs)
    lamp_zone = dict(zip(lamps["uuid"], zone_of_points(zone_frame, lamps.geometry.values), strict=True))
    reported = _utc(faults["reported_at"])
    resolved = _utc(faults["resolved_at"])
    fz = faults["streetlight_uuid"].map(lamp_zone).fillna("outside").to_numpy(dtype=object)
    in_q = ((reported >= start) & (reported < end)).to_numpy()
    fixed_q = ((resolved >= start) & (resolved < end)).to_numpy()
    open_end = ((reported < end) & (resolved.isna() | (resolved >= end))).to_numpy()
    keys, frame = _per_zone_frame(zone_frame, extra_outside=True)
    lamp_keys = np.array(list(lamp_zone.values()), dtype=object)
    frame["เสาไฟทั้งหมด"] = [int((lamp_keys == k).sum()) for k in keys]
    frame["แจ้งดับในไตรมาส"] = [int((in_q & (fz == k)).sum()) for k in keys]
    frame["ซ่อมเสร็จในไตรมาส"] = [int((fixed_q & (fz == k)).sum()) for k in keys]
    frame["ค้างซ่อม ณ สิ้นไตรมาส"] = [int((open_end & (fz == k)).sum()) for k in keys]
    durations = (resolved - reported).tolist()
    frame["เวลาซ่อม มัธยฐาน (วัน)"] = [
        _median_days([durations[i] for i in np.flatnonzero(fixed_q & (fz == k))]) for k in keys
    ]
    repeat = faults[in_q].groupby("streetlight_uuid").size()
    repeat_lamps = {u for u, n in repeat.items() if n >= 2}
    frame["เสาที่ดับซ้ำ (2 ครั้งขึ้นไป)"] = [sum(1 for u in repeat_lamps if lamp_zone.get(u, "outside") == k) for k in keys]
    all_median = _median_days([durations[i] for i in np.flatnonzero(fixed_q)])
    frame = _add_total(frame, median_cols=("เวลาซ่อม มัธยฐาน (วัน)",))
    frame.loc[len(frame) - 1, "เวลาซ่อม มัธยฐาน (วัน)"] = all_median
    en = {**_ZONE_EN, "เสาไฟทั้งหมด": "Streetlights", "แจ้งดับในไตรมาส": "Faults reported", "ซ่อมเสร็จในไตรมาส": "Repaired",
          "ค้างซ่อม ณ สิ้นไตรมาส": "Open at quarter end", "เวลาซ่อม มัธยฐาน (วัน)": "Median days to repair",
          "เสาที่ดับซ้ำ (2 ครั้งขึ้นไป)": "Repeat failures (2+)"}  # fmt: skip
    table = CouncilTable(
        "streetlight_zones", f"ไฟฟ้าสาธารณะดับและการซ่อม ไตรมาสที่ {quarter} ปีงบประมาณ {year_be}",
        f"Streetlight outages and repairs, quarter {quarter} of budget year {year_be}", frame, True, en, [*keys, None],
        [f"ไตรมาสที่ {quarter}: {first.isoformat()} ถึง {last.isoformat()} (เวลาประเทศไทย); "
         "เวลาซ่อม = เวลาแก้ไขเสร็จ − เวลาแจ้ง ของเหตุที่ซ่อมเสร็จในไตรมาส"],
        {"เวลาซ่อม มัธยฐาน (วัน)": 1},
    )  # fmt: skip
    return [checked(table)]


# ------------------------------------------------------------------------------------------------
# Complaints and work orders


def per_thousand(count: int, households: int) -> float | None:
    """Complaints per 1,000 households (one decimal); None when the zone has no household."""
    if not households:
        return None
    return round(count * 1000.0 / households, 1)


def complaint_tables(workspace_path, year_be: int) -> list[CouncilTable]:
    """Complaints and work orders of budget year ``year_be`` (complaints reported, orders created in
    it): ``complaint_zones`` (households, received, closed, per 1,000 households, median days per zone),
    ``complaint_categories`` (received / closed / median days by category) and
    ``work_order_status`` (orders per zone and status). Complainants never appear."""
    import numpy as np
    import pandas as pd

    from ..common import ogrio

    workspace_path = os.fspath(workspace_path)
    start, end = _window(*budget_year_bounds(year_be))
    zone_frame = zones(workspace_path)
    comp = ogrio.read_dataframe(workspace_path, layer="complaints",
                                columns=["category", "status", "reported_at", "last_activity"])  # fmt: skip
    orders = ogrio.read_dataframe(workspace_path, layer="work_orders", columns=["status", "created_at"])
    homes = ogrio.read_dataframe(workspace_path, layer="households", columns=["village_no"])
    zone_frame = to_crs(zone_frame, comp.crs or orders.crs or homes.crs)
    reported = _utc(comp["reported_at"])
    comp = comp[((reported >= start) & (reported < end)).to_numpy()].copy()
    reported = _utc(comp["reported_at"])
    closed = (comp["status"] == "finish").to_numpy()
    days = (_utc(comp["last_activity"]) - reported).tolist()
    cz = zone_of_points(to_crs(zone_frame, comp.crs), comp.geometry.values)
    hz = zone_of_points(to_crs(zone_frame, homes.crs), homes.geometry.values)
    keys, frame = _per_zone_frame(zone_frame, extra_outside=True)
    hh = [int((hz == k).sum()) for k in keys]
    received = [int((cz == k).sum()) for k in keys]
    frame["ครัวเรือน"] = hh
    frame["เรื่องที่รับ"] = received
    frame["เรื่องที่ปิดแล้ว"] = [int((closed & (cz == k)).sum()) for k in keys]
    frame["เรื่องต่อ 1,000 ครัวเรือน"] = [per_thousand(r, h) for r, h in zip(received, hh, strict=True)]
    frame["วันที่ใช้ปิดเรื่อง มัธยฐาน"] = [_median_days([days[i] for i in np.flatnonzero(closed & (cz == k))]) for k in keys]
    frame = _add_total(frame, median_cols=("เรื่องต่อ 1,000 ครัวเรือน", "วันที่ใช้ปิดเรื่อง มัธยฐาน"))
    frame.loc[len(frame) - 1, "เรื่องต่อ 1,000 ครัวเรือน"] = per_thousand(sum(received), sum(hh))
    frame.loc[len(frame) - 1, "วันที่ใช้ปิดเรื่อง มัธยฐาน"] = _median_days([days[i] for i in np.flatnonzero(closed)])
    en = {**_ZONE_EN, "ครัวเรือน": "Households", "เรื่องที่รับ": "Received", "เรื่องที่ปิดแล้ว": "Closed",
          "เรื่องต่อ 1,000 ครัวเรือน": "Per 1,000 households", "วันที่ใช้ปิดเรื่อง มัธยฐาน": "Median days to close"}  # fmt: skip
    note = f"เรื่องที่แจ้งในปีงบประมาณ {year_be} ({start.astimezone(BANGKOK).date().isoformat()} ถึง {(end.astimezone(BANGKOK).date() - _dt.timedelta(days=1)).isoformat()})"
    t_zones = CouncilTable(
        "complaint_zones", f"เรื่องร้องเรียน ราย{zone_word(workspace_path)} ปีงบประมาณ {year_be}", f"Complaints by zone, budget year {year_be}",
        frame, True, en, [*keys, None], [note, "ไม่แสดงข้อมูลผู้ร้องเรียน"],
        {"เรื่องต่อ 1,000 ครัวเรือน": 1, "วันที่ใช้ปิดเรื่อง มัธยฐาน": 1},
    )  # fmt: skip

    cats = comp["category"].fillna("other").to_numpy(dtype=object)
    codes = [c for c, _, _ in schema.DOMAINS["work_category"].values]
    present = [c for c in codes if (cats == c).any()] + sorted({c for c in cats if c not in codes})
    cat = pd.DataFrame({"หมวดงาน": [schema.label("work_category", c) for c in present]})
    cat["เรื่องที่รับ"] = [int((cats == c).sum()) for c in present]
    cat["เรื่องที่ปิดแล้ว"] = [int((closed & (cats == c)).sum()) for c in present]
    cat["วันที่ใช้ปิดเรื่อง มัธยฐาน"] = [_median_days([days[i] for i in np.flatnonzero(closed & (cats == c))]) for c in present]
    total = {"หมวดงาน": TOTAL_TH, "เรื่องที่รับ": int(cat["เรื่องที่รับ"].sum()),
             "เรื่องที่ปิดแล้ว": int(cat["เรื่องที่ปิดแล้ว"].sum()),
             "วันที่ใช้ปิดเรื่อง มัธยฐาน": _median_days([days[i] for i in np.flatnonzero(closed)])}  # fmt: skip
    cat = pd.concat([cat, pd.DataFrame([total])], ignore_index=True)
    t_cats = CouncilTable(
        "complaint_categories", f"เรื่องร้องเรียนตามหมวดงาน ปีงบประมาณ {year_be}",
        f"Complaints by category, budget year {year_be}", cat, True,
        {"หมวดงาน": "Category", "เรื่องที่รับ": "Received", "เรื่องที่ปิดแล้ว": "Closed",
         "วันที่ใช้ปิดเรื่อง มัธยฐาน": "Median days to close"},
        notes_th=[note], decimals={"วันที่ใช้ปิดเรื่อง มัธยฐาน": 1},
    )  # fmt: skip

    created = _utc(orders["created_at"])
    orders = orders[((created >= start) & (created < end)).to_numpy()]
    oz = zone_of_points(to_crs(zone_frame, orders.crs), orders.geometry.values)
    statuses = orders["status"].to_numpy(dtype=object)
    keys2, wo = _per_zone_frame(zone_frame, extra_outside=True)
    wo_en = dict(_ZONE_EN)
    for code, th, en_label in schema.DOMAINS["wo_status"].values:
        wo[th] = [int(((statuses == code) & (oz == k)).sum()) for k in keys2]
        wo_en[th] = en_label
    wo["รวม"] = [int((oz == k).sum()) for k in keys2]
    wo_en["รวม"] = "All"
    wo = _add_total(wo)
    t_wo = CouncilTable(
        "work_order_status", f"ใบสั่งงานตามสถานะ ราย{zone_word(workspace_path)} ปีงบประมาณ {year_be}",
        f"Work orders by status and zone, budget year {year_be}", wo, True, wo_en, [*keys2, None],
        [f"ใบสั่งงานที่สร้างในปีงบประมาณ {year_be}"],
    )  # fmt: skip
    return [checked(t) for t in (t_zones, t_cats, t_wo)]


# ------------------------------------------------------------------------------------------------
# Flood


def suppress(counts) -> tuple[list, int]:
    """(cells with 1–4 as ``"<5"``, total of the shown cells only): the suppressed cells are not in the
    total, so none can be recovered by subtraction."""
    cells = []
    total = 0
    for n in counts:
        n = int(n)
        if 0 < n < SUPPRESS_BELOW:
            cells.append(SUPPRESSED)
        else:
            cells.append(n)
            total += n
    return cells, total


def flood_tables(workspace_path, hazard) -> list[CouncilTable]:
    """Households and parcels affected by ``hazard`` (polygons, any CRS) per zone (``flood_zones``),
    counts 1–4 suppressed (see the module notes). No resident data is read."""
    import pandas as pd
    import shapely

    from ..common import ogrio
    from ..land import impact

    workspace_path = os.fspath(workspace_path)
    zone_frame = zones(workspace_path)
    if hazard is None or len(hazard) == 0 or hazard.geometry.isna().all():
        raise CddpError(_HAZARD_EMPTY)
    if hazard.crs is None:
        raise CddpError(_HAZARD_CRS)
    types = set(shapely.get_type_id(hazard.geometry.values[~shapely.is_missing(hazard.geometry.values)]).tolist())
    if not types <= {3, 6}:
        names = {0: "points", 1: "lines", 5: "lines", 4: "points", 7: "collections"}
        raise CddpError(_HAZARD_TYPE, types=", ".join(sorted({names.get(t, str(t)) for t in types - {3, 6}})))
    parcels = ogrio.read_dataframe(workspace_path, layer="parcels", columns=["uuid"])
    households = ogrio.read_dataframe(workspace_path, layer="households", columns=["uuid", "parcel_id", "village_no"])
    crs = parcels.crs or households.crs
    hazard = hazard.to_crs(crs)
    zone_frame = to_crs(zone_frame, crs)
    ap, ah, _, _ = impact.assess(hazard, parcels, households, None)
    pz = zone_of_points(zone_frame, ap.geometry.values)
    parcel_zone = dict(zip(ap["uuid"], pz, strict=True))
    hz = zone_of_points(zone_frame, ah.geometry.values)
    no_point = shapely.is_missing(ah.geometry.values)
    for i in range(len(ah)):
        if no_point[i]:
            hz[i] = parcel_zone.get(ah["parcel_id"].iloc[i], "outside")
    keys, frame = _per_zone_frame(zone_frame, extra_outside=True)
    h_cells, h_total = suppress([(hz == k).sum() for k in keys])
    p_cells, p_total = suppress([(pz == k).sum() for k in keys])
    frame["ครัวเรือนที่ได้รับผลกระทบ"] = h_cells
    frame["แปลงที่ดินที่ได้รับผลกระทบ"] = p_cells
    any_suppressed = SUPPRESSED in h_cells or SUPPRESSED in p_cells
    total_label = "รวม (เฉพาะช่องที่แสดงตัวเลข)" if any_suppressed else TOTAL_TH
    frame = pd.concat([frame, pd.DataFrame([{"หมู่ที่": None, "หมู่ / ชุมชน": total_label,
                                             "ครัวเรือนที่ได้รับผลกระทบ": h_total,
                                             "แปลงที่ดินที่ได้รับผลกระทบ": p_total}])], ignore_index=True)  # fmt: skip
    en = {**_ZONE_EN, "ครัวเรือนที่ได้รับผลกระทบ": "Households affected", "แปลงที่ดินที่ได้รับผลกระทบ": "Parcels affected"}
    table = CouncilTable(
        "flood_zones", f"ครัวเรือนและแปลงที่ดินในพื้นที่น้ำท่วม ราย{zone_word(workspace_path)}", "Households and parcels in the flood extent, by zone",
        frame, True, en, [*keys, None],
        ["จำนวน 1–4 แสดงเป็น <5 เพื่อคุ้มครองข้อมูลส่วนบุคคล (PDPA); ยอดรวมนับเฉพาะช่องที่แสดงตัวเลข "
         "จึงคำนวณย้อนกลับหาช่องที่ปกปิดไม่ได้",
         "ครัวเรือนนับเมื่อจุดที่ตั้งอยู่ในพื้นที่น้ำท่วมหรือแปลงที่ดินที่เชื่อมโยงถูกน้ำท่วม"],
    )  # fmt: skip
    return [checked(table)]
