"""Score report of one take: scores, transcript with flags, pace over time, tips, legal basis, previous attempt."""

import streamlit as st

from training_app.services import reports
from training_app.services.uow import unit_of_work
from training_app.ui import context
from training_app.ui.components import clip_report, comment_report
from training_app.ui.feedback import handled
from training_app.ui.state import tr, user

me = user()
st.title(tr("report.nav"))
raw = st.query_params.get("clip", "")
clip_id = int(raw) if raw.isdigit() else None
if clip_id is None:
    clip_id = st.number_input(tr("report.clip_number"), min_value=1, step=1, value=None)
report = None
if clip_id is not None:
    with handled(), unit_of_work(context.engine(), write=False) as session:
        report = reports.clip_report(session, me, clip_id=int(clip_id))
if report is None:
    st.info(tr("report.choose_clip"))
    st.stop()
st.caption(tr("report.header", clip_id=report.clip_id, when=report.created_at.astimezone().strftime("%Y-%m-%d %H:%M")))
clip_report.player(me, report.clip_id)
if report.rule_set_version is None:  # no score yet (a re-score in progress keeps showing the current one)
    clip_report.not_scored(report)
    st.stop()
clip_report.scores(report)
clip_report.tips(report)
clip_report.transcript(report)
clip_report.flags(report)
clip_report.pace_chart(report)
st.caption(tr("report.versions", rules=report.rule_set_version, model=report.model_version))
comment_report.render_for_clip(me, report.clip_id)
