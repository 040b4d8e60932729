"""Quizzes: grading, pass mark, retry limit, shuffle stored on the attempt, explanations after submitting."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import Engine
from sqlmodel import select
from support.course_content import M1, M1_CORRECT, load_tree, make_people, write_mini_courses

from training_app.db.engine import session_scope
from training_app.db.tables import QuizAnswer, QuizAttempt, User
from training_app.errors import Conflict, InvalidInput
from training_app.services import quizzes
from training_app.services.quizzes import option_order


def _take(engine: Engine, user: User, answers: dict[str, list[str]], module: str = M1) -> quizzes.QuizResult:
    with session_scope(engine) as s:
        sheet = quizzes.start_quiz(s, user, module_id=module, lang="en")
        return quizzes.submit_quiz(s, user, attempt_id=sheet.attempt_id, answers=answers, lang="en")


def test_submit_quiz_all_correct_passes_with_explanations(people, loaded: Engine) -> None:
    result = _take(loaded, people.trainee, M1_CORRECT)
    assert (result.correct_count, result.total, result.passed) == (3, 3, True)
    assert result.score == pytest.approx(1.0)
    chosen = [o for q in result.questions for o in q.options if o.chosen]
    assert all(o.correct and o.explanation.startswith("why") for o in chosen)
    assert all(len(q.options) == 3 for q in result.questions)


@pytest.mark.parametrize(
    ("answers", "correct", "passed"),
    [
        ({"m-one-q1": ["a"], "m-one-q2": ["b"]}, 2, True),  # 2/3 = 0.67 >= 0.6; unanswered counts as wrong
        ({"m-one-q1": ["a"], "m-one-q3": ["a"]}, 1, False),  # partial multiple choice is wrong
        ({"m-one-q3": ["a", "c"]}, 1, False),
        ({}, 0, False),
    ],
)
def test_submit_quiz_grades_against_pass_mark(people, loaded: Engine, answers, correct: int, passed: bool) -> None:
    result = _take(loaded, people.trainee, answers)
    assert (result.correct_count, result.passed) == (correct, passed)


def test_submit_quiz_exact_pass_mark_passes(engine: Engine, tmp_path: Path) -> None:
    load_tree(engine, write_mini_courses(tmp_path / "c", pass_mark=2 / 3))
    people = make_people(engine)
    assert _take(engine, people.trainee, {"m-one-q1": ["a"], "m-one-q2": ["b"]}).passed


def test_submit_quiz_records_versions_and_option_ids(people, loaded: Engine) -> None:
    result = _take(loaded, people.trainee, {"m-one-q1": ["b"]})
    with session_scope(loaded) as s:
        attempt = s.get(QuizAttempt, result.attempt_id)
        answers = list(s.exec(select(QuizAnswer).where(QuizAnswer.attempt_id == result.attempt_id)))
    assert attempt is not None and attempt.quiz_version and attempt.seed >= 0
    assert {a.question_id: a.selected for a in answers}["m-one-q1"] == ["b"]
    assert all(a.question_version for a in answers)


def test_submit_quiz_unknown_option_rejected(people, loaded: Engine) -> None:
    with pytest.raises(InvalidInput), session_scope(loaded) as s:
        sheet = quizzes.start_quiz(s, people.trainee, module_id=M1, lang="en")
        quizzes.submit_quiz(s, people.trainee, attempt_id=sheet.attempt_id, answers={"m-one-q1": ["z"]}, lang="en")


def test_submit_quiz_twice_conflicts(people, loaded: Engine) -> None:
    result = _take(loaded, people.trainee, M1_CORRECT)
    with pytest.raises(Conflict), session_scope(loaded) as s:
        quizzes.submit_quiz(s, people.trainee, attempt_id=result.attempt_id, answers={}, lang="en")


def test_start_quiz_after_attempt_limit_refused(engine: Engine, tmp_path: Path) -> None:
    load_tree(engine, write_mini_courses(tmp_path / "c", max_attempts=2))
    people = make_people(engine)
    first = _take(engine, people.trainee, {})
    assert first.attempts_left == 1
    assert _take(engine, people.trainee, {}).attempts_left == 0
    with pytest.raises(Conflict) as err, session_scope(engine) as s:
        quizzes.start_quiz(s, people.trainee, module_id=M1, lang="en")
    assert err.value.message_key == "quiz.no_attempts_left"


def test_start_quiz_unlimited_attempts_allows_retry(people, loaded: Engine) -> None:
    for _ in range(3):
        assert _take(loaded, people.trainee, {}).attempts_left is None


def test_start_quiz_reload_shows_same_order(people, loaded: Engine) -> None:
    with session_scope(loaded) as s:
        first = quizzes.start_quiz(s, people.trainee, module_id=M1, lang="en")
    with session_scope(loaded) as s:
        again = quizzes.start_quiz(s, people.trainee, module_id=M1, lang="en")
        sheet = quizzes.get_quiz_sheet(s, people.trainee, attempt_id=first.attempt_id, lang="zh")
    assert again == first
    assert [q.id for q in sheet.questions] == [q.id for q in first.questions]
    assert [[o.id for o in q.options] for q in sheet.questions] == [[o.id for o in q.options] for q in first.questions]


def test_option_order_depends_only_on_seed_and_question() -> None:
    ids = [f"o{i}" for i in range(8)]
    assert option_order(42, "q1", ids) == option_order(42, "q1", ids)
    orders = {tuple(option_order(seed, "q1", ids)) for seed in range(20)}
    assert len(orders) > 1 and all(sorted(o) == ids for o in orders)
