"""Where trainees stand: which lessons are done, which quizzes passed, which modules are complete or locked.

Computed from two bulk reads (the active content, and the activity of a set of trainees), so the trainer's table
for a whole cohort costs a fixed number of queries. A module is complete when every current lesson is marked
complete and its quiz was passed (on any version). A module is open when its prerequisites are complete, or when
the trainee has already started it (adding a lesson to a prerequisite never locks work in progress again).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from datetime import datetime

from sqlmodel import Session, col, select

from training_app.db.tables import CourseLesson, CourseModule, CourseQuiz, CourseTrack, LessonProgress, QuizAttempt


def pick(row: object, name: str, lang: str) -> str:
    """The ``name_zh`` / ``name_en`` column of ``row`` for ``lang``."""
    return str(getattr(row, f"{name}_en" if lang == "en" else f"{name}_zh"))


@dataclass
class ContentIndex:
    tracks: list[CourseTrack]
    modules: list[CourseModule]  # in track order, then module order
    lessons: dict[str, list[CourseLesson]]  # module id -> lessons in order
    quizzes: dict[str, CourseQuiz]

    @property
    def module_by_id(self) -> dict[str, CourseModule]:
        return {m.id: m for m in self.modules}

    def lesson_module(self) -> dict[str, str]:
        return {lesson.id: m for m, lessons in self.lessons.items() for lesson in lessons}


def content_index(session: Session) -> ContentIndex:
    tracks = list(
        session.exec(select(CourseTrack).where(col(CourseTrack.is_retired).is_(False)).order_by(col(CourseTrack.order)))
    )
    track_order = {t.id: i for i, t in enumerate(tracks)}
    modules = [
        m
        for m in session.exec(select(CourseModule).where(col(CourseModule.is_retired).is_(False)))
        if m.track_id in track_order
    ]
    modules.sort(key=lambda m: (track_order[m.track_id], m.order, m.id))
    lessons: dict[str, list[CourseLesson]] = {m.id: [] for m in modules}
    stmt = select(CourseLesson).where(col(CourseLesson.is_retired).is_(False)).order_by(col(CourseLesson.order))
    for lesson in session.exec(stmt):
        if lesson.module_id in lessons:
            lessons[lesson.module_id].append(lesson)
    quizzes = {q.module_id: q for q in session.exec(select(CourseQuiz).where(col(CourseQuiz.is_retired).is_(False)))}
    return ContentIndex(tracks, modules, lessons, quizzes)


@dataclass
class Activity:
    """One trainee's progress rows and submitted quiz attempts."""

    progress: dict[str, LessonProgress] = field(default_factory=dict)  # lesson id -> row
    attempts: list[QuizAttempt] = field(default_factory=list)  # submitted, oldest first

    @property
    def done(self) -> set[str]:
        return {lesson_id for lesson_id, row in self.progress.items() if row.completed_at is not None}

    def last_active(self) -> datetime | None:
        times = [row.last_seen_at for row in self.progress.values()]
        times += [a.submitted_at for a in self.attempts if a.submitted_at is not None]
        return max(times, default=None)


def load_activity(session: Session, user_ids: Iterable[int]) -> dict[int, Activity]:
    ids = sorted(set(user_ids))
    result: dict[int, Activity] = defaultdict(Activity)
    if not ids:
        return result
    for row in session.exec(select(LessonProgress).where(col(LessonProgress.user_id).in_(ids))):
        result[row.user_id].progress[row.lesson_id] = row
    stmt = (
        select(QuizAttempt)
        .where(col(QuizAttempt.user_id).in_(ids), col(QuizAttempt.submitted_at).is_not(None))
        .order_by(col(QuizAttempt.submitted_at), col(QuizAttempt.id))
    )
    for attempt in session.exec(stmt):
        result[attempt.user_id].attempts.append(attempt)
    return result


@dataclass(frozen=True)
class ModuleState:
    module_id: str
    lessons_total: int
    lessons_done: int
    has_quiz: bool
    quiz_passed: bool
    best_score: float | None
    failed_attempts: int  # failed attempts while the quiz is not passed yet
    started: bool
    locked: bool = False
    missing: tuple[str, ...] = ()  # prerequisite module ids not complete yet

    @property
    def complete(self) -> bool:
        return self.lessons_done >= self.lessons_total and (self.quiz_passed or not self.has_quiz)


def _state(index: ContentIndex, module: CourseModule, activity: Activity) -> ModuleState:
    lesson_ids = [lesson.id for lesson in index.lessons.get(module.id, [])]
    done = activity.done
    attempts = [a for a in activity.attempts if a.module_id == module.id]
    passed = any(a.passed for a in attempts)
    scores = [a.score for a in attempts if a.score is not None]
    return ModuleState(
        module_id=module.id,
        lessons_total=len(lesson_ids),
        lessons_done=sum(1 for lid in lesson_ids if lid in done),
        has_quiz=module.id in index.quizzes,
        quiz_passed=passed,
        best_score=max(scores, default=None),
        failed_attempts=0 if passed else sum(1 for a in attempts if not a.passed),
        started=bool(attempts) or any(lid in activity.progress for lid in lesson_ids),
    )


def module_states(index: ContentIndex, activity: Activity, *, apply_locks: bool = True) -> dict[str, ModuleState]:
    """State of every active module for one trainee (``apply_locks=False`` for staff, who are never locked)."""
    states = {m.id: _state(index, m, activity) for m in index.modules}
    if not apply_locks:
        return states
    for module in index.modules:
        state = states[module.id]
        missing = tuple(p for p in module.prerequisites if p in states and not states[p].complete)
        if missing and not state.started:
            states[module.id] = replace(state, locked=True, missing=missing)
    return states


def current_module(index: ContentIndex, states: dict[str, ModuleState]) -> CourseModule | None:
    """The first open module, in course order, that is not complete."""
    return next((m for m in index.modules if not states[m.id].locked and not states[m.id].complete), None)
