"""The venv's geospatial libraries must be the ones QGIS uses: one GDAL, one PROJ, one GEOS per process.

Binary wheels of pyproj/pyogrio/shapely bundle their own copies; next to QGIS's copies they crash
QGIS at exit (double free in PROJ's static destructors). `make setup` builds them from source."""

import subprocess
import sys

from osgeo import gdal, osr
from qgis.core import Qgis


def test_one_gdal_proj_geos_in_process():
    import pyogrio
    import pyproj
    import shapely

    assert pyogrio.__gdal_version_string__ == gdal.__version__.split("-")[0]
    proj = f"{osr.GetPROJVersionMajor()}.{osr.GetPROJVersionMinor()}.{osr.GetPROJVersionMicro()}"
    assert pyproj.proj_version_str == proj
    assert shapely.geos_version == (Qgis.geosVersionMajor(), Qgis.geosVersionMinor(), Qgis.geosVersionPatch())


def test_qgis_and_the_geo_stack_exit_cleanly_together(tmp_path):
    code = """
import sys
from qgis.core import QgsApplication, QgsVectorLayer, QgsCoordinateReferenceSystem, QgsCoordinateTransform, QgsProject
app = QgsApplication([], False); app.initQgis()
import geopandas, pyogrio, pyproj, shapely, numpy
gdf = geopandas.GeoDataFrame(geometry=[shapely.Point(100.5, 13.7)], crs="EPSG:4326").to_crs("EPSG:32647")
pyogrio.write_dataframe(gdf, sys.argv[1])
layer = QgsVectorLayer(sys.argv[1], "t", "ogr")
assert layer.isValid() and layer.featureCount() == 1
t = QgsCoordinateTransform(QgsCoordinateReferenceSystem("EPSG:4326"), QgsCoordinateReferenceSystem("EPSG:32647"), QgsProject.instance())
del layer, t
app.exitQgis()
print("ok")
"""
    out = subprocess.run(
        [sys.executable, "-W", "error::RuntimeWarning", "-c", code, str(tmp_path / "t.gpkg")],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert out.returncode == 0, out.stderr[-2000:]
    assert out.stdout.strip() == "ok"
