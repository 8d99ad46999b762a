"""Map styles: the renderers and labels of the workspace layers, and the style of the maintenance plan.

Colours come from :mod:`cddp_plugin.core.common.palette` (one copy for maps, charts and docks); value
labels and field aliases from :mod:`cddp_plugin.core.workspace.schema`. Road condition is drawn wide with a
thin dark casing above a thin, muted road network; road names and work-order numbers are labelled at the
scales where they fit, in a Thai font with a halo so they read on a basemap.
"""

from __future__ import annotations

import os

from qgis.core import (
    QgsCategorizedSymbolRenderer,
    QgsEditorWidgetSetup,
    QgsLineSymbol,
    QgsPalLayerSettings,
    QgsProcessingLayerPostProcessorInterface,
    QgsRendererCategory,
    QgsRuleBasedLabeling,
    QgsRuleBasedRenderer,
    QgsSimpleLineSymbolLayer,
    QgsSingleSymbolRenderer,
    QgsSymbol,
    QgsTextBufferSettings,
    QgsTextFormat,
    QgsUnitTypes,
    QgsVectorLayer,
    QgsVectorLayerSimpleLabeling,
    QgsWkbTypes,
)
from qgis.PyQt.QtCore import Qt
from qgis.PyQt.QtGui import QColor, QFont, QFontDatabase

from ..core.common import palette
from ..core.workspace import schema

OTHER_LABEL = "อื่น ๆ / ไม่ระบุ"  # legend text stored with the data, Thai like the value lists

# The road network is context under the condition: thin and muted (widths in mm).
ROAD_WIDTHS = {"motorway": 0.8, "trunk": 0.7, "primary": 0.6, "secondary": 0.5, "tertiary": 0.45}
ROAD_MINOR_WIDTH = 0.3
ROAD_OPACITY = 0.6
# Rated road sections: wide, with a thin dark casing; unrated ones thin and grey.
SECTION_WIDTH = 1.6
SECTION_CASING_WIDTH = 2.2
UNRATED_WIDTH = 0.4
LINE_WIDTH = 1.2  # other categorised lines
POINT_SIZE = 2.6

SINGLE_STYLES = {  # layer: (colour, outline/size)
    "parcels": (palette.LAYER_COLOURS["parcels"], None),
    "villages": (palette.LAYER_COLOURS["villages"], None),
    "households": (palette.LAYER_COLOURS["households"], 2.2),
}

# Labels: layer → (expression, smallest scale denominator shown, font size in points, along lines).
ROAD_NAME = 'coalesce("name_th", "name_en")'
LABELS = {
    "roads": (ROAD_NAME, 10_000, 8.0, True),
    "work_orders": ('"wo_number"', 5_000, 7.5, False),
}
PLAN_LABEL_SCALE = 25_000
# Fonts with Thai glyphs and correctly placed tone marks, in order of preference (Windows first).
THAI_FONTS = ("Tahoma", "Leelawadee UI", "Noto Sans Thai", "Noto Sans Thai UI", "Sarabun", "Loma", "Garuda")
HALO_MM = 1.0


def ui_language() -> str:
    """Returns "th" or "en": the plugin's language setting where there is one, else QGIS's locale."""
    from . import i18n

    fn = getattr(i18n, "ui_language", None)
    if fn is not None:
        return fn()
    return "th" if i18n.qgis_locale() == "th" else "en"


def thai_font_family() -> str:
    """The first installed font of :data:`THAI_FONTS` (the application font when none is)."""
    installed = set(QFontDatabase().families())
    for family in THAI_FONTS:
        if family in installed:
            return family
    return QFont().family()


# --- renderers -------------------------------------------------------------------------------------


def _line_symbol(*layers) -> QgsLineSymbol:
    """A line symbol of ``layers`` (appended one by one: the symbol takes ownership of each)."""
    sym = QgsLineSymbol()
    sym.deleteSymbolLayer(0)
    for layer in layers:
        sym.appendSymbolLayer(layer)
    return sym


def _cased_line(colour: str, width: float, casing_width: float) -> QgsLineSymbol:
    """A line in ``colour`` over a dark casing (the casing is locked, so ``symbol.color()`` is the band's)."""
    casing = QgsSimpleLineSymbolLayer(QColor(palette.CONDITION_CASING), casing_width)
    casing.setPenCapStyle(Qt.PenCapStyle.RoundCap)
    casing.setPenJoinStyle(Qt.PenJoinStyle.RoundJoin)
    casing.setLocked(True)
    casing.setRenderingPass(0)
    fill = QgsSimpleLineSymbolLayer(QColor(colour), width)
    fill.setPenCapStyle(Qt.PenCapStyle.RoundCap)
    fill.setPenJoinStyle(Qt.PenJoinStyle.RoundJoin)
    fill.setRenderingPass(1)
    return _line_symbol(casing, fill)


def _plain_line(colour: str, width: float, opacity: float = 1.0, rendering_pass: int = 0) -> QgsLineSymbol:
    layer = QgsSimpleLineSymbolLayer(QColor(colour), width)
    layer.setPenCapStyle(Qt.PenCapStyle.RoundCap)
    layer.setRenderingPass(rendering_pass)
    sym = _line_symbol(layer)
    sym.setOpacity(opacity)
    return sym


def _category_symbol(layer: schema.Layer, geom, code, colour: str):
    if layer.name == "road_sections":
        return _cased_line(colour, SECTION_WIDTH, SECTION_CASING_WIDTH)
    if layer.name == "roads":
        return _plain_line(colour, ROAD_WIDTHS.get(str(code), ROAD_MINOR_WIDTH), ROAD_OPACITY)
    sym = QgsSymbol.defaultSymbol(geom)
    sym.setColor(QColor(colour))
    if geom == QgsWkbTypes.GeometryType.LineGeometry:
        sym.setWidth(LINE_WIDTH)
    elif geom == QgsWkbTypes.GeometryType.PointGeometry:
        sym.setSize(POINT_SIZE)
    return sym


def renderer(vl: QgsVectorLayer, layer: schema.Layer):
    """The layer's renderer: categorised by its value list in the palette's colours, else one colour."""
    geom = vl.geometryType()
    if layer.style_field:
        domain = schema.DOMAINS[layer.field(layer.style_field).domain]
        cycle = palette.OKABE_ITO  # for a value list the palette has no colours for
        cats = []
        for i, (code, th, _en) in enumerate(domain.values):
            colour = palette.colour(domain.name, code, cycle[i % len(cycle)])
            cats.append(QgsRendererCategory(code, _category_symbol(layer, geom, code, colour), th))
        if layer.name == "road_sections":  # not rated yet: thin grey, under the rated ones
            other = _plain_line(palette.OTHER, UNRATED_WIDTH)
        elif layer.name == "roads":
            other = _plain_line(palette.OTHER, ROAD_MINOR_WIDTH, ROAD_OPACITY)
        else:
            other = QgsSymbol.defaultSymbol(geom)
            other.setColor(QColor(palette.OTHER))
        cats.append(QgsRendererCategory(None, other, OTHER_LABEL))
        r = QgsCategorizedSymbolRenderer(layer.style_field, cats)
        if layer.name == "road_sections":  # casings of all sections first, then the colours: clean joints
            r.setUsingSymbolLevels(True)
        return r
    colour, size = SINGLE_STYLES.get(layer.name, (palette.DEFAULT_LAYER, None))
    sym = QgsSymbol.defaultSymbol(geom)
    if geom == QgsWkbTypes.GeometryType.PolygonGeometry:
        sym.setColor(QColor(0, 0, 0, 0))
        sym.symbolLayer(0).setStrokeColor(QColor(colour))
        sym.symbolLayer(0).setStrokeWidth(0.4 if layer.name == "villages" else 0.2)
    else:
        sym.setColor(QColor(colour))
        if size:
            sym.setSize(size)
    return QgsSingleSymbolRenderer(sym)


# --- labels ----------------------------------------------------------------------------------------


def text_format(size: float, bold: bool = False) -> QgsTextFormat:
    """A Thai-capable font with a white halo (reads on white and on a basemap)."""
    fmt = QgsTextFormat()
    font = QFont(thai_font_family())
    font.setBold(bold)
    fmt.setFont(font)
    fmt.setSize(size)
    fmt.setSizeUnit(QgsUnitTypes.RenderUnit.RenderPoints)
    fmt.setColor(QColor("#1a1a1a"))
    buffer = QgsTextBufferSettings()
    buffer.setEnabled(True)
    buffer.setSize(HALO_MM)
    buffer.setSizeUnit(QgsUnitTypes.RenderUnit.RenderMillimeters)
    buffer.setColor(QColor("#ffffff"))
    buffer.setOpacity(0.85)
    fmt.setBuffer(buffer)
    return fmt


def label_settings(expression: str, min_scale: float, size: float, along_lines: bool, bold=False):
    s = QgsPalLayerSettings()
    s.fieldName = expression
    s.isExpression = not (expression.startswith('"') and expression.endswith('"') and expression.count('"') == 2)
    if not s.isExpression:
        s.fieldName = expression.strip('"')
    s.setFormat(text_format(size, bold))
    s.scaleVisibility = True
    s.minimumScale = float(min_scale)  # most zoomed-out scale shown (1:min_scale)
    s.maximumScale = 0.0  # no limit when zooming in
    if along_lines:
        s.placement = QgsPalLayerSettings.Placement.Curved
        s.lineSettings().setMergeLines(True)  # one name per street, not one per OSM way
        s.repeatDistance = 120.0
        s.repeatDistanceUnit = QgsUnitTypes.RenderUnit.RenderMillimeters
    else:
        s.placement = QgsPalLayerSettings.Placement.OrderedPositionsAroundPoint
        s.dist = 1.0
    return s


def labeling(layer: schema.Layer):
    """The layer's labels (None for a layer without any)."""
    spec = LABELS.get(layer.name)
    if spec is None:
        return None
    expression, min_scale, size, along = spec
    return QgsVectorLayerSimpleLabeling(label_settings(expression, min_scale, size, along))


def apply(vl: QgsVectorLayer, layer: schema.Layer) -> None:
    """Renderer and labels of a workspace layer."""
    if not vl.isSpatial():
        return
    vl.setRenderer(renderer(vl, layer))
    lab = labeling(layer)
    vl.setLabeling(lab)
    vl.setLabelsEnabled(lab is not None)


# --- layer-tree order --------------------------------------------------------------------------------

# Within a group the first layer is drawn on top: condition above the road network it is cut from.
DRAW_FIRST = ("road_sections",)


def tree_order(layers):
    """The workspace layers in layer-tree order: each group's layers as in the schema, but the layers of
    :data:`DRAW_FIRST` ahead of the rest of their group (drawn above them)."""
    return sorted(layers, key=lambda lyr: 0 if lyr.name in DRAW_FIRST else 1)


# --- the maintenance plan ------------------------------------------------------------------------------

# Output fields of cddp:maintenanceplan (core/roads/maintenance.py): (Thai, English) alias, value list.
PLAN_FIELDS: dict[str, tuple[str, str, str | None]] = {
    "rank": ("ลำดับ", "Rank", None),
    "section_uuid": ("ช่วงถนน (UUID)", "Section (UUID)", None),
    "section_id": ("รหัสช่วง", "Section id", None),
    "road_name": ("ชื่อถนน", "Road", None),
    "chainage_from_m": ("กม. เริ่มต้น (ม.)", "Chainage from (m)", None),
    "chainage_to_m": ("กม. สิ้นสุด (ม.)", "Chainage to (m)", None),
    "length_m": ("ความยาว (ม.)", "Length (m)", None),
    "area_sqm": ("พื้นที่ (ตร.ม.)", "Area (m²)", None),
    "surface": ("ผิวจราจร", "Surface", "surface"),
    "paser": ("PASER (1–10)", "PASER (1–10)", None),
    "inspected_on": ("วันที่สำรวจ", "Inspected on", None),
    "width_m": ("ความกว้างถนน (ม.)", "Road width (m)", None),
    "households": ("ครัวเรือนที่ได้ประโยชน์", "Households served", None),
    "vulnerable": ("ผู้อยู่อาศัยกลุ่มเปราะบาง", "Vulnerable residents", None),
    "pci_now": ("PCI ปัจจุบัน", "PCI now", None),
    "rated_by": ("ประเมินด้วย", "Rated by", "inspection_method"),
    "band": ("ระดับสภาพ", "Condition band", "condition_band"),
    "treatment": ("วิธีซ่อม", "Treatment", "treatment"),
    "pci_after": ("PCI หลังซ่อม", "PCI after", None),
    "gain": ("PCI ที่เพิ่มขึ้น", "PCI gain", None),
    "area_from_width": ("พื้นที่คิดจากความกว้าง", "Area from width", None),
    "unit_cost": ("ราคาต่อหน่วย (บาท/ตร.ม.)", "Unit cost (baht/m²)", None),
    "cost_baht": ("ค่าซ่อม (บาท)", "Cost (baht)", None),
    "benefit": ("ประโยชน์", "Benefit", None),
    "benefit_per_mbaht": ("ประโยชน์ต่อล้านบาท", "Benefit per million baht", None),
    "selected": ("อยู่ในแผน", "In the plan", None),
    "cumulative_cost_baht": ("ค่าซ่อมสะสม (บาท)", "Cumulative cost (baht)", None),
}
PLAN_MONEY = ("cost_baht", "cumulative_cost_baht", "unit_cost")
PLAN_DECIMALS = {"length_m": 1, "area_sqm": 1, "pci_now": 1, "pci_after": 1, "gain": 1, "benefit": 3,
                 "benefit_per_mbaht": 2, "chainage_from_m": 0, "chainage_to_m": 0, "width_m": 1}  # fmt: skip
PLAN_LEGEND = {"chosen": ("ในแผน (เลขลำดับ)", "In the plan (rank)"), "not_chosen": ("ไม่อยู่ในแผน", "Not in the plan")}
PLAN_YES_NO = {"th": ("ใช่", "ไม่ใช่"), "en": ("Yes", "No")}
BAHT = {"th": "บาท", "en": "baht"}
PLAN_CHOSEN_WIDTH = 1.8
PLAN_NOT_CHOSEN_WIDTH = 0.5


def money_expression(field: str, language: str) -> str:
    """``20,000,000 บาท``: the amount with thousands separators and the currency."""
    return f"format_number(\"{field}\", 0) || ' {BAHT[language]}'"


def style_plan_layer(vl: QgsVectorLayer, language: str | None = None) -> None:
    """The maintenance plan: chosen sections bold and numbered by rank, the rest grey and thin; aliases and
    value labels in the plugin's language; money with thousands separators (``20,000,000 บาท``)."""
    language = language or ui_language()
    k = 0 if language == "th" else 1
    fields = vl.fields()
    for name, (th, en, domain) in PLAN_FIELDS.items():
        idx = fields.indexFromName(name)
        if idx < 0:
            continue
        vl.setFieldAlias(idx, (th, en)[k])
        if domain:
            vm = [{label: code} for code, label in schema.labels(domain, language).items()]
            vl.setEditorWidgetSetup(idx, QgsEditorWidgetSetup("ValueMap", {"map": vm}))
        elif name in PLAN_MONEY:
            vl.setEditorWidgetSetup(idx, QgsEditorWidgetSetup("Range", {"Precision": 0, "Style": "SpinBox",
                                                                       "Suffix": f" {BAHT[language]}"}))  # fmt: skip
        elif name in PLAN_DECIMALS:
            vl.setEditorWidgetSetup(idx, QgsEditorWidgetSetup("Range", {"Precision": PLAN_DECIMALS[name]}))
        elif name in ("selected", "area_from_width"):
            yes, no = PLAN_YES_NO[language]
            vl.setEditorWidgetSetup(idx, QgsEditorWidgetSetup("ValueMap", {"map": [{yes: "true"}, {no: "false"}]}))
    # The cost as people write it, in the attribute table and the identify results.
    cost_name = "cost_text"
    existing = fields.indexFromName(cost_name)
    if existing >= 0 and fields.fieldOrigin(existing) == fields.FieldOrigin.OriginExpression:
        # the layer came with a stored style in another language: give its expression this language
        vl.updateExpressionField(existing, money_expression("cost_baht", language))
    elif existing < 0 and fields.indexFromName("cost_baht") >= 0:
        from qgis.core import QgsField
        from qgis.PyQt.QtCore import QMetaType

        vl.addExpressionField(money_expression("cost_baht", language), QgsField(cost_name, QMetaType.Type.QString))
    idx = vl.fields().indexFromName(cost_name)
    if idx >= 0:
        vl.setFieldAlias(idx, ("ค่าซ่อม", "Cost")[k])
    vl.setDisplayExpression(
        "coalesce(\"road_name\", '') || ' ' || \"section_id\" || ' — ' || " + money_expression("cost_baht", language)
    )
    vl.setRenderer(plan_renderer(language))
    chosen_labels = label_settings('"rank"', PLAN_LABEL_SCALE, 8.0, True, bold=True)
    root = QgsRuleBasedLabeling.Rule(None)
    rule = QgsRuleBasedLabeling.Rule(chosen_labels)
    rule.setFilterExpression('"selected"')
    rule.setDescription(PLAN_LEGEND["chosen"][k])
    root.appendChild(rule)
    vl.setLabeling(QgsRuleBasedLabeling(root))
    vl.setLabelsEnabled(True)


def plan_renderer(language: str = "th") -> QgsRuleBasedRenderer:
    k = 0 if language == "th" else 1
    root = QgsRuleBasedRenderer.Rule(None)
    not_chosen = _plain_line(palette.PLAN_NOT_CHOSEN, PLAN_NOT_CHOSEN_WIDTH)
    root.appendChild(QgsRuleBasedRenderer.Rule(not_chosen, 0, 0, 'NOT "selected"', PLAN_LEGEND["not_chosen"][k]))
    chosen = _cased_line(palette.PLAN_CHOSEN, PLAN_CHOSEN_WIDTH, PLAN_CHOSEN_WIDTH + 0.6)
    for i in range(chosen.symbolLayerCount()):
        chosen.symbolLayer(i).setRenderingPass(i + 1)  # above every grey section
    root.appendChild(QgsRuleBasedRenderer.Rule(chosen, 0, 0, '"selected"', PLAN_LEGEND["chosen"][k]))
    r = QgsRuleBasedRenderer(root)
    r.setUsingSymbolLevels(True)
    return r


PLAN_STYLE_NAME = "cddp_plan"


class PlanStyler(QgsProcessingLayerPostProcessorInterface):
    """Styles the plan when Processing loads it into the project (a temporary layer or a file)."""

    instance = None  # Processing keeps only a pointer: the Python object must outlive the algorithm

    def __init__(self, language: str):
        super().__init__()
        self.language = language

    def postProcessLayer(self, layer, context, feedback):
        if isinstance(layer, QgsVectorLayer) and layer.isValid():
            style_plan_layer(layer, self.language)

    @staticmethod
    def create(language: str) -> PlanStyler:
        PlanStyler.instance = PlanStyler(language)
        return PlanStyler.instance


def style_plan_output(dest: str, context) -> bool:
    """Style the plan the algorithm wrote to ``dest``: when Processing loads it, and, for a GeoPackage
    file, as the file's default style (it then opens styled anywhere, e.g. the demo's pathumwan_plan.gpkg).
    Returns whether a default style was stored in the file."""
    language = ui_language()
    if context.willLoadLayerOnCompletion(dest):
        context.layerToLoadOnCompletionDetails(dest).setPostProcessor(PlanStyler.create(language))
    path = dest.split("|", 1)[0]
    if not path.lower().endswith(".gpkg") or not os.path.isfile(path):
        return False
    vl = QgsVectorLayer(dest, "plan", "ogr")
    if not vl.isValid():
        return False
    style_plan_layer(vl, language)
    return not vl.saveStyleToDatabase(PLAN_STYLE_NAME, "CDDP — maintenance plan", True, "")
