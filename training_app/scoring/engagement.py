"""Engagement: questions to the audience, calls to action, audience address, answering comments, and the longest
stretch without any audience-directed prompt.

Each sentence counts at most once per kind. Score (0–100) = Σ_k weight_k · min(1, rate_k / target_k) · 100, with
rates per minute for timed clips and per 100 spoken units for text, then × (1 − gap penalty): the penalty grows
linearly from 0 when the longest prompt-free stretch is ``gap_free_s`` to ``gap_max_penalty`` at ``gap_zero_s``.
"""

from __future__ import annotations

import re

from training_app.catalog.assessments import AssessmentCatalog
from training_app.scoring.claims import Sentence, transcript_sentences
from training_app.scoring.matching import alternation
from training_app.scoring.report import EngagementResult
from training_app.scoring.text import count_units, normalize
from training_app.scoring.timing import span_time
from training_app.speech.transcript import Transcript

KINDS = ("calls_to_action", "questions", "audience_address", "answering_comments")
_EN_QUESTION_START = re.compile(
    r"^(?:so\s+|and\s+|now\s+)?(?:do|does|did|are|is|have|has|can|could|would|will|who|what|which|how|where|why|when|"
    r"anyone|any of you|want|wanna|ready)\b"
)


def _patterns(catalog: AssessmentCatalog, lang: str) -> dict[str, re.Pattern[str]]:
    key = f"engagement:{lang}"
    if key not in catalog.cache:
        lex = catalog.lexicons
        catalog.cache[key] = {
            "calls_to_action": re.compile(alternation(lex.get(f"cta_{lang}", []))),
            "audience_address": re.compile(alternation(lex.get(f"address_{lang}", []))),
            "answering_comments": re.compile(alternation(lex.get(f"answering_{lang}", []))),
            "question_words": re.compile(alternation(lex.get(f"question_{lang}", []))),
        }
    patterns: dict[str, re.Pattern[str]] = catalog.cache[key]
    return patterns


def is_question(text: str, lang: str, words: re.Pattern[str]) -> bool:
    stripped = text.strip()
    if stripped.endswith(("?", "？")):
        return True
    if lang == "en":
        return bool(_EN_QUESTION_START.search(stripped.lower()))
    tail = stripped.rstrip("。！!，,~～… ")
    return tail.endswith(("吗", "呢", "嘛")) or bool(words.search(stripped) and tail.endswith(("吧", "啊", "呀")))


def classify(sentence: str, lang: str, catalog: AssessmentCatalog) -> set[str]:
    pats = _patterns(catalog, lang)
    norm = normalize(sentence).text
    kinds = {k for k in ("calls_to_action", "audience_address", "answering_comments") if pats[k].search(norm)}
    if is_question(sentence, lang, pats["question_words"]):
        kinds.add("questions")
    return kinds


def _longest_gap(times: list[float], start: float, end: float) -> float:
    marks = [start, *sorted(times), end]
    return max((b - a for a, b in zip(marks, marks[1:], strict=False)), default=end - start)


def _score(counts: dict[str, int], minutes: float | None, units: int, lang: str, catalog: AssessmentCatalog) -> float:
    cfg = catalog.scoring.engagement
    if minutes:
        rates = {k: counts[k] / minutes for k in KINDS}
        targets = cfg.target_per_minute
    else:
        rates = {k: 100.0 * counts[k] / max(units, 1) for k in KINDS}
        targets = cfg.target_per_100_units[lang if lang == "en" else "zh"]  # type: ignore[index]
    total_w = sum(cfg.weights.values()) or 1.0
    return 100.0 * sum(cfg.weights[k] * min(1.0, rates[k] / targets[k]) for k in KINDS if targets[k]) / total_w


def analyze_engagement(transcript: Transcript, *, timed: bool, catalog: AssessmentCatalog) -> EngagementResult:
    lang = transcript.language
    cfg = catalog.scoring.engagement
    counts = dict.fromkeys(KINDS, 0)
    prompt_times: list[float] = []
    sentences: list[Sentence] = transcript_sentences(transcript)
    for s in sentences:
        kinds = classify(s.text, lang, catalog)
        for k in kinds:
            counts[k] += 1
        if kinds and timed:
            prompt_times.append(span_time(transcript.segments[s.segment], s.start, s.end)[0])
    gap: float | None = None
    minutes: float | None = None
    if timed and transcript.segments:
        t0, t1 = transcript.segments[0].start, max(s.end for s in transcript.segments)
        gap = _longest_gap(prompt_times, t0, t1)
        minutes = max((t1 - t0) / 60.0, 1e-6)
    units = count_units(" ".join(s.text for s in transcript.segments), lang)
    score = _score(counts, minutes, units, lang, catalog)
    if gap is not None and gap > cfg.gap_free_s:
        frac = min(1.0, (gap - cfg.gap_free_s) / max(cfg.gap_zero_s - cfg.gap_free_s, 1e-6))
        score *= 1.0 - cfg.gap_max_penalty * frac
    return EngagementResult(
        questions=counts["questions"],
        calls_to_action=counts["calls_to_action"],
        audience_address=counts["audience_address"],
        answering_comments=counts["answering_comments"],
        longest_gap_without_prompt_s=gap,
        score=score,
    )
