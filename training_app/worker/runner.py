"""Run one job: claim it, keep its lease alive, transcribe and score, store the results in one transaction.

The speech and scoring work happens outside any transaction; the results are written together with the job's
completion in one conditional transaction. If the lease was lost meanwhile (the worker stalled and another one took
the job), nothing is written, so a clip never gets two transcripts for the same model.
"""

from __future__ import annotations

import hashlib
import logging
import threading
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from huey.exceptions import TaskTimeout
from sqlmodel import Session, select

from training_app.db.tables import Clip, ClipSource, ClipStatus, Job, JobKind, Score, Transcript
from training_app.errors import InputRejected, NotFound, TrainingAppError
from training_app.services import jobs
from training_app.services.accounts import system_actor
from training_app.services.uow import unit_of_work
from training_app.speech.transcript import Transcript as SpeechTranscript
from training_app.worker.context import ScoreOutcome, WorkerContext

logger = logging.getLogger(__name__)

SYSTEM = system_actor()
UNEXPECTED = "jobs.unexpected"
TIMED_OUT = "jobs.timed_out"
MEDIA_CORRUPTED = "clips.media_corrupted"
PROGRESS_SECONDS = 2.0
CLAIM_RETRY_SECONDS = 1.0


class LeaseLost(Exception):
    """Another worker owns the job now; stop and write nothing."""


class Heartbeat:
    """Extends the job's lease every ``lease/3`` seconds from a thread and records the progress fraction."""

    def __init__(self, ctx: WorkerContext, job_id: int, owner: str) -> None:
        self.ctx, self.job_id, self.owner = ctx, job_id, owner
        self.progress = 0.0
        self.lost = False
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name=f"heartbeat-{job_id}", daemon=True)

    def __enter__(self) -> Heartbeat:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join(timeout=5)

    def _run(self) -> None:
        """Beat every ``lease/3`` seconds, and sooner (every ``PROGRESS_SECONDS``) when the progress moved, so the
        trainee's progress bar follows the work."""
        beat_every = max(0.2, self.ctx.lease_seconds / 3)
        last_beat, sent = time.monotonic(), self.progress
        while not self._stop.wait(min(beat_every, PROGRESS_SECONDS)):
            if self.progress == sent and time.monotonic() - last_beat < beat_every:
                continue
            alive = self._beat(self.progress)
            if alive is None:
                continue
            last_beat, sent = time.monotonic(), self.progress
            if not alive:
                self.lost = True
                return

    def _beat(self, progress: float) -> bool | None:
        """True: lease extended; False: lease lost; None: the database was busy or down (try again)."""
        try:
            with unit_of_work(self.ctx.engine) as session:
                return jobs.heartbeat(session, SYSTEM, job_id=self.job_id, owner=self.owner,
                                      lease_seconds=self.ctx.lease_seconds, progress=progress)  # fmt: skip
        except Exception:
            logger.exception("heartbeat for job %s failed; retrying", self.job_id)
            return None

    def on_progress(self, fraction: float) -> None:
        """Progress callback for the speech layer; aborts the work when the lease is gone."""
        self.progress = fraction
        if self.lost:
            raise LeaseLost()


@dataclass
class Outcome:
    transcript: SpeechTranscript | None  # None: a score job reusing the stored transcript
    transcript_id: int | None
    score: ScoreOutcome | None


def run_job(ctx: WorkerContext, job_id: int) -> None:
    """Entry point of the queue task. Safe to call twice for the same job: only one claim succeeds."""
    owner = jobs.new_lease_owner()
    try:
        with unit_of_work(ctx.engine) as session:
            job = jobs.claim_job(session, SYSTEM, job_id=job_id, owner=owner, lease_seconds=ctx.lease_seconds)
            clip = session.get(Clip, job.clip_id) if job else None
    except Exception:
        _send_back(ctx, job_id)
        return
    if job is None or clip is None:
        logger.info("job %s not claimable (done, taken or out of attempts)", job_id)
        return
    try:
        with Heartbeat(ctx, job_id, owner) as beat:
            _run_claimed(ctx, job, clip, owner, beat)
    except KeyboardInterrupt:  # the worker is shutting down: give the job back without using up an attempt
        _release(ctx, job_id, owner, jobs.INTERRUPTED, count_attempt=False)
        raise


def _send_back(ctx: WorkerContext, job_id: int) -> None:
    """The claim failed (database down, connection killed, lock timeout). The queue message is already consumed, so
    without a re-send the job would sit ``queued`` until the sweep re-sends it, which happens only once the queue is
    idle: under steady load, never. Wait a moment (the database is in trouble) and put it back in the queue; if the
    claim did commit after all, the duplicate message finds the job taken and is dropped."""
    logger.exception("job %s: claim failed; handing it back to the queue in %.0f s", job_id, CLAIM_RETRY_SECONDS)
    time.sleep(CLAIM_RETRY_SECONDS)
    if ctx.dispatch is None:
        return
    try:
        ctx.dispatch(job_id)
    except Exception:
        logger.exception("could not re-queue job %s; the sweep will re-send it", job_id)


def _run_claimed(ctx: WorkerContext, job: Job, clip: Clip, owner: str, beat: Heartbeat) -> None:
    try:
        outcome = _transcribe(ctx, clip, beat) if job.kind == JobKind.TRANSCRIBE else _rescore(ctx, clip, job)
        _store(ctx, job, clip, owner, outcome)
    except LeaseLost:
        logger.warning("job %s: lease lost, results discarded", job.id)
    except (InputRejected, NotFound) as exc:  # a refused, broken or missing file: retrying cannot help
        logger.info("job %s failed: %s", job.id, exc.message_key)
        _fail(ctx, job, owner, exc.message_key)
    except TaskTimeout:
        _fail(ctx, job, owner, TIMED_OUT)
    except TrainingAppError as exc:  # configuration (model, assessment files): worth retrying after a fix
        logger.error("job %s: %s", job.id, exc.bilingual())
        _release(ctx, job.id or 0, owner, exc.message_key)
    except Exception:
        logger.exception("job %s: unexpected error", job.id)
        _release(ctx, job.id or 0, owner, UNEXPECTED)


def _verify_sha256(path: Path, expected: str) -> None:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for chunk in iter(lambda: handle.read(1 << 20), b""):
            digest.update(chunk)
    if digest.hexdigest() != expected:
        raise InputRejected(MEDIA_CORRUPTED)


def _transcribe(ctx: WorkerContext, clip: Clip, beat: Heartbeat) -> Outcome:
    long_form = clip.source == ClipSource.IMPORT
    with ctx.store.path_for_decoding(clip.media_key) as path:
        _verify_sha256(path, clip.sha256)
        result = ctx.transcriber(path, long_form=long_form, product_id=clip.product_id, on_progress=beat.on_progress)
    if beat.lost:
        raise LeaseLost()
    transcript = result.transcript
    score = None
    if transcript.status != "no_speech":
        score = ctx.scorer(transcript, product_id=clip.product_id, audio=result.audio, **_comments(ctx, clip))
    return Outcome(transcript=transcript, transcript_id=None, score=score)


def _rescore(ctx: WorkerContext, clip: Clip, job: Job) -> Outcome:
    with unit_of_work(ctx.engine, write=False) as session:
        row = session.exec(
            select(Transcript).where(Transcript.clip_id == clip.id, Transcript.model_key == job.model_key)
        ).first()
    if row is None:
        raise NotFound("clips.no_transcript")
    transcript = SpeechTranscript.from_dict(row.data)
    score = ctx.scorer(transcript, clip.product_id, None, **_comments(ctx, clip))
    return Outcome(transcript=None, transcript_id=row.id, score=score)


def _comments(ctx: WorkerContext, clip: Clip) -> dict[str, Any]:
    """A live-room clip's comment timeline for the scorer (no argument at all for other clips)."""
    from training_app.services.live_room import comment_timeline

    with unit_of_work(ctx.engine, write=False) as session:
        timeline = comment_timeline(session, clip.id or 0)
    return {"comments": timeline} if timeline else {}


def _store(ctx: WorkerContext, job: Job, clip: Clip, owner: str, outcome: Outcome) -> None:
    """Job completion and results in one transaction; a lost lease (LeaseLost) rolls it all back."""
    with unit_of_work(ctx.engine) as session:
        if not jobs.finish_job(session, SYSTEM, job_id=job.id or 0, owner=owner):
            raise LeaseLost()
        transcript_id = outcome.transcript_id
        if outcome.transcript is not None:
            transcript_id = _insert_transcript(session, clip, job.model_key, outcome.transcript)
        if outcome.score is not None and not _scored(session, transcript_id or 0, outcome.score):
            session.add(_score_row(clip, transcript_id or 0, outcome.score))
        status = ClipStatus.SCORED if outcome.score is not None else ClipStatus.NO_SPEECH
        jobs.set_clip_status(session, clip.id or 0, status)


def _insert_transcript(session: Session, clip: Clip, model_key: str, transcript: SpeechTranscript) -> int:
    row = Transcript(
        clip_id=clip.id or 0,
        model_key=model_key,
        language=transcript.language,
        status=transcript.status,
        duration_s=transcript.duration_s,
        data=transcript.to_dict(),
    )
    session.add(row)
    session.flush()
    stored = session.get(Clip, clip.id)
    if stored is not None:
        stored.duration_s = transcript.duration_s
    return row.id or 0


def _scored(session: Session, transcript_id: int, score: ScoreOutcome) -> bool:
    """Already scored with this rule set (a rescore asked for while the rules changed once more): keep the row."""
    same = (Score.transcript_id == transcript_id, Score.rule_set_version == score.rule_set_version)
    return session.exec(select(Score.id).where(*same)).first() is not None


def _score_row(clip: Clip, transcript_id: int, score: ScoreOutcome) -> Score:
    return Score(
        clip_id=clip.id or 0,
        transcript_id=transcript_id,
        rule_set_version=score.rule_set_version,
        model_version=score.model_version,
        overall=score.overall,
        report=score.report,
    )


def _fail(ctx: WorkerContext, job: Job, owner: str, error_key: str) -> None:
    with unit_of_work(ctx.engine) as session:
        finished = jobs.finish_job(session, SYSTEM, job_id=job.id or 0, owner=owner, failed=True, error_key=error_key)
        if finished and job.kind == JobKind.TRANSCRIBE:  # a failed re-score keeps the previous score
            jobs.set_clip_status(session, job.clip_id, ClipStatus.FAILED, error_key)


def _release(ctx: WorkerContext, job_id: int, owner: str, error_key: str, *, count_attempt: bool = True) -> None:
    try:
        with unit_of_work(ctx.engine) as session:
            status = jobs.release_job(
                session, SYSTEM, job_id=job_id, owner=owner, error_key=error_key, count_attempt=count_attempt
            )
            if status is not None and status.value == "queued":
                jobs.dispatch_after_commit(session, [job_id], ctx.dispatch)
    except Exception:
        logger.exception("could not release job %s; its lease will expire and the sweep will requeue it", job_id)
