"""Practice tasks: the task catalog, assignments (to a cohort or a trainee, with due dates and attempt limits) and
each trainee's attempts per task (clips with that ``task_id``), compared as best, latest and trend.

Authorization: trainers assign only to their own cohorts and the trainees in them, administrators to anyone; a
trainee sees only their own tasks and attempts, a trainer those of their cohorts' trainees (``authz.can_see_user``).
A trainee may practise any task in the catalog; an assignment adds a due date and may change the attempt limit.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path

from sqlmodel import Session, col, select

from training_app.catalog.tasks import Task, TaskCatalog, load_tasks
from training_app.db import utcnow
from training_app.db.tables import Clip, ClipStatus, Organisation, OrgKind, Role, Score, TaskAssignment, User
from training_app.errors import Conflict, InvalidInput, NotFound
from training_app.services import audit
from training_app.services.authz import can_see_user, deny, require_role, trainer_cohort_ids

logger = logging.getLogger(__name__)
DUE_SOON = timedelta(days=3)
_CACHE: dict[Path, tuple[int, TaskCatalog]] = {}


def load_task_catalog(assessments_dir: Path) -> TaskCatalog:
    """The validated tasks under ``assessments_dir/tasks``, reloaded only when a file there changes."""
    from training_app.services.scoring import load_assessment_catalog

    root = Path(assessments_dir).resolve()
    files = sorted((root / "tasks").rglob("*.yaml"))
    stamp = sum(f.stat().st_mtime_ns for f in files) + len(files)
    cached = _CACHE.get(root)
    if cached and cached[0] == stamp:
        return cached[1]
    catalog = load_tasks(root / "tasks", load_assessment_catalog(root).products)
    _CACHE[root] = (stamp, catalog)
    return catalog


@dataclass(frozen=True)
class Attempt:
    clip_id: int
    created_at: datetime
    status: str
    overall: float | None


@dataclass(frozen=True)
class TaskView:
    task: Task
    assignment_id: int | None
    due_at: datetime | None
    attempt_limit: int
    attempts: list[Attempt]  # oldest first
    status: str  # open | due_soon | overdue | done

    @property
    def attempts_used(self) -> int:
        return len(self.attempts)

    @property
    def attempts_left(self) -> int:
        return max(0, self.attempt_limit - self.attempts_used)

    @property
    def scores(self) -> list[float]:
        return [a.overall for a in self.attempts if a.overall is not None]

    @property
    def best(self) -> float | None:
        return max(self.scores, default=None)

    @property
    def latest(self) -> float | None:
        return self.scores[-1] if self.scores else None

    @property
    def trend(self) -> float | None:
        """Latest minus the one before (positive: improving); None with fewer than two scored attempts."""
        return self.scores[-1] - self.scores[-2] if len(self.scores) >= 2 else None


def _trainee(session: Session, trainee_id: int) -> User:
    user = session.get(User, trainee_id)
    if user is None or user.role != Role.TRAINEE:
        raise NotFound("tasks.trainee_not_found", user=trainee_id)
    return user


def effective_assignment(session: Session, trainee: User, task_id: str) -> TaskAssignment | None:
    """The trainee's own assignment of the task if any, else their cohort's; the newest wins."""
    rows = session.exec(
        select(TaskAssignment)
        .where(TaskAssignment.task_id == task_id, col(TaskAssignment.is_withdrawn).is_(False))
        .where((TaskAssignment.trainee_id == trainee.id) | (TaskAssignment.cohort_id == trainee.org_id))
        .order_by(col(TaskAssignment.id).desc())
    ).all()
    own = [a for a in rows if a.trainee_id == trainee.id]
    return next(iter(own or rows), None)


def _assignments(session: Session, trainee: User) -> dict[str, TaskAssignment]:
    rows = session.exec(
        select(TaskAssignment)
        .where(col(TaskAssignment.is_withdrawn).is_(False))
        .where((TaskAssignment.trainee_id == trainee.id) | (TaskAssignment.cohort_id == trainee.org_id))
        .order_by(col(TaskAssignment.id))
    ).all()
    chosen: dict[str, TaskAssignment] = {}
    for row in rows:  # ascending id: later rows win, and a trainee's own assignment beats the cohort's
        current = chosen.get(row.task_id)
        if current is None or row.trainee_id is not None or current.trainee_id is None:
            chosen[row.task_id] = row
    return chosen


def attempts_by_task(session: Session, trainee_id: int) -> dict[str, list[Attempt]]:
    """Clips with a task id, oldest first, with their newest overall score. Failed clips do not count."""
    clips = session.exec(
        select(Clip)
        .where(Clip.owner_id == trainee_id, col(Clip.task_id).is_not(None), Clip.status != ClipStatus.FAILED)
        .order_by(col(Clip.created_at), col(Clip.id))
    ).all()
    ids = [c.id for c in clips]
    overall: dict[int, float | None] = {}
    for clip_id, value in session.exec(
        select(Score.clip_id, Score.overall).where(col(Score.clip_id).in_(ids)).order_by(col(Score.id))
    ):
        overall[clip_id] = value
    grouped: dict[str, list[Attempt]] = {}
    for c in clips:
        attempt = Attempt(c.id or 0, c.created_at, c.status.value, overall.get(c.id or 0))
        grouped.setdefault(c.task_id or "", []).append(attempt)
    return grouped


def _status(attempts: list[Attempt], due_at: datetime | None, now: datetime) -> str:
    if any(a.status == ClipStatus.SCORED.value for a in attempts):
        return "done"
    if due_at is not None and due_at < now:
        return "overdue"
    if due_at is not None and due_at - now <= DUE_SOON:
        return "due_soon"
    return "open"


def _view(task: Task, assignment: TaskAssignment | None, attempts: list[Attempt], now: datetime) -> TaskView:
    limit = (assignment.attempt_limit if assignment else None) or task.spec.attempt_limit
    due = assignment.due_at if assignment else None
    return TaskView(task, assignment.id if assignment else None, due, limit, attempts, _status(attempts, due, now))


def list_trainee_tasks(
    session: Session, actor: User, *, catalog: TaskCatalog, trainee_id: int, now: datetime | None = None
) -> list[TaskView]:
    """Every task with the trainee's assignment, attempts and status; assigned tasks first (by due date)."""
    trainee = _trainee(session, trainee_id)
    if not can_see_user(session, actor, trainee):
        raise deny(actor, "task.list", "user", trainee_id)
    now = now or utcnow()
    assigned = _assignments(session, trainee)
    attempts = attempts_by_task(session, trainee_id)
    views = [_view(t, assigned.get(t.id), attempts.get(t.id, []), now) for t in catalog.ordered()]
    far = datetime.max.replace(tzinfo=now.tzinfo)
    return sorted(views, key=lambda v: (v.assignment_id is None, v.due_at or far))


def task_view(session: Session, actor: User, *, catalog: TaskCatalog, trainee_id: int, task_id: str) -> TaskView:
    task = catalog.task(task_id)
    trainee = _trainee(session, trainee_id)
    if not can_see_user(session, actor, trainee):
        raise deny(actor, "task.read", "user", trainee_id)
    assignment = effective_assignment(session, trainee, task_id)
    return _view(task, assignment, attempts_by_task(session, trainee_id).get(task_id, []), utcnow())


def require_attempt_left(session: Session, actor: User, *, catalog: TaskCatalog, task_id: str) -> TaskView:
    """The trainee's view of the task, or Conflict when the attempt limit is used up."""
    view = task_view(session, actor, catalog=catalog, trainee_id=actor.id or 0, task_id=task_id)
    if view.attempts_left <= 0:
        raise Conflict("tasks.no_attempts_left", limit=view.attempt_limit)
    return view


def _check_target(session: Session, actor: User, cohort_id: int | None, trainee_id: int | None) -> None:
    if (cohort_id is None) == (trainee_id is None):
        raise InvalidInput("tasks.one_target")
    if cohort_id is not None:
        cohort = session.get(Organisation, cohort_id)
        if cohort is None or cohort.kind != OrgKind.COHORT:
            raise NotFound("tasks.cohort_not_found", cohort=cohort_id)
        if actor.role != Role.ADMIN and cohort_id not in trainer_cohort_ids(session, actor.id or 0):
            raise deny(actor, "task.assign", "cohort", cohort_id)
        return
    trainee = _trainee(session, trainee_id or 0)
    if not can_see_user(session, actor, trainee):
        raise deny(actor, "task.assign", "user", trainee_id)


def assign_task(
    session: Session,
    actor: User,
    *,
    catalog: TaskCatalog,
    task_id: str,
    cohort_id: int | None = None,
    trainee_id: int | None = None,
    due_at: datetime | None = None,
    attempt_limit: int | None = None,
    script_id: int | None = None,
) -> TaskAssignment:
    require_role(actor, "task.assign", Role.TRAINER, Role.ADMIN)
    task = catalog.task(task_id)
    _check_target(session, actor, cohort_id, trainee_id)
    if due_at is not None and (due_at.tzinfo is None or due_at < utcnow()):
        raise InvalidInput("tasks.due_in_past")
    if attempt_limit is not None and not 1 <= attempt_limit <= 50:
        raise InvalidInput("tasks.bad_attempt_limit")
    if script_id is not None:
        from training_app.services.comment_scripts import script_for_task

        script_for_task(session, actor, catalog=catalog, task=task, script_id=script_id)
    row = TaskAssignment(
        task_id=task_id,
        cohort_id=cohort_id,
        trainee_id=trainee_id,
        assigned_by_id=actor.id or 0,
        due_at=due_at,
        attempt_limit=attempt_limit,
        script_id=script_id,
    )
    session.add(row)
    session.flush()
    audit.record(session, actor=actor, action="task.assign", resource_type="task_assignment", resource_id=row.id)
    return row


def _can_manage(session: Session, actor: User, row: TaskAssignment) -> bool:
    if actor.role == Role.ADMIN:
        return True
    if actor.role != Role.TRAINER:
        return False
    if row.cohort_id is not None:
        return row.cohort_id in trainer_cohort_ids(session, actor.id or 0)
    trainee = session.get(User, row.trainee_id or 0)
    return trainee is not None and can_see_user(session, actor, trainee)


def list_assignments(session: Session, actor: User) -> list[TaskAssignment]:
    """Assignments the actor manages (their cohorts and those cohorts' trainees), newest first."""
    require_role(actor, "task.assignments", Role.TRAINER, Role.ADMIN)
    rows = session.exec(
        select(TaskAssignment)
        .where(col(TaskAssignment.is_withdrawn).is_(False))
        .order_by(col(TaskAssignment.id).desc())
    ).all()
    return [r for r in rows if _can_manage(session, actor, r)]


def withdraw_assignment(session: Session, actor: User, *, assignment_id: int) -> None:
    row = session.get(TaskAssignment, assignment_id)
    if row is None:
        raise NotFound("tasks.assignment_not_found", assignment=assignment_id)
    if not _can_manage(session, actor, row):
        raise deny(actor, "task.withdraw", "task_assignment", assignment_id)
    row.is_withdrawn = True
    session.add(row)
    audit.record(session, actor=actor, action="task.withdraw", resource_type="task_assignment", resource_id=row.id)


@dataclass(frozen=True)
class Targets:
    cohorts: list[tuple[int, str]]  # (id, name)
    trainees: list[tuple[int, str]]  # (id, "display name · cohort")


def assignable_targets(session: Session, actor: User) -> Targets:
    require_role(actor, "task.assign", Role.TRAINER, Role.ADMIN)
    stmt = select(Organisation).where(Organisation.kind == OrgKind.COHORT).order_by(col(Organisation.name))
    if actor.role != Role.ADMIN:
        stmt = stmt.where(col(Organisation.id).in_(trainer_cohort_ids(session, actor.id or 0)))
    cohorts = list(session.exec(stmt).all())
    names = {c.id: c.name for c in cohorts}
    trainees = session.exec(
        select(User)
        .where(User.role == Role.TRAINEE, col(User.is_active).is_(True), col(User.org_id).in_(list(names)))
        .order_by(col(User.display_name))
    ).all()
    return Targets(
        cohorts=[(c.id or 0, c.name) for c in cohorts],
        trainees=[(u.id or 0, f"{u.display_name} · {names.get(u.org_id, '')}") for u in trainees],
    )
