#!/usr/bin/env python3
"""Kill every writing algorithm at random moments, then check the workspace and re-run it.

For each writing algorithm (importparcels, importhouseholds, linkhouseholds, importroads, segmentroads,
roadcondition, importstreetlights, streetlightstatus, importcomplaints, generateworkorders,
changeworkorder), run through ``scripts/cddp-process`` (qgis_process with the plugin) as a municipality's
scheduled job would:

1. Build the workspace state the algorithm starts from ("before") from real data in ../shared/data:
   a ~1,200-parcel window of the Prue Yai tax map and the buildings in it (land), and Pathum Wan's
   OpenStreetMap roads and lamps with the 1,000 real Traffy Fondue complaints (roads, lighting, works).
2. Run it cleanly twice from "before": the second run tells which columns change from run to run
   (uuids, timestamps: left out of the comparison); the first gives the "after" state.
3. ``--kills`` times: start it from "before", SIGKILL it at a seeded random moment, then check
   * ``PRAGMA integrity_check`` is ``ok`` (opening the file first recovers a crashed run's journal),
   * no half batch: every table's rows equal either the "before" or the "after" state,
   * re-running it finishes (exit 0, or the clear refusal a clean second run gives too) with the
     same rows as a clean single run: nothing lost, nothing doubled.
   Half of the kills fall at a random time in the run; the other half wait until the run holds
   the write lock (its rollback journal exists) and kill it a random 0–40 ms later, mid-transaction.

Seeded: the same ``--seed`` kills at the same moments (the machine's speed decides what is running
then). Runs in a few minutes on 2 cores (11 algorithms × (2 + 2 × kills) runs of qgis_process).

    .venv/bin/python scripts/kill_rerun.py                      # 3 kills per algorithm, seed 2569
    .venv/bin/python scripts/kill_rerun.py --kills 5 --seed 7
    .venv/bin/python scripts/kill_rerun.py --algorithms importparcels linkhouseholds --kills 2

Prints a table of runs and outcomes; exits 1 when any kill broke the workspace or a re-run differed.
"""

from __future__ import annotations

import argparse
import hashlib
import itertools
import json
import os
import random
import shutil
import signal
import sqlite3
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SHARED = Path(os.environ.get("CDDP_SHARED_DATA", ROOT.parent / "shared" / "data"))
CDDP_PROCESS = ROOT / "scripts" / "cddp-process"
ALGORITHMS = ("importparcels", "importhouseholds", "linkhouseholds", "importroads", "segmentroads", "roadcondition",
              "importstreetlights", "streetlightstatus", "importcomplaints", "generateworkorders", "changeworkorder")  # fmt: skip
# columns that differ from run to run by design (ids, clocks, who): never compared
VOLATILE_NAMES = ("uuid", "fid", "id", "ts", "timestamp", "last_change", "updated_by", "changed_by", "created_by")
VOLATILE_SUFFIXES = ("_uuid", "_at", "_id_seq")


# --- running qgis_process ----------------------------------------------------------------------------


class Runner:
    def __init__(self, work: Path):
        self.profile = work / "profile"
        self.env = dict(os.environ, CDDP_QGIS_PROFILE=str(self.profile), QT_QPA_PLATFORM="offscreen")

    def command(self, alg: str, params: dict) -> list[str]:
        return [str(CDDP_PROCESS), "run", f"cddp:{alg}", "--", *(f"{k}={v}" for k, v in params.items())]

    def run(self, alg: str, params: dict, check: bool = True) -> subprocess.CompletedProcess:
        proc = subprocess.run(self.command(alg, params), capture_output=True, text=True, env=self.env, timeout=900)
        if check and proc.returncode != 0:
            raise SystemExit(f"cddp:{alg} failed:\n{proc.stdout[-3000:]}\n{proc.stderr[-3000:]}")
        return proc

    def start(self, alg: str, params: dict) -> subprocess.Popen:
        return subprocess.Popen(self.command(alg, params), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                                env=self.env, start_new_session=True)  # fmt: skip


def kill(proc: subprocess.Popen) -> None:
    """SIGKILL the process group this script started for the run (qgis_process and anything it spawned)."""
    try:
        os.killpg(proc.pid, signal.SIGKILL)
    except ProcessLookupError:
        pass
    proc.wait()


# --- workspace states --------------------------------------------------------------------------------


def _volatile(name: str) -> bool:
    n = name.lower()
    return n in VOLATILE_NAMES or n.endswith(VOLATILE_SUFFIXES)


def snapshot(path: Path) -> dict[str, tuple[int, dict[str, str]]]:
    """table → (row count, column → hash of the column's sorted values). Opening the file recovers the
    journal a killed run left (SQLite rolls it back), as any program opening it would."""
    con = sqlite3.connect(path)
    try:
        tables = [r[0] for r in con.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE 'rtree_%'")]  # fmt: skip
        state = {}
        for t in tables:
            cols = [r[1] for r in con.execute(f'PRAGMA table_info("{t}")')]
            n = con.execute(f'SELECT count(*) FROM "{t}"').fetchone()[0]
            hashes = {}
            for c in cols:
                if _volatile(c):
                    continue
                h = hashlib.sha256()
                for (v,) in con.execute(f'SELECT "{c}" FROM "{t}" ORDER BY 1'):
                    h.update(repr(v).encode())
                hashes[c] = h.hexdigest()[:16]
            state[t] = (n, hashes)
        return state
    finally:
        con.close()


def differs(a: dict, b: dict, ignore: dict[str, set]) -> list[str]:
    """Tables (and columns) whose rows differ between two snapshots, leaving out ``ignore``d columns."""
    out = []
    for t in sorted(set(a) | set(b)):
        if t not in a or t not in b:
            out.append(f"{t} (missing)")
            continue
        (na, ha), (nb, hb) = a[t], b[t]
        if na != nb:
            out.append(f"{t} {na}→{nb} rows")
            continue
        cols = [c for c in ha if c not in ignore.get(t, set()) and ha.get(c) != hb.get(c)]
        if cols:
            out.append(f"{t}.{','.join(cols[:3])}")
    return out


def volatile_columns(a: dict, b: dict) -> dict[str, set]:
    """Columns that differ between two clean runs from the same state: run-to-run values."""
    out: dict[str, set] = {}
    for t in set(a) & set(b):
        out[t] = {c for c in a[t][1] if a[t][1].get(c) != b[t][1].get(c)}
        if a[t][0] != b[t][0]:
            out[t] = set(a[t][1])  # a table whose count differs between clean runs: counts only (never seen)
    return out


def integrity(path: Path) -> str:
    con = sqlite3.connect(path)
    try:
        return con.execute("PRAGMA integrity_check").fetchone()[0]
    finally:
        con.close()


def journal_of(path: Path) -> list[Path]:
    return [p for p in (Path(f"{path}-journal"), Path(f"{path}-wal")) if p.exists() and p.stat().st_size > 0]


# --- the real data, small ----------------------------------------------------------------------------


def land_inputs(work: Path, n_parcels: int) -> tuple[Path, Path]:
    """A window of the Prue Yai tax map (the ``n_parcels`` nearest its densest built-up spot) and the
    buildings inside it, as GeoJSON files the import algorithms read like the originals."""
    import geopandas as gpd
    import numpy as np

    parcels = gpd.read_file(SHARED / "prueyai" / "parcel.geojson")
    buildings = gpd.read_file(SHARED / "prueyai" / "building.geojson")
    metric = buildings.to_crs(32648).geometry.make_valid().representative_point()
    x, y = np.nanmedian(metric.x), np.nanmedian(metric.y)  # a few buildings are empty geometries
    centres = parcels.to_crs(32648).geometry.make_valid().representative_point()
    near = np.argsort(np.nan_to_num(((centres.x - x) ** 2 + (centres.y - y) ** 2).to_numpy(), nan=np.inf))[:n_parcels]
    window = parcels.iloc[np.sort(near)]
    inside = metric.within(window.to_crs(32648).geometry.make_valid().buffer(5).union_all())
    pc, hh = work / "parcels.geojson", work / "buildings.geojson"
    window.to_file(pc, driver="GeoJSON")
    buildings[inside.to_numpy()].to_file(hh, driver="GeoJSON")
    return pc, hh


def area_file(work: Path) -> Path:
    import geopandas as gpd

    khwaeng = gpd.read_file(SHARED / "pathumwan" / "subdistricts_180.geojson")
    area = work / "pathumwan_area.geojson"
    khwaeng[khwaeng["District"].astype(str) == "1007"].dissolve()[["geometry"]].to_file(area, driver="GeoJSON")
    return area


def add_inspections(ws: Path) -> None:
    """PASER ratings on every section (seeded, labelled DEMO), as an inspector would enter them."""
    sys.path.insert(0, str(ROOT))
    sys.path.insert(0, str(ROOT / "scripts"))
    import demo

    demo.demo_inspections(ws)


def first_order(ws: Path) -> str:
    con = sqlite3.connect(ws)
    try:
        row = con.execute(
            "SELECT wo_number FROM work_orders WHERE status = 'new' ORDER BY wo_number LIMIT 1"
        ).fetchone()
    finally:
        con.close()
    if row is None:
        raise SystemExit("no new work order to change")
    return row[0]


@dataclass
class Case:
    alg: str
    before: Path  # the workspace the algorithm starts from (kept read-only; copied for every run)
    params: dict  # {WS} stands for the run's workspace path


def build_cases(runner: Runner, work: Path, wanted: set[str], n_parcels: int) -> list[Case]:
    """Each algorithm's starting workspace, built once by the algorithms before it."""
    states = work / "states"
    states.mkdir()
    cases: list[Case] = []

    def keep(ws: Path, name: str) -> Path:
        dst = states / f"{name}.gpkg"
        shutil.copy(ws, dst)
        return dst

    need_land = wanted & {"importparcels", "importhouseholds", "linkhouseholds"}
    if need_land:
        pc, hh = land_inputs(work, n_parcels)
        ws = work / "build_land.gpkg"
        runner.run("createworkspace", {"OUTPUT": ws, "MUNICIPALITY_CODE": "330506", "CRS": "EPSG:32648"})
        steps = [("importparcels", {"INPUT": pc, "WORKSPACE": "{WS}"}),
                 ("importhouseholds", {"INPUT": hh, "WORKSPACE": "{WS}"}),
                 ("linkhouseholds", {"HOUSEHOLDS": "{WS}|layername=households", "PARCELS": "{WS}|layername=parcels"})]  # fmt: skip
        for alg, params in steps:
            before = keep(ws, f"before_{alg}")
            cases.append(Case(alg, before, params))
            if not (wanted & set(ALGORITHMS[ALGORITHMS.index(alg) + 1 : 3])):
                break
            runner.run(alg, {k: str(v).replace("{WS}", str(ws)) for k, v in params.items()})

    road_algs = set(ALGORITHMS[3:])
    if wanted & road_algs:
        osm = SHARED / "pathumwan" / "pathumwan.osm.pbf"
        ws = work / "build_roads.gpkg"
        runner.run("createworkspace", {"OUTPUT": ws, "MUNICIPALITY_CODE": "1007", "CRS": "EPSG:32647"})
        area = area_file(work)
        complaints = SHARED / "pathumwan" / "teamchadchart.csv"

        def step(alg: str, params: dict, then=None):
            cases.append(Case(alg, keep(ws, f"before_{alg}"), params))
            runner.run(alg, {k: str(v).replace("{WS}", str(ws)) for k, v in params.items()})
            if then:
                then(ws)

        step("importroads", {"INPUT": osm, "WORKSPACE": "{WS}"})
        step("segmentroads", {"WORKSPACE": "{WS}", "LENGTH": 100}, then=add_inspections)
        step("roadcondition", {"WORKSPACE": "{WS}"})
        step("importstreetlights", {"INPUT": osm, "WORKSPACE": "{WS}"})
        step("streetlightstatus", {"WORKSPACE": "{WS}"})
        step("importcomplaints", {"INPUT": complaints, "WORKSPACE": "{WS}", "AREA": area, "AREA_LABEL": "เขตปทุมวัน"})
        step("generateworkorders", {"WORKSPACE": "{WS}"})
        order = first_order(ws)
        cases.append(Case("changeworkorder", keep(ws, "before_changeworkorder"),
                          {"WORKSPACE": "{WS}", "ORDER": order, "STATUS": 1, "NOTE": "kill_rerun: รับเรื่องแล้ว"}))  # fmt: skip
    return [c for c in cases if c.alg in wanted]


# --- one algorithm -----------------------------------------------------------------------------------

MODES = ("timed", "in-write")
_KILL_NUMBER = itertools.count()


@dataclass
class Kill:
    mode: str
    at_s: float
    mid_write: bool
    integrity: str
    state: str  # before / after / HALF
    rerun: str  # same / DIFF … / FAILED …
    detail: str = ""

    @property
    def ok(self) -> bool:
        return self.integrity == "ok" and self.state in ("before", "after") and self.rerun == "same"


@dataclass
class Result:
    alg: str
    clean_s: float
    kills: list[Kill] = field(default_factory=list)
    ignored: dict = field(default_factory=dict)  # table → columns that differ between two clean runs


def params_for(case: Case, ws: Path) -> dict:
    return {k: str(v).replace("{WS}", str(ws)) for k, v in case.params.items()}


def fresh(case: Case, work: Path, name: str) -> Path:
    ws = work / f"{case.alg}_{name}.gpkg"
    for p in (ws, Path(f"{ws}-journal"), Path(f"{ws}-wal"), Path(f"{ws}-shm")):
        p.unlink(missing_ok=True)
    shutil.copy(case.before, ws)
    return ws


def run_case(runner: Runner, case: Case, work: Path, kills: int, rng: random.Random) -> Result:
    before = snapshot(case.before)
    ws_a = fresh(case, work, "clean1")
    t0 = time.perf_counter()
    runner.run(case.alg, params_for(case, ws_a))
    clean_s = time.perf_counter() - t0
    ws_b = fresh(case, work, "clean2")
    runner.run(case.alg, params_for(case, ws_b))
    after, after2 = snapshot(ws_a), snapshot(ws_b)
    ignore = volatile_columns(after, after2)
    # what a second run on a finished workspace gives (a clean refusal is fine when a re-run also gets it)
    again = runner.run(case.alg, params_for(case, ws_b), check=False)
    again_state = snapshot(ws_b)
    result = Result(case.alg, clean_s)
    result.ignored = {t: sorted(c) for t, c in ignore.items() if c}
    for k in range(kills):
        mode = MODES[next(_KILL_NUMBER) % 2]  # alternating over all kills of the run
        ws = fresh(case, work, f"kill{k}")
        proc = runner.start(case.alg, params_for(case, ws))
        started = time.perf_counter()
        mid = False
        if mode == "timed":
            at = rng.uniform(0.15, 1.0) * clean_s
            while time.perf_counter() - started < at and proc.poll() is None:
                time.sleep(0.002)
        else:
            delay = rng.uniform(0.0, 0.04)
            deadline = started + 3 * clean_s + 10
            while proc.poll() is None and not journal_of(ws) and time.perf_counter() < deadline:
                time.sleep(0.0005)
            if journal_of(ws):
                time.sleep(delay)
        at_s = time.perf_counter() - started
        finished = proc.poll() is not None
        kill(proc)
        mid = bool(journal_of(ws)) and not finished
        state_after_kill = snapshot(ws)  # opening recovers (rolls back) a half-written transaction
        check = integrity(ws)
        if not differs(state_after_kill, before, ignore):
            state = "before"
        elif not differs(state_after_kill, after, ignore):
            state = "after"
        else:
            state = "HALF"
        rerun = runner.run(case.alg, params_for(case, ws), check=False)
        final = snapshot(ws)
        if state == "after":  # the killed run had committed: a re-run is a second run
            want, ok_code = again_state, again.returncode
        else:
            want, ok_code = after, 0
        diff = differs(final, want, ignore)
        if rerun.returncode != ok_code:
            verdict = f"FAILED (exit {rerun.returncode})"
            detail = (rerun.stdout + rerun.stderr).strip().splitlines()[-1:] or [""]
            detail = detail[0][:120]
        elif diff:
            verdict, detail = "DIFF", "; ".join(diff[:4])
        else:
            verdict, detail = "same", ""
        if state == "HALF":
            detail = "; ".join(differs(state_after_kill, before, ignore)[:3]) + " " + detail
        result.kills.append(Kill(mode, at_s, mid, check, state, verdict, detail.strip()))
        for p in (ws, Path(f"{ws}-journal")):
            p.unlink(missing_ok=True)
    for p in (ws_a, ws_b):
        p.unlink(missing_ok=True)
    return result


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--seed", type=int, default=2569)
    ap.add_argument("--kills", type=int, default=3, help="kills per algorithm (default 3)")
    ap.add_argument("--algorithms", nargs="*", default=list(ALGORITHMS), choices=ALGORITHMS)
    ap.add_argument("--parcels", type=int, default=1200, help="parcels in the Prue Yai window (default 1200)")
    ap.add_argument("--json", type=Path, help="also write the outcomes as JSON here")
    ap.add_argument("--work", type=Path, help="working folder (default: a temporary one, removed afterwards)")
    ap.add_argument("--verbose", action="store_true", help="also list the run-to-run columns left out per algorithm")
    args = ap.parse_args(argv)
    if not SHARED.is_dir():
        raise SystemExit(f"shared data not found at {SHARED} (set CDDP_SHARED_DATA)")
    rng = random.Random(args.seed)
    work = args.work or Path(tempfile.mkdtemp(prefix="cddp_kill_"))
    work.mkdir(parents=True, exist_ok=True)
    t0 = time.perf_counter()
    try:
        runner = Runner(work)
        cases = build_cases(runner, work, set(args.algorithms), args.parcels)
        results = []
        for case in sorted(cases, key=lambda c: ALGORITHMS.index(c.alg)):
            results.append(run_case(runner, case, work, args.kills, rng))
            r = results[-1]
            print(f"  {r.alg}: clean run {r.clean_s:.1f} s, {sum(k.ok for k in r.kills)}/{len(r.kills)} kills ok",
                  flush=True)  # fmt: skip
            if args.verbose:
                print(f"    not compared (differ between two clean runs): {r.ignored}", flush=True)
    finally:
        if args.work is None:
            shutil.rmtree(work, ignore_errors=True)
    print(f"\nseed {args.seed}, {args.kills} kills per algorithm, {time.perf_counter() - t0:.0f} s\n")
    head = f"{'algorithm':20s} {'kill':>4s} {'mode':8s} {'at s':>6s} {'mid-write':9s} {'integrity':9s} {'state':6s} {'re-run':8s} detail"
    print(head)
    print("-" * len(head))
    bad = 0
    for r in results:
        for i, k in enumerate(r.kills):
            bad += not k.ok
            print(f"{r.alg:20s} {i + 1:4d} {k.mode:8s} {k.at_s:6.2f} {('yes' if k.mid_write else 'no'):9s} "
                  f"{k.integrity[:9]:9s} {k.state:6s} {k.rerun[:8]:8s} {k.detail}")  # fmt: skip
    total = sum(len(r.kills) for r in results)
    mid = sum(k.mid_write for r in results for k in r.kills)
    states = {s: sum(k.state == s for r in results for k in r.kills) for s in ("before", "after", "HALF")}
    print(f"\n{total} kills ({mid} mid-write): {total - bad} ok, {bad} broken; left as before {states['before']}, "
          f"as after {states['after']}, half {states['HALF']}")  # fmt: skip
    if args.json:
        args.json.write_text(json.dumps([{"alg": r.alg, "clean_s": r.clean_s, "kills": [k.__dict__ | {"ok": k.ok} for k in r.kills]}
                                         for r in results], ensure_ascii=False, indent=1))  # fmt: skip
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
