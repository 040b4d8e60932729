"""Public verification: a code from the QR (``?code=``) or typed in, and what it is worth — only public facts."""

from __future__ import annotations

from datetime import datetime

import streamlit as st

from training_app.errors import TrainingAppError
from training_app.services.verification import VerifyResult, VerifyState, public_limiter, verify_code
from training_app.ui import context
from training_app.ui.components import cert_common
from training_app.ui.state import lang, tr


def _day(moment: datetime | None) -> str:
    return moment.date().isoformat() if moment else ""


def _facts(result: VerifyResult) -> None:
    for key, value in (
        ("verify.holder", result.holder), ("verify.programme", result.programme), ("verify.level", result.level),
        ("verify.agency", result.agency), ("verify.issued", _day(result.issued_at)),
        ("verify.expires", _day(result.expires_at)),
    ):  # fmt: skip
        st.caption(tr(key))
        st.text(value)


def show(result: VerifyResult) -> None:
    if result.state == VerifyState.VALID:
        st.success(tr("verify.valid"), icon="✅")
    elif result.state == VerifyState.REVOKED:
        st.error(tr("verify.revoked", date=_day(result.revoked_at)), icon="⛔")
    elif result.state == VerifyState.EXPIRED:
        st.warning(tr("verify.expired", date=_day(result.expires_at)), icon="⌛")
    else:
        st.error(tr(f"verify.{result.state.value}"), icon="❓")
        return
    _facts(result)


def render() -> None:
    st.caption(tr("verify.intro"))
    initial = str(st.query_params.get("code", ""))
    with st.form("verify_form"):
        code = st.text_input(tr("verify.code_label"), value=initial, max_chars=400, key="verify_code")
        asked = st.form_submit_button(tr("verify.check"), type="primary")
    code = code.strip()
    if not code or not (asked or code == initial):
        return
    try:
        result = verify_code(
            context.engine(), code, public_keys=cert_common.public_keys(), levels=cert_common.levels(),
            lang=lang(), client=cert_common.client_key(), limiter=public_limiter(context.settings().queue_url),
        )  # fmt: skip
    except TrainingAppError as exc:
        st.error(exc.message(lang()))
        return
    show(result)
