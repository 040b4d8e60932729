"""The review of record (newest submitted review of a clip) has one definition, ``review_record``: the Python loader
and the SQL aggregates of ``review_stats`` both use it, so they agree on every tie and draft."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import Engine
from support.clips import People
from support.review import scored_clip, second_trainer

from training_app.db.tables import FlagDecision, FlagDecisionKind, Review, ReviewStatus, User
from training_app.services import clips, review_stats
from training_app.services.review import confirmed_flag_counts
from training_app.services.review_record import records_of
from training_app.services.uow import unit_of_work

T0 = datetime(2026, 11, 1, 9, tzinfo=UTC)


def _review(engine: Engine, clip_id: int, trainer: User, at: datetime | None, critical: bool) -> int:
    """A review of the clip (submitted at ``at``; a draft when None), confirming one flag."""
    status = ReviewStatus.DRAFT if at is None else ReviewStatus.SUBMITTED
    with unit_of_work(engine) as s:
        review = Review(clip_id=clip_id, trainer_id=trainer.id or 0, status=status, rubric_id="r",
                        rubric_version="1", overall=80.0, submitted_at=at)  # fmt: skip
        s.add(review)
        s.flush()
        s.add(FlagDecision(review_id=review.id or 0, clip_id=clip_id, flag_key="k", rule_id="R",
                           category="health_claim" if critical else "absolute_claim",
                           severity="critical" if critical else "major", text="x",
                           decision=FlagDecisionKind.CONFIRM, decided_by_id=trainer.id or 0))  # fmt: skip
        return review.id or 0


@pytest.mark.parametrize(
    ("first_at", "second_at", "record"),
    [
        (T0, T0 + timedelta(hours=1), "second"),  # the newer submission
        (T0 + timedelta(hours=1), T0, "first"),  # submitted later although started first
        (T0, T0, "second"),  # same moment: the higher id
        (T0, None, "first"),  # a draft is never of record
    ],
)
def test_review_of_record_is_newest_submitted_in_python_and_sql(
    any_engine: Engine,
    people: People,
    intake: clips.Intake,
    first_at: datetime,
    second_at: datetime | None,
    record: str,
) -> None:
    clip_id = scored_clip(any_engine, people.trainee, intake)
    other = second_trainer(any_engine, people.trainee)
    ids = {
        "first": _review(any_engine, clip_id, people.trainer, first_at, critical=False),
        "second": _review(any_engine, clip_id, other, second_at, critical=True),
    }
    with unit_of_work(any_engine, write=False) as s:
        assert records_of(s, [clip_id])[clip_id].id == ids[record]
        assert records_of(s)[clip_id].id == ids[record]
        expected = {"health_claim": 1} if record == "second" else {"absolute_claim": 1}
        assert confirmed_flag_counts(s, trainee_ids=[people.trainee.id or 0]) == expected
        assert review_stats.confirmed_by_category(s, None) == expected
        critical = review_stats.critical_by_trainee(s, [people.trainee.id or 0])
        assert critical == ({people.trainee.id: 1} if record == "second" else {})


def test_records_of_leaves_out_clips_without_a_submitted_review(
    any_engine: Engine, people: People, intake: clips.Intake
) -> None:
    reviewed, drafted, untouched = (scored_clip(any_engine, people.trainee, intake) for _ in range(3))
    _review(any_engine, reviewed, people.trainer, T0, critical=False)
    _review(any_engine, drafted, people.trainer, None, critical=False)
    with unit_of_work(any_engine, write=False) as s:
        assert set(records_of(s, [reviewed, drafted, untouched])) == {reviewed}
        assert records_of(s, []) == {}
