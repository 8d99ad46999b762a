"""A council map set from a workspace, end to end: the tables (:mod:`core.reports.council`), the print
layers (a group of the workspace's QGIS project), the layout (:mod:`toolbelt.council_layout`), the PDF and
the tables beside it as CSV and XLSX. Called by ``cddp:councilmap``; reads the workspace, never writes it
(the project ``.qgz`` beside it gets the layout and its layers, so the user can edit and export again)."""

from __future__ import annotations

import datetime as _dt
import os
import re
from dataclasses import dataclass, field
from pathlib import Path

from qgis.core import (
    Qgis,
    QgsCoordinateReferenceSystem,
    QgsGeometry,
    QgsLayerTreeGroup,
    QgsPalLayerSettings,
    QgsProject,
    QgsRectangle,
    QgsRuleBasedRenderer,
    QgsSingleSymbolRenderer,
    QgsSymbol,
    QgsTextBufferSettings,
    QgsUnitTypes,
    QgsVectorLayer,
    QgsVectorLayerSimpleLabeling,
)
from qgis.PyQt.QtGui import QColor

from ..core.common.errors import CddpError
from ..core.common.i18n import translate
from ..core.common.thai import format_thai_date
from ..core.workspace import schema
from . import council_layout as cl
from . import fonts, styles

GROUP = "แผนที่ประกอบการประชุมสภา"  # the project group of the print layers (Thai, like the demo's projects)
TITLES = {
    "road_plan": "แผนที่สภาพถนนและแผนซ่อมบำรุงถนน ปีงบประมาณ พ.ศ. {year}",
    "streetlights": "ไฟฟ้าสาธารณะดับและการซ่อม ไตรมาสที่ {quarter} ปีงบประมาณ พ.ศ. {year}",
    "complaints": "เรื่องร้องเรียนและใบสั่งงาน ราย{zone} ปีงบประมาณ พ.ศ. {year}",
    "flood": "ผลกระทบน้ำท่วมต่อครัวเรือน ราย{zone} ปีงบประมาณ พ.ศ. {year}",
}
LAYOUT_NAME = "สภา — {title}"
PDPA_LINE = (
    "เอกสารเผยแพร่ต่อสภา: แสดงเฉพาะตัวเลขรวมรายพื้นที่และทรัพย์สินสาธารณะ ไม่มีข้อมูลส่วนบุคคล (พ.ร.บ. คุ้มครองข้อมูลส่วนบุคคล พ.ศ. 2562)"
)
AS_OF = "ข้อมูล ณ วันที่ {date}"
OSM = "© OpenStreetMap contributors (ODbL)"
OWN_DATA = "ฐานข้อมูลพื้นที่ของ{municipality} (CDDP)"
TRAFFY = "เรื่องร้องเรียนจาก Traffy Fondue และช่องทางของหน่วยงาน"
# the workspace layers each set maps, drawn top first; the ones in the legend
MAP_LAYERS = {
    "road_plan": (("road_sections", True), ("roads", False)),
    "streetlights": (("streetlights", True), ("roads", False)),
    "complaints": (("work_orders", True), ("roads", False)),
    "flood": (("roads", False),),
}
HIGHLIGHT = "#d7191c"
# Tables on a zone's A4 page: the columns kept (by the start of their heading) of a wide table; tables not
# listed are printed whole when they are narrow enough (at most ZONE_MAX_COLUMNS columns).
ZONE_COLUMNS = {"road_plan_projects": ("ที่", "โครงการ", "เป้าหมาย", "งบประมาณ")}
ZONE_SKIP = {"road_plan_sections"}  # the same sections as the projects, with the reasons: on the A3 pages only
ZONE_MAX_COLUMNS = 7
# The zone key of a villages feature, as core.reports.council.zones makes it (for the map of its page).
ZONE_KEY_EXPRESSION = (
    "CASE WHEN \"village_no\" IS NOT NULL THEN 'z' || lpad(to_string(\"village_no\"), 2, '0') "
    "ELSE 'fid' || to_string($id) END"
)


@dataclass
class Result:
    pdf: str
    pages: int
    tables: list[str] = field(default_factory=list)
    layout_name: str = ""
    project: str = ""
    fonts: list[str] = field(default_factory=list)
    zones: int = 0


def crs_text(crs: QgsCoordinateReferenceSystem) -> str:
    """``WGS 84 / UTM zone 47N (EPSG:32647), UTM โซน 47N``."""
    text = f"{crs.description()} ({crs.authid()})"
    m = re.search(r"UTM zone (\d+)([NS])", crs.description())
    return f"{text}, UTM โซน {m.group(1)}{m.group(2)}" if m else text


def _open_project(ws: str, meta: dict) -> tuple[QgsProject, str]:
    from .workspace_project import build_project, project_path_for

    path = project_path_for(ws)
    if not path.exists():
        build_project(ws, meta.get("municipality_name", ""), meta.get("municipality_code", ""), meta["crs"],
                      language="th")  # fmt: skip
    current = QgsProject.instance()
    if current is not None and current.fileName() and Path(current.fileName()).resolve() == path.resolve():
        return current, str(path)  # the open project: the layout appears in it at once
    project = QgsProject()
    if not project.read(str(path), Qgis.ProjectReadFlag.TrustLayerMetadata):
        raise CddpError(
            translate("core", "The project {path} beside the workspace cannot be read: {error}. Move it away and run again (CDDP makes a new one)."),
            path=str(path), error=project.error(),
        )  # fmt: skip
    return project, str(path)


def _group(project: QgsProject, name: str) -> QgsLayerTreeGroup:
    """The set's group in the project, emptied (its layers removed) when it is there from an earlier run."""
    root = project.layerTreeRoot()
    parent = root.findGroup(GROUP) or root.insertGroup(0, GROUP)
    old = parent.findGroup(name)
    if old is not None:
        ids = [n.layerId() for n in old.findLayers()]
        parent.removeChildNode(old)
        project.removeMapLayers([i for i in ids if not project.layerTreeRoot().findLayer(i)])
    group = parent.addGroup(name)
    group.setItemVisibilityChecked(False)
    parent.setItemVisibilityChecked(False)
    return group


def _add(project, group, layer):
    project.addMapLayer(layer, False)
    group.addLayer(layer)
    return layer


def _workspace_layer(ws: str, name: str) -> QgsVectorLayer:
    layer = schema.LAYERS_BY_NAME[name]
    vl = QgsVectorLayer(f"{ws}|layername={name}", layer.title_th, "ogr")
    if not vl.isValid():
        raise CddpError(translate("core", "QGIS could not open layer {layer} of {path}."), layer=name, path=ws)
    if name == "roads":  # the network as a quiet grey background under what the set shows
        symbol = QgsSymbol.defaultSymbol(vl.geometryType())
        symbol.setColor(QColor("#b3b3b3"))
        symbol.setWidth(0.25)
        vl.setRenderer(QgsSingleSymbolRenderer(symbol))
    else:
        vl.setRenderer(styles.renderer(vl, layer))
    vl.setLabelsEnabled(False)
    return vl


def _map_labels(expression: str, size: float, bold: bool = True, colour: str = "#1a1a1a", family: str = fonts.MAP):
    s = QgsPalLayerSettings()
    s.fieldName = expression
    s.isExpression = True
    fmt = cl.text_format(size, bold, family, colour)
    buffer = QgsTextBufferSettings()
    buffer.setEnabled(True)
    buffer.setSize(0.8)
    buffer.setSizeUnit(QgsUnitTypes.RenderUnit.RenderMillimeters)
    buffer.setColor(QColor("#ffffff"))
    fmt.setBuffer(buffer)
    s.setFormat(fmt)
    return s


def _zones_layer(ws: str, digits: str) -> QgsVectorLayer:
    """The zones' boundaries and names; on a zone's page (map item ``map_zone_<key>``) that zone is outlined
    bold and the others are dimmed."""
    vl = QgsVectorLayer(f"{ws}|layername=villages", "ขอบเขตหมู่ / ชุมชน", "ogr")
    root = QgsRuleBasedRenderer.Rule(None)
    on_page = f"@map_id = 'map_zone_' || ({ZONE_KEY_EXPRESSION})"
    for expression, fill, stroke, width in (
        (f"@map_id LIKE 'map_zone_%' AND NOT ({on_page})", QColor(255, 255, 255, 150), "#808080", 0.4),
        (on_page, QColor(0, 0, 0, 0), "#000000", 1.2),
        ("@map_id IS NULL OR @map_id NOT LIKE 'map_zone_%'", QColor(0, 0, 0, 0), "#4d4d4d", 0.6),
    ):
        symbol = QgsSymbol.defaultSymbol(vl.geometryType())
        symbol.setColor(fill)
        symbol.symbolLayer(0).setStrokeColor(QColor(stroke))
        symbol.symbolLayer(0).setStrokeWidth(width)
        root.appendChild(QgsRuleBasedRenderer.Rule(symbol, 0, 0, expression))
    vl.setRenderer(QgsRuleBasedRenderer(root))
    name = 'coalesce("name_th", \'หมู่ที่ \' || to_string("village_no"))'
    if digits == "thai":
        name = _thai_digits_expression(name)
    # Noto Sans Thai has no Latin digits (Qt would fall back to a font we do not ship): Sarabun with Arabic ones
    s = _map_labels(name, 11.0, True, "#333333", fonts.MAP if digits == "thai" else fonts.BODY)
    s.placement = QgsPalLayerSettings.Placement.Horizontal
    vl.setLabeling(QgsVectorLayerSimpleLabeling(s))
    vl.setLabelsEnabled(True)
    return vl


def _thai_digits_expression(expression: str) -> str:
    pairs = ", ".join(f"'{a}', '{b}'" for a, b in zip("0123456789", "๐๑๒๓๔๕๖๗๘๙", strict=True))
    return f"replace({expression}, map({pairs}))"


def _quote(text: str) -> str:
    return "'" + str(text).replace("'", "''") + "'"


def _highlight_layer(ws: str, sections, title: str, digits: str) -> QgsVectorLayer:
    """The plan's chosen sections (the workspace's road sections, filtered by id): bold red, numbered by their
    ผ.02 project number. ``sections`` is the set's ``road_plan_sections`` table in English."""
    ids = [str(x) for x in sections["Section"]]
    numbers = [cl.digits(str(x), digits) for x in sections["Project no."]]
    vl = QgsVectorLayer(f"{ws}|layername=road_sections", title, "ogr")
    vl.setSubsetString('"section_id" IN (' + ", ".join(_quote(i) for i in ids) + ")" if ids else "FALSE")
    symbol = QgsSymbol.defaultSymbol(vl.geometryType())
    symbol.setColor(QColor(HIGHLIGHT))
    symbol.setWidth(1.4)
    vl.setRenderer(QgsSingleSymbolRenderer(symbol))
    pairs = ", ".join(f"{_quote(i)}, {_quote(n)}" for i, n in zip(ids, numbers, strict=True))
    s = _map_labels(f'map_get(map({pairs}), "section_id")' if ids else "''", 9.0, True, HIGHLIGHT, fonts.BODY)
    s.placement = QgsPalLayerSettings.Placement.Line
    vl.setLabeling(QgsVectorLayerSimpleLabeling(s))
    vl.setLabelsEnabled(True)
    return vl


def _has_osm(ws: str) -> bool:
    """Whether the workspace holds OpenStreetMap roads (to credit them). Read through core, not a QGIS
    layer with a filter: QGIS reopens a filtered GeoPackage layer for update and switches the file to
    WAL, which a read-only copy of the workspace then cannot be read in."""
    from ..core.common import ogrio

    roads = ogrio.read_dataframe(ws, layer="roads", columns=["osm_id"], read_geometry=False)
    return bool(len(roads)) and bool(roads["osm_id"].notna().any())


def table_spec(table, digits: str) -> cl.TableSpec:
    """A core CouncilTable as the layout prints it: its display text, numeric columns right-aligned, its
    notes under the title."""
    shown = table.display(digits)
    numeric = [str(table.frame[c].dtype) != "object" for c in table.frame.columns]
    rows = shown.astype(str).to_numpy().tolist()
    title = cl.digits(table.title_th, digits)
    return cl.TableSpec(title, [cl.digits(str(c), digits) for c in shown.columns], rows, numeric, table.total_row,
                        [cl.digits(n, digits) for n in table.notes_th])  # fmt: skip


def _zone_spec(table, digits: str) -> cl.TableSpec | None:
    """A zone's rows as its A4 page prints them: a table with one row per zone as item–value lines, a wide
    table cut to its :data:`ZONE_COLUMNS`; None for a table left to the A3 pages."""
    spec = table_spec(table, digits)
    if table.key in ZONE_SKIP:
        return None
    if len(spec.rows) == 1 and len(spec.columns) > 3:
        rows = [[c, v] for c, v in zip(spec.columns, spec.rows[0], strict=True)][2:]
        return cl.TableSpec(spec.title, ["รายการ", "ค่า"], rows, [False, True], False)
    keep = ZONE_COLUMNS.get(table.key)
    if keep:
        idx = [j for j, c in enumerate(spec.columns) if c.startswith(keep)]
        return cl.TableSpec(spec.title, [spec.columns[j] for j in idx], [[r[j] for j in idx] for r in spec.rows],
                            [spec.numeric[j] for j in idx], spec.total_row)  # fmt: skip
    return spec if len(spec.columns) <= ZONE_MAX_COLUMNS else None


def tables_for(set_key: str, ws: str, year_be: int, quarter: int | None, hazard, budget, plan):
    from ..core.reports import council

    if set_key == "road_plan":
        return council.road_plan_tables(ws, year_be, budget=budget, plan=plan)
    if set_key == "streetlights":
        return council.streetlight_tables(ws, year_be, quarter)
    if set_key == "complaints":
        return council.complaint_tables(ws, year_be)
    if set_key == "flood":
        return council.flood_tables(ws, hazard)
    raise CddpError(
        translate("core", "Unknown map set '{value}'; choose one of {choices}."),
        value=set_key, choices=", ".join(TITLES),
    )  # fmt: skip


def make_council_map(
    ws: str,
    set_key: str,
    year_be: int,
    pdf: str,
    *,
    quarter: int | None = None,
    hazard=None,
    hazard_source: str | None = None,
    budget=None,
    plan=None,
    digits: str = "thai",
    agenda: str = "",
    prepared_by: str = "",
    progress=None,
    keep: dict | None = None,
) -> Result:
    """The map set ``set_key`` of workspace ``ws`` as ``pdf``, its tables beside it (``<stem>_<table>.csv``
    and ``<stem>.xlsx``) and its layout saved in the workspace's project. ``keep`` (a dict) receives the project,
    the map set and the layout (bench/councilmap.py builds its comparisons from them)."""
    from ..core.reports import council
    from ..core.workspace.meta import read_meta

    def step(p):
        if progress:
            progress(p)

    meta = read_meta(ws)
    if meta is None:
        raise CddpError(translate("core", "{path} is not a CDDP workspace."), path=ws)
    fonts.register()
    crs = QgsCoordinateReferenceSystem(meta["crs"])
    tables = tables_for(set_key, ws, year_be, quarter, hazard, budget, plan)
    step(20)
    zone_frame = council.zones(ws)
    if zone_frame.crs is not None and crs.authid() and zone_frame.crs.to_string() != crs.authid():
        zone_frame = zone_frame.to_crs(crs.authid())
    folder, stem = os.path.dirname(os.path.abspath(pdf)), Path(pdf).stem
    safe_stem = re.sub(r"[^A-Za-z0-9_\-]", "_", stem) or "council"
    written = [str(p) for p in council.write_tables(tables, folder, safe_stem, digits)]
    step(30)
    municipality = meta.get("municipality_name", "")
    title = TITLES[set_key].format(year=year_be, quarter=quarter or "", zone=council.zone_word(ws))
    project, project_path = _open_project(ws, meta)
    group = _group(project, title)
    layers, legend = [], []
    zones_layer = _add(project, group, _zones_layer(ws, digits))
    layers.append(zones_layer)
    by_key = {t.key: t for t in tables}
    if set_key == "road_plan" and "road_plan_sections" in by_key:
        legend_title = cl.digits(f"ช่วงในแผน {year_be} (เลขโครงการ)", digits)
        hl = _add(project, group, _highlight_layer(ws, by_key["road_plan_sections"].english(), legend_title, digits))
        layers.append(hl)
        legend.append(hl)
    if set_key == "flood" and hazard_source:
        hz = QgsVectorLayer(hazard_source, "พื้นที่น้ำท่วม", "ogr")
        if hz.isValid():
            symbol = QgsSymbol.defaultSymbol(hz.geometryType())
            symbol.setColor(QColor(43, 131, 186, 110))
            symbol.symbolLayer(0).setStrokeColor(QColor("#2b83ba"))
            hz.setRenderer(QgsSingleSymbolRenderer(symbol))
            _add(project, group, hz)
            layers.append(hz)
            legend.append(hz)
    for name, in_legend in MAP_LAYERS[set_key]:
        vl = _add(project, group, _workspace_layer(ws, name))
        layers.append(vl)
        if in_legend:
            legend.append(vl)
    sources = [OWN_DATA.format(municipality=municipality)]
    if _has_osm(ws):
        sources.append(OSM)
    if set_key == "complaints":
        sources.append(TRAFFY)
    when = council.as_of(ws).astimezone(_dt.timezone(_dt.timedelta(hours=7)))
    text = cl.PageText(
        municipality=cl.digits(municipality, digits),
        title=cl.digits(title, digits),
        agenda=agenda,
        as_of=cl.digits(AS_OF.format(date=format_thai_date(when)), digits),
        fingerprint=council.fingerprint(ws),
        prepared_by=prepared_by or municipality,
        sources=cl.digits("; ".join(sources), digits),
        crs=cl.digits(crs_text(crs), digits),
        digits=digits,
        pdpa=cl.digits(PDPA_LINE, digits),
    )
    figures_key = {"road_plan": "road_plan_figures"}.get(set_key)
    figures = table_spec(by_key[figures_key], digits) if figures_key in by_key else None
    page_tables = [table_spec(t, digits) for t in tables if t.key != figures_key]
    zones = []
    for _, z in zone_frame.iterrows():
        geom = QgsGeometry.fromWkt(z.geometry.wkt)
        ztables = [_zone_spec(t.for_zone(z["zone_key"]), digits) for t in tables
                   if t.zone_keys is not None and t.key != figures_key]  # fmt: skip
        ztables = [t for t in ztables if t is not None]
        zones.append(cl.ZonePage(z["zone_key"], cl.digits(str(z["label_th"]), digits), geom, ztables))
    extent = QgsRectangle()
    for z in zones:
        extent.combineExtentWith(z.geometry.boundingBox())
    mapset = cl.MapSet(set_key, text, layers, legend, extent, crs, page_tables, figures, None, zones)
    step(45)
    layout = cl.build_layout(project, LAYOUT_NAME.format(title=title), mapset)
    used = cl.check_fonts(layout, layers)
    step(55)
    pages = cl.export_pdf(layout, pdf)
    step(95)
    if not project.write(project_path):
        raise CddpError(
            translate("core", "The council map was written, but the project {path} could not be saved: {error}."),
            path=project_path, error=project.error(),
        )  # fmt: skip
    if keep is not None:
        keep.update(project=project, mapset=mapset, layout=layout)
    return Result(pdf, pages, written, layout.name(), project_path, used, len(zones))
