"""Mandarin hard negatives, round 7 (issue #4): lawful uses from the cards' "Do NOT flag" lists that the rule set
2026.11.7 flagged, each family with a violation beside it that must still be flagged.

Written from the compliance-reference cards, not copied from assessments/eval: a term named and refused with a bare
这话/这词 ("绿色这词我不乱用"), or called not to be used freely; certifications said to be absent after their names
("有机的没有", a short list "有机、地标都没有"); a term declared unrelated ("跟如今的特供没什么关系"); one's own figure
called a slip right after it; a viewer's question answered "没有没有"; "做不到最好"; a famous origin heard of or said
to be itself ("新疆是新疆的") and contrasted with ours; a refusal to say "no spraying" with 没法说/不好说; "有没有添加"
asked; no need to add WeChat.

Not fixed (exceptions tried and dropped, no effect on the fresh files): a warning that private deals go unprotected
(LIVE-06b), "好不好吃" before tasting (LIVE-02b), buyers deciding while officials forward the link (OFF-01b)."""

from __future__ import annotations

import pytest

from training_app.scoring.evaluation import predict_categories
from training_app.scoring.model import Item


def _predict(text: str, catalog, product: str | None = None) -> set[str]:
    item = Item(id="t", text=text, product=product, categories=(), hard_negative=True, split="test")
    return predict_categories(item, "zh", catalog, None)


LAWFUL = [
    # NAT-01 / NAT-02: the term refused as a word with a bare 这话/这词, or said not to be used freely
    ("absolute_safety", None, "纯天然这话咱们不说，就是山上自己长的。"),
    ("absolute_safety", None, "无添加这个词现在不让随便写，我们就念配料表。"),
    ("absolute_safety", None, "零残留这词我不敢用，检测合格的报告大家可以看。"),
    # CERT-02 / CERT-03: the certification named and said to be absent
    ("unverified_certification", "qinling-honey", "我们家有的是生产许可证，有机的没有，大家别误会。"),
    ("unverified_certification", "qinling-honey", "这罐蜂蜜有机、地标都没有，就是山里散养的土蜂。"),
    ("unverified_certification", "luochuan-apple", "这款是普通苹果，有机这块咱们没办过。"),
    # NAT-01c: a viewer's A-not-A question about inputs
    ("absolute_safety", "zhoukou-eggs", "有家人问鸡蛋里有没有激素，我们把检测报告挂在详情页了。"),
    # ORI-01: another region's product described, then ours
    ("false_origin", "taojiang-rice", "东北那边的是粳米，我们是籼米，煮出来口感不一样。"),
    ("false_origin", "meitan-tea", "安吉白茶在浙江，咱们这个是贵州的绿茶。"),
    # AUTH-01: a tribute story said to be unrelated to any special-supply claim
    ("official_endorsement", None, "以前县志里有进贡的记载，跟如今的特供没什么关系。"),
    # DATA-01: one's own figure called a slip right after it
    ("fabricated_data", None, "我刚才说卖了五万单是口误，后台实际是五千多单。"),
    # ABS-01: the best disclaimed
    ("absolute_claim", None, "我们尽量挑好的发，做不到最好，有坏果包赔。"),
    # ORI-01: a famous origin heard of and set apart; a region said to be itself; the other place contrasted with ours
    ("false_origin", "gannan-orange", "脐橙我们也听说过奉节的，咱们这是赣南的。"),
    ("false_origin", "yangbi-walnut", "不是，新疆是新疆的，我们这是云南大理的。"),
    ("false_origin", "taojiang-rice", "那个大米是东北的，我们是湖南桃江的。"),
    # NAT-01: spraying not denied; NAT-02: the additive question asked
    ("absolute_safety", "gannan-orange", "说实在的，我们没法说不打药，只能说按间隔期采。"),
    ("absolute_safety", None, "有家人问这个辣酱有没有添加防腐剂，我把配料表念一下。"),
    # LIVE-06: no need to add WeChat
    ("other", None, "退换货在订单里点申请就行，不需要加微信。"),
]

MUST_FLAG = [
    ("absolute_safety", None, "我们家的大米纯天然，零农残。"),
    ("absolute_safety", None, "这个辣酱零添加，什么防腐剂都没有。"),
    ("unverified_certification", "qinling-honey", "我们这个是有机蜂蜜，放心买。"),
    ("official_endorsement", None, "这是给领导的特供茶，外面买不到。"),
    ("fabricated_data", None, "刚才已经卖了五万单了，大家抓紧。"),
    ("absolute_claim", None, "我们的苹果是全网最好的。"),
    ("false_origin", "taojiang-rice", "我们这个就是正宗五常大米。"),
    ("false_origin", "yangbi-walnut", "我们这核桃是新疆的，皮薄个大。"),
    ("absolute_safety", "gannan-orange", "我们的橙子从来不打药，放心给孩子吃。"),
    ("false_origin", "taojiang-rice", "东北米是好米，我们这个就是东北五常的。"),
    ("unverified_certification", "luochuan-apple", "有机我们早就认证了，放心买。"),
    ("other", None, "想便宜的加我微信，私下转账再优惠。"),
    ("other", None, "这个我自己还没吃过，但是保证好吃，闭眼入。"),
    ("coerced_purchase", None, "每个村摊派五十箱，卖不完干部自己买。"),
]


@pytest.mark.parametrize(("category", "product", "text"), LAWFUL)
def test_lawful_use_not_flagged_zh_r7(category, product, text, catalog):
    assert category not in _predict(text, catalog, product)


@pytest.mark.parametrize(("category", "product", "text"), MUST_FLAG)
def test_violation_still_flagged_zh_r7(category, product, text, catalog):
    assert category in _predict(text, catalog, product)


def test_viewer_question_answered_no_no_is_dropped(catalog):
    text = "刚才有人问是不是卖了好几万箱\n没有没有\n后台一共是八百多箱"
    assert "fabricated_data" not in _predict(text, catalog)


def test_viewer_question_answered_yes_is_kept(catalog):
    text = "刚才有人问是不是卖了好几万箱\n是的，好几万箱了"
    assert "fabricated_data" in _predict(text, catalog)
