"""Shared fixtures. Tests run against real QGIS 3.40 (pytest-qgis), real GeoPackages and real
subprocesses of qgis_process / QGIS desktop; nothing of ours is mocked."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SHARED = Path(os.environ.get("CDDP_SHARED_DATA", ROOT.parent / "shared" / "data"))
sys.path.insert(0, str(ROOT))
os.environ.setdefault("XDG_RUNTIME_DIR", f"/tmp/runtime-{os.getuid()}")


# Every algorithm the provider must offer (tests/test_plugin.py, the ZIP install test).
EXPECTED_ALGORITHMS = sorted(
    ["cddp:createworkspace", "cddp:importparcels", "cddp:importhouseholds", "cddp:linkhouseholds", "cddp:floodimpact",
     "cddp:importroads", "cddp:importstreetlights", "cddp:segmentroads", "cddp:roadcondition", "cddp:streetlightstatus",
     "cddp:conditionsummary", "cddp:importcomplaints", "cddp:generateworkorders", "cddp:changeworkorder",
     "cddp:maintenanceplan", "cddp:installdependencies", "cddp:importvillages", "cddp:councilmap",
     "cddp:syncworkspace", "cddp:cloneworkspace"]
)  # fmt: skip


@pytest.fixture(scope="session")
def area():
    from cddp_plugin.core.workspace import dopa

    return dopa.parse_municipality_code("330506")


@pytest.fixture
def core_workspace(tmp_path, area):
    """A workspace made by the core alone (no styles or project)."""
    from cddp_plugin.core.workspace import create

    return create.create_workspace(tmp_path / "ws.gpkg", area, "ปรือใหญ่", "EPSG:32648", user="tester")


@pytest.fixture
def full_workspace(tmp_path, qgis_app, area):
    """A workspace made the way the algorithm makes it: styles in the GeoPackage and a project."""
    from cddp_plugin.core.workspace import create
    from cddp_plugin.toolbelt import workspace_project

    info = create.create_workspace(
        tmp_path / "full.gpkg",
        area,
        "ปรือใหญ่",
        "EPSG:32648",
        user="tester",
        prepare=workspace_project.store_default_styles,
    )
    project = workspace_project.build_project(
        info.path, info.municipality_name, info.municipality_code, info.crs, language="th"
    )  # Thai layer names and forms, whatever the plugin's language setting (tests/qgis/test_language.py)
    return info, project


def run_cddp_process(args: list[str], profile: Path, extra_env: dict | None = None, timeout: int = 300):
    env = dict(os.environ)
    env["CDDP_QGIS_PROFILE"] = str(profile)
    env.update(extra_env or {})
    return subprocess.run(
        [str(ROOT / "scripts" / "cddp-process"), *args], capture_output=True, text=True, env=env, timeout=timeout
    )


def have_xvfb() -> bool:
    return shutil.which("Xvfb") is not None and shutil.which("qgis") is not None


@pytest.fixture(scope="module")
def provider(qgis_processing):
    """The CDDP provider registered for the tests of one module, removed afterwards."""
    from qgis.core import QgsApplication

    from cddp_plugin.processing.provider import CddpProvider

    registry = QgsApplication.processingRegistry()
    prov = registry.providerById("cddp")
    owned = prov is None
    if owned:
        prov = CddpProvider()
        registry.addProvider(prov)
    yield prov  # keep the Python object alive while its algorithms run
    if owned:
        registry.removeProvider(prov)
