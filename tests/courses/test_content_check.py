"""``content check``: passes on the shipped courses; a broken copy fails with the file and line of each problem."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from support.course_content import write_mini_courses

from training_app.catalog.courses import check_courses
from training_app.cli import main
from training_app.config import REPO_ROOT

SHIPPED = REPO_ROOT / "courses"
MODULE = Path("ethics-officials/01-eth-role-conflict")


@pytest.fixture
def broken(tmp_path: Path) -> Path:
    """A copy of the shipped courses to break."""
    return Path(shutil.copytree(SHIPPED, tmp_path / "courses"))


def _line_of(path: Path, needle: str, start: int = 0) -> int:
    lines = path.read_text(encoding="utf-8").splitlines()
    return next(i for i, line in enumerate(lines, start=1) if i > start and needle in line)


def _replace(path: Path, old: str, new: str, count: int = 1) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, count), encoding="utf-8")


def _problems(root: Path) -> list[str]:
    catalog, problems = check_courses(root)
    assert catalog is None
    return [str(p) for p in problems]


def test_content_check_shipped_courses_passes_with_summary_line(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["content", "check", str(SHIPPED)]) == 0
    out = capsys.readouterr().out.strip().splitlines()
    assert len(out) == 1
    assert out[0].startswith("tracks=") and out[0].endswith("languages=zh,en")


def test_content_check_missing_translation_points_at_key(broken: Path) -> None:
    module_yaml = broken / MODULE / "module.yaml"
    line = _line_of(module_yaml, "title:")
    text = module_yaml.read_text(encoding="utf-8").splitlines()
    del text[line + 1]  # the title's "en:" line
    module_yaml.write_text("\n".join(text) + "\n", encoding="utf-8")
    assert f"{module_yaml}:{line}: title: missing translation: en" in _problems(broken)


def test_content_check_missing_lesson_language_file_reported(broken: Path) -> None:
    lesson = next((broken / MODULE / "lessons").glob("01-*.en.md"))
    lesson.unlink()
    problems = _problems(broken)
    zh_file = lesson.with_name(lesson.name.replace(".en.", ".zh."))
    assert any(p.startswith(f"{zh_file}:1: missing translation") for p in problems)


def test_content_check_duplicate_question_id_points_at_second_use(broken: Path) -> None:
    quiz = broken / MODULE / "quiz.yaml"
    _replace(quiz, "id: eth-role-conflict-q2", "id: eth-role-conflict-q1")
    line = _line_of(quiz, "id: eth-role-conflict-q1", start=_line_of(quiz, "id: eth-role-conflict-q1"))
    assert any(p.startswith(f"{quiz}:{line}: duplicate id 'eth-role-conflict-q1'") for p in _problems(broken))


def test_content_check_question_without_correct_answer_points_at_question(broken: Path) -> None:
    quiz = broken / MODULE / "quiz.yaml"
    _replace(quiz, "correct: true", "correct: false")
    line = _line_of(quiz, "- id: eth-role-conflict-q1")
    assert f"{quiz}:{line}: question 'eth-role-conflict-q1' has no correct answer" in _problems(broken)


def test_content_check_dangling_prerequisite_points_at_item(broken: Path) -> None:
    module_yaml = broken / MODULE / "module.yaml"
    _replace(module_yaml, "prerequisites: []", "prerequisites:\n  - eth-does-not-exist")
    line = _line_of(module_yaml, "- eth-does-not-exist")
    assert f"{module_yaml}:{line}: unknown prerequisite module 'eth-does-not-exist'" in _problems(broken)


def test_content_check_prerequisite_cycle_reported(tmp_path: Path) -> None:
    root = write_mini_courses(tmp_path / "courses")
    module_yaml = root / "t-basics/01-m-one/module.yaml"
    _replace(module_yaml, "prerequisites: []", "prerequisites:\n- m-two")
    problems = _problems(root)
    assert any("prerequisite cycle" in p and "m-one" in p and "m-two" in p for p in problems)


def test_content_check_lesson_front_matter_error_points_at_file_line(tmp_path: Path) -> None:
    root = write_mini_courses(tmp_path / "courses")
    lesson = root / "t-basics/01-m-one/lessons/01-m-one-a.en.md"
    _replace(lesson, "minutes: 5", "minutes: five")
    line = _line_of(lesson, "minutes: five")
    assert any(p.startswith(f"{lesson}:{line}: minutes:") for p in _problems(root))


def test_content_check_duplicate_option_id_points_at_option(tmp_path: Path) -> None:
    root = write_mini_courses(tmp_path / "courses")
    quiz = root / "t-basics/01-m-one/quiz.yaml"
    _replace(quiz, "- id: b", "- id: a")
    line = _line_of(quiz, "- id: a", start=_line_of(quiz, "- id: a"))
    assert f"{quiz}:{line}: duplicate option id 'a'" in _problems(root)


def test_content_check_unknown_key_points_at_key(tmp_path: Path) -> None:
    root = write_mini_courses(tmp_path / "courses")
    quiz = root / "t-basics/01-m-one/quiz.yaml"
    _replace(quiz, "pass_mark: 0.6", "pass_mark: 0.6\npassmark: 0.7")
    assert any(p.startswith(f"{quiz}:{_line_of(quiz, 'passmark')}: passmark: Extra inputs") for p in _problems(root))


def test_content_check_broken_copy_exits_non_zero(broken: Path, capsys: pytest.CaptureFixture[str]) -> None:
    _replace(broken / MODULE / "quiz.yaml", "correct: true", "correct: false")
    assert main(["content", "check", str(broken)]) == 1
    assert "has no correct answer" in capsys.readouterr().out
