"""Agency dashboard: every chart with a table view and a CSV export (numbers come aggregated from the services)."""

from __future__ import annotations

import altair as alt
import pandas as pd
import streamlit as st

from training_app.db.tables import User
from training_app.services import agency_dashboard, talent_pool
from training_app.ui.components.course_common import run
from training_app.ui.state import tr


def _panel(title_key: str, frame: pd.DataFrame, chart: alt.Chart, name: str) -> None:
    st.subheader(tr(title_key))
    if frame.empty:
        st.info(tr("talent.no_data"))
        return
    st.altair_chart(chart, use_container_width=True)
    with st.expander(tr("talent.table_view")):
        st.dataframe(frame, hide_index=True, use_container_width=True)
        st.download_button(tr("talent.download_csv"), talent_pool.to_csv(frame), file_name=f"{name}.csv",
                           mime="text/csv", icon="⬇️", key=f"dl_{name}")  # fmt: skip


def _bar(frame: pd.DataFrame, x: str, y: str) -> alt.Chart:
    return alt.Chart(frame).mark_bar().encode(x=alt.X(f"{x}:Q", title=x), y=alt.Y(f"{y}:N", sort="-x", title=None))


def pass_rates(me: User, by: str) -> None:
    rows = run(lambda s: agency_dashboard.pass_rates(s, me, by=by)) or []
    group, rate = tr("talent.col_group"), tr("talent.col_certified_rate")
    frame = pd.DataFrame([{
        group: r.group, tr("talent.col_trainees"): r.trainees, tr("talent.col_certified"): r.certified,
        rate: round(100 * r.certified_rate, 1), tr("talent.col_quiz_attempts"): r.quiz_attempts,
        tr("talent.col_quiz_rate"): round(100 * r.quiz_rate, 1),
    } for r in rows])  # fmt: skip
    _panel("talent.chart_pass_rates", frame, _bar(frame, rate, group) if rows else alt.Chart(), f"pass-rates-{by}")


def score_trend(me: User) -> None:
    rows = run(lambda s: agency_dashboard.score_trend(s, me)) or []
    month, score = tr("talent.col_month"), tr("talent.col_score")
    frame = pd.DataFrame([{month: p.month, score: round(p.average, 1), tr("talent.col_clips"): p.clips}
                          for p in rows])  # fmt: skip
    chart = alt.Chart(frame).mark_line(point=True).encode(
        x=alt.X(f"{month}:O", title=month), y=alt.Y(f"{score}:Q", title=score, scale=alt.Scale(domain=[0, 100]))
    ) if rows else alt.Chart()  # fmt: skip
    _panel("talent.chart_trend", frame, chart, "score-trend")


def violations(me: User) -> None:
    rows = run(lambda s: agency_dashboard.violation_counts(s, me)) or []
    category, count = tr("talent.col_category"), tr("talent.col_count")
    frame = pd.DataFrame([{category: c, count: n} for c, n in rows])
    _panel("talent.chart_violations", frame, _bar(frame, count, category) if rows else alt.Chart(), "violations")


def hours(me: User, by: str) -> None:
    rows = run(lambda s: agency_dashboard.training_hours(s, me, by=by)) or []
    group, total = tr("talent.col_group"), tr("talent.col_hours")
    frame = pd.DataFrame([{group: r.group, tr("talent.col_trainees"): r.trainees, total: r.hours} for r in rows])
    _panel("talent.chart_hours", frame, _bar(frame, total, group) if rows else alt.Chart(), f"hours-{by}")


def freshness(me: User) -> None:
    at = run(lambda s: agency_dashboard.rollup_status(s, me))
    stamp = at.strftime("%Y-%m-%d %H:%M") if at else None
    st.caption(tr("dashboard.past_months_as_of", at=stamp) if stamp else tr("dashboard.all_live"))


def render(me: User) -> None:
    by = st.segmented_control(tr("talent.group_by"), agency_dashboard.GROUPINGS, default="county", key="dash_by",
                              format_func=lambda g: tr(f"talent.by_{g}")) or "county"  # fmt: skip
    pass_rates(me, by)
    score_trend(me)
    violations(me)
    hours(me, by)
    freshness(me)
