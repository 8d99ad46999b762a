"""Roads: import from OpenStreetMap extracts and ordinary line layers, and segmentation into
inspection sections with Thai chainage (กม. 0+350) and stable section ids.

Import
------
* **OpenStreetMap** (``.osm.pbf`` / ``.osm`` through GDAL's OSM driver, layer ``lines``): every way
  with a ``highway`` tag. GDAL puts the tags that are not columns of its ``osmconf.ini`` into
  ``other_tags``, an hstore-like string (``"key"=>"value","k2"=>"v2"``, with ``"`` and ``\\``
  escaped by a backslash — GDAL's ``OGROSMFormatForHSTORE``); :func:`parse_other_tags` reads it
  (and the JSON form GDAL ≥ 3.7 writes with ``tags_format=json``). A small regular-expression
  parser was chosen over a library: the only candidates are database drivers (psycopg2's
  ``HstoreAdapter.parse``), too heavy a dependency for one format of a few lines.
* **Ordinary line layers**: fields found by their usual English and Thai names (:data:`CANDIDATES`,
  overridable); Thai surface words (ลาดยาง, คอนกรีต, ลูกรัง, หินคลุก, ดิน…) mapped to the surface classes.
* Names: ``name:th`` (else ``name`` when it is in Thai script) → ``name_th``; ``name:en`` (else
  ``name`` when it is in Latin script) → ``name_en``. See :func:`split_names`.
* Classes (:data:`HIGHWAY_CLASS`): the OSM road hierarchy keeps its name (``*_link`` → its road),
  ``footway``/``path``/``pedestrian``/``steps``/``cycleway``/``bridleway`` → ``footway``; any other
  value (``corridor``, ``busway``, ``road``, ``construction``, ``platform``…) → ``other`` and is
  counted in the report. Ways that are not (yet/any more) roads — ``proposed``, ``planned``,
  ``abandoned``, ``disused``, ``razed``, ``dismantled``, ``no`` — are rejected with that reason.
* Surfaces (:data:`OSM_SURFACE`): asphalt/chipseal → asphalt; concrete, concrete:plates,
  concrete:lanes → concrete; paving_stones, sett, cobblestone, unhewn_cobblestone, bricks,
  grass_paver → paving; gravel, fine_gravel, compacted, pebblestone → gravel; laterite (no OSM
  standard value; some Thai mappers use it) → laterite; unpaved, dirt, ground, earth, mud, sand,
  grass → earth. ``paved`` says only "not unpaved": asphalt and concrete need different PASER
  manuals, so it becomes ``unknown`` like every other value (metal, wood…) and like a missing tag.
* Lengths are measured in the workspace CRS (metres). Lines with no geometry, an empty one, no
  length (under 1 cm) or one that is not a line are rejected with the reason.
* Re-import (:func:`upsert_roads`) updates a road with the same ``osm_id`` (else ``road_code``, else
  identical geometry among roads with neither) and keeps its uuid. It only writes the columns the source provides, and a
  value the source lacks (None, surface ``unknown``) never blanks one already in the workspace. Repeated ids or
  codes are matched one to one by geometry (identical first, then the nearest), never by their order in the file
  (:mod:`.matching`); the report counts the matches per key (``matched_by``) and the roads lying far outside the
  municipality (``far_outside``, :mod:`..workspace.plausibility`; an import that lies wholly outside is refused).

Segmentation
------------
* By length ``L`` (default 100 m) or by area (``L = area / width``, e.g. 225 m² for ASTM D6433
  asphalt sample units; width = the road's ``width_m``, else ``lanes × lane width`` (3.0 m),
  else the default width given; roads without any are skipped with the reason). Section areas are
  ``length × width`` with the same width (None in length mode when the width is unknown).
* Cuts every ``L`` metres from the road's start; a remainder of at most ``L/2`` joins the last
  section, a longer one is a section of its own (350 m at L = 100 → 100, 100, 150; 360 m → 100,
  100, 100, 60). So no section exceeds 1.5 L and none is shorter than L/2 unless its road (part) is.
* Multi-part roads are merged first (``shapely.line_merge``); parts that do not touch are chained
  from the first part to the nearest next end (reversed when its far end is nearer), and the
  chainage continues over the gap without counting it. A section never spans a gap (sections are
  LineStrings), so every part is cut on its own with the rule above.
* Section id = the road's stable key + ``-`` + the section number from 1 (``W9019480-0003``); the
  key is ``W<id>`` for an OSM way, else the road code, else ``U`` + 12 hex digits of the uuid, and
  the uuid form for any road whose key is not unique in the workspace. The same road segmented
  with the same parameters gets the same ids.
* Writing (:func:`write_sections`) replaces a road's sections: a section whose id is unchanged and
  whose two ends moved less than 1 m (e.g. after a re-import) is updated in place (uuid, ratings and inspections kept), other old sections are deleted
  and new ones inserted — all through the change log. Deleting a section that carries a rating or
  inspections is refused unless ``replace_inspected`` is set; their inspections, and the complaints and work
  orders on any deleted section, move to the new section of the same road at their place (the complaint's or
  order's point, else the old section's midpoint), so nothing points at a deleted row. Roads skipped (no width in area
  mode) keep their old sections. A road whose length sits right at ``n·L + L/2`` can gain or lose
  its last section when a re-import moves its end by centimetres; that is the rule, not a bug.
"""

from __future__ import annotations

import json
import logging
import math
import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from ..common.crs import to_workspace_crs
from ..common.errors import CddpError
from ..common.fields import detect_mapping
from ..common.i18n import translate
from ..common.pii import scrub_pii
from ..common.thai import to_arabic_digits
from ..common.values import is_null, text_or_none
from ..workspace import gpkg, schema

log = logging.getLogger("cddp.core.roads.network")

ROAD_CLASSES = tuple(schema.DOMAINS["road_class"].codes())
SURFACES = tuple(schema.DOMAINS["surface"].codes())
OWNERS = tuple(schema.DOMAINS["road_owner"].codes())

MIN_LENGTH_M = 0.01  # a line shorter than 1 cm has "no length"
MIN_SECTION_M = 1.0
DEFAULT_SECTION_M = 100.0
DEFAULT_SAMPLE_AREA_SQM = 225.0  # ASTM D6433 asphalt sample unit, 225 ± 90 m²
DEFAULT_LANE_WIDTH_M = 3.0

# --- OpenStreetMap tags -------------------------------------------------------------------------

HIGHWAY_CLASS: dict[str, str] = {
    **{k: k for k in ("motorway", "trunk", "primary", "secondary", "tertiary")},
    **{f"{k}_link": k for k in ("motorway", "trunk", "primary", "secondary", "tertiary")},
    "unclassified": "unclassified",
    "residential": "residential",
    "service": "service",
    "living_street": "living_street",
    "track": "track",
    **{k: "footway" for k in ("footway", "path", "pedestrian", "steps", "cycleway", "bridleway")},
}
# highway values of ways that are not roads on the ground: rejected, with the value as the reason
NOT_A_ROAD = ("proposed", "planned", "abandoned", "disused", "razed", "dismantled", "no")

OSM_SURFACE: dict[str, str] = {
    "asphalt": "asphalt",
    "chipseal": "asphalt",
    **{k: "concrete" for k in ("concrete", "concrete:plates", "concrete:lanes")},
    **{k: "paving" for k in ("paving_stones", "sett", "cobblestone", "unhewn_cobblestone", "bricks", "grass_paver")},
    **{k: "gravel" for k in ("gravel", "fine_gravel", "compacted", "pebblestone")},
    "laterite": "laterite",
    **{k: "earth" for k in ("unpaved", "dirt", "ground", "earth", "mud", "sand", "grass")},
}

_LIT_TRUE = {"yes", "24/7", "automatic", "interval", "limited", "sunset-sunrise", "dusk-dawn", "true", "t", "y",
             "1", "on", "มี", "ใช่", "มีไฟ"}  # fmt: skip
_LIT_FALSE = {"no", "disused", "false", "f", "n", "0", "off", "ไม่มี", "ไม่", "ไม่มีไฟ"}

# --- ordinary layers -------------------------------------------------------------------------------

CANDIDATES: dict[str, tuple[str, ...]] = {
    "road_code": ("roadcode", "rd_code", "road_id", "roadid", "code", "รหัสสายทาง", "รหัสถนน", "รหัสทาง"),
    "name_th": ("name:th", "name_t", "namt", "name_thai", "thai_name", "tname", "ชื่อถนน", "ชื่อสายทาง", "ชื่อภาษาไทย"),
    "name_en": ("name:en", "name_e", "name_eng", "name_english", "english_name", "ename", "ชื่อภาษาอังกฤษ"),
    "name": ("road_name", "rd_name", "roadname", "street", "street_name", "ชื่อ"),
    "road_class": ("class", "roadclass", "road_type", "roadtype", "type", "highway", "fclass", "ประเภทถนน",
                   "ประเภท", "ชั้นทาง", "ชนิดถนน"),
    "surface": ("surface_type", "surf", "pavement", "pavement_type", "ผิวจราจร", "ผิวทาง", "ผิวถนน",
                "ประเภทผิวจราจร", "ชนิดผิวทาง", "ชนิดผิวจราจร"),
    "lanes": ("lane", "no_lanes", "num_lanes", "n_lanes", "จำนวนช่องจราจร", "ช่องจราจร"),
    "width_m": ("width", "road_width", "wide", "กว้าง", "ความกว้าง", "ความกว้างถนน", "ความกว้าง (ม.)"),
    "lit": ("lighting", "light", "lights", "ไฟฟ้าแสงสว่าง", "มีไฟฟ้าแสงสว่าง", "ไฟส่องสว่าง"),
    "owner": ("authority", "agency", "responsible", "หน่วยงานรับผิดชอบ", "หน่วยงาน", "ผู้รับผิดชอบ", "สังกัด"),
    "osm_id": ("osmid", "osm_way_id", "full_id"),
    "note": ("notes", "remark", "remarks", "หมายเหตุ"),
}  # fmt: skip

# Thai and English words in surface fields → class. First match wins, so the order matters:
# ดินลูกรัง is laterite, แอสฟัลต์ติกคอนกรีต (asphaltic concrete) asphalt, บล็อกคอนกรีต paving.
_SURFACE_WORDS: tuple[tuple[str, str], ...] = (
    ("laterite", r"ลูกรัง|laterite"),
    ("asphalt", r"ลาดยาง|ยางมะตอย|แอสฟัล|asphalt|bitumen|บิทูเมน|ยางพารา|เคพซีล|capeseal|chipseal|ผิวทางพิเศษ"),
    ("paving", r"บล็อก|บล๊อก|บล๊อค|บล็อค|อิฐ|ตัวหนอน|paving|brick|interlock|block"),
    ("concrete", r"คอนกรีต|คสล|concrete|cement|ซีเมนต์"),
    ("gravel", r"หินคลุก|กรวด|gravel|crushed|หินผุ|หิน"),
    ("earth", r"(?<!เ)ดิน|earth|soil|dirt|unpaved"),
)
_SURFACE_CODES = {"ac": "asphalt", "st": "asphalt", "rc": "concrete"}

_CLASS_WORDS: tuple[tuple[str, str], ...] = (
    ("motorway", r"ทางหลวงพิเศษ|มอเตอร์เวย์|ทางด่วน|motorway|expressway|freeway"),
    ("footway", r"ทางเท้า|ทางเดิน|ทางจักรยาน|บันได|footway|footpath|sidewalk|pedestrian|cycleway|path|steps"),
    ("track", r"ทางเกวียน|เกษตร|track|farm"),
    ("trunk", r"ทางหลวงแผ่นดิน|trunk"),
    ("living_street", r"living"),
    ("service", r"ถนนบริการ|service"),
    ("primary", r"สายหลัก|primary|arterial"),
    ("secondary", r"สายรอง|secondary|collector"),
    ("tertiary", r"สายย่อย|tertiary"),
    ("residential", r"ซอย|ตรอก|ชุมชน|หมู่บ้าน|soi|alley|residential|lane"),
    ("unclassified", r"unclassified|ไม่จัดประเภท"),
)

_OWNER_WORDS: tuple[tuple[str, str], ...] = (
    ("municipality", r"เทศบาล|อบต|อบจ|องค์การบริหารส่วน|อปท|องค์กรปกครอง|กรุงเทพมหานคร|กทม|สำนักงานเขต|เมืองพัทยา"
                     r"|municipal|localgovernment|^bma$|^tao$|^sao$"),
    ("drr", r"ทางหลวงชนบท|^ทช$|^drr$|ruralroad"),
    ("doh", r"กรมทางหลวง|^ทล$|^doh$|departmentofhighways"),
    ("private", r"เอกชน|หมู่บ้านจัดสรร|private"),
)  # fmt: skip

THAI_LETTER = re.compile("[\u0e01-\u0e4f]")  # Thai consonants, vowels, tone marks, ฯ ๆ (not digits)
LATIN_LETTER = re.compile("[A-Za-z]")


# --- small parsers -----------------------------------------------------------------------------------


def _name(v) -> str | None:
    """A name as written (Thai digits kept: ถนนพระรามที่ ๑ is an official spelling), trimmed."""
    if is_null(v):
        return None
    s = re.sub(r"\s+", " ", str(v)).strip()
    return s or None


_HSTORE_PAIR = re.compile(r'\s*"((?:[^"\\]|\\.)*)"\s*=>\s*(?:"((?:[^"\\]|\\.)*)"|(NULL))\s*(,|$)', re.S)
_UNESCAPE = re.compile(r"\\(.)", re.S)


def parse_other_tags(text: object, strict: bool = False) -> dict[str, str]:
    """GDAL's ``other_tags`` (``"lanes"=>"2","name:en"=>"Rama I Road"``) → ``{"lanes": "2", …}``.

    Keys and values are double-quoted with ``"`` and ``\\`` escaped by a backslash, so commas,
    ``=>`` and quotes inside values are safe. ``NULL`` values are dropped. The JSON form
    (``{"lanes":"2"}``) is read too. Malformed text: the pairs before the fault are returned, or a
    :class:`ValueError` raised when ``strict``.
    """
    if is_null(text):
        return {}
    s = str(text).strip()
    if not s:
        return {}
    if s.startswith("{"):
        try:
            data = json.loads(s)
        except json.JSONDecodeError as exc:
            if strict:
                raise ValueError(f"malformed JSON tags: {exc}") from exc
            return {}
        return {str(k): str(v) for k, v in data.items() if v is not None}
    out: dict[str, str] = {}
    pos = 0
    while pos < len(s):
        m = _HSTORE_PAIR.match(s, pos)
        if m is None:
            if strict:
                raise ValueError(f"malformed tags at character {pos}: {s[pos : pos + 40]!r}")
            log.warning("malformed other_tags at character %d: %r", pos, s[pos : pos + 40])
            break
        key, value, null, sep = m.groups()
        if null is None:
            out[_UNESCAPE.sub(r"\1", key)] = _UNESCAPE.sub(r"\1", value)
        pos = m.end()
        if not sep:
            break
    return out


def contains_thai(text: object) -> bool:
    """True if ``text`` has a Thai letter (Thai digits alone do not count)."""
    return not is_null(text) and THAI_LETTER.search(str(text)) is not None


def split_names(name: object = None, name_th: object = None, name_en: object = None) -> tuple[str | None, str | None]:
    """(Thai name, English name) from ``name``, ``name:th`` and ``name:en``.

    ``name:th`` wins for Thai, else ``name`` if it contains Thai letters; ``name:en`` wins for
    English, else ``name`` if it has Latin letters and no Thai ones. ``"ถนนพระรามที่ 1"`` →
    (that, None); ``"Lido Connect"`` → (None, ``"Lido Connect"``).
    """
    name, th, en = _name(name), _name(name_th), _name(name_en)
    if th is None and name and contains_thai(name):
        th = name
    if en is None and name and not contains_thai(name) and LATIN_LETTER.search(name):
        en = name
    return th, en


def _first_value(value: object) -> str | None:
    text = text_or_none(value, arabic_digits=True)
    return text.split(";")[0].strip().lower() if text else None


def road_class_from_highway(value: object) -> str | None:
    """OSM ``highway`` value → road class (:data:`HIGHWAY_CLASS`; anything else ``other``; None if missing)."""
    v = _first_value(value)
    if not v:
        return None
    return HIGHWAY_CLASS.get(v, "other")


def _match_words(text: str, table: tuple[tuple[str, str], ...]) -> str | None:
    return next((code for code, pattern in table if re.search(pattern, text)), None)


def _domain_lookup(domain: str) -> dict[str, str]:
    out = {}
    for code, th, en in schema.DOMAINS[domain].values:
        for label in (str(code), th, en):
            out[re.sub(r"[\s_\-.()/]", "", label).lower()] = str(code)
    return out


def road_class_from_text(value: object) -> str | None:
    """A class field of an ordinary layer (OSM ``highway``/Geofabrik ``fclass`` values, schema codes,
    Thai or English labels, words like ซอย or ทางเท้า) → road class; unknown text → ``other``."""
    v = _first_value(value)
    if not v:
        return None
    if v in HIGHWAY_CLASS:
        return HIGHWAY_CLASS[v]
    compact = re.sub(r"[\s_\-.()/]", "", v)
    found = _domain_lookup("road_class").get(compact) or _match_words(compact, _CLASS_WORDS)
    return found or "other"


def surface_from_osm(value: object) -> str:
    """OSM ``surface`` value → surface class (:data:`OSM_SURFACE`; missing or anything else ``unknown``)."""
    v = _first_value(value)
    return OSM_SURFACE.get(v, "unknown") if v else "unknown"


def surface_from_text(value: object) -> str:
    """A surface field of an ordinary layer (Thai words, schema codes or labels, OSM values) → class.

    ``"ลาดยาง"`` → asphalt, ``"ค.ส.ล."`` → concrete, ``"ดินลูกรัง"`` → laterite, ``"หินคลุก"`` → gravel,
    ``"ดิน"`` → earth, ``"บล็อกตัวหนอน"`` → paving; missing or unrecognised → ``unknown``.
    """
    v = _first_value(value)
    if not v:
        return "unknown"
    if v in OSM_SURFACE:
        return OSM_SURFACE[v]
    compact = re.sub(r"[\s_\-.()/]", "", v)
    if compact in _SURFACE_CODES:
        return _SURFACE_CODES[compact]
    return _domain_lookup("surface").get(compact) or _match_words(compact, _SURFACE_WORDS) or "unknown"


def owner_from_text(value: object) -> str | None:
    """Authority text → road owner code (เทศบาล/อบต. → municipality, กรมทางหลวงชนบท → drr, กรมทางหลวง → doh,
    เอกชน → private, other text → other); missing → None."""
    v = _first_value(value)
    if not v:
        return None
    compact = re.sub(r"[\s_\-.()/]", "", v)
    return _domain_lookup("road_owner").get(compact) or _match_words(compact, _OWNER_WORDS) or "other"


def parse_lanes(value: object) -> int | None:
    """``"2"``, ``2.0``, ``"2 ช่อง"``, ``"2;3"`` (the largest) → int; anything else or outside 0–20 → None."""
    if is_null(value) or isinstance(value, bool):
        return None
    if isinstance(value, int | float):
        n = float(value)
        return int(n) if n.is_integer() and 0 <= n <= 20 else None
    found = []
    for part in to_arabic_digits(str(value)).split(";"):
        m = re.fullmatch(r"\s*(\d+)\s*(?:ช่อง\S*|ช่องจราจร|lanes?)?\s*", part, re.IGNORECASE)
        if m is None:
            return None
        found.append(int(m.group(1)))
    n = max(found) if found else None
    return n if n is not None and 0 <= n <= 20 else None


_FEET = 0.3048
_WIDTH_UNITS = {"": 1.0, "m": 1.0, "meter": 1.0, "meters": 1.0, "metre": 1.0, "metres": 1.0, "ม": 1.0,
                "เมตร": 1.0, "cm": 0.01, "ซม": 0.01, "km": 1000.0, "ft": _FEET, "feet": _FEET, "'": _FEET}  # fmt: skip


def parse_width(value: object) -> float | None:
    """A width in metres from ``6``, ``"6"``, ``"6 m"``, ``"6.5"``, ``"6,5"``, ``"6 ม."``, ``"20 ft"``,
    ``"7'6\\""`` (feet and inches); zero, negative or unreadable → None."""
    if is_null(value) or isinstance(value, bool):
        return None
    if isinstance(value, int | float):
        w = float(value)
        return w if math.isfinite(w) and w > 0 else None
    text = to_arabic_digits(str(value)).strip().lower()
    m = re.fullmatch(r"(\d+)'\s*(\d+(?:\.\d+)?)\"", text)
    if m:
        return round(int(m.group(1)) * _FEET + float(m.group(2)) * 0.0254, 3)
    m = re.fullmatch(r"(\d+(?:[.,]\d+)?)\s*([a-zก-๙']*)\.?", text)
    if m is None or m.group(2) not in _WIDTH_UNITS:
        return None
    w = float(m.group(1).replace(",", ".")) * _WIDTH_UNITS[m.group(2)]
    return round(w, 3) if w > 0 else None


def parse_lit(value: object) -> bool | None:
    """OSM ``lit`` (yes, no, 24/7, automatic, interval, limited, disused, sunset-sunrise, an opening-hours
    time span) or a yes/no field (Thai มี/ไม่มี, 1/0, true/false) → True/False/None."""
    if is_null(value):
        return None
    if isinstance(value, bool):
        return value
    if isinstance(value, int | float):
        return bool(value) if value in (0, 1) else None
    v = to_arabic_digits(str(value)).strip().lower()
    if v in _LIT_TRUE:
        return True
    if v in _LIT_FALSE or v.startswith("ไม่"):
        return False
    if v.startswith("มี") or re.search(r"\d{1,2}:\d{2}", v):  # Thai "มีไฟฟ้า…", or "18:00-06:00"
        return True
    return None


def normalise_osm_id(value: object, kind: str = "way") -> str | None:
    """``9019480``, ``"9019480"``, ``"w9019480"``, ``"way/9019480"`` → ``"way/9019480"`` (bare numbers are
    taken as ``kind``); ``"n…"``/``"node/…"`` and ``"r…"``/``"relation/…"`` keep their type."""
    if is_null(value):
        return None
    if isinstance(value, float):
        if not value.is_integer():
            return None
        value = int(value)
    text = str(value).strip().lower()
    m = re.fullmatch(r"(?:(way|node|relation)/|([wnr]))?\s*(-?\d+)(?:\.0+)?", text)
    if m is None:
        return None
    t = m.group(1) or {"w": "way", "n": "node", "r": "relation"}.get(m.group(2) or "", kind)
    return f"{t}/{int(m.group(3))}"


# --- chainage and ids --------------------------------------------------------------------------------


def format_chainage(metres: float, prefix: bool = False, decimals: int = 0) -> str:
    """Thai chainage: 1,350 m → ``"1+350"`` (``"กม. 1+350"`` with ``prefix``); 350.25 with ``decimals=2``
    → ``"0+350.25"``. Rounded first, so 999.6 m → ``"1+000"``."""
    if metres is None or not math.isfinite(float(metres)) or float(metres) < 0:
        raise CddpError(
            translate("core", "A chainage must be a number of metres of at least 0; got {value}."), value=metres
        )
    scale = 10**decimals
    units = round(float(metres) * scale)
    km, rest = divmod(units, 1000 * scale)
    text = f"{km}+{rest // scale:03d}" + (f".{rest % scale:0{decimals}d}" if decimals > 0 else "")
    return f"กม. {text}" if prefix else text


def parse_chainage(text: object) -> float:
    """``"กม. 1+350"``, ``"1+350.5"``, ``"๐+๒๐๐"`` → metres (1350.0, 1350.5, 200.0)."""
    raw = text_or_none(text, arabic_digits=True) or ""
    m = re.fullmatch(r"(?:กม\.?|km\.?)?\s*(\d+)\s*\+\s*(\d{1,3}(?:\.\d+)?)", raw, re.IGNORECASE)
    if m is None or float(m.group(2)) >= 1000:
        raise CddpError(
            translate("core", "'{value}' is not a chainage; write kilometres+metres, e.g. กม. 1+350 or 0+050."),
            value=raw,
        )
    return int(m.group(1)) * 1000 + float(m.group(2))


def road_key(osm_id: object = None, road_code: object = None, uuid: object = None) -> str | None:
    """The road's preferred stable key: ``W9019480`` for ``way/9019480``, else the road code, else
    ``U`` + the first 12 hex digits of the uuid."""
    oid = normalise_osm_id(osm_id)
    if oid:
        kind, number = oid.split("/")
        return f"{kind[0].upper()}{number}"
    code = text_or_none(road_code, arabic_digits=True)
    if code:
        return re.sub(r"\s+", " ", code)
    u = text_or_none(uuid, arabic_digits=True)
    return f"U{u.replace('-', '')[:12].upper()}" if u else None


def unique_road_keys(rows: Iterable[tuple[object, object, object]]) -> list[str]:
    """Stable keys for (osm_id, road_code, uuid) rows, made unique: a key shared by several roads is
    replaced by the uuid form for each of them (and by the whole uuid if even that is shared)."""
    rows = list(rows)
    keys = [road_key(o, c, u) for o, c, u in rows]
    for attempt in (12, 32):
        counts = Counter(keys)
        dup = {k for k, n in counts.items() if n > 1}
        if not dup:
            break
        keys = [
            (f"U{str(u).replace('-', '')[:attempt].upper()}" if k in dup and not is_null(u) else k)
            for k, (_o, _c, u) in zip(keys, rows, strict=True)
        ]
    return keys


def section_id(key: str, number: int) -> str:
    """``("W9019480", 3)`` → ``"W9019480-0003"`` (numbers from 1)."""
    return f"{key}-{number:04d}"


def section_breaks(length: float, step: float) -> list[float]:
    """Chainages of the cuts of a line of ``length`` into sections of ``step``, from 0 to ``length``.

    A remainder of at most ``step/2`` joins the last section; a longer one is its own section.
    """
    tol = 1e-6 * max(step, 1.0)
    n = math.floor((length + tol) / step)  # whole steps in the line
    if n == 0:
        return [0.0, float(length)]
    rest = length - n * step
    cuts = [i * step for i in range(n + 1 if rest > step / 2 + tol else n)]
    return [*cuts, float(length)]


# --- import ---------------------------------------------------------------------------------------

ROAD_COLUMNS = ("road_code", "name_th", "name_en", "road_class", "surface", "owner", "lanes", "width_m", "length_m",
                "lit", "osm_id", "note")  # fmt: skip
OSM_COLUMNS = ("name_th", "name_en", "road_class", "surface", "lanes", "width_m", "length_m", "lit", "osm_id")


@dataclass
class RoadReport:
    source: str = ""  # "osm" or "layer"
    read: int = 0  # features read (OSM: ways with a highway tag)
    imported: int = 0
    inserted: int = 0
    updated: int = 0  # workspace roads matched and written
    changed: int = 0  # of those, roads whose values really changed (change-log entries)
    filtered: int = 0  # left out because their class was not asked for
    rejected: list[tuple[str, str]] = field(default_factory=list)  # (label, reason)
    mapping: dict[str, str] = field(default_factory=dict)  # target → source field (ordinary layers)
    columns: list[str] = field(default_factory=list)  # road columns the source provides (what updates write)
    by_class: dict[str, int] = field(default_factory=dict)
    by_surface: dict[str, int] = field(default_factory=dict)
    length_m_by_class: dict[str, float] = field(default_factory=dict)
    other_classes: dict[str, int] = field(default_factory=dict)  # source class value → count, mapped to "other"
    unknown_surfaces: dict[str, int] = field(default_factory=dict)  # source surface value → count, → "unknown"
    names_th: int = 0
    names_en: int = 0
    names_both: int = 0
    duplicates: dict[str, int] = field(default_factory=dict)  # osm_id / road_code → count in the input
    layer: str = ""  # the source's name, for messages
    matched_by: dict[str, int] = field(default_factory=dict)  # osm_id / road_code / geometry → roads matched by it
    far_outside: int = 0  # roads far outside the municipality (workspace/plausibility.py)
    plausibility: object = None  # the workspace.plausibility.Plausibility of the import


def read_osm_lines(path: str | Path):
    """The ``lines`` layer of an ``.osm.pbf``/``.osm`` file through GDAL's OSM driver (EPSG:4326)."""
    p = Path(path)
    if not p.is_file():
        raise CddpError(translate("core", "The OpenStreetMap file {path} does not exist."), path=str(p))
    if not p.name.lower().endswith((".pbf", ".osm")):
        raise CddpError(
            translate("core", "{path} is not an OpenStreetMap extract; use an .osm.pbf or .osm file."), path=str(p)
        )
    from ..common import ogrio

    try:
        names = ogrio.field_names(str(p), layer="lines")
        where = "highway IS NOT NULL" if "highway" in names else None
        return ogrio.read_dataframe(str(p), layer="lines", where=where)
    except Exception as exc:  # GDAL raises RuntimeError
        raise CddpError(
            translate("core", "GDAL could not read {path} as OpenStreetMap data: {error}"), path=str(p), error=str(exc)
        ) from exc


_NOT_TAGS = {"osm_id", "osm_way_id", "z_order", "other_tags", "all_tags", "fid"}


def osm_tags(frame) -> list[dict[str, str]]:
    """Every row's OSM tags: the attribute columns (``name``, ``highway``…) plus ``other_tags``/``all_tags``."""
    geom = frame.geometry.name if hasattr(frame, "geometry") else None
    cols = [c for c in frame.columns if c not in _NOT_TAGS and c != geom]
    extra = [c for c in ("all_tags", "other_tags") if c in frame.columns]
    out = []
    for row in frame[cols + extra].itertuples(index=False, name=None):
        tags: dict[str, str] = {}
        for value in row[len(cols) :]:
            tags.update(parse_other_tags(value))
        for c, value in zip(cols, row[: len(cols)], strict=True):
            text = _name(value)  # as written: Thai digits in names kept
            if text is not None:
                tags[str(c)] = text
        out.append(tags)
    return out


def _check_classes(classes) -> set[str] | None:
    if not classes:
        return None
    wanted = {str(c).strip() for c in classes if str(c).strip()}
    bad = sorted(wanted - set(ROAD_CLASSES))
    if bad:
        raise CddpError(
            translate("core", "Unknown road class {value}; the classes are: {allowed}."),
            value=", ".join(bad),
            allowed=", ".join(ROAD_CLASSES),
        )
    return wanted or None


def prepare_osm_roads(source, workspace_crs: str, layer_label: str | None = None, classes=None,
                      source_crs: str | None = None):  # fmt: skip
    """Roads from OpenStreetMap: ``source`` is an ``.osm.pbf``/``.osm`` path or a frame read from such
    a file's ``lines`` layer (``osm_id``, ``highway``, ``name``, ``other_tags``…). ``classes``
    restricts the road classes kept. Returns (GeoDataFrame with :data:`ROAD_COLUMNS` in the
    workspace CRS, :class:`RoadReport`)."""
    import geopandas as gpd

    if isinstance(source, str | Path):
        frame = read_osm_lines(source)
        label = layer_label or Path(source).name
    else:
        frame = source
        label = layer_label or "OpenStreetMap"
    wanted = _check_classes(classes)
    report = RoadReport(source="osm", columns=list(OSM_COLUMNS), layer=label)
    tags = osm_tags(frame)
    keep = [i for i, t in enumerate(tags) if t.get("highway")]
    report.read = len(keep)
    if not keep:
        raise CddpError(translate("core", "{layer} has no highway=* ways (roads)."), layer=label)
    ids = frame["osm_id"].tolist() if "osm_id" in frame.columns else [None] * len(frame)
    source_geoms = list(frame.geometry.values)  # one list, not a pandas lookup per road
    rows, geoms, labels = [], [], []
    for i in keep:
        t = tags[i]
        oid = normalise_osm_id(ids[i], "way")
        th, en = split_names(t.get("name"), t.get("name:th"), t.get("name:en"))
        row_label = " ".join(x for x in (oid or f"#{i + 1}", th or en) if x)
        highway = t["highway"].split(";")[0].strip().lower()
        if highway in NOT_A_ROAD:
            report.rejected.append((row_label, translate("core", "highway={value} is not a road on the ground")
                                    .format(value=highway)))  # fmt: skip
            continue
        road_class = road_class_from_highway(highway)
        if wanted is not None and road_class not in wanted:
            report.filtered += 1
            continue
        if road_class == "other":
            report.other_classes[highway] = report.other_classes.get(highway, 0) + 1
        surface = surface_from_osm(t.get("surface"))
        if surface == "unknown" and t.get("surface"):
            report.unknown_surfaces[t["surface"]] = report.unknown_surfaces.get(t["surface"], 0) + 1
        rows.append({"road_code": None, "name_th": th, "name_en": en, "road_class": road_class, "surface": surface,
                     "owner": None, "lanes": parse_lanes(t.get("lanes")), "width_m": parse_width(t.get("width")),
                     "lit": parse_lit(t.get("lit")), "osm_id": oid, "note": None})  # fmt: skip
        geoms.append(source_geoms[i])
        labels.append(row_label)
    crs = frame.crs if getattr(frame, "crs", None) is not None else "EPSG:4326"
    gdf = gpd.GeoDataFrame(rows, columns=[c for c in ROAD_COLUMNS if c != "length_m"], geometry=geoms, crs=crs)
    return _finish(gdf, labels, workspace_crs, label, source_crs, report), report


def prepare_roads(gdf, workspace_crs: str, overrides: dict[str, str] | None = None, source_crs: str | None = None,
                  layer_label: str = "roads", classes=None):  # fmt: skip
    """Roads from an ordinary line layer (GeoDataFrame): fields by :data:`CANDIDATES` or ``overrides``
    (target → field; targets are the keys of :data:`CANDIDATES`, ``name`` being a name in either
    script). A frame that is an OSM ``lines`` layer (``highway`` and ``other_tags``) goes through
    :func:`prepare_osm_roads` unless ``overrides`` are given. Returns (GeoDataFrame, RoadReport)."""
    import geopandas as gpd

    if len(gdf) == 0:
        raise CddpError(translate("core", "{layer} has no features."), layer=layer_label)
    geom_name = gdf.geometry.name
    cols = [c for c in gdf.columns if c != geom_name]
    if not overrides and {"highway", "other_tags"} <= set(cols):
        return prepare_osm_roads(gdf, workspace_crs, layer_label, classes, source_crs)
    bad = sorted(set(overrides or {}) - set(CANDIDATES))
    if bad:
        raise CddpError(
            translate("core", "Unknown target field {target} in the field mapping; the road fields are: {allowed}."),
            target=", ".join(bad),
            allowed=", ".join(CANDIDATES),
        )
    wanted = _check_classes(classes)
    mapping = detect_mapping(cols, CANDIDATES, overrides)
    report = RoadReport(source="layer", read=len(gdf), mapping=mapping, layer=layer_label)

    def column(target):
        col = mapping.get(target)
        return gdf[col].tolist() if col else [None] * len(gdf)

    names = [split_names(n, th, en) for n, th, en in zip(column("name"), column("name_th"), column("name_en"),
                                                           strict=True)]  # fmt: skip
    raw_class, raw_surface = column("road_class"), column("surface")
    classes_out = [road_class_from_text(v) for v in raw_class]
    surfaces = [surface_from_text(v) for v in raw_surface]
    for raw, code in zip(raw_class, classes_out, strict=True):
        if code == "other" and text_or_none(raw, arabic_digits=True):
            report.other_classes[text_or_none(raw, arabic_digits=True)] = (
                report.other_classes.get(text_or_none(raw, arabic_digits=True), 0) + 1
            )
    for raw, code in zip(raw_surface, surfaces, strict=True):
        if code == "unknown" and text_or_none(raw, arabic_digits=True):
            report.unknown_surfaces[text_or_none(raw, arabic_digits=True)] = (
                report.unknown_surfaces.get(text_or_none(raw, arabic_digits=True), 0) + 1
            )
    out = {
        "road_code": [text_or_none(v, arabic_digits=True) for v in column("road_code")],
        "name_th": [th for th, _ in names],
        "name_en": [en for _, en in names],
        "road_class": classes_out,
        "surface": surfaces,
        "owner": [owner_from_text(v) for v in column("owner")],
        "lanes": [parse_lanes(v) for v in column("lanes")],
        "width_m": [parse_width(v) for v in column("width_m")],
        "lit": [parse_lit(v) for v in column("lit")],
        "osm_id": [normalise_osm_id(v, "way") for v in column("osm_id")],
        "note": [scrub_pii(text_or_none(v, arabic_digits=True)) for v in column("note")],  # survey notes: no contacts
    }
    provided = {"name_th", "name_en"} if "name" in mapping else set()
    provided |= {t for t in mapping if t != "name"}
    report.columns = [c for c in ROAD_COLUMNS if c in provided or c == "length_m"]
    labels = [out["road_code"][i] or out["name_th"][i] or out["name_en"][i] or out["osm_id"][i] or f"#{i + 1}"
              for i in range(len(gdf))]  # fmt: skip
    keep = [i for i in range(len(gdf)) if wanted is None or out["road_class"][i] in wanted]
    report.filtered = len(gdf) - len(keep)
    frame = gpd.GeoDataFrame(
        {k: [v[i] for i in keep] for k, v in out.items()},
        geometry=[gdf.geometry.values[i] for i in keep],
        crs=gdf.crs,
    )
    return _finish(frame, [labels[i] for i in keep], workspace_crs, layer_label, source_crs, report), report


def _as_lines(geom):
    """A MultiLineString of the line parts of ``geom``, or None if it has none."""
    import shapely
    from shapely.geometry import LinearRing, LineString, MultiLineString

    if isinstance(geom, MultiLineString):
        return geom
    if isinstance(geom, LineString | LinearRing):
        return MultiLineString([LineString(geom.coords)])
    lines = [g for g in shapely.get_parts(geom) if isinstance(g, LineString) and not g.is_empty]
    return MultiLineString(lines) if lines else None


def _finish(gdf, labels, workspace_crs, layer_label, source_crs, report: RoadReport):
    """Reproject, reject lines without length, make MultiLineStrings, measure, count."""
    import numpy as np
    import shapely

    gdf = to_workspace_crs(gdf, workspace_crs, layer_label, source_crs)
    geoms = np.asarray(gdf.geometry.values, dtype=object)
    keep = np.zeros(len(gdf), dtype=bool)
    lines = [None] * len(gdf)
    for i, g in enumerate(geoms):
        if g is None or shapely.is_missing(g):
            reason = translate("core", "no geometry")
        elif g.is_empty:
            reason = translate("core", "empty geometry")
        else:
            lines[i] = _as_lines(g)
            if lines[i] is None:
                reason = translate("core", "not a line but a {type}").format(type=g.geom_type)
            elif lines[i].length < MIN_LENGTH_M:
                reason = translate("core", "no length: all its points are at the same place")
            else:
                keep[i] = True
                continue
        report.rejected.append((labels[i], reason))
    result = gdf.loc[keep].copy()
    result = result.set_geometry([lines[i] for i in np.flatnonzero(keep)], crs=gdf.crs)
    result["length_m"] = np.round(result.geometry.length.to_numpy(), 2)
    result["lanes"] = result["lanes"].astype("Int64")
    result = result[[*ROAD_COLUMNS, result.geometry.name]]
    report.imported = len(result)
    report.by_class = {str(k): int(v) for k, v in result["road_class"].value_counts(dropna=False).items()}
    report.by_surface = {str(k): int(v) for k, v in result["surface"].value_counts(dropna=False).items()}
    report.length_m_by_class = {
        str(k): round(float(v), 1) for k, v in result.groupby("road_class", dropna=False)["length_m"].sum().items()
    }
    th, en = result["name_th"].notna(), result["name_en"].notna()
    report.names_th, report.names_en, report.names_both = int(th.sum()), int(en.sum()), int((th & en).sum())
    for col in ("osm_id", "road_code"):
        vals = result[col].dropna()
        dup = vals[vals.duplicated(keep=False)].value_counts()
        report.duplicates.update({str(k): int(v) for k, v in dup.items()})
    return result


def _py(v):
    """A value sqlite3 can bind: None for nulls, ints for booleans and numpy numbers."""
    if is_null(v):
        return None
    if isinstance(v, bool):
        return int(v)
    if hasattr(v, "item"):
        v = v.item()
        return int(v) if isinstance(v, bool) else v
    return v


def _geom_key(blob: bytes | None) -> str | None:
    if blob is None:
        return None
    import hashlib

    h = gpkg._header(blob)
    offset = h[2] if h is not None else 0
    return hashlib.sha1(bytes(blob[offset:])).hexdigest()  # the WKB after the GeoPackage header
