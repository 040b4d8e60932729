"""My progress: completion per track, quiz scores over time (chart and table)."""

from __future__ import annotations

import altair as alt
import pandas as pd
import streamlit as st

from training_app.db.tables import User
from training_app.services import progress
from training_app.ui.components.course_common import COURSES_PAGE, run
from training_app.ui.state import lang, tr


def score_frame(report: progress.ProgressReport) -> pd.DataFrame:
    return pd.DataFrame(
        [
            {
                tr("progress.col_time"): p.at,
                tr("progress.col_module"): p.module_title,
                tr("progress.col_score"): round(p.score * 100),
                tr("progress.col_passed"): "✅" if p.passed else "",
            }
            for p in report.scores
        ]
    )


def _chart(report: progress.ProgressReport) -> alt.Chart:
    """Scores over time, one line per module (altair: titles may contain ':' which st.line_chart misreads)."""
    data = pd.DataFrame([{"at": p.at, "module": p.module_title, "score": round(p.score * 100)} for p in report.scores])
    return (
        alt.Chart(data)
        .mark_line(point=True)
        .encode(
            x=alt.X("at:T", title=tr("progress.col_time")),
            y=alt.Y("score:Q", title=tr("progress.col_score"), scale=alt.Scale(domain=[0, 100])),
            color=alt.Color("module:N", title=tr("progress.col_module"), legend=alt.Legend(orient="bottom")),
        )
    )


def _scores(report: progress.ProgressReport) -> None:
    st.subheader(tr("progress.scores_title"))
    if not report.scores:
        st.info(tr("progress.no_scores"))
        return
    st.altair_chart(_chart(report), use_container_width=True)
    with st.expander(tr("progress.table_view")):
        st.dataframe(score_frame(report), hide_index=True, use_container_width=True)


def render(me: User) -> None:
    report = run(lambda s: progress.trainee_progress(s, me, user_id=me.id or 0, lang=lang()))
    if report is None:
        return
    if not report.tracks:
        st.info(tr("courses.no_content"))
        return
    st.subheader(tr("progress.tracks_title"))
    for track in report.tracks:
        text = tr("progress.track_line", title=track.title, done=track.lessons_done, total=track.lessons_total)
        st.progress(track.share, text=text)
        st.caption(tr("progress.modules_done", done=track.modules_done, total=track.modules_total))
    _scores(report)
    st.page_link(COURSES_PAGE, label=tr("courses.back"), icon="📚")
