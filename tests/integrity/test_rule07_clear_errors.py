"""Rule 7: clear errors, never tracebacks — read-only, busy, older/newer, crashed workspaces; paths
with ``#``, ``?``, spaces and Thai; curved geometries; empty, HTML and truncated data files.

Real GeoPackages made by ``create_workspace`` / ``cddp:createworkspace``, the Prue Yai demo workspace
(copied from demo-output/) and the real Prue Yai tax map from ../shared/data.
"""

from __future__ import annotations

import json
import os
import shutil
import sqlite3
import subprocess
import sys
import threading
import time

import geopandas as gpd
import pytest
from qgis.core import QgsProcessingException, QgsVectorLayer

from cddp_plugin.core.common.errors import CddpError
from cddp_plugin.core.land import jobs as land_jobs
from cddp_plugin.core.land import parcels
from cddp_plugin.core.workspace import create, files, gpkg, meta, schema
from tests.conftest import ROOT, SHARED

PARCELS = SHARED / "prueyai" / "parcel.geojson"
DEMO = ROOT / "demo-output" / "prueyai.gpkg"
FLOOD = ROOT / "demo-output" / "prueyai_flood_drill.geojson"

pytestmark = pytest.mark.skipif(not (PARCELS.is_file() and DEMO.is_file()), reason="shared data or demo not present")


def run(alg, params):
    import processing

    return processing.run(f"cddp:{alg}", params)


@pytest.fixture(scope="module")
def tax_map():
    """The first 400 parcels of the Prue Yai tax map, prepared for the workspace (UTM 48N)."""
    gdf = gpd.read_file(PARCELS, rows=400)
    return parcels.prepare_parcels(gdf, "EPSG:32648", source_name="parcel.geojson")


@pytest.fixture
def demo(tmp_path):
    path = tmp_path / "prueyai.gpkg"
    shutil.copy(DEMO, path)
    return str(path)


# --- paths with #, ?, spaces and Thai characters ---------------------------------------------------


@pytest.mark.parametrize("name", ["a#b.gpkg", "c?d.gpkg", "เทศบาล ปรือใหญ่ #1.gpkg", "100% sure.gpkg"])
def test_workspace_paths_with_any_characters(tmp_path, area, tax_map, name):
    folder = tmp_path / "งาน #2 ?"
    folder.mkdir()
    info = create.create_workspace(folder / name, area, crs="EPSG:32648", user="tester")
    assert sorted(os.listdir(folder)) == [name]  # no stray "a" beside it (sqlite cut the URI at "#")
    assert info.schema_version == schema.SCHEMA_VERSION and meta.read_meta(info.path)["crs"] == "EPSG:32648"
    out, rep = tax_map
    land_jobs.upsert_parcels(info.path, out, rep, "tester")
    assert create.inspect_workspace(info.path).layer_counts["parcels"] == len(out) == 400
    assert sorted(os.listdir(folder)) == [name]


def test_createworkspace_algorithm_with_hash_and_thai_name(tmp_path, provider):
    target = tmp_path / "อบต #ปรือใหญ่.gpkg"
    out = run("createworkspace", {"OUTPUT": str(target), "MUNICIPALITY_CODE": "330506", "CRS": "EPSG:32648"})
    assert out["OUTPUT"] == str(target)
    assert sorted(os.listdir(tmp_path)) == ["อบต #ปรือใหญ่.gpkg", "อบต #ปรือใหญ่.qgz"]


# --- read-only, busy ---------------------------------------------------------------------------------


@pytest.mark.parametrize("journal", ["delete", "wal"])
def test_read_only_workspace_is_refused_clearly(demo, tmp_path, journal):
    """Run as an unprivileged user (root writes to read-only files): the write is refused by name, and
    reading still works — also for a file QGIS left in WAL mode (it edits GeoPackages in WAL), whose
    -shm file cannot be made in a folder we may not write."""
    if shutil.which("setpriv") is None:
        pytest.skip("setpriv missing")
    import tempfile

    folder = tempfile.mkdtemp(prefix="cddp-ro-")  # /tmp/pytest-of-root is closed to other users
    os.chmod(folder, 0o755)
    demo = shutil.copy(demo, os.path.join(folder, "ปรือใหญ่ #ro.gpkg"))
    con = sqlite3.connect(demo)
    assert con.execute(f"PRAGMA journal_mode = {journal}").fetchone()[0] == journal
    con.close()
    os.chmod(demo, 0o444)
    script = (
        "import sys; sys.path.insert(0, sys.argv[1])\n"
        "from cddp_plugin.core.common.errors import CddpError\n"
        "from cddp_plugin.core.workspace import gpkg\n"
        "try:\n    gpkg.connect(sys.argv[2])\nexcept CddpError as e:\n    print('CLEAR', e)\n"
        "con = gpkg.connect(sys.argv[2], readonly=True)\n"
        "print('READ', con.execute('SELECT count(*) FROM households').fetchone()[0])\n"
    )
    res = subprocess.run(
        ["setpriv", "--reuid=65534", "--regid=65534", "--clear-groups", sys.executable, "-c", script, str(ROOT), demo],
        capture_output=True,
        text=True,
    )
    if "Permission denied" in res.stderr and "python" in res.stderr.lower():
        pytest.skip("the venv is not readable by nobody")
    assert "Traceback" not in res.stderr, res.stderr
    assert f"CLEAR {demo} is read-only" in res.stdout
    assert "READ 5133" in res.stdout  # reading a read-only workspace still works
    shutil.rmtree(folder)


def test_busy_workspace_waits_then_says_so(demo, tax_map, monkeypatch):
    monkeypatch.setattr(gpkg, "BUSY_TIMEOUT_S", 1.0)
    other = sqlite3.connect(demo, check_same_thread=False)
    other.execute("BEGIN IMMEDIATE")  # another program writing
    out, rep = tax_map
    t0 = time.monotonic()
    with pytest.raises(CddpError, match=r"is busy: .* more than 1 s\. Wait until it finishes") as err:
        land_jobs.upsert_parcels(demo, out, rep, "tester")
    assert time.monotonic() - t0 >= 0.9  # it waited
    assert demo in str(err.value)
    other.rollback()
    # a lock released while waiting: the write goes through after the wait
    monkeypatch.setattr(gpkg, "BUSY_TIMEOUT_S", 10.0)
    other.execute("BEGIN IMMEDIATE")
    threading.Timer(1.0, other.rollback).start()
    land_jobs.upsert_parcels(demo, out, rep, "tester")
    other.close()
    con = sqlite3.connect(demo)
    assert con.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    con.close()


# --- schema versions ---------------------------------------------------------------------------------


@pytest.mark.parametrize(("version", "message"), [("0", "cannot migrate it yet"), ("2", "Update the CDDP plugin")])
def test_older_or_newer_schema_is_refused_naming_both(demo, tax_map, version, message):
    con = sqlite3.connect(demo)
    with con:
        con.execute("UPDATE cddp_meta SET value = ? WHERE key = 'schema_version'", (version,))
    before = con.execute("SELECT count(*) FROM cddp_changelog").fetchone()[0]
    con.close()
    out, rep = tax_map
    for call in (lambda: land_jobs.upsert_parcels(demo, out, rep, "tester"), lambda: meta.workspace_meta(demo)):
        with pytest.raises(CddpError, match=message) as err:
            call()
        assert f"version {version}" in str(err.value) and f"version {schema.SCHEMA_VERSION}" in str(err.value)
    con = sqlite3.connect(demo)
    assert con.execute("SELECT count(*) FROM cddp_changelog").fetchone()[0] == before
    con.close()


def test_processing_names_both_versions(demo, provider):
    con = sqlite3.connect(demo)
    with con:
        con.execute("UPDATE cddp_meta SET value = '7' WHERE key = 'schema_version'")
    con.close()
    with pytest.raises(QgsProcessingException, match=r"version 7, newer than this plugin's version 1"):
        run("floodimpact", {"HAZARD": str(FLOOD), "WORKSPACE": demo})


# --- a crashed writer's journal ---------------------------------------------------------------------


def test_hot_journal_is_recovered_not_called_a_non_workspace(demo):
    """A writer killed (SIGKILL) in the middle of a big update leaves a hot journal; the workspace
    is recovered on the next open, the half update rolled back."""
    script = (
        "import os, sys\n"
        "sys.path.insert(0, sys.argv[2])\n"
        "from cddp_plugin.core.workspace import gpkg\n"
        "con = gpkg.connect(sys.argv[1]); con.execute('PRAGMA cache_size = 5')\n"
        "con.execute('BEGIN'); con.execute(\"UPDATE households SET house_no = 'X' || house_no\")\n"
        "os.kill(os.getpid(), 9)\n"
    )
    res = subprocess.run([sys.executable, "-c", script, demo, str(ROOT)], check=False, capture_output=True, text=True)
    assert res.returncode == -9, res.stderr
    journal = demo + "-journal"
    assert os.path.getsize(journal) > 0  # hot
    with open(journal, "rb") as f:
        assert f.read(8) == bytes.fromhex("d9d505f920a163d7")  # a rollback journal header
    m = meta.workspace_meta(demo)
    assert m["municipality_code"] == "330506"
    con = sqlite3.connect(demo)
    assert con.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    assert con.execute("SELECT count(*) FROM households WHERE house_no LIKE 'X%'").fetchone()[0] == 0
    assert con.execute("SELECT count(*) FROM households").fetchone()[0] == 5133
    con.close()
    assert not os.path.exists(journal) or os.path.getsize(journal) == 0


# --- curved geometries -------------------------------------------------------------------------------


def _curved_hazard(path, srs=32648):
    from osgeo import ogr, osr

    ogr.UseExceptions()
    flood = gpd.read_file(FLOOD).to_crs(srs)
    c = flood.geometry.union_all().centroid
    ds = ogr.GetDriverByName("GPKG").CreateDataSource(str(path))
    ref = osr.SpatialReference()
    ref.ImportFromEPSG(srs)
    lyr = ds.CreateLayer("flood", ref, ogr.wkbCurvePolygon)
    f = ogr.Feature(lyr.GetLayerDefn())
    r = 400
    wkt = f"CURVEPOLYGON(CIRCULARSTRING({c.x - r} {c.y}, {c.x + r} {c.y}, {c.x - r} {c.y}))"
    f.SetGeometry(ogr.CreateGeometryFromWkt(wkt))
    lyr.CreateFeature(f)
    ds = None
    return c, r


def test_curved_hazard_is_linearised(demo, tmp_path, provider):
    hazard = tmp_path / "curved.gpkg"
    c, r = _curved_hazard(hazard)
    out = run("floodimpact", {"HAZARD": str(hazard), "WORKSPACE": demo})
    # the same circle as a plain polygon of 256 segments
    plain = tmp_path / "plain.geojson"
    gpd.GeoDataFrame(geometry=[c.buffer(r, quad_segs=64)], crs="EPSG:32648").to_file(plain)
    ref = run("floodimpact", {"HAZARD": str(plain), "WORKSPACE": demo})
    assert ref["AFFECTED_HOUSEHOLDS"] > 100  # 437 on the Prue Yai demo
    assert abs(out["AFFECTED_HOUSEHOLDS"] - ref["AFFECTED_HOUSEHOLDS"]) <= 0.01 * ref["AFFECTED_HOUSEHOLDS"]
    assert abs(out["AFFECTED_PARCELS"] - ref["AFFECTED_PARCELS"]) <= 0.01 * ref["AFFECTED_PARCELS"] + 1
    # the QGIS feature-iterator path (a selection) linearises too
    from cddp_plugin.toolbelt import layer_io

    layer = QgsVectorLayer(f"{hazard}|layername=flood", "flood", "ogr")
    layer.selectAll()
    gdf = layer_io.read_layer(layer, selected_only=True)
    assert gdf.geometry.iloc[0].geom_type in ("Polygon", "MultiPolygon")
    assert abs(gdf.geometry.iloc[0].area - 3.14159 * r * r) < 0.01 * 3.14159 * r * r


# --- empty, HTML and truncated data files ------------------------------------------------------------


def _bad_files(tmp_path):
    html = tmp_path / "parcel.geojson"
    html.write_text("<!DOCTYPE html>\n<html><head><title>Login</title></head><body>Please sign in</body></html>")
    empty = tmp_path / "empty.geojson"
    empty.write_bytes(b"")
    cut = tmp_path / "cut.geojson"
    data = PARCELS.read_bytes()
    cut.write_bytes(data[: len(data) // 3])
    gpkg_cut = tmp_path / "cut.gpkg"
    whole = DEMO.read_bytes()
    gpkg_cut.write_bytes(whole[: len(whole) // 2])
    return {r"a web page \(HTML\)": html, "is empty": empty, "is truncated": cut, "truncated": gpkg_cut}


def test_bad_data_files_are_named_and_explained(tmp_path):
    from cddp_plugin.toolbelt import layer_io

    for message, path in _bad_files(tmp_path).items():
        with pytest.raises(CddpError, match=message) as err:
            layer_io.read_vector_file(str(path))
        assert str(path) in str(err.value)
    assert files.problem(PARCELS) is None and files.problem(DEMO) is None


def test_bad_data_files_in_processing(tmp_path, demo, provider):
    bad = _bad_files(tmp_path)
    for message, path in bad.items():
        if path.suffix == ".gpkg":
            with pytest.raises(QgsProcessingException, match=message):
                run("floodimpact", {"HAZARD": str(FLOOD), "WORKSPACE": str(path)})
            continue
        with pytest.raises(QgsProcessingException, match=message):
            run("importstreetlights", {"INPUT": str(path), "WORKSPACE": demo})
    # an HTML page saved as the workspace itself
    page = tmp_path / "ws.gpkg"
    page.write_text("<html><body>502 Bad Gateway</body></html>")
    with pytest.raises(QgsProcessingException, match="web page"):
        run("floodimpact", {"HAZARD": str(FLOOD), "WORKSPACE": str(page)})
    assert json.loads(FLOOD.read_text())["features"]


# --- household tables (CSV / XLSX) given as bad files --------------------------------------------------


def _bad_household_tables(tmp_path):
    """A saved login page, an empty file, a file of only a BOM and blank lines, and a real household
    spreadsheet (the demo's first 300 Prue Yai household points) cut in half by an interrupted copy."""
    homes = gpd.read_file(ROOT / "demo-output" / "prueyai_households.geojson", rows=300)
    table = homes.assign(lat=homes.geometry.y, lon=homes.geometry.x).drop(columns="geometry")
    whole = tmp_path / "households_ok.xlsx"
    table.to_excel(whole, index=False)
    cut = tmp_path / "households_cut.xlsx"
    data = whole.read_bytes()
    cut.write_bytes(data[: len(data) // 2])
    html = tmp_path / "households.csv"
    html.write_text(
        "<!DOCTYPE html>\n<html><head><title>ระบบทะเบียนราษฎร</title></head><body>Session expired</body></html>"
    )
    empty = tmp_path / "empty.csv"
    empty.write_bytes(b"")
    blank = tmp_path / "blank.csv"
    blank.write_bytes(b"\xef\xbb\xbf\r\n\r\n")
    return whole, {r"a web page \(HTML\)": html, r"is empty \(0 bytes\)": empty, r"is empty \(7 bytes\)": blank,
                   "is truncated": cut}  # fmt: skip


def test_bad_household_tables_are_named_and_explained(tmp_path):
    from cddp_plugin.core.land import households

    whole, bad = _bad_household_tables(tmp_path)
    for message, path in bad.items():
        with pytest.raises(CddpError, match=message) as err:
            households.read_table(path)
        assert str(path) in str(err.value)
        if path.suffix == ".csv":
            with pytest.raises(CddpError, match=message):
                households.read_csv_text(path)
    table, encoding = households.read_table(whole)  # the whole file still reads
    assert (len(table), encoding) == (300, "xlsx")


def test_bad_household_tables_in_processing(tmp_path, demo, provider):
    _whole, bad = _bad_household_tables(tmp_path)
    con = sqlite3.connect(demo)
    before = con.execute("SELECT count(*), (SELECT count(*) FROM cddp_changelog) FROM households").fetchone()
    con.close()
    for message, path in bad.items():
        with pytest.raises(QgsProcessingException, match=message) as err:
            run("importhouseholds", {"INPUT": str(path), "WORKSPACE": demo})
        assert str(path) in str(err.value) and "Traceback" not in str(err.value)
    con = sqlite3.connect(demo)
    assert con.execute("SELECT count(*), (SELECT count(*) FROM cddp_changelog) FROM households").fetchone() == before
    con.close()


# --- the wrong kind of geometry, and mapping targets the import does not know ---------------------------

HOMES = ROOT / "demo-output" / "prueyai_households.geojson"  # the demo's 5,133 real Prue Yai building points


def _log_size(ws):
    con = sqlite3.connect(ws)
    try:
        return con.execute("SELECT count(*) FROM cddp_changelog").fetchone()[0]
    finally:
        con.close()


def test_points_or_lines_as_hazard_are_refused(demo, tmp_path, provider):
    """Household points as HAZARD used to exit 0 with AFFECTED_HOUSEHOLDS=286 (each point touching itself)."""
    lines = tmp_path / "flood_edge.geojson"
    flood = gpd.read_file(FLOOD)
    gpd.GeoDataFrame(geometry=flood.geometry.boundary, crs=flood.crs).to_file(lines)
    before = _log_size(demo)
    for path, kind in ((HOMES, "points"), (lines, "lines")):
        with pytest.raises(QgsProcessingException, match=rf"{path.stem} has {kind}, not polygons: HAZARD must be") as e:
            run("floodimpact", {"HAZARD": str(path), "WORKSPACE": demo, "INCLUDE_PERSONAL_DATA": False})
        assert "Traceback" not in str(e.value)
    assert _log_size(demo) == before
    assert (
        run("floodimpact", {"HAZARD": str(FLOOD), "WORKSPACE": demo, "INCLUDE_PERSONAL_DATA": False})[
            "AFFECTED_HOUSEHOLDS"
        ]
        > 700
    )  # the real drill still runs (726)


def test_empty_hazard_says_it_has_no_polygons_not_no_crs(demo, tmp_path, provider):
    empty = tmp_path / "hazard_none.geojson"
    empty.write_text('{"type": "FeatureCollection", "features": []}')
    with pytest.raises(QgsProcessingException, match=r"hazard_none has no hazard polygons") as e:
        run("floodimpact", {"HAZARD": str(empty), "WORKSPACE": demo, "INCLUDE_PERSONAL_DATA": False})
    assert "coordinate reference system" not in str(e.value)


def test_parcels_as_households_are_refused(demo, provider):
    """The parcels layer as HOUSEHOLDS used to exit 0 with LINKED=300, every parcel linked to itself."""
    before = _log_size(demo)
    con = sqlite3.connect(demo)
    links = con.execute("SELECT count(*) FROM households WHERE parcel_id IS NOT NULL").fetchone()[0]
    con.close()
    params = {"HOUSEHOLDS": f"{demo}|layername=parcels", "PARCELS": f"{demo}|layername=parcels", "MAX_DISTANCE": 15,
              "UPDATE_WORKSPACE": True}  # fmt: skip
    with pytest.raises(
        QgsProcessingException, match=r"\(parcels\) has polygons; HOUSEHOLDS must be household points — did you give"
    ):
        run("linkhouseholds", params)
    assert _log_size(demo) == before
    con = sqlite3.connect(demo)
    assert con.execute("SELECT count(*) FROM households WHERE parcel_id IS NOT NULL").fetchone()[0] == links  # 5,041
    con.close()


def test_points_as_parcels_are_refused_by_what_they_are(demo, provider):
    """Before: "no parcel identifier found", which sends the officer to the field mapping."""
    homes = gpd.read_file(HOMES, rows=300)
    with pytest.raises(CddpError, match=r"has points, not polygons: parcels must be polygons"):
        parcels.prepare_parcels(homes, "EPSG:32648", layer_label="prueyai_households")
    before = _log_size(demo)
    with pytest.raises(QgsProcessingException, match=r"prueyai_households has points, not polygons: parcels must be"):
        run("importparcels", {"INPUT": str(HOMES), "WORKSPACE": demo, "CLEAR_EMPTY": False})
    assert _log_size(demo) == before


def test_unknown_mapping_targets_are_refused(demo, tmp_path, tax_map, provider):
    """FIELD_MAP=no_such_field=parcel_code used to exit 0 and log the unknown target as a valid mapping."""
    from cddp_plugin.core.land import households
    from cddp_plugin.core.lighting import lamps

    taxmap = gpd.read_file(PARCELS, rows=300)
    with pytest.raises(CddpError, match=r"Unknown target field no_such_field in the field mapping.*parcel_code, zone"):
        parcels.prepare_parcels(taxmap, "EPSG:32648", {"no_such_field": "parcel_code"})
    homes = gpd.read_file(HOMES, rows=300)
    with pytest.raises(CddpError, match=r"Unknown target field owner_name in the field mapping.*house_code"):
        households.prepare_households(homes, "EPSG:32648", {"owner_name": "hs_no"})
    poles = gpd.read_file(SHARED / "khonkaen" / "lightpole.geojson", rows=50)
    with pytest.raises(CddpError, match=r"Unknown target field wattage in the field mapping.*power_w"):
        lamps.prepare_lamps(poles, "EPSG:32648", {"wattage": "Title"})
    # known targets still map (and an unknown source column is still named as before)
    prepared, report = parcels.prepare_parcels(taxmap, "EPSG:32648", {"parcel_code": "parcel_code"})
    assert len(prepared) == 300 and report.mapping["parcel_code"] == "parcel_code"

    small = tmp_path / "parcel_300.geojson"
    taxmap.to_file(small)
    before = _log_size(demo)
    with pytest.raises(QgsProcessingException, match=r"Unknown target field no_such_field in the field mapping"):
        run("importparcels", {"INPUT": str(small), "WORKSPACE": demo, "FIELD_MAP": "no_such_field=parcel_code",
                              "CLEAR_EMPTY": False})  # fmt: skip
    assert _log_size(demo) == before
