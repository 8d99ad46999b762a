"""Streetlights: status from faults and inspections, Thai notes, outage clusters, lighting gaps, KPIs
(cddp_plugin/core/lighting.py, no QGIS).

Every expected value below is worked out by hand from the geometry or the dates in the test, in the
comments next to it; none is produced by the code under test.
"""

from __future__ import annotations

import datetime as dt
import itertools
import json

import numpy as np
import pytest
import shapely
from shapely import LineString, MultiLineString, Point

from cddp_plugin.core.common.errors import CddpError
from cddp_plugin.core.lighting import analysis
from cddp_plugin.core.lighting import status as lighting_status
from cddp_plugin.core.lighting.status import FaultRecord, Inspection
from tests.conftest import SHARED

LIGHTPOLES = SHARED / "khonkaen" / "lightpole.geojson"
BKK = dt.timezone(dt.timedelta(hours=7))
NOW = dt.datetime(2026, 3, 11, 12, 0, tzinfo=BKK)


def day(d: int, hour: int = 12) -> dt.datetime:
    return dt.datetime(2026, 3, d, hour, 0, tzinfo=BKK)


# --------------------------------------------------------------------------------------------------
# 1. Status from fault records and inspections


def test_latest_event_wins_and_outage_start_is_the_first_failure_after_the_last_working_evidence():
    faults = [
        FaultRecord("A", "out", day(2)),  # open, A: out since 2 March
        FaultRecord("B", "out", day(1), day(3)),  # repaired on 3 March …
        FaultRecord("B", "flickering", day(6)),  # … then flickering again, still open
        FaultRecord("C", "out", day(1)),  # open, but …
        FaultRecord("D", "out", day(4), day(5)),  # repaired after D's inspection found it out
    ]
    inspections = [
        Inspection("C", "working", day(4)),  # … C was found working later: the fault record is stale
        Inspection("D", "out", day(2)),
        Inspection("E", "day_burning", day(7)),
    ]
    res = lighting_status.lamp_statuses(["A", "B", "C", "D", "E", "F"], faults, inspections, now=NOW)
    assert res.status.tolist() == ["out", "flickering", "working", "working", "day_burning", "unknown"]
    assert res.source.tolist() == ["fault", "fault", "inspection", "repair", "inspection", "none"]
    # A: 2 March 12:00 → 11 March 12:00 = 9 days; B: the outage starts at the report of 6 March (after
    # the repair of 3 March) = 5 days; E: day-burning since the inspection of 7 March = 4 days.
    assert res.days_out[0] == pytest.approx(9.0)
    assert res.days_out[1] == pytest.approx(5.0)
    assert res.days_out[4] == pytest.approx(4.0)
    assert np.isnan(res.days_out[[2, 3, 5]]).all()
    assert res.out_since[1] == day(6)
    assert res.open_faults.tolist() == [1, 1, 1, 0, 0, 0]
    assert [(f.lamp_id, f.reported_at) for f in res.stale_faults] == [("C", day(1))]
    state = res.state("B")
    assert (state.status, state.decided_at, state.days_out, state.open_faults) == ("flickering", day(6), 5.0, 1)


def test_outage_start_spans_several_reports_and_a_later_inspection():
    # working on 1 March; complaint (kind not given) on 3 March; inspected out on 5 March:
    # out (the inspection), since 3 March 12:00 → 8 days at 11 March 12:00.
    res = lighting_status.lamp_statuses(
        ["L1"],
        [{"streetlight_uuid": "L1", "fault": None, "reported_at": "2026-03-03 12:00"}],
        [
            {"streetlight_uuid": "L1", "status": "working", "inspected_at": "2026-03-01"},
            {"streetlight_uuid": "L1", "status": "out", "inspected_at": "2026-03-05T09:00:00+07:00"},
        ],
        now=NOW,
    )
    assert res.status[0] == "out" and res.source[0] == "inspection"
    assert res.days_out[0] == pytest.approx(8.0)


def test_unknown_events_never_override_a_known_status_and_ties_go_to_the_inspection():
    res = lighting_status.lamp_statuses(
        ["A", "B", "C"],
        [FaultRecord("A", "out", day(2)), FaultRecord("B", "out", day(3)), FaultRecord("C", "unknown", day(3))],
        [
            Inspection("A", "unknown", day(5)),  # could not tell: A stays out
            Inspection("B", "working", day(3)),  # same moment as B's report: the inspection wins
        ],
        now=NOW,
    )
    assert res.status.tolist() == ["out", "working", "unknown"]
    assert res.source.tolist() == ["fault", "inspection", "fault"]
    assert res.days_out[0] == pytest.approx(9.0)
    assert [f.lamp_id for f in res.stale_faults] == ["B"]


def test_lamps_without_events_keep_their_layer_status_labels_are_accepted_and_orphans_reported():
    res = lighting_status.lamp_statuses(
        ["A", "B", "C"],
        [FaultRecord("Z", "out", day(1)), FaultRecord("A", "ดับ", None)],  # Thai label, no report date
        [Inspection("Y", "working", day(1))],
        now=NOW,
        current=["working", "Damaged pole", None],
    )
    assert res.status.tolist() == ["out", "damaged_pole", "unknown"]
    assert res.source.tolist() == ["fault", "layer", "layer"]
    assert res.decided_at[0] is None and np.isnan(res.days_out[0])  # out, but since when is unknown
    assert sorted(r.lamp_id for r in res.orphans) == ["Y", "Z"]


@pytest.mark.parametrize(
    ("faults", "inspections", "message"),
    [
        ([FaultRecord("A", "broken", day(1))], [], "Fault record #1 of streetlight A: fault 'broken' is not a lamp status; use one of out, partly_out, flickering, day_burning, damaged_pole, missing"),
        ([FaultRecord("A", "working", day(1))], [], "'working' is not a fault"),
        ([FaultRecord("A", "out", day(5), day(4))], [], "resolved at 2026-03-04T12:00:00+07:00, before it was reported (2026-03-05T12:00:00+07:00)"),
        ([FaultRecord("A", "out", dt.datetime(2026, 4, 1, tzinfo=BKK))], [], "reported_at 2026-04-01T00:00:00+07:00 is later than the time of the analysis"),
        ([{"uuid": "f-9", "streetlight_uuid": "A", "fault": "out", "reported_at": "yesterday"}], [], "Fault record f-9 of streetlight A: 'yesterday' in reported_at is not a date and time."),
        ([FaultRecord(None, "out", day(1))], [], "Record #1 names no streetlight"),
        ([], [Inspection("A", "good", day(1))], "Inspection #1 of streetlight A: status 'good' is not a lamp status; use one of working, out"),
        ([], [Inspection("A", "out", None)], "Inspection #1 of streetlight A has no date"),
        ([], [Inspection("A", "out", "32/13/2026")], "Inspection #1 of streetlight A: '32/13/2026' is not a date and time."),
    ],
)  # fmt: skip
def test_bad_fault_and_inspection_records_are_refused_with_a_specific_message(faults, inspections, message):
    with pytest.raises(CddpError) as err:
        lighting_status.lamp_statuses(["A"], faults, inspections, now=NOW)
    assert message in str(err.value)


def test_duplicate_lamp_ids_and_unknown_layer_statuses_are_refused():
    with pytest.raises(CddpError, match="Streetlight id A appears more than once"):
        lighting_status.lamp_statuses(["A", "B", "A"], now=NOW)
    with pytest.raises(CddpError, match="Streetlight B: status 'fused' is not a lamp status; use one of working"):
        lighting_status.lamp_statuses(["A", "B"], now=NOW, current=["out", "fused"])


# --------------------------------------------------------------------------------------------------
# 2. Condition notes


@pytest.mark.parametrize(
    ("note", "status", "issues"),
    [
        ("ไฟดับ", "out", ()),
        ("ไฟไม่ติด 3 วันแล้ว", "out", ()),
        ("ใช้งานไม่ได้", "out", ()),  # not ใช้งานได้ (working)
        ("หลอดขาด", "out", ()),
        ("ไฟกะพริบ", "flickering", ()),
        ("ไฟกระพริบทั้งคืน", "flickering", ()),
        ("ไฟติดๆ ดับๆ", "flickering", ()),  # not ดับ (out)
        ("ไฟติดกลางวัน", "day_burning", ()),
        ("ไฟไม่ดับตอนเช้า", "day_burning", ()),  # not ดับ
        ("เสาเอียง", "damaged_pole", ()),
        ("เสาไฟเสียหายจากรถชน", "damaged_pole", ()),  # เสียหาย, not หาย (missing)
        ("สภาพไม่ดี", "damaged_pole", ()),  # not ดี
        ("โคมไฟสูญหาย", "missing", ()),
        ("สภาพดี", "working", ()),
        ("ใช้งานได้ปกติ", "working", ()),
        ("ระดับแสงปกติ", "working", ()),  # ระดับ (level) is not ดับ
        ("มีหลอดไฟหลอดเดียว", "unknown", ("partial_light",)),  # เดียว is not ดี: no status word
        ("สภาพไม่แน่ใจ", "unknown", ()),
        ("ไฟดับบางดวง", "out", ("partial_light",)),
        ("สภาพดี สายไฟหย่อน ต้นไม้บัง", "working", ("wires_hanging", "branches")),
        ("ไฟผิดปกติ", "unknown", ("abnormal",)),  # ผิดปกติ is not ปกติ
        ("สภาพดี แต่ไม่ค่อยสว่าง", "working", ("dim",)),  # ไม่ค่อยสว่าง is neither ไม่สว่าง nor สว่าง
        ("ไฟติดตลอดเวลา", "day_burning", ()),
        ("Lamp OUT since Monday", "out", ()),
        ("flickering at night", "flickering", ()),
        ("works without problems", "working", ()),  # "without" is not "out"
        ("pole leaning, lamp not working", "out", ()),
        ("", "unknown", ()),
        (None, "unknown", ()),
        ("เสาไฟ", "unknown", ()),
    ],
)
def test_note_keywords(note, status, issues):
    result = lighting_status.status_from_note(note)
    assert (result.status, result.issues) == (status, issues)


def test_a_note_naming_several_statuses_takes_the_first_in_precedence_and_keeps_the_rest():
    result = lighting_status.status_from_note("เสาเอียง ไฟดับ สภาพเดิมดี")
    assert result.status == "out"
    assert result.keywords == ("ไฟดับ",)
    assert result.also == ("damaged_pole", "working")
    assert result.note("en") == "ไฟดับ → Out (also: Damaged pole, Working)"
    assert result.note("th") == "ไฟดับ → ดับ (ระบุด้วย: เสาชำรุด, ใช้งานได้)"


def test_note_explanation_and_lamp_type():
    result = lighting_status.status_from_note("เสาไฟถนน LED สภาพชำรุด มีหลอดไฟหลอดเดียว มีสายไฟห้อย")
    assert result.lamp_type == "led"
    assert result.note("en") == "ชำรุด → Damaged pole; only part of the lamps light; wires hanging"
    assert lighting_status.status_from_note("โคมโซเดียม ไฟดับ").lamp_type == "hps"
    assert (
        lighting_status.status_from_note("sealed lamp, good").lamp_type is None
    )  # "sealed" does not hold the word "led"


@pytest.mark.skipif(not LIGHTPOLES.exists(), reason=f"no shared data at {LIGHTPOLES}")
def test_khon_kaen_survey_notes():
    features = json.loads(LIGHTPOLES.read_text(encoding="utf-8"))["features"]
    notes = [f["properties"]["Description"] for f in features]
    assert len(notes) == 40
    results = [lighting_status.status_from_note(n) for n in notes]
    counts = {s: sum(r.status == s for r in results) for s in lighting_status.LAMP_STATUSES}
    assert counts == {
        "working": 33,
        "out": 0,
        "partly_out": 0,
        "flickering": 0,
        "day_burning": 0,
        "damaged_pole": 5,
        "missing": 0,
        "unknown": 2,
    }
    for note, r in zip(notes, results, strict=True):
        # the status follows the surveyor's status word, read here without the code under test
        expected = "damaged_pole" if "ชำรุด" in note else "unknown" if "ไม่แน่ใจ" in note else "working"
        assert r.status == expected, note
        assert ("wires_hanging" in r.issues) == ("สายไฟห้อย" in note), note
        assert ("branches" in r.issues) == ("กิ่งไม้" in note), note
        assert ("partial_light" in r.issues) == ("หลอดเดียว" in note), note
        assert r.keywords, note
    assert sum("wires_hanging" in r.issues for r in results) == 14  # 8 + 6 notes naming สายไฟห้อย
    assert sum(r.lamp_type == "led" for r in results) == 2
    titles = [lighting_status.status_from_note(f["properties"]["Title"]).lamp_type for f in features]
    assert titles.count("led") == 24


# --------------------------------------------------------------------------------------------------
# 3. Outage clusters


def row(*xs: float, y: float = 0.0) -> list[Point]:
    return [Point(x, y) for x in xs]


def test_three_out_lamps_30_m_apart_on_one_circuit_are_one_cluster():
    lamps = row(0, 30, 60, 90, 400)
    statuses = ["out", "out", "flickering", "working", "out"]
    since = [day(3), day(1, 18), day(2), None, day(1)]
    res = analysis.outage_clusters(lamps, statuses, ids=["a", "b", "c", "d", "e"], circuits=["C1"] * 5, out_since=since)
    assert res.cluster_id.tolist() == [1, 1, 1, 0, 0]
    (cluster,) = res.clusters
    assert cluster.lamp_count == 3 and cluster.lamp_ids == ("a", "b", "c")
    assert cluster.circuits == ("C1",) and cluster.roads == ()
    assert cluster.centroid.equals(Point(30, 0))  # (0 + 30 + 60) / 3
    assert cluster.first_reported == day(1, 18)  # lamp e (1 March) is out but alone, 310 m away
    assert cluster.statuses == {"out": 2, "flickering": 1}
    assert res.lamps_in_clusters == 3


def test_two_lamps_or_three_on_different_circuits_are_no_cluster():
    assert analysis.outage_clusters(row(0, 30), ["out", "out"], circuits=["C1", "C1"]).clusters == []
    res = analysis.outage_clusters(row(0, 30, 60), ["out"] * 3, circuits=["C1", "C2", "C3"])
    assert res.clusters == [] and res.cluster_id.tolist() == [0, 0, 0]


def test_same_road_joins_lamps_of_different_circuits():
    res = analysis.outage_clusters(row(0, 30, 60), ["out"] * 3, circuits=["C1", "C2", "C2"], roads=["R7", "R7", None])
    assert res.cluster_id.tolist() == [1, 1, 1]
    assert res.clusters[0].circuits == ("C1", "C2") and res.clusters[0].roads == ("R7",)


def test_a_lamp_with_neither_circuit_nor_road_joins_by_distance_and_can_bridge():
    res = analysis.outage_clusters(row(0, 30, 60), ["out"] * 3, circuits=["C1", None, "C2"])
    assert res.cluster_id.tolist() == [1, 1, 1]
    # without circuit or road anywhere, distance alone decides
    assert analysis.outage_clusters(row(0, 30, 60), ["out"] * 3).cluster_id.tolist() == [1, 1, 1]


def test_single_linkage_chains_and_the_distance_is_inclusive():
    # 4 out lamps 55 m apart: each pair of neighbours is within 60 m, the ends 165 m apart → one cluster of 4
    assert analysis.outage_clusters(row(0, 55, 110, 165), ["out"] * 4).cluster_id.tolist() == [1, 1, 1, 1]
    # 65 m apart: nothing within 60 m
    assert analysis.outage_clusters(row(0, 65, 130), ["out"] * 3).clusters == []
    # exactly 60 m apart counts as within 60 m
    assert analysis.outage_clusters(row(0, 60, 120), ["out"] * 3).cluster_id.tolist() == [1, 1, 1]


def test_working_lamps_do_not_join_and_out_statuses_and_min_lamps_are_parameters():
    lamps = row(0, 50, 100, 130)
    statuses = ["out", "working", "out", "out"]
    # out lamps at 0, 100, 130: 0–100 is 100 m > 60 m → only {100, 130}: 2 lamps, no cluster
    assert analysis.outage_clusters(lamps, statuses).clusters == []
    assert analysis.outage_clusters(lamps, statuses, distance=100).cluster_id.tolist() == [1, 0, 1, 1]
    assert analysis.outage_clusters(lamps, statuses, min_lamps=2).cluster_id.tolist() == [0, 0, 1, 1]
    flick = ["flickering", "out", "out"]
    assert analysis.outage_clusters(row(0, 30, 60), flick).cluster_id.tolist() == [1, 1, 1]
    assert analysis.outage_clusters(row(0, 30, 60), flick, out_statuses=["out"]).clusters == []


def test_clusters_on_a_grid_are_numbered_in_input_order():
    # a 3 × 3 grid of lamps 40 m apart on circuit per row; rows 0 and 2 entirely out, row 1 working
    lamps, statuses, circuits = [], [], []
    for r in (2, 1, 0):
        for c in range(3):
            lamps.append(Point(c * 40, r * 40))
            statuses.append("working" if r == 1 else "out")
            circuits.append(f"row{r}")
    res = analysis.outage_clusters(lamps, statuses, circuits=circuits)
    # rows 0 and 2 are 80 m apart (row 1 between is working); input lists row 2 first → cluster 1
    assert res.cluster_id.tolist() == [1, 1, 1, 0, 0, 0, 2, 2, 2]
    assert [c.circuits for c in res.clusters] == [("row2",), ("row0",)]
    assert res.clusters[1].centroid.equals(Point(40, 0))


def test_connected_components_match_scipy_on_random_graphs():
    csgraph = pytest.importorskip("scipy.sparse.csgraph")
    from scipy.sparse import coo_matrix

    rng = np.random.default_rng(7)
    for n, m in ((1, 0), (10, 3), (200, 150), (2000, 1900), (2000, 5000)):
        i, j = rng.integers(0, n, m), rng.integers(0, n, m)
        ours = analysis.connected_components(n, i, j)
        _, theirs = csgraph.connected_components(coo_matrix((np.ones(m), (i, j)), shape=(n, n)), directed=False)
        # the same partition: a one-to-one map between labels
        pairs = set(zip(ours.tolist(), theirs.tolist(), strict=True))
        assert len(pairs) == len(set(ours.tolist())) == len(set(theirs.tolist()))


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"distance": -5}, "The cluster distance must be a positive number of metres (e.g. 60); got -5."),
        ({"distance": 0}, "The cluster distance must be a positive number of metres (e.g. 60); got 0."),
        ({"distance": "far"}, "got far"),
        ({"min_lamps": 1}, "at least 2 lamps (e.g. 3); got 1."),
        ({"min_lamps": 2.5}, "got 2.5"),
        ({"out_statuses": ["out", "dark"]}, "'dark' in the statuses to count (out) is not a lamp status"),
        ({"crs_is_geographic": True}, "The streetlights are in a geographic CRS (degrees)"),
    ],
)
def test_cluster_parameters_are_checked(kwargs, message):
    with pytest.raises(CddpError) as err:
        analysis.outage_clusters(row(0, 30, 60), ["out"] * 3, **kwargs)
    assert message in str(err.value)


def test_cluster_bad_lamps():
    with pytest.raises(CddpError, match="Streetlight L2: status 'kaput' is not a lamp status"):
        analysis.outage_clusters(row(0, 30, 60), ["out", "kaput", "out"], ids=["L1", "L2", "L3"])
    with pytest.raises(CddpError, match=r"Streetlight L2 has no location \(missing or empty geometry\)"):
        analysis.outage_clusters([Point(0, 0), Point(), Point(60, 0)], ["out"] * 3, ids=["L1", "L2", "L3"])
    # a working lamp without a location does not matter to the clusters
    res = analysis.outage_clusters([Point(0, 0), None, Point(30, 0), Point(60, 0)], ["out", "working", "out", "out"])
    assert res.cluster_id.tolist() == [1, 0, 1, 1]
    with pytest.raises(
        CddpError, match=r"The streetlights look like longitude/latitude in degrees \(e.g. 102.81219, 16.45819\)"
    ):
        analysis.outage_clusters(row(102.81219, 102.8125, 102.8128, y=16.45819), ["out"] * 3)
    # metres near the origin are not mistaken for degrees
    assert analysis.outage_clusters(row(100, 130, 160, y=10), ["out"] * 3).cluster_id.tolist() == [1, 1, 1]


# --------------------------------------------------------------------------------------------------
# 4. Lighting gaps


ROAD300 = LineString([(0, 0), (300, 0)])


def spans(result) -> list[tuple]:
    return [(g.road_id, g.part, round(g.from_m, 6), round(g.to_m, 6), g.kind, g.lamps_not_lit) for g in result.gaps]


def test_straight_road_gaps_between_lamps():
    # lamps at 0, 40, 150, 290 m (5 m off the road); stretches 0–0, 0–40 (40), 40–150 (110 > 50),
    # 150–290 (140 > 50), 290–300 (10): two gaps, 110 + 140 = 250 m
    lamps = row(0, 40, 150, 290, y=5)
    res = analysis.lighting_gaps([ROAD300], lamps, road_ids=["R1"])
    assert spans(res) == [("R1", 0, 40, 150, "between", 0), ("R1", 0, 150, 290, "between", 0)]
    assert [g.length_m for g in res.gaps] == [110, 140]
    assert res.gaps[0].geometry.equals(LineString([(40, 0), (150, 0)]))
    assert res.total_gap_m == 250 and res.road_gap_m.tolist() == [250]
    assert res.lamp_chainage.tolist() == [0, 40, 150, 290] and res.lamp_offset.tolist() == [5, 5, 5, 5]
    # with a 150 m threshold nothing is longer
    assert analysis.lighting_gaps([ROAD300], lamps, spacing=150).gaps == []
    # exactly 140 m is not longer than 140 m
    assert [g.from_m for g in analysis.lighting_gaps([ROAD300], lamps, spacing=140).gaps] == []
    assert [g.from_m for g in analysis.lighting_gaps([ROAD300], lamps, spacing=139.9).gaps] == [150]


def test_a_lamp_that_does_not_light_leaves_a_gap_and_is_counted_in_it():
    lamps = row(0, 40, 150, 290, y=5)
    res = analysis.lighting_gaps([ROAD300], lamps, statuses=["working", "working", "out", "unknown"])
    # 150 is out: one stretch 40–290 (250 m) holding one lamp that does not light
    assert spans(res) == [(0, 0, 40, 290, "between", 1)]
    strict = analysis.lighting_gaps(
        [ROAD300], lamps, statuses=["working", "working", "out", "unknown"], lit_statuses=["working"]
    )
    # unknown no longer counts either: 40–300 is one end stretch of 260 m with two dark lamps
    assert spans(strict) == [(0, 0, 40, 300, "end", 2)]


def test_road_start_and_end_and_a_road_without_lamps():
    lamps = row(60, 200, y=-3)
    road2 = LineString([(0, 100), (120, 100)])
    res = analysis.lighting_gaps([ROAD300, road2], lamps, road_ids=["R1", "R2"])
    # R1: 0–60 (60 > 50, start), 60–200 (140), 200–300 (100, end); R2: no lamp within 25 m → all 120 m
    assert spans(res) == [
        ("R1", 0, 0, 60, "start", 0),
        ("R1", 0, 60, 200, "between", 0),
        ("R1", 0, 200, 300, "end", 0),
        ("R2", 0, 0, 120, "no_lamp", 0),
    ]
    assert res.gaps[3].geometry.equals(road2)
    assert res.road_gap_m.tolist() == [300, 120]
    assert res.checked_length_m == 420


def test_snap_distance_and_nearest_road_only():
    road_a = LineString([(0, 0), (100, 0)])
    road_b = LineString([(0, 20), (100, 20)])
    # lamp at y = 5 is 5 m from A and 15 m from B: it lights A only. Lamp at y = 60 is 40 m from B: too far.
    lamps = [Point(50, 5), Point(50, 60)]
    res = analysis.lighting_gaps([road_a, road_b], lamps, road_ids=["A", "B"], spacing=60)
    assert res.lamp_road.tolist() == [0, -1]
    assert res.lamp_chainage[0] == 50 and np.isnan(res.lamp_chainage[1])
    # A: 0–50, 50–100 (both 50 ≤ 60) no gap; B: no lamp → 100 m
    assert spans(res) == [("B", 0, 0, 100, "no_lamp", 0)]
    # with a 45 m snap distance the second lamp (40 m from B, 60 m from A) lights B
    res = analysis.lighting_gaps([road_a, road_b], lamps, road_ids=["A", "B"], spacing=60, snap=45)
    assert res.lamp_road.tolist() == [0, 1]
    assert spans(res) == []


def test_a_side_street_not_to_be_lit_keeps_its_lamps():
    main = LineString([(0, 0), (100, 0)])
    side = LineString([(50, 23), (50, 100)])  # starts 23 m north of the main road
    lamp = [Point(50, 20)]  # 20 m from the main road, 3 m from the side street
    res = analysis.lighting_gaps([main, side], lamp, road_ids=["main", "side"], to_light=[True, False])
    assert res.lamp_road.tolist() == [1]
    assert spans(res) == [("main", 0, 0, 100, "no_lamp", 0)]
    assert res.road_gap_m.tolist() == [100, 0] and res.checked_length_m == 100


def test_l_shaped_road_gap_geometry_follows_the_corner():
    road = LineString([(0, 0), (100, 0), (100, 100)])  # 200 m
    lamps = [Point(20, 2), Point(102, 80)]  # chainage 20 and 100 + 80 = 180
    res = analysis.lighting_gaps([road], lamps)
    assert spans(res) == [(0, 0, 20, 180, "between", 0)]
    assert res.gaps[0].geometry.equals(LineString([(20, 0), (100, 0), (100, 80)]))
    assert res.gaps[0].length_m == 160
    # a lamp exactly at the corner: the gap ends at the corner vertex, which is not repeated
    res = analysis.lighting_gaps([road], [Point(0, -1), Point(103, -3)])
    assert spans(res) == [(0, 0, 0, 100, "between", 0), (0, 0, 100, 200, "end", 0)]
    assert shapely.get_coordinates(res.gaps[0].geometry).tolist() == [[0, 0], [100, 0]]
    assert shapely.get_coordinates(res.gaps[1].geometry).tolist() == [[100, 0], [100, 100]]


def test_multi_part_roads_merge_where_they_touch_and_stay_apart_where_they_do_not():
    # parts drawn in opposite directions meeting at (100, 0): merged into one 200 m line
    touching = MultiLineString([[(100, 0), (0, 0)], [(100, 0), (200, 0)]])
    # two parts 100 m apart: part 0 (0–100) has a lamp at 50; part 1 (200–300) none
    apart = MultiLineString([[(0, 50), (100, 50)], [(200, 50), (300, 50)]])
    lamps = [Point(40, -2), Point(160, 2), Point(50, 52)]
    res = analysis.lighting_gaps([touching, apart], lamps, road_ids=["T", "S"])
    (t_gap, s_gap) = res.gaps
    # T: one line; lamps at 40 and 160 from its start (whichever end line_merge starts from, the
    # stretch between them is 120 m and the ends are 40 m each)
    assert (t_gap.road_id, t_gap.part, t_gap.kind, t_gap.length_m) == ("T", 0, "between", 120)
    assert {t_gap.from_m, t_gap.to_m} == {40, 160}
    assert t_gap.geometry.length == 120 and t_gap.geometry.buffer(1e-9).contains(LineString([(40, 0), (160, 0)]))
    # S: part 0 has stretches 0–50 and 50–100 (not > 50); part 1 is a full 100 m gap
    assert (s_gap.road_id, s_gap.part, s_gap.from_m, s_gap.to_m, s_gap.kind) == ("S", 1, 0, 100, "no_lamp")
    assert res.lamp_part.tolist() == [0, 0, 0] and res.lamp_road.tolist() == [0, 0, 1]
    assert res.road_length_m.tolist() == [200, 200]


def test_ties_go_to_the_road_given_first():
    a = LineString([(0, 0), (100, 0)])
    b = LineString([(0, 10), (100, 10)])
    res = analysis.lighting_gaps([a, b], [Point(50, 5)], road_ids=["a", "b"], spacing=60)
    assert res.lamp_road.tolist() == [0]
    assert spans(res) == [("b", 0, 0, 100, "no_lamp", 0)]


@pytest.mark.parametrize(
    ("roads", "lamps", "kwargs", "message"),
    [
        ([LineString([(5, 5), (5, 5)])], [], {}, "Road R1 has no length (all its points are in the same place)"),
        ([LineString()], [], {}, "Road R1 has no geometry (missing or empty)"),
        ([None], [], {}, "Road R1 has no geometry (missing or empty)"),
        ([shapely.box(0, 0, 10, 10)], [], {}, "Road R1 is a Polygon, not a line"),
        ([LineString([(0, 0), (np.nan, 5)])], [], {}, "Road R1 has coordinates that are not numbers"),
        ([ROAD300], [Point(1, 1), None], {}, "Streetlight #2 has no location"),
        ([ROAD300], [LineString([(0, 0), (1, 1)])], {}, "Streetlight #1 is a LineString, not a point."),
        ([ROAD300], [Point(1, 1)], {"statuses": ["on"]}, "Streetlight #1: status 'on' is not a lamp status"),
        ([ROAD300], [], {"spacing": -50}, "The lamp spacing threshold must be a positive number of metres (e.g. 50); got -50."),
        ([ROAD300], [], {"snap": -1}, "The snapping distance from a lamp to its road must be a positive number of metres (e.g. 25); got -1."),
        ([ROAD300], [], {"spacing": float("nan")}, "got nan"),
        ([ROAD300], [], {"lit_statuses": ["bright"]}, "'bright' in the statuses to count (lit)"),
        ([LineString([(100.5, 13.73), (100.51, 13.74)])], [], {}, "The roads look like longitude/latitude in degrees (e.g. 100.50000, 13.73000)"),
        ([ROAD300], [], {"crs_is_geographic": True}, "The roads are in a geographic CRS (degrees)"),
    ],
)  # fmt: skip
def test_bad_gap_inputs(roads, lamps, kwargs, message):
    with pytest.raises(CddpError) as err:
        analysis.lighting_gaps(roads, lamps, road_ids=["R1"] * len(roads), **kwargs)
    assert message in str(err.value)


def test_degree_lamps_on_metric_roads_are_refused_and_a_projected_flag_skips_the_check():
    with pytest.raises(CddpError, match="The streetlights look like longitude/latitude"):
        analysis.lighting_gaps([ROAD300], [Point(100.53, 13.74)])
    # crs_is_geographic=False trusts the caller (a local grid that happens to lie in the box)
    res = analysis.lighting_gaps([LineString([(97.5, 10), (297.5, 10)])], [Point(100, 10)], crs_is_geographic=False)
    assert [g.kind for g in res.gaps] == ["end"]


# --------------------------------------------------------------------------------------------------
# 5. KPIs


def test_kpis_by_hand():
    statuses = ["working", "out", "out", "flickering", "damaged_pole", "unknown", "out", "working"]
    days = [None, 2.0, 10.0, 4.0, 30.0, None, None, None]  # out + flickering with a start: 2, 10, 4 → median 4
    owners = ["municipality", "pea", "municipality", "PEA", None, "mea", "การไฟฟ้านครหลวง (กฟน.)", "pea"]
    gaps = analysis.lighting_gaps([ROAD300], row(0, 40, 150, 290, y=5))
    clusters = analysis.outage_clusters(row(0, 30, 60), ["out"] * 3)
    k = analysis.lighting_kpis(statuses, days_out=days, owners=owners, clusters=clusters, gaps=gaps)
    assert k["lamps"] == 8
    assert k["by_status"] == {"working": 2, "out": 3, "partly_out": 0, "flickering": 1, "day_burning": 0, "damaged_pole": 1,
                              "missing": 0, "unknown": 1}  # fmt: skip
    assert (k["out"], k["pct_out"]) == (4, 50.0)  # out 3 + flickering 1 of 8
    assert (k["faulty"], k["pct_faulty"]) == (5, 62.5)
    assert k["median_days_out"] == 4.0
    # out lamps: #2 pea, #3 municipality, #4 PEA → pea, #7 Thai label of mea
    assert k["out_by_owner"] == {"municipality": 1, "pea": 2, "mea": 1, "other": 0, "unknown": 0}
    assert (k["clusters"], k["lamps_in_clusters"]) == (1, 3)
    assert (k["gaps"], k["gap_km"], k["checked_km"], k["pct_length_in_gaps"]) == (2, 0.25, 0.3, 83.33)


def test_kpis_without_lamps_and_bad_owner():
    k = analysis.lighting_kpis([])
    assert (k["lamps"], k["pct_out"], k["median_days_out"], k["clusters"], k["gap_km"]) == (0, None, None, None, None)
    with pytest.raises(
        CddpError, match="Streetlight #2: owner 'EGAT' is not a pole owner; use one of municipality, pea"
    ):
        analysis.lighting_kpis(["out", "out"], owners=["pea", "EGAT"])


def test_status_to_kpi_pipeline_on_the_same_lamps():
    """The pieces fit: statuses → clusters (with outage starts) → KPIs."""
    ids = ["a", "b", "c", "d"]
    faults = [FaultRecord(x, "out", day(d)) for x, d in (("a", 4), ("b", 2), ("c", 6))]
    status = lighting_status.lamp_statuses(ids, faults, now=NOW)
    clusters = analysis.outage_clusters(
        row(0, 35, 70, 105), status.status, ids=ids, circuits=["K"] * 4, out_since=status.out_since
    )
    assert clusters.clusters[0].lamp_ids == ("a", "b", "c") and clusters.clusters[0].first_reported == day(2)
    k = analysis.lighting_kpis(status.status, days_out=status.days_out, clusters=clusters)
    assert k["median_days_out"] == 7.0  # 7, 9, 5 days


def _reference_gaps(roads, lamps, statuses, spacing, snap, lit=lighting_status.LIT_STATUSES):
    """A plain per-road, per-lamp version of the gap rule (loops, shapely.ops.substring) to check the
    vectorised bookkeeping of lighting_gaps against."""
    from shapely.ops import substring

    parts = []  # (road index, part number, line)
    for r, road in enumerate(roads):
        merged = shapely.line_merge(road) if road.geom_type == "MultiLineString" else road
        for k, line in enumerate(getattr(merged, "geoms", [merged])):
            parts.append((r, k, line))
    positions = {p: [] for p in range(len(parts))}
    for lamp, status in zip(lamps, statuses, strict=True):
        dists = [line.distance(lamp) for _, _, line in parts]
        best = min(range(len(parts)), key=lambda p: (dists[p], p))
        if dists[best] <= snap and status in lit:
            positions[best].append(parts[best][2].project(lamp))
    out = []
    for p, (r, k, line) in enumerate(parts):
        stops = [0.0, *sorted(positions[p]), line.length]
        for a, b in itertools.pairwise(stops):
            if b - a > spacing + 1e-6:
                out.append((r, k, a, b, substring(line, a, b)))
    return out


def test_gaps_match_a_plain_per_road_version_on_a_random_network():
    rng = np.random.default_rng(11)
    roads = []
    for k in range(40):
        x, y = rng.uniform(0, 2000, 2)
        steps = rng.normal(0, 60, (rng.integers(1, 7), 2))
        line = np.cumsum(np.vstack([[x, y], steps + np.sign(steps) * 20]), axis=0)
        if k % 5 == 0:  # a two-part road whose parts do not touch
            roads.append(MultiLineString([line, line + np.array([300.0, 0.0])]))
        elif k % 7 == 0:  # a two-part road whose parts meet, the second drawn backwards
            roads.append(MultiLineString([line, [line[-1], line[-1] + [0.0, 150.0]][::-1]]))
        else:
            roads.append(LineString(line))
    lamp_xy = rng.uniform(-50, 2400, (600, 2))
    lamps = list(shapely.points(lamp_xy))
    statuses = rng.choice(["working", "out", "unknown", "missing"], 600).tolist()
    res = analysis.lighting_gaps(roads, lamps, statuses=statuses, spacing=45, snap=30)
    ref = _reference_gaps(roads, lamps, statuses, 45, 30)
    assert len(res.gaps) == len(ref) > 40
    for gap, (r, k, a, b, geom) in zip(res.gaps, ref, strict=True):
        assert (gap.road_index, gap.part) == (r, k)
        assert gap.from_m == pytest.approx(a, abs=1e-6) and gap.to_m == pytest.approx(b, abs=1e-6)
        assert gap.geometry.length == pytest.approx(b - a, abs=1e-6)
        assert shapely.hausdorff_distance(gap.geometry, geom) < 1e-6
    # every lamp within 30 m of a road got a road, and no other
    dists = np.array([[lamp.distance(road) for road in roads] for lamp in lamps])
    assert ((res.lamp_road >= 0) == (dists.min(axis=1) <= 30)).all()
    assert np.allclose(res.lamp_offset[res.lamp_road >= 0], dists.min(axis=1)[res.lamp_road >= 0])
