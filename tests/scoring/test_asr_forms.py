"""Claims as speech recognition writes them (issue #4): digits for ordinals (第2家), open English compounds
("pollution free", "non GMO", "well known"), "country" for "county" before an official's title, spaces instead of
commas between Chinese phrases. Each form must be flagged like its typed spelling, and legitimate look-alikes must
stay clean. Sentences written for these tests (see ``bench/speech_claims.py`` for the measurement that found the
families)."""

from __future__ import annotations

import pytest

from training_app.scoring.evaluation import predict_categories
from training_app.scoring.model import Item
from training_app.scoring.text import normalize

FLAGGED = [
    # English compounds written open by the recogniser
    ("en", "yangbi-walnut", "absolute_safety", "These walnuts are non GMO, more than I can say for supermarket ones."),
    ("en", "taojiang-rice", "unverified_certification", "It's pollution free certified, the national certificate."),
    ("en", "taojiang-rice", "unverified_certification", "See the logo? China well known trademark, the real deal."),
    ("en", "meitan-tea", "absolute_safety", "Our tea is pesticide free, zero residue, drink it unwashed."),
    ("en", "qinling-honey", "official_endorsement", "Speaking as the country head, I vouch for this honey personally."),
    # Mandarin ordinals in digits
    ("zh", "gannan-orange", "absolute_claim", "这个价格这个品质 全国你都找不到第2家"),
    ("zh", "luochuan-apple", "absolute_claim", "排名第1."),
    # a space for a pause: the negation before it does not reach the claim after it
    ("zh", "yangbi-walnut", "absolute_claim", "我不是吹啊 咱家核桃全国第一"),
    ("zh", "meitan-tea", "health_claim", "这茶不是药 但是喝了血压就下来了"),
    ("zh", "gannan-orange", "absolute_claim", "没别的 咱家橙子就是最甜的"),
    ("zh", "luochuan-apple", "absolute_claim", "我跟你讲 咱家苹果是全网最低价 没有之一"),
]

CLEAN = [
    ("en", "luochuan-apple", "Orders ship non stop this week, every box goes out within two days."),
    ("en", "meitan-tea", "We never say it's pesticide free, we spray twice a season and follow the safety interval."),
    ("en", "qinling-honey", "As well known as this area is for honey, we have no awards and no certificates."),
    ("en", "qinling-honey", "Our country has many honey regions, and this one is in the Qinling mountains."),
    ("en", "qinling-honey", "A viewer from another country asked about shipping, we only ship inside China."),
    ("zh", "luochuan-apple", "这是我们第2次来这个果园 拍一下采摘的过程"),
    ("zh", "yangbi-walnut", "第3步 把核桃倒进袋子里 封好口放阴凉的地方"),
    ("zh", "meitan-tea", "有人问喝了能不能降血压 这个我们不敢说 它就是普通的茶叶"),
    # a claim disowned after a pause is still disowned
    ("zh", "yangbi-walnut", "全国第一 我可不敢说 但是我家核桃确实香"),
    ("zh", "luochuan-apple", "全网最低价 这话咱不敢讲 就是实实在在的价"),
]


def _predict(lang: str, product: str, text: str, catalog) -> set[str]:
    item = Item(id="t", text=text, product=product, categories=(), hard_negative=True, split="test")
    return predict_categories(item, lang, catalog, None)


@pytest.mark.parametrize(("lang", "product", "category", "text"), FLAGGED)
def test_asr_form_flagged(lang, product, category, text, catalog):
    assert category in _predict(lang, product, text, catalog)


@pytest.mark.parametrize(("lang", "product", "text"), CLEAN)
def test_asr_look_alike_not_flagged(lang, product, text, catalog):
    assert not _predict(lang, product, text, catalog)


@pytest.mark.parametrize(
    ("raw", "folded"),
    [
        ("non GMO rice", "non-gmo rice"),
        ("Pollution free, pesticide heavy", "pollution-free, pesticide-heavy"),
        ("a well known brand, anti aging", "a well-known brand, anti-aging"),
        ("as well as before", "as well as before"),
        ("get one free", "get one free"),
        ("your country head", "your county head"),
        ("best in the country", "best in the country"),
        ("全国第2家", "全国第二家"),
        ("第10名", "第10名"),
        ("第3.5", "第3.5"),
        ("排名第1.", "排名第一."),
        ("我跟你讲 这个蜂蜜", "我跟你讲、这个蜂蜜"),
        ("最 好 的", "最好的"),
        ("全 网 最 低", "全网最低"),
        ("好 我跟你说", "好我跟你说"),
        ("abc def 中文", "abc def中文"),
    ],
)
def test_normalize_asr_forms(raw, folded):
    norm = normalize(raw)
    assert norm.text == folded
    assert len(norm.origin) == len(norm.text)
    assert all(0 <= o < len(raw) for o in norm.origin)
