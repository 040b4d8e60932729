"""Calibration: agreement between the automatic scores and trainers, the biggest disagreements, and agreement
between trainers."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from training_app.catalog.rubrics import Rubric, default_rubric
from training_app.db.tables import User
from training_app.services import calibration
from training_app.ui.components.course_common import run
from training_app.ui.components.review_common import REVIEW_PAGE, rubrics
from training_app.ui.feedback import md_escape
from training_app.ui.state import lang, tr


def _number(value: float | None) -> str:
    return "–" if value is None else f"{value:.2f}"


def _agreements(result: calibration.Calibration, rubric: Rubric) -> None:
    st.subheader(tr("calibration.agreement_title"))
    st.caption(tr("calibration.agreement_help"))
    titles = {c.id: c.title.get(lang()) for c in rubric.criteria}
    frame = pd.DataFrame(
        {
            tr("calibration.col_target"): titles.get(a.target, tr("calibration.overall")),
            tr("calibration.col_n"): a.n,
            tr("calibration.col_spearman"): _number(a.spearman),
            tr("calibration.col_kappa"): _number(a.kappa),
            tr("calibration.col_prefill_kappa"): _number(a.prefill_kappa),
        }
        for a in result.agreements
    )
    st.dataframe(frame, hide_index=True, width="stretch")


def _disagreements(result: calibration.Calibration) -> None:
    st.subheader(tr("calibration.disagreements_title"))
    st.caption(tr("calibration.disagreements_help"))
    for d in result.disagreements:
        with st.container(border=True):
            st.markdown(f"**{md_escape(d.trainee_name)}**")
            st.caption(tr("calibration.disagreement", trainer=round(d.trainer), predicted=round(d.predicted),
                          automatic="–" if d.automatic is None else round(d.automatic)))  # fmt: skip
            st.page_link(REVIEW_PAGE, label=tr("calibration.open_clip"), query_params={"clip": str(d.clip_id)})


def _raters(result: calibration.Calibration) -> None:
    st.subheader(tr("calibration.raters_title"))
    if not result.raters:
        st.caption(tr("calibration.raters_empty", count=calibration.MIN_SHARED))
        return
    frame = pd.DataFrame(
        {
            tr("calibration.col_pair"): f"{p.trainer_a} ↔ {p.trainer_b}",
            tr("calibration.col_shared"): p.clips,
            tr("calibration.col_kappa"): _number(p.kappa),
            tr("calibration.col_spearman"): _number(p.spearman),
        }
        for p in result.raters
    )
    st.dataframe(frame, hide_index=True, width="stretch")


def render(me: User) -> None:
    rubric = default_rubric(rubrics())
    result = run(lambda s: calibration.calibrate(s, me, rubric=rubric))
    if result is None:
        return
    if result.needed:
        st.info(tr("calibration.need_more", reviewed=result.reviewed, needed=result.needed))
    else:
        _agreements(result, rubric)
        _disagreements(result)
    _raters(result)
