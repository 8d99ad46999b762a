"""CDDP for QGIS: the City Digital Data Platform workbench for Thai municipalities."""


def classFactory(iface):
    from .toolbelt import dependencies

    dependencies.activate_profile()  # the packages "Install Python packages…" put into this QGIS profile
    from .plugin import CddpPlugin

    return CddpPlugin(iface)
