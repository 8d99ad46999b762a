"""Streetlights from OpenStreetMap (``highway=street_lamp`` nodes) and from survey layers.

OSM tags kept: ``ref``, ``support``, ``lamp_mount``, ``lamp_type`` / ``light:method`` (the lamp
technology), ``light:count``, ``light:colour``, ``operator`` (owner). A survey layer's free-text
condition notes (e.g. Khon Kaen's ``Description``: "เสาไฟถนน สภาพดี มีกิ่งไม้พาด") become a status with
:func:`cddp_plugin.core.lighting.status_from_note`, and the reason is kept in ``note``. Re-imports
update lamps with the same ``osm_id`` or ``ref`` (else a lamp within 0.5 m) instead of duplicating; repeated
refs are matched by position, not by order. An update writes only the columns the source carries
(``LampReport.columns``) and never replaces a value by a missing one or a status by ``unknown``, so a
survey without owner or circuit, or an OSM extract (which has no status), blanks nothing
(:func:`cddp_plugin.core.lighting.jobs.upsert_lamps`).
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field
from pathlib import Path

from ..common.crs import to_workspace_crs
from ..common.errors import CddpError
from ..common.fields import check_targets, detect_mapping
from ..common.i18n import translate
from ..common.pii import scrub_pii
from ..common.thai import to_arabic_digits
from ..common.values import text_or_none
from ..roads.network import normalise_osm_id, osm_tags

CANDIDATES: dict[str, tuple[str, ...]] = {
    "ref": ("pole_no", "pole_id", "pole", "รหัสเสา", "เลขเสา", "หมายเลขเสา"),
    "lamp_type": ("lamp", "light_method", "ชนิดหลอด", "title"),
    "support": ("mount", "การติดตั้ง"),
    "light_count": ("lamps", "light_count", "จำนวนดวง", "จำนวนหลอด"),
    "power_w": ("watt", "watts", "power", "กำลังไฟ", "วัตต์"),
    "circuit": ("circuit_id", "วงจร"),
    "owner": ("operator", "เจ้าของ", "หน่วยงาน"),
    "status": ("condition_status", "สถานะ"),
    "note": ("description", "condition", "remark", "หมายเหตุ", "สภาพ", "รายละเอียด"),
    "installed_on": ("install_date", "วันที่ติดตั้ง"),
}
_LAMP_TYPES = (
    (r"led|แอลอีดี", "led"),
    (r"high.?pressure.?sodium|hps|son|โซเดียมความดันสูง", "hps"),
    (r"low.?pressure.?sodium|lps|sox|โซเดียมความดันต่ำ", "lps"),
    (r"metal.?halide|mh|เมทัล", "mh"),
    (r"fluorescent|ฟลูออ|นีออน", "fluorescent"),
    (r"sodium|โซเดียม", "hps"),
    (r"mercury|incandescent|halogen|\bgas\b", "other"),
    (r"^electric$", "unknown"),  # OSM lamp_type=electric: not gas, technology not said
)
_SUPPORTS = {"pole": "pole", "wall_mounted": "wall_mounted", "wall": "wall_mounted", "suspended": "suspended",
             "ceiling": "suspended", "ground": "ground", "pedestal": "ground"}  # fmt: skip
_OWNERS = (
    (r"provincial electricity|การไฟฟ้าส่วนภูมิภาค|กฟภ|\bpea\b", "pea"),
    (r"metropolitan electricity|การไฟฟ้านครหลวง|กฟน|\bmea\b", "mea"),
    (r"municipal|เทศบาล|อบต|องค์การบริหารส่วนตำบล|กรุงเทพมหานคร|bangkok metropolitan|\bbma\b|สำนักงานเขต", "municipality"),
)


def lamp_type_from_text(value: object) -> str | None:
    text = str(value or "").strip().lower()
    if not text:
        return None
    return next((code for pattern, code in _LAMP_TYPES if re.search(pattern, text)), None)


def owner_from_text(value: object) -> str | None:
    text = str(value or "").strip().lower()
    if not text:
        return None
    return next((code for pattern, code in _OWNERS if re.search(pattern, text)), "other")


def _int(value) -> int | None:
    try:
        v = float(to_arabic_digits(str(value)).strip())
    except (TypeError, ValueError):
        return None
    return int(v) if math.isfinite(v) and v >= 0 else None


@dataclass
class LampReport:
    read: int = 0
    imported: int = 0
    inserted: int = 0
    updated: int = 0
    rejected: list[tuple[str, str]] = field(default_factory=list)
    by_status: dict[str, int] = field(default_factory=dict)
    mapping: dict[str, str] = field(default_factory=dict)
    changed: int = 0  # of the lamps updated, those whose values really changed (change-log entries)
    columns: list[str] = field(default_factory=list)  # streetlight columns the source provides (what updates write)
    matched_by: dict[str, int] = field(default_factory=dict)  # osm_id / ref / position → lamps matched by it
    layer: str = ""  # the source's name, for messages
    far_outside: int = 0  # lamps far outside the municipality (workspace/plausibility.py)
    plausibility: object = None  # the workspace.plausibility.Plausibility of the import


def read_osm_lamps(path: str | Path):
    """``highway=street_lamp`` nodes of an .osm.pbf/.osm file (GDAL's OSM driver, layer ``points``)."""
    from ..common import ogrio

    p = Path(path)
    if not p.is_file():
        raise CddpError(translate("core", "The OpenStreetMap file {path} does not exist."), path=str(p))
    try:
        return ogrio.read_dataframe(str(p), layer="points", where="highway = 'street_lamp'")
    except Exception as exc:
        raise CddpError(
            translate("core", "GDAL could not read {path} as OpenStreetMap data: {error}"), path=str(p), error=str(exc)
        ) from exc


def read_workspace_lamps(workspace_path: str, columns: list[str] | None = None):
    """The workspace's streetlights as a GeoDataFrame (all columns, or ``columns``; read-only)."""
    from ..common import ogrio

    return ogrio.read_dataframe(workspace_path, layer="streetlights", columns=columns)


def prepare_lamps(gdf, workspace_crs: str, overrides: dict[str, str] | None = None, source_crs: str | None = None,
                  layer_label: str = "streetlights", source_name: str | None = None):  # fmt: skip
    """OSM lamp nodes or a survey layer → (GeoDataFrame with the streetlights columns, report)."""
    import geopandas as gpd

    from .status import parse_status, status_from_note

    report = LampReport(read=len(gdf), layer=layer_label)
    if len(gdf) == 0:
        raise CddpError(translate("core", "{layer} has no streetlights."), layer=layer_label)
    is_osm = "other_tags" in gdf.columns and "osm_id" in gdf.columns
    tags = osm_tags(gdf) if is_osm else None
    columns = [c for c in gdf.columns if c != gdf.geometry.name]
    check_targets(overrides, CANDIDATES)  # also for OSM data, which ignores the mapping otherwise
    mapping = {} if is_osm else detect_mapping(columns, CANDIDATES, overrides)
    report.mapping = mapping
    report.columns = _provided_columns(is_osm, mapping)
    gdf = to_workspace_crs(gdf, workspace_crs, layer_label, source_crs)
    rows, geoms = [], []
    for i, geom in enumerate(gdf.geometry.values):
        label = f"#{i + 1}"
        if geom is None or geom.is_empty:
            report.rejected.append((label, translate("core", "no location")))
            continue
        if geom.geom_type != "Point":
            geom = geom.representative_point() if geom.geom_type != "MultiPoint" else geom.geoms[0]
        if is_osm:
            t = tags[i]
            ref = text_or_none(t.get("ref"))
            rec = {
                "osm_id": normalise_osm_id(gdf["osm_id"].iat[i], "node"),
                "ref": ref,
                "lamp_type": lamp_type_from_text(t.get("light:method") or t.get("lamp_type")),
                "support": _SUPPORTS.get(str(t.get("support", "")).lower())
                or (None if not t.get("support") else "other"),
                "light_count": _int(t.get("light:count")),
                "owner": owner_from_text(t.get("operator")),
                "status": "unknown",
                "note": "; ".join(f"{k}={t[k]}" for k in ("lamp_mount", "light:colour") if t.get(k)) or None,
            }
        else:

            def col(target, i=i):
                c = mapping.get(target)
                return gdf[c].iat[i] if c else None

            note_text = scrub_pii(text_or_none(col("note")))  # survey notes: no phones, e-mails, ids stored
            status = parse_status(col("status")) if text_or_none(col("status")) else None
            if text_or_none(col("status")) and status is None:
                report.rejected.append(
                    (label, translate("core", "status '{value}' is not a lamp status").format(value=col("status")))
                )
                continue
            reason = None
            if status is None:
                found = status_from_note(note_text)
                status, reason = found.status, (found.note("th") if note_text else None)
            lamp_type = lamp_type_from_text(col("lamp_type")) or lamp_type_from_text(note_text)

            rec = {
                "osm_id": None,
                "ref": text_or_none(col("ref")),
                "lamp_type": lamp_type,
                "support": _SUPPORTS.get(
                    str(col("support") or "").lower(), "pole" if "เสา" in str(col("lamp_type") or "") else None
                ),
                "light_count": _int(col("light_count")),
                "power_w": _int(col("power_w")),
                "circuit": text_or_none(col("circuit")),
                "owner": owner_from_text(col("owner")),
                "status": status,
                "note": "; ".join(x for x in (note_text, f"[{reason}]" if reason else None) if x) or None,
            }
        rec["source"] = source_name
        report.by_status[rec["status"]] = report.by_status.get(rec["status"], 0) + 1
        rows.append(rec)
        geoms.append(geom)
    out = gpd.GeoDataFrame(rows, geometry=geoms, crs=gdf.crs)
    report.imported = len(out)
    return out, report


def _provided_columns(is_osm: bool, mapping: dict[str, str]) -> list[str]:
    """The streetlight columns a source carries, so a re-import never blanks one it does not have.

    OSM: id, ref, technology, support, count, operator and the mount/colour note (never a status:
    OSM has none, the workspace's comes from faults and checks). A survey layer: its mapped fields,
    plus the lamp type and status read from its notes and the support read from its lamp type."""
    if is_osm:
        return ["osm_id", "ref", "lamp_type", "support", "light_count", "owner", "note"]
    have = set(mapping)
    if "note" in have:
        have |= {"lamp_type", "status"}
    if "lamp_type" in have:
        have.add("support")
    return [c for c in LAMP_COLUMNS if c in have]


LAMP_COLUMNS = ("osm_id", "ref", "lamp_type", "support", "light_count", "power_w", "circuit", "owner", "status", "note")
