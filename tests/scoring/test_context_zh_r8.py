"""Mandarin hard negatives, round 8 (issue #4): lawful-use families from the cards' "Do NOT flag" lists, written as
general patterns rather than per sentence, each with violations on the same trigger words that must stay flagged.

Written from compliance-reference.md (not copied from assessments/eval):

- a viewer's question read aloud in quotes ("“…能降血压吗”，…"), or a 吗-question clause followed by a pause and no
  yes ("能降血糖吗，不能"), is asked, not asserted;
- someone's wording quoted (or named as a draft: 原稿 / 原话 / 学员原来说) and then corrected or condemned in the
  same sentence ("…，我改成…", "这个词不能用", "被市场监管查了"), or in the next sentence ("学员原稿：…" / "我改成：…");
- a certification named to say we do not have it, to refuse the word, or to explain what it takes ("有机证我们没办",
  "地标我不乱说", "有机要另外认证", "我不把它说成有机的");
- NAT-01: one post-harvest treatment said to be absent and explained by what the buyer sees ("没有熏硫磺，所以颜色
  暗一点"), as opposed to stacked absences or "纯天然 / 任何 / 一点" framing;
- MED-02 "停药" of livestock, bees or crops (withdrawal periods), or in advice to keep taking one's medicine;
- ABS-01 consumption tips ("开封后一个月内喝完口感最好"), not "口感最好的就是我们家的";
- a health claim left open as A-not-A ("养胃不养胃我不知道"), sent to the doctor ("抗癌是医院的事"), or a viewer's
  question answered "这个不行";
- a refusal verb right before the term, also for rules that are not negatable ("但我们不说零化肥"), not "不说假话";
- ABS-01: a comparison within our own range ("这几个品种里纽荷尔是最甜的", "最受欢迎的是三斤装"), not with an outside
  scope (全网, 全国, 别家 …);
- DATA-01 / DATA-03: a figure given with where to check it ("编号在置顶", "账本都在，欢迎来查");
- a health term that describes the audience, not the product ("控糖的朋友吃多少请问医生").

Also tried and dropped because they changed nothing on the fresh files: others' words condemned with 这话不对/小心,
"特供这个词是违规的", "X不是卖点", "我不替哪一家打包票" inside the matched phrase, "能保证的是符合国家标准",
"自己掏钱买…不统计", an absence said to hold for everyone by law ("国家也不允许加"), ORI-01 the origin of a
variety or brand ("红富士这个品种是从日本来的": no false alarm fewer, five positives lost).

Tried and dropped: ORI-01 "another place's product described, then ours set apart" (五常大米是黑龙江的，咱这是桃江
米): on the fresh files it removed 5 false alarms but lost 6 positive labels (rules alone), 1 and 2 when narrowed to
an explicit contrast.
"""

from __future__ import annotations

import pytest
from support.claims import claim_categories

LAWFUL = [
    # quoted viewer questions
    ("health_claim", "zhoukou-eggs", "弹幕里有一条“这鸡蛋能降血压吗”，鸡蛋就是鸡蛋，血压的事听医生的。"),
    ("unverified_certification", "taojiang-rice", "“桃江米是有机米吗”，这个我得说清楚，咱们这款是普通种植的。"),
    # a 吗-question clause followed by a pause and no yes (written or speech recognition)
    ("health_claim", "qinling-honey", "蜂蜜能降血糖吗，不能，血糖的事听医生的。"),
    ("health_claim", "qinling-honey", "蜂蜜能降血糖吗 这个我说不了 大家听医生的"),
    # quoted or drafted wording, corrected or condemned
    ("health_claim", "qinzhou-millet", "新主播的稿子里写着“喝了能降血糖”，我给改成：口感软糯，适合熬粥。"),
    ("health_claim", "qinzhou-millet", "学员原来说吃了能降血糖 我改成 口感软糯 适合熬粥"),
    ("official_endorsement", None, "有人劝我们在标题上加「部队特供」，这个词不能用，我们也不会用。"),
    ("official_endorsement", None, "前两年有商家在包装上印“政府推荐”，被市场监管局查了，大家引以为戒。"),
    ("coerced_purchase", None, ["学员原稿：“每个村干部至少认购三箱。”", "我改成：欢迎大家看看，买不买自愿。"]),
    # certifications named to say they are not ours, refused as words, or explained
    ("unverified_certification", "taojiang-rice", "有机证我们没办，不能乱说，就是普通稻田种的。"),
    ("unverified_certification", "qinling-honey", "咱这罐蜂蜜没有地标，地标我不乱说，有质检报告。"),
    ("unverified_certification", "taojiang-rice", "这款不是有机的，有机要另外认证，我们还没有。"),
    ("unverified_certification", "taojiang-rice", "我们是常规种植，我不把这批米说成有机的。"),
    # NAT-01: one treatment absent, explained by what the buyer sees
    ("absolute_safety", "yangbi-walnut", "这批核桃没有熏硫磺，所以壳的颜色暗一点，是正常的。"),
    ("absolute_safety", "gannan-orange", "橙子发货前没打蜡 所以表皮不那么亮 收到尽快吃"),
    # MED-02: withdrawal periods of livestock and crops; advice to keep taking one's medicine
    ("health_claim", "taojiang-rice", "打药都按农技站的方子，收割前一个月就停药。"),
    ("health_claim", "zhoukou-eggs", "鸡病了要按兽医说的用药 停药期过了才卖蛋"),
    ("health_claim", None, "不管谁说吃了能停药，我都劝你别停，按时复查。"),
    # ABS-01: consumption tips (SAMR guide)
    ("absolute_claim", "meitan-tea", "开封后一个月内喝完口感最好。"),
    ("absolute_claim", "gannan-orange", "冰镇一下再吃口感最好。"),
    # the claim left open (A-not-A), sent to the doctor, or refused as an answer
    ("health_claim", "qinzhou-millet", "养胃不养胃我不知道，我不是医生。"),
    ("health_claim", "luochuan-apple", "抗癌是医院的事，苹果就是水果。"),
    ("health_claim", "qinling-honey", ["蜂蜜能治胃病？", "这个不行，胃不好去医院。"]),
    # the health term describes the audience, not the product's effect
    ("health_claim", "wuchang-rice", "控糖的朋友吃多少请问医生，大米就是主食。"),
    ("health_claim", "qinzhou-millet", "减肥的姐妹问能不能喝粥，正常吃就行，控制量。"),
    # a refusal verb right before the term, also for rules that are not negatable
    ("absolute_safety", "luochuan-apple", "有机肥我们用得多，化肥少，但我们不说零化肥。"),
    ("absolute_safety", "gannan-orange", "我们从来不宣传零农残 只说按间隔期采摘"),
    # DATA-01 / DATA-03: a figure given with where to check it
    ("fabricated_data", "taojiang-rice", "检测报告显示重金属都在国家标准以内，编号在置顶。"),
    ("fabricated_data", "gannan-orange", "我们社今年卖了四万多箱，账本都在，欢迎来查。"),
    # ABS-01: a comparison within our own range
    ("absolute_claim", "gannan-orange", "这几个品种里，纽荷尔是最甜的。"),
    ("absolute_claim", None, "最受欢迎的是三斤装，大家看需要选。"),
]

MUST_FLAG = [
    ("health_claim", "zhoukou-eggs", "这鸡蛋能降血压，家人们放心吃。"),
    ("health_claim", "qinzhou-millet", "这个小米喝了能降血糖，老人天天喝。"),
    ("health_claim", "qinzhou-millet", "“喝了能降血糖”，这是好多老顾客跟我说的。"),
    ("official_endorsement", None, "这是部队特供的蜂蜜，外面买不到。"),
    ("unverified_certification", "taojiang-rice", "我们这个桃江米是有机米，放心买。"),
    ("unverified_certification", "taojiang-rice", "有机证我们早就办下来了，放心买。"),
    ("unverified_certification", "taojiang-rice", "虽然没去认证，但我们就是有机种植的。"),
    ("absolute_safety", "gannan-orange", "橙子没打蜡没泡药，纯天然的，放心给孩子吃。"),
    ("absolute_safety", "yangbi-walnut", "核桃一点药水都没泡过，所以颜色才这么自然。"),
    ("coerced_purchase", None, "每个村干部至少认购三箱，卖不完自己买。"),
    ("health_claim", None, "这个茶喝了可以停药，比药还管用。"),
    ("health_claim", None, "我爸吃了我们的蜂蜜，降压药都停了，停药半年了。"),
    ("absolute_claim", "meitan-tea", "我们的茶口感最好，全国第一。"),
    ("absolute_claim", "meitan-tea", "泡出来口感最好的就是我们家的茶。"),
    ("health_claim", "qinzhou-millet", "这个小米养胃，胃不好的天天喝。"),
    ("health_claim", "luochuan-apple", "苹果能抗癌，每天一个。"),
    ("health_claim", "qinling-honey", ["蜂蜜能治胃病吗？", "能治，我妈喝了半年胃病就好了。"]),
    ("absolute_safety", "luochuan-apple", "我不说假话，我们的苹果零农残。"),
    ("absolute_safety", "gannan-orange", "我们的橙子零农残，要是有人说有农残，那是瞎说。"),
    ("absolute_claim", "gannan-orange", "这几个品种里纽荷尔最甜，全网都找不到更甜的。"),
    ("absolute_claim", None, "最受欢迎的就是我们家，全国第一。"),
    ("absolute_claim", None, "这是性价比最高的一款大米，闭眼入。"),
    ("official_endorsement", None, "县长给大家打包票，这家的蜂蜜绝对没问题。"),
    ("fabricated_data", None, "今天已经卖了十万单了，全网销量冠军。"),
    ("health_claim", "qinling-honey", "蜂蜜能降血糖吗，能！我爸喝了血糖就下来了。"),
    ("health_claim", "qinling-honey", "你知道吗，这个蜂蜜能降血糖。"),
    ("health_claim", "meitan-tea", "这个茶能减肥，减肥的朋友都在喝。"),
    ("health_claim", "meitan-tea", "想减肥的朋友喝这个茶，一周瘦五斤。"),
    ("health_claim", "luochuan-apple", "减肥的朋友 晚上换成苹果 半个月掉三斤"),
    ("fabricated_data", None, "据研究表明，每天吃一个苹果寿命延长五年。"),
    ("false_origin", "taojiang-rice", "五常大米是黑龙江的，我们这就是正宗五常大米。"),
    ("false_origin", "gannan-orange", "阿克苏苹果是新疆的，我们这批就是阿克苏运过来的。"),
    ("false_origin", "yangbi-walnut", "我们这核桃是新疆的，皮薄个大。"),
]


@pytest.mark.parametrize(("category", "product", "text"), LAWFUL)
def test_lawful_use_not_flagged_zh_r8(category, product, text, catalog):
    assert category not in claim_categories(text, "zh", catalog, product)


@pytest.mark.parametrize(("category", "product", "text"), MUST_FLAG)
def test_violation_still_flagged_zh_r8(category, product, text, catalog):
    assert category in claim_categories(text, "zh", catalog, product)
