"""Numbers for the home page of each role, always within what the actor may see."""

from __future__ import annotations

from dataclasses import dataclass

from sqlmodel import Session, col, func, select

from training_app.db.tables import Organisation, OrgKind, Role, User
from training_app.services.authz import require_role, visible_org_ids


@dataclass(frozen=True)
class OrgSummary:
    trainees: int
    trainers: int
    cohorts: int
    counties: int


def org_summary(session: Session, actor: User) -> OrgSummary:
    require_role(actor, "dashboard.org_summary", Role.ADMIN, Role.AGENCY, Role.TRAINER)
    ids = visible_org_ids(session, actor)

    def count_users(role: Role) -> int:
        stmt = select(func.count()).select_from(User).where(User.role == role, col(User.is_active))
        if ids is not None:
            stmt = stmt.where(col(User.org_id).in_(ids))
        return int(session.exec(stmt).one())

    def count_orgs(kind: OrgKind) -> int:
        stmt = select(func.count()).select_from(Organisation).where(Organisation.kind == kind)
        if ids is not None:
            stmt = stmt.where(col(Organisation.id).in_(ids))
        return int(session.exec(stmt).one())

    return OrgSummary(
        trainees=count_users(Role.TRAINEE),
        trainers=count_users(Role.TRAINER),
        cohorts=count_orgs(OrgKind.COHORT),
        counties=count_orgs(OrgKind.COUNTY),
    )
