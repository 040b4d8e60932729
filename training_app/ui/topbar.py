"""Top bar in the main area (the sidebar is folded away on phones): language switch, remembered per user, and
sign out. Plus phone-friendly styling."""

from __future__ import annotations

import streamlit as st

from training_app.db.tables import User
from training_app.services import accounts, auth
from training_app.services.uow import unit_of_work
from training_app.ui import context
from training_app.ui.feedback import handled
from training_app.ui.state import end_session, lang, set_lang, token, tr

_LANG_LABELS = {"zh": "中文", "en": "English"}
_CSS = """
<style>
html, body, [class*="css"] { font-size: 18px; }
.block-container { padding-top: 3.75rem; padding-left: 1rem; padding-right: 1rem; max-width: 760px; }
button[kind] { min-height: 2.75rem; }
</style>
"""


def style() -> None:
    st.html(_CSS)


def _switch_language(user: User | None) -> None:
    choice = st.session_state["lang_switch"]
    set_lang(choice)
    if user is not None:
        with handled(), unit_of_work(context.engine()) as session:
            accounts.set_language(session, user, user_id=user.id or 0, language=choice)


def render(user: User | None) -> None:
    left, right = st.columns([3, 1], vertical_alignment="center")
    with left:
        st.radio(
            tr("app.language"),
            options=list(_LANG_LABELS),
            format_func=_LANG_LABELS.__getitem__,
            index=list(_LANG_LABELS).index(lang()),
            horizontal=True,
            key="lang_switch",
            on_change=_switch_language,
            args=(user,),
            label_visibility="collapsed",
        )
    if user is None:
        return
    with right:
        if st.button(tr("app.sign_out"), key="sign_out"):
            with handled(), unit_of_work(context.engine()) as session:
                auth.sign_out(session, token())
            end_session()
            st.rerun()
    with st.sidebar:
        st.caption(tr("app.title"))
        st.text(tr("app.signed_in_as", name=user.display_name, role=tr(f"roles.{user.role}")))
