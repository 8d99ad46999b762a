"""Work-order photos stored by content (SHA-256) beside the workspace.

Layout: for the workspace ``/data/prueyai.gpkg`` a photo whose SHA-256 is ``ab12…`` (64 hex
characters) is kept as ``/data/prueyai_photos/ab/ab12….jpg`` — a folder named after the workspace,
one sub-folder per first two hex characters (so no folder grows past a few thousand files), the
file named by its full hash with the extension of its detected type. The hash is the photo's
identity everywhere: in a ``work_order_events`` record (``photo_hashes``), in sync (photos travel
separately, by hash), and here; the same picture attached twice is stored once.

Only images are accepted (JPEG, PNG, GIF, WebP, HEIC/HEIF, TIFF, BMP, recognised by their first
bytes, not by the file name). A copy is written to a temporary name, its hash checked against the
source's, then renamed into place, so an interrupted copy never leaves a half file under a hash name.
"""

from __future__ import annotations

import hashlib
import os
import re
import shutil
import tempfile
from pathlib import Path

from ..common.errors import CddpError
from ..common.i18n import translate

MAX_BYTES = 50 * 1024 * 1024  # a phone photo is a few MB; anything this big is not a photo
_HEX64 = re.compile(r"^[0-9a-f]{64}$")
EXTENSIONS = ("jpg", "png", "gif", "webp", "heic", "tif", "bmp")


def photo_dir(workspace: str | os.PathLike) -> Path:
    """``<workspace folder>/<workspace stem>_photos``."""
    ws = Path(os.fspath(workspace))
    return ws.with_name(f"{ws.stem}_photos")


def image_type(head: bytes) -> str | None:
    """The extension for an image recognised from its first bytes (at least 16), else None."""
    if head.startswith(b"\xff\xd8\xff"):
        return "jpg"
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return "png"
    if head[:6] in (b"GIF87a", b"GIF89a"):
        return "gif"
    if head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        return "webp"
    if head[4:8] == b"ftyp" and head[8:12] in (b"heic", b"heix", b"hevc", b"heim", b"heis", b"mif1", b"msf1"):
        return "heic"
    if head[:4] in (b"II*\x00", b"MM\x00*"):
        return "tif"
    if head[:2] == b"BM" and len(head) >= 6:
        return "bmp"
    return None


def _check_hash(sha256: str) -> str:
    text = str(sha256 or "").strip().lower()
    if not _HEX64.match(text):
        raise CddpError(
            translate("core", "'{value}' is not a SHA-256 photo hash (64 hexadecimal characters)."), value=sha256
        )
    return text


def _source(path: str | os.PathLike) -> tuple[Path, str]:
    src = Path(os.fspath(path))
    try:
        if not src.is_file():
            raise CddpError(translate("core", "Photo {path}: the file does not exist."), path=str(src))
        size = src.stat().st_size
        with open(src, "rb") as f:
            head = f.read(32)
    except PermissionError:
        raise CddpError(
            translate("core", "Photo {path}: the file cannot be read (permission denied)."), path=str(src)
        ) from None
    except OSError as exc:
        raise CddpError(
            translate("core", "Photo {path}: the file cannot be read ({error})."), path=str(src), error=exc.strerror
        ) from None
    if size == 0:
        raise CddpError(translate("core", "Photo {path}: the file is empty."), path=str(src))
    if size > MAX_BYTES:
        raise CddpError(
            translate("core", "Photo {path}: the file is {size} MB; photos may be at most {max} MB."),
            path=str(src),
            size=f"{size / 1048576:.0f}",
            max=MAX_BYTES // 1048576,
        )
    ext = image_type(head)
    if ext is None:
        raise CddpError(
            translate(
                "core",
                "Photo {path}: the file is not an image (JPEG, PNG, GIF, WebP, HEIC, TIFF or BMP expected).",
            ),
            path=str(src),
        )
    return src, ext


def stored_path(workspace: str | os.PathLike, sha256: str, ext: str) -> Path:
    sha = _check_hash(sha256)
    return photo_dir(workspace) / sha[:2] / f"{sha}.{ext}"


def store_photo(workspace: str | os.PathLike, path: str | os.PathLike) -> tuple[str, Path]:
    """Store the image at ``path`` beside ``workspace``; return ``(sha256, stored path)``.

    A photo already stored (same content) is not copied again. Raises :class:`CddpError` for a
    missing, unreadable, empty, oversized or non-image file, or when the copy does not match.
    """
    src, ext = _source(path)
    sha = sha256_file(src)
    existing = find_photo(workspace, sha)
    if existing is not None:
        return sha, existing
    target = stored_path(workspace, sha, ext)
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp_name = tempfile.mkstemp(prefix=".incoming-", dir=target.parent)
        with os.fdopen(fd, "wb") as out, open(src, "rb") as inp:
            shutil.copyfileobj(inp, out, 1 << 20)
    except OSError as exc:
        raise CddpError(
            translate("core", "Cannot store photo {path} in {folder}: {error}"),
            path=str(src),
            folder=str(target.parent),
            error=exc.strerror or str(exc),
        ) from None
    if sha256_file(tmp_name) != sha:
        os.unlink(tmp_name)
        raise CddpError(translate("core", "Photo {path} changed while it was being stored; try again."), path=str(src))
    os.replace(tmp_name, target)
    return sha, target


def find_photo(workspace: str | os.PathLike, sha256: str) -> Path | None:
    """The stored file of the photo with this hash, or None when it is not stored here."""
    sha = _check_hash(sha256)
    folder = photo_dir(workspace) / sha[:2]
    for ext in EXTENSIONS:
        candidate = folder / f"{sha}.{ext}"
        if candidate.is_file():
            return candidate
    return None


def verify_photo(workspace: str | os.PathLike, sha256: str) -> bool:
    """True when the photo is stored and its content still has this hash."""
    found = find_photo(workspace, sha256)
    return found is not None and sha256_file(found) == _check_hash(sha256)


def sha256_file(path: str | Path, chunk: int = 1 << 20) -> str:
    """SHA-256 (hex) of a photo file, read in chunks: the identity under which photos are stored and synced."""
    digest = hashlib.sha256()
    with open(path, "rb") as f:
        while block := f.read(chunk):
            digest.update(block)
    return digest.hexdigest()
