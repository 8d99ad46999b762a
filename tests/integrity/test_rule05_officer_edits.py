"""Rule 5: officers' edits survive re-imports. An officer edits complaints in a real workspace with
plain sqlite3 (as QGIS saves: an UPDATE through the change-log triggers); re-importing the real
Traffy Fondue rows — unchanged, or changed by the source — never overwrites the edited fields, while
fields nobody edited still follow the source."""

from __future__ import annotations

import sqlite3

from cddp_plugin.core.workspace import gpkg
from tests.integrity.complaint_data import complaint, counts, dump_rows, import_bytes, to_csv, workspace


def officer_update(path, external_id, **values):
    # plain SQL through sqlite3, with the GeoPackage functions QGIS/GDAL give every client; the triggers log it
    con = gpkg.connect(path)
    try:
        with con:
            sets = ", ".join(f"{k} = ?" for k in values)
            con.execute(f"UPDATE complaints SET {sets}, updated_by = 'officer' WHERE external_id = ?",
                        [*values.values(), external_id])  # fmt: skip
    finally:
        con.close()


def test_officer_edits_survive_reimports(tmp_path):
    ws = workspace(tmp_path)
    header, rows = dump_rows(200)
    data = to_csv(header, rows)
    import_bytes(ws, data)
    with_text = [r for r in rows if r["ticket_id"] and len(r["comment"]) > 20 and r["address"]]
    a, b, c, d = with_text[:4]
    # the officer removes a reporter's name from a description, reclassifies one, corrects an address
    officer_update(ws, a["ticket_id"], description="ไฟดับหน้าบ้าน (ชื่อผู้แจ้งลบแล้ว)")
    officer_update(ws, b["ticket_id"], category="drainage")
    officer_update(ws, c["ticket_id"], address="หน้าตลาดสามย่าน")
    logged = counts(ws)
    # 1. the same file again: nothing comes back, nothing is logged
    rep = import_bytes(ws, data)
    assert (rep.inserted, rep.updated) == (0, 0) and rep.officer_kept == 3
    assert counts(ws) == logged
    assert complaint(ws, a["ticket_id"])["description"] == "ไฟดับหน้าบ้าน (ชื่อผู้แจ้งลบแล้ว)"
    assert complaint(ws, b["ticket_id"])["category"] == "drainage"
    assert complaint(ws, c["ticket_id"])["address"] == "หน้าตลาดสามย่าน"
    # 2. the source really changed those fields, and d's description (which nobody edited)
    changed = []
    for r in rows:
        if r is a:
            r = dict(r, comment=r["comment"] + " แก้ไขโดยผู้แจ้ง", last_activity="2023-06-01 00:00:00+00")
        elif r is b:
            r = dict(r, type="{ถนน}", state="เสร็จสิ้น", last_activity="2023-06-01 00:00:00+00")
        elif r is c:
            r = dict(r, address=r["address"] + " (ใหม่)")
        elif r is d:
            r = dict(r, comment=r["comment"] + " (เพิ่มเติม)")
        changed.append(r)
    rep = import_bytes(ws, to_csv(header, changed))
    assert rep.updated == 3  # a: newer activity; b: status and activity; d: its description (c: nothing left)
    assert complaint(ws, a["ticket_id"])["description"] == "ไฟดับหน้าบ้าน (ชื่อผู้แจ้งลบแล้ว)"
    assert complaint(ws, a["ticket_id"])["last_activity"].startswith("2023-06-01")
    got_b = complaint(ws, b["ticket_id"])
    assert (got_b["category"], got_b["status"]) == ("drainage", "finish")  # the state still follows the source
    assert complaint(ws, c["ticket_id"])["address"] == "หน้าตลาดสามย่าน"
    assert complaint(ws, d["ticket_id"])["description"].endswith("(เพิ่มเติม)")
    # 3. and a third import of the changed file changes nothing more
    logged = counts(ws)
    import_bytes(ws, to_csv(header, changed))
    assert counts(ws) == logged


def test_a_moved_point_stays(tmp_path):
    from cddp_plugin.core.workspace import gpkg

    ws = workspace(tmp_path)
    header, rows = dump_rows(30)
    data = to_csv(header, rows)
    import_bytes(ws, data)
    target = next(r for r in rows if r["ticket_id"])
    con = gpkg.connect(ws)  # the GeoPackage spatial functions the R-tree triggers need, as QGIS has them
    try:
        with con:
            blob = con.execute("SELECT geom FROM complaints WHERE external_id = ?", (target["ticket_id"],)).fetchone()[
                0
            ]
            point = gpkg.from_blob(blob)
            import shapely

            moved = shapely.Point(point.x + 25, point.y)
            con.execute("UPDATE complaints SET geom = ? WHERE external_id = ?",
                        (gpkg.to_blob(moved, gpkg.srs_id(con, "complaints")), target["ticket_id"]))  # fmt: skip
    finally:
        con.close()
    logged = counts(ws)
    import_bytes(ws, data)
    assert counts(ws) == logged
    stored = gpkg.from_blob(complaint(ws, target["ticket_id"])["geom"])
    assert abs(stored.x - moved.x) < 0.01


def test_an_edit_before_the_first_recorded_import_is_kept(tmp_path):
    """A workspace whose complaints were imported before imports were recorded: an officer's earlier
    edit (an update in the log) is kept too."""
    ws = workspace(tmp_path)
    header, rows = dump_rows(20)
    import_bytes(ws, to_csv(header, rows))
    con = sqlite3.connect(ws)
    with con:
        con.execute("DELETE FROM cddp_meta WHERE key = 'works.complaint_import_seqs'")
    con.close()
    target = next(r for r in rows if r["ticket_id"] and r["comment"])
    officer_update(ws, target["ticket_id"], description="แก้ไขโดยเจ้าหน้าที่")
    import_bytes(ws, to_csv(header, rows))
    assert complaint(ws, target["ticket_id"])["description"] == "แก้ไขโดยเจ้าหน้าที่"


def test_an_edit_saved_while_the_import_runs_is_kept(tmp_path):
    """The officer's save holds the write lock when the re-import starts: the import waits for it and
    then sees (and keeps) the edit, instead of writing back what it read before."""
    import threading
    import time

    ws = workspace(tmp_path)
    header, rows = dump_rows(100)
    data = to_csv(header, rows)
    import_bytes(ws, data)
    target = next(r for r in rows if r["ticket_id"] and r["comment"])
    officer = gpkg.connect(ws)
    officer.execute("BEGIN IMMEDIATE")
    officer.execute(
        "UPDATE complaints SET description = 'แก้ไขระหว่างนำเข้า', updated_by = 'officer' WHERE external_id = ?",
        (target["ticket_id"],),
    )
    # the source meanwhile changed that complaint's text and activity
    changed = [
        dict(r, comment=r["comment"] + " (ต้นทางแก้)", last_activity="2023-06-01 00:00:00+00") if r is target else r
        for r in rows
    ]
    done = {}
    worker = threading.Thread(target=lambda: done.setdefault("report", import_bytes(ws, to_csv(header, changed))))
    worker.start()
    time.sleep(1.0)  # the import is running and waiting for the officer's save
    officer.commit()
    officer.close()
    worker.join(60)
    assert done["report"].updated == 1  # the newer activity
    stored = complaint(ws, target["ticket_id"])
    assert stored["description"] == "แก้ไขระหว่างนำเข้า" and stored["last_activity"].startswith("2023-06-01")
