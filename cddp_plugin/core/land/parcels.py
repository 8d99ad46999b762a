"""Land parcels from tax maps (แผนที่ภาษี) and DOL cadastre data: field mapping, document types,
area in rai-ngan-square wa, geometry repair, duplicate codes, and an upsert into the workspace."""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field

from ..common.crs import to_workspace_crs
from ..common.errors import CddpError
from ..common.fields import detect_mapping
from ..common.i18n import translate
from ..common.thai import to_arabic_digits
from .houseno import format_house_number, parse_house_number

SQM_PER_RAI, SQM_PER_NGAN, SQM_PER_WA = 1600.0, 400.0, 4.0

CANDIDATES: dict[str, tuple[str, ...]] = {
    "parcel_code": ("parcelcode", "pcl_code", "p_code", "tax_code", "รหัสแปลง", "รหัสแปลงที่ดิน"),
    "zone": ("zone_no", "โซน"),
    "block": ("block_no", "บล็อก", "บล๊อก"),
    "lot": ("lot_no", "ล็อต", "ลอต"),
    "doc_type": ("land_type", "doctype", "document_type", "deed_type", "ประเภทเอกสารสิทธิ์", "ประเภทเอกสาร"),
    "doc_no": ("deed_no", "chanote_no", "document_no", "เลขที่โฉนด", "เลขที่เอกสารสิทธิ์"),
    "land_no": ("landno", "parcel_no", "เลขที่ดิน"),
    "survey_no": ("survey", "surveyno", "survey_page", "หน้าสำรวจ"),
    "mapsheet": ("map_sheet", "sheet", "utm_sheet", "ระวาง"),
    "tambon_code": ("tam_code", "subdistrict_code", "รหัสตำบล"),
    "owner_name": ("owner", "ownername", "ชื่อเจ้าของ", "ผู้ถือกรรมสิทธิ์"),
    "house_no": ("hs_no", "houseno", "บ้านเลขที่"),
}

# (pattern on the normalised text, code) — first match wins; see DOMAIN.md "Land parcels".
_DOC_TYPES = (
    (r"^(โฉนด|ฉโนด|chanote|titledeed)", "chanote"),
    (r"^(นส3ก|นส3k|ns3k)", "ns3k"),
    (r"^(นส3|ns3)", "ns3"),
    (r"^(สปก|spk)", "spk401"),
    (r"^(สค1|sk1)", "sk1"),
)


def normalise_doc_type(value: object) -> tuple[str | None, str | None]:
    """Messy document-type text → (schema code, document number found in it).

    ``"นส3ก260"`` → ``("ns3k", "260")``; ``"โฉนดทีดิน"`` → ``("chanote", None)``; unknown text → ``("other", None)``.
    """
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return None, None
    text = to_arabic_digits(str(value)).strip()
    if not text:
        return None, None
    compact = re.sub(r"[\s.\-/]", "", text).lower().replace("น.ส.", "นส")
    code = next((c for pattern, c in _DOC_TYPES if re.match(pattern, compact)), "other")
    number = None
    if code in ("ns3k", "ns3", "chanote"):
        rest = re.sub(r"^\s*(โฉนด\S*|ฉโนด\S*|น\.?\s*ส\.?\s*3\s*ก?|ns3k?)", "", text, flags=re.IGNORECASE)
        m = re.search(r"(\d{2,7})", rest)
        number = m.group(1) if m else None
    return code, number


def rai_ngan_wa(area_sqm: float) -> tuple[int, int, float]:
    """1 rai = 4 ngan = 400 square wa = 1,600 m². Square wa to one decimal, carried when it rounds to 100."""
    if area_sqm is None or not math.isfinite(area_sqm) or area_sqm < 0:
        raise ValueError(area_sqm)
    rai = int(area_sqm // SQM_PER_RAI)
    rest = area_sqm - rai * SQM_PER_RAI
    ngan = int(rest // SQM_PER_NGAN)
    wa = round((rest - ngan * SQM_PER_NGAN) / SQM_PER_WA, 1)
    if wa >= 100.0:
        wa, ngan = 0.0, ngan + 1
    if ngan >= 4:
        ngan, rai = 0, rai + 1
    return rai, ngan, wa


@dataclass
class ParcelReport:
    read: int = 0
    imported: int = 0
    inserted: int = 0
    updated: int = 0
    repaired: list[str] = field(default_factory=list)  # parcel labels whose geometry was repaired
    rejected: list[tuple[str, str]] = field(default_factory=list)  # (label, reason)
    duplicates: dict[str, int] = field(default_factory=dict)  # parcel_code → count in the input
    mapping: dict[str, str] = field(default_factory=dict)
    doc_types: dict[str, int] = field(default_factory=dict)
    carried: tuple[str, ...] = ()  # workspace columns the input has (only these may be changed; see reimport.py)
    unchanged: int = 0  # matched parcels whose stored values and shape already equal the input's
    matched_by_code: int = 0  # a code held by one stored and one input parcel
    matched_by_shape: int = 0  # repeated or missing codes: matched by identical shape or overlap
    layer: str = ""  # the input's label, for messages
    far_outside: int = 0  # parcels far outside the municipality (workspace/plausibility.py)
    plausibility: object = None  # the workspace.plausibility.Plausibility of the import


def _clean_text(v) -> str | None:
    if v is None or (isinstance(v, float) and math.isnan(v)):
        return None
    s = to_arabic_digits(str(v)).strip()
    return s or None


def _polygonal(geom):
    """The polygonal part of a repaired geometry as a MultiPolygon, or None."""
    import shapely
    from shapely.geometry import MultiPolygon, Polygon

    if geom is None or geom.is_empty:
        return None
    if isinstance(geom, Polygon):
        return MultiPolygon([geom])
    if isinstance(geom, MultiPolygon):
        return geom
    parts = [g for g in shapely.get_parts(geom) if isinstance(g, Polygon | MultiPolygon) and not g.is_empty]
    polys = []
    for p in parts:
        polys.extend(p.geoms if isinstance(p, MultiPolygon) else [p])
    return MultiPolygon(polys) if polys else None


def _require_polygons(gdf, layer_label: str) -> None:
    """Parcels are polygons: a point or line file (household points, roads) is refused by what it is."""
    kinds = {str(k).removeprefix("Multi") for k in gdf.geometry.dropna().geom_type.unique()}
    if not kinds or "Polygon" in kinds:
        return
    if kinds == {"Point"}:
        message = translate(
            "core",
            "{layer} has points, not polygons: parcels must be polygons (the land parcels of the tax map or DOL data). Choose the parcels file; household points are imported with Import households.",
        )
    else:
        message = translate(
            "core",
            "{layer} has lines, not polygons: parcels must be polygons (the land parcels of the tax map or DOL data). Choose the parcels file; roads are imported with Import roads.",
        )
    raise CddpError(message, layer=layer_label)


def prepare_parcels(gdf, workspace_crs: str, overrides: dict[str, str] | None = None, source_crs: str | None = None,
                    layer_label: str = "parcels", source_name: str | None = None):  # fmt: skip
    """Map fields, reproject, repair and check geometries. Returns (GeoDataFrame in the schema, report)."""
    import geopandas as gpd
    import numpy as np
    import shapely

    report = ParcelReport(read=len(gdf), layer=source_name or layer_label)
    if len(gdf) == 0:
        raise CddpError(translate("core", "{layer} has no features."), layer=layer_label)
    _require_polygons(gdf, layer_label)
    mapping = detect_mapping([c for c in gdf.columns if c != gdf.geometry.name], CANDIDATES, overrides)
    if "parcel_code" not in mapping and not {"zone", "block", "lot"} <= set(mapping) and "land_no" not in mapping:
        raise CddpError(
            translate(
                "core",
                "{layer}: no parcel identifier found. Map parcel_code (or zone, block and lot, or land_no) to one of its fields: {fields}.",
            ),
            layer=layer_label,
            fields=", ".join(c for c in gdf.columns if c != gdf.geometry.name),
        )
    report.mapping = mapping
    derived = {"area_sqm", "area_rai", "area_ngan", "area_wa"}  # from the geometry, which every parcel has
    if {"zone", "block", "lot"} <= set(mapping):
        derived.add("parcel_code")
    report.carried = tuple(c for c in PARCEL_COLUMNS if c in mapping or c in derived)
    gdf = to_workspace_crs(gdf, workspace_crs, layer_label, source_crs)

    out = {}
    for target in (
        "parcel_code",
        "zone",
        "block",
        "lot",
        "doc_no",
        "land_no",
        "survey_no",
        "mapsheet",
        "tambon_code",
        "owner_name",
        "house_no",
    ):
        col = mapping.get(target)
        out[target] = [_clean_text(v) for v in gdf[col]] if col else [None] * len(gdf)
    if "parcel_code" not in mapping and {"zone", "block", "lot"} <= set(mapping):
        out["parcel_code"] = [
            (f"{z}{b[len(z) :] if b.startswith(z) else b}{lot}" if z and b and lot else None)
            for z, b, lot in zip(out["zone"], out["block"], out["lot"], strict=True)
        ]
    out["house_no"] = [format_house_number(parse_house_number(v)) if v else None for v in out["house_no"]]
    doc_col = mapping.get("doc_type")
    doc_types, doc_nos = [], []
    for i, raw in enumerate(gdf[doc_col] if doc_col else [None] * len(gdf)):
        code, number = normalise_doc_type(raw)
        doc_types.append(code)
        doc_nos.append(out["doc_no"][i] or number)
        if code:
            report.doc_types[code] = report.doc_types.get(code, 0) + 1
    out["doc_type"], out["doc_no"] = doc_types, doc_nos

    geoms = np.asarray(gdf.geometry.values, dtype=object)
    labels = [out["parcel_code"][i] or out["land_no"][i] or f"#{i + 1}" for i in range(len(gdf))]
    keep = np.ones(len(gdf), dtype=bool)
    missing = shapely.is_missing(geoms)
    empty = ~missing & shapely.is_empty(geoms)
    invalid = ~missing & ~empty & ~shapely.is_valid(geoms)
    for i in np.flatnonzero(missing | empty):
        report.rejected.append(
            (labels[i], translate("core", "no geometry") if missing[i] else translate("core", "empty geometry"))
        )
        keep[i] = False
    fixed = list(geoms)
    for i in np.flatnonzero(invalid):
        repaired = _polygonal(shapely.make_valid(geoms[i]))
        if repaired is None or repaired.area <= 0:
            report.rejected.append(
                (labels[i], translate("core", "invalid geometry that cannot be repaired into a polygon"))
            )
            keep[i] = False
        else:
            fixed[i] = repaired
            report.repaired.append(labels[i])
    for i in np.flatnonzero(keep & ~invalid):
        poly = _polygonal(fixed[i])
        if poly is None:
            report.rejected.append((labels[i], translate("core", "not a polygon")))
            keep[i] = False
        else:
            fixed[i] = poly
    result = gpd.GeoDataFrame(
        {k: [v[i] for i in range(len(gdf)) if keep[i]] for k, v in out.items()},
        geometry=[fixed[i] for i in range(len(gdf)) if keep[i]],
        crs=gdf.crs,
    )
    area = result.geometry.area.to_numpy()
    rnw = [rai_ngan_wa(a) for a in area]
    result["area_sqm"] = np.round(area, 2)
    result["area_rai"] = [r for r, _, _ in rnw]
    result["area_ngan"] = [n for _, n, _ in rnw]
    result["area_wa"] = [w for _, _, w in rnw]
    result["source"] = source_name
    codes = result["parcel_code"].dropna()
    dup = codes[codes.duplicated(keep=False)].value_counts()
    report.duplicates = {str(k): int(v) for k, v in dup.items()}
    report.imported = len(result)
    return result, report


PARCEL_COLUMNS = ("parcel_code", "zone", "block", "lot", "doc_type", "doc_no", "land_no", "survey_no", "mapsheet",
                  "tambon_code", "area_sqm", "area_rai", "area_ngan", "area_wa", "owner_name", "house_no", "source")  # fmt: skip


def _geom_key(blob: bytes | None) -> str | None:
    if blob is None:
        return None
    import hashlib

    return hashlib.sha1(bytes(blob[8 + 32 :])).hexdigest()  # the WKB after the XY-envelope header
