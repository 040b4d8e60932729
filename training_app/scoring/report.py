"""Result types of scoring. ``ScoreReport.to_dict()`` is the JSON contract of ``training-app score``."""

from __future__ import annotations

import math
from dataclasses import asdict, dataclass, field
from typing import Any


def _clean(value: Any) -> Any:
    """NaN/inf → None and floats rounded, recursively, so the dict is valid JSON."""
    if isinstance(value, float):
        return None if math.isnan(value) or math.isinf(value) else round(value, 3)
    if isinstance(value, dict):
        return {k: _clean(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_clean(v) for v in value]
    return value


@dataclass(frozen=True)
class ClaimFlag:
    category: str
    rule_id: str
    severity: str
    text: str
    start: float | None
    end: float | None
    legal_basis: str
    explanation: str
    suggestion: str
    char_start: int = 0  # offsets in the segment's text
    char_end: int = 0
    segment: int = 0
    confidence: float | None = None


@dataclass(frozen=True)
class WindowRate:
    start: float
    end: float
    rate: float


@dataclass(frozen=True)
class PacingResult:
    rate: float | None
    rate_unit: str
    articulation_rate: float | None
    pause_ratio: float | None
    longest_pause_s: float | None
    pauses_over_threshold: int | None
    fillers_per_100: float
    fillers: int
    units: int
    score: float | None
    band: tuple[float, float]
    windows: list[WindowRate] = field(default_factory=list)
    pitch_std_semitones: float | None = None
    monotone: bool | None = None


@dataclass(frozen=True)
class EngagementResult:
    questions: int
    calls_to_action: int
    audience_address: int
    answering_comments: int
    longest_gap_without_prompt_s: float | None
    score: float
    comments_answered: int | None = None  # live-room clips only (scoring/comments.py)
    median_response_delay_s: float | None = None


@dataclass(frozen=True)
class KnowledgeResult:
    covered: list[str]
    missing: list[str]
    score: float


@dataclass(frozen=True)
class ScoreReport:
    status: str
    language: str
    duration_s: float | None
    rule_set_version: str
    model_version: str
    segments: list[dict[str, Any]]
    pacing: PacingResult | None
    claims: list[ClaimFlag]
    engagement: EngagementResult | None
    product_knowledge: KnowledgeResult | None
    overall: float | None
    tips: list[str]
    comments: dict[str, Any] | None = None  # live-room clips: CommentReport.to_dict()

    def to_dict(self) -> dict[str, Any]:
        data: dict[str, Any] = {
            "status": self.status,
            "language": self.language,
            "duration_s": self.duration_s,
            "rule_set_version": self.rule_set_version,
            "model_version": self.model_version,
            "segments": self.segments,
            "pacing": asdict(self.pacing) if self.pacing else None,
            "claims": [{k: v for k, v in asdict(c).items() if k not in ("segment", "confidence")} for c in self.claims],
            "engagement": asdict(self.engagement) if self.engagement else None,
            "product_knowledge": asdict(self.product_knowledge) if self.product_knowledge else None,
            "overall": self.overall,
            "tips": list(self.tips),
        }
        if self.comments is not None:
            data["comments"] = self.comments
        if data["pacing"]:
            data["pacing"]["band"] = list(self.pacing.band) if self.pacing else None
        result: dict[str, Any] = _clean(data)
        return result
