"""core/roads: reading the road sections' condition from a real workspace."""

import shapely

from cddp_plugin.core.roads import pavement
from cddp_plugin.core.workspace import gpkg


def test_section_conditions_are_read(core_workspace):
    con = gpkg.connect(core_workspace.path)
    srs = gpkg.srs_id(con, "road_sections")
    with con:
        gpkg.write_features(con, "road_sections", ["uuid", "road_uuid", "section_id", "length_m", "condition_band"], [
            ["S1", "R1", "T1-0001", 100.0, "good", gpkg.to_blob(shapely.MultiLineString([[(0, 0), (100, 0)]]), srs), "t"],
            ["S2", "R1", "T1-0002", 50.0, None, gpkg.to_blob(shapely.MultiLineString([[(100, 0), (150, 0)]]), srs), "t"],
        ], [])  # fmt: skip
    con.close()
    sections = pavement.read_section_conditions(core_workspace.path)
    assert list(sections.columns) == ["length_m", "condition_band", "geometry"]
    assert pavement.summary_by_band(sections["length_m"], sections["condition_band"]) == {"good": 0.1, "unrated": 0.05}
