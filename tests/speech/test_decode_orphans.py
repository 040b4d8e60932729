"""Issue #7: a worker SIGKILLed mid-decode left its decode child running and its ``decode-*`` temp dir behind.

Real processes throughout: a worker-like parent runs :func:`decode_in_subprocess` while the child sleeps on the
test-only ``TRAINING_APP_TEST_DECODE_DELAY_S`` hook; the test SIGKILLs the parent and watches the child through
``/proc``. The recycle-logging test runs a real huey consumer with process workers in its own interpreter.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import tempfile
import textwrap
import time
from pathlib import Path

import pytest
from speech.mediagen import tone, write_media
from sqlalchemy import Engine
from support.clips import clip_settings, worker_context

from training_app.services.media import LocalMediaStore
from training_app.speech import child_guard
from training_app.speech.child_guard import sweep_decode_dirs
from training_app.speech.decode_child import TEST_DELAY_ENV
from training_app.worker.consumer import sweep_once

pytestmark = pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="watches processes through /proc")

PARENT = textwrap.dedent(
    """
    import sys
    from pathlib import Path
    from training_app.speech.audio import AudioLimits, decode_in_subprocess
    decode_in_subprocess(Path(sys.argv[1]), AudioLimits.from_megabytes(10, 60), timeout_s=120)
    """
)


def _stat(pid: int) -> list[str] | None:
    """Fields 3… of /proc/<pid>/stat (state, ppid, …), or None once the process is gone."""
    try:
        text = Path(f"/proc/{pid}/stat").read_text(encoding="ascii", errors="replace")
    except OSError:
        return None
    return text[text.rindex(")") + 2 :].split()


def _gone(pid: int) -> bool:
    fields = _stat(pid)
    return fields is None or fields[0] == "Z"  # a zombie no longer runs (its new parent may be slow to reap)


def _decode_children(parent: int) -> list[int]:
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit() and (fields := _stat(int(entry.name))) and fields[1] == str(parent):
            try:
                if b"decode_child" in (entry / "cmdline").read_bytes():
                    found.append(int(entry.name))
            except OSError:
                continue
    return found


def _wait_for(predicate: object, timeout: float, what: str) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():  # type: ignore[operator]
            return
        time.sleep(0.05)
    pytest.fail(f"timed out after {timeout} s waiting for {what}")


def _dead_pid() -> int:
    proc = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, check=True)
    return int(proc.stdout)


@pytest.fixture
def wav(tmp_path: Path) -> Path:
    return write_media(tmp_path / "tone.wav", tone(1.0), container="wav", codec="pcm_s16le")


def test_decode_child_dies_with_its_sigkilled_parent_and_its_dir_is_swept(tmp_path: Path, wav: Path) -> None:
    tmp = tmp_path / "tmp"
    tmp.mkdir()
    env = dict(os.environ, TMPDIR=str(tmp), **{TEST_DELAY_ENV: "60"})
    parent = subprocess.Popen([sys.executable, "-c", PARENT, str(wav)], env=env, stderr=subprocess.PIPE)
    try:
        children: list[int] = []
        _wait_for(lambda: children.extend(_decode_children(parent.pid)) or children, 60, "the decode child")
        (child,) = children
        dirs = list(tmp.glob(f"decode-{parent.pid}-*"))
        assert len(dirs) == 1
        _wait_for((dirs[0] / "delaying").exists, 60, "the child to be past its parent-death setup")
        assert sweep_decode_dirs(tmp) == 0 and dirs[0].is_dir()  # the owner is alive: never removed

        os.kill(parent.pid, signal.SIGKILL)
        parent.wait(timeout=10)
        started = time.monotonic()
        _wait_for(lambda: _gone(child), 5, f"decode child {child} to die with its parent")
        print(f"decode child gone {time.monotonic() - started:.2f} s after its parent was SIGKILLed")
        assert dirs[0].is_dir()  # nobody cleaned up: the parent died

        assert sweep_decode_dirs(tmp) == 1
        assert not dirs[0].exists()
    finally:
        if parent.poll() is None:
            parent.kill()
            parent.wait()


def test_decode_child_exits_at_once_when_its_parent_is_already_gone(tmp_path: Path, wav: Path) -> None:
    """The race the prctl cannot close alone: the parent died before the child set PR_SET_PDEATHSIG."""
    result = tmp_path / "result.json"
    argv = [str(wav), str(10 << 20), "60", "1024", str(tmp_path / "a.npy"), str(result), str(_dead_pid())]
    env = dict(os.environ, **{TEST_DELAY_ENV: "60"})
    started = time.monotonic()
    child = subprocess.run([sys.executable, "-m", "training_app.speech.decode_child", *argv], env=env, timeout=60)
    assert child.returncode == 1 and not result.exists()
    assert time.monotonic() - started < 30  # did not sleep the 60 s hook


def test_decode_child_with_its_real_parent_still_decodes(tmp_path: Path, wav: Path) -> None:
    result = tmp_path / "result.json"
    argv = [str(wav), str(10 << 20), "60", "1024", str(tmp_path / "a.npy"), str(result), str(os.getpid())]
    subprocess.run([sys.executable, "-m", "training_app.speech.decode_child", *argv], check=True, timeout=60)
    assert result.read_text(encoding="utf-8").startswith('["ok"')


def test_sweep_removes_only_dirs_of_dead_owners(tmp_path: Path) -> None:
    me, dead = os.getpid(), _dead_pid()
    start = child_guard._start_time(me)
    assert start
    old = time.time() - 2 * child_guard.LEGACY_MAX_AGE_S
    names = {
        f"decode-{me}-{start}-abcd1234": True,  # this live process: kept
        f"decode-{me}-0-abcd1235": True,  # start time unknown (not Linux): the pid alone decides
        f"decode-{me}-{start + 1}-abcd1236": False,  # the pid was reused by another process: owner gone
        f"decode-{dead}-0-abcd1237": False,
        "decode-legacy01": True,  # the old naming, recent: may still be in use
        "decode-legacy02": False,  # the old naming, two days old
        "decode-notes": True,  # not ours
    }
    for name in names:
        (tmp_path / name).mkdir()
        (tmp_path / name / "audio.npy").write_bytes(b"x")
    os.utime(tmp_path / "decode-legacy02", (old, old))
    (tmp_path / f"decode-{dead}-0-file0001").write_bytes(b"a file, not a dir")

    assert sweep_decode_dirs(tmp_path) == 3
    assert {name for name, kept in names.items() if kept} | {f"decode-{dead}-0-file0001"} == {
        p.name for p in tmp_path.iterdir()
    }


def test_worker_media_sweep_removes_dead_owners_decode_dirs(
    tmp_path: Path, sqlite_engine: Engine, monkeypatch: pytest.MonkeyPatch
) -> None:
    tmp = tmp_path / "tmp"
    tmp.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(tmp))
    stale, live = tmp / f"decode-{_dead_pid()}-0-abcd1234", tmp / f"decode-{os.getpid()}-0-abcd1234"
    stale.mkdir(), live.mkdir()
    ctx = worker_context(sqlite_engine, clip_settings(tmp_path), LocalMediaStore(tmp_path / "media"))
    sweep_once(ctx, media=False)
    assert stale.is_dir()  # only the (ten-minutely) media sweep looks
    sweep_once(ctx, media=True)
    assert not stale.exists() and live.is_dir()


CONSUMER = textwrap.dedent(
    """
    import logging, os, signal, sys, time
    from huey import SqliteHuey
    from training_app.worker.consumer import ExplainingConsumer, RecyclingWorker, _process_environment

    logging.basicConfig(level=logging.INFO, format="%(name)s: %(message)s", stream=sys.stdout)
    huey = SqliteHuey(filename=sys.argv[1])

    @huey.task()
    def pid_of_worker():
        print("task in", os.getpid(), flush=True)
        return os.getpid()

    cls = type("C", (ExplainingConsumer,), {"worker_class": RecyclingWorker, "get_environment": _process_environment})
    consumer = cls(huey, workers=1, worker_type="process", periodic=False, check_worker_health=True,
                   health_check_interval=0.2, max_tasks=1, initial_delay=0.05, max_delay=0.2)
    consumer.start()
    results = [pid_of_worker(), pid_of_worker()]
    health, deadline = time.monotonic(), time.monotonic() + 90

    def pump(until):
        global health
        while not until() and time.monotonic() < deadline:
            health = consumer.loop(health)

    worker = lambda: consumer.worker_threads[0][1]
    pump(lambda: all(r.get() is not None for r in results))
    pids = [r.get() for r in results]
    assert len(set(pids)) == 2, pids  # one job per worker process
    pump(lambda: worker().pid not in pids and worker().is_alive())  # the second one recycled and replaced
    killed = worker().pid
    os.kill(killed, signal.SIGKILL)
    pump(lambda: worker().pid != killed)
    consumer.stop(graceful=True)
    """
)


def test_consumer_tells_a_recycled_worker_from_a_killed_one(tmp_path: Path) -> None:
    proc = subprocess.run(
        [sys.executable, "-c", CONSUMER, str(tmp_path / "huey.db")], capture_output=True, text=True, timeout=180
    )
    log = proc.stdout + proc.stderr
    assert proc.returncode == 0, log
    assert "recycled after 1 jobs, as configured" in log, log
    assert "was killed by SIGKILL" in log, log
    assert "died, restarting" in log  # huey's own line stays
