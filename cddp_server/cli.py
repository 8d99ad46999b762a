"""``scripts/cddp-server``: run the reference server and manage its users.

cddp-server serve --db PATH|postgresql://… [--host 127.0.0.1] [--port 8765] [--blobs DIR] [--access-ttl S]
cddp-server user add --db … --muni CODE --user NAME --role ROLE [--srid 32647]   (password on stdin)
cddp-server person erase --db … --muni CODE --uuid RESIDENT_UUID [--blobs DIR]   (PostgreSQL: --blobs is needed)
"""

from __future__ import annotations

import argparse
import logging
import sys

from . import auth, db, roles, rules


def _serve(args) -> int:
    import uvicorn

    from .app import create_app

    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s %(message)s", stream=sys.stderr)
    app = create_app(args.db, args.blobs, access_ttl=args.access_ttl)
    # uvicorn's own access log is off: ours (app.py) logs no query strings, headers or bodies
    uvicorn.run(app, host=args.host, port=args.port, access_log=False, log_level="info", workers=1)
    return 0


def _user_add(args) -> int:
    password = sys.stdin.readline().rstrip("\r\n")
    engine = db.make_engine(args.db)
    db.create_schema(engine)
    try:
        what = auth.add_user(engine, args.muni, args.user, args.role, password, srid=args.srid)
    except Exception as exc:  # CddpError (DOPA code), ValueError (role, password)
        print(f"cddp-server user add: {exc}", file=sys.stderr)
        return 2
    print(f"user {args.user} ({args.role}) of municipality {args.muni}: {what}")
    return 0


def _person_erase(args) -> int:
    from .blobs import remove_blob_files

    try:  # before anything is erased: the photos' bytes must go too
        root = db.blob_dir_for(args.db, args.blobs)
    except ValueError:
        print(
            "cddp-server person erase: a PostgreSQL store keeps photos in a folder: give it with --blobs DIR "
            "(the folder the server was started with), so that the person's photos are removed too",
            file=sys.stderr,
        )
        return 2
    engine = db.make_engine(args.db)
    db.create_schema(engine)
    try:
        with engine.begin() as con:
            done = rules.erase_person(con, args.muni, args.uuid, by="cddp-server person erase")
    except (LookupError, rules.TenantNotFoundError):
        print(f"cddp-server person erase: no resident {args.uuid} in municipality {args.muni}", file=sys.stderr)
        return 2
    for sha in done.orphan_blobs:  # after the commit: a crash before this leaves bytes nobody can read any more
        remove_blob_files(root, args.muni, sha)
    print(
        f"resident erased from the layer and {done.feed_entries} feed entries; {len(done.orphan_blobs)} photo(s) removed"
    )
    return 0


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="cddp-server", description="The CDDP reference API server")
    sub = p.add_subparsers(dest="command", required=True)
    s = sub.add_parser("serve", help="run the HTTP server")
    s.add_argument("--db", required=True, help="SQLite file or postgresql://… URL")
    s.add_argument("--host", default="127.0.0.1")
    s.add_argument("--port", type=int, default=8765)
    s.add_argument("--blobs", default=None, help="folder for photos/documents (default: <db>.blobs)")
    s.add_argument("--access-ttl", type=int, default=auth.ACCESS_TTL, help="access-token lifetime in seconds")
    s.set_defaults(func=_serve)
    u = sub.add_parser("user", help="manage users").add_subparsers(dest="action", required=True)
    a = u.add_parser("add", help="add a user (password on standard input); creates the municipality if new")
    a.add_argument("--db", required=True)
    a.add_argument("--muni", required=True, help="DOPA code of the municipality (4 or 6 digits)")
    a.add_argument("--user", required=True)
    a.add_argument("--role", required=True, choices=roles.ROLES)
    a.add_argument("--srid", type=int, default=32647, help="the municipality's CRS (EPSG), when it is new")
    a.set_defaults(func=_user_add)
    pe = sub.add_parser("person", help="personal data").add_subparsers(dest="action", required=True)
    e = pe.add_parser("erase", help="erase a resident from the layer, the feed and the history (PDPA)")
    e.add_argument("--db", required=True)
    e.add_argument("--muni", required=True)
    e.add_argument("--uuid", required=True)
    e.add_argument("--blobs", default=None, help="the server's blob folder (default: <db>.blobs; PostgreSQL: needed)")
    e.set_defaults(func=_person_erase)
    args = p.parse_args(argv)
    return args.func(args)


if __name__ == "__main__":
    sys.exit(main())
