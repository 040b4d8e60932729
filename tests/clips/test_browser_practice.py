"""Real browser, fake microphone, the app as ``training-app serve`` runs it (with the one worker it starts):
a trainee chooses a product, records with ``st.audio_input``, sees "已保存（编号 N）", watches the take move from
queued to scored without reloading, and opens its report. The worker transcribes with the real Whisper base model.

The microphone plays a 16 kHz WAV of a real Mandarin clip (../shared/testdata/speech) with silence around it;
Chromium loops it while recording.
"""

from __future__ import annotations

import re
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlmodel import SQLModel
from support.browser import launch_chromium, sign_in, start_live_app, stop_live_app
from support.clips import WHISPER_CACHE, speech_wav
from support.factories import PASSWORD, make_tree, make_user

from training_app.db.engine import make_engine, session_scope
from training_app.db.migrate import upgrade

pytestmark = pytest.mark.browser
MAIN = "[data-testid='stMainBlockContainer']"


@pytest.fixture
def app(tmp_path: Path) -> Iterator[object]:
    data_dir = tmp_path / "app-data"
    data_dir.mkdir()
    engine = make_engine(f"sqlite:///{data_dir / 'training_app.db'}")
    upgrade(engine)
    SQLModel.metadata.create_all(engine)
    with session_scope(engine) as s:
        make_user(s, org=make_tree(s)["cohort"], username="mic-trainee")
    engine.dispose()
    live = start_live_app(data_dir, {"TRAINING_APP_WHISPER_CACHE_DIR": str(WHISPER_CACHE)})
    yield live
    stop_live_app(live)


@pytest.fixture
def browser(tmp_path: Path) -> Iterator[object]:
    wav = speech_wav(tmp_path / "mic.wav", "zh_firered_BAC009S0764W0121.flac")
    yield from launch_chromium(
        [
            "--use-fake-ui-for-media-stream",
            "--use-fake-device-for-media-stream",
            f"--use-file-for-fake-audio-capture={wav}",
        ]
    )


def _record(page: object, seconds: float = 6.0) -> None:
    widget = page.locator('[data-testid="stAudioInput"]')  # type: ignore[attr-defined]
    widget.wait_for()
    button = widget.locator('[data-testid="stAudioInputActionButton"]')
    button.click()
    time.sleep(seconds)
    button.click()


def test_practice_recording_saved_scored_and_report_opened_with_fake_microphone(
    app: object, browser: object, tmp_path: Path
) -> None:
    context = browser.new_context(viewport={"width": 1280, "height": 800}, locale="zh-CN")  # type: ignore[attr-defined]
    context.grant_permissions(["microphone"], origin=app.url)  # type: ignore[attr-defined]
    page = context.new_page()
    page.set_default_timeout(60_000)
    page.goto(app.url)  # type: ignore[attr-defined]
    sign_in(page, "mic-trainee", PASSWORD)
    page.get_by_role("link", name=re.compile("练习直播")).first.click()  # a reload would end the sign-in
    main = page.locator(MAIN)
    try:
        main.get_by_text("练习直播").first.wait_for()
        main.get_by_role("button", name="我已阅读并同意").click()  # the recording consent, asked once
        main.locator('[data-testid="stSelectbox"]').first.click()
        page.get_by_role("option", name="洛川苹果").click()
        _record(page)
        main.get_by_text(re.compile(r"已保存（编号 \d+）")).wait_for()
        page.screenshot(path=str(tmp_path / "practice-saved.png"), full_page=True)
        main.get_by_role("link", name=re.compile(r"查看评分报告")).wait_for(timeout=240_000)  # no reload needed
    except Exception:
        page.screenshot(path=str(tmp_path / "failure.png"), full_page=True)
        raise
    main.get_by_role("link", name=re.compile(r"查看评分报告")).click()
    main.get_by_text("总分").first.wait_for()
    main.get_by_text("你说的话（听写）").wait_for()
    page.screenshot(path=str(tmp_path / "report-desktop.png"), full_page=True)
    context.close()
