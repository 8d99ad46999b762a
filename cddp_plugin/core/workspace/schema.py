"""The municipal workspace schema: the one place that says which layers, fields, value lists,
relations and PDPA classes a CDDP workspace has.

Everything else (GeoPackage creation in :mod:`workspace`, styles/forms/project on the QGIS side,
exports and prints later) reads it from here. Bump :data:`SCHEMA_VERSION` whenever it changes and
add a migration.
"""

from __future__ import annotations

from dataclasses import dataclass

SCHEMA_VERSION = 1

# PDPA classes (DOMAIN.md "Personal data"): what may appear on a print or in an export by default.
PUBLIC = "public"
PERSONAL = "personal"
SENSITIVE = "sensitive"
CLASSES = (PUBLIC, PERSONAL, SENSITIVE)

TEXT, INTEGER, REAL, BOOLEAN, DATE, DATETIME = "text", "integer", "real", "boolean", "date", "datetime"


@dataclass(frozen=True)
class Field:
    name: str
    type: str
    alias_th: str
    alias_en: str
    cls: str = PUBLIC
    domain: str | None = None
    unique: bool = False
    not_null: bool = False
    default: str | None = None  # an OGR default: a quoted literal, a number or CURRENT_TIMESTAMP
    min: float | None = None
    max: float | None = None
    system: bool = False  # maintained by the plugin/sync, read-only in forms


@dataclass(frozen=True)
class Layer:
    name: str
    geometry: str | None  # OGR geometry name or None for a plain table
    title_th: str
    title_en: str
    group: str
    fields: tuple[Field, ...]
    restricted: bool = False  # holds sensitive data: never printed/exported without explicit choice
    style_field: str | None = None  # categorised style by this field's value list
    display: str | None = None  # display expression for forms and relations

    @property
    def all_fields(self) -> tuple[Field, ...]:
        return SYNC_FIELDS + self.fields

    def field(self, name: str) -> Field:
        for f in self.all_fields:
            if f.name == name:
                return f
        raise KeyError(f"{self.name}.{name}")


@dataclass(frozen=True)
class Domain:
    name: str
    title_en: str
    values: tuple[tuple[object, str, str], ...]  # (code, Thai label, English label)
    integer: bool = False

    def codes(self) -> list[object]:
        return [v[0] for v in self.values]


@dataclass(frozen=True)
class Relation:
    id: str
    child: str
    child_field: str
    parent: str
    title_th: str
    title_en: str
    parent_field: str = "uuid"


# --- every synced table carries these (DESIGN.md §5) -------------------------------------------
SYNC_FIELDS = (
    Field("uuid", TEXT, "รหัสอ้างอิง (UUID)", "UUID", unique=True, system=True),
    Field("version", INTEGER, "เวอร์ชันบนเซิร์ฟเวอร์", "Server version", default="0", system=True),
    Field("updated_at", DATETIME, "แก้ไขล่าสุด", "Updated at", default="CURRENT_TIMESTAMP", system=True),
    Field("updated_by", TEXT, "แก้ไขโดย", "Updated by", system=True),
)
SYNC_FIELD_NAMES = tuple(f.name for f in SYNC_FIELDS)


def _d(name: str, title_en: str, *values: tuple[object, str, str], integer: bool = False) -> Domain:
    return Domain(name, title_en, tuple(values), integer)


DOMAINS: dict[str, Domain] = {
    d.name: d
    for d in (
        _d(
            "land_doc_type",
            "Land document type",
            ("chanote", "โฉนดที่ดิน", "Title deed (chanote)"),
            ("ns3k", "น.ส.3ก", "NS 3 Kor"),
            ("ns3", "น.ส.3", "NS 3"),
            ("spk401", "ส.ป.ก. 4-01", "SPK 4-01"),
            ("sk1", "ส.ค.1", "SK 1"),
            ("other", "เอกสารอื่น", "Other document"),
            ("none", "ไม่มีเอกสารสิทธิ์", "No title document"),
        ),
        _d(
            "link_method",
            "Household–parcel link method",
            ("within", "อยู่ในแปลง", "Inside parcel"),
            ("nearest", "แปลงที่ใกล้ที่สุด", "Nearest parcel"),
            ("code", "รหัสแผนที่ภาษี", "Tax-map code"),
            ("house_number", "บ้านเลขที่", "House number"),
            ("manual", "กำหนดเอง", "Manual"),
        ),
        _d("sex", "Sex", ("male", "ชาย", "Male"), ("female", "หญิง", "Female"), ("unspecified", "ไม่ระบุ", "Unspecified")),
        _d(
            "dependency",
            "Dependency (ADL group)",
            ("none", "ไม่มีภาวะพึ่งพิง", "Independent"),
            ("socially_active", "ติดสังคม", "Socially active"),
            ("homebound", "ติดบ้าน", "Homebound"),
            ("bedridden", "ติดเตียง", "Bedridden"),
        ),
        _d(
            "care_colour",
            "Care colour class",
            ("green", "เขียว", "Green"),
            ("yellow", "เหลือง", "Yellow"),
            ("red", "แดง", "Red"),
        ),
        _d(
            "disability",
            "Disability type",
            ("none", "ไม่มี", "None"),
            ("visual", "ทางการเห็น", "Visual"),
            ("hearing", "ทางการได้ยินหรือสื่อความหมาย", "Hearing or communication"),
            ("physical", "ทางการเคลื่อนไหวหรือทางร่างกาย", "Physical or mobility"),
            ("mental", "ทางจิตใจหรือพฤติกรรม", "Mental or behavioural"),
            ("intellectual", "ทางสติปัญญา", "Intellectual"),
            ("learning", "ทางการเรียนรู้", "Learning"),
            ("autism", "ทางออทิสติก", "Autism"),
            ("multiple", "พิการซ้อน", "Multiple"),
        ),
        _d(
            "road_class",
            "Road class",
            ("motorway", "ทางหลวงพิเศษ", "Motorway"),
            ("trunk", "ทางหลวงสายหลัก", "Trunk road"),
            ("primary", "ถนนสายหลัก", "Primary road"),
            ("secondary", "ถนนสายรอง", "Secondary road"),
            ("tertiary", "ถนนสายย่อย", "Tertiary road"),
            ("unclassified", "ถนนไม่จัดประเภท", "Unclassified road"),
            ("residential", "ถนนในชุมชน/ซอย", "Residential street (soi)"),
            ("service", "ถนนบริการ", "Service road"),
            ("living_street", "ถนนในชุมชนจำกัดความเร็ว", "Living street"),
            ("track", "ทางเกวียน/ทางการเกษตร", "Track"),
            ("footway", "ทางเท้า", "Footway"),
            ("other", "อื่น ๆ", "Other"),
        ),
        _d(
            "surface",
            "Road surface",
            ("asphalt", "ลาดยาง", "Asphalt"),
            ("concrete", "คอนกรีตเสริมเหล็ก", "Reinforced concrete"),
            ("laterite", "ลูกรัง", "Laterite"),
            ("gravel", "หินคลุก", "Gravel / crushed rock"),
            ("earth", "ดิน", "Earth"),
            ("paving", "บล็อกปูถนน", "Paving blocks"),
            ("unknown", "ไม่ทราบ", "Unknown"),
        ),
        _d(
            "road_owner",
            "Road authority",
            ("municipality", "องค์กรปกครองส่วนท้องถิ่น", "Local government"),
            ("doh", "กรมทางหลวง", "Department of Highways"),
            ("drr", "กรมทางหลวงชนบท", "Department of Rural Roads"),
            ("private", "เอกชน", "Private"),
            ("other", "อื่น ๆ", "Other"),
        ),
        _d(
            "condition_band",
            "Condition band (ASTM D6433)",
            ("good", "ดี", "Good"),
            ("satisfactory", "ค่อนข้างดี", "Satisfactory"),
            ("fair", "ปานกลาง", "Fair"),
            ("poor", "ทรุดโทรม", "Poor"),
            ("very_poor", "ทรุดโทรมมาก", "Very poor"),
            ("serious", "เสียหายรุนแรง", "Serious"),
            ("failed", "ใช้การไม่ได้", "Failed"),
        ),
        _d(
            "treatment",
            "Recommended treatment",
            ("none", "ไม่ต้องซ่อม", "No work"),
            ("routine", "ซ่อมบำรุงปกติ (อุดรอยแตก ปะซ่อม)", "Routine (crack sealing, patching)"),
            ("preservation", "บำรุงรักษาเชิงป้องกัน", "Preservation"),
            ("overlay", "ปูผิวทับ", "Overlay"),
            ("reconstruct", "ก่อสร้างใหม่", "Reconstruction"),
        ),
        _d(
            "inspection_method",
            "Inspection method",
            ("paser", "PASER (ประเมินด้วยสายตา)", "PASER (windshield)"),
            ("pci", "PCI ASTM D6433 (สำรวจความเสียหาย)", "PCI ASTM D6433 (distress survey)"),
            ("iri", "IRI (ความขรุขระ)", "IRI (roughness)"),
        ),
        _d(
            "distress_type",
            "ASTM D6433 asphalt distress",
            (1, "รอยแตกหนังจระเข้", "Alligator cracking"),
            (2, "ยางเยิ้ม", "Bleeding"),
            (3, "รอยแตกเป็นบล็อก", "Block cracking"),
            (4, "ผิวโป่งและยุบ", "Bumps and sags"),
            (5, "ผิวเป็นลูกคลื่น", "Corrugation"),
            (6, "ผิวทรุดเป็นแอ่ง", "Depression"),
            (7, "รอยแตกที่ขอบทาง", "Edge cracking"),
            (8, "รอยแตกสะท้อนจากรอยต่อ", "Joint reflection cracking"),
            (9, "ไหล่ทางต่ำกว่าผิวจราจร", "Lane/shoulder drop-off"),
            (10, "รอยแตกตามยาวและตามขวาง", "Longitudinal/transverse cracking"),
            (11, "รอยปะซ่อมและรอยขุดวางท่อ", "Patching and utility cut"),
            (12, "มวลรวมผิวหน้าลื่น", "Polished aggregate"),
            (13, "หลุมบ่อ", "Potholes"),
            (14, "จุดตัดทางรถไฟ", "Railroad crossing"),
            (15, "ร่องล้อ", "Rutting"),
            (16, "ผิวเคลื่อนตัว", "Shoving"),
            (17, "รอยแตกจากการลื่นไถล", "Slippage cracking"),
            (18, "ผิวบวมตัว", "Swell"),
            (19, "ผิวหลุดร่อน", "Weathering/raveling"),
            integer=True,
        ),
        _d("severity", "Severity", ("L", "ต่ำ", "Low"), ("M", "ปานกลาง", "Medium"), ("H", "สูง", "High")),
        _d(
            "quantity_unit",
            "Quantity unit",
            ("m2", "ตารางเมตร", "Square metres"),
            ("m", "เมตร", "Metres"),
            ("count", "จำนวน", "Count"),
        ),
        _d(
            "lamp_type",
            "Lamp type",
            ("led", "แอลอีดี (LED)", "LED"),
            ("hps", "โซเดียมความดันสูง", "High-pressure sodium"),
            ("lps", "โซเดียมความดันต่ำ", "Low-pressure sodium"),
            ("mh", "เมทัลฮาไลด์", "Metal halide"),
            ("fluorescent", "ฟลูออเรสเซนต์", "Fluorescent"),
            ("other", "อื่น ๆ", "Other"),
            ("unknown", "ไม่ทราบ", "Unknown"),
        ),
        _d(
            "lamp_support",
            "Lamp support",
            ("pole", "เสาไฟ", "Pole"),
            ("wall_mounted", "ติดผนัง", "Wall-mounted"),
            ("suspended", "แขวนสาย", "Suspended"),
            ("ground", "ติดพื้น", "Ground"),
            ("other", "อื่น ๆ", "Other"),
        ),
        _d(
            "asset_owner",
            "Pole owner",
            ("municipality", "องค์กรปกครองส่วนท้องถิ่น", "Municipality"),
            ("pea", "การไฟฟ้าส่วนภูมิภาค (กฟภ.)", "Provincial Electricity Authority"),
            ("mea", "การไฟฟ้านครหลวง (กฟน.)", "Metropolitan Electricity Authority"),
            ("other", "อื่น ๆ", "Other"),
            ("unknown", "ไม่ทราบ", "Unknown"),
        ),
        _d(
            "lamp_status",
            "Lamp status",
            ("working", "ใช้งานได้", "Working"),
            ("out", "ดับ", "Out"),
            ("partly_out", "ดับบางดวง", "Partly out"),
            ("flickering", "กะพริบ", "Flickering"),
            ("day_burning", "ติดค้างกลางวัน", "Day-burning"),
            ("damaged_pole", "เสาชำรุด", "Damaged pole"),
            ("missing", "สูญหาย", "Missing"),
            ("unknown", "ไม่ทราบ", "Unknown"),
        ),
        _d(
            "complaint_source",
            "Complaint channel",
            ("traffy", "ทราฟฟี่ ฟองดูว์", "Traffy Fondue"),
            ("line", "LINE", "LINE"),
            ("e_node", "ศูนย์ E-Node", "E-Node"),
            ("walk_in", "ยื่นเรื่องที่สำนักงาน", "Walk-in"),
            ("phone", "โทรศัพท์", "Phone"),
            ("open311", "Open311", "Open311"),
            ("inspection", "การตรวจสภาพ", "Inspection"),
        ),
        _d(
            "complaint_status",
            "Complaint status",
            ("waiting", "รอรับเรื่อง", "Waiting"),
            ("inprogress", "กำลังดำเนินการ", "In progress"),
            ("forwarded", "ส่งต่อ", "Forwarded"),
            ("finish", "เสร็จสิ้น", "Finished"),
            ("cancelled", "ยกเลิก", "Cancelled"),
        ),
        _d(
            "work_category",
            "Work category",
            ("road", "ถนน", "Road"),
            ("footpath", "ทางเท้า", "Footpath"),
            ("lighting", "ไฟฟ้าแสงสว่าง", "Street lighting"),
            ("electricity", "ไฟฟ้า", "Electricity"),
            ("wires", "สายไฟ", "Overhead wires"),
            ("drainage", "ท่อระบายน้ำ", "Drainage"),
            ("flooding", "น้ำท่วม", "Flooding"),
            ("canal", "คลอง", "Canal"),
            ("bridge", "สะพาน", "Bridge"),
            ("cleanliness", "ความสะอาด", "Cleanliness"),
            ("safety", "ความปลอดภัย", "Safety"),
            ("obstruction", "กีดขวาง", "Obstruction"),
            ("tree", "ต้นไม้", "Trees"),
            ("traffic", "จราจร", "Traffic"),
            ("sign", "ป้าย", "Signs"),
            ("other", "อื่น ๆ", "Other"),
        ),
        _d(
            "wo_status",
            "Work-order status",
            ("new", "ใหม่", "New"),
            ("triaged", "คัดกรองแล้ว", "Triaged"),
            ("assigned", "มอบหมายแล้ว", "Assigned"),
            ("in_progress", "กำลังดำเนินการ", "In progress"),
            ("on_hold", "พักงาน", "On hold"),
            ("completed", "ซ่อมเสร็จ", "Completed"),
            ("verified", "ตรวจรับแล้ว", "Verified"),
            ("closed", "ปิดงาน", "Closed"),
            ("cancelled", "ยกเลิก", "Cancelled"),
            ("duplicate", "ซ้ำ", "Duplicate"),
        ),
        _d(
            "priority",
            "Priority",
            ("P1", "P1 ฉุกเฉิน", "P1 Emergency"),
            ("P2", "P2 เร่งด่วน", "P2 Urgent"),
            ("P3", "P3 ปกติ", "P3 Normal"),
            ("P4", "P4 ตามแผน", "P4 Planned"),
        ),
        _d(
            "asset_layer",
            "Asset layer",
            ("road_sections", "ช่วงถนน", "Road section"),
            ("roads", "ถนน", "Road"),
            ("streetlights", "ไฟฟ้าสาธารณะ", "Streetlight"),
            ("other", "อื่น ๆ", "Other"),
        ),
    )
}

_LABELS: dict[str, dict[str, tuple[str, str]]] = {
    name: {str(code): (th, en) for code, th, en in d.values} for name, d in DOMAINS.items()
}


def labels(domain: str, language: str = "th") -> dict[str, str]:
    """Code (as text) → Thai (``language="th"``) or English (any other language) label of a value
    list, in the list's order (a new dict; ``KeyError`` for an unknown list)."""
    k = 0 if language == "th" else 1
    return {code: pair[k] for code, pair in _LABELS[domain].items()}


def label(domain: str, code: object, language: str = "th", default: str | None = None) -> str:
    """The Thai (``language="th"``) or English (any other language) label of one code of a value
    list; a code not in the list gives ``default``, or the code itself as text when no default is given."""
    pair = _LABELS[domain].get(str(code))
    if pair is None:
        return str(code) if default is None else default
    return pair[0 if language == "th" else 1]


F = Field
_T = TEXT

LAYERS: tuple[Layer, ...] = (
    Layer(
        "villages",
        "MultiPolygon",
        "หมู่บ้าน/ชุมชน",
        "Villages / zones",
        "base",
        (
            F("village_no", INTEGER, "หมู่ที่", "Village no.", min=1, max=99),
            F("name_th", _T, "ชื่อ (ไทย)", "Name (Thai)"),
            F("name_en", _T, "ชื่อ (อังกฤษ)", "Name (English)"),
            F("tambon_code", _T, "รหัสตำบล", "Tambon code"),
        ),
        display="\"village_no\" || ' ' || coalesce(\"name_th\", '')",
    ),
    Layer(
        "parcels",
        "MultiPolygon",
        "แปลงที่ดิน",
        "Land parcels",
        "base",
        (
            F("parcel_code", _T, "รหัสแปลง (แผนที่ภาษี)", "Parcel code (tax map)"),
            F("zone", _T, "โซน", "Zone"),
            F("block", _T, "บล็อก", "Block"),
            F("lot", _T, "ล็อต", "Lot"),
            F("doc_type", _T, "ประเภทเอกสารสิทธิ์", "Document type", domain="land_doc_type"),
            F("doc_no", _T, "เลขที่เอกสารสิทธิ์", "Document no."),
            F("land_no", _T, "เลขที่ดิน", "Land no."),
            F("survey_no", _T, "หน้าสำรวจ", "Survey page"),
            F("mapsheet", _T, "ระวาง", "Map sheet"),
            F("tambon_code", _T, "รหัสตำบล", "Tambon code"),
            F("area_sqm", REAL, "เนื้อที่ (ตร.ม.)", "Area (m²)", min=0),
            F("area_rai", INTEGER, "ไร่", "Rai", min=0),
            F("area_ngan", INTEGER, "งาน", "Ngan", min=0, max=3),
            F("area_wa", REAL, "ตารางวา", "Square wa", min=0, max=100),
            F("owner_name", _T, "ชื่อผู้ถือกรรมสิทธิ์", "Owner name", PERSONAL),
            F("house_no", _T, "บ้านเลขที่ในแปลง", "House no. on parcel", PERSONAL),
            F("source", _T, "แหล่งข้อมูล", "Source"),
            F("note", _T, "หมายเหตุ", "Note"),
        ),
        display='coalesce("parcel_code", "land_no")',
    ),
    Layer(
        "households",
        "Point",
        "ครัวเรือน",
        "Households",
        "people",
        (
            F("house_code", _T, "รหัสประจำบ้าน", "House code", PERSONAL, unique=True),
            F("house_no", _T, "บ้านเลขที่", "House no.", PERSONAL),
            F("village_no", INTEGER, "หมู่ที่", "Village no.", min=1, max=99),
            F("soi", _T, "ซอย", "Soi"),
            F("road", _T, "ถนน", "Road"),
            F("tambon_code", _T, "รหัสตำบล", "Tambon code"),
            F("postcode", _T, "รหัสไปรษณีย์", "Postcode"),
            F("members", INTEGER, "จำนวนสมาชิก", "Members", PERSONAL, min=0),
            F("parcel_code", _T, "รหัสแปลง/อาคาร (แผนที่ภาษี)", "Parcel/building code (tax map)"),
            F("parcel_id", _T, "แปลงที่ดิน (UUID)", "Parcel (UUID)"),
            F("link_method", _T, "วิธีเชื่อมโยงแปลง", "Link method", domain="link_method"),
            F("link_confidence", REAL, "ความเชื่อมั่นการเชื่อมโยง", "Link confidence", min=0, max=1),
            F("link_distance_m", REAL, "ระยะถึงแปลง (ม.)", "Distance to parcel (m)", min=0),
            F("link_candidates", _T, "แปลงที่เป็นไปได้", "Candidate parcels"),
            F("source", _T, "แหล่งข้อมูล", "Source"),
        ),
        display="coalesce(\"house_no\", '') || ' ม.' || coalesce(\"village_no\", '')",
    ),
    Layer(
        "residents",
        None,
        "ผู้อยู่อาศัย (ข้อมูลอ่อนไหว)",
        "Residents (sensitive)",
        "people",
        (
            F("household_uuid", _T, "ครัวเรือน (UUID)", "Household (UUID)", not_null=True),
            F("pseudo_id", _T, "รหัสแทนตัวบุคคล", "Pseudonymous id", unique=True),
            F("full_name", _T, "ชื่อ-สกุล", "Full name", PERSONAL),
            F("birth_year_be", INTEGER, "ปีเกิด (พ.ศ.)", "Birth year (BE)", PERSONAL, min=2400, max=2700),
            F("sex", _T, "เพศ", "Sex", PERSONAL, domain="sex"),
            F("is_elderly", BOOLEAN, "ผู้สูงอายุ (60 ปีขึ้นไป)", "Elderly (60+)", PERSONAL),
            F("dependency", _T, "ภาวะพึ่งพิง", "Dependency", SENSITIVE, domain="dependency"),
            F("care_colour", _T, "กลุ่มสี", "Care colour", SENSITIVE, domain="care_colour"),
            F("disability", _T, "ความพิการ", "Disability", SENSITIVE, domain="disability"),
            F("has_caretaker", BOOLEAN, "มีผู้ดูแล", "Has caretaker", SENSITIVE),
            F("single_parent", BOOLEAN, "พ่อ/แม่เลี้ยงเดี่ยว", "Single parent", PERSONAL),
            F("note", _T, "หมายเหตุ", "Note", SENSITIVE),
        ),
        restricted=True,
        display='"pseudo_id"',
    ),
    Layer(
        "roads",
        "MultiLineString",
        "ถนน",
        "Roads",
        "roads",
        (
            F("road_code", _T, "รหัสสายทาง", "Road code"),
            F("name_th", _T, "ชื่อถนน (ไทย)", "Name (Thai)"),
            F("name_en", _T, "ชื่อถนน (อังกฤษ)", "Name (English)"),
            F("road_class", _T, "ประเภทถนน", "Road class", domain="road_class"),
            F("surface", _T, "ผิวจราจร", "Surface", domain="surface"),
            F("owner", _T, "หน่วยงานรับผิดชอบ", "Authority", domain="road_owner"),
            F("lanes", INTEGER, "จำนวนช่องจราจร", "Lanes", min=0, max=20),
            F("width_m", REAL, "ความกว้าง (ม.)", "Width (m)", min=0),
            F("length_m", REAL, "ความยาว (ม.)", "Length (m)", min=0),
            F("lit", BOOLEAN, "มีไฟฟ้าแสงสว่าง", "Lit"),
            F("osm_id", _T, "OSM id", "OSM id"),
            F("note", _T, "หมายเหตุ", "Note"),
        ),
        style_field="road_class",
        display='coalesce("name_th", "name_en", "road_code")',
    ),
    Layer(
        "road_sections",
        "LineString",
        "ช่วงสำรวจถนน",
        "Road sections",
        "roads",
        (
            F("road_uuid", _T, "ถนน (UUID)", "Road (UUID)", not_null=True),
            F("section_id", _T, "รหัสช่วง", "Section id", unique=True),
            F("chainage_from_m", REAL, "กม. เริ่มต้น (ม.)", "Chainage from (m)", min=0),
            F("chainage_to_m", REAL, "กม. สิ้นสุด (ม.)", "Chainage to (m)", min=0),
            F("length_m", REAL, "ความยาว (ม.)", "Length (m)", min=0),
            F("area_sqm", REAL, "พื้นที่ (ตร.ม.)", "Area (m²)", min=0),
            F("surface", _T, "ผิวจราจร", "Surface", domain="surface"),
            F("paser", INTEGER, "PASER (1–10)", "PASER (1–10)", min=1, max=10),
            F("pci", REAL, "ดัชนีสภาพผิวทาง PCI", "PCI", min=0, max=100),
            F("condition_band", _T, "ระดับสภาพ", "Condition band", domain="condition_band"),
            F("treatment", _T, "วิธีซ่อมที่แนะนำ", "Recommended treatment", domain="treatment"),
            F("inspected_on", DATE, "วันที่สำรวจ", "Inspected on"),
        ),
        style_field="condition_band",
        display='"section_id"',
    ),
    Layer(
        "road_inspections",
        None,
        "การสำรวจสภาพถนน",
        "Road inspections",
        "roads",
        (
            F("section_uuid", _T, "ช่วงถนน (UUID)", "Section (UUID)", not_null=True),
            F("inspected_on", DATE, "วันที่สำรวจ", "Inspected on", not_null=True),
            F("inspector", _T, "ผู้สำรวจ", "Inspector", PERSONAL),
            F("method", _T, "วิธีสำรวจ", "Method", domain="inspection_method"),
            F("sample_unit", _T, "หน่วยตัวอย่าง", "Sample unit"),
            F("sample_area_sqm", REAL, "พื้นที่หน่วยตัวอย่าง (ตร.ม.)", "Sample area (m²)", min=0),
            F("paser", INTEGER, "PASER (1–10)", "PASER (1–10)", min=1, max=10),
            F("iri", REAL, "IRI (ม./กม.)", "IRI (m/km)", min=0),
            F("note", _T, "หมายเหตุ", "Note"),
        ),
        display="\"inspected_on\" || ' ' || coalesce(\"sample_unit\", '')",
    ),
    Layer(
        "road_distresses",
        None,
        "ความเสียหายผิวทาง",
        "Road distresses",
        "roads",
        (
            F("inspection_uuid", _T, "การสำรวจ (UUID)", "Inspection (UUID)", not_null=True),
            F("distress_type", INTEGER, "ประเภทความเสียหาย", "Distress type", domain="distress_type"),
            F("severity", _T, "ระดับความรุนแรง", "Severity", domain="severity"),
            F("quantity", REAL, "ปริมาณ", "Quantity", min=0),
            F("unit", _T, "หน่วย", "Unit", domain="quantity_unit"),
        ),
    ),
    Layer(
        "streetlights",
        "Point",
        "ไฟฟ้าสาธารณะ",
        "Streetlights",
        "lights",
        (
            F("ref", _T, "รหัสเสา", "Pole ref."),
            F("lamp_type", _T, "ชนิดหลอด", "Lamp type", domain="lamp_type"),
            F("support", _T, "การติดตั้ง", "Support", domain="lamp_support"),
            F("light_count", INTEGER, "จำนวนดวงโคม", "Lamps", min=0, max=20),
            F("power_w", REAL, "กำลังไฟ (วัตต์)", "Power (W)", min=0),
            F("circuit", _T, "วงจร", "Circuit"),
            F("owner", _T, "เจ้าของเสา", "Owner", domain="asset_owner"),
            F("status", _T, "สถานะ", "Status", domain="lamp_status", default="'unknown'"),
            F("road_uuid", _T, "ถนน (UUID)", "Road (UUID)"),
            F("installed_on", DATE, "วันที่ติดตั้ง", "Installed on"),
            F("lamp_changed_on", DATE, "เปลี่ยนหลอดล่าสุด", "Lamp last changed"),
            F("osm_id", _T, "OSM id", "OSM id"),
            F("note", _T, "หมายเหตุ", "Note"),
        ),
        style_field="status",
        display="coalesce(\"ref\", '')",
    ),
    Layer(
        "streetlight_faults",
        None,
        "แจ้งเหตุไฟฟ้าสาธารณะขัดข้อง",
        "Streetlight faults",
        "lights",
        (
            F("streetlight_uuid", _T, "เสาไฟ (UUID)", "Streetlight (UUID)", not_null=True),
            F("fault", _T, "อาการ", "Fault", domain="lamp_status"),
            F("reported_at", DATETIME, "เวลาแจ้ง", "Reported at"),
            F("resolved_at", DATETIME, "เวลาแก้ไขเสร็จ", "Resolved at"),
            F("complaint_uuid", _T, "เรื่องร้องเรียน (UUID)", "Complaint (UUID)"),
            F("note", _T, "หมายเหตุ", "Note"),
        ),
    ),
    Layer(
        "streetlight_inspections",
        None,
        "ตรวจสภาพไฟฟ้าสาธารณะ",
        "Streetlight checks",
        "lights",
        (
            F("streetlight_uuid", _T, "เสาไฟ (UUID)", "Streetlight (UUID)", not_null=True),
            F("inspected_at", DATETIME, "เวลาตรวจ", "Checked at", not_null=True),
            F("status", _T, "สถานะ", "Status", domain="lamp_status"),
            F("inspector", _T, "ผู้ตรวจ", "Inspector", PERSONAL),
            F("issues", _T, "ข้อสังเกต (สายไฟ กิ่งไม้ ฯลฯ)", "Issues (wires, branches…)"),
            F("note", _T, "หมายเหตุ", "Note"),
        ),
        display="\"inspected_at\" || ' ' || coalesce(\"status\", '')",
    ),
    Layer(
        "complaints",
        "Point",
        "เรื่องร้องเรียน",
        "Complaints",
        "work",
        (
            F("source", _T, "ช่องทาง", "Channel", domain="complaint_source", not_null=True),
            F("external_id", _T, "เลขที่เรื่อง (ต้นทาง)", "External id"),
            F("category", _T, "หมวดงาน", "Category", domain="work_category"),
            F("categories_raw", _T, "หมวดหมู่ต้นทาง", "Source categories"),
            F("description", _T, "รายละเอียด", "Description", PERSONAL),
            F("status", _T, "สถานะ", "Status", domain="complaint_status", default="'waiting'"),
            F("status_raw", _T, "สถานะต้นทาง", "Source status"),
            F("reported_at", DATETIME, "เวลาแจ้ง", "Reported at"),
            F("last_activity", DATETIME, "ความเคลื่อนไหวล่าสุด", "Last activity"),
            F("address", _T, "ที่อยู่/ตำแหน่ง", "Address"),
            F("subdistrict", _T, "แขวง/ตำบล", "Subdistrict"),
            F("district", _T, "เขต/อำเภอ", "District"),
            F("province", _T, "จังหวัด", "Province"),
            F("photo_url", _T, "ภาพก่อน", "Photo (before)", PERSONAL),
            F("photo_after_url", _T, "ภาพหลัง", "Photo (after)", PERSONAL),
            F("reopen_count", INTEGER, "จำนวนครั้งเปิดเรื่องใหม่", "Reopened", min=0),
            F("asset_layer", _T, "ชั้นข้อมูลทรัพย์สิน", "Asset layer", domain="asset_layer"),
            F("asset_uuid", _T, "ทรัพย์สิน (UUID)", "Asset (UUID)"),
            F("asset_distance_m", REAL, "ระยะถึงทรัพย์สิน (ม.)", "Distance to asset (m)", min=0),
            F("work_order_uuid", _T, "ใบสั่งงาน (UUID)", "Work order (UUID)"),
        ),
        style_field="status",
        display='coalesce("external_id", "uuid")',
    ),
    Layer(
        "work_orders",
        "Point",
        "ใบสั่งงานซ่อมบำรุง",
        "Work orders",
        "work",
        (
            F("wo_number", _T, "เลขที่ใบสั่งงาน", "Work-order no.", unique=True),
            F("title", _T, "เรื่อง", "Title"),
            F("category", _T, "หมวดงาน", "Category", domain="work_category"),
            F("status", _T, "สถานะ", "Status", domain="wo_status", default="'new'", not_null=True),
            F("priority", _T, "ความเร่งด่วน", "Priority", domain="priority", default="'P3'"),
            F("source", _T, "ที่มา", "Source", domain="complaint_source"),
            F("asset_layer", _T, "ชั้นข้อมูลทรัพย์สิน", "Asset layer", domain="asset_layer"),
            F("asset_uuid", _T, "ทรัพย์สิน (UUID)", "Asset (UUID)"),
            F("team", _T, "ทีมช่าง", "Team"),
            F("assignee", _T, "ผู้รับผิดชอบ", "Assignee", PERSONAL),
            F("created_at", DATETIME, "วันที่สร้าง", "Created at"),
            F("due_at", DATETIME, "กำหนดเสร็จ", "Due at"),
            F("triaged_at", DATETIME, "คัดกรองเมื่อ", "Triaged at"),
            F("assigned_at", DATETIME, "มอบหมายเมื่อ", "Assigned at"),
            F("started_at", DATETIME, "เริ่มงานเมื่อ", "Started at"),
            F("completed_at", DATETIME, "ซ่อมเสร็จเมื่อ", "Completed at"),
            F("verified_at", DATETIME, "ตรวจรับเมื่อ", "Verified at"),
            F("closed_at", DATETIME, "ปิดงานเมื่อ", "Closed at"),
            F("cost_baht", REAL, "ค่าใช้จ่าย (บาท)", "Cost (baht)", min=0),
            F("note", _T, "หมายเหตุ", "Note"),
        ),
        style_field="status",
        display='"wo_number"',
    ),
    Layer(
        "work_order_events",
        None,
        "ประวัติใบสั่งงาน",
        "Work-order events",
        "work",
        (
            F("work_order_uuid", _T, "ใบสั่งงาน (UUID)", "Work order (UUID)", not_null=True),
            F("event_at", DATETIME, "เวลา", "Time", not_null=True),
            F("from_status", _T, "จากสถานะ", "From status", domain="wo_status"),
            F("to_status", _T, "เป็นสถานะ", "To status", domain="wo_status"),
            F("actor", _T, "ผู้ดำเนินการ", "Actor", PERSONAL),
            F("note", _T, "บันทึก", "Note"),
            F("photo_hashes", _T, "ภาพถ่าย (SHA-256)", "Photos (SHA-256)"),
        ),
        display="\"event_at\" || ' ' || coalesce(\"to_status\", '')",
    ),
)

LAYERS_BY_NAME = {layer.name: layer for layer in LAYERS}

GROUPS = (  # (id, Thai title, English title) in layer-tree order
    ("work", "งานซ่อมบำรุงและเรื่องร้องเรียน", "Work orders and complaints"),
    ("lights", "ไฟฟ้าสาธารณะ", "Streetlights"),
    ("roads", "ถนน", "Roads"),
    ("people", "ครัวเรือนและผู้อยู่อาศัย", "Households and residents"),
    ("base", "แผนที่ฐาน", "Base layers"),
)

RELATIONS: tuple[Relation, ...] = (
    Relation("household_parcel", "households", "parcel_id", "parcels", "ครัวเรือนในแปลง", "Households on parcel"),
    Relation("resident_household", "residents", "household_uuid", "households", "ผู้อยู่อาศัย", "Residents"),
    Relation("section_road", "road_sections", "road_uuid", "roads", "ช่วงสำรวจ", "Sections"),
    Relation("inspection_section", "road_inspections", "section_uuid", "road_sections", "ผลการสำรวจ", "Inspections"),
    Relation(
        "distress_inspection", "road_distresses", "inspection_uuid", "road_inspections", "ความเสียหาย", "Distresses"
    ),
    Relation("streetlight_road", "streetlights", "road_uuid", "roads", "ไฟฟ้าสาธารณะบนถนน", "Streetlights on road"),
    Relation("fault_streetlight", "streetlight_faults", "streetlight_uuid", "streetlights", "ประวัติเหตุขัดข้อง", "Faults"),
    Relation(
        "check_streetlight", "streetlight_inspections", "streetlight_uuid", "streetlights", "ผลการตรวจสภาพ", "Checks"
    ),
    Relation(
        "complaint_work_order", "complaints", "work_order_uuid", "work_orders", "เรื่องร้องเรียนที่เกี่ยวข้อง", "Complaints"
    ),
    Relation("event_work_order", "work_order_events", "work_order_uuid", "work_orders", "ประวัติ", "Events"),
)


def classification() -> list[tuple[str, str, str]]:
    """(table, field, class) for every field of every layer: the PDPA register."""
    return [(layer.name, f.name, f.cls) for layer in LAYERS for f in layer.all_fields]


def fields_of_class(*classes: str) -> dict[str, list[str]]:
    """Field names per layer whose class is one of ``classes`` (e.g. what a default print must drop)."""
    out: dict[str, list[str]] = {}
    for layer in LAYERS:
        names = [f.name for f in layer.all_fields if f.cls in classes]
        if names:
            out[layer.name] = names
    return out


def check_schema() -> None:
    """Internal consistency checks (used by tests): domains exist, relations point at real fields."""
    for layer in LAYERS:
        names = [f.name for f in layer.all_fields]
        assert len(names) == len(set(names)), f"duplicate field in {layer.name}"
        for f in layer.all_fields:
            assert f.cls in CLASSES, (layer.name, f.name)
            assert f.domain is None or f.domain in DOMAINS, (layer.name, f.name, f.domain)
        if layer.style_field:
            assert layer.field(layer.style_field).domain, layer.name
    for rel in RELATIONS:
        LAYERS_BY_NAME[rel.child].field(rel.child_field)
        LAYERS_BY_NAME[rel.parent].field(rel.parent_field)
