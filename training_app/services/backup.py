"""``training-app backup`` and ``restore``: database and media with a hash manifest, and a restore that re-applies
deletions made after the backup.

A backup directory holds the database (``database.sqlite3``, or ``tables/*.jsonl`` for PostgreSQL), the media files
(``media/objects/…``) and ``manifest.json``: every file with its sha256 and size, row counts per table, the
deletion-ledger high-water mark, ``created_at`` and the schema revision.

Restore verifies every file against the manifest before touching anything. It then reads the deletion ledger of the
CURRENT database (entries after the backup's high-water mark: deletions a trainee or retention made since), restores
database and media, and applies those deletions again, so a restore never brings back a recording someone deleted.
If the current database is lost too, there is no newer ledger to read; restore then says it applied none.
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
from training_app.services import backup_db
from training_app.services.deletion import delete_personal_rows, erase_clip_rows, tombstone_user
from training_app.services.media import LocalMediaStore

logger = logging.getLogger(__name__)

MANIFEST = "manifest.json"
MEDIA = "media"
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
    if is_sqlite(engine):
        db_facts = backup_db.snapshot_sqlite(engine, dest / backup_db.SQLITE_FILE)
    else:
        db_facts = backup_db.export_tables(engine, dest / backup_db.TABLES_DIR)
    _copy_media(media_root / "objects", dest / MEDIA / "objects")
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


def _newer_deletions(engine: Engine, high_water_mark: int) -> list[dict[str, Any]]:
    try:
        with session_scope(engine, write=False) as s:
            rows = s.exec(
                select(DeletionLedger).where(col(DeletionLedger.id) > high_water_mark).order_by(col(DeletionLedger.id))
            ).all()
            return [r.model_dump() for r in rows]
    except DBAPIError:  # no ledger table: an empty or lost database
        return []


def reapply_deletions(session: Session, store: LocalMediaStore, entries: list[dict[str, Any]]) -> None:
    """Delete again what the ledger entries deleted, and keep the entries (same ids) in the restored ledger."""
    for entry in entries:
        if entry["kind"] == "clip":
            if session.get(Clip, entry["object_id"]) is not None:
                erase_clip_rows(session, entry["object_id"])
            if entry["media_key"]:
                store.delete(entry["media_key"])
        elif entry["kind"] == "account":
            user = session.get(User, entry["object_id"])
            if user is not None:
                delete_personal_rows(session, user)
                tombstone_user(session, user)
        if session.get(DeletionLedger, entry["id"]) is None:
            session.add(DeletionLedger(**entry))
        session.flush()


def restore_backup(engine: Engine, media_root: Path, src: Path) -> RestoreResult:
    manifest = read_manifest(src)
    if (manifest.get("database") == "sqlite") != is_sqlite(engine):
        raise InvalidInput("privacy.backup_wrong_database", database=str(manifest.get("database")))
    verify_backup(src, manifest)
    newer = _newer_deletions(engine, int(manifest.get("ledger_high_water_mark", 0)))
    if manifest.get("database") == "sqlite":
        backup_db.restore_sqlite(engine, src / backup_db.SQLITE_FILE)
    else:
        backup_db.import_tables(engine, src / backup_db.TABLES_DIR)
    _copy_media(src / MEDIA / "objects", media_root / "objects")
    store = LocalMediaStore(media_root)
    with session_scope(engine) as session:
        reapply_deletions(session, store, newer)
    logger.info("restored %s; re-applied %d deletions", src, len(newer))
    return RestoreResult(files=len(manifest.get("files", [])), reapplied=len(newer))
