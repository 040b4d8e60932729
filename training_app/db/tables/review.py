"""Trainer reviews of scored clips: the rubric scores (AI prefill and the trainer's value side by side), decisions on
each automatic flag, and comments pinned to a moment of the recording.

A review is edited as a draft and saved on every change; ``version`` is bumped by every save with
``UPDATE … WHERE version = :seen`` so two people editing the same draft never overwrite each other. One review per
clip and trainer (``uq_review_clip_trainer``): several trainers may score the same clip independently, which is what
inter-rater agreement is computed from.
"""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum
from typing import Any

from sqlalchemy import JSON, Index, UniqueConstraint
from sqlmodel import Field, SQLModel

from training_app.db import utcnow
from training_app.db.types import EnumString, UTCDateTime


class ReviewStatus(StrEnum):
    DRAFT = "draft"
    SUBMITTED = "submitted"


class FlagDecisionKind(StrEnum):
    CONFIRM = "confirm"
    DISMISS = "dismiss"


class Review(SQLModel, table=True):
    __table_args__ = (
        UniqueConstraint("clip_id", "trainer_id", name="uq_review_clip_trainer"),
        Index("ix_review_status_submitted", "status", "submitted_at"),
    )

    id: int | None = Field(default=None, primary_key=True)
    clip_id: int = Field(foreign_key="clip.id", index=True)
    trainer_id: int = Field(foreign_key="user.id", index=True)  # the rater who started the review
    score_id: int | None = Field(default=None, foreign_key="score.id")  # the automatic report that was reviewed
    status: ReviewStatus = Field(  # type: ignore[call-overload]
        default=ReviewStatus.DRAFT, sa_type=EnumString(ReviewStatus)
    )
    version: int = 1
    rubric_id: str = Field(max_length=64)
    rubric_version: str = Field(max_length=32)
    # {criterion id: {"ai": level | None, "ai_score": 0–100 | None, "level": level | None, "comment": str}}
    criteria: dict[str, Any] = Field(default_factory=dict, sa_type=JSON)
    overall: float | None = None  # 0–100 from the trainer's levels and the rubric weights
    comment: str = Field(default="", max_length=2000)
    updated_by_id: int | None = Field(default=None, foreign_key="user.id")
    created_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)
    updated_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)
    submitted_at: datetime | None = Field(default=None, sa_type=UTCDateTime)


class FlagDecision(SQLModel, table=True):
    """A trainer's confirm/dismiss of one automatic flag, with a snapshot of the flag (a re-score may change the
    report later; the decision and the labelled data stay as they were)."""

    __table_args__ = (UniqueConstraint("review_id", "flag_key", name="uq_flagdecision_review_flag"),)

    id: int | None = Field(default=None, primary_key=True)
    review_id: int = Field(foreign_key="review.id", index=True)
    clip_id: int = Field(foreign_key="clip.id", index=True)
    flag_key: str = Field(max_length=120)  # "<rule_id>@<start>#<text hash>"
    rule_id: str = Field(max_length=64, index=True)
    category: str = Field(max_length=64)
    severity: str = Field(max_length=16)
    text: str = Field(max_length=500)  # the flagged words
    context: str = Field(default="", max_length=1000)  # the transcript line they stand in
    language: str = Field(default="zh", max_length=8)
    start_s: float | None = None
    decision: FlagDecisionKind = Field(sa_type=EnumString(FlagDecisionKind))  # type: ignore[call-overload]
    reason_code: str | None = Field(default=None, max_length=32)
    reason_note: str = Field(default="", max_length=500)
    decided_by_id: int = Field(foreign_key="user.id")
    decided_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)


class TimedComment(SQLModel, table=True):
    """A trainer's comment pinned to a moment (seconds from the start) of a clip, part of one review."""

    id: int | None = Field(default=None, primary_key=True)
    review_id: int = Field(foreign_key="review.id", index=True)
    clip_id: int = Field(foreign_key="clip.id", index=True)
    trainer_id: int = Field(foreign_key="user.id")
    at_seconds: float
    text: str = Field(max_length=1000)
    created_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)
