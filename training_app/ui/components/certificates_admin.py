"""Staff side of certification: pick a trainee and a level, see the checklist; a trainer signs off (or withdraws),
an agency officer issues; officers renew or revoke (with a reason) the certificates of their agency."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from training_app.db.tables import Role, User
from training_app.services import certificates, certification
from training_app.ui.components import cert_common
from training_app.ui.components.certification_view import checklist_for, pdf_button, show_checklist, state_of
from training_app.ui.components.course_common import act, run
from training_app.ui.state import tr


def _pick_trainee(me: User) -> User | None:
    search = st.text_input(tr("certification.trainee_search"), key="cert_search")
    found = run(lambda s: certification.find_trainees(s, me, search=search))
    if not found:
        st.info(tr("certification.no_trainee_match"))
        return None
    labels = {u.id: f"{u.display_name} ({u.username})" for u in found}
    chosen = st.selectbox(tr("certification.trainee_pick"), list(labels), format_func=labels.__getitem__,
                          key="cert_trainee")  # fmt: skip
    return next(u for u in found if u.id == chosen)


def _sign_off_controls(me: User, trainee: User, level: str) -> None:
    note = st.text_input(tr("certification.sign_off_note"), max_chars=certification.NOTE_MAX, key="cert_note")
    cols = st.columns(2)
    if cols[0].button(tr("certification.sign_off"), key="cert_sign_off", type="primary") and act(
        lambda s: certification.sign_off(s, me, trainee.id or 0, level, note, levels=cert_common.levels())
    ):
        st.success(tr("certification.signed_off"))
    if cols[1].button(tr("certification.revoke_sign_off"), key="cert_unsign") and act(
        lambda s: certification.revoke_sign_off(s, me, trainee_id=trainee.id or 0, level=level)
    ):
        st.success(tr("certification.sign_off_revoked"))


def _issue_controls(me: User, trainee: User, level: str) -> None:
    if not st.button(tr("certification.issue"), key="cert_issue", type="primary"):
        return
    key, levels = cert_common.signing_key(), cert_common.levels()
    issued = run(lambda s: certificates.issue_certificate(s, me, trainee_id=trainee.id or 0, level=level,
                                                          signing_key=key, levels=levels), write=True)  # fmt: skip
    if issued is not None:
        st.success(tr("certification.issued"))
        st.caption(tr("certification.issued_code"))
        st.code(issued.code, language=None)
        pdf_button(me, issued.certificate)


def issue_tab(me: User) -> None:
    trainee = _pick_trainee(me)
    if trainee is None:
        return
    level = cert_common.level_picker("cert_level", label=tr("certification.level_pick"))
    checklist = checklist_for(me, trainee.id or 0, level)
    if checklist is None:
        return
    show_checklist(checklist)
    if me.role == Role.TRAINER:
        _sign_off_controls(me, trainee, level)
    elif me.role == Role.AGENCY:
        _issue_controls(me, trainee, level)


def manage_tab(me: User) -> None:
    search = st.text_input(tr("certification.trainee_search"), key="cert_manage_search")
    rows = run(lambda s: certificates.list_certificates(s, me, search=search))
    if not rows:
        st.info(tr("certification.no_certificates"))
        return
    frame = pd.DataFrame([{
        tr("certification.col_id"): c.id, tr("certification.col_holder"): u.display_name,
        tr("certification.col_level"): cert_common.level_title(c.level),
        tr("certification.col_issued"): c.issued_at.date().isoformat(),
        tr("certification.col_expires"): c.expires_at.date().isoformat(),
        tr("certification.col_state"): tr(f"certification.state_{state_of(c)}"),
    } for c, u in rows])  # fmt: skip
    st.dataframe(frame, hide_index=True, use_container_width=True)
    by_id = {c.id: (c, u) for c, u in rows}
    chosen = st.selectbox(tr("certification.certificate_pick"), list(by_id), key="cert_pick",
                          format_func=lambda i: f"{i} · {by_id[i][1].display_name}")  # fmt: skip
    _manage_one(me, chosen or 0)


def _manage_one(me: User, certificate_id: int) -> None:
    levels = cert_common.levels()
    if me.role == Role.AGENCY and st.button(tr("certification.renew"), key="cert_renew"):
        renewed = run(lambda s: certificates.renew_certificate(s, me, certificate_id=certificate_id,
                                                               levels=levels), write=True)  # fmt: skip
        if renewed is not None:
            st.success(tr("certification.renewed", expires=renewed.expires_at.date().isoformat()))
    with st.form("cert_revoke_form"):
        reason = st.text_area(tr("certification.revoke_reason"), max_chars=certificates.REASON_MAX, key="cert_reason")
        if st.form_submit_button(tr("certification.revoke")) and act(
            lambda s: certificates.revoke_certificate(s, me, certificate_id=certificate_id, reason=reason)
        ):
            st.success(tr("certification.revoked"))
