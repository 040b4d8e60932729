"""Real weights on real speech: pooled CER (Mandarin read speech) and WER (English tier A), language detection."""

from __future__ import annotations

import re
import unicodedata

import numpy as np
from speech.mediagen import ZH_READ

from training_app.speech.audio import AudioLimits, decode
from training_app.speech.postprocess import to_simplified
from training_app.speech.transcription import FasterWhisperEngine, TranscribeOptions

MAX_CER_ZH_READ = 0.10
MAX_WER_EN = 0.12


def normalize_zh(text: str) -> list[str]:
    """NFKC, Simplified, no punctuation or spaces: a list of characters."""
    text = to_simplified(unicodedata.normalize("NFKC", text))
    return [ch for ch in text if unicodedata.category(ch)[0] not in "PZSC"]


def normalize_en(text: str) -> list[str]:
    text = unicodedata.normalize("NFKC", text).lower()
    return re.sub(r"[^\w\s']", " ", text).split()


def edit_distance(ref: list[str], hyp: list[str]) -> int:
    row = list(range(len(hyp) + 1))
    for i, r in enumerate(ref, 1):
        prev, row[0] = row[:], i
        for j, h in enumerate(hyp, 1):
            row[j] = min(prev[j] + 1, row[j - 1] + 1, prev[j - 1] + (r != h))
    return row[-1]


def _concatenated(clips: list, limits: AudioLimits) -> np.ndarray:
    """The clips back to back with 1 s of silence between them: few 30 s windows instead of one per clip."""
    gap = np.zeros(16_000, dtype=np.float32)
    return np.concatenate([part for clip in clips for part in (decode(clip.path, limits), gap)])


def _pooled_error(engine: FasterWhisperEngine, clips: list, limits: AudioLimits, normalize) -> tuple[float, str]:
    transcript = engine.transcribe(_concatenated(clips, limits), TranscribeOptions())
    assert transcript.status == "transcribed"
    assert transcript.language == clips[0].lang
    ref = [token for clip in clips for token in normalize(clip.reference)]
    return edit_distance(ref, normalize(transcript.text)) / len(ref), transcript.text


def test_language_detected_on_every_clip(engine: FasterWhisperEngine, clips: dict, limits: AudioLimits) -> None:
    used = [clips[f] for f in ZH_READ] + _english(clips)
    detected = {c.file: engine.detect_language(decode(c.path, limits)) for c in used}
    assert detected == {c.file: c.lang for c in used}


def test_mandarin_read_speech_cer(engine: FasterWhisperEngine, clips: dict, limits: AudioLimits) -> None:
    cer, text = _pooled_error(engine, [clips[f] for f in ZH_READ], limits, normalize_zh)
    assert cer <= MAX_CER_ZH_READ, (cer, text)


def test_english_tier_a_wer(engine: FasterWhisperEngine, clips: dict, limits: AudioLimits) -> None:
    english = _english(clips)
    assert len(english) >= 10
    wer, text = _pooled_error(engine, english, limits, normalize_en)
    assert wer <= MAX_WER_EN, (wer, text)


def _english(clips: dict) -> list:
    return [c for c in clips.values() if c.lang == "en" and c.tier == "A"]


def test_mandarin_output_is_simplified_one_word_per_character(
    engine: FasterWhisperEngine, clips: dict, limits: AudioLimits
) -> None:
    # Whisper base writes this clip in Traditional characters (廣州市…); the transcript must be Simplified
    audio = decode(clips["zh_wenet_aishell-BAC009S0724W0121.flac"].path, limits)
    transcript = engine.transcribe(audio, TranscribeOptions(language="zh"))
    assert transcript.text.startswith("广州市")
    assert to_simplified(transcript.text) == transcript.text
    words = [w for s in transcript.segments for w in s.words]
    assert all(len(normalize_zh(w.word)) == 1 for w in words)
    assert "".join(w.word for w in words) == transcript.text
    assert all(a.end <= b.start + 1e-6 for a, b in zip(words, words[1:], strict=False))
    assert 0.0 <= words[0].start < words[-1].end <= transcript.duration_s
