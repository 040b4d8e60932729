"""When the database fails under a signed-in user's page, the page shows our translated message with an incident id
(not Streamlit's traceback page), and no page content is rendered from a half-read state."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy.engine import make_url
from streamlit.testing.v1 import AppTest
from support.app_env import APP, prepared_site, session_token
from support.factories import make_tree, make_user

from training_app.i18n import t
from training_app.services.uow import unit_of_work


@pytest.fixture
def signed_in(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[tuple[str, Path]]:
    with prepared_site(tmp_path, monkeypatch) as (settings, engine):
        with unit_of_work(engine) as s:
            username = make_user(s, org=make_tree(s)["cohort"]).username
        token = session_token(engine, username)
        engine.dispose()
        database = make_url(settings.resolved_database_url()).database
        assert database
        yield token, Path(database)


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
