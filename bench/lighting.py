#!/usr/bin/env python3
"""Streetlight lighting gaps and outage clusters (issue #4): cddp's core against the QGIS-only way.

Synthetic street grid in UTM 47N: blocks of 150 m, every street segment between two crossings is a
road (a fifth of them drawn as two-part MultiLineStrings), lamps every 35 m on one side (4 m off,
±3 m along), 10 % of the poles removed, 6 % of the lamps out or flickering at random and 1.5 % of
the circuits (≈ 600 m of street each) entirely out, so that both gaps and clusters exist. Sizes:
5,000 and 50,000 lamps (``--sizes``).

Contenders, timed in the same run:

- ``cddp`` in this process: :func:`lighting_gaps` (T = 50 m, snap 25 m) and :func:`outage_clusters`
  (60 m, ≥ 3 lamps, same circuit), on shapely arrays (``compute``) and end to end from the
  GeoPackage (``read + compute``: pyogrio read of roads and lamps, then the same calls);
- ``qgis`` in a child process (QgsApplication + Processing, like bench/linking.py), from the same
  GeoPackage: gaps the QGIS-only way — ``native:extractbyexpression`` (lit lamps),
  ``native:pointsalonglines`` (a point every 10 m), ``native:joinbynearest`` (nearest lit lamp
  within T/2 = 25 m; the non-matching points are gap points); and the variant with
  ``qgis:distancetonearesthubpoints`` + ``native:extractbyexpression "HubDist" > 25`` instead of the
  join (a Python algorithm, the slowest; ``--no-hub`` leaves it out); clusters with ``native:extractbyexpression`` (out
  lamps) + ``native:dbscanclustering`` (eps 60 m, min size 3; it cannot require a common circuit).

It prints seconds, the ratio QGIS / cddp, and how the results compare: gap km (cddp: stretches
longer than T; QGIS: 10 m per gap point, i.e. only the part farther than T/2 from a lamp, so it is
smaller by design), the share of QGIS gap points that lie on a cddp gap, and the clusters found.

    .venv/bin/python bench/lighting.py                 # 5k and 50k lamps
    .venv/bin/python bench/lighting.py --sizes 5000 --no-hub
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import subprocess
import sys
import time
from pathlib import Path

import numpy as np

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
OUT = HERE / "out"
sys.path.insert(0, str(ROOT))

BLOCK = 150.0  # m between crossings
LAMP_STEP = 35.0  # m between poles
OFFSET = 4.0  # m from the road centre line
ORIGIN = (660000.0, 1520000.0)  # UTM 47N, Bangkok
SPACING, SNAP, CLUSTER_D = 50.0, 25.0, 60.0
LIT = ("working", "day_burning", "unknown")
OUT_ST = ("out", "flickering")


def make_network(n_lamps: int, seed: int = 4):
    """Roads (shapely array), road ids, lamps (points), statuses, circuits, road id of each lamp."""
    import shapely

    rng = np.random.default_rng(seed)
    per_segment = int(BLOCK // LAMP_STEP)  # 4 poles at 17.5, 52.5, 87.5, 122.5 m
    segments_needed = n_lamps / (per_segment * 0.9)
    n = int(np.ceil((-1 + np.sqrt(1 + 2 * segments_needed)) / 2))  # 2·n·(n+1) segments in an n×n grid
    x0, y0 = ORIGIN
    starts, ends = [], []
    for r in range(n + 1):  # horizontal streets
        for c in range(n):
            starts.append((x0 + c * BLOCK, y0 + r * BLOCK))
            ends.append((x0 + (c + 1) * BLOCK, y0 + r * BLOCK))
    for c in range(n + 1):  # vertical streets
        for r in range(n):
            starts.append((x0 + c * BLOCK, y0 + r * BLOCK))
            ends.append((x0 + c * BLOCK, y0 + (r + 1) * BLOCK))
    starts, ends = np.array(starts), np.array(ends)
    seg = shapely.linestrings(np.stack([starts, ends], axis=1))
    nseg = len(seg)
    # lamps along each segment on its left side
    along = (np.arange(per_segment) + 0.5) * LAMP_STEP + (BLOCK - per_segment * LAMP_STEP) / 2
    d = (ends - starts) / BLOCK
    normal = np.stack([-d[:, 1], d[:, 0]], axis=1)
    s_idx = np.repeat(np.arange(nseg), per_segment)
    t = np.tile(along, nseg) + rng.uniform(-3, 3, s_idx.size)
    xy = starts[s_idx] + d[s_idx] * t[:, None] + normal[s_idx] * OFFSET
    keep = rng.random(s_idx.size) >= 0.10
    # the first n_lamps kept poles
    kept = np.flatnonzero(keep)[:n_lamps]
    xy, s_idx = xy[kept], s_idx[kept]
    # roads: pairs of consecutive segments on every fifth street as two-part MultiLineStrings
    road_of_seg = np.arange(nseg)
    pair = (np.arange(nseg) % 10 == 0) & (np.arange(nseg) + 1 < nseg)
    pair &= np.all(np.isclose(ends[np.arange(nseg)], starts[np.minimum(np.arange(nseg) + 1, nseg - 1)]), axis=1)
    road_of_seg[np.flatnonzero(pair) + 1] = np.flatnonzero(pair)
    _, road_of_seg = np.unique(road_of_seg, return_inverse=True)
    order = np.argsort(road_of_seg, kind="stable")
    bounds = np.searchsorted(road_of_seg[order], np.arange(road_of_seg.max() + 2))
    roads = np.empty(bounds.size - 1, dtype=object)
    for r in range(roads.size):
        parts = seg[order[bounds[r] : bounds[r + 1]]]
        roads[r] = parts[0] if parts.size == 1 else shapely.multilinestrings(list(parts))
    road_ids = np.array([f"road{r:06d}" for r in range(roads.size)], dtype=object)
    lamp_road = road_of_seg[s_idx]
    # circuits: 4 segments (≈ 600 m, ≈ 14 lamps) each
    circuit_no = s_idx // 4
    circuits = np.array([f"C{c:05d}" for c in circuit_no], dtype=object)
    status = np.full(kept.size, "working", dtype=object)
    status[rng.random(kept.size) < 0.04] = "out"
    status[rng.random(kept.size) < 0.02] = "flickering"
    status[rng.random(kept.size) < 0.01] = "damaged_pole"
    dead = rng.random(circuit_no.max() + 1) < 0.015
    status[dead[circuit_no]] = "out"
    lamps = shapely.points(xy)
    return roads, road_ids, lamps, status, circuits, road_ids[lamp_road]


def ensure_data(n: int) -> Path:
    path = OUT / f"lighting_{n}.gpkg"
    if path.exists():
        return path
    import geopandas as gpd

    OUT.mkdir(exist_ok=True)
    roads, road_ids, lamps, status, circuits, lamp_road = make_network(n)
    tmp = path.with_suffix(".tmp.gpkg")
    if tmp.exists():
        tmp.unlink()
    gpd.GeoDataFrame({"road_id": road_ids, "lit": True}, geometry=roads, crs="EPSG:32647").to_file(
        tmp, layer="roads", engine="pyogrio"
    )
    lamp_ids = np.array([f"lamp{k:07d}" for k in range(len(lamps))], dtype=object)
    gpd.GeoDataFrame(
        {"lamp_id": lamp_ids, "status": status, "circuit": circuits, "road_id": lamp_road},
        geometry=lamps,
        crs="EPSG:32647",
    ).to_file(tmp, layer="streetlights", engine="pyogrio")
    tmp.rename(path)
    return path


def cddp_compute(roads, road_ids, lamps, lamp_ids, status, circuits):
    """Gaps, then clusters (by circuit, and by the road each lamp was snapped to); seconds of each."""
    from cddp_plugin.core.lighting import analysis

    t0 = time.perf_counter()
    gaps = analysis.lighting_gaps(roads, lamps, road_ids=road_ids, lamp_ids=lamp_ids, statuses=status,
                           spacing=SPACING, snap=SNAP, crs_is_geographic=False)  # fmt: skip
    t1 = time.perf_counter()
    lamp_road = np.where(gaps.lamp_road >= 0, np.asarray(road_ids, dtype=object)[gaps.lamp_road], None)
    clusters = analysis.outage_clusters(lamps, status, ids=lamp_ids, circuits=circuits, roads=lamp_road,
                                 distance=CLUSTER_D, crs_is_geographic=False)  # fmt: skip
    t2 = time.perf_counter()
    return gaps, clusters, t1 - t0, t2 - t1


def run_cddp(path: Path, repeat: int) -> dict:
    import pyogrio
    import shapely

    def read():
        rd = pyogrio.read_dataframe(path, layer="roads", columns=["road_id"])
        lp = pyogrio.read_dataframe(path, layer="streetlights", columns=["lamp_id", "status", "circuit"])
        return (rd.geometry.values, rd["road_id"].to_numpy(object), lp.geometry.values,
                lp["lamp_id"].to_numpy(object), lp["status"].to_numpy(object), lp["circuit"].to_numpy(object))  # fmt: skip

    best_read = best_gaps = best_clusters = float("inf")
    for _ in range(repeat):
        t0 = time.perf_counter()
        roads, road_ids, lamps, lamp_ids, status, circuits = read()
        roads_arr, lamps_arr = np.asarray(roads), np.asarray(lamps)
        best_read = min(best_read, time.perf_counter() - t0)
        gaps, clusters, t_gaps, t_clusters = cddp_compute(roads_arr, road_ids, lamps_arr, lamp_ids, status, circuits)
        best_gaps, best_clusters = min(best_gaps, t_gaps), min(best_clusters, t_clusters)
    gap_geoms = np.array([g.geometry for g in gaps.gaps], dtype=object)
    return {
        "read": best_read,
        "gaps_s": best_gaps,
        "clusters_s": best_clusters,
        "roads": len(roads_arr),
        "lamps": len(lamps_arr),
        "gaps": len(gaps.gaps),
        "gap_km": gaps.total_gap_m / 1000,
        "clusters": len(clusters.clusters),
        "in_clusters": clusters.lamps_in_clusters,
        "_gap_union": shapely.union_all(shapely.buffer(gap_geoms, 0.01)) if gap_geoms.size else None,
    }


def run_qgis_child(path: str, out_npy: str, hub: bool) -> dict:
    """Runs inside the child process: the QGIS-only chain, timed around processing.run calls only."""
    sys.path.insert(0, "/usr/share/qgis/python/plugins")
    from qgis.core import QgsApplication, QgsVectorLayer

    app = QgsApplication([], False)
    app.initQgis()
    import processing
    from processing.core.Processing import Processing

    Processing.initialize()
    roads = f"{path}|layername=roads"
    lamps = f"{path}|layername=streetlights"
    lit_expr = '"status" IN ({})'.format(", ".join(f"'{s}'" for s in LIT))
    out_expr = '"status" IN ({})'.format(", ".join(f"'{s}'" for s in OUT_ST))
    tmp = "TEMPORARY_OUTPUT"

    t0 = time.perf_counter()
    lit = processing.run("native:extractbyexpression", {"INPUT": lamps, "EXPRESSION": lit_expr, "OUTPUT": tmp})[
        "OUTPUT"
    ]
    pts = processing.run("native:pointsalonglines", {"INPUT": roads, "DISTANCE": 10, "START_OFFSET": 0,
                                                     "END_OFFSET": 0, "OUTPUT": tmp})["OUTPUT"]  # fmt: skip
    joined = processing.run("native:joinbynearest", {
        "INPUT": pts, "INPUT_2": lit, "FIELDS_TO_COPY": ["lamp_id"], "DISCARD_NONMATCHING": True, "PREFIX": "",
        "NEIGHBORS": 1, "MAX_DISTANCE": SPACING / 2, "OUTPUT": tmp, "NON_MATCHING": tmp})  # fmt: skip
    gap_points = joined["NON_MATCHING"]
    t1 = time.perf_counter()
    out_lamps = processing.run("native:extractbyexpression", {"INPUT": lamps, "EXPRESSION": out_expr, "OUTPUT": tmp})["OUTPUT"]  # fmt: skip
    db = processing.run("native:dbscanclustering", {"INPUT": out_lamps, "MIN_SIZE": 3, "EPS": CLUSTER_D,
                                                    "DBSCAN*": False, "FIELD_NAME": "CLUSTER_ID",
                                                    "SIZE_FIELD_NAME": "CLUSTER_SIZE", "OUTPUT": tmp})  # fmt: skip
    t2 = time.perf_counter()
    result = {"gaps_join": t1 - t0, "clusters": t2 - t1, "points": pts.featureCount(),
              "gap_points": gap_points.featureCount(), "dbscan_clusters": int(db["NUM_CLUSTERS"])}  # fmt: skip
    db_layer = db["OUTPUT"]
    if not isinstance(db_layer, QgsVectorLayer):
        db_layer = QgsVectorLayer(db_layer)
    idx = db_layer.fields().indexOf("CLUSTER_ID")
    result["dbscan_in_clusters"] = sum(1 for f in db_layer.getFeatures() if f.attribute(idx) not in (None, ""))
    if hub:
        t3 = time.perf_counter()
        lit2 = processing.run("native:extractbyexpression", {"INPUT": lamps, "EXPRESSION": lit_expr, "OUTPUT": tmp})["OUTPUT"]  # fmt: skip
        pts2 = processing.run("native:pointsalonglines", {"INPUT": roads, "DISTANCE": 10, "START_OFFSET": 0,
                                                          "END_OFFSET": 0, "OUTPUT": tmp})["OUTPUT"]  # fmt: skip
        hubd = processing.run("qgis:distancetonearesthubpoints", {"INPUT": pts2, "HUBS": lit2, "FIELD": "lamp_id",
                                                                  "UNIT": 0, "OUTPUT": tmp})["OUTPUT"]  # fmt: skip
        far = processing.run("native:extractbyexpression", {"INPUT": hubd, "EXPRESSION": f'"HubDist" > {SPACING / 2}',
                                                            "OUTPUT": tmp})["OUTPUT"]  # fmt: skip
        result["gaps_hub"] = time.perf_counter() - t3
        result["hub_gap_points"] = far.featureCount()
    xy = np.array([(p.x(), p.y()) for p in (f.geometry().asPoint() for f in gap_points.getFeatures())]).reshape(-1, 2)
    np.save(out_npy, xy)
    return result


def run_qgis(path: Path, hub: bool) -> dict:
    out_npy = OUT / f"lighting_qgis_gap_points_{path.stem}.npy"
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    args = [sys.executable, __file__, "--child", str(path), str(out_npy)] + ([] if hub else ["--no-hub"])
    proc = subprocess.run(args, capture_output=True, text=True, env=env)
    lines = [line for line in proc.stdout.splitlines() if line.startswith("{")]
    if proc.returncode != 0 or not lines:
        raise SystemExit(f"QGIS child failed:\n{proc.stderr[-3000:]}")
    result = json.loads(lines[-1])
    result["_xy"] = np.load(out_npy)
    return result


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", type=int, nargs="+", default=[5_000, 50_000])
    ap.add_argument("--repeat", type=int, default=3, help="best of this many runs for cddp")
    ap.add_argument("--no-hub", dest="hub", action="store_false", help="leave qgis:distancetonearesthubpoints out")
    ap.add_argument("--child", nargs=2)
    args = ap.parse_args()
    if args.child:
        print(json.dumps(run_qgis_child(*args.child, hub=args.hub)))
        return 0

    import shapely

    print(f"Lighting benchmark: Python {platform.python_version()}, shapely {shapely.__version__} "
          f"(GEOS {shapely.geos_version_string}), numpy {np.__version__}, {os.cpu_count()} CPUs")  # fmt: skip
    print(f"gaps: T = {SPACING:g} m, snap {SNAP:g} m; clusters: {CLUSTER_D:g} m, ≥ 3 lamps; QGIS gap points every 10 m, "
          f"farther than T/2 = {SPACING / 2:g} m from a lit lamp")  # fmt: skip
    for n in args.sizes:
        path = ensure_data(n)
        c = run_cddp(path, args.repeat)
        q = run_qgis(path, args.hub)
        on_ours = 0
        if len(q["_xy"]) and c["_gap_union"] is not None:
            on_ours = int(shapely.contains_xy(c["_gap_union"], q["_xy"][:, 0], q["_xy"][:, 1]).sum())
        print(f"\n{c['lamps']:,} lamps, {c['roads']:,} roads, {q['points']:,} QGIS points along roads")
        e2e = c["read"] + c["gaps_s"]
        print(f"  cddp read roads + lamps (pyogrio)        {c['read']:8.3f} s")
        print(f"  cddp lighting_gaps                       {c['gaps_s']:8.3f} s   (read + gaps {e2e:.3f} s)")
        print(f"  cddp outage_clusters                     {c['clusters_s']:8.3f} s")
        print(f"  QGIS gaps (extract + points + join)      {q['gaps_join']:8.3f} s   QGIS / cddp gaps = "
              f"{q['gaps_join'] / c['gaps_s']:.1f}×, / cddp read + gaps = {q['gaps_join'] / e2e:.1f}×")  # fmt: skip
        if "gaps_hub" in q:
            print(f"  QGIS gaps (extract + points + hub dist)  {q['gaps_hub']:8.3f} s   QGIS / cddp gaps = "
                  f"{q['gaps_hub'] / c['gaps_s']:.1f}×, / cddp read + gaps = {q['gaps_hub'] / e2e:.1f}×")  # fmt: skip
        print(f"  QGIS clusters (extract + DBSCAN)         {q['clusters']:8.3f} s   QGIS / cddp clusters = "
              f"{q['clusters'] / c['clusters_s']:.1f}×")  # fmt: skip
        print(f"  gaps: cddp {c['gaps']:,} stretches, {c['gap_km']:.2f} km; QGIS {q['gap_points']:,} gap points "
              f"(≈ {q['gap_points'] * 10 / 1000:.2f} km), {on_ours / max(q['gap_points'], 1):.1%} of them on a cddp gap"
              + (f"; hub variant {q['hub_gap_points']:,} points" if "hub_gap_points" in q else ""))  # fmt: skip
        print(f"  clusters: cddp {c['clusters']:,} ({c['in_clusters']:,} lamps, same circuit or road); "
              f"QGIS DBSCAN {q['dbscan_clusters']:,} ({q['dbscan_in_clusters']:,} lamps, distance only)", flush=True)  # fmt: skip
    return 0


if __name__ == "__main__":
    sys.exit(main())
