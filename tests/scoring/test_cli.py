"""The ``training-app score`` / ``eval`` / ``models train`` contract."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from training_app.cli import main

KEYS = {
    "status",
    "language",
    "duration_s",
    "rule_set_version",
    "model_version",
    "segments",
    "pacing",
    "claims",
    "engagement",
    "product_knowledge",
    "overall",
    "tips",
}


def test_score_text_json_contract(tmp_path: Path, capsys):
    src = tmp_path / "clip.txt"
    src.write_text("家人们好！\n这个洛川苹果全网最好吃\n点击下方小黄车\n", encoding="utf-8")
    assert main(["score", str(src), "--product", "luochuan-apple", "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert set(data) == KEYS
    assert data["language"] == "zh" and data["duration_s"] is None
    assert data["pacing"]["rate"] is None and data["pacing"]["rate_unit"] == "cpm"
    claim = data["claims"][0]
    assert {
        "category",
        "rule_id",
        "severity",
        "text",
        "start",
        "end",
        "legal_basis",
        "explanation",
        "suggestion",
    } <= set(claim)
    assert claim["start"] is None
    assert data["product_knowledge"]["covered"] and isinstance(data["overall"], float)


def test_score_json_transcript_detects_english(tmp_path: Path, capsys):
    src = tmp_path / "clip.json"
    segs = [
        {"start": 0.0, "end": 4.0, "text": "Hi everyone, these apples are crisp and sweet."},
        {"start": 4.5, "end": 8.0, "text": "Tap the cart below to order!"},
    ]
    src.write_text(json.dumps({"segments": segs}), encoding="utf-8")
    assert main(["score", str(src), "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["language"] == "en" and data["pacing"]["rate_unit"] == "wpm"
    assert data["duration_s"] == 8.0 and data["product_knowledge"] is None


@pytest.mark.parametrize(
    ("name", "content", "args"),
    [
        ("missing.txt", None, []),
        ("bad.json", "{not json", []),
        ("wrong.json", json.dumps({"segments": [{"text": 1}]}), []),
        ("empty.txt", "  \n", []),
        ("ok.txt", "你好", ["--product", "no-such-product"]),
    ],
)
def test_score_bad_input_one_line_error(tmp_path: Path, capsys, name, content, args):
    src = tmp_path / name
    if content is not None:
        src.write_text(content, encoding="utf-8")
    assert main(["score", str(src), *args, "--format", "json"]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and err.startswith("training-app:")


@pytest.mark.parametrize(
    ("args", "says"),
    [
        (["--apply-choice"], "--apply-choice needs --grid"),
        (["--grid", "--outer-groups", "-1"], "--outer-groups cannot be negative"),
    ],
)
def test_models_train_bad_flags_one_line_error_before_any_training(tmp_path: Path, capsys, args, says):
    assert main(["models", "train", "--output", str(tmp_path / "claims"), *args]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and err.startswith("training-app:") and says in err
    assert not (tmp_path / "claims").exists()
