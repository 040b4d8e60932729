"""Per-rule false-alarm report (shown, confirmed, dismissed, rate, reasons), CSV, labelled-data export and its CLI."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from sqlalchemy import Engine
from sqlmodel import SQLModel
from support.clips import People, make_people
from support.review import LINES, make_intake, review_clip, scored_clip

from training_app.config import get_settings
from training_app.services import clips
from training_app.services.flag_report import export_flag_labels, false_alarm_csv, false_alarm_report
from training_app.services.uow import unit_of_work


def _reviewed_world(engine: Engine, people: People, intake: clips.Intake) -> None:
    """Three flagged clips: ABS-01a dismissed twice (two reasons) and confirmed once; MED-01a always confirmed;
    one more flagged clip with a draft review and one never reviewed (shown, undecided)."""
    reasons = ("negated_or_quoted", "transcription_error")
    for owner, reason in zip((people.trainee, people.peer), reasons, strict=True):
        review_clip(engine, people.trainer, scored_clip(engine, owner, intake), dismiss={"ABS-01a": reason})
    review_clip(engine, people.trainer, scored_clip(engine, people.trainee, intake))
    review_clip(engine, people.trainer, scored_clip(engine, people.trainee, intake), dismiss={"MED-01a": "other"},
                submit=False)  # fmt: skip
    scored_clip(engine, people.peer, intake)
    scored_clip(engine, people.other_agency, intake)  # out of the trainer's scope


def test_false_alarm_report_counts_per_rule(any_engine: Engine, people: People, intake: clips.Intake) -> None:
    _reviewed_world(any_engine, people, intake)
    with unit_of_work(any_engine, write=False) as s:
        rows = {r.rule_id: r for r in false_alarm_report(s, people.trainer)}
    absolute, health = rows["ABS-01a"], rows["MED-01a"]
    assert (absolute.shown, absolute.confirmed, absolute.dismissed) == (5, 1, 2)
    assert absolute.false_alarm_rate == pytest.approx(2 / 3, abs=1e-3)
    assert dict(absolute.reasons) == {"negated_or_quoted": 1, "transcription_error": 1}
    assert (health.shown, health.confirmed, health.dismissed, health.false_alarm_rate) == (5, 3, 0, 0.0)
    with unit_of_work(any_engine, write=False) as s:
        admin_rows = {r.rule_id: r for r in false_alarm_report(s, people.admin)}
    assert admin_rows["ABS-01a"].shown == 6


def test_false_alarm_csv_has_translated_header_and_reasons(
    any_engine: Engine, people: People, intake: clips.Intake
) -> None:
    _reviewed_world(any_engine, people, intake)
    with unit_of_work(any_engine, write=False) as s:
        data = false_alarm_csv(false_alarm_report(s, people.trainer), "zh").decode("utf-8-sig")
    header, first = data.splitlines()[:2]
    assert header.startswith("规则") and first.startswith("ABS-01a,absolute_claim,5,1,2,0.667,")


def test_export_flag_labels_confirmed_and_dismissed_of_submitted_reviews(
    any_engine: Engine, people: People, intake: clips.Intake
) -> None:
    _reviewed_world(any_engine, people, intake)
    with unit_of_work(any_engine, write=False) as s:
        rows = export_flag_labels(s)
    assert len(rows) == 6  # 3 submitted reviews × 2 flags; the draft's decisions are not final
    first = rows[0]
    assert first == {
        "text": LINES[1][2], "category": "absolute_claim", "rule_id": "ABS-01a", "label": "dismissed",
        "language": "zh", "product_id": "luochuan-apple", "span": "全网最",
    }  # fmt: skip
    assert sorted(r["label"] for r in rows) == ["confirmed"] * 4 + ["dismissed"] * 2


def test_export_labels_cli_writes_jsonl(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from training_app.cli import main
    from training_app.services.startup import engine_for

    monkeypatch.setenv("TRAINING_APP_DATA_DIR", str(tmp_path / "data"))
    get_settings.cache_clear()
    try:
        engine = engine_for(get_settings())
        SQLModel.metadata.create_all(engine)
        people = make_people(engine, monkeypatch)
        review_clip(engine, people.trainer, scored_clip(engine, people.trainee, make_intake(tmp_path / "media")),
                    dismiss={"ABS-01a": "not_a_claim"})  # fmt: skip
        out = tmp_path / "labels" / "flags.jsonl"
        assert main(["review", "export-labels", str(out)]) == 0
    finally:
        get_settings.cache_clear()
    rows = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert [(r["rule_id"], r["label"]) for r in rows] == [("ABS-01a", "dismissed"), ("MED-01a", "confirmed")]
    assert rows[1]["text"] == LINES[2][2]
