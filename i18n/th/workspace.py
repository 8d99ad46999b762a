"""Thai for the workspace: core/workspace (creation, DOPA codes, photos) and toolbelt/workspace_project (styles, forms, project)."""

TH = {
    # core/workspace/create.py
    "GDAL's Python bindings (osgeo) are not installed.": "ยังไม่ได้ติดตั้งไลบรารี GDAL สำหรับ Python (osgeo)",
    "The workspace CRS must be projected in metres (areas in rai, lengths in metres); '{crs}' is geographic. Use EPSG:32647 (UTM 47N) or EPSG:32648 (UTM 48N).": "ระบบพิกัดของพื้นที่ทำงานต้องเป็นระบบฉายหน่วยเมตร (เนื้อที่เป็นไร่ ความยาวเป็นเมตร) แต่ '{crs}' เป็นพิกัดภูมิศาสตร์ ใช้ EPSG:32647 (UTM 47N) หรือ EPSG:32648 (UTM 48N)",
    "The workspace CRS must use metres; '{crs}' uses {unit}.": "ระบบพิกัดของพื้นที่ทำงานต้องใช้หน่วยเมตร แต่ '{crs}' ใช้หน่วย {unit}",
    "The workspace file must end in .gpkg: {path}": "ไฟล์พื้นที่ทำงานต้องมีนามสกุล .gpkg: {path}",
    "{path} is already a CDDP workspace ({name}, DOPA {code}, schema {version}). Open it instead; CDDP never overwrites a workspace.": "{path} เป็นพื้นที่ทำงาน CDDP อยู่แล้ว ({name} รหัส {code} โครงสร้างรุ่น {version}) ให้เปิดไฟล์นี้แทน CDDP ไม่เขียนทับพื้นที่ทำงานเดิม",
    "{path} already exists and is not a CDDP workspace. Choose a new file name; nothing was changed.": "มีไฟล์ {path} อยู่แล้วและไม่ใช่พื้นที่ทำงาน CDDP กรุณาตั้งชื่อไฟล์ใหม่ ไม่มีการเปลี่ยนแปลงใด ๆ",
    "The folder {folder} does not exist.": "ไม่พบโฟลเดอร์ {folder}",
    "Cannot write to the folder {folder} (permission denied).": "ไม่สามารถเขียนลงโฟลเดอร์ {folder} ได้ (ไม่มีสิทธิ์)",
    "GDAL could not add the value list {name}.": "GDAL ไม่สามารถเพิ่มรายการค่า {name} ได้",
    "GDAL could not create {path}: {error}": "GDAL ไม่สามารถสร้าง {path} ได้: {error}",
    "{path} appeared while the workspace was being built; nothing was overwritten.": "มีไฟล์ {path} เกิดขึ้นระหว่างการสร้างพื้นที่ทำงาน ไม่มีการเขียนทับ",
    "Cannot write {path}: {error}": "ไม่สามารถเขียน {path} ได้: {error}",
    # core/workspace/dopa.py
    "The municipality's DOPA code is missing.": "ยังไม่ได้ระบุรหัสกรมการปกครองของเทศบาล",
    "'{code}' is not a DOPA code: expected 4 digits (amphoe/khet, e.g. 1007) or 6 digits (tambon, e.g. 330506).": "'{code}' ไม่ใช่รหัสกรมการปกครอง: ต้องเป็นตัวเลข 4 หลัก (อำเภอ/เขต เช่น 1007) หรือ 6 หลัก (ตำบล เช่น 330506)",
    "DOPA code {code}: {province} is not a Thai province code.": "รหัส {code}: {province} ไม่ใช่รหัสจังหวัดของไทย",
    "DOPA code {code} is not a known amphoe or tambon of {province}.": "ไม่พบรหัส {code} ในรายชื่ออำเภอหรือตำบลของจังหวัด{province}",
    # core/workspace/photos.py
    "'{value}' is not a SHA-256 photo hash (64 hexadecimal characters).": "'{value}' ไม่ใช่ค่าแฮช SHA-256 ของภาพ (เลขฐานสิบหก 64 ตัว)",
    "Photo {path}: the file does not exist.": "ภาพ {path}: ไม่พบไฟล์",
    "Photo {path}: the file cannot be read (permission denied).": "ภาพ {path}: ไม่สามารถอ่านไฟล์ได้ (ไม่มีสิทธิ์)",
    "Photo {path}: the file cannot be read ({error}).": "ภาพ {path}: ไม่สามารถอ่านไฟล์ได้ ({error})",
    "Photo {path}: the file is empty.": "ภาพ {path}: ไฟล์ว่างเปล่า",
    "Photo {path}: the file is {size} MB; photos may be at most {max} MB.": "ภาพ {path}: ไฟล์มีขนาด {size} MB ภาพถ่ายต้องมีขนาดไม่เกิน {max} MB",
    "Photo {path}: the file is not an image (JPEG, PNG, GIF, WebP, HEIC, TIFF or BMP expected).": "ภาพ {path}: ไฟล์นี้ไม่ใช่ภาพ (ต้องเป็น JPEG, PNG, GIF, WebP, HEIC, TIFF หรือ BMP)",
    "Cannot store photo {path} in {folder}: {error}": "ไม่สามารถเก็บภาพ {path} ไว้ใน {folder} ได้: {error}",
    "Photo {path} changed while it was being stored; try again.": "ภาพ {path} เปลี่ยนไประหว่างการจัดเก็บ โปรดลองอีกครั้ง",
    # toolbelt/workspace_project.py
    "QGIS could not open layer {layer} of {path}.": "QGIS ไม่สามารถเปิดชั้นข้อมูล {layer} ของ {path} ได้",
    "Allowed range: {lo}–{hi}": "ช่วงค่าที่อนุญาต: {lo}–{hi}",
    "An area distress cannot exceed the sample unit's area (density over 100 %).": "ความเสียหายผิวทางชนิดที่วัดเป็นพื้นที่ต้องไม่เกินพื้นที่ของหน่วยตัวอย่าง (ความหนาแน่นเกิน 100 %)",
    "Could not store the default style of {layer}: {error}": "ไม่สามารถบันทึกสัญลักษณ์เริ่มต้นของ {layer} ได้: {error}",
    "{path} already exists; CDDP never overwrites a project.": "มีไฟล์ {path} อยู่แล้ว CDDP ไม่เขียนทับโครงการเดิม",
    "Relation {id} is not valid: {reason}": "ความสัมพันธ์ {id} ไม่ถูกต้อง: {reason}",
    "Could not write the project {path}: {error}": "ไม่สามารถเขียนโครงการ {path} ได้: {error}",
}
