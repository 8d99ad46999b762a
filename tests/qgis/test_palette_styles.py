"""The map styles draw every value-list code in the palette's colour, the same as the charts."""

import pytest
from qgis.core import QgsVectorLayer

from cddp_plugin.core.common import palette
from cddp_plugin.core.reports import charts
from cddp_plugin.core.workspace import schema
from cddp_plugin.toolbelt import workspace_project
from tests.core.common.test_palette import codes


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
