"""Product-claim cue families (health_claim, absolute_safety, unverified_certification, false_origin) on our own
sentences, written from the compliance-reference cards and everyday speech, never copied from assessments/eval: each
family must be flagged in spoken paraphrases, and hard negatives with the same trigger words must not be."""

from __future__ import annotations

import pytest

from training_app.scoring.claims import rule_hits

ZH_POSITIVES = [
    ("health_claim", "晚上喝一杯，躺下就睡着了，一觉睡到大天亮", "qinling-honey"),
    ("health_claim", "这个小米熬粥，坐月子的喝了奶水特别足", "qinzhou-millet"),
    ("health_claim", "产妇喝这个汤下奶快", "qingyuan-shiitake"),
    ("health_claim", "我婆婆喝了半年，腿脚比以前灵便多了", "meitan-tea"),
    ("health_claim", "孩子每天吃两个，记性明显变好了", "yangbi-walnut"),
    ("health_claim", "这个茶喝了不上火，嗓子也舒服了", "meitan-tea"),
    ("health_claim", "吃这个鸡蛋的宝宝个子蹭蹭往上长", "zhoukou-eggs"),
    ("health_claim", "糖友也可以放心吃，不升血糖", "wuchang-rice"),
    ("health_claim", "血压高的人喝这个茶最合适了", "meitan-tea"),
    ("health_claim", "尿酸高的朋友可以每天吃几个", "gannan-orange"),
    ("health_claim", "比吃感冒药还管用，喝两天就好", "qinling-honey"),
    ("health_claim", "省下好多医药费，一年都不用跑医院", "qinling-honey"),
    ("health_claim", "我妈以前老失眠，喝了这个蜂蜜现在睡得可踏实了", "qinling-honey"),
    ("health_claim", "好多宝妈反馈，孩子吃了以后不挑食了也不便秘了", "qinzhou-millet"),
    ("health_claim", "吃了一个月，脸上的斑都淡了", "yangbi-walnut"),
    ("health_claim", "喝了它，手脚冰凉的毛病就没了", "qinling-honey"),
    ("health_claim", "这个香菇能提高人体免疫力", "qingyuan-shiitake"),
    ("health_claim", "女人喝了暖宫，痛经也轻了", "qinling-honey"),
    ("health_claim", "每天早上一杯，肠道通畅，排便顺了", "qinling-honey"),
    ("health_claim", "胃不好的人喝小米粥养胃，比吃胃药强", "qinzhou-millet"),
    ("health_claim", "吃核桃补脑，孩子考试分数都上去了", "yangbi-walnut"),
    ("health_claim", "老人吃了有精神头，走路都有劲", "zhoukou-eggs"),
    ("health_claim", "这个茶刮油，喝一周瘦了五斤", "meitan-tea"),
    ("health_claim", "蜂蜜水能解酒护肝，应酬多的必备", "qinling-honey"),
    ("health_claim", "化疗后的病人吃这个恢复得特别快", "qingyuan-shiitake"),
    ("health_claim", "三高人群的救命粮", "taojiang-rice"),
    ("health_claim", "有咽炎的喝了嗓子一下就清爽了", "qinling-honey"),
    ("health_claim", "这个橙子润肺止咳，咳嗽的孩子多吃点", "gannan-orange"),
    ("health_claim", "每天吃一个苹果，医生远离我", "luochuan-apple"),
    ("health_claim", "喝这个茶能把血管里的垃圾清出去", "meitan-tea"),
    ("health_claim", "这个鸡蛋胆固醇低，心脑血管不好的吃了也没事还有好处", "zhoukou-eggs"),
    ("health_claim", "邻居大爷吃了仨月，降压药都减量了", "taojiang-rice"),
    ("health_claim", "喝了以后夜里不起夜了", "meitan-tea"),
    ("health_claim", "吃了以后头发又黑又密", "yangbi-walnut"),
    ("health_claim", "老寒腿的喝了腿不疼了", "qinling-honey"),
    ("health_claim", "这香菇含多糖，能抗肿瘤", "qingyuan-shiitake"),
    ("health_claim", "孕妇多吃核桃，生出来的宝宝聪明", "yangbi-walnut"),
    ("health_claim", "这个茶喝了能调节血糖，稳住血压", "meitan-tea"),
    ("health_claim", "小米粥养胃，胃病的人喝了舒服多了", "qinzhou-millet"),
    ("health_claim", "蜂蜜消炎，口腔溃疡抹一抹就好", "qinling-honey"),
    ("health_claim", "吃了这个大米身体棒棒的，一冬天没感冒过", "wuchang-rice"),
    ("health_claim", "这个茶能清热去火，喝完火气全消", "meitan-tea"),
    ("health_claim", "胃酸胃胀的喝一碗立马舒服", "qinzhou-millet"),
    ("health_claim", "它有药用价值，能治好多病", "qingyuan-shiitake"),
    ("health_claim", "这蜂蜜就是天然的抗生素", "qinling-honey"),
    ("health_claim", "熬夜的人吃了肝脏负担小", "yangbi-walnut"),
    ("health_claim", "喝了这茶，眼睛不花了看东西清楚", "meitan-tea"),
    ("health_claim", "吃了这个蛋，孩子抵抗力强，不爱生病", "zhoukou-eggs"),
    ("health_claim", "更年期的姐妹喝这个，心不慌了也不出虚汗了", "qinling-honey"),
    ("health_claim", "我自己喝了半年，脂肪肝没了", "meitan-tea"),
]

ZH_NEGATIVES = [
    ("这个小米富含膳食纤维和维生素B1", "qinzhou-millet"),
    ("冬天用香菇炖鸡汤，特别鲜", "qingyuan-shiitake"),
    ("本品是普通食品，不能代替药物", "qinling-honey"),
    ("糖尿病人吃水果要控制量，听医生的", "gannan-orange"),
    ("孕妇能不能喝茶，请咨询医生", "meitan-tea"),
    ("老人牙口不好也嚼得动，米饭软糯", "wuchang-rice"),
    ("小孩特别爱吃，一次能吃两个", "gannan-orange"),
    ("睡前别喝浓茶，会影响睡觉", "meitan-tea"),
    ("胃不好的朋友空腹别喝蜂蜜水", "qinling-honey"),
    ("这个苹果脆甜多汁，一口下去全是汁", "luochuan-apple"),
    ("每100克鸡蛋含蛋白质13克左右", "zhoukou-eggs"),
    ("我妈最爱吃这个核桃，说特别香", "yangbi-walnut"),
    ("好多宝妈回购，说孩子爱喝这个粥", "qinzhou-millet"),
    ("香菇晒干以后香味更浓", "qingyuan-shiitake"),
    ("橙子放冰箱冷藏能放两周", "gannan-orange"),
    ("吃完饭来个苹果，解解腻", "luochuan-apple"),
    ("这个茶汤色清亮，喝完回甘", "meitan-tea"),
    ("蜂蜜结晶是正常现象，不影响吃", "qinling-honey"),
    ("果园里的病虫害我们用黄板防治", "gannan-orange"),
    ("身体不舒服要去医院，别信偏方", "qinling-honey"),
    ("这个米煮出来的饭香，孩子多吃了一碗", "taojiang-rice"),
    ("坐月子的时候我妈天天给我熬小米粥，很香", "qinzhou-millet"),
    ("今天给大家介绍一款适合老人和孩子的软糯小米", "qinzhou-millet"),
    ("核桃仁饱满，剥开就是一整个", "yangbi-walnut"),
]


def _categories(text: str, product: str | None, catalog) -> set[str]:
    sheet = catalog.products[product] if product else None
    return {h.rule.category for h in rule_hits(text, "zh", sheet, catalog)}


@pytest.mark.parametrize(("category", "text", "product"), ZH_POSITIVES)
def test_product_family_flagged_zh(category, text, product, catalog):
    assert category in _categories(text, product, catalog)


@pytest.mark.parametrize(("text", "product"), ZH_NEGATIVES)
def test_product_family_hard_negative_zh(text, product, catalog):
    assert _categories(text, product, catalog) == set()
