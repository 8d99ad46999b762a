"""Vector files as (Geo)DataFrames through QGIS's own GDAL (``osgeo.ogr``).

The plugin used pyogrio, whose wheels carry a second GDAL and PROJ into the QGIS process (two PROJs
crash QGIS at exit, DESIGN.md §9). ``osgeo`` is the GDAL that QGIS itself runs on, on every platform,
so this module reads with it: through GDAL's Arrow stream as NumPy arrays (GDAL ≥ 3.6, a C loop —
as fast as pyogrio), with the classic feature loop only where the stream cannot be trusted:

- curved geometries (CircularString, CurvePolygon… from CAD or survey software) are linearised;
- date-times of files other than GeoPackage: GDAL 3.6's stream drops their UTC offsets, so they are
  read value by value and converted to UTC (a GeoPackage stores UTC by its specification).

The results follow pyogrio's conventions, which the rest of the core was written against: a
``geometry`` column, text as ``str``/``None``, integer columns with a null as ``float64``/NaN, date-times
as ``datetime64[ms, UTC]`` when every value carries an offset, the feature id as the index named ``fid``
when asked. Writing (Processing outputs) goes feature by feature in one transaction.
"""

from __future__ import annotations

import os
from collections.abc import Iterable

_FID_DEFAULT = "OGC_FID"
_UTC_FLAG = 100  # OGR's TZFlag for UTC; 0 unknown, 1 local time, 100 ± 15-minute steps otherwise


def _ogr():
    from osgeo import gdal, ogr

    gdal.UseExceptions()
    ogr.UseExceptions()
    return ogr


def _open(path, update: bool = False):
    ogr = _ogr()
    ds = ogr.Open(str(path), 1 if update else 0)
    if ds is None:  # pragma: no cover - UseExceptions raises first
        raise RuntimeError(f"GDAL cannot open {path}")
    return ds


def _layer(ds, layer):
    if layer is None:
        return ds.GetLayer(0)
    lyr = ds.GetLayerByName(layer) if isinstance(layer, str) else ds.GetLayer(int(layer))
    if lyr is None:
        raise RuntimeError(f"no layer {layer!r} in {ds.GetDescription()}")
    return lyr


def list_layers(path) -> list[str]:
    ds = _open(path)
    return [ds.GetLayer(i).GetName() for i in range(ds.GetLayerCount())]


def field_names(path, layer=None) -> list[str]:
    """The attribute fields of a layer, in order."""
    ds = _open(path)
    defn = _layer(ds, layer).GetLayerDefn()
    return [defn.GetFieldDefn(i).GetName() for i in range(defn.GetFieldCount())]


def _crs_of(lyr) -> str | None:
    srs = lyr.GetSpatialRef()
    if srs is None:
        return None
    if srs.GetAuthorityName(None) == "EPSG" and srs.GetAuthorityCode(None):
        return f"EPSG:{srs.GetAuthorityCode(None)}"
    return srs.ExportToWkt(["FORMAT=WKT2_2018"])


def read_dataframe(
    path,
    layer=None,
    columns: Iterable[str] | None = None,
    where: str | None = None,
    read_geometry: bool = True,
    fid_as_index: bool = False,
):
    """A layer of a vector file as a GeoDataFrame (a DataFrame when it has no geometry or
    ``read_geometry`` is False). GDAL errors are raised as ``RuntimeError``."""
    import numpy as np
    import pandas as pd

    ogr = _ogr()
    ds = _open(path)  # kept alive: a layer outlives its dataset only as a crash
    lyr = _layer(ds, layer)
    defn = lyr.GetLayerDefn()
    fields = [defn.GetFieldDefn(i) for i in range(defn.GetFieldCount())]
    wanted = None if columns is None else set(columns)
    keep = [f for f in fields if wanted is None or f.GetName() in wanted]
    has_geom = read_geometry and lyr.GetGeomType() != ogr.wkbNone
    ignored = [f.GetName() for f in fields if f not in keep]
    if not has_geom and lyr.GetGeomType() != ogr.wkbNone:
        ignored.append("OGR_GEOMETRY")
    if ignored:
        lyr.SetIgnoredFields(ignored)
    if where:
        lyr.SetAttributeFilter(where)

    fid_name = lyr.GetFIDColumn() or _FID_DEFAULT
    geom_name = lyr.GetGeometryColumn() or "wkb_geometry"
    batches: dict[str, list] = {}
    for batch in lyr.GetArrowStreamAsNumPy(options=["USE_MASKED_ARRAYS=YES"]):
        for key, arr in batch.items():
            batches.setdefault(key, []).append(arr)

    def joined(key):
        parts = batches.get(key)
        if not parts:
            return None
        return (
            np.ma.concatenate(parts) if any(isinstance(p, np.ma.MaskedArray) for p in parts) else np.concatenate(parts)
        )

    fids = joined(fid_name)
    n = 0 if fids is None else len(fids)
    data = {}
    slow_times = []
    for f in keep:
        name = f.GetName()
        arr = joined(name)
        if arr is None:
            arr = np.ma.masked_all(n, dtype=object)
        data[name] = _column(f, arr, ogr)
        if f.GetType() == ogr.OFTDateTime and ds.GetDriver().GetName() != "GPKG":
            slow_times.append(name)
    frame = pd.DataFrame(data, index=pd.Index(fids if fids is not None else np.arange(0), name="fid"))
    # GDAL < 3.8.3 packs booleans into the stream's bitmap but hands them to NumPy as bytes (288 true
    # values of 3,477 read as 62): read them value by value
    bools = [f.GetName() for f in keep if f.GetType() == ogr.OFTInteger and f.GetSubType() == ogr.OFSTBoolean]
    if bools:
        _classic_bools(lyr, frame, bools, where)
    if slow_times:
        _classic_times(lyr, frame, slow_times, where)
    else:
        for f in keep:
            # a GeoPackage stores UTC; a column without any value stays naive, as pyogrio has it
            if f.GetType() == ogr.OFTDateTime and frame[f.GetName()].notna().any():
                frame[f.GetName()] = frame[f.GetName()].dt.tz_localize("UTC")
    if not fid_as_index:
        frame = frame.reset_index(drop=True)
    if not has_geom:
        return frame
    import geopandas as gpd
    import shapely

    wkb = joined(geom_name)
    if wkb is None:
        geoms = np.full(len(frame), None, dtype=object)
    else:
        raw = np.asarray(np.ma.filled(wkb, None), dtype=object) if isinstance(wkb, np.ma.MaskedArray) else wkb
        try:
            geoms = shapely.from_wkb(raw)
        except Exception:  # a curve shapely cannot parse: GDAL linearises it, feature by feature
            geoms = _classic_geometries(lyr, where)
        else:
            if ogr.GT_IsNonLinear(lyr.GetGeomType()):
                geoms = _classic_geometries(lyr, where)
    return gpd.GeoDataFrame(frame, geometry=np.asarray(geoms, dtype=object), crs=_crs_of(lyr))


def _column(fdefn, arr, ogr):
    """One field's NumPy array from the Arrow stream in pyogrio's dtype."""
    import numpy as np

    mask = np.ma.getmaskarray(arr) if isinstance(arr, np.ma.MaskedArray) else None
    values = arr.data if isinstance(arr, np.ma.MaskedArray) else arr
    nulls = mask is not None and mask.any()
    ftype, subtype = fdefn.GetType(), fdefn.GetSubType()
    if values.dtype.kind == "S" or ftype in (ogr.OFTString, ogr.OFTWideString):
        # only the values that are there are decoded (a column of a workspace is often empty), as a list:
        # a third of the time of np.char.decode
        out = np.full(len(values), None, dtype=object)
        there = ~mask if nulls else np.ones(len(values), dtype=bool)
        if there.any():
            out[there] = [v.decode("utf-8", "replace") for v in values[there].astype("S").tolist()]
        return out
    if values.dtype.kind == "O":
        out = np.asarray(values, dtype=object)
        if nulls:
            out[mask] = None
        return out
    if ftype == ogr.OFTInteger and subtype == ogr.OFSTBoolean:
        if nulls:
            out = values.astype(bool).astype(object)
            out[mask] = None
            return out
        return values.astype(bool)
    if values.dtype.kind in "iu":
        if nulls:
            out = values.astype("float64")
            out[mask] = np.nan
            return out
        return values
    if values.dtype.kind == "f":
        if nulls:
            out = values.astype("float64", copy=True)
            out[mask] = np.nan
            return out
        return values
    if values.dtype.kind == "M":
        out = values.astype("datetime64[ms]", copy=True)
        if nulls:
            out[mask] = np.datetime64("NaT")
        return out
    return values


def _features(lyr, where):
    lyr.ResetReading()
    if where:
        lyr.SetAttributeFilter(where)
    feat = lyr.GetNextFeature()
    while feat is not None:
        yield feat
        feat = lyr.GetNextFeature()


def _classic_geometries(lyr, where):
    """Every feature's geometry as shapely, curves linearised by GDAL."""
    import shapely

    defn = lyr.GetLayerDefn()
    lyr.SetIgnoredFields([defn.GetFieldDefn(i).GetName() for i in range(defn.GetFieldCount())])

    out = []
    for feat in _features(lyr, where):
        g = feat.GetGeometryRef()
        out.append(None if g is None else bytes(g.GetLinearGeometry().ExportToIsoWkb()))
    return shapely.from_wkb(out) if out else []


def _only(lyr, names) -> None:
    """Make the layer read just these fields (no geometry) for a value-by-value pass."""
    defn = lyr.GetLayerDefn()
    others = [defn.GetFieldDefn(i).GetName() for i in range(defn.GetFieldCount())]
    lyr.SetIgnoredFields([n for n in others if n not in names] + ["OGR_GEOMETRY"])


def _classic_values(lyr, names, where, read) -> list[list]:
    """The named fields read value by value (``read(feature, index)``; None where a value is null)."""
    _only(lyr, names)
    defn = lyr.GetLayerDefn()
    idx = [defn.GetFieldIndex(n) for n in names]
    cols: list[list] = [[] for _ in names]
    for feat in _features(lyr, where):
        for k, i in enumerate(idx):
            cols[k].append(read(feat, i) if feat.IsFieldSetAndNotNull(i) else None)
    return cols


def _classic_bools(lyr, frame, names, where) -> None:
    """Boolean columns read value by value: bool, or object with None where a value is null."""
    import numpy as np

    cols = _classic_values(lyr, names, where, lambda feat, i: bool(feat.GetFieldAsInteger(i)))
    for name, values in zip(names, cols, strict=True):
        frame[name] = np.array(values, dtype=object) if any(v is None for v in values) else np.array(values, dtype=bool)


def _datetime_of(feat, i):
    import datetime as dt

    y, mo, d, h, mi, s, tz = feat.GetFieldAsDateTime(i)
    sec = int(s)
    value = dt.datetime(y, mo, d, h, mi, sec, min(999, round((s - sec) * 1000)) * 1000)  # OGR keeps ms
    if tz > 1:
        value = value.replace(tzinfo=dt.timezone(dt.timedelta(minutes=(tz - _UTC_FLAG) * 15)))
    return value


def _classic_times(lyr, frame, names, where) -> None:
    """Date-time columns read value by value with their UTC offsets: all UTC when every value has an
    offset (or the column is empty); naive when none has one; ISO text when they are mixed."""
    import pandas as pd

    cols = _classic_values(lyr, names, where, _datetime_of)
    for name, values in zip(names, cols, strict=True):
        present = [v for v in values if v is not None]
        aware = [v.tzinfo is not None for v in present]
        if all(aware):
            frame[name] = pd.to_datetime(pd.Series(values, index=frame.index, dtype=object), utc=True).astype(
                "datetime64[ms, UTC]"
            )
        elif not any(aware):
            frame[name] = pd.to_datetime(pd.Series(values, index=frame.index, dtype=object)).astype("datetime64[ms]")
        else:
            frame[name] = pd.Series([None if v is None else v.isoformat() for v in values], index=frame.index)


# ---------------------------------------------------------------- writing


def _writable(series, kind: str):
    """(values as a Python list with None for null, the OGR setter) for one column; built once per
    column so that the row loop does no type dispatch (a million rows are written in seconds)."""
    import numpy as np
    import pandas as pd
    from osgeo import ogr

    if kind == "M":
        ts = series
        if getattr(ts.dt, "tz", None) is not None:
            text = ts.dt.tz_convert("UTC").dt.strftime("%Y-%m-%dT%H:%M:%S.%f").str[:-3] + "Z"
        else:
            text = ts.dt.strftime("%Y-%m-%dT%H:%M:%S.%f").str[:-3]
        values = text.where(ts.notna(), None).tolist()
        return values, ogr.Feature.SetField  # OGR parses ISO 8601, its offset included
    if kind == "b":
        return [int(v) for v in series.to_numpy()], ogr.Feature.SetField
    if kind in "iu":
        return series.to_numpy().tolist(), ogr.Feature.SetFieldInteger64
    if kind == "f":
        arr = series.to_numpy(dtype="float64")
        values = arr.tolist()
        for i in np.flatnonzero(np.isnan(arr)).tolist():
            values[i] = None
        return values, ogr.Feature.SetField
    values = series.to_numpy(dtype=object).tolist()
    out = []
    for v in values:
        if v is None or v is pd.NaT or (isinstance(v, float) and v != v):
            out.append(None)
        elif isinstance(v, str):
            out.append(v)
        elif isinstance(v, pd.Timestamp):
            out.append(v.isoformat())
        else:
            out.append(str(v))
    return out, ogr.Feature.SetFieldString


# shapely's type ids → OGR's geometry types; a single type → its multi type
_OGR_TYPE = {0: 1, 1: 2, 2: 2, 3: 3, 4: 4, 5: 5, 6: 6, 7: 7}
_MULTI = {1: 4, 2: 5, 3: 6}


def _layer_geom_type(geoms) -> int:
    """The OGR geometry type for a column of shapely geometries: one type, or singles and their multi
    type together promoted to multi (as pyogrio does); anything else is ``wkbUnknown`` (0)."""
    import shapely

    present = geoms[~shapely.is_missing(geoms)]
    kinds = {_OGR_TYPE[t] for t in shapely.get_type_id(present).tolist()}
    if len(kinds) == 1:
        return kinds.pop()
    multi = {_MULTI.get(k, k) for k in kinds}
    return multi.pop() if len(multi) == 1 else 0


def write_dataframe(frame, path, driver: str, layer: str | None = None, append: bool = False) -> None:
    """Write a (Geo)DataFrame as a new layer (a GeoPackage gets the layer added or replaced; other
    formats are written as a new file, or — ``append`` — get the layer added to the existing file,
    e.g. another sheet of an XLSX workbook)."""
    import numpy as np
    import shapely

    ogr = _ogr()
    from osgeo import osr

    path = str(path)
    layer = layer or os.path.splitext(os.path.basename(path))[0]
    geom_col = (
        frame.geometry.name if hasattr(frame, "geometry") and "geometry" in getattr(frame, "columns", []) else None
    )
    if geom_col is None and hasattr(frame, "_geometry_column_name") and frame._geometry_column_name in frame.columns:
        geom_col = frame._geometry_column_name
    drv = ogr.GetDriverByName(driver)
    if driver == "GPKG" and os.path.exists(path):
        ds = drv.Open(path, 1) if hasattr(drv, "Open") else ogr.Open(path, 1)
        for i in range(ds.GetLayerCount()):
            if ds.GetLayer(i).GetName() == layer:
                ds.DeleteLayer(i)
                break
    elif append and os.path.exists(path):
        ds = ogr.Open(path, 1)
    else:
        if os.path.exists(path):
            drv.DeleteDataSource(path)
        ds = drv.CreateDataSource(path)
    srs = None
    geoms = None
    gtype = ogr.wkbNone
    if geom_col is not None:
        geoms = np.asarray(frame[geom_col].values, dtype=object)
        gtype = _layer_geom_type(geoms)
        if frame.crs is not None:
            srs = osr.SpatialReference()
            srs.SetAxisMappingStrategy(osr.OAMS_TRADITIONAL_GIS_ORDER)
            epsg = frame.crs.to_epsg()
            if epsg:
                srs.ImportFromEPSG(int(epsg))
            else:
                srs.SetFromUserInput(frame.crs.to_wkt())
    options = ["SPATIAL_INDEX=YES"] if driver == "GPKG" else []
    lyr = ds.CreateLayer(layer, srs=srs, geom_type=gtype, options=options)
    attrs = [c for c in frame.columns if c != geom_col]
    kinds = {}
    for name in attrs:
        series = frame[name]
        kind = series.dtype.kind
        if kind == "b":
            fd = ogr.FieldDefn(str(name), ogr.OFTInteger)
            fd.SetSubType(ogr.OFSTBoolean)
        elif kind in "iu":
            fd = ogr.FieldDefn(str(name), ogr.OFTInteger64)
        elif kind == "f":
            fd = ogr.FieldDefn(str(name), ogr.OFTReal)
        elif kind == "M":
            fd = ogr.FieldDefn(str(name), ogr.OFTDateTime)
        else:
            fd = ogr.FieldDefn(str(name), ogr.OFTString)
        kinds[name] = kind
        lyr.CreateField(fd)
    wkbs = None
    if geoms is not None:
        if gtype in (4, 5, 6):
            make = {4: shapely.MultiPoint, 5: shapely.MultiLineString, 6: shapely.MultiPolygon}[gtype]
            geoms = np.array(
                [make([g]) if g is not None and _OGR_TYPE[shapely.get_type_id(g)] < 4 else g for g in geoms],
                dtype=object,
            )
        wkbs = shapely.to_wkb(geoms)
    columns = [_writable(frame[name], kinds[name]) for name in attrs]
    defn = lyr.GetLayerDefn()
    new_feature = ogr.Feature
    create = lyr.CreateFeature
    from_wkb = ogr.CreateGeometryFromWkb
    lyr.StartTransaction()
    try:
        for row in range(len(frame)):
            feat = new_feature(defn)
            for k, (values, setter) in enumerate(columns):
                value = values[row]
                if value is not None:  # an unset field is written as NULL
                    setter(feat, k, value)
            if wkbs is not None and wkbs[row] is not None:
                feat.SetGeometryDirectly(from_wkb(wkbs[row]))
            create(feat)
        lyr.CommitTransaction()
    except Exception:
        lyr.RollbackTransaction()
        raise
    finally:
        ds = None  # closing the dataset flushes it
