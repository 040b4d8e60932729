""" "Download all my data": the zip's contents, drafts left out, others refused, every export audited."""

from __future__ import annotations

import json
import zipfile
from pathlib import Path

import pytest
from sqlalchemy import Engine
from sqlmodel import select
from support.clips import People
from support.review import make_intake, review_clip, scored_clip, second_trainer

from training_app.db import utcnow
from training_app.db.engine import session_scope
from training_app.db.tables import AuditLog, Certificate
from training_app.errors import PermissionDenied
from training_app.services import clips
from training_app.services.data_export import export_my_data
from training_app.services.uow import unit_of_work


def _certificate(engine: Engine, people: People) -> None:
    with session_scope(engine) as s:
        s.add(
            Certificate(
                public_id="0" * 32, trainee_id=people.trainee.id or 0, level="basic", rules_version="t",
                issuing_org_id=people.agency.org_id, holder_masked_name="t*", expires_at=utcnow(),
            )
        )  # fmt: skip


def test_export_zip_has_profile_clips_reviews_learning_and_certificates(
    any_engine: Engine, people: People, tmp_path: Path
) -> None:
    intake = make_intake(tmp_path / "media")
    clip_id = scored_clip(any_engine, people.trainee, intake)
    submitted = review_clip(any_engine, people.trainer, clip_id)
    draft = review_clip(any_engine, second_trainer(any_engine, people.trainee), clip_id, submit=False)
    _certificate(any_engine, people)
    with unit_of_work(any_engine) as s:
        path = export_my_data(
            s, people.trainee, user_id=people.trainee.id or 0, store=intake.store,
            certificate_pdf=lambda cert: b"%PDF-1.7 test", directory=tmp_path,
        )  # fmt: skip
    with zipfile.ZipFile(path) as zf:
        names = set(zf.namelist())
        profile = json.loads(zf.read("profile.json"))
        audio = zf.read(f"clips/{clip_id}.wav")
        review = json.loads(zf.read(f"reviews/{submitted}.json"))
        attempts = json.loads(zf.read("quiz_attempts.json"))
    assert profile["username"] == people.trainee.username and "password_hash" not in profile
    assert audio[:4] == b"RIFF"
    assert {f"transcripts/{clip_id}.json", f"scores/{clip_id}.json", "lesson_progress.json", "consents.json"} <= names
    assert f"reviews/{draft}.json" not in names
    assert review["flag_decisions"] and "trainer_id" not in review["review"]
    assert attempts == []  # quiz attempts: see test_certificate_after_deletion's world for real ones
    assert any(n.endswith(".pdf") for n in names) and any(n.startswith("certificates/") for n in names)
    with session_scope(any_engine, write=False) as s:
        assert s.exec(select(AuditLog.action).where(AuditLog.action == "data.export")).all() == ["data.export"]


def test_export_of_another_trainee_denied_and_audited(
    any_engine: Engine, people: People, intake: clips.Intake, tmp_path: Path
) -> None:
    with pytest.raises(PermissionDenied), unit_of_work(any_engine) as s:
        export_my_data(s, people.trainer, user_id=people.trainee.id or 0, store=intake.store, directory=tmp_path)
    with session_scope(any_engine, write=False) as s:
        denied = s.exec(select(AuditLog).where(AuditLog.outcome == "denied")).one()
    assert (denied.actor_id, denied.action) == (people.trainer.id, "data.export")
    assert not list(tmp_path.glob("my-data-*.zip"))


def test_listening_to_someone_elses_clip_audited_owner_not(any_engine: Engine, people: People, tmp_path: Path) -> None:
    intake = make_intake(tmp_path / "media")
    clip_id = scored_clip(any_engine, people.trainee, intake)
    for actor in (people.trainee, people.trainer):
        with unit_of_work(any_engine) as s:
            assert clips.open_clip_audio(s, actor, clip_id, intake.store)[:4] == b"RIFF"
    with session_scope(any_engine, write=False) as s:
        listens = s.exec(select(AuditLog).where(AuditLog.action == "clip.listen")).all()
    assert [(a.actor_id, a.resource_id) for a in listens] == [(people.trainer.id, str(clip_id))]
