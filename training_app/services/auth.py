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


def sign_in(
    session: Session, *, username: str, password: str, policy: SessionPolicy, now: datetime | None = None
) -> SignIn | None:
    """Check the credentials; on failure record the attempt and return None (the caller commits, then says
    ``errors.auth_failed`` — raising here would roll back the record that drives the lockout)."""
    now = now or utcnow()
    key = username.strip().lower()[:64]
    user = get_user_by_username(session, key) if key else None
    ok = verify_password(user.password_hash if user else None, password[:1024])
    if is_locked(session, key, policy, now) or not ok or user is None or not user.is_active:
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
    if needs_rehash(user.password_hash):
        user.password_hash = hash_password(password)
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
