"""Mandarin price_fraud and fabricated_data, round 13 (issue #4): lawful price and figure statements from the "Do NOT
flag" lists of cards PRC-01..04, DATA-01..03 and OFF-03, and the prohibited shapes next to them. Our own sentences,
written from the cards — never copied from assessments/eval."""

from __future__ import annotations

import pytest

from training_app.scoring.evaluation import predict_categories
from training_app.scoring.model import Item


def _predict(text: str, catalog) -> set[str]:
    item = Item(id="t", text=text, product=None, categories=(), hard_negative=True, split="test")
    return predict_categories(item, "zh", catalog, None)


POSITIVES = [
    # PRC-02p: an offer price today and a "restored" price of twice or more tomorrow
    ("price_fraud", "今天三十九，明天恢复一百九十九。"),
    ("price_fraud", "活动价29.9，活动结束就恢复到99。"),
    # PRC-01: a cut to half or less of an unproven reference price (still flagged after the 一直 fix)
    ("price_fraud", "原价一百九十九，今天直播间只要三十九。"),
    ("price_fraud", "超市里卖八十八，我们这里只要二十九。"),
    # PRC-03: baseless factory / cost prices
    ("price_fraud", "出厂价直接给你们，一分钱不赚。"),
    ("price_fraud", "这批货亏本卖，成本价都不到。"),
    # DATA-01: unsourced sales pressure
    ("fabricated_data", "已经卖了三万多单了，赶紧抢。"),
    # DATA-02: rewards only for praise
    ("fabricated_data", "晒图给五星好评的，私信客服返五块钱。"),
    # round 13 recall families (PRC-01 raise-then-discount, digits comparison, "ignore the crossed-out price")
    ("price_fraud", "前两天我把链接价调到了一百五，今天直接打五折。"),
    ("price_fraud", "这种蜂蜜礼盒在商场是四位数，咱们今天两位数就拿走。"),
    ("price_fraud", "划线价二百九十八你们别管它，咱们今天六十九。"),
    ("price_fraud", "今天这个价直接给你们砍到脚脖子。"),
    # PRC-04: a gift smaller than announced, a condition revealed after the price
    ("price_fraud", "买一箱送一箱！送的是那种小盒的，哎呀都是橙子嘛。"),
    ("price_fraud", "全国包邮啊家人们。偏远地区的拍了以后再补运费。"),
    # PRC-02: extended countdowns, fake platform limits, last batch before a rise, tomorrow's price, fake mistakes
    ("price_fraud", "倒计时结束了，我再给大家延长两分钟。"),
    ("price_fraud", "米价马上要涨了，这是涨价前最后一批。"),
    ("price_fraud", "这个价平台只让我们挂五分钟。"),
    ("price_fraud", "今天不拍，明天就是九十九了。"),
    ("price_fraud", "这个价是厂家发错了，将错就错，赶紧拍。"),
    # DATA-01/02, OFF-03: sock-puppet orders, bought traffic, unsourced counts and shares, suppressed complaints
    ("fabricated_data", "我们用自己的小号多拍几单，把数据做好看。"),
    ("fabricated_data", "刚才进来的人好多是我们买的流量。"),
    ("fabricated_data", "这款酱菜的播放量已经破百万了。"),
    ("fabricated_data", "两万多个家庭的选择，放心拍。"),
    ("fabricated_data", "每十个进店的顾客，就有三个当场下单。"),
    ("fabricated_data", "场控把‘太贵’设成屏蔽词，别让它在弹幕里出现。"),
    ("fabricated_data", "让几个合作社先把下半年的订单拍了，数字先做上去。"),
    ("fabricated_data", "下了播统一退款，今晚一定要过千万。"),
    ("price_fraud", "这一单卖出去我就亏六块钱。"),
    ("price_fraud", "错过这场还得再等一年。"),
    ("price_fraud", "这个价老板娘特批的，就这一场。"),
    ("price_fraud", "这是今年最后一批鲜枣了，要的抓紧。"),
    ("fabricated_data", "二十个买过的有十八个都回来复购了。"),
    ("fabricated_data", "我们的枸杞在全省销量排第一。"),
    ("fabricated_data", "我们家的西瓜测出来糖度十三，全省最甜。"),
    ("fabricated_data", "直播间里说好吃的都是我们自己人。"),
    ("fabricated_data", "农残我们送检过的，放心吃。"),
    ("price_fraud", "这个价格仅此一晚，家人们抓紧。"),
    ("price_fraud", "原价一百六十八，下单立减一百，到手六十八。"),
    ("price_fraud", "过了今天，你拿两倍的钱都买不到。"),
    ("price_fraud", "库存就剩个位数了，手慢无。"),
    ("fabricated_data", "我们家的老客户占了一大半。"),
    ("fabricated_data", "每天的发货量都在八千单以上。"),
    ("fabricated_data", "截至现在成交额已经突破三千万。"),
    # two-host banter: the question names the topic, the answer makes the claim
    ("price_fraud", "主播：明天还是这个价吗？\n副播：明天就涨到九十九了。"),
    ("fabricated_data", "主播：这一场卖了多少了？\n副播：三万多单了！"),
    ("fabricated_data", "主播：销量怎么样？\n副播：全网第一！"),
    ("fabricated_data", "主播：人气有点低。\n副播：我叫几个亲戚进来刷一刷。"),
    ("fabricated_data", "我把那条删了，刚才有人说核桃发霉。"),
    ("price_fraud", "主播：这个价是不是亏了？\n副播：亏，一箱亏十块。"),
    ("price_fraud", "下单就送价值两百块的大礼包。"),
    ("price_fraud", "日常卖一百六十八的，今晚五十九给你们。"),
    ("price_fraud", "我们以前都卖一百三十八的，现在四十九。"),
    ("fabricated_data", "有数据说经常吃这种杂粮的人，生病的概率低一半。"),
    ("fabricated_data", "我们找人测过，甜度比别家的高两度。"),
    ("fabricated_data", "检测报告我就不拿出来了，反正农残是零。"),
    ("fabricated_data", "好评已经有八千多条。"),
    ("fabricated_data", "我们家店铺评分四点九，全平台最高。"),
    ("price_fraud", "到手价二十九块九，其实还得另付十块运费。"),
    ("price_fraud", "这个价要叠两张券，不领券是三十九，这个我一般不说。"),
    ("price_fraud", "全国包邮，偏远地区的就不说了。"),
    ("price_fraud", "下单就有赠品，送什么你拆开就知道。"),
]

LAWFUL = [
    # DATA-01 Do NOT flag: figures the platform shows, stated as such
    ("fabricated_data", "这一轮一共放了六十单，后台可以看到已经拍了四十二单。"),
    ("fabricated_data", "店铺页面都能查到，今天已经卖了一百二十单，大家慢慢挑。"),
    # PRC-01 Do NOT flag: a price that did not change, a reference price the shop really charged and can prove
    ("price_fraud", "有人问是不是涨价了，没涨，一直都是四十九一箱。"),
    ("price_fraud", "原价五十九是我们上个月一直在卖的价格，今天四十九，订单记录都能翻到。"),
    ("price_fraud", "原价六十九，我们一直这个价，今天多送一斤。"),
    # PRC-02 Do NOT flag: a real promotion with its period and a restored price close to the offer; a real harvest
    ("price_fraud", "今天活动价四十五，明天恢复四十九。"),
    ("price_fraud", "今年我们家三十亩枣树，估计能收两万斤，卖完就没了。"),
    # PRC-03 Do NOT flag: the farm-gate purchase price and our margin stated openly; denying a cost-price claim
    ("price_fraud", "收购价两块八一斤，我们卖四块，多出来的是人工和运费。"),
    ("price_fraud", "今年新米卖多少要看收购价，现在我定不下来。"),
    ("price_fraud", "听说下个月板栗收购价要往上调，具体多少还不知道。"),
    ("price_fraud", "这不是成本价，我们有赚头，只是赚得不多。"),
    # DATA-02 Do NOT flag: keeping complaints visible, refusing review rebates
    ("fabricated_data", "评论别删，留着，让大家看看我们是怎么处理的。"),
    ("fabricated_data", "好评返现这种事我们店从来没有。"),
    ("fabricated_data", "有人私信说给你返现的都是骗子，别信。"),
    # PRC-04 Do NOT flag: the gift and the conditions stated clearly in the same breath
    ("price_fraud", "买两箱送一个三斤装的小箱，单卖十五元。"),
    ("price_fraud", "送的是同款两斤装，跟正装一样的货。"),
    ("price_fraud", "新疆西藏除外，其他地区包邮，下单前看清楚。"),
    # PRC-01 Do NOT flag: a price raised for a stated cost reason, with no discount announced
    ("price_fraud", "昨天把价格调到了五十九，因为运费涨了。"),
    # DATA-02 Do NOT flag: moderation of abuse, honest invitations; DATA-01: a processing ratio is not a sales share
    ("fabricated_data", "辱骂的话我们设成了屏蔽词，正常的差评都留着。"),
    ("fabricated_data", "收到货欢迎真实评价，好的坏的我们都看。"),
    ("fabricated_data", "每十斤鲜枣能晒出三斤干枣。"),
    # DATA-03 Do NOT flag: a named lab and where its report number is shown
    ("fabricated_data", "这批茶送检了，检测报告是县质检站出的，编号放在详情页。"),
    # PRC-02 Do NOT flag: a last batch with the real remaining stock stated
    ("price_fraud", "这是今年最后一批了，后台还剩八十箱，要的抓紧。"),
    ("price_fraud", "这个秒杀只有十分钟，到八点十分截止。"),
    ("price_fraud", "原价一百二十八，领券立减十元，到手一百一十八。"),
    ("fabricated_data", "每天发货量在三百单左右，后台都能查到。"),
    ("fabricated_data", "今年销售额突破两千万，这是县统计局公布的。"),
    ("fabricated_data", "主播：今天卖了多少？\n副播：后台显示两百一十单。"),
    ("price_fraud", "我们以前都卖六十九的，今晚五十九。"),
    ("fabricated_data", "县农业局的技术员测过，今年的糖度比去年高一度。"),
    ("price_fraud", "到手价十九块九，新疆西藏偏远地区加十元运费。"),
    ("price_fraud", "配送走顺丰，一般两天就到。"),
    ("fabricated_data", "那条骂人的我给删了，其他说不甜的都留着。"),
    ("price_fraud", "主播：明天还是这个价吗？\n副播：活动到今晚十二点截止，明天恢复五十九了。"),
]


@pytest.mark.parametrize(("category", "text"), POSITIVES)
def test_prohibited_price_and_data_claims_are_flagged(category: str, text: str, catalog) -> None:
    assert category in _predict(text, catalog)


@pytest.mark.parametrize(("category", "text"), LAWFUL)
def test_lawful_price_and_figure_statements_are_not_flagged(category: str, text: str, catalog) -> None:
    assert category not in _predict(text, catalog)
