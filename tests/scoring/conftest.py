"""Fixtures for scoring tests: the real assessment catalog from ``assessments/``."""

from __future__ import annotations

from pathlib import Path

import pytest

from training_app.catalog.assessments import AssessmentCatalog
from training_app.services.scoring import load_assessment_catalog

REPO = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="session")
def catalog() -> AssessmentCatalog:
    return load_assessment_catalog(REPO / "assessments")
