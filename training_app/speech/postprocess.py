"""From raw Whisper segments to :class:`~training_app.speech.transcript.Segment`: shared by every backend.

- drops known hallucinations (subtitle credits, "thanks for watching" on silence) and segments Whisper itself
  scored as probably not speech;
- maps times from the VAD-concatenated speech back to the original clip;
- Mandarin: converts Traditional characters to Simplified (Whisper base writes Traditional about half the time) and
  splits each word into one ``Word`` per character, with times interpolated inside the word.
"""

from __future__ import annotations

import logging
import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass, replace
from functools import lru_cache
from typing import Any

from training_app.speech.transcript import Segment, Word

logger = logging.getLogger(__name__)

SAMPLE_RATE = 16_000

# Lines Whisper writes on silence or music: the credits of the subtitled videos it was trained on.
_CREDIT_MARKERS = (
    "amaraorg",
    "字幕由",
    "字幕提供",
    "字幕志愿者",
    "请不吝点赞",
    "订阅转发打赏",
    "明镜与点点栏目",
    "点点栏目",
    "优优独播剧场",
    "subtitlesby",
)
# Whole segments that are hallucinations when Whisper is unsure there was speech.
_SUSPECT_LINES = frozenset(
    {"谢谢观看", "感谢观看", "谢谢大家观看", "请订阅", "thanksforwatching", "thankyouforwatching", "pleasesubscribe"}
)
_NO_SPEECH_PROB = 0.6
_LOW_LOGPROB = -0.7
_MIN_WORD_PROB = 0.15
_UNIT = re.compile(r"[A-Za-z0-9]+(?:['’.\-][A-Za-z0-9]+)*|\S")

WordTuple = tuple[float, float, str, float]  # start, end, word, probability


@dataclass(frozen=True)
class RawSegment:
    """A segment as a backend returned it, times relative to the audio it was given."""

    start: float
    end: float
    text: str
    words: tuple[WordTuple, ...] = ()
    no_speech_prob: float = 0.0
    avg_logprob: float = 0.0


def build_segments(raw: Sequence[RawSegment], language: str, chunks: list[dict[str, int]] | None) -> list[Segment]:
    """Filter, re-time and normalise raw segments; ``chunks`` are the VAD regions (None: no VAD was applied)."""
    mapper = _TimeMapper(chunks)
    segments: list[Segment] = []
    for seg in raw:
        if is_hallucination(seg):
            logger.info("dropped a likely hallucination: %r", seg.text)
            continue
        built = _build_one(seg, language, mapper)
        if built.text:
            segments.append(built)
    return segments


def uncovered_spans(raw: Sequence[RawSegment], total_s: float, *, min_gap_s: float = 3.0) -> list[tuple[float, float]]:
    """Stretches longer than ``min_gap_s`` that no (non-hallucinated) segment covers, in the raw time base."""
    spans = sorted(
        (seg.words[0][0], seg.words[-1][1]) if seg.words else (seg.start, seg.end)
        for seg in raw
        if not is_hallucination(seg)
    )
    gaps: list[tuple[float, float]] = []
    cursor = 0.0
    for start, end in spans:
        if start - cursor > min_gap_s:
            gaps.append((cursor, start))
        cursor = max(cursor, end)
    if total_s - cursor > min_gap_s:
        gaps.append((cursor, total_s))
    return gaps


def shift_raw(seg: RawSegment, offset: float) -> RawSegment:
    words = tuple((w[0] + offset, w[1] + offset, w[2], w[3]) for w in seg.words)
    return replace(seg, start=seg.start + offset, end=seg.end + offset, words=words)


def is_hallucination(seg: RawSegment) -> bool:
    key = normalize_for_match(seg.text)
    if not key:
        return True
    if any(marker in key for marker in _CREDIT_MARKERS):
        return True
    unsure = seg.no_speech_prob > 0.2 or seg.avg_logprob < -0.6
    if key in _SUSPECT_LINES and unsure:
        return True
    if seg.no_speech_prob > _NO_SPEECH_PROB and seg.avg_logprob < _LOW_LOGPROB:
        return True
    if seg.no_speech_prob > 0.3 and seg.avg_logprob < -1.0:  # e.g. "Thank you." / "我认识你了" after the speech
        return True
    if seg.words:
        mean_prob = sum(w[3] for w in seg.words) / len(seg.words)
        return mean_prob < _MIN_WORD_PROB
    return False


def normalize_for_match(text: str) -> str:
    """NFKC, Simplified, lower case, without punctuation, symbols or spaces."""
    text = to_simplified(unicodedata.normalize("NFKC", text)).lower()
    return "".join(ch for ch in text if unicodedata.category(ch)[0] not in "PZSC")


@lru_cache(maxsize=1)
def _opencc() -> Any:
    from opencc import OpenCC

    return OpenCC("t2s")


def to_simplified(text: str) -> str:
    return str(_opencc().convert(text)) if text else text


def _build_one(seg: RawSegment, language: str, mapper: _TimeMapper) -> Segment:
    words = [mapper.word(w) for w in seg.words]
    if language == "zh":
        text = to_simplified(seg.text).strip()
        words_out = [unit for w in words for unit in split_characters(w[0], w[1], to_simplified(w[2]))]
    else:
        text = seg.text.strip()
        words_out = [Word(round(w[0], 3), round(w[1], 3), w[2].strip()) for w in words if w[2].strip()]
    if words_out:
        start, end = words_out[0].start, words_out[-1].end
    else:
        start, end = mapper.time(seg.start), mapper.time(seg.end, is_end=True)
    return Segment(start=round(start, 3), end=round(end, 3), text=text, words=tuple(words_out))


def split_characters(start: float, end: float, word: str) -> list[Word]:
    """One ``Word`` per Chinese character (Latin letters and digits stay whole), times spread evenly.

    Punctuation is attached to the unit before it (or after it, at the start), so the units join back to the word.
    """
    units: list[str] = []
    prefix = ""
    for token in _UNIT.findall(word):
        if unicodedata.category(token[0]).startswith("P"):
            if units:
                units[-1] += token
            else:
                prefix += token
            continue
        units.append(prefix + token)
        prefix = ""
    if prefix:
        units.append(prefix)
    if not units:
        return []
    step = (end - start) / len(units)
    return [Word(round(start + i * step, 3), round(start + (i + 1) * step, 3), unit) for i, unit in enumerate(units)]


class _TimeMapper:
    """Times in the VAD-concatenated speech → times in the original clip (as faster-whisper restores them)."""

    def __init__(self, chunks: list[dict[str, int]] | None) -> None:
        self._map: Any = None
        if chunks:
            from faster_whisper.vad import SpeechTimestampsMap

            self._map = SpeechTimestampsMap(chunks, SAMPLE_RATE, time_precision=3)

    def time(self, t: float, *, is_end: bool = False) -> float:
        return float(self._map.get_original_time(t, is_end=is_end)) if self._map else t

    def word(self, w: WordTuple) -> WordTuple:
        if not self._map:
            return w
        index = self._map.get_chunk_index((w[0] + w[1]) / 2)
        return (
            float(self._map.get_original_time(w[0], index)),
            float(self._map.get_original_time(w[1], index)),
            w[2],
            w[3],
        )
