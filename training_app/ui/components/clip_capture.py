"""Recording and uploading takes, and the list of takes with their live status.

"已保存（编号 N）" is shown only after ``submit_clip`` returned and its transaction committed. ``st.audio_input`` and
``st.file_uploader`` keep returning the same take on every rerun, so each take is saved once, remembered by its
``file_id`` in the session.
"""

from __future__ import annotations

from typing import Any

import streamlit as st

from training_app.db.tables import ClipSource, User
from training_app.services import clips
from training_app.services.uow import unit_of_work
from training_app.ui import context
from training_app.ui.feedback import handled
from training_app.ui.navigation import PAGES_DIR
from training_app.ui.state import lang, tr

REPORT_PAGE = str(PAGES_DIR / "report_page.py")
UPLOAD_TYPES = ["wav", "mp3", "m4a", "aac", "ogg", "opus", "webm", "mp4", "mov", "flac"]
_SAVED = "clips_saved"  # {file_id: clip_id}
_REFRESH_SECONDS = 3


def product_select(key: str, *, optional: bool = False) -> str | None:
    settings = context.settings()
    choices: dict[str, str] = {}
    with handled():
        choices = clips.product_choices(settings.assessments_dir, lang())
    label = tr("clips.product_optional") if optional else tr("clips.product")
    return st.selectbox(label, list(choices), format_func=choices.__getitem__, index=None, key=key,
                        placeholder=tr("clips.product_placeholder"))  # fmt: skip


def intake(*, long_form: bool) -> clips.Intake:
    from training_app.worker.queue import dispatcher

    settings = context.settings()
    return clips.make_intake(settings, long_form=long_form, dispatch=dispatcher(settings))


def save_take(me: User, take: Any, *, owner_id: int, product_id: str | None, source: ClipSource) -> int | None:
    """Store one take (once per file_id); returns its clip id after the commit, or None if it was refused."""
    saved: dict[str, int] = st.session_state.setdefault(_SAVED, {})
    file_id = str(getattr(take, "file_id", id(take)))
    if file_id in saved:
        return saved[file_id]
    clip_id = None
    with handled():
        long_form = source == ClipSource.IMPORT
        with unit_of_work(context.engine()) as session:
            clip = clips.submit_clip(session, me, owner_id=owner_id, product_id=product_id, stream=take,
                                     source=source, intake=intake(long_form=long_form))  # fmt: skip
        clip_id = saved[file_id] = clip.id or 0  # only after the commit
    return clip_id


def capture(me: User) -> None:
    """Product first, then record in the browser or upload from the phone; each new take is saved at once."""
    product = product_select("practice_product")
    if product is None:
        st.info(tr("clips.choose_product_first"))
        return
    record_tab, upload_tab = st.tabs([tr("clips.tab_record"), tr("clips.tab_upload")])
    with record_tab:
        recording = st.audio_input(tr("clips.record"), key="practice_recording")
    with upload_tab:
        upload = st.file_uploader(tr("clips.upload"), type=UPLOAD_TYPES, key="practice_upload",
                                  help=tr("clips.upload_help"))  # fmt: skip
    for take, source in ((recording, ClipSource.RECORDING), (upload, ClipSource.UPLOAD)):
        if take is not None:
            clip_id = save_take(me, take, owner_id=me.id or 0, product_id=product, source=source)
            if clip_id is not None:
                st.success(tr("clips.saved", clip_id=clip_id))


def _status(row: clips.ClipSummary) -> None:
    if row.status == "transcribing":
        st.progress(row.progress, text=tr("clips.status_transcribing", percent=round(100 * row.progress)))
    elif row.status == "failed":
        st.error(tr(row.error_key or "jobs.unexpected"))
        st.caption(tr("clips.failed_what_to_do"))
    elif row.status == "no_speech":
        st.warning(tr("clips.status_no_speech"))
    elif row.status == "scored":
        st.page_link(REPORT_PAGE, label=tr("clips.see_report", score=_score(row.overall)), icon="📊",
                     query_params={"clip": str(row.id)})  # fmt: skip
    else:
        st.caption(tr(f"clips.status_{row.status}"))


def _score(value: float | None) -> str:
    return "—" if value is None else f"{value:.0f}"


def _row(row: clips.ClipSummary, products: dict[str, str]) -> None:
    with st.container(border=True):
        product = products.get(row.product_id or "", tr("clips.no_product"))
        when = row.created_at.astimezone().strftime("%Y-%m-%d %H:%M")
        st.text(
            tr("clips.take_line", clip_id=row.id, product=product, when=when, source=tr(f"clips.source_{row.source}"))
        )
        _status(row)


@st.fragment(run_every=_REFRESH_SECONDS)
def takes(me: User, owner_id: int) -> None:
    """Takes newest first; refreshes itself every few seconds so status and progress move without a reload."""
    rows: list[clips.ClipSummary] = []
    with handled(), unit_of_work(context.engine(), write=False) as session:
        rows = clips.list_clips(session, me, owner_id=owner_id)
    if not rows:
        st.info(tr("clips.no_takes"))
        return
    products: dict[str, str] = {}
    with handled():
        products = clips.product_choices(context.settings().assessments_dir, lang())
    for row in rows:
        _row(row, products)
