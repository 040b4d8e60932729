"""The course catalogue: tracks with progress bars, modules with their lessons and quiz, locked modules explained."""

from __future__ import annotations

import streamlit as st

from training_app.db.tables import Role, User
from training_app.services import courses
from training_app.ui.components.course_common import LESSON_PAGE, QUIZ_PAGE, run
from training_app.ui.state import lang, tr


def _module(me: User, module: courses.ModuleCard) -> None:
    state = module.state
    with st.container(border=True, key=f"module_{module.id}"):
        icon = "✅" if state.complete else ("🔒" if state.locked else "📘")
        st.markdown(f"**{icon} {module.title}**")  # our own reviewed course text
        st.progress(
            module.progress, text=tr("courses.module_progress", done=state.lessons_done, total=state.lessons_total)
        )
        if state.locked:
            st.info(tr("courses.locked", modules="、".join(module.missing_titles)))
            return
        with st.expander(tr("courses.module_details", minutes=module.estimated_minutes), expanded=not state.complete):
            st.write(module.summary)
            for lesson in module.lessons:
                mark = "✅" if lesson.done else "📖"
                st.page_link(LESSON_PAGE, label=f"{mark} {lesson.title}", query_params={"lesson": lesson.id})
            if state.has_quiz and me.role == Role.TRAINEE:
                label = tr("courses.quiz_passed") if state.quiz_passed else tr("courses.quiz_open")
                st.page_link(QUIZ_PAGE, label=label, icon="📝", query_params={"module": module.id})


def render(me: User) -> None:
    tracks = run(lambda s: courses.catalogue(s, me, lang=lang()))
    if tracks is None:
        return
    if not tracks:
        st.info(tr("courses.no_content"))
        return
    resume = run(lambda s: courses.resume_lesson_id(s, me))
    if resume:
        st.page_link(LESSON_PAGE, label=tr("courses.resume"), icon="▶️", query_params={"lesson": resume})
    for track in tracks:
        st.subheader(track.title)
        st.caption(track.summary)
        st.progress(track.progress, text=tr("courses.track_progress", percent=round(track.progress * 100)))
        for module in track.modules:
            _module(me, module)
