"""Create and inspect a CDDP municipal workspace: one GeoPackage per municipality.

The GeoPackage is made with GDAL/OGR (layers, field domains = the value lists, spatial indexes) and
then finished with plain SQL (system tables, change-log triggers, metadata). It is built under a
temporary name beside the target and linked into place only when complete, so a failure never
leaves a half-made workspace, and an existing file is never overwritten.
"""

from __future__ import annotations

import datetime as _dt
import getpass
import logging
import os
import sqlite3
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from ..common.errors import CddpError
from ..common.i18n import translate
from . import changelog, gpkg, schema
from .dopa import AdminArea
from .meta import read_meta, workspace_meta

log = logging.getLogger("cddp.core.workspace.create")

DEFAULT_CRS = "EPSG:32647"
# The workspace stores true metres and square metres only in WGS 84 / UTM (Thailand: zones 47 and 48).
# Web Mercator (EPSG:3857) inflates lengths by 1/cos(latitude): at 15° N a 400 m² parcel is stored as
# 429.86 m²; Indian 1975 / UTM needs a datum shift on every GPS point and every sync.
ALLOWED_CRS = ("EPSG:32647", "EPSG:32648")

_OGR_TYPES = {
    schema.TEXT: ("OFTString", None),
    schema.INTEGER: ("OFTInteger", None),
    schema.REAL: ("OFTReal", None),
    schema.BOOLEAN: ("OFTInteger", "OFSTBoolean"),
    schema.DATE: ("OFTDate", None),
    schema.DATETIME: ("OFTDateTime", None),
}


@dataclass
class WorkspaceInfo:
    path: str
    schema_version: int
    municipality_code: str
    municipality_name: str
    crs: str
    created_at: str
    layer_counts: dict[str, int] = field(default_factory=dict)
    pending_changes: int = 0


def _ogr():
    try:
        from osgeo import gdal, ogr, osr
    except ImportError as exc:  # pragma: no cover - GDAL comes with QGIS
        raise CddpError(translate("core", "GDAL's Python bindings (osgeo) are not installed.")) from exc
    gdal.UseExceptions()
    ogr.UseExceptions()
    osr.UseExceptions()
    return gdal, ogr, osr


def parse_crs(crs: str):
    """An OSR spatial reference for ``crs`` ("EPSG:32647", WKT, PROJ). Must be projected, in metres."""
    _, _, osr = _ogr()
    srs = osr.SpatialReference()
    text = (crs or "").strip()
    try:
        if not text:
            raise ValueError
        srs.SetFromUserInput(text)
    except (RuntimeError, ValueError) as exc:
        raise CddpError(
            translate(
                "core",
                "Unknown coordinate reference system '{crs}'. Use e.g. EPSG:32647 (UTM 47N) or EPSG:32648 (UTM 48N).",
            ),
            crs=text,
        ) from exc
    if not srs.IsProjected():
        raise CddpError(
            translate(
                "core",
                "The workspace CRS must be projected in metres (areas in rai, lengths in metres); '{crs}' is geographic. Use EPSG:32647 (UTM 47N) or EPSG:32648 (UTM 48N).",
            ),
            crs=text,
        )
    if abs(srs.GetLinearUnits() - 1.0) > 1e-9:
        raise CddpError(
            translate("core", "The workspace CRS must use metres; '{crs}' uses {unit}."),
            crs=text,
            unit=srs.GetLinearUnitsName(),
        )
    srs.SetAxisMappingStrategy(osr.OAMS_TRADITIONAL_GIS_ORDER)
    if crs_label(srs) not in ALLOWED_CRS:
        raise CddpError(
            translate(
                "core",
                "The workspace CRS must be WGS 84 / UTM 47N (EPSG:32647, west of 102° E) or UTM 48N (EPSG:32648, east of it); '{crs}' is not. Only these store true metres and square metres for Thailand and match GPS and the central platform without a datum shift (in EPSG:3857, for example, a 400 m² parcel is stored as 429.86 m²). Data in other CRSs is reprojected when it is imported.",
            ),
            crs=text,
        )
    return srs


def crs_label(srs) -> str:
    auth, code = srs.GetAuthorityName(None), srs.GetAuthorityCode(None)
    if not (auth and code):
        try:  # a WKT or PROJ string of a known CRS (QGIS passes WKT when it has no authority id)
            srs = srs.Clone()
            srs.AutoIdentifyEPSG()
            auth, code = srs.GetAuthorityName(None), srs.GetAuthorityCode(None)
        except RuntimeError:
            pass
    return f"{auth}:{code}" if auth and code else srs.ExportToWkt()


def _check_target(path: Path) -> None:
    if path.suffix.lower() != ".gpkg":
        raise CddpError(translate("core", "The workspace file must end in .gpkg: {path}"), path=str(path))
    if path.exists():
        meta = read_meta(path)
        if meta is not None and "schema_version" in meta:
            raise CddpError(
                translate(
                    "core",
                    "{path} is already a CDDP workspace ({name}, DOPA {code}, schema {version}). Open it instead; CDDP never overwrites a workspace.",
                ),
                path=str(path),
                name=meta.get("municipality_name", "?"),
                code=meta.get("municipality_code", "?"),
                version=meta.get("schema_version", "?"),
            )
        raise CddpError(
            translate(
                "core",
                "{path} already exists and is not a CDDP workspace. Choose a new file name; nothing was changed.",
            ),
            path=str(path),
        )
    parent = path.parent
    if not parent.is_dir():
        raise CddpError(translate("core", "The folder {folder} does not exist."), folder=str(parent))
    if not os.access(parent, os.W_OK | os.X_OK):
        raise CddpError(
            translate("core", "Cannot write to the folder {folder} (permission denied)."), folder=str(parent)
        )


def _add_domains(ds, ogr) -> None:
    for d in schema.DOMAINS.values():
        values = schema.labels(d.name)
        ftype = ogr.OFTInteger if d.integer else ogr.OFTString
        dom = ogr.CreateCodedFieldDomain(d.name, d.title_en, ftype, ogr.OFSTNone, values)
        if not ds.AddFieldDomain(dom):
            raise CddpError(translate("core", "GDAL could not add the value list {name}."), name=d.name)


def _create_layer(ds, ogr, srs, layer: schema.Layer) -> None:
    options = ["FID=fid", f"IDENTIFIER={layer.title_en}", f"DESCRIPTION={layer.title_th}"]
    if layer.geometry:
        gtype = getattr(ogr, "wkb" + layer.geometry)
        options += ["GEOMETRY_NAME=geom", "SPATIAL_INDEX=YES"]
        lyr = ds.CreateLayer(layer.name, srs, gtype, options=options)
    else:
        lyr = ds.CreateLayer(layer.name, None, ogr.wkbNone, options=[*options, "ASPATIAL_VARIANT=GPKG_ATTRIBUTES"])
    for f in layer.all_fields:
        type_name, subtype = _OGR_TYPES[f.type]
        fd = ogr.FieldDefn(f.name, getattr(ogr, type_name))
        if subtype:
            fd.SetSubType(getattr(ogr, subtype))
        fd.SetAlternativeName(f.alias_th)
        if f.not_null:
            fd.SetNullable(False)
        if f.unique:
            fd.SetUnique(True)
        if f.default is not None:
            fd.SetDefault(f.default)
        if f.domain:
            fd.SetDomainName(f.domain)
        lyr.CreateField(fd)


def _finish_sql(con: sqlite3.Connection, area: AdminArea, name: str, crs: str, user: str) -> None:
    con.executescript(changelog.SYSTEM_TABLES_SQL)
    now = _dt.datetime.now(_dt.UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")
    meta = {
        "schema_version": str(schema.SCHEMA_VERSION),
        "municipality_code": area.code,
        "municipality_name": name,
        "municipality_level": area.level,
        "crs": crs,
        "created_at": now,
        "created_by": user,
        "sync_applying": "0",
        changelog.TRIGGERS_KEY: changelog.TRIGGERS_VERSION,
    }
    con.executemany("INSERT INTO cddp_meta (key, value) VALUES (?, ?)", meta.items())
    con.executemany("INSERT INTO cddp_field_class VALUES (?, ?, ?)", schema.classification())
    for layer in schema.LAYERS:
        con.executescript(changelog.trigger_sql(layer))
        con.execute("INSERT INTO cddp_sync_state (layer) VALUES (?)", (layer.name,))


def create_workspace(
    path: str | os.PathLike,
    area: AdminArea,
    name: str | None = None,
    crs: str = DEFAULT_CRS,
    user: str | None = None,
    prepare: Callable[[str], None] | None = None,
) -> WorkspaceInfo:
    """Create the workspace GeoPackage at ``path`` for municipality ``area``.

    ``prepare(tmp_path)`` runs on the complete GeoPackage before it is moved into place (the QGIS
    side uses it to store default styles and forms). Refuses an existing ``path``.
    """
    target = Path(os.fspath(path)).expanduser().absolute()
    _check_target(target)
    srs = parse_crs(crs)
    crs_text = crs_label(srs)
    name = (name or "").strip() or area.name_th
    user = user or getpass.getuser()
    gdal, ogr, _ = _ogr()
    tmp = target.with_name(f".{target.stem}.creating-{os.getpid()}.gpkg")
    try:
        try:
            ds = gdal.GetDriverByName("GPKG").Create(str(tmp), 0, 0, 0, gdal.GDT_Unknown)
            _add_domains(ds, ogr)
            for layer in schema.LAYERS:
                _create_layer(ds, ogr, srs, layer)
            ds = None  # close
        except RuntimeError as exc:
            raise CddpError(
                translate("core", "GDAL could not create {path}: {error}"), path=str(target), error=str(exc)
            ) from exc
        con = sqlite3.connect(tmp)
        try:
            with con:
                _finish_sql(con, area, name, crs_text, user)
        finally:
            con.close()
        if prepare is not None:
            prepare(str(tmp))
        try:
            os.link(tmp, target)  # atomic and never replaces an existing file
        except FileExistsError as exc:
            raise CddpError(
                translate("core", "{path} appeared while the workspace was being built; nothing was overwritten."),
                path=str(target),
            ) from exc
        except OSError:  # file systems without hard links
            if target.exists():
                raise
            os.replace(tmp, target)
        try:
            info = inspect_workspace(target)
        except BaseException:
            target.unlink()  # made by this run a moment ago: leave nothing half-done
            raise
    except PermissionError as exc:
        raise CddpError(
            translate("core", "Cannot write {path}: {error}"), path=str(target), error=exc.strerror
        ) from exc
    finally:
        for leftover in (tmp, Path(f"{tmp}-wal"), Path(f"{tmp}-shm"), Path(f"{tmp}-journal")):
            if leftover.exists():
                leftover.unlink()
    log.info("created workspace %s (%s, %s)", target, area.code, crs_text)
    return info


def inspect_workspace(path: str | os.PathLike) -> WorkspaceInfo:
    """What the Workspace dock shows: municipality, CRS, schema version, counts, pending changes."""
    p = os.fspath(path)
    meta = workspace_meta(p)
    con = gpkg.connect(p, readonly=True)
    try:
        tables = {r[0] for r in con.execute("SELECT table_name FROM gpkg_contents")}
        counts = {
            layer.name: con.execute(f'SELECT count(*) FROM "{layer.name}"').fetchone()[0]
            for layer in schema.LAYERS
            if layer.name in tables
        }
        pending = con.execute("SELECT count(*) FROM cddp_changelog WHERE pushed_at IS NULL").fetchone()[0]
    finally:
        con.close()
    return WorkspaceInfo(
        path=p,
        schema_version=int(meta["schema_version"]),
        municipality_code=meta.get("municipality_code", ""),
        municipality_name=meta.get("municipality_name", ""),
        crs=meta.get("crs", ""),
        created_at=meta.get("created_at", ""),
        layer_counts=counts,
        pending_changes=pending,
    )
