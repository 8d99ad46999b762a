"""Helpers of the complaint integrity tests: the real Traffy Fondue dump of ../shared/data and real
workspaces made by ``create_workspace`` (nothing of ours is mocked)."""

from __future__ import annotations

import csv
import io
import sqlite3

from tests.conftest import SHARED

DUMP = SHARED / "pathumwan" / "teamchadchart.csv"


def dump_rows(n: int | None = None) -> tuple[list[str], list[dict]]:
    """(header, rows) of the real dump, the first ``n`` rows."""
    with open(DUMP, encoding="utf-8-sig", newline="") as f:
        reader = csv.DictReader(f)
        rows = list(reader)
        return list(reader.fieldnames or []), rows[:n] if n else rows


def to_csv(header: list[str], rows: list[dict], bom: bool = True) -> bytes:
    out = io.StringIO()
    w = csv.DictWriter(out, fieldnames=header, extrasaction="ignore")
    w.writeheader()
    w.writerows(rows)
    return (("\ufeff" if bom else "") + out.getvalue()).encode("utf-8")


def workspace(tmp_path, name: str = "ws.gpkg") -> str:
    from cddp_plugin.core.workspace import create, dopa

    area = dopa.parse_municipality_code("1007")
    return create.create_workspace(tmp_path / name, area, "ปทุมวัน", "EPSG:32647", user="tester").path


def counts(path: str) -> tuple[int, int]:
    """(complaints, change-log entries on complaints)."""
    con = sqlite3.connect(path)
    try:
        return (
            con.execute("SELECT count(*) FROM complaints").fetchone()[0],
            con.execute("SELECT count(*) FROM cddp_changelog WHERE layer = 'complaints'").fetchone()[0],
        )
    finally:
        con.close()


def complaint(path: str, external_id: str) -> dict:
    con = sqlite3.connect(path)
    con.row_factory = sqlite3.Row
    try:
        row = con.execute("SELECT * FROM complaints WHERE external_id = ?", (external_id,)).fetchone()
        return dict(row) if row is not None else {}
    finally:
        con.close()


def import_bytes(path: str, data: bytes, name: str = "dump.csv"):
    from cddp_plugin.core.works import channels
    from cddp_plugin.core.works import jobs as works_jobs

    return works_jobs.import_complaints(path, channels.parse_complaints(data, name), "importer")
