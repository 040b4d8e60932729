"""The command line: --help everywhere, one-line errors with a non-zero exit, the user commands end to end."""

from __future__ import annotations

import argparse
import subprocess
import sys
from pathlib import Path

import pytest

from training_app.cli import build_parser

REPO = Path(__file__).resolve().parents[2]


def _all_parsers(parser: argparse.ArgumentParser, path: tuple[str, ...] = ()) -> list[tuple[str, ...]]:
    found = [path]
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for name, sub in action.choices.items():
                found.extend(_all_parsers(sub, (*path, name)))
    return found


def _run(*args: str, env: dict[str, str] | None = None, stdin: str = "") -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "training_app.cli", *args],
        input=stdin,
        capture_output=True,
        text=True,
        env=env,
        cwd=REPO,
        timeout=120,
    )


@pytest.mark.parametrize("path", _all_parsers(build_parser()), ids=lambda p: " ".join(p) or "root")
def test_help_everywhere(path: tuple[str, ...], capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exc:
        build_parser().parse_args([*path, "--help"])
    assert exc.value.code == 0
    assert "usage:" in capsys.readouterr().out


@pytest.mark.parametrize("args", [["no-such-command"], ["create-user", "--role", "boss"], ["serve", "--port", "x"]])
def test_bad_arguments_one_line_error_nonzero(args: list[str]) -> None:
    result = _run(*args)
    assert result.returncode == 2
    assert len(result.stderr.strip().splitlines()) == 1, result.stderr


@pytest.fixture
def env(tmp_path: Path) -> dict[str, str]:
    import os

    return dict(os.environ, TRAINING_APP_DATA_DIR=str(tmp_path / "data"))


def test_create_user_weak_password_one_line_bilingual_error(env: dict[str, str]) -> None:
    result = _run("create-user", "--username", "t1", "--role", "trainee", "--password-stdin", env=env, stdin="abc\n")
    assert result.returncode == 2
    line = result.stderr.strip()
    assert "\n" not in line and "密码太短" in line and "Password too short" in line


def test_import_users_all_or_nothing_reports_every_bad_row(env: dict[str, str], tmp_path: Path) -> None:
    assert _run("seed-demo", env=env).returncode == 0
    csv = tmp_path / "users.csv"
    csv.write_text(
        "name,username,county,cohort,role\n"
        "王五,wangwu,demo-county-a,demo-cohort-a1,trainee\n"
        ",nameless,【演示】洛川县 Demo county A,【演示】洛川 2026 春季班 Demo cohort A1,trainee\n"
        "赵六,zhaoliu,不存在县,某班,trainee\n"
        "钱七,wangwu,【演示】洛川县 Demo county A,【演示】洛川 2026 春季班 Demo cohort A1,chef\n",
        encoding="utf-8",
    )
    result = _run("import-users", str(csv), "--agency", "demo-agency", env=env)
    assert result.returncode == 2
    errors = [line for line in result.stderr.splitlines() if line.startswith(str(csv))]
    assert [e.split(":")[1] for e in errors] == ["3", "4", "5"]
    ok = tmp_path / "ok.csv"
    ok.write_text("\n".join(csv.read_text(encoding="utf-8").splitlines()[:2]) + "\n", encoding="utf-8")
    result = _run("import-users", str(ok), "--agency", "demo-agency", env=env)
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("username,initial_password\nwangwu,")
