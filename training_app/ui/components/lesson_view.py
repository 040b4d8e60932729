"""One lesson, readable on a 360-px phone: large text, narration, sources, "I have finished", next step."""

from __future__ import annotations

import streamlit as st

from training_app.db.tables import User
from training_app.services import courses
from training_app.ui.components.course_common import (
    COURSES_PAGE,
    LESSON_PAGE,
    QUIZ_PAGE,
    act,
    narration_player,
    run,
)
from training_app.ui.state import lang, tr

_CSS = """
<style>
.st-key-lesson_body p, .st-key-lesson_body li { font-size: 1.2rem; line-height: 1.75; }
.st-key-lesson_body h3 { font-size: 1.35rem; margin-top: 1.2rem; }
</style>
"""


def chosen_lesson_id(me: User) -> str | None:
    """The lesson named in the address (?lesson=ID), else where the trainee left off."""
    lesson_id = st.query_params.get("lesson")
    if lesson_id:
        return str(lesson_id)
    return run(lambda s: courses.resume_lesson_id(s, me))


def _next_step(view: courses.LessonView) -> None:
    if view.next_lesson_id:
        st.page_link(
            LESSON_PAGE, label=tr("courses.next_lesson"), icon="➡️", query_params={"lesson": view.next_lesson_id}
        )
    elif view.has_quiz and view.tracks_progress:
        st.page_link(QUIZ_PAGE, label=tr("courses.to_quiz"), icon="📝", query_params={"module": view.module_id})
    st.page_link(COURSES_PAGE, label=tr("courses.back"), icon="📚")


def _complete_button(me: User, view: courses.LessonView) -> None:
    if not view.tracks_progress:
        st.caption(tr("courses.staff_preview"))
        return
    if view.completed:
        st.success(tr("courses.lesson_done"))
        return
    if st.button(tr("courses.mark_complete"), type="primary", key=f"complete_{view.id}", use_container_width=True):
        if act(lambda s: courses.mark_lesson_complete(s, me, lesson_id=view.id)):
            st.rerun()


def render(me: User) -> None:
    lesson_id = chosen_lesson_id(me)
    if not lesson_id:
        st.info(tr("courses.pick_lesson"))
        st.page_link(COURSES_PAGE, label=tr("courses.back"), icon="📚")
        return
    view = run(lambda s: courses.open_lesson(s, me, lesson_id=lesson_id, lang=lang()), write=True)
    if view is None:
        st.page_link(COURSES_PAGE, label=tr("courses.back"), icon="📚")
        return
    st.html(_CSS)
    st.caption(tr("courses.lesson_position", module=view.module_title, n=view.position, count=view.count))
    st.title(view.title)
    st.caption(tr("courses.minutes", minutes=view.minutes))
    narration_player(me, view.id)
    with st.container(key="lesson_body"):
        st.markdown(view.body)  # our own reviewed course Markdown, never user text
    if view.sources:
        with st.expander(tr("courses.sources")):
            for source in view.sources:
                st.text(source)
    _complete_button(me, view)
    _next_step(view)
