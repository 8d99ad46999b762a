"""Cutting roads into inspection sections (by length or sample-unit area) with stable ids and chainage."""

from __future__ import annotations

import itertools
import math
from dataclasses import dataclass, field

from ..common.errors import CddpError
from ..common.i18n import translate
from ..workspace import gpkg
from .network import (
    DEFAULT_LANE_WIDTH_M,
    DEFAULT_SAMPLE_AREA_SQM,
    DEFAULT_SECTION_M,
    MIN_LENGTH_M,
    MIN_SECTION_M,
    SURFACES,
    parse_lanes,
    parse_width,
    section_breaks,
    section_id,
    unique_road_keys,
)

# --- segmentation ---------------------------------------------------------------------------------

SAME_SECTION_TOLERANCE_M = 1.0  # an old section keeps its uuid if both its ends moved less than this


@dataclass
class SegmentReport:
    mode: str = "length"
    roads: int = 0  # roads segmented
    sections: int = 0
    inserted: int = 0
    updated: int = 0  # old sections kept (same id and chainage) and rewritten
    changed: int = 0  # of those, sections whose values really changed
    deleted: int = 0
    skipped: list[tuple[str, str]] = field(default_factory=list)  # (road label, reason)
    width_source: dict[str, int] = field(default_factory=dict)  # width_m / lanes / default / none
    road_uuids: list[str] = field(default_factory=list)  # the roads segmented (their sections are replaced)
    moved: dict[str, int] = field(default_factory=dict)  # table → rows moved from deleted sections to new ones


def road_width(width_m: object = None, lanes: object = None, lane_width_m: float = DEFAULT_LANE_WIDTH_M,
               default_width_m: float | None = None) -> tuple[float | None, str]:  # fmt: skip
    """(width in m, where it came from): the road's ``width_m``, else ``lanes × lane_width_m``, else
    ``default_width_m``, else (None, ``"none"``)."""
    w = parse_width(width_m)
    if w:
        return w, "width_m"
    n = parse_lanes(lanes)
    if n:
        return n * lane_width_m, "lanes"
    if default_width_m:
        return float(default_width_m), "default"
    return None, "none"


def _ordered_parts(geom) -> list:
    """The parts of a road line in chainage order (see the module notes)."""
    import shapely
    from shapely.geometry import LineString, Point

    if geom is None or geom.is_empty:
        return []
    if isinstance(geom, LineString):
        return [geom]
    first = [p for p in shapely.get_parts(geom) if isinstance(p, LineString) and not p.is_empty]
    if not first:
        return []
    start = Point(first[0].coords[0])
    parts = [p for p in shapely.get_parts(shapely.line_merge(geom)) if isinstance(p, LineString) and not p.is_empty]
    if len(parts) <= 1:
        if parts and Point(parts[0].coords[-1]).equals(start) and not parts[0].is_closed:
            parts = [parts[0].reverse()]
        return parts
    head = next((i for i, p in enumerate(parts) if p.distance(start) < 1e-9), 0)
    ordered = [parts.pop(head)]
    if Point(ordered[0].coords[-1]).distance(start) < Point(ordered[0].coords[0]).distance(start):
        ordered[0] = ordered[0].reverse()
    while parts:
        end = Point(ordered[-1].coords[-1])
        best = min(range(len(parts)), key=lambda k: min(end.distance(Point(parts[k].coords[0])),
                                                        end.distance(Point(parts[k].coords[-1]))))  # fmt: skip
        nxt = parts.pop(best)
        if end.distance(Point(nxt.coords[-1])) < end.distance(Point(nxt.coords[0])):
            nxt = nxt.reverse()
        ordered.append(nxt)
    return ordered


def segment_line(geom, step: float) -> list[tuple[float, float, object]]:
    """(chainage from, chainage to, LineString) of every section of a road line cut every ``step`` m."""
    from shapely.ops import substring

    out = []
    offset = 0.0
    for part in _ordered_parts(geom):
        length = part.length
        if length < MIN_LENGTH_M:
            continue
        breaks = section_breaks(length, step)
        for a, b in itertools.pairwise(breaks):
            out.append((offset + a, offset + b, substring(part, a, b)))
        offset += length
    return out


def _check_number(value, message: str, lowest: float = 0.0, **params) -> float:
    """``value`` as a float, or a CddpError(``message``) if it is not a finite number of at least
    ``lowest`` (more than 0 when ``lowest`` is 0)."""
    try:
        v = float(value)
    except (TypeError, ValueError):
        v = float("nan")
    if not math.isfinite(v) or v < lowest or v <= 0:
        raise CddpError(message, value=value, **params)
    return v


def segment_roads(roads, mode: str = "length", length_m: float = DEFAULT_SECTION_M,
                  target_area_sqm: float = DEFAULT_SAMPLE_AREA_SQM, lane_width_m: float = DEFAULT_LANE_WIDTH_M,
                  default_width_m: float | None = None, keys: list[str] | None = None):  # fmt: skip
    """Cut roads into sections. ``roads``: a (Geo)DataFrame in a metric CRS with ``uuid``, ``osm_id``,
    ``road_code``, ``width_m``, ``lanes``, ``surface`` (and optionally ``name_th``/``name_en``) and
    line geometries; ``keys`` their stable keys (default: :func:`unique_road_keys` of these roads).
    ``mode`` ``"length"`` cuts every ``length_m``; ``"area"`` every ``target_area_sqm / width``.

    Returns (GeoDataFrame of road_sections columns, :class:`SegmentReport`).
    """
    import geopandas as gpd

    if mode not in ("length", "area"):
        raise CddpError(translate("core", "Unknown segmentation mode '{mode}'; use length or area."), mode=mode)
    if mode == "length":
        step = _check_number(length_m, translate("core", "The section length must be at least {minimum} m; got {value}."),
                             MIN_SECTION_M, minimum=MIN_SECTION_M)  # fmt: skip
    else:
        step = None
        _check_number(target_area_sqm, translate("core", "The sample-unit area must be more than 0 m²; got {value}."))
    _check_number(lane_width_m, translate("core", "The lane width must be more than 0 m; got {value}."))
    if default_width_m not in (None, ""):
        default_width_m = _check_number(default_width_m, translate("core", "The default road width must be more than 0 m; got {value}."))  # fmt: skip
    else:
        default_width_m = None
    crs = getattr(roads, "crs", None)
    if crs is not None and not crs.is_projected:
        raise CddpError(
            translate("core", "Roads must be in a projected CRS in metres to be cut into sections; they are in {crs}."),
            crs=crs.to_string(),
        )
    report = SegmentReport(mode=mode)

    def col(name):
        return roads[name].tolist() if name in roads.columns else [None] * len(roads)

    uuids, oids, codes = col("uuid"), col("osm_id"), col("road_code")
    keys = keys or unique_road_keys(zip(oids, codes, uuids, strict=True))
    widths, lanes, surfaces = col("width_m"), col("lanes"), col("surface")
    names_th, names_en = col("name_th"), col("name_en")
    rows, geoms = [], []
    for i, geom in enumerate(roads.geometry.values):
        label = " ".join(str(x) for x in (keys[i], names_th[i] or names_en[i]) if x)
        if geom is None or geom.is_empty or geom.length < MIN_LENGTH_M:
            report.skipped.append((label, translate("core", "the road has no length")))
            continue
        width, source = road_width(widths[i], lanes[i], lane_width_m, default_width_m)
        report.width_source[source] = report.width_source.get(source, 0) + 1
        road_step = step
        if mode == "area":
            if width is None:
                report.skipped.append((label, translate("core", "no width: the road has neither width_m nor lanes, and no default width was given")))  # fmt: skip
                continue
            road_step = float(target_area_sqm) / width
            if road_step < MIN_SECTION_M:
                report.skipped.append((label, translate("core", "sections of {area} m² at {width} m wide would be shorter than 1 m")
                                       .format(area=target_area_sqm, width=width)))  # fmt: skip
                continue
        pieces = segment_line(geom, road_step)
        report.roads += 1
        report.road_uuids.append(uuids[i])
        surface = surfaces[i] if surfaces[i] in SURFACES else "unknown"
        for n, (a, b, line) in enumerate(pieces, start=1):
            length = b - a
            rows.append({"road_uuid": uuids[i], "section_id": section_id(keys[i], n),
                         "chainage_from_m": round(a, 3), "chainage_to_m": round(b, 3), "length_m": round(length, 3),
                         "area_sqm": round(length * width, 2) if width else None, "surface": surface})  # fmt: skip
            geoms.append(line)
    report.sections = len(rows)
    columns = ["road_uuid", "section_id", "chainage_from_m", "chainage_to_m", "length_m", "area_sqm", "surface"]
    return gpd.GeoDataFrame(rows, columns=columns, geometry=geoms, crs=crs), report


_SECTION_COLUMNS = ("road_uuid", "section_id", "chainage_from_m", "chainage_to_m", "length_m", "area_sqm", "surface")


def read_workspace_roads(workspace_path: str):
    """All roads of a workspace as a GeoDataFrame (uuid, osm_id, road_code, names, surface, lanes, width_m)."""
    import geopandas as gpd

    con = gpkg.connect(workspace_path)
    try:
        srs = gpkg.srs_id(con, "roads")
        crs_row = con.execute(
            "SELECT organization, organization_coordsys_id FROM gpkg_spatial_ref_sys WHERE srs_id = ?", (srs,)
        ).fetchone()
        rows = con.execute(
            "SELECT uuid, osm_id, road_code, name_th, name_en, surface, lanes, width_m, geom FROM roads ORDER BY fid"
        ).fetchall()
    finally:
        con.close()
    cols = ["uuid", "osm_id", "road_code", "name_th", "name_en", "surface", "lanes", "width_m"]
    crs = f"{crs_row[0]}:{crs_row[1]}" if crs_row and crs_row[0] else None
    return gpd.GeoDataFrame(
        [r[:-1] for r in rows], columns=cols, geometry=[gpkg.from_blob(r[-1]) for r in rows], crs=crs
    )
