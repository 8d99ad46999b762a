"""cddp:installdependencies — install the Python packages CDDP needs into the QGIS profile."""

from __future__ import annotations

from qgis.core import (
    QgsProcessingAlgorithm,
    QgsProcessingOutputNumber,
    QgsProcessingOutputString,
    QgsProcessingParameterFile,
)

from ..toolbelt import dependencies
from .base import CddpAlgorithm


class InstallDependenciesAlgorithm(CddpAlgorithm):
    NAME = "installdependencies"
    GROUP_ID = "workspace"
    NEEDS_PACKAGES = False  # what it installs
    WHEELS = "WHEELS"
    FOLDER = "FOLDER"
    INSTALLED = "INSTALLED"
    COUNT = "COUNT"

    def displayName(self) -> str:
        return self.tr("Install Python packages")

    def shortHelpString(self) -> str:
        return self.tr(
            "Installs the Python packages CDDP needs beyond what QGIS ships (pandas, shapely, geopandas and "
            "their helpers), in the versions CDDP was tested with, with pip into a folder of your QGIS profile: "
            "per user, no administrator rights, nothing changed in QGIS's own Python. The plugin uses them at "
            "once, without restarting QGIS. Packages QGIS already has in a recent enough version are not "
            "installed again.\n\nGDAL, NumPy and pyproj always come from QGIS itself: copies from pip would "
            "bring a second GDAL or PROJ into QGIS.\n\nWithout internet access: download the wheel files on "
            "another computer (pip download --only-binary=:all: --no-deps with the versions listed in the "
            "log) and give their folder as WHEELS. QGIS's proxy setting is used."
        )

    def flags(self):
        # pip runs in its own process; no layer is touched, but there is nothing to run in parallel either
        return super().flags() | QgsProcessingAlgorithm.Flag.FlagNoThreading

    def initAlgorithm(self, config=None):
        self.addParameter(
            QgsProcessingParameterFile(
                self.WHEELS,
                self.tr("Folder of wheel files (only without internet access)"),
                behavior=QgsProcessingParameterFile.Behavior.Folder,
                optional=True,
            )
        )
        self.addOutput(QgsProcessingOutputString(self.FOLDER, self.tr("Packages folder")))
        self.addOutput(QgsProcessingOutputString(self.INSTALLED, self.tr("Installed packages")))
        self.addOutput(QgsProcessingOutputNumber(self.COUNT, self.tr("Number of packages installed")))

    def process(self, parameters, context, feedback):
        wheels = self.parameterAsFile(parameters, self.WHEELS, context) or None
        folder = dependencies.profile_folder()
        todo = dependencies.missing()
        if not todo:
            feedback.pushInfo(self.tr("Every package CDDP needs is already installed."))
            return {self.FOLDER: str(folder), self.INSTALLED: "", self.COUNT: 0}
        feedback.pushInfo(
            self.tr("Installing {packages} into {folder}").format(packages=dependencies.describe(todo), folder=folder)
        )
        lines = 0

        def on_line(line: str) -> None:
            nonlocal lines
            lines += 1
            feedback.pushConsoleInfo(line)
            feedback.setProgress(min(95.0, 5.0 + lines * 3.0))

        done = dependencies.install(wheels, on_line, feedback.isCanceled)
        feedback.setProgress(100.0)
        feedback.pushInfo(
            self.tr("Installed {packages}; CDDP can use them now.").format(packages=dependencies.describe(done))
        )
        return {self.FOLDER: str(folder), self.INSTALLED: dependencies.describe(done), self.COUNT: len(done)}
