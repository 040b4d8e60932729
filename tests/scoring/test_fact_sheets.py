"""Certification and origin claims checked against product fact sheets and the gazetteer."""

from __future__ import annotations

import pytest

from training_app.scoring.claims import rule_hits


def _cats(text, lang, product, catalog):
    sheet = catalog.products[product] if product else None
    return {h.rule.category for h in rule_hits(text, lang, sheet, catalog)}


@pytest.mark.parametrize(
    ("text", "certified", "uncertified"),
    [
        ("我们这是有机认证的，有有机证书", "meitan-tea", "wuchang-rice"),
        ("包装上有绿色食品标志", "gannan-orange", "meitan-tea"),
        ("这是国家地理标志产品", "yangbi-walnut", "zhoukou-eggs"),
    ],
)
def test_certification_fine_when_on_sheet_flagged_when_not(text, certified, uncertified, catalog):
    assert "unverified_certification" not in _cats(text, "zh", certified, catalog)
    assert "unverified_certification" in _cats(text, "zh", uncertified, catalog)


def test_certification_without_sheet_is_unverifiable_and_asks_for_certificate(catalog):
    hits = rule_hits("我们是有机种植的", "zh", None, catalog)
    assert hits and hits[0].verdict.value == "unverified"
    assert "编号" in hits[0].rule.explanation_unverified.zh


def test_certificate_number_viewers_can_look_up_is_fine_without_sheet(catalog):
    assert _cats("有机码是1234567890，可以在网上查询", "zh", None, catalog) == set()


def test_organic_en_certified_vs_uncertified(catalog):
    assert "unverified_certification" not in _cats("It's certified organic millet.", "en", "qinzhou-millet", catalog)
    assert "unverified_certification" in _cats("It's certified organic rice.", "en", "taojiang-rice", catalog)


@pytest.mark.parametrize(
    ("text", "true_product", "other_product", "lang"),
    [
        ("正宗五常大米，一年一季", "wuchang-rice", "taojiang-rice", "zh"),
        ("这是洛川苹果，脆甜多汁", "luochuan-apple", "gannan-orange", "zh"),
        ("赣南脐橙，现摘现发", "gannan-orange", "luochuan-apple", "zh"),
        ("Genuine Wuchang rice from the black soil.", "wuchang-rice", "taojiang-rice", "en"),
    ],
)
def test_protected_origin_fine_for_true_product_false_for_others(text, true_product, other_product, lang, catalog):
    assert "false_origin" not in _cats(text, lang, true_product, catalog)
    assert "false_origin" in _cats(text, lang, other_product, catalog)


def test_comparison_with_famous_origin_is_not_false_origin(catalog):
    assert "false_origin" not in _cats("跟五常大米比，我们桃江米更松软", "zh", "taojiang-rice", catalog)


def test_wugonghai_as_history_is_not_flagged(catalog):
    assert _cats("无公害农产品认证2018年已经取消了", "zh", "gannan-orange", catalog) == set()
