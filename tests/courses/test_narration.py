"""Lesson narration: only real audio is kept (magic bytes, size limit), stored durably; trainees get the latest."""

from __future__ import annotations

import hashlib
import io
import wave
from pathlib import Path

import pytest
from sqlalchemy import Engine
from support.course_content import M1_LESSONS, load_tree

from training_app.db.engine import session_scope
from training_app.errors import InputRejected
from training_app.services import narration


def wav_bytes(seconds: float = 0.2) -> bytes:
    buf = io.BytesIO()
    with wave.open(buf, "wb") as w:
        w.setnchannels(1)
        w.setsampwidth(2)
        w.setframerate(16000)
        w.writeframes(b"\x00\x00" * int(16000 * seconds))
    return buf.getvalue()


@pytest.mark.parametrize(
    ("head", "kind"),
    [
        (b"ID3\x04\x00", "mp3"),
        (b"\xff\xfb\x90\x00", "mp3"),
        (b"\x00\x00\x00\x20ftypM4A ", "m4a"),
        (b"OggS\x00\x02", "ogg"),
        (b"\x1a\x45\xdf\xa3\x9f", "webm"),
        (b"#EXTM3U\n#EXT-X-VERSION:3\n", None),
        (b"<html><body>", None),
        (b"\x00\x00\x00\x20ftypqt  ", None),
    ],
)
def test_sniff_audio_accepts_allowlist_only(head: bytes, kind: str | None) -> None:
    assert narration.sniff_audio(head + b"\x00" * 200) == kind


def test_save_narration_stores_file_with_hash_and_version(people, loaded: Engine, tmp_path: Path) -> None:
    data = wav_bytes()
    with session_scope(loaded) as s:
        saved = narration.save_narration(
            s, people.trainer, lesson_id=M1_LESSONS[0], language="zh", data=data, media_dir=tmp_path
        )
    assert saved.path.read_bytes() == data and saved.path.suffix == "" and not saved.outdated
    assert saved.mime == "audio/wav"
    with session_scope(loaded) as s:
        latest = narration.latest_narration(
            s, people.trainee, lesson_id=M1_LESSONS[0], language="zh", media_dir=tmp_path
        )
        none_en = narration.latest_narration(
            s, people.trainee, lesson_id=M1_LESSONS[0], language="en", media_dir=tmp_path
        )
    assert latest is not None and latest.id == saved.id and none_en is None
    assert hashlib.sha256(latest.path.read_bytes()).hexdigest() == hashlib.sha256(data).hexdigest()


@pytest.mark.parametrize("data", [b"", b"not audio at all" * 20, b"#EXTM3U\n" + b"x" * 200])
def test_save_narration_not_audio_rejected_and_nothing_written(people, loaded: Engine, tmp_path: Path, data) -> None:
    with pytest.raises(InputRejected), session_scope(loaded) as s:
        narration.save_narration(
            s, people.trainer, lesson_id=M1_LESSONS[0], language="zh", data=data, media_dir=tmp_path
        )
    assert not (tmp_path / narration.SUBDIR).exists()


def test_save_narration_too_large_rejected(people, loaded: Engine, tmp_path: Path) -> None:
    with pytest.raises(InputRejected) as err, session_scope(loaded) as s:
        narration.save_narration(
            s,
            people.trainer,
            lesson_id=M1_LESSONS[0],
            language="zh",
            data=wav_bytes(),
            media_dir=tmp_path,
            max_bytes=100,
        )
    assert err.value.message_key == "courses.narration_too_large"


def test_latest_narration_after_lesson_edit_marked_outdated(
    people, loaded: Engine, mini_root: Path, tmp_path: Path
) -> None:
    with session_scope(loaded) as s:
        narration.save_narration(
            s, people.admin, lesson_id=M1_LESSONS[0], language="en", data=wav_bytes(), media_dir=tmp_path
        )
    lesson = mini_root / "t-basics/01-m-one/lessons/01-m-one-a.zh.md"
    lesson.write_text(lesson.read_text(encoding="utf-8") + "\n新的一段。\n", encoding="utf-8")
    load_tree(loaded, mini_root)
    with session_scope(loaded) as s:
        latest = narration.latest_narration(
            s, people.trainee, lesson_id=M1_LESSONS[0], language="en", media_dir=tmp_path
        )
    assert latest is not None and latest.outdated
