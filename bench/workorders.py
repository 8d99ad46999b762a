#!/usr/bin/env python3
"""Complaint intake and work-order generation (issue #5): cddp's core, and snapping against QGIS.

Synthetic municipality in UTM 47N: a street grid with 200 m blocks cut into 100 m road sections
(25,000 by default) and a lamp every 40 m on one side (25,000), i.e. 50,000 assets; 10 % of the
sections rated below PCI 40 and 4 % of the lamps out. 100,000 Traffy Fondue complaints in the dump
CSV shape (UTF-8 with BOM, ``{ถนน}`` tags, ``"lon,lat"`` coords, one in ten with a phone number in the
text): road 35 %, footpath 10 %, lighting 20 %, drainage 5 %, tree 10 %, other 20 %, each within
±40 m of a random asset of its kind.

Timed in the same run:

- ``parse``: :func:`channels.read_complaints` (format detection, mapping, PII scrubbing);
- ``import``: :func:`works_jobs.import_complaints` into the workspace (de-duplication against what is
  stored, projection, snapping, writing through the change-log triggers) — first import, then the
  same file again (nothing changes);
- ``generate``: :func:`works_jobs.generate_work_orders` on the imported complaints and the assets;
- ``snap``: snapping the stored complaints to their assets end to end from the GeoPackage (read
  points and assets, :func:`snapping.snap_to_assets`), against the QGIS-only way in a child process:
  ``native:extractbyexpression`` (the categories of each asset layer) + ``native:joinbynearest``
  (nearest section / lamp within 50 m) for road-type and lighting complaints.

    .venv/bin/python bench/workorders.py                      # 100k complaints, 50k assets
    .venv/bin/python bench/workorders.py --complaints 20000 --assets 10000
"""

from __future__ import annotations

import argparse
import csv
import io
import json
import os
import platform
import shutil
import subprocess
import sys
import time
from pathlib import Path

import numpy as np

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
OUT = HERE / "out"
sys.path.insert(0, str(ROOT))

ORIGIN = (660000.0, 1520000.0)
BLOCK, SECTION, LAMP_STEP, DIST = 200.0, 100.0, 40.0, 50.0
MIX = (("ถนน", "road", 0.35), ("ทางเท้า", "footpath", 0.10), ("แสงสว่าง", "lighting", 0.20),
       ("ท่อระบายน้ำ", "drainage", 0.05), ("ต้นไม้", "tree", 0.10), ("ร้องเรียน", "other", 0.20))  # fmt: skip
HEADER = ("ticket_id,type,organization,comment,coords,photo,photo_after,address,subdistrict,district,province,"
          "timestamp,state,star,count_reopen,last_activity").split(",")  # fmt: skip


def make_workspace(path: Path, n_assets: int, seed: int = 5):
    """A workspace with n_assets/2 road sections and n_assets/2 lamps; returns (sections, lamps) xy."""
    import shapely

    from cddp_plugin.core.workspace import create, dopa, gpkg

    rng = np.random.default_rng(seed)
    n_sec = n_assets // 2
    n = int(np.ceil(np.sqrt(n_sec / 4))) + 1  # 2 directions × 2 sections per block side
    lines = []
    for i in range(n + 1):
        for j in range(n):
            for k in range(2):
                x0, y0 = ORIGIN[0] + i * BLOCK, ORIGIN[1] + j * BLOCK + k * SECTION
                lines.append(((x0, y0), (x0, y0 + SECTION)))
                x0, y0 = ORIGIN[0] + j * BLOCK + k * SECTION, ORIGIN[1] + i * BLOCK
                lines.append(((x0, y0), (x0 + SECTION, y0)))
    lines = lines[:n_sec]
    sections = shapely.linestrings(np.array(lines))
    lamps_xy = []
    for (x0, y0), (x1, y1) in lines:
        for t in np.arange(LAMP_STEP / 2, SECTION, LAMP_STEP):
            f = t / SECTION
            lamps_xy.append((x0 + f * (x1 - x0) + (4 if x0 == x1 else 0), y0 + f * (y1 - y0) + (4 if y0 == y1 else 0)))
    lamps_xy = np.array(lamps_xy[: n_assets - n_sec])
    lamps = shapely.points(lamps_xy)
    path.unlink(missing_ok=True)
    info = create.create_workspace(path, dopa.parse_municipality_code("1007"), "bench", "EPSG:32647", user="bench")
    con = gpkg.connect(str(info.path))
    srs = gpkg.srs_id(con, "road_sections")
    pci = np.where(
        rng.random(len(sections)) < 0.10, rng.uniform(5, 39, len(sections)), rng.uniform(41, 100, len(sections))
    )
    status = np.where(rng.random(len(lamps)) < 0.04, "out", "working")
    with con:
        gpkg.write_features(
            con, "road_sections", ["section_id", "road_uuid", "length_m", "pci", "condition_band"],
            [[f"S{k:06d}", f"R{k // 2:06d}", SECTION, round(float(p), 1), "very_poor" if p < 40 else "fair", b, "bench"]
             for k, (p, b) in enumerate(zip(pci, gpkg.to_blobs(sections, srs), strict=True))], [],
        )  # fmt: skip
        gpkg.write_features(
            con, "streetlights", ["ref", "status", "circuit"],
            [[f"L{k:06d}", s, f"C{k // 15:05d}", b, "bench"]
             for k, (s, b) in enumerate(zip(status, gpkg.to_blobs(lamps, srs), strict=True))], [],
        )  # fmt: skip
    con.close()
    return sections, lamps_xy


def make_complaints(path: Path, n: int, sections, lamps_xy, seed: int = 6) -> None:
    import shapely
    from pyproj import Transformer

    rng = np.random.default_rng(seed)
    cats = rng.choice(len(MIX), size=n, p=[m[2] for m in MIX])
    mid = shapely.get_coordinates(shapely.line_interpolate_point(sections, 0.5, normalized=True))
    xy = np.empty((n, 2))
    lighting = cats == 2
    xy[lighting] = lamps_xy[rng.integers(0, len(lamps_xy), lighting.sum())]
    xy[~lighting] = mid[rng.integers(0, len(mid), (~lighting).sum())]
    xy += rng.uniform(-40, 40, (n, 2))
    lon, lat = Transformer.from_crs("EPSG:32647", "EPSG:4326", always_xy=True).transform(xy[:, 0], xy[:, 1])
    out = io.StringIO()
    w = csv.writer(out)
    w.writerow(HEADER)
    states = ("รอรับเรื่อง", "กำลังดำเนินการ", "เสร็จสิ้น")
    for k in range(n):
        tag = MIX[cats[k]][0]
        text = f"แจ้งปัญหา{tag} จุดที่ {k}" + (f" โทร 08{k % 10}-{k % 1000:03d}-{k % 10000:04d}" if k % 10 == 0 else "")
        w.writerow([f"2026-B{k:06d}", "{" + tag + "}", "เขตทดสอบ", text, f"{lon[k]:.6f},{lat[k]:.6f}", "", "", "",
                    "", "", "กรุงเทพมหานคร", "2026-11-01 03:00:00+00", states[(k % 7) // 3], "", "0",
                    "2026-11-02 03:00:00+00"])  # fmt: skip
    path.write_bytes(("\ufeff" + out.getvalue()).encode("utf-8"))


def timed(fn):
    t0 = time.perf_counter()
    result = fn()
    return time.perf_counter() - t0, result


def cddp_snap(ws: str):
    """Read the stored complaints and assets from the GeoPackage and snap them (no writing)."""
    from cddp_plugin.core.works import snapping
    from cddp_plugin.core.workspace import gpkg

    con = gpkg.connect(ws)
    rows = con.execute("SELECT category, geom FROM complaints").fetchall()
    cats = [r[0] for r in rows]
    import shapely

    pts = snapping._decode([r[1] for r in rows], shapely)
    assets = snapping._asset_geometries(con, ["road_sections", "streetlights"])
    con.close()
    return snapping.snap_to_assets(pts, cats, assets, DIST)


def run_qgis_child(ws: str) -> dict:
    sys.path.insert(0, "/usr/share/qgis/python/plugins")
    from qgis.core import QgsApplication

    app = QgsApplication([], False)
    app.initQgis()
    import processing
    from processing.core.Processing import Processing

    Processing.initialize()
    tmp = "TEMPORARY_OUTPUT"
    t0 = time.perf_counter()
    matched = 0
    for cats, layer in ((("road", "footpath", "obstruction", "drainage", "sign"), "road_sections"),
                        (("lighting", "electricity"), "streetlights")):  # fmt: skip
        expr = '"category" IN ({})'.format(", ".join(f"'{c}'" for c in cats))
        pts = processing.run("native:extractbyexpression", {"INPUT": f"{ws}|layername=complaints", "EXPRESSION": expr,
                                                            "OUTPUT": tmp})["OUTPUT"]  # fmt: skip
        joined = processing.run("native:joinbynearest", {
            "INPUT": pts, "INPUT_2": f"{ws}|layername={layer}", "FIELDS_TO_COPY": ["uuid"], "DISCARD_NONMATCHING": False,
            "PREFIX": "asset_", "NEIGHBORS": 1, "MAX_DISTANCE": DIST, "OUTPUT": tmp})  # fmt: skip
        matched += int(joined["JOINED_COUNT"])
    result = {"snap": time.perf_counter() - t0, "matched": matched}
    app.exitQgis()
    return result


def run_qgis(ws: str) -> dict:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    proc = subprocess.run([sys.executable, __file__, "--child", ws], capture_output=True, text=True, env=env)
    lines = [line for line in proc.stdout.splitlines() if line.startswith("{")]
    if proc.returncode != 0 or not lines:
        raise SystemExit(f"QGIS child failed:\n{proc.stderr[-3000:]}")
    return json.loads(lines[-1])


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--complaints", type=int, default=100_000)
    ap.add_argument("--assets", type=int, default=50_000)
    ap.add_argument("--no-qgis", action="store_true")
    ap.add_argument("--child")
    args = ap.parse_args()
    if args.child:
        print(json.dumps(run_qgis_child(args.child)))
        return 0
    from cddp_plugin.core.works import channels
    from cddp_plugin.core.works import jobs as works_jobs

    OUT.mkdir(exist_ok=True)
    ws = OUT / f"workorders_{args.assets}.gpkg"
    dump = OUT / f"traffy_{args.complaints}.csv"
    print(f"machine: {platform.processor() or platform.machine()}, {os.cpu_count()} cores; "
          f"{args.complaints:,} complaints on {args.assets:,} assets")  # fmt: skip
    t_ws, (sections, lamps_xy) = timed(lambda: make_workspace(ws, args.assets))
    make_complaints(dump, args.complaints, sections, lamps_xy)
    print(f"  data: workspace {t_ws:.1f} s, {dump.stat().st_size / 1e6:.1f} MB CSV")

    t_parse, parsed = timed(lambda: channels.read_complaints(dump))
    print(f"  parse      {t_parse:6.2f} s  {parsed.imported:,} complaints, {len(parsed.rejected)} rejected, "
          f"PII {dict(parsed.pii_scrubbed)}")  # fmt: skip
    t_import, rep = timed(lambda: works_jobs.import_complaints(str(ws), parsed, "bench", max_distance=DIST))
    print(f"  import     {t_import:6.2f} s  {rep.inserted:,} added, snapped {rep.snapped}, "
          f"none within {DIST:g} m {rep.not_snapped:,}")  # fmt: skip
    t_again, rep2 = timed(lambda: works_jobs.import_complaints(str(ws), parsed, "bench", max_distance=DIST))
    print(f"  re-import  {t_again:6.2f} s  {rep2.inserted} added, {rep2.updated} updated, {rep2.unchanged:,} unchanged")
    t_gen, gen = timed(lambda: works_jobs.generate_work_orders(str(ws), "bench", now="2026-11-20T09:00:00+07:00"))
    print(f"  generate   {t_gen:6.2f} s  {gen.created:,} orders {gen.created_by_origin}, {gen.attached:,} complaints "
          f"attached, {gen.clusters} outage clusters")  # fmt: skip
    t_gen2, gen2 = timed(lambda: works_jobs.generate_work_orders(str(ws), "bench", now="2026-11-20T09:00:00+07:00"))
    print(f"  generate again {t_gen2:6.2f} s  {gen2.created} created")
    t_snap, snap = timed(lambda: cddp_snap(str(ws)))
    print(f"  snap (cddp, read + snap) {t_snap:6.2f} s  {sum(snap.count().values()):,} snapped")
    if not args.no_qgis:
        q = run_qgis(str(ws))
        print(f"  snap (QGIS extractbyexpression + joinbynearest) {q['snap']:6.2f} s  {q['matched']:,} joined "
              f"→ QGIS / cddp = {q['snap'] / t_snap:.2f}×")  # fmt: skip
    shutil.rmtree(OUT / "__pycache__", ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
