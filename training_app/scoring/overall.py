"""Overall score and coaching tips.

overall = Σ w_d · score_d / Σ w_d over the dimensions that have a score (pacing is null for untimed text,
knowledge is null without a product sheet), minus ``deductions[severity]`` per claim flag, clamped to 0–100; any
critical claim caps it at ``critical_cap``. Weights, deductions and the cap live in ``assessments/scoring.yaml``.

Tips: the three most useful, in the clip's language, in this order of priority: rewrite the most serious claims,
fix a rate outside the band, break long prompt-free stretches, cover missing key points, cut fillers and dead air,
add calls to action and questions, vary intonation.
"""

from __future__ import annotations

from training_app.catalog.assessments import AssessmentCatalog, ProductSheet
from training_app.i18n import t
from training_app.scoring.claims import SEVERITY_RANK
from training_app.scoring.report import ClaimFlag, EngagementResult, KnowledgeResult, PacingResult

MAX_TIPS = 3


def overall_score(
    *,
    pacing: PacingResult | None,
    engagement: EngagementResult | None,
    knowledge: KnowledgeResult | None,
    claims: list[ClaimFlag],
    catalog: AssessmentCatalog,
) -> float:
    cfg = catalog.scoring.overall
    dims = {
        "pacing": pacing.score if pacing else None,
        "engagement": engagement.score if engagement else None,
        "knowledge": knowledge.score if knowledge else None,
    }
    present = {k: v for k, v in dims.items() if v is not None}
    weight = sum(cfg.weights[k] for k in present)
    base = sum(cfg.weights[k] * v for k, v in present.items()) / weight if weight else 100.0
    deductions: dict[str, float] = {str(k): float(v) for k, v in cfg.deductions.items()}
    score = base - sum(deductions.get(c.severity, 0.0) for c in claims)
    if any(c.severity == "critical" for c in claims):
        score = min(score, cfg.critical_cap)
    return round(max(0.0, min(100.0, score)), 1)


def _claim_tips(claims: list[ClaimFlag], lang: str) -> list[str]:
    ranked = sorted((c for c in claims if c.severity != "minor"), key=lambda c: SEVERITY_RANK[c.severity])
    seen: set[str] = set()
    tips = []
    for c in ranked:
        if c.category not in seen:
            seen.add(c.category)
            tips.append(t("scoring.tip_claim", lang, text=c.text, suggestion=c.suggestion))
    return tips[:2]


def _pacing_tips(p: PacingResult | None, lang: str, catalog: AssessmentCatalog) -> list[str]:
    if p is None:
        return []
    cfg = catalog.scoring.pacing
    tips = []
    lo, hi = p.band
    if p.rate is not None and (p.rate > hi or p.rate < lo):
        key = "scoring.tip_too_fast" if p.rate > hi else "scoring.tip_too_slow"
        tips.append(t(key, lang, rate=round(p.rate), low=round(lo), high=round(hi)))
    if p.fillers_per_100 > cfg.filler_target_per_100[lang if lang == "en" else "zh"]:  # type: ignore[index]
        tips.append(t("scoring.tip_fillers", lang, value=round(p.fillers_per_100, 1)))
    if p.pauses_over_threshold:
        tips.append(t("scoring.tip_long_pauses", lang, count=p.pauses_over_threshold, seconds=cfg.long_pause_s))
    if p.monotone:
        tips.append(t("scoring.tip_monotone", lang))
    return tips


def build_tips(
    *,
    claims: list[ClaimFlag],
    pacing: PacingResult | None,
    engagement: EngagementResult | None,
    knowledge: KnowledgeResult | None,
    product: ProductSheet | None,
    lang: str,
    catalog: AssessmentCatalog,
) -> list[str]:
    tips = _claim_tips(claims, lang)
    pace = _pacing_tips(pacing, lang, catalog)
    tips += pace[:1]
    gap = engagement.longest_gap_without_prompt_s if engagement else None
    if gap is not None and gap > catalog.scoring.engagement.gap_free_s:
        tips.append(t("scoring.tip_prompt_gap", lang, seconds=round(gap)))
    if knowledge and knowledge.missing and product:
        labels = {p.id: p.label.get(lang) for p in product.key_points}
        sep = "、" if lang == "zh" else ", "
        tips.append(t("scoring.tip_missing_points", lang, points=sep.join(labels[m] for m in knowledge.missing[:3])))
    tips += pace[1:]
    if engagement and engagement.calls_to_action == 0:
        tips.append(t("scoring.tip_no_cta", lang))
    if engagement and engagement.questions == 0:
        tips.append(t("scoring.tip_no_questions", lang))
    if not tips:
        tips.append(t("scoring.tip_keep_going", lang))
    return tips[:MAX_TIPS]
