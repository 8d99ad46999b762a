"""Field mapping: find the source column for each target field from common names, or as told."""

from __future__ import annotations

import re

from .errors import CddpError
from .i18n import translate


def _norm(name: str) -> str:
    return re.sub(r"[\s_\-.]", "", str(name)).lower()


def check_targets(overrides: dict[str, str] | None, candidates) -> None:
    """A mapping target the import does not know is refused (it would be accepted, logged and ignored)."""
    bad = [t for t, col in (overrides or {}).items() if t not in candidates and (t or col)]
    if bad:
        raise CddpError(
            translate(
                "core", "Unknown target field {target} in the field mapping; the fields it can fill are: {allowed}."
            ),
            target=", ".join(bad),
            allowed=", ".join(candidates),
        )


def detect_mapping(
    columns, candidates: dict[str, tuple[str, ...]], overrides: dict[str, str] | None = None
) -> dict[str, str]:
    """target field → source column. ``overrides`` (target → column) win; empty overrides are ignored.

    Matching ignores case, spaces, dashes, dots and underscores: ``Parcel Code`` finds ``parcel_code``.
    """
    check_targets(overrides, candidates)
    cols = list(columns)
    by_norm = {}
    for c in cols:
        by_norm.setdefault(_norm(c), c)
    mapping: dict[str, str] = {}
    for target, names in candidates.items():
        for name in (target, *names):
            col = by_norm.get(_norm(name))
            if col is not None and col not in mapping.values():
                mapping[target] = col
                break
    for target, col in (overrides or {}).items():
        if not col:
            continue
        if col not in cols:
            raise CddpError(
                translate("core", "Field '{field}' (for {target}) is not in the input; its fields are: {fields}."),
                field=col,
                target=target,
                fields=", ".join(map(str, cols)),
            )
        mapping[target] = col
    return mapping


def parse_mapping(text: str) -> dict[str, str]:
    """``"parcel_code=CODE; land_no=LANDNO"`` → ``{"parcel_code": "CODE", "land_no": "LANDNO"}``."""
    out = {}
    for part in re.split(r"[;,\n]", text or ""):
        if not part.strip():
            continue
        if "=" not in part:
            raise CddpError(
                translate("core", "Field mapping '{part}' must look like target=source_field."), part=part.strip()
            )
        target, source = (s.strip() for s in part.split("=", 1))
        out[target] = source
    return out
