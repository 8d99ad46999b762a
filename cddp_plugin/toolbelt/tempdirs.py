"""Where a workspace must not live: QGIS's Processing temporary folder (deleted when QGIS exits), and
where a new one goes by default (the last workspace folder, else Documents, else home)."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from qgis.core import QgsProcessingUtils
from qgis.PyQt.QtCore import QStandardPaths

from . import settings


def _real(path: str | os.PathLike) -> str:
    return os.path.normcase(os.path.realpath(os.path.abspath(str(path))))


def _inside(path: str, folder: str) -> bool:
    try:
        return os.path.commonpath([path, folder]) == folder
    except ValueError:  # another drive (Windows)
        return False


def in_system_temp(path: str | os.PathLike) -> bool:
    """Whether ``path`` is inside the system temporary folder (cleared on reboot or by clean-up tools)."""
    return _inside(_real(path), _real(tempfile.gettempdir()))


def in_processing_temp(path: str | os.PathLike) -> bool:
    """Whether ``path`` is inside a QGIS Processing temporary folder: this session's
    (``QgsProcessingUtils.tempFolder()``, what an empty or "temporary" output gets) or another session's
    (``<system temp>/processing_*``). QGIS deletes these folders when it exits."""
    real = _real(path)
    if _inside(real, _real(QgsProcessingUtils.tempFolder())):
        return True
    system = _real(tempfile.gettempdir())
    if not _inside(real, system) or real == system:
        return False
    first = Path(os.path.relpath(real, system)).parts[0]
    return first.lower().startswith("processing_")


def default_workspace_folder() -> str:
    """The folder a new workspace is suggested in: the last workspace folder (when it still exists and is
    not a Processing temporary folder), else the user's Documents, else the home folder."""
    last = settings.get("workspace/last_folder")
    if last and os.path.isdir(last) and not in_processing_temp(last):
        return str(last)
    documents = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    if documents and os.path.isdir(documents):
        return documents
    return str(Path.home())
