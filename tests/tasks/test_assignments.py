"""Assignments: cohort and trainee targets, due status, attempt limits enforced on live-room takes, attempts grouped
per task with best/latest/trend, and the comment timeline stored with the take in the same transaction."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import Engine
from sqlmodel import select
from support.clips import People, wav_bytes

from training_app.catalog.tasks import TaskCatalog
from training_app.db import utcnow
from training_app.db.tables import Clip, ClipComment, Job, Score, Transcript
from training_app.errors import Conflict, InvalidInput
from training_app.services import clips, live_room, tasks
from training_app.services.uow import unit_of_work

TASK = "pk-honey-cough"


def _take(engine: Engine, people: People, catalog: TaskCatalog, intake: clips.Intake, **kw: object) -> int:
    shown = kw.pop("shown", [{"seq": 0, "shown_at_s": 8.1}, {"seq": 1, "shown_at_s": 25.0}])
    with unit_of_work(engine) as s:
        clip = live_room.submit_live_take(
            s,
            people.trainee,
            catalog=catalog,
            task_id=TASK,
            audio=wav_bytes(1.0),
            shown=shown,
            intake=intake,  # type: ignore[arg-type]
        )
        return clip.id or 0


def _view(engine: Engine, people: People, catalog: TaskCatalog) -> tasks.TaskView:
    with unit_of_work(engine, write=False) as s:
        views = tasks.list_trainee_tasks(s, people.trainee, catalog=catalog, trainee_id=people.trainee.id or 0)
    return next(v for v in views if v.task.id == TASK)


def test_cohort_assignment_shows_due_soon_then_overdue(
    any_engine: Engine, people: People, task_catalog: TaskCatalog
) -> None:
    with unit_of_work(any_engine) as s:
        tasks.assign_task(
            s, people.trainer, catalog=task_catalog, task_id=TASK, cohort_id=people.trainee.org_id,
            due_at=utcnow() + timedelta(days=1),
        )  # fmt: skip
    view = _view(any_engine, people, task_catalog)
    assert view.assignment_id is not None and view.status == "due_soon"
    with unit_of_work(any_engine, write=False) as s:
        later = tasks.list_trainee_tasks(
            s, people.trainee, catalog=task_catalog, trainee_id=people.trainee.id or 0, now=utcnow() + timedelta(days=2)
        )
    assert next(v for v in later if v.task.id == TASK).status == "overdue"
    assert _view(any_engine, people, task_catalog).attempt_limit == task_catalog.task(TASK).spec.attempt_limit


def test_trainee_assignment_overrides_cohort_limit_and_is_enforced(
    any_engine: Engine, people: People, task_catalog: TaskCatalog, intake: clips.Intake
) -> None:
    with unit_of_work(any_engine) as s:
        tasks.assign_task(s, people.trainer, catalog=task_catalog, task_id=TASK, cohort_id=people.trainee.org_id)
        tasks.assign_task(
            s, people.trainer, catalog=task_catalog, task_id=TASK, trainee_id=people.trainee.id, attempt_limit=2
        )
    _take(any_engine, people, task_catalog, intake)
    _take(any_engine, people, task_catalog, intake)
    view = _view(any_engine, people, task_catalog)
    assert (view.attempt_limit, view.attempts_used, view.attempts_left) == (2, 2, 0)
    with pytest.raises(Conflict) as err:
        _take(any_engine, people, task_catalog, intake)
    assert err.value.message_key == "tasks.no_attempts_left"
    with unit_of_work(any_engine, write=False) as s:
        assert len(s.exec(select(Clip)).all()) == 2  # the refused take stored nothing


def test_past_due_date_is_refused(any_engine: Engine, people: People, task_catalog: TaskCatalog) -> None:
    with pytest.raises(InvalidInput), unit_of_work(any_engine) as s:
        tasks.assign_task(
            s, people.trainer, catalog=task_catalog, task_id=TASK, trainee_id=people.trainee.id,
            due_at=utcnow() - timedelta(hours=1),
        )  # fmt: skip


def test_take_stores_timeline_snapshot_with_clip_and_job(
    any_engine: Engine, people: People, task_catalog: TaskCatalog, intake: clips.Intake
) -> None:
    clip_id = _take(any_engine, people, task_catalog, intake)
    with unit_of_work(any_engine, write=False) as s:
        clip = s.get(Clip, clip_id)
        assert clip is not None and clip.task_id == TASK and clip.product_id == "qinling-honey"
        assert s.exec(select(Job).where(Job.clip_id == clip_id)).one()
        timeline = live_room.comment_timeline(s, clip_id)
    assert [(c["seq"], c["shown_at_s"]) for c in timeline] == [(0, 8.1), (1, 25.0)]
    assert timeline[0]["forbidden"] == ["health_claim"] and timeline[0]["expects"][0]["zh"]
    assert {c["id"] for c in timeline[0]["answers"]} == {"health_topic", "refuse_health"}


@pytest.mark.parametrize("shown", [[{"seq": 9, "shown_at_s": 1.0}], [{"seq": 0, "shown_at_s": -1}], [{"seq": "x"}]])
def test_take_with_bad_timeline_stores_nothing(
    any_engine: Engine, people: People, task_catalog: TaskCatalog, intake: clips.Intake, shown: list
) -> None:
    with pytest.raises(InvalidInput):
        _take(any_engine, people, task_catalog, intake, shown=shown)
    with unit_of_work(any_engine, write=False) as s:
        assert not s.exec(select(Clip)).all() and not s.exec(select(ClipComment)).all()


def test_attempts_grouped_per_task_with_best_latest_and_trend(
    any_engine: Engine, people: People, task_catalog: TaskCatalog, intake: clips.Intake
) -> None:
    ids = [_take(any_engine, people, task_catalog, intake) for _ in range(3)]
    with unit_of_work(any_engine) as s:
        for clip_id, overall in zip(ids, (40.0, 70.0, 55.0), strict=True):
            transcript = Transcript(clip_id=clip_id, model_key="whisper-base", language="zh", status="transcribed")
            s.add(transcript)
            s.flush()
            s.add(
                Score(
                    clip_id=clip_id,
                    transcript_id=transcript.id or 0,
                    rule_set_version="r",
                    model_version="m",
                    overall=overall,
                )
            )
    view = _view(any_engine, people, task_catalog)
    assert [a.clip_id for a in view.attempts] == ids
    assert (view.best, view.latest, view.trend) == (70.0, 55.0, -15.0)
