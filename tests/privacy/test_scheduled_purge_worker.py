"""The worker's scheduler runs the retention purge on its own (no cron needed while a worker runs)."""

from __future__ import annotations

import os
import threading
import time
from pathlib import Path

import pytest
from sqlalchemy import Engine
from sqlmodel import select
from support.clips import People, backdate_clip, submit, wav_bytes

from training_app.config import Settings
from training_app.db.engine import session_scope
from training_app.db.tables import Clip
from training_app.services import clips
from training_app.worker import consumer
from training_app.worker.context import build_context


def test_scheduler_loop_starts_the_retention_purge_when_due(
    any_engine: Engine, people: People, intake: clips.Intake, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    old, new = (submit(any_engine, people.trainee, people.trainee, wav_bytes(0.2), intake) for _ in range(2))
    backdate_clip(any_engine, old, days=40)
    settings = Settings(  # type: ignore[call-arg]
        data_dir=tmp_path / "data",
        media_dir=intake.store.root,  # type: ignore[attr-defined]
        retention_days_clips=30,
    )
    ctx = build_context(settings)
    ctx._engine, ctx._pid = any_engine, os.getpid()  # the test's database (SQLite in memory or PostgreSQL)
    consumer.set_context(ctx)
    try:
        scheduler = consumer.SweepingScheduler.__new__(consumer.SweepingScheduler)
        scheduler._next_sweep = float("inf")  # only the purge is under test
        scheduler._next_media = float("inf")
        scheduler._next_purge = 0.0
        scheduler._purge = None
        monkeypatch.setattr(consumer.Scheduler, "loop", lambda self, now=None: None)  # huey's own part: not under test
        scheduler.loop()
        purge = scheduler._purge
        assert isinstance(purge, threading.Thread)
        purge.join(timeout=60)
        assert not purge.is_alive()
        assert scheduler._next_purge > time.monotonic() + 3600  # the next run is hours away
    finally:
        consumer._context = None
    with session_scope(any_engine, write=False) as s:
        assert [c.id for c in s.exec(select(Clip))] == [new]
