"""The deletion ledger as an append-only file beside the media store (``<media dir>/deletion-ledger.jsonl``).

The database keeps the ledger too (``DeletionLedger``), but a database can be lost. The file lives on the media
volume, so a restore of an old database + media can still re-apply every deletion made since, even when the current
database is gone.

One JSON object per line: ``kind``, ``object_id``, ``media_key``, ``media_sha256``, ``reason``, ``at`` (ids and
hashes, never content), ``prev`` (the previous line's ``sha256``) and ``sha256`` (over the line without that field):
a hash chain, so an edited or removed line is detected. Lines are appended under an exclusive ``flock`` (several app
instances and workers on one host) and ``fsync``'d before the call returns. A torn last line (a crash mid-write) is
skipped with a warning; a changed line, or one whose predecessor vanished, stops the reader with
``privacy.ledger_corrupt``.

``flock`` does not coordinate hosts over every network file system: with several hosts, the lines stay valid
(``O_APPEND`` writes of one buffer) but two hosts may chain to the same ``prev``; the reader accepts a line whose
``prev`` is any earlier line's hash, so only a line that was changed or whose predecessor vanished is reported.
"""

from __future__ import annotations

import fcntl
import hashlib
import json
import logging
import os
from collections.abc import Iterable
from datetime import datetime
from pathlib import Path
from typing import Any

from training_app.errors import InvalidInput

logger = logging.getLogger(__name__)

FILE_NAME = "deletion-ledger.jsonl"
FIELDS = ("kind", "object_id", "media_key", "media_sha256", "reason", "at")
GENESIS = "0" * 64
_TAIL = 1 << 16


def path_for(media_root: Path) -> Path:
    return media_root / FILE_NAME


def entry_key(entry: dict[str, Any]) -> tuple[str, int, str]:
    """What identifies a deletion across the database and the file (media keys are random, ids may be reused)."""
    return str(entry["kind"]), int(entry["object_id"]), str(entry.get("media_key") or "")


def _digest(body: dict[str, Any]) -> str:
    return hashlib.sha256(json.dumps(body, sort_keys=True, ensure_ascii=False).encode("utf-8")).hexdigest()


def _plain(entry: dict[str, Any]) -> dict[str, Any]:
    out = {name: entry.get(name) for name in FIELDS}
    out["media_key"], out["media_sha256"] = out["media_key"] or "", out["media_sha256"] or ""
    if isinstance(out["at"], datetime):
        out["at"] = out["at"].isoformat()
    return out


def _last_digest(handle: Any) -> tuple[str, bool]:
    """The sha256 of the last complete line, and whether the file ends in the middle of a line."""
    size = handle.seek(0, os.SEEK_END)
    if size == 0:
        return GENESIS, False
    handle.seek(max(0, size - _TAIL))
    tail = handle.read()
    torn = not tail.endswith(b"\n")
    for raw in reversed(tail.splitlines()[:-1] if torn else tail.splitlines()):
        try:
            return str(json.loads(raw)["sha256"]), torn
        except (ValueError, KeyError):
            continue
    return GENESIS, torn


def append(path: Path, entries: Iterable[dict[str, Any]]) -> int:
    """Append entries (dicts with the ledger fields), fsync'd; returns how many were written."""
    rows = [_plain(e) for e in entries]
    if not rows:
        return 0
    created = not path.exists()
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("a+b") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            prev, torn = _last_digest(handle)
            chunks = [b"\n"] if torn else []
            for row in rows:
                body = {**row, "prev": prev}
                prev = _digest(body)
                chunks.append(json.dumps({**body, "sha256": prev}, ensure_ascii=False).encode("utf-8") + b"\n")
            handle.write(b"".join(chunks))
            handle.flush()
            os.fsync(handle.fileno())
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)
    if created:
        _fsync_dir(path.parent)
    return len(rows)


def _fsync_dir(folder: Path) -> None:
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def read(path: Path) -> list[dict[str, Any]]:
    """Every entry of the file, oldest first, checked line by line (checksum) and as a chain (``prev``)."""
    if not path.is_file():
        return []
    entries: list[dict[str, Any]] = []
    seen = {GENESIS}
    for number, raw in enumerate(path.read_bytes().split(b"\n"), start=1):
        if not raw.strip():
            continue
        try:
            data = json.loads(raw)
        except ValueError:  # a line cut short by a crash (the next append starts on a new line)
            logger.warning("%s: torn line %d skipped", path, number)
            continue
        try:
            body = {name: data[name] for name in (*FIELDS, "prev")}
            valid = _digest(body) == data["sha256"] and body["prev"] in seen
        except (KeyError, TypeError):
            valid = False
        if not valid:
            raise InvalidInput("privacy.ledger_corrupt", path=str(path), line=number)
        seen.add(data["sha256"])
        entries.append({name: data[name] for name in FIELDS})
    return entries
