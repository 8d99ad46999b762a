"""Users, passwords and tokens.

Passwords: argon2id (argon2-cffi). Access tokens: short-lived JWTs (PyJWT, HS256) carrying the user,
the municipality and the role, checked without a database read. PyJWT rather than itsdangerous because
a JWT's standard claims (``exp``, ``iat``) and format are what other CDDP clients and gateways already
read. Refresh tokens: random, stored only as their SHA-256, single use and rotated; presenting a used
one again revokes the whole family (a stolen token is cut off).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import secrets

import jwt
from argon2 import PasswordHasher
from argon2.exceptions import VerificationError, VerifyMismatchError
from sqlalchemy import insert, select, update
from sqlalchemy.engine import Engine

from cddp_plugin.core.common.times import format_utc
from cddp_plugin.core.workspace import dopa

from . import db, roles

ACCESS_TTL = 900  # seconds
REFRESH_TTL = 30 * 24 * 3600
_hasher = PasswordHasher()


class AuthError(Exception):
    pass


def server_secret() -> str:
    """The signing key of access tokens: $CDDP_SERVER_SECRET (for several workers), else one per process
    (tokens then end with the process; clients refresh)."""
    return os.environ.get("CDDP_SERVER_SECRET") or secrets.token_urlsafe(48)


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


def ensure_municipality(con, code: str, srid: int, name: str | None = None) -> bool:
    """Create the municipality (tenant) if new; returns whether it was created."""
    if con.execute(
        select(db.municipalities.c.municipality_code).where(db.municipalities.c.municipality_code == code)
    ).first():
        return False
    area = dopa.parse_municipality_code(code)  # CddpError for a code that is not DOPA's
    con.execute(
        insert(db.municipalities).values(
            municipality_code=area.code, name=name or area.name_th, srid=srid, seq=0, created_at=format_utc(_now())
        )
    )
    return True


def add_user(engine: Engine, municipality: str, username: str, role: str, password: str, srid: int = 32647) -> str:
    """Add (or re-key: new password and role) a user; creates the municipality if new. Returns
    ``"created"`` or ``"updated"``."""
    if role not in roles.ROLES:
        raise ValueError(f"unknown role '{role}': one of {', '.join(roles.ROLES)}")
    if len(password) < 8:
        raise ValueError("the password must have at least 8 characters")
    if not username or len(username) > 100:
        raise ValueError("the user name must have 1 to 100 characters")
    with engine.begin() as con:
        ensure_municipality(con, municipality, srid)
        t = db.users
        exists = con.execute(
            select(t.c.username).where(t.c.municipality_code == municipality, t.c.username == username)
        ).first()
        digest = _hasher.hash(password)
        if exists:
            con.execute(
                update(t)
                .where(t.c.municipality_code == municipality, t.c.username == username)
                .values(password_hash=digest, role=role)
            )
            return "updated"
        con.execute(
            insert(t).values(
                municipality_code=municipality,
                username=username,
                password_hash=digest,
                role=role,
                created_at=format_utc(_now()),
            )
        )
        return "created"


def check_password(engine: Engine, username: str, password: str, municipality: str | None):
    """The user row whose password matches, or :class:`AuthError` (one message for every failure)."""
    t = db.users
    q = select(t).where(t.c.username == username)
    if municipality:
        q = q.where(t.c.municipality_code == municipality)
    with engine.connect().execution_options(readonly=True) as con:
        rows = con.execute(q).all()
    for row in rows:
        try:
            _hasher.verify(row.password_hash, password)
            return row
        except (VerifyMismatchError, VerificationError):
            continue
    raise AuthError("wrong user name, municipality or password")


def _sha(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def issue(engine: Engine, secret: str, user, access_ttl: int, family: str | None = None, con=None) -> dict:
    now = _now()
    access = jwt.encode(
        {
            "sub": user.username,
            "muni": user.municipality_code,
            "role": user.role,
            "iat": int(now.timestamp()),
            "exp": int(now.timestamp()) + access_ttl,
            "typ": "access",
        },
        secret,
        algorithm="HS256",
    )
    refresh = secrets.token_urlsafe(32)
    values = dict(
        municipality_code=user.municipality_code,
        token_hash=_sha(refresh),
        username=user.username,
        family=family or secrets.token_hex(16),
        expires_at=format_utc(now + dt.timedelta(seconds=REFRESH_TTL)),
    )
    if con is None:
        with engine.begin() as c:
            c.execute(insert(db.refresh_tokens).values(**values))
    else:
        con.execute(insert(db.refresh_tokens).values(**values))
    return {"access_token": access, "refresh_token": refresh, "token_type": "bearer", "expires_in": access_ttl}


def refresh(engine: Engine, secret: str, token: str, access_ttl: int) -> dict:
    """Rotate a refresh token: the old one is spent, a new pair is issued; a spent one revokes its family."""
    t = db.refresh_tokens
    reused = False
    with engine.begin() as con:
        row = con.execute(select(t).where(t.c.token_hash == _sha(token))).one_or_none()
        if row is None or row.expires_at < format_utc(_now()):
            raise AuthError("unknown or expired refresh token: sign in again")
        if row.used_at is not None:
            reused = True
            con.execute(
                update(t)
                .where(t.c.municipality_code == row.municipality_code, t.c.family == row.family)
                .values(used_at=format_utc(_now()))
            )
        else:
            con.execute(
                update(t)
                .where(t.c.municipality_code == row.municipality_code, t.c.token_hash == row.token_hash)
                .values(used_at=format_utc(_now()))
            )
            user = con.execute(
                select(db.users).where(
                    db.users.c.municipality_code == row.municipality_code, db.users.c.username == row.username
                )
            ).one()
            return issue(engine, secret, user, access_ttl, family=row.family, con=con)
    assert reused
    raise AuthError("this refresh token was already used: every token of its sign-in is revoked; sign in again")


def decode(secret: str, token: str) -> dict:
    try:
        claims = jwt.decode(token, secret, algorithms=["HS256"], options={"require": ["exp", "sub", "muni", "role"]})
    except jwt.ExpiredSignatureError:
        raise AuthError("the access token has expired: refresh it") from None
    except jwt.PyJWTError:
        raise AuthError("invalid access token") from None
    if claims.get("typ") != "access" or claims.get("role") not in roles.ROLES:
        raise AuthError("invalid access token")
    return claims
