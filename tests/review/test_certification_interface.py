"""The interface certification builds on: reviewed clip results and confirmed flag counts (review of record)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from sqlalchemy import Engine
from support.clips import People
from support.review import scored_clip

from training_app.db.tables import FlagDecision, FlagDecisionKind, Review, ReviewStatus
from training_app.services import clips
from training_app.services.review import confirmed_flag_counts, reviewed_clip_results
from training_app.services.uow import unit_of_work

T0 = datetime(2026, 11, 1, 9, tzinfo=UTC)


def _review(
    engine: Engine,
    clip_id: int,
    trainer_id: int,
    *,
    overall: float,
    at: datetime,
    status: ReviewStatus,
    confirmed: tuple[tuple[str, str], ...] = (),
) -> None:
    with unit_of_work(engine) as s:
        review = Review(
            clip_id=clip_id,
            trainer_id=trainer_id,
            status=status,
            rubric_id="r",
            rubric_version="1",
            overall=overall,
            submitted_at=at if status == ReviewStatus.SUBMITTED else None,
        )
        s.add(review)
        s.flush()
        for i, (category, severity) in enumerate(confirmed):
            s.add(
                FlagDecision(
                    review_id=review.id or 0,
                    clip_id=clip_id,
                    flag_key=f"k{i}",
                    rule_id=f"R{i}",
                    category=category,
                    severity=severity,
                    text="x",
                    decision=FlagDecisionKind.CONFIRM,
                    decided_by_id=trainer_id,
                )
            )


def test_reviewed_clip_results_newest_first_submitted_only(
    any_engine: Engine, people: People, intake: clips.Intake
) -> None:
    first, second, draft_only = (scored_clip(any_engine, people.trainee, intake) for _ in range(3))
    tid = people.trainer.id or 0
    _review(any_engine, first, tid, overall=80, at=T0, status=ReviewStatus.SUBMITTED)
    _review(
        any_engine,
        second,
        tid,
        overall=35,
        at=T0 + timedelta(days=1),
        status=ReviewStatus.SUBMITTED,
        confirmed=(("health_claim", "critical"),),
    )
    _review(any_engine, draft_only, tid, overall=99, at=T0, status=ReviewStatus.DRAFT)
    with unit_of_work(any_engine, write=False) as s:
        results = reviewed_clip_results(s, trainee_id=people.trainee.id or 0)
        peer = reviewed_clip_results(s, trainee_id=people.peer.id or 0)
    assert [(r.clip_id, r.score, r.has_confirmed_critical) for r in results] == [
        (second, 35.0, True),
        (first, 80.0, False),
    ]
    assert results[0].reviewed_at == T0 + timedelta(days=1)
    assert peer == []


def test_reviewed_clip_results_newest_review_of_a_clip_counts_once(
    any_engine: Engine, people: People, intake: clips.Intake
) -> None:
    clip = scored_clip(any_engine, people.trainee, intake)
    _review(any_engine, clip, people.trainer.id or 0, overall=50, at=T0, status=ReviewStatus.SUBMITTED)
    _review(
        any_engine, clip, people.admin.id or 0, overall=70, at=T0 + timedelta(hours=1), status=ReviewStatus.SUBMITTED
    )
    with unit_of_work(any_engine, write=False) as s:
        results = reviewed_clip_results(s, trainee_id=people.trainee.id or 0)
    assert [(r.clip_id, r.score) for r in results] == [(clip, 70.0)]


def test_confirmed_flag_counts_by_category_for_trainees(
    any_engine: Engine, people: People, intake: clips.Intake
) -> None:
    mine = scored_clip(any_engine, people.trainee, intake)
    peers = scored_clip(any_engine, people.peer, intake)
    draft = scored_clip(any_engine, people.trainee, intake)
    tid = people.trainer.id or 0
    _review(
        any_engine,
        mine,
        tid,
        overall=40,
        at=T0,
        status=ReviewStatus.SUBMITTED,
        confirmed=(("health_claim", "critical"), ("absolute_claim", "major"), ("absolute_claim", "major")),
    )
    _review(
        any_engine,
        peers,
        tid,
        overall=40,
        at=T0,
        status=ReviewStatus.SUBMITTED,
        confirmed=(("absolute_claim", "major"),),
    )
    _review(any_engine, draft, tid, overall=40, at=T0, status=ReviewStatus.DRAFT, confirmed=(("price_fraud", "major"),))
    with unit_of_work(any_engine, write=False) as s:
        assert confirmed_flag_counts(s, trainee_ids=[people.trainee.id or 0]) == {
            "health_claim": 1,
            "absolute_claim": 2,
        }
        assert confirmed_flag_counts(s, trainee_ids=None) == {"health_claim": 1, "absolute_claim": 3}
        assert confirmed_flag_counts(s, trainee_ids=[people.other_agency.id or 0]) == {}
