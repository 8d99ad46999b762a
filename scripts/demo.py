#!/usr/bin/env python3
"""`make demo`: build the demo municipality workspaces from ../shared/data, headless, and report.

Each step runs a CDDP Processing algorithm through scripts/cddp-process (qgis_process with the
plugin), exactly as a scheduled job at a municipality would. Later issues add their steps here
(imports, linking, condition rating, work orders, the council PDF, a sync with the reference server).
"""

from __future__ import annotations

import argparse
import os
import shutil
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from cddp_plugin.core import schema  # noqa: E402
from cddp_plugin.core.workspace import inspect_workspace  # noqa: E402

# The demo municipalities and the shared data each one draws on (../shared/data/SOURCES.md).
MUNICIPALITIES = (
    # (file stem, DOPA code, name, CRS, data folder)
    ("prueyai", "330506", "อบต.ปรือใหญ่", "EPSG:32648", "prueyai"),
    ("pathumwan", "1007", "เขตปทุมวัน", "EPSG:32647", "pathumwan"),
)


def cddp_process(*args: str) -> subprocess.CompletedProcess:
    proc = subprocess.run([str(ROOT / "scripts" / "cddp-process"), *args], capture_output=True, text=True)
    if proc.returncode != 0:
        sys.stderr.write(proc.stdout[-4000:] + proc.stderr[-4000:])
        raise SystemExit(f"demo step failed: cddp-process {' '.join(args[:2])}")
    return proc


def step(title: str):
    print(f"\n== {title}")
    return time.perf_counter()


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--shared", type=Path, default=ROOT.parent / "shared" / "data")
    ap.add_argument("--out", type=Path, default=ROOT / "demo-output")
    args = ap.parse_args()
    out = args.out.resolve()
    if not args.shared.is_dir():
        raise SystemExit(f"shared data not found at {args.shared} (set SHARED=...)")
    out.mkdir(parents=True, exist_ok=True)
    for stem, *_ in MUNICIPALITIES:  # the demo rebuilds only what it made itself
        for suffix in (".gpkg", ".qgz"):
            (out / f"{stem}{suffix}").unlink(missing_ok=True)

    summary = []
    for stem, code, name, crs, folder in MUNICIPALITIES:
        gpkg = out / f"{stem}.gpkg"
        t0 = step(f"{name} ({code}): create the municipal workspace  [data: {args.shared / folder}]")
        cddp_process("run", "cddp:createworkspace", "--", f"OUTPUT={gpkg}", f"MUNICIPALITY_CODE={code}",
                     f"MUNICIPALITY_NAME={name}", f"CRS={crs}")  # fmt: skip
        elapsed = time.perf_counter() - t0
        info = inspect_workspace(gpkg)
        con = sqlite3.connect(gpkg)
        triggers = con.execute(
            "SELECT count(*) FROM sqlite_master WHERE type='trigger' AND name LIKE 'cddp_%'"
        ).fetchone()[0]
        styles = con.execute("SELECT count(*) FROM layer_styles WHERE useAsDefault").fetchone()[0]
        domains = con.execute(
            "SELECT count(DISTINCT constraint_name) FROM gpkg_data_column_constraints WHERE constraint_name NOT LIKE '\\_%' ESCAPE '\\'"
        ).fetchone()[0]
        con.close()
        print(f"   {gpkg.relative_to(Path.cwd()) if gpkg.is_relative_to(Path.cwd()) else gpkg}: "
              f"{len(info.layer_counts)} layers, schema {info.schema_version}, CRS {info.crs}, "
              f"{triggers} change-log triggers, {styles} default styles, {domains} Thai value lists, "
              f"{os.path.getsize(gpkg) / 1024:.0f} KiB, {elapsed:.1f} s")  # fmt: skip
        print(f"   project: {gpkg.with_suffix('.qgz').name}")
        summary.append((stem, info))

    print("\n== Summary")
    for stem, info in summary:
        total = sum(info.layer_counts.values())
        print(f"   {stem:10s} {info.municipality_name} ({info.municipality_code}) {info.crs}: {total} features in "
              f"{len(info.layer_counts)} layers, {info.pending_changes} unsynced changes")  # fmt: skip
    restricted = [layer.name for layer in schema.LAYERS if layer.restricted]
    print(f"   restricted (PDPA) tables kept out of the projects: {', '.join(restricted)}")
    print(f"   open in QGIS: make qgis   (project {out / 'prueyai.qgz'})")
    shutil.rmtree(out / "__pycache__", ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
