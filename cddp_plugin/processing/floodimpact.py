"""cddp:floodimpact — who and what a hazard (flood extent, fire, road closure…) touches."""

from __future__ import annotations

import getpass

from qgis.core import (
    QgsProcessing,
    QgsProcessingParameterBoolean,
    QgsProcessingParameterFeatureSink,
    QgsProcessingParameterVectorLayer,
    QgsWkbTypes,
)

from ..core.common.errors import CddpError
from ..core.common.i18n import translate
from ..core.common.numbers import format_int as _n
from ..core.workspace.meta import read_meta
from ..toolbelt import layer_io
from .base import CddpAlgorithm


class FloodImpactAlgorithm(CddpAlgorithm):
    NAME = "floodimpact"
    GROUP_ID = "parcels"
    HAZARD, PERSONAL = "HAZARD", "INCLUDE_PERSONAL_DATA"
    PARCELS_OUT, HOUSEHOLDS_OUT, VILLAGES_OUT, SUMMARY_OUT = "PARCELS", "HOUSEHOLDS", "VILLAGES", "SUMMARY"

    def displayName(self):
        return self.tr("Hazard impact on parcels and households")

    def shortHelpString(self):
        return self.tr(
            "For a hazard polygon layer (e.g. a flood extent), lists the affected parcels (with the flooded area), the affected households (by location, or through the parcel they are linked to) with counts of residents, elderly (60+), bedridden, homebound and disabled people and those without a caretaker, a table per village (หมู่) and a summary.\n\n"
            "Owner and resident names are included only when INCLUDE_PERSONAL_DATA is ticked; each such run is recorded in the workspace's personal-data log (who, when, what), as PDPA requires."
        )

    def initAlgorithm(self, config=None):
        self.add_outside_layer_parameter(  # a flood or hazard layer, never the workspace's parcels or villages
            QgsProcessingParameterVectorLayer(
                self.HAZARD, self.tr("Hazard area (polygons)"), [QgsProcessing.SourceType.TypeVectorPolygon]
            )
        )
        self.add_workspace_parameter()
        self.addParameter(
            QgsProcessingParameterBoolean(
                self.PERSONAL, self.tr("Include owner and resident names (personal data, logged)"), False
            )
        )
        self.addParameter(
            QgsProcessingParameterFeatureSink(
                self.PARCELS_OUT, self.tr("Affected parcels"), QgsProcessing.SourceType.TypeVectorPolygon, optional=True
            )
        )
        self.addParameter(
            QgsProcessingParameterFeatureSink(
                self.HOUSEHOLDS_OUT,
                self.tr("Affected households"),
                QgsProcessing.SourceType.TypeVectorPoint,
                optional=True,
            )
        )
        self.addParameter(
            QgsProcessingParameterFeatureSink(
                self.VILLAGES_OUT, self.tr("Impact per village"), QgsProcessing.SourceType.TypeVector, optional=True
            )
        )
        self.addParameter(
            QgsProcessingParameterFeatureSink(
                self.SUMMARY_OUT, self.tr("Impact summary"), QgsProcessing.SourceType.TypeVector, optional=True
            )
        )
        self.add_count_outputs(
            (
                ("AFFECTED_PARCELS", self.tr("Parcels affected")),
                ("AFFECTED_HOUSEHOLDS", self.tr("Households affected")),
                ("ELDERLY", self.tr("Elderly residents affected")),
                ("BEDRIDDEN", self.tr("Bedridden residents affected")),
                ("DISABLED", self.tr("Disabled residents affected")),
            )
        )

    def process(self, parameters, context, feedback):
        import pandas as pd

        from ..core.land import impact
        from ..core.workspace import privacy

        hazard_layer = self.parameterAsVectorLayer(parameters, self.HAZARD, context)
        if hazard_layer is None:
            raise CddpError(translate("core", "The hazard layer is required."))
        if hazard_layer.featureCount() == 0:  # before the CRS: an empty file has none, and that is not the point
            raise CddpError(translate("core", "{layer} has no hazard polygons."), layer=hazard_layer.name())
        kind = layer_io.geometry_kind(hazard_layer)
        if kind != "polygon":  # points or lines "affect" what they happen to touch: a plausible, wrong count
            raise CddpError(
                translate(
                    "core",
                    "{layer} has {kind}, not polygons: HAZARD must be the hazard area as polygons (e.g. a flood extent). Choose a polygon layer, or draw or buffer the area first.",
                ),
                layer=layer_io.layer_label(hazard_layer),
                kind={"point": self.tr("points"), "line": self.tr("lines")}.get(kind, self.tr("no geometry")),
            )
        self.layer_crs_or_error(hazard_layer)
        ws = self.workspace_path(parameters, context)
        meta = read_meta(ws)
        personal = self.parameterAsBoolean(parameters, self.PERSONAL, context)
        hazard = layer_io.read_layer(hazard_layer)
        if len(hazard) == 0 or hazard.geometry.isna().all():
            raise CddpError(translate("core", "{layer} has no hazard polygons."), layer=hazard_layer.name())
        hazard = self.frame_to_crs(hazard, hazard_layer, meta["crs"])
        feedback.setProgress(10)
        parcels, households, residents = impact.read_workspace(ws)
        feedback.setProgress(40)
        if feedback.isCanceled():
            return {}
        ap, ah, villages, summary = impact.assess(hazard, parcels, households, residents, include_personal=personal)
        feedback.setProgress(80)
        feedback.pushInfo(self.tr("Affected: {p} parcels ({a:,.0f} m² flooded), {h} households ({hl} by location, {hp} through their parcel).").format(
            p=_n(summary["parcels"]), a=summary["parcel_area_flooded_sqm"], h=_n(summary["households"]),
            hl=_n(summary["households_by_location"]), hp=_n(summary["households_via_parcel"])))  # fmt: skip
        feedback.pushInfo(self.tr("Residents affected: {r}; elderly {e}, bedridden {b}, homebound {hb}, disabled {d}, dependent without caretaker {nc}.").format(
            r=_n(summary["residents"]), e=_n(summary["elderly"]), b=_n(summary["bedridden"]), hb=_n(summary["homebound"]),
            d=_n(summary["disabled"]), nc=_n(summary["no_caretaker"])))  # fmt: skip
        if personal:
            privacy.log_personal_data(ws, getpass.getuser(), "floodimpact", {
                "hazard": hazard_layer.name(), "households": summary["households"], "residents": summary["residents"],
                "parcels": summary["parcels"], "fields": ["resident_names", "owner_name", "house_code"],
            })  # fmt: skip
            feedback.pushWarning(
                self.tr("Personal data included; this run was recorded in the workspace's personal-data log.")
            )
        results = {"AFFECTED_PARCELS": summary["parcels"], "AFFECTED_HOUSEHOLDS": summary["households"],
                   "ELDERLY": summary["elderly"], "BEDRIDDEN": summary["bedridden"], "DISABLED": summary["disabled"]}  # fmt: skip
        crs = hazard_layer.crs()
        from qgis.core import QgsCoordinateReferenceSystem

        ws_crs = QgsCoordinateReferenceSystem(meta["crs"])
        outputs = (
            (self.PARCELS_OUT, ap, QgsWkbTypes.Type.MultiPolygon, ws_crs),
            (self.HOUSEHOLDS_OUT, ah, QgsWkbTypes.Type.Point, ws_crs),
            (self.VILLAGES_OUT, villages, QgsWkbTypes.Type.NoGeometry, crs),
            (self.SUMMARY_OUT, pd.DataFrame([summary]), QgsWkbTypes.Type.NoGeometry, crs),
        )
        for name, frame, wkb, out_crs in outputs:
            self.write_frame(parameters, name, context, frame, results, wkb, out_crs)
        return results
