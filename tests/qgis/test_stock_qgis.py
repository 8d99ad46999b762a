"""The release ZIP in a stock QGIS: the system's Python only, no project venv (DESIGN.md §9).

What a municipality does: install the ZIP into a fresh profile, start QGIS, read the message that
names the missing packages, run "Install Python packages", and work — without restarting QGIS. The
packages come from .cache/wheels (`make wheels`) with --no-index, as on a PC without internet access;
pip, the profile folder and the imports are the real ones. Both ways QGIS runs the plugin are tried:
the desktop (message bar, the install, then a dock) and qgis_process (algorithms, one per process, as
scripts and the Processing "batch" runs use them).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import ROOT, SHARED, have_xvfb

sys.path.insert(0, str(ROOT / "scripts"))
import package
import qgis_session

WHEELS = ROOT / ".cache" / "wheels"
QGIS_PROCESS = shutil.which("qgis_process", path="/usr/bin:/usr/local/bin")

pytestmark = [
    pytest.mark.skipif(QGIS_PROCESS is None, reason="needs QGIS's qgis_process (make setup installs it)"),
]


def _system_lacks_packages() -> bool:
    """The test is about a Python without pandas/shapely/geopandas: the system's, as QGIS has it."""
    code = "import importlib.util as u; print(all(u.find_spec(m) is None for m in ('pandas', 'geopandas', 'shapely')))"
    out = subprocess.run(["/usr/bin/python3", "-c", code], capture_output=True, text=True, env=qgis_session.stock_env())
    return out.stdout.strip() == "True"


@pytest.fixture(scope="module")
def plugin_zip():
    assert (WHEELS / ".done").exists() or len(list(WHEELS.glob("*.whl"))) >= 8, "run `make wheels` first"
    assert _system_lacks_packages(), "the system Python already has pandas/shapely/geopandas: not a stock QGIS"
    subprocess.run([sys.executable, str(ROOT / "scripts" / "package.py")], check=True, cwd=ROOT, capture_output=True)
    version = package.read_metadata((ROOT / "cddp_plugin" / "metadata.txt").read_text(encoding="utf-8"))["version"]
    return ROOT / "dist" / f"cddp_plugin-{version}.zip"


def _qgis_process(config: Path, *args: str, timeout: int = 600) -> subprocess.CompletedProcess:
    env = qgis_session.stock_env()
    env["QGIS_CUSTOM_CONFIG_PATH"] = str(config)
    env["QT_QPA_PLATFORM"] = "offscreen"
    env.setdefault("XDG_RUNTIME_DIR", f"/tmp/runtime-{os.getuid()}")
    return subprocess.run([QGIS_PROCESS, *args], env=env, capture_output=True, text=True, timeout=timeout)


def test_stock_qgis_process_message_then_install_then_work(plugin_zip, tmp_path):
    base = qgis_session.make_profile(tmp_path / "config", plugin_zip, "en")
    profile = base / "profiles" / "default"
    res = _qgis_process(base, "plugins")  # the profile enables it, as the Plugin Manager does after install
    assert "cddp_plugin" in res.stdout, res.stdout + res.stderr

    ws = tmp_path / "prueyai.gpkg"
    create = ["run", "cddp:createworkspace", "--", f"OUTPUT={ws}", "MUNICIPALITY_CODE=330506", "CRS=EPSG:32648"]
    res = _qgis_process(base, *create)
    out = res.stdout + res.stderr
    # first: one clear message naming the packages and the way to install them; no traceback, no crash
    assert res.returncode == 1, out
    assert "pandas 2.3.3" in out and "geopandas 1.1.4" in out and "shapely 2.2.0" in out, out
    assert "Install Python packages" in out, out
    assert "Traceback" not in out and "ModuleNotFoundError" not in out, out
    assert not ws.exists()

    # then the install, into the profile, from the offline wheel folder
    res = _qgis_process(base, "run", "cddp:installdependencies", "--", f"WHEELS={WHEELS}")
    assert res.returncode == 0, res.stdout + res.stderr
    folder = profile / "python" / f"cddp-packages-py{sys.version_info[0]}.{sys.version_info[1]}"
    assert (folder / "pandas").is_dir() and (folder / "geopandas").is_dir() and (folder / "shapely").is_dir()
    # never a second GDAL or PROJ: no pyogrio, no pyproj, no numpy from pip
    assert not any((folder / name).exists() for name in ("pyogrio", "pyproj", "numpy", "fiona"))
    assert "COUNT:\t" in res.stdout

    # then the work: the real Prue Yai tax map and buildings, linked
    steps = [
        create,
        ["run", "cddp:importparcels", "--", f"INPUT={SHARED / 'prueyai' / 'parcel.geojson'}", f"WORKSPACE={ws}"],
        ["run", "cddp:importhouseholds", "--", f"INPUT={SHARED / 'prueyai' / 'building.geojson'}", f"WORKSPACE={ws}"],
        [
            "run",
            "cddp:linkhouseholds",
            "--",
            f"HOUSEHOLDS={ws}|layername=households",
            f"PARCELS={ws}|layername=parcels",
        ],
    ]
    for step in steps:
        res = _qgis_process(base, *step)
        assert res.returncode == 0, step[1] + "\n" + res.stdout[-2000:] + res.stderr[-2000:]
        assert "Traceback" not in res.stdout + res.stderr
    linked = int(res.stdout.split("LINKED:\t", 1)[1].split()[0])
    assert linked > 4000  # Prue Yai: 5,041 of 5,133 buildings on a parcel

    # a second install finds nothing to do
    res = _qgis_process(base, "run", "cddp:installdependencies")
    assert res.returncode == 0 and "COUNT:\t0" in res.stdout, res.stdout + res.stderr


def test_stock_install_refuses_a_missing_wheel_folder_clearly(plugin_zip, tmp_path):
    base = qgis_session.make_profile(tmp_path / "config", plugin_zip, "en")
    res = _qgis_process(base, "run", "cddp:installdependencies", "--", f"WHEELS={tmp_path / 'nowhere'}")
    out = res.stdout + res.stderr
    assert res.returncode == 1 and "Traceback" not in out
    assert "nowhere" in out


@pytest.mark.desktop
@pytest.mark.skipif(not have_xvfb(), reason="needs Xvfb and the QGIS desktop (make setup installs both)")
def test_stock_desktop_message_install_and_dock_without_restart(plugin_zip, tmp_path):
    base = qgis_session.make_profile(tmp_path / "desktop", plugin_zip, "th")
    shot = ROOT / "docs" / "stock-qgis-packages-message-th-1366.png"
    report = qgis_session.run_qgis(
        base,
        {"messages": True, "install_wheels": str(WHEELS), "load_repeats": 0,
         "screenshot_messages": str(tmp_path / "message.png")},
        screen="1366x768", stock=True, timeout=400,
    )  # fmt: skip
    assert report["ok"], report.get("error")
    messages = "\n".join(report["messages"])
    assert "pandas 2.3.3" in messages and "geopandas 1.1.4" in messages, report["messages"]
    assert report["installed"]["count"] >= 3 and report["installed"]["missing_after"] == ""
    assert report["inspector_opened"]  # the dock that needs pandas opens in the same session
    assert report["returncode"] == 0, report.get("stderr_tail")
    if os.environ.get("CDDP_SCREENSHOTS"):  # refresh the picture in docs/ (looked at by a person)
        shutil.copy(tmp_path / "message.png", shot)
