"""Shared bits of the course pages: run a service call with translated errors, page paths, the narration player."""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

import streamlit as st
from sqlmodel import Session

from training_app.db.tables import User
from training_app.services import narration
from training_app.services.uow import unit_of_work
from training_app.ui import context
from training_app.ui.feedback import handled
from training_app.ui.navigation import PAGES_DIR
from training_app.ui.state import lang, tr

T = TypeVar("T")
COURSES_PAGE = str(PAGES_DIR / "courses_page.py")
LESSON_PAGE = str(PAGES_DIR / "lesson_page.py")
QUIZ_PAGE = str(PAGES_DIR / "quiz_page.py")
PROGRESS_PAGE = str(PAGES_DIR / "progress_page.py")


def run(call: Callable[[Session], T], *, write: bool = False) -> T | None:
    """Run ``call(session)`` in one unit of work; a service error is shown translated and None is returned."""
    with handled(), unit_of_work(context.engine(), write=write) as session:
        return call(session)
    return None


def narration_player(me: User, lesson_id: str, *, language: str | None = None, empty_note: bool = False) -> None:
    """The latest narration of the lesson (in the reader's language by default), with a note if the lesson changed
    since it was recorded."""
    media_dir = context.settings().resolved_media_dir()
    spoken = language or lang()
    view = run(lambda s: narration.latest_narration(s, me, lesson_id=lesson_id, language=spoken, media_dir=media_dir))
    if view is None:
        if empty_note:
            st.caption(tr("courses.narration_none"))
        return
    st.caption(tr("courses.narration_listen"))
    st.audio(view.path.read_bytes(), format=view.mime)
    if view.outdated:
        st.caption(tr("courses.narration_outdated"))


def act(call: Callable[[Session], object]) -> bool:
    """Run a writing service call; True when it succeeded (an error is shown translated)."""
    with handled(), unit_of_work(context.engine()) as session:
        call(session)
        return True
    return False
