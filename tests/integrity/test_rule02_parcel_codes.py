"""Rule 2: parcels with repeated codes are matched by code and geometry, never by position.

Prue Yai's tax map (../shared/data/prueyai/parcel.geojson, 8,823 parcels, 9 codes that appear
twice) is imported into a real workspace, the demo's households are imported and linked, and the same
features are imported again in another order: every parcel keeps its own shape, every household its
parcel, and the change log gets nothing.
"""

import json
import random
import sqlite3

import geopandas as gpd
import pandas as pd
import pyogrio
import pytest
import shapely

from cddp_plugin.core.land import households, linking, parcels
from cddp_plugin.core.land import jobs as land_jobs
from cddp_plugin.core.workspace import gpkg
from tests.conftest import ROOT, SHARED

CRS48 = "EPSG:32648"
PARCELS = SHARED / "prueyai" / "parcel.geojson"
DEMO_HOUSEHOLDS = ROOT / "demo-output" / "prueyai_households.geojson"

pytestmark = pytest.mark.skipif(not PARCELS.is_file(), reason="shared data not present")


def import_parcels(ws, path):
    out, rep = parcels.prepare_parcels(gpd.read_file(path), CRS48, source_name="parcel.geojson")
    return land_jobs.upsert_parcels(ws, out, rep, "tester")


def link(ws):
    hh = pyogrio.read_dataframe(ws, layer="households", fid_as_index=True)
    pc = pyogrio.read_dataframe(ws, layer="parcels")
    res = linking.link_households(
        hh.geometry.values, pc.geometry.values, linking.parcel_ids(pc, None, "parcels"), linking.LinkParams(15.0),
        existing_ids=hh["parcel_id"].to_numpy(dtype=object), existing_methods=hh["link_method"].to_numpy(dtype=object),
    )  # fmt: skip
    links = pd.DataFrame(
        {"parcel_id": res.parcel_id, "link_method": res.method, "link_confidence": res.confidence,
         "link_distance_m": res.distance, "link_candidates": res.candidates},
        index=hh.index,
    )  # fmt: skip
    written = land_jobs.write_household_links(ws, links, "tester")
    return getattr(written, "changed", written)  # how many links changed


def state(ws):
    con = sqlite3.connect(ws)
    shapes = {u: bytes(g) for u, g in con.execute("SELECT uuid, geom FROM parcels")}
    values = {r[0]: r[1:] for r in con.execute("SELECT uuid, parcel_code, mapsheet, area_sqm FROM parcels")}
    links = dict(con.execute("SELECT uuid, parcel_id FROM households"))
    seq = con.execute("SELECT count(*), coalesce(max(seq), 0) FROM cddp_changelog").fetchone()
    con.close()
    return shapes, values, links, seq


def shuffled_copy(src, dst, seed):
    data = json.loads(src.read_text(encoding="utf-8"))
    random.Random(seed).shuffle(data["features"])
    dst.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return data["features"]


@pytest.fixture(scope="module")
def linked_workspace(tmp_path_factory):
    """The Prue Yai tax map and the demo's households in a real workspace, linked (made once)."""
    from cddp_plugin.core.workspace import create, dopa

    tmp = tmp_path_factory.mktemp("rule02")
    info = create.create_workspace(tmp / "ws.gpkg", dopa.parse_municipality_code("330506"), "ปรือใหญ่", CRS48,
                                   user="tester")  # fmt: skip
    rep = import_parcels(info.path, PARCELS)
    assert (rep.inserted, len(rep.duplicates)) == (8823, 9)
    hh = pyogrio.read_dataframe(DEMO_HOUSEHOLDS)
    out, hrep = households.prepare_households(hh, CRS48, source_name="prueyai_households.geojson")
    land_jobs.upsert_households(info.path, out, hrep, "tester")
    assert link(info.path) > 5000
    return tmp, info.path


def test_reimport_in_another_order_keeps_every_shape_and_link(linked_workspace, tmp_path):
    _, ws = linked_workspace
    work = tmp_path / "ws.gpkg"
    work.write_bytes(open(ws, "rb").read())
    before = state(work)
    features = shuffled_copy(PARCELS, tmp_path / "shuffled.geojson", seed=2)
    codes = pd.Series([f["properties"]["parcel_code"] for f in features])
    assert codes.duplicated().sum() == 9  # the repeated codes are in the shuffled file too

    rep = import_parcels(str(work), tmp_path / "shuffled.geojson")
    after = state(work)
    assert (rep.inserted, rep.updated, rep.unchanged) == (0, 0, 8823)
    # 9 codes × 2 parcels and the one parcel without a code are matched by shape, the rest by code
    assert rep.matched_by_shape == 19 and rep.matched_by_code == 8823 - 19
    moved = [u for u, g in before[0].items() if after[0][u] != g]
    assert moved == []  # every uuid keeps its own shape (old position matching moved 18)
    assert after[1] == before[1]
    assert after[2] == before[2]  # every household still on the same parcel
    assert after[3] == before[3]  # nothing in the change log
    assert link(str(work)) == 0  # linking again finds every household where it was


def test_a_reshaped_parcel_with_a_repeated_code_is_updated_in_place(linked_workspace, tmp_path):
    """One of two parcels sharing a code is redrawn (moved 1 m): that parcel, and only it, changes."""
    _, ws = linked_workspace
    work = tmp_path / "ws.gpkg"
    work.write_bytes(open(ws, "rb").read())
    gdf = gpd.read_file(PARCELS)
    dup = gdf[gdf.parcel_code.duplicated(keep=False)].sort_values("parcel_code")
    code = dup.parcel_code.iloc[0]
    first, second = dup.index[:2]
    subset = gdf.loc[[second, first]].copy()  # the two parcels with that code, in the other order
    utm = subset.to_crs(CRS48)
    utm.loc[first, "geometry"] = shapely.affinity.translate(utm.loc[first, "geometry"], 1.0, 0.0)
    utm.to_crs(gdf.crs).to_file(tmp_path / "two.geojson", driver="GeoJSON")
    con = sqlite3.connect(work)
    stored = {u: bytes(g) for u, g in con.execute("SELECT uuid, geom FROM parcels WHERE parcel_code = ?", (code,))}
    seq = con.execute("SELECT max(seq) FROM cddp_changelog").fetchone()[0]
    con.close()

    rep = import_parcels(str(work), tmp_path / "two.geojson")
    assert (rep.inserted, rep.updated, rep.unchanged, rep.matched_by_shape) == (0, 1, 1, 2)
    con = sqlite3.connect(work)
    now = {u: bytes(g) for u, g in con.execute("SELECT uuid, geom FROM parcels WHERE parcel_code = ?", (code,))}
    log = con.execute("SELECT feature_uuid, op FROM cddp_changelog WHERE seq > ?", (seq,)).fetchall()
    con.close()
    changed = [u for u in stored if now[u] != stored[u]]
    assert len(changed) == 1 and log == [(changed[0], "update")]
    moved = gpkg.from_blob(now[changed[0]])
    want = utm.loc[first, "geometry"]
    assert moved.symmetric_difference(want).area < 0.01  # the moved shape went to the parcel it belongs to
