"""Trainer: record (microphone) or upload a narration for a lesson in one language; hear the current one."""

from __future__ import annotations

import streamlit as st

from training_app.db.tables import User
from training_app.services import narration
from training_app.ui import context
from training_app.ui.components.course_common import act, narration_player, run
from training_app.ui.state import lang, tr

_LANG_LABELS = {"zh": "中文", "en": "English"}
_UPLOAD_TYPES = ["wav", "mp3", "m4a", "ogg", "webm"]


def _pick(me: User) -> tuple[str, str] | None:
    choices = run(lambda s: narration.lesson_choices(s, me, lang=lang()))
    if not choices:
        st.info(tr("courses.no_content"))
        return None
    lesson_id = st.selectbox(tr("courses.narration_lesson"), list(choices), format_func=choices.__getitem__)
    language = st.radio(
        tr("courses.narration_language"), list(_LANG_LABELS), format_func=_LANG_LABELS.__getitem__, horizontal=True
    )
    return str(lesson_id), str(language)


def _save(me: User, lesson_id: str, language: str, data: bytes) -> None:
    settings = context.settings()
    ok = act(
        lambda s: narration.save_narration(
            s,
            me,
            lesson_id=lesson_id,
            language=language,
            data=data,
            media_dir=settings.resolved_media_dir(),
            max_bytes=min(narration.DEFAULT_MAX_BYTES, settings.max_upload_mb * 1024 * 1024),
        )
    )
    if ok:
        st.success(tr("courses.narration_saved"))


def render(me: User) -> None:
    picked = _pick(me)
    if picked is None:
        return
    lesson_id, language = picked
    st.subheader(tr("courses.narration_current"))
    narration_player(me, lesson_id, language=language, empty_note=True)
    record_tab, upload_tab = st.tabs([tr("courses.narration_record"), tr("courses.narration_upload")])
    with record_tab:
        recording = st.audio_input(tr("courses.narration_record_help"), key=f"rec_{lesson_id}_{language}")
        if recording is not None and st.button(tr("courses.narration_save"), key="save_recording", type="primary"):
            _save(me, lesson_id, language, recording.getvalue())
    with upload_tab:
        upload = st.file_uploader(
            tr("courses.narration_upload_help"), type=_UPLOAD_TYPES, key=f"up_{lesson_id}_{language}"
        )
        if upload is not None and st.button(tr("courses.narration_save"), key="save_upload", type="primary"):
            _save(me, lesson_id, language, upload.getvalue())
