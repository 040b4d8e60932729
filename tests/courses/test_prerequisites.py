"""Modules stay locked until their prerequisites are complete (all lessons marked complete and the quiz passed)."""

from __future__ import annotations

import pytest
from sqlalchemy import Engine
from support.course_content import M1, M1_CORRECT, M1_LESSONS, M2, M2_LESSONS

from training_app.db.engine import session_scope
from training_app.errors import Conflict
from training_app.services import courses, quizzes


def _module(engine: Engine, user, module_id: str) -> courses.ModuleCard:
    with session_scope(engine) as s:
        cards = courses.catalogue(s, user, lang="en")
    return next(m for t in cards for m in t.modules if m.id == module_id)


def _complete_lessons(engine: Engine, user) -> None:
    with session_scope(engine) as s:
        for lesson_id in M1_LESSONS:
            courses.mark_lesson_complete(s, user, lesson_id=lesson_id)


def _pass_quiz(engine: Engine, user) -> None:
    with session_scope(engine) as s:
        sheet = quizzes.start_quiz(s, user, module_id=M1, lang="en")
        quizzes.submit_quiz(s, user, attempt_id=sheet.attempt_id, answers=M1_CORRECT, lang="en")


def test_open_lesson_locked_module_refused_with_missing_module(people, loaded: Engine) -> None:
    card = _module(loaded, people.trainee, M2)
    assert card.state.locked and card.missing_titles == ["module m-one (English)"]
    with pytest.raises(Conflict) as err, session_scope(loaded) as s:
        courses.open_lesson(s, people.trainee, lesson_id=M2_LESSONS[0], lang="en")
    assert err.value.message_key == "courses.module_locked"
    with pytest.raises(Conflict), session_scope(loaded) as s:
        quizzes.start_quiz(s, people.trainee, module_id=M2, lang="en")


def test_module_lessons_done_but_quiz_not_passed_stays_locked(people, loaded: Engine) -> None:
    _complete_lessons(loaded, people.trainee)
    assert _module(loaded, people.trainee, M2).state.locked


def test_module_quiz_passed_but_lessons_not_done_stays_locked(people, loaded: Engine) -> None:
    _pass_quiz(loaded, people.trainee)
    assert _module(loaded, people.trainee, M2).state.locked


def test_module_prerequisite_complete_unlocks(people, loaded: Engine) -> None:
    _complete_lessons(loaded, people.trainee)
    _pass_quiz(loaded, people.trainee)
    assert _module(loaded, people.trainee, M1).state.complete
    assert not _module(loaded, people.trainee, M2).state.locked
    with session_scope(loaded) as s:
        view = courses.open_lesson(s, people.trainee, lesson_id=M2_LESSONS[0], lang="zh")
    assert view.title.startswith(M2_LESSONS[0]) and view.tracks_progress


def test_open_lesson_staff_never_locked_and_leaves_no_progress(people, loaded: Engine) -> None:
    with session_scope(loaded) as s:
        view = courses.open_lesson(s, people.trainer, lesson_id=M2_LESSONS[0], lang="en")
        assert not view.tracks_progress
        assert courses.resume_lesson_id(s, people.trainer) is None


def test_resume_lesson_returns_last_visited(people, loaded: Engine) -> None:
    with session_scope(loaded) as s:
        assert courses.resume_lesson_id(s, people.trainee) is None
        courses.open_lesson(s, people.trainee, lesson_id=M1_LESSONS[1], lang="en")
        courses.open_lesson(s, people.trainee, lesson_id=M1_LESSONS[0], lang="en")
        assert courses.resume_lesson_id(s, people.trainee) == M1_LESSONS[0]
        view = courses.open_lesson(s, people.trainee, lesson_id=M1_LESSONS[0], lang="en")
        assert view.next_lesson_id == M1_LESSONS[1] and view.position == 1 and view.count == 2
