#!/usr/bin/env python3
"""Reading and writing vector files: the plugin's QGIS-GDAL path (core/common/ogrio.py) against pyogrio,
the library it replaced (#11: pyogrio carries a second GDAL and PROJ into the QGIS process).

Synthetic households (bench/synthetic.py sizes): points with a house number, a village number, a Thai
soi on half of them and a member count with nulls — the shape of a civil-registry import. Each figure
is the median of 3 runs in this process; both contenders read and write the same files.
"""

from __future__ import annotations

import statistics
import sys
import tempfile
import time
from functools import partial
from pathlib import Path

import geopandas as gpd
import numpy as np
import pyogrio
import shapely

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from cddp_plugin.core.common import ogrio


def households(n: int, seed: int = 1) -> gpd.GeoDataFrame:
    rng = np.random.default_rng(seed)
    return gpd.GeoDataFrame(
        {
            "house_no": [f"{i}/{i % 7}" for i in range(n)],
            "village_no": rng.integers(1, 12, n),
            "soi": np.where(rng.random(n) < 0.5, "ซอยสุขใจ", None),
            "members": np.where(rng.random(n) < 0.3, np.nan, rng.integers(1, 9, n)),
        },
        geometry=shapely.points(rng.uniform(0, 1e4, n), rng.uniform(0, 1e4, n)),
        crs="EPSG:32647",
    )


def median_time(fn, runs: int = 3) -> float:
    times = []
    for _ in range(runs):
        t = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t)
    return statistics.median(times)


def main() -> int:
    print(f"{'rows':>9} {'what':<22} {'cddp (ogrio)':>13} {'pyogrio':>9} {'ratio':>7}")
    with tempfile.TemporaryDirectory() as tmp:
        for n in (200_000, 1_000_000):
            gdf = households(n)
            src = Path(tmp) / f"h{n}.gpkg"
            pyogrio.write_dataframe(gdf, src, layer="households")
            a_fgb, b_fgb, a_gpkg, b_gpkg = (Path(tmp) / x for x in ("a.fgb", "b.fgb", "a.gpkg", "b.gpkg"))
            rows = [
                ("read GeoPackage", partial(ogrio.read_dataframe, src, fid_as_index=True),
                 partial(pyogrio.read_dataframe, src, fid_as_index=True)),
                ("write FlatGeobuf", partial(ogrio.write_dataframe, gdf, a_fgb, "FlatGeobuf"),
                 partial(pyogrio.write_dataframe, gdf, b_fgb)),
                ("write GeoPackage", partial(ogrio.write_dataframe, gdf, a_gpkg, "GPKG", layer="h"),
                 partial(pyogrio.write_dataframe, gdf, b_gpkg, layer="h")),
            ]  # fmt: skip
            for what, ours, peer in rows:
                a, b = median_time(ours), median_time(peer)
                print(f"{n:>9,} {what:<22} {a:>11.2f} s {b:>7.2f} s {a / b:>6.2f}×", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
