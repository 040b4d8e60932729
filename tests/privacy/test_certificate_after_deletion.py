"""Quiz attempts and progress are exported; after the holder deletes their account an issued certificate stays
verifiable, with the masked name only."""

from __future__ import annotations

import json
import zipfile
from pathlib import Path

from sqlalchemy import Engine
from sqlmodel import select
from support.certification import LEVELS, T0, issue, make_eligible, make_world

from training_app.db.engine import session_scope
from training_app.db.tables import QuizAttempt
from training_app.services import deletion
from training_app.services.data_export import export_my_data
from training_app.services.media import LocalMediaStore
from training_app.services.uow import unit_of_work
from training_app.services.verification import VerifyState, verify_code


def test_account_deletion_keeps_certificate_verifiable_with_masked_name(any_engine: Engine, tmp_path: Path) -> None:
    world = make_world(any_engine, tmp_path)
    trainee = world.people.trainee
    make_eligible(world, trainee)
    issued = issue(world, trainee)
    store = LocalMediaStore(tmp_path / "media")
    with unit_of_work(any_engine) as s:
        exported = export_my_data(s, trainee, user_id=trainee.id or 0, store=store, directory=tmp_path)
    with zipfile.ZipFile(exported) as zf:
        assert len(json.loads(zf.read("quiz_attempts.json"))) == 2
        assert len(json.loads(zf.read("lesson_progress.json"))) > 0
    with unit_of_work(any_engine) as s:
        deletion.delete_account(s, trainee, user_id=trainee.id or 0, store=store)
    result = verify_code(any_engine, issued.code, public_keys=[world.key.public_key()], levels=LEVELS, now=T0)
    with session_scope(any_engine, write=False) as s:
        assert not s.exec(select(QuizAttempt).where(QuizAttempt.user_id == trainee.id)).all()
    assert result.state == VerifyState.VALID
    assert result.holder == issued.certificate.holder_masked_name
    assert "*" in (result.holder or "")
