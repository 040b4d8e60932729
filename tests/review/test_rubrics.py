"""Rubrics as data: the shipped default rubric, validation of broken files, evidence → level, overall."""

from __future__ import annotations

from pathlib import Path

import pytest
from support.review import LINES, RUBRICS_DIR, report_for

from training_app.catalog.rubrics import default_rubric, load_rubrics
from training_app.errors import InvalidInput
from training_app.services import review_rubric

RUBRIC = default_rubric(load_rubrics(RUBRICS_DIR))


def test_default_rubric_covers_standard_functions_and_scorer_dimensions() -> None:
    assert {c.function for c in RUBRIC.criteria} == {"preparation", "live_selling", "after_sales"}
    assert {c.evidence for c in RUBRIC.criteria} == {"none", "pacing", "claims", "engagement", "knowledge"}
    assert all(c.title.zh and c.title.en and c.guide.zh and c.guide.en for c in RUBRIC.criteria)


@pytest.mark.parametrize(
    ("evidence", "level"), [(0, 1), (49.9, 1), (50, 2), (69, 2), (70, 3), (84.9, 3), (85, 4), (100, 4)]
)
def test_level_for_evidence_uses_thresholds(evidence: float, level: int) -> None:
    assert RUBRIC.level_for(evidence) == level


def test_overall_weighs_levels_and_skips_missing() -> None:
    criteria = {c.id: {"level": RUBRIC.top} for c in RUBRIC.criteria}
    assert review_rubric.overall(RUBRIC, criteria) == 100.0
    criteria["compliance"]["level"] = 1
    weights = {c.id: c.weight for c in RUBRIC.criteria}
    expected = 100 * (sum(weights.values()) - weights["compliance"]) / sum(weights.values())
    assert review_rubric.overall(RUBRIC, criteria) == pytest.approx(expected, abs=0.1)
    assert review_rubric.overall(RUBRIC, {}) is None


def test_prefill_claims_evidence_subtracts_penalties_per_flag() -> None:
    report = report_for(LINES)  # one critical, one major flag
    assert review_rubric.evidence_score(RUBRIC, "claims", report) == 100 - 60 - 25
    assert review_rubric.evidence_score(RUBRIC, "claims", {**report, "status": "no_speech"}) is None


@pytest.mark.parametrize(
    ("edit", "detail"),
    [
        (("thresholds: {1: 0, 2: 50, 3: 70, 4: 85}", "thresholds: {1: 0, 2: 80, 3: 70, 4: 85}"), "thresholds"),
        (("weight: 3", "weight: 0"), "weight"),
        (("evidence: claims", "evidence: vibes"), "evidence"),
    ],
)
def test_broken_rubric_file_reported_with_path(tmp_path: Path, edit: tuple[str, str], detail: str) -> None:
    text = (RUBRICS_DIR / "livestream-sales.yaml").read_text(encoding="utf-8")
    assert edit[0] in text
    (tmp_path / "broken.yaml").write_text(text.replace(edit[0], edit[1], 1), encoding="utf-8")
    with pytest.raises(InvalidInput) as raised:
        load_rubrics(tmp_path)
    assert raised.value.message_key == "rubric.bad_file" and "broken.yaml" in raised.value.params["path"]
    assert detail in raised.value.params["detail"]


def test_rubric_folder_without_default_refused(tmp_path: Path) -> None:
    text = (RUBRICS_DIR / "livestream-sales.yaml").read_text(encoding="utf-8")
    (tmp_path / "a.yaml").write_text(text.replace("default: true", "default: false"), encoding="utf-8")
    with pytest.raises(InvalidInput) as raised:
        load_rubrics(tmp_path)
    assert raised.value.message_key == "rubric.no_default"
