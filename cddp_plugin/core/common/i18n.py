"""Translation markers for the QGIS-free core.

Core code cannot use Qt's translator, so it marks user-visible templates with :func:`translate`
(an identity function). ``pylupdate5`` extracts these calls into ``i18n/cddp_plugin_th.ts`` like any
Qt ``translate(context, text)`` call, and the QGIS side translates a :class:`CddpError`'s template
with ``QCoreApplication.translate`` before filling in its parameters.
"""


def translate(context: str, text: str) -> str:
    return text
