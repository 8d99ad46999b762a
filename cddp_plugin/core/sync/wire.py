"""Workspace rows ↔ changes on the wire (SYNC.md "A change on the wire").

Values are sent as the server stores them: booleans as ``true``/``false`` (the GeoPackage keeps 0/1),
text and date-times as stored (the server canonicalises: NFC text, UTC ISO), geometries as canonical WKB
(little-endian ISO, 2D or 3D as stored) in base64 with the layer's EPSG code — never reprojected, so a
UTM workspace makes no false conflicts from rounding through WGS 84.
"""

from __future__ import annotations

import base64
import json
from collections.abc import Iterable, Mapping

from ..workspace import gpkg, schema

GEOM = "geom"
SERVER_OWNED = ("uuid", "version")
STAMPS = ("updated_at", "updated_by")


def value_columns(layer: schema.Layer) -> list[str]:
    """The columns a change carries: the layer's own fields and who/when (never uuid or version)."""
    return [f.name for f in layer.fields] + list(STAMPS)


def row_columns(layer: schema.Layer) -> list[str]:
    """Everything the engine reads of a row: fid, uuid, version, the value columns, the geometry."""
    cols = ["fid", "uuid", "version", *value_columns(layer)]
    if layer.geometry:
        cols.append(GEOM)
    return cols


def _bool_fields(layer: schema.Layer) -> frozenset[str]:
    return frozenset(f.name for f in layer.all_fields if f.type == schema.BOOLEAN)


def to_wire_value(layer: schema.Layer, name: str, value):
    if value is not None and name in _bool_fields(layer):
        return bool(value)
    return value


def to_local_value(layer: schema.Layer, name: str, value):
    if isinstance(value, bool):
        return int(value)
    return value


def geometry_to_wire(blob: bytes | None, srid: int) -> dict | None:
    """A GeoPackage geometry blob → ``{"wkb": base64, "srid": n}`` (canonical WKB), None for no geometry."""
    g = gpkg.from_blob(blob)
    if g is None or g.is_empty:
        return None
    import shapely

    wkb = shapely.to_wkb(g, output_dimension=3 if shapely.has_z(g) else 2, byte_order=1, flavor="iso")
    return {"wkb": base64.b64encode(wkb).decode("ascii"), "srid": srid}


def geometry_to_blob(geom: Mapping | None, srs_id: int) -> bytes | None:
    """``{"wkb": base64, ...}`` from the server → a GeoPackage blob in the workspace's CRS."""
    if not geom:
        return None
    import shapely

    return gpkg.to_blob(shapely.from_wkb(base64.b64decode(geom["wkb"])), srs_id)


def change_payload(
    layer: schema.Layer,
    row: Mapping | None,
    *,
    uuid: str,
    change_id: str,
    op: str,
    base_version: int | None,
    fields: Iterable[str] | None,
    srid: int,
    device: str | None,
) -> dict:
    """The JSON body of one change. ``fields`` None = every value column (an insert); ``"geom"`` in
    ``fields`` sends the geometry. ``row`` is the current row (None for a delete)."""
    out: dict = {"change_id": change_id, "layer": layer.name, "uuid": uuid, "op": op, "base_version": base_version or 0}
    if device:
        out["device"] = device
    if op == "delete" or row is None:
        return out
    names = value_columns(layer) if fields is None else [f for f in value_columns(layer) if f in set(fields)]
    out["values"] = {n: to_wire_value(layer, n, row[n]) for n in names}
    if layer.geometry and (fields is None or GEOM in set(fields)):
        out["geom"] = geometry_to_wire(row[GEOM], srid)
    hashes = attachments(layer, row)
    if hashes:
        out["attachments"] = hashes
    return out


def attachments(layer: schema.Layer, row: Mapping) -> list[str]:
    """The blobs (photos by SHA-256) a row references: a work-order event's ``photo_hashes``."""
    if layer.name != "work_order_events":
        return []
    value = row["photo_hashes"] if "photo_hashes" in row.keys() else None
    if not value:
        return []
    try:
        return [str(h).lower() for h in json.loads(value)]
    except (ValueError, TypeError):
        return []


def changed_fields(new_values: str | None) -> list[str]:
    """The changed columns of an update entry of the change log (the keys of ``new_values``)."""
    if not new_values:
        return []
    try:
        return list(json.loads(new_values))
    except ValueError:
        return []
