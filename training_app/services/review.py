"""Trainer review: the review queue, and the reviewed results other areas build on (certification, talent pool).

The use cases that edit a review live in ``review_edit.py``; authorization of reviews in ``review_access.py``.

The *review of record* of a clip is its newest submitted review: several trainers may score a clip independently
(for inter-rater agreement), but certification counts each clip once.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

from sqlmodel import Session, col, func, select

from training_app.db.tables import Clip, FlagDecision, FlagDecisionKind, Review, ReviewStatus


@dataclass(frozen=True)
class ReviewedClip:
    clip_id: int
    reviewed_at: datetime
    score: float  # the submitted review's overall, 0–100
    has_confirmed_critical: bool


def records_of(session: Session, clip_ids: Iterable[int] | None = None) -> dict[int, Review]:
    """The review of record (newest submitted) per clip, for the given clips or all clips."""
    stmt = select(Review).where(Review.status == ReviewStatus.SUBMITTED)
    if clip_ids is not None:
        stmt = stmt.where(col(Review.clip_id).in_(list(clip_ids)))
    latest: dict[int, Review] = {}
    for review in session.exec(stmt.order_by(col(Review.submitted_at), col(Review.id))):
        latest[review.clip_id] = review  # ordered oldest first: the newest wins
    return latest


def _confirmed(session: Session, review_ids: list[int], *, severity: str | None = None) -> list[FlagDecision]:
    if not review_ids:
        return []
    stmt = select(FlagDecision).where(
        col(FlagDecision.review_id).in_(review_ids), FlagDecision.decision == FlagDecisionKind.CONFIRM
    )
    if severity is not None:
        stmt = stmt.where(FlagDecision.severity == severity)
    return list(session.exec(stmt))


def reviewed_clip_results(session: Session, *, trainee_id: int) -> list[ReviewedClip]:
    """The trainee's clips with a submitted review, newest review first: overall score and whether a trainer
    confirmed a critical flag.

    Internal: no actor and no authorization check. The caller must already have checked that its actor may see
    this trainee (``authz.require_user_access``).
    """
    clip_ids = list(session.exec(select(Clip.id).where(Clip.owner_id == trainee_id)))
    records = records_of(session, [c for c in clip_ids if c is not None])
    critical = {d.review_id for d in _confirmed(session, [r.id or 0 for r in records.values()], severity="critical")}
    results = [
        ReviewedClip(
            clip_id=clip_id,
            reviewed_at=review.submitted_at or review.updated_at,
            score=float(review.overall or 0.0),
            has_confirmed_critical=review.id in critical,
        )
        for clip_id, review in records.items()
    ]
    return sorted(results, key=lambda r: (r.reviewed_at, r.clip_id), reverse=True)


def confirmed_flag_counts(session: Session, *, trainee_ids: list[int] | None) -> dict[str, int]:
    """Category → number of flags confirmed in the reviews of record of these trainees' clips (``None``: everyone).

    Internal: no actor and no authorization check. The caller must already have checked that its actor may see
    every trainee asked about.
    """
    stmt = select(Clip.id)
    if trainee_ids is not None:
        stmt = stmt.where(col(Clip.owner_id).in_(trainee_ids))
    records = records_of(session, [c for c in session.exec(stmt) if c is not None])
    review_ids = [r.id or 0 for r in records.values()]
    if not review_ids:
        return {}
    rows = session.exec(
        select(FlagDecision.category, func.count())
        .where(col(FlagDecision.review_id).in_(review_ids), FlagDecision.decision == FlagDecisionKind.CONFIRM)
        .group_by(FlagDecision.category)
    )
    return {category: int(count) for category, count in rows}
