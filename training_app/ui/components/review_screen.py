"""The review screen: the recording with the transcript beside it (a line's button seeks the player there), the
automatic report, then the flags, the rubric and the timed comments (``review_form``)."""

from __future__ import annotations

import streamlit as st

from training_app.db.tables import User
from training_app.services import review, review_view
from training_app.services.media import LocalMediaStore
from training_app.ui import context
from training_app.ui.components import review_form
from training_app.ui.components.course_common import run
from training_app.ui.components.review_common import REVIEW_PAGE, clock, filter_params, filters_from_query, rubrics
from training_app.ui.feedback import md_escape
from training_app.ui.state import lang, tr

_AUDIO = "review_audio"  # (user id, clip id, bytes, mime) of the clip being reviewed in this browser session


def seek_key(clip_id: int) -> str:
    return f"review_seek_{clip_id}"


def _seek(clip_id: int, seconds: float | None) -> None:
    st.session_state[seek_key(clip_id)] = seconds or 0.0
    st.session_state[f"{seek_key(clip_id)}_play"] = True


def _audio(me: User, clip_id: int) -> None:
    cached = st.session_state.get(_AUDIO)
    if not cached or cached[:2] != (me.id, clip_id):
        store = LocalMediaStore(context.settings().resolved_media_dir())
        loaded = run(lambda s: review_view.review_audio(s, me, clip_id=clip_id, store=store))
        if loaded is None:
            return
        cached = (me.id, clip_id, *loaded)
        st.session_state[_AUDIO] = cached
    start = float(st.session_state.get(seek_key(clip_id), 0.0))
    autoplay = bool(st.session_state.pop(f"{seek_key(clip_id)}_play", False))
    st.audio(cached[2], format=cached[3], start_time=int(start), autoplay=autoplay)


def _transcript(screen: review_view.ReviewScreen) -> None:
    st.caption(tr("review.transcript_help"))
    if not screen.lines:
        st.info(tr("review.no_transcript"))
    for line in screen.lines:
        cols = st.columns([1, 4], vertical_alignment="center")
        cols[0].button(
            f"▶ {clock(line.start)}", key=f"seek_{screen.clip_id}_{line.index}", disabled=line.start is None,
            on_click=_seek, args=(screen.clip_id, line.start), help=tr("review.seek_help"),
        )  # fmt: skip
        with cols[1]:
            st.text(line.text)


def _report(screen: review_view.ReviewScreen) -> None:
    report = screen.report
    with st.expander(tr("review.auto_report"), expanded=False):
        cols = st.columns(4)
        dims = (("overall", report.get("overall")), ("pacing", (report.get("pacing") or {}).get("score")),
                ("engagement", (report.get("engagement") or {}).get("score")),
                ("knowledge", (report.get("product_knowledge") or {}).get("score")))  # fmt: skip
        for col, (name, value) in zip(cols, dims, strict=True):
            col.metric(tr(f"review.dim_{name}"), "–" if value is None else round(value))
        for tip in report.get("tips") or []:
            st.caption("💡 " + md_escape(str(tip)))


def _header(screen: review_view.ReviewScreen) -> None:
    st.subheader(md_escape(screen.trainee_name))
    facts = [f"{screen.created_at:%Y-%m-%d %H:%M}", tr(f"review.status_{screen.status or 'new'}")]
    if screen.task_id:
        facts.append(tr("review.task", task=md_escape(screen.task_id)))
    if screen.review_id is not None and screen.trainer_name:
        facts.append(tr("review.by", name=md_escape(screen.trainer_name)))
    st.caption(" · ".join(facts))


def _others(screen: review_view.ReviewScreen) -> None:
    if not screen.others:
        return
    with st.expander(tr("review.other_reviews", count=len(screen.others))):
        for other in screen.others:
            label = tr(
                "review.other_review", name=md_escape(other.trainer_name), status=tr(f"review.status_{other.status}")
            )
            params = {"clip": str(screen.clip_id), "review": str(other.review_id)}
            st.page_link(REVIEW_PAGE, label=label, query_params=params)


def next_clip(me: User, clip_id: int) -> None:
    """ "Next clip": the next clip of the queue not reviewed yet, with the filters the queue had."""
    if not st.button(tr("review.next_clip"), key=f"review_next_{clip_id}", icon="⏭️", width="stretch"):
        return
    filters = filters_from_query()
    answer = run(lambda s: (review.next_unreviewed(s, me, filters, after_clip_id=clip_id),))
    if answer is None:  # an error, already shown
        return
    found = answer[0]
    if found is None:
        st.info(tr("review.no_next_clip"))
        return
    st.query_params.clear()
    st.query_params.update({"clip": str(found), **filter_params(filters)})
    st.rerun()


def render(me: User, clip_id: int, review_id: int | None) -> None:
    all_rubrics = rubrics()
    screen = run(
        lambda s: review_view.review_screen(
            s, me, clip_id=clip_id, rubrics=all_rubrics, lang=lang(), review_id=review_id
        ),
        write=True,
    )
    if screen is None:
        return
    _header(screen)
    player, lines = st.columns([2, 3])
    with player:
        _audio(me, clip_id)
        _report(screen)
    with lines:
        _transcript(screen)
    _others(screen)
    if screen.review_id is None:
        st.info(tr("review.not_reviewed_yet"))
    else:
        review_form.render(me, screen, all_rubrics, seek_key(clip_id))
    next_clip(me, clip_id)
