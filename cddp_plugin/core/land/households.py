"""Households from civil-registry or survey files: CSV (UTF-8 with or without BOM, TIS-620/cp874),
XLSX, or point layers. House codes validated, house numbers normalised, coordinates checked; every
row that cannot be used is returned with its reason. Re-imports change only what the file carries
and match stored households by house code, else location + house number (see reimport.py)."""

from __future__ import annotations

import csv
import io
import math
from dataclasses import dataclass, field
from pathlib import Path

from ..common.crs import THAILAND_LONLAT, to_workspace_crs
from ..common.errors import CddpError
from ..common.fields import detect_mapping
from ..common.i18n import translate
from ..common.thai import to_arabic_digits
from ..common.values import text_or_none
from ..workspace.files import check_data_file
from .houseno import normalise_house_code, parse_house_number

CANDIDATES: dict[str, tuple[str, ...]] = {
    "house_code": ("housecode", "hcode", "house_id", "รหัสบ้าน", "รหัสประจำบ้าน"),
    "house_no": ("houseno", "hs_no", "hsno", "address_no", "addr_no", "บ้านเลขที่", "เลขที่"),
    "village_no": ("moo", "village", "mu", "หมู่", "หมู่ที่"),
    "soi": ("ซอย", "lane"),
    "road": ("street", "ถนน"),
    "tambon_code": ("tam_code", "subdistrict_code", "รหัสตำบล"),
    "postcode": ("zip", "zipcode", "postal_code", "รหัสไปรษณีย์"),
    "members": ("member_count", "persons", "population", "จำนวนสมาชิก", "จำนวนคน"),
    "parcel_code": ("parcelcode", "bldg_code", "building_code", "รหัสแปลง"),
    "lat": ("latitude", "ละติจูด", "y_lat"),
    "lon": ("lng", "long", "longitude", "ลองจิจูด", "x_lon"),
    "x": ("easting", "utm_x", "e"),
    "y": ("northing", "utm_y", "n"),
}
TABLE_SUFFIXES = (".csv", ".txt", ".xlsx", ".xls")


@dataclass
class HouseholdReport:
    read: int = 0
    imported: int = 0
    inserted: int = 0
    updated: int = 0
    without_location: int = 0
    rejected: list[dict] = field(default_factory=list)  # {"row": n, "reason": text, **original values}
    mapping: dict[str, str] = field(default_factory=dict)
    encoding: str | None = None
    carried: tuple[str, ...] = ()  # workspace columns the input has (only these may be changed; see reimport.py)
    unchanged: int = 0  # matched households whose stored values already equal the input's
    matched_by_code: int = 0
    matched_by_location: int = 0  # no house code in common: same place (within the match distance) and house number
    matched_by_number: int = 0  # no house code, no location: same house number and village number
    layer: str = ""  # the input's label, for messages
    far_outside: int = 0  # households far outside the municipality (workspace/plausibility.py)
    plausibility: object = None  # the workspace.plausibility.Plausibility of the import


def read_csv_text(path: str | Path) -> tuple[str, str]:
    """Decode a CSV: UTF-8 (with or without BOM) if it decodes, else TIS-620 (cp874). A missing or empty
    file, a saved web page or an interrupted download is refused first, naming the file (workspace/files.py)."""
    check_data_file(path)
    data = Path(path).read_bytes()
    for enc in ("utf-8-sig", "cp874"):
        try:
            return data.decode(enc), ("utf-8" if enc == "utf-8-sig" else "cp874 (TIS-620)")
        except UnicodeDecodeError:
            continue
    raise CddpError(translate("core", "{path} is neither UTF-8 nor TIS-620 (cp874) text."), path=str(path))


def read_table(path: str | Path):
    """A CSV/XLSX file as a pandas DataFrame of strings, and the encoding used. A missing or empty file,
    a saved web page or a truncated spreadsheet is refused first, naming the file (workspace/files.py)."""
    import pandas as pd

    p = Path(path)
    check_data_file(p)
    if p.suffix.lower() in (".xlsx", ".xls"):
        try:
            return pd.read_excel(p, dtype=str), "xlsx"
        except Exception as exc:
            raise CddpError(
                translate("core", "Cannot read the spreadsheet {path}: {error}"), path=str(p), error=str(exc)
            ) from exc
    text, enc = read_csv_text(p)
    if not text.strip():
        raise CddpError(translate("core", "{path} is empty."), path=str(p))
    try:
        dialect = csv.Sniffer().sniff(text[:4096], delimiters=",;\t|")
        delimiter = dialect.delimiter
    except csv.Error:
        delimiter = ","
    try:
        df = pd.read_csv(io.StringIO(text), dtype=str, sep=delimiter, keep_default_na=False, skipinitialspace=True)
    except Exception as exc:
        raise CddpError(
            translate("core", "{path} is not a readable CSV file: {error}"), path=str(p), error=str(exc)
        ) from exc
    if df.shape[1] < 2:
        raise CddpError(
            translate(
                "core",
                "{path} has only one column ({column}); expected a CSV with a header row such as house_code,house_no,village_no,lat,lon.",
            ),
            path=str(p),
            column=str(df.columns[0]) if df.shape[1] else "",
        )
    return df, enc


def _num(v) -> float | None:
    if v is None or (isinstance(v, float) and math.isnan(v)):
        return None
    s = to_arabic_digits(str(v)).strip().replace(",", "")
    if not s:
        return None
    try:
        f = float(s)
    except ValueError:
        return float("nan")
    return f


def prepare_households(df, workspace_crs: str, overrides: dict[str, str] | None = None, source_crs: str | None = None,
                       layer_label: str = "households", source_name: str | None = None):  # fmt: skip
    """Rows (a DataFrame, or a GeoDataFrame of points) → (GeoDataFrame in the schema, report)."""
    import geopandas as gpd
    import pandas as pd
    import shapely

    report = HouseholdReport(read=len(df), layer=source_name or layer_label)
    if len(df) == 0:
        raise CddpError(translate("core", "{layer} has no rows."), layer=layer_label)
    is_geo = isinstance(df, gpd.GeoDataFrame)
    columns = [c for c in df.columns if not (is_geo and c == df.geometry.name)]
    mapping = detect_mapping(columns, CANDIDATES, overrides)
    report.mapping = mapping
    report.carried = tuple(c for c in HOUSEHOLD_COLUMNS if c in mapping)
    if (
        not is_geo
        and not ({"lat", "lon"} <= set(mapping) or {"x", "y"} <= set(mapping))
        and "house_code" not in mapping
        and "house_no" not in mapping
    ):
        raise CddpError(
            translate(
                "core",
                "{layer}: found neither coordinates (lat/lon or x/y) nor house codes or house numbers among its fields: {fields}.",
            ),
            layer=layer_label,
            fields=", ".join(map(str, columns)),
        )
    if not is_geo and {"x", "y"} <= set(mapping) and not {"lat", "lon"} <= set(mapping) and not source_crs:
        raise CddpError(
            translate(
                "core",
                "{layer} has projected coordinates ({x}, {y}); set the source CRS (e.g. EPSG:32647 or EPSG:24047).",
            ),
            layer=layer_label,
            x=mapping["x"],
            y=mapping["y"],
        )

    def col(target):  # each column once, as a list (per-row access through pandas is slow)
        c = mapping.get(target)
        return df[c].tolist() if c else [None] * len(df)

    codes, house_nos, villages = col("house_code"), col("house_no"), col("village_no")
    members_col, soi_col, road_col = col("members"), col("soi"), col("road")
    tambon_col, postcode_col, parcel_col = col("tambon_code"), col("postcode"), col("parcel_code")
    records, geoms = [], []
    seen_codes: dict[str, int] = {}
    if is_geo:
        src_geoms = list(df.geometry.values)
    else:
        xs, ys = (col("lon"), col("lat")) if {"lat", "lon"} <= set(mapping) else (col("x"), col("y"))
    bx0, by0, bx1, by1 = THAILAND_LONLAT
    lonlat_input = not is_geo and {"lat", "lon"} <= set(mapping)
    column_values = {str(c): df[c].tolist() for c in columns}  # row access through pandas costs ~100 µs a row
    for i in range(len(df)):
        row_no = i + 2 if not is_geo else i + 1  # CSV: header is row 1

        def reject(reason, row_no=row_no, i=i):
            original = {c: text_or_none(values[i], arabic_digits=True) for c, values in column_values.items()}
            report.rejected.append({"row": row_no, "reason": reason, **original})

        code = None
        if mapping.get("house_code") and text_or_none(codes[i], arabic_digits=True):
            try:
                code = normalise_house_code(codes[i], row_no)
            except CddpError as exc:
                reject(str(exc))
                continue
            if code in seen_codes:
                reject(
                    translate("core", "Row {row}: duplicate house code {code} (first at row {first}).").format(
                        row=row_no, code=code, first=seen_codes[code]
                    )
                )
                continue
            seen_codes[code] = row_no
        hn = parse_house_number(house_nos[i]) if mapping.get("house_no") else parse_house_number(None)
        village = hn.village_no
        if mapping.get("village_no") and text_or_none(villages[i], arabic_digits=True):
            v = _num(villages[i])
            if v is None or math.isnan(v) or not 1 <= v <= 99 or v != int(v):
                reject(
                    translate("core", "Row {row}: village number '{value}' is not a number from 1 to 99.").format(
                        row=row_no, value=villages[i]
                    )
                )
                continue
            village = int(v)
        geom = None
        if is_geo:
            g = src_geoms[i]
            if g is not None and not g.is_empty:
                if g.geom_type != "Point":
                    polygonal = g.geom_type in ("Polygon", "MultiPolygon")
                    g = shapely.make_valid(g).representative_point() if polygonal else None

                    if g is None:
                        reject(translate("core", "Row {row}: geometry is not a point or polygon.").format(row=row_no))
                        continue
                geom = g
        else:
            x, y = _num(xs[i]), _num(ys[i])
            if (x is None) != (y is None) or (x is not None and (math.isnan(x) or math.isnan(y))):
                reject(
                    translate("core", "Row {row}: coordinates '{x}', '{y}' are incomplete or not numbers.").format(
                        row=row_no, x=xs[i], y=ys[i]
                    )
                )
                continue
            if x is not None:
                if lonlat_input and not (bx0 <= x <= bx1 and by0 <= y <= by1):
                    if bx0 <= y <= bx1 and by0 <= x <= by1:
                        reason = translate("core", "Row {row}: latitude and longitude look swapped ({lat}, {lon}).")
                    else:
                        reason = translate("core", "Row {row}: coordinates ({lat}, {lon}) are outside Thailand.")
                    reject(reason.format(row=row_no, lat=y, lon=x))
                    continue
                geom = shapely.Point(x, y)
        if geom is None and code is None and hn.number is None:
            reject(
                translate("core", "Row {row}: no location, house code or house number: nothing to link.").format(
                    row=row_no
                )
            )
            continue
        members = _num(members_col[i])
        records.append({
            "house_code": code,
            "house_no": hn.number,
            "village_no": village,
            "soi": text_or_none(soi_col[i], arabic_digits=True),
            "road": text_or_none(road_col[i], arabic_digits=True),
            "tambon_code": text_or_none(tambon_col[i], arabic_digits=True),
            "postcode": text_or_none(postcode_col[i], arabic_digits=True),
            "members": int(members) if members is not None and not math.isnan(members) else None,
            "parcel_code": text_or_none(parcel_col[i], arabic_digits=True),
            "source": source_name,
            "_row": row_no,
        })  # fmt: skip
        geoms.append(geom)
    in_crs = df.crs if is_geo else ("EPSG:4326" if lonlat_input else source_crs)
    result = gpd.GeoDataFrame(pd.DataFrame.from_records(records, columns=[
        "house_code", "house_no", "village_no", "soi", "road", "tambon_code", "postcode", "members", "parcel_code", "source", "_row",
    ]), geometry=gpd.GeoSeries(geoms, crs=in_crs) if in_crs else gpd.GeoSeries(geoms))  # fmt: skip
    if result.geometry.notna().any():
        result = to_workspace_crs(result, workspace_crs, layer_label, source_crs if is_geo else None)
    else:
        result = result.set_crs(workspace_crs, allow_override=True)
    report.without_location = int(
        result.geometry.isna().sum() + (result.geometry.notna() & result.geometry.is_empty).sum()
    )
    report.imported = len(result)
    result["village_no"] = result["village_no"].astype("Int64")
    result["members"] = result["members"].astype("Int64")
    return result, report


HOUSEHOLD_COLUMNS = ("house_code", "house_no", "village_no", "soi", "road", "tambon_code", "postcode", "members",
                     "parcel_code", "source")  # fmt: skip
