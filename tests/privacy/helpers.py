"""Privacy test helpers: the shipped consent document and an intake that asks for it."""

from __future__ import annotations

from sqlalchemy import Engine

from training_app.config import REPO_ROOT
from training_app.db.tables import User
from training_app.services import clips
from training_app.services.consent import ConsentDocument, accept_consent, load_consent_document
from training_app.services.uow import unit_of_work


def document() -> ConsentDocument:
    return load_consent_document(REPO_ROOT / "assessments")


def with_consent(intake: clips.Intake, doc: ConsentDocument | None = None) -> clips.Intake:
    return clips.Intake(**{**intake.__dict__, "consent": doc or document()})


def consent(engine: Engine, user: User, doc: ConsentDocument | None = None) -> None:
    with unit_of_work(engine) as s:
        accept_consent(s, user, doc or document())
