"""Real browser (Chromium, phone-sized): a trainee reads a lesson, passes a quiz and sees their progress; their
trainer then finds them in the cohort table (checked through the CSV export, since the table is drawn on a canvas)."""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlmodel import col, select
from support.browser import LiveApp, sign_in, start_live_app, stop_live_app
from support.factories import make_trainer, make_tree, make_user

from training_app.db.engine import make_engine, session_scope
from training_app.db.migrate import upgrade
from training_app.db.tables import CourseModule, QuizQuestion
from training_app.services.accounts import system_actor
from training_app.services.organisations import assign_trainer

pytestmark = pytest.mark.browser
PASSWORD = "稻田边上的直播间-2026"  # noqa: S105


@pytest.fixture
def course_app(tmp_path: Path) -> Iterator[LiveApp]:
    """The live app on a database prepared beforehand with a cohort, a trainee and their trainer."""
    data_dir = tmp_path / "app-data"
    engine = make_engine(f"sqlite:///{data_dir / 'training_app.db'}")
    upgrade(engine)
    with session_scope(engine) as s:
        tree = make_tree(s)
        make_user(s, org=tree["cohort"], username="farmer-li", display_name="李大姐", password=PASSWORD)
        trainer = make_trainer(s, cohorts=[tree["cohort"]])
        trainer.username = "teacher-wang"
        assign_trainer(s, system_actor(), trainer_id=trainer.id or 0, cohort_code=tree["cohort"].code)
        from training_app.services.passwords import hash_password

        trainer.password_hash = hash_password(PASSWORD)
        s.add(trainer)
    engine.dispose()
    app = start_live_app(data_dir)
    yield app
    stop_live_app(app)


def _first_open_module(app: LiveApp) -> tuple[str, str, list[QuizQuestion]]:
    engine = make_engine(f"sqlite:///{app.data_dir / 'training_app.db'}")
    with session_scope(engine) as s:
        module = s.exec(
            select(CourseModule).where(CourseModule.prerequisites == []).order_by(col(CourseModule.id))
        ).first()
        assert module is not None, "the app should have loaded the shipped courses at start"
        questions = list(s.exec(select(QuizQuestion).where(QuizQuestion.module_id == module.id)))
    engine.dispose()
    return module.id, module.title_zh, questions


def _answer_all(page, questions: list[QuizQuestion]) -> None:  # type: ignore[no-untyped-def]
    for question in questions:
        block = page.locator("[data-testid='stForm']")
        for option in question.options:
            if option["correct"]:
                block.get_by_text(option["text"]["zh"], exact=True).click()


def test_trainee_reads_passes_quiz_and_trainer_sees_it(course_app: LiveApp, page, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    module_id, module_title, questions = _first_open_module(course_app)
    page.goto(course_app.url)
    sign_in(page, "farmer-li", PASSWORD)
    main = page.locator("[data-testid='stMainBlockContainer']")
    main.get_by_role("link", name=re.compile("课程")).first.click()
    page.get_by_text(module_title, exact=False).first.wait_for()

    module_box = page.locator(f".st-key-module_{module_id}")
    module_box.locator("[data-testid='stPageLink'] a").first.click()
    page.get_by_role("button", name="我学完了这一课").click()
    page.get_by_text("这一课已学完").wait_for()
    page.screenshot(path=str(tmp_path / "lesson.png"), full_page=True)

    main.get_by_role("link", name=re.compile("回到课程列表")).click()
    module_box.get_by_role("link", name=re.compile("做本单元测验")).click()
    page.get_by_role("button", name="开始测验").click()
    page.get_by_role("button", name="交卷").wait_for()
    _answer_all(page, questions)
    page.get_by_role("button", name="交卷").click()
    page.get_by_text("通过了！").wait_for()
    page.screenshot(path=str(tmp_path / "quiz.png"), full_page=True)

    main.get_by_role("link", name=re.compile("看我的进度")).click()
    page.get_by_text("测验成绩变化").wait_for()
    page.locator("[data-testid='stProgress']").first.wait_for()
    page.get_by_role("button", name=re.compile("退出|Sign out")).click()

    sign_in(page, "teacher-wang", PASSWORD)
    main.get_by_role("link", name=re.compile("学员进度")).first.click()
    with page.expect_download() as download:
        page.get_by_role("button", name=re.compile("下载表格")).click()
    text = Path(download.value.path()).read_text(encoding="utf-8-sig")
    rows = list(csv.DictReader(io.StringIO(text)))
    assert [r["学员"] for r in rows] == ["李大姐"]
    assert rows[0][module_title] == "100"
    assert rows[0]["已学课数"].startswith("1/")
