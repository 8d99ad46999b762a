"""#11 item 3: a new workspace never defaults to, nor is made in or opened from, QGIS's temporary
Processing folder (deleted when QGIS exits); left at the suggested name it is named after the town."""

import shutil
from pathlib import Path

import pytest
from qgis.core import QgsApplication, QgsProcessingContext, QgsProcessingException, QgsProcessingUtils

import cddp_plugin
from cddp_plugin.processing.createworkspace import DEFAULT_NAME
from cddp_plugin.toolbelt import settings, tempdirs

DEMO = Path(__file__).resolve().parents[2] / "demo-output"


def run(params):
    import processing

    return processing.run("cddp:createworkspace", params)


@pytest.fixture
def last_folder(tmp_path):
    before = settings.get("workspace/last_folder")
    settings.set("workspace/last_folder", str(tmp_path))
    yield tmp_path
    settings.set("workspace/last_folder", before)


def test_output_defaults_to_the_last_workspace_folder_not_a_temporary_file(provider, last_folder):
    alg = QgsApplication.processingRegistry().createAlgorithmById("cddp:createworkspace")
    default = alg.parameterDefinition("OUTPUT").defaultValue()
    assert default == str(last_folder / DEFAULT_NAME)
    assert not tempdirs.in_processing_temp(default)
    out = run({"MUNICIPALITY_CODE": "330506", "CRS": "EPSG:32648"})  # OUTPUT left as suggested
    assert out["OUTPUT"] == str(last_folder / "cddp_330506.gpkg")
    assert Path(out["OUTPUT"]).exists() and Path(out["PROJECT"]) == last_folder / "cddp_330506.qgz"


def test_a_vanished_last_folder_falls_back_to_documents_or_home(provider, last_folder):
    settings.set("workspace/last_folder", str(last_folder / "gone"))
    folder = tempdirs.default_workspace_folder()
    assert Path(folder).is_dir() and "gone" not in folder


@pytest.mark.parametrize("where", ["TEMPORARY_OUTPUT", "processing"])
def test_the_processing_temp_folder_is_refused_with_a_clear_message(provider, where):
    temp = Path(QgsProcessingUtils.tempFolder())
    output = "TEMPORARY_OUTPUT" if where == "TEMPORARY_OUTPUT" else str(temp / "w.gpkg")
    alg = QgsApplication.processingRegistry().createAlgorithmById("cddp:createworkspace")
    ok, message = alg.checkParameterValues({"OUTPUT": output, "MUNICIPALITY_CODE": "330506"}, QgsProcessingContext())
    assert not ok and "temporary Processing folder" in message and "deletes" in message
    with pytest.raises(QgsProcessingException, match="temporary Processing folder"):
        run({"OUTPUT": output, "MUNICIPALITY_CODE": "330506"})
    assert not list(temp.rglob("*.gpkg"))


def test_another_sessions_processing_folder_is_recognised(tmp_path):
    import tempfile

    assert tempdirs.in_processing_temp(Path(tempfile.gettempdir()) / "processing_AbC123" / "x" / "w.gpkg")
    assert not tempdirs.in_processing_temp(tmp_path / "w.gpkg")  # pytest's own folder: tests may use it
    assert not tempdirs.in_processing_temp(DEMO / "prueyai.gpkg")


def test_the_dock_does_not_open_a_workspace_from_the_processing_temp_folder(qgis_iface, qgis_new_project, tmp_path):
    src = DEMO / "prueyai.gpkg"
    temp = Path(QgsProcessingUtils.tempFolder()) / "cddp_test"
    temp.mkdir(exist_ok=True)
    copy = temp / src.name
    shutil.copy(src, copy)
    plug = cddp_plugin.classFactory(qgis_iface)
    plug.initGui()
    try:
        dock = plug.toggle_dock(True)
        assert dock.open_path(str(copy)) is False
        assert dock.current_path() is None
        assert not copy.with_suffix(".qgz").exists()  # no project built there either
        # the same workspace copied to a folder of the user's opens
        mine = tmp_path / src.name
        shutil.copy(src, mine)
        assert dock.open_path(str(mine)) is True
        assert dock.current_path() == str(mine)
    finally:
        plug.unload()
        shutil.rmtree(temp, ignore_errors=True)
