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
}
