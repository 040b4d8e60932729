"""Users: create, read, update language/password, enable/disable, move between cohorts.

Every function takes the acting user and checks it (see ``authz``). The command line acts as ``system_actor()``.
"""

from __future__ import annotations

import re

from sqlmodel import Session, col, func, select

from training_app.db import utcnow
from training_app.db.tables import Organisation, OrgKind, Role, User, UserSession
from training_app.errors import Conflict, InvalidInput, NotFound
from training_app.i18n import LANGUAGES
from training_app.services import audit
from training_app.services.authz import deny, require_role, require_user_access, visible_org_ids
from training_app.services.organisations import ensure_default_orgs, get_org_by_code
from training_app.services.passwords import check_strength, generate_password, hash_password, verify_password

USERNAME_RE = re.compile(r"^[A-Za-z0-9_.@+-]{2,64}$")
PHONE_RE = re.compile(r"^\+?[0-9]{6,15}$")
_ORG_KIND_FOR_ROLE = {
    Role.TRAINEE: (OrgKind.COHORT,),
    Role.TRAINER: (OrgKind.AGENCY, OrgKind.COUNTY, OrgKind.COHORT),
    Role.AGENCY: (OrgKind.AGENCY,),
    Role.ADMIN: (OrgKind.AGENCY,),
}


def system_actor() -> User:
    """The operator at the command line: an administrator that is not a stored user."""
    return User(
        id=None,
        username="system",
        display_name="system",
        role=Role.ADMIN,
        org_id=0,
        password_hash="!",  # noqa: S106 - a marker that no password matches
        is_active=True,
    )


def validate_username(username: str) -> str:
    username = username.strip()
    if not USERNAME_RE.match(username):
        raise InvalidInput("accounts.username_invalid", username=username)
    return username


def parse_role(value: str) -> Role:
    try:
        return Role(value.strip().lower())
    except ValueError:
        raise InvalidInput("accounts.role_invalid", role=value) from None


def _home_org(session: Session, role: Role, org_code: str | None) -> Organisation:
    agency, unassigned = ensure_default_orgs(session)
    if not org_code:
        return unassigned if role == Role.TRAINEE else agency
    org = get_org_by_code(session, org_code)
    if org.kind not in _ORG_KIND_FOR_ROLE[role]:
        raise InvalidInput("accounts.org_wrong_kind", role=role.value, code=org_code)
    return org


def create_user(
    session: Session,
    actor: User,
    *,
    username: str,
    role: Role,
    password: str,
    display_name: str | None = None,
    org_code: str | None = None,
    phone: str | None = None,
    must_change_password: bool = False,
    is_demo: bool = False,
) -> User:
    require_role(actor, "user.create", Role.ADMIN)
    username = validate_username(username)
    if phone and not PHONE_RE.match(phone):
        raise InvalidInput("accounts.phone_invalid", phone=phone)
    check_strength(password, username=username)
    if session.exec(select(User.id).where(func.lower(User.username) == username.lower())).first() is not None:
        raise Conflict("accounts.username_taken", username=username)
    org = _home_org(session, role, org_code)
    user = User(
        username=username,
        display_name=(display_name or username).strip()[:100],
        phone=phone or None,
        role=role,
        org_id=org.id or 0,
        password_hash=hash_password(password),
        must_change_password=must_change_password,
        is_demo=is_demo,
    )
    session.add(user)
    session.flush()
    audit.record(session, actor=actor, action="user.create", resource_type="user", resource_id=user.id)
    return user


def get_user(session: Session, actor: User, user_id: int) -> User:
    user = session.get(User, user_id)
    if user is None:
        # Same answer as "not allowed" would leak existence; an id that does not exist is simply not found.
        raise NotFound()
    require_user_access(session, actor, user, "user.read")
    return user


def get_user_by_username(session: Session, username: str) -> User | None:
    return session.exec(select(User).where(func.lower(User.username) == username.strip().lower())).first()


def list_users(
    session: Session,
    actor: User,
    *,
    role: Role | None = None,
    org_id: int | None = None,
    search: str | None = None,
    limit: int = 200,
    offset: int = 0,
) -> list[User]:
    require_role(actor, "user.list", Role.ADMIN, Role.AGENCY, Role.TRAINER)
    stmt = select(User).order_by(col(User.id))
    ids = visible_org_ids(session, actor)
    if ids is not None:
        stmt = stmt.where(col(User.org_id).in_(ids))
    if actor.role == Role.TRAINER:
        stmt = stmt.where(User.role == Role.TRAINEE)
    if role is not None:
        stmt = stmt.where(User.role == role)
    if org_id is not None:
        stmt = stmt.where(User.org_id == org_id)
    if search:
        like = f"%{search.strip()}%"
        stmt = stmt.where(col(User.username).ilike(like) | col(User.display_name).ilike(like))
    return list(session.exec(stmt.offset(offset).limit(limit)))


def set_language(session: Session, actor: User, *, user_id: int, language: str) -> User:
    user = get_user(session, actor, user_id)
    if actor.id != user.id and actor.role != Role.ADMIN:
        raise deny(actor, "user.set_language", "user", user_id)
    if language not in LANGUAGES:
        raise InvalidInput("accounts.language_invalid", language=language)
    user.language = language
    user.updated_at = utcnow()
    session.add(user)
    return user


def change_password(session: Session, actor: User, *, old_password: str, new_password: str) -> None:
    user = session.get(User, actor.id)
    if user is None or not user.is_active:
        raise deny(actor, "user.change_password", "user", actor.id)
    if not verify_password(user.password_hash, old_password):
        raise InvalidInput("accounts.old_password_wrong")
    check_strength(new_password, username=user.username)
    user.password_hash = hash_password(new_password)
    user.must_change_password = False
    user.updated_at = utcnow()
    session.add(user)
    audit.record(session, actor=actor, action="user.change_password", resource_type="user", resource_id=user.id)


def reset_password(session: Session, actor: User, *, user_id: int) -> str:
    """Admin sets a new random password that must be changed at next sign-in; live sessions end."""
    require_role(actor, "user.reset_password", Role.ADMIN)
    user = get_user(session, actor, user_id)
    password = generate_password()
    user.password_hash = hash_password(password)
    user.must_change_password = True
    session.add(user)
    _revoke_sessions(session, user.id or 0)
    audit.record(session, actor=actor, action="user.reset_password", resource_type="user", resource_id=user.id)
    return password


def set_active(session: Session, actor: User, *, user_id: int, active: bool) -> User:
    require_role(actor, "user.set_active", Role.ADMIN)
    user = get_user(session, actor, user_id)
    if actor.id == user.id and not active:
        raise InvalidInput("accounts.cannot_disable_self")
    user.is_active = active
    user.updated_at = utcnow()
    session.add(user)
    if not active:
        _revoke_sessions(session, user.id or 0)
    audit.record(
        session,
        actor=actor,
        action="user.enable" if active else "user.disable",
        resource_type="user",
        resource_id=user.id,
    )
    return user


def move_user(session: Session, actor: User, *, user_id: int, org_code: str) -> User:
    require_role(actor, "user.move", Role.ADMIN)
    user = get_user(session, actor, user_id)
    org = _home_org(session, user.role, org_code)
    user.org_id = org.id or 0
    user.updated_at = utcnow()
    session.add(user)
    audit.record(
        session,
        actor=actor,
        action="user.move",
        resource_type="user",
        resource_id=user.id,
        detail=f"org={org.id}",
    )
    return user


def _revoke_sessions(session: Session, user_id: int) -> None:
    now = utcnow()
    for row in session.exec(
        select(UserSession).where(UserSession.user_id == user_id, col(UserSession.revoked_at).is_(None))
    ):
        row.revoked_at = now
        session.add(row)
