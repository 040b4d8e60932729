"""The sign-in cookie: lets a page reload (or a phone reopening the tab) keep the user signed in.

The cookie holds the server-side session token itself (only its sha256 is stored, in ``UserSession``), so signing
out, a password reset (it ends every session of the user), disabling the user and the idle/absolute timeouts end
it exactly as they end the Streamlit session. It is ``HttpOnly`` (page scripts cannot read it), ``SameSite=Strict``
and ``Secure`` over https (then named ``__Host-rla_session``, which only this exact https origin can set).

Streamlit scripts cannot set cookies, so a small route served next to Streamlit (``st.App`` in ``web_server.py``)
does it. Right after sign-in the script asks for a one-time nonce (random, 60 s, single use, kept only in this
process's memory) and the page POSTs it to ``/_auth/session``; the answer sets the cookie. The session token never
appears in a URL or in the page. ``DELETE /_auth/session`` clears the cookie on sign-out. Both refuse cross-site
requests (``Sec-Fetch-Site`` / ``Origin``), so another site cannot sign a visitor in or out.
"""

from __future__ import annotations

import hashlib
import secrets
import threading
import time
from dataclasses import dataclass
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

if TYPE_CHECKING:
    from starlette.requests import Request
    from starlette.responses import Response
    from starlette.routing import BaseRoute

COOKIE_NAME = "rla_session"
SECURE_COOKIE_NAME = "__Host-rla_session"  # over https: the browser refuses it from http or a sibling subdomain
ROUTE_PATH = "/_auth/session"
NONCE_TTL_SECONDS = 60.0
_MAX_PENDING = 10_000


@dataclass(frozen=True)
class _Pending:
    token: str
    max_age: int
    expires: float


_pending: dict[str, _Pending] = {}
_lock = threading.Lock()


def _key(nonce: str) -> str:
    return hashlib.sha256(nonce.encode()).hexdigest()


def issue_nonce(token: str, max_age_seconds: int, *, now: float | None = None) -> str:
    """A one-time nonce the browser exchanges for the cookie holding ``token`` (only its hash is kept as key)."""
    now = time.monotonic() if now is None else now
    nonce = secrets.token_urlsafe(32)
    with _lock:
        for key in [k for k, v in _pending.items() if v.expires <= now]:
            del _pending[key]
        if len(_pending) >= _MAX_PENDING:
            _pending.pop(next(iter(_pending)))
        _pending[_key(nonce)] = _Pending(token=token, max_age=max(max_age_seconds, 0), expires=now + NONCE_TTL_SECONDS)
    return nonce


def redeem_nonce(nonce: str, *, now: float | None = None) -> _Pending | None:
    """The pending cookie for ``nonce`` (removed: a nonce works once), or None if unknown or expired."""
    now = time.monotonic() if now is None else now
    with _lock:
        entry = _pending.pop(_key(nonce), None)
    return entry if entry is not None and entry.expires > now else None


def _same_origin(request: Request) -> bool:
    site = request.headers.get("sec-fetch-site")
    if site is not None:
        return site == "same-origin"
    origin = request.headers.get("origin")
    return origin is not None and urlsplit(origin).netloc == request.headers.get("host")


def is_https(scheme_or_url: str, forwarded_proto: str | None) -> bool:
    """https here, or at the TLS-terminating proxy in front (deploy/nginx.conf sends X-Forwarded-Proto). Trusting
    the header is safe: a forged "https" only makes the forger's own cookie Secure."""
    forwarded = (forwarded_proto or "").split(",")[0].strip().lower()
    scheme = scheme_or_url.split(":", 1)[0].lower()
    return scheme in ("https", "wss") or forwarded == "https"


def cookie_name(https: bool) -> str:
    return SECURE_COOKIE_NAME if https else COOKIE_NAME


def _is_https(request: Request) -> bool:
    return is_https(request.url.scheme, request.headers.get("x-forwarded-proto"))


async def _session_route(request: Request) -> Response:
    from starlette.responses import Response

    if not _same_origin(request):
        return Response(status_code=403)
    response = Response(status_code=204, headers={"Cache-Control": "no-store"})
    if request.method == "DELETE":
        for name in (COOKIE_NAME, SECURE_COOKIE_NAME) if _is_https(request) else (COOKIE_NAME,):
            response.delete_cookie(name, path="/", secure=_is_https(request), httponly=True, samesite="strict")
        return response
    nonce = (await request.body())[:200].decode("ascii", errors="replace").strip()
    entry = redeem_nonce(nonce) if nonce else None
    if entry is None:
        return Response(status_code=403)
    response.set_cookie(
        cookie_name(_is_https(request)),
        entry.token,
        max_age=entry.max_age,
        path="/",
        secure=_is_https(request),
        httponly=True,
        samesite="strict",
    )
    return response


def routes() -> list[BaseRoute]:
    from starlette.routing import Route

    return [Route(ROUTE_PATH, _session_route, methods=["POST", "DELETE"])]
