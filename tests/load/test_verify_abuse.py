"""The public verification page under abuse, end to end: two app instances sharing Redis (TRAINING_APP_QUEUE_URL)
behind one "proxy" address (X-Forwarded-For from loopback). Lookups from one client alternate between the two
instances and are cut at the one shared limit; another client has its own window; no forged, truncated or unknown
code ever shows as valid."""

from __future__ import annotations

import asyncio
import time
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

import pytest
from support.browser import LiveApp, start_live_app, stop_live_app
from support.st_client import StClient
from support.system import start_redis

from load.flow import zh
from training_app.certification import codes
from training_app.certification.keys import load_signing_key
from training_app.services.verification import PUBLIC_LIMITER

OUTCOMES = {zh("verify.rate_limited"): "limited", zh("verify.invalid"): "invalid", zh("verify.unknown"): "unknown",
            zh("verify.valid"): "valid"}  # fmt: skip


@pytest.fixture
def two_instances(tmp_path: Path) -> Iterator[tuple[list[LiveApp], list[str]]]:
    url, redis = start_redis()
    data_dir = tmp_path / "app-data"
    key = load_signing_key(data_dir / "keys", create=True)  # the app signs and verifies with this key
    assert key is not None
    unknown = codes.make_code(key, codes.new_cert_id())  # correctly signed, no such certificate
    attempts = [unknown, unknown[:-4], unknown[:-1] + ("A" if unknown[-1] != "A" else "B"), "ZZZZ-0000", "' OR 1=1"]
    apps: list[LiveApp] = []
    try:
        for _ in range(2):  # one after the other: the first one migrates the shared database
            apps.append(start_live_app(data_dir, {"TRAINING_APP_QUEUE_URL": url}))
        yield apps, attempts
    finally:
        for app in apps:
            stop_live_app(app)
        redis.terminate()
        redis.wait(10)


async def _open_verify(app: LiveApp, client_ip: str) -> StClient:
    tab = StClient(app.url, timeout=120, headers={"X-Forwarded-For": client_ip})
    await tab.__aenter__()
    await tab.run()
    await tab.goto("verify")
    return tab


async def _lookup(tab: StClient, code: str) -> str:
    tab.set_text(zh("verify.code_label"), code)
    await tab.click(zh("verify.check"))
    shown = [OUTCOMES[t] for t in tab.texts() if t in OUTCOMES]
    assert len(shown) == 1, tab.texts()
    return shown[0]


async def _abuse(apps: list[LiveApp], attempts: list[str]) -> tuple[Counter[str], float, Counter[str]]:
    tabs = [await _open_verify(app, "203.0.113.77") for app in apps]
    began = time.monotonic()
    seen: Counter[str] = Counter()
    for i in range(PUBLIC_LIMITER.limit + 6):
        seen[await _lookup(tabs[i % 2], attempts[i % len(attempts)])] += 1
    elapsed = time.monotonic() - began
    other = await _open_verify(apps[1], "198.51.100.5")
    other_seen = Counter([await _lookup(other, attempts[0]) for _ in range(2)])
    for tab in [*tabs, other]:
        await tab.close()
    return seen, elapsed, other_seen


def test_limit_is_shared_by_two_instances_and_nothing_forged_is_valid(two_instances) -> None:  # type: ignore[no-untyped-def]
    apps, attempts = two_instances
    seen, elapsed, other_seen = asyncio.run(_abuse(apps, attempts))
    assert seen["valid"] == 0 and other_seen["valid"] == 0
    assert seen["unknown"] >= 1 and seen["invalid"] >= 1, seen  # the page really looked codes up
    if elapsed < PUBLIC_LIMITER.window - 5:  # all within one window: exactly the limit passed, across both instances
        assert seen["limited"] == 6 and seen.total() - seen["limited"] == PUBLIC_LIMITER.limit, seen
    else:
        assert seen["limited"] >= 1, (seen, elapsed)
    assert other_seen["limited"] == 0, other_seen
