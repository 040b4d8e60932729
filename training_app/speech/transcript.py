"""Plain result types of transcription, shared by speech/, scoring/ and services/.

Times are seconds from the start of the clip. For Mandarin, ``words`` holds one entry per character (Whisper's
word timestamps split Chinese into characters or short tokens); for English one entry per word.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any

STATUSES = ("transcribed", "no_speech")


@dataclass(frozen=True)
class Word:
    start: float
    end: float
    word: str


@dataclass(frozen=True)
class Segment:
    start: float
    end: float
    text: str
    words: tuple[Word, ...] = ()


@dataclass(frozen=True)
class Transcript:
    language: str  # "zh" | "en"
    duration_s: float | None
    segments: tuple[Segment, ...]
    status: str = "transcribed"  # one of STATUSES
    model: dict[str, Any] = field(default_factory=dict)

    @property
    def text(self) -> str:
        sep = "" if self.language == "zh" else " "
        return sep.join(s.text.strip() for s in self.segments)

    def to_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data["segments"] = [{**asdict(s), "words": [asdict(w) for w in s.words]} for s in self.segments]
        return data

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Transcript:
        segments = tuple(
            Segment(
                start=float(s["start"]),
                end=float(s["end"]),
                text=str(s["text"]),
                words=tuple(Word(float(w["start"]), float(w["end"]), str(w["word"])) for w in s.get("words", [])),
            )
            for s in data.get("segments", [])
        )
        return cls(
            language=str(data.get("language") or "zh"),
            duration_s=data.get("duration_s"),
            segments=segments,
            status=data.get("status", "transcribed" if segments else "no_speech"),
            model=dict(data.get("model") or {}),
        )
