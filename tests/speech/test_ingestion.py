"""Safe ingestion: what is accepted, what is refused (and with which key), before any decoder runs."""

from __future__ import annotations

import wave
from collections.abc import Callable
from pathlib import Path

import numpy as np
import pytest
from speech.mediagen import RATE, tone, white_noise

from training_app.errors import InputRejected
from training_app.i18n import t
from training_app.speech.audio import AudioLimits, decode, is_silent, probe, sniff_container

# name, container, codec, expected sniff, video — stored names carry no extension, as the media store does.
ACCEPTED = [
    ("wav", "wav", "pcm_s16le", "wav", False),
    ("mp3-id3", "mp3", "libmp3lame", "mp3", False),
    ("m4a", "mp4", "aac", "mp4", False),
    ("adts", "adts", "aac", "aac", False),
    ("ogg-opus", "ogg", "libopus", "ogg", False),
    ("webm-opus", "webm", "libopus", "matroska", False),
    ("flac", "flac", "flac", "flac", False),
    ("mp4-video", "mp4", "aac", "mp4", True),
]


@pytest.mark.parametrize(("name", "container", "codec", "sniffed", "video"), ACCEPTED)
def test_decode_accepts_format_to_16k_mono(
    media: Callable[..., Path],
    jfk: np.ndarray,
    limits: AudioLimits,
    name: str,
    container: str,
    codec: str,
    sniffed: str,
    video: bool,
) -> None:
    signal = jfk[: 3 * RATE]
    path = media(name, signal, container=container, codec=codec, video=video)
    assert sniff_container(path) == sniffed
    audio = decode(path, limits)
    assert audio.dtype == np.float32 and audio.ndim == 1
    assert abs(audio.shape[0] / RATE - 3.0) < 0.15
    assert not is_silent(audio)


def test_sniff_mp3_without_id3_uses_frame_sync(media: Callable[..., Path]) -> None:
    path = media("bare", tone(1.0), container="mp3", codec="libmp3lame", options={"id3v2_version": "0"})
    assert path.read_bytes()[0] == 0xFF
    assert sniff_container(path) == "mp3"


def test_sniff_real_flac_clip(clips: dict) -> None:
    assert sniff_container(clips["en_whisper_jfk.flac"].path) == "flac"


HLS = "#EXTM3U\n#EXT-X-TARGETDURATION:10\n#EXTINF:10,\n{target}\n#EXT-X-ENDLIST\n"
REFUSED_TEXT = [
    ("clip.mp3", HLS, "speech.playlist_refused"),
    ("bom.m4a", "\ufeff  #EXTM3U\n#EXTINF:-1,\n{target}\n", "speech.playlist_refused"),
    ("list.wav", "ffconcat version 1.0\nfile '{target}'\n", "speech.playlist_refused"),
    ("bare-concat", "file '{target}'\n", "speech.playlist_refused"),
    ("stream.ogg", "v=0\no=- 0 0 IN IP4 127.0.0.1\nm=audio 5004 RTP/AVP 96\n", "speech.playlist_refused"),
    ("page.mp3", "<!DOCTYPE html><html><body>{target}</body></html>", "speech.unsupported_format"),
    ("notes.wav", "just some text, not audio\n", "speech.unsupported_format"),
]


@pytest.mark.parametrize(("name", "content", "key"), REFUSED_TEXT)
def test_decode_refuses_text_before_any_decoder(
    tmp_path: Path, media: Callable[..., Path], limits: AudioLimits, name: str, content: str, key: str
) -> None:
    target = media("secret", tone(2.0), container="wav", codec="pcm_s16le")  # a local file a playlist points at
    path = tmp_path / name
    path.write_text(content.format(target=target), encoding="utf-8")
    with pytest.raises(InputRejected) as excinfo:
        sniff_container(path)
    assert excinfo.value.message_key == key
    with pytest.raises(InputRejected) as excinfo:
        decode(path, limits)
    assert excinfo.value.message_key == key


def test_decode_refuses_random_bytes(tmp_path: Path, limits: AudioLimits) -> None:
    path = tmp_path / "blob"
    path.write_bytes(np.random.default_rng(1).integers(0, 256, 4000, dtype=np.uint8).tobytes().replace(b"\xff", b"\0"))
    with pytest.raises(InputRejected) as excinfo:
        decode(path, limits)
    assert excinfo.value.message_key == "speech.unsupported_format"


def test_decode_refuses_empty_file(tmp_path: Path, limits: AudioLimits) -> None:
    path = tmp_path / "empty"
    path.write_bytes(b"")
    with pytest.raises(InputRejected) as excinfo:
        decode(path, limits)
    assert excinfo.value.message_key == "speech.empty"


def test_decode_refuses_too_large_before_reading(media: Callable[..., Path]) -> None:
    path = media("big", tone(5.0), container="wav", codec="pcm_s16le")
    with pytest.raises(InputRejected) as excinfo:
        decode(path, AudioLimits(max_bytes=50_000, max_seconds=600))
    assert excinfo.value.message_key == "speech.too_large"
    assert "MB" in excinfo.value.message("en")


def test_probe_refuses_declared_duration_past_limit(media: Callable[..., Path]) -> None:
    path = media("long", tone(12.0), container="wav", codec="pcm_s16le")
    with pytest.raises(InputRejected) as excinfo:
        probe(path, "wav", AudioLimits(max_bytes=10**8, max_seconds=10))
    assert excinfo.value.message_key == "speech.too_long"
    assert excinfo.value.params == {"seconds": 12, "limit": 10}


def test_decode_counts_samples_when_header_understates(tmp_path: Path, media: Callable[..., Path]) -> None:
    """A chained Ogg declares the last link's length (3 s) but holds 6 s: the running count refuses it."""
    link = media("link", tone(3.0), container="ogg", codec="libopus")
    chained = tmp_path / "chained"
    chained.write_bytes(link.read_bytes() * 2)
    limits = AudioLimits(max_bytes=10**8, max_seconds=4.5)
    assert probe(chained, "ogg", limits).duration_s == pytest.approx(3.0, abs=0.1)
    with pytest.raises(InputRejected) as excinfo:
        decode(chained, limits)
    assert excinfo.value.message_key == "speech.too_long"


def test_decode_header_only_wav_is_empty_audio(tmp_path: Path, limits: AudioLimits) -> None:
    path = tmp_path / "header-only"
    with wave.open(str(path), "wb") as out:
        out.setnchannels(1)
        out.setsampwidth(2)
        out.setframerate(RATE)
    assert path.stat().st_size == 44
    assert decode(path, limits).shape == (0,)


def test_decode_refuses_video_without_audio(tmp_path: Path, limits: AudioLimits) -> None:
    import av

    path = tmp_path / "silent-film"
    with av.open(str(path), "w", format="mp4") as out:
        stream = out.add_stream("mpeg4", rate=4)
        stream.width, stream.height, stream.pix_fmt = 64, 64, "yuv420p"
        for i in range(8):
            frame = av.VideoFrame.from_ndarray(np.zeros((64, 64, 3), dtype=np.uint8), format="rgb24")
            frame.pts = i
            for packet in stream.encode(frame):
                out.mux(packet)
        for packet in stream.encode(None):
            out.mux(packet)
    with pytest.raises(InputRejected) as excinfo:
        decode(path, limits)
    assert excinfo.value.message_key == "speech.no_audio_stream"


@pytest.mark.parametrize(
    ("name", "container", "codec", "keep"),
    [("cut-mp3", "mp3", "libmp3lame", 0.4), ("cut-m4a", "mp4", "aac", 0.6)],
)
def test_decode_refuses_truncated_upload(
    media: Callable[..., Path], jfk: np.ndarray, limits: AudioLimits, name: str, container: str, codec: str, keep: float
) -> None:
    path = media(name, jfk, container=container, codec=codec)
    data = path.read_bytes()
    path.write_bytes(data[: int(len(data) * keep)])
    with pytest.raises(InputRejected) as excinfo:
        decode(path, limits)
    assert excinfo.value.message_key == "speech.corrupt"


def test_decode_refuses_mp3_header_then_garbage(
    tmp_path: Path, media: Callable[..., Path], limits: AudioLimits
) -> None:
    real = media("real", tone(1.0), container="mp3", codec="libmp3lame", options={"id3v2_version": "0"})
    garbage = np.random.default_rng(2).integers(0, 256, 200_000, dtype=np.uint8).tobytes()
    path = tmp_path / "garbage"
    path.write_bytes(real.read_bytes()[:4] + garbage)
    with pytest.raises(InputRejected) as excinfo:
        decode(path, limits)
    assert excinfo.value.message_key == "speech.corrupt"


def test_refusal_messages_exist_in_both_languages() -> None:
    keys = ["unsupported_format", "playlist_refused", "too_large", "too_long", "no_audio_stream", "corrupt", "empty"]
    for key in keys:
        zh, en = t(f"speech.{key}", "zh"), t(f"speech.{key}", "en")
        assert zh != f"speech.{key}" and en != f"speech.{key}" and zh != en


def test_is_silent_levels() -> None:
    assert is_silent(np.zeros(RATE, dtype=np.float32))
    assert is_silent(np.zeros(0, dtype=np.float32))
    assert is_silent(white_noise(1.0, level=0.0005))
    assert not is_silent(tone(1.0))
    assert not is_silent(white_noise(1.0, level=0.1))
