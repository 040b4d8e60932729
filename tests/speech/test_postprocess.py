"""Segment post-processing: hallucination filter, Simplified Chinese, one word per character, VAD re-timing."""

from __future__ import annotations

import pytest

from training_app.speech.postprocess import RawSegment, build_segments, is_hallucination, split_characters


def _seg(text: str, *, nsp: float = 0.05, logprob: float = -0.3, words: tuple = ()) -> RawSegment:
    return RawSegment(0.0, 2.0, text, words=words, no_speech_prob=nsp, avg_logprob=logprob)


@pytest.mark.parametrize(
    "text",
    [
        "字幕由Amara.org社群提供",
        "請不吝點贊 訂閱 轉發 打賞支持明鏡與點點欄目",
        "中文字幕志愿者 李宗盛",
        "Subtitles by the Amara.org community",
    ],
)
def test_hallucination_credit_lines_always_dropped(text: str) -> None:
    assert is_hallucination(_seg(text))


@pytest.mark.parametrize("text", ["谢谢观看", "Thanks for watching!", "謝謝觀看。"])
def test_hallucination_closing_lines_dropped_when_unsure(text: str) -> None:
    assert is_hallucination(_seg(text, nsp=0.5))
    assert not is_hallucination(_seg(text, nsp=0.01, logprob=-0.2))


def test_hallucination_scores_whisper_flags_as_not_speech() -> None:
    assert is_hallucination(_seg("坏一首歌。", nsp=0.93, logprob=-0.98))
    assert not is_hallucination(_seg("换一首歌", nsp=0.05, logprob=-0.5))


def test_hallucination_words_with_near_zero_probability() -> None:
    words = ((1.35, 1.97, "对", 0.01),)
    assert is_hallucination(_seg("对", nsp=0.57, logprob=-1.87, words=words))


def test_split_characters_one_word_per_character_with_interpolated_times() -> None:
    words = split_characters(1.0, 1.6, "大家好。")
    assert [w.word for w in words] == ["大", "家", "好。"]
    assert [(w.start, w.end) for w in words] == [(1.0, 1.2), (1.2, 1.4), (1.4, 1.6)]


def test_split_characters_keeps_latin_and_digits_whole() -> None:
    assert [w.word for w in split_characters(0.0, 1.0, "买iPhone15送2斤")] == ["买", "iPhone15", "送", "2", "斤"]


def test_build_segments_converts_traditional_to_simplified() -> None:
    raw = [RawSegment(0.1, 3.6, "廣州市房地產", words=((0.1, 0.6, "廣州", 0.9), (0.6, 3.6, "市房地產", 0.9)))]
    (segment,) = build_segments(raw, "zh", None)
    assert segment.text == "广州市房地产"
    assert "".join(w.word for w in segment.words) == "广州市房地产"
    assert len(segment.words) == 6


def test_build_segments_restores_times_after_vad() -> None:
    # speech at 1–2 s and 5–6 s of the clip; Whisper saw them back to back (0–1 s, 1–2 s)
    chunks = [{"start": 16_000, "end": 32_000}, {"start": 80_000, "end": 96_000}]
    raw = [
        RawSegment(0.0, 0.9, " hello", words=((0.1, 0.9, " hello", 0.9),)),
        RawSegment(1.1, 1.9, " there", words=((1.1, 1.9, " there", 0.9),)),
    ]
    first, second = build_segments(raw, "en", chunks)
    assert (first.start, first.end) == (1.1, 1.9)
    assert (second.start, second.end) == (5.1, 5.9)
    assert second.words[0].word == "there"


def test_build_segments_drops_empty_and_hallucinated() -> None:
    raw = [_seg("  "), _seg("字幕由Amara.org社群提供"), _seg("今天给大家介绍苹果")]
    assert [s.text for s in build_segments(raw, "zh", None)] == ["今天给大家介绍苹果"]


def test_hallucination_low_logprob_tail_after_speech() -> None:
    # measured: Whisper's leftover decode after the last word ("Thank you.", "我认识你了")
    assert is_hallucination(_seg("Thank you.", nsp=0.59, logprob=-1.37))
    assert is_hallucination(_seg("我认识你了", nsp=0.57, logprob=-1.6))
    assert not is_hallucination(_seg("In 1813.", nsp=0.17, logprob=-0.79))


def test_hotwords_prompt_only_when_asked() -> None:
    from training_app.speech.transcription import TranscribeOptions

    assert TranscribeOptions(hotwords=("五常大米",)).prompt_for("zh") is None
    prompt = TranscribeOptions(hotwords=("五常大米", "稻花香"), prompt_hotwords=True).prompt_for("zh")
    assert prompt == "以下是普通话的句子。五常大米，稻花香。"
    assert TranscribeOptions(initial_prompt="以下是普通话的句子。").prompt_for("en") == "以下是普通话的句子。"
