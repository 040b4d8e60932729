"""Bad-input fuzzing: seed media of several containers, a seeded mutator, and a worker process for the fuzz test.

Seeds are encoded with PyAV (``tests/speech/mediagen.write_media``) from a real clip of ../shared/testdata/speech,
plus that FLAC file itself. A mutant is fully determined by ``(seed name, operation, index, fuzz seed)``:
``mutants(seeds, n, fuzz_seed)`` gives the same bytes on every machine, so a failing mutant is reproduced by its name.

Run as a script, this module is the worker of the fuzz test: ``python fuzz_support.py worker TIMINGS.jsonl``
starts a real ``training-app worker`` consumer (two process workers, settings from the ``TRAINING_APP_*``
environment) whose only fake is the speech *engine*: decoding runs in the real limited child process.
"""

from __future__ import annotations

import json
import random
import struct
import sys
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

RATE = 16_000
SOURCE_CLIP = "zh_funasr_asr_example.flac"  # 5.5 s of read Mandarin
SEED_SECONDS = 2.0

# name → (container, codec, extra write_media kwargs); mp4-video carries a small mpeg4 picture track too.
SEED_FORMATS: dict[str, tuple[str, str, dict[str, Any]]] = {
    "wav": ("wav", "pcm_s16le", {}),
    "wav-f32": ("wav", "pcm_f32le", {}),
    "wav-adpcm": ("wav", "adpcm_ima_wav", {}),
    "flac": ("flac", "flac", {}),
    "ogg-opus": ("ogg", "libopus", {}),
    "mp3": ("mp3", "libmp3lame", {}),
    "mp3-bare": ("mp3", "libmp3lame", {"options": {"id3v2_version": "0"}}),
    "m4a": ("mp4", "aac", {}),
    "m4a-alac": ("ipod", "alac", {}),
    "adts": ("adts", "aac", {}),
    "webm-opus": ("webm", "libopus", {}),
    "mkv-flac": ("matroska", "flac", {}),
    "mp4-video": ("mp4", "aac", {"video": True}),
}

OPERATIONS = (
    "bit_flips",
    "byte_run",
    "truncate",
    "duplicate_chunk",
    "header_field",
    "huge_size",
    "stacked",
)


@dataclass(frozen=True)
class Mutant:
    name: str  # "<index>-<seed>-<operation>": enough to regenerate it
    seed: str
    operation: str
    data: bytes


# ---------------------------------------------------------------------------------------------------- seeds


def make_seeds(directory: Path, speech_dir: Path) -> dict[str, bytes]:
    """Encode the seed files (cached in ``directory``); returns ``{name: bytes}`` including the original FLAC."""
    import numpy as np

    directory.mkdir(parents=True, exist_ok=True)
    source = speech_dir / SOURCE_CLIP
    seeds = {"source-flac": source.read_bytes()}
    signal: np.ndarray | None = None
    for name, (container, codec, kwargs) in SEED_FORMATS.items():
        path = directory / name
        if not path.exists():
            if signal is None:
                signal = _source_signal(source)
            _write_seed(path, signal, container, codec, kwargs)
        seeds[name] = path.read_bytes()
    return seeds


def _source_signal(source: Path) -> Any:
    from training_app.speech.audio import AudioLimits, decode

    return decode(source, AudioLimits.from_megabytes(10, 60))[: int(SEED_SECONDS * RATE)]


def _write_seed(path: Path, signal: Any, container: str, codec: str, kwargs: dict[str, Any]) -> None:
    from speech.mediagen import write_media

    partial = path.with_name(path.name + ".tmp")
    write_media(partial, signal, container=container, codec=codec, **kwargs)
    partial.replace(path)


# ---------------------------------------------------------------------------------------------------- mutants


def mutants(seeds: dict[str, bytes], count: int, fuzz_seed: int = 0) -> list[Mutant]:
    """``count`` mutants, round-robin over seeds and operations, each from its own seeded RNG; the first is the
    zero-length file."""
    names = sorted(seeds)
    out = [Mutant("0-any-zero_length", "any", "zero_length", b"")]
    for index in range(1, count):
        seed = names[index % len(names)]
        operation = OPERATIONS[(index // len(names)) % len(OPERATIONS)]
        rng = random.Random(f"{fuzz_seed}:{index}:{seed}:{operation}")
        data = mutate(seeds[seed], operation, rng)
        out.append(Mutant(f"{index}-{seed}-{operation}", seed, operation, data))
    return out


def mutate(data: bytes, operation: str, rng: random.Random) -> bytes:
    return _OPERATIONS[operation](bytearray(data), rng)


def _offset(data: bytearray, rng: random.Random, *, head: int = 1024) -> int:
    """A position, half the time among the first ``head`` bytes (where the headers are)."""
    span = min(len(data), head) if rng.random() < 0.5 else len(data)
    return rng.randrange(max(1, span))


def _bit_flips(data: bytearray, rng: random.Random) -> bytes:
    for _ in range(rng.choice((1, 2, 4, 8, 32, 128))):
        pos = _offset(data, rng)
        data[pos] ^= 1 << rng.randrange(8)
    return bytes(data)


def _byte_run(data: bytearray, rng: random.Random) -> bytes:
    pos = _offset(data, rng)
    length = min(len(data) - pos, rng.choice((1, 4, 16, 256, 4096)))
    fill = rng.choice(("zero", "ones", "random", "pattern"))
    run = {
        "zero": b"\x00" * length,
        "ones": b"\xff" * length,
        "random": rng.randbytes(length),
        "pattern": (b"\xde\xad\xbe\xef" * (length // 4 + 1))[:length],
    }[fill]
    data[pos : pos + length] = run
    return bytes(data)


def _truncate(data: bytearray, rng: random.Random) -> bytes:
    return bytes(data[: _offset(data, rng, head=256)])


def _duplicate_chunk(data: bytearray, rng: random.Random) -> bytes:
    """A slice repeated (once, or many times: a chunk a broken uploader resent), at its place or elsewhere."""
    fields = _fields(bytes(data))
    start = rng.choice(fields).offset if fields and rng.random() < 0.5 else _offset(data, rng)
    length = max(1, min(len(data) - start, rng.choice((8, 64, 1024, 16384, len(data)))))
    chunk = data[start : start + length]
    at = start + length if rng.random() < 0.5 else rng.randrange(len(data) + 1)
    data[at:at] = chunk * rng.choice((1, 1, 2, 16))
    return bytes(data)


def _header_field(data: bytearray, rng: random.Random) -> bytes:
    fields = _fields(bytes(data))
    if not fields:
        return _byte_run(data, rng)
    for _ in range(rng.choice((1, 1, 2, 3))):
        field = rng.choice(fields)
        limit = (1 << (8 * field.width)) - 1
        value = rng.choice((0, 1, 2, limit, limit >> 1, (limit >> 1) + 1, rng.randrange(limit + 1)))
        if rng.random() < 0.3:  # near the original: off by a little, doubled or halved
            value = _near(field.read(data), rng) & limit
        field.write(data, value)
    return bytes(data)


def _near(value: int, rng: random.Random) -> int:
    return int(rng.choice((value + 1, value - 1, value * 2, value // 2, value + 4096, value * 1000)))


def _huge_size(data: bytearray, rng: random.Random) -> bytes:
    sizes = [f for f in _fields(bytes(data)) if f.is_size]
    if not sizes:
        return _header_field(data, rng)
    for field in rng.sample(sizes, min(len(sizes), rng.choice((1, 1, 2)))):
        limit = (1 << (8 * field.width)) - 1
        field.write(data, rng.choice((limit, limit >> 1, limit - 7)))
    return bytes(data)


def _stacked(data: bytearray, rng: random.Random) -> bytes:
    simple = [op for op in OPERATIONS if op != "stacked"]
    for operation in rng.sample(simple, rng.choice((2, 3))):
        data = bytearray(_OPERATIONS[operation](data, rng)) or bytearray(b"\0")
    return bytes(data)


_OPERATIONS: dict[str, Callable[[bytearray, random.Random], bytes]] = {
    "bit_flips": _bit_flips,
    "byte_run": _byte_run,
    "truncate": _truncate,
    "duplicate_chunk": _duplicate_chunk,
    "header_field": _header_field,
    "huge_size": _huge_size,
    "stacked": _stacked,
}


# ---------------------------------------------------------------------------------------------------- hostile inputs

HLS = "#EXTM3U\n#EXT-X-TARGETDURATION:10\n#EXTINF:10,\n{target}\n#EXT-X-ENDLIST\n"


def hostile_inputs(seeds: dict[str, bytes], target: Path, work: Path) -> list[Mutant]:
    """The safe-ingestion cases of tests/speech as uploads: link files pointing at a real local file, a decompression
    bomb (10 h of AAC silence in ~2 MB) and a chained Ogg whose header understates its length."""
    texts = {
        "hls-playlist": HLS.format(target=target),
        "ffconcat": f"ffconcat version 1.0\nfile '{target}'\n",
        "sdp": "v=0\no=- 0 0 IN IP4 127.0.0.1\nm=audio 5004 RTP/AVP 96\n",
        "html": f"<!DOCTYPE html><html><body>{target}</body></html>",
    }
    out = [Mutant(f"hostile-{name}", "text", "hostile", text.encode()) for name, text in texts.items()]
    out.append(Mutant("hostile-adts-10h-silence", "adts", "hostile", _silence_adts(work) * 600))
    out.append(Mutant("hostile-chained-ogg", "ogg-opus", "hostile", seeds["ogg-opus"] * 40))
    return out


def _silence_adts(work: Path) -> bytes:
    """60 s of AAC silence at 8 kHz (ADTS frames concatenate, so 600 copies make 10 hours)."""
    import numpy as np
    from speech.mediagen import write_media

    path = work / "silence-60s.aac"
    if not path.exists():
        write_media(path, np.zeros(60 * RATE, dtype=np.float32), container="adts", codec="aac", rate=8000)
    return path.read_bytes()


# ---------------------------------------------------------------------------------------------------- header fields


@dataclass(frozen=True)
class HeaderField:
    offset: int
    width: int
    big_endian: bool
    is_size: bool  # a length/count the parser trusts: "huge declared size" targets these

    def read(self, data: bytearray) -> int:
        return int.from_bytes(data[self.offset : self.offset + self.width], "big" if self.big_endian else "little")

    def write(self, data: bytearray, value: int) -> None:
        if self.offset + self.width <= len(data):
            order = "big" if self.big_endian else "little"
            data[self.offset : self.offset + self.width] = value.to_bytes(self.width, order)


def _fields(data: bytes) -> list[HeaderField]:
    """Size and value fields of the container's headers, found by a light parse (never trusted beyond bounds)."""
    if data[:4] == b"RIFF":
        return _riff_fields(data)
    if data[4:8] == b"ftyp":
        return _mp4_fields(data, 0, len(data), depth=0)
    if data[:4] == b"OggS":
        return _ogg_fields(data)
    if data[:4] == b"fLaC":
        return _flac_fields(data)
    if data[:4] == b"\x1a\x45\xdf\xa3":
        return _ebml_fields(data)
    if data[:3] == b"ID3" or data[:1] == b"\xff":
        return _mpeg_fields(data)
    return []


def _riff_fields(data: bytes) -> list[HeaderField]:
    fields = [HeaderField(4, 4, False, True)]
    pos = 12
    while pos + 8 <= len(data) and len(fields) < 32:
        (size,) = struct.unpack_from("<I", data, pos + 4)
        fields.append(HeaderField(pos + 4, 4, False, True))
        if data[pos : pos + 4] == b"fmt ":  # format tag, channels, rate, byte rate, block align, bits
            for off, width in ((8, 2), (10, 2), (12, 4), (16, 4), (20, 2), (22, 2)):
                fields.append(HeaderField(pos + off, width, False, False))
        if data[pos : pos + 4] == b"data":
            break
        pos += 8 + size + (size & 1)
    return fields


_MP4_CONTAINERS = frozenset({b"moov", b"trak", b"mdia", b"minf", b"stbl", b"edts", b"udta", b"dinf"})
_MP4_TABLES = frozenset({b"stsz", b"stco", b"co64", b"stsc", b"stts", b"ctts", b"stss", b"elst", b"dref"})


def _mp4_fields(data: bytes, start: int, end: int, depth: int) -> list[HeaderField]:
    fields: list[HeaderField] = []
    pos = start
    while pos + 8 <= end and depth < 8 and len(fields) < 200:
        (size,) = struct.unpack_from(">I", data, pos)
        kind = data[pos + 4 : pos + 8]
        fields.append(HeaderField(pos, 4, True, True))
        if kind in _MP4_TABLES:  # version/flags, then the entry count
            fields.append(HeaderField(pos + 12, 4, True, True))
            fields.extend(HeaderField(pos + 16 + 4 * i, 4, True, False) for i in range(4) if pos + 20 + 4 * i <= end)
        elif kind in (b"mdhd", b"mvhd"):  # version 0: timescale, duration
            fields += [HeaderField(pos + 20, 4, True, False), HeaderField(pos + 24, 4, True, True)]
        elif kind in (b"stsd",):
            fields.append(HeaderField(pos + 12, 4, True, True))
        if kind in _MP4_CONTAINERS and size >= 8:
            fields += _mp4_fields(data, pos + 8, min(end, pos + size), depth + 1)
        if size < 8:
            break
        pos += size
    return fields


def _ogg_fields(data: bytes) -> list[HeaderField]:
    fields: list[HeaderField] = []
    pos = 0
    while pos + 27 <= len(data) and data[pos : pos + 4] == b"OggS" and len(fields) < 64:
        segments = data[pos + 26]
        fields += [
            HeaderField(pos + 6, 8, False, True),  # granule position: the declared sample count
            HeaderField(pos + 5, 1, False, False),  # header type (continued / first / last page)
            HeaderField(pos + 14, 4, False, False),  # serial number
            HeaderField(pos + 18, 4, False, False),  # page sequence
            HeaderField(pos + 26, 1, False, True),  # segment count
        ]
        fields += [HeaderField(pos + 27 + i, 1, False, True) for i in range(min(segments, 4))]
        body = sum(data[pos + 27 : pos + 27 + segments])
        if pos == 0:  # OpusHead / vorbis id header: channels, pre-skip, rate
            fields += [HeaderField(pos + 27 + segments + off, w, False, False) for off, w in ((9, 1), (10, 2), (12, 4))]
        pos += 27 + segments + body
    return fields


def _flac_fields(data: bytes) -> list[HeaderField]:
    fields: list[HeaderField] = []
    pos = 4
    while pos + 4 <= len(data) and len(fields) < 32:
        fields.append(HeaderField(pos + 1, 3, True, True))  # metadata block length
        if data[pos] & 0x7F == 0:  # STREAMINFO: block sizes, frame sizes, rate/channels/bits/total samples
            fields += [HeaderField(pos + 4 + off, w, True, off >= 4) for off, w in ((0, 2), (2, 2), (4, 3), (7, 3))]
            fields += [HeaderField(pos + 14, 4, True, False), HeaderField(pos + 18, 4, True, True)]
        length = int.from_bytes(data[pos + 1 : pos + 4], "big")
        if data[pos] & 0x80:
            break
        pos += 4 + length
    return fields


_EBML_IDS = (
    b"\x18\x53\x80\x67",  # Segment
    b"\x1f\x43\xb6\x75",  # Cluster
    b"\x16\x54\xae\x6b",  # Tracks
    b"\x15\x49\xa9\x66",  # Info
    b"\x44\x89",  # Duration
    b"\x2a\xd7\xb1",  # TimestampScale
    b"\xae",  # TrackEntry
    b"\xe1",  # Audio
    b"\xb5",  # SamplingFrequency
    b"\x9f",  # Channels
    b"\xa3",  # SimpleBlock
    b"\x63\xa2",  # CodecPrivate
)


def _ebml_fields(data: bytes) -> list[HeaderField]:
    """The size vint after known element ids in the first 4 KB: its first byte decides the vint's length."""
    fields = [HeaderField(4, 1, True, True)]
    head = data[:4096]
    for element in _EBML_IDS:
        at = head.find(element, 4)
        while at != -1 and len(fields) < 64:
            size_at = at + len(element)
            if size_at + 8 <= len(data):
                fields.append(HeaderField(size_at, 8 if data[size_at] == 0x01 else 1, True, True))
                fields.append(HeaderField(size_at + 1, 1, True, False))
            at = head.find(element, at + 1)
    return fields


def _mpeg_fields(data: bytes) -> list[HeaderField]:
    fields: list[HeaderField] = []
    start = 0
    if data[:3] == b"ID3":
        fields.append(HeaderField(6, 4, True, True))  # syncsafe tag size
        start = 10 + ((data[6] << 21) | (data[7] << 14) | (data[8] << 7) | data[9])
    pos = data.find(b"\xff", start)
    while pos != -1 and pos + 7 <= len(data) and len(fields) < 24:
        if data[pos + 1] & 0xE0 == 0xE0:
            fields += [HeaderField(pos + 1, 1, True, False), HeaderField(pos + 2, 1, True, False)]
            if data[pos + 1] & 0xF6 == 0xF0:  # ADTS: frame length
                fields.append(HeaderField(pos + 3, 3, True, True))
        pos = data.find(b"\xff", pos + 64)
    return fields


# ---------------------------------------------------------------------------------------------------- worker


class FakeEngine:
    """A fast stand-in for Whisper on whatever audio the real decoder produced; checks the audio contract."""

    def model_info(self) -> dict[str, Any]:
        return {"backend": "fuzz-fake"}

    def transcribe(self, audio: Any, options: Any) -> Any:
        import numpy as np

        from training_app.speech.audio import is_silent
        from training_app.speech.transcript import Segment, Transcript, Word

        if audio.dtype != np.float32 or audio.ndim != 1 or not np.isfinite(audio).all():
            raise AssertionError(f"decoder broke the audio contract: {audio.dtype} {audio.shape}")
        duration = round(audio.shape[0] / RATE, 3)
        if is_silent(audio):
            return Transcript("zh", duration, (), "no_speech", self.model_info())
        words = tuple(Word(0.1 + 0.2 * i, 0.3 + 0.2 * i, ch) for i, ch in enumerate("今天给大家介绍洛川苹果"))
        segment = Segment(0.1, words[-1].end, "今天给大家介绍洛川苹果", words)
        return Transcript("zh", duration, (segment,), "transcribed", self.model_info())


class TimedTranscriber:
    """Wraps the real transcriber: one JSON line per call (worker pid, seconds, outcome)."""

    def __init__(self, inner: Any, log: Path) -> None:
        self.inner, self.log = inner, log

    def __call__(self, path: Path, **kwargs: Any) -> Any:
        started, outcome = time.monotonic(), "ok"
        try:
            return self.inner(path, **kwargs)
        except Exception as exc:
            outcome = str(getattr(exc, "message_key", type(exc).__name__))
            raise
        finally:
            self._record(path, started, outcome)

    def _record(self, path: Path, started: float, outcome: str) -> None:
        import os

        line = {
            "key": path.name,
            "pid": os.getpid(),
            "seconds": round(time.monotonic() - started, 3),
            "outcome": outcome,
        }
        with self.log.open("a", encoding="utf-8") as out:
            out.write(json.dumps(line) + "\n")


class TextOnlyScorer:
    """The real scorer without pitch analysis: its first call in each fresh process costs seconds of JIT."""

    def __init__(self, settings: Any) -> None:
        from training_app.worker.pipeline import CatalogScorer

        self.scorer = CatalogScorer(settings)

    def __call__(self, transcript: Any, product_id: str | None, audio: Any, **kwargs: Any) -> Any:
        return self.scorer(transcript, product_id, None, **kwargs)


def run_worker(timings: Path, concurrency: int = 2) -> None:
    import logging

    from training_app.config import get_settings
    from training_app.worker.consumer import current_context, make_consumer

    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(process)d %(name)s %(levelname)s: %(message)s")
    settings = get_settings()
    consumer = make_consumer(
        settings, concurrency=concurrency, engine_factory=FakeEngine, sweep_seconds=1.0, health_check_seconds=0.5
    )
    ctx = current_context()
    ctx.transcriber = TimedTranscriber(ctx.transcriber, timings)
    ctx.scorer = TextOnlyScorer(settings)
    consumer.run()


def read_timings(path: Path) -> Iterator[dict[str, Any]]:
    if path.exists():
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip():
                yield json.loads(line)


if __name__ == "__main__":
    if sys.argv[1:2] == ["worker"]:
        run_worker(Path(sys.argv[2]))
    else:
        raise SystemExit("usage: fuzz_support.py worker TIMINGS.jsonl")
