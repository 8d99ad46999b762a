#!/usr/bin/env python3
"""ASTM D6433 PCI of asphalt sample units (goal: 10,000 units with 5 distresses each in < 2 s).

For 1k, 10k and 100k sample units of 225 ± 90 m² with 5 random distresses each (any of the 19 types,
L/M/H, densities log-uniform over 0.01–20 %, potholes 20 times sparser), times in the same run:

- ``pci_arrays``: the vectorised (numpy) path on numeric columns;
- ``pci_by_unit``: the vectorised path from Python ``Distress`` records keyed by unit id, which is
  how a Processing algorithm calls it after reading features;
- ``pci_sample_unit``: the plain per-unit Python path, one call per sample unit (the peer);

and prints seconds per size, the per-unit / vectorised ratio, and the largest difference between
the two results. Best of ``--repeat`` runs for the vectorised paths, one run for the per-unit one.
"""

from __future__ import annotations

import argparse
import os
import platform
import sys
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from cddp_plugin.core.roads import pci

SEVERITIES = np.array(["L", "M", "H"])


def survey(n_units: int, per_unit: int, seed: int):
    rng = np.random.default_rng(seed)
    areas = rng.uniform(135.0, 315.0, n_units)
    unit = np.repeat(np.arange(n_units), per_unit)
    types = rng.integers(1, 20, unit.size)
    sevs = SEVERITIES[rng.integers(0, 3, unit.size)]
    density = 10 ** rng.uniform(-2.0, np.log10(20.0), unit.size)
    density = np.where(types == 13, density / 20.0, density)
    qty = density / 100.0 * areas[unit]
    return areas, unit, types, sevs, qty


def best_of(repeat: int, fn) -> tuple[float, object]:
    best, result = float("inf"), None
    for _ in range(repeat):
        t0 = time.perf_counter()
        result = fn()
        best = min(best, time.perf_counter() - t0)
    return best, result


def run_size(n: int, per_unit: int, repeat: int) -> str:
    areas, unit, types, sevs, qty = survey(n, per_unit, seed=n)
    t_arrays, fast = best_of(repeat, lambda: pci.pci_arrays(areas, unit, types, sevs, qty))

    ids = [f"SU-{u}" for u in range(n)]
    area_by_id = dict(zip(ids, areas.tolist(), strict=True))
    columns = (unit.tolist(), types.tolist(), sevs.tolist(), qty.tolist())
    records = [pci.Distress(t, s, q, sample_unit=ids[u]) for u, t, s, q in zip(*columns, strict=True)]
    t_by_unit, by_unit = best_of(repeat, lambda: pci.pci_by_unit(area_by_id, records))

    per_unit_records = [[] for _ in range(n)]
    for u, t, s, q in zip(*columns, strict=True):
        per_unit_records[u].append(pci.Distress(t, s, q))
    area_list = areas.tolist()
    t_slow, slow = best_of(1, lambda: [pci.pci_sample_unit(per_unit_records[u], area_list[u]).pci for u in range(n)])

    slow = np.asarray(slow)
    diff = max(
        float(np.max(np.abs(fast - slow))),
        float(np.max(np.abs(np.array([by_unit[i] for i in ids]) - slow))),
    )
    return (
        f"{n:>8} {unit.size:>8} {t_arrays:>13.3f} {t_by_unit:>14.3f} {t_slow:>11.3f} "
        f"{t_slow / t_arrays:>6.0f}× {diff:>11.1e}"
    )


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", type=int, nargs="+", default=[1_000, 10_000, 100_000])
    ap.add_argument("--per-unit", type=int, default=5, help="distresses per sample unit")
    ap.add_argument("--repeat", type=int, default=3)
    args = ap.parse_args()

    print(
        f"PCI benchmark: {platform.python_implementation()} {platform.python_version()}, numpy {np.__version__}, "
        f"{os.cpu_count()} CPUs, {platform.machine()}"
    )
    pci.pci_arrays([225.0], [0], [1], ["L"], [1.0])  # load the curves once, outside the timings
    header = (
        f"{'units':>8} {'records':>8} {'pci_arrays s':>13} {'pci_by_unit s':>14} {'per-unit s':>11} "
        f"{'ratio':>7} {'max |diff|':>11}"
    )
    print(header)
    print("-" * len(header))
    for n in args.sizes:
        print(run_size(n, args.per_unit, args.repeat), flush=True)
    print("ratio = per-unit pure-Python seconds / pci_arrays seconds; max |diff| between the two paths' PCIs")
    return 0


if __name__ == "__main__":
    sys.exit(main())
