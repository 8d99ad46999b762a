"""Missing values and text as the workspace stores them (core/common/values.py)."""

import math

import pandas as pd
import pytest

from cddp_plugin.core.common.values import is_null, text_or_none


@pytest.mark.parametrize("value", [None, math.nan, float("nan"), pd.NA, pd.NaT])
def test_missing_values_are_null(value):
    assert is_null(value)


@pytest.mark.parametrize("value", [0, 0.0, "", " ", "x", [], (), {}, [None], False])
def test_values_and_containers_are_not_null(value):
    assert not is_null(value)


@pytest.mark.parametrize(
    ("value", "expected"),
    [(None, None), (math.nan, None), (pd.NA, None), ("", None), ("  \t", None), (" ซอย 5 ", "ซอย 5"), (12, "12"),
     (12.5, "12.5")],
)  # fmt: skip
def test_text_is_trimmed_and_blank_is_none(value, expected):
    assert text_or_none(value) == expected


def test_thai_digits_become_arabic_only_when_asked():
    assert text_or_none(" ๑๒/๓ ") == "๑๒/๓"  # names keep their Thai digits (ถนนพระรามที่ ๑)
    assert text_or_none(" ๑๒/๓ ", arabic_digits=True) == "12/3"  # codes and house numbers do not
