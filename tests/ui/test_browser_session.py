"""Real browser: a reload keeps the user signed in (HttpOnly, SameSite=Strict cookie); signing out really ends it."""

from __future__ import annotations

import re
import time

import pytest
from support.browser import sign_in

pytestmark = pytest.mark.browser

PASSWORD = "山坡上的茶叶绿了-2026"  # noqa: S105
HOME = "下一步：先去“课程”学习"


def _session_cookie(page: object) -> dict | None:
    cookies = page.context.cookies()  # type: ignore[attr-defined]
    return next((c for c in cookies if c["name"] == "rla_session"), None)


def _wait_cookie(page: object, present: bool, timeout: float = 15) -> dict | None:
    deadline = time.time() + timeout
    while time.time() < deadline:
        cookie = _session_cookie(page)
        if (cookie is not None) == present:
            return cookie
        time.sleep(0.2)
    raise AssertionError(f"cookie present={not present} after {timeout}s")


def test_reload_keeps_user_signed_in_until_sign_out(live_app, page) -> None:
    created = live_app.cli(
        "create-user", "--username", "t2", "--role", "trainee", "--password-stdin", stdin=PASSWORD + "\n"
    )
    assert created.returncode == 0, created.stderr
    page.goto(live_app.url)
    sign_in(page, "t2", PASSWORD)
    page.get_by_text(HOME).wait_for()
    cookie = _wait_cookie(page, present=True)
    assert cookie["httpOnly"] and cookie["sameSite"] == "Strict" and cookie["path"] == "/"
    assert "rla_session" not in page.evaluate("document.cookie")  # page scripts cannot read it
    assert cookie["value"] not in page.url

    page.reload()
    page.get_by_text(HOME).wait_for()
    page.get_by_role("button", name="退出登录").click()
    page.get_by_role("button", name=re.compile("^登录$")).wait_for()
    _wait_cookie(page, present=False)

    page.reload()
    page.get_by_role("button", name=re.compile("^登录$")).wait_for()
    assert page.get_by_text(HOME).count() == 0

    # A copy of the cookie kept from before sign-out is worthless (the server-side row is revoked) and is cleared.
    page.context.add_cookies([{k: cookie[k] for k in ("name", "value", "domain", "path")}])
    page.reload()
    page.get_by_text("登录已过期，请重新登录。").wait_for()
    assert page.get_by_text(HOME).count() == 0
    _wait_cookie(page, present=False)
