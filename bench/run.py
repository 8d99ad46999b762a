#!/usr/bin/env python3
"""`make bench`: run every benchmark in bench/ and print its figures (record them in bench/RESULTS.md)."""

import subprocess
import sys
from pathlib import Path

BENCHES = (
    "startup.py",
    "linking.py",
    "imports.py",
    "fileio.py",
    "pci.py",
    "lighting.py",
    "workorders.py",
    "plan.py",
    "councilmap.py",
    "server.py",
    "server_load.py",
)


def main() -> int:
    here = Path(__file__).resolve().parent
    rc = 0
    for name in BENCHES:
        print(f"### {name}")
        rc |= subprocess.run([sys.executable, str(here / name)]).returncode
    return rc


if __name__ == "__main__":
    sys.exit(main())
