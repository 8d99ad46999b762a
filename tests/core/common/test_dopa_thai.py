import datetime as dt

import pytest

from cddp_plugin.core.common import thai
from cddp_plugin.core.common.errors import CddpError
from cddp_plugin.core.workspace import dopa


@pytest.mark.parametrize(
    ("code", "level", "name"),
    [
        ("330506", "tambon", "ปรือใหญ่"),
        ("1007", "amphoe", "เขตปทุมวัน"),
        ("4001", "amphoe", "เมืองขอนแก่น"),
        (" ๓๓๐๕๐๖ ", "tambon", "ปรือใหญ่"),  # Thai digits and spaces
        (330506, "tambon", "ปรือใหญ่"),
    ],
)
def test_valid_codes(code, level, name):
    area = dopa.parse_municipality_code(code)
    assert (area.level, area.name_th) == (level, name)


def test_prue_yai_postcode_and_province():
    area = dopa.parse_municipality_code("330506")
    assert area.postcode == "33140"
    assert area.province_code == "33"
    assert dopa.lookup("33").name_en == "Si Sa Ket"


@pytest.mark.parametrize(
    ("code", "expected"),
    [
        ("", "missing"),
        (None, "missing"),
        ("12345", "expected 4 digits"),
        ("33050A", "expected 4 digits"),
        ("3305066", "expected 4 digits"),
        ("990101", "99 is not a Thai province code"),
        ("339999", "not a known amphoe or tambon of Si Sa Ket"),
    ],
)
def test_invalid_codes_say_what_is_wrong(code, expected):
    with pytest.raises(CddpError, match=expected):
        dopa.parse_municipality_code(code)


def test_error_keeps_template_and_params_for_translation():
    with pytest.raises(CddpError) as exc:
        dopa.parse_municipality_code("12")
    assert "{code}" in exc.value.template
    assert exc.value.params == {"code": "12"}


def test_thai_digits_and_buddhist_era():
    assert thai.to_arabic_digits("๑๒๓/๔ หมู่ ๕") == "123/4 หมู่ 5"
    assert thai.to_thai_digits("2569") == "๒๕๖๙"
    assert thai.be_year(dt.date(2026, 11, 21)) == 2569
    assert thai.format_thai_date(dt.date(2026, 11, 21)) == "21 พฤศจิกายน 2569"
    assert thai.format_thai_date(dt.date(2026, 1, 2), thai_digits=True) == "๒ มกราคม ๒๕๖๙"
