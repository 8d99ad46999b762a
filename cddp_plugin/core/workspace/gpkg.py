"""Plain-sqlite3 access to a GeoPackage that keeps its spatial index (and our change-log triggers)
working.

A GeoPackage's R-tree triggers call the spatial SQL functions the GeoPackage standard requires of a
client (``ST_IsEmpty``, ``ST_MinX``…); SQLite does not have them, so even an attribute update through
Python's sqlite3 fails without them. :func:`connect` registers them (read from the GeoPackage
geometry header, falling back to the WKB through shapely), and :func:`to_blob` encodes shapely
geometries as GeoPackage blobs, so bulk inserts and updates run as one fast SQL transaction — with
every change recorded by the workspace triggers. GDAL (osgeo/pyogrio) stays the reader; this module
exists because GDAL's Python API has no bulk *update*.
"""

from __future__ import annotations

import sqlite3
import struct
from collections.abc import Iterable

_ENVELOPE_DOUBLES = {0: 0, 1: 4, 2: 6, 3: 6, 4: 8}


def _header(blob: bytes | None):
    """(is_empty, envelope tuple or None, wkb offset) of a GeoPackage geometry blob."""
    if blob is None or len(blob) < 8 or blob[:2] != b"GP":
        return None
    flags = blob[3]
    endian = "<" if flags & 1 else ">"
    env_code = (flags >> 1) & 7
    n = _ENVELOPE_DOUBLES.get(env_code, 0)
    env = struct.unpack_from(f"{endian}{n}d", blob, 8) if n else None
    return bool(flags & 0x10), env, 8 + 8 * n


def _bounds(blob: bytes | None):
    h = _header(blob)
    if h is None or h[0]:
        return None
    _, env, offset = h
    if env is not None:
        return env[0], env[2], env[1], env[3]  # minx, miny, maxx, maxy
    import shapely

    geom = shapely.from_wkb(bytes(blob[offset:]))
    return None if geom.is_empty else geom.bounds


def _is_empty(blob):
    h = _header(blob)
    return None if h is None else int(h[0])


def _coord(i: int):
    def f(blob):
        b = _bounds(blob)
        return None if b is None else b[i]

    return f


def connect(path: str, **kwargs) -> sqlite3.Connection:
    """A sqlite3 connection to a GeoPackage with the GeoPackage spatial functions registered."""
    con = sqlite3.connect(path, **kwargs)
    # bulk writes touch the R-tree and the unique uuid indexes at random places: a larger page cache
    # (up to 256 MiB, only used as needed) keeps them in memory instead of re-reading pages
    con.execute("PRAGMA cache_size = -262144")
    con.create_function("ST_IsEmpty", 1, _is_empty, deterministic=True)
    con.create_function("ST_MinX", 1, _coord(0), deterministic=True)
    con.create_function("ST_MinY", 1, _coord(1), deterministic=True)
    con.create_function("ST_MaxX", 1, _coord(2), deterministic=True)
    con.create_function("ST_MaxY", 1, _coord(3), deterministic=True)
    return con


def srs_id(con: sqlite3.Connection, table: str) -> int:
    row = con.execute("SELECT srs_id FROM gpkg_geometry_columns WHERE table_name = ?", (table,)).fetchone()
    if row is None:
        raise KeyError(table)
    return int(row[0])


def to_blob(geom, srs: int) -> bytes | None:
    """Encode one shapely geometry as a GeoPackage blob (little-endian, XY envelope)."""
    if geom is None:
        return None
    import shapely

    if geom.is_empty:
        return b"GP\x00" + bytes([0x01 | 0x10]) + struct.pack("<i", srs) + shapely.to_wkb(geom, byte_order=1)
    minx, miny, maxx, maxy = geom.bounds
    header = b"GP\x00\x03" + struct.pack("<i4d", srs, minx, maxx, miny, maxy)
    return header + shapely.to_wkb(geom, byte_order=1, output_dimension=2)


def to_blobs(geoms: Iterable, srs: int) -> list[bytes | None]:
    """Encode many geometries; vectorised WKB through shapely."""
    import numpy as np
    import shapely

    arr = np.asarray(list(geoms) if not hasattr(geoms, "__array__") else geoms, dtype=object)
    out: list[bytes | None] = [None] * len(arr)
    if len(arr) == 0:
        return out
    valid = ~shapely.is_missing(arr)
    idx = np.flatnonzero(valid)
    wkbs = shapely.to_wkb(arr[idx], byte_order=1, output_dimension=2)
    bounds = shapely.bounds(arr[idx])
    empty = shapely.is_empty(arr[idx])
    head_empty = b"GP\x00" + bytes([0x01 | 0x10]) + struct.pack("<i", srs)
    for k, i in enumerate(idx):
        if empty[k]:
            out[i] = head_empty + wkbs[k]
        else:
            b = bounds[k]
            out[i] = b"GP\x00\x03" + struct.pack("<i4d", srs, b[0], b[2], b[1], b[3]) + wkbs[k]
    return out


def from_blob(blob: bytes | None):
    """Decode a GeoPackage blob into a shapely geometry (None for NULL)."""
    h = _header(blob)
    if h is None:
        return None
    import shapely

    return shapely.from_wkb(bytes(blob[h[2] :]))


def write_features(con: sqlite3.Connection, table: str, columns, inserts, updates, *, update_columns=None,
                   keep_when_null=()) -> None:  # fmt: skip
    """Bulk-insert and bulk-update feature rows (call inside a transaction; the triggers log each change).

    ``inserts`` rows are ``[*values of columns, geometry blob, user]``; ``updates`` rows are
    ``[*values of update_columns (default: columns), geometry blob, user, fid]``. A NULL in a column
    named in ``keep_when_null`` (``"geom"`` included) keeps the value already stored.
    """
    update_columns = list(columns if update_columns is None else update_columns)

    def assign(c):
        return f"{c} = coalesce(?, {c})" if c in keep_when_null else f"{c} = ?"

    if updates:
        set_clause = ", ".join(assign(c) for c in [*update_columns, "geom"])
        con.executemany(f'UPDATE "{table}" SET {set_clause}, updated_by = ? WHERE fid = ?', updates)
    if inserts:
        marks = ", ".join("?" * (len(columns) + 2))
        con.executemany(f'INSERT INTO "{table}" ({", ".join(columns)}, geom, updated_by) VALUES ({marks})', inserts)
