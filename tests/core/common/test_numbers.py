"""Numbers as people read them (core/common/numbers.py): plain Python, locale-independent."""

from __future__ import annotations

import locale

import pytest

from cddp_plugin.core.common import numbers as n


@pytest.mark.parametrize(
    ("value", "decimals", "text"),
    [
        (5000000.0, 0, "5,000,000"),
        (5_000_000, 2, "5,000,000.00"),
        (1234567.891, 2, "1,234,567.89"),
        (2.5, 0, "3"),  # half up, not Python's half to even ("2")
        (0.125, 2, "0.13"),
        (-0.4, 0, "0"),  # never "-0"
        (-1234.5, 0, "-1,235"),
        ("59340", 0, "59,340"),
        (None, 0, "—"),
        (float("nan"), 1, "—"),
        (float("inf"), 0, "—"),
        ("not a number", 0, "—"),
    ],
)
def test_format_number(value, decimals, text):
    assert n.format_number(value, decimals) == text


def test_no_long_float_ever():
    for value in (5000000.000000, 1e7 / 3, 0.1 + 0.2, 123456789.123456789):
        for fmt in (n.format_int, n.format_money, n.format_length, n.format_area, n.format_km, n.format_percent):
            number = fmt(value).split(" ")[0].rstrip("%")
            whole, _, decimals = number.partition(".")
            assert len(decimals) <= 2, (fmt.__name__, value, number)
            assert all(len(group) == 3 for group in whole.split(",")[1:]), (fmt.__name__, value, number)
            assert value < 1000 or "," in whole, (fmt.__name__, value, number)


def test_counts_money_lengths_areas_percent():
    assert n.format_int(59340) == "59,340"
    assert n.format_int(7) == "7"
    assert n.format_money(20_000_000.0, "บาท") == "20,000,000 บาท"
    assert n.format_money(5000000.000000) == "5,000,000 THB"
    assert n.format_money(None, "บาท") == "—"
    assert n.format_length(12345.4) == "12,345 m"
    assert n.format_length(2.54) == "2.5 m"
    assert n.format_length(8.0, "ม.") == "8 ม."
    assert n.format_km(1234.567) == "1,234.57 km"
    assert n.format_km(3.14159, "กม.", 1) == "3.1 กม."
    assert n.format_area(1234.56) == "1,235 m²"
    assert n.format_area(56.27) == "56.3 m²"
    assert n.format_area(0.254) == "0.25 m²"
    assert n.format_area(1600.0, "ตร.ม.") == "1,600 ตร.ม."
    assert n.format_percent(45.2) == "45%"
    assert n.format_percent(0.452, 1, fraction=True) == "45.2%"
    assert n.format_percent(None) == "—"


def test_thai_digits():
    assert n.format_money(1234567, "บาท", thai_digits=True) == "๑,๒๓๔,๕๖๗ บาท"


def test_clamp_percent():
    assert [n.clamp_percent(v) for v in (None, -3, 0, 45.5, 100, 250, float("nan"))] == [0, 0, 0, 45.5, 100, 100, 0]


def test_independent_of_the_locale():
    """A German or French Windows would write 5.000.000,00 with the locale's format; ours does not."""
    before = locale.setlocale(locale.LC_ALL)
    for name in ("de_DE.UTF-8", "fr_FR.UTF-8", "th_TH.UTF-8"):
        try:
            locale.setlocale(locale.LC_ALL, name)
        except locale.Error:
            continue
        try:
            assert n.format_money(5000000.5, "THB", 2) == "5,000,000.50 THB"
        finally:
            locale.setlocale(locale.LC_ALL, before)
