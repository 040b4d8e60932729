"""Demo organisation for trying the product: one agency, two counties, a trainer, a few trainees.

Everything it creates is marked ``is_demo`` and named ``demo-…`` so it can be told apart from real data.
"""

from __future__ import annotations

from sqlmodel import Session, select

from training_app.db.tables import Organisation, OrgKind, Role, User
from training_app.services.accounts import create_user
from training_app.services.authz import require_role
from training_app.services.organisations import assign_trainer, create_org

DEMO_AGENCY = "demo-agency"
DEMO_PASSWORD = "demo-乡村直播-2026"  # noqa: S105 - printed to the operator; demo accounts are marked is_demo

_ORGS = (
    ("demo-agency", "【演示】某市农业农村局 Demo agency", OrgKind.AGENCY, None),
    ("demo-county-a", "【演示】洛川县 Demo county A", OrgKind.COUNTY, "demo-agency"),
    ("demo-county-b", "【演示】五常市 Demo county B", OrgKind.COUNTY, "demo-agency"),
    ("demo-cohort-a1", "【演示】洛川 2026 春季班 Demo cohort A1", OrgKind.COHORT, "demo-county-a"),
    ("demo-cohort-b1", "【演示】五常 2026 春季班 Demo cohort B1", OrgKind.COHORT, "demo-county-b"),
)
_USERS = (
    ("demo-officer", "【演示】王主任", Role.AGENCY, "demo-agency"),
    ("demo-trainer", "【演示】李老师", Role.TRAINER, "demo-county-a"),
    ("demo-trainee1", "【演示】张大姐（果农）", Role.TRAINEE, "demo-cohort-a1"),
    ("demo-trainee2", "【演示】赵副县长", Role.TRAINEE, "demo-cohort-a1"),
    ("demo-trainee3", "【演示】刘师傅（稻农）", Role.TRAINEE, "demo-cohort-b1"),
)


def has_demo(session: Session) -> bool:
    return session.exec(select(Organisation.id).where(Organisation.code == DEMO_AGENCY)).first() is not None


def seed_demo(session: Session, actor: User) -> bool:
    """Load the demo organisation; returns False if it already exists (idempotent)."""
    require_role(actor, "demo.seed", Role.ADMIN)
    if has_demo(session):
        return False
    for code, name, kind, parent in _ORGS:
        create_org(session, actor, name=name, code=code, kind=kind, parent_code=parent, is_demo=True)
    for username, name, role, org in _USERS:
        user = create_user(
            session,
            actor,
            username=username,
            role=role,
            password=DEMO_PASSWORD,
            display_name=name,
            org_code=org,
            is_demo=True,
        )
        if role == Role.TRAINER:
            for cohort in ("demo-cohort-a1", "demo-cohort-b1"):
                assign_trainer(session, actor, trainer_id=user.id or 0, cohort_code=cohort)
    return True
