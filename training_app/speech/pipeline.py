"""From a stored file to a transcript: decode once (safely), transcribe, hand the audio on for scoring.

``transcribe_path`` is what services call for a trainee's clip. ``transcribe_path_chunked`` is for long livestream
replays: it transcribes ~5-minute windows cut at the quietest moment near each boundary, offsets the timestamps and
reports the share of audio processed through ``on_progress``.
"""

from __future__ import annotations

import logging
import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

import numpy as np

from training_app.errors import InputRejected
from training_app.speech.audio import SAMPLE_RATE, AudioLimits, decode, decode_in_subprocess
from training_app.speech.models import resolve_model
from training_app.speech.transcript import Segment, Transcript, Word
from training_app.speech.transcription import Engine, FasterWhisperEngine, TranscribeOptions

logger = logging.getLogger(__name__)

ProgressCallback = Callable[[float], None]
WINDOW_S = 300.0
_SEARCH_S = 30.0  # look this far back from a window boundary for a quiet place to cut
_FRAME = SAMPLE_RATE // 10  # 100 ms energy frames


@dataclass(frozen=True)
class TranscriptionResult:
    transcript: Transcript
    audio: np.ndarray | None  # 16 kHz mono float32, shared with librosa-based scoring


def default_engine(model_dir: Path | None, cache_dir: Path) -> Engine:
    """faster-whisper on the configured model directory, else the bundled multilingual base."""
    return FasterWhisperEngine(resolve_model(model_dir, cache_dir))


def load_audio(path: Path, limits: AudioLimits, *, isolated: bool = False) -> np.ndarray:
    """Decode in-process, or in a memory- and time-limited child process when ``isolated``."""
    if not isolated:
        return decode(path, limits)
    buffer_mb = math.ceil(limits.max_seconds * SAMPLE_RATE * 4 * 3 / 2**20)
    return decode_in_subprocess(path, limits, memory_mb=768 + buffer_mb, timeout_s=60 + limits.max_seconds / 10)


def transcribe_path(
    path: Path,
    *,
    language: str | None = None,
    model_dir: Path | None = None,
    hotwords: Sequence[str] = (),
    limits: AudioLimits,
    engine: Engine | None = None,
    cache_dir: Path,
    options: TranscribeOptions | None = None,
    isolated: bool = False,
) -> TranscriptionResult:
    """Transcribe one clip. Empty or silent clips give status ``no_speech``; bad files raise InputRejected."""
    audio = _load_or_empty(path, limits, isolated)
    opts = replace(options or TranscribeOptions(), language=language, hotwords=tuple(hotwords))
    if audio.size == 0:
        return TranscriptionResult(_no_speech(opts, engine), audio)
    engine = engine or default_engine(model_dir, cache_dir)
    return TranscriptionResult(engine.transcribe(audio, opts), audio)


def transcribe_path_chunked(
    path: Path,
    *,
    language: str | None = None,
    model_dir: Path | None = None,
    hotwords: Sequence[str] = (),
    limits: AudioLimits,
    engine: Engine | None = None,
    cache_dir: Path,
    options: TranscribeOptions | None = None,
    on_progress: ProgressCallback | None = None,
    window_s: float = WINDOW_S,
    isolated: bool = True,
) -> TranscriptionResult:
    """Like :func:`transcribe_path` for long replays, window by window, reporting progress (0.0 → 1.0)."""
    audio = _load_or_empty(path, limits, isolated)
    opts = replace(options or TranscribeOptions(), language=language, hotwords=tuple(hotwords))
    if audio.size == 0:
        _report(on_progress, 1.0)
        return TranscriptionResult(_no_speech(opts, engine), audio)
    engine = engine or default_engine(model_dir, cache_dir)
    transcript = transcribe_chunked(audio, engine, opts, window_s=window_s, on_progress=on_progress)
    return TranscriptionResult(transcript, audio)


def transcribe_chunked(
    audio: np.ndarray,
    engine: Engine,
    options: TranscribeOptions,
    *,
    window_s: float = WINDOW_S,
    on_progress: ProgressCallback | None = None,
) -> Transcript:
    """Transcribe ``audio`` in windows; the language found in the first window with speech is kept for the rest."""
    segments: list[Segment] = []
    info: dict[str, Any] = engine.model_info()
    language = options.language
    _report(on_progress, 0.0)
    for start, end in window_bounds(audio, window_s):
        part = engine.transcribe(audio[start:end], replace(options, language=language))
        if part.status == "transcribed":
            language = language or part.language
            info = part.model or info
            segments.extend(_shift(s, start / SAMPLE_RATE) for s in part.segments)
        _report(on_progress, end / audio.shape[0])
    duration = round(audio.shape[0] / SAMPLE_RATE, 3)
    status = "transcribed" if segments else "no_speech"
    return Transcript(language or "zh", duration, tuple(segments), status, info)


def window_bounds(audio: np.ndarray, window_s: float = WINDOW_S) -> list[tuple[int, int]]:
    """Sample ranges of about ``window_s`` each, cut at the quietest 100 ms in the last 30 s before a boundary
    (the last half of the window for short windows)."""
    total, window = audio.shape[0], int(window_s * SAMPLE_RATE)
    bounds: list[tuple[int, int]] = []
    start = 0
    while total - start > window * 1.2:  # no tiny last window
        search = min(int(_SEARCH_S * SAMPLE_RATE), window // 2)
        cut = _quietest(audio, start + window - search, start + window)
        bounds.append((start, cut))
        start = cut
    bounds.append((start, total))
    return bounds


def _quietest(audio: np.ndarray, lo: int, hi: int) -> int:
    frames = audio[lo : lo + (hi - lo) // _FRAME * _FRAME].reshape(-1, _FRAME)
    if frames.shape[0] == 0:
        return hi
    energy = np.mean(np.square(frames, dtype=np.float64), axis=1)
    return lo + int(np.argmin(energy)) * _FRAME + _FRAME // 2


def _shift(segment: Segment, offset: float) -> Segment:
    def move(t: float) -> float:
        return round(t + offset, 3)

    words = tuple(Word(move(w.start), move(w.end), w.word) for w in segment.words)
    return replace(segment, start=move(segment.start), end=move(segment.end), words=words)


def _load_or_empty(path: Path, limits: AudioLimits, isolated: bool) -> np.ndarray:
    """Decoded audio; a zero-byte file is an empty clip (no speech), every other refusal propagates."""
    try:
        return load_audio(path, limits, isolated=isolated)
    except InputRejected as exc:
        if exc.message_key == "speech.empty":
            return np.zeros(0, dtype=np.float32)
        raise


def _no_speech(options: TranscribeOptions, engine: Engine | None) -> Transcript:
    info = {**engine.model_info(), "beam_size": options.beam_size, "vad": options.vad} if engine is not None else {}
    return Transcript(options.language or "zh", 0.0, (), "no_speech", info)


def _report(on_progress: ProgressCallback | None, fraction: float) -> None:
    if on_progress is not None:
        on_progress(min(1.0, max(0.0, fraction)))
