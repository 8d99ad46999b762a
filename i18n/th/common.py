"""Thai for wording shared by several parts: core/common (CRS, field mapping) and words both Processing and the docks use."""

TH = {
    # core/common/crs.py
    "{layer} has no coordinate reference system. Set the source CRS (e.g. EPSG:4326 for GPS coordinates, EPSG:24047 for DOL data in Indian 1975 / UTM 47N).": "{layer} ไม่มีระบบพิกัด ให้กำหนดระบบพิกัดต้นทาง (เช่น EPSG:4326 สำหรับพิกัด GPS หรือ EPSG:24047 สำหรับข้อมูลกรมที่ดินใน Indian 1975 / UTM 47N)",
    "{layer}: its coordinates fall outside Thailand when read as {crs} (longitude {minx:.3f}…{maxx:.3f}, latitude {miny:.3f}…{maxy:.3f}). The layer's CRS is probably wrong; set the source CRS.": "{layer}: พิกัดอยู่นอกประเทศไทยเมื่ออ่านเป็น {crs} (ลองจิจูด {minx:.3f}…{maxx:.3f} ละติจูด {miny:.3f}…{maxy:.3f}) ระบบพิกัดของชั้นข้อมูลน่าจะไม่ถูกต้อง ให้กำหนดระบบพิกัดต้นทาง",
    # core/common/fields.py
    "Field '{field}' (for {target}) is not in the input; its fields are: {fields}.": "ไม่พบฟิลด์ '{field}' (สำหรับ {target}) ในข้อมูลนำเข้า ฟิลด์ที่มี ได้แก่ {fields}",
    "Field mapping '{part}' must look like target=source_field.": "การจับคู่ฟิลด์ '{part}' ต้องอยู่ในรูป target=source_field",
    "Unknown target field {target} in the field mapping; the fields it can fill are: {allowed}.": "ไม่รู้จักฟิลด์ปลายทาง {target} ในการจับคู่ฟิลด์ ฟิลด์ที่กำหนดได้ ได้แก่ {allowed}",
    # processing/base.py
    "{path} is not a CDDP workspace.": "{path} ไม่ใช่พื้นที่ทำงาน CDDP",
    # processing/changeworkorder.py
    "Team": "ทีมช่าง",
    "Assignee": "ผู้รับผิดชอบ",
    # processing/createworkspace.py
    "Workspace": "พื้นที่ทำงาน",
    "GeoPackage (*.gpkg)": "GeoPackage (*.gpkg)",
    # processing/linkhouseholds.py
    "Linked households": "ครัวเรือนที่เชื่อมโยงแล้ว",
    # core/common/thai.py: the budget calendar and the digit switch
    "The budget quarter must be 1, 2, 3 or 4 (1 = October–December); got {value}.": "ไตรมาสต้องเป็น 1, 2, 3 หรือ 4 (1 = ตุลาคม–ธันวาคม) แต่ได้ {value}",
    "The budget year must be a Buddhist-era year such as 2570 (2400–2700); got {value}.": "ปีงบประมาณต้องเป็นปี พ.ศ. เช่น 2570 (2400–2700) แต่ได้ {value}",
    "Digits must be 'thai' or 'arabic'; got '{value}'.": "ตัวเลขต้องเป็น 'thai' หรือ 'arabic' แต่ได้ '{value}'",
}
