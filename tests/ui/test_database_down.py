"""When the database fails under a signed-in user's page, the page shows our translated message with an incident id
(not Streamlit's traceback page), and no page content is rendered from a half-read state."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy.engine import make_url
from streamlit.testing.v1 import AppTest
from support.factories import PASSWORD, make_tree, make_user

from training_app.config import get_settings
from training_app.i18n import t
from training_app.services import auth
from training_app.services.startup import engine_for, prepare
from training_app.services.uow import unit_of_work
from training_app.ui import navigation

APP = str(Path(navigation.__file__).parent / "app.py")


@pytest.fixture
def signed_in(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[tuple[str, Path]]:
    monkeypatch.setenv("TRAINING_APP_DATA_DIR", str(tmp_path / "data"))
    get_settings.cache_clear()
    settings = get_settings()
    engine = engine_for(settings)
    prepare(engine, settings)
    with unit_of_work(engine) as s:
        username = make_user(s, org=make_tree(s)["cohort"]).username
    with unit_of_work(engine) as s:
        result = auth.sign_in(s, username=username, password=PASSWORD, policy=auth.SessionPolicy())
        assert result is not None
    engine.dispose()
    database = make_url(settings.resolved_database_url()).database
    assert database
    yield result.token, Path(database)
    get_settings.cache_clear()


def test_broken_database_shows_translated_message_with_incident_id(signed_in: tuple[str, Path]) -> None:
    token, database = signed_in
    with database.open("r+b") as f:  # the file stops being a database (a disk fault, a bad restore)
        f.write(b"this is not an SQLite database header at all")
    at = AppTest.from_file(APP, default_timeout=60)
    at.session_state["auth_token"] = token
    at.run()
    assert not at.exception, at.exception
    [error] = at.error
    prefix = t("errors.unexpected", "zh", incident="").split("{")[0][:8]
    assert error.value.startswith(prefix)
    assert not at.text_input  # nothing else (no sign-in form, no page) was rendered
