"""Trainer review: the review queue, and the reviewed results other areas build on (certification, talent pool).

The use cases that edit a review live in ``review_edit.py``; authorization of reviews in ``review_access.py``.

Results count each clip once, through its *review of record* (its newest submitted review): the one definition is
``review_record``, whose ``records_of`` is re-exported here for the callers that import it from this module.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlmodel import Session, col, func, select

from training_app.db.tables import (
    Clip,
    ClipStatus,
    FlagDecision,
    FlagDecisionKind,
    Organisation,
    OrgKind,
    Review,
    ReviewStatus,
    Role,
    Score,
    User,
)
from training_app.services.authz import require_role, visible_org_ids
from training_app.services.review_record import records_of as records_of  # re-exported

STAFF = (Role.TRAINER, Role.AGENCY, Role.ADMIN)
QUEUE_LIMIT = 200


@dataclass(frozen=True)
class ReviewedClip:
    clip_id: int
    reviewed_at: datetime
    score: float  # the submitted review's overall, 0–100
    has_confirmed_critical: bool


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


@dataclass(frozen=True)
class QueueFilters:
    cohort_id: int | None = None
    task_id: str | None = None
    critical_only: bool = False
    unreviewed_only: bool = False


@dataclass(frozen=True)
class QueueItem:
    clip_id: int
    created_at: datetime
    trainee_name: str
    cohort_id: int
    task_id: str | None
    product_id: str | None
    auto_overall: float | None
    flags: int
    critical_flags: int
    status: str  # "new" (no review yet) | "draft" | "submitted"


@dataclass(frozen=True)
class QueueCounts:
    unreviewed: int
    critical_unreviewed: int
    my_drafts: int


def _scored(session: Session, actor: User, filters: QueueFilters, action: str) -> list[tuple[Clip, User]]:
    require_role(actor, action, *STAFF)
    orgs = visible_org_ids(session, actor)
    stmt = select(Clip, User).join(User, col(User.id) == Clip.owner_id).where(Clip.status == ClipStatus.SCORED)
    if orgs is not None:
        stmt = stmt.where(col(User.org_id).in_(orgs))
    if filters.cohort_id is not None:
        stmt = stmt.where(User.org_id == filters.cohort_id)
    if filters.task_id:
        stmt = stmt.where(Clip.task_id == filters.task_id)
    return [(c, u) for c, u in session.exec(stmt.order_by(col(Clip.created_at).desc(), col(Clip.id).desc()))]


def current_scores(session: Session, clip_ids: list[int]) -> dict[int, Score]:
    """The current (newest) score of each clip."""
    latest: dict[int, Score] = {}
    for score in session.exec(select(Score).where(col(Score.clip_id).in_(clip_ids)).order_by(col(Score.id))):
        latest[score.clip_id] = score
    return latest


def _statuses(session: Session, clip_ids: list[int], actor: User) -> tuple[dict[int, str], int]:
    """Per clip "submitted" (any submitted review) or "draft"; and how many drafts are the actor's."""
    rows = session.exec(
        select(Review.clip_id, Review.status, Review.trainer_id).where(col(Review.clip_id).in_(clip_ids))
    ).all()
    submitted = {clip_id for clip_id, state, _ in rows if state == ReviewStatus.SUBMITTED}
    status = {clip_id: "submitted" if clip_id in submitted else "draft" for clip_id, _, _ in rows}
    mine = sum(1 for _, state, trainer_id in rows if state == ReviewStatus.DRAFT and trainer_id == actor.id)
    return status, mine


def _items(session: Session, actor: User, filters: QueueFilters, action: str) -> tuple[list[QueueItem], int]:
    rows = _scored(session, actor, filters, action)
    ids = [c.id or 0 for c, _ in rows]
    scores = current_scores(session, ids)
    status, my_drafts = _statuses(session, ids, actor)
    items = []
    for clip, owner in rows:
        score = scores.get(clip.id or 0)
        flags = list(score.report.get("claims") or []) if score else []
        items.append(
            QueueItem(
                clip_id=clip.id or 0,
                created_at=clip.created_at,
                trainee_name=owner.display_name,
                cohort_id=owner.org_id,
                task_id=clip.task_id,
                product_id=clip.product_id,
                auto_overall=score.overall if score else None,
                flags=len(flags),
                critical_flags=sum(1 for f in flags if f.get("severity") == "critical"),
                status=status.get(clip.id or 0, "new"),
            )
        )
    return items, my_drafts


def review_queue(session: Session, actor: User, filters: QueueFilters = QueueFilters()) -> list[QueueItem]:
    """Scored clips of the trainees the actor may see, newest first, filtered."""
    items, _ = _items(session, actor, filters, "review.queue")
    if filters.critical_only:
        items = [i for i in items if i.critical_flags]
    if filters.unreviewed_only:
        items = [i for i in items if i.status != "submitted"]
    return items[:QUEUE_LIMIT]


def next_unreviewed(session: Session, actor: User, filters: QueueFilters, *, after_clip_id: int) -> int | None:
    """The clip to review after ``after_clip_id`` with the queue's filters: the next clip not reviewed yet further
    down the queue (older), else the first one from the top; None when no other clip is waiting."""
    items, _ = _items(session, actor, filters, "review.queue")
    waiting = [
        i for i in items
        if i.status != "submitted" and i.clip_id != after_clip_id and (i.critical_flags or not filters.critical_only)
    ]  # fmt: skip
    current = session.get(Clip, after_clip_id)
    if current is not None:
        here = (current.created_at, after_clip_id)
        below = [i for i in waiting if (i.created_at, i.clip_id) < here]
        if below:
            return below[0].clip_id
    return waiting[0].clip_id if waiting else None


def queue_counts(session: Session, actor: User) -> QueueCounts:
    """For the home page: clips waiting for a review (with a critical flag among them) and the actor's drafts."""
    items, my_drafts = _items(session, actor, QueueFilters(), "review.queue")
    waiting = [i for i in items if i.status != "submitted"]
    return QueueCounts(len(waiting), sum(1 for i in waiting if i.critical_flags), my_drafts)


def queue_choices(session: Session, actor: User) -> tuple[dict[int, str], list[str]]:
    """The cohorts (id → name) and task ids the queue can be filtered by."""
    require_role(actor, "review.queue", *STAFF)
    orgs = visible_org_ids(session, actor)
    stmt = select(Organisation).where(Organisation.kind == OrgKind.COHORT)
    if orgs is not None:
        stmt = stmt.where(col(Organisation.id).in_(orgs))
    cohorts = {o.id or 0: o.name for o in session.exec(stmt.order_by(col(Organisation.name)))}
    tasks = session.exec(
        select(Clip.task_id).join(User, col(User.id) == Clip.owner_id)
        .where(col(User.org_id).in_(list(cohorts)), col(Clip.task_id).is_not(None)).distinct()
    )  # fmt: skip
    return cohorts, sorted(t for t in tasks if t)
