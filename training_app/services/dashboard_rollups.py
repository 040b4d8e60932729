"""Rollups behind the agency dashboard (``db.tables.rollups``).

Closed periods are summed once into one row per period and organisation: every closed month (UTC), and closed days
where a month is still open or only partly wanted — the current month's days before today and the days of the
score trend window's first, partial month. The dashboard adds those rows up over the actor's subtree and counts only
what no period covers (today, a period never built) live from the base tables, on indexed time ranges.

``refresh_rollups`` (``training-app dashboard refresh``, nightly from cron) rebuilds every needed period, one month
per transaction so SQLite writers never wait long, and drops periods no longer needed; it is idempotent.
``ensure_rollups`` builds a missing period on the first dashboard read. Trade-off: a change to old data (a deleted
account, a late review, a trainee moved to another cohort, a lesson's minutes edited) reaches closed periods only
at the next refresh; data older than the first period built is assumed not to appear later (it would also wait).
"""

from __future__ import annotations

import logging
from collections import defaultdict
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

from sqlalchemy import Engine, and_, case, delete, func, or_
from sqlalchemy.exc import DBAPIError, IntegrityError
from sqlmodel import Session, col, select

from training_app.db import utcnow
from training_app.db.engine import session_scope
from training_app.db.tables import Clip, CourseLesson, LessonProgress, QuizAttempt, Score, User
from training_app.db.tables.rollups import DashboardPeriod, DashboardRollup

logger = logging.getLogger(__name__)

FIGURES = ("scores", "score_sum", "quiz_attempts", "quiz_passed", "lesson_minutes", "new_learners")
TREND_MONTHS = 12
MONTH, DAY = 7, 10  # key lengths: "YYYY-MM", "YYYY-MM-DD"
Range = tuple[datetime | None, datetime | None]  # [start, end), None: unbounded


@dataclass(frozen=True)
class RefreshResult:
    periods: int
    rows: int
    first: str | None  # "YYYY-MM"
    last: str | None  # "YYYY-MM-DD" or "YYYY-MM"


def trend_since(now: datetime, months: int = TREND_MONTHS) -> datetime:
    """Start of the score trend window (the dashboard's rule: ``months`` × 31 days back)."""
    return now - timedelta(days=31 * months)


def month_key(moment: datetime) -> str:
    return moment.astimezone(UTC).strftime("%Y-%m")


def day_key(moment: datetime) -> str:
    return moment.astimezone(UTC).strftime("%Y-%m-%d")


def period_start(key: str) -> datetime:
    return datetime.strptime(key if len(key) == DAY else f"{key}-01", "%Y-%m-%d").replace(tzinfo=UTC)


def next_month(key: str) -> str:
    year, month = (int(part) for part in key[:MONTH].split("-"))
    return f"{year + month // 12:04d}-{month % 12 + 1:02d}"


def period_end(key: str) -> datetime:
    return period_start(key) + timedelta(days=1) if len(key) == DAY else period_start(next_month(key))


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


def usable(present: set[str], since: datetime | None = None) -> set[str]:
    """Non-overlapping periods for a window from ``since`` (None: all time): months wholly inside it, and days
    wholly inside it whose month is not used whole."""
    months = {p for p in present if len(p) == MONTH and (since is None or period_start(p) >= since)}
    days = {p for p in present if len(p) == DAY and (since is None or period_start(p) >= since)}
    return months | {d for d in days if d[:MONTH] not in months}


def uncovered(covered: set[str], since: datetime | None = None) -> list[Range]:
    """The time from ``since`` (None: from the first covered period) that no covered period holds, as ranges; the
    last one is open-ended. ``covered`` must not overlap (see ``usable``)."""
    ranges: list[Range] = []
    lo: datetime | None = since
    for key in sorted(covered, key=period_start):
        start = period_start(key)
        if since is not None and start < since:
            continue
        if lo is not None and lo < start:
            ranges.append((lo, start))
        lo = period_end(key)
    ranges.append((lo, None))
    return ranges


def _first_data(session: Session) -> datetime | None:
    firsts = [
        session.exec(select(func.min(col(Clip.created_at)))).one(),
        session.exec(select(func.min(col(QuizAttempt.submitted_at)))).one(),
        session.exec(select(func.min(col(LessonProgress.completed_at)))).one(),
    ]
    found = [f for f in firsts if f is not None]
    return min(found) if found else None


def _days(start: datetime, end: datetime) -> list[str]:
    days, day = [], start
    while day < end:
        days.append(day_key(day))
        day += timedelta(days=1)
    return days


def needed_periods(session: Session, now: datetime, since: datetime | None = None) -> list[str]:
    """Closed months from the first with data; closed days of the current month; and, for a window from ``since``,
    the days of its first month from its first whole day. "Closed" by ``now`` and never later than the real clock."""
    first = _first_data(session)
    if first is None:
        return []
    today = period_start(day_key(min(now, utcnow())))
    this_month, first_day = period_start(month_key(today)), period_start(day_key(first))
    months, key = [], month_key(first)
    while period_start(key) < this_month:
        months.append(key)
        key = next_month(key)
    days = _days(max(this_month, first_day), today)
    if since is not None and period_start(month_key(since)) < this_month:
        start_day = period_start(day_key(since))
        whole = start_day if start_day == since else start_day + timedelta(days=1)
        days = _days(max(whole, first_day), min(period_end(month_key(since)), today)) + days
    return months + days


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


def build_periods(session: Session, keys: list[str]) -> int:
    """Replace the rows of ``keys`` and mark them built; returns the number of rows."""
    session.execute(delete(DashboardRollup).where(col(DashboardRollup.period).in_(keys)))
    session.execute(delete(DashboardPeriod).where(col(DashboardPeriod.period).in_(keys)))
    rows = [row for batch in _batches(keys) for row in compute_periods(session, batch)]
    at = utcnow()
    session.add_all([DashboardPeriod(period=key, refreshed_at=at) for key in keys])
    session.add_all(rows)
    session.flush()
    return len(rows)


def refresh_rollups(engine: Engine, *, now: datetime | None = None) -> RefreshResult:
    """Rebuild every needed period (one month, or one month's days, per transaction) and drop the rest."""
    now = now or utcnow()
    with session_scope(engine, write=False) as session:
        keys = needed_periods(session, now, trend_since(now))
    chunks = [[key] for key in keys if len(key) == MONTH] + [b for b in _batches(keys) if len(b[0]) == DAY]
    rows = 0
    for chunk in chunks:
        with session_scope(engine) as session:
            rows += build_periods(session, chunk)
    with session_scope(engine) as session:
        stale = col(DashboardPeriod.period).not_in(keys)
        session.execute(delete(DashboardRollup).where(col(DashboardRollup.period).not_in(keys)))
        session.execute(delete(DashboardPeriod).where(stale))
    logger.info("dashboard rollups refreshed: %d periods, %d rows", len(keys), rows)
    return RefreshResult(len(keys), rows, keys[0] if keys else None, keys[-1] if keys else None)


def ensure_rollups(session: Session, *, now: datetime, since: datetime | None = None) -> set[str]:
    """The periods to read for a window from ``since``, after building any missing one (in a savepoint: if another
    process is writing the same periods, or a read-only SQLite snapshot cannot write, the read counts them live)."""
    present = set(session.exec(select(DashboardPeriod.period)))
    missing = [key for key in needed_periods(session, now, since) if key not in present]
    if missing:
        try:
            with session.begin_nested():
                build_periods(session, missing)
            present |= set(missing)
        except (IntegrityError, DBAPIError) as exc:
            logger.info("dashboard rollup of %s not stored (%s); counted live", missing, type(exc).__name__)
    return usable(present, since)


def last_refreshed(session: Session) -> datetime | None:
    """When the oldest stored period was computed (None: nothing rolled up yet)."""
    return session.exec(select(func.min(col(DashboardPeriod.refreshed_at)))).one()
