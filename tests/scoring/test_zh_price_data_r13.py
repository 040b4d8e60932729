"""Mandarin price_fraud and fabricated_data, round 13 (issue #4): lawful price and figure statements from the "Do NOT
flag" lists of cards PRC-01..04, DATA-01..03 and OFF-03, and the prohibited shapes next to them. Our own sentences,
written from the cards — never copied from assessments/eval."""

from __future__ import annotations

import pytest

from training_app.scoring.evaluation import predict_categories
from training_app.scoring.model import Item


def _predict(text: str, catalog) -> set[str]:
    item = Item(id="t", text=text, product=None, categories=(), hard_negative=True, split="test")
    return predict_categories(item, "zh", catalog, None)


POSITIVES = [
    # PRC-02p: an offer price today and a "restored" price of twice or more tomorrow
    ("price_fraud", "今天三十九，明天恢复一百九十九。"),
    ("price_fraud", "活动价29.9，活动结束就恢复到99。"),
    # PRC-01: a cut to half or less of an unproven reference price (still flagged after the 一直 fix)
    ("price_fraud", "原价一百九十九，今天直播间只要三十九。"),
    ("price_fraud", "超市里卖八十八，我们这里只要二十九。"),
    # PRC-03: baseless factory / cost prices
    ("price_fraud", "出厂价直接给你们，一分钱不赚。"),
    ("price_fraud", "这批货亏本卖，成本价都不到。"),
    # DATA-01: unsourced sales pressure
    ("fabricated_data", "已经卖了三万多单了，赶紧抢。"),
    # DATA-02: rewards only for praise
    ("fabricated_data", "晒图给五星好评的，私信客服返五块钱。"),
]

LAWFUL = [
    # DATA-01 Do NOT flag: figures the platform shows, stated as such
    ("fabricated_data", "这一轮一共放了六十单，后台可以看到已经拍了四十二单。"),
    ("fabricated_data", "店铺页面都能查到，今天已经卖了一百二十单，大家慢慢挑。"),
    # PRC-01 Do NOT flag: a price that did not change, a reference price the shop really charged and can prove
    ("price_fraud", "有人问是不是涨价了，没涨，一直都是四十九一箱。"),
    ("price_fraud", "原价五十九是我们上个月一直在卖的价格，今天四十九，订单记录都能翻到。"),
    ("price_fraud", "原价六十九，我们一直这个价，今天多送一斤。"),
    # PRC-02 Do NOT flag: a real promotion with its period and a restored price close to the offer; a real harvest
    ("price_fraud", "今天活动价四十五，明天恢复四十九。"),
    ("price_fraud", "今年我们家三十亩枣树，估计能收两万斤，卖完就没了。"),
    # PRC-03 Do NOT flag: the farm-gate purchase price and our margin stated openly; denying a cost-price claim
    ("price_fraud", "收购价两块八一斤，我们卖四块，多出来的是人工和运费。"),
    ("price_fraud", "今年新米卖多少要看收购价，现在我定不下来。"),
    ("price_fraud", "听说下个月板栗收购价要往上调，具体多少还不知道。"),
    ("price_fraud", "这不是成本价，我们有赚头，只是赚得不多。"),
    # DATA-02 Do NOT flag: keeping complaints visible, refusing review rebates
    ("fabricated_data", "评论别删，留着，让大家看看我们是怎么处理的。"),
    ("fabricated_data", "好评返现这种事我们店从来没有。"),
    ("fabricated_data", "有人私信说给你返现的都是骗子，别信。"),
]


@pytest.mark.parametrize(("category", "text"), POSITIVES)
def test_prohibited_price_and_data_claims_are_flagged(category: str, text: str, catalog) -> None:
    assert category in _predict(text, catalog)


@pytest.mark.parametrize(("category", "text"), LAWFUL)
def test_lawful_price_and_figure_statements_are_not_flagged(category: str, text: str, catalog) -> None:
    assert category not in _predict(text, catalog)
