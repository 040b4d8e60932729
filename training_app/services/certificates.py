"""Certificates: issue (only when every rule is met, re-checked in the same transaction), renew (rules re-checked),
revoke with a reason, list, render the PDF.

Agency officers issue and renew within their agency's subtree; an officer or an administrator may revoke. Every
action is audit-logged with the actor and the time.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from sqlmodel import Session, col, select

from training_app.catalog.certification import CertificationCatalog
from training_app.certification import codes
from training_app.certification.masking import mask_name
from training_app.db import utcnow
from training_app.db.tables import Organisation, Role, User
from training_app.db.tables.certification import Certificate
from training_app.errors import Conflict, InvalidInput, NotFound
from training_app.i18n import normalize_language, t
from training_app.services import audit
from training_app.services.authz import agency_root_path, can_see_user, deny
from training_app.services.certification import build_checklist, default_levels, get_trainee
from training_app.services.certification_state import ReviewSource, add_months, certificates_of, is_current

REASON_MAX = 500


@dataclass(frozen=True)
class Issued:
    certificate: Certificate
    code: str


def _officer_scope(session: Session, actor: User, trainee: User, action: str, *roles: Role) -> None:
    if actor.role not in roles or not can_see_user(session, actor, trainee):
        raise deny(actor, action, "user", trainee.id)


def _agency_of(session: Session, actor: User) -> Organisation:
    root_id = int(agency_root_path(session, actor).strip("/") or 0)
    org = session.get(Organisation, root_id)
    if org is None:
        raise NotFound("certification.agency_not_found")
    return org


class RulesNotMet(Conflict):
    """Issuance or renewal refused: the message lists what is missing, in the reader's language."""

    def __init__(self, missing: dict[str, str]) -> None:
        super().__init__("certification.rules_not_met", missing=missing["zh"])
        self.missing = missing

    def message(self, lang: str = "zh") -> str:
        return t(self.message_key, lang, missing=self.missing[normalize_language(lang)])


def _require_rules(
    session: Session,
    trainee: User,
    level: str,
    levels: CertificationCatalog,
    now: datetime,
    reviews: ReviewSource | None,
) -> None:
    spec = levels.level(level)
    zh = build_checklist(session, trainee, spec, levels, lang="zh", now=now, reviews=reviews)
    if not zh.met:
        en = build_checklist(session, trainee, spec, levels, lang="en", now=now, reviews=reviews)
        raise RulesNotMet({"zh": zh.missing_text("zh"), "en": en.missing_text("en")})


def _lock_trainee(session: Session, trainee_id: int) -> User:
    """Serialize issuance per trainee (row lock on PostgreSQL; SQLite write transactions are already exclusive)."""
    trainee = session.exec(select(User).where(User.id == trainee_id).with_for_update()).first()
    if trainee is None or trainee.role != Role.TRAINEE:
        raise NotFound("certification.trainee_not_found", user=trainee_id)
    return trainee


def issue_certificate(
    session: Session,
    actor: User,
    *,
    trainee_id: int,
    level: str,
    signing_key: Ed25519PrivateKey,
    levels: CertificationCatalog | None = None,
    now: datetime | None = None,
    reviews: ReviewSource | None = None,
) -> Issued:
    """Issue ``level`` to the trainee when, and only when, every rule is met right now."""
    get_trainee(session, trainee_id)
    trainee = _lock_trainee(session, trainee_id)
    _officer_scope(session, actor, trainee, "certificate.issue", Role.AGENCY)
    levels, now = levels or default_levels(), now or utcnow()
    spec = levels.level(level)
    if any(c.level == level and is_current(c, spec, now) for c in certificates_of(session, trainee_id)):
        raise Conflict("certification.already_certified")
    _require_rules(session, trainee, level, levels, now, reviews)
    cert_id = codes.new_cert_id()
    cert = Certificate(
        public_id=cert_id.hex(), trainee_id=trainee_id, level=level, rules_version=levels.version,
        issuing_org_id=_agency_of(session, actor).id or 0, holder_masked_name=mask_name(trainee.display_name),
        issued_by_id=actor.id, issued_at=now, expires_at=add_months(now, spec.validity_months),
    )  # fmt: skip
    session.add(cert)
    session.flush()
    audit.record(session, actor=actor, action="certificate.issue", resource_type="certificate",
                 resource_id=cert.id, detail=f"trainee={trainee_id} level={level}")  # fmt: skip
    return Issued(cert, codes.make_code(signing_key, cert_id))


def _certificate(session: Session, certificate_id: int) -> Certificate:
    cert = session.get(Certificate, certificate_id)
    if cert is None:
        raise NotFound("certification.certificate_not_found")
    return cert


def renew_certificate(
    session: Session,
    actor: User,
    *,
    certificate_id: int,
    levels: CertificationCatalog | None = None,
    now: datetime | None = None,
    reviews: ReviewSource | None = None,
) -> Certificate:
    """Extend a certificate by its level's validity, within the renewal window, after re-checking every rule."""
    cert = _certificate(session, certificate_id)
    trainee = _lock_trainee(session, cert.trainee_id)
    _officer_scope(session, actor, trainee, "certificate.renew", Role.AGENCY)
    levels, now = levels or default_levels(), now or utcnow()
    spec = levels.level(cert.level)
    if cert.revoked_at is not None:
        raise Conflict("certification.revoked_cannot_renew")
    opens = cert.expires_at - timedelta(days=spec.renewal.window_days)
    closes = cert.expires_at + timedelta(days=spec.renewal.grace_days)
    if not opens <= now <= closes:
        raise Conflict("certification.renewal_closed", opens=opens.date().isoformat(), closes=closes.date().isoformat())
    _require_rules(session, trainee, cert.level, levels, now, reviews)
    cert.expires_at = add_months(max(cert.expires_at, now), spec.validity_months)
    cert.renewed_at, cert.renewal_count, cert.rules_version = now, cert.renewal_count + 1, levels.version
    session.add(cert)
    audit.record(session, actor=actor, action="certificate.renew", resource_type="certificate",
                 resource_id=cert.id, detail=f"expires={cert.expires_at.date().isoformat()}")  # fmt: skip
    return cert


def revoke_certificate(
    session: Session, actor: User, *, certificate_id: int, reason: str, now: datetime | None = None
) -> Certificate:
    """Revoke with a reason; the verification page then says "revoked" with the date."""
    cert = _certificate(session, certificate_id)
    trainee = session.get(User, cert.trainee_id)
    if trainee is None:
        raise NotFound("certification.certificate_not_found")
    _officer_scope(session, actor, trainee, "certificate.revoke", Role.AGENCY, Role.ADMIN)
    reason = reason.strip()
    if not reason or len(reason) > REASON_MAX:
        raise InvalidInput("certification.reason_required", max=REASON_MAX)
    if cert.revoked_at is not None:
        raise Conflict("certification.already_revoked")
    cert.revoked_at, cert.revoked_by_id, cert.revoke_reason = now or utcnow(), actor.id, reason
    session.add(cert)
    # the reason is free text: it stays on the certificate (emptied if the holder deletes the account), not the log
    audit.record(session, actor=actor, action="certificate.revoke", resource_type="certificate", resource_id=cert.id)
    return cert


def get_certificate(session: Session, actor: User, certificate_id: int) -> Certificate:
    cert = _certificate(session, certificate_id)
    trainee = session.get(User, cert.trainee_id)
    if trainee is None or not can_see_user(session, actor, trainee):
        raise deny(actor, "certificate.read", "certificate", certificate_id)
    return cert


def trainee_certificates(session: Session, actor: User, *, trainee_id: int) -> list[Certificate]:
    trainee = get_trainee(session, trainee_id)
    if not can_see_user(session, actor, trainee):
        raise deny(actor, "certificate.list", "user", trainee_id)
    return certificates_of(session, trainee_id)


def code_for(cert: Certificate, signing_key: Ed25519PrivateKey) -> str:
    """The printed code (Ed25519 signatures are deterministic: the same key gives the same code every time)."""
    return codes.make_code(signing_key, bytes.fromhex(cert.public_id))


def list_certificates(
    session: Session, actor: User, *, search: str = "", level: str | None = None, limit: int = 200
) -> list[tuple[Certificate, User]]:
    """Certificates of the actor's subtree (agency) or everyone's (admin), newest first, with their holders."""
    if actor.role not in (Role.AGENCY, Role.ADMIN):
        raise deny(actor, "certificate.list", "role", "")
    stmt = select(Certificate, User).join(User, col(User.id) == Certificate.trainee_id)
    if actor.role == Role.AGENCY:
        stmt = stmt.join(Organisation, col(Organisation.id) == User.org_id).where(
            col(Organisation.path).startswith(agency_root_path(session, actor))
        )
    if level:
        stmt = stmt.where(Certificate.level == level)
    if search.strip():
        needle = f"%{search.strip()}%"
        stmt = stmt.where(col(User.display_name).ilike(needle) | col(User.username).ilike(needle))
    rows = session.exec(stmt.order_by(col(Certificate.issued_at).desc()).limit(limit))
    return [(c, u) for c, u in rows]
