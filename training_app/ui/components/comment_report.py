"""Which live-room comments were answered, how fast, and whether the answer stayed within the rules.

``render_comment_report(report)`` takes a score report dict (``ScoreReport.to_dict()``) or its ``comments``
section; it renders nothing for clips without a comment timeline. Comment text may come from a trainer's script:
it is user content and is shown with ``st.text`` or escaped.
"""

from __future__ import annotations

from typing import Any

import streamlit as st

from training_app.db.tables import User
from training_app.services import live_room
from training_app.services.uow import unit_of_work
from training_app.ui import context
from training_app.ui.feedback import handled, md_escape
from training_app.ui.state import lang, tr

_ICON = {"answered": "✅", "late": "🕒", "missed": "⭕"}


def _clock(seconds: float | None) -> str:
    if seconds is None:
        return "–"
    s = int(round(seconds))
    return f"{s // 60:02d}:{s % 60:02d}"


def _summary(section: dict[str, Any]) -> None:
    delay = section.get("median_delay_s")
    answered = f"{section.get('answered', 0)}/{section.get('total', 0)}"
    wait = "–" if delay is None else tr("tasks.seconds", s=round(delay))
    st.markdown(
        f"{tr('tasks.cr_answered')} **{answered}** · {tr('tasks.cr_median_delay')} **{wait}** · "
        f"{tr('tasks.cr_non_compliant')} **{section.get('non_compliant', 0)}**"
    )
    st.caption(tr("tasks.cr_explain", window=round(section.get("window_s") or 45)))


def _item(item: dict[str, Any]) -> None:
    text = item.get("text") or {}
    comment = str(text.get(lang()) or text.get("zh") or "")
    status = str(item.get("status", "missed"))
    icon = "⛔" if not item.get("compliant", True) else _ICON.get(status, "⭕")
    with st.container(border=True):
        st.markdown(f"{icon} **{_clock(item.get('shown_at_s'))} · {md_escape(str(item.get('user', '')))}**")
        st.text(comment)
        if not item.get("compliant", True):
            st.error(tr("tasks.cr_non_compliant_item"))
        elif status == "missed":
            st.caption(tr("tasks.cr_missed"))
        else:
            key = "tasks.cr_late" if status == "late" else "tasks.cr_in_time"
            st.caption(tr(key, s=round(item.get("delay_s") or 0)))
        if item.get("answer_text"):
            st.caption(tr("tasks.cr_your_answer"))
            st.text(str(item["answer_text"]))
        missing = [str(m.get(lang()) or m.get("zh") or "") for m in item.get("missing_labels") or []]
        if missing:
            st.caption(tr("tasks.cr_missing", points="、".join(md_escape(m) for m in missing)))
        for flag in item.get("flags") or []:
            st.warning(f"{md_escape(str(flag.get('text', '')))} — {md_escape(str(flag.get('explanation', '')))}")
            st.caption(f"{tr('tasks.cr_legal_basis')} {md_escape(str(flag.get('legal_basis', '')))}")


def render_comment_report(report: dict[str, Any] | None) -> None:
    """The comments section of a report (nothing when the clip had no live-room comments)."""
    if not report:
        return
    section = report.get("comments") if "comments" in report else report
    if not isinstance(section, dict) or not section.get("items"):
        return
    st.markdown(f"#### {tr('tasks.cr_title')}")
    _summary(section)
    for item in section["items"]:
        _item(item)


def render_for_clip(me: User, clip_id: int) -> None:
    """The comment report of a clip the user may see (nothing for clips recorded outside the live room)."""
    with handled(), unit_of_work(context.engine(), write=False) as session:
        render_comment_report(live_room.latest_report(session, me, clip_id))
