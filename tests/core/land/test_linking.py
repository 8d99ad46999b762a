"""Household → parcel linking on small layers whose answers can be checked by hand.

Layout (metres): parcels A = [0,20]×[0,20] and B = [30,50]×[0,20] with a 10 m road between them;
C = [45,60]×[15,30] overlaps B's corner; D = [0,20]×[-30,-10] lies 10 m south of A."""

import json
import sys

import numpy as np
import pytest
import shapely

from cddp_plugin.core.land.houseno import house_key
from cddp_plugin.core.land.linking import LinkParams, link_households
from tests.conftest import ROOT

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
    sys.path.insert(0, str(ROOT / "bench"))
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


# --- the vectorised geometry agrees with GEOS ------------------------------------------------------


def _odd_parcels():
    """Parcels of every shape the measuring must handle: a box, a polygon with a hole, a two-part
    MultiPolygon, a single-part MultiPolygon (workspace parcels), a repaired parcel that came out as a
    GeometryCollection (polygon + stray line) and a ring whose first vertex comes back mid-way."""
    donut = shapely.Polygon([(100, 0), (140, 0), (140, 40), (100, 40)], [[(110, 10), (130, 10), (130, 30), (110, 30)]])
    two = shapely.MultiPolygon([shapely.box(200, 0, 210, 10), shapely.box(220, 0, 230, 10)])
    single = shapely.MultiPolygon([shapely.box(300, 0, 320, 20)])
    repaired = shapely.GeometryCollection([shapely.box(400, 0, 420, 20), shapely.LineString([(420, 20), (430, 30)])])
    bowtie_like = shapely.Polygon([(500, 0), (520, 0), (510, 10), (500, 0), (490, 10), (490, 0), (500, 0)])
    return [shapely.box(0, 0, 20, 20), donut, two, single, repaired, bowtie_like]


def test_boundary_distance_matches_geos_for_every_parcel_shape(monkeypatch):
    from cddp_plugin.core.land import linking

    polys = np.array(_odd_parcels(), dtype=object)
    rng = np.random.default_rng(7)
    n = 30_000
    which = rng.integers(0, len(polys), n)
    minx, miny, maxx, maxy = shapely.bounds(polys[which]).T
    px, py = rng.uniform(minx - 12, maxx + 12), rng.uniform(miny - 12, maxy + 12)
    monkeypatch.setattr(linking, "_CHUNK", 4_000)  # many blocks on two threads
    got = linking._boundary_distance(px, py, which, polys)
    shapes = polys.copy()
    shapes[4] = shapely.box(400, 0, 420, 20)  # the polygonal part of the repaired parcel
    want = shapely.distance(shapely.points(px, py), shapely.boundary(shapes[which]))
    assert np.allclose(got, want, rtol=0, atol=1e-9)


def test_linking_is_the_same_in_one_block_and_in_many_threaded_blocks(monkeypatch):
    sys.path.insert(0, str(ROOT / "bench"))
    from synthetic import make_households, make_parcels

    from cddp_plugin.core.land import linking

    polys, ids, _codes, origins = make_parcels(12_000, seed=5)
    pts, _truth = make_households(polys, origins, seed=6)
    polys = np.concatenate([polys, np.array(_odd_parcels(), dtype=object)])
    ids = np.concatenate([ids, np.array([f"odd{k}" for k in range(6)], dtype=object)])
    odd_pts = shapely.points(
        np.random.default_rng(1).uniform(-10, 530, 4000), np.random.default_rng(2).uniform(-10, 40, 4000)
    )
    pts = np.concatenate([pts, odd_pts, [shapely.MultiPoint([(105, 5), (0, 0)]), shapely.Point()]])
    monkeypatch.setattr(linking, "WORKERS", 1)
    monkeypatch.setattr(linking, "_CHUNK", 10**9)
    whole = link_households(pts, polys, ids)
    monkeypatch.setattr(linking, "WORKERS", 2)
    monkeypatch.setattr(linking, "_CHUNK", 3_000)
    blocks = link_households(pts, polys, ids)
    for f in ("parcel_id", "method", "candidates", "reason"):
        assert (getattr(whole, f) == getattr(blocks, f)).all(), f
    for f in ("confidence", "distance"):
        assert np.array_equal(getattr(whole, f), getattr(blocks, f), equal_nan=True), f
    assert whole.parcel_id[-2] == "odd1" and whole.method[-2] == "within"  # the MultiPoint's first point
    assert whole.reason[-1] == "no_location"
    assert not np.isnan(whole.confidence[whole.parcel_id != None]).any()  # noqa: E711


def test_candidates_text_is_what_json_dumps_writes():
    from cddp_plugin.core.land.linking import _candidates_json

    items = [('p"1', 3.456, "nearest"), ("ที่ดิน", float("nan"), "code"), ("x", 0.0, "location:within"), ("y", 1e-7, "w")]
    want = [{"parcel": p, "distance_m": round(d, 2), "evidence": e} for p, d, e in items]
    assert _candidates_json(items) == json.dumps(want, ensure_ascii=False)


def test_the_narrowed_reach_in_bounded_blocks_links_as_measuring_every_parcel_within_reach(monkeypatch):
    """Far households (a search box meeting thousands of parcels), a repaired parcel whose stray line
    GEOS finds first (the measured nearest is another parcel: measured again with a wider reach) and
    tiny pair budgets (many blocks) give the links of measuring every parcel within MAX_DISTANCE."""
    sys.path.insert(0, str(ROOT / "bench"))
    from synthetic import make_households, make_parcels

    from cddp_plugin.core.land import linking

    polys, ids, _codes, origins = make_parcels(3_000, seed=5)
    pts, _truth = make_households(polys, origins, seed=6)
    rng = np.random.default_rng(3)
    x0, y0, x1, _y1 = shapely.total_bounds(polys)
    far = shapely.points(rng.uniform(x0 - 300, x1 + 300, 2000), rng.uniform(y0 - 300, y0, 2000))
    repaired = shapely.GeometryCollection([shapely.box(400, 0, 420, 20), shapely.LineString([(420, 20), (430, 30)])])
    polys = np.concatenate([polys, np.array([repaired, shapely.box(440, 40, 460, 60)], dtype=object)])
    ids = np.concatenate([ids, np.array(["GC", "E"], dtype=object)])
    pts = np.concatenate([pts, far, [shapely.Point(432, 32)]])
    params = LinkParams(max_distance=400)
    monkeypatch.setattr(linking, "_FEW_PAIRS", 1e18)  # every parcel within 400 m measured, in large blocks
    monkeypatch.setattr(linking, "_PAIR_BUDGET", 10**9)
    whole = link_households(pts, polys, ids, params)
    monkeypatch.setattr(linking, "_FEW_PAIRS", 0.0)  # the nearest first, then only what decides the link
    monkeypatch.setattr(linking, "_PAIR_BUDGET", 2_000)
    narrow = link_households(pts, polys, ids, params)
    for f in ("parcel_id", "method", "candidates", "reason"):
        assert (getattr(whole, f) == getattr(narrow, f)).all(), f
    for f in ("confidence", "distance"):
        assert np.array_equal(getattr(whole, f), getattr(narrow, f), equal_nan=True), f
    assert whole.notes == narrow.notes
    assert (narrow.parcel_id[-1], narrow.distance[-1]) == ("E", 11.31)  # not the repaired parcel 17 m away
    assert (narrow.method[len(pts) - 2001 : -1] == "nearest").sum() > 1000  # the far households are linked


def test_max_distance_has_an_upper_bound_with_its_reason():
    from cddp_plugin.core.common.errors import CddpError
    from cddp_plugin.core.land.linking import MAX_DISTANCE_LIMIT

    assert MAX_DISTANCE_LIMIT == 500
    link_households([shapely.Point(10, 10)], PARCELS, IDS, LinkParams(max_distance=500))
    for bad in (500.5, 20_000, -1, float("nan")):
        with pytest.raises(CddpError, match="must be between 0 and 500 m"):
            link_households([shapely.Point(10, 10)], PARCELS, IDS, LinkParams(max_distance=bad))
