"""The workspace GeoPackage as the core makes it: layers, value lists, metadata, change-log triggers
(fired by plain sqlite3 here, by QGIS in test_workspace_qgis.py), refusal to overwrite, bad input."""

import hashlib
import json
import os
import sqlite3
import subprocess

import pytest
from osgeo import gdal, ogr

from cddp_plugin.core.common.errors import CddpError
from cddp_plugin.core.workspace import create, dopa, meta, schema

UUID_RE = r"^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$"


def changelog(path):
    con = sqlite3.connect(path)
    con.row_factory = sqlite3.Row
    try:
        return [dict(r) for r in con.execute("SELECT * FROM cddp_changelog ORDER BY seq")]
    finally:
        con.close()


def test_layers_fields_and_crs_match_the_schema(core_workspace):
    ds = gdal.OpenEx(core_workspace.path, gdal.OF_VECTOR)
    assert ds.GetLayerCount() == len(schema.LAYERS)
    for layer in schema.LAYERS:
        lyr = ds.GetLayerByName(layer.name)
        assert lyr is not None, layer.name
        defn = lyr.GetLayerDefn()
        names = [defn.GetFieldDefn(i).GetName() for i in range(defn.GetFieldCount())]
        assert names == [f.name for f in layer.all_fields]
        if layer.geometry:
            assert ogr.GeometryTypeToName(lyr.GetGeomType()).replace(" ", "").lower() == layer.geometry.lower()
            assert lyr.GetSpatialRef().GetAuthorityCode(None) == "32648"
        else:
            assert lyr.GetGeomType() == ogr.wkbNone
    info = create.inspect_workspace(core_workspace.path)
    assert info.crs == "EPSG:32648"
    assert info.schema_version == schema.SCHEMA_VERSION
    assert info.municipality_code == "330506"
    assert set(info.layer_counts.values()) == {0}


def test_value_lists_are_gdal_field_domains_with_thai_labels(core_workspace):
    ds = gdal.OpenEx(core_workspace.path, gdal.OF_VECTOR)
    domain = ds.GetFieldDomain("wo_status")
    assert domain.GetEnumeration()["in_progress"] == "กำลังดำเนินการ"
    lyr = ds.GetLayerByName("work_orders")
    fd = lyr.GetLayerDefn().GetFieldDefn(lyr.GetLayerDefn().GetFieldIndex("status"))
    assert fd.GetDomainName() == "wo_status"
    assert ds.GetFieldDomain("distress_type").GetEnumeration()["13"] == "หลุมบ่อ"


def test_field_classification_is_recorded_in_the_workspace(core_workspace):
    con = sqlite3.connect(core_workspace.path)
    rows = set(con.execute("SELECT table_name, field_name, class FROM cddp_field_class"))
    con.close()
    assert rows == set(schema.classification())
    assert ("residents", "dependency", "sensitive") in rows


def test_sqlite3_cli_edits_are_logged(core_workspace):
    """Triggers, not Python: the sqlite3 command-line tool's insert/update/delete are all recorded."""
    path = core_workspace.path
    sql = """
    INSERT INTO residents (household_uuid, pseudo_id, dependency) VALUES ('hh-1', 'R-0001', 'homebound');
    UPDATE residents SET dependency = 'bedridden', care_colour = 'red' WHERE pseudo_id = 'R-0001';
    UPDATE residents SET dependency = 'bedridden' WHERE pseudo_id = 'R-0001';  -- no change: not logged
    UPDATE residents SET version = 7 WHERE pseudo_id = 'R-0001';               -- bookkeeping: not logged
    DELETE FROM residents WHERE pseudo_id = 'R-0001';
    """
    subprocess.run(["sqlite3", path], input=sql, text=True, check=True)
    log = changelog(path)
    assert [c["op"] for c in log] == ["insert", "update", "delete"]
    ins, upd, dele = log
    assert ins["layer"] == "residents"
    assert ins["feature_uuid"] == upd["feature_uuid"] == dele["feature_uuid"]
    import re

    assert re.match(UUID_RE, ins["feature_uuid"])  # the trigger gave the row a UUID v4
    # PDPA: a resident's sensitive values are never copied into the log, only that they changed
    assert ins["new_values"] is None  # an insert names the row; the sync reads its values from the row
    assert json.loads(upd["old_values"]) == {"dependency": "[redacted]", "care_colour": None}
    assert json.loads(upd["new_values"]) == {"dependency": "[redacted]", "care_colour": "[redacted]"}
    assert upd["base_version"] == 0
    assert dele["base_version"] == 7  # the server version the delete was based on
    assert json.loads(dele["old_values"])["care_colour"] == "[redacted]"
    assert len({c["change_id"] for c in log}) == 3
    assert all(c["pushed_at"] is None for c in log)


def test_gdal_clients_edits_on_a_spatial_layer_are_logged(core_workspace, tmp_path):
    """ogr2ogr appends and ogrinfo SQL updates/deletes (GDAL's SQL, which provides the GeoPackage
    ST_* functions that the spatial-index triggers need) are recorded like any other edit."""
    path = core_workspace.path
    src = tmp_path / "src.geojson"
    src.write_text(json.dumps({"type": "FeatureCollection", "features": [
        {"type": "Feature", "properties": {"parcel_code": "03I002"},
         "geometry": {"type": "Polygon", "coordinates": [[[0, 0], [40, 0], [40, 40], [0, 40], [0, 0]]]}},
    ]}))  # fmt: skip
    subprocess.run(
        ["ogr2ogr", "-append", "-nln", "parcels", "-a_srs", "EPSG:32648", "-nlt", "MULTIPOLYGON", path, str(src)],
        check=True, capture_output=True,
    )  # fmt: skip
    for sql in (
        "UPDATE parcels SET updated_at = '2020-01-01T00:00:00.000Z'",
        "UPDATE parcels SET land_no = '52' WHERE parcel_code = '03I002'",
        "UPDATE parcels SET geom = ST_Buffer(geom, 0) WHERE parcel_code = '03I002'",
        "DELETE FROM parcels",
    ):
        subprocess.run(["ogrinfo", "-q", path, "-sql", sql], check=True, capture_output=True)
    log = changelog(path)
    assert [c["op"] for c in log] == ["insert", "update", "update", "delete"]
    assert log[0]["new_values"] is None and log[0]["feature_uuid"]  # the row itself holds the inserted values
    assert json.loads(log[1]["new_values"]) == {"land_no": "52"}
    assert set(json.loads(log[2]["new_values"])) == {"geom"}
    assert json.loads(log[3]["old_values"])["land_no"] == "52"


def test_nothing_is_logged_while_the_sync_engine_applies_server_changes(core_workspace):
    con = sqlite3.connect(core_workspace.path)
    with con:
        con.execute("UPDATE cddp_meta SET value = '1' WHERE key = 'sync_applying'")
        con.execute("INSERT INTO residents (uuid, household_uuid, version) VALUES ('u-1', 'hh', 3)")
        con.execute("UPDATE cddp_meta SET value = '0' WHERE key = 'sync_applying'")
    con.close()
    assert changelog(core_workspace.path) == []


def test_refuses_to_overwrite_an_existing_workspace(core_workspace, area):
    before = hashlib.sha256(open(core_workspace.path, "rb").read()).hexdigest()
    with pytest.raises(CddpError, match=r"already a CDDP workspace.*ปรือใหญ่.*330506.*never overwrites"):
        create.create_workspace(core_workspace.path, area)
    assert hashlib.sha256(open(core_workspace.path, "rb").read()).hexdigest() == before


def test_refuses_to_overwrite_any_other_file(tmp_path, area):
    other = tmp_path / "parcels.gpkg"
    other.write_bytes(b"not ours")
    with pytest.raises(CddpError, match="already exists and is not a CDDP workspace"):
        create.create_workspace(other, area)
    assert other.read_bytes() == b"not ours"


@pytest.mark.parametrize(
    ("crs", "message"),
    [
        ("EPSG:999999", "Unknown coordinate reference system 'EPSG:999999'"),
        ("", "Unknown coordinate reference system"),
        ("not a crs", "Unknown coordinate reference system"),
        ("EPSG:4326", "'EPSG:4326' is geographic"),
        ("EPSG:2263", "must use metres; 'EPSG:2263' uses"),  # NY state plane, US feet
    ],
)
def test_bad_crs_is_refused_clearly(tmp_path, area, crs, message):
    with pytest.raises(CddpError, match=message):
        create.create_workspace(tmp_path / "w.gpkg", area, crs=crs)
    assert list(tmp_path.iterdir()) == []


def test_utm48_is_accepted_and_indian_1975_refused(tmp_path, area):
    info = create.create_workspace(tmp_path / "u.gpkg", area, crs="EPSG:32648")
    assert info.crs == "EPSG:32648"
    with pytest.raises(CddpError, match=r"EPSG:32647.*EPSG:32648"):
        create.create_workspace(tmp_path / "i.gpkg", area, crs="EPSG:24047")
    assert not (tmp_path / "i.gpkg").exists()


@pytest.mark.parametrize(
    ("target", "message"),
    [
        ("missing-folder/w.gpkg", "The folder .*missing-folder does not exist"),
        ("w.shp", "must end in .gpkg"),
    ],
)
def test_bad_paths_are_refused_clearly(tmp_path, area, target, message):
    with pytest.raises(CddpError, match=message):
        create.create_workspace(tmp_path / target, area)


def test_unwritable_location_is_refused_clearly(area):
    # /proc refuses new files even to root, so this holds in CI containers too.
    with pytest.raises(CddpError, match=r"(Cannot write|could not create|permission denied).*"):
        create.create_workspace("/proc/cddp-test.gpkg", area)
    assert not os.path.exists("/proc/cddp-test.gpkg")


def test_a_failure_while_building_leaves_nothing_behind(tmp_path, area):
    def broken(_tmp):
        raise RuntimeError("disk full")

    with pytest.raises(RuntimeError, match="disk full"):
        create.create_workspace(tmp_path / "w.gpkg", area, prepare=broken)
    assert list(tmp_path.iterdir()) == []


def test_default_name_is_the_official_name(tmp_path):
    info = create.create_workspace(tmp_path / "p.gpkg", dopa.parse_municipality_code("1007"))
    assert info.municipality_name == "เขตปทุมวัน"


def test_read_meta_of_a_non_workspace(tmp_path):
    assert meta.read_meta(tmp_path / "nothing.gpkg") is None
    junk = tmp_path / "junk.gpkg"
    junk.write_text("garbage")
    assert meta.read_meta(junk) is None
    with pytest.raises(CddpError, match=r"is not a (CDDP workspace|GeoPackage)"):
        create.inspect_workspace(junk)
