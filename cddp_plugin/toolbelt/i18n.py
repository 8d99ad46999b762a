"""Qt translation of the plugin: loads ``i18n/cddp_plugin_<language>.qm`` for the plugin's own language.

QGIS 3.40 has no Thai interface, so the plugin has its own setting (``cddp/language``): Thai, English
or "auto" (follow QGIS's locale, the default). :func:`ui_language` resolves it; menus, docks,
algorithms, forms and the layer names of a new project all follow it.
"""

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


LANGUAGES = ("auto", "th", "en")  # values of the setting; "auto" follows QGIS's locale


def language_setting() -> str:
    """The plugin's language setting: "th", "en" or "auto" (anything unknown counts as "auto")."""
    from . import settings

    value = str(settings.get("language") or "auto").lower()
    return value if value in LANGUAGES else "auto"


def set_language_setting(value: str) -> None:
    if value not in LANGUAGES:
        raise ValueError(f"language must be one of {LANGUAGES}, not {value!r}")
    from . import settings

    settings.set("language", value)


def ui_language() -> str:
    """The language the plugin speaks now: "th" or "en" (the setting, or QGIS's locale for "auto")."""
    value = language_setting()
    if value == "auto":
        return "th" if qgis_locale() == "th" else "en"
    return value


def install_translator() -> str | None:
    """Install the translator for :func:`ui_language`; returns the .qm path used, or None for English."""
    global _translator
    remove_translator()
    qm = I18N_DIR / f"cddp_plugin_{ui_language()}.qm"
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
