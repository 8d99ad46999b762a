"""The Thai translation: i18n/th/*.py is the single source, the committed .ts is its up-to-date build product.

Plain pytest (no QGIS). After changing a user-visible string, run `make update-ts` and add its Thai to the
table of its part in i18n/th/.
"""

from __future__ import annotations

import importlib.util
import re
import shutil
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
TS = ROOT / "cddp_plugin" / "i18n" / "cddp_plugin_th.ts"
PLACEHOLDER = re.compile(r"\{[^{}]*\}")


def _update_ts():
    spec = importlib.util.spec_from_file_location("cddp_update_ts", ROOT / "scripts" / "update_ts.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up
    spec.loader.exec_module(module)
    return module


update_ts = _update_ts()


@pytest.fixture(scope="module")
def table() -> dict[str, str]:
    return update_ts.load_tables()


@pytest.fixture(scope="module")
def messages() -> list[tuple[str, str, ET.Element]]:
    """(context, source, translation element) of every message of the committed .ts."""
    found = []
    for context in ET.parse(TS).getroot().iter("context"):
        name = context.findtext("name")
        for message in context.iter("message"):
            found.append((name, message.findtext("source") or "", message.find("translation")))
    return found


def _short(text: str) -> str:
    return text.replace("\n", " ")[:80]


def test_ts_is_lrelease_ready():
    text = TS.read_text(encoding="utf-8")
    assert text.startswith("<?xml version='1.0' encoding='utf-8'?>\n<!DOCTYPE TS>\n<TS ")
    assert ET.fromstring(text.encode("utf-8")).get("language") == "th_TH"
    assert "<location " not in text


def test_every_message_is_translated(messages):
    assert messages
    unfinished = [f"{c}: {_short(s)}" for c, s, t in messages if t is None or t.get("type") == "unfinished"]
    empty = [f"{c}: {_short(s)}" for c, s, t in messages if t is None or not (t.text or "").strip()]
    assert not unfinished, "unfinished in the .ts (add the Thai to i18n/th/, then make update-ts):\n" + "\n".join(
        unfinished
    )
    assert not empty, "empty translations in the .ts:\n" + "\n".join(empty)


def test_no_dead_or_missing_key(table, messages):
    sources = {s for _, s, _ in messages}
    dead = sorted(_short(s) for s in set(table) - sources)
    missing = sorted(_short(s) for s in sources - set(table))
    assert not dead, "i18n/th entries that are no message of the .ts (remove them, or run make update-ts):\n" + (
        "\n".join(dead)
    )
    assert not missing, "messages of the .ts without Thai in i18n/th:\n" + "\n".join(missing)


def test_placeholders_are_kept(table):
    wrong = []
    for source, thai in table.items():
        want, got = sorted(PLACEHOLDER.findall(source)), sorted(PLACEHOLDER.findall(thai))
        if want != got:
            wrong.append(f"{_short(source)}: source {want}, Thai {got}")
    assert not wrong, "placeholders differ between source and Thai:\n" + "\n".join(wrong)


def test_tables_are_plain_text(table):
    bad = [_short(s) for s, t in table.items() if not isinstance(s, str) or not isinstance(t, str) or not t.strip()]
    assert not bad, "i18n/th entries whose Thai is empty or not a string:\n" + "\n".join(bad)


def test_ts_is_up_to_date_with_the_tables(table, messages):
    stale = [f"{c}: {_short(s)}" for c, s, t in messages if s in table and (t.text or "") != table[s]]
    assert not stale, "the .ts differs from i18n/th (run make update-ts):\n" + "\n".join(stale)


def test_fill_is_idempotent(tmp_path, table):
    copy = tmp_path / TS.name
    shutil.copy(TS, copy)
    update_ts.fill(copy, table)
    once = copy.read_text(encoding="utf-8")
    result = update_ts.fill(copy, table)
    assert copy.read_text(encoding="utf-8") == once
    assert once == TS.read_text(encoding="utf-8"), "filling the committed .ts changes it: run make update-ts"
    assert result.messages == len(ET.fromstring(once.encode("utf-8")).findall(".//message"))


def test_fill_marks_unknown_messages_unfinished(tmp_path, table):
    copy = tmp_path / TS.name
    shutil.copy(TS, copy)
    some = next(iter(table))
    smaller = {k: v for k, v in table.items() if k != some}
    result = update_ts.fill(copy, smaller)
    assert some in result.untranslated
    for message in ET.parse(copy).getroot().iter("message"):
        if message.findtext("source") == some:
            assert message.find("translation").get("type") == "unfinished"
            assert not message.find("translation").text


def test_a_source_in_two_tables_is_an_error(tmp_path):
    (tmp_path / "a.py").write_text('TH = {"Refresh": "รีเฟรช"}\n', encoding="utf-8")
    (tmp_path / "b.py").write_text('TH = {"Refresh": "รีเฟรช"}\n', encoding="utf-8")
    with pytest.raises(ValueError, match="Refresh"):
        update_ts.load_tables(tmp_path)
