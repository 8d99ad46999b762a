#!/usr/bin/env python3
"""Thai translations of the plugin's messages, applied to cddp_plugin/i18n/cddp_plugin_th.ts.

Translators may edit the .ts file directly in Qt Linguist instead; this table is how the team keeps
its Thai wording reviewable in code review. Run `make update-ts` after changing source strings, then
this script; it fills every message it knows and lists the ones still untranslated.
"""

import sys
import xml.etree.ElementTree as ET
from pathlib import Path

TS = Path(__file__).resolve().parent.parent / "cddp_plugin" / "i18n" / "cddp_plugin_th.ts"

TH = {
    "CDDP": "CDDP",
    "Workspace panel": "แผงพื้นที่ทำงาน",
    "Create workspace…": "สร้างพื้นที่ทำงาน…",
    "Open workspace…": "เปิดพื้นที่ทำงาน…",
    "CDDP Processing tools": "เครื่องมือประมวลผล CDDP",
    "The Processing plugin is not enabled.": "ยังไม่ได้เปิดใช้ปลั๊กอิน Processing",
    "CDDP (City Digital Data Platform)": "CDDP (แพลตฟอร์มข้อมูลเมืองดิจิทัล)",
    "Create municipal workspace": "สร้างพื้นที่ทำงานของเทศบาล",
    "Workspace": "พื้นที่ทำงาน",
    "Creates one GeoPackage for a municipality with every CDDP layer (parcels, households, residents, villages, roads, road sections, inspections and distresses, streetlights and faults, complaints, work orders and their events), value lists in Thai, default styles and forms, a change log that records every edit for sync, and a QGIS project beside it.\n\nMUNICIPALITY_CODE is the DOPA code of the amphoe/khet (4 digits) or tambon (6 digits) the municipality covers. The CRS must be projected in metres (default WGS 84 / UTM 47N; use UTM 48N, EPSG:32648, in the east). An existing file is never overwritten.": "สร้าง GeoPackage หนึ่งไฟล์ต่อเทศบาล ประกอบด้วยชั้นข้อมูล CDDP ทั้งหมด (แปลงที่ดิน ครัวเรือน ผู้อยู่อาศัย หมู่บ้าน ถนน ช่วงสำรวจถนน ผลการสำรวจและความเสียหายผิวทาง ไฟฟ้าสาธารณะและเหตุขัดข้อง เรื่องร้องเรียน ใบสั่งงานและประวัติ) พร้อมรายการค่าภาษาไทย สัญลักษณ์และแบบฟอร์มเริ่มต้น บันทึกการเปลี่ยนแปลงทุกครั้งสำหรับการซิงก์ และโครงการ QGIS ไว้ข้างไฟล์\n\nMUNICIPALITY_CODE คือรหัสกรมการปกครองของอำเภอ/เขต (4 หลัก) หรือตำบล (6 หลัก) ที่เทศบาลดูแล ระบบพิกัดต้องเป็นระบบฉายแผนที่หน่วยเมตร (ค่าเริ่มต้น WGS 84 / UTM 47N; ภาคตะวันออกใช้ UTM 48N, EPSG:32648) ไม่มีการเขียนทับไฟล์ที่มีอยู่แล้ว",
    "Workspace GeoPackage": "ไฟล์ GeoPackage ของพื้นที่ทำงาน",
    "GeoPackage (*.gpkg)": "GeoPackage (*.gpkg)",
    "Municipality DOPA code (4 or 6 digits)": "รหัสกรมการปกครองของเทศบาล (4 หรือ 6 หลัก)",
    "Municipality name (default: the tambon/amphoe name)": "ชื่อเทศบาล (ค่าเริ่มต้น: ชื่อตำบล/อำเภอ)",
    "Workspace CRS (projected, metres)": "ระบบพิกัดของพื้นที่ทำงาน (ระบบฉาย หน่วยเมตร)",
    "QGIS project": "โครงการ QGIS",
    "Number of layers": "จำนวนชั้นข้อมูล",
    "tambon": "ตำบล",
    "amphoe/khet": "อำเภอ/เขต",
    "Municipality: {name} ({level} {code})": "เทศบาล: {name} ({level} {code})",
    "Storing default styles and Thai forms…": "กำลังบันทึกสัญลักษณ์และแบบฟอร์มภาษาไทย…",
    "Created {path}: {layers} layers, schema {version}, CRS {crs}; project {project}": "สร้าง {path} แล้ว: {layers} ชั้นข้อมูล โครงสร้างรุ่น {version} ระบบพิกัด {crs} โครงการ {project}",
    "Open CDDP workspace": "เปิดพื้นที่ทำงาน CDDP",
    "{path} is not a CDDP workspace.": "{path} ไม่ใช่พื้นที่ทำงาน CDDP",
    "There was no project beside the workspace; created {path}.": "ไม่พบโครงการข้างพื้นที่ทำงาน จึงสร้าง {path} ให้แล้ว",
    "Opened the workspace of {name}.": "เปิดพื้นที่ทำงานของ{name}แล้ว",
    "CDDP Workspace": "พื้นที่ทำงาน CDDP",
    "No CDDP workspace is open. Create one for your municipality or open an existing GeoPackage.": "ยังไม่ได้เปิดพื้นที่ทำงาน CDDP สร้างพื้นที่ทำงานใหม่สำหรับเทศบาลของคุณ หรือเปิดไฟล์ GeoPackage ที่มีอยู่",
    "Municipality": "เทศบาล",
    "DOPA code": "รหัสกรมการปกครอง",
    "CRS": "ระบบพิกัด",
    "Schema version": "รุ่นโครงสร้างข้อมูล",
    "Unsynced edits": "การแก้ไขที่ยังไม่ซิงก์",
    "File": "ไฟล์",
    "Layer": "ชั้นข้อมูล",
    "Features": "จำนวนรายการ",
    "Create…": "สร้าง…",
    "Create a new municipal workspace (GeoPackage and project)": "สร้างพื้นที่ทำงานใหม่ของเทศบาล (GeoPackage และโครงการ)",
    "Open…": "เปิด…",
    "Open an existing CDDP workspace GeoPackage": "เปิดไฟล์ GeoPackage พื้นที่ทำงาน CDDP ที่มีอยู่",
    "Refresh": "รีเฟรช",
    "The municipality's DOPA code is missing.": "ยังไม่ได้ระบุรหัสกรมการปกครองของเทศบาล",
    "'{code}' is not a DOPA code: expected 4 digits (amphoe/khet, e.g. 1007) or 6 digits (tambon, e.g. 330506).": "'{code}' ไม่ใช่รหัสกรมการปกครอง: ต้องเป็นตัวเลข 4 หลัก (อำเภอ/เขต เช่น 1007) หรือ 6 หลัก (ตำบล เช่น 330506)",
    "DOPA code {code}: {province} is not a Thai province code.": "รหัส {code}: {province} ไม่ใช่รหัสจังหวัดของไทย",
    "DOPA code {code} is not a known amphoe or tambon of {province}.": "ไม่พบรหัส {code} ในรายชื่ออำเภอหรือตำบลของจังหวัด{province}",
    "GDAL's Python bindings (osgeo) are not installed.": "ยังไม่ได้ติดตั้งไลบรารี GDAL สำหรับ Python (osgeo)",
    "Unknown coordinate reference system '{crs}'. Use e.g. EPSG:32647 (UTM 47N) or EPSG:32648 (UTM 48N).": "ไม่รู้จักระบบพิกัด '{crs}' ใช้ เช่น EPSG:32647 (UTM 47N) หรือ EPSG:32648 (UTM 48N)",
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
    "Choose where to save the workspace (.gpkg).": "เลือกตำแหน่งบันทึกพื้นที่ทำงาน (.gpkg)",
    "{path} already exists; CDDP never overwrites a project.": "มีไฟล์ {path} อยู่แล้ว CDDP ไม่เขียนทับโครงการเดิม",
    "QGIS could not open layer {layer} of {path}.": "QGIS ไม่สามารถเปิดชั้นข้อมูล {layer} ของ {path} ได้",
    "other / empty": "อื่น ๆ / ไม่ระบุ",
    "Allowed range: {lo}–{hi}": "ช่วงค่าที่อนุญาต: {lo}–{hi}",
    "Could not store the default style of {layer}: {error}": "ไม่สามารถบันทึกสัญลักษณ์เริ่มต้นของ {layer} ได้: {error}",
    "Relation {id} is not valid: {reason}": "ความสัมพันธ์ {id} ไม่ถูกต้อง: {reason}",
    "Could not write the project {path}: {error}": "ไม่สามารถเขียนโครงการ {path} ได้: {error}",
}


def main() -> int:
    tree = ET.parse(TS)
    missing = []
    for message in tree.getroot().iter("message"):
        source = message.find("source").text or ""
        translation = message.find("translation")
        if source in TH:
            translation.text = TH[source]
            translation.attrib.pop("type", None)
        elif translation.get("type") == "unfinished" or not translation.text:
            missing.append(source)
    tree.getroot().set("language", "th_TH")
    ET.indent(tree, "    ")
    tree.write(TS, encoding="utf-8", xml_declaration=True)
    with open(TS, "r+", encoding="utf-8") as f:  # keep Qt's doctype line
        text = f.read().replace("?>\n<TS", "?>\n<!DOCTYPE TS>\n<TS", 1)
        f.seek(0)
        f.write(text)
        f.truncate()
    for source in missing:
        print("untranslated:", source.replace("\n", " ")[:100])
    print(f"{TS.name}: {len(missing)} untranslated")
    return 0


if __name__ == "__main__":
    sys.exit(main())
