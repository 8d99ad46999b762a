<?xml version='1.0' encoding='utf-8'?>
<!DOCTYPE TS>
<TS version="2.1" language="th_TH">
    <context>
        <name>CddpAlgorithm</name>
        <message>
            <source>CDDP workspace (default: the open project's)</source>
            <translation>พื้นที่ทำงาน CDDP (ค่าเริ่มต้น: ของโครงการที่เปิดอยู่)</translation>
        </message>
        <message>
            <source>Field mapping (target=source; …)</source>
            <translation>การจับคู่ฟิลด์ (target=source; …)</translation>
        </message>
        <message>
            <source>Source CRS, if the layer's is missing or wrong</source>
            <translation>ระบบพิกัดต้นทาง หากชั้นข้อมูลไม่มีระบบพิกัดหรือระบุไว้ไม่ถูกต้อง</translation>
        </message>
        <message>
            <source>Workspace</source>
            <translation>พื้นที่ทำงาน</translation>
        </message>
        <message>
            <source>Parcels and households</source>
            <translation>แปลงที่ดินและครัวเรือน</translation>
        </message>
        <message>
            <source>Roads and streetlights</source>
            <translation>ถนนและไฟฟ้าสาธารณะ</translation>
        </message>
        <message>
            <source>Work orders and complaints</source>
            <translation>ใบสั่งงานและเรื่องร้องเรียน</translation>
        </message>
        <message>
            <source>Not checked against the municipality's area: the workspace does not know where it is yet.</source>
            <translation>ยังไม่ได้ตรวจสอบกับพื้นที่ของเทศบาล เพราะพื้นที่ทำงานยังไม่มีข้อมูลตำแหน่งของเทศบาล</translation>
        </message>
        <message>
            <source>{title} ({name}) is required.</source>
            <translation>ต้องระบุ {title} ({name})</translation>
        </message>
        <message>
            <source>{title} ({name}) must be a number; got '{value}'.</source>
            <translation>{title} ({name}) ต้องเป็นตัวเลข แต่ได้รับ '{value}'</translation>
        </message>
        <message>
            <source>{title} ({name}) must be a whole number; got {value}.</source>
            <translation>{title} ({name}) ต้องเป็นจำนวนเต็ม แต่ได้รับ {value}</translation>
        </message>
        <message>
            <source>{title} ({name}) is {value}; it must be at least {low:g}.</source>
            <translation>{title} ({name}) เป็น {value} ต้องมีค่าอย่างน้อย {low:g}</translation>
        </message>
        <message>
            <source>{title} ({name}) is {value}; it must be between {low:g} and {high:g}.</source>
            <translation>{title} ({name}) เป็น {value} ต้องอยู่ระหว่าง {low:g} ถึง {high:g}</translation>
        </message>
        <message>
            <source>{title} ({name}) is '{value}'; choose one of {choices}.</source>
            <translation>{title} ({name}) เป็น '{value}' ให้เลือกหนึ่งใน {choices}</translation>
        </message>
        <message>
            <source>{title} ({name}): {path} does not exist, and no layer of the project has that name.</source>
            <translation>{title} ({name}): ไม่พบ {path} และไม่มีชั้นข้อมูลในโครงการที่ชื่อนี้</translation>
        </message>
        <message>
            <source>{title} ({name}): {path} cannot be opened as a layer of that kind. Open it in QGIS to check it, or export it again.</source>
            <translation>{title} ({name}): เปิด {path} เป็นชั้นข้อมูลชนิดนี้ไม่ได้ ให้เปิดใน QGIS เพื่อตรวจสอบ หรือส่งออกใหม่อีกครั้ง</translation>
        </message>
        <message>
            <source>The cancel came after the run had finished its work: its results are kept (and written to the workspace, if it writes one).</source>
            <translation>คำสั่งยกเลิกมาถึงหลังจากการทำงานเสร็จแล้ว จึงเก็บผลลัพธ์ไว้ (และบันทึกลงพื้นที่ทำงานแล้ว หากอัลกอริทึมนี้บันทึกข้อมูล)</translation>
        </message>
        <message>
            <source>Cancelled by the user. The workspace was not changed; run the algorithm again when ready.</source>
            <translation>ผู้ใช้ยกเลิกการทำงาน ไม่มีการเปลี่ยนแปลงข้อมูลในพื้นที่ทำงาน เรียกใช้อัลกอริทึมอีกครั้งเมื่อพร้อม</translation>
        </message>
        <message>
            <source>Council maps and reports</source>
            <translation>แผนที่และรายงานสำหรับสภา</translation>
        </message>
    </context>
    <context>
        <name>CddpDependencies</name>
        <message>
            <source>CDDP needs Python packages that this QGIS does not have: {packages}. Install them with CDDP ▸ Install Python packages… (or the Processing tool 'Install Python packages'): they go into your QGIS profile, no administrator rights are needed, and QGIS need not be restarted.</source>
            <translation>CDDP ต้องใช้แพ็กเกจ Python ที่ QGIS นี้ยังไม่มี: {packages} ติดตั้งได้ที่เมนู CDDP ▸ ติดตั้งแพ็กเกจ Python… (หรือเครื่องมือประมวลผล 'ติดตั้งแพ็กเกจ Python') แพ็กเกจจะติดตั้งลงในโปรไฟล์ QGIS ของผู้ใช้ ไม่ต้องใช้สิทธิ์ผู้ดูแลระบบ และไม่ต้องเปิด QGIS ใหม่</translation>
        </message>
        <message>
            <source>needs Python packages this QGIS lacks: {packages}. Install them into your QGIS profile (no administrator rights, no restart):</source>
            <translation>ต้องใช้แพ็กเกจ Python ที่ QGIS นี้ยังไม่มี: {packages} ติดตั้งลงในโปรไฟล์ QGIS ของคุณ (ไม่ต้องใช้สิทธิ์ผู้ดูแลระบบ ไม่ต้องเปิด QGIS ใหม่):</translation>
        </message>
        <message>
            <source>This QGIS lacks {modules}, which QGIS itself must provide (a copy from pip would bring a second GDAL or PROJ into QGIS). Reinstall QGIS with its Python packages (OSGeo4W: python3-numpy, python3-pyproj, python3-gdal; Debian/Ubuntu: python3-qgis).</source>
            <translation>QGIS นี้ไม่มี {modules} ซึ่งต้องมาพร้อมกับ QGIS เอง (หากติดตั้งจาก pip จะมี GDAL หรือ PROJ ชุดที่สองเข้ามาใน QGIS) กรุณาติดตั้ง QGIS ใหม่พร้อมแพ็กเกจ Python ของ QGIS (OSGeo4W: python3-numpy, python3-pyproj, python3-gdal; Debian/Ubuntu: python3-qgis)</translation>
        </message>
        <message>
            <source>The wheel folder {folder} does not exist.</source>
            <translation>ไม่พบโฟลเดอร์ไฟล์ wheel {folder}</translation>
        </message>
        <message>
            <source>Cannot find the Python {version} interpreter of this QGIS to run pip. On Windows, open the OSGeo4W Shell and run: python -m pip install --target "{folder}" {packages}</source>
            <translation>ไม่พบโปรแกรม Python {version} ของ QGIS นี้สำหรับเรียก pip บน Windows ให้เปิด OSGeo4W Shell แล้วสั่ง: python -m pip install --target "{folder}" {packages}</translation>
        </message>
        <message>
            <source>The Python of this QGIS ({python}) has no pip. Install it (Debian/Ubuntu: sudo apt install python3-pip; OSGeo4W: the python3-pip package), then try again.</source>
            <translation>Python ของ QGIS นี้ ({python}) ไม่มี pip กรุณาติดตั้งก่อน (Debian/Ubuntu: sudo apt install python3-pip; OSGeo4W: แพ็กเกจ python3-pip) แล้วลองอีกครั้ง</translation>
        </message>
        <message>
            <source>Installing the Python packages was cancelled; nothing is in use yet.</source>
            <translation>ยกเลิกการติดตั้งแพ็กเกจ Python แล้ว ยังไม่มีแพ็กเกจใดถูกนำมาใช้</translation>
        </message>
        <message>
            <source>pip could not install {packages} (exit code {code}). Its last words:
{output}
Without internet access, download the wheels on another computer and give their folder to 'Install Python packages'.</source>
            <translation>pip ติดตั้ง {packages} ไม่สำเร็จ (รหัสออก {code}) ข้อความสุดท้าย:
{output}
หากไม่มีอินเทอร์เน็ต ให้ดาวน์โหลดไฟล์ wheel จากคอมพิวเตอร์เครื่องอื่น แล้วระบุโฟลเดอร์นั้นใน 'ติดตั้งแพ็กเกจ Python'</translation>
        </message>
        <message>
            <source>The packages are installed, but this QGIS session already loaded an older {packages}: restart QGIS once.</source>
            <translation>ติดตั้งแพ็กเกจแล้ว แต่ QGIS ที่เปิดอยู่ได้โหลด {packages} รุ่นเก่าไว้ก่อน กรุณาเปิด QGIS ใหม่หนึ่งครั้ง</translation>
        </message>
        <message>
            <source>pip finished, but {packages} still cannot be imported from {folder}.</source>
            <translation>pip ทำงานเสร็จแล้ว แต่ยังนำเข้า {packages} จาก {folder} ไม่ได้</translation>
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
        <message>
            <source>Parcel &amp; household inspector</source>
            <translation>ตรวจดูแปลงที่ดินและครัวเรือน</translation>
        </message>
        <message>
            <source>Work orders</source>
            <translation>ใบสั่งงานซ่อมบำรุง</translation>
        </message>
        <message>
            <source>Version {version}</source>
            <translation>รุ่น {version}</translation>
        </message>
        <message>
            <source>Licence: {licence}</source>
            <translation>สัญญาอนุญาต: {licence}</translation>
        </message>
        <message>
            <source>Homepage: {url}</source>
            <translation>เว็บไซต์: {url}</translation>
        </message>
        <message>
            <source>Report a problem: {url}</source>
            <translation>แจ้งปัญหา: {url}</translation>
        </message>
        <message>
            <source>Help</source>
            <translation>คู่มือการใช้งาน</translation>
        </message>
        <message>
            <source>About</source>
            <translation>เกี่ยวกับ</translation>
        </message>
        <message>
            <source>The user guide {path} is missing; reinstall the plugin.</source>
            <translation>ไม่พบคู่มือการใช้งาน {path} โปรดติดตั้งปลั๊กอินใหม่</translation>
        </message>
        <message>
            <source>About CDDP for QGIS</source>
            <translation>เกี่ยวกับ CDDP for QGIS</translation>
        </message>
        <message>
            <source>Install Python packages…</source>
            <translation>ติดตั้งแพ็กเกจ Python…</translation>
        </message>
        <message>
            <source>Language / ภาษา</source>
            <translation>ภาษา / Language</translation>
        </message>
        <message>
            <source>Follow QGIS's language</source>
            <translation>ตามภาษาของ QGIS</translation>
        </message>
        <message>
            <source>CDDP now speaks {language}: menus, panels and Processing tools. Projects created from now on name their layers and fields in it; projects already saved keep their names.</source>
            <translation>CDDP ใช้{language}แล้ว ทั้งเมนู แผงเครื่องมือ และเครื่องมือประมวลผล โครงการที่สร้างต่อจากนี้จะตั้งชื่อชั้นข้อมูลและฟิลด์เป็นภาษานี้ ส่วนโครงการที่บันทึกไว้แล้วยังคงใช้ชื่อเดิม</translation>
        </message>
        <message>
            <source>The Python packages are installed; CDDP is ready.</source>
            <translation>ติดตั้งแพ็กเกจ Python แล้ว CDDP พร้อมใช้งาน</translation>
        </message>
        <message>
            <source>Council maps…</source>
            <translation>แผนที่สำหรับสภา…</translation>
        </message>
        <message>
            <source>Sync now</source>
            <translation>ซิงก์เดี๋ยวนี้</translation>
        </message>
        <message>
            <source>Sync settings…</source>
            <translation>ตั้งค่าการซิงก์…</translation>
        </message>
        <message>
            <source>Sync conflicts</source>
            <translation>ข้อขัดแย้งจากการซิงก์</translation>
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
        <name>ChangeWorkOrderAlgorithm</name>
        <message>
            <source>Change a work order's status</source>
            <translation>เปลี่ยนสถานะใบสั่งงาน</translation>
        </message>
        <message>
            <source>Moves one work order (ORDER: its number such as WO-2569-00042, or its uuid) to STATUS, as the buttons of the Work orders dock do: only allowed changes (new → triaged → assigned → in progress ⇄ on hold → completed → verified → closed, plus cancelled and duplicate); cancelling, marking a duplicate and sending a completed order back need a NOTE; assigning needs a TEAM or ASSIGNEE. AT back-dates the change (e.g. from a paper job sheet; Bangkok time when no offset is given) but never before the order's earlier steps. The change is recorded in the work-order history and the linked complaints follow (in progress, finished), through the change log. Phone numbers are removed from the note.</source>
            <translation>ย้ายใบสั่งงานหนึ่งใบ (ORDER: เลขที่ เช่น WO-2569-00042 หรือ uuid) ไปเป็นสถานะ STATUS เหมือนปุ่มในแผงใบสั่งงาน: เปลี่ยนได้เฉพาะตามขั้นตอน (ใหม่ → คัดกรองแล้ว → มอบหมายแล้ว → กำลังดำเนินการ ⇄ พักงาน → ซ่อมเสร็จ → ตรวจรับแล้ว → ปิดงาน และยกเลิก ซ้ำ) การยกเลิก การระบุว่าซ้ำ และการส่งงานที่เสร็จแล้วกลับไปแก้ไข ต้องมีบันทึก (NOTE) การมอบหมายต้องระบุทีมช่าง (TEAM) หรือผู้รับผิดชอบ (ASSIGNEE) AT ใช้ลงเวลาย้อนหลัง (เช่น จากใบงานกระดาษ; เวลากรุงเทพฯ หากไม่ระบุเขตเวลา) แต่ต้องไม่ก่อนขั้นตอนก่อนหน้าของใบสั่งงาน การเปลี่ยนแปลงบันทึกในประวัติใบสั่งงาน และสถานะเรื่องร้องเรียนที่ผูกไว้จะเปลี่ยนตาม (กำลังดำเนินการ เสร็จสิ้น) ผ่านบันทึกการเปลี่ยนแปลง เบอร์โทรศัพท์ในบันทึกจะถูกลบออก</translation>
        </message>
        <message>
            <source>Work order number or uuid</source>
            <translation>เลขที่ใบสั่งงานหรือ uuid</translation>
        </message>
        <message>
            <source>New status</source>
            <translation>สถานะใหม่</translation>
        </message>
        <message>
            <source>Note</source>
            <translation>บันทึก</translation>
        </message>
        <message>
            <source>Team</source>
            <translation>ทีมช่าง</translation>
        </message>
        <message>
            <source>Assignee</source>
            <translation>ผู้รับผิดชอบ</translation>
        </message>
        <message>
            <source>When (empty: now; e.g. 2026-11-20 14:30)</source>
            <translation>เวลา (ว่าง: ขณะนี้ เช่น 2026-11-20 14:30)</translation>
        </message>
        <message>
            <source>Work order</source>
            <translation>ใบสั่งงาน</translation>
        </message>
        <message>
            <source>Status now</source>
            <translation>สถานะขณะนี้</translation>
        </message>
        <message>
            <source>Complaints whose status followed</source>
            <translation>เรื่องร้องเรียนที่เปลี่ยนสถานะตาม</translation>
        </message>
        <message>
            <source>{order}: {old} → {new}.</source>
            <translation>{order}: {old} → {new}</translation>
        </message>
        <message>
            <source>  complaint {ticket}: {old} → {new}</source>
            <translation>  เรื่องร้องเรียน {ticket}: {old} → {new}</translation>
        </message>
    </context>
    <context>
        <name>CloneWorkspaceAlgorithm</name>
        <message>
            <source>Workspace from the CDDP server</source>
            <translation>พื้นที่ทำงานจากเซิร์ฟเวอร์ CDDP</translation>
        </message>
        <message>
            <source>Makes a new workspace GeoPackage (with the default styles, Thai forms and a QGIS project beside it) from the municipality's data on the CDDP server: for a new laptop or a second officer. Only the layers your role may read are downloaded. The new workspace is connected to the server and syncs with Sync workspace from then on.

SERVER is the server's address (https://…), MUNICIPALITY the DOPA code of the municipality. Credentials: AUTHCFG, a QGIS authentication configuration of type Basic (user name and password); in scripts, the environment variables CDDP_SYNC_USER and CDDP_SYNC_PASSWORD. An existing file is never overwritten; a download that stops leaves nothing behind.</source>
            <translation>สร้าง GeoPackage พื้นที่ทำงานใหม่ (พร้อมสัญลักษณ์เริ่มต้น แบบฟอร์มภาษาไทย และโครงการ QGIS) จากข้อมูลของ อปท. บนเซิร์ฟเวอร์ CDDP สำหรับเครื่องใหม่หรือเจ้าหน้าที่คนที่สอง ดาวน์โหลดเฉพาะชั้นข้อมูลที่บทบาทของคุณมีสิทธิ์อ่าน พื้นที่ทำงานใหม่เชื่อมต่อกับเซิร์ฟเวอร์แล้ว และซิงก์ด้วย ซิงก์พื้นที่ทำงาน ได้ตั้งแต่นั้น

SERVER คือที่อยู่ของเซิร์ฟเวอร์ (https://…) MUNICIPALITY คือรหัส อปท. ของกรมการปกครอง ข้อมูลเข้าสู่ระบบ: AUTHCFG คือการตั้งค่าการยืนยันตัวตนของ QGIS แบบ Basic (ชื่อผู้ใช้และรหัสผ่าน) ในสคริปต์ใช้ตัวแปรสภาพแวดล้อม CDDP_SYNC_USER และ CDDP_SYNC_PASSWORD ไม่เขียนทับไฟล์ที่มีอยู่แล้ว และหากการดาวน์โหลดหยุดกลางคัน จะไม่เหลือไฟล์ค้างไว้</translation>
        </message>
        <message>
            <source>CDDP server (https://…)</source>
            <translation>เซิร์ฟเวอร์ CDDP (https://…)</translation>
        </message>
        <message>
            <source>Municipality DOPA code</source>
            <translation>รหัส อปท. ของกรมการปกครอง</translation>
        </message>
        <message>
            <source>Authentication (type Basic; default: CDDP_SYNC_USER/CDDP_SYNC_PASSWORD)</source>
            <translation>การยืนยันตัวตน (แบบ Basic ค่าเริ่มต้น: CDDP_SYNC_USER/CDDP_SYNC_PASSWORD)</translation>
        </message>
        <message>
            <source>New workspace GeoPackage</source>
            <translation>GeoPackage พื้นที่ทำงานใหม่</translation>
        </message>
        <message>
            <source>GeoPackage (*.gpkg)</source>
            <translation>GeoPackage (*.gpkg)</translation>
        </message>
        <message>
            <source>QGIS project</source>
            <translation>โครงการ QGIS</translation>
        </message>
        <message>
            <source>Features downloaded</source>
            <translation>ฟีเจอร์ที่ดาวน์โหลด</translation>
        </message>
        <message>
            <source>Changes pulled</source>
            <translation>การเปลี่ยนแปลงที่รับมา</translation>
        </message>
        <message>
            <source>Finished</source>
            <translation>เสร็จสมบูรณ์</translation>
        </message>
        <message>
            <source>Signing in as {user} with the QGIS authentication configuration {authcfg}.</source>
            <translation>เข้าสู่ระบบเป็น {user} ด้วยการตั้งค่าการยืนยันตัวตนของ QGIS {authcfg}</translation>
        </message>
        <message>
            <source>Signing in as {user} with the environment variables CDDP_SYNC_USER/CDDP_SYNC_PASSWORD.</source>
            <translation>เข้าสู่ระบบเป็น {user} ด้วยตัวแปรสภาพแวดล้อม CDDP_SYNC_USER/CDDP_SYNC_PASSWORD</translation>
        </message>
        <message>
            <source>Downloading municipality {code} from {url}…</source>
            <translation>กำลังดาวน์โหลดข้อมูล อปท. {code} จาก {url}…</translation>
        </message>
        <message>
            <source>Storing default styles and Thai forms…</source>
            <translation>กำลังบันทึกสัญลักษณ์และแบบฟอร์มภาษาไทย…</translation>
        </message>
        <message>
            <source>Made {path}: {features} features in {layers} layers, CRS {crs}; project {project}.</source>
            <translation>สร้าง {path} แล้ว: {features} ฟีเจอร์ใน {layers} ชั้นข้อมูล CRS {crs} โครงการ {project}</translation>
        </message>
    </context>
    <context>
        <name>ConditionSummaryAlgorithm</name>
        <message>
            <source>Condition summary (table and chart)</source>
            <translation>สรุปสภาพ (ตารางและแผนภูมิ)</translation>
        </message>
        <message>
            <source>Summarises the workspace's road sections (km per condition band) and streetlights (lamps per status), for the whole municipality or inside an AREA polygon layer, as a table and as a chart picture (PNG) for print layouts.</source>
            <translation>สรุปช่วงสำรวจถนนของพื้นที่ทำงาน (ระยะทาง กม. ตามระดับสภาพ) และไฟฟ้าสาธารณะ (จำนวนต้นตามสถานะ) ทั้งเขตเทศบาลหรือเฉพาะภายในชั้นข้อมูลรูปหลายเหลี่ยม AREA ในรูปแบบตารางและภาพแผนภูมิ (PNG) สำหรับใช้ในการจัดหน้าพิมพ์</translation>
        </message>
        <message>
            <source>Area (polygons; empty: the whole workspace)</source>
            <translation>พื้นที่ (รูปหลายเหลี่ยม; เว้นว่าง: ทั้งพื้นที่ทำงาน)</translation>
        </message>
        <message>
            <source>Condition summary</source>
            <translation>สรุปสภาพ</translation>
        </message>
        <message>
            <source>Chart picture</source>
            <translation>ภาพแผนภูมิ</translation>
        </message>
        <message>
            <source>PNG image (*.png)</source>
            <translation>ภาพ PNG (*.png)</translation>
        </message>
        <message>
            <source>Road sections (km)</source>
            <translation>ช่วงสำรวจถนน (กม.)</translation>
        </message>
        <message>
            <source>Streetlights</source>
            <translation>ไฟฟ้าสาธารณะ</translation>
        </message>
        <message>
            <source>{km} of road sections, {lamps} streetlights.</source>
            <translation>ช่วงสำรวจถนน {km} ไฟฟ้าสาธารณะ {lamps} ต้น</translation>
        </message>
        <message>
            <source>km</source>
            <translation>กม.</translation>
        </message>
    </context>
    <context>
        <name>ConflictsDock</name>
        <message>
            <source>CDDP Sync conflicts</source>
            <translation>ข้อขัดแย้งจากการซิงก์ CDDP</translation>
        </message>
        <message>
            <source>Feature</source>
            <translation>ฟีเจอร์</translation>
        </message>
        <message>
            <source>Problem</source>
            <translation>ปัญหา</translation>
        </message>
        <message>
            <source>Mine (this workspace)</source>
            <translation>ของฉัน (พื้นที่ทำงานนี้)</translation>
        </message>
        <message>
            <source>Theirs (the server)</source>
            <translation>ของเซิร์ฟเวอร์</translation>
        </message>
        <message>
            <source>Field</source>
            <translation>ฟิลด์</translation>
        </message>
        <message>
            <source>Base</source>
            <translation>ค่าเดิม</translation>
        </message>
        <message>
            <source>Mine</source>
            <translation>ของฉัน</translation>
        </message>
        <message>
            <source>Theirs</source>
            <translation>เซิร์ฟเวอร์</translation>
        </message>
        <message>
            <source>Result</source>
            <translation>ผลลัพธ์</translation>
        </message>
        <message>
            <source>Keep mine</source>
            <translation>ใช้ของฉัน</translation>
        </message>
        <message>
            <source>Take theirs</source>
            <translation>ใช้ของเซิร์ฟเวอร์</translation>
        </message>
        <message>
            <source>Use result</source>
            <translation>ใช้ผลลัพธ์</translation>
        </message>
        <message>
            <source>All mine</source>
            <translation>ใช้ของฉันทั้งหมด</translation>
        </message>
        <message>
            <source>All theirs</source>
            <translation>ใช้ของเซิร์ฟเวอร์ทั้งหมด</translation>
        </message>
        <message>
            <source>Refresh</source>
            <translation>รีเฟรช</translation>
        </message>
        <message>
            <source>Send my values again on the server's version; the next sync applies them.</source>
            <translation>ส่งค่าของฉันอีกครั้งบนรุ่นของเซิร์ฟเวอร์ การซิงก์ครั้งถัดไปจะนำไปใช้</translation>
        </message>
        <message>
            <source>Write the server's record into this workspace; nothing is sent.</source>
            <translation>เขียนข้อมูลของเซิร์ฟเวอร์ลงในพื้นที่ทำงานนี้ โดยไม่ส่งอะไรออกไป</translation>
        </message>
        <message>
            <source>Write the Result column into this workspace and send it with the next sync.</source>
            <translation>เขียนค่าในคอลัมน์ผลลัพธ์ลงในพื้นที่ทำงานนี้ และส่งไปพร้อมการซิงก์ครั้งถัดไป</translation>
        </message>
        <message>
            <source>Keep mine for every open conflict (rejected changes are left as they are).</source>
            <translation>ใช้ของฉันกับข้อขัดแย้งที่เปิดอยู่ทุกรายการ (รายการที่ถูกปฏิเสธคงไว้ตามเดิม)</translation>
        </message>
        <message>
            <source>Take theirs for every open conflict (rejected changes are left as they are).</source>
            <translation>ใช้ของเซิร์ฟเวอร์กับข้อขัดแย้งที่เปิดอยู่ทุกรายการ (รายการที่ถูกปฏิเสธคงไว้ตามเดิม)</translation>
        </message>
        <message>
            <source>No CDDP workspace is open.</source>
            <translation>ยังไม่ได้เปิดพื้นที่ทำงาน CDDP</translation>
        </message>
        <message>
            <source>No open conflicts or rejected changes: everything synced.</source>
            <translation>ไม่มีข้อขัดแย้งหรือรายการที่ถูกปฏิเสธค้างอยู่ ซิงก์ครบแล้ว</translation>
        </message>
        <message>
            <source>{conflicts} conflicts and {rejected} rejected changes. Choose one to see both sides.</source>
            <translation>ข้อขัดแย้ง {conflicts} รายการ และถูกปฏิเสธ {rejected} รายการ เลือกรายการเพื่อดูทั้งสองฝั่ง</translation>
        </message>
        <message>
            <source>Fix and retry</source>
            <translation>แก้ไขแล้วส่งใหม่</translation>
        </message>
        <message>
            <source>Drop my change</source>
            <translation>ทิ้งการแก้ไขของฉัน</translation>
        </message>
        <message>
            <source>(geometry)</source>
            <translation>(รูปเรขาคณิต)</translation>
        </message>
        <message>
            <source>(none)</source>
            <translation>(ไม่มี)</translation>
        </message>
        <message>
            <source>mine</source>
            <translation>ของฉัน</translation>
        </message>
        <message>
            <source>The result keeps my geometry; take theirs for the server's.</source>
            <translation>ผลลัพธ์ใช้รูปเรขาคณิตของฉัน หากต้องการของเซิร์ฟเวอร์ให้เลือกใช้ของเซิร์ฟเวอร์</translation>
        </message>
        <message>
            <source>Save or discard the edits of {layers} first: resolving writes into the same layers.</source>
            <translation>บันทึกหรือยกเลิกการแก้ไขของ {layers} ก่อน เพราะการแก้ข้อขัดแย้งเขียนลงในชั้นข้อมูลเดียวกัน</translation>
        </message>
        <message>
            <source>Resolved {n}: nothing to send.</source>
            <translation>แก้แล้ว {n} รายการ ไม่มีอะไรต้องส่ง</translation>
        </message>
        <message>
            <source>Resolved {n}: the next sync sends it.</source>
            <translation>แก้แล้ว {n} รายการ การซิงก์ครั้งถัดไปจะส่งออกไป</translation>
        </message>
        <message>
            <source>Geometry</source>
            <translation>รูปเรขาคณิต</translation>
        </message>
        <message>
            <source>Rejected: {reason}</source>
            <translation>ถูกปฏิเสธ: {reason}</translation>
        </message>
        <message>
            <source>Deleted on the server, edited here</source>
            <translation>ถูกลบบนเซิร์ฟเวอร์ แต่แก้ไขที่นี่</translation>
        </message>
        <message>
            <source>Deleted here, edited on the server</source>
            <translation>ลบที่นี่ แต่ถูกแก้ไขบนเซิร์ฟเวอร์</translation>
        </message>
        <message>
            <source>Its parent was deleted on the server</source>
            <translation>รายการแม่ถูกลบบนเซิร์ฟเวอร์</translation>
        </message>
        <message>
            <source>Both changed: {fields}</source>
            <translation>แก้ไขทั้งสองฝั่ง: {fields}</translation>
        </message>
        <message>
            <source>new feature</source>
            <translation>ฟีเจอร์ใหม่</translation>
        </message>
        <message>
            <source>edit</source>
            <translation>การแก้ไข</translation>
        </message>
        <message>
            <source>deletion</source>
            <translation>การลบ</translation>
        </message>
        <message>
            <source>The server refused this {op}: {reason} (code {code}). Fix the values in Result and retry, or drop the change.</source>
            <translation>เซิร์ฟเวอร์ปฏิเสธ{op}นี้: {reason} (รหัส {code}) แก้ค่าในคอลัมน์ผลลัพธ์แล้วส่งใหม่ หรือทิ้งการแก้ไขนี้</translation>
        </message>
        <message>
            <source>My {op} and the server's record differ. Choose what to keep: mine, theirs, or the Result column.</source>
            <translation>{op}ของฉันกับข้อมูลบนเซิร์ฟเวอร์ไม่ตรงกัน เลือกว่าจะเก็บอะไร: ของฉัน ของเซิร์ฟเวอร์ หรือค่าในคอลัมน์ผลลัพธ์</translation>
        </message>
        <message>
            <source>yes</source>
            <translation>ใช่</translation>
        </message>
        <message>
            <source>no</source>
            <translation>ไม่ใช่</translation>
        </message>
    </context>
    <context>
        <name>CouncilMapAlgorithm</name>
        <message>
            <source>Council map set (PDF, tables, layout)</source>
            <translation>ชุดแผนที่สำหรับสภา (PDF ตาราง หน้าพิมพ์)</translation>
        </message>
        <message>
            <source>Prints a map set for a council meeting as one PDF: an A3 landscape overview, the set's tables on A3 pages and one A4 page per zone (the villages layer: import it with cddp:importvillages). Every table is also written beside the PDF as CSV and in one XLSX file, and the layout is saved in the workspace's QGIS project (Project ▸ Layouts) so it can be edited and exported again.

MAP_SET: road_plan (road condition and the repair plan as a ผ.02 project list: give PLAN, the file cddp:maintenanceplan wrote, or BUDGET), streetlights (outages and repairs in QUARTER of the budget year), complaints (complaints and work orders per zone, per 1,000 households), flood (households and parcels in HAZARD per zone; counts under 5 are suppressed).

YEAR is the budget year in พ.ศ. (2570 runs 1 Oct 2569 – 30 Sep 2570); DIGITS prints every number in Thai or Arabic digits. Pages carry counts per zone only: no personal data is printed, and the PDF is not a GeoPDF.</source>
            <translation>พิมพ์ชุดแผนที่สำหรับการประชุมสภาเป็น PDF ไฟล์เดียว: ภาพรวมขนาด A3 แนวนอน ตารางของชุดบนหน้า A3 และหน้า A4 หนึ่งหน้าต่อหนึ่งเขต (ชั้นข้อมูลหมู่บ้าน: นำเข้าด้วย cddp:importvillages) ทุกตารางยังเขียนเป็นไฟล์ CSV และรวมในไฟล์ XLSX หนึ่งไฟล์วางคู่กับ PDF และบันทึกหน้าพิมพ์ในโปรเจกต์ QGIS ของพื้นที่ทำงาน (Project ▸ Layouts) เพื่อแก้ไขและส่งออกใหม่ได้

MAP_SET: road_plan (สภาพถนนและแผนซ่อมเป็นบัญชีโครงการแบบ ผ.02: ระบุ PLAN ไฟล์ที่ได้จาก cddp:maintenanceplan หรือ BUDGET), streetlights (ไฟดับและการซ่อมใน QUARTER ของปีงบประมาณ), complaints (เรื่องร้องเรียนและใบสั่งงานรายเขต ต่อ 1,000 ครัวเรือน), flood (ครัวเรือนและแปลงที่ดินใน HAZARD รายเขต จำนวนที่น้อยกว่า 5 จะไม่แสดง)

YEAR คือปีงบประมาณ พ.ศ. (2570 คือ 1 ต.ค. 2569 – 30 ก.ย. 2570) DIGITS พิมพ์ตัวเลขทั้งหมดเป็นเลขไทยหรือเลขอารบิก ทุกหน้าแสดงเฉพาะจำนวนรวมรายเขต ไม่พิมพ์ข้อมูลส่วนบุคคล และ PDF ไม่ใช่ GeoPDF</translation>
        </message>
        <message>
            <source>Map set</source>
            <translation>ชุดแผนที่</translation>
        </message>
        <message>
            <source>Budget year (พ.ศ.)</source>
            <translation>ปีงบประมาณ (พ.ศ.)</translation>
        </message>
        <message>
            <source>Quarter of the budget year (streetlights; 1 = October–December)</source>
            <translation>ไตรมาสของปีงบประมาณ (streetlights; 1 = ตุลาคม–ธันวาคม)</translation>
        </message>
        <message>
            <source>Flood extent (polygons; flood)</source>
            <translation>ขอบเขตน้ำท่วม (รูปปิด; flood)</translation>
        </message>
        <message>
            <source>Maintenance plan written by cddp:maintenanceplan (road_plan)</source>
            <translation>แผนซ่อมบำรุงที่ได้จาก cddp:maintenanceplan (road_plan)</translation>
        </message>
        <message>
            <source>Budget (baht) to plan with when no plan is given (road_plan)</source>
            <translation>งบประมาณ (บาท) สำหรับจัดทำแผนเมื่อไม่ได้ระบุแผน (road_plan)</translation>
        </message>
        <message>
            <source>Digits</source>
            <translation>ตัวเลข</translation>
        </message>
        <message>
            <source>Agenda item (empty: a line to fill in)</source>
            <translation>ระเบียบวาระ (เว้นว่าง: เว้นบรรทัดให้กรอก)</translation>
        </message>
        <message>
            <source>Prepared by (a unit, e.g. กองช่าง; default: the municipality)</source>
            <translation>ผู้จัดทำ (หน่วยงาน เช่น กองช่าง ค่าเริ่มต้น: ชื่อหน่วยงานท้องถิ่น)</translation>
        </message>
        <message>
            <source>Council map set (PDF)</source>
            <translation>ชุดแผนที่สำหรับสภา (PDF)</translation>
        </message>
        <message>
            <source>PDF files (*.pdf)</source>
            <translation>ไฟล์ PDF (*.pdf)</translation>
        </message>
        <message>
            <source>Pages</source>
            <translation>จำนวนหน้า</translation>
        </message>
        <message>
            <source>Tables (CSV and XLSX)</source>
            <translation>ตาราง (CSV และ XLSX)</translation>
        </message>
        <message>
            <source>{pages} pages ({zones} zone pages) written to {pdf}; {tables} table files beside it; layout '{layout}' saved in {project}.</source>
            <translation>เขียน {pages} หน้า (หน้าเขต {zones} หน้า) ลงใน {pdf} ไฟล์ตาราง {tables} ไฟล์วางคู่กัน และบันทึกหน้าพิมพ์ '{layout}' ใน {project}</translation>
        </message>
    </context>
    <context>
        <name>CreateWorkspaceAlgorithm</name>
        <message>
            <source>Create municipal workspace</source>
            <translation>สร้างพื้นที่ทำงานของเทศบาล</translation>
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
        <message>
            <source>Creates one GeoPackage for a municipality with every CDDP layer (parcels, households, residents, villages, roads, road sections, inspections and distresses, streetlights and faults, complaints, work orders and their events), value lists in Thai, default styles and forms, a change log that records every edit for sync, and a QGIS project beside it.

MUNICIPALITY_CODE is the DOPA code of the amphoe/khet (4 digits) or tambon (6 digits) the municipality covers. The CRS must be projected in metres (default WGS 84 / UTM 47N; use UTM 48N, EPSG:32648, in the east). An existing file is never overwritten.

The workspace is suggested in the folder of the last workspace (else Documents); left at the suggested name it is called cddp_&lt;code&gt;.gpkg. It is never made in QGIS's temporary Processing folder, which QGIS deletes when it exits.</source>
            <translation>สร้าง GeoPackage หนึ่งไฟล์ต่อเทศบาล ประกอบด้วยชั้นข้อมูล CDDP ทั้งหมด (แปลงที่ดิน ครัวเรือน ผู้อยู่อาศัย หมู่บ้าน ถนน ช่วงสำรวจถนน ผลการสำรวจและความเสียหายผิวทาง ไฟฟ้าสาธารณะและเหตุขัดข้อง เรื่องร้องเรียน ใบสั่งงานและประวัติ) พร้อมรายการค่าภาษาไทย สัญลักษณ์และแบบฟอร์มเริ่มต้น บันทึกการเปลี่ยนแปลงทุกครั้งสำหรับการซิงก์ และโครงการ QGIS ไว้ข้างไฟล์

MUNICIPALITY_CODE คือรหัสกรมการปกครองของอำเภอ/เขต (4 หลัก) หรือตำบล (6 หลัก) ที่เทศบาลดูแล ระบบพิกัดต้องเป็นระบบฉายแผนที่หน่วยเมตร (ค่าเริ่มต้น WGS 84 / UTM 47N; ภาคตะวันออกใช้ UTM 48N, EPSG:32648) ไม่มีการเขียนทับไฟล์ที่มีอยู่แล้ว

ตำแหน่งที่เสนอคือโฟลเดอร์ของพื้นที่ทำงานล่าสุด (หรือโฟลเดอร์เอกสาร) หากไม่เปลี่ยนชื่อที่เสนอ ไฟล์จะชื่อ cddp_&lt;รหัส&gt;.gpkg และจะไม่สร้างพื้นที่ทำงานในโฟลเดอร์ชั่วคราวของ Processing ซึ่ง QGIS ลบทิ้งเมื่อปิดโปรแกรม</translation>
        </message>
        <message>
            <source>The workspace would be saved in QGIS's temporary Processing folder ({path}), which QGIS deletes when it exits. Choose a folder of your own for Workspace GeoPackage (OUTPUT), e.g. Documents.</source>
            <translation>พื้นที่ทำงานจะถูกบันทึกในโฟลเดอร์ชั่วคราวของ Processing ({path}) ซึ่ง QGIS ลบทิ้งเมื่อปิดโปรแกรม เลือกโฟลเดอร์ของท่านเองสำหรับไฟล์ GeoPackage ของพื้นที่ทำงาน (OUTPUT) เช่น โฟลเดอร์เอกสาร</translation>
        </message>
        <message>
            <source>{path} is in the system's temporary folder, which is emptied on restart or by clean-up tools. Move the workspace and its project to a folder of your own to keep them.</source>
            <translation>{path} อยู่ในโฟลเดอร์ชั่วคราวของระบบ ซึ่งจะถูกล้างเมื่อเริ่มเครื่องใหม่หรือโดยโปรแกรมทำความสะอาด ย้ายพื้นที่ทำงานและโครงการไปไว้ในโฟลเดอร์ของท่านเองเพื่อเก็บรักษาไว้</translation>
        </message>
    </context>
    <context>
        <name>DateTimeWidget</name>
        <message>
            <source>Shown and typed in Bangkok time (UTC+7); stored in UTC.</source>
            <translation>แสดงและกรอกเป็นเวลากรุงเทพฯ (UTC+7) แต่บันทึกเป็นเวลา UTC</translation>
        </message>
        <message>
            <source>Date/time in Bangkok time (CDDP)</source>
            <translation>วันเวลาตามเวลากรุงเทพฯ (CDDP)</translation>
        </message>
    </context>
    <context>
        <name>FloodImpactAlgorithm</name>
        <message>
            <source>Hazard impact on parcels and households</source>
            <translation>ผลกระทบจากภัยต่อแปลงที่ดินและครัวเรือน</translation>
        </message>
        <message>
            <source>For a hazard polygon layer (e.g. a flood extent), lists the affected parcels (with the flooded area), the affected households (by location, or through the parcel they are linked to) with counts of residents, elderly (60+), bedridden, homebound and disabled people and those without a caretaker, a table per village (หมู่) and a summary.

Owner and resident names are included only when INCLUDE_PERSONAL_DATA is ticked; each such run is recorded in the workspace's personal-data log (who, when, what), as PDPA requires.</source>
            <translation>สำหรับชั้นข้อมูลรูปหลายเหลี่ยมของพื้นที่ภัย (เช่น ขอบเขตน้ำท่วม) จะแสดงรายการแปลงที่ดินที่ได้รับผลกระทบ (พร้อมพื้นที่น้ำท่วม) ครัวเรือนที่ได้รับผลกระทบ (ตามตำแหน่ง หรือผ่านแปลงที่ดินที่เชื่อมโยงไว้) พร้อมจำนวนผู้อยู่อาศัย ผู้สูงอายุ (60 ปีขึ้นไป) ผู้ป่วยติดเตียง ผู้ติดบ้าน ผู้พิการ และผู้ที่ไม่มีผู้ดูแล ตารางสรุปรายหมู่ และสรุปผลรวม

ชื่อผู้ถือกรรมสิทธิ์และผู้อยู่อาศัยจะรวมอยู่ในผลลัพธ์เฉพาะเมื่อเลือก INCLUDE_PERSONAL_DATA และการประมวลผลแต่ละครั้งในลักษณะนี้จะถูกบันทึกไว้ในบันทึกการใช้ข้อมูลส่วนบุคคลของพื้นที่ทำงาน (ผู้ใช้ เวลา และข้อมูลที่ใช้) ตามที่ พ.ร.บ. คุ้มครองข้อมูลส่วนบุคคล กำหนด</translation>
        </message>
        <message>
            <source>Hazard area (polygons)</source>
            <translation>พื้นที่ภัย (รูปหลายเหลี่ยม)</translation>
        </message>
        <message>
            <source>Include owner and resident names (personal data, logged)</source>
            <translation>รวมชื่อผู้ถือกรรมสิทธิ์และผู้อยู่อาศัย (ข้อมูลส่วนบุคคล มีการบันทึกการใช้งาน)</translation>
        </message>
        <message>
            <source>Affected parcels</source>
            <translation>แปลงที่ดินที่ได้รับผลกระทบ</translation>
        </message>
        <message>
            <source>Affected households</source>
            <translation>ครัวเรือนที่ได้รับผลกระทบ</translation>
        </message>
        <message>
            <source>Impact per village</source>
            <translation>ผลกระทบรายหมู่</translation>
        </message>
        <message>
            <source>Impact summary</source>
            <translation>สรุปผลกระทบ</translation>
        </message>
        <message>
            <source>Affected: {p} parcels ({a:,.0f} m² flooded), {h} households ({hl} by location, {hp} through their parcel).</source>
            <translation>ได้รับผลกระทบ: แปลงที่ดิน {p} แปลง (น้ำท่วม {a:,.0f} m²) ครัวเรือน {h} ครัวเรือน (ตามตำแหน่ง {hl} ผ่านแปลงที่ดิน {hp})</translation>
        </message>
        <message>
            <source>Residents affected: {r}; elderly {e}, bedridden {b}, homebound {hb}, disabled {d}, dependent without caretaker {nc}.</source>
            <translation>ผู้อยู่อาศัยที่ได้รับผลกระทบ: {r} คน; ผู้สูงอายุ {e} ผู้ป่วยติดเตียง {b} ผู้ติดบ้าน {hb} ผู้พิการ {d} ผู้มีภาวะพึ่งพิงที่ไม่มีผู้ดูแล {nc}</translation>
        </message>
        <message>
            <source>Personal data included; this run was recorded in the workspace's personal-data log.</source>
            <translation>ผลลัพธ์มีข้อมูลส่วนบุคคล การประมวลผลครั้งนี้ถูกบันทึกไว้ในบันทึกการใช้ข้อมูลส่วนบุคคลของพื้นที่ทำงานแล้ว</translation>
        </message>
        <message>
            <source>Parcels affected</source>
            <translation>แปลงที่ได้รับผลกระทบ</translation>
        </message>
        <message>
            <source>Households affected</source>
            <translation>ครัวเรือนที่ได้รับผลกระทบ</translation>
        </message>
        <message>
            <source>Elderly residents affected</source>
            <translation>ผู้สูงอายุที่ได้รับผลกระทบ</translation>
        </message>
        <message>
            <source>Bedridden residents affected</source>
            <translation>ผู้ป่วยติดเตียงที่ได้รับผลกระทบ</translation>
        </message>
        <message>
            <source>Disabled residents affected</source>
            <translation>ผู้พิการที่ได้รับผลกระทบ</translation>
        </message>
        <message>
            <source>points</source>
            <translation>จุด</translation>
        </message>
        <message>
            <source>lines</source>
            <translation>เส้น</translation>
        </message>
        <message>
            <source>no geometry</source>
            <translation>ไม่มีรูปเรขาคณิต</translation>
        </message>
    </context>
    <context>
        <name>GenerateWorkOrdersAlgorithm</name>
        <message>
            <source>Generate work orders</source>
            <translation>สร้างใบสั่งงานซ่อมบำรุง</translation>
        </message>
        <message>
            <source>From open complaints</source>
            <translation>จากเรื่องร้องเรียนที่ยังไม่ปิด</translation>
        </message>
        <message>
            <source>From road condition</source>
            <translation>จากสภาพถนน</translation>
        </message>
        <message>
            <source>From streetlights that need repair</source>
            <translation>จากไฟฟ้าสาธารณะที่ต้องซ่อม</translation>
        </message>
        <message>
            <source>Road sections with PCI below</source>
            <translation>ช่วงถนนที่มี PCI ต่ำกว่า</translation>
        </message>
        <message>
            <source>…or, without PCI, PASER at most</source>
            <translation>…หรือถ้าไม่มี PCI ค่า PASER ไม่เกิน</translation>
        </message>
        <message>
            <source>Work orders created</source>
            <translation>ใบสั่งงานที่สร้าง</translation>
        </message>
        <message>
            <source>Complaints attached to an existing order</source>
            <translation>เรื่องร้องเรียนที่แนบกับใบสั่งงานที่มีอยู่</translation>
        </message>
        <message>
            <source>Assets that already had an open order</source>
            <translation>ทรัพย์สินที่มีใบสั่งงานเปิดอยู่แล้ว</translation>
        </message>
        <message>
            <source>New orders {first} … {last}.</source>
            <translation>ใบสั่งงานใหม่ {first} … {last}</translation>
        </message>
        <message>
            <source>Work orders created: {created} ({road} for road condition, {lamp} for single lamps, {cluster} for outage clusters, {complaint} for complaints).</source>
            <translation>ใบสั่งงานที่สร้าง: {created} ใบ (สภาพถนน {road} ใบ ไฟดับรายดวง {lamp} ใบ กลุ่มไฟดับ {cluster} ใบ เรื่องร้องเรียน {complaint} ใบ)</translation>
        </message>
        <message>
            <source>Complaints attached to open orders: {attached}; already on an order: {linked}; assets that already had an open order: {skipped}.</source>
            <translation>เรื่องร้องเรียนที่แนบกับใบสั่งงานที่เปิดอยู่: {attached}; มีใบสั่งงานอยู่แล้ว: {linked}; ทรัพย์สินที่มีใบสั่งงานเปิดอยู่แล้ว: {skipped}</translation>
        </message>
        <message>
            <source>SLA per priority (empty: the workspace's policy)</source>
            <translation>SLA ตามความเร่งด่วน (ว่าง: ใช้นโยบายของพื้นที่ทำงาน)</translation>
        </message>
        <message>
            <source>Holidays, not working days (empty: the workspace's)</source>
            <translation>วันหยุด ไม่นับเป็นวันทำการ (ว่าง: ใช้ของพื้นที่ทำงาน)</translation>
        </message>
        <message>
            <source>SLA: {sla}; holidays: {holidays}{saved}.</source>
            <translation>SLA: {sla}; วันหยุด: {holidays} วัน{saved}</translation>
        </message>
        <message>
            <source> (saved in the workspace)</source>
            <translation> (บันทึกไว้ในพื้นที่ทำงานแล้ว)</translation>
        </message>
        <message>
            <source>Creates maintenance work orders in the workspace: one open order per asset and category. Sources: road sections whose PCI is below PCI_BELOW (or, without PCI, whose PASER is at most PASER_AT_MOST); streetlights that need repair (out, partly out, flickering, burning by day, damaged pole, missing), with one order at priority P2 for each outage cluster; and open complaints — a complaint about an asset that already has an open order of its category is attached to that order, a complaint without an asset gets its own order; a complaint still open whose order was cancelled gets an order again. Running it again creates nothing twice. Every new order and attachment is recorded in the work-order history; due times follow the priority's SLA.

SLA (e.g. P1=4h, P2=24h, P3=5wd, P4=20wd: hours or working days) and HOLIDAYS (dates such as 2026-04-13, 2569-04-14) are the municipality's policy: when given they are stored in the workspace, and the Work orders dock uses them too; left empty, the workspace's stored policy (or the defaults above, no holidays) applies.</source>
            <translation>สร้างใบสั่งงานซ่อมบำรุงในพื้นที่ทำงาน: ทรัพย์สินหนึ่งรายการต่อหมวดงานมีใบสั่งงานที่เปิดอยู่ได้ใบเดียว ที่มา: ช่วงถนนที่มีค่า PCI ต่ำกว่า PCI_BELOW (หรือถ้าไม่มี PCI ใช้ค่า PASER ไม่เกิน PASER_AT_MOST); ไฟฟ้าสาธารณะที่ต้องซ่อม (ดับ ดับบางดวง กะพริบ ติดค้างกลางวัน เสาชำรุด สูญหาย) โดยกลุ่มไฟดับแต่ละกลุ่มได้ใบสั่งงานเดียวที่ความเร่งด่วน P2; และเรื่องร้องเรียนที่ยังไม่ปิด — เรื่องที่เกี่ยวกับทรัพย์สินซึ่งมีใบสั่งงานหมวดเดียวกันเปิดอยู่แล้วจะแนบเข้ากับใบนั้น เรื่องที่ไม่ผูกกับทรัพย์สินจะได้ใบสั่งงานของตัวเอง เรื่องที่ยังไม่ปิดแต่ใบสั่งงานถูกยกเลิกจะได้ใบสั่งงานอีกครั้ง เรียกซ้ำได้โดยไม่สร้างซ้ำ ใบสั่งงานใหม่และการแนบทุกครั้งบันทึกในประวัติใบสั่งงาน กำหนดเสร็จตาม SLA ของความเร่งด่วน

SLA (เช่น P1=4h, P2=24h, P3=5wd, P4=20wd: เป็นชั่วโมงหรือวันทำการ) และ HOLIDAYS (วันหยุด เช่น 2026-04-13, 2569-04-14) เป็นนโยบายของเทศบาล: เมื่อระบุจะบันทึกไว้ในพื้นที่ทำงาน และแผงใบสั่งงานใช้ค่าเดียวกัน หากเว้นว่างจะใช้นโยบายที่บันทึกไว้ในพื้นที่ทำงาน (หรือค่าเริ่มต้นข้างต้น ไม่มีวันหยุด)</translation>
        </message>
        <message>
            <source>Open complaints whose order was cancelled, put on an order again: {n}.</source>
            <translation>เรื่องร้องเรียนที่ยังไม่ปิดแต่ใบสั่งงานถูกยกเลิก นำเข้าใบสั่งงานอีกครั้ง: {n}</translation>
        </message>
    </context>
    <context>
        <name>ImportComplaintsAlgorithm</name>
        <message>
            <source>Import complaints (Traffy Fondue, LINE/E-Node, Open311)</source>
            <translation>นำเข้าเรื่องร้องเรียน (Traffy Fondue, LINE/E-Node, Open311)</translation>
        </message>
        <message>
            <source>Keep only complaints inside (polygons)</source>
            <translation>เก็บเฉพาะเรื่องร้องเรียนภายใน (รูปหลายเหลี่ยม)</translation>
        </message>
        <message>
            <source>Name of that area (for messages)</source>
            <translation>ชื่อพื้นที่นั้น (ใช้ในข้อความ)</translation>
        </message>
        <message>
            <source>Snap to assets within (m)</source>
            <translation>ผูกกับทรัพย์สินภายในระยะ (ม.)</translation>
        </message>
        <message>
            <source>Rejected rows</source>
            <translation>แถวที่ถูกปฏิเสธ</translation>
        </message>
        <message>
            <source>Rows read</source>
            <translation>จำนวนแถวที่อ่าน</translation>
        </message>
        <message>
            <source>Complaints added</source>
            <translation>เรื่องร้องเรียนที่เพิ่ม</translation>
        </message>
        <message>
            <source>Complaints updated</source>
            <translation>เรื่องร้องเรียนที่ปรับปรุง</translation>
        </message>
        <message>
            <source>Rows rejected</source>
            <translation>แถวที่ถูกปฏิเสธ</translation>
        </message>
        <message>
            <source>Complaints snapped to an asset</source>
            <translation>เรื่องร้องเรียนที่ผูกกับทรัพย์สิน</translation>
        </message>
        <message>
            <source>Reading {path}…</source>
            <translation>กำลังอ่าน {path}…</translation>
        </message>
        <message>
            <source>Format {format}: {rows} rows, {inserted} added, {updated} updated, {unchanged} unchanged, {rejected} rejected.</source>
            <translation>รูปแบบ {format}: {rows} แถว เพิ่ม {inserted} ปรับปรุง {updated} ไม่เปลี่ยน {unchanged} ปฏิเสธ {rejected}</translation>
        </message>
        <message>
            <source>Snapped to an asset: {snapped} ({layers}); no asset within {distance:g} m: {far}; categories without assets: {none}.</source>
            <translation>ผูกกับทรัพย์สิน: {snapped} ({layers}); ไม่มีทรัพย์สินภายใน {distance:g} ม.: {far}; หมวดที่ไม่มีชั้นข้อมูลทรัพย์สิน: {none}</translation>
        </message>
        <message>
            <source>Contact details removed from the text: {counts}.</source>
            <translation>ลบข้อมูลติดต่อออกจากข้อความ: {counts}</translation>
        </message>
        <message>
            <source>{n} rows were rejected; see the REJECTED output for each reason.</source>
            <translation>ปฏิเสธ {n} แถว ดูเหตุผลของแต่ละแถวได้ในผลลัพธ์ REJECTED</translation>
        </message>
        <message>
            <source>Categories no work category knows, filed as 'other' (kept in categories_raw): {tags}.</source>
            <translation>หมวดหมู่ที่ไม่ตรงกับหมวดงานใด จัดเป็น 'อื่น ๆ' (เก็บไว้ใน categories_raw): {tags}</translation>
        </message>
        <message>
            <source>Complaints file (CSV, JSON, GeoJSON, XML)</source>
            <translation>ไฟล์เรื่องร้องเรียน (CSV, JSON, GeoJSON, XML)</translation>
        </message>
        <message>
            <source>Complaints without a source id matched by channel, report time and location: {n}.</source>
            <translation>เรื่องร้องเรียนที่ไม่มีเลขที่เรื่องต้นทาง จับคู่ด้วยช่องทาง เวลาแจ้ง และตำแหน่ง: {n}</translation>
        </message>
        <message>
            <source>Complaints with fields an officer edited, kept as edited: {n}.</source>
            <translation>เรื่องร้องเรียนที่เจ้าหน้าที่แก้ไขฟิลด์ไว้ คงค่าที่แก้ไข: {n}</translation>
        </message>
        <message>
            <source>Imports citizen complaints into the workspace from a Traffy Fondue dump CSV or API response (JSON or GeoJSON), the CDDP LINE/E-Node CSV template, or Open311 GeoReport v2 JSON or XML; the format, separate or swapped latitude/longitude columns and the day/month order of dates are detected per file. Complaints are matched by channel and ticket id (without an id: by report time and location): importing again changes only what the source changed and never duplicates them; a missing column blanks nothing, and fields an officer edited in the workspace (description, category, address, location…) are kept. Thai categories become work categories. Phone numbers, e-mail addresses, LINE ids and national id numbers are removed from the text before anything is stored. Each complaint is snapped to the nearest asset of its category within MAX_DISTANCE metres (road sections for road, footpath, obstruction, drainage and sign complaints; streetlights, else the road section, for lighting) and keeps the distance.

AREA (optional): keep only complaints inside these polygons, e.g. the municipality's boundary; the others are rejected as outside the area. Without AREA, complaints more than 30 km outside the municipality's area as the workspace knows it (its tambons' centres, Bangkok's extent, its villages or its data) are rejected as outside the area; the log says which area was used. The AREA layer must have a CRS. Rows that cannot be used go to REJECTED with the reason per row.</source>
            <translation>นำเข้าเรื่องร้องเรียนของประชาชนสู่พื้นที่ทำงาน จากไฟล์ CSV ที่ส่งออกจาก Traffy Fondue หรือผลตอบกลับ API (JSON หรือ GeoJSON) แม่แบบ CSV ของ LINE/E-Node ของ CDDP หรือ Open311 GeoReport v2 JSON หรือ XML โดยตรวจรูปแบบไฟล์ คอลัมน์ละติจูด/ลองจิจูดที่แยกกันหรือสลับกัน และลำดับวัน/เดือนของวันที่ให้อัตโนมัติทีละไฟล์ เรื่องร้องเรียนจับคู่ด้วยช่องทางและเลขที่เรื่อง (ถ้าไม่มีเลขที่เรื่อง ใช้เวลาแจ้งและตำแหน่ง): นำเข้าซ้ำจะเปลี่ยนเฉพาะสิ่งที่ต้นทางเปลี่ยนและไม่สร้างซ้ำ คอลัมน์ที่ไม่มีในไฟล์ไม่ทำให้ข้อมูลเดิมว่าง และฟิลด์ที่เจ้าหน้าที่แก้ไขในพื้นที่ทำงาน (รายละเอียด หมวดงาน ที่อยู่ ตำแหน่ง…) จะคงไว้ หมวดหมู่ภาษาไทยแปลงเป็นหมวดงาน หมายเลขโทรศัพท์ อีเมล LINE ID และเลขประจำตัวประชาชนถูกลบออกจากข้อความก่อนบันทึกใด ๆ เรื่องร้องเรียนแต่ละเรื่องผูกกับทรัพย์สินที่ใกล้ที่สุดในหมวดของเรื่องภายในระยะ MAX_DISTANCE เมตร (ช่วงถนนสำหรับเรื่องถนน ทางเท้า สิ่งกีดขวาง ท่อระบายน้ำ และป้าย; เสาไฟฟ้าสาธารณะ หรือช่วงถนนถ้าไม่มีเสาไฟในระยะ สำหรับเรื่องไฟฟ้าแสงสว่าง) และเก็บระยะไว้

AREA (ไม่บังคับ): เก็บเฉพาะเรื่องร้องเรียนภายในรูปหลายเหลี่ยมนี้ เช่น เขตเทศบาล เรื่องอื่นถูกปฏิเสธว่าอยู่นอกพื้นที่ หากไม่ระบุ AREA เรื่องร้องเรียนที่อยู่นอกพื้นที่ของเทศบาลตามที่พื้นที่ทำงานทราบ (จุดศูนย์กลางของตำบล ขอบเขตของกรุงเทพมหานคร ชั้นข้อมูลหมู่บ้าน หรือข้อมูลที่มีอยู่) เกิน 30 กม. จะถูกปฏิเสธว่าอยู่นอกพื้นที่ โดยบันทึกการทำงานจะระบุพื้นที่ที่ใช้ ชั้นข้อมูล AREA ต้องมีระบบพิกัด แถวที่ใช้ไม่ได้ส่งไปที่ REJECTED พร้อมเหตุผลรายแถว</translation>
        </message>
        <message>
            <source>No AREA given, and the workspace does not know where its municipality is: complaints were not checked against an area. Give AREA (e.g. the municipality's boundary) to keep only those inside it.</source>
            <translation>ไม่ได้ระบุ AREA และพื้นที่ทำงานยังไม่มีข้อมูลตำแหน่งของเทศบาล จึงไม่ได้ตรวจสอบเรื่องร้องเรียนกับพื้นที่ใด ให้ระบุ AREA (เช่น ขอบเขตเทศบาล) เพื่อเก็บเฉพาะเรื่องที่อยู่ภายใน</translation>
        </message>
        <message>
            <source>No AREA given: kept the complaints within {area}; {n} outside it were rejected as outside_area. Give AREA (e.g. the municipality's boundary) to keep only those inside it.</source>
            <translation>ไม่ได้ระบุ AREA: เก็บเรื่องร้องเรียนที่อยู่ภายใน{area} เรื่องที่อยู่นอกพื้นที่ {n} เรื่องถูกปฏิเสธเป็น outside_area ให้ระบุ AREA (เช่น ขอบเขตเทศบาล) เพื่อเก็บเฉพาะเรื่องที่อยู่ภายใน</translation>
        </message>
    </context>
    <context>
        <name>ImportHouseholdsAlgorithm</name>
        <message>
            <source>Import households</source>
            <translation>นำเข้าครัวเรือน</translation>
        </message>
        <message>
            <source>Household file (CSV, XLSX, GeoPackage, GeoJSON…)</source>
            <translation>ไฟล์ครัวเรือน (CSV, XLSX, GeoPackage, GeoJSON…)</translation>
        </message>
        <message>
            <source>…or a household point layer</source>
            <translation>…หรือชั้นข้อมูลจุดของครัวเรือน</translation>
        </message>
        <message>
            <source>Field mapping (target=source; …)</source>
            <translation>การจับคู่ฟิลด์ (target=source; …)</translation>
        </message>
        <message>
            <source>Source CRS of x/y coordinates or of a layer without one</source>
            <translation>ระบบพิกัดต้นทางของพิกัด x/y หรือของชั้นข้อมูลที่ไม่มีระบบพิกัด</translation>
        </message>
        <message>
            <source>Rejected rows</source>
            <translation>แถวที่ถูกปฏิเสธ</translation>
        </message>
        <message>
            <source>Read {path} as {encoding}.</source>
            <translation>อ่าน {path} ด้วยการเข้ารหัส {encoding}</translation>
        </message>
        <message>
            <source>Field mapping: {mapping}</source>
            <translation>การจับคู่ฟิลด์: {mapping}</translation>
        </message>
        <message>
            <source>{read} rows read, {inserted} added, {updated} updated, {rejected} rejected, {noloc} without location.</source>
            <translation>อ่าน {read} แถว เพิ่มใหม่ {inserted} ปรับปรุง {updated} ปฏิเสธ {rejected} ไม่มีตำแหน่ง {noloc}</translation>
        </message>
        <message>
            <source>{n} rows were rejected; see the REJECTED output for each reason.</source>
            <translation>ปฏิเสธ {n} แถว ดูเหตุผลของแต่ละแถวได้ในผลลัพธ์ REJECTED</translation>
        </message>
        <message>
            <source>Rows read</source>
            <translation>จำนวนแถวที่อ่าน</translation>
        </message>
        <message>
            <source>Households added</source>
            <translation>ครัวเรือนที่เพิ่ม</translation>
        </message>
        <message>
            <source>Households updated</source>
            <translation>ครัวเรือนที่ปรับปรุง</translation>
        </message>
        <message>
            <source>Rows rejected</source>
            <translation>แถวที่ถูกปฏิเสธ</translation>
        </message>
        <message>
            <source>Households without location</source>
            <translation>ครัวเรือนที่ไม่มีพิกัด</translation>
        </message>
        <message>
            <source>Imports households from a civil-registry or survey file — CSV (UTF-8 with or without BOM, or TIS-620/cp874), XLSX — or from a point (or building polygon) layer into the workspace.

House codes (รหัสประจำบ้าน, 11 digits) are checked; house numbers are normalised (๑๒๓/๔ → 123/4; 'บ้านเลขที่ 52 ม.10' → 52, หมู่ 10); coordinates may be lat/lon or projected x/y (then set SOURCE_CRS). Rows that cannot be used go to REJECTED with the reason; nothing is dropped silently.

Importing again never duplicates: a row is matched to a stored household by house code, else by location (within MATCH_DISTANCE metres) and the same house number, else (rows without location) by house number and village number. Only the columns the file has are changed: a file without a column never blanks that field, and an empty cell keeps the stored value unless CLEAR_EMPTY is set. Households whose values are already stored are not written (no change-log entry).</source>
            <translation>นำเข้าครัวเรือนจากไฟล์ทะเบียนราษฎรหรือไฟล์สำรวจ ได้แก่ CSV (UTF-8 ที่มีหรือไม่มี BOM หรือ TIS-620/cp874) และ XLSX หรือจากชั้นข้อมูลจุด (หรือรูปหลายเหลี่ยมอาคาร) เข้าสู่พื้นที่ทำงาน

ระบบจะตรวจสอบรหัสประจำบ้าน (11 หลัก) และปรับบ้านเลขที่ให้อยู่ในรูปแบบมาตรฐาน (๑๒๓/๔ → 123/4; 'บ้านเลขที่ 52 ม.10' → 52, หมู่ 10) พิกัดเป็นละติจูด/ลองจิจูด (lat/lon) หรือ x/y ในระบบฉายแผนที่ก็ได้ (กรณีหลังให้กำหนด SOURCE_CRS) แถวที่ใช้ไม่ได้จะส่งไปยัง REJECTED พร้อมเหตุผล ไม่มีข้อมูลใดถูกตัดทิ้งโดยไม่แจ้ง

การนำเข้าซ้ำจะไม่เพิ่มข้อมูลซ้ำ: แต่ละแถวจะจับคู่กับครัวเรือนที่มีอยู่ด้วยรหัสประจำบ้าน หากไม่มีจะใช้ตำแหน่ง (ภายใน MATCH_DISTANCE เมตร) และบ้านเลขที่เดียวกัน หากแถวไม่มีตำแหน่งจะใช้บ้านเลขที่และหมู่ที่ ระบบจะเปลี่ยนเฉพาะคอลัมน์ที่มีในไฟล์: ไฟล์ที่ไม่มีคอลัมน์ใดจะไม่ลบค่าของฟิลด์นั้น และช่องว่างจะคงค่าเดิมไว้ เว้นแต่กำหนด CLEAR_EMPTY ครัวเรือนที่ค่าไม่เปลี่ยนจะไม่ถูกเขียนซ้ำ (ไม่มีรายการในบันทึกการเปลี่ยนแปลง)</translation>
        </message>
        <message>
            <source>Empty cells clear the stored values (default: keep them)</source>
            <translation>ช่องว่างในไฟล์จะลบค่าที่บันทึกไว้ (ค่าเริ่มต้น: คงค่าเดิม)</translation>
        </message>
        <message>
            <source>Match households without a common house code within (m)</source>
            <translation>ระยะจับคู่ครัวเรือนที่ไม่มีรหัสประจำบ้านตรงกัน (ม.)</translation>
        </message>
        <message>
            <source>Households already up to date</source>
            <translation>ครัวเรือนที่เป็นปัจจุบันอยู่แล้ว</translation>
        </message>
        <message>
            <source>Matched by house code</source>
            <translation>จับคู่ด้วยรหัสประจำบ้าน</translation>
        </message>
        <message>
            <source>Matched by location and house number</source>
            <translation>จับคู่ด้วยตำแหน่งและบ้านเลขที่</translation>
        </message>
        <message>
            <source>Matched by house number and village</source>
            <translation>จับคู่ด้วยบ้านเลขที่และหมู่ที่</translation>
        </message>
        <message>
            <source>Matched to stored households: {code} by house code, {location} by location and house number (within {distance} m), {number} by house number and village; {unchanged} were already up to date.</source>
            <translation>จับคู่กับครัวเรือนที่มีอยู่: {code} ด้วยรหัสประจำบ้าน {location} ด้วยตำแหน่งและบ้านเลขที่ (ภายใน {distance} ม.) {number} ด้วยบ้านเลขที่และหมู่ที่ ในจำนวนนี้ {unchanged} เป็นปัจจุบันอยู่แล้ว</translation>
        </message>
        <message>
            <source>Fields the file does not have, and its empty cells, kept their stored values (set CLEAR_EMPTY to let empty cells clear them).</source>
            <translation>ฟิลด์ที่ไม่มีในไฟล์และช่องว่างในไฟล์คงค่าที่บันทึกไว้ (กำหนด CLEAR_EMPTY หากต้องการให้ช่องว่างลบค่า)</translation>
        </message>
        <message>
            <source>Households far outside the municipality</source>
            <translation>ครัวเรือนที่อยู่ไกลนอกเขตเทศบาล</translation>
        </message>
    </context>
    <context>
        <name>ImportParcelsAlgorithm</name>
        <message>
            <source>Import parcels</source>
            <translation>นำเข้าแปลงที่ดิน</translation>
        </message>
        <message>
            <source>Parcels</source>
            <translation>แปลงที่ดิน</translation>
        </message>
        <message>
            <source>Rejected parcels</source>
            <translation>แปลงที่ดินที่ถูกปฏิเสธ</translation>
        </message>
        <message>
            <source>Reading {layer}…</source>
            <translation>กำลังอ่าน {layer}…</translation>
        </message>
        <message>
            <source>Field mapping: {mapping}</source>
            <translation>การจับคู่ฟิลด์: {mapping}</translation>
        </message>
        <message>
            <source>{read} read, {inserted} added, {updated} updated, {rejected} rejected.</source>
            <translation>อ่าน {read} เพิ่มใหม่ {inserted} ปรับปรุง {updated} ปฏิเสธ {rejected}</translation>
        </message>
        <message>
            <source>Repaired {n} invalid geometries: {codes}</source>
            <translation>ซ่อมรูปเรขาคณิตที่ไม่ถูกต้อง {n} รายการ: {codes}</translation>
        </message>
        <message>
            <source>{n} parcel codes appear more than once: {codes}</source>
            <translation>รหัสแปลง {n} รหัสปรากฏมากกว่าหนึ่งครั้ง: {codes}</translation>
        </message>
        <message>
            <source>Rejected {parcel}: {reason}</source>
            <translation>ปฏิเสธ {parcel}: {reason}</translation>
        </message>
        <message>
            <source>Parcels read</source>
            <translation>แปลงที่อ่าน</translation>
        </message>
        <message>
            <source>Parcels added</source>
            <translation>แปลงที่เพิ่ม</translation>
        </message>
        <message>
            <source>Parcels updated</source>
            <translation>แปลงที่ปรับปรุง</translation>
        </message>
        <message>
            <source>Geometries repaired</source>
            <translation>รูปแปลงที่ซ่อมแล้ว</translation>
        </message>
        <message>
            <source>Parcels rejected</source>
            <translation>แปลงที่ถูกปฏิเสธ</translation>
        </message>
        <message>
            <source>Duplicated parcel codes</source>
            <translation>รหัสแปลงที่ซ้ำ</translation>
        </message>
        <message>
            <source>Imports land parcels from tax-map (แผนที่ภาษี) or DOL data — GeoJSON, Shapefile, GeoPackage, any CRS including Indian 1975 (moved with the pinned EPSG:1812 shift) — into the workspace's parcels layer.

Fields are found by their usual names (parcel_code, zone/block/lot, land_no, survey, Mapsheet, land_type, owner…); FIELD_MAP overrides them, e.g. parcel_code=PCODE; land_no=LANDNO. Areas are computed in m² and rai-ngan-square wa; invalid geometries are repaired and listed; duplicated parcel codes are reported.

Importing again never duplicates: a parcel is matched by its parcel code, and where a code is repeated (or missing) by its shape — identical, else the largest overlap — never by its order in the file. Only the fields the file has are changed: a file without a column never blanks it (owner, document…), and an empty cell keeps the stored value unless CLEAR_EMPTY is set. Parcels already up to date are not written (no change-log entry).</source>
            <translation>นำเข้าแปลงที่ดินจากแผนที่ภาษีหรือข้อมูลกรมที่ดิน ได้แก่ GeoJSON, Shapefile, GeoPackage ในระบบพิกัดใดก็ได้ รวมถึง Indian 1975 (แปลงพิกัดด้วยการแปลง EPSG:1812 ที่กำหนดไว้ตายตัว) เข้าสู่ชั้นข้อมูลแปลงที่ดินของพื้นที่ทำงาน

ระบบจะค้นหาฟิลด์จากชื่อที่ใช้กันทั่วไป (parcel_code, zone/block/lot, land_no, survey, Mapsheet, land_type, owner…) และใช้ FIELD_MAP กำหนดแทนได้ เช่น parcel_code=PCODE; land_no=LANDNO คำนวณเนื้อที่เป็น m² และไร่-งาน-ตารางวา ซ่อมรูปเรขาคณิตที่ไม่ถูกต้องพร้อมแสดงรายการ และแจ้งรหัสแปลงที่ซ้ำกัน

การนำเข้าซ้ำจะไม่เพิ่มข้อมูลซ้ำ: แปลงที่ดินจะจับคู่ด้วยรหัสแปลง และกรณีรหัสซ้ำ (หรือไม่มีรหัส) จะจับคู่ด้วยรูปแปลง (รูปเดียวกัน หรือรูปที่ซ้อนทับกันมากที่สุด) ไม่ใช้ลำดับในไฟล์ ระบบจะเปลี่ยนเฉพาะฟิลด์ที่มีในไฟล์: ไฟล์ที่ไม่มีคอลัมน์ใดจะไม่ลบค่าของฟิลด์นั้น (ผู้ถือกรรมสิทธิ์ เอกสารสิทธิ์…) และช่องว่างจะคงค่าเดิมไว้ เว้นแต่กำหนด CLEAR_EMPTY แปลงที่ข้อมูลเป็นปัจจุบันแล้วจะไม่ถูกเขียนซ้ำ (ไม่มีรายการในบันทึกการเปลี่ยนแปลง)</translation>
        </message>
        <message>
            <source>Empty cells clear the stored values (default: keep them)</source>
            <translation>ช่องว่างในไฟล์จะลบค่าที่บันทึกไว้ (ค่าเริ่มต้น: คงค่าเดิม)</translation>
        </message>
        <message>
            <source>Parcels already up to date</source>
            <translation>แปลงที่เป็นปัจจุบันอยู่แล้ว</translation>
        </message>
        <message>
            <source>Parcels matched by shape (repeated or missing code)</source>
            <translation>แปลงที่จับคู่ด้วยรูปแปลง (รหัสซ้ำหรือไม่มีรหัส)</translation>
        </message>
        <message>
            <source>Matched to stored parcels: {code} by parcel code, {shape} by shape (repeated or missing code); {unchanged} were already up to date.</source>
            <translation>จับคู่กับแปลงที่มีอยู่: {code} ด้วยรหัสแปลง {shape} ด้วยรูปแปลง (รหัสซ้ำหรือไม่มีรหัส) ในจำนวนนี้ {unchanged} เป็นปัจจุบันอยู่แล้ว</translation>
        </message>
        <message>
            <source>Fields the file does not have, and its empty cells, kept their stored values (set CLEAR_EMPTY to let empty cells clear them).</source>
            <translation>ฟิลด์ที่ไม่มีในไฟล์และช่องว่างในไฟล์คงค่าที่บันทึกไว้ (กำหนด CLEAR_EMPTY หากต้องการให้ช่องว่างลบค่า)</translation>
        </message>
        <message>
            <source>Parcels far outside the municipality</source>
            <translation>แปลงที่ดินที่อยู่ไกลนอกเขตเทศบาล</translation>
        </message>
    </context>
    <context>
        <name>ImportRoadsAlgorithm</name>
        <message>
            <source>Import roads</source>
            <translation>นำเข้าถนน</translation>
        </message>
        <message>
            <source>Imports roads from an OpenStreetMap extract (.osm.pbf / .osm: highway=* lines) or from a line layer into the workspace: Thai and English names, road class, surface mapped to the Thai surface classes (ลาดยาง, คอนกรีต, ลูกรัง, หินคลุก, ดิน), lanes, width, lit, length in metres. CLASSES limits the import, e.g. primary,secondary,tertiary,residential. Importing again updates roads with the same OSM id or road code instead of duplicating them.</source>
            <translation>นำเข้าถนนจากไฟล์ข้อมูล OpenStreetMap (.osm.pbf / .osm: เส้น highway=*) หรือจากชั้นข้อมูลเส้นเข้าสู่พื้นที่ทำงาน ได้แก่ ชื่อภาษาไทยและภาษาอังกฤษ ประเภทถนน ผิวจราจรซึ่งจัดเข้าประเภทผิวจราจรภาษาไทย (ลาดยาง, คอนกรีต, ลูกรัง, หินคลุก, ดิน) จำนวนช่องจราจร ความกว้าง การมีไฟฟ้าแสงสว่าง และความยาวเป็นเมตร CLASSES ใช้จำกัดประเภทถนนที่นำเข้า เช่น primary,secondary,tertiary,residential การนำเข้าซ้ำจะปรับปรุงถนนที่มี OSM id หรือรหัสสายทางเดียวกันแทนการเพิ่มซ้ำ</translation>
        </message>
        <message>
            <source>OpenStreetMap extract or road file</source>
            <translation>ไฟล์ข้อมูล OpenStreetMap หรือไฟล์ถนน</translation>
        </message>
        <message>
            <source>…or a road line layer</source>
            <translation>…หรือชั้นข้อมูลเส้นถนน</translation>
        </message>
        <message>
            <source>Road classes to import (comma-separated; empty: all)</source>
            <translation>ประเภทถนนที่จะนำเข้า (คั่นด้วยจุลภาค; เว้นว่าง: ทั้งหมด)</translation>
        </message>
        <message>
            <source>By class: {classes}</source>
            <translation>ตามประเภทถนน: {classes}</translation>
        </message>
        <message>
            <source>By surface: {surfaces}</source>
            <translation>ตามผิวจราจร: {surfaces}</translation>
        </message>
        <message>
            <source>Rejected {road}: {reason}</source>
            <translation>ปฏิเสธ {road}: {reason}</translation>
        </message>
        <message>
            <source>Roads read</source>
            <translation>ถนนที่อ่าน</translation>
        </message>
        <message>
            <source>Roads added</source>
            <translation>ถนนที่เพิ่ม</translation>
        </message>
        <message>
            <source>Roads updated</source>
            <translation>ถนนที่ปรับปรุง</translation>
        </message>
        <message>
            <source>Roads rejected</source>
            <translation>ถนนที่ถูกปฏิเสธ</translation>
        </message>
        <message>
            <source>Roads far outside the municipality</source>
            <translation>ถนนที่อยู่ไกลนอกเขตเทศบาล</translation>
        </message>
        <message>
            <source>Matched to existing roads: {matched}; {changed} really changed.</source>
            <translation>ตรงกับถนนที่มีอยู่: {matched} เปลี่ยนแปลงจริง {changed} สาย</translation>
        </message>
        <message>
            <source>Roads already up to date</source>
            <translation>ถนนที่เป็นปัจจุบันอยู่แล้ว</translation>
        </message>
        <message>
            <source>{read} read, {inserted} added, {updated} updated, {unchanged} already up to date, {rejected} rejected.</source>
            <translation>อ่าน {read} รายการ เพิ่ม {inserted} ปรับปรุง {updated} เป็นปัจจุบันอยู่แล้ว {unchanged} ปฏิเสธ {rejected}</translation>
        </message>
    </context>
    <context>
        <name>ImportStreetlightsAlgorithm</name>
        <message>
            <source>Import streetlights</source>
            <translation>นำเข้าไฟฟ้าสาธารณะ</translation>
        </message>
        <message>
            <source>Imports streetlights from an OpenStreetMap extract (highway=street_lamp nodes with ref, support, lamp_type / light:method, light:count) or from a survey point layer. Thai condition notes (e.g. 'สภาพดี', 'ชำรุด', 'ดับ', 'สายไฟห้อย') become a lamp status, and the reason is kept in the note. Importing again updates lamps with the same OSM id or pole reference.</source>
            <translation>นำเข้าไฟฟ้าสาธารณะจากไฟล์ข้อมูล OpenStreetMap (จุด highway=street_lamp ที่มี ref, support, lamp_type / light:method, light:count) หรือจากชั้นข้อมูลจุดที่ได้จากการสำรวจ บันทึกสภาพที่เป็นภาษาไทย (เช่น 'สภาพดี', 'ชำรุด', 'ดับ', 'สายไฟห้อย') จะถูกแปลงเป็นสถานะไฟฟ้าสาธารณะ และเก็บสาเหตุไว้ในหมายเหตุ การนำเข้าซ้ำจะปรับปรุงไฟฟ้าสาธารณะที่มี OSM id หรือรหัสเสาเดียวกัน</translation>
        </message>
        <message>
            <source>OpenStreetMap extract or streetlight file</source>
            <translation>ไฟล์ข้อมูล OpenStreetMap หรือไฟล์ไฟฟ้าสาธารณะ</translation>
        </message>
        <message>
            <source>…or a streetlight point layer</source>
            <translation>…หรือชั้นข้อมูลจุดไฟฟ้าสาธารณะ</translation>
        </message>
        <message>
            <source>Status: {statuses}</source>
            <translation>สถานะ: {statuses}</translation>
        </message>
        <message>
            <source>Rejected {lamp}: {reason}</source>
            <translation>ปฏิเสธ {lamp}: {reason}</translation>
        </message>
        <message>
            <source>Streetlights read</source>
            <translation>ไฟฟ้าสาธารณะที่อ่าน</translation>
        </message>
        <message>
            <source>Streetlights added</source>
            <translation>ไฟฟ้าสาธารณะที่เพิ่ม</translation>
        </message>
        <message>
            <source>Streetlights updated</source>
            <translation>ไฟฟ้าสาธารณะที่ปรับปรุง</translation>
        </message>
        <message>
            <source>Streetlights rejected</source>
            <translation>ไฟฟ้าสาธารณะที่ถูกปฏิเสธ</translation>
        </message>
        <message>
            <source>Streetlights far outside the municipality</source>
            <translation>ไฟฟ้าสาธารณะที่อยู่ไกลนอกเขตเทศบาล</translation>
        </message>
        <message>
            <source>Matched to existing streetlights: {matched}; {changed} really changed.</source>
            <translation>ตรงกับไฟฟ้าสาธารณะที่มีอยู่: {matched} เปลี่ยนแปลงจริง {changed} ต้น</translation>
        </message>
        <message>
            <source>Streetlights already up to date</source>
            <translation>ไฟฟ้าสาธารณะที่เป็นปัจจุบันอยู่แล้ว</translation>
        </message>
        <message>
            <source>{read} read, {inserted} added, {updated} updated, {unchanged} already up to date, {rejected} rejected.</source>
            <translation>อ่าน {read} รายการ เพิ่ม {inserted} ปรับปรุง {updated} เป็นปัจจุบันอยู่แล้ว {unchanged} ปฏิเสธ {rejected}</translation>
        </message>
    </context>
    <context>
        <name>ImportVillagesAlgorithm</name>
        <message>
            <source>Import village and community boundaries</source>
            <translation>นำเข้าขอบเขตหมู่บ้านและชุมชน</translation>
        </message>
        <message>
            <source>Imports หมู่บ้าน / ชุมชน boundaries — the zones council maps are printed per page — from any polygon layer or file (GeoJSON, Shapefile, GeoPackage, any CRS) into the workspace's villages layer, reprojected to the workspace's CRS.

NUMBER_FIELD holds the number: 3, ๓, หมู่ ๓, หมู่ที่ 3, ม.3 and 03 are all read as 3 (1–99); a value that is not a number stops the import and lists it. NAME_FIELD (Thai name), NAME_EN_FIELD and TAMBON_FIELD (the 6-digit DOPA tambon code, where the municipality spans several tambons) are optional; fields not given are looked for under their usual names. KIND says what the zones are — village (หมู่บ้าน), community (ชุมชน), taxmap_zone (เขตแผนที่ภาษี) or khwaeng (แขวง) — for legends and page titles; left empty, the workspace's label is kept.

Invalid geometries are repaired and counted; features without geometry or number are rejected with the reason. Two polygons with the same number (in the same tambon) stop the import and are listed, unless MERGE_DUPLICATES is set: then they become one zone of several parts.

Importing again never duplicates: a zone is matched by its tambon and number; only the fields given change, zones already up to date are not written (no change-log entry), and zones the file does not have are kept. Everything is written in one transaction: a failed run changes nothing.</source>
            <translation>นำเข้าขอบเขตหมู่บ้าน / ชุมชน ซึ่งเป็นเขตที่แผนที่สำหรับสภาใช้พิมพ์หน้าละหนึ่งเขต จากชั้นข้อมูลหรือไฟล์รูปหลายเหลี่ยมใดก็ได้ (GeoJSON, Shapefile, GeoPackage ระบบพิกัดใดก็ได้) เข้าสู่ชั้นข้อมูลหมู่บ้านของพื้นที่ทำงาน โดยแปลงเป็นระบบพิกัดของพื้นที่ทำงาน

NUMBER_FIELD เก็บหมายเลข: 3, ๓, หมู่ ๓, หมู่ที่ 3, ม.3 และ 03 อ่านเป็น 3 ทั้งหมด (1–99) ค่าที่ไม่ใช่ตัวเลขจะหยุดการนำเข้าพร้อมแสดงรายการ NAME_FIELD (ชื่อภาษาไทย) NAME_EN_FIELD และ TAMBON_FIELD (รหัสตำบล 6 หลักของกรมการปกครอง กรณีเทศบาลครอบคลุมหลายตำบล) ไม่บังคับ ฟิลด์ที่ไม่ได้ระบุจะค้นหาจากชื่อที่ใช้กันทั่วไป KIND ระบุว่าเขตเป็นอะไร ได้แก่ village (หมู่บ้าน), community (ชุมชน), taxmap_zone (เขตแผนที่ภาษี) หรือ khwaeng (แขวง) สำหรับคำอธิบายสัญลักษณ์และชื่อหน้า หากเว้นว่างจะคงป้ายของพื้นที่ทำงานไว้

รูปเรขาคณิตที่ไม่ถูกต้องจะถูกซ่อมและนับจำนวน ข้อมูลที่ไม่มีรูปเรขาคณิตหรือไม่มีหมายเลขจะถูกปฏิเสธพร้อมเหตุผล รูปหลายเหลี่ยมสองรูปที่มีหมายเลขเดียวกัน (ในตำบลเดียวกัน) จะหยุดการนำเข้าพร้อมแสดงรายการ เว้นแต่กำหนด MERGE_DUPLICATES ซึ่งจะรวมเป็นเขตเดียวที่มีหลายส่วน

การนำเข้าซ้ำจะไม่เพิ่มข้อมูลซ้ำ: เขตจะจับคู่ด้วยตำบลและหมายเลข เปลี่ยนเฉพาะฟิลด์ที่ระบุ เขตที่เป็นปัจจุบันแล้วจะไม่ถูกเขียนซ้ำ (ไม่มีรายการในบันทึกการเปลี่ยนแปลง) และเขตที่ไม่มีในไฟล์จะคงไว้ ทุกอย่างเขียนในธุรกรรมเดียว: การทำงานที่ล้มเหลวจะไม่เปลี่ยนแปลงสิ่งใด</translation>
        </message>
        <message>
            <source>Village or community boundaries</source>
            <translation>ขอบเขตหมู่บ้านหรือชุมชน</translation>
        </message>
        <message>
            <source>Number field (หมู่ที่; default: found by its name)</source>
            <translation>ฟิลด์หมายเลข (หมู่ที่; ค่าเริ่มต้น: ค้นหาจากชื่อฟิลด์)</translation>
        </message>
        <message>
            <source>Thai name field</source>
            <translation>ฟิลด์ชื่อภาษาไทย</translation>
        </message>
        <message>
            <source>English name field</source>
            <translation>ฟิลด์ชื่อภาษาอังกฤษ</translation>
        </message>
        <message>
            <source>Tambon code field (6 digits)</source>
            <translation>ฟิลด์รหัสตำบล (6 หลัก)</translation>
        </message>
        <message>
            <source>Kind of zone (empty: keep the workspace's)</source>
            <translation>ประเภทเขต (ว่าง: คงตามพื้นที่ทำงาน)</translation>
        </message>
        <message>
            <source>Merge polygons with the same number into one zone (default: stop and list them)</source>
            <translation>รวมรูปหลายเหลี่ยมที่มีหมายเลขเดียวกันเป็นเขตเดียว (ค่าเริ่มต้น: หยุดและแสดงรายการ)</translation>
        </message>
        <message>
            <source>Source CRS, if the layer's is missing or wrong</source>
            <translation>ระบบพิกัดต้นทาง หากชั้นข้อมูลไม่มีระบบพิกัดหรือระบุไว้ไม่ถูกต้อง</translation>
        </message>
        <message>
            <source>Rejected boundaries</source>
            <translation>ขอบเขตที่ถูกปฏิเสธ</translation>
        </message>
        <message>
            <source>Boundaries read</source>
            <translation>ขอบเขตที่อ่าน</translation>
        </message>
        <message>
            <source>Zones added</source>
            <translation>เขตที่เพิ่ม</translation>
        </message>
        <message>
            <source>Zones updated</source>
            <translation>เขตที่ปรับปรุง</translation>
        </message>
        <message>
            <source>Zones already up to date</source>
            <translation>เขตที่เป็นปัจจุบันอยู่แล้ว</translation>
        </message>
        <message>
            <source>Stored zones not in the file (kept)</source>
            <translation>เขตเดิมที่ไม่มีในไฟล์ (คงไว้)</translation>
        </message>
        <message>
            <source>Geometries repaired</source>
            <translation>รูปแปลงที่ซ่อมแล้ว</translation>
        </message>
        <message>
            <source>Zones merged from several polygons</source>
            <translation>เขตที่รวมจากหลายรูปหลายเหลี่ยม</translation>
        </message>
        <message>
            <source>Boundaries rejected</source>
            <translation>ขอบเขตที่ถูกปฏิเสธ</translation>
        </message>
        <message>
            <source>Zones far outside the municipality</source>
            <translation>เขตที่อยู่ห่างนอกพื้นที่ของเทศบาล</translation>
        </message>
        <message>
            <source>Reading {layer}…</source>
            <translation>กำลังอ่าน {layer}…</translation>
        </message>
        <message>
            <source>Field mapping: {mapping}</source>
            <translation>การจับคู่ฟิลด์: {mapping}</translation>
        </message>
        <message>
            <source>{read} read, {inserted} added, {updated} updated, {unchanged} already up to date, {rejected} rejected; {kept} stored zones not in the file were kept.</source>
            <translation>อ่าน {read} เพิ่มใหม่ {inserted} ปรับปรุง {updated} เป็นปัจจุบันอยู่แล้ว {unchanged} ปฏิเสธ {rejected} และคงเขตเดิมที่ไม่มีในไฟล์ไว้ {kept} เขต</translation>
        </message>
        <message>
            <source>The zones are labelled: {kind}</source>
            <translation>ประเภทของเขต: {kind}</translation>
        </message>
        <message>
            <source>Repaired {n} invalid geometries: {codes}</source>
            <translation>ซ่อมรูปเรขาคณิตที่ไม่ถูกต้อง {n} รายการ: {codes}</translation>
        </message>
        <message>
            <source>Merged the polygons of {n} numbers into one zone each: {zones}</source>
            <translation>รวมรูปหลายเหลี่ยมของ {n} หมายเลขเป็นหมายเลขละหนึ่งเขต: {zones}</translation>
        </message>
        <message>
            <source>Rejected {zone}: {reason}</source>
            <translation>ปฏิเสธ {zone}: {reason}</translation>
        </message>
    </context>
    <context>
        <name>InspectorDock</name>
        <message>
            <source>CDDP Parcel &amp; household inspector</source>
            <translation>CDDP ตรวจดูแปลงที่ดินและครัวเรือน</translation>
        </message>
        <message>
            <source>Pick a parcel on the map</source>
            <translation>เลือกแปลงบนแผนที่</translation>
        </message>
        <message>
            <source>Show names</source>
            <translation>แสดงชื่อ</translation>
        </message>
        <message>
            <source>Show owner and resident names (personal data under PDPA; every view is logged)</source>
            <translation>แสดงชื่อเจ้าของที่ดินและผู้อยู่อาศัย (ข้อมูลส่วนบุคคลตาม พ.ร.บ. คุ้มครองข้อมูลส่วนบุคคล มีการบันทึกทุกครั้งที่เปิดดู)</translation>
        </message>
        <message>
            <source>Click "Pick a parcel on the map", then click a parcel.</source>
            <translation>กด "เลือกแปลงบนแผนที่" แล้วคลิกแปลงที่ดิน</translation>
        </message>
        <message>
            <source>Parcel</source>
            <translation>แปลงที่ดิน</translation>
        </message>
        <message>
            <source>Parcel code</source>
            <translation>รหัสแปลง</translation>
        </message>
        <message>
            <source>Document</source>
            <translation>เอกสารสิทธิ์</translation>
        </message>
        <message>
            <source>Area</source>
            <translation>เนื้อที่</translation>
        </message>
        <message>
            <source>Map sheet</source>
            <translation>ระวาง</translation>
        </message>
        <message>
            <source>Owner</source>
            <translation>ผู้ถือกรรมสิทธิ์</translation>
        </message>
        <message>
            <source>Linked households</source>
            <translation>ครัวเรือนที่เชื่อมโยงแล้ว</translation>
        </message>
        <message>
            <source>House no.</source>
            <translation>บ้านเลขที่</translation>
        </message>
        <message>
            <source>Method</source>
            <translation>วิธีเชื่อมโยง</translation>
        </message>
        <message>
            <source>Confidence</source>
            <translation>ความเชื่อมั่น</translation>
        </message>
        <message>
            <source>Distance (m)</source>
            <translation>ระยะ (ม.)</translation>
        </message>
        <message>
            <source>Link a household…</source>
            <translation>เชื่อมครัวเรือน…</translation>
        </message>
        <message>
            <source>Then click a household point on the map: it is linked to this parcel by hand (method "manual")</source>
            <translation>จากนั้นคลิกจุดครัวเรือนบนแผนที่ ระบบจะเชื่อมครัวเรือนนั้นกับแปลงนี้ด้วยมือ (วิธี "กำหนดเอง")</translation>
        </message>
        <message>
            <source>Unlink selected</source>
            <translation>ยกเลิกการเชื่อมที่เลือก</translation>
        </message>
        <message>
            <source>Zoom to parcel</source>
            <translation>ซูมไปที่แปลง</translation>
        </message>
        <message>
            <source>Show households on map</source>
            <translation>แสดงครัวเรือนบนแผนที่</translation>
        </message>
        <message>
            <source>Open a CDDP workspace project first (its parcels and households layers).</source>
            <translation>เปิดโครงการพื้นที่ทำงาน CDDP ก่อน (ชั้นข้อมูลแปลงที่ดินและครัวเรือน)</translation>
        </message>
        <message>
            <source>Pick a parcel first.</source>
            <translation>เลือกแปลงที่ดินก่อน</translation>
        </message>
        <message>
            <source>{rai}-{ngan}-{wa} rai ({sqm:,.0f} m²)</source>
            <translation>{rai}-{ngan}-{wa} ไร่ ({sqm:,.0f} ตร.ม.)</translation>
        </message>
        <message>
            <source>No linked households.</source>
            <translation>ไม่มีครัวเรือนที่เชื่อมโยง</translation>
        </message>
        <message>
            <source>{n} households; no residents recorded.</source>
            <translation>{n} ครัวเรือน ยังไม่มีข้อมูลผู้อยู่อาศัย</translation>
        </message>
        <message>
            <source>{n} households, {r} residents: {e} elderly, {b} bedridden, {hb} homebound, {d} disabled, {nc} dependent without caretaker.</source>
            <translation>{n} ครัวเรือน ผู้อยู่อาศัย {r} คน: ผู้สูงอายุ {e} ติดเตียง {b} ติดบ้าน {hb} ผู้พิการ {d} ผู้มีภาวะพึ่งพิงที่ไม่มีผู้ดูแล {nc}</translation>
        </message>
        <message>
            <source>Names: {names}</source>
            <translation>รายชื่อ: {names}</translation>
        </message>
        <message>
            <source>The households layer cannot be edited.</source>
            <translation>ไม่สามารถแก้ไขชั้นข้อมูลครัวเรือนได้</translation>
        </message>
        <message>
            <source>Link household to parcel</source>
            <translation>เชื่อมครัวเรือนกับแปลงที่ดิน</translation>
        </message>
        <message>
            <source>Household {house} linked to parcel {parcel} by hand. Save the households layer to keep it; Ctrl+Z undoes.</source>
            <translation>เชื่อมครัวเรือน {house} กับแปลง {parcel} ด้วยมือแล้ว บันทึกชั้นข้อมูลครัวเรือนเพื่อเก็บการแก้ไข กด Ctrl+Z เพื่อย้อนกลับ</translation>
        </message>
        <message>
            <source>Select a household in the list first.</source>
            <translation>เลือกครัวเรือนในรายการก่อน</translation>
        </message>
        <message>
            <source>Unlink household from parcel</source>
            <translation>ยกเลิกการเชื่อมครัวเรือนกับแปลงที่ดิน</translation>
        </message>
        <message>
            <source>Household {house} unlinked. Save the households layer to keep it; Ctrl+Z undoes.</source>
            <translation>ยกเลิกการเชื่อมครัวเรือน {house} แล้ว บันทึกชั้นข้อมูลครัวเรือนเพื่อเก็บการแก้ไข กด Ctrl+Z เพื่อย้อนกลับ</translation>
        </message>
    </context>
    <context>
        <name>InstallDependenciesAlgorithm</name>
        <message>
            <source>Install Python packages</source>
            <translation>ติดตั้งแพ็กเกจ Python</translation>
        </message>
        <message>
            <source>Installs the Python packages CDDP needs beyond what QGIS ships (pandas, shapely, geopandas and their helpers), in the versions CDDP was tested with, with pip into a folder of your QGIS profile: per user, no administrator rights, nothing changed in QGIS's own Python. The plugin uses them at once, without restarting QGIS. Packages QGIS already has in a recent enough version are not installed again.

GDAL, NumPy and pyproj always come from QGIS itself: copies from pip would bring a second GDAL or PROJ into QGIS.

Without internet access: download the wheel files on another computer (pip download --only-binary=:all: --no-deps with the versions listed in the log) and give their folder as WHEELS. QGIS's proxy setting is used.</source>
            <translation>ติดตั้งแพ็กเกจ Python ที่ CDDP ต้องใช้นอกเหนือจากที่มากับ QGIS (pandas, shapely, geopandas และแพ็กเกจประกอบ) ในรุ่นที่ CDDP ทดสอบแล้ว ด้วย pip ลงในโฟลเดอร์ของโปรไฟล์ QGIS: ติดตั้งรายผู้ใช้ ไม่ต้องใช้สิทธิ์ผู้ดูแลระบบ และไม่แก้ไข Python ของ QGIS ปลั๊กอินใช้งานได้ทันทีโดยไม่ต้องเปิด QGIS ใหม่ แพ็กเกจที่ QGIS มีอยู่แล้วในรุ่นที่ใหม่พอจะไม่ถูกติดตั้งซ้ำ

GDAL, NumPy และ pyproj ใช้ของ QGIS เสมอ เพราะชุดจาก pip จะนำ GDAL หรือ PROJ ชุดที่สองเข้ามาใน QGIS

หากไม่มีอินเทอร์เน็ต: ดาวน์โหลดไฟล์ wheel จากคอมพิวเตอร์เครื่องอื่น (pip download --only-binary=:all: --no-deps ตามรุ่นที่แสดงในบันทึก) แล้วระบุโฟลเดอร์นั้นเป็น WHEELS ระบบใช้การตั้งค่าพร็อกซีของ QGIS</translation>
        </message>
        <message>
            <source>Folder of wheel files (only without internet access)</source>
            <translation>โฟลเดอร์ไฟล์ wheel (เฉพาะเมื่อไม่มีอินเทอร์เน็ต)</translation>
        </message>
        <message>
            <source>Packages folder</source>
            <translation>โฟลเดอร์แพ็กเกจ</translation>
        </message>
        <message>
            <source>Installed packages</source>
            <translation>แพ็กเกจที่ติดตั้ง</translation>
        </message>
        <message>
            <source>Number of packages installed</source>
            <translation>จำนวนแพ็กเกจที่ติดตั้ง</translation>
        </message>
        <message>
            <source>Every package CDDP needs is already installed.</source>
            <translation>มีแพ็กเกจทุกตัวที่ CDDP ต้องใช้แล้ว</translation>
        </message>
        <message>
            <source>Installing {packages} into {folder}</source>
            <translation>กำลังติดตั้ง {packages} ลงใน {folder}</translation>
        </message>
        <message>
            <source>Installed {packages}; CDDP can use them now.</source>
            <translation>ติดตั้ง {packages} แล้ว CDDP ใช้งานได้ทันที</translation>
        </message>
    </context>
    <context>
        <name>LinkHouseholdsAlgorithm</name>
        <message>
            <source>Link households to parcels</source>
            <translation>เชื่อมโยงครัวเรือนกับแปลงที่ดิน</translation>
        </message>
        <message>
            <source>Households (points)</source>
            <translation>ครัวเรือน (จุด)</translation>
        </message>
        <message>
            <source>Parcels (polygons)</source>
            <translation>แปลงที่ดิน (รูปหลายเหลี่ยม)</translation>
        </message>
        <message>
            <source>Parcel id field (default: uuid, else the first unique field)</source>
            <translation>ฟิลด์รหัสระบุแปลง (ค่าเริ่มต้น: uuid หากไม่มีจะใช้ฟิลด์แรกที่มีค่าไม่ซ้ำ)</translation>
        </message>
        <message>
            <source>Largest distance to a parcel</source>
            <translation>ระยะห่างสูงสุดถึงแปลงที่ดิน</translation>
        </message>
        <message>
            <source>Write the links into the workspace's households layer</source>
            <translation>เขียนผลการเชื่อมโยงลงในชั้นข้อมูลครัวเรือนของพื้นที่ทำงาน</translation>
        </message>
        <message>
            <source>Linked households</source>
            <translation>ครัวเรือนที่เชื่อมโยงแล้ว</translation>
        </message>
        <message>
            <source>Unlinked households</source>
            <translation>ครัวเรือนที่ยังไม่ได้เชื่อมโยง</translation>
        </message>
        <message>
            <source>Reading households and parcels…</source>
            <translation>กำลังอ่านครัวเรือนและแปลงที่ดิน…</translation>
        </message>
        <message>
            <source>{n} parcels have invalid geometry and were repaired for linking (not in the data).</source>
            <translation>แปลงที่ดิน {n} แปลงมีรูปเรขาคณิตไม่ถูกต้อง จึงซ่อมเพื่อใช้ในการเชื่อมโยงเท่านั้น (ไม่ได้แก้ไขในข้อมูล)</translation>
        </message>
        <message>
            <source>Linking {n} households to {m} parcels (largest distance {d:g} m)…</source>
            <translation>กำลังเชื่อมโยงครัวเรือน {n} ครัวเรือนกับแปลงที่ดิน {m} แปลง (ระยะห่างสูงสุด {d:g} m)…</translation>
        </message>
        <message>
            <source>Workspace households updated: {n} links changed (recorded in the change log).</source>
            <translation>ปรับปรุงครัวเรือนในพื้นที่ทำงานแล้ว: เปลี่ยนการเชื่อมโยง {n} รายการ (บันทึกไว้ในบันทึกการเปลี่ยนแปลง)</translation>
        </message>
        <message>
            <source>  not linked, {reason}: {count}</source>
            <translation>  ไม่ได้เชื่อมโยง ({reason}): {count}</translation>
        </message>
        <message>
            <source>Confidence: {bins}; ambiguous: {amb}</source>
            <translation>ค่าความเชื่อมั่น: {bins}; ไม่ชัดเจน: {amb}</translation>
        </message>
        <message>
            <source>Notes: {notes}</source>
            <translation>หมายเหตุ: {notes}</translation>
        </message>
        <message>
            <source>Households linked</source>
            <translation>ครัวเรือนที่เชื่อมโยงแล้ว</translation>
        </message>
        <message>
            <source>Households not linked</source>
            <translation>ครัวเรือนที่ยังไม่ได้เชื่อมโยง</translation>
        </message>
        <message>
            <source>Ambiguous links</source>
            <translation>การเชื่อมโยงที่ไม่ชัดเจน</translation>
        </message>
        <message>
            <source>Links each household point to the land parcel it stands on and explains the link: parcel_id, link_method (within, nearest, code, house_number, manual), link_confidence (0–1), link_distance_m and, when it is ambiguous, link_candidates.

A point inside one parcel scores high, lower near its boundary; a point outside every parcel (e.g. on the road in front of the house) is linked to the nearest parcel within MAX_DISTANCE and scores lower the closer the parcel across the road is. Tax-map codes (parcel_code, or building codes like 20F026-B002) and house numbers are used when the layers carry them. Manual links are never overwritten.

When HOUSEHOLDS is the workspace's households layer and UPDATE_WORKSPACE is on, the links are written into it (through the change log), and then PARCELS must be the parcels layer of the same workspace, unfiltered, with the uuid as parcel id: links to another file's parcels would point at nothing, so the algorithm refuses them. To link against any other parcels layer, switch UPDATE_WORKSPACE off: the links then go to OUTPUT only. A manual link an officer saves while the links are computed is kept too (counted in the log).

MAX_DISTANCE is at most 500 m: a household stands on its parcel or on the road in front of it, never farther. Both layers need a coordinate reference system.</source>
            <translation>เชื่อมโยงจุดครัวเรือนแต่ละจุดกับแปลงที่ดินที่ตั้งอยู่ พร้อมอธิบายการเชื่อมโยง ได้แก่ parcel_id, link_method (within, nearest, code, house_number, manual), link_confidence (0–1), link_distance_m และ link_candidates เมื่อการเชื่อมโยงไม่ชัดเจน

จุดที่อยู่ภายในแปลงเดียวจะได้ค่าความเชื่อมั่นสูง และต่ำลงเมื่ออยู่ใกล้แนวเขตแปลง จุดที่อยู่นอกทุกแปลง (เช่น บนถนนหน้าบ้าน) จะเชื่อมโยงกับแปลงที่ใกล้ที่สุดภายในระยะ MAX_DISTANCE และได้ค่าความเชื่อมั่นยิ่งต่ำลงเมื่อแปลงฝั่งตรงข้ามถนนอยู่ใกล้ขึ้น ระบบจะใช้รหัสแผนที่ภาษี (parcel_code หรือรหัสอาคาร เช่น 20F026-B002) และบ้านเลขที่เมื่อชั้นข้อมูลมีข้อมูลเหล่านี้ การเชื่อมโยงที่กำหนดเองจะไม่ถูกเขียนทับ

เมื่อ HOUSEHOLDS เป็นชั้นข้อมูลครัวเรือนของพื้นที่ทำงานและเปิด UPDATE_WORKSPACE ผลการเชื่อมโยงจะถูกเขียนลงในชั้นข้อมูลนั้น (ผ่านบันทึกการเปลี่ยนแปลง) และ PARCELS ต้องเป็นชั้นข้อมูลแปลงที่ดินของพื้นที่ทำงานเดียวกัน ไม่มีตัวกรอง และใช้ uuid เป็นรหัสแปลง เพราะการเชื่อมโยงกับแปลงจากไฟล์อื่นจะชี้ไปยังแปลงที่ไม่มีอยู่ ระบบจึงปฏิเสธ หากต้องการเชื่อมโยงกับชั้นข้อมูลแปลงที่ดินอื่น ให้ปิด UPDATE_WORKSPACE แล้วผลการเชื่อมโยงจะเขียนลงใน OUTPUT เท่านั้น การเชื่อมโยงที่เจ้าหน้าที่กำหนดเองและบันทึกระหว่างการคำนวณก็จะถูกเก็บไว้เช่นกัน (นับจำนวนไว้ในบันทึกการทำงาน)

MAX_DISTANCE ไม่เกิน 500 ม. เพราะครัวเรือนตั้งอยู่บนแปลงที่ดินของตนหรือบนถนนหน้าแปลงเสมอ ไม่ไกลกว่านั้น ทั้งสองชั้นข้อมูลต้องมีระบบพิกัด</translation>
        </message>
        <message>
            <source>Manual links kept that changed during the run</source>
            <translation>การเชื่อมโยงที่กำหนดเองซึ่งเปลี่ยนระหว่างการทำงานและถูกเก็บไว้</translation>
        </message>
        <message>
            <source>{n} households kept the manual link an officer set, changed or removed while the links were computed.</source>
            <translation>ครัวเรือน {n} หลังคงการเชื่อมโยงที่เจ้าหน้าที่กำหนด เปลี่ยน หรือลบเองระหว่างการคำนวณการเชื่อมโยงไว้</translation>
        </message>
        <message>
            <source>polygons</source>
            <translation>รูปหลายเหลี่ยม</translation>
        </message>
        <message>
            <source>lines</source>
            <translation>เส้น</translation>
        </message>
        <message>
            <source>no geometry</source>
            <translation>ไม่มีรูปเรขาคณิต</translation>
        </message>
        <message>
            <source>Linked {linked} of {n} households ({pct}).</source>
            <translation>เชื่อมโยงแล้ว {linked} จาก {n} ครัวเรือน ({pct})</translation>
        </message>
        <message>
            <source>  by {method}: {count} ({pct})</source>
            <translation>  ด้วยวิธี {method}: {count} ({pct})</translation>
        </message>
    </context>
    <context>
        <name>MaintenancePlanAlgorithm</name>
        <message>
            <source>Road maintenance plan within a budget</source>
            <translation>แผนซ่อมบำรุงถนนภายในงบประมาณ</translation>
        </message>
        <message>
            <source>Budget (baht)</source>
            <translation>งบประมาณ (บาท)</translation>
        </message>
        <message>
            <source>Unit costs in baht/m² (e.g. routine=60; preservation=150; overlay=400; reconstruct=900)</source>
            <translation>ราคาต่อหน่วย บาท/ตร.ม. (เช่น routine=60; preservation=150; overlay=400; reconstruct=900)</translation>
        </message>
        <message>
            <source>Parcels served: distance to the section (m)</source>
            <translation>แปลงที่ดินที่ถนนให้บริการ: ระยะห่างจากช่วงถนน (ม.)</translation>
        </message>
        <message>
            <source>Weight of a household served (per 100 m)</source>
            <translation>น้ำหนักต่อครัวเรือนที่ได้รับประโยชน์ (ต่อถนน 100 ม.)</translation>
        </message>
        <message>
            <source>Weight of a vulnerable resident served (per 100 m)</source>
            <translation>น้ำหนักต่อผู้อยู่อาศัยกลุ่มเปราะบางที่ได้รับประโยชน์ (ต่อถนน 100 ม.)</translation>
        </message>
        <message>
            <source>Maintenance plan (ranked sections)</source>
            <translation>แผนซ่อมบำรุง (ช่วงถนนเรียงตามลำดับ)</translation>
        </message>
        <message>
            <source>Maintenance plan summary</source>
            <translation>สรุปแผนซ่อมบำรุง</translation>
        </message>
        <message>
            <source>Sections selected</source>
            <translation>จำนวนช่วงถนนที่เลือก</translation>
        </message>
        <message>
            <source>Road selected (km)</source>
            <translation>ระยะทางถนนที่เลือก (กม.)</translation>
        </message>
        <message>
            <source>Cost of the plan (baht)</source>
            <translation>ค่าใช้จ่ายตามแผน (บาท)</translation>
        </message>
        <message>
            <source>Households served</source>
            <translation>ครัวเรือนที่ได้รับประโยชน์</translation>
        </message>
        <message>
            <source>Vulnerable residents served</source>
            <translation>ผู้อยู่อาศัยกลุ่มเปราะบางที่ได้รับประโยชน์</translation>
        </message>
        <message>
            <source>Gap to the optimum's upper bound (%)</source>
            <translation>ส่วนต่างจากขอบบนของค่าที่ดีที่สุด (%)</translation>
        </message>
        <message>
            <source>{n} sections have no area; their area is length × road width (6 m where the road has no width or lanes).</source>
            <translation>{n} ช่วงไม่มีข้อมูลพื้นที่ จึงใช้ความยาว × ความกว้างถนน (6 ม. หากถนนไม่มีข้อมูลความกว้างหรือจำนวนช่องจราจร)</translation>
        </message>
        <message>
            <source>{n} sections that need work have no length and were left out.</source>
            <translation>{n} ช่วงที่ต้องซ่อมไม่มีความยาว จึงไม่ได้นำมาพิจารณา</translation>
        </message>
        <message>
            <source>Ranks the rated road sections for repair and picks the set that does the most good within BUDGET (baht).

Each section's treatment follows its condition band (PCI, or PASER converted to a PCI equivalent); its cost is its area (area_sqm, else length × road width, else 6 m) × the unit cost of the treatment in baht/m² (defaults: routine=60; preservation=150; overlay=400; reconstruct=900 — set your own prices in UNIT_COSTS), rounded up to 1,000 baht. Its benefit is the PCI gain × length, weighted by the households it serves (households linked to parcels within SERVE_DISTANCE of the section, each counted for its nearest section only) and the vulnerable residents among them (elderly, homebound or bedridden, disabled): per 100 m of road, each household adds HOUSEHOLD_WEIGHT and each vulnerable resident VULNERABLE_WEIGHT to a weight of 1.

The selection is an exact 0/1 knapsack (dynamic programming after a reduction) when its size allows, else the best plan found by a greedy selection by benefit per baht, improved around the break-even, with its gap to the optimum's upper bound reported. Output: the sections that need work, ranked (selected first), with cost, benefit, households and vulnerable residents served and the cumulative cost; a summary table (km, baht, households served, method, gap). Only counts of residents are written, never names.</source>
            <translation>จัดลำดับช่วงถนนที่ประเมินสภาพแล้วเพื่อการซ่อม และเลือกชุดช่วงถนนที่ให้ประโยชน์มากที่สุดภายในงบประมาณ BUDGET (บาท)

วิธีซ่อมของแต่ละช่วงเป็นไปตามระดับสภาพ (PCI หรือ PASER ที่แปลงเป็นค่าเทียบเท่า PCI) ค่าซ่อมคือพื้นที่ (area_sqm หรือความยาว × ความกว้างถนน หรือ 6 ม.) × ราคาต่อหน่วยของวิธีซ่อมเป็นบาท/ตร.ม. (ค่าเริ่มต้น: routine=60; preservation=150; overlay=400; reconstruct=900 — กำหนดราคากลางของท่านเองใน UNIT_COSTS) ปัดขึ้นเป็นหลักพันบาท ประโยชน์คือค่า PCI ที่เพิ่มขึ้น × ความยาว ถ่วงน้ำหนักด้วยครัวเรือนที่ถนนให้บริการ (ครัวเรือนที่เชื่อมโยงกับแปลงที่ดินภายในระยะ SERVE_DISTANCE จากช่วงถนน นับให้ช่วงที่ใกล้ที่สุดเพียงช่วงเดียว) และผู้อยู่อาศัยกลุ่มเปราะบางในครัวเรือนเหล่านั้น (ผู้สูงอายุ ผู้ป่วยติดบ้านหรือติดเตียง ผู้พิการ): ต่อถนน 100 ม. แต่ละครัวเรือนเพิ่มน้ำหนัก HOUSEHOLD_WEIGHT และผู้อยู่อาศัยกลุ่มเปราะบางแต่ละคนเพิ่ม VULNERABLE_WEIGHT จากน้ำหนักฐาน 1

การเลือกใช้ปัญหาเป้ใส่ของแบบ 0/1 ที่แก้แบบแม่นตรง (กำหนดการพลวัตหลังการลดขนาดปัญหา) เมื่อขนาดเอื้ออำนวย มิฉะนั้นใช้แผนที่ดีที่สุดที่หาได้จากการเลือกแบบละโมบตามประโยชน์ต่อบาท ซึ่งปรับปรุงรอบจุดคุ้มทุนแล้ว พร้อมรายงานส่วนต่างจากขอบบนของค่าที่ดีที่สุด ผลลัพธ์: ช่วงถนนที่ต้องซ่อมเรียงตามลำดับ (ช่วงที่เลือกอยู่ก่อน) พร้อมค่าซ่อม ประโยชน์ จำนวนครัวเรือนและผู้อยู่อาศัยกลุ่มเปราะบางที่ได้รับประโยชน์ และค่าใช้จ่ายสะสม และตารางสรุป (กม. บาท ครัวเรือนที่ได้รับประโยชน์ วิธีการ ส่วนต่าง) บันทึกเฉพาะจำนวนผู้อยู่อาศัย ไม่มีชื่อบุคคล</translation>
        </message>
        <message>
            <source>{n} road sections: {unrated} unrated, {good} need no work, {candidates} need work (cost of all: {need}).</source>
            <translation>ช่วงถนน {n} ช่วง: ยังไม่ประเมิน {unrated} ช่วง ไม่ต้องซ่อม {good} ช่วง ต้องซ่อม {candidates} ช่วง (ค่าซ่อมทั้งหมด {need})</translation>
        </message>
        <message>
            <source>THB</source>
            <translation>บาท</translation>
        </message>
        <message>
            <source>Selected {selected} sections, {km}, {cost} of {budget} ({left} left), serving {households} households with {vulnerable} vulnerable residents.</source>
            <translation>เลือก {selected} ช่วง ระยะทาง {km} ใช้งบ {cost} จาก {budget} (เหลือ {left}) ให้บริการ {households} ครัวเรือน มีผู้อยู่อาศัยกลุ่มเปราะบาง {vulnerable} คน</translation>
        </message>
        <message>
            <source>km</source>
            <translation>กม.</translation>
        </message>
        <message>
            <source>Optimal plan (exact knapsack): benefit {benefit}.</source>
            <translation>แผนที่ดีที่สุด (แก้ปัญหาเป้ใส่ของแบบแม่นตรง): ประโยชน์ {benefit}</translation>
        </message>
        <message>
            <source>Plan improved around the break-even (exact there, greedy elsewhere): benefit {benefit}, at most {gap} below the optimum (upper bound {bound}).</source>
            <translation>แผนที่ปรับปรุงรอบจุดคุ้มทุน (แม่นตรงในช่วงนั้น แบบละโมบในส่วนอื่น): ประโยชน์ {benefit} ต่ำกว่าค่าที่ดีที่สุดไม่เกิน {gap} (ขอบบน {bound})</translation>
        </message>
        <message>
            <source>Greedy plan: benefit {benefit}, at most {gap} below the optimum (upper bound {bound}).</source>
            <translation>แผนแบบละโมบ: ประโยชน์ {benefit} ต่ำกว่าค่าที่ดีที่สุดไม่เกิน {gap} (ขอบบน {bound})</translation>
        </message>
    </context>
    <context>
        <name>RoadConditionAlgorithm</name>
        <message>
            <source>Road condition (PASER / PCI)</source>
            <translation>สภาพถนน (PASER / PCI)</translation>
        </message>
        <message>
            <source>Rates every inspected road section from its latest inspection: the ASTM D6433 Pavement Condition Index from the distress records of its sample units (deduct values, the iteration with q and corrected deduct values, area-weighted section PCI), or the PASER rating entered in the field. Writes PCI or PASER, the condition band, the recommended treatment and the inspection date to the road sections, which are styled by band.</source>
            <translation>ประเมินสภาพช่วงสำรวจถนนทุกช่วงที่สำรวจแล้วจากผลการสำรวจครั้งล่าสุด โดยคำนวณดัชนีสภาพผิวทาง (Pavement Condition Index) ตาม ASTM D6433 จากรายการความเสียหายผิวทางของหน่วยตัวอย่าง (ค่าหักลด การคำนวณซ้ำด้วย q และค่าหักลดปรับแก้ และ PCI ของช่วงถนนแบบถ่วงน้ำหนักตามพื้นที่) หรือใช้ค่า PASER ที่บันทึกจากการสำรวจภาคสนาม แล้วเขียนค่า PCI หรือ PASER ระดับสภาพ วิธีซ่อมที่แนะนำ และวันที่สำรวจลงในช่วงสำรวจถนน ซึ่งแสดงสัญลักษณ์ตามระดับสภาพ</translation>
        </message>
        <message>
            <source>{pci} sections rated by PCI ({units} sample units, {distresses} distress records), {paser} by PASER, {unrated} without inspection.</source>
            <translation>ประเมินด้วย PCI {pci} ช่วง (หน่วยตัวอย่าง {units} หน่วย รายการความเสียหาย {distresses} รายการ) ด้วย PASER {paser} ช่วง ไม่มีผลการสำรวจ {unrated} ช่วง</translation>
        </message>
        <message>
            <source>By band: {bands}</source>
            <translation>ตามระดับสภาพ: {bands}</translation>
        </message>
        <message>
            <source>Sections rated by PCI</source>
            <translation>ช่วงถนนที่ประเมินด้วย PCI</translation>
        </message>
        <message>
            <source>Sections rated by PASER</source>
            <translation>ช่วงถนนที่ประเมินด้วย PASER</translation>
        </message>
        <message>
            <source>Sections without inspection</source>
            <translation>ช่วงถนนที่ยังไม่ได้สำรวจ</translation>
        </message>
    </context>
    <context>
        <name>SegmentRoadsAlgorithm</name>
        <message>
            <source>Segment roads into inspection sections</source>
            <translation>แบ่งถนนเป็นช่วงสำรวจ</translation>
        </message>
        <message>
            <source>Splits the workspace's roads into inspection sections: by length (e.g. every 100 m), or by area with the road width (e.g. 225 m² asphalt sample units). Each section gets its chainage (กม. 0+000), a stable section id and its length and area. Sections that already hold ratings or inspections are only replaced when REPLACE_INSPECTED is ticked.</source>
            <translation>แบ่งถนนในพื้นที่ทำงานเป็นช่วงสำรวจ ตามความยาว (เช่น ทุก 100 m) หรือตามพื้นที่โดยใช้ความกว้างถนน (เช่น หน่วยตัวอย่างผิวลาดยาง 225 m²) แต่ละช่วงจะได้ตำแหน่ง กม. (กม. 0+000) รหัสช่วงที่ไม่เปลี่ยนแปลง ความยาว และพื้นที่ ช่วงที่มีผลการประเมินหรือผลการสำรวจแล้วจะถูกแทนที่เฉพาะเมื่อเลือก REPLACE_INSPECTED</translation>
        </message>
        <message>
            <source>Split by</source>
            <translation>แบ่งตาม</translation>
        </message>
        <message>
            <source>length</source>
            <translation>ความยาว</translation>
        </message>
        <message>
            <source>area (sample units)</source>
            <translation>พื้นที่ (หน่วยตัวอย่าง)</translation>
        </message>
        <message>
            <source>Section length (m)</source>
            <translation>ความยาวช่วง (ม.)</translation>
        </message>
        <message>
            <source>Sample-unit area (m²)</source>
            <translation>พื้นที่หน่วยตัวอย่าง (ตร.ม.)</translation>
        </message>
        <message>
            <source>Width of roads without width or lanes (m)</source>
            <translation>ความกว้างของถนนที่ไม่มีข้อมูลความกว้างหรือจำนวนช่องจราจร (ม.)</translation>
        </message>
        <message>
            <source>Replace sections that already have ratings or inspections</source>
            <translation>แทนที่ช่วงที่มีผลการประเมินหรือผลการสำรวจแล้ว</translation>
        </message>
        <message>
            <source>{roads} roads → {sections} sections ({inserted} added, {updated} kept, {deleted} removed).</source>
            <translation>ถนน {roads} สาย → {sections} ช่วง (เพิ่มใหม่ {inserted} คงไว้ {updated} ลบออก {deleted})</translation>
        </message>
        <message>
            <source>Skipped {road}: {reason}</source>
            <translation>ข้าม {road}: {reason}</translation>
        </message>
        <message>
            <source>Sections</source>
            <translation>ช่วงถนน</translation>
        </message>
        <message>
            <source>Sections added</source>
            <translation>ช่วงถนนที่เพิ่ม</translation>
        </message>
        <message>
            <source>Sections removed</source>
            <translation>ช่วงถนนที่ลบ</translation>
        </message>
        <message>
            <source>Roads skipped</source>
            <translation>ถนนที่ข้าม</translation>
        </message>
        <message>
            <source>Inspections, complaints and work orders moved to new sections</source>
            <translation>ผลการสำรวจ เรื่องร้องเรียน และใบสั่งงานที่ย้ายไปยังช่วงใหม่</translation>
        </message>
        <message>
            <source>Moved from removed sections to the new section at their place: {inspections} inspections, {complaints} complaints, {orders} work orders.</source>
            <translation>ย้ายจากช่วงที่ถูกลบไปยังช่วงใหม่ ณ ตำแหน่งเดิม: ผลการสำรวจ {inspections} รายการ เรื่องร้องเรียน {complaints} เรื่อง ใบสั่งงาน {orders} ใบ</translation>
        </message>
        <message>
            <source>The new sections that received inspections are not rated yet: run Road condition (cddp:roadcondition).</source>
            <translation>ช่วงใหม่ที่ได้รับผลการสำรวจยังไม่ได้ประเมินสภาพ ให้เรียกใช้ สภาพถนน (cddp:roadcondition)</translation>
        </message>
    </context>
    <context>
        <name>StreetlightStatusAlgorithm</name>
        <message>
            <source>Streetlight status, outage clusters and lighting gaps</source>
            <translation>สถานะไฟฟ้าสาธารณะ กลุ่มไฟดับ และช่วงที่ไม่มีไฟส่องสว่าง</translation>
        </message>
        <message>
            <source>Updates each streetlight's status from its fault records and checks (the latest event wins) and the road it stands on; finds outage clusters (at least MIN_LAMPS lamps out within CLUSTER_DISTANCE of each other on one circuit or road: one likely cause, one job); finds lighting gaps along roads flagged lit or of the chosen classes (stretches longer than SPACING without a working lamp); and reports KPIs (lamps out %, median days out, km of gaps).</source>
            <translation>ปรับปรุงสถานะของไฟฟ้าสาธารณะแต่ละต้นจากประวัติเหตุขัดข้องและผลการตรวจสภาพ (ยึดเหตุการณ์ล่าสุด) พร้อมระบุถนนที่ตั้งอยู่ ค้นหากลุ่มไฟดับ (ไฟดับตั้งแต่ MIN_LAMPS ต้นขึ้นไปที่อยู่ห่างกันไม่เกิน CLUSTER_DISTANCE บนวงจรหรือถนนเดียวกัน ซึ่งน่าจะมีสาเหตุเดียวกันและแก้ไขได้ในงานเดียว) ค้นหาช่วงที่ไม่มีไฟส่องสว่างตามถนนที่ระบุว่ามีไฟฟ้าแสงสว่างหรือถนนประเภทที่เลือก (ช่วงที่ยาวเกิน SPACING โดยไม่มีไฟที่ใช้งานได้) และรายงานตัวชี้วัด (KPI) ได้แก่ ร้อยละของไฟดับ ค่ามัธยฐานจำนวนวันที่ดับ และระยะทาง (กม.) ของช่วงที่ไม่มีไฟส่องสว่าง</translation>
        </message>
        <message>
            <source>Cluster distance (m)</source>
            <translation>ระยะห่างภายในกลุ่มไฟดับ (ม.)</translation>
        </message>
        <message>
            <source>Lamps out for a cluster</source>
            <translation>จำนวนไฟดับขั้นต่ำที่นับเป็นกลุ่มไฟดับ</translation>
        </message>
        <message>
            <source>Longest stretch without light (m)</source>
            <translation>ระยะยาวที่สุดที่ไม่มีไฟส่องสว่างได้ (ม.)</translation>
        </message>
        <message>
            <source>Largest lamp-to-road distance (m)</source>
            <translation>ระยะห่างสูงสุดจากเสาไฟถึงถนน (ม.)</translation>
        </message>
        <message>
            <source>Road classes to be lit besides roads flagged lit (comma-separated)</source>
            <translation>ประเภทถนนที่ต้องมีไฟส่องสว่าง นอกเหนือจากถนนที่ระบุว่ามีไฟฟ้าแสงสว่าง (คั่นด้วยจุลภาค)</translation>
        </message>
        <message>
            <source>Outage clusters</source>
            <translation>กลุ่มไฟดับ</translation>
        </message>
        <message>
            <source>Lighting gaps</source>
            <translation>ช่วงที่ไม่มีไฟส่องสว่าง</translation>
        </message>
        <message>
            <source>Streetlight KPIs</source>
            <translation>ตัวชี้วัดไฟฟ้าสาธารณะ (KPI)</translation>
        </message>
        <message>
            <source>{n} lamps: {statuses}; {changed} lamps updated in the workspace.</source>
            <translation>ไฟฟ้าสาธารณะ {n} ต้น: {statuses}; ปรับปรุงในพื้นที่ทำงาน {changed} ต้น</translation>
        </message>
        <message>
            <source>Lamps</source>
            <translation>ไฟฟ้าสาธารณะ (ต้น)</translation>
        </message>
        <message>
            <source>Lamps out (%)</source>
            <translation>ไฟดับ (%)</translation>
        </message>
        <message>
            <source>Median days out</source>
            <translation>มัธยฐานจำนวนวันที่ไฟดับ</translation>
        </message>
        <message>
            <source>Lighting gaps (km)</source>
            <translation>ช่วงที่ไม่มีไฟส่องสว่าง (กม.)</translation>
        </message>
        <message>
            <source>Out: {pct}, median {days} days; {clusters} outage clusters; {gap} of lighting gaps on {checked} of roads to be lit.</source>
            <translation>ดับ: {pct} ค่ามัธยฐาน {days} วัน; กลุ่มไฟดับ {clusters} กลุ่ม; ช่วงที่ไม่มีไฟส่องสว่าง {gap} จากถนนที่ต้องมีไฟส่องสว่าง {checked}</translation>
        </message>
        <message>
            <source>km</source>
            <translation>กม.</translation>
        </message>
    </context>
    <context>
        <name>Sync</name>
        <message>
            <source>CDDP sync</source>
            <translation>การซิงก์ CDDP</translation>
        </message>
        <message>
            <source>The sync stopped on an unexpected error ({error}); nothing is lost.</source>
            <translation>การซิงก์หยุดลงเพราะข้อผิดพลาดที่ไม่คาดคิด ({error}) ไม่มีข้อมูลสูญหาย</translation>
        </message>
        <message>
            <source>Sync cancelled: not finished, nothing lost. What was done is kept; the rest resumes next time.</source>
            <translation>ยกเลิกการซิงก์แล้ว ยังไม่เสร็จแต่ไม่มีข้อมูลสูญหาย ส่วนที่ทำแล้วยังอยู่ ส่วนที่เหลือจะทำต่อในครั้งถัดไป</translation>
        </message>
        <message>
            <source>Sync not finished, nothing lost: the CDDP server could not be reached. Sent {pushed}, received {pulled}; the rest resumes next time.</source>
            <translation>การซิงก์ยังไม่เสร็จ แต่ไม่มีข้อมูลสูญหาย: ติดต่อเซิร์ฟเวอร์ CDDP ไม่ได้ ส่งแล้ว {pushed} รับแล้ว {pulled} ส่วนที่เหลือจะทำต่อในครั้งถัดไป</translation>
        </message>
        <message>
            <source>Synced: {pushed} sent, {pulled} received, {conflicts} conflicts, {rejected} rejected.</source>
            <translation>ซิงก์แล้ว: ส่ง {pushed} รับ {pulled} ข้อขัดแย้ง {conflicts} ถูกปฏิเสธ {rejected}</translation>
        </message>
        <message>
            <source>{waiting} changes wait for their photos to reach the server.</source>
            <translation>การเปลี่ยนแปลง {waiting} รายการรอให้รูปถ่ายไปถึงเซิร์ฟเวอร์</translation>
        </message>
    </context>
    <context>
        <name>SyncSettingsDialog</name>
        <message>
            <source>Sync settings</source>
            <translation>ตั้งค่าการซิงก์</translation>
        </message>
        <message>
            <source>CDDP server</source>
            <translation>เซิร์ฟเวอร์ CDDP</translation>
        </message>
        <message>
            <source>Sign-in</source>
            <translation>การเข้าสู่ระบบ</translation>
        </message>
        <message>
            <source>Choose or add an authentication configuration of type Basic with your user name and password on the CDDP server. QGIS keeps them encrypted; the workspace keeps only the configuration's id.</source>
            <translation>เลือกหรือเพิ่มการตั้งค่าการยืนยันตัวตนแบบ Basic ที่มีชื่อผู้ใช้และรหัสผ่านของคุณบนเซิร์ฟเวอร์ CDDP โดย QGIS เก็บไว้แบบเข้ารหัส ส่วนพื้นที่ทำงานเก็บเพียงรหัสของการตั้งค่า</translation>
        </message>
        <message>
            <source>Test connection</source>
            <translation>ทดสอบการเชื่อมต่อ</translation>
        </message>
        <message>
            <source>Signed in to {url} for municipality {muni}.</source>
            <translation>เข้าสู่ระบบ {url} สำหรับ อปท. {muni} แล้ว</translation>
        </message>
    </context>
    <context>
        <name>SyncWorkspaceAlgorithm</name>
        <message>
            <source>Sync workspace with the CDDP server</source>
            <translation>ซิงก์พื้นที่ทำงานกับเซิร์ฟเวอร์ CDDP</translation>
        </message>
        <message>
            <source>Sends the workspace's edits to the CDDP server and brings in the changes others made, feature by feature and field by field; nothing is overwritten silently.

SERVER is the server's address (https://…; left empty: the one the workspace synced with last). Credentials: AUTHCFG, a QGIS authentication configuration of type Basic (user name and password); in scripts, or without one, the environment variables CDDP_SYNC_USER and CDDP_SYNC_PASSWORD. There is no password parameter on purpose: it would be kept in the Processing history. After a run that reached the server, the workspace keeps the server address and the authcfg id (never a password).

Outputs: PUSHED edits the server took (the log says how many were merged with others' edits to other fields), PULLED changes from the server applied here, CONFLICTS and REJECTED open in the workspace (resolve them in the conflict dock; the rest of the sync goes on), WAITING features with edits not sent yet, FINISHED false when the server could not be reached or the run was cancelled: nothing is lost, run it again.</source>
            <translation>ส่งการแก้ไขของพื้นที่ทำงานไปยังเซิร์ฟเวอร์ CDDP และรับการเปลี่ยนแปลงที่ผู้อื่นทำมา ทีละฟีเจอร์และทีละฟิลด์ ไม่มีการเขียนทับโดยไม่แจ้ง

SERVER คือที่อยู่ของเซิร์ฟเวอร์ (https://… ถ้าเว้นว่าง ใช้เซิร์ฟเวอร์ที่พื้นที่ทำงานซิงก์ด้วยครั้งล่าสุด) ข้อมูลเข้าสู่ระบบ: AUTHCFG คือการตั้งค่าการยืนยันตัวตนของ QGIS แบบ Basic (ชื่อผู้ใช้และรหัสผ่าน) ในสคริปต์ หรือเมื่อไม่มีการตั้งค่านี้ ใช้ตัวแปรสภาพแวดล้อม CDDP_SYNC_USER และ CDDP_SYNC_PASSWORD ตั้งใจไม่มีพารามิเตอร์รหัสผ่าน เพราะจะถูกเก็บไว้ในประวัติของ Processing เมื่อเชื่อมต่อเซิร์ฟเวอร์ได้ พื้นที่ทำงานจะจำที่อยู่เซิร์ฟเวอร์และรหัส authcfg ไว้ (ไม่เก็บรหัสผ่าน)

ผลลัพธ์: PUSHED การแก้ไขที่เซิร์ฟเวอร์รับแล้ว (บันทึกการทำงานบอกว่ามีกี่รายการที่รวมกับการแก้ไขฟิลด์อื่นของผู้อื่น) PULLED การเปลี่ยนแปลงจากเซิร์ฟเวอร์ที่นำมาใช้ในเครื่องนี้ CONFLICTS และ REJECTED ข้อขัดแย้งและการเปลี่ยนแปลงที่ถูกปฏิเสธที่ยังเปิดอยู่ในพื้นที่ทำงาน (แก้ไขได้ในแผงข้อขัดแย้ง ส่วนอื่นของการซิงก์ยังทำงานต่อ) WAITING จำนวนฟีเจอร์ที่มีการแก้ไขรอส่ง FINISHED เป็นเท็จเมื่อเชื่อมต่อเซิร์ฟเวอร์ไม่ได้หรือถูกยกเลิก ไม่มีข้อมูลสูญหาย ให้เรียกใช้อีกครั้ง</translation>
        </message>
        <message>
            <source>CDDP server (https://…; default: the workspace's)</source>
            <translation>เซิร์ฟเวอร์ CDDP (https://… ค่าเริ่มต้น: ของพื้นที่ทำงาน)</translation>
        </message>
        <message>
            <source>Authentication (type Basic; default: CDDP_SYNC_USER/CDDP_SYNC_PASSWORD)</source>
            <translation>การยืนยันตัวตน (แบบ Basic ค่าเริ่มต้น: CDDP_SYNC_USER/CDDP_SYNC_PASSWORD)</translation>
        </message>
        <message>
            <source>Municipality DOPA code (default: the workspace's)</source>
            <translation>รหัส อปท. ของกรมการปกครอง (ค่าเริ่มต้น: ของพื้นที่ทำงาน)</translation>
        </message>
        <message>
            <source>Edits pushed</source>
            <translation>การแก้ไขที่ส่งแล้ว</translation>
        </message>
        <message>
            <source>Changes pulled</source>
            <translation>การเปลี่ยนแปลงที่รับมา</translation>
        </message>
        <message>
            <source>Open conflicts</source>
            <translation>ข้อขัดแย้งที่ยังเปิดอยู่</translation>
        </message>
        <message>
            <source>Open rejected changes</source>
            <translation>การเปลี่ยนแปลงที่ถูกปฏิเสธที่ยังเปิดอยู่</translation>
        </message>
        <message>
            <source>Features with edits waiting</source>
            <translation>ฟีเจอร์ที่มีการแก้ไขรอส่ง</translation>
        </message>
        <message>
            <source>Finished</source>
            <translation>เสร็จสมบูรณ์</translation>
        </message>
        <message>
            <source>Save or discard the edits of {layers} first: a sync sends only saved edits, and the server's changes are written under the open edit session.</source>
            <translation>ให้บันทึกหรือยกเลิกการแก้ไขของ {layers} ก่อน การซิงก์ส่งเฉพาะการแก้ไขที่บันทึกแล้ว และการเปลี่ยนแปลงจากเซิร์ฟเวอร์จะถูกเขียนลงใต้การแก้ไขที่ยังเปิดค้างอยู่</translation>
        </message>
        <message>
            <source>Syncing {path} with {url} (municipality {muni})…</source>
            <translation>กำลังซิงก์ {path} กับ {url} (อปท. {muni})…</translation>
        </message>
        <message>
            <source>Signing in as {user} with the QGIS authentication configuration {authcfg}.</source>
            <translation>เข้าสู่ระบบเป็น {user} ด้วยการตั้งค่าการยืนยันตัวตนของ QGIS {authcfg}</translation>
        </message>
        <message>
            <source>Signing in as {user} with the environment variables CDDP_SYNC_USER/CDDP_SYNC_PASSWORD.</source>
            <translation>เข้าสู่ระบบเป็น {user} ด้วยตัวแปรสภาพแวดล้อม CDDP_SYNC_USER/CDDP_SYNC_PASSWORD</translation>
        </message>
        <message>
            <source>Pushed {pushed} edits ({merged} merged with others' edits, {duplicates} already there), new conflicts {conflicts}, new rejected {rejected}; pulled {pulled} changes; {waiting} features with edits waiting.</source>
            <translation>ส่งการแก้ไข {pushed} รายการ (รวมกับการแก้ไขของผู้อื่น {merged} รายการ มีอยู่แล้ว {duplicates} รายการ) ข้อขัดแย้งใหม่ {conflicts} รายการ ถูกปฏิเสธใหม่ {rejected} รายการ รับการเปลี่ยนแปลง {pulled} รายการ ฟีเจอร์ที่มีการแก้ไขรอส่ง {waiting} รายการ</translation>
        </message>
        <message>
            <source>Photos: {up} sent, {down} received.</source>
            <translation>ภาพถ่าย: ส่ง {up} ภาพ รับ {down} ภาพ</translation>
        </message>
        <message>
            <source>{requests} requests, {sent} bytes sent, {received} bytes received.</source>
            <translation>{requests} คำขอ ส่ง {sent} ไบต์ รับ {received} ไบต์</translation>
        </message>
        <message>
            <source>Conflict: {layer} {uuid} ({op}), fields {fields}: {reason}</source>
            <translation>ข้อขัดแย้ง: {layer} {uuid} ({op}) ฟิลด์ {fields}: {reason}</translation>
        </message>
        <message>
            <source>Rejected: {layer} {uuid} ({op}), fields {fields}: {reason}</source>
            <translation>ถูกปฏิเสธ: {layer} {uuid} ({op}) ฟิลด์ {fields}: {reason}</translation>
        </message>
        <message>
            <source>…and {n} more: see the conflict dock.</source>
            <translation>…และอีก {n} รายการ ดูได้ในแผงข้อขัดแย้ง</translation>
        </message>
        <message>
            <source>{conflicts} conflicts and {rejected} rejected changes are open: resolve them in the conflict dock; the rest of the workspace syncs as usual.</source>
            <translation>มีข้อขัดแย้ง {conflicts} รายการ และการเปลี่ยนแปลงที่ถูกปฏิเสธ {rejected} รายการที่ยังเปิดอยู่ ให้แก้ไขในแผงข้อขัดแย้ง ส่วนอื่นของพื้นที่ทำงานยังซิงก์ได้ตามปกติ</translation>
        </message>
        <message>
            <source>Not finished — nothing is lost, run again. {why}</source>
            <translation>ยังไม่เสร็จ — ไม่มีข้อมูลสูญหาย ให้เรียกใช้อีกครั้ง {why}</translation>
        </message>
        <message>
            <source>Sync finished.</source>
            <translation>ซิงก์เสร็จแล้ว</translation>
        </message>
    </context>
    <context>
        <name>WorkOrdersDock</name>
        <message>
            <source>CDDP Work orders</source>
            <translation>ใบสั่งงานซ่อมบำรุง CDDP</translation>
        </message>
        <message>
            <source>Open a CDDP workspace project to see its work orders.</source>
            <translation>เปิดโครงการพื้นที่ทำงาน CDDP เพื่อดูใบสั่งงาน</translation>
        </message>
        <message>
            <source>Orders</source>
            <translation>ใบสั่งงาน</translation>
        </message>
        <message>
            <source>Status</source>
            <translation>สถานะ</translation>
        </message>
        <message>
            <source>Category</source>
            <translation>หมวดงาน</translation>
        </message>
        <message>
            <source>Priority</source>
            <translation>ความเร่งด่วน</translation>
        </message>
        <message>
            <source>Team</source>
            <translation>ทีมช่าง</translation>
        </message>
        <message>
            <source>Overdue only</source>
            <translation>เฉพาะที่เกินกำหนด</translation>
        </message>
        <message>
            <source>Show names</source>
            <translation>แสดงชื่อ</translation>
        </message>
        <message>
            <source>Show assignees and who made each change (personal data under PDPA; every view is logged)</source>
            <translation>แสดงชื่อผู้รับผิดชอบและผู้ดำเนินการแต่ละครั้ง (ข้อมูลส่วนบุคคลตาม พ.ร.บ. คุ้มครองข้อมูลส่วนบุคคล มีการบันทึกทุกครั้งที่เปิดดู)</translation>
        </message>
        <message>
            <source>New order from selected feature</source>
            <translation>สร้างใบสั่งงานจากรายการที่เลือก</translation>
        </message>
        <message>
            <source>Select one road section, streetlight or complaint on the map, then click: a new order is made for it at its location</source>
            <translation>เลือกช่วงถนน เสาไฟฟ้าสาธารณะ หรือเรื่องร้องเรียนหนึ่งรายการบนแผนที่ แล้วคลิก ระบบจะสร้างใบสั่งงานใหม่ ณ ตำแหน่งนั้น</translation>
        </message>
        <message>
            <source>Refresh</source>
            <translation>รีเฟรช</translation>
        </message>
        <message>
            <source>No.</source>
            <translation>เลขที่</translation>
        </message>
        <message>
            <source>SLA</source>
            <translation>กำหนดเวลา</translation>
        </message>
        <message>
            <source>Title</source>
            <translation>เรื่อง</translation>
        </message>
        <message>
            <source>Assignee</source>
            <translation>ผู้รับผิดชอบ</translation>
        </message>
        <message>
            <source>Due</source>
            <translation>กำหนดเสร็จ</translation>
        </message>
        <message>
            <source>Selected order</source>
            <translation>ใบสั่งงานที่เลือก</translation>
        </message>
        <message>
            <source>History of the order (work-order events)</source>
            <translation>ประวัติของใบสั่งงาน</translation>
        </message>
        <message>
            <source>The repair team; needed to assign the order</source>
            <translation>ทีมช่างที่รับงาน ต้องระบุเมื่อมอบหมายงาน</translation>
        </message>
        <message>
            <source>Note: what was done, or why (needed to cancel, mark as duplicate or send back for rework)</source>
            <translation>บันทึก: ทำอะไรไปแล้ว หรือเหตุผล (ต้องระบุเมื่อยกเลิก ระบุว่าซ้ำ หรือส่งกลับไปแก้ไข)</translation>
        </message>
        <message>
            <source>Attach photos…</source>
            <translation>แนบภาพถ่าย…</translation>
        </message>
        <message>
            <source>Photos are stored beside the workspace by their SHA-256 content hash and go with the next status change</source>
            <translation>ภาพถ่ายจะถูกเก็บไว้ข้างพื้นที่ทำงานตามค่าแฮช SHA-256 ของเนื้อไฟล์ และแนบไปกับการเปลี่ยนสถานะครั้งถัดไป</translation>
        </message>
        <message>
            <source>Change status to:</source>
            <translation>เปลี่ยนสถานะเป็น:</translation>
        </message>
        <message>
            <source>Zoom to order</source>
            <translation>ซูมไปที่ใบสั่งงาน</translation>
        </message>
        <message>
            <source>Undo last change</source>
            <translation>เลิกทำล่าสุด</translation>
        </message>
        <message>
            <source>Undo the last status change made in this panel (order, history and complaints together)</source>
            <translation>ยกเลิกการเปลี่ยนสถานะล่าสุดที่ทำในแผงนี้ (ใบสั่งงาน ประวัติ และเรื่องร้องเรียนพร้อมกัน)</translation>
        </message>
        <message>
            <source>KPIs</source>
            <translation>ตัวชี้วัด</translation>
        </message>
        <message>
            <source>Open at the end of the period</source>
            <translation>งานค้าง ณ สิ้นช่วงเวลา</translation>
        </message>
        <message>
            <source>Overdue at the end of the period</source>
            <translation>เกินกำหนด ณ สิ้นช่วงเวลา</translation>
        </message>
        <message>
            <source>Created in the period</source>
            <translation>รับเรื่องในช่วงเวลา</translation>
        </message>
        <message>
            <source>Repaired in the period</source>
            <translation>ซ่อมเสร็จในช่วงเวลา</translation>
        </message>
        <message>
            <source>Repaired within the SLA</source>
            <translation>ซ่อมเสร็จทันกำหนด</translation>
        </message>
        <message>
            <source>Median time to repair</source>
            <translation>เวลาซ่อม (มัธยฐาน)</translation>
        </message>
        <message>
            <source>Repaired</source>
            <translation>ซ่อมเสร็จ</translation>
        </message>
        <message>
            <source>Median time</source>
            <translation>เวลามัธยฐาน</translation>
        </message>
        <message>
            <source>Within SLA</source>
            <translation>ทันกำหนด</translation>
        </message>
        <message>
            <source>On time</source>
            <translation>ทันเวลา</translation>
        </message>
        <message>
            <source>Due soon</source>
            <translation>ใกล้ครบกำหนด</translation>
        </message>
        <message>
            <source>Overdue</source>
            <translation>เกินกำหนด</translation>
        </message>
        <message>
            <source>Open orders</source>
            <translation>งานที่ยังไม่ปิด</translation>
        </message>
        <message>
            <source>All statuses</source>
            <translation>ทุกสถานะ</translation>
        </message>
        <message>
            <source>All categories</source>
            <translation>ทุกหมวดงาน</translation>
        </message>
        <message>
            <source>All priorities</source>
            <translation>ทุกระดับความเร่งด่วน</translation>
        </message>
        <message>
            <source>All teams</source>
            <translation>ทุกทีม</translation>
        </message>
        <message>
            <source>No team</source>
            <translation>ยังไม่มีทีม</translation>
        </message>
        <message>
            <source>Last 30 days</source>
            <translation>30 วันที่ผ่านมา</translation>
        </message>
        <message>
            <source>Last 90 days</source>
            <translation>90 วันที่ผ่านมา</translation>
        </message>
        <message>
            <source>Last 365 days</source>
            <translation>365 วันที่ผ่านมา</translation>
        </message>
        <message>
            <source>From – to (dates)</source>
            <translation>ระบุวันที่ (ตั้งแต่ – ถึง)</translation>
        </message>
        <message>
            <source>{shown} of {total} orders shown</source>
            <translation>แสดง {shown} จาก {total} ใบสั่งงาน</translation>
        </message>
        <message>
            <source>Select an order in the list.</source>
            <translation>เลือกใบสั่งงานในรายการ</translation>
        </message>
        <message>
            <source>{status} · {priority} · {category}</source>
            <translation>{status} · {priority} · {category}</translation>
        </message>
        <message>
            <source>Created {created}; due {due}</source>
            <translation>สร้างเมื่อ {created} กำหนดเสร็จ {due}</translation>
        </message>
        <message>
            <source>Repaired {at}</source>
            <translation>ซ่อมเสร็จเมื่อ {at}</translation>
        </message>
        <message>
            <source>Asset: {layer} {id}</source>
            <translation>ทรัพย์สิน: {layer} {id}</translation>
        </message>
        <message>
            <source>Complaints: {refs}</source>
            <translation>เรื่องร้องเรียน: {refs}</translation>
        </message>
        <message>
            <source>{n} photo(s)</source>
            <translation>ภาพ {n} ภาพ</translation>
        </message>
        <message>
            <source>This order is final.</source>
            <translation>ใบสั่งงานนี้สิ้นสุดแล้ว</translation>
        </message>
        <message>
            <source>Rework (send back)</source>
            <translation>ส่งกลับไปแก้ไข</translation>
        </message>
        <message>
            <source>Needs a note saying why</source>
            <translation>ต้องเขียนบันทึกเหตุผล</translation>
        </message>
        <message>
            <source>Needs a team or an assignee</source>
            <translation>ต้องระบุทีมช่างหรือผู้รับผิดชอบ</translation>
        </message>
        <message>
            <source>The layer {layer} cannot be edited.</source>
            <translation>ไม่สามารถแก้ไขชั้นข้อมูล {layer} ได้</translation>
        </message>
        <message>
            <source>The change could not be written; nothing was changed.</source>
            <translation>ไม่สามารถบันทึกการเปลี่ยนแปลงได้ ไม่มีข้อมูลใดถูกเปลี่ยน</translation>
        </message>
        <message>
            <source>Select an order in the list first.</source>
            <translation>เลือกใบสั่งงานในรายการก่อน</translation>
        </message>
        <message>
            <source>To change {order} to "{status}", write in the note field why (which order it duplicates, why it is cancelled, what failed), then click again.</source>
            <translation>การเปลี่ยน {order} เป็น "{status}" ต้องเขียนเหตุผลในช่องบันทึก (ซ้ำกับใบสั่งงานใด ยกเลิกเพราะอะไร หรือสิ่งที่ยังไม่เรียบร้อย) แล้วคลิกอีกครั้ง</translation>
        </message>
        <message>
            <source>To assign {order}, choose or type a team (or an assignee), then click again.</source>
            <translation>การมอบหมาย {order} ต้องเลือกหรือพิมพ์ชื่อทีมช่าง (หรือผู้รับผิดชอบ) แล้วคลิกอีกครั้ง</translation>
        </message>
        <message>
            <source>Work order {order}: {status}</source>
            <translation>ใบสั่งงาน {order}: {status}</translation>
        </message>
        <message>
            <source>{order} is now "{status}".</source>
            <translation>{order} เปลี่ยนเป็น "{status}" แล้ว</translation>
        </message>
        <message>
            <source>{n} linked complaint(s) set to "{status}".</source>
            <translation>เรื่องร้องเรียนที่เกี่ยวข้อง {n} เรื่อง เปลี่ยนเป็น "{status}"</translation>
        </message>
        <message>
            <source>Its complaints were not changed: decide what to tell the complainants.</source>
            <translation>ไม่ได้เปลี่ยนสถานะเรื่องร้องเรียนที่เกี่ยวข้อง โปรดพิจารณาแจ้งผู้ร้องเรียนเอง</translation>
        </message>
        <message>
            <source>Save the layers to keep it; "Undo last change" undoes it.</source>
            <translation>บันทึกชั้นข้อมูลเพื่อเก็บการเปลี่ยนแปลง หรือกด "เลิกทำล่าสุด" เพื่อยกเลิก</translation>
        </message>
        <message>
            <source>Write a note or attach photos first.</source>
            <translation>เขียนบันทึกหรือแนบภาพถ่ายก่อน</translation>
        </message>
        <message>
            <source>Work order {order}: note</source>
            <translation>ใบสั่งงาน {order}: บันทึก</translation>
        </message>
        <message>
            <source>Note recorded for {order}.</source>
            <translation>บันทึกข้อความของ {order} แล้ว</translation>
        </message>
        <message>
            <source>There is no change of this panel to undo.</source>
            <translation>ไม่มีการเปลี่ยนแปลงจากแผงนี้ให้เลิกทำ</translation>
        </message>
        <message>
            <source>The layers were saved or edited since; use each layer's own undo instead.</source>
            <translation>ชั้นข้อมูลถูกบันทึกหรือแก้ไขไปแล้วหลังจากนั้น ให้ใช้การเลิกทำของแต่ละชั้นข้อมูลแทน</translation>
        </message>
        <message>
            <source>Undone.</source>
            <translation>เลิกทำแล้ว</translation>
        </message>
        <message>
            <source>Could not save {layer}: {errors}</source>
            <translation>ไม่สามารถบันทึก {layer} ได้: {errors}</translation>
        </message>
        <message>
            <source>Work orders saved.</source>
            <translation>บันทึกใบสั่งงานแล้ว</translation>
        </message>
        <message>
            <source>Attach photos</source>
            <translation>แนบภาพถ่าย</translation>
        </message>
        <message>
            <source>Images (*.jpg *.jpeg *.png *.heic *.webp *.tif *.tiff *.gif *.bmp);;All files (*)</source>
            <translation>ภาพ (*.jpg *.jpeg *.png *.heic *.webp *.tif *.tiff *.gif *.bmp);;ทุกไฟล์ (*)</translation>
        </message>
        <message>
            <source>Open a CDDP workspace project first.</source>
            <translation>เปิดโครงการพื้นที่ทำงาน CDDP ก่อน</translation>
        </message>
        <message>
            <source>{n} photo(s) to attach</source>
            <translation>ภาพรอแนบ {n} ภาพ</translation>
        </message>
        <message>
            <source>Select exactly one road section, streetlight or complaint on the map ({n} selected now), then click again.</source>
            <translation>เลือกช่วงถนน เสาไฟฟ้าสาธารณะ หรือเรื่องร้องเรียนบนแผนที่เพียงหนึ่งรายการ (ขณะนี้เลือกไว้ {n} รายการ) แล้วคลิกอีกครั้ง</translation>
        </message>
        <message>
            <source>This complaint already has the work order {order}.</source>
            <translation>เรื่องร้องเรียนนี้มีใบสั่งงาน {order} อยู่แล้ว</translation>
        </message>
        <message>
            <source>New work order {order}</source>
            <translation>ใบสั่งงานใหม่ {order}</translation>
        </message>
        <message>
            <source>Work order {order} created. Save the layers to keep it; "Undo last change" undoes it.</source>
            <translation>สร้างใบสั่งงาน {order} แล้ว บันทึกชั้นข้อมูลเพื่อเก็บไว้ หรือกด "เลิกทำล่าสุด" เพื่อยกเลิก</translation>
        </message>
        <message>
            <source>{order} has no location on the map.</source>
            <translation>{order} ไม่มีตำแหน่งบนแผนที่</translation>
        </message>
        <message>
            <source>Median time to repair by category</source>
            <translation>เวลาซ่อม (มัธยฐาน) ตามหมวดงาน</translation>
        </message>
        <message>
            <source>days</source>
            <translation>วัน</translation>
        </message>
        <message>
            <source>No repairs completed in this period</source>
            <translation>ไม่มีงานซ่อมเสร็จในช่วงเวลานี้</translation>
        </message>
        <message>
            <source>The chart could not be drawn.</source>
            <translation>ไม่สามารถวาดแผนภูมิได้</translation>
        </message>
        <message>
            <source>Priority of the new order</source>
            <translation>ความเร่งด่วนของใบสั่งงานใหม่</translation>
        </message>
        <message>
            <source>Record the note and the attached photos in the history without changing the status</source>
            <translation>บันทึกข้อความและภาพที่แนบไว้ลงในประวัติโดยไม่เปลี่ยนสถานะ</translation>
        </message>
        <message>
            <source>Save the work orders, their history and the complaints</source>
            <translation>บันทึกใบสั่งงาน ประวัติ และเรื่องร้องเรียน</translation>
        </message>
        <message>
            <source>Repaired in time</source>
            <translation>ซ่อมทันเวลา</translation>
        </message>
        <message>
            <source>Repaired late</source>
            <translation>ซ่อมล่าช้า</translation>
        </message>
        <message>
            <source>Pri.</source>
            <translation>ด่วน</translation>
        </message>
        <message>
            <source>Add note</source>
            <translation>เพิ่มบันทึก</translation>
        </message>
        <message>
            <source>Save edits</source>
            <translation>บันทึกการแก้ไข</translation>
        </message>
        <message>
            <source>SLA of this workspace: {targets}; holidays: {n}</source>
            <translation>กำหนดเวลา (SLA) ของพื้นที่ทำงานนี้: {targets}; วันหยุด: {n} วัน</translation>
        </message>
        <message>
            <source>{n} working days</source>
            <translation>{n} วันทำการ</translation>
        </message>
        <message>
            <source>{n:g} h</source>
            <translation>{n:g} ชม.</translation>
        </message>
        <message>
            <source>SLA of {priority}: {target}</source>
            <translation>กำหนดเวลาของ {priority}: {target}</translation>
        </message>
        <message>
            <source>This asset already has the open work order {order} ({status}) for "{category}"; no second order was made.</source>
            <translation>ทรัพย์สินนี้มีใบสั่งงาน {order} ({status}) หมวด "{category}" ที่ยังไม่ปิดอยู่แล้ว จึงไม่สร้างใบสั่งงานซ้ำ</translation>
        </message>
        <message>
            <source>It is selected in the list.</source>
            <translation>เลือกใบสั่งงานนั้นไว้ในรายการแล้ว</translation>
        </message>
        <message>
            <source>Median (days)</source>
            <translation>มัธยฐาน (วัน)</translation>
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
        <message>
            <source>{path} is in QGIS's temporary Processing folder, which QGIS deletes when it exits: the workspace would be lost. Not opened. Create the workspace again in a folder of your own (e.g. Documents).</source>
            <translation>{path} อยู่ในโฟลเดอร์ชั่วคราวของ Processing ซึ่ง QGIS ลบทิ้งเมื่อปิดโปรแกรม พื้นที่ทำงานจะสูญหาย จึงไม่เปิด สร้างพื้นที่ทำงานใหม่ในโฟลเดอร์ของท่านเอง (เช่น โฟลเดอร์เอกสาร)</translation>
        </message>
        <message>
            <source>not set</source>
            <translation>ยังไม่ได้กำหนด</translation>
        </message>
        <message>
            <source>Cancel sync</source>
            <translation>ยกเลิกการซิงก์</translation>
        </message>
        <message>
            <source>Sync now</source>
            <translation>ซิงก์เดี๋ยวนี้</translation>
        </message>
        <message>
            <source>Open a CDDP workspace first; then it can sync.</source>
            <translation>เปิดพื้นที่ทำงาน CDDP ก่อน จึงจะซิงก์ได้</translation>
        </message>
        <message>
            <source>Not synced: the layers {layers} have unsaved edits. Save them (or discard them) first; a sync sends only saved edits and writes the server's changes into the workspace.</source>
            <translation>ยังไม่ได้ซิงก์: ชั้นข้อมูล {layers} มีการแก้ไขที่ยังไม่บันทึก ให้บันทึก (หรือยกเลิก) ก่อน การซิงก์ส่งเฉพาะการแก้ไขที่บันทึกแล้ว และเขียนการเปลี่ยนแปลงจากเซิร์ฟเวอร์ลงในพื้นที่ทำงาน</translation>
        </message>
        <message>
            <source>Conflicts…</source>
            <translation>ข้อขัดแย้ง…</translation>
        </message>
        <message>
            <source>never</source>
            <translation>ยังไม่เคยซิงก์</translation>
        </message>
        <message>
            <source>not finished, nothing lost</source>
            <translation>ยังไม่เสร็จ ไม่มีข้อมูลสูญหาย</translation>
        </message>
        <message>
            <source>with conflicts</source>
            <translation>มีข้อขัดแย้ง</translation>
        </message>
        <message>
            <source>Sync with the CDDP server</source>
            <translation>ซิงก์กับเซิร์ฟเวอร์ CDDP</translation>
        </message>
        <message>
            <source>Server</source>
            <translation>เซิร์ฟเวอร์</translation>
        </message>
        <message>
            <source>Last sync</source>
            <translation>ซิงก์ล่าสุด</translation>
        </message>
        <message>
            <source>Edits waiting</source>
            <translation>การแก้ไขที่รอส่ง</translation>
        </message>
        <message>
            <source>Conflicts</source>
            <translation>ข้อขัดแย้ง</translation>
        </message>
        <message>
            <source>Rejected</source>
            <translation>ถูกปฏิเสธ</translation>
        </message>
        <message>
            <source>Send this workspace's saved edits to the CDDP server and bring in the changes of others</source>
            <translation>ส่งการแก้ไขที่บันทึกแล้วของพื้นที่ทำงานนี้ไปยังเซิร์ฟเวอร์ CDDP และรับการเปลี่ยนแปลงของผู้อื่นเข้ามา</translation>
        </message>
        <message>
            <source>Sync settings…</source>
            <translation>ตั้งค่าการซิงก์…</translation>
        </message>
    </context>
    <context>
        <name>core</name>
        <message>
            <source>The municipality's DOPA code is missing.</source>
            <translation>ยังไม่ได้ระบุรหัสกรมการปกครองของเทศบาล</translation>
        </message>
        <message>
            <source>'{code}' is not a DOPA code: expected 4 digits (amphoe/khet, e.g. 1007) or 6 digits (tambon, e.g. 330506).</source>
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
            <source>GDAL's Python bindings (osgeo) are not installed.</source>
            <translation>ยังไม่ได้ติดตั้งไลบรารี GDAL สำหรับ Python (osgeo)</translation>
        </message>
        <message>
            <source>Unknown coordinate reference system '{crs}'. Use e.g. EPSG:32647 (UTM 47N) or EPSG:32648 (UTM 48N).</source>
            <translation>ไม่รู้จักระบบพิกัด '{crs}' ใช้ เช่น EPSG:32647 (UTM 47N) หรือ EPSG:32648 (UTM 48N)</translation>
        </message>
        <message>
            <source>The workspace CRS must be projected in metres (areas in rai, lengths in metres); '{crs}' is geographic. Use EPSG:32647 (UTM 47N) or EPSG:32648 (UTM 48N).</source>
            <translation>ระบบพิกัดของพื้นที่ทำงานต้องเป็นระบบฉายหน่วยเมตร (เนื้อที่เป็นไร่ ความยาวเป็นเมตร) แต่ '{crs}' เป็นพิกัดภูมิศาสตร์ ใช้ EPSG:32647 (UTM 47N) หรือ EPSG:32648 (UTM 48N)</translation>
        </message>
        <message>
            <source>The workspace CRS must use metres; '{crs}' uses {unit}.</source>
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
            <translation>แถว {row}: ไม่มีตำแหน่ง ต้องระบุ {expected}</translation>
        </message>
        <message>
            <source>Row {row}: the location '{lon}', '{lat}' is not two numbers; expected {expected}.</source>
            <translation>แถว {row}: ตำแหน่ง '{lon}', '{lat}' ไม่ใช่ตัวเลขสองค่า ต้องระบุ {expected}</translation>
        </message>
        <message>
            <source>Row {row}: longitude {lon}, latitude {lat} is outside Thailand (longitude {lon_min}–{lon_max}, latitude {lat_min}–{lat_max}); the two values look swapped.</source>
            <translation>แถว {row}: ลองจิจูด {lon} ละติจูด {lat} อยู่นอกประเทศไทย (ลองจิจูด {lon_min}–{lon_max} ละติจูด {lat_min}–{lat_max}) ค่าทั้งสองน่าจะสลับกัน</translation>
        </message>
        <message>
            <source>Row {row}: longitude {lon}, latitude {lat} is outside Thailand (longitude {lon_min}–{lon_max}, latitude {lat_min}–{lat_max}).</source>
            <translation>แถว {row}: ลองจิจูด {lon} ละติจูด {lat} อยู่นอกประเทศไทย (ลองจิจูด {lon_min}–{lon_max} ละติจูด {lat_min}–{lat_max})</translation>
        </message>
        <message>
            <source>Row {row}: the time '{field}' is empty.</source>
            <translation>แถว {row}: ไม่มีค่าเวลาในฟิลด์ '{field}'</translation>
        </message>
        <message>
            <source>Row {row}: '{value}' in '{field}' is not a date and time; expected e.g. 2026-05-12 14:30:00+07:00, 2026-05-12T07:30:00Z or 12/05/2569 14:30.</source>
            <translation>แถว {row}: '{value}' ในฟิลด์ '{field}' ไม่ใช่วันที่และเวลา ตัวอย่างรูปแบบที่ใช้ได้ 2026-05-12 14:30:00+07:00, 2026-05-12T07:30:00Z หรือ 12/05/2569 14:30</translation>
        </message>
        <message>
            <source>Row {row}: 'coords' has {count} values; expected [longitude, latitude].</source>
            <translation>แถว {row}: 'coords' มี {count} ค่า ต้องเป็น [ลองจิจูด, ละติจูด]</translation>
        </message>
        <message>
            <source>Row {row}: 'coords' is '{value}'; expected 'longitude,latitude'.</source>
            <translation>แถว {row}: 'coords' มีค่า '{value}' ต้องอยู่ในรูป 'ลองจิจูด,ละติจูด'</translation>
        </message>
        <message>
            <source>Row {row}: the state '{value}' is not known; imported without a status (kept as '{value}').</source>
            <translation>แถว {row}: ไม่รู้จักสถานะ '{value}' จึงนำเข้าโดยไม่กำหนดสถานะ (เก็บค่าเดิม '{value}' ไว้)</translation>
        </message>
        <message>
            <source>Row {row}: the reference number (ref_id / เลขที่เรื่อง) is empty.</source>
            <translation>แถว {row}: ไม่มีเลขที่เรื่อง (ref_id / เลขที่เรื่อง)</translation>
        </message>
        <message>
            <source>Row {row}: the channel '{value}' is not one of {allowed}.</source>
            <translation>แถว {row}: ช่องทาง '{value}' ไม่อยู่ในรายการ {allowed}</translation>
        </message>
        <message>
            <source>Row {row}: the status '{value}' is not one of {allowed}.</source>
            <translation>แถว {row}: สถานะ '{value}' ไม่อยู่ในรายการ {allowed}</translation>
        </message>
        <message>
            <source>The file {name} is neither UTF-8 nor Thai Windows (TIS-620/cp874) text.</source>
            <translation>ไฟล์ {name} ไม่ใช่ข้อความแบบ UTF-8 หรือภาษาไทยแบบ Windows (TIS-620/cp874)</translation>
        </message>
        <message>
            <source>The file {name} is not valid CSV: {error} (line {line}).</source>
            <translation>ไฟล์ {name} ไม่ใช่ CSV ที่ถูกต้อง: {error} (บรรทัด {line})</translation>
        </message>
        <message>
            <source>The file {name} is empty.</source>
            <translation>ไฟล์ {name} ว่างเปล่า</translation>
        </message>
        <message>
            <source>The file {name} is not valid JSON: {error} at line {line}, column {column}.</source>
            <translation>ไฟล์ {name} ไม่ใช่ JSON ที่ถูกต้อง: {error} ที่บรรทัด {line} คอลัมน์ {column}</translation>
        </message>
        <message>
            <source>The Open311 server answered with an error instead of requests: {code} {description}.</source>
            <translation>เซิร์ฟเวอร์ Open311 ตอบกลับเป็นข้อผิดพลาดแทนรายการคำร้อง: {code} {description}</translation>
        </message>
        <message>
            <source>The file {name} is JSON but not a complaint format this plugin reads: expected Traffy Fondue API results (ticket_id, coords), Open311 GeoReport v2 requests (service_request_id) or a GeoJSON FeatureCollection of either.</source>
            <translation>ไฟล์ {name} เป็น JSON แต่ไม่ใช่รูปแบบเรื่องร้องเรียนที่ปลั๊กอินนี้อ่านได้ รูปแบบที่รองรับ ได้แก่ ผลลัพธ์จาก API ของ Traffy Fondue (ticket_id, coords) คำร้องตาม Open311 GeoReport v2 (service_request_id) หรือ GeoJSON FeatureCollection ของรูปแบบใดรูปแบบหนึ่งข้างต้น</translation>
        </message>
        <message>
            <source>The file {name} is not a complaint format this plugin reads. A CSV needs the Traffy Fondue dump columns ({traffy}) or the LINE/E-Node template columns ({template_columns}); its first line has: {columns}.</source>
            <translation>ไฟล์ {name} ไม่ใช่รูปแบบเรื่องร้องเรียนที่ปลั๊กอินนี้อ่านได้ ไฟล์ CSV ต้องมีคอลัมน์ของไฟล์ส่งออกจาก Traffy Fondue ({traffy}) หรือคอลัมน์ตามแม่แบบ LINE/E-Node ({template_columns}) แต่บรรทัดแรกของไฟล์มี: {columns}</translation>
        </message>
        <message>
            <source>The LINE/E-Node file {name} lacks the required column(s) {missing}.</source>
            <translation>ไฟล์ LINE/E-Node {name} ขาดคอลัมน์ที่จำเป็น {missing}</translation>
        </message>
        <message>
            <source>The Traffy Fondue file {name} lacks the column(s) {missing}.</source>
            <translation>ไฟล์ Traffy Fondue {name} ขาดคอลัมน์ {missing}</translation>
        </message>
        <message>
            <source>Row {row} (line {line}): {count} fields, but the header has {expected}.</source>
            <translation>แถว {row} (บรรทัด {line}): มี {count} ฟิลด์ แต่แถวหัวตารางมี {expected} ฟิลด์</translation>
        </message>
        <message>
            <source>Row {row}: same {source} id as row {first}; its newer state was merged into that row.</source>
            <translation>แถว {row}: รหัส {source} ซ้ำกับแถว {first} จึงรวมสถานะที่ใหม่กว่าเข้ากับแถวนั้นแล้ว</translation>
        </message>
        <message>
            <source>Row {row}: the geometry is a {type}; expected a Point.</source>
            <translation>แถว {row}: รูปเรขาคณิตเป็น {type} ต้องเป็น Point</translation>
        </message>
        <message>
            <source>Row {row}: expected a JSON object with the complaint's fields.</source>
            <translation>แถว {row}: ต้องเป็นออบเจกต์ JSON ที่มีฟิลด์ของเรื่องร้องเรียน</translation>
        </message>
        <message>
            <source>Row {row}: a {found} record in a file of {expected} records; import each format from its own file.</source>
            <translation>แถว {row}: พบระเบียนแบบ {found} ในไฟล์ที่เป็นระเบียนแบบ {expected} ให้แยกนำเข้าแต่ละรูปแบบจากไฟล์ของตนเอง</translation>
        </message>
        <message>
            <source>Cannot read the complaints file {path}: {error}</source>
            <translation>ไม่สามารถอ่านไฟล์เรื่องร้องเรียน {path} ได้: {error}</translation>
        </message>
        <message>
            <source>Cannot merge complaint {incoming} into a different complaint {existing}.</source>
            <translation>ไม่สามารถรวมเรื่องร้องเรียน {incoming} เข้ากับเรื่องร้องเรียนอื่น ({existing}) ได้</translation>
        </message>
        <message>
            <source>{layer} has no coordinate reference system. Set the source CRS (e.g. EPSG:4326 for GPS coordinates, EPSG:24047 for DOL data in Indian 1975 / UTM 47N).</source>
            <translation>{layer} ไม่มีระบบพิกัด ให้กำหนดระบบพิกัดต้นทาง (เช่น EPSG:4326 สำหรับพิกัด GPS หรือ EPSG:24047 สำหรับข้อมูลกรมที่ดินใน Indian 1975 / UTM 47N)</translation>
        </message>
        <message>
            <source>{layer}: its coordinates fall outside Thailand when read as {crs} (longitude {minx:.3f}…{maxx:.3f}, latitude {miny:.3f}…{maxy:.3f}). The layer's CRS is probably wrong; set the source CRS.</source>
            <translation>{layer}: พิกัดอยู่นอกประเทศไทยเมื่ออ่านเป็น {crs} (ลองจิจูด {minx:.3f}…{maxx:.3f} ละติจูด {miny:.3f}…{maxy:.3f}) ระบบพิกัดของชั้นข้อมูลน่าจะไม่ถูกต้อง ให้กำหนดระบบพิกัดต้นทาง</translation>
        </message>
        <message>
            <source>Field '{field}' (for {target}) is not in the input; its fields are: {fields}.</source>
            <translation>ไม่พบฟิลด์ '{field}' (สำหรับ {target}) ในข้อมูลนำเข้า ฟิลด์ที่มี ได้แก่ {fields}</translation>
        </message>
        <message>
            <source>Field mapping '{part}' must look like target=source_field.</source>
            <translation>การจับคู่ฟิลด์ '{part}' ต้องอยู่ในรูป target=source_field</translation>
        </message>
        <message>
            <source>{path} is neither UTF-8 nor TIS-620 (cp874) text.</source>
            <translation>{path} ไม่ใช่ข้อความแบบ UTF-8 หรือ TIS-620 (cp874)</translation>
        </message>
        <message>
            <source>Cannot read the spreadsheet {path}: {error}</source>
            <translation>ไม่สามารถอ่านไฟล์ตารางคำนวณ {path} ได้: {error}</translation>
        </message>
        <message>
            <source>{path} is empty.</source>
            <translation>{path} ว่างเปล่า</translation>
        </message>
        <message>
            <source>{path} is not a readable CSV file: {error}</source>
            <translation>{path} ไม่ใช่ไฟล์ CSV ที่อ่านได้: {error}</translation>
        </message>
        <message>
            <source>{path} has only one column ({column}); expected a CSV with a header row such as house_code,house_no,village_no,lat,lon.</source>
            <translation>{path} มีเพียงคอลัมน์เดียว ({column}) ต้องเป็น CSV ที่มีแถวหัวตาราง เช่น house_code,house_no,village_no,lat,lon</translation>
        </message>
        <message>
            <source>{layer} has no rows.</source>
            <translation>{layer} ไม่มีแถวข้อมูล</translation>
        </message>
        <message>
            <source>{layer}: found neither coordinates (lat/lon or x/y) nor house codes or house numbers among its fields: {fields}.</source>
            <translation>{layer}: ไม่พบพิกัด (lat/lon หรือ x/y) รหัสประจำบ้าน หรือบ้านเลขที่ ในฟิลด์ต่อไปนี้: {fields}</translation>
        </message>
        <message>
            <source>{layer} has projected coordinates ({x}, {y}); set the source CRS (e.g. EPSG:32647 or EPSG:24047).</source>
            <translation>{layer} มีพิกัดในระบบฉายแผนที่ ({x}, {y}) ให้กำหนดระบบพิกัดต้นทาง (เช่น EPSG:32647 หรือ EPSG:24047)</translation>
        </message>
        <message>
            <source>Row {row}: duplicate house code {code} (first at row {first}).</source>
            <translation>แถว {row}: รหัสประจำบ้าน {code} ซ้ำ (พบครั้งแรกที่แถว {first})</translation>
        </message>
        <message>
            <source>Row {row}: village number '{value}' is not a number from 1 to 99.</source>
            <translation>แถว {row}: หมู่ที่ '{value}' ไม่ใช่ตัวเลขตั้งแต่ 1 ถึง 99</translation>
        </message>
        <message>
            <source>Row {row}: geometry is not a point or polygon.</source>
            <translation>แถว {row}: รูปเรขาคณิตไม่ใช่จุดหรือรูปหลายเหลี่ยม</translation>
        </message>
        <message>
            <source>Row {row}: coordinates '{x}', '{y}' are incomplete or not numbers.</source>
            <translation>แถว {row}: พิกัด '{x}', '{y}' ไม่ครบหรือไม่ใช่ตัวเลข</translation>
        </message>
        <message>
            <source>Row {row}: latitude and longitude look swapped ({lat}, {lon}).</source>
            <translation>แถว {row}: ละติจูดและลองจิจูดน่าจะสลับกัน ({lat}, {lon})</translation>
        </message>
        <message>
            <source>Row {row}: coordinates ({lat}, {lon}) are outside Thailand.</source>
            <translation>แถว {row}: พิกัด ({lat}, {lon}) อยู่นอกประเทศไทย</translation>
        </message>
        <message>
            <source>Row {row}: no location, house code or house number: nothing to link.</source>
            <translation>แถว {row}: ไม่มีตำแหน่ง รหัสประจำบ้าน หรือบ้านเลขที่ จึงไม่มีข้อมูลสำหรับเชื่อมโยง</translation>
        </message>
        <message>
            <source>Row {row}: house code '{code}' must have 11 digits (รหัสประจำบ้าน).</source>
            <translation>แถว {row}: รหัสประจำบ้าน '{code}' ต้องมี 11 หลัก</translation>
        </message>
        <message>
            <source>{layer} has no features.</source>
            <translation>{layer} ไม่มีฟีเจอร์</translation>
        </message>
        <message>
            <source>{layer}: no parcel identifier found. Map parcel_code (or zone, block and lot, or land_no) to one of its fields: {fields}.</source>
            <translation>{layer}: ไม่พบรหัสระบุแปลงที่ดิน ให้จับคู่ parcel_code (หรือ zone, block และ lot หรือ land_no) กับฟิลด์ใดฟิลด์หนึ่งต่อไปนี้: {fields}</translation>
        </message>
        <message>
            <source>no geometry</source>
            <translation>ไม่มีรูปเรขาคณิต</translation>
        </message>
        <message>
            <source>empty geometry</source>
            <translation>รูปเรขาคณิตว่างเปล่า</translation>
        </message>
        <message>
            <source>invalid geometry that cannot be repaired into a polygon</source>
            <translation>รูปเรขาคณิตไม่ถูกต้องและไม่สามารถซ่อมให้เป็นรูปหลายเหลี่ยมได้</translation>
        </message>
        <message>
            <source>not a polygon</source>
            <translation>ไม่ใช่รูปหลายเหลี่ยม</translation>
        </message>
        <message>
            <source>The PASER rating is missing; use a whole number from 1 (failed) to 10 (excellent).</source>
            <translation>ไม่มีค่า PASER ให้ใช้จำนวนเต็มตั้งแต่ 1 (ใช้การไม่ได้) ถึง 10 (ดีเยี่ยม)</translation>
        </message>
        <message>
            <source>PASER rating {value} is not a whole number; use a whole number from 1 (failed) to 10 (excellent).</source>
            <translation>ค่า PASER {value} ไม่ใช่จำนวนเต็ม ให้ใช้จำนวนเต็มตั้งแต่ 1 (ใช้การไม่ได้) ถึง 10 (ดีเยี่ยม)</translation>
        </message>
        <message>
            <source>PASER rating {value} is outside 1–10; use 1 (failed) to 10 (excellent).</source>
            <translation>ค่า PASER {value} อยู่นอกช่วง 1–10 ให้ใช้ 1 (ใช้การไม่ได้) ถึง 10 (ดีเยี่ยม)</translation>
        </message>
        <message>
            <source>Language {value} is not available for PASER descriptions; use th or en.</source>
            <translation>ไม่มีคำอธิบาย PASER ในภาษา {value} ให้ใช้ th หรือ en</translation>
        </message>
        <message>
            <source>Distress record {record} of sample unit {unit}: the distress type is missing; use a whole number from 1 to 19 (ASTM D6433 asphalt distresses).</source>
            <translation>รายการความเสียหาย {record} ของหน่วยตัวอย่าง {unit}: ไม่มีประเภทความเสียหาย ให้ใช้จำนวนเต็มตั้งแต่ 1 ถึง 19 (ความเสียหายผิวทางลาดยางตาม ASTM D6433)</translation>
        </message>
        <message>
            <source>Distress record {record} of sample unit {unit}: distress type {value} is not a whole number; use 1 to 19 (ASTM D6433 asphalt distresses).</source>
            <translation>รายการความเสียหาย {record} ของหน่วยตัวอย่าง {unit}: ประเภทความเสียหาย {value} ไม่ใช่จำนวนเต็ม ให้ใช้ 1 ถึง 19 (ความเสียหายผิวทางลาดยางตาม ASTM D6433)</translation>
        </message>
        <message>
            <source>Distress record {record} of sample unit {unit}: distress type {value} is not an ASTM D6433 asphalt distress; use 1 to 19.</source>
            <translation>รายการความเสียหาย {record} ของหน่วยตัวอย่าง {unit}: ประเภทความเสียหาย {value} ไม่ใช่ความเสียหายผิวทางลาดยางตาม ASTM D6433 ให้ใช้ 1 ถึง 19</translation>
        </message>
        <message>
            <source>Distress record {record} of sample unit {unit} ({type} {name}): the severity is missing; use L (low), M (medium) or H (high).</source>
            <translation>รายการความเสียหาย {record} ของหน่วยตัวอย่าง {unit} ({type} {name}): ไม่มีระดับความรุนแรง ให้ใช้ L (ต่ำ), M (ปานกลาง) หรือ H (สูง)</translation>
        </message>
        <message>
            <source>Distress record {record} of sample unit {unit} ({type} {name}): severity {value} is not L (low), M (medium) or H (high).</source>
            <translation>รายการความเสียหาย {record} ของหน่วยตัวอย่าง {unit} ({type} {name}): ระดับความรุนแรง {value} ไม่ใช่ L (ต่ำ), M (ปานกลาง) หรือ H (สูง)</translation>
        </message>
        <message>
            <source>Distress record {record} of sample unit {unit} ({type} {name}): the quantity is missing.</source>
            <translation>รายการความเสียหาย {record} ของหน่วยตัวอย่าง {unit} ({type} {name}): ไม่มีปริมาณ</translation>
        </message>
        <message>
            <source>Distress record {record} of sample unit {unit} ({type} {name}): quantity {value} is not a number.</source>
            <translation>รายการความเสียหาย {record} ของหน่วยตัวอย่าง {unit} ({type} {name}): ปริมาณ {value} ไม่ใช่ตัวเลข</translation>
        </message>
        <message>
            <source>Distress record {record} of sample unit {unit} ({type} {name}): quantity {value} must be greater than zero.</source>
            <translation>รายการความเสียหาย {record} ของหน่วยตัวอย่าง {unit} ({type} {name}): ปริมาณ {value} ต้องมากกว่าศูนย์</translation>
        </message>
        <message>
            <source>Distress record {record} of sample unit {unit} ({type} {name}): quantity unit {value} is not m2, m or count.</source>
            <translation>รายการความเสียหาย {record} ของหน่วยตัวอย่าง {unit} ({type} {name}): หน่วยของปริมาณ {value} ไม่ใช่ m2, m หรือ count</translation>
        </message>
        <message>
            <source>Distress record {record} of sample unit {unit} ({type} {name}): quantity unit {value} does not fit; this distress is measured in {expected}.</source>
            <translation>รายการความเสียหาย {record} ของหน่วยตัวอย่าง {unit} ({type} {name}): หน่วยของปริมาณ {value} ไม่ตรงกับชนิดความเสียหาย ความเสียหายชนิดนี้วัดเป็น {expected}</translation>
        </message>
        <message>
            <source>Sample unit {unit}: the sample area is missing.</source>
            <translation>หน่วยตัวอย่าง {unit}: ไม่มีพื้นที่หน่วยตัวอย่าง</translation>
        </message>
        <message>
            <source>Sample unit {unit}: sample area {value} is not a number.</source>
            <translation>หน่วยตัวอย่าง {unit}: พื้นที่หน่วยตัวอย่าง {value} ไม่ใช่ตัวเลข</translation>
        </message>
        <message>
            <source>Sample unit {unit}: sample area {value} m² must be greater than zero.</source>
            <translation>หน่วยตัวอย่าง {unit}: พื้นที่หน่วยตัวอย่าง {value} m² ต้องมากกว่าศูนย์</translation>
        </message>
        <message>
            <source>Sample unit {unit}: {type} {name}, severity {severity}, adds up to {quantity} {measure} on {area} m², a density of {density} %; a density cannot exceed 100 %. Check the quantities, their unit and the sample area.</source>
            <translation>หน่วยตัวอย่าง {unit}: {type} {name} ความรุนแรง {severity} รวมได้ {quantity} {measure} บนพื้นที่ {area} m² คิดเป็นความหนาแน่น {density} % แต่ความหนาแน่นต้องไม่เกิน 100 % ให้ตรวจสอบปริมาณ หน่วยของปริมาณ และพื้นที่หน่วยตัวอย่าง</translation>
        </message>
        <message>
            <source>Distress record {record} refers to sample unit {unit}, which is not among the sample units given.</source>
            <translation>รายการความเสียหาย {record} อ้างถึงหน่วยตัวอย่าง {unit} ซึ่งไม่อยู่ในหน่วยตัวอย่างที่ระบุ</translation>
        </message>
        <message>
            <source>Distress record {record} refers to sample unit number {value}; use a whole number from 0 to {last} (the position of its area).</source>
            <translation>รายการความเสียหาย {record} อ้างถึงหน่วยตัวอย่างลำดับที่ {value} ให้ใช้จำนวนเต็มตั้งแต่ 0 ถึง {last} (ลำดับของพื้นที่หน่วยตัวอย่าง)</translation>
        </message>
        <message>
            <source>The distress columns have different lengths ({lengths}); give one value per distress record.</source>
            <translation>คอลัมน์ข้อมูลความเสียหายมีความยาวไม่เท่ากัน ({lengths}) ให้ระบุหนึ่งค่าต่อหนึ่งรายการความเสียหาย</translation>
        </message>
        <message>
            <source>{count} sample areas were given for {expected} PCI values; give one area per sample unit.</source>
            <translation>ระบุพื้นที่หน่วยตัวอย่าง {count} ค่า สำหรับค่า PCI {expected} ค่า ให้ระบุพื้นที่หนึ่งค่าต่อหนึ่งหน่วยตัวอย่าง</translation>
        </message>
        <message>
            <source>{count} sample unit ids were given for {expected} sample units; give one id per sample unit.</source>
            <translation>ระบุรหัสหน่วยตัวอย่าง {count} รหัส สำหรับหน่วยตัวอย่าง {expected} หน่วย ให้ระบุหนึ่งรหัสต่อหนึ่งหน่วยตัวอย่าง</translation>
        </message>
        <message>
            <source>{count} record ids were given for {expected} distress records; give one id per record.</source>
            <translation>ระบุรหัสรายการ {count} รหัส สำหรับรายการความเสียหาย {expected} รายการ ให้ระบุหนึ่งรหัสต่อหนึ่งรายการ</translation>
        </message>
        <message>
            <source>Distress type {value} is not an ASTM D6433 asphalt distress; use a whole number from 1 to 19.</source>
            <translation>ประเภทความเสียหาย {value} ไม่ใช่ความเสียหายผิวทางลาดยางตาม ASTM D6433 ให้ใช้จำนวนเต็มตั้งแต่ 1 ถึง 19</translation>
        </message>
        <message>
            <source>Severity {value} is not L (low), M (medium) or H (high).</source>
            <translation>ระดับความรุนแรง {value} ไม่ใช่ L (ต่ำ), M (ปานกลาง) หรือ H (สูง)</translation>
        </message>
        <message>
            <source>Density {value} % is not a number greater than 0 and at most 100.</source>
            <translation>ความหนาแน่น {value} % ไม่ใช่ตัวเลขที่มากกว่า 0 และไม่เกิน 100</translation>
        </message>
        <message>
            <source>q = {value} is not a valid number of deduct values above 2; use a whole number of at least 1.</source>
            <translation>q = {value} ไม่ใช่จำนวนค่าหักลดที่มากกว่า 2 ที่ถูกต้อง ให้ใช้จำนวนเต็มตั้งแต่ 1 ขึ้นไป</translation>
        </message>
        <message>
            <source>Total deduct value {value} is not a number of 0 or more.</source>
            <translation>ค่าหักลดรวม {value} ไม่ใช่ตัวเลขตั้งแต่ 0 ขึ้นไป</translation>
        </message>
        <message>
            <source>PCI {value} is not a number from 0 to 100.</source>
            <translation>PCI {value} ไม่ใช่ตัวเลขตั้งแต่ 0 ถึง 100</translation>
        </message>
        <message>
            <source>Sample unit {unit}: PCI {value} is not a number from 0 to 100.</source>
            <translation>หน่วยตัวอย่าง {unit}: PCI {value} ไม่ใช่ตัวเลขตั้งแต่ 0 ถึง 100</translation>
        </message>
        <message>
            <source>Condition band {value} is not one of good, satisfactory, fair, poor, very_poor, serious, failed.</source>
            <translation>ระดับสภาพ {value} ไม่ใช่ค่าใดค่าหนึ่งใน good, satisfactory, fair, poor, very_poor, serious, failed</translation>
        </message>
        <message>
            <source>A section PCI needs at least one inspected sample unit.</source>
            <translation>การคำนวณ PCI ของช่วงถนนต้องมีหน่วยตัวอย่างที่สำรวจแล้วอย่างน้อยหนึ่งหน่วย</translation>
        </message>
        <message>
            <source>The number of sample units in the section must be a whole number of at least 1, not {value}.</source>
            <translation>จำนวนหน่วยตัวอย่างในช่วงถนนต้องเป็นจำนวนเต็มตั้งแต่ 1 ขึ้นไป ไม่ใช่ {value}</translation>
        </message>
        <message>
            <source>Surface {value} has no standard deviation for the sample size; use asphalt (s = 10) or concrete (s = 15), or give the standard deviation.</source>
            <translation>ผิวทาง {value} ไม่มีค่าส่วนเบี่ยงเบนมาตรฐานสำหรับคำนวณขนาดตัวอย่าง ให้ใช้ asphalt (ลาดยาง, s = 10) หรือ concrete (คอนกรีต, s = 15) หรือระบุค่าส่วนเบี่ยงเบนมาตรฐานเอง</translation>
        </message>
        <message>
            <source>The acceptable error {value} must be a number greater than zero (PCI points).</source>
            <translation>ค่าความคลาดเคลื่อนที่ยอมรับได้ {value} ต้องเป็นตัวเลขที่มากกว่าศูนย์ (หน่วยเป็นคะแนน PCI)</translation>
        </message>
        <message>
            <source>The standard deviation {value} must be a number greater than zero (PCI points).</source>
            <translation>ค่าส่วนเบี่ยงเบนมาตรฐาน {value} ต้องเป็นตัวเลขที่มากกว่าศูนย์ (หน่วยเป็นคะแนน PCI)</translation>
        </message>
        <message>
            <source>Work order {order}: '{value}' in {field} is not a date and time.</source>
            <translation>ใบสั่งงาน {order}: '{value}' ใน {field} ไม่ใช่วันที่และเวลา</translation>
        </message>
        <message>
            <source>Work order {order}: {field} '{value}' is not one of {allowed}.</source>
            <translation>ใบสั่งงาน {order}: {field} '{value}' ไม่อยู่ในรายการ {allowed}</translation>
        </message>
        <message>
            <source>Work order {order}: '{value}' is not a SHA-256 photo hash (64 hexadecimal characters).</source>
            <translation>ใบสั่งงาน {order}: '{value}' ไม่ใช่ค่าแฮช SHA-256 ของภาพถ่าย (เลขฐานสิบหก 64 ตัวอักษร)</translation>
        </message>
        <message>
            <source>'{value}' is not a work-order status; expected one of {allowed}.</source>
            <translation>'{value}' ไม่ใช่สถานะใบสั่งงาน ต้องเป็นค่าใดค่าหนึ่งใน {allowed}</translation>
        </message>
        <message>
            <source>SLA setting: '{priority}' is not a priority; expected one of {allowed}.</source>
            <translation>การตั้งค่า SLA: '{priority}' ไม่ใช่ระดับความเร่งด่วน ต้องเป็นค่าใดค่าหนึ่งใน {allowed}</translation>
        </message>
        <message>
            <source>SLA setting for {priority}: '{value}' is not a target; use hours (e.g. 4h) or working days (e.g. 5wd).</source>
            <translation>การตั้งค่า SLA ของ {priority}: '{value}' ไม่ใช่ระยะเวลาเป้าหมาย ให้ใช้จำนวนชั่วโมง (เช่น 4h) หรือจำนวนวันทำการ (เช่น 5wd)</translation>
        </message>
        <message>
            <source>Holiday '{value}' is not a date; expected YYYY-MM-DD, e.g. 2026-04-13.</source>
            <translation>วันหยุด '{value}' ไม่ใช่วันที่ ต้องอยู่ในรูป YYYY-MM-DD (ปี ค.ศ.) เช่น 2026-04-13</translation>
        </message>
        <message>
            <source>'{value}' is not a priority; expected one of {allowed}.</source>
            <translation>'{value}' ไม่ใช่ระดับความเร่งด่วน ต้องเป็นค่าใดค่าหนึ่งใน {allowed}</translation>
        </message>
        <message>
            <source>Work order {order}: who made the change is missing (actor).</source>
            <translation>ใบสั่งงาน {order}: ไม่ได้ระบุผู้ดำเนินการเปลี่ยนแปลง (actor)</translation>
        </message>
        <message>
            <source>Work order {order}: the field '{field}' cannot be changed here; status, number, due time, lifecycle times and sync fields are set by the lifecycle.</source>
            <translation>ใบสั่งงาน {order}: แก้ไขฟิลด์ '{field}' ที่นี่ไม่ได้ สถานะ เลขที่ กำหนดเสร็จ เวลาของแต่ละขั้นตอน และฟิลด์สำหรับซิงก์ ถูกกำหนดโดยขั้นตอนการดำเนินงานของใบสั่งงาน</translation>
        </message>
        <message>
            <source>A new work order needs a title.</source>
            <translation>ใบสั่งงานใหม่ต้องมีชื่อเรื่อง</translation>
        </message>
        <message>
            <source>Work order {order}: its status '{value}' is not a work-order status; expected one of {allowed}.</source>
            <translation>ใบสั่งงาน {order}: สถานะ '{value}' ไม่ใช่สถานะใบสั่งงาน ต้องเป็นค่าใดค่าหนึ่งใน {allowed}</translation>
        </message>
        <message>
            <source>Work order {order}: '{value}' is not a work-order status; expected one of {allowed}.</source>
            <translation>ใบสั่งงาน {order}: '{value}' ไม่ใช่สถานะใบสั่งงาน ต้องเป็นค่าใดค่าหนึ่งใน {allowed}</translation>
        </message>
        <message>
            <source>Work order {order}: cannot change status from {from_status} to {to_status}; allowed next: {allowed}.</source>
            <translation>ใบสั่งงาน {order}: เปลี่ยนสถานะจาก {from_status} เป็น {to_status} ไม่ได้ สถานะถัดไปที่เปลี่ยนได้: {allowed}</translation>
        </message>
        <message>
            <source>Work order {order}: cannot change status from {from_status} to {to_status}; {from_status} is final, no change is allowed.</source>
            <translation>ใบสั่งงาน {order}: เปลี่ยนสถานะจาก {from_status} เป็น {to_status} ไม่ได้ เนื่องจาก {from_status} เป็นสถานะสุดท้าย ไม่สามารถเปลี่ยนแปลงได้อีก</translation>
        </message>
        <message>
            <source>Work order {order} has no uuid; save it before changing its status.</source>
            <translation>ใบสั่งงาน {order} ไม่มี uuid ให้บันทึกใบสั่งงานก่อนเปลี่ยนสถานะ</translation>
        </message>
        <message>
            <source>Work order {order}: changing status from {from_status} to {to_status} needs a note saying why.</source>
            <translation>ใบสั่งงาน {order}: การเปลี่ยนสถานะจาก {from_status} เป็น {to_status} ต้องมีบันทึกระบุเหตุผล</translation>
        </message>
        <message>
            <source>Work order {order}: the change to {to_status} at {at} is earlier than its {field} ({value}).</source>
            <translation>ใบสั่งงาน {order}: การเปลี่ยนเป็น {to_status} เมื่อ {at} เกิดก่อน {field} ({value}) ของใบสั่งงาน</translation>
        </message>
        <message>
            <source>Work order {order}: to assign it, give a team or an assignee.</source>
            <translation>ใบสั่งงาน {order}: การมอบหมายงานต้องระบุทีมช่างหรือผู้รับผิดชอบ</translation>
        </message>
        <message>
            <source>No CDDP workspace: open a workspace project or set the WORKSPACE parameter.</source>
            <translation>ไม่มีพื้นที่ทำงาน CDDP ให้เปิดโครงการของพื้นที่ทำงาน หรือกำหนดพารามิเตอร์ WORKSPACE</translation>
        </message>
        <message>
            <source>The hazard layer is required.</source>
            <translation>ต้องระบุชั้นข้อมูลพื้นที่ภัย</translation>
        </message>
        <message>
            <source>{layer} has no coordinate reference system; set one in its properties.</source>
            <translation>{layer} ไม่มีระบบพิกัด ให้กำหนดระบบพิกัดในคุณสมบัติของชั้นข้อมูล</translation>
        </message>
        <message>
            <source>{layer} has no hazard polygons.</source>
            <translation>{layer} ไม่มีรูปหลายเหลี่ยมพื้นที่ภัย</translation>
        </message>
        <message>
            <source>Give either a household file or a household layer (exactly one).</source>
            <translation>ให้ระบุไฟล์ครัวเรือนหรือชั้นข้อมูลครัวเรือนอย่างใดอย่างหนึ่งเท่านั้น</translation>
        </message>
        <message>
            <source>File not found: {path}</source>
            <translation>ไม่พบไฟล์: {path}</translation>
        </message>
        <message>
            <source>Cannot read {path}: {error}</source>
            <translation>ไม่สามารถอ่าน {path} ได้: {error}</translation>
        </message>
        <message>
            <source>The parcels layer could not be opened.</source>
            <translation>ไม่สามารถเปิดชั้นข้อมูลแปลงที่ดินได้</translation>
        </message>
        <message>
            <source>The households and parcels layers are required.</source>
            <translation>ต้องระบุชั้นข้อมูลครัวเรือนและชั้นข้อมูลแปลงที่ดิน</translation>
        </message>
        <message>
            <source>{layer} has no parcels.</source>
            <translation>{layer} ไม่มีแปลงที่ดิน</translation>
        </message>
        <message>
            <source>Cannot choose a metric CRS for {layer}.</source>
            <translation>ไม่สามารถเลือกระบบพิกัดหน่วยเมตรสำหรับ {layer} ได้</translation>
        </message>
        <message>
            <source>Parcel id field '{field}' is not in {layer}.</source>
            <translation>ไม่พบฟิลด์รหัสระบุแปลง '{field}' ใน {layer}</translation>
        </message>
        <message>
            <source>Parcel id field '{field}' of {layer} is empty for {n} parcels.</source>
            <translation>ฟิลด์รหัสระบุแปลง '{field}' ของ {layer} ไม่มีค่าใน {n} แปลง</translation>
        </message>
        <message>
            <source>Parcel id field '{field}' of {layer} is not unique ({n} repeated values, e.g. {examples}); choose a unique field.</source>
            <translation>ฟิลด์รหัสระบุแปลง '{field}' ของ {layer} มีค่าซ้ำ (ซ้ำ {n} ค่า เช่น {examples}) ให้เลือกฟิลด์ที่มีค่าไม่ซ้ำ</translation>
        </message>
        <message>
            <source>{n} inspections name road sections that are not in the workspace (e.g. {example}).</source>
            <translation>ผลการสำรวจ {n} รายการอ้างถึงช่วงสำรวจถนนที่ไม่มีอยู่ในพื้นที่ทำงาน (เช่น {example})</translation>
        </message>
        <message>
            <source>PCI inspection {inspection} (section {section}, {date}) has no sample-unit area; enter sample_area_sqm.</source>
            <translation>ผลการสำรวจ PCI {inspection} (ช่วง {section} วันที่ {date}) ไม่มีพื้นที่หน่วยตัวอย่าง ให้กรอก sample_area_sqm</translation>
        </message>
        <message>
            <source>Streetlight {lamp}: status '{value}' is not a lamp status; use one of {allowed}.</source>
            <translation>ไฟฟ้าสาธารณะ {lamp}: สถานะ '{value}' ไม่ใช่สถานะไฟฟ้าสาธารณะ ให้ใช้ค่าใดค่าหนึ่งใน {allowed}</translation>
        </message>
        <message>
            <source>Streetlight {lamp}: owner '{value}' is not a pole owner; use one of {allowed}.</source>
            <translation>ไฟฟ้าสาธารณะ {lamp}: เจ้าของเสา '{value}' ไม่อยู่ในรายการเจ้าของเสา ให้ใช้ค่าใดค่าหนึ่งใน {allowed}</translation>
        </message>
        <message>
            <source>Streetlight id {lamp} appears more than once; every streetlight needs its own id.</source>
            <translation>รหัสไฟฟ้าสาธารณะ {lamp} ปรากฏมากกว่าหนึ่งครั้ง ไฟฟ้าสาธารณะแต่ละต้นต้องมีรหัสไม่ซ้ำกัน</translation>
        </message>
        <message>
            <source>Fault record {record} of streetlight {lamp}: fault '{value}' is not a lamp status; use one of {allowed}.</source>
            <translation>รายการเหตุขัดข้อง {record} ของไฟฟ้าสาธารณะ {lamp}: อาการ '{value}' ไม่ใช่สถานะไฟฟ้าสาธารณะ ให้ใช้ค่าใดค่าหนึ่งใน {allowed}</translation>
        </message>
        <message>
            <source>Fault record {record} of streetlight {lamp}: 'working' is not a fault; record the repair as the fault's resolved_at time instead.</source>
            <translation>รายการเหตุขัดข้อง {record} ของไฟฟ้าสาธารณะ {lamp}: 'working' ไม่ใช่อาการขัดข้อง ให้บันทึกการซ่อมเป็นเวลา resolved_at ของเหตุขัดข้องแทน</translation>
        </message>
        <message>
            <source>Fault record {record} of streetlight {lamp}: '{value}' in {field} is not a date and time.</source>
            <translation>รายการเหตุขัดข้อง {record} ของไฟฟ้าสาธารณะ {lamp}: '{value}' ใน {field} ไม่ใช่วันที่และเวลา</translation>
        </message>
        <message>
            <source>Fault record {record} of streetlight {lamp}: resolved at {resolved}, before it was reported ({reported}).</source>
            <translation>รายการเหตุขัดข้อง {record} ของไฟฟ้าสาธารณะ {lamp}: แก้ไขเสร็จเมื่อ {resolved} ซึ่งก่อนเวลาแจ้ง ({reported})</translation>
        </message>
        <message>
            <source>Fault record {record} of streetlight {lamp}: {field} {value} is later than the time of the analysis ({now}).</source>
            <translation>รายการเหตุขัดข้อง {record} ของไฟฟ้าสาธารณะ {lamp}: {field} {value} อยู่หลังเวลาที่ใช้วิเคราะห์ ({now})</translation>
        </message>
        <message>
            <source>Inspection {record} of streetlight {lamp}: status '{value}' is not a lamp status; use one of {allowed}.</source>
            <translation>ผลการตรวจสภาพ {record} ของไฟฟ้าสาธารณะ {lamp}: สถานะ '{value}' ไม่ใช่สถานะไฟฟ้าสาธารณะ ให้ใช้ค่าใดค่าหนึ่งใน {allowed}</translation>
        </message>
        <message>
            <source>Inspection {record} of streetlight {lamp}: '{value}' is not a date and time.</source>
            <translation>ผลการตรวจสภาพ {record} ของไฟฟ้าสาธารณะ {lamp}: '{value}' ไม่ใช่วันที่และเวลา</translation>
        </message>
        <message>
            <source>Inspection {record} of streetlight {lamp} has no date; an inspection needs the time it was made.</source>
            <translation>ผลการตรวจสภาพ {record} ของไฟฟ้าสาธารณะ {lamp} ไม่มีวันที่ ผลการตรวจสภาพต้องระบุเวลาที่ตรวจ</translation>
        </message>
        <message>
            <source>Inspection {record} of streetlight {lamp}: inspected at {value}, later than the time of the analysis ({now}).</source>
            <translation>ผลการตรวจสภาพ {record} ของไฟฟ้าสาธารณะ {lamp}: ตรวจเมื่อ {value} ซึ่งอยู่หลังเวลาที่ใช้วิเคราะห์ ({now})</translation>
        </message>
        <message>
            <source>Record {record} names no streetlight; give the streetlight's id (streetlight_uuid).</source>
            <translation>รายการ {record} ไม่ได้ระบุไฟฟ้าสาธารณะ ให้ระบุรหัสไฟฟ้าสาธารณะ (streetlight_uuid)</translation>
        </message>
        <message>
            <source>Streetlight {lamp}: '{value}' is not a date and time for the start of its outage.</source>
            <translation>ไฟฟ้าสาธารณะ {lamp}: '{value}' ไม่ใช่วันที่และเวลาที่ใช้เป็นเวลาเริ่มดับได้</translation>
        </message>
        <message>
            <source>'{value}' is not a date and time for the analysis.</source>
            <translation>'{value}' ไม่ใช่วันที่และเวลาที่ใช้ในการวิเคราะห์ได้</translation>
        </message>
        <message>
            <source>Road {road} has no geometry (missing or empty); give it a line or leave it out of the analysis.</source>
            <translation>ถนน {road} ไม่มีรูปเรขาคณิต (ไม่มีหรือว่างเปล่า) ให้กำหนดเส้นถนน หรือไม่นำถนนนี้เข้าสู่การวิเคราะห์</translation>
        </message>
        <message>
            <source>Road {road} is a {type}, not a line; roads must be LineStrings or MultiLineStrings.</source>
            <translation>ถนน {road} เป็น {type} ไม่ใช่เส้น ถนนต้องเป็น LineString หรือ MultiLineString</translation>
        </message>
        <message>
            <source>Road {road} has coordinates that are not numbers (NaN or infinite); fix its geometry.</source>
            <translation>ถนน {road} มีพิกัดที่ไม่ใช่ตัวเลข (NaN หรืออนันต์) ให้แก้ไขรูปเรขาคณิต</translation>
        </message>
        <message>
            <source>Road {road} has no length (all its points are in the same place); fix or delete it before the analysis.</source>
            <translation>ถนน {road} ไม่มีความยาว (ทุกจุดอยู่ที่ตำแหน่งเดียวกัน) ให้แก้ไขหรือลบออกก่อนการวิเคราะห์</translation>
        </message>
        <message>
            <source>Streetlight {lamp} has no location (missing or empty geometry); place it or leave it out of the analysis.</source>
            <translation>ไฟฟ้าสาธารณะ {lamp} ไม่มีตำแหน่ง (ไม่มีรูปเรขาคณิตหรือว่างเปล่า) ให้กำหนดตำแหน่ง หรือไม่นำเข้าสู่การวิเคราะห์</translation>
        </message>
        <message>
            <source>Streetlight {lamp} is a {type}, not a point.</source>
            <translation>ไฟฟ้าสาธารณะ {lamp} เป็น {type} ไม่ใช่จุด</translation>
        </message>
        <message>
            <source>Streetlight {lamp} has coordinates that are not numbers (NaN or infinite); fix its location.</source>
            <translation>ไฟฟ้าสาธารณะ {lamp} มีพิกัดที่ไม่ใช่ตัวเลข (NaN หรืออนันต์) ให้แก้ไขตำแหน่ง</translation>
        </message>
        <message>
            <source>The {layer} are in a geographic CRS (degrees), but this analysis measures metres. Reproject them to a projected CRS in metres such as EPSG:32647 (UTM 47N) or EPSG:32648 (UTM 48N).</source>
            <translation>ชั้นข้อมูล {layer} อยู่ในระบบพิกัดภูมิศาสตร์ (หน่วยองศา) แต่การวิเคราะห์นี้วัดระยะเป็นเมตร ให้แปลงเป็นระบบพิกัดแบบฉายแผนที่หน่วยเมตร เช่น EPSG:32647 (UTM 47N) หรือ EPSG:32648 (UTM 48N)</translation>
        </message>
        <message>
            <source>The {layer} look like longitude/latitude in degrees (e.g. {x:.5f}, {y:.5f}), but this analysis measures metres. Reproject them to a projected CRS in metres such as EPSG:32647 (UTM 47N) or EPSG:32648 (UTM 48N).</source>
            <translation>ชั้นข้อมูล {layer} มีพิกัดที่ดูเหมือนลองจิจูด/ละติจูดหน่วยองศา (เช่น {x:.5f}, {y:.5f}) แต่การวิเคราะห์นี้วัดระยะเป็นเมตร ให้แปลงเป็นระบบพิกัดแบบฉายแผนที่หน่วยเมตร เช่น EPSG:32647 (UTM 47N) หรือ EPSG:32648 (UTM 48N)</translation>
        </message>
        <message>
            <source>The cluster distance must be a positive number of metres (e.g. 60); got {value}.</source>
            <translation>ระยะห่างภายในกลุ่มไฟดับต้องเป็นจำนวนบวกหน่วยเมตร (เช่น 60) แต่ระบุเป็น {value}</translation>
        </message>
        <message>
            <source>The smallest outage cluster must be a whole number of at least 2 lamps (e.g. 3); got {value}.</source>
            <translation>จำนวนไฟดับขั้นต่ำของกลุ่มไฟดับต้องเป็นจำนวนเต็มตั้งแต่ 2 ต้นขึ้นไป (เช่น 3) แต่ระบุเป็น {value}</translation>
        </message>
        <message>
            <source>The snapping distance from a lamp to its road must be a positive number of metres (e.g. 25); got {value}.</source>
            <translation>ระยะห่างสูงสุดจากเสาไฟถึงถนนต้องเป็นจำนวนบวกหน่วยเมตร (เช่น 25) แต่ระบุเป็น {value}</translation>
        </message>
        <message>
            <source>The lamp spacing threshold must be a positive number of metres (e.g. 50); got {value}.</source>
            <translation>เกณฑ์ระยะห่างระหว่างไฟต้องเป็นจำนวนบวกหน่วยเมตร (เช่น 50) แต่ระบุเป็น {value}</translation>
        </message>
        <message>
            <source>'{value}' in the statuses to count ({what}) is not a lamp status; use {allowed}.</source>
            <translation>'{value}' ในรายการสถานะที่จะนับ ({what}) ไม่ใช่สถานะไฟฟ้าสาธารณะ ให้ใช้ {allowed}</translation>
        </message>
        <message>
            <source>A chainage must be a number of metres of at least 0; got {value}.</source>
            <translation>ตำแหน่ง กม. ต้องเป็นตัวเลขหน่วยเมตรตั้งแต่ 0 ขึ้นไป แต่ระบุเป็น {value}</translation>
        </message>
        <message>
            <source>'{value}' is not a chainage; write kilometres+metres, e.g. กม. 1+350 or 0+050.</source>
            <translation>'{value}' ไม่ใช่ตำแหน่ง กม. ให้เขียนในรูป กิโลเมตร+เมตร เช่น กม. 1+350 หรือ 0+050</translation>
        </message>
        <message>
            <source>The OpenStreetMap file {path} does not exist.</source>
            <translation>ไม่พบไฟล์ OpenStreetMap {path}</translation>
        </message>
        <message>
            <source>{path} is not an OpenStreetMap extract; use an .osm.pbf or .osm file.</source>
            <translation>{path} ไม่ใช่ไฟล์ข้อมูล OpenStreetMap ให้ใช้ไฟล์ .osm.pbf หรือ .osm</translation>
        </message>
        <message>
            <source>GDAL could not read {path} as OpenStreetMap data: {error}</source>
            <translation>GDAL ไม่สามารถอ่าน {path} เป็นข้อมูล OpenStreetMap ได้: {error}</translation>
        </message>
        <message>
            <source>Unknown road class {value}; the classes are: {allowed}.</source>
            <translation>ไม่รู้จักประเภทถนน {value} ประเภทที่มี ได้แก่ {allowed}</translation>
        </message>
        <message>
            <source>{layer} has no highway=* ways (roads).</source>
            <translation>{layer} ไม่มีเส้นทาง highway=* (ถนน)</translation>
        </message>
        <message>
            <source>highway={value} is not a road on the ground</source>
            <translation>highway={value} ไม่ใช่ถนนที่มีอยู่จริงในพื้นที่</translation>
        </message>
        <message>
            <source>Unknown target field {target} in the field mapping; the road fields are: {allowed}.</source>
            <translation>ไม่รู้จักฟิลด์ปลายทาง {target} ในการจับคู่ฟิลด์ ฟิลด์ของถนน ได้แก่ {allowed}</translation>
        </message>
        <message>
            <source>not a line but a {type}</source>
            <translation>ไม่ใช่เส้น แต่เป็น {type}</translation>
        </message>
        <message>
            <source>no length: all its points are at the same place</source>
            <translation>ไม่มีความยาว: ทุกจุดอยู่ที่ตำแหน่งเดียวกัน</translation>
        </message>
        <message>
            <source>Unknown segmentation mode '{mode}'; use length or area.</source>
            <translation>ไม่รู้จักวิธีแบ่งช่วง '{mode}' ให้ใช้ length หรือ area</translation>
        </message>
        <message>
            <source>The section length must be at least {minimum} m; got {value}.</source>
            <translation>ความยาวช่วงต้องไม่น้อยกว่า {minimum} m แต่ระบุเป็น {value}</translation>
        </message>
        <message>
            <source>The sample-unit area must be more than 0 m²; got {value}.</source>
            <translation>พื้นที่หน่วยตัวอย่างต้องมากกว่า 0 m² แต่ระบุเป็น {value}</translation>
        </message>
        <message>
            <source>The lane width must be more than 0 m; got {value}.</source>
            <translation>ความกว้างช่องจราจรต้องมากกว่า 0 m แต่ระบุเป็น {value}</translation>
        </message>
        <message>
            <source>The default road width must be more than 0 m; got {value}.</source>
            <translation>ความกว้างถนนเริ่มต้นต้องมากกว่า 0 m แต่ระบุเป็น {value}</translation>
        </message>
        <message>
            <source>Roads must be in a projected CRS in metres to be cut into sections; they are in {crs}.</source>
            <translation>ถนนต้องอยู่ในระบบพิกัดแบบฉายแผนที่หน่วยเมตรจึงจะแบ่งเป็นช่วงได้ แต่ขณะนี้อยู่ใน {crs}</translation>
        </message>
        <message>
            <source>the road has no length</source>
            <translation>ถนนไม่มีความยาว</translation>
        </message>
        <message>
            <source>no width: the road has neither width_m nor lanes, and no default width was given</source>
            <translation>ไม่มีความกว้าง: ถนนไม่มีทั้ง width_m และ lanes และไม่ได้ระบุความกว้างเริ่มต้น</translation>
        </message>
        <message>
            <source>sections of {area} m² at {width} m wide would be shorter than 1 m</source>
            <translation>ช่วงพื้นที่ {area} m² ที่ความกว้าง {width} m จะยาวไม่ถึง 1 m</translation>
        </message>
        <message>
            <source>Section id {section} already belongs to another road ({road}); give the roads distinct road codes.</source>
            <translation>รหัสช่วง {section} เป็นของถนนสายอื่นอยู่แล้ว ({road}) ให้กำหนดรหัสสายทางที่ไม่ซ้ำกัน</translation>
        </message>
        <message>
            <source>Re-segmenting would delete {n} sections that have ratings or inspections ({sections}). Segment with the same parameters to keep them, or confirm that they may be replaced.</source>
            <translation>การแบ่งช่วงใหม่จะลบช่วง {n} ช่วงที่มีผลการประเมินหรือผลการสำรวจแล้ว ({sections}) ให้แบ่งช่วงด้วยพารามิเตอร์เดิมเพื่อคงช่วงเหล่านั้นไว้ หรือยืนยันว่าแทนที่ได้</translation>
        </message>
        <message>
            <source>The workspace has no roads; import roads first.</source>
            <translation>พื้นที่ทำงานไม่มีถนน ให้นำเข้าถนนก่อน</translation>
        </message>
        <message>
            <source>No road with uuid {uuid} in the workspace.</source>
            <translation>ไม่พบถนนที่มี uuid {uuid} ในพื้นที่ทำงาน</translation>
        </message>
        <message>
            <source>{layer} has no streetlights.</source>
            <translation>{layer} ไม่มีไฟฟ้าสาธารณะ</translation>
        </message>
        <message>
            <source>no location</source>
            <translation>ไม่มีตำแหน่ง</translation>
        </message>
        <message>
            <source>status '{value}' is not a lamp status</source>
            <translation>สถานะ '{value}' ไม่ใช่สถานะไฟฟ้าสาธารณะ</translation>
        </message>
        <message>
            <source>Give either a file or a layer (exactly one).</source>
            <translation>ให้ระบุไฟล์หรือชั้นข้อมูลอย่างใดอย่างหนึ่งเท่านั้น</translation>
        </message>
        <message>
            <source>The workspace has no streetlights; import them first (cddp:importstreetlights).</source>
            <translation>พื้นที่ทำงานไม่มีไฟฟ้าสาธารณะ ให้นำเข้าก่อน (cddp:importstreetlights)</translation>
        </message>
        <message>
            <source>An area distress cannot exceed the sample unit's area (density over 100 %).</source>
            <translation>ความเสียหายผิวทางชนิดที่วัดเป็นพื้นที่ต้องไม่เกินพื้นที่ของหน่วยตัวอย่าง (ความหนาแน่นเกิน 100 %)</translation>
        </message>
        <message>
            <source>The snapping distance must be a positive number of metres; got '{value}'.</source>
            <translation>ระยะผูกกับทรัพย์สินต้องเป็นจำนวนเมตรที่มากกว่า 0 แต่ได้ '{value}'</translation>
        </message>
        <message>
            <source>The PCI and PASER thresholds must be numbers.</source>
            <translation>เกณฑ์ PCI และ PASER ต้องเป็นตัวเลข</translation>
        </message>
        <message>
            <source>Thresholds out of range: PCI below {pci} (0–100), PASER at most {paser} (0–10).</source>
            <translation>เกณฑ์อยู่นอกช่วง: PCI ต่ำกว่า {pci} (0–100), PASER ไม่เกิน {paser} (0–10)</translation>
        </message>
        <message>
            <source>The area to keep complaints in is empty.</source>
            <translation>พื้นที่สำหรับคัดเลือกเรื่องร้องเรียนว่างเปล่า</translation>
        </message>
        <message>
            <source>Row {row}: at {lon:.5f}, {lat:.5f}, outside {area}; not imported.</source>
            <translation>แถว {row}: ตำแหน่ง {lon:.5f}, {lat:.5f} อยู่นอก{area} จึงไม่นำเข้า</translation>
        </message>
        <message>
            <source>The budget must be a number of baht greater than 0; got {value}.</source>
            <translation>งบประมาณต้องเป็นจำนวนเงินบาทที่มากกว่า 0 แต่ได้รับ {value}</translation>
        </message>
        <message>
            <source>There are no road sections to plan; import roads and cut them into sections (cddp:segmentroads) first.</source>
            <translation>ไม่มีช่วงถนนให้วางแผน ให้นำเข้าถนนและแบ่งเป็นช่วงสำรวจ (cddp:segmentroads) ก่อน</translation>
        </message>
        <message>
            <source>None of the {n} road sections has a condition rating (PCI or PASER); enter inspections and run cddp:roadcondition first.</source>
            <translation>ช่วงถนนทั้ง {n} ช่วงยังไม่มีผลประเมินสภาพ (PCI หรือ PASER) ให้บันทึกผลการสำรวจและเรียกใช้ cddp:roadcondition ก่อน</translation>
        </message>
        <message>
            <source>The road sections need a length_m column or line geometries.</source>
            <translation>ช่วงถนนต้องมีคอลัมน์ length_m หรือรูปเรขาคณิตแบบเส้น</translation>
        </message>
        <message>
            <source>{layer} has no coordinate reference system; the plan measures metres.</source>
            <translation>{layer} ไม่มีระบบพิกัดอ้างอิง แต่การวางแผนต้องวัดระยะเป็นเมตร</translation>
        </message>
        <message>
            <source>{layer} is in a geographic CRS ({crs}); the plan measures metres, so use a projected CRS such as UTM.</source>
            <translation>{layer} ใช้ระบบพิกัดภูมิศาสตร์ ({crs}) แต่การวางแผนวัดระยะเป็นเมตร ให้ใช้ระบบพิกัดฉาย เช่น UTM</translation>
        </message>
        <message>
            <source>Unit cost '{item}' is not of the form treatment=baht per m² (e.g. overlay=400).</source>
            <translation>ราคาต่อหน่วย '{item}' ไม่อยู่ในรูป วิธีซ่อม=บาทต่อตร.ม. (เช่น overlay=400)</translation>
        </message>
        <message>
            <source>Unknown treatment '{name}' in the unit costs; use routine, preservation, overlay or reconstruct.</source>
            <translation>ไม่รู้จักวิธีซ่อม '{name}' ในราคาต่อหน่วย ให้ใช้ routine, preservation, overlay หรือ reconstruct</translation>
        </message>
        <message>
            <source>The unit cost of {name} must be a number of baht per m²; got '{value}'.</source>
            <translation>ราคาต่อหน่วยของ {name} ต้องเป็นตัวเลขบาทต่อตร.ม. แต่ได้รับ '{value}'</translation>
        </message>
        <message>
            <source>The unit cost of {name} must be more than 0 baht per m²; got {value}.</source>
            <translation>ราคาต่อหน่วยของ {name} ต้องมากกว่า 0 บาทต่อตร.ม. แต่ได้รับ {value}</translation>
        </message>
        <message>
            <source>The unit cost of {name} is given twice.</source>
            <translation>ระบุราคาต่อหน่วยของ {name} ซ้ำสองครั้ง</translation>
        </message>
        <message>
            <source>The household weight must be a number of 0 or more; got {value}.</source>
            <translation>น้ำหนักของครัวเรือนต้องเป็นตัวเลขตั้งแต่ 0 ขึ้นไป แต่ได้รับ {value}</translation>
        </message>
        <message>
            <source>The vulnerable-resident weight must be a number of 0 or more; got {value}.</source>
            <translation>น้ำหนักของผู้อยู่อาศัยกลุ่มเปราะบางต้องเป็นตัวเลขตั้งแต่ 0 ขึ้นไป แต่ได้รับ {value}</translation>
        </message>
        <message>
            <source>The serving distance must be a number of metres greater than 0; got {value}.</source>
            <translation>ระยะให้บริการต้องเป็นระยะทางเป็นเมตรที่มากกว่า 0 แต่ได้รับ {value}</translation>
        </message>
        <message>
            <source>Unknown selection method '{value}'; use auto, exact or greedy.</source>
            <translation>ไม่รู้จักวิธีการเลือก '{value}' ให้ใช้ auto, exact หรือ greedy</translation>
        </message>
        <message>
            <source>An exact plan would need {cells} dynamic-programming cells for {items} sections (limit {limit}); use the greedy method.</source>
            <translation>แผนแบบแม่นตรงต้องใช้ตารางกำหนดการพลวัต {cells} ช่อง สำหรับ {items} ช่วง (จำกัด {limit} ช่อง) ให้ใช้วิธีแบบละโมบ (greedy)</translation>
        </message>
        <message>
            <source>The maintenance plan was cancelled.</source>
            <translation>ยกเลิกการจัดทำแผนซ่อมบำรุงแล้ว</translation>
        </message>
        <message>
            <source>'{value}' is not a SHA-256 photo hash (64 hexadecimal characters).</source>
            <translation>'{value}' ไม่ใช่ค่าแฮช SHA-256 ของภาพ (เลขฐานสิบหก 64 ตัว)</translation>
        </message>
        <message>
            <source>Photo {path}: the file does not exist.</source>
            <translation>ภาพ {path}: ไม่พบไฟล์</translation>
        </message>
        <message>
            <source>Photo {path}: the file cannot be read (permission denied).</source>
            <translation>ภาพ {path}: ไม่สามารถอ่านไฟล์ได้ (ไม่มีสิทธิ์)</translation>
        </message>
        <message>
            <source>Photo {path}: the file cannot be read ({error}).</source>
            <translation>ภาพ {path}: ไม่สามารถอ่านไฟล์ได้ ({error})</translation>
        </message>
        <message>
            <source>Photo {path}: the file is empty.</source>
            <translation>ภาพ {path}: ไฟล์ว่างเปล่า</translation>
        </message>
        <message>
            <source>Photo {path}: the file is {size} MB; photos may be at most {max} MB.</source>
            <translation>ภาพ {path}: ไฟล์มีขนาด {size} MB ภาพถ่ายต้องมีขนาดไม่เกิน {max} MB</translation>
        </message>
        <message>
            <source>Photo {path}: the file is not an image (JPEG, PNG, GIF, WebP, HEIC, TIFF or BMP expected).</source>
            <translation>ภาพ {path}: ไฟล์นี้ไม่ใช่ภาพ (ต้องเป็น JPEG, PNG, GIF, WebP, HEIC, TIFF หรือ BMP)</translation>
        </message>
        <message>
            <source>Cannot store photo {path} in {folder}: {error}</source>
            <translation>ไม่สามารถเก็บภาพ {path} ไว้ใน {folder} ได้: {error}</translation>
        </message>
        <message>
            <source>Photo {path} changed while it was being stored; try again.</source>
            <translation>ภาพ {path} เปลี่ยนไประหว่างการจัดเก็บ โปรดลองอีกครั้ง</translation>
        </message>
        <message>
            <source>'{value}' is not a period; expected one of {allowed}.</source>
            <translation>'{value}' ไม่ใช่ช่วงเวลา ต้องเป็นหนึ่งใน {allowed}</translation>
        </message>
        <message>
            <source>A custom period needs a start and an end date.</source>
            <translation>ช่วงเวลาที่กำหนดเองต้องมีวันเริ่มต้นและวันสิ้นสุด</translation>
        </message>
        <message>
            <source>The period ends ({end}) before it starts ({start}).</source>
            <translation>ช่วงเวลาสิ้นสุด ({end}) ก่อนวันเริ่มต้น ({start})</translation>
        </message>
        <message>
            <source>SLA setting '{part}' is not of the form P1=4h or P3=5wd.</source>
            <translation>ค่า SLA '{part}' ไม่อยู่ในรูปแบบ P1=4h หรือ P3=5wd</translation>
        </message>
        <message>
            <source>There is no work order {order} in this workspace.</source>
            <translation>ไม่มีใบสั่งงาน {order} ในพื้นที่ทำงานนี้</translation>
        </message>
        <message>
            <source>{order} names more than one work order; use its uuid.</source>
            <translation>{order} ตรงกับใบสั่งงานมากกว่าหนึ่งใบ ให้ใช้ uuid</translation>
        </message>
        <message>
            <source>Work order {order}: a note needs a text or photos.</source>
            <translation>ใบสั่งงาน {order}: บันทึกต้องมีข้อความหรือภาพถ่าย</translation>
        </message>
        <message>
            <source>The match distance {distance} m is outside 0–{max} m; give a distance within that range.</source>
            <translation>ระยะจับคู่ {distance} ม. อยู่นอกช่วง 0–{max} ม. ให้ระบุระยะภายในช่วงนี้</translation>
        </message>
        <message>
            <source>{n} parcel ids of the links are not parcels of the workspace {path} (e.g. {examples}); nothing was written. Link against the workspace's own parcels layer, or write the links to an output only.</source>
            <translation>รหัสแปลง {n} รายการในผลการเชื่อมโยงไม่ใช่แปลงที่ดินของพื้นที่ทำงาน {path} (เช่น {examples}) จึงไม่ได้เขียนข้อมูลใด ๆ ให้เชื่อมโยงกับชั้นข้อมูลแปลงที่ดินของพื้นที่ทำงานเอง หรือเขียนผลการเชื่อมโยงลงในชั้นข้อมูลผลลัพธ์เท่านั้น</translation>
        </message>
        <message>
            <source>The largest distance to a parcel (MAX_DISTANCE) is {distance:g} m; it must be between 0 and {limit:g} m. A household stands on its parcel or on the road in front of it, never farther: give households far from every parcel a better location or a tax-map code instead.</source>
            <translation>ระยะห่างสูงสุดถึงแปลงที่ดิน (MAX_DISTANCE) คือ {distance:g} ม. ต้องอยู่ระหว่าง 0 ถึง {limit:g} ม. เพราะครัวเรือนตั้งอยู่บนแปลงที่ดินของตนหรือบนถนนหน้าแปลงเสมอ ไม่ไกลกว่านั้น ครัวเรือนที่อยู่ห่างจากทุกแปลงให้ระบุตำแหน่งที่ถูกต้องขึ้นหรือรหัสแผนที่ภาษีแทน</translation>
        </message>
        <message>
            <source>Links are written into the workspace {workspace} only against its own parcels layer, and PARCELS ({layer}) is not it: the households would point at parcels the workspace does not have. Import those parcels with Import parcels first and link against the workspace's parcels layer, or switch off UPDATE_WORKSPACE to write the links to OUTPUT only.</source>
            <translation>ผลการเชื่อมโยงจะเขียนลงในพื้นที่ทำงาน {workspace} ได้เฉพาะเมื่อเชื่อมโยงกับชั้นข้อมูลแปลงที่ดินของพื้นที่ทำงานนั้นเอง แต่ PARCELS ({layer}) ไม่ใช่ชั้นข้อมูลนั้น ครัวเรือนจะชี้ไปยังแปลงที่ไม่มีอยู่ในพื้นที่ทำงาน ให้นำเข้าแปลงเหล่านั้นด้วย นำเข้าแปลงที่ดิน ก่อน แล้วเชื่อมโยงกับชั้นข้อมูลแปลงที่ดินของพื้นที่ทำงาน หรือปิด UPDATE_WORKSPACE เพื่อเขียนผลการเชื่อมโยงลงใน OUTPUT เท่านั้น</translation>
        </message>
        <message>
            <source>PARCELS ({layer}) has a filter ({filter}): the households of the parcels it hides would lose their links. Clear the filter, or switch off UPDATE_WORKSPACE to write the links to OUTPUT only.</source>
            <translation>PARCELS ({layer}) มีตัวกรอง ({filter}) ครัวเรือนของแปลงที่ถูกกรองออกจะสูญเสียการเชื่อมโยง ให้ล้างตัวกรอง หรือปิด UPDATE_WORKSPACE เพื่อเขียนผลการเชื่อมโยงลงใน OUTPUT เท่านั้น</translation>
        </message>
        <message>
            <source>The workspace's households point at parcels by their uuid, not by '{field}': leave PARCEL_ID_FIELD empty, or switch off UPDATE_WORKSPACE to write the links to OUTPUT only.</source>
            <translation>ครัวเรือนในพื้นที่ทำงานอ้างอิงแปลงที่ดินด้วย uuid ไม่ใช่ '{field}' ให้เว้น PARCEL_ID_FIELD ว่างไว้ หรือปิด UPDATE_WORKSPACE เพื่อเขียนผลการเชื่อมโยงลงใน OUTPUT เท่านั้น</translation>
        </message>
        <message>
            <source>Re-segmenting would leave {n} records pointing at deleted road sections, with no new section of their road to move them to: {records}. Nothing was changed; check those roads' geometry.</source>
            <translation>การแบ่งช่วงใหม่จะทำให้ข้อมูล {n} รายการอ้างถึงช่วงถนนที่ถูกลบ โดยไม่มีช่วงใหม่ของถนนสายเดียวกันให้ย้ายไป: {records} ไม่มีการเปลี่ยนแปลงใด ๆ ให้ตรวจสอบรูปเรขาคณิตของถนนเหล่านั้น</translation>
        </message>
        <message>
            <source>Re-segmenting would leave {n} rows of {table} pointing at deleted road sections; nothing was changed.</source>
            <translation>การแบ่งช่วงใหม่จะทำให้ {n} แถวของ {table} อ้างถึงช่วงถนนที่ถูกลบ ไม่มีการเปลี่ยนแปลงใด ๆ</translation>
        </message>
        <message>
            <source>Row {row}: the location is 0, 0 (the channel recorded no location); a complaint needs its place in Thailand.</source>
            <translation>แถว {row}: ตำแหน่งเป็น 0, 0 (ช่องทางไม่ได้บันทึกตำแหน่ง) เรื่องร้องเรียนต้องมีตำแหน่งในประเทศไทย</translation>
        </message>
        <message>
            <source>The file {name} has Traffy Fondue ticket ids but no coordinates (neither 'coords' nor latitude/longitude columns), as pages copied from the web site have. Complaints cannot be placed without them: download the dump CSV or GeoJSON export instead.</source>
            <translation>ไฟล์ {name} มีเลขที่เรื่องของ Traffy Fondue แต่ไม่มีพิกัด (ไม่มีคอลัมน์ 'coords' หรือละติจูด/ลองจิจูด) แบบหน้าที่คัดลอกจากเว็บไซต์ จึงวางตำแหน่งเรื่องร้องเรียนไม่ได้ กรุณาดาวน์โหลดไฟล์ส่งออก CSV หรือ GeoJSON แทน</translation>
        </message>
        <message>
            <source>The file {name} is a web page (HTML), not a complaint export: pages saved or scraped from a web site carry no coordinates. Download the Traffy Fondue CSV/GeoJSON export or the Open311 requests.json/requests.xml instead.</source>
            <translation>ไฟล์ {name} เป็นหน้าเว็บ (HTML) ไม่ใช่ไฟล์ส่งออกเรื่องร้องเรียน หน้าที่บันทึกหรือดึงจากเว็บไซต์ไม่มีพิกัด กรุณาดาวน์โหลดไฟล์ส่งออก CSV/GeoJSON ของ Traffy Fondue หรือ requests.json/requests.xml ของ Open311 แทน</translation>
        </message>
        <message>
            <source>The XML file {name} declares a DOCTYPE or entities; Open311 XML has none. Refused.</source>
            <translation>ไฟล์ XML {name} ประกาศ DOCTYPE หรือ entity ซึ่ง Open311 XML ไม่มี จึงไม่รับไฟล์นี้</translation>
        </message>
        <message>
            <source>The file {name} is not valid XML: {error} at line {line}, column {column}.</source>
            <translation>ไฟล์ {name} ไม่ใช่ XML ที่ถูกต้อง: {error} ที่บรรทัด {line} คอลัมน์ {column}</translation>
        </message>
        <message>
            <source>The XML file {name} is not Open311 GeoReport v2 requests: its root element is &lt;{tag}&gt;, expected &lt;service_requests&gt;.</source>
            <translation>ไฟล์ XML {name} ไม่ใช่รายการคำร้อง Open311 GeoReport v2: องค์ประกอบราก (root) คือ &lt;{tag}&gt; แต่ต้องเป็น &lt;service_requests&gt;</translation>
        </message>
        <message>
            <source>The file {name} mixes day/month/year and month/day/year dates ('{first}' and '{second}'); export it again with one date format.</source>
            <translation>ไฟล์ {name} มีวันที่ทั้งแบบวัน/เดือน/ปี และเดือน/วัน/ปี ปนกัน ('{first}' และ '{second}') กรุณาส่งออกใหม่ด้วยรูปแบบวันที่เดียว</translation>
        </message>
        <message>
            <source>In {name} no date has a day above 12; the photo addresses' months show the dates are {order}, and they were read so.</source>
            <translation>ใน {name} ไม่มีวันที่ใดที่วันเกิน 12 เดือนในที่อยู่ภาพถ่ายแสดงว่าวันที่เป็นแบบ {order} จึงอ่านตามนั้น</translation>
        </message>
        <message>
            <source>In {name} no date has a day above 12 and no photo address shows the month: the dates were read as day/month/year (Thai usage). If they are month/day/year, convert them to YYYY-MM-DD before importing.</source>
            <translation>ใน {name} ไม่มีวันที่ใดที่วันเกิน 12 และไม่มีที่อยู่ภาพถ่ายที่บอกเดือน จึงอ่านวันที่เป็นวัน/เดือน/ปี (แบบไทย) หากเป็นเดือน/วัน/ปี กรุณาแปลงเป็น YYYY-MM-DD ก่อนนำเข้า</translation>
        </message>
        <message>
            <source>In {name} longitude and latitude are swapped: {swapped} rows lie in Thailand with the two values exchanged, {given} as labelled. The file was read with them exchanged.</source>
            <translation>ใน {name} ลองจิจูดและละติจูดสลับกัน: {swapped} แถวอยู่ในประเทศไทยเมื่อสลับค่าทั้งสอง และ {given} แถวตามชื่อคอลัมน์ จึงอ่านไฟล์โดยสลับค่าให้</translation>
        </message>
        <message>
            <source>The workspace CRS must be WGS 84 / UTM 47N (EPSG:32647, west of 102° E) or UTM 48N (EPSG:32648, east of it); '{crs}' is not. Only these store true metres and square metres for Thailand and match GPS and the central platform without a datum shift (in EPSG:3857, for example, a 400 m² parcel is stored as 429.86 m²). Data in other CRSs is reprojected when it is imported.</source>
            <translation>ระบบพิกัดของพื้นที่ทำงานต้องเป็น WGS 84 / UTM 47N (EPSG:32647 ทางตะวันตกของ 102° ตะวันออก) หรือ UTM 48N (EPSG:32648 ทางตะวันออก) แต่ '{crs}' ไม่ใช่ มีเพียงสองระบบนี้ที่เก็บระยะเป็นเมตรและเนื้อที่เป็นตารางเมตรตามจริงสำหรับประเทศไทย และตรงกับ GPS และระบบกลางโดยไม่ต้องแปลงพื้นหลักฐาน (เช่น ใน EPSG:3857 แปลงขนาด 400 ตร.ม. จะถูกเก็บเป็น 429.86 ตร.ม.) ข้อมูลในระบบพิกัดอื่นจะถูกแปลงพิกัดเมื่อนำเข้า</translation>
        </message>
        <message>
            <source>{path} is empty ({size} bytes): it holds no data. Export or download it again.</source>
            <translation>{path} ว่างเปล่า ({size} ไบต์) ไม่มีข้อมูล ให้ส่งออกหรือดาวน์โหลดใหม่</translation>
        </message>
        <message>
            <source>{path} is a web page (HTML), not a data file: the download probably saved a login or error page. Download the data file itself (CSV, GeoJSON, GeoPackage…) and try again.</source>
            <translation>{path} เป็นหน้าเว็บ (HTML) ไม่ใช่ไฟล์ข้อมูล: การดาวน์โหลดอาจได้หน้าเข้าสู่ระบบหรือหน้าแจ้งข้อผิดพลาดมา ให้ดาวน์โหลดไฟล์ข้อมูลจริง (CSV, GeoJSON, GeoPackage…) แล้วลองอีกครั้ง</translation>
        </message>
        <message>
            <source>{path} is not a GeoPackage (it is not an SQLite database). Check that you picked the right file, or export it again.</source>
            <translation>{path} ไม่ใช่ GeoPackage (ไม่ใช่ฐานข้อมูล SQLite) ตรวจสอบว่าเลือกไฟล์ถูกต้อง หรือส่งออกใหม่</translation>
        </message>
        <message>
            <source>{path} is truncated ({size} bytes; the file ends before its data does): the download or copy was interrupted. Download or copy it again.</source>
            <translation>{path} ไม่สมบูรณ์ ({size} ไบต์ ไฟล์จบก่อนข้อมูลจะครบ): การดาวน์โหลดหรือคัดลอกถูกขัดจังหวะ ให้ดาวน์โหลดหรือคัดลอกใหม่</translation>
        </message>
        <message>
            <source>{path} is busy: another program (QGIS editing, a sync or another Processing run) kept it locked for more than {seconds:.0f} s. Wait until it finishes or save and close the other program's edits, then run again; nothing was changed.</source>
            <translation>{path} กำลังถูกใช้งาน: โปรแกรมอื่น (การแก้ไขใน QGIS การซิงค์ หรือการประมวลผลอื่น) ล็อกไฟล์ไว้นานเกิน {seconds:.0f} วินาที รอให้เสร็จ หรือบันทึกและปิดการแก้ไขในโปรแกรมนั้น แล้วเรียกใช้อีกครั้ง ไม่มีการเปลี่ยนแปลงใด ๆ</translation>
        </message>
        <message>
            <source>{path} is read-only (the file or its folder cannot be written). Make it writable, or copy the workspace to a folder you can write to, then run again; nothing was changed.</source>
            <translation>{path} เป็นแบบอ่านอย่างเดียว (เขียนไฟล์หรือโฟลเดอร์ไม่ได้) ให้เปิดสิทธิ์การเขียน หรือคัดลอกพื้นที่ทำงานไปยังโฟลเดอร์ที่เขียนได้ แล้วเรียกใช้อีกครั้ง ไม่มีการเปลี่ยนแปลงใด ๆ</translation>
        </message>
        <message>
            <source>{path} is not a readable GeoPackage (the file is damaged or is not a SQLite database). Restore it from a backup; nothing was changed.</source>
            <translation>{path} ไม่ใช่ GeoPackage ที่อ่านได้ (ไฟล์เสียหายหรือไม่ใช่ฐานข้อมูล SQLite) ให้กู้คืนจากไฟล์สำรอง ไม่มีการเปลี่ยนแปลงใด ๆ</translation>
        </message>
        <message>
            <source>{path} could not be written: the disk is full or failing ({error}). Free space and run again.</source>
            <translation>เขียน {path} ไม่ได้: ดิสก์เต็มหรือมีปัญหา ({error}) เพิ่มพื้นที่ว่างแล้วเรียกใช้อีกครั้ง</translation>
        </message>
        <message>
            <source>Cannot open the workspace {path}: the file or its folder is missing or not accessible.</source>
            <translation>เปิดพื้นที่ทำงาน {path} ไม่ได้: ไม่พบไฟล์หรือโฟลเดอร์ หรือไม่มีสิทธิ์เข้าถึง</translation>
        </message>
        <message>
            <source>The workspace {path} does not exist. Check the path, or create it with Create municipal workspace.</source>
            <translation>ไม่พบพื้นที่ทำงาน {path} ตรวจสอบตำแหน่งไฟล์ หรือสร้างด้วยเครื่องมือ สร้างพื้นที่ทำงานของเทศบาล</translation>
        </message>
        <message>
            <source>{path} uses workspace schema version {found}, newer than this plugin's version {expected}. Update the CDDP plugin, then open it again; nothing was changed.</source>
            <translation>{path} ใช้โครงสร้างพื้นที่ทำงานรุ่น {found} ซึ่งใหม่กว่ารุ่น {expected} ของปลั๊กอินนี้ ให้ปรับปรุงปลั๊กอิน CDDP แล้วเปิดอีกครั้ง ไม่มีการเปลี่ยนแปลงใด ๆ</translation>
        </message>
        <message>
            <source>{path} uses workspace schema version {found}, but this plugin needs version {expected} and cannot migrate it yet. Keep the file, and open it with the plugin version that made it; nothing was changed.</source>
            <translation>{path} ใช้โครงสร้างพื้นที่ทำงานรุ่น {found} แต่ปลั๊กอินนี้ต้องการรุ่น {expected} และยังแปลงรุ่นให้ไม่ได้ เก็บไฟล์ไว้และเปิดด้วยปลั๊กอินรุ่นที่สร้างไฟล์นี้ ไม่มีการเปลี่ยนแปลงใด ๆ</translation>
        </message>
        <message>
            <source>{path} was being written when a program stopped, and its journal ({journal}) must be applied before it can be read, but the file or folder is read-only. Make them writable and open it again; do not delete the journal file and do not re-create the workspace.</source>
            <translation>{path} กำลังถูกเขียนอยู่เมื่อโปรแกรมหยุดทำงาน ต้องนำไฟล์บันทึกรายการ ({journal}) มาใช้ก่อนจึงจะอ่านได้ แต่ไฟล์หรือโฟลเดอร์เป็นแบบอ่านอย่างเดียว ให้เปิดสิทธิ์การเขียนแล้วเปิดอีกครั้ง อย่าลบไฟล์บันทึกรายการและอย่าสร้างพื้นที่ทำงานใหม่</translation>
        </message>
        <message>
            <source>{path} is not a CDDP workspace (it has no CDDP metadata). Choose the municipality's workspace GeoPackage; to use this file's data, import it into a workspace.</source>
            <translation>{path} ไม่ใช่พื้นที่ทำงาน CDDP (ไม่มีข้อมูลกำกับของ CDDP) ให้เลือกไฟล์ GeoPackage พื้นที่ทำงานของเทศบาล หากต้องการใช้ข้อมูลในไฟล์นี้ ให้นำเข้าสู่พื้นที่ทำงาน</translation>
        </message>
        <message>
            <source>The workspace</source>
            <translation>พื้นที่ทำงาน</translation>
        </message>
        <message>
            <source>{layer}: {outside} of {checked} features lie more than {km} km outside {area} (judged by {basis}); check that the file is for this municipality and that its CRS is right.</source>
            <translation>{layer}: {outside} จาก {checked} รายการอยู่นอกเขต {area} เกิน {km} กม. (พิจารณาจาก{basis}) ตรวจสอบว่าไฟล์นี้เป็นของเทศบาลนี้และระบบพิกัดถูกต้อง</translation>
        </message>
        <message>
            <source>its tambon's centre</source>
            <translation>จุดศูนย์กลางของตำบล</translation>
        </message>
        <message>
            <source>the centres of its tambons</source>
            <translation>จุดศูนย์กลางของตำบลในเขตเทศบาล</translation>
        </message>
        <message>
            <source>the centres of its amphoe's tambons</source>
            <translation>จุดศูนย์กลางของตำบลในอำเภอ</translation>
        </message>
        <message>
            <source>Bangkok's extent</source>
            <translation>ขอบเขตของกรุงเทพมหานคร</translation>
        </message>
        <message>
            <source>the centres of its province's tambons</source>
            <translation>จุดศูนย์กลางของตำบลในจังหวัด</translation>
        </message>
        <message>
            <source>the municipality</source>
            <translation>เทศบาล</translation>
        </message>
        <message>
            <source>its villages layer</source>
            <translation>ชั้นข้อมูลหมู่บ้าน</translation>
        </message>
        <message>
            <source>the workspace's existing data</source>
            <translation>ข้อมูลที่มีอยู่ในพื้นที่ทำงาน</translation>
        </message>
        <message>
            <source>{layer}: all {checked} features lie more than {km} km outside {area} (judged by {basis}; the nearest is {distance} km away). The file is for another place or in the wrong CRS; nothing was imported. Check the file and its CRS, or import it into the workspace of its municipality.</source>
            <translation>{layer}: ทั้ง {checked} รายการอยู่นอกเขต {area} เกิน {km} กม. (พิจารณาจาก{basis} รายการที่ใกล้ที่สุดห่าง {distance} กม.) ไฟล์นี้เป็นของพื้นที่อื่นหรือระบบพิกัดไม่ถูกต้อง จึงไม่ได้นำเข้าข้อมูลใด ๆ ให้ตรวจสอบไฟล์และระบบพิกัด หรือนำเข้าในพื้นที่ทำงานของเทศบาลที่เป็นเจ้าของข้อมูล</translation>
        </message>
        <message>
            <source>the folder does not exist</source>
            <translation>ไม่พบโฟลเดอร์</translation>
        </message>
        <message>
            <source>the folder is read-only</source>
            <translation>โฟลเดอร์เป็นแบบอ่านอย่างเดียว</translation>
        </message>
        <message>
            <source>the file is read-only</source>
            <translation>ไฟล์เป็นแบบอ่านอย่างเดียว</translation>
        </message>
        <message>
            <source>The output {output} cannot be written to {path}: {problem}. Choose another file; nothing was changed.</source>
            <translation>เขียนผลลัพธ์ {output} ลงใน {path} ไม่ได้: {problem} ให้เลือกไฟล์อื่น ไม่มีการเปลี่ยนแปลงใด ๆ</translation>
        </message>
        <message>
            <source>{layer} has no coordinate reference system, so its features cannot be placed on the workspace's map. Set its CRS in the layer properties (or save it with a .prj / CRS), e.g. EPSG:4326 for GPS coordinates or EPSG:24047 for DOL data in Indian 1975 / UTM 47N, and run again.</source>
            <translation>{layer} ไม่มีระบบพิกัดอ้างอิง จึงวางข้อมูลลงบนแผนที่ของพื้นที่ทำงานไม่ได้ ให้กำหนดระบบพิกัดในคุณสมบัติของชั้นข้อมูล (หรือบันทึกพร้อมไฟล์ .prj / ระบบพิกัด) เช่น EPSG:4326 สำหรับพิกัด GPS หรือ EPSG:24047 สำหรับข้อมูลกรมที่ดินใน Indian 1975 / UTM 47N แล้วเรียกใช้อีกครั้ง</translation>
        </message>
        <message>
            <source>{layer}: its coordinates ({minx:.0f}…{maxx:.0f}, {miny:.0f}…{maxy:.0f}) are not longitude/latitude, although the layer says {crs}. The file lacks its real CRS: set it in the layer properties (e.g. EPSG:32647 or EPSG:32648 for UTM metres), and run again.</source>
            <translation>{layer}: พิกัด ({minx:.0f}…{maxx:.0f}, {miny:.0f}…{maxy:.0f}) ไม่ใช่ลองจิจูด/ละติจูด แม้ชั้นข้อมูลจะระบุว่าเป็น {crs} ไฟล์นี้ไม่มีระบบพิกัดที่แท้จริง ให้กำหนดในคุณสมบัติของชั้นข้อมูล (เช่น EPSG:32647 หรือ EPSG:32648 สำหรับพิกัด UTM หน่วยเมตร) แล้วเรียกใช้อีกครั้ง</translation>
        </message>
        <message>
            <source>Cannot read {path}: {error}. Check that it is a complete vector data file (open it in QGIS), or export it again.</source>
            <translation>อ่าน {path} ไม่ได้: {error} ตรวจสอบว่าเป็นไฟล์ข้อมูลเวกเตอร์ที่สมบูรณ์ (ลองเปิดใน QGIS) หรือส่งออกใหม่</translation>
        </message>
        <message>
            <source>{area} and {km} km around it (judged by {basis})</source>
            <translation>{area} และระยะ {km} กม. โดยรอบ (พิจารณาจาก{basis})</translation>
        </message>
        <message>
            <source>a folder of that name is in the way</source>
            <translation>มีโฟลเดอร์ชื่อเดียวกันอยู่แล้ว</translation>
        </message>
        <message>
            <source>the file name is longer than the file system allows (255 bytes; a Thai letter takes 3)</source>
            <translation>ชื่อไฟล์ยาวเกินกว่าที่ระบบไฟล์รองรับ (255 ไบต์ ตัวอักษรไทยใช้ตัวละ 3 ไบต์)</translation>
        </message>
        <message>
            <source>Unknown target field {target} in the field mapping; the fields it can fill are: {allowed}.</source>
            <translation>ไม่รู้จักฟิลด์ปลายทาง {target} ในการจับคู่ฟิลด์ ฟิลด์ที่กำหนดได้ ได้แก่ {allowed}</translation>
        </message>
        <message>
            <source>{layer} has points, not polygons: parcels must be polygons (the land parcels of the tax map or DOL data). Choose the parcels file; household points are imported with Import households.</source>
            <translation>{layer} เป็นจุด ไม่ใช่รูปหลายเหลี่ยม: แปลงที่ดินต้องเป็นรูปหลายเหลี่ยม (แปลงที่ดินจากแผนที่ภาษีหรือข้อมูลกรมที่ดิน) ให้เลือกไฟล์แปลงที่ดิน ส่วนจุดครัวเรือนให้นำเข้าด้วย นำเข้าครัวเรือน</translation>
        </message>
        <message>
            <source>{layer} has lines, not polygons: parcels must be polygons (the land parcels of the tax map or DOL data). Choose the parcels file; roads are imported with Import roads.</source>
            <translation>{layer} เป็นเส้น ไม่ใช่รูปหลายเหลี่ยม: แปลงที่ดินต้องเป็นรูปหลายเหลี่ยม (แปลงที่ดินจากแผนที่ภาษีหรือข้อมูลกรมที่ดิน) ให้เลือกไฟล์แปลงที่ดิน ส่วนถนนให้นำเข้าด้วย นำเข้าถนน</translation>
        </message>
        <message>
            <source>{layer} has {kind}, not polygons: HAZARD must be the hazard area as polygons (e.g. a flood extent). Choose a polygon layer, or draw or buffer the area first.</source>
            <translation>{layer} เป็น{kind} ไม่ใช่รูปหลายเหลี่ยม: HAZARD ต้องเป็นพื้นที่ภัยแบบรูปหลายเหลี่ยม (เช่น ขอบเขตน้ำท่วม) ให้เลือกชั้นข้อมูลรูปหลายเหลี่ยม หรือวาดหรือสร้างบัฟเฟอร์พื้นที่ก่อน</translation>
        </message>
        <message>
            <source>{layer} has {kind}; HOUSEHOLDS must be household points — did you give the parcels? Choose the workspace's households layer, or import buildings as households with Import households first.</source>
            <translation>{layer} เป็น{kind} HOUSEHOLDS ต้องเป็นจุดครัวเรือน — ได้ใส่ชั้นข้อมูลแปลงที่ดินหรือไม่? ให้เลือกชั้นข้อมูลครัวเรือนของพื้นที่ทำงาน หรือนำเข้าอาคารเป็นครัวเรือนด้วย นำเข้าครัวเรือน ก่อน</translation>
        </message>
        <message>
            <source>Could not read the project {path}: {error}</source>
            <translation>ไม่สามารถอ่านโครงการ {path} ได้: {error}</translation>
        </message>
        <message>
            <source>{path} is not a CDDP workspace project (its GeoPackage was not found beside it).</source>
            <translation>{path} ไม่ใช่โครงการพื้นที่ทำงาน CDDP (ไม่พบไฟล์ GeoPackage ของโครงการในโฟลเดอร์เดียวกัน)</translation>
        </message>
        <message>
            <source>The budget quarter must be 1, 2, 3 or 4 (1 = October–December); got {value}.</source>
            <translation>ไตรมาสต้องเป็น 1, 2, 3 หรือ 4 (1 = ตุลาคม–ธันวาคม) แต่ได้ {value}</translation>
        </message>
        <message>
            <source>The budget year must be a Buddhist-era year such as 2570 (2400–2700); got {value}.</source>
            <translation>ปีงบประมาณต้องเป็นปี พ.ศ. เช่น 2570 (2400–2700) แต่ได้ {value}</translation>
        </message>
        <message>
            <source>Digits must be 'thai' or 'arabic'; got '{value}'.</source>
            <translation>ตัวเลขต้องเป็น 'thai' หรือ 'arabic' แต่ได้ '{value}'</translation>
        </message>
        <message>
            <source>Unknown kind of zone '{kind}'; choose one of: {kinds}.</source>
            <translation>ไม่รู้จักประเภทเขต '{kind}' ให้เลือกอย่างใดอย่างหนึ่ง: {kinds}</translation>
        </message>
        <message>
            <source>{layer} has no geometries: village and community boundaries must be polygons. Choose the boundary layer (หมู่บ้าน / ชุมชน polygons).</source>
            <translation>{layer} ไม่มีรูปเรขาคณิต: ขอบเขตหมู่บ้านและชุมชนต้องเป็นรูปหลายเหลี่ยม ให้เลือกชั้นข้อมูลขอบเขต (รูปหลายเหลี่ยมหมู่บ้าน / ชุมชน)</translation>
        </message>
        <message>
            <source>{layer} has {kinds}, not polygons: village and community boundaries must be polygons. Choose the boundary layer (หมู่บ้าน / ชุมชน polygons); a village's centre point is not enough.</source>
            <translation>{layer} เป็น {kinds} ไม่ใช่รูปหลายเหลี่ยม: ขอบเขตหมู่บ้านและชุมชนต้องเป็นรูปหลายเหลี่ยม ให้เลือกชั้นข้อมูลขอบเขต (รูปหลายเหลี่ยมหมู่บ้าน / ชุมชน) จุดศูนย์กลางหมู่บ้านไม่เพียงพอ</translation>
        </message>
        <message>
            <source>{layer} has no field '{field}' ({parameter}); its fields are: {fields}.</source>
            <translation>{layer} ไม่มีฟิลด์ '{field}' ({parameter}) ฟิลด์ที่มีคือ: {fields}</translation>
        </message>
        <message>
            <source>{layer}: no village number field found. Set NUMBER_FIELD to the field that holds the หมู่ / ชุมชน number; its fields are: {fields}.</source>
            <translation>{layer}: ไม่พบฟิลด์หมายเลขหมู่บ้าน ให้กำหนด NUMBER_FIELD เป็นฟิลด์ที่เก็บหมายเลขหมู่ / ชุมชน ฟิลด์ที่มีคือ: {fields}</translation>
        </message>
        <message>
            <source>{layer}: {n} values of the number field {field} are not village numbers from 1 to 99 (row {examples}). Write them as 3, ๓, หมู่ 3 or ม.3, or set NUMBER_FIELD to the field that holds the number; nothing was imported.</source>
            <translation>{layer}: ค่า {n} ค่าในฟิลด์หมายเลข {field} ไม่ใช่หมายเลขหมู่บ้านตั้งแต่ 1 ถึง 99 (แถว {examples}) ให้เขียนเป็น 3, ๓, หมู่ 3 หรือ ม.3 หรือกำหนด NUMBER_FIELD เป็นฟิลด์ที่เก็บหมายเลข ยังไม่ได้นำเข้าข้อมูลใด ๆ</translation>
        </message>
        <message>
            <source>{layer}: the tambon codes in {field} must have 6 digits (DOPA code, e.g. 330506); found {examples}. Choose the tambon-code field as TAMBON_FIELD or leave it empty.</source>
            <translation>{layer}: รหัสตำบลใน {field} ต้องมี 6 หลัก (รหัสกรมการปกครอง เช่น 330506) แต่พบ {examples} ให้เลือกฟิลด์รหัสตำบลเป็น TAMBON_FIELD หรือเว้นว่างไว้</translation>
        </message>
        <message>
            <source>no village number</source>
            <translation>ไม่มีหมายเลขหมู่บ้าน</translation>
        </message>
        <message>
            <source>{layer}: {n} village numbers are on more than one polygon: {duplicates}. Nothing was imported. Correct the numbers, or set MERGE_DUPLICATES to merge the polygons of each number into one zone (a หมู่ drawn in several parts).</source>
            <translation>{layer}: หมายเลขหมู่บ้าน {n} หมายเลขอยู่ในรูปหลายเหลี่ยมมากกว่าหนึ่งรูป: {duplicates} ยังไม่ได้นำเข้าข้อมูลใด ๆ ให้แก้ไขหมายเลข หรือกำหนด MERGE_DUPLICATES เพื่อรวมรูปหลายเหลี่ยมของแต่ละหมายเลขเป็นเขตเดียว (หมู่ที่วาดเป็นหลายส่วน)</translation>
        </message>
        <message>
            <source>{layer}: none of its {n} features can be imported (no geometry or no number); nothing was imported.</source>
            <translation>{layer}: ไม่มีข้อมูลใดใน {n} รายการที่นำเข้าได้ (ไม่มีรูปเรขาคณิตหรือไม่มีหมายเลข) ยังไม่ได้นำเข้าข้อมูลใด ๆ</translation>
        </message>
        <message>
            <source>The workspace {path} has no villages or zones (the villages layer is empty). Import the หมู่ / ชุมชน boundaries with cddp:importvillages, then run again.</source>
            <translation>พื้นที่ทำงาน {path} ยังไม่มีขอบเขตหมู่บ้านหรือชุมชน (ชั้นข้อมูลหมู่บ้านว่าง) นำเข้าขอบเขตหมู่ / ชุมชนด้วย cddp:importvillages แล้วเรียกใช้อีกครั้ง</translation>
        </message>
        <message>
            <source>The villages layer of {path} has no coordinate reference system; import the zones again with cddp:importvillages.</source>
            <translation>ชั้นข้อมูลหมู่บ้านของ {path} ไม่มีระบบพิกัดอ้างอิง นำเข้าขอบเขตอีกครั้งด้วย cddp:importvillages</translation>
        </message>
        <message>
            <source>Table '{table}' would print personal data (column '{column}'); council tables carry counts only. Nothing was written.</source>
            <translation>ตาราง '{table}' จะพิมพ์ข้อมูลส่วนบุคคล (คอลัมน์ '{column}') ตารางสำหรับสภาแสดงได้เฉพาะจำนวนนับ ไม่ได้เขียนไฟล์ใด</translation>
        </message>
        <message>
            <source>Table '{table}' would print contact details ({kind}) in column '{column}'; council tables carry counts only. Nothing was written.</source>
            <translation>ตาราง '{table}' จะพิมพ์ข้อมูลติดต่อ ({kind}) ในคอลัมน์ '{column}' ตารางสำหรับสภาแสดงได้เฉพาะจำนวนนับ ไม่ได้เขียนไฟล์ใด</translation>
        </message>
        <message>
            <source>Cannot write the tables to {folder}: {error}. Choose a folder you can write to.</source>
            <translation>เขียนตารางลงใน {folder} ไม่ได้: {error} เลือกโฟลเดอร์ที่เขียนได้</translation>
        </message>
        <message>
            <source>The file name stem '{stem}' must be plain letters, digits, '-' or '_' (e.g. council_road_plan).</source>
            <translation>ชื่อไฟล์ '{stem}' ต้องประกอบด้วยอักษรอังกฤษ ตัวเลข '-' หรือ '_' เท่านั้น (เช่น council_road_plan)</translation>
        </message>
        <message>
            <source>The road plan map set needs a maintenance plan or a budget: give the plan written by cddp:maintenanceplan, or a budget in baht to compute one.</source>
            <translation>ชุดแผนที่แผนซ่อมถนนต้องมีแผนซ่อมบำรุงหรืองบประมาณ: ระบุแผนที่ได้จาก cddp:maintenanceplan หรือระบุงบประมาณ (บาท) เพื่อคำนวณแผน</translation>
        </message>
        <message>
            <source>Cannot read the maintenance plan {path}: {error}. Give the file written by cddp:maintenanceplan.</source>
            <translation>อ่านแผนซ่อมบำรุง {path} ไม่ได้: {error} ระบุไฟล์ที่ได้จาก cddp:maintenanceplan</translation>
        </message>
        <message>
            <source>The maintenance plan {path} lacks the columns {columns}; give the file written by cddp:maintenanceplan.</source>
            <translation>แผนซ่อมบำรุง {path} ไม่มีคอลัมน์ {columns} ระบุไฟล์ที่ได้จาก cddp:maintenanceplan</translation>
        </message>
        <message>
            <source>The hazard layer has no polygons; give the flood extent as a polygon layer.</source>
            <translation>ชั้นข้อมูลพื้นที่เสี่ยงภัยไม่มีรูปปิด ระบุขอบเขตน้ำท่วมเป็นชั้นข้อมูลรูปปิด</translation>
        </message>
        <message>
            <source>The hazard layer has no coordinate reference system; set its CRS in QGIS, then run again.</source>
            <translation>ชั้นข้อมูลพื้นที่เสี่ยงภัยไม่มีระบบพิกัดอ้างอิง กำหนดระบบพิกัดใน QGIS แล้วเรียกใช้อีกครั้ง</translation>
        </message>
        <message>
            <source>The hazard layer must hold polygons (the flood extent); it holds {types}.</source>
            <translation>ชั้นข้อมูลพื้นที่เสี่ยงภัยต้องเป็นรูปปิด (ขอบเขตน้ำท่วม) แต่มี {types}</translation>
        </message>
        <message>
            <source>Unknown map set '{value}'; choose one of {choices}.</source>
            <translation>ไม่รู้จักชุดแผนที่ '{value}' เลือกหนึ่งใน {choices}</translation>
        </message>
        <message>
            <source>The flood map set needs HAZARD: the flood extent as a polygon layer (e.g. a flood survey or a drill area).</source>
            <translation>ชุดแผนที่น้ำท่วมต้องระบุ HAZARD: ขอบเขตน้ำท่วมเป็นชั้นข้อมูลรูปปิด (เช่น ผลสำรวจน้ำท่วมหรือพื้นที่ซ้อมแผน)</translation>
        </message>
        <message>
            <source>{layer} is not a polygon layer: HAZARD must be the flood extent as polygons.</source>
            <translation>{layer} ไม่ใช่ชั้นข้อมูลรูปปิด: HAZARD ต้องเป็นขอบเขตน้ำท่วมแบบรูปปิด</translation>
        </message>
        <message>
            <source>The road_plan map set needs PLAN (the maintenance plan written by cddp:maintenanceplan) or BUDGET (baht) to make one.</source>
            <translation>ชุดแผนที่ road_plan ต้องระบุ PLAN (แผนซ่อมบำรุงที่ได้จาก cddp:maintenanceplan) หรือ BUDGET (บาท) เพื่อจัดทำแผน</translation>
        </message>
        <message>
            <source>The boundary layer could not be opened.</source>
            <translation>ไม่สามารถเปิดชั้นข้อมูลขอบเขตได้</translation>
        </message>
        <message>
            <source>QGIS could not write the council map {path} ({error}). Check that the folder is writable and the file is not open in a PDF viewer.</source>
            <translation>QGIS เขียนแผนที่สำหรับสภา {path} ไม่ได้ ({error}) ตรวจสอบว่าโฟลเดอร์เขียนได้ และไม่ได้เปิดไฟล์นี้ค้างไว้ในโปรแกรมอ่าน PDF</translation>
        </message>
        <message>
            <source>The project {path} beside the workspace cannot be read: {error}. Move it away and run again (CDDP makes a new one).</source>
            <translation>อ่านโปรเจกต์ {path} ที่อยู่คู่กับพื้นที่ทำงานไม่ได้: {error} ย้ายไฟล์นี้ออกแล้วเรียกใช้อีกครั้ง (CDDP จะสร้างโปรเจกต์ใหม่ให้)</translation>
        </message>
        <message>
            <source>The council map was written, but the project {path} could not be saved: {error}.</source>
            <translation>เขียนแผนที่สำหรับสภาแล้ว แต่บันทึกโปรเจกต์ {path} ไม่ได้: {error}</translation>
        </message>
        <message>
            <source>The font file {path} is missing or unreadable: council maps cannot be printed in {family}. Reinstall the CDDP plugin.</source>
            <translation>ไม่พบหรืออ่านไฟล์ฟอนต์ {path} ไม่ได้ จึงพิมพ์แผนที่สำหรับสภาด้วยฟอนต์ {family} ไม่ได้ ติดตั้งปลั๊กอิน CDDP ใหม่</translation>
        </message>
        <message>
            <source>The font '{family}' is not installed (QGIS would print in '{found}' instead). Install it, or choose one of the fonts shipped with the plugin: {bundled}.</source>
            <translation>ไม่ได้ติดตั้งฟอนต์ '{family}' (QGIS จะพิมพ์ด้วย '{found}' แทน) ติดตั้งฟอนต์นี้ หรือเลือกฟอนต์ที่มากับปลั๊กอิน: {bundled}</translation>
        </message>
        <message>
            <source>The server uses workspace schema version {server}, this plugin version {mine}: update the one that is older, then sync.</source>
            <translation>เซิร์ฟเวอร์ใช้โครงสร้างพื้นที่ทำงานรุ่น {server} ปลั๊กอินนี้ใช้รุ่น {mine} ให้ปรับรุ่นฝั่งที่เก่ากว่าแล้วซิงก์อีกครั้ง</translation>
        </message>
        <message>
            <source>The workspace {path} is municipality {code}, but the connection is for municipality {muni}. Connect the workspace to its own municipality.</source>
            <translation>พื้นที่ทำงาน {path} เป็นของ อปท. {code} แต่การเชื่อมต่อเป็นของ อปท. {muni} ให้เชื่อมต่อพื้นที่ทำงานกับ อปท. ของตนเอง</translation>
        </message>
        <message>
            <source>The workspace {path} syncs with {saved}, not {url}: its versions and feed position belong to that server. Sync it with {saved}, or make a new workspace from {url}.</source>
            <translation>พื้นที่ทำงาน {path} ซิงก์กับ {saved} ไม่ใช่ {url} เวอร์ชันและตำแหน่งการรับข้อมูลเป็นของเซิร์ฟเวอร์นั้น ให้ซิงก์กับ {saved} หรือสร้างพื้นที่ทำงานใหม่จาก {url}</translation>
        </message>
        <message>
            <source>The workspace's layer {layer} is in EPSG:{mine}, the municipality's data on the server in EPSG:{server}; they cannot sync. Make the workspace from the server instead.</source>
            <translation>ชั้นข้อมูล {layer} ของพื้นที่ทำงานใช้ EPSG:{mine} แต่ข้อมูลของ อปท. บนเซิร์ฟเวอร์ใช้ EPSG:{server} จึงซิงก์กันไม่ได้ ให้สร้างพื้นที่ทำงานจากเซิร์ฟเวอร์แทน</translation>
        </message>
        <message>
            <source>{code} is not a DOPA municipality code.</source>
            <translation>{code} ไม่ใช่รหัส อปท. ของกรมการปกครอง</translation>
        </message>
        <message>
            <source>Making the workspace from the server stopped: {why}</source>
            <translation>การสร้างพื้นที่ทำงานจากเซิร์ฟเวอร์หยุดลง: {why}</translation>
        </message>
        <message>
            <source>The sync was cancelled; what was done is kept and the rest resumes next time.</source>
            <translation>ยกเลิกการซิงก์แล้ว ส่วนที่ทำเสร็จยังอยู่ ส่วนที่เหลือจะทำต่อในครั้งถัดไป</translation>
        </message>
        <message>
            <source>The server's TLS certificate is not trusted ({error}); sync refuses unverified connections.</source>
            <translation>ใบรับรอง TLS ของเซิร์ฟเวอร์ไม่น่าเชื่อถือ ({error}) การซิงก์จะไม่เชื่อมต่อที่ตรวจสอบไม่ได้</translation>
        </message>
        <message>
            <source>'{url}' is not a server address; give it as https://host[:port].</source>
            <translation>'{url}' ไม่ใช่ที่อยู่เซิร์ฟเวอร์ ให้ระบุในรูป https://host[:port]</translation>
        </message>
        <message>
            <source>'{url}' is plain HTTP: passwords and personal data would travel unencrypted. Use https:// (plain HTTP only on this computer, 127.0.0.1).</source>
            <translation>'{url}' เป็น HTTP ธรรมดา รหัสผ่านและข้อมูลส่วนบุคคลจะถูกส่งโดยไม่เข้ารหัส ให้ใช้ https:// (HTTP ธรรมดาใช้ได้เฉพาะในเครื่องนี้ 127.0.0.1)</translation>
        </message>
        <message>
            <source>The CDDP server {url} did not answer after {n} tries. Nothing is lost: the sync resumes where it stopped next time.</source>
            <translation>เซิร์ฟเวอร์ CDDP {url} ไม่ตอบหลังลอง {n} ครั้ง ไม่มีข้อมูลสูญหาย การซิงก์จะทำต่อจากจุดที่หยุดในครั้งถัดไป</translation>
        </message>
        <message>
            <source>The CDDP server refused {what} ({status}): {reason}</source>
            <translation>เซิร์ฟเวอร์ CDDP ปฏิเสธ {what} ({status}): {reason}</translation>
        </message>
        <message>
            <source>The CDDP server did not accept the user name or password of '{user}' for municipality {muni}. Check the connection's credentials.</source>
            <translation>เซิร์ฟเวอร์ CDDP ไม่ยอมรับชื่อผู้ใช้หรือรหัสผ่านของ '{user}' สำหรับเทศบาล/อปท. {muni} ตรวจสอบข้อมูลเข้าสู่ระบบของการเชื่อมต่อ</translation>
        </message>
        <message>
            <source>Signing in to the CDDP server failed ({status}): {reason}</source>
            <translation>เข้าสู่ระบบเซิร์ฟเวอร์ CDDP ไม่สำเร็จ ({status}): {reason}</translation>
        </message>
        <message>
            <source>There is no open conflict {id} in this workspace.</source>
            <translation>ไม่มีข้อขัดแย้ง {id} ที่ยังเปิดอยู่ในพื้นที่ทำงานนี้</translation>
        </message>
        <message>
            <source>The workspace would be saved in QGIS's temporary Processing folder ({path}), which QGIS deletes when it exits. Choose a folder of your own for Workspace GeoPackage (OUTPUT), e.g. Documents.</source>
            <translation>พื้นที่ทำงานจะถูกบันทึกในโฟลเดอร์ชั่วคราวของ Processing ({path}) ซึ่ง QGIS ลบทิ้งเมื่อปิดโปรแกรม เลือกโฟลเดอร์ของท่านเองสำหรับไฟล์ GeoPackage ของพื้นที่ทำงาน (OUTPUT) เช่น โฟลเดอร์เอกสาร</translation>
        </message>
        <message>
            <source>The workspace {path} has not synced before: give the CDDP server's address (SERVER).</source>
            <translation>พื้นที่ทำงาน {path} ยังไม่เคยซิงก์ ให้ระบุที่อยู่ของเซิร์ฟเวอร์ CDDP (SERVER)</translation>
        </message>
        <message>
            <source>No credentials for the sync: give a QGIS authentication configuration of type Basic (AUTHCFG), or set the environment variables CDDP_SYNC_USER and CDDP_SYNC_PASSWORD.</source>
            <translation>ไม่มีข้อมูลเข้าสู่ระบบสำหรับการซิงก์ ให้ระบุการตั้งค่าการยืนยันตัวตนของ QGIS แบบ Basic (AUTHCFG) หรือกำหนดตัวแปรสภาพแวดล้อม CDDP_SYNC_USER และ CDDP_SYNC_PASSWORD</translation>
        </message>
        <message>
            <source>This workspace has no sign-in for the sync yet: choose one in CDDP ▸ Sync settings… (an authentication configuration of QGIS with the user name and password).</source>
            <translation>พื้นที่ทำงานนี้ยังไม่มีข้อมูลเข้าสู่ระบบสำหรับการซิงก์ ให้เลือกที่ CDDP ▸ ตั้งค่าการซิงก์… (การตั้งค่าการยืนยันตัวตนของ QGIS ที่มีชื่อผู้ใช้และรหัสผ่าน)</translation>
        </message>
        <message>
            <source>QGIS's authentication system is not available ({reason}); the sync cannot read its sign-in.</source>
            <translation>ระบบยืนยันตัวตนของ QGIS ใช้งานไม่ได้ ({reason}) การซิงก์จึงอ่านข้อมูลเข้าสู่ระบบไม่ได้</translation>
        </message>
        <message>
            <source>The authentication configuration {id} is not in QGIS's authentication database of this profile: choose another one in CDDP ▸ Sync settings….</source>
            <translation>ไม่พบการตั้งค่าการยืนยันตัวตน {id} ในฐานข้อมูลการยืนยันตัวตนของโปรไฟล์ QGIS นี้ ให้เลือกรายการอื่นที่ CDDP ▸ ตั้งค่าการซิงก์…</translation>
        </message>
        <message>
            <source>The authentication configuration {id} could not be read (is QGIS's master password entered?).</source>
            <translation>อ่านการตั้งค่าการยืนยันตัวตน {id} ไม่ได้ (ได้ป้อนรหัสผ่านหลักของ QGIS แล้วหรือยัง)</translation>
        </message>
        <message>
            <source>The authentication configuration {id} is of type {method}; the sync needs a Basic one (user name and password).</source>
            <translation>การตั้งค่าการยืนยันตัวตน {id} เป็นแบบ {method} แต่การซิงก์ต้องใช้แบบ Basic (ชื่อผู้ใช้และรหัสผ่าน)</translation>
        </message>
        <message>
            <source>The authentication configuration {id} has no user name or no password.</source>
            <translation>การตั้งค่าการยืนยันตัวตน {id} ไม่มีชื่อผู้ใช้หรือรหัสผ่าน</translation>
        </message>
        <message>
            <source>The sign-in could not be stored in QGIS's authentication database.</source>
            <translation>บันทึกข้อมูลเข้าสู่ระบบลงในฐานข้อมูลการยืนยันตัวตนของ QGIS ไม่ได้</translation>
        </message>
        <message>
            <source>This workspace is not connected to a CDDP server yet: set the server in CDDP ▸ Sync settings….</source>
            <translation>พื้นที่ทำงานนี้ยังไม่ได้เชื่อมต่อกับเซิร์ฟเวอร์ CDDP ให้กำหนดเซิร์ฟเวอร์ที่ CDDP ▸ ตั้งค่าการซิงก์…</translation>
        </message>
        <message>
            <source>'{value}' is not a number for the field {field}.</source>
            <translation>'{value}' ไม่ใช่ตัวเลขสำหรับฟิลด์ {field}</translation>
        </message>
    </context>
</TS>