"""Turn service errors into translated messages. Never a traceback: unexpected errors get an incident id."""

from __future__ import annotations

import logging
import re
import uuid
from collections.abc import Iterator
from contextlib import contextmanager

import streamlit as st

from training_app.errors import TrainingAppError
from training_app.ui.state import lang, tr

logger = logging.getLogger(__name__)


@contextmanager
def handled() -> Iterator[None]:
    """``with handled(): call_service()`` shows a translated error instead of raising."""
    try:
        yield
    except TrainingAppError as exc:
        st.error(exc.message(lang()))
    except Exception:
        incident = uuid.uuid4().hex[:10]
        logger.exception("unexpected error in the UI (incident %s)", incident)
        st.error(tr("errors.unexpected", incident=incident))


_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|~<>$:])")


def md_escape(text: str) -> str:
    """Escape user-supplied text before it goes into an element that renders Markdown (titles, info boxes …):
    links, images, emphasis, LaTeX and emoji shortcodes all become plain characters."""
    return _MD_SPECIAL.sub(r"\\\1", text)


def show_user_text(text: str) -> None:
    """User-supplied text is never rendered as Markdown or HTML."""
    st.text(text)
