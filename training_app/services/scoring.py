"""Scoring use cases: load the assessment catalog, score a transcript, read text/JSON transcripts.

``score_transcript`` is pure (no database, no environment): the clips/jobs service calls it and stores
``ScoreReport.to_dict()``. The claim model is optional and used only for languages where ``assessments/scoring.yaml``
enables it (``claims.use_model``), i.e. where ``training-app eval`` showed it beats the rules alone.
"""

from __future__ import annotations

import json
import logging
from pathlib import Path
from typing import Any

import numpy as np

from training_app.catalog.assessments import AssessmentCatalog, ProductSheet, assessment_files, load_catalog_uncached
from training_app.errors import InvalidInput
from training_app.scoring.claims import CategoryScorer, detect_claims
from training_app.scoring.comments import align_comments, with_comments
from training_app.scoring.engagement import analyze_engagement
from training_app.scoring.knowledge import analyze_knowledge
from training_app.scoring.overall import build_tips, overall_score
from training_app.scoring.pacing import analyze_pacing
from training_app.scoring.report import ScoreReport
from training_app.scoring.text import detect_language
from training_app.scoring.timing import is_timed
from training_app.speech.transcript import Segment, Transcript, Word

logger = logging.getLogger(__name__)
RULES_ONLY = "rules-only"
_CATALOGS: dict[Path, tuple[float, AssessmentCatalog]] = {}


def load_assessment_catalog(assessments_dir: Path) -> AssessmentCatalog:
    """The validated catalog for ``assessments_dir``, reloaded only when one of its files changes."""
    root = Path(assessments_dir).resolve()
    files = assessment_files(root) if root.is_dir() else []
    stamp = max((f.stat().st_mtime_ns for f in files), default=0) + len(files)
    cached = _CATALOGS.get(root)
    if cached and cached[0] == stamp:
        return cached[1]
    catalog = load_catalog_uncached(root)
    _CATALOGS[root] = (stamp, catalog)
    return catalog


def load_claim_model(model_dir: Path) -> tuple[CategoryScorer | None, str]:
    """The trained claim model and its version, or ``(None, "rules-only")`` when none has been trained."""
    from training_app.scoring.model import ClaimModel

    model = ClaimModel.load(model_dir)
    return (model, model.version) if model else (None, RULES_ONLY)


def _has_speech(transcript: Transcript) -> bool:
    return transcript.status != "no_speech" and any(s.text.strip() for s in transcript.segments)


def _segments_out(transcript: Transcript, timed: bool) -> list[dict[str, Any]]:
    return [
        {"start": s.start if timed else None, "end": s.end if timed else None, "text": s.text}
        for s in transcript.segments
    ]


def score_transcript(
    transcript: Transcript,
    *,
    product: ProductSheet | None,
    audio: np.ndarray | None = None,
    catalog: AssessmentCatalog,
    claim_model: CategoryScorer | None = None,
    model_version: str = RULES_ONLY,
    comments: list[dict[str, Any]] | None = None,
) -> ScoreReport:
    """Score one transcript against the catalog (and the product sheet, if any); ``comments`` is a live-room
    clip's comment timeline (``services.live_room.comment_timeline``)."""
    lang = "en" if transcript.language == "en" else "zh"
    timed = is_timed(transcript)
    duration = transcript.duration_s if timed else None
    if timed and duration is None and transcript.segments:
        duration = max(s.end for s in transcript.segments)
    if not _has_speech(transcript):
        return ScoreReport(
            "no_speech", lang, duration, catalog.rule_set_version, RULES_ONLY, [], None, [], None, None, None, []
        )
    use_model = claim_model is not None and catalog.scoring.claims.use_model.get(lang, False)  # type: ignore[call-overload]
    claims = detect_claims(transcript, product=product, catalog=catalog, model=claim_model if use_model else None)
    pacing = analyze_pacing(transcript, timed=timed, audio=audio, catalog=catalog)
    engagement = analyze_engagement(transcript, timed=timed, catalog=catalog)
    comment_report = (
        align_comments(transcript, comments, language=lang, catalog=catalog, product=product, claims=claims)
        if comments
        else None
    )
    if comment_report is not None:
        engagement = with_comments(engagement, comment_report)
    knowledge = analyze_knowledge(transcript, product)
    overall = overall_score(pacing=pacing, engagement=engagement, knowledge=knowledge, claims=claims, catalog=catalog)
    tips = build_tips(
        claims=claims,
        pacing=pacing,
        engagement=engagement,
        knowledge=knowledge,
        product=product,
        lang=lang,
        catalog=catalog,
    )
    return ScoreReport(
        status="scored",
        language=lang,
        duration_s=duration,
        rule_set_version=catalog.rule_set_version,
        model_version=model_version if use_model else RULES_ONLY,
        segments=_segments_out(transcript, timed),
        pacing=pacing,
        claims=claims,
        engagement=engagement,
        product_knowledge=knowledge,
        overall=overall,
        tips=tips,
        comments=comment_report.to_dict() if comment_report else None,
    )


def transcript_from_text(text: str, *, language: str | None = None) -> Transcript:
    """One segment per non-empty line, no timing (``model["timing"] == "none"``)."""
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    lang = language or detect_language(" ".join(lines))
    segments = tuple(Segment(0.0, 0.0, line) for line in lines)
    return Transcript(lang, None, segments, "transcribed" if segments else "no_speech", {"timing": "none"})


def _segment(raw: Any, index: int) -> Segment:
    if not isinstance(raw, dict) or not isinstance(raw.get("text"), str):
        raise InvalidInput("scoring.bad_transcript", detail=f"segments[{index}] needs start, end and text")
    try:
        start, end = float(raw["start"]), float(raw["end"])
        words = tuple(Word(float(w["start"]), float(w["end"]), str(w["word"])) for w in raw.get("words") or [])
    except (KeyError, TypeError, ValueError) as exc:
        raise InvalidInput("scoring.bad_transcript", detail=f"segments[{index}]: {exc}") from exc
    if end < start or start < 0:
        raise InvalidInput("scoring.bad_transcript", detail=f"segments[{index}]: end before start")
    return Segment(start, end, raw["text"], words)


def transcript_from_json(data: Any, *, language: str | None = None) -> Transcript:
    """``{"language": ..., "segments": [{"start", "end", "text", "words"?}]}`` → Transcript (schema-checked)."""
    if not isinstance(data, dict) or not isinstance(data.get("segments"), list):
        raise InvalidInput("scoring.bad_transcript", detail="expected an object with a 'segments' list")
    segments = tuple(_segment(raw, i) for i, raw in enumerate(data["segments"]))
    text = " ".join(s.text for s in segments)
    lang = language or data.get("language") or detect_language(text)
    duration = data.get("duration_s")
    if duration is None and segments:
        duration = max(s.end for s in segments)
    status = "transcribed" if any(s.text.strip() for s in segments) else "no_speech"
    return Transcript("en" if str(lang).startswith("en") else "zh", duration, segments, status)


def read_transcript_file(path: Path, *, language: str | None = None) -> Transcript:
    """A ``.txt`` (one utterance per line) or ``.json`` transcript file."""
    if not path.is_file():
        raise InvalidInput("scoring.input_missing", path=str(path))
    try:
        raw = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise InvalidInput("scoring.bad_transcript", detail=str(exc)[:200]) from exc
    if path.suffix.lower() == ".json":
        try:
            data = json.loads(raw)
        except json.JSONDecodeError as exc:
            raise InvalidInput("scoring.bad_json", path=str(path), detail=str(exc)) from exc
        return transcript_from_json(data, language=language)
    if not raw.strip():
        raise InvalidInput("scoring.empty_text", path=str(path))
    return transcript_from_text(raw, language=language)


def report_from_text(
    text: str,
    *,
    catalog: AssessmentCatalog,
    product: ProductSheet | None = None,
    language: str | None = None,
    claim_model: CategoryScorer | None = None,
    model_version: str = RULES_ONLY,
) -> ScoreReport:
    """Score plain text (one utterance per line, no timing)."""
    transcript = transcript_from_text(text, language=language)
    return score_transcript(
        transcript, product=product, catalog=catalog, claim_model=claim_model, model_version=model_version
    )
