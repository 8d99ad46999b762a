#!/usr/bin/env python3
"""Update cddp_plugin/i18n/cddp_plugin_th.ts from the sources with pylupdate5.

pylupdate5 misses a translate(...) call whose last argument has a trailing comma, which ruff format
writes whenever it splits a long call over lines. So the sources are copied to a temporary folder
with those commas removed, pylupdate5 runs on the copy (keeping existing translations), and the
<location> lines (which would point into the temporary folder) are dropped.
"""

import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PLUGIN = ROOT / "cddp_plugin"
TS = PLUGIN / "i18n" / "cddp_plugin_th.ts"
TRAILING_COMMA = re.compile(r",(\s*)\)")


def main() -> int:
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
        if TS.exists():
            shutil.copy(TS, ts_copy)
        subprocess.run(["pylupdate5", "-noobsolete", *copies, "-ts", str(ts_copy)], cwd=tmp, check=True)
        text = ts_copy.read_text(encoding="utf-8")
    text = re.sub(r"\n\s*<location [^>]*/>", "", text)
    TS.write_text(text, encoding="utf-8")
    unfinished = text.count('type="unfinished"')
    print(f"{TS.relative_to(ROOT)}: {text.count('<message>')} messages, {unfinished} untranslated")
    return 0


if __name__ == "__main__":
    sys.exit(main())
