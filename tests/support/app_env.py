"""The prepared site behind AppTest page tests: a data directory with a migrated database and signing keys, and
sign-in tokens for the test users (the page tests put a token in ``session_state["auth_token"]``)."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from sqlalchemy.engine import Engine

from support.factories import PASSWORD
from training_app.config import Settings, get_settings
from training_app.services import auth
from training_app.services.startup import engine_for, prepare
from training_app.services.uow import unit_of_work
from training_app.ui import navigation

APP = str(Path(navigation.__file__).parent / "app.py")


@contextmanager
def prepared_site(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[tuple[Settings, Engine]]:
    """Settings for a fresh ``tmp_path/data`` and its prepared engine; the settings cache is cleared on both ends."""
    monkeypatch.setenv("TRAINING_APP_DATA_DIR", str(tmp_path / "data"))
    get_settings.cache_clear()
    settings = get_settings()
    engine = engine_for(settings)
    prepare(engine, settings)
    try:
        yield settings, engine
    finally:
        get_settings.cache_clear()


def session_token(engine: Engine, username: str, password: str = PASSWORD) -> str:
    """A signed-in session token for ``username`` (the factories' users share one password)."""
    with unit_of_work(engine) as s:
        result = auth.sign_in(s, username=username, password=password, policy=auth.SessionPolicy())
    assert result is not None, f"sign-in failed for {username}"
    return result.token
