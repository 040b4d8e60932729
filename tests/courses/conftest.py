"""Course fixtures: the small test tree loaded into a database, and people in an organisation tree."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import Engine
from support.course_content import People, load_tree, make_people, write_mini_courses


@pytest.fixture
def mini_root(tmp_path: Path) -> Path:
    return write_mini_courses(tmp_path / "courses")


@pytest.fixture
def loaded(engine: Engine, mini_root: Path) -> Engine:
    load_tree(engine, mini_root)
    return engine


@pytest.fixture
def people(loaded: Engine) -> People:
    return make_people(loaded)
