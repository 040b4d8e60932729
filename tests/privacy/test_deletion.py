"""Deleting a clip or an account removes derived rows and media, writes the ledger, keeps certificates verifiable."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest
from sqlalchemy import Engine, func
from sqlmodel import select
from support.clips import People, submit, wav_bytes
from support.review import make_intake, review_clip, scored_clip

from training_app.db import utcnow
from training_app.db.engine import session_scope
from training_app.db.tables import (
    AuditLog,
    Clip,
    DeletionLedger,
    FlagDecision,
    Job,
    Review,
    Score,
    TimedComment,
    Transcript,
    User,
)
from training_app.errors import InvalidInput, PermissionDenied
from training_app.services import clips, deletion
from training_app.services.accounts import system_actor
from training_app.services.flag_report import export_flag_labels
from training_app.services.uow import unit_of_work

DERIVED = (Transcript, Score, Review, FlagDecision, TimedComment, Job)


def _count(engine: Engine, table: type, clip_id: int) -> int:
    with session_scope(engine, write=False) as s:
        return s.exec(select(func.count()).select_from(table).where(table.clip_id == clip_id)).one()  # type: ignore[attr-defined]


def _reviewed(engine: Engine, people: People, tmp_path: Path) -> tuple[int, clips.Intake]:
    intake = make_intake(tmp_path / "media")
    clip_id = scored_clip(engine, people.trainee, intake)
    review_clip(engine, people.trainer, clip_id)
    return clip_id, intake


def test_clip_deletion_removes_derived_rows_media_and_writes_ledger(
    any_engine: Engine, people: People, tmp_path: Path
) -> None:
    clip_id, intake = _reviewed(any_engine, people, tmp_path)
    with session_scope(any_engine) as s:
        clip = s.get(Clip, clip_id)
        assert clip is not None
        key, sha = clip.media_key, clip.sha256
    assert all(_count(any_engine, t, clip_id) for t in (Transcript, Score, Review, FlagDecision, Job))
    with unit_of_work(any_engine) as s:
        deletion.delete_clip(s, people.trainee, clip_id=clip_id, store=intake.store)
    assert not any(_count(any_engine, t, clip_id) for t in DERIVED)
    assert not (intake.store.root / "objects" / key[:2] / key).exists()  # type: ignore[attr-defined]
    with session_scope(any_engine, write=False) as s:
        assert s.get(Clip, clip_id) is None
        ledger = s.exec(select(DeletionLedger)).one()
        audit = s.exec(select(AuditLog).where(AuditLog.action == "clip.delete")).one()
    assert (ledger.kind, ledger.object_id, ledger.media_sha256, ledger.reason) == ("clip", clip_id, sha, "user")
    assert (audit.resource_id, audit.detail) == (str(clip_id), "")


def test_clip_deletion_by_other_trainee_denied_and_audited(
    any_engine: Engine, people: People, intake: clips.Intake
) -> None:
    clip_id = submit(any_engine, people.trainee, people.trainee, wav_bytes(0.2), intake)
    for actor in (people.peer, people.trainer):
        with pytest.raises(PermissionDenied), unit_of_work(any_engine) as s:
            deletion.delete_clip(s, actor, clip_id=clip_id, store=intake.store)
    with session_scope(any_engine, write=False) as s:
        assert s.get(Clip, clip_id) is not None
        denied = s.exec(select(AuditLog).where(AuditLog.outcome == "denied")).all()
        assert not s.exec(select(DeletionLedger)).all()
    assert [(d.actor_id, d.action, d.resource_id) for d in denied] == [
        (people.peer.id, "clip.delete", str(clip_id)),
        (people.trainer.id, "clip.delete", str(clip_id)),
    ]


def test_clip_deletion_by_admin_allowed(any_engine: Engine, people: People, intake: clips.Intake) -> None:
    clip_id = submit(any_engine, people.trainee, people.trainee, wav_bytes(0.2), intake)
    with unit_of_work(any_engine) as s:
        deletion.delete_clip(s, people.admin, clip_id=clip_id, store=intake.store)
    with session_scope(any_engine, write=False) as s:
        assert s.exec(select(DeletionLedger.reason)).one() == "admin"


def test_deleted_clips_excluded_from_label_export(any_engine: Engine, people: People, tmp_path: Path) -> None:
    clip_id, intake = _reviewed(any_engine, people, tmp_path)
    with session_scope(any_engine, write=False) as s:
        assert export_flag_labels(s)
    with unit_of_work(any_engine) as s:
        deletion.delete_clip(s, people.trainee, clip_id=clip_id, store=intake.store)
    with session_scope(any_engine, write=False) as s:
        assert export_flag_labels(s) == []


def test_account_deletion_tombstones_user_and_removes_clips(any_engine: Engine, people: People, tmp_path: Path) -> None:
    clip_id, intake = _reviewed(any_engine, people, tmp_path)
    with unit_of_work(any_engine) as s:
        assert deletion.delete_account(s, people.trainee, user_id=people.trainee.id or 0, store=intake.store) == 1
    with session_scope(any_engine, write=False) as s:
        user = s.get(User, people.trainee.id)
        kinds = sorted(s.exec(select(DeletionLedger.kind)).all())
        assert s.get(Clip, clip_id) is None
    assert user is not None and not user.is_active
    assert (user.username, user.phone, user.password_hash) == (f"deleted-{user.id}", None, "!")
    assert "*" in user.display_name
    assert kinds == ["account", "clip"]


def test_account_deletion_of_other_trainee_denied(any_engine: Engine, people: People, intake: clips.Intake) -> None:
    with pytest.raises(PermissionDenied), unit_of_work(any_engine) as s:
        deletion.delete_account(s, people.peer, user_id=people.trainee.id or 0, store=intake.store)
    with session_scope(any_engine, write=False) as s:
        user = s.get(User, people.trainee.id)
        denied = s.exec(select(AuditLog).where(AuditLog.outcome == "denied")).one()
    assert user is not None and user.is_active
    assert (denied.actor_id, denied.action, denied.resource_id) == (people.peer.id, "account.delete", str(user.id))


def test_account_deletion_by_admin_allowed_not_for_staff(
    any_engine: Engine, people: People, intake: clips.Intake
) -> None:
    with unit_of_work(any_engine) as s:
        deletion.delete_account(s, people.admin, user_id=people.trainee.id or 0, store=intake.store)
    with pytest.raises(InvalidInput), unit_of_work(any_engine) as s:
        deletion.delete_account(s, people.admin, user_id=people.trainer.id or 0, store=intake.store)
    with session_scope(any_engine, write=False) as s:
        assert s.exec(select(DeletionLedger.reason)).all() == ["admin"]


def test_purge_respects_retention(any_engine: Engine, people: People, intake: clips.Intake) -> None:
    old = submit(any_engine, people.trainee, people.trainee, wav_bytes(0.2), intake)
    new = submit(any_engine, people.trainee, people.trainee, wav_bytes(0.2), intake)
    with session_scope(any_engine) as s:
        clip = s.get(Clip, old)
        assert clip is not None
        clip.created_at = utcnow() - timedelta(days=731)
        s.add(clip)
    with unit_of_work(any_engine) as s:
        dry = deletion.purge_expired_clips(s, system_actor(), store=intake.store, retention_days=730, dry_run=True)
    assert dry.clip_ids == [old]
    with session_scope(any_engine, write=False) as s:
        assert s.get(Clip, old) is not None
    with unit_of_work(any_engine) as s:
        done = deletion.purge_expired_clips(s, system_actor(), store=intake.store, retention_days=730)
    assert done.clip_ids == [old]
    with session_scope(any_engine, write=False) as s:
        assert s.get(Clip, old) is None and s.get(Clip, new) is not None
        assert s.exec(select(DeletionLedger.reason)).all() == ["retention"]


def test_purge_by_trainee_denied(any_engine: Engine, people: People, intake: clips.Intake) -> None:
    with pytest.raises(PermissionDenied), unit_of_work(any_engine) as s:
        deletion.purge_expired_clips(s, people.trainee, store=intake.store, retention_days=1)
