"""Fault test: 20 clips, a consumer with two worker processes, a worker SIGKILLed mid-transcription five times.

Every clip is still transcribed exactly once and every stored file still matches its sha256. The speech *engine* is
a fault-injecting fake (``fault_worker.py``: it marks the moment it is transcribing, so the kill lands mid-job, and
keeps the test to about a minute); decoding of the real short clips from ../shared/testdata/speech, the job table,
leases, heartbeats, the huey consumer with process workers and the sweeper are all real.
"""

from __future__ import annotations

import hashlib
import io
import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import Engine
from sqlmodel import Session, func, select
from support.clips import SPEECH, People, created_file_engine, env_settings, make_people
from support.consent import grant_consent

from training_app.config import Settings
from training_app.db.tables import Clip, ClipSource, ClipStatus, Job, JobStatus, Score, Transcript
from training_app.services import clips
from training_app.services.uow import unit_of_work
from training_app.worker.queue import dispatcher

HERE = Path(__file__).resolve().parent
CLIPS = sorted(p for p in SPEECH.glob("*.flac") if p.stat().st_size < 200_000)[:10]
KILLS = 5


@pytest.fixture
def env(tmp_path: Path) -> dict[str, str]:
    return {
        **os.environ,
        "TRAINING_APP_DATA_DIR": str(tmp_path / "data"),
        "TRAINING_APP_JOB_LEASE_SECONDS": "4",
        "TRAINING_APP_JOB_MAX_ATTEMPTS": str(KILLS + 2),  # even if every kill hits the same clip, it survives
    }


@pytest.fixture
def settings(env: dict[str, str], monkeypatch: pytest.MonkeyPatch) -> Settings:
    return env_settings(env, monkeypatch)


@pytest.fixture
def file_engine(settings: Settings) -> Iterator[Engine]:
    yield from created_file_engine(settings)


@pytest.fixture
def queued(file_engine: Engine, settings: Settings, monkeypatch: pytest.MonkeyPatch) -> People:
    people = make_people(file_engine, monkeypatch)
    grant_consent(file_engine, people.trainee)
    intake = clips.make_intake(settings, long_form=False, dispatch=dispatcher(settings))
    for i in range(20):
        with unit_of_work(file_engine) as s:
            clips.submit_clip(
                s, people.trainee, owner_id=people.trainee.id or 0, product_id="luochuan-apple",
                stream=io.BytesIO(CLIPS[i % len(CLIPS)].read_bytes()), source=ClipSource.UPLOAD, intake=intake,
            )  # fmt: skip
    return people


def _kill_mid_transcription(markers: Path, deadline: float) -> list[int]:
    killed: list[int] = []
    while len(killed) < KILLS and time.monotonic() < deadline:
        for marker in sorted(markers.iterdir()):
            pid = int(marker.name)
            marker.unlink(missing_ok=True)
            if pid in killed:
                continue
            try:
                os.kill(pid, signal.SIGKILL)
            except ProcessLookupError:
                continue
            killed.append(pid)
            time.sleep(1.5)  # let the consumer notice and start a fresh worker
            break
        time.sleep(0.05)
    return killed


def _wait_until_done(engine: Engine, deadline: float) -> None:
    while time.monotonic() < deadline:
        with Session(engine) as s:
            open_jobs = s.exec(select(func.count()).where(Job.status.in_(["queued", "running"]))).one()  # type: ignore[attr-defined]
        if open_jobs == 0:
            return
        time.sleep(0.5)


def _stop(proc: subprocess.Popen[bytes], log: Path) -> str:
    proc.send_signal(signal.SIGTERM)
    try:
        proc.wait(timeout=20)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait()
    return log.read_text(errors="replace")[-3000:]


def test_worker_killed_mid_transcription_every_clip_transcribed_once(
    queued: People, file_engine: Engine, settings: Settings, env: dict[str, str], tmp_path: Path
) -> None:
    markers = tmp_path / "markers"
    markers.mkdir()
    log = tmp_path / "worker.log"
    with log.open("wb") as out:
        proc = subprocess.Popen(
            [sys.executable, str(HERE / "fault_worker.py"), str(markers)], env=env, stdout=out, stderr=out
        )
    try:
        killed = _kill_mid_transcription(markers, time.monotonic() + 150)
        _wait_until_done(file_engine, time.monotonic() + 120)
    finally:
        tail = _stop(proc, log)
    assert len(killed) == KILLS, tail
    with Session(file_engine) as s:
        all_clips = s.exec(select(Clip)).all()
        transcripts = s.exec(select(Transcript)).all()
        jobs = s.exec(select(Job)).all()
        scores = s.exec(select(Score)).all()
    assert [c.status for c in all_clips] == [ClipStatus.SCORED] * 20, tail
    assert sorted(t.clip_id for t in transcripts) == sorted(c.id for c in all_clips)  # exactly once each
    assert len(scores) == 20 and all(j.status == JobStatus.DONE for j in jobs)
    assert sum(j.attempts - 1 for j in jobs) >= KILLS  # every kill cost an attempt that was retried
    media = settings.resolved_media_dir() / "objects"
    for clip in all_clips:
        data = (media / clip.media_key[:2] / clip.media_key).read_bytes()
        assert hashlib.sha256(data).hexdigest() == clip.sha256


def test_claim_failing_on_an_unreachable_database_sends_the_job_back(tmp_path: Path) -> None:
    """Regression (fault suite, PostgreSQL backends terminated): a claim that raised lost the queue message, and the
    job sat ``queued`` until the queue went idle. Now the worker hands it back to the queue."""
    from sqlalchemy import create_engine
    from support.clips import clip_settings, worker_context

    from training_app.services.media import LocalMediaStore
    from training_app.worker.runner import run_job

    sent: list[int] = []
    unreachable = create_engine(f"sqlite:///{tmp_path / 'missing-dir' / 'app.db'}")
    store = LocalMediaStore(tmp_path / "media")
    ctx = worker_context(unreachable, clip_settings(tmp_path), store, dispatch=sent.append)
    run_job(ctx, 7)
    assert sent == [7]


def test_consumer_warms_the_scorer_before_forking_and_recycles_workers(tmp_path: Path) -> None:
    """Regression (fault suite): the claim model was loaded inside each worker process's first job, which on a loaded
    machine outlived that job's lease. Now it is loaded before the consumer forks, and again (cheaply) by a startup
    hook in each worker process; worker processes are recycled after ``worker_max_jobs`` jobs."""
    from support.clips import clip_settings

    from training_app.worker.consumer import current_context, make_consumer, warm_up

    settings = clip_settings(tmp_path, worker_max_jobs=7)
    consumer = make_consumer(settings)
    assert current_context().scorer._claim_model is not None  # type: ignore[attr-defined]
    assert consumer.huey._startup["warm_up"] is warm_up
    assert consumer.max_tasks == 7
    assert make_consumer(settings, max_tasks=0).max_tasks is None  # 0: never recycle
