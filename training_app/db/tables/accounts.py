"""Organisations (a tree: agency → county → cohort), users, roles, sessions, login attempts, audit log."""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum

from sqlalchemy import Index, UniqueConstraint
from sqlmodel import Field, SQLModel

from training_app.db import utcnow
from training_app.db.types import EnumString, UTCDateTime


class Role(StrEnum):
    TRAINEE = "trainee"
    TRAINER = "trainer"
    AGENCY = "agency"  # certification officer of an agency
    ADMIN = "admin"


class OrgKind(StrEnum):
    AGENCY = "agency"
    COUNTY = "county"
    COHORT = "cohort"


class OrganisationBase(SQLModel):
    name: str = Field(max_length=200)
    code: str = Field(max_length=64, index=True, unique=True)
    kind: OrgKind = Field(sa_type=EnumString(OrgKind))  # type: ignore[call-overload]
    is_demo: bool = False


class Organisation(OrganisationBase, table=True):
    id: int | None = Field(default=None, primary_key=True)
    parent_id: int | None = Field(default=None, foreign_key="organisation.id", index=True)
    # Materialised path "/1/4/9/": subtree queries are one indexed LIKE, at any depth.
    path: str = Field(default="/", max_length=400, index=True)
    created_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)


class UserBase(SQLModel):
    username: str = Field(max_length=64)
    display_name: str = Field(max_length=100)
    phone: str | None = Field(default=None, max_length=32)
    role: Role = Field(sa_type=EnumString(Role))  # type: ignore[call-overload]
    language: str = Field(default="zh", max_length=8)


class User(UserBase, table=True):
    __table_args__ = (
        UniqueConstraint("username", name="uq_user_username"),
        Index("ix_user_role_active_org", "role", "is_active", "org_id"),  # dashboard: active trainees per org
    )

    id: int | None = Field(default=None, primary_key=True)
    org_id: int = Field(foreign_key="organisation.id", index=True)
    password_hash: str = Field(max_length=255)
    is_active: bool = True
    must_change_password: bool = False
    is_demo: bool = False
    created_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)
    updated_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)


class UserPublic(UserBase):
    id: int
    org_id: int
    is_active: bool


class TrainerCohort(SQLModel, table=True):
    """Which cohorts a trainer teaches."""

    trainer_id: int = Field(foreign_key="user.id", primary_key=True)
    cohort_id: int = Field(foreign_key="organisation.id", primary_key=True, index=True)


class UserSession(SQLModel, table=True):
    """Server-side sessions: signing out or disabling a user ends live sessions at their next request."""

    id: int | None = Field(default=None, primary_key=True)
    token_hash: str = Field(max_length=64, unique=True, index=True)
    user_id: int = Field(foreign_key="user.id", index=True)
    created_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)
    last_seen_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)
    expires_at: datetime = Field(sa_type=UTCDateTime)
    revoked_at: datetime | None = Field(default=None, sa_type=UTCDateTime)


class LoginAttempt(SQLModel, table=True):
    """Every sign-in attempt, known username or not, so lockout treats unknown users the same."""

    __table_args__ = (Index("ix_loginattempt_username_at", "username", "at"),)

    id: int | None = Field(default=None, primary_key=True)
    username: str = Field(max_length=64)
    at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)
    success: bool = False


class AuditLog(SQLModel, table=True):
    """Who did what to which resource, and whether it was allowed. Keeps ids, never content."""

    __table_args__ = (Index("ix_auditlog_resource", "resource_type", "resource_id"),)

    id: int | None = Field(default=None, primary_key=True)
    at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime, index=True)
    actor_id: int | None = Field(default=None, index=True)
    action: str = Field(max_length=64)
    resource_type: str = Field(default="", max_length=32)
    resource_id: str = Field(default="", max_length=64)
    outcome: str = Field(default="ok", max_length=16)  # ok | denied | failed
    detail: str = Field(default="", max_length=1000)
