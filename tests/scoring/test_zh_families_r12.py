"""Cue families of round 12 (issue #4, zh), written from the compliance-reference cards and their "Do NOT flag"
lists — our own sentences, never copied from assessments/eval: spoken paraphrases that must be flagged, and lawful
sentences with the same words that must not be."""

from __future__ import annotations

import pytest

from training_app.scoring.evaluation import predict_categories
from training_app.scoring.model import Item


def _predict(text: str, catalog, product: str | None = None) -> set[str]:
    item = Item(id="t", text=text, product=product, categories=(), hard_negative=True, split="test")
    return predict_categories(item, "zh", catalog, None)


POSITIVES = [
    # OFF-01w: unit tallies with consequences, appraisals tied to buying, threats, quotas, proof of purchase
    ("coerced_purchase", "各个科室今晚下了多少单，明早在局里的群里通报。"),
    ("coerced_purchase", "哪个乡镇点赞数排最后，周一乡长来县里说明情况。"),
    ("coerced_purchase", "这次认购情况跟年终评优挂钩，大家掂量一下。"),
    ("coerced_purchase", "没下单的，下回评低保的时候再说。"),
    ("coerced_purchase", "谁买得多我都记着，谁一箱没买我也记着。"),
    ("coerced_purchase", "每个党员至少认购两箱。"),
    ("coerced_purchase", "各村支书发动村民都进直播间点赞。"),
    ("coerced_purchase", "请班主任把链接转到家长群，家长买了以后截图发给班主任。"),
    # LIVE-03w: a child hosting or selling
    ("other", "今天我孙女替我播，她才十岁，大家多支持她。"),
    ("other", "让我家上小学的儿子给大家吆喝两句，快下单。"),
    # LIVE-06w: the deal moved off the platform
    ("other", "想要便宜的进我的群，群里下单，不走平台。"),
    ("other", "这个直播间不让卖散装酒，要的私信我。"),
    # LIVE-01w: a sponsored product passed off as the host's own purchase or a chat
    ("other", "厂家寄来让我推的，你们就当是我自己买的。"),
    ("other", "今天不带货，随便聊聊，链接在下面，有佣金。"),
    # LIVE-02w: vouching for a product not yet used
    ("other", "这款米酒我还没喝过，但是我保证好喝。"),
    # LIVE-04 lexicon: unripe fruit forced with chemicals, old stock, a rival's penalty
    ("disparagement", "外地那些桃子都是没熟就摘，拿药催红的。"),
    ("disparagement", "网上那些便宜的红茶，都是陈茶翻炒的。"),
    ("disparagement", "别家直播间的苹果全是冷库里放了一年的老果子。"),
    # DATA-02w: scripted praise in the chat, sock puppets, staff told to delete critics
    ("fabricated_data", "家人们在公屏上统一刷一波真香，刷满两百条发福袋。"),
    ("fabricated_data", "小王，用你那几个小号去评论区说已经回购了。"),
    ("fabricated_data", "房管，那个说红枣生虫的评论给我删了。"),
    ("fabricated_data", "没下单的宝宝也帮我打个好吃，把人气顶上去。"),
    # OFF-03w: orders placed to inflate figures, refunded after the stream
    ("fabricated_data", "各村先下单把数据冲上去，下播以后统一退款。"),
    # DATA-01w: unsourced sales figures and sell-out speed
    ("fabricated_data", "从开播到现在我们已经卖出去三万多单了。"),
    ("fabricated_data", "这款红枣一上链接三秒钟就抢光了。"),
    # DATA-03w: research and lab results without a source, multiples against rivals or standards
    ("fabricated_data", "有研究表明这种土鸡蛋的营养是普通鸡蛋的三倍。"),
    ("fabricated_data", "我们的蜂蜜比欧盟的标准还严。"),
    # ABS-01w: "find it cheaper and I pay", kings of the category, all-time lows
    ("absolute_claim", "全网你随便搜，找到比我们便宜的，差价三倍赔给你。"),
    ("absolute_claim", "逛遍整个平台也找不到比这个更划算的。"),
    ("absolute_claim", "这红枣就是枣里的王者。"),
    # MED-03w: brain, detox, organ protection, symptoms gone, lab values, better than medicine
    ("health_claim", "孩子每天吃两个核桃，脑瓜转得快，记性也好。"),
    ("health_claim", "喝这个茶能把身体里的垃圾排出去。"),
    ("health_claim", "喝酒前来一杯，肝就有了保护。"),
    ("health_claim", "我妈喝了一个月的蜂蜜水，晚上不失眠了。"),
    ("health_claim", "常吃这个燕麦，胆固醇就高不起来。"),
    ("health_claim", "嗓子不舒服冲一杯，比吃药片还管用。"),
    # LIVE-05w: a farm input promised to cure a crop disease
    ("other", "果树得了根腐病，这个药浇两回就能救活。"),
    # ORI-01w: sourced elsewhere but sold under an origin
    ("false_origin", "这批梨实际上是从外省拉来的货，链接上写的是本地原产。"),
    ("false_origin", "外地收的桃子拉到我们这儿装箱，也算我们本地产的。"),
    ("false_origin", "这是菜市场买的，你们就当是我家园子里现摘的。"),
    ("false_origin", "跟新西兰进口的一样的品种，就当吃进口的。"),
    # NAT-01w: never touched by chemicals, zero residue, eat the skin
    ("absolute_safety", "我们的枣子化肥农药一点都不沾。"),
    ("absolute_safety", "这个葡萄连皮吃都没事，放心。"),
    # PRC-02w / PRC-03w / PRC-04w
    ("price_fraud", "这一波过了价格就涨回去了，后面进来的别找我。"),
    ("price_fraud", "我跟厂家谈了好久才谈下来这个价，下次肯定拿不到。"),
    ("price_fraud", "这是出厂价直接给大家，一分钱没加。"),
    ("price_fraud", "运费的事先别在直播间说，拍了再让客服联系。"),
    # ABS-02w: guarantee with a refund
    ("absolute_claim", "我保证每一颗都是甜的，不甜全额退。"),
    # OFF-02w: a relative's business, fees to the bureau, favours for big buyers
    ("official_endorsement", "我这个镇长跟大家说，这个厂是我小舅子开的，放心买。"),
    ("official_endorsement", "企业给了县里一点推广费，局长今天来给他们站个台。"),
    ("official_endorsement", "哪个企业今天认购得多，明年县里的项目会优先考虑。"),
    # OFF-01x: explanations from non-buyers, per-village quotas, wage deductions, class chains
    ("coerced_purchase", "今天没在直播间买的干部，下周一交情况说明。"),
    ("coerced_purchase", "这次的任务每个村就三十箱。"),
    ("coerced_purchase", "这个钱从下个月工资里代扣。"),
    # AUTH-01w: army supply, state guests, a department's recommendation
    ("official_endorsement", "这批茶原来是专门给部队供应的。"),
    ("official_endorsement", "这个米是省农业厅推荐过的。"),
]

NEGATIVES = [
    # voluntary invitations, opt-outs, sharing the link without purchase obligations
    ("coerced_purchase", "各单位自愿购买，不搞摊派，也不和考核挂钩。"),
    ("coerced_purchase", "大家帮忙把直播间链接转发到村里的群，买不买都随意。"),
    ("coerced_purchase", "每个村的收成情况下周在乡里汇报。"),
    # a child eating, an adult relative hosting
    ("other", "我儿子今年八岁，最爱吃咱家的苹果。"),
    ("other", "今天我女儿替我播，她大学刚毕业，回村创业。"),
    # refusing an off-platform deal
    ("other", "有人让我私下转账，不行啊，都走平台，售后有保障。"),
    # a disclosed sponsored sample, a product tried before recommending
    ("other", "这是商家寄的样品，我有佣金，吃了一个礼拜觉得不错才推荐。"),
    ("other", "这款米酒我还没喝过，等我喝过了再跟大家说。"),
    ("other", "激素膨大剂都没用过，这个你们放心。"),
    # comparisons with the seller's own earlier produce; consumer education
    ("disparagement", "我们家去年的桃子没熟就摘了，今年等到树上熟透才摘。"),
    ("disparagement", "选购的时候看看是不是陈茶，闻一闻有没有霉味。"),
    # honest reviews, the platform's own figures, sourced tests, bounded comparisons
    ("fabricated_data", "好评差评大家都如实写，不要刷屏。"),
    ("fabricated_data", "房管，把那个骂人的评论删一下。"),
    ("fabricated_data", "平台后台显示这个链接上个月卖了两千单，截图在这。"),
    ("fabricated_data", "收到坏果的联系客服，质量问题直播结束以后统一退款。"),
    ("fabricated_data", "第三方检测报告编号在详情页，有研究表明的那些话我们不乱引用。"),
    ("absolute_claim", "怎么挑核桃？找不到比这更简单的办法了，看壳的颜色就行。"),
    # health: what the food contains, advice to see a doctor, not a medicine
    ("health_claim", "核桃含有不饱和脂肪酸，但它是食品，不能代替药，不舒服还是要看医生。"),
    ("health_claim", "喝酒伤肝，这个茶不能当解酒药，大家少喝点。"),
    # a farm input described by its registered use, without a promise
    ("other", "这个药登记的是防治根腐病，效果看病情，不敢保证，建议先问农技站。"),
    # origin stated as it is
    ("false_origin", "这批梨是从外省收的，链接上写的也是实际产地，不是本地产的。"),
    ("false_origin", "我们果园自己摘的，没有从别处收货。"),
    # safety stated with tests
    ("absolute_safety", "葡萄吃之前洗干净，这批检测合格，报告编号在详情页。"),
    # real rules, honest gift descriptions
    ("price_fraud", "这个价格活动到今晚十二点截止，每人限购两单。"),
    ("price_fraud", "送的是五十克的试吃装，不是正装，我先说清楚。"),
    ("price_fraud", "偏远地区要补运费，我在直播间先跟大家说清楚。"),
    # after-sales guarantees
    ("absolute_claim", "路上压坏的，一个赔一个，这个我们保证。"),
    # officials: public brand, several suppliers, no fees
    ("official_endorsement", "我这个县长今天推介的是县里的区域公用品牌，八家合作社都在链接里，我本人不收取任何费用。"),
    ("coerced_purchase", "大家自愿购买，不搞摊派，不扣工资，也不用写说明。"),
    # a veteran's memory, not an army supply claim
    ("official_endorsement", "我当兵那会儿在部队就爱喝这种茶。"),
]


@pytest.mark.parametrize(("category", "text"), POSITIVES)
def test_round12_family_flagged(category, text, catalog):
    assert category in _predict(text, catalog)


@pytest.mark.parametrize(("category", "text"), NEGATIVES)
def test_round12_lawful_not_flagged(category, text, catalog):
    assert category not in _predict(text, catalog)
