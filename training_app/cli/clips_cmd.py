"""``worker``, ``clips import``, ``clips rescore``, ``jobs status``: recordings and the background jobs behind them."""

from __future__ import annotations

import argparse
import json
import logging
import sys
from pathlib import Path
from typing import Any

from training_app.i18n import t

logger = logging.getLogger(__name__)


def register(sub: argparse._SubParsersAction, models_sub: argparse._SubParsersAction) -> None:
    worker = sub.add_parser("worker", help="run background workers (transcription and scoring)")
    worker.add_argument("--concurrency", type=int, default=1, help="worker processes (default 1)")
    worker.add_argument(
        "--max-jobs",
        type=int,
        metavar="N",
        help="recycle each worker process after N jobs (default: TRAINING_APP_WORKER_MAX_JOBS; 0: never)",
    )
    worker.set_defaults(handler=worker_cmd)

    clips = sub.add_parser("clips", help="import livestream replays, re-score recordings")
    clips_sub = clips.add_subparsers(dest="clips_command", metavar="ACTION")
    clips_sub.required = True
    imp = clips_sub.add_parser("import", help="import replays (audio or video files) for one trainee")
    imp.add_argument("paths", nargs="+", type=Path, metavar="PATH")
    imp.add_argument("--trainee", required=True, metavar="USERNAME", help="the trainee the replays belong to")
    imp.add_argument("--product", metavar="ID", help="the product sold (a fact sheet id in assessments/products)")
    imp.set_defaults(handler=import_cmd)
    rescore = clips_sub.add_parser("rescore", help="score recordings again with the current rules")
    rescore.add_argument("clip_ids", nargs="*", type=int, metavar="CLIP_ID")
    rescore.add_argument("--all", action="store_true", help="every recording with a transcript")
    rescore.set_defaults(handler=rescore_cmd)

    jobs = sub.add_parser("jobs", help="background job queue")
    jobs_sub = jobs.add_subparsers(dest="jobs_command", metavar="ACTION")
    jobs_sub.required = True
    status = jobs_sub.add_parser("status", help="queue depth, running jobs, failures with reasons")
    status.add_argument("--json", action="store_true", help="machine-readable output")
    status.set_defaults(handler=status_cmd)


def both(key: str, **params: Any) -> str:
    zh, en = t(key, "zh", **params), t(key, "en", **params)
    return zh if zh == en else f"{zh} / {en}"


def worker_cmd(args: argparse.Namespace) -> int:
    from training_app.config import get_settings
    from training_app.worker.consumer import make_consumer

    logging.getLogger().setLevel(min(logging.getLogger().level, logging.INFO))
    consumer = make_consumer(get_settings(), concurrency=args.concurrency, max_tasks=args.max_jobs)
    print(both("jobs.worker_started", count=max(1, args.concurrency)), file=sys.stderr)
    consumer.run()
    return 0


def import_cmd(args: argparse.Namespace) -> int:
    from training_app.config import get_settings
    from training_app.db.tables import ClipSource
    from training_app.errors import NotFound, TrainingAppError
    from training_app.services import clips
    from training_app.services.accounts import get_user_by_username, system_actor
    from training_app.services.startup import engine_for
    from training_app.services.uow import unit_of_work
    from training_app.worker.queue import dispatcher

    settings = get_settings()
    engine = engine_for(settings)
    intake = clips.make_intake(settings, long_form=True, dispatch=dispatcher(settings))
    with unit_of_work(engine, write=False) as session:
        trainee = get_user_by_username(session, args.trainee)
    if trainee is None:
        raise NotFound("clips.trainee_not_found", user=args.trainee)
    failures = 0
    for path in args.paths:
        try:
            if not path.is_file():
                raise NotFound("errors.file_not_found", path=str(path))
            with path.open("rb") as stream, unit_of_work(engine) as session:
                clip = clips.submit_clip(
                    session, system_actor(), owner_id=trainee.id or 0, product_id=args.product,
                    stream=stream, source=ClipSource.IMPORT, intake=intake,
                )  # fmt: skip
            print(f"{path}: {both('clips.saved', clip_id=clip.id)}")
        except TrainingAppError as exc:
            failures += 1
            print(f"{path}: {exc.bilingual()}", file=sys.stderr)
    return 2 if failures else 0


def rescore_cmd(args: argparse.Namespace) -> int:
    from training_app.config import get_settings
    from training_app.errors import InvalidInput
    from training_app.services import clips
    from training_app.services.accounts import system_actor
    from training_app.services.scoring import load_assessment_catalog
    from training_app.services.startup import engine_for
    from training_app.services.uow import unit_of_work
    from training_app.worker.queue import dispatcher

    if bool(args.all) == bool(args.clip_ids):
        raise InvalidInput("jobs.rescore_needs_target")
    settings = get_settings()
    catalog = load_assessment_catalog(settings.assessments_dir)
    with unit_of_work(engine_for(settings)) as session:
        result = clips.rescore_clips(
            session, system_actor(), clip_ids=None if args.all else list(args.clip_ids),
            rule_set_version=catalog.rule_set_version, max_attempts=settings.job_max_attempts,
            dispatch=dispatcher(settings),
        )  # fmt: skip
    print(both("jobs.rescore_queued", queued=len(result.queued), skipped=len(result.skipped)))
    return 0


def status_cmd(args: argparse.Namespace) -> int:
    from dataclasses import asdict

    from training_app.config import get_settings
    from training_app.services import jobs
    from training_app.services.accounts import system_actor
    from training_app.services.startup import engine_for
    from training_app.services.uow import unit_of_work

    with unit_of_work(engine_for(get_settings()), write=False) as session:
        status = jobs.queue_status(session, system_actor())
    if args.json:
        data = asdict(status)
        for failure in data["failures"]:
            failure["reason"] = {lang: t(failure["error_key"] or "errors.generic", lang) for lang in ("zh", "en")}
        print(json.dumps(data, ensure_ascii=False, indent=2, default=str))
        return 0
    print(both("jobs.status_counts", queued=status.queued, running=status.running, done=status.done,
               failed=status.failed))  # fmt: skip
    if status.oldest_queued_at:
        print(both("jobs.status_oldest", at=status.oldest_queued_at.isoformat(timespec="seconds")))
    for job in status.running_jobs:
        print(both("jobs.status_running", job=job["job_id"], clip=job["clip_id"], kind=job["kind"],
                   percent=round(100 * float(job["progress"]))))  # type: ignore[arg-type]  # fmt: skip
    for f in status.failures:
        reason = both(f.error_key or "errors.generic")
        print(t("jobs.status_failure", "en", job=f.job_id, clip=f.clip_id, kind=f.kind, attempts=f.attempts,
                reason=reason))  # fmt: skip
    return 0
