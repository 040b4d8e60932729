"""Calibration of automatic scores against trainers' rubric scores, the "need more" empty state, and inter-rater
agreement between trainers who scored the same clips."""

from __future__ import annotations

import copy
import random

import pytest
from sqlalchemy import Engine
from support.clips import People, make_people
from support.review import LINES, report_for, review_clip, rubrics, scored_clip, second_trainer

from training_app.catalog.rubrics import default_rubric
from training_app.services import clips
from training_app.services.calibration import MIN_REVIEWED, calibrate, kappa
from training_app.services.uow import unit_of_work

RUBRIC = default_rubric(rubrics())
BASE = report_for(LINES)


@pytest.fixture
def people(engine: Engine, monkeypatch: pytest.MonkeyPatch) -> People:
    """On SQLite only: calibration is arithmetic over rows the other tests already run on both databases."""
    return make_people(engine, monkeypatch)


def _synthetic_report(rng: random.Random) -> dict[str, object]:
    report = copy.deepcopy(BASE)
    report["pacing"]["score"] = rng.uniform(20, 100)
    report["engagement"]["score"] = rng.uniform(10, 100)
    report["product_knowledge"]["score"] = rng.uniform(0, 100)
    report["claims"] = [c for c in BASE["claims"] if rng.random() < 0.4]
    report["overall"] = round(rng.uniform(10, 90), 1)
    return report


def _trainer_levels(report: dict[str, object], rng: random.Random) -> dict[str, int | None]:
    """What a trainer gives: close to the evidence, sometimes one level off; own judgement where none."""
    from training_app.services.review_rubric import evidence_score

    levels: dict[str, int | None] = {}
    for c in RUBRIC.criteria:
        score = evidence_score(RUBRIC, c.evidence, report)
        base = RUBRIC.level_for(score) if score is not None else rng.randint(2, 4)
        levels[c.id] = min(RUBRIC.top, max(1, base + rng.choice((0, 0, 0, 1, -1))))
    return levels


def _reviewed_clips(engine: Engine, people: People, intake: clips.Intake, n: int, seed: int = 7) -> list[int]:
    rng = random.Random(seed)
    ids = []
    for i in range(n):
        report = _synthetic_report(rng)
        owner = people.trainee if i % 2 else people.peer
        clip = scored_clip(engine, owner, intake, report=report)
        review_clip(engine, people.trainer, clip, levels=_trainer_levels(report, rng))
        ids.append(clip)
    return ids


def test_calibrate_with_enough_reviews_reports_agreement_in_range(
    engine: Engine, people: People, intake: clips.Intake
) -> None:
    _reviewed_clips(engine, people, intake, MIN_REVIEWED + 4)
    with unit_of_work(engine, write=False) as s:
        result = calibrate(s, people.trainer, rubric=RUBRIC)
    assert result.reviewed == MIN_REVIEWED + 4 and result.needed == 0
    by_target = {a.target: a for a in result.agreements}
    assert {"overall", "pacing", "compliance", "engagement", "product_knowledge"} <= set(by_target)
    for a in result.agreements:
        assert a.n >= MIN_REVIEWED
        for value in (a.spearman, a.kappa, a.prefill_kappa):
            assert value is None or -1.0 <= value <= 1.0
    # Trainers follow the evidence closely here, so the fitted model agrees well with them.
    assert by_target["overall"].spearman is not None and by_target["overall"].spearman > 0.5
    assert by_target["pacing"].kappa is not None and by_target["pacing"].kappa > 0.5
    diffs = [abs(d.difference) for d in result.disagreements]
    assert 0 < len(diffs) <= 10 and diffs == sorted(diffs, reverse=True)


def test_calibrate_below_minimum_says_how_many_more(engine: Engine, people: People, intake: clips.Intake) -> None:
    _reviewed_clips(engine, people, intake, 4)
    with unit_of_work(engine, write=False) as s:
        result = calibrate(s, people.trainer, rubric=RUBRIC)
        other = calibrate(s, people.other_officer, rubric=RUBRIC)  # another agency sees none of these
    assert (result.reviewed, result.needed, result.agreements, result.disagreements) == (4, MIN_REVIEWED - 4, [], [])
    assert (other.reviewed, other.needed) == (0, MIN_REVIEWED)


def test_rater_agreement_between_trainers_on_shared_clips(engine: Engine, people: People, intake: clips.Intake) -> None:
    shared = _reviewed_clips(engine, people, intake, 5)
    colleague = second_trainer(engine, people.trainee)
    rng = random.Random(3)
    for clip in shared:
        review_clip(engine, colleague, clip, levels={"pacing": rng.randint(1, 4)})
    with unit_of_work(engine, write=False) as s:
        result = calibrate(s, people.trainer, rubric=RUBRIC)
    assert len(result.raters) == 1
    pair = result.raters[0]
    assert pair.clips == 5 and {pair.trainer_a, pair.trainer_b} == {people.trainer.display_name, colleague.display_name}
    assert pair.kappa is not None and -1.0 <= pair.kappa <= 1.0
    assert pair.spearman is None or -1.0 <= pair.spearman <= 1.0


@pytest.mark.parametrize(
    ("a", "b", "expected"),
    [([1, 2, 3, 4], [1, 2, 3, 4], 1.0), ([1, 1, 4, 4], [4, 4, 1, 1], -1.0), ([2], [2], None)],
)
def test_kappa_quadratic_weighted_bounds(a: list[int], b: list[int], expected: float | None) -> None:
    assert kappa(a, b, 4) == expected
