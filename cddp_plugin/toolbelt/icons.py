"""Icons from the compiled Qt resources (``resources_rc``), or from the icons folder when running
from a source checkout that has not been built yet."""

from __future__ import annotations

from pathlib import Path

from qgis.PyQt.QtGui import QIcon

ICON_DIR = Path(__file__).resolve().parent.parent / "icons"
RESOURCE_PREFIX = ":/plugins/cddp_plugin/icons/"

try:
    from .. import resources_rc  # noqa: F401 - registers the resources

    _HAVE_RESOURCES = True
except ImportError:  # source checkout without `make build`
    _HAVE_RESOURCES = False


def icon(name: str) -> QIcon:
    return QIcon(RESOURCE_PREFIX + name if _HAVE_RESOURCES else str(ICON_DIR / name))
