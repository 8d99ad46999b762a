"""The road condition and repair plan map set: tables and the chosen sections to highlight.

Projects: the plan's chosen sections grouped by road and treatment, one project (one row of the
ผ.02-shaped table) per group, numbered in the order of the plan's best rank in the group; the map
numbers each chosen section with its project's number (:func:`road_plan_layers`).

Read-only: nothing here writes to the workspace.
"""

from __future__ import annotations

import os

from ..common.errors import CddpError
from ..common.i18n import translate
from ..common.numbers import format_number
from ..common.thai import format_thai_date
from ..roads import maintenance
from ..workspace import schema
from .council_base import (
    OUTSIDE_KEY,
    OUTSIDE_TH,
    TOTAL_TH,
    CouncilTable,
    checked,
    to_crs,
    zone_rows,
    zone_word,
    zones,
)

# Thickness written in the target (m): our assumption of usual Thai local-road works — an asphalt
# overlay of 5 cm, a reconstruction in 15 cm reinforced concrete; routine and preservation work has none.
THICKNESS_M = {"overlay": 0.05, "reconstruct": 0.15}
RESPONSIBLE_UNIT = "กองช่าง"
BANDS = [code for code, _, _ in schema.DOMAINS["condition_band"].values]
GOOD_BANDS = ("good", "satisfactory")
_PROJECT_TH = {
    "routine": "ซ่อมบำรุงผิวจราจร (อุดรอยแตก ปะซ่อม)",
    "preservation": "บำรุงรักษาผิวจราจรเชิงป้องกัน",
    "overlay": "ปรับปรุงผิวจราจรโดยปูผิวทับ",
    "reconstruct": "ก่อสร้างผิวจราจรใหม่",
}
_NO_PLAN = translate(
    "core",
    "The road plan map set needs a maintenance plan or a budget: give the plan written by cddp:maintenanceplan, or a budget in baht to compute one.",
)
_PLAN_FILE = translate(
    "core", "Cannot read the maintenance plan {path}: {error}. Give the file written by cddp:maintenanceplan."
)
_PLAN_COLUMNS = translate(
    "core",
    "The maintenance plan {path} lacks the columns {columns}; give the file written by cddp:maintenanceplan.",
)


def _road_text(name: str) -> str:
    """``ถนน`` before a road's name unless the name already says what it is (ถนน, ซอย, ตรอก…)."""
    return name if name.startswith(("ถนน", "ซอย", "ตรอก", "ทาง", "สะพาน", "ไม่มีชื่อ")) else f"ถนน{name}"


def _read_plan(workspace_path, budget, plan):
    """(plan GeoDataFrame, summary dict or None) from ``plan`` (a GeoDataFrame or the path of the file
    cddp:maintenanceplan wrote) or computed with ``budget``."""
    from ..common import ogrio

    if plan is None:
        if budget is None:
            raise CddpError(_NO_PLAN)
        return maintenance.plan_workspace(os.fspath(workspace_path), budget)
    label = "plan"
    if isinstance(plan, str | os.PathLike):
        label = os.fspath(plan)
        try:
            plan = ogrio.read_dataframe(label)
            if "selected" in plan and "section_uuid" in plan:
                # the flag through an attribute filter: GDAL's Arrow stream mis-reads this Boolean column
                chosen = ogrio.read_dataframe(
                    label, columns=["section_uuid"], where="selected = 1", read_geometry=False
                )
                plan["selected"] = plan["section_uuid"].isin(set(chosen["section_uuid"]))
        except RuntimeError as exc:
            raise CddpError(_PLAN_FILE, path=label, error=str(exc)) from exc
    need = ["rank", "section_uuid", "length_m", "band", "treatment", "area_sqm", "cost_baht", "selected"]
    missing = [c for c in need if c not in plan.columns]
    if missing:
        raise CddpError(_PLAN_COLUMNS, path=label, columns=", ".join(missing))
    return plan, None


def _roads(workspace_path):
    """road uuid → (name, code) and section uuid → road uuid, from the workspace (public fields only)."""
    from ..common import ogrio

    roads = ogrio.read_dataframe(workspace_path, layer="roads", columns=["uuid", "road_code", "name_th", "name_en"],
                                 read_geometry=False)  # fmt: skip
    sections = ogrio.read_dataframe(workspace_path, layer="road_sections",
                                    columns=["uuid", "road_uuid", "section_id", "length_m", "condition_band",
                                             "inspected_on", "pci", "paser"])  # fmt: skip
    names = {}
    for row in roads.itertuples(index=False):
        name = next((x.strip() for x in (row.name_th, row.name_en) if isinstance(x, str) and x.strip()), None)
        code = row.road_code.strip() if isinstance(row.road_code, str) and row.road_code.strip() else None
        names[row.uuid] = (name, code)
    return names, sections


def _zone_lengths(zone_frame, geoms):
    """(metres of each line in each zone: array lines × zones, zone index with the most length or -1)."""
    import numpy as np
    import shapely

    g = np.asarray(geoms, dtype=object)
    out = np.zeros((len(g), len(zone_frame)))
    present = ~shapely.is_missing(g)
    tree = shapely.STRtree(zone_frame.geometry.values)
    idx = np.flatnonzero(present)
    if len(idx):
        li, zi = tree.query(g[idx], predicate="intersects")
        if len(li):
            lens = shapely.length(shapely.intersection(g[idx][li], zone_frame.geometry.values[zi]))
            np.add.at(out, (idx[li], zi), lens)
    best = np.where(out.max(axis=1) > 0, out.argmax(axis=1), -1) if len(zone_frame) else np.full(len(g), -1)
    return out, best


def road_plan_layers(workspace_path, year_be: int, budget=None, plan=None):
    """The chosen sections to highlight on the map: a GeoDataFrame (workspace CRS) of ``project_no``
    (the ผ.02 row and the number printed on the map), ``rank`` (the plan's), ``section_id``,
    ``road``, ``band``, ``treatment``, ``cost_baht``, ``zone_key`` (the zone holding most of the
    section, ``outside`` when none) and the line geometry."""
    return _road_plan(workspace_path, year_be, budget, plan)[1]


def road_plan_tables(workspace_path, year_be: int, budget=None, plan=None) -> list[CouncilTable]:
    """The road plan set's tables: ``road_plan_projects`` (ผ.02-shaped), ``road_plan_figures`` (the box of
    figures), ``road_plan_zones`` (per zone), ``road_plan_method`` and ``road_plan_sections`` (why each
    section was chosen). ``plan`` is the ranked frame (or file) of cddp:maintenanceplan; without it
    the plan is computed with ``budget`` (baht). The geometries to highlight: :func:`road_plan_layers`."""
    return _road_plan(workspace_path, year_be, budget, plan)[0]


def _road_plan(workspace_path, year_be, budget, plan):
    import numpy as np
    import pandas as pd

    from ..common.thai import budget_year_bounds

    workspace_path = os.fspath(workspace_path)
    budget_year_bounds(year_be)  # a clear error for a bad year
    zone_frame = zones(workspace_path)
    plan_frame, summary = _read_plan(workspace_path, budget, plan)
    if budget is not None:
        budget_baht = maintenance.parse_budget(budget)
    elif summary is not None:
        budget_baht = float(summary["budget_baht"])
    else:
        budget_baht = None
    names, sections = _roads(workspace_path)
    zone_frame = to_crs(zone_frame, sections.crs)
    section_road = dict(zip(sections["uuid"], sections["road_uuid"], strict=True))

    chosen = plan_frame[plan_frame["selected"].astype(bool)].copy()
    chosen = to_crs(chosen, sections.crs) if hasattr(chosen, "crs") else chosen
    chosen["road_uuid"] = chosen["section_uuid"].map(section_road)
    chosen["road_label"] = [
        (names.get(r, (None, None))[0] or (str(n) if isinstance(n, str) and n.strip() else None) or "ไม่มีชื่อ")
        for r, n in zip(chosen["road_uuid"], chosen.get("road_name", pd.Series([None] * len(chosen))), strict=True)
    ]
    chosen["road_code"] = [names.get(r, (None, None))[1] for r in chosen["road_uuid"]]
    chosen = chosen.sort_values("rank")
    # one project per named road (OSM cuts a road into many ways) and treatment; unnamed roads each their own
    group_key = [(lab if lab != "ไม่มีชื่อ" else f"{lab}:{uuid}", t)
                 for lab, uuid, t in zip(chosen["road_label"], chosen["road_uuid"], chosen["treatment"], strict=True)]  # fmt: skip
    order: dict = {}
    for k in group_key:
        order.setdefault(k, len(order) + 1)
    chosen["project_no"] = [order[k] for k in group_key]
    _, best = _zone_lengths(zone_frame, chosen.geometry.values)
    zkeys = zone_frame["zone_key"].to_numpy(dtype=object)
    chosen["zone_key"] = [zkeys[b] if b >= 0 else OUTSIDE_KEY for b in best]
    labels = dict(zip(zone_frame["zone_key"], zone_frame["label_th"], strict=True))
    labels[OUTSIDE_KEY] = OUTSIDE_TH

    # ---- ผ.02-shaped project list.
    # Columns confirmed against DOMAIN.md's description of form ผ.02 (project, objective, target
    # written as road code, width × length × thickness or area, budget per year, KPI, expected result,
    # responsible unit). NOT confirmed: the exact headings and the year columns of the current form
    # (ผ.02 of the 5-year local development plan has one budget column per plan year; we fill the
    # budget year printed on the set only) — check against the form in force before filing.
    year_col = f"งบประมาณ {year_be} (บาท)"
    rows = []
    project_zone = []
    for (_, treatment), number in order.items():
        g = chosen[chosen["project_no"] == number]
        length = float(g["length_m"].sum())
        area = float(g["area_sqm"].sum())
        width = area / length if length > 0 else None
        road = g["road_label"].iloc[0]
        code = g["road_code"].iloc[0]
        target = _road_text(road) + (f" (รหัสสายทาง {code})" if code else "")
        size = []
        if width:
            size.append(f"กว้าง {format_number(width, 2)} ม.")
        size.append(f"ยาว {format_number(length, 0)} ม.")
        if treatment in THICKNESS_M:
            size.append(f"หนา {format_number(THICKNESS_M[treatment], 2)} ม.")
        target += " ขนาด" + " ".join(size) + f" หรือพื้นที่ไม่น้อยกว่า {format_number(area, 0)} ตร.ม."
        bands = [schema.label("condition_band", b) for b in dict.fromkeys(g["band"].dropna())]
        households = (
            int(pd.to_numeric(g.get("households", 0), errors="coerce").fillna(0).sum()) if "households" in g else 0
        )
        pci_after = maintenance.PCI_AFTER.get(treatment)
        zone_counts = g["zone_key"].value_counts()
        project_zone.append(zone_counts.index[0] if len(zone_counts) else OUTSIDE_KEY)
        rows.append({
            "ที่": number,
            "โครงการ": f"{_PROJECT_TH.get(treatment, treatment)} {_road_text(road)}",
            "วัตถุประสงค์": f"เพื่อซ่อมแซมผิวจราจรที่อยู่ในสภาพ{'/'.join(bands)} ให้ประชาชนสัญจรได้สะดวกและปลอดภัย",
            "เป้าหมาย (ผลผลิตของโครงการ)": target,
            year_col: float(g["cost_baht"].sum()),
            "ตัวชี้วัด (KPI)": f"ผิวจราจรได้รับการซ่อมแซม {format_number(area, 0)} ตร.ม. ค่า PCI หลังซ่อมไม่ต่ำกว่า {format_number(pci_after, 0)}",
            "ผลลัพธ์ที่คาดว่าจะได้รับ": f"ประชาชน {format_number(households, 0)} ครัวเรือนที่อยู่ริมถนนสัญจรได้สะดวกและปลอดภัยขึ้น",
            "หน่วยงานรับผิดชอบหลัก": RESPONSIBLE_UNIT,
        })  # fmt: skip
    cols = ["ที่", "โครงการ", "วัตถุประสงค์", "เป้าหมาย (ผลผลิตของโครงการ)", year_col, "ตัวชี้วัด (KPI)",
            "ผลลัพธ์ที่คาดว่าจะได้รับ", "หน่วยงานรับผิดชอบหลัก"]  # fmt: skip
    projects = pd.DataFrame(rows, columns=cols)
    total = {c: None for c in cols}
    total["โครงการ"] = TOTAL_TH
    total[year_col] = float(projects[year_col].sum()) if len(projects) else 0.0
    projects = pd.concat([projects, pd.DataFrame([total])], ignore_index=True)
    projects_en = dict(zip(cols, ["No.", "Project", "Objective", "Target (output)", f"Budget {year_be} (baht)", "KPI",
                                  "Expected result", "Responsible unit"], strict=True))  # fmt: skip
    t_projects = CouncilTable(
        "road_plan_projects", f"บัญชีโครงการซ่อมบำรุงถนน ปีงบประมาณ {year_be} (แบบ ผ.02)",
        f"Road repair projects, budget year {year_be} (form P.02 layout)", projects, True, projects_en,
        [*project_zone, None],
        ["รูปแบบตาม ผ.02 ของแผนพัฒนาท้องถิ่น: ตรวจหัวตารางและปีงบประมาณกับแบบฟอร์มฉบับปัจจุบันก่อนเสนอ",
         "ความหนาเป็นค่าที่สมมติ (ปูผิวทับ 0.05 ม., ก่อสร้างใหม่ คสล. 0.15 ม.): แก้ตามแบบก่อสร้างจริง"],
    )  # fmt: skip

    # ---- box of figures
    lengths = pd.to_numeric(sections["length_m"], errors="coerce").fillna(sections.geometry.length)
    bands_all = sections["condition_band"].where(sections["condition_band"].isin(BANDS), "unrated")
    km = {b: float(lengths[bands_all == b].sum()) / 1000.0 for b in [*BANDS, "unrated"]}
    rated_km = sum(km[b] for b in BANDS)
    good_pct = 100.0 * sum(km[b] for b in GOOD_BANDS) / rated_km if rated_km > 0 else None
    need = float(pd.to_numeric(plan_frame["cost_baht"], errors="coerce").sum())
    spent = float(chosen["cost_baht"].sum())
    served = int(pd.to_numeric(chosen["households"], errors="coerce").fillna(0).sum()) if "households" in chosen else 0
    fig_rows = [(f"ระยะทางสภาพ{schema.label('condition_band', b)} (กม.)",
                 f"{schema.label('condition_band', b, 'en')} (km)", km[b], 2) for b in BANDS]  # fmt: skip
    fig_rows += [
        ("ระยะทางที่ยังไม่ประเมินสภาพ (กม.)", "Not yet rated (km)", km["unrated"], 2),
        ("ระยะทางที่ประเมินแล้ว (กม.)", "Rated (km)", rated_km, 2),
        ("สัดส่วนถนนสภาพดีและค่อนข้างดี (% ของที่ประเมิน)", "Good or satisfactory (% of rated)", good_pct, 1),
        ("ความต้องการงบซ่อมทั้งหมด (บาท)", "Repair need (baht)", need, 0),
        ("งบประมาณ (บาท)", "Budget (baht)", budget_baht, 0),
        ("งบตามแผนที่เลือก (บาท)", "Cost of the chosen plan (baht)", spent, 0),
        ("ช่วงถนนที่เลือกซ่อม", "Sections chosen", len(chosen), 0),
        ("ระยะทางที่เลือกซ่อม (กม.)", "Length chosen (km)", float(chosen["length_m"].sum()) / 1000.0, 2),
        ("จำนวนโครงการ", "Projects", len(order), 0),
        ("ครัวเรือนที่ได้รับประโยชน์", "Households served", served, 0),
    ]
    figures = pd.DataFrame({"รายการ": [r[0] for r in fig_rows], "ค่า": [r[2] for r in fig_rows]})
    t_figures = CouncilTable(
        "road_plan_figures", f"สรุปสภาพถนนและแผนซ่อม ปีงบประมาณ {year_be}", f"Road condition and plan, budget year {year_be}",
        figures, False, {"รายการ": "Item", "ค่า": "Value"},
        notes_th=["สภาพดี = ดีและค่อนข้างดี (PCI มากกว่า 70 หรือ PASER 7–10)"],
    )  # fmt: skip
    t_figures.rows_en = [r[1] for r in fig_rows]
    t_figures.decimals = {"ค่า": [r[3] for r in fig_rows]}  # counts and baht whole, km with 2 places
    figures["ค่า"] = [None if v is None else round(float(v), r[3]) for v, r in zip(figures["ค่า"], fig_rows, strict=True)]

    # ---- per zone
    zl, _zbest = _zone_lengths(zone_frame, sections.geometry.values)
    keys, numbers, labels_col = zone_rows(zone_frame, extra_outside=True)
    per_zone = {"หมู่ที่": numbers, "หมู่ / ชุมชน": labels_col}
    en = {"หมู่ที่": "Village no.", "หมู่ / ชุมชน": "Village / zone"}
    total_len = lengths.to_numpy(float)
    inside = zl.sum(axis=1)
    outside = np.maximum(total_len - inside, 0.0)
    for b in [*BANDS, "unrated"]:
        mask = (bands_all == b).to_numpy()
        per = [*list(zl[mask].sum(axis=0) / 1000.0), float(outside[mask].sum()) / 1000.0]
        th = "ยังไม่ประเมิน" if b == "unrated" else schema.label("condition_band", b)
        per_zone[f"{th} (กม.)"] = [round(v, 2) for v in per]
        en[f"{th} (กม.)"] = f"{'Not rated' if b == 'unrated' else schema.label('condition_band', b, 'en')} (km)"
    counts = chosen["zone_key"].value_counts()
    per_zone["ช่วงที่เลือกซ่อม"] = [int(counts.get(k, 0)) for k in keys]
    cost_by = chosen.groupby("zone_key")["cost_baht"].sum()
    per_zone["งบที่เลือก (บาท)"] = [float(cost_by.get(k, 0.0)) for k in keys]
    en.update({"ช่วงที่เลือกซ่อม": "Sections chosen", "งบที่เลือก (บาท)": "Cost chosen (baht)"})
    zframe = pd.DataFrame(per_zone)
    total = {c: (zframe[c].sum() if c not in ("หมู่ที่", "หมู่ / ชุมชน") else None) for c in zframe.columns}
    total["หมู่ / ชุมชน"] = TOTAL_TH
    zframe = pd.concat([zframe, pd.DataFrame([total])], ignore_index=True)
    for c in zframe.columns:
        if c.endswith("(กม.)"):
            zframe[c] = zframe[c].astype(float).round(2)
    t_zones = CouncilTable(
        "road_plan_zones", f"สภาพถนนและช่วงที่เลือกซ่อม ราย{zone_word(workspace_path)} ปีงบประมาณ {year_be}",
        f"Road condition and chosen sections by zone, budget year {year_be}", zframe, True, en, [*keys, None],
        ["ความยาวในแต่ละหมู่วัดจากส่วนของถนนที่อยู่ในเขตหมู่; ช่วงที่เลือกนับในหมู่ที่มีความยาวของช่วงมากที่สุด"],
        {c: 2 for c in zframe.columns if c.endswith("(กม.)")},
    )  # fmt: skip

    # ---- method
    dates = pd.to_datetime(sections["inspected_on"], errors="coerce").dropna()
    n_pci = int(pd.to_numeric(sections["pci"], errors="coerce").notna().sum())
    n_paser = int((pd.to_numeric(sections["paser"], errors="coerce").notna()
                   & pd.to_numeric(sections["pci"], errors="coerce").isna()).sum())  # fmt: skip
    costs = maintenance.parse_unit_costs(summary["unit_costs"] if summary else _plan_unit_costs(plan_frame))
    method_rows = [
        ("วิธีประเมินสภาพ", "Rating method",
         f"PCI ตาม ASTM D6433 {format_number(n_pci)} ช่วง; PASER (ประเมินด้วยสายตา) {format_number(n_paser)} ช่วง"),
        ("วันที่สำรวจ", "Inspected",
         "—" if dates.empty else f"{format_thai_date(dates.min().date())} – {format_thai_date(dates.max().date())}"),
        ("ระดับสภาพ", "Condition bands",
         "PCI: ดี >85, ค่อนข้างดี 70–85, ปานกลาง 55–70, ทรุดโทรม 40–55, ทรุดโทรมมาก 25–40, เสียหายรุนแรง 10–25, ใช้การไม่ได้ ≤10"),
    ]  # fmt: skip
    for t in maintenance.TREATMENTS:
        method_rows.append((f"ราคาต่อหน่วย: {schema.label('treatment', t)}", f"Unit cost: {schema.label('treatment', t, 'en')}",
                            f"{format_number(costs[t])} บาท/ตร.ม. (PCI หลังซ่อม {format_number(maintenance.PCI_AFTER[t])})"))  # fmt: skip
    method_rows += [
        ("การเลือกช่วงถนน", "Selection",
         "เลือกชุดช่วงถนนที่ให้ประโยชน์รวมสูงสุดภายในงบประมาณ (knapsack): ประโยชน์ = PCI ที่เพิ่มขึ้น × ความยาว (กม.) "
         "ถ่วงน้ำหนักด้วยจำนวนครัวเรือนและผู้เปราะบางที่ใช้ถนนต่อ 100 ม."),
        ("วิธีคำนวณ", "Method", summary["method"] if summary else "cddp:maintenanceplan"),
        ("ราคาต่อหน่วยเป็นค่าประมาณ", "Unit costs",
         "ค่าเริ่มต้นเป็นราคาประมาณการ ไม่ใช่ราคากลางทางราชการ: แก้เป็นราคากลางของท้องถิ่น"),
    ]  # fmt: skip
    method = pd.DataFrame({"หัวข้อ": [r[0] for r in method_rows], "วิธีการ": [r[2] for r in method_rows]})
    t_method = CouncilTable("road_plan_method", "วิธีการจัดทำแผนซ่อมบำรุงถนน", "How the road plan was made", method,
                            False, {"หัวข้อ": "Item", "วิธีการ": "Detail"})  # fmt: skip
    t_method.rows_en = [r[1] for r in method_rows]

    # ---- why each section was chosen
    reasons = pd.DataFrame({
        "ลำดับในแผน": chosen["rank"].astype(int).to_numpy(),
        "โครงการที่": chosen["project_no"].astype(int).to_numpy(),
        "รหัสช่วง": chosen["section_id"].to_numpy() if "section_id" in chosen else None,
        "ถนน": chosen["road_label"].to_numpy(),
        "หมู่ / ชุมชน": [labels.get(k, k) for k in chosen["zone_key"]],
        "สภาพ": [schema.label("condition_band", b) for b in chosen["band"]],
        "PCI ปัจจุบัน": pd.to_numeric(chosen["pci_now"], errors="coerce").round(0).to_numpy() if "pci_now" in chosen else None,
        "วิธีซ่อม": [schema.label("treatment", t) for t in chosen["treatment"]],
        "ยาว (ม.)": pd.to_numeric(chosen["length_m"], errors="coerce").round(0).to_numpy(),
        "ค่าซ่อม (บาท)": pd.to_numeric(chosen["cost_baht"], errors="coerce").to_numpy(),
        "ครัวเรือนที่ใช้ถนน": pd.to_numeric(chosen.get("households", 0), errors="coerce").fillna(0).astype(int).to_numpy(),
        "ประโยชน์ต่อล้านบาท": pd.to_numeric(chosen.get("benefit_per_mbaht", np.nan), errors="coerce").round(1).to_numpy(),
    })  # fmt: skip
    reasons_en = dict(zip(reasons.columns, ["Plan rank", "Project no.", "Section", "Road", "Village / zone", "Condition",
                                            "PCI now", "Treatment", "Length (m)", "Cost (baht)", "Households served",
                                            "Benefit per million baht"], strict=True))  # fmt: skip
    t_reasons = CouncilTable(
        "road_plan_sections", "ช่วงถนนที่เลือกซ่อมและเหตุผล", "Chosen road sections and why", reasons, False,
        reasons_en, list(chosen["zone_key"]),
        ["เรียงตามลำดับในแผน: ช่วงที่ให้ประโยชน์ต่องบประมาณสูงก่อน; ประโยชน์ = PCI ที่เพิ่มขึ้น × กม. × น้ำหนักครัวเรือน"],
        {"ประโยชน์ต่อล้านบาท": 1},
    )  # fmt: skip

    layer = chosen[["project_no", "rank", "section_id", "road_label", "band", "treatment", "cost_baht", "zone_key",
                    chosen.geometry.name]].rename(columns={"road_label": "road"}).reset_index(drop=True)  # fmt: skip
    tables = [checked(t) for t in (t_projects, t_figures, t_zones, t_method, t_reasons)]
    return tables, layer


def _plan_unit_costs(plan_frame) -> dict[str, float]:
    """The unit costs a plan file was made with (its ``unit_cost`` per treatment); defaults for the rest."""
    import pandas as pd

    costs = dict(maintenance.DEFAULT_UNIT_COSTS)
    if "unit_cost" in plan_frame:
        for t, v in plan_frame.groupby("treatment")["unit_cost"].first().items():
            number = pd.to_numeric(v, errors="coerce")
            if t in costs and pd.notna(number) and number > 0:
                costs[t] = float(number)
    return costs
