"""A small, valid course tree for tests (two modules, the second needs the first), and helpers to load it.

Tests that need exact control (pass mark, attempt limit, question count) use this tree; tests about the shipped
content use ``courses/`` itself.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass
from pathlib import Path

import yaml
from sqlalchemy import Engine
from sqlmodel import Session

from support.factories import make_tree
from training_app.catalog.courses import load_courses
from training_app.db.engine import session_scope
from training_app.db.tables import Organisation, Role, User
from training_app.services.accounts import system_actor
from training_app.services.content import LoadReport, load_content
from training_app.services.organisations import assign_trainer

_seq = itertools.count(1)

TRACK = "t-basics"
M1, M2 = "m-one", "m-two"
M1_LESSONS = ("m-one-a", "m-one-b")
M2_LESSONS = ("m-two-a",)


def _text(label: str) -> dict[str, str]:
    return {"zh": f"{label}（中文）", "en": f"{label} (English)"}


def question(qid: str, *, correct: tuple[str, ...] = ("a",), kind: str = "single") -> dict[str, object]:
    return {
        "id": qid,
        "kind": kind,
        "prompt": _text(f"prompt {qid}"),
        "options": [
            {"id": o, "text": _text(f"{qid} option {o}"), "correct": o in correct, "explanation": _text(f"why {o}")}
            for o in ("a", "b", "c")
        ],
    }


def _dump(path: Path, data: object) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")


def write_lesson(folder: Path, order: int, lesson_id: str, body: str = "正文 body") -> None:
    for lang in ("zh", "en"):
        front = yaml.safe_dump({"id": lesson_id, "order": order, "title": f"{lesson_id} {lang}", "minutes": 5})
        path = folder / "lessons" / f"{order:02d}-{lesson_id}.{lang}.md"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(f"---\n{front}---\n\n{body} ({lang})\n", encoding="utf-8")


def write_quiz(folder: Path, module_id: str, questions: list[dict[str, object]], **settings: object) -> None:
    data = {"module": module_id, "pass_mark": 0.6, "max_attempts": None, **settings, "questions": questions}
    _dump(folder / "quiz.yaml", data)


M1_QUESTIONS = [
    question("m-one-q1"),
    question("m-one-q2", correct=("b",)),
    question("m-one-q3", correct=("a", "c"), kind="multiple"),
]
M1_CORRECT = {"m-one-q1": ["a"], "m-one-q2": ["b"], "m-one-q3": ["a", "c"]}


def write_mini_courses(root: Path, *, max_attempts: int | None = None, pass_mark: float = 0.6) -> Path:
    """``root/t-basics`` with m-one (2 lessons, 3 questions) and m-two (1 lesson, 2 questions, needs m-one)."""
    track = root / TRACK
    _dump(track / "track.yaml", {"id": TRACK, "order": 1, "title": _text("track"), "summary": _text("summary")})
    for order, module_id, lessons, prereqs, questions in (
        (1, M1, M1_LESSONS, [], M1_QUESTIONS),
        (2, M2, M2_LESSONS, [M1], [question("m-two-q1"), question("m-two-q2")]),
    ):
        folder = track / f"{order:02d}-{module_id}"
        module = {
            "id": module_id,
            "order": order,
            "title": _text(f"module {module_id}"),
            "summary": _text("summary"),
            "standard_functions": ["preparation"] if order == 1 else ["live_selling", "after_sales"],
            "prerequisites": prereqs,
            "estimated_minutes": 20,
        }
        _dump(folder / "module.yaml", module)
        for i, lesson_id in enumerate(lessons, start=1):
            write_lesson(folder, i, lesson_id)
        write_quiz(folder, module_id, questions, max_attempts=max_attempts, pass_mark=pass_mark)
    return root


def load_tree(engine: Engine, root: Path) -> LoadReport:
    catalog = load_courses(root)
    with session_scope(engine) as session:
        return load_content(session, system_actor(), catalog)


@dataclass
class People:
    trainee: User  # in cohort
    peer: User  # same cohort
    other_cohort: User  # cohort2: same agency, not the trainer's cohort
    other_agency: User  # a trainee of another agency
    trainer: User  # teaches cohort
    agency: User  # officer of the agency
    foreign_agency: User  # officer of the other agency
    admin: User


def quick_user(session: Session, *, org: Organisation, role: Role = Role.TRAINEE, name: str = "") -> User:
    """A user row without password hashing (argon2 costs ~0.5 s on a busy 2-core machine; these never sign in)."""
    n = next(_seq)
    user = User(
        username=f"{role.value}-c{n}",
        display_name=name or f"{role.value} {n}",
        role=role,
        org_id=org.id or 0,
        password_hash="!",  # noqa: S106 - no password matches
    )
    session.add(user)
    session.flush()
    return user


def make_people(engine: Engine) -> People:
    with session_scope(engine) as s:
        tree = make_tree(s)
        trainer = quick_user(s, org=tree["cohort"], role=Role.TRAINER)
        assign_trainer(s, system_actor(), trainer_id=trainer.id or 0, cohort_code=tree["cohort"].code)
        return People(
            trainee=quick_user(s, org=tree["cohort"], name="Trainee A"),
            peer=quick_user(s, org=tree["cohort"], name="Peer B"),
            other_cohort=quick_user(s, org=tree["cohort2"], name="Other C"),
            other_agency=quick_user(s, org=tree["other_cohort"], name="Far D"),
            trainer=trainer,
            agency=quick_user(s, org=tree["agency"], role=Role.AGENCY),
            foreign_agency=quick_user(s, org=tree["other_agency"], role=Role.AGENCY),
            admin=quick_user(s, org=tree["agency"], role=Role.ADMIN),
        )
