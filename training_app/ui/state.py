"""Per-browser-session state: language, session token, the signed-in user (re-checked on every rerun).

Only the token lives in ``st.session_state``; who the user is and whether the session is still live is asked of
the server-side session table each time, so signing out elsewhere or disabling the user takes effect at once.
"""

from __future__ import annotations

import streamlit as st

from training_app.db.tables import User
from training_app.errors import AuthenticationFailed
from training_app.i18n import DEFAULT_LANGUAGE, LANGUAGES, t
from training_app.services import auth
from training_app.services.uow import unit_of_work
from training_app.ui import context

_TOKEN = "auth_token"  # noqa: S105 - a session_state key, not a secret
_LANG = "lang"
_NOTICE = "notice_key"
_USER = "current_user"


def lang() -> str:
    value = st.session_state.get(_LANG, DEFAULT_LANGUAGE)
    return value if value in LANGUAGES else DEFAULT_LANGUAGE


def set_lang(value: str) -> None:
    st.session_state[_LANG] = value


def tr(key: str, **params: object) -> str:
    """Translate into the current user's language."""
    return t(key, lang(), **params)


def token() -> str | None:
    return st.session_state.get(_TOKEN)


def start_session(value: str, user: User) -> None:
    st.session_state[_TOKEN] = value
    set_lang(user.language)


def end_session(notice_key: str | None = None) -> None:
    st.session_state.pop(_TOKEN, None)
    st.session_state.pop(_USER, None)
    if notice_key:
        st.session_state[_NOTICE] = notice_key


def pop_notice() -> str | None:
    return st.session_state.pop(_NOTICE, None)


def current_user() -> User | None:
    """The signed-in user, or None. An ended session (timeout, sign-out elsewhere, disabled) signs out here too."""
    value = token()
    if not value:
        return None
    policy = context.session_policy()
    try:
        with unit_of_work(context.engine(), write=False) as session:
            user = auth.resolve_session(session, value, policy=policy)
            stale = auth.needs_touch(session, value)
        if stale:
            with unit_of_work(context.engine()) as session:
                auth.touch_session(session, value, policy=policy)
    except AuthenticationFailed:
        end_session("errors.session_expired")
        return None
    set_lang(user.language)
    st.session_state[_USER] = user
    return user


def user() -> User:
    """The user signed in for this run (set by app.py before the page runs)."""
    value = st.session_state.get(_USER)
    if value is None:
        st.stop()
    return value
