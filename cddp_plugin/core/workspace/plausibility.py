"""Is imported data where the municipality is? One check for every import (QGIS-free).

A file for another place (Bangkok roads into a Si Sa Ket workspace) or one read in a wrong but
Thai-looking CRS passes the "is it in Thailand" check of :mod:`..common.crs`; this module compares
the geometries with the workspace's municipality and counts those **far outside** it.

Where the municipality is, from the first source that gives an answer:

1. **Its DOPA code** (``cddp_meta.municipality_code``) and the tambon centres in
   ``data/tambon_centres.csv`` (derived by ``scripts/build_tambon_centres.py`` from
   kongvut/thai-province-data, MIT, the source of ``admin_codes.csv``): a tambon workspace
   (6 digits) uses its tambon's centre, an amphoe/khet workspace (4 digits) the convex hull of its
   tambons' centres; when those have no centre, the amphoe's, then the province's tambons. Bangkok's
   khwaeng have no centre in the source, so a Bangkok workspace uses Bangkok's bounding box
   (100.328–100.939 E, 13.493–13.955 N, the extent of its 180 khwaeng polygons in the shared data).
2. **Its villages layer**, when it has features (code not in the list).
3. **The workspace's existing data** (the extent of every layer), when it has any.

Otherwise nothing is checked (``basis`` is empty). "Far outside" means more than :data:`FAR_KM`
(30 km) from that area: generous on purpose (a tambon centre is not its boundary; a large tambon
reaches 15–20 km from its centre), yet a file for another district or province stands out.

Use::

    from ..workspace import plausibility

    result = plausibility.check_geometries(workspace_path, frame.geometry.values, layer_label)
    if result.outside:
        warn(result.warning())      # "<layer>: 12 of 340 features lie more than 30 km outside …"

``check_geometries`` raises a :class:`CddpError` when *every* feature is far outside (nothing
would be right to import), unless ``refuse_all=False``. Geometries must be in the workspace CRS
(what the ``prepare_*`` functions of the domains return). Call it before writing.
"""

from __future__ import annotations

import csv
import functools
import sqlite3
from dataclasses import dataclass, field
from pathlib import Path

from ..common.errors import CddpError
from ..common.i18n import translate
from . import dopa, gpkg
from .meta import read_meta

FAR_KM = 30.0
BANGKOK_LONLAT = (100.328, 13.493, 100.939, 13.955)  # minx, miny, maxx, maxy of Bangkok's 180 khwaeng
_CENTRES = Path(__file__).with_name("data") / "tambon_centres.csv"
MAX_EXAMPLES = 10


@dataclass
class Plausibility:
    """How many of the imported geometries lie far outside the workspace's municipality."""

    checked: int = 0  # non-empty geometries compared
    outside: int = 0  # of those, farther than ``far_km`` from the municipality
    # what the municipality's area came from (e.g. "the centres of its tambons"); "" when nothing was checked
    basis: str = ""
    area: str = ""  # the municipality, e.g. "ปรือใหญ่ (330506)"
    far_km: float = FAR_KM
    layer: str = ""
    examples: list[int] = field(default_factory=list)  # positions of the first geometries far outside
    distances_km: list[float] = field(default_factory=list)  # their distances from the area

    @property
    def all_outside(self) -> bool:
        return self.checked > 0 and self.outside == self.checked

    def warning(self) -> CddpError | None:
        """The warning to show when some features are far outside, as a :class:`CddpError` to *show*
        (``str()`` in English, ``error_text()`` in the UI language), not to raise; None when none are."""
        if not self.outside:
            return None
        return CddpError(
            translate("core", "{layer}: {outside} of {checked} features lie more than {km} km outside {area} (judged by {basis}); check that the file is for this municipality and that its CRS is right."),
            layer=self.layer, outside=self.outside, checked=self.checked, km=f"{self.far_km:g}", area=self.area,
            basis=self.basis,
        )  # fmt: skip


@functools.lru_cache(maxsize=1)
def _centres() -> dict[str, tuple[float, float]]:
    with open(_CENTRES, encoding="utf-8", newline="") as f:
        return {r["code"]: (float(r["lon"]), float(r["lat"])) for r in csv.DictReader(f)}


def centres_lonlat(code: str) -> tuple[list[tuple[float, float]], str]:
    """(lon/lat points that stand for the area ``code``, translated basis); ([], "") if none are known."""
    centres = _centres()
    code = str(code or "").strip()
    if len(code) == 6 and code in centres:
        return [centres[code]], translate("core", "its tambon's centre")
    if len(code) >= 4:
        pts = [xy for c, xy in centres.items() if c.startswith(code[:4])]
        if pts:
            if len(code) == 4:
                return pts, translate("core", "the centres of its tambons")
            return pts, translate("core", "the centres of its amphoe's tambons")
    if code[:2] == "10":
        x0, y0, x1, y1 = BANGKOK_LONLAT
        return [(x0, y0), (x1, y0), (x1, y1), (x0, y1)], translate("core", "Bangkok's extent")
    if len(code) >= 2:
        pts = [xy for c, xy in centres.items() if c.startswith(code[:2])]
        if pts:
            return pts, translate("core", "the centres of its province's tambons")
    return [], ""


def _area_label(code: str, meta: dict) -> str:
    area = dopa.lookup(code) if code else None
    name = area.name_th if area else (meta.get("municipality_name") or "")
    return f"{name} ({code})" if code else name or translate("core", "the municipality")


def municipality_area(workspace_path: str):
    """(shapely geometry in the workspace CRS standing for the municipality, translated basis, area label),
    or (None, "", label) when the workspace gives no clue where it is. Not widened: see :data:`FAR_KM`."""
    import shapely
    from pyproj import Transformer

    meta = read_meta(workspace_path) or {}
    code = str(meta.get("municipality_code") or "").strip()
    crs = meta.get("crs")
    label = _area_label(code, meta)
    points, basis = centres_lonlat(code) if code else ([], "")
    if points and crs:
        to_ws = Transformer.from_crs("EPSG:4326", crs, always_xy=True)
        xs, ys = to_ws.transform([p[0] for p in points], [p[1] for p in points])
        hull = shapely.convex_hull(shapely.multipoints(list(zip(xs, ys, strict=True))))
        return hull, basis, label
    con = gpkg.connect(workspace_path)
    try:
        tables = con.execute("SELECT table_name, column_name FROM gpkg_geometry_columns ORDER BY table_name").fetchall()
        if "villages" in {t for t, _ in tables}:
            geoms = [gpkg.from_blob(b) for (b,) in con.execute("SELECT geom FROM villages WHERE geom IS NOT NULL")]
            geoms = [g for g in geoms if g is not None and not g.is_empty]
            if geoms:
                hull = shapely.convex_hull(shapely.union_all(geoms))
                return hull, translate("core", "its villages layer"), label
        boxes = []
        for t, col in tables:
            try:  # the spatial index has every feature's box
                row = con.execute(
                    f'SELECT min(minx), min(miny), max(maxx), max(maxy) FROM "rtree_{t}_{col}"'
                ).fetchone()
            except sqlite3.Error:
                row = con.execute(
                    f'SELECT min(ST_MinX("{col}")), min(ST_MinY("{col}")), max(ST_MaxX("{col}")), max(ST_MaxY("{col}"))'
                    f' FROM "{t}" WHERE "{col}" IS NOT NULL'
                ).fetchone()
            if row and None not in row:
                boxes.append(row)
    finally:
        con.close()
    if boxes:
        corners = [
            (min(b[0] for b in boxes), min(b[1] for b in boxes)),
            (max(b[2] for b in boxes), max(b[3] for b in boxes)),
        ]
        box = shapely.envelope(shapely.multipoints(corners))  # a point or a line when the data has no width
        return box, translate("core", "the workspace's existing data"), label
    return None, "", label


def check_geometries(workspace_path: str, geometries, layer_label: str, far_km: float = FAR_KM,
                     refuse_all: bool = True) -> Plausibility:  # fmt: skip
    """Count the ``geometries`` (shapely, in the workspace CRS) lying more than ``far_km`` outside the
    workspace's municipality (see the module notes for how its area is found).

    Raises :class:`CddpError` when every one of them is far outside and ``refuse_all`` is set.
    """
    import numpy as np
    import shapely

    arr = np.asarray(list(geometries) if not hasattr(geometries, "__array__") else geometries, dtype=object)
    result = Plausibility(far_km=float(far_km), layer=layer_label)
    present = ~(shapely.is_missing(arr) | shapely.is_empty(arr)) if len(arr) else np.zeros(0, dtype=bool)
    idx = np.flatnonzero(present)
    if not len(idx):
        return result
    area, basis, label = municipality_area(workspace_path)
    result.area = label
    if area is None:
        return result
    result.basis, result.checked = basis, len(idx)
    with np.errstate(invalid="ignore"):  # GEOS flags some invalid polygons (self-touching rings); distances stay right
        distance = shapely.distance(arr[idx], area)
    far = ~(distance <= float(far_km) * 1000.0)  # NaN (a geometry GEOS cannot measure) counts as far
    result.outside = int(far.sum())
    if result.outside:
        result.examples = [int(i) for i in idx[far][:MAX_EXAMPLES]]
        result.distances_km = [round(float(d) / 1000.0, 1) for d in distance[far][:MAX_EXAMPLES]]
    if refuse_all and result.all_outside:
        nearest = float(np.nanmin(distance)) / 1000.0 if np.isfinite(distance).any() else float("nan")
        raise CddpError(
            translate("core", "{layer}: all {checked} features lie more than {km} km outside {area} (judged by {basis}; the nearest is {distance} km away). The file is for another place or in the wrong CRS; nothing was imported. Check the file and its CRS, or import it into the workspace of its municipality."),
            layer=layer_label, checked=result.checked, km=f"{float(far_km):g}", area=label, basis=basis,
            distance=f"{nearest:.1f}",
        )  # fmt: skip
    return result
