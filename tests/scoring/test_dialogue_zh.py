"""Mandarin dialogue across sentences (issue #4, round 6): a viewer's question read aloud, a question, or a line cut
off mid-claim, answered in the NEXT utterance with a denial or a correction, is not the host's claim. Beside each
family, claims that reuse the words and must stay flagged: a yes, a boast dressed as a denial ("不是我吹"), a bare 没有
that itself claims ("没有，零农残"), a wink. Sentences written for this test from the grammar, not copied from
assessments/eval; speech-recognition forms (no punctuation, fillers) are included on purpose."""

from __future__ import annotations

import pytest
from support.claims import claim_categories

from training_app.scoring.context import answer_denies_zh, put_to_host_zh
from training_app.scoring.text import normalize

CERT = "unverified_certification"
LAWFUL: list[tuple[list[str], str | None, str]] = [
    # a viewer's question read aloud, the answer opens with a denial
    (["有粉丝问这蜂蜜是不是有机的？", "不是，我们没有申请有机认证，就是山里的土蜂蜜。"], "qinling-honey", CERT),
    (["弹幕里有人说这是五常大米吧", "不是哈，这是桃江的米，湖南益阳的。"], "taojiang-rice", "false_origin"),
    (["评论问喝这个茶能降血压吗？", "不能，茶就是饮品，血压的事听医生的。"], "meitan-tea", "health_claim"),
    (["有人问是不是全网最低价？", "这个我说不了，我只知道这是我们店这周的活动价。"], None, "absolute_claim"),
    (["有位大姐问这个米是不是有机的", "嗯 我们没有这个证 就是自家田里种的"], "taojiang-rice", CERT),
    # a line cut off mid-claim and taken back
    (["我们这个苹果是有机……", "不对不对，说错了，是绿色食品，证书编号在箱子上。"], "luochuan-apple", CERT),
    (["这个鸡蛋吃了能治……", "哎不对，口误，鸡蛋就是普通食品，大家按需买。"], "zhoukou-eggs", "health_claim"),
    # a bare question (not rhetorical), then a correction
    (["咱们这核桃是不是全国第一？", "不敢说，咱只说是漾濞本地的老品种。"], "yangbi-walnut", "absolute_claim"),
]  # fmt: skip

MUST_FLAG: list[tuple[list[str], str | None, str]] = [
    # the answer says yes
    (["有人问这蜂蜜是不是有机的？", "是的，纯有机的，放心买。"], "qinling-honey", CERT),
    (["有人问能降血压吗？", "能！我爸喝了一个月，血压就稳了。"], "meitan-tea", "health_claim"),
    # a boast dressed as a denial
    (["评论问吃了能治糖尿病吗？", "不是我吹，我们村好几个老人吃了血糖都下来了。"], "qinling-honey", "health_claim"),
    # a bare "没有" that itself claims
    (["弹幕问有没有农药残留？", "没有，零农残，百分之百安全。"], "luochuan-apple", "absolute_safety"),
    # a rhetorical question asserts: it is not put to anyone
    (["这品质能差吗？", "不是吹，全网最好的苹果就在我们家。"], "luochuan-apple", "absolute_claim"),
    # the host's own claim, followed by an unrelated "不是"
    (["我们的大米全国销量第一。", "不是说着玩的，大家赶紧下单。"], "taojiang-rice", "absolute_claim"),
]  # fmt: skip


@pytest.mark.parametrize(("utterances", "product", "category"), LAWFUL)
def test_answered_lines_are_not_the_hosts_claim(utterances, product, category, catalog) -> None:
    assert category not in claim_categories(utterances, "zh", catalog, product)


@pytest.mark.parametrize(("utterances", "product", "category"), MUST_FLAG)
def test_claims_in_dialogue_stay_flagged(utterances, product, category, catalog) -> None:
    assert category in claim_categories(utterances, "zh", catalog, product)


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("有人问是东北米吗", True),
        ("评论区说这是西湖龙井？", True),
        ("我们这个米是有机……", True),
        ("这品质能差吗？", False),
        ("今天全网最低价。", False),
    ],
)
def test_put_to_host(sentence: str, expected: bool) -> None:
    assert put_to_host_zh(normalize(sentence).text) is expected


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("不是哈，我们是秦岭的。", True),
        ("说错了，是绿色食品。", True),
        ("嗯 我们没有划线价 就一个价", True),
        ("没有，零农残。", False),
        ("不会的，放心吃。", False),
        ("不是我吹，效果特别好。", False),
        ("是的，绝对有机。", False),
        ("不是，你懂的，私信我。", False),
    ],
)
def test_answer_denies(sentence: str, expected: bool) -> None:
    assert answer_denies_zh(normalize(sentence).text) is expected
