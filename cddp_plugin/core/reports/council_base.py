"""What every council map set shares: the table type, the zones (หมู่ / ชุมชน), the workspace's
fingerprint and as-of time, the PDPA check and writing the tables as CSV and XLSX.

Read-only: nothing here writes to the workspace.

:class:`CouncilTable` keeps its ``frame`` with Thai column headings (what the council reads) and
``columns_en`` mapping each Thai heading to its English one (``table.english()`` gives the frame
with English headings). Cells hold plain values (numbers stay numbers); :meth:`CouncilTable.display`
gives the text a page prints (thousands separators, Thai or Arabic digits by the set's switch).
``zone_keys`` (one per row, or None) lets an atlas page keep the rows of its own zone
(:meth:`CouncilTable.for_zone`): filtered by the zone's key, never by intersection.
"""

from __future__ import annotations

import datetime as _dt
import hashlib
import os
from dataclasses import dataclass, field
from pathlib import Path

from ..common.errors import CddpError
from ..common.i18n import translate
from ..common.numbers import MISSING, format_number
from ..common.pii import scrub_pii_counts
from ..common.thai import digits as _digits
from ..workspace import schema

MAP_SETS = ("road_plan", "streetlights", "complaints", "flood")
OUTSIDE_KEY = "outside"  # rows of things that lie in no zone
OUTSIDE_TH, OUTSIDE_EN = "นอกเขตหมู่ / ชุมชน", "Outside the zones"
TOTAL_TH, TOTAL_EN = "รวม", "Total"

_NO_VILLAGES = translate(
    "core",
    "The workspace {path} has no villages or zones (the villages layer is empty). Import the หมู่ / ชุมชน boundaries with cddp:importvillages, then run again.",
)
_NO_CRS = translate(
    "core",
    "The villages layer of {path} has no coordinate reference system; import the zones again with cddp:importvillages.",
)
_PERSONAL = translate(
    "core",
    "Table '{table}' would print personal data (column '{column}'); council tables carry counts only. Nothing was written.",
)
_PERSONAL_VALUE = translate(
    "core",
    "Table '{table}' would print contact details ({kind}) in column '{column}'; council tables carry counts only. Nothing was written.",
)
_FOLDER = translate("core", "Cannot write the tables to {folder}: {error}. Choose a folder you can write to.")
_STEM = translate(
    "core", "The file name stem '{stem}' must be plain letters, digits, '-' or '_' (e.g. council_road_plan)."
)


@dataclass
class CouncilTable:
    key: str  # file stem, ASCII
    title_th: str
    title_en: str
    frame: object  # pandas.DataFrame, Thai column headings
    total_row: bool  # the last row is a total
    columns_en: dict[str, str] = field(default_factory=dict)  # Thai heading → English heading
    zone_keys: list | None = None  # one zone key per row (None for a total row), or None: not per zone
    notes_th: list[str] = field(default_factory=list)  # footnotes printed under the table
    decimals: dict[str, int | list[int]] = field(default_factory=dict)  # Thai heading → decimals (default 0)
    rows_en: list[str] | None = None  # item–value tables: the English of the first column's items

    def english(self):
        """The frame with English headings (and English items in an item–value table)."""
        frame = self.frame.rename(columns=self.columns_en)
        if self.rows_en is not None and len(self.rows_en) == len(frame):
            frame[frame.columns[0]] = self.rows_en
        return frame

    def for_zone(self, zone_key: str) -> CouncilTable:
        """The rows of one zone (no total row), for an atlas page."""
        if self.zone_keys is None:
            return self
        keep = [k == zone_key for k in self.zone_keys]
        frame = self.frame[keep].reset_index(drop=True)
        decimals = {col: [p for p, k in zip(v, keep, strict=True) if k] if isinstance(v, list | tuple) else v
                    for col, v in self.decimals.items()}  # fmt: skip
        return CouncilTable(self.key, self.title_th, self.title_en, frame, False, dict(self.columns_en),
                            [zone_key] * len(frame), list(self.notes_th), decimals)  # fmt: skip

    def display(self, digits: str = "arabic"):
        """The frame as the text a page prints: numbers with thousands separators, — for missing,
        every digit Thai or Arabic."""
        import pandas as pd

        out = pd.DataFrame(index=self.frame.index)
        for col in self.frame.columns:
            places = self.decimals.get(col, 0)  # one number for the column, or one per row
            per_row = places if isinstance(places, list | tuple) else [places] * len(self.frame)
            out[col] = [_digits(_cell_text(v, p), digits) for v, p in zip(self.frame[col], per_row, strict=True)]
        return out


def _cell_text(value: object, places: int) -> str:
    import math

    if value is None or (isinstance(value, float) and math.isnan(value)):
        return MISSING
    if isinstance(value, bool):
        return "✓" if value else ""
    if isinstance(value, int | float) or hasattr(value, "dtype"):
        try:
            return format_number(value, places)
        except (TypeError, ValueError):
            return str(value)
    return str(value)


# ------------------------------------------------------------------------------------------------
# PDPA


def _personal_names() -> set[str]:
    names: set[str] = set()
    for layer in schema.LAYERS:
        for f in layer.all_fields:
            if f.cls in (schema.PERSONAL, schema.SENSITIVE):
                names.update(x.strip().lower() for x in (f.name, f.alias_th, f.alias_en))
    names.update({"resident_names", "owner_name", "full_name"})
    return names


_PERSONAL_NAMES = frozenset(_personal_names())


def assert_no_personal(frame, table: str = "") -> None:
    """Raise a CddpError if a column of ``frame`` is (or is named like) a personal or sensitive field
    of the workspace schema (its name, Thai or English alias), an English heading named for names,
    phones or ids, or if a text cell holds an e-mail address or LINE id."""
    from ..workspace.privacy import is_personal_column

    for col in frame.columns:
        name = str(col).strip()
        # the name patterns only on ASCII headings: Thai words hold their letters (ทรุดโทรม has โทร)
        if name.lower() in _PERSONAL_NAMES or (name.isascii() and is_personal_column(name)):
            raise CddpError(_PERSONAL, table=table, column=name)
    for col in frame.columns:
        values = frame[col]
        if values.dtype != object:
            continue
        for v in values:
            if isinstance(v, str) and v:
                _, counts = scrub_pii_counts(v)
                # e-mails and LINE ids only: OSM way ids in section ids (W1010499611-0001) read as
                # national ids or phones; names and numbers are kept out by reading public fields only
                counts = {k: n for k, n in counts.items() if k in ("email", "line_id")}
                if counts:
                    raise CddpError(_PERSONAL_VALUE, table=table, column=str(col), kind=", ".join(sorted(counts)))


def checked(table: CouncilTable) -> CouncilTable:
    """Every table builder returns its tables through this: the PDPA check on both headings."""
    assert_no_personal(table.frame, table.key)
    assert_no_personal(table.english(), table.key)
    return table


# ------------------------------------------------------------------------------------------------
# Zones


def zone_word(workspace_path) -> str:
    """What the workspace's zones are called after "ราย…" in a title: หมู่, ชุมชน, แขวง or เขตแผนที่ภาษี
    (the kind cddp:importvillages recorded)."""
    from ..land.villages import kind_label, zone_kind

    label = kind_label(zone_kind(workspace_path), "th")
    return "หมู่" if label == "หมู่บ้าน" else label


def zones(workspace_path):
    """The workspace's villages / zones: ``village_no``, ``name_th``, ``zone_key`` (ASCII, unique:
    ``z01`` for หมู่ 1, ``fid7`` for a zone without a number), ``label_th`` and the geometry, sorted
    by number. An empty villages layer is a CddpError telling the user to run cddp:importvillages."""
    import numpy as np

    from ..common import ogrio

    frame = ogrio.read_dataframe(
        os.fspath(workspace_path), layer="villages", columns=["village_no", "name_th"], fid_as_index=True
    )
    if len(frame) == 0 or frame.geometry.isna().all():
        raise CddpError(_NO_VILLAGES, path=os.fspath(workspace_path))
    if frame.crs is None:
        raise CddpError(_NO_CRS, path=os.fspath(workspace_path))
    frame = frame[frame.geometry.notna()].copy()
    numbers = frame["village_no"].to_numpy(dtype=float)
    keys = []
    labels = []
    seen: set[str] = set()
    for fid, number, name in zip(frame.index, numbers, frame["name_th"], strict=True):
        key = f"z{int(number):02d}" if np.isfinite(number) else f"fid{int(fid)}"
        if key in seen:
            key = f"{key}_fid{int(fid)}"
        seen.add(key)
        keys.append(key)
        text = name.strip() if isinstance(name, str) and name.strip() else ""
        labels.append(text or (f"หมู่ที่ {int(number)}" if np.isfinite(number) else f"เขต {int(fid)}"))
    frame["zone_key"] = keys
    frame["label_th"] = labels
    frame["village_no"] = [int(n) if np.isfinite(n) else None for n in numbers]
    frame["_order"] = np.where(np.isfinite(numbers), numbers, 1e9 + np.asarray(frame.index, dtype=float))
    frame = frame.sort_values("_order").drop(columns="_order").reset_index(drop=True)
    return frame[["village_no", "name_th", "zone_key", "label_th", frame.geometry.name]]


def zone_of_points(zone_frame, geoms):
    """The zone key of each point (or of each polygon's representative point); ``OUTSIDE_KEY`` for
    points in no zone or without a geometry. ``geoms`` must be in the zones' CRS."""
    import numpy as np
    import shapely

    g = np.asarray(geoms, dtype=object)
    out = np.full(len(g), OUTSIDE_KEY, dtype=object)
    present = ~shapely.is_missing(g)
    if not present.any():
        return out
    pts = g[present]
    not_point = shapely.get_type_id(pts) != 0
    if not_point.any():
        pts = pts.copy()
        pts[not_point] = shapely.point_on_surface(pts[not_point])
    tree = shapely.STRtree(zone_frame.geometry.values)
    idx_pt, idx_zone = tree.query(pts, predicate="intersects")
    first = {}
    for p, z in zip(idx_pt.tolist(), idx_zone.tolist(), strict=True):
        first.setdefault(p, z)  # on a shared boundary: the first zone
    keys = zone_frame["zone_key"].to_numpy(dtype=object)
    sub = np.full(len(pts), OUTSIDE_KEY, dtype=object)
    for p, z in first.items():
        sub[p] = keys[z]
    out[present] = sub
    return out


def zone_rows(zone_frame, extra_outside: bool):
    """(zone keys, หมู่ที่ column, label column) for a per-zone table, with the "outside" row when asked."""
    keys = list(zone_frame["zone_key"])
    numbers = [n if n is not None else MISSING for n in zone_frame["village_no"]]
    labels = list(zone_frame["label_th"])
    if extra_outside:
        keys.append(OUTSIDE_KEY)
        numbers.append(MISSING)
        labels.append(OUTSIDE_TH)
    return keys, numbers, labels


def to_crs(frame, crs):
    """``frame`` in ``crs`` (a copy only when it differs)."""
    if frame.crs is None or crs is None or frame.crs.equals(crs):
        return frame
    return frame.to_crs(crs)


# ------------------------------------------------------------------------------------------------
# Fingerprint and as-of


def _state(workspace_path) -> tuple[list, list[str]]:
    """(what identifies the data's state, every last-edit time) of a workspace, read-only."""
    from ..workspace import gpkg

    con = gpkg.connect(os.fspath(workspace_path), readonly=True)
    try:
        parts: list = [schema.SCHEMA_VERSION]
        times: list[str] = []
        row = con.execute("SELECT max(seq), count(*), max(changed_at) FROM cddp_changelog").fetchone()
        parts.append(tuple(row[:2]))
        if row[2]:
            times.append(row[2])
        tables = {r[0] for r in con.execute("SELECT table_name FROM gpkg_contents")}
        for layer in schema.LAYERS:
            if layer.name not in tables:
                continue
            r = con.execute(
                f'SELECT count(*), max(fid), max(updated_at), total(version) FROM "{layer.name}"'
            ).fetchone()
            parts.append((layer.name, *r))
            if r[2]:
                times.append(str(r[2]))
        created = con.execute("SELECT value FROM cddp_meta WHERE key = 'created_at'").fetchone()
        if created and created[0]:
            times.append(created[0])
    finally:
        con.close()
    return parts, times


def fingerprint(workspace_path) -> str:
    """A short (10 hex digits) fingerprint of the workspace's data: the schema version, the change
    log's last sequence number and length, and per layer the row count, highest fid, latest edit and
    the sum of server versions — so any insert, update or delete (also a sync's, which is not logged)
    changes it, and the same data always gives the same value. Read-only."""
    parts, _ = _state(workspace_path)
    return hashlib.sha256(repr(parts).encode("utf-8")).hexdigest()[:10]


def as_of(workspace_path) -> _dt.datetime:
    """The time of the workspace's latest edit (UTC): the latest change-log entry or ``updated_at``
    of any layer; the creation time for a workspace never edited."""
    from ..common.times import parse_datetime

    _, times = _state(workspace_path)
    moments = []
    for t in times:
        try:
            moments.append(parse_datetime(t, _dt.UTC).astimezone(_dt.UTC))
        except (ValueError, TypeError):
            continue
    return max(moments) if moments else _dt.datetime.fromtimestamp(os.path.getmtime(workspace_path), _dt.UTC)


# ------------------------------------------------------------------------------------------------
# Files


def _sheet_name(title: str, used: set[str]) -> str:
    base = "".join(c for c in title if c not in "[]:*?/\\")[:31] or "table"
    name, n = base, 2
    while name.lower() in used:
        suffix = f" ({n})"
        name, n = base[: 31 - len(suffix)] + suffix, n + 1
    used.add(name.lower())
    return name


def _file_frame(table: CouncilTable, digits: str):
    """The frame as written to a file: Arabic digits keep numbers as numbers (Excel can add them);
    Thai digits write every cell as text."""
    frame = table.frame.copy()
    if digits == "thai":
        return table.display("thai")
    _digits("", digits)  # a bad style is a clear error
    for col in frame.columns:
        if frame[col].dtype == object:
            frame[col] = [v if v is None or isinstance(v, str | int | float) else str(v) for v in frame[col]]
    return frame


def write_tables(tables, folder, stem: str, digits: str = "arabic") -> list[Path]:
    """Every table as ``<stem>_<key>.csv`` (UTF-8 with a byte-order mark, so Excel opens Thai) and all of
    them as ``<stem>.xlsx``, one sheet per table (written with GDAL's XLSX driver, no openpyxl), in
    ``folder``. Row counts of the files equal the tables'. Returns the paths written."""
    import re

    from ..common import ogrio

    if not re.fullmatch(r"[A-Za-z0-9_\-]+", stem or ""):
        raise CddpError(_STEM, stem=stem)
    folder = Path(folder)
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise CddpError(_FOLDER, folder=str(folder), error=exc.strerror or str(exc)) from exc
    written: list[Path] = []
    frames = []
    for table in tables:
        checked(table)
        frame = _file_frame(table, digits)
        frames.append((table, frame))
        path = folder / f"{stem}_{table.key}.csv"
        try:
            frame.to_csv(path, index=False, encoding="utf-8-sig")
        except OSError as exc:
            raise CddpError(_FOLDER, folder=str(folder), error=exc.strerror or str(exc)) from exc
        written.append(path)
    xlsx = folder / f"{stem}.xlsx"
    used: set[str] = set()
    try:
        if xlsx.exists():
            xlsx.unlink()
        for i, (table, frame) in enumerate(frames):
            ogrio.write_dataframe(frame, xlsx, "XLSX", layer=_sheet_name(table.title_th, used), append=i > 0)
    except OSError as exc:
        raise CddpError(_FOLDER, folder=str(folder), error=exc.strerror or str(exc)) from exc
    if frames:
        written.append(xlsx)
    return written
