"""The normalisation memo: short sentences are normalised once per text, long texts (whole transcripts) are never
kept, and a memoised result is the same as a fresh one."""

from __future__ import annotations

from training_app.scoring import text


def test_a_sentence_is_normalised_once_and_the_result_matches_a_fresh_one() -> None:
    text.clear_normalize_memo()
    sentence = "家人们，原价一九九，今天只要三九！"
    first = text.normalize(sentence)
    assert text.normalize(sentence) is first
    assert first == text._normalize(sentence)


def test_a_whole_transcript_is_not_kept_in_the_memo() -> None:
    text.clear_normalize_memo()
    transcript = "these apples are crisp and sweet, one sixty-eight a box. " * 40
    assert len(transcript) > text.MEMO_MAX_CHARS
    assert text.normalize(transcript) == text._normalize(transcript)
    assert text._normalize_memo.cache_info().currsize == 0
