"""transcribe_path end to end: no speech is a status, not an error; recordings from browsers and phones work."""

from __future__ import annotations

import wave
from collections.abc import Callable
from pathlib import Path

import numpy as np
import pytest
from speech.mediagen import RATE, SPEECH_DIR, white_noise

from training_app.errors import InputRejected
from training_app.speech.audio import AudioLimits, decode
from training_app.speech.pipeline import transcribe_chunked, transcribe_path, transcribe_path_chunked, window_bounds
from training_app.speech.postprocess import RawSegment, uncovered_spans
from training_app.speech.transcription import FasterWhisperEngine, TranscribeOptions


def _run(path: Path, engine: FasterWhisperEngine, limits: AudioLimits, cache: Path, **kwargs: object):
    return transcribe_path(path, limits=limits, engine=engine, cache_dir=cache, **kwargs)  # type: ignore[arg-type]


def _header_only(path: Path) -> Path:
    with wave.open(str(path), "wb") as out:
        out.setnchannels(1)
        out.setsampwidth(2)
        out.setframerate(RATE)
    return path


@pytest.mark.parametrize("kind", ["empty", "header-only", "silence", "white-noise"])
def test_transcribe_path_no_speech(
    kind: str,
    tmp_path: Path,
    media: Callable[..., Path],
    engine: FasterWhisperEngine,
    limits: AudioLimits,
    whisper_cache: Path,
) -> None:
    if kind == "empty":
        path = tmp_path / "empty"
        path.write_bytes(b"")
    elif kind == "header-only":
        path = _header_only(tmp_path / "header")
    elif kind == "silence":
        path = media("silence", np.zeros(5 * RATE, dtype=np.float32), container="mp4", codec="aac")
    else:
        path = media("noise", white_noise(6.0, level=0.1), container="wav", codec="pcm_s16le")
    result = _run(path, engine, limits, whisper_cache)
    assert result.transcript.status == "no_speech"
    assert result.transcript.segments == ()
    assert result.transcript.text == ""
    assert result.audio is not None and result.audio.dtype == np.float32


def test_transcribe_path_webm_opus_from_browser(
    media: Callable[..., Path], jfk: np.ndarray, engine: FasterWhisperEngine, limits: AudioLimits, whisper_cache: Path
) -> None:
    path = media("recording", jfk, container="webm", codec="libopus")
    result = _run(path, engine, limits, whisper_cache)
    transcript = result.transcript
    assert transcript.status == "transcribed" and transcript.language == "en"
    assert "fellow americans" in transcript.text.lower()
    assert transcript.model["backend"] == "faster-whisper"
    assert result.audio is not None and abs(result.audio.shape[0] / RATE - transcript.duration_s) < 1e-3


def test_transcribe_path_refuses_truncated_m4a(
    media: Callable[..., Path], jfk: np.ndarray, engine: FasterWhisperEngine, limits: AudioLimits, whisper_cache: Path
) -> None:
    path = media("cut", jfk, container="mp4", codec="aac")
    path.write_bytes(path.read_bytes()[:20_000])
    with pytest.raises(InputRejected) as excinfo:
        _run(path, engine, limits, whisper_cache)
    assert excinfo.value.message_key == "speech.corrupt"


def test_transcribe_chunked_offsets_and_progress(jfk: np.ndarray, engine: FasterWhisperEngine) -> None:
    audio = np.concatenate([jfk, np.zeros(3 * RATE, dtype=np.float32), jfk])
    progress: list[float] = []
    transcript = transcribe_chunked(audio, engine, TranscribeOptions(), window_s=13, on_progress=progress.append)
    assert progress[0] == 0.0 and progress[-1] == 1.0 and progress == sorted(progress) and len(progress) == 3
    assert transcript.language == "en" and transcript.text.lower().count("fellow americans") == 2
    second = [s for s in transcript.segments if s.start >= 13.0]
    assert second and second[0].words[0].start >= 14.0 - 0.5  # the second copy starts after 11 s + 3 s silence
    assert transcript.duration_s == pytest.approx(audio.shape[0] / RATE, abs=1e-3)


def test_transcribe_path_chunked_empty_reports_done(tmp_path: Path, engine: FasterWhisperEngine) -> None:
    path = _header_only(tmp_path / "header")
    progress: list[float] = []
    result = transcribe_path_chunked(
        path,
        limits=AudioLimits.from_megabytes(10, 60),
        engine=engine,
        cache_dir=tmp_path,
        on_progress=progress.append,
        isolated=False,
    )
    assert result.transcript.status == "no_speech" and progress == [1.0]


def test_window_bounds_cut_at_silence_and_cover_everything() -> None:
    rng = np.random.default_rng(3)
    audio = (rng.standard_normal(20 * 60 * RATE) * 0.1).astype(np.float32)
    for quiet_s in (290, 585, 870):
        audio[quiet_s * RATE : (quiet_s + 1) * RATE] = 0.0
    bounds = window_bounds(audio, 300)
    assert bounds[0][0] == 0 and bounds[-1][1] == audio.shape[0]
    assert all(a[1] == b[0] for a, b in zip(bounds, bounds[1:], strict=False))
    cuts = [end / RATE for end, _ in [(b[1], None) for b in bounds[:-1]]]
    assert [round(c) for c in cuts[:3]] == [290, 585, 870]


@pytest.mark.slow  # Whisper's temperature fallback decodes the noise six times: ~8 s idle, 30 s on a busy machine
def test_engine_noise_without_vad_is_no_speech(engine: FasterWhisperEngine) -> None:
    """With VAD off, Whisper itself sees the noise: its no-speech score and our filter must leave no text."""
    transcript = engine.transcribe(white_noise(8.0, level=0.1), TranscribeOptions(vad=False))
    assert transcript.status == "no_speech" and transcript.text == ""


def test_transcribe_recovers_speech_whisper_skipped(engine: FasterWhisperEngine, limits: AudioLimits) -> None:
    """On this 30 s concatenation Whisper base (greedy or beam 5) jumps from 3 s to 26 s; the gap is re-decoded."""
    clips = sorted(SPEECH_DIR.glob("zh_*.flac"))
    gap = np.zeros(RATE // 2, dtype=np.float32)
    audio = np.concatenate([part for clip in clips for part in (decode(clip, limits), gap)])[: 30 * RATE]
    transcript = engine.transcribe(audio, TranscribeOptions(language="zh"))
    assert "交易几乎" in transcript.text and "说不清楚" in transcript.text, transcript.text
    starts_ends = [(s.start, s.end) for s in transcript.segments]
    assert all(b[0] - a[1] < 3.0 for a, b in zip(starts_ends, starts_ends[1:], strict=False)), starts_ends


def test_uncovered_spans_finds_skipped_stretches() -> None:
    raw = [RawSegment(0.0, 3.2, "a"), RawSegment(26.6, 28.7, "b"), RawSegment(28.7, 29.0, "c")]
    assert uncovered_spans(raw, 30.0) == [(3.2, 26.6)]
    assert uncovered_spans(raw, 35.0) == [(3.2, 26.6), (29.0, 35.0)]
    assert uncovered_spans([], 2.0) == []
