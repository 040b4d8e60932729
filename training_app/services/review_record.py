"""The *review of record* of a clip: its newest submitted review (latest ``submitted_at``, then highest id).

Several trainers may score a clip independently (for inter-rater agreement), but certification, the talent pool,
the dashboard, calibration and the false-alarm report count each clip once, through this one review. This module
is the only definition: ``is_of_record`` as a SQL condition (for aggregate queries at agency scale, see
``review_stats``) and ``records_of``, which loads those reviews for given clips.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from sqlalchemy import and_, exists, or_
from sqlalchemy.orm import aliased
from sqlmodel import Session, col, select

from training_app.db.tables import Review, ReviewStatus


def is_of_record() -> Any:
    """SQL condition on ``Review``: submitted, and no newer submitted review of the same clip exists."""
    newer = aliased(Review)
    newer_exists = exists().where(
        col(newer.clip_id) == Review.clip_id,
        col(newer.status) == ReviewStatus.SUBMITTED,
        or_(
            col(newer.submitted_at) > Review.submitted_at,
            and_(col(newer.submitted_at) == Review.submitted_at, col(newer.id) > Review.id),
        ),
    )
    return and_(col(Review.status) == ReviewStatus.SUBMITTED, ~newer_exists)


def records_of(session: Session, clip_ids: Iterable[int] | None = None) -> dict[int, Review]:
    """Clip id → its review of record, for the given clips (``None``: every clip); clips without one are absent."""
    stmt = select(Review).where(is_of_record())
    if clip_ids is not None:
        stmt = stmt.where(col(Review.clip_id).in_(list(clip_ids)))
    return {review.clip_id: review for review in session.exec(stmt)}
