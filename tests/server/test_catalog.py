"""The server's PostgreSQL schema is ready for Citus (SYNC.md "Scale"), read from the real catalog.

The national programme (~7,850 local governments) scales out on Citus with `municipality_code` as the distribution
column. Citus is not packaged for Debian, so these rules are held here against PostgreSQL 15's own catalog, after
`cddp_server.db.create_schema` has run on a fresh PostGIS database of the tests' temporary cluster (tests/server/pg.py):

- every table of the server has a `municipality_code` column and a primary key that includes it;
- every unique constraint and every unique index includes it (Citus cannot enforce uniqueness across shards);
- every foreign key includes it on both sides, paired with each other (co-located joins: a tenant's rows reference
  only rows of the same tenant);
- no triggers (Citus does not run triggers on distributed tables; the server writes its feed in application code);
- a push touches one tenant: with `log_statement = all` on the database during one push, every statement that names a
  server table carries the pushing municipality's code and never another's (test_push_touches_one_tenant).
"""

from __future__ import annotations

import re

import pytest

sqlalchemy = pytest.importorskip("sqlalchemy")
db = pytest.importorskip("cddp_server.db")

from sqlalchemy import text  # noqa: E402

MUNI = "municipality_code"


def _tables(conn) -> set[str]:
    return set(
        conn.execute(
            text(
                "SELECT c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace "
                "WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p')"
            )
        ).scalars()
    )


@pytest.fixture
def catalog(pg_cluster, pg_database):
    """(connection, the tables create_schema made) on a fresh database; the extension's own tables are excluded by
    taking the difference with the catalog before create_schema."""
    engine = db.make_engine(pg_cluster.url(pg_database))
    try:
        with engine.connect() as conn:
            before = _tables(conn)
        db.create_schema(engine)
        with engine.connect() as conn:
            made = _tables(conn) - before
            yield conn, made
    finally:
        engine.dispose()


def _constraints(conn, tables: set[str], kinds: str):
    """(table, name, kind, columns, referenced table, referenced columns) of the constraints of `tables`."""
    rows = conn.execute(
        text(
            """
            SELECT t.relname, con.conname, con.contype,
                   ARRAY(SELECT a.attname FROM unnest(con.conkey) WITH ORDINALITY k(n, i)
                         JOIN pg_attribute a ON a.attrelid = con.conrelid AND a.attnum = k.n ORDER BY k.i),
                   rt.relname,
                   ARRAY(SELECT a.attname FROM unnest(con.confkey) WITH ORDINALITY k(n, i)
                         JOIN pg_attribute a ON a.attrelid = con.confrelid AND a.attnum = k.n ORDER BY k.i)
            FROM pg_constraint con
            JOIN pg_class t ON t.oid = con.conrelid
            JOIN pg_namespace n ON n.oid = t.relnamespace AND n.nspname = 'public'
            LEFT JOIN pg_class rt ON rt.oid = con.confrelid
            WHERE con.contype = ANY(:kinds)
            ORDER BY 1, 2
            """
        ),
        {"kinds": list(kinds)},
    ).all()
    return [r for r in rows if r[0] in tables]


def test_the_schema_is_made_and_every_table_has_the_distribution_column(catalog):
    conn, tables = catalog
    assert len(tables) >= 8, f"create_schema made only {sorted(tables)}"
    layer_tables = {t for t in tables if t.startswith("layer_")}
    from cddp_plugin.core.workspace import schema

    assert len(layer_tables) == len(schema.LAYERS), "one table per layer of the plugin's schema (one schema)"
    with_column = set(
        conn.execute(
            text(
                "SELECT table_name FROM information_schema.columns WHERE table_schema = 'public' AND column_name = :c"
            ),
            {"c": MUNI},
        ).scalars()
    )
    lacking = sorted(tables - with_column)
    assert not lacking, f"tables without the distribution column {MUNI}: {lacking}"


def test_municipality_code_is_in_every_primary_key(catalog):
    conn, tables = catalog
    pks = {r[0]: r[3] for r in _constraints(conn, tables, "p")}
    no_pk = sorted(tables - set(pks))
    assert not no_pk, f"tables without a primary key: {no_pk}"
    bad = {t: cols for t, cols in pks.items() if MUNI not in cols}
    assert not bad, f"primary keys without {MUNI} (Citus needs the distribution column in them): {bad}"


def test_municipality_code_is_in_every_unique_constraint_and_unique_index(catalog):
    conn, tables = catalog
    uniques = _constraints(conn, tables, "ux")  # unique and exclusion constraints
    bad = [f"{t}.{name} {cols}" for t, name, _, cols, _, _ in uniques if MUNI not in cols]
    indexes = conn.execute(
        text(
            """
            SELECT t.relname, i.relname,
                   ARRAY(SELECT a.attname FROM unnest(x.indkey::int2[]) WITH ORDINALITY k(n, o)
                         JOIN pg_attribute a ON a.attrelid = x.indrelid AND a.attnum = k.n ORDER BY k.o),
                   x.indexprs IS NOT NULL
            FROM pg_index x
            JOIN pg_class i ON i.oid = x.indexrelid
            JOIN pg_class t ON t.oid = x.indrelid
            JOIN pg_namespace n ON n.oid = t.relnamespace AND n.nspname = 'public'
            WHERE x.indisunique
            """
        )
    ).all()
    unique_indexes = [r for r in indexes if r[0] in tables]
    assert unique_indexes, "no unique index at all: the catalog query is wrong"
    bad += [f"{t}.{name} {cols}" for t, name, cols, _ in unique_indexes if MUNI not in cols]
    assert not bad, f"unique constraints/indexes without {MUNI}: {bad}"


def test_municipality_code_is_in_every_foreign_key_on_both_sides(catalog):
    conn, tables = catalog
    fks = _constraints(conn, tables, "f")
    assert fks, "no foreign key at all: every tenant table references its municipality"
    bad = []
    for table, name, _, cols, ref_table, ref_cols in fks:
        if ref_table not in tables:
            bad.append(f"{table}.{name} references {ref_table}, which is not a server table")
        elif MUNI not in cols or MUNI not in ref_cols:
            bad.append(f"{table}.{name} ({cols}) → {ref_table} ({ref_cols})")
        elif cols.index(MUNI) != ref_cols.index(MUNI):
            bad.append(f"{table}.{name} pairs {MUNI} with {ref_table}.{ref_cols[cols.index(MUNI)]}")
    assert not bad, f"foreign keys not keyed by {MUNI} on both sides (not co-located): {bad}"


def test_no_triggers(catalog):
    conn, tables = catalog
    triggers = conn.execute(
        text(
            "SELECT c.relname, tg.tgname FROM pg_trigger tg JOIN pg_class c ON c.oid = tg.tgrelid "
            "JOIN pg_namespace n ON n.oid = c.relnamespace AND n.nspname = 'public' WHERE NOT tg.tgisinternal"
        )
    ).all()
    assert not [tuple(t) for t in triggers if t[0] in tables], "the feed is written in application code, not triggers"
    # and the check can see a trigger: one made here is found, then removed
    some = sorted(tables)[0]
    conn.execute(text("CREATE FUNCTION cddp_probe() RETURNS trigger LANGUAGE plpgsql AS 'BEGIN RETURN NEW; END'"))
    conn.execute(
        text(f'CREATE TRIGGER cddp_probe BEFORE INSERT ON "{some}" FOR EACH ROW EXECUTE FUNCTION cddp_probe()')
    )
    seen = conn.execute(
        text("SELECT count(*) FROM pg_trigger WHERE tgname = 'cddp_probe' AND NOT tgisinternal")
    ).scalar_one()
    conn.rollback()
    assert seen == 1


# -- a push touches one tenant ----------------------------------------------------------------------------------------
_ENTRY = re.compile(r"^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\.\d+ \S+ \[\d+\] db=(?P<db>\S*) user=\S* (?P<rest>.*)$")
_STATEMENT = re.compile(r"^LOG:\s+(?:statement|execute [^:]+):\s*(?P<sql>.*)$", re.S)
_PARAMS = re.compile(r"^DETAIL:\s+parameters: (?P<params>.*)$", re.S | re.I)
_VALUE = re.compile(r"\$\d+ = (?:'((?:[^']|'')*)'|NULL)")


def _statements(log_text: str, database: str) -> list[tuple[str, list[str]]]:
    """(SQL, bound parameter values) of every statement the cluster logged for `database`, in order."""
    entries: list[list[str]] = []
    for line in log_text.splitlines():
        m = _ENTRY.match(line)
        if m:
            entries.append([m["db"], m["rest"]])
        elif entries:
            entries[-1][1] += "\n" + line
    out: list[tuple[str, list[str]]] = []
    for db_name, rest in entries:
        if db_name != database:
            continue
        if m := _STATEMENT.match(rest):
            out.append((m["sql"], []))
        elif (m := _PARAMS.match(rest)) and out:
            out[-1][1].extend(v.replace("''", "'") for v in _VALUE.findall(m["params"]))
    return out


def test_push_touches_one_tenant(pg_cluster, tmp_path):
    """With `log_statement = all` on the store's database, one push of 40 real Prue Yai parcels by a user of 330506 —
    while another municipality has rows of its own — runs statements that each name only server tables through
    `municipality_code` = 330506: every statement on a server table carries that code (as a bound value or a literal)
    and none carries the other municipality's. On Citus that makes the push one single-shard transaction."""
    from tests.server import helpers
    from tests.server.conftest import MUNI, OTHER, Server, add_user

    database = pg_cluster.new_database()
    pg_cluster.psql(f"ALTER DATABASE {database} SET log_statement = 'all'")
    url = pg_cluster.url(database, driver="postgresql")
    for muni, user, role in ((MUNI, "gis1", "gis_editor"), (OTHER, "gis_pw", "gis_editor")):
        out = add_user(url, muni, user, role)
        assert out.returncode == 0, out.stderr
    server = Server(url, tmp_path)
    try:
        parcels = helpers.prueyai_parcels()
        with server.as_user("gis_pw", OTHER) as other:  # the other tenant has rows too (its own CRS)
            values, _geom = parcels[0]
            change = helpers.insert("parcels", values)
            r = helpers.push(other, [change], key="other-1")
            assert r.status_code == 200, r.text
        with server.as_user("gis1", MUNI) as mine:
            batch = [helpers.insert("parcels", v, g) for v, g in parcels[:40]]
            start = pg_cluster.log_file.stat().st_size
            r = helpers.push(mine, batch, key="one-tenant-1")
            end = pg_cluster.log_file.stat().st_size
        assert r.status_code == 200, r.text
        statuses = [x["status"] for x in r.json()["results"]]
        assert statuses == ["applied"] * len(batch), statuses
    finally:
        server.stop()
    with open(pg_cluster.log_file, "rb") as fh:
        fh.seek(start)
        logged = fh.read(end - start).decode("utf-8", errors="replace")
    statements = _statements(logged, database)
    assert statements, f"no statement logged for {database} during the push:\n{logged[-2000:]}"
    tables = sorted(db.metadata.tables, key=len, reverse=True)
    named = re.compile(r'\b(?:FROM|INTO|UPDATE|JOIN)\s+"?(' + "|".join(map(re.escape, tables)) + r')"?\b', re.I)
    touching = [(sql, params) for sql, params in statements if named.search(sql)]
    writes = [sql for sql, _ in touching if re.match(r"\s*(INSERT|UPDATE|DELETE)\b", sql, re.I)]
    assert len(writes) >= 2, f"the push wrote nothing that was logged: {[s for s, _ in statements][:20]}"
    bad = []
    for sql, params in touching:
        values = set(params) | set(re.findall(r"'([^']*)'", sql))
        table = named.search(sql)[1]
        if MUNI not in values:
            bad.append(f"{table}: no {MUNI} in {sql[:160]!r} {params[:6]}")
        elif OTHER in values:
            bad.append(f"{table}: also touches {OTHER}: {sql[:160]!r}")
        elif "municipality_code" not in sql and table != "municipalities":
            bad.append(f"{table}: not filtered by municipality_code: {sql[:160]!r}")
    assert not bad, f"{len(bad)} of {len(touching)} statements of the push are not single-tenant:\n" + "\n".join(bad)
