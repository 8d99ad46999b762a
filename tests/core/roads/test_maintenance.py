"""Road maintenance plan: knapsack against brute force, greedy within its measured gap, unit costs,
condition → treatment → gain, people served through parcel–household links (counts only, PDPA), and
the algorithm on a real workspace GeoPackage."""

import datetime as dt
import json

import geopandas as gpd
import numpy as np
import pandas as pd
import pytest
import shapely

from cddp_plugin.core.common.errors import CddpError
from cddp_plugin.core.roads import maintenance, pavement
from cddp_plugin.core.workspace import gpkg

TODAY = dt.date(2026, 11, 21)  # 2569 BE
CRS = "EPSG:32648"
SECRET_NAMES = ("สมชาย ใจดี", "มาลี ศรีสุข", "บุญมี มีสุข")


# --------------------------------------------------------------------------------------------------
# Knapsack


def brute_force(values, weights, capacity):
    n = len(values)
    masks = ((np.arange(2**n)[:, None] >> np.arange(n)) & 1).astype(bool)
    fits = masks @ weights <= capacity
    return float((masks @ values)[fits].max())


def random_case(seed):
    rng = np.random.default_rng(seed)
    n = int(rng.integers(1, 16))
    weights = rng.integers(1, 60, n)
    values = rng.uniform(0, 20, n) * (rng.random(n) < 0.9)  # some items worth nothing
    if seed % 3 == 0:  # ties in value per weight, the hard case for the reduction
        values = weights * rng.choice([0.5, 1.0, 1.5], n)
    capacity = int(rng.integers(0, weights.sum() + 10))
    return values, weights, capacity


@pytest.mark.parametrize("seeds", [range(0, 150), range(150, 300)])
def test_exact_equals_brute_force_and_greedy_is_within_its_gap(seeds):
    for seed in seeds:
        values, weights, capacity = random_case(seed)
        best = brute_force(values, weights, capacity)
        exact = maintenance.select(values, weights, capacity, "exact")
        assert exact.method == "exact" and exact.gap_pct == 0
        assert exact.objective == pytest.approx(best, rel=1e-12, abs=1e-12), seed
        assert weights[exact.selected].sum() <= capacity
        assert values[exact.selected].sum() == pytest.approx(exact.objective)
        greedy = maintenance.select(values, weights, capacity, "greedy")
        assert weights[greedy.selected].sum() <= capacity
        assert values[greedy.selected].sum() == pytest.approx(greedy.objective)
        assert greedy.objective <= best + 1e-9 <= greedy.upper_bound + 2e-9, seed
        assert best - greedy.objective <= greedy.gap_pct / 100 * greedy.upper_bound + 1e-9, seed


def test_reduction_and_core_dp_agree_with_a_plain_dp():
    """Bigger cases than brute force can do: the reduced (core) DP against a DP over all items."""
    for seed in range(20):
        rng = np.random.default_rng(1000 + seed)
        n = 300
        weights = rng.integers(1, 200, n)
        values = weights * rng.uniform(0.2, 1.0, n)
        if seed % 2:
            values = np.round(values, 0)  # many exact ties
        capacity = int(weights.sum() * rng.uniform(0.05, 0.6))
        plain = maintenance.dp_select(values, weights, capacity)
        sel = maintenance.select(values, weights, capacity, "exact")
        assert sel.core_items < n  # the reduction fixed some items
        assert sel.objective == pytest.approx(values[plain].sum(), rel=1e-12)
        assert weights[sel.selected].sum() <= capacity


def test_large_cores_use_a_window_then_greedy_with_a_valid_gap():
    """2,000 items: the plain DP gives the optimum; with less DP room the plan is found exactly after
    a window DP lifts the lower bound, then only improved (core), then greedy — each within its gap."""
    rng = np.random.default_rng(7)
    weights = rng.integers(100, 1000, 2000)
    values = weights * rng.uniform(0.1, 1.0, 2000)
    capacity = int(weights.sum() / 3)
    best = values[maintenance.dp_select(values, weights, capacity)].sum()
    greedy = maintenance.select(values, weights, capacity, "greedy")
    methods = {}
    for cells in (10_000, 100_000, 1_000_000):
        sel = maintenance.select(values, weights, capacity, "auto", max_cells=cells)
        methods[cells] = sel.method
        assert weights[sel.selected].sum() <= capacity
        assert values[sel.selected].sum() == pytest.approx(sel.objective)
        assert greedy.objective <= sel.objective <= best + 1e-6
        assert sel.lp_bound == pytest.approx(greedy.lp_bound) and sel.upper_bound >= best - 1e-6
        assert best - sel.objective <= sel.gap_pct / 100 * sel.upper_bound + 1e-6
    assert methods == {10_000: "greedy", 100_000: "core", 1_000_000: "exact"}
    assert maintenance.select(values, weights, capacity, "exact", max_cells=1_000_000).objective == pytest.approx(best)
    with pytest.raises(CddpError, match="exact plan would need"):
        maintenance.select(values, weights, capacity, "exact", max_cells=10_000)
    with pytest.raises(CddpError, match="Unknown selection method 'best'"):
        maintenance.select(values, weights, capacity, "best")


def test_cancel_stops_the_dp():
    weights = np.arange(1, 200)
    with pytest.raises(maintenance.PlanCancelledError, match="cancelled"):
        maintenance.dp_select(weights * 1.0, weights, 1000, cancelled=lambda: True)


# --------------------------------------------------------------------------------------------------
# Parameters and condition


def test_unit_costs_parse_with_defaults_thai_digits_and_names():
    assert maintenance.parse_unit_costs(None) == maintenance.DEFAULT_UNIT_COSTS
    assert maintenance.parse_unit_costs("") == maintenance.DEFAULT_UNIT_COSTS
    costs = maintenance.parse_unit_costs("routine=120; preservation = 250\noverlay: ๔๕๐ ; reconstruct=1,400 บาท/ตร.ม.")
    assert costs == {"routine": 120, "preservation": 250, "overlay": 450, "reconstruct": 1400}
    costs = maintenance.parse_unit_costs("ปูผิวทับ=500; Reconstruction=1200.5")
    assert (costs["overlay"], costs["reconstruct"], costs["routine"]) == (500, 1200.5, 60)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("asphalt=100", "Unknown treatment 'asphalt'"),
        ("none=10", "Unknown treatment 'none'"),
        ("overlay=abc", "The unit cost of overlay must be a number of baht per m²; got 'abc'"),
        ("overlay=-5", "The unit cost of overlay must be more than 0 baht per m²; got -5"),
        ("overlay=0", "more than 0 baht per m²; got 0"),
        ("overlay 400", "Unit cost 'overlay 400' is not of the form treatment=baht per m²"),
        ("overlay=400; overlay=500", "The unit cost of overlay is given twice"),
    ],
)
def test_bad_unit_costs_are_refused_clearly(text, message):
    with pytest.raises(CddpError, match=message):
        maintenance.parse_unit_costs(text)


def test_paser_equivalents_lie_in_the_band_of_the_rating():
    for rating, pci in maintenance.PASER_PCI.items():
        assert pavement.condition_band(pci) == pavement.PASER_BANDS[rating] == maintenance.PASER_BANDS[rating]
    value, source, band, treatment = maintenance.section_condition(
        [30.0, None, None, 90, None], [None, 6, "๒", None, None]
    )
    assert list(source) == ["pci", "paser", "paser", "pci", ""]
    assert list(band) == ["very_poor", "fair", "very_poor", "good", None]
    assert list(treatment) == ["overlay", "preservation", "reconstruct", "none", None]  # PASER 2 → reconstruct
    assert value[:4].tolist() == [30.0, 66.0, 32.0, 90.0]
    with pytest.raises(CddpError, match="PASER rating 11 is outside 1–10"):
        maintenance.section_condition([None], [11])
    with pytest.raises(CddpError, match="PCI 120 is not a number from 0 to 100"):
        maintenance.section_condition([120], [None])


def frame(**columns):
    n = len(next(iter(columns.values())))
    base = {"section_id": [f"S{k}" for k in range(n)], "length_m": [100.0] * n}
    return pd.DataFrame({**base, **columns})


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"budget": 0}, "The budget must be a number of baht greater than 0; got 0"),
        ({"budget": -5}, "greater than 0; got -5"),
        ({"budget": "lots"}, "greater than 0; got lots"),
        ({"budget": float("nan")}, "greater than 0; got nan"),
        ({"budget": 1e6, "household_weight": -1}, "The household weight must be a number of 0 or more; got -1"),
        ({"budget": 1e6, "vulnerable_weight": "x"}, "The vulnerable-resident weight must be a number of 0 or more"),
        ({"budget": 1e6, "unit_costs": "overlay=cheap"}, "The unit cost of overlay must be a number"),
    ],
)
def test_bad_plan_parameters(kwargs, message):
    with pytest.raises(CddpError, match=message):
        maintenance.plan(frame(pci=[30.0]), **kwargs)


def test_no_sections_no_ratings_and_bad_crs():
    with pytest.raises(CddpError, match="There are no road sections to plan"):
        maintenance.plan(frame(pci=[30.0]).iloc[:0], 1e6)
    with pytest.raises(CddpError, match="None of the 2 road sections has a condition rating"):
        maintenance.plan(frame(pci=[None, None], paser=[None, None]), 1e6)
    lines = [shapely.LineString([(100, 13), (100.001, 13)])]
    with pytest.raises(CddpError, match="geographic CRS"):
        maintenance.plan(gpd.GeoDataFrame({"pci": [30.0]}, geometry=lines, crs="EPSG:4326"), 1e6)
    with pytest.raises(CddpError, match="has no coordinate reference system"):
        maintenance.plan(gpd.GeoDataFrame({"pci": [30.0]}, geometry=lines), 1e6)
    with pytest.raises(CddpError, match="need a length_m column"):
        maintenance.plan(pd.DataFrame({"pci": [30.0]}), 1e6)


def test_thai_digit_budget_and_costs_rounded_up_to_thousands():
    ranked, s = maintenance.plan(
        frame(pci=[30.0, 60.0], area_sqm=[333.3, 100.0]), "๑๐๐,๐๐๐ บาท", unit_costs="overlay=400"
    )
    by_id = ranked.set_index("section_id")
    assert by_id.loc["S0", "cost_baht"] == 134_000  # 333.3 m² × 400 = 133,320 → 134,000
    assert by_id.loc["S1", "cost_baht"] == 15_000  # preservation 150 × 100 m²
    assert s["budget_baht"] == 100_000 and s["selected"] == 1 and s["cost_baht"] == 15_000
    assert list(ranked["rank"]) == [1, 2] and list(ranked["selected"]) == [True, False]
    assert list(ranked["cumulative_cost_baht"]) == [15_000, 149_000]


# --------------------------------------------------------------------------------------------------
# A hand-made workspace


def line(*xy):
    return shapely.LineString(xy)


@pytest.fixture
def town(core_workspace):
    """Roads R1 (6 m wide) and R2 (two lanes); sections S1–S5; parcels, households and residents."""
    path = str(core_workspace.path)
    con = gpkg.connect(path)
    srs = gpkg.srs_id(con, "road_sections")
    with con:
        gpkg.write_features(con, "roads", ["uuid", "name_th", "road_code", "width_m", "lanes"], [
            ["R1", "ถนนทดสอบ", "T1", 6.0, None, gpkg.to_blob(shapely.MultiLineString([[(0, 0), (300, 0)]]), srs), "t"],
            ["R2", None, "T2", None, 2, gpkg.to_blob(shapely.MultiLineString([[(0, -200), (100, -200)]]), srs), "t"],
            ["R3", "ซอยดี", None, 5.0, None, gpkg.to_blob(shapely.MultiLineString([[(0, 100), (100, 100)]]), srs), "t"],
        ], [])  # fmt: skip
        cols = ["uuid", "road_uuid", "section_id", "length_m", "area_sqm", "pci", "paser"]
        gpkg.write_features(con, "road_sections", cols, [
            ["S1", "R1", "T1-0001", 100.0, 600.0, 30.0, None, gpkg.to_blob(line((0, 0), (100, 0)), srs), "t"],
            ["S2", "R1", "T1-0002", 100.0, None, None, 6, gpkg.to_blob(line((100, 0), (200, 0)), srs), "t"],
            ["S3", "R3", "ดี-0001", 100.0, 500.0, 90.0, None, gpkg.to_blob(line((0, 100), (100, 100)), srs), "t"],
            ["S4", "R1", "T1-0003", 100.0, 600.0, None, None, gpkg.to_blob(line((200, 0), (300, 0)), srs), "t"],
            ["S5", "R2", "T2-0001", 100.0, 500.0, 15.0, None, gpkg.to_blob(line((0, -200), (100, -200)), srs), "t"],
        ], [])  # fmt: skip
        parcels = {
            "P1": (10, 5, 30, 25), "P2": (40, -25, 60, -5), "P3": (110, 5, 130, 25), "P4": (10, 60, 30, 80),
            "P6": (150, -40, 170, -22), "P7": (20, -190, 40, -170), "P8": (50, -120, 70, -100),
        }  # fmt: skip
        gpkg.write_features(con, "parcels", ["uuid", "owner_name"],
                            [[u, "เจ้าของ " + u, gpkg.to_blob(shapely.MultiPolygon([shapely.box(*b)]), srs), "t"] for u, b in parcels.items()], [])  # fmt: skip
        households = [  # uuid, parcel, point
            ("H1", "P1", (20, 15)), ("H2", "P1", None), ("H3", "P2", (50, -15)), ("H4", "P3", (120, 15)),
            ("H5", None, (150, 10)), ("H6", "P8", (50, -5)), ("H7", "GONE", (50, -195)), ("H8", "P4", (20, 70)),
        ]  # fmt: skip
        gpkg.write_features(con, "households", ["uuid", "parcel_id", "house_no"],
                            [[u, p, f"9/{k}", gpkg.to_blob(shapely.Point(xy), srs) if xy else None, "t"] for k, (u, p, xy) in enumerate(households)], [])  # fmt: skip
        con.executemany(
            "INSERT INTO residents (household_uuid, pseudo_id, full_name, birth_year_be, is_elderly, dependency, care_colour, disability) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            [
                ("H1", "r1", SECRET_NAMES[0], 2490, None, None, None, None),  # 79: elderly
                ("H1", "r2", SECRET_NAMES[1], 2540, 0, "none", None, "none"),  # 29: not vulnerable
                ("H3", "r3", SECRET_NAMES[2], 2550, None, "bedridden", None, None),
                ("H4", "r4", "ก", 2545, None, None, None, "visual"),
                ("H4", "r5", "ข", 2547, None, "bedridden", "red", None),  # one person, counted once
                ("H5", "r6", "ค", None, 1, None, None, None),
                ("H7", "r7", "ง", 2530, None, "socially_active", "green", "none"),
                ("H8", "r8", "จ", 2480, None, None, None, None),
            ],
        )
        con.execute("UPDATE road_sections SET inspected_on = '2026-11-01' WHERE uuid IN ('S1', 'S2', 'S5')")
    con.close()
    return path


def test_people_served_counts_each_household_once_for_its_nearest_section(town):
    import pyogrio

    sections = pyogrio.read_dataframe(town, layer="road_sections")
    parcels = pyogrio.read_dataframe(town, layer="parcels")
    households = pyogrio.read_dataframe(town, layer="households")
    residents = pyogrio.read_dataframe(town, layer="residents", read_geometry=False)
    order = sections["uuid"].tolist()
    hh, vv, stats = maintenance.people_served(sections.geometry.values, parcels, households, residents, 30, TODAY)
    got = dict(zip(order, zip(hh.tolist(), vv.tolist(), strict=True), strict=True))
    # S1: H1, H2 (P1) and H3 (P2), with r1 elderly and r3 bedridden; S2: H4 (P3) and H5 (its point),
    # with r4 disabled, r5 bedridden/red and r6 flagged elderly; S3: H8 (P4); S5: H7 (its point: its
    # parcel is gone); H6 is linked to P8, which fronts no road, so its point near S1 does not count.
    assert got == {"S1": (3, 2), "S2": (2, 3), "S3": (1, 1), "S4": (0, 0), "S5": (1, 0)}
    assert stats == {"households": 8, "served_via_parcel": 5, "served_via_point": 2, "not_served": 1}
    # at 70 m P4 is near S1 (60 m) and S3 (20 m): it still counts once, for S3
    hh70, _, _ = maintenance.people_served(sections.geometry.values, parcels, households, residents, 70, TODAY)
    assert hh70.tolist() == hh.tolist()  # same households, each once
    with pytest.raises(CddpError, match="serving distance must be a number of metres greater than 0; got 0"):
        maintenance.people_served(sections.geometry.values, parcels, households, residents, 0)


def test_workspace_plan_exact_beats_greedy_and_names_no_one(town, caplog):
    caplog.set_level("DEBUG")
    # S1 overlay: gain 95-30=65, 600 m² × 400 = 240,000 baht, benefit 65×0.1×(1+0.1×3+0.2×2) = 11.05
    # S2 PASER 6 → PCI 66, preservation: gain 24, 100 m × 6 m × 150 = 90,000, benefit 2.4×1.8 = 4.32
    # S5 PCI 15 reconstruct: gain 85, 500 m² × 900 = 450,000, benefit 8.5×1.1 = 9.35
    ranked, s = maintenance.plan_workspace(town, 700_000, today=TODAY)
    assert s["method"] == "exact" and s["gap_pct"] == 0
    r = ranked.set_index("section_id")
    assert list(ranked["section_id"]) == ["T1-0001", "T2-0001", "T1-0002"]
    assert r.loc["T1-0001", "road_name"] == "ถนนทดสอบ" and r.loc["T2-0001", "road_name"] == "T2"
    assert list(r["treatment"]) == ["overlay", "reconstruct", "preservation"]
    assert list(r["cost_baht"]) == [240_000, 450_000, 90_000]
    assert r["benefit"].tolist() == pytest.approx([11.05, 9.35, 4.32])
    assert list(r["selected"]) == [True, True, False]
    assert list(r["cumulative_cost_baht"]) == [240_000, 690_000, 780_000]
    assert bool(r.loc["T1-0002", "area_from_width"]) and r.loc["T1-0002", "area_sqm"] == 600.0
    assert (r.loc["T1-0002", "width_m"], r.loc["T2-0001", "width_m"]) == (6.0, 6.0)  # width_m; 2 lanes × 3 m
    assert s["benefit"] == pytest.approx(20.4)
    assert (s["sections"], s["unrated"], s["no_work"], s["candidates"], s["selected"]) == (5, 1, 1, 3, 2)
    assert (s["km_selected"], s["cost_baht"], s["budget_left_baht"]) == (0.2, 690_000, 10_000)
    assert (s["households_served"], s["vulnerable_served"], s["households_near_roads"]) == (4, 2, 7)
    # the greedy plan takes the two best ratios (S2, S1) and stops: 15.37, within its measured gap
    _, g = maintenance.plan_workspace(town, 700_000, method="greedy", today=TODAY)
    assert g["method"] == "greedy" and g["benefit"] == pytest.approx(15.37)
    assert g["upper_bound"] == pytest.approx(15.37 + 370 / 450 * 9.35, abs=1e-4)
    assert 20.4 - g["benefit"] <= g["gap_pct"] / 100 * g["upper_bound"] + 1e-6
    # a smaller budget: S1 + S2
    ranked, s = maintenance.plan_workspace(town, "400,000", today=TODAY)
    assert list(ranked[ranked.selected].section_id) == ["T1-0002", "T1-0001"]
    assert (s["households_served"], s["vulnerable_served"], s["cost_baht"]) == (5, 5, 330_000)
    # PDPA: counts only
    assert list(ranked["inspected_on"]) == ["2026-11-01"] * 3
    assert any("maintenance plan" in r.getMessage() for r in caplog.records)
    text = ranked.drop(columns="geometry").to_json(force_ascii=False) + json.dumps(s, ensure_ascii=False)
    text += "\n".join(r.getMessage() for r in caplog.records)
    for secret in (*SECRET_NAMES, "H1", "9/0", "เจ้าของ", "r1"):
        assert secret not in text
    assert not {"full_name", "house_no", "household_uuid", "owner_name"} & set(ranked.columns)


def test_workspace_without_sections_or_ratings(tmp_path, area, town):
    from cddp_plugin.core.workspace import create

    empty = create.create_workspace(tmp_path / "empty.gpkg", area, "ปรือใหญ่", CRS, user="tester")
    with pytest.raises(CddpError, match="There are no road sections to plan"):
        maintenance.plan_workspace(str(empty.path), 1e6)
    con = gpkg.connect(town)
    with con:
        con.execute("UPDATE road_sections SET pci = NULL, paser = NULL")
    con.close()
    with pytest.raises(CddpError, match="None of the 5 road sections has a condition rating"):
        maintenance.plan_workspace(town, 1e6)


# --------------------------------------------------------------------------------------------------
# The algorithm on a real workspace


def run_alg(params):
    from qgis.core import QgsProcessingContext, QgsProcessingFeedback, QgsProcessingUtils

    from cddp_plugin.processing.maintenanceplan import MaintenancePlanAlgorithm

    alg = MaintenancePlanAlgorithm()
    alg.initAlgorithm()
    context, feedback = QgsProcessingContext(), QgsProcessingFeedback()
    params = {"OUTPUT": "memory:", "SUMMARY": "memory:", **params}
    out = alg.processAlgorithm(params, context, feedback)
    layers = {k: QgsProcessingUtils.mapLayerFromString(out[k], context) for k in ("OUTPUT", "SUMMARY") if k in out}
    layers["context"] = context  # owns the memory layers
    return out, layers


def test_algorithm_writes_ranked_layer_summary_and_numbers(qgis_app, town):
    from qgis.core import QgsWkbTypes

    out, layers = run_alg({"WORKSPACE": town, "BUDGET": 700_000, "UNIT_COSTS": "", "SERVE_DISTANCE": 30,
                           "HOUSEHOLD_WEIGHT": 0.1, "VULNERABLE_WEIGHT": 0.2})  # fmt: skip
    assert (out["SELECTED"], out["KM"], out["BAHT"], out["GAP_PCT"]) == (2, 0.2, 690_000, 0)
    # households: H1–H3 on S1 and H7 on S5; vulnerable: r1 and r3 (the residents born 2490 and 2480
    # count as elderly whatever the year the test runs in)
    assert (out["HOUSEHOLDS"], out["VULNERABLE"]) == (4, 2)
    plan = layers["OUTPUT"]
    assert plan.featureCount() == 3 and plan.geometryType() == QgsWkbTypes.GeometryType.LineGeometry
    feats = sorted(plan.getFeatures(), key=lambda f: f["rank"])
    assert [f["section_id"] for f in feats] == ["T1-0001", "T2-0001", "T1-0002"]
    assert [f["selected"] for f in feats] == [True, True, False]
    assert plan.crs().authid() == CRS
    summary = next(layers["SUMMARY"].getFeatures())
    assert summary["method"] == "exact" and summary["households_served"] == 4
    names = [f.name() for f in plan.fields()]
    assert "full_name" not in names and "house_no" not in names
    values = " ".join(str(v) for f in feats for v in f.attributes())
    assert not any(secret in values for secret in SECRET_NAMES)


def test_algorithm_bad_inputs(qgis_app, town):
    from qgis.core import QgsProcessingException

    with pytest.raises(QgsProcessingException, match="The budget must be a number of baht greater than 0"):
        run_alg({"WORKSPACE": town, "BUDGET": 0})
    with pytest.raises(QgsProcessingException, match="Unknown treatment 'asphalt'"):
        run_alg({"WORKSPACE": town, "BUDGET": 1e6, "UNIT_COSTS": "asphalt=300"})
    with pytest.raises(QgsProcessingException, match="vulnerable-resident weight"):
        run_alg({"WORKSPACE": town, "BUDGET": 1e6, "VULNERABLE_WEIGHT": -1})


def test_registered_algorithm_through_processing_run(provider, town, tmp_path):
    import processing

    out = processing.run(
        "cddp:maintenanceplan",
        {"WORKSPACE": town, "BUDGET": 700_000, "OUTPUT": str(tmp_path / "plan.gpkg"),
         "SUMMARY": str(tmp_path / "plan.csv")},
    )  # fmt: skip
    assert (out["SELECTED"], out["HOUSEHOLDS"], out["VULNERABLE"]) == (2, 4, 2)
    assert "households_served" in (tmp_path / "plan.csv").read_text(encoding="utf-8")


def test_through_cddp_process_from_a_fresh_shell(town, tmp_path):
    from tests.conftest import run_cddp_process

    res = run_cddp_process(
        ["run", "cddp:maintenanceplan", "--", f"WORKSPACE={town}", "BUDGET=700000", "UNIT_COSTS=overlay=450",
         f"OUTPUT={tmp_path / 'plan.gpkg'}", f"SUMMARY={tmp_path / 'plan.csv'}"],
        profile=tmp_path / "profile",
    )  # fmt: skip
    assert res.returncode == 0, res.stdout + res.stderr
    assert "SELECTED:\t" in res.stdout and "HOUSEHOLDS:\t" in res.stdout
    assert (tmp_path / "plan.gpkg").exists() and "households_served" in (tmp_path / "plan.csv").read_text("utf-8")
    assert not any(secret in res.stdout + res.stderr for secret in SECRET_NAMES)
    bad = run_cddp_process(
        ["run", "cddp:maintenanceplan", "--", f"WORKSPACE={town}", "BUDGET=1000000", "UNIT_COSTS=asphalt=300",
         f"OUTPUT={tmp_path / 'plan2.gpkg'}"],
        profile=tmp_path / "profile",
    )  # fmt: skip
    assert bad.returncode != 0 and "Unknown treatment 'asphalt'" in bad.stdout + bad.stderr
