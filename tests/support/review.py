"""Review test helpers: scored clips with a real ScoreReport (the same rows the worker stores), rubric directory."""

from __future__ import annotations

import io
from functools import lru_cache
from pathlib import Path
from typing import Any

from sqlalchemy import Engine

from support.clips import wav_bytes
from training_app.catalog.assessments import AssessmentCatalog
from training_app.config import REPO_ROOT
from training_app.db.tables import ClipSource, ClipStatus, Score, Transcript, User
from training_app.services import clips
from training_app.services.media import LocalMediaStore
from training_app.services.scoring import load_assessment_catalog, score_transcript, transcript_from_json
from training_app.services.uow import unit_of_work

PRODUCT = "luochuan-apple"
RUBRICS_DIR = REPO_ROOT / "assessments" / "rubrics"
# Two flags: ABS-01a (major, "全网最") at ~5 s and MED-01a (critical, "治高血压") at ~11 s.
LINES = (
    (0.0, 4.0, "家人们好，今天给大家带来洛川苹果，脆甜多汁"),
    (4.0, 9.0, "这个苹果全网最好吃的，没有之一"),
    (9.0, 14.0, "天天吃能治高血压，降血糖"),
    (14.0, 20.0, "喜欢的家人们点点关注，现在下单吧，有什么问题在评论区问我"),
)
CLEAN = (
    (0.0, 5.0, "家人们好，今天给大家带来洛川苹果，产地陕西洛川"),
    (5.0, 10.0, "大家想不想尝一尝？喜欢的点点关注"),
    (10.0, 15.0, "冷藏保存，顺丰发货，坏果包赔，现在下单吧"),
)


@lru_cache(maxsize=1)
def catalog() -> AssessmentCatalog:
    return load_assessment_catalog(REPO_ROOT / "assessments")


def report_for(lines: tuple[tuple[float, float, str], ...], product_id: str | None = PRODUCT) -> dict[str, Any]:
    transcript = transcript_from_json({"language": "zh", "segments": _segments(lines)})
    product = catalog().product(product_id) if product_id else None
    return score_transcript(transcript, product=product, catalog=catalog()).to_dict()


def _segments(lines: tuple[tuple[float, float, str], ...]) -> list[dict[str, Any]]:
    return [{"start": a, "end": b, "text": text} for a, b, text in lines]


def make_intake(media_dir: Path) -> clips.Intake:
    from support.clips import sniff

    store = LocalMediaStore(media_dir)
    return clips.Intake(
        store=store, sniff=sniff, model_key="whisper-base", max_attempts=3, max_bytes=5 << 20,
        products=set(catalog().products),
    )  # fmt: skip


def scored_clip(
    engine: Engine,
    owner: User,
    intake: clips.Intake,
    *,
    lines: tuple[tuple[float, float, str], ...] = LINES,
    report: dict[str, Any] | None = None,
    task_id: str | None = None,
    product_id: str | None = PRODUCT,
) -> int:
    """A clip submitted by its trainee, transcribed and scored (rows as the worker writes them)."""
    with unit_of_work(engine) as s:
        clip = clips.submit_clip(
            s, owner, owner_id=owner.id or 0, product_id=product_id, stream=io.BytesIO(wav_bytes(0.2)),
            source=ClipSource.RECORDING, intake=intake, task_id=task_id,
        )  # fmt: skip
        data = {"language": "zh", "duration_s": lines[-1][1], "segments": _segments(lines), "status": "transcribed"}
        transcript = Transcript(
            clip_id=clip.id or 0, model_key="whisper-base", language="zh", status="transcribed", data=data
        )
        s.add(transcript)
        s.flush()
        report = report or report_for(lines, product_id)
        s.add(
            Score(
                clip_id=clip.id or 0, transcript_id=transcript.id or 0, rule_set_version=report["rule_set_version"],
                model_version=report["model_version"], overall=report["overall"], report=report,
            )
        )  # fmt: skip
        clip.status = ClipStatus.SCORED
        clip.duration_s = lines[-1][1]
        s.add(clip)
        return clip.id or 0


def rubrics() -> dict[str, Any]:
    from training_app.catalog.rubrics import load_rubrics

    return load_rubrics(RUBRICS_DIR)


def second_trainer(engine: Engine, trainee: User) -> User:
    """Another trainer of the trainee's cohort."""
    from support.factories import make_trainer
    from training_app.db.engine import session_scope
    from training_app.db.tables import Organisation

    with session_scope(engine) as s:
        cohort = s.get(Organisation, trainee.org_id)
        assert cohort is not None
        return make_trainer(s, cohorts=[cohort])


def review_clip(
    engine: Engine,
    trainer: User,
    clip_id: int,
    *,
    levels: dict[str, int | None] | None = None,
    dismiss: dict[str, str] | None = None,
    submit: bool = True,
) -> int:
    """A review through the services: levels (the AI prefill where not given; 3 where it has none), every flag
    confirmed except the rule ids in ``dismiss`` (rule id → reason code), then submitted."""
    from training_app.catalog.rubrics import default_rubric
    from training_app.db.tables import FlagDecisionKind
    from training_app.services import review_edit
    from training_app.services.review_flags import flags_of

    all_rubrics = rubrics()
    dismiss = dismiss or {}
    with unit_of_work(engine) as s:
        review = review_edit.start_review(s, trainer, clip_id=clip_id, rubric=default_rubric(all_rubrics))
        rid, version = review.id or 0, review.version
        chosen = {k: (v["level"] if v["level"] is not None else 3) for k, v in review.criteria.items()}
        chosen.update(levels or {})
        review_edit.update_review(s, trainer, review_id=rid, version=version, rubrics=all_rubrics, levels=chosen)
        version += 1
        score = s.get(Score, review.score_id)
        for flag in flags_of(score.report if score else {}):
            reason = dismiss.get(flag.claim.rule_id)
            kind = FlagDecisionKind.DISMISS if reason else FlagDecisionKind.CONFIRM
            review_edit.decide_flag(
                s, trainer, review_id=rid, version=version, flag_key=flag.key, decision=kind, reason_code=reason
            )
            version += 1
        if submit:
            review_edit.submit_review(s, trainer, review_id=rid, version=version, rubrics=all_rubrics)
        return rid
