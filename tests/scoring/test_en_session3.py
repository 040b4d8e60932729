"""English rules, session 2026-11-22c: lawful uses written from the "Do NOT flag" lists of the compliance reference
cards (NAT-01, PRC-02, …) next to the violations of the same cue family, which must still be flagged. Sentences are
written for this test (never copied from assessments/eval)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml
from support.claims import claim_categories

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


HARD_NEGATIVES: list[tuple[tuple[str, ...], str | None]] = [
    (("Dried shiitake lose most of their water, ten jin fresh makes one jin dry.",), "qingyuan-shiitake"),
    (("The cart says 2,100 sold, that's the platform's running total since September.",), "qinzhou-millet"),
    (("Since 2019 we have shipped to every province.",), "gannan-orange"),
    (("Please wash them before eating; our test found no residue above the national limit.",), "luochuan-apple"),
    (("The frost was bad last week.", "It's gone now, so picking starts."), "gannan-orange"),
    (("This is the final batch of the season, the trees are bare now.",), "gannan-orange"),
    (("We delete comments with bad words, complaints about the fruit stay up.",), "gannan-orange"),
    (("We only hide comments with phone numbers or bad words, complaints about the taste stay up.",), "meitan-tea"),
    (("The king of fruits is what people call durian; we sell apples.",), "luochuan-apple"),
    # this round's families next to their lawful neighbours
    (("I can't promise you'll never catch a cold, eat well and see a doctor when ill.",), "qinling-honey"),
    (("The price on the bag is the price you pay, no tricks.",), "taojiang-rice"),
    (("Every order gets the gift, it's written on the page.",), "gannan-orange"),
    (("Leave an honest review, good or bad, thank you.",), "qinling-honey"),
    (("The bureau publishes how permits are approved; buying has nothing to do with it.",), None),
    (("This stream is paid by the farm, I earn per box, and I say so every hour.",), None),
    # MED-01ea / ABS-01ea / OFF-02ea: recovery not credited to the food; soil tests; bounded or disclosed cases
    (("My cough got better after resting, nothing to do with the honey, just rest.",), "qinling-honey"),
    (("Our soil test results improved after we switched to manure.",), "luochuan-apple"),
    (("We ship the freshest boxes in Shaanxi first, the rest go out tomorrow.",), "luochuan-apple"),
    # PRC-02t/PRC-02ec: real stock with a restock date and no pressure
    (("Only four jars left on the counter.", "We restock next week, so no need to hurry."), "qinling-honey"),
    # ORI-01s: the product's own origin; a variety's history; shipping destinations
    (("Our apples are picked this week in Luochuan, Shaanxi.",), "luochuan-apple"),
    (("The variety came from Japan decades ago, but these trees grow in Luochuan.",), "luochuan-apple"),
    (("We ship from Shaanxi to customers in Shandong and Guangdong.",), "luochuan-apple"),
    # AUTH-01ea / LIVE-02r: rumours denied; waiting to try before recommending
    (("The state banquet stories online are rumours, we don't claim anything like that.",), "wuchang-rice"),
    (("I haven't tried the new plum variety yet, so I'll wait before recommending it.",), None),
    # ABS-01r: a sales title is a data claim, not a ranking of quality; other people's own experience
    (("Customers told us it's the sweetest honey they ever tasted.",), "qinling-honey"),
    # AUTH-01r: the county as a place where people live
    (("Lots of families in the county eat our eggs for breakfast.",), "zhoukou-eggs"),
    # OFF-03s: "nobody will check" said to make buying voluntary
    (("Colleagues, support if you want, nobody will check, there is no task.",), None),
    # PRC-02r: back to the price genuinely charged before
    (("After tonight it's 59 again, same as we sold it all last month.",), "qinling-honey"),
    # MED-01u / MED-03t / MED-04s: lawful food talk that reuses the cue words
    (("If your cough doesn't go away in a week, please see a doctor.",), "qinling-honey"),
    (("The frost is gone now, so the oranges can be picked.",), "gannan-orange"),
    (("We ran out of brown sugar for the stall, it's all gone.",), None),
    (
        ("Dried shiitake lose about nine jin of water for every ten jin fresh, that's why they cost more.",),
        "qingyuan-shiitake",
    ),
    (("Rice is food, not medicine; keep taking what your doctor prescribed.",), "taojiang-rice"),
    (("Our kids help on the farm after school and they are top of the class in picking speed!",), None),
    # NAT-01s: a test result stated with its limits and report
    (("The test found residues well below the national limit, report number is in the listing.",), "luochuan-apple"),
    (("Wash the apples and wipe the table so the kitchen is totally clean.",), "luochuan-apple"),
    # CERT-01s: plainly not certified
    (("Our eggs are not certified organic, we just feed the hens corn we grow ourselves.",), "zhoukou-eggs"),
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
            "The Singles' Day coupon is the platform's own campaign; it switches off at 23:59, then the price is 39 "
            "again.",
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
    ("official_endorsement", ("The county government eats our eggs every day.",), "zhoukou-eggs"),
    ("health_claim", ("A spoon in warm water at night and it melts the belly fat.",), "qinling-honey"),
    ("health_claim", ("Old folks who eat this rice say their knees don't ache anymore.",), "taojiang-rice"),
    ("health_claim", ("My sister had period pain every month.", "Since she drinks this tea, it's gone."), "meitan-tea"),
    ("price_fraud", ("Shops in town charge ninety for this.", "In my room, forty."), "yangbi-walnut"),
    ("price_fraud", ("We doubled the price last week, so today's half price is a steal.",), "gannan-orange"),
    ("fabricated_data", ("We ship four thousand boxes a day.",), "gannan-orange"),
    ("fabricated_data", ("Give five stars, send a screenshot, we'll refund you eight yuan.",), "qinling-honey"),
    ("official_endorsement", ("Firms that buy big will be remembered when the county picks suppliers.",), None),
    ("disparagement", ("Don't buy from the stall down the street, they cheat on weight.",), "luochuan-apple"),
    ("absolute_safety", ("Eat them right off the tree, no washing needed.",), "luochuan-apple"),
    ("health_claim", ("Two walnuts a day and say goodbye to memory problems.",), "yangbi-walnut"),
    ("price_fraud", ("I say it's the final batch, but more is coming, that's just marketing.",), "gannan-orange"),
    ("fabricated_data", ("See a bad comment? Delete it before people read it.",), "qinling-honey"),
    ("coerced_purchase", ("Colleagues, your orders will be part of the annual evaluation.",), None),
    ("absolute_claim", ("It's the king of all honeys.",), "qinling-honey"),
    ("absolute_claim", ("Cheaper than anywhere else, full stop.",), "taojiang-rice"),
    ("health_claim", ("Give your kids a bowl every morning and they won't get sick all winter.",), "qinzhou-millet"),
    ("price_fraud", ("The page says low stock, but actually we have a warehouse full.",), "gannan-orange"),
    ("fabricated_data", ("Mods, remove anyone who says the tea is bitter.",), "meitan-tea"),
    ("fabricated_data", ("Our sales are number one on the whole app.",), "qinling-honey"),
    ("disparagement", ("Those big brand teas are just dust swept off the floor.",), "meitan-tea"),
    ("other", ("It only launched this spring, but I've been drinking it for years.",), "meitan-tea"),
    ("absolute_claim", ("Cheapest price in the whole history of this shop.",), "wuchang-rice"),
    ("health_claim", ("Drink it daily and you'll never catch the flu.",), "meitan-tea"),
    ("price_fraud", ("Regular price eighty-eight, for the next five minutes it's forty.",), "gannan-orange"),
    ("price_fraud", ("The price on the bag is just a number, nobody pays that.",), "taojiang-rice"),
    ("price_fraud", ("We only send the gift if they complain.",), "gannan-orange"),
    ("fabricated_data", ("Leave a positive review and we'll send you a free jar.",), "qinling-honey"),
    ("fabricated_data", ("Team, hop into the chat and say how fresh they are.",), "gannan-orange"),
    ("fabricated_data", ("Two in three households in Wuhan cook our rice.",), "taojiang-rice"),
    ("coerced_purchase", ("Section chiefs, report how many bags your staff bought by Friday.",), None),
    ("official_endorsement", ("You have my personal guarantee as township head.",), None),
    ("official_endorsement", ("Firms that order big tonight get faster permits at the bureau.",), None),
    ("other", ("They pay me per sale but I won't mention that on screen.",), None),
    ("official_endorsement", ("As county head: the firm sent me boxes as a gift, so I'm promoting them.",), None),
    ("health_claim", ("Grandpa's arthritis got so much better after a month of this tea.",), "meitan-tea"),
    ("health_claim", ("Mushroom soup twice a week and your cholesterol will be normal.",), "qingyuan-shiitake"),
    ("health_claim", ("This tea is better than any blood pressure medicine.",), "meitan-tea"),
    ("price_fraud", ("We marked it up last week so the discount looks bigger.",), "gannan-orange"),
    ("absolute_claim", ("Best millet in all of Shanxi, full stop.",), "qinzhou-millet"),
    ("other", ("Nobody's paying me, I just love it, link's in my cart.",), None),
    ("false_origin", ("This rice comes from the black soil up in Heilongjiang.",), "taojiang-rice"),
    ("false_origin", ("Fresh Fuji, picked this morning in Shandong.",), "luochuan-apple"),
    ("official_endorsement", ("It's the same rice as served at state banquets.",), "wuchang-rice"),
    ("fabricated_data", ("Pad the sales in the report, nobody will check.",), None),
    (
        "health_claim",
        ("My neighbour had a cough all winter.", "A spoon of this honey at night and by spring it was gone."),
        "qinling-honey",
    ),
    (
        "health_claim",
        ("Three bowls of this millet a week and her blood sugar came down, she is off her insulin now.",),
        "qinzhou-millet",
    ),
    ("health_claim", ("Eat it every day and the gout flare-ups just stop.",), "qingyuan-shiitake"),
    ("health_claim", ("It keeps your sugar steady, diabetics love it.",), "taojiang-rice"),
    ("health_claim", ("Honestly it works better than the cough syrup from the pharmacy.",), "qinling-honey"),
    ("health_claim", ("A handful a day and you live ten years longer.",), "yangbi-walnut"),
    ("health_claim", ("Give your kids these walnuts and their exam scores go up.",), "yangbi-walnut"),
    ("health_claim", ("Eat two oranges a day and you look twenty again.",), "gannan-orange"),
    ("health_claim", ("Swap dinner for this porridge and lose three kilos in a week.",), "qinzhou-millet"),
    ("health_claim", ("New mums, this porridge brings the milk in.",), "qinzhou-millet"),
    ("health_claim", ("A nurse I know gives this honey to her patients for sore throat.",), "qinling-honey"),
    ("health_claim", ("This tea, you know, jiang ya, I can't say it here.",), "meitan-tea"),
    ("absolute_safety", ("We had them tested, not a single pesticide was found.",), "gannan-orange"),
    (
        "absolute_safety",
        ("Grown on logs in the forest, so there's no way there's any pesticide residue.",),
        "qingyuan-shiitake",
    ),
    (
        "unverified_certification",
        ("It isn't certified, but it's basically green food, same standard.",),
        "zhoukou-eggs",
    ),
    ("unverified_certification", ("The hens eat organic feed, so the eggs are organic too.",), "zhoukou-eggs"),
]


@pytest.mark.parametrize(("utterances", "product"), HARD_NEGATIVES)
def test_lawful_use_not_flagged(utterances: tuple[str, ...], product: str | None, catalog) -> None:  # type: ignore[no-untyped-def]
    assert _en_rule_flags(utterances, product, catalog) == set()


@pytest.mark.parametrize(("category", "utterances", "product"), POSITIVES)
def test_violation_flagged(category: str, utterances: tuple[str, ...], product: str | None, catalog) -> None:  # type: ignore[no-untyped-def]
    assert category in claim_categories(utterances, "en", catalog, product)


def _asr(text: str) -> str:
    """Speech-recognition style: lowercase, no punctuation, apostrophes dropped ("we've" → "weve")."""
    text = re.sub(r"[.,!?;:\"—-]+", " ", text.lower().replace("'", ""))
    return re.sub(r"\s+", " ", text).strip()


ASR_POSITIVES: list[tuple[str, str]] = [
    ("price_fraud", "The counter shows five left, but honestly we've got loads in the warehouse."),
    ("price_fraud", "Don't bring up the shipping surcharge, they'll see it at checkout."),
    ("price_fraud", "The countdown's on, when it ends this deal disappears."),
    (
        "official_endorsement",
        "As county head: if anything is wrong, come to the county government, we'll make it right.",
    ),
    ("other", "Meet my nephew, he's six, tell everybody why they should buy these pears."),
    ("other", "The farm pays me, but no need to say it's an ad."),
    ("absolute_safety", "Grown on logs in the forest, so there's no way there's any pesticide residue."),
    ("health_claim", "My dad drinks it every morning and he's off his blood pressure pills now."),
    ("coerced_purchase", "Village heads, tonight's sales go into each township's year-end assessment."),
    ("other", "Today's just a chat, I'm not selling anything, but the cart's open if you want some."),
    ("other", "My daughter's seven, she's going to recommend the eggs for you today."),
    ("absolute_claim", "Honestly you won't find a cheaper bag anywhere online."),
    ("price_fraud", "Nineteen ninety delivered, don't worry about the remote-area shipping, sort that out later."),
]


@pytest.mark.parametrize(("category", "text"), ASR_POSITIVES)
def test_asr_style_still_flagged(category: str, text: str, catalog) -> None:  # type: ignore[no-untyped-def]
    assert category in claim_categories((_asr(text),), "en", catalog, None)


ASR_LAWFUL = [
    "We won't re-sign last month's agreement today, we're only signing the two new deals.",
    "Leave a negative review if you want, we don't delete them.",
    "We don't do factory-price talk, this is the price, compare it yourself.",
]


@pytest.mark.parametrize("text", ASR_LAWFUL)
def test_asr_style_negated_not_flagged_by_the_english_rules(text: str, catalog) -> None:  # type: ignore[no-untyped-def]
    assert _en_rule_flags((_asr(text),), None, catalog) == set()


def test_asr_style_disowning_is_not_a_health_claim_of_the_english_rules(catalog) -> None:  # type: ignore[no-untyped-def]
    assert _en_rule_flags((_asr("I won't claim it lowers blood pressure, I don't know that."),), None, catalog) == set()
