"""The deletion ledger file beside the media store: written after commit, hash-chained, and enough on its own for a
restore to re-apply deletions when the current database is lost."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from sqlalchemy import Engine
from sqlmodel import SQLModel, select
from support.clips import People, submit, wav_bytes

from training_app.db.engine import session_scope
from training_app.db.tables import Clip, DeletionLedger, User
from training_app.errors import InvalidInput
from training_app.services import backup, clips, deletion, ledger_file
from training_app.services.uow import unit_of_work


def _ledger(intake: clips.Intake) -> Path:
    return ledger_file.path_for(intake.store.root)  # type: ignore[attr-defined]


def _delete(engine: Engine, people: People, intake: clips.Intake, clip_id: int) -> None:
    with unit_of_work(engine) as s:
        deletion.delete_clip(s, people.trainee, clip_id=clip_id, store=intake.store)


def test_ledger_file_line_written_after_commit_chained_no_content(
    any_engine: Engine, people: People, intake: clips.Intake
) -> None:
    first, second = (submit(any_engine, people.trainee, people.trainee, wav_bytes(0.2), intake) for _ in range(2))
    _delete(any_engine, people, intake, first)
    _delete(any_engine, people, intake, second)
    lines = [json.loads(line) for line in _ledger(intake).read_text("utf-8").splitlines()]
    assert [(line["kind"], line["object_id"], line["reason"]) for line in lines] == [
        ("clip", first, "user"),
        ("clip", second, "user"),
    ]
    assert lines[0]["prev"] == ledger_file.GENESIS and lines[1]["prev"] == lines[0]["sha256"]
    assert set(lines[0]) == {*ledger_file.FIELDS, "prev", "sha256"}  # ids and hashes only
    assert [e["object_id"] for e in ledger_file.read(_ledger(intake))] == [first, second]


def test_ledger_file_not_written_when_transaction_rolls_back(
    any_engine: Engine, people: People, intake: clips.Intake
) -> None:
    clip_id = submit(any_engine, people.trainee, people.trainee, wav_bytes(0.2), intake)
    with pytest.raises(RuntimeError), unit_of_work(any_engine) as s:
        deletion.delete_clip(s, people.trainee, clip_id=clip_id, store=intake.store)
        raise RuntimeError("fault after the deletion, before the commit")
    assert not _ledger(intake).exists()
    with session_scope(any_engine, write=False) as s:
        assert s.get(Clip, clip_id) is not None


def test_restore_with_database_lost_reapplies_deletions_from_ledger_file(
    any_engine: Engine, people: People, intake: clips.Intake, tmp_path: Path
) -> None:
    media_root = intake.store.root  # type: ignore[attr-defined]
    kept, gone = (submit(any_engine, people.trainee, people.trainee, wav_bytes(0.2), intake) for _ in range(2))
    peer_clip = submit(any_engine, people.peer, people.peer, wav_bytes(0.2), intake)
    backup.create_backup(any_engine, media_root, tmp_path / "backup")
    _delete(any_engine, people, intake, gone)
    with unit_of_work(any_engine) as s:
        deletion.delete_account(s, people.peer, user_id=people.peer.id or 0, store=intake.store)
    SQLModel.metadata.drop_all(any_engine)  # the database is lost: a new, empty one
    SQLModel.metadata.create_all(any_engine)

    result = backup.restore_backup(any_engine, media_root, tmp_path / "backup")

    assert result.reapplied == 3  # the clip, the peer's clip, the peer's account
    with session_scope(any_engine, write=False) as s:
        assert sorted(i or 0 for i in s.exec(select(Clip.id))) == [kept]
        peer = s.get(User, people.peer.id)
        assert peer is not None and peer.username == f"deleted-{peer.id}" and peer.phone is None
        assert len(s.exec(select(DeletionLedger)).all()) == 3
    assert not [p for p in (media_root / "objects").glob("*/*") if p.name != _key(any_engine, kept)]
    assert peer_clip != kept


def _key(engine: Engine, clip_id: int) -> str:
    with session_scope(engine, write=False) as s:
        clip = s.get(Clip, clip_id)
        assert clip is not None
        return clip.media_key


def test_restore_refuses_tampered_ledger_file_before_touching_anything(
    any_engine: Engine, people: People, intake: clips.Intake, tmp_path: Path
) -> None:
    media_root = intake.store.root  # type: ignore[attr-defined]
    first, second = (submit(any_engine, people.trainee, people.trainee, wav_bytes(0.2), intake) for _ in range(2))
    backup.create_backup(any_engine, media_root, tmp_path / "backup")
    _delete(any_engine, people, intake, first)
    _delete(any_engine, people, intake, second)
    path = _ledger(intake)
    path.write_text(path.read_text("utf-8").replace(f'"object_id": {first}', '"object_id": 999'), "utf-8")
    with pytest.raises(InvalidInput) as caught:
        backup.restore_backup(any_engine, media_root, tmp_path / "backup")
    assert caught.value.message_key == "privacy.ledger_corrupt"
    with session_scope(any_engine, write=False) as s:
        assert s.exec(select(Clip)).all() == []  # nothing restored


def test_ledger_file_torn_last_line_skipped_and_appends_continue(tmp_path: Path) -> None:
    path = tmp_path / ledger_file.FILE_NAME
    entry = {"kind": "clip", "object_id": 1, "media_key": "a" * 32, "media_sha256": "b" * 64, "reason": "user",
             "at": "2026-11-22T09:00:00+00:00"}  # fmt: skip
    ledger_file.append(path, [entry])
    with path.open("ab") as handle:
        handle.write(b'{"kind": "clip", "obj')  # a crash in the middle of a write
    ledger_file.append(path, [{**entry, "object_id": 2}])
    assert [e["object_id"] for e in ledger_file.read(path)] == [1, 2]


def test_backup_appends_database_entries_missing_from_file_and_copies_it(
    any_engine: Engine, people: People, intake: clips.Intake, tmp_path: Path
) -> None:
    clip_id = submit(any_engine, people.trainee, people.trainee, wav_bytes(0.2), intake)
    _delete(any_engine, people, intake, clip_id)
    _ledger(intake).unlink()  # e.g. a crash between the commit and the file append
    manifest = backup.create_backup(any_engine, intake.store.root, tmp_path / "backup")  # type: ignore[attr-defined]
    assert [e["object_id"] for e in ledger_file.read(_ledger(intake))] == [clip_id]
    assert backup.LEDGER_COPY in {f["path"] for f in manifest["files"]}
