"""Restore drill: a backup restores counts and hashes, and deletions made after it are applied again."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from sqlalchemy import Engine, func
from sqlmodel import select
from support.clips import People, submit, wav_bytes

from training_app.db.engine import session_scope
from training_app.db.tables import Clip, DeletionLedger, User
from training_app.errors import InvalidInput
from training_app.services import backup, backup_db, clips, deletion
from training_app.services.media import sha256_of
from training_app.services.uow import unit_of_work


def _clip_ids(engine: Engine) -> list[int]:
    with session_scope(engine, write=False) as s:
        return sorted(i or 0 for i in s.exec(select(Clip.id)))


def test_restore_drill_counts_hashes_and_reapplied_deletions(
    any_engine: Engine, people: People, intake: clips.Intake, tmp_path: Path
) -> None:
    media_root = intake.store.root  # type: ignore[attr-defined]
    kept, deleted = (submit(any_engine, people.trainee, people.trainee, wav_bytes(0.2), intake) for _ in range(2))
    manifest = backup.create_backup(any_engine, media_root, tmp_path / "backup")
    assert manifest["row_counts"]["clip"] == 2
    assert {f["path"].split("/")[0] for f in manifest["files"]} >= {"media"}
    with unit_of_work(any_engine) as s:
        deletion.delete_clip(s, people.trainee, clip_id=deleted, store=intake.store)
    submit(any_engine, people.trainee, people.trainee, wav_bytes(0.2), intake)  # made after the backup

    result = backup.restore_backup(any_engine, media_root, tmp_path / "backup")

    assert result.reapplied == 1
    assert _clip_ids(any_engine) == [kept]
    with session_scope(any_engine, write=False) as s:
        assert s.exec(select(func.count()).select_from(User)).one() == manifest["row_counts"]["user"]
        assert s.exec(select(DeletionLedger.object_id)).all() == [deleted]
        clip = s.get(Clip, kept)
        assert clip is not None
    with intake.store.open(clip.media_key) as handle:
        assert sha256_of(handle) == clip.sha256
    with session_scope(any_engine) as s:  # ids continue after the restored rows
        s.add(Clip(**{**clip.model_dump(), "id": None, "media_key": "f" * 32}))


def test_restore_refuses_damaged_backup_before_touching_anything(
    any_engine: Engine, people: People, intake: clips.Intake, tmp_path: Path
) -> None:
    media_root = intake.store.root  # type: ignore[attr-defined]
    submit(any_engine, people.trainee, people.trainee, wav_bytes(0.2), intake)
    manifest = backup.create_backup(any_engine, media_root, tmp_path / "backup")
    submit(any_engine, people.trainee, people.trainee, wav_bytes(0.2), intake)
    media_file = next(f["path"] for f in manifest["files"] if f["path"].startswith("media/"))
    (tmp_path / "backup" / media_file).write_bytes(b"changed")
    with pytest.raises(InvalidInput) as caught:
        backup.restore_backup(any_engine, media_root, tmp_path / "backup")
    assert caught.value.message_key == "privacy.backup_corrupt"
    assert len(_clip_ids(any_engine)) == 2


def test_backup_refuses_non_empty_destination(any_engine: Engine, intake: clips.Intake, tmp_path: Path) -> None:
    (tmp_path / "backup").mkdir()
    (tmp_path / "backup" / "x").write_text("x")
    with pytest.raises(InvalidInput):
        backup.create_backup(any_engine, intake.store.root, tmp_path / "backup")  # type: ignore[attr-defined]


def test_manifest_lists_sizes_counts_and_high_water_mark(
    any_engine: Engine, people: People, intake: clips.Intake, tmp_path: Path
) -> None:
    clip_id = submit(any_engine, people.trainee, people.trainee, wav_bytes(0.2), intake)
    with unit_of_work(any_engine) as s:
        deletion.delete_clip(s, people.trainee, clip_id=clip_id, store=intake.store)
    backup.create_backup(any_engine, intake.store.root, tmp_path / "backup")  # type: ignore[attr-defined]
    manifest = json.loads((tmp_path / "backup" / "manifest.json").read_text("utf-8"))
    assert manifest["ledger_high_water_mark"] == 1
    assert manifest["row_counts"]["deletionledger"] == 1
    assert all(f["size"] >= 0 and len(f["sha256"]) == 64 for f in manifest["files"])
    assert not [f for f in manifest["files"] if f["path"].startswith("media/")]  # the deleted clip's file is gone
    assert "created_at" in manifest and "schema_revision" in manifest


def test_restore_drill_counts_and_media_hashes_match_manifest(
    any_engine: Engine, people: People, intake: clips.Intake, tmp_path: Path
) -> None:
    media_root = intake.store.root  # type: ignore[attr-defined]
    for _ in range(3):
        submit(any_engine, people.trainee, people.trainee, wav_bytes(0.2), intake)
    manifest = backup.create_backup(any_engine, media_root, tmp_path / "backup")
    with unit_of_work(any_engine) as s:  # changes without a ledger entry are simply undone by the restore
        s.add(User(**{**people.peer.model_dump(), "id": None, "username": "late-user"}))
    backup.restore_backup(any_engine, media_root, tmp_path / "backup")
    with any_engine.connect() as conn:
        assert backup_db.facts(conn)["row_counts"] == manifest["row_counts"]
    for entry in manifest["files"]:
        if entry["path"].startswith("media/"):
            with (media_root / entry["path"].removeprefix("media/")).open("rb") as restored:
                assert sha256_of(restored) == entry["sha256"]
