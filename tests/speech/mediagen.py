"""Test media made with PyAV (no binary fixtures in git) and the location of the shared real-speech clips."""

from __future__ import annotations

from pathlib import Path

import av
import numpy as np

REPO = Path(__file__).resolve().parents[2]
SPEECH_DIR = REPO.parent / "shared" / "testdata" / "speech"
RATE = 16_000

# Read speech with dataset transcripts: AISHELL-1, AISHELL-2 and the FunASR example (tier A in refs.tsv).
ZH_READ = (
    "zh_firered_BAC009S0764W0121.flac",
    "zh_firered_IT0011W0001.flac",
    "zh_wenet_aishell-BAC009S0724W0121.flac",
    "zh_funasr_asr_example.flac",
)


def write_media(
    path: Path,
    signal: np.ndarray,
    *,
    container: str,
    codec: str,
    rate: int = RATE,
    video: bool = False,
    options: dict[str, str] | None = None,
) -> Path:
    """Encode a mono float signal (16 kHz) with PyAV; PyAV resamples and re-chunks to the codec's needs."""
    with av.open(str(path), "w", format=container, options=options or {}) as out:
        stream = out.add_stream(codec, rate=rate, layout="mono")
        picture = _add_video(out) if video else None
        step = 4096
        for i, start in enumerate(range(0, len(signal), step)):
            chunk = np.ascontiguousarray(signal[start : start + step], dtype=np.float32).reshape(1, -1)
            frame = av.AudioFrame.from_ndarray(chunk, format="fltp", layout="mono")
            frame.sample_rate, frame.pts = RATE, start
            for packet in stream.encode(frame):
                out.mux(packet)
            if picture is not None and i % 4 == 0:
                _mux_picture(out, picture, i // 4)
        for packet in stream.encode(None):
            out.mux(packet)
        if picture is not None:
            for packet in picture.encode(None):
                out.mux(packet)
    return path


def _add_video(out: av.container.OutputContainer) -> av.VideoStream:
    stream = out.add_stream("mpeg4", rate=4)
    stream.width, stream.height, stream.pix_fmt = 64, 64, "yuv420p"
    return stream


def _mux_picture(out: av.container.OutputContainer, stream: av.VideoStream, index: int) -> None:
    image = np.full((64, 64, 3), (index * 37) % 255, dtype=np.uint8)
    frame = av.VideoFrame.from_ndarray(image, format="rgb24")
    frame.pts = index
    for packet in stream.encode(frame):
        out.mux(packet)


def tone(seconds: float, freq: float = 440.0, level: float = 0.3) -> np.ndarray:
    t = np.arange(int(seconds * RATE)) / RATE
    return (level * np.sin(2 * np.pi * freq * t)).astype(np.float32)


def white_noise(seconds: float, level: float = 0.1, seed: int = 0) -> np.ndarray:
    return (np.random.default_rng(seed).standard_normal(int(seconds * RATE)) * level).astype(np.float32)
