"""English recall families of round 14 (assessments/rules/en_recall_r14.yaml): spoken paraphrases written for this
test from the cards PRC-01/02/04 and EN-06 (never copied from assessments/eval), each family next to lawful speech
that reuses the same trigger words — the card's "Do NOT flag" cases."""

from __future__ import annotations

import pytest
from support.claims import claim_categories

POSITIVES: list[tuple[str, str]] = [
    # PRC-01x14: an outside or former reference price, then the live price
    ("price_fraud", "At the supermarket these go for 45 a bag, here tonight just 15."),
    ("price_fraud", "The sticker says 128, but in my live room only 39."),
    ("price_fraud", "Every other day of the year it's 88, tonight for you 29."),
    ("price_fraud", "Normally 79 dollars, right now 25, grab it."),
]

HARD_NEGATIVES: list[str] = [
    # PRC-01: a real, checkable own price; a coupon with disclosed rules; a different size
    "Our price over the last 30 days was 59, today it's 49, the price history is on the page.",
    "Normally 59, tonight 49 with the shop coupon, the coupon rules are on screen.",
    "Yesterday it was 40 because of the frost, today 38, the harvest came in.",
]


@pytest.mark.parametrize(("category", "utterance"), POSITIVES)
def test_recall_r14_family_flagged(category: str, utterance: str, catalog) -> None:  # type: ignore[no-untyped-def]
    assert category in claim_categories(utterance, "en", catalog)


@pytest.mark.parametrize("utterance", HARD_NEGATIVES)
def test_recall_r14_lawful_use_not_flagged(utterance: str, catalog) -> None:  # type: ignore[no-untyped-def]
    assert claim_categories(utterance, "en", catalog) == set()
