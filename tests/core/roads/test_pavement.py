"""PASER, ASTM D6433 PCI of asphalt sample units, sample size, bands: core/pavement.py (no QGIS).

The expected PCIs below are worked by hand from the coefficients in
cddp_plugin/core/roads/data/pci_asphalt_curves.json (DV = c0 + c1·x + c2·x² + … with x = log10(density %);
CDV = c0 + c1·t + c2·t² with t = total deduct value), not by calling the code under test. Densities
of 1 %, 10 % and 100 % are chosen so that x = 0, 1, 2 and a DV is just the (alternating) sum of its
coefficients.
"""

from __future__ import annotations

import json
import math

import numpy as np
import pytest

from cddp_plugin.core.common.errors import CddpError
from cddp_plugin.core.roads import pavement
from cddp_plugin.core.roads import pci as roads_pci
from cddp_plugin.core.roads.pci import Distress

CURVES = json.loads(pavement.CURVES_FILE.read_text(encoding="utf-8"))

# --------------------------------------------------------------------------------------------------
# The curve data


def test_curve_file_names_its_source_and_licence():
    source = CURVES["source"]
    assert source["repository"] == "https://github.com/brandnewbox/pavement_condition_index"
    assert len(source["commit"]) == 40
    assert source["licence"] == "MIT"
    assert "Copyright (c) 2017 Andy Monroe" in source["licence_text"]
    assert "Permission is hereby granted" in source["licence_text"]


def test_curve_file_has_19_types_with_three_severities_and_ranges():
    types = [d["type"] for d in CURVES["distresses"]]
    assert types == list(range(1, 20))
    for d in CURVES["distresses"]:
        assert set(d["coefficients"]) == {"L", "M", "H"}
        assert 0 < d["density_min"] < d["density_max"] <= 100
        assert d["measure"] in ("m2", "m", "count")
    assert [t.measure for t in roads_pci.distress_types() if t.measure != "m2"] == ["m", "m", "m", "m", "m", "count"]
    assert roads_pci.curves().distresses[13].name == "Potholes"
    assert sorted(CURVES["cdv"]["coefficients"], key=int) == [str(q) for q in range(1, 8)]


@pytest.mark.parametrize("d", CURVES["distresses"], ids=lambda d: d["key"])
def test_deduct_curves_follow_the_digitised_chart(d):
    """The source fitted each polynomial until its sum of squared residuals against the chart readings
    was below 10; a mistyped coefficient would break that. deduct_value (with its clamping) must stay
    within √10 ≈ 3.16 DV points of every reading inside 0..100."""
    readings = d["chart_readings"]
    for sev in "LMH":
        residuals = []
        for density, reading in zip(readings["density"], readings[sev], strict=True):
            raw = sum(c * math.log10(density) ** i for i, c in enumerate(d["coefficients"][sev]))
            residuals.append(raw - reading)
            if 0 <= reading <= 100:
                assert abs(roads_pci.deduct_value(d["type"], sev, density) - reading) < math.sqrt(10)
        assert sum(r * r for r in residuals) < 10, (d["key"], sev)


def test_cdv_curves_follow_the_digitised_chart():
    readings = CURVES["cdv"]["chart_readings"]
    for q in range(1, 8):
        residuals = [
            sum(c * total**i for i, c in enumerate(CURVES["cdv"]["coefficients"][str(q)])) - reading
            for total, reading in zip(readings["total"], readings[str(q)], strict=True)
        ]
        assert sum(r * r for r in residuals) < 10, q
        for total, reading in zip(readings["total"], readings[str(q)], strict=True):
            if reading <= 100:
                assert abs(roads_pci.corrected_deduct_value(total, q) - reading) < math.sqrt(10)


# --------------------------------------------------------------------------------------------------
# Deduct values and CDVs, by hand


def test_deduct_value_at_round_densities():
    # alligator cracking M at 10 %: x = 1 → 21.641468980 + 19.850106754 + 4.129291159 = 45.620866894
    assert roads_pci.deduct_value(1, "M", 10) == pytest.approx(45.620866894, abs=1e-8)
    # potholes L at 1 %: x = 0 → c0 = 58.574736886
    assert roads_pci.deduct_value(13, "L", 1) == pytest.approx(58.574736886, abs=1e-8)
    # alligator cracking H at 100 %: x = 2 → 30.698348853 + 2·26.819142548 + 4·5.653897801 − 8·2.056245804
    #   = 30.698348853 + 53.638285097 + 22.615591203 − 16.449966431 = 90.502258722
    assert roads_pci.deduct_value(1, "H", 100) == pytest.approx(90.502258722, abs=1e-8)
    # Thai digits and lower case are accepted
    assert roads_pci.deduct_value("๑", "m", "๑๐") == roads_pci.deduct_value(1, "M", 10)


def test_density_is_clamped_to_the_curve_range_and_deducts_are_never_negative():
    # edge cracking L is valid from 0.1 %: 0.05 % reads at 0.1 %, x = −1 →
    #   3.211409887 − 4.962171358 + 2.402524705 = 0.651763234
    assert roads_pci.deduct_value(7, "L", 0.05) == pytest.approx(0.651763234, abs=1e-8)
    assert roads_pci.deduct_value(7, "L", 0.05) == roads_pci.deduct_value(7, "L", 0.1)
    # bumps and sags are valid up to 10 %: 50 % reads at 10 %, x = 1 →
    #   7.432162927 + 13.039704474 + 12.681378093 + 5.724727902 = 38.877973396
    assert roads_pci.deduct_value(4, "L", 50) == pytest.approx(38.877973396, abs=1e-8)
    # block cracking L dips below zero near 0.43 %: x = log10(0.428) = −0.368556 →
    #   −0.245066 + 3.586523·(−0.368556) + 4.864809·0.135834 = −0.245066 − 1.321835 + 0.660806 = −0.906
    #   → clipped to 0
    assert roads_pci.deduct_value(3, "L", 0.428) == 0.0
    # potholes H at 4 % would read above 100 (109.33 + 56.29·0.602 …) → clipped to 100
    assert roads_pci.deduct_value(13, "H", 4) == 100.0


def test_corrected_deduct_values():
    # q = 7 at total 100: −18.186068111 + 0.835211558·100 − 0.001633643·100² = 48.998658411
    assert roads_pci.corrected_deduct_value(100, 7) == pytest.approx(48.998658411, abs=1e-8)
    # the ASTM chart has seven curves: q above 7 reads the q = 7 curve
    assert roads_pci.corrected_deduct_value(100, 9) == roads_pci.corrected_deduct_value(100, 7)
    # q = 1 is CDV = total
    assert roads_pci.corrected_deduct_value(42.5, 1) == pytest.approx(42.5, abs=1e-12)
    # totals are clamped to 200 (q = 5 at 200: −12.825903 + 153.459236 − 46.315789 = 94.317544)
    assert roads_pci.corrected_deduct_value(260, 5) == pytest.approx(94.317544, abs=1e-6)
    # and CDVs clipped to 0..100 (q = 2 at 200 reads 109.24)
    assert roads_pci.corrected_deduct_value(200, 2) == 100.0
    assert roads_pci.corrected_deduct_value(1, 4) == 0.0  # −12.07 + 0.84 … < 0


# --------------------------------------------------------------------------------------------------
# PCI of a sample unit, by hand


def test_pci_single_distress():
    # 225 m² unit, alligator cracking M in two records of 10 and 12.5 m² → 22.5 m², density 10 %
    # DV = 45.620866894 (above); only one DV > 2 → max CDV = 45.620866894, PCI = 54.379133106 → poor
    result = roads_pci.pci_sample_unit([Distress(1, "M", 10), Distress(1, "M", 12.5)], 225)
    assert [(d.type, d.severity, d.quantity, d.density) for d in result.deducts] == [(1, "M", 22.5, 10.0)]
    assert result.m is None and result.steps == ()
    assert result.max_cdv == pytest.approx(45.620866894, abs=1e-8)
    assert result.pci == pytest.approx(54.379133106, abs=1e-8)
    assert (result.band, result.treatment) == ("poor", "overlay")


def test_pci_several_distresses_iterate_over_q():
    # 100 m² unit:
    #   alligator H 10 m² (10 %, x = 1): 30.698348853 + 26.819142548 + 5.653897801 − 2.056245804 = 61.115143398
    #   potholes L, 1 (1 %, x = 0): 58.574736886
    #   longitudinal/transverse cracking M 10 m (10 %, x = 1): 8.679079755 + 15.315108590 + 6.266899018
    #     = 30.261087363
    #   bleeding L 1 m² (1 %, x = 0): 0.322105531 (not above 2)
    # three DVs > 2 → m = 1 + 9/98·(100 − 61.115143398) = 4.571058; all four DVs are kept.
    # q = 3: total = 61.115143 + 58.574737 + 30.261087 + 0.322106 = 150.273073
    #        CDV = −7.225 + 0.835254773·150.273073 − 0.001349136·150.273073² = 87.825124
    # q = 2: 30.261087 → 2: total = 122.011986
    #        CDV = −4.767828 + 0.920401832·122.011986 − 0.001751870·122.011986² = 81.452264
    # q = 1: 58.574737 → 2: total = 65.437249 = CDV
    # max CDV = 87.825124 → PCI = 12.174876 → serious
    result = roads_pci.pci_sample_unit(
        [Distress(1, "H", 10), Distress(13, "L", 1), Distress(10, "M", 10), Distress(2, "L", 1)], 100
    )
    assert [round(d.value, 6) for d in result.deducts] == [61.115143, 58.574737, 30.261087, 0.322106]
    assert result.m == pytest.approx(4.571058, abs=1e-6)
    assert [(s.q, round(s.total, 6), round(s.cdv, 6)) for s in result.steps] == [
        (3, 150.273073, 87.825124),
        (2, 122.011986, 81.452264),
        (1, 65.437249, 65.437249),
    ]
    assert result.pci == pytest.approx(12.174876, abs=1e-6)
    assert result.band == "serious"


def test_pci_maximum_found_when_q_falls_to_1():
    # 225 m² unit: alligator M 22.5 m² (10 %) DV = 45.620867; bleeding M 2.25 m² (1 %, x = 0) DV = 3.324121
    # m = 1 + 9/98·(100 − 45.620867) = 5.994; both kept.
    # q = 2: total = 48.944988, CDV = −4.767828 + 0.920401832·48.944988 − 0.001751870·48.944988² = 36.084427
    # q = 1: 3.324121 → 2: total = 47.620867 = CDV, the larger → PCI = 52.379133 → poor
    result = roads_pci.pci_sample_unit([Distress(1, "M", 22.5), Distress(2, "M", 2.25)], 225)
    assert [(s.q, round(s.cdv, 6)) for s in result.steps] == [(2, 36.084427), (1, 47.620867)]
    assert result.max_cdv == pytest.approx(47.620867, abs=1e-6)
    assert result.pci == pytest.approx(52.379133, abs=1e-6)


def test_pci_fractional_m_drops_and_scales_deducts():
    # 100 m² unit: alligator H 100 m² (100 %) DV = 90.502259; rutting M 10 m² (10 %, x = 1):
    #   17.079397 + 23.042120 + 7.267188 − 2.992255 = 44.396450; long./trans. cracking M 10 m: 30.261087
    # m = 1 + 9/98·(100 − 90.502259) = 1.872242 → keep 90.502259 and 0.872242·44.396450 = 38.724428;
    # 30.261087 is dropped.
    # q = 2: total = 129.226687, CDV = −4.767828 + 0.920401832·129.226687 − 0.001751870·129.226687² = 84.917226
    # q = 1: 38.724428 → 2: total = 92.502259 = CDV, the larger → PCI = 7.497741 → failed
    result = roads_pci.pci_sample_unit([Distress(1, "H", 100), Distress(15, "M", 10), Distress(10, "M", 10)], 100)
    assert result.m == pytest.approx(1.872242, abs=1e-6)
    assert [round(v, 6) for v in result.steps[0].deducts] == [90.502259, 38.724428]
    assert [(s.q, round(s.total, 6), round(s.cdv, 6)) for s in result.steps] == [
        (2, 129.226687, 84.917226),
        (1, 92.502259, 92.502259),
    ]
    assert result.pci == pytest.approx(7.497741, abs=1e-6)
    assert result.band == "failed"


def test_pci_without_distresses_is_100_and_never_below_0():
    assert roads_pci.pci_sample_unit([], 225).pci == 100.0
    # potholes H, 4 on 100 m² → DV 100 (clipped); one DV > 2 → max CDV = 100 + 0.32 → PCI clipped to 0
    result = roads_pci.pci_sample_unit([Distress(13, "H", 4), Distress(2, "L", 1)], 100)
    assert result.max_cdv == pytest.approx(100.322106, abs=1e-6)
    assert result.pci == 0.0


def test_at_most_one_deduct_above_2_sums_all_deducts():
    # 100 m² unit, bleeding L and M 1 m² each (1 %, x = 0): L 0.322106, M 3.324121; one DV above 2
    # → the q loop is skipped, max CDV = 3.324121 + 0.322106 = 3.646227 → PCI 96.353773
    result = roads_pci.pci_sample_unit([Distress(2, "L", 1), Distress(2, "M", 1)], 100)
    assert result.steps == ()
    assert result.pci == pytest.approx(96.353773, abs=1e-6)
    # Every DV counts, even where m would drop it: alligator H 100 % (90.502259), edge cracking L 0.1 m
    # (0.1 %, x = −1: 0.651763), bleeding L 1 % (0.322106). Max CDV = 91.476128 → PCI 8.523872 (keeping
    # only m = 1.872 DVs would give 90.502259 + 0.872242·0.651763 = 91.070764 → PCI 8.929236).
    records = [Distress(1, "H", 100), Distress(7, "L", 0.1), Distress(2, "L", 1)]
    assert roads_pci.pci_sample_unit(records, 100).pci == pytest.approx(8.523872, abs=1e-6)
    vectorised = roads_pci.pci_arrays([100], [0, 0, 0], [1, 7, 2], ["H", "L", "L"], [100, 0.1, 1])
    assert vectorised[0] == pytest.approx(8.523872, abs=1e-6)


# --------------------------------------------------------------------------------------------------
# Vectorised path == per-unit path


def _random_survey(rng, n_units, per_unit):
    areas = rng.uniform(135, 315, n_units)  # 225 ± 90 m²
    unit = np.repeat(np.arange(n_units), per_unit)
    types = rng.integers(1, 20, unit.size)
    sevs = rng.choice(np.array(["L", "M", "H", "l", " m "]), unit.size)
    density = 10 ** rng.uniform(-2, 1.3, unit.size)  # 0.01 % .. 20 %
    density = np.where(types == 13, density / 20, density)  # potholes are few
    qty = density / 100 * areas[unit] / 2  # two records per type+severity half the time
    return areas, unit, types, sevs, qty


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_vectorised_equals_per_unit(seed):
    rng = np.random.default_rng(seed)
    areas, unit, types, sevs, qty = _random_survey(rng, 400, 6)
    keep = rng.random(unit.size) > 0.1  # some units end up with fewer records, some none
    keep[unit == 7] = False
    unit, types, sevs, qty = unit[keep], types[keep], sevs[keep], qty[keep]
    order = rng.permutation(unit.size)  # records in any order
    unit, types, sevs, qty = unit[order], types[order], sevs[order], qty[order]
    dup = rng.random(unit.size) < 0.5  # the same type+severity twice in a unit
    unit = np.concatenate([unit, unit[dup]])
    types, sevs, qty = (
        np.concatenate([types, types[dup]]),
        np.concatenate([sevs, sevs[dup]]),
        np.concatenate([qty, qty[dup]]),
    )

    fast = roads_pci.pci_arrays(areas, unit, types, sevs, qty)
    slow = np.array(
        [
            roads_pci.pci_sample_unit(
                [
                    Distress(int(t), str(s), float(q))
                    for t, s, q in zip(types[unit == u], sevs[unit == u], qty[unit == u], strict=True)
                ],
                float(areas[u]),
            ).pci
            for u in range(len(areas))
        ]
    )
    assert fast[7] == 100.0
    np.testing.assert_allclose(fast, slow, rtol=0, atol=1e-9)
    assert slow.min() < 40 and slow.max() > 85  # the data covers several bands

    ids = [f"SU-{u}" for u in range(len(areas))]
    by_unit = roads_pci.pci_by_unit(
        dict(zip(ids, areas.tolist(), strict=True)),
        [
            Distress(int(t), str(s), float(q), sample_unit=ids[u])
            for u, t, s, q in zip(unit, types, sevs, qty, strict=True)
        ],
    )
    np.testing.assert_allclose([by_unit[i] for i in ids], slow, rtol=0, atol=1e-9)


def test_vectorised_accepts_text_and_thai_digits_and_units():
    pcis = roads_pci.pci_arrays(
        ["225", "๑๐๐"],
        [0, 1, 1, 1],
        ["1", "๑", 13, "10"],
        ["M", "h", "L", "M"],
        ["22.5", 10, "๑", 10.0],
        ["m2", "m2", "count", None],
    )
    assert pcis[0] == pytest.approx(54.379133106, abs=1e-8)
    # unit 2: alligator H 10 %, potholes L 1 %, cracking M 10 %: the test above without bleeding L
    expected = roads_pci.pci_sample_unit([Distress(1, "H", 10), Distress(13, "L", 1), Distress(10, "M", 10)], 100).pci
    assert pcis[1] == pytest.approx(expected, abs=1e-9)


def test_section_pci_is_area_weighted():
    # (80·200 + 50·250 + 20·50) / 500 = (16000 + 12500 + 1000) / 500 = 59
    assert pavement.section_pci([80, 50, 20], [200, 250, 50]) == pytest.approx(59.0)


# --------------------------------------------------------------------------------------------------
# Bad input: every path says which record, which value and what is allowed


def _both_paths(records, area=225.0):
    """Run the per-unit and the vectorised path; both must raise the same message."""
    messages = []
    for run in (
        lambda: roads_pci.pci_sample_unit(records, area, unit="SU-1"),
        lambda: roads_pci.pci_arrays(
            [area],
            [0] * len(records),
            [d.type for d in records],
            [d.severity for d in records],
            [d.quantity for d in records],
            [d.quantity_unit for d in records],
            unit_ids=["SU-1"],
        ),
    ):
        with pytest.raises(CddpError) as exc:
            run()
        messages.append(str(exc.value))
    assert messages[0] == messages[1]
    return messages[0]


@pytest.mark.parametrize(
    ("record", "expected"),
    [
        (
            Distress(20, "L", 1),
            "Distress record 2 of sample unit SU-1: distress type 20 is not an ASTM D6433 asphalt distress; use 1 to 19.",
        ),
        (Distress(0, "L", 1), "distress type 0 is not an ASTM D6433 asphalt distress"),
        (Distress("๒๐", "L", 1), "distress type ๒๐ is not an ASTM D6433"),
        (Distress(1.5, "L", 1), "distress type 1.5 is not a whole number; use 1 to 19"),
        (Distress("crack", "L", 1), "distress type crack is not a whole number"),
        (Distress(None, "L", 1), "record 2 of sample unit SU-1: the distress type is missing"),
        (
            Distress(13, None, 1),
            "record 2 of sample unit SU-1 (13 Potholes): the severity is missing; use L (low), M (medium) or H (high).",
        ),
        (Distress(13, "", 1), "(13 Potholes): the severity is missing"),
        (Distress(13, "X", 1), "(13 Potholes): severity X is not L (low), M (medium) or H (high)."),
        (Distress(13, 2, 1), "severity 2 is not L (low), M (medium) or H (high)"),
        (Distress(13, "L", 0), "(13 Potholes): quantity 0 must be greater than zero."),
        (Distress(13, "L", -3), "quantity -3 must be greater than zero"),
        (Distress(13, "L", None), "(13 Potholes): the quantity is missing."),
        (Distress(13, "L", "many"), "(13 Potholes): quantity many is not a number."),
        (Distress(13, "L", math.inf), "quantity inf is not a number"),
        (
            Distress(13, "L", 1, "m2"),
            "(13 Potholes): quantity unit m2 does not fit; this distress is measured in count.",
        ),
        (Distress(1, "L", 1, "ft"), "(1 Alligator cracking): quantity unit ft is not m2, m or count."),
    ],
)
def test_bad_distress_records(record, expected):
    message = _both_paths([Distress(1, "L", 5), record])
    assert expected in message


def test_density_over_100_percent():
    message = _both_paths([Distress(10, "M", 200), Distress(10, "M", 100)], area=225)
    assert message == (
        "Sample unit SU-1: 10 Longitudinal/transverse cracking, severity M, adds up to 300 m on 225 m², a density of "
        "133.3 %; a density cannot exceed 100 %. Check the quantities, their unit and the sample area."
    )


@pytest.mark.parametrize(
    ("area", "expected"),
    [
        (0, "Sample unit SU-1: sample area 0 m² must be greater than zero."),
        (-5, "sample area -5 m² must be greater than zero"),
        (None, "Sample unit SU-1: the sample area is missing."),
        ("", "Sample unit SU-1: the sample area is missing."),
        ("big", "Sample unit SU-1: sample area big is not a number."),
        (math.nan, "the sample area is missing"),
    ],
)
def test_bad_sample_area(area, expected):
    assert expected in _both_paths([Distress(1, "L", 1)], area=area)


def test_vectorised_names_records_and_checks_shapes():
    with pytest.raises(CddpError, match="Distress record fid 12 of sample unit B: distress type 30"):
        roads_pci.pci_arrays(
            [100, 100], [0, 1], [1, 30], ["L", "L"], [1, 1], unit_ids=["A", "B"], record_ids=["fid 11", "fid 12"]
        )
    with pytest.raises(
        CddpError, match="Distress record 2 refers to sample unit number 5; use a whole number from 0 to 1"
    ):
        roads_pci.pci_arrays([100, 100], [0, 5], [1, 1], ["L", "L"], [1, 1])
    with pytest.raises(CddpError, match=r"different lengths \(2, 2, 1, 2\)"):
        roads_pci.pci_arrays([100], [0, 0], [1, 1], ["L"], [1, 1])
    with pytest.raises(CddpError, match="1 sample unit ids were given for 2 sample units"):
        roads_pci.pci_arrays([100, 100], [0], [1], ["L"], [1], unit_ids=["A"])
    with pytest.raises(CddpError, match="Distress record 1 refers to sample unit X, which is not among"):
        roads_pci.pci_by_unit({"A": 100}, [Distress(1, "L", 1, sample_unit="X")])
    assert roads_pci.pci_arrays([100, 200], [], [], [], []).tolist() == [100.0, 100.0]


def test_error_keeps_template_and_params_for_translation():
    with pytest.raises(CddpError) as exc:
        roads_pci.pci_sample_unit([Distress(25, "L", 1)], 100, unit="U7")
    assert "{record}" in exc.value.template and "{value}" in exc.value.template
    assert exc.value.params == {"record": 1, "unit": "U7", "value": "25"}


@pytest.mark.parametrize(
    ("call", "expected"),
    [
        (lambda: roads_pci.deduct_value(0, "L", 1), "Distress type 0 is not an ASTM D6433 asphalt distress"),
        (lambda: roads_pci.deduct_value(1, "Q", 1), "Severity Q is not L (low), M (medium) or H (high)."),
        (lambda: roads_pci.deduct_value(1, "L", 0), "Density 0 % is not a number greater than 0 and at most 100."),
        (lambda: roads_pci.deduct_value(1, "L", 100.5), "Density 100.5 %"),
        (lambda: roads_pci.corrected_deduct_value(50, 0), "q = 0 is not a valid number of deduct values above 2"),
        (lambda: roads_pci.corrected_deduct_value(-1, 2), "Total deduct value -1 is not a number of 0 or more."),
        (lambda: pavement.section_pci([], []), "A section PCI needs at least one inspected sample unit."),
        (lambda: pavement.section_pci([50, 60], [100]), "1 sample areas were given for 2 PCI values"),
        (lambda: pavement.section_pci([50, 160], [100, 100]), "Sample unit 2: PCI 160 is not a number from 0 to 100."),
        (
            lambda: pavement.section_pci([50, 60], [100, 0], ["A", "B"]),
            "Sample unit B: sample area 0 m² must be greater",
        ),
    ],
)
def test_bad_scalar_inputs(call, expected):
    with pytest.raises(CddpError) as exc:
        call()
    assert expected in str(exc.value)


# --------------------------------------------------------------------------------------------------
# Condition bands


@pytest.mark.parametrize(
    ("pci", "band"),
    [
        (100, "good"),
        (85.01, "good"),
        (85, "satisfactory"),
        (70.01, "satisfactory"),
        (70, "fair"),
        (55.01, "fair"),
        (55, "poor"),
        (40.01, "poor"),
        (40, "very_poor"),
        (25.01, "very_poor"),
        (25, "serious"),
        (10.01, "serious"),
        (10, "failed"),
        (0, "failed"),
        ("๙๐", "good"),
    ],
)
def test_band_edges_go_to_the_worse_band(pci, band):
    assert pavement.condition_band(pci) == band
    assert pavement.condition_bands([pci]) == [band]


def test_band_codes_and_treatments_match_the_schema_value_lists():
    from cddp_plugin.core.workspace import schema

    text = schema.__loader__.get_source(schema.__name__)  # the value lists as written in schema.py
    for code, _, _, treatment in pavement.PCI_BANDS:
        assert f'("{code}",' in text
        assert f'("{treatment}",' in text
    assert [pavement.band_treatment(b) for b, *_ in pavement.PCI_BANDS] == [
        "none",
        "routine",
        "preservation",
        "overlay",
        "overlay",
        "reconstruct",
        "reconstruct",
    ]
    assert pavement.pci_treatment(72) == "routine"


@pytest.mark.parametrize("pci", [-0.1, 100.1, math.nan, "abc", None])
def test_band_of_a_bad_pci(pci):
    with pytest.raises(CddpError, match="is not a number from 0 to 100"):
        pavement.condition_band(pci)
    with pytest.raises(CddpError, match="is not a number from 0 to 100"):
        pavement.condition_bands([50, pci])


def test_unknown_band():
    with pytest.raises(CddpError, match="Condition band excellent is not one of good, satisfactory"):
        pavement.band_treatment("excellent")


# --------------------------------------------------------------------------------------------------
# Sample size


@pytest.mark.parametrize(
    ("total", "surface", "expected"),
    [
        # asphalt: n = 100N / (6.25(N−1) + 100) = 16N / (N + 15)
        (1, "asphalt", 1),  # 16/16 = 1
        (10, "asphalt", 7),  # 160/25 = 6.4 → 7
        (15, "asphalt", 8),  # 240/30 = 8 exactly, not rounded up to 9
        (20, "asphalt", 10),  # 320/35 = 9.14 → 10
        (1000, "asphalt", 16),  # 16000/1015 = 15.76 → 16
        # concrete: n = 225N / (6.25(N−1) + 225) = 36N / (N + 35)
        (35, "concrete", 18),  # 1260/70 = 18 exactly
        (20, "concrete", 14),  # 720/55 = 13.09 → 14
        ("๒๐", "asphalt", 10),
    ],
)
def test_sample_size(total, surface, expected):
    assert pavement.sample_units_to_inspect(total, surface) == expected


def test_sample_size_with_other_error_and_deviation():
    # N = 20, e = 4, s = 12: 20·144 / (4·19 + 144) = 2880 / 220 = 13.09 → 14
    assert pavement.sample_units_to_inspect(20, acceptable_error=4, std_dev=12) == 14


@pytest.mark.parametrize(
    ("kwargs", "expected"),
    [
        ({"total_units": 0}, "whole number of at least 1, not 0"),
        ({"total_units": 2.5}, "whole number of at least 1, not 2.5"),
        ({"total_units": "many"}, "not many"),
        ({"total_units": None}, "not None"),
        ({"total_units": 10, "surface": "gravel"}, "Surface gravel has no standard deviation"),
        ({"total_units": 10, "acceptable_error": 0}, "The acceptable error 0 must be a number greater than zero"),
        ({"total_units": 10, "std_dev": -1}, "The standard deviation -1 must be a number greater than zero"),
    ],
)
def test_bad_sample_size_input(kwargs, expected):
    with pytest.raises(CddpError) as exc:
        pavement.sample_units_to_inspect(**kwargs)
    assert expected in str(exc.value)


# --------------------------------------------------------------------------------------------------
# PASER


@pytest.mark.parametrize(
    ("rating", "treatment"),
    [
        (10, "none"),
        (9, "none"),
        (8, "routine"),
        (7, "routine"),
        (6, "preservation"),
        (5, "preservation"),
        (4, "overlay"),
        (3, "overlay"),
        (2, "reconstruct"),
        (1, "reconstruct"),
    ],
)
def test_paser_treatment(rating, treatment):
    assert pavement.paser_treatment(rating) == treatment


@pytest.mark.parametrize(("value", "rating"), [("๗", 7), (" 8 ", 8), (6.0, 6), ("10", 10), (np.int64(3), 3)])
def test_paser_parsing(value, rating):
    assert pavement.parse_paser(value) == rating


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (0, "PASER rating 0 is outside 1–10; use 1 (failed) to 10 (excellent)."),
        (11, "PASER rating 11 is outside 1–10"),
        ("๑๑", "PASER rating 11 is outside 1–10"),
        (7.5, "PASER rating 7.5 is not a whole number"),
        ("good", "PASER rating good is not a whole number"),
        (True, "PASER rating True is not a whole number"),
        (None, "The PASER rating is missing"),
        ("  ", "The PASER rating is missing"),
    ],
)
def test_bad_paser(value, expected):
    with pytest.raises(CddpError) as exc:
        pavement.parse_paser(value)
    assert expected in str(exc.value)


def test_paser_descriptions_for_the_form():
    assert [level.rating for level in pavement.PASER_LEVELS] == list(range(10, 0, -1))
    assert {level.treatment for level in pavement.PASER_LEVELS} == set(pavement.TREATMENTS)
    for level in pavement.PASER_LEVELS:
        th, en = pavement.paser_description(level.rating, "th"), pavement.paser_description(level.rating, "en")
        assert th.startswith(f"{level.rating} – ") and en.startswith(f"{level.rating} – ")
        assert any("\u0e00" <= ch <= "\u0e7f" for ch in level.description_th)
        assert not any("\u0e00" <= ch <= "\u0e7f" for ch in level.text("en"))
    assert (
        pavement.paser_description(1, "en")
        == "1 – Failed: Severe distress with extensive loss of the surface — total reconstruction."
    )
    assert pavement.paser_description("๑๐") == "10 – ดีเยี่ยม: ผิวทางก่อสร้างใหม่ ไม่มีความเสียหาย — ไม่ต้องซ่อม"
    with pytest.raises(CddpError, match="Language fr is not available"):
        pavement.paser_description(5, "fr")
