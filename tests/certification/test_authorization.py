"""Authorization matrix of the certification services, on SQLite and PostgreSQL: who may read a checklist, sign
off, issue, revoke, list. Every denial is audit-logged."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from sqlalchemy import Engine
from sqlmodel import Session, select
from support.certification import LEVELS, World, issue, make_eligible, make_world

from training_app.db.tables import AuditLog, User
from training_app.services import certificates, certification
from training_app.services.authz import Denied
from training_app.services.uow import unit_of_work

ACTORS = ("trainee", "peer", "other_agency", "trainer", "agency", "foreign_agency", "admin")
Call = Callable[[Session, User, World], object]


def _checklist(s: Session, actor: User, w: World) -> object:
    return certification.certification_checklist(
        s, actor, trainee_id=w.people.trainee.id or 0, level="basic", levels=LEVELS, reviews=w.reviews
    )


def _sign_off(s: Session, actor: User, w: World) -> object:
    return certification.sign_off(s, actor, w.people.trainee.id or 0, "advanced", levels=LEVELS)


def _issue(s: Session, actor: User, w: World) -> object:
    return certificates.issue_certificate(
        s, actor, trainee_id=w.people.trainee.id or 0, level="basic", signing_key=w.key, levels=LEVELS,
        reviews=w.reviews,
    )  # fmt: skip


def _revoke(s: Session, actor: User, w: World) -> object:
    cert = certificates.trainee_certificates(s, w.people.admin, trainee_id=w.people.trainee.id or 0)[0]
    return certificates.revoke_certificate(s, actor, certificate_id=cert.id or 0, reason="test")


def _read(s: Session, actor: User, w: World) -> object:
    return certificates.trainee_certificates(s, actor, trainee_id=w.people.trainee.id or 0)


MATRIX: list[tuple[str, Call, set[str], bool]] = [
    ("checklist", _checklist, {"trainee", "trainer", "agency", "admin"}, False),
    ("sign_off", _sign_off, {"trainer"}, False),
    ("issue", _issue, {"agency"}, False),
    ("revoke", _revoke, {"agency", "admin"}, True),
    ("read", _read, {"trainee", "trainer", "agency", "admin"}, True),
]


@pytest.fixture
def matrix_world(any_engine: Engine, tmp_path: Path) -> World:
    w = make_world(any_engine, tmp_path)
    make_eligible(w, w.people.trainee)
    return w


@pytest.mark.parametrize("actor", ACTORS)
@pytest.mark.parametrize(("name", "call", "allowed", "issued"), MATRIX, ids=[row[0] for row in MATRIX])
def test_certification_service_allows_only_its_scope(
    matrix_world: World, name: str, call: Call, allowed: set[str], issued: bool, actor: str
) -> None:
    w = matrix_world
    if issued:
        issue(w, w.people.trainee)
    user = getattr(w.people, actor)
    if actor in allowed:
        with unit_of_work(w.engine) as s:
            call(s, user, w)
        return
    with pytest.raises(Denied), unit_of_work(w.engine) as s:
        call(s, user, w)
    with unit_of_work(w.engine, write=False) as s:
        denied = s.exec(select(AuditLog).where(AuditLog.outcome == "denied", AuditLog.actor_id == user.id)).all()
    assert len(denied) == 1


def test_agency_lists_only_its_own_certificates(matrix_world: World) -> None:
    w = matrix_world
    issue(w, w.people.trainee)
    with unit_of_work(w.engine, write=False) as s:
        ours = certificates.list_certificates(s, w.people.agency)
        theirs = certificates.list_certificates(s, w.people.foreign_agency)
        everyone = certificates.list_certificates(s, w.people.admin)
    assert [u.id for _, u in ours] == [w.people.trainee.id]
    assert theirs == []
    assert len(everyone) == 1
