"""The huey queue: which storage, and the one task it carries ("process job N").

- no ``queue_url``: ``SqliteHuey`` in ``data_dir/queue.sqlite3`` (embedded, one machine);
- ``redis://`` / ``rediss://``: ``RedisHuey`` (several machines);
- ``postgresql://``: huey's SQL storage (``huey.contrib.sql_huey``) needs peewee, which is not a dependency of this
  project; rather than add one, such a URL is refused with a message that says to use Redis or the default.

The queue is only a doorbell: the job table is the truth, so a lost message (a worker killed with SIGKILL, the queue
wiped) costs a delay until the sweep re-sends it, never a clip.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass

from huey import Huey, RedisHuey, SqliteHuey
from huey.api import TaskWrapper

from training_app.config import Settings
from training_app.errors import ConfigurationError
from training_app.services.jobs import Dispatch

logger = logging.getLogger(__name__)

QUEUE_NAME = "training-app"
TASK_NAME = "process_job"


@dataclass(frozen=True)
class Queue:
    huey: Huey
    process_job: TaskWrapper  # calling it enqueues "process job N"


def make_queue(settings: Settings) -> Queue:
    url = settings.queue_url or ""
    huey: Huey
    if not url:
        settings.data_dir.mkdir(parents=True, exist_ok=True)
        huey = SqliteHuey(QUEUE_NAME, filename=str(settings.data_dir / "queue.sqlite3"), results=False)
    elif url.startswith(("redis://", "rediss://")):
        huey = RedisHuey(QUEUE_NAME, url=url, results=False)
    elif url.startswith(("postgresql://", "postgres://")):
        huey = _sql_huey(url)
    else:
        raise ConfigurationError("jobs.queue_url_invalid", scheme=url.split("://", 1)[0])
    task = huey.task(name=TASK_NAME, retries=0, timeout=job_timeout_seconds(settings))(_process_job)
    return Queue(huey=huey, process_job=task)


def _sql_huey(url: str) -> Huey:
    try:
        from huey.contrib.sql_huey import SqlHuey
    except ImportError:  # peewee missing
        raise ConfigurationError("jobs.queue_postgres_unavailable") from None
    huey: Huey = SqlHuey(QUEUE_NAME, database=url, results=False)
    return huey


def job_timeout_seconds(settings: Settings) -> int:
    """Wall-clock limit of one job: generous for the longest import (transcription runs at a fraction of real time)."""
    return 600 + 2 * max(settings.import_max_seconds, settings.max_clip_seconds)


def _process_job(job_id: int) -> None:
    from training_app.worker.consumer import current_context
    from training_app.worker.runner import run_job

    run_job(current_context(), job_id)


_QUEUES: dict[str, Queue] = {}


def dispatcher(settings: Settings) -> Dispatch:
    """A function that puts "process job N" on the queue (used after the job's transaction committed)."""
    key = settings.model_dump_json()
    queue = _QUEUES.get(key)
    if queue is None:
        queue = _QUEUES[key] = make_queue(settings)

    def dispatch(job_id: int) -> None:
        queue.process_job(job_id)

    return dispatch
