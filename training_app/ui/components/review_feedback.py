"""Trainer feedback on one clip, read-only — for the trainee's own report page (``render(me, clip_id)``).

Shows the review of record (the newest submitted review): the trainer's overall and levels with comments, which
flags the trainer confirmed or dismissed, comments pinned to moments, the general comment. Drafts never show.
"""

from __future__ import annotations

import streamlit as st

from training_app.db.tables import User
from training_app.services import review_view
from training_app.ui.components.course_common import run
from training_app.ui.components.review_common import clock, rubrics
from training_app.ui.feedback import md_escape
from training_app.ui.state import lang, tr


def _criteria(screen: review_view.ReviewScreen) -> None:
    for c in screen.criteria:
        level = screen.levels.get(c.level or 0, "–")
        st.markdown(f"**{md_escape(c.title)}** · {md_escape(level)}")
        if c.comment:
            st.text(c.comment)


def _flags(screen: review_view.ReviewScreen) -> None:
    for row in screen.flags:
        if row.decision == "confirm":
            st.markdown(f"⚠️ {tr('review.feedback_confirmed')}")
            st.text(row.flag.claim.text)
            st.caption(md_escape(row.flag.claim.suggestion))
        elif row.decision == "dismiss":
            st.caption(tr("review.feedback_dismissed", text=md_escape(row.flag.claim.text)))


def render(me: User, clip_id: int) -> None:
    all_rubrics = rubrics()
    screen = run(
        lambda s: review_view.review_screen(s, me, clip_id=clip_id, rubrics=all_rubrics, lang=lang(), start=False)
    )
    st.subheader(tr("review.feedback_title"))
    if screen is None:
        return
    if screen.review_id is None or screen.status != "submitted":
        st.caption(tr("review.feedback_none"))
        return
    st.metric(tr("review.feedback_overall"), "–" if screen.overall is None else round(screen.overall))
    st.caption(tr("review.by", name=md_escape(screen.trainer_name)))
    if screen.comment:
        st.text(screen.comment)
    _criteria(screen)
    _flags(screen)
    for comment in screen.comments:
        st.caption(clock(comment.at_seconds))
        st.text(comment.text)
