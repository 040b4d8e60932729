"""The review queue: scope, newest first, filters (cohort, task, critical flag, not reviewed), home counts."""

from __future__ import annotations

import pytest
from sqlalchemy import Engine
from support.clips import People
from support.review import CLEAN, review_clip, scored_clip

from training_app.services import clips
from training_app.services.authz import Denied
from training_app.services.review import QueueFilters, next_unreviewed, queue_choices, queue_counts, review_queue
from training_app.services.uow import unit_of_work


def _queue(engine: Engine, actor: object, **filters: object) -> list[int]:
    with unit_of_work(engine, write=False) as s:
        return [i.clip_id for i in review_queue(s, actor, QueueFilters(**filters))]  # type: ignore[arg-type]


@pytest.fixture
def clip_ids(any_engine: Engine, people: People, intake: clips.Intake) -> dict[str, int]:
    return {
        "old_clean": scored_clip(any_engine, people.trainee, intake, lines=CLEAN, task_id="task-a"),
        "peer_flagged": scored_clip(any_engine, people.peer, intake, task_id="task-b"),
        "other_cohort": scored_clip(any_engine, people.other_cohort, intake),
        "other_agency": scored_clip(any_engine, people.other_agency, intake),
        "new_flagged": scored_clip(any_engine, people.trainee, intake, task_id="task-a"),
    }


def test_review_queue_trainer_sees_own_cohorts_newest_first(
    any_engine: Engine, people: People, clip_ids: dict[str, int]
) -> None:
    assert _queue(any_engine, people.trainer) == [
        clip_ids["new_flagged"],
        clip_ids["peer_flagged"],
        clip_ids["old_clean"],
    ]
    assert _queue(any_engine, people.agency) == [
        clip_ids["new_flagged"], clip_ids["other_cohort"], clip_ids["peer_flagged"], clip_ids["old_clean"]
    ]  # fmt: skip
    assert len(_queue(any_engine, people.admin)) == 5


def test_review_queue_filters_by_cohort_task_and_critical(
    any_engine: Engine, people: People, clip_ids: dict[str, int]
) -> None:
    cohort = people.trainee.org_id
    assert _queue(any_engine, people.admin, cohort_id=cohort) == [
        clip_ids["new_flagged"], clip_ids["peer_flagged"], clip_ids["old_clean"]
    ]  # fmt: skip
    assert _queue(any_engine, people.trainer, task_id="task-a") == [clip_ids["new_flagged"], clip_ids["old_clean"]]
    assert _queue(any_engine, people.trainer, critical_only=True) == [clip_ids["new_flagged"], clip_ids["peer_flagged"]]
    assert _queue(any_engine, people.trainer, cohort_id=people.other_cohort.org_id) == []


def test_review_queue_not_reviewed_filter_and_status(
    any_engine: Engine, people: People, clip_ids: dict[str, int]
) -> None:
    review_clip(any_engine, people.trainer, clip_ids["new_flagged"])
    review_clip(any_engine, people.trainer, clip_ids["old_clean"], submit=False)
    assert _queue(any_engine, people.trainer, unreviewed_only=True) == [clip_ids["peer_flagged"], clip_ids["old_clean"]]
    with unit_of_work(any_engine, write=False) as s:
        status = {i.clip_id: i.status for i in review_queue(s, people.trainer)}
        counts = queue_counts(s, people.trainer)
    assert status == {
        clip_ids["new_flagged"]: "submitted",
        clip_ids["peer_flagged"]: "new",
        clip_ids["old_clean"]: "draft",
    }
    assert (counts.unreviewed, counts.critical_unreviewed, counts.my_drafts) == (2, 1, 1)


def test_queue_choices_lists_scoped_cohorts_and_tasks(
    any_engine: Engine, people: People, clip_ids: dict[str, int]
) -> None:
    with unit_of_work(any_engine, write=False) as s:
        cohorts, tasks = queue_choices(s, people.trainer)
    assert list(cohorts) == [people.trainee.org_id] and tasks == ["task-a", "task-b"]


def test_review_queue_trainee_denied(any_engine: Engine, people: People) -> None:
    with pytest.raises(Denied), unit_of_work(any_engine, write=False) as s:
        review_queue(s, people.trainee)


def test_next_unreviewed_goes_down_the_filtered_queue_skips_reviewed_and_wraps(
    any_engine: Engine, people: People, clip_ids: dict[str, int]
) -> None:
    def after(name: str, **filters: object) -> int | None:
        with unit_of_work(any_engine, write=False) as s:
            found = next_unreviewed(s, people.trainer, QueueFilters(**filters), after_clip_id=clip_ids[name])  # type: ignore[arg-type]
        return found

    new, peer, old = clip_ids["new_flagged"], clip_ids["peer_flagged"], clip_ids["old_clean"]
    assert (after("new_flagged"), after("peer_flagged"), after("old_clean")) == (peer, old, new)  # wraps to the top
    assert after("new_flagged", task_id="task-a") == old
    assert after("new_flagged", critical_only=True) == peer
    assert after("old_clean", critical_only=True) == new  # opened from elsewhere: the first one below, else the top
    review_clip(any_engine, people.trainer, peer)
    assert after("new_flagged") == old  # a reviewed clip is skipped
    assert after("new_flagged", critical_only=True) is None  # nothing else waiting
