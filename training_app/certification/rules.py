"""Certification rules evaluated on plain data: what a trainee has done against what a level requires.

:func:`evaluate` returns one :class:`Requirement` per rule of the level, met or missing, with the numbers behind it
(``have``/``need``) and the ids of what is missing, so the service can translate labels and the issuing check can
say exactly what is missing.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from training_app.catalog.certification import LevelSpec

MODULES = "modules"
QUIZ = "quiz"
CLIPS = "clips"
NO_CRITICAL = "no_critical"
SIGNOFF = "signoff"
LEVEL = "level"


@dataclass(frozen=True)
class ReviewedClip:
    """One trainer-reviewed practice clip (the shape the review service returns)."""

    clip_id: int
    reviewed_at: datetime
    score: float  # 0..100
    has_confirmed_critical: bool


@dataclass(frozen=True)
class TraineeRecord:
    completed_modules: frozenset[str]
    best_quiz_scores: dict[str, float]  # module id -> best score 0..1
    reviewed_clips: list[ReviewedClip]  # any order
    signed_off: bool
    held_levels: frozenset[str]  # levels with a valid certificate


@dataclass(frozen=True)
class Requirement:
    kind: str  # modules | quiz | clips | no_critical | signoff | level
    met: bool
    have: float
    need: float
    missing: tuple[str, ...] = ()  # module ids, or the required level id
    threshold: float | None = None  # quiz minimum (0..1) or clip minimum score (0..100)


@dataclass(frozen=True)
class Evaluation:
    level: str
    requirements: list[Requirement] = field(default_factory=list)

    @property
    def met(self) -> bool:
        return all(r.met for r in self.requirements)

    @property
    def missing(self) -> list[Requirement]:
        return [r for r in self.requirements if not r.met]


def _modules(spec: LevelSpec, record: TraineeRecord) -> Requirement:
    missing = tuple(m for m in spec.modules if m not in record.completed_modules)
    need = len(spec.modules)
    return Requirement(MODULES, not missing, need - len(missing), need, missing)


def _quiz(spec: LevelSpec, record: TraineeRecord) -> Requirement:
    low = tuple(m for m in spec.modules if record.best_quiz_scores.get(m, 0.0) + 1e-9 < spec.quiz_min_score)
    need = len(spec.modules)
    return Requirement(QUIZ, not low, need - len(low), need, low, threshold=spec.quiz_min_score)


def newest_first(clips: list[ReviewedClip]) -> list[ReviewedClip]:
    return sorted(clips, key=lambda c: (c.reviewed_at, c.clip_id), reverse=True)


def _clips(spec: LevelSpec, record: TraineeRecord) -> Requirement:
    good = sum(1 for c in record.reviewed_clips if c.score + 1e-9 >= spec.clips.min_score)
    need = spec.clips.count
    return Requirement(CLIPS, good >= need, good, need, threshold=spec.clips.min_score)


def _no_critical(spec: LevelSpec, record: TraineeRecord) -> Requirement:
    window = newest_first(record.reviewed_clips)[: spec.clips.critical_window]
    flagged = sum(1 for c in window if c.has_confirmed_critical)
    return Requirement(NO_CRITICAL, flagged == 0, flagged, 0, threshold=spec.clips.critical_window)


def evaluate(spec: LevelSpec, record: TraineeRecord) -> Evaluation:
    """Every requirement of ``spec`` against ``record``."""
    requirements = []
    if spec.requires_level:
        held = spec.requires_level in record.held_levels
        requirements.append(Requirement(LEVEL, held, int(held), 1, () if held else (spec.requires_level,)))
    if spec.modules:
        requirements += [_modules(spec, record), _quiz(spec, record)]
    if spec.clips.count:
        requirements.append(_clips(spec, record))
    if spec.clips.critical_window:
        requirements.append(_no_critical(spec, record))
    if spec.trainer_signoff:
        requirements.append(Requirement(SIGNOFF, record.signed_off, int(record.signed_off), 1))
    return Evaluation(spec.id, requirements)
