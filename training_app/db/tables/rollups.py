"""Rollups for the agency dashboard: per closed period and organisation, the counts and sums from which pass rates,
score trends and training hours are combined over any subtree. Periods (UTC, see ``services.dashboard_periods``):
months and days built from the base tables, and spans of days summed from them (all closed months, this month up to
today, the trend window's first part-month), so a dashboard read touches a few rows per organisation.

Derived data, rebuilt by ``training-app dashboard refresh`` (``services.dashboard_rollups``); a period is present in
``DashboardPeriod`` once its rows are built, so a period without activity is told apart from one never built.
``org_id`` is the trainee's organisation at build time; no foreign key, because the rows are disposable.
"""

from __future__ import annotations

from datetime import datetime

from sqlmodel import Field, SQLModel

from training_app.db import utcnow
from training_app.db.types import UTCDateTime

PERIOD_LEN = 21  # "YYYY-MM" (a month), "YYYY-MM-DD" (a day), "YYYY-MM-DD/YYYY-MM-DD" (a span of days)


class DashboardPeriod(SQLModel, table=True):
    """A closed period whose figures are in ``DashboardRollup``, and when they were computed."""

    period: str = Field(primary_key=True, max_length=PERIOD_LEN)
    refreshed_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)


class DashboardRollup(SQLModel, table=True):
    """One period × one organisation (the trainees' own org, usually a cohort). Each figure counts events of that
    period: clips by ``Clip.created_at``, quiz attempts by ``submitted_at``, lessons by ``completed_at``; a learner is
    counted in the period of their first completed lesson, so learners add up across periods."""

    period: str = Field(primary_key=True, max_length=PERIOD_LEN)
    org_id: int = Field(primary_key=True)
    scores: int = 0  # Score rows with an overall score, of clips made in the period
    score_sum: float = 0.0
    quiz_attempts: int = 0  # submitted attempts
    quiz_passed: int = 0
    lesson_minutes: int = 0  # the completed lessons' stated minutes
    new_learners: int = 0  # trainees whose first completed lesson falls in this period
