"""Safe audio ingestion: sniff, probe, decode to 16 kHz mono float32 within size and duration limits.

Uploaded bytes are untrusted. The container is recognised from its magic bytes against an allowlist *before* any
decoder runs, and PyAV is then opened with that explicit demuxer, a ``format_whitelist`` holding only it and a
``protocol_whitelist`` of ``file``: a text playlist (HLS ``#EXTM3U``), an ``ffconcat`` script or an SDP file never
reaches a demuxer that would open other files or URLs. The declared duration is checked before decoding, and decoded
samples are counted while streaming, so a tiny file that claims (or hides) hours of audio is refused early.
Every refusal is an :class:`~training_app.errors.InputRejected` with a ``speech.<reason>`` key.
"""

from __future__ import annotations

import json
import logging
import os
import subprocess
import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import NoReturn

import av
import numpy as np

from training_app.errors import InputRejected
from training_app.speech.child_guard import decode_dir, sweep_decode_dirs

logger = logging.getLogger(__name__)

SAMPLE_RATE = 16_000
_DURATION_SLACK_S = 0.5  # encoder padding; a limit of 600 s still accepts a 600.3 s recording
_MAX_DECODE_ERRORS = 20
_TRUNCATED_RATIO = 0.75  # decoded less than this share of the declared duration → truncated upload

# Codecs each container may carry. The demuxer is forced from the sniff; the codec found must fit it too.
_SNIFF_BYTES = 4096
_MAGIC = (
    (b"OggS", "ogg"),
    (b"\x1a\x45\xdf\xa3", "matroska"),  # EBML: webm and mkv
    (b"fLaC", "flac"),
)
_QUICKTIME_ATOMS = frozenset({b"moov", b"mdat", b"wide", b"free", b"skip"})
_PLAYLIST_STARTS = (b"#extm3u", b"#ext", b"ffconcat", b"v=0", b"[playlist]", b"<asx", b"<smil", b"file ")
_PLAYLIST_MARKERS = (b"#ext-x-", b"#extinf", b"m=audio", b"ffconcat")
_CODECS: dict[str, frozenset[str]] = {
    "wav": frozenset({"mp3", "gsm_ms"}),
    "mp3": frozenset({"mp3", "mp2", "mp1"}),
    "mp4": frozenset({"aac", "mp3", "alac", "opus", "flac", "ac3", "eac3", "amr_nb", "amr_wb"}),
    "aac": frozenset({"aac"}),
    "ogg": frozenset({"opus", "vorbis", "flac", "speex"}),
    "matroska": frozenset({"opus", "vorbis", "aac", "mp3", "flac", "ac3"}),
    "flac": frozenset({"flac"}),
}
_PCM_CONTAINERS = frozenset({"wav", "mp4", "matroska"})


@dataclass(frozen=True)
class AudioLimits:
    """Refuse files larger than ``max_bytes`` or longer than ``max_seconds``; built from Settings by the caller."""

    max_bytes: int
    max_seconds: float

    @classmethod
    def from_megabytes(cls, max_mb: float, max_seconds: float) -> AudioLimits:
        return cls(max_bytes=int(max_mb * 1024 * 1024), max_seconds=float(max_seconds))


@dataclass(frozen=True)
class AudioInfo:
    container: str
    codec: str
    duration_s: float | None  # as declared by the container (may be an estimate, may lie)
    sample_rate: int
    channels: int


def sniff_container(path: Path, *, max_bytes: int | None = None) -> str:
    """The container format of ``path`` from its magic bytes, or :class:`InputRejected`.

    Returns a PyAV demuxer name: ``wav``, ``mp3``, ``mp4`` (m4a/mp4/mov/3gp), ``aac`` (ADTS), ``ogg``,
    ``matroska`` (webm/mkv) or ``flac``.
    """
    size = path.stat().st_size
    if size == 0:
        raise InputRejected("speech.empty")
    if max_bytes is not None and size > max_bytes:
        raise InputRejected("speech.too_large", mb=round(size / 2**20, 1), limit_mb=round(max_bytes / 2**20))
    with path.open("rb") as handle:
        head = handle.read(_SNIFF_BYTES)
    fmt = _sniff_bytes(head)
    if fmt is None:
        _refuse_unknown(head)
    logger.debug("sniffed %s as %s", path.name, fmt)
    return str(fmt)


def _sniff_bytes(head: bytes) -> str | None:
    if head[:4] == b"RIFF" and head[8:12] == b"WAVE":
        return "wav"
    if head[4:8] == b"ftyp" or head[4:8] in _QUICKTIME_ATOMS:
        return "mp4"
    for magic, fmt in _MAGIC:
        if head.startswith(magic):
            return fmt
    if head[:3] == b"ID3":
        return _after_id3(head)
    return _frame_sync(head[:4])


def _after_id3(head: bytes) -> str:
    """An ID3v2 tag usually precedes MP3 frames, sometimes ADTS AAC or FLAC: look past it when we can."""
    size = (head[6] << 21) | (head[7] << 14) | (head[8] << 7) | head[9] if len(head) >= 10 else 0
    offset = 10 + size + (10 if len(head) > 5 and head[5] & 0x10 else 0)
    rest = head[offset : offset + 4]
    if rest.startswith(b"fLaC"):
        return "flac"
    return _frame_sync(rest) or "mp3"  # a tag larger than our peek: the mp3 demuxer skips it


def _frame_sync(b: bytes) -> str | None:
    """MPEG audio (layer I–III) or ADTS AAC frame header at the start of the file."""
    if len(b) < 4 or b[0] != 0xFF or (b[1] & 0xE0) != 0xE0:
        return None
    if (b[1] & 0xF6) == 0xF0:  # 12-bit sync, layer 00: ADTS
        return "aac" if ((b[2] >> 2) & 0x0F) < 13 else None
    version, layer = (b[1] >> 3) & 0x03, (b[1] >> 1) & 0x03
    bitrate, rate = b[2] >> 4, (b[2] >> 2) & 0x03
    if version == 1 or layer == 0 or bitrate == 0x0F or rate == 0x03:
        return None
    return "mp3"


def _refuse_unknown(head: bytes) -> NoReturn:
    text = head.lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if text.startswith(_PLAYLIST_STARTS) or any(marker in text for marker in _PLAYLIST_MARKERS):
        logger.info("refused a playlist/concat/SDP file before decoding")
        raise InputRejected("speech.playlist_refused")
    raise InputRejected("speech.unsupported_format")


def probe(path: Path, fmt: str, limits: AudioLimits) -> AudioInfo:
    """Open ``path`` with the explicit demuxer ``fmt``; check it agrees, has audio and a duration within limits."""
    try:
        with _open(path, fmt) as container:
            info = _describe(container, fmt)
    except av.FFmpegError as exc:
        logger.info("probe failed for %s as %s: %s", path.name, fmt, exc)
        raise InputRejected("speech.corrupt") from exc
    if info.duration_s is not None and info.duration_s > limits.max_seconds + _DURATION_SLACK_S:
        raise InputRejected("speech.too_long", seconds=round(info.duration_s), limit=round(limits.max_seconds))
    return info


def decode(path: Path, limits: AudioLimits) -> np.ndarray:
    """Sniff, probe and decode the first audio stream to 16 kHz mono float32, refusing anything past the limits."""
    fmt = sniff_container(path, max_bytes=limits.max_bytes)
    info = probe(path, fmt, limits)
    max_samples = int((limits.max_seconds + _DURATION_SLACK_S) * SAMPLE_RATE)
    try:
        with _open(path, fmt) as container:
            audio = collect_samples(_resampled(container), max_samples, limit_s=limits.max_seconds)
    except av.FFmpegError as exc:
        if isinstance(exc, MemoryError):  # out of memory inside FFmpeg: a resource limit, not a bad file
            raise
        logger.info("decode failed for %s: %s", path.name, exc)
        raise InputRejected("speech.corrupt") from exc
    _check_complete(audio, info)
    return _finite(audio)


def collect_samples(chunks: Iterable[np.ndarray], max_samples: int, *, limit_s: float) -> np.ndarray:
    """Concatenate streamed mono chunks, refusing as soon as the running count passes ``max_samples``."""
    parts: list[np.ndarray] = []
    total = 0
    for chunk in chunks:
        total += chunk.shape[0]
        if total > max_samples:
            raise InputRejected("speech.too_long", seconds=f">{round(limit_s)}", limit=round(limit_s))
        parts.append(chunk)
    if not parts:
        return np.zeros(0, dtype=np.float32)
    return np.concatenate(parts).astype(np.float32, copy=False)


def is_silent(audio: np.ndarray, *, threshold_db: float = -50.0, frame_s: float = 0.03) -> bool:
    """True when no 30 ms frame rises above ``threshold_db`` dBFS (digital silence, muted mic, empty clip)."""
    if audio.size == 0:
        return True
    frame = max(1, int(frame_s * SAMPLE_RATE))
    usable = audio[: audio.size - audio.size % frame] if audio.size >= frame else audio
    frames = usable.reshape(-1, frame) if usable.size >= frame else usable.reshape(1, -1)
    rms = np.sqrt(np.mean(np.square(frames, dtype=np.float64), axis=1))
    peak_db = 20.0 * np.log10(max(float(rms.max()), 1e-10))
    return peak_db < threshold_db


def _open(path: Path, fmt: str) -> av.container.InputContainer:
    options = {"format_whitelist": fmt, "protocol_whitelist": "file"}
    return av.open(str(path), mode="r", format=fmt, options=options, metadata_errors="ignore")


def _describe(container: av.container.InputContainer, fmt: str) -> AudioInfo:
    if not container.streams.audio:
        raise InputRejected("speech.no_audio_stream")
    stream = container.streams.audio[0]
    if stream.codec_context is None:  # a codec id FFmpeg does not know (a corrupted codec tag)
        logger.info("container %s carries an unknown codec", fmt)
        raise InputRejected("speech.unsupported_format")
    codec = stream.codec_context.codec.canonical_name
    if not _codec_fits(fmt, codec):
        logger.info("container %s carries unexpected codec %s", fmt, codec)
        raise InputRejected("speech.unsupported_format")
    return AudioInfo(
        container=fmt,
        codec=codec,
        duration_s=_declared_duration(container, stream),
        sample_rate=int(stream.codec_context.sample_rate or 0),
        channels=int(stream.codec_context.channels or 0),
    )


def _codec_fits(fmt: str, codec: str) -> bool:
    if codec in _CODECS.get(fmt, frozenset()):
        return True
    return fmt in _PCM_CONTAINERS and codec.startswith(("pcm_", "adpcm_"))


def _declared_duration(container: av.container.InputContainer, stream: av.AudioStream) -> float | None:
    if container.duration is not None and container.duration > 0:
        return float(container.duration) / av.time_base
    if stream.duration is not None and stream.time_base is not None and stream.duration > 0:
        return float(stream.duration * stream.time_base)
    return None


def _resampled(container: av.container.InputContainer) -> Iterator[np.ndarray]:
    """Decode the first audio stream packet by packet, resampled once to 16 kHz mono float32.

    A stream whose sample format, layout or rate changes midway (concatenated recordings, or a corrupted frame
    header that still decodes) gets a fresh resampler at each change instead of failing the whole file.
    """
    stream = container.streams.audio[0]
    resampler: av.AudioResampler | None = None
    setup: tuple[str, str, int] | None = None
    errors = 0
    for packet in container.demux(stream):
        try:
            frames = packet.decode()
        except av.error.InvalidDataError:
            errors += 1
            if errors > _MAX_DECODE_ERRORS:
                raise InputRejected("speech.corrupt") from None
            continue
        for frame in frames:
            if frame.sample_rate <= 0 or frame.layout.nb_channels <= 0:
                raise InputRejected("speech.corrupt")
            frame_setup = (frame.format.name, frame.layout.name, frame.sample_rate)
            if resampler is None or frame_setup != setup:
                if resampler is not None:
                    yield from _drain(resampler)
                resampler, setup = av.AudioResampler(format="flt", layout="mono", rate=SAMPLE_RATE), frame_setup
            for out in resampler.resample(frame):
                yield out.to_ndarray().reshape(-1)
    if resampler is not None:
        yield from _drain(resampler)
    if errors:
        logger.info("skipped %d undecodable packets", errors)


def _drain(resampler: av.AudioResampler) -> Iterator[np.ndarray]:
    for out in resampler.resample(None):
        yield out.to_ndarray().reshape(-1)


def _finite(audio: np.ndarray) -> np.ndarray:
    """Float PCM may carry NaN, infinities or huge values (a corrupted or hostile file): silence and clip them so
    Whisper and the pitch analysis get samples in [-1, 1]."""
    if audio.size and not np.isfinite(audio).all():
        logger.info("replaced %d non-finite samples", int(audio.size - np.isfinite(audio).sum()))
        np.nan_to_num(audio, copy=False, nan=0.0, posinf=1.0, neginf=-1.0)
    np.clip(audio, -1.0, 1.0, out=audio)
    return audio


def _check_complete(audio: np.ndarray, info: AudioInfo) -> None:
    """A file that decodes to much less than its header promised was cut off (an interrupted upload)."""
    declared = info.duration_s
    decoded = audio.shape[0] / SAMPLE_RATE
    if declared is None or declared < 0.5:
        return  # header-only or unknown: nothing to compare
    if decoded == 0 or (decoded < _TRUNCATED_RATIO * declared and declared - decoded > 1.0):
        logger.info("decoded %.1f s of a declared %.1f s: truncated", decoded, declared)
        raise InputRejected("speech.corrupt")


def decode_in_subprocess(
    path: Path, limits: AudioLimits, memory_mb: int = 1024, timeout_s: float = 120.0
) -> np.ndarray:
    """:func:`decode` in a fresh interpreter under ``RLIMIT_AS`` and a wall-clock limit.

    A decoder bug or a decompression bomb then costs a child, not the web or worker process. The child
    (``speech/decode_child.py``) writes the samples to a temporary ``.npy`` file; refusals come back as the same
    :class:`InputRejected`. The child dies with this process, and the temp dirs of dead owners are swept first
    (``speech/child_guard.py``).
    """
    sweep_decode_dirs()
    with decode_dir() as tmp:
        out_path, result_path = Path(tmp) / "audio.npy", Path(tmp) / "result.json"
        command = [
            sys.executable, "-m", "training_app.speech.decode_child", str(path), str(limits.max_bytes),
            str(limits.max_seconds), str(memory_mb), str(out_path), str(result_path), str(os.getpid()),
        ]  # fmt: skip
        try:
            child = subprocess.run(command, capture_output=True, timeout=timeout_s, check=False)
        except subprocess.TimeoutExpired:
            logger.warning("decode child exceeded %.0f s; killed", timeout_s)
            raise InputRejected("speech.decode_limit") from None
        if not result_path.exists():  # killed, out of memory, crashed
            logger.warning("decode child died (exit code %s): %s", child.returncode, child.stderr[-500:])
            raise InputRejected("speech.decode_limit")
        status, key, params, peak_kb = json.loads(result_path.read_text(encoding="utf-8"))
        logger.info("decode child: %s, peak RSS %.0f MB", status, peak_kb / 1024)
        if status == "error":  # refused as corrupt, but an unforeseen decoder path deserves a look
            detail = child.stderr[-2000:].decode(errors="replace")
            logger.error("decode child raised %s: %s", params.get("error"), detail)
            params = {}
        if status != "ok":
            raise InputRejected(key, **params)
        return np.load(out_path)
