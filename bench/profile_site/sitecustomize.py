"""Profiling hook for ``bench/load.py --profile DIR`` (put on PYTHONPATH of the app only; does nothing otherwise).

In the Streamlit process, every script run (one rerun: app.py, the page and Streamlit's after-run work such as
its ``runner.postScriptGC`` collection) that starts once ``DIR/start`` exists (load.py creates it after the
warm-up) is profiled with cProfile, and the stats so far are written to ``DIR/runs.prof`` after each run (read
them with ``pstats``).
Runs are serialised while profiling, so round-trips measured in that mode are not representative.
"""

from __future__ import annotations

import os
import sys

_DIR = os.environ.get("LOAD_BENCH_PROFILE_DIR")

if _DIR and any("web_server" in arg for arg in sys.argv):
    import cProfile
    import threading
    from typing import Any

    from streamlit.runtime.scriptrunner import script_runner

    _original = script_runner.ScriptRunner._run_script
    _profile = cProfile.Profile()
    _lock = threading.Lock()
    _start_file = os.path.join(_DIR, "start")
    _runs = [0]

    def _profiled(self: Any, *args: Any, **kwargs: Any) -> Any:
        if not os.path.exists(_start_file):
            return _original(self, *args, **kwargs)
        with _lock:
            _profile.enable()
            try:
                return _original(self, *args, **kwargs)
            finally:
                _profile.disable()
                _runs[0] += 1
                _profile.dump_stats(os.path.join(_DIR, "runs.prof"))
                with open(os.path.join(_DIR, "runs.txt"), "w", encoding="utf-8") as fh:
                    fh.write(f"{_runs[0]}\n")

    script_runner.ScriptRunner._run_script = _profiled  # type: ignore[method-assign]
