"""Runs inside the QGIS desktop (qgis --code): checks the CDDP plugin as a user's QGIS loaded it.

Reads its settings from the CDDP_PROBE environment variable (JSON) and writes a JSON report:
plugin loaded, menu/toolbar/provider/algorithms present, dock texts, optional screenshot, then the
plugin unloaded and everything it added gone, and a timed cold re-load. Then QGIS quits.
"""

import json
import os
import subprocess
import sys
import time
import traceback

import qgis.utils
from qgis.core import QgsApplication, QgsProject
from qgis.PyQt.QtCore import Qt, QTimer
from qgis.PyQt.QtWidgets import QApplication, QMenu, QToolBar

ARGS = json.loads(os.environ.get("CDDP_PROBE", "{}"))
NAME = "cddp_plugin"


def wait(ms):
    end = time.monotonic() + ms / 1000
    while time.monotonic() < end:
        QApplication.processEvents()
        time.sleep(0.02)


def gui_facts(report, key):
    win = qgis.utils.iface.mainWindow()
    menu = win.findChild(QMenu, "CddpMenu")
    report[key] = {
        "plugin_loaded": NAME in qgis.utils.plugins,
        "menu": menu.title() if menu is not None and menu.menuAction().isVisible() else None,
        "menu_actions": [a.text() for a in menu.actions() if not a.isSeparator()]
        if menu and menu.menuAction().isVisible()
        else [],
        "toolbar": win.findChild(QToolBar, "CddpToolbar") is not None,
        "provider": QgsApplication.processingRegistry().providerById("cddp") is not None,
        "algorithms": sorted(
            a.id() for a in QgsApplication.processingRegistry().algorithms() if a.provider().id() == "cddp"
        ),
    }


def cold_load_ms(name=NAME):
    """Unload, forget the modules, and time load + start as QGIS does at start-up."""
    qgis.utils.unloadPlugin(name)
    for mod in [m for m in sys.modules if m == name or m.startswith(name + ".")]:
        del sys.modules[mod]
    t0 = time.perf_counter()
    qgis.utils.loadPlugin(name)
    qgis.utils.startPlugin(name)
    return round((time.perf_counter() - t0) * 1000, 1)


def run():
    report = {"ok": False, "qgis": qgis.core.Qgis.QGIS_VERSION, "ready_epoch": time.time()}
    try:
        if ARGS.get("startup_only"):
            report["ok"] = True
            return finish(report)
        wait(500)
        gui_facts(report, "loaded")
        plugin = qgis.utils.plugins.get(NAME)
        if ARGS.get("messages"):  # what the message bar shows after start-up (the first-use message)
            wait(500)
            report["messages"] = [item.text() for item in qgis.utils.iface.messageBar().items()]
            if ARGS.get("screenshot_messages"):
                win = qgis.utils.iface.mainWindow()
                win.showNormal()
                win.setGeometry(QApplication.primaryScreen().availableGeometry())
                wait(1500)
                subprocess.run(["import", "-window", "root", ARGS["screenshot_messages"]], check=True, timeout=60)
        if ARGS.get("install_wheels") is not None and plugin is not None:
            # what "Install Python packages…" runs, then the dock that needs the packages, without a restart
            import processing

            from cddp_plugin.toolbelt import dependencies

            result = processing.run("cddp:installdependencies", {"WHEELS": ARGS["install_wheels"]})
            report["installed"] = {
                "count": result["COUNT"],
                "missing_after": dependencies.describe(dependencies.missing()),
            }
            report["inspector_opened"] = plugin.toggle_inspector(True) is not None
            wait(300)
        if ARGS.get("open_dock") and plugin is not None:
            plugin.toggle_dock(True)
            wait(300)
            dock = plugin.dock
            report["dock"] = {
                "title": dock.windowTitle(),
                "municipality": dock.municipalityValue.text(),
                "layers": dock.layerTable.rowCount(),
                "buttons": [dock.createButton.text(), dock.openButton.text(), dock.refreshButton.text()],
            }
        if ARGS.get("inspector_parcel") and plugin is not None:
            inspector = plugin.toggle_inspector(True)
            layer = inspector.layer("parcels")
            feature = next((f for f in layer.getFeatures() if f["parcel_code"] == ARGS["inspector_parcel"]), None)
            inspector.show_parcel(feature)
            inspector.zoom_to_parcel()
            qgis.utils.iface.mapCanvas().zoomScale(2500)
            report["inspector"] = {
                "parcel": inspector.codeValue.text(),
                "households": inspector.householdTable.rowCount(),
            }
        if ARGS.get("workorders") and plugin is not None:
            orders = plugin.toggle_workorders(True)
            qgis.utils.iface.mainWindow().resizeDocks([orders], [640], Qt.Orientation.Horizontal)
            if ARGS["workorders"] == "kpi":
                orders.tabs.setCurrentIndex(1)
            wait(300)
            orders.orderTable.selectRow(0)
            orders.show_selected()
            report["workorders"] = {
                "rows": orders.orderTable.rowCount(),
                "buttons": [b.text() for b in orders.transition_buttons.values()],
            }
        if ARGS.get("screenshot"):
            win = qgis.utils.iface.mainWindow()
            win.showNormal()  # Xvfb has no window manager to maximise
            wait(300)
            win.setGeometry(QApplication.primaryScreen().availableGeometry())  # logical pixels (Qt may scale)
            g, fg = win.geometry(), win.frameGeometry()
            report["window"] = [
                g.x(),
                g.y(),
                g.width(),
                g.height(),
                fg.width(),
                fg.height(),
                QApplication.primaryScreen().geometry().width(),
                QApplication.primaryScreen().geometry().height(),
                win.isMaximized(),
                win.isFullScreen(),
            ]
            canvas = qgis.utils.iface.mapCanvas()
            if ARGS.get("inspector_parcel"):
                wait(500)
                inspector.zoom_to_parcel()
                canvas.zoomScale(2500)
            elif ARGS.get("workorders"):
                wait(300)
                orders.zoom_to_order()
                canvas.zoomScale(6000)
                if ARGS.get("scroll_to"):  # the dock's content scrolls on a small screen: show these buttons
                    orders.widget().ensureWidgetVisible(getattr(orders, ARGS["scroll_to"]))
            else:
                canvas.zoomToFullExtent()

            wait(2500)
            subprocess.run(["import", "-window", "root", ARGS["screenshot"]], check=True, timeout=60)
            report["screenshot"] = ARGS["screenshot"]
        report["project_layers"] = len(QgsProject.instance().mapLayers())
        repeats = ARGS.get("load_repeats", 3)
        report["cold_load_ms"] = [cold_load_ms() for _ in range(repeats)]
        for other in ARGS.get("compare_plugins", []):
            if other in qgis.utils.plugins:
                report.setdefault("compare_ms", {})[other] = [cold_load_ms(other) for _ in range(repeats)]
        qgis.utils.unloadPlugin(NAME)
        wait(200)
        gui_facts(report, "unloaded")
        report["ok"] = True
    except Exception:
        report["error"] = traceback.format_exc()
    finish(report)


def finish(report):
    with open(ARGS["report"], "w", encoding="utf-8") as f:
        json.dump(report, f, ensure_ascii=False, indent=2)
    # QGIS 3.40 aborts at exit while a project is open; close it first, then quit the way the user does.
    QgsProject.instance().setDirty(False)
    QgsProject.instance().clear()
    wait(200)
    qgis.utils.iface.actionExit().trigger()


QTimer.singleShot(200, run)
