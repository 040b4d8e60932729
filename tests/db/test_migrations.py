"""Migrations: ``upgrade head`` on an empty database gives exactly the SQLModel metadata, on SQLite and PostgreSQL."""

from __future__ import annotations

from pathlib import Path

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import Engine, inspect, text
from sqlmodel import SQLModel

import training_app.db.tables  # noqa: F401
from training_app.db.engine import make_engine
from training_app.db.migrate import is_up_to_date, upgrade


def _diff(engine: Engine) -> list[object]:
    with engine.connect() as conn:
        ctx = MigrationContext.configure(conn, opts={"compare_type": True, "compare_server_default": False})
        return list(compare_metadata(ctx, SQLModel.metadata))


def test_upgrade_on_empty_sqlite_matches_metadata(tmp_path: Path) -> None:
    engine = make_engine(f"sqlite:///{tmp_path / 'm.db'}")
    upgrade(engine)
    assert is_up_to_date(engine)
    assert _diff(engine) == []
    upgrade(engine)  # idempotent at every start
    with engine.connect() as conn:
        assert conn.execute(text("PRAGMA journal_mode")).scalar() == "wal"


def test_upgrade_on_empty_postgres_matches_metadata(postgres_url: str) -> None:
    engine = make_engine(postgres_url)
    with engine.begin() as conn:
        conn.execute(text("DROP SCHEMA public CASCADE"))
        conn.execute(text("CREATE SCHEMA public"))
    upgrade(engine)
    assert _diff(engine) == []
    assert "user" in inspect(engine).get_table_names()
