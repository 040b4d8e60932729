"""Evaluation of the claim detector on labelled sentences (``assessments/eval/<lang>.<split>.yaml``).

Per language and mode (rules only; rules + model): per-category precision and recall over (item, category) pairs,
micro totals, and the false-alarm rate — the share of items with a predicted category that is not in their labels —
on hard negatives and on all negatives (items labelled with no category). Only ``training-app eval`` reads the
held-out split; training and error analysis use the dev split and the augment set (``split="augment"``), and
``split="augment-check"`` measures generalisation on augment items that are never trained on.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

from training_app.catalog.assessments import CATEGORIES, AssessmentCatalog
from training_app.errors import InvalidInput
from training_app.scoring.claims import CategoryScorer, detect_claims
from training_app.scoring.model import Item, load_items
from training_app.speech.transcript import Segment, Transcript

logger = logging.getLogger(__name__)


def predict_categories(item: Item, lang: str, catalog: AssessmentCatalog, model: CategoryScorer | None) -> set[str]:
    product = catalog.products.get(item.product) if item.product else None
    segments = tuple(Segment(0.0, 0.0, line) for line in item.text.splitlines() if line.strip())
    transcript = Transcript(lang, None, segments, "transcribed", {"timing": "none"})
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
