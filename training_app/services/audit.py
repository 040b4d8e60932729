"""Audit log: who did what to which resource. Entries keep ids and outcomes, never user content."""

from __future__ import annotations

import logging

from sqlmodel import Session, col, select

from training_app.db.tables import AuditLog, Role, User

logger = logging.getLogger(__name__)


def record(
    session: Session,
    *,
    actor: User | None,
    action: str,
    resource_type: str = "",
    resource_id: object = "",
    outcome: str = "ok",
    detail: str = "",
) -> AuditLog:
    entry = AuditLog(
        actor_id=actor.id if actor else None,
        action=action,
        resource_type=resource_type,
        resource_id=str(resource_id if resource_id is not None else ""),
        outcome=outcome,
        detail=detail[:1000],
    )
    session.add(entry)
    return entry


def list_audit(session: Session, actor: User, *, limit: int = 200, outcome: str | None = None) -> list[AuditLog]:
    from training_app.services.authz import require_role

    require_role(actor, "audit.list", Role.ADMIN)
    stmt = select(AuditLog).order_by(col(AuditLog.id).desc()).limit(limit)
    if outcome:
        stmt = stmt.where(AuditLog.outcome == outcome)
    return list(session.exec(stmt))
