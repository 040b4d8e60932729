"""Load and validate practice tasks and comment scripts (``assessments/tasks/``), with ``file:line`` problems.

``check_tasks(root, products)`` returns the catalog (or None) and every problem found; ``load_tasks`` raises
:class:`TaskContentError` when there is any. Line numbers come from :mod:`training_app.catalog.yaml_lines`, the
helper the course checker uses.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

from training_app.catalog.assessments import ProductSheet
from training_app.catalog.task_schemas import CueSpec, KindsFile, ScriptSpec, TaskFile
from training_app.catalog.yaml_lines import Problem, YamlDoc, parse_yaml, validation_problems
from training_app.errors import InvalidInput

__all__ = ["Problem", "Task", "TaskCatalog", "TaskContentError", "check_tasks", "load_tasks"]

RUBRICS = ("default",)
KINDS_FILE = "comment_kinds.yaml"
M = TypeVar("M", bound=BaseModel)


class TaskContentError(InvalidInput):
    def __init__(self, problems: list[Problem]) -> None:
        super().__init__("tasks.content_invalid", count=len(problems), first=str(problems[0]) if problems else "")
        self.problems = problems


@dataclass(frozen=True)
class Task:
    spec: TaskFile
    script: ScriptSpec | None  # the file script it names, or its inline comments as a script

    @property
    def id(self) -> str:
        return self.spec.id


@dataclass
class TaskCatalog:
    tasks: dict[str, Task]
    scripts: dict[str, ScriptSpec]
    kinds: KindsFile
    products: Mapping[str, ProductSheet] = field(default_factory=dict)

    def task(self, task_id: str) -> Task:
        try:
            return self.tasks[task_id]
        except KeyError:
            raise InvalidInput("tasks.unknown_task", task=task_id) from None

    def ordered(self) -> list[Task]:
        return sorted(self.tasks.values(), key=lambda t: (t.spec.track, t.spec.order, t.id))

    def resolve_cue(self, cue_id: str, task: TaskFile | None, script: ScriptSpec | None) -> CueSpec | None:
        """A cue by id: the task's, then the script's, then the product's key point, then the shared library."""
        for cues in (task.cues if task else [], script.cues if script else [], self.kinds.cues):
            found = next((c for c in cues if c.id == cue_id), None)
            if found is not None:
                return found
        product = self.products.get(task.product or "") if task else None
        point = next((p for p in product.key_points if p.id == cue_id), None) if product else None
        if point is None:
            return None
        fields = {"id": point.id, "label": point.label.model_dump(), "zh": point.zh, "en": point.en}
        return CueSpec.model_validate(fields)


def check_tasks(root: Path, products: Mapping[str, ProductSheet]) -> tuple[TaskCatalog | None, list[Problem]]:
    """Validate ``root`` (``assessments/tasks``); the catalog is returned only when there is no problem."""
    problems: list[Problem] = []
    kinds = _read(root / KINDS_FILE, KindsFile, problems)
    scripts: dict[str, tuple[ScriptSpec, YamlDoc]] = {}
    for path in sorted((root / "scripts").glob("*.yaml")):
        script_read = _read(path, ScriptSpec, problems)
        if script_read is not None:
            _check_name(script_read, path, problems)
            scripts[script_read[0].id] = script_read
    tasks: dict[str, Task] = {}
    for path in sorted(root.glob("*.yaml")):
        if path.name == KINDS_FILE:
            continue
        read = _read(path, TaskFile, problems)
        if read is None:
            continue
        _check_name(read, path, problems)
        spec, doc = read
        if spec.id in tasks:
            problems.append(doc.problem(["id"], f"duplicate task id '{spec.id}'"))
        tasks[spec.id] = Task(spec, _script_for(spec, scripts))
    if not tasks and not problems:
        problems.append(Problem(root, 1, "no task files found"))
    catalog = TaskCatalog(tasks, {k: v[0] for k, v in scripts.items()}, kinds[0], products) if kinds else None
    if catalog is not None:
        problems += _cross_checks(catalog, root, scripts)
    problems = sorted(set(problems), key=lambda p: (str(p.path), p.line, p.message))
    return (None if problems else catalog), problems


def load_tasks(root: Path, products: Mapping[str, ProductSheet]) -> TaskCatalog:
    catalog, problems = check_tasks(root, products)
    if catalog is None:
        raise TaskContentError(problems)
    return catalog


def _read(path: Path, model: type[M], problems: list[Problem]) -> tuple[M, YamlDoc] | None:
    if not path.is_file():
        problems.append(Problem(path, 1, f"missing file {path.name}"))
        return None
    doc = parse_yaml(path, path.read_text(encoding="utf-8"))
    problems.extend(doc.problems)
    if doc.data is None:
        if not doc.problems:
            problems.append(Problem(path, 1, "empty file"))
        return None
    try:
        return model.model_validate(doc.data), doc
    except ValidationError as exc:
        problems.extend(validation_problems(doc, exc))
        return None


def _check_name(read: tuple[Any, YamlDoc], path: Path, problems: list[Problem]) -> None:
    spec, doc = read
    if path.stem != spec.id:
        problems.append(doc.problem(["id"], f"id '{spec.id}' does not match the file name '{path.name}'"))


def _script_for(spec: TaskFile, scripts: dict[str, tuple[ScriptSpec, YamlDoc]]) -> ScriptSpec | None:
    if spec.comment_script:
        found = scripts.get(spec.comment_script)
        return found[0] if found else None
    if spec.comments:
        return ScriptSpec(id=spec.id, title=spec.title, comments=spec.comments)
    return None


def _cross_checks(catalog: TaskCatalog, root: Path, scripts: dict[str, tuple[ScriptSpec, YamlDoc]]) -> list[Problem]:
    problems: list[Problem] = []
    for task in catalog.tasks.values():
        spec = task.spec
        doc = parse_yaml(root / f"{spec.id}.yaml", (root / f"{spec.id}.yaml").read_text(encoding="utf-8"))
        product = catalog.products.get(spec.product) if spec.product else None
        if spec.product and product is None:
            problems.append(doc.problem(["product"], f"unknown product '{spec.product}' (no fact sheet)"))
        known_points = {p.id for p in product.key_points} if product else set()
        for i, point in enumerate(spec.key_points):
            if point not in known_points:
                problems.append(doc.problem(["key_points", i], f"'{point}' is not a key point of '{spec.product}'"))
        if spec.rubric not in RUBRICS:
            problems.append(doc.problem(["rubric"], f"unknown rubric '{spec.rubric}'"))
        if spec.comment_script and spec.comment_script not in scripts:
            problems.append(doc.problem(["comment_script"], f"unknown comment script '{spec.comment_script}'"))
            continue
        if spec.comment_script:
            script, script_doc = scripts[spec.comment_script]
            problems += _check_expects(catalog, spec, script, script_doc)
        elif task.script is not None:
            problems += _check_expects(catalog, spec, None, doc)
    return problems


def _check_expects(catalog: TaskCatalog, task: TaskFile, script: ScriptSpec | None, doc: YamlDoc) -> list[Problem]:
    """Every ``expects`` id names a cue; ``doc`` is the file holding the comments (the script's or the task's)."""
    comments = script.comments if script is not None else task.comments
    problems = []
    for i, comment in enumerate(comments):
        for j, cue in enumerate(comment.expects):
            if catalog.resolve_cue(cue, task, script) is None:
                problems.append(doc.problem(["comments", i, "expects", j], f"unknown cue '{cue}' (task '{task.id}')"))
    return problems
