#!/usr/bin/env python3
"""Build cddp_plugin/core/workspace/data/admin_codes.csv from ../shared/data/thailand (kongvut/thai-province-data, MIT).

The plugin ships this compact derived list so that DOPA codes can be validated and named offline.
Run again when the source data changes; the output is committed.
"""

import csv
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SRC = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT.parent / "shared" / "data" / "thailand"
OUT = ROOT / "cddp_plugin" / "core" / "workspace" / "data" / "admin_codes.csv"


def main() -> None:
    with open(SRC / "provinces.csv", encoding="utf-8") as f:
        provinces = {r["id"]: r for r in csv.DictReader(f) if not r["deleted_at"]}
    with open(SRC / "districts.csv", encoding="utf-8") as f:
        districts = [r for r in csv.DictReader(f) if not r["deleted_at"]]
    with open(SRC / "sub_districts.csv", encoding="utf-8") as f:
        tambons = [r for r in csv.DictReader(f) if not r["deleted_at"]]
    rows = {}
    for d in districts:
        p = provinces[d["province_id"]]
        rows[d["id"][:2]] = (d["id"][:2], "province", p["name_th"], p["name_en"], "")
        rows[d["id"]] = (d["id"], "amphoe", d["name_th"].strip(), d["name_en"].strip(), "")
    for t in tambons:
        rows[t["id"]] = (t["id"], "tambon", t["name_th"].strip(), t["name_en"].strip(), t["zip_code"])
    OUT.parent.mkdir(parents=True, exist_ok=True)
    with open(OUT, "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["code", "level", "name_th", "name_en", "postcode"])
        for key in sorted(rows):
            w.writerow(rows[key])
    print(f"{OUT.relative_to(ROOT)}: {len(rows)} codes")


if __name__ == "__main__":
    main()
