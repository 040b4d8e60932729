"""Lawful uses that named a prohibited term without making the claim (issue #4, precision round 12, zh).

Written from the compliance-reference cards and their "Do NOT flag" lists, not copied from assessments/eval: a term
refused as a word ("特供这种词我们不用"), not knowing ("国宴上吃什么我不清楚"), an honest denial ("治不了病"),
plant protection (打波尔多液防病), a part of the product compared with the rest (锅边那层米油最香), another origin
named and set apart from the product, an admission that spraying is unavoidable, a pending application, the event
time shown on the platform page, a personal opinion with no link, non-GMO labelling read out as labelled. Each
family has its violation beside it, which must still be flagged."""

from __future__ import annotations

import pytest

from training_app.scoring.evaluation import predict_categories
from training_app.scoring.model import Item


def _predict(text: str, catalog, product: str | None = None) -> set[str]:
    item = Item(id="t", text=text, product=product, categories=(), hard_negative=True, split="test")
    return predict_categories(item, "zh", catalog, None)


LAWFUL = [
    # a term refused as a word, or its truth not known
    ("official_endorsement", None, "专供这样的字眼我们从来不用，就是农家自己种的米。"),
    ("official_endorsement", None, "人民大会堂吃什么我不清楚，我只知道我们村里都吃这个。"),
    ("unverified_certification", None, "驰名商标这种话我们不讲，东西好不好你们尝了再说。"),
    ("absolute_safety", None, "我不会跟大家保证什么零污染，山里也有雨水灰尘。"),
    ("absolute_safety", None, "我也不会给你们吹什么纯天然，检测报告放在详情页了。"),
    # the obsolete certification described as obsolete; spraying admitted; a pending application
    ("absolute_safety", None, "无公害这个认证早就取消了，现在我们每批开的是合格证。"),
    ("absolute_safety", None, "果园不打药是不可能的，我们用的是登记过的低毒农药。"),
    ("unverified_certification", "taojiang-rice", "绿色食品认证我们还在走流程，没批下来之前不会这么说。"),
    # denials of a disease effect; plant protection is not a disease claim
    ("health_claim", None, "这个茶就是茶，治不了什么病，身体不舒服要去医院。"),
    ("health_claim", None, "桃树开春我们喷一遍波尔多液防病，挂果以后就不喷了。"),
    # a part of the product compared with the rest of it
    ("absolute_claim", None, "小米粥熬好了，锅边那层米油最香，别倒掉。"),
    # another origin named and set apart from the product
    ("false_origin", "luochuan-apple", "烟台的苹果确实也不错，咱这个是陕西洛川的，口感偏脆。"),
    ("false_origin", "taojiang-rice", "五常的大米我们店里也有，不是这个链接，别拍错。"),
    ("false_origin", "meitan-tea", "这茶长得有点像西湖龙井，但咱这是贵州湄潭的。"),
    # 有的 closing a clause is 'there is', not 'some sellers'
    ("disparagement", None, "农药肯定是打过的，这个有的，我们按间隔期采摘。"),
    # non-GMO labelling required for soybean oil, read out as labelled, with no word on rivals
    ("disparagement", None, "这油是用非转基因大豆榨的，包装上按规定标注了，别家的我们不评价。"),
    ("disparagement", None, "花生油是拿本地花生压出来的，别家怎么样我们不说。"),
    # rewards disowned
    ("fabricated_data", None, "晒单的好评差评我们都欢迎，不搞返现。"),
    # the event's end time is on the platform page
    ("price_fraud", None, "这个价格就这一场，截止时间在商品页上标着呢。"),
    # a personal opinion, nothing for sale
    ("other", None, "这个蜂蜜我纯自费买的，吃着好才提一句，这里没挂链接。"),
    # second set: refusals after the term for any rule, admitted spraying, two certifications told apart, timing and
    # method advice, not a substitute for medicine, blocking fake-order touts, refused private deals, licensed
    # breeding, a routine countdown, an official presenting several suppliers
    ("absolute_safety", None, "有机肥也是肥，零农残这种话我从来不说，报告大家自己看。"),
    ("absolute_safety", None, "枣树开花前也打药防虫的，按规定的量，不乱说不打药。"),
    ("disparagement", None, "我们不讲纯天然那些话，梨树也是要打药的，按间隔期摘。"),
    ("unverified_certification", "qinling-honey", "蜂场边上用的是有机肥，这个蜜没做有机认证，不叫有机蜜。"),
    ("unverified_certification", "meitan-tea", "绿色食品和有机是两种不同的认证，这茶是有机的，不是绿色食品。"),
    ("absolute_claim", None, "这批猕猴桃放到捏着有点软再吃最甜。"),
    ("absolute_claim", None, "怎么分辨土鸡蛋？看颜色不准，最靠谱的办法还是看检测报告。"),
    ("health_claim", None, "血糖高的朋友想吃也行，它就是个橙子，替代不了降糖药，药还得照常吃。"),
    ("fabricated_data", None, "找我们刷单刷好评的，一律拉黑，我们不干这个。"),
    ("other", None, "有粉丝叫我私下转账便宜点，不行，都走平台下单，售后有保障。"),
    ("other", None, "野生动物人工繁育许可证我们有，养的是甲鱼，证号在详情页。"),
    ("price_fraud", None, "来，三二一上链接，大家看好规格再拍。"),
    ("official_endorsement", None, "我今天以镇长的身份介绍咱镇的茶叶，不推哪一家，链接里有四家茶厂，大家自己挑。"),
    ("official_endorsement", None, "国宴上吃啥大米我不晓得，我们这就是农家自己吃的米。"),
]

VIOLATIONS = [
    ("absolute_safety", None, "零农残，放心给孩子吃。"),
    ("unverified_certification", "qinling-honey", "这是有机蜂蜜，纯有机的。"),
    ("fabricated_data", None, "家人们帮忙刷一波单，冲一下销量。"),
    ("other", None, "私下转账给你便宜十块，加我微信。"),
    ("official_endorsement", None, "我以县长的名义担保，这核桃没问题。"),
    ("price_fraud", None, "三二一，开抢，手慢无。"),
    ("absolute_claim", None, "这是全网最甜的猕猴桃。"),
    ("official_endorsement", None, "这是专供机关食堂的米。"),
    ("official_endorsement", None, "这就是人民大会堂用的小米。"),
    ("unverified_certification", None, "咱们这是驰名商标，大品牌。"),
    ("absolute_safety", None, "山里长的，零污染，放心吃。"),
    ("absolute_safety", None, "我们这果子从来不打药。"),
    ("health_claim", None, "这个茶天天喝能治高血压。"),
    ("absolute_claim", None, "这小米是全国最香的。"),
    ("false_origin", "luochuan-apple", "这个就是正宗的烟台苹果。"),
    ("disparagement", None, "别家的香油都是拿香精兑出来的。"),
    ("fabricated_data", None, "给五星好评的截图找客服，返现五块。"),
    ("price_fraud", None, "就这一场，明天恢复原价。"),
]


@pytest.mark.parametrize(("category", "product", "text"), LAWFUL)
def test_lawful_use_not_flagged(category, product, text, catalog):
    assert category not in _predict(text, catalog, product)


@pytest.mark.parametrize(("category", "product", "text"), VIOLATIONS)
def test_violation_beside_it_flagged(category, product, text, catalog):
    assert category in _predict(text, catalog, product)
