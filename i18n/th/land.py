"""Thai for parcels, households and house numbers (core/land)."""

TH = {
    # core/land/households.py
    "{path} is neither UTF-8 nor TIS-620 (cp874) text.": "{path} ไม่ใช่ข้อความแบบ UTF-8 หรือ TIS-620 (cp874)",
    "Cannot read the spreadsheet {path}: {error}": "ไม่สามารถอ่านไฟล์ตารางคำนวณ {path} ได้: {error}",
    "{path} is empty.": "{path} ว่างเปล่า",
    "{path} is not a readable CSV file: {error}": "{path} ไม่ใช่ไฟล์ CSV ที่อ่านได้: {error}",
    "{path} has only one column ({column}); expected a CSV with a header row such as house_code,house_no,village_no,lat,lon.": "{path} มีเพียงคอลัมน์เดียว ({column}) ต้องเป็น CSV ที่มีแถวหัวตาราง เช่น house_code,house_no,village_no,lat,lon",
    "{layer} has no rows.": "{layer} ไม่มีแถวข้อมูล",
    "{layer}: found neither coordinates (lat/lon or x/y) nor house codes or house numbers among its fields: {fields}.": "{layer}: ไม่พบพิกัด (lat/lon หรือ x/y) รหัสประจำบ้าน หรือบ้านเลขที่ ในฟิลด์ต่อไปนี้: {fields}",
    "{layer} has projected coordinates ({x}, {y}); set the source CRS (e.g. EPSG:32647 or EPSG:24047).": "{layer} มีพิกัดในระบบฉายแผนที่ ({x}, {y}) ให้กำหนดระบบพิกัดต้นทาง (เช่น EPSG:32647 หรือ EPSG:24047)",
    "Row {row}: duplicate house code {code} (first at row {first}).": "แถว {row}: รหัสประจำบ้าน {code} ซ้ำ (พบครั้งแรกที่แถว {first})",
    "Row {row}: village number '{value}' is not a number from 1 to 99.": "แถว {row}: หมู่ที่ '{value}' ไม่ใช่ตัวเลขตั้งแต่ 1 ถึง 99",
    "Row {row}: geometry is not a point or polygon.": "แถว {row}: รูปเรขาคณิตไม่ใช่จุดหรือรูปหลายเหลี่ยม",
    "Row {row}: coordinates '{x}', '{y}' are incomplete or not numbers.": "แถว {row}: พิกัด '{x}', '{y}' ไม่ครบหรือไม่ใช่ตัวเลข",
    "Row {row}: latitude and longitude look swapped ({lat}, {lon}).": "แถว {row}: ละติจูดและลองจิจูดน่าจะสลับกัน ({lat}, {lon})",
    "Row {row}: coordinates ({lat}, {lon}) are outside Thailand.": "แถว {row}: พิกัด ({lat}, {lon}) อยู่นอกประเทศไทย",
    "Row {row}: no location, house code or house number: nothing to link.": "แถว {row}: ไม่มีตำแหน่ง รหัสประจำบ้าน หรือบ้านเลขที่ จึงไม่มีข้อมูลสำหรับเชื่อมโยง",
    # core/land/houseno.py
    "Row {row}: house code '{code}' must have 11 digits (รหัสประจำบ้าน).": "แถว {row}: รหัสประจำบ้าน '{code}' ต้องมี 11 หลัก",
    # core/land/parcels.py
    "{layer}: no parcel identifier found. Map parcel_code (or zone, block and lot, or land_no) to one of its fields: {fields}.": "{layer}: ไม่พบรหัสระบุแปลงที่ดิน ให้จับคู่ parcel_code (หรือ zone, block และ lot หรือ land_no) กับฟิลด์ใดฟิลด์หนึ่งต่อไปนี้: {fields}",
    "invalid geometry that cannot be repaired into a polygon": "รูปเรขาคณิตไม่ถูกต้องและไม่สามารถซ่อมให้เป็นรูปหลายเหลี่ยมได้",
    "not a polygon": "ไม่ใช่รูปหลายเหลี่ยม",
    "{layer} has points, not polygons: parcels must be polygons (the land parcels of the tax map or DOL data). Choose the parcels file; household points are imported with Import households.": "{layer} เป็นจุด ไม่ใช่รูปหลายเหลี่ยม: แปลงที่ดินต้องเป็นรูปหลายเหลี่ยม (แปลงที่ดินจากแผนที่ภาษีหรือข้อมูลกรมที่ดิน) ให้เลือกไฟล์แปลงที่ดิน ส่วนจุดครัวเรือนให้นำเข้าด้วย นำเข้าครัวเรือน",
    "{layer} has lines, not polygons: parcels must be polygons (the land parcels of the tax map or DOL data). Choose the parcels file; roads are imported with Import roads.": "{layer} เป็นเส้น ไม่ใช่รูปหลายเหลี่ยม: แปลงที่ดินต้องเป็นรูปหลายเหลี่ยม (แปลงที่ดินจากแผนที่ภาษีหรือข้อมูลกรมที่ดิน) ให้เลือกไฟล์แปลงที่ดิน ส่วนถนนให้นำเข้าด้วย นำเข้าถนน",
    # core/land/jobs.py
    "The match distance {distance} m is outside 0–{max} m; give a distance within that range.": "ระยะจับคู่ {distance} ม. อยู่นอกช่วง 0–{max} ม. ให้ระบุระยะภายในช่วงนี้",
    # core/land/linking.py
    "The largest distance to a parcel (MAX_DISTANCE) is {distance:g} m; it must be between 0 and {limit:g} m. A household stands on its parcel or on the road in front of it, never farther: give households far from every parcel a better location or a tax-map code instead.": "ระยะห่างสูงสุดถึงแปลงที่ดิน (MAX_DISTANCE) คือ {distance:g} ม. ต้องอยู่ระหว่าง 0 ถึง {limit:g} ม. เพราะครัวเรือนตั้งอยู่บนแปลงที่ดินของตนหรือบนถนนหน้าแปลงเสมอ ไม่ไกลกว่านั้น ครัวเรือนที่อยู่ห่างจากทุกแปลงให้ระบุตำแหน่งที่ถูกต้องขึ้นหรือรหัสแผนที่ภาษีแทน",
    "Links are written into the workspace {workspace} only against its own parcels layer, and PARCELS ({layer}) is not it: the households would point at parcels the workspace does not have. Import those parcels with Import parcels first and link against the workspace's parcels layer, or switch off UPDATE_WORKSPACE to write the links to OUTPUT only.": "ผลการเชื่อมโยงจะเขียนลงในพื้นที่ทำงาน {workspace} ได้เฉพาะเมื่อเชื่อมโยงกับชั้นข้อมูลแปลงที่ดินของพื้นที่ทำงานนั้นเอง แต่ PARCELS ({layer}) ไม่ใช่ชั้นข้อมูลนั้น ครัวเรือนจะชี้ไปยังแปลงที่ไม่มีอยู่ในพื้นที่ทำงาน ให้นำเข้าแปลงเหล่านั้นด้วย นำเข้าแปลงที่ดิน ก่อน แล้วเชื่อมโยงกับชั้นข้อมูลแปลงที่ดินของพื้นที่ทำงาน หรือปิด UPDATE_WORKSPACE เพื่อเขียนผลการเชื่อมโยงลงใน OUTPUT เท่านั้น",
    "PARCELS ({layer}) has a filter ({filter}): the households of the parcels it hides would lose their links. Clear the filter, or switch off UPDATE_WORKSPACE to write the links to OUTPUT only.": "PARCELS ({layer}) มีตัวกรอง ({filter}) ครัวเรือนของแปลงที่ถูกกรองออกจะสูญเสียการเชื่อมโยง ให้ล้างตัวกรอง หรือปิด UPDATE_WORKSPACE เพื่อเขียนผลการเชื่อมโยงลงใน OUTPUT เท่านั้น",
    "The workspace's households point at parcels by their uuid, not by '{field}': leave PARCEL_ID_FIELD empty, or switch off UPDATE_WORKSPACE to write the links to OUTPUT only.": "ครัวเรือนในพื้นที่ทำงานอ้างอิงแปลงที่ดินด้วย uuid ไม่ใช่ '{field}' ให้เว้น PARCEL_ID_FIELD ว่างไว้ หรือปิด UPDATE_WORKSPACE เพื่อเขียนผลการเชื่อมโยงลงใน OUTPUT เท่านั้น",
    # core/land/jobs.py (write_household_links)
    "{n} parcel ids of the links are not parcels of the workspace {path} (e.g. {examples}); nothing was written. Link against the workspace's own parcels layer, or write the links to an output only.": "รหัสแปลง {n} รายการในผลการเชื่อมโยงไม่ใช่แปลงที่ดินของพื้นที่ทำงาน {path} (เช่น {examples}) จึงไม่ได้เขียนข้อมูลใด ๆ ให้เชื่อมโยงกับชั้นข้อมูลแปลงที่ดินของพื้นที่ทำงานเอง หรือเขียนผลการเชื่อมโยงลงในชั้นข้อมูลผลลัพธ์เท่านั้น",
    # core/land/villages.py
    "{layer} has {kinds}, not polygons: village and community boundaries must be polygons. Choose the boundary layer (หมู่บ้าน / ชุมชน polygons); a village's centre point is not enough.": "{layer} เป็น {kinds} ไม่ใช่รูปหลายเหลี่ยม: ขอบเขตหมู่บ้านและชุมชนต้องเป็นรูปหลายเหลี่ยม ให้เลือกชั้นข้อมูลขอบเขต (รูปหลายเหลี่ยมหมู่บ้าน / ชุมชน) จุดศูนย์กลางหมู่บ้านไม่เพียงพอ",
    "{layer} has no field '{field}' ({parameter}); its fields are: {fields}.": "{layer} ไม่มีฟิลด์ '{field}' ({parameter}) ฟิลด์ที่มีคือ: {fields}",
    "Unknown kind of zone '{kind}'; choose one of: {kinds}.": "ไม่รู้จักประเภทเขต '{kind}' ให้เลือกอย่างใดอย่างหนึ่ง: {kinds}",
    "{layer} has no geometries: village and community boundaries must be polygons. Choose the boundary layer (หมู่บ้าน / ชุมชน polygons).": "{layer} ไม่มีรูปเรขาคณิต: ขอบเขตหมู่บ้านและชุมชนต้องเป็นรูปหลายเหลี่ยม ให้เลือกชั้นข้อมูลขอบเขต (รูปหลายเหลี่ยมหมู่บ้าน / ชุมชน)",
    "{layer}: no village number field found. Set NUMBER_FIELD to the field that holds the หมู่ / ชุมชน number; its fields are: {fields}.": "{layer}: ไม่พบฟิลด์หมายเลขหมู่บ้าน ให้กำหนด NUMBER_FIELD เป็นฟิลด์ที่เก็บหมายเลขหมู่ / ชุมชน ฟิลด์ที่มีคือ: {fields}",
    "{layer}: {n} values of the number field {field} are not village numbers from 1 to 99 (row {examples}). Write them as 3, ๓, หมู่ 3 or ม.3, or set NUMBER_FIELD to the field that holds the number; nothing was imported.": "{layer}: ค่า {n} ค่าในฟิลด์หมายเลข {field} ไม่ใช่หมายเลขหมู่บ้านตั้งแต่ 1 ถึง 99 (แถว {examples}) ให้เขียนเป็น 3, ๓, หมู่ 3 หรือ ม.3 หรือกำหนด NUMBER_FIELD เป็นฟิลด์ที่เก็บหมายเลข ยังไม่ได้นำเข้าข้อมูลใด ๆ",
    "{layer}: the tambon codes in {field} must have 6 digits (DOPA code, e.g. 330506); found {examples}. Choose the tambon-code field as TAMBON_FIELD or leave it empty.": "{layer}: รหัสตำบลใน {field} ต้องมี 6 หลัก (รหัสกรมการปกครอง เช่น 330506) แต่พบ {examples} ให้เลือกฟิลด์รหัสตำบลเป็น TAMBON_FIELD หรือเว้นว่างไว้",
    "{layer}: {n} village numbers are on more than one polygon: {duplicates}. Nothing was imported. Correct the numbers, or set MERGE_DUPLICATES to merge the polygons of each number into one zone (a หมู่ drawn in several parts).": "{layer}: หมายเลขหมู่บ้าน {n} หมายเลขอยู่ในรูปหลายเหลี่ยมมากกว่าหนึ่งรูป: {duplicates} ยังไม่ได้นำเข้าข้อมูลใด ๆ ให้แก้ไขหมายเลข หรือกำหนด MERGE_DUPLICATES เพื่อรวมรูปหลายเหลี่ยมของแต่ละหมายเลขเป็นเขตเดียว (หมู่ที่วาดเป็นหลายส่วน)",
    "{layer}: none of its {n} features can be imported (no geometry or no number); nothing was imported.": "{layer}: ไม่มีข้อมูลใดใน {n} รายการที่นำเข้าได้ (ไม่มีรูปเรขาคณิตหรือไม่มีหมายเลข) ยังไม่ได้นำเข้าข้อมูลใด ๆ",
    "no village number": "ไม่มีหมายเลขหมู่บ้าน",
}
