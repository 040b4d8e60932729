"""Real browser, fake microphone: a trainee opens a task in the live room, the scripted comments appear on
schedule while recording, the take is saved, transcribed and scored by the worker ``training-app serve`` starts,
and the task page shows which comments were answered. Screenshots at phone width (360×780) and desktop
(1280×800) are written to the test's tmp_path.

The microphone plays a 16 kHz WAV built from a real Mandarin clip ("欢迎大家来体验达摩院推出的语音识别模型",
looped by Chromium, speech from about 1.5 s). The trainer's script greets the host at 1 s (answered by "欢迎…")
and baits a health claim at 4 s (never taken up: missed).
"""

from __future__ import annotations

import re
import time
from collections.abc import Iterator
from pathlib import Path

import av
import numpy as np
import pytest
from sqlmodel import SQLModel
from support.browser import CHROMIUM_ARGS, launch_chromium, sign_in, start_live_app, stop_live_app
from support.clips import SPEECH, WHISPER_CACHE
from support.consent import grant_consent
from support.factories import PASSWORD, make_trainer, make_tree, make_user

from training_app.catalog.task_schemas import ScriptSpec
from training_app.config import REPO_ROOT
from training_app.db.engine import make_engine, session_scope
from training_app.db.migrate import upgrade
from training_app.services import comment_scripts, tasks

TASK = "tech-apple-opening"
MAIN = "[data-testid='stMainBlockContainer']"
SCRIPT = {
    "id": "browser-test",
    "title": {"zh": "浏览器测试", "en": "Browser test"},
    "cues": [{"id": "welcome", "label": {"zh": "欢迎", "en": "Welcome"}, "zh": ["欢迎"], "en": ["welcome"]}],
    "comments": [
        {"at_s": 1, "user": "小王", "text": {"zh": "主播好！", "en": "Hi host!"}, "kind": "praise",
         "expects": ["welcome"]},
        {"at_s": 4, "user": "路人甲", "text": {"zh": "吃了能治病吗？", "en": "Does it cure illness?"},
         "kind": "bait_health", "expects": ["refuse_health"], "forbidden": ["health_claim"]},
    ],
}  # fmt: skip


def _fake_microphone(path: Path) -> Path:
    """1 s of silence, the clip, 1 s of silence, as 16 kHz mono 16-bit PCM WAV (decoded with PyAV)."""
    with av.open(str(SPEECH / "zh_funasr_asr_example.flac")) as container:
        resampler = av.AudioResampler(format="s16", layout="mono", rate=16_000)
        frames = [f for frame in container.decode(audio=0) for f in resampler.resample(frame)]
    speech = np.concatenate([f.to_ndarray().reshape(-1) for f in frames])
    silence = np.zeros(16_000, dtype=np.int16)
    samples = np.concatenate([silence, speech, silence]).astype(np.int16)
    import wave

    with wave.open(str(path), "wb") as out:
        out.setnchannels(1)
        out.setsampwidth(2)
        out.setframerate(16_000)
        out.writeframes(samples.tobytes())
    return path


def _seed(data_dir: Path) -> str:
    """Schema (migrations, then any table the initial migration does not have yet), a cohort with a trainer and a
    trainee, the trainer's script assigned to the trainee. Returns the trainee's username."""
    engine = make_engine(f"sqlite:///{data_dir / 'training_app.db'}")
    upgrade(engine)
    SQLModel.metadata.create_all(engine)  # the lead regenerates the initial migration from the metadata
    catalog = tasks.load_task_catalog(REPO_ROOT / "assessments")
    with session_scope(engine) as s:
        tree = make_tree(s)
        trainee = make_user(s, org=tree["cohort"], username="live-trainee")
        trainer = make_trainer(s, cohorts=[tree["cohort"]])
        script = comment_scripts.create_script(s, trainer, spec=ScriptSpec.model_validate(SCRIPT))
        tasks.assign_task(s, trainer, catalog=catalog, task_id=TASK, trainee_id=trainee.id, script_id=script.id)
    grant_consent(engine, trainee)
    engine.dispose()
    return trainee.username


@pytest.fixture
def app(tmp_path: Path) -> Iterator[object]:
    data_dir = tmp_path / "app-data"
    data_dir.mkdir()
    username = _seed(data_dir)
    live = start_live_app(data_dir, {"TRAINING_APP_WHISPER_CACHE_DIR": str(WHISPER_CACHE)})
    live.username = username  # type: ignore[attr-defined]
    yield live
    stop_live_app(live)


@pytest.fixture
def mic_browser(tmp_path: Path) -> Iterator[object]:
    wav = _fake_microphone(tmp_path / "mic.wav")
    args = [
        "--use-fake-ui-for-media-stream",
        "--use-fake-device-for-media-stream",
        f"--use-file-for-fake-audio-capture={wav}",
    ]
    assert "--headless" in CHROMIUM_ARGS
    yield from launch_chromium(args)


def _room(page: object) -> object:
    return page.frame_locator('iframe[title*="live_room"]')  # type: ignore[attr-defined]


def _record(page: object, tmp_path: Path) -> list[float]:
    """Record about 10 s; returns when each comment appeared (seconds after the record button was pressed)."""
    room = _room(page)
    button = room.locator("#rec")
    button.wait_for()
    started = time.monotonic()
    button.click()
    appeared = []
    for seq in (0, 1):
        room.locator(f'li[data-seq="{seq}"]').wait_for(timeout=15_000)
        appeared.append(time.monotonic() - started)
    page.screenshot(path=str(tmp_path / "live-room-phone-recording.png"), full_page=True)  # type: ignore[attr-defined]
    time.sleep(max(0.0, 10.0 - (time.monotonic() - started)))
    button.click()
    return appeared


def _wait_for_report(page: object, timeout: float = 300) -> None:
    """On the task page, press "refresh" until the attempt is scored, then open its details."""
    main = page.locator(MAIN)  # type: ignore[attr-defined]
    main.get_by_text("布置给我的任务").first.wait_for(timeout=180_000)  # the upload after stop is slow on a loaded run
    deadline = time.time() + timeout
    while not main.get_by_text("已完成的任务").count():
        assert time.time() < deadline, "the take was not scored in time"
        refresh = main.get_by_role("button", name="刷新")
        if refresh.count():
            refresh.click()
        page.wait_for_timeout(3000)  # type: ignore[attr-defined]
    page.wait_for_timeout(1000)  # type: ignore[attr-defined]
    for _ in range(3):  # the expander re-renders collapsed if a rerun lands just after the click
        main.get_by_text(re.compile(r"每次练习（\d+ 次）")).first.click()
        try:
            main.get_by_text("直播间评论回复情况").first.wait_for(timeout=5000)
            return
        except Exception:  # noqa: BLE001 - retry the click
            continue
    raise AssertionError("the comment report did not open")


def _open_task(page: object) -> None:
    main = page.locator(MAIN)  # type: ignore[attr-defined]
    main.get_by_role("link", name=re.compile("练习任务")).first.click()
    main.get_by_text("洛川苹果60秒开场").first.wait_for()
    main.get_by_role("link", name=re.compile("进入直播间练习")).first.click()
    _room(page).locator("#rec").wait_for()


def _click_settling(page: object, link: object, attempts: int = 5) -> None:
    """Click a link below the room's frame, which keeps resizing after the rerun (so the link is never "stable" and
    the click is forced): centred in the view without waiting for stability, and retried, since a click aimed while
    the frame changes height can land outside the viewport (seen once in CI)."""
    for attempt in range(attempts):
        try:
            link.evaluate("el => el.scrollIntoView({block: 'center'})")  # type: ignore[attr-defined]
            link.click(timeout=10_000, force=True)  # type: ignore[attr-defined]
            return
        except Exception:
            if attempt == attempts - 1:
                raise
            page.wait_for_timeout(1000)  # type: ignore[attr-defined]


def test_live_room_take_is_saved_scored_and_comments_reported_with_fake_microphone(
    app: object, mic_browser: object, tmp_path: Path
) -> None:
    context = mic_browser.new_context(viewport={"width": 360, "height": 780}, locale="zh-CN")  # type: ignore[attr-defined]
    context.grant_permissions(["microphone"], origin=app.url)  # type: ignore[attr-defined]
    page = context.new_page()
    page.set_default_timeout(60_000)
    page.goto(app.url)  # type: ignore[attr-defined]
    sign_in(page, app.username, PASSWORD)  # type: ignore[attr-defined]
    page.get_by_text("下一步：先去“课程”学习").wait_for()
    _open_task(page)
    appeared = _record(page, tmp_path)
    assert 0.5 <= appeared[0] < 3.5 and 3.5 <= appeared[1] < 6.5, appeared
    try:
        page.get_by_text(re.compile("已保存，第 \\d+ 号录音（记录了 2 条评论）")).wait_for(timeout=60_000)
    except Exception:
        page.screenshot(path=str(tmp_path / "failure.png"), full_page=True)
        raise
    page.screenshot(path=str(tmp_path / "live-room-phone-saved.png"), full_page=True)
    button_box = _room(page).locator("#rec").bounding_box()
    comments_box = _room(page).locator("#comments").bounding_box()
    assert button_box and comments_box and comments_box["y"] + comments_box["height"] <= button_box["y"]

    page.wait_for_timeout(1500)  # the room's frame settles its height after the rerun
    _click_settling(page, page.locator(MAIN).get_by_role("link", name=re.compile("去看练习结果")))
    _wait_for_report(page)
    page.get_by_text("主播好！").first.wait_for()
    page.get_by_text(re.compile(r"\d+ 秒后回复了")).first.wait_for()
    page.get_by_text("没有回复这条评论").first.wait_for()
    page.screenshot(path=str(tmp_path / "tasks-phone-report.png"), full_page=True)

    page.set_viewport_size({"width": 1280, "height": 800})
    page.locator(MAIN).get_by_role("link", name=re.compile("进入直播间练习")).first.click()
    _room(page).locator("#rec").wait_for()
    page.wait_for_timeout(1500)
    page.screenshot(path=str(tmp_path / "live-room-desktop.png"), full_page=True)
    context.close()
