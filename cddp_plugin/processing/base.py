"""Shared base for CDDP Processing algorithms: translation, icon, group, and CddpError → message."""

from __future__ import annotations

import os

from qgis.core import QgsProcessingAlgorithm, QgsProcessingException, QgsProcessingParameterFile
from qgis.PyQt.QtCore import QT_TRANSLATE_NOOP, QCoreApplication
from qgis.PyQt.QtGui import QIcon

from ..core.common.errors import CddpError
from ..toolbelt.i18n import error_text
from ..toolbelt.icons import icon

OSM_SUFFIXES = (".pbf", ".osm")


def has_no_crs(crs) -> bool:
    """No usable CRS: none, invalid, or GeoPackage's "Undefined geographic SRS" (valid to QGIS, but it
    says nothing about where the coordinates are)."""
    if crs is None or not crs.isValid():
        return True
    return not crs.authid() and crs.description().lower().startswith("undefined")


def _blank(value) -> bool:
    """No value: None, an empty text, or a NULL QVariant (what qgis_process passes for ``NAME=``)."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return True
    is_null = getattr(value, "isNull", None)
    return bool(is_null()) if callable(is_null) else False


def _name_too_long(folder: str, name: str) -> bool:
    """Would the file system refuse ``name`` in ``folder`` as too long? (GDAL then writes nothing, silently.)"""
    try:
        limit = os.pathconf(folder, "PC_NAME_MAX")
    except (AttributeError, OSError, ValueError):  # no pathconf (Windows): NTFS counts 255 UTF-16 units
        return len(name.encode("utf-16-le")) // 2 > 255
    return len(os.fsencode(name)) > limit


class ProgressSpan:
    """One step of a run on the run's progress bar: the step's own 0–100 % is shown as ``start``–``end`` %
    of the run, so a reader that counts from 0 again never sends the bar back. Everything else (cancel,
    messages) is the run's feedback."""

    def __init__(self, feedback, start: float, end: float) -> None:
        self._feedback, self.start, self.end = feedback, float(start), float(end)
        self._shown = self.start

    def setProgress(self, percent: float) -> None:
        from ..core.common.numbers import clamp_percent

        self._shown = max(self._shown, self.start + (self.end - self.start) * clamp_percent(percent) / 100.0)
        self._feedback.setProgress(self._shown)

    def __getattr__(self, name):
        return getattr(self._feedback, name)


# Pre-selected layers in Processing dialogs. Without a default QGIS pre-selects the first project layer
# of the right geometry (the complaints for "Households", the villages for "Parcels"), so each layer
# parameter gets one: the workspace's own layer for a workspace input, and for a file to import or an
# outside layer (a hazard area) the first layer that is not the workspace's, else nothing. The project's
# layers are matched by their source (the GeoPackage and its layername), never by their (Thai) names.


def _ogr_source(layer) -> tuple[str, str] | None:
    """(normalised GeoPackage path, layer name) of an OGR layer, None for any other."""
    from qgis.core import QgsProviderRegistry, QgsVectorLayer

    if not isinstance(layer, QgsVectorLayer) or layer.providerType() != "ogr":
        return None
    parts = QgsProviderRegistry.instance().decodeUri("ogr", layer.source())
    path = parts.get("path") or ""
    if not path:
        return None
    return os.path.normcase(os.path.realpath(path)), str(parts.get("layerName") or "")


def _project_workspace() -> tuple[object, str | None]:
    from qgis.core import QgsProject

    from ..toolbelt.workspace_project import workspace_of_project

    project = QgsProject.instance()
    ws = workspace_of_project(project) if project is not None else None
    return project, (os.path.normcase(os.path.realpath(ws)) if ws else None)


def workspace_layer_default(name: str) -> str | None:
    """Default of a parameter that takes the workspace's layer ``name`` (``households``, ``parcels``…): the
    id of the project layer whose source is that table of the project's workspace; without one in the
    project, the table's source (QGIS opens it); None when the project is not a CDDP workspace's."""
    project, ws = _project_workspace()
    if ws is None:
        return None
    for layer in project.mapLayers().values():
        if _ogr_source(layer) == (ws, name):
            return layer.id()
    from ..toolbelt.workspace_project import layer_uri, workspace_of_project

    return layer_uri(workspace_of_project(project), name)


def _geometry_fits(layer, types) -> bool:
    from qgis.core import QgsProcessing, QgsWkbTypes

    geometry = {
        QgsWkbTypes.GeometryType.PointGeometry: QgsProcessing.SourceType.TypeVectorPoint,
        QgsWkbTypes.GeometryType.LineGeometry: QgsProcessing.SourceType.TypeVectorLine,
        QgsWkbTypes.GeometryType.PolygonGeometry: QgsProcessing.SourceType.TypeVectorPolygon,
    }.get(layer.geometryType())
    anyone = {QgsProcessing.SourceType.TypeVectorAnyGeometry, QgsProcessing.SourceType.TypeVector}
    return not types or any(t in anyone or t == geometry for t in types)


def outside_layer_default(types) -> str | None:
    """Default of a parameter that takes a layer from outside the workspace (a file to import, a hazard
    area): the first project layer of one of ``types`` that is not a layer of the project's workspace (in
    layer-tree order), else None — never a workspace layer, so never a layer of another domain."""
    from qgis.core import QgsVectorLayer

    project, ws = _project_workspace()
    if project is None:
        return None
    for node in project.layerTreeRoot().findLayers():
        layer = node.layer()
        if not isinstance(layer, QgsVectorLayer) or not layer.isValid() or not _geometry_fits(layer, types):
            continue
        source = _ogr_source(layer)
        if ws is not None and source is not None and source[0] == ws:
            continue
        return layer.id()
    return None


# The Processing groups: id → title (translated in the "CddpAlgorithm" context).
GROUPS = {
    "workspace": QT_TRANSLATE_NOOP("CddpAlgorithm", "Workspace"),
    "parcels": QT_TRANSLATE_NOOP("CddpAlgorithm", "Parcels and households"),
    "roads": QT_TRANSLATE_NOOP("CddpAlgorithm", "Roads and streetlights"),
    "work": QT_TRANSLATE_NOOP("CddpAlgorithm", "Work orders and complaints"),
    "reports": QT_TRANSLATE_NOOP("CddpAlgorithm", "Council maps and reports"),
}


class CddpAlgorithm(QgsProcessingAlgorithm):
    """Subclasses set ``NAME``, ``GROUP_ID`` (a key of :data:`GROUPS`) and implement ``displayName``/``process``."""

    NAME = ""
    GROUP_ID = ""
    NEEDS_PACKAGES = True  # needs pandas/shapely/geopandas (toolbelt/dependencies.py)
    STOP_IS_A_RESULT = False  # True: a cancelled run returns what it did and reports it itself (the sync)

    def tr(self, text: str) -> str:
        return QCoreApplication.translate(type(self).__name__, text)

    def name(self) -> str:
        return self.NAME

    def groupId(self) -> str:
        return self.GROUP_ID

    def group(self) -> str:
        return QCoreApplication.translate("CddpAlgorithm", GROUPS[self.GROUP_ID])

    def icon(self) -> QIcon:
        return icon("cddp.svg")

    def createInstance(self):
        return type(self)()

    def checkParameterValues(self, parameters, context):
        """QGIS's own check, but a refused value gets its reason (the allowed range, the choices, what the
        file is) instead of the bare "Incorrect parameter value for X"."""
        from qgis.core import QgsProcessingParameterDefinition

        for definition in self.parameterDefinitions():
            value = parameters.get(definition.name())
            if definition.name() in getattr(self, "_needed_outside_layers", ()) and _blank(value):
                return False, self._why_not_acceptable(definition, value)  # optional only for the dialog
            optional = bool(definition.flags() & QgsProcessingParameterDefinition.Flag.FlagOptional)
            blank = _blank(value)
            default = definition.defaultValue()
            if value is None and default is not None and default != "":
                continue  # not given: QGIS takes the default
            if definition.checkValueIsAcceptable(value, context) and (optional or not blank):
                continue
            if optional and blank:
                continue
            reason = self._why_not_acceptable(definition, value)
            if reason:
                return False, reason
        return super().checkParameterValues(parameters, context)

    def _why_not_acceptable(self, definition, value) -> str | None:
        from qgis.core import Qgis, QgsProcessingParameterEnum, QgsProcessingParameterNumber

        from ..core.workspace import files

        name, title = definition.name(), definition.description()

        if _blank(value):
            return QCoreApplication.translate("CddpAlgorithm", "{title} ({name}) is required.").format(
                title=title, name=name
            )
        if isinstance(definition, QgsProcessingParameterNumber):
            try:
                number = float(value)
            except (TypeError, ValueError):
                return QCoreApplication.translate(
                    "CddpAlgorithm", "{title} ({name}) must be a number; got '{value}'."
                ).format(title=title, name=name, value=value)
            low, high = definition.minimum(), definition.maximum()
            if definition.dataType() == Qgis.ProcessingNumberParameterType.Integer and number != int(number):
                return QCoreApplication.translate(
                    "CddpAlgorithm", "{title} ({name}) must be a whole number; got {value}."
                ).format(title=title, name=name, value=value)
            if high >= 1e300:  # no upper limit
                return QCoreApplication.translate(
                    "CddpAlgorithm", "{title} ({name}) is {value}; it must be at least {low:g}."
                ).format(title=title, name=name, value=value, low=low)
            return QCoreApplication.translate(
                "CddpAlgorithm", "{title} ({name}) is {value}; it must be between {low:g} and {high:g}."
            ).format(title=title, name=name, value=value, low=low, high=high)
        if isinstance(definition, QgsProcessingParameterEnum):
            choices = ", ".join(f"{i} = {o}" for i, o in enumerate(definition.options()))
            return QCoreApplication.translate(
                "CddpAlgorithm", "{title} ({name}) is '{value}'; choose one of {choices}."
            ).format(title=title, name=name, value=value, choices=choices)
        if isinstance(value, str) and definition.type() in ("vector", "source", "raster", "file", "layer"):
            path = value.split("|", 1)[0]
            if not os.path.exists(path):
                return QCoreApplication.translate(
                    "CddpAlgorithm",
                    "{title} ({name}): {path} does not exist, and no layer of the project has that name.",
                ).format(title=title, name=name, path=path)
            try:
                files.check_data_file(path)
            except CddpError as exc:
                return error_text(exc)
            return QCoreApplication.translate(
                "CddpAlgorithm",
                "{title} ({name}): {path} cannot be opened as a layer of that kind. Open it in QGIS to check it, or export it again.",
            ).format(title=title, name=name, path=path)
        return None

    def processAlgorithm(self, parameters, context, feedback):
        import time

        from ..toolbelt import log

        started = time.monotonic()
        run_id = f"cddp:{self.NAME}"
        try:
            self.check_packages()
            self.check_destinations(parameters, context)
            results = self.process(parameters, context, feedback)
        except CddpError as exc:
            if feedback is not None and feedback.isCanceled():
                return self.report_cancelled(feedback, started)
            log.log_run(run_id, log.FAILED, time.monotonic() - started)
            raise QgsProcessingException(error_text(exc)) from exc
        except ImportError as exc:
            log.log_run(run_id, log.FAILED, time.monotonic() - started)
            missing = self.packages_error(exc)
            if missing is None:
                raise
            raise QgsProcessingException(missing) from exc
        except Exception as exc:
            from ..core.workspace.meta import clear_error

            log.log_run(run_id, log.FAILED, time.monotonic() - started)
            clear = clear_error(exc, getattr(self, "_workspace", None))
            if clear is None:
                raise
            raise QgsProcessingException(error_text(clear)) from exc
        if feedback is not None and feedback.isCanceled() and not self.STOP_IS_A_RESULT:
            if not results:
                return self.report_cancelled(feedback, started)
            feedback.pushWarning(
                QCoreApplication.translate(
                    "CddpAlgorithm",
                    "The cancel came after the run had finished its work: its results are kept (and written to the workspace, if it writes one).",
                )
            )
        if feedback is not None:
            feedback.setProgress(100)
        log.log_run(run_id, log.COMPLETED, time.monotonic() - started)
        return results

    def check_packages(self) -> None:
        """Stop before anything is read when a package the algorithm needs is missing: one message naming
        them and how to install them, never a ModuleNotFoundError."""
        from ..toolbelt import dependencies

        if self.NEEDS_PACKAGES:
            missing = dependencies.missing()
            if missing:
                raise QgsProcessingException(dependencies.missing_message(missing))

    @staticmethod
    def packages_error(exc: ImportError) -> str | None:
        """The message for an ImportError of one of our packages (None for anything else)."""
        from ..toolbelt import dependencies

        name = (getattr(exc, "name", None) or "").split(".")[0]
        if name not in dependencies.MODULES and name not in dependencies.FROM_QGIS:
            return None
        return dependencies.missing_message(
            dependencies.missing() or [p for p in dependencies.PACKAGES if p.module == name]
        )

    def report_cancelled(self, feedback, started: float) -> dict:
        """A run the user cancelled (it stopped before writing: jobs write in one transaction at the end)
        ends with a clear message and is logged as cancelled, not failed; no results."""
        import time

        from ..toolbelt import log

        feedback.pushWarning(
            QCoreApplication.translate(
                "CddpAlgorithm",
                "Cancelled by the user. The workspace was not changed; run the algorithm again when ready.",
            )
        )
        log.log_run(f"cddp:{self.NAME}", log.CANCELLED, time.monotonic() - started)
        return {}

    def process(self, parameters, context, feedback) -> dict:
        raise NotImplementedError

    def check_destinations(self, parameters, context) -> None:
        """Refuse, before anything is written, output files that cannot be written (missing or read-only
        folder, read-only file): a run must not change the workspace and then fail on its outputs."""
        from qgis.core import QgsProcessingDestinationParameter

        from ..core.common.i18n import translate

        for definition in self.destinationParameterDefinitions():
            name = definition.name()
            if parameters.get(name) is None or not isinstance(definition, QgsProcessingDestinationParameter):
                continue
            value = parameters[name]
            sink = getattr(value, "sink", None)
            raw = sink.staticValue() if sink is not None else value
            path = str(raw or "").split("|")[0]
            if path.startswith("ogr:"):
                path = path[4:].split("table=")[0].strip(" '\"")
            if not path or path == "TEMPORARY_OUTPUT" or path.startswith(("memory:", "postgres:", "postgis:")):
                continue
            folder = os.path.dirname(os.path.abspath(path))
            problem = None
            if not os.path.isdir(folder):
                problem = translate("core", "the folder does not exist")
            elif not os.access(folder, os.W_OK | os.X_OK):
                problem = translate("core", "the folder is read-only")
            elif os.path.isdir(path):
                problem = translate("core", "a folder of that name is in the way")
            elif _name_too_long(folder, os.path.basename(path)):
                problem = translate(
                    "core", "the file name is longer than the file system allows (255 bytes; a Thai letter takes 3)"
                )
            elif os.path.exists(path) and not os.access(path, os.W_OK):
                problem = translate("core", "the file is read-only")
            if problem:
                raise CddpError(
                    translate(
                        "core",
                        "The output {output} cannot be written to {path}: {problem}. Choose another file; nothing was changed.",
                    ),
                    output=definition.description(),
                    path=path,
                    problem=problem,
                )

    # --- shared parameters -----------------------------------------------------------------------
    WORKSPACE = "WORKSPACE"
    FIELD_MAP = "FIELD_MAP"
    SOURCE_CRS = "SOURCE_CRS"

    def add_import_parameters(self) -> None:
        """The workspace, field mapping and source-CRS parameters every import algorithm has."""
        from qgis.core import QgsProcessingParameterCrs, QgsProcessingParameterString

        self.add_workspace_parameter()
        self.addParameter(
            QgsProcessingParameterString(
                self.FIELD_MAP,
                QCoreApplication.translate("CddpAlgorithm", "Field mapping (target=source; …)"),
                optional=True,
            )
        )
        self.addParameter(
            QgsProcessingParameterCrs(
                self.SOURCE_CRS,
                QCoreApplication.translate("CddpAlgorithm", "Source CRS, if the layer's is missing or wrong"),
                optional=True,
            )
        )

    def add_count_outputs(self, outputs) -> None:
        from qgis.core import QgsProcessingOutputNumber

        for name, title in outputs:
            self.addOutput(QgsProcessingOutputNumber(name, title))

    def import_options(self, parameters, context) -> tuple[dict[str, str], str | None]:
        """(field mapping, source CRS text or None)."""
        from ..core.common.fields import parse_mapping

        crs = self.parameterAsCrs(parameters, self.SOURCE_CRS, context)
        mapping = parse_mapping(self.parameterAsString(parameters, self.FIELD_MAP, context))
        return mapping, ((crs.authid() or crs.toWkt()) if crs.isValid() else None)

    def write_frame(self, parameters, name, context, frame, results: dict, wkb=None, crs=None) -> None:
        """Write a (Geo)DataFrame to the feature-sink parameter ``name`` if the user asked for it."""
        from qgis.core import QgsCoordinateReferenceSystem, QgsWkbTypes

        from ..toolbelt import layer_io

        if parameters.get(name) is None:
            return
        if name == "REJECTED":  # PDPA: rejected rows never copy names, phones or national ids
            from ..core.workspace.privacy import strip_personal

            frame, _dropped = strip_personal(frame)
        wkb = QgsWkbTypes.Type.NoGeometry if wkb is None else wkb
        frame = frame.reset_index(drop=True)
        is_geo = wkb != QgsWkbTypes.Type.NoGeometry
        fields = layer_io.qgs_fields_for(frame, frame.geometry.name if is_geo else None)
        sink, dest = self.parameterAsSink(parameters, name, context, fields, wkb, crs or QgsCoordinateReferenceSystem())
        if sink is not None:
            layer_io.write_to_sink(sink, frame, fields)
            results[name] = dest

    def report_far_outside(self, plaus, feedback) -> None:
        """Warn about imported features far outside the municipality (core/workspace/plausibility.py), or
        say that they could not be checked because the workspace does not know where it is."""
        from ..toolbelt.i18n import translate as tr_core

        warning = plaus.warning() if plaus is not None else None
        if warning is not None:
            warning.params["basis"] = tr_core("core", warning.params["basis"])
            feedback.pushWarning(error_text(warning))
        elif plaus is not None and plaus.area and not plaus.basis:
            feedback.pushInfo(
                QCoreApplication.translate(
                    "CddpAlgorithm",
                    "Not checked against the municipality's area: the workspace does not know where it is yet.",
                )
            )

    def add_workspace_layer_parameter(self, parameter, table: str) -> None:
        """A layer parameter for the workspace's layer ``table``, pre-selected (:func:`workspace_layer_default`)."""
        default = workspace_layer_default(table)
        if default is not None:
            parameter.setDefaultValue(default)
        self.addParameter(parameter)

    def add_outside_layer_parameter(self, parameter) -> None:
        """A layer from outside the workspace (a file to import, a hazard area): pre-selects the first such
        layer of the project (:func:`outside_layer_default`), never a workspace layer. A required one is
        marked optional so that the dialog can start empty, and stays required in :meth:`checkParameterValues`."""
        from qgis.core import QgsProcessingParameterDefinition

        parameter.setDefaultValue(outside_layer_default(parameter.dataTypes()))
        flag = QgsProcessingParameterDefinition.Flag.FlagOptional
        if not parameter.flags() & flag:
            parameter.setFlags(parameter.flags() | flag)
            self._needed_outside_layers = {*getattr(self, "_needed_outside_layers", ()), parameter.name()}
        self.addParameter(parameter)

    def add_workspace_parameter(self, optional: bool = True) -> None:
        self.addParameter(
            QgsProcessingParameterFile(
                self.WORKSPACE,
                QCoreApplication.translate("CddpAlgorithm", "CDDP workspace (default: the open project's)"),
                extension="gpkg",
                optional=optional,
            )
        )

    def workspace_path(self, parameters, context, required: bool = True) -> str | None:
        """The workspace GeoPackage: the WORKSPACE parameter, else the one the project belongs to."""
        from ..core.common.i18n import translate
        from ..core.workspace.meta import workspace_meta
        from ..toolbelt.workspace_project import workspace_of_project

        project = context.project()
        path = self.parameterAsFile(parameters, self.WORKSPACE, context) or (
            workspace_of_project(project) if project else None
        )
        if not path:
            if required:
                raise CddpError(
                    translate("core", "No CDDP workspace: open a workspace project or set the WORKSPACE parameter.")
                )
            return None
        self._workspace = path
        workspace_meta(path)  # missing, not a workspace, older/newer schema, crashed journal: said clearly
        return path

    def layer_crs_or_error(self, layer, label: str | None = None):
        """The layer's CRS; a layer without one is an error (guessing gives plausible, wrong answers)."""
        from ..core.common.i18n import translate

        crs = layer.crs() if layer is not None else None
        if has_no_crs(crs):
            raise CddpError(
                translate(
                    "core",
                    "{layer} has no coordinate reference system, so its features cannot be placed on the workspace's map. Set its CRS in the layer properties (or save it with a .prj / CRS), e.g. EPSG:4326 for GPS coordinates or EPSG:24047 for DOL data in Indian 1975 / UTM 47N, and run again.",
                ),
                layer=label or layer.name(),
            )
        return crs

    def frame_to_crs(self, frame, layer, target: str, label: str | None = None):
        """A GeoDataFrame read from ``layer`` in the CRS ``target``: the layer must have a CRS, and
        Indian 1975 gets the one pinned datum shift (core.common.crs), as parcels do."""
        from ..core.common.crs import pinned_source_crs
        from ..core.common.i18n import translate

        crs = self.layer_crs_or_error(layer, label)
        if frame.crs is None:
            frame = frame.set_crs(crs.authid() or crs.toWkt())
        if frame.crs.is_geographic and len(frame) and frame.geometry.notna().any():
            minx, miny, maxx, maxy = frame.total_bounds
            if min(minx, miny) < -180 or maxx > 180 or maxy > 90 or miny < -90:
                # e.g. a GeoJSON written with UTM metres but no "crs" member: read as longitude/latitude
                raise CddpError(
                    translate(
                        "core",
                        "{layer}: its coordinates ({minx:.0f}…{maxx:.0f}, {miny:.0f}…{maxy:.0f}) are not longitude/latitude, although the layer says {crs}. The file lacks its real CRS: set it in the layer properties (e.g. EPSG:32647 or EPSG:32648 for UTM metres), and run again.",
                    ),
                    layer=label or layer.name(),
                    minx=minx,
                    maxx=maxx,
                    miny=miny,
                    maxy=maxy,
                    crs=crs.authid() or crs.description(),
                )
        frame = frame.set_crs(pinned_source_crs(frame.crs), allow_override=True)
        return frame.to_crs(target)

    def file_or_layer(self, parameters, context, file_param: str, layer_param: str):
        """(path or None, layer or None) — exactly one of them."""
        from ..core.common.i18n import translate

        path = self.parameterAsFile(parameters, file_param, context)
        layer = self.parameterAsVectorLayer(parameters, layer_param, context)
        if bool(path) == (layer is not None):
            raise CddpError(translate("core", "Give either a file or a layer (exactly one)."))
        if path and not os.path.isfile(path):
            raise CddpError(translate("core", "File not found: {path}"), path=path)
        if path:
            from ..core.workspace.files import check_data_file

            check_data_file(path)  # empty, a saved web page, an interrupted download: said before reading
        return path, layer
