"""English claim families of session 2026-11-22c (PRC-01/02/03/04, DATA-01/02, OFF-03, ABS-01/02): spoken
paraphrases written for this test from the cards (never copied from assessments/eval), each next to lawful speech
that reuses the same words — the cards' "Do NOT flag" cases."""

from __future__ import annotations

import pytest
from support.claims import claim_categories

POSITIVES: list[tuple[str, tuple[str, ...]]] = [
    ("price_fraud", ("Last week we bumped up the price, so tonight we can do forty percent off.",)),
    ("price_fraud", ("That crossed-out price is just for show, the real price is thirty.",)),
    ("price_fraud", ("When the timer hits zero the price goes up double.",)),
    ("price_fraud", ("Miss this one and you wait another whole year.",)),
    ("price_fraud", ("Honestly, truly the last chance at this price.",)),
    ("price_fraud", ("The counter shows five left, but honestly we've got loads in the warehouse.",)),
    ("price_fraud", ("Ten minutes on the clock, then it goes back to the full price.",)),
    ("price_fraud", ("Don't bring up the shipping surcharge, they'll see it at checkout.",)),
    ("price_fraud", ("The gift is the smallest jar, no need to mention that.",)),
    ("fabricated_data", ("Give us five stars, message customer service and you get three yuan back.",)),
    ("fabricated_data", ("Use the spare accounts to write reviews, like real customers.",)),
    ("fabricated_data", ("Team, type 'so fresh' in the chat, keep the mood lively.",)),
    ("fabricated_data", ("Someone says the millet is stale.", "Block him, bye.")),
    ("fabricated_data", ("Our repeat purchase rate is ninety-six percent.",)),
    ("fabricated_data", ("Every second household in the city buys our eggs.",)),
    ("fabricated_data", ("Twenty orders? Fine, just say 2000.",)),
    ("fabricated_data", ("The sales will look impressive in the report.",)),
    ("price_fraud", ("This is straight factory pricing, what the big distributors pay.",)),
    ("price_fraud", ("For this room only I'm letting them go at wholesale.",)),
    ("price_fraud", ("The countdown's on, when it ends this deal disappears.",)),
    ("price_fraud", ("The free teapot is worth 200, we don't sell it anywhere, but it's worth 200.",)),
    ("fabricated_data", ("We've sold out three times since Monday.",)),
    ("fabricated_data", ("Half the province is eating these dates now.",)),
    ("fabricated_data", ("The contracts from last spring, let's sign them again on stream tonight.",)),
    ("fabricated_data", ('Helpers, write a few "so crunchy!"', "comments, keep the mood lively.")),
    ("price_fraud", ("The counter shows three left,", "but honestly there are heaps in the back.")),
    ("price_fraud", ("Clock's ticking,", "when it ends this offer is gone.")),
    ("fabricated_data", ("Leave us five stars,", "then message the shop and you get a red packet back.")),
    ("absolute_claim", ("Nowhere is cheaper than this live room.",)),
    ("absolute_claim", ("It's an all-time low.",)),
    ("absolute_claim", ("This honey has never been this cheap, find it cheaper and I'll pay you the difference.",)),
    ("absolute_claim", ("We're the industry leader, nobody is ahead of us.",)),
    ("absolute_claim", ("There's no second tea like it.",)),
    ("absolute_claim", ("Every pear is sweet, not a single sour one, I promise.",)),
    ("absolute_claim", ("One hundred percent natural, I guarantee it.",)),
]

HARD_NEGATIVES: list[tuple[str, ...]] = [
    # PRC-01/02/04: genuine history, published rules, disclosed conditions
    ("We lowered the price last month because the harvest was big.",),
    ("The listed price is the same as last week; nothing changes after the stream.",),
    ("The platform's Double Twelve coupon ends at midnight and the price goes back to the listed one.",),
    ("Shipping to remote areas costs ten yuan more, it is shown on the product page.",),
    ("The gift jar is the small 100-gram size, as written in the listing.",),
    ("Harvest only lasts three weeks, so these oranges come once a year.",),
    # DATA-01/02: honest review requests, moderation of abuse, back-end figures
    ("After it arrives, leave an honest review, good or bad.",),
    ("I blocked that account because it was posting scam links.",),
    ("The back end shows 320 orders so far today.",),
    ("We're signing a new framework agreement today, volumes get settled later.",),
    # ABS-01/02/PRC-03: own history and bounded claims
    ("This is our lowest price in the last thirty days, you can check the price history.",),
    ("We sort every box by hand and refund any bad one.",),
    ("A customer wrote: third order, not a single broken egg.",),
    ("Five stars or one star, tell us honestly.", "If a jar arrives broken, you get a refund."),
    ("The factory that makes our boxes is in the next town.",),
    ("Please send your order number to customer service if anything arrives damaged.",),
    ("We sold out of the small jars, the big ones are still in stock.",),
    ("Let's get the vibe going with some music while I open the box!",),
]


@pytest.mark.parametrize(("category", "utterances"), POSITIVES)
def test_claim_family_flagged(category: str, utterances: tuple[str, ...], catalog) -> None:  # type: ignore[no-untyped-def]
    assert category in claim_categories(utterances, "en", catalog)


@pytest.mark.parametrize("utterances", HARD_NEGATIVES)
def test_claim_lawful_use_not_flagged(utterances: tuple[str, ...], catalog) -> None:  # type: ignore[no-untyped-def]
    assert claim_categories(utterances, "en", catalog) == set()
