"""Practice tasks: assignments to a cohort or a trainee, trainer-authored comment scripts, and each live-room
recording's comment timeline (which scripted comment was shown at which second of the recording).

Tasks themselves are reviewed files (``assessments/tasks/``) referenced by id, like product fact sheets.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, CheckConstraint, Index, UniqueConstraint
from sqlmodel import Field, SQLModel

from training_app.db import utcnow
from training_app.db.types import UTCDateTime


class CommentScript(SQLModel, table=True):
    """A trainer's own comment script; ``spec`` is a ``catalog.task_schemas.ScriptSpec`` as a dict."""

    id: int | None = Field(default=None, primary_key=True)
    owner_id: int = Field(foreign_key="user.id", index=True)
    title: str = Field(max_length=200)
    spec: dict[str, Any] = Field(default_factory=dict, sa_type=JSON)
    is_retired: bool = False
    created_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)
    updated_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)


class TaskAssignment(SQLModel, table=True):
    """A task given to a whole cohort or to one trainee (exactly one of the two), with a due date and a limit."""

    __table_args__ = (
        CheckConstraint("(cohort_id IS NULL) <> (trainee_id IS NULL)", name="ck_taskassignment_one_target"),
        Index("ix_taskassignment_task", "task_id"),
    )

    id: int | None = Field(default=None, primary_key=True)
    task_id: str = Field(max_length=64)
    cohort_id: int | None = Field(default=None, foreign_key="organisation.id", index=True)
    trainee_id: int | None = Field(default=None, foreign_key="user.id", index=True)
    assigned_by_id: int = Field(foreign_key="user.id")
    due_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    attempt_limit: int | None = None  # None: the task file's limit
    script_id: int | None = Field(default=None, foreign_key="commentscript.id")  # replaces the task's script
    is_withdrawn: bool = False
    created_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)


class ClipComment(SQLModel, table=True):
    """One comment shown during a live-room recording: when it appeared and what it was (a snapshot with the cue
    words resolved, so scoring does not depend on later edits of the script)."""

    __table_args__ = (UniqueConstraint("clip_id", "seq", name="uq_clipcomment_clip_seq"),)

    id: int | None = Field(default=None, primary_key=True)
    clip_id: int = Field(foreign_key="clip.id", index=True)
    seq: int
    shown_at_s: float
    comment: dict[str, Any] = Field(default_factory=dict, sa_type=JSON)
