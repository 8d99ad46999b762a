#!/usr/bin/env python3
"""Run the real QGIS desktop with the CDDP plugin in a fresh, isolated profile.

Used by the desktop tests, the screenshot and the start-up benchmark, and by `make qgis`:

* the plugin is installed into the profile from the release ZIP (``--zip``) or linked from this
  checkout;
* the profile enables it and sets the UI locale (``--locale th``);
* without a display, an Xvfb server is started for the run;
* ``--probe`` runs ``scripts/qgis_probe.py`` inside QGIS, which checks the plugin, optionally opens a
  project and takes a screenshot, unloads the plugin, writes a JSON report and quits QGIS.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PROBE = ROOT / "scripts" / "qgis_probe.py"


def make_profile(base: Path, zip_path: Path | None, locale: str, enable_plugin: bool = True) -> Path:
    profile = base / "profiles" / "default"
    plugins = profile / "python" / "plugins"
    plugins.mkdir(parents=True, exist_ok=True)
    if zip_path is not None:
        with zipfile.ZipFile(zip_path) as zf:
            zf.extractall(plugins)
    elif not (plugins / "cddp_plugin").exists():
        (plugins / "cddp_plugin").symlink_to(ROOT / "cddp_plugin")
    (profile / "QGIS").mkdir(exist_ok=True)
    (profile / "QGIS" / "QGIS3.ini").write_text(
        "[PythonPlugins]\n"
        f"cddp_plugin={'true' if enable_plugin else 'false'}\nprocessing=true\n\n"
        "[locale]\n"
        f"overrideFlag=true\nuserLocale={locale}\n\n"
        "[qgis]\nshowTips340=false\ncheckVersion=false\n\n"
        "[UI]\nhidebrowser=true\n",
        encoding="utf-8",
    )
    return base


def screen_size(screen: str | None) -> str:
    """``1366x768`` → ``1366x768x24`` (an Xvfb screen); None → the default 1920×1080."""
    if not screen:
        return "1920x1080x24"
    parts = screen.lower().split("x")
    if len(parts) not in (2, 3) or not all(p.isdigit() for p in parts):
        raise SystemExit(f"--screen: expected WIDTHxHEIGHT such as 1366x768, not {screen!r}")
    return "x".join(parts + ["24"] * (3 - len(parts)))


@contextlib.contextmanager
def display(size: str = "1920x1080x24", force: bool = False):
    """Yield a DISPLAY: the current one, or a private Xvfb for the duration (``force``: always Xvfb)."""
    if os.environ.get("DISPLAY") and not os.environ.get("CDDP_FORCE_XVFB") and not force:
        yield os.environ["DISPLAY"]
        return
    if shutil.which("Xvfb") is None:
        raise RuntimeError("Xvfb is not installed; run `make setup`")
    for n in range(90, 140):
        if not Path(f"/tmp/.X11-unix/X{n}").exists() and not Path(f"/tmp/.X{n}-lock").exists():
            break
    proc = subprocess.Popen(["Xvfb", f":{n}", "-screen", "0", size, "-nolisten", "tcp"],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)  # fmt: skip
    try:
        for _ in range(100):
            if Path(f"/tmp/.X11-unix/X{n}").exists():
                break
            time.sleep(0.05)
        yield f":{n}"
    finally:
        proc.terminate()
        proc.wait(timeout=10)


def stock_env(env: dict | None = None) -> dict:
    """The environment of a QGIS without our venv: no PYTHONPATH, no virtualenv on PATH, no user site."""
    env = dict(os.environ if env is None else env)
    for key in ("PYTHONPATH", "VIRTUAL_ENV", "PYTHONHOME", "QGIS_PLUGINPATH", "CDDP_PLUGIN_DIR"):
        env.pop(key, None)
    venv_bin = str(ROOT / ".venv" / "bin")
    env["PATH"] = os.pathsep.join(p for p in env.get("PATH", "/usr/bin:/bin").split(os.pathsep) if p != venv_bin)
    env["PYTHONNOUSERSITE"] = "1"
    return env


def run_qgis(
    profile_base: Path,
    probe_args: dict | None,
    project: Path | None = None,
    timeout: int = 180,
    screen: str | None = None,
    stock: bool = False,
) -> dict:
    """Start QGIS; with ``probe_args`` run the probe and return its JSON report.

    ``screen`` (``1366x768``) is the size of the private Xvfb screen; it forces one even with a DISPLAY."""
    env = dict(os.environ)
    env.pop("QT_QPA_PLATFORM", None)  # a real window
    env.pop("QGIS_CUSTOM_CONFIG_PATH", None)
    env.setdefault("XDG_RUNTIME_DIR", f"/tmp/runtime-{os.getuid()}")
    Path(env["XDG_RUNTIME_DIR"]).mkdir(mode=0o700, exist_ok=True)
    venv_site = ROOT / ".venv" / "lib" / f"python{sys.version_info[0]}.{sys.version_info[1]}" / "site-packages"
    if stock:  # QGIS as a municipality has it: the system's Python only, no project venv
        env = stock_env(env)
    elif venv_site.is_dir():
        env["PYTHONPATH"] = f"{venv_site}:{env['PYTHONPATH']}" if env.get("PYTHONPATH") else str(venv_site)
    cmd = ["qgis", "--profiles-path", str(profile_base), "--nologo", "--noversioncheck"]
    report = None
    with tempfile.TemporaryDirectory() as tmp:
        if probe_args is not None:
            report = Path(tmp) / "report.json"
            env["CDDP_PROBE"] = json.dumps({**probe_args, "report": str(report)})
            cmd += ["--code", str(PROBE)]
        if project is not None:
            cmd += ["--project", str(project)]
        with display(screen_size(screen), force=bool(screen)) as disp:
            env["DISPLAY"] = disp
            started, started_epoch = time.perf_counter(), time.time()
            proc = subprocess.run(cmd, env=env, capture_output=True, text=True, timeout=timeout)
            elapsed = time.perf_counter() - started
        if report is None:
            return {"returncode": proc.returncode}
        if not report.exists():
            raise RuntimeError(f"QGIS exited ({proc.returncode}) without a probe report:\n{proc.stderr[-3000:]}")
        data = json.loads(report.read_text(encoding="utf-8"))
        data["qgis_wall_s"] = elapsed
        data["startup_s"] = data["ready_epoch"] - started_epoch  # process start → QGIS ready, probe running
        data["returncode"] = proc.returncode
        data["stderr_tail"] = proc.stderr[-1500:]
        return data


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--zip", type=Path, help="install the plugin from this release ZIP")
    ap.add_argument("--profile", type=Path, help="profile folder (default: a new temporary one)")
    ap.add_argument("--locale", default="en")
    ap.add_argument("--project", type=Path)
    ap.add_argument("--probe", action="store_true", help="check the plugin, report JSON and quit")
    ap.add_argument("--screenshot", type=Path, help="with --probe: save a screenshot of the screen here")
    ap.add_argument("--inspect", help="with --probe: show this parcel code in the inspector dock")
    ap.add_argument(
        "--screen",
        default=os.environ.get("CDDP_SCREEN"),
        help="screen size of a private Xvfb, e.g. 1366x768 (env CDDP_SCREEN); default 1920x1080",
    )
    ap.add_argument("--workorders", choices=("orders", "kpi"), help="with --probe: show the Work orders dock")
    ap.add_argument("--scroll-to", help="with --workorders: scroll the dock to this widget (e.g. saveButton)")

    args = ap.parse_args()
    base = args.profile or Path(tempfile.mkdtemp(prefix="cddp-qgis-profile-"))
    make_profile(base, args.zip, args.locale)
    if not args.probe:
        os.execvp(
            "qgis", ["qgis", "--profiles-path", str(base), *(["--project", str(args.project)] if args.project else [])]
        )
    probe = {"open_dock": not (args.inspect or args.workorders), "inspector_parcel": args.inspect,
             "workorders": args.workorders, "scroll_to": args.scroll_to,
             "screenshot": str(args.screenshot.resolve()) if args.screenshot else None}  # fmt: skip

    report = run_qgis(base, probe, args.project, screen=args.screen)
    print(json.dumps(report, ensure_ascii=False, indent=2))
    return 0 if report.get("ok") else 1


if __name__ == "__main__":
    sys.exit(main())
