#!/usr/bin/env python3
"""The committed CDDP API contract, openapi/cddp.yaml (OpenAPI 3.1), written from the reference server's own app.

    scripts/openapi.py --write            regenerate openapi/cddp.yaml from cddp_server (commit the result)
    scripts/openapi.py --check            exit 1, with a diff, when the server has drifted from the committed file
    scripts/openapi.py --check --file F   the same against another file

The document is what FastAPI publishes at /openapi.json (`app.openapi()`), dumped as YAML with the keys in the app's
own order, so a change of a path, parameter, model or status in cddp_server shows up as a reviewable diff here.
tests/server/test_openapi.py runs --check and compares the committed file with the live server's /openapi.json.
"""

from __future__ import annotations

import argparse
import difflib
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CONTRACT = ROOT / "openapi" / "cddp.yaml"
HEADER = (
    "# The CDDP API contract (OpenAPI 3.1). Generated from cddp_server by `scripts/openapi.py --write`; do not edit by\n"
    "# hand. CI fails when the server drifts from this file (tests/server/test_openapi.py).\n"
)


def document() -> dict:
    """The OpenAPI document of the reference server, built on a throw-away SQLite store."""
    sys.path.insert(0, str(ROOT))
    from cddp_server.app import create_app

    with tempfile.TemporaryDirectory(prefix="cddp-openapi-") as tmp:
        app = create_app(f"sqlite:///{Path(tmp) / 'openapi.sqlite'}", blob_dir=Path(tmp) / "blobs")
        return app.openapi()


def render(doc: dict) -> str:
    import yaml

    class _Dumper(yaml.SafeDumper):
        pass

    # Long descriptions as readable blocks; everything else as plain YAML.
    def _str(dumper, value):
        style = "|" if "\n" in value else None
        return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)

    _Dumper.add_representer(str, _str)
    return HEADER + yaml.dump(doc, Dumper=_Dumper, sort_keys=False, allow_unicode=True, width=120)


def load(path: Path) -> dict:
    import yaml

    return yaml.safe_load(path.read_text(encoding="utf-8"))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    mode = parser.add_mutually_exclusive_group(required=True)
    mode.add_argument("--write", action="store_true", help="regenerate the committed contract")
    mode.add_argument("--check", action="store_true", help="fail when the server differs from the committed contract")
    parser.add_argument("--file", type=Path, default=CONTRACT, help=f"the contract file (default {CONTRACT})")
    args = parser.parse_args(argv)

    text = render(document())
    if args.write:
        args.file.parent.mkdir(parents=True, exist_ok=True)
        args.file.write_text(text, encoding="utf-8")
        print(f"wrote {args.file} ({len(text.splitlines())} lines)")
        return 0
    if not args.file.exists():
        print(
            f"{args.file} does not exist: run `make openapi` (scripts/openapi.py --write) and commit it.",
            file=sys.stderr,
        )
        return 1
    committed = args.file.read_text(encoding="utf-8")
    if committed == text:
        print(f"{args.file}: the server matches the contract")
        return 0
    diff = list(
        difflib.unified_diff(
            committed.splitlines(), text.splitlines(), f"{args.file} (committed)", "cddp_server (now)", lineterm=""
        )
    )
    shown = "\n".join(diff[:80]) + (f"\n… {len(diff) - 80} more diff lines" if len(diff) > 80 else "")
    print(
        f"{shown}\n\nThe server has drifted from the committed contract {args.file}. If the change is intended, run "
        "`make openapi` (scripts/openapi.py --write) and commit the new contract; otherwise fix cddp_server.",
        file=sys.stderr,
    )
    return 1


if __name__ == "__main__":
    sys.exit(main())
