"""Recording consent for test trainees whose tests are about something else (the gate itself is tested in
tests/privacy)."""

from __future__ import annotations

from sqlalchemy import Engine

from training_app.config import REPO_ROOT
from training_app.db.tables import User
from training_app.services.consent import accept_consent, load_consent_document
from training_app.services.uow import unit_of_work


def grant_consent(engine: Engine, user: User) -> None:
    with unit_of_work(engine) as s:
        accept_consent(s, user, load_consent_document(REPO_ROOT / "assessments"))
