"""Rule 1 for complaints: an import changes only what its input carries. Re-importing the real
Traffy Fondue dump changes nothing (no row, no change-log entry); a file without a column never
blanks that field; rows without a ticket id are matched by channel + report time + location."""

from __future__ import annotations

from tests.integrity.complaint_data import complaint, counts, dump_rows, import_bytes, to_csv, workspace

SOURCE_FIELDS = ("category", "categories_raw", "description", "status", "status_raw", "reported_at",
                 "last_activity", "address", "subdistrict", "district", "province", "photo_url", "reopen_count")  # fmt: skip


def snapshot(path):
    import sqlite3

    con = sqlite3.connect(path)
    try:
        cols = ", ".join(SOURCE_FIELDS)
        return {r[0]: r[1:] for r in con.execute(f"SELECT uuid, {cols}, hex(geom) FROM complaints")}
    finally:
        con.close()


def test_reimport_of_the_real_dump_changes_nothing(tmp_path):
    ws = workspace(tmp_path)
    header, rows = dump_rows()
    data = to_csv(header, rows)
    first = import_bytes(ws, data)
    assert (first.rows, first.inserted) == (1000, 1000)
    before, state = counts(ws), snapshot(ws)
    assert before == (1000, 1000)
    again = import_bytes(ws, data)
    assert (again.inserted, again.updated, again.unchanged) == (0, 0, 1000)
    assert again.matched_without_id == 12  # the dump's 12 rows without ticket_id, matched by time + location
    assert counts(ws) == before  # no new row, no change-log entry
    assert snapshot(ws) == state
    # in another order: still nothing
    import_bytes(ws, to_csv(header, list(reversed(rows))))
    assert counts(ws) == before and snapshot(ws) == state


def test_a_file_without_columns_never_blanks_them(tmp_path):
    ws = workspace(tmp_path)
    header, rows = dump_rows(300)
    import_bytes(ws, to_csv(header, rows))
    before, state = counts(ws), snapshot(ws)
    # a GPS-only export: ticket, location and time, nothing else
    import_bytes(ws, to_csv(["ticket_id", "coords", "timestamp"], rows))
    assert counts(ws) == before and snapshot(ws) == state
    # without the category, state and text columns, with newer activity: status and text stay
    newer = [dict(r, last_activity="2023-06-01 00:00:00+00") for r in rows]
    rep = import_bytes(ws, to_csv(["ticket_id", "coords", "timestamp", "last_activity"], newer))
    assert rep.inserted == 0
    after = snapshot(ws)
    for uid, values in state.items():
        old, new = (
            dict(zip(SOURCE_FIELDS, values[:-1], strict=True)),
            dict(zip(SOURCE_FIELDS, after[uid][:-1], strict=True)),
        )
        for name in SOURCE_FIELDS:
            if name != "last_activity":
                assert new[name] == old[name], name
    # empty cells in the file blank nothing either
    blank = [dict(r, comment="", type="{}", address="", state="", photo="") for r in rows]
    import_bytes(ws, to_csv(header, blank))
    sample = next(r for r in rows if r["ticket_id"] and r["comment"])
    stored = complaint(ws, sample["ticket_id"])
    assert stored["description"] and stored["status"] and stored["categories_raw"]


def test_a_category_the_source_really_changed_is_updated(tmp_path):
    ws = workspace(tmp_path)
    header, rows = dump_rows(50)
    import_bytes(ws, to_csv(header, rows))
    target = next(r for r in rows if r["ticket_id"] and r["type"] not in ("{}", "{แสงสว่าง}"))
    changed = [dict(r, type="{แสงสว่าง}") if r is target else r for r in rows]
    rep = import_bytes(ws, to_csv(header, changed))
    assert (rep.inserted, rep.updated) == (0, 1)
    assert complaint(ws, target["ticket_id"])["category"] == "lighting"
