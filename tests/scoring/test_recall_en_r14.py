"""English recall families of round 14 (assessments/rules/en_recall_r14.yaml): spoken paraphrases written for this
test from the cards PRC-01/02/04 and EN-06 (never copied from assessments/eval), each family next to lawful speech
that reuses the same trigger words — the card's "Do NOT flag" cases."""

from __future__ import annotations

import pytest
from support.claims import claim_categories

POSITIVES: list[tuple[str, str | list[str]]] = [
    # PRC-01x14: an outside or former reference price, then the live price
    ("price_fraud", "At the supermarket these go for 45 a bag, here tonight just 15."),
    ("price_fraud", "The sticker says 128, but in my live room only 39."),
    ("price_fraud", "Every other day of the year it's 88, tonight for you 29."),
    ("price_fraud", "Normally 79 dollars, right now 25, grab it."),
    # PRC-02x14: a "last" that is reset, "last" said over and over, the price vanishing with the stream, restock stories
    ("price_fraud", "Okay okay, another 30 jars I release, go go go."),
    ("price_fraud", "This is really really the last batch, after that nothing."),
    ("price_fraud", "The price jumps back up the moment I end the stream, so hurry."),
    ("price_fraud", "The farm already told me the price increase comes next week, buy now."),
    # LIVE-01x14: a disclaimer, then the connection it hides
    ("other", "This is not an ad, I just love this honey. Oh, and use my code HONEY5, I get a little from it."),
    ("other", "Nobody pays me to say this, well, my cousin's farm grows it, but still."),
    # LIVE-02x14: years of use of a new brand; recommending what one does not eat; told to push it
    ("other", "I have drunk this every night for twenty years, and the brand is brand new, launched this spring."),
    ("other", "I don't eat walnuts myself but trust me, you'll love these."),
    ("other", "Honestly my agency told me to recommend this one tonight."),
    # LIVE-03x14: a child hosting or pitching; pitches aimed at children
    ("other", "My nephew is only 8, he'll tell you why you need this rice."),
    ("other", "Kids watching, go tell your mummy you want the sweet potato crisps!"),
    # LIVE-06x14: steering the order or the money off the platform
    ("other", "Don't check out in the app, the platform takes a big commission, just transfer me."),
    ("other", "Bank transfer also can, cheaper for you."),
    # DATA-02x14: staged chat, staff reviews as customers, complaints removed, one-star reviewers threatened
    ("fabricated_data", "Team in the back room, keep typing so juicy in the chat, more more."),
    ("fabricated_data", "Our interns have been posting reviews pretending to be buyers all week."),
    ("fabricated_data", "Anyone who leaves one star gets blacklisted from our shop, remember."),
    # DATA-01x14: orders to be returned, report figures made up, unverifiable rates
    ("fabricated_data", "Everybody order two bags now and cancel it tomorrow, we need the ranking."),
    ("fabricated_data", "Our repurchase rate is ninety-four percent, best in the county."),
    # LIVE-04x14: a named rival smeared; "all others are fake"
    ("disparagement", "Supermarket chickens are stuffed with antibiotics, don't eat those."),
    ("disparagement", "The tea on other channels is last year's old leaves, re-dried."),
    ("disparagement", "Only ours is the real thing, all the others are just fake."),
    ("disparagement", "The big rice brands are pure additives and tricks, every one of them."),
    # OFF-04x14: favours for purchases, an official vouching personally
    ("official_endorsement", "As township head I promise firms ordering 50 boxes get priority for next year's grants."),
    ("official_endorsement", "I'm the county mayor and I'll vouch for them personally."),
    # OFF-04bx14: one firm singled out, the office pledged
    ("official_endorsement", "As deputy mayor I say it: Sunrise Tea is the one. The other firms, forget them."),
    ("official_endorsement", "I give you my word as township head, come find me at the township office."),
    # AUTH-01x14: state organs as buyers or choosers
    ("official_endorsement", "The consulate orders this tea for every reception, so it's been vetted."),
    ("official_endorsement", "This used to be internal supply, you could never buy it."),
    # LIVE-05x14: seedling profit guarantees, pesticide safety, alcohol as energy or safe to drive
    ("other", "These grafted saplings, plant them now and in three years you earn back ten times, guaranteed."),
    ("other", "This insecticide kills all the bugs in a day and it's harmless to people."),
    ("other", "Our rice wine, one cup at lunch and you can still drive home, no problem."),
    # PRC-03x14: wholesale / below-market prices, beat-any-price promises
    ("price_fraud", "You get it at wholesale price tonight, the same price the hotels pay."),
    ("price_fraud", "Find it cheaper in any shop and I refund you double the difference."),
    # OFF-02x14: ties from the company's side; goods repaid with a plug
    ("official_endorsement", "As village head I tell you this farm is run by a good friend of mine."),
    ("official_endorsement", "As township head: the orchard owner sent me a crate, so today I help him."),
    # DATA-02bx14: complaints hidden, in-house reviews, paid stars, bought followers, counters "really" higher
    ("fabricated_data", "Someone says the rice was mouldy, okay I've deleted that comment, moving on."),
    ("fabricated_data", "Give us five stars, send the screenshot and we pay you a red packet."),
    ("fabricated_data", "When we started we bought 10000 followers, you have to look popular."),
    # DATA-03x14: unsourced tests and research with a comparison; unverifiable shares of buyers
    ("fabricated_data", "Researchers found our honey has 35% more enzymes than ordinary honey."),
    ("fabricated_data", "Ninety-five percent of our customers in Canada reorder every month."),
    # PRC-02bx14: resets admitted, price raised before the discount, a bare stock count repeated
    ("price_fraud", "Okay team restocked, five jars left again, hurry."),
    ("price_fraud", "We bumped the price up last week so tonight's 50% off looks bigger."),
    ("price_fraud", "Only seven boxes left, only seven, grab them."),
    # LIVE-03bx14: a host under 16 speaking or spoken of
    ("other", "Hi everyone, I'm twelve and I'm doing the stream alone tonight, please buy my grandma's tea."),
    # PRC-04x14: a condition admitted and waved away; an all-in claim followed by what it leaves out
    ("price_fraud", "Oh the remote area surcharge, never mind, the system adds it later."),
    ("price_fraud", "The gift jar is the mini jar, but still free, right?"),
    ("price_fraud", ["Twenty-five delivered, no other charges!", "Well, the packing fee is separate, but it's tiny."]),
]

HARD_NEGATIVES: list[str] = [
    # PRC-01: a real, checkable own price; a coupon with disclosed rules; a different size
    "Our price over the last 30 days was 59, today it's 49, the price history is on the page.",
    "Normally 59, tonight 49 with the shop coupon, the coupon rules are on screen.",
    # PRC-02: a real, published end time; a platform counter; no pressure
    "The flash sale ends at 10 pm, the platform sets the timer, limit of 2 per account.",
    "Will it be cheaper later? Honestly no idea, no rush at all.",
    # LIVE-01: genuine unpaid opinion
    "Not sponsored, nobody sent me anything, no code, just my opinion on this honey.",
    # LIVE-02: honest first tasting; the producer's own goods
    "I've never tasted this one myself, so let me try it now for the first time.",
    # LIVE-03: children incidentally in the scene; adult-only notices
    "My son is 9, he's in the background doing his homework, he's not on camera.",
    # LIVE-06: after-sales through the platform's own channels
    "For refunds please message us through the app's chat, never send money to a personal account.",
    # DATA-01/02: platform figures, honest review requests, a stated return policy
    "Please leave an honest review, good or bad, and type 1 in the chat if you want the small bag.",
    "The back end shows 812 orders so far, that is the platform's number.",
    "If you change your mind you can return it within 7 days, no questions asked.",
    # LIVE-04: education without a target; own earlier products; praise for others
    "When you buy honey anywhere, check the label and the production date, that's how to tell.",
    "Supermarket apples are good too, ours are just a different variety.",
    # OFF-04: public, open processes
    "The county's booth allocation for the trade fair is an open selection, same for everyone.",
    # OFF-04: several openly selected producers
    "As county head I introduce several co-ops tonight, selected through an open process, all of them are good.",
    # AUTH-01: a correction that leaves the state out
    "No embassy orders from us, we cannot claim that, it's just our co-op's tea.",
    # LIVE-05: registration facts, label use, responsible drinking
    "This seedling variety's registration number is on the tag, yield depends on your soil and weather.",
    "Spray this pesticide only as the label directions say and wear protective gloves.",
    "The rice wine is for adults only, please drink responsibly, it will not give you energy for work.",
    # PRC-03: a bounded, recorded own price
    "This is our lowest price in this shop over the last 30 days, you can see the price history.",
    # OFF-02: no ties, open selection
    "As village head I introduce three co-ops chosen through an open selection, none is related to me.",
    # DATA-02: moderating abuse; DATA-03: a sourced, checkable report
    "I removed that comment because it had someone's phone number in it, platform rules.",
    "The lab test report number is on the bag, you can scan the QR code and read it yourself.",
    # PRC-02: a platform stock counter, a per-account limit
    "Only seven boxes left, the platform's stock counter shows it, limit of 1 per account.",
    # PRC-04: conditions stated plainly up front
    "Free shipping nationwide except Xinjiang and Tibet, those pay 10 extra, never mind the map.",
    "Buy one get one, to be clear the free one is the 50 gram trial pack.",
    "Yesterday it was 40 because of the frost, today 38, the harvest came in.",
]


@pytest.mark.parametrize(("category", "utterance"), POSITIVES)
def test_recall_r14_family_flagged(category: str, utterance: str | list[str], catalog) -> None:  # type: ignore[no-untyped-def]
    assert category in claim_categories(utterance, "en", catalog)


@pytest.mark.parametrize("utterance", HARD_NEGATIVES)
def test_recall_r14_lawful_use_not_flagged(utterance: str, catalog) -> None:  # type: ignore[no-untyped-def]
    assert claim_categories(utterance, "en", catalog) == set()
