"""The course catalogue and lessons, as a trainee meets them: progress, locks, reading, marking complete, resuming.

Trainees act on their own progress only. Staff (trainer, agency, admin) may browse every lesson, are never locked
and leave no progress behind.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlmodel import Session, col, select

from training_app.db import utcnow
from training_app.db.tables import CourseLesson, LessonProgress, Role, User
from training_app.errors import Conflict, NotFound
from training_app.services.authz import require_role
from training_app.services.course_state import (
    ContentIndex,
    ModuleState,
    content_index,
    load_activity,
    module_states,
    pick,
)

ANY_ROLE = (Role.TRAINEE, Role.TRAINER, Role.AGENCY, Role.ADMIN)


@dataclass(frozen=True)
class LessonItem:
    id: str
    title: str
    minutes: int
    done: bool


@dataclass(frozen=True)
class ModuleCard:
    id: str
    title: str
    summary: str
    estimated_minutes: int
    standard_functions: list[str]
    lessons: list[LessonItem]
    state: ModuleState
    missing_titles: list[str]

    @property
    def progress(self) -> float:
        steps = self.state.lessons_total + (1 if self.state.has_quiz else 0)
        done = self.state.lessons_done + (1 if self.state.quiz_passed else 0)
        return done / steps if steps else 0.0


@dataclass(frozen=True)
class TrackCard:
    id: str
    title: str
    summary: str
    modules: list[ModuleCard]

    @property
    def progress(self) -> float:
        return sum(m.progress for m in self.modules) / len(self.modules) if self.modules else 0.0


@dataclass(frozen=True)
class LessonView:
    id: str
    module_id: str
    module_title: str
    title: str
    body: str  # reviewed course Markdown
    sources: list[str]
    minutes: int
    version: str
    completed: bool
    position: int  # 1-based within the module
    count: int
    next_lesson_id: str | None
    has_quiz: bool
    tracks_progress: bool  # False for staff: nothing is recorded


def _states_for(session: Session, actor: User, index: ContentIndex) -> dict[str, ModuleState]:
    activity = load_activity(session, [actor.id or 0])[actor.id or 0]
    return module_states(index, activity, apply_locks=actor.role == Role.TRAINEE)


def catalogue(session: Session, actor: User, *, lang: str) -> list[TrackCard]:
    """Every track and module with the actor's progress and locks."""
    require_role(actor, "courses.catalogue", *ANY_ROLE)
    index = content_index(session)
    activity = load_activity(session, [actor.id or 0])[actor.id or 0]
    states = module_states(index, activity, apply_locks=actor.role == Role.TRAINEE)
    titles = {m.id: pick(m, "title", lang) for m in index.modules}
    done = activity.done
    cards: dict[str, list[ModuleCard]] = {t.id: [] for t in index.tracks}
    for module in index.modules:
        lessons = [
            LessonItem(lesson.id, pick(lesson, "title", lang), lesson.minutes, lesson.id in done)
            for lesson in index.lessons[module.id]
        ]
        state = states[module.id]
        cards[module.track_id].append(
            ModuleCard(
                id=module.id,
                title=titles[module.id],
                summary=pick(module, "summary", lang),
                estimated_minutes=module.estimated_minutes,
                standard_functions=list(module.standard_functions),
                lessons=lessons,
                state=state,
                missing_titles=[titles[m] for m in state.missing],
            )
        )
    return [TrackCard(t.id, pick(t, "title", lang), pick(t, "summary", lang), cards[t.id]) for t in index.tracks]


def _active_lesson(session: Session, lesson_id: str) -> CourseLesson:
    lesson = session.get(CourseLesson, lesson_id)
    if lesson is None or lesson.is_retired:
        raise NotFound("courses.lesson_not_found")
    return lesson


def require_unlocked(session: Session, actor: User, module_id: str, lang: str) -> ContentIndex:
    """A trainee may open a module only when its prerequisites are complete (staff always may)."""
    index = content_index(session)
    if module_id not in index.module_by_id:
        raise NotFound("courses.lesson_not_found")
    state = _states_for(session, actor, index)[module_id]
    if state.locked:
        names = "、".join(pick(index.module_by_id[m], "title", lang) for m in state.missing)
        raise Conflict("courses.module_locked", modules=names)
    return index


def _progress_row(session: Session, user_id: int, lesson_id: str) -> LessonProgress | None:
    stmt = select(LessonProgress).where(LessonProgress.user_id == user_id, LessonProgress.lesson_id == lesson_id)
    return session.exec(stmt).first()


def open_lesson(session: Session, actor: User, *, lesson_id: str, lang: str) -> LessonView:
    """A lesson in ``lang``; for a trainee this also records the visit (resume point, version seen)."""
    require_role(actor, "lesson.open", *ANY_ROLE)
    lesson = _active_lesson(session, lesson_id)
    index = require_unlocked(session, actor, lesson.module_id, lang)
    tracks = actor.role == Role.TRAINEE
    row = _progress_row(session, actor.id or 0, lesson.id) if tracks else None
    if tracks:
        row = row or LessonProgress(user_id=actor.id or 0, lesson_id=lesson.id, seen_version=lesson.version)
        row.last_seen_at, row.seen_version = utcnow(), lesson.version
        session.add(row)
        session.flush()
    siblings = [x.id for x in index.lessons[lesson.module_id]]
    position = siblings.index(lesson.id)
    module = index.module_by_id[lesson.module_id]
    return LessonView(
        id=lesson.id,
        module_id=module.id,
        module_title=pick(module, "title", lang),
        title=pick(lesson, "title", lang),
        body=pick(lesson, "body", lang),
        sources=list(lesson.sources.get("en" if lang == "en" else "zh", [])),
        minutes=lesson.minutes,
        version=lesson.version,
        completed=row is not None and row.completed_at is not None,
        position=position + 1,
        count=len(siblings),
        next_lesson_id=siblings[position + 1] if position + 1 < len(siblings) else None,
        has_quiz=module.id in index.quizzes,
        tracks_progress=tracks,
    )


def mark_lesson_complete(session: Session, actor: User, *, lesson_id: str) -> None:
    """Mark one of the trainee's own lessons complete (idempotent; the first completion time is kept)."""
    require_role(actor, "lesson.complete", Role.TRAINEE)
    lesson = _active_lesson(session, lesson_id)
    require_unlocked(session, actor, lesson.module_id, "zh")
    row = _progress_row(session, actor.id or 0, lesson.id)
    now = utcnow()
    if row is None:
        row = LessonProgress(user_id=actor.id or 0, lesson_id=lesson.id, seen_version=lesson.version)
    row.last_seen_at = now
    if row.completed_at is None:
        row.completed_at = now
    row.completed_version = lesson.version
    session.add(row)
    session.flush()


def resume_lesson_id(session: Session, actor: User) -> str | None:
    """The lesson the trainee visited last (still published), or None."""
    require_role(actor, "lesson.resume", *ANY_ROLE)
    stmt = (
        select(LessonProgress.lesson_id)
        .join(CourseLesson, col(CourseLesson.id) == col(LessonProgress.lesson_id))
        .where(LessonProgress.user_id == (actor.id or 0), col(CourseLesson.is_retired).is_(False))
        .order_by(col(LessonProgress.last_seen_at).desc(), col(LessonProgress.id).desc())
    )
    return session.exec(stmt).first()
