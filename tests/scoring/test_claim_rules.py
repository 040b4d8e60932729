"""Claim rules on our own sentences (written from the law, not taken from assessments/eval): positives per category
and hard negatives from the "Do NOT flag" lists, in Mandarin and English."""

from __future__ import annotations

import pytest
from support.claims import rule_categories

ZH_POSITIVES = [
    ("absolute_claim", "咱们这个苹果是全国第一好吃的", "luochuan-apple"),
    ("absolute_claim", "这款小米绝对是顶级品质", "qinzhou-millet"),
    ("absolute_claim", "史上最低价，错过拍大腿", "gannan-orange"),
    ("absolute_claim", "我跟你们打包票，每一颗核桃都饱满", "yangbi-walnut"),
    ("absolute_claim", "这茶叶蕞好喝了", "meitan-tea"),
    ("absolute_claim", "咱家香菇TOP 1，谁也比不了", "qingyuan-shiitake"),
    ("health_claim", "这个小米粥天天喝，胃病慢慢就好了", "qinzhou-millet"),
    ("health_claim", "香菇能抗癌，多吃点没坏处", "qingyuan-shiitake"),
    ("health_claim", "蜂蜜调理肠胃，比吃药还管用", "qinling-honey"),
    ("health_claim", "老中医都说核桃补脑，孩子吃了变聪明", "yangbi-walnut"),
    ("unverified_certification", "我们的土鸡蛋是有机的", "zhoukou-eggs"),
    ("unverified_certification", "这批桃江米拿到了绿色食品证书", "taojiang-rice"),
    ("unverified_certification", "国家无公害认证产品，放心吃", "gannan-orange"),
    ("unverified_certification", "中国驰名商标，品质有保障", "wuchang-rice"),
    ("false_origin", "这就是正宗的西湖龙井", "meitan-tea"),
    ("false_origin", "产自新疆的核桃，个大皮薄", "yangbi-walnut"),
    ("absolute_safety", "这个蜂蜜纯天然无污染", "qinling-honey"),
    ("absolute_safety", "小米一点农药都没打过", "taojiang-rice"),
    ("absolute_safety", "我们的米零添加，什么都不放", "wuchang-rice"),
    ("price_fraud", "市场价八十八一箱，今天二十九块九", "gannan-orange"),
    ("price_fraud", "明天就恢复原价了，今天不抢就没了", "luochuan-apple"),
    ("price_fraud", "这就是出厂价，亏本给大家", "wuchang-rice"),
    ("fabricated_data", "这款蜂蜜累计卖了两百万瓶", "qinling-honey"),
    ("fabricated_data", "晒图好评返五块钱红包", "zhoukou-eggs"),
    ("fabricated_data", "经检测，我们的鸡蛋营养是普通鸡蛋的三倍", "zhoukou-eggs"),
    ("coerced_purchase", "各科室每人至少买两箱，明天把订单截图发到工作群", "gannan-orange"),
    ("official_endorsement", "这是人民大会堂专供的大米", "wuchang-rice"),
    ("official_endorsement", "县政府给质量担保，出了问题政府兜底", "luochuan-apple"),
    ("disparagement", "隔壁村的核桃都是漂白过的", "yangbi-walnut"),
    ("other", "想要便宜的加我微信私聊", "qinling-honey"),
    ("other", "小朋友们快去让妈妈给你们下单", "yangbi-walnut"),
]

ZH_NEGATIVES = [
    ("最近天气热，苹果最好冷藏保存", "luochuan-apple"),
    ("今天是活动最后一天，每人最多限购两件", "gannan-orange"),
    ("这是我们家今年最甜的一批橙子", "gannan-orange"),
    ("我们一直努力做最好的小米", "qinzhou-millet"),
    ("第一批新米今天到了，大家第一次买可以先买小袋", "wuchang-rice"),
    ("这是特级翠芽，一级的也有", "meitan-tea"),
    ("最佳食用期是收到后一周内，最高优惠二十元", "luochuan-apple"),
    ("我们不说它能治病，它就是普通食品，不能代替药物", "qinling-honey"),
    ("有家人问能不能降血糖，不能，这就是普通小米", "qinzhou-millet"),
    ("会员价九十九，需要先开通会员才能用", "wuchang-rice"),
    ("我们家种苹果二十多年了", "luochuan-apple"),
    ("后台显示已经下单三百二十六单了，谢谢家人们", "gannan-orange"),
    ("收到后欢迎大家真实评价，好的坏的都看", "qinling-honey"),
    ("坏果包赔，七天无理由退货", "gannan-orange"),
    ("富含膳食纤维，冬天炖汤很香", "qingyuan-shiitake"),
    ("我们用防虫网和黄板防虫，按安全间隔期采收", "luochuan-apple"),
    ("本场直播由县商务局组织，产品来自本县多家合作社", "luochuan-apple"),
    ("大家自愿购买，不搞任何摊派", "luochuan-apple"),
    ("我们不是五常大米，我们是桃江本地的米", "taojiang-rice"),
    ("施用农家有机肥，土壤有机质含量高", "taojiang-rice"),
    ("大家有机会来洛川看看果园", "luochuan-apple"),
    ("活动到今晚十二点截止，每人限购两单", "qinling-honey"),
]

EN_POSITIVES = [
    ("absolute_claim", "These are the best walnuts in the world.", "yangbi-walnut"),
    ("absolute_claim", "Our millet is number one in China.", "qinzhou-millet"),
    ("absolute_claim", "Lowest price on the internet, guaranteed.", "gannan-orange"),
    ("health_claim", "This honey cures your cough in two days.", "qinling-honey"),
    ("health_claim", "Shiitake boosts your immune system all winter.", "qingyuan-shiitake"),
    ("unverified_certification", "These are certified organic eggs.", "zhoukou-eggs"),
    ("false_origin", "This is authentic West Lake Longjing.", "meitan-tea"),
    ("absolute_safety", "Zero pesticide residue, we never spray anything.", "luochuan-apple"),
    ("price_fraud", "It was 199 in the supermarket, today only 39.", "gannan-orange"),
    ("price_fraud", "The price goes up at midnight, grab it now.", "wuchang-rice"),
    ("fabricated_data", "We already sold 50,000 boxes this week.", "gannan-orange"),
    ("fabricated_data", "Leave a five-star review and get a free bag of millet.", "qinzhou-millet"),
    ("coerced_purchase", "Every cadre must buy at least two boxes.", "luochuan-apple"),
    ("official_endorsement", "The county government guarantees this rice.", "wuchang-rice"),
    ("disparagement", "Supermarket honey is all fake, cut with syrup.", "qinling-honey"),
    ("other", "Add me on WeChat for a cheaper off-platform price.", "qinling-honey"),
]

EN_NEGATIVES = [
    ("Apples are best kept in the fridge.", "luochuan-apple"),
    ("We do our best to grow good rice.", "wuchang-rice"),
    ("This is the first batch of the season.", "gannan-orange"),
    ("It doesn't cure anything, it's just good tea.", "meitan-tea"),
    ("Someone asked if honey cures colds — no, it's food, not medicine.", "qinling-honey"),
    ("The dashboard shows 326 orders so far.", "gannan-orange"),
    ("Please leave an honest review when it arrives.", "qinling-honey"),
    ("This stream is a paid partnership; I earn a commission.", "luochuan-apple"),
    ("Limit two per customer, the offer ends at midnight.", "wuchang-rice"),
    ("Our orchard is in Luochuan on the Loess Plateau.", "luochuan-apple"),
    ("These are Wuchang rice, certified green food.", "wuchang-rice"),
]


@pytest.mark.parametrize(("category", "text", "product"), ZH_POSITIVES)
def test_claim_flagged_zh(category, text, product, catalog):
    assert category in rule_categories(text, "zh", catalog, product)


@pytest.mark.parametrize(("text", "product"), ZH_NEGATIVES)
def test_claim_not_flagged_zh_hard_negative(text, product, catalog):
    assert rule_categories(text, "zh", catalog, product) == set()


@pytest.mark.parametrize(("category", "text", "product"), EN_POSITIVES)
def test_claim_flagged_en(category, text, product, catalog):
    assert category in rule_categories(text, "en", catalog, product)


@pytest.mark.parametrize(("text", "product"), EN_NEGATIVES)
def test_claim_not_flagged_en_hard_negative(text, product, catalog):
    assert rule_categories(text, "en", catalog, product) == set()


def test_flag_carries_basis_explanation_and_suggestion_in_clip_language(catalog):
    from training_app.services.scoring import report_from_text

    zh = report_from_text("这款蜂蜜能治糖尿病", catalog=catalog, language="zh").claims[0]
    en = report_from_text("This honey cures diabetes.", catalog=catalog, language="en").claims[0]
    assert "广告法" in zh.legal_basis and "✅" in zh.legal_basis
    assert "PRC" in en.legal_basis and "US counterpart" in en.legal_basis
    assert zh.explanation and zh.suggestion and en.explanation.isascii() is False or en.explanation
    assert zh.severity == "critical" and en.category == "health_claim"
