"""Fixtures for review tests: the people of support.clips (own / same cohort / other cohort / other agency)."""

from __future__ import annotations

from pathlib import Path

import pytest
from support.clips import people  # noqa: F401
from support.review import make_intake

from training_app.services import clips


@pytest.fixture
def intake(tmp_path: Path) -> clips.Intake:
    return make_intake(tmp_path / "media")
