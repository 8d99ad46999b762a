"""Plugin settings: every key lives under the ``cddp/`` prefix of QgsSettings, declared here once.

Credentials never go here: the sync settings will hold only a QgsAuthManager ``authcfg`` id.
"""

from __future__ import annotations

from qgis.core import QgsSettings

PREFIX = "cddp"

# key: (default, type)
KEYS: dict[str, tuple[object, type]] = {
    "workspace/last_path": ("", str),
    "workspace/default_crs": ("EPSG:32647", str),
    "workspace/last_folder": ("", str),
    "privacy/show_personal_data": (False, bool),
    "language": ("auto", str),  # the plugin's own UI language: "th", "en" or "auto" (follow QGIS's locale)
}


def _full(key: str) -> str:
    if key not in KEYS:
        raise KeyError(f"unknown CDDP setting {key!r}")
    return f"{PREFIX}/{key}"


def get(key: str):
    default, typ = KEYS[key]
    return QgsSettings().value(_full(key), default, type=typ)


def set(key: str, value) -> None:
    QgsSettings().setValue(_full(key), value)
