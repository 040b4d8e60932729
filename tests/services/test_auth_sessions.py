"""Session token lifecycle behind the sign-in cookie (the cookie carries the session token): hashed at rest,
resolves while live, ends on sign-out, on a password reset ("every session of this user"), when the user is
disabled and on idle/absolute timeouts. Runs on SQLite and PostgreSQL."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import Engine
from sqlmodel import select
from support.factories import PASSWORD, make_user

from training_app.db import utcnow
from training_app.db.tables import LoginAttempt, Role, User, UserSession
from training_app.errors import AuthenticationFailed
from training_app.services import accounts, auth
from training_app.services.uow import unit_of_work

POLICY = auth.SessionPolicy()


def _sign_in(engine: Engine, username: str, now=None) -> str:
    with unit_of_work(engine) as s:
        result = auth.sign_in(s, username=username, password=PASSWORD, policy=POLICY, now=now)
        assert result is not None
        return result.token


def _resolves(engine: Engine, token: str, now=None) -> bool:
    try:
        with unit_of_work(engine, write=False) as s:
            auth.resolve_session(s, token, policy=POLICY, now=now)
    except AuthenticationFailed:
        return False
    return True


@pytest.fixture
def username(any_engine: Engine) -> str:
    with unit_of_work(any_engine) as s:
        return make_user(s, role=Role.TRAINEE).username


def test_token_is_stored_only_as_its_hash(any_engine: Engine, username: str) -> None:
    token = _sign_in(any_engine, username)
    with unit_of_work(any_engine, write=False) as s:
        hashes = [row.token_hash for row in s.exec(select(UserSession))]
    assert token not in hashes and len(hashes) == 1 and len(hashes[0]) == 64
    assert _resolves(any_engine, token)


def test_token_resolves_until_sign_out_then_never_again(any_engine: Engine, username: str) -> None:
    token = _sign_in(any_engine, username)
    other = _sign_in(any_engine, username)  # a second device
    with unit_of_work(any_engine) as s:
        auth.sign_out(s, token)
    assert not _resolves(any_engine, token)
    assert _resolves(any_engine, other)  # signing out ends this session only
    with unit_of_work(any_engine) as s:
        auth.sign_out(s, token)  # twice is harmless
    assert not _resolves(any_engine, token)


def test_password_reset_ends_every_session_of_the_user(any_engine: Engine, username: str) -> None:
    tokens = [_sign_in(any_engine, username) for _ in range(2)]
    with unit_of_work(any_engine) as s:
        admin = make_user(s, role=Role.ADMIN)
        user = s.exec(select(User).where(User.username == username)).one()
        accounts.reset_password(s, admin, user_id=user.id or 0)
    assert not any(_resolves(any_engine, t) for t in tokens)


def test_disabled_user_token_stops_resolving(any_engine: Engine, username: str) -> None:
    token = _sign_in(any_engine, username)
    with unit_of_work(any_engine) as s:
        admin = make_user(s, role=Role.ADMIN)
        user = s.exec(select(User).where(User.username == username)).one()
        accounts.set_active(s, admin, user_id=user.id or 0, active=False)
    assert not _resolves(any_engine, token)


def test_token_ends_after_idle_and_absolute_timeouts(any_engine: Engine, username: str) -> None:
    start = utcnow()
    token = _sign_in(any_engine, username, now=start)
    assert _resolves(any_engine, token, now=start + POLICY.idle - timedelta(seconds=1))
    assert not _resolves(any_engine, token, now=start + POLICY.idle + timedelta(seconds=1))
    step = POLICY.idle - timedelta(minutes=1)
    now = start
    while now + step < start + POLICY.absolute:  # stay active: touched often enough, still ends at the absolute limit
        now += step
        with unit_of_work(any_engine) as s:
            auth.touch_session(s, token, policy=POLICY, now=now)
    assert not _resolves(any_engine, token, now=start + POLICY.absolute)


def test_unknown_or_empty_token_does_not_resolve(any_engine: Engine, username: str) -> None:
    _sign_in(any_engine, username)
    assert not _resolves(any_engine, "")
    assert not _resolves(any_engine, "not-a-token")


def test_password_checked_in_a_read_transaction_signs_in_without_hashing_under_the_write_lock(
    any_engine: Engine, username: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    with unit_of_work(any_engine, write=False) as s:
        checked = auth.check_password(s, username=username, password=PASSWORD)
    assert checked.ok

    def no_hashing(*args: object) -> bool:
        raise AssertionError("argon2 ran inside the write transaction")

    monkeypatch.setattr(auth, "verify_password", no_hashing)
    monkeypatch.setattr(auth, "hash_password", no_hashing)
    with unit_of_work(any_engine) as s:
        result = auth.sign_in(s, username=username, password=PASSWORD, policy=POLICY, checked=checked)
    assert result is not None and _resolves(any_engine, result.token)


def test_password_changed_between_check_and_sign_in_is_refused_and_recorded(any_engine: Engine, username: str) -> None:
    with unit_of_work(any_engine, write=False) as s:
        checked = auth.check_password(s, username=username, password=PASSWORD)
    with unit_of_work(any_engine) as s:  # an administrator resets the password in between
        user = s.exec(select(User).where(User.username == username)).one()
        accounts.reset_password(s, accounts.system_actor(), user_id=user.id or 0)
    with unit_of_work(any_engine) as s:
        assert auth.sign_in(s, username=username, password=PASSWORD, policy=POLICY, checked=checked) is None
    with unit_of_work(any_engine, write=False) as s:
        assert s.exec(select(UserSession)).first() is None
        assert not s.exec(select(LoginAttempt).where(LoginAttempt.username == username)).one().success


def test_wrong_password_check_is_not_ok_and_sign_in_fails(any_engine: Engine, username: str) -> None:
    with unit_of_work(any_engine, write=False) as s:
        checked = auth.check_password(s, username=username, password="not the password")
    assert not checked.ok and checked.new_hash is None
    with unit_of_work(any_engine) as s:
        assert auth.sign_in(s, username=username, password="not the password", policy=POLICY, checked=checked) is None
