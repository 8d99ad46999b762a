#!/usr/bin/env python3
"""Council map sets (``cddp:councilmap``) on the real Pathum Wan workspace of the demo.

1. The road-plan set end to end, as a user runs it: ``scripts/cddp-process run cddp:councilmap`` (QGIS
   start-up, tables, layout, PDF, CSV/XLSX, project saved) with the demo's plan and the four khwaeng as
   zones. Median of ``--runs``.
2. A 20-page atlas, ours against QGIS's own: the same workspace with 20 zones (a 5 × 4 grid over the
   khwaeng's extent) and the road-plan map set. Ours: the zone pages built by toolbelt/council_layout.py
   (one static A4 page per zone, its table filtered by the zone key) and exported in one
   ``QgsLayoutExporter.exportToPdf``. QGIS's: the same page (built by the same code for the first zone)
   as an atlas over the 20 zones (map driven by the atlas feature), exported with
   ``QgsLayoutExporter.exportToPdf(atlas, …)`` into one PDF — in the same process and run. Median of
   ``--runs`` each, alternating; printed with the ratio.

Needs ``make demo`` (demo-output/pathumwan*.gpkg) and the shared data (subdistricts_180.geojson).
"""

from __future__ import annotations

import argparse
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
DEMO = ROOT / "demo-output"
SHARED = Path(os.environ.get("CDDP_SHARED_DATA", ROOT.parent / "shared" / "data"))


def workspace(folder: Path, grid: tuple[int, int] | None) -> Path:
    """A copy of the demo's Pathum Wan with its khwaeng as zones, or a grid of ``grid`` zones over them."""
    import geopandas as gpd
    import shapely

    from cddp_plugin.core.land import jobs
    from cddp_plugin.core.land import villages as zones

    for name in ("pathumwan.gpkg", "pathumwan.qgz", "pathumwan_plan.gpkg"):
        shutil.copy(DEMO / name, folder / name)
    khwaeng = gpd.read_file(SHARED / "pathumwan" / "subdistricts_180.geojson")
    khwaeng = khwaeng[khwaeng["Subdist"].astype(str).str.startswith("1007")].to_crs("EPSG:32647")
    if grid is None:
        frame, number, name, tambon = khwaeng, "TAM_CODE", "TAM_NAMT", "Subdist"
    else:
        x0, y0, x1, y1 = khwaeng.total_bounds
        nx, ny = grid
        dx, dy = (x1 - x0) / nx, (y1 - y0) / ny
        cells = [shapely.box(x0 + i * dx, y0 + j * dy, x0 + (i + 1) * dx, y0 + (j + 1) * dy)
                 for j in range(ny) for i in range(nx)]  # fmt: skip
        frame = gpd.GeoDataFrame(
            {"no": range(1, len(cells) + 1), "name": [f"เขตทดสอบ {k}" for k in range(1, len(cells) + 1)]},
            geometry=cells, crs="EPSG:32647",
        )  # fmt: skip
        number, name, tambon = "no", "name", None
    prepared, report = zones.prepare_villages(frame, "EPSG:32647", number_field=number, name_field=name,
                                              tambon_field=tambon)  # fmt: skip
    jobs.write_villages(str(folder / "pathumwan.gpkg"), prepared, report, "bench")
    return folder / "pathumwan.gpkg"


def end_to_end(runs: int) -> list[float]:
    times = []
    for _ in range(runs):
        with tempfile.TemporaryDirectory() as tmp:
            folder = Path(tmp)
            ws = workspace(folder, None)
            env = dict(os.environ, CDDP_QGIS_PROFILE=str(folder / "profile"))
            cmd = [str(ROOT / "scripts" / "cddp-process"), "run", "cddp:councilmap", "--", f"WORKSPACE={ws}",
                   "MAP_SET=road_plan", "YEAR=2570", f"PLAN={folder / 'pathumwan_plan.gpkg'}",
                   f"OUTPUT={folder / 'set.pdf'}"]  # fmt: skip
            started = time.perf_counter()
            res = subprocess.run(cmd, capture_output=True, text=True, env=env)
            times.append(time.perf_counter() - started)
            if res.returncode != 0:
                sys.exit(res.stdout[-2000:] + res.stderr[-2000:])
            pages = res.stdout.split("PAGES:")[1].split()[0]
    print(f"road-plan set, Pathum Wan, end to end (qgis_process): {pages} pages (4 zones), "
          f"median {statistics.median(times):.2f} s of {runs} ({', '.join(f'{t:.2f}' for t in times)})")  # fmt: skip
    return times


def atlas_comparison(runs: int) -> None:
    from qgis.core import QgsApplication, QgsLayoutExporter, QgsPrintLayout

    app = QgsApplication([], False)
    app.initQgis()
    from cddp_plugin.toolbelt import council_layout as cl
    from cddp_plugin.toolbelt import council_sets

    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        ws = workspace(folder, (5, 4))
        keep: dict = {}
        council_sets.make_council_map(str(ws), "road_plan", 2570, str(folder / "setup.pdf"),
                                      plan=str(folder / "pathumwan_plan.gpkg"), digits="thai", keep=keep)  # fmt: skip
        project, mapset = keep["project"], keep["mapset"]
        assert len(mapset.zones) == 20, len(mapset.zones)

        def ours() -> tuple[float, int]:
            started = time.perf_counter()
            layout = cl.build_layout(project, "bench ours", mapset, overview=False)
            pages = cl.export_pdf(layout, str(folder / "ours.pdf"))
            return time.perf_counter() - started, pages

        # QGIS's atlas: the first zone's page, its map driven by the atlas over the zones layer
        template = cl.build_layout(project, "bench atlas", cl.MapSet(**{**mapset.__dict__, "zones": mapset.zones[:1]}),
                                   overview=False)  # fmt: skip
        zones_layer = mapset.layers[0]
        atlas = template.atlas()
        atlas.setCoverageLayer(zones_layer)
        atlas.setEnabled(True)
        atlas.setFilenameExpression("'zone_' || @atlas_featureid")  # unique per-page names
        zone_map = next(i for i in template.items() if getattr(i, "id", lambda: "")().startswith("map_zone_"))
        zone_map.setAtlasDriven(True)
        zone_map.setAtlasScalingMode(zone_map.AtlasScalingMode.Auto)
        zone_map.setAtlasMargin(0.03)
        assert isinstance(template, QgsPrintLayout)

        def qgis() -> tuple[float, int]:
            settings = QgsLayoutExporter.PdfExportSettings()
            settings.dpi = 150.0
            settings.forceVectorOutput = True
            settings.exportMetadata = False
            settings.appendGeoreference = False
            settings.simplifyGeometries = True
            started = time.perf_counter()
            result, error = QgsLayoutExporter.exportToPdf(atlas, str(folder / "atlas.pdf"), settings)
            if result != QgsLayoutExporter.ExportResult.Success:
                sys.exit(f"atlas export failed: {error}")
            return time.perf_counter() - started, atlas.count()

        ours()  # warm both up (layers opened, fonts cached)
        qgis()
        t_ours, t_qgis = [], []
        for _ in range(runs):
            t, pages_ours = ours()
            t_ours.append(t)
            t, pages_qgis = qgis()
            t_qgis.append(t)
        mo, mq = statistics.median(t_ours), statistics.median(t_qgis)
        print(f"20-zone atlas, road-plan map set: ours (build + export) {pages_ours} pages median {mo:.2f} s; "
              f"QGIS atlas export {pages_qgis} pages median {mq:.2f} s; ours / QGIS = {mo / mq:.2f}× "
              f"(per page {1000 * mo / pages_ours:.0f} ms vs {1000 * mq / pages_qgis:.0f} ms; {runs} runs each)")  # fmt: skip
    app.exitQgis()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    if not (DEMO / "pathumwan.gpkg").exists():
        print("needs demo-output/ (make demo)")
        return 1
    print(f"{platform.node()} {os.cpu_count()} CPUs, Python {platform.python_version()}")
    end_to_end(args.runs)
    atlas_comparison(args.runs)
    return 0


if __name__ == "__main__":
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    sys.exit(main())
