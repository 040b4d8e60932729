"""The ``training-app transcribe`` contract, run as a real subprocess."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import numpy as np
import pytest
from speech.mediagen import RATE, SPEECH_DIR

KEYS = ["status", "language", "duration_s", "model", "segments"]


@pytest.fixture
def cli(tmp_path: Path, whisper_cache: Path) -> Callable[..., subprocess.CompletedProcess[str]]:
    env = {
        **os.environ,
        "TRAINING_APP_DATA_DIR": str(tmp_path / "data"),
        "TRAINING_APP_WHISPER_CACHE_DIR": str(whisper_cache),
    }

    def run(*args: str) -> subprocess.CompletedProcess[str]:
        command = [sys.executable, "-c", "from training_app.cli import run; run()", *args]
        return subprocess.run(command, capture_output=True, text=True, env=env, timeout=300, check=False)

    return run


def test_transcribe_json_contract(cli: Callable[..., subprocess.CompletedProcess[str]]) -> None:
    result = cli("transcribe", str(SPEECH_DIR / "zh_funasr_asr_example.flac"), "--format", "json")
    assert result.returncode == 0, result.stderr
    assert "欢迎" in result.stdout  # ensure_ascii=False: characters, not \\u escapes
    data = json.loads(result.stdout)
    assert list(data) == KEYS
    assert data["status"] == "transcribed" and data["language"] == "zh"
    assert data["duration_s"] == pytest.approx(5.55, abs=0.05)
    assert data["model"]["backend"] == "faster-whisper" and data["model"]["name"] == "base"
    segment = data["segments"][0]
    assert list(segment) == ["start", "end", "text", "words"]
    assert list(segment["words"][0]) == ["start", "end", "word"]
    assert all(len(w["word"]) == 1 for w in segment["words"])


def test_transcribe_no_speech_exits_zero(
    cli: Callable[..., subprocess.CompletedProcess[str]], media: Callable[..., Path]
) -> None:
    path = media("quiet", np.zeros(3 * RATE, dtype=np.float32), container="wav", codec="pcm_s16le")
    result = cli("transcribe", str(path), "--language", "en", "--format", "json")
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert list(data) == KEYS
    assert data["status"] == "no_speech" and data["segments"] == [] and data["language"] == "en"


@pytest.mark.parametrize("case", ["playlist", "missing"])
def test_transcribe_bad_input_one_line_on_stderr(
    case: str, tmp_path: Path, cli: Callable[..., subprocess.CompletedProcess[str]]
) -> None:
    path = tmp_path / "clip.mp3"
    if case == "playlist":
        path.write_text("#EXTM3U\n#EXTINF:10,\n/etc/hostname\n", encoding="utf-8")
    result = cli("transcribe", str(path), "--format", "json")
    assert result.returncode != 0
    assert result.stdout == ""
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert " / " in lines[0]  # Chinese, then English


def test_export_openai_without_torch_is_one_clear_line(
    tmp_path: Path, cli: Callable[..., subprocess.CompletedProcess[str]]
) -> None:
    import importlib.util

    if importlib.util.find_spec("torch") is not None:
        pytest.skip("torch is installed here; the export itself is tested in test_openai_backend.py")
    result = cli("models", "export-openai", "--output", str(tmp_path / "x.pt"))
    assert result.returncode == 2
    assert len(result.stderr.strip().splitlines()) == 1 and "openai" in result.stderr
