"""English corrections across sentences (issue #4): a host's own statement taken back in the NEXT sentence, by the host
or a co-host ("scratch that", "sorry, correction", "no, it's …", "i can't say that"), is withdrawn, not claimed.
Beside each family, claims that reuse the words and must stay flagged: an assertion that merely opens with "not" or
"nothing", a yes, a wink, a "no" that introduces a further claim. Sentences written for this test from the grammar,
not copied from assessments/eval; typed speaker labels and speech-recognition forms are included on purpose."""

from __future__ import annotations

import pytest
from support.claims import claim_categories

from training_app.scoring.context import corrects_en
from training_app.scoring.text import normalize

CERT = "unverified_certification"
LAWFUL: list[tuple[list[str], str | None, str]] = [
    (["These are the best walnuts in the whole country.", "Actually, scratch that, I can't back it up."],
     "yangbi-walnut", "absolute_claim"),
    (["Our rice has organic certification.", "Sorry, correction: it has Green Food, not organic."],
     "wuchang-rice", CERT),
    (["Host: this honey lowers your blood sugar.", "Co-host: No, we can't say that, it's just honey."],
     "qinling-honey", "health_claim"),
    (["we sold fifty thousand boxes this week", "no no it's about two thousand the order page shows it"],
     "gannan-orange", "fabricated_data"),
    (["It's the cheapest price on the whole internet.", "I take that back, it's our lowest price this month."],
     "luochuan-apple", "absolute_claim"),
    (["This tea cures insomnia.", "Let me rephrase that: many people like a cup in the evening."],
     "meitan-tea", "health_claim"),
]  # fmt: skip

MUST_FLAG: list[tuple[list[str], str | None, str]] = [
    # the next sentence asserts more, it does not take anything back
    (["This tea cures insomnia.", "Not one customer has complained."], "meitan-tea", "health_claim"),
    (["These are the best walnuts in the whole country.", "Nothing else comes close."], "yangbi-walnut",
     "absolute_claim"),
    (["This honey lowers your blood sugar.", "It's not a joke, my aunt tried it."], "qinling-honey", "health_claim"),
    # a yes, or a refusal with a wink
    (["This honey lowers your blood sugar.", "Yes, really, that's what it does."], "qinling-honey", "health_claim"),
    (["This tea cures insomnia.", "I can't say that word on the stream, you know what I mean."], "meitan-tea",
     "health_claim"),
]  # fmt: skip


@pytest.mark.parametrize(("utterances", "product", "category"), LAWFUL)
def test_a_statement_taken_back_at_once_is_not_flagged(utterances, product, category, catalog) -> None:
    assert category in claim_categories(utterances[:1], "en", catalog, product)  # flagged on its own
    assert category not in claim_categories(utterances, "en", catalog, product)


@pytest.mark.parametrize(("utterances", "product", "category"), MUST_FLAG)
def test_a_statement_followed_by_more_claims_stays_flagged(utterances, product, category, catalog) -> None:
    assert category in claim_categories(utterances, "en", catalog, product)


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("Actually scratch that.", True),
        ("Sorry, correction, only the GI.", True),
        ("my mistake it was two thousand", True),
        ("No, it's about 1,200.", True),
        ("nah we don't have that figure", True),
        ("I can't claim that.", True),
        ("That's not true, it's an ordinary apple.", True),
        ("Not one complaint in ten years.", False),
        ("Nothing beats it.", False),
        ("It's not a joke.", False),
        ("Yes, and it works fast.", False),
        ("No joke, it works.", False),
    ],
)
def test_corrects(sentence: str, expected: bool) -> None:
    assert corrects_en(normalize(sentence).text) is expected
