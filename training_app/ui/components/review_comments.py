"""Comments pinned to a moment of the recording, and the general comment of a review."""

from __future__ import annotations

import streamlit as st

from training_app.catalog.rubrics import Rubric
from training_app.db.tables import User
from training_app.services import review_edit
from training_app.services.review_view import ReviewScreen
from training_app.ui.components.course_common import act
from training_app.ui.components.review_common import clock
from training_app.ui.state import tr


def _add(me: User, screen: ReviewScreen, prefix: str) -> None:
    at = float(st.session_state.get(f"{prefix}_at") or 0.0)
    text = str(st.session_state.get(f"{prefix}_text") or "")
    act(
        lambda s: review_edit.add_timed_comment(
            s, me, review_id=screen.review_id or 0, version=screen.version, at_seconds=at, text=text
        )
    )


def _delete(me: User, screen: ReviewScreen, comment_id: int) -> None:
    act(
        lambda s: review_edit.delete_timed_comment(
            s, me, review_id=screen.review_id or 0, version=screen.version, comment_id=comment_id
        )
    )


def _seek(seek_state: str, seconds: float) -> None:
    st.session_state[seek_state] = seconds
    st.session_state[f"{seek_state}_play"] = True


def _save_general(me: User, screen: ReviewScreen, rubrics: dict[str, Rubric], prefix: str) -> None:
    text = str(st.session_state.get(f"{prefix}_general") or "")
    act(
        lambda s: review_edit.update_review(
            s, me, review_id=screen.review_id or 0, version=screen.version, rubrics=rubrics, comment=text
        )
    )


def _list(me: User, screen: ReviewScreen, seek_state: str, prefix: str) -> None:
    for comment in screen.comments:
        cols = st.columns([1, 4, 1], vertical_alignment="center")
        cols[0].button(f"▶ {clock(comment.at_seconds)}", key=f"{prefix}_seek_{comment.id}", on_click=_seek,
                       args=(seek_state, comment.at_seconds))  # fmt: skip
        with cols[1]:
            st.text(comment.text)
        if screen.editable:
            cols[2].button("🗑️", key=f"{prefix}_del_{comment.id}", on_click=_delete, args=(me, screen, comment.id),
                           help=tr("review.delete_comment"))  # fmt: skip


def render(me: User, screen: ReviewScreen, rubrics: dict[str, Rubric], seek_state: str, prefix: str) -> None:
    st.subheader(tr("review.timed_comments"))
    if not screen.comments:
        st.caption(tr("review.no_timed_comments"))
    _list(me, screen, seek_state, prefix)
    if screen.editable:
        with st.form(f"{prefix}_form", clear_on_submit=True, border=True):
            st.number_input(tr("review.comment_at"), min_value=0.0, step=1.0, key=f"{prefix}_at",
                            value=float(st.session_state.get(seek_state, 0.0)))  # fmt: skip
            st.text_area(tr("review.comment_text"), key=f"{prefix}_text", max_chars=1000)
            st.form_submit_button(tr("review.add_comment"), on_click=_add, args=(me, screen, prefix))
    st.text_area(
        tr("review.general_comment"), value=screen.comment, key=f"{prefix}_general", max_chars=2000,
        disabled=not screen.editable, on_change=_save_general, args=(me, screen, rubrics, prefix),
    )  # fmt: skip
