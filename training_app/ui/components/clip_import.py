"""Trainers import livestream replays for a trainee of their cohorts (several files at once)."""

from __future__ import annotations

import streamlit as st

from training_app.db.tables import ClipSource, Role, User
from training_app.services import accounts
from training_app.services.uow import unit_of_work
from training_app.ui import context
from training_app.ui.components.clip_capture import UPLOAD_TYPES, product_select, save_take
from training_app.ui.feedback import handled
from training_app.ui.state import tr


def trainee_select(me: User) -> int | None:
    trainees: dict[int, str] = {}
    with handled(), unit_of_work(context.engine(), write=False) as session:
        users = accounts.list_users(session, me, role=Role.TRAINEE)
        trainees = {u.id or 0: f"{u.display_name} ({u.username})" for u in users}
    if not trainees:
        st.info(tr("clips.import_no_trainees"))
        return None
    return st.selectbox(tr("clips.import_trainee"), list(trainees), format_func=trainees.__getitem__, index=None,
                        key="import_trainee", placeholder=tr("clips.import_trainee_placeholder"))  # fmt: skip


def import_form(me: User) -> int | None:
    """Returns the chosen trainee's id (so the page can list their recordings)."""
    trainee = trainee_select(me)
    if trainee is None:
        return None
    product = product_select("import_product", optional=True)
    files = st.file_uploader(tr("clips.import_files"), type=UPLOAD_TYPES, accept_multiple_files=True,
                             key="import_files", help=tr("clips.import_help"))  # fmt: skip
    if files and st.button(tr("clips.import_run"), type="primary", key="import_run"):
        for upload in files:
            st.text(upload.name)  # a file name is user text: never Markdown
            clip_id = save_take(me, upload, owner_id=trainee, product_id=product, source=ClipSource.IMPORT)
            if clip_id is not None:
                st.success(tr("clips.saved", clip_id=clip_id))
    return trainee
