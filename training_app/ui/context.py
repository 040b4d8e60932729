"""Process-wide resources for the UI: settings and the database engine (no user data is cached here)."""

from __future__ import annotations

import streamlit as st
from sqlalchemy import Engine

from training_app.config import Settings, get_settings
from training_app.db.engine import make_engine
from training_app.services.auth import SessionPolicy


def settings() -> Settings:
    return get_settings()


@st.cache_resource(show_spinner=False)
def _engine(url: str) -> Engine:
    return make_engine(url)


def engine() -> Engine:
    return _engine(settings().resolved_database_url())


def session_policy() -> SessionPolicy:
    from datetime import timedelta

    s = settings()
    return SessionPolicy(
        idle=timedelta(minutes=s.session_idle_minutes),
        absolute=timedelta(hours=s.session_absolute_hours),
        lockout_threshold=s.lockout_threshold,
        lockout_window=timedelta(minutes=s.lockout_minutes),
    )
