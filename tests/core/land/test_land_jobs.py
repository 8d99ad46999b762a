"""core/land: the household-link job and the workspace reader of the impact analysis, on a real workspace."""

import numpy as np
import pandas as pd
import shapely

from cddp_plugin.core.land import impact, jobs, linking
from cddp_plugin.core.workspace import gpkg

X0, Y0 = 700_000, 1_500_000  # UTM 48N


def _fill(path):
    """Two parcels P1, P2 side by side; households H1 (inside P1), H2 (inside P2, linked by hand to P1)
    and H3 (far away); one resident of H1."""
    con = gpkg.connect(path)
    srs = gpkg.srs_id(con, "parcels")
    with con:
        gpkg.write_features(con, "parcels", ["uuid", "parcel_code"], [
            ["P1", "03A001", gpkg.to_blob(shapely.MultiPolygon([shapely.box(X0, Y0, X0 + 20, Y0 + 20)]), srs), "t"],
            ["P2", "03A002", gpkg.to_blob(shapely.MultiPolygon([shapely.box(X0 + 20, Y0, X0 + 40, Y0 + 20)]), srs), "t"],
        ], [])  # fmt: skip
        gpkg.write_features(con, "households", ["uuid", "house_no", "parcel_id", "link_method"], [
            ["H1", "1", None, None, gpkg.to_blob(shapely.Point(X0 + 10, Y0 + 10), srs), "t"],
            ["H2", "2", "P1", "manual", gpkg.to_blob(shapely.Point(X0 + 30, Y0 + 10), srs), "t"],
            ["H3", "3", None, None, gpkg.to_blob(shapely.Point(X0 + 500, Y0 + 500), srs), "t"],
        ], [])  # fmt: skip
        con.execute("INSERT INTO residents (household_uuid, birth_year_be) VALUES ('H1', 2480)")
    con.close()


def _link(path):
    """Link the workspace's households as the algorithm does: a frame indexed by fid with the link columns."""
    import pyogrio

    hh = pyogrio.read_dataframe(path, layer="households", fid_as_index=True)
    pc = pyogrio.read_dataframe(path, layer="parcels")
    res = linking.link_households(
        hh.geometry.values, pc.geometry.values, linking.parcel_ids(pc, None, "parcels"), linking.LinkParams(15.0),
        existing_ids=hh["parcel_id"].to_numpy(dtype=object), existing_methods=hh["link_method"].to_numpy(dtype=object),
    )  # fmt: skip
    return pd.DataFrame(
        {"parcel_id": res.parcel_id, "link_method": res.method, "link_confidence": res.confidence,
         "link_distance_m": res.distance, "link_candidates": res.candidates},
        index=hh.index,
    )  # fmt: skip


def _rows(path):
    con = gpkg.connect(path)
    rows = {
        r[0]: r[1:]
        for r in con.execute("SELECT uuid, parcel_id, link_method, link_confidence, updated_by FROM households")
    }
    updates = con.execute(
        "SELECT count(*) FROM cddp_changelog WHERE layer = 'households' AND op = 'update'"
    ).fetchone()[0]
    con.close()
    return rows, updates


def test_links_are_written_through_the_change_log_and_manual_links_kept(core_workspace):
    _fill(core_workspace.path)
    links = _link(core_workspace.path)
    assert (
        jobs.write_household_links(core_workspace.path, links, "officer").changed == 2
    )  # H1 linked; H2 gets confidence 1
    rows, updates = _rows(core_workspace.path)
    assert rows["H1"][:2] == ("P1", "within") and rows["H1"][3] == "officer"
    assert rows["H2"][:3] == ("P1", "manual", 1.0)  # by hand to P1 though it stands in P2
    assert rows["H3"][:3] == (None, None, None) and rows["H3"][3] == "t"  # unchanged, not touched
    assert updates == 2


def test_writing_the_same_links_again_changes_nothing(core_workspace):
    _fill(core_workspace.path)
    jobs.write_household_links(core_workspace.path, _link(core_workspace.path), "officer")
    _, before = _rows(core_workspace.path)
    assert jobs.write_household_links(core_workspace.path, _link(core_workspace.path), "other").changed == 0
    rows, after = _rows(core_workspace.path)
    assert after == before and rows["H1"][3] == "officer"


def test_nan_confidence_and_distance_are_stored_as_null(core_workspace):
    _fill(core_workspace.path)
    links = _link(core_workspace.path)
    links["link_confidence"] = np.nan
    links["link_distance_m"] = np.nan
    jobs.write_household_links(core_workspace.path, links, "officer")
    con = gpkg.connect(core_workspace.path)
    assert con.execute("SELECT count(*) FROM households WHERE link_confidence IS NOT NULL").fetchone()[0] == 0
    con.close()


def test_impact_reads_the_workspace_layers(core_workspace):
    _fill(core_workspace.path)
    parcels, households, residents = impact.read_workspace(core_workspace.path)
    assert sorted(parcels["uuid"]) == ["P1", "P2"] and len(households) == 3
    assert list(residents["household_uuid"]) == ["H1"] and "geometry" not in residents.columns
    assert parcels.crs.to_epsg() == 32648


def test_manual_links_changed_or_removed_after_the_links_were_computed_are_left_as_the_officer_left_them(
    core_workspace,
):
    """H2 was manual (to P1) when the links were computed; meanwhile an officer moved it to P2, and
    gave H1 a manual link: both stay as the officer saved them. Then an officer removes H2's manual
    link while another run computes: that run does not bring the old manual link back."""
    _fill(core_workspace.path)
    links = _link(core_workspace.path)  # computed: H1 within P1, H2 manual to P1
    con = gpkg.connect(core_workspace.path)
    with con:
        con.execute("UPDATE households SET parcel_id = 'P2', link_method = 'manual' WHERE uuid IN ('H1', 'H2')")
    con.close()
    written = jobs.write_household_links(core_workspace.path, links, "linker")
    assert (written.changed, written.skipped_manual) == (0, 2)
    rows, _ = _rows(core_workspace.path)
    assert rows["H1"][:2] == ("P2", "manual") and rows["H2"][:2] == ("P2", "manual")

    links = _link(core_workspace.path)  # computed: H1 and H2 manual to P2
    con = gpkg.connect(core_workspace.path)
    with con:
        con.execute("UPDATE households SET parcel_id = NULL, link_method = NULL WHERE uuid = 'H2'")
    con.close()
    written = jobs.write_household_links(core_workspace.path, links, "linker")
    assert written.skipped_manual == 1
    rows, _ = _rows(core_workspace.path)
    assert rows["H2"][:2] == (None, None)  # removed by the officer: not resurrected


def test_links_to_parcels_the_workspace_does_not_have_are_refused_whole(core_workspace):
    import pytest

    from cddp_plugin.core.common.errors import CddpError

    _fill(core_workspace.path)
    links = _link(core_workspace.path)
    links.loc[links["link_method"] == "within", "parcel_id"] = "03A001"  # a code, not a parcel uuid
    _, before = _rows(core_workspace.path)
    with pytest.raises(CddpError, match="1 parcel ids of the links are not parcels of the workspace"):
        jobs.write_household_links(core_workspace.path, links, "linker")
    rows, after = _rows(core_workspace.path)
    assert after == before and rows["H1"][:2] == (None, None)
