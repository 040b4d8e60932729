"""Engine gaps (issue #4): rhetorical questions are the host's assertions ("全网最低价还用我说吗？"), while genuine
questions to or from viewers stay unflagged ("能降血压吗？不能")."""

from __future__ import annotations

import pytest
from support.claims import claim_categories
from support.transcripts import timed_utterances

from training_app.scoring.claims import detect_claims


@pytest.mark.parametrize(
    ("text", "lang", "category"),
    [
        ("全网最低价还用我说吗？", "zh", "absolute_claim"),
        ("这茶喝了能降血压还用说吗？", "zh", "health_claim"),
        ("难道这不是全网最低价吗？", "zh", "absolute_claim"),
        ("难道还有比这更好的全网第一吗？", "zh", "absolute_claim"),
        ("全网最低价还用我说吗", "zh", "absolute_claim"),  # no question mark from speech recognition
        ("哪里还能找到全网最低价？", "zh", "absolute_claim"),
        ("全网最低价，你上哪儿买去？", "zh", "absolute_claim"),
        ("这么好的全网第一，谁家能比？", "zh", "absolute_claim"),
        ("Where else will you find the lowest price on the internet?", "en", "absolute_claim"),
        ("Can it get any better than the best tea in the world?", "en", "absolute_claim"),
    ],
)
def test_rhetorical_question_is_an_assertion(catalog, text: str, lang: str, category: str) -> None:  # type: ignore[no-untyped-def]
    assert category in claim_categories([text], lang, catalog)


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("吃了能降血压吗？不能", "zh"),
        ("吃了能降血压吗", "zh"),
        ("这是全网最低价吗？", "zh"),
        ("难道这个能治病吗？", "zh"),
        ("难道不吃药也能治好病吗？", "zh"),
        ("难道不用吃药就能降血压吗？不可能的", "zh"),
        ("有人问哪里还能买到降血压的茶？", "zh"),
        ("能不能降血压？不能，这是普通食品", "zh"),
        ("Is this the best price anywhere?", "en"),
        ("Does it lower blood pressure? No.", "en"),
        ("Can it lower blood sugar? No, it is just food.", "en"),
    ],
)
def test_genuine_questions_stay_unflagged(catalog, text: str, lang: str) -> None:  # type: ignore[no-untyped-def]
    assert claim_categories([text], lang, catalog) == set()


@pytest.mark.parametrize(
    ("texts", "lang"),
    [
        (["平时店里卖一百九十九", "今天福利大", "直播间只要五十九"], "zh"),
        (["It was 199 at the store.", "We grow it ourselves.", "Today it's only 59 here."], "en"),
        (["Only three boxes left.", "I packed them myself this morning.", "Hurry, they go fast."], "en"),
    ],
)
def test_claim_spread_over_three_utterances_flagged_once_on_the_cue(catalog, texts: list[str], lang: str) -> None:  # type: ignore[no-untyped-def]
    transcript = timed_utterances(texts, lang)
    flags = [f for f in detect_claims(transcript, product=None, catalog=catalog) if f.category == "price_fraud"]
    assert len(flags) == 1
    flag, seg = flags[0], transcript.segments[0]
    assert flag.segment == 0 and flag.text in seg.text
    assert flag.start is not None and flag.end is not None
    assert seg.start <= flag.start <= flag.end <= seg.end


def test_two_sentence_claim_is_not_duplicated_by_the_three_sentence_window(catalog) -> None:  # type: ignore[no-untyped-def]
    transcript = timed_utterances(["平时店里卖一百九十九", "直播间只要五十九", "今天福利大"])
    flags = [f for f in detect_claims(transcript, product=None, catalog=catalog) if f.category == "price_fraud"]
    assert len(flags) == 1 and flags[0].segment == 0


@pytest.mark.parametrize(
    ("texts", "lang"),
    [
        (["我们家种苹果三十年了。", "每天都在地里忙。", "今天直播间给大家带来十斤装。"], "zh"),
        (["原价九十九。", "这是去年的事了。", "今年没有涨价，还是九十九。"], "zh"),
        (["外面卖五十。", "我们也卖五十。", "价格都一样的。"], "zh"),
        (["昨天卖了五百单。", "谢谢大家支持。", "今天继续给大家发货，不着急慢慢来。"], "zh"),
        (["我表哥在外地打工。", "今天天气不错。", "县里这两天在修路。"], "zh"),
        (["My mother drank this tea for two months.", "She likes the taste.", "She still drinks it now."], "en"),
        (["Only three boxes left.", "I will restock next week."], "en"),
        (["My cousin is a farmer too.", "It's sunny today.", "The county office is closed on Sunday."], "en"),
    ],
)
def test_unrelated_three_sentences_do_not_combine(catalog, texts: list[str], lang: str) -> None:  # type: ignore[no-untyped-def]
    assert claim_categories(texts, lang, catalog) == set()
