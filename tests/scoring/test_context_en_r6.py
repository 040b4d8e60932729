"""English dialogue context (issue #4, round 6): a question, a viewer's words read aloud or a line cut off mid-claim,
answered in the NEXT utterance with a denial or a refusal, is not the host's claim; a negative subject ("nothing here
is …") denies its complement. Each beside must-flag claims that reuse the words: a "yes", a wink, or an answer that
asserts the claim keeps it flagged. Sentences written for this test from the grammar, not copied from
assessments/eval; speech-recognition forms (no punctuation) are included on purpose."""

from __future__ import annotations

import pytest
from support.claims import claim_categories

LAWFUL: list[tuple[list[str], str | None]] = [
    # a viewer's question read aloud, the answer opens with a denial
    (["a viewer asks if this honey is organic", "no, it isn't certified, it's mountain honey"], "qinling-honey"),
    (["someone writes is this the number one tea in china", "no no, i won't say that"], "meitan-tea"),
    (
        ["somebody in the chat says these are aksu apples", "no, not aksu, they're from luochuan in shaanxi"],
        "luochuan-apple",
    ),
    # a bare question, then no
    (["Organic?", "No. Green food, yes."], "gannan-orange"),
    (["'Is the rice certified organic?'", "No, it is not."], "taojiang-rice"),
    # a line cut off mid-claim and corrected
    (["it's certified organic—", "it isn't, we never applied for it"], "zhoukou-eggs"),
    (["the county government guarantees—", "no it doesn't, the co-op guarantees the eggs"], "zhoukou-eggs"),
    (["this is the best rice in the country—", "we can't say that, it's a good rice from our county"], "taojiang-rice"),
    # the answer thanks, then refuses
    (["a fan writes 'best honey in the world!'", "thanks, but i'm not going to repeat that"], "qinling-honey"),
    # the answer names the term only to refuse it
    (
        ["someone asks if the hens are organic", "they eat corn and greens, but i won't call the eggs organic"],
        "zhoukou-eggs",
    ),
    # a viewer's line written as "viewer: …", answered with a refusal to believe or tell
    (["(viewer: does this tea cure high blood pressure?)", "please don't believe that, it's a drink"], "meitan-tea"),
    (["viewer: is it the best honey in china", "i can't tell you that, taste it yourself"], "qinling-honey"),
    # a negative subject denies its complement
    (["nothing here is organic certified, it's ordinary farm produce"], "zhoukou-eggs"),
    (["none of our honey is organic, it is wild mountain honey"], "qinling-honey"),
]

VIOLATIONS: list[tuple[list[str], str | None, str]] = [
    # answered yes: the claim is the host's own
    (
        ["a viewer asks if it cures diabetes", "yes, my uncle stopped his pills after a month"],
        "qinling-honey",
        "health_claim",
    ),
    (["someone asks is it organic?", "Of course, totally organic."], "gannan-orange", "unverified_certification"),
    (
        ["a lot of you are asking if the apples are organic", "yes, organic, the whole orchard is organic"],
        "luochuan-apple",
        "unverified_certification",
    ),
    (
        ["(viewer: does it cure high blood pressure?)", "yes, it cures it, my dad stopped his pills"],
        "meitan-tea",
        "health_claim",
    ),
    # a refusal with a wink is no refusal
    (["don't say cheapest — but honestly it's the cheapest anywhere"], "zhoukou-eggs", "absolute_claim"),
    (
        ["someone writes is it the number one honey?", "no comment, you know what i mean, number one honey"],
        "qinling-honey",
        "absolute_claim",
    ),
    # the denial is not an answer to the claim: no doubt, not only
    (
        ["a viewer asks is it really organic", "no doubt, it is totally organic"],
        "qinling-honey",
        "unverified_certification",
    ),
    # the host's own claim, not put to her, followed by an unrelated "no"
    (["this is the best rice in china.", "no, really, nothing beats it"], "taojiang-rice", "absolute_claim"),
    # a negative subject before a comparative is a claim
    (["none of the other rice is as good as ours, it's the best rice in china"], "taojiang-rice", "absolute_claim"),
]


@pytest.mark.parametrize(("utterances", "product"), LAWFUL)
def test_lawful_dialogue_not_flagged(catalog, utterances, product):
    assert claim_categories(utterances, "en", catalog, product) == set()


@pytest.mark.parametrize(("utterances", "product", "category"), VIOLATIONS)
def test_claims_in_dialogue_stay_flagged(catalog, utterances, product, category):
    assert category in claim_categories(utterances, "en", catalog, product)
