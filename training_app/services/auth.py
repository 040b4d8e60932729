"""Sign-in, server-side sessions with idle and absolute timeouts, lockout, first-admin set-up.

The same generic message answers a wrong password, an unknown user, a disabled user and a locked account, so the
response does not reveal which usernames exist. A session token is random (256 bits); only its sha256 is stored.
"""

from __future__ import annotations

import hashlib
import logging
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlmodel import Session, col, func, select

from training_app.db import utcnow
from training_app.db.tables import LoginAttempt, Role, User, UserSession
from training_app.errors import AuthenticationFailed
from training_app.services import audit
from training_app.services.accounts import create_user, get_user_by_username, system_actor
from training_app.services.passwords import generate_password, hash_password, needs_rehash, verify_password

logger = logging.getLogger(__name__)
FIRST_ADMIN_USERNAME = "admin"
TOUCH_INTERVAL = timedelta(seconds=60)


@dataclass(frozen=True)
class SessionPolicy:
    idle: timedelta = timedelta(minutes=30)
    absolute: timedelta = timedelta(hours=12)
    lockout_threshold: int = 5
    lockout_window: timedelta = timedelta(minutes=15)


@dataclass(frozen=True)
class SignIn:
    token: str
    user: User


def _token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def is_locked(session: Session, username: str, policy: SessionPolicy, now: datetime) -> bool:
    """Locked when the recent failures since the last success reach the threshold."""
    since = now - policy.lockout_window
    last_ok = session.exec(
        select(func.max(LoginAttempt.at)).where(LoginAttempt.username == username, col(LoginAttempt.success))
    ).one()
    if last_ok is not None and last_ok.tzinfo is None:
        last_ok = last_ok.replace(tzinfo=since.tzinfo)
    start = max(since, last_ok) if last_ok else since
    failures = session.exec(
        select(func.count())
        .select_from(LoginAttempt)
        .where(LoginAttempt.username == username, col(LoginAttempt.success).is_(False), LoginAttempt.at > start)
    ).one()
    return failures >= policy.lockout_threshold


@dataclass(frozen=True)
class CheckedPassword:
    """The slow half of signing in (argon2), done in a read-only transaction so no write lock is held while hashing.

    ``password_hash`` is the hash the password was checked against: ``sign_in`` refuses if it changed in between
    (a password reset between the two transactions), so the result can't outlive the credential it checked."""

    username: str
    ok: bool
    password_hash: str | None
    new_hash: str | None  # the password re-hashed with current parameters, when the stored hash is outdated


def check_password(session: Session, *, username: str, password: str) -> CheckedPassword:
    """Verify the password (and re-hash it if the stored hash uses old parameters) without writing anything.

    Call it in ``unit_of_work(engine, write=False)`` and pass the result to ``sign_in`` in the write transaction:
    on SQLite a write transaction holds the database's one write lock, and argon2 takes a good part of a second on a
    loaded machine; measured under 50 concurrent sign-ins, hashing inside the write lock gave "database is locked"."""
    key = username.strip().lower()[:64]
    user = get_user_by_username(session, key) if key else None
    stored = user.password_hash if user else None
    ok = verify_password(stored, password[:1024])
    new_hash = hash_password(password[:1024]) if ok and stored and needs_rehash(stored) else None
    return CheckedPassword(username=key, ok=ok, password_hash=stored, new_hash=new_hash)


def sign_in(
    session: Session,
    *,
    username: str,
    password: str,
    policy: SessionPolicy,
    now: datetime | None = None,
    checked: CheckedPassword | None = None,
) -> SignIn | None:
    """Check the credentials; on failure record the attempt and return None (the caller commits, then says
    ``errors.auth_failed`` — raising here would roll back the record that drives the lockout).

    With ``checked`` (from ``check_password`` in an earlier read-only transaction) no hashing happens here, so the
    write transaction is short; without it the password is checked in this transaction."""
    now = now or utcnow()
    if checked is None:
        checked = check_password(session, username=username, password=password)
    key = checked.username
    user = get_user_by_username(session, key) if key else None
    same_credential = user is not None and user.password_hash == checked.password_hash
    if (
        is_locked(session, key, policy, now)
        or not checked.ok
        or not same_credential
        or user is None
        or not user.is_active
    ):
        session.add(LoginAttempt(username=key, at=now, success=False))
        audit.record(
            session,
            actor=user,
            action="auth.sign_in",
            resource_type="user",
            resource_id=user.id if user else "",
            outcome="failed",
        )
        return None
    if checked.new_hash is not None:
        user.password_hash = checked.new_hash
        session.add(user)
    token = secrets.token_urlsafe(32)
    session.add(
        UserSession(
            token_hash=_token_hash(token),
            user_id=user.id or 0,
            created_at=now,
            last_seen_at=now,
            expires_at=now + policy.absolute,
        )
    )
    session.add(LoginAttempt(username=key, at=now, success=True))
    audit.record(session, actor=user, action="auth.sign_in", resource_type="user", resource_id=user.id)
    return SignIn(token=token, user=user)


def _live_row(session: Session, token: str | None, policy: SessionPolicy, now: datetime) -> tuple[UserSession, User]:
    row = (
        session.exec(select(UserSession).where(UserSession.token_hash == _token_hash(token))).first() if token else None
    )
    user = session.get(User, row.user_id) if row else None
    if (
        row is None
        or user is None
        or not user.is_active
        or row.revoked_at is not None
        or now >= row.expires_at
        or now - row.last_seen_at > policy.idle
    ):
        raise AuthenticationFailed("errors.session_expired")
    return row, user


def resolve_session(session: Session, token: str | None, *, policy: SessionPolicy, now: datetime | None = None) -> User:
    """The user behind a live session (read-only); raises if it ended (signed out, disabled, idle or absolute)."""
    return _live_row(session, token, policy, now or utcnow())[1]


def touch_session(session: Session, token: str | None, *, policy: SessionPolicy, now: datetime | None = None) -> None:
    """Record activity for the idle timeout; written at most once a minute per session."""
    now = now or utcnow()
    row, _ = _live_row(session, token, policy, now)
    if now - row.last_seen_at > TOUCH_INTERVAL:
        row.last_seen_at = now
        session.add(row)


def needs_touch(session: Session, token: str | None, *, now: datetime | None = None) -> bool:
    row = (
        session.exec(select(UserSession).where(UserSession.token_hash == _token_hash(token))).first() if token else None
    )
    return row is not None and (now or utcnow()) - row.last_seen_at > TOUCH_INTERVAL


def sign_out(session: Session, token: str | None) -> None:
    if not token:
        return
    row = session.exec(select(UserSession).where(UserSession.token_hash == _token_hash(token))).first()
    if row is not None and row.revoked_at is None:
        row.revoked_at = utcnow()
        session.add(row)
        audit.record(
            session,
            actor=session.get(User, row.user_id),
            action="auth.sign_out",
            resource_type="user",
            resource_id=row.user_id,
        )


def ensure_first_admin(session: Session) -> str | None:
    """On an empty database, create user "admin" with a random one-time password and return it (else None)."""
    if session.exec(select(User.id).where(User.role == Role.ADMIN)).first() is not None:
        return None
    password = generate_password()
    create_user(
        session,
        system_actor(),
        username=FIRST_ADMIN_USERNAME,
        role=Role.ADMIN,
        password=password,
        display_name="管理员 Administrator",
        must_change_password=True,
    )
    logger.info("created first administrator account")
    return password
