"""Authorization, checked in the service layer on every call that reads or writes user data.

A denied call raises :class:`PermissionDenied` carrying what was attempted; ``unit_of_work`` rolls the transaction
back (nothing is written) and records the denial in the audit log in a fresh transaction.

Scopes: an admin sees everything; an agency officer sees the subtree of their agency; a trainer sees the trainees of
the cohorts assigned to them; a trainee sees only themself.
"""

from __future__ import annotations

from sqlmodel import Session, col, select

from training_app.db.tables import Organisation, Role, TrainerCohort, User
from training_app.errors import PermissionDenied


class Denied(PermissionDenied):
    """PermissionDenied with the audit facts attached."""

    def __init__(self, actor: User | None, action: str, resource_type: str, resource_id: object) -> None:
        super().__init__("errors.permission_denied")
        self.actor_id = actor.id if actor else None
        self.action = action
        self.resource_type = resource_type
        self.resource_id = str(resource_id)


def deny(actor: User | None, action: str, resource_type: str = "", resource_id: object = "") -> Denied:
    return Denied(actor, action, resource_type, resource_id)


def require_role(actor: User | None, action: str, *roles: Role) -> User:
    if actor is None or not actor.is_active or actor.role not in roles:
        raise deny(actor, action, "role", "")
    return actor


def org_path(session: Session, org_id: int) -> str:
    org = session.get(Organisation, org_id)
    return org.path if org else "/__missing__/"


def agency_root_path(session: Session, user: User) -> str:
    """The path of the agency the user belongs to (the first level of their org path)."""
    path = org_path(session, user.org_id)
    first = path.strip("/").split("/")[0]
    return f"/{first}/"


def trainer_cohort_ids(session: Session, trainer_id: int) -> set[int]:
    rows = session.exec(select(TrainerCohort.cohort_id).where(TrainerCohort.trainer_id == trainer_id))
    return set(rows)


def can_see_org(session: Session, actor: User, org_id: int) -> bool:
    if actor.role == Role.ADMIN:
        return True
    if actor.role == Role.AGENCY:
        return org_path(session, org_id).startswith(agency_root_path(session, actor))
    if actor.role == Role.TRAINER:
        return org_id in trainer_cohort_ids(session, actor.id or 0)
    return False


def can_see_user(session: Session, actor: User | None, user: User) -> bool:
    if actor is None or not actor.is_active:
        return False
    if actor.id == user.id or actor.role == Role.ADMIN:
        return True
    if actor.role == Role.AGENCY:
        return can_see_org(session, actor, user.org_id)
    if actor.role == Role.TRAINER:
        return user.role == Role.TRAINEE and user.org_id in trainer_cohort_ids(session, actor.id or 0)
    return False


def require_user_access(session: Session, actor: User | None, user: User, action: str) -> None:
    if not can_see_user(session, actor, user):
        raise deny(actor, action, "user", user.id)


def visible_org_ids(session: Session, actor: User) -> list[int] | None:
    """Org ids whose members the actor may see; None means all (admin)."""
    if actor.role == Role.ADMIN:
        return None
    if actor.role == Role.AGENCY:
        prefix = agency_root_path(session, actor)
        return list(session.exec(select(Organisation.id).where(col(Organisation.path).startswith(prefix))))  # type: ignore[arg-type]
    if actor.role == Role.TRAINER:
        return sorted(trainer_cohort_ids(session, actor.id or 0))
    return []
