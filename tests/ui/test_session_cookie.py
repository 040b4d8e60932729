"""The sign-in cookie route (driven as plain ASGI, no server): a one-time, short-lived nonce becomes an HttpOnly,
SameSite=Strict cookie (Secure over https); cross-site requests are refused; DELETE clears it."""

from __future__ import annotations

import asyncio

from starlette.applications import Starlette

from training_app.ui import session_cookie


def _call(
    method: str, body: bytes = b"", *, scheme: str = "http", headers: dict[str, str] | None = None
) -> tuple[int, list[str]]:
    app = Starlette(routes=session_cookie.routes())
    hdrs = {"host": "127.0.0.1:8501", "sec-fetch-site": "same-origin", **(headers or {})}
    scope = {
        "type": "http", "http_version": "1.1", "method": method, "scheme": scheme, "path": session_cookie.ROUTE_PATH,
        "raw_path": session_cookie.ROUTE_PATH.encode(), "query_string": b"", "root_path": "",
        "headers": [(k.encode(), v.encode()) for k, v in hdrs.items() if v is not None],
        "server": ("127.0.0.1", 8501), "client": ("127.0.0.1", 50000),
    }  # fmt: skip
    sent: list[dict] = []

    async def receive() -> dict:
        return {"type": "http.request", "body": body, "more_body": False}

    async def send(message: dict) -> None:
        sent.append(message)

    asyncio.run(app(scope, receive, send))
    start = sent[0]
    cookies = [v.decode() for k, v in start["headers"] if k == b"set-cookie"]
    return start["status"], cookies


def test_nonce_sets_httponly_strict_cookie_once() -> None:
    nonce = session_cookie.issue_nonce("the-token", 3600)
    status, cookies = _call("POST", nonce.encode())
    assert status == 204 and len(cookies) == 1
    cookie = cookies[0]
    assert cookie.startswith("rla_session=the-token;")
    assert "HttpOnly" in cookie and "SameSite=strict" in cookie and "Max-Age=3600" in cookie and "Path=/" in cookie
    assert "Secure" not in cookie
    assert _call("POST", nonce.encode()) == (403, [])  # single use


def test_cookie_is_secure_and_host_prefixed_over_https() -> None:
    nonce = session_cookie.issue_nonce("the-token", 60)
    status, cookies = _call("POST", nonce.encode(), scheme="https")
    assert status == 204 and "Secure" in cookies[0] and cookies[0].startswith("__Host-rla_session=the-token;")
    nonce = session_cookie.issue_nonce("the-token", 60)
    status, cookies = _call("POST", nonce.encode(), headers={"x-forwarded-proto": "https"})  # TLS at nginx
    assert status == 204 and "Secure" in cookies[0] and cookies[0].startswith("__Host-rla_session=")
    status, cookies = _call("DELETE", scheme="https")
    assert status == 204 and sorted(c.split("=")[0] for c in cookies) == ["__Host-rla_session", "rla_session"]
    assert session_cookie.is_https("https://academy.example/", None)
    assert not session_cookie.is_https("http://127.0.0.1:8501/", None)


def test_expired_or_unknown_nonce_is_refused() -> None:
    nonce = session_cookie.issue_nonce("the-token", 60, now=0.0)
    assert session_cookie.redeem_nonce(nonce, now=session_cookie.NONCE_TTL_SECONDS + 1) is None
    assert _call("POST", b"made-up") == (403, [])
    assert _call("POST", b"") == (403, [])


def test_cross_site_requests_are_refused() -> None:
    nonce = session_cookie.issue_nonce("the-token", 60)
    assert _call("POST", nonce.encode(), headers={"sec-fetch-site": "cross-site"}) == (403, [])
    assert _call("DELETE", headers={"sec-fetch-site": "same-site"}) == (403, [])
    legacy = {"sec-fetch-site": None, "origin": "https://evil.example"}  # type: ignore[dict-item]
    assert _call("POST", nonce.encode(), headers=legacy) == (403, [])
    same = {"sec-fetch-site": None, "origin": "http://127.0.0.1:8501"}  # type: ignore[dict-item]
    assert _call("POST", nonce.encode(), headers=same)[0] == 204  # (the refused tries did not use the nonce up)


def test_delete_clears_the_cookie() -> None:
    status, cookies = _call("DELETE")
    assert status == 204 and cookies[0].startswith("rla_session=") and "Max-Age=0" in cookies[0]
