#!/usr/bin/env python3
"""The issue's proof count: a catalogue of bad-input, fault and routine cases run against the real plugin.

Every case runs one CDDP algorithm headless through ``scripts/cddp-process run cddp:<alg> -- PARAM=value…``
(qgis_process with the plugin, an isolated QGIS profile per worker) on a copy of a small workspace built
at the start, with the algorithms themselves, from the real data in ../shared/data:

* Prue Yai (330506, UTM 48N): a window of ``--parcels`` tax-map parcels (parcel.geojson), household
  points inside the buildings of that window (building.geojson, as ``make demo`` makes them), linked;
* Pathum Wan (1007, UTM 47N): OpenStreetMap roads and lamps (pathumwan.osm.pbf), 100 m sections with
  DEMO inspections, condition, the 1,000 real Traffy Fondue complaints (teamchadchart.csv, kept inside
  the khet) and work orders;
* Khon Kaen (4001): the surveyed light poles (lightpole.geojson).

Bad inputs are derived from the same real files (a column dropped, rows shuffled, the CRS removed,
Indian 1975, curved geometries, truncated, empty or HTML files, export variants of the Traffy dump…).

Each case declares what it expects (``ok``, ``error`` or ``either``), the words a clear refusal must
contain (the file, layer or parameter, and what to do), and a check of the result. A run is classed:

* ``ok``           exit 0 and the check of the result holds;
* ``clear error``  non-zero exit, the message has every expected word;
* ``vague``        non-zero exit, the message lacks the expected specifics;
* ``traceback``    "Traceback (most recent call last)" in the output;
* ``wrong result`` exit 0 but the check fails (or an error where the case expects success, or a
                   refused run that changed the workspace anyway);
* ``data lost``    the workspace lost rows or non-empty values the case did not ask to change
                   (compared row by row, by uuid, before and after).

    .venv/bin/python scripts/integrity_cases.py                       # all cases, 2 workers
    .venv/bin/python scripts/integrity_cases.py --only importcomplaints --workers 1
    .venv/bin/python scripts/integrity_cases.py --list
    .venv/bin/python scripts/integrity_cases.py --out bench/INTEGRITY.md

Writes the table per algorithm and the totals per outcome to ``--out`` (default bench/INTEGRITY.md),
with the date and the command; the cases that are not ok / clear error are listed with their command.
"""

# ruff: noqa: N806, E741  (short names for the parameter sets of the catalogue)
from __future__ import annotations

import argparse
import csv
import datetime as dt
import json
import os
import queue
import random
import re
import shutil
import sqlite3
import subprocess
import sys
import time
import warnings
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SHARED = Path(os.environ.get("CDDP_SHARED_DATA", ROOT.parent / "shared" / "data"))
CDDP_PROCESS = ROOT / "scripts" / "cddp-process"
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "scripts"))

OUTCOMES = ("ok", "clear error", "vague", "traceback", "wrong result", "data lost", "skipped")
ALGORITHMS = ("createworkspace", "importparcels", "importhouseholds", "linkhouseholds", "floodimpact", "importroads",
              "importstreetlights", "segmentroads", "roadcondition", "streetlightstatus", "conditionsummary",
              "importcomplaints", "generateworkorders", "changeworkorder", "maintenanceplan")  # fmt: skip
# What QGIS says for a value outside a parameter's range; a clear message also says what is allowed.
RANGE_WORDS = r"between|at least|at most|minimum|maximum|must be|greater|less than|positive|≥|<=|>="
# columns that change on every write by design: left out of the before/after comparison
VOLATILE = {"fid", "version", "updated_at", "updated_by", "created_at", "created_by"}
TRACEBACK = "Traceback (most recent call last)"


# --- running qgis_process ----------------------------------------------------------------------------


@dataclass
class Run:
    rc: int
    stdout: str
    stderr: str
    seconds: float
    command: list[str]

    @property
    def out(self) -> str:
        return self.stdout + "\n" + self.stderr

    @property
    def message(self) -> str:
        """What the user reads: the log and the error, without the echo of the parameters."""
        lines, echo = [], False
        for line in self.stdout.splitlines():
            if line.strip() == "Inputs":
                echo = True
                continue
            if echo and (re.match(r"^[A-Z_0-9]+:\t", line) or not line.strip() or line.startswith("---")):
                continue
            echo = False
            lines.append(line)
        return "\n".join(lines) + "\n" + self.stderr

    @property
    def results(self) -> dict[str, str]:
        res, inside = {}, False
        for line in self.stdout.splitlines():
            if line.strip() == "Results":
                inside = True
            elif inside and ":\t" in line:
                k, v = line.split(":\t", 1)
                res[k.strip()] = v.strip()
        return res

    def number(self, key: str) -> float:
        try:
            return float(self.results.get(key, "nan"))
        except ValueError:
            return float("nan")


class Runner:
    def __init__(self, work: Path, workers: int):
        self.profiles: queue.Queue[Path] = queue.Queue()
        for k in range(workers):
            p = work / f"profile{k}"
            p.mkdir(parents=True, exist_ok=True)
            self.profiles.put(p)

    def command(self, alg: str, params: dict) -> list[str]:
        return [str(CDDP_PROCESS), "run", f"cddp:{alg}", "--", *(f"{k}={v}" for k, v in params.items())]

    def run(self, alg: str, params: dict, prefix: list[str] | None = None, timeout: int = 600) -> Run:
        profile = self.profiles.get()
        try:
            env = dict(os.environ, CDDP_QGIS_PROFILE=str(profile), QT_QPA_PLATFORM="offscreen")
            cmd = (prefix or []) + self.command(alg, params)
            t0 = time.perf_counter()
            try:
                p = subprocess.run(cmd, capture_output=True, text=True, env=env, timeout=timeout)
                rc, so, se = p.returncode, p.stdout, p.stderr
            except subprocess.TimeoutExpired as exc:
                rc, so, se = -9, str(exc.stdout or ""), f"TIMEOUT after {timeout} s"
            return Run(rc, so, se, time.perf_counter() - t0, cmd)
        finally:
            self.profiles.put(profile)

    def must(self, alg: str, params: dict) -> Run:
        r = self.run(alg, params)
        if r.rc != 0:
            raise SystemExit(f"setup step cddp:{alg} failed:\n{r.stdout[-3000:]}\n{r.stderr[-3000:]}")
        return r


# --- workspace snapshots -----------------------------------------------------------------------------


def layer_tables() -> list[str]:
    from cddp_plugin.core.workspace import schema

    return [layer.name for layer in schema.LAYERS]


def snapshot(path: Path) -> dict:
    """table → {uuid: {column: value}}, plus the change-log and personal-data-log counts."""
    snap: dict = {"_tables": {}, "_changelog": 0, "_privacy": 0}
    if not Path(path).is_file():
        return snap
    con = sqlite3.connect(f"file:{path}?mode=ro", uri=True) if "#" not in str(path) else sqlite3.connect(path)
    try:
        names = {r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        for t in layer_tables():
            if t not in names:
                continue
            cols = [r[1] for r in con.execute(f'PRAGMA table_info("{t}")')]
            rows = {}
            for row in con.execute(f'SELECT * FROM "{t}"'):
                d = dict(zip(cols, row, strict=False))
                rows[d.get("uuid") or f"fid:{d.get('fid')}"] = {c: v for c, v in d.items() if c not in VOLATILE}
            snap["_tables"][t] = rows
        if "cddp_changelog" in names:
            snap["_changelog"] = con.execute("SELECT count(*) FROM cddp_changelog").fetchone()[0]
        if "cddp_personal_data_log" in names:
            snap["_privacy"] = con.execute("SELECT count(*) FROM cddp_personal_data_log").fetchone()[0]
    except sqlite3.DatabaseError:
        pass
    finally:
        con.close()
    return snap


def empty(v) -> bool:
    return v is None or (isinstance(v, str) and not v.strip())


def losses(before: dict, after: dict, may_delete: set, may_blank: dict) -> list[str]:
    """Rows deleted and non-empty values blanked that the case did not allow."""
    out = []
    for t, rows in before["_tables"].items():
        new = after["_tables"].get(t, {})
        if t not in may_delete:
            gone = [u for u in rows if u not in new]
            if gone:
                out.append(f"{t}: {len(gone)} of {len(rows)} rows deleted")
        allowed = may_blank.get(t, set())
        if "*" in allowed:
            continue
        blanked: dict[str, int] = {}
        for u, row in rows.items():
            if u not in new:
                continue
            for c, v in row.items():
                if c not in allowed and not empty(v) and empty(new[u].get(c)):
                    blanked[c] = blanked.get(c, 0) + 1
        if blanked:
            out.append(f"{t}: blanked " + ", ".join(f"{c} ×{n}" for c, n in sorted(blanked.items())))
    return out


def changed(before: dict, after: dict) -> list[str]:
    out = []
    if after["_changelog"] != before["_changelog"]:
        out.append(f"change log {before['_changelog']}→{after['_changelog']}")
    for t, rows in before["_tables"].items():
        new = after["_tables"].get(t, {})
        if len(new) != len(rows):
            out.append(f"{t} {len(rows)}→{len(new)} rows")
    return out


def query(path: Path, sql: str, args=()) -> list[tuple]:
    con = sqlite3.connect(path)
    try:
        return con.execute(sql, args).fetchall()
    finally:
        con.close()


def scalar(path: Path, sql: str, args=()):
    rows = query(path, sql, args)
    return rows[0][0] if rows else None


# --- the cases -----------------------------------------------------------------------------------------


@dataclass
class Ctx:
    """What a case's prepare and check see: its own folder, its workspace copy and the shared inputs."""

    dir: Path
    ws: Path | None
    inp: dict
    states: dict
    runner: Runner
    before: dict = field(default_factory=dict)
    after: dict = field(default_factory=dict)
    keep: list = field(default_factory=list)  # objects to close after the run (a held lock)
    case_base: str | None = None

    def p(self, text: str) -> str:
        """Placeholders in a parameter value: {WS} the case's workspace, {DIR} its folder, {name} an input."""
        values = {"WS": str(self.ws), "DIR": str(self.dir), **{k: str(v) for k, v in self.inp.items()}}
        return str(text).format(**values)


Check = Callable[[Ctx, Run], "str | None"]


@dataclass
class Case:
    id: str
    alg: str
    rule: str  # the rule (1–12) or "param" for bad parameter values
    base: str | None  # the starting workspace state, copied for the run
    params: dict
    expect: str = "ok"  # ok / error / either
    words: tuple[str, ...] = ()  # a clear refusal contains every one (regex, case-insensitive)
    check: Check | None = None
    prepare: Callable[[Ctx], None] | None = None  # before the "before" snapshot
    prepare_late: Callable[[Ctx], None] | None = None  # after it (a hot journal: opening would recover it)
    may_delete: frozenset = frozenset()
    may_blank: dict = field(default_factory=dict)
    ws_name: str = "ws.gpkg"
    ws_param: str | None = None  # where the workspace lives when it is not WORKSPACE (createworkspace)
    as_nobody: bool = False
    note: str = ""


@dataclass
class Outcome:
    case: Case
    outcome: str
    detail: str
    seconds: float
    command: str


def cmd_text(cmd: list[str]) -> str:
    import shlex

    return " ".join(shlex.quote(c) for c in cmd).replace(str(ROOT) + "/", "")


# checks ------------------------------------------------------------------------------------------------


def results_are(**want) -> Check:
    def check(ctx: Ctx, r: Run):
        bad = [f"{k}={r.results.get(k)} (want {v})" for k, v in want.items() if r.number(k) != v]
        return "; ".join(bad) or None

    return check


def results_at_least(**want) -> Check:
    def check(ctx: Ctx, r: Run):
        bad = [f"{k}={r.results.get(k)} (want ≥ {v})" for k, v in want.items() if not r.number(k) >= v]
        return "; ".join(bad) or None

    return check


def all_of(*checks: Check) -> Check:
    def check(ctx: Ctx, r: Run):
        for c in checks:
            msg = c(ctx, r)
            if msg:
                return msg
        return None

    return check


def unchanged_reimport(ctx: Ctx, r: Run):
    """A re-import of the same file: no row, value or change-log entry changes, and the counts say so."""
    problem = nothing_changed(ctx, r)
    if problem:
        return problem
    bad = [f"{k}={r.results.get(k)}" for k in ("INSERTED", "UPDATED") if r.number(k) not in (0, 0.0)]
    return (", ".join(bad) + " reported although no row and no change-log entry changed") if bad else None


def nothing_changed(ctx: Ctx, r: Run):
    diff = changed(ctx.before, ctx.after)
    values = []
    for t, rows in ctx.before["_tables"].items():
        new = ctx.after["_tables"].get(t, {})
        n = sum(1 for u, row in rows.items() if u in new and new[u] != row)
        if n:
            values.append(f"{t}: {n} rows changed")
    return "; ".join(diff + values) or None


def same_geometries(table: str) -> Check:
    def check(ctx: Ctx, r: Run):
        b, a = ctx.before["_tables"][table], ctx.after["_tables"][table]
        moved = [u for u in b if u in a and b[u].get("geom") != a[u].get("geom")]
        return f"{len(moved)} {table} got another shape" if moved else None

    return check


def file_exists(*names: str) -> Check:
    def check(ctx: Ctx, r: Run):
        missing = [n for n in names if not Path(ctx.p(n)).is_file()]
        return f"missing output {missing}" if missing else None

    return check


def only_files(*names: str) -> Check:
    def check(ctx: Ctx, r: Run):
        folder = Path(ctx.p(names[0])).parent
        have = sorted(p.name for p in folder.iterdir())
        want = sorted(Path(ctx.p(n)).name for n in names)
        return None if have == want else f"files in {folder.name}: {have}, want {want}"

    return check


def columns_without(path: str, *personal: str) -> Check:
    """A rejected/output file that must not carry personal columns."""

    def check(ctx: Ctx, r: Run):
        f = Path(ctx.p(path))
        if not f.is_file():
            return f"{f.name} not written"
        if f.suffix == ".csv":
            with open(f, encoding="utf-8-sig") as fh:
                header = next(csv.reader(fh), [])
        else:
            import pyogrio

            header = list(pyogrio.read_info(f)["fields"])
        bad = [c for c in header if c.lower() in personal]
        return f"{f.name} carries {bad}" if bad else None

    return check


def sql_is(sql: str, want, label: str = "") -> Check:
    def check(ctx: Ctx, r: Run):
        got = scalar(ctx.ws, sql)
        return None if got == want else f"{label or sql}: {got!r}, want {want!r}"

    return check


def no_dangling(ctx: Ctx, r: Run):
    out = []
    for sql, label in (
        ("SELECT count(*) FROM road_inspections WHERE section_uuid NOT IN (SELECT uuid FROM road_sections)",
         "inspections"),
        ("SELECT count(*) FROM complaints WHERE asset_layer = 'road_sections' AND asset_uuid NOT IN "
         "(SELECT uuid FROM road_sections)", "complaints"),
        ("SELECT count(*) FROM work_orders WHERE asset_layer = 'road_sections' AND asset_uuid NOT IN "
         "(SELECT uuid FROM road_sections)", "work orders"),
    ):  # fmt: skip
        n = scalar(ctx.ws, sql)
        if n:
            out.append(f"{n} {label} point at a deleted section")
    return "; ".join(out) or None


# inputs ------------------------------------------------------------------------------------------------


def write_bytes(path: Path, data: bytes) -> Path:
    path.write_bytes(data)
    return path


def no_prj(gdf, path: Path) -> Path:
    gdf.to_file(path)
    path.with_suffix(".prj").unlink(missing_ok=True)
    return path


def to_indian_1975(gdf, path: Path, layer: str) -> Path:
    """The layer in Indian 1975 / UTM 47N (EPSG:24047), shifted with the plugin's pinned datum shift."""
    from pyproj import CRS

    from cddp_plugin.core.common.crs import pinned_source_crs

    pinned = pinned_source_crs(CRS.from_epsg(24047))
    gdf.to_crs(pinned).set_crs(24047, allow_override=True).to_file(path, layer=layer, driver="GPKG")
    return path


def curved_layer(path: Path, epsg: int, kind: str, items: list[tuple[str, float, float, float]], field_name: str):
    """A GeoPackage of curved geometries (CURVEPOLYGON circles or CIRCULARSTRING arcs)."""
    from osgeo import ogr, osr

    ogr.UseExceptions()
    ds = ogr.GetDriverByName("GPKG").CreateDataSource(str(path))
    srs = osr.SpatialReference()
    srs.ImportFromEPSG(epsg)
    gtype = ogr.wkbCurvePolygon if kind == "polygon" else ogr.wkbCircularString
    lyr = ds.CreateLayer(path.stem, srs, gtype)
    lyr.CreateField(ogr.FieldDefn(field_name, ogr.OFTString))
    for code, x, y, r in items:
        if kind == "polygon":
            wkt = f"CURVEPOLYGON(CIRCULARSTRING({x - r} {y},{x + r} {y},{x - r} {y}))"
        else:
            wkt = f"CIRCULARSTRING({x - r} {y},{x} {y + r},{x + r} {y})"
        f = ogr.Feature(lyr.GetLayerDefn())
        f.SetField(field_name, code)
        f.SetGeometry(ogr.CreateGeometryFromWkt(wkt))
        lyr.CreateFeature(f)
    ds = None
    return path


def build_inputs(work: Path, n_parcels: int) -> dict:
    import demo
    import geopandas as gpd
    import kill_rerun
    import shapely

    from cddp_plugin.core.land.houseno import parse_house_number

    d = work / "inputs"
    d.mkdir(parents=True, exist_ok=True)
    inp: dict[str, Path] = {}
    rng = random.Random(2569)

    # Prue Yai: parcels window, buildings → household points
    pc, bld = kill_rerun.land_inputs(d, n_parcels)
    inp["parcels"], inp["buildings"] = pc, bld
    hh = d / "households.geojson"
    demo.residential_buildings(bld, hh)
    inp["households"] = hh
    parcels = gpd.read_file(pc)
    homes = gpd.read_file(hh)
    parcels[["parcel_code", "geometry"]].to_file(d / "parcels_code_only.geojson", driver="GeoJSON")
    inp["parcels_code_only"] = d / "parcels_code_only.geojson"
    order = list(range(len(parcels)))
    rng.shuffle(order)
    parcels.iloc[order].to_file(d / "parcels_shuffled.geojson", driver="GeoJSON")
    inp["parcels_shuffled"] = d / "parcels_shuffled.geojson"
    full = gpd.read_file(SHARED / "prueyai" / "parcel.geojson")
    dups = full[full["parcel_code"].duplicated(keep=False) & full["parcel_code"].notna()]  # the 18 real ones
    dups.to_file(d / "parcels_dups.geojson", driver="GeoJSON")
    dups.iloc[::-1].to_file(d / "parcels_dups_reversed.geojson", driver="GeoJSON")
    inp["parcels_dups"], inp["parcels_dups_reversed"] = d / "parcels_dups.geojson", d / "parcels_dups_reversed.geojson"
    inp["parcels_noprj"] = no_prj(parcels.to_crs(32648), d / "parcels_noprj.shp")
    inp["parcels_24047"] = to_indian_1975(parcels, d / "parcels_indian1975.gpkg", "parcels")
    parcels.to_crs(3857).to_file(d / "parcels_3857.gpkg", layer="parcels", driver="GPKG")
    inp["parcels_3857"] = d / "parcels_3857.gpkg"
    utm = parcels.to_crs(32648)
    cent = utm.geometry.make_valid().representative_point()
    inp["parcels_curved"] = curved_layer(
        d / "parcels_curved.gpkg", 32648, "polygon",
        [(f"ZC{k:03d}", p.x, p.y, 6.0) for k, p in enumerate(cent.iloc[:15])], "parcel_code",
    )  # fmt: skip
    personal = parcels.iloc[:20].copy()
    personal["owner_name"] = "นาย ทดสอบ ระบบ"
    personal["phone"] = "081-234-5678"
    personal["national_id"] = "1101700230705"
    personal.loc[personal.index[:3], "geometry"] = None
    personal.to_file(d / "parcels_personal.geojson", driver="GeoJSON")
    inp["parcels_personal"] = d / "parcels_personal.geojson"
    raw = pc.read_bytes()
    inp["parcels_truncated"] = write_bytes(d / "parcels_truncated.geojson", raw[: len(raw) // 2])
    inp["empty_geojson"] = write_bytes(d / "empty.geojson", b"")
    page = (
        "<!DOCTYPE html><html lang='th'><head><title>Traffy Fondue</title></head><body><h1>ร้องเรียน</h1>"
        "<table><tr><td>2023-FCX4QQ</td><td>12/5/2566</td><td>ถนน</td></tr></table></body></html>"
    ).encode()
    inp["page_geojson"] = write_bytes(d / "page.geojson", page)
    inp["page_html"] = write_bytes(d / "traffy_page.html", page)
    inp["page_csv"] = write_bytes(d / "page.csv", page)

    # households: a registry with codes (real points, house numbers of the buildings), then variants
    pts = homes.geometry
    reg = []
    for k, (label, p) in enumerate(zip(homes.get("hs_no", [""] * len(homes)), pts, strict=False)):
        if p is None or p.is_empty:
            continue
        parsed = parse_house_number((label or "").strip())  # the building's own number and หมู่, nothing invented
        reg.append({"house_code": f"3399{k:07d}", "house_no": parsed.number or "",
                    "village_no": parsed.village_no or "", "soi": f"ซอย {1 + k % 4}", "road": "ถนนปรือใหญ่", "members": 1 + k % 6,
                    "lat": round(p.y, 7), "lon": round(p.x, 7)})  # fmt: skip
    cols = list(reg[0])

    def write_csv(path: Path, rows: list[dict], header: list[str] | None = None, bom=False) -> Path:
        with open(path, "w", encoding="utf-8-sig" if bom else "utf-8", newline="") as f:
            w = csv.DictWriter(f, fieldnames=header or list(rows[0]), extrasaction="ignore")
            w.writeheader()
            w.writerows(rows)
        return path

    inp["registry"] = write_csv(d / "registry.csv", reg, cols)
    inp["gps_only"] = write_csv(d / "gps_only.csv", [{**r, "lat": r["lat"] + 0.00001} for r in reg[:60]],
                                ["house_code", "lat", "lon"])  # fmt: skip
    from pyproj import Transformer

    tr = Transformer.from_crs(4326, 32648, always_xy=True)
    utm_rows = [{"house_code": r["house_code"], "house_no": r["house_no"], "x": round(tr.transform(r["lon"], r["lat"])[0], 2),
                 "y": round(tr.transform(r["lon"], r["lat"])[1], 2)} for r in reg[:40]]  # fmt: skip
    inp["hh_utm"] = write_csv(d / "households_utm.csv", utm_rows)
    pers = [{**r, "full_name": "นางสาว ทดสอบ", "phone": "0812345678", "national_id": "1101700230705"} for r in reg[:30]]
    for r in pers[:4]:
        r["lat"], r["lon"] = "ไม่ทราบ", ""
    inp["hh_personal"] = write_csv(d / "households_personal.csv", pers)
    raw = inp["registry"].read_bytes()
    inp["hh_truncated"] = write_bytes(d / "households_truncated.csv", raw[: int(len(raw) * 0.6)])
    inp["empty_csv"] = write_bytes(d / "empty.csv", b"")
    inp["fake_xlsx"] = write_bytes(d / "households.xlsx", b"house_code,lat,lon\n1,2,3\n")

    # hazards around the densest point of the window
    hm = homes.to_crs(32648).geometry
    hm = hm[hm.notna() & ~hm.is_empty]
    x, y = float(hm.x.median()), float(hm.y.median())
    disc = gpd.GeoDataFrame({"scenario": ["drill"]}, geometry=[shapely.Point(x, y).buffer(300, 64)], crs=32648)
    disc.to_crs(4326).to_file(d / "hazard.geojson", driver="GeoJSON")
    inp["hazard"] = d / "hazard.geojson"
    inp["hazard_noprj"] = no_prj(disc, d / "hazard_noprj.shp")
    fc = json.loads(disc.to_json())  # UTM metres written without a "crs" member: read as lon/lat
    inp["hazard_utm_nocrs"] = write_bytes(d / "hazard_utm_nocrs.geojson", json.dumps(fc).encode())
    inp["hazard_24047"] = to_indian_1975(disc, d / "hazard_indian1975.gpkg", "hazard")
    inp["hazard_curved"] = curved_layer(
        d / "hazard_curved.gpkg", 32648, "polygon", [("drill", x, y, 300.0)], "scenario"
    )
    inp["hazard_none"] = write_bytes(d / "hazard_none.geojson",
                                     b'{"type":"FeatureCollection","features":[]}')  # fmt: skip

    # Pathum Wan: area, roads and lamps variants, complaint exports
    inp["osm"] = SHARED / "pathumwan" / "pathumwan.osm.pbf"
    inp["area"] = kill_rerun.area_file(d)
    area = gpd.read_file(inp["area"])
    inp["area_noprj"] = no_prj(area.to_crs(32647), d / "area_noprj.shp")
    inp["area_24047"] = to_indian_1975(area, d / "area_indian1975.gpkg", "area")
    raw = inp["osm"].read_bytes()
    inp["osm_truncated"] = write_bytes(d / "pathumwan_truncated.osm.pbf", raw[: len(raw) * 2 // 5])
    inp["lightpole"] = SHARED / "khonkaen" / "lightpole.geojson"
    lp = gpd.read_file(inp["lightpole"])
    inp["lightpole_noprj"] = no_prj(lp.to_crs(32648), d / "lightpole_noprj.shp")
    mid = area.to_crs(32647).geometry.iloc[0].representative_point()
    inp["roads_curved"] = curved_layer(
        d / "roads_curved.gpkg", 32647, "line",
        [(f"ARC{k}", mid.x + 60 * k, mid.y, 25.0) for k in range(5)], "name_th",
    )  # fmt: skip
    complaint_inputs(d, inp, write_csv)
    inp["open311_json"] = ROOT / "tests" / "data" / "open311_requests.json"
    inp["open311_xml"] = open311_xml(inp["open311_json"], d / "requests.xml")
    inp["traffy_geojson"] = ROOT / "tests" / "data" / "traffy_geojson_v1.geojson"
    inp["traffy_api"] = ROOT / "tests" / "data" / "traffy_api_search.json"
    inp["garbage_json"] = write_bytes(d / "garbage.json", b'{"not": "complaints", "rows": [1, 2, 3]}')
    # plain GeoPackage that is no workspace, and a workspace path that does not exist
    parcels.iloc[:5].to_file(d / "plain.gpkg", layer="parcels", driver="GPKG")
    inp["plain_gpkg"] = d / "plain.gpkg"
    inp["missing_gpkg"] = d / "nowhere" / "ws.gpkg"
    return inp


def complaint_inputs(d: Path, inp: dict, write_csv) -> None:
    with open(SHARED / "pathumwan" / "teamchadchart.csv", encoding="utf-8-sig", newline="") as f:
        reader = csv.DictReader(f)
        header, rows = list(reader.fieldnames or []), list(reader)
    inp["dump"] = SHARED / "pathumwan" / "teamchadchart.csv"
    pw = rows  # every row: AREA keeps the same complaints as from the original dump
    in_pw = [k for k, r in enumerate(rows) if "ปทุมวัน" in r["district"]]
    base = [h for h in header if h != "coords"]

    def lonlat(r):
        lon, lat = r["coords"].split(",")
        return lon.strip(), lat.strip()

    inp["c_latlon"] = write_csv(d / "dump_latlon.csv", [{**r, "latitude": lonlat(r)[1], "longitude": lonlat(r)[0]} for r in pw],
                                [*base, "latitude", "longitude"], bom=True)  # fmt: skip
    inp["c_swapped"] = write_csv(d / "dump_swapped.csv", [{**r, "Latitute": lonlat(r)[0], "longtitude": lonlat(r)[1]} for r in pw],
                                 [*base, "Latitute", "longtitude"], bom=True)  # fmt: skip

    def stamp(r, day_first: bool):
        # slash dates carry no offset: written in Bangkok time, as the plugin reads them (tests/integrity rule 12)
        t = dt.datetime.fromisoformat(r["timestamp"].replace("+00", "+00:00")).astimezone(
            dt.timezone(dt.timedelta(hours=7))
        )
        a, b = (t.day, t.month) if day_first else (t.month, t.day)
        return f"{a}/{b}/{t.year} {t.hour}:{t.minute:02d}"

    # M/D/Y: 11-12 May give 5/11 and 5/12 (ambiguous alone); one row of 13 May decides the file
    mdy = [{**r, "timestamp": stamp(r, False), "last_activity": stamp(r, False)} for r in pw]
    dmy = [{**r, "timestamp": stamp(r, True), "last_activity": stamp(r, True)} for r in pw]
    inp["c_mdy"] = write_csv(d / "dump_mdy.csv", mdy, header, bom=True)
    inp["c_dmy"] = write_csv(d / "dump_dmy.csv", dmy, header, bom=True)
    english = {"รอรับเรื่อง": "start", "กำลังดำเนินการ": "inprogress", "เสร็จสิ้น": "finish"}
    inp["c_english"] = write_csv(d / "dump_english_states.csv", [{**r, "state": english.get(r["state"], r["state"])} for r in pw],
                                 header, bom=True)  # fmt: skip
    steps = ["ส่งต่อ(ใหม่)", "ศึกษาปัญหา", "ขั้นตอนทางกฎหมาย", "ของบประมาณ", "จัดซื้อจัดจ้าง"]
    inp["c_multistep"] = write_csv(d / "dump_multistep.csv", [{**r, "state": steps[k % 5]} for k, r in enumerate(pw)],
                                   header, bom=True)  # fmt: skip
    bad = [dict(r) for r in pw]
    for n, k in enumerate(in_pw[:5]):  # five complaints of Pathum Wan lose their coordinates
        bad[k]["coords"] = "0,0" if n < 3 else ""
    inp["c_zero"] = write_csv(d / "dump_zero.csv", bad, header, bom=True)
    pers = [{**r, "reporter_name": "นาย ผู้แจ้ง", "phone": "0812345678", "national_id": "1101700230705"} for r in bad]
    inp["c_personal"] = write_csv(d / "dump_personal.csv", pers, [*header, "reporter_name", "phone", "national_id"],
                                  bom=True)  # fmt: skip
    scraped = [{"ticket_id": r["ticket_id"], "type": r["type"], "comment": r["comment"], "address": r["address"],
                "timestamp": "12/5/2566 10:00", "state": r["state"]} for r in pw]  # fmt: skip
    inp["c_scraped"] = write_csv(d / "scraped.csv", scraped, bom=True)
    feats, ids = [], []
    for r in [*pw, *pw[:3]]:  # API pages repeat ids
        lon, lat = lonlat(r)
        feats.append({"type": "Feature", "geometry": {"type": "Point", "coordinates": [lon, lat]},
                      "properties": {"ticket_id": r["ticket_id"], "type": r["type"], "description": r["comment"],
                                     "address": r["address"], "timestamp": r["timestamp"], "state": r["state"]}})  # fmt: skip
        ids.append(r["ticket_id"])
    inp["c_api_geojson"] = write_bytes(d / "api_page.geojson",
                                       json.dumps({"type": "FeatureCollection", "features": feats}, ensure_ascii=False).encode())  # fmt: skip
    raw = inp["dump"].read_bytes()
    cut = raw[: len(raw) * 3 // 5]
    inp["c_truncated"] = write_bytes(d / "dump_truncated.csv", cut[: cut.rfind(b",") + 1])  # mid-row


def open311_xml(src: Path, out: Path) -> Path:
    from xml.sax.saxutils import escape

    reqs = json.loads(src.read_text(encoding="utf-8"))
    parts = ['<?xml version="1.0" encoding="utf-8"?>', "<service_requests>"]
    for r in reqs:
        parts.append("<request>")
        for k, v in r.items():
            parts.append(f"<{k}>{escape('' if v is None else str(v))}</{k}>")
        parts.append("</request>")
    parts.append("</service_requests>")
    out.write_text("\n".join(parts), encoding="utf-8")
    return out


# states ------------------------------------------------------------------------------------------------


def build_states(runner: Runner, work: Path, inp: dict) -> dict[str, Path]:
    import kill_rerun

    d = work / "states"
    d.mkdir(parents=True, exist_ok=True)
    states: dict[str, Path] = {}

    def keep(ws: Path, name: str) -> None:
        dst = d / f"{name}.gpkg"
        shutil.copy(ws, dst)
        states[name] = dst

    t0 = time.perf_counter()
    ws = work / "build_py.gpkg"
    runner.must("createworkspace", {"OUTPUT": ws, "MUNICIPALITY_CODE": "330506", "CRS": "EPSG:32648"})
    keep(ws, "prueyai_empty")
    runner.must("importparcels", {"INPUT": inp["parcels"], "WORKSPACE": ws})
    keep(ws, "prueyai_parcels")
    runner.must("importhouseholds", {"INPUT": inp["households"], "WORKSPACE": ws})
    runner.must("linkhouseholds", {"HOUSEHOLDS": f"{ws}|layername=households", "PARCELS": f"{ws}|layername=parcels",
                                   "MAX_DISTANCE": 15})  # fmt: skip
    keep(ws, "prueyai")
    print(f"  Prue Yai built ({time.perf_counter() - t0:.0f} s)", flush=True)

    t0 = time.perf_counter()
    ws = work / "build_pw.gpkg"
    runner.must("createworkspace", {"OUTPUT": ws, "MUNICIPALITY_CODE": "1007", "CRS": "EPSG:32647"})
    keep(ws, "pathumwan_empty")
    runner.must("importroads", {"INPUT": inp["osm"], "WORKSPACE": ws})
    keep(ws, "pathumwan_roads")
    runner.must("segmentroads", {"WORKSPACE": ws, "LENGTH": 100})
    kill_rerun.add_inspections(ws)
    runner.must("roadcondition", {"WORKSPACE": ws})
    runner.must("importstreetlights", {"INPUT": inp["osm"], "WORKSPACE": ws})
    runner.must("streetlightstatus", {"WORKSPACE": ws})
    runner.must("importcomplaints", {"INPUT": inp["dump"], "WORKSPACE": ws, "AREA": inp["area"],
                                     "AREA_LABEL": "เขตปทุมวัน"})  # fmt: skip
    keep(ws, "pathumwan_complaints")
    runner.must("generateworkorders", {"WORKSPACE": ws})
    keep(ws, "pathumwan")
    print(f"  Pathum Wan built ({time.perf_counter() - t0:.0f} s)", flush=True)

    ws = work / "build_kk.gpkg"
    runner.must("createworkspace", {"OUTPUT": ws, "MUNICIPALITY_CODE": "4001", "CRS": "EPSG:32648"})
    keep(ws, "khonkaen_empty")
    runner.must("importstreetlights", {"INPUT": inp["lightpole"], "WORKSPACE": ws})
    keep(ws, "khonkaen")
    # a lamps file of refs only, read back from the workspace (re-import must not blank the rest)
    import geopandas as gpd

    lamps = gpd.read_file(ws, layer="streetlights")
    lamps[["ref", "geometry"]].to_crs(4326).to_file(work / "inputs" / "lamps_ref_only.geojson", driver="GeoJSON")
    inp["lamps_ref_only"] = work / "inputs" / "lamps_ref_only.geojson"
    roads = gpd.read_file(states["pathumwan_roads"], layer="roads")
    roads[["osm_id", "road_class", "geometry"]].to_crs(4326).to_file(work / "inputs" / "roads_min.geojson",
                                                                     driver="GeoJSON")  # fmt: skip
    inp["roads_min"] = work / "inputs" / "roads_min.geojson"
    inp["roads_noprj"] = no_prj(roads[["osm_id", "road_class", "geometry"]], work / "inputs" / "roads_noprj.shp")
    return states


# workspace faults --------------------------------------------------------------------------------------


def set_schema_version(version: str):
    def prep(ctx: Ctx) -> None:
        con = sqlite3.connect(ctx.ws)
        with con:
            con.execute("UPDATE cddp_meta SET value = ? WHERE key = 'schema_version'", (version,))
        con.close()

    return prep


def hold_lock(ctx: Ctx) -> None:
    """Another program holds the write lock for the whole run (sqlite3 BEGIN IMMEDIATE)."""
    con = sqlite3.connect(ctx.ws, check_same_thread=False, isolation_level=None)
    con.execute("BEGIN IMMEDIATE")
    ctx.keep.append(con)


def hot_journal(table: str, column: str):
    """A writer SIGKILLed in the middle of a big update leaves a hot journal beside the workspace."""

    def prep(ctx: Ctx) -> None:
        script = (
            "import os, sys\n"
            "sys.path.insert(0, sys.argv[2])\n"
            "from cddp_plugin.core.workspace import gpkg\n"
            "con = gpkg.connect(sys.argv[1]); con.execute('PRAGMA cache_size = 5')\n"
            f"con.execute('BEGIN'); con.execute(\"UPDATE {table} SET {column} = 'X' || coalesce({column}, '')\")\n"
            "os.kill(os.getpid(), 9)\n"
        )
        res = subprocess.run(
            [sys.executable, "-c", script, str(ctx.ws), str(ROOT)], check=False, capture_output=True, text=True
        )
        j = Path(f"{ctx.ws}-journal")
        if not (j.exists() and j.stat().st_size > 0):
            raise RuntimeError(f"no hot journal was left: {res.stderr[-200:]}")

    return prep


def rolled_back(table: str, column: str) -> Check:
    """After a hot journal: the file is sound and the crashed writer's half update is gone."""

    def check(ctx: Ctx, r: Run):
        if scalar(ctx.ws, "PRAGMA integrity_check") != "ok":
            return "integrity_check failed"
        n = scalar(ctx.ws, f"SELECT count(*) FROM {table} WHERE {column} LIKE 'X%'")
        return f"{n} rows of the crashed half update remain" if n else None

    return check


def read_only_for_nobody(ctx: Ctx) -> None:
    for p in (ctx.dir, *ctx.dir.iterdir()):
        os.chmod(p, 0o755 if p.is_dir() else 0o444)
    os.chmod(ctx.ws, 0o444)


def sql_prep(*statements: str):
    """An officer's edit, through the plugin's own connection (its SQL functions; the change log records it)."""

    def prep(ctx: Ctx) -> None:
        from cddp_plugin.core.workspace import gpkg

        con = gpkg.connect(str(ctx.ws))
        with con:
            for s in statements:
                con.execute(s)
        con.close()

    return prep


def run_first(alg: str, params: dict):
    """A run of another algorithm first (part of the starting state)."""

    def prep(ctx: Ctx) -> None:
        r = ctx.runner.run(alg, {k: ctx.p(v) for k, v in params.items()})
        if r.rc != 0:
            raise RuntimeError(f"preparing run cddp:{alg} failed: {r.message[-300:]}")

    return prep


def chain(*preps):
    def prep(ctx: Ctx) -> None:
        for p in preps:
            p(ctx)

    return prep


# the catalogue -----------------------------------------------------------------------------------------

WS = "{WS}"
MISSING = "{DIR}/no such folder/out.gpkg"


def common_workspace_faults(
    alg: str, base: str, params: dict, journal=("households", "house_no"), busy: str = "error"
) -> list[Case]:
    """Busy, newer/older schema, hot journal, not a workspace, missing: the same for every writer."""
    return [
        Case(f"{alg}-busy", alg, "7", base, params, busy, (r"busy", r"wait|again|close"), prepare=hold_lock, check=nothing_changed,
             note="another program holds the write lock (BEGIN IMMEDIATE) for the whole run"),
        Case(f"{alg}-schema-newer", alg, "7", base, params, "error", (r"version 7", r"version 1", r"update"),
             prepare=set_schema_version("7")),
        Case(f"{alg}-schema-older", alg, "7", base, params, "error", (r"version 0", r"version 1"),
             prepare=set_schema_version("0")),
        Case(f"{alg}-hot-journal", alg, "7", base, params, "ok", prepare_late=hot_journal(*journal),
             check=rolled_back(*journal),
             note="a crashed writer's hot journal: recovered, not called 'not a CDDP workspace'"),
        Case(f"{alg}-not-a-workspace", alg, "7", None, {**params, "WORKSPACE": "{plain_gpkg}"}, "error",
             (r"plain\.gpkg", r"not a CDDP workspace|createworkspace|create")),
    ]  # fmt: skip


def catalogue() -> list[Case]:
    C: list[Case] = []
    add = C.append

    # --- createworkspace ---------------------------------------------------------------------------
    cw = "createworkspace"
    for i, name in enumerate(("อบต #ปรือใหญ่.gpkg", "c?d.gpkg", "เทศบาล ปรือใหญ่ 100%.gpkg")):
        out = f"{{DIR}}/ws {i}/{name}"
        add(Case(f"{cw}-path-{i}", cw, "7", None, {"OUTPUT": out, "MUNICIPALITY_CODE": "330506", "CRS": "EPSG:32648"},
                 check=only_files(out, out[:-5] + ".qgz"),
                 prepare=lambda c, i=i: (c.dir / f"ws {i}").mkdir(), note="#, ?, spaces, Thai, % in the path"))  # fmt: skip
    add(Case(f"{cw}-amphoe-4digit", cw, "param", None, {"OUTPUT": "{DIR}/pw.gpkg", "MUNICIPALITY_CODE": "1007",
             "CRS": "EPSG:32647"}, check=file_exists("{DIR}/pw.gpkg")))  # fmt: skip
    add(Case(f"{cw}-epsg3857", cw, "8", None, {"OUTPUT": "{DIR}/w.gpkg", "MUNICIPALITY_CODE": "330506",
             "CRS": "EPSG:3857"}, "error", (r"EPSG:3857|Pseudo", r"UTM 47N|EPSG:32647", r"EPSG:32648"),
             check=None))  # fmt: skip
    add(Case(f"{cw}-epsg4326", cw, "8", None, {"OUTPUT": "{DIR}/w.gpkg", "MUNICIPALITY_CODE": "330506",
             "CRS": "EPSG:4326"}, "error", (r"UTM 47N|EPSG:32647",)))  # fmt: skip
    add(Case(f"{cw}-utm47-for-sisaket", cw, "8", None, {"OUTPUT": "{DIR}/w.gpkg", "MUNICIPALITY_CODE": "330506",
             "CRS": "EPSG:32647"}, "either", (r"48N|32648",),
             note="Si Sa Ket lies in zone 48: a 47N workspace is allowed or refused naming 48N"))  # fmt: skip
    add(Case(f"{cw}-unknown-crs", cw, "param", None, {"OUTPUT": "{DIR}/w.gpkg", "MUNICIPALITY_CODE": "330506",
             "CRS": "EPSG:999999"}, "error", (r"CRS|coordinate reference", r"32647|32648")))  # fmt: skip
    add(Case(f"{cw}-unknown-code", cw, "param", None, {"OUTPUT": "{DIR}/w.gpkg", "MUNICIPALITY_CODE": "999999",
             "CRS": "EPSG:32648"}, "error", (r"999999",)))  # fmt: skip
    add(Case(f"{cw}-letters-code", cw, "param", None, {"OUTPUT": "{DIR}/w.gpkg", "MUNICIPALITY_CODE": "ปรือใหญ่",
             "CRS": "EPSG:32648"}, "error", (r"ปรือใหญ่|digits", r"4 or 6|DOPA|digits")))  # fmt: skip
    add(Case(f"{cw}-empty-code", cw, "param", None, {"OUTPUT": "{DIR}/w.gpkg", "MUNICIPALITY_CODE": "",
             "CRS": "EPSG:32648"}, "error", (r"MUNICIPALITY_CODE|code", r"digits|DOPA|e\.g\.")))  # fmt: skip
    add(Case(f"{cw}-missing-folder", cw, "7", None, {"OUTPUT": MISSING, "MUNICIPALITY_CODE": "330506",
             "CRS": "EPSG:32648"}, "error", (r"no such folder", r"folder")))  # fmt: skip
    add(Case(f"{cw}-exists", cw, "6", "prueyai", {"OUTPUT": WS, "MUNICIPALITY_CODE": "330506", "CRS": "EPSG:32648"},
             "error", (r"ws\.gpkg|ws\.qgz", r"exists|overwrite"), ws_param="OUTPUT",
             note="an existing workspace given as OUTPUT: refused, the store of record untouched"))  # fmt: skip
    add(Case(f"{cw}-exists-with-project", cw, "6", "prueyai", {"OUTPUT": WS, "MUNICIPALITY_CODE": "330506",
             "CRS": "EPSG:32648"}, "error", (r"ws\.qgz|ws\.gpkg", r"exists|overwrite"), ws_param="OUTPUT",
             prepare=lambda c: (c.dir / "ws.qgz").write_bytes(b"PK\x03\x04")))  # fmt: skip

    # --- importparcels ----------------------------------------------------------------------------
    ip = "importparcels"
    P = {"INPUT": "{parcels}", "WORKSPACE": WS}
    add(Case(f"{ip}-first", ip, "1", "prueyai_empty", P, check=results_at_least(INSERTED=250)))
    add(Case(f"{ip}-reimport-same", ip, "1", "prueyai", P, check=unchanged_reimport))  # fmt: skip
    add(Case(f"{ip}-shuffled", ip, "2", "prueyai", {**P, "INPUT": "{parcels_shuffled}"},
             check=all_of(same_geometries("parcels"), nothing_changed)))  # fmt: skip
    add(Case(f"{ip}-repeated-codes-reversed", ip, "2", "prueyai", {**P, "INPUT": "{parcels_dups_reversed}"},
             prepare=run_first(ip, {**P, "INPUT": "{parcels_dups}"}),
             check=all_of(same_geometries("parcels"), nothing_changed),
             note="the tax map's 9 repeated codes (18 parcels) imported, then again in reverse order"))  # fmt: skip
    add(Case(f"{ip}-code-only", ip, "1", "prueyai", {**P, "INPUT": "{parcels_code_only}"}, check=nothing_changed,
             note="a file with parcel_code and geometry only never blanks the other fields"))  # fmt: skip
    add(Case(f"{ip}-no-crs", ip, "8", "prueyai", {**P, "INPUT": "{parcels_noprj}"}, "error",
             (r"parcels_noprj", r"coordinate reference system|CRS", r"SOURCE_CRS|set")))  # fmt: skip
    add(Case(f"{ip}-no-crs-with-source-crs", ip, "8", "prueyai", {**P, "INPUT": "{parcels_noprj}",
             "SOURCE_CRS": "EPSG:32648", "FIELD_MAP": "parcel_code=parcel_cod"},
             check=all_of(results_are(INSERTED=0), same_geometries("parcels"))))  # fmt: skip

    add(Case(f"{ip}-indian1975", ip, "8", "prueyai_empty", {**P, "INPUT": "{parcels_24047}"},
             check=lambda c, r: centroid_shift(c, "parcels", "parcel_code", 3.0)))  # fmt: skip
    add(Case(f"{ip}-epsg3857-file", ip, "8", "prueyai_empty", {**P, "INPUT": "{parcels_3857}"},
             check=lambda c, r: centroid_shift(c, "parcels", "parcel_code", 0.5)))  # fmt: skip
    add(Case(f"{ip}-curved", ip, "7", "prueyai_empty", {**P, "INPUT": "{parcels_curved}"},
             check=all_of(results_are(INSERTED=15),
                          sql_is("SELECT count(*) FROM parcels WHERE area_sqm BETWEEN 100 AND 125", 15,
                                 "curved parcels of r=6 m with an area of ~113 m²"))))  # fmt: skip
    add(Case(f"{ip}-empty-file", ip, "7", "prueyai", {**P, "INPUT": "{empty_geojson}"}, "error",
             (r"empty\.geojson", r"empty")))  # fmt: skip
    add(Case(f"{ip}-html-file", ip, "7", "prueyai", {**P, "INPUT": "{page_geojson}"}, "error",
             (r"page\.geojson", r"web page|HTML")))  # fmt: skip
    add(Case(f"{ip}-truncated", ip, "7", "prueyai", {**P, "INPUT": "{parcels_truncated}"}, "error",
             (r"parcels_truncated", r"truncated|incomplete|interrupted|cut|download")))  # fmt: skip
    add(Case(f"{ip}-points-as-parcels", ip, "7", "prueyai", {**P, "INPUT": "{households}"}, "error",
             (r"households|INPUT", r"polygon")))  # fmt: skip
    add(Case(f"{ip}-missing-input", ip, "7", "prueyai", {**P, "INPUT": "{DIR}/nothing here.geojson"}, "error",
             (r"nothing here\.geojson|INPUT", r"not found|does not exist|no such")))  # fmt: skip
    add(Case(f"{ip}-missing-workspace", ip, "7", None, {**P, "WORKSPACE": "{missing_gpkg}"}, "error",
             (r"nowhere", r"not found|does not exist|createworkspace")))  # fmt: skip
    add(Case(f"{ip}-bad-field-map", ip, "param", "prueyai", {**P, "FIELD_MAP": "parcel_code=no_such_column"},
             "error", (r"no_such_column", r"FIELD_MAP|mapping|column")))  # fmt: skip
    add(Case(f"{ip}-garbled-field-map", ip, "param", "prueyai", {**P, "FIELD_MAP": "=;=;owner"}, "either",
             (r"FIELD_MAP|mapping", r"target=source|="), check=nothing_changed))  # fmt: skip
    add(Case(f"{ip}-unknown-target", ip, "param", "prueyai", {**P, "FIELD_MAP": "no_such_field=parcel_code"},
             "error", (r"no_such_field", r"field")))  # fmt: skip
    add(Case(f"{ip}-rejected-personal", ip, "10", "prueyai_empty", {**P, "INPUT": "{parcels_personal}",
             "REJECTED": "{DIR}/rejected.csv"},
             check=all_of(results_at_least(REJECTED_COUNT=1),
                          columns_without("{DIR}/rejected.csv", "phone", "national_id"))))  # fmt: skip
    add(Case(f"{ip}-thai-hash-paths", ip, "7", "prueyai", {**P, "INPUT": "{DIR}/แปลง #1 ?.geojson"},
             ws_name="ปรือใหญ่ #ws ?.gpkg", prepare=lambda c: shutil.copy(c.inp["parcels"], c.dir / "แปลง #1 ?.geojson"),
             check=all_of(results_are(INSERTED=0), nothing_changed)))  # fmt: skip
    add(Case(f"{ip}-read-only", ip, "7", "prueyai", P, "error", (r"ws\.gpkg", r"read-only"), as_nobody=True,
             prepare=read_only_for_nobody, note="run as an unprivileged user: root writes read-only files"))  # fmt: skip
    add(Case(f"{ip}-rejected-missing-folder", ip, "6", "prueyai", {**P, "INPUT": "{parcels_personal}",
             "REJECTED": MISSING + ".csv"}, "error", (r"no such folder", r"folder|cannot be written")))  # fmt: skip
    C.extend(common_workspace_faults(ip, "prueyai", P))

    # --- importhouseholds -------------------------------------------------------------------------
    ih = "importhouseholds"
    H = {"INPUT": "{households}", "WORKSPACE": WS}
    reg = run_first(ih, {"INPUT": "{registry}", "WORKSPACE": WS})
    add(Case(f"{ih}-first", ih, "1", "prueyai_parcels", H, check=results_at_least(INSERTED=100)))
    add(Case(f"{ih}-reimport-same", ih, "1", "prueyai", H, check=unchanged_reimport))  # fmt: skip
    add(Case(f"{ih}-registry", ih, "1", "prueyai", {**H, "INPUT": "{registry}"},
             check=lambda c, r: None if len(c.after["_tables"]["households"]) == len(c.before["_tables"]["households"])
             else f"households {len(c.before['_tables']['households'])}→{len(c.after['_tables']['households'])}: "
                  "the registry of the same buildings was added beside them instead of matched"))  # fmt: skip
    add(Case(f"{ih}-registry-reimport", ih, "1", "prueyai", {**H, "INPUT": "{registry}"}, prepare=reg,
             check=unchanged_reimport))  # fmt: skip
    add(Case(f"{ih}-gps-only", ih, "1", "prueyai", {**H, "INPUT": "{gps_only}"}, prepare=reg,
             check=results_are(INSERTED=0),
             note="house_code,lat,lon only: the position changes, house no/village/soi/road/members stay"))  # fmt: skip
    add(Case(f"{ih}-utm-xy-source-crs", ih, "8", "prueyai", {**H, "INPUT": "{hh_utm}", "SOURCE_CRS": "EPSG:32648"},
             prepare=reg, check=results_are(INSERTED=0)))  # fmt: skip
    add(Case(f"{ih}-utm-xy-no-crs", ih, "8", "prueyai", {**H, "INPUT": "{hh_utm}"}, "error",
             (r"households_utm", r"source CRS|SOURCE_CRS|EPSG:32648")))  # fmt: skip
    add(Case(f"{ih}-rejected-personal", ih, "10", "prueyai", {**H, "INPUT": "{hh_personal}",
             "REJECTED": "{DIR}/rejected.csv"},
             check=all_of(results_at_least(REJECTED_COUNT=4),
                          columns_without("{DIR}/rejected.csv", "full_name", "phone", "national_id"))))  # fmt: skip
    add(Case(f"{ih}-empty-file", ih, "7", "prueyai", {**H, "INPUT": "{empty_csv}"}, "error",
             (r"empty\.csv", r"empty")))  # fmt: skip
    add(Case(f"{ih}-html-file", ih, "7", "prueyai", {**H, "INPUT": "{page_csv}"}, "error",
             (r"page\.csv", r"web page|HTML")))  # fmt: skip
    add(Case(f"{ih}-truncated", ih, "7", "prueyai", {**H, "INPUT": "{hh_truncated}"}, "either",
             (r"households_truncated", r"truncated|incomplete|cut"), prepare=reg,
             check=results_are(INSERTED=0)))  # fmt: skip
    add(Case(f"{ih}-fake-xlsx", ih, "7", "prueyai", {**H, "INPUT": "{fake_xlsx}"}, "error",
             (r"households\.xlsx", r"Excel|xlsx|CSV|not")))  # fmt: skip
    add(Case(f"{ih}-file-and-layer", ih, "param", "prueyai", {**H, "INPUT_LAYER": "{households}"}, "error",
             (r"exactly one|either",)))  # fmt: skip
    add(Case(f"{ih}-no-input", ih, "param", "prueyai", {"WORKSPACE": WS}, "error", (r"INPUT|file|layer",)))
    add(Case(f"{ih}-match-negative", ih, "param", "prueyai", {**H, "MATCH_DISTANCE": -5}, "error",
             (r"MATCH_DISTANCE|within", RANGE_WORDS)))  # fmt: skip
    add(Case(f"{ih}-match-huge", ih, "9", "prueyai", {**H, "MATCH_DISTANCE": 1e6}, "error",
             (r"MATCH_DISTANCE|within", RANGE_WORDS)))  # fmt: skip
    add(Case(f"{ih}-far-outside", ih, "11", "pathumwan", H, "error", (r"households\.geojson", r"outside")))
    C.extend(common_workspace_faults(ih, "prueyai", H))

    # --- linkhouseholds ---------------------------------------------------------------------------
    lk = "linkhouseholds"
    L = {"HOUSEHOLDS": "{WS}|layername=households", "PARCELS": "{WS}|layername=parcels", "MAX_DISTANCE": 15}
    add(Case(f"{lk}-rerun", lk, "1", "prueyai", L, check=nothing_changed))
    add(Case(f"{lk}-source-parcels", lk, "3", "prueyai", {**L, "PARCELS": "{parcels}"}, "error",
             (r"parcels\.geojson", r"own parcels|UPDATE_WORKSPACE")))  # fmt: skip
    add(Case(f"{lk}-source-parcels-output-only", lk, "3", "prueyai", {**L, "PARCELS": "{parcels}",
             "UPDATE_WORKSPACE": "false", "OUTPUT": "{DIR}/linked.gpkg"},
             check=all_of(nothing_changed, file_exists("{DIR}/linked.gpkg"))))  # fmt: skip
    add(Case(f"{lk}-no-crs-parcels", lk, "8", "prueyai", {**L, "PARCELS": "{parcels_noprj}"}, "error",
             (r"parcels_noprj", r"coordinate reference system|CRS")))  # fmt: skip
    add(Case(f"{lk}-huge-distance", lk, "9", "prueyai", {**L, "MAX_DISTANCE": 20000}, "error",
             (r"MAX_DISTANCE", r"500")))  # fmt: skip
    add(Case(f"{lk}-negative-distance", lk, "param", "prueyai", {**L, "MAX_DISTANCE": -5}, "error",
             (r"MAX_DISTANCE", RANGE_WORDS)))  # fmt: skip
    manual = sql_prep(
        "UPDATE households SET parcel_id = (SELECT uuid FROM parcels ORDER BY fid DESC LIMIT 1), link_method = 'manual' "
        "WHERE fid IN (SELECT fid FROM households ORDER BY fid LIMIT 5)"
    )
    add(Case(f"{lk}-manual-kept", lk, "3", "prueyai", L, prepare=manual,
             may_blank={"households": {"link_distance_m", "link_confidence", "link_candidates"}},
             check=sql_is("SELECT count(*) FROM households WHERE link_method = 'manual' AND parcel_id = "
                          "(SELECT uuid FROM parcels ORDER BY fid DESC LIMIT 1)", 5, "manual links kept")))  # fmt: skip
    add(Case(f"{lk}-filtered-parcels", lk, "3", "prueyai", {**L, "PARCELS": "{WS}|layername=parcels|subset=fid < 100"},
             "error", (r"filter", r"parcels")))  # fmt: skip
    add(Case(f"{lk}-code-as-id", lk, "3", "prueyai", {**L, "PARCEL_ID_FIELD": "parcel_code"}, "error",
             (r"uuid", r"parcel_code")))  # fmt: skip
    add(Case(f"{lk}-polygons-as-households", lk, "param", "prueyai", {**L, "HOUSEHOLDS": "{WS}|layername=parcels"},
             "error", (r"HOUSEHOLDS|households", r"point")))  # fmt: skip
    add(Case(f"{lk}-missing-layer", lk, "param", "prueyai", {**L, "PARCELS": "{WS}|layername=no_such_layer"},
             "error", (r"PARCELS|no_such_layer", r"layer|not found|invalid")))  # fmt: skip
    add(Case(f"{lk}-unlinked-thai-path", lk, "7", "prueyai", {**L, "UNLINKED": "{DIR}/ไม่เชื่อม #1.gpkg"},
             check=all_of(file_exists("{DIR}/ไม่เชื่อม #1.gpkg"), nothing_changed)))  # fmt: skip
    add(Case(f"{lk}-unlinked-missing-folder", lk, "6", "prueyai", {**L, "UNLINKED": MISSING}, "error",
             (r"no such folder", r"folder|cannot be written")))  # fmt: skip
    add(Case(f"{lk}-busy", lk, "7", "prueyai", L, "error", (r"busy", r"wait|again|close"), prepare=hold_lock))
    add(Case(f"{lk}-schema-newer", lk, "7", "prueyai", L, "error", (r"version 7", r"version 1"),
             prepare=set_schema_version("7")))  # fmt: skip

    # --- floodimpact ------------------------------------------------------------------------------
    fl = "floodimpact"
    F = {"HAZARD": "{hazard}", "WORKSPACE": WS}
    affected = results_at_least(AFFECTED_HOUSEHOLDS=1)
    add(Case(f"{fl}-drill", fl, "8", "prueyai", {**F, "VILLAGES": "{DIR}/villages.csv"},
             check=all_of(affected, nothing_changed, file_exists("{DIR}/villages.csv"))))  # fmt: skip
    add(Case(f"{fl}-no-crs", fl, "8", "prueyai", {**F, "HAZARD": "{hazard_noprj}"}, "error",
             (r"hazard_noprj", r"coordinate reference system|CRS", r"EPSG|set")))  # fmt: skip
    add(
        Case(
            f"{fl}-utm-as-lonlat",
            fl,
            "8",
            "prueyai",
            {**F, "HAZARD": "{hazard_utm_nocrs}"},
            "either",
            (r"hazard_utm_nocrs", r"longitude/latitude|CRS"),
            check=same_as_reference(fl, F, "AFFECTED_HOUSEHOLDS", "AFFECTED_PARCELS"),
            note="UTM metres in a GeoJSON without a crs member: refused, or placed right",
        )
    )
    add(Case(f"{fl}-indian1975", fl, "8", "prueyai", {**F, "HAZARD": "{hazard_24047}"},
             check=same_as_reference(fl, F, "AFFECTED_HOUSEHOLDS", "AFFECTED_PARCELS")))  # fmt: skip
    add(Case(f"{fl}-curved", fl, "7", "prueyai", {**F, "HAZARD": "{hazard_curved}"},
             check=same_as_reference(fl, F, "AFFECTED_HOUSEHOLDS")))  # fmt: skip
    add(Case(f"{fl}-no-personal-switch", fl, "10", "prueyai", {**F, "HOUSEHOLDS": "{DIR}/hh.gpkg",
             "VILLAGES": "{DIR}/villages.csv"},
             check=all_of(affected, columns_without("{DIR}/hh.gpkg", "house_no", "house_code", "resident_names",
                                                    "owner_name", "bedridden", "disabled", "elderly"),
                          lambda c, r: None if scalar(c.ws, "SELECT count(*) FROM cddp_personal_data_log") ==
                          c.before["_privacy"] else "personal-data log written without the switch")))  # fmt: skip
    add(Case(f"{fl}-personal-switch-logged", fl, "10", "prueyai", {**F, "INCLUDE_PERSONAL_DATA": "true",
             "HOUSEHOLDS": "{DIR}/hh.gpkg"},
             check=lambda c, r: None if c.after["_privacy"] == c.before["_privacy"] + 1 else "run not logged"))  # fmt: skip
    add(Case(f"{fl}-no-polygons", fl, "7", "prueyai", {**F, "HAZARD": "{hazard_none}"}, "error",
             (r"hazard_none|HAZARD", r"no hazard polygons|empty|polygon")))  # fmt: skip
    add(Case(f"{fl}-html", fl, "7", "prueyai", {**F, "HAZARD": "{page_geojson}"}, "error",
             (r"page\.geojson", r"web page|HTML")))  # fmt: skip
    add(Case(f"{fl}-points-as-hazard", fl, "param", "prueyai", {**F, "HAZARD": "{households}"}, "error",
             (r"HAZARD|households", r"polygon")))  # fmt: skip
    add(Case(f"{fl}-far-away", fl, "11", "prueyai", {**F, "HAZARD": "{area}"}, "either",
             (r"pathumwan_area|HAZARD", r"outside|overlap"), check=results_are(AFFECTED_HOUSEHOLDS=0)))  # fmt: skip
    add(Case(f"{fl}-output-missing-folder", fl, "6", "prueyai", {**F, "HOUSEHOLDS": MISSING}, "error",
             (r"no such folder", r"folder|cannot be written")))  # fmt: skip
    add(Case(f"{fl}-no-workspace", fl, "param", None, {"HAZARD": "{hazard}"}, "error", (r"WORKSPACE",)))
    add(Case(f"{fl}-schema-newer", fl, "7", "prueyai", F, "error", (r"version 7", r"version 1"),
             prepare=set_schema_version("7")))  # fmt: skip
    add(Case(f"{fl}-hot-journal", fl, "7", "prueyai", F, "ok", prepare_late=hot_journal("households", "house_no"),
             check=affected))  # fmt: skip

    # --- importroads ------------------------------------------------------------------------------
    ir = "importroads"
    R = {"INPUT": "{osm}", "WORKSPACE": WS}
    add(Case(f"{ir}-first", ir, "1", "pathumwan_empty", R, check=results_at_least(INSERTED=1000)))
    add(Case(f"{ir}-reimport-same", ir, "1", "pathumwan", R, check=unchanged_reimport))  # fmt: skip
    add(Case(f"{ir}-columns-missing", ir, "1", "pathumwan", {**R, "INPUT": "{roads_min}"},
             check=results_are(INSERTED=0), note="osm_id, class and geometry only: names and surfaces stay"))  # fmt: skip
    add(Case(f"{ir}-far-outside", ir, "11", "prueyai", R, "error", (r"pathumwan\.osm\.pbf", r"outside")))
    add(Case(f"{ir}-classes", ir, "param", "pathumwan_empty", {**R, "CLASSES": "primary,secondary"},
             check=lambda c, r: None if {x[0] for x in query(c.ws, "SELECT DISTINCT road_class FROM roads")}
             <= {"primary", "secondary"} else "other classes imported"))  # fmt: skip
    add(Case(f"{ir}-unknown-class", ir, "param", "pathumwan_empty", {**R, "CLASSES": "motorwayy"}, "error",
             (r"motorwayy", r"class")))  # fmt: skip
    add(Case(f"{ir}-truncated-pbf", ir, "7", "pathumwan_empty", {**R, "INPUT": "{osm_truncated}"}, "error",
             (r"pathumwan_truncated", r"truncated|incomplete|damaged|download|corrupt")))  # fmt: skip
    add(Case(f"{ir}-empty-file", ir, "7", "pathumwan", {**R, "INPUT": "{empty_geojson}"}, "error",
             (r"empty\.geojson", r"empty")))  # fmt: skip
    add(Case(f"{ir}-html-file", ir, "7", "pathumwan", {**R, "INPUT": "{page_geojson}"}, "error",
             (r"page\.geojson", r"web page|HTML")))  # fmt: skip
    add(Case(f"{ir}-no-crs", ir, "8", "pathumwan", {**R, "INPUT": "{roads_noprj}"}, "error",
             (r"roads_noprj", r"coordinate reference system|CRS")))  # fmt: skip
    add(Case(f"{ir}-curved", ir, "7", "pathumwan_empty", {**R, "INPUT": "{roads_curved}"},
             check=results_are(INSERTED=5)))  # fmt: skip
    add(Case(f"{ir}-file-and-layer", ir, "param", "pathumwan", {**R, "INPUT_LAYER": "{roads_min}"}, "error",
             (r"exactly one|either",)))  # fmt: skip
    add(Case(f"{ir}-bad-field-map", ir, "param", "pathumwan", {**R, "INPUT": "{roads_min}",
             "FIELD_MAP": "name_th=no_such_column"}, "error", (r"no_such_column",)))  # fmt: skip
    C.extend(common_workspace_faults(ir, "pathumwan", R, journal=("roads", "name_th")))

    # --- importstreetlights -----------------------------------------------------------------------
    isl = "importstreetlights"
    S = {"INPUT": "{osm}", "WORKSPACE": WS}
    add(Case(f"{isl}-first", isl, "1", "pathumwan_roads", S, check=results_at_least(INSERTED=1)))
    add(Case(f"{isl}-reimport-same", isl, "1", "pathumwan", S, check=unchanged_reimport))  # fmt: skip
    add(Case(f"{isl}-survey", isl, "1", "khonkaen_empty", {**S, "INPUT": "{lightpole}"},
             check=results_at_least(INSERTED=30)))  # fmt: skip
    add(Case(f"{isl}-survey-reimport", isl, "1", "khonkaen", {**S, "INPUT": "{lightpole}"},
             check=all_of(results_are(INSERTED=0), nothing_changed)))  # fmt: skip
    add(Case(f"{isl}-ref-only", isl, "1", "khonkaen", {**S, "INPUT": "{lamps_ref_only}"},
             check=results_are(INSERTED=0), note="refs and positions only: status and notes stay"))  # fmt: skip
    add(Case(f"{isl}-far-outside", isl, "11", "pathumwan", {**S, "INPUT": "{lightpole}"}, "error",
             (r"lightpole\.geojson", r"outside")))  # fmt: skip
    add(Case(f"{isl}-no-crs", isl, "8", "khonkaen", {**S, "INPUT": "{lightpole_noprj}"}, "error",
             (r"lightpole_noprj", r"coordinate reference system|CRS")))  # fmt: skip
    add(Case(f"{isl}-empty-file", isl, "7", "khonkaen", {**S, "INPUT": "{empty_geojson}"}, "error",
             (r"empty\.geojson", r"empty")))  # fmt: skip
    add(Case(f"{isl}-html-file", isl, "7", "khonkaen", {**S, "INPUT": "{page_geojson}"}, "error",
             (r"page\.geojson", r"web page|HTML")))  # fmt: skip
    add(Case(f"{isl}-busy", isl, "7", "khonkaen", {**S, "INPUT": "{lightpole}"}, "error", (r"busy", r"wait|again"),
             prepare=hold_lock))  # fmt: skip

    # --- segmentroads -----------------------------------------------------------------------------
    sg = "segmentroads"
    G = {"WORKSPACE": WS, "LENGTH": 100}
    add(Case(f"{sg}-first", sg, "4", "pathumwan_roads", G, check=results_at_least(SECTIONS=100)))
    add(Case(f"{sg}-rerun-same", sg, "4", "pathumwan", G, check=nothing_changed))
    add(Case(f"{sg}-inspected-refused", sg, "4", "pathumwan", {**G, "LENGTH": 50}, "error",
             (r"Re-segmenting would delete|inspect", r"REPLACE_INSPECTED|replaced")))  # fmt: skip

    def roadcondition_after(ctx: Ctx, r: Run):
        rc = ctx.runner.run("roadcondition", {"WORKSPACE": ctx.ws})
        if rc.rc != 0 or TRACEBACK in rc.out:
            return "roadcondition fails after REPLACE_INSPECTED: " + rc.message.strip()[-200:]
        return None if rc.number("RATED_PASER") + rc.number("RATED_PCI") > 0 else "roadcondition rates nothing"

    add(Case(f"{sg}-replace-inspected", sg, "4", "pathumwan", {**G, "LENGTH": 50, "REPLACE_INSPECTED": "true"},
             may_delete=frozenset({"road_sections"}), check=all_of(no_dangling, roadcondition_after),
             may_blank={"complaints": {"asset_uuid", "asset_layer", "asset_distance_m"}}))  # fmt: skip
    add(Case(f"{sg}-length-zero", sg, "param", "pathumwan_roads", {**G, "LENGTH": 0}, "error",
             (r"LENGTH|length", RANGE_WORDS)))  # fmt: skip
    add(Case(f"{sg}-length-negative", sg, "param", "pathumwan_roads", {**G, "LENGTH": -5}, "error",
             (r"LENGTH|length", RANGE_WORDS)))  # fmt: skip
    add(Case(f"{sg}-mode-unknown", sg, "param", "pathumwan_roads", {**G, "MODE": 7}, "error",
             (r"MODE|split", r"0|1|length|area")))  # fmt: skip
    add(Case(f"{sg}-by-area", sg, "4", "pathumwan_roads", {"WORKSPACE": WS, "MODE": 1, "TARGET_AREA": 225},
             check=results_at_least(SECTIONS=100)))  # fmt: skip
    add(Case(f"{sg}-width-zero", sg, "param", "pathumwan_roads", {"WORKSPACE": WS, "MODE": 1, "DEFAULT_WIDTH": 0},
             "error", (r"DEFAULT_WIDTH|width", RANGE_WORDS)))  # fmt: skip
    add(Case(f"{sg}-no-roads", sg, "4", "pathumwan_empty", G, "either", (r"road",),
             check=results_are(SECTIONS=0)))  # fmt: skip
    add(Case(f"{sg}-busy", sg, "7", "pathumwan_roads", G, "error", (r"busy", r"wait|again"), prepare=hold_lock))
    add(Case(f"{sg}-schema-older", sg, "7", "pathumwan_roads", G, "error", (r"version 0", r"version 1"),
             prepare=set_schema_version("0")))  # fmt: skip

    # --- roadcondition ----------------------------------------------------------------------------
    rc = "roadcondition"
    add(Case(f"{rc}-rerun", rc, "1", "pathumwan", {"WORKSPACE": WS},
             check=all_of(results_at_least(RATED_PASER=1), nothing_changed)))  # fmt: skip
    add(Case(f"{rc}-no-sections", rc, "4", "pathumwan_roads", {"WORKSPACE": WS}, "either", (r"section",),
             check=results_are(RATED_PASER=0, RATED_PCI=0)))  # fmt: skip
    add(Case(f"{rc}-after-inspection-deleted", rc, "4", "pathumwan", {"WORKSPACE": WS},
             prepare=sql_prep("DELETE FROM road_distresses"), check=results_at_least(RATED_PASER=1),
             may_blank={"road_sections": {"pci", "condition_band", "treatment"}}))  # fmt: skip
    C.extend(
        common_workspace_faults(rc, "pathumwan", {"WORKSPACE": WS}, journal=("road_sections", "surface"), busy="either")
    )  # a re-run with nothing to write needs no lock

    # --- streetlightstatus ------------------------------------------------------------------------
    st = "streetlightstatus"
    T = {"WORKSPACE": WS}
    add(Case(f"{st}-pathumwan", st, "1", "pathumwan", {**T, "GAPS": "{DIR}/gaps.gpkg"},
             check=all_of(results_at_least(LAMPS=1), file_exists("{DIR}/gaps.gpkg"))))  # fmt: skip
    add(Case(f"{st}-khonkaen", st, "1", "khonkaen", T, check=results_at_least(LAMPS=30)))
    add(Case(f"{st}-spacing-negative", st, "param", "pathumwan", {**T, "SPACING": -1}, "error",
             (r"SPACING|spacing", RANGE_WORDS)))  # fmt: skip
    add(Case(f"{st}-min-lamps-one", st, "param", "pathumwan", {**T, "MIN_LAMPS": 1}, "error",
             (r"MIN_LAMPS|lamps", RANGE_WORDS)))  # fmt: skip
    add(Case(f"{st}-cluster-zero", st, "param", "pathumwan", {**T, "CLUSTER_DISTANCE": 0}, "error",
             (r"CLUSTER_DISTANCE|distance", RANGE_WORDS)))  # fmt: skip
    add(Case(f"{st}-huge-cluster", st, "9", "pathumwan", {**T, "CLUSTER_DISTANCE": 1e7, "SNAP": 1e7},
             "either", (r"CLUSTER_DISTANCE|SNAP", RANGE_WORDS), check=results_at_least(LAMPS=1)))  # fmt: skip
    add(Case(f"{st}-unknown-classes", st, "param", "pathumwan", {**T, "LIGHT_CLASSES": "nonsense_class"}, "either",
             (r"nonsense_class",), check=results_at_least(LAMPS=1)))  # fmt: skip
    add(Case(f"{st}-gaps-thai-path", st, "7", "pathumwan", {**T, "GAPS": "{DIR}/ช่องว่าง #1.gpkg"},
             check=file_exists("{DIR}/ช่องว่าง #1.gpkg")))  # fmt: skip
    add(Case(f"{st}-gaps-missing-folder", st, "6", "pathumwan", {**T, "GAPS": MISSING}, "error",
             (r"no such folder", r"folder|cannot be written"), check=nothing_changed))  # fmt: skip
    add(Case(f"{st}-busy", st, "7", "pathumwan", T, "either", (r"busy", r"wait|again"), prepare=hold_lock,
             check=results_at_least(LAMPS=1)))  # fmt: skip
    add(Case(f"{st}-empty", st, "1", "pathumwan_empty", T, "either", (r"lamp|streetlight",),
             check=results_are(LAMPS=0)))  # fmt: skip

    # --- conditionsummary -------------------------------------------------------------------------
    cs = "conditionsummary"
    S2 = {"WORKSPACE": WS, "OUTPUT": "{DIR}/summary.csv"}
    add(Case(f"{cs}-table-chart", cs, "1", "pathumwan", {**S2, "CHART": "{DIR}/chart.png"},
             check=all_of(file_exists("{DIR}/summary.csv", "{DIR}/chart.png"), nothing_changed,
                          results_at_least(ROAD_KM=1))))  # fmt: skip
    add(Case(f"{cs}-area", cs, "8", "pathumwan", {**S2, "AREA": "{area}"}, check=results_at_least(ROAD_KM=1)))
    add(Case(f"{cs}-area-no-crs", cs, "8", "pathumwan", {**S2, "AREA": "{area_noprj}"}, "error",
             (r"area_noprj", r"coordinate reference system|CRS")))  # fmt: skip
    add(Case(f"{cs}-area-indian1975", cs, "8", "pathumwan", {**S2, "AREA": "{area_24047}"},
             check=same_as_reference(cs, {**S2, "AREA": "{area}"}, "ROAD_KM")))  # fmt: skip
    add(Case(f"{cs}-chart-missing-folder", cs, "6", "pathumwan", {**S2, "CHART": MISSING + ".png"}, "error",
             (r"no such folder", r"folder|cannot be written")))  # fmt: skip
    add(Case(f"{cs}-empty-workspace", cs, "1", "pathumwan_empty", S2, "either", (r"section|road",),
             check=results_are(ROAD_KM=0)))  # fmt: skip
    add(Case(f"{cs}-area-far", cs, "11", "pathumwan", {**S2, "AREA": "{hazard}"}, "either",
             (r"hazard|AREA", r"outside|overlap"), check=results_are(ROAD_KM=0)))  # fmt: skip
    add(Case(f"{cs}-html-area", cs, "7", "pathumwan", {**S2, "AREA": "{page_geojson}"}, "error",
             (r"page\.geojson|AREA", r"web page|HTML|invalid|polygon")))  # fmt: skip

    # --- importcomplaints -------------------------------------------------------------------------
    ic = "importcomplaints"
    K = {"INPUT": "{dump}", "WORKSPACE": WS, "AREA": "{area}", "AREA_LABEL": "เขตปทุมวัน"}
    ref = reference_complaints
    add(Case(f"{ic}-first", ic, "12", "pathumwan_roads", K, check=results_at_least(INSERTED=15)))
    add(Case(f"{ic}-reimport-same", ic, "1", "pathumwan", K, check=unchanged_reimport))  # fmt: skip
    add(Case(f"{ic}-no-area", ic, "11", "pathumwan_roads", {"INPUT": "{dump}", "WORKSPACE": WS},
             check=lambda c, r: None if re.search(r"No AREA given", r.message) else "the log does not say which area was used",
             note="without AREA: the area the workspace knows (for a khet, Bangkok's extent), and the log says so"))  # fmt: skip
    add(Case(f"{ic}-latlon-columns", ic, "12", "pathumwan_roads", {**K, "INPUT": "{c_latlon}"},
             check=ref("position")))  # fmt: skip
    add(Case(f"{ic}-swapped-misspelt", ic, "12", "pathumwan_roads", {**K, "INPUT": "{c_swapped}"},
             check=ref("position")))  # fmt: skip
    add(Case(f"{ic}-dates-mdy", ic, "12", "pathumwan_roads", {**K, "INPUT": "{c_mdy}"}, check=ref("date")))
    add(Case(f"{ic}-dates-dmy", ic, "12", "pathumwan_roads", {**K, "INPUT": "{c_dmy}"}, check=ref("date")))
    add(Case(f"{ic}-english-states", ic, "12", "pathumwan_roads", {**K, "INPUT": "{c_english}"},
             check=ref("status")))  # fmt: skip
    add(Case(f"{ic}-multistep-states", ic, "12", "pathumwan_roads", {**K, "INPUT": "{c_multistep}"},
             check=all_of(ref("count"), sql_is("SELECT count(*) FROM complaints WHERE status IS NULL OR status = ''",
                                               0, "complaints without a status"))))  # fmt: skip
    add(Case(f"{ic}-zero-null-coords", ic, "12", "pathumwan_roads", {**K, "INPUT": "{c_zero}",
             "REJECTED": "{DIR}/rejected.csv"}, check=all_of(results_at_least(REJECTED_COUNT=5), rejected_reasons(5))))  # fmt: skip
    add(Case(f"{ic}-rejected-personal", ic, "10", "pathumwan_roads", {**K, "INPUT": "{c_personal}",
             "REJECTED": "{DIR}/rejected.csv"},
             check=columns_without("{DIR}/rejected.csv", "reporter_name", "phone", "national_id")))  # fmt: skip
    add(Case(f"{ic}-scraped-page-csv", ic, "12", "pathumwan_roads", {**K, "INPUT": "{c_scraped}"}, "error",
             (r"scraped\.csv", r"no coordinates|coordinates")))  # fmt: skip
    add(Case(f"{ic}-html", ic, "12", "pathumwan_roads", {**K, "INPUT": "{page_html}"}, "error",
             (r"traffy_page\.html", r"web page")))  # fmt: skip
    add(Case(f"{ic}-api-geojson-strings-repeated", ic, "12", "pathumwan_roads", {**K, "INPUT": "{c_api_geojson}"},
             check=ref("count")))  # fmt: skip
    add(Case(f"{ic}-open311-json", ic, "12", "pathumwan_roads", {"INPUT": "{open311_json}", "WORKSPACE": WS},
             check=results_at_least(INSERTED=1)))  # fmt: skip
    add(Case(f"{ic}-open311-xml", ic, "12", "pathumwan_roads", {"INPUT": "{open311_xml}", "WORKSPACE": WS},
             check=same_as_reference(ic, {"INPUT": "{open311_json}", "WORKSPACE": WS}, "INSERTED", "REJECTED_COUNT")))  # fmt: skip
    add(Case(f"{ic}-traffy-geojson", ic, "12", "pathumwan_roads", {"INPUT": "{traffy_geojson}", "WORKSPACE": WS},
             check=results_at_least(INSERTED=1)))  # fmt: skip
    add(Case(f"{ic}-traffy-api", ic, "12", "pathumwan_roads", {"INPUT": "{traffy_api}", "WORKSPACE": WS},
             check=results_at_least(INSERTED=1)))  # fmt: skip
    add(Case(f"{ic}-truncated", ic, "7", "pathumwan_roads", {**K, "INPUT": "{c_truncated}"}, "either",
             (r"dump_truncated", r"truncated|incomplete|cut|row"), check=results_at_least(INSERTED=1)))  # fmt: skip
    add(Case(f"{ic}-empty", ic, "7", "pathumwan", {**K, "INPUT": "{empty_csv}"}, "error", (r"empty\.csv", r"empty")))
    add(Case(f"{ic}-garbage-json", ic, "7", "pathumwan", {**K, "INPUT": "{garbage_json}"}, "error",
             (r"garbage\.json", r"Traffy|Open311|complaint")))  # fmt: skip
    add(Case(f"{ic}-officer-edit-kept", ic, "5", "pathumwan", K,
             prepare=sql_prep("UPDATE complaints SET description = 'แก้ไขโดยเจ้าหน้าที่', category = 'road' "
                              "WHERE fid = (SELECT min(fid) FROM complaints)"),
             check=sql_is("SELECT description FROM complaints WHERE fid = (SELECT min(fid) FROM complaints)",
                          "แก้ไขโดยเจ้าหน้าที่", "officer's description")))  # fmt: skip
    add(Case(f"{ic}-officer-address-kept", ic, "5", "pathumwan", K,
             prepare=sql_prep("UPDATE complaints SET address = 'หน้าอาคาร 3 (แก้ไขโดยเจ้าหน้าที่)' "
                              "WHERE fid = (SELECT max(fid) FROM complaints)"),
             check=sql_is("SELECT address FROM complaints WHERE fid = (SELECT max(fid) FROM complaints)",
                          "หน้าอาคาร 3 (แก้ไขโดยเจ้าหน้าที่)", "officer's address")))  # fmt: skip
    add(Case(f"{ic}-officer-category-kept", ic, "5", "pathumwan", K,
             prepare=sql_prep("UPDATE complaints SET category = 'drainage' WHERE fid = (SELECT min(fid) FROM complaints)"),
             check=sql_is("SELECT category FROM complaints WHERE fid = (SELECT min(fid) FROM complaints)",
                          "drainage", "officer's category")))  # fmt: skip
    add(Case(f"{ic}-distance-zero", ic, "param", "pathumwan", {**K, "MAX_DISTANCE": 0}, "error",
             (r"MAX_DISTANCE|distance", RANGE_WORDS)))  # fmt: skip
    add(Case(f"{ic}-distance-huge", ic, "9", "pathumwan", {**K, "MAX_DISTANCE": 1e7}, "either",
             (r"MAX_DISTANCE|distance", RANGE_WORDS), check=results_are(INSERTED=0)))  # fmt: skip
    add(Case(f"{ic}-area-no-crs", ic, "8", "pathumwan_roads", {**K, "AREA": "{area_noprj}"}, "error",
             (r"area_noprj", r"coordinate reference system|CRS")))  # fmt: skip
    add(Case(f"{ic}-area-indian1975", ic, "8", "pathumwan_roads", {**K, "AREA": "{area_24047}"},
             check=same_as_reference(ic, K, "INSERTED")))  # fmt: skip
    add(Case(f"{ic}-far-outside", ic, "11", "prueyai", {"INPUT": "{dump}", "WORKSPACE": WS}, "either",
             (r"teamchadchart\.csv", r"outside"), check=results_are(INSERTED=0)))  # fmt: skip
    add(Case(f"{ic}-busy", ic, "7", "pathumwan_roads", K, "error", (r"busy", r"wait|again"), prepare=hold_lock))
    add(Case(f"{ic}-schema-newer", ic, "7", "pathumwan_roads", K, "error", (r"version 7", r"version 1"),
             prepare=set_schema_version("7")))  # fmt: skip

    # --- generateworkorders -----------------------------------------------------------------------
    gw = "generateworkorders"
    W = {"WORKSPACE": WS}
    add(Case(f"{gw}-first", gw, "1", "pathumwan_complaints", W, check=results_at_least(CREATED=1)))
    add(Case(f"{gw}-rerun", gw, "1", "pathumwan", W, check=all_of(results_are(CREATED=0), nothing_changed)))
    cancel = sql_prep(
        "UPDATE work_orders SET status = 'cancelled', note = 'ยกเลิก' WHERE uuid = (SELECT work_order_uuid FROM "
        "complaints WHERE work_order_uuid IS NOT NULL AND status IN ('waiting', 'in_progress') ORDER BY fid LIMIT 1)"
    )
    add(Case(f"{gw}-cancelled-order", gw, "12", "pathumwan", W, prepare=cancel,
             check=sql_is("SELECT count(*) FROM complaints c JOIN work_orders w ON w.uuid = c.work_order_uuid "
                          "WHERE w.status = 'cancelled' AND c.status IN ('waiting', 'in_progress')", 0,
                          "open complaints left on a cancelled order")))  # fmt: skip
    add(Case(f"{gw}-pci-negative", gw, "param", "pathumwan", {**W, "PCI_BELOW": -1}, "error",
             (r"PCI_BELOW|PCI", RANGE_WORDS)))  # fmt: skip
    add(
        Case(
            f"{gw}-pci-150", gw, "param", "pathumwan", {**W, "PCI_BELOW": 150}, "error", (r"PCI_BELOW|PCI", RANGE_WORDS)
        )
    )
    add(Case(f"{gw}-paser-11", gw, "param", "pathumwan", {**W, "PASER_AT_MOST": 11}, "error",
             (r"PASER_AT_MOST|PASER", RANGE_WORDS)))  # fmt: skip
    add(Case(f"{gw}-sla-garbage", gw, "param", "pathumwan", {**W, "SLA": "P1=abc"}, "error", (r"SLA", r"abc|P1")))
    add(Case(f"{gw}-holidays-garbage", gw, "param", "pathumwan", {**W, "HOLIDAYS": "notadate"}, "error",
             (r"HOLIDAYS|holiday", r"notadate")))  # fmt: skip
    add(Case(f"{gw}-nothing-selected", gw, "param", "pathumwan_complaints", {**W, "FROM_COMPLAINTS": "false",
             "FROM_CONDITION": "false", "FROM_LAMPS": "false"}, "either", (r"FROM_|nothing",),
             check=all_of(results_are(CREATED=0), nothing_changed)))  # fmt: skip
    add(Case(f"{gw}-busy", gw, "7", "pathumwan_complaints", W, "error", (r"busy", r"wait|again"), prepare=hold_lock))
    add(Case(f"{gw}-hot-journal", gw, "7", "pathumwan_complaints", W, prepare_late=hot_journal("roads", "name_th"),
             check=results_at_least(CREATED=1)))  # fmt: skip

    # --- changeworkorder --------------------------------------------------------------------------
    co = "changeworkorder"
    first = "{first_order}"
    O = {"WORKSPACE": WS, "ORDER": first}
    add(Case(f"{co}-triage", co, "1", "pathumwan", {**O, "STATUS": 1},
             check=lambda c, r: None if r.results.get("NEW_STATUS") == "triaged" else f"status {r.results}"))  # fmt: skip
    add(Case(f"{co}-unknown-order", co, "param", "pathumwan", {**O, "ORDER": "WO-2500-99999", "STATUS": 1}, "error",
             (r"WO-2500-99999",)))  # fmt: skip
    add(Case(f"{co}-empty-order", co, "param", "pathumwan", {**O, "ORDER": "", "STATUS": 1}, "error",
             (r"ORDER|order",)))  # fmt: skip
    add(Case(f"{co}-status-99", co, "param", "pathumwan", {**O, "STATUS": 99}, "error", (r"STATUS|status",)))
    add(Case(f"{co}-cancel-without-note", co, "param", "pathumwan", {**O, "STATUS": 8}, "error", (r"NOTE|note",)))
    add(Case(f"{co}-assign-without-team", co, "param", "pathumwan", {**O, "STATUS": 2}, "error",
             (r"TEAM|ASSIGNEE|team",), prepare=run_first(co, {**O, "STATUS": 1})))  # fmt: skip
    add(Case(f"{co}-bad-date", co, "param", "pathumwan", {**O, "STATUS": 1, "AT": "yesterday-ish"}, "error",
             (r"yesterday-ish|AT", r"date|e\.g\.|YYYY|2026")))  # fmt: skip
    add(Case(f"{co}-date-before-creation", co, "param", "pathumwan", {**O, "STATUS": 1, "AT": "1999-01-01 10:00"},
             "error", (r"1999|before", r"earlier|before|created")))  # fmt: skip
    add(Case(f"{co}-new-to-closed", co, "param", "pathumwan", {**O, "STATUS": 7}, "error",
             (r"closed|ปิด", r"new|allowed|cannot")))  # fmt: skip
    add(Case(f"{co}-note-phone-dashes", co, "10", "pathumwan", {**O, "STATUS": 1,
             "NOTE": "โทร 081–234–5678 / 02/123/4567 / 089_765_4321 หรือ somchai(at)example.com"},
             check=note_scrubbed))  # fmt: skip
    add(Case(f"{co}-busy", co, "7", "pathumwan", {**O, "STATUS": 1}, "error", (r"busy", r"wait|again"),
             prepare=hold_lock))  # fmt: skip
    add(Case(f"{co}-schema-newer", co, "7", "pathumwan", {**O, "STATUS": 1}, "error", (r"version 7", r"version 1"),
             prepare=set_schema_version("7")))  # fmt: skip

    # --- maintenanceplan --------------------------------------------------------------------------
    mp = "maintenanceplan"
    M = {"WORKSPACE": WS, "BUDGET": 20_000_000, "OUTPUT": "{DIR}/plan.gpkg", "SUMMARY": "{DIR}/plan.csv"}
    add(Case(f"{mp}-plan", mp, "1", "pathumwan", M, check=all_of(
        results_at_least(SELECTED=1), lambda c, r: None if r.number("BAHT") <= 20_000_000 else "over budget",
        file_exists("{DIR}/plan.gpkg", "{DIR}/plan.csv"), nothing_changed)))  # fmt: skip
    add(Case(f"{mp}-budget-negative", mp, "param", "pathumwan", {**M, "BUDGET": -5}, "error",
             (r"BUDGET|budget", RANGE_WORDS)))  # fmt: skip
    add(Case(f"{mp}-budget-zero", mp, "param", "pathumwan", {**M, "BUDGET": 0}, "either", (r"BUDGET|budget",),
             check=results_are(SELECTED=0)))  # fmt: skip
    add(Case(f"{mp}-budget-huge", mp, "9", "pathumwan", {**M, "BUDGET": 1e15}, check=results_at_least(SELECTED=1)))
    add(Case(f"{mp}-unit-costs-garbage", mp, "param", "pathumwan", {**M, "UNIT_COSTS": "routine=abc"}, "error",
             (r"UNIT_COSTS|unit cost", r"abc|routine")))  # fmt: skip
    add(Case(f"{mp}-unit-costs-unknown", mp, "param", "pathumwan", {**M, "UNIT_COSTS": "bogus=5"}, "error",
             (r"bogus",)))  # fmt: skip
    add(Case(f"{mp}-unit-costs-negative", mp, "param", "pathumwan", {**M, "UNIT_COSTS": "overlay=-400"}, "error",
             (r"overlay|-400", RANGE_WORDS + r"|negative")))  # fmt: skip
    add(Case(f"{mp}-serve-negative", mp, "param", "pathumwan", {**M, "SERVE_DISTANCE": -1}, "error",
             (r"SERVE_DISTANCE|distance", RANGE_WORDS)))  # fmt: skip
    add(Case(f"{mp}-weight-negative", mp, "param", "pathumwan", {**M, "HOUSEHOLD_WEIGHT": -1}, "error",
             (r"HOUSEHOLD_WEIGHT|weight", RANGE_WORDS)))  # fmt: skip
    add(Case(f"{mp}-serve-huge", mp, "9", "pathumwan", {**M, "SERVE_DISTANCE": 1e7}, "either",
             (r"SERVE_DISTANCE|distance", RANGE_WORDS), check=results_at_least(SELECTED=1)))  # fmt: skip
    add(Case(f"{mp}-empty-workspace", mp, "1", "pathumwan_empty", M, "either", (r"section|road",),
             check=results_are(SELECTED=0)))  # fmt: skip
    add(Case(f"{mp}-output-missing-folder", mp, "6", "pathumwan", {**M, "OUTPUT": MISSING}, "error",
             (r"no such folder", r"folder|cannot be written")))  # fmt: skip
    add(Case(f"{mp}-thai-paths", mp, "7", "pathumwan", {**M, "OUTPUT": "{DIR}/แผน #1.gpkg",
             "SUMMARY": "{DIR}/สรุป ?.csv"}, check=file_exists("{DIR}/แผน #1.gpkg", "{DIR}/สรุป ?.csv")))  # fmt: skip
    return C


# checks that need the reference data ---------------------------------------------------------------------

_REFERENCE_LOCK = __import__("threading").Lock()
_REFERENCE: dict = {}


def same_as_reference(alg: str, params: dict, *keys: str) -> Check:
    """The same numbers as the run with the reference input (run once on a copy of the same state)."""

    def check(ctx: Ctx, r: Run):
        key = (alg, json.dumps(params, sort_keys=True), ctx.ws.name, ctx.case_base)
        with _REFERENCE_LOCK:
            if key not in _REFERENCE:
                d = ctx.dir / "reference"
                d.mkdir(exist_ok=True)
                ws = d / ctx.ws.name
                shutil.copy(ctx.states[ctx.case_base], ws)
                ref_ctx = Ctx(d, ws, ctx.inp, ctx.states, ctx.runner)
                _REFERENCE[key] = ctx.runner.run(alg, {k: ref_ctx.p(v) for k, v in params.items()})
        ref = _REFERENCE[key]
        if ref.rc != 0:
            return "the reference run failed: " + ref.message.strip()[-200:]
        bad = [f"{k}={r.results.get(k)} vs {ref.results.get(k)} with the reference input" for k in keys
               if abs(r.number(k) - ref.number(k)) > 1e-6 * max(1.0, abs(ref.number(k)))]  # fmt: skip
        return "; ".join(bad) or None

    return check


def centroid_shift(ctx: Ctx, table: str, key: str, max_m: float) -> str | None:
    """Largest distance between parcel centroids and those of the same parcels imported from the source."""
    import geopandas as gpd

    got = gpd.read_file(ctx.ws, layer=table)
    ref = gpd.read_file(ctx.states["prueyai"], layer=table)
    if len(got) == 0:
        return "nothing imported"
    a = got.set_index(key).geometry.centroid
    b = ref.drop_duplicates(key).set_index(key).geometry.centroid
    common = a.index.intersection(b.index).unique()
    a = a[~a.index.duplicated()].loc[common]
    d = a.distance(b.loc[common])
    worst = float(d.max()) if len(d) else float("nan")
    return None if worst <= max_m else f"parcels {worst:.1f} m from their place (allowed {max_m} m)"


def reference_complaints(what: str) -> Check:
    """Compare the complaints of a variant export with those of the original dump (the pathumwan state)."""

    def check(ctx: Ctx, r: Run):
        sql = "SELECT external_id, reported_at, status, geom FROM complaints"
        ref = {row[0]: row[1:] for row in query(ctx.states["pathumwan"], sql)}
        got = {
            row[0]: row[1:] for row in query(ctx.ws, "SELECT external_id, reported_at, status, geom FROM complaints")
        }
        if len(got) != len(ref):
            return f"{len(got)} complaints, {len(ref)} from the original dump"
        if what == "count":
            return None
        bad = []
        for k, (at, status, geom) in got.items():
            if k not in ref and what == "date" and str(k).startswith("@"):
                continue  # no ticket id: keyed by report time, which a minute-only date rounds
            if k not in ref:
                bad.append(f"{k} unknown")
            elif what == "status" and status != ref[k][1]:
                bad.append(f"{k}: status {status} vs {ref[k][1]}")
            elif what == "position" and geom != ref[k][2]:
                bad.append(f"{k}: another position")
            elif what == "date":
                t1, t2 = dt.datetime.fromisoformat(str(at)), dt.datetime.fromisoformat(str(ref[k][0]))
                if abs((t1 - t2).total_seconds()) > 60:
                    bad.append(f"{k}: reported {at} vs {ref[k][0]}")
        return (f"{len(bad)} differ, e.g. " + "; ".join(bad[:2])) if bad else None

    return check


def rejected_reasons(n: int) -> Check:
    def check(ctx: Ctx, r: Run):
        f = ctx.dir / "rejected.csv"
        if not f.is_file():
            return "no rejected file"
        with open(f, encoding="utf-8-sig") as fh:
            rows = list(csv.DictReader(fh))
        reasons = [(row.get("reason") or "") for row in rows]
        located = [x for x in reasons if re.search(r"coordinat|0, 0|พิกัด|location", x, re.I)]
        return None if len(located) >= n else f"{len(located)} rows rejected for their coordinates, want {n}"

    return check


def note_scrubbed(ctx: Ctx, r: Run):
    notes = [row[0] or "" for row in query(ctx.ws, "SELECT note FROM work_order_events ORDER BY fid DESC LIMIT 3")]
    text = " ".join(notes)
    digits = re.sub(r"\D", "", text)
    leaks = [p for p in ("0812345678", "021234567", "0897654321") if p in digits]
    if "somchai" in text:
        leaks.append("e-mail")
    return f"note keeps {leaks}" if leaks else None


# --- running one case --------------------------------------------------------------------------------------


def classify(case: Case, ctx: Ctx, r: Run) -> tuple[str, str]:
    msg = r.message
    if TRACEBACK in r.out:
        tail = [ln for ln in r.out.splitlines() if ln.strip()][-1:]
        return "traceback", (tail[0] if tail else "")[:160]
    lost = losses(ctx.before, ctx.after, set(case.may_delete), case.may_blank)
    if lost:
        return "data lost", "; ".join(lost)[:240]
    error_text = error_of(msg)
    if r.rc == 0:
        if case.expect == "error":
            return "wrong result", "exit 0 where a refusal was expected; " + summary_results(r)
        problem = case.check(ctx, r) if case.check else None
        return ("wrong result", problem[:240]) if problem else ("ok", summary_results(r))
    if case.expect == "ok":
        return "wrong result", f"refused a valid run: {error_text[:200]}"
    diff = changed(ctx.before, ctx.after)
    if diff and case.ws_param is None:
        return "wrong result", "a refused run changed the workspace: " + "; ".join(diff)
    missing = [w for w in case.words if not re.search(w, msg, re.I)]
    if missing:
        return "vague", f"{error_text[:200]}  [lacks {', '.join(missing)}]"
    return "clear error", error_text[:200]


def error_of(msg: str) -> str:
    """The ERROR line qgis_process prints and the lines that continue it (QGIS's own checks put the reason there)."""
    lines = msg.splitlines()
    for k, ln in enumerate(lines):
        if ln.startswith("ERROR:"):
            more = [x.strip() for x in lines[k + 1 : k + 4] if x.startswith(("\t", " "))]
            return " ".join([ln.replace("ERROR:", "").strip(), *more])
    rest = [ln for ln in lines if ln.strip()]
    return rest[-1].strip() if rest else ""


def summary_results(r: Run) -> str:
    keep = {k: v for k, v in r.results.items() if re.fullmatch(r"[A-Z_]+", k) and len(v) < 20}
    return ", ".join(f"{k}={v}" for k, v in list(keep.items())[:6])


def run_case(case: Case, runner: Runner, work: Path, inp: dict, states: dict, nobody_ok: bool) -> Outcome:
    d = work / "cases" / case.id
    if d.exists():
        shutil.rmtree(d)
    d.mkdir(parents=True)
    ws = d / case.ws_name
    if case.base:
        shutil.copy(states[case.base], ws)
    ctx = Ctx(d, ws, dict(inp), states, runner)
    ctx.case_base = case.base
    if case.base and case.base.startswith("pathumwan") and "{first_order}" in json.dumps(case.params):
        row = query(ws, "SELECT wo_number FROM work_orders WHERE status = 'new' ORDER BY wo_number LIMIT 1")
        ctx.inp["first_order"] = row[0][0] if row else "WO-NONE"
    try:
        if case.as_nobody and not nobody_ok:
            return Outcome(case, "skipped", "cannot run qgis_process as an unprivileged user here", 0.0, "")
        if case.prepare:
            case.prepare(ctx)
        ctx.before = snapshot(ws)
        if case.prepare_late:
            case.prepare_late(ctx)
    except Exception as exc:  # the case's own setup failed: say so, do not count it as an outcome of ours
        return Outcome(case, "skipped", f"preparing the case failed: {exc}", 0.0, "")
    params = {k: ctx.p(v) for k, v in case.params.items()}
    prefix = None
    if case.as_nobody:
        prefix = ["setpriv", "--reuid=65534", "--regid=65534", "--clear-groups", "env", f"HOME={d}",
                  f"XDG_RUNTIME_DIR={work / 'nobody-runtime'}"]  # fmt: skip
        params = dict(params)
    if case.as_nobody:
        r = run_as_nobody(runner, case.alg, params, prefix, work)
    else:
        r = runner.run(case.alg, params)
    for con in ctx.keep:
        try:
            con.rollback()
            con.close()
        except sqlite3.Error:
            pass
    ctx.after = snapshot(ws)
    outcome, detail = classify(case, ctx, r)
    return Outcome(case, outcome, detail, r.seconds, cmd_text(prefix_free(r.command)))


def prefix_free(cmd: list[str]) -> list[str]:
    i = next((k for k, c in enumerate(cmd) if c.endswith("cddp-process")), 0)
    return cmd[i:]


def run_as_nobody(runner: Runner, alg: str, params: dict, prefix: list[str], work: Path) -> Run:
    profile = work / "profile-nobody"
    env = dict(os.environ, CDDP_QGIS_PROFILE=str(profile), QT_QPA_PLATFORM="offscreen")
    cmd = [*prefix, f"CDDP_QGIS_PROFILE={profile}", *runner.command(alg, params)]
    t0 = time.perf_counter()
    p = subprocess.run(cmd, capture_output=True, text=True, env=env, timeout=600)
    return Run(p.returncode, p.stdout, p.stderr, time.perf_counter() - t0, cmd)


def nobody_works(runner: Runner, work: Path) -> bool:
    """Can qgis_process run as user nobody (the read-only case needs it: root writes read-only files)?"""
    if shutil.which("setpriv") is None or os.geteuid() != 0:
        return False
    for p in (work / "profile-nobody", work / "nobody-runtime"):
        p.mkdir(exist_ok=True)
        os.chmod(p, 0o777 if p.name == "profile-nobody" else 0o700)
    shutil.chown(work / "nobody-runtime", 65534, 65534)
    os.chmod(work, 0o755)
    probe = run_as_nobody(runner, "roadcondition", {"WORKSPACE": "/nonexistent.gpkg"},
                          ["setpriv", "--reuid=65534", "--regid=65534", "--clear-groups", "env", f"HOME={work}",
                           f"XDG_RUNTIME_DIR={work / 'nobody-runtime'}"], work)  # fmt: skip
    return "nonexistent" in probe.out and "Permission denied" not in probe.stderr


# --- main ----------------------------------------------------------------------------------------------------


def render(outcomes: list[Outcome], args, started: dt.datetime, seconds: float, n_parcels: int) -> str:
    cols = [o for o in OUTCOMES if o != "skipped" or any(x.outcome == "skipped" for x in outcomes)]
    lines = [
        "# Integrity catalogue: bad inputs, faults and routine runs against the real plugin",
        "",
        f"Run {started:%Y-%m-%d %H:%M} UTC, {seconds / 60:.1f} min, {len(outcomes)} cases, "
        f"{args.workers} workers: `{' '.join(['.venv/bin/python', 'scripts/integrity_cases.py', *sys.argv[1:]])}`",
        "",
        "Every case runs one algorithm through `scripts/cddp-process` (qgis_process with the plugin) on a copy of a "
        f"workspace built from ../shared/data ({n_parcels} Prue Yai parcels with their buildings as households; "
        "Pathum Wan's OSM roads and lamps, 100 m sections, DEMO inspections, the 1,000 real Traffy Fondue complaints "
        "of teamchadchart.csv and their work orders; Khon Kaen's light poles). The script says what each outcome means.",
        "",
        "## Per algorithm",
        "",
        "| algorithm | cases | " + " | ".join(cols) + " |",
        "| --- | ---: | " + " | ".join("---:" for _ in cols) + " |",
    ]
    for alg in ALGORITHMS:
        mine = [o for o in outcomes if o.case.alg == alg]
        if not mine:
            continue
        lines.append(
            f"| {alg} | {len(mine)} | " + " | ".join(str(sum(o.outcome == c for o in mine)) for c in cols) + " |"
        )
    lines.append(f"| **total** | **{len(outcomes)}** | " + " | ".join(
        f"**{sum(o.outcome == c for o in outcomes)}**" for c in cols) + " |")  # fmt: skip
    lines += ["", "## Per rule of the issue", "", "| rule | cases | " + " | ".join(cols) + " |",
              "| --- | ---: | " + " | ".join("---:" for _ in cols) + " |"]  # fmt: skip
    rules = sorted({o.case.rule for o in outcomes}, key=lambda r: (not r.isdigit(), int(r) if r.isdigit() else 0, r))
    for rule in rules:
        mine = [o for o in outcomes if o.case.rule == rule]
        lines.append(
            f"| {rule} | {len(mine)} | " + " | ".join(str(sum(o.outcome == c for o in mine)) for c in cols) + " |"
        )
    bad = [o for o in outcomes if o.outcome not in ("ok", "clear error")]
    lines += ["", f"## Not ok and not a clear error ({len(bad)})", ""]
    for o in sorted(bad, key=lambda o: (OUTCOMES.index(o.outcome), o.case.id)):
        lines.append(f"- **{o.outcome}** `{o.case.id}` (rule {o.case.rule}): {o.detail}")
        if o.command:
            lines.append(f"  `{o.command}`")
    lines += [
        "",
        "## All cases",
        "",
        "| case | rule | expects | outcome | s | detail |",
        "| --- | --- | --- | --- | ---: | --- |",
    ]
    for o in outcomes:
        detail = o.detail.replace("|", "\\|").replace("\n", " ")[:160]
        lines.append(f"| {o.case.id} | {o.case.rule} | {o.case.expect} | {o.outcome} | {o.seconds:.1f} | {detail} |")
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--workers", type=int, default=2, help="cases run at once (default 2, at most 2 on 2 cores)")
    ap.add_argument("--only", nargs="*", default=[], help="case ids or algorithms (regex) to run")
    ap.add_argument("--parcels", type=int, default=300, help="parcels in the Prue Yai window (default 300)")
    ap.add_argument("--work", type=Path, default=Path("/tmp/cddp_integrity"), help="working folder (kept)")
    ap.add_argument("--out", type=Path, default=ROOT / "bench" / "INTEGRITY.md", help="the report (Markdown)")
    ap.add_argument("--json", type=Path, help="also write the outcomes as JSON")
    ap.add_argument("--list", action="store_true", help="list the cases and stop")
    ap.add_argument("--reuse", action="store_true", help="reuse the inputs and states of an earlier run in --work")
    args = ap.parse_args(argv)
    warnings.filterwarnings("ignore")  # pyogrio/shapely chatter while the inputs are made
    cases = catalogue()
    if args.only:
        pat = re.compile("|".join(f"(?:{p})" for p in args.only))
        cases = [c for c in cases if pat.search(c.id) or pat.fullmatch(c.alg)]
    if args.list:
        for c in cases:
            print(f"{c.id:45s} rule {c.rule:5s} expects {c.expect:6s} {c.note}")
        print(f"{len(cases)} cases")
        return 0
    if not SHARED.is_dir():
        raise SystemExit(f"shared data not found at {SHARED} (set CDDP_SHARED_DATA)")
    workers = max(1, min(args.workers, 2))
    started, t0 = dt.datetime.now(dt.UTC), time.perf_counter()
    work = args.work.resolve()
    runner = Runner(work, workers)
    cache = work / "setup.json"
    if args.reuse and cache.is_file():
        saved = json.loads(cache.read_text())
        inp = {k: Path(v) for k, v in saved["inputs"].items()}
        states = {k: Path(v) for k, v in saved["states"].items()}
        print(f"reusing inputs and workspaces of {work}", flush=True)
    else:
        for sub in ("inputs", "states", "cases"):
            shutil.rmtree(work / sub, ignore_errors=True)
        for built in work.glob("build_*"):
            built.unlink()
        print(f"building inputs and workspaces from {SHARED} in {work} …", flush=True)
        inp = build_inputs(work, args.parcels)
        states = build_states(runner, work, inp)
        cache.write_text(json.dumps({"inputs": {k: str(v) for k, v in inp.items()},
                                     "states": {k: str(v) for k, v in states.items()}}))  # fmt: skip
        print(f"  setup done ({time.perf_counter() - t0:.0f} s)", flush=True)
    nobody = any(c.as_nobody for c in cases) and nobody_works(runner, work)
    print(f"running {len(cases)} cases with {workers} workers …", flush=True)
    outcomes: list[Outcome] = []

    def one(case: Case) -> Outcome:
        o = run_case(case, runner, work, inp, states, nobody)
        print(f"  {o.outcome:12s} {case.id:45s} {o.seconds:5.1f} s  {o.detail[:110]}", flush=True)
        return o

    with ThreadPoolExecutor(max_workers=workers) as pool:
        outcomes = list(pool.map(one, cases))
    seconds = time.perf_counter() - t0
    print()
    width = max(len(a) for a in ALGORITHMS)
    print(f"{'algorithm':{width}s} cases " + " ".join(f"{c:>12s}" for c in OUTCOMES))
    for alg in ALGORITHMS:
        mine = [o for o in outcomes if o.case.alg == alg]
        if mine:
            print(
                f"{alg:{width}s} {len(mine):5d} "
                + " ".join(f"{sum(o.outcome == c for o in mine):12d}" for c in OUTCOMES)
            )
    print(
        f"{'total':{width}s} {len(outcomes):5d} "
        + " ".join(f"{sum(o.outcome == c for o in outcomes):12d}" for c in OUTCOMES)
    )
    print(f"({seconds / 60:.1f} min)")
    if not args.only or args.out != ap.get_default("out"):
        args.out.parent.mkdir(parents=True, exist_ok=True)
        args.out.write_text(render(outcomes, args, started, seconds, args.parcels), encoding="utf-8")
        print(f"written {args.out}")
    if args.json:
        args.json.write_text(json.dumps([{"case": o.case.id, "alg": o.case.alg, "rule": o.case.rule,
                                          "outcome": o.outcome, "detail": o.detail, "seconds": round(o.seconds, 1),
                                          "command": o.command} for o in outcomes], ensure_ascii=False, indent=1))  # fmt: skip
    return 0 if all(o.outcome in ("ok", "clear error", "skipped") for o in outcomes) else 1


if __name__ == "__main__":
    sys.exit(main())
