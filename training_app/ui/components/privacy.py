"""Privacy on the page: the recording-consent gate before any recorder, and "my data" on the account page
(download everything, delete a recording, withdraw consent, delete the account)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import streamlit as st

from training_app.db.tables import Certificate, Role, User
from training_app.services import clips, consent, data_export, deletion
from training_app.services.certificate_pdf import certificate_pdf
from training_app.services.consent import ConsentDocument
from training_app.services.media import LocalMediaStore
from training_app.services.uow import unit_of_work
from training_app.ui import context
from training_app.ui.components import cert_common
from training_app.ui.feedback import handled, md_escape
from training_app.ui.state import end_session, lang, tr


def _document() -> ConsentDocument | None:
    with handled():
        return consent.load_consent_document(context.settings().assessments_dir)
    return None


def _show(document: ConsentDocument) -> None:
    days = str(context.settings().retention_days_clips)
    st.subheader(document.title.get(lang()))  # reviewed consent text (assessments/consent)
    for section in document.sections:
        st.markdown(f"**{md_escape(section.heading.get(lang()))}**")
        st.write(section.body.get(lang()).replace("{retention_days}", days))


def consent_gate(me: User) -> bool:
    """True when ``me`` may record: not a trainee, or a trainee who accepted the current consent version.
    Otherwise shows the consent text with an accept button and returns False."""
    if me.role != Role.TRAINEE:
        return True
    document = _document()
    if document is None:
        return False
    with unit_of_work(context.engine(), write=False) as session:
        if consent.has_current_consent(session, me, document):
            return True
    accepted = False
    with st.container(border=True):
        st.info(tr("privacy.consent_title"))
        _show(document)
        if st.button(tr("privacy.consent_accept"), type="primary", key="consent_accept"):
            with handled(), unit_of_work(context.engine()) as session:
                consent.accept_consent(session, me, document)
                accepted = True
    if accepted:
        st.rerun()
    return False


def _store() -> LocalMediaStore:
    return LocalMediaStore(context.settings().resolved_media_dir())


def _export_bytes(me: User) -> Callable[[], bytes]:
    """The download's data as a callable: Streamlit runs it only when the button is clicked, so no zip is built (or
    left in a temporary file) for a visitor who never downloads. Streamlit then holds the bytes in memory, hence the
    size check in ``my_data`` first."""
    engine, store = context.engine(), _store()
    key, base, levels = cert_common.signing_key(), cert_common.base_url(), cert_common.levels()

    def build() -> bytes:
        with unit_of_work(engine) as session:

            def pdf(cert: Certificate) -> bytes:
                return certificate_pdf(session, me, certificate_id=cert.id or 0, signing_key=key, base_url=base,
                                       levels=levels)  # fmt: skip

            path: Path = data_export.export_my_data(session, me, user_id=me.id or 0, store=store, certificate_pdf=pdf)
        try:
            return path.read_bytes()
        finally:
            path.unlink(missing_ok=True)

    return build


def _delete_clip(me: User) -> None:
    options: dict[int, str] = {}
    with handled(), unit_of_work(context.engine(), write=False) as session:
        takes = clips.list_clips(session, me, owner_id=me.id or 0, limit=200)
        options = {t.id: tr("privacy.delete_clip_option", clip_id=t.id, date=f"{t.created_at:%Y-%m-%d}") for t in takes}
    if not options:
        st.info(tr("privacy.no_clips"))
        return
    chosen = st.selectbox(tr("privacy.delete_clip_label"), list(options), format_func=options.__getitem__)
    if chosen is None or not st.button(tr("privacy.delete_clip"), key="privacy_delete_clip"):
        return
    with handled(), unit_of_work(context.engine()) as session:
        deletion.delete_clip(session, me, clip_id=int(chosen), store=_store())
        st.success(tr("privacy.clip_deleted", clip_id=chosen))


def _account(me: User) -> None:
    document = _document()
    if document is not None and st.button(tr("privacy.consent_withdraw"), key="privacy_withdraw"):
        with handled(), unit_of_work(context.engine()) as session:
            consent.withdraw_consent(session, me, document.id)
            st.success(tr("privacy.consent_withdrawn"))
    sure = st.checkbox(tr("privacy.delete_account_confirm"), key="privacy_sure")
    if st.button(tr("privacy.delete_account"), disabled=not sure, type="primary", key="privacy_delete_account"):
        deleted = False
        with handled(), unit_of_work(context.engine()) as session:
            deletion.delete_account(session, me, user_id=me.id or 0, store=_store())
            deleted = True
        if deleted:
            end_session("privacy.account_deleted")
            st.rerun()


def my_data(me: User) -> None:
    st.subheader(tr("privacy.section_title"))
    if st.button(tr("privacy.export_prepare"), key="privacy_export"):
        size = data_export.BROWSER_EXPORT_MAX_BYTES + 1
        with handled(), unit_of_work(context.engine(), write=False) as session:
            size = data_export.estimated_export_bytes(session, user_id=me.id or 0)
        if size > data_export.BROWSER_EXPORT_MAX_BYTES:
            st.info(tr("privacy.export_too_large", mb=size >> 20, limit=data_export.BROWSER_EXPORT_MAX_BYTES >> 20))
        else:
            st.download_button(tr("privacy.export_download"), _export_bytes(me), file_name="my-data.zip",
                               mime="application/zip", icon="⬇️", key="privacy_download")  # fmt: skip
    if me.role != Role.TRAINEE:
        return
    _delete_clip(me)
    _account(me)
