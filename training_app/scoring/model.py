"""Sentence-level claim classifier (scikit-learn): character n-gram TF-IDF + one-vs-rest logistic regression per
language, trained on the labelled dev data and the augment set (``assessments/eval/<lang>.dev.yaml`` and the items of
``<lang>.augment.yaml`` marked ``split: augment``; never on ``augment-check`` items, never on held-out data).

It re-ranks the rules (see ``claims.combine_with_model``): it can veto a rule hit it finds very unlikely and add a
category it is very sure of. ``training-app models train`` rebuilds ``models/claims/`` reproducibly (fixed seed,
deterministic solver) with ``metadata.json`` recording the data hash, features, cross-validated metrics and versions.
``--review-labels FILE.jsonl`` (from ``training-app review export-labels``) adds trainers' flag decisions: a sentence
with a confirmed flag is a positive of that flag's category, one whose flags were all dismissed a hard negative; the
file's hash goes into ``metadata.json`` and the data hash.
"""

from __future__ import annotations

import hashlib
import json
import logging
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import yaml

from training_app.catalog.assessments import CATEGORIES, AssessmentCatalog
from training_app.errors import InvalidInput
from training_app.scoring.text import normalize

logger = logging.getLogger(__name__)
SEED = 20261101
MODEL_FILE = "model.joblib"
META_FILE = "metadata.json"
MIN_POSITIVES = 4
NGRAMS = {"zh": ("char", (1, 3)), "en": ("char_wb", (2, 5))}


@dataclass(frozen=True)
class Item:
    id: str
    text: str
    product: str | None
    categories: tuple[str, ...]
    hard_negative: bool
    split: str = "dev"


def load_items(path: Path, split: str | None = None) -> list[Item]:
    """Items of one eval file; with ``split``, only items whose own ``split`` (default: the file's) equals it."""
    data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    file_split = str(data.get("split") or "dev")
    items = []
    for raw in data.get("items") or []:
        cats = tuple(c for c in raw.get("categories") or [] if c in CATEGORIES)
        product = raw.get("product")
        items.append(
            Item(
                id=str(raw.get("id")),
                text=str(raw.get("text") or ""),
                product=None if product in (None, "none", "") else str(product),
                categories=cats,
                hard_negative=bool(raw.get("hard_negative")),
                split=str(raw.get("split") or file_split),
            )
        )
    return [it for it in items if split is None or it.split == split]


def _pipeline(lang: str) -> Any:
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.linear_model import LogisticRegression
    from sklearn.multiclass import OneVsRestClassifier
    from sklearn.pipeline import Pipeline

    analyzer, ngrams = NGRAMS[lang]
    return Pipeline(
        [
            ("tfidf", TfidfVectorizer(analyzer=analyzer, ngram_range=ngrams, sublinear_tf=True, min_df=1)),
            ("clf", OneVsRestClassifier(LogisticRegression(C=4.0, class_weight="balanced", max_iter=2000))),
        ]
    )


def _prepare(items: list[Item]) -> tuple[list[str], list[str], np.ndarray]:
    counts = {c: sum(c in it.categories for it in items) for c in CATEGORIES}
    classes = [c for c in CATEGORIES if counts[c] >= MIN_POSITIVES and counts[c] < len(items)]
    texts = [normalize(it.text).text for it in items]
    y = np.array([[int(c in it.categories) for c in classes] for it in items], dtype=int)
    return texts, classes, y


def _columns(proba: np.ndarray, n: int) -> np.ndarray:
    """One column per class (a single class comes back as [P(no), P(yes)])."""
    proba = np.atleast_2d(proba)
    return proba[:, -n:] if proba.shape[1] != n else proba


def _cv_metrics(texts: list[str], y: np.ndarray, classes: list[str], lang: str) -> dict[str, Any]:
    from sklearn.model_selection import KFold

    if len(texts) < 10 or not classes:
        return {}
    pred = np.zeros_like(y)
    for train, test in KFold(n_splits=5, shuffle=True, random_state=SEED).split(texts):
        pipe = _pipeline(lang)
        cols = [j for j in range(len(classes)) if 0 < y[train, j].sum() < len(train)]
        if not cols:
            continue
        pipe.fit([texts[i] for i in train], y[np.ix_(train, cols)])
        proba = _columns(pipe.predict_proba([texts[i] for i in test]), len(cols))
        pred[np.ix_(test, cols)] = (proba >= 0.5).astype(int)
    out: dict[str, Any] = {}
    for j, c in enumerate(classes):
        tp = int((pred[:, j] & y[:, j]).sum())
        out[c] = {
            "precision": round(tp / max(int(pred[:, j].sum()), 1), 3),
            "recall": round(tp / max(int(y[:, j].sum()), 1), 3),
            "support": int(y[:, j].sum()),
        }
    return out


TRAIN_SPLITS = (("dev", "dev"), ("augment", "augment"))  # (file split, item split); augment-check is held back


def data_files(eval_dir: Path) -> dict[str, list[Path]]:
    """Training files per language: ``<lang>.dev.yaml`` and, if present, ``<lang>.augment.yaml``."""
    out: dict[str, list[Path]] = {}
    for lang in ("zh", "en"):
        paths = [eval_dir / f"{lang}.{name}.yaml" for name, _ in TRAIN_SPLITS]
        present = [p for p in paths if p.is_file()]
        if present and present[0].name.endswith(".dev.yaml"):
            out[lang] = present
    return out


def training_items(paths: list[Path]) -> list[Item]:
    items: list[Item] = []
    for path in paths:
        item_split = "augment" if path.name.endswith(".augment.yaml") else None
        items += load_items(path, item_split)
    return items


def review_label_items(path: Path) -> dict[str, list[Item]]:
    """Items per language from an ``export-labels`` JSON-lines file, one per (language, sentence): the categories of
    its confirmed flags; no category (a hard negative) when every flag on it was dismissed."""
    by_text: dict[tuple[str, str], set[str]] = {}
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip():
            continue
        try:
            row = json.loads(line)
            key = (str(row["language"]), str(row["text"]))
            label, category = str(row["label"]), str(row["category"])
        except (ValueError, KeyError, TypeError) as exc:
            raise InvalidInput("review.bad_labels_file", path=f"{path}:{number}") from exc
        cats = by_text.setdefault(key, set())
        if label == "confirmed" and category in CATEGORIES:
            cats.add(category)
    out: dict[str, list[Item]] = {}
    for i, ((lang, text), cats) in enumerate(sorted(by_text.items())):
        ordered = tuple(c for c in CATEGORIES if c in cats)
        out.setdefault(lang, []).append(Item(f"review-{i}", text, None, ordered, not ordered, "review"))
    return out


def _file_meta(path: Path) -> dict[str, Any]:
    data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    return {"sha256": hashlib.sha256(path.read_bytes()).hexdigest(), "version": str(data.get("version", ""))}


def _labels_meta(path: Path, items: dict[str, list[Item]]) -> dict[str, Any]:
    return {
        "file": path.name, "sha256": hashlib.sha256(path.read_bytes()).hexdigest(),
        "sentences": {lang: len(found) for lang, found in sorted(items.items())},
        "positives": {lang: sum(bool(it.categories) for it in found) for lang, found in sorted(items.items())},
    }  # fmt: skip


def train_and_save(
    catalog: AssessmentCatalog, eval_dir: Path, out_dir: Path, *, review_labels: Path | None = None
) -> dict[str, Any]:
    """Fit one pipeline per language on the dev split (and the trainers' labels, if given), cross-validate, save
    model + metadata; return metadata."""
    import joblib
    import sklearn

    files = data_files(eval_dir)
    if not files:
        raise InvalidInput("scoring.no_training_data")
    reviewed = review_label_items(review_labels) if review_labels else {}
    digest = hashlib.sha256()
    models: dict[str, Any] = {}
    meta: dict[str, Any] = {"cv_metrics": {}, "classes": {}, "n_items": {}}
    for lang, paths in sorted(files.items()):
        for path in paths:
            digest.update(path.read_bytes())
            meta.setdefault("data_file_hashes", {})[path.name] = _file_meta(path)
        texts, classes, y = _prepare(training_items(paths) + reviewed.get(lang, []))
        if not classes:
            continue
        meta["cv_metrics"][lang] = _cv_metrics(texts, y, classes, lang)
        pipe = _pipeline(lang)
        pipe.fit(texts, y)
        models[lang] = {"pipeline": pipe, "classes": classes}
        meta["classes"][lang], meta["n_items"][lang] = classes, len(texts)
    if review_labels is not None:
        digest.update(review_labels.read_bytes())
        meta["review_labels"] = _labels_meta(review_labels, reviewed)
    data_hash = digest.hexdigest()
    meta.update(
        version=f"claims-lr-{data_hash[:8]}",
        data_hash=data_hash,
        data_files=sorted(p.name for paths in files.values() for p in paths),
        training_splits="dev + augment (augment-check items excluded)",
        rule_set_version=catalog.rule_set_version,
        features={
            lang: {"analyzer": a, "ngram_range": list(n), "tfidf": "sublinear"} for lang, (a, n) in NGRAMS.items()
        },
        estimator="OneVsRest(LogisticRegression(C=4, class_weight=balanced, lbfgs))",
        sklearn_version=sklearn.__version__,
        random_seed=SEED,
        cv="5-fold KFold(shuffle, seed), threshold 0.5",
    )
    out_dir.mkdir(parents=True, exist_ok=True)
    joblib.dump(models, out_dir / MODEL_FILE, compress=3)
    (out_dir / META_FILE).write_text(json.dumps(meta, ensure_ascii=False, indent=2, sort_keys=True) + "\n", "utf-8")
    logger.info("claim model %s saved to %s", meta["version"], out_dir)
    return meta


class ClaimModel:
    """Loaded claim model: ``predict(texts, language)`` → per-sentence ``{category: probability}``."""

    def __init__(self, models: dict[str, Any], version: str) -> None:
        self.models = models
        self.version = version

    @classmethod
    def load(cls, model_dir: Path) -> ClaimModel | None:
        path, meta = model_dir / MODEL_FILE, model_dir / META_FILE
        if not path.is_file() or not meta.is_file():
            return None
        import joblib

        version = json.loads(meta.read_text(encoding="utf-8")).get("version", "claims-unknown")
        return cls(joblib.load(path), str(version))

    def predict(self, texts: list[str], language: str) -> list[dict[str, float]]:
        entry = self.models.get(language)
        if entry is None or not texts:
            return [{} for _ in texts]
        probs = _columns(entry["pipeline"].predict_proba([normalize(t).text for t in texts]), len(entry["classes"]))
        return [dict(zip(entry["classes"], map(float, row), strict=True)) for row in probs]
