"""The fonts council maps print with: the Thai fonts shipped in ``cddp_plugin/fonts/`` registered at run time,
the official names (TH Sarabun New, TH SarabunIT๙, TH SarabunPSK) mapped to the bundled look-alike, and a
check that a family really resolves (Qt replaces a missing font silently)."""

from __future__ import annotations

from pathlib import Path

from qgis.PyQt.QtGui import QFont, QFontDatabase, QFontInfo

from ..core.common.errors import CddpError
from ..core.common.i18n import translate

FONT_DIR = Path(__file__).resolve().parent.parent / "fonts"
BODY = "Sarabun"  # body text, titles, tables (SIL OFL; a metric look-alike of TH Sarabun New)
MAP = "Noto Sans Thai"  # map labels (SIL OFL; reads best on maps)
FILES = {
    BODY: ("Sarabun-Regular.ttf", "Sarabun-Bold.ttf"),
    MAP: ("NotoSansThai-Regular.ttf", "NotoSansThai-Bold.ttf"),
}
# The national fonts: their licence keeps them out of the ZIP; layouts naming them get the bundled body font.
OFFICIAL = ("TH Sarabun New", "TH SarabunIT๙", "TH SarabunPSK")
# TH Sarabun's 16 pt body text is about 10.5–11 pt in Sarabun.
OFFICIAL_TO_BODY_SIZE = 11.0 / 16.0

_registered: dict[str, list[str]] = {}


def register() -> dict[str, list[str]]:
    """Add the bundled fonts to the application (once) and map the official names to :data:`BODY`.
    Returns family → the families Qt read from its files."""
    if _registered:
        return _registered
    for family, files in FILES.items():
        for name in files:
            path = FONT_DIR / name
            font_id = QFontDatabase.addApplicationFont(str(path)) if path.is_file() else -1
            if font_id < 0:
                raise CddpError(
                    translate(
                        "core",
                        "The font file {path} is missing or unreadable: council maps cannot be printed in {family}. "
                        "Reinstall the CDDP plugin.",
                    ),
                    path=str(path),
                    family=family,
                )
            _registered.setdefault(family, []).extend(QFontDatabase.applicationFontFamilies(font_id))
    for official in OFFICIAL:
        QFont.insertSubstitution(official, BODY)
    # Text already laid out in these families before they were registered (a project read earlier) left Qt's
    # font cache holding fallback fonts for them (Waree, Noto Sans): drop it, or pages mix fonts silently.
    QFont.cleanup()
    return _registered


def resolved_family(family: str) -> str:
    """The family Qt actually uses for ``family`` (after substitutions and fallbacks)."""
    font = QFont(family)
    font.setStyleStrategy(QFont.StyleStrategy.NoFontMerging)
    return QFontInfo(font).family()


def require_font(family: str) -> str:
    """The family ``family`` resolves to — itself, or :data:`BODY` for an official Thai name — or a
    :class:`CddpError` naming the family and what Qt found instead."""
    register()
    found = resolved_family(family)
    wanted = BODY if family in OFFICIAL else family
    if found.casefold() != wanted.casefold():
        raise CddpError(
            translate(
                "core",
                "The font '{family}' is not installed (QGIS would print in '{found}' instead). Install it, or "
                "choose one of the fonts shipped with the plugin: {bundled}.",
            ),
            family=family,
            found=found,
            bundled=", ".join((*FILES, *OFFICIAL)),
        )
    return found
