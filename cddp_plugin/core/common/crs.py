"""Coordinate reference systems of incoming data: checks and the one pinned Indian 1975 datum shift.

Much DOL cadastre data is in Indian 1975 / UTM 47N or 48N (EPSG:24047 / 24048). The EPSG
transformations to WGS 84 differ by tens of metres, and which one PROJ picks depends on the
installed grids and version. CDDP pins one: **EPSG:1812, "Indian 1975 to WGS 84 (4)", Thailand
onshore, dX=293 m dY=836 m dZ=318 m, accuracy ±3 m**, applied by giving the source CRS exactly those
TOWGS84 parameters, so every machine moves parcels by the same amount.
"""

from __future__ import annotations

from .errors import CddpError
from .i18n import translate

PINNED_INDIAN_1975 = {24047: 47, 24048: 48}
PINNED_TOWGS84 = (293.0, 836.0, 318.0)
PINNED_TRANSFORMATION = "EPSG:1812 Indian 1975 to WGS 84 (4), Thailand onshore, ±3 m"
# A generous box around Thailand (lon 97.0–106.0 E, lat 5.3–20.8 N) for plausibility checks.
THAILAND_LONLAT = (97.0, 5.3, 106.0, 20.8)


def pinned_source_crs(crs):
    """The source CRS to use for data in ``crs`` (a pyproj CRS): Indian 1975 gets the pinned shift."""
    from pyproj import CRS

    epsg = crs.to_epsg() if crs is not None else None
    if epsg in PINNED_INDIAN_1975:
        zone = PINNED_INDIAN_1975[epsg]
        dx, dy, dz = PINNED_TOWGS84
        return CRS.from_proj4(
            f"+proj=utm +zone={zone} +a=6377276.345 +rf=300.8017 +towgs84={dx},{dy},{dz},0,0,0,0 +units=m +no_defs"
        )
    return crs


def to_workspace_crs(gdf, target: str, layer_label: str, source_crs: str | None = None):
    """Reproject a GeoDataFrame to the workspace CRS with clear errors for missing or wrong CRSs."""
    if source_crs:
        gdf = gdf.set_crs(source_crs, allow_override=True)
    if gdf.crs is None:
        raise CddpError(
            translate(
                "core",
                "{layer} has no coordinate reference system. Set the source CRS (e.g. EPSG:4326 for GPS coordinates, EPSG:24047 for DOL data in Indian 1975 / UTM 47N).",
            ),
            layer=layer_label,
        )
    gdf = gdf.set_crs(pinned_source_crs(gdf.crs), allow_override=True)
    check_in_thailand(gdf, layer_label)
    return gdf.to_crs(target)


def check_in_thailand(gdf, layer_label: str) -> None:
    """Refuse data whose extent is not in Thailand in its declared CRS: almost always a wrong CRS."""
    geoms = gdf.geometry
    valid = geoms[~(geoms.isna() | geoms.is_empty)]
    if valid.empty:
        return
    lonlat = valid.to_crs("EPSG:4326")
    minx, miny, maxx, maxy = lonlat.total_bounds
    bx0, by0, bx1, by1 = THAILAND_LONLAT
    import math

    if (
        not all(math.isfinite(v) for v in (minx, miny, maxx, maxy))
        or minx < bx0
        or maxx > bx1
        or miny < by0
        or maxy > by1
    ):
        raise CddpError(
            translate(
                "core",
                "{layer}: its coordinates fall outside Thailand when read as {crs} (longitude {minx:.3f}…{maxx:.3f}, latitude {miny:.3f}…{maxy:.3f}). The layer's CRS is probably wrong; set the source CRS.",
            ),
            layer=layer_label,
            crs=gdf.crs.to_string(),
            minx=minx,
            maxx=maxx,
            miny=miny,
            maxy=maxy,
        )
