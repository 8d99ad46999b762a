"""cddp:linkhouseholds — link household points to land parcels, explaining every link."""

from __future__ import annotations

import getpass

from qgis.core import (
    QgsProcessing,
    QgsProcessingParameterBoolean,
    QgsProcessingParameterDistance,
    QgsProcessingParameterFeatureSink,
    QgsProcessingParameterField,
    QgsProcessingParameterVectorLayer,
)

from ..core.common.errors import CddpError
from ..core.common.i18n import translate
from ..core.common.numbers import format_int, format_percent
from ..toolbelt import layer_io
from ..toolbelt.i18n import error_text
from .base import CddpAlgorithm, has_no_crs


class LinkHouseholdsAlgorithm(CddpAlgorithm):
    NAME = "linkhouseholds"
    GROUP_ID = "parcels"
    HOUSEHOLDS, PARCELS, PARCEL_ID_FIELD, MAX_DISTANCE = "HOUSEHOLDS", "PARCELS", "PARCEL_ID_FIELD", "MAX_DISTANCE"
    OUTPUT, UNLINKED, UPDATE_WORKSPACE = "OUTPUT", "UNLINKED", "UPDATE_WORKSPACE"

    def displayName(self):
        return self.tr("Link households to parcels")

    def shortHelpString(self):
        return self.tr(
            "Links each household point to the land parcel it stands on and explains the link: parcel_id, link_method (within, nearest, code, house_number, manual), link_confidence (0–1), link_distance_m and, when it is ambiguous, link_candidates.\n\n"
            "A point inside one parcel scores high, lower near its boundary; a point outside every parcel (e.g. on the road in front of the house) is linked to the nearest parcel within MAX_DISTANCE and scores lower the closer the parcel across the road is. Tax-map codes (parcel_code, or building codes like 20F026-B002) and house numbers are used when the layers carry them. Manual links are never overwritten.\n\n"
            "When HOUSEHOLDS is the workspace's households layer and UPDATE_WORKSPACE is on, the links are written into it (through the change log), and then PARCELS must be the parcels layer of the same workspace, unfiltered, with the uuid as parcel id: links to another file's parcels would point at nothing, so the algorithm refuses them. To link against any other parcels layer, switch UPDATE_WORKSPACE off: the links then go to OUTPUT only. A manual link an officer saves while the links are computed is kept too (counted in the log).\n\n"
            "MAX_DISTANCE is at most 500 m: a household stands on its parcel or on the road in front of it, never farther. Both layers need a coordinate reference system."
        )

    def initAlgorithm(self, config=None):
        self.add_workspace_layer_parameter(  # the workspace's households, never the complaints (also points)
            QgsProcessingParameterVectorLayer(
                self.HOUSEHOLDS, self.tr("Households (points)"), [QgsProcessing.SourceType.TypeVectorPoint]
            ),
            "households",
        )
        self.add_workspace_layer_parameter(
            QgsProcessingParameterVectorLayer(
                self.PARCELS, self.tr("Parcels (polygons)"), [QgsProcessing.SourceType.TypeVectorPolygon]
            ),
            "parcels",
        )
        self.addParameter(
            QgsProcessingParameterField(
                self.PARCEL_ID_FIELD,
                self.tr("Parcel id field (default: uuid, else the first unique field)"),
                parentLayerParameterName=self.PARCELS,
                optional=True,
            )
        )
        dist = QgsProcessingParameterDistance(
            self.MAX_DISTANCE,
            self.tr("Largest distance to a parcel"),
            15.0,
            self.HOUSEHOLDS,
            minValue=0.0,
        )  # at most linking.MAX_DISTANCE_LIMIT, checked with its reason in checkParameterValues
        self.addParameter(dist)
        self.addParameter(
            QgsProcessingParameterBoolean(
                self.UPDATE_WORKSPACE, self.tr("Write the links into the workspace's households layer"), True
            )
        )
        self.addParameter(
            QgsProcessingParameterFeatureSink(
                self.OUTPUT, self.tr("Linked households"), QgsProcessing.SourceType.TypeVectorPoint, optional=True
            )
        )
        self.addParameter(
            QgsProcessingParameterFeatureSink(
                self.UNLINKED, self.tr("Unlinked households"), QgsProcessing.SourceType.TypeVectorPoint, optional=True
            )
        )
        self.add_count_outputs(
            (
                ("LINKED", self.tr("Households linked")),
                ("UNLINKED_COUNT", self.tr("Households not linked")),
                ("AMBIGUOUS", self.tr("Ambiguous links")),
                ("KEPT_MANUAL", self.tr("Manual links kept that changed during the run")),
            )
        )

    def checkParameterValues(self, parameters, context):
        """A MAX_DISTANCE above the limit gets the reason, not QGIS's bare "Incorrect parameter value"."""
        from ..core.land import linking

        if parameters.get(self.MAX_DISTANCE) is not None:
            try:
                linking.check_params(
                    linking.LinkParams(max_distance=self.parameterAsDouble(parameters, self.MAX_DISTANCE, context))
                )
            except CddpError as exc:
                return False, error_text(exc)
        return super().checkParameterValues(parameters, context)

    def process(self, parameters, context, feedback):
        from ..core.land import jobs as land_jobs
        from ..core.land import linking

        hh_layer = self.parameterAsVectorLayer(parameters, self.HOUSEHOLDS, context)
        pc_layer = self.parameterAsVectorLayer(parameters, self.PARCELS, context)
        if hh_layer is None or pc_layer is None:
            raise CddpError(translate("core", "The households and parcels layers are required."))
        kind = layer_io.geometry_kind(hh_layer)
        if kind != "point" and hh_layer.featureCount() != 0:  # parcels as households "link" every parcel to itself
            raise CddpError(
                translate(
                    "core",
                    "{layer} has {kind}; HOUSEHOLDS must be household points — did you give the parcels? Choose the workspace's households layer, or import buildings as households with Import households first.",
                ),
                layer=layer_io.layer_label(hh_layer),
                kind={"polygon": self.tr("polygons"), "line": self.tr("lines")}.get(kind, self.tr("no geometry")),
            )
        max_distance = self.parameterAsDouble(parameters, self.MAX_DISTANCE, context)
        params = linking.LinkParams(max_distance=max_distance)
        linking.check_params(params)
        id_field = self.parameterAsString(parameters, self.PARCEL_ID_FIELD, context)
        for lyr in (hh_layer, pc_layer):
            if has_no_crs(lyr.crs()):
                raise CddpError(
                    translate("core", "{layer} has no coordinate reference system; set one in its properties."),
                    layer=lyr.name(),
                )
        target = layer_io.workspace_table(hh_layer)
        in_place = bool(target and target[1] == "households") and self.parameterAsBoolean(
            parameters, self.UPDATE_WORKSPACE, context
        )
        if in_place:  # links go into the workspace only against its own parcels, by uuid
            linking.check_in_place(
                target[0], layer_io.workspace_table(pc_layer), pc_layer.subsetString(), id_field, pc_layer.source()
            )

        feedback.pushInfo(self.tr("Reading households and parcels…"))
        # read only the columns linking uses (a tenth of the time for a whole town); the outputs carry
        # every column of the households, and without an id field the parcel id may be any column
        hh_names, pc_names = {f.name() for f in hh_layer.fields()}, {f.name() for f in pc_layer.fields()}
        hh_wanted = None
        if parameters.get(self.OUTPUT) is None and parameters.get(self.UNLINKED) is None:
            hh_wanted = [n for n in linking.HOUSEHOLD_FIELDS if n in hh_names]
        pc_wanted = [n for n in dict.fromkeys([id_field or "uuid", *linking.PARCEL_FIELDS]) if n in pc_names]
        if not id_field and "uuid" not in pc_names:
            pc_wanted = None
        hh, pc = layer_io.read_layers([hh_layer, pc_layer], fields=[hh_wanted, pc_wanted])
        if pc_wanted is not None and not id_field and not linking.has_parcel_uuids(pc):
            pc = layer_io.read_layer(pc_layer)  # uuid incomplete or repeated: the id is chosen among all columns
        linking.require_crs(hh, hh_layer.name())
        linking.require_crs(pc, pc_layer.name())

        if feedback.isCanceled():
            return {}
        if len(pc) == 0:
            raise CddpError(translate("core", "{layer} has no parcels."), layer=pc_layer.name())
        feedback.setProgress(20)
        feedback.pushInfo(
            self.tr("Linking {n} households to {m} parcels (largest distance {d:g} m)…").format(
                n=format_int(len(hh)), m=format_int(len(pc)), d=max_distance
            )
        )
        res, repaired = linking.link_frames(hh, pc, hh_layer.name(), pc_layer.name(), id_field, params)
        if repaired:
            feedback.pushWarning(
                self.tr("{n} parcels have invalid geometry and were repaired for linking (not in the data).").format(
                    n=repaired
                )
            )

        feedback.setProgress(70)
        if feedback.isCanceled():
            return {}
        summary = res.summary()
        self._report(summary, feedback)

        columns = list(hh.columns)
        out = hh  # read for this run only: add the link columns in place (a copy of 1M rows costs memory)
        out["parcel_id"], out["link_method"] = res.parcel_id, res.method
        out["link_confidence"], out["link_distance_m"], out["link_candidates"] = (
            res.confidence,
            res.distance,
            res.candidates,
        )
        results = {
            "LINKED": summary["linked"],
            "UNLINKED_COUNT": summary["households"] - summary["linked"],
            "AMBIGUOUS": summary["ambiguous"],
            "KEPT_MANUAL": 0,
        }

        # the outputs first: a run that fails writing them leaves the workspace as it was
        if parameters.get(self.OUTPUT) is not None:
            results[self.OUTPUT] = self._write(out, parameters, self.OUTPUT, context, hh_layer, "linked_households")
        if parameters.get(self.UNLINKED) is not None:
            unlinked = out.loc[res.reason != None, columns].copy()  # noqa: E711
            unlinked["reason"] = res.reason[res.reason != None]  # noqa: E711
            results[self.UNLINKED] = self._write(
                unlinked, parameters, self.UNLINKED, context, hh_layer, "unlinked_households"
            )
        feedback.setProgress(85)
        if in_place:
            written = land_jobs.write_household_links(target[0], out, getpass.getuser())
            feedback.pushInfo(
                self.tr("Workspace households updated: {n} links changed (recorded in the change log).").format(
                    n=written.changed
                )
            )
            if written.skipped_manual:
                feedback.pushWarning(
                    self.tr(
                        "{n} households kept the manual link an officer set, changed or removed while the links were computed."
                    ).format(n=written.skipped_manual)
                )
            results["KEPT_MANUAL"] = written.skipped_manual
            hh_layer.reload()
        feedback.setProgress(100)
        return results

    def _report(self, s, feedback):
        n = max(s["households"], 1)
        feedback.pushInfo(
            self.tr("Linked {linked} of {n} households ({pct}).").format(
                linked=format_int(s["linked"]),
                n=format_int(s["households"]),
                pct=format_percent(100 * s["linked"] / n, 1),
            )
        )
        for method, count in s["by_method"].items():
            if count:
                feedback.pushInfo(
                    self.tr("  by {method}: {count} ({pct})").format(
                        method=method, count=format_int(count), pct=format_percent(100 * count / n, 1)
                    )
                )
        for reason, count in s["unlinked"].items():
            if count:
                feedback.pushWarning(
                    self.tr("  not linked, {reason}: {count}").format(reason=reason, count=format_int(count))
                )
        feedback.pushInfo(
            self.tr("Confidence: {bins}; ambiguous: {amb}").format(
                bins=", ".join(f"{k}: {format_int(v)}" for k, v in s["confidence_bins"].items()),
                amb=format_int(s["ambiguous"]),
            )
        )
        notes = {k: v for k, v in s["notes"].items() if v}
        if notes:
            feedback.pushInfo(self.tr("Notes: {notes}").format(notes=", ".join(f"{k}: {v}" for k, v in notes.items())))

    def _write(self, frame, parameters, name, context, like_layer, layer_name):
        destination = self.parameterAsOutputLayer(parameters, name, context)
        if layer_io.output_path(destination):
            return layer_io.write_gdf(frame, destination, layer_name)  # the file writer does not write the index
        frame = frame.reset_index(drop=True)
        fields = layer_io.qgs_fields_for(frame)
        sink, dest = self.parameterAsSink(parameters, name, context, fields, like_layer.wkbType(), like_layer.crs())
        layer_io.write_to_sink(sink, frame, fields)
        return dest
