"""Recording consent (PIPL): a separate, versioned agreement asked for before the first recording.

The consent text is data (``assessments/consent/<id>-v<N>.yaml``, zh and en); the newest version is current. A
trainee who accepted an older version, or withdrew, is asked again. Trainee-submitted clips are refused without
current consent (:func:`require_consent`, called by ``clips.submit_clip``); replays a trainer imports are a separate
path: the trainer imports a public livestream the trainee already broadcast, so they are not gated by the recording
consent (the retention, deletion and export rules still apply to them).
"""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

import yaml
from pydantic import BaseModel
from sqlmodel import Session, col, select

from training_app.db import utcnow
from training_app.db.tables import Consent, User
from training_app.errors import ConfigurationError, PermissionDenied
from training_app.services import audit
from training_app.services.authz import deny

RECORDING = "recording"
_FILE_RE = re.compile(r"^(?P<id>[a-z_]+)-v(?P<version>\d+)\.yaml$")


class ConsentRequired(PermissionDenied):
    default_key = "privacy.consent_required"


class Text(BaseModel):
    zh: str
    en: str

    def get(self, lang: str) -> str:
        return self.en if lang == "en" else self.zh


class Section(BaseModel):
    heading: Text
    body: Text


class ConsentDocument(BaseModel):
    id: str
    version: int
    title: Text
    sections: list[Section]


@lru_cache(maxsize=8)
def load_consent_document(assessments_dir: Path, document_id: str = RECORDING) -> ConsentDocument:
    """The newest version of a consent document (the highest ``-v<N>`` file)."""
    found: dict[int, Path] = {}
    for path in (assessments_dir / "consent").glob(f"{document_id}-v*.yaml"):
        match = _FILE_RE.match(path.name)
        if match and match["id"] == document_id:
            found[int(match["version"])] = path
    if not found:
        raise ConfigurationError("privacy.consent_missing", document=document_id)
    version = max(found)
    document = ConsentDocument.model_validate(yaml.safe_load(found[version].read_text(encoding="utf-8")))
    if document.id != document_id or document.version != version:
        raise ConfigurationError("privacy.consent_missing", document=document_id)
    return document


def has_current_consent(session: Session, user: User, document: ConsentDocument) -> bool:
    row = session.exec(
        select(Consent.id).where(
            Consent.user_id == user.id,
            Consent.document_id == document.id,
            Consent.version == document.version,
            col(Consent.withdrawn_at).is_(None),
        )
    ).first()
    return row is not None


def require_consent(session: Session, user: User, document: ConsentDocument) -> None:
    if not has_current_consent(session, user, document):
        raise ConsentRequired()


def accept_consent(session: Session, actor: User, document: ConsentDocument) -> Consent:
    """Record the actor's own acceptance of this version (idempotent)."""
    if actor.id is None or not actor.is_active:
        raise deny(actor, "consent.accept", "consent", document.id)
    existing = session.exec(
        select(Consent).where(
            Consent.user_id == actor.id,
            Consent.document_id == document.id,
            Consent.version == document.version,
            col(Consent.withdrawn_at).is_(None),
        )
    ).first()
    if existing is not None:
        return existing
    row = Consent(user_id=actor.id, document_id=document.id, version=document.version)
    session.add(row)
    session.flush()
    audit.record(session, actor=actor, action="consent.accept", resource_type="consent", resource_id=row.id)
    return row


def withdraw_consent(session: Session, actor: User, document_id: str = RECORDING) -> int:
    """Withdraw every active acceptance of the actor's own; returns how many rows were withdrawn."""
    if actor.id is None:
        raise deny(actor, "consent.withdraw", "consent", document_id)
    rows = session.exec(
        select(Consent).where(
            Consent.user_id == actor.id, Consent.document_id == document_id, col(Consent.withdrawn_at).is_(None)
        )
    ).all()
    for row in rows:
        row.withdrawn_at = utcnow()
        session.add(row)
    audit.record(session, actor=actor, action="consent.withdraw", resource_type="consent", resource_id=document_id)
    return len(rows)
