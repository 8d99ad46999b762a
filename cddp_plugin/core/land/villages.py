"""Village (หมู่) and community (ชุมชน) boundaries — the zones council maps are printed per page.

Read from any polygon layer: a number field (``3``, ``๓``, ``หมู่ ๓``, ``ม.3``, ``หมู่ที่ 3``, ``03``),
an optional Thai name, English name and tambon code. Geometries are reprojected to the workspace
CRS, stored as MultiPolygons; invalid ones are repaired and counted; a feature without geometry or
without a number is rejected with its reason.

A zone is identified by **(tambon code, number)**: a municipality that spans several tambons has a
หมู่ 1 in each. Two polygons with the same identity are refused, listing them, unless the import is
told to merge them (``merge_duplicates``: one หมู่ drawn in several parts becomes one MultiPolygon).

What the zones are — villages, communities, tax-map zones or Bangkok's khwaeng — is one label per
workspace (``cddp_meta.zone_kind``; :data:`KINDS`), for legends and page titles; the schema's
``villages`` layer holds the polygons whatever their kind.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field

from ..common.crs import to_workspace_crs
from ..common.errors import CddpError
from ..common.fields import detect_mapping
from ..common.i18n import translate
from ..common.thai import to_arabic_digits
from ..common.values import is_null, text_or_none
from .parcels import _polygonal

VILLAGE_COLUMNS = ("village_no", "name_th", "name_en", "tambon_code")
MAX_VILLAGE_NO = 99  # schema: villages.village_no 1–99

# cddp_meta key holding what the workspace's zones are; without it they are villages.
ZONE_KIND_KEY = "zone_kind"
DEFAULT_KIND = "village"
# code → (Thai, English) label
KINDS: dict[str, tuple[str, str]] = {
    "village": ("หมู่บ้าน", "Village"),
    "community": ("ชุมชน", "Community"),
    "taxmap_zone": ("เขตแผนที่ภาษี", "Tax-map zone"),
    "khwaeng": ("แขวง", "Khwaeng (subdistrict)"),
}

# Usual names of the number and name fields (matched ignoring case, spaces, dots, dashes, underscores).
CANDIDATES: dict[str, tuple[str, ...]] = {
    "village_no": ("moo", "moo_no", "mu", "vill_no", "villno", "vil_no", "หมู่", "หมู่ที่", "community_no", "ชุมชนที่"),
    "name_th": ("name", "vill_name", "village_name", "vil_name_t", "vill_namt", "namt", "ชื่อหมู่บ้าน", "ชื่อชุมชน", "ชื่อ"),
    "name_en": ("name_eng", "vill_name_e", "vil_name_e", "name_e"),
    "tambon_code": ("tam_code", "subdist", "subdistrict_code", "tambon", "รหัสตำบล"),
}

# "หมู่ที่ 3", "หมู่ 3", "ม.3", "ม 3", "moo 3", "Village No. 3", "ชุมชนที่ 3", "โซน 03", "zone 3", "3", "03"
_NUMBER = re.compile(
    r"^(?:หมู่บ้าน|หมู่|ม\.?|ชุมชน|โซน|เขต|moo|mu|village|community|zone)?\s*(?:ที่|no\.?|#)?\s*(\d{1,3})(?:\.0+)?$",
    re.IGNORECASE,
)


def parse_village_number(value: object) -> int | None:
    """The number of a หมู่ / ชุมชน / zone, 1–99; None for a blank cell.

    ``3``, ``3.0``, ``"๓"``, ``"หมู่ ๓"``, ``"หมู่ที่ 3"``, ``"ม.3"``, ``"03"``, ``"Moo 3"`` → 3. Anything
    else (``"3ก"``, ``"สามัคคี"``, ``0``, ``120``) raises ValueError.
    """
    if is_null(value):
        return None
    if isinstance(value, bool):
        raise ValueError(value)
    if isinstance(value, int | float):
        if not math.isfinite(value) or value != int(value):
            raise ValueError(value)
        number = int(value)
    else:
        text = re.sub(r"\s+", " ", to_arabic_digits(str(value))).strip()
        if not text:
            return None
        m = _NUMBER.match(text)
        if m is None:
            raise ValueError(value)
        number = int(m.group(1))
    if not 1 <= number <= MAX_VILLAGE_NO:
        raise ValueError(value)
    return number


def kind_label(kind: str | None, language: str = "th") -> str:
    """The Thai (``language="th"``) or English label of a zone kind (:data:`KINDS`)."""
    th, en = KINDS.get(kind or DEFAULT_KIND, KINDS[DEFAULT_KIND])
    return th if language == "th" else en


def zone_kind(workspace_path) -> str:
    """What the workspace's zones are (a key of :data:`KINDS`; ``village`` when never set)."""
    from ..workspace.meta import read_meta

    value = (read_meta(workspace_path) or {}).get(ZONE_KIND_KEY)
    return value if value in KINDS else DEFAULT_KIND


def check_kind(kind: str | None) -> str | None:
    if kind is None or kind == "":
        return None
    if kind not in KINDS:
        raise CddpError(
            translate("core", "Unknown kind of zone '{kind}'; choose one of: {kinds}."),
            kind=kind,
            kinds=", ".join(KINDS),
        )
    return kind


@dataclass
class VillageReport:
    read: int = 0
    imported: int = 0  # zones to write after rejects and merges
    inserted: int = 0
    updated: int = 0
    unchanged: int = 0  # matched zones whose stored values and shape already equal the input's
    kept: int = 0  # stored zones the file does not have (never deleted)
    repaired: list[str] = field(default_factory=list)  # labels of zones whose geometry was repaired
    rejected: list[tuple[str, str]] = field(default_factory=list)  # (label, reason)
    merged: dict[str, int] = field(default_factory=dict)  # zone label → polygons merged into it
    mapping: dict[str, str] = field(default_factory=dict)  # target column → source field
    carried: tuple[str, ...] = ()  # workspace columns the input has (only these may change)
    kind: str | None = None  # the kind written (None: the stored one kept)
    kind_changed: bool = False
    layer: str = ""
    far_outside: int = 0
    plausibility: object = None


def _label(number, tambon) -> str:
    return f"{tambon}/{number}" if tambon else str(number)


def _require_polygons(gdf, layer_label: str) -> None:
    kinds = {str(k).removeprefix("Multi") for k in gdf.geometry.dropna().geom_type.unique()}
    kinds.discard("GeometryCollection")
    if not kinds:
        raise CddpError(
            translate(
                "core",
                "{layer} has no geometries: village and community boundaries must be polygons. Choose the boundary layer (หมู่บ้าน / ชุมชน polygons).",
            ),
            layer=layer_label,
        )
    if "Polygon" in kinds:
        return
    raise CddpError(
        translate(
            "core",
            "{layer} has {kinds}, not polygons: village and community boundaries must be polygons. Choose the boundary layer (หมู่บ้าน / ชุมชน polygons); a village's centre point is not enough.",
        ),
        layer=layer_label,
        kinds=", ".join(sorted(k.lower() for k in kinds)),
    )


def _field(gdf, name: str | None, parameter: str, layer_label: str) -> str | None:
    if not name:
        return None
    columns = [c for c in gdf.columns if c != gdf.geometry.name]
    if name in columns:
        return name
    folded = {str(c).casefold(): c for c in columns}
    if str(name).casefold() in folded:
        return folded[str(name).casefold()]
    raise CddpError(
        translate("core", "{layer} has no field '{field}' ({parameter}); its fields are: {fields}."),
        layer=layer_label,
        field=name,
        parameter=parameter,
        fields=", ".join(map(str, columns)),
    )


def _tambon(value) -> str | None:
    text = text_or_none(value, arabic_digits=True)
    if text is None:
        return None
    if re.fullmatch(r"\d+\.0+", text):
        text = text.split(".")[0]
    return text


def prepare_villages(gdf, workspace_crs: str, number_field: str | None = None, name_field: str | None = None,
                     name_en_field: str | None = None, tambon_field: str | None = None, *,
                     merge_duplicates: bool = False, source_crs: str | None = None,
                     layer_label: str = "villages", source_name: str | None = None):  # fmt: skip
    """Check fields, parse numbers, reproject, repair, and refuse or merge duplicates.

    Returns (GeoDataFrame with :data:`VILLAGE_COLUMNS` in the workspace CRS, :class:`VillageReport`).
    Fields not given are looked for under their usual names (:data:`CANDIDATES`). Nothing here writes.
    """
    import geopandas as gpd
    import numpy as np
    import shapely

    report = VillageReport(read=len(gdf), layer=source_name or layer_label)
    if len(gdf) == 0:
        raise CddpError(translate("core", "{layer} has no features."), layer=layer_label)
    _require_polygons(gdf, layer_label)
    given = {
        "village_no": _field(gdf, number_field, "NUMBER_FIELD", layer_label),
        "name_th": _field(gdf, name_field, "NAME_FIELD", layer_label),
        "name_en": _field(gdf, name_en_field, "NAME_EN_FIELD", layer_label),
        "tambon_code": _field(gdf, tambon_field, "TAMBON_FIELD", layer_label),
    }
    columns = [c for c in gdf.columns if c != gdf.geometry.name]
    detected = detect_mapping([c for c in columns if c not in given.values()], CANDIDATES)
    mapping = {k: v for k, v in given.items() if v}
    for target, col in detected.items():
        if target not in mapping and col not in mapping.values():
            mapping[target] = col
    if "village_no" not in mapping:
        raise CddpError(
            translate(
                "core",
                "{layer}: no village number field found. Set NUMBER_FIELD to the field that holds the หมู่ / ชุมชน number; its fields are: {fields}.",
            ),
            layer=layer_label,
            fields=", ".join(map(str, columns)),
        )
    report.mapping = mapping
    report.carried = tuple(c for c in VILLAGE_COLUMNS if c in mapping)

    numbers, bad = [], []
    for i, raw in enumerate(gdf[mapping["village_no"]].tolist()):
        try:
            numbers.append(parse_village_number(raw))
        except ValueError:
            numbers.append(None)
            bad.append(f"{i + 1}: '{raw}'")
    if bad:
        raise CddpError(
            translate(
                "core",
                "{layer}: {n} values of the number field {field} are not village numbers from 1 to 99 (row {examples}). Write them as 3, ๓, หมู่ 3 or ม.3, or set NUMBER_FIELD to the field that holds the number; nothing was imported.",
            ),
            layer=layer_label,
            n=len(bad),
            field=mapping["village_no"],
            examples="; ".join(bad[:10]),
        )

    def texts(target):
        col = mapping.get(target)
        return [text_or_none(v) for v in gdf[col].tolist()] if col else [None] * len(gdf)

    names, names_en = texts("name_th"), texts("name_en")
    tcol = mapping.get("tambon_code")
    tambons = [_tambon(v) for v in gdf[tcol].tolist()] if tcol else [None] * len(gdf)
    bad_tambons = sorted({t for t in tambons if t is not None and not re.fullmatch(r"\d{6}", t)})
    if bad_tambons:
        raise CddpError(
            translate(
                "core",
                "{layer}: the tambon codes in {field} must have 6 digits (DOPA code, e.g. 330506); found {examples}. Choose the tambon-code field as TAMBON_FIELD or leave it empty.",
            ),
            layer=layer_label,
            field=tcol,
            examples=", ".join(bad_tambons[:10]),
        )

    gdf = to_workspace_crs(gdf, workspace_crs, layer_label, source_crs)
    geoms = np.asarray(gdf.geometry.values, dtype=object)
    labels = [_label(n, t) if n is not None else f"#{i + 1}" for i, (n, t) in enumerate(zip(numbers, tambons, strict=True))]  # fmt: skip
    keep = np.ones(len(gdf), dtype=bool)
    missing = shapely.is_missing(geoms)
    empty = ~missing & shapely.is_empty(geoms)
    invalid = ~missing & ~empty & ~shapely.is_valid(geoms)
    fixed = list(geoms)
    for i in range(len(gdf)):
        if missing[i] or empty[i]:
            reason = translate("core", "no geometry") if missing[i] else translate("core", "empty geometry")
        elif numbers[i] is None:
            reason = translate("core", "no village number")
        else:
            poly = _polygonal(shapely.make_valid(geoms[i]) if invalid[i] else geoms[i])
            if poly is None or poly.area <= 0:
                reason = (
                    translate("core", "invalid geometry that cannot be repaired into a polygon")
                    if invalid[i]
                    else translate("core", "not a polygon")
                )
            else:
                fixed[i] = poly
                if invalid[i]:
                    report.repaired.append(labels[i])
                continue
        report.rejected.append((labels[i], reason))
        keep[i] = False

    groups: dict[tuple, list[int]] = {}
    for i in np.flatnonzero(keep):
        groups.setdefault((tambons[i], numbers[i]), []).append(int(i))
    duplicates = {k: v for k, v in groups.items() if len(v) > 1}
    if duplicates and not merge_duplicates:
        listed = "; ".join(
            f"{_label(n, t)} × {len(rows)} (rows {', '.join(str(r + 1) for r in rows[:5])})"
            for (t, n), rows in list(duplicates.items())[:10]
        )
        raise CddpError(
            translate(
                "core",
                "{layer}: {n} village numbers are on more than one polygon: {duplicates}. Nothing was imported. Correct the numbers, or set MERGE_DUPLICATES to merge the polygons of each number into one zone (a หมู่ drawn in several parts).",
            ),
            layer=layer_label,
            n=len(duplicates),
            duplicates=listed,
        )
    rows = {k: [] for k in VILLAGE_COLUMNS}
    out_geoms = []
    for (tambon, number), members in groups.items():
        geom = fixed[members[0]]
        if len(members) > 1:
            geom = _polygonal(shapely.make_valid(shapely.union_all([fixed[i] for i in members])))
            report.merged[_label(number, tambon)] = len(members)
        rows["village_no"].append(number)
        rows["name_th"].append(next((names[i] for i in members if names[i]), None))
        rows["name_en"].append(next((names_en[i] for i in members if names_en[i]), None))
        rows["tambon_code"].append(tambon)
        out_geoms.append(geom)
    if not out_geoms:
        raise CddpError(
            translate(
                "core",
                "{layer}: none of its {n} features can be imported (no geometry or no number); nothing was imported.",
            ),
            layer=layer_label,
            n=len(gdf),
        )
    result = gpd.GeoDataFrame(rows, geometry=out_geoms, crs=gdf.crs)
    report.imported = len(result)
    return result, report


def match_villages(keys, stored) -> tuple[list, list]:
    """(stored fid or None, method or None) per input zone.

    ``keys`` are ``(tambon_code, village_no)``; ``stored`` rows ``(fid, tambon_code, village_no)``. The same
    tambon and number match; else the same number when one side has no tambon code and exactly one
    unmatched stored zone has that number. The method is ``number``.
    """
    fids: list = [None] * len(keys)
    methods: list = [None] * len(keys)
    used: set = set()
    exact: dict[tuple, list] = {}
    for fid, tambon, number in stored:
        exact.setdefault((tambon, number), []).append(fid)
    for i, key in enumerate(keys):
        for fid in exact.get(key, ()):
            if fid not in used:
                fids[i], methods[i] = fid, "number"
                used.add(fid)
                break
    for i, (tambon, number) in enumerate(keys):
        if fids[i] is not None:
            continue
        cands = [f for f, t, n in stored if n == number and f not in used and (t is None or tambon is None)]
        if len(cands) == 1:
            fids[i], methods[i] = cands[0], "number"
            used.add(cands[0])
    return fids, methods
