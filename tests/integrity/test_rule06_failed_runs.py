"""Rule 6: a failed run leaves the workspace as it was, and re-running after a failure never duplicates.

* a workspace that cannot be created leaves no file behind (also with ``#`` and Thai in the path);
* an import whose output cannot be written fails before it writes the workspace;
* a write that meets a busy workspace changes nothing, and the re-run writes each row once;
* a writer killed (SIGKILL) at seeded random moments of a parcel import leaves an intact workspace
  that the re-run completes without duplicates.

Real data: the Prue Yai tax map (../shared/data/prueyai/parcel.geojson, first 1,500 parcels) and a
copy of the Prue Yai demo workspace (demo-output/).
"""

from __future__ import annotations

import os
import random
import shutil
import sqlite3
import subprocess
import sys
import time

import pytest
from qgis.core import QgsProcessingException

from cddp_plugin.core.common.errors import CddpError
from cddp_plugin.core.workspace import create, gpkg
from tests.conftest import ROOT, SHARED

PARCELS = SHARED / "prueyai" / "parcel.geojson"
DEMO = ROOT / "demo-output" / "prueyai.gpkg"
FLOOD = ROOT / "demo-output" / "prueyai_flood_drill.geojson"
N = 1500
ALL = 8823  # the whole tax map

pytestmark = pytest.mark.skipif(not (PARCELS.is_file() and DEMO.is_file()), reason="shared data not present")

IMPORT = """
import sys
sys.path.insert(0, sys.argv[1])
import geopandas as gpd
from cddp_plugin.core.land import jobs, parcels
gdf = gpd.read_file(sys.argv[3], rows=int(sys.argv[4]))
out, rep = parcels.prepare_parcels(gdf, "EPSG:32648", source_name="parcel.geojson")
print("READY", flush=True)
jobs.upsert_parcels(sys.argv[2], out, rep, "tester")
print("DONE", flush=True)
"""


def run(alg, params):
    import processing

    return processing.run(f"cddp:{alg}", params)


def state(path):
    con = sqlite3.connect(path)
    out = (
        con.execute("PRAGMA integrity_check").fetchone()[0],
        con.execute("SELECT count(*), count(DISTINCT uuid) FROM parcels").fetchone(),
        con.execute("SELECT count(*) FROM cddp_changelog").fetchone()[0],
        con.execute("SELECT count(*) FROM households").fetchone()[0],
    )
    con.close()
    return out


def import_parcels(ws, rows=N):
    res = subprocess.run(
        [sys.executable, "-c", IMPORT, str(ROOT), ws, str(PARCELS), str(rows)], capture_output=True, text=True
    )
    assert res.returncode == 0, res.stderr
    return res


@pytest.mark.parametrize("folder", ["plain", "งาน #1 ?"])
def test_a_failed_create_leaves_nothing(tmp_path, area, folder):
    target = tmp_path / folder
    target.mkdir()

    def broken(_tmp):
        raise CddpError("disk full")

    with pytest.raises(CddpError, match="disk full"):
        create.create_workspace(target / "ปรือใหญ่ #a.gpkg", area, crs="EPSG:32648", prepare=broken)
    assert os.listdir(target) == []
    with pytest.raises(CddpError, match="UTM 47N"):  # refused before anything is made
        create.create_workspace(target / "w.gpkg", area, crs="EPSG:3857")
    assert os.listdir(target) == []


def test_an_output_that_cannot_be_written_stops_the_run_before_the_workspace_changes(tmp_path, provider):
    ws = tmp_path / "prueyai.gpkg"
    shutil.copy(DEMO, ws)
    before = state(ws)
    bad = tmp_path / "missing-folder" / "rejected.csv"
    with pytest.raises(QgsProcessingException, match=r"cannot be written to .*missing-folder.*folder does not exist"):
        run("importparcels", {"INPUT": str(PARCELS), "WORKSPACE": str(ws), "REJECTED": str(bad)})
    assert state(ws) == before
    with pytest.raises(QgsProcessingException, match=r"cannot be written"):
        run("floodimpact", {"HAZARD": str(FLOOD), "WORKSPACE": str(ws), "HOUSEHOLDS": str(bad)})


def test_a_busy_workspace_changes_nothing_and_the_rerun_writes_once(core_workspace, monkeypatch):
    ws = core_workspace.path
    monkeypatch.setattr(gpkg, "BUSY_TIMEOUT_S", 0.5)
    import geopandas as gpd

    from cddp_plugin.core.land import jobs, parcels

    out, rep = parcels.prepare_parcels(gpd.read_file(PARCELS, rows=N), "EPSG:32648", source_name="parcel.geojson")
    other = sqlite3.connect(ws)
    other.execute("BEGIN EXCLUSIVE")
    with pytest.raises(CddpError, match="is busy"):
        jobs.upsert_parcels(ws, out, rep, "tester")
    other.rollback()
    other.close()
    assert state(ws)[1:3] == ((0, 0), 0)
    jobs.upsert_parcels(ws, out, rep, "tester")
    after = state(ws)
    assert after[0] == "ok" and after[1] == (N, N) and after[2] == N
    jobs.upsert_parcels(ws, out, rep, "tester")  # and once more: nothing new
    assert state(ws) == after


def test_killed_imports_leave_an_intact_workspace_and_reruns_never_duplicate(core_workspace):
    """3 SIGKILLs at seeded random moments of the write of all 8,823 parcels (seed 6), then a complete re-run."""
    ws = core_workspace.path
    rng = random.Random(6)
    kills = 0
    for _ in range(3):
        proc = subprocess.Popen(
            [sys.executable, "-c", IMPORT, str(ROOT), ws, str(PARCELS), str(ALL)],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        assert proc.stdout.readline().strip() == "READY"
        time.sleep(rng.uniform(0.0, 0.3))
        proc.kill()
        rest, _ = proc.communicate()
        kills += "DONE" not in rest  # killed before the write finished
        st = state(ws)  # opening it recovers a hot journal
        assert st[0] == "ok"
        assert st[1][0] in (0, ALL) and st[1][0] == st[1][1]  # no half batch, no duplicates
    assert kills >= 2
    import_parcels(ws, ALL)
    after = state(ws)
    assert after[0] == "ok" and after[1] == (ALL, ALL) and after[2] == ALL
    import_parcels(ws, ALL)
    assert state(ws) == after


# --- REJECTED outputs are written before the workspace ------------------------------------------------

TRAFFY = SHARED / "pathumwan" / "teamchadchart.csv"


def _digest(path):
    import hashlib

    return hashlib.sha256(open(path, "rb").read()).hexdigest()


@pytest.mark.skipif(not TRAFFY.is_file(), reason="shared data not present")
@pytest.mark.parametrize("where", ["under a file", "a folder", "a name too long", "a PostGIS server down"])
def test_an_unwritable_rejected_output_leaves_the_workspace_byte_identical(tmp_path, provider, where):
    """Bangkok's 1,000 real complaints into Pathum Wan with a REJECTED output that cannot be written:
    under a regular file, at the path of a folder, or with a Thai name longer than the file system allows
    (GDAL wrote nothing there and the run reported the file as written): refused before the run, saying
    why; or into a PostGIS table whose server is down: that fails only when the output is created,
    which is now before the import (it used to have committed 997 complaints by then)."""
    from cddp_plugin.core.workspace import dopa

    ws = create.create_workspace(tmp_path / "pathumwan.gpkg", dopa.parse_municipality_code("1007"),
                                 crs="EPSG:32647", user="tester").path  # fmt: skip
    (tmp_path / "file.txt").write_text("not a folder")
    (tmp_path / "rejected.csv").mkdir()
    long_name = "เรื่องร้องเรียนที่ไม่ได้นำเข้า " * 4 + ".csv"  # 128 letters, 368 bytes
    bad, message = {
        "under a file": (tmp_path / "file.txt" / "rejected.csv", "the folder does not exist. Choose another file"),
        "a folder": (tmp_path / "rejected.csv", "a folder of that name is in the way. Choose another file"),
        "a name too long": (tmp_path / long_name, "longer than the file system allows"),
        "a PostGIS server down": (
            'postgres:dbname=\'cddp\' host=127.0.0.1 port=1 connect_timeout=2 table="public"."rejected"',
            "Could not create layer",
        ),
    }[where]
    before, files = _digest(ws), sorted(os.listdir(tmp_path))
    with pytest.raises(QgsProcessingException) as err:
        run("importcomplaints", {"INPUT": str(TRAFFY), "WORKSPACE": ws, "REJECTED": str(bad)})
    assert message in str(err.value) and "Traceback" not in str(err.value)
    assert _digest(ws) == before and sorted(os.listdir(tmp_path)) == files
    con = sqlite3.connect(ws)
    assert con.execute("SELECT count(*), (SELECT count(*) FROM cddp_changelog) FROM complaints").fetchone() == (0, 0)
    con.close()
    out = run("importcomplaints", {"INPUT": str(TRAFFY), "WORKSPACE": ws, "REJECTED": str(tmp_path / "ok.csv")})
    assert (out["INSERTED"], out["REJECTED_COUNT"]) == (997, 3)  # the re-run writes each complaint once
    again = run("importcomplaints", {"INPUT": str(TRAFFY), "WORKSPACE": ws})
    assert (again["INSERTED"], again["UPDATED"]) == (0, 0)
