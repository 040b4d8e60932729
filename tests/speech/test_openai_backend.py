"""openai-whisper checkpoint rebuilt from the CTranslate2 weights, and the two backends agreeing on real speech.

Reading and converting ``model.bin`` needs only numpy and runs everywhere. The backend comparison needs torch and
openai-whisper; the main venv has neither (uv would fetch a CUDA torch), so when they are missing here the test runs
itself in the side venv built by ``tests/speech/setup_openai_venv.sh``. Without either it skips locally and fails
under ``CI=true``.
"""

from __future__ import annotations

import base64
import gzip
import importlib.util
import os
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest
from speech.mediagen import REPO, SPEECH_DIR

from training_app.speech.audio import AudioLimits, decode
from training_app.speech.models import resolve_model
from training_app.speech.openai_export import convert, read_ct2_model

SIDE_VENV_PYTHON = REPO / ".venv-openai" / "bin" / "python"
# openai-whisper's own alignment-head mask for "base" (whisper/__init__.py, _ALIGNMENT_HEADS["base"])
OPENAI_BASE_HEADS = b"ABzY8KQ!870{>%RzyTQH3`Q^yNP!>##QT-<FaQ7m"
BASE_DIMS = {
    "n_mels": 80,
    "n_audio_ctx": 1500,
    "n_audio_state": 512,
    "n_audio_head": 8,
    "n_audio_layer": 6,
    "n_vocab": 51865,
    "n_text_ctx": 448,
    "n_text_state": 512,
    "n_text_head": 8,
    "n_text_layer": 6,
}


def _mask(dump: bytes) -> np.ndarray:
    return np.frombuffer(gzip.decompress(base64.b85decode(dump)), dtype=bool).reshape(6, 8)


def test_convert_ct2_base_to_openai_layout(whisper_cache: Path) -> None:
    ref = resolve_model(None, whisper_cache)
    variables = read_ct2_model(ref.path / "model.bin")
    assert variables["decoder/projection/weight"] is variables["decoder/embeddings/weight"]  # alias resolved
    import json

    checkpoint = convert(variables, json.loads((ref.path / "config.json").read_text(encoding="utf-8")))
    assert checkpoint["dims"] == BASE_DIMS
    state = checkpoint["model_state_dict"]
    assert len(state) == 245  # 97 encoder + 148 decoder tensors, as in openai-whisper's base checkpoint
    assert all(a.dtype == np.float32 for a in state.values())
    assert "encoder.blocks.0.attn.key.bias" not in state and "decoder.blocks.5.cross_attn.key.bias" not in state
    assert state["decoder.blocks.0.cross_attn.value.weight"].shape == (512, 512)
    assert state["encoder.conv1.weight"].shape == (512, 80, 3)
    np.testing.assert_array_equal(_mask(checkpoint["alignment_heads_dump"].encode()), _mask(OPENAI_BASE_HEADS))


def _openai_importable() -> bool:
    return importlib.util.find_spec("torch") is not None and importlib.util.find_spec("whisper") is not None


def test_backends_agree_on_real_speech(tmp_path: Path, whisper_cache: Path) -> None:
    if not _openai_importable():
        _run_in_side_venv_or_skip()
        return
    from training_app.speech.openai_export import export_openai_checkpoint
    from training_app.speech.transcription import FasterWhisperEngine, OpenAIWhisperEngine, TranscribeOptions

    checkpoint = export_openai_checkpoint(resolve_model(None, whisper_cache).path, tmp_path / "base.pt")
    engines = [
        OpenAIWhisperEngine(checkpoint),
        FasterWhisperEngine(resolve_model(None, whisper_cache), compute_type="float32"),
    ]
    # one short clip: openai-whisper's Python decoding loop on CPU is slow (the bench compares speed)
    audio = decode(SPEECH_DIR / "zh_funasr_asr_example.flac", AudioLimits.from_megabytes(10, 60))
    ours, theirs = (e.transcribe(audio, TranscribeOptions(threads=2)) for e in engines)
    assert ours.language == theirs.language == "zh"
    assert ours.text == theirs.text
    for a, b in zip(ours.segments, theirs.segments, strict=True):
        assert abs(a.start - b.start) <= 0.1 and abs(a.end - b.end) <= 0.1
    words = [(w.word, w.start) for s in ours.segments for w in s.words]
    assert [w for w, _ in words] == [w.word for s in theirs.segments for w in s.words]


def _run_in_side_venv_or_skip() -> None:
    if os.environ.get("SPEECH_SIDE_VENV") == "1":
        pytest.fail("torch/openai-whisper not importable inside the side venv")
    if not SIDE_VENV_PYTHON.exists():
        reason = "torch and openai-whisper are not installed; build them with tests/speech/setup_openai_venv.sh"
        if os.environ.get("CI") == "true":
            pytest.fail(reason)
        pytest.skip(reason)
    command = [str(SIDE_VENV_PYTHON), "-m", "pytest", __file__, "-q", "-k", "backends_agree", "-p", "no:randomly"]
    env = {**os.environ, "SPEECH_SIDE_VENV": "1"}
    result = subprocess.run(command, cwd=REPO, env=env, capture_output=True, text=True, timeout=900, check=False)
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-2000:]
    assert "1 passed" in result.stdout, result.stdout[-2000:]


def test_side_venv_helper_is_executable() -> None:
    script = Path(__file__).with_name("setup_openai_venv.sh")
    assert script.exists() and os.access(script, os.X_OK)
    assert sys.executable  # the script is run by CI before the suite; see its header
