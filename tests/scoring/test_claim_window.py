"""The two-sentence window: a claim whose parts are in consecutive sentences or utterances is flagged once, on the
sentence (and within the timestamps) of the part that carries the cue; denials and questions stay unflagged."""

from __future__ import annotations

from support.transcripts import timed_utterances

from training_app.scoring.claims import detect_claims
from training_app.speech.transcript import Segment, Transcript


def _untimed(text: str, lang: str = "zh") -> Transcript:
    return Transcript(lang, None, (Segment(0.0, 0.0, text),), "transcribed", {"timing": "none"})


def test_price_cut_split_over_two_unpunctuated_utterances_flagged_on_the_reference_price(catalog):
    transcript = timed_utterances(["平时店里卖一百九十九", "今天直播间只要五十九"])
    flags = [f for f in detect_claims(transcript, product=None, catalog=catalog) if f.category == "price_fraud"]
    assert len(flags) == 1
    flag, seg = flags[0], transcript.segments[0]
    assert flag.segment == 0 and flag.text in seg.text
    assert seg.start <= flag.start <= flag.end <= seg.end


def test_effect_in_the_next_sentence_is_flagged_once(catalog):
    flags = detect_claims(_untimed("我妈喝了三个月。现在血压稳稳的，药都不用吃了。"), product=None, catalog=catalog)
    assert [f.category for f in flags].count("health_claim") == 1


def test_claim_inside_one_sentence_is_not_duplicated_by_the_window(catalog):
    flags = detect_claims(_untimed("这个茶能降血压。大家可以尝尝。"), product=None, catalog=catalog)
    assert [f.category for f in flags] == ["health_claim"]


def test_question_answered_with_a_denial_is_not_flagged(catalog):
    text = "有人问这个能不能降血压？不能，它就是普通食品。"
    assert detect_claims(_untimed(text), product=None, catalog=catalog) == []


def test_english_claim_split_over_two_sentences_flagged(catalog):
    text = "My mother drank this tea for two months. Her blood sugar is back to normal now."
    categories = {f.category for f in detect_claims(_untimed(text, "en"), product=None, catalog=catalog)}
    assert "health_claim" in categories


def test_unrelated_neighbouring_sentences_do_not_combine(catalog):
    text = "我们家种苹果三十年了。今天直播间给大家带来十斤装。"
    assert detect_claims(_untimed(text), product=None, catalog=catalog) == []


def test_rule_patterns_are_lowercase_because_they_match_normalised_text(catalog):
    import re

    from training_app.scoring.matching import compiled_rules

    for lang in ("zh", "en"):
        for rule in compiled_rules(catalog, lang):
            for p in (*rule.patterns, *rule.requires, *rule.exceptions, *rule.sentence_exceptions):
                literal = re.sub(r"\\[A-Za-z]|\(\?P<[^>]+>|\(\?P=[^)]+\)", "", p.pattern)
                assert literal == literal.lower(), (rule.rule.id, p.pattern)
