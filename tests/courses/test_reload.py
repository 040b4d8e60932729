"""Re-loading edited content keeps every trainee's progress and past answers; new attempts record the new version."""

from __future__ import annotations

from pathlib import Path

import yaml
from sqlalchemy import Engine
from sqlmodel import select
from support.course_content import M1, M1_CORRECT, M1_LESSONS, load_tree, question

from training_app.db.engine import session_scope
from training_app.db.tables import CourseLesson, LessonProgress, QuizAnswer, QuizAttempt, QuizQuestion
from training_app.services import courses, quizzes
from training_app.services.progress import trainee_progress


def _edit_tree(root: Path) -> None:
    """Edit a lesson body, add a question, remove a question."""
    module = root / "t-basics/01-m-one"
    lesson = module / "lessons/01-m-one-a.en.md"
    lesson.write_text(lesson.read_text(encoding="utf-8") + "\nA new paragraph.\n", encoding="utf-8")
    quiz_path = module / "quiz.yaml"
    quiz = yaml.safe_load(quiz_path.read_text(encoding="utf-8"))
    quiz["questions"] = [q for q in quiz["questions"] if q["id"] != "m-one-q2"] + [question("m-one-q4")]
    quiz_path.write_text(yaml.safe_dump(quiz, allow_unicode=True), encoding="utf-8")


def test_load_content_twice_is_a_no_op(loaded: Engine, mini_root: Path) -> None:
    report = load_tree(loaded, mini_root)
    assert not report.changed and report.added == report.updated == report.retired == 0


def test_reload_edited_content_keeps_progress_and_past_answers(people, loaded: Engine, mini_root: Path) -> None:
    me = people.trainee
    with session_scope(loaded) as s:
        for lesson_id in M1_LESSONS:
            courses.open_lesson(s, me, lesson_id=lesson_id, lang="en")
            courses.mark_lesson_complete(s, me, lesson_id=lesson_id)
        sheet = quizzes.start_quiz(s, me, module_id=M1, lang="en")
        old = quizzes.submit_quiz(s, me, attempt_id=sheet.attempt_id, answers=M1_CORRECT, lang="en")
        old_version = s.get(QuizAttempt, old.attempt_id).quiz_version  # type: ignore[union-attr]
        old_lesson_version = s.get(CourseLesson, M1_LESSONS[0]).version  # type: ignore[union-attr]

    _edit_tree(mini_root)
    report = load_tree(loaded, mini_root)
    assert report.changed and report.added == 1 and report.retired == 1

    with session_scope(loaded) as s:
        done = s.exec(select(LessonProgress).where(LessonProgress.user_id == me.id)).all()
        assert {p.lesson_id for p in done if p.completed_at} == set(M1_LESSONS)
        assert s.get(CourseLesson, M1_LESSONS[0]).version != old_lesson_version  # type: ignore[union-attr]
        retired = s.get(QuizQuestion, "m-one-q2")
        assert retired is not None and retired.is_retired and retired.retired_at is not None
        past = s.exec(select(QuizAnswer).where(QuizAnswer.attempt_id == old.attempt_id)).all()
        assert {a.question_id for a in past} == set(M1_CORRECT)
        result = quizzes.quiz_result(s, me, attempt_id=old.attempt_id, lang="en")
        assert result.passed and len(result.questions) == 3  # the retired question still explained
        report_now = trainee_progress(s, me, user_id=me.id or 0, lang="en")
        assert report_now.tracks[0].lessons_done == 2 and len(report_now.scores) == 1

        sheet = quizzes.start_quiz(s, me, module_id=M1, lang="en")
        assert {q.id for q in sheet.questions} == {"m-one-q1", "m-one-q3", "m-one-q4"}
        new_attempt = s.get(QuizAttempt, sheet.attempt_id)
        assert new_attempt is not None and new_attempt.quiz_version != old_version


def test_reload_readded_question_is_active_again(loaded: Engine, mini_root: Path) -> None:
    quiz_path = mini_root / "t-basics/01-m-one/quiz.yaml"
    original = quiz_path.read_text(encoding="utf-8")
    _edit_tree(mini_root)
    load_tree(loaded, mini_root)
    quiz_path.write_text(original, encoding="utf-8")
    load_tree(loaded, mini_root)
    with session_scope(loaded) as s:
        row = s.get(QuizQuestion, "m-one-q2")
        assert row is not None and not row.is_retired and row.retired_at is None
        assert s.get(QuizQuestion, "m-one-q4").is_retired  # type: ignore[union-attr]
