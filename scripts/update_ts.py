#!/usr/bin/env python3
"""`make update-ts`: refresh cddp_plugin/i18n/cddp_plugin_th.ts from the sources and fill it from i18n/th/.

The Thai wording has one source: the tables of ``i18n/th/<part>.py`` (one per domain, each ``TH = {english
source: thai}``), reviewed in code review like any code. The .ts is a build product (still committed, because
QGIS plugin packaging compiles it to .qm with lrelease). This script does both steps in one go:

1. pylupdate5 collects the messages. It misses a translate(...) call whose last argument has a trailing comma,
   which ruff format writes whenever it splits a long call over lines, so the sources are copied to a temporary
   folder with those commas removed and pylupdate5 runs on the copy.
2. Every message's translation is set from the tables (a message the tables do not know is left unfinished and
   listed), the <location> lines (which would point into the temporary folder) are dropped, and the file is
   written in the form lrelease reads (XML declaration, ``<!DOCTYPE TS>``).

``--fill-only`` skips step 1 (no pylupdate5 needed). tests/test_translations.py checks the result.
"""

from __future__ import annotations

import argparse
import importlib.util
import re
import shutil
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PLUGIN = ROOT / "cddp_plugin"
TS = PLUGIN / "i18n" / "cddp_plugin_th.ts"
TABLES = ROOT / "i18n" / "th"
LANGUAGE = "th_TH"
TRAILING_COMMA = re.compile(r",(\s*)\)")


def load_tables(folder: Path = TABLES) -> dict[str, str]:
    """The Thai tables of ``folder/*.py`` merged; a source in two tables is an error (one source, one wording)."""
    merged: dict[str, str] = {}
    where: dict[str, str] = {}
    for path in sorted(folder.glob("*.py")):
        if path.name.startswith("_"):
            continue
        spec = importlib.util.spec_from_file_location(f"cddp_th_{path.stem}", path)
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
        for source, thai in module.TH.items():
            if source in merged:
                raise ValueError(f"{source!r} is in both {where[source]} and {path.name}; keep it in one table")
            merged[source] = thai
            where[source] = path.name
    return merged


@dataclass
class FillResult:
    messages: int = 0
    translated: int = 0
    untranslated: list[str] = field(default_factory=list)
    unused: list[str] = field(default_factory=list)


def fill(ts: Path = TS, table: dict[str, str] | None = None) -> FillResult:
    """Set every message's translation of ``ts`` from ``table`` (default: the i18n/th tables) and rewrite it."""
    table = load_tables() if table is None else table
    tree = ET.parse(ts)
    root = tree.getroot()
    root.set("language", LANGUAGE)
    result = FillResult()
    sources = set()
    for message in root.iter("message"):
        for location in message.findall("location"):
            message.remove(location)
        source = message.find("source").text or ""
        sources.add(source)
        translation = message.find("translation")
        if translation is None:
            translation = ET.SubElement(message, "translation")
        result.messages += 1
        if source in table:
            translation.text = table[source]
            translation.attrib.pop("type", None)
            result.translated += 1
        else:  # the tables are the only source: no wording kept from elsewhere
            translation.text = None
            translation.set("type", "unfinished")
            result.untranslated.append(source)
    result.unused = [source for source in table if source not in sources]
    ET.indent(tree, "    ")
    text = ET.tostring(root, encoding="unicode", xml_declaration=False)
    ts.write_text(f"<?xml version='1.0' encoding='utf-8'?>\n<!DOCTYPE TS>\n{text}", encoding="utf-8")
    return result


def run_pylupdate(ts: Path = TS) -> None:
    """Collect the messages of the plugin's sources into ``ts`` with pylupdate5 (dropping obsolete ones)."""
    with tempfile.TemporaryDirectory() as tmp:
        copies = []
        for src in sorted(PLUGIN.rglob("*")):
            if src.suffix not in (".py", ".ui") or src.name == "resources_rc.py" or "__pycache__" in src.parts:
                continue
            dst = Path(tmp) / src.relative_to(ROOT)
            dst.parent.mkdir(parents=True, exist_ok=True)
            text = src.read_text(encoding="utf-8")
            if src.suffix == ".py":
                text = TRAILING_COMMA.sub(r"\1)", text)
            dst.write_text(text, encoding="utf-8")
            copies.append(str(dst.relative_to(tmp)))
        ts_copy = Path(tmp) / "out.ts"
        if ts.exists():
            shutil.copy(ts, ts_copy)
        subprocess.run(["pylupdate5", "-noobsolete", *copies, "-ts", str(ts_copy)], cwd=tmp, check=True)
        shutil.copy(ts_copy, ts)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--fill-only", action="store_true", help="only fill the .ts from i18n/th (no pylupdate5)")
    args = parser.parse_args(argv)
    table = load_tables()  # fail on a broken table before touching the .ts
    if not args.fill_only:
        run_pylupdate()
    result = fill(TS, table)
    for source in result.untranslated:
        print("untranslated:", source.replace("\n", " ")[:100])
    for source in result.unused:
        print("not in the sources (remove from i18n/th):", source.replace("\n", " ")[:100])
    print(
        f"{TS.relative_to(ROOT)}: {result.messages} messages, {result.translated} translated from "
        f"{TABLES.relative_to(ROOT)}/ ({len(table)} entries), {len(result.untranslated)} untranslated, "
        f"{len(result.unused)} unused table entries"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
