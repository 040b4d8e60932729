"""Audit log: who did what to which resource. Entries keep ids and outcomes, never user content.

``detail`` is for structured facts (``trainee=12 level=basic``, a rule id and a decision): ASCII identifiers, numbers
and ``=:,->/+.`` only. Anything else (a name, a phone number in words, a sentence typed by a user, a transcript) is
refused at this one entry point: the detail is replaced by ``[scrubbed]`` and a warning names the action, so a
careless caller cannot copy content into the log.
"""

from __future__ import annotations

import logging
import re

from sqlmodel import Session, col, select

from training_app.db.tables import AuditLog, Role, User

logger = logging.getLogger(__name__)

SCRUBBED = "[scrubbed]"
_STRUCTURED = re.compile(r"[A-Za-z0-9_.:=>,/+ -]{0,200}")


def scrub_detail(action: str, detail: str) -> str:
    if _STRUCTURED.fullmatch(detail):
        return detail
    logger.warning("audit detail of %s is not structured: replaced", action)
    return SCRUBBED


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
        detail=scrub_detail(action, detail),
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
