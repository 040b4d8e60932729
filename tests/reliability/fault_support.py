"""Fault suite support: unique short clips cut from real speech, poison clips, a fault-injecting speech engine, and
the processes the fault test starts, kills and restarts.

The only fake is the speech *engine* (Whisper would make 1,000 clips take hours on two cores): decoding runs in the
real memory- and time-limited child process on real audio; submit_clip, the media store, the job table with leases,
the huey consumer with recycling process workers and the sweeper are the real ones.

Run as a script (settings from the ``TRAINING_APP_*`` environment):

- ``python fault_support.py upload PLAN.json ACKS.txt TRAINEE_ID SLOT SLOTS`` — an app instance: submits its share
  of the planned clips through the real service and, after each commit (the acknowledgement), appends
  ``index clip_id sha256`` to ACKS.txt. Restarted after a SIGKILL, it resumes after the last acknowledged clip.
- ``python fault_support.py worker PLAN.json MARKER_DIR`` — ``training-app worker`` with the fault engine.
"""

from __future__ import annotations

import io
import json
import logging
import os
import random
import signal
import sys
import time
import wave
from dataclasses import asdict, dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

import numpy as np

RATE = 16_000
SPEECH = Path(__file__).resolve().parents[3] / "shared" / "testdata" / "speech"
PRODUCT = "luochuan-apple"
BASE_SAMPLES = int(2.5 * RATE)  # clips are cut to at most 2.5 s of speech
KILLER_SAMPLES = 12_345  # a clip of exactly this many samples makes the engine SIGKILL its own process


@dataclass(frozen=True)
class Plan:
    uploads: int  # acknowledged uploads the run must end with
    worker_kills: int  # SIGKILLs of worker processes (children, or now and then a whole consumer: "host died")
    app_restarts: int  # SIGKILLs of uploader processes, each restarted at once
    db_faults: int  # PostgreSQL: terminated backends and an exclusive table lock; SQLite: an exclusive lock
    undecodable: int  # poison: valid magic bytes, garbage after them → failed at once, with the decoder's reason
    killers: int  # poison: the engine dies on them every time → failed after max_attempts ("gave up")
    lease_s: int
    max_attempts: int
    upload_interval: float  # seconds between one uploader's uploads
    lock_hold_s: float  # how long a database lock fault holds its lock
    consumers: int = 2  # worker commands ("hosts")
    concurrency: int = 2  # worker processes per consumer
    uploaders: int = 2  # app instances
    max_jobs: int = 8  # worker recycling: jobs per worker process
    think_s: float = 0.2  # the fake engine's time per clip
    error_rate: float = 0.02  # share of transcriptions that raise (an unexpected engine error: retried)
    deadline_s: float = 600.0

    def poison(self) -> dict[int, str]:
        """Clip index → kind, spread evenly over the run."""
        kinds = ["undecodable"] * self.undecodable + ["killer"] * self.killers
        step = self.uploads / (len(kinds) + 1)
        return {int(step * (k + 1)): kind for k, kind in enumerate(kinds)}

    def save(self, path: Path) -> None:
        path.write_text(json.dumps(asdict(self)), encoding="utf-8")

    @classmethod
    def load(cls, path: Path) -> Plan:
        return cls(**json.loads(path.read_text(encoding="utf-8")))


# --- clips -----------------------------------------------------------------------------------------------------------


@lru_cache(maxsize=1)
def speech_bases() -> tuple[np.ndarray, ...]:
    """Eight short real speech clips, 16 kHz mono int16, cut to at most 2.5 s."""
    import av

    bases = []
    for path in sorted(p for p in SPEECH.glob("*.flac") if p.stat().st_size < 100_000)[:8]:
        with av.open(str(path)) as container:
            resampler = av.AudioResampler(format="s16", layout="mono", rate=RATE)
            frames = [f for frame in container.decode(audio=0) for f in resampler.resample(frame)]
        bases.append(np.concatenate([f.to_ndarray().reshape(-1) for f in frames])[:BASE_SAMPLES].astype(np.int16))
    return tuple(bases)


def wav(samples: np.ndarray) -> bytes:
    buf = io.BytesIO()
    with wave.open(buf, "wb") as out:
        out.setnchannels(1)
        out.setsampwidth(2)
        out.setframerate(RATE)
        out.writeframes(samples.astype("<i2").tobytes())
    return buf.getvalue()


def clip_bytes(index: int, poison: dict[int, str]) -> bytes:
    """The clip uploaded as number ``index``: a real speech clip followed by 1 ms × n of silence, so every upload has
    its own sha256 (index → (base, n) is one-to-one), or a poison clip."""
    kind = poison.get(index)
    rng = random.Random(index)
    if kind == "undecodable":
        return b"fLaC" + rng.randbytes(4000)  # sniffs as FLAC; the decoder refuses it
    if kind == "killer":
        tone = 8000 * np.sin(2 * np.pi * (200 + index) * np.arange(KILLER_SAMPLES) / RATE)
        return wav(tone)
    bases = speech_bases()
    base = bases[index % len(bases)]
    return wav(np.concatenate([base, np.zeros(16 * (1 + index // len(bases)), dtype=np.int16)]))


def read_acks(path: Path) -> dict[int, tuple[int, str]]:
    """Acknowledged clips: index → (clip id, sha256). A line cut short by a SIGKILL was never acknowledged."""
    acks: dict[int, tuple[int, str]] = {}
    if not path.exists():
        return acks
    for line in path.read_text(encoding="utf-8").splitlines(keepends=True):
        parts = line.split()
        if line.endswith("\n") and len(parts) == 3 and len(parts[2]) == 64:
            acks[int(parts[0])] = (int(parts[1]), parts[2])
    return acks


# --- the fault-injecting engine ---------------------------------------------------------------------------------


class FaultEngine:
    """Marks (a file named by its pid) while it transcribes, so the test can SIGKILL a worker mid-job; dies on killer
    clips; raises now and then; otherwise returns a fixed Mandarin transcript after ``think_s``."""

    def __init__(self, marker_dir: Path, think_s: float, error_rate: float) -> None:
        self.marker_dir, self.think_s, self.error_rate = marker_dir, think_s, error_rate

    def model_info(self) -> dict[str, Any]:
        return {"backend": "fault-test"}

    def transcribe(self, audio: Any, options: Any) -> Any:
        from training_app.speech.transcript import Segment, Transcript, Word

        if audio.shape[0] == KILLER_SAMPLES:
            os.kill(os.getpid(), signal.SIGKILL)  # like a crash in native code, every time
        marker = self.marker_dir / str(os.getpid())
        marker.write_text("transcribing")
        try:
            time.sleep(self.think_s)
            if random.random() < self.error_rate:
                raise RuntimeError("injected engine fault")
        finally:
            marker.unlink(missing_ok=True)
        text = "今天给大家介绍洛川苹果"
        words = tuple(Word(0.1 + 0.2 * i, 0.3 + 0.2 * i, ch) for i, ch in enumerate(text))
        segment = Segment(0.1, words[-1].end, text, words)
        return Transcript("zh", round(audio.shape[0] / RATE, 3), (segment,), "transcribed", self.model_info())


class TextOnlyScorer:
    """The real scorer without pitch analysis (its first call in each fresh process costs seconds of JIT)."""

    def __init__(self, settings: Any) -> None:
        from training_app.worker.pipeline import CatalogScorer

        self.scorer = CatalogScorer(settings)

    def warm(self) -> None:
        self.scorer.warm()

    def __call__(self, transcript: Any, product_id: str | None, audio: Any, **kwargs: Any) -> Any:
        return self.scorer(transcript, product_id, None, **kwargs)


def run_worker(plan: Plan, marker_dir: Path) -> None:
    from training_app.config import get_settings
    from training_app.worker.consumer import current_context, make_consumer

    settings = get_settings()
    consumer = make_consumer(
        settings,
        concurrency=plan.concurrency,
        engine_factory=lambda: FaultEngine(marker_dir, plan.think_s, plan.error_rate),
        sweep_seconds=0.5,
        health_check_seconds=0.5,
        max_tasks=plan.max_jobs,
    )
    current_context().scorer = TextOnlyScorer(settings)
    consumer.run()


# --- the uploader (an app instance) ----------------------------------------------------------------------------------


def run_uploader(plan: Plan, acks_path: Path, trainee_id: int, slot: int, slots: int) -> None:
    from training_app.config import get_settings
    from training_app.db.engine import make_engine
    from training_app.db.tables import ClipSource, User
    from training_app.services import clips
    from training_app.services.uow import unit_of_work
    from training_app.worker.queue import dispatcher

    settings = get_settings()
    engine = make_engine(settings.resolved_database_url())
    intake = clips.make_intake(settings, long_form=False, dispatch=dispatcher(settings))
    poison, done = plan.poison(), read_acks(acks_path)
    logger = logging.getLogger("uploader")
    with acks_path.open("a", encoding="utf-8") as acks:
        for index in range(slot, plan.uploads, slots):
            if index in done:
                continue
            data = clip_bytes(index, poison)
            while True:
                try:
                    with unit_of_work(engine) as session:
                        trainee = session.get(User, trainee_id)
                        clip = clips.submit_clip(
                            session, trainee, owner_id=trainee_id, product_id=PRODUCT,  # type: ignore[arg-type]
                            stream=io.BytesIO(data), source=ClipSource.UPLOAD, intake=intake,
                        )  # fmt: skip
                    break
                except Exception as exc:  # the database is down or locked: the user is not told "saved"; retry
                    logger.warning("upload %s not acknowledged (%s); retrying", index, type(exc).__name__)
                    time.sleep(0.5)
            acks.write(f"{index} {clip.id} {clip.sha256}\n")
            acks.flush()
            os.fsync(acks.fileno())
            time.sleep(plan.upload_interval)


# --- the test side: the fleet of processes, database faults, the lease monitor ---------------------------------------


class Fleet:
    """Uploaders and worker consumers started (each in its own session, so a whole consumer can be killed like a
    host going down), SIGKILLed and restarted by the test. Only processes started here are ever signalled."""

    def __init__(self, plan: Plan, env: dict[str, str], workdir: Path, trainee_id: int) -> None:
        self.plan, self.env, self.trainee_id = plan, env, trainee_id
        self.plan_path, self.markers, self.logs = workdir / "plan.json", workdir / "markers", workdir / "logs"
        self.markers.mkdir()
        self.logs.mkdir()
        plan.save(self.plan_path)
        self.acks = [workdir / f"acks-{k}.txt" for k in range(plan.uploaders)]
        self.workers: list[Any] = [None] * plan.consumers
        self.uploaders: list[Any] = [None] * plan.uploaders
        self.kills: list[str] = []  # what each worker SIGKILL hit
        self.restarts = 0

    def _spawn(self, log_name: str, *args: str) -> Any:
        import subprocess

        with (self.logs / log_name).open("ab") as log:
            return subprocess.Popen(
                [sys.executable, str(Path(__file__)), *args, ],
                env=self.env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True,
            )  # fmt: skip

    def start(self) -> None:
        for k in range(self.plan.consumers):
            self.start_worker(k)
        for k in range(self.plan.uploaders):
            self.start_uploader(k)

    def start_worker(self, k: int) -> None:
        self.workers[k] = self._spawn(f"worker-{k}.log", "worker", str(self.plan_path), str(self.markers))

    def start_uploader(self, k: int) -> None:
        args = (str(self.plan_path), str(self.acks[k]), str(self.trainee_id), str(k), str(self.plan.uploaders))
        self.uploaders[k] = self._spawn(f"upload-{k}.log", "upload", *args)

    def worker_pids(self) -> set[int]:
        """Direct children of our consumers: the worker processes and the scheduler (sweeper)."""
        import psutil

        pids: set[int] = set()
        for proc in self.workers:
            try:
                pids.update(child.pid for child in psutil.Process(proc.pid).children())
            except psutil.NoSuchProcess:
                continue
        return pids

    def kill_worker(self, rng: random.Random) -> str:
        """SIGKILL a worker process mid-transcription (when one is), another child at random, or (every tenth kill)
        a whole consumer with its children ("host died"), which is then restarted as systemd would."""
        if len(self.kills) % 10 == 9:
            k = rng.randrange(len(self.workers))
            os.killpg(self.workers[k].pid, signal.SIGKILL)
            self.workers[k].wait()
            self.start_worker(k)
            return self._killed("host")
        children = self.worker_pids()
        busy = [int(m.name) for m in self.markers.iterdir() if int(m.name) in children]
        for marker in self.markers.iterdir():
            if int(marker.name) not in children:
                marker.unlink(missing_ok=True)  # left by a process killed mid-transcription
        if busy and rng.random() < 0.6:
            pid, what = rng.choice(busy), "mid-transcription"
        elif children:
            pid, what = rng.choice(sorted(children)), "random"
        else:
            return ""  # consumers between restarts; try again
        try:
            os.kill(pid, signal.SIGKILL)
        except ProcessLookupError:
            return ""
        return self._killed(what)

    def _killed(self, what: str) -> str:
        self.kills.append(what)
        return what

    def restart_app(self, rng: random.Random) -> bool:
        running = [k for k, proc in enumerate(self.uploaders) if proc.poll() is None]
        if not running:
            return False
        k = rng.choice(running)
        self.uploaders[k].kill()
        self.uploaders[k].wait()
        self.start_uploader(k)
        self.restarts += 1
        return True

    def uploads_finished(self) -> bool:
        codes = [proc.poll() for proc in self.uploaders]
        if any(code not in (None, 0) for code in codes):
            raise AssertionError(f"an uploader crashed (exit codes {codes}); see {self.logs}")
        return all(code == 0 for code in codes)

    def acked(self) -> dict[int, tuple[int, str]]:
        acks: dict[int, tuple[int, str]] = {}
        for path in self.acks:
            acks.update(read_acks(path))
        return acks

    def recycled(self) -> int:
        return sum(p.read_text(errors="replace").count("reached max tasks") for p in self.logs.glob("worker-*.log"))

    def stop(self) -> None:
        for proc in self.uploaders:
            if proc is not None and proc.poll() is None:
                proc.kill()
                proc.wait()
        for proc in self.workers:
            if proc is None or proc.poll() is not None:
                continue
            proc.terminate()
            try:
                proc.wait(timeout=20)
            except Exception:
                os.killpg(proc.pid, signal.SIGKILL)
                proc.wait()

    def log_tail(self, chars: int = 3000) -> str:
        return "\n".join(f"== {p.name}\n{p.read_text(errors='replace')[-chars:]}" for p in sorted(self.logs.iterdir()))


class DatabaseFaults:
    """PostgreSQL: alternately terminate every client backend (pg_terminate_backend) and hold ``LOCK TABLE job IN
    ACCESS EXCLUSIVE MODE``; SQLite: hold ``BEGIN EXCLUSIVE`` on the database file. Locks are held from a thread."""

    def __init__(self, url: str, hold_s: float) -> None:
        from sqlalchemy import create_engine

        self.url, self.hold_s = url, hold_s
        self.postgres = url.startswith("postgresql")
        self.engine = create_engine(url) if self.postgres else None
        self.injected: list[str] = []
        self._thread: Any = None

    def inject(self) -> str:
        import threading

        if self._thread is not None:
            self._thread.join()
        if self.postgres and len(self.injected) % 2 == 0:
            what = f"terminated {self._terminate()} backends"
        else:
            what = f"exclusive lock for {self.hold_s:.0f} s"
            self._thread = threading.Thread(target=self._hold_lock, daemon=True)
            self._thread.start()
        self.injected.append(what)
        return what

    def _terminate(self) -> int:
        from sqlalchemy import text

        assert self.engine is not None
        with self.engine.connect() as conn:
            rows = conn.execute(
                text(
                    "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE pid <> pg_backend_pid() "
                    "AND datname = current_database() AND backend_type = 'client backend'"
                )
            ).all()
        return len(rows)

    def _hold_lock(self) -> None:
        if self.engine is not None:
            from sqlalchemy import text

            with self.engine.begin() as conn:
                conn.execute(text("LOCK TABLE job IN ACCESS EXCLUSIVE MODE"))
                time.sleep(self.hold_s)
            return
        import sqlite3

        con = sqlite3.connect(self.url.removeprefix("sqlite:///"), timeout=120, isolation_level=None)
        try:
            con.execute("BEGIN EXCLUSIVE")
            time.sleep(self.hold_s)
            con.execute("ROLLBACK")
        finally:
            con.close()

    def close(self) -> None:
        if self._thread is not None:
            self._thread.join()
        if self.engine is not None:
            self.engine.dispose()


class LeaseMonitor:
    """Samples the job table twice a second: the age of every running job's last heartbeat (a job is stuck when
    that passes 3× the lease) and how long queued jobs have waited."""

    def __init__(self, engine: Any, lease_s: float) -> None:
        import threading

        self.engine, self.lease_s = engine, lease_s
        self.max_heartbeat_age = 0.0
        self.max_queued_wait = 0.0
        self.stuck: dict[int, float] = {}
        self.samples = self.errors = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name="lease-monitor", daemon=True)

    def __enter__(self) -> LeaseMonitor:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()

    def _run(self) -> None:
        while not self._stop.wait(0.5):
            try:
                self.sample()
            except Exception:  # terminated by a database fault, or locked out: sample again
                self.errors += 1

    def sample(self) -> None:
        from datetime import UTC, datetime

        from sqlmodel import Session, col, select

        from training_app.db.tables import Job, JobStatus

        with Session(self.engine) as session:
            rows = session.exec(
                select(Job.id, Job.status, Job.heartbeat_at, Job.enqueued_at).where(
                    col(Job.status).in_([JobStatus.RUNNING, JobStatus.QUEUED])
                )
            ).all()
        now = datetime.now(UTC)  # after the query: it may have waited behind a lock
        for job_id, status, heartbeat_at, enqueued_at in rows:
            if status == JobStatus.RUNNING and heartbeat_at is not None:
                age = (now - heartbeat_at).total_seconds()
                self.max_heartbeat_age = max(self.max_heartbeat_age, age)
                if age > 3 * self.lease_s:
                    self.stuck[job_id or 0] = max(age, self.stuck.get(job_id or 0, 0.0))
            elif enqueued_at is not None:
                self.max_queued_wait = max(self.max_queued_wait, (now - enqueued_at).total_seconds())
        self.samples += 1


def main(argv: list[str]) -> None:
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(process)d %(name)s %(levelname)s: %(message)s")
    role, plan = argv[0], Plan.load(Path(argv[1]))
    if role == "worker":
        run_worker(plan, Path(argv[2]))
    elif role == "upload":
        run_uploader(plan, Path(argv[2]), int(argv[3]), int(argv[4]), int(argv[5]))
    else:
        raise SystemExit(f"unknown role {role}")


if __name__ == "__main__":
    main(sys.argv[1:])
