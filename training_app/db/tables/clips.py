"""Recordings (clips), the background jobs that process them, their transcripts and scores.

Recordings are stored apart from identity data: a clip row keeps the owner's id and a random media key, never the
uploader's file name; the media store lays files out by that key only.

Jobs are our own table (huey only carries "look at job N"): status, lease and heartbeat, attempts, idempotency key.
Two workers can never both own a job (claims are conditional UPDATEs) and a clip never gets two transcripts for the
same model (unique ``(clip_id, model_key)``).
"""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum
from typing import Any

from sqlalchemy import JSON, Index, UniqueConstraint
from sqlmodel import Field, SQLModel

from training_app.db import utcnow
from training_app.db.types import EnumString, UTCDateTime


class ClipSource(StrEnum):
    RECORDING = "recording"  # recorded in the browser
    UPLOAD = "upload"  # a file from the trainee's phone
    IMPORT = "import"  # a livestream replay imported by a trainer (longer limits)


class ClipStatus(StrEnum):
    QUEUED = "queued"
    TRANSCRIBING = "transcribing"  # decoding, transcribing and scoring (one job)
    SCORED = "scored"
    NO_SPEECH = "no_speech"
    FAILED = "failed"


class JobKind(StrEnum):
    TRANSCRIBE = "transcribe"  # decode + transcribe, then score in the same run
    SCORE = "score"  # re-score a stored transcript (after a rule change)


class JobStatus(StrEnum):
    QUEUED = "queued"
    RUNNING = "running"
    DONE = "done"
    FAILED = "failed"


class ClipBase(SQLModel):
    product_id: str | None = Field(default=None, max_length=64)  # a fact sheet id; None for a mixed replay
    task_id: str | None = Field(default=None, max_length=64)  # free practice until tasks exist
    source: ClipSource = Field(sa_type=EnumString(ClipSource))  # type: ignore[call-overload]


class Clip(ClipBase, table=True):
    __table_args__ = (
        Index("ix_clip_owner_created", "owner_id", "created_at"),
        Index("ix_clip_created_owner", "created_at", "owner_id"),  # dashboard: the current month, live
    )

    id: int | None = Field(default=None, primary_key=True)
    owner_id: int = Field(foreign_key="user.id")  # the trainee whose practice this is
    uploaded_by_id: int = Field(foreign_key="user.id")  # the trainee, or the trainer who imported it
    media_key: str = Field(max_length=64, unique=True)
    sha256: str = Field(max_length=64)
    size_bytes: int
    container: str = Field(max_length=16)  # sniffed format, e.g. "wav", "mp4"
    duration_s: float | None = None
    status: ClipStatus = Field(  # type: ignore[call-overload]
        default=ClipStatus.QUEUED, sa_type=EnumString(ClipStatus), index=True
    )
    error_key: str | None = Field(default=None, max_length=100)
    created_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)
    updated_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)


class Job(SQLModel, table=True):
    __table_args__ = (
        UniqueConstraint("idempotency_key", name="uq_job_idempotency_key"),
        Index("ix_job_status_lease", "status", "lease_expires_at"),
    )

    id: int | None = Field(default=None, primary_key=True)
    clip_id: int = Field(foreign_key="clip.id", index=True)
    kind: JobKind = Field(sa_type=EnumString(JobKind))  # type: ignore[call-overload]
    model_key: str = Field(max_length=100)
    idempotency_key: str = Field(max_length=200)  # "<clip id>:<kind>:<model key>[:<rule set>]"
    status: JobStatus = Field(default=JobStatus.QUEUED, sa_type=EnumString(JobStatus))  # type: ignore[call-overload]
    attempts: int = 0
    max_attempts: int = 3
    lease_owner: str | None = Field(default=None, max_length=100)  # "<host>:<pid>:<random>" of the claiming worker
    lease_expires_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    heartbeat_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    progress: float = 0.0  # fraction of the audio processed, 0..1
    error_key: str | None = Field(default=None, max_length=100)
    enqueued_at: datetime | None = Field(default=None, sa_type=UTCDateTime)  # last hand-over to the queue
    created_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)
    finished_at: datetime | None = Field(default=None, sa_type=UTCDateTime)


class Transcript(SQLModel, table=True):
    """One transcript per clip and model (``speech.transcript.Transcript.to_dict()`` in ``data``)."""

    __table_args__ = (UniqueConstraint("clip_id", "model_key", name="uq_transcript_clip_model"),)

    id: int | None = Field(default=None, primary_key=True)
    clip_id: int = Field(foreign_key="clip.id", index=True)
    model_key: str = Field(max_length=100)
    language: str = Field(max_length=8)
    status: str = Field(max_length=16)  # "transcribed" | "no_speech"
    duration_s: float | None = None
    data: dict[str, Any] = Field(default_factory=dict, sa_type=JSON)
    created_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)


class Score(SQLModel, table=True):
    """A ``ScoreReport.to_dict()`` with the rule-set and model versions that produced it. Newest is current."""

    __table_args__ = (
        UniqueConstraint("transcript_id", "rule_set_version", name="uq_score_transcript_rules"),
        Index("ix_score_clip_overall", "clip_id", "overall"),  # dashboard: averages without reading the report
    )

    id: int | None = Field(default=None, primary_key=True)
    clip_id: int = Field(foreign_key="clip.id", index=True)
    transcript_id: int = Field(foreign_key="transcript.id")
    rule_set_version: str = Field(max_length=100)
    model_version: str = Field(max_length=100)
    overall: float | None = None
    report: dict[str, Any] = Field(default_factory=dict, sa_type=JSON)
    created_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)
