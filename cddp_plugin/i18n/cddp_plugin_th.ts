<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="th_TH">
<context>
    <name>CddpPlugin</name>
    <message>
        <source>CDDP</source>
        <translation>CDDP</translation>
    </message>
    <message>
        <source>Workspace panel</source>
        <translation>แผงพื้นที่ทำงาน</translation>
    </message>
    <message>
        <source>Create workspace…</source>
        <translation>สร้างพื้นที่ทำงาน…</translation>
    </message>
    <message>
        <source>Open workspace…</source>
        <translation>เปิดพื้นที่ทำงาน…</translation>
    </message>
    <message>
        <source>CDDP Processing tools</source>
        <translation>เครื่องมือประมวลผล CDDP</translation>
    </message>
    <message>
        <source>The Processing plugin is not enabled.</source>
        <translation>ยังไม่ได้เปิดใช้ปลั๊กอิน Processing</translation>
    </message>
</context>
<context>
    <name>CddpProvider</name>
    <message>
        <source>CDDP (City Digital Data Platform)</source>
        <translation>CDDP (แพลตฟอร์มข้อมูลเมืองดิจิทัล)</translation>
    </message>
</context>
<context>
    <name>CreateWorkspaceAlgorithm</name>
    <message>
        <source>Create municipal workspace</source>
        <translation>สร้างพื้นที่ทำงานของเทศบาล</translation>
    </message>
    <message>
        <source>Workspace</source>
        <translation>พื้นที่ทำงาน</translation>
    </message>
    <message>
        <source>Creates one GeoPackage for a municipality with every CDDP layer (parcels, households, residents, villages, roads, road sections, inspections and distresses, streetlights and faults, complaints, work orders and their events), value lists in Thai, default styles and forms, a change log that records every edit for sync, and a QGIS project beside it.

MUNICIPALITY_CODE is the DOPA code of the amphoe/khet (4 digits) or tambon (6 digits) the municipality covers. The CRS must be projected in metres (default WGS 84 / UTM 47N; use UTM 48N, EPSG:32648, in the east). An existing file is never overwritten.</source>
        <translation>สร้าง GeoPackage หนึ่งไฟล์ต่อเทศบาล ประกอบด้วยชั้นข้อมูล CDDP ทั้งหมด (แปลงที่ดิน ครัวเรือน ผู้อยู่อาศัย หมู่บ้าน ถนน ช่วงสำรวจถนน ผลการสำรวจและความเสียหายผิวทาง ไฟฟ้าสาธารณะและเหตุขัดข้อง เรื่องร้องเรียน ใบสั่งงานและประวัติ) พร้อมรายการค่าภาษาไทย สัญลักษณ์และแบบฟอร์มเริ่มต้น บันทึกการเปลี่ยนแปลงทุกครั้งสำหรับการซิงก์ และโครงการ QGIS ไว้ข้างไฟล์

MUNICIPALITY_CODE คือรหัสกรมการปกครองของอำเภอ/เขต (4 หลัก) หรือตำบล (6 หลัก) ที่เทศบาลดูแล ระบบพิกัดต้องเป็นระบบฉายแผนที่หน่วยเมตร (ค่าเริ่มต้น WGS 84 / UTM 47N; ภาคตะวันออกใช้ UTM 48N, EPSG:32648) ไม่มีการเขียนทับไฟล์ที่มีอยู่แล้ว</translation>
    </message>
    <message>
        <source>Workspace GeoPackage</source>
        <translation>ไฟล์ GeoPackage ของพื้นที่ทำงาน</translation>
    </message>
    <message>
        <source>GeoPackage (*.gpkg)</source>
        <translation>GeoPackage (*.gpkg)</translation>
    </message>
    <message>
        <source>Municipality DOPA code (4 or 6 digits)</source>
        <translation>รหัสกรมการปกครองของเทศบาล (4 หรือ 6 หลัก)</translation>
    </message>
    <message>
        <source>Municipality name (default: the tambon/amphoe name)</source>
        <translation>ชื่อเทศบาล (ค่าเริ่มต้น: ชื่อตำบล/อำเภอ)</translation>
    </message>
    <message>
        <source>Workspace CRS (projected, metres)</source>
        <translation>ระบบพิกัดของพื้นที่ทำงาน (ระบบฉาย หน่วยเมตร)</translation>
    </message>
    <message>
        <source>QGIS project</source>
        <translation>โครงการ QGIS</translation>
    </message>
    <message>
        <source>Number of layers</source>
        <translation>จำนวนชั้นข้อมูล</translation>
    </message>
    <message>
        <source>Municipality: {name} ({level} {code})</source>
        <translation>เทศบาล: {name} ({level} {code})</translation>
    </message>
    <message>
        <source>Storing default styles and Thai forms…</source>
        <translation>กำลังบันทึกสัญลักษณ์และแบบฟอร์มภาษาไทย…</translation>
    </message>
    <message>
        <source>Created {path}: {layers} layers, schema {version}, CRS {crs}; project {project}</source>
        <translation>สร้าง {path} แล้ว: {layers} ชั้นข้อมูล โครงสร้างรุ่น {version} ระบบพิกัด {crs} โครงการ {project}</translation>
    </message>
    <message>
        <source>tambon</source>
        <translation>ตำบล</translation>
    </message>
    <message>
        <source>amphoe/khet</source>
        <translation>อำเภอ/เขต</translation>
    </message>
</context>
<context>
    <name>WorkspaceDock</name>
    <message>
        <source>Open CDDP workspace</source>
        <translation>เปิดพื้นที่ทำงาน CDDP</translation>
    </message>
    <message>
        <source>GeoPackage (*.gpkg)</source>
        <translation>GeoPackage (*.gpkg)</translation>
    </message>
    <message>
        <source>{path} is not a CDDP workspace.</source>
        <translation>{path} ไม่ใช่พื้นที่ทำงาน CDDP</translation>
    </message>
    <message>
        <source>There was no project beside the workspace; created {path}.</source>
        <translation>ไม่พบโครงการข้างพื้นที่ทำงาน จึงสร้าง {path} ให้แล้ว</translation>
    </message>
    <message>
        <source>Opened the workspace of {name}.</source>
        <translation>เปิดพื้นที่ทำงานของ{name}แล้ว</translation>
    </message>
    <message>
        <source>CDDP Workspace</source>
        <translation>พื้นที่ทำงาน CDDP</translation>
    </message>
    <message>
        <source>No CDDP workspace is open. Create one for your municipality or open an existing GeoPackage.</source>
        <translation>ยังไม่ได้เปิดพื้นที่ทำงาน CDDP สร้างพื้นที่ทำงานใหม่สำหรับเทศบาลของคุณ หรือเปิดไฟล์ GeoPackage ที่มีอยู่</translation>
    </message>
    <message>
        <source>Workspace</source>
        <translation>พื้นที่ทำงาน</translation>
    </message>
    <message>
        <source>Municipality</source>
        <translation>เทศบาล</translation>
    </message>
    <message>
        <source>DOPA code</source>
        <translation>รหัสกรมการปกครอง</translation>
    </message>
    <message>
        <source>CRS</source>
        <translation>ระบบพิกัด</translation>
    </message>
    <message>
        <source>Schema version</source>
        <translation>รุ่นโครงสร้างข้อมูล</translation>
    </message>
    <message>
        <source>Unsynced edits</source>
        <translation>การแก้ไขที่ยังไม่ซิงก์</translation>
    </message>
    <message>
        <source>File</source>
        <translation>ไฟล์</translation>
    </message>
    <message>
        <source>Layer</source>
        <translation>ชั้นข้อมูล</translation>
    </message>
    <message>
        <source>Features</source>
        <translation>จำนวนรายการ</translation>
    </message>
    <message>
        <source>Create…</source>
        <translation>สร้าง…</translation>
    </message>
    <message>
        <source>Create a new municipal workspace (GeoPackage and project)</source>
        <translation>สร้างพื้นที่ทำงานใหม่ของเทศบาล (GeoPackage และโครงการ)</translation>
    </message>
    <message>
        <source>Open…</source>
        <translation>เปิด…</translation>
    </message>
    <message>
        <source>Open an existing CDDP workspace GeoPackage</source>
        <translation>เปิดไฟล์ GeoPackage พื้นที่ทำงาน CDDP ที่มีอยู่</translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation>รีเฟรช</translation>
    </message>
</context>
<context>
    <name>core</name>
    <message>
        <source>The municipality&apos;s DOPA code is missing.</source>
        <translation>ยังไม่ได้ระบุรหัสกรมการปกครองของเทศบาล</translation>
    </message>
    <message>
        <source>&apos;{code}&apos; is not a DOPA code: expected 4 digits (amphoe/khet, e.g. 1007) or 6 digits (tambon, e.g. 330506).</source>
        <translation>'{code}' ไม่ใช่รหัสกรมการปกครอง: ต้องเป็นตัวเลข 4 หลัก (อำเภอ/เขต เช่น 1007) หรือ 6 หลัก (ตำบล เช่น 330506)</translation>
    </message>
    <message>
        <source>DOPA code {code}: {province} is not a Thai province code.</source>
        <translation>รหัส {code}: {province} ไม่ใช่รหัสจังหวัดของไทย</translation>
    </message>
    <message>
        <source>DOPA code {code} is not a known amphoe or tambon of {province}.</source>
        <translation>ไม่พบรหัส {code} ในรายชื่ออำเภอหรือตำบลของจังหวัด{province}</translation>
    </message>
    <message>
        <source>GDAL&apos;s Python bindings (osgeo) are not installed.</source>
        <translation>ยังไม่ได้ติดตั้งไลบรารี GDAL สำหรับ Python (osgeo)</translation>
    </message>
    <message>
        <source>Unknown coordinate reference system &apos;{crs}&apos;. Use e.g. EPSG:32647 (UTM 47N) or EPSG:32648 (UTM 48N).</source>
        <translation>ไม่รู้จักระบบพิกัด '{crs}' ใช้ เช่น EPSG:32647 (UTM 47N) หรือ EPSG:32648 (UTM 48N)</translation>
    </message>
    <message>
        <source>The workspace CRS must be projected in metres (areas in rai, lengths in metres); &apos;{crs}&apos; is geographic. Use EPSG:32647 (UTM 47N) or EPSG:32648 (UTM 48N).</source>
        <translation>ระบบพิกัดของพื้นที่ทำงานต้องเป็นระบบฉายหน่วยเมตร (เนื้อที่เป็นไร่ ความยาวเป็นเมตร) แต่ '{crs}' เป็นพิกัดภูมิศาสตร์ ใช้ EPSG:32647 (UTM 47N) หรือ EPSG:32648 (UTM 48N)</translation>
    </message>
    <message>
        <source>The workspace CRS must use metres; &apos;{crs}&apos; uses {unit}.</source>
        <translation>ระบบพิกัดของพื้นที่ทำงานต้องใช้หน่วยเมตร แต่ '{crs}' ใช้หน่วย {unit}</translation>
    </message>
    <message>
        <source>The workspace file must end in .gpkg: {path}</source>
        <translation>ไฟล์พื้นที่ทำงานต้องมีนามสกุล .gpkg: {path}</translation>
    </message>
    <message>
        <source>{path} is already a CDDP workspace ({name}, DOPA {code}, schema {version}). Open it instead; CDDP never overwrites a workspace.</source>
        <translation>{path} เป็นพื้นที่ทำงาน CDDP อยู่แล้ว ({name} รหัส {code} โครงสร้างรุ่น {version}) ให้เปิดไฟล์นี้แทน CDDP ไม่เขียนทับพื้นที่ทำงานเดิม</translation>
    </message>
    <message>
        <source>{path} already exists and is not a CDDP workspace. Choose a new file name; nothing was changed.</source>
        <translation>มีไฟล์ {path} อยู่แล้วและไม่ใช่พื้นที่ทำงาน CDDP กรุณาตั้งชื่อไฟล์ใหม่ ไม่มีการเปลี่ยนแปลงใด ๆ</translation>
    </message>
    <message>
        <source>The folder {folder} does not exist.</source>
        <translation>ไม่พบโฟลเดอร์ {folder}</translation>
    </message>
    <message>
        <source>Cannot write to the folder {folder} (permission denied).</source>
        <translation>ไม่สามารถเขียนลงโฟลเดอร์ {folder} ได้ (ไม่มีสิทธิ์)</translation>
    </message>
    <message>
        <source>GDAL could not add the value list {name}.</source>
        <translation>GDAL ไม่สามารถเพิ่มรายการค่า {name} ได้</translation>
    </message>
    <message>
        <source>{path} appeared while the workspace was being built; nothing was overwritten.</source>
        <translation>มีไฟล์ {path} เกิดขึ้นระหว่างการสร้างพื้นที่ทำงาน ไม่มีการเขียนทับ</translation>
    </message>
    <message>
        <source>Cannot write {path}: {error}</source>
        <translation>ไม่สามารถเขียน {path} ได้: {error}</translation>
    </message>
    <message>
        <source>{path} is not a CDDP workspace.</source>
        <translation>{path} ไม่ใช่พื้นที่ทำงาน CDDP</translation>
    </message>
    <message>
        <source>Choose where to save the workspace (.gpkg).</source>
        <translation>เลือกตำแหน่งบันทึกพื้นที่ทำงาน (.gpkg)</translation>
    </message>
    <message>
        <source>{path} already exists; CDDP never overwrites a project.</source>
        <translation>มีไฟล์ {path} อยู่แล้ว CDDP ไม่เขียนทับโครงการเดิม</translation>
    </message>
    <message>
        <source>QGIS could not open layer {layer} of {path}.</source>
        <translation>QGIS ไม่สามารถเปิดชั้นข้อมูล {layer} ของ {path} ได้</translation>
    </message>
    <message>
        <source>Allowed range: {lo}–{hi}</source>
        <translation>ช่วงค่าที่อนุญาต: {lo}–{hi}</translation>
    </message>
    <message>
        <source>Could not store the default style of {layer}: {error}</source>
        <translation>ไม่สามารถบันทึกสัญลักษณ์เริ่มต้นของ {layer} ได้: {error}</translation>
    </message>
    <message>
        <source>Relation {id} is not valid: {reason}</source>
        <translation>ความสัมพันธ์ {id} ไม่ถูกต้อง: {reason}</translation>
    </message>
    <message>
        <source>Could not write the project {path}: {error}</source>
        <translation>ไม่สามารถเขียนโครงการ {path} ได้: {error}</translation>
    </message>
    <message>
        <source>GDAL could not create {path}: {error}</source>
        <translation>GDAL ไม่สามารถสร้าง {path} ได้: {error}</translation>
    </message>
</context>
</TS>
