"""The Python packages CDDP needs beyond what QGIS ships, and their installation per user.

QGIS itself ships GDAL (``osgeo``, which reads and writes every file: core/common/ogrio.py), NumPy and
pyproj (on Windows and on Debian/Ubuntu alike: QGIS's MetaSearch needs OWSLib, which needs pyproj, built
against QGIS's own PROJ). What is left are three pure data packages and their helpers, none of which
carries a GDAL or PROJ of its own: pandas (tables), shapely (GEOS geometry arrays) and geopandas
(shapely geometries in pandas tables). They are installed with pip, pinned and without their declared
dependencies (``--no-deps``: geopandas would otherwise pull pyogrio and pyproj wheels — a second GDAL and
PROJ in the QGIS process, which crashes QGIS at exit), into a folder of the user's QGIS profile. No
administrator rights, nothing changed in QGIS's own Python, and the folder is put at the front of
``sys.path`` at once, so the plugin works without restarting QGIS.

This module imports nothing from QGIS at import time: it is what runs before anything else.
"""

from __future__ import annotations

import importlib
import importlib.metadata
import importlib.util
import os
import re
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Package:
    module: str  # the import name
    dist: str  # the name on PyPI
    pinned: str  # the version we install
    minimum: str  # the oldest version the plugin works with (one QGIS already has is used if ≥ this)


# What the plugin needs beyond QGIS (README "Python packages" says why each one).
PACKAGES = (
    Package("pandas", "pandas", "2.3.3", "2.0"),
    Package("shapely", "shapely", "2.2.0", "2.0"),
    Package("geopandas", "geopandas", "1.1.4", "1.0"),
    # what those three need at run time (pandas: dateutil, pytz, tzdata; geopandas: packaging)
    Package("dateutil", "python-dateutil", "2.9.0.post0", "2.8.2"),
    Package("six", "six", "1.17.0", "1.5"),
    Package("pytz", "pytz", "2025.2", "2020.1"),
    Package("tzdata", "tzdata", "2025.2", "2022.7"),
    Package("packaging", "packaging", "25.0", "20.0"),
)
# What QGIS itself must provide (never installed by us: a wheel of these brings its own GDAL/PROJ).
FROM_QGIS = ("numpy", "pyproj", "osgeo")
# Used when QGIS has it (it does on Windows and Debian), never required: the chart pictures.
OPTIONAL_FROM_QGIS = ("matplotlib",)
MODULES = frozenset(p.module for p in PACKAGES)


def _version_tuple(text: str) -> tuple:
    return tuple(int(x) for x in re.findall(r"\d+", text)[:3])


def _installed_version(pkg: Package) -> str | None:
    """The version Python would import, or None when the package is not importable."""
    if importlib.util.find_spec(pkg.module) is None:
        return None
    try:
        return importlib.metadata.version(pkg.dist)
    except importlib.metadata.PackageNotFoundError:
        module = sys.modules.get(pkg.module)
        return getattr(module, "__version__", "0") if module is not None else "0"


def missing() -> list[Package]:
    """The packages that are not importable, or older than the plugin needs."""
    importlib.invalidate_caches()
    out = []
    for pkg in PACKAGES:
        version = _installed_version(pkg)
        if version is None or _version_tuple(version) < _version_tuple(pkg.minimum):
            out.append(pkg)
    return out


def missing_from_qgis() -> list[str]:
    return [m for m in FROM_QGIS if importlib.util.find_spec(m) is None]


def describe(packages) -> str:
    """ "pandas 2.3.3, shapely 2.2.0" — for messages."""
    return ", ".join(f"{p.dist} {p.pinned}" for p in packages)


def target_folder(profile_dir: str | os.PathLike) -> Path:
    """Where the packages go: ``<QGIS profile>/python/cddp-packages-py3.11`` (one per Python version:
    binary wheels are built per version, and QGIS upgrades change it)."""
    v = sys.version_info
    return Path(profile_dir) / "python" / f"cddp-packages-py{v.major}.{v.minor}"


def activate(folder: str | os.PathLike) -> bool:
    """Put the packages folder first on ``sys.path`` (ahead of an older pandas QGIS may ship). True if
    the folder exists."""
    folder = str(folder)
    if not os.path.isdir(folder):
        return False
    if folder in sys.path:
        sys.path.remove(folder)
    sys.path.insert(0, folder)
    importlib.invalidate_caches()
    return True


def stale_imports() -> list[str]:
    """Packages already imported in this QGIS session in a version too old (another plugin loaded
    them): only a restart of QGIS replaces a module that is already imported."""
    out = []
    for pkg in PACKAGES:
        module = sys.modules.get(pkg.module)
        version = getattr(module, "__version__", None) if module is not None else None
        if version and _version_tuple(version) < _version_tuple(pkg.minimum):
            out.append(f"{pkg.dist} {version}")
    return out


# ---------------------------------------------------------------- pip


def python_executable() -> str | None:
    """A Python interpreter of the same version as QGIS's embedded one, to run pip with.

    Inside QGIS ``sys.executable`` is QGIS itself (qgis-bin.exe, /usr/bin/qgis); the interpreter is
    beside the Python library: ``<prefix>/python.exe`` on Windows (OSGeo4W, standalone installer),
    ``<prefix>/bin/python3.X`` elsewhere."""
    v = sys.version_info
    names = [f"python{v.major}.{v.minor}", f"python{v.major}", "python"]
    candidates = []
    if os.path.basename(sys.executable or "").lower().startswith("python"):
        candidates.append(sys.executable)
    for prefix in dict.fromkeys([sys.exec_prefix, sys.base_exec_prefix, sys.prefix]):
        candidates += [os.path.join(prefix, "python.exe"), os.path.join(prefix, "python3.exe")]
        candidates += [os.path.join(prefix, "bin", n) for n in names]
    candidates += [shutil.which(n) for n in names]
    for exe in dict.fromkeys(c for c in candidates if c):
        if os.path.isfile(exe) and _same_python(exe):
            return exe
    return None


def _run_flags() -> dict:
    return {"creationflags": 0x08000000} if os.name == "nt" else {}  # CREATE_NO_WINDOW


def _same_python(exe: str) -> bool:
    try:
        out = subprocess.run(
            [exe, "-c", "import sys; print('%d.%d' % sys.version_info[:2])"],
            capture_output=True,
            text=True,
            timeout=30,
            **_run_flags(),
        )
    except (OSError, subprocess.SubprocessError):
        return False
    return out.returncode == 0 and out.stdout.strip() == f"{sys.version_info.major}.{sys.version_info.minor}"


def has_pip(exe: str) -> bool:
    try:
        out = subprocess.run([exe, "-m", "pip", "--version"], capture_output=True, timeout=60, **_run_flags())
    except (OSError, subprocess.SubprocessError):
        return False
    return out.returncode == 0


def pip_command(exe: str, target: str | os.PathLike, packages, wheels: str | None = None, proxy: str | None = None):
    """``python -m pip install`` of the pinned versions into ``target`` (binary wheels only, no
    dependencies resolved: the list is complete)."""
    cmd = [exe, "-m", "pip", "install", "--disable-pip-version-check", "--no-input", "--no-deps"]
    cmd += ["--only-binary=:all:", "--upgrade", "--target", str(target)]
    if wheels:
        cmd += ["--no-index", "--find-links", str(wheels)]
    if proxy:
        cmd += ["--proxy", proxy]
    return cmd + [f"{p.dist}=={p.pinned}" for p in packages]


def run_pip(cmd, on_line=None, cancelled=None) -> tuple[int, str]:
    """Run pip, passing each output line to ``on_line``; (exit code, last lines of output)."""
    env = dict(os.environ)
    env.pop("PYTHONPATH", None)  # pip must not see the plugin's or QGIS's path tweaks
    env["PYTHONNOUSERSITE"] = "1"
    env["PIP_NO_INPUT"] = "1"
    proc = subprocess.Popen(
        cmd,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        encoding="utf-8",
        errors="replace",
        env=env,
        **_run_flags(),
    )
    tail: list[str] = []
    assert proc.stdout is not None
    for line in proc.stdout:
        line = line.rstrip()
        tail = [*tail, line][-15:]
        if on_line is not None and line:
            on_line(line)
        if cancelled is not None and cancelled():
            proc.kill()
            proc.wait()
            return -1, "\n".join(tail)
    return proc.wait(), "\n".join(tail)


# ---------------------------------------------------------------- in QGIS


def translate(context: str, text: str) -> str:
    """Qt's translation, imported when first needed (this module loads before QGIS is asked for anything)."""
    from qgis.PyQt.QtCore import QCoreApplication

    return QCoreApplication.translate(context, text)


def profile_folder() -> Path:
    """The packages folder of the running QGIS profile."""
    from qgis.core import QgsApplication

    return target_folder(QgsApplication.qgisSettingsDirPath())


def activate_profile() -> bool:
    """At plugin start: use the packages installed into this profile, if any."""
    try:
        return activate(profile_folder())
    except Exception:  # never stop the plugin from loading
        return False


def missing_message(packages=None) -> str:
    """One clear message naming what is missing and how to get it."""
    packages = missing() if packages is None else packages
    return translate(
        "CddpDependencies",
        "CDDP needs Python packages that this QGIS does not have: {packages}. Install them with "
        "CDDP ▸ Install Python packages… (or the Processing tool 'Install Python packages'): they go into "
        "your QGIS profile, no administrator rights are needed, and QGIS need not be restarted.",
    ).format(packages=describe(packages))


def bar_message(packages) -> str:
    """The short form for the message bar (its title says CDDP; a button beside it installs)."""
    return translate(
        "CddpDependencies",
        "needs Python packages this QGIS lacks: {packages}. Install them into your QGIS profile "
        "(no administrator rights, no restart):",
    ).format(packages=describe(packages))


def qgis_proxy() -> str | None:
    """QGIS's HTTP proxy (Settings ▸ Options ▸ Network) as pip's ``--proxy``, without credentials
    (they would show in the process list)."""
    from qgis.core import QgsSettings

    s = QgsSettings()
    if not s.value("proxy/proxyEnabled", False, type=bool):
        return None
    host = s.value("proxy/proxyHost", "", type=str).strip()
    port = s.value("proxy/proxyPort", "", type=str).strip()
    if not host:
        return None
    return f"http://{host}:{port}" if port else f"http://{host}"


def install(wheels: str | None = None, on_line=None, cancelled=None) -> list[Package]:
    """Install what is missing into the profile's folder and activate it; the packages installed.

    ``wheels``: a folder of ``.whl`` files to install from instead of PyPI (a municipality's network
    without internet access). Raises CddpError with what to do when it cannot."""
    from ..core.common.errors import CddpError

    todo = missing()
    if not todo:
        return []
    qgis_gaps = missing_from_qgis()
    if qgis_gaps:
        raise CddpError(
            translate(
                "CddpDependencies",
                "This QGIS lacks {modules}, which QGIS itself must provide (a copy from pip would bring a second "
                "GDAL or PROJ into QGIS). Reinstall QGIS with its Python packages (OSGeo4W: python3-numpy, "
                "python3-pyproj, python3-gdal; Debian/Ubuntu: python3-qgis).",
            ).replace("{modules}", ", ".join(qgis_gaps))
        )
    if wheels and not os.path.isdir(wheels):
        raise CddpError(
            translate("CddpDependencies", "The wheel folder {folder} does not exist.").replace("{folder}", str(wheels))
        )
    exe = python_executable()
    if exe is None:
        raise CddpError(
            translate(
                "CddpDependencies",
                "Cannot find the Python {version} interpreter of this QGIS to run pip. On Windows, open the "
                'OSGeo4W Shell and run: python -m pip install --target "{folder}" {packages}',
            )
            .replace("{version}", f"{sys.version_info.major}.{sys.version_info.minor}")
            .replace("{folder}", str(profile_folder()))
            .replace("{packages}", " ".join(f"{p.dist}=={p.pinned}" for p in todo))
        )
    if not has_pip(exe):
        raise CddpError(
            translate(
                "CddpDependencies",
                "The Python of this QGIS ({python}) has no pip. Install it (Debian/Ubuntu: sudo apt install "
                "python3-pip; OSGeo4W: the python3-pip package), then try again.",
            ).replace("{python}", exe)
        )
    folder = profile_folder()
    folder.parent.mkdir(parents=True, exist_ok=True)
    code, tail = run_pip(pip_command(exe, folder, todo, wheels, None if wheels else qgis_proxy()), on_line, cancelled)
    if code == -1:
        raise CddpError(
            translate("CddpDependencies", "Installing the Python packages was cancelled; nothing is in use yet.")
        )
    if code != 0:
        raise CddpError(
            translate(
                "CddpDependencies",
                "pip could not install {packages} (exit code {code}). Its last words:\n{output}\nWithout internet "
                "access, download the wheels on another computer and give their folder to 'Install Python packages'.",
            )
            .replace("{packages}", describe(todo))
            .replace("{code}", str(code))
            .replace("{output}", tail)
        )
    activate(folder)
    stale = stale_imports()
    if stale:
        raise CddpError(
            translate(
                "CddpDependencies",
                "The packages are installed, but this QGIS session already loaded an older {packages}: restart QGIS once.",
            ).replace("{packages}", ", ".join(stale))
        )
    still = missing()
    if still:
        raise CddpError(
            translate("CddpDependencies", "pip finished, but {packages} still cannot be imported from {folder}.")
            .replace("{packages}", describe(still))
            .replace("{folder}", str(folder))
        )
    return todo
