"""``serve``, ``migrate``, ``seed-demo``: running the app and preparing its database."""

from __future__ import annotations

import argparse
import os
import signal
import subprocess
import sys
from pathlib import Path

from training_app.i18n import t

APP_FILE = Path(__file__).resolve().parent.parent / "ui" / "web_server.py"  # st.App: app.py + the cookie route


def register(sub: argparse._SubParsersAction, models_sub: argparse._SubParsersAction) -> None:
    serve = sub.add_parser("serve", help="prepare the database and run the web app")
    serve.add_argument("--host", default="127.0.0.1", help="address to listen on (default 127.0.0.1)")
    serve.add_argument("--port", type=int, default=8501, help="port (default 8501)")
    serve.add_argument(
        "--workers",
        type=int,
        default=1,
        help="worker processes to run alongside (default 1; 0 when workers run elsewhere)",
    )
    serve.set_defaults(handler=serve_cmd)
    migrate = sub.add_parser("migrate", help="apply database migrations and create the first administrator")
    migrate.set_defaults(handler=migrate_cmd)
    demo = sub.add_parser("seed-demo", help="load a demo organisation (clearly marked as demo data)")
    demo.set_defaults(handler=seed_demo_cmd)


def _prepare() -> tuple[object, object]:
    from training_app.config import get_settings
    from training_app.services.startup import engine_for, prepare

    settings = get_settings()
    engine = engine_for(settings)
    report = prepare(engine, settings)
    if report.first_admin_password:
        print(t("accounts.first_admin_created", "zh", username="admin", password=report.first_admin_password))
        print(t("accounts.first_admin_created", "en", username="admin", password=report.first_admin_password))
    return settings, engine


def migrate_cmd(args: argparse.Namespace) -> int:
    _prepare()
    print("migrated / 数据库已是最新")
    return 0


def streamlit_command(host: str, port: int) -> list[str]:
    return [
        sys.executable, "-m", "streamlit", "run", str(APP_FILE),
        "--server.address", host, "--server.port", str(port), "--server.headless", "true",
        "--browser.gatherUsageStats", "false", "--client.showErrorDetails", "none",
        "--client.toolbarMode", "minimal", "--server.fileWatcherType", "none",
        "--global.developmentMode", "false", "--theme.base", "light",
        # Streamlit's default runs a full gc.collect() after every script run: measured 177-207 ms of CPU per
        # interaction (six times the app's own 13-34 ms), which alone made 50 concurrent trainees need ~2.4 cores.
        # Python's generational collector still runs as usual.
        "--runner.postScriptGC", "false",
    ]  # fmt: skip


def serve_cmd(args: argparse.Namespace) -> int:
    _prepare()
    url = f"http://{args.host}:{args.port}"
    print(f"乡村直播学院 Rural Livestream Academy: {url}")
    print("登录 / Sign in: admin + 上面的一次性密码 (the one-time password above, first start only);")
    print("  试用演示数据 / demo data: .venv/bin/training-app seed-demo")
    sys.stdout.flush()
    env = dict(os.environ, STREAMLIT_BROWSER_GATHER_USAGE_STATS="false")
    worker_cmd = [sys.executable, "-m", "training_app.cli", "worker", "--concurrency", "1"]
    workers = [
        subprocess.Popen(worker_cmd, env=env, preexec_fn=_end_with_parent)  # preexec only sets a death signal
        for _ in range(max(args.workers, 0))
    ]
    signal.signal(signal.SIGTERM, _exit_on_sigterm)  # run the clean-up below instead of dying at once
    try:
        return subprocess.call(streamlit_command(args.host, args.port), env=env)
    finally:
        for worker in workers:
            stop_worker(worker)


def _exit_on_sigterm(signum: int, _frame: object) -> None:
    raise SystemExit(128 + signum)  # subprocess.call kills Streamlit on the way out; finally stops the workers


def _end_with_parent() -> None:
    """In the worker child (Linux): receive SIGTERM if ``serve`` dies without cleaning up (SIGKILL, crash)."""
    try:
        import ctypes

        ctypes.CDLL("libc.so.6", use_errno=True).prctl(1, signal.SIGTERM)  # PR_SET_PDEATHSIG
    except (OSError, AttributeError):
        pass


def stop_worker(worker: subprocess.Popen[bytes], timeout: float = 15.0) -> None:
    """SIGTERM interrupts the running job, which goes back to the queue without using up an attempt."""
    if worker.poll() is None:
        worker.terminate()
        try:
            worker.wait(timeout)
        except subprocess.TimeoutExpired:
            worker.kill()
            worker.wait()


def seed_demo_cmd(args: argparse.Namespace) -> int:
    from training_app.services.accounts import system_actor
    from training_app.services.demo import DEMO_PASSWORD, seed_demo
    from training_app.services.uow import unit_of_work

    _, engine = _prepare()
    with unit_of_work(engine) as session:  # type: ignore[arg-type]
        created = seed_demo(session, system_actor())
    if created:
        print(t("accounts.demo_loaded", "zh", password=DEMO_PASSWORD))
        print(t("accounts.demo_loaded", "en", password=DEMO_PASSWORD))
    else:
        print(t("accounts.demo_exists", "zh") + " / " + t("accounts.demo_exists", "en"))
    return 0
