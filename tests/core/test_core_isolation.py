"""cddp_plugin/core must not import QGIS or Qt, directly or through anything it imports."""

import ast
import subprocess
import sys

from tests.conftest import ROOT

CORE = ROOT / "cddp_plugin" / "core"
FORBIDDEN = ("qgis", "PyQt5", "PyQt6", "PySide2", "PySide6", "sip")


def test_core_sources_import_no_qgis_or_qt():
    offenders = []
    for path in sorted(CORE.rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
        for node in ast.walk(tree):
            names = []
            if isinstance(node, ast.Import):
                names = [a.name for a in node.names]
            elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                names = [node.module]
            offenders += [f"{path.name}:{node.lineno} {n}" for n in names if n.split(".")[0] in FORBIDDEN]
    assert offenders == []


def test_core_imports_and_works_in_a_python_without_qgis(tmp_path):
    """Import every core module in a fresh interpreter where importing qgis/Qt raises, and build a workspace."""
    code = f"""
import sys, importlib, pkgutil
class Block:
    def find_spec(self, name, path=None, target=None):
        if name.split('.')[0] in {FORBIDDEN!r}:
            raise ImportError('blocked: ' + name)
sys.meta_path.insert(0, Block())
sys.path.insert(0, {str(CORE.parent.parent)!r})
import cddp_plugin.core as core
for m in pkgutil.walk_packages(core.__path__, 'cddp_plugin.core.'):
    importlib.import_module(m.name)
from cddp_plugin.core.workspace import create, dopa
info = create.create_workspace({str(tmp_path / "w.gpkg")!r}, dopa.parse_municipality_code('1007'))
assert not [m for m in sys.modules if m.split('.')[0] in {FORBIDDEN!r}], 'qgis/Qt got imported'
print(info.municipality_name)
"""
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == "เขตปทุมวัน"
