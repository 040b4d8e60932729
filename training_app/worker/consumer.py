"""``training-app worker``: a huey consumer with process workers and a sweeper.

Why processes (huey's ``process`` worker type) rather than threads: transcription is CPU-bound and memory-hungry; a
process can be killed (by the OOM killer, an operator, a crash in native code) without taking its siblings down,
the consumer restarts dead workers (health check). Recycling: each worker process exits after ``max_tasks`` jobs
(``TRAINING_APP_WORKER_MAX_JOBS``, ``training-app worker --max-jobs N``) and the consumer forks a fresh one at its next
health check, so whatever a long-lived process accumulates (Whisper's buffers, fragmentation, a leak in native code)
is given back regularly. The consumer itself is kept alive by its supervisor (systemd ``Restart=always``, ``serve``).
``Consumer.start()`` installs signal handlers, so it runs in the main thread of its own process; ``serve`` starts it
as a child process.

The sweeper runs inside huey's scheduler process (every ``sweep_seconds``): it requeues jobs whose lease expired
(their worker died), fails jobs out of attempts, re-sends queued jobs whose queue message was lost, and removes
unacknowledged upload files and the decode temp dirs of worker processes killed mid-decode
(``speech/child_guard.py``). A recycled worker exits with ``RECYCLED_EXIT_CODE`` and the consumer logs it at INFO
before huey's "Worker N died, restarting"; a killed one gets a WARNING naming the signal. Every
``RETENTION_PURGE_SECONDS`` it also runs the retention purge (``deletion.purge_on_schedule``; safe when several
hosts' workers run it at once), so no cron line is needed when a worker is running (``training-app privacy purge``
remains for cron and for operators).
"""

from __future__ import annotations

import logging
import signal
import threading
import time
from datetime import timedelta
from typing import Any

from huey.consumer import Consumer, ProcessEnvironment, Scheduler, Worker, WorkerRecycle

from training_app.config import Settings
from training_app.services import deletion, jobs
from training_app.services.accounts import system_actor
from training_app.services.media import sweep_orphans
from training_app.services.uow import unit_of_work
from training_app.speech.child_guard import sweep_decode_dirs
from training_app.worker.context import EngineFactory, WorkerContext, build_context
from training_app.worker.queue import dispatcher, make_queue

logger = logging.getLogger(__name__)

ORPHAN_AGE = timedelta(hours=1)
MEDIA_SWEEP_SECONDS = 600.0
RETENTION_PURGE_SECONDS = 6 * 3600.0  # the retention period is counted in days: four runs a day are plenty
RETENTION_FIRST_DELAY = 120.0  # not in the consumer's busy first minutes
RECYCLED_EXIT_CODE = 75  # a worker process that reached max jobs exits with it, so the consumer can tell

_context: WorkerContext | None = None


def set_context(ctx: WorkerContext) -> None:
    global _context
    _context = ctx


def current_context() -> WorkerContext:
    """The context of this worker process (set before the consumer forks), or one built from the environment."""
    global _context
    if _context is None:
        from training_app.config import get_settings

        settings = get_settings()
        _context = build_context(settings, dispatch=dispatcher(settings))
    return _context


def sweep_once(ctx: WorkerContext, *, media: bool = False) -> jobs.SweepResult:
    actor = system_actor()
    # Queued jobs are re-sent only when the queue is empty: otherwise they are most likely just waiting their turn.
    idle = ctx.pending is None or ctx.pending() == 0
    redispatch_after = timedelta(seconds=max(ctx.lease_seconds, 60.0)) if idle else None
    with unit_of_work(ctx.engine) as session:
        result = jobs.sweep_jobs(session, actor, redispatch_after=redispatch_after)
        jobs.dispatch_after_commit(session, result.to_dispatch, ctx.dispatch)
    if media:
        with unit_of_work(ctx.engine, write=False) as session:
            sweep_orphans(session, actor, ctx.store, older_than=ORPHAN_AGE)
        sweep_decode_dirs()  # decode temp dirs of worker processes killed mid-decode
    return result


def run_retention_purge() -> None:
    """The periodic retention purge of this host's worker (errors are logged; the next run retries)."""
    try:
        ctx = current_context()
        deletion.purge_on_schedule(ctx.engine, ctx.settings)
    except Exception:
        logger.exception("retention purge failed; retrying at the next interval")


def warm_up() -> None:
    """Load the scorer's catalog and claim model and the speech engine before any job is claimed.

    Called once in the consumer before it forks (worker processes, recycled ones too, inherit the imports and the
    loaded catalog), and as a huey startup hook in every worker process (then it only fills per-process caches).
    Loaded inside the first job instead, they ate that job's lease: measured on a loaded two-core machine, the first
    job took 60 s and its lease expired although the heartbeat thread was running; warming in each fresh process
    took 48 s there (importing scikit-learn/joblib), which recycling would pay every N jobs."""
    ctx = current_context()
    for part in (ctx.scorer, ctx.transcriber):
        warm = getattr(part, "warm", None)
        if warm is not None:
            started = time.monotonic()
            warm()
            logger.info("%s warmed up in %.1f s", type(part).__name__, time.monotonic() - started)


class NonDaemonProcessEnvironment(ProcessEnvironment):  # type: ignore[misc]
    """Worker processes that may start children: the speech layer decodes in a limited child process, and
    multiprocessing refuses children to daemon processes. The consumer still stops and joins its workers."""

    def create_process(self, runnable: Any, name: str) -> Any:
        process = super().create_process(runnable, name)
        process.daemon = False
        return process


class RecyclingWorker(Worker):  # type: ignore[misc]
    """A huey worker that exits with :data:`RECYCLED_EXIT_CODE` (not 0) when it reached max jobs."""

    recycled = False

    def loop(self, now: object = None) -> None:
        try:
            super().loop(now)
        except WorkerRecycle:
            self.recycled = True
            raise

    def shutdown(self) -> None:
        super().shutdown()
        if self.recycled:
            raise SystemExit(RECYCLED_EXIT_CODE)  # multiprocessing makes it the exit code


class ExplainingConsumer(Consumer):  # type: ignore[misc]
    """Logs why a worker process ended before huey's own "Worker N died, restarting" (which recycles get too)."""

    def check_worker_health(self) -> bool:
        for i, (_worker, process) in enumerate(self.worker_threads):
            if self.environment.is_alive(process):
                continue
            code = process.exitcode
            if code == RECYCLED_EXIT_CODE:
                jobs_done = self.max_tasks
                logger.info("worker %d (pid %s) recycled after %s jobs, as configured", i + 1, process.pid, jobs_done)
            elif code is not None and code < 0:
                logger.warning("worker %d (pid %s) was killed by %s", i + 1, process.pid, _signal_name(-code))
            else:
                logger.warning("worker %d (pid %s) exited with code %s", i + 1, process.pid, code)
        return bool(super().check_worker_health())


def _signal_name(number: int) -> str:
    try:
        return signal.Signals(number).name
    except ValueError:
        return f"signal {number}"


class SweepingScheduler(Scheduler):  # type: ignore[misc]
    sweep_seconds = 30.0

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)
        self._next_sweep = 0.0
        self._next_media = 0.0
        self._next_purge = time.monotonic() + RETENTION_FIRST_DELAY
        self._purge: threading.Thread | None = None

    def loop(self, now: object = None) -> None:
        if time.monotonic() >= self._next_sweep:
            media = time.monotonic() >= self._next_media
            try:
                sweep_once(current_context(), media=media)
            except Exception:
                logger.exception("job sweep failed; retrying at the next interval")
            self._next_sweep = time.monotonic() + self.sweep_seconds
            if media:
                self._next_media = time.monotonic() + MEDIA_SWEEP_SECONDS
        if time.monotonic() >= self._next_purge and not (self._purge and self._purge.is_alive()):
            # its own thread: a large backlog (the first run after a retention change) must not hold up job sweeps
            self._purge = threading.Thread(target=run_retention_purge, name="retention-purge", daemon=True)
            self._purge.start()
            self._next_purge = time.monotonic() + RETENTION_PURGE_SECONDS
        super().loop(now)


def _process_environment(consumer: Consumer, worker_type: str) -> ProcessEnvironment:
    return NonDaemonProcessEnvironment(consumer._graceful_sig, consumer._interrupt_sig)


def make_consumer(
    settings: Settings,
    *,
    concurrency: int = 1,
    engine_factory: EngineFactory | None = None,
    sweep_seconds: float | None = None,
    health_check_seconds: float = 2.0,
    max_tasks: int | None = None,
) -> Consumer:
    """A consumer with ``concurrency`` worker processes; call ``.run()`` in the main thread.

    ``max_tasks``: jobs per worker process before it is recycled (None: ``settings.worker_max_jobs``; 0: never).
    """
    if max_tasks is None:
        max_tasks = settings.worker_max_jobs
    queue = make_queue(settings)
    queue.huey.on_startup("warm_up")(warm_up)
    ctx = build_context(settings, engine_factory=engine_factory, dispatch=dispatcher(settings))
    ctx.pending = queue.huey.pending_count
    set_context(ctx)
    try:
        warm_up()
    except Exception:  # e.g. a broken assessment file: each job reports it (and is retried after the fix)
        logger.exception("warming up the scorer failed; jobs will load it themselves")
    scheduler = type(
        "Scheduler",
        (SweepingScheduler,),
        {"sweep_seconds": sweep_seconds or max(1.0, settings.job_lease_seconds / 3)},
    )
    consumer_class = type(
        "TrainingAppConsumer",
        (ExplainingConsumer,),
        {"scheduler_class": scheduler, "worker_class": RecyclingWorker, "get_environment": _process_environment},
    )
    consumer: Consumer = consumer_class(
        queue.huey,
        workers=max(1, concurrency),
        worker_type="process",
        periodic=False,
        check_worker_health=True,
        health_check_interval=health_check_seconds,
        max_tasks=max_tasks if max_tasks and max_tasks > 0 else None,
        initial_delay=0.1,
        max_delay=1.0,
    )
    return consumer
