"""Evaluation of the claim detector on labelled sentences (``assessments/eval/<lang>.<split>.yaml``).

Per language and mode (rules only; rules + model): per-category precision and recall over (item, category) pairs,
micro totals, and the false-alarm rate — the share of items with a predicted category that is not in their labels —
on hard negatives and on all negatives (items labelled with no category). Only ``training-app eval`` reads the
held-out split; training and error analysis use the dev split and the augment set (``split="augment"``), and
``split="augment-check"`` measures generalisation on augment items that are never trained on.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from training_app.catalog.assessments import CATEGORIES, AssessmentCatalog
from training_app.errors import InvalidInput
from training_app.scoring.claims import (
    AnswerCut,
    CategoryScorer,
    Hit,
    answer_cuts,
    apply_cuts,
    combine_with_model,
    detect_claims,
    pair_hits,
    sentence_rule_hits,
    transcript_sentences,
)
from training_app.scoring.model import Item, PairCache, Settings, asr_style, fit_language, load_items
from training_app.scoring.text import normalize
from training_app.speech.transcript import Segment, Transcript

logger = logging.getLogger(__name__)


def item_transcript(item: Item, lang: str) -> Transcript:
    segments = tuple(Segment(0.0, 0.0, line) for line in item.text.splitlines() if line.strip())
    return Transcript(lang, None, segments, "transcribed", {"timing": "none"})


def predict_categories(item: Item, lang: str, catalog: AssessmentCatalog, model: CategoryScorer | None) -> set[str]:
    product = catalog.products.get(item.product) if item.product else None
    transcript = item_transcript(item, lang)
    return {f.category for f in detect_claims(transcript, product=product, catalog=catalog, model=model)}


def split_items(eval_dir: Path, lang: str, split: str) -> list[Item]:
    """Items of one split: ``dev``/``heldout`` are whole files; ``augment`` and ``augment-check`` are the items of
    ``<lang>.augment.yaml`` with that ``split`` (augment-check is never trained on; look at it only in aggregate)."""
    name = "augment" if split in ("augment", "augment-check") else split
    path = eval_dir / f"{lang}.{name}.yaml"
    if not path.is_file():
        raise InvalidInput("scoring.eval_data_missing", path=str(path))
    return load_items(path, split if name == "augment" else None)


def _ratio(num: int, den: int) -> float | None:
    return round(num / den, 3) if den else None


def score_predictions(items: list[Item], preds: list[set[str]]) -> dict[str, Any]:
    per_cat: dict[str, Any] = {}
    tp_all = fp_all = fn_all = 0
    for c in CATEGORIES:
        tp = sum(1 for it, p in zip(items, preds, strict=True) if c in p and c in it.categories)
        fp = sum(1 for it, p in zip(items, preds, strict=True) if c in p and c not in it.categories)
        fn = sum(1 for it, p in zip(items, preds, strict=True) if c not in p and c in it.categories)
        tp_all, fp_all, fn_all = tp_all + tp, fp_all + fp, fn_all + fn
        per_cat[c] = {"precision": _ratio(tp, tp + fp), "recall": _ratio(tp, tp + fn), "support": tp + fn}
    false_alarm = [bool(p - set(it.categories)) for it, p in zip(items, preds, strict=True)]
    hard = [fa for it, fa in zip(items, false_alarm, strict=True) if it.hard_negative and not it.categories]
    neg = [fa for it, fa in zip(items, false_alarm, strict=True) if not it.categories]
    return {
        "categories": per_cat,
        "micro": {"precision": _ratio(tp_all, tp_all + fp_all), "recall": _ratio(tp_all, tp_all + fn_all)},
        "false_alarm_hard_negatives": _ratio(sum(hard), len(hard)),
        "false_alarm_all_negatives": _ratio(sum(neg), len(neg)),
        "n_hard_negatives": len(hard),
        "n_negatives": len(neg),
    }


def evaluate(
    catalog: AssessmentCatalog,
    eval_dir: Path,
    *,
    split: str,
    languages: list[str],
    model: CategoryScorer | None,
) -> dict[str, Any]:
    out: dict[str, Any] = {"split": split, "rule_set_version": catalog.rule_set_version, "languages": {}}
    for lang in languages:
        items = split_items(eval_dir, lang, split)
        modes = {"rules": score_predictions(items, [predict_categories(i, lang, catalog, None) for i in items])}
        if model is not None:
            preds = [predict_categories(i, lang, catalog, model) for i in items]
            modes["rules+model"] = score_predictions(items, preds)
        out["languages"][lang] = {"n_items": len(items), "modes": modes}
    return out


def _fmt(value: float | None) -> str:
    return "   -  " if value is None else f"{value:6.3f}"


def format_table(results: dict[str, Any]) -> str:
    lines = [f"split: {results['split']}   rules: {results['rule_set_version']}"]
    for lang, data in results["languages"].items():
        modes = data["modes"]
        lines.append(f"\n[{lang}] {data['n_items']} items")
        header = f"{'category':26}" + "".join(f"{m + ' P':>14}{m + ' R':>14}" for m in modes) + f"{'n':>6}"
        lines.append(header)
        for c in CATEGORIES:
            row = f"{c:26}"
            for m in modes.values():
                row += f"{_fmt(m['categories'][c]['precision']):>14}{_fmt(m['categories'][c]['recall']):>14}"
            lines.append(row + f"{next(iter(modes.values()))['categories'][c]['support']:>6}")
        for key, label in (("micro", "micro (all categories)"),):
            row = f"{label:26}"
            for m in modes.values():
                row += f"{_fmt(m[key]['precision']):>14}{_fmt(m[key]['recall']):>14}"
            lines.append(row)
        for key, label in (
            ("false_alarm_hard_negatives", "false alarms, hard neg."),
            ("false_alarm_all_negatives", "false alarms, all neg."),
        ):
            lines.append(f"{label:26}" + "".join(f"{_fmt(m[key]):>28}" for m in modes.values()))
    return "\n".join(lines) + "\n"


# ------------------------------------------------------------------------------- leave-one-source-out (claim model)

# Per language, the development files the current rule set (2026.11.6) was written or tuned against: every file that
# existed when session 2026-11-22d began, plus the files its rule authors then read item by item (the English context
# work read en.dev6 and en.dev7, the Mandarin price/data rules read zh.dev6: assessments/eval/README.md, end of
# "Fourth development sets"). On them "rules vs rules + model" says little about new authors (the rules alone score
# R ≈ 1.0 on several). Session 2026-11-23: two rule helpers read the items of en.dev21-dev23 and zh.dev11-dev12 to
# tune context rules, and the lead read zh.dev20's false alarms for the Mandarin dialogue step, so those are no
# longer fresh either; session 2026-11-23b: the Mandarin false-alarm engineer read zh.dev21-dev22 and the English
# recall engineer en.dev30-dev32; session 2026-11-23c: the Mandarin false-alarm engineer read zh.dev23-dev25, the
# English recall engineer en.dev37-dev39, and the lead en.dev43-dev45's false alarms (English correction step). The
# other files (zh dev7-dev10, dev13-dev19, dev26-dev31; en dev5, dev8-dev20, dev24-dev29, dev33-dev36, dev40-dev42,
# dev46-dev48; the retired held-out splits retired4 to retired7, which nobody tuning read: independent authors nobody
# tuned the rules on) are pooled as ``fresh`` and carry the on/off decision.
RULE_TUNED_SOURCES: dict[str, frozenset[str]] = {
    "zh": frozenset(
        {"dev", "augment", "retired", "retired2", "retired3", "dev2", "dev3", "dev4", "dev5", "dev6", "dev11", "dev12"}
        | {"dev20"}  # the lead read its false alarms before writing the Mandarin dialogue step
        | {"dev21", "dev22"}  # read by the Mandarin false-alarm engineer (session 2026-11-23b)
        | {"dev23", "dev24", "dev25"}  # read by the Mandarin false-alarm engineer (session 2026-11-23c)
    ),
    "en": frozenset(
        {"dev", "augment", "retired", "retired2", "retired3", "dev2", "dev3", "dev4", "dev6", "dev7"}
        | {"dev21", "dev22", "dev23"}
        | {"dev30", "dev31", "dev32"}  # read by the English recall engineer (session 2026-11-23b)
        | {"dev37", "dev38", "dev39"}  # read by the English recall engineer (session 2026-11-23c)
        | {"dev43", "dev44", "dev45"}  # their false alarms read by the lead (English correction step, 2026-11-23c)
    ),
}
# The same for an older rule set given as ``--baseline-rules`` (commit 645d5a9, rule set 2026.11.4: tuned on these
# only; dev4/dev5/retired2/retired3 and the newer files are fresh for it).
BASELINE_TUNED_SOURCES: dict[str, frozenset[str]] = {
    "zh": frozenset({"dev", "augment", "retired", "dev2", "dev3"}),
    "en": frozenset({"dev", "augment", "retired", "dev2"}),
}
FA_MARGIN = 0.005  # rules + model may raise the pooled false-alarm rate on hard negatives by at most this


def rule_tuned(lang: str, tuned: dict[str, frozenset[str]] | None = None) -> frozenset[str]:
    return (tuned or RULE_TUNED_SOURCES).get(lang, frozenset({"dev", "augment", "retired"}))


@dataclass(frozen=True)
class Prepared:
    """An item with its rule decisions computed once: sentences, rule hits per sentence (before the model) and the
    categories of the two-sentence window hits. Its categories under any combination are then
    ∪ combine(sentence hits, sentence probabilities) ∪ window categories (exactly what ``detect_claims`` returns)."""

    item: Item
    sentences: tuple[str, ...]
    hits: tuple[tuple[Hit, ...], ...]
    window_cats: frozenset[str]
    cuts: tuple[AnswerCut, ...] = ()  # the dialogue step, applied again after the model

    @property
    def rule_cats(self) -> set[str]:
        return {h.rule.category for hits in self.hits for h in hits} | set(self.window_cats)


def prepare_item(item: Item, lang: str, catalog: AssessmentCatalog) -> Prepared:
    product = catalog.products.get(item.product) if item.product else None
    sentences = transcript_sentences(item_transcript(item, lang))
    norms = [normalize(s.text) for s in sentences]
    cuts = answer_cuts(norms, lang)
    hits = sentence_rule_hits(sentences, norms, lang, product, catalog, cuts)
    window = frozenset(h.rule.category for _, _, h in pair_hits(sentences, norms, lang, product, catalog, cuts))
    return Prepared(item, tuple(s.text for s in sentences), tuple(tuple(h) for h in hits), window, tuple(cuts))


def prepare_sources(sources: dict[str, list[Item]], lang: str, catalog: AssessmentCatalog) -> dict[str, list[Prepared]]:
    return {name: [prepare_item(it, lang, catalog) for it in items] for name, items in sources.items()}


OFF = 1.01  # an add threshold no probability reaches


def combination_modes(
    thresholds: dict[str, float], settings: Settings | None = None, grid: bool = False
) -> dict[str, tuple[float, dict[str, float]]]:
    """Mode name → (veto threshold, add thresholds). ``rules`` = neither veto nor add; ``deployed`` = the language's
    settings (add ≥ max(out-of-fold threshold, add_floor), veto); the others are alternatives: ``add.98`` adds at
    ≥ max(out-of-fold threshold, 0.98), ``veto.05`` drops rule hits below 0.05; with ``grid`` also every
    ``grid:add<floor>+veto<veto>`` of :data:`GRID_FLOORS` × :data:`GRID_VETOES`."""
    classes = list(thresholds)

    def add(floor: float) -> dict[str, float]:
        return {c: max(t, floor) for c, t in thresholds.items()}

    modes = {
        "rules": (0.0, dict.fromkeys(classes, OFF)),
        "veto.05": (0.05, dict.fromkeys(classes, OFF)),
        "add.90": (0.0, add(0.9)),
        "add.95+veto.05": (0.05, add(0.95)),
        "add.98": (0.0, add(0.98)),
        "add.98+veto.05": (0.05, add(0.98)),
        "add.98+veto.10": (0.1, add(0.98)),
        "add.98+veto.15": (0.15, add(0.98)),
    }
    if settings is not None:
        modes["deployed"] = (settings.veto, add(settings.add_floor))
    if grid:
        modes.update({f"grid:add{f:g}+veto{v:g}": (v, add(f)) for f in GRID_FLOORS for v in GRID_VETOES})
    return modes


# add floors and vetoes tried by ``loso(grid=True)`` (not printed)
GRID_FLOORS = (0.7, 0.8, 0.85, 0.9, 0.95, 0.97, 0.98, 0.99)
GRID_VETOES = (0.0, 0.05, 0.1, 0.15, 0.2, 0.3, 0.5)
FA_TARGET = 0.03
FA_BOUND = 0.04  # the declared choice's bound on pooled fresh FA(hard) (lead, session 2026-11-23)


def choose_setting(
    result: dict[str, Any], key: str = "fresh", margin: float = FA_MARGIN, bound: float = FA_BOUND
) -> dict[str, Any] | None:
    """The declared choice among the grid settings (``loso(grid=True)``) on the pooled fresh folds: of those that beat
    the rules (recall above theirs at FA(hard) <= theirs + ``margin``), the one with the largest recall − FA(hard)
    (Youden's J over positive labels and hard negatives; ties: the lower FA) among those with FA(hard) <= ``bound``
    (:data:`FA_BOUND`); if none of them is within the bound, the one with the lowest FA(hard) (ties: the higher
    recall). ``within_bound`` says which branch chose; ``reached_fa_target`` whether its FA is within
    :data:`FA_TARGET`. None when no grid setting beats the rules.

    History: until session 2026-11-22e "the best recall at FA <= FA_TARGET, else the lowest FA" (in English it chose
    add >= 0.99 + veto 0.5, which on the fourth held-out split lost recall at the same false alarms); then the largest
    recall − FA(hard) without a bound, whose wider grid (floors down to 0.7) picked settings at FA 0.046 (zh) and
    0.065 (en); since session 2026-11-23 the same with FA(hard) <= 0.04 (declared by the lead before any new
    measurement)."""
    pooled = result.get(key, {}).get("modes", {})
    rules = pooled.get("rules")
    if not rules:
        return None
    r_recall, r_fa = rules["recall"] or 0, rules["fa_hard"] or 0
    eligible = [
        (m, v) for m, v in pooled.items()
        if m.startswith("grid:") and (v["recall"] or 0) > r_recall and (v["fa_hard"] or 0) <= r_fa + margin
    ]  # fmt: skip
    if not eligible:
        return None
    within = [e for e in eligible if (e[1]["fa_hard"] or 0) <= bound + 1e-9]
    if within:
        best = min(
            within, key=lambda e: (-round((e[1]["recall"] or 0) - (e[1]["fa_hard"] or 0), 6), e[1]["fa_hard"] or 0)
        )
    else:
        best = min(eligible, key=lambda e: (e[1]["fa_hard"] or 0, -(e[1]["recall"] or 0)))
    reached = (best[1]["fa_hard"] or 0) <= FA_TARGET
    return {
        "setting": best[0][5:],
        **best[1],
        "rules": rules,
        "within_bound": bool(within),
        "fa_bound": bound,
        "reached_fa_target": reached,
    }


def decide(result: dict[str, Any], mode: str = "deployed", margin: float = FA_MARGIN) -> dict[str, Any]:
    """The on/off evidence for one language's leave-one-source-out result: on the pooled fresh folds, rules + model
    (``mode``) must beat the rules alone in recall at a false-alarm rate on hard negatives no more than ``margin``
    above the rules'. Per fresh fold the same numbers, for the record."""
    fresh = result.get("fresh")
    if not fresh or mode not in fresh["modes"]:
        return {"use_model": False, "reason": "no fresh folds"}
    rules, model = fresh["modes"]["rules"], fresh["modes"][mode]
    ok = (model["recall"] or 0) > (rules["recall"] or 0) and (model["fa_hard"] or 0) <= (rules["fa_hard"] or 0) + margin
    per_fold = {
        name: {k: [result["folds"][name]["modes"][m][k] for m in ("rules", mode)] for k in ("recall", "fa_hard")}
        for name in fresh.get("folds", fresh["sources"])
    }
    return {
        "use_model": ok,
        "criterion": f"pooled fresh folds: recall above the rules' and FA(hard) <= rules' FA + {margin}",
        "fresh_sources": fresh["sources"],
        "rules": rules,
        mode: model,
        "per_fold [rules, model]": per_fold,
    }


def combine_prepared(
    prep: Prepared,
    probs: list[dict[str, float]],
    lang: str,
    catalog: AssessmentCatalog,
    veto: float,
    add: dict[str, float],
) -> set[str]:
    combined = [
        combine_with_model(list(hits), p, text, lang, catalog, veto_threshold=veto, add_thresholds=add)
        for text, hits, p in zip(prep.sentences, prep.hits, probs, strict=True)
    ]
    apply_cuts(combined, list(prep.cuts), catalog)
    return set(prep.window_cats).union(h.rule.category for hits in combined for h in hits)


def _predict_prepared(model: Any, preps: list[Prepared], catalog: AssessmentCatalog) -> list[list[dict[str, float]]]:
    """Sentence probabilities for every prepared item, in one predict call (each item its own document)."""
    texts = [t for p in preps for t in p.sentences]
    starts, k = set(), 0
    for p in preps:
        starts.add(k)
        k += len(p.sentences)
    flat = model.predict(texts, catalog, starts) if texts else []
    out, k = [], 0
    for p in preps:
        out.append(flat[k : k + len(p.sentences)])
        k += len(p.sentences)
    return out


def _short(metrics: dict[str, Any]) -> dict[str, Any]:
    return {
        "precision": metrics["micro"]["precision"],
        "recall": metrics["micro"]["recall"],
        "fa_hard": metrics["false_alarm_hard_negatives"],
        "n_hard": metrics["n_hard_negatives"],
        "n_pos": sum(v["support"] for v in metrics["categories"].values()),
    }


def asr_item(item: Item, lang: str) -> Item:
    """The item as a speech recogniser might have written it (``model.asr_style``, seeded by the item id)."""
    return replace(item, text=asr_style(item.text, lang, item.id))


def _score_fold(
    model: Any,
    preps: list[Prepared],
    lang: str,
    catalog: AssessmentCatalog,
    settings: Settings,
    pool: dict[str, tuple[list[Item], list[set[str]]]] | None,
    grid: bool = False,
) -> dict[str, Any]:
    """Every combination mode's short metrics on one left-out file (and its predictions added to ``pool``)."""
    probs = _predict_prepared(model, preps, catalog)
    items = [p.item for p in preps]
    modes = {}
    for mode, (veto, add) in combination_modes(model.thresholds, settings, grid).items():
        preds = [combine_prepared(p, pr, lang, catalog, veto, add) for p, pr in zip(preps, probs, strict=True)]
        modes[mode] = _short(score_predictions(items, preds))
        if pool is not None:
            got = pool.setdefault(mode, ([], []))
            got[0].extend(items)
            got[1].extend(preds)
    return modes


def loso(
    prepared: dict[str, list[Prepared]],
    lang: str,
    catalog: AssessmentCatalog,
    settings: Settings,
    *,
    eval_dir: Path | None = None,
    test_sources: list[str] | None = None,
    tuned: dict[str, frozenset[str]] | None = None,
    asr: bool = False,
    grid: bool = False,
    outer_groups: int = 0,
    full_model: Any = None,
) -> dict[str, Any]:
    """Leave one source (author) out: for each development file, fit the whole training procedure (features,
    out-of-fold calibration and thresholds) on the other files, predict the left-out file sentence by sentence, and
    score rules alone against every combination mode. ``fresh`` pools the folds the rules were not written
    against (``tuned``: the files they were, default :data:`RULE_TUNED_SOURCES`); ``augment-check`` (never trained
    on) is predicted by a model fitted on every source. ``asr``: each left-out file is also scored as a speech
    recogniser might have written it (``model.asr_style``; rules and model both see that text): per fold ``asr``,
    pooled ``fresh-asr``. ``grid``: also the add floors × vetoes of :func:`combination_modes` (for
    :func:`choose_setting`; ``choice`` in ``fresh`` / ``fresh-asr``). ``outer_groups`` k > 0: instead of one source
    at a time, the fresh sources (and, apart, the others) dealt round-robin into k groups, one group left out at a
    time (a fold per group, named ``a+b+…``; ~1/3 of the fits with 30 fresh sources and k = 10; each model trained
    on a little less). ``full_model``: the model fitted on every source with these settings, if at hand (for
    ``augment-check``; else fitted here)."""
    folds: dict[str, Any] = {}
    pooled: dict[str, tuple[list[Item], list[set[str]]]] = {}
    pooled_asr: dict[str, tuple[list[Item], list[set[str]]]] = {}
    testable = [name for name in prepared if name != "review" and (test_sources is None or name in test_sources)]
    cache = PairCache({name: [p.item.text for p in prepared[name]] for name in testable})
    fold_sources = [[name] for name in testable]
    if outer_groups > 0:
        fold_sources = []
        for names in (
            [n for n in testable if n not in rule_tuned(lang, tuned)],
            [n for n in testable if n in rule_tuned(lang, tuned)],
        ):
            fold_sources += [g for g in (names[j::outer_groups] for j in range(outer_groups)) if g]
    for group in fold_sources:
        name = "+".join(group)
        train = {k: [p.item for p in v] for k, v in prepared.items() if k not in group}
        rule_cats = {p.item.id: p.rule_cats for k, v in prepared.items() if k not in group for p in v}
        if len(group) == 1:
            cache.left_out = name
            model, _ = fit_language(train, lang, catalog, rule_cats, settings, cache)
            del cache.texts[name]  # its pairs are all fitted now
        else:
            model, _ = fit_language(train, lang, catalog, rule_cats, settings)
        fresh = group[0] not in rule_tuned(lang, tuned)
        left_out = [p for n in group for p in prepared[n]]
        fold: dict[str, Any] = {"thresholds": model.thresholds}
        fold["modes"] = _score_fold(model, left_out, lang, catalog, settings, pooled if fresh else None, grid)
        if asr:
            spoken = [prepare_item(asr_item(p.item, lang), lang, catalog) for p in left_out]
            got = _score_fold(model, spoken, lang, catalog, settings, pooled_asr if fresh else None, grid)
            fold["asr"] = {"modes": got}
        folds[name] = fold
    out: dict[str, Any] = {"folds": folds}
    for key, got_modes in (("fresh", pooled), ("fresh-asr", pooled_asr)):
        if got_modes:
            out[key] = {
                "sources": [n for n in testable if n not in rule_tuned(lang, tuned)],
                "folds": ["+".join(g) for g in fold_sources if g[0] not in rule_tuned(lang, tuned)],
                "modes": {mode: _short(score_predictions(*got)) for mode, got in got_modes.items()},
            }
            if grid:
                out[key]["choice"] = choose_setting(out, key)
    check_path = eval_dir / f"{lang}.augment.yaml" if eval_dir is not None else None
    if check_path is not None and check_path.is_file():
        check = [prepare_item(it, lang, catalog) for it in load_items(check_path, "augment-check")]
        if check:
            if full_model is not None:
                model = full_model
            else:
                train = {k: [p.item for p in v] for k, v in prepared.items()}
                rule_cats = {p.item.id: p.rule_cats for v in prepared.values() for p in v}
                model, _ = fit_language(train, lang, catalog, rule_cats, settings)
            probs = _predict_prepared(model, check, catalog)
            items = [p.item for p in check]
            modes = {}
            for mode, (v, a) in combination_modes(model.thresholds, settings).items():
                preds = [combine_prepared(p, pr, lang, catalog, v, a) for p, pr in zip(check, probs, strict=True)]
                modes[mode] = _short(score_predictions(items, preds))
            out["augment-check"] = {"modes": modes, "thresholds": model.thresholds}
    return out


def format_loso(results: dict[str, Any]) -> str:
    """The leave-one-source-out table: per language, per left-out file, per mode: micro P / R and FA(hard neg.)."""
    lines = []
    for lang, data in results.items():
        blocks = {**data["folds"]}
        blocks.update({f"{name} asr": fold["asr"] for name, fold in data["folds"].items() if "asr" in fold})
        if "fresh" in data:
            blocks["FRESH(" + "+".join(data["fresh"]["sources"]) + ")"] = data["fresh"]
        if "fresh-asr" in data:
            blocks["FRESH-ASR"] = data["fresh-asr"]
        if "augment-check" in data:
            blocks["augment-check*"] = data["augment-check"]
        modes = [m for m in next(iter(blocks.values()))["modes"] if not m.startswith("grid:")]
        lines.append(f"\n[{lang}] leave one source out: micro P / R / FA(hard neg.)")
        lines.append(f"{'left out':28}" + "".join(f"{m:>21}" for m in modes))
        for name, block in blocks.items():
            n = block["modes"]["rules"]
            label = f"{name} ({n['n_pos']}+,{n['n_hard']}h)"
            row = f"{label:28}"
            for m in modes:
                r = block["modes"][m]
                cells = [_fmt(r[k]).strip() for k in ("precision", "recall", "fa_hard")]
                row += f"  {cells[0]:>5}/{cells[1]:>5}/{cells[2]:>5}"
            lines.append(row)
        decision = data.get("decision")
        if decision and "rules" in decision:
            r, m = decision["rules"], decision["deployed"]
            lines.append(
                f"decision: use_model={decision['use_model']} (fresh pooled: rules R {r['recall']} FA {r['fa_hard']}"
                f" -> deployed R {m['recall']} FA {m['fa_hard']}; {decision['criterion']})"
            )
        for key in ("fresh", "fresh-asr"):
            choice = data.get(key, {}).get("choice")
            if choice:
                lines.append(
                    f"grid choice ({key}): {choice['setting']} R {choice['recall']} FA {choice['fa_hard']}"
                    f" (FA <= {choice.get('fa_bound', FA_BOUND)}: {choice.get('within_bound')};"
                    f" FA <= {FA_TARGET}: {choice['reached_fa_target']})"
                )
    lines.append("\n* augment-check: model fitted on every source; the rules were tuned with the augment file")
    return "\n".join(lines) + "\n"
