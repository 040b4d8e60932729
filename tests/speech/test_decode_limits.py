"""Decompression bombs: hours of silence in a few MB are refused with bounded memory, in a child process."""

from __future__ import annotations

import io
import logging
import re
import time
from pathlib import Path

import av
import numpy as np
import pytest
from speech.mediagen import RATE, tone

from training_app.errors import InputRejected
from training_app.speech.audio import AudioLimits, decode, decode_in_subprocess, probe

PEAK_RSS_LIMIT_MB = 1536
PEAK_RE = re.compile(r"decode child: \w+, peak RSS (\d+) MB")


def _adts(seconds: float, *, loud: bool) -> bytes:
    """ADTS AAC at 8 kHz: silence costs ~90 bytes per second, so hours fit in a few MB."""
    buffer = io.BytesIO()
    with av.open(buffer, "w", format="adts") as out:
        stream = out.add_stream("aac", rate=8000, layout="mono", bit_rate=16000)
        n = int(seconds * 8000)
        rng = np.random.default_rng(0)
        samples = (rng.standard_normal(n) * 0.3).astype(np.float32) if loud else np.zeros(n, np.float32)
        frame = av.AudioFrame.from_ndarray(samples.reshape(1, -1), format="fltp", layout="mono")
        frame.sample_rate, frame.pts = 8000, 0
        for packet in stream.encode(frame):
            out.mux(packet)
        for packet in stream.encode(None):
            out.mux(packet)
    return buffer.getvalue()


@pytest.fixture(scope="module")
def ten_hours_silence(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("bomb") / "silence-10h"
    path.write_bytes(_adts(60, loud=False) * 600)  # ADTS frames concatenate: 600 × 60 s
    return path


@pytest.fixture(scope="module")
def understated_ten_hours(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """5 s of loud noise, then 10 h of silence: the bitrate estimate makes it *declare* about 26 minutes."""
    path = tmp_path_factory.mktemp("bomb") / "understated"
    path.write_bytes(_adts(5, loud=True) + _adts(60, loud=False) * 600)
    return path


def test_ten_hour_aac_is_small(ten_hours_silence: Path) -> None:
    assert ten_hours_silence.stat().st_size < 4 * 2**20


def test_decode_refuses_ten_hours_before_decoding(ten_hours_silence: Path) -> None:
    started = time.perf_counter()
    with pytest.raises(InputRejected) as excinfo:
        decode(ten_hours_silence, AudioLimits.from_megabytes(200, 600))
    assert excinfo.value.message_key == "speech.too_long"
    assert time.perf_counter() - started < 5


def test_subprocess_decode_refuses_ten_hours_with_bounded_rss(
    ten_hours_silence: Path, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.INFO, logger="training_app.speech.audio")
    with pytest.raises(InputRejected) as excinfo:
        decode_in_subprocess(ten_hours_silence, AudioLimits.from_megabytes(200, 600), memory_mb=1024, timeout_s=60)
    assert excinfo.value.message_key == "speech.too_long"
    assert _decode_child_peak_mb(caplog) < PEAK_RSS_LIMIT_MB


def test_subprocess_decode_counts_samples_past_understated_header(
    understated_ten_hours: Path, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.INFO, logger="training_app.speech.audio")
    limits = AudioLimits.from_megabytes(200, 1800)
    declared = probe(understated_ten_hours, "aac", limits).duration_s
    assert declared is not None and declared < 1800  # the header check alone would let it through
    with pytest.raises(InputRejected) as excinfo:
        decode_in_subprocess(understated_ten_hours, limits, memory_mb=1024, timeout_s=120)
    assert excinfo.value.message_key == "speech.too_long"
    assert _decode_child_peak_mb(caplog) < PEAK_RSS_LIMIT_MB


def test_subprocess_decode_out_of_memory_is_refused(understated_ten_hours: Path) -> None:
    """Two hours allowed but only ~160 MB above the child's baseline: the address-space limit stops it."""
    with pytest.raises(InputRejected) as excinfo:
        decode_in_subprocess(understated_ten_hours, AudioLimits.from_megabytes(200, 7200), memory_mb=400)
    assert excinfo.value.message_key == "speech.decode_limit"


def test_subprocess_decode_timeout_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "tone.wav"
    _write_wav(path, tone(2.0))
    with pytest.raises(InputRejected) as excinfo:
        decode_in_subprocess(path, AudioLimits.from_megabytes(10, 60), timeout_s=0.01)
    assert excinfo.value.message_key == "speech.decode_limit"


def test_subprocess_decode_matches_in_process(tmp_path: Path) -> None:
    path = tmp_path / "tone.wav"
    _write_wav(path, tone(2.0))
    limits = AudioLimits.from_megabytes(10, 60)
    np.testing.assert_array_equal(decode_in_subprocess(path, limits), decode(path, limits))


def test_subprocess_decode_passes_refusals_through(tmp_path: Path) -> None:
    path = tmp_path / "clip.mp3"
    path.write_text("#EXTM3U\n#EXTINF:1,\n/etc/hostname\n", encoding="utf-8")
    with pytest.raises(InputRejected) as excinfo:
        decode_in_subprocess(path, AudioLimits.from_megabytes(10, 60))
    assert excinfo.value.message_key == "speech.playlist_refused"


def _write_wav(path: Path, signal: np.ndarray) -> None:
    import wave

    with wave.open(str(path), "wb") as out:
        out.setnchannels(1)
        out.setsampwidth(2)
        out.setframerate(RATE)
        out.writeframes((signal * 32767).astype("<i2").tobytes())


def _decode_child_peak_mb(caplog: pytest.LogCaptureFixture) -> float:
    """The decode child's own peak RSS (VmHWM), as it reports it. ``RUSAGE_CHILDREN`` of the test process would be
    the largest child of the whole pytest session (a worker or app server of an earlier test), not this decode."""
    peaks = [float(m.group(1)) for r in caplog.records if (m := PEAK_RE.search(r.getMessage()))]
    assert peaks, "the decode child reported no peak RSS"
    return max(peaks)
