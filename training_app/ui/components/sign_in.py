"""The sign-in form."""

from __future__ import annotations

import streamlit as st

from training_app.services import auth
from training_app.services.uow import unit_of_work
from training_app.ui import context
from training_app.ui.feedback import handled
from training_app.ui.state import start_session, tr


def form() -> None:
    with st.form("sign_in", clear_on_submit=False):
        username = st.text_input(tr("auth.username"), key="sign_in_username", autocomplete="username")
        password = st.text_input(tr("auth.password"), type="password", key="sign_in_password")
        submitted = st.form_submit_button(tr("auth.sign_in"), type="primary", use_container_width=True)
    st.caption(tr("auth.help"))
    if not submitted:
        return
    result = checked = None
    with handled(), unit_of_work(context.engine(), write=False) as session:  # argon2 outside the write lock
        checked = auth.check_password(session, username=username, password=password)
    if checked is not None:
        with handled(), unit_of_work(context.engine()) as session:
            result = auth.sign_in(
                session, username=username, password=password, policy=context.session_policy(), checked=checked
            )
    if result is None:
        st.error(tr("errors.auth_failed"))
        return
    start_session(result.token, result.user)
    st.rerun()
