"""English hard negatives found after the held-out measurement (lawful speech that over-triggered rules), with the
violations next to them that must still be flagged."""

from __future__ import annotations

import pytest
from support.claims import claim_categories


@pytest.mark.parametrize(
    "utterances",
    [
        ("The best thing about honey is that it keeps for years.",),
        ("This is the finest tea we've produced in our ten years.",),
        ("Please report anyone who asks you to pay outside the app.",),
        ("I've never tried it myself, so I won't recommend it.",),
        ("Only three boxes left.", "I will restock next week.", "No rush at all."),
    ],
)
def test_lawful_speech_is_not_flagged(catalog, utterances: tuple[str, ...]) -> None:  # type: ignore[no-untyped-def]
    assert claim_categories(utterances, "en", catalog) == set()


@pytest.mark.parametrize(
    ("utterances", "category"),
    [
        (("This is the best honey on the whole app.",), "absolute_claim"),
        (("Pay me directly outside the app, it's cheaper.",), "other"),
        (("I haven't tasted it yet but I recommend it.",), "other"),
        (("Only three boxes left, hurry!",), "price_fraud"),
    ],
)
def test_the_violations_beside_them_are_still_flagged(catalog, utterances: tuple[str, ...], category: str) -> None:  # type: ignore[no-untyped-def]
    assert category in claim_categories(utterances, "en", catalog)
