"""Times of characters within a segment: from word timestamps when the transcript has them, otherwise by
spreading the segment's duration evenly over its characters. Used to time claim spans.
"""

from __future__ import annotations

from training_app.speech.transcript import Segment, Transcript


def is_timed(transcript: Transcript) -> bool:
    """A transcript from a ``.txt`` file carries no timing (``model["timing"] == "none"``)."""
    return transcript.model.get("timing") != "none"


def _linear(segment: Segment) -> list[tuple[float, float]]:
    text = segment.text
    n = max(len(text), 1)
    step = (segment.end - segment.start) / n
    return [(segment.start + i * step, segment.start + (i + 1) * step) for i in range(len(text))]


def char_times(segment: Segment) -> list[tuple[float, float]]:
    """(start, end) for every character of ``segment.text``; aligned on word timestamps when present."""
    times = _linear(segment)
    if not segment.words:
        return times
    text = segment.text
    cursor = 0
    aligned = [False] * len(text)
    for word in segment.words:
        token = word.word.strip()
        if not token:
            continue
        pos = text.find(token, cursor)
        if pos < 0 or pos - cursor > 12:
            continue
        n = len(token)
        step = (word.end - word.start) / n
        for k in range(n):
            times[pos + k] = (word.start + k * step, word.start + (k + 1) * step)
            aligned[pos + k] = True
        cursor = pos + n
    _fill_gaps(times, aligned, segment)
    return times


def _fill_gaps(times: list[tuple[float, float]], aligned: list[bool], segment: Segment) -> None:
    """Characters no word covered (spaces, punctuation) take the end time of the previous aligned character."""
    last = segment.start
    for i, ok in enumerate(aligned):
        if ok:
            last = times[i][1]
        else:
            times[i] = (last, last)


def span_time(segment: Segment, start: int, end: int) -> tuple[float, float]:
    """Start and end (seconds) of characters ``start:end`` of the segment, clamped inside the segment."""
    times = char_times(segment)
    if not times:
        return segment.start, segment.end
    start = min(max(start, 0), len(times) - 1)
    end = min(max(end, start + 1), len(times))
    t0 = min(times[k][0] for k in range(start, end))
    t1 = max(times[k][1] for k in range(start, end))
    t0 = min(max(t0, segment.start), segment.end)
    t1 = min(max(t1, t0), segment.end)
    return t0, t1
