"""Real browser (Chromium, phone-sized): an agency officer issues a certificate to a trainee who meets the rules
(modules, quizzes, a clip reviewed by a trainer, the trainer's sign-off), a signed-out visitor opens the
verification page from the QR address and sees "valid"; after the officer revokes it, the page says "revoked".

The review and sign-off steps are written through the services before the app starts (the review screens have
their own browser tests); everything the officer and the visitor do happens in the browser.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path

import pytest
from sqlmodel import select
from support.browser import LiveApp, sign_in, start_live_app, stop_live_app
from support.factories import make_trainer, make_tree, make_user

from training_app.catalog.certification import load_certification
from training_app.catalog.courses import load_courses
from training_app.config import REPO_ROOT
from training_app.db import utcnow
from training_app.db.engine import make_engine, session_scope
from training_app.db.migrate import upgrade
from training_app.db.tables import (
    Clip,
    ClipSource,
    ClipStatus,
    CourseLesson,
    LessonProgress,
    QuizAttempt,
    Review,
    ReviewStatus,
    Role,
)  # fmt: skip
from training_app.services.accounts import system_actor
from training_app.services.certification import sign_off
from training_app.services.content import load_content

pytestmark = pytest.mark.browser
PASSWORD = "果园里的直播间-2026"  # noqa: S105


def _ready_trainee(s, trainee_id: int, trainer_id: int) -> None:  # type: ignore[no-untyped-def]
    basic = load_certification(REPO_ROOT / "assessments").level("basic")
    now = utcnow() - timedelta(days=1)
    for module in basic.modules:
        for lesson in s.exec(select(CourseLesson).where(CourseLesson.module_id == module)):
            s.add(LessonProgress(user_id=trainee_id, lesson_id=lesson.id, seen_version=lesson.version,
                                 completed_at=now, completed_version=lesson.version))  # fmt: skip
        s.add(QuizAttempt(user_id=trainee_id, module_id=module, quiz_version="v", seed=1, pass_mark=0.6,
                          submitted_at=now, score=0.9, passed=True, total=5, correct_count=5))  # fmt: skip
    clip = Clip(owner_id=trainee_id, uploaded_by_id=trainee_id, media_key="browser-test-clip", sha256="0" * 64,
                size_bytes=1, container="wav", source=ClipSource.RECORDING, status=ClipStatus.SCORED)  # fmt: skip
    s.add(clip)
    s.flush()
    s.add(Review(clip_id=clip.id or 0, trainer_id=trainer_id, status=ReviewStatus.SUBMITTED, rubric_id="r",
                 rubric_version="1", overall=82.0, submitted_at=now))  # fmt: skip


@pytest.fixture
def cert_app(tmp_path: Path) -> Iterator[LiveApp]:
    data_dir = tmp_path / "app-data"
    engine = make_engine(f"sqlite:///{data_dir / 'training_app.db'}")
    upgrade(engine)
    with session_scope(engine) as s:
        load_content(s, system_actor(), load_courses(REPO_ROOT / "courses"))
    with session_scope(engine) as s:
        tree = make_tree(s)
        trainee = make_user(s, org=tree["cohort"], username="farmer-zhang", display_name="张三丰")
        trainer = make_trainer(s, cohorts=[tree["cohort"]])
        make_user(s, role=Role.AGENCY, org=tree["agency"], username="officer-chen", password=PASSWORD)
        _ready_trainee(s, trainee.id or 0, trainer.id or 0)
        sign_off(s, trainer, trainee.id or 0, "basic", "ready to go live")
    engine.dispose()
    app = start_live_app(data_dir)
    yield app
    stop_live_app(app)


def test_officer_issues_visitor_verifies_then_sees_revoked(cert_app: LiveApp, page, browser) -> None:  # type: ignore[no-untyped-def]
    page.goto(cert_app.url)
    sign_in(page, "officer-chen", PASSWORD)
    main = page.locator("[data-testid='stMainBlockContainer']")
    main.get_by_role("link", name=re.compile("证书管理")).first.click()
    page.get_by_text("全部条件已达到").wait_for()
    page.get_by_role("button", name="颁发证书").click()
    page.get_by_text("证书已颁发。").wait_for()
    code = page.locator("[data-testid='stCode'] code").first.inner_text().strip()
    assert re.fullmatch(r"[0-9A-Z]{5}(-[0-9A-Z]{1,5})+", code)
    with page.expect_download() as download:
        page.get_by_role("button", name="下载证书 PDF").click()
    assert Path(download.value.path()).read_bytes().startswith(b"%PDF")

    visitor = browser.new_context(viewport={"width": 360, "height": 780}, locale="zh-CN").new_page()
    visitor.goto(f"{cert_app.url}/verify?code={code}")
    visitor.get_by_text("证书有效").wait_for(timeout=60_000)
    assert visitor.get_by_text("张**").count() >= 1
    assert visitor.get_by_text("张三丰").count() == 0

    page.get_by_role("tab", name="已颁发的证书").click()
    page.get_by_label("撤销原因（必填）").fill("直播中虚假宣传 false health claims")
    page.get_by_role("button", name="撤销").click()
    page.get_by_text("证书已撤销。").wait_for()

    visitor.reload()
    visitor.get_by_text(re.compile(r"证书已于 \d{4}-\d{2}-\d{2} 撤销")).wait_for(timeout=60_000)
