#!/usr/bin/env python3
"""Household → parcel linking: cddp:linkhouseholds against QGIS's native:joinattributesbylocation and a
bare geopandas pipeline (read + sjoin + write), end to end, on synthetic municipalities.

Parcels are a jittered grid in blocks with roads between them (bench/synthetic.py), two households
per parcel; sizes 20k / 100k / 500k parcels. Each contender runs in its own process (one at a time,
so peak memory is its own) reading the same GeoPackages and writing a FlatGeobuf (with its spatial
index, GDAL's default).

A fourth line, ``io floor``, only reads the two files and writes the households back unchanged, the
same way cddp does (Arrow reads on two threads, the same writer): no tool that reads and writes these
files can beat it, so QGIS / floor is the largest ratio any linker could show against QGIS here.

    .venv/bin/python bench/linking.py            # all sizes (QGIS's algorithm at 500k takes minutes)
    .venv/bin/python bench/linking.py --sizes 20000 100000

Up to 100k parcels each contender runs ``--repeat`` times (default 5) and the median is shown: a
run of a fraction of a second varies by ±20 % on this machine. Larger sizes run once.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
OUT = HERE / "out"
CONTENDERS = ("cddp", "qgis", "geopandas", "io_floor")
FORMAT = "fgb"  # FlatGeobuf for every output: its spatial index is bulk-built, so writing does not swamp the comparison


def ensure_data(n: int) -> tuple[Path, Path]:
    pc, hh = OUT / f"parcels_{n}.gpkg", OUT / f"households_{n}.gpkg"
    if pc.exists() and hh.exists():
        return pc, hh
    import geopandas as gpd

    sys.path.insert(0, str(HERE))
    from synthetic import make_households, make_parcels

    OUT.mkdir(exist_ok=True)
    polys, ids, codes, origins = make_parcels(n)
    pts, truth = make_households(polys, origins)
    gpd.GeoDataFrame({"pid": ids, "parcel_code": codes}, geometry=polys, crs="EPSG:32648").to_file(
        pc, layer="parcels", engine="pyogrio"
    )
    gpd.GeoDataFrame({"hid": range(len(pts)), "true_pid": ids[truth]}, geometry=pts, crs="EPSG:32648").to_file(
        hh, layer="households", engine="pyogrio"
    )
    return pc, hh


def run_one(contender: str, pc: str, hh: str, out: str) -> dict:
    """Runs inside the child process; returns seconds, peak memory and how many households got a parcel."""
    import resource

    if os.path.exists(out):
        os.remove(out)
    import geopandas as gpd  # every contender starts with the Python geo stack loaded, as in a QGIS session
    import pyarrow  # noqa: F401 - part of that stack (GDAL's Arrow reads); loaded once per QGIS session

    if contender == "io_floor":
        sys.path.insert(0, str(ROOT))
        from concurrent.futures import ThreadPoolExecutor

        import pyogrio

        t0 = time.perf_counter()
        with ThreadPoolExecutor(2) as pool:
            a = pool.submit(pyogrio.read_dataframe, hh, fid_as_index=True, use_arrow=True)
            b = pool.submit(pyogrio.read_dataframe, pc, columns=["pid"], fid_as_index=True, use_arrow=True)
            households, _parcels = a.result(), b.result()
        pyogrio.write_dataframe(households, out, driver="FlatGeobuf")
        seconds = time.perf_counter() - t0
        linked = 0
    elif contender == "geopandas":
        t0 = time.perf_counter()
        households = gpd.read_file(hh, engine="pyogrio")
        parcels = gpd.read_file(pc, engine="pyogrio", columns=["pid"])
        joined = gpd.sjoin(households, parcels, how="left", predicate="within")
        joined = joined[~joined.index.duplicated()].drop(columns="index_right")
        joined.to_file(out, engine="pyogrio")
        seconds = time.perf_counter() - t0
        linked = int(joined["pid"].notna().sum())
    else:
        sys.path.insert(0, str(ROOT))
        sys.path.insert(0, "/usr/share/qgis/python/plugins")
        from qgis.core import QgsApplication

        app = QgsApplication([], False)
        app.initQgis()
        import processing
        from processing.core.Processing import Processing

        Processing.initialize()
        from cddp_plugin.processing.provider import CddpProvider

        provider = CddpProvider()
        QgsApplication.processingRegistry().addProvider(provider)
        t0 = time.perf_counter()
        if contender == "cddp":
            res = processing.run("cddp:linkhouseholds", {"HOUSEHOLDS": hh, "PARCELS": pc, "PARCEL_ID_FIELD": "pid",
                                                         "MAX_DISTANCE": 15, "UPDATE_WORKSPACE": False, "OUTPUT": out})  # fmt: skip
            linked = int(res["LINKED"])
        else:
            res = processing.run("native:joinattributesbylocation", {
                "INPUT": hh, "JOIN": pc, "PREDICATE": [5], "JOIN_FIELDS": ["pid"], "METHOD": 1,
                "DISCARD_NONMATCHING": False, "OUTPUT": out})  # fmt: skip
            linked = int(res.get("JOINED_COUNT", -1))
        seconds = time.perf_counter() - t0
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return {"seconds": seconds, "peak_mb": peak, "linked": linked}


def measure(contender: str, pc: Path, hh: Path, repeat: int = 1) -> dict:
    """The median run of ``repeat`` (each in a new process), with the largest peak memory."""
    out = OUT / f"result_{contender}.{FORMAT}"
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    runs = []
    for _ in range(repeat):
        proc = subprocess.run([sys.executable, __file__, "--child", contender, str(pc), str(hh), str(out)],
                              capture_output=True, text=True, env=env)  # fmt: skip
        lines = [line for line in proc.stdout.splitlines() if line.startswith("{")]
        if proc.returncode != 0 or not lines:
            raise SystemExit(f"{contender} failed:\n{proc.stderr[-3000:]}")
        runs.append(json.loads(lines[-1]))
    runs.sort(key=lambda r: r["seconds"])
    return dict(runs[len(runs) // 2], peak_mb=max(r["peak_mb"] for r in runs))


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--sizes", type=int, nargs="*", default=[20_000, 100_000, 500_000])
    ap.add_argument("--child", nargs=4)
    ap.add_argument("--repeat", type=int, default=5, help="runs per contender up to 100k parcels (the median is shown)")
    ap.add_argument(
        "--skip-qgis-above", type=int, default=10**9, help="leave QGIS's algorithm out above this many parcels"
    )
    args = ap.parse_args()
    if args.child:
        print(json.dumps(run_one(*args.child)))
        return 0
    print(f"{'parcels':>8} {'households':>10} | {'contender':10} {'seconds':>8} {'peak MiB':>9} {'linked':>8} | ratio")
    for n in args.sizes:
        pc, hh = ensure_data(n)
        results = {}
        for c in CONTENDERS:
            if c == "qgis" and n > args.skip_qgis_above:
                continue
            results[c] = r = measure(c, pc, hh, repeat=args.repeat if n <= 100_000 else 1)
            ratio = "" if c == "cddp" else f"{c}/cddp = {r['seconds'] / results['cddp']['seconds']:.2f}×"
            if c == "io_floor" and "qgis" in results:
                ratio += (
                    f", qgis/floor = {results['qgis']['seconds'] / r['seconds']:.1f}× (the most any linker can show)"
                )
            print(
                f"{n:>8} {2 * n:>10} | {c:10} {r['seconds']:8.2f} {r['peak_mb']:9.0f} {r['linked']:>8} | {ratio}",
                flush=True,
            )
    return 0


if __name__ == "__main__":
    sys.exit(main())
