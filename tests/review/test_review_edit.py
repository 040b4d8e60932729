"""Editing a review: AI prefill from a real ScoreReport, overrides kept and audited, autosave, flag decisions,
timed comments, concurrent edits, submit."""

from __future__ import annotations

import pytest
from sqlalchemy import Engine
from sqlmodel import select
from support.clips import People
from support.review import CLEAN, LINES, report_for, rubrics, scored_clip, second_trainer

from training_app.catalog.rubrics import default_rubric
from training_app.db.tables import AuditLog, FlagDecision, FlagDecisionKind, Review, ReviewStatus, TimedComment, User
from training_app.errors import Conflict, InvalidInput
from training_app.services import clips, review_edit
from training_app.services.review_flags import flags_of
from training_app.services.uow import unit_of_work

RUBRICS = rubrics()
RUBRIC = default_rubric(RUBRICS)


def _start(engine: Engine, trainer: User, clip_id: int) -> Review:
    with unit_of_work(engine) as s:
        return review_edit.start_review(s, trainer, clip_id=clip_id, rubric=RUBRIC)


def _reload(engine: Engine, review_id: int) -> Review:
    with unit_of_work(engine, write=False) as s:
        review = s.get(Review, review_id)
        assert review is not None
        return review


def test_start_review_prefills_levels_from_score_report(
    any_engine: Engine, people: People, intake: clips.Intake
) -> None:
    clip = scored_clip(any_engine, people.trainee, intake)
    review = _start(any_engine, people.trainer, clip)
    report = report_for(LINES)
    criteria = review.criteria
    # A critical (60) and a major (25) flag: compliance evidence 15 → level 1; pacing 100 → 4; engagement 60 → 2.
    assert criteria["compliance"] == {"ai": 1, "ai_score": 15.0, "level": 1, "comment": ""}
    assert criteria["pacing"]["ai"] == 4 and criteria["pacing"]["ai_score"] == report["pacing"]["score"]
    assert criteria["engagement"]["ai"] == 2
    assert criteria["product_knowledge"]["ai"] == 1  # 2 of 7 key points
    assert criteria["preparation"] == {"ai": None, "ai_score": None, "level": None, "comment": ""}
    assert criteria["after_sales"]["ai"] is None
    assert review.status == ReviewStatus.DRAFT and review.version == 1 and review.overall is not None


def test_start_review_twice_returns_the_same_draft(any_engine: Engine, people: People, intake: clips.Intake) -> None:
    clip = scored_clip(any_engine, people.trainee, intake)
    assert _start(any_engine, people.trainer, clip).id == _start(any_engine, people.trainer, clip).id


def test_update_review_override_kept_beside_prefill_and_audited(
    any_engine: Engine, people: People, intake: clips.Intake
) -> None:
    review = _start(any_engine, people.trainer, scored_clip(any_engine, people.trainee, intake))
    with unit_of_work(any_engine) as s:
        review_edit.update_review(
            s, people.trainer, review_id=review.id or 0, version=1, rubrics=RUBRICS,
            levels={"pacing": 2, "preparation": 3}, comments={"pacing": "太快了"},
        )  # fmt: skip
    saved = _reload(any_engine, review.id or 0)
    assert saved.criteria["pacing"] == {"ai": 4, "ai_score": 100.0, "level": 2, "comment": "太快了"}
    assert saved.criteria["preparation"]["level"] == 3 and saved.version == 2
    with unit_of_work(any_engine, write=False) as s:
        entries = s.exec(select(AuditLog).where(AuditLog.resource_type == "review")).all()
    overrides = {e.detail for e in entries if e.action == "review.override"}
    assert "pacing: ai=4 trainer=4->2" in overrides and "preparation: ai=None trainer=None->3" in overrides
    assert all("太快了" not in e.detail for e in entries)  # the audit log keeps no content


def test_update_review_each_autosave_bumps_version_and_overall(
    any_engine: Engine, people: People, intake: clips.Intake
) -> None:
    review = _start(any_engine, people.trainer, scored_clip(any_engine, people.trainee, intake))
    overall = []
    for version, level in enumerate((1, 4), start=1):
        with unit_of_work(any_engine) as s:
            review_edit.update_review(
                s,
                people.trainer,
                review_id=review.id or 0,
                version=version,
                rubrics=RUBRICS,
                levels={"compliance": level},
            )
        overall.append(_reload(any_engine, review.id or 0).overall)
    assert _reload(any_engine, review.id or 0).version == 3
    assert overall[1] > overall[0]


def test_update_review_stale_version_raises_conflict_and_keeps_first_save(
    any_engine: Engine, people: People, intake: clips.Intake
) -> None:
    colleague = second_trainer(any_engine, people.trainee)
    review = _start(any_engine, people.trainer, scored_clip(any_engine, people.trainee, intake))
    seen_by_both = review.version
    with unit_of_work(any_engine) as s:
        review_edit.update_review(
            s, people.trainer, review_id=review.id or 0, version=seen_by_both, rubrics=RUBRICS,
            levels={"after_sales": 4}, comment="第一位老师",
        )  # fmt: skip
    with pytest.raises(Conflict) as raised, unit_of_work(any_engine) as s:
        review_edit.update_review(
            s, colleague, review_id=review.id or 0, version=seen_by_both, rubrics=RUBRICS,
            levels={"after_sales": 1}, comment="第二位老师",
        )  # fmt: skip
    assert raised.value.message_key == "review.conflict" and "别人" in raised.value.message("zh")
    saved = _reload(any_engine, review.id or 0)
    assert saved.criteria["after_sales"]["level"] == 4 and saved.comment == "第一位老师" and saved.version == 2
    flag = flags_of(report_for(LINES))[0]
    with pytest.raises(Conflict), unit_of_work(any_engine) as s:
        review_edit.decide_flag(
            s, colleague, review_id=review.id or 0, version=seen_by_both, flag_key=flag.key,
            decision=FlagDecisionKind.CONFIRM,
        )  # fmt: skip
    with unit_of_work(any_engine, write=False) as s:
        assert s.exec(select(FlagDecision)).all() == []


def test_decide_flag_dismiss_without_reason_refused(any_engine: Engine, people: People, intake: clips.Intake) -> None:
    review = _start(any_engine, people.trainer, scored_clip(any_engine, people.trainee, intake))
    flag = flags_of(report_for(LINES))[0]
    with pytest.raises(InvalidInput) as raised, unit_of_work(any_engine) as s:
        review_edit.decide_flag(
            s, people.trainer, review_id=review.id or 0, version=1, flag_key=flag.key,
            decision=FlagDecisionKind.DISMISS,
        )  # fmt: skip
    assert raised.value.message_key == "review.reason_required"
    assert _reload(any_engine, review.id or 0).version == 1


def test_decide_flag_confirm_then_dismiss_with_reason_keeps_snapshot(
    any_engine: Engine, people: People, intake: clips.Intake
) -> None:
    review = _start(any_engine, people.trainer, scored_clip(any_engine, people.trainee, intake))
    absolute, health = flags_of(report_for(LINES))
    with unit_of_work(any_engine) as s:
        review_edit.decide_flag(s, people.trainer, review_id=review.id or 0, version=1, flag_key=absolute.key,
                                decision=FlagDecisionKind.CONFIRM)  # fmt: skip
        review_edit.decide_flag(s, people.trainer, review_id=review.id or 0, version=2, flag_key=absolute.key,
                                decision=FlagDecisionKind.DISMISS, reason_code="negated_or_quoted",
                                reason_note="说的是“不是全网最”")  # fmt: skip
        review_edit.decide_flag(s, people.trainer, review_id=review.id or 0, version=3, flag_key=health.key,
                                decision=FlagDecisionKind.CONFIRM)  # fmt: skip
    with unit_of_work(any_engine, write=False) as s:
        rows = {d.rule_id: d for d in s.exec(select(FlagDecision))}
    assert set(rows) == {"ABS-01a", "MED-01a"}
    dismissed = rows["ABS-01a"]
    assert dismissed.decision == FlagDecisionKind.DISMISS and dismissed.reason_code == "negated_or_quoted"
    assert dismissed.text == "全网最" and dismissed.context == "这个苹果全网最好吃的，没有之一"
    assert dismissed.language == "zh" and dismissed.start_s == absolute.claim.start
    assert rows["MED-01a"].severity == "critical" and rows["MED-01a"].reason_code is None


def test_add_timed_comment_pinned_to_moment(any_engine: Engine, people: People, intake: clips.Intake) -> None:
    review = _start(any_engine, people.trainer, scored_clip(any_engine, people.trainee, intake))
    with unit_of_work(any_engine) as s:
        review_edit.add_timed_comment(s, people.trainer, review_id=review.id or 0, version=1, at_seconds=10.5,
                                      text="这里不能说治病")  # fmt: skip
    with pytest.raises(InvalidInput), unit_of_work(any_engine) as s:
        review_edit.add_timed_comment(s, people.trainer, review_id=review.id or 0, version=2, at_seconds=99, text="x")
    with unit_of_work(any_engine, write=False) as s:
        rows = s.exec(select(TimedComment)).all()
    assert [(c.at_seconds, c.text, c.trainer_id) for c in rows] == [(10.5, "这里不能说治病", people.trainer.id)]


def test_submit_review_incomplete_refused_then_final(any_engine: Engine, people: People, intake: clips.Intake) -> None:
    review = _start(any_engine, people.trainer, scored_clip(any_engine, people.trainee, intake, lines=CLEAN))
    rid = review.id or 0
    with pytest.raises(InvalidInput) as raised, unit_of_work(any_engine) as s:
        review_edit.submit_review(s, people.trainer, review_id=rid, version=1, rubrics=RUBRICS)
    assert raised.value.message_key == "review.missing_levels" and raised.value.params == {"count": 2}
    with unit_of_work(any_engine) as s:
        review_edit.update_review(s, people.trainer, review_id=rid, version=1, rubrics=RUBRICS,
                                  levels={"preparation": 3, "after_sales": 4})  # fmt: skip
        review_edit.submit_review(s, people.trainer, review_id=rid, version=2, rubrics=RUBRICS)
    saved = _reload(any_engine, rid)
    assert saved.status == ReviewStatus.SUBMITTED and saved.submitted_at is not None and saved.overall is not None
    with pytest.raises(InvalidInput) as raised, unit_of_work(any_engine) as s:
        review_edit.update_review(s, people.trainer, review_id=rid, version=3, rubrics=RUBRICS, levels={"pacing": 1})
    assert raised.value.message_key == "review.already_submitted"


def test_submit_review_undecided_flags_refused(any_engine: Engine, people: People, intake: clips.Intake) -> None:
    review = _start(any_engine, people.trainer, scored_clip(any_engine, people.trainee, intake))
    rid = review.id or 0
    with unit_of_work(any_engine) as s:
        review_edit.update_review(s, people.trainer, review_id=rid, version=1, rubrics=RUBRICS,
                                  levels={"preparation": 3, "after_sales": 4})  # fmt: skip
    with pytest.raises(InvalidInput) as raised, unit_of_work(any_engine) as s:
        review_edit.submit_review(s, people.trainer, review_id=rid, version=2, rubrics=RUBRICS)
    assert raised.value.message_key == "review.flags_undecided" and raised.value.params == {"count": 2}
