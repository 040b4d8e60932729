"""Clip test helpers: users across cohorts and agencies, a media store, an intake, test audio."""

from __future__ import annotations

import io
import os
import tempfile
import wave
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

import numpy as np
import pytest
from sqlalchemy import Engine

from support.factories import make_trainer, make_tree, make_user
from training_app.config import Settings
from training_app.db.engine import session_scope
from training_app.db.tables import ClipSource, Role, User
from training_app.services import accounts, clips, passwords
from training_app.services.accounts import system_actor
from training_app.services.media import LocalMediaStore
from training_app.services.uow import unit_of_work
from training_app.speech.audio import sniff_container
from training_app.speech.pipeline import TranscriptionResult
from training_app.speech.transcript import Segment, Transcript, Word
from training_app.worker.context import WorkerContext, build_context

SPEECH = Path(__file__).resolve().parents[3] / "shared" / "testdata" / "speech"
PRODUCT = "test-apple"


@dataclass
class People:
    trainee: User
    peer: User  # same cohort as trainee
    other_cohort: User  # same agency, other cohort
    other_agency: User  # trainee of another agency
    trainer: User  # teaches the trainee's cohort
    agency: User  # officer of the trainee's agency
    other_officer: User  # officer of another agency
    admin: User


@lru_cache(maxsize=8)
def _hash_once(password: str) -> str:
    return passwords.hash_password(password)


@pytest.fixture
def people(any_engine: Engine, monkeypatch: pytest.MonkeyPatch) -> People:
    return make_people(any_engine, monkeypatch)


def make_people(engine: Engine, monkeypatch: pytest.MonkeyPatch) -> People:
    # Real argon2 hashes, computed once per password: eight users per test would otherwise cost seconds.
    monkeypatch.setattr(accounts, "hash_password", _hash_once)
    with session_scope(engine) as s:
        tree = make_tree(s)
        people = People(
            trainee=make_user(s, org=tree["cohort"]),
            peer=make_user(s, org=tree["cohort"]),
            other_cohort=make_user(s, org=tree["cohort2"]),
            other_agency=make_user(s, org=tree["other_cohort"]),
            trainer=make_trainer(s, cohorts=[tree["cohort"]]),
            agency=make_user(s, role=Role.AGENCY, org=tree["agency"]),
            other_officer=make_user(s, role=Role.AGENCY, org=tree["other_agency"]),
            admin=make_user(s, role=Role.ADMIN, org=tree["agency"]),
        )
    return people


@pytest.fixture
def store(tmp_path: Path) -> LocalMediaStore:
    return LocalMediaStore(tmp_path / "media")


def sniff(path: Path) -> str:
    return str(sniff_container(path))


@pytest.fixture
def intake(store: LocalMediaStore) -> clips.Intake:
    return clips.Intake(
        store=store, sniff=sniff, model_key="whisper-base", max_attempts=3, max_bytes=5 << 20, products={PRODUCT}
    )


def wav_bytes(seconds: float = 1.0, *, tone: bool = False, rate: int = 16_000) -> bytes:
    t = np.arange(int(seconds * rate)) / rate
    samples = (0.3 * np.sin(2 * np.pi * 440 * t)) if tone else np.zeros_like(t)
    buf = io.BytesIO()
    with wave.open(buf, "wb") as w:
        w.setnchannels(1)
        w.setsampwidth(2)
        w.setframerate(rate)
        w.writeframes((samples * 32767).astype("<i2").tobytes())
    return buf.getvalue()


def submit(engine: Engine, actor: User, owner: User, data: bytes, intake: clips.Intake, **kw: object) -> int:
    with unit_of_work(engine) as s:
        clip = clips.submit_clip(
            s,
            actor,
            owner_id=owner.id or 0,
            product_id=kw.pop("product_id", PRODUCT),  # type: ignore[arg-type]
            stream=io.BytesIO(data),
            source=kw.pop("source", ClipSource.RECORDING),  # type: ignore[arg-type]
            intake=intake,
        )
        return clip.id or 0


SYSTEM = system_actor()


WHISPER_CACHE = Path(tempfile.gettempdir()) / "training-app-test-whisper"  # assembled once, shared by test runs


def clip_settings(tmp_path: Path, **overrides: object) -> Settings:
    values: dict[str, object] = {"data_dir": tmp_path / "data", "whisper_cache_dir": WHISPER_CACHE, **overrides}
    return Settings(**values)  # type: ignore[arg-type]


def worker_context(engine: Engine, settings: Settings, store: LocalMediaStore, **kw: object) -> WorkerContext:
    """A worker context on the test's engine (the real transcriber and scorer unless given)."""
    ctx = build_context(settings, **kw)  # type: ignore[arg-type]
    ctx.store = store
    ctx._engine, ctx._pid = engine, os.getpid()
    return ctx


def catalog_products() -> set[str]:
    from training_app.config import REPO_ROOT
    from training_app.services.scoring import load_assessment_catalog

    return set(load_assessment_catalog(REPO_ROOT / "assessments").products)


def spoken(lines: list[tuple[float, float, str]], language: str = "zh") -> Transcript:
    """A transcript with evenly spread per-character (zh) word timings, as Whisper gives them."""
    segments = []
    for start, end, text in lines:
        step = (end - start) / max(len(text), 1)
        words = tuple(
            Word(round(start + i * step, 3), round(start + (i + 1) * step, 3), ch) for i, ch in enumerate(text)
        )
        segments.append(Segment(start, end, text, words))
    return Transcript(language, lines[-1][1] + 1.0, tuple(segments), "transcribed", {"backend": "scripted"})


@dataclass(frozen=True)
class Scripted:
    """A transcriber that returns a given transcript: the transcript is the test's input, as text is for scoring."""

    transcript: Transcript

    def __call__(self, path: Path, *, long_form: bool, product_id: str | None, on_progress: Any) -> Any:
        on_progress(1.0)
        return TranscriptionResult(self.transcript, None)


def speech_wav(path: Path, clip: str, *, pad_s: float = 0.5) -> Path:
    """A real test clip as 16 kHz mono 16-bit WAV with silence around it (e.g. for Chromium's fake microphone)."""
    import av

    with av.open(str(SPEECH / clip)) as container:
        resampler = av.AudioResampler(format="s16", layout="mono", rate=16_000)
        frames = [f for frame in container.decode(audio=0) for f in resampler.resample(frame)]
    speech = np.concatenate([f.to_ndarray().reshape(-1) for f in frames])
    silence = np.zeros(int(pad_s * 16_000), dtype=np.int16)
    with wave.open(str(path), "wb") as out:
        out.setnchannels(1)
        out.setsampwidth(2)
        out.setframerate(16_000)
        out.writeframes(np.concatenate([silence, speech, silence]).astype(np.int16).tobytes())
    return path


def backdate_clip(engine: Engine, clip_id: int, *, days: int) -> None:
    """Make a clip look ``days`` old (retention tests)."""
    from datetime import timedelta

    from training_app.db import utcnow
    from training_app.db.tables import Clip

    with session_scope(engine) as s:
        clip = s.get(Clip, clip_id)
        assert clip is not None
        clip.created_at = utcnow() - timedelta(days=days)
        s.add(clip)


def env_settings(env: dict[str, str], monkeypatch: pytest.MonkeyPatch) -> Settings:
    """Settings from the ``TRAINING_APP_*`` variables of ``env`` (the environment the test's worker processes get),
    exported to this process too so that in-process code reads the same."""
    for key, value in env.items():
        if key.startswith("TRAINING_APP_"):
            monkeypatch.setenv(key, value)
    return Settings()


def created_file_engine(settings: Settings) -> Iterator[Engine]:
    """The settings' (file) database with every table created, disposed afterwards — the body of an engine fixture
    shared by worker processes."""
    from sqlmodel import SQLModel

    from training_app.db.engine import make_engine

    engine = make_engine(settings.resolved_database_url())
    SQLModel.metadata.create_all(engine)
    yield engine
    engine.dispose()
