"""Load and validate the whole ``courses/`` tree (format: ``courses/FORMAT.md``).

``check_courses(root)`` returns the catalog (or None) and every problem found, each as ``file:line: message``;
``load_courses(root)`` raises :class:`ContentError` when there is any problem. Cross-file checks (duplicate ids,
prerequisites, translations of lessons) live in ``course_checks``.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import TypeVar

from pydantic import BaseModel, ValidationError

from training_app.catalog.course_checks import check_lesson_pair, check_question, check_tree
from training_app.catalog.course_schemas import (
    LANGS,
    Catalog,
    Lesson,
    LessonMeta,
    Module,
    ModuleFile,
    Question,
    Quiz,
    QuizFile,
    Text,
    Track,
    TrackFile,
)
from training_app.catalog.yaml_lines import Problem, YamlDoc, parse_yaml, validation_problems
from training_app.errors import InvalidInput

__all__ = ["Catalog", "ContentError", "Problem", "check_courses", "load_courses"]

LESSON_NAME_RE = re.compile(r"^(\d{2})-([a-z0-9-]+)\.(zh|en)\.md$")
M = TypeVar("M", bound=BaseModel)


class ContentError(InvalidInput):
    """The course files have problems; ``problems`` lists them as ``file:line: message``."""

    def __init__(self, problems: list[Problem]) -> None:
        super().__init__("courses.content_invalid", count=len(problems), first=str(problems[0]) if problems else "")
        self.problems = problems


class _Collector:
    def __init__(self) -> None:
        self.problems: list[Problem] = []

    def read(self, path: Path, model: type[M], *, offset: int = 0, text: str | None = None) -> tuple[M, YamlDoc] | None:
        if text is None:
            if not path.is_file():
                self.problems.append(Problem(path, 1, f"missing file {path.name}"))
                return None
            text = path.read_text(encoding="utf-8")
        doc = parse_yaml(path, text, offset=offset)
        self.problems.extend(doc.problems)
        if doc.data is None and not doc.problems:
            self.problems.append(Problem(path, offset + 1, "empty file"))
        if doc.data is None:
            return None
        try:
            return model.model_validate(doc.data), doc
        except ValidationError as exc:
            self.problems.extend(validation_problems(doc, exc))
            return None


def check_courses(root: Path) -> tuple[Catalog | None, list[Problem]]:
    """Validate the tree under ``root``; the catalog is returned only when there is no problem."""
    if not root.is_dir():
        return None, [Problem(root, 1, "courses directory not found")]
    col = _Collector()
    tracks = [t for d in _subdirs(root) if (t := _read_track(col, d)) is not None]
    if not tracks and not col.problems:
        col.problems.append(Problem(root, 1, "no tracks found"))
    catalog = Catalog(sorted(tracks, key=lambda t: (t.spec.order, t.id)))
    col.problems.extend(check_tree(catalog))
    problems = sorted(set(col.problems), key=lambda p: (str(p.path), p.line, p.message))
    return (None if problems else catalog), problems


def load_courses(root: Path) -> Catalog:
    catalog, problems = check_courses(root)
    if catalog is None:
        raise ContentError(problems)
    return catalog


def _subdirs(path: Path) -> list[Path]:
    return sorted(p for p in path.iterdir() if p.is_dir() and not p.name.startswith((".", "_")))


def _read_track(col: _Collector, folder: Path) -> Track | None:
    read = col.read(folder / "track.yaml", TrackFile)
    if read is None:
        return None
    spec, doc = read
    track = Track(spec, doc=doc)
    for sub in _subdirs(folder):
        module = _read_module(col, sub, spec.id)
        if module is not None:
            track.modules.append(module)
    track.modules.sort(key=lambda m: (m.spec.order, m.id))
    if not track.modules:
        col.problems.append(doc.problem(["id"], f"track '{spec.id}' has no modules"))
    return track


def _read_module(col: _Collector, folder: Path, track_id: str) -> Module | None:
    read = col.read(folder / "module.yaml", ModuleFile)
    if read is None:
        return None
    spec, doc = read
    if not folder.name.endswith(f"-{spec.id}"):
        col.problems.append(doc.problem(["id"], f"folder name '{folder.name}' does not end with the id '{spec.id}'"))
    module = Module(spec, track_id, doc=doc)
    module.lessons = _read_lessons(col, folder / "lessons", spec.id)
    if not module.lessons:
        col.problems.append(doc.problem(["id"], f"module '{spec.id}' has no lessons"))
    module.quiz = _read_quiz(col, folder / "quiz.yaml", spec.id)
    return module


def _read_quiz(col: _Collector, path: Path, module_id: str) -> Quiz | None:
    read = col.read(path, QuizFile)
    if read is None:
        return None
    spec, doc = read
    if spec.module != module_id:
        col.problems.append(doc.problem(["module"], f"module '{spec.module}' does not match module.yaml '{module_id}'"))
    for i, question in enumerate(spec.questions):
        col.problems.extend(check_question(doc, i, question))
    questions = [Question(i + 1, q) for i, q in enumerate(spec.questions)]
    return Quiz(module_id, spec.pass_mark, spec.max_attempts, questions, doc=doc)


def _read_lessons(col: _Collector, folder: Path, module_id: str) -> list[Lesson]:
    if not folder.is_dir():
        return []
    pairs: dict[str, dict[str, Path]] = {}
    for path in sorted(folder.iterdir()):
        match = LESSON_NAME_RE.match(path.name)
        if not match:
            col.problems.append(Problem(path, 1, "file name must look like NN-<lesson-id>.zh.md or .en.md"))
            continue
        pairs.setdefault(f"{match.group(1)}-{match.group(2)}", {})[match.group(3)] = path
    lessons = []
    for stem, paths in sorted(pairs.items()):
        lesson = _read_lesson(col, stem, paths, module_id)
        if lesson is not None:
            lessons.append(lesson)
    return sorted(lessons, key=lambda lesson: (lesson.order, lesson.id))


def _read_lesson(col: _Collector, stem: str, paths: dict[str, Path], module_id: str) -> Lesson | None:
    parts: dict[str, tuple[LessonMeta, str, YamlDoc]] = {}
    for lang in LANGS:
        if lang not in paths:
            other = next(iter(paths.values()))
            col.problems.append(Problem(other, 1, f"missing translation: {stem}.{lang}.md not found"))
            continue
        part = _read_lesson_file(col, paths[lang], stem)
        if part is not None:
            parts[lang] = part
    if len(parts) != len(LANGS):
        return None
    col.problems.extend(check_lesson_pair(parts["zh"][0], parts["en"][0], parts["en"][2]))
    meta = parts["zh"][0]
    return Lesson(
        id=meta.id,
        order=meta.order,
        module_id=module_id,
        minutes=meta.minutes,
        title=Text(zh=meta.title, en=parts["en"][0].title),
        body=Text(zh=parts["zh"][1], en=parts["en"][1]),
        sources={lang: parts[lang][0].sources for lang in LANGS},
        doc=parts["zh"][2],
    )


def _read_lesson_file(col: _Collector, path: Path, stem: str) -> tuple[LessonMeta, str, YamlDoc] | None:
    text = path.read_text(encoding="utf-8")
    lines = text.splitlines(keepends=True)
    end = next((i for i, line in enumerate(lines[1:], start=1) if line.strip() == "---"), None)
    if not lines or lines[0].strip() != "---" or end is None:
        col.problems.append(Problem(path, 1, "missing YAML front matter between '---' lines"))
        return None
    read = col.read(path, LessonMeta, offset=1, text="".join(lines[1:end]))
    if read is None:
        return None
    meta, doc = read
    body = "".join(lines[end + 1 :]).strip()
    if not body:
        col.problems.append(Problem(path, end + 1, "the lesson has no text after the front matter"))
        return None
    if stem.split("-", 1)[1] != meta.id:
        col.problems.append(doc.problem(["id"], f"id '{meta.id}' does not match the file name '{path.name}'"))
    return meta, body, doc
