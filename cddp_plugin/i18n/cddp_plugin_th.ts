<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="th_TH">
<context>
    <name>CddpAlgorithm</name>
    <message>
        <source>CDDP workspace (default: the open project&apos;s)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
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
    <name>FloodImpactAlgorithm</name>
    <message>
        <source>Hazard impact on parcels and households</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Parcels and households</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>For a hazard polygon layer (e.g. a flood extent), lists the affected parcels (with the flooded area), the affected households (by location, or through the parcel they are linked to) with counts of residents, elderly (60+), bedridden, homebound and disabled people and those without a caretaker, a table per village (หมู่) and a summary.

Owner and resident names are included only when INCLUDE_PERSONAL_DATA is ticked; each such run is recorded in the workspace's personal-data log (who, when, what), as PDPA requires.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Hazard area (polygons)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Include owner and resident names (personal data, logged)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Affected parcels</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Affected households</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Impact per village</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Impact summary</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Affected: {p} parcels ({a:,.0f} m² flooded), {h} households ({hl} by location, {hp} through their parcel).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Residents affected: {r}; elderly {e}, bedridden {b}, homebound {hb}, disabled {d}, dependent without caretaker {nc}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Personal data included; this run was recorded in the workspace&apos;s personal-data log.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ImportHouseholdsAlgorithm</name>
    <message>
        <source>Import households</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Parcels and households</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Imports households from a civil-registry or survey file — CSV (UTF-8 with or without BOM, or TIS-620/cp874), XLSX — or from a point (or building polygon) layer into the workspace.

House codes (รหัสประจำบ้าน, 11 digits) are checked; house numbers are normalised (๑๒๓/๔ → 123/4; 'บ้านเลขที่ 52 ม.10' → 52, หมู่ 10); coordinates may be lat/lon or projected x/y (then set SOURCE_CRS). Rows that cannot be used go to REJECTED with the reason; nothing is dropped silently. Importing again updates households with the same house code.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Household file (CSV, XLSX, GeoPackage, GeoJSON…)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>…or a household point layer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Field mapping (target=source; …)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Source CRS of x/y coordinates or of a layer without one</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rejected rows</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Read {path} as {encoding}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Field mapping: {mapping}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{read} rows read, {inserted} added, {updated} updated, {rejected} rejected, {noloc} without location.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{n} rows were rejected; see the REJECTED output for each reason.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ImportParcelsAlgorithm</name>
    <message>
        <source>Import parcels</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Parcels and households</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Imports land parcels from tax-map (แผนที่ภาษี) or DOL data — GeoJSON, Shapefile, GeoPackage, any CRS including Indian 1975 (moved with the pinned EPSG:1812 shift) — into the workspace's parcels layer.

Fields are found by their usual names (parcel_code, zone/block/lot, land_no, survey, Mapsheet, land_type, owner…); FIELD_MAP overrides them, e.g. parcel_code=PCODE; land_no=LANDNO. Areas are computed in m² and rai-ngan-square wa; invalid geometries are repaired and listed; duplicated parcel codes are reported. Importing the same data again updates the parcels instead of duplicating them.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Parcels</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Field mapping (target=source; …)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Source CRS, if the layer&apos;s is missing or wrong</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rejected parcels</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reading {layer}…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Field mapping: {mapping}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{read} read, {inserted} added, {updated} updated, {rejected} rejected.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Repaired {n} invalid geometries: {codes}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{n} parcel codes appear more than once: {codes}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rejected {parcel}: {reason}</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>LinkHouseholdsAlgorithm</name>
    <message>
        <source>Link households to parcels</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Parcels and households</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Links each household point to the land parcel it stands on and explains the link: parcel_id, link_method (within, nearest, code, house_number, manual), link_confidence (0–1), link_distance_m and, when it is ambiguous, link_candidates.

A point inside one parcel scores high, lower near its boundary; a point outside every parcel (e.g. on the road in front of the house) is linked to the nearest parcel within MAX_DISTANCE and scores lower the closer the parcel across the road is. Tax-map codes (parcel_code, or building codes like 20F026-B002) and house numbers are used when the layers carry them. Manual links are never overwritten.

When HOUSEHOLDS is the workspace's households layer, the links are written into it (through the change log).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Households (points)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Parcels (polygons)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Parcel id field (default: uuid, else the first unique field)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Largest distance to a parcel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Write the links into the workspace&apos;s households layer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Linked households</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unlinked households</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reading households and parcels…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{n} parcels have invalid geometry and were repaired for linking (not in the data).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Linking {n} households to {m} parcels (largest distance {d:g} m)…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Workspace households updated: {n} links changed (recorded in the change log).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Linked {linked} of {n} households ({pct:.1f} %).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>  by {method}: {count} ({pct:.1f} %)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>  not linked, {reason}: {count}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Confidence: {bins}; ambiguous: {amb}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Notes: {notes}</source>
        <translation type="unfinished"></translation>
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
    <message>
        <source>Row {row}: the location is missing; expected {expected}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Row {row}: the location &apos;{lon}&apos;, &apos;{lat}&apos; is not two numbers; expected {expected}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Row {row}: longitude {lon}, latitude {lat} is outside Thailand (longitude {lon_min}–{lon_max}, latitude {lat_min}–{lat_max}); the two values look swapped.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Row {row}: longitude {lon}, latitude {lat} is outside Thailand (longitude {lon_min}–{lon_max}, latitude {lat_min}–{lat_max}).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Row {row}: the time &apos;{field}&apos; is empty.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Row {row}: &apos;{value}&apos; in &apos;{field}&apos; is not a date and time; expected e.g. 2026-05-12 14:30:00+07:00, 2026-05-12T07:30:00Z or 12/05/2569 14:30.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Row {row}: &apos;coords&apos; has {count} values; expected [longitude, latitude].</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Row {row}: &apos;coords&apos; is &apos;{value}&apos;; expected &apos;longitude,latitude&apos;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Row {row}: the state &apos;{value}&apos; is not known; imported without a status (kept as &apos;{value}&apos;).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Row {row}: the reference number (ref_id / เลขที่เรื่อง) is empty.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Row {row}: the channel &apos;{value}&apos; is not one of {allowed}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Row {row}: the status &apos;{value}&apos; is not one of {allowed}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The file {name} is neither UTF-8 nor Thai Windows (TIS-620/cp874) text.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The file {name} is not valid CSV: {error} (line {line}).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The file {name} is empty.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The file {name} is not valid JSON: {error} at line {line}, column {column}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The Open311 server answered with an error instead of requests: {code} {description}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The file {name} is JSON but not a complaint format this plugin reads: expected Traffy Fondue API results (ticket_id, coords), Open311 GeoReport v2 requests (service_request_id) or a GeoJSON FeatureCollection of either.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The file {name} is not a complaint format this plugin reads. A CSV needs the Traffy Fondue dump columns ({traffy}) or the LINE/E-Node template columns ({template_columns}); its first line has: {columns}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The LINE/E-Node file {name} lacks the required column(s) {missing}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The Traffy Fondue file {name} lacks the column(s) {missing}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Row {row} (line {line}): {count} fields, but the header has {expected}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Row {row}: same {source} id as row {first}; its newer state was merged into that row.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Row {row}: the geometry is a {type}; expected a Point.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Row {row}: expected a JSON object with the complaint&apos;s fields.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Row {row}: a {found} record in a file of {expected} records; import each format from its own file.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot read the complaints file {path}: {error}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot merge complaint {incoming} into a different complaint {existing}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{layer} has no coordinate reference system. Set the source CRS (e.g. EPSG:4326 for GPS coordinates, EPSG:24047 for DOL data in Indian 1975 / UTM 47N).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{layer}: its coordinates fall outside Thailand when read as {crs} (longitude {minx:.3f}…{maxx:.3f}, latitude {miny:.3f}…{maxy:.3f}). The layer's CRS is probably wrong; set the source CRS.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Field &apos;{field}&apos; (for {target}) is not in the input; its fields are: {fields}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Field mapping &apos;{part}&apos; must look like target=source_field.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{path} is neither UTF-8 nor TIS-620 (cp874) text.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot read the spreadsheet {path}: {error}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{path} is empty.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{path} is not a readable CSV file: {error}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{path} has only one column ({column}); expected a CSV with a header row such as house_code,house_no,village_no,lat,lon.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{layer} has no rows.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{layer}: found neither coordinates (lat/lon or x/y) nor house codes or house numbers among its fields: {fields}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{layer} has projected coordinates ({x}, {y}); set the source CRS (e.g. EPSG:32647 or EPSG:24047).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Row {row}: duplicate house code {code} (first at row {first}).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Row {row}: village number &apos;{value}&apos; is not a number from 1 to 99.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Row {row}: geometry is not a point or polygon.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Row {row}: coordinates &apos;{x}&apos;, &apos;{y}&apos; are incomplete or not numbers.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Row {row}: latitude and longitude look swapped ({lat}, {lon}).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Row {row}: coordinates ({lat}, {lon}) are outside Thailand.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Row {row}: no location, house code or house number: nothing to link.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Row {row}: house code '{code}' must have 11 digits (รหัสประจำบ้าน).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{layer} has no features.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{layer}: no parcel identifier found. Map parcel_code (or zone, block and lot, or land_no) to one of its fields: {fields}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no geometry</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>empty geometry</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>invalid geometry that cannot be repaired into a polygon</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>not a polygon</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The PASER rating is missing; use a whole number from 1 (failed) to 10 (excellent).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>PASER rating {value} is not a whole number; use a whole number from 1 (failed) to 10 (excellent).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>PASER rating {value} is outside 1–10; use 1 (failed) to 10 (excellent).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Language {value} is not available for PASER descriptions; use th or en.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Distress record {record} of sample unit {unit}: the distress type is missing; use a whole number from 1 to 19 (ASTM D6433 asphalt distresses).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Distress record {record} of sample unit {unit}: distress type {value} is not a whole number; use 1 to 19 (ASTM D6433 asphalt distresses).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Distress record {record} of sample unit {unit}: distress type {value} is not an ASTM D6433 asphalt distress; use 1 to 19.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Distress record {record} of sample unit {unit} ({type} {name}): the severity is missing; use L (low), M (medium) or H (high).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Distress record {record} of sample unit {unit} ({type} {name}): severity {value} is not L (low), M (medium) or H (high).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Distress record {record} of sample unit {unit} ({type} {name}): the quantity is missing.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Distress record {record} of sample unit {unit} ({type} {name}): quantity {value} is not a number.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Distress record {record} of sample unit {unit} ({type} {name}): quantity {value} must be greater than zero.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Distress record {record} of sample unit {unit} ({type} {name}): quantity unit {value} is not m2, m or count.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Distress record {record} of sample unit {unit} ({type} {name}): quantity unit {value} does not fit; this distress is measured in {expected}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sample unit {unit}: the sample area is missing.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sample unit {unit}: sample area {value} is not a number.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sample unit {unit}: sample area {value} m² must be greater than zero.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sample unit {unit}: {type} {name}, severity {severity}, adds up to {quantity} {measure} on {area} m², a density of {density} %; a density cannot exceed 100 %. Check the quantities, their unit and the sample area.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Distress record {record} refers to sample unit {unit}, which is not among the sample units given.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Distress record {record} refers to sample unit number {value}; use a whole number from 0 to {last} (the position of its area).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The distress columns have different lengths ({lengths}); give one value per distress record.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{count} sample areas were given for {expected} PCI values; give one area per sample unit.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{count} sample unit ids were given for {expected} sample units; give one id per sample unit.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{count} record ids were given for {expected} distress records; give one id per record.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Distress type {value} is not an ASTM D6433 asphalt distress; use a whole number from 1 to 19.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Severity {value} is not L (low), M (medium) or H (high).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Density {value} % is not a number greater than 0 and at most 100.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>q = {value} is not a valid number of deduct values above 2; use a whole number of at least 1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Total deduct value {value} is not a number of 0 or more.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>PCI {value} is not a number from 0 to 100.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sample unit {unit}: PCI {value} is not a number from 0 to 100.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Condition band {value} is not one of good, satisfactory, fair, poor, very_poor, serious, failed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A section PCI needs at least one inspected sample unit.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The number of sample units in the section must be a whole number of at least 1, not {value}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Surface {value} has no standard deviation for the sample size; use asphalt (s = 10) or concrete (s = 15), or give the standard deviation.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The acceptable error {value} must be a number greater than zero (PCI points).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The standard deviation {value} must be a number greater than zero (PCI points).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Work order {order}: &apos;{value}&apos; in {field} is not a date and time.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Work order {order}: {field} &apos;{value}&apos; is not one of {allowed}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Work order {order}: &apos;{value}&apos; is not a SHA-256 photo hash (64 hexadecimal characters).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&apos;{value}&apos; is not a work-order status; expected one of {allowed}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>SLA setting: &apos;{priority}&apos; is not a priority; expected one of {allowed}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>SLA setting for {priority}: &apos;{value}&apos; is not a target; use hours (e.g. 4h) or working days (e.g. 5wd).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Holiday &apos;{value}&apos; is not a date; expected YYYY-MM-DD, e.g. 2026-04-13.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&apos;{value}&apos; is not a priority; expected one of {allowed}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Work order {order}: who made the change is missing (actor).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Work order {order}: the field &apos;{field}&apos; cannot be changed here; status, number, due time, lifecycle times and sync fields are set by the lifecycle.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A new work order needs a title.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Work order {order}: its status &apos;{value}&apos; is not a work-order status; expected one of {allowed}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Work order {order}: &apos;{value}&apos; is not a work-order status; expected one of {allowed}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Work order {order}: cannot change status from {from_status} to {to_status}; allowed next: {allowed}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Work order {order}: cannot change status from {from_status} to {to_status}; {from_status} is final, no change is allowed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Work order {order} has no uuid; save it before changing its status.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Work order {order}: changing status from {from_status} to {to_status} needs a note saying why.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Work order {order}: the change to {to_status} at {at} is earlier than its {field} ({value}).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Work order {order}: to assign it, give a team or an assignee.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No CDDP workspace: open a workspace project or set the WORKSPACE parameter.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The hazard layer is required.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{layer} has no coordinate reference system; set one in its properties.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{layer} has no hazard polygons.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Give either a household file or a household layer (exactly one).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>File not found: {path}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot read {path}: {error}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The parcels layer could not be opened.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The households and parcels layers are required.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{layer} has no parcels.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot choose a metric CRS for {layer}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Parcel id field &apos;{field}&apos; is not in {layer}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Parcel id field &apos;{field}&apos; of {layer} is empty for {n} parcels.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Parcel id field &apos;{field}&apos; of {layer} is not unique ({n} repeated values, e.g. {examples}); choose a unique field.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
</TS>
