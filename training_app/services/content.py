"""Load the validated course files into the database, idempotently, without ever losing progress.

Rows are keyed by the ids written in the files. Loading the same files again changes nothing; an edited lesson gets
a new content version; an item that disappeared from the files is retired (kept, hidden), never deleted, so past
progress and answers still point at it. A failed load changes nothing (one transaction).
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, inspect
from sqlalchemy.exc import IntegrityError, OperationalError
from sqlmodel import Session, SQLModel, col, select

from training_app.catalog.course_schemas import Catalog, Module
from training_app.catalog.courses import ContentError, load_courses
from training_app.db import utcnow
from training_app.db.tables import (
    ContentRelease,
    CourseLesson,
    CourseModule,
    CourseQuiz,
    CourseTrack,
    QuestionKind,
    QuizQuestion,
    Role,
    User,
)
from training_app.services import audit
from training_app.services.authz import require_role
from training_app.services.uow import unit_of_work

logger = logging.getLogger(__name__)


@dataclass
class LoadReport:
    version: str
    summary: str
    changed: bool = False
    added: int = 0
    updated: int = 0
    retired: int = 0


def latest_release(session: Session) -> ContentRelease | None:
    return session.exec(select(ContentRelease).order_by(col(ContentRelease.id).desc())).first()


def has_content(session: Session) -> bool:
    return session.exec(select(CourseTrack.id).where(col(CourseTrack.is_retired).is_(False))).first() is not None


def load_content(session: Session, actor: User, catalog: Catalog) -> LoadReport:
    """Bring the database in line with ``catalog``; a no-op when that exact version is already loaded."""
    require_role(actor, "content.load", Role.ADMIN)
    report = LoadReport(version=catalog.version, summary=catalog.summary())
    latest = latest_release(session)
    if latest is not None and latest.version == catalog.version:
        return report
    report.changed = True
    _sync_tracks(session, catalog, report)
    _sync_modules(session, catalog, report)
    _sync_lessons(session, catalog, report)
    _sync_quizzes(session, catalog, report)
    session.add(ContentRelease(version=catalog.version, summary=report.summary))
    audit.record(session, actor=actor, action="content.load", resource_type="content", resource_id=catalog.version)
    return report


def _upsert(session: Session, model: type[SQLModel], key: str, values: dict[str, Any], report: LoadReport) -> Any:
    row = session.get(model, key)
    if row is None:
        row = model(**values)
        report.added += 1
    else:
        changed = {k: v for k, v in values.items() if getattr(row, k) != v}
        if not changed:
            return row
        for name, value in changed.items():
            setattr(row, name, value)
        report.updated += 1
    session.add(row)
    return row


def _retire_missing(session: Session, model: Any, keep: set[str], report: LoadReport) -> None:
    key = model.module_id if model is CourseQuiz else model.id
    stale = session.exec(select(model).where(col(key).not_in(keep), col(model.is_retired).is_(False)))
    for row in stale:
        row.is_retired = True
        if isinstance(row, QuizQuestion):
            row.retired_at = utcnow()
        session.add(row)
        report.retired += 1


def _bilingual(prefix: str, text: Any) -> dict[str, str]:
    return {f"{prefix}_zh": text.zh, f"{prefix}_en": text.en}


def _sync_tracks(session: Session, catalog: Catalog, report: LoadReport) -> None:
    for track in catalog.tracks:
        spec = track.spec
        values = {"id": spec.id, "order": spec.order, "audience": list(spec.audience), "is_retired": False}
        _upsert(
            session,
            CourseTrack,
            spec.id,
            values | _bilingual("title", spec.title) | _bilingual("summary", spec.summary),
            report,
        )
    _retire_missing(session, CourseTrack, {t.id for t in catalog.tracks}, report)
    session.flush()


def _sync_modules(session: Session, catalog: Catalog, report: LoadReport) -> None:
    for module in catalog.modules():
        spec = module.spec
        values = {
            "id": spec.id,
            "track_id": module.track_id,
            "order": spec.order,
            "standard_functions": list(spec.standard_functions),
            "prerequisites": list(spec.prerequisites),
            "estimated_minutes": spec.estimated_minutes,
            "is_retired": False,
        }
        values |= _bilingual("title", spec.title) | _bilingual("summary", spec.summary)
        _upsert(session, CourseModule, spec.id, values, report)
    _retire_missing(session, CourseModule, {m.id for m in catalog.modules()}, report)
    session.flush()


def _sync_lessons(session: Session, catalog: Catalog, report: LoadReport) -> None:
    for lesson in catalog.lessons():
        values = {
            "id": lesson.id,
            "module_id": lesson.module_id,
            "order": lesson.order,
            "minutes": lesson.minutes,
            "sources": lesson.sources,
            "version": lesson.version,
            "is_retired": False,
        }
        values |= _bilingual("title", lesson.title) | _bilingual("body", lesson.body)
        row = session.get(CourseLesson, lesson.id)
        if row is not None and row.version != lesson.version:
            values["updated_at"] = utcnow()
        _upsert(session, CourseLesson, lesson.id, values, report)
    _retire_missing(session, CourseLesson, {lesson.id for lesson in catalog.lessons()}, report)
    session.flush()


def _sync_quizzes(session: Session, catalog: Catalog, report: LoadReport) -> None:
    modules_with_quiz = [m for m in catalog.modules() if m.quiz is not None]
    for module in modules_with_quiz:
        _sync_quiz(session, module, report)
    _retire_missing(session, CourseQuiz, {m.id for m in modules_with_quiz}, report)
    _retire_missing(session, QuizQuestion, {q.id for q in catalog.questions()}, report)
    session.flush()


def _sync_quiz(session: Session, module: Module, report: LoadReport) -> None:
    quiz = module.quiz
    assert quiz is not None  # noqa: S101 - filtered by the caller
    row = session.get(CourseQuiz, module.id)
    values: dict[str, Any] = {
        "module_id": module.id,
        "pass_mark": quiz.pass_mark,
        "max_attempts": quiz.max_attempts,
        "version": quiz.version,
        "is_retired": False,
    }
    if row is not None and row.version != quiz.version:
        values["updated_at"] = utcnow()
    _upsert(session, CourseQuiz, module.id, values, report)
    for question in quiz.questions:
        spec = question.spec
        options = [o.model_dump() for o in spec.options]
        values = {
            "id": spec.id,
            "module_id": module.id,
            "order": question.order,
            "kind": QuestionKind(spec.kind),
            "options": options,
            "version": question.version,
            "is_retired": False,
            "retired_at": None,
        }
        _upsert(session, QuizQuestion, spec.id, values | _bilingual("prompt", spec.prompt), report)


def _tables_ready(engine: Engine) -> bool:
    names = set(inspect(engine).get_table_names())
    return {CourseTrack.__tablename__, ContentRelease.__tablename__} <= names  # type: ignore[operator]


def load_at_startup(engine: Engine, courses_dir: Path, actor: User) -> LoadReport | None:
    """Load the course files at start. A content problem never stops the app: it is logged, and the content loaded
    before (if any) stays in use."""
    if not _tables_ready(engine):
        logger.warning("course tables are missing (migration not applied yet); course content not loaded")
        return None
    try:
        catalog = load_courses(courses_dir)
    except ContentError as exc:
        for problem in exc.problems:
            logger.error("course content: %s", problem)
        with unit_of_work(engine, write=False) as session:
            keeping = has_content(session)
        logger.error(
            "course content has %d problems; %s",
            len(exc.problems),
            "keeping the content loaded before" if keeping else "no course content is loaded",
        )
        return None
    try:
        with unit_of_work(engine) as session:
            return load_content(session, actor, catalog)
    except (IntegrityError, OperationalError):
        logger.warning(
            "course content load collided with another process; it will load at the next start", exc_info=True
        )
        return None
