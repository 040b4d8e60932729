"""Cue families of round 12 (issue #4, zh), written from the compliance-reference cards and their "Do NOT flag"
lists — our own sentences, never copied from assessments/eval: spoken paraphrases that must be flagged, and lawful
sentences with the same words that must not be."""

from __future__ import annotations

import re

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

POSITIVES_WITH_PRODUCT = [
    # round 12d: regions with 山里/林子里 forms, anchor chants, new reference words, lab comparisons, re-signing,
    # review coaching, rival slurs
    ("false_origin", "这蜂蜜是长白山老林子里的，纯正。", "qinling-honey"),
    ("price_fraud", "今天不要一百九十八，也不要一百五，只要六十九。", None),
    ("price_fraud", "链接上挂的是一百二十八，直播间今天三十九拿走。", None),
    ("fabricated_data", "我们的小米送去化验了，锌含量普通的小米根本比不了。", None),
    ("fabricated_data", "去年签好的那份合同，今天在镜头前再签一遍，就说是现场签的。", None),
    ("fabricated_data", "收到货先别评价，客服教你们怎么写，写得好的返现五块。", None),
    ("disparagement", "外面那些便宜大米都是前年的米，拿机器磨亮了再卖。", None),
]

NEGATIVES_WITH_PRODUCT = [
    ("false_origin", "陕西秦岭山里的土蜂蜜，我们蜂场就在佛坪。", "qinling-honey"),
    ("price_fraud", "不要拍多了，每人限购两单。", None),
    ("fabricated_data", "上个月签的协议今天不再签一遍了，直播里只签今天新谈的。", None),
    ("fabricated_data", "大家收到货按真实感受评价就行，不要刻意夸。", None),
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


# Probe sets written in one sitting after the rules above (host talk, many unpunctuated ASR-style): lawful sentences
# must raise no flag at all; violations must raise their category.
LAWFUL_PROBE = [
    "这个苹果咱们是十月中旬采的，冷库里存着，现在发货还是脆的。",
    "收到货有压坏的，拍个照联系客服，坏一个赔一个。",
    "这款大米是今年的新米，十月底收割，生产日期在包装上。",
    "每人限购三单，活动到今晚十二点结束。",
    "我们家小米熬粥，小火四十分钟，上面那层米油特别香。",
    "蜂蜜一岁以下的宝宝不能吃，这个大家注意。",
    "糖尿病的家人吃蜂蜜要问医生，别自己乱吃。",
    "核桃一天吃两三个就够了，吃多了容易上火。",
    "有家人问能不能降血压，我跟你说，不能，它就是个食品。",
    "我们这个茶叶是有机认证的，有机码在包装上，扫一下就能查。",
    "绿色食品的证书编号在详情页，大家可以上中国绿色食品发展中心网站查。",
    "这个苹果我自己家天天吃，吃了好几年了，觉得好才推荐给大家。",
    "本场直播是带货直播，链接在下方，我有销售佣金。",
    "今天县长来直播间推介咱们县的区域公用品牌，链接里有六家合作社的产品。",
    "这场是公益助农直播，我本人不收取任何费用。",
    "我们县建立了农产品抽检制度，每个月都有抽检，结果在县市场监管局网站公示。",
    "大家自愿购买，不搞摊派，喜欢就买，不喜欢不用勉强。",
    "欢迎大家把直播间分享给家里人，买不买都没关系。",
    "好评差评都欢迎，真实评价对我们帮助最大。",
    "有人在评论区骂人，场控按平台规则禁言了。",
    "后台显示今天成交了四百多单，谢谢大家支持。",
    "我们的橙子测了糖度，十三到十五度，检测报告在详情页。",
    "我们比去年的果子个头大一点，今年雨水好。",
    "隔壁县的苹果也很好，各有各的特点，大家按口味选。",
    "选购蜂蜜的时候看配料表，只有蜂蜜一项的才是纯蜂蜜。",
    "我们的鸡是散养的，每天在山上跑，但也会打疫苗，按规定打。",
    "果树要打药，我们按安全间隔期采摘，农残检测合格。",
    "这个价格是平台补贴的，补贴规则在活动页写着。",
    "今天的赠品是一小袋五十克的红枣，不是一斤装。",
    "偏远地区新疆西藏要补运费，下单前看一下运费说明。",
    "这款茶叶外形有点像龙井，但它是贵州湄潭的翠芽。",
    "五常大米我们店里也有，在另一个链接，别拍错了。",
    "我十四岁的侄子今天在旁边帮我搬箱子，不出镜。",
    "小朋友要在家长陪同下吃核桃，别让孩子含着跑。",
    "这个米酒度数低，但也是酒，开车不能喝，未成年人不能喝。",
    "想私下交易的请不要加我，所有订单都走平台。",
    "这个牌子是今年新注册的，以前我们都是散卖，米还是那块地种的。",
    "我还没尝过这批新茶，等我试过了再跟大家推荐。",
    "这个苹果有的地方有点小疤，是冰雹打的，不影响吃。",
    "我们这边的米都是一年一季，九月底收割。",
    "农科院的专家去年来指导过我们的种植，教我们怎么控水。",
    "国家规定大豆油要标注原料是不是转基因，我们标签上写着呢。",
    "这批苹果卖完了就要等明年十月了，因为是应季水果。",
    "这个价格比我们上一场便宜了五块，因为今天平台有满减。",
    "我们的蜂场在秦岭山里，蜜蜂采的是百花，一年只取一次蜜。",
    "有人说咱这是五常米，不是啊，我们这是湖南桃江的米，别搞混了。",
    "这个鸡蛋我们每批送检，检测报告编号写在箱子上。",
    "这一批卖完了 下一批要等半个月 树上的还没熟",
    "今天下播以后价格也是这个价 不用急",
    "厂家给我们的是批发价 我们加了点运费和人工 这个不瞒大家",
    "上次有家人说收到的苹果有点小 我们这次都挑八十五以上的",
    "各村的收成统计表下周交到乡里",
    "每个村推荐一个种植能手来直播间分享经验",
    "老师们可以把科普视频转给家长 跟买东西没关系",
    "书记说了 咱们这次直播不考核销量 大家来看看就行",
    "县里的项目申报是公开的 跟买不买货没有任何关系",
    "我表弟也在做核桃 但今天不卖他家的 卖的是合作社统一收的",
    "企业没有给我们交任何费用 这个可以公开",
    "这个茶是我自己在茶园摘的 不是从别处收的",
    "外地也有这个品种 口感不太一样 大家可以对比着吃",
    "这批橙子是从合作社社员家收的 都在赣州本地",
    "有人说吃了这个能长高 不能 孩子长个子靠营养均衡和运动",
    "头晕的话要去医院看看 不要指望吃什么东西能好",
    "喝蜂蜜水不能代替吃药 该吃的药还得吃",
    "胆固醇高的朋友鸡蛋一天一个就行 听医生的",
    "孩子考试前吃好睡好比什么都强 别信什么补脑的说法",
    "农药我们是打的 打的是登记过的低毒农药 过了间隔期才摘",
    "连皮吃的话建议用清水泡一泡再洗 比较放心",
    "我不能跟你说零农残 我只能说检测合格",
    "这个鸡饲料是按标准配的 用法用量在包装上 效果跟养殖管理有关",
    "桃树得了流胶病 建议先请农技站的人来看看 对症用药",
    "评论区有说苹果坏了的 请私信客服 我们给补发",
    "场控把刷广告的那个人踢出去了 其他评论都保留",
    "刚才那条差评我们看到了 已经联系客服处理售后",
    "平台显示这个链接累计卖了三千多单 大家可以在商品页看到",
    "我们没有找人刷单 数据都是真实的",
    "检测报告第三方出的 编号在详情页 大家自己查",
    "这款大米的蛋白质含量是百分之七点八 营养成分表上写着",
    "比去年我们自己的米 今年的出米率高了一点",
    "这个价是我们跟合作社谈的 跟上一场一样 没变",
    "送的小袋是五十克的 直播间说清楚 不是整袋",
    "运费说明在详情页 偏远地区要补 大家下单前看看",
    "我跟大家说实话 这个米我们吃了三年了 才敢拿出来卖",
    "这个茶我还没喝过 今天先不推荐 等我喝了再说",
    "有人问是不是部队专供的 不是 没有这回事",
    "钓鱼台用什么茶我不知道 我只知道我们村的茶",
    "我当兵的时候在部队食堂吃过这种米 这是我自己的回忆",
]

VIOLATION_PROBE = [
    ("absolute_claim", None, "你在全网能找到比我这还便宜的 我退你三倍差价"),
    ("absolute_claim", None, "这核桃就是干果界的天花板 没有之一"),
    ("absolute_claim", None, "说它排第二 没有哪家敢说自己第一"),
    ("price_fraud", None, "这是米厂的出厂价 中间一毛没加"),
    ("price_fraud", None, "赠品多大先不说了 到手你就知道了"),
    ("price_fraud", None, "最后十箱了 拍完今年就没了"),
    ("fabricated_data", None, "刚开播半小时 已经走了两万多单了"),
    ("fabricated_data", None, "运营 把那个说发霉的评论删掉"),
    ("fabricated_data", None, "家人们在公屏上统一扣 好吃好吃 扣满一百条抽奖"),
    ("fabricated_data", None, "专家做过实验 这个米的硒含量是普通米的十倍"),
    ("fabricated_data", None, "先下单别付款 帮主播把榜冲上去 等下教你们取消"),
    ("fabricated_data", None, "上架十秒钟就抢空了"),
    ("coerced_purchase", None, "今晚哪个单位下单最少 明天会上通报"),
    ("coerced_purchase", None, "这次认购跟年底评先进挂钩的 大家心里有个数"),
    ("coerced_purchase", None, "没下单的同志 周一交一份说明"),
    ("coerced_purchase", None, "每个党员至少消化五斤"),
    ("coerced_purchase", None, "家长们买完把订单截图发到班级群"),
    ("official_endorsement", None, "这个合作社是我表哥办的 我这个镇长肯定支持"),
    ("official_endorsement", None, "企业交了两万进场费 交到我们局账上了"),
    ("official_endorsement", None, "这茶以前专门给部队供应的"),
    ("official_endorsement", None, "谁今天买得多 明年项目优先考虑"),
    ("health_claim", None, "孩子每天吃两个 脑子转得快 考试考得好"),
    ("health_claim", None, "早上一杯 把肠道的毒素排一排"),
    ("health_claim", None, "喝了一个月 胃就不胀了"),
    ("health_claim", None, "血压高的喝这个 血压就降下来了"),
    ("health_claim", None, "比吃降压药还管用"),
    ("false_origin", "luochuan-apple", "这批其实是从外省调来的货 贴的是本地的标"),
    ("false_origin", None, "我们从批发市场拿的 你们就当是我园子里现摘的"),
    ("false_origin", None, "日本同款 跟进口的一模一样"),
    ("absolute_safety", None, "这米化肥农药一点都不沾"),
    ("absolute_safety", None, "农残这东西在我们家是零"),
    ("absolute_safety", None, "连皮吃都没事 一点药都没打"),
    ("other", None, "我女儿今年九岁 今天让她来给大家卖苹果"),
    ("other", None, "群里下单 不走平台 便宜十块"),
    ("other", None, "老板寄来让我推的 你们就当我自己买的"),
    ("other", None, "这个肥料喷两遍 黄龙病就能治好"),
    ("disparagement", None, "隔壁县的橙子都是打了催红剂的"),
    ("disparagement", None, "那些九块九的蜂蜜全是糖浆兑的"),
]


@pytest.mark.parametrize("text", LAWFUL_PROBE)
def test_probe_lawful_raises_nothing(text, catalog):
    assert _predict(text, catalog) == set()


@pytest.mark.parametrize(("category", "product", "text"), VIOLATION_PROBE)
def test_probe_violation_flagged(category, product, text, catalog):
    assert category in _predict(text, catalog, product)


@pytest.mark.parametrize(("category", "text", "product"), POSITIVES_WITH_PRODUCT)
def test_round12d_family_flagged(category, text, product, catalog):
    assert category in _predict(text, catalog, product)


@pytest.mark.parametrize(("category", "text", "product"), NEGATIVES_WITH_PRODUCT)
def test_round12d_lawful_not_flagged(category, text, product, catalog):
    assert category not in _predict(text, catalog, product)


# Third probe set (blind first look: 42/49 violations caught and 2/43 lawful sentences flagged, the same as rule set
# 2026.11.4 on it: 42/49, 3/43); the misses became the families 'after ours, others are inedible', price-band wins,
# 绝不会有问题, factory price 'unobtainable', friends praising in the chat, critics removed by staff, profit guarantees.
LAWFUL_PROBE_3 = [
    "咱这猕猴桃是秦岭北麓的 周至县的 果农自己种的",
    "这个品质在我们家今年这几批里是最好的一批",
    "吃过的家人说甜 也有家人说偏酸 口味因人而异",
    "这米同价位里我觉得性价比不错 大家自己比较",
    "我吃过最甜的苹果就是我们家今年这批 个人感受哈",
    "不满意的七天无理由退货 运费我们出",
    "老年人每天一个鸡蛋 补充蛋白质 具体还是听医生的",
    "喝茶不能治三高 三高的朋友按时吃药",
    "小米粥好消化 晚上喝一碗舒服 睡不好还是要看医生",
    "红糖姜茶是我们这边的习惯 喝着暖和 不是药",
    "蜂蜜一岁以下宝宝不能吃 咳嗽了去医院",
    "核桃含有蛋白质和脂肪 当零食吃挺好 补脑的说法我们不说",
    "黑米就是米 煮粥颜色好看 口感糯",
    "我们这个米没有做有机认证 所以不叫有机米",
    "我们的鸡蛋没有出口认证 就是本地卖",
    "我们是县里的合作社 示范社的称号是市里评的 证书在详情页",
    "我们这米是湖南桃江的 跟五常不是一个地方 口感也不一样",
    "新疆的冰糖心很有名 我们这是陕西的苹果 口感不一样",
    "宝宝辅食的话 建议先少量试 看看过不过敏",
    "我们种地用有机肥 也用化肥 按测土配方来",
    "鸡蛋要熟透了再吃 生吃不建议",
    "这个价格我们算过 有一点利润 不是亏本卖",
    "工厂直发的 所以发货快 价格就是页面上的价格",
    "库存页面上显示还有三百多箱 大家不用急",
    "这个价格活动到本周日结束 以后恢复日常价",
    "原价一百二 这是我们店里上个月一直卖的价 今天八十九 大家可以看历史价格",
    "好评率是平台算的 在店铺首页能看到",
    "现在在线人数 屏幕右上角显示的 大家自己看",
    "评论区有说不好吃的 我们不删 欢迎大家说真话",
    "县里鼓励大家支持本地农产品 完全自愿 不买也没关系",
    "村干部今天来直播间是帮忙介绍 不卖货 不收钱",
    "这次活动不设任务 各单位也不统计",
    "我是副县长 今天来介绍我们县的公用品牌 质量由企业负责 监管部门抽检",
    "这是县里公开遴选的几家供应商之一 遴选结果在政府网站公示",
    "超市里的鸡蛋也有好的 大家按需要买",
    "我们的核桃有时候也会有空壳的 收到空的联系客服补发",
    "我们的酒 喝酒不开车 开车不喝酒",
    "鸡苗成活率跟养殖管理有关 我们不保证 有技术问题可以问",
    "小朋友不要自己下单 要买请让爸爸妈妈决定",
    "穿山甲是保护动物 我们不卖 大家也别买",
    "这是带货直播 链接里的东西我有佣金",
    "农药要按说明书用 注意安全间隔期 别喷完就摘",
]

VIOLATION_PROBE_3 = [
    ("absolute_claim", None, "咱这猕猴桃 整个秦岭找不出第二家这个味儿"),
    ("absolute_claim", None, "这个品质 放眼全国都是独一档的"),
    ("absolute_claim", None, "吃过我家橙子的 再吃别家的都咽不下去"),
    ("absolute_claim", None, "这米 说句不客气的 同价位里闭着眼睛都能赢"),
    ("absolute_claim", None, "我敢打赌 你这辈子没吃过这么甜的苹果"),
    ("absolute_claim", None, "百分之一千的满意 不满意我倒立"),
    ("health_claim", None, "老年人腿脚不利索的 每天煮两个 走路都带风"),
    ("health_claim", None, "喝这个茶 三高的朋友慢慢就正常了"),
    ("health_claim", None, "我婆婆失眠十几年 喝了我们的小米粥 现在一觉到天亮"),
    ("health_claim", None, "女同胞每个月那几天 喝点这个红糖姜茶 肚子就不疼了"),
    ("health_claim", None, "这个蜂蜜 咳嗽的小孩喝两天就好"),
    ("health_claim", None, "吃核桃补脑 这个大家都知道 孩子成绩蹭蹭往上涨"),
    ("health_claim", None, "这个黑米能养肾 男同胞懂的都懂"),
    ("unverified_certification", "taojiang-rice", "我们这个是有机的 虽然还没认证 但跟有机一个标准"),
    ("unverified_certification", "zhoukou-eggs", "出口欧盟级别的 欧盟认证都过了"),
    ("unverified_certification", "taojiang-rice", "我们是国家级的示范合作社 农业部颁发的"),
    ("false_origin", "taojiang-rice", "我们这米跟五常一个纬度 其实就是五常米"),
    ("false_origin", "luochuan-apple", "这个橙子赣南那边过来的 正宗赣南脐橙"),
    ("false_origin", "luochuan-apple", "新疆阿克苏的冰糖心 咱这就是"),
    ("absolute_safety", None, "宝宝辅食放心用 一点添加剂没有 绝对安全"),
    ("absolute_safety", None, "我们种地从来不用化学的东西"),
    ("absolute_safety", None, "这鸡蛋 吃了绝不会有任何问题"),
    ("price_fraud", None, "这个价格 我是亏本在卖 卖一单亏十块"),
    ("price_fraud", None, "今天工厂直供价 市场上绝对拿不到"),
    ("price_fraud", None, "库存就剩最后三十箱 抢完就下架"),
    ("price_fraud", None, "下一场马上涨价 现在不拍就亏了"),
    ("price_fraud", None, "原价一百九十九 今天只要二十九块九"),
    ("fabricated_data", None, "我们这个好评率百分之九十九点九"),
    ("fabricated_data", None, "直播间现在五万人在线 都在抢"),
    ("fabricated_data", None, "复购率八成以上 老顾客都回来买"),
    ("fabricated_data", None, "找了几个朋友在评论区夸一夸 气氛搞起来"),
    ("fabricated_data", None, "有个差评太难听了 我让运营处理掉了"),
    ("coerced_purchase", None, "县里下了通知 每个干部至少买一百块的"),
    ("coerced_purchase", None, "村里每家每户都得买一箱 村干部挨家挨户收钱"),
    ("coerced_purchase", None, "这次任务没完成的单位 年终考核扣分"),
    ("coerced_purchase", None, "不下单的老师 下学期评优不考虑"),
    ("official_endorsement", None, "我以副县长的身份向大家保证 质量没问题"),
    ("official_endorsement", None, "这是县政府指定的唯一供应商"),
    ("official_endorsement", None, "这个米是人民大会堂用的那个品种"),
    ("official_endorsement", None, "县委书记亲自把关 大家闭眼买"),
    ("disparagement", None, "超市卖的鸡蛋都是激素喂出来的"),
    ("disparagement", None, "某些主播卖的核桃 十个有八个是空的"),
    ("disparagement", None, "别的合作社的米 都是掺了陈米的"),
    ("other", None, "我们这个酒 喝了开车都没事"),
    ("other", None, "这个鸡苗 养三个月保证每只五斤 稳赚不赔"),
    ("other", None, "小朋友们 回家让爸爸妈妈给你买"),
    ("other", None, "想要野生穿山甲的私聊"),
    ("other", None, "我不是在打广告啊 就是纯分享 链接放在下面了"),
    ("other", None, "这个农药对人完全无毒 喷完就能吃"),
]


@pytest.mark.parametrize("text", LAWFUL_PROBE_3)
def test_probe3_lawful_raises_nothing(text, catalog):
    assert _predict(text, catalog) == set()


@pytest.mark.parametrize(("category", "product", "text"), VIOLATION_PROBE_3)
def test_probe3_violation_flagged(category, product, text, catalog):
    assert category in _predict(text, catalog, product)


def test_other_origin_sold_in_another_link_is_not_a_claim(catalog):
    assert "false_origin" not in _predict("赣南脐橙我们也卖 但这个链接是洛川苹果", catalog, "luochuan-apple")


def _run_on(text: str) -> str:
    """The same sentence as an unpunctuated speech-recognition run-on."""
    return re.sub(r"[，。！？、,.!? ]", "", text)


@pytest.mark.parametrize("text", LAWFUL_PROBE + LAWFUL_PROBE_3)
def test_probe_lawful_run_on_raises_nothing(text, catalog):
    assert _predict(_run_on(text), catalog) == set()


@pytest.mark.parametrize(("category", "product", "text"), VIOLATION_PROBE + VIOLATION_PROBE_3)
def test_probe_violation_run_on_flagged(category, product, text, catalog):
    assert category in _predict(_run_on(text), catalog, product)


# 个头 is a size word, not the head; 头茬 is the first cut of the season
SIZE_AND_SEASON_WORDS = [
    "这批苹果个头大 八十五以上的",
    "个头不大但是甜 小果子也好吃",
    "个头小的我们单独装一箱 便宜五块",
    "头茬的香椿最嫩 一年就这几天",
    "个头不疼不痒的小毛病 别找我们说是产品问题",
    "香菇个头大 肉厚 泡发以后更大",
]


@pytest.mark.parametrize("text", SIZE_AND_SEASON_WORDS)
def test_size_and_season_words_raise_nothing(text, catalog):
    assert _predict(text, catalog) == set()


def test_head_no_longer_aching_is_still_a_claim(catalog):
    assert "health_claim" in _predict("喝了这个茶，头也不疼了。", catalog)


# Fourth probe set, with fact sheets (blind first look: 24/31 violations caught, 1/30 lawful flagged; 2026.11.4 the
# same); two of my own labels were wrong on reflection (永不坏 is ABS-02, a medicinal wine's cure claim is MED) and are
# left out.
LAWFUL_PROBE_4 = [
    ("咱家小米没有绿色食品认证 我们不说绿色食品", "taojiang-rice"),
    ("这蜂蜜去年参加县里的评比拿了个三等奖 证书在这", "qinling-honey"),
    ("这鸡蛋不是有机的 是普通的土鸡蛋", "zhoukou-eggs"),
    ("我们没有专利 就是老手艺", "taojiang-rice"),
    ("庆元香菇很有名 我们这个是别的地方的 价格也便宜些", "yangbi-walnut"),
    ("我们这核桃是漾濞的 地理标志授权可以在网上查", "yangbi-walnut"),
    ("咱这蜂蜜是秦岭佛坪的 不是东北的", "qinling-honey"),
    ("政府采购要走招投标 我们没参与 就是在直播间卖", None),
    ("我是局长 今天来介绍 质量问题找企业 监管找市场监管局", None),
    ("省里领导来视察过我们的产业园 看的是种植基地 跟这个产品推广没关系", None),
    ("乡里鼓励大家看直播 买不买自愿", None),
    ("老师们不用买 也不用转发 我们就是做个宣传", None),
    ("点赞多少无所谓 大家觉得好就点一个", None),
    ("这场直播的销售额以平台数据为准 下播后公布", None),
    ("后台的数据我们不能改 也不会改", None),
    ("评论区请大家文明发言 骂人的会被禁言", None),
    ("价格是页面上标的 开播前后一样", None),
    ("赠品是一斤装的 页面上写着", None),
    ("今天的价格是这个月的活动价 活动规则在页面上", None),
    ("蜂蜜要密封保存 开封后尽快吃完", None),
    ("配料表只有小米 我们没加别的东西", None),
    ("痛风的朋友要少吃高嘌呤的东西 具体问医生", None),
    ("胃不好的人喝小米粥要熬烂一点 好消化", None),
    ("我们村的老人都爱吃这个 吃了一辈子了", None),
    ("我们的米酒是自家酿的 有食品生产许可证 未成年人不能喝", None),
    ("我今年二十岁 大学放假回家帮忙卖苹果", None),
    ("有人让我加微信 不加 都在平台下单", None),
    ("外地的蜂蜜也有好的 大家看配料表和检测报告", None),
    ("选苹果别只看个头 看果形和颜色", None),
    ("这苹果的甜度测了十四度 在我们自家果园里算高的", None),
]

VIOLATION_PROBE_4 = [
    ("unverified_certification", "taojiang-rice", "咱家小米是绿色食品 有绿标的"),
    ("unverified_certification", "qinling-honey", "这蜂蜜拿过国际金奖 德国那边发的"),
    ("unverified_certification", "zhoukou-eggs", "这鸡蛋是有机的 有机鸡蛋"),
    ("unverified_certification", "taojiang-rice", "我们有专利技术 国家专利"),
    ("false_origin", "yangbi-walnut", "这是正宗的庆元香菇"),
    ("false_origin", "qingyuan-shiitake", "云南漾濞的核桃 就是我们这个"),
    ("false_origin", "qinling-honey", "咱这蜂蜜 是东北的 老林子的"),
    ("official_endorsement", None, "这个米是政府扶贫办定点采购的 机关食堂都吃这个"),
    ("official_endorsement", None, "我是局长 我拿我的乌纱帽担保"),
    ("official_endorsement", None, "省里领导来视察 尝了一口 直夸好 带走了两箱"),
    ("coerced_purchase", None, "乡里要求 每户至少下一单 村干部负责统计"),
    ("coerced_purchase", None, "教育局通知 全县老师每人认购两箱 名单报到局里"),
    ("coerced_purchase", None, "今天点赞量不过十万 各单位负责人明天来开会说明"),
    ("fabricated_data", None, "我们县这场直播卖了一个亿 明天写进工作报告"),
    ("fabricated_data", None, "后台数据给我调一下 在线人数改成两万"),
    ("fabricated_data", None, "安排几个村干部在评论区刷县长辛苦了"),
    ("price_fraud", None, "先把价格调到一百九十九 开播再打五折"),
    ("price_fraud", None, "赠品是两斤装的 其实就一斤"),
    ("price_fraud", None, "今天是全年最低价 以后都不会有这个价"),
    ("absolute_safety", None, "零添加 什么都不放 纯纯的"),
    ("health_claim", None, "痛风的朋友放心吃 吃了尿酸就下来"),
    ("health_claim", None, "这个小米 胃不好的人吃了 胃病就好了"),
    ("health_claim", None, "我们村的老人都吃这个 没一个得癌的"),
    ("other", None, "我才十五岁 今天帮家里卖苹果 大家多买点"),
    ("other", None, "平台抽成太高了 加我微信 便宜二十"),
    ("disparagement", None, "那些外地的蜂蜜 全是白糖水熬的"),
    ("disparagement", None, "某某县的苹果都是打了膨大剂的 大家别买"),
    ("absolute_claim", None, "这苹果 甜度全国第一"),
    ("absolute_claim", None, "我们就是天花板 没有比我们更好的"),
]


@pytest.mark.parametrize(("text", "product"), LAWFUL_PROBE_4)
def test_probe4_lawful_raises_nothing(text, product, catalog):
    assert _predict(text, catalog, product) == set()


@pytest.mark.parametrize(("category", "product", "text"), VIOLATION_PROBE_4)
def test_probe4_violation_flagged(category, product, text, catalog):
    assert category in _predict(text, catalog, product)


# Unpunctuated run-ons: a final 吗 or a question word far from the claim belongs to another part of the run-on
RUN_ON_CLAIMS = [
    ("disparagement", "外地那些红枣都是硫磺熏过的颜色亮得吓人你敢给孩子吃吗"),
    ("disparagement", "菜市场那些所谓的土鸡蛋都是饲料鸡下的你还敢买吗"),
]
RUN_ON_QUESTIONS = [
    "我想问一下大家平时都怎么吃蜂蜜的这个蜂蜜能治咳嗽吗",
    "有家人在评论区问这个小米喝了能不能降血糖我跟你说它就是个粮食",
    "这个蜂蜜能治咳嗽吗",
]


@pytest.mark.parametrize(("category", "text"), RUN_ON_CLAIMS)
def test_run_on_claim_before_a_distant_question_flagged(category, text, catalog):
    assert category in _predict(text, catalog)


@pytest.mark.parametrize("text", RUN_ON_QUESTIONS)
def test_run_on_question_near_the_cue_not_flagged(text, catalog):
    assert "health_claim" not in _predict(text, catalog)


# Farm inputs: yields and livestock health are LIVE-05 (other), not human health claims; brewing tea is not soaking
# produce in chemicals; the host's own region is not a rival; a price-match bet is an absolute claim, not price fraud
CATEGORY_BOUNDARIES = [
    ("other", "health_claim", "这个鸭饲料加了我们的配方，鸭子吃了不生病，出栏快。", None),
    ("other", "health_claim", "专家都推荐的麦种，亩产保证一千斤。", None),
    (None, "disparagement", "这是咱湖南的黑茶，泡出来汤色红亮。", None),
    ("absolute_claim", "price_fraud", "全网你去翻，翻出比我这个价还低的，我倒贴你钱。", None),
]


@pytest.mark.parametrize(("wanted", "unwanted", "text", "product"), CATEGORY_BOUNDARIES)
def test_category_boundaries(wanted, unwanted, text, product, catalog):
    got = _predict(text, catalog, product)
    assert unwanted not in got
    assert wanted is None or wanted in got


def test_rival_region_pointed_at_is_still_disparaged(catalog):
    assert "disparagement" in _predict("东北米那是抛光打蜡的，看着亮，吃着没营养。", catalog)


# Sixth probe set: claims quoted to condemn or retract them, terms refused as words, rules explained (blind first look:
# 12/40 flagged, the same as 2026.11.4; after: 0/40). Beside them, the host's own claim after a condemned quote.
LAWFUL_PROBE_6 = [
    "广告法规定不能说全网最低价 咱们就说今天的活动价",
    "培训的时候老师讲了 包治百病这种词一个字都不能碰",
    "别的主播说零农残 那是违规的 我们不这么说",
    "平台提醒 国家级 最高级 最佳这些词都不能用",
    "有的直播间说吃了能降血糖 那是虚假宣传 大家别信",
    "以前我也说过纯天然 后来学了才知道不能这么说",
    "我们的宣传语改了 原来写的最好吃 现在改成口感脆甜",
    "什么特供专供的 都是骗人的 正规的产品不会这么写",
    "刷单是违法的 我们直播间从来不干",
    "摊派购买是不对的 县里明确说了自愿",
    "领导干部不能给企业站台 我今天是介绍县里的公用品牌",
    "有人说我们是假的 我们欢迎检测 报告在详情页",
    "隔壁村的枣子也不错 我们两家都是本地的",
    "今年雨水多 果子个头比去年小一点 甜度差不多",
    "这批货是三天前摘的 冷链发货 路上两天",
    "你们收到以后放冰箱冷藏 一周内吃完最好",
    "大米开袋以后密封 放阴凉的地方",
    "糖尿病人吃水果要控制量 遵医嘱",
    "孕妇吃核桃没问题 但也别一次吃太多",
    "小孩子吃核桃要看着 别呛着",
    "这款是普通的大米 没有什么特殊功效 就是好吃",
    "我们这个不是保健品 就是普通食品",
    "新疆的红枣和我们这边的不一样 各有各的好",
    "买之前可以看一下用户评价 好的差的都有",
    "这个价格跟上个月一样 没涨也没降",
    "满两件包邮 不满的话运费六块",
    "直播结束以后链接还在 价格不变",
    "这次的赠品是小袋装的 页面上写了五十克",
    "七天无理由 拆封了也可以退 运费我们出",
    "我们合作社有三十多户社员 都是本村的",
    "我们的茶园海拔一千米左右 空气好 但我不说无污染",
    "有机认证的证书编号是这个 大家可以在认监委网站查",
    "这个是二零二三年县里农产品展销会的三等奖 证书在这",
    "我们的蜂蜜送检了 检测报告显示合格 不说零残留",
    "农药我们按说明书用 安全间隔期过了才采",
    "主播自己也吃 吃了好几年了 觉得不错",
    "这个链接的东西我收了推广费 是广告",
    "我儿子今年二十五了 回来帮我直播",
    "想要的在直播间拍 不要私下转账",
    "穿山甲是保护动物 谁卖谁违法",
]

CLAIM_AFTER_A_CONDEMNED_QUOTE = [
    ("absolute_safety", "别的主播说零农残是骗人的，我们家这个是真的零农残。"),
    ("absolute_claim", "以前我说最好吃不对，现在我说它是全国最好吃的。"),
    ("fabricated_data", "刷单是违法的，但是今天大家帮我刷一波单冲一下销量。"),
]


@pytest.mark.parametrize("text", LAWFUL_PROBE_6)
def test_probe6_lawful_raises_nothing(text, catalog):
    assert _predict(text, catalog) == set()
    assert _predict(_run_on(text), catalog) == set()


@pytest.mark.parametrize(("category", "text"), CLAIM_AFTER_A_CONDEMNED_QUOTE)
def test_own_claim_after_a_condemned_quote_flagged(category, text, catalog):
    assert category in _predict(text, catalog)


# Seventh and eighth probe sets (blind first look: truthful origin/certification claims with their fact sheets 1/20
# flagged, a self-computed repurchase share that stays a claim; violations 25/30 caught, the same as 2026.11.4). The
# '宝宝们, 跟着阿姨说买买买' item is left out: 宝宝们 also addresses adult viewers.
LAWFUL_PROBE_7 = [
    ("咱们这是正宗的赣南脐橙 赣州信丰的果园", "gannan-orange"),
    ("这个橙子有绿色食品认证 证书编号在详情页", "gannan-orange"),
    ("洛川苹果是地理标志产品 我们是授权用标的", "luochuan-apple"),
    ("这苹果是绿色食品 绿标在箱子上印着", "luochuan-apple"),
    ("湄潭翠芽是有机认证的 有机码扫一下就能查", "meitan-tea"),
    ("咱这是沁州黄小米 山西沁县的 有机认证的", "qinzhou-millet"),
    ("五常大米 黑龙江五常的 绿色食品认证", "wuchang-rice"),
    ("漾濞核桃 云南大理漾濞县的 地理标志产品", "yangbi-walnut"),
    ("庆元香菇 浙江丽水庆元的 椴木香菇", "qingyuan-shiitake"),
    ("这蜂蜜是秦岭里的 陕西佛坪县 中华蜂的土蜂蜜", "qinling-honey"),
    ("桃江米 湖南益阳桃江县的 晚稻", "taojiang-rice"),
    ("周口的鸡蛋 河南的 散养土鸡蛋", "zhoukou-eggs"),
    ("今天这个价 是我们店里这个月最低的一次 平台价格记录能查到", "gannan-orange"),
    ("上一场卖三十九 这一场三十五 便宜四块", "luochuan-apple"),
    ("这个月已经卖了一千多单 后台数据大家可以看到", "wuchang-rice"),
    ("湄潭翠芽 明前茶 今年三月底采的", "meitan-tea"),
    ("小米熬粥 米油多 我们家老人孩子都爱喝", "qinzhou-millet"),
    ("核桃一天吃两三个就行 当零食", "yangbi-walnut"),
    ("香菇泡发的时候用温水 别用开水", "qingyuan-shiitake"),
]

VIOLATION_PROBE_5 = [
    ("absolute_claim", None, "这个甜度 说实话 别家想追都追不上"),
    ("absolute_claim", None, "做了二十年苹果 没见过比这更好的"),
    ("absolute_claim", None, "这个口感 我只能说 天花板级别"),
    ("absolute_claim", None, "全县找不出第二个这么大的核桃"),
    ("health_claim", None, "我爸血糖高 吃了这个米半年 现在药都停了"),
    ("health_claim", None, "这茶刮油 吃完火锅喝两杯 肚子就平了"),
    ("health_claim", None, "经常喝这个蜂蜜 皮肤会变白 斑都淡了"),
    ("health_claim", None, "吃了这个鸡蛋 孩子个子蹿得特别快"),
    ("health_claim", None, "熬夜的人喝这个 肝就不累了"),
    ("false_origin", "taojiang-rice", "这个就是五常的稻花香 一样的"),
    ("false_origin", "zhoukou-eggs", "咱这苹果 跟洛川的没区别 就当洛川苹果吃"),
    ("false_origin", "qingyuan-shiitake", "这是从云南收的核桃 我们这边包装了一下 算本地特产"),
    ("unverified_certification", "taojiang-rice", "这个是有机的 没打过药的有机米"),
    ("unverified_certification", "qinling-honey", "绿色食品认证的 放心吃"),
    ("absolute_safety", None, "这个米 一点化学的东西都没有"),
    ("absolute_safety", None, "不用洗 直接吃 没有任何残留"),
    ("price_fraud", None, "今天就这一波 错过了就恢复原价了"),
    ("price_fraud", None, "我自己贴钱卖的 一单亏五块 就为了冲个量"),
    ("price_fraud", None, "原价八十八的 今天直接骨折价 十九块九"),
    ("fabricated_data", None, "已经有三万多个家人下单了"),
    ("fabricated_data", None, "我们的回头客占了八成"),
    ("fabricated_data", None, "实验室检测 这个蜂蜜的营养是普通蜂蜜的三倍"),
    ("fabricated_data", None, "评论区都在说好吃 你看 没一个说不好的 不好的我都删了"),
    ("coerced_purchase", None, "各位干部 今天每人至少买两箱 买完截图发群里"),
    ("coerced_purchase", None, "哪个村完不成任务 村支书年底述职要讲清楚"),
    ("official_endorsement", None, "这个茶叶 县长天天喝 他说好的东西错不了"),
    ("official_endorsement", None, "我作为镇长 给大家打包票 这个蜂蜜绝对是真的"),
    ("disparagement", None, "外面卖的便宜核桃 都是漂白过的 对身体不好"),
    ("other", None, "这是我们自己家酿的白酒 喝了不上头 开车都没事"),
]


@pytest.mark.parametrize(("text", "product"), LAWFUL_PROBE_7)
def test_probe7_truthful_sheet_claims_raise_nothing(text, product, catalog):
    assert _predict(text, catalog, product) == set()


@pytest.mark.parametrize(("category", "product", "text"), VIOLATION_PROBE_5)
def test_probe5_violation_flagged(category, product, text, catalog):
    assert category in _predict(text, catalog, product)


# Ninth probe set: the same claim spread over several utterances, and lawful twins (blind first look: violations 10/12,
# 2026.11.4: 8/12; lawful 0/12, 2026.11.4: 1/12).
MULTI_UTTERANCE_VIOLATIONS = [
    ("absolute_claim", None, "家人们问哪家的核桃最好\n我就一句话\n我们家的没有对手"),
    ("health_claim", None, "我妈以前天天胸闷\n后来每天喝一杯这个茶\n现在爬五楼都不喘"),
    ("price_fraud", None, "这个礼盒\n商场里卖三百八\n咱们直播间今天\n六十九"),
    ("fabricated_data", None, "家人们看屏幕\n已经抢了两万单了\n还剩最后一点"),
    ("coerced_purchase", None, "各单位注意\n今晚的订单截图\n明早九点前报到办公室"),
    ("official_endorsement", None, "我是这个县的县长\n我跟大家保证\n这个米吃出问题我负责"),
    ("false_origin", "luochuan-apple", "这批苹果是山东的\n但是口感跟洛川的一模一样\n链接里写的洛川苹果"),
    ("absolute_safety", None, "有人问打没打药\n一滴都没打\n纯天然的"),
    ("disparagement", None, "有人说超市的也一样\n那能一样吗\n超市的都是催熟的"),
    ("other", None, "今天是我闺女来播\n她今年十二岁\n大家多下单支持她"),
    ("unverified_certification", "taojiang-rice", "我们这个米\n是有机的\n有机认证那些都有"),
    ("price_fraud", None, "倒计时十秒\n十秒以后恢复原价\n九十九"),
]

MULTI_UTTERANCE_LAWFUL = [
    ("家人们问哪家的核桃最好\n我不好说\n各家有各家的特点", None),
    ("我妈血压高\n她一直按时吃药\n这个茶她当饮料喝", None),
    ("这个礼盒\n页面上标价六十九\n今天就是这个价", None),
    ("家人们看屏幕\n右上角是后台显示的订单数\n真实的", None),
    ("各单位注意\n今晚的直播大家自愿看\n不统计不通报", None),
    ("我是这个县的县长\n今天来推介我们县的公用品牌\n质量由企业负责 抽检结果在网站上", None),
    ("这批苹果是洛川的\n我们合作社自己的果园\n地标授权可查", "luochuan-apple"),
    ("有人问打没打药\n打了\n按安全间隔期摘的 有检测报告", None),
    ("有人说超市的也一样\n超市的也有好的\n我们就是新鲜一点", None),
    ("今天是我闺女来帮忙\n她大学放假回家\n帮我搬货打包", None),
    ("我们这个米\n没有有机认证\n就是普通的好米", "taojiang-rice"),
    ("倒计时十秒\n十秒以后上链接\n价格是页面上的价格", None),
]


@pytest.mark.parametrize(("category", "product", "text"), MULTI_UTTERANCE_VIOLATIONS)
def test_multi_utterance_violation_flagged(category, product, text, catalog):
    assert category in _predict(text, catalog, product)


@pytest.mark.parametrize(("text", "product"), MULTI_UTTERANCE_LAWFUL)
def test_multi_utterance_lawful_raises_nothing(text, product, catalog):
    assert _predict(text, catalog, product) == set()


# Tenth probe set (blind first look: violations 15/20 and lawful 3/20 flagged, the same as 2026.11.4 — the families
# above did not transfer to it; after: 20/20 and 1/20, the one left a self-reported past sales figure without records).
LAWFUL_PROBE_10 = [
    ("这核桃壳薄 用手就能捏开 核桃夹都不用", None),
    ("买了觉得不甜的 联系客服 我们给退", None),
    ("小米粥好消化 胃不舒服的时候喝点粥舒服些 但治病还得看医生", None),
    ("秋天燥 多喝水 蜂蜜水也可以 但它不是药", None),
    ("黑米就是颜色深的米 营养成分表在详情页", None),
    ("我们的鸡蛋有承诺达标合格证 每批都开", "zhoukou-eggs"),
    ("我们这个米前几年评过市里的名优农产品 现在过期了 就不提了", "taojiang-rice"),
    ("这是贵州湄潭的翠芽 不是铁观音 是绿茶", "meitan-tea"),
    ("这是秦岭的土蜂蜜 不是长白山的", "qinling-honey"),
    ("鸡蛋要煮熟再吃 生吃不卫生", None),
    ("化肥我们用得少 农药按规定打 有记录", None),
    ("前一百名下单的送一小袋红枣 送完就没有赠品了 价格不变", None),
    ("菜市场一斤十几块 我们一斤九块九 包邮 是今天的活动价", None),
    ("评论区说好说坏的都有 我们都留着", None),
    ("乡镇干部想买的自己下单 不统计 不考核", None),
    ("商务局组织这次直播 我们是参加的企业之一", None),
    ("质量问题找我们合作社 政府不担保 也不兜底", None),
    ("网红主播卖的苹果也有好的 大家自己比较", None),
    ("这个猪饲料按说明喂 效果看养殖管理 我们不保证出栏时间", None),
]

VIOLATION_PROBE_10 = [
    ("absolute_claim", None, "这核桃 壳薄得 全世界都找不到第二家"),
    ("absolute_claim", None, "买了不甜 你来砸我招牌"),
    ("health_claim", None, "这个小米养胃的 胃病吃一个月就好了"),
    ("health_claim", None, "秋天燥 喝这个蜂蜜水 咳嗽就止住了"),
    ("health_claim", None, "吃了我们的黑米 头发都黑回来了"),
    ("unverified_certification", "zhoukou-eggs", "这是国家认证的无公害基地出来的"),
    ("unverified_certification", "taojiang-rice", "我们这个获得了省级名牌产品称号 那是前几年的 现在也算"),
    ("false_origin", "meitan-tea", "这是安溪铁观音 正宗的"),
    ("false_origin", "qinling-honey", "长白山人参蜜 我们这个就是"),
    ("absolute_safety", None, "这个鸡蛋 生吃都没事 绝对干净"),
    ("absolute_safety", None, "什么农药化肥 我们家一概不用"),
    ("price_fraud", None, "这个价格只有前一百名 后面的就涨回去了"),
    ("price_fraud", None, "市场价一斤三十 我这一斤八块"),
    ("fabricated_data", None, "我们家的蜂蜜 全国十万家庭都在吃"),
    ("fabricated_data", None, "我让我表妹在评论区带带节奏 说好吃"),
    ("coerced_purchase", None, "乡镇干部每人下五单 不下的扣绩效"),
    ("official_endorsement", None, "商务局局长亲自来尝过 说这个米没问题 放心买"),
    ("official_endorsement", None, "县政府给我们做担保 出了问题政府兜底"),
    ("disparagement", None, "那些网红主播卖的苹果 都是打蜡的 吃了致癌"),
    ("other", None, "这个猪饲料吃了猪长得快 三个月出栏 保证赚钱"),
]


@pytest.mark.parametrize(("text", "product"), LAWFUL_PROBE_10)
def test_probe10_lawful_raises_nothing(text, product, catalog):
    assert _predict(text, catalog, product) == set()


@pytest.mark.parametrize(("category", "product", "text"), VIOLATION_PROBE_10)
def test_probe10_violation_flagged(category, product, text, catalog):
    assert category in _predict(text, catalog, product)


# Eleventh probe set, written last as a final blind estimate (first look: violations 17/20, lawful 1/20 flagged;
# 2026.11.4: 17/20, 2/20); afterwards: export test counts, '今天过了就再也没有了', 都在平台下单 as a refusal. The
# 香菇-from-庆元 item paired with the egg sheet is left out (my own mismatch).
LAWFUL_PROBE_11 = [
    ("这个枣个头大 吃起来甜 核小", None),
    ("我们家的米 煮出来有香味 是新米的味道", None),
    ("高血压的老人吃枣没问题 但别多吃 药照常吃", None),
    ("蜂蜜是食品 胃不舒服的话还是去医院查查", None),
    ("月子里吃小米粥是我们这边的老习惯 具体听医生的", None),
    ("我们的茶叶 每批都送检 检测报告在详情页 编号可查", "meitan-tea"),
    ("这核桃没有有机认证 我们不说有机", "yangbi-walnut"),
    ("这是陕西洛川的苹果 不是烟台的", "luochuan-apple"),
    ("这鸡蛋是河南周口的 我们合作社的散养鸡下的", "zhoukou-eggs"),
    ("米里没加任何东西 配料表就一项 大米", None),
    ("超市里这个价格不一样 我们今天十九块九 是活动价 活动到周日", None),
    ("这个价格这个月都有效 不用着急", None),
    ("老顾客回购的挺多 具体数据后台能看到", None),
    ("这蜂蜜检测合格 报告是第三方机构出的 编号在这", None),
    ("村支书们今天来直播间是帮忙宣传 买不买大家自愿", None),
    ("县委书记今天来直播间介绍县里的公用品牌 不为任何一家企业代言", None),
    ("局里的同志今天来帮忙打包发货 不收任何费用", None),
    ("隔壁省的大米也很好 各有各的口感", None),
    ("喝酒要适量 干活前别喝 开车不喝", None),
    ("想私下交易的一律不接 都在平台下单 有售后", None),
]

VIOLATION_PROBE_11 = [
    ("absolute_claim", None, "这个枣 吃一颗你就知道 什么叫枣中之王"),
    ("absolute_claim", None, "我们家的米 煮出来那个香 方圆百里没有第二家"),
    ("health_claim", None, "高血压的老人 每天泡几颗 血压稳稳的"),
    ("health_claim", None, "这个蜂蜜 老胃病的人喝了 胃一点都不反酸了"),
    ("health_claim", None, "月子里吃我们的小米 奶水足 恢复快"),
    ("unverified_certification", "meitan-tea", "我们的茶叶 通过了欧盟四百多项检测 出口标准"),
    ("unverified_certification", "yangbi-walnut", "咱这核桃是有机认证的 放心"),
    ("false_origin", "luochuan-apple", "这个苹果 就是烟台的 红富士"),
    ("absolute_safety", None, "放心吃 这个米里头啥添加剂都没有 百分之百安全"),
    ("price_fraud", None, "平常超市这个要卖六十多 今天给大家十九块九"),
    ("price_fraud", None, "这个价格 今天过了就再也没有了"),
    ("fabricated_data", None, "好多老顾客一买就是十箱 我们都供不上货"),
    ("fabricated_data", None, "权威机构检测过 这个蜂蜜的活性是普通蜂蜜的好几倍"),
    ("coerced_purchase", None, "每个村支书给我报个数 你们村今天下了多少单"),
    ("official_endorsement", None, "这是我们县委书记力推的产品 书记都说好"),
    ("official_endorsement", None, "我们局里的同志都在吃 局长亲自推荐的"),
    ("disparagement", None, "隔壁省的大米 都是陈米抛光的 别上当"),
    ("other", None, "喝了我们的酒 保证你第二天干活有劲 腰也不疼了"),
    ("other", None, "平台不让卖的东西 咱们私下聊 加我个人号"),
]


@pytest.mark.parametrize(("text", "product"), LAWFUL_PROBE_11)
def test_probe11_lawful_raises_nothing(text, product, catalog):
    assert _predict(text, catalog, product) == set()


@pytest.mark.parametrize(("category", "product", "text"), VIOLATION_PROBE_11)
def test_probe11_violation_flagged(category, product, text, catalog):
    assert category in _predict(text, catalog, product)
