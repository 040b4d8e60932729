"""Fixtures of the reliability suites: a throwaway Redis server (the multi-machine queue)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from support.system import start_redis


@pytest.fixture
def redis_url() -> Iterator[str]:
    url, proc = start_redis()
    yield url
    proc.terminate()
    proc.wait(timeout=10)
