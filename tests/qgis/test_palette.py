"""One palette and one label function: every styled value list has a colour per code, colours of a
list are distinct, and the map style, the charts and the docks draw a code in the same colour."""

import re

import pytest
from qgis.core import QgsVectorLayer

from cddp_plugin.core.common import palette
from cddp_plugin.core.reports import charts
from cddp_plugin.core.works import sla
from cddp_plugin.core.workspace import schema
from cddp_plugin.toolbelt import workspace_project

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


def style_colours(vl: QgsVectorLayer) -> dict[str, str]:
    renderer = vl.renderer()
    assert renderer.type() == "categorizedSymbol"
    return {c.value(): c.symbol().color().name() for c in renderer.categories() if c.value() not in (None, "")}


@pytest.mark.parametrize(("layer_name", "chart_colours"), [("streetlights", "STATUS"), ("road_sections", "BAND")])
def test_map_style_matches_the_chart(qgis_app, core_workspace, layer_name, chart_colours):
    layer = schema.LAYERS_BY_NAME[layer_name]
    vl = workspace_project.open_layer(core_workspace.path, layer)
    workspace_project.configure_layer(vl, layer)
    on_map = style_colours(vl)
    chart = charts.STATUS_COLOURS if chart_colours == "STATUS" else charts.BAND_COLOURS
    domain = layer.field(layer.style_field).domain
    assert set(on_map) == codes(domain)
    for code in codes(domain):
        assert on_map[code].lower() == chart[code].lower(), code
    if layer_name == "streetlights":
        assert on_map["unknown"] != on_map["working"]


def test_stored_default_styles_use_the_palette(full_workspace):
    info, _ = full_workspace
    for domain_layer in (lyr for lyr in schema.LAYERS if lyr.style_field):
        vl = QgsVectorLayer(workspace_project.layer_uri(info.path, domain_layer.name), domain_layer.name, "ogr")
        assert vl.isValid()
        domain = domain_layer.field(domain_layer.style_field).domain
        on_map = style_colours(vl)
        assert on_map == {c: palette.COLOURS[domain][c].lower() for c in codes(domain)}, domain_layer.name


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
