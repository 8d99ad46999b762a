"""Photos and documents by content hash: ``HEAD|GET|PUT /v1/t/{muni}/blobs/{sha256}``.

Resumable: a PUT may carry ``Content-Range: bytes START-END/TOTAL``; the bytes are appended to a
``.part`` file when START is where the upload stands (HEAD answers ``Upload-Offset``), and when the last
byte arrives the SHA-256 of the whole is checked against the path: a mismatch is refused (422) and the
part is thrown away, so a blob on the server is always what its name says.

Photos follow the grants (PDPA; :func:`cddp_server.rules.blob_readable`): ``HEAD`` and ``GET`` answer a blob
only to a role that may read a layer referencing it (``blob_refs``, recorded when a change with the blob as
attachment is applied) or to a user who sent its bytes in full (``blob_uploads``). Anyone else gets the same
404 as for a blob that does not exist — never a 403 that would confirm a resident's photo is there. A ``PUT``
of a stored blob answers "already stored" only to a reader; anyone else must send the bytes, which are
checked against the hash like any upload (so proving they hold them), and the stored blob is never touched.
Every read of a blob referenced by the restricted layer (residents) is logged in ``access_log``.
"""

import hashlib
import re
import uuid as uuidlib
from pathlib import Path
from typing import Annotated

from fastapi import FastAPI, HTTPException, Request, Response
from fastapi import Path as PathParam
from fastapi.responses import FileResponse
from sqlalchemy import insert, select, update
from starlette.concurrency import run_in_threadpool

from cddp_plugin.core.workspace import schema

from . import API_VERSION, db, roles, rules
from .values import now_utc

SHA = r"^[0-9a-f]{64}$"
_RANGE = re.compile(r"^bytes (\d+)-(\d+)/(\d+)$")
_RESTRICTED = frozenset(layer.name for layer in schema.LAYERS if layer.restricted)


def blob_paths(root: Path, muni: str, sha: str) -> tuple[Path, Path]:
    """(the blob's file, its ``.part`` while an upload is under way) under the blob folder ``root``."""
    folder = root / muni / sha[:2]
    return folder / sha, folder / f"{sha}.part"


def remove_blob_files(root: Path, muni: str, sha: str) -> None:
    for path in blob_paths(root, muni, sha):
        path.unlink(missing_ok=True)


def add_blob_routes(app: FastAPI, engine, root: Path, who_dep, max_blob: int) -> None:
    base = f"/{API_VERSION}/t/{{muni}}/blobs/{{sha256}}"
    Sha = Annotated[str, PathParam(pattern=SHA, description="lower-case hex SHA-256 of the bytes")]  # noqa: N806

    def paths(muni: str, sha: str) -> tuple[Path, Path]:
        return blob_paths(root, muni, sha)

    def state(muni: str, sha: str, who=None):
        """The blob's row, and whether ``who`` may read it (False without ``who``)."""
        with engine.connect().execution_options(readonly=True) as con:
            row = con.execute(
                select(db.blobs).where(db.blobs.c.municipality_code == muni, db.blobs.c.sha256 == sha)
            ).one_or_none()
            readable = row is not None and who is not None and rules.blob_readable(con, who, sha)
        return row, readable

    def log_restricted_read(who, sha: str) -> None:
        """A read of a blob that a restricted layer (residents) references is a read of personal data."""
        t = db.blob_refs.c
        with engine.begin() as con:
            layers = {
                r[0]
                for r in con.execute(
                    select(t.layer).where(t.municipality_code == who.municipality, t.sha256 == sha).distinct()
                )
            }
            for layer in sorted(layers & _RESTRICTED):
                con.execute(
                    insert(db.access_log).values(
                        municipality_code=who.municipality, id=uuidlib.uuid4().hex, at=now_utc(),
                        username=who.username, role=who.role, action="blob", layer=layer, rows=1,
                        fields=["attachments"],
                    )
                )  # fmt: skip

    @app.head(
        base,
        responses={
            404: {"description": "not (completely) uploaded, or not readable by you; Upload-Offset says how far"}
        },
    )
    def head_blob(who: who_dep, sha256: Sha) -> Response:
        row, readable = state(who.municipality, sha256, who)
        if row is not None and row.complete and readable:
            return Response(status_code=200, headers={"Content-Length": str(row.size), "Upload-Offset": str(row.size)})
        _, part = paths(who.municipality, sha256)
        offset = part.stat().st_size if part.exists() else 0
        return Response(status_code=404, headers={"Upload-Offset": str(offset)})

    @app.get(
        base, response_class=FileResponse, responses={404: {"description": "no such blob, or not readable by you"}}
    )
    def get_blob(who: who_dep, sha256: Sha):
        row, readable = state(who.municipality, sha256, who)
        final, _ = paths(who.municipality, sha256)
        if row is None or not row.complete or not final.exists() or not readable:
            # the same answer whether the blob is missing or restricted: a 403 would confirm it exists
            raise HTTPException(404, f"no blob {sha256}: upload it with PUT first")
        log_restricted_read(who, sha256)
        return FileResponse(final, media_type="application/octet-stream")

    @app.put(
        base,
        status_code=201,
        responses={
            200: {"description": "already stored"},
            202: {"description": "part stored; send the rest"},
            409: {"description": "the range does not start where the upload stands"},
            413: {"description": "too large"},
            422: {"description": "the bytes do not match the hash"},
        },
    )
    async def put_blob(who: who_dep, sha256: Sha, request: Request) -> dict:
        if not roles.GRANTS[who.role].write:
            raise HTTPException(403, f"role '{who.role}' reads only; it may not upload")
        row, readable = await run_in_threadpool(state, who.municipality, sha256, who)
        if row is not None and row.complete and readable:
            return _done(sha256, row.size, 200)
        final, part = paths(who.municipality, sha256)
        part.parent.mkdir(parents=True, exist_ok=True)
        offset = part.stat().st_size if part.exists() else 0
        header = request.headers.get("content-range")
        if header:
            m = _RANGE.match(header.strip())
            if not m:
                raise HTTPException(400, "Content-Range must be 'bytes START-END/TOTAL'")
            start, end, total = (int(x) for x in m.groups())
            if end < start or end >= total:
                raise HTTPException(400, f"Content-Range {header!r} is not a range inside its total")
            if start != offset:
                raise HTTPException(
                    409, f"the upload stands at byte {offset}; send from there", headers={"Upload-Offset": str(offset)}
                )
        else:
            start, total, end = 0, None, None
            offset = 0
            part.unlink(missing_ok=True)
        if (total or 0) > max_blob:
            raise HTTPException(413, f"blobs are limited to {max_blob} bytes")
        written = 0
        with part.open("ab") as fh:
            async for chunk in request.stream():
                written += len(chunk)
                if start + written > max_blob:
                    fh.truncate(offset)
                    raise HTTPException(413, f"blobs are limited to {max_blob} bytes")
                fh.write(chunk)
        if end is not None and written != end - start + 1:
            with part.open("ab") as fh:
                fh.truncate(offset)
            raise HTTPException(400, f"Content-Range says {end - start + 1} bytes, the body had {written}")
        size = start + written
        if total is not None and size < total:
            await run_in_threadpool(_record, who.municipality, sha256, total, size, False)
            return _done(sha256, size, 202, total=total)
        digest = await run_in_threadpool(_sha256, part)
        if digest != sha256:
            part.unlink(missing_ok=True)
            await run_in_threadpool(_forget, who.municipality, sha256)
            raise HTTPException(422, f"the bytes' SHA-256 is {digest}, not {sha256}: the upload was discarded")
        part.replace(final)
        await run_in_threadpool(_record, who.municipality, sha256, size, size, True, who.username)
        return _done(sha256, size, 201)

    def _done(sha: str, size: int, code: int, total: int | None = None):
        from fastapi.responses import JSONResponse

        body = {"sha256": sha, "received": size, "complete": code != 202}
        if total is not None:
            body["size"] = total
        return JSONResponse(body, status_code=code, headers={"Upload-Offset": str(size)})

    def _record(muni: str, sha: str, size: int, received: int, complete: bool, uploader: str | None = None) -> None:
        t = db.blobs
        with engine.begin() as con:
            if uploader is not None:  # the whole bytes were sent and matched: the uploader may read them
                u = db.blob_uploads.c
                mine = (u.municipality_code == muni, u.sha256 == sha, u.username == uploader)
                if con.execute(select(u.sha256).where(*mine)).first() is None:
                    con.execute(insert(db.blob_uploads).values(municipality_code=muni, sha256=sha, username=uploader,
                                                               at=now_utc()))  # fmt: skip
            stored = con.execute(
                select(t.c.complete).where(t.c.municipality_code == muni, t.c.sha256 == sha)
            ).one_or_none()
            if stored is not None and stored.complete:
                return  # a stored blob is never downgraded by someone's new (partial) upload of the same hash
            if stored is not None:
                con.execute(
                    update(t)
                    .where(t.c.municipality_code == muni, t.c.sha256 == sha)
                    .values(size=size, received=received, complete=complete)
                )
            else:
                con.execute(
                    insert(t).values(
                        municipality_code=muni, sha256=sha, size=size, received=received, complete=complete,
                        created_at=now_utc(),
                    )
                )  # fmt: skip

    def _forget(muni: str, sha: str) -> None:
        t = db.blobs.c
        with engine.begin() as con:  # a failed upload forgets only an unfinished blob, never a stored one
            con.execute(db.blobs.delete().where(t.municipality_code == muni, t.sha256 == sha, t.complete.is_(False)))


def _sha256(path: Path) -> str:
    h = hashlib.sha256()
    with path.open("rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()
