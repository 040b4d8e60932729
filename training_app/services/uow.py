"""Unit of work: one transaction per use case, and denied calls audited after the rollback."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from sqlalchemy import Engine
from sqlmodel import Session

from training_app.db.engine import session_scope
from training_app.db.tables import AuditLog
from training_app.services.authz import Denied


@contextmanager
def unit_of_work(engine: Engine, *, write: bool = True) -> Iterator[Session]:
    """Run a use case in one transaction. A ``Denied`` error rolls everything back, then is audit-logged."""
    try:
        with session_scope(engine, write=write) as session:
            yield session
    except Denied as exc:
        with session_scope(engine, write=True) as audit_session:
            audit_session.add(
                AuditLog(
                    actor_id=exc.actor_id,
                    action=exc.action,
                    resource_type=exc.resource_type,
                    resource_id=exc.resource_id,
                    outcome="denied",
                )
            )
        raise
