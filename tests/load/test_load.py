"""Load: concurrent trainee tabs speaking Streamlit's websocket protocol against the real app (``training-app
serve`` on loopback). No errors, no other trainee's data on any page; p50/p95 round-trip printed as a benchmark
figure (goal p95 ≤ 1.5 s; not asserted: it depends on the machine). The long variant (50 tabs × 10 minutes) runs
with --run-slow, or as bench/load.py."""

from __future__ import annotations

import asyncio
from collections.abc import Iterator
from pathlib import Path

import pytest
from support.browser import LiveApp, start_live_app, stop_live_app

from load.flow import Trainee, answer_key, prepare_database, run_load, summarise, warm_up


@pytest.fixture
def load_app(tmp_path: Path, request: pytest.FixtureRequest) -> Iterator[tuple[LiveApp, list[Trainee]]]:
    count = getattr(request, "param", 10)
    trainees = prepare_database(tmp_path / "app-data", count + 1)
    app = start_live_app(tmp_path / "app-data")
    # the first run of each page imports its modules: one tab goes round once before anything is timed
    warm = asyncio.run(warm_up(app.url, trainees[-1], trainees[:-1], answer_key(app.data_dir)))
    assert warm.errors == [] and warm.leaks == [], warm
    yield app, trainees
    stop_live_app(app)


def _run(app: LiveApp, trainees: list[Trainee], seconds: float, think: tuple[float, float]) -> None:
    names = [tr.display_name for tr in trainees]
    key = answer_key(app.data_dir)
    reports = asyncio.run(run_load(app.url, trainees[:-1], key, seconds=seconds, think=think, names=names))
    summary = summarise(reports)
    for line in summary.lines():
        print(line)  # noqa: T201 - the benchmark figure (pytest -s shows it)
    assert summary.errors == []
    assert summary.leaks == []
    assert all(r.rounds >= 1 and r.quizzes >= 1 for r in reports), [(r.rounds, r.quizzes) for r in reports]


def test_ten_tabs_run_the_trainee_flow_without_errors_or_cross_session_data(load_app) -> None:  # type: ignore[no-untyped-def]
    app, trainees = load_app
    _run(app, trainees, seconds=45, think=(1.0, 3.0))


@pytest.mark.slow
@pytest.mark.parametrize("load_app", [50], indirect=True)
def test_fifty_tabs_for_ten_minutes_without_errors_or_cross_session_data(load_app) -> None:  # type: ignore[no-untyped-def]
    app, trainees = load_app
    _run(app, trainees, seconds=600, think=(3.0, 10.0))
