"""Pacing: speaking rate (overall, articulation, over time), pauses, fillers and pitch variation.

Units are spoken units: Mandarin characters with numbers read aloud (199 → 一百九十九) and each Latin word one unit
(rate in characters per minute, ``cpm``), or English words (``wpm``). The rate runs from the first word's start to the
last word's end, pauses included; the articulation rate leaves pauses (gaps ≥ ``pause_min_s``) out. Without word
timestamps each segment's duration is spread evenly over its units; without any timing, timing fields are null.

Score (0–100): 100 inside the ideal band, falling linearly to 60 at the edge of the acceptable band and on at the
same slope to 0; minus ``filler_penalty_per_unit`` per filler per 100 units above the target (≤ 30), minus
``long_pause_penalty`` per pause ≥ ``long_pause_s`` (≤ 15), minus ``monotone_penalty`` when the pitch is flat.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass

import numpy as np

from training_app.catalog.assessments import AssessmentCatalog, Band, PacingConfig
from training_app.scoring.matching import alternation
from training_app.scoring.report import PacingResult, WindowRate
from training_app.scoring.text import CJK, LATIN_WORD, count_units, numbers_to_spoken_zh
from training_app.speech.transcript import Transcript

logger = logging.getLogger(__name__)
SAMPLE_RATE = 16_000


@dataclass(frozen=True)
class Token:
    start: float
    end: float
    units: int


def _spoken_units(text: str, lang: str) -> list[str]:
    if lang == "zh":
        spoken = numbers_to_spoken_zh(text)
        return [m.group(0) for m in re.finditer(f"{CJK.pattern}|{LATIN_WORD.pattern}", spoken)]
    return ["w"] * count_units(text, lang)


def timeline(transcript: Transcript) -> list[Token]:
    """Timed tokens: words when the transcript has them, else each segment's units spread evenly."""
    lang = transcript.language
    tokens: list[Token] = []
    for seg in transcript.segments:
        if seg.words:
            for w in seg.words:
                n = count_units(w.word, lang)
                if n:
                    tokens.append(Token(w.start, max(w.end, w.start), n))
            continue
        units = _spoken_units(seg.text, lang)
        step = (seg.end - seg.start) / len(units) if units else 0.0
        tokens.extend(Token(seg.start + i * step, seg.start + (i + 1) * step, 1) for i in range(len(units)))
    return sorted(tokens, key=lambda t: t.start)


def _gaps(tokens: list[Token]) -> list[float]:
    return [max(0.0, b.start - a.end) for a, b in zip(tokens, tokens[1:], strict=False)]


def windows(tokens: list[Token], cfg: PacingConfig) -> list[WindowRate]:
    if not tokens:
        return []
    t0, t1 = tokens[0].start, tokens[-1].end
    mids = np.array([(t.start + t.end) / 2 for t in tokens])
    units = np.array([t.units for t in tokens])
    out: list[WindowRate] = []
    start = t0
    while start + cfg.window_s <= t1 + 1e-6 or not out:
        end = min(start + cfg.window_s, t1)
        span = max(end - start, 1e-6)
        inside = units[(mids >= start) & (mids < end + 1e-9)].sum()
        out.append(WindowRate(start, end, float(inside) * 60.0 / span))
        start += cfg.step_s
        if end >= t1:
            break
    return out


def count_fillers(text: str, lang: str, lexicons: dict[str, list[str]]) -> int:
    """Plain fillers always; context fillers only before a pause mark or when repeated (就是就是, "like, …")."""
    lowered = text.lower()
    plain = alternation(lexicons.get(f"fillers_{lang}", []))
    ctx = alternation(lexicons.get(f"context_fillers_{lang}", []))
    if lang == "en":
        n = len(re.findall(rf"\b{plain}+\b", lowered))
        n += len(re.findall(rf"(?<!\bdo )(?<!\bdid )\b{ctx}\b(?=\s*[,…—-]|\s*$)", lowered))
        return n
    n = len(re.findall(f"{plain}+", lowered))
    n += len(re.findall(rf"({ctx})(?=\s*[,，、…—]|\1)", lowered))
    n += len(re.findall(r"(?:^|[。！？!?，,])\s*啊(?=[，,\s]|[\u4e00-\u9fff])", lowered))
    return n


def band_score(rate: float, band: Band) -> float:
    lo, hi = band.ideal
    alo, ahi = band.acceptable
    if lo <= rate <= hi:
        return 100.0
    if rate < lo:
        slope = 40.0 / max(lo - alo, 1e-6)
        return max(0.0, 100.0 - slope * (lo - rate))
    slope = 40.0 / max(ahi - hi, 1e-6)
    return max(0.0, 100.0 - slope * (rate - hi))


def pitch_variation(audio: np.ndarray | None, cfg: PacingConfig) -> float | None:
    """Standard deviation of voiced pitch in semitones (librosa.pyin on 8 kHz audio); None without audio."""
    if audio is None or len(audio) < SAMPLE_RATE // 2:
        return None
    import librosa
    from scipy.signal import resample_poly

    y = resample_poly(np.asarray(audio[: int(cfg.pitch_max_seconds * SAMPLE_RATE)], dtype=np.float32), 1, 2)
    f0, voiced, _ = librosa.pyin(
        y, fmin=75.0, fmax=400.0, sr=8000, frame_length=512, hop_length=160, resolution=0.25, n_thresholds=50
    )
    values = f0[voiced & np.isfinite(f0)]
    if len(values) < 10:
        return None
    semitones = 12.0 * np.log2(values / np.median(values))
    return float(np.std(semitones))


def analyze_pacing(
    transcript: Transcript, *, timed: bool, audio: np.ndarray | None, catalog: AssessmentCatalog
) -> PacingResult:
    cfg = catalog.scoring.pacing
    lang = transcript.language
    band = cfg.bands["en" if lang == "en" else "zh"]
    text = "\n".join(s.text for s in transcript.segments)
    units = count_units(text, lang)
    fillers = count_fillers(text, lang, catalog.lexicons)
    per_100 = 100.0 * fillers / units if units else 0.0
    unit = "wpm" if lang == "en" else "cpm"
    tokens = timeline(transcript) if timed else []
    if not tokens:
        return PacingResult(None, unit, None, None, None, None, per_100, fillers, units, None, band.ideal)
    span = max(tokens[-1].end - tokens[0].start, 1e-6)
    total = sum(t.units for t in tokens)
    pauses = [g for g in _gaps(tokens) if g >= cfg.pause_min_s]
    long_pauses = sum(1 for g in pauses if g >= cfg.long_pause_s)
    rate = total * 60.0 / span
    articulation = total * 60.0 / max(span - sum(pauses), 1e-6)
    std = pitch_variation(audio, cfg)
    monotone = None if std is None else std < cfg.monotone_semitones
    score = band_score(rate, band)
    score -= min(
        30.0,
        max(0.0, per_100 - cfg.filler_target_per_100["en" if lang == "en" else "zh"]) * cfg.filler_penalty_per_unit,
    )
    score -= min(15.0, long_pauses * cfg.long_pause_penalty)
    score -= cfg.monotone_penalty if monotone else 0.0
    return PacingResult(
        rate=rate,
        rate_unit=unit,
        articulation_rate=articulation,
        pause_ratio=sum(pauses) / span,
        longest_pause_s=max(pauses, default=0.0),
        pauses_over_threshold=long_pauses,
        fillers_per_100=per_100,
        fillers=fillers,
        units=units,
        score=max(0.0, score),
        band=band.ideal,
        windows=windows(tokens, cfg),
        pitch_std_semitones=std,
        monotone=monotone,
    )
