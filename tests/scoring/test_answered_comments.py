"""Answering viewers' comments: a host who quotes a question ("有家人问…") and then answers it speaks in her own voice
again — a claim in the answer is flagged; a claim only inside the quoted question, or denied in the answer, is not."""

from __future__ import annotations

import pytest
from support.claims import claim_categories


@pytest.mark.parametrize(
    ("text", "category"),
    [
        ("有宝宝问能不能私下转账便宜点，可以，你加我微信，我给你便宜二十", "other"),
        ("有朋友问这个蜂蜜能不能降血糖，能的，天天喝血糖就稳了", "health_claim"),
        ("评论区有人问是不是全网最低价，我跟你们说，全网最低价就在咱家", "absolute_claim"),
        ("有家人在问孕妇能不能喝，当然可以，孕妇喝了能安胎", "health_claim"),
    ],
)
def test_claim_in_the_answer_to_a_quoted_question_is_flagged(catalog, text: str, category: str) -> None:  # type: ignore[no-untyped-def]
    assert category in claim_categories(text, "zh", catalog)


@pytest.mark.parametrize(
    "text",
    [
        "有家人问能不能降血压，不能，这就是普通食品，不能代替药物",
        "网上说吃了可以降血压，这是谣传，大家别信",
        "有人问是不是全网最低价，这个我们不敢说，只能说今天有优惠券",
        "有朋友问能不能加微信买，不可以哈，都在平台下单，售后才有保障",
    ],
)
def test_quoted_or_denied_claims_in_comment_answers_are_not_flagged(catalog, text: str) -> None:  # type: ignore[no-untyped-def]
    assert claim_categories(text, "zh", catalog) == set()
