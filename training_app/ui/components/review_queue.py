"""Trainer: the review queue (filters, newest first, one card per clip) and the numbers on the home page."""

from __future__ import annotations

import streamlit as st

from training_app.db.tables import Role, User
from training_app.services import review
from training_app.ui.components.course_common import run
from training_app.ui.components.review_common import QUEUE_PAGE, REVIEW_PAGE, filter_params
from training_app.ui.feedback import md_escape
from training_app.ui.state import tr

ALL = "__all__"


def _filters(me: User) -> review.QueueFilters | None:
    choices = run(lambda s: review.queue_choices(s, me))
    if choices is None:
        return None
    cohorts, tasks = choices
    cols = st.columns(2)
    cohort = cols[0].selectbox(
        tr("review.filter_cohort"), [ALL, *cohorts], key="rq_cohort",
        format_func=lambda c: tr("review.filter_all") if c == ALL else cohorts[c],
    )  # fmt: skip
    task = cols[1].selectbox(
        tr("review.filter_task"), [ALL, *tasks], key="rq_task",
        format_func=lambda t: tr("review.filter_all") if t == ALL else t,
    )  # fmt: skip
    critical = st.checkbox(tr("review.filter_critical"), key="rq_critical")
    unreviewed = st.checkbox(tr("review.filter_unreviewed"), key="rq_unreviewed", value=True)
    return review.QueueFilters(
        cohort_id=None if cohort == ALL else int(str(cohort)), task_id=None if task == ALL else str(task),
        critical_only=critical, unreviewed_only=unreviewed,
    )  # fmt: skip


def _card(item: review.QueueItem, filters: review.QueueFilters) -> None:
    with st.container(border=True):
        st.markdown(f"**{md_escape(item.trainee_name)}** · {item.created_at:%Y-%m-%d %H:%M}")
        parts = [tr(f"review.status_{item.status}")]
        if item.auto_overall is not None:
            parts.append(tr("review.auto_score", score=round(item.auto_overall)))
        parts.append(tr("review.flag_count", count=item.flags))
        if item.critical_flags:
            parts.append("⚠️ " + tr("review.critical_count", count=item.critical_flags))
        if item.task_id:
            parts.append(tr("review.task", task=md_escape(item.task_id)))
        st.caption(" · ".join(parts))
        params = {"clip": str(item.clip_id), **filter_params(filters)}
        st.page_link(REVIEW_PAGE, label=tr("review.open"), icon="🎧", query_params=params)


def render(me: User) -> None:
    filters = _filters(me)
    if filters is None:
        return
    items = run(lambda s: review.review_queue(s, me, filters))
    if items is None:
        return
    if not items:
        st.info(tr("review.queue_empty"))
        return
    st.caption(tr("review.queue_count", count=len(items)))
    for item in items:
        _card(item, filters)


def home_counts(me: User) -> None:
    """Clips waiting for review, for the trainer's (and administrator's) home page."""
    if me.role not in (Role.TRAINER, Role.ADMIN):
        return
    counts = run(lambda s: review.queue_counts(s, me))
    if counts is None:
        return
    cols = st.columns(3)
    cols[0].metric(tr("review.home_waiting"), counts.unreviewed)
    cols[1].metric(tr("review.home_critical"), counts.critical_unreviewed)
    cols[2].metric(tr("review.home_drafts"), counts.my_drafts)
    if counts.unreviewed:
        st.page_link(QUEUE_PAGE, label=tr("review.home_go"), icon="🗂️")
