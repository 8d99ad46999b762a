"""Thai for reports and charts (core/reports)."""

TH: dict[str, str] = {
    "The workspace {path} has no villages or zones (the villages layer is empty). Import the หมู่ / ชุมชน boundaries with cddp:importvillages, then run again.": "พื้นที่ทำงาน {path} ยังไม่มีขอบเขตหมู่บ้านหรือชุมชน (ชั้นข้อมูลหมู่บ้านว่าง) นำเข้าขอบเขตหมู่ / ชุมชนด้วย cddp:importvillages แล้วเรียกใช้อีกครั้ง",
    "The villages layer of {path} has no coordinate reference system; import the zones again with cddp:importvillages.": "ชั้นข้อมูลหมู่บ้านของ {path} ไม่มีระบบพิกัดอ้างอิง นำเข้าขอบเขตอีกครั้งด้วย cddp:importvillages",
    "Table '{table}' would print personal data (column '{column}'); council tables carry counts only. Nothing was written.": "ตาราง '{table}' จะพิมพ์ข้อมูลส่วนบุคคล (คอลัมน์ '{column}') ตารางสำหรับสภาแสดงได้เฉพาะจำนวนนับ ไม่ได้เขียนไฟล์ใด",
    "Table '{table}' would print contact details ({kind}) in column '{column}'; council tables carry counts only. Nothing was written.": "ตาราง '{table}' จะพิมพ์ข้อมูลติดต่อ ({kind}) ในคอลัมน์ '{column}' ตารางสำหรับสภาแสดงได้เฉพาะจำนวนนับ ไม่ได้เขียนไฟล์ใด",
    "Cannot write the tables to {folder}: {error}. Choose a folder you can write to.": "เขียนตารางลงใน {folder} ไม่ได้: {error} เลือกโฟลเดอร์ที่เขียนได้",
    "The file name stem '{stem}' must be plain letters, digits, '-' or '_' (e.g. council_road_plan).": "ชื่อไฟล์ '{stem}' ต้องประกอบด้วยอักษรอังกฤษ ตัวเลข '-' หรือ '_' เท่านั้น (เช่น council_road_plan)",
    "The road plan map set needs a maintenance plan or a budget: give the plan written by cddp:maintenanceplan, or a budget in baht to compute one.": "ชุดแผนที่แผนซ่อมถนนต้องมีแผนซ่อมบำรุงหรืองบประมาณ: ระบุแผนที่ได้จาก cddp:maintenanceplan หรือระบุงบประมาณ (บาท) เพื่อคำนวณแผน",
    "Cannot read the maintenance plan {path}: {error}. Give the file written by cddp:maintenanceplan.": "อ่านแผนซ่อมบำรุง {path} ไม่ได้: {error} ระบุไฟล์ที่ได้จาก cddp:maintenanceplan",
    "The maintenance plan {path} lacks the columns {columns}; give the file written by cddp:maintenanceplan.": "แผนซ่อมบำรุง {path} ไม่มีคอลัมน์ {columns} ระบุไฟล์ที่ได้จาก cddp:maintenanceplan",
    "The hazard layer has no polygons; give the flood extent as a polygon layer.": "ชั้นข้อมูลพื้นที่เสี่ยงภัยไม่มีรูปปิด ระบุขอบเขตน้ำท่วมเป็นชั้นข้อมูลรูปปิด",
    "The hazard layer has no coordinate reference system; set its CRS in QGIS, then run again.": "ชั้นข้อมูลพื้นที่เสี่ยงภัยไม่มีระบบพิกัดอ้างอิง กำหนดระบบพิกัดใน QGIS แล้วเรียกใช้อีกครั้ง",
    "The hazard layer must hold polygons (the flood extent); it holds {types}.": "ชั้นข้อมูลพื้นที่เสี่ยงภัยต้องเป็นรูปปิด (ขอบเขตน้ำท่วม) แต่มี {types}",
    # council maps (toolbelt/fonts.py, toolbelt/council_*.py, processing/councilmap.py)
    "The font file {path} is missing or unreadable: council maps cannot be printed in {family}. Reinstall the CDDP plugin.": "ไม่พบหรืออ่านไฟล์ฟอนต์ {path} ไม่ได้ จึงพิมพ์แผนที่สำหรับสภาด้วยฟอนต์ {family} ไม่ได้ ติดตั้งปลั๊กอิน CDDP ใหม่",
    "The font '{family}' is not installed (QGIS would print in '{found}' instead). Install it, or choose one of the fonts shipped with the plugin: {bundled}.": "ไม่ได้ติดตั้งฟอนต์ '{family}' (QGIS จะพิมพ์ด้วย '{found}' แทน) ติดตั้งฟอนต์นี้ หรือเลือกฟอนต์ที่มากับปลั๊กอิน: {bundled}",
    "QGIS could not write the council map {path} ({error}). Check that the folder is writable and the file is not open in a PDF viewer.": "QGIS เขียนแผนที่สำหรับสภา {path} ไม่ได้ ({error}) ตรวจสอบว่าโฟลเดอร์เขียนได้ และไม่ได้เปิดไฟล์นี้ค้างไว้ในโปรแกรมอ่าน PDF",
    "The project {path} beside the workspace cannot be read: {error}. Move it away and run again (CDDP makes a new one).": "อ่านโปรเจกต์ {path} ที่อยู่คู่กับพื้นที่ทำงานไม่ได้: {error} ย้ายไฟล์นี้ออกแล้วเรียกใช้อีกครั้ง (CDDP จะสร้างโปรเจกต์ใหม่ให้)",
    "Unknown map set '{value}'; choose one of {choices}.": "ไม่รู้จักชุดแผนที่ '{value}' เลือกหนึ่งใน {choices}",
    "The council map was written, but the project {path} could not be saved: {error}.": "เขียนแผนที่สำหรับสภาแล้ว แต่บันทึกโปรเจกต์ {path} ไม่ได้: {error}",
    "The flood map set needs HAZARD: the flood extent as a polygon layer (e.g. a flood survey or a drill area).": "ชุดแผนที่น้ำท่วมต้องระบุ HAZARD: ขอบเขตน้ำท่วมเป็นชั้นข้อมูลรูปปิด (เช่น ผลสำรวจน้ำท่วมหรือพื้นที่ซ้อมแผน)",
    "{layer} is not a polygon layer: HAZARD must be the flood extent as polygons.": "{layer} ไม่ใช่ชั้นข้อมูลรูปปิด: HAZARD ต้องเป็นขอบเขตน้ำท่วมแบบรูปปิด",
    "The road_plan map set needs PLAN (the maintenance plan written by cddp:maintenanceplan) or BUDGET (baht) to make one.": "ชุดแผนที่ road_plan ต้องระบุ PLAN (แผนซ่อมบำรุงที่ได้จาก cddp:maintenanceplan) หรือ BUDGET (บาท) เพื่อจัดทำแผน",
}
