"""AppTest: the consent gate asks once per version; the account page offers my data, deletes a take and the
account."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlmodel import SQLModel, select
from streamlit.testing.v1 import AppTest
from support.app_env import APP, prepared_site, session_token
from support.clips import make_people, submit, wav_bytes

from training_app.config import get_settings
from training_app.db.engine import session_scope
from training_app.db.tables import Clip, Consent, User
from training_app.services import clips
from training_app.services.media import LocalMediaStore
from training_app.ui import navigation


@pytest.fixture
def world(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[dict[str, object]]:
    with prepared_site(tmp_path, monkeypatch) as (settings, engine):
        SQLModel.metadata.create_all(engine)  # the privacy tables, until the initial migration is regenerated
        people = make_people(engine, monkeypatch)
        token = session_token(engine, people.trainee.username)
        yield {"engine": engine, "settings": settings, "people": people, "token": token}


def _gate(user_id: int) -> None:
    import streamlit as st

    from training_app.db.engine import session_scope
    from training_app.db.tables import User
    from training_app.ui import context
    from training_app.ui.components import privacy

    with session_scope(context.engine(), write=False) as s:
        me = s.get(User, user_id)
    assert me is not None
    st.session_state["allowed"] = privacy.consent_gate(me)


def test_consent_gate_asks_then_allows_after_accept(world: dict[str, object]) -> None:
    trainee: User = world["people"].trainee  # type: ignore[attr-defined]
    at = AppTest.from_function(_gate, args=(trainee.id,), default_timeout=30).run()
    assert at.session_state["allowed"] is False
    assert any("{retention_days}" not in m.value and "730" in m.value for m in at.markdown)
    at.button(key="consent_accept").click().run()
    assert not at.exception, at.exception
    assert at.session_state["allowed"] is True
    with session_scope(world["engine"], write=False) as s:  # type: ignore[arg-type]
        assert [c.version for c in s.exec(select(Consent))] == [1]


def test_consent_gate_trainer_not_asked(world: dict[str, object]) -> None:
    trainer: User = world["people"].trainer  # type: ignore[attr-defined]
    at = AppTest.from_function(_gate, args=(trainer.id,), default_timeout=30).run()
    assert at.session_state["allowed"] is True


def _account_page(world: dict[str, object]) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=60)
    at.session_state["auth_token"] = world["token"]
    at.run()
    at.switch_page(str(navigation.PAGES_DIR / "account_page.py")).run()
    assert not at.exception, at.exception
    return at


def test_account_page_deletes_a_take_and_the_account(world: dict[str, object], tmp_path: Path) -> None:
    engine, people = world["engine"], world["people"]
    store = LocalMediaStore(get_settings().resolved_media_dir())
    intake = clips.Intake(store=store, sniff=lambda p: "wav", model_key="m", max_attempts=1, max_bytes=1 << 20,
                          products={"test-apple"})  # fmt: skip
    clip_id = submit(engine, people.trainee, people.trainee, wav_bytes(0.2), intake)  # type: ignore[arg-type, attr-defined]
    at = _account_page(world)
    at.button(key="privacy_export").click().run()
    assert not at.exception, at.exception
    assert not at.error and at.get("download_button")
    at.button(key="privacy_delete_clip").click().run()
    assert not at.exception, at.exception
    with session_scope(engine, write=False) as s:  # type: ignore[arg-type]
        assert s.get(Clip, clip_id) is None
    at.checkbox(key="privacy_sure").check().run()
    at.button(key="privacy_delete_account").click().run()
    with session_scope(engine, write=False) as s:  # type: ignore[arg-type]
        user = s.get(User, people.trainee.id)  # type: ignore[attr-defined]
    assert user is not None and not user.is_active and user.username.startswith("deleted-")


def test_export_builds_no_zip_before_the_click_and_refuses_oversized(
    world: dict[str, object], monkeypatch: pytest.MonkeyPatch
) -> None:
    import tempfile

    from training_app.services import data_export

    zips = lambda: set(Path(tempfile.gettempdir()).glob("my-data-*.zip"))  # noqa: E731
    before = zips()
    at = _account_page(world)
    at.button(key="privacy_export").click().run()
    assert not at.exception and at.get("download_button")
    assert zips() == before  # built only when the download is clicked (Streamlit runs the callable then)
    monkeypatch.setattr(data_export, "BROWSER_EXPORT_MAX_BYTES", 0)
    at.button(key="privacy_export").click().run()
    assert not at.exception and not at.get("download_button")
    assert any("MB" in info.value for info in at.info)
