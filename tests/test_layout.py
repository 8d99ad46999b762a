"""The layout rules of the house (docs/architecture.md), read from the code's own imports.

Plain pytest, no QGIS: every rule is checked on the source text, so a rule broken in a function-level
(lazy) import fails as surely as one at the top of a module.
"""

from __future__ import annotations

import ast
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PLUGIN = ROOT / "cddp_plugin"
CORE = PLUGIN / "core"
SERVER = ROOT / "cddp_server"

QT = {"qgis", "PyQt5", "PyQt6", "sip", "PySide2", "PySide6"}
DOMAINS = ("common", "workspace", "land", "roads", "lighting", "works", "reports", "sync")
# What each part of core may import besides itself. common is the leaf; workspace builds on common;
# a domain on common, workspace and the neighbours named here.
ALLOWED = {
    "common": set(),
    "workspace": {"common"},
    "land": {"common", "workspace"},
    "roads": {"common", "workspace"},
    "lighting": {"common", "workspace", "roads"},  # lamps along roads; OSM tag reading
    "works": {"common", "workspace", "roads", "lighting", "reports"},  # orders on road and lamp assets; KPI chart
    "reports": {"common", "workspace", "land", "roads", "lighting", "works"},  # council maps show every domain
    "sync": {"common", "workspace", "land", "roads", "lighting", "works"},
}
NOT_ALGORITHMS = {"__init__", "base", "provider"}
MAX_CORE_LINES = 900


def _sources(folder: Path) -> list[Path]:
    return sorted(p for p in folder.rglob("*.py") if "__pycache__" not in p.parts and p.name != "resources_rc.py")


def _imports(path: Path) -> list[tuple[int, str]]:
    """(line, absolute module) of every import in a file, relative ones resolved; `from X import y`
    gives both X and X.y (y may be a module)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    package = ".".join(path.relative_to(ROOT).parts[:-1])
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found += [(node.lineno, a.name) for a in node.names]
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                parts = package.split(".")
                base = parts[: len(parts) - (node.level - 1)]
                module = ".".join(base + ([node.module] if node.module else []))
            else:
                module = node.module or ""
            found.append((node.lineno, module))
            found += [(node.lineno, f"{module}.{a.name}") for a in node.names]
    return found


def _where(path: Path, line: int) -> str:
    return f"{path.relative_to(ROOT)}:{line}"


def test_core_and_server_import_no_qgis_or_qt():
    folders = [CORE] + ([SERVER] if SERVER.exists() else [])
    bad = [
        f"{_where(p, line)} imports {module}"
        for folder in folders
        for p in _sources(folder)
        for line, module in _imports(p)
        if module.split(".")[0] in QT
    ]
    assert not bad, "\n".join(bad)


def test_the_plugin_imports_nothing_that_brings_a_second_gdal_or_proj():
    """Files go through QGIS's own GDAL (core/common/ogrio.py); pyproj and numpy are QGIS's; only the
    packages toolbelt/dependencies.py installs may come from pip (DESIGN.md §9)."""
    from cddp_plugin.toolbelt.dependencies import FROM_QGIS, OPTIONAL_FROM_QGIS, PACKAGES

    never = {"pyogrio", "fiona", "pyarrow", "rasterio"}
    allowed = {p.module for p in PACKAGES} | set(FROM_QGIS) | set(OPTIONAL_FROM_QGIS) | {"qgis", "processing"}
    third_party = set()
    bad = []
    for p in _sources(ROOT / "cddp_plugin"):
        for line, module in _imports(p):
            top = module.split(".")[0]
            if top in never:
                bad.append(f"{_where(p, line)} imports {module}")
            elif top and top != "cddp_plugin" and top not in sys.stdlib_module_names and top not in QT:
                third_party.add(top)
    assert not bad, "\n".join(bad)
    assert third_party <= allowed, sorted(third_party - allowed)


def test_core_has_only_domain_packages():
    loose = sorted(p.name for p in CORE.glob("*.py") if p.name != "__init__.py")
    assert not loose, f"modules directly in core/ (put them in a domain package): {loose}"
    packages = sorted(p.name for p in CORE.iterdir() if p.is_dir() and p.name != "__pycache__")
    assert set(packages) <= set(DOMAINS) | {"data"}, packages
    for name in DOMAINS:
        assert (CORE / name / "__init__.py").exists(), f"core/{name}/ is not a package"


@pytest.mark.parametrize("domain", DOMAINS)
def test_domain_imports_only_what_it_declares(domain):
    bad = []
    for p in _sources(CORE / domain):
        for line, module in _imports(p):
            parts = module.split(".")
            if parts[:2] != ["cddp_plugin", "core"] or len(parts) < 3:
                if parts[0] == "cddp_plugin" and parts[:2] != ["cddp_plugin", "core"]:
                    bad.append(f"{_where(p, line)} imports {module} (core imports nothing outside core)")
                continue
            other = parts[2]
            if other != domain and other not in ALLOWED[domain]:
                bad.append(f"{_where(p, line)} imports {module}")
    assert not bad, f"core/{domain} may import {sorted(ALLOWED[domain])} only:\n" + "\n".join(sorted(set(bad)))


@pytest.mark.parametrize("folder", ["processing", "ui"])
def test_algorithms_and_docks_reach_the_workspace_only_through_core_and_toolbelt(folder):
    forbidden = ("sqlite3", "pyogrio", "cddp_plugin.core.workspace.gpkg")
    bad = [
        f"{_where(p, line)} imports {module}"
        for p in _sources(PLUGIN / folder)
        for line, module in _imports(p)
        if any(module == f or module.startswith(f + ".") for f in forbidden)
    ]
    assert not bad, "call a jobs.py function (writes) or a core/toolbelt reader instead:\n" + "\n".join(bad)


def test_processing_never_imports_ui_and_the_plugin_never_imports_the_server():
    bad = [
        f"{_where(p, line)} imports {module}"
        for p in _sources(PLUGIN / "processing")
        for line, module in _imports(p)
        if module.startswith("cddp_plugin.ui")
    ]
    bad += [
        f"{_where(p, line)} imports {module}"
        for p in _sources(PLUGIN)
        for line, module in _imports(p)
        if module.split(".")[0] == "cddp_server"
    ]
    assert not bad, "\n".join(bad)


def _algorithm_classes(path: Path) -> list[tuple[str, str | None]]:
    """(class name, NAME) of the classes in a file that derive from CddpAlgorithm."""
    found = []
    for node in ast.parse(path.read_text(encoding="utf-8")).body:
        if not isinstance(node, ast.ClassDef):
            continue
        if not any(getattr(b, "id", getattr(b, "attr", None)) == "CddpAlgorithm" for b in node.bases):
            continue
        name = None
        for stmt in node.body:
            if isinstance(stmt, ast.Assign):
                targets = [t for tgt in stmt.targets for t in (tgt.elts if isinstance(tgt, ast.Tuple) else [tgt])]
                values = stmt.value.elts if isinstance(stmt.value, ast.Tuple) else [stmt.value]
                for t, v in zip(targets, values, strict=False):
                    if getattr(t, "id", None) == "NAME" and isinstance(v, ast.Constant):
                        name = v.value
        found.append((node.name, name))
    return found


def test_one_algorithm_per_file_named_after_its_id():
    files = [p for p in sorted((PLUGIN / "processing").glob("*.py")) if p.stem not in NOT_ALGORITHMS]
    assert len(files) >= 15
    bad = []
    for p in files:
        classes = _algorithm_classes(p)
        if len(classes) != 1:
            bad.append(f"{p.name}: {len(classes)} algorithms ({', '.join(c for c, _ in classes)})")
        elif classes[0][1] != p.stem:
            bad.append(f"{p.name}: algorithm id {classes[0][1]!r} differs from the file name")
    for stem in NOT_ALGORITHMS:
        path = PLUGIN / "processing" / f"{stem}.py"
        if path.exists() and _algorithm_classes(path):
            bad.append(f"{path.name} holds an algorithm")
    assert not bad, "\n".join(bad)


def test_the_provider_registers_every_algorithm_file():
    files = {p.stem for p in (PLUGIN / "processing").glob("*.py") if p.stem not in NOT_ALGORITHMS}
    registered = {
        module.rsplit(".", 1)[0].rsplit(".", 1)[-1]
        for _, module in _imports(PLUGIN / "processing" / "provider.py")
        if module.startswith("cddp_plugin.processing.") and module.count(".") == 3
    }
    assert files <= registered, f"not registered in provider.py: {sorted(files - registered)}"


def test_no_core_file_over_900_lines():
    long = {
        str(p.relative_to(ROOT)): n
        for p in _sources(CORE)
        if (n := len(p.read_text(encoding="utf-8").splitlines())) > MAX_CORE_LINES
    }
    assert not long, f"split these along their sections: {long}"


def test_every_domain_has_its_jobs_door():
    for domain in ("land", "roads", "lighting", "works"):
        assert (CORE / domain / "jobs.py").exists(), f"core/{domain}/jobs.py is missing"


def test_tests_mirror_the_packages():
    assert (ROOT / "tests" / "core").is_dir() and (ROOT / "tests" / "qgis").is_dir()
    for domain in ("common", "workspace", "land", "roads", "lighting", "works"):
        folder = ROOT / "tests" / "core" / domain
        assert folder.is_dir() and list(folder.glob("test_*.py")), f"no tests in tests/core/{domain}/"
    if SERVER.exists():
        assert list((ROOT / "tests" / "server").glob("test_*.py")), "no tests in tests/server/ for cddp_server/"


def test_the_server_uses_only_the_plugin_core():
    """cddp_server/ imports the plugin's core (one schema) and nothing QGIS-bound of it (toolbelt, ui,
    processing); it is never in the plugin ZIP (scripts/package.py packs cddp_plugin/ only)."""
    if not SERVER.exists():
        pytest.skip("no cddp_server/ yet")
    bad = [
        f"{_where(p, line)} imports {module}"
        for p in _sources(SERVER)
        for line, module in _imports(p)
        if module.split(".")[0] == "cddp_plugin" and module.split(".")[:2] != ["cddp_plugin", "core"]
    ]
    assert not bad, "\n".join(bad)
