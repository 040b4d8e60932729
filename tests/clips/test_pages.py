"""AppTest of the practice, report and import pages, signed in as a trainee and a trainer."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlmodel import Session, select
from streamlit.testing.v1 import AppTest
from support.app_env import APP, prepared_site, session_token
from support.clips import Scripted, clip_settings, make_people, spoken, wav_bytes, worker_context
from support.consent import grant_consent

from training_app.db.tables import Clip, ClipSource, Job
from training_app.services.media import LocalMediaStore
from training_app.services.uow import unit_of_work
from training_app.ui import navigation
from training_app.worker.runner import run_job

PAGES = navigation.PAGES_DIR
PRODUCT = "luochuan-apple"


@pytest.fixture
def world(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[dict[str, object]]:
    with prepared_site(tmp_path, monkeypatch) as (settings, engine):
        people = make_people(engine, monkeypatch)
        for trainee in (people.trainee, people.peer):
            grant_consent(engine, trainee)
        tokens = {role: session_token(engine, getattr(people, role).username) for role in ("trainee", "trainer")}
        yield {"engine": engine, "settings": settings, "people": people, "tokens": tokens}


def _page(token: str, page: str) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=60)
    at.session_state["auth_token"] = token
    at.run()
    at.switch_page(str(PAGES / page)).run()
    assert not at.exception, at.exception
    return at


def _clips(world: dict[str, object]) -> list[Clip]:
    with Session(world["engine"]) as s:  # type: ignore[arg-type]
        return list(s.exec(select(Clip)))


def test_practice_page_recording_saved_once_with_number(world: dict[str, object]) -> None:
    at = _page(world["tokens"]["trainee"], "practice_page.py")  # type: ignore[index]
    assert not at.audio_input, "no recorder before a product is chosen"
    at.selectbox(key="practice_product").set_value(PRODUCT).run()
    at.audio_input(key="practice_recording").set_value(("take.wav", wav_bytes(1.0, tone=True), "audio/wav")).run()
    assert not at.exception, at.exception
    [clip] = _clips(world)
    assert [s.value for s in at.success] == [f"已保存（编号 {clip.id}）"]
    assert clip.source == ClipSource.RECORDING and clip.product_id == PRODUCT
    at.run()  # the recorder keeps returning the same take: it is not saved twice
    assert len(_clips(world)) == 1
    assert any(f"编号 {clip.id}" in t.value for t in at.text)  # listed among the takes, with its status
    assert any("排队" in c.value for c in at.caption)


def test_practice_page_playlist_upload_refused_translated(world: dict[str, object]) -> None:
    at = _page(world["tokens"]["trainee"], "practice_page.py")  # type: ignore[index]
    at.selectbox(key="practice_product").set_value(PRODUCT).run()
    playlist = b"#EXTM3U\n#EXTINF:10,\nfile:///etc/passwd\n"
    at.file_uploader(key="practice_upload").set_value(("直播.mp3", playlist, "audio/mpeg")).run()
    assert not at.exception
    assert at.error and not at.error[0].value.startswith("speech.")
    assert _clips(world) == [] and not at.success


def _scored(world: dict[str, object], tmp_path: Path) -> int:
    at = _page(world["tokens"]["trainee"], "practice_page.py")  # type: ignore[index]
    at.selectbox(key="practice_product").set_value(PRODUCT).run()
    at.audio_input(key="practice_recording").set_value(("take.wav", wav_bytes(1.0, tone=True), "audio/wav")).run()
    [clip] = _clips(world)
    settings = world["settings"]
    ctx = worker_context(world["engine"], clip_settings(tmp_path, data_dir=settings.data_dir),  # type: ignore[arg-type, attr-defined]
                         LocalMediaStore(settings.resolved_media_dir()))  # type: ignore[attr-defined]  # fmt: skip
    ctx.transcriber = Scripted(spoken([
        (0.5, 10.0, "大家好，今天介绍洛川苹果，<script>alert(1)</script> **很甜**"),
        (12.5, 30.0, "这是全国最好的苹果，吃了能治病，家人们赶紧下单。"),
    ]))  # fmt: skip
    with Session(world["engine"]) as s:  # type: ignore[arg-type]
        job_id = s.exec(select(Job.id)).one()
    run_job(ctx, job_id or 0)
    return clip.id or 0


def test_report_page_shows_scores_escaped_transcript_and_plays_from_line(
    world: dict[str, object], tmp_path: Path
) -> None:
    clip_id = _scored(world, tmp_path)
    at = AppTest.from_file(APP, default_timeout=60)
    at.session_state["auth_token"] = world["tokens"]["trainee"]  # type: ignore[index]
    at.query_params["clip"] = str(clip_id)
    at.run()
    at.switch_page(str(PAGES / "report_page.py")).run()
    assert not at.exception, at.exception
    assert [m.label for m in at.metric][:1] == ["总分"]
    html = " ".join(str(getattr(h, "proto", h)) for h in at.get("html"))
    assert "&lt;script&gt;" in html and "<script>alert" not in html  # user speech is escaped
    assert "<mark" in html  # the flagged claim is highlighted
    assert at.expander, "flags are listed"
    at.button(key=f"line_{clip_id}_1").click().run()
    assert at.session_state[f"report_start_{clip_id}"] == 12


def test_report_page_other_trainees_clip_denied(world: dict[str, object], tmp_path: Path) -> None:
    clip_id = _scored(world, tmp_path)
    people = world["people"]
    peer_token = session_token(world["engine"], people.peer.username)  # type: ignore[arg-type, attr-defined]
    at = AppTest.from_file(APP, default_timeout=60)
    at.session_state["auth_token"] = peer_token
    at.query_params["clip"] = str(clip_id)
    at.run()
    at.switch_page(str(PAGES / "report_page.py")).run()
    assert not at.exception
    assert at.error and "权限" in at.error[0].value
    assert not at.metric


def test_import_page_trainer_imports_several_files(world: dict[str, object]) -> None:
    at = _page(world["tokens"]["trainer"], "import_page.py")  # type: ignore[index]
    trainee = world["people"].trainee  # type: ignore[attr-defined]
    at.selectbox(key="import_trainee").set_value(trainee.id).run()
    files = [("回放1.wav", wav_bytes(1.0, tone=True), "audio/wav"), ("回放2.wav", wav_bytes(2.0), "audio/wav")]
    at.file_uploader(key="import_files").set_value(files).run()
    at.button(key="import_run").click().run()
    assert not at.exception, at.exception
    saved = _clips(world)
    assert len(saved) == 2 and {c.source for c in saved} == {ClipSource.IMPORT}
    assert {c.owner_id for c in saved} == {trainee.id}
    assert len(at.success) == 2


def test_practice_page_without_consent_shows_consent_and_no_recorder(world: dict[str, object]) -> None:
    from training_app.services.consent import withdraw_consent

    people = world["people"]
    with unit_of_work(world["engine"]) as s:  # type: ignore[arg-type]
        withdraw_consent(s, people.trainee)  # type: ignore[attr-defined]
    at = _page(world["tokens"]["trainee"], "practice_page.py")  # type: ignore[index]
    assert not at.selectbox and not at.audio_input and not at.file_uploader
    at.button(key="consent_accept").click().run()
    assert not at.exception, at.exception
    assert at.selectbox(key="practice_product")
