"""The sync in QGIS: a QgsTask around core/sync/engine.sync_workspace, and the path-based calls the docks
make (resolve an issue), with the texts of the results for the message bar.

The task's client is built in the main thread (QgsAuthManager is read there, the password stays in memory)
and talks through QGIS's network stack (toolbelt/sync_transport.py). Cancelling the task aborts the request
under way and stops the engine between steps; whatever was done stays done (core/sync/engine.py).
"""

from __future__ import annotations

import os
from collections.abc import Callable, Mapping
from contextlib import closing

from qgis.core import Qgis, QgsFeedback, QgsTask
from qgis.PyQt.QtCore import QObject, pyqtSignal

from ..core.common.errors import CddpError
from ..core.common.numbers import format_int
from ..core.sync import engine, jobs
from ..core.workspace import gpkg
from .i18n import error_text, translate
from .log import get_logger

log = get_logger("sync")
_running: dict[str, SyncTask] = {}


class SyncNotifier(QObject):
    """Tells the docks that a workspace's sync state changed (a sync ended, an issue was resolved)."""

    changed = pyqtSignal(str)


NOTIFIER = SyncNotifier()


def _key(path: str | os.PathLike) -> str:
    return os.path.normcase(os.path.realpath(os.fspath(path)))


def running(path: str | os.PathLike) -> SyncTask | None:
    return _running.get(_key(path))


class SyncTask(QgsTask):
    """One sync of one workspace in the background. ``on_done(task)`` runs in the main thread at the end:
    ``task.report`` (a SyncReport) or ``task.error`` (a CddpError) says what happened."""

    def __init__(self, path: str, url: str | None, authcfg: str | None,
                 on_done: Callable[[SyncTask], None] | None = None, **client_kw) -> None:  # fmt: skip
        super().__init__(translate("Sync", "CDDP sync"), QgsTask.Flag.CanCancel)
        from .sync_auth import client_for

        self.path = os.fspath(path)
        self.feedback = QgsFeedback()
        self.client = client_for(self.path, url, authcfg, feedback=self.feedback, cancelled=self.isCanceled,
                                 **client_kw)  # fmt: skip
        self.on_done = on_done
        self.report: engine.SyncReport | None = None
        self.error: CddpError | None = None

    def run(self) -> bool:
        try:
            self.report = engine.sync_workspace(
                self.path, self.client, progress=lambda fraction, _text: self.setProgress(100.0 * fraction)
            )
        except CddpError as exc:
            self.error = exc
            return False
        except Exception as exc:  # never a traceback in the message bar; the type only in the log (PDPA)
            log.error("sync of %s failed: %s", os.path.basename(self.path), type(exc).__name__)
            self.error = CddpError(
                translate("Sync", "The sync stopped on an unexpected error ({error}); nothing is lost."),
                error=type(exc).__name__,
            )
            return False
        return True

    def cancel(self) -> None:
        self.feedback.cancel()
        super().cancel()

    def finished(self, _result: bool) -> None:
        _running.pop(_key(self.path), None)
        if self.on_done is not None:
            self.on_done(self)
        NOTIFIER.changed.emit(self.path)


def start(path: str, url: str | None, authcfg: str | None, on_done=None, **client_kw) -> SyncTask:
    """Build the task (CddpError: no connection, credentials unreadable, a bad address) and hand it to
    QGIS's task manager. A second start while one runs for the same workspace returns the running one."""
    from qgis.core import QgsApplication

    current = running(path)
    if current is not None:
        return current
    task = SyncTask(path, url, authcfg, on_done, **client_kw)
    _running[_key(path)] = task
    QgsApplication.taskManager().addTask(task)
    return task


def result_message(task: SyncTask) -> tuple[str, Qgis.MessageLevel]:
    """What the message bar says at the end of a sync, and how loudly."""
    if task.error is not None:
        return error_text(task.error), Qgis.MessageLevel.Critical
    report = task.report
    if report is None or (not report.finished and task.isCanceled()):
        return (
            translate(
                "Sync", "Sync cancelled: not finished, nothing lost. What was done is kept; the rest resumes next time."
            ),
            Qgis.MessageLevel.Warning,
        )
    counts = dict(
        pushed=format_int(report.pushed), pulled=format_int(report.pulled),
        conflicts=format_int(report.conflicts), rejected=format_int(report.rejected),
    )  # fmt: skip
    if report.stopped and not report.finished:
        text = translate(
            "Sync",
            "Sync not finished, nothing lost: the CDDP server could not be reached. Sent {pushed}, received {pulled}; the rest resumes next time.",
        )
        return text.format(**counts), Qgis.MessageLevel.Warning
    text = translate("Sync", "Synced: {pushed} sent, {pulled} received, {conflicts} conflicts, {rejected} rejected.")
    if report.conflicts or report.rejected:  # the message bar's button opens the conflict dock
        return text.format(**counts), Qgis.MessageLevel.Warning
    if not report.finished and report.waiting:
        text += " " + translate("Sync", "{waiting} changes wait for their photos to reach the server.").format(
            waiting=format_int(report.waiting)
        )
        return text.format(**counts), Qgis.MessageLevel.Warning
    return text.format(**counts), Qgis.MessageLevel.Success


def resolve(path: str, change_id: str, choice: str, values: Mapping | None = None) -> str:
    """Resolve one open conflict or rejection of the workspace (core/sync/jobs.resolve, one transaction):
    "send" (the next sync sends it) or "nothing"."""
    with closing(gpkg.connect(path)) as con:
        got = jobs.resolve(con, change_id, choice, values, device=jobs.device_id(con))
    NOTIFIER.changed.emit(os.fspath(path))
    return got
