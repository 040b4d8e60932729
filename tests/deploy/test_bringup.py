"""deploy/README.md, executed: 2 app instances + 2 workers on PostgreSQL and Redis, one clip end to end.

The test runs every ``.venv/bin/training-app`` line of the README's bring-up and check blocks through ``bash`` exactly
as written (only the ports 8601/8602 become free ones; the settings the README exports point at throwaway
PostgreSQL and Redis servers). A clip goes in with ``clips import``; one of the two workers transcribes it with the
real Whisper base model; ``jobs status`` (a third process) and the database see it done; both instances answer their
health check. The long variant (``--run-slow``) also signs the trainee in on instance 2 in Chromium and opens the
take's report with the transcript. Then everything is stopped with SIGTERM and must be gone.
"""

from __future__ import annotations

import os
import re
import signal
import subprocess
import time
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import psutil
import pytest
from sqlalchemy import text
from sqlmodel import select
from support.clips import WHISPER_CACHE
from support.system import free_port, start_postgres, start_redis, stop_postgres, unavailable

from training_app.db.engine import make_engine, session_scope
from training_app.db.tables import Clip, Job, Transcript

pytestmark = pytest.mark.postgres

REPO = Path(__file__).resolve().parents[2]
README = REPO / "deploy" / "README.md"
TRAINING_APP = ".venv/bin/training-app"
LIMIT_S = 400  # a guard against hangs, not a benchmark: 174 s (289 s with the browser) at load average 24-30 on 2 cores
PASSWORD = "bringup-pw-2026"  # noqa: S105 - a throwaway role on a throwaway server


def readme_commands() -> list[str]:
    """The ``.venv/bin/training-app`` lines of the README's shell blocks, comments removed, in order."""
    blocks = re.findall(r"```sh\n(.*?)```", README.read_text("utf-8"), flags=re.S)
    lines = [line.split("  #")[0].strip() for block in blocks for line in block.splitlines()]
    return [line for line in lines if TRAINING_APP in line and not line.startswith("#")]


@dataclass
class Stack:
    env: dict[str, str]
    ports: tuple[int, int]
    logs: Path
    procs: list[subprocess.Popen[bytes]] = field(default_factory=list)
    outputs: list[Path] = field(default_factory=list)

    def command(self, line: str) -> str:
        return line.replace("8601", str(self.ports[0])).replace("8602", str(self.ports[1]))

    def run(self, line: str, timeout: float = 60) -> str:
        done = subprocess.run(["bash", "-c", self.command(line)], cwd=REPO, env=self.env, capture_output=True,
                              text=True, timeout=timeout)  # fmt: skip
        assert done.returncode == 0, f"{line}\n{done.stdout}\n{done.stderr}"
        return done.stdout + done.stderr

    def start(self, line: str) -> None:
        log = self.logs / f"proc{len(self.procs)}.log"
        with log.open("wb") as out:
            command = ["bash", "-c", "exec " + self.command(line).rstrip("& ")]
            proc = subprocess.Popen(command, cwd=REPO, env=self.env, stdout=out, stderr=subprocess.STDOUT,
                                    start_new_session=True)  # fmt: skip
        self.procs.append(proc)
        self.outputs.append(log)

    def output(self) -> str:
        return "\n".join(f"== {p.name}\n{p.read_text('utf-8', 'replace')[-3000:]}" for p in self.outputs)


def _create_database(admin_url: str) -> str:
    engine = make_engine(admin_url)
    with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
        conn.execute(text("DROP DATABASE IF EXISTS academy"))
        conn.execute(text("DROP ROLE IF EXISTS academy"))
        conn.execute(text(f"CREATE ROLE academy LOGIN PASSWORD '{PASSWORD}'"))
        conn.execute(text("CREATE DATABASE academy OWNER academy"))
    engine.dispose()
    host_port = admin_url.split("@", 1)[1].rsplit("/", 1)[0]
    return f"postgresql://academy:{PASSWORD}@{host_port}/academy"


@pytest.fixture
def stack(tmp_path: Path) -> Iterator[Stack]:
    if not (REPO / TRAINING_APP).exists():
        unavailable(f"{TRAINING_APP} missing (make setup)")
    admin_url, pg_base = start_postgres()
    redis_url, redis = start_redis()
    env = dict(
        os.environ,
        TRAINING_APP_DATABASE_URL=_create_database(admin_url),
        TRAINING_APP_QUEUE_URL=redis_url,
        TRAINING_APP_MEDIA_DIR=str(tmp_path / "srv" / "media"),
        TRAINING_APP_DATA_DIR=str(tmp_path / "srv" / "data"),
        TRAINING_APP_ENVIRONMENT="production",
        TRAINING_APP_WHISPER_CACHE_DIR=str(WHISPER_CACHE),  # assembled once per machine for the test suite
        PYTHONUNBUFFERED="1",
    )
    logs = tmp_path / "logs"
    logs.mkdir()
    stack = Stack(env=env, ports=(free_port(), free_port()), logs=logs)
    try:
        yield stack
    finally:
        _stop(stack.procs)
        redis.terminate()
        redis.wait(10)
        stop_postgres(pg_base)


def _stop(procs: list[subprocess.Popen[bytes]], grace: float = 20) -> list[str]:
    """SIGTERM to every process group; returns the commands that had to be killed after ``grace`` seconds."""
    for proc in procs:
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGTERM)
    deadline, killed = time.monotonic() + grace, []
    for proc in procs:
        try:
            proc.wait(max(0.1, deadline - time.monotonic()))
        except subprocess.TimeoutExpired:
            killed.append(" ".join(map(str, proc.args)))
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait()
    return killed


def _healthy(port: int, timeout: float = 40) -> str:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/_stcore/health", timeout=2) as resp:  # noqa: S310
                return str(resp.read().decode())
        except OSError:
            time.sleep(0.3)
    raise AssertionError(f"instance on port {port} not healthy")


def _wait_transcribed(url: str, timeout: float) -> tuple[Clip, list[Transcript], list[Job]]:
    engine = make_engine(url)
    deadline = time.monotonic() + timeout
    try:
        while True:
            with session_scope(engine, write=False) as s:
                clip = s.exec(select(Clip)).first()
                if clip is not None and clip.status in ("scored", "no_speech", "failed") or time.monotonic() > deadline:
                    assert clip is not None
                    return clip, list(s.exec(select(Transcript))), list(s.exec(select(Job)))
            time.sleep(0.5)
    finally:
        engine.dispose()


MAIN = "[data-testid='stMainBlockContainer']"


def _report_on(port: int, create_user: str) -> str:
    """Sign in on the given instance in Chromium as the README's user, open the take's report; returns its text."""
    from support.browser import launch_chromium, sign_in

    username = re.search(r"--username (\S+)", create_user)
    password = re.search(r"echo '([^']+)'", create_user)
    assert username and password, create_user
    browsers = launch_chromium()
    browser = next(browsers)
    try:
        page = browser.new_context(viewport={"width": 1280, "height": 800}, locale="zh-CN").new_page()  # type: ignore[attr-defined]
        page.set_default_timeout(90_000)
        page.goto(f"http://127.0.0.1:{port}")
        sign_in(page, username.group(1), password.group(1))
        page.get_by_role("link", name=re.compile("练习直播")).first.click()
        main = page.locator(MAIN)
        main.get_by_text("练习直播").first.wait_for()
        consent = main.get_by_role("button", name="我已阅读并同意")
        if consent.count():
            consent.click()
        main.get_by_role("link", name=re.compile("查看评分报告")).first.click()
        main.get_by_text("你说的话（听写）").wait_for()
        return str(main.inner_text())
    finally:
        browsers.close()


def _group_alive(procs: list[subprocess.Popen[bytes]]) -> list[str]:
    alive = []
    for proc in psutil.process_iter(["pid", "cmdline"]):
        try:
            if os.getpgid(proc.pid) in {p.pid for p in procs} and proc.status() != psutil.STATUS_ZOMBIE:
                alive.append(" ".join(proc.info["cmdline"] or []))
        except (ProcessLookupError, psutil.NoSuchProcess):
            continue
    return alive


def test_readme_bringup_two_instances_two_workers_one_clip_end_to_end(stack: Stack) -> None:
    _bringup(stack, read_in_browser=False)


@pytest.mark.slow
@pytest.mark.browser
def test_readme_bringup_take_read_on_the_other_instance_in_browser(stack: Stack) -> None:
    _bringup(stack, read_in_browser=True)


def _bringup(stack: Stack, *, read_in_browser: bool) -> None:
    started = time.monotonic()
    marks: dict[str, float] = {}
    commands = readme_commands()
    assert [c.split(TRAINING_APP)[1].split()[0] for c in commands] == [
        "migrate", "serve", "serve", "worker", "worker", "create-user", "clips", "jobs",
    ]  # fmt: skip
    migrate, *background = commands[:5]
    assert "One-time password" in stack.run(migrate)
    marks["migrated"] = time.monotonic() - started
    for line in background:
        assert line.endswith("&")
        stack.start(line)
    assert [_healthy(port) for port in stack.ports] == ["ok", "ok"], stack.output()
    marks["healthy"] = time.monotonic() - started
    create_user, clips_import, jobs_status = commands[5:]
    stack.run(create_user)
    stack.run(clips_import)

    clip, transcripts, jobs = _wait_transcribed(stack.env["TRAINING_APP_DATABASE_URL"], timeout=150)
    marks["transcribed"] = time.monotonic() - started
    status = stack.run(jobs_status)

    print("bring-up timings so far (s):", {k: round(v, 1) for k, v in marks.items()})
    assert clip.status == "scored", stack.output()
    assert "done 1" in status, status
    assert len(transcripts) == 1 and len(jobs) == 1 and jobs[0].status == "done" and jobs[0].attempts == 1
    assert "dark suit in greasy" in " ".join(s["text"] for s in transcripts[0].data["segments"]).lower()
    executed = [p.name for p in stack.outputs if "executed in" in p.read_text("utf-8", "replace")]
    assert len(executed) == 1, stack.output()  # exactly one of the two workers ran the job
    assert all(p.poll() is None for p in stack.procs), stack.output()
    if read_in_browser:
        report = _report_on(stack.ports[1], create_user)  # the other instance than the first in the README
        marks["read_on_instance_2"] = time.monotonic() - started
        assert "dark suit" in report.lower(), report[:2000]
    assert _stop(stack.procs) == [], stack.output()  # every process ends on SIGTERM, nothing needs SIGKILL
    marks["stopped"] = time.monotonic() - started
    print("bring-up timings (s):", {k: round(v, 1) for k, v in marks.items()})
    assert _group_alive(stack.procs) == []
    assert marks["stopped"] < LIMIT_S, marks
