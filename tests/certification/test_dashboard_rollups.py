"""Dashboard monthly rollup: the same figures as counting everything live, on SQLite and PostgreSQL; refresh is
idempotent; a missing month is built on the first read; an agency never sees another agency's numbers; the migration
goes up and down."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from alembic import command
from sqlalchemy import Engine, delete, inspect, text
from sqlmodel import SQLModel, col, select
from support.certification import World, make_world
from support.course_content import M1_LESSONS, M2_LESSONS

from training_app.db.engine import make_engine
from training_app.db.migrate import alembic_config, upgrade
from training_app.db.tables import Clip, ClipSource, LessonProgress, QuizAttempt, Score, Transcript, User
from training_app.db.tables.rollups import DashboardPeriod, DashboardRollup
from training_app.services import agency_dashboard, dashboard_rollups
from training_app.services import dashboard_periods as periods
from training_app.services.uow import unit_of_work

NOW = datetime(2026, 6, 15, 12, tzinfo=UTC)  # in the past, so "closed" means the same by this clock and the real one
LESSONS = (*M1_LESSONS, *M2_LESSONS)


def _clip(s: Any, owner: User, at: datetime, overall: float | None) -> None:
    clip = Clip(owner_id=owner.id or 0, uploaded_by_id=owner.id or 0, media_key=uuid.uuid4().hex, sha256="0" * 64,
                size_bytes=1, container="wav", source=ClipSource.RECORDING, created_at=at, updated_at=at)  # fmt: skip
    s.add(clip)
    s.flush()
    transcript = Transcript(clip_id=clip.id or 0, model_key="m", language="zh", status="transcribed")
    s.add(transcript)
    s.flush()
    s.add(Score(clip_id=clip.id or 0, transcript_id=transcript.id or 0, rule_set_version="r", model_version="m",
                overall=overall))  # fmt: skip


def _activity(s: Any, user: User, k: int) -> None:
    """Clips, quiz attempts and lessons spread over 14 months up to and past NOW, varying by trainee ``k``."""
    for months_ago in range(0, 14, 1 + k % 2):
        at = NOW - timedelta(days=30 * months_ago + 3 * k)
        _clip(s, user, at, 40.0 + 7 * k + months_ago)
        _clip(s, user, at + timedelta(hours=5), None if months_ago % 3 == 0 else 55.5)
    _clip(s, user, NOW + timedelta(days=5), 90.0)  # later this month
    _clip(s, user, NOW - timedelta(days=372 - 2), 33.0)  # the 12-month window's first, partial month
    _clip(s, user, NOW - timedelta(days=372 + 2), 99.0)  # just before the window
    for i, months_ago in enumerate((9, 4, 0)[k % 3 :]):
        at = NOW - timedelta(days=30 * months_ago + k)
        s.add(QuizAttempt(user_id=user.id or 0, module_id="m-one", quiz_version="v", seed=1, pass_mark=0.6,
                          submitted_at=at, score=0.5 + 0.2 * i, passed=i % 2 == 0, total=3,
                          correct_count=2))  # fmt: skip
        s.add(LessonProgress(user_id=user.id or 0, lesson_id=LESSONS[i], seen_version="v", completed_at=at,
                             completed_version="v"))  # fmt: skip
    s.add(QuizAttempt(user_id=user.id or 0, module_id="m-two", quiz_version="v", seed=1, pass_mark=0.6))  # unsent


@pytest.fixture
def world(any_engine: Engine, tmp_path: Path) -> World:
    w = make_world(any_engine, tmp_path)
    p = w.people
    with unit_of_work(any_engine) as s:
        for k, user in enumerate((p.trainee, p.peer, p.other_cohort, p.other_agency)):
            _activity(s, user, k)
    return w


def _figures(w: World, actor: User, *, live: bool) -> dict[str, Any]:
    with unit_of_work(w.engine, write=False) as s:
        trend = agency_dashboard.score_trend(s, actor, now=NOW, live=live)
        groupings = ("county", "cohort")
        return {
            "rates": {by: agency_dashboard.pass_rates(s, actor, by=by, now=NOW, live=live) for by in groupings},
            "hours": {by: agency_dashboard.training_hours(s, actor, by=by, now=NOW, live=live) for by in groupings},
            "trend": [(p.month, round(p.average, 6), p.clips) for p in trend],
        }


def _rows(engine: Engine) -> list[tuple[Any, ...]]:
    with unit_of_work(engine, write=False) as s:
        rows = s.exec(select(DashboardRollup).order_by(col(DashboardRollup.period), col(DashboardRollup.org_id)))
        return [(r.period, r.org_id, r.scores, round(r.score_sum, 6), r.quiz_attempts, r.quiz_passed,
                 r.lesson_minutes, r.new_learners) for r in rows]  # fmt: skip


def test_rollup_figures_equal_live_figures(world: World) -> None:
    actors = [world.people.agency, world.people.foreign_agency, world.people.admin]
    live = [_figures(world, user, live=True) for user in actors]
    assert [_figures(world, user, live=False) for user in actors] == live  # partly built lazily, the rest live
    assert len(_rows(world.engine)) > 0
    dashboard_rollups.refresh_rollups(world.engine, now=NOW)
    assert [_figures(world, user, live=False) for user in actors] == live
    assert len(live[0]["trend"]) == 13  # the window's part-month, 11 closed months, this month
    ours, foreign, everyone = live  # an agency sees its subtree only
    assert [r.trainees for r in foreign["rates"]["cohort"]] == [1]
    assert sum(r.trainees for r in ours["rates"]["cohort"]) == 3
    assert sum(h.trainees for h in ours["hours"]["county"]) == 3
    clips = [sum(n for *_, n in figures["trend"]) for figures in live]
    assert clips[0] + clips[1] == clips[2] and clips[1] > 0


def test_refresh_is_idempotent_and_rebuilds_changed_past(world: World) -> None:
    p = world.people
    first = dashboard_rollups.refresh_rollups(world.engine, now=NOW)
    rows = _rows(world.engine)
    again = dashboard_rollups.refresh_rollups(world.engine, now=NOW)
    assert again == first and _rows(world.engine) == rows and first.last == "2026-06-14"
    with unit_of_work(world.engine) as s:  # late data in a closed month, and in the current month
        _clip(s, p.trainee, NOW - timedelta(days=60), 10.0)
        _clip(s, p.trainee, NOW + timedelta(hours=1), 20.0)  # today: live at once
    stale = _figures(world, p.agency, live=False)
    fresh = _figures(world, p.agency, live=True)
    months = {m: n for m, _, n in fresh["trend"]}
    assert {m: n for m, _, n in stale["trend"]} == {**months, "2026-04": months["2026-04"] - 1}  # until refresh
    dashboard_rollups.refresh_rollups(world.engine, now=NOW)
    assert _figures(world, p.agency, live=False) == fresh


def test_missing_month_is_built_on_first_read(world: World) -> None:
    dashboard_rollups.refresh_rollups(world.engine, now=NOW)
    rows = _rows(world.engine)
    with unit_of_work(world.engine) as s:
        s.execute(delete(DashboardRollup).where(col(DashboardRollup.period) == "2026-03"))
        s.execute(delete(DashboardPeriod).where(col(DashboardPeriod.period) == "2026-03"))
        assert agency_dashboard.rollup_status(s, world.people.agency) is not None
    _figures(world, world.people.agency, live=False)
    assert _rows(world.engine) == rows


def test_periods_not_built_yet_are_counted_live(world: World, monkeypatch: pytest.MonkeyPatch) -> None:
    dashboard_rollups.refresh_rollups(world.engine, now=NOW)
    gone = ("2026-01", "2025-05-01/2026-06-01")  # a month and the all-closed-months span made from it
    with unit_of_work(world.engine) as s:
        s.execute(delete(DashboardRollup).where(col(DashboardRollup.period).in_(gone)))
        s.execute(delete(DashboardPeriod).where(col(DashboardPeriod.period).in_(gone)))
    monkeypatch.setattr(dashboard_rollups, "LAZY_DAYS", 0)  # a read may not rebuild them
    assert _figures(world, world.people.agency, live=False) == _figures(world, world.people.agency, live=True)
    with unit_of_work(world.engine, write=False) as s:
        assert not set(gone) & set(s.exec(select(DashboardPeriod.period)))


def test_read_periods_do_not_overlap_and_leave_today_live() -> None:
    first, today = datetime(2024, 11, 3, tzinfo=UTC), datetime(2026, 11, 20, tzinfo=UTC)
    assert periods.read_periods(first, today) == ["2024-11-01/2026-11-01", "2026-11-01/2026-11-20"]
    since = periods.trend_since(datetime(2026, 11, 20, 12, tzinfo=UTC))
    window = periods.read_periods(first, today, since)
    assert window[0] == "2025-11-14/2025-12-01" and window[1:3] == ["2025-12", "2026-01"]
    assert window[-2:] == ["2026-10", "2026-11-01/2026-11-20"] and len(window) == 13
    assert periods.uncovered(set(window), since) == [(since, datetime(2025, 11, 14, tzinfo=UTC)), (today, None)]
    assert periods.uncovered(set()) == [(None, None)]
    assert periods.uncovered({"2026-11-01/2026-11-20"}) == [(None, datetime(2026, 11, 1, tzinfo=UTC)), (today, None)]
    assert periods.parts_of("2025-11-29/2026-02-01") == ["2025-11-29", "2025-11-30", "2025-12", "2026-01"]
    assert periods.read_periods(first, datetime(2026, 11, 1, tzinfo=UTC), datetime(2026, 11, 5, tzinfo=UTC)) == []
    assert periods.next_month("2026-12") == "2027-01"


def _schema(engine: Engine) -> tuple[set[str], set[str]]:
    found = inspect(engine)
    tables = set(found.get_table_names())
    return tables, {i["name"] or "" for t in ("clip", "score", "lessonprogress", "quizattempt")
                    for i in found.get_indexes(t)}  # fmt: skip


@pytest.mark.parametrize("backend", ["sqlite", "postgresql"])
def test_migration_0002_upgrades_and_downgrades(backend: str, tmp_path: Path, request: pytest.FixtureRequest) -> None:
    if backend == "sqlite":
        engine = make_engine(f"sqlite:///{tmp_path / 'm.db'}")
    else:
        engine = make_engine(request.getfixturevalue("postgres_url"))
        with engine.begin() as conn:
            conn.execute(text("DROP SCHEMA public CASCADE"))
            conn.execute(text("CREATE SCHEMA public"))
    upgrade(engine)
    tables, indexes = _schema(engine)
    assert {"dashboardperiod", "dashboardrollup"} <= tables and "ix_clip_created_owner" in indexes
    cfg = alembic_config(engine)
    with engine.begin() as connection:
        cfg.attributes["connection"] = connection
        command.downgrade(cfg, "0001")
    tables, indexes = _schema(engine)
    assert not {"dashboardperiod", "dashboardrollup"} & tables and "ix_clip_created_owner" not in indexes
    assert "ix_clip_owner_created" in indexes
    upgrade(engine)
    assert {"dashboardperiod", "dashboardrollup"} <= _schema(engine)[0]
    engine.dispose()


def test_refresh_cli_prints_what_it_did(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from training_app.cli import main
    from training_app.config import get_settings
    from training_app.services.startup import engine_for

    monkeypatch.setenv("TRAINING_APP_DATA_DIR", str(tmp_path / "data"))
    get_settings.cache_clear()
    try:
        engine = engine_for(get_settings())
        SQLModel.metadata.create_all(engine)
        world = make_world(engine, tmp_path)
        with unit_of_work(engine) as s:
            _activity(s, world.people.trainee, 0)
        assert main(["dashboard", "refresh"]) == 0
        assert main(["dashboard", "refresh"]) == 0
        assert "closed months and days" in capsys.readouterr().out
    finally:
        get_settings.cache_clear()
    with unit_of_work(engine, write=False) as s:
        assert s.exec(select(DashboardPeriod)).first() is not None
