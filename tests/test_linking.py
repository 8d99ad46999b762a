"""Household → parcel linking on small layers whose answers can be checked by hand.

Layout (metres): parcels A = [0,20]×[0,20] and B = [30,50]×[0,20] with a 10 m road between them;
C = [45,60]×[15,30] overlaps B's corner; D = [0,20]×[-30,-10] lies 10 m south of A."""

import json
import sys

import numpy as np
import pytest
import shapely

from cddp_plugin.core.houseno import house_key
from cddp_plugin.core.linking import LinkParams, link_households

A, B, C, D = (
    shapely.box(0, 0, 20, 20),
    shapely.box(30, 0, 50, 20),
    shapely.box(45, 15, 60, 30),
    shapely.box(0, -30, 20, -10),
)
PARCELS, IDS = [A, B, C, D], ["A", "B", "C", "D"]


def one(point, **kw):
    r = link_households([point], PARCELS, IDS, **kw)
    return r.parcel_id[0], r.method[0], r.confidence[0], r.distance[0], r.candidates[0], r.reason[0]


def test_point_deep_inside_scores_high():
    pid, method, conf, dist, cands, reason = one(shapely.Point(10, 10))
    assert (pid, method, dist, cands, reason) == ("A", "within", 0.0, None, None)
    assert conf == pytest.approx(0.99)


def test_point_on_the_boundary_scores_lower_than_inside():
    pid, method, conf_edge, *_ = one(shapely.Point(0.0, 10))  # on A's west edge: the boundary belongs to A
    _, _, conf_near, *_ = one(shapely.Point(1.5, 10))  # 1.5 m inside: 0.75 + 0.24 * 1.5/3 = 0.87
    assert (pid, method, conf_edge) == ("A", "within", 0.75)
    assert conf_near == pytest.approx(0.87)


def test_point_on_a_shared_boundary_is_ambiguous():
    r = link_households([shapely.Point(20, 5)], [A, shapely.box(20, 0, 30, 20)], ["A", "E"])
    assert r.method[0] == "within" and r.confidence[0] == pytest.approx(0.45)
    assert {c["parcel"] for c in json.loads(r.candidates[0])} == {"A", "E"}


def test_point_in_the_road_gap_links_to_the_nearest_with_an_explained_confidence():
    # (24, 10): 4 m from A, 6 m from B → separation (6-4)/4 = 0.5 → 0.5 + 0.4 * (1 - 4/15) * 0.5
    pid, method, conf, dist, cands, _ = one(shapely.Point(24, 10))
    assert (pid, method, dist, cands) == ("A", "nearest", 4.0, None)
    assert conf == pytest.approx(0.5 + 0.4 * (1 - 4 / 15) * 0.5, abs=1e-4)


def test_point_in_the_middle_of_the_road_is_ambiguous():
    pid, method, conf, dist, cands, _ = one(shapely.Point(25, 10))
    assert method == "nearest" and dist == 5.0 and conf == pytest.approx(0.5)
    assert {c["parcel"] for c in json.loads(cands)} == {"A", "B"}
    assert pid in ("A", "B")


def test_overlapping_parcels_are_reported_and_the_deepest_wins():
    # (47, 17): 3 m inside B (to its east and north edges), 2 m inside C → B, confidence 0.99 × 0.6
    pid, method, conf, _, cands, _ = one(shapely.Point(47, 17))
    assert (pid, method) == ("B", "within")
    assert conf == pytest.approx(0.594)
    assert [c["parcel"] for c in json.loads(cands)] == ["B", "C"]


def test_no_parcel_within_reach():
    assert one(shapely.Point(100, 100))[5] == "no_parcel_within_distance"
    # nearest parcel C is sqrt(40² + 70²) = 80.6 m away
    assert one(shapely.Point(100, 100), params=LinkParams(max_distance=80))[5] == "no_parcel_within_distance"
    assert one(shapely.Point(100, 100), params=LinkParams(max_distance=81))[:2] == ("C", "nearest")
    assert one(None)[5] == "no_location"
    assert one(shapely.Point())[5] == "no_location"


def test_manual_links_are_never_overwritten():
    r = link_households([shapely.Point(10, 10), shapely.Point(10, 10)], PARCELS, IDS,
                        existing_ids=["D", "D"], existing_methods=["manual", "nearest"])  # fmt: skip
    assert list(r.parcel_id) == ["D", "A"]
    assert list(r.method) == ["manual", "within"]
    assert r.confidence[0] == 1.0


def test_tax_map_code_agrees_with_location():
    r = link_households([shapely.Point(10, 10)], PARCELS, IDS, household_codes=["03A001-B002"],
                        parcel_codes=["03A001", "03A002", None, "03A004"])  # fmt: skip
    assert (r.parcel_id[0], r.method[0], r.confidence[0]) == ("A", "code", 0.99)


def test_tax_map_code_that_disagrees_with_location_reports_both():
    r = link_households([shapely.Point(10, 10)], PARCELS, IDS, household_codes=["03A004"],
                        parcel_codes=["03A001", "03A002", None, "03A004"])  # fmt: skip
    assert (r.parcel_id[0], r.method[0], r.confidence[0]) == ("D", "code", 0.7)
    evidence = {c["evidence"]: c["parcel"] for c in json.loads(r.candidates[0])}
    assert evidence == {"code": "D", "location:within": "A"}
    assert r.distance[0] == 20.0  # from the point to parcel D
    assert r.notes["code_conflicts_with_location"] == 1


def test_code_links_a_household_without_location_and_unknown_codes_are_counted():
    r = link_households([None, None], PARCELS, IDS, household_codes=["03A002", "99Z999"],
                        parcel_codes=["03A001", "03A002", None, "03A004"])  # fmt: skip
    assert (r.parcel_id[0], r.method[0], r.confidence[0]) == ("B", "code", 0.9)
    assert r.reason[1] == "no_location" and r.notes["unknown_codes"] == 1


def test_house_number_breaks_a_tie_and_links_households_without_location():
    hh_keys = [house_key("บ้านเลขที่ 52 ม.10"), house_key("๕๒", 10), house_key("77", 3)]
    r = link_households([shapely.Point(25, 10), None, None], PARCELS, IDS,
                        household_house_keys=hh_keys, parcel_house_keys=[None, house_key("52 ม.10"), None, None])  # fmt: skip
    assert (r.parcel_id[0], r.method[0], r.confidence[0]) == ("B", "house_number", 0.8)
    assert (r.parcel_id[1], r.method[1]) == ("B", "house_number")
    assert r.reason[2] == "no_location"


def test_households_without_location_follow_linked_households_with_the_same_number():
    keys = [house_key("20/2", 9), house_key("20/2 หมู่ 9")]
    r = link_households([shapely.Point(10, 10), None], PARCELS, IDS, household_house_keys=keys)
    assert (r.parcel_id[1], r.method[1]) == ("A", "house_number")
    assert r.confidence[1] == pytest.approx(0.8 * 0.99)


def test_summary_counts_methods_and_reasons():
    r = link_households([shapely.Point(10, 10), shapely.Point(24, 10), None, shapely.Point(99, 99)], PARCELS, IDS)
    s = r.summary()
    assert s["linked"] == 2 and s["by_method"]["within"] == 1 and s["by_method"]["nearest"] == 1
    assert s["unlinked"] == {"no_location": 1, "no_parcel_within_distance": 1}


def test_confidence_is_calibrated_on_a_simulated_survey():
    """In every confidence band from 0.6 up, the share of correct links is within 0.1 of the band's mean
    confidence. Below 0.6 are points in the middle of a road: how often they belong to the parcel on
    one side depends on which way the houses face, so only "better than a coin toss" is checked."""
    sys.path.insert(0, str(__import__("pathlib").Path(__file__).resolve().parent.parent / "bench"))
    from synthetic import make_households, make_parcels

    polys, ids, _codes, origins = make_parcels(20_000, seed=11)
    pts, truth = make_households(polys, origins, seed=12)
    r = link_households(pts, polys, ids)
    correct = r.parcel_id == ids[truth]
    assert correct.mean() > 0.85
    ties = r.confidence < 0.6
    assert 0.5 <= correct[ties].mean() <= correct[(r.confidence >= 0.6) & (r.confidence < 0.8)].mean() + 0.1
    for lo, hi in ((0.6, 0.8), (0.8, 0.9), (0.9, 0.95), (0.95, 1.01)):
        band = (r.confidence >= lo) & (r.confidence < hi)
        if band.sum() < 300:
            continue
        assert abs(correct[band].mean() - r.confidence[band].mean()) < 0.1, (lo, hi, correct[band].mean())


def test_empty_inputs():
    r = link_households([], PARCELS, IDS)
    assert len(r.parcel_id) == 0
    r = link_households([shapely.Point(1, 1)], [], [])
    assert r.reason[0] == "no_parcel_within_distance"
    assert np.isnan(r.confidence[0])
