"""What is left of a trainee after account deletion: ids, not content. The audit log, the tombstone's sign-offs,
certificates and task assignments, and the data future models are trained on; and the scheduled purge."""

from __future__ import annotations

import json
from pathlib import Path

from sqlalchemy import Engine
from sqlmodel import select
from support.certification import LEVELS, complete_modules, issue, make_world
from support.clips import People, backdate_clip, submit, wav_bytes
from support.review import make_intake, review_clip, scored_clip

from training_app.config import REPO_ROOT, Settings
from training_app.db.engine import session_scope
from training_app.db.tables import (
    AuditLog,
    Certificate,
    CertificationSignOff,
    Clip,
    TaskAssignment,
    User,
)
from training_app.scoring.model import data_files
from training_app.services import certificates, clips, deletion, ledger_file
from training_app.services.audit import SCRUBBED, record
from training_app.services.certification import sign_off
from training_app.services.data_export import export_my_data
from training_app.services.flag_report import export_flag_labels
from training_app.services.uow import unit_of_work

NAME, PHONE = "欧阳秘密", "13912345678"
SECRET = "欧阳家传果园"
LINES = (
    (0.0, 4.0, "家人们好，今天给大家带来洛川苹果，脆甜多汁"),
    (4.0, 9.0, f"这个{SECRET}的苹果全网最好吃的，没有之一"),
    (9.0, 14.0, "天天吃能治高血压，降血糖"),
)
NOTE, REASON = f"{NAME}（{PHONE}）练得很好", f"{NAME} 请人代考"


def _identified_trainee(engine: Engine, user: User) -> User:
    with session_scope(engine) as s:
        row = s.get(User, user.id)
        assert row is not None
        row.display_name, row.phone = NAME, PHONE
        s.add(row)
        s.flush()
        s.refresh(row)
        s.expunge(row)
        return row


def _activity(engine: Engine, tmp_path: Path) -> tuple[User, clips.Intake]:
    """A trainee with a name and phone, a reviewed clip listened to by the trainer, a sign-off with a note, a
    certificate revoked with a reason, a task of their own, a data export."""
    world = make_world(engine, tmp_path)
    people = world.people
    trainee = _identified_trainee(engine, people.trainee)
    intake = make_intake(tmp_path / "media")
    clip_id = scored_clip(engine, trainee, intake, lines=LINES)
    review_clip(engine, people.trainer, clip_id)
    with unit_of_work(engine) as s:
        clips.open_clip_audio(s, people.trainer, clip_id, intake.store)
    complete_modules(engine, trainee)
    world.reviews.add(trainee, 80)
    world.reviews.add(trainee, 75, days=1)
    with unit_of_work(engine) as s:
        sign_off(s, people.trainer, trainee.id or 0, "basic", NOTE, levels=LEVELS)
    issued = issue(world, trainee)
    with unit_of_work(engine) as s:
        certificates.revoke_certificate(s, people.agency, certificate_id=issued.certificate.id or 0, reason=REASON)
        s.add(TaskAssignment(task_id="t-own", trainee_id=trainee.id, assigned_by_id=people.trainer.id or 0))
    with unit_of_work(engine) as s:
        export_my_data(s, trainee, user_id=trainee.id or 0, store=intake.store, directory=tmp_path).unlink()
    return trainee, intake


def test_account_deletion_leaves_no_name_phone_or_transcript_in_audit_log(any_engine: Engine, tmp_path: Path) -> None:
    trainee, intake = _activity(any_engine, tmp_path)
    with session_scope(any_engine, write=False) as s:
        assert any(SECRET in row["text"] for row in export_flag_labels(s))  # labelled data before the deletion
    with unit_of_work(any_engine) as s:
        deletion.delete_account(s, trainee, user_id=trainee.id or 0, store=intake.store)
    with session_scope(any_engine, write=False) as s:
        entries = s.exec(select(AuditLog)).all()
        dump = json.dumps([e.model_dump(mode="json") for e in entries], ensure_ascii=False)
        actions = {e.action for e in entries}
    assert {"clip.listen", "certification.sign_off", "certificate.revoke", "data.export", "account.delete"} <= actions
    for needle in (NAME, NAME[:2], PHONE, trainee.username, SECRET, "练得很好", "代考", "苹果"):
        assert needle not in dump, needle


def test_account_deletion_empties_notes_reasons_and_own_tasks_keeps_ids(any_engine: Engine, tmp_path: Path) -> None:
    trainee, intake = _activity(any_engine, tmp_path)
    with unit_of_work(any_engine) as s:
        deletion.delete_account(s, trainee, user_id=trainee.id or 0, store=intake.store)
    with session_scope(any_engine, write=False) as s:
        [signoff] = s.exec(select(CertificationSignOff).where(CertificationSignOff.trainee_id == trainee.id)).all()
        [cert] = s.exec(select(Certificate).where(Certificate.trainee_id == trainee.id)).all()
        tasks = s.exec(select(TaskAssignment).where(TaskAssignment.trainee_id == trainee.id)).all()
        user = s.get(User, trainee.id)
        labels = export_flag_labels(s)
    assert (signoff.note, signoff.level, signoff.trainer_id) == ("", "basic", signoff.trainer_id)
    assert cert.revoke_reason == "" and cert.revoked_at is not None and cert.holder_masked_name == "欧***"
    assert tasks == []
    assert user is not None and NAME not in user.display_name and user.phone is None
    assert not any(SECRET in row["text"] for row in labels)  # the clip left the labelled data


def test_model_training_reads_only_reviewed_files_not_recordings() -> None:
    eval_dir = REPO_ROOT / "assessments" / "eval"
    paths = [p for group in data_files(eval_dir).values() for p in group]
    assert paths and all(p.parent == eval_dir and p.suffix == ".yaml" for p in paths)


def test_audit_detail_free_text_scrubbed_structured_kept(any_engine: Engine) -> None:
    with session_scope(any_engine) as s:
        kept = record(s, actor=None, action="x", detail="trainee=12 level=basic ABS-01a dismiss -> 3")
        scrubbed = record(s, actor=None, action="x", detail=f"{NAME} {PHONE}")
        english = record(s, actor=None, action="x", detail="call me on 139 1234 5678!")
    assert kept.detail == "trainee=12 level=basic ABS-01a dismiss -> 3"
    assert scrubbed.detail == SCRUBBED and english.detail == SCRUBBED


def test_scheduled_purge_deletes_expired_clips_into_both_ledgers(
    any_engine: Engine, people: People, intake: clips.Intake, tmp_path: Path
) -> None:
    old, new = (submit(any_engine, people.trainee, people.trainee, wav_bytes(0.2), intake) for _ in range(2))
    backdate_clip(any_engine, old, days=40)
    settings = Settings(data_dir=tmp_path / "data", media_dir=intake.store.root, retention_days_clips=30)  # type: ignore[attr-defined]
    result = deletion.purge_on_schedule(any_engine, settings)
    assert result.clip_ids == [old]
    with session_scope(any_engine, write=False) as s:
        assert [c.id for c in s.exec(select(Clip))] == [new]
    [line] = ledger_file.read(ledger_file.path_for(intake.store.root))  # type: ignore[attr-defined]
    assert (line["object_id"], line["reason"]) == (old, "retention")
