"""A transport for :class:`cddp_plugin.core.sync.http.ApiClient` on QGIS's network stack.

Requests go through :class:`QgsBlockingNetworkRequest` (QgsNetworkAccessManager), so QGIS's proxy, SSL
(certificate authorities, exceptions the user accepted) and timeout settings apply, inside the main thread
and inside a QgsTask's thread alike. What the core expects of a transport (core/sync/http.py):

* an answer (any HTTP status, 4xx and 5xx included) → ``Answer(status, lower-case headers, body)``;
* no usable answer (refused, reset, timed out, cut short, proxy down) → :class:`TransportError`;
* an untrusted TLS certificate → a :class:`CddpError` saying so (never a silent retry or a downgrade).

The cache is bypassed (``If-None-Match``/304 is the sync's own business), and nothing is logged.
"""

from __future__ import annotations

from collections.abc import Mapping

from qgis.core import QgsFeedback, QgsNetworkAccessManager
from qgis.PyQt.QtCore import QByteArray, QEventLoop, QUrl
from qgis.PyQt.QtNetwork import QNetworkReply, QNetworkRequest

from ..core.common.errors import CddpError
from ..core.common.i18n import translate
from ..core.sync.http import Answer, TransportError

_SSL_ERRORS = {QNetworkReply.NetworkError.SslHandshakeFailedError}
# errors below ContentAccessDenied (201) are of the connection or the proxy: whatever status came, the
# answer is not whole (a reset after the headers, a truncated body)
_CONTENT_ERRORS_START = 201


class QgisTransport:
    """``transport(method, url, headers, body, timeout) -> Answer``; ``feedback`` (a QgsFeedback, e.g. a
    task's) aborts a request under way when it is cancelled.

    QgsNetworkAccessManager (the calling thread's instance: QGIS's proxy, SSL and timeout settings) with a
    local event loop, rather than QgsBlockingNetworkRequest: that one stores every answer in QGIS's disk cache
    (personal data on disk) and Qt then turns a 304 into a 200 with the cached body."""

    def __init__(self, feedback: QgsFeedback | None = None) -> None:
        self.feedback = feedback

    def __call__(self, method: str, url: str, headers: Mapping[str, str], body: bytes | None, timeout: float) -> Answer:
        qurl = QUrl(url)
        request = QNetworkRequest(qurl)
        for name, value in headers.items():
            request.setRawHeader(name.encode("latin-1"), str(value).encode("latin-1"))
        attr = QNetworkRequest.Attribute
        request.setAttribute(attr.CacheLoadControlAttribute, QNetworkRequest.CacheLoadControl.AlwaysNetwork)
        request.setAttribute(attr.CacheSaveControlAttribute, False)
        request.setAttribute(attr.RedirectPolicyAttribute, QNetworkRequest.RedirectPolicy.NoLessSafeRedirectPolicy)
        request.setTransferTimeout(max(1, int(timeout * 1000)))
        manager = QgsNetworkAccessManager.instance()
        cache = manager.cache()
        if cache is not None:
            cache.remove(qurl)  # nothing cached may stand in for the server's answer
        data = QByteArray(body or b"")
        method = method.upper()
        if method == "GET":
            reply = manager.get(request)
        elif method == "HEAD":
            reply = manager.head(request)
        elif method == "POST":
            reply = manager.post(request, data)
        elif method == "PUT":
            reply = manager.put(request, data)
        else:
            reply = manager.sendCustomRequest(request, method.encode("ascii"), data)
        try:
            return self._wait(reply)
        finally:
            reply.deleteLater()

    def _wait(self, reply: QNetworkReply) -> Answer:
        loop = QEventLoop()
        reply.finished.connect(loop.quit)
        if self.feedback is not None:
            if self.feedback.isCanceled():
                reply.abort()
            self.feedback.canceled.connect(reply.abort)
        if not reply.isFinished():
            loop.exec()
        if self.feedback is not None:
            try:
                self.feedback.canceled.disconnect(reply.abort)
            except TypeError:
                pass
        error = reply.error()
        status = reply.attribute(QNetworkRequest.Attribute.HttpStatusCodeAttribute)
        if error in _SSL_ERRORS:
            raise CddpError(
                translate(
                    "core",
                    "The server's TLS certificate is not trusted ({error}); sync refuses unverified connections.",
                ),
                error=reply.errorString() or "verify failed",
            )
        if status is None or (error != QNetworkReply.NetworkError.NoError and int(error) < _CONTENT_ERRORS_START):
            raise TransportError(f"network error {int(error)}")
        names = {}
        for key, value in reply.rawHeaderPairs():
            names[bytes(key).decode("latin-1").lower()] = bytes(value).decode("latin-1")
        return Answer(int(status), names, bytes(reply.readAll()))
