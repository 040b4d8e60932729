"""Progress reports: a trainee's completion and scores; a trainer's cohort table, stuck marker, filter, sort, CSV."""

from __future__ import annotations

import io
from datetime import timedelta

import pandas as pd
from sqlalchemy import Engine
from support.course_content import M1, M1_CORRECT, M1_LESSONS

from training_app.db import utcnow
from training_app.db.engine import session_scope
from training_app.services import courses, progress, quizzes


def _attempt(engine: Engine, user, answers: dict[str, list[str]]) -> None:
    with session_scope(engine) as s:
        sheet = quizzes.start_quiz(s, user, module_id=M1, lang="en")
        quizzes.submit_quiz(s, user, attempt_id=sheet.attempt_id, answers=answers, lang="en")


def test_trainee_progress_counts_lessons_and_scores_over_time(people, loaded: Engine) -> None:
    with session_scope(loaded) as s:
        courses.mark_lesson_complete(s, people.trainee, lesson_id=M1_LESSONS[0])
    _attempt(loaded, people.trainee, {})
    _attempt(loaded, people.trainee, M1_CORRECT)
    with session_scope(loaded) as s:
        report = progress.trainee_progress(s, people.trainee, user_id=people.trainee.id or 0, lang="en")
    track = report.tracks[0]
    assert (track.lessons_done, track.lessons_total, track.modules_done, track.modules_total) == (1, 3, 0, 2)
    assert [round(p.score, 2) for p in report.scores] == [0.0, 1.0]
    assert report.scores[0].at <= report.scores[1].at


def test_cohort_progress_trainer_sees_only_own_cohort(people, loaded: Engine) -> None:
    with session_scope(loaded) as s:
        rows = progress.cohort_progress(s, people.trainer, lang="en")
    assert {r.trainee for r in rows} == {"Trainee A", "Peer B"}


def test_cohort_progress_failed_twice_marked_stuck(people, loaded: Engine) -> None:
    _attempt(loaded, people.trainee, {})
    _attempt(loaded, people.trainee, {})
    with session_scope(loaded) as s:
        rows = {r.trainee: r for r in progress.cohort_progress(s, people.trainer, lang="en")}
    assert rows["Trainee A"].stuck_reason == "failed_twice"
    assert rows["Trainee A"].best_scores == {"module m-one (English)": 0.0}
    assert rows["Trainee A"].current_module == "module m-one (English)"
    assert not rows["Peer B"].stuck


def test_cohort_progress_idle_seven_days_marked_stuck(people, loaded: Engine) -> None:
    with session_scope(loaded) as s:
        courses.open_lesson(s, people.trainee, lesson_id=M1_LESSONS[0], lang="en")
        later = utcnow() + timedelta(days=7, minutes=1)
        rows = {r.trainee: r for r in progress.cohort_progress(s, people.trainer, lang="en", now=later)}
        soon = {r.trainee: r for r in progress.cohort_progress(s, people.trainer, lang="en", now=utcnow())}
    assert rows["Trainee A"].stuck_reason == "idle" and rows["Peer B"].stuck_reason == "idle"
    assert not soon["Trainee A"].stuck


def test_cohort_rows_filter_sort_and_csv(people, loaded: Engine) -> None:
    _attempt(loaded, people.trainee, {})
    _attempt(loaded, people.trainee, {})
    with session_scope(loaded) as s:
        rows = progress.cohort_progress(s, people.agency, lang="zh")
    assert {r.trainee for r in rows} == {"Trainee A", "Peer B", "Other C"}
    assert [r.trainee for r in progress.filter_rows(rows, stuck_only=True)] == ["Trainee A"]
    assert [r.trainee for r in progress.filter_rows(rows, search="peer")] == ["Peer B"]
    assert [r.trainee for r in progress.sort_rows(rows, "trainee", descending=True)][0] == "Trainee A"
    frame = pd.read_csv(io.BytesIO(progress.cohort_csv(rows, "zh")), encoding="utf-8-sig")
    assert "学员" in frame.columns and len(frame) == 3


def test_standard_function_map_lists_modules_per_function(people, loaded: Engine) -> None:
    with session_scope(loaded) as s:
        rows = progress.standard_function_map(s, people.trainer, lang="zh")
    by_fn = {r.function: r for r in rows}
    assert [r.function for r in rows] == ["preparation", "live_selling", "after_sales"]
    assert by_fn["preparation"].label == "工作准备" and len(by_fn["preparation"].modules) == 1
    assert len(by_fn["after_sales"].modules) == 1
