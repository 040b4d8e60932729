"""Calibration: how well the automatic scores predict trainers' rubric scores, where they disagree most, and how
well trainers agree with each other.

With at least ``MIN_REVIEWED`` reviewed clips (reviews of record in the actor's scope), one model per target is fitted
on the automatic features — isotonic regression on a criterion's own evidence (pacing, engagement, knowledge,
compliance), ridge regression on all features for the overall and for criteria without evidence — and judged on
5-fold cross-validated predictions: Spearman's rho (scipy) and quadratic-weighted kappa (scikit-learn) on rubric
levels. ``prefill_kappa`` is the agreement of the unfitted AI prefill with the trainers. Inter-rater agreement
(pairwise kappa and rho on the overall) needs clips that several trainers scored and is shown at any count.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from itertools import combinations
from typing import Any

import numpy as np
from sqlmodel import Session, col, select

from training_app.catalog.rubrics import Rubric
from training_app.db.tables import Clip, Review, ReviewStatus, Role, Score, User
from training_app.services.authz import require_role, visible_org_ids
from training_app.services.review import records_of
from training_app.services.review_rubric import evidence_score

MIN_REVIEWED = 30
MIN_SHARED = 3  # clips two trainers both scored before their agreement is shown
TOP_DISAGREEMENTS = 10
SEED = 20261122
FEATURES = ("pacing", "engagement", "knowledge", "claims")


@dataclass(frozen=True)
class Agreement:
    target: str  # "overall" or a criterion id
    n: int
    spearman: float | None
    kappa: float | None  # quadratic-weighted, on levels
    prefill_kappa: float | None


@dataclass(frozen=True)
class Disagreement:
    clip_id: int
    trainee_name: str
    automatic: float | None  # the scorer's own overall
    predicted: float  # the calibrated (cross-validated) prediction of the trainer's overall
    trainer: float
    difference: float  # trainer − predicted


@dataclass(frozen=True)
class RaterPair:
    trainer_a: str
    trainer_b: str
    clips: int
    kappa: float | None
    spearman: float | None


@dataclass(frozen=True)
class Calibration:
    reviewed: int
    needed: int  # more reviewed clips needed before fitting (0 when fitted)
    agreements: list[Agreement]
    disagreements: list[Disagreement]
    raters: list[RaterPair]


def _finite(value: float) -> float | None:
    return None if value is None or math.isnan(value) else round(float(value), 3)


def kappa(a: list[int], b: list[int], top: int) -> float | None:
    from sklearn.metrics import cohen_kappa_score

    if len(a) < 2:
        return None
    if list(a) == list(b):
        return 1.0
    return _finite(cohen_kappa_score(a, b, weights="quadratic", labels=list(range(1, top + 1))))


def spearman(a: list[float], b: list[float]) -> float | None:
    from scipy.stats import spearmanr

    if len(a) < 3 or len(set(a)) < 2 or len(set(b)) < 2:
        return None
    return _finite(spearmanr(a, b).statistic)


def _features(rubric: Rubric, report: dict[str, Any]) -> list[float]:
    """Dimension scores (a missing one as 50) and the compliance evidence, plus the flag count."""
    values = [evidence_score(rubric, name, report) for name in FEATURES]
    return [50.0 if v is None else v for v in values] + [float(len(report.get("claims") or []))]


def _cross_predict(model: Any, x: np.ndarray, y: np.ndarray) -> np.ndarray:
    from sklearn.model_selection import KFold, cross_val_predict

    folds = KFold(n_splits=5, shuffle=True, random_state=SEED)
    return np.asarray(cross_val_predict(model, x, y, cv=folds), dtype=float)


def _fit_target(rubric: Rubric, target: str, x: np.ndarray, y: np.ndarray) -> np.ndarray:
    from sklearn.isotonic import IsotonicRegression
    from sklearn.linear_model import Ridge
    from sklearn.pipeline import make_pipeline
    from sklearn.preprocessing import StandardScaler

    criterion = rubric.criterion(target)
    if criterion is not None and criterion.evidence != "none":
        column = FEATURES.index(criterion.evidence)
        return _cross_predict(IsotonicRegression(out_of_bounds="clip"), x[:, column], y)
    return _cross_predict(make_pipeline(StandardScaler(), Ridge(alpha=1.0)), x, y)


@dataclass(frozen=True)
class _Sample:
    clip_id: int
    trainee_name: str
    automatic: float | None
    features: list[float]
    review: Review


def _samples(session: Session, actor: User, rubric: Rubric) -> list[_Sample]:
    require_role(actor, "review.calibration", Role.TRAINER, Role.AGENCY, Role.ADMIN)
    orgs = visible_org_ids(session, actor)
    stmt = select(Clip.id, User.display_name).join(User, col(User.id) == Clip.owner_id)
    if orgs is not None:
        stmt = stmt.where(col(User.org_id).in_(orgs))
    names = {clip_id or 0: name for clip_id, name in session.exec(stmt)}
    samples = []
    for clip_id, review in sorted(records_of(session, list(names)).items()):
        score = session.get(Score, review.score_id) if review.score_id else None
        if score is not None and review.rubric_id == rubric.id and review.overall is not None:
            samples.append(_Sample(clip_id, names[clip_id], score.overall, _features(rubric, score.report), review))
    return samples


def _agreements(rubric: Rubric, samples: list[_Sample]) -> tuple[list[Agreement], np.ndarray]:
    x = np.array([s.features for s in samples], dtype=float)
    overall_y = np.array([float(s.review.overall or 0.0) for s in samples])
    predicted = np.clip(_fit_target(rubric, "overall", x, overall_y), 0, 100)
    levels = [rubric.level_for(v) for v in overall_y]
    auto = [rubric.level_for(s.automatic or 0.0) for s in samples]
    rows = [
        Agreement("overall", len(samples), spearman(list(predicted), list(overall_y)),
                  kappa([rubric.level_for(p) for p in predicted], levels, rubric.top), kappa(auto, levels, rubric.top))
    ]  # fmt: skip
    for criterion in rubric.criteria:
        pairs = [(i, s.review.criteria.get(criterion.id) or {}) for i, s in enumerate(samples)]
        pairs = [(i, e) for i, e in pairs if e.get("level") is not None]
        if len(pairs) < MIN_REVIEWED:
            continue
        y = np.array([float(e["level"]) for _, e in pairs])
        pred = np.clip(np.rint(_fit_target(rubric, criterion.id, x[[i for i, _ in pairs]], y)), 1, rubric.top)
        trainer = [int(v) for v in y]
        ai = [(int(e["ai"]), t) for (_, e), t in zip(pairs, trainer, strict=True) if e.get("ai") is not None]
        prefill = kappa([a for a, _ in ai], [t for _, t in ai], rubric.top) if ai else None
        rows.append(
            Agreement(criterion.id, len(pairs), spearman(list(pred), list(y)),
                      kappa([int(p) for p in pred], trainer, rubric.top), prefill)
        )  # fmt: skip
    return rows, predicted


def _disagreements(samples: list[_Sample], predicted: np.ndarray) -> list[Disagreement]:
    rows = [
        Disagreement(s.clip_id, s.trainee_name, s.automatic, round(float(p), 1), float(s.review.overall or 0.0),
                     round(float(s.review.overall or 0.0) - float(p), 1))
        for s, p in zip(samples, predicted, strict=True)
    ]  # fmt: skip
    return sorted(rows, key=lambda d: (-abs(d.difference), d.clip_id))[:TOP_DISAGREEMENTS]


def rater_agreement(session: Session, clip_ids: list[int], rubric: Rubric) -> list[RaterPair]:
    """Pairwise agreement on the overall between trainers who scored the same clips (submitted reviews)."""
    scores: dict[int, dict[int, float]] = {}  # trainer → clip → overall
    stmt = select(Review).where(Review.status == ReviewStatus.SUBMITTED, col(Review.clip_id).in_(clip_ids))
    for review in session.exec(stmt):
        if review.overall is not None:
            scores.setdefault(review.trainer_id, {})[review.clip_id] = review.overall
    names = {u.id: u.display_name for u in session.exec(select(User).where(col(User.id).in_(list(scores))))}
    pairs = []
    for a, b in combinations(sorted(scores), 2):
        shared = sorted(set(scores[a]) & set(scores[b]))
        if len(shared) < MIN_SHARED:
            continue
        va, vb = [scores[a][c] for c in shared], [scores[b][c] for c in shared]
        level_a, level_b = [rubric.level_for(v) for v in va], [rubric.level_for(v) for v in vb]
        pairs.append(RaterPair(names[a], names[b], len(shared), kappa(level_a, level_b, rubric.top), spearman(va, vb)))
    return pairs


def calibrate(session: Session, actor: User, *, rubric: Rubric) -> Calibration:
    """Agreement between the automatic scores and trainers' rubric scores in the actor's scope."""
    samples = _samples(session, actor, rubric)
    raters = rater_agreement(session, [s.clip_id for s in samples], rubric)
    if len(samples) < MIN_REVIEWED:
        return Calibration(len(samples), MIN_REVIEWED - len(samples), [], [], raters)
    agreements, predicted = _agreements(rubric, samples)
    return Calibration(len(samples), 0, agreements, _disagreements(samples, predicted), raters)
