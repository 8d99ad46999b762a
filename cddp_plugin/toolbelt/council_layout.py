"""The print layout of a council map set (``cddp:councilmap``): one QgsPrintLayout in the workspace's
project with an A3 landscape overview, the set's tables on A3 pages (frames added until nothing is cut),
an optional method page, then one A4 page per zone (หมู่ / ชุมชน / แขวง). Every page carries what
PRINT.md lists: municipality and a logo slot, the title with the budget year (พ.ศ.), the agenda item,
the as-of date and the workspace's fingerprint, who prepared it, sources, CRS, scale bar and scale,
north arrow, a legend of what the map shows, หน้า x / y and a PDPA line.

What is printed (titles, tables as text, zones) comes from the caller; this module only lays it out.
Thai text is pre-wrapped at word boundaries (:mod:`toolbelt.thai_text`) because QGIS breaks lines only
at spaces; every font is checked to resolve (:func:`toolbelt.fonts.require_font`) before the export.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

from qgis.core import (
    Qgis,
    QgsCategorizedSymbolRenderer,
    QgsExpressionBasedNumericFormat,
    QgsFeatureRequest,
    QgsGeometry,
    QgsLayoutExporter,
    QgsLayoutFrame,
    QgsLayoutItemLabel,
    QgsLayoutItemLegend,
    QgsLayoutItemManualTable,
    QgsLayoutItemMap,
    QgsLayoutItemPage,
    QgsLayoutItemPicture,
    QgsLayoutItemScaleBar,
    QgsLayoutItemShape,
    QgsLayoutMeasurement,
    QgsLayoutMultiFrame,
    QgsLayoutPoint,
    QgsLayoutSize,
    QgsLayoutTable,
    QgsLayoutTableColumn,
    QgsLegendStyle,
    QgsMapLayerLegendUtils,
    QgsPrintLayout,
    QgsRectangle,
    QgsScaleBarSettings,
    QgsTableCell,
    QgsTextFormat,
    QgsUnitTypes,
    QgsVectorLayer,
)
from qgis.PyQt.QtCore import Qt
from qgis.PyQt.QtGui import QColor, QFont

from ..core.common.errors import CddpError
from ..core.common.i18n import translate
from ..core.common.thai import to_thai_digits
from . import fonts, thai_text

A3 = (420.0, 297.0)  # landscape
A4 = (210.0, 297.0)  # portrait
MARGIN = 10.0
HEADER_H = 30.0
FOOTER_H = 19.0
BODY_PT = 10.5  # ≈ TH Sarabun 16 pt
SMALL_PT = 8.0
TITLE_PT = 18.0
ZONE_TABLE_ROWS = 18  # rows of a table on a zone page; the rest are in the annex (CSV/XLSX)
NORTH_ARROW = ":/images/north_arrows/layout_default_north_arrow.svg"
INK = "#1a1a1a"
GREY = "#666666"
# The words the layout itself prints. A council map set is a Thai official document whatever the language of
# QGIS's interface (PRINT.md), so they are Thai here, not translated UI strings.
WORDS = {
    "logo": "ตราสัญลักษณ์",
    "agenda": "ระเบียบวาระที่ {agenda}",
    "fingerprint": "รหัสตรวจสอบข้อมูล {fingerprint}",
    "prepared_by": "จัดทำโดย {who}",
    "sources": "แหล่งข้อมูล: {sources}",
    "crs": "ระบบพิกัด: {crs}",
    "page": "หน้า {page} / {pages}",
    "legend": "คำอธิบายสัญลักษณ์",
    "scale": "มาตราส่วน 1 : {scale}",
    "metres": "ม.",
    "more_rows": "… และอีก {n} แถว ดูในภาคผนวก (CSV/XLSX)",
    "no_rows": "ไม่มีรายการ",
}


@dataclass
class PageText:
    """What every page says (already in the right digits except where noted)."""

    municipality: str
    title: str  # with the budget year, e.g. "แผนซ่อมบำรุงถนน ปีงบประมาณ พ.ศ. 2570"
    agenda: str  # the agenda item; empty: a line to fill in
    as_of: str  # "ข้อมูล ณ 2 ธันวาคม 2569"
    fingerprint: str
    prepared_by: str
    sources: str
    crs: str  # "WGS 84 / UTM zone 47N (EPSG:32647)"
    digits: str = "thai"  # "thai" or "arabic": numbers the layout writes itself (page numbers, scale)
    pdpa: str = ""


@dataclass
class TableSpec:
    """A table as the layout prints it: heading, column names, rows of text, numeric columns right-aligned."""

    title: str
    columns: list[str]
    rows: list[list[str]]
    numeric: list[bool] = field(default_factory=list)
    total_row: bool = False
    notes: list[str] = field(default_factory=list)  # printed under the title


@dataclass
class ZonePage:
    key: str
    label: str  # "แขวงลุมพินี", "หมู่ที่ 3 บ้าน…"
    geometry: QgsGeometry  # in the map's CRS
    tables: list[TableSpec] = field(default_factory=list)


@dataclass
class MapSet:
    key: str  # road_plan, streetlights, complaints, flood
    text: PageText
    layers: list  # QgsMapLayer, drawn top first
    legend_layers: list
    extent: QgsRectangle
    crs: object  # QgsCoordinateReferenceSystem
    tables: list[TableSpec] = field(default_factory=list)
    figures: TableSpec | None = None  # the box of figures beside the overview map
    method: str | None = None  # the method page (plain text, paragraphs separated by blank lines)
    zones: list[ZonePage] = field(default_factory=list)
    legend_titles: dict = field(default_factory=dict)  # layer id → its title in the legend


# --- text ------------------------------------------------------------------------------------------


def digits(text: str, style: str) -> str:
    return to_thai_digits(text) if style == "thai" else text


def text_format(size: float, bold: bool = False, family: str = fonts.BODY, colour: str = INK) -> QgsTextFormat:
    fonts.register()
    font = QFont(family)
    font.setBold(bold)
    fmt = QgsTextFormat()
    fmt.setFont(font)
    fmt.setSize(size)
    fmt.setSizeUnit(QgsUnitTypes.RenderUnit.RenderPoints)
    fmt.setColor(QColor(colour))
    return fmt


def _page_origin(layout, page: int) -> tuple[float, float]:
    pos = layout.pageCollection().page(page).pos()
    return pos.x(), pos.y()


def _place(item, layout, page: int, x: float, y: float, w: float, h: float) -> None:
    item.attemptResize(QgsLayoutSize(w, h, QgsUnitTypes.LayoutUnit.LayoutMillimeters))
    item.attemptMove(QgsLayoutPoint(x, y, QgsUnitTypes.LayoutUnit.LayoutMillimeters), page=page)


def label(layout, page, x, y, w, h, text, fmt, align=Qt.AlignmentFlag.AlignLeft, item_id="", wrap=True):
    item = QgsLayoutItemLabel(layout)
    item.setTextFormat(fmt)
    item.setText(thai_text.wrap(text, fmt, w - 1.0) if wrap and "[%" not in text else text)
    item.setHAlign(align)
    item.setVAlign(Qt.AlignmentFlag.AlignTop)
    item.setMargin(0.5)
    if item_id:
        item.setId(item_id)
    layout.addLayoutItem(item)
    _place(item, layout, page, x, y, w, h)
    return item


def _digits_expression(expression: str, style: str) -> str:
    if style != "thai":
        return f"[% {expression} %]"
    pairs = ", ".join(f"'{a}', '{b}'" for a, b in zip("0123456789", "๐๑๒๓๔๕๖๗๘๙", strict=True))
    return f"[% replace(to_string({expression}), map({pairs})) %]"


# --- page furniture ------------------------------------------------------------------------------


def furniture(layout, page: int, text: PageText, map_item=None, page_name: str = "") -> None:
    """Header (logo slot, municipality, title, agenda; as-of, fingerprint, preparer) and footer (sources,
    CRS, PDPA, หน้า x / y) of one page; ``page_name`` adds what the page shows (a zone's name)."""
    w, h = layout.pageCollection().page(page).pageSize().width(), layout.pageCollection().page(page).pageSize().height()
    small = w < 300
    # logo slot: a dashed frame the municipality fills with its seal
    logo = QgsLayoutItemShape(layout)
    logo.setShapeType(QgsLayoutItemShape.Shape.Rectangle)
    symbol = logo.symbol().clone()
    symbol.symbolLayer(0).setFillColor(QColor(0, 0, 0, 0))
    symbol.symbolLayer(0).setStrokeColor(QColor("#999999"))
    symbol.symbolLayer(0).setStrokeStyle(Qt.PenStyle.DashLine)
    logo.setSymbol(symbol)
    logo.setId(f"logo_{page + 1}")
    layout.addLayoutItem(logo)
    _place(logo, layout, page, MARGIN, MARGIN, 22.0, 22.0)
    label(layout, page, MARGIN, MARGIN + 8, 22, 8, WORDS["logo"], text_format(SMALL_PT, colour="#999999"),
          Qt.AlignmentFlag.AlignHCenter)  # fmt: skip
    right_w = 70.0 if small else 110.0
    mid_x, mid_w = MARGIN + 26.0, w - 2 * MARGIN - 26.0 - right_w - 4.0
    label(layout, page, mid_x, MARGIN - 1, mid_w, 7, text.municipality, text_format(BODY_PT + 1, True),
          item_id=f"municipality_{page + 1}")  # fmt: skip
    title = text.title + (f" — {page_name}" if page_name else "")
    size = TITLE_PT
    for size in (TITLE_PT, 15.0, 13.0, 11.5):  # the largest size at which the title takes at most two lines
        if thai_text.wrap(title, text_format(size, True), mid_w - 1.0).count("\n") < (1 if not small else 2):
            break
    title_fmt = text_format(size, True)
    lines = thai_text.wrap(title, title_fmt, mid_w - 1.0).count("\n") + 1
    title_h = lines * size * 0.3528 * 1.2 + 1.0
    label(layout, page, mid_x, MARGIN + 5, mid_w, title_h, title, title_fmt, item_id=f"title_{page + 1}")
    agenda = text.agenda or "." * (40 if small else 80)
    label(layout, page, mid_x, MARGIN + 5 + title_h, mid_w, 7,
          WORDS["agenda"].format(agenda=agenda), text_format(BODY_PT),
          item_id=f"agenda_{page + 1}")  # fmt: skip
    right = "\n".join(
        (
            text.as_of,
            WORDS["fingerprint"].format(fingerprint=text.fingerprint),
            WORDS["prepared_by"].format(who=text.prepared_by),
        )
    )
    label(layout, page, w - MARGIN - right_w, MARGIN - 1, right_w, HEADER_H - 4, right, text_format(SMALL_PT + 1),
          Qt.AlignmentFlag.AlignRight, item_id=f"asof_{page + 1}")  # fmt: skip
    # footer
    foot_y = h - MARGIN - FOOTER_H + 2
    page_w = 28.0
    lines = (
        WORDS["sources"].format(sources=text.sources),
        WORDS["crs"].format(crs=text.crs),
        text.pdpa,
    )
    label(layout, page, MARGIN, foot_y, w - 2 * MARGIN - page_w, FOOTER_H, "\n".join(x for x in lines if x),
          text_format(SMALL_PT - 0.5, colour="#333333"), item_id=f"footer_{page + 1}")  # fmt: skip
    number = WORDS["page"].format(
        page=_digits_expression("@layout_page", text.digits), pages=_digits_expression("@layout_numpages", text.digits)
    )
    label(layout, page, w - MARGIN - page_w, foot_y, page_w, 6, number, text_format(BODY_PT),
          Qt.AlignmentFlag.AlignRight, item_id=f"page_{page + 1}", wrap=False)  # fmt: skip


def map_item(layout, page, x, y, w, h, mapset: MapSet, extent: QgsRectangle, item_id: str):
    m = QgsLayoutItemMap(layout)
    m.setId(item_id)
    m.setCrs(mapset.crs)
    m.setLayers(list(mapset.layers))
    m.setKeepLayerSet(True)
    m.setFrameEnabled(True)
    m.setFrameStrokeWidth(QgsLayoutMeasurement(0.3))
    layout.addLayoutItem(m)
    _place(m, layout, page, x, y, w, h)
    grown = QgsRectangle(extent)
    grown.grow(max(extent.width(), extent.height()) * 0.03 + 20.0)
    m.zoomToExtent(grown)
    scale = m.scale()
    nice = _nice_scale(scale)
    if nice > scale:
        m.setScale(nice)
    return m


def _nice_scale(scale: float) -> float:
    """The next round scale (1:2,500, 1:5,000, 1:10,000, …) at or above ``scale``."""
    if scale <= 0:
        return scale
    base = 10 ** math.floor(math.log10(scale))
    for step in (1, 1.25, 2, 2.5, 5, 10):
        if base * step >= scale - 1e-6:
            return base * step
    return base * 10


def map_decorations(layout, page, m, mapset: MapSet, x, y, w, legend_h, item_suffix: str, legend_last=False) -> float:
    """Legend (filtered to what the map shows), north arrow, scale bar and scale text in the column at
    (x, y) of width w (the legend first, or below the others with ``legend_last``); returns the y below them."""
    if legend_last:  # a zone page: a compact legend in two columns under the scale
        y = _scale_and_arrow(layout, page, m, mapset, x, y, w, item_suffix)
        legend = legend_item(layout, page, m, mapset, x, y, w, legend_h, item_suffix)
        legend.setSymbolHeight(2.6)
        legend.setSymbolWidth(5.0)
        for style in (QgsLegendStyle.Style.Symbol, QgsLegendStyle.Style.SymbolLabel):
            legend.rstyle(style).setMargin(QgsLegendStyle.Side.Top, 0.8)
        legend.rstyle(QgsLegendStyle.Style.Group).setMargin(QgsLegendStyle.Side.Top, 1.5)
        legend.rstyle(QgsLegendStyle.Style.SymbolLabel).setTextFormat(text_format(SMALL_PT))
        return y + legend_h + 3
    legend_item(layout, page, m, mapset, x, y, w, legend_h, item_suffix)
    y += legend_h + 3
    if legend_last:
        return y
    return _scale_and_arrow(layout, page, m, mapset, x, y, w, item_suffix)


def _classes_shown(layer, extent: QgsRectangle) -> list[int] | None:
    """The legend entries of ``layer`` that its features inside ``extent`` use (indexes of a categorised
    renderer's classes), [] when no feature is inside, None to keep every entry. QGIS's own "filter legend by
    map content" renders every map a second time (2.8 s of a 4.6 s export here); this reads one attribute of
    the features in the map's extent through the spatial index."""
    if not isinstance(layer, QgsVectorLayer):
        return None
    request = QgsFeatureRequest().setFilterRect(extent).setNoAttributes()
    renderer = layer.renderer()
    if (
        not isinstance(renderer, QgsCategorizedSymbolRenderer)
        or layer.fields().indexFromName(renderer.classAttribute()) < 0
    ):
        return None if next(layer.getFeatures(request.setLimit(1)), None) is not None else []
    request.setSubsetOfAttributes([renderer.classAttribute()], layer.fields())
    request.setFlags(QgsFeatureRequest.Flag.NoGeometry)
    request.setFilterRect(extent)
    field = renderer.classAttribute()
    values = {f[field] for f in layer.getFeatures(request)}
    if not values:
        return []
    cats = renderer.categories()
    known = {c.value() for c in cats}
    shown = []
    for i, c in enumerate(cats):
        value = c.value()
        is_else = value is None or value == "" or (hasattr(value, "isNull") and value.isNull())
        if (value in values) or (is_else and any(v not in known for v in values)):
            shown.append(i)
    return shown


def legend_item(layout, page, m, mapset: MapSet, x, y, w, h, item_suffix: str, columns: int = 1):
    legend = QgsLayoutItemLegend(layout)
    legend.setId(f"legend_{item_suffix}")
    legend.setTitle(WORDS["legend"])
    legend.setLinkedMap(m)
    legend.setAutoUpdateModel(False)
    root = legend.model().rootGroup()
    root.clear()
    extent = m.extent()
    for layer in mapset.legend_layers:
        shown = _classes_shown(layer, extent)
        if shown == []:
            continue  # nothing of the layer on this map
        node = root.addLayer(layer)
        title = mapset.legend_titles.get(layer.id())
        if title and node is not None:
            node.setCustomProperty("legend/title-label", title)
        if shown is not None and node is not None:
            QgsMapLayerLegendUtils.setLegendNodeOrder(node, shown)
            legend.model().refreshLayerLegend(node)
    for style, size, bold in (
        (QgsLegendStyle.Style.Title, BODY_PT + 1, True),
        (QgsLegendStyle.Style.Group, BODY_PT, True),
        (QgsLegendStyle.Style.Subgroup, BODY_PT, True),
        (QgsLegendStyle.Style.SymbolLabel, SMALL_PT + 1, False),
    ):
        legend.rstyle(style).setTextFormat(text_format(size, bold))
    legend.setWrapString("\n")
    legend.setResizeToContents(False)
    legend.setColumnCount(columns)
    legend.setSplitLayer(columns > 1)
    layout.addLayoutItem(legend)
    _place(legend, layout, page, x, y, w, h)
    return legend


def _scale_and_arrow(layout, page, m, mapset: MapSet, x, y, w, item_suffix: str) -> float:
    arrow = QgsLayoutItemPicture(layout)
    arrow.setId(f"north_{item_suffix}")
    arrow.setPicturePath(NORTH_ARROW)
    arrow.setLinkedMap(m)
    arrow.setNorthMode(QgsLayoutItemPicture.NorthMode.GridNorth)
    layout.addLayoutItem(arrow)
    _place(arrow, layout, page, x, y, 12, 16)
    bar = QgsLayoutItemScaleBar(layout)
    bar.setId(f"scalebar_{item_suffix}")
    bar.setStyle("Single Box")
    bar.setLinkedMap(m)
    bar.setUnits(Qgis.DistanceUnit.Meters)
    bar.setUnitLabel(WORDS["metres"])
    bar.setNumberOfSegments(2)
    bar.setNumberOfSegmentsLeft(0)
    bar.setSegmentSizeMode(QgsScaleBarSettings.SegmentSizeMode.SegmentSizeFitWidth)
    bar.setMinimumBarWidth(min(25.0, w - 22))
    bar.setMaximumBarWidth(max(30.0, w - 22))
    bar.setTextFormat(text_format(SMALL_PT))
    if mapset.text.digits == "thai":  # the scale bar's numbers too: one switch for every digit the plugin prints
        pairs = ", ".join(f"'{a}', '{b}'" for a, b in zip("0123456789", "๐๑๒๓๔๕๖๗๘๙", strict=True))
        number_format = QgsExpressionBasedNumericFormat()
        number_format.setExpression(f"replace(format_number(@value, 0), map({pairs}))")
        bar.setNumericFormat(number_format)
    layout.addLayoutItem(bar)
    bar.update()
    _place(bar, layout, page, x + 16, y, w - 16, 12)
    scale_text = WORDS["scale"].format(scale=f"{round(m.scale()):,}")
    label(layout, page, x + 16, y + 11, w - 16, 6, digits(scale_text, mapset.text.digits), text_format(SMALL_PT + 1),
          item_id=f"scale_{item_suffix}")  # fmt: skip
    return y + 18


# --- tables ----------------------------------------------------------------------------------------


def _column_widths(spec: TableSpec, fmt, head_fmt, width: float) -> list[float]:
    ctx = thai_text.measuring_context()
    n = len(spec.columns)
    natural = []
    for j in range(n):
        texts = [r[j] for r in spec.rows[:200] if j < len(r)]
        longest = max([thai_text.width_mm(t, fmt, ctx) for t in texts] + [0.0])
        head = thai_text.width_mm(spec.columns[j], head_fmt, ctx)
        natural.append(max(min(longest, 90.0), head, 8.0) + 2.5)
    total = sum(natural)
    if total <= width:
        return [x * width / total for x in natural] if total > width * 0.6 else natural
    # shrink the widest columns first (they wrap), never below their longest word
    widths = natural[:]
    while sum(widths) > width:
        j = max(range(n), key=lambda k: widths[k])
        excess = sum(widths) - width
        second = sorted(widths)[-2] if n > 1 else 0.0
        new = max(widths[j] - excess, second, 12.0)
        if new >= widths[j]:
            widths = [x * width / sum(widths) for x in widths]
            break
        widths[j] = new
    return widths


def table(layout, page, x, y, w, h, spec: TableSpec, item_id: str, repeat: bool = True):
    """A fixed table (QGIS's "manual table": its cells are saved in the project, so the layout can be edited and
    exported again) with its cells pre-wrapped at Thai word boundaries, in a frame at (x, y, w, h) of ``page``;
    with ``repeat`` more frames (and pages) are added until every row is printed. A total row is bold."""
    cell_fmt, head_fmt = text_format(SMALL_PT + 1), text_format(SMALL_PT + 1, True)
    widths = _column_widths(spec, cell_fmt, head_fmt, w * 0.98 - 1.0)  # slack: QGIS adds grid lines
    t = QgsLayoutItemManualTable.create(layout)
    t.setHeaderTextFormat(head_fmt)
    t.setContentTextFormat(cell_fmt)
    cols = []
    align = []
    for j, name in enumerate(spec.columns):
        col = QgsLayoutTableColumn(name)
        col.setWidth(widths[j] - 2.0)
        numeric = j < len(spec.numeric) and spec.numeric[j]
        align.append(Qt.AlignmentFlag.AlignRight if numeric else Qt.AlignmentFlag.AlignLeft)
        col.setHAlignment(align[-1])
        cols.append(col)
    ctx = thai_text.measuring_context()
    contents = []
    last = len(spec.rows) - 1
    for i, row in enumerate(spec.rows):
        cells = []
        for j, value in enumerate(row):
            cell = QgsTableCell(thai_text.wrap(value, cell_fmt, widths[j] - 2.2, ctx))
            cell.setHorizontalAlignment(align[j] if j < len(align) else Qt.AlignmentFlag.AlignLeft)
            if spec.total_row and i == last:
                cell.setTextFormat(head_fmt)
            cells.append(cell)
        contents.append(cells)
    t.setTableContents(contents)
    t.setIncludeTableHeader(True)
    t.setHeaders(cols)
    t.setColumnWidths([c.width() for c in cols])
    t.setCellMargin(0.8)
    t.setGridStrokeWidth(0.15)
    t.setGridColor(QColor("#888888"))
    t.setHeaderHAlignment(QgsLayoutTable.HeaderHAlignment.FollowColumn)
    t.setWrapBehavior(QgsLayoutTable.WrapBehavior.TruncateText)  # pre-wrapped at Thai word boundaries above
    t.setEmptyTableBehavior(QgsLayoutTable.EmptyTableMode.ShowMessage)
    t.setEmptyTableMessage(WORDS["no_rows"])
    t.setResizeMode(
        QgsLayoutMultiFrame.ResizeMode.RepeatUntilFinished
        if repeat
        else QgsLayoutMultiFrame.ResizeMode.UseExistingFrames
    )
    layout.addMultiFrame(t)
    frame = QgsLayoutFrame(layout, t)
    frame.setId(item_id)
    _place(frame, layout, page, x, y, w, h)
    t.addFrame(frame)
    t.recalculateFrameSizes()
    return t


# --- the layout ------------------------------------------------------------------------------------


def _new_page(layout, size: tuple[float, float]) -> int:
    page = QgsLayoutItemPage(layout)
    page.setPageSize(QgsLayoutSize(size[0], size[1], QgsUnitTypes.LayoutUnit.LayoutMillimeters))
    layout.pageCollection().addPage(page)
    return layout.pageCollection().pageCount() - 1


def build_layout(project, name: str, mapset: MapSet, overview: bool = True) -> QgsPrintLayout:
    """The map set's layout, added to ``project``'s layout manager (one of the same name is replaced). Without
    ``overview`` only the zone pages (what bench/councilmap.py compares with QGIS's own atlas export)."""
    fonts.register()
    manager = project.layoutManager()
    old = manager.layoutByName(name)
    if old is not None:
        manager.removeLayout(old)
    if not overview:
        return _zones_only(project, name, mapset)
    layout = QgsPrintLayout(project)
    layout.initializeDefaults()
    layout.setName(name)
    layout.pageCollection().page(0).setPageSize(QgsLayoutSize(A3[0], A3[1], QgsUnitTypes.LayoutUnit.LayoutMillimeters))
    text = mapset.text
    top, bottom = MARGIN + HEADER_H, A3[1] - MARGIN - FOOTER_H - 2
    side_w = 105.0
    map_w = A3[0] - 2 * MARGIN - side_w - 5
    pages: list[tuple[int, object, str]] = []  # (page, map item, page name) for the furniture
    overview = map_item(layout, 0, MARGIN, top, map_w, bottom - top, mapset, mapset.extent, "map_overview")
    side_x = MARGIN + map_w + 5
    y = map_decorations(layout, 0, overview, mapset, side_x, top, side_w, 90.0, "overview")
    if mapset.figures is not None:
        table(layout, 0, side_x, y + 2, side_w, bottom - y - 2, mapset.figures, "figures", repeat=False)
    pages.append((0, overview, ""))
    for i, spec in enumerate(mapset.tables):
        page = _new_page(layout, A3)
        label(layout, page, MARGIN, top, A3[0] - 2 * MARGIN, 8, spec.title, text_format(BODY_PT + 2, True),
              item_id=f"table_title_{i + 1}")  # fmt: skip
        notes_h = 0.0
        if spec.notes:
            notes_h = 4.5 * len(spec.notes) + 1
            label(layout, page, MARGIN, top + 8, A3[0] - 2 * MARGIN, notes_h, "\n".join(f"หมายเหตุ: {n}" for n in spec.notes),
                  text_format(SMALL_PT, colour="#333333"), item_id=f"table_notes_{i + 1}")  # fmt: skip
        before = layout.pageCollection().pageCount()
        table(
            layout,
            page,
            MARGIN,
            top + 9 + notes_h,
            A3[0] - 2 * MARGIN,
            bottom - top - 9 - notes_h,
            spec,
            f"table_{i + 1}",
        )
        for extra in range(before, layout.pageCollection().pageCount()):
            pages.append((extra, None, ""))
        pages.append((page, None, ""))
    if mapset.method:
        page = _new_page(layout, A3)
        label(layout, page, MARGIN, top, A3[0] - 2 * MARGIN, bottom - top, mapset.method, text_format(BODY_PT),
              item_id="method")  # fmt: skip
        pages.append((page, None, ""))
    for k, zone in enumerate(mapset.zones):
        pages.append(_zone_page(layout, mapset, k, zone))
    for page, m, page_name in sorted(pages, key=lambda p: p[0]):
        furniture(layout, page, text, m, page_name)
    manager.addLayout(layout)
    return layout


def _zone_table(layout, page, spec: TableSpec, x, y, w, bottom, item_id: str, style: str) -> float:
    """A zone's table at (x, y), cut to the rows that fit above ``bottom`` with a line saying how many more
    are in the annex; returns the y below it."""
    room = int((bottom - y - 12) // 4.7) - 1
    shown, note = spec, ""
    if len(spec.rows) > max(room, 1):
        keep = max(room - 1, 1)
        shown = TableSpec(spec.title, spec.columns, spec.rows[:keep], spec.numeric)
        note = digits(WORDS["more_rows"].format(n=f"{len(spec.rows) - keep:,}"), style)
    label(layout, page, x, y, w, 6, spec.title, text_format(BODY_PT, True), item_id=f"{item_id}_title")
    th = min(bottom - y - 12, 5.0 * (len(shown.rows) + 1) + 6)
    t = table(layout, page, x, y + 6.5, w, th, shown, item_id, repeat=False)
    used = t.totalSize().height()
    if 0 < used < th:
        th = used + 0.5
        t.frame(0).attemptResize(QgsLayoutSize(w, th, QgsUnitTypes.LayoutUnit.LayoutMillimeters))
    y += 6.5 + th + 1
    if note:
        label(layout, page, x, y, w, 5, note, text_format(SMALL_PT), item_id=f"{item_id}_more")
        y += 5
    return y + 3


def _zones_only(project, name: str, mapset: MapSet) -> QgsPrintLayout:
    layout = QgsPrintLayout(project)
    layout.initializeDefaults()
    layout.setName(name)
    pages = [_zone_page(layout, mapset, k, zone, reuse_first=k == 0) for k, zone in enumerate(mapset.zones)]
    for page, m, page_name in pages:
        furniture(layout, page, mapset.text, m, page_name)
    project.layoutManager().addLayout(layout)
    return layout


def _zone_page(layout, mapset: MapSet, k: int, zone: ZonePage, reuse_first: bool = False) -> tuple[int, object, str]:
    """One A4 page of a zone: its map (fitted to the zone, the zone outlined, the others dimmed); under it
    north arrow, scale and the legend of what that map shows on the left, the zone's figures (an item–value
    table) on the right; then the zone's rows of the set's other tables (filtered by the zone key)."""
    text = mapset.text
    if reuse_first:
        page = 0
        layout.pageCollection().page(0).setPageSize(
            QgsLayoutSize(A4[0], A4[1], QgsUnitTypes.LayoutUnit.LayoutMillimeters)
        )
    else:
        page = _new_page(layout, A4)
    top, bottom = MARGIN + HEADER_H + 2, A4[1] - MARGIN - FOOTER_H - 2
    width = A4[0] - 2 * MARGIN
    map_h = 100.0
    zmap = map_item(
        layout, page, MARGIN, top, width, map_h, mapset, zone.geometry.boundingBox(), f"map_zone_{zone.key}"
    )
    y = top + map_h + 3
    col_w = 60.0
    figures = [t for t in zone.tables if len(t.columns) == 2]
    others = [t for t in zone.tables if len(t.columns) != 2]
    box_bottom = y + 72.0 if others else bottom
    map_decorations(
        layout, page, zmap, mapset, MARGIN, y, col_w, box_bottom - y - 20, f"zone_{k + 1}", legend_last=True
    )
    ry = y
    for i, spec in enumerate(figures):
        ry = _zone_table(layout, page, spec, MARGIN + col_w + 4, ry, width - col_w - 4, box_bottom,
                         f"zone_{k + 1}_figures_{i + 1}", text.digits)  # fmt: skip
    ty = max(box_bottom, ry) + 1 if others else ry
    for i, spec in enumerate(others):
        if ty > bottom - 20:
            break
        ty = _zone_table(layout, page, spec, MARGIN, ty, width, bottom, f"zone_{k + 1}_table_{i + 1}", text.digits)
    return page, zmap, zone.label


def check_fonts(layout, layers=()) -> list[str]:
    """Every family the layout's labels, tables, legends and scale bars and the map layers' labels use,
    each checked with :func:`fonts.require_font` (a CddpError names the first that does not resolve)."""
    families: set[str] = set()
    for item in layout.items():
        if isinstance(item, QgsLayoutItemLabel):
            families.add(item.textFormat().font().family())
        elif isinstance(item, QgsLayoutItemScaleBar):
            families.add(item.textFormat().font().family())
        elif isinstance(item, QgsLayoutItemLegend):
            for style in (QgsLegendStyle.Style.Title, QgsLegendStyle.Style.SymbolLabel):
                families.add(item.rstyle(style).textFormat().font().family())
    for frame in layout.multiFrames():
        if isinstance(frame, QgsLayoutTable):
            families.add(frame.headerTextFormat().font().family())
            families.add(frame.contentTextFormat().font().family())
    for layer in layers:
        labeling = layer.labeling() if hasattr(layer, "labeling") else None
        if labeling is None or not layer.labelsEnabled():
            continue
        for provider_id in labeling.subProviders() or [""]:
            settings = labeling.settings(provider_id)
            if settings is not None:
                families.add(settings.format().font().family())
    return sorted(fonts.require_font(f) for f in families if f)


def export_pdf(layout, path: str, dpi: float = 150.0) -> int:
    """The layout as a PDF: text as text (searchable, small), no GeoPDF (it would embed every attribute of
    every layer), no metadata (QGIS would write the OS user as author). Returns the number of pages."""
    settings = QgsLayoutExporter.PdfExportSettings()
    settings.dpi = dpi
    settings.rasterizeWholeImage = False
    settings.forceVectorOutput = True
    settings.textRenderFormat = Qgis.TextRenderFormat.AlwaysText
    settings.writeGeoPdf = False
    settings.appendGeoreference = False
    settings.exportMetadata = False
    settings.simplifyGeometries = True
    exporter = QgsLayoutExporter(layout)
    result = exporter.exportToPdf(path, settings)
    if result != QgsLayoutExporter.ExportResult.Success:
        raise CddpError(
            translate("core", "QGIS could not write the council map {path} ({error}). Check that the folder is "
                      "writable and the file is not open in a PDF viewer."),
            path=path,
            error=exporter.errorMessage() or str(result),
        )  # fmt: skip
    return layout.pageCollection().pageCount()
