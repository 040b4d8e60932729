"""What a trainee has done, gathered for the certification rules: completed modules and best quiz scores (from the
course progress), trainer-reviewed clips (from the review service), active sign-offs and certificates held.

No authorization here: callers check that their actor may see the trainee first.
"""

from __future__ import annotations

import calendar
from collections.abc import Callable
from datetime import datetime, timedelta

from sqlmodel import Session, col, select

from training_app.catalog.certification import LevelSpec
from training_app.certification.rules import ReviewedClip, TraineeRecord
from training_app.db.tables.certification import Certificate, CertificationSignOff
from training_app.services import review
from training_app.services.course_state import content_index, load_activity, module_states

ReviewSource = Callable[[Session, int], list[ReviewedClip]]


def reviewed_clips(session: Session, trainee_id: int) -> list[ReviewedClip]:
    """The trainee's trainer-reviewed clips, newest first (the review of record of each clip)."""
    return [
        ReviewedClip(r.clip_id, r.reviewed_at, float(r.score), bool(r.has_confirmed_critical))
        for r in review.reviewed_clip_results(session, trainee_id=trainee_id)
    ]


def confirmed_flag_counts(session: Session, trainee_ids: list[int] | None) -> dict[str, int]:
    """Category → confirmed flags in the reviews of these trainees' clips (None: everyone)."""
    return review.confirmed_flag_counts(session, trainee_ids=trainee_ids)


def add_months(moment: datetime, months: int) -> datetime:
    month = moment.month - 1 + months
    year, month = moment.year + month // 12, month % 12 + 1
    day = min(moment.day, calendar.monthrange(year, month)[1])
    return moment.replace(year=year, month=month, day=day)


def active_signoff(session: Session, trainee_id: int, level: str) -> CertificationSignOff | None:
    stmt = (
        select(CertificationSignOff)
        .where(
            CertificationSignOff.trainee_id == trainee_id,
            CertificationSignOff.level == level,
            col(CertificationSignOff.revoked_at).is_(None),
        )
        .order_by(col(CertificationSignOff.signed_at).desc())
    )
    return session.exec(stmt).first()


def certificates_of(session: Session, trainee_id: int) -> list[Certificate]:
    stmt = select(Certificate).where(Certificate.trainee_id == trainee_id).order_by(col(Certificate.issued_at).desc())
    return list(session.exec(stmt))


def is_valid(cert: Certificate, now: datetime) -> bool:
    return cert.revoked_at is None and cert.expires_at > now


def is_current(cert: Certificate, spec: LevelSpec, now: datetime) -> bool:
    """Not revoked and not past its renewal grace period: renew it rather than issue another."""
    return cert.revoked_at is None and now <= cert.expires_at + timedelta(days=spec.renewal.grace_days)


def trainee_record(
    session: Session, trainee_id: int, level: str, now: datetime, *, reviews: ReviewSource | None = None
) -> TraineeRecord:
    index = content_index(session)
    activity = load_activity(session, [trainee_id])[trainee_id]
    states = module_states(index, activity, apply_locks=False)
    return TraineeRecord(
        completed_modules=frozenset(m for m, s in states.items() if s.complete),
        best_quiz_scores={m: s.best_score for m, s in states.items() if s.best_score is not None},
        reviewed_clips=(reviews or reviewed_clips)(session, trainee_id),
        signed_off=active_signoff(session, trainee_id, level) is not None,
        held_levels=frozenset(c.level for c in certificates_of(session, trainee_id) if is_valid(c, now)),
    )
