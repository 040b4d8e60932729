"""Deleting recordings and accounts, for the trainee, an administrator, and retention (PIPL).

One code path removes a clip with everything derived from it (flag decisions, timed comments and reviews of it, its
scores, transcripts, jobs and live-room comment timeline), writes a :class:`DeletionLedger` entry (kind, id, the media
file's sha256, never content) and deletes the media file once the transaction has committed. Deleted rows are gone,
so the review label export (``flag_report.export_flag_labels``) can no longer include them.

Deleting an account deletes the trainee's clips, quiz attempts, lesson progress, consents, sessions and shortlist
entries and the tasks assigned to them alone, empties the free text others wrote about them (sign-off notes,
certificate revocation reasons), and turns the user row into a tombstone (``deleted-<id>``, no phone, no password,
inactive, the display name reduced to its masked form). The row stays because issued certificates point at it: they
keep only the masked name they were printed with, so they stay verifiable. Audit entries keep ids only.

Authorization: a trainee deletes their own clips and account; an administrator any trainee's.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import Engine, delete, event
from sqlmodel import Session, col, select

from training_app.certification.masking import mask_name
from training_app.config import Settings
from training_app.db import utcnow
from training_app.db.tables import (
    Certificate,
    CertificationSignOff,
    Clip,
    ClipComment,
    Consent,
    DeletionLedger,
    FlagDecision,
    Job,
    LessonProgress,
    LoginAttempt,
    QuizAnswer,
    QuizAttempt,
    Review,
    Role,
    Score,
    ShortlistEntry,
    TaskAssignment,
    TimedComment,
    Transcript,
    User,
    UserSession,
)
from training_app.errors import InvalidInput, NotFound
from training_app.services import audit, ledger_file
from training_app.services.accounts import system_actor
from training_app.services.authz import deny, require_role
from training_app.services.media import LocalMediaStore, MediaStore
from training_app.services.uow import unit_of_work

logger = logging.getLogger(__name__)

_CLIP_CHILDREN = (FlagDecision, TimedComment, Review, Score, Transcript, Job, ClipComment)


_PENDING = "ledger_file_pending"


def _delete_media_after_commit(session: Session, store: MediaStore, key: str) -> None:
    event.listen(session, "after_commit", lambda _s: store.delete(key), once=True)


def _append_after_commit(session: Session, store: MediaStore, entry: dict[str, object]) -> None:
    """Queue a ledger-file line; the lines of a transaction are written (fsync'd) once it has committed."""
    root = getattr(store, "root", None)
    if root is None:
        logger.warning("media store without a local root: deletion ledger kept in the database only")
        return
    pending = session.info.get(_PENDING)
    if pending is None:
        pending = session.info[_PENDING] = []
        event.listen(session, "after_commit", _write_pending, once=True)
        event.listen(session, "after_rollback", lambda s: s.info.pop(_PENDING, None), once=True)
    pending.append((ledger_file.path_for(root), entry))


def _write_pending(session: Session) -> None:
    by_path: dict[object, list[dict[str, object]]] = {}
    for path, entry in session.info.pop(_PENDING, []):
        by_path.setdefault(path, []).append(entry)
    for path, entries in by_path.items():
        try:
            ledger_file.append(path, entries)  # type: ignore[arg-type]
        except OSError:  # the database ledger has them; backup re-syncs the file
            logger.exception("deletion ledger file %s not written", path)


def _ledger(session: Session, store: MediaStore, row: DeletionLedger) -> None:
    session.add(row)
    _append_after_commit(session, store, row.model_dump(exclude={"id"}))


def erase_clip_rows(session: Session, clip_id: int) -> None:
    """Delete the clip row and every row derived from it (children first)."""
    for table in _CLIP_CHILDREN:
        session.exec(delete(table).where(col(table.clip_id) == clip_id))  # type: ignore[call-overload, attr-defined]
    session.exec(delete(Clip).where(col(Clip.id) == clip_id))  # type: ignore[call-overload]


def remove_clip(session: Session, clip: Clip, store: MediaStore, *, reason: str, at: datetime | None = None) -> None:
    """Delete a clip and everything derived from it, and record it in the ledger (no authorization: callers check)."""
    clip_id = clip.id or 0
    erase_clip_rows(session, clip_id)
    _ledger(
        session,
        store,
        DeletionLedger(
            kind="clip",
            object_id=clip_id,
            media_key=clip.media_key,
            media_sha256=clip.sha256,
            reason=reason,
            at=at or utcnow(),
        ),
    )
    _delete_media_after_commit(session, store, clip.media_key)


def _may_delete_for(actor: User, owner_id: int) -> bool:
    return actor.is_active and (actor.role == Role.ADMIN or (actor.id is not None and actor.id == owner_id))


def delete_clip(session: Session, actor: User, *, clip_id: int, store: MediaStore) -> None:
    clip = session.get(Clip, clip_id)
    if clip is None:
        raise NotFound("clips.not_found", clip=clip_id)
    if not _may_delete_for(actor, clip.owner_id):
        raise deny(actor, "clip.delete", "clip", clip_id)
    remove_clip(session, clip, store, reason="user" if actor.id == clip.owner_id else "admin")
    audit.record(session, actor=actor, action="clip.delete", resource_type="clip", resource_id=clip_id)
    session.flush()


def delete_personal_rows(session: Session, user: User) -> None:
    attempt_ids = list(session.exec(select(QuizAttempt.id).where(QuizAttempt.user_id == user.id)))
    if attempt_ids:
        session.exec(delete(QuizAnswer).where(col(QuizAnswer.attempt_id).in_(attempt_ids)))  # type: ignore[call-overload]
    for table, column in (
        (QuizAttempt, QuizAttempt.user_id),
        (LessonProgress, LessonProgress.user_id),
        (Consent, Consent.user_id),
        (UserSession, UserSession.user_id),
        (ShortlistEntry, ShortlistEntry.trainee_id),
    ):
        session.exec(delete(table).where(col(column) == user.id))  # type: ignore[call-overload]
    session.exec(delete(LoginAttempt).where(col(LoginAttempt.username) == user.username))  # type: ignore[call-overload]
    session.exec(delete(TaskAssignment).where(col(TaskAssignment.trainee_id) == user.id))  # type: ignore[call-overload]
    scrub_free_text(session, user_id=user.id or 0)


def scrub_free_text(session: Session, *, user_id: int) -> None:
    """Empty what others wrote about the person (sign-off notes, revocation reasons); dates, levels and ids stay."""
    for row in session.exec(select(CertificationSignOff).where(CertificationSignOff.trainee_id == user_id)):
        row.note = ""
        session.add(row)
    for cert in session.exec(select(Certificate).where(Certificate.trainee_id == user_id)):
        if cert.revoke_reason:
            cert.revoke_reason = ""
            session.add(cert)


def tombstone_user(session: Session, user: User) -> None:
    user.username = f"deleted-{user.id}"
    user.display_name = mask_name(user.display_name)
    user.phone = None
    user.password_hash = "!"  # noqa: S105 - a marker that no password matches
    user.is_active = False
    user.updated_at = utcnow()
    session.add(user)


def remove_account(session: Session, user: User, store: MediaStore, *, reason: str, at: datetime | None = None) -> int:
    """Delete a trainee's personal data, keep a tombstone row; returns the number of clips deleted."""
    owned = list(session.exec(select(Clip).where(Clip.owner_id == user.id)))
    for clip in owned:
        remove_clip(session, clip, store, reason=reason, at=at)
    delete_personal_rows(session, user)
    tombstone_user(session, user)
    _ledger(session, store, DeletionLedger(kind="account", object_id=user.id or 0, reason=reason, at=at or utcnow()))
    return len(owned)


def delete_account(session: Session, actor: User, *, user_id: int, store: MediaStore) -> int:
    user = session.get(User, user_id)
    if user is None:
        raise NotFound("errors.not_found")
    if not _may_delete_for(actor, user_id):
        raise deny(actor, "account.delete", "user", user_id)
    if user.role != Role.TRAINEE:
        raise InvalidInput("privacy.only_trainee_accounts")
    deleted = remove_account(session, user, store, reason="user" if actor.id == user_id else "admin")
    audit.record(session, actor=actor, action="account.delete", resource_type="user", resource_id=user_id)
    session.flush()
    return deleted


@dataclass(frozen=True)
class PurgeResult:
    clip_ids: list[int]
    dry_run: bool


def purge_expired_clips(
    session: Session,
    actor: User,
    *,
    store: MediaStore,
    retention_days: int,
    dry_run: bool = False,
    now: datetime | None = None,
) -> PurgeResult:
    """Delete every clip older than the retention period (same path as a user's deletion, reason "retention")."""
    require_role(actor, "privacy.purge", Role.ADMIN)
    cutoff = (now or utcnow()) - timedelta(days=retention_days)
    stmt = select(Clip).where(col(Clip.created_at) < cutoff).order_by(col(Clip.id))
    if not dry_run:  # two purges at once (a worker per host) take disjoint clips on PostgreSQL
        stmt = stmt.with_for_update(skip_locked=True)
    expired = list(session.exec(stmt))
    if not dry_run:
        for clip in expired:
            remove_clip(session, clip, store, reason="retention")
        audit.record(session, actor=actor, action="privacy.purge", resource_type="clip", detail=f"n={len(expired)}")
        session.flush()
    return PurgeResult(clip_ids=[c.id or 0 for c in expired], dry_run=dry_run)


def purge_on_schedule(engine: Engine, settings: Settings, *, now: datetime | None = None) -> PurgeResult:
    """The retention purge as a scheduled job runs it (a worker's periodic task, or cron through the command line):
    its own transaction, the system actor, the configured media store and retention period. Safe to run on several
    hosts at once."""
    with unit_of_work(engine) as session:
        result = purge_expired_clips(
            session, system_actor(), store=LocalMediaStore(settings.resolved_media_dir()),
            retention_days=settings.retention_days_clips, now=now,
        )  # fmt: skip
    logger.info("retention purge: %d clips deleted", len(result.clip_ids))
    return result
