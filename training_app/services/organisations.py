"""Organisation tree: agency → county → cohort (training batch). Trainers are assigned cohorts."""

from __future__ import annotations

import re

from sqlmodel import Session, col, select

from training_app.db.tables import Organisation, OrgKind, Role, TrainerCohort, User
from training_app.errors import Conflict, InvalidInput, NotFound
from training_app.services import audit
from training_app.services.authz import can_see_org, deny, require_role, visible_org_ids

DEFAULT_AGENCY_CODE = "default"
UNASSIGNED_COHORT_CODE = "unassigned"
_CODE_RE = re.compile(r"^[a-z0-9][a-z0-9-]{0,63}$")
_ALLOWED_PARENT = {
    OrgKind.AGENCY: (None,),
    OrgKind.COUNTY: (OrgKind.AGENCY,),
    OrgKind.COHORT: (OrgKind.COUNTY, OrgKind.AGENCY),
}


def get_org_by_code(session: Session, code: str) -> Organisation:
    org = session.exec(select(Organisation).where(Organisation.code == code)).first()
    if org is None:
        raise NotFound("accounts.org_not_found", code=code)
    return org


def _insert_org(
    session: Session,
    *,
    name: str,
    code: str,
    kind: OrgKind,
    parent: Organisation | None,
    is_demo: bool = False,
) -> Organisation:
    if not _CODE_RE.match(code):
        raise InvalidInput("accounts.org_code_invalid", code=code)
    if session.exec(select(Organisation.id).where(Organisation.code == code)).first() is not None:
        raise Conflict("accounts.org_code_taken", code=code)
    allowed = _ALLOWED_PARENT[kind]
    if (parent.kind if parent else None) not in allowed:
        raise InvalidInput("accounts.org_parent_invalid", kind=kind.value)
    org = Organisation(
        name=name.strip(), code=code, kind=kind, parent_id=parent.id if parent else None, is_demo=is_demo
    )
    session.add(org)
    session.flush()
    org.path = f"{parent.path if parent else '/'}{org.id}/"
    session.add(org)
    session.flush()
    return org


def ensure_default_orgs(session: Session) -> tuple[Organisation, Organisation]:
    """The default agency and its "unassigned" cohort, where trainees land until an admin moves them."""
    agency = session.exec(select(Organisation).where(Organisation.code == DEFAULT_AGENCY_CODE)).first()
    if agency is None:
        agency = _insert_org(
            session,
            name="默认机构 Default agency",
            code=DEFAULT_AGENCY_CODE,
            kind=OrgKind.AGENCY,
            parent=None,
        )
    cohort = session.exec(select(Organisation).where(Organisation.code == UNASSIGNED_COHORT_CODE)).first()
    if cohort is None:
        cohort = _insert_org(
            session, name="未分配 Unassigned", code=UNASSIGNED_COHORT_CODE, kind=OrgKind.COHORT, parent=agency
        )
    return agency, cohort


def create_org(
    session: Session,
    actor: User,
    *,
    name: str,
    code: str,
    kind: OrgKind,
    parent_code: str | None = None,
    is_demo: bool = False,
) -> Organisation:
    require_role(actor, "org.create", Role.ADMIN)
    if not name.strip():
        raise InvalidInput("accounts.org_name_required")
    parent = get_org_by_code(session, parent_code) if parent_code else None
    org = _insert_org(session, name=name, code=code, kind=kind, parent=parent, is_demo=is_demo)
    audit.record(session, actor=actor, action="org.create", resource_type="org", resource_id=org.id)
    return org


def list_orgs(session: Session, actor: User, *, kind: OrgKind | None = None) -> list[Organisation]:
    require_role(actor, "org.list", Role.ADMIN, Role.AGENCY, Role.TRAINER)
    stmt = select(Organisation).order_by(col(Organisation.path))
    ids = visible_org_ids(session, actor)
    if ids is not None:
        stmt = stmt.where(col(Organisation.id).in_(ids))
    if kind is not None:
        stmt = stmt.where(Organisation.kind == kind)
    return list(session.exec(stmt))


def assign_trainer(session: Session, actor: User, *, trainer_id: int, cohort_code: str) -> None:
    require_role(actor, "cohort.assign_trainer", Role.ADMIN, Role.AGENCY)
    cohort = get_org_by_code(session, cohort_code)
    trainer = session.get(User, trainer_id)
    if trainer is None or trainer.role != Role.TRAINER:
        raise NotFound("accounts.trainer_not_found")
    if cohort.kind != OrgKind.COHORT:
        raise InvalidInput("accounts.not_a_cohort", code=cohort_code)
    if not can_see_org(session, actor, cohort.id or 0):
        raise deny(actor, "cohort.assign_trainer", "org", cohort.id)
    if session.get(TrainerCohort, (trainer_id, cohort.id)) is None:
        session.add(TrainerCohort(trainer_id=trainer_id, cohort_id=cohort.id or 0))
    audit.record(
        session,
        actor=actor,
        action="cohort.assign_trainer",
        resource_type="org",
        resource_id=cohort.id,
        detail=f"trainer={trainer_id}",
    )
