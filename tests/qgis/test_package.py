"""The release ZIP: built by `make package`, checked against plugins.qgis.org's rules, installed into a
fresh QGIS profile, loaded (qgis_process and the real QGIS desktop under Xvfb) and unloaded."""

import subprocess
import sys
import zipfile

import pytest

from tests.conftest import EXPECTED_ALGORITHMS, ROOT, have_xvfb, run_cddp_process

sys.path.insert(0, str(ROOT / "scripts"))
import package
import qgis_session


@pytest.fixture(scope="module")
def plugin_zip():
    subprocess.run([sys.executable, str(ROOT / "scripts" / "package.py")], check=True, cwd=ROOT, capture_output=True)
    version = package.read_metadata((ROOT / "cddp_plugin" / "metadata.txt").read_text(encoding="utf-8"))["version"]
    path = ROOT / "dist" / f"cddp_plugin-{version}.zip"
    assert path.exists()
    return path


def test_zip_follows_the_plugin_repository_rules(plugin_zip):
    assert package.validate_zip(plugin_zip) == []
    with zipfile.ZipFile(plugin_zip) as zf:
        names = zf.namelist()
    assert "cddp_plugin/i18n/cddp_plugin_th.qm" in names
    assert "cddp_plugin/resources_rc.py" in names
    assert "cddp_plugin/core/workspace/data/admin_codes.csv" in names
    assert not [n for n in names if n.startswith("cddp_plugin/tests") or n.endswith(".pyc")]
    # the council maps' fonts (toolbelt/fonts.py) with their licences; never Noto Looped Thai
    for font in ("Sarabun-Regular.ttf", "Sarabun-Bold.ttf", "NotoSansThai-Regular.ttf", "NotoSansThai-Bold.ttf",
                 "OFL-Sarabun.txt", "OFL-NotoSansThai.txt"):  # fmt: skip
        assert f"cddp_plugin/fonts/{font}" in names
    assert not [n for n in names if "Looped" in n]


def test_validator_catches_bad_zips(tmp_path):
    bad = tmp_path / "bad.zip"
    with zipfile.ZipFile(bad, "w") as zf:
        zf.writestr("cddp_plugin/metadata.txt", "[general]\nname=x\nversion=1\n")
        zf.writestr("cddp_plugin/__pycache__/x.cpython-311.pyc", b"\x00")
        zf.writestr("other/readme.txt", "x")
        zf.writestr("cddp_plugin/lib.so", b"\x7fELF")
    problems = "\n".join(package.validate_zip(bad))
    for expected in ("top-level entries", "missing cddp_plugin/LICENSE", "__pycache__", "lib.so", "lacks about",
                     "hasProcessingProvider"):  # fmt: skip
        assert expected in problems


def test_zip_installs_into_a_fresh_profile_and_qgis_process_sees_the_provider(plugin_zip, tmp_path):
    base = qgis_session.make_profile(tmp_path / "profiles-root", plugin_zip, "en")
    profile = base / "profiles" / "default"
    env = {"CDDP_PLUGIN_DIR": str(profile / "python" / "plugins")}  # the installed copy, not the checkout
    res = run_cddp_process(["list"], profile=profile, extra_env=env)
    assert res.returncode == 0, res.stderr
    assert "cddp:createworkspace" in res.stdout
    res = run_cddp_process(
        ["run", "cddp:createworkspace", "--", f"OUTPUT={tmp_path / 'w.gpkg'}", "MUNICIPALITY_CODE=4001"],
        profile=profile, extra_env=env,
    )  # fmt: skip
    assert res.returncode == 0, res.stdout + res.stderr
    assert (tmp_path / "w.gpkg").exists()


@pytest.mark.desktop
@pytest.mark.skipif(not have_xvfb(), reason="needs Xvfb and the QGIS desktop (make setup installs both)")
def test_zip_loads_and_unloads_in_qgis_desktop_in_thai(plugin_zip, tmp_path):
    base = qgis_session.make_profile(tmp_path / "desktop", plugin_zip, "th")
    report = qgis_session.run_qgis(base, {"open_dock": True, "load_repeats": 1})
    assert report["ok"], report.get("error")
    loaded = report["loaded"]
    assert loaded["plugin_loaded"] and loaded["toolbar"] and loaded["provider"]
    assert loaded["algorithms"] == EXPECTED_ALGORITHMS
    assert loaded["menu_actions"][0] == "แผงพื้นที่ทำงาน"
    assert report["dock"]["title"] == "พื้นที่ทำงาน CDDP"
    unloaded = report["unloaded"]
    assert not unloaded["plugin_loaded"] and unloaded["menu"] is None
    assert not unloaded["toolbar"] and not unloaded["provider"] and unloaded["algorithms"] == []
    assert report["returncode"] == 0
