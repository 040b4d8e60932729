"""Content loads at every start; a content error at start never stops the app and keeps the version loaded before."""

from __future__ import annotations

import logging
from pathlib import Path

import pytest
from sqlalchemy import Engine
from sqlmodel import select
from support.course_content import write_mini_courses

from training_app.cli import main
from training_app.config import get_settings
from training_app.db.engine import make_engine, session_scope
from training_app.db.tables import ContentRelease, CourseLesson
from training_app.services.accounts import system_actor
from training_app.services.content import load_at_startup


def _versions(engine: Engine) -> list[str]:
    with session_scope(engine) as s:
        return [r.version for r in s.exec(select(ContentRelease))]


def test_load_at_startup_broken_content_keeps_previous_version(
    engine: Engine, mini_root: Path, caplog: pytest.LogCaptureFixture
) -> None:
    assert load_at_startup(engine, mini_root, system_actor()) is not None
    loaded = _versions(engine)
    quiz = mini_root / "t-basics/01-m-one/quiz.yaml"
    quiz.write_text(quiz.read_text(encoding="utf-8").replace("correct: true", "correct: false"), encoding="utf-8")
    with caplog.at_level(logging.ERROR):
        assert load_at_startup(engine, mini_root, system_actor()) is None
    assert "has no correct answer" in caplog.text and "keeping the content loaded before" in caplog.text
    assert _versions(engine) == loaded
    with session_scope(engine) as s:
        assert s.get(CourseLesson, "m-one-a") is not None


def test_load_at_startup_without_course_tables_only_warns(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    bare = make_engine("sqlite://")
    with caplog.at_level(logging.WARNING):
        assert load_at_startup(bare, write_mini_courses(tmp_path / "c"), system_actor()) is None
    assert "course tables are missing" in caplog.text


def test_content_load_command_is_idempotent(
    tmp_path: Path, mini_root: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("TRAINING_APP_DATA_DIR", str(tmp_path / "data"))
    get_settings.cache_clear()
    try:
        assert main(["content", "load", str(mini_root)]) == 0
        assert capsys.readouterr().out.startswith("loaded ")
        assert main(["content", "load", str(mini_root)]) == 0
        out = capsys.readouterr().out.splitlines()
        assert out[0].startswith("unchanged ") and out[1].startswith("tracks=1 modules=2 lessons=3 questions=5")
    finally:
        get_settings.cache_clear()
