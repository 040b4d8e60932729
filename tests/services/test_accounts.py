"""Accounts: creation rules, passwords, sign-in, sessions and lockout, on SQLite and PostgreSQL."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import Engine
from sqlmodel import select
from support.factories import PASSWORD, make_tree, make_user

from training_app.db import utcnow
from training_app.db.engine import session_scope
from training_app.db.tables import Organisation, Role, User
from training_app.errors import AuthenticationFailed, Conflict, InvalidInput
from training_app.services import accounts, auth
from training_app.services.accounts import system_actor
from training_app.services.organisations import UNASSIGNED_COHORT_CODE

POLICY = auth.SessionPolicy()


def sign_in(engine: Engine, username: str, password: str, **kw: object) -> auth.SignIn:
    with session_scope(engine) as s:
        result = auth.sign_in(s, username=username, password=password, policy=POLICY, **kw)  # type: ignore[arg-type]
    if result is None:
        raise AuthenticationFailed()
    return result


def test_create_user_without_org_lands_trainee_in_unassigned_cohort(any_engine: Engine) -> None:
    with session_scope(any_engine) as s:
        user = make_user(s, role=Role.TRAINEE)
        org = s.get(Organisation, user.org_id)
        assert org is not None and org.code == UNASSIGNED_COHORT_CODE


def test_create_user_duplicate_username_case_insensitive_conflicts(any_engine: Engine) -> None:
    with session_scope(any_engine) as s:
        make_user(s, username="Farmer1")
    with pytest.raises(Conflict), session_scope(any_engine) as s:
        make_user(s, username="farmer1")


@pytest.mark.parametrize(
    ("password", "key"),
    [
        ("short1", "accounts.password_too_short"),
        ("11111111", "accounts.password_repetitive"),
        ("12345678", "accounts.password_repetitive"),
        ("woaini1314", "accounts.password_common"),
        ("xx-farmer7-xx", "accounts.password_contains_username"),
        (" leading-space-pw", "accounts.password_whitespace"),
    ],
)
def test_weak_password_rejected_with_reason(engine: Engine, password: str, key: str) -> None:
    with pytest.raises(InvalidInput) as err, session_scope(engine) as s:
        make_user(s, username="farmer7", password=password)
    assert err.value.message_key == key
    assert err.value.message("zh") != err.value.message("en")


def test_long_chinese_passphrase_accepted(engine: Engine) -> None:
    phrase = "我家的苹果园在洛川县黄土高原上种了三十多年每年十月采摘" * 3  # far beyond bcrypt's 72 bytes
    with session_scope(engine) as s:
        make_user(s, username="longpass", password=phrase)
    assert sign_in(engine, "longpass", phrase).user.username == "longpass"


def test_sign_in_unknown_and_wrong_password_same_error(engine: Engine) -> None:
    with session_scope(engine) as s:
        make_user(s, username="known")
    errors = []
    for name, pw in (("known", "wrong-password-1"), ("nobody", "wrong-password-1")):
        with pytest.raises(AuthenticationFailed) as err:
            sign_in(engine, name, pw)
        errors.append(err.value.message("zh"))
    assert errors[0] == errors[1]


def test_lockout_after_repeated_failures_then_correct_password_refused(engine: Engine) -> None:
    with session_scope(engine) as s:
        make_user(s, username="locky")
    for _ in range(POLICY.lockout_threshold):
        with pytest.raises(AuthenticationFailed):
            sign_in(engine, "locky", "bad-password-x")
    with pytest.raises(AuthenticationFailed):
        sign_in(engine, "locky", PASSWORD)
    later = utcnow() + POLICY.lockout_window + timedelta(seconds=1)
    assert sign_in(engine, "locky", PASSWORD, now=later).user


def test_session_ends_on_sign_out_disable_idle_and_absolute(any_engine: Engine) -> None:
    with session_scope(any_engine) as s:
        user_id = make_user(s, username="sess").id

    def new_token() -> str:
        return sign_in(any_engine, "sess", PASSWORD).token

    token = new_token()
    with session_scope(any_engine) as s:
        assert auth.resolve_session(s, token, policy=POLICY).id == user_id
        auth.sign_out(s, token)
    with pytest.raises(AuthenticationFailed), session_scope(any_engine) as s:
        auth.resolve_session(s, token, policy=POLICY)

    token = new_token()
    idle = utcnow() + POLICY.idle + timedelta(seconds=1)
    with pytest.raises(AuthenticationFailed), session_scope(any_engine) as s:
        auth.resolve_session(s, token, policy=POLICY, now=idle)
    absolute = utcnow() + POLICY.absolute
    with pytest.raises(AuthenticationFailed), session_scope(any_engine) as s:
        auth.resolve_session(s, token, policy=POLICY, now=absolute)

    with session_scope(any_engine) as s:
        accounts.set_active(s, system_actor(), user_id=user_id or 0, active=False)
    with pytest.raises(AuthenticationFailed), session_scope(any_engine) as s:
        auth.resolve_session(s, token, policy=POLICY)


def test_first_admin_gets_random_one_time_password_once(engine: Engine) -> None:
    with session_scope(engine) as s:
        first = auth.ensure_first_admin(s)
        second = auth.ensure_first_admin(s)
    assert first and len(first) >= 16 and second is None
    with session_scope(engine) as s:
        admin = s.exec(select(User).where(User.role == Role.ADMIN)).one()
        assert admin.must_change_password


def test_timestamps_are_aware_utc(any_engine: Engine) -> None:
    with session_scope(any_engine) as s:
        user_id = make_user(s).id
    with session_scope(any_engine) as s:
        user = s.get(User, user_id)
        assert user is not None and user.created_at.utcoffset() == timedelta(0)


def test_move_user_into_cohort(engine: Engine) -> None:
    with session_scope(engine) as s:
        tree = make_tree(s)
        user = make_user(s)
        moved = accounts.move_user(s, system_actor(), user_id=user.id or 0, org_code=tree["cohort"].code)
        assert moved.org_id == tree["cohort"].id
