"""Authorization matrix for the course services: actor × action × resource (own / same cohort / other cohort /
other agency). An unauthorized call raises, writes nothing and is audit-logged (outcome="denied"); runs on SQLite
and PostgreSQL."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest
from sqlalchemy import Engine, func
from sqlmodel import Session, SQLModel, select
from support.course_content import M1, M1_CORRECT, M1_LESSONS, People, load_tree, make_people, write_mini_courses

from training_app.db.tables import AuditLog, LessonNarration, LessonProgress, QuizAnswer, QuizAttempt, User
from training_app.services import courses, narration, progress, quizzes
from training_app.services.authz import Denied
from training_app.services.uow import unit_of_work

ACTORS = ("trainee", "trainer", "agency", "foreign_agency", "admin")
TARGETS = ("trainee", "peer", "other_cohort", "other_agency")  # own / same cohort / other cohort / other agency
READ_ALLOWED = {
    "trainee": {"trainee"},
    "trainer": {"trainee", "peer"},
    "agency": {"trainee", "peer", "other_cohort"},
    "foreign_agency": {"other_agency"},
    "admin": set(TARGETS),
}
WAV = b"RIFF\x24\x00\x00\x00WAVEfmt " + b"\x00" * 100


@dataclass
class World:
    people: People
    submitted: dict[str, int]  # target -> a submitted attempt id
    open: dict[str, int]  # target -> an open attempt id
    media_dir: Path


@pytest.fixture
def world(any_engine: Engine, tmp_path: Path) -> World:
    load_tree(any_engine, write_mini_courses(tmp_path / "courses"))
    people = make_people(any_engine)
    submitted, open_ = {}, {}
    for name in TARGETS:
        user = getattr(people, name)
        with unit_of_work(any_engine) as s:
            sheet = quizzes.start_quiz(s, user, module_id=M1, lang="zh")
            submitted[name] = quizzes.submit_quiz(
                s, user, attempt_id=sheet.attempt_id, answers={}, lang="zh"
            ).attempt_id
            open_[name] = quizzes.start_quiz(s, user, module_id=M1, lang="zh").attempt_id
    return World(people, submitted, open_, tmp_path / "media")


Call = Callable[[Session, User, str, World], object]
# action -> (call on a target, who may: "read" = anyone who may see the target, "owner" = the target themself)
TARGETED: dict[str, tuple[Call, str]] = {
    "progress.read": (lambda s, a, t, w: progress.trainee_progress(s, a, user_id=_uid(w, t), lang="zh"), "read"),
    "quiz.result": (lambda s, a, t, w: quizzes.quiz_result(s, a, attempt_id=w.submitted[t], lang="zh"), "read"),
    "quiz.sheet": (lambda s, a, t, w: quizzes.get_quiz_sheet(s, a, attempt_id=w.open[t], lang="zh"), "owner"),
    "quiz.submit": (
        lambda s, a, t, w: quizzes.submit_quiz(s, a, attempt_id=w.open[t], answers=M1_CORRECT, lang="zh"),
        "owner",
    ),
}
UNTARGETED: dict[str, tuple[Callable[[Session, User, World], object], set[str]]] = {
    "courses.catalogue": (lambda s, a, w: courses.catalogue(s, a, lang="zh"), set(ACTORS)),
    "lesson.complete": (lambda s, a, w: courses.mark_lesson_complete(s, a, lesson_id=M1_LESSONS[0]), {"trainee"}),
    "quiz.start": (lambda s, a, w: quizzes.start_quiz(s, a, module_id=M1, lang="zh"), {"trainee"}),
    "progress.cohorts": (
        lambda s, a, w: progress.cohort_progress(s, a, lang="zh"),
        {"trainer", "agency", "foreign_agency", "admin"},
    ),
    "progress.standard_map": (
        lambda s, a, w: progress.standard_function_map(s, a, lang="zh"),
        {"trainer", "agency", "foreign_agency", "admin"},
    ),
    "narration.save": (
        lambda s, a, w: narration.save_narration(
            s, a, lesson_id=M1_LESSONS[0], language="zh", data=WAV, media_dir=w.media_dir
        ),
        {"trainer", "admin"},
    ),
}


def _uid(world: World, name: str) -> int:
    return getattr(world.people, name).id or 0


def _counts(engine: Engine) -> dict[str, int]:
    with unit_of_work(engine, write=False) as s:
        tables: list[type[SQLModel]] = [AuditLog, QuizAttempt, QuizAnswer, LessonProgress, LessonNarration]
        counts = {t.__name__: int(s.exec(select(func.count()).select_from(t)).one()) for t in tables}
        counts["denied"] = int(
            s.exec(select(func.count()).select_from(AuditLog).where(AuditLog.outcome == "denied")).one()
        )
        return counts


def _expect_denied(engine: Engine, call: Callable[[Session], object], action: str) -> None:
    before = _counts(engine)
    with pytest.raises(Denied), unit_of_work(engine) as s:
        call(s)
    after = _counts(engine)
    assert after["denied"] == before["denied"] + 1
    assert {k: v for k, v in after.items() if k not in ("denied", "AuditLog")} == {
        k: v for k, v in before.items() if k not in ("denied", "AuditLog")
    }, f"{action}: a denied call wrote something"
    with unit_of_work(engine, write=False) as s:
        last = s.exec(select(AuditLog).order_by(AuditLog.id.desc())).first()  # type: ignore[union-attr]
    assert last is not None and last.outcome == "denied" and last.action == action


@pytest.mark.parametrize("actor", ACTORS)
def test_targeted_course_actions_allowed_only_within_scope(any_engine: Engine, world: World, actor: str) -> None:
    me = getattr(world.people, actor)
    for action, (call, rule) in TARGETED.items():
        for target in TARGETS:
            allowed = target in READ_ALLOWED[actor] if rule == "read" else actor == target == "trainee"
            run: Callable[[Session], object] = lambda s, c=call, t=target: c(s, me, t, world)  # noqa: E731
            if allowed:
                with unit_of_work(any_engine) as s:
                    run(s)
            else:
                _expect_denied(any_engine, run, action)


@pytest.mark.parametrize("actor", ACTORS)
def test_role_limited_course_actions_denied_to_other_roles(any_engine: Engine, world: World, actor: str) -> None:
    me = getattr(world.people, actor)
    for action, (call, who) in UNTARGETED.items():
        run: Callable[[Session], object] = lambda s, c=call: c(s, me, world)  # noqa: E731
        if actor in who:
            with unit_of_work(any_engine) as s:
                run(s)
        else:
            _expect_denied(any_engine, run, action)


def test_trainee_opening_another_trainees_attempt_by_id_denied(any_engine: Engine, world: World) -> None:
    me = world.people.trainee
    for attempt_id in (world.open["peer"], world.submitted["peer"], world.open["other_agency"]):
        _expect_denied(
            any_engine, lambda s, i=attempt_id: quizzes.get_quiz_sheet(s, me, attempt_id=i, lang="zh"), "quiz.sheet"
        )
    _expect_denied(
        any_engine,
        lambda s: quizzes.submit_quiz(s, me, attempt_id=world.open["peer"], answers={}, lang="zh"),
        "quiz.submit",
    )
