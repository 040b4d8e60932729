"""Mandarin hard negatives, round 6 (issue #4): lawful uses from the cards' "Do NOT flag" lists that the rule set
2026.11.6 flagged, each family with a violation beside it that must still be flagged.

Written from the compliance-reference cards, not copied from assessments/eval: viewers flooding the chat (刷屏) and
reviews invited with cash-back refused after the review words; a refusal said after the practice it refuses; a host
taking criticism ("差评...让我们改"); refunds disclosed with the sales figure; our own measurement compared with our
own previous batch; a refusal to promise zero spraying; certified or physical pest control described; the obsolete
无公害 certification described as obsolete; a certification disowned after its name, a warning not to believe others'
organic wording, the national certification look-up site; another origin contrasted with ours and chosen by taste; a
variety name clarified with the real place of growing; a gift described as the same item, its value not stated or its
shop price linked; both prices said with and without a coupon; the platform's reference price explained; a guarantee
refused; walking distance; our own batch's defects disclosed; advice on quantity."""

from __future__ import annotations

import pytest

from training_app.scoring.evaluation import predict_categories
from training_app.scoring.model import Item


def _predict(text: str, catalog, product: str | None = None) -> set[str]:
    item = Item(id="t", text=text, product=product, categories=(), hard_negative=True, split="test")
    return predict_categories(item, "zh", catalog, None)


LAWFUL = [
    # DATA-02: viewers flooding the chat with a question; reviews invited, cash-back refused after the review words
    ("fabricated_data", None, "好多宝宝在公屏刷屏问发什么快递，统一回复一下，中通。"),
    ("fabricated_data", None, "吃完了好评中评随便写，咱们不返现，也不拿赠品换评价。"),
    ("fabricated_data", None, "水军这一套咱们从来不搞，评论区都是真买家。"),
    ("fabricated_data", None, "中评差评我们都看，说得对的我们就改，让我们改进也是好事。"),
    # OFF-03 / DATA-01: the figure reported with its refunds disclosed
    ("fabricated_data", None, "昨晚那场成交两千三百单，退款六十多单，我们都如实公布在群里了。"),
    ("fabricated_data", None, "刚才这个成交额是平台实时的，播完退了多少单也会一起公布出来。"),
    # DATA-03: our own measurement compared with our own previous batch
    ("fabricated_data", None, "这批柚子我们自己测了甜度，比上一批高了两度左右。"),
    # NAT-01: refusing to promise zero spraying; physical or certified pest control described
    ("absolute_safety", None, "果树生病了也得治，我可不敢跟你们说一滴药都没打过。"),
    ("absolute_safety", None, "园子里挂的是黄板和杀虫灯，不用化学合成的杀虫剂，这是我们的防虫办法。"),
    ("absolute_safety", None, "有机茶也不是说一丁点农残都没有，是按标准管，每年抽检。"),
    ("absolute_safety", None, "有家人问是不是无公害的，那种认证现在已经停办了，我们随货附合格证。"),
    # CERT-01/02/04: a certification disowned after its name; chemistry words; the national look-up site;
    # a warning not to believe others' wording; a heritage designation
    ("unverified_certification", "taojiang-rice", "绿色食品证书咱们没办，箱子上也没印那个标。"),
    ("unverified_certification", "taojiang-rice", "有机认证这款是没做的，别当有机米买。"),
    ("unverified_certification", "taojiang-rice", "大家别听外面人吹什么有机米，咱们这款就是普通大米。"),
    ("unverified_certification", None, "美国那个认证我们没有，咱只在国内卖。"),
    ("unverified_certification", None, "证书编号大家可以在国家认证认可的网站上查到。"),
    # ORI-01: another origin contrasted with ours, chosen by taste; a variety name clarified
    ("false_origin", "taojiang-rice", "五常那边的是粳米，我们这边是籼米。"),
    ("false_origin", "luochuan-apple", "烟台苹果也是好苹果，我们是洛川的，大家看口味选。"),
    ("false_origin", "meitan-tea", "这个是龙井品种，但是种在贵州湄潭，产地是湄潭。"),
    # PRC-04: the gift described as the same item in the same breath; a gift's value not stated; the gift's price
    # is the shop's own price with its link; PRC-01: both prices said, with and without the coupon
    ("price_fraud", None, "买一送一，送的那盒跟拍的这盒一模一样，都是五斤装。"),
    ("price_fraud", None, "拍两罐送个小勺子，送的东西不值钱，就不说它值多少钱了。"),
    ("price_fraud", None, "送的保温杯平时店里单独卖三十五，小黄车里有它的链接。"),
    ("price_fraud", None, "这箱橙子店里一直卖六十，今天有五块的券，领了五十五，不领就是六十。"),
    # ABS: the platform's reference price explained; a guarantee refused
    ("absolute_claim", None, "划线价是前三十天里卖过的最低价，平台规定的，不是我们自己标的。"),
    ("absolute_claim", None, "每个果子都甜我保证不了，坏果包赔。"),
    # LIVE: walking to the hives; our own batch's defects disclosed
    ("other", None, "蜂场在山顶上，从村口走一个多小时才到。"),
    ("disparagement", None, "这批梨有雹子打过的疤，口感不受影响，便宜处理，介意的别拍。"),
    # MED-03: advice on quantity for people watching their weight
    ("health_claim", None, "板栗淀粉多，减肥的朋友注意量，一次吃几颗就行。"),
    # ABS-01/03: 蕞近 is "recently"; a dated, local first with the document shown; the term refused after it;
    # a bounded period; the cheapest size of our own range
    ("absolute_claim", None, "蕞近下雨，发货要晚两天，大家多包涵。"),
    ("absolute_claim", None, "我们社是二〇二三年这个镇第一家拿到合格证书的，证书上日期写着呢。"),
    ("absolute_claim", None, "全网最低这话我们不敢讲，只能说是店里的活动价。"),
    ("absolute_claim", None, "这是我们店两周以内卖过的最低价，价格曲线页面上能看。"),
    ("absolute_claim", None, "最便宜的是两斤装的小盒，一个人吃够了。"),
    # NAT-01: spraying admitted; an A-not-A question; a legal ban on additives; organic is not zero residue;
    # the term asked about; a certified product's method with its certificate
    ("absolute_safety", None, "桃树不打药根本长不成，我们按间隔期摘。"),
    ("absolute_safety", None, "树上熟是说摘得晚，不是说一遍药都没打。"),
    ("absolute_safety", None, "有家人问你们用不用化肥，用的，按测土配方来。"),
    ("absolute_safety", None, "面粉里国家是不允许加增白剂的，这个不用担心。"),
    ("absolute_safety", None, "有机认证不代表零农残，是一整套管理办法。"),
    ("absolute_safety", None, "这个有机茶园不用化学合成的农药，证书就在这里，大家看。"),
]

MUST_FLAG = [
    ("fabricated_data", None, "家人们帮我刷一波屏，都打好吃好吃，让后进来的人看着热闹。"),
    ("fabricated_data", None, "晒图五星好评的，截图找客服返现五块。"),
    ("fabricated_data", None, "家人们帮忙刷一波单，拍了先不付款，冲一下销量。"),
    ("fabricated_data", None, "那条差评我找人让他改成好评了，别担心。"),
    ("fabricated_data", None, "先下单冲到一百万，下播以后统一退款。"),
    ("fabricated_data", None, "我们自己做过实验，吃这个米血糖比吃别的低一半。"),
    ("absolute_safety", None, "我们这个橙子一滴农药都没打过，放心给孩子吃。"),
    ("absolute_safety", None, "山里种的茶，没有任何污染，零农残。"),
    ("absolute_safety", None, "这米是国家无公害认证的，绝对无公害。"),
    ("unverified_certification", "taojiang-rice", "我们这米是绿色食品，国家认证的，放心吃。"),
    ("unverified_certification", "taojiang-rice", "纯有机种植的大米，比有机还有机。"),
    ("unverified_certification", None, "我们的蜂蜜通过了欧盟认证，品质第一。"),
    ("false_origin", "taojiang-rice", "正宗五常大米，家人们放心拍。"),
    ("false_origin", "luochuan-apple", "这就是新疆阿克苏的冰糖心苹果。"),
    ("price_fraud", None, "买一送一，今天下单就送，数量有限。"),
    ("price_fraud", None, "赠品价值两百块，下单就送。"),
    ("absolute_claim", None, "全网最低价，别家都没这个价。"),
    ("absolute_claim", None, "我保证每个果子都甜，绝对好吃。"),
    ("absolute_claim", None, "我们是全县第一家拿到认证的，品质第一。"),
    ("absolute_claim", None, "蕞好吃的核桃就在我们家。"),
    ("absolute_safety", None, "我们家桃树从来不打药，纯天然的。"),
    ("absolute_safety", None, "这个面粉零添加，一点增白剂都没有，吃着放心。"),
    ("other", None, "来家人们，这杯酒咱们走一个，干了！"),
    ("health_claim", None, "这个茶每天喝，三个月减肥十斤。"),
]


@pytest.mark.parametrize(("category", "product", "text"), LAWFUL)
def test_lawful_use_is_not_flagged(category: str, product: str | None, text: str, catalog) -> None:
    assert category not in _predict(text, catalog, product)


@pytest.mark.parametrize(("category", "product", "text"), MUST_FLAG)
def test_violation_is_still_flagged(category: str, product: str | None, text: str, catalog) -> None:
    assert category in _predict(text, catalog, product)
