"""What happens at every start: migrate the schema, make sure the default organisation exists, create the first
administrator on an empty database (returning its one-time password), load course content."""

from __future__ import annotations

import logging
from dataclasses import dataclass

from sqlalchemy import Engine

from training_app.config import Settings
from training_app.db.engine import make_engine
from training_app.db.migrate import upgrade
from training_app.services.accounts import system_actor
from training_app.services.auth import ensure_first_admin
from training_app.services.content import load_at_startup
from training_app.services.organisations import ensure_default_orgs
from training_app.services.uow import unit_of_work

logger = logging.getLogger(__name__)


@dataclass
class StartupReport:
    first_admin_password: str | None


def engine_for(settings: Settings) -> Engine:
    return make_engine(settings.resolved_database_url())


def prepare(engine: Engine, settings: Settings) -> StartupReport:
    """Idempotent: safe on every start and from several processes."""
    upgrade(engine)
    with unit_of_work(engine) as session:
        ensure_default_orgs(session)
        password = ensure_first_admin(session)
    load_at_startup(engine, settings.courses_dir, system_actor())  # logs content problems, never stops the start
    return StartupReport(first_admin_password=password)
