"""Talent pool and dashboard: filters in SQL, the agency's subtree only, shortlists, exports, aggregated charts."""

from __future__ import annotations

import io
from pathlib import Path

import pandas as pd
import pytest
from sqlalchemy import Engine
from support.certification import LEVELS, World, issue, make_eligible, make_world
from support.review import CLEAN, make_intake, scored_clip

from training_app.db import utcnow
from training_app.db.tables import FlagDecision, FlagDecisionKind, Review, ReviewStatus
from training_app.services import agency_dashboard, shortlists, talent_pool
from training_app.services.authz import Denied
from training_app.services.talent_pool import PoolFilter
from training_app.services.uow import unit_of_work


@pytest.fixture
def pool(any_engine: Engine, tmp_path: Path) -> World:
    w = make_world(any_engine, tmp_path)
    intake = make_intake(tmp_path)
    p = w.people
    for owner, product in ((p.trainee, "luochuan-apple"), (p.peer, "wuchang-rice"), (p.other_agency, "wuchang-rice")):
        clip_id = scored_clip(any_engine, owner, intake, lines=CLEAN, product_id=product)
    _review(any_engine, clip_id - 1, p.trainer.id or 0, critical=True)  # the peer's clip: a confirmed critical flag
    make_eligible(w, p.trainee)
    issue(w, p.trainee, now=utcnow())
    return w


def _review(engine: Engine, clip_id: int, trainer_id: int, *, critical: bool) -> None:
    with unit_of_work(engine) as s:
        review = Review(clip_id=clip_id, trainer_id=trainer_id, status=ReviewStatus.SUBMITTED, rubric_id="r",
                        rubric_version="1", overall=40, submitted_at=utcnow())  # fmt: skip
        s.add(review)
        s.flush()
        if critical:
            s.add(FlagDecision(review_id=review.id or 0, clip_id=clip_id, flag_key="k", rule_id="MED-01",
                               category="health_claim", severity="critical", text="x",
                               decision=FlagDecisionKind.CONFIRM, decided_by_id=trainer_id))  # fmt: skip


def _names(w: World, actor_name: str, f: PoolFilter) -> set[str]:
    with unit_of_work(w.engine, write=False) as s:
        return {r.name for r in talent_pool.search_pool(s, getattr(w.people, actor_name), f)}


def test_pool_filters_by_level_product_language_score_and_compliance(pool: World) -> None:
    p = pool.people
    everyone = {p.trainee.display_name, p.peer.display_name, p.other_cohort.display_name}
    assert _names(pool, "agency", PoolFilter()) == everyone
    assert _names(pool, "agency", PoolFilter(status="certified")) == {p.trainee.display_name}
    assert _names(pool, "agency", PoolFilter(level="basic")) == {p.trainee.display_name}
    assert p.trainee.display_name not in _names(pool, "agency", PoolFilter(status="in_training"))
    assert _names(pool, "agency", PoolFilter(product_id="wuchang-rice")) == {p.peer.display_name}
    assert _names(pool, "agency", PoolFilter(language="zh")) == {p.trainee.display_name, p.peer.display_name}
    assert _names(pool, "agency", PoolFilter(language="en")) == set()
    assert _names(pool, "agency", PoolFilter(min_score=0)) == {p.trainee.display_name, p.peer.display_name}
    assert _names(pool, "agency", PoolFilter(min_score=101)) == set()
    assert p.peer.display_name not in _names(pool, "agency", PoolFilter(clean_only=True))


def test_agency_cannot_see_another_agencys_hosts(pool: World) -> None:
    p = pool.people
    assert _names(pool, "foreign_agency", PoolFilter()) == {p.other_agency.display_name}
    assert p.other_agency.display_name not in _names(pool, "agency", PoolFilter(search=p.other_agency.display_name))
    assert p.other_agency.display_name in _names(pool, "admin", PoolFilter())


@pytest.mark.parametrize("actor", ["trainee", "trainer"])
def test_pool_and_dashboard_refused_when_not_agency(pool: World, actor: str) -> None:
    user = getattr(pool.people, actor)
    calls = [
        lambda s: talent_pool.search_pool(s, user, PoolFilter()),
        lambda s: agency_dashboard.pass_rates(s, user),
        lambda s: agency_dashboard.score_trend(s, user),
        lambda s: agency_dashboard.violation_counts(s, user),
        lambda s: agency_dashboard.training_hours(s, user),
        lambda s: shortlists.create_shortlist(s, user, name="x"),
    ]
    for call in calls:
        with pytest.raises(Denied), unit_of_work(pool.engine) as s:
            call(s)


def test_shortlist_holds_only_own_agency_hosts(pool: World) -> None:
    p = pool.people
    with unit_of_work(pool.engine) as s:
        lst = shortlists.create_shortlist(s, p.agency, name="丰收节")
        shortlists.add_to_shortlist(s, p.agency, shortlist_id=lst.id or 0, trainee_id=p.trainee.id or 0)
    with pytest.raises(Denied), unit_of_work(pool.engine) as s:
        shortlists.add_to_shortlist(s, p.agency, shortlist_id=lst.id or 0, trainee_id=p.other_agency.id or 0)
    with pytest.raises(Denied), unit_of_work(pool.engine) as s:
        shortlists.shortlist_members(s, p.foreign_agency, shortlist_id=lst.id or 0)
    with unit_of_work(pool.engine, write=False) as s:
        assert shortlists.shortlist_members(s, p.agency, shortlist_id=lst.id or 0) == [p.trainee.id]
        assert shortlists.list_shortlists(s, p.foreign_agency) == []


def test_pool_exports_csv_and_xlsx_with_translated_headings(pool: World) -> None:
    with unit_of_work(pool.engine, write=False) as s:
        rows = talent_pool.search_pool(s, pool.people.agency, PoolFilter())
    frame = talent_pool.pool_frame(rows, "zh", {"basic": "基础"})
    csv = talent_pool.to_csv(frame)
    assert csv.startswith("\ufeff姓名".encode()) and "基础".encode() in csv
    back = pd.read_excel(io.BytesIO(talent_pool.to_xlsx(frame)))
    assert list(back.columns) == list(frame.columns) and len(back) == len(rows)


def test_dashboard_aggregates_within_subtree(pool: World) -> None:
    p = pool.people
    with unit_of_work(pool.engine, write=False) as s:
        rates = agency_dashboard.pass_rates(s, p.agency, by="cohort")
        trend = agency_dashboard.score_trend(s, p.agency)
        violations = agency_dashboard.violation_counts(s, p.agency)
        hours = agency_dashboard.training_hours(s, p.agency, by="county")
        foreign = agency_dashboard.violation_counts(s, p.foreign_agency)
        county_rates = agency_dashboard.pass_rates(s, p.agency, by="county")
    assert sum(r.trainees for r in rates) == 3 and sum(r.certified for r in rates) == 1
    assert len(county_rates) == 1 and county_rates[0].trainees == 3
    assert sum(t.clips for t in trend) == 2
    assert violations == [("health_claim", 1)] and foreign == []
    assert sum(h.hours for h in hours) > 0 and sum(h.trainees for h in hours) == 1
    assert LEVELS.version == "test-1"


def test_sql_flag_counts_agree_with_review_service(pool: World, tmp_path: Path) -> None:
    """review_stats counts in SQL what the review service counts in Python (review of record = newest submitted)."""
    from support.review import make_intake, scored_clip

    from training_app.services import review, review_stats

    p = pool.people
    clip_id = scored_clip(pool.engine, p.trainee, make_intake(tmp_path / "more"), lines=CLEAN)
    _review(pool.engine, clip_id, p.trainer.id or 0, critical=True)  # older review with a confirmed flag
    _review(pool.engine, clip_id, p.admin.id or 0, critical=False)  # newer review of record: nothing confirmed
    ids = [p.trainee.id or 0, p.peer.id or 0, p.other_cohort.id or 0]
    with unit_of_work(pool.engine, write=False) as s:
        assert review_stats.confirmed_by_category(s, None) == review.confirmed_flag_counts(s, trainee_ids=None)
        expected = {
            uid: sum(r.has_confirmed_critical for r in review.reviewed_clip_results(s, trainee_id=uid)) for uid in ids
        }
        got = review_stats.critical_by_trainee(s, ids)
    assert {uid: got.get(uid, 0) for uid in ids} == expected == {ids[0]: 0, ids[1]: 1, ids[2]: 0}
