#!/usr/bin/env python3
"""The workspace job of a GIS officer, end to end: import parcels, import households, link them in place.

For each import the peer is GDAL's bare row copy of the same file into the same workspace table
(``ogr2ogr -append``: no field mapping, validation, house-number parsing or upsert, but the same
GeoPackage R-tree and change-log triggers), in the same run. Linking in place (the links written into
the workspace's households through the change log) has no QGIS peer: QGIS's join makes a new layer.

    .venv/bin/python bench/imports.py                 # 20k and 100k parcels (40k / 200k households)
    .venv/bin/python bench/imports.py --sizes 20000
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(ROOT))
sys.path.insert(0, "/usr/share/qgis/python/plugins")


def ogr_append(src: Path, ws: Path, table: str, sql: str, *extra: str) -> float:
    t0 = time.perf_counter()
    subprocess.run(["ogr2ogr", "-append", "-nln", table, "-sql", sql, *extra, str(ws), str(src)], check=True)
    return time.perf_counter() - t0


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--sizes", type=int, nargs="*", default=[20_000, 100_000])
    args = ap.parse_args()
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    import geopandas  # noqa: F401 - the geo stack is loaded before the clock, as in a QGIS session
    import pyarrow  # noqa: F401
    from linking import ensure_data
    from qgis.core import QgsApplication, QgsVectorLayer

    app = QgsApplication([], False)
    app.initQgis()
    import processing
    from processing.core.Processing import Processing

    Processing.initialize()
    from cddp_plugin.processing.provider import CddpProvider

    provider = CddpProvider()
    QgsApplication.processingRegistry().addProvider(provider)
    work = HERE / "out" / "imports"
    print(f"{'parcels':>8} {'households':>10} | {'step':32} {'cddp':>8} {'ogr2ogr -append':>16} | ratio")
    for n in args.sizes:
        pc, hh = ensure_data(n)
        shutil.rmtree(work, ignore_errors=True)
        work.mkdir(parents=True)
        ws, peer = work / "cddp.gpkg", work / "peer.gpkg"
        for path in (ws, peer):
            processing.run("cddp:createworkspace", {"OUTPUT": str(path), "MUNICIPALITY_CODE": "330506",
                                                    "CRS": "EPSG:32648"})  # fmt: skip

        def timed(alg, params):
            t0 = time.perf_counter()
            res = processing.run(alg, params)
            return time.perf_counter() - t0, res

        t_pc, r = timed("cddp:importparcels", {"INPUT": str(pc), "WORKSPACE": str(ws)})
        o_pc = ogr_append(pc, peer, "parcels", "SELECT parcel_code FROM parcels", "-nlt", "PROMOTE_TO_MULTI")
        print(f"{n:>8} {2 * n:>10} | {'import parcels':32} {t_pc:8.2f} {o_pc:16.2f} | cddp/ogr2ogr = {t_pc / o_pc:.2f}×"
              f"  ({r['INSERTED']} added)", flush=True)  # fmt: skip
        t_hh, r = timed("cddp:importhouseholds", {"INPUT": str(hh), "WORKSPACE": str(ws)})
        o_hh = ogr_append(hh, peer, "households", "SELECT CAST(hid AS character(12)) AS house_no FROM households")
        print(f"{n:>8} {2 * n:>10} | {'import households':32} {t_hh:8.2f} {o_hh:16.2f} | cddp/ogr2ogr = {t_hh / o_hh:.2f}×"
              f"  ({r['INSERTED']} added)", flush=True)  # fmt: skip
        households = QgsVectorLayer(f"{ws}|layername=households", "households", "ogr")
        parcels = QgsVectorLayer(f"{ws}|layername=parcels", "parcels", "ogr")
        for label in ("link in place (first run)", "link in place (again: no change)"):
            t, r = timed("cddp:linkhouseholds", {"HOUSEHOLDS": households, "PARCELS": parcels})
            print(f"{n:>8} {2 * n:>10} | {label:32} {t:8.2f} {'—':>16} |  ({r['LINKED']} linked)", flush=True)
    shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
