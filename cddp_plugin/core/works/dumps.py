"""Real complaint exports in the shapes they come in (read by :mod:`.channels`), decided per file.

* **Separate coordinate columns**: Traffy dumps with ``latitude``/``longitude`` (or ``lat``/``lon``/
  ``long``/``lng``, the misspellings ``lattitude``/``latitute``/``longtitude``/``longitute``, and the
  Thai ละติจูด/ลองจิจูด) instead of ``coords`` are read as if ``coords`` were ``"lon,lat"``.
* **Swapped pair**: when more rows of a file fall inside Thailand (:data:`channels.THAILAND_BBOX`:
  longitude 97–106, latitude 5–21) with longitude and latitude swapped than as labelled, the whole
  file is read swapped, with a warning; a single swapped row in a sound file stays rejected.
* **Date order**: ``D/M/YYYY`` and ``M/D/YYYY`` (with or without a time) are decided per file from
  all its rows: a first number above 12 means day/month, a second above 12 month/day; both in one
  file is refused. When no row decides, the photo addresses' ``attachment/YYYY-MM/`` months decide;
  without those the file is read day/month/year (Thai usage) and a warning says so.
* **Open311 XML** (GeoReport v2 ``requests.xml``) is read into the same records as its JSON.
* **Web pages** (HTML, e.g. a page scraped from the Traffy web site) are refused with a clear message:
  they carry no coordinates.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

from ..common.errors import CddpError
from ..common.i18n import translate
from ..common.thai import to_arabic_digits
from ..common.values import text_or_none

LAT_NAMES = ("latitude", "lat", "lattitude", "latitute", "ละติจูด")
LON_NAMES = ("longitude", "lon", "long", "lng", "longtitude", "longitute", "ลองจิจูด")
# Time fields per record kind
TIME_FIELDS = {
    "traffy": ("timestamp", "last_activity"),
    "open311": ("requested_datetime", "updated_datetime", "expected_datetime"),
    "line": ("received_at", "last_activity"),
}
_SLASH = re.compile(r"^\s*(\d{1,2})/(\d{1,2})/(\d{4})(.*)$")
_PHOTO_MONTH = re.compile(r"attachment/(\d{4})-(\d{2})/")


def coordinate_columns(keys) -> tuple[str, str] | None:
    """``(lon column, lat column)`` among ``keys`` (lower-case names), or None."""
    lon = next((k for k in LON_NAMES if k in keys), None)
    lat = next((k for k in LAT_NAMES if k in keys), None)
    return (lon, lat) if lon and lat else None


def looks_like_html(text: str) -> bool:
    head = text.lstrip()[:2000].lower()
    return head.startswith(("<!doctype html", "<html")) or ("<html" in head and "<body" in text.lower())


def html_error(name: str) -> CddpError:
    return CddpError(
        translate(
            "core",
            "The file {name} is a web page (HTML), not a complaint export: pages saved or scraped from a web site carry no coordinates. Download the Traffy Fondue CSV/GeoJSON export or the Open311 requests.json/requests.xml instead.",
        ),
        name=name,
    )


def parse_open311_xml(text: str, name: str) -> list[dict]:
    """The ``<request>`` elements of a GeoReport v2 ``<service_requests>`` document as dicts."""
    import xml.etree.ElementTree as ET

    if "<!DOCTYPE" in text[:2000].upper() or "<!ENTITY" in text.upper():
        raise CddpError(
            translate("core", "The XML file {name} declares a DOCTYPE or entities; Open311 XML has none. Refused."),
            name=name,
        )
    try:
        root = ET.fromstring(text.encode("utf-8"))
    except ET.ParseError as exc:
        line, column = exc.position
        raise CddpError(
            translate("core", "The file {name} is not valid XML: {error} at line {line}, column {column}."),
            name=name,
            error=str(exc).split(":")[0],
            line=line,
            column=column,
        ) from None
    tag = root.tag.split("}")[-1]
    if tag == "errors":
        first = next(iter(root), None)
        code = first.findtext("code") if first is not None else ""
        description = first.findtext("description") if first is not None else ""
        raise CddpError(
            translate("core", "The Open311 server answered with an error instead of requests: {code} {description}."),
            code=code,
            description=description or "",
        )
    if tag != "service_requests":
        raise CddpError(
            translate(
                "core",
                "The XML file {name} is not Open311 GeoReport v2 requests: its root element is <{tag}>, expected <service_requests>.",
            ),
            name=name,
            tag=tag,
        )
    records = []
    for request in root:
        records.append({child.tag.split("}")[-1]: (child.text or "").strip() or None for child in request})
    return records


def _number(value: object) -> float | None:
    try:
        return float(to_arabic_digits(str(value)).strip().strip("'\""))
    except (TypeError, ValueError):
        return None


def raw_pair(kind: str, props: object, point: tuple | None) -> tuple[float | None, float | None]:
    """The ``(lon, lat)`` numbers a record gives as labelled (None where it gives none)."""
    if point is not None:
        return _number(point[0]), _number(point[1])
    if not isinstance(props, Mapping):
        return None, None
    if kind == "traffy":
        coords = props.get("coords", props.get("coord"))
        if isinstance(coords, list | tuple) and len(coords) == 2:
            return _number(coords[0]), _number(coords[1])
        parts = str(coords or "").strip().strip("[]()").split(",")
        return (_number(parts[0]), _number(parts[1])) if len(parts) == 2 else (None, None)
    if kind == "open311":
        return _number(props.get("long")), _number(props.get("lat"))
    return _number(props.get("lon")), _number(props.get("lat"))


def decide_swap(pairs, bbox) -> tuple[bool, int, int]:
    """``(swap, rows inside as labelled, rows inside swapped)`` for a file's coordinate pairs."""
    x0, y0, x1, y1 = bbox
    given = swapped = 0
    for lon, lat in pairs:
        if lon is None or lat is None:
            continue
        given += x0 <= lon <= x1 and y0 <= lat <= y1
        swapped += x0 <= lat <= x1 and y0 <= lon <= y1
    return swapped > given, given, swapped


def swap_record(kind: str, props: object, point: tuple | None) -> tuple[object, tuple | None]:
    """The record with its longitude and latitude exchanged."""
    if point is not None:
        return props, (point[1], point[0], *point[2:])
    if not isinstance(props, Mapping):
        return props, point
    props = dict(props)
    if kind == "traffy":
        key = "coords" if "coords" in props else "coord"
        coords = props.get(key)
        if isinstance(coords, list | tuple) and len(coords) == 2:
            props[key] = [coords[1], coords[0]]
        elif text_or_none(coords):
            parts = str(coords).strip().strip("[]()").split(",")
            if len(parts) == 2:
                props[key] = f"{parts[1].strip()},{parts[0].strip()}"
    else:
        lon_key = "long" if kind == "open311" else "lon"
        props[lon_key], props["lat"] = props.get("lat"), props.get(lon_key)
    return props, point


def decide_date_order(values, photos=()) -> tuple[str | None, str]:
    """``("dmy" | "mdy" | None, how)`` for a file's slash dates; None when it has none.
    Raises :class:`CddpError` (without the file name; the caller adds it) when rows disagree."""
    dmy = mdy = None
    seen = False
    for value in values:
        m = _SLASH.match(to_arabic_digits(str(value))) if isinstance(value, str) else None
        if not m:
            continue
        seen = True
        first, second = int(m.group(1)), int(m.group(2))
        if first > 12 and dmy is None:
            dmy = value
        if second > 12 and mdy is None:
            mdy = value
    if not seen:
        return None, ""
    if dmy is not None and mdy is not None:
        raise ValueError((dmy, mdy))
    if dmy is not None:
        return "dmy", "day"
    if mdy is not None:
        return "mdy", "day"
    votes = {"dmy": 0, "mdy": 0}
    for value, photo in photos:
        m = _SLASH.match(to_arabic_digits(str(value))) if isinstance(value, str) else None
        p = _PHOTO_MONTH.search(str(photo or ""))
        if not m or not p or int(m.group(3)) != int(p.group(1)):
            continue
        first, second, month = int(m.group(1)), int(m.group(2)), int(p.group(2))
        if first == month and second != month:
            votes["mdy"] += 1
        elif second == month and first != month:
            votes["dmy"] += 1
    if votes["mdy"] > votes["dmy"]:
        return "mdy", "photo"
    if votes["dmy"] > votes["mdy"]:
        return "dmy", "photo"
    return "dmy", "default"


def to_day_month(value: object) -> object:
    """``M/D/YYYY …`` → ``D/M/YYYY …`` (the form :func:`times.to_utc_iso` reads)."""
    if not isinstance(value, str):
        return value
    m = _SLASH.match(to_arabic_digits(value))
    return f"{m.group(2)}/{m.group(1)}/{m.group(3)}{m.group(4)}" if m else value


_PHOTO_FIELDS = {"traffy": ("photo", "photo_url"), "open311": ("media_url",), "line": ("photo_url",)}


def _first(props: Mapping, *names: str) -> object:
    return next((props[n] for n in names if props.get(n) not in (None, "", [])), None)


def normalise(kind: str, records: list, name: str, bbox, warn) -> list:
    """Decide per file what the rows cannot say alone (:mod:`.dumps`): coordinates in separate
    columns, a swapped longitude/latitude pair, the order of day and month in slash dates.
    ``records`` are ``(row, fields or a rejection, point or None)``; ``warn(code, CddpError)`` gets
    what the whole file was read as."""
    out = []
    for row, props, point in records:
        if kind == "traffy" and isinstance(props, Mapping) and point is None and props.get("coords") in (None, "", []):
            lower = {str(k).lower(): v for k, v in props.items()}
            cols = coordinate_columns(lower)
            if cols:
                lon, lat = text_or_none(lower[cols[0]]), text_or_none(lower[cols[1]])
                props = dict(props, coords=f"{lon},{lat}" if lon and lat else "")
        out.append((row, props, point))
    usable = [(props, point) for _, props, point in out if isinstance(props, Mapping)]
    fields = TIME_FIELDS[kind]
    try:
        order, how = decide_date_order(
            [props.get(f) for props, _ in usable for f in fields],
            [(props.get(fields[0]), _first(props, *_PHOTO_FIELDS[kind])) for props, _ in usable],
        )
    except ValueError as exc:
        first, second = exc.args[0]
        raise CddpError(
            translate(
                "core",
                "The file {name} mixes day/month/year and month/day/year dates ('{first}' and '{second}'); export it again with one date format.",
            ),
            name=name,
            first=first,
            second=second,
        ) from None
    if order == "mdy":
        out = [
            (row, {k: to_day_month(v) if k in fields else v for k, v in props.items()}, point)
            if isinstance(props, Mapping)
            else (row, props, point)
            for row, props, point in out
        ]
    if order is not None and how != "day":
        template = (
            translate(
                "core",
                "In {name} no date has a day above 12; the photo addresses' months show the dates are {order}, and they were read so.",
            )
            if how == "photo"
            else translate(
                "core",
                "In {name} no date has a day above 12 and no photo address shows the month: the dates were read as day/month/year (Thai usage). If they are month/day/year, convert them to YYYY-MM-DD before importing.",
            )
        )
        label = "month/day/year" if order == "mdy" else "day/month/year"
        warn("date_order", CddpError(template, name=name, order=label))
    pairs = [raw_pair(kind, props, point) for props, point in usable]
    swap, given, swapped = decide_swap(pairs, bbox)
    if swap:
        out = [
            (row, *swap_record(kind, props, point)) if isinstance(props, Mapping) else (row, props, point)
            for row, props, point in out
        ]
        error = CddpError(
            translate(
                "core",
                "In {name} longitude and latitude are swapped: {swapped} rows lie in Thailand with the two values exchanged, {given} as labelled. The file was read with them exchanged.",
            ),
            name=name,
            swapped=swapped,
            given=given,
        )
        warn("swapped_coordinates", error)
    return out
