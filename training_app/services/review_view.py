"""What the review screen shows: the transcript lines, the automatic report, each flag with its decision, the rubric
with AI prefill and the trainer's levels, the timed comments, and the other reviews of the same clip.

Reviewers (a trainer of the trainee's cohort, an administrator) open their own review of the clip, started on first
open; everyone else who may read sees the review of record (newest submitted), if any.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlmodel import Session, col, select

from training_app.catalog.rubrics import Rubric, default_rubric
from training_app.db.tables import FlagDecision, Review, ReviewStatus, Score, TimedComment, User
from training_app.errors import NotFound
from training_app.services.authz import can_see_user, deny
from training_app.services.clips import open_clip_audio
from training_app.services.media import MediaStore
from training_app.services.review_access import clip_and_owner, get_review, may_read, may_review
from training_app.services.review_edit import latest_score, rubric_of, start_review
from training_app.services.review_flags import Flag, flags_of
from training_app.services.review_record import records_of


@dataclass(frozen=True)
class Line:
    index: int
    start: float | None
    end: float | None
    text: str


@dataclass(frozen=True)
class FlagRow:
    flag: Flag
    decision: str | None  # "confirm" | "dismiss" | None
    reason_code: str | None
    reason_note: str


@dataclass(frozen=True)
class CriterionRow:
    id: str
    function: str
    weight: float
    title: str
    guide: str
    evidence: str
    ai: int | None
    ai_score: float | None
    level: int | None
    comment: str


@dataclass(frozen=True)
class CommentRow:
    id: int
    at_seconds: float
    text: str


@dataclass(frozen=True)
class OtherReview:
    review_id: int
    trainer_name: str
    status: str
    overall: float | None


@dataclass(frozen=True)
class ReviewScreen:
    clip_id: int
    trainee_name: str
    product_id: str | None
    task_id: str | None
    created_at: datetime
    duration_s: float | None
    report: dict[str, Any]  # the automatic ScoreReport dict that was reviewed
    lines: list[Line]
    review_id: int | None  # None: not reviewed yet (readers other than reviewers)
    version: int
    status: str | None
    trainer_name: str
    overall: float | None
    comment: str
    submitted_at: datetime | None
    editable: bool
    levels: dict[int, str]  # level value → label
    criteria: list[CriterionRow]
    flags: list[FlagRow]
    comments: list[CommentRow]
    others: list[OtherReview]


def _pick(
    session: Session, actor: User, clip_id: int, rubrics: dict[str, Rubric], review_id: int | None, start: bool
) -> Review | None:
    _clip, owner = clip_and_owner(session, clip_id)
    if review_id is not None:
        review = get_review(session, actor, review_id)
        if review.clip_id != clip_id:
            raise NotFound("review.not_found", review=review_id)
        return review
    if start and may_review(session, actor, owner):
        return start_review(session, actor, clip_id=clip_id, rubric=default_rubric(rubrics))
    if not can_see_user(session, actor, owner):
        raise deny(actor, "review.read", "clip", clip_id)
    return records_of(session, [clip_id]).get(clip_id)  # the trainee, or an agency officer: the review of record


def _criteria(rubric: Rubric, review: Review | None, lang: str) -> list[CriterionRow]:
    values = review.criteria if review else {}
    rows = []
    for c in rubric.criteria:
        entry = values.get(c.id) or {}
        rows.append(
            CriterionRow(
                id=c.id, function=c.function, weight=c.weight, title=c.title.get(lang), guide=c.guide.get(lang),
                evidence=c.evidence, ai=entry.get("ai"), ai_score=entry.get("ai_score"), level=entry.get("level"),
                comment=str(entry.get("comment") or ""),
            )
        )  # fmt: skip
    return rows


def _flags(session: Session, review: Review | None, report: dict[str, Any]) -> list[FlagRow]:
    decided: dict[str, FlagDecision] = {}
    if review is not None:
        decided = {d.flag_key: d for d in session.exec(select(FlagDecision).where(FlagDecision.review_id == review.id))}
    rows = []
    for flag in flags_of(report):
        d = decided.get(flag.key)
        rows.append(
            FlagRow(flag, d.decision.value if d else None, d.reason_code if d else None, d.reason_note if d else "")
        )
    return rows


def _others(session: Session, actor: User, clip_id: int, review: Review | None, owner: User) -> list[OtherReview]:
    stmt = select(Review, User).join(User, col(User.id) == Review.trainer_id).where(Review.clip_id == clip_id)
    return [
        OtherReview(r.id or 0, u.display_name, r.status.value, r.overall)
        for r, u in session.exec(stmt.order_by(col(Review.id)))
        if (review is None or r.id != review.id) and may_read(session, actor, r, owner)
    ]


def review_screen(
    session: Session,
    actor: User,
    *,
    clip_id: int,
    rubrics: dict[str, Rubric],
    lang: str,
    review_id: int | None = None,
    start: bool = True,
) -> ReviewScreen:
    """The review screen of a clip. ``start=True`` opens (and on first open starts) a reviewer's own review — call it
    in a writing unit of work; ``start=False`` is read-only and shows the review of record."""
    review = _pick(session, actor, clip_id, rubrics, review_id, start)
    clip, owner = clip_and_owner(session, clip_id)
    score = session.get(Score, review.score_id) if review and review.score_id else latest_score(session, clip_id)
    report = score.report if score else {}
    rubric = rubric_of(rubrics, review) if review else default_rubric(rubrics)
    trainer = session.get(User, review.trainer_id) if review else None
    comments = session.exec(
        select(TimedComment)
        .where(TimedComment.review_id == (review.id if review else -1))
        .order_by(col(TimedComment.at_seconds))
    )
    return ReviewScreen(
        clip_id=clip_id, trainee_name=owner.display_name, product_id=clip.product_id, task_id=clip.task_id,
        created_at=clip.created_at, duration_s=clip.duration_s, report=report,
        lines=[Line(i, s.get("start"), s.get("end"), str(s.get("text") or "")) for i, s in
               enumerate(report.get("segments") or [])],
        review_id=review.id if review else None, version=review.version if review else 0,
        status=review.status.value if review else None, trainer_name=trainer.display_name if trainer else "",
        overall=review.overall if review else None, comment=review.comment if review else "",
        submitted_at=review.submitted_at if review else None,
        editable=bool(review and review.status == ReviewStatus.DRAFT and may_review(session, actor, owner)),
        levels={lv.value: lv.label.get(lang) for lv in rubric.levels},
        criteria=_criteria(rubric, review, lang), flags=_flags(session, review, report),
        comments=[CommentRow(c.id or 0, c.at_seconds, c.text) for c in comments],
        others=_others(session, actor, clip_id, review, owner),
    )  # fmt: skip


AUDIO_TYPES = {"wav": "audio/wav", "mp3": "audio/mpeg", "m4a": "audio/mp4", "mp4": "audio/mp4", "ogg": "audio/ogg",
               "webm": "audio/webm", "flac": "audio/flac"}  # fmt: skip


def review_audio(session: Session, actor: User, *, clip_id: int, store: MediaStore) -> tuple[bytes, str]:
    """The recording and its MIME type, for the player beside the transcript (listening is audit-logged)."""
    clip, _owner = clip_and_owner(session, clip_id)
    return open_clip_audio(session, actor, clip_id, store), AUDIO_TYPES.get(clip.container, "audio/wav")
