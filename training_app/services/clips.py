"""Clips: a trainee's recorded or uploaded takes, and replays a trainer imports for a trainee.

A clip is acknowledged (the caller may say "saved, number N") only when :func:`submit_clip` returned and its
transaction committed: by then the bytes are fsync'd under a random name, their sha256 is recorded, and the clip row
and its transcription job were committed together. If the transaction rolls back, the stored file is deleted at
once; if the process dies first, the media sweep removes it (:func:`training_app.services.media.sweep_orphans`).

Authorization: a trainee submits and reads their own clips; a trainer imports for and reads the trainees of their
cohorts; an agency officer reads their subtree; an administrator everything.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Collection
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import BinaryIO

from sqlalchemy import event
from sqlmodel import Session, col, select

from training_app.config import Settings
from training_app.db.tables import Clip, ClipSource, ClipStatus, Job, JobKind, Role, Score, Transcript, User
from training_app.errors import InputRejected, InvalidInput, NotFound
from training_app.services import audit
from training_app.services.authz import can_see_user, deny
from training_app.services.consent import ConsentDocument, load_consent_document, require_consent
from training_app.services.jobs import Dispatch, create_job, dispatch_after_commit
from training_app.services.media import LocalMediaStore, MediaStore

logger = logging.getLogger(__name__)

EMPTY = "empty"
Sniff = Callable[[Path], str]
"""Checks a complete file's magic bytes against the allowlist; returns the container name or raises InputRejected."""


@dataclass(frozen=True)
class Intake:
    """What accepting a clip needs besides the bytes: where to store, how to sniff, which job to queue."""

    store: MediaStore
    sniff: Sniff
    model_key: str
    max_attempts: int
    max_bytes: int
    products: Collection[str]  # known product fact-sheet ids
    dispatch: Dispatch | None = None
    consent: ConsentDocument | None = None  # trainees' own takes need current consent to it; None: not asked


def model_key_for(whisper_model_dir: Path | None) -> str:
    """The transcription model a new clip is queued for (part of the job's idempotency key)."""
    return f"local:{whisper_model_dir.name}" if whisper_model_dir else "whisper-base"


def make_intake(settings: Settings, *, long_form: bool, dispatch: Dispatch | None) -> Intake:
    """The intake for practice takes (``long_form=False``) or imported replays (their own, larger limits)."""
    from training_app.services.scoring import load_assessment_catalog
    from training_app.speech.audio import sniff_container

    return Intake(
        store=LocalMediaStore(settings.resolved_media_dir()),
        sniff=sniff_container,
        model_key=model_key_for(settings.whisper_model_dir),
        max_attempts=settings.job_max_attempts,
        max_bytes=(settings.import_max_mb if long_form else settings.max_upload_mb) << 20,
        products=frozenset(load_assessment_catalog(settings.assessments_dir).products),
        dispatch=dispatch,
        # Trainees' own takes need the current recording consent; replays a trainer imports are not gated.
        consent=None if long_form else load_consent_document(settings.assessments_dir),
    )


def product_choices(assessments_dir: Path, lang: str) -> dict[str, str]:
    """Product fact sheets a clip can sell: ``{id: name in lang}``, sorted by name."""
    from training_app.services.scoring import load_assessment_catalog

    products = load_assessment_catalog(assessments_dir).products
    names = {pid: sheet.name.get(lang) for pid, sheet in products.items()}
    return dict(sorted(names.items(), key=lambda item: item[1]))


def _owner(session: Session, owner_id: int) -> User:
    owner = session.get(User, owner_id)
    if owner is None or owner.role != Role.TRAINEE:
        raise NotFound("clips.trainee_not_found", user=owner_id)
    return owner


def _require_submit(session: Session, actor: User, owner: User, source: ClipSource) -> None:
    if source == ClipSource.IMPORT:
        allowed = actor.role in (Role.TRAINER, Role.ADMIN) and can_see_user(session, actor, owner)
    else:
        allowed = actor.is_active and actor.id == owner.id
    if not allowed:
        raise deny(actor, f"clip.{source.value}", "user", owner.id)


def _sniff(intake: Intake, path: Path) -> str:
    """The container; an empty file is accepted (it ends as "no speech", like a silent one)."""
    try:
        return intake.sniff(path)
    except InputRejected as exc:
        if exc.message_key == "speech.empty":
            return EMPTY
        raise


def _delete_unless_committed(session: Session, store: MediaStore, key: str) -> None:
    """A stored file whose clip row rolls back is deleted at once (the media sweep catches a crash)."""
    committed = False

    def on_commit(_session: Session) -> None:
        nonlocal committed
        committed = True

    def on_rollback(_session: Session) -> None:
        if not committed:
            store.delete(key)

    event.listen(session, "after_commit", on_commit)
    event.listen(session, "after_rollback", on_rollback)


def submit_clip(
    session: Session,
    actor: User,
    *,
    owner_id: int,
    product_id: str | None,
    stream: BinaryIO,
    source: ClipSource,
    intake: Intake,
    task_id: str | None = None,
) -> Clip:
    """Store the bytes and queue transcription. Refused files (format, size) store nothing."""
    owner = _owner(session, owner_id)
    _require_submit(session, actor, owner, source)
    if source != ClipSource.IMPORT and intake.consent is not None:
        require_consent(session, owner, intake.consent)
    if product_id is not None and product_id not in intake.products:
        raise InvalidInput("clips.unknown_product", product=product_id)
    sniffed: dict[str, str] = {}
    stored = intake.store.put_stream(
        stream, max_bytes=intake.max_bytes, inspect=lambda path: sniffed.update(container=_sniff(intake, path))
    )
    _delete_unless_committed(session, intake.store, stored.key)
    clip = Clip(
        owner_id=owner.id or 0,
        uploaded_by_id=actor.id or owner.id or 0,
        product_id=product_id,
        task_id=task_id,
        source=source,
        media_key=stored.key,
        sha256=stored.sha256,
        size_bytes=stored.size,
        container=sniffed["container"],
    )
    session.add(clip)
    session.flush()
    job = create_job(
        session,
        actor,
        clip_id=clip.id or 0,
        kind=JobKind.TRANSCRIBE,
        model_key=intake.model_key,
        max_attempts=intake.max_attempts,
    )
    audit.record(session, actor=actor, action=f"clip.{source.value}", resource_type="clip", resource_id=clip.id)
    dispatch_after_commit(session, [job.id or 0] if job else [], intake.dispatch)
    return clip


def get_clip(session: Session, actor: User, clip_id: int) -> Clip:
    clip = session.get(Clip, clip_id)
    if clip is None:
        raise NotFound("clips.not_found", clip=clip_id)
    owner = session.get(User, clip.owner_id)
    if owner is None or not can_see_user(session, actor, owner):
        raise deny(actor, "clip.read", "clip", clip_id)
    return clip


def open_clip_audio(session: Session, actor: User, clip_id: int, store: MediaStore) -> bytes:
    """The recording's bytes. Listening to someone else's recording is audit-logged."""
    clip = get_clip(session, actor, clip_id)
    if actor.id != clip.owner_id:
        audit.record(session, actor=actor, action="clip.listen", resource_type="clip", resource_id=clip.id)
    with store.open(clip.media_key) as handle:
        return handle.read()


@dataclass(frozen=True)
class ClipSummary:
    id: int
    created_at: datetime
    product_id: str | None
    source: str
    status: str
    progress: float
    error_key: str | None
    overall: float | None


def list_clips(session: Session, actor: User, *, owner_id: int, limit: int = 50) -> list[ClipSummary]:
    """A trainee's takes, newest first, with the running job's progress and the current overall score."""
    owner = _owner(session, owner_id)
    if not can_see_user(session, actor, owner):
        raise deny(actor, "clip.list", "user", owner_id)
    newest_first = (col(Clip.created_at).desc(), col(Clip.id).desc())
    clips = list(session.exec(select(Clip).where(Clip.owner_id == owner_id).order_by(*newest_first).limit(limit)))
    ids = [c.id for c in clips]
    progress = dict(
        session.exec(
            select(Job.clip_id, Job.progress).where(col(Job.clip_id).in_(ids), col(Job.status) == "running")
        ).all()
    )
    overall: dict[int, float | None] = {}
    for clip_id, value in session.exec(
        select(Score.clip_id, Score.overall).where(col(Score.clip_id).in_(ids)).order_by(col(Score.id))
    ):
        overall[clip_id] = value  # ordered by id: the newest score wins
    return [
        ClipSummary(
            id=c.id or 0,
            created_at=c.created_at,
            product_id=c.product_id,
            source=c.source.value,
            status=c.status.value,
            progress=float(progress.get(c.id or 0, 1.0 if c.status == ClipStatus.SCORED else 0.0)),
            error_key=c.error_key,
            overall=overall.get(c.id or 0),
        )
        for c in clips
    ]


@dataclass(frozen=True)
class RescoreResult:
    queued: list[int]  # clip ids with a new score job
    skipped: list[int]  # no transcript yet, no speech, or already scored with this rule set


def rescore_clips(
    session: Session,
    actor: User,
    *,
    clip_ids: list[int] | None,
    rule_set_version: str,
    max_attempts: int,
    dispatch: Dispatch | None = None,
) -> RescoreResult:
    """Queue a score job for each clip (``None``: every clip) whose current score used another rule set."""
    if actor.role != Role.ADMIN:
        raise deny(actor, "clip.rescore", "clip", ",".join(map(str, clip_ids or []))[:64])
    stmt = select(Transcript).where(Transcript.status == "transcribed").order_by(col(Transcript.id))
    if clip_ids is not None:
        missing = set(clip_ids) - set(session.exec(select(Clip.id).where(col(Clip.id).in_(clip_ids))))
        if missing:
            raise NotFound("clips.not_found", clip=", ".join(map(str, sorted(missing))))
        stmt = stmt.where(col(Transcript.clip_id).in_(clip_ids))
    latest = {t.clip_id: t for t in session.exec(stmt)}  # the newest transcript per clip
    scored = set(session.exec(select(Score.transcript_id).where(Score.rule_set_version == rule_set_version)))
    queued, job_ids = [], []
    for clip_id, transcript in sorted(latest.items()):
        if transcript.id in scored:
            continue
        job = create_job(
            session,
            actor,
            clip_id=clip_id,
            kind=JobKind.SCORE,
            model_key=transcript.model_key,
            max_attempts=max_attempts,
            extra=rule_set_version,
        )
        if job is not None:
            queued.append(clip_id)
            job_ids.append(job.id or 0)
    dispatch_after_commit(session, job_ids, dispatch)
    skipped = sorted(set(clip_ids or []) - set(queued))
    audit.record(session, actor=actor, action="clip.rescore", resource_type="clip", detail=f"queued={len(queued)}")
    return RescoreResult(queued=queued, skipped=skipped)
