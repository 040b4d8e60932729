"""Trainer view: my cohorts' progress as a table (filter, sort, CSV), stuck trainees marked, and the modules mapped
to the functions of the 互联网营销师（直播销售员）standard."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from training_app.db.tables import User
from training_app.services import progress
from training_app.ui.components.course_common import run
from training_app.ui.state import lang, tr


def _controls() -> tuple[str, bool, str, bool]:
    search = st.text_input(tr("progress.filter_search"), key="cohort_search")
    stuck_only = st.checkbox(tr("progress.stuck_only"), key="cohort_stuck_only")
    cols = st.columns([2, 1], vertical_alignment="bottom")
    sort_key = cols[0].selectbox(
        tr("progress.sort_by"), progress.SORT_KEYS, format_func=lambda k: tr(f"progress.sort_{k}"), key="cohort_sort"
    )
    descending = cols[1].checkbox(tr("progress.descending"), key="cohort_desc")
    return search, stuck_only, sort_key, descending


def table(me: User) -> None:
    rows = run(lambda s: progress.cohort_progress(s, me, lang=lang()))
    if rows is None:
        return
    if not rows:
        st.info(tr("progress.no_trainees"))
        return
    stuck = sum(1 for r in rows if r.stuck)
    cols = st.columns(2)
    cols[0].metric(tr("progress.trainees"), len(rows))
    cols[1].metric(tr("progress.stuck_count"), stuck)
    search, stuck_only, sort_key, descending = _controls()
    shown = progress.sort_rows(
        progress.filter_rows(rows, search=search, stuck_only=stuck_only), sort_key, descending=descending
    )
    if not shown:
        st.info(tr("progress.no_match"))
        return
    st.dataframe(progress.cohort_frame(shown, lang()), hide_index=True, use_container_width=True)
    st.caption(tr("progress.stuck_explained"))
    st.download_button(
        tr("progress.download_csv"),
        progress.cohort_csv(shown, lang()),
        file_name="cohort-progress.csv",
        mime="text/csv",
        icon="⬇️",
    )


def standard_map(me: User) -> None:
    rows = run(lambda s: progress.standard_function_map(s, me, lang=lang()))
    if not rows:
        return
    st.subheader(tr("progress.standard_title"))
    st.caption(tr("progress.standard_help"))
    frame = pd.DataFrame(
        [{tr("progress.col_function"): r.label, tr("progress.col_modules"): "\n".join(r.modules)} for r in rows]
    )
    st.dataframe(frame, hide_index=True, use_container_width=True)
