"""houseno.house_keys — a whole column keyed at once — gives exactly house_key's key for every value."""

from __future__ import annotations

import math

from cddp_plugin.core.land.houseno import house_key, house_keys

NUMBERS = [None, math.nan, "", "  ", "7", "007", " 52 ", "12345", "123456", "99999", "0", "123/4", "๑๒๓", "52 ม.10",
           "บ้านเลขที่ 52 ม.10", "35หมู่ 20", "99(ร้าน)", "no. 5", "abc", "5a", "²", "12 ", 12, 12.0, 7.5]  # fmt: skip
VILLAGES = [None, math.nan, "", "3", " 4 ", "๕", 6, 6.0, True, "x", "None", "<NA>", 120]


def test_house_keys_equal_house_key_for_every_number_and_village():
    numbers = [n for n in NUMBERS for _ in VILLAGES]
    villages = [v for _ in NUMBERS for v in VILLAGES]
    assert house_keys(numbers, villages) == [house_key(n, v) for n, v in zip(numbers, villages, strict=True)]
    assert house_keys(NUMBERS) == [house_key(n) for n in NUMBERS]
    assert house_keys(["52", "52"], [1, True]) == ["52|1", "52|"]  # 1 and True are one dict key, not one village
