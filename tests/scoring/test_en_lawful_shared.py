"""English over-triggers of the shared (zh + en) rule files, fixed in session 2026-11-22c: lawful speech from the
cards' "Do NOT flag" cases (another region set apart, public procurement, "nobody has to buy", a host refusing a claim
word, the abolished 无公害 scheme, "not certified organic", the government declining to guarantee, negations
as speech recognition writes them without apostrophes), each beside the violation that reuses the same words.
Sentences written for this test, not copied from assessments/eval."""

from __future__ import annotations

import pytest
from support.claims import claim_categories

LAWFUL: list[tuple[str, str | None]] = [
    ("Wuchang rice is lovely too, but if that's what you want it's another shop, not us.", "taojiang-rice"),
    ("Aksu apples and ours are both good, just different styles, so pick what you like.", "luochuan-apple"),
    ("Yantai apples are great too, each has its own style, ours are crisper.", "luochuan-apple"),
    ("The city hospital buys its eggs through a public procurement tender, nothing to do with this stream.", None),
    ("Colleagues watching from the bureau: no one has to buy a thing, there's no list for anyone.", None),
    ("I can't tell you zero pesticide residue, nobody honest can; every batch is tested instead.", "luochuan-apple"),
    ("The old pollution-free label was abolished back in 2018, so we don't print it any more.", "zhoukou-eggs"),
    ("Our millet isn't certified organic yet, so please don't call it that in the reviews.", "taojiang-rice"),
    ("The county government doesn't guarantee any company's products; the seller handles after-sales.", None),
    ("i wont say it lowers your blood sugar because i dont know that", "qinling-honey"),
    ("we grow the best walnuts we possibly can and we tell you honestly how they taste", "yangbi-walnut"),
]

VIOLATIONS: list[tuple[str, str | None, str]] = [
    ("This is real Wuchang rice, straight from the black soil.", "taojiang-rice", "false_origin"),
    ("The county government guarantees these oranges, buy with confidence.", None, "official_endorsement"),
    ("Every cadre in the bureau has to buy at least two boxes, I'm counting.", None, "coerced_purchase"),
    ("Zero pesticide residue, I promise you, totally clean.", "luochuan-apple", "absolute_safety"),
    ("Our rice is organic, the purest you can get.", "taojiang-rice", "unverified_certification"),
    ("it lowers your blood sugar you can stop the pills", "qinling-honey", "health_claim"),
    ("these are the best walnuts in the whole country", "yangbi-walnut", "absolute_claim"),
]


@pytest.mark.parametrize(("text", "product"), LAWFUL)
def test_lawful_speech_is_not_flagged(text: str, product: str | None, catalog) -> None:  # type: ignore[no-untyped-def]
    assert claim_categories(text, "en", catalog, product) == set()


@pytest.mark.parametrize(("text", "product", "category"), VIOLATIONS)
def test_the_same_words_in_a_violation_are_flagged(text: str, product: str | None, category: str, catalog) -> None:  # type: ignore[no-untyped-def]
    assert category in claim_categories(text, "en", catalog, product)
