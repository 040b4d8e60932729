"""Checks that span more than one field or file: answers, translations of a lesson, ids, order, prerequisites."""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from training_app.catalog.course_schemas import Catalog, LessonMeta, Module, QuestionFile
from training_app.catalog.yaml_lines import Problem, YamlDoc


def check_question(doc: YamlDoc, index: int, question: QuestionFile) -> list[Problem]:
    """Option ids unique within the question; single = exactly one correct option, multiple = at least one."""
    problems = []
    seen: set[str] = set()
    for j, option in enumerate(question.options):
        if option.id in seen:
            problems.append(doc.problem(["questions", index, "options", j, "id"], f"duplicate option id '{option.id}'"))
        seen.add(option.id)
    correct = sum(1 for option in question.options if option.correct)
    if correct == 0:
        problems.append(doc.problem(["questions", index], f"question '{question.id}' has no correct answer"))
    elif question.kind == "single" and correct != 1:
        problems.append(
            doc.problem(["questions", index, "kind"], f"single-choice question '{question.id}' has {correct} correct")
        )
    return problems


def check_lesson_pair(zh: LessonMeta, en: LessonMeta, en_doc: YamlDoc) -> list[Problem]:
    """The zh and en files of one lesson share id and order."""
    problems = []
    if zh.id != en.id:
        problems.append(en_doc.problem(["id"], f"id '{en.id}' differs from the zh file's id '{zh.id}'"))
    if zh.order != en.order:
        problems.append(en_doc.problem(["order"], f"order {en.order} differs from the zh file's order {zh.order}"))
    return problems


def check_tree(catalog: Catalog) -> list[Problem]:
    return [*_duplicate_ids(catalog), *_duplicate_orders(catalog), *_prerequisites(catalog)]


def _id_sites(catalog: Catalog) -> Iterator[tuple[str, YamlDoc | None, Sequence[str | int]]]:
    for track in catalog.tracks:
        yield track.id, track.doc, ["id"]
        for module in track.modules:
            yield module.id, module.doc, ["id"]
            for lesson in module.lessons:
                yield lesson.id, lesson.doc, ["id"]
            if module.quiz is not None:
                for i, question in enumerate(module.quiz.questions):
                    yield question.id, module.quiz.doc, ["questions", i, "id"]


def _duplicate_ids(catalog: Catalog) -> list[Problem]:
    first: dict[str, Problem] = {}
    problems = []
    for item_id, doc, loc in _id_sites(catalog):
        if doc is None:
            continue
        here = doc.problem(loc, "")
        if item_id in first:
            seen = first[item_id]
            problems.append(doc.problem(loc, f"duplicate id '{item_id}' (first used at {seen.path}:{seen.line})"))
        else:
            first[item_id] = here
    return problems


def _duplicate_orders(catalog: Catalog) -> list[Problem]:
    problems = []
    for track in catalog.tracks:
        problems += _same_order([(m.spec.order, m.doc) for m in track.modules], "module of this track")
        for module in track.modules:
            problems += _same_order([(lesson.order, lesson.doc) for lesson in module.lessons], "lesson of this module")
    return problems


def _same_order(items: list[tuple[int, YamlDoc | None]], what: str) -> list[Problem]:
    seen: set[int] = set()
    problems = []
    for order, doc in items:
        if order in seen and doc is not None:
            problems.append(doc.problem(["order"], f"another {what} has order {order}"))
        seen.add(order)
    return problems


def _prerequisites(catalog: Catalog) -> list[Problem]:
    modules = {m.id: m for m in catalog.modules()}
    problems = []
    for module in modules.values():
        for j, prereq in enumerate(module.spec.prerequisites):
            if prereq not in modules and module.doc is not None:
                problems.append(module.doc.problem(["prerequisites", j], f"unknown prerequisite module '{prereq}'"))
    reported: set[frozenset[str]] = set()
    for module in modules.values():
        cycle = _cycle_from(module.id, modules)
        if cycle and frozenset(cycle) not in reported and module.doc is not None:
            reported.add(frozenset(cycle))
            j = module.spec.prerequisites.index(cycle[1])
            problems.append(module.doc.problem(["prerequisites", j], f"prerequisite cycle: {' → '.join(cycle)}"))
    return problems


def _cycle_from(start: str, modules: dict[str, Module]) -> list[str] | None:
    """A path start → … → start through prerequisites, if there is one (depth-first)."""
    stack: list[tuple[str, list[str]]] = [(start, [start])]
    visited: set[str] = set()
    while stack:
        node, path = stack.pop()
        for nxt in modules[node].spec.prerequisites if node in modules else []:
            if nxt == start:
                return [*path, start]
            if nxt not in visited:
                visited.add(nxt)
                stack.append((nxt, [*path, nxt]))
    return None
