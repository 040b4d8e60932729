"""Trainer: assign a task to one of my cohorts or one of their trainees, with a due date, an attempt limit and
optionally one of my comment scripts; the assignments I manage, with withdraw."""

from __future__ import annotations

from datetime import date, datetime, time
from functools import partial
from zoneinfo import ZoneInfo

import streamlit as st

from training_app.catalog.tasks import TaskCatalog
from training_app.db.tables import User
from training_app.services import comment_scripts, tasks
from training_app.ui.components.course_common import act, run
from training_app.ui.state import lang, tr

LOCAL = ZoneInfo("Asia/Shanghai")  # due dates are days in China time (the trainees' time zone)


def _due(day: date | None) -> datetime | None:
    return datetime.combine(day, time(23, 59), tzinfo=LOCAL) if day else None


def _task_label(catalog: TaskCatalog, task_id: str) -> str:
    spec = catalog.task(task_id).spec
    return f"{tr(f'tasks.track_{spec.track}')} · {spec.title.get(lang())}"


def form(me: User, catalog: TaskCatalog) -> None:
    targets = run(lambda s: tasks.assignable_targets(s, me))
    scripts = run(lambda s: [(r.id or 0, r.title) for r in comment_scripts.list_scripts(s, me)]) or []
    if targets is None:
        return
    if not targets.cohorts:
        st.info(tr("tasks.no_cohorts"))
        return
    ids = [t.id for t in catalog.ordered()]
    with st.form("assign_task"):
        task_id = st.selectbox(tr("tasks.f_task"), ids, format_func=lambda i: _task_label(catalog, i))
        kind = st.radio(tr("tasks.f_target"), ["cohort", "trainee"], format_func=lambda k: tr(f"tasks.f_{k}"))
        cohort = st.selectbox(tr("tasks.f_cohort"), targets.cohorts, format_func=lambda c: c[1])
        trainee = st.selectbox(tr("tasks.f_trainee"), targets.trainees, format_func=lambda c: c[1], index=None)
        day = st.date_input(tr("tasks.f_due"), value=None, min_value=date.today())
        limit = st.number_input(tr("tasks.f_limit"), min_value=0, max_value=50, value=0, help=tr("tasks.f_limit_help"))
        options = [None, *[s[0] for s in scripts]]
        names = dict(scripts)
        script = st.selectbox(
            tr("tasks.f_script"), options, format_func=lambda i: tr("tasks.f_own_script") if i is None else names[i]
        )
        submitted = st.form_submit_button(tr("tasks.f_assign"), type="primary")
    if not submitted:
        return
    cohort_id = cohort[0] if kind == "cohort" and cohort else None
    trainee_id = trainee[0] if kind == "trainee" and trainee else None
    done = act(
        lambda s: tasks.assign_task(
            s,
            me,
            catalog=catalog,
            task_id=task_id,
            cohort_id=cohort_id,
            trainee_id=trainee_id,
            due_at=_due(day),
            attempt_limit=int(limit) or None,
            script_id=script,
        )
    )
    if done:
        st.success(tr("tasks.assigned_ok"))


def assignments(me: User, catalog: TaskCatalog) -> None:
    rows = run(lambda s: tasks.list_assignments(s, me)) or []
    targets = run(lambda s: tasks.assignable_targets(s, me))
    cohorts, trainees = (dict(targets.cohorts), dict(targets.trainees)) if targets else ({}, {})
    st.subheader(tr("tasks.current_assignments"))
    if not rows:
        st.info(tr("tasks.no_assignments"))
    for row in rows:
        if row.cohort_id:
            target = tr("tasks.to_cohort", name=cohorts.get(row.cohort_id, row.cohort_id))
        else:
            target = tr("tasks.to_trainee", name=trainees.get(row.trainee_id or 0, row.trainee_id))
        due = row.due_at.astimezone(LOCAL).strftime("%Y-%m-%d") if row.due_at else "–"
        with st.container(border=True):
            label = _task_label(catalog, row.task_id) if row.task_id in catalog.tasks else row.task_id
            st.text(f"{label}\n{target} · {tr('tasks.due', date=due)}")
            if st.button(tr("tasks.withdraw"), key=f"withdraw_{row.id}"):
                if act(partial(tasks.withdraw_assignment, actor=me, assignment_id=row.id or 0)):
                    st.rerun()
