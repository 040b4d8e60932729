"""Fixtures for speech tests: real Whisper weights (loaded once), real clips, media files generated with PyAV."""

from __future__ import annotations

import csv
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pytest
from speech.mediagen import SPEECH_DIR, write_media

from training_app.speech.audio import AudioLimits, decode
from training_app.speech.models import resolve_model
from training_app.speech.transcription import FasterWhisperEngine


@dataclass(frozen=True)
class Clip:
    file: str
    lang: str
    reference: str
    tier: str

    @property
    def path(self) -> Path:
        return SPEECH_DIR / self.file


@pytest.fixture(scope="session")
def clips() -> dict[str, Clip]:
    if not SPEECH_DIR.is_dir():
        pytest.fail(f"test clips missing: {SPEECH_DIR}")
    with (SPEECH_DIR / "refs.tsv").open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle, delimiter="\t"))
    return {r["file"]: Clip(r["file"], r["lang"], r["reference"], r["reference_tier"]) for r in rows}


@pytest.fixture(scope="session")
def whisper_cache(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A cache directory with the bundled base model assembled once for the whole session."""
    cache = tmp_path_factory.mktemp("whisper-cache")
    resolve_model(None, cache)
    return cache


@pytest.fixture(scope="session")
def engine(whisper_cache: Path) -> FasterWhisperEngine:
    return FasterWhisperEngine(resolve_model(None, whisper_cache))


@pytest.fixture(scope="session")
def limits() -> AudioLimits:
    return AudioLimits.from_megabytes(50, 600)


@pytest.fixture(scope="session")
def jfk(limits: AudioLimits) -> np.ndarray:
    """11 s of real English speech (16 kHz mono float32)."""
    return decode(SPEECH_DIR / "en_whisper_jfk.flac", limits)


@pytest.fixture(scope="session")
def zh_speech(limits: AudioLimits) -> np.ndarray:
    """5.5 s of real Mandarin speech."""
    return decode(SPEECH_DIR / "zh_funasr_asr_example.flac", limits)


@pytest.fixture
def media(tmp_path: Path) -> Callable[..., Path]:
    """``media(name, signal, container=..., codec=...)`` → a file in tmp_path."""

    def make(name: str, signal: np.ndarray, **kwargs: object) -> Path:
        return write_media(tmp_path / name, signal, **kwargs)  # type: ignore[arg-type]

    return make
