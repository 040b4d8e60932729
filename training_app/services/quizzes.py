"""Quizzes: start an attempt (questions and options shuffled by a seed stored on the attempt), submit, grade,
explain, retry within the module's limit.

An attempt fixes its questions (ids, in shown order) and records the quiz version and the pass mark it was taken
on; each answer records the question version and the chosen option ids. Trainees take their own quizzes; staff who
may see a trainee may read that trainee's results.
"""

from __future__ import annotations

import random
import secrets
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from sqlmodel import Session, col, func, select

from training_app.db import utcnow
from training_app.db.tables import CourseModule, CourseQuiz, QuizAnswer, QuizAttempt, QuizQuestion, Role, User
from training_app.errors import Conflict, InvalidInput, NotFound
from training_app.services import audit
from training_app.services.authz import deny, require_role, require_user_access
from training_app.services.course_state import pick
from training_app.services.courses import require_unlocked

PASS_EPSILON = 1e-9


@dataclass(frozen=True)
class OptionView:
    id: str
    text: str


@dataclass(frozen=True)
class QuestionView:
    id: str
    kind: str  # single | multiple
    prompt: str
    options: list[OptionView]


@dataclass(frozen=True)
class QuizSheet:
    attempt_id: int
    module_id: str
    module_title: str
    pass_mark: float
    questions: list[QuestionView]


@dataclass(frozen=True)
class OptionFeedback:
    id: str
    text: str
    correct: bool
    chosen: bool
    explanation: str


@dataclass(frozen=True)
class QuestionResult:
    id: str
    prompt: str
    is_correct: bool
    options: list[OptionFeedback]


@dataclass(frozen=True)
class QuizResult:
    attempt_id: int
    module_id: str
    module_title: str
    score: float
    correct_count: int
    total: int
    passed: bool
    pass_mark: float
    questions: list[QuestionResult]
    attempts_used: int
    attempts_left: int | None  # None: unlimited


@dataclass(frozen=True)
class QuizStatus:
    module_id: str
    module_title: str
    question_count: int
    pass_mark: float
    max_attempts: int | None
    attempts_used: int
    open_attempt_id: int | None
    last_submitted_id: int | None
    passed: bool

    @property
    def can_start(self) -> bool:
        return self.max_attempts is None or self.attempts_used < self.max_attempts


def _quiz(session: Session, module_id: str) -> tuple[CourseQuiz, CourseModule]:
    quiz, module = session.get(CourseQuiz, module_id), session.get(CourseModule, module_id)
    if quiz is None or module is None or quiz.is_retired or module.is_retired:
        raise NotFound("quiz.not_found")
    return quiz, module


def _attempts(session: Session, user_id: int, module_id: str) -> list[QuizAttempt]:
    stmt = select(QuizAttempt).where(QuizAttempt.user_id == user_id, QuizAttempt.module_id == module_id)
    return list(session.exec(stmt.order_by(col(QuizAttempt.id))))


def quiz_status(session: Session, actor: User, *, module_id: str, lang: str) -> QuizStatus:
    require_role(actor, "quiz.status", Role.TRAINEE)
    quiz, module = _quiz(session, module_id)
    attempts = _attempts(session, actor.id or 0, module_id)
    submitted = [a for a in attempts if a.submitted_at is not None]
    count = session.exec(
        select(func.count()).where(QuizQuestion.module_id == module_id, col(QuizQuestion.is_retired).is_(False))
    ).one()
    return QuizStatus(
        module_id=module_id,
        module_title=pick(module, "title", lang),
        question_count=int(count),
        pass_mark=quiz.pass_mark,
        max_attempts=quiz.max_attempts,
        attempts_used=len(submitted),
        open_attempt_id=next((a.id for a in attempts if a.submitted_at is None), None),
        last_submitted_id=submitted[-1].id if submitted else None,
        passed=any(a.passed for a in submitted),
    )


def start_quiz(session: Session, actor: User, *, module_id: str, lang: str) -> QuizSheet:
    """The trainee's open attempt for this quiz, or a new one if attempts are left."""
    require_role(actor, "quiz.start", Role.TRAINEE)
    status = quiz_status(session, actor, module_id=module_id, lang=lang)
    require_unlocked(session, actor, module_id, lang)
    if status.open_attempt_id is not None:
        return get_quiz_sheet(session, actor, attempt_id=status.open_attempt_id, lang=lang)
    if not status.can_start:
        raise Conflict("quiz.no_attempts_left", limit=status.max_attempts)
    quiz, _ = _quiz(session, module_id)
    stmt = select(QuizQuestion.id).where(QuizQuestion.module_id == module_id, col(QuizQuestion.is_retired).is_(False))
    question_ids = list(session.exec(stmt.order_by(col(QuizQuestion.order), col(QuizQuestion.id))))
    seed = secrets.randbelow(2**31)
    random.Random(seed).shuffle(question_ids)
    attempt = QuizAttempt(
        user_id=actor.id or 0,
        module_id=module_id,
        quiz_version=quiz.version,
        seed=seed,
        question_ids=question_ids,
        pass_mark=quiz.pass_mark,
        total=len(question_ids),
    )
    session.add(attempt)
    session.flush()
    return get_quiz_sheet(session, actor, attempt_id=attempt.id or 0, lang=lang)


def option_order(seed: int, question_id: str, option_ids: Sequence[str]) -> list[str]:
    """The shown order of a question's options: fixed by the attempt's seed, so a reload shows the same order."""
    order = list(option_ids)
    random.Random(f"{seed}:{question_id}").shuffle(order)
    return order


def _own_attempt(session: Session, actor: User, attempt_id: int, action: str) -> QuizAttempt:
    attempt = session.get(QuizAttempt, attempt_id)
    if attempt is None:
        raise NotFound("quiz.not_found")
    if actor.id is None or attempt.user_id != actor.id:
        raise deny(actor, action, "quiz_attempt", attempt_id)
    return attempt


def _questions(session: Session, attempt: QuizAttempt) -> list[QuizQuestion]:
    rows = {q.id: q for q in session.exec(select(QuizQuestion).where(col(QuizQuestion.id).in_(attempt.question_ids)))}
    return [rows[qid] for qid in attempt.question_ids if qid in rows]


def _ordered_options(attempt: QuizAttempt, question: QuizQuestion) -> list[dict[str, Any]]:
    by_id = {o["id"]: o for o in question.options}
    return [by_id[oid] for oid in option_order(attempt.seed, question.id, list(by_id))]


def get_quiz_sheet(session: Session, actor: User, *, attempt_id: int, lang: str) -> QuizSheet:
    require_role(actor, "quiz.sheet", Role.TRAINEE)
    attempt = _own_attempt(session, actor, attempt_id, "quiz.sheet")
    _, module = _quiz(session, attempt.module_id)
    questions = [
        QuestionView(
            q.id,
            str(q.kind),
            pick(q, "prompt", lang),
            [OptionView(o["id"], o["text"][_lang(lang)]) for o in _ordered_options(attempt, q)],
        )
        for q in _questions(session, attempt)
    ]
    return QuizSheet(attempt.id or 0, module.id, pick(module, "title", lang), attempt.pass_mark, questions)


def _lang(lang: str) -> str:
    return "en" if lang == "en" else "zh"


def _grade(question: QuizQuestion, selected: Sequence[str]) -> bool:
    known = {o["id"] for o in question.options}
    chosen = set(selected)
    if not chosen <= known or len(chosen) != len(selected):
        raise InvalidInput("quiz.unknown_option")
    if question.kind == "single" and len(chosen) > 1:
        raise InvalidInput("quiz.one_answer_only")
    return chosen == {o["id"] for o in question.options if o["correct"]}


def submit_quiz(
    session: Session, actor: User, *, attempt_id: int, answers: Mapping[str, Sequence[str]], lang: str
) -> QuizResult:
    """Grade the trainee's open attempt; unanswered questions count as wrong."""
    require_role(actor, "quiz.submit", Role.TRAINEE)
    attempt = _own_attempt(session, actor, attempt_id, "quiz.submit")
    if attempt.submitted_at is not None:
        raise Conflict("quiz.already_submitted")
    correct = 0
    for question in _questions(session, attempt):
        selected = list(answers.get(question.id, []))
        ok = _grade(question, selected)
        correct += ok
        session.add(
            QuizAnswer(
                attempt_id=attempt.id or 0,
                question_id=question.id,
                question_version=question.version,
                selected=selected,
                is_correct=ok,
            )
        )
    attempt.correct_count = correct
    attempt.score = correct / attempt.total if attempt.total else 0.0
    attempt.passed = attempt.score + PASS_EPSILON >= attempt.pass_mark
    attempt.submitted_at = utcnow()
    session.add(attempt)
    session.flush()
    audit.record(session, actor=actor, action="quiz.submit", resource_type="quiz_attempt", resource_id=attempt.id)
    return quiz_result(session, actor, attempt_id=attempt.id or 0, lang=lang)


def quiz_result(session: Session, actor: User, *, attempt_id: int, lang: str) -> QuizResult:
    """A submitted attempt with per-option explanations: the trainee's own, or one of a trainee the actor may see."""
    attempt = session.get(QuizAttempt, attempt_id)
    if attempt is None or attempt.submitted_at is None:
        raise NotFound("quiz.not_found")
    owner = session.get(User, attempt.user_id)
    if owner is None:
        raise NotFound("quiz.not_found")
    require_user_access(session, actor, owner, "quiz.result")
    quiz, module = session.get(CourseQuiz, attempt.module_id), session.get(CourseModule, attempt.module_id)
    answers = {a.question_id: a for a in session.exec(select(QuizAnswer).where(QuizAnswer.attempt_id == attempt_id))}
    questions = [_question_result(attempt, q, answers.get(q.id), lang) for q in _questions(session, attempt)]
    used = sum(1 for a in _attempts(session, owner.id or 0, attempt.module_id) if a.submitted_at is not None)
    limit = quiz.max_attempts if quiz else None
    return QuizResult(
        attempt_id=attempt_id,
        module_id=attempt.module_id,
        module_title=pick(module, "title", lang) if module else attempt.module_id,
        score=attempt.score or 0.0,
        correct_count=attempt.correct_count,
        total=attempt.total,
        passed=attempt.passed,
        pass_mark=attempt.pass_mark,
        questions=questions,
        attempts_used=used,
        attempts_left=None if limit is None else max(0, limit - used),
    )


def _question_result(attempt: QuizAttempt, q: QuizQuestion, answer: QuizAnswer | None, lang: str) -> QuestionResult:
    chosen = set(answer.selected) if answer else set()
    options = [
        OptionFeedback(
            o["id"], o["text"][_lang(lang)], bool(o["correct"]), o["id"] in chosen, o["explanation"][_lang(lang)]
        )
        for o in _ordered_options(attempt, q)
    ]
    return QuestionResult(q.id, pick(q, "prompt", lang), bool(answer and answer.is_correct), options)
