"""Load: N simulated trainee tabs (Streamlit's websocket protocol, tests/support/st_client.py) against a real
``training-app serve`` on loopback, running the trainee flow of tests/load/flow.py with think time.

Run: .venv/bin/python bench/load.py [--sessions 50] [--seconds 600] [--think 3 10]

Prints errors and cross-session findings (both must be 0), p50/p95/max interaction round-trip (request sent →
script run finished; goal p95 ≤ 1.5 s) overall and per step, the app's CPU seconds (Streamlit + worker
processes) per interaction, and the machine's load average, which says how much else was running.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import sys
import tempfile
import time
from pathlib import Path

import psutil

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

from load.flow import answer_key, prepare_database, run_load, summarise, warm_up  # noqa: E402
from support.browser import start_live_app, stop_live_app  # noqa: E402


def _cpu_seconds(pid: int) -> float:
    proc = psutil.Process(pid)
    total = 0.0
    for p in [proc, *proc.children(recursive=True)]:
        try:
            times = p.cpu_times()
            total += times.user + times.system
        except psutil.NoSuchProcess:
            continue
    return total


def _profile_env(directory: Path | None) -> dict[str, str] | None:
    if directory is None:
        return None
    directory = directory.resolve()
    directory.mkdir(parents=True, exist_ok=True)
    (directory / "start").unlink(missing_ok=True)
    hook = str(ROOT / "bench" / "profile_site")
    path = os.pathsep.join(p for p in (hook, os.environ.get("PYTHONPATH", "")) if p)
    return {"PYTHONPATH": path, "LOAD_BENCH_PROFILE_DIR": str(directory)}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sessions", type=int, default=50)
    parser.add_argument("--seconds", type=float, default=600)
    parser.add_argument("--think", type=float, nargs=2, default=(3.0, 10.0), metavar=("MIN", "MAX"))
    parser.add_argument(
        "--ramp",
        type=float,
        default=0.0,
        help="arrivals spread over this many seconds "
        "(default: the longest think time, i.e. a class signing in at once)",
    )
    parser.add_argument("--app-log", type=Path, help="write the app's output (Streamlit and worker) to this file")
    parser.add_argument(
        "--profile",
        type=Path,
        metavar="DIR",
        help="cProfile the Streamlit script runs after the warm-up into DIR/runs.prof and print the top functions "
        "(bench/profile_site/sitecustomize.py; runs are serialised, so round-trips are not representative)",
    )
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="training-app-load-") as tmp:
        data_dir = Path(tmp) / "app-data"
        everyone = prepare_database(data_dir, args.sessions + 1)
        trainees, names = everyone[:-1], [t.display_name for t in everyone]
        app = start_live_app(data_dir, _profile_env(args.profile))
        try:
            key = answer_key(data_dir)
            warm = asyncio.run(warm_up(app.url, everyone[-1], trainees, key))  # page imports are not timed
            print("warm-up round:", "ok" if not warm.errors + warm.leaks else warm.errors + warm.leaks)
            if args.profile:
                (args.profile / "start").touch()  # the hook profiles runs from now on
            cpu0, wall0, load0 = _cpu_seconds(app.process.pid), time.monotonic(), os.getloadavg()
            reports = asyncio.run(
                run_load(
                    app.url, trainees, key, seconds=args.seconds, think=tuple(args.think), names=names, ramp=args.ramp
                )
            )
            cpu = _cpu_seconds(app.process.pid) - cpu0
            wall, load1 = time.monotonic() - wall0, os.getloadavg()
        finally:
            stop_live_app(app)
            if args.app_log:
                args.app_log.write_text("".join(app.output), encoding="utf-8")
    summary = summarise(reports)
    think = f"{args.think[0]}–{args.think[1]} s"
    print(
        f"{args.sessions} sessions × {args.seconds:.0f} s, think {think}, ramp {args.ramp or args.think[1]} s, "
        f"wall {wall:.0f} s"
    )
    for line in summary.lines():
        print(line)
    per = cpu / summary.interactions if summary.interactions else 0.0
    print(f"app CPU {cpu:.0f} s over {wall:.0f} s = {cpu / wall:.2f} cores; {per * 1000:.0f} ms CPU per interaction")
    print(f"load average before {load0[0]:.1f} / after {load1[0]:.1f} (1 min), {os.cpu_count()} cores")
    if args.profile and (args.profile / "runs.prof").exists():
        import pstats

        runs = (args.profile / "runs.txt").read_text(encoding="utf-8").strip()
        print(f"profile of {runs} script runs: {args.profile / 'runs.prof'}")
        pstats.Stats(str(args.profile / "runs.prof")).sort_stats("cumulative").print_stats(40)
    for leak in summary.leaks:
        print("CROSS-SESSION", leak)
    for error in summary.errors[:30]:
        print("ERROR", error[:300])
    return 0 if not summary.errors and not summary.leaks else 1


if __name__ == "__main__":
    raise SystemExit(main())
