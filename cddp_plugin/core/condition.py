"""Road condition per section from the workspace's inspections: PASER ratings or ASTM D6433 PCI
from distress records, with the band and the recommended treatment, written to ``road_sections``.

For each section the latest inspection date counts. On that date:

* PCI inspections (``method = 'pci'``) are the section's sample units; each unit's PCI comes from its
  distress records (:func:`cddp_plugin.core.pavement.pci_arrays`; a unit without distresses scores
  100) and the section's PCI is their area-weighted mean; band and treatment follow from the PCI.
* otherwise a PASER inspection gives the rating (the lowest, if several were entered that day), the
  treatment class of that rating, and a band: 9–10 good, 7–8 satisfactory, 5–6 fair, 3–4 poor,
  2 very poor, 1 failed (PASER is a 10-step scale; this mapping is ours, stated here).
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field

from . import gpkg, pavement
from .errors import CddpError
from .i18n import translate

log = logging.getLogger("cddp.core.condition")
PASER_BANDS = {10: "good", 9: "good", 8: "satisfactory", 7: "satisfactory", 6: "fair", 5: "fair", 4: "poor",
               3: "poor", 2: "very_poor", 1: "failed"}  # fmt: skip


@dataclass
class ConditionReport:
    sections: int = 0
    rated_pci: int = 0
    rated_paser: int = 0
    unrated: int = 0
    sample_units: int = 0
    distresses: int = 0
    changed: int = 0
    by_band: dict[str, int] = field(default_factory=dict)


def rate_sections(workspace_path: str, user: str) -> ConditionReport:
    """Compute and store every section's condition; returns counts."""
    import numpy as np
    import pandas as pd

    con = gpkg.connect(workspace_path)
    try:
        sections = pd.read_sql_query(
            "SELECT fid, uuid, section_id, area_sqm, paser, pci, condition_band, treatment, inspected_on FROM road_sections",
            con,
        )
        insp = pd.read_sql_query(
            "SELECT uuid, section_uuid, inspected_on, method, sample_unit, sample_area_sqm, paser FROM road_inspections",
            con,
        )
        dist = pd.read_sql_query(
            "SELECT fid, inspection_uuid, distress_type, severity, quantity, unit FROM road_distresses", con
        )
        report = ConditionReport(sections=len(sections))
        unknown = sorted(set(insp["section_uuid"].dropna()) - set(sections["uuid"]))
        if unknown:
            raise CddpError(
                translate("core", "{n} inspections name road sections that are not in the workspace (e.g. {example})."),
                n=len(unknown), example=unknown[0],
            )  # fmt: skip
        insp = insp.dropna(subset=["inspected_on"])
        latest = insp.groupby("section_uuid")["inspected_on"].transform("max")
        current = insp[insp["inspected_on"] == latest]
        pci_units = current[current["method"] == "pci"].copy()
        missing_area = pci_units[pci_units["sample_area_sqm"].isna() | (pci_units["sample_area_sqm"] <= 0)]
        if len(missing_area):
            raise CddpError(
                translate("core", "PCI inspection {inspection} (section {section}, {date}) has no sample-unit area; enter sample_area_sqm."),
                inspection=missing_area["uuid"].iat[0], section=missing_area["section_uuid"].iat[0], date=missing_area["inspected_on"].iat[0],
            )  # fmt: skip
        results: dict[str, dict] = {}
        if len(pci_units):
            unit_pos = {u: k for k, u in enumerate(pci_units["uuid"])}
            d = dist[dist["inspection_uuid"].isin(unit_pos)]
            pcis = pavement.pci_arrays(
                pci_units["sample_area_sqm"].tolist(), [unit_pos[u] for u in d["inspection_uuid"]],
                d["distress_type"].tolist(), d["severity"].tolist(), d["quantity"].tolist(), d["unit"].tolist(),
                unit_ids=pci_units["sample_unit"].fillna(pci_units["uuid"]).tolist(), record_ids=d["fid"].tolist(),
            )  # fmt: skip
            pci_units["pci"] = pcis
            report.sample_units, report.distresses = len(pci_units), len(d)
            for sec, grp in pci_units.groupby("section_uuid"):
                w = grp["sample_area_sqm"].to_numpy(float)
                pci = float(np.round(np.sum(grp["pci"].to_numpy() * w) / np.sum(w), 1))
                band = pavement.condition_band(pci)
                results[sec] = {"pci": pci, "paser": None, "condition_band": band,
                                "treatment": pavement.band_treatment(band), "inspected_on": grp["inspected_on"].iat[0]}  # fmt: skip
                report.rated_pci += 1
        paser = current[
            (current["method"] != "pci") & current["paser"].notna() & ~current["section_uuid"].isin(results)
        ]
        for sec, grp in paser.groupby("section_uuid"):
            rating = min(pavement.parse_paser(v) for v in grp["paser"])
            results[sec] = {"pci": None, "paser": rating, "condition_band": PASER_BANDS[rating],
                            "treatment": pavement.paser_treatment(rating), "inspected_on": grp["inspected_on"].iat[0]}  # fmt: skip
            report.rated_paser += 1
        report.unrated = report.sections - len(results)
        updates = []
        for row in sections.itertuples(index=False):
            r = results.get(row.uuid)
            if r is None:
                continue
            report.by_band[r["condition_band"]] = report.by_band.get(r["condition_band"], 0) + 1
            new = (r["paser"], r["pci"], r["condition_band"], r["treatment"], r["inspected_on"])
            old = (None if pd.isna(row.paser) else int(row.paser), None if pd.isna(row.pci) else float(row.pci),
                   row.condition_band, row.treatment, row.inspected_on)  # fmt: skip
            if new != old:
                updates.append([*new, user, int(row.fid)])
        with con:
            con.executemany(
                "UPDATE road_sections SET paser = ?, pci = ?, condition_band = ?, treatment = ?, inspected_on = ?, updated_by = ? WHERE fid = ?",
                updates,
            )
        report.changed = len(updates)
    finally:
        con.close()
    log.info("road condition: %d sections rated by PCI, %d by PASER", report.rated_pci, report.rated_paser)
    return report


def summary_by_band(lengths, bands) -> dict[str, float]:
    """Kilometres of road per condition band (unrated included as ``unrated``)."""
    out: dict[str, float] = {}
    for length, band in zip(lengths, bands, strict=True):
        key = band if isinstance(band, str) and band else "unrated"
        out[key] = out.get(key, 0.0) + float(length or 0) / 1000.0
    return {k: round(v, 3) for k, v in out.items()}
