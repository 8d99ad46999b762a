"""#11 item 5, maps people can read: condition above a thin, muted road network; road names and work-order
numbers labelled at useful scales in a Thai font with a halo; the maintenance plan styled (chosen vs not,
numbered by rank) with aliases and values in the plugin's language and money as ``20,000,000 บาท``."""

import shutil
import sqlite3
from pathlib import Path

import pytest
from qgis.core import QgsApplication, QgsProject, QgsVectorLayer
from qgis.PyQt.QtGui import QFontDatabase

from cddp_plugin.core.common import palette
from cddp_plugin.toolbelt import styles

ROOT = Path(__file__).resolve().parent.parent.parent
DEMO = ROOT / "demo-output"


def project_layers(project_path):
    project = QgsProject()
    assert project.read(str(project_path))
    by_table = {}
    for lyr in project.mapLayers().values():
        by_table[lyr.source().split("layername=")[-1]] = lyr
    return project, by_table


def test_condition_is_drawn_above_a_thin_muted_network(full_workspace):
    _info, path = full_workspace
    project, layers = project_layers(path)
    order = [lyr.source().split("layername=")[-1] for lyr in project.layerTreeRoot().layerOrder()]
    assert order.index("road_sections") < order.index("roads")  # first = drawn on top
    assert not project.layerTreeRoot().hasCustomLayerOrder()
    sections, roads = layers["road_sections"].renderer(), layers["roads"].renderer()
    assert sections.usingSymbolLevels()
    widest_road = max(c.symbol().width() for c in roads.categories())
    for cat in sections.categories():
        if cat.value() in (None, ""):
            continue
        sym = cat.symbol()
        assert sym.symbolLayerCount() == 2, cat.value()
        casing, fill = sym.symbolLayer(0), sym.symbolLayer(1)
        assert casing.color().name() == palette.CONDITION_CASING
        assert casing.width() > fill.width() > widest_road
        assert fill.color().name() == palette.COLOURS["condition_band"][cat.value()]
    assert all(c.symbol().opacity() < 1 for c in roads.categories())


def test_labels_at_useful_scales_in_a_thai_font(full_workspace):
    _info, path = full_workspace
    _project, layers = project_layers(path)
    expected = {"roads": ("name_th", 10_000), "work_orders": ("wo_number", 5_000)}
    for table, (field, scale) in expected.items():
        vl = layers[table]
        assert vl.labelsEnabled(), table
        s = vl.labeling().settings()
        assert field in s.fieldName, table
        assert s.scaleVisibility and s.minimumScale == scale, table
        fmt = s.format()
        assert fmt.buffer().enabled() and fmt.buffer().size() >= 0.8, table
        assert QFontDatabase.WritingSystem.Thai in QFontDatabase().writingSystems(fmt.font().family()), (
            fmt.font().family()
        )
    assert layers["roads"].labeling().settings().placement == styles.QgsPalLayerSettings.Placement.Curved
    assert not layers["road_sections"].labelsEnabled()


@pytest.fixture
def plan_layer(tmp_path):
    src = DEMO / "pathumwan_plan.gpkg"
    if not src.exists():
        pytest.skip("no demo output (make demo)")
    dst = tmp_path / "plan.gpkg"
    shutil.copy(src, dst)
    vl = QgsVectorLayer(f"{dst}|layername=pathumwan_plan", "plan", "ogr")
    assert vl.isValid()
    return vl


def represent(vl, field, value):
    idx = vl.fields().indexFromName(field)
    setup = vl.editorWidgetSetup(idx)
    formatter = QgsApplication.fieldFormatterRegistry().fieldFormatter(setup.type())
    return formatter.representValue(vl, idx, setup.config(), None, value)


def test_plan_in_thai(plan_layer):
    vl = plan_layer
    styles.style_plan_layer(vl, "th")
    f = next(vl.getFeatures('"cost_baht" >= 1000000 AND "band" = \'poor\''), None) or next(
        vl.getFeatures('"cost_baht" >= 1000000')
    )
    cost = f["cost_baht"]
    assert represent(vl, "cost_baht", cost) == f"{cost:,.0f}"
    assert represent(vl, "cost_baht", 20_000_000.0) == "20,000,000"
    assert f["cost_text"] == f"{cost:,.0f} บาท"
    assert represent(vl, "band", "poor") == "ทรุดโทรม"
    assert represent(vl, "treatment", "overlay") == "ปูผิวทับ"
    assert represent(vl, "selected", True) == "ใช่"
    fields = vl.fields()
    assert fields.field("cost_baht").alias() == "ค่าซ่อม (บาท)"
    assert fields.field("rank").alias() == "ลำดับ"
    assert fields.field("cost_text").alias() == "ค่าซ่อม"
    r = vl.renderer()
    assert r.type() == "RuleRenderer"
    rules = {rule.filterExpression(): rule for rule in r.rootRule().children()}
    chosen, other = rules['"selected"'], rules['NOT "selected"']
    assert chosen.symbol().color().name() == palette.PLAN_CHOSEN
    assert other.symbol().color().name() == palette.PLAN_NOT_CHOSEN
    assert chosen.symbol().width() > 2 * other.symbol().width()
    assert chosen.label() == "ในแผน (เลขลำดับ)"
    assert vl.labelsEnabled()
    (label_rule,) = vl.labeling().rootRule().children()
    assert label_rule.filterExpression() == '"selected"'
    assert label_rule.settings().fieldName == "rank"
    # the rules split the 695 ranked sections into the chosen and the rest
    n_chosen = sum(1 for _ in vl.getFeatures('"selected"'))
    n_other = sum(1 for _ in vl.getFeatures('NOT "selected"'))
    assert n_chosen + n_other == vl.featureCount() and n_chosen > 0 and n_other > 0


def test_plan_in_english(plan_layer):
    vl = plan_layer
    styles.style_plan_layer(vl, "en")
    assert represent(vl, "band", "poor") == "Poor"
    assert vl.fields().field("cost_baht").alias() == "Cost (baht)"
    f = next(vl.getFeatures('"cost_baht" > 0'))
    assert f["cost_text"] == f"{f['cost_baht']:,.0f} baht"


def test_the_algorithm_stores_the_plan_style_in_its_geopackage(tmp_path, qgis_processing):
    """cddp:maintenanceplan headless (qgis_process): the output GeoPackage opens styled."""
    from tests.conftest import run_cddp_process

    src = DEMO / "pathumwan.gpkg"
    if not src.exists():
        pytest.skip("no demo output (make demo)")
    ws = tmp_path / "pathumwan.gpkg"
    shutil.copy(src, ws)
    out = tmp_path / "plan.gpkg"
    proc = run_cddp_process(
        ["run", "cddp:maintenanceplan", "--", f"WORKSPACE={ws}", "BUDGET=20000000", f"OUTPUT={out}"],
        tmp_path / "profile",
    )
    assert proc.returncode == 0, proc.stdout[-2000:] + proc.stderr[-2000:]
    con = sqlite3.connect(out)
    try:
        (n,) = con.execute("SELECT count(*) FROM layer_styles WHERE useAsDefault").fetchone()
    finally:
        con.close()
    assert n == 1
    vl = QgsVectorLayer(str(out), "plan", "ogr")  # loads the default style
    assert vl.isValid() and vl.renderer().type() == "RuleRenderer"
    assert vl.labelsEnabled()
    f = next(vl.getFeatures('"selected"'))
    assert f["cost_text"].endswith(("บาท", "baht")) and "," in f["cost_text"]
