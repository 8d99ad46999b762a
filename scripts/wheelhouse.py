#!/usr/bin/env python3
"""Download the wheels of the packages CDDP installs into a QGIS profile (toolbelt/dependencies.py).

`make wheels` fills .cache/wheels for the stock-QGIS test (tests/qgis/test_stock_qgis.py installs from
it with --no-index, as a municipality without internet access would), and an administrator can use it
to prepare the same folder for offline PCs: ``python3 scripts/wheelhouse.py --out DIR --python 3.12
--platform win_amd64``. Run with the Python of the QGIS in question (default: /usr/bin/python3)."""

from __future__ import annotations

import argparse
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from cddp_plugin.toolbelt.dependencies import PACKAGES  # noqa: E402  (imports nothing from QGIS)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--out", default=str(ROOT / ".cache" / "wheels"))
    ap.add_argument("--python", help="target Python version, e.g. 3.12 (default: this interpreter's)")
    ap.add_argument("--platform", help="target platform tag, e.g. win_amd64 (default: this machine's)")
    args = ap.parse_args()
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    cmd = [sys.executable, "-m", "pip", "download", "--disable-pip-version-check", "--no-deps"]
    cmd += ["--only-binary=:all:", "-d", str(out)]
    if args.python:
        cmd += ["--python-version", args.python]
    if args.platform:
        cmd += ["--platform", args.platform]
    cmd += [f"{p.dist}=={p.pinned}" for p in PACKAGES]
    subprocess.run(cmd, check=True)
    wheels = sorted(p.name for p in out.glob("*.whl"))
    print(f"{len(wheels)} wheels in {out}")
    return 0 if len(wheels) >= len(PACKAGES) else 1


if __name__ == "__main__":
    sys.exit(main())
