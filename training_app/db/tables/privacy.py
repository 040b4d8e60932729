"""Privacy (PIPL): recording consent per document version, and the ledger of deletions.

A consent row is one acceptance of one version of a consent document; withdrawing keeps the row with its date. The
deletion ledger records what was deleted (kind, id, the media file's sha256) and when, never content: a restore of an
older backup re-applies every ledger entry newer than the backup's high-water mark.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Index
from sqlmodel import Field, SQLModel

from training_app.db import utcnow
from training_app.db.types import UTCDateTime


class Consent(SQLModel, table=True):
    __table_args__ = (Index("ix_consent_user_document", "user_id", "document_id", "version"),)

    id: int | None = Field(default=None, primary_key=True)
    user_id: int = Field(foreign_key="user.id")
    document_id: str = Field(max_length=64)
    version: int
    accepted_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)
    withdrawn_at: datetime | None = Field(default=None, sa_type=UTCDateTime)


class DeletionLedger(SQLModel, table=True):
    """One deleted thing: ``kind`` is "clip" or "account"; ``media_sha256`` of a clip's file (empty otherwise)."""

    id: int | None = Field(default=None, primary_key=True)
    kind: str = Field(max_length=16)
    object_id: int
    media_key: str = Field(default="", max_length=64)
    media_sha256: str = Field(default="", max_length=64)
    reason: str = Field(default="user", max_length=16)  # user | admin | retention
    at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)
