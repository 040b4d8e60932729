"""Where recordings live: a small storage interface and a local-directory implementation.

Files are named by a random key only (never the user's file name or extension, never a person's name), so a
playlist saved as ``clip.mp3`` can never be opened by extension and a path leaks nothing about whose voice it is.

``put_stream`` writes to a partial file under a random name, hashing and counting as it goes, refuses more than
``max_bytes``, fsyncs, lets the caller inspect the complete file (sniffing) and only then renames it into place and
fsyncs the directory. A crash mid-write leaves only a partial file, which ``sweep_partials`` removes; a file whose
database row never committed is an orphan, which :func:`sweep_orphans` removes (the database is the truth).

An S3-compatible store would implement the same protocol: ``put_stream`` as a multipart upload to a staging prefix,
``path_for_decoding`` as a download to a temporary file.
"""

from __future__ import annotations

import hashlib
import logging
import os
import re
import secrets
import time
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager, contextmanager
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path
from typing import BinaryIO, Protocol

from sqlmodel import Session, col, select

from training_app.db.tables import Clip, Role, User
from training_app.errors import InputRejected, NotFound
from training_app.services.authz import require_role

logger = logging.getLogger(__name__)

_CHUNK = 1 << 20
_KEY_RE = re.compile(r"^[0-9a-f]{32}$")


@dataclass(frozen=True)
class StoredMedia:
    key: str
    sha256: str
    size: int


class MediaStore(Protocol):
    def put_stream(
        self, stream: BinaryIO, *, max_bytes: int, inspect: Callable[[Path], None] | None = None
    ) -> StoredMedia: ...

    def open(self, key: str) -> BinaryIO: ...

    def path_for_decoding(self, key: str) -> AbstractContextManager[Path]:
        """A local path to the bytes while the context is open (a temporary copy for remote stores)."""
        ...

    def delete(self, key: str) -> None: ...

    def sweep_partials(self, older_than: timedelta) -> int: ...

    def keys_older_than(self, older_than: timedelta) -> list[str]: ...


def new_key() -> str:
    return secrets.token_hex(16)


def sha256_of(stream: BinaryIO) -> str:
    digest = hashlib.sha256()
    for chunk in iter(lambda: stream.read(_CHUNK), b""):
        digest.update(chunk)
    return digest.hexdigest()


def _fsync_dir(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


class LocalMediaStore:
    """``root/objects/<2 hex>/<32 hex>`` for stored files, ``root/partial/<32 hex>.part`` while writing."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.objects = root / "objects"
        self.partial = root / "partial"

    def _dirs(self) -> None:
        for path in (self.root, self.objects, self.partial):
            path.mkdir(mode=0o700, parents=True, exist_ok=True)

    def _path(self, key: str) -> Path:
        if not _KEY_RE.match(key):
            raise NotFound("clips.media_missing")
        return self.objects / key[:2] / key

    def put_stream(
        self, stream: BinaryIO, *, max_bytes: int, inspect: Callable[[Path], None] | None = None
    ) -> StoredMedia:
        self._dirs()
        key = new_key()
        part = self.partial / f"{new_key()}.part"
        try:
            digest, size = self._write(stream, part, max_bytes)
            if inspect is not None:
                inspect(part)
            final = self._path(key)
            final.parent.mkdir(mode=0o700, exist_ok=True)
            os.replace(part, final)
            _fsync_dir(final.parent)
        except BaseException:
            part.unlink(missing_ok=True)
            raise
        return StoredMedia(key=key, sha256=digest, size=size)

    @staticmethod
    def _write(stream: BinaryIO, part: Path, max_bytes: int) -> tuple[str, int]:
        digest, size = hashlib.sha256(), 0
        fd = os.open(part, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "wb") as out:
            for chunk in iter(lambda: stream.read(_CHUNK), b""):
                size += len(chunk)
                if size > max_bytes:
                    raise InputRejected("clips.too_large", max_mb=max(1, max_bytes // (1 << 20)))
                digest.update(chunk)
                out.write(chunk)
            out.flush()
            os.fsync(out.fileno())
        return digest.hexdigest(), size

    def open(self, key: str) -> BinaryIO:
        try:
            return self._path(key).open("rb")
        except FileNotFoundError:
            raise NotFound("clips.media_missing") from None

    @contextmanager
    def path_for_decoding(self, key: str) -> Iterator[Path]:
        path = self._path(key)
        if not path.is_file():
            raise NotFound("clips.media_missing")
        yield path

    def delete(self, key: str) -> None:
        self._path(key).unlink(missing_ok=True)

    def sweep_partials(self, older_than: timedelta) -> int:
        """Remove partial files (interrupted uploads) older than ``older_than``."""
        cutoff, removed = time.time() - older_than.total_seconds(), 0
        for part in self.partial.glob("*.part") if self.partial.is_dir() else ():
            try:
                if part.stat().st_mtime <= cutoff:
                    part.unlink()
                    removed += 1
            except FileNotFoundError:
                continue
        return removed

    def keys_older_than(self, older_than: timedelta) -> list[str]:
        cutoff = time.time() - older_than.total_seconds()
        if not self.objects.is_dir():
            return []
        return [p.name for p in self.objects.glob("*/*") if _KEY_RE.match(p.name) and p.stat().st_mtime <= cutoff]


def sweep_orphans(session: Session, actor: User, store: MediaStore, *, older_than: timedelta) -> int:
    """Remove partial files and stored files that no clip row references (uploads never acknowledged).

    ``older_than`` must exceed the time between writing a file and committing its row (seconds), so a file whose
    transaction is still in flight is never taken for an orphan.
    """
    require_role(actor, "media.sweep", Role.ADMIN)
    removed = store.sweep_partials(older_than)
    keys = store.keys_older_than(older_than)
    known: set[str] = set()
    for start in range(0, len(keys), 500):
        batch = keys[start : start + 500]
        known |= set(session.exec(select(Clip.media_key).where(col(Clip.media_key).in_(batch))))
    for key in keys:
        if key not in known:
            store.delete(key)
            removed += 1
    if removed:
        logger.info("media sweep removed %d unreferenced files", removed)
    return removed
