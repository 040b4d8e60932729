"""Audio narration of a lesson: a trainer records or uploads it per language; trainees play the latest one.

The file is checked before it is kept: a size limit, and magic bytes from an allowlist (WAV, MP3, M4A, OGG, WebM) —
never the name or extension the browser sent. It is stored under a random name without extension (fsync'd), with
its sha256 and the lesson's content version, so a narration of an older version of the lesson can be flagged.
"""

from __future__ import annotations

import hashlib
import os
import secrets
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from sqlmodel import Session, col, select

from training_app.db.tables import CourseLesson, LessonNarration, Role, User
from training_app.errors import InputRejected, InvalidInput, NotFound
from training_app.i18n import LANGUAGES
from training_app.services import audit
from training_app.services.authz import require_role
from training_app.services.course_state import content_index, pick

DEFAULT_MAX_BYTES = 30 * 1024 * 1024
MIN_BYTES = 64
SUBDIR = "narration"
MIME_TYPES = {"wav": "audio/wav", "mp3": "audio/mpeg", "m4a": "audio/mp4", "ogg": "audio/ogg", "webm": "audio/webm"}
_MP4_BRANDS = {b"M4A ", b"M4B ", b"mp41", b"mp42", b"isom", b"iso2", b"iso5", b"dash", b"3gp4", b"3gp5"}
ANY_ROLE = (Role.TRAINEE, Role.TRAINER, Role.AGENCY, Role.ADMIN)


def sniff_audio(data: bytes) -> str | None:
    """The audio container the bytes really are (by magic bytes), or None."""
    if len(data) < MIN_BYTES:
        return None
    if data[:4] == b"RIFF" and data[8:12] == b"WAVE":
        return "wav"
    if data[:3] == b"ID3" or (data[0] == 0xFF and data[1] & 0xE0 == 0xE0 and data[1] & 0x06 != 0):
        return "mp3"
    if data[4:8] == b"ftyp" and data[8:12] in _MP4_BRANDS:
        return "m4a"
    if data[:4] == b"OggS":
        return "ogg"
    if data[:4] == b"\x1a\x45\xdf\xa3":
        return "webm"
    return None


@dataclass(frozen=True)
class NarrationView:
    id: int
    lesson_id: str
    language: str
    path: Path
    mime: str
    created_at: datetime
    outdated: bool  # recorded for an earlier version of the lesson


def _lesson(session: Session, lesson_id: str) -> CourseLesson:
    lesson = session.get(CourseLesson, lesson_id)
    if lesson is None or lesson.is_retired:
        raise NotFound("courses.lesson_not_found")
    return lesson


def _write_durably(folder: Path, data: bytes) -> str:
    folder.mkdir(parents=True, exist_ok=True)
    name = secrets.token_hex(16)
    tmp = folder / f".{name}.part"
    with open(tmp, "wb") as handle:
        handle.write(data)
        handle.flush()
        os.fsync(handle.fileno())
    os.replace(tmp, folder / name)
    dir_fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(dir_fd)
    finally:
        os.close(dir_fd)
    return name


def save_narration(
    session: Session,
    actor: User,
    *,
    lesson_id: str,
    language: str,
    data: bytes,
    media_dir: Path,
    max_bytes: int = DEFAULT_MAX_BYTES,
) -> NarrationView:
    """Check and store a narration for ``lesson_id`` in ``language`` (trainers and administrators)."""
    require_role(actor, "narration.save", Role.TRAINER, Role.ADMIN)
    if language not in LANGUAGES:
        raise InvalidInput("accounts.language_invalid", language=language)
    lesson = _lesson(session, lesson_id)
    if len(data) > max_bytes:
        raise InputRejected("courses.narration_too_large", mb=max_bytes // (1024 * 1024))
    audio_format = sniff_audio(data)
    if audio_format is None:
        raise InputRejected("courses.narration_not_audio")
    name = _write_durably(media_dir / SUBDIR, data)
    row = LessonNarration(
        lesson_id=lesson.id,
        language=language,
        lesson_version=lesson.version,
        stored_name=name,
        audio_format=audio_format,
        size_bytes=len(data),
        sha256=hashlib.sha256(data).hexdigest(),
        recorded_by=actor.id or 0,
    )
    session.add(row)
    session.flush()
    audit.record(session, actor=actor, action="narration.save", resource_type="narration", resource_id=row.id)
    return _view(row, lesson, media_dir)


def _view(row: LessonNarration, lesson: CourseLesson, media_dir: Path) -> NarrationView:
    return NarrationView(
        id=row.id or 0,
        lesson_id=row.lesson_id,
        language=row.language,
        path=media_dir / SUBDIR / row.stored_name,
        mime=MIME_TYPES.get(row.audio_format, "audio/wav"),
        created_at=row.created_at,
        outdated=row.lesson_version != lesson.version,
    )


def latest_narration(
    session: Session, actor: User, *, lesson_id: str, language: str, media_dir: Path
) -> NarrationView | None:
    """The most recent narration of the lesson in ``language`` whose file is present, or None."""
    require_role(actor, "narration.read", *ANY_ROLE)
    lesson = _lesson(session, lesson_id)
    stmt = (
        select(LessonNarration)
        .where(LessonNarration.lesson_id == lesson_id, LessonNarration.language == language)
        .order_by(col(LessonNarration.created_at).desc(), col(LessonNarration.id).desc())
    )
    for row in session.exec(stmt):
        view = _view(row, lesson, media_dir)
        if view.path.is_file():
            return view
    return None


def lesson_choices(session: Session, actor: User, *, lang: str) -> dict[str, str]:
    """Lesson id -> "module title · lesson title", for the trainer's narration page."""
    require_role(actor, "narration.save", Role.TRAINER, Role.ADMIN)
    index = content_index(session)
    return {
        lesson.id: f"{pick(module, 'title', lang)} · {pick(lesson, 'title', lang)}"
        for module in index.modules
        for lesson in index.lessons[module.id]
    }
