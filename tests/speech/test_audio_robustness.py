"""Regressions found by the bad-input fuzzer (tests/reliability/test_fuzz.py): each decoded or crashed wrongly."""

from __future__ import annotations

import json
import struct
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import numpy as np
import pytest
from speech.mediagen import RATE, tone

from training_app.errors import InputRejected
from training_app.speech import decode_child
from training_app.speech.audio import AudioLimits, decode, decode_in_subprocess


def test_decode_sample_rate_change_midstream_decodes_both_parts(
    tmp_path: Path, media: Callable[..., Path], limits: AudioLimits
) -> None:
    """Two MP3s at different rates, concatenated: the resampler used to refuse the second part (ValueError, the
    decode child died and the clip failed as "too many resources")."""
    first = media("a", tone(1.0), container="mp3", codec="libmp3lame", options={"id3v2_version": "0"})
    second = media("b", tone(1.0), container="mp3", codec="libmp3lame", rate=22_050, options={"id3v2_version": "0"})
    path = tmp_path / "joined"
    path.write_bytes(first.read_bytes() + second.read_bytes())
    audio = decode(path, limits)
    assert audio.shape[0] / RATE == pytest.approx(2.0, abs=0.25)


def test_decode_unknown_codec_tag_is_unsupported(
    tmp_path: Path, media: Callable[..., Path], limits: AudioLimits
) -> None:
    """A corrupted sample-entry fourcc leaves the stream without a codec context (AttributeError before)."""
    alac = media("alac", tone(1.0), container="ipod", codec="alac").read_bytes()
    path = tmp_path / "unknown-codec"
    path.write_bytes(alac.replace(b"alac", b"zzzz"))
    with pytest.raises(InputRejected) as excinfo:
        decode(path, limits)
    assert excinfo.value.message_key == "speech.unsupported_format"


def _float_wav(path: Path, samples: np.ndarray) -> Path:
    data = samples.astype("<f4").tobytes()
    fmt = struct.pack("<IHHIIHH", 16, 3, 1, RATE, RATE * 4, 4, 32)  # WAVE_FORMAT_IEEE_FLOAT, mono, 32 bit
    header = b"RIFF" + struct.pack("<I", 36 + len(data)) + b"WAVEfmt " + fmt + b"data" + struct.pack("<I", len(data))
    path.write_bytes(header + data)
    return path


def test_decode_float_wav_with_nan_and_inf_gives_finite_clipped_samples(tmp_path: Path, limits: AudioLimits) -> None:
    """Float PCM passes NaN, infinities and 1e30 straight through the resampler; Whisper must not see them."""
    samples = np.tile(np.array([0.1, np.nan, np.inf, -np.inf, 1e30, -3.0], dtype=np.float32), RATE // 6)
    audio = decode(_float_wav(tmp_path / "nan", samples), limits)
    assert audio.dtype == np.float32 and audio.size > 0
    assert np.isfinite(audio).all() and float(np.abs(audio).max()) <= 1.0


def test_decode_child_unexpected_exception_is_corrupt_not_a_crash(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """An unforeseen exception in the decoder is reported (status "error", speech.corrupt), not a dead child that
    the parent would misreport as a resource limit."""

    def broken(path: Path, limits: AudioLimits) -> np.ndarray:
        raise ValueError("decoder path nobody foresaw")

    monkeypatch.setattr(decode_child, "decode", broken)
    audio, result = decode_child.decode_outcome(tmp_path / "in", AudioLimits(max_bytes=1000, max_seconds=10))
    assert audio is None
    assert result == ["error", "speech.corrupt", {"error": "ValueError"}]


def test_subprocess_decode_of_nan_wav_matches_in_process(tmp_path: Path) -> None:
    path = _float_wav(tmp_path / "nan", np.tile(np.array([0.2, np.nan], dtype=np.float32), RATE))
    limits = AudioLimits.from_megabytes(10, 60)
    np.testing.assert_array_equal(decode_in_subprocess(path, limits), decode(path, limits))


def test_decode_child_reports_its_own_peak_not_the_parents(tmp_path: Path) -> None:
    """ru_maxrss survives execve: a child forked from a 300 MB process reported 300 MB. VmHWM is the child's own."""
    ballast = bytearray(300 << 20)  # make this (parent) process big before the child is forked
    path = _float_wav(tmp_path / "tone", tone(1.0))
    out, result = tmp_path / "a.npy", tmp_path / "r.json"
    argv = [str(path), str(10 << 20), "60", "1024", str(out), str(result)]
    subprocess.run([sys.executable, "-m", "training_app.speech.decode_child", *argv], check=True)
    peak_kb = json.loads(result.read_text(encoding="utf-8"))[-1]
    assert len(ballast) and peak_kb < 250 * 1024
