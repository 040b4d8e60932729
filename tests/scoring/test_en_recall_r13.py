"""English recall families of round 13 (assessments/rules/en_recall_r13.yaml): spoken paraphrases written for this
test from the cards OFF-01/02/03/04, DATA-01/02, EN-04, PRC-02/03, LIVE-04 and LIVE-05 (never copied from
assessments/eval), each family next to lawful speech that reuses the same trigger words — the card's "Do NOT flag"
cases."""

from __future__ import annotations

import pytest
from support.claims import claim_categories

POSITIVES: list[tuple[str, str]] = [
    # OFF-01: pay, appraisal, name lists, consequences, per-head allocations, meetings, schools
    ("coerced_purchase", "If a colleague forgets to order, payroll will just dock two jars from next months wages."),
    ("coerced_purchase", "Each village's sales tonight go into the year end cadre appraisal, remember that."),
    ("coerced_purchase", "Comrades, from the back end I can see who ordered and who hasnt."),
    ("coerced_purchase", "The list of buyers will be passed to the party branch on Friday."),
    ("coerced_purchase", "Any cadre who doesnt buy tonight will have to explain at Monday's meeting."),
    ("coerced_purchase", "Every committee member takes three cases, that's settled."),
    ("coerced_purchase", "The county has assigned each of you four boxes of tea."),
    ("coerced_purchase", "Each department's share is at least 2000 yuan this week, staff please note."),
    ("coerced_purchase", "Before the meeting ends, everybody take out your phones and order now, I'll wait."),
    ("coerced_purchase", "Class teachers will collect the money from the parents tomorrow."),
    ("coerced_purchase", "Party members, post your receipts as proof in the branch group."),
    # OFF-02: ties, shares, slot fees, gifts, singling out one supplier
    ("official_endorsement", "As the township head I'll tell you, the owner of this mill is my old schoolmate."),
    ("official_endorsement", "I'm the bureau chief and honestly I hold a small stake in this orchard myself."),
    ("official_endorsement", "The farm sent us a few crates, so as village secretary I'll put in a good word."),
    ("official_endorsement", "As county head tonight I only recommend this one cooperative, forget the rest."),
    # OFF-04: public money, office as guarantee, favours, loyalty
    ("official_endorsement", "Any broken jar, the township will pay you back out of the township budget."),
    ("official_endorsement", "Im the party secretary here and I personally guarantee every single jar."),
    ("official_endorsement", "Companies that order big tonight get priority in next year's subsidy allocation."),
    ("official_endorsement", "Buy a few boxes, the county remembers its friends."),
    ("official_endorsement", "If you dont buy you dont support your hometown, simple as that, as your mayor I say it."),
    # DATA-02 / EN-04 / OFF-03
    ("fabricated_data", "Post a one star review and our attorney will be in touch, I promise."),
    ("fabricated_data", "Tonight the interns will write reviews on the shop page pretending to be buyers."),
    ("fabricated_data", "Those glowing testimonials were generated with ChatGPT this morning."),
    ("fabricated_data", "Back room, keep typing so fresh so fresh in the chat."),
    ("fabricated_data", "Switch on the keyword filter so nobody sees the word bitter."),
    ("fabricated_data", "Place an order but dont pay yet, we just want the numbers up."),
    ("fabricated_data", "Bring out the deals we signed in spring and sign them again on camera."),
    ("fabricated_data", "Everyone buy two boxes so our town tops the chart tonight, you can cancel tomorrow."),
    ("coerced_purchase", "No pressure, but anyone who doesnt order gets the weekend duty roster."),
    ("fabricated_data", "The sales figure has to look big for the county report."),
    # PRC-03 / PRC-01
    ("price_fraud", "Cheapest ever, you will not see this price again."),
    ("price_fraud", "In the mall they charge at least 120 for this box, here it's 39."),
    ("price_fraud", "You save sixty yuan on every order tonight."),
    # DATA-01
    ("fabricated_data", "These walnuts sold out four times last winter, that's how popular they are."),
    ("fabricated_data", "Last batch was gone in 30 seconds, no joke."),
    ("fabricated_data", "Our repeat purchase rate is through the roof, like 97%."),
    ("fabricated_data", "One in five households in Xi'an buys our rice."),
    ("fabricated_data", "We've shipped more than 20000 jars so far this season."),
    # PRC-02
    ("price_fraud", "Grab it now, you will never see this price again."),
    ("price_fraud", "When the timer hits zero the price doubles."),
    ("price_fraud", "Ten seconds left and then this link is gone forever."),
    # LIVE-04
    ("disparagement", "Hebei pears are all waxed and dyed, don't bother."),
    ("disparagement", "The stall across the street is full of chemicals, everyone knows."),
    ("disparagement", "Other villages can't even compare, their honey is sugar syrup."),
    # LIVE-05
    ("other", "Plant this corn seed and I promise your yield goes up by half."),
    ("other", "Our sorghum liquor gives no hangover at all, drink as much as you like."),
    ("other", "Two bowls of this rice wine and you can still drive home after, no worries."),
]

HARD_NEGATIVES: list[str] = [
    # OFF-01: voluntary, no lists, no appraisal, customer limits, lawful pay talk
    "Buying is voluntary, nothing is deducted from anyone's salary and nobody keeps a list.",
    "Sales tonight have nothing to do with any assessment of anyone, just share the link if you like.",
    "Limit of two boxes per customer so everyone gets some.",
    "If the jar arrives broken, you can cancel the order and the platform refunds you.",
    "The co-op pays its pickers' wages every Friday.",
    # OFF-02: no fee, several co-ops, open selection
    "As county head I take no slot fee and no commission from anyone tonight.",
    "These products come from several cooperatives picked through an open selection.",
    # OFF-04: public policy and quality-control measures described accurately
    "The county runs random checks on every batch, and the subsidy policy is published online.",
    # DATA-02 / EN-04: honest review requests, moderation of abuse
    "Please leave an honest review, good or bad, we read every one.",
    "We only delete comments with swear words or spam, the platform rules require that.",
    # PRC-03: bounded, recorded comparisons
    "This is the lowest price in this shop in the last 30 days, you can check the price record.",
    # DATA-01: platform figures, stock, subjective enthusiasm
    "The back end shows 326 orders so far tonight, thank you all.",
    "We have 500 boxes in stock, so no need to rush.",
    "Everyone who tried it liked it, that's all I can say.",
    # PRC-02: real rule-based limits and seasons
    "The offer ends at midnight tonight, limit of two per account.",
    "Lychee season only lasts about twenty days, that's just nature.",
    # LIVE-04: education without naming anyone, own old products
    "When you buy walnuts anywhere, check the production date on the label.",
    "Shandong apples are great too, ours are just a different variety.",
    # LIVE-05: registration facts and responsible drinking
    "This variety's registration number is on the bag; yield depends on your soil and weather.",
    "Drink responsibly, and never drive after drinking.",
]


@pytest.mark.parametrize(("category", "utterance"), POSITIVES)
def test_recall_r13_family_flagged(category: str, utterance: str, catalog) -> None:  # type: ignore[no-untyped-def]
    assert category in claim_categories(utterance, "en", catalog)


@pytest.mark.parametrize("utterance", HARD_NEGATIVES)
def test_recall_r13_lawful_use_not_flagged(utterance: str, catalog) -> None:  # type: ignore[no-untyped-def]
    assert claim_categories(utterance, "en", catalog) == set()
