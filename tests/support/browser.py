"""Real-browser test support: the app served by ``training-app serve`` and Debian's Chromium via Playwright.

Never ``playwright install``: we drive /usr/bin/chromium with the flags checked in environment-notes.md.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from support.system import free_port, unavailable

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking",
    "--disable-component-update", "--disable-sync", "--disable-quic",
]  # fmt: skip
REPO = Path(__file__).resolve().parents[2]


@dataclass
class LiveApp:
    url: str
    data_dir: Path
    env: dict[str, str]
    process: subprocess.Popen[str]
    output: list[str] = field(default_factory=list)

    @property
    def admin_password(self) -> str | None:
        for line in self.output:
            match = re.search(r"One-time password: (\S+)", line)
            if match:
                return match.group(1)
        return None

    def cli(self, *args: str, stdin: str | None = None) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [sys.executable, "-m", "training_app.cli", *args],
            input=stdin,
            env=self.env,
            capture_output=True,
            text=True,
            timeout=300,
            cwd=REPO,
        )


def _wait_healthy(app: LiveApp, timeout: float = 90) -> None:
    deadline = time.time() + timeout
    while time.time() < deadline:
        if app.process.poll() is not None:
            raise RuntimeError("app exited early:\n" + "".join(app.output))
        try:
            with urllib.request.urlopen(f"{app.url}/_stcore/health", timeout=2) as resp:  # noqa: S310 - loopback
                if resp.read().strip() == b"ok":
                    return
        except OSError:
            time.sleep(0.3)
    raise RuntimeError("app did not become healthy")


def start_live_app(data_dir: Path, extra_env: dict[str, str] | None = None) -> LiveApp:
    port = free_port()
    env = dict(os.environ, TRAINING_APP_DATA_DIR=str(data_dir), PYTHONUNBUFFERED="1", **(extra_env or {}))
    proc = subprocess.Popen(
        [sys.executable, "-m", "training_app.cli", "serve", "--port", str(port)],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        cwd=REPO,
    )
    app = LiveApp(url=f"http://127.0.0.1:{port}", data_dir=data_dir, env=env, process=proc)
    _read_startup(app)
    _wait_healthy(app)
    return app


def _read_startup(app: LiveApp) -> None:
    """Read the banner (up to the URL line) so the one-time password is available; the rest is drained."""
    assert app.process.stdout is not None
    for line in app.process.stdout:
        app.output.append(line)
        if "Rural Livestream Academy: http" in line:
            break
    import threading

    def drain() -> None:
        assert app.process.stdout is not None
        for line in app.process.stdout:
            app.output.append(line)

    threading.Thread(target=drain, daemon=True).start()


def stop_live_app(app: LiveApp) -> None:
    app.process.terminate()
    try:
        app.process.wait(timeout=15)
    except subprocess.TimeoutExpired:
        app.process.kill()


def launch_chromium(extra_args: list[str] | None = None) -> Iterator[object]:
    """Yield a Playwright Browser on Debian's Chromium (skip locally / fail in CI when missing)."""
    if not Path(CHROMIUM).exists() or shutil.which("chromium") is None:
        unavailable("Chromium not installed (apt-get install chromium fonts-noto-cjk)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS + (extra_args or []))
        try:
            yield browser
        finally:
            browser.close()


def sign_in(page: object, username: str, password: str) -> None:
    """Fill the sign-in form (the first text inputs on the sign-in page) and wait for the home page."""
    page.get_by_label(re.compile("用户名|Username")).fill(username)  # type: ignore[attr-defined]
    page.get_by_label(re.compile("^密码$|^Password$")).fill(password)  # type: ignore[attr-defined]
    page.get_by_role("button", name=re.compile("^登录$|^Sign in$")).click()  # type: ignore[attr-defined]
