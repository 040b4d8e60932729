"""Public certificate verification: anyone with a code learns valid / revoked (with the date) / expired / unknown /
invalid, with only the masked name, programme, level, issuing agency and dates.

Order of work: the per-client rate limit, then the Ed25519 signature (no database involved, so a forged or mistyped
code costs nothing), then one lookup by the code's random id. A rate-limited client gets ``RateLimited``, never a
result.

The limit is a sliding window per client key. One app instance keeps it in memory (``RateLimiter``); several
instances behind a proxy share it in Redis when a ``redis://`` queue URL is configured (``RedisRateLimiter``: one
atomic Lua script per check, so concurrent instances cannot both take the last slot). If Redis stops answering,
each instance falls back to its own in-memory window (logged) rather than turning the limit off or the page away.
"""

from __future__ import annotations

import logging
import secrets
import threading
import time
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum
from typing import Any, Protocol

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey
from sqlalchemy import Engine
from sqlmodel import select

from training_app.catalog.certification import CertificationCatalog
from training_app.certification import codes
from training_app.db import utcnow
from training_app.db.tables import Organisation
from training_app.db.tables.certification import Certificate
from training_app.errors import RateLimited
from training_app.services.uow import unit_of_work

logger = logging.getLogger(__name__)


class VerifyState(StrEnum):
    VALID = "valid"
    REVOKED = "revoked"
    EXPIRED = "expired"
    UNKNOWN = "unknown"  # correctly signed, but no such certificate here
    INVALID = "invalid"  # malformed, mistyped or forged


@dataclass(frozen=True)
class VerifyResult:
    state: VerifyState
    holder: str = ""
    programme: str = ""
    level: str = ""
    agency: str = ""
    issued_at: datetime | None = None
    expires_at: datetime | None = None
    revoked_at: datetime | None = None


class RateLimiter:
    """At most ``limit`` calls per ``window`` seconds per client key (sliding window, in this process).

    One Streamlit server is one process, so this holds for every visitor of it; behind several servers each keeps
    its own window (use a shared store then).
    """

    def __init__(self, limit: int = 10, window: float = 60.0, clock: Callable[[], float] = time.monotonic) -> None:
        self.limit, self.window, self.clock = limit, window, clock
        self._hits: dict[str, deque[float]] = {}
        self._lock = threading.Lock()

    def allow(self, key: str) -> bool:
        now = self.clock()
        with self._lock:
            hits = self._hits.setdefault(key, deque())
            while hits and hits[0] <= now - self.window:
                hits.popleft()
            if len(hits) >= self.limit:
                return False
            hits.append(now)
            if len(self._hits) > 10_000:  # forget idle clients so the map cannot grow without bound
                self._hits = {k: v for k, v in self._hits.items() if v and v[-1] > now - self.window}
            return True


class Limiter(Protocol):
    limit: int
    window: float

    def allow(self, key: str) -> bool: ...


# KEYS[1]: the client's sorted set of hit times. ARGV: now, window, limit, a unique member. Returns 1 if allowed.
_SLIDING_WINDOW = """
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', tonumber(ARGV[1]) - tonumber(ARGV[2]))
if redis.call('ZCARD', KEYS[1]) >= tonumber(ARGV[3]) then return 0 end
redis.call('ZADD', KEYS[1], ARGV[1], ARGV[4])
redis.call('PEXPIRE', KEYS[1], math.ceil(tonumber(ARGV[2]) * 1000))
return 1
"""


class RedisRateLimiter:
    """The same sliding window as ``RateLimiter``, kept in Redis so every app instance counts the same hits.

    ``clock`` is wall-clock time (instances on several hosts must agree on it; NTP is enough for a 60 s window).
    Keys expire with the window, so idle clients leave nothing behind.
    """

    def __init__(
        self,
        client: Any,
        limit: int = 10,
        window: float = 60.0,
        *,
        prefix: str = "training_app:verify:",
        clock: Callable[[], float] = time.time,
        fallback: RateLimiter | None = None,
    ) -> None:
        self.client, self.limit, self.window, self.prefix, self.clock = client, limit, window, prefix, clock
        self.fallback = fallback or RateLimiter(limit, window)
        self._script = client.register_script(_SLIDING_WINDOW)

    def allow(self, key: str) -> bool:
        import redis

        now = self.clock()
        member = f"{now:.6f}:{secrets.token_hex(4)}"
        try:
            return bool(self._script(keys=[self.prefix + key], args=[now, self.window, self.limit, member]))
        except redis.RedisError as exc:
            logger.warning("rate limit store unavailable, limiting in this process only: %s", exc)
            return self.fallback.allow(key)


PUBLIC_LIMITER = RateLimiter()
_SHARED: dict[str, RedisRateLimiter] = {}
_SHARED_LOCK = threading.Lock()


def public_limiter(queue_url: str | None) -> Limiter:
    """The public page's limiter: shared through Redis when the queue is on Redis, else this process's own."""
    if not queue_url or not queue_url.startswith(("redis://", "rediss://")):
        return PUBLIC_LIMITER
    with _SHARED_LOCK:
        if queue_url not in _SHARED:
            import redis

            client = redis.Redis.from_url(queue_url, socket_timeout=2, socket_connect_timeout=2)
            _SHARED[queue_url] = RedisRateLimiter(client, PUBLIC_LIMITER.limit, PUBLIC_LIMITER.window)
        return _SHARED[queue_url]


def _lookup(
    engine: Engine, info: codes.CodeInfo, levels: CertificationCatalog, lang: str, now: datetime
) -> VerifyResult:
    with unit_of_work(engine, write=False) as session:
        row = session.exec(
            select(Certificate, Organisation)
            .join(Organisation, Organisation.id == Certificate.issuing_org_id)  # type: ignore[arg-type]
            .where(Certificate.public_id == info.public_id)
        ).first()
    if row is None:
        return VerifyResult(VerifyState.UNKNOWN)
    cert, org = row
    if cert.revoked_at is not None:
        state = VerifyState.REVOKED
    elif cert.expires_at <= now:
        state = VerifyState.EXPIRED
    else:
        state = VerifyState.VALID
    level = next((lv.title.get(lang) for lv in levels.levels if lv.id == cert.level), cert.level)
    return VerifyResult(
        state, cert.holder_masked_name, levels.programme.get(lang), level, org.name,
        cert.issued_at, cert.expires_at, cert.revoked_at,
    )  # fmt: skip


def verify_code(
    engine: Engine,
    code: str,
    *,
    public_keys: list[Ed25519PublicKey],
    levels: CertificationCatalog,
    lang: str = "zh",
    client: str | None = None,
    limiter: Limiter | None = None,
    now: datetime | None = None,
) -> VerifyResult:
    """What the certificate with ``code`` is worth now. ``client`` is rate-limited when given (public page)."""
    if client is not None and not (limiter or PUBLIC_LIMITER).allow(client):
        raise RateLimited("verify.rate_limited")
    try:
        info = codes.parse_code(code, public_keys)
    except codes.CodeError as exc:
        logger.info("certificate code rejected: %s", exc)
        return VerifyResult(VerifyState.INVALID)
    return _lookup(engine, info, levels, lang, now or utcnow())
