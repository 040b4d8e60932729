"""Authorization matrix for tasks, assignments, comment scripts and live-room takes, on SQLite and PostgreSQL:
trainers act only on their own cohorts and those cohorts' trainees, trainees only on themselves, and every denial
is audit-logged."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from sqlalchemy import Engine
from sqlmodel import Session, select
from support.clips import People

from training_app.catalog.task_schemas import ScriptSpec
from training_app.catalog.tasks import TaskCatalog
from training_app.db.tables import AuditLog, User
from training_app.errors import PermissionDenied
from training_app.services import comment_scripts, tasks
from training_app.services.uow import unit_of_work

TASK = "tech-apple-opening"
SCRIPT = ScriptSpec.model_validate(
    {
        "id": "matrix",
        "title": {"zh": "矩阵", "en": "Matrix"},
        "comments": [{"at_s": 3, "user": "u", "text": {"zh": "多少钱？", "en": "Price?"}, "kind": "question_price"}],
    }
)
Action = Callable[[Session, User, People, TaskCatalog], object]


def _cohort_of(people: People) -> int:
    return people.trainee.org_id


ACTIONS: dict[str, Action] = {
    "assign_own_cohort": lambda s, a, p, c: tasks.assign_task(s, a, catalog=c, task_id=TASK, cohort_id=_cohort_of(p)),
    "assign_trainee": lambda s, a, p, c: tasks.assign_task(s, a, catalog=c, task_id=TASK, trainee_id=p.trainee.id),
    "assign_other_cohort": lambda s, a, p, c: tasks.assign_task(
        s, a, catalog=c, task_id=TASK, cohort_id=p.other_cohort.org_id
    ),
    "list_trainee_tasks": lambda s, a, p, c: tasks.list_trainee_tasks(s, a, catalog=c, trainee_id=p.trainee.id or 0),
    "create_script": lambda s, a, p, c: comment_scripts.create_script(s, a, spec=SCRIPT),
}
ALLOWED = {
    # action: actors allowed (others are denied)
    "assign_own_cohort": {"trainer", "admin"},
    "assign_trainee": {"trainer", "admin"},
    "assign_other_cohort": {"admin"},
    "list_trainee_tasks": {"trainee", "trainer", "agency", "admin"},
    "create_script": {"trainer", "admin"},
}
ACTORS = ("trainee", "peer", "other_cohort", "other_agency", "trainer", "agency", "other_officer", "admin")
ROWS = [(action, actor) for action in ACTIONS for actor in ACTORS]


def _denials(engine: Engine) -> int:
    with unit_of_work(engine, write=False) as s:
        return len(s.exec(select(AuditLog).where(AuditLog.outcome == "denied")).all())


@pytest.mark.parametrize(("action", "actor"), ROWS)
def test_task_action_allowed_only_for_scoped_roles(
    any_engine: Engine, people: People, task_catalog: TaskCatalog, action: str, actor: str
) -> None:
    user = getattr(people, actor)
    allowed = actor in ALLOWED[action]
    before = _denials(any_engine)
    try:
        with unit_of_work(any_engine) as s:
            ACTIONS[action](s, user, people, task_catalog)
    except PermissionDenied:
        assert not allowed, (action, actor)
        assert _denials(any_engine) == before + 1
    else:
        assert allowed, (action, actor)


def test_trainer_cannot_read_or_assign_another_trainers_script(
    any_engine: Engine, people: People, task_catalog: TaskCatalog, monkeypatch: pytest.MonkeyPatch
) -> None:
    from support.factories import make_trainer

    from training_app.db.tables import Organisation

    with unit_of_work(any_engine) as s:
        script = comment_scripts.create_script(s, people.trainer, spec=SCRIPT)
        cohort = s.get(Organisation, people.trainee.org_id)
        assert cohort is not None
        colleague = make_trainer(s, cohorts=[cohort])
    with pytest.raises(PermissionDenied), unit_of_work(any_engine) as s:
        comment_scripts.get_script(s, colleague, script.id or 0)
    with pytest.raises(PermissionDenied), unit_of_work(any_engine) as s:
        tasks.assign_task(
            s, colleague, catalog=task_catalog, task_id=TASK, trainee_id=people.trainee.id, script_id=script.id
        )
    with pytest.raises(PermissionDenied), unit_of_work(any_engine) as s:
        comment_scripts.get_script(s, people.trainee, script.id or 0)


def test_trainer_withdraws_only_assignments_of_own_cohorts(
    any_engine: Engine, people: People, task_catalog: TaskCatalog
) -> None:
    with unit_of_work(any_engine) as s:
        mine = tasks.assign_task(s, people.trainer, catalog=task_catalog, task_id=TASK, cohort_id=_cohort_of(people))
        theirs = tasks.assign_task(
            s, people.admin, catalog=task_catalog, task_id=TASK, cohort_id=people.other_cohort.org_id
        )
    with pytest.raises(PermissionDenied), unit_of_work(any_engine) as s:
        tasks.withdraw_assignment(s, people.trainer, assignment_id=theirs.id or 0)
    with unit_of_work(any_engine) as s:
        tasks.withdraw_assignment(s, people.trainer, assignment_id=mine.id or 0)
        assert [a.id for a in tasks.list_assignments(s, people.trainer)] == []


def test_trainee_lists_only_own_tasks(any_engine: Engine, people: People, task_catalog: TaskCatalog) -> None:
    for other in (people.peer, people.other_agency):
        with pytest.raises(PermissionDenied), unit_of_work(any_engine) as s:
            tasks.list_trainee_tasks(s, people.trainee, catalog=task_catalog, trainee_id=other.id or 0)
