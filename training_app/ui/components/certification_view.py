"""Checklist of a level's requirements (met / missing with numbers) and a trainee's own certificates with PDFs."""

from __future__ import annotations

import streamlit as st

from training_app.db import utcnow
from training_app.db.tables import User
from training_app.db.tables.certification import Certificate
from training_app.services import certificates, certification
from training_app.services.certificate_pdf import certificate_pdf
from training_app.services.certification import Checklist
from training_app.services.uow import unit_of_work
from training_app.ui import context
from training_app.ui.components import cert_common
from training_app.ui.components.course_common import run
from training_app.ui.feedback import md_escape
from training_app.ui.state import lang, tr


def show_checklist(checklist: Checklist) -> None:
    st.subheader(tr("certification.checklist_title", level=checklist.level_title))
    for item in checklist.items:
        icon = "✅" if item.met else "⬜"
        st.markdown(f"{icon} **{md_escape(item.label)}**")
        st.caption(item.status)
    if checklist.met:
        st.success(tr("certification.all_met"))
    else:
        st.info(tr("certification.some_missing"))


def checklist_for(me: User, trainee_id: int, level: str) -> Checklist | None:
    levels = cert_common.levels()
    return run(lambda s: certification.certification_checklist(
        s, me, trainee_id=trainee_id, level=level, lang=lang(), levels=levels))  # fmt: skip


def state_of(cert: Certificate) -> str:
    if cert.revoked_at is not None:
        return "revoked"
    return "expired" if cert.expires_at <= utcnow() else "valid"


def cert_line(cert: Certificate) -> str:
    return tr(
        "certification.cert_line", level=cert_common.level_title(cert.level),
        issued=cert.issued_at.date().isoformat(), expires=cert.expires_at.date().isoformat(),
        state=tr(f"certification.state_{state_of(cert)}"),
    )  # fmt: skip


def pdf_button(me: User, cert: Certificate) -> None:
    """The certificate PDF, rendered only when the button is pressed (rendering takes a moment)."""
    key, base, levels, engine = (
        cert_common.signing_key(),
        cert_common.base_url(),
        cert_common.levels(),
        context.engine(),
    )

    def render() -> bytes:
        with unit_of_work(engine) as s:
            return certificate_pdf(s, me, certificate_id=cert.id or 0, signing_key=key, base_url=base, levels=levels)

    st.download_button(tr("certification.download_pdf"), render, file_name=f"certificate-{cert.id}.pdf",
                       mime="application/pdf", icon="⬇️", key=f"pdf_{cert.id}")  # fmt: skip


def my_certificates(me: User) -> None:
    st.subheader(tr("certification.my_certificates"))
    certs = run(lambda s: certificates.trainee_certificates(s, me, trainee_id=me.id or 0))
    if not certs:
        st.info(tr("certification.no_certificates"))
        return
    for cert in certs:
        st.text(cert_line(cert))
        if cert.revoked_at is None:
            pdf_button(me, cert)


def render_mine(me: User) -> None:
    level = cert_common.level_picker("my_cert_level", label=tr("certification.level_pick"))
    checklist = checklist_for(me, me.id or 0, level)
    if checklist is not None:
        show_checklist(checklist)
    my_certificates(me)
