"""Rule 3: linking writes back only against the workspace's own parcels; manual links are never
overwritten, also when an officer saves one while the links are being computed.

Real data: the Prue Yai demo workspace (demo-output/prueyai.gpkg, 5,133 households of which 5,041
linked, built by `make demo` from ../shared/data/prueyai) copied into tmp_path, and the real tax
map ../shared/data/prueyai/parcel.geojson as the foreign PARCELS.
"""

from __future__ import annotations

import shutil
import sqlite3

import geopandas as gpd
import pytest
from qgis.core import QgsProcessingException, QgsProcessingFeedback

from cddp_plugin.core.common.errors import CddpError
from cddp_plugin.core.land import jobs as land_jobs
from cddp_plugin.core.land import linking
from cddp_plugin.core.workspace import gpkg
from tests.conftest import ROOT, SHARED, run_cddp_process

PARCEL_FILE = SHARED / "prueyai" / "parcel.geojson"
DEMO = ROOT / "demo-output" / "prueyai.gpkg"

pytestmark = pytest.mark.skipif(not (PARCEL_FILE.is_file() and DEMO.is_file()), reason="shared data or demo missing")


@pytest.fixture
def ws(tmp_path):
    path = tmp_path / "prueyai.gpkg"
    shutil.copy(DEMO, path)
    return path


def links(path) -> tuple[dict, int]:
    """(fid → link fields, change-log rows) of a workspace."""
    con = sqlite3.connect(path)
    rows = {r[0]: r[1:] for r in con.execute(f"SELECT fid, {', '.join(land_jobs.LINK_FIELDS)} FROM households")}
    log = con.execute("SELECT count(*) FROM cddp_changelog").fetchone()[0]
    con.close()
    return rows, log


def cddp(tmp_path, alg, *args):
    res = run_cddp_process(["run", f"cddp:{alg}", "--", *args], profile=tmp_path / "profile")
    return res.returncode, res.stdout + res.stderr


def test_foreign_parcels_are_refused_when_writing_into_the_workspace(ws, tmp_path):
    before = links(ws)
    assert sum(r[0] is not None for r in before[0].values()) == 5041
    code, out = cddp(tmp_path, "linkhouseholds", f"HOUSEHOLDS={ws}|layername=households", f"PARCELS={PARCEL_FILE}")
    assert code != 0 and "Traceback" not in out
    assert "only against its own parcels layer" in out and str(PARCEL_FILE) in out and "UPDATE_WORKSPACE" in out
    assert links(ws) == before  # not one link rewritten, nothing in the change log


def test_parcels_without_crs_are_an_error_also_for_an_output_only(ws, tmp_path):
    """A GeoPackage of real parcels without a CRS (srs_id 0: QGIS calls it "Undefined geographic SRS")."""
    parcels = gpd.read_file(PARCEL_FILE).iloc[:500].to_crs(32648)
    no_crs = tmp_path / "no_crs.gpkg"
    parcels.set_crs(None, allow_override=True).to_file(no_crs)
    before = links(ws)
    for extra in ([], ["UPDATE_WORKSPACE=false", f"OUTPUT={tmp_path / 'out.gpkg'}"]):
        code, out = cddp(
            tmp_path, "linkhouseholds", f"HOUSEHOLDS={ws}|layername=households", f"PARCELS={no_crs}", *extra
        )
        assert code != 0 and "Traceback" not in out
        assert "no_crs has no coordinate reference system; set one in its properties." in out
    assert links(ws) == before and not (tmp_path / "out.gpkg").exists()


def test_another_parcel_id_field_or_a_filter_is_refused_in_place(ws, tmp_path):
    before = links(ws)
    code, out = cddp(tmp_path, "linkhouseholds", f"HOUSEHOLDS={ws}|layername=households",
                     f"PARCELS={ws}|layername=parcels", "PARCEL_ID_FIELD=parcel_code")  # fmt: skip
    assert code != 0 and "by their uuid, not by 'parcel_code'" in out
    code, out = cddp(tmp_path, "linkhouseholds", f"HOUSEHOLDS={ws}|layername=households",
                     f"PARCELS={ws}|layername=parcels|subset=fid < 100")  # fmt: skip
    assert code != 0 and "has a filter (fid < 100)" in out
    assert links(ws) == before


def test_foreign_parcels_with_update_workspace_off_write_the_output_only(ws, tmp_path):
    before = links(ws)
    out_path = tmp_path / "linked.gpkg"
    code, out = cddp(tmp_path, "linkhouseholds", f"HOUSEHOLDS={ws}|layername=households", f"PARCELS={PARCEL_FILE}",
                     "UPDATE_WORKSPACE=false", f"OUTPUT={out_path}")  # fmt: skip
    assert code == 0, out[-2000:]
    assert links(ws) == before  # the workspace untouched
    got = gpd.read_file(out_path)
    assert len(got) == 5133 and got["parcel_id"].notna().sum() == 5041  # ids of the file: the row index


def test_own_parcels_in_place_are_allowed_and_a_rerun_changes_nothing(ws, tmp_path):
    before = links(ws)
    code, out = cddp(
        tmp_path, "linkhouseholds", f"HOUSEHOLDS={ws}|layername=households", f"PARCELS={ws}|layername=parcels"
    )
    assert code == 0, out[-2000:]
    assert "Workspace households updated: 0 links changed" in out and "KEPT_MANUAL:\t0" in out
    assert links(ws) == before
    con = sqlite3.connect(ws)
    dangling = con.execute(
        "SELECT count(*) FROM households WHERE parcel_id IS NOT NULL AND parcel_id NOT IN (SELECT uuid FROM parcels)"
    ).fetchone()[0]
    con.close()
    assert dangling == 0


def test_the_job_refuses_parcel_ids_the_workspace_does_not_have(ws):
    """Links computed against the tax-map file (ids = its row index) reach the job: nothing is written."""
    hh = gpd.read_file(ws, layer="households", fid_as_index=True)
    pc = gpd.read_file(PARCEL_FILE).to_crs(hh.crs)
    res = linking.link_households(hh.geometry.values, pc.geometry.values, linking.parcel_ids(pc, None, "parcel"))
    frame = hh[[]].assign(parcel_id=res.parcel_id, link_method=res.method, link_confidence=res.confidence,
                          link_distance_m=res.distance, link_candidates=res.candidates)  # fmt: skip
    before = links(ws)
    with pytest.raises(CddpError) as err:
        land_jobs.write_household_links(str(ws), frame, "officer")
    assert "are not parcels of the workspace" in str(err.value) and "nothing was written" in str(err.value)
    assert links(ws) == before


def _officer_saves(path, house_fid, parcel_uuid):
    """What the inspector dock does on save: a manual link, from another connection (another program)."""
    con = gpkg.connect(path)
    with con:
        con.execute("UPDATE households SET parcel_id = ?, link_method = 'manual', link_confidence = 1.0, "
                    "updated_by = 'officer' WHERE fid = ?", (parcel_uuid, house_fid))  # fmt: skip
    con.close()


def test_the_job_keeps_manual_links_saved_after_the_links_were_computed(ws):
    hh = gpd.read_file(ws, layer="households", fid_as_index=True)
    pc = gpd.read_file(ws, layer="parcels")
    res = linking.link_households(hh.geometry.values, pc.geometry.values, linking.parcel_ids(pc, None, "parcels"),
                                  existing_ids=hh["parcel_id"].to_numpy(object),
                                  existing_methods=hh["link_method"].to_numpy(object))  # fmt: skip
    frame = hh[[]].assign(parcel_id=res.parcel_id, link_method=res.method, link_confidence=res.confidence,
                          link_distance_m=res.distance, link_candidates=res.candidates)  # fmt: skip
    frame.iloc[:3, frame.columns.get_loc("link_confidence")] = 0.5  # three links the run would change
    fids = [int(f) for f in frame.index[:3]]
    other = pc["uuid"].iloc[-1]
    for fid in fids:
        _officer_saves(ws, fid, other)  # saved while the links were being computed
    written = land_jobs.write_household_links(str(ws), frame, "linker")
    assert written.skipped_manual == 3  # (the other links written are those the demo made with house numbers)
    rows, _ = links(ws)
    assert all(rows[f][:3] == (other, "manual", 1.0) for f in fids)


@pytest.fixture
def alg_ws(ws, provider):
    return ws


def test_an_officers_manual_link_saved_while_linkhouseholds_runs_is_kept(alg_ws, tmp_path):
    """The officer saves a manual link after the links are computed and before they are written (the
    algorithm reports its progress in between: the hook is a real second connection writing then)."""
    import processing
    from qgis.core import QgsVectorLayer

    ws = alg_ws
    con = gpkg.connect(ws)
    fid, parcel = con.execute(
        "SELECT h.fid, p.uuid FROM households h, parcels p WHERE h.link_method = 'within' AND p.uuid != h.parcel_id "
        "ORDER BY h.fid, p.fid LIMIT 1"
    ).fetchone()
    # a link the run will change: the stored confidence is off, so the run writes this household
    with con:
        con.execute("UPDATE households SET link_confidence = 0.1 WHERE fid = ?", (fid,))
    con.close()
    saved = []

    class Officer(QgsProcessingFeedback):
        def setProgress(self, progress):
            super().setProgress(progress)
            if progress >= 85 and not saved:  # computed, not yet written
                _officer_saves(ws, fid, parcel)
                saved.append(progress)

    hh = QgsVectorLayer(f"{ws}|layername=households", "households", "ogr")
    pc = QgsVectorLayer(f"{ws}|layername=parcels", "parcels", "ogr")
    out = processing.run("cddp:linkhouseholds", {"HOUSEHOLDS": hh, "PARCELS": pc}, feedback=Officer())
    assert saved and out["KEPT_MANUAL"] == 1
    rows, _ = links(ws)
    assert rows[fid][:3] == (parcel, "manual", 1.0)


def test_refusals_through_the_processing_registry_are_processing_errors(alg_ws):
    import processing

    with pytest.raises(QgsProcessingException, match="only against its own parcels layer"):
        processing.run(
            "cddp:linkhouseholds", {"HOUSEHOLDS": f"{alg_ws}|layername=households", "PARCELS": str(PARCEL_FILE)}
        )
