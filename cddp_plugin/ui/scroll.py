"""Docks that fit a 1366×768 laptop: a dock's content goes into a scroll area, so its action buttons
stay reachable however short the dock is (QGIS's own chrome takes some 200 px of the 768)."""

from __future__ import annotations

from qgis.PyQt.QtCore import Qt
from qgis.PyQt.QtWidgets import QDockWidget, QFrame, QScrollArea

MAX_DOCK_MIN_HEIGHT = 560  # 768 px screen − title bar, menus, toolbars, status bar and the dock title


def make_scrollable(dock: QDockWidget) -> QScrollArea:
    """Put the dock's content widget into a vertical scroll area (no-op when it already is)."""
    content = dock.widget()
    if isinstance(content, QScrollArea):
        return content
    area = QScrollArea(dock)
    area.setObjectName("scrollArea")
    area.setWidgetResizable(True)
    area.setFrameShape(QFrame.Shape.NoFrame)
    area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAsNeeded)
    area.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAsNeeded)
    area.setWidget(content)  # re-parents the content; its child widgets keep their names
    dock.setWidget(area)
    return area
