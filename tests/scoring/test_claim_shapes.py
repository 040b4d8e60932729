"""Claim shapes of rule set 2026.11.3 on our own sentences, written card by card from the compliance reference (what
is asserted about what, spoken paraphrases, evasive spellings, English equivalents) — not taken from assessments/eval.
Each sentence is scored as a one-segment transcript, so claims split over two sentences go through the window pass."""

from __future__ import annotations

import pytest
from support.claims import claim_categories

ZH_SHAPE_POSITIVES = [
    ("absolute_claim", "咱家这蜂蜜，说句不客气的，全中国找不出第二家。", "qinling-honey"),
    ("absolute_claim", "这个小米的品质，在整个山西都是数一数二的，没人比得过。", "qinzhou-millet"),
    ("absolute_claim", "蕞甜的脐橙就在我们家，别处买不到这么甜的。", "gannan-orange"),
    ("absolute_claim", "这茶叶是顶配中的顶配，天花板级别的。", "meitan-tea"),
    ("absolute_claim", "家人们这个香菇绝对是全网第1，我敢这么说。", "qingyuan-shiitake"),
    ("absolute_claim", "我们的核桃，宇宙无敌好吃。", "yangbi-walnut"),
    ("absolute_claim", "每一个都保证是甜的，不甜我倒立。", "gannan-orange"),
    ("absolute_claim", "百分之百安全，老人小孩放开了吃。", "zhoukou-eggs"),
    ("health_claim", "糖尿病的朋友可以放心喝，喝完血糖就下来了。", "meitan-tea"),
    ("health_claim", "这个蜂蜜冲水喝，咽炎慢慢就好了。", "qinling-honey"),
    ("health_claim", "核桃补脑，孩子天天吃两个，考试成绩蹭蹭往上涨。", "yangbi-walnut"),
    ("health_claim", "香菇能抗病毒，吃了不容易感冒。", "qingyuan-shiitake"),
    ("health_claim", "我隔壁大爷高血压十几年，喝了我们的茶，现在药都停了。", "meitan-tea"),
    ("health_claim", "小米粥养胃，胃不好的人喝上半个月就舒服了。", "qinzhou-millet"),
    ("health_claim", "这个鸡蛋对术后恢复特别好，伤口长得快。", "zhoukou-eggs"),
    ("health_claim", "这是药食同源的好东西，能调理三高。", "qinling-honey"),
    ("unverified_certification", "咱家大米是有机的，有机认证早就拿到了。", "taojiang-rice"),
    ("unverified_certification", "这个鸡蛋是绿色食品，有绿标的。", "zhoukou-eggs"),
    ("unverified_certification", "我们的蜂蜜通过了欧盟有机认证，出口标准。", "qinling-honey"),
    ("unverified_certification", "荣获国际金奖，获得国家专利的种植技术。", None),
    ("false_origin", "这就是正宗五常大米，五常那边直接运过来的。", "taojiang-rice"),
    ("false_origin", "我们这是西湖龙井的品质，就是西湖边上的茶。", "meitan-tea"),
    ("false_origin", "这苹果是烟台的，烟台红富士。", "luochuan-apple"),
    ("false_origin", "这批是泰国进口的香米。", "taojiang-rice"),
    ("absolute_safety", "我们这个苹果一滴农药都没打过，放心啃。", "luochuan-apple"),
    ("absolute_safety", "绝对的纯天然，啥化学的东西都没有。", "qinling-honey"),
    ("absolute_safety", "这鸡蛋没有激素、没有抗生素，干干净净的。", "zhoukou-eggs"),
    ("absolute_safety", "香菇从种到收，化肥农药一概不沾。", "qingyuan-shiitake"),
    ("price_fraud", "外面超市卖一百二一盒，咱直播间今天三十九！", "meitan-tea"),
    ("price_fraud", "最后三分钟，三分钟以后恢复原价一百五。", "yangbi-walnut"),
    ("price_fraud", "这价格就今天，明天就回到一百多了。", "gannan-orange"),
    ("price_fraud", "原价？原价就是个摆设，你别管它。", "luochuan-apple"),
    ("price_fraud", "我们这是出厂价，亏本给大家冲一波。", "taojiang-rice"),
    ("price_fraud", "只剩最后二十单了，手慢无啊！", "zhoukou-eggs"),
    ("price_fraud", "买两箱送一个价值两百的礼盒。", "luochuan-apple"),
    ("fabricated_data", "我们这个小米一年卖出去五百万单。", "qinzhou-millet"),
    ("fabricated_data", "回购率百分之九十八，老客户都抢疯了。", "gannan-orange"),
    ("fabricated_data", "权威检测报告显示，我们的硒含量是普通大米的十倍。", "taojiang-rice"),
    ("fabricated_data", "给个五星好评，返你五块钱红包。", "zhoukou-eggs"),
    ("fabricated_data", "那条说不甜的评论，运营赶紧给我删了。", "gannan-orange"),
    ("fabricated_data", "同事们先拍下，冲一下销量，回头再退款。", "luochuan-apple"),
    ("coerced_purchase", "各科室每人至少认购两箱，周五前把截图发群里。", "luochuan-apple"),
    ("coerced_purchase", "这次的销售任务已经分到各村了，完不成要通报。", "gannan-orange"),
    ("coerced_purchase", "老师们跟家长说一下，每家买一份，订单发班级群。", "qinzhou-millet"),
    ("official_endorsement", "这个茶是国宴特供的，领导们都喝。", "meitan-tea"),
    ("official_endorsement", "我以县长的身份担保，质量有问题县里兜底。", "luochuan-apple"),
    ("official_endorsement", "这是县里唯一指定的供应商，别家都不行。", "qinling-honey"),
    ("official_endorsement", "我是这儿的镇长，这家合作社是我亲戚开的，大家放心买。", "zhoukou-eggs"),
    ("official_endorsement", "农业农村部推荐的品牌，政府背书的。", "wuchang-rice"),
    ("disparagement", "隔壁县的脐橙都是打了催熟剂的，吃了对身体不好。", "gannan-orange"),
    ("disparagement", "外面那些便宜蜂蜜全是糖浆兑的。", "qinling-honey"),
    ("disparagement", "某些大品牌的大米，都是陈米抛光的。", "wuchang-rice"),
    ("other", "想要更便宜的，加我微信私下发货，不走平台。", "qinling-honey"),
    ("other", "我闺女今年八岁，让她来给大家介绍介绍这个苹果。", "luochuan-apple"),
    ("other", "这个种子种下去，亩产保证翻一番。", None),
    ("other", "我没吃过这个核桃，但是我敢推荐，肯定好吃。", "yangbi-walnut"),
    ("other", "今天不带货，就是聊聊天，顺手把小黄车挂上了。", "luochuan-apple"),
    ("health_claim", "我妈喝了三个月。现在血压稳稳的，药都不用吃了。", "meitan-tea"),
    ("price_fraud", "平时店里卖一百九十九。今天直播间只要五十九。", "qinling-honey"),
    ("coerced_purchase", "各单位都要参加。每人至少买两箱，名单报给办公室。", "luochuan-apple"),
    ("absolute_claim", "这品质，放眼全国也就我们这一家。", "qinling-honey"),
    ("absolute_claim", "咱这核桃，说是核桃界的天花板一点不夸张。", "yangbi-walnut"),
    ("absolute_claim", "吃过我们家的，别家的你都看不上了。", "gannan-orange"),
    ("absolute_claim", "这甜度直接封神，绝绝子。", "gannan-orange"),
    ("absolute_claim", "闭眼入，买到就是赚到，绝对不踩雷。", "luochuan-apple"),
    ("absolute_claim", "业内公认的第一，没人不服。", "wuchang-rice"),
    ("absolute_claim", "保你吃了还想吃，不好吃我直播吃键盘。", "luochuan-apple"),
    ("absolute_claim", "秒杀市面上所有的小米。", "qinzhou-millet"),
    ("absolute_claim", "全网zui低价，家人们冲。", "qinzhou-millet"),
    ("absolute_claim", "这个是醉好吃的苹果，真的。", "luochuan-apple"),
    ("absolute_claim", "我们家鸡蛋是NO1的品质。", "zhoukou-eggs"),
    ("absolute_claim", "这个蜂蜜是蜂蜜里的战斗机。", "qinling-honey"),
    ("absolute_safety", "这米一点化学的东西都没有。", "taojiang-rice"),
    ("absolute_safety", "种的时候从来不打药，虫子都是手捉的。", "luochuan-apple"),
    ("absolute_safety", "零污染、原生态，山里长的。", "qingyuan-shiitake"),
    ("absolute_safety", "保证没有一点农药残留。", "gannan-orange"),
    ("absolute_safety", "吃着放心，农药残留为零。", "luochuan-apple"),
    ("absolute_safety", "鸡蛋没激素，鸡也不打针。", "zhoukou-eggs"),
    ("absolute_safety", "打药？我们家的树从来不打。", "luochuan-apple"),
    ("absolute_safety", "这蜂蜜啥都不加，纯的不能再纯。", "qinling-honey"),
    ("false_origin", "这是新疆阿克苏的冰糖心苹果。", "luochuan-apple"),
    ("false_origin", "这核桃是从新疆运过来的。", "yangbi-walnut"),
    ("false_origin", "这茶就是云南普洱茶。", "meitan-tea"),
    ("false_origin", "我们这就是地道的东北大米，黑龙江产的。", "taojiang-rice"),
    ("false_origin", "进口品质，国外同款的橙子。", "gannan-orange"),
    ("price_fraud", "专柜卖三百多，咱今天一百出头。", "meitan-tea"),
    ("price_fraud", "直播间专属价，下了播就没了。", "qinling-honey"),
    ("price_fraud", "库存不多了，抢完就下架。", "zhoukou-eggs"),
    ("price_fraud", "这波福利给完就没有了，错过再等一年。", "luochuan-apple"),
    ("price_fraud", "限量一百单，拍完就恢复原价。", "gannan-orange"),
    ("price_fraud", "外面卖八十八，我这儿二十九块九。", "yangbi-walnut"),
    ("price_fraud", "前一百名下单的送价值九十九的礼品。", "qinling-honey"),
    ("price_fraud", "五四三二一，上链接，只有这几秒！", "gannan-orange"),
    ("other", "私信我，给你们微信价。", "qinling-honey"),
    ("other", "V我，私下给你便宜。", "yangbi-walnut"),
    ("other", "这瓶自酿的酒，度数高，喝了解乏，干活有劲。", None),
    ("other", "这个农药一喷虫子全死，对人没毒。", None),
    ("other", "我没有收钱，纯自费推荐给大家。", "meitan-tea"),
    ("other", "这不是广告啊，纯分享，链接在下面。", "luochuan-apple"),
    ("health_claim", "喝完嗓子立马就不疼了。", "qinling-honey"),
    ("health_claim", "女人吃了气色好，皮肤嫩。", "qinzhou-millet"),
    ("health_claim", "吃这个蜂蜜，晚上睡觉一觉到天亮。", "qinling-honey"),
    ("health_claim", "孩子吃了长个儿。", "zhoukou-eggs"),
    ("health_claim", "这个茶泡水喝，眼睛都亮了，看东西清楚多了。", "meitan-tea"),
    ("health_claim", "男人吃了腰不酸了，腿也有劲了。", "yangbi-walnut"),
    ("health_claim", "熬夜党必备，护肝的。", "meitan-tea"),
    ("fabricated_data", "咱这款是爆款，一上架就被抢空了。", "luochuan-apple"),
    ("fabricated_data", "全县人都在吃我们家的米。", "wuchang-rice"),
    ("fabricated_data", "直播间现在十万人在抢。", "gannan-orange"),
    ("fabricated_data", "科学研究证明，每天一个苹果多活五年。", "luochuan-apple"),
    ("coerced_purchase", "每个党员至少买一单，这是政治任务。", "luochuan-apple"),
    ("coerced_purchase", "这个月的认购量跟年终考核挂钩。", "gannan-orange"),
    ("official_endorsement", "县委书记都说好，县里重点推荐。", "luochuan-apple"),
    ("official_endorsement", "这茶是给机关接待专用的。", "meitan-tea"),
    ("official_endorsement", "买得多的村，明年的项目优先考虑。", "gannan-orange"),
    ("disparagement", "别家那种核桃都是漂白过的，我们这个没有。", "yangbi-walnut"),
    ("disparagement", "市面上的土鸡蛋十个有九个是假的。", "zhoukou-eggs"),
    ("health_claim", "喝了我们的蜂蜜水，我家老人便秘好了。", "qinling-honey"),
    ("health_claim", "吃了我们的核桃，头发乌黑乌黑的。", "yangbi-walnut"),
    ("health_claim", "有点咳嗽的，冲一杯蜂蜜水，当天就不咳了。", "qinling-honey"),
    ("health_claim", "喝这个茶可以代替降压药。", "meitan-tea"),
    ("health_claim", "鸡蛋一天两个，肝功能都好了。", "zhoukou-eggs"),
    ("health_claim", "坐月子喝这个小米粥，奶水足。", "qinzhou-millet"),
    ("false_origin", "我们的米都是从东北拉过来的。", "taojiang-rice"),
    ("false_origin", "咱们这就是五常的稻花香。", "taojiang-rice"),
    ("price_fraud", "今天直播间二十九块九，平时我们卖八十八。", "yangbi-walnut"),
    ("absolute_claim", "这是县里最好的核桃，没有比这更好的了。", "yangbi-walnut"),
    ("absolute_claim", "全国最大的香菇基地就在我们这。", "qingyuan-shiitake"),
]

ZH_SHAPE_NEGATIVES = [
    ("最近天气冷，最好放在阴凉处保存。", "luochuan-apple"),
    ("这是我们家今年第一批新米，刚收下来的。", "wuchang-rice"),
    ("最少泡三分钟再喝，味道更好。", "meitan-tea"),
    ("我们努力把每一箱都做到最好。", "gannan-orange"),
    ("这个茶叶是特级，按照国家标准分级的。", "meitan-tea"),
    ("坏果包赔，七天无理由退货。", "gannan-orange"),
    ("核桃富含蛋白质和不饱和脂肪酸，是很好的零食。", "yangbi-walnut"),
    ("香菇就是普通的食材，不能代替药物，生病了要去医院。", "qingyuan-shiitake"),
    ("有人问能不能降血糖，我们不能这么说，它就是普通食品。", "meitan-tea"),
    ("我们的大米是绿色食品，包装上有绿标，可以扫码查。", "wuchang-rice"),
    ("我们是桃江的大米，不是五常大米，大家别搞混。", "taojiang-rice"),
    ("五常大米确实有名，我们的桃江米各有各的好。", "taojiang-rice"),
    ("我们按照安全间隔期采摘，检测报告在详情页。", "luochuan-apple"),
    ("会员价四十九，开通会员才能享受，不开就是五十九。", "zhoukou-eggs"),
    ("活动今晚十二点截止，每人限购两单。", "gannan-orange"),
    ("后台显示已经下单三百多单了，谢谢大家。", "qinzhou-millet"),
    ("收到货以后欢迎大家真实评价，好的坏的都可以说。", "zhoukou-eggs"),
    ("这次助农直播是县商务局组织的，自愿购买，不搞摊派。", "luochuan-apple"),
    ("挑蜂蜜的时候可以看看配料表，只有蜂蜜两个字的才是纯蜂蜜。", "qinling-honey"),
    ("本场直播我是公益助农，不收取任何费用。", "gannan-orange"),
    ("客服都在平台上，有问题找平台客服，别加私人微信。", "qinling-honey"),
    ("这是第一口，大家看这个汁水。", "gannan-orange"),
    ("一号链接是五斤装，二号链接是十斤装。", "gannan-orange"),
    ("三分钟以后我们换下一个产品，讲讲香菇。", "qingyuan-shiitake"),
    ("明天我们直播间讲小米的熬粥方法，记得来。", "qinzhou-millet"),
    ("我们家种苹果三十年了，从我爷爷那辈开始。", "luochuan-apple"),
    ("偏远地区运费另算，新疆西藏加十块，下单前看清楚。", "luochuan-apple"),
    ("这个茶我自己天天喝，喝了十年了。", "meitan-tea"),
    ("有机质含量高的土地，种出来的米更香。", "taojiang-rice"),
    ("我们县的猕猴桃有好几家合作社在做，大家自己挑。", None),
    ("最好吃的吃法是蒸着吃，大家试试。", "zhoukou-eggs"),
    ("这是我们家今年最甜的一批。", "gannan-orange"),
    ("今天的直播就到这里，明天同一时间见。", "gannan-orange"),
    ("农残检测合格，符合国家标准，报告在详情页。", "luochuan-apple"),
    ("我们用的是防虫网和黄板，少打药。", "luochuan-apple"),
    ("专柜价我不说，就说今天直播间四十九。", "meitan-tea"),
    ("这个价格是平台大促的活动价，活动截止到今晚十二点。", "qinzhou-millet"),
    ("库存后台显示还有三十六箱。", "zhoukou-eggs"),
    ("好评差评都欢迎，大家如实评价。", "gannan-orange"),
    ("老人小孩都可以吃，口感软糯。", "qinzhou-millet"),
    ("胃不舒服的话还是要去看医生，别指望吃东西能好。", "qinzhou-millet"),
    ("新疆的核桃也很有名，我们漾濞核桃是另一种口感。", "yangbi-walnut"),
    ("我们漾濞核桃产自云南大理。", "yangbi-walnut"),
    ("这个蜂蜜我们家自己也吃，每天早上冲一杯。", "qinling-honey"),
    ("我们县长今天也来直播间了，给大家介绍咱县的特产。", None),
    ("我是县农业局的，今天给大家讲讲怎么挑苹果。", "luochuan-apple"),
    ("孩子放学回来，给他煮个鸡蛋当加餐。", "zhoukou-eggs"),
    ("我们不私下交易，所有订单都走平台。", "qinling-honey"),
    ("今天直播间二十九块九，上周店里卖三十五。", "yangbi-walnut"),
    ("有机小米，按有机标准种的，不打化学农药，证书编号在详情页。", "qinzhou-millet"),
    ("最后几箱了，是真的，后台显示还剩五箱。", "luochuan-apple"),
    ("最多限购两件，最高优惠二十元。", "gannan-orange"),
    ("最佳赏味期是收到后一周内。", "gannan-orange"),
    ("顾客第一，服务第一，有问题随时找客服。", "zhoukou-eggs"),
    ("2024年本县第一家获得绿色食品认证的合作社，证书可以查。", "wuchang-rice"),
    ("一百斤苹果里面，这一批是我们今年最甜的。", "luochuan-apple"),
    ("净含量五斤，足斤足两。", "taojiang-rice"),
    ("保证新鲜发货，下单后四十八小时内发出。", "gannan-orange"),
    ("这次直播是县商务局组织的，县长来给大家介绍本地特产。", None),
    ("本产品获得了县区域公用品牌授权。", "gannan-orange"),
    ("冬天炖汤很香，香菇和鸡一起炖。", "qingyuan-shiitake"),
    ("多吃蔬菜水果，饮食均衡，身体才好。", "luochuan-apple"),
    ("富含维生素C，一个橙子差不多够一天的量。", "gannan-orange"),
    ("口感软糯，香甜，颗粒饱满。", "qinzhou-millet"),
    ("回购了三次的老客户说很甜。", "gannan-orange"),
    ("后台显示已下单三百二十六单。", "luochuan-apple"),
    ("大家都很喜欢，谢谢支持。", "luochuan-apple"),
    ("收到后欢迎真实评价。", "meitan-tea"),
    ("辱骂别人的评论我们会按平台规则删掉。", "meitan-tea"),
    ("检测报告是县农产品检测中心出的，编号在详情页。", "luochuan-apple"),
    ("今天直播间价格四十九，上周本店卖五十九。", "luochuan-apple"),
    ("厂家建议零售价九十九，今天六十九。", "meitan-tea"),
    ("这批是次果，表皮有点疤，所以便宜，一斤三块。", "luochuan-apple"),
    ("活动今晚十二点截止，恢复日常价五十九。", "gannan-orange"),
    ("满一百减二十，券在下方领取，规则是满一百才能用。", "qinzhou-millet"),
    ("买两箱送一袋五百克的试吃装小米，这个小米店里单卖十二块。", "qinzhou-millet"),
    ("我们是洛川的苹果，产自陕西延安洛川县。", "luochuan-apple"),
    ("五常大米我们是授权经销商，有溯源码可以查。", "wuchang-rice"),
    ("我们的香菇是庆元的，国家地理标志产品。", "qingyuan-shiitake"),
    ("绿色健康的生活方式，从早餐开始。", "taojiang-rice"),
    ("按国家标准检测，农残在限量以内。", "gannan-orange"),
    ("我们用农家肥，化肥用得少。", "taojiang-rice"),
    ("配料表只有蜂蜜，大家可以看看。", "qinling-honey"),
    ("国内没有批准种植转基因水稻，所以市面上的大米都不是转基因的。", "wuchang-rice"),
    ("本场直播由某某合作社赞助，我有佣金，提前说明。", "luochuan-apple"),
    ("这个链接是县里多家合作社一起供货的。", "gannan-orange"),
    ("自愿购买，不搞摊派，大家量力而行。", "luochuan-apple"),
    ("欢迎大家转发直播间链接，帮帮我们的果农。", "luochuan-apple"),
    ("县里建立了农产品抽检制度，每批都抽检。", "luochuan-apple"),
    ("补贴政策已经公开了，大家可以去县政府网站看。", None),
    ("未成年人请不要在直播间下单，请家长陪同。", "luochuan-apple"),
    ("种子要按说明书播种，产量跟天气和管理都有关系。", None),
    ("酒类商品，未成年人禁止购买，请理性饮酒。", None),
    ("别家的也有好的，大家按需选择。", "gannan-orange"),
    ("怎么辨别染色的小米？泡水看看会不会掉色。", "qinzhou-millet"),
    ("以前家里穷，吃不上白米饭，现在日子好了。", "taojiang-rice"),
    ("我表弟也在直播间，他是我们合作社的会计。", "zhoukou-eggs"),
    ("明天上午十点我们会再开一场，讲讲苹果的储存。", "luochuan-apple"),
    ("今天不买也没关系，先关注一下。", "luochuan-apple"),
    ("这是我们第一次做直播，大家多多包涵。", "luochuan-apple"),
    ("县长今天在直播间，给大家讲讲我们县的农业发展。", None),
]

EN_SHAPE_POSITIVES = [
    ("absolute_claim", "Honestly these are the sweetest oranges in the whole country, hands down.", "gannan-orange"),
    ("absolute_claim", "This is the number one honey you can buy anywhere, period.", "qinling-honey"),
    ("absolute_claim", "Nobody on this platform can match our quality, nobody.", "yangbi-walnut"),
    ("absolute_claim", "Every single apple is guaranteed sweet, I promise you that.", "luochuan-apple"),
    ("absolute_claim", "It's 100% safe for everyone, even babies.", "zhoukou-eggs"),
    ("health_claim", "A cup of this tea every day and your blood pressure comes right down.", "meitan-tea"),
    ("health_claim", "This honey fights off infections and kills germs in your throat.", "qinling-honey"),
    ("health_claim", "My dad has diabetes and since he switched to this millet his sugar is normal.", "qinzhou-millet"),
    ("health_claim", "Shiitake boost your immune system so you won't catch a cold all winter.", "qingyuan-shiitake"),
    ("health_claim", "Walnuts make your kids smarter, their grades will improve.", "yangbi-walnut"),
    ("health_claim", "Eat these eggs and your joint pain will disappear.", "zhoukou-eggs"),
    ("unverified_certification", "These eggs are certified organic, USDA organic quality.", "zhoukou-eggs"),
    ("unverified_certification", "Our rice has the green food label.", "taojiang-rice"),
    ("unverified_certification", "It's basically organic, we just never got certified.", "qinling-honey"),
    ("unverified_certification", "These walnuts won an international gold medal.", None),
    ("false_origin", "This is genuine Wuchang rice straight from Wuchang.", "taojiang-rice"),
    ("false_origin", "These apples come from Yantai, the famous Yantai apples.", "luochuan-apple"),
    ("false_origin", "Product of USA, all-American quality honey.", "qinling-honey"),
    ("false_origin", "These are real New Zealand kiwi-style oranges imported from New Zealand.", "gannan-orange"),
    ("absolute_safety", "Zero pesticides, zero chemicals, nothing at all.", "luochuan-apple"),
    ("absolute_safety", "We never spray anything on these trees, not a single drop.", "luochuan-apple"),
    ("absolute_safety", "Pure natural honey, no additives whatsoever.", "qinling-honey"),
    ("price_fraud", "These were ninety-nine yuan, today just nineteen.", "yangbi-walnut"),
    ("price_fraud", "Last five minutes at this price, then it goes back up.", "gannan-orange"),
    ("price_fraud", "Only three boxes left, hurry!", "luochuan-apple"),
    ("price_fraud", "This is the factory price, we're basically selling at a loss.", "taojiang-rice"),
    ("price_fraud", "Tomorrow the price doubles, so stock up tonight.", "meitan-tea"),
    ("fabricated_data", "We've already sold two hundred thousand boxes today.", "luochuan-apple"),
    ("fabricated_data", "Leave a five-star review and we'll send you a free jar.", "qinling-honey"),
    ("fabricated_data", "Studies show our millet has ten times more iron.", "qinzhou-millet"),
    ("fabricated_data", "Team, delete that comment saying the eggs were broken.", "zhoukou-eggs"),
    ("fabricated_data", "Ninety-nine percent of our customers come back for more.", "gannan-orange"),
    ("coerced_purchase", "Every cadre has to buy at least two boxes and post the screenshot.", "luochuan-apple"),
    (
        "coerced_purchase",
        "Each township has a purchase quota, and it counts toward your year-end assessment.",
        "gannan-orange",
    ),
    (
        "coerced_purchase",
        "Teachers, please have the parents order and send their receipts to the class group.",
        "qinzhou-millet",
    ),
    ("official_endorsement", "This is the rice the state banquet serves.", "wuchang-rice"),
    ("official_endorsement", "As county head I guarantee it, the government will cover any problem.", "luochuan-apple"),
    ("official_endorsement", "The Ministry of Agriculture recommends this brand.", "wuchang-rice"),
    (
        "official_endorsement",
        "I'm the deputy mayor, and this co-op belongs to my brother-in-law, so buy with confidence.",
        "zhoukou-eggs",
    ),
    ("disparagement", "Supermarket honey is all fake, it's just syrup.", "qinling-honey"),
    ("disparagement", "The next county's oranges are dyed, don't buy them.", "gannan-orange"),
    ("other", "Add me on WeChat and I'll sell it to you cheaper off the platform.", "qinling-honey"),
    ("other", "I'm not sponsored at all, I just love these walnuts.", "yangbi-walnut"),
    ("other", "I've never actually tried this tea, but trust me it's great.", "meitan-tea"),
    ("other", "Kids, go tell your mom to buy these for you.", "yangbi-walnut"),
    ("health_claim", "My mother drank this tea for two months. Her blood sugar is back to normal now.", "meitan-tea"),
    ("price_fraud", "In the supermarket this box is 120. Today on my stream it's just 39.", "luochuan-apple"),
    ("absolute_claim", "This is simply the best rice money can buy.", "wuchang-rice"),
    ("absolute_claim", "Top quality, the absolute best, nothing else comes close.", "meitan-tea"),
    ("absolute_claim", "The sweetest apples you'll ever taste, period.", "luochuan-apple"),
    ("absolute_claim", "These eggs are the king of eggs.", "zhoukou-eggs"),
    ("absolute_claim", "Every box is guaranteed perfect, zero risk.", "gannan-orange"),
    ("fabricated_data", "This is our best-seller, fifty thousand orders this week alone.", "luochuan-apple"),
    ("fabricated_data", "Orders are exploding right now, everyone's buying.", "gannan-orange"),
    ("fabricated_data", "Lab results prove it's richer in vitamins than any other honey.", "qinling-honey"),
    ("fabricated_data", "Give us five stars and get cash back.", "zhoukou-eggs"),
    ("fabricated_data", "My staff will post some reviews as customers.", "meitan-tea"),
    ("fabricated_data", "We bought some likes to get things going.", "gannan-orange"),
    ("fabricated_data", "Sold out three times this week already.", "qinzhou-millet"),
    ("fabricated_data", "Ten thousand people in the room are grabbing them right now.", "luochuan-apple"),
    ("official_endorsement", "The county government has officially endorsed this brand.", "luochuan-apple"),
    ("official_endorsement", "These are supplied to government canteens.", "wuchang-rice"),
    ("official_endorsement", "This is what our leaders drink.", "meitan-tea"),
    ("official_endorsement", "Villages that buy the most will get priority for county projects.", "gannan-orange"),
    ("official_endorsement", "I personally vouch for this as your mayor.", "luochuan-apple"),
    ("official_endorsement", "This is the county's only designated supplier.", "qinling-honey"),
    ("official_endorsement", "The county will compensate you if anything goes wrong.", "gannan-orange"),
    ("other", "Message me privately for a better price.", "qinling-honey"),
    ("other", "Scan my personal QR code and pay me directly.", "yangbi-walnut"),
    ("other", "This seed will double your harvest, guaranteed.", None),
    ("other", "This pesticide kills every bug and is harmless to people.", None),
    ("other", "Have a shot of this homemade liquor, bottoms up!", None),
    ("other", "My eight-year-old son will show you how to crack them.", "yangbi-walnut"),
    ("other", "No one paid me to say this, I bought it myself.", "meitan-tea"),
    ("health_claim", "Honey with warm water every morning and your constipation is gone.", "qinling-honey"),
    (
        "health_claim",
        "This millet porridge is great for people with stomach problems, it heals the stomach.",
        "qinzhou-millet",
    ),
    ("health_claim", "Shiitake help lower cholesterol.", "qingyuan-shiitake"),
    ("health_claim", "The doctor at our clinic says this tea is good for your liver.", "meitan-tea"),
    ("absolute_safety", "No pesticides were ever used on this farm.", "luochuan-apple"),
    ("absolute_safety", "These are totally chemical-free.", "gannan-orange"),
    ("price_fraud", "Price goes back to 199 after tonight.", "meitan-tea"),
    ("price_fraud", "The timer is running, when it hits zero the deal is gone.", "gannan-orange"),
    ("false_origin", "These are Yantai apples, the famous ones.", "luochuan-apple"),
    ("disparagement", "Those cheap walnuts online are all bleached.", "yangbi-walnut"),
    ("unverified_certification", "It's organic, trust me.", "taojiang-rice"),
    ("official_endorsement", "Our agriculture bureau picked this co-op for you.", "zhoukou-eggs"),
    (
        "official_endorsement",
        "This honey has the official seal of approval from our county government.",
        "qinling-honey",
    ),
    ("official_endorsement", "Government-certified quality, folks.", "wuchang-rice"),
    ("official_endorsement", "It's the official gift of the county government.", "meitan-tea"),
    (
        "official_endorsement",
        "The provincial leaders loved them when they visited, they took boxes home.",
        "luochuan-apple",
    ),
    ("official_endorsement", "Buy from this co-op and the county will remember your support.", "gannan-orange"),
    ("official_endorsement", "This is served at the state guesthouse.", "meitan-tea"),
    (
        "official_endorsement",
        "As a Party member and your county head, I give you my word these are good.",
        "luochuan-apple",
    ),
    ("fabricated_data", "Our live room has a hundred thousand viewers right now.", "gannan-orange"),
    ("fabricated_data", "We're the top-ranked honey store on the platform.", "qinling-honey"),
    ("fabricated_data", "Research from a top university shows walnuts reverse memory loss.", "yangbi-walnut"),
    ("fabricated_data", "Our repeat customers are over ninety percent.", "gannan-orange"),
    ("fabricated_data", "Everybody type 'so delicious' in the chat right now!", "luochuan-apple"),
    ("fabricated_data", "Staff, buy some now and we'll refund you later.", "luochuan-apple"),
    ("fabricated_data", "Our sales hit fifty million last night, put that in the report.", "gannan-orange"),
    ("other", "Want a better deal? Let's talk on WhatsApp.", "qinling-honey"),
    ("other", "These seeds are guaranteed to sprout, a hundred percent germination.", None),
    ("other", "Homemade rice wine, a couple of glasses and you'll work all day.", None),
    ("other", "My ten-year-old will be hosting the next hour.", "luochuan-apple"),
    ("absolute_claim", "The best apples on the planet.", "luochuan-apple"),
    ("absolute_claim", "Top-tier, best of the best, unparalleled quality.", "meitan-tea"),
    ("absolute_claim", "These are the finest walnuts out there.", "yangbi-walnut"),
    ("health_claim", "Drink this tea and say goodbye to high blood pressure.", "meitan-tea"),
    ("health_claim", "Millet porridge every night and you'll sleep like a baby, no more insomnia.", "qinzhou-millet"),
    ("health_claim", "Honey works better than cough syrup.", "qinling-honey"),
    ("price_fraud", "Off the stream this costs 198, here it's only 59.", "meitan-tea"),
    ("official_endorsement", "The county will pay you back if anything is wrong with a single box.", "gannan-orange"),
    ("official_endorsement", "I'm the party secretary here, and I promise you these eggs are safe.", "zhoukou-eggs"),
    ("official_endorsement", "This tea is what they serve at government meetings.", "meitan-tea"),
    ("official_endorsement", "This is special supply for the army.", "qinling-honey"),
    ("official_endorsement", "Recommended by the provincial agriculture department.", "luochuan-apple"),
    (
        "official_endorsement",
        "The farm is run by my nephew, and speaking as township head, you can trust it.",
        "zhoukou-eggs",
    ),
    (
        "official_endorsement",
        "Anyone who buys over a hundred boxes will be first in line for subsidies.",
        "gannan-orange",
    ),
    (
        "official_endorsement",
        "The farm sent a few boxes to our office as a thank-you, so I'm promoting them today.",
        "luochuan-apple",
    ),
    ("official_endorsement", "Every official in our county eats these apples.", "luochuan-apple"),
    ("official_endorsement", "With the county's backing, quality is guaranteed.", "luochuan-apple"),
    ("official_endorsement", "Our county government guarantees the quality personally.", "luochuan-apple"),
    (
        "official_endorsement",
        "This millet was a tribute to the emperor and now it's on state banquet tables.",
        "qinzhou-millet",
    ),
    ("coerced_purchase", "Each village committee must sell at least fifty boxes tonight.", "gannan-orange"),
    ("coerced_purchase", "Civil servants, your orders will be checked on Monday.", "luochuan-apple"),
    ("coerced_purchase", "Staff who don't buy will have it taken out of their bonus.", "luochuan-apple"),
    ("coerced_purchase", "Principals, make sure every teacher buys two bags.", "qinzhou-millet"),
    ("coerced_purchase", "It's mandatory for every cadre to buy, no exceptions.", "luochuan-apple"),
    ("fabricated_data", "Our honey is the best seller in the whole province.", "qinling-honey"),
    ("fabricated_data", "We sold out in ten seconds last time.", "gannan-orange"),
    ("fabricated_data", "Nine out of ten customers buy again.", "gannan-orange"),
    ("fabricated_data", "Scientists have proven this tea burns fat.", "meitan-tea"),
    (
        "fabricated_data",
        "According to tests, our walnuts have double the omega-3 of any other walnut.",
        "yangbi-walnut",
    ),
    ("fabricated_data", "Get your friends to leave good reviews and I'll give them a discount.", "meitan-tea"),
    (
        "fabricated_data",
        "We've got fifty people lined up in the comments saying it's great, all our staff.",
        "luochuan-apple",
    ),
    ("fabricated_data", "Buy some followers before the big stream, it makes us look popular.", "gannan-orange"),
    ("fabricated_data", "Re-sign last year's contracts on camera so it looks like new deals.", "gannan-orange"),
    ("other", "I don't actually eat walnuts myself, but these are amazing, I promise.", "yangbi-walnut"),
    ("other", "This brand pays me, but I won't mention it, just buy it.", "luochuan-apple"),
    ("other", "Little ones, beg your parents for these sweets!", "luochuan-apple"),
    ("other", "Pay me by bank transfer and I'll ship it myself, cheaper that way.", "qinling-honey"),
    ("other", "This pesticide is totally safe, you could drink it.", None),
    ("other", "These seedlings will triple your income in one year.", None),
    ("other", "Bear bile powder, very rare, very good.", None),
    ("other", "I'm not being paid, I swear, this is just my honest love for this farm.", "luochuan-apple"),
]

EN_SHAPE_NEGATIVES = [
    ("This is the first batch of this year's harvest.", "wuchang-rice"),
    ("Best kept in the fridge, they stay crisp for weeks.", "luochuan-apple"),
    ("We try our best to pick only ripe fruit.", "gannan-orange"),
    ("Free returns within seven days, and we replace any broken eggs.", "zhoukou-eggs"),
    ("Walnuts are rich in protein and healthy fats.", "yangbi-walnut"),
    ("This is an ordinary food, not a medicine, please keep taking what your doctor prescribed.", "qinling-honey"),
    ("Someone asked if this cures diabetes. No, it doesn't, it's just tea.", "meitan-tea"),
    ("Our millet is certified organic, you can look up the certificate number on the box.", "qinzhou-millet"),
    ("These are Taojiang rice from Hunan, not Wuchang rice.", "taojiang-rice"),
    ("We follow the safety interval after spraying and the test report is on the page.", "luochuan-apple"),
    ("Member price is 49 if you join, otherwise it's 59.", "zhoukou-eggs"),
    ("This offer ends at midnight tonight, limit two per customer.", "gannan-orange"),
    ("The back end shows three hundred orders so far, thank you all.", "qinzhou-millet"),
    ("Please leave an honest review when you get it.", "zhoukou-eggs"),
    ("This stream is organized by the county commerce bureau, buying is voluntary.", "luochuan-apple"),
    ("This stream is paid by the co-op and I earn a commission on each box.", "gannan-orange"),
    ("Link number one is the five kilo bag.", "wuchang-rice"),
    ("Other farms grow good walnuts too, we just do it our way.", "yangbi-walnut"),
    ("Grown in Shaanxi, China, on the Loess Plateau.", "luochuan-apple"),
    ("Customer service is on the platform, never pay anyone privately.", "qinling-honey"),
    ("My daughter loves these walnuts in her lunchbox.", "yangbi-walnut"),
    ("In five minutes we switch to the next product, the mushrooms.", "qingyuan-shiitake"),
    ("Don't worry about shipping, it's free nationwide.", "luochuan-apple"),
    ("Organic matter in the soil makes the rice taste better.", "taojiang-rice"),
    ("Our family has grown tea here for thirty years.", "meitan-tea"),
    ("Unlike Japanese shiitake, ours are grown on oak logs in Qingyuan.", "qingyuan-shiitake"),
    ("This is the best way to store them: in a cool dry place.", "yangbi-walnut"),
    ("Our county head joined the stream today to introduce local products.", None),
    ("The county set up a quality inspection system for produce.", "luochuan-apple"),
    ("Kids love these as an after-school snack.", "luochuan-apple"),
    ("Honey is a natural sweetener, use it in your tea.", "qinling-honey"),
    ("We sold about three hundred boxes last season, according to the platform.", "luochuan-apple"),
    ("If it doesn't arrive fresh, we'll refund you.", "gannan-orange"),
    ("These oranges are from Ganzhou, Jiangxi.", "gannan-orange"),
    ("My son helps us pack the boxes after school.", "luochuan-apple"),
    ("Please place your orders through the platform only.", "qinling-honey"),
    ("Today's price is 39, it was 45 last week in our shop.", "luochuan-apple"),
    ("We use fewer pesticides than before and follow the safety interval.", "luochuan-apple"),
    ("I got these for free from the farm, so keep that in mind, but I really like them.", "luochuan-apple"),
    ("Type 1 in the chat if you want the big box.", "gannan-orange"),
    ("The county's agriculture bureau runs random quality checks.", "luochuan-apple"),
    ("This is our county's public brand, several co-ops sell under it.", "gannan-orange"),
    ("Our shop is ranked by the platform in the fruit category, you can see the badge.", "gannan-orange"),
    ("Drink honey in moderation, it is still sugar.", "qinling-honey"),
    ("As county head, I want to thank all the farmers for their hard work.", "luochuan-apple"),
    ("Several co-ops were selected through an open process by the county.", "gannan-orange"),
    ("Our commerce bureau organized this stream; buying is completely voluntary.", "luochuan-apple"),
    ("The government provides subsidies to farmers who grow organic tea.", "meitan-tea"),
    ("If your box arrives damaged, send a photo and we'll refund you.", "luochuan-apple"),
    ("We sold out last Tuesday, the platform shows it.", "gannan-orange"),
    ("These are the last few boxes for real, the platform shows five left.", "luochuan-apple"),
    ("Best before the end of the month, keep them cool.", "gannan-orange"),
    ("Customers come first for us.", "zhoukou-eggs"),
    ("Our leaders visited the orchard last spring to learn about the harvest.", "luochuan-apple"),
    ("The county government organized this stream to help local farmers.", "luochuan-apple"),
    ("Officials from the bureau checked the orchards for pests this year.", "luochuan-apple"),
    ("Our village head helped us build the new packing shed.", "luochuan-apple"),
    ("The mayor said the new road will make shipping faster.", None),
    ("We're ranked by the platform in the fruit category, you can see the badge on screen.", "gannan-orange"),
    ("Honey has been used in cooking for thousands of years.", "qinling-honey"),
    ("Research on walnuts is ongoing; we don't make any health claims.", "yangbi-walnut"),
    ("Experts say you should store rice in a cool, dry place.", "wuchang-rice"),
    ("Please leave an honest review, good or bad.", "meitan-tea"),
    ("We remove spam comments under the platform rules.", "meitan-tea"),
    ("The back end shows twelve thousand views so far.", "gannan-orange"),
    ("Three out of ten boxes from the last batch were small fruit, so we sell them cheaper.", "luochuan-apple"),
    ("Kids, make sure you wash the apples before you eat them.", "luochuan-apple"),
    ("My daughter is twelve and she helps pack boxes on weekends.", "luochuan-apple"),
    ("This pesticide must be used according to the label, keep it away from children.", None),
    ("Seeds sprout best at twenty degrees; results depend on your soil.", None),
    ("Please enjoy alcohol responsibly and never drink and drive.", None),
    ("Contact customer service on the platform, never transfer money privately.", "qinling-honey"),
    ("I don't eat much sugar, so I use a little honey in my tea.", "qinling-honey"),
    ("The farm pays me a commission on each box, I'm telling you up front.", "luochuan-apple"),
    ("Other sellers have good honey too, choose what suits you.", "qinling-honey"),
    ("How to spot dyed millet: soak it in water and see if the colour runs.", "qinzhou-millet"),
    ("Staff, please pack the orders carefully tonight.", "luochuan-apple"),
    ("Teachers and parents are welcome to join the stream.", "qinzhou-millet"),
    ("Every order must include the delivery address and phone number.", "luochuan-apple"),
    ("Minimum order is two boxes for free shipping.", "gannan-orange"),
    ("The price was 45 last week in our shop and today it's 39.", "luochuan-apple"),
    ("Clearance: these blemished apples were 30, now 12.", "luochuan-apple"),
    ("The suggested retail price is 99 and today it's 69.", "meitan-tea"),
    ("Rich in fibre and vitamin C.", "gannan-orange"),
    ("Grown in Ganzhou, Jiangxi, certified geographical indication.", "gannan-orange"),
    ("These aren't Yantai apples, they're from Luochuan.", "luochuan-apple"),
    ("Our pesticide use follows the national standard and the safety interval.", "luochuan-apple"),
    ("Subsidies for farmers are public on the county website.", None),
    ("The county's quality team tests every batch before shipping.", "luochuan-apple"),
    ("Our friends at the co-op packed these this morning.", "luochuan-apple"),
    ("In ten minutes we move to the next product.", "qingyuan-shiitake"),
    ("Number two link is the gift box.", "gannan-orange"),
    ("We sold about two hundred boxes last season.", "luochuan-apple"),
]


@pytest.mark.parametrize(("category", "text", "product"), ZH_SHAPE_POSITIVES)
def test_claim_shape_flagged_zh(category, text, product, catalog):
    assert category in claim_categories(text, "zh", catalog, product)


@pytest.mark.parametrize(("text", "product"), ZH_SHAPE_NEGATIVES)
def test_claim_shape_not_flagged_zh_hard_negative(text, product, catalog):
    assert claim_categories(text, "zh", catalog, product) == set()


@pytest.mark.parametrize(("category", "text", "product"), EN_SHAPE_POSITIVES)
def test_claim_shape_flagged_en(category, text, product, catalog):
    assert category in claim_categories(text, "en", catalog, product)


@pytest.mark.parametrize(("text", "product"), EN_SHAPE_NEGATIVES)
def test_claim_shape_not_flagged_en_hard_negative(text, product, catalog):
    assert claim_categories(text, "en", catalog, product) == set()


# Evasive spellings (compliance reference §6): pinyin, homophones, digits, chat shorthand.
ZH_EVASIONS = [
    ("absolute_claim", "这个蜂蜜是全网zui好的。", "qinling-honey"),
    ("absolute_claim", "咱家小米品质第1，谁都比不了。", "qinzhou-millet"),
    ("absolute_claim", "TOP1的核桃，就在我们家。", "yangbi-walnut"),
    ("absolute_claim", "这是全网最🔥好吃的橙子。", "gannan-orange"),
    ("absolute_safety", "0农残，放心给孩子吃。", "gannan-orange"),
    ("absolute_safety", "纯天燃的野生蜂蜜。", "qinling-honey"),
    ("absolute_safety", "这个苹果没有打过农yao。", "luochuan-apple"),
    ("health_claim", "这个茶能降xue压。", "meitan-tea"),
    ("health_claim", "香菇可以抗ai，防ai。", "qingyuan-shiitake"),
    ("health_claim", "喝了能减fei，一个月瘦十斤。", "meitan-tea"),
    ("health_claim", "这个对tang尿病好。", "qinzhou-millet"),
    ("price_fraud", "原价一九九，现在三十九。", "qinling-honey"),
    ("fabricated_data", "已经卖了10w+单了。", "gannan-orange"),
    ("other", "家人们+薇，便宜点。", "qinling-honey"),
    ("unverified_certification", "我们是you机的大米。", "taojiang-rice"),
]


@pytest.mark.parametrize(("category", "text", "product"), ZH_EVASIONS)
def test_evasive_spelling_flagged_zh(category, text, product, catalog):
    assert category in claim_categories(text, "zh", catalog, product)


@pytest.mark.parametrize("text", ["I said ai is great", "xue is snow in pinyin", "you can choose"])
def test_pinyin_folding_only_in_chinese_context(text):
    from training_app.scoring.text import normalize

    assert normalize(text).text == text.lower()


# Claims spread over several short spoken clauses (fillers and bursts between commas): the compaction pass.
ZH_SPREAD = [
    ("health_claim", "我爸那个血压啊，高了好些年，自从喝上咱这个茶，现在啊，稳稳当当的。", "meitan-tea"),
    ("price_fraud", "这个礼盒，在商场里面，你去看看，都要卖到三百八，咱们直播间，今天，九十九。", "meitan-tea"),
    ("absolute_claim", "这个苹果呢，你要说甜度，说脆度，那在全国，都是排第一的。", "luochuan-apple"),
    ("coerced_purchase", "各单位注意啊，这次的任务呢，每人两箱，月底前，把订单截图交上来。", "gannan-orange"),
    ("official_endorsement", "我作为县长，今天在这里，向大家保证，质量出了问题，县里负责。", "luochuan-apple"),
    ("fabricated_data", "这个小米啊，我们去年，一年下来，卖了，八百多万单。", "qinzhou-millet"),
    ("absolute_safety", "咱家的苹果，从开花到结果，一遍农药，都没打过。", "luochuan-apple"),
    ("disparagement", "你去超市看看，那些大米，看着白白亮亮的，其实呢，都是抛过光的陈米。", "wuchang-rice"),
    ("false_origin", "这个茶叶呢，产地啊，就是杭州西湖，正宗的西湖龙井。", "meitan-tea"),
    ("health_claim", "有个粉丝跟我说，她吃了我们的核桃，三个月，失眠好了。", "yangbi-walnut"),
    ("price_fraud", "这个价格，只有今天，明天，就涨回去了。", "gannan-orange"),
    ("other", "想要更优惠的，评论区扣个暗号，我私信发你微信。", "qinling-honey"),
    ("fabricated_data", "家人们，帮我刷一波，刷到榜一，今晚给大家抽奖。", "luochuan-apple"),
]
EN_SPREAD = [
    (
        "health_claim",
        "My dad's blood pressure, it was high for years, and since he started on this tea, honestly, it's right back "
        "to normal.",
        "meitan-tea",
    ),
    ("price_fraud", "In the mall, go check, this gift box is 380, but here, today, for you, 99.", "meitan-tea"),
    (
        "official_endorsement",
        "I'm the county head, and I'm telling you today, personally, I guarantee the quality.",
        "luochuan-apple",
    ),
    (
        "fabricated_data",
        "Last year, in total, we sold, believe it or not, over eight million orders.",
        "qinzhou-millet",
    ),
    ("absolute_safety", "From flower to fruit, these trees, not one drop of pesticide, ever.", "luochuan-apple"),
    (
        "disparagement",
        "Those supermarket oranges, they look shiny, right? That's wax and dye, every one.",
        "gannan-orange",
    ),
    ("coerced_purchase", "All departments, listen, two boxes per person, screenshots by Friday.", "gannan-orange"),
    ("price_fraud", "This price, today only, tomorrow it goes back up.", "gannan-orange"),
]


@pytest.mark.parametrize(("category", "text", "product"), ZH_SPREAD)
def test_claim_spread_over_short_clauses_flagged_zh(category, text, product, catalog):
    assert category in claim_categories(text, "zh", catalog, product)


@pytest.mark.parametrize(("category", "text", "product"), EN_SPREAD)
def test_claim_spread_over_short_clauses_flagged_en(category, text, product, catalog):
    assert category in claim_categories(text, "en", catalog, product)


def test_compaction_drops_fillers_and_joins_short_fragments_keeping_offsets():
    from training_app.scoring.compaction import compact
    from training_app.scoring.text import normalize

    text = "这个小米啊，我们去年，一年下来，卖了，八百多万单。"
    norm = normalize(text)
    out = compact(norm, "zh")
    assert out.text == "这个小米我们去年一年下来卖了八百多万单。"
    start = out.text.index("卖了")
    assert text[slice(*out.span(start, start + 2))] == "卖了"
    long_clauses = normalize("我们不说它能治病，它就是普通食品。")
    assert compact(long_clauses, "zh").text == long_clauses.text


# Hard negatives in comma-heavy spoken form: the compaction pass must not join a tip, a caution or a question into a
# claim.
ZH_SPREAD_NEGATIVES = [
    ("最近，天气冷，好吃的橙子要放室内。", "gannan-orange"),
    ("第一，先洗手，第二，再剥皮。", "gannan-orange"),
    ("最好，冷藏，三天内吃完。", "luochuan-apple"),
    ("不是，我们不说能治病，就是普通食品。", "meitan-tea"),
    ("血压高的朋友，少吃点，咨询医生。", "qinling-honey"),
    ("今天，直播间，价格，四十九，上周店里也是四十九。", "luochuan-apple"),
    ("原价，我不说了，今天，四十九。", "luochuan-apple"),
    ("嗯，那个，农药呢，我们按标准打，有检测报告。", "luochuan-apple"),
    ("家人们，欢迎，欢迎，新来的点个关注。", "luochuan-apple"),
    ("有人问，能不能，降血糖，不能，这是普通食品。", "meitan-tea"),
    ("第一批，新米，刚到，大家尝尝。", "wuchang-rice"),
    ("好，那，明天，同一时间，我们再见。", "luochuan-apple"),
    ("吃了，觉得好，再来买，不好，就退。", "luochuan-apple"),
    ("县长，今天，来了，给大家讲讲咱县的苹果。", "luochuan-apple"),
    ("每人，限购，两单。", "gannan-orange"),
    ("这个，绿色，健康，的生活方式。", "taojiang-rice"),
    ("我们，不加，防腐剂吗？有人问，其实，配料表写得清清楚楚。", "qinling-honey"),
    ("别家，也有好的，大家，按需选。", "gannan-orange"),
]
EN_SPREAD_NEGATIVES = [
    ("Best, keep them cold, eat within a week.", "luochuan-apple"),
    ("First, wash them, second, peel them.", "gannan-orange"),
    ("No, we don't say it cures anything, it's just food.", "meitan-tea"),
    ("Today, on stream, it's 49, same as last week in our shop.", "luochuan-apple"),
    ("Folks, honestly, thank you for coming, see you tomorrow.", "luochuan-apple"),
    ("Someone asked, does it, lower blood sugar? No, it doesn't.", "meitan-tea"),
    ("The county head, today, is here, to talk about our apples.", "luochuan-apple"),
    ("Limit, two, per customer.", "gannan-orange"),
]


@pytest.mark.parametrize(("text", "product"), ZH_SPREAD_NEGATIVES)
def test_short_clauses_not_flagged_zh_hard_negative(text, product, catalog):
    assert claim_categories(text, "zh", catalog, product) == set()


@pytest.mark.parametrize(("text", "product"), EN_SPREAD_NEGATIVES)
def test_short_clauses_not_flagged_en_hard_negative(text, product, catalog):
    assert claim_categories(text, "en", catalog, product) == set()


# Colloquial paraphrases: origin places with a kind, prices per unit, discounts as 折, effects on growth, disease
# "good news", dominance idioms; English state-organ endorsements.
ZH_COLLOQUIAL = [
    ("false_origin", "这就是产自西湖核心产区的龙井。", "meitan-tea"),
    ("false_origin", "陕西洛川的核桃，个大饱满。", "yangbi-walnut"),
    ("false_origin", "这个是云南的冰糖橙。", "gannan-orange"),
    ("price_fraud", "平常一斤二十，今天一斤八块。", "gannan-orange"),
    ("price_fraud", "这箱苹果超市卖六七十，咱这儿二十五。", "luochuan-apple"),
    ("price_fraud", "下单立减八十，相当于打了两折。", "meitan-tea"),
    ("health_claim", "吃了我们的鸡蛋，孩子个子蹿得快。", "zhoukou-eggs"),
    ("health_claim", "三高人群的福音。", "meitan-tea"),
    ("health_claim", "每天一把核桃，老了不得老年痴呆。", "yangbi-walnut"),
    ("absolute_claim", "闭眼买都不会错，绝对不踩雷。", "luochuan-apple"),
    ("absolute_claim", "这价格这品质，打着灯笼都找不着。", "gannan-orange"),
    ("absolute_claim", "我们是这个行业的标杆。", "wuchang-rice"),
    ("absolute_claim", "这品质没得挑。", "qinling-honey"),
]
EN_COLLOQUIAL = [
    ("official_endorsement", "Every box comes with the county government's promise.", "gannan-orange"),
    ("official_endorsement", "Guests at the state dinner ate these.", "luochuan-apple"),
    ("official_endorsement", "The Ministry has listed this as a recommended brand.", "wuchang-rice"),
    ("official_endorsement", "Party officials in the county all buy from this farm.", "zhoukou-eggs"),
]


@pytest.mark.parametrize(("category", "text", "product"), ZH_COLLOQUIAL)
def test_colloquial_claim_flagged_zh(category, text, product, catalog):
    assert category in claim_categories(text, "zh", catalog, product)


@pytest.mark.parametrize(("category", "text", "product"), EN_COLLOQUIAL)
def test_colloquial_claim_flagged_en(category, text, product, catalog):
    assert category in claim_categories(text, "en", catalog, product)


# A set written after tuning paused and measured once before the rules were extended for it (2026.11.3 at that point
# missed 8 of 28 zh and 3 of 18 en positives, no false alarm); kept as regression cases.
ZH_LATE_POSITIVES = [
    ("absolute_claim", "你们在别处绝对买不到比这更香的小米。", "qinzhou-millet"),
    ("absolute_claim", "这个茶，全世界找不到一样的味道。", "meitan-tea"),
    ("absolute_claim", "我敢保证每一箱都是甜的，一个酸的都没有。", "gannan-orange"),
    ("health_claim", "天天喝两杯，肠胃那叫一个舒坦，便秘再也没犯过。", "meitan-tea"),
    ("health_claim", "小孩吃了咱家鸡蛋，脑子灵光，记性好。", "zhoukou-eggs"),
    ("health_claim", "有高血压的叔叔阿姨，来一罐，喝完就知道了。", "qinling-honey"),
    ("health_claim", "坚持吃三个月，脂肪肝都没了。", "yangbi-walnut"),
    ("unverified_certification", "这可是有机的香菇，有机认证的。", "qingyuan-shiitake"),
    ("unverified_certification", "我们的鸡蛋获得了国际金奖。", "zhoukou-eggs"),
    ("false_origin", "这是正宗五常产的稻花香，五常拉过来的。", "taojiang-rice"),
    ("false_origin", "烟台红富士，咱就是烟台的。", "luochuan-apple"),
    ("absolute_safety", "咱这蜂蜜，绝对一滴糖浆都不掺，纯天然。", "qinling-honey"),
    ("absolute_safety", "这些香菇从来不用药，连化肥都不上。", "qingyuan-shiitake"),
    ("price_fraud", "专卖店两百九，直播间只要六十九，赶紧的。", "meitan-tea"),
    ("price_fraud", "库存就剩最后十箱了，抢完恢复原价。", "gannan-orange"),
    ("price_fraud", "这个价，过了今晚十二点就没有了，明天恢复一百二。", "luochuan-apple"),
    ("fabricated_data", "我们这个橙子，一天就卖出去三万多单。", "gannan-orange"),
    ("fabricated_data", "买过的都说好，复购率百分之九十五。", "qinzhou-millet"),
    ("fabricated_data", "评论区刷一波好吃，刷起来。", "luochuan-apple"),
    ("coerced_purchase", "每个村至少卖出一百箱，完不成的村干部要问责。", "gannan-orange"),
    ("coerced_purchase", "没买的同志，明天开会说明一下情况。", "luochuan-apple"),
    ("official_endorsement", "作为县长我拍胸脯保证，买到问题产品县里给你兜底。", "luochuan-apple"),
    ("official_endorsement", "这款茶是省政府招待用茶。", "meitan-tea"),
    ("disparagement", "别的地方的橙子，都是打了膨大剂的，吃着没味。", "gannan-orange"),
    ("disparagement", "网上那些便宜核桃，全是陈货翻新的。", "yangbi-walnut"),
    ("other", "有需要的私信我，加个微信，走个人渠道更便宜。", "qinling-honey"),
    ("other", "这个酒啊，喝了不伤肝，天天喝都没事。", None),
]
ZH_LATE_NEGATIVES = [
    ("这批苹果是我们今年最早下树的一批。", "luochuan-apple"),
    ("收到后建议冷藏，最好一周内吃完。", "gannan-orange"),
    ("鸡蛋是普通食品，大家正常吃就行，没什么神奇功效。", "zhoukou-eggs"),
    ("原价我就不说了，今天直播间就是五十九，大家看着合适就拍。", "luochuan-apple"),
    ("后台显示还有二十多箱，大家不着急。", "gannan-orange"),
    ("这个活动是平台统一的，今晚十二点结束。", "qinzhou-millet"),
    ("我们不是有机认证，但是种植过程会尽量少用农药。", "taojiang-rice"),
    ("有朋友问能不能治失眠，我说不能，它就是小米。", "qinzhou-millet"),
    ("县里组织的助农直播，好几家合作社的产品都有。", "gannan-orange"),
    ("大家买不买都行，自愿的，喜欢再下单。", "luochuan-apple"),
    ("我们漾濞核桃和新疆核桃口感不一样，各有各的好。", "yangbi-walnut"),
    ("配料表只有生牛乳和白砂糖，大家可以看看。", None),
]
EN_LATE_POSITIVES = [
    ("absolute_claim", "You won't find a sweeter orange anywhere on earth.", "gannan-orange"),
    ("absolute_claim", "These are the most delicious eggs, guaranteed.", "zhoukou-eggs"),
    ("health_claim", "A spoon of this honey at night and your cough is gone by morning.", "qinling-honey"),
    ("health_claim", "Shiitake strengthen your immune system so you never get sick.", "qingyuan-shiitake"),
    ("health_claim", "My aunt's arthritis got so much better after a month of walnuts.", "yangbi-walnut"),
    ("unverified_certification", "Our rice is fully organic certified.", "taojiang-rice"),
    ("false_origin", "This is real Xihu Longjing from West Lake.", "meitan-tea"),
    ("absolute_safety", "Nothing sprayed, nothing added, completely pure.", "luochuan-apple"),
    ("price_fraud", "Normally 168 in stores, on my stream 49.", "meitan-tea"),
    ("price_fraud", "Only five minutes left at this price, then it's back to 199.", "yangbi-walnut"),
    ("fabricated_data", "Over a hundred thousand families already buy from us.", "wuchang-rice"),
    ("fabricated_data", "Everyone, comment 'yummy' a hundred times to push us up.", "luochuan-apple"),
    ("coerced_purchase", "Each unit must report how many boxes their staff bought by Monday.", "gannan-orange"),
    (
        "official_endorsement",
        "I'm the county party secretary, and I guarantee you this honey is pure.",
        "qinling-honey",
    ),
    ("official_endorsement", "This rice is on the menu at provincial government receptions.", "wuchang-rice"),
    ("disparagement", "The stuff in the supermarket is all dyed and waxed.", "gannan-orange"),
    ("other", "Send me a message and we'll finish the deal on WeChat, no platform cut.", "qinling-honey"),
    ("other", "My twelve-year-old will now tell you why you should buy these.", "luochuan-apple"),
]
EN_LATE_NEGATIVES = [
    ("These are our first apples of the season.", "luochuan-apple"),
    ("Honey is not a medicine, so please see a doctor for a bad cough.", "qinling-honey"),
    ("Today's price is 49 and it goes back to the usual 55 on Monday, as the platform page says.", "meitan-tea"),
    ("The county commerce bureau organized today's stream with several farms.", "gannan-orange"),
    ("Please only buy if you want to, there's no quota for anyone.", "luochuan-apple"),
    ("We're not certified organic, but we keep spraying to a minimum.", "taojiang-rice"),
    ("Kids, make sure you share the oranges with your family.", "gannan-orange"),
    ("Our oranges are from Ganzhou in Jiangxi province.", "gannan-orange"),
]


@pytest.mark.parametrize(("category", "text", "product"), ZH_LATE_POSITIVES)
def test_late_set_flagged_zh(category, text, product, catalog):
    assert category in claim_categories(text, "zh", catalog, product)


@pytest.mark.parametrize(("text", "product"), ZH_LATE_NEGATIVES)
def test_late_set_not_flagged_zh_hard_negative(text, product, catalog):
    assert claim_categories(text, "zh", catalog, product) == set()


@pytest.mark.parametrize(("category", "text", "product"), EN_LATE_POSITIVES)
def test_late_set_flagged_en(category, text, product, catalog):
    assert category in claim_categories(text, "en", catalog, product)


@pytest.mark.parametrize(("text", "product"), EN_LATE_NEGATIVES)
def test_late_set_not_flagged_en_hard_negative(text, product, catalog):
    assert claim_categories(text, "en", catalog, product) == set()


# A second late set, measured once before the rules were extended for it (11 of 40 zh and 11 of 18 en positives
# missed, one English false alarm); kept as regression cases.
ZH_LATE2_POSITIVES = [
    ("absolute_claim", "咱家这苹果，甜得没话说，天下第一甜。", "luochuan-apple"),
    ("absolute_claim", "说实话，这是我卖过的所有蜂蜜里，质量最顶的。", "qinling-honey"),
    ("absolute_claim", "这米的口感，谁吃谁知道，没有比它更好的了。", "wuchang-rice"),
    ("absolute_claim", "保证你吃一次就爱上，百分百满意。", "gannan-orange"),
    ("health_claim", "老寒腿的，泡这个茶喝，腿就不疼了。", "meitan-tea"),
    ("health_claim", "这个小米特别养人，病后体虚的喝了恢复得快。", "qinzhou-millet"),
    ("health_claim", "一天一个鸡蛋，医生都不用看了。", "zhoukou-eggs"),
    ("health_claim", "好多宝妈给孩子吃，孩子现在都不怎么感冒了。", "qinling-honey"),
    ("unverified_certification", "我们这个蜂蜜有有机证书，欧盟标准。", "qinling-honey"),
    ("unverified_certification", "大米是绿色食品，还是地理标志产品。", "taojiang-rice"),
    ("unverified_certification", "我们的小米拿过国家金奖，还有专利。", None),
    ("false_origin", "这个核桃是新疆阿克苏来的薄皮核桃。", "yangbi-walnut"),
    ("false_origin", "地地道道的东北大米，黑龙江五常的。", "taojiang-rice"),
    ("false_origin", "这是美国进口的橙子品种，美国那边直接运来的。", "gannan-orange"),
    ("absolute_safety", "种植过程全程零农药零化肥。", "luochuan-apple"),
    ("absolute_safety", "这鸡是跑山鸡，没喂过一粒饲料，没打过一针疫苗。", "zhoukou-eggs"),
    ("absolute_safety", "我们的茶叶，农残绝对是零。", "meitan-tea"),
    ("price_fraud", "去超市买得一百多，今天给你们三十五，就这一次。", "qinling-honey"),
    ("price_fraud", "这个价格老板不知道啊，我偷偷给你们上的，一会儿就改回来。", "gannan-orange"),
    ("price_fraud", "送的这个礼盒，外面要卖一百多。", "meitan-tea"),
    ("price_fraud", "十秒钟，十秒钟以后这个链接就没了。", "yangbi-walnut"),
    ("fabricated_data", "今天直播间已经卖了一万多单，大家太热情了。", "luochuan-apple"),
    ("fabricated_data", "我们家的米，连续三年全国销量冠军。", "wuchang-rice"),
    ("fabricated_data", "经过国家权威机构检测，硒含量超标准十倍。", "qinzhou-millet"),
    ("fabricated_data", "好评截图发客服，返五元现金。", "zhoukou-eggs"),
    ("coerced_purchase", "各乡镇的书记注意，今晚每个乡镇至少下五十单。", "gannan-orange"),
    ("coerced_purchase", "单位里每人认购一箱，钱从下个月工资里扣。", "luochuan-apple"),
    ("coerced_purchase", "老师们，把链接发到家长群，每个孩子家里都要买。", "qinzhou-millet"),
    ("official_endorsement", "这是我们县政府唯一指定的礼品茶。", "meitan-tea"),
    ("official_endorsement", "市领导来考察的时候，都夸这个苹果好。", "luochuan-apple"),
    ("official_endorsement", "我作为副县长跟大家保证，这个蜂蜜是真的。", "qinling-honey"),
    ("official_endorsement", "今天买得多的企业，以后县里办事给你们开绿灯。", "gannan-orange"),
    ("disparagement", "隔壁那家直播间卖的都是次品，大家别上当。", "luochuan-apple"),
    ("disparagement", "外地的香菇都是用药水泡过的。", "qingyuan-shiitake"),
    ("disparagement", "有些主播卖的蜂蜜全是勾兑的糖水。", "qinling-honey"),
    ("other", "想要批发的私聊，微信上给你算便宜。", "yangbi-walnut"),
    ("other", "这个除草剂打了以后，人畜无害，放心用。", None),
    ("other", "让我家五岁的小孙子给大家唱首歌，顺便推荐推荐咱家的橙子。", "gannan-orange"),
    ("other", "我从来没吃过这个牌子的鸡蛋，但是我可以打包票。", "zhoukou-eggs"),
]
ZH_LATE2_NEGATIVES = [
    ("这个苹果最好的吃法是连皮一起吃。", "luochuan-apple"),
    ("今年雨水多，第一茬香菇个头小一点。", "qingyuan-shiitake"),
    ("蜂蜜一岁以下的宝宝不能吃，大家注意。", "qinling-honey"),
    ("有糖尿病的朋友，蜂蜜含糖高，建议少吃或者不吃。", "qinling-honey"),
    ("价格就是五十九，没有什么原价现价，实实在在。", "luochuan-apple"),
    ("优惠券领了再拍，满九十九减十块，不满不能用。", "gannan-orange"),
    ("坏一个赔一个，拍照找客服。", "gannan-orange"),
    ("直播间人数右上角能看到，现在两千多人。", "luochuan-apple"),
    ("县农业农村局今天来直播间，给大家讲讲农产品质量安全。", None),
    ("我们绝对不会删差评，有问题大家尽管说。", "zhoukou-eggs"),
    ("我们这个是普通鸡蛋，不是土鸡蛋，价格也实在。", "zhoukou-eggs"),
    ("有人说我们的核桃是新疆的，不是，我们是云南漾濞的。", "yangbi-walnut"),
    ("别家也卖赣南脐橙，大家认准地理标志就行。", "gannan-orange"),
    ("这个茶叶有有机认证，证书编号在商品详情页可以查。", "meitan-tea"),
    ("这一批是今年最后的存货了，卖完就等明年新果。", "luochuan-apple"),
    ("孩子们放学了，家长可以给孩子煮个鸡蛋。", "zhoukou-eggs"),
]
EN_LATE2_POSITIVES = [
    ("absolute_claim", "Hands down the juiciest oranges in all of China.", "gannan-orange"),
    ("absolute_claim", "There's simply no better honey on the market, trust me.", "qinling-honey"),
    ("health_claim", "Grandma's knees stopped hurting after she started eating walnuts every day.", "yangbi-walnut"),
    ("health_claim", "This millet helps diabetics keep their sugar in check.", "qinzhou-millet"),
    ("health_claim", "Drink it daily and it flushes the toxins out of your liver.", "meitan-tea"),
    ("unverified_certification", "Certified organic by the EU, top quality.", "zhoukou-eggs"),
    ("false_origin", "These are genuine Korla pears... I mean Korla-grade apples from Xinjiang.", "luochuan-apple"),
    ("absolute_safety", "Absolutely zero pesticide residue, we tested it ourselves.", "gannan-orange"),
    ("price_fraud", "Stores charge 129 for this, I'm giving it to you for 39.", "meitan-tea"),
    ("price_fraud", "After this stream, this price is gone forever.", "luochuan-apple"),
    ("fabricated_data", "We're sold out everywhere, this is the last restock for the year.", "gannan-orange"),
    ("fabricated_data", "Write a nice review and I'll refund your shipping.", "qinling-honey"),
    ("coerced_purchase", "Every township cadre, two boxes minimum, I'll check the list tomorrow.", "luochuan-apple"),
    (
        "official_endorsement",
        "The county leaders personally chose this co-op as our official supplier.",
        "zhoukou-eggs",
    ),
    (
        "official_endorsement",
        "If you buy today, the county will give you priority for next year's subsidy.",
        "gannan-orange",
    ),
    ("disparagement", "The other village's honey? Half of it is sugar water.", "qinling-honey"),
    ("other", "Don't tell the platform, but I'll give you a better price on WeChat.", "qinling-honey"),
]
EN_LATE2_NEGATIVES = [
    ("The best way to keep walnuts fresh is in the freezer.", "yangbi-walnut"),
    ("Honey isn't suitable for babies under one year old.", "qinling-honey"),
    ("Our price is 59, no fake original price, no tricks.", "luochuan-apple"),
    ("If any arrive rotten, we'll replace them.", "gannan-orange"),
    ("The viewer count is on the top right of your screen.", "luochuan-apple"),
    ("We will never delete bad reviews.", "zhoukou-eggs"),
    ("Some people think these are Xinjiang walnuts, but they're from Yangbi, Yunnan.", "yangbi-walnut"),
    ("The certificate number is on the product page, look it up.", "meitan-tea"),
    ("Kids, come and see how we pack the apples.", "luochuan-apple"),
    ("Our county head is here today to thank the farmers.", None),
]


@pytest.mark.parametrize(("category", "text", "product"), ZH_LATE2_POSITIVES)
def test_second_late_set_flagged_zh(category, text, product, catalog):
    assert category in claim_categories(text, "zh", catalog, product)


@pytest.mark.parametrize(("text", "product"), ZH_LATE2_NEGATIVES)
def test_second_late_set_not_flagged_zh_hard_negative(text, product, catalog):
    assert claim_categories(text, "zh", catalog, product) == set()


@pytest.mark.parametrize(("category", "text", "product"), EN_LATE2_POSITIVES)
def test_second_late_set_flagged_en(category, text, product, catalog):
    assert category in claim_categories(text, "en", catalog, product)


@pytest.mark.parametrize(("text", "product"), EN_LATE2_NEGATIVES)
def test_second_late_set_not_flagged_en_hard_negative(text, product, catalog):
    assert claim_categories(text, "en", catalog, product) == set()


# A third late set, measured once before the rules were extended for it (6 of 25 zh and 6 of 15 en positives
# missed, no false alarm; rule set 2026.11.2 missed 6 and 7); kept as regression cases.
ZH_LATE3_POSITIVES = [
    ("absolute_claim", "家人们我跟你们说这个橙子是我吃过最最最甜的没有之一", "gannan-orange"),
    ("absolute_claim", "咱这个核桃那真是核桃中的战斗机，别人家的比不了。", "yangbi-walnut"),
    ("health_claim", "我们村里的老人天天喝这个茶，一个个都活到九十多。", "meitan-tea"),
    ("health_claim", "吃这个香菇能提高抵抗力，一冬天都不生病。", "qingyuan-shiitake"),
    ("health_claim", "喝小米粥养胃，胃溃疡的喝一个月就好了。", "qinzhou-millet"),
    ("health_claim", "蜂蜜加柠檬，美白祛斑，喝一个月脸上的斑就淡了。", "qinling-honey"),
    ("unverified_certification", "我们这个是有机食品，放心买。", "zhoukou-eggs"),
    ("unverified_certification", "这个茶叶有绿色食品认证，包装上有标。", "meitan-tea"),
    ("false_origin", "这可是正宗的库尔勒香梨味儿的苹果，新疆发货。", "luochuan-apple"),
    ("false_origin", "咱们的米就是五常的稻花香，地地道道。", "taojiang-rice"),
    ("absolute_safety", "不打药不施肥，纯天然无公害。", "yangbi-walnut"),
    ("absolute_safety", "我们家鸡蛋百分百无抗生素残留。", "zhoukou-eggs"),
    ("price_fraud", "原价一百二十八的礼盒，现在直播间只要四十九块九。", "meitan-tea"),
    ("price_fraud", "这个价格下播就恢复，现在不拍就亏了。", "luochuan-apple"),
    ("price_fraud", "最后五单，五单抢完就涨价。", "gannan-orange"),
    ("fabricated_data", "这个蜂蜜在我们这儿一年卖出去二十万瓶。", "qinling-honey"),
    ("fabricated_data", "全网好评率百分之九十九点九。", "gannan-orange"),
    ("fabricated_data", "运营小哥把那几个差评给我处理一下。", "zhoukou-eggs"),
    ("coerced_purchase", "全县干部职工每人必须购买两箱，统一从工资扣。", "luochuan-apple"),
    ("coerced_purchase", "没完成认购任务的单位，年底考核一票否决。", "gannan-orange"),
    ("official_endorsement", "这是省里领导接待外宾用的茶。", "meitan-tea"),
    ("official_endorsement", "县委书记亲自给这个品牌代言。", "luochuan-apple"),
    ("disparagement", "别家的小米都是陈米加色素。", "qinzhou-millet"),
    ("other", "直播间不方便说，加我微信聊价格。", "yangbi-walnut"),
]
ZH_LATE3_NEGATIVES = [
    ("家人们这个苹果最好放冰箱冷藏能放一个月", "luochuan-apple"),
    ("这是今年第一批新茶，明前茶。", "meitan-tea"),
    ("小米熬粥的时候最好小火慢熬。", "qinzhou-millet"),
    ("原价五十九，会员价五十三，开会员才有。", "zhoukou-eggs"),
    ("最后几单了，后台显示还剩八单。", "gannan-orange"),
    ("县里面组织了好几家企业，今天都在直播间。", "gannan-orange"),
    ("这个蜂蜜不能代替药品，生病还是要去医院。", "qinling-honey"),
    ("我们的香菇通过了农残检测，报告编号可以查。", "qingyuan-shiitake"),
    ("我们不说别家不好，只说自己的东西。", "gannan-orange"),
    ("欢迎大家收到货以后来评价，好的坏的都行。", "luochuan-apple"),
]
EN_LATE3_POSITIVES = [
    ("absolute_claim", "Best walnuts in the universe, no competition.", "yangbi-walnut"),
    ("health_claim", "This tea melts belly fat, you'll drop a dress size in a month.", "meitan-tea"),
    ("health_claim", "Our honey is basically medicine for sore throats.", "qinling-honey"),
    ("health_claim", "Eat these mushrooms and you'll never need cholesterol pills again.", "qingyuan-shiitake"),
    ("unverified_certification", "Our eggs are USDA organic.", "zhoukou-eggs"),
    ("false_origin", "These are authentic Wuchang rice, grown right in Wuchang.", "taojiang-rice"),
    ("absolute_safety", "Totally natural, no chemicals ever touched these apples.", "luochuan-apple"),
    ("price_fraud", "Regular price 299, today 59, that's 80 percent off!", "meitan-tea"),
    ("price_fraud", "When the timer hits zero, the price doubles.", "gannan-orange"),
    ("fabricated_data", "We have a 99 percent satisfaction rate.", "luochuan-apple"),
    ("fabricated_data", "Hundreds of thousands of happy customers can't be wrong.", "gannan-orange"),
    ("coerced_purchase", "Every teacher at the school must buy three bags, no excuses.", "qinzhou-millet"),
    ("official_endorsement", "The governor himself recommends these oranges.", "gannan-orange"),
    ("disparagement", "Cheap honey from other shops is full of corn syrup.", "qinling-honey"),
    ("other", "Message me your number and we'll do it off the app.", "qinling-honey"),
]
EN_LATE3_NEGATIVES = [
    ("These are our best apples of this season.", "luochuan-apple"),
    ("Store honey at room temperature, it never needs the fridge.", "qinling-honey"),
    ("Limit two per customer, the offer ends at midnight.", "gannan-orange"),
    ("The county organized this event with several co-ops.", "gannan-orange"),
    ("This is regular food, not a medicine.", "qinzhou-millet"),
    ("We do not sell outside the platform.", "qinling-honey"),
]


@pytest.mark.parametrize(("category", "text", "product"), ZH_LATE3_POSITIVES)
def test_third_late_set_flagged_zh(category, text, product, catalog):
    assert category in claim_categories(text, "zh", catalog, product)


@pytest.mark.parametrize(("text", "product"), ZH_LATE3_NEGATIVES)
def test_third_late_set_not_flagged_zh_hard_negative(text, product, catalog):
    assert claim_categories(text, "zh", catalog, product) == set()


@pytest.mark.parametrize(("category", "text", "product"), EN_LATE3_POSITIVES)
def test_third_late_set_flagged_en(category, text, product, catalog):
    assert category in claim_categories(text, "en", catalog, product)


@pytest.mark.parametrize(("text", "product"), EN_LATE3_NEGATIVES)
def test_third_late_set_not_flagged_en_hard_negative(text, product, catalog):
    assert claim_categories(text, "en", catalog, product) == set()
