"""Which huey storage each queue URL selects, and a hand-over through a real Redis server."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from huey import RedisHuey, SqliteHuey
from support.system import start_redis

from training_app.config import Settings
from training_app.errors import ConfigurationError
from training_app.worker.queue import dispatcher, make_queue


def test_make_queue_default_is_sqlite_in_data_dir(tmp_path: Path) -> None:
    settings = Settings(data_dir=tmp_path / "data")
    queue = make_queue(settings)
    assert isinstance(queue.huey, SqliteHuey)
    dispatcher(settings)(7)
    assert queue.huey.pending_count() == 1
    assert (tmp_path / "data" / "queue.sqlite3").is_file()


@pytest.mark.parametrize(
    ("url", "key"),
    [("postgresql://u@h/db", "jobs.queue_postgres_unavailable"), ("amqp://h", "jobs.queue_url_invalid")],
)
def test_make_queue_unsupported_url_refused_with_message(tmp_path: Path, url: str, key: str) -> None:
    with pytest.raises(ConfigurationError) as err:
        make_queue(Settings(data_dir=tmp_path, queue_url=url))
    assert err.value.message_key == key and "redis://" in err.value.message("en")


@pytest.fixture
def redis_url() -> Iterator[str]:
    url, proc = start_redis()
    yield url
    proc.kill()
    proc.wait()


def test_make_queue_redis_url_hands_jobs_over_through_redis(tmp_path: Path, redis_url: str) -> None:
    settings = Settings(data_dir=tmp_path, queue_url=redis_url)
    queue = make_queue(settings)
    assert isinstance(queue.huey, RedisHuey)
    dispatcher(settings)(42)
    task = queue.huey.dequeue()
    assert task is not None and task.args == (42,)
