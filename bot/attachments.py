"""Shopper attachments: images checked by their magic bytes, stored under the home folder, erased with the customer.

The type a client declares (a multipart content type, a file name) is never trusted: the first bytes decide
what a file is. A file that declares one image type and is another, or that is no image we accept, is refused.
Files live in `<home>/attachments/<customer key>/`, where the key is the customer's erasure tombstone, so an
erasure removes the whole folder even after the database rows are gone.
"""

from __future__ import annotations

import hashlib
import logging
import os
import shutil
import tempfile
import uuid
from dataclasses import dataclass
from pathlib import Path

from bot.errors import ShopbotError
from bot.tombstones import PREFIX, ErasureKey, legacy_tombstone

log = logging.getLogger(__name__)

# what we accept: (mime, extension) by signature
EXTENSIONS = {"image/jpeg": "jpg", "image/png": "png", "image/gif": "gif", "image/webp": "webp"}
ALIASES = {"image/jpg": "image/jpeg", "image/pjpeg": "image/jpeg", "image/x-png": "image/png"}


class AttachmentError(ShopbotError):
    """An attachment was refused; `status` is the HTTP status a web channel answers with."""

    def __init__(self, message: str, *, status: int = 415) -> None:
        super().__init__(message)
        self.status = status


def sniff(data: bytes) -> str | None:
    """The image type the bytes themselves say (JPEG, PNG, GIF, WebP), or None."""
    if data.startswith(b"\xff\xd8\xff"):
        return "image/jpeg"
    if data.startswith(b"\x89PNG\r\n\x1a\n"):
        return "image/png"
    if data[:6] in (b"GIF87a", b"GIF89a"):
        return "image/gif"
    if len(data) >= 12 and data[:4] == b"RIFF" and data[8:12] == b"WEBP":
        return "image/webp"
    return None


def check_image(data: bytes, *, declared: str | None, max_bytes: int) -> str:
    """The checked mime type of an upload; raises AttachmentError saying why it is refused."""
    if not data:
        raise AttachmentError("the file is empty", status=400)
    if len(data) > max_bytes:
        raise AttachmentError(
            f"the file is too large ({len(data) / 1e6:.1f} MB; the limit is {max_bytes / 1e6:.1f} MB)", status=413
        )
    actual = sniff(data)
    if actual is None:
        raise AttachmentError("only photos can be sent (JPEG, PNG, GIF or WebP)")
    claimed = (declared or "").split(";")[0].strip().lower()
    claimed = ALIASES.get(claimed, claimed)
    if claimed and claimed not in ("application/octet-stream", actual):
        # a file whose declared type is not what its bytes are: a renamed executable, a polyglot, a mistake
        raise AttachmentError(f"the file says it is {claimed[:50]} but its content is {actual}; it was refused")
    return actual


@dataclass(frozen=True, slots=True)
class StoredFile:
    """A file written under the attachments folder."""

    path: str  # relative to the attachments folder
    mime: str
    size: int
    sha256: str


class AttachmentFiles:
    """The attachments folder: write, open and erase per customer."""

    def __init__(self, root: Path, key: ErasureKey) -> None:
        self.root = root
        self.key = key

    def folder(self, customer_id: str) -> Path:
        """The customer's folder (named by the keyed erasure tombstone, not the id)."""
        return self.root / self.key.tombstone(customer_id).removeprefix(PREFIX)[:32]

    def _legacy_folder(self, customer_id: str) -> Path:
        """Where an older version put the customer's files (an unkeyed hash); stored paths still point there."""
        return self.root / legacy_tombstone(customer_id)[:32]

    def save(self, customer_id: str, data: bytes, mime: str) -> StoredFile:
        """Write the bytes atomically (temporary file, fsync, rename) and return where they are."""
        folder = self.folder(customer_id)
        folder.mkdir(parents=True, exist_ok=True)
        name = f"{uuid.uuid4().hex}.{EXTENSIONS[mime]}"
        fd, tmp = tempfile.mkstemp(dir=folder, prefix=".upload-")
        try:
            with os.fdopen(fd, "wb") as fh:
                fh.write(data)
                fh.flush()
                os.fsync(fh.fileno())
            os.replace(tmp, folder / name)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
        rel = str((folder / name).relative_to(self.root))
        return StoredFile(path=rel, mime=mime, size=len(data), sha256=hashlib.sha256(data).hexdigest())

    def resolve(self, rel: str) -> Path | None:
        """The absolute path of a stored file, or None if it is gone or points outside the folder."""
        path = (self.root / rel).resolve()
        if not path.is_relative_to(self.root.resolve()) or not path.is_file():
            return None
        return path

    def forget(self, customer_id: str) -> None:
        """Delete every file of the customer (an erase hook; running it again does nothing)."""
        for folder in (self.folder(customer_id), self._legacy_folder(customer_id)):
            if folder.exists():
                shutil.rmtree(folder)
                log.info("erased a customer's attachments folder (%s)", folder.name[:12])
