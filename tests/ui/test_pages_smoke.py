"""AppTest smoke test: every page, for every role, renders without an exception (and signed-out visitors see only
public pages)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest
from support.app_env import APP, prepared_site, session_token
from support.factories import make_trainer, make_tree, make_user

from training_app.config import get_settings
from training_app.db.tables import Role
from training_app.services.accounts import system_actor
from training_app.services.demo import seed_demo
from training_app.services.startup import engine_for
from training_app.services.uow import unit_of_work
from training_app.ui import navigation


@pytest.fixture
def app_env(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[dict[str, str]]:
    with prepared_site(tmp_path, monkeypatch) as (_, engine):
        with unit_of_work(engine) as s:
            seed_demo(s, system_actor())
            tree = make_tree(s)
            users = {
                "trainee": make_user(s, org=tree["cohort"]),
                "trainer": make_trainer(s, cohorts=[tree["cohort"]]),
                "agency": make_user(s, role=Role.AGENCY, org=tree["agency"]),
                "admin": make_user(s, role=Role.ADMIN),
            }
        yield {role: session_token(engine, user.username) for role, user in users.items()}


def _app(token: str | None) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=60)
    if token:
        at.session_state["auth_token"] = token
    return at


def test_signed_out_visitor_sees_sign_in_only(app_env: dict[str, str]) -> None:
    at = _app(None)
    at.run()
    assert not at.exception
    assert at.text_input(key="sign_in_username")


@pytest.mark.parametrize("role", ["trainee", "trainer", "agency", "admin"])
def test_every_page_renders_for_role(app_env: dict[str, str], role: str) -> None:
    at = _app(app_env[role])
    at.run()
    assert not at.exception, at.exception
    specs = [p for p in navigation.PAGES if p.roles is not None and Role(role) in p.roles]
    assert specs
    for spec in specs:
        at.switch_page(str(navigation.PAGES_DIR / spec.file)).run()
        assert not at.exception, (spec.file, at.exception)
        assert not at.error, (spec.file, [e.value for e in at.error])


def test_user_supplied_name_is_not_rendered_as_markdown(app_env: dict[str, str]) -> None:
    from sqlmodel import select

    from training_app.db.tables import User, UserSession
    from training_app.services.auth import _token_hash

    engine = engine_for(get_settings())
    with unit_of_work(engine) as s:
        row = s.exec(select(UserSession).where(UserSession.token_hash == _token_hash(app_env["trainee"]))).one()
        user = s.get(User, row.user_id)
        assert user is not None
        user.display_name = "**粗体** [点我](http://evil.example) ![x](http://evil.example/i.png)"
        s.add(user)
    at = _app(app_env["trainee"])
    at.run()
    title = at.title[0].value
    assert "\\[点我\\]\\(http\\://evil\\.example\\)" in title
    assert "\\!\\[x\\]" in title and "\\*\\*粗体\\*\\*" in title
