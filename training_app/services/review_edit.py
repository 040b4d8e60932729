"""Editing a review: start (AI-prefilled draft), autosave every change, flag decisions, timed comments, submit.

Every change names the ``version`` the editor last saw and is one ``UPDATE review … WHERE id = :id AND version = :v
AND status = 'draft'`` that bumps the version; when no row matches, someone else saved first and the change raises
``Conflict`` — the transaction rolls back, so nothing the other person wrote is overwritten. A level that differs
from the AI's prefill is kept beside it (``criteria[id] = {"ai", "level", …}``) and audit-logged as an override.
"""

from __future__ import annotations

import copy
from typing import Any

from sqlalchemy import update
from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, col, select

from training_app.catalog.rubrics import Rubric
from training_app.db import utcnow
from training_app.db.tables import FlagDecision, FlagDecisionKind, Review, ReviewStatus, Score, TimedComment, User
from training_app.errors import Conflict, InvalidInput, NotFound
from training_app.services import audit, review_rubric
from training_app.services.review_access import get_editable, require_reviewer
from training_app.services.review_flags import DISMISS_REASONS, Flag, flags_of

COMMENT_LIMIT = 1000
REVIEW_COMMENT_LIMIT = 2000


def clean_text(text: str, limit: int) -> str:
    text = text.strip()
    if len(text) > limit:
        raise InvalidInput("review.text_too_long", limit=limit)
    return text


def latest_score(session: Session, clip_id: int) -> Score | None:
    return session.exec(select(Score).where(Score.clip_id == clip_id).order_by(col(Score.id).desc())).first()


def rubric_of(rubrics: dict[str, Rubric], review: Review) -> Rubric:
    rubric = rubrics.get(review.rubric_id)
    if rubric is None:
        raise InvalidInput("rubric.unknown", rubric=review.rubric_id)
    return rubric


def _bump(session: Session, review: Review, version: int, actor: User, **values: Any) -> None:
    """Save ``values`` only if the review is still the draft at ``version`` the editor saw."""
    stmt = (
        update(Review)
        .where(col(Review.id) == review.id, col(Review.version) == version, col(Review.status) == ReviewStatus.DRAFT)
        .values(version=version + 1, updated_at=utcnow(), updated_by_id=actor.id, **values)
    )
    if session.connection().execute(stmt).rowcount != 1:
        raise Conflict("review.conflict")
    session.expire(review)


def start_review(session: Session, actor: User, *, clip_id: int, rubric: Rubric) -> Review:
    """The actor's review of the clip: the existing one, or a new draft pre-filled from the automatic report."""
    require_reviewer(session, actor, clip_id, "review.start")
    existing = session.exec(select(Review).where(Review.clip_id == clip_id, Review.trainer_id == actor.id)).first()
    if existing is not None:
        return existing
    score = latest_score(session, clip_id)
    if score is None:
        raise InvalidInput("review.not_scored")
    criteria = review_rubric.prefill(rubric, score.report)
    review = Review(
        clip_id=clip_id, trainer_id=actor.id or 0, score_id=score.id, rubric_id=rubric.id,
        rubric_version=rubric.version, criteria=criteria, overall=review_rubric.overall(rubric, criteria),
        updated_by_id=actor.id,
    )  # fmt: skip
    session.add(review)
    try:
        session.flush()
    except IntegrityError as exc:  # the same trainer started it in another tab a moment ago
        raise Conflict("review.conflict") from exc
    audit.record(session, actor=actor, action="review.start", resource_type="review", resource_id=review.id)
    return review


def _apply_levels(rubric: Rubric, criteria: dict[str, Any], levels: dict[str, int | None]) -> None:
    for criterion_id, level in levels.items():
        if rubric.criterion(criterion_id) is None or criterion_id not in criteria:
            raise InvalidInput("review.unknown_criterion", criterion=criterion_id)
        if level is not None and not 1 <= level <= rubric.top:
            raise InvalidInput("review.bad_level", top=rubric.top)
        criteria[criterion_id]["level"] = level


def _audit_levels(session: Session, actor: User, review_id: int, before: dict[str, Any], after: dict[str, Any]) -> None:
    for criterion_id, entry in after.items():
        old, new, ai = before[criterion_id].get("level"), entry.get("level"), entry.get("ai")
        if old != new:
            action = "review.level" if new == ai else "review.override"
            detail = f"{criterion_id}: ai={ai} trainer={old}->{new}"
            audit.record(
                session, actor=actor, action=action, resource_type="review", resource_id=review_id, detail=detail
            )


def update_review(
    session: Session,
    actor: User,
    *,
    review_id: int,
    version: int,
    rubrics: dict[str, Rubric],
    levels: dict[str, int | None] | None = None,
    comments: dict[str, str] | None = None,
    comment: str | None = None,
) -> Review:
    """Autosave: criterion levels and comments and the general comment; the overall follows the levels."""
    review = get_editable(session, actor, review_id, "review.edit")
    rubric = rubric_of(rubrics, review)
    before = copy.deepcopy(review.criteria)
    criteria = copy.deepcopy(review.criteria)
    _apply_levels(rubric, criteria, levels or {})
    for criterion_id, text in (comments or {}).items():
        if criterion_id not in criteria:
            raise InvalidInput("review.unknown_criterion", criterion=criterion_id)
        criteria[criterion_id]["comment"] = clean_text(text, COMMENT_LIMIT)
    values: dict[str, Any] = {"criteria": criteria, "overall": review_rubric.overall(rubric, criteria)}
    if comment is not None:
        values["comment"] = clean_text(comment, REVIEW_COMMENT_LIMIT)
    _bump(session, review, version, actor, **values)
    _audit_levels(session, actor, review_id, before, criteria)
    return review


def _flag(session: Session, review: Review, flag_key: str) -> Flag:
    flag = next((f for f in flags_of(_report(session, review)) if f.key == flag_key), None)
    if flag is None:
        raise NotFound("review.flag_not_found")
    return flag


def decide_flag(
    session: Session,
    actor: User,
    *,
    review_id: int,
    version: int,
    flag_key: str,
    decision: FlagDecisionKind | None,
    reason_code: str | None = None,
    reason_note: str = "",
) -> Review:
    """Confirm or dismiss (with a reason) one automatic flag; ``decision=None`` takes a decision back."""
    review = get_editable(session, actor, review_id, "review.flag")
    flag = _flag(session, review, flag_key)
    if decision == FlagDecisionKind.DISMISS and reason_code not in DISMISS_REASONS:
        raise InvalidInput("review.reason_required")
    note = clean_text(reason_note, 500) if decision == FlagDecisionKind.DISMISS else ""
    _bump(session, review, version, actor)
    row = session.exec(
        select(FlagDecision).where(FlagDecision.review_id == review_id, FlagDecision.flag_key == flag_key)
    ).first()
    if decision is None:
        if row is not None:
            session.delete(row)
        return review
    row = row or FlagDecision(
        review_id=review_id, clip_id=review.clip_id, flag_key=flag.key, rule_id=flag.claim.rule_id,
        category=flag.claim.category, severity=flag.claim.severity, text=flag.claim.text[:500],
        context=flag.context[:1000], start_s=flag.claim.start,
        language=_language(session, review), decision=decision, decided_by_id=actor.id or 0,
    )  # fmt: skip
    row.decision, row.decided_by_id, row.decided_at = decision, actor.id or 0, utcnow()
    row.reason_code = reason_code if decision == FlagDecisionKind.DISMISS else None
    row.reason_note = note
    session.add(row)
    detail = f"{flag.claim.rule_id} {decision.value} {row.reason_code or ''}".strip()
    audit.record(
        session, actor=actor, action="review.flag", resource_type="review", resource_id=review_id, detail=detail
    )
    return review


def _language(session: Session, review: Review) -> str:
    return str(_report(session, review).get("language") or "zh")


def add_timed_comment(
    session: Session, actor: User, *, review_id: int, version: int, at_seconds: float, text: str
) -> TimedComment:
    """A comment pinned to a moment of the clip (seconds from the start)."""
    review = get_editable(session, actor, review_id, "review.comment")
    clip, _owner = require_reviewer(session, actor, review.clip_id, "review.comment")
    if at_seconds < 0 or (clip.duration_s is not None and at_seconds > clip.duration_s + 1):
        raise InvalidInput("review.bad_moment")
    body = clean_text(text, COMMENT_LIMIT)
    if not body:
        raise InvalidInput("review.empty_comment")
    _bump(session, review, version, actor)
    row = TimedComment(
        review_id=review_id, clip_id=review.clip_id, trainer_id=actor.id or 0, at_seconds=at_seconds, text=body
    )
    session.add(row)
    session.flush()
    return row


def delete_timed_comment(session: Session, actor: User, *, review_id: int, version: int, comment_id: int) -> None:
    review = get_editable(session, actor, review_id, "review.comment")
    row = session.get(TimedComment, comment_id)
    if row is None or row.review_id != review_id:
        raise NotFound("review.comment_not_found")
    _bump(session, review, version, actor)
    session.delete(row)


def submit_review(session: Session, actor: User, *, review_id: int, version: int, rubrics: dict[str, Rubric]) -> Review:
    """Complete the review: every criterion needs a level and every flag a decision. A submitted review is final."""
    review = get_editable(session, actor, review_id, "review.submit")
    rubric = rubric_of(rubrics, review)
    missing = review_rubric.missing_levels(rubric, review.criteria)
    if missing:
        raise InvalidInput("review.missing_levels", count=len(missing))
    decided = set(session.exec(select(FlagDecision.flag_key).where(FlagDecision.review_id == review_id)))
    undecided = [f for f in flags_of(_report(session, review)) if f.key not in decided]
    if undecided:
        raise InvalidInput("review.flags_undecided", count=len(undecided))
    now = utcnow()
    overall = review_rubric.overall(rubric, review.criteria)
    _bump(session, review, version, actor, status=ReviewStatus.SUBMITTED, submitted_at=now, overall=overall)
    audit.record(session, actor=actor, action="review.submit", resource_type="review", resource_id=review_id)
    return review


def _report(session: Session, review: Review) -> dict[str, Any]:
    score = session.get(Score, review.score_id) if review.score_id else None
    return score.report if score else {}
