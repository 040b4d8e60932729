"""A clip through the worker's job runner with the real speech pipeline (Whisper base) and the real scorer.

Real short clips from ../shared/testdata/speech; silent, header-only and noise-only clips end as ``no_speech`` with
no score; corrupt and truncated files end as ``failed`` with a translated reason.
"""

from __future__ import annotations

import io
import wave
from pathlib import Path

import numpy as np
import pytest
from sqlalchemy import Engine
from sqlmodel import Session, select
from support.clips import (
    SPEECH,
    People,
    catalog_products,
    clip_settings,
    make_people,
    submit,
    wav_bytes,
    worker_context,
)

from training_app.db.tables import Clip, ClipStatus, Job, JobStatus, Score, Transcript
from training_app.i18n import has_key, t
from training_app.services import clips
from training_app.services.media import LocalMediaStore
from training_app.services.uow import unit_of_work
from training_app.worker.runner import run_job

PRODUCT = "luochuan-apple"


@pytest.fixture
def people(sqlite_engine: Engine, monkeypatch: pytest.MonkeyPatch) -> People:
    return make_people(sqlite_engine, monkeypatch)  # Whisper on one database is enough: SQL is tested elsewhere


@pytest.fixture
def real_intake(intake: clips.Intake) -> clips.Intake:
    return clips.Intake(**{**intake.__dict__, "products": catalog_products(), "max_bytes": 50 << 20})


def _process(engine: Engine, tmp_path: Path, store: LocalMediaStore, clip_id: int) -> Clip:
    ctx = worker_context(engine, clip_settings(tmp_path), store)
    with Session(engine) as s:
        job_id = s.exec(select(Job.id).where(Job.clip_id == clip_id)).one()
    run_job(ctx, job_id or 0)
    with Session(engine) as s:
        clip = s.get(Clip, clip_id)
        assert clip is not None
        return clip


def test_run_job_real_clip_stores_transcript_and_score(
    sqlite_engine: Engine, people: People, real_intake: clips.Intake, store: LocalMediaStore, tmp_path: Path
) -> None:
    data = (SPEECH / "zh_firered_BAC009S0764W0121.flac").read_bytes()
    clip_id = submit(sqlite_engine, people.trainee, people.trainee, data, real_intake, product_id=PRODUCT)
    clip = _process(sqlite_engine, tmp_path, store, clip_id)
    assert clip.status == ClipStatus.SCORED, clip.error_key
    assert clip.duration_s and clip.duration_s > 1
    with Session(sqlite_engine) as s:
        transcript = s.exec(select(Transcript)).one()
        score = s.exec(select(Score)).one()
        job = s.exec(select(Job)).one()
    assert transcript.status == "transcribed" and transcript.language == "zh"
    assert "交易" in "".join(seg["text"] for seg in transcript.data["segments"])
    assert score.rule_set_version and score.model_version and score.report["status"] == "scored"
    assert score.overall is not None and score.overall == score.report["overall"]
    assert job.status == JobStatus.DONE and job.progress == 1.0


def _noise_wav(seconds: float = 3.0) -> bytes:
    rng = np.random.default_rng(7)
    buf = io.BytesIO()
    with wave.open(buf, "wb") as w:
        w.setnchannels(1)
        w.setsampwidth(2)
        w.setframerate(16_000)
        w.writeframes((rng.normal(0, 0.02, int(seconds * 16_000)) * 32767).astype("<i2").tobytes())
    return buf.getvalue()


@pytest.mark.parametrize(
    "data",
    [b"", wav_bytes(0.0), wav_bytes(3.0), _noise_wav()],
    ids=["empty", "header_only", "silent", "noise_only"],
)
def test_run_job_without_speech_ends_no_speech_without_score(
    sqlite_engine: Engine, people: People, real_intake: clips.Intake, store: LocalMediaStore, tmp_path: Path,
    data: bytes,
) -> None:  # fmt: skip
    clip_id = submit(sqlite_engine, people.trainee, people.trainee, data, real_intake, product_id=PRODUCT)
    clip = _process(sqlite_engine, tmp_path, store, clip_id)
    assert clip.status == ClipStatus.NO_SPEECH
    with Session(sqlite_engine) as s:
        assert s.exec(select(Score)).all() == []
    with unit_of_work(sqlite_engine, write=False) as s:
        [summary] = clips.list_clips(s, people.trainee, owner_id=people.trainee.id or 0)
    assert summary.status == "no_speech" and summary.overall is None  # no score, not 0


def _truncated_flac() -> bytes:
    data = (SPEECH / "en_whisper_jfk.flac").read_bytes()
    return data[: len(data) * 2 // 5]


def _corrupt_m4a() -> bytes:
    return b"\x00\x00\x00\x18ftypmp42" + np.random.default_rng(3).bytes(20_000)  # a phone video header, then junk


@pytest.mark.parametrize("data", [_truncated_flac(), _corrupt_m4a()], ids=["truncated", "corrupt"])
def test_run_job_broken_file_fails_with_translated_reason(
    sqlite_engine: Engine, people: People, real_intake: clips.Intake, store: LocalMediaStore, tmp_path: Path,
    data: bytes,
) -> None:  # fmt: skip
    clip_id = submit(sqlite_engine, people.trainee, people.trainee, data, real_intake, product_id=PRODUCT)
    clip = _process(sqlite_engine, tmp_path, store, clip_id)
    assert clip.status == ClipStatus.FAILED
    assert clip.error_key is not None and clip.error_key.startswith("speech.") and has_key(clip.error_key)
    assert t(clip.error_key, "zh") != t(clip.error_key, "en")
    with Session(sqlite_engine) as s:
        job = s.exec(select(Job)).one()
        assert s.exec(select(Transcript)).all() == []
    assert job.status == JobStatus.FAILED and job.attempts == 1  # a broken file is not retried
