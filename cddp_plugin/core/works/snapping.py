"""Where complaints are: kept within the municipality's area, and snapped to the assets they are about (road sections, lamps) within a distance."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from ..common.errors import CddpError
from ..common.i18n import translate
from ..workspace import gpkg
from . import channels

# Which asset layers a complaint category can be about, in order of preference.
ASSET_LAYERS: dict[str, tuple[str, ...]] = {
    "road": ("road_sections",),
    "footpath": ("road_sections",),
    "obstruction": ("road_sections",),
    "drainage": ("road_sections",),
    "sign": ("road_sections",),
    "lighting": ("streetlights", "road_sections"),
    "electricity": ("streetlights",),
}
DEFAULT_SNAP_DISTANCE = 50.0  # phone GPS plus reporting from across the street


# ---------------------------------------------------------------------------------------------
# Snapping
# ---------------------------------------------------------------------------------------------


@dataclass
class Snap:
    """Per point: the asset layer, uuid and distance in metres (None when nothing is in reach)."""

    layer: list
    uuid: list
    distance: list

    def count(self) -> Counter:
        return Counter(v for v in self.layer if v is not None)


def snap_to_assets(points, categories: Iterable[object], assets: Mapping[str, tuple], max_distance: float) -> Snap:
    """The nearest asset of each point's category within ``max_distance`` (metres, projected CRS).

    ``points``: shapely points (None for no location); ``categories``: work categories;
    ``assets``: ``{layer: (geometries, uuids)}``. Categories and their layers: :data:`ASSET_LAYERS`.
    """
    import numpy as np
    import shapely

    distance = _positive_distance(max_distance)
    pts = np.asarray(points, dtype=object)
    cats = np.asarray([str(c) if c is not None else "" for c in categories], dtype=object)
    n = len(pts)
    if len(cats) != n:
        raise ValueError(f"{len(cats)} categories for {n} points")
    out_layer = np.full(n, None, dtype=object)
    out_uuid = np.full(n, None, dtype=object)
    out_dist = np.full(n, np.nan)
    usable = ~shapely.is_missing(pts) if n else np.zeros(0, bool)
    if n:
        usable &= ~shapely.is_empty(np.where(usable, pts, None))
    trees = {}
    for layer, (geoms, uuids) in assets.items():
        g = np.asarray(geoms, dtype=object)
        keep = ~shapely.is_missing(g)
        keep[keep] &= ~shapely.is_empty(g[keep])
        if keep.any():
            trees[layer] = (shapely.STRtree(g[keep]), np.asarray(uuids, dtype=object)[keep])
    max_rank = max((len(v) for v in ASSET_LAYERS.values()), default=0)
    for rank in range(max_rank):
        for layer, (tree, uuids) in trees.items():
            wanted = [c for c, layers in ASSET_LAYERS.items() if len(layers) > rank and layers[rank] == layer]
            if not wanted:
                continue
            todo = np.flatnonzero(usable & np.isin(cats, wanted) & (out_layer == None))  # noqa: E711
            if todo.size == 0:
                continue
            (i, j), d = tree.query_nearest(pts[todo], max_distance=distance, return_distance=True, all_matches=False)
            hit = todo[i]
            out_layer[hit] = layer
            out_uuid[hit] = uuids[j]
            out_dist[hit] = np.round(d, 2)
    dist = [None if not np.isfinite(v) else float(v) for v in out_dist]
    return Snap(out_layer.tolist(), out_uuid.tolist(), dist)


def _positive_distance(value: object) -> float:
    try:
        d = float(value)
    except (TypeError, ValueError):
        d = float("nan")
    if not d > 0 or d == float("inf"):
        raise CddpError(
            translate("core", "The snapping distance must be a positive number of metres; got '{value}'."), value=value
        )
    return d


def _workspace_crs(path: str) -> str:
    from ..workspace.meta import read_meta

    meta = read_meta(path)
    if not meta or "schema_version" not in meta:
        raise CddpError(translate("core", "{path} is not a CDDP workspace."), path=path)
    return meta.get("crs") or ""


def _asset_geometries(con, layers: Iterable[str]) -> dict[str, tuple]:
    import shapely

    out = {}
    for layer in layers:
        uuids, blobs = [], []
        for uid, blob in con.execute(f'SELECT uuid, geom FROM "{layer}" WHERE geom IS NOT NULL'):
            uuids.append(uid)
            blobs.append(blob)
        out[layer] = (_decode(blobs, shapely), uuids)
    return out


def _decode(blobs: list, shapely) -> list:
    """GeoPackage blobs → shapely geometries (vectorised WKB decoding)."""
    import numpy as np

    if not blobs:
        return []
    wkb = [bytes(b[gpkg._header(b)[2] :]) if b is not None else None for b in blobs]
    return list(shapely.from_wkb(np.asarray(wkb, dtype=object)))


@dataclass
class KnownArea:
    """The municipality's area as the workspace knows it, widened (see :func:`municipality_area_lonlat`)."""

    area: object  # shapely polygon in longitude/latitude; None when the workspace does not know where it is
    name: str  # the municipality, e.g. "ปทุมวัน (1007)"
    basis: str  # what the area came from (English; translate it with the "core" context), "" when unknown
    far_km: float

    def label(self, translator=None) -> str:
        """The area in words for messages, e.g. "ปทุมวัน (1007) and 30 km around it (judged by Bangkok's
        extent)"; ``translator(context, text)`` translates (the QGIS side passes its translator)."""
        translator = translator or translate
        template = translator("core", translate("core", "{area} and {km} km around it (judged by {basis})"))
        return template.format(area=self.name, km=f"{self.far_km:g}", basis=translator("core", self.basis))


def municipality_area_lonlat(workspace_path: str, far_km: float | None = None) -> KnownArea:
    """The workspace's municipality widened by ``far_km`` (default: the plausibility check's
    :data:`..workspace.plausibility.FAR_KM`, 30 km), in longitude/latitude, for keeping complaints
    when no area is given: the area :func:`..workspace.plausibility.municipality_area` finds (a hull of
    its tambon centres, Bangkok's extent, its villages or its existing data — not its boundary, hence
    the margin). ``area`` is None when the workspace gives no clue where it is."""
    import numpy as np
    import shapely
    from pyproj import Transformer

    from ..workspace import plausibility

    km = plausibility.FAR_KM if far_km is None else float(far_km)
    crs = _workspace_crs(workspace_path)
    area, basis, name = plausibility.municipality_area(workspace_path)
    if area is None or area.is_empty or not crs:
        return KnownArea(None, name, "", km)
    widened = shapely.segmentize(area.buffer(km * 1000.0, quad_segs=16), 1000.0)
    to_lonlat = Transformer.from_crs(crs, "EPSG:4326", always_xy=True)
    lonlat = shapely.transform(widened, lambda xy: np.column_stack(to_lonlat.transform(xy[:, 0], xy[:, 1])))
    return KnownArea(lonlat, name, basis, km)


def keep_within(parsed: channels.ImportResult, area, area_label: str) -> channels.ImportResult:
    """``parsed`` without the complaints outside ``area`` (a shapely polygon in longitude/latitude);
    those go to ``rejected`` with code ``outside_area`` and their row, so every row stays accounted for."""
    import numpy as np
    import shapely

    if area is None or area.is_empty:
        raise CddpError(translate("core", "The area to keep complaints in is empty."))
    lonlat = np.array([(c.get("lon"), c.get("lat")) for c in parsed.complaints], dtype=float).reshape(-1, 2)
    inside = shapely.contains_xy(area, lonlat[:, 0], lonlat[:, 1]) if len(lonlat) else np.zeros(0, bool)
    kept = channels.ImportResult(
        format=parsed.format, rows=parsed.rows, rejected=list(parsed.rejected), warnings=list(parsed.warnings),
        ignored_columns=list(parsed.ignored_columns), pii_scrubbed=Counter(parsed.pii_scrubbed),
    )  # fmt: skip
    rows = parsed.source_rows or [None] * len(parsed.complaints)
    for complaint, row, ok in zip(parsed.complaints, rows, inside.tolist(), strict=True):
        if ok:
            kept.complaints.append(complaint)
            kept.source_rows.append(row)
            continue
        error = CddpError(
            translate("core", "Row {row}: at {lon:.5f}, {lat:.5f}, outside {area}; not imported."),
            row=channels._label(row, complaint.get("external_id")) if row is not None else "?",
            lon=complaint["lon"],
            lat=complaint["lat"],
            area=area_label,
        )
        kept.rejected.append(channels._issue(row, complaint.get("external_id"), "outside_area", error))
    assert kept.imported + len(kept.rejected) == kept.rows
    return kept
