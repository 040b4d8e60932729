"""Transcripts for scoring tests: consecutive utterances with one timed word per character (so a flag's timestamps
can be checked against its segment)."""

from __future__ import annotations

from training_app.speech.transcript import Segment, Transcript, Word


def timed_utterances(texts: list[str], lang: str = "zh", step: float = 0.2, gap: float = 0.5) -> Transcript:
    """One segment per text, ``step`` seconds per character, ``gap`` seconds between segments."""
    segments, clock = [], 0.0
    for text in texts:
        words = tuple(Word(clock + i * step, clock + (i + 1) * step, ch) for i, ch in enumerate(text))
        segments.append(Segment(clock, clock + len(text) * step, text, words))
        clock += len(text) * step + gap
    return Transcript(lang, clock, tuple(segments))
