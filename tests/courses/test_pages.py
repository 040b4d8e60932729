"""AppTest smoke over the course pages, as a trainee (read, complete, quiz, progress) and a trainer (cohort table,
narration), on the shipped content loaded by ``startup.prepare``."""

from __future__ import annotations

import hashlib
import secrets
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path

import pytest
from sqlalchemy import Engine
from sqlmodel import col, select
from streamlit.testing.v1 import AppTest
from support.course_content import People, make_people

from training_app.config import REPO_ROOT, get_settings
from training_app.db import utcnow
from training_app.db.engine import make_engine, session_scope
from training_app.db.tables import CourseLesson, CourseModule, QuizQuestion, User, UserSession
from training_app.services.startup import prepare

APP = str(REPO_ROOT / "training_app" / "ui" / "app.py")


@dataclass
class Site:
    engine: Engine
    people: People
    module_id: str
    lesson_ids: list[str]


@pytest.fixture
def site(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Site]:
    monkeypatch.setenv("TRAINING_APP_DATA_DIR", str(tmp_path / "data"))
    get_settings.cache_clear()
    settings = get_settings()
    engine = make_engine(settings.resolved_database_url())
    prepare(engine, settings)
    people = make_people(engine)
    with session_scope(engine) as s:
        module = s.exec(
            select(CourseModule).where(CourseModule.prerequisites == []).order_by(col(CourseModule.id))
        ).first()
        assert module is not None, "shipped content should load at start"
        stmt = select(CourseLesson.id).where(CourseLesson.module_id == module.id).order_by(col(CourseLesson.order))
        lessons = list(s.exec(stmt))
    yield Site(engine, people, module.id, lessons)
    get_settings.cache_clear()
    engine.dispose()


def signed_in(engine: Engine, user: User, page: str, **params: str) -> AppTest:
    token = secrets.token_urlsafe(16)
    now = utcnow()
    with session_scope(engine) as s:
        row = s.get(User, user.id)
        assert row is not None
        row.language = "en"  # the page follows the user's saved language
        s.add(row)
        s.add(
            UserSession(
                token_hash=hashlib.sha256(token.encode()).hexdigest(),
                user_id=user.id or 0,
                created_at=now,
                last_seen_at=now,
                expires_at=now + timedelta(hours=1),
            )
        )
    at = AppTest.from_file(APP, default_timeout=60)
    at.session_state["auth_token"] = token
    for key, value in params.items():
        at.query_params[key] = value
    at.run()
    at.switch_page(f"pages/{page}")
    return at.run()


def _ok(at: AppTest) -> AppTest:
    assert not at.exception, [e.message for e in at.exception] + [str(e.stack_trace[-5:]) for e in at.exception]
    assert not at.error, [e.value for e in at.error]
    return at


def test_courses_page_trainee_sees_tracks_and_lock_notes(site: Site) -> None:
    at = _ok(signed_in(site.engine, site.people.trainee, "courses_page.py"))
    assert len(at.subheader) >= 3
    assert any("Finish these modules first" in i.value for i in at.info), [i.value for i in at.info]


def test_lesson_page_trainee_marks_complete(site: Site) -> None:
    at = _ok(signed_in(site.engine, site.people.trainee, "lesson_page.py", lesson=site.lesson_ids[0]))
    assert at.title[0].value
    at.button(key=f"complete_{site.lesson_ids[0]}").click().run()
    _ok(at)
    assert any("Lesson finished" in s.value for s in at.success)


def test_quiz_page_trainee_submits_and_sees_explanations(site: Site) -> None:
    at = _ok(signed_in(site.engine, site.people.trainee, "quiz_page.py", module=site.module_id))
    at.button(key=f"start_{site.module_id}").click().run()
    _ok(at)
    with session_scope(site.engine) as s:
        questions = list(s.exec(select(QuizQuestion).where(QuizQuestion.module_id == site.module_id)))
    for question in questions:
        correct = [o["id"] for o in question.options if o["correct"]]
        for widget in at.radio:
            if widget.key and widget.key.endswith(f"_{question.id}"):
                widget.set_value(correct[0])
        for box in at.checkbox:
            if box.key and box.key.rsplit("_", 1)[0].endswith(f"_{question.id}"):
                box.set_value(box.key.rsplit("_", 1)[1] in correct)
    next(b for b in at.button if b.label == "Submit answers").click().run()
    _ok(at)
    assert at.metric[0].value == "100%"
    assert any("You passed" in s.value for s in at.success)
    at2 = _ok(signed_in(site.engine, site.people.trainee, "progress_page.py"))
    assert at2.progress


def test_trainer_pages_render_cohort_table_and_narration(site: Site) -> None:
    trainer = site.people.trainer
    _ok(signed_in(site.engine, trainer, "courses_page.py"))
    lesson = _ok(signed_in(site.engine, trainer, "lesson_page.py", lesson=site.lesson_ids[0]))
    assert any("browsing as staff" in c.value for c in lesson.caption)
    cohort = _ok(signed_in(site.engine, trainer, "cohort_progress_page.py"))
    assert len(cohort.dataframe) == 2  # the cohort table and the standard-function map
    assert {"Trainee A", "Peer B"} <= set(cohort.dataframe[0].value.iloc[:, 0])
    _ok(signed_in(site.engine, trainer, "narration_page.py"))
