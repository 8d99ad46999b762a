"""Is this file data at all? Cheap checks of a file given as input (or as a workspace) before a reader
sees it, so that an empty file, a saved web page or an unfinished download gets a message that says
what the file is and what to do, not a reader's traceback or a silently short import.
"""

from __future__ import annotations

import os
import struct

from ..common.errors import CddpError
from ..common.i18n import translate

_HEAD = 1024
_TAIL = 256
_SQLITE_MAGIC = b"SQLite format 3\x00"


def _ends(path: str) -> tuple[bytes, bytes, int]:
    size = os.path.getsize(path)
    with open(path, "rb") as f:
        if size <= _HEAD + _TAIL:
            data = f.read()
            return data[:_HEAD], data[-_TAIL:], size
        head = f.read(_HEAD)
        f.seek(size - _TAIL)
        tail = f.read(_TAIL)
    return head, tail, size


def _is_html(head: bytes) -> bool:
    text = head.lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    return text.startswith((b"<!doctype html", b"<html", b"<head", b"<body")) or (
        text.startswith(b"<") and b"<html" in text[:_HEAD]
    )


def _sqlite_truncated(head: bytes, size: int) -> bool:
    if len(head) < 100:
        return True
    page_size = struct.unpack(">H", head[16:18])[0]
    page_size = 65536 if page_size == 1 else page_size
    pages = struct.unpack(">I", head[28:32])[0]
    if head[24:28] != head[92:96]:  # the page count is only valid when SQLite says so
        return False
    return bool(pages) and size < pages * page_size


def problem(path: str | os.PathLike) -> tuple[str, dict] | None:
    """(message template, params) when ``path`` is clearly not a usable data file, else None."""
    p = os.fspath(path)
    if not os.path.isfile(p):
        return translate("core", "File not found: {path}"), {"path": p}
    try:
        head, tail, size = _ends(p)
    except OSError as exc:
        return translate("core", "Cannot read {path}: {error}"), {"path": p, "error": exc.strerror or str(exc)}
    ext = os.path.splitext(p)[1].lower()
    if size == 0 or not head.strip(b"\x00 \t\r\n\xef\xbb\xbf"):
        return (
            translate("core", "{path} is empty ({size} bytes): it holds no data. Export or download it again."),
            {"path": p, "size": size},
        )
    if _is_html(head):
        return (
            translate(
                "core",
                "{path} is a web page (HTML), not a data file: the download probably saved a login or error page. Download the data file itself (CSV, GeoJSON, GeoPackage…) and try again.",
            ),
            {"path": p},
        )
    if head.startswith(_SQLITE_MAGIC):
        if _sqlite_truncated(head, size):
            return _truncated(p, size)
    elif ext in (".gpkg", ".sqlite"):
        return (
            translate(
                "core",
                "{path} is not a GeoPackage (it is not an SQLite database). Check that you picked the right file, or export it again.",
            ),
            {"path": p},
        )
    if ext in (".geojson", ".json") and head.lstrip(b"\xef\xbb\xbf \t\r\n")[:1] in (b"{", b"["):
        if tail.rstrip(b" \t\r\n\x00")[-1:] not in (b"}", b"]"):
            return _truncated(p, size)
    if ext == ".shp" and len(head) >= 28:
        declared = struct.unpack(">i", head[24:28])[0] * 2
        if size < declared:
            return _truncated(p, size)
    if ext in (".zip", ".xlsx", ".kmz") and b"PK\x05\x06" not in tail:
        return _truncated(p, size)
    return None


def _truncated(path: str, size: int) -> tuple[str, dict]:
    return (
        translate(
            "core",
            "{path} is truncated ({size} bytes; the file ends before its data does): the download or copy was interrupted. Download or copy it again.",
        ),
        {"path": path, "size": size},
    )


def check_data_file(path: str | os.PathLike) -> None:
    """Raise a CddpError naming ``path`` when it is missing, empty, a web page or truncated."""
    found = problem(path)
    if found is not None:
        template, params = found
        raise CddpError(template, **params)
