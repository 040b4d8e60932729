"""Caches never leak one user's data to another: two trainees and two agency officers in two different agencies,
signed in at once on one real app, visit the pages that go through the process-wide caches (the engine as
st.cache_resource; certification levels, task catalog, consent documents and scoring catalogs in module-level
caches) and the org-scoped pages, all four tabs in the same instant, round after round (CI: 16 rounds; 200 with
--run-slow). Every page must show its own user's name and figures and nothing of the other side."""

from __future__ import annotations

import asyncio
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from support.browser import LiveApp, start_live_app, stop_live_app
from support.factories import PASSWORD, make_tree, make_user
from support.st_client import StClient

from load.flow import zh
from training_app.db.engine import make_engine, session_scope
from training_app.db.migrate import upgrade
from training_app.db.tables import Role, User
from training_app.services import courses
from training_app.services.uow import unit_of_work

TRAINEE_PAGES = ["courses", "progress", "my-certificate", "tasks", "practice", "account", "verify", "report"]
OFFICER_PAGES = ["cohort-progress", "talent-pool", "certificates", "dashboard", "verify", "account"]


@dataclass
class Visitor:
    username: str
    name: str
    pages: list[str]
    expect: dict[str, list[str]]  # page → texts that only this user's page shows
    foreign: list[str]  # names and figures this user must never see
    problems: list[str] = field(default_factory=list)


def _seed(data_dir: Path) -> dict[str, Visitor]:
    engine = make_engine(f"sqlite:///{data_dir / 'training_app.db'}")
    upgrade(engine)
    with session_scope(engine) as s:
        tree = make_tree(s)
        make_user(s, org=tree["cohort"], username="iso-a", display_name="甲方学员赵一")
        make_user(s, org=tree["other_cohort"], username="iso-b", display_name="乙方学员钱二")
        make_user(s, org=tree["other_cohort"], username="iso-b2", display_name="乙方学员孙三")
        make_user(s, role=Role.AGENCY, org=tree["agency"], username="iso-oa", display_name="甲方官员李四")
        make_user(s, role=Role.AGENCY, org=tree["other_agency"], username="iso-ob", display_name="乙方官员周五")
    engine.dispose()
    a_side, b_side = ["甲方学员赵一", "甲方官员李四"], ["乙方学员钱二", "乙方学员孙三", "乙方官员周五"]
    return {
        "a": Visitor("iso-a", "甲方学员赵一", TRAINEE_PAGES, {"courses": ["已学 2/3 课"], "progress": ["学完 2/15 课"]},
                     [*b_side, "甲方官员李四", "学完 0/15 课"]),
        "b": Visitor("iso-b", "乙方学员钱二", TRAINEE_PAGES, {"progress": ["学完 0/15 课"]},
                     [*a_side, "乙方学员孙三", "乙方官员周五", "已学 2/3 课", "学完 2/15 课"]),
        "oa": Visitor("iso-oa", "甲方官员李四", OFFICER_PAGES, {"talent-pool": ["找到 1 位主播"]},
                      [*b_side, "找到 2 位主播"]),
        "ob": Visitor("iso-ob", "乙方官员周五", OFFICER_PAGES, {"talent-pool": ["找到 2 位主播"]},
                      [*a_side, "找到 1 位主播"]),
    }  # fmt: skip


def _progress_for_a(data_dir: Path) -> None:
    """Trainee A has finished two lessons (after the app loaded the courses); B has not started."""
    engine = make_engine(f"sqlite:///{data_dir / 'training_app.db'}")
    with unit_of_work(engine) as s:
        from sqlmodel import select

        me = s.exec(select(User).where(User.username == "iso-a")).one()
        for lesson_id in ("eth-role-conflict-why", "eth-role-conflict-no-gain"):
            courses.mark_lesson_complete(s, me, lesson_id=lesson_id)
    engine.dispose()


@pytest.fixture
def isolation_app(tmp_path: Path) -> Iterator[tuple[LiveApp, dict[str, Visitor]]]:
    visitors = _seed(tmp_path / "app-data")
    app = start_live_app(tmp_path / "app-data")
    _progress_for_a(app.data_dir)
    yield app, visitors
    stop_live_app(app)


async def _sign_in(client: StClient, me: Visitor) -> None:
    await client.run()
    client.set_text(zh("auth.username"), me.username)
    client.set_text(zh("auth.password"), PASSWORD)
    await client.click(zh("auth.sign_in"))


def _check(client: StClient, me: Visitor, page: str, round_no: int) -> None:
    texts = client.texts()
    text = "\n".join(texts)
    where = f"round {round_no} {me.username} on {page}"
    if client.errors():
        me.problems.append(f"{where}: errors {client.errors()}")
    if me.name not in text:
        me.problems.append(f"{where}: own name missing")
    for marker in me.expect.get(page, []):
        if marker not in text:
            me.problems.append(f"{where}: own figure {marker!r} missing")
    for marker in me.foreign:
        if marker in text:
            me.problems.append(f"{where}: shows the other side's {marker!r}")


async def _interleave(url: str, visitors: dict[str, Visitor], rounds: int) -> None:
    clients = {k: StClient(url, timeout=120) for k in visitors}
    for key, client in clients.items():
        await client.__aenter__()
        await _sign_in(client, visitors[key])
    try:
        for n in range(rounds):

            async def visit(key: str, n: int = n) -> None:
                me, client = visitors[key], clients[key]
                page = me.pages[n % len(me.pages)]
                await client.goto(page)
                _check(client, me, page, n)

            await asyncio.gather(*(visit(k) for k in visitors))
    finally:
        for client in clients.values():
            await client.close()


@pytest.mark.parametrize("rounds", [16, pytest.param(200, marks=pytest.mark.slow)])
def test_interleaved_sessions_of_two_agencies_never_see_each_others_data(isolation_app, rounds: int) -> None:  # type: ignore[no-untyped-def]
    app, visitors = isolation_app
    asyncio.run(_interleave(app.url, visitors, rounds))
    problems = [p for v in visitors.values() for p in v.problems]
    assert problems == [], problems[:10]
