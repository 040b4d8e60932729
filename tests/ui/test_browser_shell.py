"""Real browser: a trainee created at the command line signs in, switches language, signs out; the choice persists."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from support.browser import sign_in

pytestmark = pytest.mark.browser

PASSWORD = "果园里的苹果红了-2026"  # noqa: S105


def test_trainee_sign_in_language_switch_persists_after_sign_out(live_app, page, tmp_path: Path) -> None:
    created = live_app.cli(
        "create-user", "--username", "t1", "--role", "trainee", "--password-stdin", stdin=PASSWORD + "\n"
    )
    assert created.returncode == 0, created.stderr
    page.goto(live_app.url)
    sign_in(page, "t1", PASSWORD)
    page.get_by_text("下一步：先去“课程”学习").wait_for()
    page.screenshot(path=str(tmp_path / "trainee-home-zh.png"), full_page=True)

    page.get_by_text("English", exact=True).click()
    page.get_by_text("Next: study in Courses").wait_for()
    page.get_by_role("button", name="Sign out").click()
    page.get_by_role("button", name=re.compile("^Sign in$")).wait_for()

    sign_in(page, "t1", PASSWORD)
    page.get_by_text("Next: study in Courses").wait_for()
    page.screenshot(path=str(tmp_path / "trainee-home-en.png"), full_page=True)
    assert (tmp_path / "trainee-home-en.png").stat().st_size > 0


def test_health_endpoint_answers_ok(live_app) -> None:
    import urllib.request

    with urllib.request.urlopen(f"{live_app.url}/_stcore/health", timeout=5) as resp:  # noqa: S310
        assert resp.read().strip() == b"ok"
    assert live_app.admin_password and len(live_app.admin_password) >= 16
