#!/usr/bin/env python3
"""Build cddp_plugin/core/workspace/data/tambon_centres.csv from ../shared/data/thailand/sub_districts.csv
(kongvut/thai-province-data, MIT, the source of admin_codes.csv).

One row per tambon/khwaeng that has a centre in the source: ``code,lat,lon`` (3 decimals, ~100 m).
Bangkok's khwaeng have none there; :mod:`cddp_plugin.core.workspace.plausibility` uses Bangkok's
bounding box instead. Run again when the source data changes; the output is committed.
"""

import csv
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SRC = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT.parent / "shared" / "data" / "thailand"
OUT = ROOT / "cddp_plugin" / "core" / "workspace" / "data" / "tambon_centres.csv"


def main() -> None:
    with open(SRC / "sub_districts.csv", encoding="utf-8") as f:
        tambons = [r for r in csv.DictReader(f) if not r["deleted_at"] and r["lat"] and r["long"]]
    rows = []
    for t in tambons:
        lat, lon = float(t["lat"]), float(t["long"])
        if 5.0 <= lat <= 21.0 and 97.0 <= lon <= 106.0:  # a centre outside Thailand is a typo in the source
            rows.append((t["id"], f"{lat:.3f}", f"{lon:.3f}"))
    with open(OUT, "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["code", "lat", "lon"])
        w.writerows(sorted(rows))
    print(f"{OUT.relative_to(ROOT)}: {len(rows)} tambon centres")


if __name__ == "__main__":
    main()
