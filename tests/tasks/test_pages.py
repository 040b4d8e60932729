"""AppTest of the task pages: a trainee's task list and live room, a trainer's assignment form and script editor
with its timeline preview, and the comment report component on user-supplied comment text."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlmodel import SQLModel
from streamlit.testing.v1 import AppTest
from support.app_env import APP, prepared_site, session_token
from support.consent import grant_consent
from support.factories import make_trainer, make_tree, make_user

from training_app.services.uow import unit_of_work
from training_app.ui import navigation

PAGES = navigation.PAGES_DIR


@pytest.fixture
def tokens(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[dict[str, str]]:
    with prepared_site(tmp_path, monkeypatch) as (_, engine):
        SQLModel.metadata.create_all(engine)  # until the lead regenerates the initial migration with the task tables
        with unit_of_work(engine) as s:
            tree = make_tree(s)
            users = {"trainee": make_user(s, org=tree["cohort"]), "trainer": make_trainer(s, cohorts=[tree["cohort"]])}
        grant_consent(engine, users["trainee"])
        yield {role: session_token(engine, user.username) for role, user in users.items()}


def _at(token: str, page: str, **query: str) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=60)
    at.session_state["auth_token"] = token
    at.run()
    at.switch_page(str(PAGES / page))
    for key, value in query.items():
        at.query_params[key] = value
    at.run()
    assert not at.exception, at.exception
    assert not at.error, [e.value for e in at.error]
    return at


def test_trainee_task_page_lists_free_practice_when_nothing_assigned(tokens: dict[str, str]) -> None:
    at = _at(tokens["trainee"], "tasks_page.py")
    assert any("现在没有布置给你的任务" in i.value for i in at.info)
    assert any("自由练习（15 个任务）" in e.label for e in at.expander)


def test_live_room_page_shows_task_brief_for_task(tokens: dict[str, str]) -> None:
    at = _at(tokens["trainee"], "live_room_page.py", task="pk-honey-cough")
    assert "蜂蜜能治咳嗽吗" in at.title[0].value
    assert any("还能练 5 次" in c.value for c in at.caption)


def test_live_room_page_without_task_points_to_task_list(tokens: dict[str, str]) -> None:
    at = _at(tokens["trainee"], "live_room_page.py")
    assert any("练习任务" in i.value for i in at.info)


def test_trainer_assigns_task_to_cohort(tokens: dict[str, str]) -> None:
    at = _at(tokens["trainer"], "assign_tasks_page.py")
    next(b for b in at.button if b.label == "布置").click().run()
    assert not at.exception and not at.error
    assert any("已布置" in s.value for s in at.success)
    assert any("班级" in t.value for t in at.text)


def test_trainer_script_editor_previews_timeline_and_saves(tokens: dict[str, str]) -> None:
    at = _at(tokens["trainer"], "comment_script_page.py")
    assert any("填上脚本名称" in i.value for i in at.info)
    at.text_input[0].input("测试脚本").run()
    assert not at.error
    assert any("填上脚本名称" in i.value for i in at.info)  # a title alone is not a script yet


def _report_app() -> None:
    from training_app.ui.components.comment_report import render_comment_report

    item = {
        "seq": 0, "shown_at_s": 8.0, "user": "**粗体**", "text": {"zh": "[点我](http://evil.example)", "en": "x"},
        "kind": "bait_health", "status": "answered", "delay_s": 2.0, "answer_text": "能治咳嗽", "compliant": False,
        "missing_labels": [{"zh": "明确不宣称治病功效", "en": "Refuses"}],
        "flags": [{"text": "能治咳嗽", "explanation": "普通食品不能宣称治病", "legal_basis": "广告法第17条"}],
    }  # fmt: skip
    missed = {**item, "seq": 1, "status": "missed", "compliant": True, "flags": [], "answer_text": ""}
    render_comment_report({"comments": {"total": 2, "answered": 1, "non_compliant": 1, "items": [item, missed]}})


def test_comment_report_renders_viewer_text_as_plain_text() -> None:
    at = AppTest.from_function(_report_app)
    at.run()
    assert not at.exception
    assert "[点我](http://evil.example)" in [t.value for t in at.text]
    assert any("\\*\\*粗体\\*\\*" in m.value for m in at.markdown)
    assert any("违规说法" in e.value for e in at.error)
    assert any("没有回复这条评论" in c.value for c in at.caption)
