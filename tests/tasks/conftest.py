"""Task test helpers: the shipped task catalog, people across cohorts and agencies (from the clips helpers), an
intake that stores takes, timeline entries built like the live room builds them."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from support.clips import People, catalog_products, make_people  # noqa: F401

from training_app.catalog.tasks import TaskCatalog
from training_app.config import REPO_ROOT
from training_app.services import clips
from training_app.services.media import LocalMediaStore
from training_app.services.tasks import load_task_catalog
from training_app.speech.audio import sniff_container


@pytest.fixture(scope="session")
def task_catalog() -> TaskCatalog:
    return load_task_catalog(REPO_ROOT / "assessments")


@pytest.fixture
def people(any_engine: Any, monkeypatch: pytest.MonkeyPatch) -> People:
    return make_people(any_engine, monkeypatch)


@pytest.fixture
def intake(tmp_path: Path) -> clips.Intake:
    return clips.Intake(
        store=LocalMediaStore(tmp_path / "media"),
        sniff=lambda p: str(sniff_container(p)),
        model_key="whisper-base",
        max_attempts=3,
        max_bytes=5 << 20,
        products=catalog_products(),
    )
