"""cddp:importvillages through the Processing registry and scripts/cddp-process, on Pathum Wan's real khwaeng."""

import json
import sqlite3

import geopandas as gpd
import pytest
from qgis.core import QgsProcessingException

from tests.conftest import SHARED, run_cddp_process

SUBDISTRICTS = SHARED / "pathumwan" / "subdistricts_180.geojson"
KHWAENG = {1: ("รองเมือง", "RONG MUEANG", "100701"), 2: ("วังใหม่", "WANG MAI", "100702"),
           3: ("ปทุมวัน", "PATHUM WAN", "100703"), 4: ("ลุมพินี", "LUMPHINI", "100704")}  # fmt: skip
FIELDS = {"NUMBER_FIELD": "TAM_CODE", "NAME_FIELD": "TAM_NAMT", "NAME_EN_FIELD": "TAM_NAME", "TAMBON_FIELD": "Subdist"}

pytestmark = pytest.mark.skipif(not SUBDISTRICTS.is_file(), reason="shared data not present")


def run(params):
    import processing

    return processing.run("cddp:importvillages", params)


@pytest.fixture
def ws(tmp_path, provider):
    import processing

    out = processing.run(
        "cddp:createworkspace",
        {"OUTPUT": str(tmp_path / "pathumwan.gpkg"), "MUNICIPALITY_CODE": "1007", "CRS": "EPSG:32647"},
    )
    return out["OUTPUT"]


@pytest.fixture
def khwaeng(tmp_path):
    """Khet Pathum Wan's four khwaeng from the real file (EPSG:4326), as the demo writes them."""
    g = gpd.read_file(SUBDISTRICTS)
    path = tmp_path / "khwaeng.geojson"
    g[g["District"].astype(str) == "1007"].to_file(path, driver="GeoJSON")
    return path


def rows(ws):
    con = sqlite3.connect(ws)
    try:
        return con.execute(
            "SELECT village_no, name_th, name_en, tambon_code, ST_MinX(geom), ST_MaxY(geom) FROM villages ORDER BY village_no"
        ).fetchall()
    except sqlite3.OperationalError:  # no spatialite functions: read the envelope from the blob header instead
        import struct

        out = []
        for no, th, en, tam, blob in con.execute(
            "SELECT village_no, name_th, name_en, tambon_code, geom FROM villages ORDER BY village_no"
        ):
            minx, _maxx, _miny, maxy = struct.unpack("<4d", blob[8:40])
            out.append((no, th, en, tam, minx, maxy))
        return out
    finally:
        con.close()


def changes(ws):
    con = sqlite3.connect(ws)
    try:
        return con.execute("SELECT count(*) FROM cddp_changelog WHERE layer = 'villages'").fetchone()[0]
    finally:
        con.close()


def test_pathum_wan_khwaeng_reprojected_and_reimported_unchanged(ws, khwaeng):
    out = run({"INPUT": str(khwaeng), "WORKSPACE": ws, "KIND": "khwaeng", **FIELDS})
    assert (out["READ"], out["INSERTED"], out["UPDATED"], out["REJECTED_COUNT"]) == (4, 4, 0, 0)
    stored = rows(ws)
    assert [(r[0], r[1], r[2], r[3]) for r in stored] == [(k, *v) for k, v in KHWAENG.items()]
    # EPSG:4326 → the workspace's EPSG:32647: UTM metres around Pathum Wan (x ≈ 663–667 km, y ≈ 1,519–1,524 km)
    assert all(660_000 < r[4] < 670_000 and 1_515_000 < r[5] < 1_528_000 for r in stored)
    con = sqlite3.connect(ws)
    assert con.execute("SELECT value FROM cddp_meta WHERE key = 'zone_kind'").fetchone() == ("khwaeng",)
    srs = con.execute("SELECT srs_id FROM gpkg_geometry_columns WHERE table_name = 'villages'").fetchone()[0]
    con.close()
    assert srs == 32647
    logged = changes(ws)
    assert logged == 4

    again = run({"INPUT": str(khwaeng), "WORKSPACE": ws, "KIND": "khwaeng", **FIELDS})
    assert (again["INSERTED"], again["UPDATED"], again["UNCHANGED"], again["KEPT"]) == (0, 0, 4, 0)
    assert changes(ws) == logged and rows(ws) == stored


def test_thai_digits_and_village_spellings(ws, tmp_path, khwaeng):
    g = gpd.read_file(khwaeng).sort_values("Subdist")
    g["moo"] = ["หมู่ ๑", "ม.2", "๓", "หมู่ที่ 4"]
    g["ชื่อ"] = ["ก", "ข", "ค", "ง"]
    path = tmp_path / "moo.geojson"
    g[["moo", "ชื่อ", "geometry"]].to_file(path, driver="GeoJSON")
    out = run({"INPUT": str(path), "WORKSPACE": ws})  # fields found by their usual names
    assert out["INSERTED"] == 4
    assert [(r[0], r[1]) for r in rows(ws)] == [(1, "ก"), (2, "ข"), (3, "ค"), (4, "ง")]


def test_the_whole_bangkok_file_is_refused_listing_the_duplicates(ws, tmp_path):
    """All 180 khwaeng numbered only 01–12 within their khet: without the tambon code the numbers repeat."""
    path = tmp_path / "bangkok.geojson"
    gpd.read_file(SUBDISTRICTS)[["TAM_CODE", "TAM_NAMT", "geometry"]].to_file(path, driver="GeoJSON")
    with pytest.raises(QgsProcessingException) as err:
        run({"INPUT": str(path), "WORKSPACE": ws, "NUMBER_FIELD": "TAM_CODE"})
    text = str(err.value)
    assert "10 village numbers are on more than one polygon: 1 × 41 (rows 1, 5, 18, 19, 24); 2 × 43" in text, text
    assert "MERGE_DUPLICATES" in text and "Nothing was imported" in text
    assert rows(ws) == [] and changes(ws) == 0
    # with the real file's tambon codes (found by their usual name, Subdist) the 180 khwaeng are distinct
    out = run({"INPUT": str(SUBDISTRICTS), "WORKSPACE": ws, "NUMBER_FIELD": "TAM_CODE"})
    assert (out["INSERTED"], out["FAR_OUTSIDE"]) == (180, 0)


def test_bad_inputs_have_clear_messages(ws, tmp_path, khwaeng):
    with pytest.raises(QgsProcessingException, match=r"has no field 'MOO' \(NUMBER_FIELD\); its fields are: OBJECTID"):
        run({"INPUT": str(khwaeng), "WORKSPACE": ws, "NUMBER_FIELD": "MOO"})
    with pytest.raises(QgsProcessingException, match=r"4 values of the number field TAM_NAMT are not village numbers"):
        run({"INPUT": str(khwaeng), "WORKSPACE": ws, "NUMBER_FIELD": "TAM_NAMT"})
    with pytest.raises(QgsProcessingException, match=r"no village number field found\. Set NUMBER_FIELD"):
        run({"INPUT": str(khwaeng), "WORKSPACE": ws})
    points = tmp_path / "centres.geojson"
    g = gpd.read_file(khwaeng)
    g.set_geometry(g.geometry.representative_point())[["TAM_CODE", "geometry"]].to_file(points, driver="GeoJSON")
    with pytest.raises(
        QgsProcessingException, match=r"has point, not polygons: village and community boundaries must be polygons"
    ):
        run({"INPUT": str(points), "WORKSPACE": ws, "NUMBER_FIELD": "TAM_CODE"})
    with pytest.raises(QgsProcessingException, match=r"KIND.*choose one of"):
        run({"INPUT": str(khwaeng), "WORKSPACE": ws, "NUMBER_FIELD": "TAM_CODE", "KIND": "moo"})
    nocrs = tmp_path / "nocrs.geojson"
    data = json.loads(khwaeng.read_text())
    data.pop("crs", None)
    for f in data["features"]:  # metres without a CRS member: not longitude/latitude
        f["geometry"] = {
            "type": "Polygon",
            "coordinates": [[[663000, 1520000], [663100, 1520000], [663100, 1520100], [663000, 1520000]]],
        }
    nocrs.write_text(json.dumps(data))
    with pytest.raises(QgsProcessingException, match=r"fall outside Thailand|not longitude/latitude"):
        run({"INPUT": str(nocrs), "WORKSPACE": ws, "NUMBER_FIELD": "TAM_CODE"})
    assert rows(ws) == [] and changes(ws) == 0


def test_headless_through_cddp_process(tmp_path, khwaeng):
    ws = tmp_path / "pw.gpkg"
    profile = tmp_path / "profile"
    steps = [
        ["cddp:createworkspace", f"OUTPUT={ws}", "MUNICIPALITY_CODE=1007", "CRS=EPSG:32647"],
        ["cddp:importvillages", f"INPUT={khwaeng}", f"WORKSPACE={ws}", "KIND=khwaeng",
         *(f"{k}={v}" for k, v in FIELDS.items())],
    ]  # fmt: skip
    for step in steps:
        res = run_cddp_process(["run", step[0], "--", *step[1:]], profile=profile)
        assert res.returncode == 0, res.stdout[-2000:] + res.stderr[-2000:]
    assert "INSERTED:\t4" in res.stdout and "REJECTED_COUNT:\t0" in res.stdout
    res = run_cddp_process(["run", "cddp:importvillages", "--", f"INPUT={khwaeng}", f"WORKSPACE={ws}", "NUMBER_FIELD=NOPE"], profile=profile)  # fmt: skip
    assert res.returncode != 0 and "has no field 'NOPE' (NUMBER_FIELD)" in res.stdout + res.stderr
    assert "Traceback" not in res.stdout + res.stderr
