"""Monthly rollups behind the agency dashboard (``db.tables.rollups``).

Closed months (UTC) are summed once into one row per month and organisation; the dashboard adds those rows up over
the actor's subtree and computes only what is not covered (the current month, a month never built) live from the
base tables, on indexed time ranges. ``refresh_rollups`` (``training-app dashboard refresh``, run from cron) rebuilds
every closed month in one transaction and is idempotent; ``ensure_rollups`` builds a missing closed month on the first
dashboard read. Trade-off: a change to old data (a deleted account, a late review, a trainee moved to another cohort,
a lesson's minutes edited) reaches past months only at the next refresh.
"""

from __future__ import annotations

import logging
from collections import defaultdict
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import and_, case, delete, func, or_
from sqlalchemy.exc import DBAPIError, IntegrityError
from sqlmodel import Session, col, select

from training_app.db import utcnow
from training_app.db.tables import Clip, CourseLesson, LessonProgress, QuizAttempt, Score, User
from training_app.db.tables.rollups import DashboardMonth, DashboardRollup

logger = logging.getLogger(__name__)

FIGURES = ("scores", "score_sum", "quiz_attempts", "quiz_passed", "lesson_minutes", "new_learners")
Range = tuple[datetime | None, datetime | None]  # [start, end), None: unbounded


@dataclass(frozen=True)
class RefreshResult:
    months: int
    rows: int
    first: str | None  # "YYYY-MM"
    last: str | None


def month_key(moment: datetime) -> str:
    moment = moment.astimezone(UTC)
    return f"{moment.year:04d}-{moment.month:02d}"


def month_start(key: str) -> datetime:
    year, month = key.split("-")
    return datetime(int(year), int(month), 1, tzinfo=UTC)


def next_month(key: str) -> str:
    year, month = (int(part) for part in key.split("-"))
    return f"{year + month // 12:04d}-{month % 12 + 1:02d}"


def month_of(session: Session, column: Any) -> Any:
    """SQL "YYYY-MM" of a UTC timestamp column (or aggregate of one)."""
    if session.get_bind().dialect.name == "postgresql":
        return func.to_char(func.timezone("UTC", column), "YYYY-MM")
    return func.substr(column, 1, 7)  # SQLite stores "YYYY-MM-DD HH:MM:SS" in UTC


def in_ranges(column: Any, ranges: list[Range]) -> Any:
    """``column`` within any of the half-open ranges."""
    parts = []
    for lo, hi in ranges:
        bounds = [c for c in (column >= lo if lo else None, column < hi if hi else None) if c is not None]
        parts.append(and_(column.is_not(None), *bounds))
    return or_(*parts) if parts else and_(column.is_(None), column.is_not(None))


def uncovered(covered: set[str], since: datetime | None = None) -> list[Range]:
    """The time from ``since`` on that no covered month holds, as ranges (the last one open-ended)."""
    ranges: list[Range] = []
    lo: datetime | None = since
    for key in sorted(covered):
        start, end = month_start(key), month_start(next_month(key))
        if since is not None and start < since:
            continue
        if lo is None or lo < start:
            ranges.append((lo, start))
        lo = end
    ranges.append((lo, None))
    return ranges


def _closed_until(now: datetime) -> str:
    """The first month that is not closed: the current one (never later than the real clock's)."""
    return min(month_key(now), month_key(utcnow()))


def _first_month(session: Session) -> str | None:
    firsts = [
        session.exec(select(func.min(col(Clip.created_at)))).one(),
        session.exec(select(func.min(col(QuizAttempt.submitted_at)))).one(),
        session.exec(select(func.min(col(LessonProgress.completed_at)))).one(),
    ]
    found = [month_key(f) for f in firsts if f is not None]
    return min(found) if found else None


def closed_months(session: Session, now: datetime) -> list[str]:
    """Every closed month from the first with data up to (not including) the current month."""
    key, until, months = _first_month(session), _closed_until(now), []
    while key is not None and key < until:
        months.append(key)
        key = next_month(key)
    return months


def _add(rows: dict[tuple[str, int], dict[str, Any]], stmt: Any, session: Session, names: tuple[str, ...]) -> None:
    for month, org_id, *values in session.exec(stmt):
        row = rows[(str(month), int(org_id))]
        for name, value in zip(names, values, strict=True):
            row[name] += value or 0


def compute_months(session: Session, months: list[str]) -> list[DashboardRollup]:
    """The rollup rows of ``months`` from the base tables (four grouped scans over the months' time range)."""
    if not months:
        return []
    lo, hi = month_start(min(months)), month_start(next_month(max(months)))
    rows: dict[tuple[str, int], dict[str, Any]] = defaultdict(lambda: dict.fromkeys(FIGURES, 0))
    made = month_of(session, Clip.created_at)
    scores = (
        select(made, User.org_id, func.count(col(Score.overall)), func.sum(Score.overall))
        .join(Clip, col(Clip.id) == Score.clip_id)
        .join(User, col(User.id) == Clip.owner_id)
        .where(col(Clip.created_at) >= lo, col(Clip.created_at) < hi, col(Score.overall).is_not(None))
        .group_by(made, col(User.org_id))
    )
    _add(rows, scores, session, ("scores", "score_sum"))
    sent = month_of(session, QuizAttempt.submitted_at)
    quizzes = (
        select(sent, User.org_id, func.count(), func.sum(case((col(QuizAttempt.passed), 1), else_=0)))
        .join(User, col(User.id) == QuizAttempt.user_id)
        .where(col(QuizAttempt.submitted_at) >= lo, col(QuizAttempt.submitted_at) < hi)
        .group_by(sent, col(User.org_id))
    )
    _add(rows, quizzes, session, ("quiz_attempts", "quiz_passed"))
    done = month_of(session, LessonProgress.completed_at)
    lessons = (
        select(done, User.org_id, func.sum(CourseLesson.minutes))
        .join(User, col(User.id) == LessonProgress.user_id)
        .join(CourseLesson, col(CourseLesson.id) == LessonProgress.lesson_id)
        .where(col(LessonProgress.completed_at) >= lo, col(LessonProgress.completed_at) < hi)
        .group_by(done, col(User.org_id))
    )
    _add(rows, lessons, session, ("lesson_minutes",))
    _add(rows, _first_lessons(session, lo, hi), session, ("new_learners",))
    wanted = set(months)
    return [DashboardRollup(month=m, org_id=o, **v) for (m, o), v in sorted(rows.items()) if m in wanted]


def _first_lessons(session: Session, lo: datetime, hi: datetime) -> Any:
    """Month of each trainee's first completed lesson, per org, for first completions in [lo, hi)."""
    first = func.min(LessonProgress.completed_at)
    per_user = (
        select(col(LessonProgress.user_id).label("user_id"), first.label("first"))
        .where(col(LessonProgress.completed_at).is_not(None))
        .group_by(col(LessonProgress.user_id))
        .having(and_(first >= lo, first < hi))
        .subquery()
    )
    month = month_of(session, per_user.c.first)
    return (
        select(month, User.org_id, func.count())
        .select_from(per_user)
        .join(User, col(User.id) == per_user.c.user_id)
        .group_by(month, col(User.org_id))
    )


def _store(session: Session, months: list[str], rows: list[DashboardRollup], at: datetime) -> None:
    session.add_all([DashboardMonth(month=m, refreshed_at=at) for m in months])
    session.add_all(rows)
    session.flush()


def refresh_rollups(session: Session, *, now: datetime | None = None) -> RefreshResult:
    """Rebuild every closed month from the base tables (idempotent: same data, same rows)."""
    now = now or utcnow()
    months = closed_months(session, now)
    until = _closed_until(now)
    session.execute(delete(DashboardRollup).where(col(DashboardRollup.month) < until))
    session.execute(delete(DashboardMonth).where(col(DashboardMonth.month) < until))
    rows = compute_months(session, months)
    _store(session, months, rows, utcnow())
    logger.info("dashboard rollups refreshed: %d months, %d rows", len(months), len(rows))
    return RefreshResult(len(months), len(rows), months[0] if months else None, months[-1] if months else None)


def ensure_rollups(session: Session, *, now: datetime) -> set[str]:
    """The months the rollup covers, after building any missing closed month (in a savepoint: if another process is
    writing the same months, or a read-only SQLite snapshot cannot write, the read goes on and counts them live)."""
    present = set(session.exec(select(DashboardMonth.month)))
    missing = [m for m in closed_months(session, now) if m not in present]
    if not missing:
        return present
    try:
        with session.begin_nested():
            _store(session, missing, compute_months(session, missing), utcnow())
    except (IntegrityError, DBAPIError) as exc:
        logger.info("dashboard rollup of %s not stored (%s); counting it live", missing, type(exc).__name__)
        return present
    return present | set(missing)


def last_refreshed(session: Session) -> datetime | None:
    """When the oldest computed past month was computed (None: nothing rolled up yet)."""
    return session.exec(select(func.min(col(DashboardMonth.refreshed_at)))).one()
