"""Recording consent: asked before the first recording, again for a new version and after withdrawal."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import Engine
from support.clips import People, submit, wav_bytes

from training_app.db.tables import ClipSource
from training_app.i18n import t
from training_app.services import clips
from training_app.services.consent import ConsentRequired, load_consent_document, withdraw_consent
from training_app.services.uow import unit_of_work

from .helpers import consent, document, with_consent


def test_consent_document_shipped_has_both_languages_and_retention_placeholder() -> None:
    doc = document()
    assert (doc.id, doc.version) == ("recording", 1)
    assert all(s.heading.zh and s.heading.en and s.body.zh and s.body.en for s in doc.sections)
    assert any("{retention_days}" in s.body.zh and "{retention_days}" in s.body.en for s in doc.sections)


def test_consent_document_newest_version_wins(tmp_path: Path) -> None:
    folder = tmp_path / "consent"
    folder.mkdir()
    text = (Path(__file__).resolve().parents[2] / "assessments/consent/recording-v1.yaml").read_text("utf-8")
    (folder / "recording-v1.yaml").write_text(text, "utf-8")
    (folder / "recording-v2.yaml").write_text(text.replace("version: 1", "version: 2"), "utf-8")
    assert load_consent_document(tmp_path).version == 2


def test_submit_refused_without_consent_translated(any_engine: Engine, people: People, intake: clips.Intake) -> None:
    with pytest.raises(ConsentRequired) as caught:
        submit(any_engine, people.trainee, people.trainee, wav_bytes(0.2), with_consent(intake))
    assert caught.value.message("en") == t("privacy.consent_required", "en")
    assert caught.value.message("zh") == t("privacy.consent_required", "zh") != "privacy.consent_required"


def test_submit_allowed_after_consent(any_engine: Engine, people: People, intake: clips.Intake) -> None:
    consent(any_engine, people.trainee)
    assert submit(any_engine, people.trainee, people.trainee, wav_bytes(0.2), with_consent(intake)) > 0


def test_submit_refused_when_new_version_not_accepted(any_engine: Engine, people: People, intake: clips.Intake) -> None:
    consent(any_engine, people.trainee)
    newer = document().model_copy(update={"version": 2})
    with pytest.raises(ConsentRequired):
        submit(any_engine, people.trainee, people.trainee, wav_bytes(0.2), with_consent(intake, newer))
    consent(any_engine, people.trainee, newer)
    assert submit(any_engine, people.trainee, people.trainee, wav_bytes(0.2), with_consent(intake, newer)) > 0


def test_submit_refused_after_withdrawal(any_engine: Engine, people: People, intake: clips.Intake) -> None:
    consent(any_engine, people.trainee)
    with unit_of_work(any_engine) as s:
        assert withdraw_consent(s, people.trainee) == 1
    with pytest.raises(ConsentRequired):
        submit(any_engine, people.trainee, people.trainee, wav_bytes(0.2), with_consent(intake))


def test_trainer_import_not_gated_by_trainee_consent(any_engine: Engine, people: People, intake: clips.Intake) -> None:
    clip_id = submit(
        any_engine, people.trainer, people.trainee, wav_bytes(0.2), with_consent(intake), source=ClipSource.IMPORT
    )
    assert clip_id > 0
