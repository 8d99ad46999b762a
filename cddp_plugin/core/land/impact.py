"""Hazard impact (e.g. a flood extent): affected parcels and households, and the vulnerable residents
among them, per household and per village (หมู่).

By default nothing names a person and nothing is counted per household: the counts of residents,
elderly, bedridden… are per village; households are points with their village, parcels carry no owner. Names appear only
when the caller asks for personal data, and every such run is written to the workspace's
``cddp_personal_data_log`` (who, when, what) — PDPA's audit trail.
"""

from __future__ import annotations

import datetime as _dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from ..common.thai import be_year
from ..workspace import gpkg
from ..workspace.privacy import log_personal_data

ELDERLY_AGE = 60
COUNT_COLUMNS = ("residents", "elderly", "bedridden", "homebound", "disabled", "no_caretaker")


def resident_counts(residents, today: _dt.date | None = None):
    """Per household_uuid: residents, elderly (60+), bedridden, homebound, disabled, no_caretaker
    (bedridden or homebound without a caretaker)."""
    import pandas as pd

    if residents is None or len(residents) == 0:
        return pd.DataFrame(columns=list(COUNT_COLUMNS), dtype="int64")
    r = residents
    year_be = be_year(today or _dt.date.today())
    birth = pd.to_numeric(r["birth_year_be"], errors="coerce")
    elderly = pd.to_numeric(r["is_elderly"], errors="coerce").fillna(0).astype(bool) | (
        (year_be - birth) >= ELDERLY_AGE
    )
    dep = r["dependency"].fillna("")
    disabled = r["disability"].notna() & r["disability"].ne("none")
    dependent = dep.isin(["bedridden", "homebound"])
    no_care = dependent & ~pd.to_numeric(r["has_caretaker"], errors="coerce").fillna(0).astype(bool)

    frame = pd.DataFrame({
        "household_uuid": r["household_uuid"],
        "residents": 1,
        "elderly": elderly.astype(int),
        "bedridden": dep.eq("bedridden").astype(int),
        "homebound": dep.eq("homebound").astype(int),
        "disabled": disabled.astype(int),
        "no_caretaker": no_care.astype(int),
    })  # fmt: skip
    return frame.groupby("household_uuid").sum()


_RESIDENT_COLUMNS = ("household_uuid", "birth_year_be", "is_elderly", "dependency", "disability", "has_caretaker")
_CHUNK = 500  # household uuids per query (SQLite's limit of bound parameters)


@dataclass(frozen=True)
class HouseholdResidents:
    """The residents of a set of households: ``counts`` sums :data:`COUNT_COLUMNS` over them (None
    when no resident is recorded); ``names`` only when they were asked for (and logged)."""

    households: int
    counts: dict[str, int] | None
    names: list[str] | None = None


def residents_of_households(
    workspace_path: str,
    household_uuids: Iterable[str],
    *,
    with_names: bool = False,
    who: str | None = None,
    action: str | None = None,
    what: Mapping[str, object] | None = None,
    today: _dt.date | None = None,
) -> HouseholdResidents:
    """Read the residents of ``household_uuids`` from the workspace (read-only) and count them as
    :func:`resident_counts` does.

    Names (``full_name``) are read only ``with_names``; then, when there are residents, the look is
    written to the PDPA audit log as ``who`` / ``action`` with ``what`` plus the numbers of households
    and names (:func:`workspace.privacy.log_personal_data`).
    """
    import pandas as pd

    if with_names and not (who and action):
        raise ValueError("reading names needs who and action for the PDPA audit log")
    uuids = list(dict.fromkeys(u for u in household_uuids if u))
    columns = [*_RESIDENT_COLUMNS, "full_name"] if with_names else list(_RESIDENT_COLUMNS)
    frames = []
    if uuids:
        con = gpkg.connect(workspace_path, readonly=True)
        try:
            for i in range(0, len(uuids), _CHUNK):
                part = uuids[i : i + _CHUNK]
                frames.append(
                    pd.read_sql_query(
                        f"SELECT {', '.join(columns)} FROM residents "
                        f"WHERE household_uuid IN ({','.join('?' * len(part))}) ORDER BY fid",
                        con,
                        params=part,
                    )
                )
        finally:
            con.close()
    frames = [f for f in frames if len(f)]
    frame = pd.concat(frames, ignore_index=True) if frames else pd.DataFrame(columns=columns)
    if not len(frame):
        return HouseholdResidents(households=len(uuids), counts=None)
    sums = resident_counts(frame, today).sum()
    counts = {c: int(sums[c]) for c in COUNT_COLUMNS}
    if not with_names:
        return HouseholdResidents(households=len(uuids), counts=counts)
    names = [str(n) for n in frame["full_name"].dropna()]
    log_personal_data(workspace_path, who, action, {**(what or {}), "households": len(uuids), "names": len(names)})
    return HouseholdResidents(households=len(uuids), counts=counts, names=names)


def read_workspace(workspace_path: str):
    """(parcels, households, residents) of a workspace, as :func:`assess` takes them (read-only)."""
    from ..common import ogrio

    parcels = ogrio.read_dataframe(workspace_path, layer="parcels")
    households = ogrio.read_dataframe(workspace_path, layer="households")
    residents = ogrio.read_dataframe(workspace_path, layer="residents", read_geometry=False)
    return parcels, households, residents


def assess(hazard, parcels, households, residents, include_personal: bool = False, today: _dt.date | None = None):
    """Return (affected parcels, affected households, per-village table, summary dict).

    ``hazard``, ``parcels`` and ``households`` are GeoDataFrames in one metric CRS. A household is
    affected when its point is in the hazard or its linked parcel (``parcel_id`` = parcel ``uuid``)
    is touched by it.
    """
    import numpy as np
    import pandas as pd
    import shapely

    zone = shapely.union_all(shapely.make_valid(hazard.geometry.values[~shapely.is_missing(hazard.geometry.values)]))
    shapely.prepare(zone)
    pg = parcels.geometry.values
    hit = ~shapely.is_missing(pg) & shapely.intersects(zone, pg)
    ap = parcels.loc[hit].copy()
    inter = shapely.intersection(shapely.make_valid(ap.geometry.values), zone)
    area = shapely.area(ap.geometry.values)
    ap["flooded_sqm"] = np.round(shapely.area(inter), 1)
    ap["flooded_share"] = np.round(np.where(area > 0, shapely.area(inter) / np.where(area > 0, area, 1), 0), 3)
    hitted_uuids = set(ap["uuid"].dropna()) if "uuid" in ap else set()

    hg = households.geometry.values
    has_pt = ~shapely.is_missing(hg)
    in_zone = np.zeros(len(households), dtype=bool)
    in_zone[has_pt] = shapely.intersects(zone, hg[has_pt])
    via_parcel = (
        households["parcel_id"].isin(hitted_uuids).to_numpy()
        if "parcel_id" in households
        else np.zeros(len(households), bool)
    )
    affected = in_zone | via_parcel
    ah = households.loc[affected].copy()
    ah["affected_by"] = np.where(in_zone[affected], "location", "parcel")
    counts = resident_counts(residents, today)
    ah = ah.join(counts, on="uuid") if len(counts) else ah.assign(**{c: 0 for c in COUNT_COLUMNS})
    for c in COUNT_COLUMNS:
        ah[c] = ah[c].fillna(0).astype(int)
    if include_personal and residents is not None and len(residents) and "full_name" in residents:
        names = (
            residents.dropna(subset=["full_name"]).groupby("household_uuid")["full_name"].agg(lambda s: "; ".join(s))
        )
        ah["resident_names"] = ah["uuid"].map(names)
    keep_h = [
        c
        for c in (
            "uuid",
            "house_code",
            "house_no",
            "village_no",
            "parcel_id",
            "affected_by",
            *COUNT_COLUMNS,
            "resident_names",
        )
        if c in ah
    ]
    ah = ah[[*keep_h, ah.geometry.name]]
    keep_p = [
        c for c in ("uuid", "parcel_code", "land_no", "doc_type", "area_sqm", "flooded_sqm", "flooded_share") if c in ap
    ]
    if include_personal and "owner_name" in ap:
        keep_p.append("owner_name")
    ap = ap[[*keep_p, ap.geometry.name]]

    villages = (
        ah.assign(households=1).groupby(ah["village_no"].fillna(-1).astype(int) if "village_no" in ah else 0)[["households", *COUNT_COLUMNS]].sum()
        if len(ah) else pd.DataFrame(columns=["households", *COUNT_COLUMNS])
    )  # fmt: skip
    villages.index.name = "village_no"
    villages = villages.reset_index()
    villages["village_no"] = villages["village_no"].replace(-1, pd.NA)
    if not include_personal:
        # PDPA: without the personal-data switch the counts are per village only; a household is a
        # point with its village and why it is affected, never its house number or who lives there
        ah = ah[[c for c in ("uuid", "village_no", "parcel_id", "affected_by") if c in ah] + [ah.geometry.name]]
    summary = {
        "parcels": len(ap),
        "parcel_area_flooded_sqm": float(round(ap["flooded_sqm"].sum(), 1)) if len(ap) else 0.0,
        "households": len(ah),
        "households_by_location": int((ah["affected_by"] == "location").sum()) if len(ah) else 0,
        "households_via_parcel": int((ah["affected_by"] == "parcel").sum()) if len(ah) else 0,
        **{c: int(villages[c].sum()) if len(villages) else 0 for c in COUNT_COLUMNS},
        "villages": len(villages),
        "personal_data": bool(include_personal),
    }
    return ap, ah, villages, summary
