"""English rules, session 2026-11-22c: lawful uses written from the "Do NOT flag" lists of the compliance reference
cards (NAT-01, PRC-02, …) next to the violations of the same cue family, which must still be flagged. Sentences are
written for this test (never copied from assessments/eval)."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from training_app.scoring.claims import detect_claims
from training_app.speech.transcript import Segment, Transcript

RULES = Path(__file__).resolve().parents[2] / "assessments" / "rules"
EN_RULE_IDS = frozenset(
    r["id"] for name in ("en_claims", "en_product", "en_conduct")
    for r in yaml.safe_load((RULES / f"{name}.yaml").read_text(encoding="utf-8"))["rules"]
)  # fmt: skip


def _en_rule_flags(utterances: tuple[str, ...], product: str | None, catalog) -> set[str]:  # type: ignore[no-untyped-def]
    """Rule ids of the English rule files that fire (hard negatives where a shared rule still over-triggers are kept
    here so that the English families at least stay quiet on them)."""
    transcript = Transcript("en", None, tuple(Segment(0.0, 0.0, u) for u in utterances), "transcribed", {})
    sheet = catalog.products.get(product) if product else None
    return {f.rule_id for f in detect_claims(transcript, product=sheet, catalog=catalog)} & EN_RULE_IDS


def _categories(utterances: tuple[str, ...], product: str | None, catalog) -> set[str]:  # type: ignore[no-untyped-def]
    transcript = Transcript("en", None, tuple(Segment(0.0, 0.0, u) for u in utterances), "transcribed", {})
    sheet = catalog.products.get(product) if product else None
    return {f.category for f in detect_claims(transcript, product=sheet, catalog=catalog)}


HARD_NEGATIVES: list[tuple[tuple[str, ...], str | None]] = [
    # NAT-01: the host refuses to use the claim word; talking about an abolished label scheme
    (
        ("Our tea garden is high on the mountain.", "Still, I won't call it 'pollution-free', that is not provable."),
        "meitan-tea",
    ),
    (("We can't claim zero residue for any farm produce.",), "luochuan-apple"),
    (("The old 'pollution-free produce' logo was abolished, so you won't see it on our boxes.",), "zhoukou-eggs"),
    # PRC-02: a real platform event with a stated end time, after which the listing returns to its normal price
    (
        (
            "The Singles' Day coupon is the platform's own campaign; it switches off at 23:59 and the price is 39 again.",
        ),
        "gannan-orange",
    ),
    (
        ("This is the platform's 618 promotion, it ends at midnight and then it goes back to the listed price.",),
        "qinling-honey",
    ),
]

POSITIVES: list[tuple[str, tuple[str, ...], str | None]] = [
    ("absolute_safety", ("Up in those hills it's pollution-free, zero residue, I promise.",), "meitan-tea"),
    ("price_fraud", ("After tonight it goes right back to 99, so grab it.",), "gannan-orange"),
]


@pytest.mark.parametrize(("utterances", "product"), HARD_NEGATIVES)
def test_lawful_use_not_flagged(utterances: tuple[str, ...], product: str | None, catalog) -> None:  # type: ignore[no-untyped-def]
    assert _en_rule_flags(utterances, product, catalog) == set()


@pytest.mark.parametrize(("category", "utterances", "product"), POSITIVES)
def test_violation_flagged(category: str, utterances: tuple[str, ...], product: str | None, catalog) -> None:  # type: ignore[no-untyped-def]
    assert category in _categories(utterances, product, catalog)
