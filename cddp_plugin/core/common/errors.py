"""Errors with a translatable template and named parameters."""


class CddpError(Exception):
    """A user-facing error.

    ``template`` is an English text marked with ``translate("core", ...)``; ``params`` fill its
    ``{placeholders}``. ``str(error)`` gives the English message; the QGIS layer translates the
    template first (see ``cddp_plugin.i18n.error_text``).
    """

    def __init__(self, template: str, **params: object) -> None:
        self.template = template
        self.params = params
        super().__init__(self.format(template))

    def format(self, template: str) -> str:
        try:
            return template.format(**self.params)
        except (KeyError, IndexError, ValueError):
            return template
