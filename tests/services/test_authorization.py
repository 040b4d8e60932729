"""Authorization matrix for account services: actor × action × resource (own / same cohort / other cohort /
other agency). An unauthorized call raises, writes nothing and is audit-logged; runs on SQLite and PostgreSQL."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import pytest
from sqlalchemy import Engine
from sqlmodel import Session, select
from support.factories import make_trainer, make_tree, make_user

from training_app.db.tables import AuditLog, OrgKind, Role, User
from training_app.services import accounts, audit, dashboard, organisations, user_import
from training_app.services.authz import Denied
from training_app.services.uow import unit_of_work


@dataclass
class World:
    users: dict[str, int]
    cohort_code: str
    other_cohort_code: str


@pytest.fixture
def world(any_engine: Engine) -> World:
    with unit_of_work(any_engine) as s:
        tree = make_tree(s)
        users = {
            "trainee": make_user(s, org=tree["cohort"]),
            "same_cohort": make_user(s, org=tree["cohort"]),
            "other_cohort": make_user(s, org=tree["cohort2"]),
            "other_agency": make_user(s, org=tree["other_cohort"]),
            "trainer": make_trainer(s, cohorts=[tree["cohort"]]),
            "agency": make_user(s, role=Role.AGENCY, org=tree["agency"]),
            "foreign_agency": make_user(s, role=Role.AGENCY, org=tree["other_agency"]),
            "admin": make_user(s, role=Role.ADMIN),
        }
        return World({k: v.id or 0 for k, v in users.items()}, tree["cohort"].code, tree["other_cohort"].code)


ACTORS = ("trainee", "trainer", "agency", "foreign_agency", "admin")
TARGETS = ("trainee", "same_cohort", "other_cohort", "other_agency")
# Who may read which user record.
READ_ALLOWED = {
    "trainee": {"trainee"},
    "trainer": {"trainee", "same_cohort"},
    "agency": {"trainee", "same_cohort", "other_cohort"},
    "foreign_agency": {"other_agency"},
    "admin": set(TARGETS),
}

Action = Callable[[Session, User, int, World], object]
WRITE_ACTIONS: dict[str, tuple[Action, set[str]]] = {
    # action: (call, actors allowed on any target they can see; admin only unless said)
    "set_language": (lambda s, a, uid, w: accounts.set_language(s, a, user_id=uid, language="en"), {"self", "admin"}),
    "set_active": (lambda s, a, uid, w: accounts.set_active(s, a, user_id=uid, active=False), {"admin"}),
    "reset_password": (lambda s, a, uid, w: accounts.reset_password(s, a, user_id=uid), {"admin"}),
    "move_user": (lambda s, a, uid, w: accounts.move_user(s, a, user_id=uid, org_code=w.cohort_code), {"admin"}),
}


def _actor(session: Session, world: World, name: str) -> User:
    user = session.get(User, world.users[name])
    assert user is not None
    return user


def _denials(engine: Engine) -> int:
    with unit_of_work(engine, write=False) as s:
        return len(list(s.exec(select(AuditLog).where(AuditLog.outcome == "denied"))))


@pytest.mark.parametrize("actor", ACTORS)
@pytest.mark.parametrize("target", TARGETS)
def test_get_user_allowed_only_within_scope(any_engine: Engine, world: World, actor: str, target: str) -> None:
    before = _denials(any_engine)
    allowed = target in READ_ALLOWED[actor]
    try:
        with unit_of_work(any_engine) as s:
            got = accounts.get_user(s, _actor(s, world, actor), world.users[target])
        assert allowed and got.id == world.users[target]
    except Denied:
        assert not allowed
        assert _denials(any_engine) == before + 1


@pytest.mark.parametrize("action", sorted(WRITE_ACTIONS))
@pytest.mark.parametrize("actor", ACTORS)
@pytest.mark.parametrize("target", TARGETS)
def test_write_actions_denied_write_nothing_and_audit(
    any_engine: Engine, world: World, action: str, actor: str, target: str
) -> None:
    call, who = WRITE_ACTIONS[action]
    allowed = (actor in who or ("self" in who and actor == target)) and target in READ_ALLOWED[actor]
    with unit_of_work(any_engine, write=False) as s:
        snapshot = _actor(s, world, target).model_dump()
    before = _denials(any_engine)
    try:
        with unit_of_work(any_engine) as s:
            call(s, _actor(s, world, actor), world.users[target], world)
        assert allowed, f"{actor} must not {action} {target}"
    except Denied:
        assert not allowed, f"{actor} should be allowed to {action} {target}"
        assert _denials(any_engine) == before + 1
        with unit_of_work(any_engine, write=False) as s:
            assert _actor(s, world, target).model_dump() == snapshot


def test_list_users_scoped_per_actor(any_engine: Engine, world: World) -> None:
    expected = {
        "trainer": {"trainee", "same_cohort"},
        "agency": {"trainee", "same_cohort", "other_cohort", "trainer", "agency"},
        "foreign_agency": {"other_agency", "foreign_agency"},
    }
    ids = {v: k for k, v in world.users.items()}
    for actor, names in expected.items():
        with unit_of_work(any_engine, write=False) as s:
            seen = {ids[u.id] for u in accounts.list_users(s, _actor(s, world, actor)) if u.id in ids}
        assert seen == names, actor
    with pytest.raises(Denied), unit_of_work(any_engine) as s:
        accounts.list_users(s, _actor(s, world, "trainee"))


@pytest.mark.parametrize("actor", ("trainee", "trainer", "agency"))
def test_admin_only_operations_denied_to_others(any_engine: Engine, world: World, actor: str) -> None:
    calls: list[Callable[[Session, User], object]] = [
        lambda s, a: accounts.create_user(s, a, username="newbie", role=Role.TRAINEE, password="很长的一个密码-2026"),
        lambda s, a: organisations.create_org(s, a, name="x", code="x-org", kind=OrgKind.AGENCY),
        lambda s, a: user_import.import_users(s, a, "name,username,county,cohort,role\n"),
        lambda s, a: audit.list_audit(s, a),
    ]
    for call in calls:
        before = _denials(any_engine)
        with pytest.raises(Denied), unit_of_work(any_engine) as s:
            call(s, _actor(s, world, actor))
        assert _denials(any_engine) == before + 1
    with unit_of_work(any_engine, write=False) as s:
        assert accounts.get_user_by_username(s, "newbie") is None


def test_trainee_cannot_see_dashboard_or_org_list(any_engine: Engine, world: World) -> None:
    for call in (dashboard.org_summary, organisations.list_orgs):
        with pytest.raises(Denied), unit_of_work(any_engine) as s:
            call(s, _actor(s, world, "trainee"))


def test_assign_trainer_outside_agency_denied(any_engine: Engine, world: World) -> None:
    with pytest.raises(Denied), unit_of_work(any_engine) as s:
        organisations.assign_trainer(
            s, _actor(s, world, "agency"), trainer_id=world.users["trainer"], cohort_code=world.other_cohort_code
        )


def test_disabled_actor_is_denied_everything(any_engine: Engine, world: World) -> None:
    with unit_of_work(any_engine) as s:
        accounts.set_active(s, _actor(s, world, "admin"), user_id=world.users["agency"], active=False)
    with pytest.raises(Denied), unit_of_work(any_engine) as s:
        accounts.get_user(s, _actor(s, world, "agency"), world.users["trainee"])
