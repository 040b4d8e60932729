"""What the claim rules flag in a few utterances, for the parametrized positive / hard-negative tables in tests/scoring.

Rules only: the learned model is never loaded here, so retraining it cannot change these tables.
"""

from __future__ import annotations

from collections.abc import Sequence

from training_app.catalog.assessments import AssessmentCatalog
from training_app.scoring.claims import detect_claims, rule_hits
from training_app.speech.transcript import Segment, Transcript


def claim_categories(
    utterances: str | Sequence[str], language: str, catalog: AssessmentCatalog, product: str | None = None
) -> set[str]:
    """Categories ``detect_claims`` flags (context, two-sentence windows, fact-sheet checks) for one utterance or
    several (one untimed segment each; blank lines dropped), optionally against a product's fact sheet."""
    texts = (utterances,) if isinstance(utterances, str) else tuple(utterances)
    segments = tuple(Segment(0.0, 0.0, text) for text in texts if text.strip())
    transcript = Transcript(language, None, segments, "transcribed", {"timing": "none"})
    sheet = catalog.products[product] if product else None
    return {flag.category for flag in detect_claims(transcript, product=sheet, catalog=catalog)}


def rule_categories(text: str, language: str, catalog: AssessmentCatalog, product: str | None = None) -> set[str]:
    """Categories of the rule hits in one sentence, before windows and the model."""
    sheet = catalog.products[product] if product else None
    return {hit.rule.category for hit in rule_hits(text, language, sheet, catalog)}
