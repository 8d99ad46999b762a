"""The HTTP API (FastAPI): the paths of SYNC.md / issue #13 over :mod:`cddp_server.rules`.

Every path under ``/v1/t/{muni}`` needs ``Authorization: Bearer <access token>`` of a user of that
municipality (401 without or with an expired token, 403 for another municipality's path). Nothing
secret is logged: the request log has method, path, status, time and user name only (no query string,
no headers, no bodies), and a 422 answer names the field without echoing its value.
"""

import hashlib
import json
import logging
import os
import time
import uuid as uuidlib
from pathlib import Path
from typing import Annotated, Any, Literal

from fastapi import Depends, FastAPI, Header, HTTPException, Query, Request, Response
from fastapi import Path as PathParam
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from pydantic import BaseModel, ConfigDict, Field
from sqlalchemy import insert, select, update
from sqlalchemy.exc import DataError, OperationalError
from starlette.concurrency import run_in_threadpool

from cddp_plugin.core.workspace import schema

from . import API_VERSION, __version__, auth, db, roles, rules
from .values import geometry_out, now_utc

log = logging.getLogger("cddp_server")

MAX_BATCH = 1000  # changes per push
MAX_PAGE = 1000  # changes or features per page
DEFAULT_PAGE = 500
MAX_BLOB = 256 * 1024 * 1024
MUNI_PATTERN = r"^[0-9]{4}([0-9]{2})?$"


# -- the wire models (they are the OpenAPI contract) ------------------------------------------------
class Geometry(BaseModel):
    wkb: str = Field(description="base64 of the WKB geometry, in the municipality's CRS")
    srid: int


class Change(BaseModel):
    model_config = ConfigDict(extra="forbid")
    change_id: str = Field(min_length=1, max_length=64, description="made once by the client, reused on every retry")
    layer: str = Field(min_length=1, max_length=64)
    uuid: str = Field(min_length=1, max_length=64)
    op: Literal["insert", "update", "delete"]
    base_version: int | None = Field(default=0, ge=0, description="the server version the edit was made on (0 = new)")
    values: dict[str, Any] | None = Field(default=None, description="changed fields and their new values")
    geom: Geometry | None = Field(default=None, description="null = no geometry; leave out = unchanged")
    attachments: list[str] | None = Field(default=None, description="SHA-256 of blobs the change needs")
    device: str | None = Field(default=None, max_length=200)


class PushBody(BaseModel):
    # the limit is checked by the handler (413 with a reason) and stated in the contract
    changes: list[Change] = Field(json_schema_extra={"maxItems": MAX_BATCH})


class ChangeResult(BaseModel):
    change_id: str
    status: Literal["applied", "merged", "duplicate", "conflict", "rejected", "retry"]
    version: int | None = None
    conflict_id: str | None = None
    code: str | None = None
    reason: str | None = None
    field: str | None = None
    fields: list[str] | None = None
    server_record: dict[str, Any] | None = None
    first: dict[str, Any] | None = None


class PushAnswer(BaseModel):
    results: list[ChangeResult]
    cursor: int = Field(description="the municipality's feed position after this batch")
    cursor_before: int | None = Field(
        default=None,
        description="the feed position before this batch: a client whose cursor equals it has every change up to "
        "`cursor` (the ones between are this batch's) and need not pull its own changes back",
    )


class TokenRequest(BaseModel):
    username: str = Field(min_length=1, max_length=100)
    password: str = Field(min_length=1, max_length=1000)
    municipality: str | None = Field(default=None, pattern=MUNI_PATTERN, description="needed if the name is in several")


class RefreshRequest(BaseModel):
    refresh_token: str = Field(min_length=1, max_length=200)


class Tokens(BaseModel):
    access_token: str
    refresh_token: str
    token_type: str = "bearer"
    expires_in: int


class FeedChange(BaseModel):
    seq: int
    version: int
    change_id: str
    layer: str
    uuid: str
    op: str
    values: dict[str, Any]
    geom: Geometry | None = None
    geom_changed: bool
    attachments: list[str] | None = None
    author: str | None = None
    device: str | None = None
    committed_at: str


class ChangesPage(BaseModel):
    changes: list[FeedChange]
    next_cursor: int
    has_more: bool


class Feature(BaseModel):
    uuid: str
    version: int
    values: dict[str, Any]
    geom: Geometry | None = None


class SnapshotPage(BaseModel):
    layer: str
    features: list[Feature]
    next_after: str | None
    has_more: bool
    cursor: int = Field(description="pull changes from here after the last page")


class ConflictOut(BaseModel):
    conflict_id: str
    change_id: str
    layer: str
    uuid: str
    fields: list[str]
    status: str
    change: dict[str, Any]
    server_record: dict[str, Any]
    created_at: str


def _hash(body: bytes) -> str:
    return hashlib.sha256(body).hexdigest()


def create_app(
    db_url: str,
    blob_dir: str | Path | None = None,
    access_ttl: int = auth.ACCESS_TTL,
    secret: str | None = None,
) -> FastAPI:
    engine = db.make_engine(db_url)
    db.create_schema(engine)
    blobs_root = db.blob_dir_for(db_url, blob_dir)
    secret = secret or auth.server_secret()
    app = FastAPI(
        title="CDDP API",
        version=__version__,
        description="The central CDDP API: sync of municipal workspaces (issue #13, SYNC.md).",
    )
    app.state.engine = engine

    @app.exception_handler(RequestValidationError)
    async def _invalid(_request: Request, exc: RequestValidationError):
        # the field and the problem, never the value sent (it may be a password or personal data)
        errors = [{"loc": list(e.get("loc", ())), "msg": e.get("msg"), "type": e.get("type")} for e in exc.errors()]
        return JSONResponse({"detail": errors}, status_code=422)

    @app.exception_handler(OperationalError)
    async def _busy(_request: Request, exc: OperationalError):
        log.warning("store busy or unavailable: %s", type(exc.orig).__name__)
        return JSONResponse({"detail": "the store is busy; retry"}, status_code=503, headers={"Retry-After": "1"})

    @app.exception_handler(DataError)
    async def _unstorable(_request: Request, exc: DataError):
        # a value the store cannot hold (PostgreSQL: a NUL character in text, a number beyond 64 bits), never a 500
        log.info("value refused by the store: %s", type(exc.orig).__name__)
        msg = "a value cannot be stored (a NUL character in text, or a number out of range): remove it"
        return JSONResponse({"detail": [{"loc": ["body"], "msg": msg, "type": "value_error"}]}, status_code=422)

    @app.middleware("http")
    async def _log(request: Request, call_next):
        start = time.perf_counter()
        response = await call_next(request)
        ms = (time.perf_counter() - start) * 1000
        user = getattr(request.state, "username", "-")
        log.info("%s %s %s %.1fms user=%s", request.method, request.url.path, response.status_code, ms, user)
        return response

    # -- auth ---------------------------------------------------------------------------------------
    def caller(
        request: Request,
        muni: Annotated[str, PathParam(pattern=MUNI_PATTERN)],
        authorization: Annotated[str | None, Header()] = None,
    ) -> rules.Caller:
        if not authorization or not authorization.lower().startswith("bearer "):
            raise HTTPException(
                401, "sign in: send Authorization: Bearer <access token>", {"WWW-Authenticate": "Bearer"}
            )
        try:
            claims = auth.decode(secret, authorization[7:].strip())
        except auth.AuthError as exc:
            raise HTTPException(401, str(exc), {"WWW-Authenticate": "Bearer"}) from None
        request.state.username = claims["sub"]
        if claims["muni"] != muni:
            raise HTTPException(403, f"your account belongs to municipality {claims['muni']}, not {muni}")
        return rules.Caller(municipality=muni, username=claims["sub"], role=claims["role"])

    Who = Annotated[rules.Caller, Depends(caller)]  # noqa: N806

    @app.get(f"/{API_VERSION}/meta")
    def meta() -> dict[str, Any]:
        return {
            "server": "cddp-reference-server",
            "server_version": __version__,
            "api_version": API_VERSION,
            "schema_version": schema.SCHEMA_VERSION,
            "store": engine.dialect.name,
            "limits": {
                "max_batch": MAX_BATCH,
                "max_page": MAX_PAGE,
                "max_blob_bytes": MAX_BLOB,
                "access_token_seconds": access_ttl,
            },
            "roles": list(roles.ROLES),
        }

    @app.post(f"/{API_VERSION}/auth/token", responses={401: {"description": "wrong credentials"}})
    def token(body: TokenRequest, request: Request) -> Tokens:
        try:
            user = auth.check_password(engine, body.username, body.password, body.municipality)
        except auth.AuthError as exc:
            raise HTTPException(401, str(exc)) from None
        request.state.username = user.username
        return Tokens(**auth.issue(engine, secret, user, access_ttl))

    @app.post(f"/{API_VERSION}/auth/refresh", responses={401: {"description": "unknown, spent or expired"}})
    def refresh(body: RefreshRequest) -> Tokens:
        try:
            return Tokens(**auth.refresh(engine, secret, body.refresh_token, access_ttl))
        except auth.AuthError as exc:
            raise HTTPException(401, str(exc)) from None

    # -- schema -------------------------------------------------------------------------------------
    @app.get(f"/{API_VERSION}/t/{{muni}}/schema")
    def tenant_schema(who: Who) -> dict[str, Any]:
        tenant = _tenant(who.municipality)
        perms = roles.permissions(who.role)
        layers = []
        for layer in schema.LAYERS:
            if layer.name not in perms:
                continue
            hidden = set(perms[layer.name]["hidden_fields"])
            layers.append(
                {
                    "name": layer.name,
                    "id": f"{layer.name}",
                    "geometry": layer.geometry,
                    "srid": tenant.srid if layer.geometry else None,
                    "append_only": layer.name in rules.APPEND_ONLY,
                    "permissions": perms[layer.name],
                    "fields": [
                        {
                            "name": f.name,
                            "id": f"{layer.name}.{f.name}",
                            "type": f.type,
                            "class": f.cls,
                            "domain": f.domain,
                            "not_null": f.not_null,
                            "min": f.min,
                            "max": f.max,
                            "server_owned": f.name in ("uuid", "version"),
                        }
                        for f in layer.all_fields
                        if f.name not in hidden
                    ],
                }
            )
        domains = {d.name: d.codes() for d in schema.DOMAINS.values()}
        return {"schema_version": schema.SCHEMA_VERSION, "municipality": tenant.municipality_code, "role": who.role,
                "layers": layers, "domains": domains}  # fmt: skip

    def _tenant(muni: str):
        with engine.connect().execution_options(readonly=True) as con:
            row = con.execute(
                select(db.municipalities).where(db.municipalities.c.municipality_code == muni)
            ).one_or_none()
        if row is None:
            raise HTTPException(404, f"municipality {muni} is not on this server")
        return row

    def _log_personal(con, who: rules.Caller, action: str, counts: dict[str, tuple[int, set[str]]]) -> None:
        for layer, (n, fields) in counts.items():
            if n:
                con.execute(
                    insert(db.access_log).values(
                        municipality_code=who.municipality, id=uuidlib.uuid4().hex, at=now_utc(),
                        username=who.username, role=who.role, action=action, layer=layer, rows=n,
                        fields=sorted(fields),
                    )
                )  # fmt: skip

    # -- the feed -----------------------------------------------------------------------------------
    @app.get(f"/{API_VERSION}/t/{{muni}}/changes", responses={304: {"description": "nothing new"}})
    def changes(
        who: Who,
        request: Request,
        since: Annotated[int, Query(ge=0, le=2**63 - 1)] = 0,
        limit: Annotated[int, Query(ge=1, le=MAX_PAGE)] = DEFAULT_PAGE,
    ) -> ChangesPage:
        readable = roles.readable_layers(who.role)
        c = db.changes.c
        with engine.connect().execution_options(readonly=True) as con:
            hi = con.execute(
                select(db.municipalities.c.seq).where(db.municipalities.c.municipality_code == who.municipality)
            )
            hi = hi.scalar_one_or_none()
            if hi is None:
                raise HTTPException(404, f"municipality {who.municipality} is not on this server")
            etag = f'"{who.role}-{hi}"'
            if since >= hi and request.headers.get("if-none-match") == etag:
                return Response(status_code=304, headers={"ETag": etag})
            rows = con.execute(
                select(db.changes)
                .where(c.municipality_code == who.municipality, c.seq > since, c.seq <= hi, c.layer.in_(readable))
                .order_by(c.seq)
                .limit(limit + 1)
            ).all()
        has_more = len(rows) > limit
        rows = rows[:limit]
        next_cursor = rows[-1].seq if has_more else max(hi, since)
        out, personal = [], {}
        for r in rows:
            hidden = roles.hidden_fields(who.role, r.layer)
            values = {k: v for k, v in (r.values or {}).items() if k not in hidden}
            seen = set(values) & roles.personal_fields(r.layer)
            if seen:
                n, fields = personal.get(r.layer, (0, set()))
                personal[r.layer] = (n + 1, fields | seen)
            out.append(
                FeedChange(
                    seq=r.seq, version=r.seq, change_id=r.change_id, layer=r.layer, uuid=r.uuid, op=r.op,
                    values=values, geom=geometry_out(r.geom_wkb, r.geom_srid), geom_changed=bool(r.geom_changed),
                    attachments=r.attachments, author=r.author, device=r.device, committed_at=r.committed_at,
                )
            )  # fmt: skip
        if personal:
            with engine.begin() as con:
                _log_personal(con, who, "pull", personal)
        page = ChangesPage(changes=out, next_cursor=next_cursor, has_more=has_more)
        return JSONResponse(page.model_dump(mode="json"), headers={"ETag": etag})

    # -- push ---------------------------------------------------------------------------------------
    @app.post(
        f"/{API_VERSION}/t/{{muni}}/push",
        responses={409: {"description": "Idempotency-Key reused with another body"}, 413: {"description": "too many"}},
    )
    async def push(
        who: Who,
        body: PushBody,
        idempotency_key: Annotated[str | None, Header(max_length=200)] = None,
    ) -> PushAnswer:
        if len(body.changes) > MAX_BATCH:
            raise HTTPException(413, f"{len(body.changes)} changes in one push; at most {MAX_BATCH}: split the batch")
        if not roles.GRANTS[who.role].write:
            raise HTTPException(403, f"role '{who.role}' reads only; it may not push")
        changes_in = [c.model_dump(exclude_unset=True) for c in body.changes]
        request_hash = _hash(json.dumps(changes_in, sort_keys=True, ensure_ascii=False).encode())
        return await run_in_threadpool(_push_sync, who, changes_in, idempotency_key, request_hash)

    def _push_sync(who, changes_in, key, request_hash) -> JSONResponse:
        t = db.idempotency
        with engine.begin() as con:
            try:
                before = rules.lock_tenant(con, who.municipality).seq
            except rules.TenantNotFoundError:
                raise HTTPException(404, f"municipality {who.municipality} is not on this server") from None
            if key:
                stored = con.execute(
                    select(t).where(t.c.municipality_code == who.municipality, t.c.key == key)
                ).one_or_none()
                if stored is not None:
                    if stored.request_hash != request_hash:
                        raise HTTPException(
                            409, "this Idempotency-Key was used with another body: use a new key for a new batch"
                        )
                    return JSONResponse(stored.response, headers={"Idempotent-Replayed": "true"})
            results = rules.apply_push(con, rules.Caller(who.municipality, who.username, who.role), changes_in)
            cursor = con.execute(
                select(db.municipalities.c.seq).where(db.municipalities.c.municipality_code == who.municipality)
            ).scalar_one()
            answer = PushAnswer(
                results=[ChangeResult(**r) for r in results], cursor=cursor, cursor_before=before
            ).model_dump(mode="json", exclude_none=True)
            if key:
                con.execute(
                    insert(t).values(
                        municipality_code=who.municipality, key=key, request_hash=request_hash, response=answer,
                        username=who.username, at=now_utc(),
                    )
                )  # fmt: skip
        return JSONResponse(answer)

    # -- snapshot -----------------------------------------------------------------------------------
    @app.get(f"/{API_VERSION}/t/{{muni}}/layers/{{layer}}/snapshot", responses={404: {"description": "unknown layer"}})
    def snapshot(
        who: Who,
        layer: str,
        after: Annotated[str | None, Query(max_length=64)] = None,
        limit: Annotated[int, Query(ge=1, le=MAX_PAGE)] = DEFAULT_PAGE,
    ) -> SnapshotPage:
        spec = schema.LAYERS_BY_NAME.get(layer)
        if spec is None:
            raise HTTPException(404, f"unknown layer '{layer}'")
        if not roles.can_read(who.role, layer):
            raise HTTPException(403, f"role '{who.role}' may not read layer '{layer}'")
        table = db.LAYER_TABLES[layer]
        hidden = roles.hidden_fields(who.role, layer)
        with engine.connect().execution_options(readonly=True) as con:
            hi = con.execute(
                select(db.municipalities.c.seq).where(db.municipalities.c.municipality_code == who.municipality)
            ).scalar_one_or_none()
            if hi is None:
                raise HTTPException(404, f"municipality {who.municipality} is not on this server")
            q = select(table).where(table.c.municipality_code == who.municipality, table.c.deleted.is_(False))
            if after:
                q = q.where(table.c.uuid > after)
            rows = con.execute(q.order_by(table.c.uuid).limit(limit + 1)).all()
        has_more = len(rows) > limit
        rows = rows[:limit]
        feats = []
        for r in rows:
            rec = rules.server_record(spec, r, hidden)
            feats.append(Feature(uuid=r.uuid, version=r.version, values=rec["values"], geom=rec.get("geom")))
        personal = roles.personal_fields(layer) - hidden
        if feats and personal:
            with engine.begin() as con:
                _log_personal(con, who, "snapshot", {layer: (len(feats), set(personal))})
        return SnapshotPage(
            layer=layer, features=feats, next_after=rows[-1].uuid if has_more else None, has_more=has_more, cursor=hi
        )

    # -- conflicts ----------------------------------------------------------------------------------
    @app.get(f"/{API_VERSION}/t/{{muni}}/conflicts")
    def conflicts(
        who: Who,
        status: Literal["open", "dismissed", "all"] = "open",
        offset: Annotated[int, Query(ge=0, le=2**31 - 1, description="skip this many (oldest first)")] = 0,
        limit: Annotated[int, Query(ge=1, le=MAX_PAGE)] = MAX_PAGE,
    ) -> list[ConflictOut]:
        t = db.conflicts
        q = select(t).where(t.c.municipality_code == who.municipality, t.c.layer.in_(roles.readable_layers(who.role)))
        if status != "all":
            q = q.where(t.c.status == status)
        with engine.connect().execution_options(readonly=True) as con:
            rows = con.execute(q.order_by(t.c.created_at, t.c.conflict_id).offset(offset).limit(limit)).all()
        out, personal = [], {}
        for r in rows:
            hidden = roles.hidden_fields(who.role, r.layer)
            change, record = dict(r.change), dict(r.server_record)
            rec_layer = record.get("layer", r.layer)  # a parent_deleted conflict holds the parent's record
            rec_hidden = roles.hidden_fields(who.role, rec_layer)
            change["values"] = {k: v for k, v in (change.get("values") or {}).items() if k not in hidden}
            record["values"] = {k: v for k, v in (record.get("values") or {}).items() if k not in rec_hidden}
            seen = {k for k, v in change["values"].items() if v is not None} & roles.personal_fields(r.layer)
            seen |= {k for k, v in record["values"].items() if v is not None} & roles.personal_fields(rec_layer)
            if seen:
                n, fields = personal.get(r.layer, (0, set()))
                personal[r.layer] = (n + 1, fields | seen)
            out.append(
                ConflictOut(
                    conflict_id=r.conflict_id, change_id=r.change_id, layer=r.layer, uuid=r.uuid, fields=r.fields,
                    status=r.status, change=change, server_record=record, created_at=r.created_at,
                )
            )  # fmt: skip
        if personal:
            with engine.begin() as con:
                _log_personal(con, who, "conflicts", personal)
        return out

    @app.post(
        f"/{API_VERSION}/t/{{muni}}/conflicts/{{conflict_id}}/dismiss",
        responses={404: {"description": "no such conflict"}},
    )
    def dismiss(who: Who, conflict_id: Annotated[str, PathParam(max_length=64)]) -> dict[str, str]:
        t = db.conflicts
        with engine.begin() as con:
            row = con.execute(
                select(t.c.layer).where(t.c.municipality_code == who.municipality, t.c.conflict_id == conflict_id)
            ).one_or_none()
            if row is None or not roles.can_read(who.role, row.layer):
                raise HTTPException(404, f"no conflict {conflict_id}")
            if not roles.can_write(who.role, row.layer):
                raise HTTPException(403, f"role '{who.role}' may not resolve conflicts of layer '{row.layer}'")
            con.execute(
                update(t)
                .where(t.c.municipality_code == who.municipality, t.c.conflict_id == conflict_id)
                .values(status="dismissed")
            )
        return {"conflict_id": conflict_id, "status": "dismissed"}

    # -- blobs --------------------------------------------------------------------------------------
    from .blobs import add_blob_routes

    add_blob_routes(app, engine, blobs_root, Who, MAX_BLOB)

    return app


def app_from_env() -> FastAPI:
    """For ``uvicorn --factory cddp_server.app:app_from_env`` (CDDP_DB, CDDP_BLOBS, CDDP_ACCESS_TTL)."""
    return create_app(
        os.environ["CDDP_DB"],
        os.environ.get("CDDP_BLOBS") or None,
        access_ttl=int(os.environ.get("CDDP_ACCESS_TTL", auth.ACCESS_TTL)),
    )
