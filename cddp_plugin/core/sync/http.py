"""The CDDP API over HTTP, for the sync engine: sign-in, retries, and what counts as a failure.

A *transport* sends one request and returns ``(status, headers, body)`` or raises
:class:`TransportError` (no answer: refused, reset, timed out, cut short). The default one is the
standard library's ``urllib`` (environment proxies, system CA store, TLS verification always on); inside
QGIS the plugin passes one built on QGIS's network manager, so QGIS's proxy and SSL settings apply. The
core needs no HTTP package.

What the engine can rely on (SYNC.md):

* A transport error or a 502/503/504/429 is never a failure: the request is retried with exponential
  back-off and full jitter, honouring ``Retry-After``, up to ``attempts`` times; then :class:`OfflineError`
  says "try again later", and everything already done stays done.
* 401 signs in again once (refresh token first, then the credentials); a second 401 is :class:`ApiError`.
* Any other 4xx is :class:`ApiError` with the server's reason (a status, not a transport problem).
* Nothing secret is logged: no token, password, body or query string.
"""

from __future__ import annotations

import http.client
import json
import logging
import random
import ssl
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Callable, Mapping
from dataclasses import dataclass

from ..common.errors import CddpError
from ..common.i18n import translate

log = logging.getLogger("cddp.sync")

RETRY_STATUSES = frozenset({429, 500, 502, 503, 504})
API = "/v1"


class TransportError(Exception):
    """No usable answer (connection refused or reset, timeout, an answer cut short)."""


class CancelledError(CddpError):
    def __init__(self) -> None:
        super().__init__(
            translate("core", "The sync was cancelled; what was done is kept and the rest resumes next time.")
        )


class OfflineError(CddpError):
    """The server could not be reached after every retry: nothing failed, the sync resumes next time."""


class ApiError(CddpError):
    """The server answered with a status that retrying cannot change (4xx)."""

    def __init__(self, template: str, status: int, **params) -> None:
        super().__init__(template, status=status, **params)
        self.status = status


@dataclass
class Answer:
    status: int
    headers: dict[str, str]  # lower-case names
    body: bytes

    def json(self):
        return json.loads(self.body.decode("utf-8")) if self.body else None

    def reason(self) -> str:
        try:
            detail = self.json().get("detail")
        except (ValueError, AttributeError):
            return self.body[:200].decode("utf-8", "replace")
        if isinstance(detail, list):  # validation errors: where and what, never the value
            return "; ".join(f"{'.'.join(map(str, d.get('loc', [])))}: {d.get('msg')}" for d in detail)
        return str(detail)


Transport = Callable[[str, str, Mapping[str, str], bytes | None, float], Answer]


def urllib_transport(method: str, url: str, headers: Mapping[str, str], body: bytes | None, timeout: float) -> Answer:
    """One request with the standard library; TLS is verified against the system's CA store."""
    req = urllib.request.Request(url, data=body, headers=dict(headers), method=method)
    ctx = ssl.create_default_context() if url.startswith("https:") else None
    try:
        with urllib.request.urlopen(req, timeout=timeout, context=ctx) as resp:
            data = resp.read()
            return Answer(resp.status, {k.lower(): v for k, v in resp.headers.items()}, data)
    except urllib.error.HTTPError as exc:
        try:
            data = exc.read()
        except (OSError, http.client.HTTPException) as err:
            raise TransportError(type(err).__name__) from err
        return Answer(exc.code, {k.lower(): v for k, v in (exc.headers or {}).items()}, data)
    except ssl.SSLCertVerificationError as exc:
        raise CddpError(
            translate(
                "core", "The server's TLS certificate is not trusted ({error}); sync refuses unverified connections."
            ),
            error=exc.verify_message or "verify failed",
        ) from exc
    except (TimeoutError, urllib.error.URLError, OSError, http.client.HTTPException) as exc:
        raise TransportError(type(exc).__name__) from exc


@dataclass
class Credentials:
    username: str
    password: str

    def __repr__(self) -> str:  # never shows the password, also not in a traceback's locals
        return f"Credentials(username={self.username!r}, password=***)"


class ApiClient:
    """One signed-in session with the CDDP API for one municipality."""

    def __init__(
        self,
        url: str,
        municipality: str,
        credentials: Credentials,
        *,
        transport: Transport | None = None,
        attempts: int = 6,
        backoff: float = 0.5,
        max_wait: float = 30.0,
        timeout: float = 60.0,
        cancelled: Callable[[], bool] | None = None,
        sleep: Callable[[float], None] = time.sleep,
        rng: random.Random | None = None,
    ) -> None:
        parsed = urllib.parse.urlparse(url.strip())
        if parsed.scheme not in ("http", "https") or not parsed.netloc:
            raise CddpError(
                translate("core", "'{url}' is not a server address; give it as https://host[:port]."), url=url
            )
        if parsed.scheme == "http" and parsed.hostname not in ("127.0.0.1", "localhost", "::1"):
            raise CddpError(
                translate(
                    "core",
                    "'{url}' is plain HTTP: passwords and personal data would travel unencrypted. Use https:// (plain HTTP only on this computer, 127.0.0.1).",
                ),
                url=url,
            )
        self.base = url.strip().rstrip("/")
        self.municipality = municipality
        self._credentials = credentials
        self.transport = transport or urllib_transport
        self.attempts, self.backoff, self.max_wait, self.timeout = attempts, backoff, max_wait, timeout
        self.cancelled = cancelled or (lambda: False)
        self.sleep = sleep
        self.rng = rng or random.Random()
        self._access: str | None = None
        self._refresh: str | None = None
        self.bytes_sent = 0
        self.bytes_received = 0
        self.requests = 0

    # -- paths ----------------------------------------------------------------------------------------
    def tenant(self, path: str) -> str:
        return f"{API}/t/{self.municipality}/{path.lstrip('/')}"

    # -- one request, retried ---------------------------------------------------------------------------
    def _send(self, method: str, path: str, headers: Mapping[str, str], body: bytes | None) -> Answer:
        url = self.base + path
        wait = self.backoff
        for attempt in range(1, self.attempts + 1):
            if self.cancelled():
                raise CancelledError()
            self.requests += 1
            self.bytes_sent += len(body or b"") + len(path) + 200
            try:
                ans = self.transport(method, url, headers, body, self.timeout)
            except TransportError as exc:
                log.info(
                    "%s %s: no answer (%s), attempt %d of %d", method, path.split("?")[0], exc, attempt, self.attempts
                )
                retry_after = None
            else:
                self.bytes_received += len(ans.body) + 200
                if ans.status not in RETRY_STATUSES:
                    return ans
                log.info("%s %s: %d, attempt %d of %d", method, path.split("?")[0], ans.status, attempt, self.attempts)
                retry_after = _retry_after(ans.headers.get("retry-after"))
            if attempt == self.attempts:
                break
            pause = self.rng.uniform(0, min(wait, self.max_wait))  # full jitter
            if retry_after is not None:
                pause = max(pause, min(retry_after, self.max_wait * 4))
            self._pause(pause)
            wait *= 2
        raise OfflineError(
            translate(
                "core",
                "The CDDP server {url} did not answer after {n} tries. Nothing is lost: the sync resumes where it stopped next time.",
            ),
            url=self.base,
            n=self.attempts,
        )

    def _pause(self, seconds: float) -> None:
        end = time.monotonic() + seconds
        while True:
            if self.cancelled():
                raise CancelledError()
            left = end - time.monotonic()
            if left <= 0:
                return
            self.sleep(min(left, 0.25))

    def request(
        self,
        method: str,
        path: str,
        *,
        json_body: object = None,
        body: bytes | None = None,
        headers: Mapping[str, str] | None = None,
        auth: bool = True,
        ok: tuple[int, ...] = (200,),
    ) -> Answer:
        """Send with retries and sign-in; an answer whose status is in ``ok`` is returned, others raise ApiError."""
        hdrs = {"Accept": "application/json", "User-Agent": "cddp-qgis-sync"}
        if json_body is not None:
            body = json.dumps(json_body, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
            hdrs["Content-Type"] = "application/json"
        hdrs.update(headers or {})
        for signed_again in (False, True):
            if auth:
                if self._access is None:
                    self.sign_in()
                hdrs["Authorization"] = f"Bearer {self._access}"
            ans = self._send(method, path, hdrs, body)
            if ans.status == 401 and auth and not signed_again:
                self._access = None  # expired: refresh (or sign in) and send once more
                continue
            break
        if ans.status in ok:
            return ans
        raise ApiError(
            translate("core", "The CDDP server refused {what} ({status}): {reason}"),
            status=ans.status,
            what=f"{method} {path.split('?')[0]}",
            reason=ans.reason(),
        )

    def get_json(self, path: str, **kw):
        return self.request("GET", path, **kw).json()

    # -- sign-in ------------------------------------------------------------------------------------------
    def sign_in(self) -> None:
        if self._refresh:
            ans = self._send("POST", f"{API}/auth/refresh", _JSON, _dump({"refresh_token": self._refresh}))
            if ans.status == 200:
                self._take(ans.json())
                return
            self._refresh = None
        creds = self._credentials
        body = {"username": creds.username, "password": creds.password, "municipality": self.municipality}
        ans = self._send("POST", f"{API}/auth/token", _JSON, _dump(body))
        if ans.status == 401:
            raise ApiError(
                translate(
                    "core",
                    "The CDDP server did not accept the user name or password of '{user}' for municipality {muni}. Check the connection's credentials.",
                ),
                status=401,
                user=creds.username,
                muni=self.municipality,
            )
        if ans.status != 200:
            raise ApiError(
                translate("core", "Signing in to the CDDP server failed ({status}): {reason}"),
                status=ans.status,
                reason=ans.reason(),
            )
        self._take(ans.json())

    def _take(self, tokens: dict) -> None:
        self._access, self._refresh = tokens["access_token"], tokens.get("refresh_token")


_JSON = {"Content-Type": "application/json", "Accept": "application/json", "User-Agent": "cddp-qgis-sync"}


def _dump(obj) -> bytes:
    return json.dumps(obj, ensure_ascii=False).encode("utf-8")


def _retry_after(value: str | None) -> float | None:
    if not value:
        return None
    try:
        return max(0.0, float(value))
    except ValueError:
        from email.utils import parsedate_to_datetime

        try:
            return max(0.0, parsedate_to_datetime(value).timestamp() - time.time())
        except (TypeError, ValueError):
            return None
