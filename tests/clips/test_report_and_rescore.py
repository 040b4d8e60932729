"""The report of a scored clip (flags in their lines, pauses, pace band, legal-basis marks, previous attempt) and
re-scoring after a rule change. The transcript is the test's input (``Scripted``); scoring is real."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from sqlalchemy import Engine
from sqlmodel import Session, col, select
from support.clips import (
    SYSTEM,
    People,
    Scripted,
    catalog_products,
    clip_settings,
    make_people,
    spoken,
    submit,
    wav_bytes,
    worker_context,
)

from training_app.config import REPO_ROOT
from training_app.db.tables import Job, JobKind, Score
from training_app.services import clips, reports
from training_app.services.media import LocalMediaStore
from training_app.services.scoring import load_assessment_catalog
from training_app.services.uow import unit_of_work
from training_app.worker.runner import run_job

PRODUCT = "luochuan-apple"
PITCH = [
    (0.5, 12.0, "大家好，欢迎来到直播间，今天给大家介绍陕西洛川的红富士苹果，果子脆甜多汁。"),
    (15.0, 30.0, "这是全国最好的苹果，绝对第一，吃了能治病，家人们赶紧下单，库存不多了。"),
    (30.5, 45.0, "我们的苹果冷藏可以放几个月，每一箱都是现摘现发，有问题随时联系我们。"),
]


@pytest.fixture
def people(sqlite_engine: Engine, monkeypatch: pytest.MonkeyPatch) -> People:
    return make_people(sqlite_engine, monkeypatch)


@pytest.fixture
def assessments(tmp_path: Path) -> Path:
    copy = tmp_path / "assessments"
    shutil.copytree(REPO_ROOT / "assessments", copy)
    return copy


def _scored_clip(engine: Engine, people: People, intake: clips.Intake, store: LocalMediaStore, tmp_path: Path,
                 assessments: Path, lines: list[tuple[float, float, str]] = PITCH) -> int:  # fmt: skip
    intake = clips.Intake(**{**intake.__dict__, "products": catalog_products()})
    clip_id = submit(engine, people.trainee, people.trainee, wav_bytes(), intake, product_id=PRODUCT)
    ctx = worker_context(engine, clip_settings(tmp_path, assessments_dir=assessments), store)
    ctx.transcriber = Scripted(spoken(lines))
    with Session(engine) as s:
        job_id = s.exec(select(Job.id).where(Job.clip_id == clip_id)).one()
    run_job(ctx, job_id or 0)
    return clip_id


def _report(engine: Engine, people: People, clip_id: int) -> reports.ClipReport:
    with unit_of_work(engine, write=False) as s:
        return reports.clip_report(s, people.trainee, clip_id=clip_id)


def test_clip_report_places_flags_in_their_lines(
    sqlite_engine: Engine, people: People, intake: clips.Intake, store: LocalMediaStore, tmp_path: Path,
    assessments: Path,
) -> None:  # fmt: skip
    report = _report(sqlite_engine, people, _scored_clip(sqlite_engine, people, intake, store, tmp_path, assessments))
    assert report.status == "scored" and report.overall is not None
    assert set(report.dimensions) == set(reports.DIMENSIONS)
    assert report.flags, "the pitch makes absolute and health claims"
    flagged_lines = [i for i, line in enumerate(report.lines) if line.flags]
    assert flagged_lines == [1]
    pieces = report.lines[1].pieces()
    assert "".join(text for text, _ in pieces) == report.lines[1].text  # highlighting never changes the words
    assert any(flag is not None for _, flag in pieces)
    assert all(f.marks and set(f.marks) <= set(reports.MARKS) for f in report.flags)
    assert report.has_unverified_basis == any(not f.fully_verified for f in report.flags)
    assert report.pauses == [] or all(b - a >= reports.LONG_PAUSE_S for a, b in report.pauses)
    assert (12.0, 15.0) in [(round(a), round(b)) for a, b in report.pauses]
    assert report.tips and report.rule_set_version and report.previous is None


def test_clip_report_compares_with_previous_attempt_on_same_product(
    sqlite_engine: Engine, people: People, intake: clips.Intake, store: LocalMediaStore, tmp_path: Path,
    assessments: Path,
) -> None:  # fmt: skip
    first = _scored_clip(sqlite_engine, people, intake, store, tmp_path, assessments)
    second = _scored_clip(sqlite_engine, people, intake, store, tmp_path, assessments, PITCH[:1] + PITCH[2:])
    report = _report(sqlite_engine, people, second)
    assert report.previous is not None and report.previous.clip_id == first
    assert report.previous.overall == _report(sqlite_engine, people, first).overall


def test_line_pieces_overlapping_flags_keep_text() -> None:
    flag = reports.Flag("absolute_claim", "r", "major", "最好", None, "", "", "《广告法》✅", ("✅",))
    line = reports.Line(0.0, 1.0, "全国最好的苹果", [(2, 4, flag), (3, 5, flag)])
    assert line.pieces() == [("全国", None), ("最好", flag), ("的苹果", None)]
    assert flag.fully_verified
    assert not reports.Flag("c", "r", "minor", "x", None, "", "", "办法 🔶", ("🔶",)).fully_verified


def test_rescore_after_rule_change_adds_score_with_new_version(
    sqlite_engine: Engine, people: People, intake: clips.Intake, store: LocalMediaStore, tmp_path: Path,
    assessments: Path,
) -> None:  # fmt: skip
    clip_id = _scored_clip(sqlite_engine, people, intake, store, tmp_path, assessments)
    old = load_assessment_catalog(assessments).rule_set_version
    with unit_of_work(sqlite_engine) as s:  # same rules: nothing to do
        assert clips.rescore_clips(s, SYSTEM, clip_ids=None, rule_set_version=old, max_attempts=3).queued == []
    lexicon = assessments / "lexicons" / "superlatives.yaml"
    lexicon.write_text(lexicon.read_text(encoding="utf-8") + "\n# reviewed again\n", encoding="utf-8")
    new = load_assessment_catalog(assessments).rule_set_version
    assert new != old
    with unit_of_work(sqlite_engine) as s:
        result = clips.rescore_clips(s, SYSTEM, clip_ids=[clip_id], rule_set_version=new, max_attempts=3)
    assert result.queued == [clip_id]
    ctx = worker_context(sqlite_engine, clip_settings(tmp_path, assessments_dir=assessments), store)
    with Session(sqlite_engine) as s:
        job_id = s.exec(select(Job.id).where(Job.kind == JobKind.SCORE)).one()
    run_job(ctx, job_id or 0)
    with Session(sqlite_engine) as s:
        versions = list(s.exec(select(Score.rule_set_version).order_by(col(Score.id))))
    assert versions == [old, new]
    assert _report(sqlite_engine, people, clip_id).rule_set_version == new  # the newest score is current
