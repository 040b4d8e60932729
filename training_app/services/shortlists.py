"""Event shortlists: an agency picks hosts of its talent pool for an event (a fair, a festival livestream).

A shortlist belongs to the agency of the officer who created it; officers of that agency (and administrators) read
and change it; only hosts of the agency's subtree can be put on it.
"""

from __future__ import annotations

from sqlmodel import Session, col, select

from training_app.db.tables import Organisation, Role, User
from training_app.db.tables.certification import Shortlist, ShortlistEntry
from training_app.errors import Conflict, InvalidInput, NotFound
from training_app.services import audit
from training_app.services.authz import agency_root_path, can_see_user, deny
from training_app.services.talent_pool import require_pool_access

NAME_MAX = 200


def _agency_id(session: Session, actor: User) -> int:
    return int(agency_root_path(session, actor).strip("/") or 0)


def _own_list(session: Session, actor: User, shortlist_id: int, action: str) -> Shortlist:
    require_pool_access(actor, action)
    row = session.get(Shortlist, shortlist_id)
    if row is None:
        raise NotFound("talent.shortlist_not_found")
    if actor.role != Role.ADMIN and row.agency_org_id != _agency_id(session, actor):
        raise deny(actor, action, "shortlist", shortlist_id)
    return row


def create_shortlist(session: Session, actor: User, *, name: str) -> Shortlist:
    require_pool_access(actor, "shortlist.create")
    name = name.strip()
    if not name or len(name) > NAME_MAX:
        raise InvalidInput("talent.shortlist_name_invalid", max=NAME_MAX)
    agency = session.get(Organisation, _agency_id(session, actor))
    if agency is None:
        raise NotFound("certification.agency_not_found")
    row = Shortlist(agency_org_id=agency.id or 0, name=name, created_by_id=actor.id)
    session.add(row)
    session.flush()
    audit.record(session, actor=actor, action="shortlist.create", resource_type="shortlist", resource_id=row.id)
    return row


def list_shortlists(session: Session, actor: User) -> list[Shortlist]:
    require_pool_access(actor, "shortlist.list")
    stmt = select(Shortlist).order_by(col(Shortlist.created_at).desc())
    if actor.role != Role.ADMIN:
        stmt = stmt.where(Shortlist.agency_org_id == _agency_id(session, actor))
    return list(session.exec(stmt))


def add_to_shortlist(session: Session, actor: User, *, shortlist_id: int, trainee_id: int) -> ShortlistEntry:
    _own_list(session, actor, shortlist_id, "shortlist.add")
    trainee = session.get(User, trainee_id)
    if trainee is None or trainee.role != Role.TRAINEE or not can_see_user(session, actor, trainee):
        raise deny(actor, "shortlist.add", "user", trainee_id)
    existing = session.exec(
        select(ShortlistEntry).where(
            ShortlistEntry.shortlist_id == shortlist_id, ShortlistEntry.trainee_id == trainee_id
        )
    ).first()
    if existing is not None:
        raise Conflict("talent.already_shortlisted")
    entry = ShortlistEntry(shortlist_id=shortlist_id, trainee_id=trainee_id, added_by_id=actor.id)
    session.add(entry)
    session.flush()
    audit.record(session, actor=actor, action="shortlist.add", resource_type="shortlist", resource_id=shortlist_id,
                 detail=f"trainee={trainee_id}")  # fmt: skip
    return entry


def remove_from_shortlist(session: Session, actor: User, *, shortlist_id: int, trainee_id: int) -> None:
    _own_list(session, actor, shortlist_id, "shortlist.remove")
    entry = session.exec(
        select(ShortlistEntry).where(
            ShortlistEntry.shortlist_id == shortlist_id, ShortlistEntry.trainee_id == trainee_id
        )
    ).first()
    if entry is None:
        raise NotFound("talent.not_shortlisted")
    session.delete(entry)
    audit.record(session, actor=actor, action="shortlist.remove", resource_type="shortlist", resource_id=shortlist_id,
                 detail=f"trainee={trainee_id}")  # fmt: skip


def shortlist_members(session: Session, actor: User, *, shortlist_id: int) -> list[int]:
    _own_list(session, actor, shortlist_id, "shortlist.read")
    stmt = select(ShortlistEntry.trainee_id).where(ShortlistEntry.shortlist_id == shortlist_id)
    return list(session.exec(stmt.order_by(col(ShortlistEntry.added_at))))
