"""Engagement counts, knowledge coverage, overall formula and critical cap, timestamps of flags."""

from __future__ import annotations

import pytest

from training_app.scoring.engagement import analyze_engagement
from training_app.scoring.knowledge import analyze_knowledge
from training_app.scoring.overall import overall_score
from training_app.scoring.report import ClaimFlag, EngagementResult, KnowledgeResult, PacingResult
from training_app.services.scoring import score_transcript, transcript_from_json, transcript_from_text
from training_app.speech.transcript import Segment, Transcript, Word


def test_engagement_counts_each_kind(catalog):
    text = "家人们晚上好！\n喜欢脆一点的还是面一点的？\n点击下方小黄车一号链接\n有朋友问保存多久，冷藏能放两个月"
    result = analyze_engagement(transcript_from_text(text, language="zh"), timed=False, catalog=catalog)
    assert (result.audience_address, result.questions, result.calls_to_action, result.answering_comments) == (
        1,
        1,
        1,
        1,
    )
    assert result.longest_gap_without_prompt_s is None
    assert 0 < result.score <= 100


def test_longest_gap_without_prompt(catalog):
    segs = (
        Segment(0.0, 5.0, "家人们好！"),
        Segment(5.0, 95.0, "这个苹果产自洛川，海拔高，温差大，口感脆甜。"),
        Segment(95.0, 100.0, "想要的扣1！"),
    )
    result = analyze_engagement(Transcript("zh", 100.0, segs), timed=True, catalog=catalog)
    assert result.longest_gap_without_prompt_s == pytest.approx(95.0)


def test_knowledge_coverage(catalog):
    sheet = catalog.products["luochuan-apple"]
    text = "洛川的红富士，脆甜多汁，收到放冰箱冷藏。"
    result = analyze_knowledge(transcript_from_text(text, language="zh"), sheet)
    assert {"origin", "variety", "storage"} <= set(result.covered)
    assert "shipping" in result.missing
    assert result.score == pytest.approx(100 * len(result.covered) / len(sheet.key_points))
    assert analyze_knowledge(transcript_from_text(text, language="zh"), None) is None


def _flag(severity: str) -> ClaimFlag:
    return ClaimFlag("health_claim", "X", severity, "t", None, None, "b", "e", "s")


def _dims():
    pacing = PacingResult(200, "cpm", 220, 0.1, 1.0, 0, 0, 0, 100, 80.0, (200, 280))
    engagement = EngagementResult(1, 1, 1, 1, 10.0, 60.0)
    knowledge = KnowledgeResult(["a"], ["b"], 50.0)
    return pacing, engagement, knowledge


def test_overall_is_weighted_mean_minus_deductions(catalog):
    pacing, engagement, knowledge = _dims()
    w = catalog.scoring.overall.weights
    base = (w["pacing"] * 80 + w["engagement"] * 60 + w["knowledge"] * 50) / sum(w.values())
    got = overall_score(pacing=pacing, engagement=engagement, knowledge=knowledge, claims=[], catalog=catalog)
    assert got == pytest.approx(round(base, 1))
    minor = overall_score(
        pacing=pacing, engagement=engagement, knowledge=knowledge, claims=[_flag("major")], catalog=catalog
    )
    assert minor == pytest.approx(round(base - catalog.scoring.overall.deductions["major"], 1))


def test_critical_claim_caps_overall(catalog):
    pacing = PacingResult(200, "cpm", 220, 0.1, 1.0, 0, 0, 0, 100, 100.0, (200, 280))
    engagement = EngagementResult(5, 5, 5, 5, 10.0, 100.0)
    knowledge = KnowledgeResult(["a"], [], 100.0)
    got = overall_score(
        pacing=pacing, engagement=engagement, knowledge=knowledge, claims=[_flag("critical")], catalog=catalog
    )
    assert got <= catalog.scoring.overall.critical_cap


def test_flag_timestamps_fall_inside_segment_and_narrow_with_words(catalog):
    text = "大家好，这个蜂蜜能治咳嗽，放心买"
    words = tuple(Word(10.0 + i * 0.25, 10.0 + (i + 1) * 0.25, ch) for i, ch in enumerate(text))
    segs = (Segment(0.0, 10.0, "家人们晚上好"), Segment(10.0, 10.0 + 0.25 * len(text), text, words))
    report = score_transcript(Transcript("zh", 15.0, segs), product=None, catalog=catalog)
    flag = next(c for c in report.claims if c.category == "health_claim")
    seg = segs[1]
    assert seg.start <= flag.start <= flag.end <= seg.end
    k = text.index(flag.text)
    assert flag.start == pytest.approx(10.0 + 0.25 * k)
    assert flag.end == pytest.approx(10.0 + 0.25 * (k + len(flag.text)))


def test_segment_only_timing_flag_inside_segment(catalog):
    data = {"segments": [{"start": 3.0, "end": 9.0, "text": "原价一百九十九，今天只要三十九"}]}
    report = score_transcript(transcript_from_json(data), product=None, catalog=catalog)
    assert report.claims and all(3.0 <= c.start <= c.end <= 9.0 for c in report.claims)


def test_no_speech_report(catalog):
    report = score_transcript(Transcript("zh", 3.0, (), "no_speech"), product=None, catalog=catalog)
    data = report.to_dict()
    assert data["status"] == "no_speech" and data["overall"] is None and data["claims"] == [] and data["tips"] == []


def test_tips_in_clip_language_at_most_three(catalog):
    report = score_transcript(
        transcript_from_text("This honey cures colds. It is the best honey in the world.", language="en"),
        product=catalog.products["qinling-honey"],
        catalog=catalog,
    )
    assert 1 <= len(report.tips) <= 3
    assert all(tip.isascii() or "“" in tip or '"' in tip for tip in report.tips)
