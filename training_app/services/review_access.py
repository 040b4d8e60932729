"""Who may read and edit reviews.

- Trainers review (start, edit, submit) the clips of trainees in their assigned cohorts; an administrator any clip.
  A draft is shared by the trainers who may review the clip; concurrent edits are caught by the version check.
- Agency officers read reviews within their agency's subtree; they never edit.
- A trainee reads the submitted reviews of their own clips only: never a draft, never another trainee's review.

Every denial raises ``authz.deny`` so ``unit_of_work`` rolls back and audit-logs it.
"""

from __future__ import annotations

from sqlmodel import Session

from training_app.db.tables import Clip, Review, ReviewStatus, Role, User
from training_app.errors import InvalidInput, NotFound
from training_app.services.authz import can_see_user, deny

REVIEWERS = (Role.TRAINER, Role.ADMIN)


def clip_and_owner(session: Session, clip_id: int) -> tuple[Clip, User]:
    clip = session.get(Clip, clip_id)
    owner = session.get(User, clip.owner_id) if clip else None
    if clip is None or owner is None:
        raise NotFound("review.clip_not_found", clip=clip_id)
    return clip, owner


def may_review(session: Session, actor: User | None, owner: User) -> bool:
    return actor is not None and actor.role in REVIEWERS and can_see_user(session, actor, owner)


def require_reviewer(session: Session, actor: User | None, clip_id: int, action: str) -> tuple[Clip, User]:
    """The clip and its trainee, if the actor may review it."""
    clip, owner = clip_and_owner(session, clip_id)
    if not may_review(session, actor, owner):
        raise deny(actor, action, "clip", clip_id)
    return clip, owner


def may_read(session: Session, actor: User | None, review: Review, owner: User) -> bool:
    if actor is None or not actor.is_active:
        return False
    if actor.role == Role.TRAINEE:
        return actor.id == owner.id and review.status == ReviewStatus.SUBMITTED
    return can_see_user(session, actor, owner)


def get_review(session: Session, actor: User | None, review_id: int, *, action: str = "review.read") -> Review:
    """A review the actor may read (NotFound for an unknown id; an audited denial otherwise)."""
    review = session.get(Review, review_id)
    if review is None:
        raise NotFound("review.not_found", review=review_id)
    _clip, owner = clip_and_owner(session, review.clip_id)
    if not may_read(session, actor, review, owner):
        raise deny(actor, action, "review", review_id)
    return review


def get_editable(session: Session, actor: User | None, review_id: int, action: str) -> Review:
    """A draft review the actor may edit; a submitted one is final."""
    review = session.get(Review, review_id)
    if review is None:
        raise NotFound("review.not_found", review=review_id)
    _clip, owner = clip_and_owner(session, review.clip_id)
    if not may_review(session, actor, owner):
        raise deny(actor, action, "review", review_id)
    if review.status != ReviewStatus.DRAFT:
        raise InvalidInput("review.already_submitted")
    return review
