"""The agency dashboard: certification and quiz pass rates by county and cohort, monthly practice score trend, most
frequent confirmed violations, training hours. Every number is aggregated in SQL and limited to the actor's subtree;
results are small tables the page charts, shows and exports.

Figures that grow with history (quiz attempts, scores, lesson hours) come from the rollup of closed months and days
plus a live count of the rest (today) on indexed time ranges — see ``dashboard_rollups``; current-state
figures (active trainees, valid certificates) and confirmed violations (reviews of record) are counted live.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import case, exists, func, literal, text
from sqlalchemy.orm import aliased
from sqlmodel import Session, col, select

from training_app.db import utcnow
from training_app.db.tables import (
    Clip,
    CourseLesson,
    LessonProgress,
    Organisation,
    OrgKind,
    QuizAttempt,
    Role,
    Score,
    User,
)
from training_app.db.tables.certification import Certificate
from training_app.db.tables.rollups import DashboardRollup
from training_app.services import dashboard_periods as periods
from training_app.services import dashboard_rollups as rollups
from training_app.services.authz import agency_root_path, visible_org_ids
from training_app.services.review_stats import confirmed_by_category
from training_app.services.talent_pool import require_pool_access

GROUPINGS = ("county", "cohort")


@dataclass(frozen=True)
class GroupRate:
    group: str
    trainees: int
    certified: int
    quiz_attempts: int
    quiz_passed: int

    @property
    def certified_rate(self) -> float:
        return self.certified / self.trainees if self.trainees else 0.0

    @property
    def quiz_rate(self) -> float:
        return self.quiz_passed / self.quiz_attempts if self.quiz_attempts else 0.0


@dataclass(frozen=True)
class TrendPoint:
    month: str  # YYYY-MM
    average: float
    clips: int


@dataclass(frozen=True)
class GroupHours:
    group: str
    trainees: int
    hours: float


def _plan_each_query(session: Session) -> None:
    """PostgreSQL: plan every statement for its own time bounds. psycopg prepares a statement after 5 runs and the
    server then switches to a generic plan, which cannot tell today's few rows from two years' (measured on
    bench/dashboard.py: score trend ~110 ms → ~2,000 ms from the 11th call on). Lasts until the transaction ends."""
    if session.get_bind().dialect.name == "postgresql":
        session.execute(text("SET LOCAL plan_cache_mode = force_custom_plan"))


def _prefix(session: Session, actor: User) -> str | None:
    """The actor's subtree as an organisation path prefix (None: everything, for an administrator)."""
    return None if actor.role == Role.ADMIN else agency_root_path(session, actor)


def _scope(stmt: Any, prefix: str | None) -> Any:
    """Limit a query over ``User`` to the subtree: one join on the (small) organisation table by path prefix, rather
    than an IN list of every organisation id, which PostgreSQL compares row by row."""
    if prefix is None:
        return stmt
    org = aliased(Organisation)
    return stmt.join(org, col(org.id) == User.org_id).where(col(org.path).startswith(prefix))


def _group_names(session: Session, prefix: str | None, by: str) -> dict[int, str]:
    """Org id → the name of its group (itself, or its county) for every org in the subtree (plain columns: this runs
    on every chart over ~1,000 cohorts)."""
    stmt = select(Organisation.id, Organisation.name, Organisation.kind, Organisation.parent_id)
    if prefix is not None:
        stmt = stmt.where(col(Organisation.path).startswith(prefix))
    orgs = {int(oid or 0): (name, kind, parent) for oid, name, kind, parent in session.exec(stmt)}
    if by == "cohort":
        return {oid: name for oid, (name, _, _) in orgs.items()}
    names = {}
    for oid, (name, kind, parent) in orgs.items():
        up = orgs.get(parent or 0)
        names[oid] = name if kind == OrgKind.COUNTY else up[0] if up else name
    return names


def _per_org(session: Session, stmt: Any, orgs: dict[int, str]) -> dict[int, tuple[Any, ...]]:
    return {row[0]: tuple(row[1:]) for row in session.exec(stmt) if row[0] in orgs}


def _rolled(session: Session, prefix: str | None, covered: set[str], key: Any, *figures: Any) -> Any:
    """Sum rollup figures of the covered periods over the subtree, grouped by ``key``."""
    org = aliased(Organisation)
    stmt = (
        select(key, *(func.sum(f) for f in figures))
        .select_from(DashboardRollup)
        .where(col(DashboardRollup.period).in_(sorted(covered)))
        .group_by(key)
    )
    if prefix is not None:
        stmt = stmt.join(org, col(org.id) == DashboardRollup.org_id).where(col(org.path).startswith(prefix))
    return session.exec(stmt) if covered else []


def _merge(*parts: Any) -> dict[Any, list[float]]:
    """Key → element-wise sums of the value columns of several result sets."""
    merged: dict[Any, list[float]] = {}
    for part in parts:
        for key, *values in part:
            row = merged.setdefault(key, [0.0] * len(values))
            for i, value in enumerate(values):
                row[i] += float(value or 0)
    return merged


def _covered(session: Session, now: datetime | None, live: bool, since: datetime | None = None) -> set[str]:
    """Periods to take from the rollup (none when ``live``: every figure from the base tables, the slow reference)."""
    return set() if live else rollups.ensure_rollups(session, now=now or utcnow(), since=since)


def _quiz_counts(session: Session, prefix: str | None, covered: set[str]) -> dict[Any, list[float]]:
    passed = func.sum(case((col(QuizAttempt.passed), 1), else_=0))
    live = (
        select(User.org_id, func.count(), passed)
        .select_from(QuizAttempt)
        .join(User, col(User.id) == rollups.by_time(session, col(QuizAttempt.user_id)))
        .where(rollups.in_ranges(col(QuizAttempt.submitted_at), periods.uncovered(covered)))
    )
    org_id = col(DashboardRollup.org_id)
    stored = _rolled(session, prefix, covered, org_id, DashboardRollup.quiz_attempts, DashboardRollup.quiz_passed)
    return _merge(stored, session.exec(_scope(live.group_by(col(User.org_id)), prefix)))


def pass_rates(
    session: Session, actor: User, *, by: str = "county", now: datetime | None = None, live: bool = False
) -> list[GroupRate]:
    require_pool_access(actor, "dashboard.pass_rates")
    _plan_each_query(session)
    now, prefix = now or utcnow(), _prefix(session, actor)
    names = _group_names(session, prefix, by)
    # Current state, counted live for every organisation and kept for the subtree here: an index-only scan
    # (ix_user_role_active_org, ix_certificate_valid_trainee) instead of joining each row to its organisation.
    active_trainees = select(User.org_id, func.count()).where(User.role == Role.TRAINEE, col(User.is_active))
    trainees = _per_org(session, active_trainees.group_by(col(User.org_id)), names)
    holders = (
        select(User.org_id, func.count(func.distinct(Certificate.trainee_id)))
        .join(User, col(User.id) == Certificate.trainee_id)
        .where(col(Certificate.revoked_at).is_(None), col(Certificate.expires_at) > now)
    )
    certified = _per_org(session, holders.group_by(col(User.org_id)), names)
    quizzes = _quiz_counts(session, prefix, _covered(session, now, live))
    totals: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0, 0])
    for org_id in set(trainees) | set(certified) | set(quizzes):
        row = totals[names.get(org_id, "?")]
        row[0] += int(trainees.get(org_id, (0,))[0])
        row[1] += int(certified.get(org_id, (0,))[0])
        attempts, ok = quizzes.get(org_id, (0, 0))
        row[2], row[3] = row[2] + int(attempts), row[3] + int(ok)
    return [GroupRate(name, *values) for name, values in sorted(totals.items()) if any(values)]


def score_trend(
    session: Session, actor: User, *, months: int = 12, now: datetime | None = None, live: bool = False
) -> list[TrendPoint]:
    """Average overall score of practice clips per month (by when the clip was made), the last ``months``: closed
    months and days wholly inside the window from the rollup, the rest (today, the window's first part-day) live."""
    require_pool_access(actor, "dashboard.score_trend")
    _plan_each_query(session)
    now = now or utcnow()
    prefix, since = _prefix(session, actor), periods.trend_since(now, months)
    covered = _covered(session, now, live, since)
    month = rollups.bucket(session, Clip.created_at).label("month")
    recent = (
        select(month, func.sum(Score.overall), func.count(col(Score.overall)))
        .select_from(Clip)
        .join(Score, col(Score.clip_id) == Clip.id)
        .where(rollups.in_ranges(col(Clip.created_at), periods.uncovered(covered, since)))
        .where(col(Score.overall).is_not(None))
    )
    if prefix is not None:
        recent = _scope(recent.join(User, col(User.id) == rollups.by_time(session, col(Clip.owner_id))), prefix)
    key = func.substr(DashboardRollup.period, 1, periods.MONTH)
    stored = _rolled(session, prefix, covered, key, DashboardRollup.score_sum, DashboardRollup.scores)
    merged = _merge(stored, session.exec(recent.group_by(month)))
    return [TrendPoint(str(m), total / n, int(n)) for m, (total, n) in sorted(merged.items()) if n]


def violation_counts(session: Session, actor: User) -> list[tuple[str, int]]:
    """Confirmed flags per category in the subtree (reviews of record), most frequent first."""
    require_pool_access(actor, "dashboard.violations")
    _plan_each_query(session)
    counts = confirmed_by_category(session, visible_org_ids(session, actor))
    return sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))


def _live_hours(session: Session, prefix: str | None, covered: set[str]) -> tuple[Any, Any]:
    """Minutes of lessons completed outside the covered periods, and trainees whose first completion is there."""
    when = rollups.in_ranges(col(LessonProgress.completed_at), periods.uncovered(covered))
    fk = rollups.by_time(session, col(LessonProgress.user_id))
    minutes = (
        select(User.org_id, func.sum(CourseLesson.minutes), literal(0))
        .select_from(LessonProgress)
        .join(User, col(User.id) == fk)
        .join(CourseLesson, col(CourseLesson.id) == LessonProgress.lesson_id)
        .where(when)
        .group_by(col(User.org_id))
    )
    earlier = aliased(LessonProgress)
    first = ~exists().where(
        col(earlier.user_id) == LessonProgress.user_id, col(earlier.completed_at) < LessonProgress.completed_at
    )
    learners = (
        select(User.org_id, literal(0), func.count(func.distinct(LessonProgress.user_id)))
        .select_from(LessonProgress)
        .join(User, col(User.id) == fk)
        .where(when, first)
        .group_by(col(User.org_id))
    )
    return session.exec(_scope(minutes, prefix)), session.exec(_scope(learners, prefix))


def training_hours(
    session: Session, actor: User, *, by: str = "county", now: datetime | None = None, live: bool = False
) -> list[GroupHours]:
    """Hours of lessons completed (the lessons' stated minutes) and trainees who completed any, per county or cohort."""
    require_pool_access(actor, "dashboard.hours")
    _plan_each_query(session)
    prefix = _prefix(session, actor)
    covered = _covered(session, now, live)
    org_id = col(DashboardRollup.org_id)
    stored = _rolled(session, prefix, covered, org_id, DashboardRollup.lesson_minutes, DashboardRollup.new_learners)
    names = _group_names(session, prefix, by)
    totals: dict[str, list[float]] = defaultdict(lambda: [0, 0.0])
    for org, (minutes, people) in _merge(stored, *_live_hours(session, prefix, covered)).items():
        row = totals[names.get(org, "?")]
        row[0], row[1] = row[0] + int(people), row[1] + minutes / 60
    return [GroupHours(name, int(v[0]), round(v[1], 1)) for name, v in sorted(totals.items()) if v[0] or v[1]]


def rollup_status(session: Session, actor: User) -> datetime | None:
    """When the oldest rolled-up period shown was computed (None: all figures are live)."""
    require_pool_access(actor, "dashboard.status")
    return rollups.last_refreshed(session)
