"""The CDDP Processing provider (id ``cddp``)."""

from __future__ import annotations

from qgis.core import QgsProcessingProvider
from qgis.PyQt.QtCore import QCoreApplication
from qgis.PyQt.QtGui import QIcon

from ..toolbelt.icons import icon
from .changeworkorder import ChangeWorkOrderAlgorithm
from .cloneworkspace import CloneWorkspaceAlgorithm
from .conditionsummary import ConditionSummaryAlgorithm
from .councilmap import CouncilMapAlgorithm
from .createworkspace import CreateWorkspaceAlgorithm
from .floodimpact import FloodImpactAlgorithm
from .generateworkorders import GenerateWorkOrdersAlgorithm
from .importcomplaints import ImportComplaintsAlgorithm
from .importhouseholds import ImportHouseholdsAlgorithm
from .importparcels import ImportParcelsAlgorithm
from .importroads import ImportRoadsAlgorithm
from .importstreetlights import ImportStreetlightsAlgorithm
from .importvillages import ImportVillagesAlgorithm
from .installdependencies import InstallDependenciesAlgorithm
from .linkhouseholds import LinkHouseholdsAlgorithm
from .maintenanceplan import MaintenancePlanAlgorithm
from .roadcondition import RoadConditionAlgorithm
from .segmentroads import SegmentRoadsAlgorithm
from .streetlightstatus import StreetlightStatusAlgorithm
from .syncworkspace import SyncWorkspaceAlgorithm

ALGORITHMS = (
    CreateWorkspaceAlgorithm,
    ImportParcelsAlgorithm,
    ImportHouseholdsAlgorithm,
    ImportVillagesAlgorithm,
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
    CouncilMapAlgorithm,
    SyncWorkspaceAlgorithm,
    CloneWorkspaceAlgorithm,
    InstallDependenciesAlgorithm,
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
