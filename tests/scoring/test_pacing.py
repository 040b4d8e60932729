"""Pacing on synthetic word timings: rate, pauses, articulation rate, windows, fillers; null timing for text."""

from __future__ import annotations

import pytest

from training_app.scoring.pacing import analyze_pacing, band_score, count_fillers
from training_app.services.scoring import transcript_from_json, transcript_from_text
from training_app.speech.transcript import Segment, Transcript, Word


def _zh_words(text: str, start: float, per_char: float) -> tuple[Word, ...]:
    return tuple(Word(start + i * per_char, start + (i + 1) * per_char, ch) for i, ch in enumerate(text))


def test_rate_and_pauses_from_word_timings(catalog):
    # 60 characters over 10 s of speech, then a 2.5 s pause, then 30 characters over 5 s.
    first = "苹果" * 30
    second = "很甜" * 15
    segs = (
        Segment(0.0, 10.0, first, _zh_words(first, 0.0, 10.0 / 60)),
        Segment(12.5, 17.5, second, _zh_words(second, 12.5, 5.0 / 30)),
    )
    result = analyze_pacing(Transcript("zh", 17.5, segs), timed=True, audio=None, catalog=catalog)
    assert result.rate_unit == "cpm"
    assert result.rate == pytest.approx(90 / 17.5 * 60, rel=1e-3)
    assert result.articulation_rate == pytest.approx(90 / 15 * 60, rel=1e-3)
    assert result.longest_pause_s == pytest.approx(2.5)
    assert result.pauses_over_threshold == 1
    assert result.pause_ratio == pytest.approx(2.5 / 17.5, rel=1e-3)
    assert result.windows and all(w.rate > 0 for w in result.windows)


def test_numbers_count_as_spoken_characters(catalog):
    text = "原价199"  # 原价 + 一百九十九 = 7 spoken characters
    seg = Segment(0.0, 7.0, text)
    result = analyze_pacing(Transcript("zh", 7.0, (seg,)), timed=True, audio=None, catalog=catalog)
    assert result.units == 7
    assert result.rate == pytest.approx(60.0)


def test_english_rate_within_ten_percent_of_words_per_minute(catalog):
    words = "and so my fellow Americans ask not what your country can do for you".split()
    data = {
        "language": "en",
        "segments": [
            {
                "start": 0.3,
                "end": 6.3,
                "text": " ".join(words),
                "words": [{"start": 0.3 + i * 0.4, "end": 0.6 + i * 0.4, "word": w} for i, w in enumerate(words)],
            }
        ],
    }
    transcript = transcript_from_json(data)
    result = analyze_pacing(transcript, timed=True, audio=None, catalog=catalog)
    span_min = (0.6 + (len(words) - 1) * 0.4 - 0.3) / 60
    assert result.rate == pytest.approx(len(words) / span_min, rel=0.10)
    assert result.rate_unit == "wpm"


def test_segment_timing_without_words_spreads_characters(catalog):
    seg = Segment(0.0, 12.0, "家人们" * 20)
    result = analyze_pacing(Transcript("zh", 12.0, (seg,)), timed=True, audio=None, catalog=catalog)
    assert result.rate == pytest.approx(300.0)
    assert result.longest_pause_s == 0.0


def test_text_input_has_null_timing(catalog):
    transcript = transcript_from_text("家人们好\n今天的苹果很甜", language="zh")
    result = analyze_pacing(transcript, timed=False, audio=None, catalog=catalog)
    assert result.rate is None and result.pause_ratio is None and result.score is None
    assert result.units == 11


@pytest.mark.parametrize(
    ("text", "lang", "expected"),
    [
        ("嗯，那个，我们今天卖苹果", "zh", 2),
        ("那个苹果很甜，就是这个味道", "zh", 0),
        ("um, it's, like, really sweet, you know", "en", 3),
        ("I like apples and you know why", "en", 0),
    ],
)
def test_fillers_only_in_filler_positions(text, lang, expected, catalog):
    assert count_fillers(text, lang, catalog.lexicons) == expected


def test_band_score_full_inside_and_falls_outside(catalog):
    band = catalog.scoring.pacing.bands["en"]
    assert band_score(140, band) == 100
    assert 60 <= band_score(105, band) < 100
    assert band_score(30, band) < 60


@pytest.mark.slow  # librosa/numba compile on first use costs ~10 s per process
def test_pitch_variation_detects_flat_tone(catalog):
    import numpy as np

    from training_app.scoring.pacing import pitch_variation

    sr = 16000
    t = np.arange(sr * 2) / sr
    flat = (0.3 * np.sin(2 * np.pi * 150 * t)).astype(np.float32)
    sweep = (0.3 * np.sin(2 * np.pi * (120 * t + 40 * t**2))).astype(np.float32)
    cfg = catalog.scoring.pacing
    assert pitch_variation(flat, cfg) < cfg.monotone_semitones
    assert pitch_variation(sweep, cfg) > cfg.monotone_semitones
    assert pitch_variation(None, cfg) is None
