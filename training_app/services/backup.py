"""``training-app backup`` and ``restore``: database and media with a hash manifest, and a restore that re-applies
deletions made after the backup.

A backup directory holds the database (``database.sqlite3``, or ``tables/*.jsonl`` for PostgreSQL), the media files
(``media/objects/…``) and ``manifest.json``: every file with its sha256 and size, row counts per table, the
deletion-ledger high-water mark, ``created_at`` and the schema revision.

The deletion ledger is kept twice: in the database and as an append-only, hash-chained file beside the media
(``ledger_file``). A backup first appends to the file any database entry it lacks (a crash between a commit and the
file append), then saves a copy of it (``ledger/deletion-ledger.jsonl``).

Restore verifies every file against the manifest before touching anything. It then collects the deletions to keep:
the CURRENT database's ledger after the backup's high-water mark, the current ledger file, and the backup's copy (when
the media volume was lost too). It restores database and media and applies every deletion the restored database does
not know again, so a restore never brings back a recording someone deleted, even when the current database is gone.
Finally the ledger file is brought up to date with the restored database.
"""

from __future__ import annotations

import hashlib
import json
import logging
import shutil
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path, PurePosixPath
from typing import Any

from sqlalchemy import Engine
from sqlalchemy.exc import DBAPIError
from sqlmodel import Session, col, select

from training_app.db import utcnow
from training_app.db.engine import is_sqlite, session_scope
from training_app.db.tables import Clip, DeletionLedger, User
from training_app.errors import InvalidInput
from training_app.services import backup_db, ledger_file
from training_app.services.deletion import delete_personal_rows, erase_clip_rows, tombstone_user
from training_app.services.media import LocalMediaStore

logger = logging.getLogger(__name__)

MANIFEST = "manifest.json"
MEDIA = "media"
LEDGER_COPY = "ledger/" + ledger_file.FILE_NAME
_CHUNK = 1 << 20


def _hash(path: Path) -> tuple[str, int]:
    digest, size = hashlib.sha256(), 0
    with path.open("rb") as handle:
        for chunk in iter(lambda: handle.read(_CHUNK), b""):
            digest.update(chunk)
            size += len(chunk)
    return digest.hexdigest(), size


def _copy_media(src_objects: Path, dest_objects: Path) -> None:
    if not src_objects.is_dir():
        return
    for path in sorted(src_objects.glob("*/*")):
        target = dest_objects / path.parent.name / path.name
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(path, target)


def create_backup(engine: Engine, media_root: Path, dest: Path, *, now: datetime | None = None) -> dict[str, Any]:
    """Write a backup into ``dest`` (which must be empty or absent); returns the manifest."""
    if dest.exists() and any(dest.iterdir()):
        raise InvalidInput("privacy.backup_not_empty", path=str(dest))
    dest.mkdir(parents=True, exist_ok=True)
    sync_ledger_file(engine, media_root)
    if is_sqlite(engine):
        db_facts = backup_db.snapshot_sqlite(engine, dest / backup_db.SQLITE_FILE)
    else:
        db_facts = backup_db.export_tables(engine, dest / backup_db.TABLES_DIR)
    _copy_media(media_root / "objects", dest / MEDIA / "objects")
    if ledger_file.path_for(media_root).is_file():
        (dest / LEDGER_COPY).parent.mkdir()
        shutil.copyfile(ledger_file.path_for(media_root), dest / LEDGER_COPY)
    files = []
    for path in sorted(p for p in dest.rglob("*") if p.is_file()):
        sha, size = _hash(path)
        files.append({"path": path.relative_to(dest).as_posix(), "sha256": sha, "size": size})
    manifest = {
        "format": 1,
        "created_at": (now or utcnow()).isoformat(),
        "database": "sqlite" if is_sqlite(engine) else "postgresql",
        **db_facts,
        "files": files,
    }
    (dest / MANIFEST).write_text(json.dumps(manifest, indent=2, ensure_ascii=False), encoding="utf-8")
    logger.info("backup written to %s: %d files", dest, len(files))
    return manifest


def read_manifest(src: Path) -> dict[str, Any]:
    path = src / MANIFEST
    if not path.is_file():
        raise InvalidInput("privacy.backup_no_manifest", path=str(src))
    manifest: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    return manifest


def verify_backup(src: Path, manifest: dict[str, Any]) -> None:
    """Every listed file is inside ``src`` and has its recorded size and sha256."""
    for entry in manifest.get("files", []):
        rel = PurePosixPath(entry["path"])
        path = src / rel
        if rel.is_absolute() or ".." in rel.parts or not path.is_file():
            raise InvalidInput("privacy.backup_corrupt", path=str(rel))
        if _hash(path) != (entry["sha256"], entry["size"]):
            raise InvalidInput("privacy.backup_corrupt", path=str(rel))


@dataclass(frozen=True)
class RestoreResult:
    files: int
    reapplied: int


def _ledger_rows(engine: Engine, after: int = 0) -> list[dict[str, Any]]:
    try:
        with session_scope(engine, write=False) as s:
            rows = s.exec(select(DeletionLedger).where(col(DeletionLedger.id) > after).order_by(col(DeletionLedger.id)))
            return [r.model_dump(exclude={"id"}) for r in rows]
    except DBAPIError:  # no ledger table: an empty or lost database
        return []


def sync_ledger_file(engine: Engine, media_root: Path) -> int:
    """Append to the ledger file every database entry it lacks; returns how many."""
    path = ledger_file.path_for(media_root)
    present = {ledger_file.entry_key(e) for e in ledger_file.read(path)}
    missing = [e for e in _ledger_rows(engine) if ledger_file.entry_key(e) not in present]
    return ledger_file.append(path, missing)


def _as_row(entry: dict[str, Any]) -> DeletionLedger:
    at = entry["at"]
    return DeletionLedger(**{**entry, "at": datetime.fromisoformat(at) if isinstance(at, str) else at})


def reapply_deletions(session: Session, store: LocalMediaStore, entries: list[dict[str, Any]]) -> int:
    """Delete again what the entries deleted, unless the database already records it; add them to its ledger.
    A clip is only erased if its media key matches (SQLite may give a deleted clip's id to a new clip)."""
    known = {ledger_file.entry_key(r.model_dump()) for r in session.exec(select(DeletionLedger))}
    applied = 0
    for entry in sorted(entries, key=lambda e: str(e["at"]).replace(" ", "T")):
        key = ledger_file.entry_key(entry)
        if entry["media_key"]:
            store.delete(entry["media_key"])
        if key in known:
            continue
        if entry["kind"] == "clip":
            clip = session.get(Clip, entry["object_id"])
            if clip is not None and clip.media_key == entry["media_key"]:
                erase_clip_rows(session, entry["object_id"])
        elif entry["kind"] == "account":
            user = session.get(User, entry["object_id"])
            if user is not None:
                delete_personal_rows(session, user)
                tombstone_user(session, user)
        session.add(_as_row(entry))
        known.add(key)
        applied += 1
        session.flush()
    return applied


def restore_backup(engine: Engine, media_root: Path, src: Path) -> RestoreResult:
    manifest = read_manifest(src)
    if (manifest.get("database") == "sqlite") != is_sqlite(engine):
        raise InvalidInput("privacy.backup_wrong_database", database=str(manifest.get("database")))
    verify_backup(src, manifest)
    keep = (
        _ledger_rows(engine, int(manifest.get("ledger_high_water_mark", 0)))
        + ledger_file.read(ledger_file.path_for(media_root))
        + ledger_file.read(src / LEDGER_COPY)
    )
    if manifest.get("database") == "sqlite":
        backup_db.restore_sqlite(engine, src / backup_db.SQLITE_FILE)
    else:
        backup_db.import_tables(engine, src / backup_db.TABLES_DIR)
    _copy_media(src / MEDIA / "objects", media_root / "objects")
    store = LocalMediaStore(media_root)
    with session_scope(engine) as session:
        applied = reapply_deletions(session, store, keep)
    sync_ledger_file(engine, media_root)
    logger.info("restored %s; re-applied %d deletions", src, applied)
    return RestoreResult(files=len(manifest.get("files", [])), reapplied=applied)
