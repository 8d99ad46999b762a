"""Values on the wire → canonical values in the store, and the reasons a change is refused.

Canonical forms (SYNC.md): text NFC-normalised, datetimes UTC ISO with milliseconds and ``Z``
(``common.times.format_utc``, the GeoPackage form), dates ``YYYY-MM-DD``, geometries as canonical WKB
(little-endian ISO WKB, 2D or 3D as sent; a single part promoted to the layer's multi type).
"""

from __future__ import annotations

import base64
import binascii
import datetime as dt
import math
import unicodedata

import shapely
from shapely import wkb as shapely_wkb

from cddp_plugin.core.common.times import format_utc
from cddp_plugin.core.workspace import schema

# Fields a client may not set: identity and the server's version
SERVER_OWNED = frozenset({"uuid", "version"})
# Fields that record who/when: carried with every accepted change, never a cause of conflict
STAMP_FIELDS = frozenset({"updated_at", "updated_by"})


class RefusedError(Exception):
    """A change refused as a whole: ``code`` for machines, ``reason`` for people."""

    def __init__(self, code: str, reason: str, field: str | None = None) -> None:
        super().__init__(reason)
        self.code = code
        self.reason = reason
        self.field = field


def _text(value: object, name: str) -> str:
    if not isinstance(value, str):
        raise RefusedError("wrong_type", f"field '{name}' must be text, not {type(value).__name__}", name)
    if "\x00" in value:  # PostgreSQL text cannot hold it; refused on every store alike
        raise RefusedError("wrong_type", f"field '{name}' contains a NUL character: remove it", name)
    return unicodedata.normalize("NFC", value)


def canonical_value(layer: schema.Layer, name: str, value: object) -> object:
    """The canonical form of one field's value, or :class:`RefusedError` naming the field and what is wrong."""
    try:
        field = layer.field(name)
    except KeyError:
        raise RefusedError("unknown_field", f"layer '{layer.name}' has no field '{name}'", name) from None
    if name in SERVER_OWNED:
        raise RefusedError("server_field", f"field '{name}' is set by the server; leave it out of 'values'", name)
    if value is None:
        if field.not_null:
            raise RefusedError("null_value", f"field '{name}' of layer '{layer.name}' may not be empty", name)
        return None
    t = field.type
    if t == schema.TEXT:
        out: object = _text(value, name)
    elif t == schema.INTEGER:
        if isinstance(value, bool) or not isinstance(value, int):
            if isinstance(value, float) and value.is_integer():
                value = int(value)
            else:
                raise RefusedError("wrong_type", f"field '{name}' must be a whole number, not {value!r}", name)
        out = int(value)
    elif t == schema.REAL:
        if isinstance(value, bool) or not isinstance(value, int | float) or not math.isfinite(value):
            raise RefusedError("wrong_type", f"field '{name}' must be a number, not {value!r}", name)
        out = float(value)
    elif t == schema.BOOLEAN:
        if isinstance(value, bool):
            out = value
        elif value in (0, 1) and isinstance(value, int):
            out = bool(value)
        else:
            raise RefusedError("wrong_type", f"field '{name}' must be true or false, not {value!r}", name)
    elif t == schema.DATE:
        text = _text(value, name)
        try:
            out = dt.date.fromisoformat(text[:10]).isoformat() if len(text) == 10 else None
        except ValueError:
            out = None
        if out is None:
            raise RefusedError("wrong_type", f"field '{name}' must be a date YYYY-MM-DD, not {text!r}", name)
    elif t == schema.DATETIME:
        text = _text(value, name)
        try:
            moment = dt.datetime.fromisoformat(text)
        except ValueError:
            raise RefusedError(
                "wrong_type",
                f"field '{name}' must be an ISO date-time (UTC, e.g. 2026-01-31T08:00:00Z), not {text!r}",
                name,
            ) from None
        if moment.tzinfo is None:
            moment = moment.replace(tzinfo=dt.UTC)  # the wire carries UTC (GeoPackage DATETIME)
        out = format_utc(moment)
    else:  # pragma: no cover - the schema has no other type
        raise RefusedError("wrong_type", f"field '{name}' has an unsupported type {t}", name)
    if field.domain and out is not None:
        codes = schema.DOMAINS[field.domain].codes()
        if out not in codes:
            raise RefusedError(
                "not_in_list",
                f"field '{name}' must be one of {', '.join(str(c) for c in codes)} (value list {field.domain}), not {out!r}",
                name,
            )
    if isinstance(out, int | float) and not isinstance(out, bool):
        if (field.min is not None and out < field.min) or (field.max is not None and out > field.max):
            raise RefusedError(
                "out_of_range", f"field '{name}' must be between {field.min} and {field.max}, not {out}", name
            )
    return out


def canonical_values(layer: schema.Layer, values: object) -> dict[str, object]:
    if not isinstance(values, dict):
        raise RefusedError("wrong_type", "'values' must be an object of field names and values", "values")
    return {name: canonical_value(layer, name, v) for name, v in values.items()}


_MULTI = {"Point": "MultiPoint", "LineString": "MultiLineString", "Polygon": "MultiPolygon"}


def canonical_geometry(layer: schema.Layer, geom: object, srid: int) -> bytes | None:
    """``{"wkb": base64, "srid": n}`` (or null) → canonical WKB bytes, or :class:`RefusedError`."""
    if geom is None:
        return None
    if not layer.geometry:
        raise RefusedError("no_geometry", f"layer '{layer.name}' has no geometry; leave 'geom' out", "geom")
    if not isinstance(geom, dict) or not isinstance(geom.get("wkb"), str):
        raise RefusedError("wrong_type", '\'geom\' must be an object {"wkb": base64 WKB, "srid": EPSG code}', "geom")
    if geom.get("srid") != srid:
        raise RefusedError(
            "wrong_crs",
            f"geometry of layer '{layer.name}' must be in EPSG:{srid} (the municipality's CRS), not "
            f"EPSG:{geom.get('srid')}; reproject it before sending",
            "geom",
        )
    try:
        g = shapely_wkb.loads(base64.b64decode(geom["wkb"], validate=True))
    except (binascii.Error, ValueError, shapely.errors.GEOSException):
        raise RefusedError("bad_geometry", "'geom.wkb' is not base64 of a WKB geometry", "geom") from None
    kind = g.geom_type
    if _MULTI.get(kind) == layer.geometry:
        g = {"MultiPoint": shapely.multipoints, "MultiLineString": shapely.multilinestrings}.get(
            layer.geometry, shapely.multipolygons
        )([g])
        kind = g.geom_type
    if kind != layer.geometry:
        raise RefusedError(
            "wrong_geometry", f"layer '{layer.name}' takes {layer.geometry} geometries, not {kind}", "geom"
        )
    if g.is_empty:
        raise RefusedError("bad_geometry", f"the {kind} geometry is empty; send null for no geometry", "geom")
    return shapely.to_wkb(g, output_dimension=3 if shapely.has_z(g) else 2, byte_order=1, flavor="iso")


def geometry_out(wkb: bytes | None, srid: int | None) -> dict[str, object] | None:
    if wkb is None:
        return None
    return {"wkb": base64.b64encode(bytes(wkb)).decode("ascii"), "srid": srid}


def now_utc() -> str:
    return format_utc(dt.datetime.now(dt.UTC))
