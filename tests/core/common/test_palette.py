"""One palette and one label function: every styled value list has a colour per code, colours of a
list are distinct, the charts use the palette; labels come from one function beside the value lists.
(The map styles are checked against the same palette in tests/qgis/test_palette_styles.py.)"""

import re

import pytest

from cddp_plugin.core.common import palette
from cddp_plugin.core.works import sla
from cddp_plugin.core.workspace import schema

HEX = re.compile(r"^#[0-9a-fA-F]{6}$")
STYLED = sorted({lyr.field(lyr.style_field).domain for lyr in schema.LAYERS if lyr.style_field})
CHARTED = ("condition_band", "lamp_status")


def codes(domain: str) -> set[str]:
    return {str(c) for c in schema.DOMAINS[domain].codes()}


def grey(colour: str) -> bool:
    r, g, b = (int(colour[i : i + 2], 16) for i in (1, 3, 5))
    return r == g == b


@pytest.mark.parametrize("domain", sorted({*STYLED, *CHARTED}))
def test_every_code_of_a_styled_or_charted_list_has_a_colour(domain):
    assert set(palette.COLOURS[domain]) == codes(domain)


@pytest.mark.parametrize("domain", sorted(palette.COLOURS))
def test_palette_lists_are_value_lists_and_their_colours_distinct(domain):
    colours = palette.COLOURS[domain]
    assert set(colours) == codes(domain)
    assert all(HEX.match(c) for c in colours.values())
    assert len({c.lower() for c in colours.values()}) == len(colours), domain


def test_lamp_unknown_is_a_neutral_grey_not_working_green():
    lamps = palette.COLOURS["lamp_status"]
    assert lamps["unknown"].lower() != lamps["working"].lower()
    assert grey(lamps["unknown"])
    assert not grey(lamps["working"])


def test_sla_states_have_colours():
    assert set(palette.SLA) == set(sla.SLA_STATES)
    assert len({c.strong.lower() for c in palette.SLA.values()}) == len(palette.SLA)
    for c in palette.SLA.values():
        assert all(HEX.match(x) for x in c)


def test_colour_falls_back_for_unknown_codes_and_lists():
    assert palette.colour("lamp_status", "out") == palette.COLOURS["lamp_status"]["out"]
    assert palette.colour("lamp_status", "no_such_code") == palette.OTHER
    assert palette.colour("no_such_list", "x", "#123456") == "#123456"
    copy = palette.colours("lamp_status")
    copy["out"] = "#ffffff"
    assert palette.COLOURS["lamp_status"]["out"] != "#ffffff"


def test_label_and_labels():
    assert schema.label("lamp_status", "out") == "ดับ"
    assert schema.label("lamp_status", "out", "en") == "Out"
    assert schema.label("lamp_status", "nope") == "nope"
    assert schema.label("lamp_status", None, default="—") == "—"
    assert schema.label("distress_type", 13) == "หลุมบ่อ"  # integer codes match as text
    assert schema.label("distress_type", "13", "en") == "Potholes"
    th = schema.labels("wo_status")
    assert list(th) == [str(c) for c in schema.DOMAINS["wo_status"].codes()]  # the list's order
    assert th["in_progress"] == "กำลังดำเนินการ"
    assert schema.labels("wo_status", "en")["in_progress"] == "In progress"
    th["in_progress"] = "x"
    assert schema.label("wo_status", "in_progress") == "กำลังดำเนินการ"
    for name, d in schema.DOMAINS.items():
        for code, t, e in d.values:
            assert schema.label(name, code) == t
            assert schema.label(name, code, "en") == e
