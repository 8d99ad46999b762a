"""Thai for the Python packages check and installer (toolbelt/dependencies.py, cddp:installdependencies)."""

TH = {
    # toolbelt/dependencies.py
    "CDDP needs Python packages that this QGIS does not have: {packages}. Install them with "
    "CDDP ▸ Install Python packages… (or the Processing tool 'Install Python packages'): they go into "
    "your QGIS profile, no administrator rights are needed, and QGIS need not be restarted.": (
        "CDDP ต้องใช้แพ็กเกจ Python ที่ QGIS นี้ยังไม่มี: {packages} ติดตั้งได้ที่เมนู "
        "CDDP ▸ ติดตั้งแพ็กเกจ Python… (หรือเครื่องมือประมวลผล 'ติดตั้งแพ็กเกจ Python') "
        "แพ็กเกจจะติดตั้งลงในโปรไฟล์ QGIS ของผู้ใช้ ไม่ต้องใช้สิทธิ์ผู้ดูแลระบบ และไม่ต้องเปิด QGIS ใหม่"
    ),
    "needs Python packages this QGIS lacks: {packages}. Install them into your QGIS profile "
    "(no administrator rights, no restart):": (
        "ต้องใช้แพ็กเกจ Python ที่ QGIS นี้ยังไม่มี: {packages} ติดตั้งลงในโปรไฟล์ QGIS ของคุณ (ไม่ต้องใช้สิทธิ์ผู้ดูแลระบบ ไม่ต้องเปิด QGIS ใหม่):"
    ),
    "This QGIS lacks {modules}, which QGIS itself must provide (a copy from pip would bring a second "
    "GDAL or PROJ into QGIS). Reinstall QGIS with its Python packages (OSGeo4W: python3-numpy, "
    "python3-pyproj, python3-gdal; Debian/Ubuntu: python3-qgis).": (
        "QGIS นี้ไม่มี {modules} ซึ่งต้องมาพร้อมกับ QGIS เอง (หากติดตั้งจาก pip จะมี GDAL หรือ PROJ "
        "ชุดที่สองเข้ามาใน QGIS) กรุณาติดตั้ง QGIS ใหม่พร้อมแพ็กเกจ Python ของ QGIS (OSGeo4W: python3-numpy, "
        "python3-pyproj, python3-gdal; Debian/Ubuntu: python3-qgis)"
    ),
    "The wheel folder {folder} does not exist.": "ไม่พบโฟลเดอร์ไฟล์ wheel {folder}",
    "Cannot find the Python {version} interpreter of this QGIS to run pip. On Windows, open the "
    'OSGeo4W Shell and run: python -m pip install --target "{folder}" {packages}': (
        "ไม่พบโปรแกรม Python {version} ของ QGIS นี้สำหรับเรียก pip บน Windows ให้เปิด OSGeo4W Shell "
        'แล้วสั่ง: python -m pip install --target "{folder}" {packages}'
    ),
    "The Python of this QGIS ({python}) has no pip. Install it (Debian/Ubuntu: sudo apt install "
    "python3-pip; OSGeo4W: the python3-pip package), then try again.": (
        "Python ของ QGIS นี้ ({python}) ไม่มี pip กรุณาติดตั้งก่อน (Debian/Ubuntu: sudo apt install "
        "python3-pip; OSGeo4W: แพ็กเกจ python3-pip) แล้วลองอีกครั้ง"
    ),
    "Installing the Python packages was cancelled; nothing is in use yet.": (
        "ยกเลิกการติดตั้งแพ็กเกจ Python แล้ว ยังไม่มีแพ็กเกจใดถูกนำมาใช้"
    ),
    "pip could not install {packages} (exit code {code}). Its last words:\n{output}\nWithout internet "
    "access, download the wheels on another computer and give their folder to 'Install Python packages'.": (
        "pip ติดตั้ง {packages} ไม่สำเร็จ (รหัสออก {code}) ข้อความสุดท้าย:\n{output}\nหากไม่มีอินเทอร์เน็ต "
        "ให้ดาวน์โหลดไฟล์ wheel จากคอมพิวเตอร์เครื่องอื่น แล้วระบุโฟลเดอร์นั้นใน 'ติดตั้งแพ็กเกจ Python'"
    ),
    "The packages are installed, but this QGIS session already loaded an older {packages}: restart QGIS once.": (
        "ติดตั้งแพ็กเกจแล้ว แต่ QGIS ที่เปิดอยู่ได้โหลด {packages} รุ่นเก่าไว้ก่อน กรุณาเปิด QGIS ใหม่หนึ่งครั้ง"
    ),
    "pip finished, but {packages} still cannot be imported from {folder}.": (
        "pip ทำงานเสร็จแล้ว แต่ยังนำเข้า {packages} จาก {folder} ไม่ได้"
    ),
    # plugin.py
    "Install Python packages…": "ติดตั้งแพ็กเกจ Python…",
    "The Python packages are installed; CDDP is ready.": "ติดตั้งแพ็กเกจ Python แล้ว CDDP พร้อมใช้งาน",
    # processing/installdependencies.py
    "Install Python packages": "ติดตั้งแพ็กเกจ Python",
    "Installs the Python packages CDDP needs beyond what QGIS ships (pandas, shapely, geopandas and "
    "their helpers), in the versions CDDP was tested with, with pip into a folder of your QGIS profile: "
    "per user, no administrator rights, nothing changed in QGIS's own Python. The plugin uses them at "
    "once, without restarting QGIS. Packages QGIS already has in a recent enough version are not "
    "installed again.\n\nGDAL, NumPy and pyproj always come from QGIS itself: copies from pip would "
    "bring a second GDAL or PROJ into QGIS.\n\nWithout internet access: download the wheel files on "
    "another computer (pip download --only-binary=:all: --no-deps with the versions listed in the "
    "log) and give their folder as WHEELS. QGIS's proxy setting is used.": (
        "ติดตั้งแพ็กเกจ Python ที่ CDDP ต้องใช้นอกเหนือจากที่มากับ QGIS (pandas, shapely, geopandas "
        "และแพ็กเกจประกอบ) ในรุ่นที่ CDDP ทดสอบแล้ว ด้วย pip ลงในโฟลเดอร์ของโปรไฟล์ QGIS: ติดตั้งรายผู้ใช้ "
        "ไม่ต้องใช้สิทธิ์ผู้ดูแลระบบ และไม่แก้ไข Python ของ QGIS ปลั๊กอินใช้งานได้ทันทีโดยไม่ต้องเปิด QGIS ใหม่ "
        "แพ็กเกจที่ QGIS มีอยู่แล้วในรุ่นที่ใหม่พอจะไม่ถูกติดตั้งซ้ำ\n\nGDAL, NumPy และ pyproj ใช้ของ QGIS "
        "เสมอ เพราะชุดจาก pip จะนำ GDAL หรือ PROJ ชุดที่สองเข้ามาใน QGIS\n\nหากไม่มีอินเทอร์เน็ต: "
        "ดาวน์โหลดไฟล์ wheel จากคอมพิวเตอร์เครื่องอื่น (pip download --only-binary=:all: --no-deps "
        "ตามรุ่นที่แสดงในบันทึก) แล้วระบุโฟลเดอร์นั้นเป็น WHEELS ระบบใช้การตั้งค่าพร็อกซีของ QGIS"
    ),
    "Folder of wheel files (only without internet access)": "โฟลเดอร์ไฟล์ wheel (เฉพาะเมื่อไม่มีอินเทอร์เน็ต)",
    "Packages folder": "โฟลเดอร์แพ็กเกจ",
    "Installed packages": "แพ็กเกจที่ติดตั้ง",
    "Number of packages installed": "จำนวนแพ็กเกจที่ติดตั้ง",
    "Every package CDDP needs is already installed.": "มีแพ็กเกจทุกตัวที่ CDDP ต้องใช้แล้ว",
    "Installing {packages} into {folder}": "กำลังติดตั้ง {packages} ลงใน {folder}",
    "Installed {packages}; CDDP can use them now.": "ติดตั้ง {packages} แล้ว CDDP ใช้งานได้ทันที",
}
