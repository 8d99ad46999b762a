"""Qt translation of the plugin: loads ``i18n/cddp_plugin_<locale>.qm`` following QGIS's locale."""

from __future__ import annotations

from pathlib import Path

from qgis.core import QgsSettings
from qgis.PyQt.QtCore import QCoreApplication, QLocale, QTranslator

from ..core.common.errors import CddpError

I18N_DIR = Path(__file__).resolve().parent.parent / "i18n"
_translator: QTranslator | None = None


def translate(context: str, text: str) -> str:
    return QCoreApplication.translate(context, text)


def qgis_locale() -> str:
    """The two-letter UI locale QGIS uses (``locale/userLocale`` unless it follows the system)."""
    settings = QgsSettings()
    if settings.value("locale/overrideFlag", False, type=bool):
        value = settings.value("locale/userLocale", "", type=str)
    else:
        value = settings.value("locale/userLocale", "", type=str) or QLocale.system().name()
    return (value or "en")[:2]


def install_translator() -> str | None:
    """Install the translator for QGIS's locale; returns the .qm path used, or None for English."""
    global _translator
    remove_translator()
    qm = I18N_DIR / f"cddp_plugin_{qgis_locale()}.qm"
    if not qm.exists():
        return None
    translator = QTranslator()
    if not translator.load(str(qm)):
        return None
    QCoreApplication.installTranslator(translator)
    _translator = translator
    return str(qm)


def remove_translator() -> None:
    global _translator
    if _translator is not None:
        QCoreApplication.removeTranslator(_translator)
        _translator = None


def error_text(error: CddpError) -> str:
    """A core error's message in the UI language."""
    return error.format(translate("core", error.template))
