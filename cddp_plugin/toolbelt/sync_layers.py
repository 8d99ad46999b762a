"""The project's layers of a workspace around a sync (main thread only): which have unsaved edits (a sync
refuses then), and reloading them after the sync wrote changes from the server."""

from __future__ import annotations

import os


def _same_file(a: str, b: str) -> bool:
    return os.path.normcase(os.path.realpath(a)) == os.path.normcase(os.path.realpath(b))


def workspace_layers(project, path: str | None) -> list:
    """The project's vector layers stored in the workspace ``path`` (default: the project's workspace)."""
    from qgis.core import QgsProviderRegistry, QgsVectorLayer

    from .workspace_project import workspace_of_project

    if project is None:
        return []
    path = path or workspace_of_project(project)
    if not path:
        return []
    out = []
    for layer in project.mapLayers().values():
        if not isinstance(layer, QgsVectorLayer) or layer.providerType() != "ogr":
            continue
        source = QgsProviderRegistry.instance().decodeUri("ogr", layer.source()).get("path") or ""
        if source and _same_file(source, path):
            out.append(layer)
    return out


def unsaved_layers(project, path: str | None) -> list[str]:
    """Names of the workspace's layers in an edit session with unsaved changes."""
    return [layer.name() for layer in workspace_layers(project, path) if layer.isEditable() and layer.isModified()]


def reload_layers(project, path: str | None) -> None:
    """Show what a sync wrote: each layer of the workspace reads its data again and repaints."""
    for layer in workspace_layers(project, path):
        layer.dataProvider().reloadData()
        layer.triggerRepaint()
