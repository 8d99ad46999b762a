"""Plain-sqlite3 access to a GeoPackage that keeps its spatial index (and our change-log triggers)
working.

A GeoPackage's R-tree triggers call the spatial SQL functions the GeoPackage standard requires of a
client (``ST_IsEmpty``, ``ST_MinX``…); SQLite does not have them, so even an attribute update through
Python's sqlite3 fails without them. :func:`connect` registers them (read from the GeoPackage
geometry header, falling back to the WKB through shapely), and :func:`to_blob` encodes shapely
geometries as GeoPackage blobs, so bulk inserts and updates run as one fast SQL transaction — with
every change recorded by the workspace triggers. GDAL (osgeo, core/common/ogrio.py) stays the reader; this module
exists because GDAL's Python API has no bulk *update*.
"""

from __future__ import annotations

import os
import sqlite3
import struct
import urllib.parse
from collections.abc import Iterable
from pathlib import Path

from ..common.errors import CddpError
from ..common.i18n import translate
from . import changelog, schema

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


BUSY_TIMEOUT_S = 20.0  # how long a write waits for another program's lock before saying so


def sqlite_uri(path: str | os.PathLike, **query: str) -> str:
    """A SQLite ``file:`` URI for ``path``, percent-encoded so that ``#``, ``?``, ``%``, spaces and Thai
    characters stay part of the file name (unencoded, SQLite cuts the name at ``#`` or ``?``)."""
    posix = Path(os.fspath(path)).absolute().as_posix()
    if not posix.startswith("/"):  # C:/… → /C:/…
        posix = "/" + posix
    text = f"file://{urllib.parse.quote(posix, safe='/:')}"
    return f"{text}?{urllib.parse.urlencode(query)}" if query else text


def sqlite_error(exc: BaseException, path: str | os.PathLike, timeout: float | None = None) -> CddpError | None:
    """The clear message for a SQLite error on the workspace ``path``, or None for an unexpected one."""
    timeout = BUSY_TIMEOUT_S if timeout is None else timeout
    text = str(exc).lower()
    p = os.fspath(path)
    if "locked" in text or "busy" in text:
        return CddpError(
            translate(
                "core",
                "{path} is busy: another program (QGIS editing, a sync or another Processing run) kept it locked for more than {seconds:.0f} s. Wait until it finishes or save and close the other program's edits, then run again; nothing was changed.",
            ),
            path=p,
            seconds=timeout,
        )
    if "readonly" in text or "read-only" in text or "read only" in text:
        return CddpError(
            translate(
                "core",
                "{path} is read-only (the file or its folder cannot be written). Make it writable, or copy the workspace to a folder you can write to, then run again; nothing was changed.",
            ),
            path=p,
        )
    if "not a database" in text or "malformed" in text:
        return CddpError(
            translate(
                "core",
                "{path} is not a readable GeoPackage (the file is damaged or is not a SQLite database). Restore it from a backup; nothing was changed.",
            ),
            path=p,
        )
    if "disk is full" in text or "disk i/o" in text:
        return CddpError(
            translate(
                "core", "{path} could not be written: the disk is full or failing ({error}). Free space and run again."
            ),
            path=p,
            error=str(exc),
        )
    if "unable to open" in text:
        return CddpError(
            translate("core", "Cannot open the workspace {path}: the file or its folder is missing or not accessible."),
            path=p,
        )
    return None


class _Connection(sqlite3.Connection):
    """A connection that turns "locked", "read-only" and similar SQLite errors into clear CddpErrors."""

    cddp_path = ""
    cddp_timeout = BUSY_TIMEOUT_S

    def _clear(self, exc: sqlite3.Error) -> BaseException:
        err = sqlite_error(exc, self.cddp_path, self.cddp_timeout)
        return exc if err is None else err

    def execute(self, *args, **kwargs):
        try:
            return super().execute(*args, **kwargs)
        except sqlite3.OperationalError as exc:
            raise self._clear(exc) from exc

    def executemany(self, *args, **kwargs):
        try:
            return super().executemany(*args, **kwargs)
        except sqlite3.OperationalError as exc:
            raise self._clear(exc) from exc

    def executescript(self, *args, **kwargs):
        try:
            return super().executescript(*args, **kwargs)
        except sqlite3.OperationalError as exc:
            raise self._clear(exc) from exc

    def commit(self):
        try:
            return super().commit()
        except sqlite3.OperationalError as exc:
            raise self._clear(exc) from exc

    def __exit__(self, exc_type, exc, tb):
        try:
            result = super().__exit__(exc_type, exc, tb)
        except sqlite3.OperationalError as err:
            raise self._clear(err) from err
        if isinstance(exc, sqlite3.OperationalError):
            clear = self._clear(exc)
            if clear is not exc:
                raise clear from exc
        return result


def connect(path: str | os.PathLike, *, readonly: bool = False, timeout: float | None = None,
            **kwargs) -> sqlite3.Connection:  # fmt: skip
    """A sqlite3 connection to a GeoPackage with the GeoPackage spatial functions registered.

    Never creates a file (a missing workspace is a clear error, not a new empty database); waits up
    to ``timeout`` seconds for another program's lock; opens paths with any characters; a workspace
    whose schema is older or newer than the plugin's is refused. SQLite errors that mean "busy",
    "read-only", "not a database" become :class:`CddpError` naming the file.
    """
    p = os.fspath(path)
    timeout = BUSY_TIMEOUT_S if timeout is None else timeout
    if not os.path.isfile(p):
        folder = os.path.dirname(os.path.abspath(p))
        if os.path.isdir(folder) and not os.access(folder, os.R_OK | os.X_OK):
            raise sqlite_error(sqlite3.OperationalError("unable to open database file"), p)
        raise CddpError(
            translate(
                "core",
                "The workspace {path} does not exist. Check the path, or create it with Create municipal workspace.",
            ),
            path=p,
        )
    if not readonly and not (os.access(p, os.W_OK) and os.access(os.path.dirname(os.path.abspath(p)), os.W_OK)):
        raise sqlite_error(sqlite3.OperationalError("readonly"), p)
    query = {"mode": "ro" if readonly else "rw"}
    if readonly and _wal_without_write_access(p):
        # A WAL-mode file (QGIS switches a GeoPackage to WAL when it edits it) needs its -shm file even
        # to read; in a folder we cannot write, read it as the immutable file it is for us.
        query["immutable"] = "1"
    try:
        con = sqlite3.connect(sqlite_uri(p, **query), uri=True, timeout=timeout, factory=_Connection, **kwargs)
    except sqlite3.Error as exc:
        raise (sqlite_error(exc, p, timeout) or exc) from exc
    con.cddp_path, con.cddp_timeout = p, timeout
    try:
        # bulk writes touch the R-tree and the unique uuid indexes at random places: a larger page cache
        # (up to 256 MiB, only used as needed) keeps them in memory instead of re-reading pages
        con.execute("PRAGMA cache_size = -262144")
        con.create_function("ST_IsEmpty", 1, _is_empty, deterministic=True)
        con.create_function("ST_MinX", 1, _coord(0), deterministic=True)
        con.create_function("ST_MinY", 1, _coord(1), deterministic=True)
        con.create_function("ST_MaxX", 1, _coord(2), deterministic=True)
        con.create_function("ST_MaxY", 1, _coord(3), deterministic=True)
        _check_version(con, p)
        if not readonly:
            changelog.upgrade_triggers(con)
    except BaseException:
        con.close()
        raise
    return con


def _wal_without_write_access(path: str) -> bool:
    """A WAL-mode SQLite file (header bytes 18–19 = 2) that we may not write, or whose folder we may not
    write (where the -shm file would go), and that has no -wal file with pages not yet in the file."""
    folder = os.path.dirname(os.path.abspath(path))
    if os.access(path, os.W_OK) and os.access(folder, os.W_OK):
        return False
    try:
        with open(path, "rb") as f:
            header = f.read(20)
    except OSError:
        return False
    wal = path + "-wal"
    return header[18:20] == b"\x02\x02" and not (os.path.exists(wal) and os.path.getsize(wal) > 0)


def _check_version(con: sqlite3.Connection, path: str) -> None:
    """Refuse a workspace made by an older or newer plugin (no migration exists yet)."""
    try:
        row = con.execute("SELECT value FROM cddp_meta WHERE key = 'schema_version'").fetchone()
    except sqlite3.DatabaseError as exc:
        if "no such table" in str(exc):
            return  # a plain GeoPackage (tests, side files): nothing to check
        raise (sqlite_error(exc, path) or exc) from exc
    if row is not None:
        check_schema_version(row[0], path)


def check_schema_version(version: str | None, path: str | os.PathLike) -> None:
    """Raise a CddpError naming both versions unless ``version`` is this plugin's schema version."""
    try:
        found = int(str(version).strip())
    except (TypeError, ValueError):
        found = None
    if found == schema.SCHEMA_VERSION:
        return
    if found is not None and found > schema.SCHEMA_VERSION:
        raise CddpError(
            translate(
                "core",
                "{path} uses workspace schema version {found}, newer than this plugin's version {expected}. Update the CDDP plugin, then open it again; nothing was changed.",
            ),
            path=os.fspath(path),
            found=found,
            expected=schema.SCHEMA_VERSION,
        )
    raise CddpError(
        translate(
            "core",
            "{path} uses workspace schema version {found}, but this plugin needs version {expected} and cannot migrate it yet. Keep the file, and open it with the plugin version that made it; nothing was changed.",
        ),
        path=os.fspath(path),
        found=version if found is None else found,
        expected=schema.SCHEMA_VERSION,
    )


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


def new_uuids(n: int) -> list[str]:
    """``n`` random UUIDs (version 4), as the change-log triggers make them, at a fraction of
    ``uuid.uuid4()``'s cost."""
    import numpy as np

    raw = np.frombuffer(os.urandom(16 * n), dtype=np.uint8).reshape(n, 16).copy()
    raw[:, 6] = (raw[:, 6] & 0x0F) | 0x40
    raw[:, 8] = (raw[:, 8] & 0x3F) | 0x80
    h = raw.tobytes().hex()
    return [f"{h[i : i + 8]}-{h[i + 8 : i + 12]}-{h[i + 12 : i + 16]}-{h[i + 16 : i + 20]}-{h[i + 20 : i + 32]}"
            for i in range(0, 32 * n, 32)]  # fmt: skip


def now_utc() -> str:
    """Now in the form the triggers write ``updated_at`` (UTC, milliseconds)."""
    import datetime as _dt

    from ..common.times import format_utc

    return format_utc(_dt.datetime.now(_dt.UTC))


# From this many inserted rows on, a bulk insert keeps the R-tree and GDAL's feature count itself
# (below it the triggers' per-row cost does not matter and their path is the proven one)
BULK_INDEX_ROWS = 256
_SCRATCH = "temp.cddp_bulk"


def _envelopes(blobs) -> list[tuple | None]:
    """The R-tree entry ``(minx, maxx, miny, maxy)`` of each GeoPackage blob, None for NULL or empty ones
    (what the GeoPackage R-tree triggers would insert)."""
    out = []
    for blob in blobs:
        b = _bounds(blob) if blob is not None else None
        out.append(None if b is None else (b[0], b[2], b[1], b[3]))
    return out


def _scratch(con, rows, width: int) -> None:
    con.execute(f"DROP TABLE IF EXISTS {_SCRATCH}")
    con.execute(f"CREATE TABLE {_SCRATCH} (k INTEGER PRIMARY KEY, {', '.join(f'c{i}' for i in range(width))})")
    marks = ", ".join("?" * (width + 1))
    con.executemany(f"INSERT INTO {_SCRATCH} VALUES ({marks})", ([k, *r] for k, r in enumerate(rows)))


def update_rows(con: sqlite3.Connection, table: str, assignments: list[str], rows) -> None:
    """``UPDATE table SET a1 = …, a2 = … WHERE fid = ?`` for many ``rows`` (``[*values, fid]``) as one
    statement (call inside a transaction). ``assignments`` are SQL with one ``?`` each (e.g.
    ``"x = coalesce(?, x)"``). The change-log triggers record each changed row as usual; one statement
    instead of one per row saves SQLite a statement journal per row (about 9 µs a row)."""
    rows = list(rows)
    if not rows:
        return
    if len(rows) < BULK_INDEX_ROWS:
        sets = ", ".join(assignments)
        con.executemany(f'UPDATE "{table}" SET {sets} WHERE fid = ?', rows)
        return
    width = len(assignments) + 1
    _scratch(con, rows, width)
    sets = ", ".join(a.replace("?", f"w.c{i}") for i, a in enumerate(assignments))
    try:
        con.execute(f'UPDATE "{table}" SET {sets} FROM {_SCRATCH} AS w WHERE "{table}".fid = w.c{width - 1}')
    finally:
        con.execute(f"DROP TABLE IF EXISTS {_SCRATCH}")


def update_logged(con: sqlite3.Connection, table: str, columns: list[str], rows) -> None:
    """``UPDATE table SET c1 = ?, c2 = ? … WHERE fid = ?`` for many ``rows`` (``[*values of columns, fid]``,
    each fid once; call inside a transaction), with the change log written as the update trigger writes
    it but in one statement: the new values go to a temporary table typed like ``table``'s columns (so
    they compare and log as stored), one ``INSERT … SELECT`` logs every row that changes
    (:func:`changelog.update_log_sql`), and the update then runs with ``sync_applying`` set, inside a
    savepoint (other connections never see it set; an error undoes all of it). ``columns`` include
    ``updated_at`` (the trigger's own bump of it is silenced too). For a whole town's household links
    (200k rows) that is about half the time of the trigger firing row by row. Few rows go through
    :func:`update_rows`."""
    assert "updated_at" in columns
    rows = list(rows)
    layer = schema.LAYERS_BY_NAME.get(table)
    if len(rows) < BULK_INDEX_ROWS or layer is None:
        update_rows(con, table, [f"{c} = ?" for c in columns], rows)
        return
    log_sql = changelog.update_log_sql(layer, columns, "temp.cddp_bulk_update")
    declared = {r[1]: r[2] for r in con.execute(f'PRAGMA table_info("{table}")')}
    typed = ", ".join(f'"{c}" {declared.get(c, "")}'.rstrip() for c in columns)
    con.execute("SAVEPOINT cddp_bulk_update")
    try:
        con.execute("DROP TABLE IF EXISTS temp.cddp_bulk_update")
        con.execute(f"CREATE TEMP TABLE cddp_bulk_update ({typed}, fid INTEGER PRIMARY KEY)")
        con.executemany(f"INSERT INTO temp.cddp_bulk_update VALUES ({', '.join('?' * (len(columns) + 1))})", rows)
        if log_sql is not None:
            con.execute(log_sql)
        was = con.execute("SELECT value FROM cddp_meta WHERE key = 'sync_applying'").fetchone()
        con.execute("INSERT OR REPLACE INTO cddp_meta (key, value) VALUES ('sync_applying', '1')")
        sets = ", ".join(f'"{c}" = w."{c}"' for c in columns)
        con.execute(f'UPDATE "{table}" SET {sets} FROM temp.cddp_bulk_update AS w WHERE "{table}".fid = w.fid')
        if was is None:
            con.execute("DELETE FROM cddp_meta WHERE key = 'sync_applying'")
        else:
            con.execute("UPDATE cddp_meta SET value = ? WHERE key = 'sync_applying'", was)
        con.execute("DROP TABLE temp.cddp_bulk_update")
    except BaseException:
        if con.in_transaction:  # (SQLite rolls the whole transaction back itself after some errors)
            con.execute("ROLLBACK TO cddp_bulk_update")
            con.execute("RELEASE cddp_bulk_update")
        raise
    con.execute("RELEASE cddp_bulk_update")


def _insert_triggers(con, table: str) -> list[tuple[str, str]] | None:
    """The GeoPackage R-tree insert trigger and GDAL's feature-count insert trigger of ``table`` (name,
    SQL), or None when the R-tree's insert trigger is not the standard one (then the triggers do it all)."""
    rtree = f"rtree_{table}_geom_insert"
    got = con.execute(
        "SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND tbl_name = ? AND name IN (?, ?)",
        (table, rtree, f"trigger_insert_feature_count_{table}"),
    ).fetchall()
    names = {n for n, _ in got}
    if (
        rtree not in names
        or con.execute(
            "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = ?", (f"rtree_{table}_geom",)
        ).fetchone()[0]
        != 1
    ):
        return None
    return got


def insert_rows(con: sqlite3.Connection, table: str, columns: list[str], rows, blobs=None) -> None:
    """Insert many ``rows`` (values of ``columns``) into ``table`` as one statement (call inside a
    transaction); the change-log triggers record each row as usual.

    With ``blobs`` (the GeoPackage geometry of each row, also among ``columns`` as ``geom``) and many
    rows, the job keeps the spatial index itself: inside a savepoint it drops the table's R-tree and
    feature-count insert triggers, inserts, adds the rows' envelopes to the R-tree and the count to
    ``gpkg_ogr_contents`` in bulk, and creates the triggers again with their own SQL (SQLite's DDL is
    transactional: a failure anywhere rolls all of it back, and other connections never see the
    triggers missing). The rows must carry their ``uuid`` (it links each to its envelope)."""
    rows = list(rows)
    if not rows:
        return
    cols = ", ".join(columns)
    triggers = None
    if blobs is not None and len(rows) >= BULK_INDEX_ROWS and "uuid" in columns:
        at = columns.index("uuid")
        if all(r[at] is not None for r in rows):
            triggers = _insert_triggers(con, table)
    if triggers is None and len(rows) < BULK_INDEX_ROWS:
        con.executemany(f'INSERT INTO "{table}" ({cols}) VALUES ({", ".join("?" * len(columns))})', rows)
        return
    width = len(columns)
    con.execute("SAVEPOINT cddp_bulk_insert")
    try:
        if triggers:
            for name, _ in triggers:
                con.execute(f'DROP TRIGGER "{name}"')
        _scratch(con, rows, width)
        picked = ", ".join(f"w.c{i}" for i in range(width))
        con.execute(f'INSERT INTO "{table}" ({cols}) SELECT {picked} FROM {_SCRATCH} AS w ORDER BY w.k')
        con.execute(f"DROP TABLE IF EXISTS {_SCRATCH}")
        if triggers:
            at = columns.index("uuid")
            envelopes = [(r[at], *e) for r, e in zip(rows, _envelopes(blobs), strict=True) if e is not None]
            con.execute("DROP TABLE IF EXISTS temp.cddp_bulk_env")
            con.execute("CREATE TEMP TABLE cddp_bulk_env (uuid TEXT, minx, maxx, miny, maxy)")
            con.executemany("INSERT INTO temp.cddp_bulk_env VALUES (?, ?, ?, ?, ?)", envelopes)
            con.execute(
                f'INSERT OR REPLACE INTO "rtree_{table}_geom" SELECT t.fid, e.minx, e.maxx, e.miny, e.maxy'
                f' FROM temp.cddp_bulk_env AS e JOIN "{table}" AS t ON t.uuid = e.uuid'
            )
            con.execute("DROP TABLE temp.cddp_bulk_env")
            if any(name.startswith("trigger_insert_feature_count_") for name, _ in triggers):
                con.execute(
                    "UPDATE gpkg_ogr_contents SET feature_count = feature_count + ? WHERE lower(table_name) = lower(?)",
                    (len(rows), table),
                )
            for _, sql in triggers:
                con.execute(sql)
    except BaseException:
        if con.in_transaction:  # (SQLite rolls the whole transaction back itself after some errors)
            con.execute("ROLLBACK TO cddp_bulk_insert")
            con.execute("RELEASE cddp_bulk_insert")
        raise
    con.execute("RELEASE cddp_bulk_insert")


def write_features(con: sqlite3.Connection, table: str, columns, inserts, updates, *, update_columns=None,
                   keep_when_null=()) -> None:  # fmt: skip
    """Bulk-insert and bulk-update feature rows (call inside a transaction; the triggers log each change).

    ``inserts`` rows are ``[*values of columns, geometry blob, user]``; ``updates`` rows are
    ``[*values of update_columns (default: columns), geometry blob, user, fid]``. A NULL in a column
    named in ``keep_when_null`` (``"geom"`` included) keeps the value already stored.

    The job gives every new row its ``updated_at`` (and its ``uuid`` unless ``columns`` has one), so
    the insert trigger needs no second write of the row; many rows are written as one statement each,
    and a large insert keeps the R-tree itself (:func:`insert_rows`).
    """
    columns = list(columns)
    update_columns = list(columns if update_columns is None else update_columns)
    if not con.in_transaction:
        con.execute("BEGIN")  # what sqlite3 does before the first write; the caller commits
    now = now_utc()

    def assign(c):
        return f"{c} = coalesce(?, {c})" if c in keep_when_null else f"{c} = ?"

    if updates:  # updated_at is left to the trigger: an update row may turn out to change nothing
        update_rows(con, table, [assign(c) for c in [*update_columns, "geom"]] + ["updated_by = ?"], updates)
    if inserts:
        extra = [c for c in ("uuid", "updated_at") if c not in columns]
        ids = new_uuids(len(inserts)) if "uuid" in extra else None
        head = [*columns, "geom", "updated_by", *extra]
        rows = []
        for k, r in enumerate(inserts):
            add = [ids[k]] if ids is not None else []
            if "updated_at" in extra:
                add.append(now)
            rows.append([*r, *add])
        at = len(columns)
        insert_rows(con, table, head, rows, blobs=[r[at] for r in inserts])
