"""The sync's transport on QGIS's network stack (toolbelt/sync_transport.py) against the real reference
server on 127.0.0.1: answers of every kind come back as statuses, a real sync runs through it, 5xx are
retried by the client, and no answer (a closed port, an answer cut short) is a TransportError."""

from __future__ import annotations

import json
import socket
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from cddp_plugin.core.sync import engine
from cddp_plugin.core.sync.http import OfflineError, TransportError
from cddp_plugin.toolbelt.sync_transport import QgisTransport

from .sync_support import add_parcel, core_client, execute, sync_server  # noqa: F401


@pytest.fixture
def transport(qgis_app):
    return QgisTransport()


def test_get_meta_and_statuses_come_back_as_answers(sync_server, transport):  # noqa: F811
    ans = transport("GET", sync_server.url + "/v1/meta", {"Accept": "application/json"}, None, 10)
    assert ans.status == 200 and ans.headers["content-type"].startswith("application/json")
    assert ans.json()["api_version"] == "v1"
    wrong = json.dumps({"username": "gis1", "password": "wrong", "municipality": "330506"}).encode()
    ans = transport("POST", sync_server.url + "/v1/auth/token", {"Content-Type": "application/json"}, wrong, 10)
    assert ans.status == 401 and "password" in ans.reason()
    assert transport("GET", sync_server.url + "/v1/no-such-path", {}, None, 10).status == 404


def test_a_real_sync_pushes_and_pulls_through_qgis(sync_server, tmp_path, area, transport):  # noqa: F811
    from tests.core.sync.conftest import new_workspace

    seen, urls = [], set()

    def recording(method, url, headers, body, timeout):
        ans = transport(method, url, headers, body, timeout)
        urls.add(url)
        seen.append((method, url.split("?")[0].rsplit("/", 1)[-1], ans.status))
        return ans

    ws = tmp_path / "t.gpkg"
    new_workspace(ws, area)
    uuids = [add_parcel(ws, f"QT{i}", x=60 * i) for i in range(3)]
    report = engine.sync_workspace(ws, core_client(sync_server, "gis1", transport=recording))
    assert report.finished and report.pushed == 3 and report.rejected == report.conflicts == 0
    assert ("POST", "push", 200) in seen and ("POST", "token", 200) in seen
    versions = execute(ws, "SELECT version FROM parcels WHERE uuid IN (?, ?, ?)", uuids)
    assert [v for (v,) in versions] and all(v > 0 for (v,) in versions)
    # the server holds them: a second workspace made from it through QGIS has the same three parcels
    clone = tmp_path / "clone.gpkg"
    engine.clone_workspace(clone, core_client(sync_server, "gis2", transport=transport))
    got = execute(clone, "SELECT parcel_code FROM parcels WHERE uuid IN (?, ?, ?) ORDER BY parcel_code", uuids)
    assert got == [("QT0",), ("QT1",), ("QT2",)]
    # nothing new: the feed answers 304 (If-None-Match), passed through and not served from a cache
    seen.clear()
    again = engine.sync_workspace(ws, core_client(sync_server, "gis1", transport=recording))
    assert again.finished and again.pushed == again.pulled == 0
    assert ("GET", "changes", 304) in seen
    # and nothing of the answers (personal data, possibly) was kept in QGIS's network disk cache
    from qgis.core import QgsNetworkAccessManager
    from qgis.PyQt.QtCore import QUrl

    cache = QgsNetworkAccessManager.instance().cache()
    assert cache is None or not [u for u in urls if cache.metaData(QUrl(u)).isValid()]


class _Fake(BaseHTTPRequestHandler):
    """A loopback endpoint standing in for a failing network path (the server is not ours to break)."""

    def do_GET(self):
        if self.path.startswith("/busy"):
            self.send_response(503)
            self.send_header("Retry-After", "0")
            self.send_header("Content-Length", "4")
            self.end_headers()
            self.wfile.write(b"busy")
        else:  # the headers promise 1000 bytes, 10 come, then the connection closes
            self.send_response(200)
            self.send_header("Content-Length", "1000")
            self.end_headers()
            self.wfile.write(b"0123456789")
            self.wfile.flush()
            self.close_connection = True

    def log_message(self, *args):
        pass


@pytest.fixture
def fake():
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), _Fake)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


def test_5xx_is_an_answer_and_the_client_retries_it(fake, transport):
    from cddp_plugin.core.sync.http import ApiClient, Credentials

    ans = transport("GET", fake + "/busy", {}, None, 10)
    assert ans.status == 503 and ans.headers["retry-after"] == "0" and ans.body == b"busy"
    client = ApiClient(fake, "330506", Credentials("u", "p"), transport=transport, attempts=3, backoff=0)
    with pytest.raises(OfflineError, match="did not answer after 3 tries"):
        client.request("GET", "/busy", auth=False)
    assert client.requests == 3


def test_an_answer_cut_short_is_a_transport_error(fake, transport):
    with pytest.raises(TransportError):
        transport("GET", fake + "/cut", {}, None, 10)


def test_a_closed_port_is_a_transport_error(transport):
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]  # free, and nobody listens once closed
    with pytest.raises(TransportError):
        transport("GET", f"http://127.0.0.1:{port}/v1/meta", {}, None, 5)
