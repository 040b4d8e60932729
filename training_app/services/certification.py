"""Certification checklist and trainer sign-off.

The checklist evaluates a level's rules (``assessments/certification.yaml``) against what the trainee has done and
says, per requirement, met or missing with the numbers. A trainee sees their own; a trainer the trainees of their
cohorts; an agency officer their agency's subtree; an administrator everyone. A trainer of the trainee's cohort
signs a trainee off for a level; the sign-off can be revoked (by that trainer's colleagues of the cohort, the
agency or an administrator) and is then no longer counted.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlmodel import Session, col, select

from training_app.catalog.certification import CertificationCatalog, LevelSpec, load_certification
from training_app.certification import rules
from training_app.config import REPO_ROOT
from training_app.db import utcnow
from training_app.db.tables import Role, User
from training_app.db.tables.certification import CertificationSignOff
from training_app.errors import Conflict, InvalidInput, NotFound
from training_app.i18n import t
from training_app.services import audit
from training_app.services.authz import can_see_user, deny, require_user_access, visible_org_ids
from training_app.services.certification_state import ReviewSource, active_signoff, trainee_record
from training_app.services.course_state import content_index, pick

NOTE_MAX = 1000


def default_levels() -> CertificationCatalog:
    return load_certification(REPO_ROOT / "assessments")


@dataclass(frozen=True)
class ChecklistItem:
    kind: str
    met: bool
    label: str  # translated: what is required
    status: str  # translated: what the trainee has, or what is missing
    have: float
    need: float


@dataclass(frozen=True)
class Checklist:
    trainee_id: int
    level: str
    level_title: str
    met: bool
    items: list[ChecklistItem]
    evaluation: rules.Evaluation

    def missing_text(self, lang: str) -> str:
        """The unmet requirements on one line, e.g. for the refusal message."""
        sep, left, right = ("; ", " (", ")") if lang == "en" else ("；", "（", "）")
        return sep.join(f"{i.label}{left}{i.status}{right}" for i in self.items if not i.met)


def _titles(session: Session, ids: tuple[str, ...], lang: str) -> str:
    modules = content_index(session).module_by_id
    sep = "、" if lang != "en" else ", "
    return sep.join(pick(modules[m], "title", lang) if m in modules else m for m in ids)


def _label(req: rules.Requirement, spec: LevelSpec, levels: CertificationCatalog, lang: str) -> str:
    params: dict[str, object] = {"need": int(req.need)}
    if req.kind == rules.QUIZ:
        params["min"] = round((req.threshold or 0) * 100)
    elif req.kind in (rules.CLIPS,):
        params["min"] = round(req.threshold or 0)
    elif req.kind == rules.NO_CRITICAL:
        params["window"] = spec.clips.critical_window
    elif req.kind == rules.LEVEL and spec.requires_level:
        params["level"] = levels.level(spec.requires_level).title.get(lang)
    return t(f"certification.req_{req.kind}", lang, **params)


def _status(session: Session, req: rules.Requirement, lang: str) -> str:
    have = int(req.have)
    if req.met:
        return t("certification.status_met", lang, have=have, need=int(req.need))
    if req.kind in (rules.MODULES, rules.QUIZ):
        return t(f"certification.missing_{req.kind}", lang, items=_titles(session, req.missing, lang))
    return t(f"certification.missing_{req.kind}", lang, have=have, need=int(req.need))


def build_checklist(
    session: Session,
    trainee: User,
    spec: LevelSpec,
    levels: CertificationCatalog,
    *,
    lang: str,
    now: datetime,
    reviews: ReviewSource | None = None,
) -> Checklist:
    """The checklist without an authorization check (callers check first)."""
    record = trainee_record(session, trainee.id or 0, spec.id, now, reviews=reviews)
    evaluation = rules.evaluate(spec, record)
    items = [
        ChecklistItem(r.kind, r.met, _label(r, spec, levels, lang), _status(session, r, lang), r.have, r.need)
        for r in evaluation.requirements
    ]
    return Checklist(trainee.id or 0, spec.id, spec.title.get(lang), evaluation.met, items, evaluation)


def get_trainee(session: Session, trainee_id: int) -> User:
    trainee = session.get(User, trainee_id)
    if trainee is None or trainee.role != Role.TRAINEE:
        raise NotFound("certification.trainee_not_found", user=trainee_id)
    return trainee


def certification_checklist(
    session: Session,
    actor: User,
    *,
    trainee_id: int,
    level: str,
    lang: str = "zh",
    levels: CertificationCatalog | None = None,
    now: datetime | None = None,
    reviews: ReviewSource | None = None,
) -> Checklist:
    """Each requirement of ``level`` for the trainee: met or missing, with the numbers, labels in ``lang``."""
    trainee = session.get(User, trainee_id)
    if trainee is None:
        raise NotFound("certification.trainee_not_found", user=trainee_id)
    require_user_access(session, actor, trainee, "certification.checklist")
    levels = levels or default_levels()
    spec = levels.level(level)
    return build_checklist(session, trainee, spec, levels, lang=lang, now=now or utcnow(), reviews=reviews)


def sign_off(
    session: Session,
    trainer: User,
    trainee_id: int,
    level: str,
    note: str = "",
    *,
    levels: CertificationCatalog | None = None,
) -> CertificationSignOff:
    """A trainer of the trainee's cohort vouches for the trainee at ``level``."""
    trainee = session.get(User, trainee_id)
    if trainer.role != Role.TRAINER or trainee is None or not can_see_user(session, trainer, trainee):
        raise deny(trainer, "certification.sign_off", "user", trainee_id)
    (levels or default_levels()).level(level)
    if len(note) > NOTE_MAX:
        raise InvalidInput("certification.note_too_long", max=NOTE_MAX)
    if active_signoff(session, trainee_id, level) is not None:
        raise Conflict("certification.already_signed_off")
    row = CertificationSignOff(trainee_id=trainee_id, level=level, trainer_id=trainer.id or 0, note=note.strip())
    session.add(row)
    session.flush()
    audit.record(session, actor=trainer, action="certification.sign_off", resource_type="user",
                 resource_id=trainee_id, detail=level)  # fmt: skip
    return row


def revoke_sign_off(session: Session, actor: User, *, trainee_id: int, level: str) -> CertificationSignOff:
    """Withdraw the active sign-off (a trainer of the cohort, an officer of the agency, an administrator)."""
    trainee = session.get(User, trainee_id)
    allowed = actor.role in (Role.TRAINER, Role.AGENCY, Role.ADMIN)
    if trainee is None or not allowed or not can_see_user(session, actor, trainee):
        raise deny(actor, "certification.revoke_sign_off", "user", trainee_id)
    row = active_signoff(session, trainee_id, level)
    if row is None:
        raise NotFound("certification.no_sign_off")
    row.revoked_at, row.revoked_by_id = utcnow(), actor.id
    session.add(row)
    audit.record(session, actor=actor, action="certification.revoke_sign_off", resource_type="user",
                 resource_id=trainee_id, detail=level)  # fmt: skip
    return row


def find_trainees(session: Session, actor: User, *, search: str = "", limit: int = 50) -> list[User]:
    """Trainees the actor may certify or sign off (a trainer's cohorts, an agency's subtree), by name."""
    if actor.role not in (Role.TRAINER, Role.AGENCY, Role.ADMIN):
        raise deny(actor, "certification.find_trainees", "role", "")
    stmt = select(User).where(User.role == Role.TRAINEE, col(User.is_active))
    ids = visible_org_ids(session, actor)
    if ids is not None:
        stmt = stmt.where(col(User.org_id).in_(ids))
    if search.strip():
        needle = f"%{search.strip()}%"
        stmt = stmt.where(col(User.display_name).ilike(needle) | col(User.username).ilike(needle))
    return list(session.exec(stmt.order_by(col(User.display_name), col(User.id)).limit(min(limit, 200))))
