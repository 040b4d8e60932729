"""Conduct families of rule set 2026.11.4 (issue #4): coerced purchase, official endorsement, disparagement and
"other" (LIVE-01/02/03/05/06), on sentences written for these tests from the OFF-/AUTH-/LIVE- cards of the compliance
reference (not taken from assessments/eval). Positives must be flagged with their category; the hard negatives (the
cards' "Do NOT flag" uses, with the same trigger words) must not be flagged with any of these four categories."""

from __future__ import annotations

import pytest

from training_app.scoring.claims import rule_hits

CONDUCT = {"coerced_purchase", "official_endorsement", "disparagement", "other"}

POSITIVES_ZH = [
    ("coerced_purchase", "各科室今天每人最少拍两单，下班前把单号报给办公室。"),
    ("coerced_purchase", "这次的销售任务摊到各村，一个村五十箱，书记亲自抓。"),
    ("coerced_purchase", "局里的同志每人认领三箱猕猴桃，这个是硬任务。"),
    ("coerced_purchase", "帮扶干部每人包两户，帮他们把苹果卖掉，卖不掉的自己买回去。"),
    ("coerced_purchase", "学校的老师，每个班要完成二十单，班主任负责统计。"),
    ("coerced_purchase", "谁家没买，网格员上门去问问什么原因。"),
    ("coerced_purchase", "这次的认购算进年底的帮扶成绩里，大家上点心。"),
    ("coerced_purchase", "各单位一把手带头，完成不了的在全县大会上通报。"),
    ("coerced_purchase", "每个在编人员最低消费一百块，财务直接从下个月工资里扣。"),
    ("coerced_purchase", "党员同志要发挥先锋作用，每人至少买一箱，下单截图发支部群。"),
    ("coerced_purchase", "咱们乡镇干部分一下，一人负责卖三十斤，卖不完的自己消化。"),
    ("coerced_purchase", "县直各部门的认购数字今晚十二点前报到县政府办。"),
    ("coerced_purchase", "企业老板们，每家至少订一百箱，这是给县里面子。"),
    ("coerced_purchase", "村民们进直播间点赞，一户不落，村干部挨个打电话落实。"),
    ("coerced_purchase", "低保户也得买，不买明年的低保就要重新审核。"),
    ("coerced_purchase", "各位家长，学校要求每个孩子家里至少买一袋，班主任会检查订单。"),
    ("coerced_purchase", "不支持就是不讲政治，各单位的购买情况我要一个一个过。"),
    ("coerced_purchase", "每个村都有指标，完成情况跟村干部的绩效工资挂上钩。"),
    ("official_endorsement", "这是我们县政府重点推荐的唯一一家企业，大家放心买。"),
    ("official_endorsement", "我是咱们县的副县长，这个牛肉干我给大家打包票。"),
    ("official_endorsement", "市领导来考察的时候专门尝过，连连说好。"),
    ("official_endorsement", "这米是省里开会的时候指定用的。"),
    ("official_endorsement", "县委书记都说这家的茶叶好，你们还犹豫啥。"),
    ("official_endorsement", "以咱们农业农村局的名义保证，这批种子质量没问题。"),
    ("official_endorsement", "出了问题来找我，我在县里上班，跑不了。"),
    ("official_endorsement", "买了这家的东西，以后你们村申请项目我给你们说句话。"),
    ("official_endorsement", "政府都给它盖章了，这就是官方认证的好东西。"),
    ("official_endorsement", "这个合作社是我小舅子办的，我作为镇长给大家推荐一下。"),
    ("official_endorsement", "驻村第一书记亲自把关，政府信得过的产品。"),
    ("official_endorsement", "商务局推荐的唯一品牌，别家的我们都不认。"),
    ("official_endorsement", "这是军区招待所一直在用的酒。"),
    ("official_endorsement", "供销社指定的唯一供货商就是他家。"),
    ("official_endorsement", "我们乡政府给这家企业做担保，大家尽管下单。"),
    ("official_endorsement", "县里专门给这家厂子背书，官方推荐，错不了。"),
    ("official_endorsement", "招商局的领导拍着胸脯说没问题。"),
    ("official_endorsement", "这是政府采购的同款，机关单位都在用。"),
    ("official_endorsement", "我们镇长说了，谁家买得多，以后有好政策先想着谁。"),
    ("official_endorsement", "卖得越多我们局的年终奖越多，大家多捧场。"),
    ("official_endorsement", "人大代表都推荐的好东西。"),
    ("disparagement", "隔壁村那几家的鸡蛋，都是饲料催出来的，一点营养都没有。"),
    ("disparagement", "你去超市看，那些蜂蜜十瓶有八瓶是糖浆兑的。"),
    ("disparagement", "别家直播间那个价格，肯定是以次充好。"),
    ("disparagement", "某品牌的大米是拿陈米抛光的，我都不好意思说。"),
    ("disparagement", "外地的猕猴桃都是用膨大剂泡出来的，个头大没味道。"),
    ("disparagement", "那个牌子的奶粉吃了孩子长不高。"),
    ("disparagement", "山东的苹果哪有我们的好吃，他们那都是打蜡的。"),
    ("disparagement", "别人家的核桃仁都是发霉的，拿药水洗过。"),
    ("disparagement", "其他主播卖的都是三无产品，吃出问题没人管。"),
    ("disparagement", "人家卖九块九的那种，能是好东西吗，全是垃圾。"),
    ("disparagement", "市面上百分之九十的土鸡蛋都是假的。"),
    ("disparagement", "隔壁县的茶叶农药超标，你们千万别买。"),
    ("disparagement", "同行那些都是骗子，就知道坑老百姓。"),
    ("disparagement", "他们家的牛肉是注水肉，我亲眼看见的。"),
    ("disparagement", "某宝上的便宜货全是工厂流水线做的假土货。"),
    ("other", "想要便宜的，直接加我微信，我给你打个折。"),
    ("other", "拍下之后别付款，私信我，我发你收款码。"),
    ("other", "这个娃娃鱼是野生的，炖汤特别补。"),
    ("other", "山里打的野鸡野兔，新鲜着呢，要的私聊。"),
    ("other", "这个麻雀是咱山上网的，油炸了特别香。"),
    ("other", "我们这有野生的穿山甲鳞片，泡酒特别好。"),
    ("other", "这款种子包你一亩多收两千块。"),
    ("other", "这个杀虫剂喷一次管一季，人喝了都没事。"),
    ("other", "这个兽药一针见效，猪病全好。"),
    ("other", "咱家这个酒，喝了干农活不累，来，整一杯。"),
    ("other", "让我家六岁的闺女给大家推荐推荐这个果干。"),
    ("other", "小朋友们，看到喜欢的就让妈妈点下面的小黄车。"),
    ("other", "我就是个普通的宝妈，分享一下自己在用的，不是广告哦。"),
    ("other", "这个奶粉我家孩子没喝过，但是我觉得肯定好。"),
    ("other", "这个种苗成活率百分之百，死一棵赔十棵。"),
    ("other", "饲料里加了这个，猪一个月多长三十斤，保证。"),
    ("other", "这个农药用了以后，来年保证大丰收。"),
    ("other", "我们这个酒是粮食酿的，喝多了也不伤身。"),
    ("other", "网上买不了的话，私下转账给我也行。"),
    ("other", "这个老鹰标本是真的，收藏价值很高。"),
    ("other", "熊掌是正宗的，过年送礼有面子。"),
]

HARD_NEGATIVES_ZH = [
    "欢迎大家自愿购买，不搞摊派，觉得好再买。",
    "各位干部把直播链接转发给亲朋好友就行，买不买完全自愿。",
    "今天县里组织这场助农直播，介绍我们县的公共品牌。",
    "老师们辛苦了，今天的直播是给大家介绍家乡的特产。",
    "每人限购两箱，先到先得。",
    "这个政策是公开的，种植户每亩补贴两百元。",
    "村里统计了一下今年的产量，大概三十万斤。",
    "村干部带头学直播，帮乡亲们卖货。",
    "本场直播由县商务局和县融媒体中心联合主办。",
    "我是咱们县的副县长，今天给大家介绍我们县的几家合作社和区域公用品牌。",
    "县里每年对农产品做抽检，抽检结果在政府网站公开。",
    "本人参加直播不收取任何费用，所有产品都经过公开遴选。",
    "感谢县领导对我们合作社的关心和支持。",
    "国家对种粮农民有补贴，这是公开的政策。",
    "书记平时就在村里跟大家一起干活。",
    "这个品牌是县里统一打造的区域公用品牌，授权了十几家合作社使用。",
    "选购蜂蜜的时候看看标签上的配料表，只写蜂蜜的才是纯蜂蜜。",
    "我们家去年的苹果个头小了点，今年的好很多。",
    "超市里也有卖的，价格差不多，大家按需购买。",
    "别家的也不错，大家可以对比一下。",
    "怎么分辨陈米和新米呢，教大家一个方法，闻一闻味道。",
    "市场上有些鸡蛋是饲料鸡下的，这个很正常，营养也差不多。",
    "有问题请找店铺客服，不要私下转账，小心骗子。",
    "我们的甲鱼是人工养殖的，有养殖许可证。",
    "酒后不开车，大家适量饮酒。",
    "这个品种的审定编号是国审稻二零二一零零一，适合在南方种植。",
    "孩子放学回来吃一个，当零食挺好。",
    "这场直播是和合作社的带货合作，我有佣金。",
    "这个肥料含氮磷钾，按说明书用量施肥。",
]


def _categories(text: str, catalog) -> set[str]:
    return {h.rule.category for h in rule_hits(text, "zh", None, catalog)}


@pytest.mark.parametrize(("category", "text"), POSITIVES_ZH)
def test_conduct_family_flagged_zh(category, text, catalog):
    assert category in _categories(text, catalog)


@pytest.mark.parametrize("text", HARD_NEGATIVES_ZH)
def test_conduct_family_hard_negative_zh(text, catalog):
    assert not (_categories(text, catalog) & CONDUCT)
