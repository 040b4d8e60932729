"""Cue families for absolute_claim, price_fraud and fabricated_data added for issue #4 (generalise to unseen phrasing),
on our own sentences written from the compliance-reference cards (never copied from assessments/eval): spoken
paraphrases that must be flagged, and hard negatives from the cards' "Do NOT flag" lists that must not be."""

from __future__ import annotations

import pytest

from training_app.scoring.compaction import compact
from training_app.scoring.evaluation import predict_categories
from training_app.scoring.model import Item
from training_app.scoring.text import normalize

MINE = {"absolute_claim", "price_fraud", "fabricated_data"}

POSITIVES = [
    # ABS-01o: a whole field (全国/业内/同类/市面上) × a top predicate; quality noun × superlative
    ("absolute_claim", "家人们，这是全中国品质最高的枸杞。"),
    ("absolute_claim", "这款小米在同类产品里面排第一。"),
    ("absolute_claim", "这红枣甜度是业内最高的。"),
    ("absolute_claim", "咱们的香菇品质是全行业领先的。"),
    ("absolute_claim", "这是性价比最高的一款大米。"),
    ("absolute_claim", "放眼全国，这个核桃的出仁率都是数一数二的。"),
    ("absolute_claim", "这蜂蜜的口碑在市面上是顶尖的。"),
    # ABS-01p: elite metaphors, "X级", ranking verbs, 领先/一流 lists, "没有比它更…"
    ("absolute_claim", "我们这个茶叶是顶配中的顶配。"),
    ("absolute_claim", "这就是猕猴桃界的劳斯莱斯。"),
    ("absolute_claim", "这款茶叶冠军级的品质，王者级的口感。"),
    ("absolute_claim", "这个蜂蜜品质国际领先。"),
    ("absolute_claim", "咱家这蜂蜜，全国找不着比它更纯的了。"),
    ("absolute_claim", "我们家的小米在平台上常年稳居第一。"),
    ("absolute_claim", "这是有史以来最好吃的一季橙子。"),
    # ABS-02i: swearing on reputation; "not one bad" / "every one sweet" guarantees
    ("absolute_claim", "这个苹果甜不甜，我拿人格担保。"),
    ("absolute_claim", "绝对不会有一颗是酸的。"),
    ("absolute_claim", "我保证每一颗都是甜的。"),
    # PRC-01m: reference price from another channel cut to half or less
    ("price_fraud", "外面水果店都要二十多一斤，咱们这里五块钱一斤。"),
    ("price_fraud", "原价八十八，现价二十九块九。"),
    ("price_fraud", "上一场卖两百，这一场直接砍到五十。"),
    ("price_fraud", "旗舰店里标一百六，直播间六十九拿走。"),
    # PRC-01n: bare deep discounts, 骨折/放血/白送
    ("price_fraud", "三折！三折！全场三折！"),
    ("price_fraud", "我们这个价直接打到了骨折。"),
    ("price_fraud", "今天老板大放血，相当于白送。"),
    # PRC-02m: "back up tomorrow" with a number, no-second-chance idioms, fixed small releases
    ("price_fraud", "今天不买，明天就恢复一百多了。"),
    ("price_fraud", "过了这村没这店，下一场绝对不是这个价。"),
    ("price_fraud", "我跟老板磨了半天才拿到这个价，下次再没有了。"),
    ("price_fraud", "这个价今天就放三十单。"),
    # PRC-03c: at cost, below cost, supplier prices
    ("price_fraud", "今天是亏着本在卖，就为了冲个人气。"),
    ("price_fraud", "这个价就是进价，我们一分钱没赚。"),
    ("price_fraud", "咱们这价是给超市供货的价格，你们零售根本拿不到。"),
    ("price_fraud", "成本都不止这个价，今天赔钱赚吆喝。"),
    # DATA-01o: shares of buyers, crowds, repeated sell-outs, market shares
    ("fabricated_data", "回头客特别多，十个买过的有九个都会回来再买。"),
    ("fabricated_data", "我们的粉丝里有九成都是回头客。"),
    ("fabricated_data", "每天都有上千个家庭在吃我们的大米。"),
    ("fabricated_data", "这个苹果去年卖断了好几次货。"),
    ("fabricated_data", "全省每卖出十箱苹果，就有三箱是我们家的。"),
    ("fabricated_data", "现在全网都在抢这款小米。"),
    # second round: guarantees with forfeits, "里面的天花板", evasions (蕞, pinyin), price-match boasts
    ("absolute_claim", "保你放半个月都不会烂。"),
    ("absolute_claim", "但凡有一个坏的，我关直播间。"),
    ("absolute_claim", "这款是同类茶叶里面的天花板。"),
    ("absolute_claim", "宇宙第一甜的橙子就在这儿。"),
    ("absolute_claim", "蕞地道的小米就是这个。"),
    ("absolute_claim", "这是zui hao的土蜂蜜。"),
    ("absolute_claim", "你要能找到比我们家还便宜的，算我输。"),
    ("absolute_claim", "这个米给老人孩子吃绝对没任何问题。"),
    # price: raised-then-cut, countdown resets, outside reference without a cut, fake stock refills, hidden gifts
    ("price_fraud", "前天刚把价提上去，今天直播给大家砍一半。"),
    ("price_fraud", "时间一到，价格马上涨回去。"),
    ("price_fraud", "倒计时结束了再重新挂一个，天天都这么玩。"),
    ("price_fraud", "出了直播间，这一袋就是八十多。"),
    ("price_fraud", "以后再也见不着这么低的价了。"),
    ("price_fraud", "刚才说只剩五单\n这会儿又补了两百单，大家接着抢"),
    ("price_fraud", "送的是什么先保密，收到就知道了。"),
    ("price_fraud", "给大家的都是大经销商的拿货价。"),
    ("price_fraud", "明天就原价一百五了。"),
    # data: sell-out speed, follower boasts, conditional review rewards, suppressing critics, steering the chat
    ("fabricated_data", "上架才五分钟，一千箱就全没了。"),
    ("fabricated_data", "我们这款的订单都破五十万了。"),
    ("fabricated_data", "给五星好评的联系客服领个红包，差评的就算了。"),
    ("fabricated_data", "说难吃的直接拉黑禁言。"),
    ("fabricated_data", "场控把在线人数往上调一调。"),
    ("fabricated_data", "让亲戚们进来带带节奏。"),
    ("fabricated_data", "国外大学做过实验，吃这个米的人血糖低两成。"),
    ("fabricated_data", "这个月签好的合同在直播里再签一回。"),
    # third round (own probe set): rivals "can't compare", 头一份, secret prices, subsidies, ranks, review counts
    ("absolute_claim", "这款木耳在东北是响当当的头一份。"),
    ("absolute_claim", "这米的口感，可以说是无人能敌。"),
    ("absolute_claim", "别的牌子跟它根本没法比。"),
    ("absolute_claim", "整个县城都没有能打的。"),
    ("price_fraud", "这价是背着老板偷偷给你们改的，他发现了马上改回去。"),
    ("price_fraud", "这个价格我是自掏腰包在补贴大家。"),
    ("price_fraud", "这个价比我们收购的价还低。"),
    ("price_fraud", "现在不抢就错过了。"),
    ("fabricated_data", "这个链接已经有五千多人付款了。"),
    ("fabricated_data", "卖了三年，销量一直稳居前三。"),
    ("fabricated_data", "百分之八十都是老顾客。"),
    ("fabricated_data", "经过国家权威检测，这个蜂蜜不含任何重金属。"),
    ("fabricated_data", "硒含量超出国标五倍。"),
    ("fabricated_data", "一会儿你们在评论区多发几条好吃。"),
    ("fabricated_data", "拍了先别付款，冲一下人气。"),
    ("fabricated_data", "差评的顾客我都打电话让他改了。"),
    ("fabricated_data", "好评都破两万条了。"),
    # fourth round (unpunctuated, spoken): bets against rivals, "甩几条街", supplier price, countdown take-downs
    ("absolute_claim", "你去外面买 买到比这甜的 我直播间给关了"),
    ("absolute_claim", "这个纯度没有哪家能做到"),
    ("absolute_claim", "这核桃的出仁率能甩别家好几条街"),
    ("price_fraud", "价格嘛就是经销商拿货的价"),
    ("price_fraud", "出了这个直播间就没这个价了"),
    ("price_fraud", "半小时以后这个链接我就撤了"),
    ("price_fraud", "一斤才三块 比菜市场便宜一半还多"),
    ("fabricated_data", "一个小时两千单 仓库都发不过来了"),
    ("fabricated_data", "刚刚有个大姐一口气拍了八十箱"),
    ("fabricated_data", "这个米通过了三十多项检测，各项指标都远超国家标准"),
    ("fabricated_data", "你们在评论区帮我打个好吃，新进来的一看就信了"),
    ("fabricated_data", "让大家把县长好帅打在公屏上"),
    # fifth round: digit-count comparisons, post-quota price rises, fake pricing errors, gift values, 销冠, tampering
    ("absolute_claim", "我们家木耳 top级别的"),
    ("absolute_claim", "我保证你吃了一次就再也不想吃别家的了"),
    ("price_fraud", "超市里三位数，咱直播间两位数"),
    ("price_fraud", "前一百单以后恢复九十九"),
    ("price_fraud", "这个价老板知道了肯定要骂我"),
    ("price_fraud", "后台挂错价了，赶紧抢，一会儿就改回来"),
    ("price_fraud", "拍一单还送八样小礼品，价值一百多"),
    ("price_fraud", "市场上都卖五十一斤，我们今天十五"),
    ("fabricated_data", "这款小米是平台销冠"),
    ("fabricated_data", "每天光发货就要发三千多单"),
    ("fabricated_data", "评论区清一色好评，零差评"),
    ("fabricated_data", "根据专家测算，吃这个米的孩子能多长三厘米"),
    ("fabricated_data", "我们自己测的，花青素是普通蓝莓的三倍"),
    ("fabricated_data", "把库存改成十，让大家觉得快没了"),
    # sixth round: fractions of an outside price, 特批价, reference on the previous utterance, viewer boasts
    ("absolute_claim", "这个品质吧，说第二没人敢说第一"),
    ("price_fraud", "反正我们是外面的三分之一"),
    ("price_fraud", "比划线价便宜了一大半"),
    ("price_fraud", "我这是跟厂里要的特批价"),
    ("price_fraud", "原本两百多的东西\n今天只要三十几块"),
    ("price_fraud", "这个价格我们一年只做一次"),
    ("fabricated_data", "谁给好评我就给谁多发一斤"),
    ("fabricated_data", "差评那几条我让助理去处理了，你们看不到的"),
    ("fabricated_data", "直播间现在十万加的人在看"),
    # seventh round: English mixed into Mandarin, dialect adjectives, hyperbolic losses, 绕地球一圈
    ("absolute_claim", "这个价格是全网 lowest 的"),
    ("absolute_claim", "这蜂蜜 quality 绝对是 number one"),
    ("absolute_claim", "全山西都找不着这么好的小米"),
    ("absolute_claim", "四川最巴适的茶就是它"),
    ("price_fraud", "专柜 double 的价格，我们今天一半都不到"),
    ("price_fraud", "今天是 cost price 给大家"),
    ("price_fraud", "last 三分钟，三分钟之后 price up"),
    ("price_fraud", "这个价亏到姥姥家了"),
    ("fabricated_data", "我们是这个类目的 best seller"),
    ("fabricated_data", "这款已经 sold out 三次了"),
    ("fabricated_data", "repurchase rate 百分之九十五"),
    ("fabricated_data", "这个月卖出去的量能绕地球一圈"),
    # eighth round: never-spoils and no-risk guarantees, yield guarantees, "only goes up", order surges
    ("absolute_claim", "这个蜂蜜放十年都不会坏"),
    ("absolute_claim", "放心买，一点风险都没有"),
    ("absolute_claim", "种了我们的苗，亩产翻一番，我打包票"),
    ("absolute_claim", "一百个放心，一万个放心"),
    ("absolute_claim", "闭着眼买都不会出错"),
    ("price_fraud", "这个价以后只会涨不会降"),
    ("price_fraud", "你现在不下单，等会儿就是原价了"),
    ("fabricated_data", "经常有人一买就是几十箱"),
    ("fabricated_data", "全国有三十多个省的朋友都在买"),
    ("fabricated_data", "最近订单暴涨，工人加班都忙不过来"),
    # a price said twice for emphasis (compaction keeps it once)
    ("price_fraud", "外面卖九十九，九十九，我们今天二十九"),
]

NEGATIVES = [
    # self-comparison, tips, aspirations, caps and measurements (ABS-01 "Do NOT flag")
    "这是我们家今年最甜的一批，糖度测了十六度。",
    "蜂蜜最好用四十度以下的温水冲。",
    "我们努力把最好的苹果送到大家手里。",
    "最多限购两件哈，大家别多拍。",
    "顾客第一，有问题随时找客服。",
    "这个茶是按国家标准分的特级，包装上印着等级。",
    "这片山上海拔最高的地方种的是茶。",
    "今年糖度最高能到十八度，平均在十五度左右。",
    "我们一直坚持品质第一，不好的果子不发。",
    "大家问哪个品种口感最好，我个人喜欢红富士。",
    "2024年县里农产品评比我们拿了第一名，证书可以查。",
    # after-sales promises (ABS-02 "Do NOT flag")
    "坏果包赔，七天无理由退货。",
    "保证不会有一个坏果，坏了包赔。",
    # real prices, rules and clearance (PRC-01..PRC-03 "Do NOT flag")
    "这个价格活动到今晚十二点截止，每人限购两单。",
    "厂商建议零售价六十九，今天直播间五十九。",
    "上周本店卖五十九元，今天四十九元。",
    "产地直发，少了中间商，所以价格实在。",
    "临期的蜂蜜清仓处理，原价四十，今天十块钱一瓶。",
    "荔枝季就这二十天，过了就没有鲜果了。",
    "春茶一年就这一季，采完就要等明年了。",
    "今年饲料进价涨了，我们鸡蛋也涨了一块钱。",
    "饭店老板要批发的，二十斤起有批发价。",
    "今年果子多，收购价从三块降到一块五，果农不容易。",
    # platform data and plain facts (DATA-01 "Do NOT flag")
    "后台显示今天已经下单三百二十六单，谢谢家人们。",
    "我们村有三百多户人家，家家户户都种苹果。",
    "这个规格卖断货了，大家拍二号链接。",
    "一箱十斤，大概四十个左右。",
    # second round
    "全网最低价我不敢说，但是今天确实实惠。",
    "最甜、第一这种话咱不敢讲，大家自己尝。",
    "开封以后最佳食用期是三个月。",
    "我保证每一单都是当天现摘现发。",
    "坏一个赔一个，坏果包赔。",
    "收到以后请大家如实评价，好评差评我们都看。",
    "骂人和打广告的留言，按平台规则会删。",
    "后台显示上架十分钟卖了三百单。",
    "有研究说核桃含有不饱和脂肪酸。",
    "活动到今晚十点截止，时间一到恢复日常价五十九。",
    "不用我多说了，快递明天就送到。",
    "这是我们家最好的一块地种出来的米。",
    "这批蜂蜜送检了，检测报告在详情页，编号可以查。",
    "领导自掏腰包买了十箱，说要送给敬老院。",
    "我们统计了一下今天的订单，明天统一发货。",
    "百分之百满意是我们的目标，有问题随时找客服。",
    "有人说我们是全网最低价，这个我们不敢说。",
    "粉丝破了一千，谢谢大家，今天抽奖送一箱。",
    "今年收购价高，所以我们售价也调了一点。",
    "全国各地都能发，最快两天就到。",
    "第一名下单的家人，我们多送一斤。",
    "说不好吃的家人可以联系客服退款。",
    "这个香菇个头是我们家几个规格里最大的。",
    "检测报告在详情页，各项指标都符合国家标准，编号可以查。",
    "一个小时能包装两百箱，所以今天拍的明天都能发。",
    "家人们想要的把1打在公屏上。",
    "价格标错了，给大家道歉，已经拍的按下单时的价照常发。",
    "前五十名下单的送一个五十克的试吃装。",
    "原价三十八，今天三十五，优惠不大但是实在。",
    "每天能发两百箱，所以下单后两天内都能发出。",
    "评论区有好评也有说不够甜的，我们都看了。",
    "我们的苹果过了国际认证，证书编号在详情页可以查。",
    "这是我们合作社去年卖得最好的一个品种。",
    "这个价格今天和明天都是一样的，大家不用着急。",
    "第一名的奖品是一箱苹果，大家积极参与。",
    "排第一的是红富士，第二是嘎啦，这是我们园子里的品种。",
    "我不敢保证每一颗都甜，水果是天然的，有个体差异。",
    "我们县的核桃种植面积在全省排第三，这是农业局公布的数据。",
    "那些骂人的评论我们删了，其他的都留着。",
    "直播间现在有两百多人，欢迎新来的朋友。",
    "去年冰雹把果子打坏了，我们亏惨了。",
    "包装上写着 best before 二零二七年三月。",
    "这是我吃过的 best 的小米，大家自己尝尝看。",
    "这个蜂蜜保质期两年，开封后尽快吃完。",
    "福利价前二十单，后台看得到库存，二十单之后恢复日常价五十九。",
    "订单多的时候可能发货慢一点，大家理解一下。",
    "价格会随着行情变，明天可能会涨一点，也可能不涨，我们如实说。",
    "原价是四十九，今天下单立减十块，三十九到手。",
    "我们不刷单，也不搞好评返现，大家真实评价。",
    "别人家说的那些十万单我们做不到，我们就卖了两百多单。",
    "这个香菇是我们村最好的一个大棚出的，其他棚的也不错。",
    "今年卖完了就没了，明年再来，水果就是这样。",
]


def _predict(text: str, catalog) -> set[str]:
    item = Item(id="t", text=text.replace("\\n", "\n"), product=None, categories=(), hard_negative=True, split="test")
    return predict_categories(item, "zh", catalog, None)


@pytest.mark.parametrize(("category", "text"), POSITIVES)
def test_family_flagged(category, text, catalog):
    assert category in _predict(text, catalog)


@pytest.mark.parametrize("text", NEGATIVES)
def test_family_hard_negative_not_flagged(text, catalog):
    assert not (_predict(text, catalog) & MINE)


@pytest.mark.parametrize(
    ("text", "compacted"),
    [("三折，三折，全场三折", "三折,全场三折"), ("原价一百九九，一百九九，现在三十九", "原价一百九九,现在三十九")],
)
def test_repeated_clause_is_kept_once(text, compacted):
    norm = normalize(text)
    out = compact(norm, "zh")
    assert out.text == compacted
    assert [norm.text[o] if o < len(norm.text) else "" for o in out.origin] == list(out.text)
