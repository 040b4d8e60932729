"""Shared bits of the review pages: rubrics, page paths, query parameters, times."""

from __future__ import annotations

import streamlit as st

from training_app.catalog.rubrics import Rubric, load_rubrics
from training_app.ui import context
from training_app.ui.navigation import PAGES_DIR

QUEUE_PAGE = str(PAGES_DIR / "review_queue_page.py")
REVIEW_PAGE = str(PAGES_DIR / "review_page.py")


def rubrics() -> dict[str, Rubric]:
    """The rubrics as files say now (one small YAML file: read on each run, never cached across users)."""
    return load_rubrics(context.settings().assessments_dir / "rubrics")


def query_int(name: str) -> int | None:
    value = st.query_params.get(name)
    return int(value) if value and value.isdigit() else None


def clock(seconds: float | None) -> str:
    """``m:ss`` for a moment of the recording."""
    if seconds is None:
        return "–"
    whole = int(seconds)
    return f"{whole // 60}:{whole % 60:02d}"
