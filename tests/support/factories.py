"""Build test data through the services (the same code path as the app), like the template's tests/utils."""

from __future__ import annotations

import itertools

from sqlmodel import Session

from training_app.db.tables import Organisation, OrgKind, Role, User
from training_app.services.accounts import create_user, system_actor
from training_app.services.organisations import assign_trainer, create_org

PASSWORD = "测试用的密码-2026"  # noqa: S105
_seq = itertools.count(1)


def make_org(
    session: Session,
    *,
    kind: OrgKind,
    parent: Organisation | None = None,
    name: str | None = None,
    code: str | None = None,
) -> Organisation:
    n = next(_seq)
    return create_org(
        session,
        system_actor(),
        name=name or f"{kind.value} {n}",
        code=code or f"{kind.value}-{n}",
        kind=kind,
        parent_code=parent.code if parent else None,
    )


def make_tree(session: Session) -> dict[str, Organisation]:
    """agency → county → cohort, twice: {'agency', 'county', 'cohort', 'cohort2', 'other_agency', 'other_cohort'}."""
    agency = make_org(session, kind=OrgKind.AGENCY)
    county = make_org(session, kind=OrgKind.COUNTY, parent=agency)
    cohort = make_org(session, kind=OrgKind.COHORT, parent=county)
    cohort2 = make_org(session, kind=OrgKind.COHORT, parent=county)
    other_agency = make_org(session, kind=OrgKind.AGENCY)
    other_county = make_org(session, kind=OrgKind.COUNTY, parent=other_agency)
    other_cohort = make_org(session, kind=OrgKind.COHORT, parent=other_county)
    return {
        "agency": agency,
        "county": county,
        "cohort": cohort,
        "cohort2": cohort2,
        "other_agency": other_agency,
        "other_cohort": other_cohort,
    }


def make_user(
    session: Session,
    *,
    role: Role = Role.TRAINEE,
    org: Organisation | None = None,
    username: str | None = None,
    password: str = PASSWORD,
    **overrides: object,
) -> User:
    n = next(_seq)
    return create_user(
        session,
        system_actor(),
        username=username or f"{role.value}{n}",
        role=role,
        password=password,
        org_code=org.code if org else None,
        **overrides,
    )  # type: ignore[arg-type]


def make_trainer(session: Session, *, cohorts: list[Organisation], org: Organisation | None = None) -> User:
    trainer = make_user(session, role=Role.TRAINER, org=org or cohorts[0])
    for cohort in cohorts:
        assign_trainer(session, system_actor(), trainer_id=trainer.id or 0, cohort_code=cohort.code)
    return trainer
