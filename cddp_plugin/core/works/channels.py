"""Citizen complaints: read them from the channels Thai municipalities use, normalise them to the
``complaints`` layer of the workspace schema, scrub contact details, and merge re-imports.

Formats (detected from the content, not from the file name — :func:`detect_format`):

``traffy_csv``
    The Traffy Fondue dump CSV (UTF-8 with a byte-order mark), columns
    ``ticket_id,type,organization,comment,coords,photo,photo_after,address,subdistrict,district,
    province,timestamp,state,star,count_reopen,last_activity``. ``coords`` is ``"lon,lat"``; ``type``
    is a PostgreSQL array literal such as ``{ถนน,กีดขวาง}`` or ``{}``.
``traffy_json``
    The Traffy Fondue public API (``/share/teamchadchart/search``): ``{"status": true, "total": n,
    "results": [...]}`` or a bare list of results. ``coords`` is a list of two strings ``[lon, lat]``,
    categories are in ``problem_type_abdul`` (or ``problem_type`` / ``problem_type_fondue`` /
    ``type``), the text in ``description``, photos in ``photo_url`` / ``after_photo``.
``traffy_geojson`` / ``open311_geojson``
    A GeoJSON FeatureCollection (or a single Feature) whose properties are Traffy records (dump or API
    names) or Open311 requests. The Point geometry gives the location; without one, the properties'
    ``coords`` / ``lat`` + ``long`` are used.
``open311_json`` / ``open311_xml``
    Open311 GeoReport v2 ``requests.json`` (or ``requests.xml``, read into the same records): a list of service requests with ``service_request_id``,
    ``status`` (open/closed), ``service_code``, ``service_name``, ``description``,
    ``requested_datetime``, ``updated_datetime``, ``lat``, ``long``, ``media_url``, ``address``. An
    Open311 error reply (``[{"code": 403, "description": ...}]``) raises a :class:`CddpError`.
``line_csv``
    The LINE / E-Node / walk-in / phone template below: what a municipality's LINE Official Account
    desk or E-Node shop keeps in a spreadsheet. UTF-8 (with or without BOM) or Thai Windows
    (cp874/TIS-620), separated by commas, semicolons or tabs. Header names in English or Thai:

    ================  =====================  ========  ===================================================
    column            Thai header            required  content
    ================  =====================  ========  ===================================================
    channel           ช่องทาง                 yes       ``line``, ``e_node``, ``walk_in``, ``phone`` (any
                                                       ``complaint_source`` code or its Thai label)
    ref_id            เลขที่เรื่อง              yes       the channel's reference number (de-duplication key)
    received_at       วันเวลาที่รับแจ้ง          yes       ``2026-05-12 14:30`` (Bangkok time), ISO 8601 with
                                                       an offset, or ``12/05/2569 14:30`` (day/month/year,
                                                       Buddhist or Christian era)
    category          หมวดหมู่                 no        Traffy's Thai tags, schema labels or codes;
                                                       several separated by commas
    description       รายละเอียด               no        free text; contact details are scrubbed
    lat               ละติจูด                  yes       WGS 84 decimal degrees
    lon               ลองจิจูด                 yes       WGS 84 decimal degrees
    address           ที่อยู่                   no        place of the problem (scrubbed)
    subdistrict       ตำบล/แขวง               no
    district          อำเภอ/เขต                no
    province          จังหวัด                  no
    status            สถานะ                   no        a ``complaint_status`` code or Thai label;
                                                       empty = ``waiting``
    last_activity     ความเคลื่อนไหวล่าสุด        no        same formats as ``received_at``
    photo_url         ภาพถ่าย                  no        http(s) address of the photo
    ================  =====================  ========  ===================================================

    Any other column (for instance the reporter's name or phone) is ignored and never stored; its
    header is listed in :attr:`ImportResult.ignored_columns`. :func:`line_template_csv` writes an
    empty template.

Output: each complaint is a dict with exactly :data:`COMPLAINT_FIELDS` (the schema's ``complaints``
fields that come from the source, plus ``lon``/``lat`` in WGS 84 for the point). Rows that cannot be
imported are listed in :attr:`ImportResult.rejected` with their row number (1-based record number;
the CSV header is not counted), the source id when known, a reason code and a specific message.
Nothing is dropped silently: ``len(complaints) + len(rejected) == rows``. A second record with the
same de-duplication key in one file is merged into the first (newest state wins) and listed as
rejected with code ``duplicate_in_file``.

Rules:

* **Location**: longitude/latitude must be numbers inside a generous Thailand box
  :data:`THAILAND_BBOX` = lon 97.0–106.0 °E, lat 5.0–21.0 °N (the country spans about 97.3–105.7 °E,
  5.6–20.5 °N). Rows outside are rejected; when swapping the two values would land inside, the
  message says they look swapped. A whole file whose rows mostly fit only swapped is read swapped,
  with a warning (:mod:`.dumps`); one row is never swapped on its own. ``0, 0`` is rejected as "no
  location recorded". Separate latitude/longitude columns (also misspelt) stand in for ``coords``.
* **Time**: stored as UTC ISO 8601 ``YYYY-MM-DDTHH:MM:SS.sssZ`` (the GeoPackage form). A timestamp
  with an offset keeps it (Traffy's dumps and API write ``+00``, i.e. UTC — the real dump's reports
  are fewest at 17–22 h UTC, night in Bangkok); one without an offset is Bangkok time (UTC+7, no
  daylight saving). A year of 2400 or more is read as Buddhist era. Slash dates are D/M/Y or M/D/Y
  as the whole file decides (:func:`dumps.decide_date_order`).
  A missing or unparseable report time rejects the row.
* **Categories** (:data:`CATEGORY_TAGS`): Traffy's Thai tags map to ``work_category`` codes
  (ถนน→road, ทางเท้า→footpath, แสงสว่าง→lighting, ไฟฟ้า→electricity, สายไฟ→wires,
  ท่อระบายน้ำ→drainage, น้ำท่วม→flooding, คลอง→canal, สะพาน→bridge, ความสะอาด→cleanliness,
  ความปลอดภัย→safety, กีดขวาง→obstruction, ต้นไม้→tree, จราจร→traffic, ป้าย→sign); the schema's own
  codes and Thai/English labels are accepted too; anything else (ร้องเรียน, เสียงรบกวน, สัตว์จรจัด…)
  is ``other``. With several tags the primary category is the first known one in
  :data:`PRIMARY_ORDER` — asset-specific work first (a lamp, a drain, a canal names the crew), then
  the problem (traffic, cleanliness, obstruction), then the surfaces people tag as the *place*
  (footpath, road), then the vague ``safety``. All tags are kept, comma-separated, in
  ``categories_raw``.
* **Status** (:data:`STATUS_MAP`): รอรับเรื่อง→waiting, กำลังดำเนินการ→inprogress, ส่งต่อ→forwarded,
  เสร็จสิ้น→finish, ยกเลิก→cancelled; Traffy's English ``state_type`` words (start, waiting,
  inprogress, forward, finish, cancel, follow→inprogress, irrelevant→cancelled), the multi-step Thai
  states (ศึกษาปัญหา, ขั้นตอนทางกฎหมาย, ของบประมาณ, จัดซื้อจัดจ้าง→inprogress; a step in brackets such
  as ส่งต่อ(ใหม่) counts as its state) and Open311's ``open``→waiting, ``closed``→finish. An
  unknown Traffy/Open311 state is imported with ``status`` empty, the original in ``status_raw``,
  and a warning; in the LINE/E-Node template an unknown status rejects the row.
* **Text**: free text (``description``, ``address`` and every other stored text except ids, codes,
  times and photo addresses) goes through :func:`scrub_pii`. ``province`` loses a leading "จังหวัด".
  Photo addresses are kept only if they are http(s).
* **De-duplication**: :func:`dedupe_key` is ``(source, external_id)``. A record without an id (12
  rows of the real Bangkok dump, most from the "กรุงเทพโปร่งใส" channel, have an empty ``ticket_id``) gets
  the fallback key ``(source, "@<reported_at>,<lon>,<lat>")``, stable across re-imports of the same
  data. :func:`merge_complaint` / :func:`plan_merge` update an existing complaint from a re-import.

Personal data (PDPA): this module never logs or prints complaint text or contact details; it
counts what it scrubbed by kind only (:attr:`ImportResult.pii_scrubbed`).
"""

from __future__ import annotations

import csv
import datetime as _dt
import io
import json
import logging
import math
import re
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

from ..common.errors import CddpError
from ..common.i18n import translate
from ..common.pii import pseudonymous_id, scrub_pii, scrub_pii_counts
from ..common.thai import to_arabic_digits
from ..common.times import to_utc_iso
from ..common.values import text_or_none
from ..workspace import schema
from . import dumps
from .complaints import (
    _LINE_ALIASES,
    _SOURCE_CODES,
    _SOURCE_LABELS,
    CATEGORY_TAGS,
    COMPLAINT_FIELDS,
    LINE_TEMPLATE_COLUMNS,
    LINE_TEMPLATE_REQUIRED,
    PRIMARY_ORDER,
    STATUS_MAP,
    TRAFFY_CSV_COLUMNS,
    dedupe_key,
    line_template_csv,  # noqa: F401  (re-exported: channels.line_template_csv)
    map_categories,
    map_status,
    merge_complaint,
    split_tags,
)

log = logging.getLogger("cddp.core.works.channels")

FORMATS = ("traffy_csv", "traffy_json", "traffy_geojson", "open311_json", "open311_xml", "open311_geojson", "line_csv")

# (lon_min, lat_min, lon_max, lat_max): generous around Thailand (97.3–105.7 E, 5.6–20.5 N).
THAILAND_BBOX = (97.0, 5.0, 106.0, 21.0)

# Text fields stored without scrubbing: ids, codes, times, photo addresses.
_NOT_SCRUBBED = {
    "source",
    "external_id",
    "category",
    "status",
    "reported_at",
    "last_activity",
    "photo_url",
    "photo_after_url",
}
# The schema's codes and labels (Thai and English) are accepted as tags too.
for _code, _th, _en in schema.DOMAINS["work_category"].values:
    CATEGORY_TAGS.setdefault(str(_code), str(_code))
    CATEGORY_TAGS.setdefault(_th, str(_code))
    CATEGORY_TAGS.setdefault(_en.lower(), str(_code))
assert set(PRIMARY_ORDER) == set(schema.DOMAINS["work_category"].codes())
for _code, _th, _en in schema.DOMAINS["complaint_status"].values:
    STATUS_MAP.setdefault(_th, str(_code))
    STATUS_MAP.setdefault(_en.lower(), str(_code))
for _code, _th, _en in schema.DOMAINS["complaint_source"].values:
    _SOURCE_LABELS[_th.lower()] = str(_code)
    _SOURCE_LABELS[_en.lower()] = str(_code)
    _SOURCE_LABELS[str(_code)] = str(_code)
_SOURCE_LABELS.update({"e-node": "e_node", "enode": "e_node", "ไลน์": "line", "walk-in": "walk_in"})


# ---------------------------------------------------------------------------------------------
# Import
# ---------------------------------------------------------------------------------------------


@dataclass
class ImportResult:
    """What an import gave. ``rows`` = input records; ``len(complaints) + len(rejected) == rows``.

    ``rejected`` and ``warnings`` hold dicts ``{"row", "external_id", "code", "reason", "template",
    "params"}``: ``reason`` is the English message, ``template``/``params`` let the QGIS side
    translate it. ``pii_scrubbed`` counts replaced contact details by kind (never their content).
    """

    format: str
    rows: int = 0
    complaints: list[dict] = field(default_factory=list)
    rejected: list[dict] = field(default_factory=list)
    warnings: list[dict] = field(default_factory=list)
    ignored_columns: list[str] = field(default_factory=list)
    pii_scrubbed: Counter = field(default_factory=Counter)
    source_rows: list[int] = field(default_factory=list)  # the row each complaint came from

    @property
    def imported(self) -> int:
        return len(self.complaints)

    def rejected_by_code(self) -> Counter:
        return Counter(r["code"] for r in self.rejected)


class _RejectError(Exception):
    def __init__(self, code: str, template: str, **params: object) -> None:
        super().__init__(code)
        self.code = code
        # a raw value in a message may be a shifted column holding a phone number: scrub it too
        self.error = CddpError(template, **{k: scrub_pii(v) if isinstance(v, str) else v for k, v in params.items()})


def _issue(row: int, external_id: str | None, code: str, error: CddpError) -> dict:
    return {
        "row": row,
        "external_id": scrub_pii(external_id),
        "code": code,
        "reason": scrub_pii(str(error)),
        "template": error.template,
        "params": {k: scrub_pii(v) if isinstance(v, str) else v for k, v in error.params.items()},
    }


def _label(row: int, external_id: str | None) -> str:
    return f"{row} ({external_id})" if external_id else str(row)


def _coordinate(value: object) -> float:
    number = float(to_arabic_digits(str(value)).strip()) if isinstance(value, str) else float(value)  # type: ignore[arg-type]
    if not math.isfinite(number):
        raise ValueError("not finite")
    return number


def _check_location(row: int, ext: str | None, lon_raw: object, lat_raw: object, expected: str) -> tuple[float, float]:
    where = _label(row, ext)
    if text_or_none(lon_raw) is None or text_or_none(lat_raw) is None:
        raise _RejectError(
            "missing_coordinates",
            translate("core", "Row {row}: the location is missing; expected {expected}."),
            row=where,
            expected=expected,
        )
    try:
        lon, lat = _coordinate(lon_raw), _coordinate(lat_raw)
    except (TypeError, ValueError):
        raise _RejectError(
            "bad_coordinates",
            translate("core", "Row {row}: the location '{lon}', '{lat}' is not two numbers; expected {expected}."),
            row=where,
            lon=lon_raw,
            lat=lat_raw,
            expected=expected,
        ) from None
    if lon == 0 and lat == 0:
        raise _RejectError(
            "zero_coordinates",
            translate(
                "core",
                "Row {row}: the location is 0, 0 (the channel recorded no location); a complaint needs its place in Thailand.",
            ),
            row=where,
        )
    x0, y0, x1, y1 = THAILAND_BBOX
    if not (x0 <= lon <= x1 and y0 <= lat <= y1):
        if x0 <= lat <= x1 and y0 <= lon <= y1:
            raise _RejectError(
                "outside_thailand",
                translate(
                    "core",
                    "Row {row}: longitude {lon}, latitude {lat} is outside Thailand (longitude {lon_min}–{lon_max}, latitude {lat_min}–{lat_max}); the two values look swapped.",
                ),
                row=where,
                lon=lon,
                lat=lat,
                lon_min=x0,
                lon_max=x1,
                lat_min=y0,
                lat_max=y1,
            )
        raise _RejectError(
            "outside_thailand",
            translate(
                "core",
                "Row {row}: longitude {lon}, latitude {lat} is outside Thailand (longitude {lon_min}–{lon_max}, latitude {lat_min}–{lat_max}).",
            ),
            row=where,
            lon=lon,
            lat=lat,
            lon_min=x0,
            lon_max=x1,
            lat_min=y0,
            lat_max=y1,
        )
    return lon, lat


def _check_time(row: int, ext: str | None, name: str, value: object, required: bool) -> str | None:
    if text_or_none(value) is None and not isinstance(value, _dt.date):
        if not required:
            return None
        raise _RejectError(
            "missing_timestamp",
            translate("core", "Row {row}: the time '{field}' is empty."),
            row=_label(row, ext),
            field=name,
        )
    try:
        return to_utc_iso(value)
    except (ValueError, OverflowError):
        raise _RejectError(
            "bad_timestamp",
            translate(
                "core",
                "Row {row}: '{value}' in '{field}' is not a date and time; expected e.g. 2026-05-12 14:30:00+07:00, 2026-05-12T07:30:00Z or 12/05/2569 14:30.",
            ),
            row=_label(row, ext),
            field=name,
            value=value,
        ) from None


def _url(value: object) -> str | None:
    text = text_or_none(value)
    return text if text and text.lower().startswith(("http://", "https://")) else None


def _int(value: object) -> int | None:
    text = text_or_none(value)
    if text is None:
        return None
    try:
        number = int(float(to_arabic_digits(text)))
    except (ValueError, OverflowError):
        return None
    return number if number >= 0 else None


def _province(value: object) -> str | None:
    text = text_or_none(value)
    if text and text.startswith("จังหวัด") and len(text) > len("จังหวัด"):
        text = text[len("จังหวัด") :].strip()
    return text


def _finish(record: dict, counts: Counter) -> dict:
    """Order the fields, scrub free text, count what was scrubbed."""
    out = {}
    for name in COMPLAINT_FIELDS:
        value = record.get(name)
        if isinstance(value, str) and name not in _NOT_SCRUBBED:
            value, found = scrub_pii_counts(value)
            counts.update(found)
        elif name == "external_id" and isinstance(value, str):
            value = pseudonymous_id(value, counts)
        out[name] = value
    return out


def _first(props: Mapping, *names: str) -> object:
    for name in names:
        if name in props and props[name] not in (None, "", []):
            return props[name]
    return None


def _traffy_record(row: int, props: Mapping, point: tuple[object, object] | None, warnings: list) -> dict:
    ext = text_or_none(props.get("ticket_id"))
    if point is None:
        coords = props.get("coords", props.get("coord"))
        if isinstance(coords, list | tuple):
            if len(coords) != 2:
                raise _RejectError(
                    "bad_coordinates",
                    translate("core", "Row {row}: 'coords' has {count} values; expected [longitude, latitude]."),
                    row=_label(row, ext),
                    count=len(coords),
                )
            point = (coords[0], coords[1])
        elif text_or_none(coords) is None:
            point = (None, None)
        else:
            parts = str(coords).strip().strip("[]()").split(",")
            if len(parts) != 2:
                raise _RejectError(
                    "bad_coordinates",
                    translate("core", "Row {row}: 'coords' is '{value}'; expected 'longitude,latitude'."),
                    row=_label(row, ext),
                    value=coords,
                )
            point = (parts[0].strip().strip("'\""), parts[1].strip().strip("'\""))
    lon, lat = _check_location(row, ext, point[0], point[1], "coords (longitude,latitude)")
    reported = _check_time(row, ext, "timestamp", props.get("timestamp"), required=True)
    last = _check_time(row, ext, "last_activity", props.get("last_activity"), required=False)
    tags = split_tags(_first(props, "problem_type_abdul", "problem_type", "problem_type_fondue", "type"))
    category, raw = map_categories(tags)
    state = text_or_none(props.get("state"))
    status = _mapped_status(row, ext, state, warnings)
    return {
        "source": "traffy",
        "external_id": ext,
        "category": category,
        "categories_raw": raw,
        "description": text_or_none(_first(props, "description", "comment")),
        "status": status,
        "status_raw": state,
        "reported_at": reported,
        "last_activity": last,
        "address": text_or_none(props.get("address")),
        "subdistrict": text_or_none(props.get("subdistrict")),
        "district": text_or_none(props.get("district")),
        "province": _province(props.get("province")),
        "photo_url": _url(_first(props, "photo_url", "photo")),
        "photo_after_url": _url(_first(props, "after_photo", "photo_after", "photo_after_url")),
        "reopen_count": _int(props.get("count_reopen")),
        "lon": lon,
        "lat": lat,
    }


def _mapped_status(row: int, ext: str | None, state: str | None, warnings: list) -> str | None:
    """The complaint_status for a source state; an unknown state is kept raw, with a warning."""
    status = map_status(state)
    if state is not None and status is None:
        warnings.append(
            _issue(
                row,
                ext,
                "unknown_status",
                CddpError(
                    translate(
                        "core",
                        "Row {row}: the state '{value}' is not known; imported without a status (kept as '{value}').",
                    ),
                    row=_label(row, ext),
                    value=state,
                ),
            )
        )
    return status


def _open311_record(row: int, props: Mapping, point: tuple[object, object] | None, warnings: list) -> dict:
    ext = text_or_none(props.get("service_request_id"))
    if point is None:
        point = (props.get("long"), props.get("lat"))
    lon, lat = _check_location(row, ext, point[0], point[1], "lat, long")
    reported = _check_time(row, ext, "requested_datetime", props.get("requested_datetime"), required=True)
    last = _check_time(row, ext, "updated_datetime", props.get("updated_datetime"), required=False)
    tags = [t for t in (text_or_none(props.get("service_code")), text_or_none(props.get("service_name"))) if t]
    category, _ = map_categories(tags)
    raw = text_or_none(props.get("service_name")) or text_or_none(props.get("service_code"))
    state = text_or_none(props.get("status"))
    status = _mapped_status(row, ext, state, warnings)
    return {
        "source": "open311",
        "external_id": ext,
        "category": category,
        "categories_raw": raw,
        "description": text_or_none(props.get("description")),
        "status": status,
        "status_raw": state,
        "reported_at": reported,
        "last_activity": last,
        "address": text_or_none(props.get("address")),
        "subdistrict": None,
        "district": None,
        "province": None,
        "photo_url": _url(props.get("media_url")),
        "photo_after_url": None,
        "reopen_count": None,
        "lon": lon,
        "lat": lat,
    }


def _line_record(row: int, props: Mapping, warnings: list) -> dict:
    ext = text_or_none(props.get("ref_id"))
    channel_raw = text_or_none(props.get("channel"))
    if ext is None:
        raise _RejectError(
            "missing_id",
            translate("core", "Row {row}: the reference number (ref_id / เลขที่เรื่อง) is empty."),
            row=row,
        )
    channel = _SOURCE_LABELS.get((channel_raw or "").lower())
    if channel is None:
        raise _RejectError(
            "bad_channel",
            translate("core", "Row {row}: the channel '{value}' is not one of {allowed}."),
            row=_label(row, ext),
            value=channel_raw or "",
            allowed=", ".join(sorted(_SOURCE_CODES)),
        )
    lon, lat = _check_location(row, ext, props.get("lon"), props.get("lat"), "lat, lon (decimal degrees)")
    reported = _check_time(row, ext, "received_at", props.get("received_at"), required=True)
    last = _check_time(row, ext, "last_activity", props.get("last_activity"), required=False)
    state = text_or_none(props.get("status"))
    status = "waiting" if state is None else map_status(state)
    if status is None:
        raise _RejectError(
            "bad_status",
            translate("core", "Row {row}: the status '{value}' is not one of {allowed}."),
            row=_label(row, ext),
            value=state,
            allowed=", ".join(str(c) for c in schema.DOMAINS["complaint_status"].codes()),
        )
    tags = split_tags(props.get("category"))
    category, raw = map_categories(tags)
    return {
        "source": channel,
        "external_id": ext,
        "category": category,
        "categories_raw": raw,
        "description": text_or_none(props.get("description")),
        "status": status,
        "status_raw": state,
        "reported_at": reported,
        "last_activity": last,
        "address": text_or_none(props.get("address")),
        "subdistrict": text_or_none(props.get("subdistrict")),
        "district": text_or_none(props.get("district")),
        "province": _province(props.get("province")),
        "photo_url": _url(props.get("photo_url")),
        "photo_after_url": None,
        "reopen_count": None,
        "lon": lon,
        "lat": lat,
    }


def _decode(data: bytes | str, name: str) -> str:
    if isinstance(data, str):
        return data.lstrip("\ufeff")
    for encoding in ("utf-8-sig", "cp874"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise CddpError(
        translate("core", "The file {name} is neither UTF-8 nor Thai Windows (TIS-620/cp874) text."), name=name
    )


def _csv_dialect(text: str) -> str:
    first = text.split("\n", 1)[0]
    return max((",", ";", "\t"), key=first.count)


def _csv_header(text: str, name: str) -> list[str]:
    try:
        header = next(csv.reader(io.StringIO(text), delimiter=_csv_dialect(text), strict=True), [])
    except csv.Error as exc:
        raise CddpError(
            translate("core", "The file {name} is not valid CSV: {error} (line {line})."), name=name, error=exc, line=1
        ) from None
    return [h.strip().lstrip("\ufeff") for h in header]


def _detect_json(doc: object) -> str | None:
    def kind(props: object) -> str | None:
        if isinstance(props, Mapping):
            if "service_request_id" in props:
                return "open311"
            if "ticket_id" in props or "coords" in props or "problem_type_abdul" in props:
                return "traffy"
        return None

    if isinstance(doc, Mapping):
        if doc.get("type") in ("FeatureCollection", "Feature"):
            features = doc.get("features") if doc.get("type") == "FeatureCollection" else [doc]
            if not isinstance(features, list):
                return None
            for feature in features:
                k = kind(feature.get("properties") if isinstance(feature, Mapping) else None)
                if k:
                    return f"{k}_geojson"
            return "traffy_geojson" if not features else None
        if isinstance(doc.get("results"), list):
            return "traffy_json"
        return None
    if isinstance(doc, list):
        if not doc:
            return None
        for item in doc:
            k = kind(item)
            if k:
                return f"{k}_json"
    return None


def detect_format(data: bytes | str, name: str = "input") -> str:
    """One of :data:`FORMATS`, from the content. Raises :class:`CddpError` when it is none of them."""
    return _load(data, name)[0]


def _load(data: bytes | str, name: str) -> tuple[str, object]:
    text = _decode(data, name)
    stripped = text.strip()
    if not stripped:
        raise CddpError(translate("core", "The file {name} is empty."), name=name)
    if dumps.looks_like_html(stripped):
        raise dumps.html_error(name)
    if stripped[0] == "<":
        return "open311_xml", dumps.parse_open311_xml(stripped, name)
    if stripped[0] in "[{":
        try:
            doc = json.loads(stripped)
        except json.JSONDecodeError as exc:
            raise CddpError(
                translate("core", "The file {name} is not valid JSON: {error} at line {line}, column {column}."),
                name=name,
                error=exc.msg,
                line=exc.lineno,
                column=exc.colno,
            ) from None
        if isinstance(doc, list) and doc and all(isinstance(i, Mapping) and "code" in i for i in doc):
            if not any("service_request_id" in i for i in doc):
                first = doc[0]
                raise CddpError(
                    translate(
                        "core", "The Open311 server answered with an error instead of requests: {code} {description}."
                    ),
                    code=first.get("code"),
                    description=first.get("description", ""),
                )
        fmt = _detect_json(doc)
        if fmt is None:
            raise CddpError(
                translate(
                    "core",
                    "The file {name} is JSON but not a complaint format this plugin reads: expected Traffy Fondue API results (ticket_id, coords), Open311 GeoReport v2 requests (service_request_id) or a GeoJSON FeatureCollection of either.",
                ),
                name=name,
            )
        return fmt, doc
    header = {h.lower() for h in _csv_header(text, name)}
    has_point = "coords" in header or dumps.coordinate_columns(header) is not None
    if "ticket_id" in header and has_point and ({"comment", "type", "state", "timestamp"} & header):
        return "traffy_csv", text
    if "ticket_id" in header and not has_point:
        raise CddpError(
            translate(
                "core",
                "The file {name} has Traffy Fondue ticket ids but no coordinates (neither 'coords' nor latitude/longitude columns), as pages copied from the web site have. Complaints cannot be placed without them: download the dump CSV or GeoJSON export instead.",
            ),
            name=name,
        )
    if {"channel", "ref_id"} <= header or {"ช่องทาง", "เลขที่เรื่อง"} <= header:
        return "line_csv", text
    raise CddpError(
        translate(
            "core",
            "The file {name} is not a complaint format this plugin reads. A CSV needs the Traffy Fondue dump columns ({traffy}) or the LINE/E-Node template columns ({template_columns}); its first line has: {columns}.",
        ),
        name=name,
        traffy=", ".join(TRAFFY_CSV_COLUMNS),
        template_columns=", ".join(LINE_TEMPLATE_COLUMNS),
        columns=_safe_header_text(header),
    )


_IDENTIFIER = re.compile(r"^[A-Za-z][A-Za-z0-9_:.-]{0,39}$")


def _safe_header_text(header: set[str]) -> str:
    """The first line of an unreadable CSV, for the error message — without echoing a citizen's row
    when the file has no header: only names that look like column names (ASCII identifiers or known
    Thai aliases) are shown, the rest counted."""
    shown = sorted(h for h in header if _IDENTIFIER.match(h) or h in _LINE_ALIASES)
    hidden = len(header) - len(shown)
    return ", ".join(shown)[:300] + (f" (+{hidden} …)" if hidden else "")


def _records_csv(text: str, fmt: str, name: str, result: ImportResult) -> Iterable[tuple[int, object]]:
    reader = csv.reader(io.StringIO(text), delimiter=_csv_dialect(text), strict=True)
    try:
        header = [h.strip().lstrip("\ufeff") for h in next(reader)]
        if fmt == "line_csv":
            keys = [_LINE_ALIASES.get(h.lower()) for h in header]
            result.ignored_columns = [h for h, k in zip(header, keys, strict=True) if k is None and h]
            missing = [c for c in LINE_TEMPLATE_REQUIRED if c not in keys]
            if missing:
                raise CddpError(
                    translate("core", "The LINE/E-Node file {name} lacks the required column(s) {missing}."),
                    name=name,
                    missing=", ".join(missing),
                )
        else:
            keys = [h.lower() for h in header]
            needed = (
                ("ticket_id", "timestamp") if dumps.coordinate_columns(keys) else ("ticket_id", "coords", "timestamp")
            )
            missing = [c for c in needed if c not in keys]
            if missing:
                raise CddpError(
                    translate("core", "The Traffy Fondue file {name} lacks the column(s) {missing}."),
                    name=name,
                    missing=", ".join(missing),
                )
        row = 0
        line = reader.line_num + 1
        for values in reader:
            if not values or (len(values) == 1 and not values[0].strip()):
                line = reader.line_num + 1
                continue  # blank line: not a record
            row += 1
            if len(values) != len(keys):
                yield (
                    row,
                    _RejectError(
                        "bad_field_count",
                        translate("core", "Row {row} (line {line}): {count} fields, but the header has {expected}."),
                        row=row,
                        line=line,
                        count=len(values),
                        expected=len(keys),
                    ),
                )
            else:
                yield row, {k: v for k, v in zip(keys, values, strict=True) if k is not None}
            line = reader.line_num + 1
    except csv.Error as exc:
        raise CddpError(
            translate("core", "The file {name} is not valid CSV: {error} (line {line})."),
            name=name,
            error=exc,
            line=reader.line_num,
        ) from None


def _records_json(doc: object, fmt: str) -> Iterable[tuple[int, object, tuple | None]]:
    if fmt.endswith("_geojson"):
        features = doc["features"] if doc.get("type") == "FeatureCollection" else [doc]  # type: ignore[union-attr,index]
        for row, feature in enumerate(features, 1):
            if not isinstance(feature, Mapping) or not isinstance(feature.get("properties"), Mapping):
                yield row, None, None
                continue
            geometry = feature.get("geometry")
            point = None
            if isinstance(geometry, Mapping):
                coords = geometry.get("coordinates")
                if geometry.get("type") != "Point" or not isinstance(coords, list) or len(coords) < 2:
                    yield row, ("geometry", geometry.get("type")), None
                    continue
                point = (coords[0], coords[1])
            yield row, feature["properties"], point
    else:
        items = doc["results"] if isinstance(doc, Mapping) else doc  # type: ignore[index]
        for row, item in enumerate(items, 1):
            yield row, item, None


_ID_FIELDS = {"traffy": "ticket_id", "open311": "service_request_id", "line": "ref_id"}


def parse_complaints(data: bytes | str, name: str = "input") -> ImportResult:
    """Parse complaints from the bytes or text of a file in any of :data:`FORMATS`.

    Returns an :class:`ImportResult`; raises :class:`CddpError` for a file that cannot be read as a
    whole (empty, not text, malformed JSON/CSV/XML, a web page, unknown format, missing required
    columns, mixed date orders). What a file's rows decide together (separate or swapped coordinate
    columns, day/month order) is in :mod:`.dumps`.
    """
    fmt, doc = _load(data, name)
    result = ImportResult(format=fmt)
    by_key: dict[tuple[str, str], int] = {}  # key → index in result.complaints
    rows_of: list[int] = []

    def accept(row: int, record: dict) -> None:
        complaint = _finish(record, result.pii_scrubbed)
        key = dedupe_key(complaint)
        if key in by_key:
            index = by_key[key]
            result.complaints[index] = merge_complaint(result.complaints[index], complaint)[0]
            error = CddpError(
                translate(
                    "core", "Row {row}: same {source} id as row {first}; its newer state was merged into that row."
                ),
                row=_label(row, complaint["external_id"]),
                source=complaint["source"],
                first=rows_of[index],
            )
            result.rejected.append(_issue(row, complaint["external_id"], "duplicate_in_file", error))
            return
        by_key[key] = len(result.complaints)
        rows_of.append(row)
        result.complaints.append(complaint)

    def reject(row: int, ext: object, rej: _RejectError) -> None:
        result.rejected.append(_issue(row, text_or_none(ext), rej.code, rej.error))

    kind = "line" if fmt == "line_csv" else fmt.split("_")[0]
    if fmt in ("traffy_csv", "line_csv"):
        records = [(row, values, None) for row, values in _records_csv(doc, fmt, name, result)]  # type: ignore[arg-type]
    else:
        records = list(_records_json(doc, fmt))
    id_field = _ID_FIELDS[kind]

    def warn(code: str, error: CddpError) -> None:
        result.warnings.append(_issue(0, None, code, error))

    for row, props, point in dumps.normalise(kind, records, name, THAILAND_BBOX, warn):
        result.rows += 1
        if isinstance(props, _RejectError):
            reject(row, None, props)
            continue
        try:
            if isinstance(props, tuple):
                raise _RejectError(
                    "bad_geometry",
                    translate("core", "Row {row}: the geometry is a {type}; expected a Point."),
                    row=row,
                    type=props[1],
                )
            if not isinstance(props, Mapping):
                raise _RejectError(
                    "not_a_record",
                    translate("core", "Row {row}: expected a JSON object with the complaint's fields."),
                    row=row,
                )
            if (kind == "traffy" and "service_request_id" in props) or (kind == "open311" and "ticket_id" in props):
                raise _RejectError(
                    "mixed_formats",
                    translate(
                        "core",
                        "Row {row}: a {found} record in a file of {expected} records; import each format from its own file.",
                    ),
                    row=row,
                    found="Open311" if kind == "traffy" else "Traffy Fondue",
                    expected="Traffy Fondue" if kind == "traffy" else "Open311",
                )
            if kind == "traffy":
                record = _traffy_record(row, props, point, result.warnings)
            elif kind == "open311":
                record = _open311_record(row, props, point, result.warnings)
            else:
                record = _line_record(row, props, result.warnings)
        except _RejectError as rej:
            reject(row, props.get(id_field) if isinstance(props, Mapping) else None, rej)
            continue
        accept(row, record)
    result.source_rows = rows_of
    assert result.imported + len(result.rejected) == result.rows
    log.info(
        "complaints %s: %d rows, %d imported, %d rejected, contact details scrubbed: %s",
        fmt,
        result.rows,
        result.imported,
        len(result.rejected),
        dict(result.pii_scrubbed),
    )
    return result


def read_complaints(path: str | Path) -> ImportResult:
    """:func:`parse_complaints` on a file."""
    path = Path(path)
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise CddpError(
            translate("core", "Cannot read the complaints file {path}: {error}"), path=str(path), error=exc.strerror
        ) from None
    return parse_complaints(data, name=path.name)
