"""Layers point one way: ui → services → db / speech / scoring / catalog → config. Only ui/ imports streamlit."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "training_app"
# What each layer must not import (a lower layer never reaches up).
FORBIDDEN = {
    "db": (
        "training_app.services",
        "training_app.ui",
        "training_app.cli",
        "training_app.scoring",
        "training_app.speech",
    ),
    "catalog": ("training_app.services", "training_app.ui", "training_app.cli"),
    "speech": ("training_app.services", "training_app.ui", "training_app.cli", "training_app.db"),
    "scoring": ("training_app.services", "training_app.ui", "training_app.cli", "training_app.db"),
    "services": ("training_app.ui", "training_app.cli"),
    "i18n": ("training_app.services", "training_app.ui", "training_app.db"),
    "certification": ("training_app.services", "training_app.ui", "training_app.cli", "training_app.db"),
    "worker": ("training_app.ui", "training_app.cli"),
}


def _imports(path: Path) -> set[str]:
    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module)
    return names


def _modules() -> list[Path]:
    return sorted(PACKAGE.rglob("*.py"))


@pytest.mark.parametrize("path", _modules(), ids=lambda p: str(p.relative_to(PACKAGE)))
def test_streamlit_imported_only_in_ui(path: Path) -> None:
    if path.relative_to(PACKAGE).parts[0] == "ui":
        return
    assert not any(name == "streamlit" or name.startswith("streamlit.") for name in _imports(path)), path


@pytest.mark.parametrize("path", _modules(), ids=lambda p: str(p.relative_to(PACKAGE)))
def test_layers_point_down(path: Path) -> None:
    layer = path.relative_to(PACKAGE).parts[0]
    banned = FORBIDDEN.get(layer, ())
    bad = [name for name in _imports(path) if name.startswith(banned)] if banned else []
    assert not bad, f"{path} imports {bad}"
