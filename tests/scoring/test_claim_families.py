"""Cue families of rule set 2026.11.2 on our own sentences (not taken from assessments/eval): for each family, spoken
paraphrases that must be flagged and hard negatives with the same trigger words that must not be."""

from __future__ import annotations

import pytest
from support.claims import rule_categories

ZH_FAMILY_POSITIVES = [
    # effect × health target (MED-03b): indirect outcomes linked to eating the product
    ("health_claim", "我爸喝了俩月这个茶，血糖稳稳当当的", "meitan-tea"),
    ("health_claim", "这个小米粥天天喝，老胃病都不犯了", "qinzhou-millet"),
    ("health_claim", "每天吃几颗核桃，头发都变黑了", "yangbi-walnut"),
    ("health_claim", "香菇炖鸡给老人吃，腿脚有劲多了", "qingyuan-shiitake"),
    # dominance wording (ABS-01d)
    ("absolute_claim", "这个核桃在云南那是首屈一指的", "yangbi-walnut"),
    ("absolute_claim", "这橙子甜度谁家都比不了", "gannan-orange"),
    # chemical-input absence (NAT-01c/d)
    ("absolute_safety", "除草剂我们一次都没打过", "taojiang-rice"),
    ("absolute_safety", "这鸡蛋一点抗生素都没有", "zhoukou-eggs"),
    # reference price × cut, urgency window × change (PRC-01c, PRC-02c)
    ("price_fraud", "外头超市卖六十八一盒，直播间只要十九块九", "qingyuan-shiitake"),
    ("price_fraud", "这个价下了播就恢复原价，家人们抓紧拍", "wuchang-rice"),
    ("price_fraud", "这是果园收购价，一分钱都不赚你们的", "luochuan-apple"),
    # sales figures, ratios, fake orders (DATA-01c, DATA-02b)
    ("fabricated_data", "这款小米去年一年卖出去三十多万斤", "qinzhou-millet"),
    ("fabricated_data", "十个买过的里面有八个都回头", "qinling-honey"),
    ("fabricated_data", "让员工先拍几单，把人气顶起来", "gannan-orange"),
    # official roles × purchase obligation (OFF-01b)
    ("coerced_purchase", "各科室的同志每人不少于三箱，周五前把名单报上来", "luochuan-apple"),
    ("coerced_purchase", "这次销量要纳入各乡镇年终考核", "gannan-orange"),
    # state actors × vouching, promises by officials (AUTH-01b, OFF-04b)
    ("official_endorsement", "这个茶是市里开会接待专门用的", "meitan-tea"),
    ("official_endorsement", "我以县长的名义担保，有问题县财政兜底", "luochuan-apple"),
    # competitor × defect (LIVE-04c)
    ("disparagement", "市面上那些小米很多是染色的", "qinzhou-millet"),
    ("disparagement", "隔壁县的核桃全是药水泡过的", "yangbi-walnut"),
    # minors, regulated goods, off-platform (LIVE-03b, LIVE-05b, LIVE-06b)
    ("other", "小朋友们，快去找妈妈给你拍一单", "zhoukou-eggs"),
    ("other", "这个果苗种下去，一亩地能多收两千块", None),
    ("other", "想要的私下联系，微信号在主页", "qinling-honey"),
]

ZH_FAMILY_NEGATIVES = [
    ("我爸喝这个茶喝了很多年，就是喜欢这个味道", "meitan-tea"),
    ("小米粥熬得稠稠的，冬天喝着暖和", "qinzhou-millet"),
    ("血糖高的朋友要听医生的，水果适量吃", "gannan-orange"),
    ("这个核桃在云南大理种了几十年了", "yangbi-walnut"),
    ("我们按标准打药，不到安全间隔期不采", "luochuan-apple"),
    ("上周店里卖二十九，今天直播间二十五", "qingyuan-shiitake"),
    ("活动到今晚十点截止，过了就恢复日常价", "wuchang-rice"),
    ("后台显示今天卖出了一千二百单，谢谢大家", "qinzhou-millet"),
    ("欢迎各位同志自愿选购，不搞摊派", "luochuan-apple"),
    ("本场直播由县农业农村局组织，选品是公开遴选的", "meitan-tea"),
    ("选购小米的时候看看有没有染色，教大家一招", "qinzhou-millet"),
    ("有问题找店铺客服，别加陌生人微信", "qinling-honey"),
    ("每户都种了几亩地，今天先介绍这一家", "luochuan-apple"),
]

EN_FAMILY_POSITIVES = [
    ("health_claim", "My uncle eats this rice daily and his cholesterol is back to normal.", "wuchang-rice"),
    ("absolute_claim", "Nothing else compares to this honey, nobody comes close.", "qinling-honey"),
    ("absolute_safety", "Not a trace of pesticides on these oranges.", "gannan-orange"),
    ("price_fraud", "These normally sell for 80 in shops, tonight you get them for 25.", "luochuan-apple"),
    ("price_fraud", "Once this batch is gone, that's it, no more.", "yangbi-walnut"),
    ("fabricated_data", "95% of our customers buy again within a month.", "zhoukou-eggs"),
    ("coerced_purchase", "Each department must order at least five boxes for the staff.", "meitan-tea"),
    ("official_endorsement", "The provincial government recommended this tea to visitors.", "meitan-tea"),
    ("disparagement", "Other sellers' walnuts are bleached, don't buy them.", "yangbi-walnut"),
    ("other", "Kids, go ask your dad to order a box!", "luochuan-apple"),
]

EN_FAMILY_NEGATIVES = [
    ("My uncle eats this rice daily because he likes the aroma.", "wuchang-rice"),
    ("If your blood sugar is high, eat fruit in moderation.", "gannan-orange"),
    ("We spray only within the national standards and harvest after the safety interval.", "gannan-orange"),
    ("Last week our shop price was 30, today it's 27.", "luochuan-apple"),
    ("Buying is voluntary for all staff, no quotas.", "meitan-tea"),
    ("This event is organized by the county government.", "meitan-tea"),
    ("Other farms grow good walnuts too.", "yangbi-walnut"),
]


@pytest.mark.parametrize(("category", "text", "product"), ZH_FAMILY_POSITIVES)
def test_cue_family_flagged_zh(category, text, product, catalog):
    assert category in rule_categories(text, "zh", catalog, product)


@pytest.mark.parametrize(("text", "product"), ZH_FAMILY_NEGATIVES)
def test_cue_family_not_flagged_zh_hard_negative(text, product, catalog):
    assert rule_categories(text, "zh", catalog, product) == set()


@pytest.mark.parametrize(("category", "text", "product"), EN_FAMILY_POSITIVES)
def test_cue_family_flagged_en(category, text, product, catalog):
    assert category in rule_categories(text, "en", catalog, product)


@pytest.mark.parametrize(("text", "product"), EN_FAMILY_NEGATIVES)
def test_cue_family_not_flagged_en_hard_negative(text, product, catalog):
    assert rule_categories(text, "en", catalog, product) == set()
