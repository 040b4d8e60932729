"""The trainee's practice tasks: assigned (with due dates), done, and free practice; attempts per task compared
as best, latest and trend, each scored attempt with its comment report."""

from __future__ import annotations

from datetime import datetime
from functools import partial

import streamlit as st

from training_app.catalog.tasks import TaskCatalog
from training_app.db.tables import User
from training_app.services import live_room, tasks
from training_app.ui import context
from training_app.ui.components.comment_report import render_comment_report
from training_app.ui.components.course_common import run
from training_app.ui.feedback import handled
from training_app.ui.navigation import PAGES_DIR
from training_app.ui.state import lang, tr

LIVE_ROOM_PAGE = str(PAGES_DIR / "live_room_page.py")
TASKS_PAGE = str(PAGES_DIR / "tasks_page.py")
_PENDING = ("queued", "transcribing", "scoring")
_STATUS_ICON = {"open": "📌", "due_soon": "⏰", "overdue": "⚠️", "done": "✅"}


def task_catalog() -> TaskCatalog | None:
    with handled():
        return tasks.load_task_catalog(context.settings().assessments_dir)
    return None


def _date(value: datetime | None) -> str:
    return value.astimezone().strftime("%Y-%m-%d %H:%M") if value else "–"


def _score(value: float | None) -> str:
    return "–" if value is None else f"{value:.0f}"


def _numbers(view: tasks.TaskView) -> None:
    """One short line (three metrics would stack into a tall column on a phone)."""
    trend = "" if view.trend is None else f" ({view.trend:+.0f})"
    st.markdown(
        f"{tr('tasks.best')} **{_score(view.best)}** · {tr('tasks.latest')} **{_score(view.latest)}**{trend} · "
        f"{tr('tasks.attempts')} **{view.attempts_used}/{view.attempt_limit}**"
    )


def _attempts(me: User, view: tasks.TaskView) -> None:
    if not view.attempts:
        return
    with st.expander(tr("tasks.attempts_detail", count=view.attempts_used)):
        for n, attempt in enumerate(reversed(view.attempts), start=1):
            number = view.attempts_used - n + 1
            status = tr(f"tasks.clip_{attempt.status}")
            st.markdown(f"**{tr('tasks.attempt_n', n=number)}** · {_date(attempt.created_at)} · {status}")
            if attempt.overall is not None:
                st.caption(tr("tasks.attempt_score", score=_score(attempt.overall)))
                report = run(partial(live_room.latest_report, actor=me, clip_id=attempt.clip_id))
                render_comment_report(report)


def _card(me: User, view: tasks.TaskView) -> None:
    spec = view.task.spec
    with st.container(border=True):
        st.markdown(f"{_STATUS_ICON[view.status]} **{spec.title.get(lang())}**")  # reviewed task text
        st.caption(f"{tr(f'tasks.track_{spec.track}')} · {tr(f'tasks.status_{view.status}')}")
        if view.due_at is not None:
            st.caption(tr("tasks.due", date=_date(view.due_at)))
        st.write(spec.goal.get(lang()))
        _numbers(view)
        if view.attempts_left > 0:
            label = tr("tasks.practise")
            st.page_link(LIVE_ROOM_PAGE, label=label, icon="🎥", query_params={"task": spec.id})
        else:
            st.info(tr("tasks.no_attempts_info"))
        _attempts(me, view)


def render(me: User) -> None:
    catalog = task_catalog()
    if catalog is None:
        return
    views = run(lambda s: tasks.list_trainee_tasks(s, me, catalog=catalog, trainee_id=me.id or 0))
    if views is None:
        return
    if any(a.status in _PENDING for v in views for a in v.attempts):
        st.caption(tr("tasks.pending"))
        if st.button(tr("tasks.refresh"), icon="🔄"):
            st.rerun()
    assigned = [v for v in views if v.assignment_id is not None and v.status != "done"]
    done = [v for v in views if v.status == "done"]
    free = [v for v in views if v.assignment_id is None and v.status != "done"]
    st.subheader(tr("tasks.assigned_title"))
    if not assigned:
        st.info(tr("tasks.none_assigned"))
    for view in assigned:
        _card(me, view)
    if done:
        st.subheader(tr("tasks.done_title"))
        for view in done:
            _card(me, view)
    with st.expander(tr("tasks.free_title", count=len(free))):
        for view in free:
            _card(me, view)
