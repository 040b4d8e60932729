"""Every catalog key exists in zh and en; every key used in code exists; pages contain no untranslated literal."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest
import yaml

from training_app.i18n import CATALOG_DIR, catalog, t

PACKAGE = Path(__file__).resolve().parents[1] / "training_app"
UI = PACKAGE / "ui"
_HAS_WORDS = re.compile(r"[A-Za-z\u4e00-\u9fff]{2,}")
# Strings passed positionally to these st.* calls are shown to the user.
_DISPLAY_CALLS = {
    "title", "header", "subheader", "caption", "text", "markdown", "write", "info", "warning", "error", "success",
    "button", "form_submit_button", "text_input", "text_area", "number_input", "selectbox", "multiselect", "radio",
    "checkbox", "toggle", "file_uploader", "audio_input", "download_button", "page_link", "metric", "expander",
    "tabs", "slider", "select_slider", "date_input", "toast", "link_button", "segmented_control", "pills",
}  # fmt: skip


def test_catalog_files_parse_and_every_key_has_both_languages() -> None:
    problems = []
    for path in sorted(CATALOG_DIR.glob("*.yaml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        for key, texts in data.items():
            if (
                not isinstance(texts, dict)
                or not str(texts.get("zh", "")).strip()
                or not str(texts.get("en", "")).strip()
            ):
                problems.append(f"{path.name}: {key}")
    assert not problems, problems


def test_placeholders_match_between_languages() -> None:
    fields = re.compile(r"{(\w+)}")
    bad = [
        key for key, texts in catalog().items() if set(fields.findall(texts["zh"])) != set(fields.findall(texts["en"]))
    ]
    assert not bad, bad


def _literal_keys() -> set[str]:
    keys: set[str] = set()
    for path in PACKAGE.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not isinstance(node, ast.Call) or not node.args:
                continue
            func = node.func
            name = func.id if isinstance(func, ast.Name) else func.attr if isinstance(func, ast.Attribute) else ""
            first = node.args[0]
            is_key_call = (
                name in {"t", "tr"}
                or name.endswith("Error")
                or name
                in {
                    "InvalidInput",
                    "NotFound",
                    "PermissionDenied",
                    "Conflict",
                    "InputRejected",
                    "AuthenticationFailed",
                    "RateLimited",
                }
            )
            if is_key_call and isinstance(first, ast.Constant) and isinstance(first.value, str) and "." in first.value:
                keys.add(first.value)
    return keys


def test_every_literal_key_used_in_code_exists() -> None:
    missing = sorted(k for k in _literal_keys() if k not in catalog() and " " not in k)
    assert not missing, missing


def _untranslated(path: Path) -> list[str]:
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)):
            continue
        if node.func.attr not in _DISPLAY_CALLS:
            continue
        for arg in node.args[:1]:
            strings = [arg] if isinstance(arg, ast.Constant) else getattr(arg, "elts", [])
            for item in strings:
                if isinstance(item, ast.Constant) and isinstance(item.value, str) and _HAS_WORDS.search(item.value):
                    found.append(f"{path.name}:{item.lineno}: {item.value[:40]!r}")
    return found


@pytest.mark.parametrize("path", sorted(UI.rglob("*.py")), ids=lambda p: str(p.relative_to(UI)))
def test_ui_has_no_untranslated_literal(path: Path) -> None:
    assert not _untranslated(path)


def test_missing_key_shows_key_not_crash() -> None:
    assert t("no.such.key", "en") == "no.such.key"
