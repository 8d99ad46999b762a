"""core/lighting: the streetlight-status job on a real workspace (statuses, roads, clusters, gaps, KPIs)."""

import datetime as dt

import pytest
import shapely

from cddp_plugin.core.common.errors import CddpError
from cddp_plugin.core.lighting import jobs, lamps
from cddp_plugin.core.workspace import gpkg

X0, Y0 = 700_000, 1_500_000  # UTM 48N


def _fill(path):
    """A 300 m lit road R1 with lamps L1–L4 (L3 reported out yesterday) and three out lamps O1–O3 on circuit C2."""
    con = gpkg.connect(path)
    srs = gpkg.srs_id(con, "streetlights")
    road = shapely.MultiLineString([[(X0, Y0), (X0 + 300, Y0)]])
    with con:
        gpkg.write_features(
            con, "roads", ["uuid", "road_code", "lit"], [["R1", "T1", 1, gpkg.to_blob(road, srs), "t"]], []
        )
        gpkg.write_features(con, "streetlights", ["uuid", "ref", "circuit", "status"], [
            [u, u, c, s, gpkg.to_blob(shapely.Point(X0 + x, Y0 + y), srs), "t"]
            for u, c, s, x, y in [("L1", "C1", "working", 0, 5), ("L2", "C1", "working", 40, 5),
                                  ("L3", "C1", "working", 150, 5), ("L4", "C1", "working", 290, 5),
                                  ("O1", "C2", "out", 1000, 1000), ("O2", "C2", "out", 1030, 1000),
                                  ("O3", "C2", "out", 1060, 1000)]
        ], [])  # fmt: skip
        yesterday = (dt.datetime.now(dt.UTC) - dt.timedelta(days=1)).strftime("%Y-%m-%dT%H:%M:%S.000Z")
        con.execute(
            "INSERT INTO streetlight_faults (streetlight_uuid, fault, reported_at) VALUES ('L3', 'out', ?)",
            (yesterday,),
        )
    con.close()


def test_statuses_and_roads_are_written_and_analysed(core_workspace):
    _fill(core_workspace.path)
    seen = []
    run = jobs.update_lamp_statuses(core_workspace.path, "officer", progress=seen.append)
    assert seen == [30, 70]
    assert run.changed == 4  # L3 out; L1–L4 get their road
    assert run.kpis["lamps"] == 7 and run.kpis["clusters"] == 1 and len(run.clusters.clusters) == 1
    assert [(round(g.from_m), round(g.to_m)) for g in run.gaps.gaps] == [(40, 290)]
    con = gpkg.connect(core_workspace.path)
    rows = {r[0]: r[1:] for r in con.execute("SELECT uuid, status, road_uuid, updated_by FROM streetlights")}
    updates = con.execute(
        "SELECT count(*) FROM cddp_changelog WHERE layer = 'streetlights' AND op = 'update'"
    ).fetchone()[0]
    con.close()
    assert rows["L3"] == ("out", "R1", "officer") and rows["L1"] == ("working", "R1", "officer")
    assert rows["O1"] == ("out", None, "t")  # nothing changed, not touched
    assert updates == 4
    assert jobs.update_lamp_statuses(core_workspace.path, "officer").changed == 0  # a second run changes nothing


def test_parameters_reach_the_analysis(core_workspace):
    _fill(core_workspace.path)
    run = jobs.update_lamp_statuses(core_workspace.path, "officer", min_lamps=4, spacing=300.0)
    assert run.kpis["clusters"] == 0 and run.gaps.gaps == []


def test_a_workspace_without_streetlights_is_refused(core_workspace):
    with pytest.raises(CddpError, match="no streetlights"):
        jobs.update_lamp_statuses(core_workspace.path, "officer")


def test_workspace_lamps_are_read(core_workspace):
    _fill(core_workspace.path)
    frame = lamps.read_workspace_lamps(core_workspace.path, columns=["status"])
    assert sorted(frame["status"]) == ["out"] * 3 + ["working"] * 4 and list(frame.columns) == ["status", "geometry"]
