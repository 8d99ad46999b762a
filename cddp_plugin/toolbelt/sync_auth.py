"""The sync's credentials: from QGIS's authentication database (QgsAuthManager), or for scripts from the
environment variables ``CDDP_SYNC_USER`` / ``CDDP_SYNC_PASSWORD``.

A workspace keeps only the server address and an authentication-configuration id (``authcfg``; core/sync/
jobs.set_connection). The user name and password live encrypted in QGIS's authentication database under
that id, as a "Basic" configuration; they are read here just before a sync and handed to the client in
memory — never written to settings, the project, the workspace or a log.
"""

from __future__ import annotations

import os

from qgis.core import QgsApplication, QgsAuthMethodConfig

from ..core.common.errors import CddpError
from ..core.common.i18n import translate
from ..core.sync.http import ApiClient, Credentials
from ..core.workspace.meta import workspace_meta
from .sync_transport import QgisTransport

BASIC = "Basic"
ENV_USER, ENV_PASSWORD = "CDDP_SYNC_USER", "CDDP_SYNC_PASSWORD"


def credentials(authcfg: str | None, saved_authcfg: str | None = None) -> tuple[Credentials, str, str | None]:
    """For cddp:syncworkspace: ``(credentials, source, authcfg to keep)``. An ``authcfg`` given → its Basic
    configuration ("authcfg"); else the environment variables when both are set ("env", nothing to keep);
    else the workspace's saved ``saved_authcfg`` ("authcfg")."""
    if authcfg:
        return basic_credentials(authcfg), "authcfg", authcfg
    user, password = os.environ.get(ENV_USER, ""), os.environ.get(ENV_PASSWORD, "")
    if user and password:
        return Credentials(user, password), "env", None
    if saved_authcfg:
        return basic_credentials(saved_authcfg), "authcfg", saved_authcfg
    raise CddpError(
        translate(
            "core",
            "No credentials for the sync: give a QGIS authentication configuration of type Basic (AUTHCFG), or set the environment variables CDDP_SYNC_USER and CDDP_SYNC_PASSWORD.",
        )
    )


def basic_credentials(authcfg: str | None) -> Credentials:
    """The user name and password of the Basic configuration ``authcfg``; a clear CddpError otherwise."""
    if not authcfg:
        raise CddpError(
            translate(
                "core",
                "This workspace has no sign-in for the sync yet: choose one in CDDP ▸ Sync settings… (an authentication configuration of QGIS with the user name and password).",
            )
        )
    manager = QgsApplication.authManager()
    if manager.isDisabled():
        raise CddpError(
            translate(
                "core",
                "QGIS's authentication system is not available ({reason}); the sync cannot read its sign-in.",
            ),
            reason=manager.disabledMessage() or "disabled",
        )
    if authcfg not in manager.configIds():
        raise CddpError(
            translate(
                "core",
                "The authentication configuration {id} is not in QGIS's authentication database of this profile: choose another one in CDDP ▸ Sync settings….",
            ),
            id=authcfg,
        )
    config = QgsAuthMethodConfig()
    ok, config = _load(manager, authcfg, config)
    if not ok:
        raise CddpError(
            translate(
                "core",
                "The authentication configuration {id} could not be read (is QGIS's master password entered?).",
            ),
            id=authcfg,
        )
    if config.method() != BASIC:
        raise CddpError(
            translate(
                "core",
                "The authentication configuration {id} is of type {method}; the sync needs a Basic one (user name and password).",
            ),
            id=authcfg,
            method=config.method(),
        )
    user, password = config.config("username"), config.config("password")
    if not user or not password:
        raise CddpError(
            translate("core", "The authentication configuration {id} has no user name or no password."), id=authcfg
        )
    return Credentials(user, password)


def _load(manager, authcfg: str, config: QgsAuthMethodConfig):
    got = manager.loadAuthenticationConfig(authcfg, config, True)
    if isinstance(got, tuple):  # PyQGIS returns (ok, config)
        return got[0], got[1]
    return bool(got), config


def store_basic(name: str, user: str, password: str) -> str:
    """Store a Basic configuration in QGIS's authentication database and return its id (the dialog's "New"
    does the same through QGIS's own editor; scripts and tests use this)."""
    config = QgsAuthMethodConfig(BASIC)
    config.setName(name)
    config.setConfig("username", user)
    config.setConfig("password", password)
    got = QgsApplication.authManager().storeAuthenticationConfig(config)
    ok, stored = got if isinstance(got, tuple) else (got, config)
    if not ok:
        raise CddpError(translate("core", "The sign-in could not be stored in QGIS's authentication database."))
    return stored.id()


def client_for(path: str | os.PathLike, url: str | None, authcfg: str | None, *, feedback=None, cancelled=None,
               **kw) -> ApiClient:  # fmt: skip
    """A client for the workspace at ``path``: its municipality, the server ``url``, the credentials of
    ``authcfg``, over QGIS's network stack."""
    if not url:
        raise CddpError(
            translate(
                "core", "This workspace is not connected to a CDDP server yet: set the server in CDDP ▸ Sync settings…."
            )
        )
    municipality = workspace_meta(path).get("municipality_code", "")
    return ApiClient(
        url, municipality, basic_credentials(authcfg), transport=QgisTransport(feedback), cancelled=cancelled, **kw
    )
