#!/usr/bin/env python3
"""Road maintenance plan (``cddp:maintenanceplan``) for 10k and 100k road sections.

A synthetic town of parallel streets cut into 100 m sections (4–8 m wide), 20 m parcels on both
sides (10 per section), households on 85 % of the parcels (a tenth of them not linked to a parcel,
so they are found by their point), three residents per household of whom about a quarter are
vulnerable. Conditions: 60 % of the sections rated by PCI, 30 % by PASER only, 10 % unrated. The
budget is 5 % of the cost of every repair needed (what a municipality can spend in a year).

Times, in the same run: people served (parcels → sections within 30 m, households through their
parcel link or point, vulnerable residents); the plan with ``method="auto"`` (exact knapsack when
the reduced core fits the dynamic programme, else greedy with its gap) and with
``method="greedy"``; and, as the peer, SciPy's MILP solver (HiGHS, branch and bound) on the same
knapsack. Printed: seconds, the method used, the core size, the gap of the greedy plan to the LP
bound, and how far each plan is from the best plan found.
"""

from __future__ import annotations

import argparse
import os
import platform
import sys
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from cddp_plugin.core.roads import maintenance as mt

ORIGIN = (420000.0, 1610000.0)  # UTM 48N
SECTION = 100.0
PARCEL = 20.0
STREET_GAP = 2 * PARCEL + 8.0  # two parcel rows and a road between parallel streets


def town(n_sections: int, seed: int = 1):
    import geopandas as gpd
    import pandas as pd
    import shapely

    rng = np.random.default_rng(seed)
    per_street = 100
    streets = int(np.ceil(n_sections / per_street))
    k = np.arange(n_sections)
    row, col = np.divmod(k, per_street)
    x0 = ORIGIN[0] + col * SECTION
    y = ORIGIN[1] + row * STREET_GAP
    lines = shapely.linestrings(np.stack([np.stack([x0, y], -1), np.stack([x0 + SECTION, y], -1)], axis=1))
    pci = np.round(rng.uniform(5, 100, n_sections), 1)
    paser = rng.integers(1, 11, n_sections).astype(float)
    kind = rng.random(n_sections)
    sections = gpd.GeoDataFrame(
        {
            "section_id": [f"S{i:07d}" for i in k],
            "length_m": SECTION,
            "width_m": rng.choice([4.0, 5.0, 6.0, 8.0], n_sections),
            "pci": np.where(kind < 0.6, pci, np.nan),
            "paser": np.where((kind >= 0.6) & (kind < 0.9), paser, np.nan),
        },
        geometry=lines,
        crs="EPSG:32648",
    )
    # parcels: 5 per side per section, fronting the street 4 m from its centre line
    side = np.repeat(k, 10)
    slot = np.tile(np.arange(10), n_sections)
    px = x0[side] + (slot % 5) * PARCEL
    below = slot >= 5
    py = np.where(below, y[side] - 4.0 - PARCEL, y[side] + 4.0)
    parcels = gpd.GeoDataFrame(
        {"uuid": [f"p{i}" for i in range(len(px))]},
        geometry=shapely.box(px + 1, py, px + PARCEL - 1, py + PARCEL),
        crs="EPSG:32648",
    )
    has = rng.random(len(parcels)) < 0.85
    hp = np.flatnonzero(has)
    linked = rng.random(len(hp)) < 0.9
    hx = px[hp] + rng.uniform(3, PARCEL - 3, len(hp))
    hy = py[hp] + rng.uniform(3, PARCEL - 3, len(hp))
    households = gpd.GeoDataFrame(
        {
            "uuid": [f"h{i}" for i in range(len(hp))],
            "parcel_id": np.where(linked, parcels["uuid"].to_numpy()[hp], None),
        },
        geometry=shapely.points(hx, hy),
        crs="EPSG:32648",
    )
    per = 3
    hu = np.repeat(households["uuid"].to_numpy(), per)
    m = len(hu)
    residents = pd.DataFrame(
        {
            "household_uuid": hu,
            "birth_year_be": rng.integers(2480, 2565, m),
            "is_elderly": None,
            "dependency": np.where(
                rng.random(m) < 0.04, "bedridden", np.where(rng.random(m) < 0.06, "homebound", "none")
            ),
            "disability": np.where(rng.random(m) < 0.03, "physical", "none"),
            "care_colour": None,
        }
    )
    return sections, parcels, households, residents, streets


def timed(fn):
    t0 = time.perf_counter()
    out = fn()
    return time.perf_counter() - t0, out


def milp(values, weights, capacity, time_limit=300.0):
    from scipy.optimize import Bounds, LinearConstraint, milp

    n = len(values)
    res = milp(
        -values,
        constraints=LinearConstraint(weights.astype(float)[None, :], -np.inf, capacity),
        integrality=np.ones(n),
        bounds=Bounds(0, 1),
        options={"time_limit": time_limit, "mip_rel_gap": 0.0},
    )
    if res.x is None:
        return None, res.message
    x = res.x > 0.5
    return float(values[x].sum()), res.message


def run_size(n: int, budget_share: float) -> None:
    import datetime as dt

    t_town, (sections, parcels, households, residents, _) = timed(lambda: town(n))
    t_people, (hh, vv, stats) = timed(
        lambda: mt.people_served(sections.geometry.values, parcels, households, residents, 30.0, dt.date(2026, 11, 21))
    )
    sections["households"], sections["vulnerable"] = hh, vv
    # the need: cost of every repair, to set the budget
    _, probe = mt.plan(sections, 1e15, method="greedy")
    budget = round(probe["need_baht"] * budget_share, -6)
    t_auto, (ranked, auto) = timed(lambda: mt.plan(sections, budget))
    t_greedy, _ = timed(lambda: mt.plan(sections, budget, method="greedy"))
    # the same knapsack for the peer
    cand = ranked[ranked["benefit"] > 0]
    values = cand["benefit"].to_numpy(float)
    weights = (cand["cost_baht"].to_numpy() // mt.COST_UNIT_BAHT).astype(np.int64)
    capacity = int(budget // mt.COST_UNIT_BAHT)
    # quality on one set of numbers (the benefits as written, 4 decimals) for every contender
    sel = mt.select(values, weights, capacity)
    sel_greedy = mt.select(values, weights, capacity, "greedy")
    t_milp, (milp_obj, msg) = timed(lambda: milp(values, weights, capacity))
    best = max(sel.objective, milp_obj or 0.0)

    def below(obj):
        return f"{(best - obj) / best * 100:.5f} %"

    print(f"\n{n:,} sections ({t_town:.1f} s to build): {len(parcels):,} parcels, {len(households):,} households, "
          f"{len(residents):,} residents; {auto['candidates']:,} need work ({probe['need_baht'] / 1e6:,.0f} M baht); "
          f"budget {budget / 1e6:,.0f} M baht = {capacity:,} units of 1,000 baht")  # fmt: skip
    print(f"  people served (30 m)        {t_people:8.2f} s   {stats['served_via_parcel']:,} via parcel, "
          f"{stats['served_via_point']:,} via point, {stats['not_served']:,} not served")  # fmt: skip
    print(f"  plan, auto                  {t_auto:8.2f} s   method {auto['method']}, core {auto['core_sections']:,} "
          f"sections, selected {auto['selected']:,} ({auto['km_selected']:,.1f} km, {auto['cost_baht'] / 1e6:,.2f} M baht, "
          f"{auto['households_served']:,} households), gap {auto['gap_pct']:.5f} %, below best {below(sel.objective)}")  # fmt: skip
    print(f"  plan, greedy                {t_greedy:8.2f} s   gap to LP bound {sel_greedy.gap_pct:.5f} %, "
          f"below best {below(sel_greedy.objective)}")  # fmt: skip
    if milp_obj is None:
        print(f"  peer: SciPy milp (HiGHS)    {t_milp:8.2f} s   no solution: {msg}")
    else:
        print(f"  peer: SciPy milp (HiGHS)    {t_milp:8.2f} s   below best {below(milp_obj)} ({msg})")
    print(f"  HiGHS / plan auto           {t_milp / t_auto:8.0f}×")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="10000,100000")
    parser.add_argument("--budget-share", type=float, default=0.05)
    args = parser.parse_args()
    print(
        f"Maintenance plan — {platform.processor() or platform.machine()}, {os.cpu_count()} CPUs, Python {platform.python_version()}"
    )
    for n in (int(s) for s in args.sizes.split(",")):
        run_size(n, args.budget_share)
    return 0


if __name__ == "__main__":
    sys.exit(main())
