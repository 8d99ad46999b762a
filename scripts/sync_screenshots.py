#!/usr/bin/env python3
"""Screenshots of the sync in the real QGIS desktop, in Thai, against the real reference server:
docs/sync-dock-th-1366.png (the Workspace dock after "Sync now" made one conflict and one rejected change)
and docs/conflicts-dock-th-1920.png (the conflict dock with both geometries on the map).

    .venv/bin/python scripts/sync_screenshots.py [--out docs]

A copy of the demo's Prue Yai workspace (demo-output/, `make demo`) is pushed to a server started on
127.0.0.1 (SQLite, in a temporary folder); a second officer then changes a parcel's zone and shape on the
server, this workspace changes the same parcel and gives another a negative area; QGIS (Xvfb, a fresh
profile, Thai) syncs with "Sync now" and shows the docks. The Thai comes from i18n/th (a temporary .qm built
like `make update-ts` does, so the screenshots show new wording before the .ts is regenerated).

Inside QGIS (``qgis --code``, environment CDDP_SYNC_SHOT) the same file drives the docks.
"""

from __future__ import annotations

import json
import os
import sys

if os.environ.get("CDDP_SYNC_SHOT"):  # ---------------------------------------------------- inside QGIS
    import subprocess
    import time
    import traceback

    import qgis.utils
    from qgis.core import QgsApplication, QgsProject, QgsRectangle
    from qgis.PyQt.QtCore import QCoreApplication, Qt, QTimer, QTranslator
    from qgis.PyQt.QtWidgets import QApplication

    ARGS = json.loads(os.environ["CDDP_SYNC_SHOT"])

    def wait(ms):
        end = time.monotonic() + ms / 1000
        while time.monotonic() < end:
            QApplication.processEvents()
            time.sleep(0.02)

    def shot():
        report = {"ok": False}
        try:
            wait(500)
            translator = QTranslator()
            assert translator.load(ARGS["qm"]), ARGS["qm"]
            QCoreApplication.installTranslator(translator)
            assert QgsApplication.authManager().setMasterPassword(ARGS["master"], True)
            iface = qgis.utils.iface
            win = iface.mainWindow()
            win.showNormal()  # Xvfb has no window manager to maximise
            wait(300)
            win.setGeometry(QApplication.primaryScreen().availableGeometry())
            plugin = qgis.utils.plugins["cddp_plugin"]
            dock = plugin.toggle_dock(True)
            wait(300)
            if ARGS.get("sync"):
                task = dock.sync_now()
                assert task is not None, "the sync did not start"
                deadline = time.monotonic() + 300
                while dock.task is not None and time.monotonic() < deadline:
                    wait(100)
                report["sync"] = task.report.summary() if task.report else str(task.error)
            report["dock"] = {
                name: getattr(dock, name).text()
                for name in ("serverValue", "lastSyncValue", "waitingValue", "conflictsValue", "rejectedValue")
            }
            report["messages"] = [item.text() for item in iface.messageBar().items()]
            canvas = iface.mapCanvas()
            if ARGS["mode"] == "conflicts":
                plugin.toggle_dock(False)  # the conflict dock gets the whole height
                cd = plugin.toggle_conflicts(True)
                win.resizeDocks([cd], [640], Qt.Orientation.Horizontal)
                conflict = next(i for i in cd.issues if i.kind == "conflict")
                cd.select(conflict.change_id)
                wait(300)
                box = QgsRectangle()
                for band in cd.bands:
                    box.combineExtentWith(band.asGeometry().boundingBox())
                box.grow(max(box.width(), box.height()) * 1.5)
                canvas.setExtent(box)
                canvas.refresh()
                report["conflicts"] = {"issues": len(cd.issues), "bands": len(cd.bands),
                                       "rows": cd.fieldTable.rowCount()}  # fmt: skip
            else:
                win.resizeDocks([dock], [420], Qt.Orientation.Horizontal)
                dock.widget().ensureWidgetVisible(dock.syncButton)
                canvas.zoomToFullExtent()
            wait(2500)
            subprocess.run(["import", "-window", "root", ARGS["screenshot"]], check=True, timeout=60)
            report["ok"] = True
        except Exception:
            report["error"] = traceback.format_exc()
        with open(ARGS["report"], "w", encoding="utf-8") as fh:
            json.dump(report, fh, ensure_ascii=False, indent=2)
        QgsProject.instance().setDirty(False)
        QgsProject.instance().clear()
        wait(200)
        qgis.utils.iface.actionExit().trigger()

    QTimer.singleShot(200, shot)

else:  # ------------------------------------------------------------------------------------- outside
    import argparse
    import base64
    import shutil
    import socket
    import subprocess
    import tempfile
    import time
    import uuid as uuidlib
    from pathlib import Path

    ROOT = Path(__file__).resolve().parent.parent
    sys.path.insert(0, str(ROOT))
    sys.path.insert(0, str(ROOT / "scripts"))
    CLI = ROOT / "scripts" / "cddp-server"
    MUNI, PASSWORD = "330506", "sync-screenshots-" + uuidlib.uuid4().hex[:12]
    MASTER = "cddp-screenshots-" + uuidlib.uuid4().hex[:12]

    def free_port() -> int:
        with socket.socket() as s:
            s.bind(("127.0.0.1", 0))
            return s.getsockname()[1]

    def start_server(tmp: Path) -> tuple[subprocess.Popen, str]:
        db = str(tmp / "server.sqlite")
        for user in ("gis1", "gis2"):
            subprocess.run([str(CLI), "user", "add", "--db", db, "--muni", MUNI, "--user", user, "--role",
                            "admin", "--srid", "32648"], input=PASSWORD + "\n", text=True, check=True,
                           capture_output=True)  # fmt: skip
        port = free_port()
        log = open(tmp / "server.log", "w")
        proc = subprocess.Popen([str(CLI), "serve", "--db", db, "--host", "127.0.0.1", "--port", str(port)],
                                stdout=log, stderr=subprocess.STDOUT)  # fmt: skip
        url = f"http://127.0.0.1:{port}"
        import urllib.request

        for _ in range(300):
            try:
                urllib.request.urlopen(url + "/v1/meta", timeout=1).read()
                return proc, url
            except OSError:
                time.sleep(0.1)
        proc.terminate()
        raise SystemExit("the server did not start")

    def build_qm(tmp: Path) -> Path:
        import importlib.util

        spec = importlib.util.spec_from_file_location("cddp_update_ts", ROOT / "scripts" / "update_ts.py")
        update_ts = importlib.util.module_from_spec(spec)
        sys.modules[spec.name] = update_ts
        spec.loader.exec_module(update_ts)
        ts = tmp / "th.ts"
        shutil.copy(update_ts.TS, ts)
        update_ts.run_pylupdate(ts)
        update_ts.fill(ts)
        qm = tmp / "th.qm"
        subprocess.run(["lrelease", "-silent", str(ts), "-qm", str(qm)], check=True)
        return qm

    def auth_config(profile: Path) -> str:
        """A Basic configuration for gis1 in the new profile's authentication database."""
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
        from qgis.core import QgsApplication

        app = QgsApplication([], False)
        app.initQgis()
        manager = QgsApplication.authManager()
        manager.setup(QgsApplication.pluginPath(), str(profile / "profiles" / "default" / "qgis-auth.db"))
        manager.ensureInitialized()
        assert manager.setMasterPassword(MASTER, True)
        from cddp_plugin.toolbelt.sync_auth import store_basic

        return store_basic("CDDP ปรือใหญ่ (gis1)", "gis1", PASSWORD)

    def prepare(tmp: Path, url: str, authcfg: str) -> Path:
        import shapely
        from shapely import affinity

        from cddp_plugin.core.sync import engine, local
        from cddp_plugin.core.sync.http import ApiClient, Credentials
        from cddp_plugin.core.workspace import gpkg

        for suffix in (".gpkg", ".qgz"):
            shutil.copy(ROOT / "demo-output" / f"prueyai{suffix}", tmp / f"prueyai{suffix}")
        ws = tmp / "prueyai.gpkg"
        started = time.perf_counter()
        first = engine.sync_workspace(ws, ApiClient(url, MUNI, Credentials("gis1", PASSWORD)))
        print(f"first push: {first.pushed} features in {time.perf_counter() - started:.1f} s", flush=True)
        local.save_connection(ws, url, authcfg)
        con = gpkg.connect(ws)
        (a_uuid, a_version, a_blob), (b_uuid,) = (
            con.execute("SELECT uuid, version, geom FROM parcels WHERE geom IS NOT NULL ORDER BY fid LIMIT 1 OFFSET 40").fetchone(),
            con.execute("SELECT uuid FROM parcels ORDER BY fid LIMIT 1 OFFSET 41").fetchone(),
        )  # fmt: skip
        shape = gpkg.from_blob(a_blob)
        srid = gpkg.srs_id(con, "parcels")
        # the second officer (gis2) changes the zone and moves the parcel's boundary on the server
        theirs = affinity.translate(shape, 6, 4)
        change = {"change_id": uuidlib.uuid4().hex, "layer": "parcels", "uuid": a_uuid, "op": "update",
                  "base_version": a_version, "values": {"zone": "พาณิชยกรรม"},
                  "geom": {"wkb": base64.b64encode(shapely.to_wkb(theirs, flavor="iso")).decode(), "srid": srid}}  # fmt: skip
        other = ApiClient(url, MUNI, Credentials("gis2", PASSWORD))
        ans = other.request("POST", other.tenant("push"), json_body={"changes": [change]},
                            headers={"Idempotency-Key": uuidlib.uuid4().hex})  # fmt: skip
        assert ans.json()["results"][0]["status"] == "applied", ans.json()
        # this workspace: the same parcel's zone and boundary, and a negative area on the next one
        mine = affinity.scale(shape, 1.15, 1.15)
        with con:
            con.execute(
                "UPDATE parcels SET zone = 'ที่อยู่อาศัย', geom = ? WHERE uuid = ?", (gpkg.to_blob(mine, srid), a_uuid)
            )
            con.execute("UPDATE parcels SET area_sqm = -12.5 WHERE uuid = ?", (b_uuid,))
        con.close()
        return ws

    def run_qgis(profile: Path, project: Path, args: dict, screen: str) -> dict:
        import qgis_session

        env = dict(os.environ)
        env.pop("QT_QPA_PLATFORM", None)
        env.setdefault("XDG_RUNTIME_DIR", f"/tmp/runtime-{os.getuid()}")
        venv_site = ROOT / ".venv" / "lib" / f"python{sys.version_info[0]}.{sys.version_info[1]}" / "site-packages"
        if venv_site.is_dir():
            env["PYTHONPATH"] = str(venv_site)
        report = profile / f"report-{args['mode']}.json"
        env["CDDP_SYNC_SHOT"] = json.dumps({**args, "report": str(report), "master": MASTER})
        cmd = ["qgis", "--profiles-path", str(profile), "--nologo", "--noversioncheck", "--code", __file__,
               "--project", str(project)]  # fmt: skip
        with qgis_session.display(qgis_session.screen_size(screen), force=True) as disp:
            env["DISPLAY"] = disp
            proc = subprocess.run(cmd, env=env, capture_output=True, text=True, timeout=600)
        if not report.exists():
            raise SystemExit(f"QGIS exited ({proc.returncode}) without a report:\n{proc.stderr[-3000:]}")
        return json.loads(report.read_text(encoding="utf-8"))

    def main() -> int:
        import qgis_session

        ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
        ap.add_argument("--out", type=Path, default=ROOT / "docs")
        args = ap.parse_args()
        if not (ROOT / "demo-output" / "prueyai.gpkg").exists():
            raise SystemExit("demo-output/prueyai.gpkg is missing: run `make demo` first")
        tmp = Path(tempfile.mkdtemp(prefix="cddp-sync-shots-"))
        proc = None
        try:
            qm = build_qm(tmp)
            profile = qgis_session.make_profile(tmp / "qgis", None, "th")
            authcfg = auth_config(profile)
            proc, url = start_server(tmp)
            ws = prepare(tmp, url, authcfg)
            project = ws.with_suffix(".qgz")
            out = args.out.resolve()
            first = run_qgis(profile, project, {"mode": "dock", "sync": True, "qm": str(qm),
                                                "screenshot": str(out / "sync-dock-th-1366.png")}, "1366x768")  # fmt: skip
            print(json.dumps(first, ensure_ascii=False, indent=2))
            second = run_qgis(profile, project, {"mode": "conflicts", "sync": False, "qm": str(qm),
                                                 "screenshot": str(out / "conflicts-dock-th-1920.png")}, "1920x1080")  # fmt: skip
            print(json.dumps(second, ensure_ascii=False, indent=2))
            return 0 if first.get("ok") and second.get("ok") else 1
        finally:
            if proc is not None:
                proc.terminate()
                proc.wait(timeout=15)
            shutil.rmtree(tmp, ignore_errors=True)

    if __name__ == "__main__":
        sys.exit(main())
