"""The sync of one workspace with the CDDP API: a resumable state machine (SYNC.md "Client engine").

    prepare (log → outbox, ids fixed) → upload blobs → push batches → acknowledge
        → pull pages (each applied with its cursor in one transaction) → repeat while new edits arrived

Each step commits with its state (:mod:`.jobs`), so a crash or a cut connection anywhere resumes to the same
result as running once. Only a status is a failure; a transport problem stops the run as "not finished"
(:class:`~.http.OfflineError`) with everything done so far kept. :func:`clone_workspace` makes a new
workspace from the server's municipality (a new laptop, a second officer).
"""

from __future__ import annotations

import dataclasses
import logging
import os
import tempfile
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from ..common.errors import CddpError
from ..common.i18n import translate
from ..workspace import gpkg, photos, schema
from ..workspace.meta import workspace_meta
from . import jobs, state, wire
from .http import ApiClient, ApiError, CancelledError, OfflineError

log = logging.getLogger("cddp.sync")

Progress = Callable[[float, str], None]
MAX_ROUNDS = 5
PAGE = 500


@dataclass
class SyncReport:
    """What one sync did (counts of changes), for the message bar, the dock and Processing outputs."""

    pushed: int = 0  # changes the server took (applied + merged)
    merged: int = 0
    duplicates: int = 0
    conflicts: int = 0
    rejected: int = 0
    waiting: int = 0  # still in the outbox (a photo not uploaded yet, or the run stopped)
    pulled: int = 0  # server changes applied here
    kept_local: int = 0
    photos_up: int = 0
    photos_down: int = 0
    rounds: int = 0
    cursor: int = 0
    finished: bool = False
    stopped: str = ""  # why the run stopped early (offline, cancelled), in English
    bytes_sent: int = 0
    bytes_received: int = 0
    requests: int = 0
    retry_reasons: list[str] = field(default_factory=list)

    def summary(self) -> dict:
        d = dataclasses.asdict(self)
        d.pop("retry_reasons")
        return d


def _tell(progress: Progress | None, fraction: float, text: str) -> None:
    if progress is not None:
        progress(max(0.0, min(1.0, fraction)), text)


def _check_schema_version(server: dict) -> None:
    if int(server.get("schema_version", -1)) != schema.SCHEMA_VERSION:
        raise CddpError(
            translate(
                "core",
                "The server uses workspace schema version {server}, this plugin version {mine}: update the one that is older, then sync.",
            ),
            server=server.get("schema_version"),
            mine=schema.SCHEMA_VERSION,
        )


def check_workspace(path: str | os.PathLike, client: ApiClient, server_meta: dict) -> None:
    """Check that the workspace and the server match (same municipality, schema version, CRS); a clear
    error otherwise, before anything is written."""
    meta = workspace_meta(path)
    code = meta.get("municipality_code", "")
    if code != client.municipality:
        raise CddpError(
            translate(
                "core",
                "The workspace {path} is municipality {code}, but the connection is for municipality {muni}. Connect the workspace to its own municipality.",
            ),
            path=os.fspath(path),
            code=code,
            muni=client.municipality,
        )
    _check_schema_version(server_meta)
    con = gpkg.connect(path, readonly=True)
    try:
        m = state.meta(con)
        if m.get("sync_cursor") and m.get("sync_url") and _same_server(m["sync_url"], client.base) is False:
            raise CddpError(
                translate(
                    "core",
                    "The workspace {path} syncs with {saved}, not {url}: its versions and feed position belong to that server. Sync it with {saved}, or make a new workspace from {url}.",
                ),
                path=os.fspath(path),
                saved=m["sync_url"],
                url=client.base,
            )
        if m.get("sync_cursor"):
            return  # synced before: the CRS was checked then (the schema is 37 kB: not fetched every time)
        server = client.get_json(client.tenant("schema"))
        for lyr in server["layers"]:
            if lyr.get("srid") and lyr["name"] in schema.LAYERS_BY_NAME:
                srs = gpkg.srs_id(con, lyr["name"])
                if srs != lyr["srid"]:
                    raise CddpError(
                        translate(
                            "core",
                            "The workspace's layer {layer} is in EPSG:{mine}, the municipality's data on the server in EPSG:{server}; they cannot sync. Make the workspace from the server instead.",
                        ),
                        layer=lyr["name"],
                        mine=srs,
                        server=lyr["srid"],
                    )
                break
    finally:
        con.close()


def _same_server(a: str, b: str) -> bool:
    return a.strip().rstrip("/").lower() == b.strip().rstrip("/").lower()


def sync_workspace(
    path: str | os.PathLike,
    client: ApiClient,
    *,
    progress: Progress | None = None,
    batch_size: int | None = None,
    max_rounds: int = MAX_ROUNDS,
) -> SyncReport:
    """Sync the workspace at ``path`` both ways; returns what happened. Raises CddpError for what the user
    must fix (wrong municipality, refused sign-in); a cut connection or a cancel ends with ``finished`` False."""
    report = SyncReport()
    path = os.fspath(path)
    _tell(progress, 0.0, "connecting")
    try:
        server_meta = client.get_json("/v1/meta", auth=False)
        check_workspace(path, client, server_meta)
        limit = int(server_meta.get("limits", {}).get("max_batch", 1000))
        batch_size = min(batch_size or limit, limit)
        con = gpkg.connect(path)
        try:
            device = jobs.device_id(con)
            jobs.remember_server(con, client.base)
            if not state.meta(con).get("sync_cursor"):
                jobs.enqueue_unsent(con)  # the first sync sends the whole workspace, whatever its log holds
            # photos of rows already here whose download was cut off after their page was applied
            _download_blobs(path, client, _referenced_photos(con), report)
            for _round in range(max_rounds):
                report.rounds += 1
                _push_all(path, con, client, device, batch_size, report, progress)
                _dismiss_resolved(con, client)
                _pull_all(path, con, client, report, progress)
                if not _has_waiting(con):
                    report.finished = True
                    break
                if _only_retry_left(con):
                    break  # photos not uploaded: the server waits for them; nothing more to do now
            report.cursor = int(state.meta(con).get("sync_cursor") or 0)
            report.waiting = _outbox_size(con)
        finally:
            con.close()
    except OfflineError as exc:
        report.stopped = str(exc)
    except CancelledError as exc:
        report.stopped = str(exc)
    finally:
        report.bytes_sent, report.bytes_received, report.requests = (
            client.bytes_sent, client.bytes_received, client.requests,
        )  # fmt: skip
    if report.stopped:
        con = gpkg.connect(path)
        try:
            report.waiting = _outbox_size(con)
            report.cursor = int(state.meta(con).get("sync_cursor") or 0)
        finally:
            con.close()
    con = gpkg.connect(path)
    try:
        jobs.record_result(con, dict(report.summary(), at=jobs.now(), url=client.base))
    finally:
        con.close()
    _tell(progress, 1.0, "done")
    log.info(
        "sync %s: pushed %d (merged %d), conflicts %d, rejected %d, pulled %d, waiting %d%s",
        Path(path).name, report.pushed, report.merged, report.conflicts, report.rejected, report.pulled,
        report.waiting, f" — stopped: {report.stopped}" if report.stopped else "",
    )  # fmt: skip
    return report


def _outbox_size(con) -> int:
    if not state.has_tables(con):
        return 0
    return con.execute("SELECT count(*) FROM cddp_sync_outbox").fetchone()[0]


def _has_waiting(con) -> bool:
    if con.execute("SELECT 1 FROM cddp_changelog WHERE pushed_at IS NULL LIMIT 1").fetchone():
        return True
    return _outbox_size(con) > 0


def _only_retry_left(con) -> bool:
    if con.execute("SELECT 1 FROM cddp_changelog WHERE pushed_at IS NULL LIMIT 1").fetchone():
        return False
    return (
        state.has_tables(con)
        and con.execute("SELECT count(*) FROM cddp_sync_outbox WHERE note IS NULL").fetchone()[0] == 0
    )


# -- push ----------------------------------------------------------------------------------------------
def _push_all(path, con, client: ApiClient, device, batch_size, report: SyncReport, progress) -> None:
    sent_batches = 0
    while True:
        batches = jobs.pending_batches(con)
        if not batches:
            prepared = jobs.prepare_outbox(con, device=device, batch_size=batch_size)
            if not prepared.entries:
                return
            batches = jobs.pending_batches(con)
            if not batches:
                continue
        waiting = con.execute("SELECT count(*) FROM cddp_changelog WHERE pushed_at IS NULL").fetchone()[0]
        for batch, key, bodies in batches:
            _upload_blobs(path, client, bodies, report)
            _tell(progress, 0.05 + 0.45 * (sent_batches / (sent_batches + len(batches) + waiting / batch_size)),
                  f"sending {len(bodies)} changes")  # fmt: skip
            ans = client.request(
                "POST", client.tenant("push"), json_body={"changes": bodies}, headers={"Idempotency-Key": key}
            )
            answer = ans.json()
            acked = jobs.acknowledge(con, batch, answer["results"], answer.get("cursor"), answer.get("cursor_before"))
            sent_batches += 1
            report.pushed += acked.applied + acked.merged
            report.merged += acked.merged
            report.duplicates += acked.duplicate
            report.conflicts += acked.conflict
            report.rejected += acked.rejected
            report.retry_reasons += acked.retry_reasons
            if acked.retry and acked.retry == len(bodies):
                # nothing in this batch could be taken (photos missing on the server): do not spin on it
                return


def _upload_blobs(path, client: ApiClient, bodies: list[dict], report: SyncReport) -> None:
    for body in bodies:
        for sha in body.get("attachments") or ():
            local = photos.find_photo(path, sha)
            if local is None:
                continue  # not here: the server answers "retry" and the change waits
            if upload_blob(client, sha, local):
                report.photos_up += 1


CHUNK = 4 * 1024 * 1024


def upload_blob(client: ApiClient, sha: str, file: Path) -> bool:
    """Upload one photo by its hash, resuming where an earlier upload stopped; False when already there."""
    url = client.tenant(f"blobs/{sha}")
    head = client.request("HEAD", url, ok=(200, 404))
    if head.status == 200:
        return False
    size = file.stat().st_size
    offset = int(head.headers.get("upload-offset") or 0)
    if offset >= size:
        offset = 0
    with open(file, "rb") as fh:
        while True:
            fh.seek(offset)
            data = fh.read(CHUNK)
            end = offset + len(data) - 1
            ans = client.request(
                "PUT", url, body=data, ok=(200, 201, 202, 409),
                headers={"Content-Type": "application/octet-stream", "Content-Range": f"bytes {offset}-{end}/{size}"},
            )  # fmt: skip
            if ans.status in (200, 201):
                return ans.status == 201
            offset = int(ans.headers.get("upload-offset") or (end + 1))  # 202: more to send; 409: stands elsewhere


# -- pull ----------------------------------------------------------------------------------------------
def _pull_all(path, con, client: ApiClient, report: SyncReport, progress) -> None:
    while True:
        m = state.meta(con)
        cursor = int(m.get("sync_cursor") or 0)
        headers = {"If-None-Match": m["sync_etag"]} if m.get("sync_etag") else {}
        ans = client.request(
            "GET", client.tenant(f"changes?since={cursor}&limit={PAGE}"), headers=headers, ok=(200, 304)
        )
        if ans.status == 304:
            return
        page = ans.json()
        changes = page["changes"]
        etag = ans.headers.get("etag") if not page["has_more"] else None
        got = jobs.apply_page(con, changes, int(page["next_cursor"]), etag)
        report.pulled += got.inserted + got.updated + got.deleted
        report.kept_local += got.kept_local
        _tell(progress, 0.5 + 0.45 * (0 if page["has_more"] else 1), f"received {len(changes)} changes")
        _download_blobs(path, client, got.attachments, report)
        if not page["has_more"]:
            return


def _referenced_photos(con) -> set[str]:
    layer = schema.LAYERS_BY_NAME["work_order_events"]
    out: set[str] = set()
    for (value,) in con.execute(
        "SELECT photo_hashes FROM work_order_events WHERE photo_hashes IS NOT NULL AND photo_hashes NOT IN ('', '[]')"
    ):
        out.update(wire.attachments(layer, {"photo_hashes": value}))
    return out


def _download_blobs(path, client: ApiClient, hashes, report: SyncReport) -> None:
    for sha in sorted(hashes):
        if photos.find_photo(path, sha) is not None:
            continue
        ans = client.request("GET", client.tenant(f"blobs/{sha}"), ok=(200, 404))
        if ans.status != 200:
            continue  # not readable by this role, or not there yet: the next sync asks again
        folder = photos.photo_dir(path)
        folder.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=".download-", dir=folder)
        try:
            with os.fdopen(fd, "wb") as fh:
                fh.write(ans.body)
            got, _ = photos.store_photo(path, tmp)
            if got == sha:
                report.photos_down += 1
        except CddpError as exc:
            log.warning("photo %s from the server not stored: %s", sha[:12], exc)
        finally:
            if os.path.exists(tmp):
                os.unlink(tmp)


def _dismiss_resolved(con, client: ApiClient) -> None:
    done = []
    for cid in jobs.dismissable(con):
        try:
            client.request("POST", client.tenant(f"conflicts/{cid}/dismiss"), ok=(200, 404))
        except ApiError as exc:
            log.info("conflict %s not dismissed on the server: %s", cid, exc)
            continue
        done.append(cid)
    jobs.mark_dismissed(con, done)


# -- a new workspace from the server -------------------------------------------------------------------
def clone_workspace(
    path: str | os.PathLike,
    client: ApiClient,
    *,
    authcfg: str | None = None,
    name: str | None = None,
    user: str | None = None,
    prepare: Callable[[str], None] | None = None,
    progress: Progress | None = None,
) -> tuple[object, SyncReport]:
    """Make a new workspace at ``path`` from the server's municipality: every layer the caller may read,
    page by page, then the feed from where the download began. A failure removes the new file."""
    from ..workspace import dopa
    from ..workspace.create import create_workspace

    area = dopa.lookup(client.municipality)
    if area is None:
        raise CddpError(translate("core", "{code} is not a DOPA municipality code."), code=client.municipality)
    _check_schema_version(client.get_json("/v1/meta", auth=False))
    server = client.get_json(client.tenant("schema"))
    srid = next((lyr["srid"] for lyr in server["layers"] if lyr.get("srid")), None) or 32647
    had_photos = photos.photo_dir(path).exists()  # someone's folder of that name is never removed
    info = create_workspace(path, area, name=name, crs=f"EPSG:{srid}", user=user, prepare=prepare)
    try:
        con = gpkg.connect(path)
        try:
            readable = [lyr["name"] for lyr in server["layers"] if lyr["name"] in schema.LAYERS_BY_NAME]
            start_cursor = None
            for k, layer in enumerate(readable):
                after = None
                while True:
                    q = f"layers/{layer}/snapshot?limit={PAGE}" + (f"&after={after}" if after else "")
                    page = client.get_json(client.tenant(q))
                    if start_cursor is None:
                        start_cursor = int(page["cursor"])
                    jobs.apply_snapshot(con, layer, page["features"])
                    _tell(progress, 0.8 * (k + 1) / max(1, len(readable)), f"downloaded {layer}")
                    if not page["has_more"]:
                        break
                    after = page["next_after"]
            jobs.start_from(con, client.base, start_cursor or 0, authcfg)
        finally:
            con.close()
        report = sync_workspace(path, client, progress=progress)
        if report.stopped:
            raise OfflineError(
                translate("core", "Making the workspace from the server stopped: {why}"), why=report.stopped
            )
    except BaseException:
        made = [Path(path), Path(f"{path}-wal"), Path(f"{path}-shm")] + ([] if had_photos else [photos.photo_dir(path)])
        for leftover in made:
            if leftover.is_dir():
                import shutil

                shutil.rmtree(leftover, ignore_errors=True)
            elif leftover.exists():
                leftover.unlink()
        raise
    return info, report
