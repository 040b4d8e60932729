"""Certification fixtures: the mini course tree, people in two agencies, fake reviewed clips, a signing key."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import Engine
from support.certification import World, make_world


@pytest.fixture
def world(engine: Engine, tmp_path: Path) -> World:
    return make_world(engine, tmp_path)
