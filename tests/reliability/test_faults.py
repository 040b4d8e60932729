"""Fault suite (#7): acknowledged uploads survive worker SIGKILLs, app restarts and database faults.

Uploaders acting as app instances call the real ``submit_clip`` (its commit is the acknowledgement) and are SIGKILLed
and restarted; several ``training-app worker`` consumers with recycling process workers run a fault-injecting fake
speech *engine* (say so: Whisper would make 1,000 clips take hours on two cores) on real decoding of short real
speech, and are SIGKILLed at random moments; the database is attacked (PostgreSQL: every backend terminated, an
exclusive lock on the job table held past the lease; SQLite: an exclusive lock held past busy_timeout). Then:

- every acknowledged clip is present and its stored bytes match its sha256;
- exactly one transcript per clip and model (every clip, acknowledged or re-sent after a restart, is scored);
- no running job's heartbeat was ever older than 3× its lease;
- poison clips (undecodable, or killing every worker that touches them) are failed permanently with a reason.

The default variants keep CI short; the long ones (the issue's numbers: 1,000 uploads, 100 kills, 10 restarts,
5 database faults) run with ``--run-slow``. Numbers are printed (``pytest -s``).
"""

from __future__ import annotations

import hashlib
import os
import random
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from reliability.fault_support import DatabaseFaults, Fleet, LeaseMonitor, Plan, clip_bytes
from sqlalchemy import Engine
from sqlmodel import Session, SQLModel, col, func, select
from support.clips import make_people
from support.consent import grant_consent

from training_app.db.engine import make_engine
from training_app.db.tables import Clip, ClipStatus, Job, JobStatus, Transcript
from training_app.services.media import LocalMediaStore

PG_SHORT = Plan(uploads=100, worker_kills=10, app_restarts=2, db_faults=2, undecodable=3, killers=1, lease_s=4,
                max_attempts=6, upload_interval=0.2, lock_hold_s=6.0, deadline_s=480)  # fmt: skip
PG_LONG = Plan(uploads=1000, worker_kills=100, app_restarts=10, db_faults=5, undecodable=8, killers=2, lease_s=4,
               max_attempts=6, upload_interval=0.5, lock_hold_s=6.0, deadline_s=5400)  # fmt: skip
# SQLite: the lock is held past busy_timeout (30 s), so 3× the lease must cover it with a margin (at a 12 s lease
# the long run measured a heartbeat age of 34.6 s against the 36 s limit).
SQLITE_SHORT = Plan(uploads=30, worker_kills=4, app_restarts=1, db_faults=1, undecodable=2, killers=0, lease_s=15,
                    max_attempts=5, upload_interval=0.3, lock_hold_s=31.0, max_jobs=4, deadline_s=480)  # fmt: skip
SQLITE_LONG = Plan(uploads=200, worker_kills=20, app_restarts=3, db_faults=2, undecodable=4, killers=1, lease_s=15,
                   max_attempts=6, upload_interval=0.5, lock_hold_s=31.0, deadline_s=3000)  # fmt: skip
LONG = [pytest.mark.slow, pytest.mark.timeout(6000)]


def _env(tmp_path: Path, plan: Plan, **extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("TRAINING_APP_")}
    return env | {
        "TRAINING_APP_DATA_DIR": str(tmp_path / "data"),
        "TRAINING_APP_JOB_LEASE_SECONDS": str(plan.lease_s),
        "TRAINING_APP_JOB_MAX_ATTEMPTS": str(plan.max_attempts),
        **extra,
    }


@pytest.fixture
def sqlite_file_engine(tmp_path: Path) -> Iterator[Engine]:
    engine = make_engine(f"sqlite:///{tmp_path / 'data' / 'training_app.db'}")
    SQLModel.metadata.create_all(engine)
    yield engine
    engine.dispose()


@pytest.mark.postgres
@pytest.mark.parametrize("plan", [PG_SHORT, pytest.param(PG_LONG, marks=LONG)], ids=["short", "long"])
def test_faults_postgres_redis_lose_nothing(
    plan: Plan, pg_engine: Engine, postgres_url: str, redis_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    env = _env(tmp_path, plan, TRAINING_APP_DATABASE_URL=postgres_url, TRAINING_APP_QUEUE_URL=redis_url)
    _run_and_check(plan, pg_engine, postgres_url, env, tmp_path, monkeypatch)


@pytest.mark.parametrize("plan", [SQLITE_SHORT, pytest.param(SQLITE_LONG, marks=LONG)], ids=["short", "long"])
def test_faults_sqlite_lose_nothing(
    plan: Plan, sqlite_file_engine: Engine, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    url = sqlite_file_engine.url.render_as_string(hide_password=False)
    _run_and_check(plan, sqlite_file_engine, url, _env(tmp_path, plan), tmp_path, monkeypatch)


def _run_and_check(
    plan: Plan, engine: Engine, url: str, env: dict[str, str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    people = make_people(engine, monkeypatch)
    grant_consent(engine, people.trainee)
    fleet = Fleet(plan, env, tmp_path, people.trainee.id or 0)
    faults = DatabaseFaults(url, plan.lock_hold_s)
    started = time.monotonic()
    try:
        with LeaseMonitor(engine, plan.lease_s) as monitor:
            fleet.start()
            _chaos(plan, fleet, faults, engine, random.Random(7))
            attempts_before = _poison_attempts(engine)
            time.sleep(max(2.0, plan.lease_s / 2))  # a few more sweeps: nothing may come back
            assert _open_jobs(engine) == 0 and _poison_attempts(engine) == attempts_before, fleet.log_tail()
    finally:
        fleet.stop()
        faults.close()
    elapsed, media = time.monotonic() - started, Path(env["TRAINING_APP_DATA_DIR"]) / "media"
    _check_clips(plan, fleet, engine, media, monitor)
    assert fleet.recycled() >= 1  # worker processes were recycled (max_jobs) under the faults too
    print(
        f"\nfaults[{url.split(':')[0]}]: {plan.uploads} acknowledged uploads in {elapsed:.0f} s; worker SIGKILLs "
        f"{len(fleet.kills)} ({', '.join(f'{w} {fleet.kills.count(w)}' for w in sorted(set(fleet.kills)))}); "
        f"app restarts {fleet.restarts}; database faults {faults.injected}; worker recycles {fleet.recycled()}; "
        f"max heartbeat age {monitor.max_heartbeat_age:.1f} s (limit {3 * plan.lease_s} s); "
        f"max queued wait {monitor.max_queued_wait:.1f} s; clips stored {_count(engine, Clip)}; "
        f"job attempts {_attempts(engine)}; unreferenced media files {_unreferenced(engine, media)} (left by killed "
        f"uploaders, removed by the media sweep after an hour); monitor samples {monitor.samples} (errors "
        f"{monitor.errors})"
    )


def _chaos(plan: Plan, fleet: Fleet, faults: DatabaseFaults, engine: Engine, rng: random.Random) -> None:
    """Faults spread over the run by progress: restarts over the uploads, kills over the processing, database faults
    over both. Ends when every upload is acknowledged, every fault injected and no job is open."""
    deadline = time.monotonic() + plan.deadline_s
    while time.monotonic() < deadline:
        acked, finished = len(fleet.acked()), _finished_jobs(engine)
        uploads_done = fleet.uploads_finished()
        idle = uploads_done and _open_jobs(engine) == 0
        progress = (acked + min(finished, acked)) / (2 * plan.uploads)
        if fleet.restarts < plan.app_restarts and acked >= (fleet.restarts + 1) * plan.uploads / (
            plan.app_restarts + 1
        ):
            fleet.restart_app(rng)
        if len(fleet.kills) < plan.worker_kills and (
            idle or finished >= (len(fleet.kills) + 1) * plan.uploads / (plan.worker_kills + 1)
        ):
            fleet.kill_worker(rng)
        if len(faults.injected) < plan.db_faults and (
            idle or progress >= (len(faults.injected) + 1) / (plan.db_faults + 1)
        ):
            faults.inject()
        all_faults = (fleet.restarts, len(fleet.kills), len(faults.injected)) == (
            plan.app_restarts, plan.worker_kills, plan.db_faults,
        )  # fmt: skip
        if idle and all_faults and _open_jobs(engine) == 0:
            faults.close()
            if _open_jobs(engine) == 0:
                return
        time.sleep(0.2)
    raise AssertionError(
        f"not finished in {plan.deadline_s} s: acked {len(fleet.acked())}, open jobs {_open_jobs(engine)}, "
        f"kills {len(fleet.kills)}, restarts {fleet.restarts}, db faults {faults.injected}\n{fleet.log_tail()}"
    )


def _check_clips(plan: Plan, fleet: Fleet, engine: Engine, media: Path, monitor: LeaseMonitor) -> None:
    poison, acks = plan.poison(), fleet.acked()
    assert sorted(acks) == list(range(plan.uploads))  # every upload acknowledged
    store = LocalMediaStore(media)
    with Session(engine) as s:
        clips = {c.id: c for c in s.exec(select(Clip))}
        transcripts = s.exec(select(Transcript.clip_id, Transcript.model_key)).all()
        jobs = {j.clip_id: j for j in s.exec(select(Job))}
    for index, (clip_id, sha) in acks.items():
        clip = clips[clip_id]
        assert clip.sha256 == sha == hashlib.sha256(clip_bytes(index, poison)).hexdigest()
        with store.open(clip.media_key) as handle:
            assert hashlib.sha256(handle.read()).hexdigest() == sha, f"clip {clip_id} (upload {index}) corrupted"
    poisoned = {acks[i][0]: kind for i, kind in poison.items()}
    per_clip_model: dict[tuple[int, str], int] = {}
    for key in transcripts:
        per_clip_model[tuple(key)] = per_clip_model.get(tuple(key), 0) + 1  # type: ignore[index]
    assert set(per_clip_model.values()) <= {1}
    scored = {clip_id for clip_id, _ in per_clip_model}
    for clip_id, clip in clips.items():  # acknowledged or not (a restart may have re-sent an unacknowledged one)
        if clip_id in poisoned or clip.sha256 in {acks[i][1] for i in poison}:
            assert clip.status == ClipStatus.FAILED and clip.error_key, (clip_id, clip.status)
            assert jobs[clip_id].status == JobStatus.FAILED and clip_id not in scored
            assert clip.error_key == ("jobs.gave_up" if poisoned.get(clip_id) == "killer" else clip.error_key)
        else:
            assert clip.status == ClipStatus.SCORED and clip_id in scored, (clip_id, clip.status, clip.error_key)
            assert jobs[clip_id].status == JobStatus.DONE
    assert not monitor.stuck, f"jobs stuck past 3x the lease ({3 * plan.lease_s} s): {monitor.stuck}"


def _open_jobs(engine: Engine) -> int:
    with Session(engine) as s:
        return s.exec(select(func.count()).where(col(Job.status).in_([JobStatus.QUEUED, JobStatus.RUNNING]))).one()


def _finished_jobs(engine: Engine) -> int:
    with Session(engine) as s:
        return s.exec(select(func.count()).where(col(Job.status).in_([JobStatus.DONE, JobStatus.FAILED]))).one()


def _poison_attempts(engine: Engine) -> list[tuple[int, int, str]]:
    with Session(engine) as s:
        rows = s.exec(select(Job.id, Job.attempts, Job.status).where(col(Job.status) == JobStatus.FAILED)).all()
    return sorted((job_id or 0, attempts, str(status)) for job_id, attempts, status in rows)


def _attempts(engine: Engine) -> dict[int, int]:
    with Session(engine) as s:
        rows = s.exec(select(Job.attempts, func.count()).group_by(Job.attempts)).all()  # type: ignore[call-overload]
    return dict(sorted(rows))


def _count(engine: Engine, table: type[SQLModel]) -> int:
    with Session(engine) as s:
        return s.exec(select(func.count()).select_from(table)).one()


def _unreferenced(engine: Engine, media: Path) -> int:
    with Session(engine) as s:
        keys = set(s.exec(select(Clip.media_key)))
    stored = {p.name for p in (media / "objects").glob("*/*")}
    return len(stored - keys) + len(list((media / "partial").glob("*.part")))
