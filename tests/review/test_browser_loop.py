"""Real browser (Chromium, 360×780 phone), the whole certification loop clicked by four people:

1. a trainee signs in, accepts the recording consent, chooses 秦岭土蜂蜜 and uploads a short English take with a
   superlative claim ("This is the best honey in the world", rule ABS-01e); the worker started by
   ``training-app serve`` transcribes it with the real Whisper base model and scores it;
2. their trainer opens the review queue, opens the clip, confirms the flag, sets every rubric level, submits,
   finds no next clip waiting, and signs the trainee off for the basic level;
3. an agency officer issues the basic certificate;
4. a signed-out visitor verifies the code on /verify and sees only a masked name; after the officer revokes it, the
   page says "revoked".

This replaces tests/certification/test_browser_certificate.py, which wrote the clip, the review and the sign-off
through services; the certificate PDF download it checked is checked here.

Made through services before the app starts, because they are not what this loop is about: the accounts, the
course content, the basic level's modules completed and their quizzes passed (``_modules_done``). Everything
else happens in the browser.

The take is a committed fixture (tests/review/data/README.md says how it was made). It has a *major* claim, not a
critical one: the basic level wants no confirmed critical flag in the last reviewed clip, so confirming a health
claim would (rightly) block the certificate this loop has to issue.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path

import pytest
from sqlmodel import select
from support.browser import LiveApp, sign_in, start_live_app, stop_live_app
from support.clips import WHISPER_CACHE
from support.factories import PASSWORD, make_trainer, make_tree, make_user

from training_app.catalog.certification import load_certification
from training_app.catalog.courses import load_courses
from training_app.config import REPO_ROOT
from training_app.db import utcnow
from training_app.db.engine import make_engine, session_scope
from training_app.db.migrate import upgrade
from training_app.db.tables import (
    CourseLesson,
    FlagDecision,
    FlagDecisionKind,
    LessonProgress,
    QuizAttempt,
    Review,
    ReviewStatus,
    Role,
)
from training_app.db.tables.certification import Certificate
from training_app.services.accounts import system_actor
from training_app.services.content import load_content

pytestmark = pytest.mark.browser
TAKE = Path(__file__).parent / "data" / "honey-claim-en.flac"
MAIN = "[data-testid='stMainBlockContainer']"
IDLE = "[data-testid='stApp'][data-test-script-state='notRunning']"
TOP_LEVEL = "4 优秀"


@dataclass
class Loop:
    app: LiveApp
    trainee: str
    trainer: str
    officer: str


def _modules_done(s, trainee_id: int) -> None:  # type: ignore[no-untyped-def]
    """The basic level's modules: every lesson complete, every quiz passed (a day ago)."""
    basic = load_certification(REPO_ROOT / "assessments").level("basic")
    when = utcnow() - timedelta(days=1)
    for module in basic.modules:
        for lesson in s.exec(select(CourseLesson).where(CourseLesson.module_id == module)):
            s.add(LessonProgress(user_id=trainee_id, lesson_id=lesson.id, seen_version=lesson.version,
                                 completed_at=when, completed_version=lesson.version))  # fmt: skip
        s.add(QuizAttempt(user_id=trainee_id, module_id=module, quiz_version="v", seed=1, pass_mark=0.6,
                          submitted_at=when, score=0.9, passed=True, total=5, correct_count=5))  # fmt: skip


@pytest.fixture
def loop(tmp_path: Path) -> Iterator[Loop]:
    data_dir = tmp_path / "app-data"
    data_dir.mkdir()
    engine = make_engine(f"sqlite:///{data_dir / 'training_app.db'}")
    upgrade(engine)
    with session_scope(engine) as s:
        load_content(s, system_actor(), load_courses(REPO_ROOT / "courses"))
    with session_scope(engine) as s:
        tree = make_tree(s)
        trainee = make_user(s, org=tree["cohort"], username="honey-farmer", display_name="王蜜蜂")
        trainer = make_trainer(s, cohorts=[tree["cohort"]])
        officer = make_user(s, role=Role.AGENCY, org=tree["agency"], username="officer-li")
        _modules_done(s, trainee.id or 0)
        names = (trainee.username, trainer.username, officer.username)
    engine.dispose()
    app = start_live_app(data_dir, {"TRAINING_APP_WHISPER_CACHE_DIR": str(WHISPER_CACHE)})
    yield Loop(app, *names)
    stop_live_app(app)


def _person(browser, app: LiveApp, username: str | None):  # type: ignore[no-untyped-def]
    """A phone-sized page of its own (its own Streamlit session), signed in unless ``username`` is None."""
    page = browser.new_context(viewport={"width": 360, "height": 780}, locale="zh-CN").new_page()
    page.set_default_timeout(60_000)
    page.goto(app.url, wait_until="commit")  # then wait for what matters: the sign-in form, the page
    if username is not None:
        sign_in(page, username, PASSWORD)
    return page


def _go(page, name: str) -> None:  # type: ignore[no-untyped-def]
    """Open a page from the home page's launcher (a reload would end the sign-in)."""
    page.locator(MAIN).get_by_role("link", name=re.compile(name)).first.click()


def _menu(page, name: str) -> None:  # type: ignore[no-untyped-def]
    """Open a page from the sidebar menu, unfolding it first (on a phone it is folded away)."""
    sidebar = page.locator("[data-testid='stSidebar']")
    if sidebar.get_attribute("aria-expanded") != "true":
        page.locator("[data-testid='stExpandSidebarButton']").click()
    sidebar.get_by_role("link", name=re.compile(name)).first.click()
    page.locator("[data-testid='stSidebarCollapseButton'] button").click()


def _saved(page, version: int) -> int:  # type: ignore[no-untyped-def]
    """Wait until the review screen shows the draft at ``version`` (each autosave adds one) and the run ended."""
    page.get_by_text(f"草稿已保存（第 {version} 版）").wait_for()
    page.locator(IDLE).wait_for()
    return version


def _submit_take(page) -> None:  # type: ignore[no-untyped-def]
    _go(page, "练习直播")
    main = page.locator(MAIN)
    main.get_by_role("button", name="我已阅读并同意").click()  # the recording consent, asked once
    main.locator("[data-testid='stSelectbox']").first.click()
    page.get_by_role("option", name="秦岭土蜂蜜").click()
    main.get_by_role("tab", name=re.compile("上传文件")).click()
    main.locator("[data-testid='stFileUploaderDropzoneInput']").set_input_files(str(TAKE))
    main.get_by_text(re.compile(r"已保存（编号 \d+）")).wait_for()


def _review(page) -> None:  # type: ignore[no-untyped-def]
    _go(page, "待点评录音")
    main = page.locator(MAIN)
    main.get_by_text("王蜜蜂").wait_for()
    main.get_by_role("link", name=re.compile("打开点评")).first.click()
    version = _saved(page, 1)
    flag = main.locator("[data-testid='stRadio']").filter(has_text="您的判断")
    assert flag.count() == 1
    main.get_by_text("ABS-01e").wait_for()
    flag.get_by_text("确认违规").click()
    version = _saved(page, version + 1)
    levels = main.locator("[data-testid='stRadio']").filter(has_text="等级")
    assert levels.count() == 6
    for i in range(levels.count()):
        option = levels.nth(i).get_by_text(TOP_LEVEL)
        if not levels.nth(i).get_by_role("radio", name=TOP_LEVEL).is_checked():  # not already the AI's level
            option.click()
            version = _saved(page, version + 1)
        assert levels.nth(i).get_by_role("radio", name=TOP_LEVEL).is_checked()
    main.get_by_role("button", name="提交点评").click()
    main.get_by_text("这份点评已提交，学员可以看到。").wait_for()
    main.get_by_role("button", name=re.compile("下一段待点评")).click()
    main.get_by_text("队列里没有其他待点评的录音了。").wait_for()


def _sign_off(page) -> None:  # type: ignore[no-untyped-def]
    _menu(page, "证书管理")
    main = page.locator(MAIN)
    main.get_by_text("还没有签字").wait_for()  # the checklist: the sign-off is what is missing
    main.get_by_role("button", name="签字确认").click()
    main.get_by_text("已签字确认。").wait_for()


def test_trainee_clip_to_trainer_review_to_certificate_verified_then_revoked(  # type: ignore[no-untyped-def]
    loop: Loop, browser, tmp_path: Path
) -> None:
    pages: dict[str, object] = {}
    try:
        _whole_loop(loop, browser, pages)
    except Exception:
        for who, page in pages.items():
            page.screenshot(path=str(tmp_path / f"failure-{who}.png"), full_page=True)  # type: ignore[attr-defined]
        raise


def _whole_loop(loop: Loop, browser, pages: dict[str, object]) -> None:  # type: ignore[no-untyped-def]
    trainee = pages["trainee"] = _person(browser, loop.app, loop.trainee)
    _submit_take(trainee)
    trainer = pages["trainer"] = _person(browser, loop.app, loop.trainer)  # signs in while the worker works
    trainer.locator(MAIN).get_by_role("link", name=re.compile("待点评录音")).wait_for()
    report = trainee.locator(MAIN).get_by_role("link", name=re.compile("查看评分报告"))
    report.wait_for(timeout=240_000)  # the worker transcribed and scored it; the take list refreshes by itself

    _review(trainer)
    _sign_off(trainer)

    officer = pages["officer"] = _person(browser, loop.app, loop.officer)
    _go(officer, "证书管理")
    officer.get_by_text("全部条件已达到").wait_for()
    officer.get_by_role("button", name="颁发证书").click()
    officer.get_by_text("证书已颁发。").wait_for()
    code = officer.locator("[data-testid='stCode'] code").first.inner_text().strip()
    assert re.fullmatch(r"[0-9A-Z]{5}(-[0-9A-Z]{1,5})+", code)
    with officer.expect_download() as download:
        officer.get_by_role("button", name="下载证书 PDF").click()
    assert Path(download.value.path()).read_bytes().startswith(b"%PDF")

    visitor = pages["visitor"] = _person(browser, loop.app, None)
    visitor.goto(f"{loop.app.url}/verify?code={code}")
    visitor.get_by_text("证书有效").wait_for()
    visitor.get_by_text("王**").first.wait_for()
    visitor.locator(IDLE).wait_for()
    assert visitor.get_by_text("王蜜蜂").count() == 0  # a masked name only

    officer.get_by_role("tab", name="已颁发的证书").click()
    officer.get_by_label("撤销原因（必填）").fill("直播中夸大宣传 superlative claims")
    officer.get_by_role("button", name="撤销").click()
    officer.get_by_text("证书已撤销。").wait_for()
    visitor.reload()
    visitor.get_by_text(re.compile(r"证书已于 \d{4}-\d{2}-\d{2} 撤销")).wait_for()
    _check_records(loop.app)


def _check_records(app: LiveApp) -> None:
    """What the clicks left in the database: the confirmed flag, the submitted review, the revoked certificate."""
    engine = make_engine(f"sqlite:///{app.data_dir / 'training_app.db'}")
    with session_scope(engine) as s:
        decision = s.exec(select(FlagDecision)).one()
        assert (decision.rule_id, decision.decision) == ("ABS-01e", FlagDecisionKind.CONFIRM)
        review = s.exec(select(Review)).one()
        assert review.status == ReviewStatus.SUBMITTED and review.overall == 100.0
        assert all(c["level"] == 4 for c in review.criteria.values())
        cert = s.exec(select(Certificate)).one()
        assert cert.level == "basic" and cert.revoked_at is not None
    engine.dispose()
