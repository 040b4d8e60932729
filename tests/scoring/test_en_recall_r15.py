"""English recall families of round 15 (assessments/rules/en_recall_r15.yaml): spoken paraphrases written for this
test from the cards ABS-01/02, EN-04/06, DATA-02, PRC-01/04 (never copied from assessments/eval), each family next to
lawful speech that reuses the same trigger words — the card's "Do NOT flag" cases."""

from __future__ import annotations

import pytest
from support.claims import claim_categories

POSITIVES: list[tuple[str, str | list[str]]] = [
    # ABS-01ar15: every rival denied over an unbounded scope or against "this"
    ("absolute_claim", "Search every province, you will never find a pear juicier than this."),
    ("absolute_claim", "There isnt a kiwi in this country that comes close, none."),
    ("absolute_claim", "Nobody on this platform can match our peaches, I promise you."),
    # ABS-01br15: rank as royalty or podium, no rank above, the unbeatable bet
    ("absolute_claim", "These are the queen of all kiwis, folks."),
    ("absolute_claim", "The other farms are all battling for second place."),
    ("absolute_claim", "There is no grade above this one, it's the summit."),
    ("absolute_claim", "If you find a sweeter pear anywhere, I'll eat my hat."),
    ("absolute_claim", "This is the honey of all honeys."),
    # ABS-02ar15: no bad unit at all, promised
    ("absolute_claim", "I guarantee not a single rotten kiwi in the box, not one."),
    ("absolute_claim", "Zero hollow chestnuts, every single bag, I swear."),
    ("absolute_claim", "This jam will never spoil, never, I promise you."),
    # DATA-02ar15: one's own people seeding the chat
    ("fabricated_data", "Helpers in the group, start typing so crunchy and just bought two."),
    ("fabricated_data", "Let's warm up the room before the real viewers arrive."),
    # DATA-02br15: reviews bought, filtered or removed; followers bought
    ("fabricated_data", "Give us five stars and send the screenshot, you get a red packet of ten."),
    ("fabricated_data", "We hired some students to write reviews for the launch."),
    ("fabricated_data", "On the store page we only display the five-star ones."),
    ("fabricated_data", "I removed the two-star reviews from last month, they were unfair."),
    ("fabricated_data", "We bought some followers last spring, everybody does."),
    # PRC-01ar15: the reference price admitted never charged; the price raised first; checking discouraged
    ("price_fraud", "The tag says 79 but honestly nobody ever paid 79, anyway tonight 25."),
    ("price_fraud", "We bumped up the price last month so we could do this big sale."),
    ("price_fraud", "In the store downtown it's 60, don't go check, just trust me."),
    # PRC-04ar15: the hidden condition admitted only when caught
    ("price_fraud", "Oh the 19.9 needs the member coupon, I didn't want to confuse you."),
    ("price_fraud", "The free delivery has a minimum, it's in the fine print."),
    # ORI-01ar15: another source admitted and waved away; a name chosen because it sells
    ("false_origin", "Well, technically we bought these pears at the city market, but same thing."),
    ("false_origin", "Some are mixed in from other provinces, nobody can tell the difference."),
    ("false_origin", "Just say they're from Yantai, nobody checks."),
    ("false_origin", "We label them Dali pears because people know the name."),
    # LIVE-02ar15: long personal use claimed, then undone; recommending what one never tried
    ("other", ["My whole family eats this jam every morning.", "Well, the samples just came yesterday, but trust me."]),
    ("other", "I drink this tea every single day, funny thing, the brand is brand new."),
    ("other", "I have never tried these myself, I just do the selling, but they're delicious."),
    # MED-04ar15: a relative's or acquaintance's illness, then the cure the food brought
    ("health_claim", "My grandpa had the blood pressure thing, since the jujube tea his numbers dropped a lot."),
    (
        "health_claim",
        ["My colleague had gout for years.", "A bowl of this barley a day and now she doesn't need the pills."],
    ),
    ("health_claim", "My aunty had a lump, she ate this fungus soup daily, the doctor was shocked, it shrank."),
    # MED-03ar15: a dose, then a body effect
    ("health_claim", "Three dates a day and you won't catch a cold all winter."),
    ("health_claim", "A cup of this before bed, no more need for sleeping pills."),
    ("health_claim", "A spoonful every morning and your immune system gets stronger."),
]

HARD_NEGATIVES: list[str] = [
    # ABS-01: advice, bounded self-comparison, a superlative refused (card ABS-01 "Do NOT flag")
    "There's no better time to plant than early spring.",
    "Nothing better on a cold morning than hot congee.",
    "I can't promise nobody sells cheaper than us, check around.",
    "This batch is sweeter than last year's batch, the summer was dry.",
    # ABS-01: registered trademark containing a rank word; a viewer's question
    "Golden Crown is our co-op's registered trademark, it's just the name.",
    "Is this the king of teas? No, just a good everyday green tea.",
    # ABS-02: after-sales promises and honest limits
    "If you find a rotten kiwi in the box, send a photo and we refund it.",
    "We can't promise not a single bad one, it's fruit, but we replace any.",
    "Keep it sealed and in the fridge and it won't go bad for months.",
    # DATA-02 / EN-04: honest review requests, moderation of abuse, the team doing its job
    "Please leave an honest review, good or bad, it really helps us.",
    "We removed one comment because it had someone's phone number in it.",
    "My team in the back is packing your orders right now.",
    "Our staff will drop the link in the chat for you.",
    "We never delete bad reviews, the one-star about delivery is still there.",
    # PRC-01: the real recent price, a truthful correction
    "It was 32 on our page all last month, you can check the price history, tonight 28.",
    "We never sold it at 200, so I won't call that the original price.",
    # PRC-04: conditions stated plainly up front
    "To be clear, the 19.9 needs the member coupon, it's listed on the page.",
    "Nobody pays me for this review, I bought the box myself.",
    # ORI-01: true origin stated, a variety clarified
    "It's the Fuji variety, grown in our own orchard in Gansu, not from Luochuan.",
    "We buy from three farms in the same county, the label says which one.",
    "These come from the wholesale market, so we don't call them our own harvest.",
    # LIVE-02: an honest first tasting on camera; the producer on its own goods
    "I have never tried these before, let me taste one now, okay, crunchy, a bit sour.",
    "We grow it ourselves and my family eats it every day, this is our tenth harvest.",
    # MED-04: food described as food; medicine left to the doctor
    "My dad has diabetes, so he asked his doctor first, and he keeps taking his pills; this rice is just food.",
    "My mum loves this honey in her tea, she says it tastes like her childhood.",
    # MED-03: how to eat and store it
    "Keep them in the fridge and eat two a day, they stay crisp for a week.",
    "A bowl every morning with congee, it's just food, not medicine, but it tastes great.",
]


@pytest.mark.parametrize(("category", "utterance"), POSITIVES)
def test_recall_r15_family_flagged(category: str, utterance: str | list[str], catalog) -> None:  # type: ignore[no-untyped-def]
    assert category in claim_categories(utterance, "en", catalog)


@pytest.mark.parametrize("utterance", HARD_NEGATIVES)
def test_recall_r15_lawful_use_not_flagged(utterance: str, catalog) -> None:  # type: ignore[no-untyped-def]
    assert claim_categories(utterance, "en", catalog) == set()
