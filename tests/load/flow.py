"""The trainee flow run by the load test and bench/load.py: N simulated browser tabs against a real app.

Each tab signs in, opens the courses, a lesson (marks it done), takes the first module's quiz (even-numbered
trainees answer everything right, odd-numbered ones hand in a blank sheet, so each expects its own score), opens
progress, practice and tasks, signs out every third round, with think time between steps, until its deadline.
After every step the page must show no error or exception, must name the signed-in trainee and must name no other
trainee: that is the cross-session check.
"""

from __future__ import annotations

import asyncio
import random
import secrets
import statistics
import time
from dataclasses import dataclass, field
from pathlib import Path

from sqlmodel import select
from support.factories import PASSWORD, make_tree, make_user
from support.st_client import StClient, StClientError

from training_app.db.engine import make_engine, session_scope
from training_app.db.migrate import upgrade
from training_app.db.tables import QuizQuestion
from training_app.i18n import t


def zh(key: str, **params: object) -> str:
    return t(key, "zh", **params)


@dataclass(frozen=True)
class Trainee:
    index: int
    username: str
    display_name: str


@dataclass
class SessionReport:
    trainee: Trainee
    timings: list[float] = field(default_factory=list)
    steps: list[tuple[str, float]] = field(default_factory=list)
    rounds: int = 0
    quizzes: int = 0
    errors: list[str] = field(default_factory=list)
    leaks: list[str] = field(default_factory=list)


def prepare_database(data_dir: Path, count: int) -> list[Trainee]:
    """A migrated SQLite database in ``data_dir`` with ``count`` trainees in one cohort (unique display names)."""
    data_dir.mkdir(parents=True, exist_ok=True)
    engine = make_engine(f"sqlite:///{data_dir / 'training_app.db'}")
    upgrade(engine)
    tag = secrets.token_hex(2)
    trainees = []
    with session_scope(engine) as s:
        cohort = make_tree(s)["cohort"]
        for i in range(count):
            name = f"学员{tag}-{i:03d}号"
            make_user(s, org=cohort, username=f"load-{tag}-{i:03d}", display_name=name)
            trainees.append(Trainee(i, f"load-{tag}-{i:03d}", name))
    engine.dispose()
    return trainees


def answer_key(data_dir: Path) -> dict[str, dict[str, bool]]:
    """question id → {option text (zh) → correct}, read after the app has loaded the shipped courses."""
    engine = make_engine(f"sqlite:///{data_dir / 'training_app.db'}")
    with session_scope(engine) as s:
        key = {q.id: {o["text"]["zh"]: bool(o["correct"]) for o in q.options} for q in s.exec(select(QuizQuestion))}
    engine.dispose()
    return key


def _widget_key(widget_id: str) -> str:
    return widget_id.split("-", 2)[2] if widget_id.startswith("$$ID-") else widget_id


class TraineeTab:
    def __init__(self, client: StClient, me: Trainee, others: list[str], key: dict[str, dict[str, bool]]) -> None:
        self.c, self.me, self.others, self.key = client, me, others, key
        self.report = SessionReport(me)

    def check(self, step: str) -> None:
        text = self.c.page_text()
        errors = self.c.errors()
        if errors:
            self.report.errors.append(f"{step}: {errors}")
        elif self.me.display_name not in text:  # (a page that failed may not get as far as the name)
            self.report.leaks.append(f"{step}: own name {self.me.display_name} missing")
        stray = [name for name in self.others if name in text]
        if stray:
            self.report.leaks.append(f"{step}: shows other trainees {stray}")

    async def sign_in(self) -> None:
        await self.c.run()
        self.c.set_text(zh("auth.username"), self.me.username)
        self.c.set_text(zh("auth.password"), PASSWORD)
        await self.c.click(zh("auth.sign_in"))
        self.check("sign in")

    async def sign_out(self) -> None:
        await self.c.click(key="sign_out")
        if zh("auth.sign_in") not in self.c.page_text():
            self.report.errors.append("sign out: no sign-in form afterwards")

    async def lesson(self) -> str | None:
        await self.c.goto("courses")
        self.check("courses")
        links = [n for n in self.c.links() if n.element.page_link.query_string.startswith("lesson=")]
        quiz = next((n for n in self.c.links() if n.element.page_link.query_string.startswith("module=")), None)
        if links:
            todo = [n for n in links if n.label.startswith("📖")] or links
            await self.c.follow(todo[0])
            self.check("lesson")
            done = zh("courses.mark_complete")
            if any(n.label == done for n in self.c.nodes("button")):
                await self.c.click(done)
                self.check("lesson done")
                if zh("courses.lesson_done") not in self.c.page_text():
                    self.report.errors.append("lesson done: no confirmation")
        return quiz.element.page_link.query_string if quiz else None

    async def quiz(self, query: str) -> None:
        await self.c.goto("quiz", query)
        self.check("quiz")
        module = query.split("=", 1)[1]
        if not any(_widget_key(n.proto.id) == f"start_{module}" for n in self.c.nodes("button")):
            return
        await self.c.click(key=f"start_{module}")
        self.check("quiz sheet")
        right = self.me.index % 2 == 0
        if right:
            self._answer_all_right()
        await self.c.click(zh("quiz.submit"))
        self.check("quiz result")
        self.report.quizzes += 1
        expected = "100%" if right else "0%"
        scores = [n.element.metric.body for n in self.c.nodes("metric") if n.element.metric.label == zh("quiz.score")]
        if scores != [expected] and (scores or not self.c.errors()):
            self.report.leaks.append(f"quiz result: expected my score {expected}, page shows {scores}")

    def _answer_all_right(self) -> None:
        for node in self.c.nodes("radio"):
            qid = _widget_key(node.proto.id).split("_", 2)[-1]
            if qid in self.key:
                self.c.choose(node, next(o for o in node.proto.options if self.key[qid].get(o)))
        for node in self.c.nodes("checkbox"):
            qid = _widget_key(node.proto.id).split("_", 2)[-1].rsplit("_", 1)[0]
            if self.key.get(qid, {}).get(node.label):
                self.c.tick(node)


async def trainee_session(
    url: str,
    me: Trainee,
    others: list[str],
    key: dict[str, dict[str, bool]],
    *,
    deadline: float,
    think: tuple[float, float],
    seed: int,
    ramp: float = 0.0,
) -> SessionReport:
    """One tab running the flow (at least one round) until ``deadline`` (time.monotonic()); never raises."""
    rng = random.Random(seed)

    async def pause() -> None:
        await asyncio.sleep(rng.uniform(*think))

    await asyncio.sleep(rng.uniform(0, ramp or think[1]))  # arrivals spread over the ramp-up
    async with StClient(url, timeout=120) as client:
        tab = TraineeTab(client, me, others, key)
        try:
            await tab.sign_in()
            while tab.report.rounds == 0 or time.monotonic() < deadline:
                await pause()
                quiz = await tab.lesson()
                await pause()
                if quiz:
                    await tab.quiz(quiz)
                    await pause()
                for page in ("progress", "practice", "tasks"):
                    await client.goto(page)
                    tab.check(page)
                    await pause()
                tab.report.rounds += 1
                if tab.report.rounds % 3 == 0:
                    await tab.sign_out()
                    await pause()
                    await tab.sign_in()
        except (StClientError, OSError) as exc:
            tab.report.errors.append(f"{type(exc).__name__}: {exc}")
        tab.report.timings = list(client.timings)
        tab.report.steps = list(client.steps)
        return tab.report


async def warm_up(url: str, me: Trainee, others: list[Trainee], key: dict[str, dict[str, bool]]) -> SessionReport:
    """One round of the flow without think time, so every page's imports are done before anything is timed."""
    names = [o.display_name for o in others]
    return await trainee_session(url, me, names, key, deadline=0.0, think=(0.0, 0.0), seed=0)


async def run_load(url: str, trainees: list[Trainee], key: dict[str, dict[str, bool]], *, seconds: float,
                   think: tuple[float, float], names: list[str] | None = None,
                   ramp: float = 0.0) -> list[SessionReport]:  # fmt: skip
    """All tabs until ``seconds`` have passed, arriving at random within ``ramp`` seconds (default: the longest
    think time); ``names``: every trainee no tab may see (default: theirs)."""
    deadline = time.monotonic() + seconds
    names = names or [tr.display_name for tr in trainees]
    tasks = [
        trainee_session(
            url, me, [n for n in names if n != me.display_name], key, deadline=deadline, think=think, seed=me.index
        )  # fmt: skip
        for me in trainees
    ]
    return list(await asyncio.gather(*tasks))


@dataclass(frozen=True)
class Summary:
    sessions: int
    interactions: int
    quizzes: int
    errors: list[str]
    leaks: list[str]
    p50: float
    p95: float
    max: float
    by_step: dict[str, tuple[int, float, float]]  # step → (count, p50, p95)

    def lines(self) -> list[str]:
        return [
            f"sessions={self.sessions} interactions={self.interactions} quizzes={self.quizzes} "
            f"errors={len(self.errors)} leaks={len(self.leaks)}",
            f"round-trip p50={self.p50 * 1000:.0f} ms p95={self.p95 * 1000:.0f} ms max={self.max * 1000:.0f} ms",
            *(
                f"  {step:<22} n={n:<5} p50={p50 * 1000:.0f} ms p95={p95 * 1000:.0f} ms"
                for step, (n, p50, p95) in sorted(self.by_step.items())
            ),
        ]


def _p95(values: list[float]) -> float:
    return statistics.quantiles(values, n=20)[-1] if len(values) >= 2 else (values or [0.0])[0]


def summarise(reports: list[SessionReport]) -> Summary:
    timings = sorted(x for r in reports for x in r.timings)
    grouped: dict[str, list[float]] = {}
    for r in reports:
        for step, elapsed in r.steps:
            grouped.setdefault(step.split("_")[0].strip(), []).append(elapsed)
    return Summary(
        sessions=len(reports),
        interactions=len(timings),
        quizzes=sum(r.quizzes for r in reports),
        errors=[f"{r.trainee.username}: {e}" for r in reports for e in r.errors],
        leaks=[f"{r.trainee.username}: {e}" for r in reports for e in r.leaks],
        p50=statistics.median(timings) if timings else 0.0,
        p95=_p95(timings),
        max=timings[-1] if timings else 0.0,
        by_step={k: (len(v), statistics.median(v), _p95(v)) for k, v in grouped.items()},
    )
