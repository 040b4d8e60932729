"""Shared bits of the review pages: rubrics, page paths, query parameters, times."""

from __future__ import annotations

import streamlit as st

from training_app.catalog.rubrics import Rubric, load_rubrics
from training_app.services.review import QueueFilters
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


def filter_params(filters: QueueFilters) -> dict[str, str]:
    """The queue's filters as query parameters of the review page, so "next clip" keeps them."""
    params = {"critical": "1" if filters.critical_only else "0", "unreviewed": "1" if filters.unreviewed_only else "0"}
    if filters.cohort_id is not None:
        params["cohort"] = str(filters.cohort_id)
    if filters.task_id:
        params["task"] = filters.task_id
    return params


def filters_from_query() -> QueueFilters:
    """The queue's filters the review page was opened with (the queue's defaults when opened without them)."""
    return QueueFilters(
        cohort_id=query_int("cohort"), task_id=st.query_params.get("task") or None,
        critical_only=st.query_params.get("critical") == "1", unreviewed_only=st.query_params.get("unreviewed") != "0",
    )  # fmt: skip


def clock(seconds: float | None) -> str:
    """``m:ss`` for a moment of the recording."""
    if seconds is None:
        return "–"
    whole = int(seconds)
    return f"{whole // 60}:{whole % 60:02d}"
