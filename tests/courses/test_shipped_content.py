"""Acceptance check on the shipped courses: 3 tracks × ≥ 4 modules × ≥ 3 lessons, ≥ 6 questions per quiz, all in
zh and en (the loader refuses any missing translation, so loading at all proves the last part)."""

from __future__ import annotations

import pytest

from training_app.catalog.courses import check_courses
from training_app.config import REPO_ROOT


@pytest.fixture(scope="module")
def catalog():
    catalog, problems = check_courses(REPO_ROOT / "courses")
    assert catalog is not None, "\n".join(str(p) for p in problems)
    return catalog


def test_shipped_courses_have_three_tracks_of_four_modules(catalog) -> None:
    assert len(catalog.tracks) == 3
    assert all(len(track.modules) >= 4 for track in catalog.tracks), {t.id: len(t.modules) for t in catalog.tracks}


def test_shipped_modules_have_three_lessons_and_six_questions(catalog) -> None:
    short = {m.id: (len(m.lessons), len(m.quiz.questions) if m.quiz else 0) for m in catalog.modules()}
    assert all(lessons >= 3 and questions >= 6 for lessons, questions in short.values()), short


def test_shipped_items_are_bilingual(catalog) -> None:
    for lesson in catalog.lessons():
        assert lesson.title.zh and lesson.title.en and lesson.body.zh and lesson.body.en
    for question in catalog.questions():
        assert all(o.text.zh and o.text.en and o.explanation.zh and o.explanation.en for o in question.spec.options)
