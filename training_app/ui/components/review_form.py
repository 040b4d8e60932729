"""The editable half of the review screen: flags (confirm / dismiss with a reason), the rubric (AI suggestion and
the trainer's level side by side), comments, submit. Every change is saved at once from the widget's callback with
the version the page showed; widget keys carry that version, so after any save — or a conflict — every widget
shows what the database holds."""

from __future__ import annotations

from typing import Any

import streamlit as st

from training_app.catalog.rubrics import Rubric
from training_app.db.tables import FlagDecisionKind, User
from training_app.services import review_edit
from training_app.services.review_flags import DISMISS_REASONS
from training_app.services.review_view import CriterionRow, FlagRow, ReviewScreen
from training_app.ui.components import review_comments
from training_app.ui.components.course_common import act
from training_app.ui.components.review_common import clock
from training_app.ui.feedback import md_escape
from training_app.ui.state import tr

DECISIONS = ("confirm", "dismiss")


def key(screen: ReviewScreen, name: str) -> str:
    return f"rv{screen.review_id}v{screen.version}_{name}"


def _save_flag(me: User, screen: ReviewScreen, flag_key: str) -> None:
    decision = st.session_state.get(key(screen, f"flag_{flag_key}"))
    reason = st.session_state.get(key(screen, f"reason_{flag_key}"))
    note = st.session_state.get(key(screen, f"note_{flag_key}"), "")
    if decision == "dismiss" and reason is None:
        return  # saved once a reason is chosen
    act(
        lambda s: review_edit.decide_flag(
            s, me, review_id=screen.review_id or 0, version=screen.version, flag_key=flag_key,
            decision=FlagDecisionKind(decision) if decision else None, reason_code=reason, reason_note=note,
        )
    )  # fmt: skip


def _flag_controls(me: User, screen: ReviewScreen, row: FlagRow) -> None:
    fk = row.flag.key
    args = (me, screen, fk)
    decision = st.radio(
        tr("review.decision"), DECISIONS, key=key(screen, f"flag_{fk}"), horizontal=True,
        index=DECISIONS.index(row.decision) if row.decision else None, format_func=lambda d: tr(f"review.{d}"),
        on_change=_save_flag, args=args, disabled=not screen.editable,
    )  # fmt: skip
    if decision != "dismiss":
        return
    st.selectbox(
        tr("review.dismiss_reason"), DISMISS_REASONS, key=key(screen, f"reason_{fk}"),
        index=DISMISS_REASONS.index(row.reason_code) if row.reason_code in DISMISS_REASONS else None,
        format_func=lambda r: tr(f"review.reason_{r}"), placeholder=tr("review.choose_reason"),
        on_change=_save_flag, args=args, disabled=not screen.editable,
    )  # fmt: skip
    st.text_input(
        tr("review.dismiss_note"), value=row.reason_note, key=key(screen, f"note_{fk}"), max_chars=500,
        on_change=_save_flag, args=args, disabled=not screen.editable,
    )  # fmt: skip


def _flags(me: User, screen: ReviewScreen) -> None:
    st.subheader(tr("review.flags_title", count=len(screen.flags)))
    if not screen.flags:
        st.caption(tr("review.no_flags"))
    for row in screen.flags:
        claim = row.flag.claim
        with st.container(border=True):
            icon = "⛔" if claim.severity == "critical" else "⚠️"
            st.markdown(
                f"{icon} **{tr(f'review.severity_{claim.severity}')}** · {clock(claim.start)} · `{claim.rule_id}`"
            )
            st.text(claim.text)
            st.caption(md_escape(row.flag.context))
            st.caption(tr("review.legal_basis", basis=md_escape(claim.legal_basis)))
            st.caption(md_escape(claim.explanation))
            _flag_controls(me, screen, row)


def _save_criterion(me: User, screen: ReviewScreen, rubrics: dict[str, Rubric], cid: str, field: str) -> None:
    value = st.session_state.get(key(screen, f"{field}_{cid}"))
    changes: dict[str, Any] = {"levels": {cid: value}} if field == "level" else {"comments": {cid: value or ""}}
    act(
        lambda s: review_edit.update_review(
            s, me, review_id=screen.review_id or 0, version=screen.version, rubrics=rubrics, **changes
        )
    )


def _criterion(me: User, screen: ReviewScreen, rubrics: dict[str, Rubric], c: CriterionRow) -> None:
    with st.container(border=True):
        st.markdown(
            f"**{md_escape(c.title)}** · {tr(f'rubric.function_{c.function}')} · {tr('rubric.weight', weight=c.weight)}"
        )
        st.caption(md_escape(c.guide))
        if c.ai is None:
            st.caption(tr("rubric.ai_none"))
        else:
            st.caption(tr("rubric.ai_level", level=f"{c.ai} {screen.levels.get(c.ai, '')}"))
        levels = list(screen.levels)
        st.radio(
            tr("rubric.level"), levels, key=key(screen, f"level_{c.id}"), horizontal=True,
            index=levels.index(c.level) if c.level in levels else None,
            format_func=lambda v: f"{v} {screen.levels[v]}", disabled=not screen.editable,
            on_change=_save_criterion, args=(me, screen, rubrics, c.id, "level"),
        )  # fmt: skip
        if c.ai is not None and c.level is not None and c.level != c.ai:
            st.caption("✏️ " + tr("rubric.overridden", ai=f"{c.ai} {screen.levels.get(c.ai, '')}"))
        st.text_input(
            tr("rubric.criterion_comment"), value=c.comment, key=key(screen, f"comment_{c.id}"), max_chars=1000,
            disabled=not screen.editable, on_change=_save_criterion, args=(me, screen, rubrics, c.id, "comment"),
        )  # fmt: skip


def _submit(me: User, screen: ReviewScreen, rubrics: dict[str, Rubric]) -> None:
    if act(
        lambda s: review_edit.submit_review(
            s, me, review_id=screen.review_id or 0, version=screen.version, rubrics=rubrics
        )
    ):
        st.toast(tr("review.submitted"))


def render(me: User, screen: ReviewScreen, rubrics: dict[str, Rubric], seek_state: str) -> None:
    if screen.editable:
        st.caption(tr("review.autosave_note"))
        st.caption("💾 " + tr("review.draft_version", version=screen.version))
    _flags(me, screen)
    st.subheader(tr("rubric.title"))
    for criterion in screen.criteria:
        _criterion(me, screen, rubrics, criterion)
    st.metric(tr("rubric.overall"), "–" if screen.overall is None else round(screen.overall))
    review_comments.render(me, screen, rubrics, seek_state, key(screen, "c"))
    if screen.editable:
        st.button(tr("review.submit"), type="primary", key=key(screen, "submit"), on_click=_submit,
                  args=(me, screen, rubrics), width="stretch")  # fmt: skip
    elif screen.status == "submitted":
        st.success(tr("review.is_submitted"))
