"""Hazard impact: affected parcels and households, vulnerable residents, PDPA."""

import datetime as dt
import json
import sqlite3

import geopandas as gpd
import pandas as pd
import pytest
import shapely

from cddp_plugin.core.land import impact
from cddp_plugin.core.workspace import privacy

CRS = "EPSG:32648"


@pytest.fixture
def town():
    parcels = gpd.GeoDataFrame(
        {"uuid": ["P1", "P2", "P3"], "parcel_code": ["A", "B", "C"], "owner_name": ["นาย ก", "นาง ข", "นาย ค"]},
        geometry=[shapely.box(0, 0, 10, 10), shapely.box(20, 0, 30, 10), shapely.box(40, 0, 50, 10)], crs=CRS,
    )  # fmt: skip
    households = gpd.GeoDataFrame(
        {"uuid": ["H1", "H2", "H3", "H4"], "house_no": ["1", "2", "3", "4"], "house_code": ["1" * 11, "2" * 11, "3" * 11, "4" * 11],
         "village_no": [1, 1, 2, 2], "parcel_id": ["P1", "P2", "P2", "P3"]},
        geometry=[shapely.Point(5, 5), shapely.Point(25, 5), None, shapely.Point(45, 5)], crs=CRS,
    )  # fmt: skip
    residents = pd.DataFrame({
        "household_uuid": ["H1", "H1", "H2", "H3", "H3", "H4"],
        "full_name": ["ก", "ข", "ค", "ง", "จ", "ฉ"],
        "birth_year_be": [2490, 2540, 2500, None, 2530, 2480],
        "is_elderly": [None, None, None, 1, None, None],
        "dependency": ["bedridden", "none", "homebound", "bedridden", None, "bedridden"],
        "disability": ["physical", "none", None, None, "visual", None],
        "has_caretaker": [1, None, 0, 0, None, 1],
    })  # fmt: skip
    return parcels, households, residents


def test_counts_per_household_village_and_total(town):
    parcels, households, residents = town
    hazard = gpd.GeoDataFrame(geometry=[shapely.box(-5, -5, 22, 20)], crs=CRS)  # floods P1 and 2 m of P2
    ap, ah, villages, s = impact.assess(
        hazard, parcels, households, residents, include_personal=True, today=dt.date(2026, 11, 21)
    )
    assert list(ap.uuid) == ["P1", "P2"]
    assert list(ap.flooded_share) == [1.0, 0.2]
    # H1 by location; H2 and H3 through P2 (H2's point at x=25 is dry; H3 has no point); H4 dry
    assert list(ah.uuid) == ["H1", "H2", "H3"]
    assert list(ah.affected_by) == ["location", "parcel", "parcel"]
    h = ah.set_index("uuid")
    # 2569 BE: born 2490 → 79 (elderly); 2540 → 29; 2500 → 69 (elderly); H3 flag elderly
    assert (h.loc["H1", "residents"], h.loc["H1", "elderly"], h.loc["H1", "bedridden"], h.loc["H1", "disabled"]) == (
        2,
        1,
        1,
        1,
    )
    assert (h.loc["H2", "elderly"], h.loc["H2", "homebound"], h.loc["H2", "no_caretaker"]) == (1, 1, 1)
    assert (h.loc["H3", "elderly"], h.loc["H3", "bedridden"], h.loc["H3", "disabled"], h.loc["H3", "no_caretaker"]) == (
        1,
        1,
        1,
        1,
    )
    v = villages.set_index("village_no")
    assert (v.loc[1, "households"], v.loc[1, "residents"], v.loc[2, "households"]) == (2, 3, 1)
    assert s["households"] == 3 and s["residents"] == 5 and s["bedridden"] == 2 and s["elderly"] == 3
    assert s["personal_data"] is True
    # without the personal-data switch: the same village and total counts, nothing per household
    _, ah2, villages2, s2 = impact.assess(hazard, parcels, households, residents, today=dt.date(2026, 11, 21))
    assert villages2.equals(villages) and s2 == {**s, "personal_data": False}
    assert list(ah2.uuid) == ["H1", "H2", "H3"]
    assert not {"house_no", "house_code", "residents", "elderly", "bedridden", "disabled", "no_caretaker"} & set(ah2)


def test_no_names_unless_asked(town):
    parcels, households, residents = town
    hazard = gpd.GeoDataFrame(geometry=[shapely.box(-5, -5, 60, 20)], crs=CRS)
    ap, ah, _, _ = impact.assess(hazard, parcels, households, residents)
    assert "owner_name" not in ap and "resident_names" not in ah and "house_code" not in ah
    ap, ah, _, s = impact.assess(hazard, parcels, households, residents, include_personal=True)
    assert list(ap.owner_name) == ["นาย ก", "นาง ข", "นาย ค"]
    assert ah.set_index("uuid").loc["H1", "resident_names"] == "ก; ข"
    assert s["personal_data"] is True


def test_nothing_affected(town):
    parcels, households, residents = town
    hazard = gpd.GeoDataFrame(geometry=[shapely.box(100, 100, 110, 110)], crs=CRS)
    ap, ah, villages, s = impact.assess(hazard, parcels, households, residents)
    assert len(ap) == len(ah) == len(villages) == 0 and s["households"] == 0


def test_personal_data_use_is_logged(core_workspace):
    privacy.log_personal_data(core_workspace.path, "officer", "floodimpact", {"households": 3})
    con = sqlite3.connect(core_workspace.path)
    who, action, what, at = con.execute("SELECT who, action, what, at FROM cddp_personal_data_log").fetchone()
    con.close()
    assert (who, action, json.loads(what)) == ("officer", "floodimpact", {"households": 3})
    assert at.startswith("20")
