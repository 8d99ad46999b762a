"""The server's store: SQLAlchemy Core tables generated from the plugin's schema, on SQLite or PostgreSQL.

One code path for both stores. The rules that keep the schema ready for Citus (national scale-out with
``municipality_code`` as the distribution column) hold for every table here:

* ``municipality_code`` is in every primary key, unique constraint and foreign key;
* no triggers: the change feed is written by the application (:mod:`cddp_server.rules`);
* each push touches one tenant (one municipality row is locked, then only its rows are written).

A synced layer ``x`` of ``cddp_plugin.core.workspace.schema.LAYERS`` becomes the table ``layer_x`` with
``(municipality_code, uuid)`` as primary key, every attribute of the layer, the geometry as canonical WKB
(``geom_wkb``) with its ``geom_srid``, the server ``version`` (the seq of the last change), ``field_seq``
(field → the seq that last changed it: the basis of per-field conflicts) and the tombstone
(``deleted``, ``deleted_seq``).
"""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import (
    JSON,
    BigInteger,
    Boolean,
    Column,
    Float,
    ForeignKeyConstraint,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    PrimaryKeyConstraint,
    String,
    Table,
    Text,
    create_engine,
    event,
)
from sqlalchemy.engine import Engine

from cddp_plugin.core.workspace import schema

MUNI = "municipality_code"
# Columns of a layer table that are the server's, not the layer's
GEOM_WKB, GEOM_SRID = "geom_wkb", "geom_srid"
SERVER_COLUMNS = ("version", "field_seq", "deleted", "deleted_seq", GEOM_WKB, GEOM_SRID)
# The name under which the geometry takes part in per-field versions and conflicts
GEOM = "geom"

metadata = MetaData()

_TYPES = {
    schema.TEXT: Text,
    schema.INTEGER: BigInteger,
    schema.REAL: Float,
    schema.BOOLEAN: Boolean,
    schema.DATE: String(10),  # ISO YYYY-MM-DD: compared and sorted as text on both stores
    schema.DATETIME: String(32),  # canonical UTC ISO (common.times.format_utc)
}


municipalities = Table(
    "municipalities",
    metadata,
    Column(MUNI, String(8), primary_key=True),  # the tenant table is keyed by the distribution column too
    Column("name", Text, nullable=False),
    Column("srid", Integer, nullable=False),
    Column("seq", BigInteger, nullable=False, default=0),
    Column("created_at", String(32), nullable=False),
)


def _tenant_table(name: str, *columns, pk: tuple[str, ...], indexes: tuple[tuple[str, ...], ...] = ()) -> Table:
    assert pk[0] == MUNI
    table = Table(
        name,
        metadata,
        Column(MUNI, String(8), nullable=False),
        *columns,
        PrimaryKeyConstraint(*pk, name=f"{name}_pkey"),
        ForeignKeyConstraint([MUNI], ["municipalities.municipality_code"], name=f"{name}_muni_fkey"),
    )
    for i, cols in enumerate(indexes):
        assert cols[0] == MUNI
        Index(f"{name}_ix{i}", *[table.c[c] for c in cols])
    return table


changes = _tenant_table(
    "changes",
    Column("seq", BigInteger, nullable=False),
    Column("change_id", String(64), nullable=False),
    Column("layer", String(64), nullable=False),
    Column("uuid", String(64), nullable=False),
    Column("op", String(8), nullable=False),
    Column("base_version", BigInteger),
    Column("values", JSON, nullable=False),
    Column(GEOM_WKB, LargeBinary),
    Column(GEOM_SRID, Integer),
    Column("geom_changed", Boolean, nullable=False, default=False),
    Column("attachments", JSON),
    Column("author", Text),
    Column("device", Text),
    Column("committed_at", String(32), nullable=False),
    pk=(MUNI, "seq"),
    indexes=((MUNI, "layer", "uuid"),),
)

applied_changes = _tenant_table(
    "applied_changes",
    Column("change_id", String(64), nullable=False),
    Column("result", JSON, nullable=False),
    Column("at", String(32), nullable=False),
    pk=(MUNI, "change_id"),
)

idempotency = _tenant_table(
    "idempotency",
    Column("key", String(200), nullable=False),
    Column("request_hash", String(64), nullable=False),
    Column("response", JSON, nullable=False),
    Column("username", Text, nullable=False),
    Column("at", String(32), nullable=False),
    pk=(MUNI, "key"),
)

users = _tenant_table(
    "users",
    Column("username", String(100), nullable=False),
    Column("password_hash", Text, nullable=False),
    Column("role", String(32), nullable=False),
    Column("created_at", String(32), nullable=False),
    pk=(MUNI, "username"),
)

refresh_tokens = Table(
    "refresh_tokens",
    metadata,
    Column(MUNI, String(8), nullable=False),
    Column("token_hash", String(64), nullable=False),
    Column("username", String(100), nullable=False),
    Column("family", String(64), nullable=False),
    Column("expires_at", String(32), nullable=False),
    Column("used_at", String(32)),
    PrimaryKeyConstraint(MUNI, "token_hash", name="refresh_tokens_pkey"),
    ForeignKeyConstraint([MUNI], ["municipalities.municipality_code"], name="refresh_tokens_muni_fkey"),
    ForeignKeyConstraint(
        [MUNI, "username"], ["users.municipality_code", "users.username"], name="refresh_tokens_user_fkey"
    ),
)

conflicts = _tenant_table(
    "conflicts",
    Column("conflict_id", String(64), nullable=False),
    Column("change_id", String(64), nullable=False),
    Column("layer", String(64), nullable=False),
    Column("uuid", String(64), nullable=False),
    Column("change", JSON, nullable=False),
    Column("server_record", JSON, nullable=False),
    Column("fields", JSON, nullable=False),
    Column("status", String(16), nullable=False),
    Column("username", Text),
    Column("created_at", String(32), nullable=False),
    pk=(MUNI, "conflict_id"),
    indexes=((MUNI, "status"),),
)

access_log = _tenant_table(
    "access_log",
    Column("id", String(32), nullable=False),
    Column("at", String(32), nullable=False),
    Column("username", Text, nullable=False),
    Column("role", String(32), nullable=False),
    Column("action", String(32), nullable=False),
    Column("layer", String(64), nullable=False),
    Column("rows", Integer, nullable=False),
    Column("fields", JSON, nullable=False),  # names only, never values
    pk=(MUNI, "id"),
    indexes=((MUNI, "at"),),
)

blobs = _tenant_table(
    "blobs",
    Column("sha256", String(64), nullable=False),
    Column("size", BigInteger, nullable=False),
    Column("received", BigInteger, nullable=False),
    Column("complete", Boolean, nullable=False),
    Column("created_at", String(32), nullable=False),
    pk=(MUNI, "sha256"),
)

# Which features reference a blob (recorded when a change with attachments is applied): a blob is read only by
# roles that may read one of these layers (PDPA: a resident's photo follows the residents grant).
blob_refs = _tenant_table(
    "blob_refs",
    Column("sha256", String(64), nullable=False),
    Column("layer", String(64), nullable=False),
    Column("uuid", String(64), nullable=False),
    Column("created_at", String(32), nullable=False),
    pk=(MUNI, "sha256", "layer", "uuid"),
    indexes=((MUNI, "layer", "uuid"),),
)

# Who sent a blob's bytes in full (proof of possession): the only readers of a blob no feature references yet.
blob_uploads = _tenant_table(
    "blob_uploads",
    Column("sha256", String(64), nullable=False),
    Column("username", String(100), nullable=False),
    Column("at", String(32), nullable=False),
    pk=(MUNI, "sha256", "username"),
)


def layer_table_name(layer: str) -> str:
    return f"layer_{layer}"


def _layer_table(layer: schema.Layer) -> Table:
    cols = [Column(f.name, _TYPES[f.type]) for f in layer.all_fields if f.name not in ("uuid", "version")]
    cols += [
        Column("uuid", String(64), nullable=False),
        Column("version", BigInteger, nullable=False),
        Column("field_seq", JSON, nullable=False),
        Column("deleted", Boolean, nullable=False, default=False),
        Column("deleted_seq", BigInteger),
    ]
    if layer.geometry:
        cols += [Column(GEOM_WKB, LargeBinary), Column(GEOM_SRID, Integer)]
    # the relation fields (child → parent uuid) are indexed: a parent's delete looks up its live children
    links = tuple((MUNI, rel.child_field) for rel in schema.RELATIONS if rel.child == layer.name)
    # the workspace's unique codes (house_code, wo_number…) are looked up on every write of them (rules.py)
    codes = tuple((MUNI, f.name) for f in layer.fields if f.unique)
    return _tenant_table(layer_table_name(layer.name), *cols, pk=(MUNI, "uuid"), indexes=links + codes)


LAYER_TABLES: dict[str, Table] = {layer.name: _layer_table(layer) for layer in schema.LAYERS}


def sqlalchemy_url(url: str) -> str:
    """A store given as a file path or URL → a SQLAlchemy URL (``postgresql://`` uses psycopg 3)."""
    if url.startswith(("postgresql://", "postgres://")):
        return "postgresql+psycopg://" + url.split("://", 1)[1]
    if "://" in url:
        return url
    return f"sqlite:///{Path(url).expanduser().resolve()}"


def is_sqlite(engine: Engine) -> bool:
    return engine.dialect.name == "sqlite"


def make_engine(url: str) -> Engine:
    """The engine for a store. SQLite: WAL, synchronous=FULL, foreign keys on, and every writing
    transaction ``BEGIN IMMEDIATE`` (writers queue instead of failing to upgrade a read lock); a
    connection with the execution option ``readonly=True`` begins a plain read transaction."""
    sa_url = sqlalchemy_url(url)
    if not sa_url.startswith("sqlite"):
        return create_engine(sa_url, pool_pre_ping=True, pool_size=10, max_overflow=20)
    engine = create_engine(sa_url, connect_args={"timeout": 30, "check_same_thread": False})

    @event.listens_for(engine, "connect")
    def _pragmas(dbapi_con, _record):
        dbapi_con.isolation_level = None  # SQLAlchemy emits BEGIN itself (below)
        cur = dbapi_con.cursor()
        cur.execute("PRAGMA journal_mode=WAL")
        cur.execute("PRAGMA synchronous=FULL")
        cur.execute("PRAGMA foreign_keys=ON")
        cur.execute("PRAGMA busy_timeout=30000")
        cur.close()

    @event.listens_for(engine, "begin")
    def _begin(conn):
        # reads (execution option readonly=True) share the WAL snapshot; writes take the lock at once
        conn.exec_driver_sql("BEGIN" if conn.get_execution_options().get("readonly") else "BEGIN IMMEDIATE")

    return engine


def create_schema(engine: Engine) -> None:
    """Create every table that does not exist yet (idempotent)."""
    metadata.create_all(engine)


def blob_dir_for(url: str, blob_dir: str | Path | None) -> Path:
    """Where blob bytes live: ``blob_dir`` if given, else ``<db>.blobs/`` next to a SQLite file."""
    if blob_dir is not None:
        return Path(blob_dir)
    sa_url = sqlalchemy_url(url)
    if sa_url.startswith("sqlite:///"):
        return Path(sa_url[len("sqlite:///") :] + ".blobs")
    raise ValueError("a PostgreSQL store needs a blob folder (--blobs DIR)")
