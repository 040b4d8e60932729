""" "Download all my data" (PIPL): one zip with everything the platform keeps about a trainee.

``profile.json``, ``clips/<id>.json`` with the recording next to it (``clips/<id>.<container>``), transcripts,
scores, the submitted reviews of the trainee's clips with their flag decisions and timed comments (drafts are the
trainer's work in progress and are left out), quiz attempts with answers, lesson progress, consents, certificates
(JSON, and a PDF when a renderer is given and can render it). The zip is written to a temporary file, the recordings
streamed in chunks, so memory stays bounded whatever the size; the caller removes the file. Audit-logged.

The browser download goes through Streamlit, which holds a download in memory; the page therefore first asks
:func:`estimated_export_bytes` (the recordings dominate) and offers the download only under
:data:`BROWSER_EXPORT_MAX_BYTES`. Larger exports are written to a file by an administrator
(``training-app privacy export``), which streams end to end.

Authorization: a trainee exports their own data; an administrator anyone's (for a request made in writing).
"""

from __future__ import annotations

import json
import logging
import shutil
import tempfile
import zipfile
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

from sqlmodel import Session, SQLModel, col, select

from training_app.db.tables import (
    Certificate,
    Clip,
    Consent,
    FlagDecision,
    LessonProgress,
    QuizAnswer,
    QuizAttempt,
    Review,
    ReviewStatus,
    Role,
    Score,
    TimedComment,
    Transcript,
    User,
)
from training_app.errors import NotFound, TrainingAppError
from training_app.services import audit
from training_app.services.authz import deny
from training_app.services.media import MediaStore

logger = logging.getLogger(__name__)

CertificatePdf = Callable[[Certificate], bytes]
_CHUNK = 1 << 20
BROWSER_EXPORT_MAX_BYTES = 256 << 20
"""Above this the page refuses the browser download: Streamlit keeps a download's bytes in the app's memory until
the session ends, and several such downloads at once would crowd out transcription on a small server."""
_OVERHEAD_BYTES = 1 << 20  # JSON files and certificates, generously


def _json(rows: SQLModel | Iterable[SQLModel] | dict[str, Any], exclude: set[str] | None = None) -> str:
    if isinstance(rows, dict):
        data: Any = rows
    elif isinstance(rows, SQLModel):
        data = rows.model_dump(mode="json", exclude=exclude)
    else:
        data = [r.model_dump(mode="json", exclude=exclude) for r in rows]
    return json.dumps(data, ensure_ascii=False, indent=2)


def _all(session: Session, table: Any, column: Any, value: Any) -> list[Any]:
    return list(session.exec(select(table).where(col(column) == value).order_by(col(table.id))))


def _write_clip(zf: zipfile.ZipFile, session: Session, clip: Clip, store: MediaStore) -> None:
    base = f"clips/{clip.id}"
    zf.writestr(f"{base}.json", _json(clip, exclude={"media_key"}))
    try:
        with store.open(clip.media_key) as src, zf.open(f"{base}.{clip.container}", "w") as dst:
            shutil.copyfileobj(src, dst, _CHUNK)
    except NotFound:
        logger.warning("clip %s: media missing, exported without audio", clip.id)
    zf.writestr(f"transcripts/{clip.id}.json", _json(_all(session, Transcript, Transcript.clip_id, clip.id)))
    zf.writestr(f"scores/{clip.id}.json", _json(_all(session, Score, Score.clip_id, clip.id)))
    reviews = [r for r in _all(session, Review, Review.clip_id, clip.id) if r.status == ReviewStatus.SUBMITTED]
    for review in reviews:
        data = {
            "review": review.model_dump(mode="json", exclude={"trainer_id", "updated_by_id"}),
            "flag_decisions": [
                d.model_dump(mode="json", exclude={"decided_by_id"})
                for d in _all(session, FlagDecision, FlagDecision.review_id, review.id)
            ],
            "comments": [
                c.model_dump(mode="json", exclude={"trainer_id"})
                for c in _all(session, TimedComment, TimedComment.review_id, review.id)
            ],
        }
        zf.writestr(f"reviews/{review.id}.json", _json(data))


def _write_learning(zf: zipfile.ZipFile, session: Session, user: User) -> None:
    attempts = _all(session, QuizAttempt, QuizAttempt.user_id, user.id)
    zf.writestr("quiz_attempts.json", _json(attempts))
    ids = [a.id for a in attempts]
    answers = session.exec(select(QuizAnswer).where(col(QuizAnswer.attempt_id).in_(ids))).all() if ids else []
    zf.writestr("quiz_answers.json", _json(answers))
    zf.writestr("lesson_progress.json", _json(_all(session, LessonProgress, LessonProgress.user_id, user.id)))
    zf.writestr("consents.json", _json(_all(session, Consent, Consent.user_id, user.id)))


def _write_certificates(zf: zipfile.ZipFile, session: Session, user: User, pdf: CertificatePdf | None) -> None:
    for cert in _all(session, Certificate, Certificate.trainee_id, user.id):
        zf.writestr(f"certificates/{cert.id}.json", _json(cert))
        if pdf is None or cert.revoked_at is not None:
            continue
        try:
            zf.writestr(f"certificates/{cert.id}.pdf", pdf(cert))
        except TrainingAppError:
            logger.warning("certificate %s: PDF not rendered for the export", cert.id)


def estimated_export_bytes(session: Session, *, user_id: int) -> int:
    """An upper estimate of the zip's size: the recordings (stored compressed, so deflate gains little) plus an
    allowance for the JSON files and certificate PDFs."""
    sizes = session.exec(select(Clip.size_bytes).where(Clip.owner_id == user_id)).all()
    return int(sum(sizes)) + _OVERHEAD_BYTES


def export_my_data(
    session: Session,
    actor: User,
    *,
    user_id: int,
    store: MediaStore,
    certificate_pdf: CertificatePdf | None = None,
    directory: Path | None = None,
) -> Path:
    """Write the zip to a new temporary file (in ``directory`` if given) and return its path."""
    user = session.get(User, user_id)
    if user is None:
        raise NotFound("errors.not_found")
    if not actor.is_active or (actor.id != user_id and actor.role != Role.ADMIN):
        raise deny(actor, "data.export", "user", user_id)
    handle = tempfile.NamedTemporaryFile(prefix="my-data-", suffix=".zip", dir=directory, delete=False)  # noqa: SIM115
    path = Path(handle.name)
    handle.close()
    try:
        with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as zf:
            zf.writestr("profile.json", _json(user, exclude={"password_hash"}))
            for clip in _all(session, Clip, Clip.owner_id, user_id):
                _write_clip(zf, session, clip, store)
            _write_learning(zf, session, user)
            _write_certificates(zf, session, user, certificate_pdf)
    except BaseException:
        path.unlink(missing_ok=True)
        raise
    audit.record(session, actor=actor, action="data.export", resource_type="user", resource_id=user_id)
    return path
