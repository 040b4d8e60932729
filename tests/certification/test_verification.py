"""Public verification: rate limit per client that never yields a false "valid" (also under abuse: garbage,
near-miss, truncated and foreign-key codes from one client or many), shared across app instances through Redis;
forged codes cost no database query; the PDF carries the font and the code."""

from __future__ import annotations

import random
import string
import threading
import time
import zlib
from collections import Counter
from collections.abc import Iterator

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from sqlalchemy import event
from support.certification import LEVELS, World, issue, make_eligible
from support.system import start_redis

from training_app.certification import codes
from training_app.certification.masking import mask_name
from training_app.errors import RateLimited
from training_app.services.certificate_pdf import certificate_pdf
from training_app.services.uow import unit_of_work
from training_app.services.verification import (
    PUBLIC_LIMITER,
    Limiter,
    RateLimiter,
    RedisRateLimiter,
    VerifyState,
    public_limiter,
    verify_code,
)


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def test_rate_limit_holds_and_never_yields_valid_when_exceeded(world: World) -> None:
    make_eligible(world, world.people.trainee)
    good = issue(world, world.people.trainee).code
    clock = Clock()
    limiter = RateLimiter(limit=10, window=60, clock=clock)
    keys = [world.key.public_key()]
    states = []
    for i in range(10):
        code = good if i % 2 else codes.make_code(world.key, codes.new_cert_id())
        states.append(verify_code(world.engine, code, public_keys=keys, levels=LEVELS, client="1.2.3.4",
                                  limiter=limiter).state)  # fmt: skip
    assert states.count(VerifyState.VALID) == 5
    for _ in range(5):
        with pytest.raises(RateLimited):
            verify_code(world.engine, good, public_keys=keys, levels=LEVELS, client="1.2.3.4", limiter=limiter)
    other = verify_code(world.engine, good, public_keys=keys, levels=LEVELS, client="5.6.7.8", limiter=limiter)
    assert other.state == VerifyState.VALID
    clock.now += 61
    assert verify_code(world.engine, good, public_keys=keys, levels=LEVELS, client="1.2.3.4",
                       limiter=limiter).state == VerifyState.VALID  # fmt: skip


def test_forged_code_rejected_before_any_database_query(world: World) -> None:
    make_eligible(world, world.people.trainee)
    good = issue(world, world.people.trainee).code
    forged = good[:-3] + ("AAA" if not good.endswith("AAA") else "BBB")
    statements: list[str] = []
    event.listen(world.engine, "before_cursor_execute", lambda *a: statements.append(a[2]))
    result = verify_code(world.engine, forged, public_keys=[world.key.public_key()], levels=LEVELS)
    assert result.state == VerifyState.INVALID
    assert statements == []
    verify_code(world.engine, good, public_keys=[world.key.public_key()], levels=LEVELS)
    assert statements


@pytest.mark.parametrize(
    ("name", "masked"), [("张三丰", "张**"), ("李四", "李*"), ("Ada Lovelace", "A** L*******"), ("", "*")]
)
def test_name_is_masked_when_shown_publicly(name: str, masked: str) -> None:
    assert mask_name(name) == masked


def _text_streams(pdf: bytes) -> bytes:
    out = b""
    for chunk in pdf.split(b"stream\n")[1:]:
        body = chunk.split(b"\nendstream")[0]
        try:
            out += zlib.decompress(body)
        except zlib.error:
            continue
    return out


def test_certificate_pdf_renders_with_cjk_font_and_code(world: World) -> None:
    make_eligible(world, world.people.trainee)
    issued = issue(world, world.people.trainee)
    with unit_of_work(world.engine) as s:
        pdf = certificate_pdf(s, world.people.trainee, certificate_id=issued.certificate.id or 0,
                              signing_key=world.key, base_url="https://academy.example/", levels=LEVELS)  # fmt: skip
    assert pdf.startswith(b"%PDF")
    assert b"NotoSansCJK" in pdf  # the embedded (subset) font
    text = _text_streams(pdf)  # the code is printed in a core font, so it is readable as text (wrapped in lines)
    groups = issued.code.split("-")
    assert groups[0].encode() in text and groups[-1].encode() in text
    assert 5_000 < len(pdf) < 200_000


# --- abuse: one client and many, garbage and near-miss codes; the limit shared across app instances via Redis ---


def _abusive_codes(good: str, other_key: Ed25519PrivateKey, rng: random.Random) -> list[str]:
    """Codes that must never verify as valid: random, one character changed, truncated, padded, signed by another
    key, correctly signed but unknown, case and separator games around a near miss."""
    alphabet = string.ascii_uppercase + string.digits + "-"
    out = ["", "-", "0" * 400, good + "A", good[:-1], good[: len(good) // 2], good.replace("-", "")[:-2]]
    out += ["".join(rng.choice(alphabet) for _ in range(rng.randint(1, 80))) for _ in range(40)]
    for _ in range(40):
        i = rng.randrange(len(good))
        swap = rng.choice([c for c in "ABCDEFGHJKMNPQRSTVWXYZ0123456789" if c != good[i]])
        out.append(good[:i] + swap + good[i + 1 :])
    out += [codes.make_code(other_key, codes.new_cert_id()) for _ in range(10)]
    return [c for c in out if c.replace("-", "").upper() != good.replace("-", "").upper()]


def _hammer(world: World, limiter: Limiter, client: str, attempts: list[str]) -> Counter[str]:
    seen: Counter[str] = Counter()
    for code in attempts:
        try:
            state = verify_code(world.engine, code, public_keys=[world.key.public_key()], levels=LEVELS,
                                client=client, limiter=limiter).state  # fmt: skip
            seen[state.value] += 1
        except RateLimited:
            seen["limited"] += 1
    return seen


def test_abuse_from_one_client_is_cut_at_the_limit_and_nothing_forged_is_valid(world: World) -> None:
    make_eligible(world, world.people.trainee)
    good = issue(world, world.people.trainee).code
    bad = _abusive_codes(good, Ed25519PrivateKey.generate(), random.Random(7))
    clock = Clock()
    limiter = RateLimiter(limit=10, window=60, clock=clock)
    for window in range(3):  # three windows: 10 allowed each, the rest refused, none of them valid
        seen = _hammer(world, limiter, "ip:203.0.113.9", bad[window * 30 : window * 30 + 30])
        assert seen["limited"] == 20 and seen["valid"] == 0, seen
        clock.now += 60.5
    unlimited = _hammer(world, RateLimiter(limit=10_000), "ip:203.0.113.10", bad)
    assert unlimited["valid"] == 0 and unlimited["invalid"] + unlimited["unknown"] == len(bad), unlimited
    assert _hammer(world, limiter, "ip:203.0.113.9", [good]) == Counter(valid=1)


def test_abuse_from_rotating_clients_gives_each_at_most_the_limit(world: World) -> None:
    make_eligible(world, world.people.trainee)
    good = issue(world, world.people.trainee).code
    bad = _abusive_codes(good, Ed25519PrivateKey.generate(), random.Random(8))
    limiter = RateLimiter(limit=10, window=60, clock=Clock())
    allowed: Counter[str] = Counter()
    for i, code in enumerate(bad * 2):
        client = f"ip:198.51.100.{i % 7}"
        seen = _hammer(world, limiter, client, [code])
        assert seen["valid"] == 0
        allowed[client] += seen.total() - seen["limited"]
    assert allowed == {f"ip:198.51.100.{n}": 10 for n in range(7)}


@pytest.fixture(scope="module")
def redis_url() -> Iterator[str]:
    url, proc = start_redis()
    yield url
    proc.terminate()
    proc.wait(10)


def _redis(url: str):  # type: ignore[no-untyped-def]
    import redis

    client = redis.Redis.from_url(url)
    client.flushdb()
    return client


def test_redis_limit_is_shared_by_two_app_instances_under_concurrency(world: World, redis_url: str) -> None:
    clock = Clock()
    clock.now = time.time()
    instances = [RedisRateLimiter(_redis(redis_url), limit=10, window=60, clock=clock) for _ in range(2)]
    allowed: list[bool] = []
    lock = threading.Lock()

    def visitor(n: int) -> None:  # 20 visitors × 5 lookups at once, half on each instance
        got = [instances[n % 2].allow("ip:192.0.2.1") for _ in range(5)]
        with lock:
            allowed.extend(got)

    threads = [threading.Thread(target=visitor, args=(n,)) for n in range(20)]
    for th in threads:
        th.start()
    for th in threads:
        th.join()
    assert (allowed.count(True), allowed.count(False)) == (10, 90)
    assert instances[1].allow("ip:192.0.2.2")  # another client has its own window
    clock.now += 61
    assert all(inst.allow("ip:192.0.2.1") for inst in instances)  # the window slid for both instances


def test_redis_limit_holds_for_lookups_alternating_between_instances(world: World, redis_url: str) -> None:
    make_eligible(world, world.people.trainee)
    good = issue(world, world.people.trainee).code
    bad = _abusive_codes(good, Ed25519PrivateKey.generate(), random.Random(9))
    instances = [RedisRateLimiter(_redis(redis_url), limit=10, window=60) for _ in range(2)]
    seen = sum((_hammer(world, instances[i % 2], "ip:192.0.2.3", [code]) for i, code in enumerate(bad)), Counter())
    assert seen["limited"] == len(bad) - 10 and seen["valid"] == 0, seen
    assert _hammer(world, instances[0], "ip:192.0.2.4", [good]) == Counter(valid=1)


def test_redis_limiter_falls_back_to_this_process_when_redis_is_gone(world: World) -> None:
    import redis
    from support.system import free_port

    dead = redis.Redis(host="127.0.0.1", port=free_port(), socket_connect_timeout=0.5, socket_timeout=0.5)
    limiter = RedisRateLimiter(dead, limit=3, window=60, fallback=RateLimiter(limit=3, window=60, clock=Clock()))
    assert [limiter.allow("ip:192.0.2.7") for _ in range(5)] == [True, True, True, False, False]


def test_public_limiter_is_shared_only_with_a_redis_queue(redis_url: str) -> None:
    assert public_limiter(None) is PUBLIC_LIMITER
    assert public_limiter("postgresql://db/queue") is PUBLIC_LIMITER
    shared = public_limiter(redis_url)
    assert isinstance(shared, RedisRateLimiter) and public_limiter(redis_url) is shared
    assert (shared.limit, shared.window) == (PUBLIC_LIMITER.limit, PUBLIC_LIMITER.window)
