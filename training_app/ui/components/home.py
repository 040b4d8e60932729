"""Home page content per role, with empty states that say what to do next."""

from __future__ import annotations

import streamlit as st

from training_app.db.tables import Role, User
from training_app.services import dashboard
from training_app.services.uow import unit_of_work
from training_app.ui import context, navigation
from training_app.ui.components import review_queue
from training_app.ui.feedback import handled
from training_app.ui.state import tr


def _org_numbers(me: User) -> None:
    with handled(), unit_of_work(context.engine(), write=False) as session:
        summary = dashboard.org_summary(session, me)
        cols = st.columns(2)
        cols[0].metric(tr("home.trainees"), summary.trainees)
        cols[1].metric(tr("home.cohorts"), summary.cohorts)
        if summary.trainees == 0:
            st.info(tr(f"home.empty_{me.role}"))


def _launcher(me: User) -> None:
    """Big links to this role's pages: on a phone the sidebar menu is folded away."""
    for spec in navigation.pages_for(me):
        if spec.file != "home_page.py":
            st.page_link(str(navigation.PAGES_DIR / spec.file), label=tr(spec.title_key), icon=spec.icon)


def render(me: User) -> None:
    st.caption(tr(f"roles.{me.role}"))
    if me.role == Role.TRAINEE:
        st.info(tr("home.trainee_next"))
    else:
        _org_numbers(me)
        review_queue.home_counts(me)
        st.info(tr(f"home.{me.role}_next"))
    _launcher(me)
