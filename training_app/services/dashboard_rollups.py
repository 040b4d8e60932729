"""Rollups behind the agency dashboard (``db.tables.rollups``; periods and their keys in ``dashboard_periods``).

Closed months and days are summed once per organisation from the base tables; spans (all closed months, this month
up to today, the trend window's first part-month) are summed from those. The dashboard reads a few spans and months
over the actor's subtree and counts only today (and anything not yet rolled up) live, on indexed time ranges.

``refresh_rollups`` (``training-app dashboard refresh``, nightly from cron) rebuilds every needed period, a month per
transaction so SQLite writers never wait long, and drops periods no longer needed; it is idempotent.
``ensure_rollups`` builds what a dashboard read misses (at most ``LAZY_DAYS`` of base data per read, so a read never
holds the write lock for long; what is still missing is counted live). Trade-off: a change to old data (a deleted
account, an old clip re-scored, a trainee moved to another cohort, a lesson's minutes edited) reaches closed periods
only at the next refresh. Confirmed violations are not rolled up (always live).
"""

from __future__ import annotations

import logging
from collections import defaultdict
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import Engine, and_, case, delete, func, or_
from sqlalchemy.exc import DBAPIError, IntegrityError
from sqlmodel import Session, col, select

from training_app.db import utcnow
from training_app.db.engine import session_scope
from training_app.db.tables import Clip, CourseLesson, LessonProgress, QuizAttempt, Score, User
from training_app.db.tables.rollups import DashboardPeriod, DashboardRollup
from training_app.services import dashboard_periods as periods
from training_app.services.dashboard_periods import DAY, MONTH, SPAN, Range, period_end, period_start

logger = logging.getLogger(__name__)

FIGURES = ("scores", "score_sum", "quiz_attempts", "quiz_passed", "lesson_minutes", "new_learners")
LAZY_DAYS = 62  # base data a dashboard read may roll up (about two months; the nightly refresh does the rest)


@dataclass(frozen=True)
class RefreshResult:
    periods: int  # months, days and spans stored
    rows: int
    first: str | None  # the first month
    last: str | None  # the last closed day


def bucket(session: Session, column: Any, length: int = MONTH) -> Any:
    """SQL "YYYY-MM" (or "YYYY-MM-DD") of a UTC timestamp column (or an aggregate of one)."""
    if session.get_bind().dialect.name == "postgresql":
        return func.to_char(func.timezone("UTC", column), "YYYY-MM" if length == MONTH else "YYYY-MM-DD")
    return func.substr(column, 1, length)  # SQLite stores "YYYY-MM-DD HH:MM:SS" in UTC


def in_ranges(column: Any, ranges: list[Range]) -> Any:
    """``column`` within any of the half-open ranges."""
    parts = []
    for lo, hi in ranges:
        bounds = [c for c in (column >= lo if lo else None, column < hi if hi else None) if c is not None]
        parts.append(and_(column.is_not(None), *bounds))
    return or_(*parts) if parts else and_(column.is_(None), column.is_not(None))


def by_time(session: Session, user_fk: Any) -> Any:
    """The join column of a live query's event table to ``User.id``, so that the event table is read through its time
    index. On SQLite ``fk + 0`` keeps the planner from looping over all 100,000 trainees and probing each one's rows
    by the foreign key index (it did, measured ~10x slower); PostgreSQL's statistics find the right plan unaided."""
    return user_fk + 0 if session.get_bind().dialect.name == "sqlite" else user_fk


def _first_data(session: Session) -> datetime | None:
    """The earliest clip, quiz submission or completed lesson (one round trip: this runs on every dashboard read)."""
    firsts = session.exec(
        select(
            select(func.min(col(Clip.created_at))).scalar_subquery(),
            select(func.min(col(QuizAttempt.submitted_at))).scalar_subquery(),
            select(func.min(col(LessonProgress.completed_at))).scalar_subquery(),
        )
    ).one()
    found = [f for f in firsts if f is not None]
    return min(found) if found else None


def plan(session: Session, now: datetime, since: datetime | None = None) -> list[str]:
    """The periods a read of the window from ``since`` (None: all time) takes from the rollup. "Closed" means before
    today by ``now``, and never later than by the real clock."""
    first = _first_data(session)
    today = periods.day_start(min(now, utcnow()))
    return [] if first is None else periods.read_periods(first, today, since)


def _add(rows: dict[tuple[str, int], dict[str, Any]], stmt: Any, session: Session, names: tuple[str, ...]) -> None:
    for period, org_id, *values in session.exec(stmt):
        row = rows[(str(period), int(org_id))]
        for name, value in zip(names, values, strict=True):
            row[name] += value or 0


def _scores(session: Session, lo: datetime, hi: datetime, length: int) -> Any:
    made = bucket(session, Clip.created_at, length)
    return (
        select(made, User.org_id, func.count(col(Score.overall)), func.sum(Score.overall))
        .select_from(Clip)
        .join(Score, col(Score.clip_id) == Clip.id)
        .join(User, col(User.id) == Clip.owner_id)
        .where(col(Clip.created_at) >= lo, col(Clip.created_at) < hi, col(Score.overall).is_not(None))
        .group_by(made, col(User.org_id))
    )


def _quizzes(session: Session, lo: datetime, hi: datetime, length: int) -> Any:
    sent = bucket(session, QuizAttempt.submitted_at, length)
    return (
        select(sent, User.org_id, func.count(), func.sum(case((col(QuizAttempt.passed), 1), else_=0)))
        .select_from(QuizAttempt)
        .join(User, col(User.id) == QuizAttempt.user_id)
        .where(col(QuizAttempt.submitted_at) >= lo, col(QuizAttempt.submitted_at) < hi)
        .group_by(sent, col(User.org_id))
    )


def _lessons(session: Session, lo: datetime, hi: datetime, length: int) -> Any:
    done = bucket(session, LessonProgress.completed_at, length)
    return (
        select(done, User.org_id, func.sum(CourseLesson.minutes))
        .select_from(LessonProgress)
        .join(User, col(User.id) == LessonProgress.user_id)
        .join(CourseLesson, col(CourseLesson.id) == LessonProgress.lesson_id)
        .where(col(LessonProgress.completed_at) >= lo, col(LessonProgress.completed_at) < hi)
        .group_by(done, col(User.org_id))
    )


def _first_lessons(session: Session, lo: datetime, hi: datetime, length: int) -> Any:
    """Period of each trainee's first completed lesson, per org, for first completions in [lo, hi)."""
    first = func.min(LessonProgress.completed_at)
    per_user = (
        select(col(LessonProgress.user_id).label("user_id"), first.label("first"))
        .where(col(LessonProgress.completed_at).is_not(None))
        .group_by(col(LessonProgress.user_id))
        .having(and_(first >= lo, first < hi))
        .subquery()
    )
    when = bucket(session, per_user.c.first, length)
    return (
        select(when, User.org_id, func.count())
        .select_from(per_user)
        .join(User, col(User.id) == per_user.c.user_id)
        .group_by(when, col(User.org_id))
    )


def compute_periods(session: Session, keys: list[str]) -> list[DashboardRollup]:
    """Rollup rows of ``keys`` (all months or all days) from the base tables, in one pass over their time range."""
    if not keys:
        return []
    length = len(keys[0])
    lo, hi = period_start(min(keys)), period_end(max(keys))
    rows: dict[tuple[str, int], dict[str, Any]] = defaultdict(lambda: dict.fromkeys(FIGURES, 0))
    _add(rows, _scores(session, lo, hi, length), session, ("scores", "score_sum"))
    _add(rows, _quizzes(session, lo, hi, length), session, ("quiz_attempts", "quiz_passed"))
    _add(rows, _lessons(session, lo, hi, length), session, ("lesson_minutes",))
    _add(rows, _first_lessons(session, lo, hi, length), session, ("new_learners",))
    wanted = set(keys)
    return [DashboardRollup(period=p, org_id=o, **v) for (p, o), v in sorted(rows.items()) if p in wanted]


def _batches(keys: list[str]) -> list[list[str]]:
    """Months together (one pass over their span), days by month (a pass each), so no pass spans a year of days."""
    groups: dict[str, list[str]] = defaultdict(list)
    for key in sorted(keys):
        groups["months" if len(key) == MONTH else key[:MONTH]].append(key)
    return list(groups.values())


def _mark(session: Session, keys: list[str]) -> None:
    session.execute(delete(DashboardRollup).where(col(DashboardRollup.period).in_(keys)))
    session.execute(delete(DashboardPeriod).where(col(DashboardPeriod.period).in_(keys)))
    at = utcnow()
    session.add_all([DashboardPeriod(period=key, refreshed_at=at) for key in keys])


def build_parts(session: Session, keys: list[str]) -> int:
    """(Re)build months and days from the base tables; returns the number of rows."""
    _mark(session, keys)
    rows = [row for batch in _batches(keys) for row in compute_periods(session, batch)]
    session.add_all(rows)
    session.flush()
    return len(rows)


def compose_spans(session: Session, spans: list[str]) -> int:
    """(Re)build spans by adding up the rows of their parts, which must be built; returns the number of rows."""
    _mark(session, spans)
    rows = []
    for span in spans:
        sums = [func.sum(getattr(DashboardRollup, name)) for name in FIGURES]
        stmt: Any = select(DashboardRollup.org_id, *sums).where(col(DashboardRollup.period).in_(periods.parts_of(span)))
        for org_id, *values in session.exec(stmt.group_by(col(DashboardRollup.org_id))):
            rows.append(DashboardRollup(period=span, org_id=org_id, **dict(zip(FIGURES, values, strict=True))))
    session.add_all(rows)
    session.flush()
    return len(rows)


def _parts(keys: list[str]) -> list[str]:
    return sorted({part for key in keys for part in (periods.parts_of(key) if len(key) == SPAN else [key])})


def _days_of(keys: list[str]) -> float:
    return sum((period_end(k) - period_start(k)) / timedelta(days=1) for k in keys)


def refresh_rollups(engine: Engine, *, now: datetime | None = None) -> RefreshResult:
    """Rebuild every period the dashboard reads (one month, or one month's days, per transaction), compose the spans
    and drop periods no longer needed."""
    now = now or utcnow()
    with session_scope(engine, write=False) as session:
        keys = sorted(set(plan(session, now)) | set(plan(session, now, periods.trend_since(now))))
    parts, spans = _parts(keys), [key for key in keys if len(key) == SPAN]
    rows = 0
    for batch in [[key] for key in parts if len(key) == MONTH] + [b for b in _batches(parts) if len(b[0]) == DAY]:
        with session_scope(engine) as session:
            rows += build_parts(session, batch)
    with session_scope(engine) as session:
        rows += compose_spans(session, spans)
        kept = parts + spans
        session.execute(delete(DashboardRollup).where(col(DashboardRollup.period).not_in(kept)))
        session.execute(delete(DashboardPeriod).where(col(DashboardPeriod.period).not_in(kept)))
    logger.info("dashboard rollups refreshed: %d periods, %d rows", len(parts) + len(spans), rows)
    months, days = [p for p in parts if len(p) == MONTH], [p for p in parts if len(p) == DAY]
    return RefreshResult(len(parts) + len(spans), rows, months[0] if months else None, days[-1] if days else None)


def ensure_rollups(session: Session, *, now: datetime, since: datetime | None = None) -> set[str]:
    """The periods to read for a window from ``since``, after building missing ones (in a savepoint: if another
    process is writing the same periods, or a read-only SQLite snapshot cannot write, the read counts them live)."""
    keys = plan(session, now, since)
    present = set(session.exec(select(DashboardPeriod.period)))
    missing = [key for key in keys if key not in present]
    if missing:
        todo = [part for part in _parts(missing) if part not in present]
        while _days_of(todo) > LAZY_DAYS:
            todo.pop()
        built = present | set(todo)
        ready = [key for key in missing if all(part in built for part in _parts([key]))]
        try:
            with session.begin_nested():
                build_parts(session, todo)
                compose_spans(session, [key for key in ready if len(key) == SPAN])
            present |= set(ready)
        except (IntegrityError, DBAPIError) as exc:
            logger.info("dashboard rollup of %s not stored (%s); counted live", missing, type(exc).__name__)
    return {key for key in keys if key in present}


def last_refreshed(session: Session) -> datetime | None:
    """When the oldest stored period was computed (None: nothing rolled up yet)."""
    return session.exec(select(func.min(col(DashboardPeriod.refreshed_at)))).one()
