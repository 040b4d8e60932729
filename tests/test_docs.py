"""Docs as tests: every setting and every command is documented in the README; the README opens with the two
commands."""

from __future__ import annotations

import argparse
from pathlib import Path

import pytest

from training_app.cli import build_parser
from training_app.config import Settings

README = (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")


@pytest.mark.parametrize("name", sorted(Settings.model_fields))
def test_every_setting_documented(name: str) -> None:
    assert f"TRAINING_APP_{name.upper()}" in README


def _commands(parser: argparse.ArgumentParser, prefix: str = "") -> list[str]:
    found = []
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for name, sub in action.choices.items():
                full = f"{prefix}{name}"
                nested = _commands(sub, full + " ")
                found.extend(nested or [full])
    return found


@pytest.mark.parametrize("command", _commands(build_parser()))
def test_every_command_documented(command: str) -> None:
    assert f"training-app {command}" in README


def test_readme_opens_with_the_two_commands() -> None:
    block = README.split("```sh", 1)[1].split("```", 1)[0]
    assert [line.split("#")[0].strip() for line in block.strip().splitlines()] == ["make run", "make test"]
