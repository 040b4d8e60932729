"""Fixtures for scoring tests: the real assessment catalog from ``assessments/``."""

from __future__ import annotations

from pathlib import Path

import pytest

from training_app.catalog.assessments import AssessmentCatalog
from training_app.scoring.model import load_items
from training_app.scoring.text import normalize
from training_app.services.scoring import load_assessment_catalog

REPO = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="session")
def catalog() -> AssessmentCatalog:
    return load_assessment_catalog(REPO / "assessments")


def dev_sentences(lang: str) -> list[str]:
    """The normalised utterances of ``<lang>.dev.yaml``: real sentences for tests that compare two ways of matching."""
    return [
        normalize(line).text
        for item in load_items(REPO / "assessments" / "eval" / f"{lang}.dev.yaml", None)
        for line in item.text.splitlines()
        if line.strip()
    ]
