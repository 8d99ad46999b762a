"""CDDP for QGIS: the City Digital Data Platform workbench for Thai municipalities."""


def classFactory(iface):
    from .plugin import CddpPlugin

    return CddpPlugin(iface)
