"""``training-app serve`` starts one worker beside the app and stops it (and Streamlit) when it is stopped."""

from __future__ import annotations

import time
from pathlib import Path

import psutil
from support.browser import start_live_app, stop_live_app


def _alive(procs: list[psutil.Process]) -> list[psutil.Process]:
    return [p for p in procs if p.is_running() and p.status() != psutil.STATUS_ZOMBIE]


def test_serve_stopped_with_sigterm_stops_worker_and_streamlit(tmp_path: Path) -> None:
    app = start_live_app(tmp_path / "data")
    try:
        serve = psutil.Process(app.process.pid)
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            children = serve.children(recursive=True)
            if any("worker" in " ".join(c.cmdline()) for c in children):
                break
            time.sleep(0.3)
        cmdlines = [" ".join(c.cmdline()) for c in children]
        assert any("training_app.cli worker" in c for c in cmdlines), cmdlines
        assert any("streamlit run" in c for c in cmdlines), cmdlines
        # no forced full garbage collection after every rerun (it cost ~200 ms of CPU per interaction)
        assert any("streamlit run" in c and "--runner.postScriptGC false" in c for c in cmdlines), cmdlines
    finally:
        stop_live_app(app)  # SIGTERM
    _, still = psutil.wait_procs(children, timeout=20)
    assert _alive(still) == [], [" ".join(p.cmdline()) for p in _alive(still)]
