"""Database: engine and sessions, SQLModel tables, Alembic migrations."""

from __future__ import annotations

from datetime import UTC, datetime


def utcnow() -> datetime:
    """Aware UTC now: every timestamp we store is aware UTC."""
    return datetime.now(UTC)
