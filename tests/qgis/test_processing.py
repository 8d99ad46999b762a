"""cddp:createworkspace through the Processing registry (in process) and through scripts/cddp-process."""

import pytest
from qgis.core import QgsApplication, QgsProcessingException

from cddp_plugin.core.workspace import schema
from tests.conftest import run_cddp_process


def run(params):
    import processing

    return processing.run("cddp:createworkspace", params)


def test_algorithm_is_registered(provider):
    alg = QgsApplication.processingRegistry().algorithmById("cddp:createworkspace")
    assert alg is not None
    assert {p.name() for p in alg.parameterDefinitions()} == {"OUTPUT", "MUNICIPALITY_CODE", "MUNICIPALITY_NAME", "CRS"}
    assert alg.parameterDefinition("CRS").defaultValue() == "EPSG:32647"


def test_creates_workspace_and_project(provider, tmp_path):
    out = run({"OUTPUT": str(tmp_path / "pw.gpkg"), "MUNICIPALITY_CODE": "1007", "MUNICIPALITY_NAME": ""})
    assert out["OUTPUT"] == str(tmp_path / "pw.gpkg")
    assert out["PROJECT"] == str(tmp_path / "pw.qgz")
    assert out["LAYERS"] == len(schema.LAYERS)
    from cddp_plugin.core.workspace.create import inspect_workspace

    info = inspect_workspace(out["OUTPUT"])
    assert (info.municipality_name, info.crs) == ("เขตปทุมวัน", "EPSG:32647")


@pytest.mark.parametrize(
    ("params", "message"),
    [
        ({"MUNICIPALITY_CODE": "12AB"}, "is not a DOPA code"),
        ({"MUNICIPALITY_CODE": "990101"}, "not a Thai province code"),
        ({"MUNICIPALITY_CODE": "330506", "CRS": "EPSG:4326"}, "is geographic"),
    ],
)
def test_bad_parameters_fail_with_a_clear_message(provider, tmp_path, params, message):
    with pytest.raises(QgsProcessingException, match=message):
        run({"OUTPUT": str(tmp_path / "x.gpkg"), **params})
    assert not (tmp_path / "x.gpkg").exists()


def test_existing_project_beside_is_not_overwritten(provider, tmp_path):
    (tmp_path / "w.qgz").write_bytes(b"someone's project")
    with pytest.raises(QgsProcessingException, match="never overwrites a project"):
        run({"OUTPUT": str(tmp_path / "w.gpkg"), "MUNICIPALITY_CODE": "330506"})
    assert (tmp_path / "w.qgz").read_bytes() == b"someone's project"
    assert not (tmp_path / "w.gpkg").exists()


def test_cddp_process_runs_the_algorithm_from_a_fresh_shell(tmp_path):
    out = tmp_path / "w.gpkg"
    res = run_cddp_process(
        ["run", "cddp:createworkspace", "--", f"OUTPUT={out}", "MUNICIPALITY_CODE=330506", "MUNICIPALITY_NAME=ปรือใหญ่",
         "CRS=EPSG:32648"],
        profile=tmp_path / "profile",
    )  # fmt: skip
    assert res.returncode == 0, res.stdout + res.stderr
    assert out.exists() and (tmp_path / "w.qgz").exists()
    assert f"LAYERS:\t{len(schema.LAYERS)}" in res.stdout


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["MUNICIPALITY_CODE=33050"], "is not a DOPA code"),
        (["MUNICIPALITY_CODE=330506", "CRS=EPSG:999999"], "Unknown coordinate reference system"),
    ],
)
def test_cddp_process_reports_bad_parameters(tmp_path, args, message):
    res = run_cddp_process(
        ["run", "cddp:createworkspace", "--", f"OUTPUT={tmp_path / 'w.gpkg'}", *args], profile=tmp_path / "profile"
    )
    assert res.returncode != 0
    assert message in res.stdout + res.stderr


def test_cddp_process_refuses_to_overwrite(tmp_path, core_workspace):
    res = run_cddp_process(
        ["run", "cddp:createworkspace", "--", f"OUTPUT={core_workspace.path}", "MUNICIPALITY_CODE=330506"],
        profile=tmp_path / "profile",
    )
    assert res.returncode != 0
    assert "already a CDDP workspace" in res.stdout + res.stderr
