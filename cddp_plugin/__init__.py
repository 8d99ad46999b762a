"""CDDP for QGIS: the City Digital Data Platform workbench for Thai municipalities."""


def classFactory(iface):  # noqa: N802 - QGIS entry point
    from .plugin import CddpPlugin

    return CddpPlugin(iface)
