#!/usr/bin/env python3
"""What the CDDP plugin adds to QGIS start-up (goal: < 200 ms), measured in the real QGIS desktop
under Xvfb, against QGIS's own bundled Python plugins measured the same way in the same run.

1. Cold load inside QGIS: unload the plugin, forget its modules, then time loadPlugin + startPlugin
   (import, classFactory, initGui) — what QGIS does for it at start-up. Same for MetaSearch and
   DB Manager, which ship with QGIS.
2. Whole start-up: wall time from starting `qgis` to the first event-loop callback, with the plugin
   enabled and disabled (fresh profile each run; median of N).
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))
import qgis_session  # noqa: E402

PEERS = ("MetaSearch", "db_manager")


def startup_runs(enabled: bool, runs: int) -> list[float]:
    times = []
    for _ in range(runs):
        base = Path(tempfile.mkdtemp(prefix="cddp-bench-"))
        qgis_session.make_profile(base, None, "th", enable_plugin=enabled)
        report = qgis_session.run_qgis(base, {"startup_only": True})
        times.append(report["startup_s"])
    return times


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--json", type=Path)
    args = ap.parse_args()

    base = Path(tempfile.mkdtemp(prefix="cddp-bench-"))
    qgis_session.make_profile(base, None, "th")
    report = qgis_session.run_qgis(base, {"load_repeats": args.runs, "compare_plugins": list(PEERS)})
    if not report.get("ok"):
        print(report.get("error"))
        return 1
    ours = statistics.median(report["cold_load_ms"])
    print("Cold load inside QGIS 3.40 (import + classFactory + initGui), median of", args.runs)
    print(f"  cddp_plugin     {ours:7.1f} ms")
    result = {"cold_load_ms": {"cddp_plugin": ours}}
    for peer, times in report.get("compare_ms", {}).items():
        med = statistics.median(times)
        result["cold_load_ms"][peer] = med
        print(f"  {peer:15s} {med:7.1f} ms   (cddp/{peer} = {ours / med:.2f}×)")

    with_plugin = startup_runs(True, args.runs)
    without = startup_runs(False, args.runs)
    w, wo = statistics.median(with_plugin), statistics.median(without)
    print(f"QGIS start-up to first event-loop callback, median of {args.runs} (fresh profile each):")
    print(f"  with CDDP    {w:6.2f} s   {sorted(round(t, 2) for t in with_plugin)}")
    print(f"  without      {wo:6.2f} s   {sorted(round(t, 2) for t in without)}")
    print(
        f"  difference   {(w - wo) * 1000:+6.0f} ms (goal < 200 ms; run-to-run spread is ~±{(max(without) - min(without)) * 500:.0f} ms)"
    )
    result["startup_s"] = {"with": with_plugin, "without": without}
    if args.json:
        args.json.write_text(json.dumps(result, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
