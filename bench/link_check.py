#!/usr/bin/env python3
"""Are the links the same? Link a workspace's households in place with the plugin of a given source tree and
print fingerprints of what was written, to compare two versions of the code on the same inputs.

Copies WORKSPACE (a workspace with parcels and households imported, e.g. by bench/imports.py), runs
``cddp:linkhouseholds`` in place on the copy and prints the SHA-256 of

* ``links``: every household's fid, uuid, parcel_id, link_method, link_confidence, link_distance_m,
  link_candidates and updated_by;
* ``log``: every change-log entry the run wrote, without its change_id and changed_at (random, the clock).

    git archive HEAD cddp_plugin | tar -x -C /tmp/head          # the code before a change
    .venv/bin/python bench/link_check.py WS.gpkg --root /tmp/head
    .venv/bin/python bench/link_check.py WS.gpkg                # this checkout: the same two lines
"""

from __future__ import annotations

import argparse
import hashlib
import os
import shutil
import sqlite3
import sys
import tempfile
import time
from pathlib import Path


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("workspace")
    ap.add_argument("--root", default=str(Path(__file__).resolve().parent.parent), help="holds cddp_plugin/")
    args = ap.parse_args()
    sys.path[:0] = [args.root, "/usr/share/qgis/python/plugins"]
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from qgis.core import QgsApplication, QgsVectorLayer

    app = QgsApplication([], False)
    app.initQgis()
    import processing
    from processing.core.Processing import Processing

    Processing.initialize()
    from cddp_plugin.processing.provider import CddpProvider

    provider = CddpProvider()
    QgsApplication.processingRegistry().addProvider(provider)
    with tempfile.TemporaryDirectory() as tmp:
        ws = os.path.join(tmp, "ws.gpkg")
        shutil.copy(args.workspace, ws)
        con = sqlite3.connect(ws)
        seq = con.execute("SELECT coalesce(max(seq), 0) FROM cddp_changelog").fetchone()[0]
        con.close()
        households = QgsVectorLayer(f"{ws}|layername=households", "households", "ogr")
        parcels = QgsVectorLayer(f"{ws}|layername=parcels", "parcels", "ogr")
        t0 = time.perf_counter()
        res = processing.run("cddp:linkhouseholds", {"HOUSEHOLDS": households, "PARCELS": parcels})
        took = time.perf_counter() - t0
        del households, parcels
        con = sqlite3.connect(ws)
        links = hashlib.sha256()
        for row in con.execute("SELECT fid, uuid, parcel_id, link_method, link_confidence, link_distance_m,"
                               " link_candidates, updated_by FROM households ORDER BY fid"):  # fmt: skip
            links.update(repr(row).encode())
        log, entries = hashlib.sha256(), 0
        for row in con.execute("SELECT layer, feature_uuid, fid, op, base_version, old_values, new_values, changed_by,"
                               " pushed_at FROM cddp_changelog WHERE seq > ? ORDER BY fid, seq", (seq,)):  # fmt: skip
            log.update(repr(row).encode())
            entries += 1
        con.close()
    print(f"linked {res['LINKED']} in {took:.2f} s (load {os.getloadavg()[0]:.2f}) with {args.root}")
    print(f"links {links.hexdigest()}")
    print(f"log {log.hexdigest()} ({entries} entries)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
