"""The QGIS side of a workspace: default styles and attribute forms stored in the GeoPackage, and
the ``.qgz`` project beside it with groups and relations.

Everything it needs to know (aliases, value lists, ranges, relations, PDPA classes) comes from
:mod:`cddp_plugin.core.schema`; this module only translates it into QGIS objects.
"""

from __future__ import annotations

import os
from pathlib import Path

from qgis.core import (
    QgsCategorizedSymbolRenderer,
    QgsCoordinateReferenceSystem,
    QgsCoordinateTransform,
    QgsDefaultValue,
    QgsEditorWidgetSetup,
    QgsFieldConstraints,
    QgsProject,
    QgsProviderRegistry,
    QgsRectangle,
    QgsReferencedRectangle,
    QgsRelation,
    QgsRelationContext,
    QgsVectorLayer,
)

from ..core.common.errors import CddpError
from ..core.common.i18n import translate
from ..core.workspace import schema
from . import styles, times

STYLE_NAME = "cddp_default"
RESTRICTED_PROPERTY = "cddp/restricted"

# Renderers and labels (colours from core.common.palette) live in toolbelt/styles.py.
OTHER_LABEL = styles.OTHER_LABEL  # legend text stored with the data, Thai like the value lists


def layer_uri(gpkg: str, name: str) -> str:
    return f"{gpkg}|layername={name}"


def open_layer(gpkg: str, layer: schema.Layer, language: str = "th") -> QgsVectorLayer:
    """The workspace layer, named by its Thai (``language="th"``) or English title."""
    vl = QgsVectorLayer(layer_uri(gpkg, layer.name), layer.title_th if language == "th" else layer.title_en, "ogr")
    if not vl.isValid():
        raise CddpError(translate("core", "QGIS could not open layer {layer} of {path}."), layer=layer.name, path=gpkg)
    return vl


def _value_map(domain: schema.Domain, language: str = "th") -> QgsEditorWidgetSetup:
    labels = schema.labels(domain.name, language)
    return QgsEditorWidgetSetup("ValueMap", {"map": [{text: code} for code, text in labels.items()]})


# The date-time widget stored in the GeoPackage's default styles: QGIS's own, marked UTC, so that a QGIS
# without the plugin (a council's PC) shows the stored clock honestly instead of "Failed to create
# widget"; the plugin swaps in its Bangkok-time widget when a workspace layer is loaded (upgrade_forms).
PORTABLE_DATETIME = {"display_format": "yyyy-MM-dd HH:mm 'UTC'", "calendar_popup": True, "allow_null": True}


def _widget(
    f: schema.Field, relation_ids: dict[tuple[str, str], str], layer_name: str, portable: bool = False
) -> QgsEditorWidgetSetup | None:
    rel = relation_ids.get((layer_name, f.name))
    if rel:
        return QgsEditorWidgetSetup(
            "RelationReference",
            {"Relation": rel, "AllowNULL": True, "ShowForm": False, "MapIdentification": True, "ReadOnly": False},
        )
    if f.domain:
        return _value_map(schema.DOMAINS[f.domain])
    if f.type == schema.INTEGER and f.min is not None and f.max is not None:
        return QgsEditorWidgetSetup(
            "Range", {"Min": f.min, "Max": f.max, "Step": 1, "Style": "SpinBox", "AllowNull": True}
        )
    if f.type == schema.DATETIME:  # stored in UTC, shown and typed in Bangkok time (toolbelt/times.py)
        if portable:
            return QgsEditorWidgetSetup("DateTime", dict(PORTABLE_DATETIME))
        return QgsEditorWidgetSetup(times.WIDGET_TYPE, dict(times.CONFIG))
    if f.type == schema.DATE:
        fmt = "yyyy-MM-dd"
        return QgsEditorWidgetSetup(
            "DateTime", {"display_format": fmt, "field_format": fmt, "calendar_popup": True, "allow_null": True}
        )
    if f.type == schema.BOOLEAN:
        return QgsEditorWidgetSetup("CheckBox", {"TextDisplayMethod": 1})
    return None


def configure_layer(
    vl: QgsVectorLayer,
    layer: schema.Layer,
    relation_ids: dict[tuple[str, str], str] | None = None,
    portable: bool = False,
) -> None:
    """Aliases, widgets (Thai value lists), defaults, constraints, read-only sync fields and the fields
    only the lifecycle changes (:data:`core.works.workorders.READ_ONLY_IN_FORMS`), style."""
    from ..core.works.workorders import READ_ONLY_IN_FORMS

    relation_ids = relation_ids or {}
    read_only = READ_ONLY_IN_FORMS.get(layer.name, frozenset())
    form = vl.editFormConfig()
    for f in layer.all_fields:
        idx = vl.fields().indexFromName(f.name)
        if idx < 0:
            continue
        vl.setFieldAlias(idx, f.alias_th)
        setup = _widget(f, relation_ids, layer.name, portable)
        if setup is not None:
            vl.setEditorWidgetSetup(idx, setup)
        if f.system or f.name in read_only:
            form.setReadOnly(idx, True)
        if f.min is not None or f.max is not None:
            parts = [f'"{f.name}" IS NULL']
            bounds = []
            if f.min is not None:
                bounds.append(f'"{f.name}" >= {f.min:g}')
            if f.max is not None:
                bounds.append(f'"{f.name}" <= {f.max:g}')
            parts.append("(" + " AND ".join(bounds) + ")")
            lo = "" if f.min is None else f"{f.min:g}"
            hi = "" if f.max is None else f"{f.max:g}"
            vl.setConstraintExpression(
                idx, " OR ".join(parts), translate("core", "Allowed range: {lo}–{hi}").format(lo=lo, hi=hi)
            )
            vl.setFieldConstraint(
                idx,
                QgsFieldConstraints.Constraint.ConstraintExpression,
                QgsFieldConstraints.ConstraintStrength.ConstraintStrengthHard,
            )
    fid_idx = vl.fields().indexFromName("fid")
    if fid_idx >= 0:
        vl.setEditorWidgetSetup(fid_idx, QgsEditorWidgetSetup("Hidden", {}))
    vl.setEditFormConfig(form)
    fields = vl.fields()
    vl.setDefaultValueDefinition(fields.indexFromName("uuid"), QgsDefaultValue("uuid('WithoutBraces')", False))
    vl.setDefaultValueDefinition(fields.indexFromName("updated_at"), QgsDefaultValue("now()", True))
    vl.setDefaultValueDefinition(fields.indexFromName("updated_by"), QgsDefaultValue("@user_account_name", True))
    if layer.display:
        vl.setDisplayExpression(layer.display)
    if layer.restricted:
        vl.setCustomProperty(RESTRICTED_PROPERTY, True)
    _field_forms(vl, layer)
    styles.apply(vl, layer)  # renderer and labels


# Field-form rules beyond the schema's value lists and ranges (inspection forms for the field).
# The inspection is looked up by its layer's name in the workspace project (the Thai title).
def distress_density_rule(inspections: str) -> str:
    """The distress density rule, looking the inspection up in the project layer named ``inspections``."""
    return (
        '"quantity" IS NULL OR ("quantity" >= 0 AND ("unit" IS NULL OR "unit" <> \'m2\' OR '
        "\"quantity\" <= coalesce(attribute(get_feature('{inspections}', 'uuid', \"inspection_uuid\"), 'sample_area_sqm'), \"quantity\")))"
    ).replace("{inspections}", inspections.replace("'", "''"))


DISTRESS_DENSITY_RULE = distress_density_rule(schema.LAYERS_BY_NAME["road_inspections"].title_th)


REQUIRED = {
    "road_inspections": ("section_uuid", "inspected_on", "method"),
    "road_distresses": ("inspection_uuid", "distress_type", "severity", "quantity", "unit"),
    "streetlights": ("status",),
    "streetlight_inspections": ("streetlight_uuid", "inspected_at", "status"),
    "work_orders": ("status", "priority", "category"),
}


def _field_forms(vl: QgsVectorLayer, layer: schema.Layer) -> None:
    """PASER with the Thai description of each rating; required fields; the distress density rule."""
    from ..core.roads.pavement import PASER_LEVELS

    fields = vl.fields()
    idx = fields.indexFromName("paser")
    if idx >= 0:
        levels = sorted(PASER_LEVELS, key=lambda lv: -lv.rating)
        vl.setEditorWidgetSetup(idx, QgsEditorWidgetSetup(
            "ValueMap", {"map": [{f"{lv.rating} – {lv.label_th}: {lv.description_th}": str(lv.rating)} for lv in levels]}
        ))  # fmt: skip
    for name in REQUIRED.get(layer.name, ()):
        i = fields.indexFromName(name)
        if i >= 0:
            vl.setFieldConstraint(i, QgsFieldConstraints.Constraint.ConstraintNotNull,
                                  QgsFieldConstraints.ConstraintStrength.ConstraintStrengthHard)  # fmt: skip
    if layer.name == "road_distresses":
        i = fields.indexFromName("quantity")
        vl.setConstraintExpression(
            i,
            DISTRESS_DENSITY_RULE,
            translate("core", "An area distress cannot exceed the sample unit's area (density over 100 %)."),
        )
        vl.setFieldConstraint(i, QgsFieldConstraints.Constraint.ConstraintExpression,
                              QgsFieldConstraints.ConstraintStrength.ConstraintStrengthHard)  # fmt: skip


OTHER_LABEL_EN = "Other / not given"


def apply_language(vl: QgsVectorLayer, layer: schema.Layer, language: str, inspections: str) -> None:
    """Put a project layer's form and legend in ``language`` (the plugin's setting when the project is built).

    The default style stored in the GeoPackage is Thai (the municipality's store of record); for an
    English project this swaps the field aliases, the value-list widgets, the PASER descriptions and the
    categorised legend for their English labels, and points the distress density rule at the project's
    inspection layer (``inspections``, its name in the project)."""
    fields = vl.fields()
    if language != "th":
        for f in layer.all_fields:
            idx = fields.indexFromName(f.name)
            if idx < 0:
                continue
            vl.setFieldAlias(idx, f.alias_en)
            if f.domain and vl.editorWidgetSetup(idx).type() == "ValueMap":
                vl.setEditorWidgetSetup(idx, _value_map(schema.DOMAINS[f.domain], language))
        idx = fields.indexFromName("paser")
        if idx >= 0 and vl.editorWidgetSetup(idx).type() == "ValueMap":
            from ..core.roads.pavement import PASER_LEVELS

            levels = sorted(PASER_LEVELS, key=lambda lv: -lv.rating)
            vl.setEditorWidgetSetup(
                idx, QgsEditorWidgetSetup("ValueMap", {"map": [{lv.text(language): str(lv.rating)} for lv in levels]})
            )
        renderer = vl.renderer()
        if isinstance(renderer, QgsCategorizedSymbolRenderer) and layer.style_field:
            field = next((f for f in layer.all_fields if f.name == renderer.classAttribute()), None)
            labels = schema.labels(field.domain, language) if field is not None and field.domain else {}
            for i, cat in enumerate(renderer.categories()):
                value = cat.value()
                if cat.label() == OTHER_LABEL:
                    renderer.updateCategoryLabel(i, OTHER_LABEL_EN)
                elif value is not None and str(value) in labels:
                    renderer.updateCategoryLabel(i, labels[str(value)])
    if layer.name == "road_distresses":
        idx = fields.indexFromName("quantity")
        if idx >= 0:
            vl.setConstraintExpression(
                idx,
                distress_density_rule(inspections),
                translate("core", "An area distress cannot exceed the sample unit's area (density over 100 %)."),
            )


def relation_ids() -> dict[tuple[str, str], str]:

    return {(r.child, r.child_field): r.id for r in schema.RELATIONS}


def store_default_styles(gpkg: str) -> None:
    """Save each layer's style and form as its default style inside the GeoPackage (layer_styles)."""
    rel_ids = relation_ids()
    for layer in schema.LAYERS:
        vl = open_layer(gpkg, layer)
        configure_layer(vl, layer, rel_ids, portable=True)
        err = vl.saveStyleToDatabase(STYLE_NAME, f"CDDP — {layer.title_en}", True, "")
        if err:
            raise CddpError(
                translate("core", "Could not store the default style of {layer}: {error}"), layer=layer.name, error=err
            )


def upgrade_forms(vl) -> int:
    """What the plugin gives a workspace layer when it is loaded, whatever style it came with (the
    portable default style of the GeoPackage, or a workspace made by an older version): date-times shown
    and typed in Bangkok time, and the fields only the work-order lifecycle changes read-only. Only the
    layer's form configuration in memory changes — never the GeoPackage. The number of fields changed."""
    from ..core.works.workorders import READ_ONLY_IN_FORMS

    if not isinstance(vl, QgsVectorLayer) or vl.providerType() != "ogr":
        return 0
    parts = QgsProviderRegistry.instance().decodeUri("ogr", vl.source())
    path, table = parts.get("path") or "", parts.get("layerName")
    layer = next((t for t in schema.LAYERS if t.name == table), None)
    if layer is None or not path.lower().endswith(".gpkg"):
        return 0
    from .layer_io import workspace_table

    if workspace_table(vl) is None:  # a GeoPackage with a table of that name, but not a CDDP workspace
        return 0
    changed = 0
    form = vl.editFormConfig()
    read_only = READ_ONLY_IN_FORMS.get(layer.name, frozenset())
    for f in layer.all_fields:
        idx = vl.fields().indexFromName(f.name)
        if idx < 0:
            continue
        if f.type == schema.DATETIME and vl.editorWidgetSetup(idx).type() != times.WIDGET_TYPE:
            vl.setEditorWidgetSetup(idx, QgsEditorWidgetSetup(times.WIDGET_TYPE, dict(times.CONFIG)))
            changed += 1
        if f.name in read_only and not form.readOnly(idx):
            form.setReadOnly(idx, True)
            changed += 1
    if changed:
        vl.setEditFormConfig(form)
    return changed


def project_path_for(gpkg: str | os.PathLike) -> Path:
    return Path(os.fspath(gpkg)).with_suffix(".qgz")


def build_project(
    gpkg: str,
    municipality_name: str,
    municipality_code: str,
    crs: str,
    include_restricted: bool = False,
    language: str | None = None,
) -> Path:
    """Write ``<workspace>.qgz`` beside the GeoPackage: grouped layers, relations, CRS, title.

    Layer, group and relation names, field aliases and value lists are in ``language`` ("th" or "en";
    default: the plugin's language setting, :func:`toolbelt.i18n.ui_language`)."""
    if language is None:
        from .i18n import ui_language

        language = ui_language()
    path = project_path_for(gpkg)
    if path.exists():
        raise CddpError(translate("core", "{path} already exists; CDDP never overwrites a project."), path=str(path))
    project = QgsProject()
    project.setCrs(QgsCoordinateReferenceSystem(crs))
    project.setTitle(f"CDDP — {municipality_name} ({municipality_code})")
    root = project.layerTreeRoot()
    groups = {gid: root.addGroup(th if language == "th" else en) for gid, th, en in schema.GROUPS}
    layers: dict[str, QgsVectorLayer] = {}
    inspections = schema.LAYERS_BY_NAME["road_inspections"]
    inspections_name = inspections.title_th if language == "th" else inspections.title_en
    for layer in styles.tree_order(schema.LAYERS):  # condition above the road network
        if layer.restricted and not include_restricted:
            continue
        vl = open_layer(gpkg, layer, language)  # loads the default style stored in the GeoPackage
        apply_language(vl, layer, language, inspections_name)
        project.addMapLayer(vl, False)
        groups[layer.group].addLayer(vl)
        layers[layer.name] = vl
    for rel in schema.RELATIONS:
        if rel.child not in layers or rel.parent not in layers:
            continue
        r = QgsRelation(QgsRelationContext(project))
        r.setId(rel.id)
        r.setName(rel.title_th if language == "th" else rel.title_en)
        r.setReferencingLayer(layers[rel.child].id())
        r.setReferencedLayer(layers[rel.parent].id())
        r.addFieldPair(rel.child_field, rel.parent_field)
        if not r.isValid():
            raise CddpError(
                translate("core", "Relation {id} is not valid: {reason}"), id=rel.id, reason=r.validationError()
            )
        project.relationManager().addRelation(r)
    project.writeEntry("cddp", "workspace", os.path.basename(gpkg))
    project.writeEntry("cddp", "municipality_code", municipality_code)
    project.setCustomVariables(
        {"cddp_municipality_code": municipality_code, "cddp_municipality_name": municipality_name}
    )
    set_data_extent(project, gpkg)  # opens zoomed to the data (an empty workspace: after the first import)
    if not project.write(str(path)):
        raise CddpError(
            translate("core", "Could not write the project {path}: {error}"), path=str(path), error=project.error()
        )
    return path


EXTENT_MARGIN = 0.05  # of the data's width and height on each side


def data_extent(gpkg: str, crs: QgsCoordinateReferenceSystem) -> QgsRectangle:
    """The union of the workspace's non-empty layers' extents in ``crs``, with a margin (empty: no data)."""
    extent = QgsRectangle()
    extent.setNull()
    for layer in schema.LAYERS:
        if not layer.geometry:
            continue
        vl = QgsVectorLayer(layer_uri(gpkg, layer.name), layer.name, "ogr")
        if not vl.isValid() or not vl.isSpatial() or vl.featureCount() == 0:
            continue
        rect = vl.extent()
        if rect.isNull() or not rect.isFinite():
            continue
        if vl.crs().isValid() and vl.crs() != crs:
            rect = QgsCoordinateTransform(vl.crs(), crs, QgsProject.instance().transformContext()).transformBoundingBox(
                rect
            )
        extent.combineExtentWith(rect)
    if extent.isNull():
        return extent
    pad = max(extent.width(), extent.height()) * EXTENT_MARGIN or 100.0  # a single point: 100 map units around it
    return QgsRectangle(
        extent.xMinimum() - pad, extent.yMinimum() - pad, extent.xMaximum() + pad, extent.yMaximum() + pad
    )


def set_data_extent(project: QgsProject, gpkg: str) -> QgsRectangle:
    """Make the project open zoomed to the workspace's data (its default view extent, in the project CRS)."""
    extent = data_extent(gpkg, project.crs())
    if not extent.isNull():
        project.viewSettings().setDefaultViewExtent(QgsReferencedRectangle(extent, project.crs()))
    return extent


def save_data_extent(project_path: str | os.PathLike) -> QgsRectangle:
    """After an import: re-save the workspace project's default view extent to cover the data now in it.

    Only the view extent changes; layers, styles and relations are read and written back as they are."""
    project = QgsProject()
    if not project.read(os.fspath(project_path)):
        raise CddpError(
            translate("core", "Could not read the project {path}: {error}"),
            path=str(project_path),
            error=project.error(),
        )
    gpkg = workspace_of_project(project)
    if gpkg is None:
        raise CddpError(
            translate("core", "{path} is not a CDDP workspace project (its GeoPackage was not found beside it)."),
            path=str(project_path),
        )
    extent = set_data_extent(project, gpkg)
    if not project.write(os.fspath(project_path)):
        raise CddpError(
            translate("core", "Could not write the project {path}: {error}"),
            path=str(project_path),
            error=project.error(),
        )
    return extent


def workspace_of_project(project: QgsProject) -> str | None:
    """The workspace GeoPackage a project belongs to, if any."""
    name, ok = project.readEntry("cddp", "workspace", "")
    if ok and name:
        candidate = Path(project.absolutePath()) / name
        if candidate.exists():
            return str(candidate)
    return None


def project_layer(name: str):
    """The open project's layer of workspace table ``name`` (None without a workspace or that layer)."""
    from qgis.core import QgsProject, QgsVectorLayer

    ws = workspace_of_project(QgsProject.instance())
    if not ws:
        return None
    uri = layer_uri(ws, name)
    for lyr in QgsProject.instance().mapLayers().values():
        if isinstance(lyr, QgsVectorLayer) and lyr.source() == uri:
            return lyr
    return None
