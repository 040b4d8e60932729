"""Per-browser-session state: language, session token, the signed-in user (re-checked on every rerun).

Only the token lives in ``st.session_state``; who the user is and whether the session is still live is asked of
the server-side session table each time, so signing out elsewhere or disabling the user takes effect at once.
The same token also rides in an HttpOnly cookie (``session_cookie.py``), read once when a browser session starts,
so a reload keeps the user signed in while the server-side session is live.
"""

from __future__ import annotations

import json

import streamlit as st

from training_app.db.tables import User
from training_app.errors import AuthenticationFailed
from training_app.i18n import DEFAULT_LANGUAGE, LANGUAGES, t
from training_app.services import auth
from training_app.services.uow import unit_of_work
from training_app.ui import context, session_cookie

_TOKEN = "auth_token"  # noqa: S105 - a session_state key, not a secret
_LANG = "lang"
_NOTICE = "notice_key"
_USER = "current_user"
_COOKIE_READ = "auth_cookie_read"
_COOKIE_NONCE = "auth_cookie_nonce"
_COOKIE_CLEAR = "auth_cookie_clear"
_SET_COOKIE_JS = """<script>fetch(%s, {method: "POST", body: %s, credentials: "same-origin"});</script>"""
_CLEAR_COOKIE_JS = """<script>fetch(%s, {method: "DELETE", credentials: "same-origin"});</script>"""


def lang() -> str:
    value = st.session_state.get(_LANG, DEFAULT_LANGUAGE)
    return value if value in LANGUAGES else DEFAULT_LANGUAGE


def set_lang(value: str) -> None:
    st.session_state[_LANG] = value


def tr(key: str, **params: object) -> str:
    """Translate into the current user's language."""
    return t(key, lang(), **params)


def token() -> str | None:
    """This browser session's token; on its first run, the one in the sign-in cookie (a reload or a reopened tab)."""
    if _TOKEN not in st.session_state and not st.session_state.get(_COOKIE_READ):
        st.session_state[_COOKIE_READ] = True
        https = session_cookie.is_https(st.context.url or "", st.context.headers.get("X-Forwarded-Proto"))
        from_cookie = st.context.cookies.get(session_cookie.cookie_name(https))
        if isinstance(from_cookie, str) and from_cookie:  # (Streamlit's AppTest hands back a mock here)
            st.session_state[_TOKEN] = from_cookie
    return st.session_state.get(_TOKEN)


def start_session(value: str, user: User) -> None:
    st.session_state[_TOKEN] = value
    st.session_state[_COOKIE_READ] = True
    st.session_state.pop(_COOKIE_CLEAR, None)
    max_age = int(context.session_policy().absolute.total_seconds())
    st.session_state[_COOKIE_NONCE] = session_cookie.issue_nonce(value, max_age)
    set_lang(user.language)


def end_session(notice_key: str | None = None) -> None:
    st.session_state.pop(_TOKEN, None)
    st.session_state.pop(_USER, None)
    st.session_state.pop(_COOKIE_NONCE, None)
    st.session_state[_COOKIE_READ] = True  # never re-adopt the cookie this browser session started with
    st.session_state[_COOKIE_CLEAR] = True
    if notice_key:
        st.session_state[_NOTICE] = notice_key


def sync_cookie() -> None:
    """Ask the browser to set (after sign-in) or clear (after sign-out) the sign-in cookie; the POST carries a
    one-time nonce, never the token."""
    nonce = st.session_state.pop(_COOKIE_NONCE, None)
    clear = st.session_state.pop(_COOKIE_CLEAR, False)
    path = json.dumps(session_cookie.ROUTE_PATH)
    if nonce:
        st.html(_SET_COOKIE_JS % (path, json.dumps(nonce)), unsafe_allow_javascript=True)
    elif clear:
        st.html(_CLEAR_COOKIE_JS % path, unsafe_allow_javascript=True)


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
