"""Certificates, trainer sign-offs and the agency's event shortlists.

A certificate row keeps a random 128-bit public id (the part of the printed code that is looked up), the level and
the rule-set version it was issued under, the issuing agency, dates, and the holder's masked name as printed: the
public verification page reads this row and the agency's name, never the user table. Renewal extends the same
certificate (the printed code stays valid); revocation keeps the row with its date and reason.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Index, UniqueConstraint
from sqlmodel import Field, SQLModel

from training_app.db import utcnow
from training_app.db.types import UTCDateTime


class Certificate(SQLModel, table=True):
    __table_args__ = (
        Index("ix_certificate_trainee_level", "trainee_id", "level"),
        Index("ix_certificate_org_level", "issuing_org_id", "level", "revoked_at"),
        Index("ix_certificate_valid_trainee", "revoked_at", "expires_at", "trainee_id"),  # dashboard: holders now
    )

    id: int | None = Field(default=None, primary_key=True)
    public_id: str = Field(max_length=32, unique=True)  # hex of the 16 random bytes in the code
    trainee_id: int = Field(foreign_key="user.id")
    level: str = Field(max_length=32)
    rules_version: str = Field(max_length=64)
    issuing_org_id: int = Field(foreign_key="organisation.id")
    holder_masked_name: str = Field(max_length=100)
    issued_by_id: int | None = Field(default=None, foreign_key="user.id")
    issued_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)
    expires_at: datetime = Field(sa_type=UTCDateTime)
    renewed_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    renewal_count: int = 0
    revoked_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    revoked_by_id: int | None = Field(default=None, foreign_key="user.id")
    revoke_reason: str | None = Field(default=None, max_length=500)


class CertificationSignOff(SQLModel, table=True):
    """A trainer's sign-off of a trainee for a level; revoking keeps the row (who, when, why)."""

    __table_args__ = (Index("ix_certificationsignoff_trainee_level", "trainee_id", "level"),)

    id: int | None = Field(default=None, primary_key=True)
    trainee_id: int = Field(foreign_key="user.id")
    level: str = Field(max_length=32)
    trainer_id: int = Field(foreign_key="user.id")
    note: str = Field(default="", max_length=1000)
    signed_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)
    revoked_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    revoked_by_id: int | None = Field(default=None, foreign_key="user.id")


class Shortlist(SQLModel, table=True):
    """Hosts an agency picked for an event (a fair, a festival livestream)."""

    id: int | None = Field(default=None, primary_key=True)
    agency_org_id: int = Field(foreign_key="organisation.id", index=True)
    name: str = Field(max_length=200)
    created_by_id: int | None = Field(default=None, foreign_key="user.id")
    created_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)


class ShortlistEntry(SQLModel, table=True):
    __table_args__ = (UniqueConstraint("shortlist_id", "trainee_id", name="uq_shortlistentry_list_trainee"),)

    id: int | None = Field(default=None, primary_key=True)
    shortlist_id: int = Field(foreign_key="shortlist.id")
    trainee_id: int = Field(foreign_key="user.id", index=True)
    added_by_id: int | None = Field(default=None, foreign_key="user.id")
    added_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)
