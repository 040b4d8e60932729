"""Rubric arithmetic: evidence from an automatic ScoreReport, the AI prefill of each criterion, the overall score.

Pure functions over plain dicts (``Review.criteria`` and ``ScoreReport.to_dict()``); no database.
"""

from __future__ import annotations

from typing import Any

from training_app.catalog.rubrics import Rubric

_DIMENSIONS = {"pacing": "pacing", "engagement": "engagement", "knowledge": "product_knowledge"}


def evidence_score(rubric: Rubric, evidence: str, report: dict[str, Any]) -> float | None:
    """The 0–100 automatic evidence for one kind of criterion, or None when the scorer has none."""
    if report.get("status") != "scored" or evidence == "none":
        return None
    if evidence == "claims":
        penalty = sum(rubric.claim_penalties.get(str(c.get("severity")), 0.0) for c in report.get("claims") or [])
        return max(0.0, 100.0 - penalty)
    section = report.get(_DIMENSIONS[evidence]) or {}
    score = section.get("score")
    return None if score is None else float(score)


def prefill(rubric: Rubric, report: dict[str, Any]) -> dict[str, dict[str, Any]]:
    """Each criterion with the AI's level (where there is evidence), pre-selected as the trainer's level."""
    criteria: dict[str, dict[str, Any]] = {}
    for criterion in rubric.criteria:
        score = evidence_score(rubric, criterion.evidence, report)
        ai = None if score is None else rubric.level_for(score)
        criteria[criterion.id] = {"ai": ai, "ai_score": score, "level": ai, "comment": ""}
    return criteria


def overall(rubric: Rubric, criteria: dict[str, dict[str, Any]], *, key: str = "level") -> float | None:
    """Weighted 0–100 over the criteria with a level (``key="ai"``: the same for the AI's levels)."""
    total = weight = 0.0
    for criterion in rubric.criteria:
        level = (criteria.get(criterion.id) or {}).get(key)
        if level is not None:
            total += criterion.weight * rubric.fraction(int(level)) * 100
            weight += criterion.weight
    return round(total / weight, 1) if weight else None


def missing_levels(rubric: Rubric, criteria: dict[str, dict[str, Any]]) -> list[str]:
    return [c.id for c in rubric.criteria if (criteria.get(c.id) or {}).get("level") is None]
