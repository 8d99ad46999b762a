"""Thai for the sync with the CDDP API (core/sync, the sync algorithm and docks)."""

TH = {
    # core/sync/http.py
    "The sync was cancelled; what was done is kept and the rest resumes next time.": "ยกเลิกการซิงก์แล้ว ส่วนที่ทำเสร็จยังอยู่ ส่วนที่เหลือจะทำต่อในครั้งถัดไป",
    "The server's TLS certificate is not trusted ({error}); sync refuses unverified connections.": "ใบรับรอง TLS ของเซิร์ฟเวอร์ไม่น่าเชื่อถือ ({error}) การซิงก์จะไม่เชื่อมต่อที่ตรวจสอบไม่ได้",
    "'{url}' is not a server address; give it as https://host[:port].": "'{url}' ไม่ใช่ที่อยู่เซิร์ฟเวอร์ ให้ระบุในรูป https://host[:port]",
    "'{url}' is plain HTTP: passwords and personal data would travel unencrypted. Use https:// (plain HTTP only on this computer, 127.0.0.1).": "'{url}' เป็น HTTP ธรรมดา รหัสผ่านและข้อมูลส่วนบุคคลจะถูกส่งโดยไม่เข้ารหัส ให้ใช้ https:// (HTTP ธรรมดาใช้ได้เฉพาะในเครื่องนี้ 127.0.0.1)",
    "The CDDP server {url} did not answer after {n} tries. Nothing is lost: the sync resumes where it stopped next time.": "เซิร์ฟเวอร์ CDDP {url} ไม่ตอบหลังลอง {n} ครั้ง ไม่มีข้อมูลสูญหาย การซิงก์จะทำต่อจากจุดที่หยุดในครั้งถัดไป",
    "The CDDP server refused {what} ({status}): {reason}": "เซิร์ฟเวอร์ CDDP ปฏิเสธ {what} ({status}): {reason}",
    "The CDDP server did not accept the user name or password of '{user}' for municipality {muni}. Check the connection's credentials.": "เซิร์ฟเวอร์ CDDP ไม่ยอมรับชื่อผู้ใช้หรือรหัสผ่านของ '{user}' สำหรับเทศบาล/อปท. {muni} ตรวจสอบข้อมูลเข้าสู่ระบบของการเชื่อมต่อ",
    "Signing in to the CDDP server failed ({status}): {reason}": "เข้าสู่ระบบเซิร์ฟเวอร์ CDDP ไม่สำเร็จ ({status}): {reason}",
    # core/sync/engine.py
    "The workspace {path} is municipality {code}, but the connection is for municipality {muni}. Connect the workspace to its own municipality.": "พื้นที่ทำงาน {path} เป็นของ อปท. {code} แต่การเชื่อมต่อเป็นของ อปท. {muni} ให้เชื่อมต่อพื้นที่ทำงานกับ อปท. ของตนเอง",
    "The server uses workspace schema version {server}, this plugin version {mine}: update the one that is older, then sync.": "เซิร์ฟเวอร์ใช้โครงสร้างพื้นที่ทำงานรุ่น {server} ปลั๊กอินนี้ใช้รุ่น {mine} ให้ปรับรุ่นฝั่งที่เก่ากว่าแล้วซิงก์อีกครั้ง",
    "The workspace's layer {layer} is in EPSG:{mine}, the municipality's data on the server in EPSG:{server}; they cannot sync. Make the workspace from the server instead.": "ชั้นข้อมูล {layer} ของพื้นที่ทำงานใช้ EPSG:{mine} แต่ข้อมูลของ อปท. บนเซิร์ฟเวอร์ใช้ EPSG:{server} จึงซิงก์กันไม่ได้ ให้สร้างพื้นที่ทำงานจากเซิร์ฟเวอร์แทน",
    "{code} is not a DOPA municipality code.": "{code} ไม่ใช่รหัส อปท. ของกรมการปกครอง",
    "Making the workspace from the server stopped: {why}": "การสร้างพื้นที่ทำงานจากเซิร์ฟเวอร์หยุดลง: {why}",
    # core/sync/jobs.py
    "There is no open conflict {id} in this workspace.": "ไม่มีข้อขัดแย้ง {id} ที่ยังเปิดอยู่ในพื้นที่ทำงานนี้",
}
