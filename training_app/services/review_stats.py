"""Confirmed flags aggregated in SQL, for the dashboard and the talent pool at agency scale.

The review service's ``confirmed_flag_counts`` and ``reviewed_clip_results`` read clip ids and reviews into Python,
which is right for one trainee but took ~30 s for an agency of 100,000 trainees and 1,000,000 clips
(bench/dashboard.py).
These queries count the same thing in one statement: flags a trainer confirmed in the *review of record* of a clip,
with the one definition of it, ``review_record.is_of_record``; ``tests/certification/test_talent_pool.py`` checks
both counts agree.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import func, select
from sqlmodel import Session, col

from training_app.db.tables import Clip, FlagDecision, FlagDecisionKind, Review, User
from training_app.services.review_record import is_of_record

CRITICAL = "critical"


def _confirmed() -> Any:
    return (
        select()
        .select_from(FlagDecision)
        .join(Review, col(Review.id) == FlagDecision.review_id)
        .join(Clip, col(Clip.id) == Review.clip_id)
        .where(
            col(FlagDecision.decision) == FlagDecisionKind.CONFIRM,
            is_of_record(),
        )
    )


def confirmed_by_category(session: Session, org_ids: list[int] | None) -> dict[str, int]:
    """Category → confirmed flags in the reviews of record of clips of trainees in ``org_ids`` (None: everyone)."""
    stmt = _confirmed().add_columns(FlagDecision.category, func.count()).group_by(col(FlagDecision.category))
    if org_ids is not None:
        stmt = stmt.join(User, col(User.id) == Clip.owner_id).where(col(User.org_id).in_(org_ids))
    return {category: int(n) for category, n in session.execute(stmt).all()}


def critical_by_trainee(session: Session, trainee_ids: list[int]) -> dict[int, int]:
    """Trainee id → confirmed critical flags in the reviews of record of their clips."""
    if not trainee_ids:
        return {}
    stmt = (
        _confirmed()
        .add_columns(Clip.owner_id, func.count())
        .where(col(FlagDecision.severity) == CRITICAL, col(Clip.owner_id).in_(trainee_ids))
        .group_by(col(Clip.owner_id))
    )
    return {owner: int(n) for owner, n in session.execute(stmt).all()}


def has_confirmed_critical() -> Any:
    """``EXISTS`` a confirmed critical flag of record for the trainee ``User`` (for a WHERE clause)."""
    stmt = _confirmed().add_columns(FlagDecision.id)
    return stmt.where(col(FlagDecision.severity) == CRITICAL, col(Clip.owner_id) == User.id).exists()
