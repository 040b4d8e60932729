"""Job claims, leases, heartbeats, the sweep and poison clips, on SQLite and PostgreSQL."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest
from sqlalchemy import Engine, update
from sqlmodel import Session, col, select
from support.clips import SYSTEM, People, submit, wav_bytes

from training_app.db import utcnow
from training_app.db.tables import Clip, ClipStatus, Job, JobKind, JobStatus
from training_app.errors import PermissionDenied
from training_app.services import clips, jobs
from training_app.services.uow import unit_of_work


@pytest.fixture
def job_id(any_engine: Engine, people: People, intake: clips.Intake) -> int:
    clip_id = submit(any_engine, people.trainee, people.trainee, wav_bytes(), intake)
    with Session(any_engine) as s:
        return s.exec(select(Job.id).where(Job.clip_id == clip_id)).one() or 0


def _claim(engine: Engine, job_id: int, owner: str, lease: float = 60) -> Job | None:
    with unit_of_work(engine) as s:
        return jobs.claim_job(s, SYSTEM, job_id=job_id, owner=owner, lease_seconds=lease)


def _expire(engine: Engine, job_id: int) -> None:
    with unit_of_work(engine) as s:
        s.exec(update(Job).where(col(Job.id) == job_id).values(lease_expires_at=utcnow() - timedelta(seconds=1)))


def _sweep(engine: Engine) -> jobs.SweepResult:
    with unit_of_work(engine) as s:
        return jobs.sweep_jobs(s, SYSTEM, redispatch_after=timedelta(minutes=5))


def _job(engine: Engine, job_id: int) -> Job:
    with Session(engine) as s:
        job = s.get(Job, job_id)
        assert job is not None
        return job


def test_claim_job_second_claim_while_leased_refused(any_engine: Engine, job_id: int) -> None:
    first = _claim(any_engine, job_id, "a")
    assert first is not None and first.attempts == 1 and first.lease_owner == "a"
    assert _claim(any_engine, job_id, "b") is None
    with Session(any_engine) as s:
        assert s.exec(select(Clip.status)).one() == ClipStatus.TRANSCRIBING


def test_claim_job_after_lease_expired_takes_over(any_engine: Engine, job_id: int) -> None:
    _claim(any_engine, job_id, "a")
    _expire(any_engine, job_id)
    job = _claim(any_engine, job_id, "b")
    assert job is not None and job.lease_owner == "b" and job.attempts == 2
    with unit_of_work(any_engine) as s:  # the old owner can neither heartbeat nor complete
        assert not jobs.heartbeat(s, SYSTEM, job_id=job_id, owner="a", lease_seconds=60)
        assert not jobs.finish_job(s, SYSTEM, job_id=job_id, owner="a")
        assert jobs.finish_job(s, SYSTEM, job_id=job_id, owner="b")
    assert _job(any_engine, job_id).status == JobStatus.DONE


def test_heartbeat_extends_lease_and_records_progress(any_engine: Engine, job_id: int) -> None:
    before = _claim(any_engine, job_id, "a", lease=5)
    assert before is not None and before.lease_expires_at is not None
    with unit_of_work(any_engine) as s:
        assert jobs.heartbeat(s, SYSTEM, job_id=job_id, owner="a", lease_seconds=600, progress=0.4)
    after = _job(any_engine, job_id)
    assert after.progress == pytest.approx(0.4)
    assert after.lease_expires_at is not None and after.lease_expires_at > before.lease_expires_at


def test_sweep_jobs_requeues_expired_lease(any_engine: Engine, job_id: int) -> None:
    _claim(any_engine, job_id, "a")
    assert _sweep(any_engine).requeued == []  # a live lease is left alone
    _expire(any_engine, job_id)
    result = _sweep(any_engine)
    assert result.requeued == [job_id] and result.to_dispatch == [job_id]
    job = _job(any_engine, job_id)
    assert job.status == JobStatus.QUEUED and job.lease_owner is None and job.error_key == jobs.INTERRUPTED


def test_sweep_jobs_poison_clip_fails_after_max_attempts(any_engine: Engine, job_id: int) -> None:
    for n in range(3):  # max_attempts = 3: each worker that touches it dies
        assert _claim(any_engine, job_id, f"w{n}") is not None
        _expire(any_engine, job_id)
        _sweep(any_engine)
    job = _job(any_engine, job_id)
    assert job.status == JobStatus.FAILED and job.error_key == jobs.GAVE_UP and job.attempts == 3
    assert _claim(any_engine, job_id, "late") is None
    with Session(any_engine) as s:
        clip = s.exec(select(Clip)).one()
    assert clip.status == ClipStatus.FAILED and clip.error_key == jobs.GAVE_UP


def test_release_job_unexpected_error_requeues_until_attempts_run_out(any_engine: Engine, job_id: int) -> None:
    for n in range(3):
        _claim(any_engine, job_id, f"w{n}")
        with unit_of_work(any_engine) as s:
            status = jobs.release_job(s, SYSTEM, job_id=job_id, owner=f"w{n}", error_key="jobs.unexpected")
        assert status == (JobStatus.QUEUED if n < 2 else JobStatus.FAILED)
    assert _job(any_engine, job_id).error_key == "jobs.unexpected"


def test_release_job_on_shutdown_gives_attempt_back(any_engine: Engine, job_id: int) -> None:
    _claim(any_engine, job_id, "a")
    with unit_of_work(any_engine) as s:
        jobs.release_job(s, SYSTEM, job_id=job_id, owner="a", error_key=jobs.INTERRUPTED, count_attempt=False)
    job = _job(any_engine, job_id)
    assert job.status == JobStatus.QUEUED and job.attempts == 0


def test_sweep_jobs_redispatches_queued_job_with_lost_message(any_engine: Engine, job_id: int) -> None:
    with unit_of_work(any_engine) as s:
        s.exec(update(Job).values(enqueued_at=utcnow() - timedelta(hours=1)))
    assert _sweep(any_engine).redispatch == [job_id]
    assert _sweep(any_engine).redispatch == []  # re-sent once per interval, not every sweep


def test_create_job_same_idempotency_key_returns_none(any_engine: Engine, job_id: int) -> None:
    clip_id = _job(any_engine, job_id).clip_id
    with unit_of_work(any_engine) as s:
        again = jobs.create_job(
            s, SYSTEM, clip_id=clip_id, kind=JobKind.TRANSCRIBE, model_key="whisper-base", max_attempts=3
        )
    assert again is None


def test_claim_job_by_trainee_denied(any_engine: Engine, people: People, job_id: int) -> None:
    with pytest.raises(PermissionDenied), unit_of_work(any_engine) as s:
        jobs.claim_job(s, people.trainee, job_id=job_id, owner="x", lease_seconds=60)
    assert _job(any_engine, job_id).status == JobStatus.QUEUED


def test_heartbeat_thread_reports_progress_before_lease_renewal_due(
    sqlite_engine: Engine, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    import time

    from support.clips import clip_settings, make_people, worker_context

    from training_app.services.media import LocalMediaStore
    from training_app.worker.runner import Heartbeat

    people = make_people(sqlite_engine, monkeypatch)
    store = LocalMediaStore(tmp_path / "media")
    intake = clips.Intake(store=store, sniff=lambda p: "wav", model_key="m", max_attempts=3, max_bytes=1 << 20,
                          products=set())  # fmt: skip
    clip_id = submit(sqlite_engine, people.trainee, people.trainee, wav_bytes(), intake, product_id=None)
    with Session(sqlite_engine) as s:
        job_id = s.exec(select(Job.id).where(Job.clip_id == clip_id)).one() or 0
    _claim(sqlite_engine, job_id, "w", lease=300)
    ctx = worker_context(sqlite_engine, clip_settings(tmp_path), store)  # lease 300 s: renewal due every 100 s
    with Heartbeat(ctx, job_id, "w") as beat:
        beat.on_progress(0.5)
        deadline = time.monotonic() + 10
        while _job(sqlite_engine, job_id).progress != 0.5 and time.monotonic() < deadline:
            time.sleep(0.2)
    assert _job(sqlite_engine, job_id).progress == 0.5
