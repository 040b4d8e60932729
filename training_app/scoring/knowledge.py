"""Product knowledge: which of the fact sheet's key points the pitch covers (cue words, normalised text).

Score = 100 × covered / total key points. English cues match at a word start ("refrigerat" covers "refrigerate"
and "refrigerator"); Chinese cues match anywhere. Null when there is no product sheet.
"""

from __future__ import annotations

import re

from training_app.catalog.assessments import KeyPoint, ProductSheet
from training_app.scoring.report import KnowledgeResult
from training_app.scoring.text import normalize
from training_app.speech.transcript import Transcript


def covers(text: str, point: KeyPoint, lang: str) -> bool:
    cues = point.en if lang == "en" else point.zh
    for cue in cues:
        needle = normalize(cue).text
        if not needle:
            continue
        if lang == "en" and re.search(rf"(?<![a-z]){re.escape(needle)}", text):
            return True
        if lang != "en" and needle in text:
            return True
    return False


def analyze_knowledge(transcript: Transcript, product: ProductSheet | None) -> KnowledgeResult | None:
    if product is None:
        return None
    lang = transcript.language
    # each segment normalised on its own (memoised; normalising a whole 5-minute transcript at once costs ~7 ms) and
    # joined as ``normalize`` joins lines: a space in English, nothing in Mandarin
    text = (" " if lang == "en" else "").join(normalize(s.text).text for s in transcript.segments)
    covered = [p.id for p in product.key_points if covers(text, p, lang)]
    missing = [p.id for p in product.key_points if p.id not in covered]
    return KnowledgeResult(covered=covered, missing=missing, score=100.0 * len(covered) / len(product.key_points))
