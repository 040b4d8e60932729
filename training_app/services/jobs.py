"""Background jobs: our own table is the truth; the queue (huey) only carries "look at job N".

Life of a job: ``queued`` → (claim) ``running`` with a lease → ``done`` or ``failed``. A worker holds a job only while
its lease is valid; it extends the lease by heartbeats. A worker killed mid-job (SIGKILL: huey loses the message)
stops heartbeating, its lease expires and :func:`sweep_jobs` puts the job back in the queue, or fails it for good
after ``max_attempts`` (a clip that kills every worker that touches it). Claims and completions are conditional
UPDATEs on (status, lease owner), so two workers can never both own or both complete a job.

The worker acts as the system actor (an administrator); these functions refuse anyone else.
"""

from __future__ import annotations

import logging
import os
import secrets
import socket
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from sqlalchemy import ColumnElement, and_, event, or_, update
from sqlmodel import Session, col, func, select

from training_app.db import utcnow
from training_app.db.tables import Clip, ClipStatus, Job, JobKind, JobStatus, Role, User
from training_app.services.authz import require_role

logger = logging.getLogger(__name__)

Dispatch = Callable[[int], None]
"""Hands a job id to the queue (huey). Called only after the job's transaction committed."""

GAVE_UP = "jobs.gave_up"
INTERRUPTED = "jobs.interrupted"


def idempotency_key(clip_id: int, kind: JobKind, model_key: str, extra: str = "") -> str:
    return ":".join(p for p in (str(clip_id), kind.value, model_key, extra) if p)


def new_lease_owner() -> str:
    return f"{socket.gethostname()[:40]}:{os.getpid()}:{secrets.token_hex(4)}"


def owner_pid(lease_owner: str | None) -> int | None:
    try:
        return int((lease_owner or "").split(":")[1])
    except (IndexError, ValueError):
        return None


def _system(actor: User, action: str) -> None:
    require_role(actor, action, Role.ADMIN)


def create_job(
    session: Session, actor: User, *, clip_id: int, kind: JobKind, model_key: str, max_attempts: int, extra: str = ""
) -> Job | None:
    """A queued job, or None when a job with the same idempotency key already exists."""
    key = idempotency_key(clip_id, kind, model_key, extra)
    if session.exec(select(Job.id).where(Job.idempotency_key == key)).first() is not None:
        return None
    job = Job(
        clip_id=clip_id,
        kind=kind,
        model_key=model_key,
        idempotency_key=key,
        max_attempts=max_attempts,
        enqueued_at=utcnow(),
    )
    session.add(job)
    session.flush()
    return job


def dispatch_after_commit(session: Session, job_ids: Iterable[int], dispatch: Dispatch | None) -> None:
    """Hand the jobs to the queue once (and only if) the transaction commits; a lost hand-over is swept later."""
    ids = list(job_ids)
    if dispatch is None or not ids:
        return

    def _send(_session: Session) -> None:
        for job_id in ids:
            try:
                dispatch(job_id)
            except Exception:  # the queue being down must not undo an acknowledged clip
                logger.exception("could not hand job %s to the queue; the sweep will retry", job_id)

    event.listen(session, "after_commit", _send, once=True)


def claim_job(session: Session, actor: User, *, job_id: int, owner: str, lease_seconds: float) -> Job | None:
    """Take the job if it is queued (or its lease expired) and has attempts left. None: someone else has it."""
    _system(actor, "job.claim")
    now = utcnow()
    claimable = or_(
        col(Job.status) == JobStatus.QUEUED,
        and_(col(Job.status) == JobStatus.RUNNING, col(Job.lease_expires_at) < now),
    )
    result = session.exec(
        update(Job)
        .where(col(Job.id) == job_id, claimable, col(Job.attempts) < col(Job.max_attempts))
        .values(
            status=JobStatus.RUNNING,
            lease_owner=owner,
            lease_expires_at=now + timedelta(seconds=lease_seconds),
            heartbeat_at=now,
            attempts=col(Job.attempts) + 1,
            progress=0.0,
            error_key=None,
        )
    )
    if result.rowcount != 1:
        return None
    job = session.get(Job, job_id, populate_existing=True)
    if job is not None and job.kind == JobKind.TRANSCRIBE:  # a re-score leaves the clip's current score showing
        set_clip_status(session, job.clip_id, ClipStatus.TRANSCRIBING)
    return job


def heartbeat(
    session: Session, actor: User, *, job_id: int, owner: str, lease_seconds: float, progress: float | None = None
) -> bool:
    """Extend the lease (and record progress). False: the lease was lost, stop working on the job."""
    _system(actor, "job.heartbeat")
    now = utcnow()
    values: dict[str, object] = {"heartbeat_at": now, "lease_expires_at": now + timedelta(seconds=lease_seconds)}
    if progress is not None:
        values["progress"] = max(0.0, min(1.0, float(progress)))
    result = session.exec(update(Job).where(_owned(job_id, owner)).values(**values))
    return result.rowcount == 1


def _owned(job_id: int, owner: str) -> ColumnElement[bool]:
    return and_(col(Job.id) == job_id, col(Job.status) == JobStatus.RUNNING, col(Job.lease_owner) == owner)


def finish_job(
    session: Session, actor: User, *, job_id: int, owner: str, failed: bool = False, error_key: str | None = None
) -> bool:
    """Mark the job done (or failed for good). False: the lease was lost; the caller must roll back its writes."""
    _system(actor, "job.finish")
    values = {
        "status": JobStatus.FAILED if failed else JobStatus.DONE,
        "error_key": error_key,
        "finished_at": utcnow(),
        "lease_expires_at": None,
        "progress": 1.0,
    }
    result = session.exec(update(Job).where(_owned(job_id, owner)).values(**values))
    return result.rowcount == 1


def release_job(
    session: Session, actor: User, *, job_id: int, owner: str, error_key: str, count_attempt: bool = True
) -> JobStatus | None:
    """After an unexpected error: back to the queue if attempts remain, else failed. None: the lease was lost.

    ``count_attempt=False`` (the worker is shutting down) gives the attempt back.
    """
    _system(actor, "job.release")
    job = session.get(Job, job_id, populate_existing=True)
    if job is None or job.status != JobStatus.RUNNING or job.lease_owner != owner:
        return None
    if not count_attempt:
        job.attempts = max(0, job.attempts - 1)
    _requeue_or_fail(session, job, error_key)
    return job.status


def _requeue_or_fail(session: Session, job: Job, error_key: str) -> None:
    now = utcnow()
    job.lease_owner, job.lease_expires_at, job.error_key = None, None, error_key
    if job.attempts >= job.max_attempts:
        job.status, job.finished_at = JobStatus.FAILED, now
        job.error_key = GAVE_UP if error_key == INTERRUPTED else error_key
    else:
        job.status, job.enqueued_at = JobStatus.QUEUED, now
    if job.kind == JobKind.TRANSCRIBE:  # a failed re-score keeps the clip's previous score
        failed = job.status == JobStatus.FAILED
        set_clip_status(
            session, job.clip_id, ClipStatus.FAILED if failed else ClipStatus.QUEUED, job.error_key if failed else None
        )
    session.add(job)


def set_clip_status(session: Session, clip_id: int, status: ClipStatus, error_key: str | None = None) -> None:
    clip = session.get(Clip, clip_id)
    if clip is None:
        return
    clip.status, clip.error_key, clip.updated_at = status, error_key, utcnow()
    session.add(clip)


@dataclass
class SweepResult:
    requeued: list[int] = field(default_factory=list)  # expired leases put back in the queue
    failed: list[int] = field(default_factory=list)  # expired leases with no attempts left
    redispatch: list[int] = field(default_factory=list)  # queued jobs whose queue message may be lost

    @property
    def to_dispatch(self) -> list[int]:
        return self.requeued + self.redispatch


def sweep_jobs(session: Session, actor: User, *, redispatch_after: timedelta | None) -> SweepResult:
    """Requeue (or fail) jobs whose lease expired; re-send queued jobs not picked up for ``redispatch_after``
    (``None``: do not re-send, the queue is busy)."""
    _system(actor, "job.sweep")
    now, result = utcnow(), SweepResult()
    expired = select(Job).where(col(Job.status) == JobStatus.RUNNING, col(Job.lease_expires_at) < now)
    for job in session.exec(expired.with_for_update(skip_locked=True)):
        owner = job.lease_owner
        _requeue_or_fail(session, job, INTERRUPTED)
        (result.failed if job.status == JobStatus.FAILED else result.requeued).append(job.id or 0)
        logger.warning("job %s lease expired (owner %s): %s", job.id, owner, job.status.value)
    if redispatch_after is None:
        return result
    stale = select(Job).where(col(Job.status) == JobStatus.QUEUED, col(Job.enqueued_at) < now - redispatch_after)
    for job in session.exec(stale):
        job.enqueued_at = now
        session.add(job)
        result.redispatch.append(job.id or 0)
    return result


@dataclass(frozen=True)
class FailedJob:
    job_id: int
    clip_id: int
    kind: str
    error_key: str | None
    attempts: int
    finished_at: datetime | None


@dataclass(frozen=True)
class QueueStatus:
    queued: int
    running: int
    done: int
    failed: int
    oldest_queued_at: datetime | None
    running_jobs: list[dict[str, object]]
    failures: list[FailedJob]


def queue_status(session: Session, actor: User, *, failures_limit: int = 50) -> QueueStatus:
    """Queue depth, running jobs with progress, and the latest failures with their reason keys."""
    require_role(actor, "job.status", Role.ADMIN)
    counts = dict(session.exec(select(Job.status, func.count()).group_by(Job.status)).all())  # type: ignore[call-overload]
    oldest = session.exec(select(func.min(Job.enqueued_at)).where(col(Job.status) == JobStatus.QUEUED)).one()
    running = session.exec(select(Job).where(col(Job.status) == JobStatus.RUNNING).order_by(col(Job.id)))
    failed = session.exec(
        select(Job).where(col(Job.status) == JobStatus.FAILED).order_by(col(Job.id).desc()).limit(failures_limit)
    )
    return QueueStatus(
        queued=counts.get(JobStatus.QUEUED, 0),
        running=counts.get(JobStatus.RUNNING, 0),
        done=counts.get(JobStatus.DONE, 0),
        failed=counts.get(JobStatus.FAILED, 0),
        oldest_queued_at=oldest,
        running_jobs=[
            {"job_id": j.id, "clip_id": j.clip_id, "kind": j.kind.value, "progress": round(j.progress, 3)}
            for j in running
        ],
        failures=[
            FailedJob(j.id or 0, j.clip_id, j.kind.value, j.error_key, j.attempts, j.finished_at) for j in failed
        ],
    )
