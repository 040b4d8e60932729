"""Engine gaps (issue #4): rhetorical questions are the host's assertions ("全网最低价还用我说吗？"), while genuine
questions to or from viewers stay unflagged ("能降血压吗？不能")."""

from __future__ import annotations

import pytest

from training_app.scoring.claims import detect_claims
from training_app.speech.transcript import Segment, Transcript


def _categories(texts: list[str], catalog, lang: str = "zh") -> set[str]:  # type: ignore[no-untyped-def]
    segments = tuple(Segment(0.0, 0.0, text) for text in texts)
    transcript = Transcript(lang, None, segments, "transcribed", {"timing": "none"})
    return {f.category for f in detect_claims(transcript, product=None, catalog=catalog)}


@pytest.mark.parametrize(
    ("text", "lang", "category"),
    [
        ("全网最低价还用我说吗？", "zh", "absolute_claim"),
        ("这茶喝了能降血压还用说吗？", "zh", "health_claim"),
        ("难道这不是全网最低价吗？", "zh", "absolute_claim"),
        ("哪里还能找到全网最低价？", "zh", "absolute_claim"),
        ("全网最低价，你上哪儿买去？", "zh", "absolute_claim"),
        ("这么好的全网第一，谁家能比？", "zh", "absolute_claim"),
        ("Where else will you find the lowest price on the internet?", "en", "absolute_claim"),
        ("Can it get any better than the best tea in the world?", "en", "absolute_claim"),
    ],
)
def test_rhetorical_question_is_an_assertion(catalog, text: str, lang: str, category: str) -> None:  # type: ignore[no-untyped-def]
    assert category in _categories([text], catalog, lang)


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("吃了能降血压吗？不能", "zh"),
        ("这是全网最低价吗？", "zh"),
        ("难道这个能治病吗？", "zh"),
        ("有人问哪里还能买到降血压的茶？", "zh"),
        ("能不能降血压？不能，这是普通食品", "zh"),
        ("Is this the best price anywhere?", "en"),
        ("Does it lower blood pressure? No.", "en"),
        ("Can it lower blood sugar? No, it is just food.", "en"),
    ],
)
def test_genuine_questions_stay_unflagged(catalog, text: str, lang: str) -> None:  # type: ignore[no-untyped-def]
    assert _categories([text], catalog, lang) == set()
