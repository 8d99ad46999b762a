"""The CDDP Processing provider (id ``cddp``)."""

from __future__ import annotations

from qgis.core import QgsProcessingProvider
from qgis.PyQt.QtCore import QCoreApplication
from qgis.PyQt.QtGui import QIcon

from ..ui.icons import icon
from .complaints_workorders import ChangeWorkOrderAlgorithm, GenerateWorkOrdersAlgorithm, ImportComplaintsAlgorithm
from .create_workspace import CreateWorkspaceAlgorithm
from .flood_impact import FloodImpactAlgorithm
from .import_households import ImportHouseholdsAlgorithm
from .import_parcels import ImportParcelsAlgorithm
from .link_households import LinkHouseholdsAlgorithm
from .maintenance_plan import MaintenancePlanAlgorithm
from .roads_lights import (
    ConditionSummaryAlgorithm,
    ImportRoadsAlgorithm,
    ImportStreetlightsAlgorithm,
    RoadConditionAlgorithm,
    SegmentRoadsAlgorithm,
    StreetlightStatusAlgorithm,
)

ALGORITHMS = (
    CreateWorkspaceAlgorithm,
    ImportParcelsAlgorithm,
    ImportHouseholdsAlgorithm,
    LinkHouseholdsAlgorithm,
    FloodImpactAlgorithm,
    ImportRoadsAlgorithm,
    ImportStreetlightsAlgorithm,
    SegmentRoadsAlgorithm,
    RoadConditionAlgorithm,
    StreetlightStatusAlgorithm,
    ConditionSummaryAlgorithm,
    MaintenancePlanAlgorithm,
    ImportComplaintsAlgorithm,
    GenerateWorkOrdersAlgorithm,
    ChangeWorkOrderAlgorithm,
)


class CddpProvider(QgsProcessingProvider):
    def id(self) -> str:
        return "cddp"

    def name(self) -> str:
        return QCoreApplication.translate("CddpProvider", "CDDP (City Digital Data Platform)")

    def longName(self) -> str:
        return self.name()

    def icon(self) -> QIcon:
        return icon("cddp.svg")

    def loadAlgorithms(self) -> None:
        for alg in ALGORITHMS:
            self.addAlgorithm(alg())
