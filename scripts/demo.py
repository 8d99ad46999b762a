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
import tempfile
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from cddp_plugin.core.workspace import schema  # noqa: E402
from cddp_plugin.core.workspace.create import inspect_workspace  # noqa: E402

# The demo municipalities and the shared data each one draws on (../shared/data/SOURCES.md).
MUNICIPALITIES = (
    # (file stem, DOPA code, name, CRS, data folder)
    ("prueyai", "330506", "อบต.ปรือใหญ่", "EPSG:32648", "prueyai"),
    ("pathumwan", "1007", "เขตปทุมวัน", "EPSG:32647", "pathumwan"),
    ("khonkaen", "4001", "เทศบาลนครขอนแก่น", "EPSG:32648", "khonkaen"),
)


# The demo's own qgis_process profile, with the plugin's language set to Thai: the demo municipalities'
# projects name their layers, groups and fields in Thai (a stock QGIS 3.40 has no Thai interface, so
# "follow QGIS" would give English). The tests' profile (.qgis-profile) is left alone.
DEMO_PROFILE = ROOT / ".qgis-profile-demo"


def demo_profile() -> Path:
    ini = DEMO_PROFILE / "profiles" / "default" / "QGIS" / "QGIS3.ini"
    ini.parent.mkdir(parents=True, exist_ok=True)
    text = ini.read_text(encoding="utf-8") if ini.exists() else ""
    if "[cddp]" not in text:
        ini.write_text(
            text + ("\n" if text and not text.endswith("\n") else "") + "[cddp]\nlanguage=th\n", encoding="utf-8"
        )
    return DEMO_PROFILE


def cddp_process(*args: str, env: dict | None = None) -> dict:
    """Run one algorithm through scripts/cddp-process; return its results (``KEY: value`` lines). ``env``:
    more environment variables (the sync's credentials, never on the command line)."""
    env = {**os.environ, "CDDP_QGIS_PROFILE": str(demo_profile()), **(env or {})}
    proc = subprocess.run([str(ROOT / "scripts" / "cddp-process"), *args], capture_output=True, text=True, env=env)
    if proc.returncode != 0:
        sys.stderr.write(proc.stdout[-4000:] + proc.stderr[-4000:])
        raise SystemExit(f"demo step failed: cddp-process {' '.join(args[:2])}")
    results, in_results, log = {}, False, []
    for line in proc.stdout.splitlines():
        if line.strip() == "Results":
            in_results = True
        elif in_results and ":\t" in line:
            key, value = line.split(":\t", 1)
            results[key.strip()] = value.strip()
        elif not in_results and line.strip() and not line.startswith(("-", "Inputs")) and ":\t" not in line:
            log.append(line.strip().lstrip("0123456789. "))
    results["_log"] = log
    return results


def step(title: str):
    print(f"\n== {title}")
    return time.perf_counter()


def report_workspace(gpkg: Path, elapsed: float) -> None:
    info = inspect_workspace(gpkg)
    con = sqlite3.connect(gpkg)
    triggers = con.execute("SELECT count(*) FROM sqlite_master WHERE type='trigger' AND name LIKE 'cddp_%'").fetchone()[
        0
    ]
    styles = con.execute("SELECT count(*) FROM layer_styles WHERE useAsDefault").fetchone()[0]
    domains = con.execute(
        "SELECT count(DISTINCT constraint_name) FROM gpkg_data_column_constraints WHERE constraint_name NOT LIKE '\\_%' ESCAPE '\\'"
    ).fetchone()[0]
    con.close()
    print(f"   {gpkg.name}: {len(info.layer_counts)} layers, schema {info.schema_version}, CRS {info.crs}, "
          f"{triggers} change-log triggers, {styles} default styles, {domains} Thai value lists, {elapsed:.1f} s")  # fmt: skip


def residential_buildings(buildings: Path, out: Path) -> tuple[int, int]:
    """Household points from Prue Yai's building footprints: one point inside each building that is a
    house (a house number, "บ้าน", or no use recorded); barns, shops, toilets… are left out."""
    import geopandas as gpd

    from cddp_plugin.core.land.houseno import parse_house_number

    b = gpd.read_file(buildings)
    label = b["hs_no"].fillna("").str.strip()
    has_number = label.map(lambda t: parse_house_number(t).number is not None)
    keep = has_number | label.isin(["", "บ้าน"])
    homes = b.loc[keep].copy()
    homes["geometry"] = homes.geometry.make_valid().representative_point()

    homes.to_file(out, driver="GeoJSON")
    return len(b), len(homes)


def prue_yai(shared: Path, out: Path) -> None:
    ws = out / "prueyai.gpkg"
    t0 = step("อบต.ปรือใหญ่ (330506): create the municipal workspace")
    cddp_process("run", "cddp:createworkspace", "--", f"OUTPUT={ws}", "MUNICIPALITY_CODE=330506",
                 "MUNICIPALITY_NAME=อบต.ปรือใหญ่", "CRS=EPSG:32648")  # fmt: skip
    report_workspace(ws, time.perf_counter() - t0)

    t0 = step(f"import the tax-map parcels  [{shared / 'prueyai' / 'parcel.geojson'}]")
    r = cddp_process(
        "run", "cddp:importparcels", "--", f"INPUT={shared / 'prueyai' / 'parcel.geojson'}", f"WORKSPACE={ws}"
    )
    print(f"   {r['READ']} read, {r['INSERTED']} added, {r['UPDATED']} updated, {r['REPAIRED']} invalid geometries repaired, "
          f"{r['REJECTED_COUNT']} rejected, {r['DUPLICATE_CODES']} duplicated parcel codes  ({time.perf_counter() - t0:.1f} s)")  # fmt: skip
    for line in r["_log"]:
        if line.startswith(("WARNING", "Repaired", "9 parcel", "Field mapping")) or "appear more than once" in line:
            print(f"   {line}")

    t0 = step(f"households: one point inside each residential building  [{shared / 'prueyai' / 'building.geojson'}]")
    points = out / "prueyai_households.geojson"
    total, homes = residential_buildings(shared / "prueyai" / "building.geojson", points)
    print(f"   {homes} of {total} buildings are homes (house number, บ้าน or no use recorded)")
    r = cddp_process("run", "cddp:importhouseholds", "--", f"INPUT={points}", f"WORKSPACE={ws}")
    print(f"   {r['READ']} read, {r['INSERTED']} added, {r['UPDATED']} updated, {r['REJECTED_COUNT']} rejected "
          f"({time.perf_counter() - t0:.1f} s)")  # fmt: skip

    t0 = step("link households to parcels (in the workspace, through the change log)")
    r = cddp_process("run", "cddp:linkhouseholds", "--", f"HOUSEHOLDS={ws}|layername=households",
                     f"PARCELS={ws}|layername=parcels", "MAX_DISTANCE=15", f"UNLINKED={out / 'prueyai_unlinked.gpkg'}")  # fmt: skip
    for line in r["_log"]:
        if line.startswith(("Linked", "by ", "Confidence", "Notes", "WARNING", "Workspace")):
            print(f"   {line}")
    print(f"   ({time.perf_counter() - t0:.1f} s; unlinked households in {out.name}/prueyai_unlinked.gpkg)")

    t0 = step("flood-impact DRILL (an exercise extent, not a real flood): 600 m around the tambon's densest village")
    drill = out / "prueyai_flood_drill.geojson"
    make_drill(ws, drill)
    r = cddp_process("run", "cddp:floodimpact", "--", f"HAZARD={drill}", f"WORKSPACE={ws}",
                     f"VILLAGES={out / 'prueyai_flood_villages.csv'}", f"HOUSEHOLDS={out / 'prueyai_flood_households.gpkg'}")  # fmt: skip
    print(f"   affected: {r['AFFECTED_PARCELS']} parcels, {r['AFFECTED_HOUSEHOLDS']} households; vulnerable residents: "
          f"elderly {r['ELDERLY']}, bedridden {r['BEDRIDDEN']}, disabled {r['DISABLED']} (no resident register in the "
          f"public data)  ({time.perf_counter() - t0:.1f} s)")  # fmt: skip

    t0 = step("council-map zones: TAX-MAP ZONES dissolved from the parcels (the village polygons are not public)")
    zones = out / "prueyai_taxmap_zones.geojson"
    n_zones, used, skipped = taxmap_zones(shared / "prueyai" / "parcel.geojson", zones)
    print(f"   {used} parcels → {n_zones} tax-map zones ({skipped} parcels without a zone left out) → {zones.name}")
    r = cddp_process("run", "cddp:importvillages", "--", f"INPUT={zones}", f"WORKSPACE={ws}", "NUMBER_FIELD=zone",
                     "NAME_FIELD=name_th", "NAME_EN_FIELD=name_en", "KIND=taxmap_zone")  # fmt: skip
    print(f"   {r['READ']} read, {r['INSERTED']} added, {r['UPDATED']} updated, {r['REPAIRED']} repaired, "
          f"{r['REJECTED_COUNT']} rejected  ({time.perf_counter() - t0:.1f} s)")  # fmt: skip


def taxmap_zones(parcels: Path, out: Path) -> tuple[int, int, int]:
    """Tax-map zones (โซน of แผนที่ภาษี) dissolved from the parcels: the zone is the first two digits of the
    parcel code (zone+block+lot; the zone field has typos such as 193, 14่, 2), else the zone field; the
    gaps of roads and lanes between a zone's parcels (under 10 m) are closed. (zones, parcels used, left out)"""
    import re

    import geopandas as gpd

    p = gpd.read_file(parcels).to_crs("EPSG:32648")

    def zone_of(code, zone):
        m = re.match(r"^(\d{2})\D", str(code or ""))
        if m:
            return m.group(1)
        z = str(zone or "").strip()
        return z if re.fullmatch(r"\d{2}", z) else None

    p["zone"] = [zone_of(c, z) for c, z in zip(p["parcel_code"], p["zone"], strict=True)]
    used = p[p["zone"].notna()].copy()
    used["geometry"] = used.geometry.make_valid()
    zones = used[["zone", "geometry"]].dissolve("zone").reset_index()
    zones["geometry"] = zones.geometry.buffer(5).buffer(-5)
    zones["name_th"] = "เขตแผนที่ภาษี " + zones["zone"]
    zones["name_en"] = "Tax-map zone " + zones["zone"]
    zones.to_crs("EPSG:4326").to_file(out, driver="GeoJSON")
    return len(zones), len(used), len(p) - len(used)


def make_drill(ws: Path, out: Path) -> None:
    """A 600 m disc around the household point with the most neighbours within 600 m (the village core)."""
    import geopandas as gpd
    import shapely

    hh = gpd.read_file(ws, layer="households")
    pts = hh.geometry[hh.geometry.notna()].values
    tree = shapely.STRtree(pts)
    counts = [len(tree.query(p, predicate="dwithin", distance=600)) for p in pts[:: max(1, len(pts) // 400)]]
    centre = pts[:: max(1, len(pts) // 400)][int(max(range(len(counts)), key=counts.__getitem__))]
    gpd.GeoDataFrame({"scenario": ["drill"]}, geometry=[centre.buffer(600)], crs=hh.crs).to_file(out, driver="GeoJSON")


def pathum_wan(shared: Path, out: Path) -> None:
    import geopandas as gpd

    ws = out / "pathumwan.gpkg"
    osm = shared / "pathumwan" / "pathumwan.osm.pbf"
    t0 = step("เขตปทุมวัน (1007): create the municipal workspace")
    cddp_process("run", "cddp:createworkspace", "--", f"OUTPUT={ws}", "MUNICIPALITY_CODE=1007",
                 "MUNICIPALITY_NAME=เขตปทุมวัน", "CRS=EPSG:32647")  # fmt: skip
    report_workspace(ws, time.perf_counter() - t0)

    t0 = step(f"import OpenStreetMap roads and streetlights  [{osm}]")
    r = cddp_process("run", "cddp:importroads", "--", f"INPUT={osm}", f"WORKSPACE={ws}")
    print(f"   roads: {r['READ']} read, {r['INSERTED']} added, {r['REJECTED_COUNT']} rejected")
    for line in r["_log"]:
        if line.startswith(("By class", "By surface")):
            print(f"   {line}")
    r = cddp_process("run", "cddp:importstreetlights", "--", f"INPUT={osm}", f"WORKSPACE={ws}")
    print(f"   streetlights: {r['READ']} read, {r['INSERTED']} added  ({time.perf_counter() - t0:.1f} s)")

    t0 = step("segment the roads into 100 m inspection sections (chainage, stable ids)")
    r = cddp_process("run", "cddp:segmentroads", "--", f"WORKSPACE={ws}", "LENGTH=100")
    print(f"   {r['SECTIONS']} sections  ({time.perf_counter() - t0:.1f} s)")

    t0 = step(
        "DEMO inspections (made up for the demo, not a survey): PASER on the main and residential roads, 2 PCI sample units"
    )
    n_paser, n_units = demo_inspections(ws)
    print(f"   entered {n_paser} PASER ratings and {n_units} PCI sample units with distresses (note: 'DEMO')")
    r = cddp_process("run", "cddp:roadcondition", "--", f"WORKSPACE={ws}")
    print(f"   rated: {r['RATED_PCI']} sections by PCI, {r['RATED_PASER']} by PASER, {r['UNRATED']} not inspected")
    for line in r["_log"]:
        if line.startswith("By band"):
            print(f"   {line}")

    t0 = step("streetlight status, outage clusters and lighting gaps (roads flagged lit)")
    r = cddp_process(
        "run", "cddp:streetlightstatus", "--", f"WORKSPACE={ws}", f"GAPS={out / 'pathumwan_lighting_gaps.gpkg'}"
    )
    print(f"   {r['LAMPS']} lamps, {float(r['PCT_OUT']):.1f} % out, {r['CLUSTER_COUNT']} outage clusters, "
          f"{float(r['GAP_KM']):.2f} km of lighting gaps (OpenStreetMap maps few of Pathum Wan's lamps)")  # fmt: skip

    t0 = step("condition summary: table and chart picture")
    r = cddp_process("run", "cddp:conditionsummary", "--", f"WORKSPACE={ws}", f"OUTPUT={out / 'pathumwan_condition.csv'}",
                     f"CHART={out / 'pathumwan_condition.png'}")  # fmt: skip
    print(
        f"   {float(r['ROAD_KM']):.1f} km of road sections, {r['LAMPS']} lamps → {out.name}/pathumwan_condition.csv, pathumwan_condition.png"
    )
    complaints_and_orders(shared, out, ws)

    t0 = step("council-map zones: the four khwaeng (แขวง) of Khet Pathum Wan (DOPA 100701–100704)")
    khwaeng = gpd.read_file(shared / "pathumwan" / "subdistricts_180.geojson")
    zones = out / "pathumwan_khwaeng.geojson"
    khwaeng[khwaeng["District"].astype(str) == "1007"].to_file(zones, driver="GeoJSON")
    r = cddp_process("run", "cddp:importvillages", "--", f"INPUT={zones}", f"WORKSPACE={ws}", "NUMBER_FIELD=TAM_CODE",
                     "NAME_FIELD=TAM_NAMT", "NAME_EN_FIELD=TAM_NAME", "TAMBON_FIELD=Subdist", "KIND=khwaeng")  # fmt: skip
    print(f"   {r['READ']} read, {r['INSERTED']} added, {r['UPDATED']} updated, {r['REJECTED_COUNT']} rejected "
          f"→ {zones.name}  ({time.perf_counter() - t0:.1f} s)")  # fmt: skip


def complaints_and_orders(shared: Path, out: Path, ws: Path) -> None:
    import csv

    import geopandas as gpd

    dump = shared / "pathumwan" / "teamchadchart.csv"
    t0 = step(
        f"import real Traffy Fondue complaints, keep those in Khet Pathum Wan, snap them to roads and lamps  [{dump}]"
    )
    khwaeng = gpd.read_file(shared / "pathumwan" / "subdistricts_180.geojson")
    area = out / "pathumwan_area.geojson"
    khwaeng[khwaeng["District"].astype(str) == "1007"].dissolve()[["geometry"]].to_file(area, driver="GeoJSON")
    rejected = out / "pathumwan_complaints_rejected.csv"
    r = cddp_process("run", "cddp:importcomplaints", "--", f"INPUT={dump}", f"WORKSPACE={ws}", f"AREA={area}",
                     "AREA_LABEL=เขตปทุมวัน", f"REJECTED={rejected}")  # fmt: skip
    with open(rejected, encoding="utf-8") as f:
        codes = Counter(row["code"] for row in csv.DictReader(f))
    print(f"   {r['ROWS']} rows: {r['INSERTED']} added, {r['UPDATED']} updated, {r['REJECTED_COUNT']} rejected "
          f"({', '.join(f'{k} {v}' for k, v in codes.items())}); {r['SNAPPED']} snapped to a road section or lamp")  # fmt: skip
    for line in r["_log"]:
        if line.startswith(("Snapped", "Contact details")):
            print(f"   {line}")

    t0 = step("generate work orders from complaints, road condition and streetlights (runs twice: nothing doubles)")
    r = cddp_process("run", "cddp:generateworkorders", "--", f"WORKSPACE={ws}")
    again = cddp_process("run", "cddp:generateworkorders", "--", f"WORKSPACE={ws}")
    for line in r["_log"]:
        if line.startswith(("Work orders created", "Complaints attached")):
            print(f"   {line}")
    print(f"   second run: {again['CREATED']} created  ({time.perf_counter() - t0:.1f} s)")

    t0 = step("DEMO dispatch: the oldest complaint's order triaged and assigned, headless (its complaint follows)")
    con = sqlite3.connect(ws)
    number = con.execute(
        "SELECT w.wo_number FROM work_orders w JOIN complaints c ON c.work_order_uuid = w.uuid "
        "WHERE w.status = 'new' AND c.status = 'waiting' ORDER BY c.reported_at, w.wo_number LIMIT 1"
    ).fetchone()[0]
    con.close()
    for status, extra in (("1", ["NOTE=DEMO: รับเรื่องแล้ว"]), ("2", ["TEAM=ทีมช่าง 1 (DEMO)"])):
        r = cddp_process("run", "cddp:changeworkorder", "--", f"WORKSPACE={ws}", f"ORDER={number}", f"STATUS={status}",
                         *extra)  # fmt: skip
        print(f"   {r['WO_NUMBER']} → {r['NEW_STATUS']}; complaints that followed: {r['COMPLAINTS_CHANGED']}")
    print(f"   ({time.perf_counter() - t0:.1f} s)")

    t0 = step("DEMO households: OSM residential buildings of Pathum Wan (the public data has no household registry)")
    homes = out / "pathumwan_homes.geojson"
    print(f"   {osm_homes(shared / 'pathumwan' / 'pathumwan.osm.pbf', homes)} residential buildings → household points")
    r = cddp_process("run", "cddp:importhouseholds", "--", f"INPUT={homes}", f"WORKSPACE={ws}")
    print(f"   {r['INSERTED']} households added, {r['REJECTED_COUNT']} rejected")

    t0 = step("maintenance plan: 20 million baht, sections weighted by the households they serve")
    r = cddp_process("run", "cddp:maintenanceplan", "--", f"WORKSPACE={ws}", "BUDGET=20000000",
                     f"OUTPUT={out / 'pathumwan_plan.gpkg'}", f"SUMMARY={out / 'pathumwan_plan.csv'}")  # fmt: skip
    print(f"   {r['SELECTED']} sections, {float(r['KM']):.2f} km, {float(r['BAHT']):,.0f} baht, "
          f"{r['HOUSEHOLDS']} households ({r['VULNERABLE']} vulnerable residents) served, gap to the optimum "
          f"{float(r['GAP_PCT']):.3f} % → {out.name}/pathumwan_plan.gpkg, pathumwan_plan.csv  "
          f"({time.perf_counter() - t0:.1f} s)")  # fmt: skip


def osm_homes(pbf: Path, out: Path) -> int:
    """Household points (with the OSM house number when tagged) from residential OSM buildings."""
    import pyogrio

    from cddp_plugin.core.roads.network import parse_other_tags

    b = pyogrio.read_dataframe(pbf, layer="multipolygons", columns=["building", "other_tags"])
    homes = b[b["building"].isin(["residential", "house", "terrace", "apartments", "detached"])].copy()
    homes["house_no"] = [parse_other_tags(t).get("addr:housenumber") for t in homes["other_tags"]]
    homes["geometry"] = homes.geometry.make_valid().representative_point()
    homes[["house_no", "geometry"]].to_file(out, driver="GeoJSON")
    return len(homes)


def demo_inspections(ws: Path) -> tuple[int, int]:
    """Made-up inspection records, entered as an inspector would through the forms (seeded, labelled DEMO)."""
    import random
    import uuid as uuid_module

    from cddp_plugin.core.workspace import gpkg

    rng = random.Random(2569)
    con = gpkg.connect(str(ws))
    try:
        sections = con.execute(
            "SELECT s.uuid, s.section_id FROM road_sections s JOIN roads r ON r.uuid = s.road_uuid "
            "WHERE r.road_class IN ('primary', 'secondary', 'tertiary', 'residential', 'unclassified') ORDER BY s.section_id"
        ).fetchall()
        with con:
            for uuid, _sid in sections:
                con.execute(
                    "INSERT INTO road_inspections (section_uuid, inspected_on, inspector, method, paser, note, updated_by) "
                    "VALUES (?, '2026-11-20', 'demo', 'paser', ?, 'DEMO', 'demo')",
                    (uuid, rng.choices(range(1, 11), weights=[1, 2, 3, 5, 7, 8, 8, 6, 3, 1])[0]),
                )
            units = []
            for k, (uuid, _sid) in enumerate(sections[:1]):
                for unit in ("SU1", "SU2"):
                    units.append(str(uuid_module.uuid4()))
                    con.execute(
                        "INSERT INTO road_inspections (uuid, section_uuid, inspected_on, inspector, method, sample_unit, sample_area_sqm, note, updated_by) "
                        "VALUES (?, ?, '2026-11-21', 'demo', 'pci', ?, 225, 'DEMO', 'demo')",
                        (units[-1], uuid, f"{unit}-{k}"),
                    )
            con.executemany(
                "INSERT INTO road_distresses (inspection_uuid, distress_type, severity, quantity, unit, updated_by) VALUES (?, ?, ?, ?, ?, 'demo')",
                [(units[0], 1, "M", 18.0, "m2"), (units[0], 13, "H", 2, "count"), (units[1], 10, "L", 22.0, "m"), (units[1], 11, "M", 6.0, "m2")],
            )  # fmt: skip
    finally:
        con.close()
    return len(sections), 2


def khon_kaen(shared: Path, out: Path) -> None:
    ws = out / "khonkaen.gpkg"
    poles = shared / "khonkaen" / "lightpole.geojson"
    t0 = step("เทศบาลนครขอนแก่น (4001): streetlight survey with Thai condition notes")
    cddp_process("run", "cddp:createworkspace", "--", f"OUTPUT={ws}", "MUNICIPALITY_CODE=4001",
                 "MUNICIPALITY_NAME=เทศบาลนครขอนแก่น", "CRS=EPSG:32648")  # fmt: skip
    r = cddp_process("run", "cddp:importstreetlights", "--", f"INPUT={poles}", f"WORKSPACE={ws}")
    print(f"   {r['READ']} poles read, {r['INSERTED']} added")
    for line in r["_log"]:
        if line.startswith("Status"):
            print(f"   {line}  (from the notes: สภาพดี → working, ชำรุด → damaged pole, ไม่แน่ใจ → unknown)")
    r = cddp_process("run", "cddp:streetlightstatus", "--", f"WORKSPACE={ws}")
    print(
        f"   {r['LAMPS']} lamps, {float(r['PCT_OUT']):.1f} % out, {r['CLUSTER_COUNT']} outage clusters  ({time.perf_counter() - t0:.1f} s)"
    )


ZOOM_SNIPPET = """
import sys
from qgis.core import QgsApplication
app = QgsApplication([], False)
app.initQgis()
from cddp_plugin.toolbelt.workspace_project import save_data_extent
for path in sys.argv[1:]:
    e = save_data_extent(path)
    print(f"{path}\t{e.width():.0f} x {e.height():.0f} m")
"""


def zoom_projects_to_data(out: Path) -> None:
    """The projects were built before the imports, on empty layers: re-save them to open on their data."""
    t0 = step("Projects open zoomed to their data (default view extent)")
    projects = [str(out / f"{stem}.qgz") for stem, *_ in MUNICIPALITIES]
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "PYTHONPATH": str(ROOT)}
    proc = subprocess.run([sys.executable, "-c", ZOOM_SNIPPET, *projects], capture_output=True, text=True, env=env)
    if proc.returncode != 0:
        sys.stderr.write(proc.stdout[-4000:] + proc.stderr[-4000:])
        raise SystemExit("demo step failed: saving the projects' view extent")
    for line in proc.stdout.splitlines():
        if "\t" in line:
            path, size = line.split("\t", 1)
            print(f"   {Path(path).name}: {size}")
    print(f"   ({time.perf_counter() - t0:.1f} s)")


def council_maps(out: Path) -> None:
    """A council map set for each municipality that has zones: Pathum Wan's road plan per khwaeng, Prue
    Yai's flood drill per tax-map zone (counts only, under 5 suppressed). Khon Kaen has no zones."""
    sets = [
        ("pathumwan", "road_plan", [f"PLAN={out / 'pathumwan_plan.gpkg'}|layername=pathumwan_plan"],
         "วาระที่ 3 เรื่องแผนซ่อมบำรุงถนน (ตัวอย่าง DEMO)"),
        ("prueyai", "flood", [f"HAZARD={out / 'prueyai_flood_drill.geojson'}"],
         "วาระที่ 4 เรื่องการซ้อมแผนรับมือน้ำท่วม (ตัวอย่าง DEMO)"),
    ]  # fmt: skip
    for stem, map_set, extra, agenda in sets:
        t0 = step(f"council map set '{map_set}' for {stem}: overview, table pages and one page per zone")
        pdf = out / f"{stem}_council_{map_set}.pdf"
        r = cddp_process("run", "cddp:councilmap", "--", f"WORKSPACE={out / f'{stem}.gpkg'}", f"MAP_SET={map_set}",
                         *extra, "DIGITS=thai", f"AGENDA={agenda}", f"OUTPUT={pdf}")  # fmt: skip
        tables = sorted(p.name for p in out.glob(f"{stem}_council_{map_set}*") if p.suffix in (".csv", ".xlsx"))
        print(f"   {r['PAGES']} pages → {pdf.name}; tables: {', '.join(tables)}; the layout is saved in {stem}.qgz"
              f"  ({time.perf_counter() - t0:.1f} s)")  # fmt: skip
    print("   khonkaen: no council map (no village or zone boundaries in the shared data)")


def reference_server(out: Path) -> None:
    """The reference CDDP API server (#13) on loopback with the embedded SQLite store: one admin per demo
    municipality and a second officer of Prue Yai (random passwords, kept in a file only the owner may read —
    never printed), a sign-in and /v1/meta checked over real HTTP; then the sync (#14, :func:`sync_demo`),
    then stopped."""
    import json
    import secrets
    import socket
    import urllib.request

    t0 = step("reference CDDP API server on 127.0.0.1 (SQLite store), demo users, /v1/meta")
    db = out / "cddp-server.sqlite"
    for extra in out.glob("cddp-server.sqlite*"):
        extra.unlink() if extra.is_file() else shutil.rmtree(extra)
    server = [str(ROOT / "scripts" / "cddp-server")]
    users, lines = [], []
    for stem, code, _name, crs, _src in MUNICIPALITIES:
        user, password = f"{stem}_admin", secrets.token_urlsafe(18)
        subprocess.run([*server, "user", "add", "--db", str(db), "--muni", code, "--user", user, "--role", "admin",
                        "--srid", crs.split(":")[1]], input=password + "\n", text=True, check=True,
                       capture_output=True)  # fmt: skip
        users.append((code, user, password))
        lines.append(f"{code}\t{user}\t{password}")
    officer = ("330506", "prueyai_gis2", secrets.token_urlsafe(18))  # the second client of Prue Yai (#14)
    subprocess.run([*server, "user", "add", "--db", str(db), "--muni", officer[0], "--user", officer[1], "--role",
                    "gis_editor", "--srid", "32648"], input=officer[2] + "\n", text=True, check=True,
                   capture_output=True)  # fmt: skip
    lines.append("\t".join(officer))
    secret_file = out / "cddp-server-users.txt"
    secret_file.touch(mode=0o600)
    secret_file.chmod(0o600)
    secret_file.write_text("# municipality\tuser\tpassword (demo only)\n" + "\n".join(lines) + "\n", encoding="utf-8")
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    server_log = tempfile.TemporaryFile("w+")  # not a pipe: a long sync would fill it and stall the server
    proc = subprocess.Popen([*server, "serve", "--db", str(db), "--host", "127.0.0.1", "--port", str(port)],
                            stdout=subprocess.DEVNULL, stderr=server_log, text=True)  # fmt: skip
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(100):
            try:
                with urllib.request.urlopen(f"{base}/v1/meta", timeout=2) as r:
                    meta = json.load(r)
                break
            except OSError:
                if proc.poll() is not None:
                    server_log.seek(0)
                    raise SystemExit(
                        "demo step failed: the reference server did not start:\n" + server_log.read()[-2000:]
                    ) from None
                time.sleep(0.1)
        else:
            raise SystemExit("demo step failed: the reference server did not answer /v1/meta")
        code, user, password = users[0]
        body = json.dumps({"username": user, "password": password}).encode()
        req = urllib.request.Request(f"{base}/v1/auth/token", data=body, headers={"Content-Type": "application/json"})
        with urllib.request.urlopen(req, timeout=5) as r:
            token = json.load(r)["access_token"]
        req = urllib.request.Request(f"{base}/v1/t/{code}/schema", headers={"Authorization": f"Bearer {token}"})
        with urllib.request.urlopen(req, timeout=5) as r:
            layers = json.load(r).get("layers", [])
        print(f"   {base}: {meta.get('server', 'cddp_server')} {meta.get('server_version', meta.get('version', ''))}, "
              f"schema {meta.get('schema_version')}; {len(users)} demo admins (passwords in {secret_file.name}, "
              f"owner-only); {user} signed in and read the schema of {code} ({len(layers)} layers)")  # fmt: skip
        print(f"   ({time.perf_counter() - t0:.1f} s)")
        sync_demo(out, base, users, officer)
    finally:
        proc.terminate()
        proc.wait(timeout=10)
        server_log.close()
    print(f"   server stopped  ({time.perf_counter() - t0:.1f} s in all)")


def _sync(ws: Path, base: str, user: str, password: str) -> tuple[dict, float]:
    """cddp:syncworkspace as a scheduled job runs it: the credentials in the environment, never as a parameter."""
    t = time.perf_counter()
    got = cddp_process("run", "cddp:syncworkspace", f"--WORKSPACE={ws}", f"--SERVER={base}",
                       env={"CDDP_SYNC_USER": user, "CDDP_SYNC_PASSWORD": password})  # fmt: skip
    return got, time.perf_counter() - t


def _said(got: dict, ws: Path, seconds: float) -> str:
    from cddp_plugin.core.sync import local

    merged = local.read_status(ws).last.get("merged", 0)
    done = "" if got["FINISHED"] == "true" else ", NOT finished (run again)"
    n = {key: f"{int(got[key]):,}" for key in ("PUSHED", "PULLED", "CONFLICTS", "REJECTED", "WAITING")}
    return (f"pushed {n['PUSHED']} ({merged} merged), pulled {n['PULLED']}, conflicts {n['CONFLICTS']}, "
            f"rejected {n['REJECTED']}, waiting {n['WAITING']}{done}  ({seconds:.1f} s)")  # fmt: skip


def _edit_parcel(ws: Path, uuid: str, **values) -> None:
    """An officer's saved edit as it lands from QGIS: a plain UPDATE; the change-log triggers record it."""
    from cddp_plugin.core.workspace import gpkg

    con = gpkg.connect(ws)
    try:
        with con:
            con.execute(f"UPDATE parcels SET {', '.join(f'{k} = ?' for k in values)} WHERE uuid = ?",
                        (*values.values(), uuid))  # fmt: skip
    finally:
        con.close()


def sync_demo(out: Path, base: str, users: list[tuple[str, str, str]], officer: tuple[str, str, str]) -> None:
    """#14: every demo workspace synced to the server with cddp:syncworkspace; a second officer's Prue Yai
    workspace made from the server with cddp:cloneworkspace; edits on both (one merges, one conflicts)."""
    from cddp_plugin.core.sync import local

    t0 = step("sync (#14): the demo workspaces to the server, a second officer's copy from it, a merge, a conflict")
    admin = {code: (user, password) for code, user, password in users}
    for stem, code, *_ in MUNICIPALITIES:
        got, seconds = _sync(out / f"{stem}.gpkg", base, *admin[code])
        print(f"   {stem + '.gpkg':21s} first sync: {_said(got, out / f'{stem}.gpkg', seconds)}")
    a, b = out / "prueyai.gpkg", out / "prueyai_officer2.gpkg"
    for leftover in (b, b.with_suffix(".qgz"), *out.glob("prueyai_officer2.gpkg-*"), out / "prueyai_officer2_photos"):
        shutil.rmtree(leftover) if leftover.is_dir() else leftover.unlink(missing_ok=True)
    t = time.perf_counter()
    got = cddp_process("run", "cddp:cloneworkspace", f"--SERVER={base}", f"--MUNICIPALITY={officer[0]}",
                       f"--OUTPUT={b}", env={"CDDP_SYNC_USER": officer[1], "CDDP_SYNC_PASSWORD": officer[2]})  # fmt: skip
    print(f"   {b.name}: made from the server by {officer[1]}: {int(got['FEATURES']):,} features, "
          f"styles and project {Path(got['PROJECT']).name}  ({time.perf_counter() - t:.1f} s)")  # fmt: skip

    con = sqlite3.connect(a)
    (one, code_one), (two, code_two) = con.execute(
        "SELECT uuid, parcel_code FROM parcels WHERE parcel_code IS NOT NULL ORDER BY fid LIMIT 2"
    ).fetchall()
    con.close()
    # the same field on both: a conflict; different fields of one parcel: merged
    _edit_parcel(a, one, note="ตรวจภาคสนาม: รั้วคอนกรีต")
    _edit_parcel(b, one, note="ตรวจภาคสนาม: รั้วลวดหนาม")
    _edit_parcel(a, two, zone="Z-A")
    _edit_parcel(b, two, note="แนวเขตตรงกับระวาง")
    print(f"   edits: parcel {code_one} note on both copies (different values); parcel {code_two} zone in "
          f"{a.name}, note in {b.name}")  # fmt: skip
    got, seconds = _sync(a, base, *admin[officer[0]])
    print(f"   {a.name:21s} sync: {_said(got, a, seconds)}")
    got, seconds = _sync(b, base, officer[1], officer[2])
    print(f"   {b.name:21s} sync: {_said(got, b, seconds)}")
    got, seconds = _sync(a, base, *admin[officer[0]])
    print(f"   {a.name:21s} sync: {_said(got, a, seconds)}")
    con_a, con_b = sqlite3.connect(a), sqlite3.connect(b)
    q = "SELECT zone, note FROM parcels WHERE uuid = ?"
    print(f"   merged: parcel {code_two} is zone/note {con_a.execute(q, (two,)).fetchone()} in {a.name} and "
          f"{con_b.execute(q, (two,)).fetchone()} in {b.name}")  # fmt: skip
    con_a.close(), con_b.close()
    for issue in local.read_issues(b, "conflict"):
        mine, theirs = issue.mine.get("values", issue.mine), issue.theirs.get("values", issue.theirs)
        for field in issue.fields:
            print(f"   conflict in {b.name}: {issue.layer} {issue.uuid} field {field}: mine "
                  f"{mine.get(field)!r}, the server's {theirs.get(field)!r} — kept both; resolve in the conflict dock")  # fmt: skip
    print(f"   ({time.perf_counter() - t0:.1f} s)")


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
        for extra in out.glob(f"{stem}_*"):
            extra.unlink()

    prue_yai(args.shared, out)
    pathum_wan(args.shared, out)
    khon_kaen(args.shared, out)
    zoom_projects_to_data(out)
    council_maps(out)
    reference_server(out)

    summary = [(stem, inspect_workspace(out / f"{stem}.gpkg")) for stem, *_ in MUNICIPALITIES]

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
