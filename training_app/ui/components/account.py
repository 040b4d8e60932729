"""Account settings: password change."""

from __future__ import annotations

import streamlit as st

from training_app.db.tables import User
from training_app.services import accounts
from training_app.services.uow import unit_of_work
from training_app.ui import context
from training_app.ui.feedback import handled
from training_app.ui.state import tr


def password_form(me: User) -> None:
    st.subheader(tr("account.change_password"))
    with st.form("change_password", clear_on_submit=True):
        old = st.text_input(tr("account.old_password"), type="password")
        new = st.text_input(tr("account.new_password"), type="password", help=tr("account.password_rules"))
        again = st.text_input(tr("account.repeat_password"), type="password")
        submitted = st.form_submit_button(tr("account.save_password"), type="primary")
    if not submitted:
        return
    if new != again:
        st.error(tr("account.passwords_differ"))
        return
    done = False
    with handled(), unit_of_work(context.engine()) as session:
        accounts.change_password(session, me, old_password=old, new_password=new)
        done = True
    if done:
        me.must_change_password = False
        st.success(tr("account.password_changed"))
        st.rerun()
