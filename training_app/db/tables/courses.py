"""Courses loaded from ``courses/`` and each trainee's progress through them.

Content rows are keyed by the stable ids written in the files, never deleted: an item that disappears from the
files is marked retired, so past progress and answers keep pointing at a real row. Lessons and quizzes carry a
content version (a hash of their text); progress and attempts record the version they were made on.
"""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum
from typing import Any

from sqlalchemy import JSON, Index, Text, UniqueConstraint
from sqlmodel import Field, SQLModel

from training_app.db import utcnow
from training_app.db.types import EnumString, UTCDateTime

ID_LEN = 120


class QuestionKind(StrEnum):
    SINGLE = "single"
    MULTIPLE = "multiple"


class ContentRelease(SQLModel, table=True):
    """One successful load of the course files; the latest row is the content in use."""

    id: int | None = Field(default=None, primary_key=True)
    version: str = Field(max_length=64, index=True)
    loaded_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)
    summary: str = Field(default="", max_length=200)


class CourseItemBase(SQLModel):
    """What tracks and modules share: a stable id from the files, order, bilingual title and summary."""

    id: str = Field(primary_key=True, max_length=ID_LEN)
    order: int = 0
    title_zh: str = Field(max_length=300)
    title_en: str = Field(max_length=300)
    summary_zh: str = Field(default="", sa_type=Text)
    summary_en: str = Field(default="", sa_type=Text)
    is_retired: bool = False


class CourseTrack(CourseItemBase, table=True):
    audience: list[str] = Field(default_factory=list, sa_type=JSON)


class CourseModule(CourseItemBase, table=True):
    track_id: str = Field(foreign_key="coursetrack.id", index=True, max_length=ID_LEN)
    standard_functions: list[str] = Field(default_factory=list, sa_type=JSON)
    prerequisites: list[str] = Field(default_factory=list, sa_type=JSON)
    estimated_minutes: int = 0


class CourseLesson(SQLModel, table=True):
    id: str = Field(primary_key=True, max_length=ID_LEN)
    module_id: str = Field(foreign_key="coursemodule.id", index=True, max_length=ID_LEN)
    order: int = 0
    minutes: int = 0
    title_zh: str = Field(max_length=300)
    title_en: str = Field(max_length=300)
    body_zh: str = Field(sa_type=Text)
    body_en: str = Field(sa_type=Text)
    sources: dict[str, Any] = Field(default_factory=dict, sa_type=JSON)  # {"zh": [...], "en": [...]}
    version: str = Field(max_length=64)
    updated_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)
    is_retired: bool = False


class CourseQuiz(SQLModel, table=True):
    """One quiz per module (keyed by the module id)."""

    module_id: str = Field(primary_key=True, foreign_key="coursemodule.id", max_length=ID_LEN)
    pass_mark: float
    max_attempts: int | None = None
    version: str = Field(max_length=64)
    updated_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)
    is_retired: bool = False


class QuizQuestion(SQLModel, table=True):
    """A question and its options (JSON: id, text, correct, explanation). Removed questions are retired, not deleted."""

    id: str = Field(primary_key=True, max_length=ID_LEN)
    module_id: str = Field(foreign_key="coursemodule.id", index=True, max_length=ID_LEN)
    order: int = 0
    kind: QuestionKind = Field(sa_type=EnumString(QuestionKind))  # type: ignore[call-overload]
    prompt_zh: str = Field(sa_type=Text)
    prompt_en: str = Field(sa_type=Text)
    options: list[dict[str, Any]] = Field(default_factory=list, sa_type=JSON)
    version: str = Field(max_length=64)
    is_retired: bool = False
    retired_at: datetime | None = Field(default=None, sa_type=UTCDateTime)


class LessonProgress(SQLModel, table=True):
    """A trainee's progress on one lesson, keyed by the lesson's stable id (survives edits of the lesson)."""

    __table_args__ = (
        UniqueConstraint("user_id", "lesson_id", name="uq_lessonprogress_user_lesson"),
        Index("ix_lessonprogress_completed_user", "completed_at", "user_id"),  # dashboard: this month's lessons
        Index("ix_lessonprogress_user_completed", "user_id", "completed_at"),  # dashboard: a trainee's first lesson
    )

    id: int | None = Field(default=None, primary_key=True)
    user_id: int = Field(foreign_key="user.id", index=True)
    lesson_id: str = Field(foreign_key="courselesson.id", max_length=ID_LEN)
    first_seen_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)
    last_seen_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)
    seen_version: str = Field(max_length=64)
    completed_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    completed_version: str | None = Field(default=None, max_length=64)


class QuizAttempt(SQLModel, table=True):
    """One try at a module's quiz: the questions shown (in order), the shuffle seed and the quiz version."""

    __table_args__ = (
        Index("ix_quizattempt_user_module", "user_id", "module_id"),
        Index("ix_quizattempt_submitted_user", "submitted_at", "user_id"),  # dashboard: this month's attempts
    )

    id: int | None = Field(default=None, primary_key=True)
    user_id: int = Field(foreign_key="user.id")
    module_id: str = Field(foreign_key="coursemodule.id", max_length=ID_LEN)
    quiz_version: str = Field(max_length=64)
    seed: int
    question_ids: list[str] = Field(default_factory=list, sa_type=JSON)
    pass_mark: float
    started_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)
    submitted_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    correct_count: int = 0
    total: int = 0
    score: float | None = None
    passed: bool = False


class QuizAnswer(SQLModel, table=True):
    """The options a trainee chose for one question of one attempt, with the question version they saw."""

    __table_args__ = (UniqueConstraint("attempt_id", "question_id", name="uq_quizanswer_attempt_question"),)

    id: int | None = Field(default=None, primary_key=True)
    attempt_id: int = Field(foreign_key="quizattempt.id", index=True)
    question_id: str = Field(foreign_key="quizquestion.id", max_length=ID_LEN)
    question_version: str = Field(max_length=64)
    selected: list[str] = Field(default_factory=list, sa_type=JSON)
    is_correct: bool = False


class LessonNarration(SQLModel, table=True):
    """A recorded narration of a lesson in one language; the file lives in the media directory."""

    __table_args__ = (Index("ix_lessonnarration_lesson_lang", "lesson_id", "language"),)

    id: int | None = Field(default=None, primary_key=True)
    lesson_id: str = Field(foreign_key="courselesson.id", max_length=ID_LEN)
    language: str = Field(max_length=8)
    lesson_version: str = Field(max_length=64)
    stored_name: str = Field(max_length=100)
    audio_format: str = Field(max_length=16)  # wav | mp3 | m4a | ogg | webm
    size_bytes: int
    sha256: str = Field(max_length=64)
    recorded_by: int = Field(foreign_key="user.id")
    created_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)
