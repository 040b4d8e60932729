"""English conduct families of session 2026-11-22c (officials OFF-01/02/04, AUTH-01; LIVE-01/02/03/04/05/06): spoken
paraphrases written for this test from the cards (never copied from assessments/eval), each next to lawful speech
that reuses the same words — the card's "Do NOT flag" cases."""

from __future__ import annotations

import pytest
from support.claims import claim_categories

POSITIVES: list[tuple[str, tuple[str, ...]]] = [
    ("coerced_purchase", ("Dear colleagues in the township office, thirty yuan minimum each, thanks.",)),
    ("coerced_purchase", ("Company bosses are all here tonight. Twenty crates each, that's what the county expects.",)),
    (
        "coerced_purchase",
        ("Buying is voluntary of course.", "But the bureau will be tallying each department's orders."),
    ),
    ("coerced_purchase", ("Village heads, send me the list of households by Monday.",)),
    ("coerced_purchase", ("Teachers, get the parents into the live room to place orders tonight.",)),
    ("coerced_purchase", ("Any village that falls short of its boxes, there will be accountability.",)),
    ("coerced_purchase", ("Staff who still didn't buy, explain the situation to me after the meeting.",)),
    ("coerced_purchase", ("Our unit agreed: two hundred yuan per person, it will come out of the year-end bonus.",)),
    ("official_endorsement", ("Villages that order a lot tonight, next year's road projects go to you first.",)),
    (
        "official_endorsement",
        ("As county head I say: if anything is wrong, come to the county government, we'll make it right.",),
    ),
    ("official_endorsement", ("As bureau director I'm only promoting this one company today, skip the others.",)),
    ("official_endorsement", ("I'm the township head, and the supplier gave our township a small promotion fee.",)),
    ("official_endorsement", ("When the governor came through he tasted our pears and took three boxes home.",)),
    ("other", ("Kids!", "Go tell your mum to tap the link right now!")),
    ("other", ("Meet my nephew, he's six, tell everybody why they should buy these pears.",)),
    ("other", ("This is my honest review as a normal customer, the farm pays me, no need to say it's an ad.",)),
    ("other", ("Use this fertiliser and you'll earn two thousand more per mu.",)),
    ("other", ("Not selling today, just chatting about the village.", "By the way, the link is up.")),
    ("other", ("One spray and the mites are gone, so gentle you could rinse fruit in it.",)),
    ("other", ("A glass of our rice wine after work and you're a new man.",)),
    (
        "official_endorsement",
        ("As vice mayor I'll say it: the bigger your order, the better your chances in the project tender.",),
    ),
    ("official_endorsement", ("You have my word as county head.",)),
    ("official_endorsement", ("I'm deputy county head, and there's a bit in it for me per box.",)),
    ("official_endorsement", ("This is the tea served when foreign leaders visit the capital.",)),
    ("coerced_purchase", ("Teachers, have every family send their order number so we can count.",)),
    ("unverified_certification", ("Our rice is on the inspection-exempt list, that's how trusted we are.",)),
    ("disparagement", ("Every other shop is passing off last year's stock as new rice.",)),
    ("other", ("The brand is new this season, but I've been eating it for five years.",)),
    ("other", ("I haven't tried a jar myself, but trust me, it's amazing.",)),
    ("other", ("The farm pays me per order, but keep that between us, just say I found it myself.",)),
    ("other", ("Plant these seeds and I guarantee two thousand jin per mu.",)),
    ("other", ("This feed makes your ducks grow twice as fast.",)),
    ("other", ("Drink up everyone, we're not stopping till we're drunk!",)),
    ("other", ("Wild bamboo rat from the hills, makes a great stew.",)),
    ("disparagement", ("That cheap tea on the shelves is dyed with pigment.",)),
    ("disparagement", ("Other streamers are just here to fleece you.",)),
]

HARD_NEGATIVES: list[tuple[str, ...]] = [
    # OFF-01: voluntary invitation, per-account limits, procurement through channels
    ("Colleagues, if you'd like to support the farmers, share the link; buying is voluntary, nobody counts anything.",),
    ("Limit of two boxes per account, so everyone gets a chance.",),
    ("The school canteen buys through the public tender, not through this stream.",),
    ("Each box holds ten jin and ships from the county warehouse.",),
    # OFF-04 / OFF-02: regional brand, several co-ops, no fee
    ("I am deputy county head; the apples come from several co-ops under our regional brand, I receive nothing.",),
    ("The county publishes its subsidy policy online; it has nothing to do with what you buy tonight.",),
    # AUTH-01: officials visiting for other reasons
    ("The county head visited the orchard last week to inspect the flood damage.",),
    # LIVE-03 / LIVE-02 / LIVE-01 / LIVE-05
    ("Students watching: this is for your parents to decide, please don't buy on your own.",),
    ("The kids in our village help pick, then their parents pack the boxes for your order.",),
    ("Our family has grown these walnuts for thirty years, and we have been eating them all that time.",),
    ("I haven't tried the new flavour myself, so I won't recommend it.",),
    ("This stream is paid by the co-op and I earn a commission per box.",),
    ("No sales tonight, we're just chatting about the harvest; the shop reopens on Friday.",),
    ("The inspection-exemption scheme was abolished in 2008, every batch of ours is tested.",),
    ("As township head I can tell you the road project tender is public and has nothing to do with buying.",),
    ("The variety registration number is on screen; trial plots gave about eight hundred jin per mu.",),
    ("Rice wine is for adults only, drink in moderation and don't drink and drive.",),
    # LIVE-04: talking about one's own product honestly
    ("Our tea is not dyed, the colour comes from the leaves; here is how to check any tea you buy.",),
]


@pytest.mark.parametrize(("category", "utterances"), POSITIVES)
def test_conduct_family_flagged(category: str, utterances: tuple[str, ...], catalog) -> None:  # type: ignore[no-untyped-def]
    assert category in claim_categories(utterances, "en", catalog)


@pytest.mark.parametrize("utterances", HARD_NEGATIVES)
def test_conduct_lawful_use_not_flagged(utterances: tuple[str, ...], catalog) -> None:  # type: ignore[no-untyped-def]
    assert claim_categories(utterances, "en", catalog) == set()
