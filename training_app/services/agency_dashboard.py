"""The agency dashboard: certification and quiz pass rates by county and cohort, monthly practice score trend, most
frequent confirmed violations, training hours. Every number is aggregated in SQL (GROUP BY on indexed joins) and
limited to the actor's subtree; results are small tables the page charts, shows and exports.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import case, func
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


def _group_names(session: Session, ids: list[int] | None, by: str) -> dict[int, str]:
    """Cohort (or any org holding trainees) id → the name of its group: itself, or its county."""
    stmt = select(Organisation)
    if ids is not None:
        stmt = stmt.where(col(Organisation.id).in_(ids))
    orgs = {o.id or 0: o for o in session.exec(stmt)}
    if by == "cohort":
        return {oid: o.name for oid, o in orgs.items()}
    parents = {o.parent_id for o in orgs.values() if o.parent_id and o.parent_id not in orgs}
    for parent in session.exec(select(Organisation).where(col(Organisation.id).in_(parents))) if parents else ():
        orgs[parent.id or 0] = parent
    names = {}
    for oid, org in orgs.items():
        up = orgs.get(org.parent_id or 0)
        names[oid] = org.name if org.kind == OrgKind.COUNTY else up.name if up else org.name
    return names


def _per_org(session: Session, stmt: Any) -> dict[int, tuple[Any, ...]]:
    return {row[0]: tuple(row[1:]) for row in session.exec(stmt)}


def pass_rates(session: Session, actor: User, *, by: str = "county", now: datetime | None = None) -> list[GroupRate]:
    require_pool_access(actor, "dashboard.pass_rates")
    now, ids, prefix = now or utcnow(), visible_org_ids(session, actor), _prefix(session, actor)
    active_trainees = select(User.org_id, func.count()).where(User.role == Role.TRAINEE, col(User.is_active))
    trainees = _per_org(session, _scope(active_trainees.group_by(col(User.org_id)), prefix))
    holders = (
        select(User.org_id, func.count(func.distinct(Certificate.trainee_id)))
        .join(User, col(User.id) == Certificate.trainee_id)
        .where(col(Certificate.revoked_at).is_(None), col(Certificate.expires_at) > now)
    )
    certified = _per_org(session, _scope(holders.group_by(col(User.org_id)), prefix))
    passed = func.sum(case((col(QuizAttempt.passed), 1), else_=0))
    attempts = (
        select(User.org_id, func.count(), passed)
        .join(User, col(User.id) == QuizAttempt.user_id)
        .where(col(QuizAttempt.submitted_at).is_not(None))
    )
    quizzes = _per_org(session, _scope(attempts.group_by(col(User.org_id)), prefix))
    names = _group_names(session, ids, by)
    totals: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0, 0])
    for org_id in set(trainees) | set(certified) | set(quizzes):
        row = totals[names.get(org_id, "?")]
        row[0] += int(trainees.get(org_id, (0,))[0])
        row[1] += int(certified.get(org_id, (0,))[0])
        attempts, ok = quizzes.get(org_id, (0, 0))
        row[2], row[3] = row[2] + int(attempts), row[3] + int(ok or 0)
    return [GroupRate(name, *values) for name, values in sorted(totals.items())]


def _month(session: Session) -> Any:
    if session.get_bind().dialect.name == "postgresql":
        return func.to_char(func.timezone("UTC", Clip.created_at), "YYYY-MM")
    return func.substr(Clip.created_at, 1, 7)  # SQLite stores "YYYY-MM-DD HH:MM:SS" in UTC


def score_trend(session: Session, actor: User, *, months: int = 12, now: datetime | None = None) -> list[TrendPoint]:
    """Average overall score of practice clips per month (by when the clip was made), the last ``months``."""
    require_pool_access(actor, "dashboard.score_trend")
    prefix, since = _prefix(session, actor), (now or utcnow()) - timedelta(days=31 * months)
    month = _month(session).label("month")
    stmt = (
        select(month, func.avg(Score.overall), func.count())
        .select_from(Score)
        .join(Clip, col(Clip.id) == Score.clip_id)
        .where(col(Clip.created_at) >= since, col(Score.overall).is_not(None))
    )
    if prefix is not None:
        stmt = _scope(stmt.join(User, col(User.id) == Clip.owner_id), prefix)
    rows = session.exec(stmt.group_by(month).order_by(month))
    return [TrendPoint(str(m), float(avg or 0), int(n)) for m, avg, n in rows]


def violation_counts(session: Session, actor: User) -> list[tuple[str, int]]:
    """Confirmed flags per category in the subtree (reviews of record), most frequent first."""
    require_pool_access(actor, "dashboard.violations")
    counts = confirmed_by_category(session, visible_org_ids(session, actor))
    return sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))


def training_hours(session: Session, actor: User, *, by: str = "county") -> list[GroupHours]:
    """Hours of lessons completed (the lessons' stated minutes), per county or cohort."""
    require_pool_access(actor, "dashboard.hours")
    ids = visible_org_ids(session, actor)
    stmt = (
        select(User.org_id, func.sum(CourseLesson.minutes), func.count(func.distinct(LessonProgress.user_id)))
        .join(LessonProgress, col(LessonProgress.user_id) == User.id)
        .join(CourseLesson, col(CourseLesson.id) == LessonProgress.lesson_id)
        .where(col(LessonProgress.completed_at).is_not(None))
        .group_by(col(User.org_id))
    )
    names = _group_names(session, ids, by)
    totals: dict[str, list[float]] = defaultdict(lambda: [0, 0.0])
    for org_id, minutes, people in session.exec(_scope(stmt, _prefix(session, actor))):
        row = totals[names.get(org_id, "?")]
        row[0], row[1] = row[0] + int(people), row[1] + float(minutes or 0) / 60
    return [GroupHours(name, int(v[0]), round(v[1], 1)) for name, v in sorted(totals.items())]
