"""Logging: stdlib ``logging`` under the ``cddp`` logger, forwarded to QGIS's message log (tag "CDDP").

Core modules log with ``logging.getLogger("cddp.core....")`` and know nothing of QGIS; this module
installs the one handler that forwards records to ``QgsMessageLog``. Never log personal data.
"""

from __future__ import annotations

import logging

from qgis.core import Qgis, QgsMessageLog

TAG = "CDDP"
LOGGER_NAME = "cddp"

_LEVELS = (
    (logging.ERROR, Qgis.MessageLevel.Critical),
    (logging.WARNING, Qgis.MessageLevel.Warning),
    (logging.INFO, Qgis.MessageLevel.Info),
)


class QgsMessageLogHandler(logging.Handler):
    def emit(self, record: logging.LogRecord) -> None:
        try:
            msg = self.format(record)
            level = next((q for lvl, q in _LEVELS if record.levelno >= lvl), Qgis.MessageLevel.Info)
            QgsMessageLog.logMessage(msg, TAG, level, notifyUser=False)
        except Exception:
            self.handleError(record)


def setup_logging(level: int = logging.INFO) -> logging.Logger:
    logger = logging.getLogger(LOGGER_NAME)
    if not any(isinstance(h, QgsMessageLogHandler) for h in logger.handlers):
        handler = QgsMessageLogHandler()
        handler.setFormatter(logging.Formatter("%(name)s: %(message)s"))
        logger.addHandler(handler)
    logger.setLevel(level)
    return logger


def teardown_logging() -> None:
    logger = logging.getLogger(LOGGER_NAME)
    for h in [h for h in logger.handlers if isinstance(h, QgsMessageLogHandler)]:
        logger.removeHandler(h)


def get_logger(name: str = "") -> logging.Logger:
    return logging.getLogger(f"{LOGGER_NAME}.{name}" if name else LOGGER_NAME)


# The outcome of a Processing run, as the plugin's log records it: a cancel is not a failure.
COMPLETED, CANCELLED, FAILED = "completed", "cancelled", "failed"
_RUN_LEVELS = {COMPLETED: logging.INFO, CANCELLED: logging.WARNING, FAILED: logging.ERROR}


def log_run(algorithm_id: str, outcome: str, seconds: float | None = None) -> str:
    """Log one run of ``algorithm_id`` as ``completed``, ``cancelled`` (by the user) or ``failed``, and
    return the line written. Only the id, the outcome and the time: never parameters (they may name
    people's files) or data."""
    if outcome not in _RUN_LEVELS:
        raise ValueError(f"unknown run outcome {outcome!r}")
    line = f"run {algorithm_id}: {outcome}"
    if seconds is not None:
        line += f" after {seconds:.1f} s"
    get_logger("processing").log(_RUN_LEVELS[outcome], line)
    return line
