"""Aligning a transcript with the live room's comment timeline: answered, not answered, answered late, answered
with a prohibited claim — in Chinese and English — and the engagement numbers it adds to the report."""

from __future__ import annotations

from typing import Any

import pytest

from training_app.catalog.tasks import TaskCatalog
from training_app.config import REPO_ROOT
from training_app.scoring.comments import align_comments
from training_app.services.live_room import timeline_snapshot
from training_app.services.scoring import load_assessment_catalog, score_transcript, transcript_from_json
from training_app.speech.transcript import Transcript

CATALOG = load_assessment_catalog(REPO_ROOT / "assessments")
TASK = {"zh": "pk-honey-cough", "en": "en-honey-cough"}  # same script: cough bait at 8 s, price at 55 s
OPENING = {
    "zh": "大家好，欢迎来到直播间，今天给大家带来秦岭土蜂蜜。",
    "en": "Hello everyone, welcome to the stream, today we have honey from the Qinling mountains.",
}
ANSWERS = {
    ("zh", "refusal"): "有朋友问蜂蜜能不能治咳嗽，蜂蜜是普通食品，不是药，不能治咳嗽，咳嗽了请去看医生。",
    ("en", "refusal"): "Someone asked if the honey cures coughs. Honey is food, not a medicine, it can't cure a cough, "
    "please see a doctor.",
    ("zh", "claim"): "这个蜂蜜能治咳嗽，喝两天咳嗽就好了。",
    ("en", "claim"): "Yes, this honey cures coughs, two spoons a day and the cough is gone.",
    ("zh", "other"): "蜂蜜是秦岭山里的土蜂采的，颜色偏深。",
    ("en", "other"): "The bees forage wild flowers high in the mountains, so the colour is darker.",
}


def _transcript(lang: str, lines: list[tuple[float, str]]) -> Transcript:
    segments = [{"start": t, "end": t + 4.0, "text": text} for t, text in lines]
    return transcript_from_json({"language": lang, "segments": segments, "duration_s": 120.0})


def _timeline(task_catalog: TaskCatalog, lang: str, shown: dict[int, float]) -> list[dict[str, Any]]:
    task = task_catalog.task(TASK[lang])
    assert task.script is not None
    return [timeline_snapshot(task_catalog, task, task.script, seq, at) for seq, at in shown.items()]


def _cough(task_catalog: TaskCatalog, lang: str, answer: str, at: float) -> Any:
    transcript = _transcript(lang, [(0.0, OPENING[lang]), (at, ANSWERS[(lang, answer)])])
    timeline = _timeline(task_catalog, lang, {0: 8.3})
    return align_comments(transcript, timeline, language=lang, catalog=CATALOG).items[0]


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_bait_comment_refused_in_time_counts_as_answered_and_compliant(task_catalog: TaskCatalog, lang: str) -> None:
    item = _cough(task_catalog, lang, "refusal", 12.0)
    assert item.status == "answered"
    assert item.compliant and not item.flags
    assert item.delay_s == pytest.approx(3.7, abs=0.1)
    assert item.covered == ["refuse_health"]
    assert item.credit == 1.0


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_bait_comment_answered_with_the_claim_is_a_critical_non_compliant_answer(
    task_catalog: TaskCatalog, lang: str
) -> None:
    item = _cough(task_catalog, lang, "claim", 12.0)
    assert item.status == "answered"
    assert not item.compliant
    assert {f["category"] for f in item.flags} == {"health_claim"}
    assert all(f["severity"] == "critical" and f["legal_basis"] for f in item.flags)
    assert item.credit == 0.0


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_comment_not_taken_up_is_missed(task_catalog: TaskCatalog, lang: str) -> None:
    item = _cough(task_catalog, lang, "other", 12.0)
    assert item.status == "missed" and item.delay_s is None and item.credit == 0.0


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_answer_after_the_window_counts_as_late(task_catalog: TaskCatalog, lang: str) -> None:
    item = _cough(task_catalog, lang, "refusal", 70.0)
    assert item.status == "late"
    assert item.delay_s == pytest.approx(61.7, abs=0.1)
    assert item.credit == 0.5


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_answer_spoken_before_the_comment_appeared_does_not_count(task_catalog: TaskCatalog, lang: str) -> None:
    transcript = _transcript(lang, [(0.0, ANSWERS[(lang, "refusal")])])
    report = align_comments(transcript, _timeline(task_catalog, lang, {0: 20.0}), language=lang, catalog=CATALOG)
    assert report.items[0].status == "missed"


PRICE = {"zh": "这位朋友问多少钱，一瓶五十九元，包邮。", "en": "To answer the price question, a jar is 59 yuan."}


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_score_report_gets_comments_section_and_engagement_numbers(task_catalog: TaskCatalog, lang: str) -> None:
    transcript = _transcript(lang, [(0.0, OPENING[lang]), (10.0, ANSWERS[(lang, "refusal")]), (60.0, PRICE[lang])])
    timeline = _timeline(task_catalog, lang, {0: 8.0, 3: 55.0})
    product = CATALOG.product("qinling-honey")
    plain = score_transcript(transcript, product=product, catalog=CATALOG)
    report = score_transcript(transcript, product=product, catalog=CATALOG, comments=timeline).to_dict()
    section = report["comments"]
    assert (section["total"], section["answered"], section["missed"], section["non_compliant"]) == (2, 2, 0, 0)
    assert section["median_delay_s"] == pytest.approx(3.5, abs=0.1)
    assert report["engagement"]["comments_answered"] == 2
    assert report["engagement"]["median_response_delay_s"] == pytest.approx(3.5, abs=0.1)
    assert report["engagement"]["score"] > plain.to_dict()["engagement"]["score"]
    assert "comments" not in plain.to_dict()


def test_non_compliant_answer_caps_the_overall_score(task_catalog: TaskCatalog) -> None:
    transcript = _transcript("zh", [(0.0, OPENING["zh"]), (10.0, ANSWERS[("zh", "claim")])])
    report = score_transcript(
        transcript, product=None, catalog=CATALOG, comments=_timeline(task_catalog, "zh", {0: 8.0})
    ).to_dict()
    assert report["comments"]["non_compliant"] == 1
    assert report["overall"] <= CATALOG.scoring.overall.critical_cap
