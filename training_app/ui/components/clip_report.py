"""Rendering a clip's score report. The transcript is the trainee's own speech: it is HTML-escaped before it is
highlighted, and never passed to Markdown. Clicking a line or a flag plays the recording from that moment."""

from __future__ import annotations

import html

import altair as alt
import pandas as pd
import streamlit as st

from training_app.db.tables import User
from training_app.services import clips, reports
from training_app.services.media import LocalMediaStore
from training_app.services.uow import unit_of_work
from training_app.ui import context
from training_app.ui.feedback import handled
from training_app.ui.state import tr

_SEVERITY_COLOURS = {"critical": "#f8c9c4", "major": "#fde2b8", "minor": "#fff3b0"}
_MIME = {"wav": "audio/wav", "mp3": "audio/mpeg", "mp4": "audio/mp4", "aac": "audio/aac", "ogg": "audio/ogg",
         "matroska": "audio/webm", "flac": "audio/flac"}  # fmt: skip


def _clock(seconds: float | None) -> str:
    s = int(seconds or 0)
    return f"{s // 60}:{s % 60:02d}"


def _start_key(clip_id: int) -> str:
    return f"report_start_{clip_id}"


def player(me: User, clip_id: int) -> None:
    """The recording, starting where the reader last clicked. Serving someone else's recording is audited."""
    data, container = None, ""
    with handled(), unit_of_work(context.engine()) as session:
        clip = clips.get_clip(session, me, clip_id)
        container = clip.container
        data = clips.open_clip_audio(session, me, clip_id, _store())
    if data:
        start = int(st.session_state.get(_start_key(clip_id), 0))
        st.audio(data, format=_MIME.get(container, "audio/wav"), start_time=start)


def _store() -> LocalMediaStore:
    return LocalMediaStore(context.settings().resolved_media_dir())


def _seek(clip_id: int, seconds: float | None) -> None:
    st.session_state[_start_key(clip_id)] = int(seconds or 0)


def scores(report: reports.ClipReport) -> None:
    prev = report.previous
    cols = st.columns(1 + len(reports.DIMENSIONS))
    delta = None if prev is None or prev.overall is None or report.overall is None else report.overall - prev.overall
    cols[0].metric(tr("report.overall"), _num(report.overall), delta=None if delta is None else f"{delta:+.0f}")
    for col, dim in zip(cols[1:], reports.DIMENSIONS, strict=True):
        value = report.dimensions.get(dim)
        before = prev.dimensions.get(dim) if prev else None
        change = None if value is None or before is None else f"{value - before:+.0f}"
        col.metric(tr(f"report.dim_{dim}"), _num(value), delta=change)
    if prev is not None:
        st.caption(tr("report.compared_with", clip_id=prev.clip_id, when=prev.created_at.strftime("%Y-%m-%d")))
    else:
        st.caption(tr("report.first_attempt"))


def _num(value: float | None) -> str:
    return "—" if value is None else f"{value:.0f}"


def _highlighted(line: reports.Line) -> str:
    parts = []
    for text, flag in line.pieces():
        safe = html.escape(text)
        if flag is None:
            parts.append(safe)
        else:
            colour = _SEVERITY_COLOURS.get(flag.severity, "#fff3b0")
            title = html.escape(tr(f"report.severity_{flag.severity}"))
            parts.append(f'<mark style="background:{colour}" title="{title}">{safe}</mark>')
    return f'<div style="font-size:1.05rem;line-height:1.6">{"".join(parts)}</div>'


def transcript(report: reports.ClipReport) -> None:
    st.subheader(tr("report.transcript"))
    st.caption(tr("report.transcript_help"))
    for i, line in enumerate(report.lines):
        left, right = st.columns([1, 6], vertical_alignment="center")
        if left.button(f"▶ {_clock(line.start)}", key=f"line_{report.clip_id}_{i}", disabled=line.start is None):
            _seek(report.clip_id, line.start)
            st.rerun()
        right.html(_highlighted(line))


def flags(report: reports.ClipReport) -> None:
    st.subheader(tr("report.flags"))
    if not report.flags:
        st.success(tr("report.no_flags"))
        return
    for i, flag in enumerate(report.flags):
        icon = "🔴" if flag.severity == "critical" else "🟠" if flag.severity == "major" else "🟡"
        with st.expander(f"{icon} {tr(f'report.severity_{flag.severity}')} · {_clock(flag.start)}", expanded=i < 3):
            st.text(flag.text)  # the trainee's words
            st.text(flag.explanation)
            st.text(tr("report.suggestion", text=flag.suggestion))
            st.text(tr("report.legal_basis", basis=flag.legal_basis))
            if not flag.fully_verified:
                st.warning(tr("report.basis_unverified"))
            if flag.start is not None and st.button(tr("report.play_here"), key=f"flag_{report.clip_id}_{i}"):
                _seek(report.clip_id, flag.start)
                st.rerun()


def _timeline_frames(report: reports.ClipReport) -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame]:
    pace = report.pace
    assert pace is not None
    lo, hi = pace.band
    rates = pd.DataFrame([{"t": (a + b) / 2, "rate": r, "out": not lo <= r <= hi} for a, b, r in pace.windows])
    pauses = pd.DataFrame([{"start": a, "end": b} for a, b in report.pauses], columns=["start", "end"])
    marks = pd.DataFrame([{"t": f.start, "severity": f.severity} for f in report.flags if f.start is not None],
                         columns=["t", "severity"])  # fmt: skip
    return rates, pauses, marks


def pace_chart(report: reports.ClipReport) -> None:
    st.subheader(tr("report.pace"))
    if report.pace is None:
        st.info(tr("report.pace_none"))
        return
    rates, pauses, marks = _timeline_frames(report)
    lo, hi = report.pace.band
    x = alt.X("t:Q", title=tr("report.seconds"))
    unit = tr(f"report.unit_{report.pace.unit}")
    band = alt.Chart(pd.DataFrame([{"lo": lo, "hi": hi}])).mark_rect(opacity=0.15, color="green")
    band = band.encode(y="lo:Q", y2="hi:Q")
    colour = alt.condition("datum.out", alt.value("red"), alt.value("steelblue"))
    line = alt.Chart(rates).mark_line(point=True).encode(x, alt.Y("rate:Q", title=unit), color=colour)
    pause_bars = alt.Chart(pauses).mark_rect(opacity=0.25, color="grey").encode(x="start:Q", x2="end:Q")
    flag_ticks = alt.Chart(marks).mark_rule(color="orange", strokeDash=[4, 2]).encode(x="t:Q")
    st.altair_chart(band + pause_bars + flag_ticks + line, use_container_width=True)
    st.caption(tr("report.pace_legend", lo=f"{lo:.0f}", hi=f"{hi:.0f}", unit=unit))
    for a, b, rate in report.pace.out_of_range:
        key = "report.too_fast" if rate > hi else "report.too_slow"
        st.text(tr(key, start=_clock(a), end=_clock(b), rate=f"{rate:.0f}"))


def tips(report: reports.ClipReport) -> None:
    st.subheader(tr("report.tips"))
    for tip in report.tips or [tr("report.no_tips")]:
        st.text(f"• {tip}")  # tips quote the trainee's words


def not_scored(report: reports.ClipReport) -> None:
    if report.status == "no_speech":
        st.warning(tr("clips.status_no_speech"))
    elif report.status == "failed":
        st.error(tr(report.error_key or "jobs.unexpected"))
        st.caption(tr("clips.failed_what_to_do"))
    else:
        st.info(tr("report.not_ready"))
