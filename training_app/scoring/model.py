"""Sentence-level claim classifier (scikit-learn): TF-IDF n-grams on normalised text (zh characters 1-3; en
characters-in-words 3-5 + words 1-2) → one logistic regression per category, per language. Optional cue features
(which rule categories and lexicon lists fire) are supported but off: out of fold they made the model copy the rules.

Trained on every development file (``data_files``: ``<lang>.dev.yaml``, ``augment`` items marked ``split: augment``,
``retired*``, ``dev2`` … ``dev5`` by allow-list; never held-out or ``augment-check`` items). Probabilities are
Platt-calibrated on out-of-fold scores (leave one source file out) and each category gets an add threshold chosen on
those out-of-fold probabilities (false alarms on hard negatives within 2 %), floored per language (``SETTINGS``: the
floor is what keeps false alarms down on new authors). It re-ranks the rules (see ``claims.combine_with_model``): it
can veto a rule hit it finds very unlikely and add a category it is very sure of. ``training-app models train``
rebuilds ``models/claims/`` reproducibly (fixed seed, deterministic liblinear) with ``metadata.json`` recording the
data files (hash, counts), features, settings, calibration, thresholds, out-of-fold metrics, the
leave-one-source-out table (``training-app models evaluate``) against the current rules and, with
``--baseline-rules DIR``, against an older rule set nobody had tuned on the newer files, and the on/off evidence per
language (``decision``).
``--review-labels FILE.jsonl`` (from ``training-app review export-labels``) adds trainers' flag decisions: a sentence
with a confirmed flag is a positive of that flag's category, one whose flags were all dismissed a hard negative; the
file's hash goes into ``metadata.json`` and the data hash.
"""

from __future__ import annotations

import functools
import hashlib
import json
import logging
import random
import re
from dataclasses import dataclass, replace
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


HELD_BACK_SPLITS = frozenset({"augment-check", "heldout"})  # items never trained on (whatever file they are in)


def source_name(path: Path) -> str:
    """``zh.dev2.yaml`` → ``dev2``: one development file = one author = one source for leave-one-source-out."""
    return path.name.split(".")[1]


DEVELOPMENT_FILE = re.compile(r"dev\d*|augment|retired\d*")  # allow-list: never heldout, sealed or anything unknown


def data_files(eval_dir: Path) -> dict[str, list[Path]]:
    """Development files per language: ``<lang>.dev.yaml`` first, then the other development files by name
    (``augment``, ``dev2``, ``dev3``, …, ``retired`` — whichever exist). Only names on the allow-list are read: the
    held-out and sealed measurement splits (and any file not known to be development data) are never trained on."""
    out: dict[str, list[Path]] = {}
    for lang in ("zh", "en"):
        dev = eval_dir / f"{lang}.dev.yaml"
        if not dev.is_file():
            continue
        others = [
            p
            for p in sorted(eval_dir.glob(f"{lang}.*.yaml"))
            if p != dev and p.name.count(".") == 2 and DEVELOPMENT_FILE.fullmatch(source_name(p))
        ]
        out[lang] = [dev, *others]
    return out


def training_items(paths: list[Path]) -> list[Item]:
    return [it for items in source_items(paths).values() for it in items]


def source_items(paths: list[Path]) -> dict[str, list[Item]]:
    """Trainable items per source file (items marked ``augment-check`` or ``heldout`` are held back)."""
    return {source_name(p): [it for it in load_items(p) if it.split not in HELD_BACK_SPLITS] for p in paths}


# ------------------------------------------------------------------------------------------- speech-style copies

# Whisper transcripts differ from the written development items mostly in punctuation and segmentation: sentence
# marks are missing or sparse, a segment ends where the speaker paused (often mid-sentence) and numbers come out as
# digits or words at random. ``asr_style`` imitates that, deterministically (a fixed seed per item id), for training
# copies (``Settings.asr_copies``) and for measuring a left-out file "as transcribed" (``evaluation.loso(asr=True)``).
_ASR_EN_MARK = re.compile(r"(?<!\d)[.,](?!\d)|[.,](?=\s|$)|[!?;:\"“”()\[\]…—–]|(?<!\w)-|-(?!\w)")
_ASR_EN_SENTENCE_END = re.compile(r"[.!?…]+(?=\s|$)|\n")
_ASR_ZH_MARK = re.compile(r"[，。！？、；：“”‘’（）《》【】…—～,!?;:\"()~]|(?<!\d)[.](?!\d)|[.](?=\s|$)")
_ASR_ZH_BREAK = re.compile(r"[。！？；!?;\n]")
_EN_ONES = "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen " \
    "seventeen eighteen nineteen".split()  # fmt: skip
_EN_TENS_WORDS = "twenty thirty forty fifty sixty seventy eighty ninety".split()


def _en_words(n: int) -> str:
    """An integer below 10,000 in English words (199 → 'one hundred ninety nine')."""
    if n < 20:
        return _EN_ONES[n]
    if n < 100:
        return _EN_TENS_WORDS[n // 10 - 2] + ("" if n % 10 == 0 else " " + _EN_ONES[n % 10])
    if n < 1000:
        return _EN_ONES[n // 100] + " hundred" + ("" if n % 100 == 0 else " " + _en_words(n % 100))
    return _en_words(n // 1000) + " thousand" + ("" if n % 1000 == 0 else " " + _en_words(n % 1000))


def _asr_en(text: str, rng: random.Random) -> str:
    def number(m: re.Match[str]) -> str:
        whole, frac = m.group(1), m.group(2)
        if len(whole) > 4 or rng.random() < 0.5:
            return m.group(0)
        spoken = _en_words(int(whole))
        return spoken + (" point " + " ".join(_EN_ONES[int(d)] for d in frac) if frac else "")

    text = re.sub(r"(?<![\d.,])(\d+)(?:\.(\d+))?(?![\d,])", number, text.lower().replace("%", " percent"))
    text = text.replace("'", "").replace("’", "").replace("‘", "")
    marked = _ASR_EN_SENTENCE_END.sub(" \x00 ", text)  # where a sentence or utterance ended
    words = _ASR_EN_MARK.sub(" ", marked).split()
    lines: list[list[str]] = []
    line: list[str] = []
    for word in words:
        if word == "\x00":
            if line and rng.random() < 0.35:
                lines.append(line)
                line = []
            continue
        line.append(word)
        if len(line) >= 4 and rng.random() < 0.05:  # a pause mid-sentence
            lines.append(line)
            line = []
    if line:
        lines.append(line)
    return "\n".join(" ".join(ln) for ln in lines)


def _asr_zh(text: str, rng: random.Random) -> str:
    def number(m: re.Match[str]) -> str:
        whole, frac, percent = m.group(1), m.group(2), m.group(3)
        roll = rng.random()
        if roll < 0.3 and len(whole) <= 8:
            from training_app.scoring.text import DIGITS, int_to_zh

            spoken = int_to_zh(int(whole)) + ("点" + "".join(DIGITS[int(d)] for d in frac) if frac else "")
            return "百分之" + spoken if percent else spoken
        if roll < 0.6:  # full-width digits
            return m.group(0).translate({ord(d): ord(d) + 0xFEE0 for d in "0123456789"})
        return m.group(0)

    text = re.sub(r"(?<![\d.])(\d+)(?:\.(\d+))?(?!\d)(%?)", number, text)
    out: list[str] = []
    since_break = 0
    for piece in re.split(r"(\n|[。！？；!?;]+|[，、：,:“”‘’（）《》【】…—～\"()~]+)", text):
        if not piece:
            continue
        if _ASR_ZH_BREAK.match(piece) or _ASR_ZH_MARK.match(piece):
            strong = bool(_ASR_ZH_BREAK.match(piece))
            if since_break >= 4 and rng.random() < (0.4 if strong else 0.15):
                out.append("\n")
                since_break = 0
            elif rng.random() < 0.3:
                out.append(" ")
            continue
        piece = piece.strip()
        if len(piece) >= 12 and rng.random() < 0.2:  # a pause mid-clause
            cut = rng.randrange(4, len(piece) - 3)
            piece = piece[:cut] + "\n" + piece[cut:]
            since_break = len(piece) - cut - 1
        else:
            since_break += len(piece)
        out.append(piece)
    lines = ["".join(ln.split()) if rng.random() < 0.5 else ln.strip() for ln in "".join(out).split("\n")]
    return "\n".join(ln for ln in lines if ln)


def asr_style(text: str, lang: str, key: str) -> str:
    """``text`` as a speech recogniser might write it (deterministic for a given ``key``, e.g. the item id): English
    lower case, no apostrophes or punctuation, digits read out as words half the time, segments broken at ~1/3 of the
    sentence ends and now and then mid-sentence; Mandarin without punctuation (sometimes a space instead), digits as
    Chinese numerals or full-width at random, segment breaks at some clause ends and now and then mid-clause."""
    rng = random.Random(f"{SEED}:{lang}:{key}")
    out = _asr_zh(text, rng) if lang == "zh" else _asr_en(text, rng)
    return out or text


def asr_items(items: list[Item], lang: str, copies: int) -> list[Item]:
    """``copies`` speech-style copies of each item (same labels; ids ``<id>~asr<k>``)."""
    return [
        replace(it, id=f"{it.id}~asr{k}", text=asr_style(it.text, lang, f"{it.id}~{k}"))
        for k in range(copies)
        for it in items
    ]


# ---------------------------------------------------------------------------------------------------------- features

CUE_LEXICON_SKIP = ("cta_", "address_", "answering_", "question_", "fillers_", "context_fillers_")


def cue_names(catalog: AssessmentCatalog, lang: str, kinds: tuple[str, ...] = ("cand", "kept", "lex")) -> list[str]:
    """Cue-family indicators from the rules and lexicons: which rule categories raised a candidate, which of them
    survived the clause context (negation, question, reported speech, exceptions), which lexicon lists occur."""
    lexicons = sorted(
        name for name in catalog.lexicons if name.endswith(f"_{lang}") and not name.startswith(CUE_LEXICON_SKIP)
    )
    names = [f"{kind}:{c}" for kind in ("cand", "kept") if kind in kinds for c in CATEGORIES]
    return names + [f"lex:{n}" for n in lexicons if "lex" in kinds]


def _lexicon_patterns(catalog: AssessmentCatalog, lang: str, names: list[str]) -> list[tuple[int, re.Pattern[str]]]:
    from training_app.scoring.matching import alternation

    key = f"model-cues:{lang}:{'|'.join(names)}"
    if key not in catalog.cache:
        catalog.cache[key] = [
            (j, re.compile(alternation(catalog.lexicons[n[4:]])))
            for j, n in enumerate(names)
            if n.startswith("lex:") and n[4:] in catalog.lexicons
        ]
    patterns: list[tuple[int, re.Pattern[str]]] = catalog.cache[key]
    return patterns


def cue_matrix(norm_texts: list[str], lang: str, catalog: AssessmentCatalog, names: list[str]) -> Any:
    """Sparse 0/1 matrix of :func:`cue_names` for normalised texts."""
    from scipy.sparse import csr_matrix

    from training_app.scoring.context import keep_candidate
    from training_app.scoring.matching import compiled_rules, find_candidates

    column = {n: j for j, n in enumerate(names)}
    rules = compiled_rules(catalog, lang)
    lexicons = _lexicon_patterns(catalog, lang, names)
    need_rules = any(not n.startswith("lex:") for n in names)
    cache: dict[str, list[int]] = catalog.cache.setdefault(f"model-cue-rows:{lang}:{'|'.join(names)}", {})
    if len(cache) > 50_000:
        cache.clear()
    rows, cols = [], []
    for i, text in enumerate(norm_texts):
        row = cache.get(text)
        if row is None:
            found: set[int] = set()
            for cand in find_candidates(text, rules) if need_rules else ():
                category = cand.rule.rule.category
                if f"cand:{category}" in column:
                    found.add(column[f"cand:{category}"])
                kept = column.get(f"kept:{category}")
                if kept is not None and kept not in found and keep_candidate(text, cand, lang):
                    found.add(kept)
            found.update(j for j, pattern in lexicons if pattern.search(text))
            row = cache[text] = sorted(found)
        rows += [i] * len(row)
        cols += row
    return csr_matrix((np.ones(len(rows)), (rows, cols)), shape=(len(norm_texts), len(names)))


@dataclass(frozen=True)
class Settings:
    """Model settings (one per language); ``cues`` adds the rule/lexicon cue indicators to the n-grams."""

    cues: bool = True
    cue_kinds: tuple[str, ...] = ("cand", "kept", "lex")
    c: float = 2.0
    cue_weight: float = 1.0
    fa_budget: float = 0.02  # added false alarms on hard negatives allowed when choosing the add thresholds
    min_threshold: float = 0.5
    count_rule_hits: bool = False  # thresholds: skip items the rules already flag (else: the model on its own)
    add_floor: float = 0.9  # a per-category add threshold is never below this (nor below claims.add_threshold)
    veto: float = 0.0  # rule hits (without a fact-sheet check) the model gives less than this are dropped
    ngrams: tuple[tuple[str, tuple[int, int]], ...] = ()  # (analyzer, range) per tf-idf block; () = NGRAMS[lang]
    min_df: int = 1  # n-grams in fewer training items are dropped (smaller model)
    class_weight: str | None = "balanced"  # LogisticRegression class_weight
    sublinear: bool = True  # tf-idf sublinear tf (1 + log tf)
    # a sentence's score per category is the larger of its own and that of the previous sentence joined to it (claims
    # spread over two utterances; training items are whole, often multi-utterance, texts)
    context: bool = False
    # "lr": logistic regression; "lr+mh": averaged with a modified-Huber linear model (each decision function scaled
    # by its spread on the training data; still one weight matrix, so predicting costs the same)
    estimator: str = "lr"
    # speech-style copies of each training item (``asr_style``; 0 = none): robustness to transcripts without
    # punctuation and with segment breaks at pauses
    asr_copies: int = 0
    # calibration and add thresholds out of fold: 0 = leave one source out; k = the sources dealt into k groups
    inner_folds: int = 0
    # English word block: numbers, prices and percentages folded to NUM / PRICE / PCT tokens (``word_numbers``);
    # sklearn's English stop words dropped except negations (``word_stop``)
    word_numbers: bool | str = False  # True: numbers replaced by their tags; "tag": tags added after the numbers
    word_stop: bool = False
    # sentence-shape indicators (question mark, exclamation, length band) at this weight; 0 = off
    shape: float = 0.0

    def ngram_blocks(self, lang: str) -> list[tuple[str, tuple[int, int]]]:
        return list(self.ngrams) or NGRAMS[lang]

    def features(self, lang: str) -> dict[str, Any]:
        return {
            "ngrams": [
                {
                    "analyzer": a,
                    "ngram_range": list(n),
                    "tfidf": "sublinear, l2" if self.sublinear else "raw tf, l2",
                    "min_df": self.min_df,
                }
                for a, n in self.ngram_blocks(lang)
            ],
            "text": "normalised (training_app.scoring.text.normalize: NFKC, lowercase, evasions folded)",
            "cues": "rule candidates per category, candidates kept in clause context per category, lexicon lists"
            if self.cues
            else None,
            "cue_weight": self.cue_weight,
            "context": "max(sentence, previous sentence + sentence) per category" if self.context else None,
            "estimator": self.estimator,
            "class_weight": self.class_weight,
            "word_numbers": {
                True: "numbers in the word block replaced by NUM/PRICE/PCT tags",
                "tag": "numbers in the word block each followed by its NUM/PRICE/PCT tag",
            }.get(self.word_numbers),  # fmt: skip
            "word_stop": "English stop words without negations" if self.word_stop else None,
            "shape": self.shape or None,
            "asr_copies": f"{self.asr_copies} speech-style copy per training item (model.asr_style)"
            if self.asr_copies
            else None,
        }


NGRAMS: dict[str, list[tuple[str, tuple[int, int]]]] = {
    "zh": [("char", (1, 3))],
    "en": [("char_wb", (3, 5)), ("word", (1, 2))],  # char_wb 2-5: same LOSO, ~30 % slower to transform
}


_PCT = re.compile(r"\d[\d,]*(?:\.\d+)?\s*(?:%|percent\b|per cent\b)")
_PRICE = re.compile(
    r"[$¥£€]\s*\d[\d,]*(?:\.\d+)?(?:\s+\d\d\b)?"
    r"|\d[\d,]*(?:\.\d+)?(?:\s+\d\d)?\s*(?:dollars?|bucks|yuan|rmb|kuai|cents?|pounds?|euros?)\b"
)
_NUM = re.compile(r"\d[\d,]*(?:\.\d+)?")
NEGATIONS = frozenset(
    "no not nor never none nothing nobody nowhere neither cannot without against n't cant dont doesnt isnt wont"
    " arent wasnt werent shouldnt couldnt wouldnt".split()
)


def number_tokens(text: str) -> str:
    """Normalised English text with percentages, prices and other numbers as ``pcttok`` / ``pricetok`` / ``numtok``
    (the word block's preprocessor with ``Settings.word_numbers``; ``normalize`` already writes spoken numbers as
    digits)."""
    text = _PCT.sub(" pcttok ", text)
    text = _PRICE.sub(" pricetok ", text)
    return _NUM.sub(" numtok ", text)


_NUMBER_KINDS = re.compile(f"(?P<pct>{_PCT.pattern})|(?P<price>{_PRICE.pattern})|(?P<num>{_NUM.pattern})")


def number_tags(text: str) -> str:
    """Like :func:`number_tokens` but the numbers stay, each followed by its tag (``word_numbers="tag"``)."""
    return _NUMBER_KINDS.sub(lambda m: f"{m.group(0)} {m.lastgroup}tok ", text)


def _stop_words() -> list[str]:
    from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS

    return sorted(set(ENGLISH_STOP_WORDS) - NEGATIONS)


SHAPE_COLUMNS = ("question", "exclamation", "words<=4", "words5-10", "words11-20", "words>20")


def shape_matrix(norm_texts: list[str], weight: float) -> Any:
    """Sentence-shape indicators (:data:`SHAPE_COLUMNS`) times ``weight``."""
    from scipy.sparse import csr_matrix

    rows, cols = [], []
    for i, text in enumerate(norm_texts):
        n = len(text.split())
        found = [2 if n <= 4 else 3 if n <= 10 else 4 if n <= 20 else 5]
        if "?" in text or "？" in text:
            found.append(0)
        if "!" in text or "！" in text:
            found.append(1)
        rows += [i] * len(found)
        cols += found
    data = np.full(len(rows), weight, dtype=np.float32)
    return csr_matrix((data, (rows, cols)), shape=(len(norm_texts), len(SHAPE_COLUMNS)))


class Featurizer:
    def __init__(self, lang: str, settings: Settings, catalog: AssessmentCatalog | None) -> None:
        from sklearn.feature_extraction.text import TfidfVectorizer

        self.lang, self.settings = lang, settings
        numbers, stop = getattr(settings, "word_numbers", False), getattr(settings, "word_stop", False)
        self.vectorizers = [
            TfidfVectorizer(
                analyzer=a,
                ngram_range=n,
                sublinear_tf=settings.sublinear,
                min_df=settings.min_df,
                dtype=np.float32,
                preprocessor=(number_tags if numbers == "tag" else number_tokens) if a == "word" and numbers else None,
                stop_words=_stop_words() if a == "word" and stop else None,
            )
            for a, n in settings.ngram_blocks(lang)
        ]
        self.cue_names = cue_names(catalog, lang, settings.cue_kinds) if settings.cues and catalog is not None else []

    def fit_transform(self, norm_texts: list[str], catalog: AssessmentCatalog | None) -> Any:
        for v in self.vectorizers:
            v.fit(norm_texts)
            v.stop_words_ = None  # the n-grams min_df dropped: only for introspection, large in the pickle
        return self.transform(norm_texts, catalog)

    def __getstate__(self) -> dict[str, Any]:
        return {k: v for k, v in self.__dict__.items() if k != "_word_cache"}

    def transform(self, norm_texts: list[str], catalog: AssessmentCatalog | None) -> Any:
        from scipy.sparse import csr_matrix, hstack

        blocks = [self._char_wb(v, norm_texts) if v.analyzer == "char_wb" else v.transform(norm_texts)
                  for v in self.vectorizers]  # fmt: skip
        if getattr(self.settings, "shape", 0.0):
            blocks.append(shape_matrix(norm_texts, self.settings.shape))
        if self.cue_names:
            if catalog is None:
                logger.warning("claim model: no catalog for the rule cues; predicting from the n-grams only")
                blocks.append(csr_matrix((len(norm_texts), len(self.cue_names))))
            else:
                blocks.append(cue_matrix(norm_texts, self.lang, catalog, self.cue_names) * self.settings.cue_weight)
        return hstack(blocks, format="csr")

    def _char_wb(self, vectorizer: Any, norm_texts: list[str]) -> Any:
        """``vectorizer.transform`` for a ``char_wb`` block, with each word's n-gram columns cached: sklearn builds
        every n-gram of every word in Python on each call (~2/3 of the English predict time); words recur across
        transcripts. Same matrix as ``vectorizer.transform`` (tests/scoring/test_model_features.py)."""
        from scipy.sparse import csr_matrix

        cache: dict[tuple[int, str], list[int]] = self.__dict__.setdefault("_word_cache", {})
        if len(cache) > 200_000:
            cache.clear()
        vocab, (min_n, max_n), key = vectorizer.vocabulary_, vectorizer.ngram_range, id(vectorizer)
        preprocess = vectorizer.build_preprocessor()
        rows: list[int] = []
        cols: list[int] = []
        for i, text in enumerate(norm_texts):
            for word in preprocess(text).split():
                columns = cache.get((key, word))
                if columns is None:
                    columns = cache[(key, word)] = [vocab[g] for g in _wb_ngrams(word, min_n, max_n) if g in vocab]
                cols.extend(columns)
            rows.extend([i] * (len(cols) - len(rows)))
        counts_matrix = csr_matrix(  # repeated (row, column) pairs are summed: the n-gram counts
            (
                np.ones(len(cols), dtype=vectorizer.dtype),
                (np.array(rows, dtype=np.int32), np.array(cols, dtype=np.int32)),
            ),
            shape=(len(norm_texts), len(vocab)),
        )
        counts_matrix.sum_duplicates()
        return vectorizer._tfidf.transform(counts_matrix, copy=False)


def _wb_ngrams(word: str, min_n: int, max_n: int) -> list[str]:
    """sklearn's ``char_wb`` n-grams of one word (padded with a space each side; a short word counted once)."""
    padded, out = f" {word} ", []
    for n in range(min_n, max_n + 1):
        offset = 0
        out.append(padded[offset : offset + n])
        while offset + n < len(padded):
            offset += 1
            out.append(padded[offset : offset + n])
        if offset == 0:
            break
    return out


# ------------------------------------------------------------------------------------------------------- estimator


class LangModel:
    """Features → one logistic regression per category (liblinear, deterministic) → Platt-calibrated probabilities
    (fitted on out-of-fold scores) → per-category add thresholds (chosen on out-of-fold probabilities)."""

    def __init__(self, lang: str, settings: Settings, catalog: AssessmentCatalog | None) -> None:
        self.lang, self.settings = lang, settings
        self.featurizer = Featurizer(lang, settings, catalog)
        self.classes: list[str] = []
        self.estimators: list[Any] = []  # per category while fitting; then only ``weights`` / ``bias`` are kept
        self.weights = np.zeros((0, 0), dtype=np.float32)
        self.bias = np.zeros(0)
        self.platt: dict[str, tuple[float, float]] = {}
        self.thresholds: dict[str, float] = {}

    @classmethod
    def shim(cls, classes: list[str]) -> LangModel:
        """An unfitted model that only names its classes (to rearrange cached scores with ``_columns_for``)."""
        model = cls.__new__(cls)
        model.classes = list(classes)
        return model

    def fit(self, items: list[Item], catalog: AssessmentCatalog | None) -> LangModel:
        from sklearn.linear_model import LogisticRegression

        if getattr(self.settings, "asr_copies", 0):
            items = items + asr_items(items, self.lang, self.settings.asr_copies)
        texts, self.classes, y = _prepare(items)
        x = self.featurizer.fit_transform(texts, catalog)
        self.estimators = []
        for j in range(len(self.classes)):
            clf = LogisticRegression(
                C=self.settings.c,
                class_weight=self.settings.class_weight,
                solver="liblinear",
                dual=True,  # more features than items: the dual problem is ~25x faster (same weights within 1e-4)
                random_state=SEED,
                max_iter=1000,
            )
            self.estimators.append(clf.fit(x, y[:, j]))
        self._compact()
        if self.settings.estimator == "lr+mh" and self.classes:
            self._average_with_modified_huber(x, y)
        return self

    def _average_with_modified_huber(self, x: Any, y: np.ndarray) -> None:
        """Average the logistic regressions with modified-Huber linear models (SGD, fixed seed), each decision
        function divided by its standard deviation on the training items: the sum is still one linear model."""
        from sklearn.linear_model import SGDClassifier

        lr_scores = np.asarray(x @ self.weights) + self.bias
        weights, bias = [], []
        for j in range(len(self.classes)):
            mh = SGDClassifier(
                loss="modified_huber",
                alpha=1e-4,
                class_weight=self.settings.class_weight,
                random_state=SEED,
                max_iter=50,
                tol=None,
            ).fit(x, y[:, j])
            mh_scores = np.asarray(x @ mh.coef_[0]) + mh.intercept_[0]
            a, b = 1.0 / max(float(lr_scores[:, j].std()), 1e-6), 1.0 / max(float(mh_scores.std()), 1e-6)
            weights.append(0.5 * (a * self.weights[:, j] + b * mh.coef_[0]))
            bias.append(0.5 * (a * self.bias[j] + b * mh.intercept_[0]))
        self.weights, self.bias = np.column_stack(weights).astype(np.float32), np.array(bias)

    def _compact(self) -> None:
        """Keep only the stacked coefficients (float32) and intercepts: the model file stays a few MB."""
        if not self.estimators:  # no category had enough positives: ``scores`` returns zeros
            self.weights, self.bias = np.zeros((0, 0), dtype=np.float32), np.zeros(0)
            return
        weights = np.column_stack([clf.coef_[0] for clf in self.estimators]).astype(np.float32)
        bias = np.array([clf.intercept_[0] for clf in self.estimators])
        self.weights, self.bias, self.estimators = weights, bias, []

    def scores(self, texts: list[str], catalog: AssessmentCatalog | None) -> np.ndarray:
        """Raw decision scores, one column per class, for texts (normalised here)."""
        if not texts or not self.classes:
            return np.zeros((len(texts), len(self.classes)))
        x = self.featurizer.transform([normalized_text(t) for t in texts], catalog)
        weights, bias = self._stacked()
        return np.asarray(x @ weights) + bias

    def _stacked(self) -> tuple[np.ndarray, np.ndarray]:
        """All categories' coefficients as one matrix: one sparse product per predict call."""
        if "weights" not in self.__dict__:  # a model pickled before the coefficients were stacked
            self._compact()
        return self.weights, self.bias

    def proba(self, scores: np.ndarray) -> np.ndarray:
        out = np.empty_like(scores, dtype=float)
        for j, c in enumerate(self.classes):
            a, b = self.platt.get(c, (1.0, 0.0))
            out[:, j] = 1.0 / (1.0 + np.exp(-(a * scores[:, j] + b)))
        return out

    def context_scores(
        self, texts: list[str], catalog: AssessmentCatalog | None, starts: set[int] | None = None
    ) -> np.ndarray:
        """``scores``; with ``settings.context``, per category the larger of a sentence's own score and that of the
        previous sentence joined to it (not across ``starts``: the first sentence of each document; default {0}).

        The joined score counts only for a category the previous sentence alone is not already likely to carry
        (probability below 0.5): a claim said in full in one sentence is that sentence's flag, and must not be
        copied onto the next ("This is the best honey in the world." / "Order now.")."""
        own = self.scores(texts, catalog)
        if not getattr(self.settings, "context", False) or len(texts) < 2 or not self.classes:
            return own
        starts = {0} if starts is None else starts
        rows = [i for i in range(1, len(texts)) if i not in starts]
        scores = own.copy()
        if rows:
            pairs = self.scores([f"{texts[i - 1]}\n{texts[i]}" for i in rows], catalog)
            previous_alone = self.proba(own[[i - 1 for i in rows]])
            scores[rows] = np.maximum(own[rows], np.where(previous_alone < 0.5, pairs, -np.inf))
        return scores

    def predict(
        self, texts: list[str], catalog: AssessmentCatalog | None, starts: set[int] | None = None
    ) -> list[dict[str, float]]:
        """Calibrated probabilities per sentence; ``texts`` are consecutive sentences (documents begin at
        ``starts``, default: one document)."""
        probs = self.proba(self.context_scores(texts, catalog, starts))
        return [dict(zip(self.classes, map(float, row), strict=True)) for row in probs]


@functools.lru_cache(maxsize=50_000)
def normalized_text(text: str) -> str:
    """``normalize(text).text``, cached: leave-one-source-out training normalises the same sentences ~100 times."""
    return normalize(text).text


def _prepare(items: list[Item]) -> tuple[list[str], list[str], np.ndarray]:
    counts = {c: sum(c in it.categories for it in items) for c in CATEGORIES}
    classes = [c for c in CATEGORIES if counts[c] >= MIN_POSITIVES and counts[c] < len(items)]
    texts = [normalized_text(it.text) for it in items]
    y = np.array([[int(c in it.categories) for c in classes] for it in items], dtype=int)
    return texts, classes, y


def _platt(scores: np.ndarray, labels: np.ndarray) -> tuple[float, float]:
    from sklearn.linear_model import LogisticRegression

    if labels.min() == labels.max():
        return 1.0, 0.0
    lr = LogisticRegression(C=100.0, solver="lbfgs", max_iter=1000).fit(scores.reshape(-1, 1), labels)
    return float(lr.coef_[0, 0]), float(lr.intercept_[0])


def choose_thresholds(
    probs: np.ndarray, classes: list[str], items: list[Item], rule_cats: list[set[str]], settings: Settings
) -> dict[str, float]:
    """Per-category add thresholds from out-of-fold probabilities: greedily lower the threshold of the category that
    gains the most missed positives per new false alarm on a hard negative, while the added false alarms stay within
    ``fa_budget`` of the hard negatives. Items the rules already flag for a category do not count for it."""
    hard = [i for i, it in enumerate(items) if it.hard_negative and not it.categories]
    hard_set = set(hard)
    budget = int(settings.fa_budget * len(hard) + 1e-9)
    false_alarmed = {i for i in hard if rule_cats[i]}
    thresholds = {c: 1.01 for c in classes}
    queues: dict[int, list[int]] = {}
    for j, c in enumerate(classes):
        order = [i for i in np.argsort(-probs[:, j], kind="stable") if c not in rule_cats[i]]
        queues[j] = [i for i in order if probs[i, j] >= settings.min_threshold]
    used = 0
    while True:
        best: tuple[float, int, int, set[int]] | None = None
        for j, c in enumerate(classes):
            gained, new_fa, k = 0, set(), 0
            for i in queues[j]:
                k += 1
                if c in items[i].categories:
                    gained += 1
                    break
                if i in hard_set and i not in false_alarmed:
                    new_fa.add(i)
            else:
                continue
            if used + len(new_fa) > budget:
                continue
            ratio = gained / (len(new_fa) + 0.5)
            if best is None or ratio > best[0]:
                best = (ratio, j, k, new_fa)
        if best is None:
            break
        _, j, k, new_fa = best
        last = queues[j][k - 1]
        thresholds[classes[j]] = float(probs[last, j])
        queues[j] = queues[j][k:]
        used += len(new_fa)
        false_alarmed |= new_fa
    return {c: round(t, 4) for c, t in thresholds.items()}


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


def _columns_for(model: LangModel, scores: np.ndarray, classes: list[str]) -> np.ndarray:
    """Scores of ``model`` rearranged to ``classes`` (a class the fold model lacks scores -10)."""
    out = np.full((scores.shape[0], len(classes)), -10.0)
    for j, c in enumerate(classes):
        if c in model.classes:
            out[:, j] = scores[:, model.classes.index(c)]
    return out


@dataclass
class PairCache:
    """Inner out-of-fold scores shared between the outer folds of a leave-one-source-out run: with outer fold A, the
    inner fold B is fitted on every source but A and B, the same training set (same order, so the same model) as the
    inner fold A of outer fold B. So the first of the two fits also scores A's texts, for B's turn."""

    texts: dict[str, list[str]]  # per outer (test) source still to come: its items' texts
    left_out: str | None = None  # the current outer fold
    scores: dict[tuple[frozenset[str], str], tuple[list[str], np.ndarray]] | None = None

    def take(self, inner: str) -> tuple[list[str], np.ndarray] | None:
        if self.left_out is None or self.scores is None:
            return None
        return self.scores.pop((frozenset({self.left_out, inner}), inner), None)

    def put(self, inner: str, model: LangModel, catalog: AssessmentCatalog | None) -> None:
        if self.left_out is None or inner not in self.texts or self.left_out not in self.texts:
            return
        if self.scores is None:
            self.scores = {}
        key = (frozenset({self.left_out, inner}), self.left_out)
        self.scores[key] = (list(model.classes), model.scores(self.texts[self.left_out], catalog))


def fit_language(
    sources: dict[str, list[Item]],
    lang: str,
    catalog: AssessmentCatalog | None,
    rule_cats: dict[str, set[str]],
    settings: Settings,
    pair_cache: PairCache | None = None,
) -> tuple[LangModel, dict[str, Any]]:
    """Fit on all sources; calibrate and choose the add thresholds on out-of-fold scores (leave one source out when
    there are ≥ 3 sources, else 5-fold); return the model and its out-of-fold metrics at those thresholds.
    ``pair_cache``: inner fits shared with the other outer folds of a leave-one-source-out run (same result)."""
    from sklearn.model_selection import KFold

    items = [it for group in sources.values() for it in group]
    groups = [name for name, group in sources.items() for _ in group]
    model = LangModel(lang, settings, catalog).fit(items, catalog)
    classes = model.classes
    if not classes:
        return model, {}
    texts = [it.text for it in items]
    y = np.array([[int(c in it.categories) for c in classes] for it in items], dtype=int)
    folds: list[tuple[list[int], list[int], str | None]]
    k = getattr(settings, "inner_folds", 0)
    if len(sources) >= 3 and k and len(sources) > k:
        # the sources dealt round-robin (in their order: dev, augment, dev2, …) into k groups, one group left out at
        # a time: k + 1 fits instead of one per source (leave-one-source-out tables need ~1/3 of the time)
        group_of = {name: j % k for j, name in enumerate(sources)}
        folds = [
            (
                [i for i, g in enumerate(groups) if group_of[g] != fold],
                [i for i, g in enumerate(groups) if group_of[g] == fold],
                None,
            )
            for fold in range(k)
        ]
        pair_cache = None
    elif len(sources) >= 3:
        folds = [
            ([i for i, g in enumerate(groups) if g != name], [i for i, g in enumerate(groups) if g == name], name)
            for name in sources
        ]
    else:
        kfold = KFold(5, shuffle=True, random_state=SEED).split(texts)
        folds = [(list(a), list(b), None) for a, b in kfold]
        pair_cache = None
    oof = np.full((len(items), len(classes)), -10.0)
    for train, test, name in folds:
        cached = pair_cache.take(name) if pair_cache is not None and name is not None else None
        if cached is not None:
            fit_classes, scores = cached
            if fit_classes:
                oof[test] = _columns_for(LangModel.shim(fit_classes), scores, classes)
            continue
        fold_model = LangModel(lang, settings, catalog).fit([items[i] for i in train], catalog)
        if fold_model.classes:
            oof[test] = _columns_for(fold_model, fold_model.scores([texts[i] for i in test], catalog), classes)
        if pair_cache is not None and name is not None:
            pair_cache.put(name, fold_model, catalog)
    model.platt = {c: _platt(oof[:, j], y[:, j]) for j, c in enumerate(classes)}
    probs = model.proba(oof)
    # The rules were tuned on most training files, so "what the rules miss" is nearly empty out of fold there: the
    # thresholds are chosen for the model on its own (its false alarms on hard negatives within the budget), which
    # is stricter than counting only additions. ``rule_cats`` is used when settings.count_rule_hits is set.
    cats = [rule_cats.get(it.id, set()) if settings.count_rule_hits else set() for it in items]
    model.thresholds = choose_thresholds(probs, classes, items, cats, settings)
    metrics: dict[str, Any] = {}
    for j, c in enumerate(classes):
        pred = (probs[:, j] >= model.thresholds[c]).astype(int)
        tp = int((pred & y[:, j]).sum())
        metrics[c] = {
            "precision": round(tp / max(int(pred.sum()), 1), 3),
            "recall": round(tp / max(int(y[:, j].sum()), 1), 3),
            "support": int(y[:, j].sum()),
        }
    return model, metrics


def _file_meta(path: Path) -> dict[str, Any]:
    data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    items = [it for it in load_items(path) if it.split not in HELD_BACK_SPLITS]
    return {
        "sha256": hashlib.sha256(path.read_bytes()).hexdigest(),
        "version": str(data.get("version", "")),
        "source": source_name(path),
        "items_trained": len(items),
        "positives": sum(bool(it.categories) for it in items),
        "hard_negatives": sum(it.hard_negative and not it.categories for it in items),
        "held_back": sum(1 for it in load_items(path) if it.split in HELD_BACK_SPLITS),
    }


def _labels_meta(path: Path, items: dict[str, list[Item]]) -> dict[str, Any]:
    return {
        "file": path.name, "sha256": hashlib.sha256(path.read_bytes()).hexdigest(),
        "sentences": {lang: len(found) for lang, found in sorted(items.items())},
        "positives": {lang: sum(bool(it.categories) for it in found) for lang, found in sorted(items.items())},
    }  # fmt: skip


# Chosen (session 2026-11-22d) with bench/claims_model.py: leave one source out, pooled over the files written this
# session by independent authors the current rules (2026.11.5) were never tuned on, scored with those rules; the
# pre-declared choice among settings that beat the rules (recall above theirs at FA(hard) <= theirs + 0.005): the best
# recall at pooled FA(hard) <= 0.03, else the lowest FA. See SETTINGS_EVIDENCE (also in metadata.json "decision").
#   zh (fresh dev6-dev9, 876 positive labels, 842 hard negatives; dev10 came later): rules R 0.807 FA 0.044;
#     lr+mh, context, add >= 0.98, veto 0.5: R 0.848 FA 0.027 (chosen: best recall at FA <= 0.03). The session's
#     starting setting (lr, add >= 0.95, veto 0.05) R 0.871 FA 0.046; lr+mh + context at add 0.95 / veto 0.05 R 0.889
#     FA 0.044.
#   en (fresh dev5-dev11, 1325 / 1290; dev12, dev13 came later): rules R 0.722 FA 0.054; no setting reaches FA 0.03;
#     lowest FA: lr+mh, context, add >= 0.99, veto 0.5: R 0.729 FA 0.033 (chosen). Starting setting (lr, add >= 0.98,
#     veto 0.05) R 0.789 FA 0.059; lr+mh + context at 0.98 / 0.05 R 0.784 FA 0.049.
# lr+mh (logistic regression averaged with a modified-Huber linear model) lowers false alarms at the same recall in
# both languages; the previous-sentence context adds ~0.01 recall; lower add floors (0.7-0.95) raise false alarms
# with little recall; on an earlier, smaller cut of the English files C 1/4, no class weights, raw tf, char_wb 2-5 and
# word 1-3 were no better than the defaults. Rule/lexicon cue features stay off (they make the model copy the rules).
# min_df 2 (n-grams in one training item only are dropped) keeps the model file under 5 MB now that the data doubled
# (with min_df 1: 7.2 MB, 102k zh / 77k en features); earlier sessions found min_df 2 as good as 1 out of fold, and
# the final leave-one-source-out table (metadata "loso") is measured with it.
SETTINGS_EVIDENCE: dict[str, str] = {  # per language: how SETTINGS was chosen (bench/claims_model.py), for metadata
    "zh": "features: bench/claims_model.py 19:01 UTC, fresh folds dev6-dev9 (current rules), base/lr+mh/C4 x context "
    "0/1 x add floor 0.9/0.95/0.98 x veto 0-0.5: lr+mh + context best (add >= 0.98, veto 0.5: R 0.848 FA 0.027 vs "
    "rules R 0.807 FA 0.044). Floor and veto then re-chosen by the same rule on the fuller leave-one-source-out run "
    "of 19:29 UTC (fresh dev6-dev10, 1091 positive labels, 1037 hard negatives; models train --fresh-only): rules "
    "R 0.846 FA 0.037; add >= 0.98 + veto 0.05 R 0.893 FA 0.030 (31/1037, best recall at FA <= 0.03); veto 0.10 "
    "R 0.891 FA 0.028; veto 0.5 R 0.874 FA 0.023; add >= 0.95 + veto 0.05 R 0.904 FA 0.039. Fifth round (22:23 UTC "
    "data, models train --grid, inner_folds 5; fresh dev7-dev16, retired4: 2324 / 2100): rules R 0.799 FA 0.047; kept "
    "add >= 0.98 + veto 0.05 R 0.876 FA 0.024; the rule's pick add >= 0.9 + veto 0.1 R 0.908 FA 0.030 (as transcribed "
    "FA 0.039) not adopted this round (only the English floor was to be re-chosen). Session 2026-11-23: no feature "
    "tries; floor and veto by the bounded rule (evaluation.choose_setting, FA(hard) <= 0.04)",
    "en": "features: bench/claims_model.py 19:11 UTC, fresh folds dev5-dev11 (current rules), base/lr+mh x context "
    "0/1 x add floor 0.95/0.98/0.99 x veto 0-0.5: lr+mh lowest false alarms, context +0.01 recall. Floor and veto "
    "then re-chosen by the same rule on the fuller leave-one-source-out run of 19:29 UTC (fresh dev5-dev13, 1738 "
    "positive labels, 1688 hard negatives): rules R 0.781 FA 0.055; no setting beating the rules reaches FA 0.03, "
    "lowest FA among those that do: add >= 0.98 + veto 0.15 R 0.816 FA 0.038 (veto 0.10 R 0.819 FA 0.041, veto 0.05 "
    "R 0.827 FA 0.045); add >= 0.99 + veto 0.5 (the bench's pick) R 0.777 FA 0.029 loses recall against the rules. "
    "Fifth round (22:23 UTC data, models train --grid, inner_folds 5; fresh dev5, dev8-dev24, retired4: 3719 positive "
    "labels, 3449 hard negatives): rules R 0.696 FA 0.065; no floor x veto beating the rules reaches FA 0.03; lowest "
    "FA: add >= 0.99 + veto 0.5 R 0.734 FA 0.032 (chosen; add >= 0.98 + veto 0.15 R 0.772 FA 0.042; add >= 0.9 + veto "
    "0.5 R 0.806 FA 0.047). Session 2026-11-23 (English feature tries, one at a time, at the fixed setting add >= "
    "0.95 + veto 0.2 (the bounded rule's pick on claims-lr-0cf0d1d0's grid), 5 groups of the fresh sources dev5, "
    "dev8-dev29, retired4, retired5 left out in turn (4698 positive labels, 4394 hard negatives), rules R 0.683 FA "
    "0.060; kept only if recall rises and FA(hard) does not): base R 0.797 FA 0.039 (171 false alarms); numbers "
    "replaced by NUM/PRICE/PCT tokens R 0.792 FA 0.040 (dropped); word 1-3 R 0.799 FA 0.041 (dropped, model +0.8 MB); "
    "stop words kept negations R 0.786 FA 0.043 (dropped); question/exclamation/length indicators (weight 0.3) R 0.808 "
    "FA 0.040 (176; dropped by the rule, though at add >= 0.9 + veto 0.05 it was better in both: R 0.843 FA 0.053 vs "
    "0.833 / 0.055); numbers kept and each tagged NUM/PRICE/PCT R 0.799 FA 0.039 (171; kept: word_numbers='tag')",
}


# Fifth development round (2026-11-22, 22:00-23:35 UTC): floor and veto re-chosen by the same pre-declared rule on
# the larger fresh pool (every file the 2026.11.6 rule authors never read, incl. retired4 and the fifth round's files
# as committed at 22:23 UTC), with the calibration folds grouped (inner_folds 5, so the table fits in the time):
#   en (19 fresh folds, 3719 positive labels, 3449 hard neg.): rules R 0.696 FA 0.065; no floor x veto beating the
#     rules reaches FA 0.03; the lowest FA among those that do: add >= 0.99 + veto 0.5, R 0.734 FA 0.032 (chosen; the
#     previous add >= 0.98 + veto 0.15: R 0.772 FA 0.042; lower floors only raise false alarms: add >= 0.9 + veto 0.5
#     R 0.806 FA 0.047). As transcribed (model.asr_style): rules R 0.661 FA 0.065 -> R 0.714 FA 0.038.
#   zh (11 fresh folds, 2324 / 2100): rules R 0.799 FA 0.047; add >= 0.98 + veto 0.05 (kept) R 0.876 FA 0.024; the
#     rule's pick would be add >= 0.9 + veto 0.1, R 0.908 FA 0.030 (on the limit; as transcribed FA 0.039 vs 0.032):
#     not changed this round (only the English floor was to be re-chosen), left to the lead.
# Speech-style training copies (asr_copies 1) were measured on the earlier fresh pool (zh dev7-dev10 + retired4):
# as transcribed R 0.863 -> 0.876 but FA 0.021 -> 0.026, clean R 0.881 -> 0.884, FA 0.017 -> 0.021; a lower floor
# without copies does better (add >= 0.95 + veto 0.05: as transcribed R 0.886 FA 0.025), so they stay off.
# Then (lead, 23:40 UTC), after the fourth held-out split's second measurement showed English recall falling (0.558 ->
# 0.532 at the same FA 0.041) under the FA-first rule, the choice rule became the largest recall - FA(hard) among the
# settings beating the rules (evaluation.choose_setting), declared before the fifth held-out split was measured, and
# applied to claims-lr-ece034c5's grid on the final data (fresh folds: zh 14, 3062 positive labels / 2866 hard neg.;
# en 24, 4969 / 4652; floors then 0.9-0.99): zh add >= 0.9 + veto 0.15 R 0.904 FA 0.032 (J 0.872; was 0.98/0.05
# R 0.878 FA 0.028), en add >= 0.9 + veto 0.05 R 0.848 FA 0.054 (J 0.794; was 0.99/0.5 R 0.741 FA 0.029). The grid
# now also tries floors 0.7-0.85; the metadata's 'choice' says whether a lower floor would do better still.
# Session 2026-11-23 (lead): the choice rule gets a bound, pooled fresh FA(hard) <= 0.04 (evaluation.FA_BOUND; else the
# lowest FA among the settings beating the rules). Applied to claims-lr-0cf0d1d0's grid (floors 0.7-0.99): zh add >=
# 0.8 + veto 0.15 (R 0.921 FA 0.038), en add >= 0.95 + veto 0.2 (R 0.812 FA 0.040): the settings trained with below;
# the final model's own grid then decided (models train --apply-choice; metadata "applied_choice"), claims-lr-b48ed164
# (01:50 UTC data, fresh folds left out in 8 groups per language): zh add >= 0.85 + veto 0.05 (R 0.925 FA 0.040 vs
# rules R 0.806 FA 0.042), en add >= 0.95 + veto 0.2 unchanged (R 0.794 FA 0.040 vs rules R 0.673 FA 0.060).
# Session 2026-11-23b (lead): the same rule on claims-lr-8c85296d's own grid (seventh development round, first batch,
# rules 2026.11.8, fresh folds left out in 8 groups; zh 3749 positive labels / 3518 hard neg., en 6372 / 5813): zh add
# >= 0.9 + veto 0.05 (R 0.921 FA 0.038 vs rules R 0.807 FA 0.047), en add >= 0.9 + veto 0.5 (R 0.816 FA 0.038 vs
# rules R 0.696 FA 0.062). Then on claims-lr-78b17a02's grid (second batch and retired7 added; zh 4440 / 4125, en
# 7253 / 6590): zh add >= 0.8 + veto 0.3 (R 0.916 FA 0.039 vs rules R 0.801 FA 0.050), en add >= 0.9 + veto 0.5
# (R 0.804 FA 0.039 vs rules R 0.685 FA 0.062); saved with the model (--apply-choice).
# Session 2026-11-23c (lead): the same rule on claims-lr-fa1c9bb3's grid (eighth development round, rules 2026.11.9,
# fresh folds left out in 8 groups; zh 4642 positive labels / 4371 hard neg., en 7247 / 6672): zh add >= 0.85 + veto
# 0.15 (R 0.921 FA 0.039 vs rules R 0.808 FA 0.046), en add >= 0.9 + veto 0.5 unchanged (R 0.823 FA 0.039 vs rules
# R 0.698 FA 0.058); saved with the model (--apply-choice) and set below.
SETTINGS: dict[str, Settings] = {
    "zh": Settings(cues=False, add_floor=0.85, veto=0.15, context=True, estimator="lr+mh", min_df=2, inner_folds=5),
    "en": Settings(
        cues=False,
        add_floor=0.9,
        veto=0.5,
        context=True,
        estimator="lr+mh",
        min_df=2,
        inner_folds=5,
        word_numbers="tag",
    ),
}


@dataclass
class _LanguageJob:
    """Everything :func:`train_and_save` needs to train one language (run in-process or in a forked worker)."""

    catalog: AssessmentCatalog
    files: dict[str, list[Path]]
    reviewed: dict[str, list[Item]]
    settings: dict[str, Settings]
    loso: bool
    baseline: AssessmentCatalog | None
    baseline_label: str | None
    fresh_only: bool
    eval_dir: Path
    asr_check: bool = False
    grid: bool = False
    outer_groups: int = 0
    apply_choice: bool = False

    def run(self, lang: str) -> tuple[LangModel | None, dict[str, Any]]:
        """The language's model and its metadata entries (``cv_metrics``, ``classes`` … ``decision``)."""
        from training_app.scoring import evaluation

        catalog, settings = self.catalog, self.settings[lang]
        sources = source_items(self.files[lang])
        if self.reviewed.get(lang):
            sources["review"] = self.reviewed[lang]
        prepared = evaluation.prepare_sources(sources, lang, catalog)
        rule_cats = {p.item.id: p.rule_cats for group in prepared.values() for p in group}
        model, metrics = fit_language(sources, lang, catalog, rule_cats, settings)
        if not model.classes:
            return None, {}
        part: dict[str, Any] = {
            "cv_metrics": metrics,
            "classes": model.classes,
            "n_items": sum(len(g) for g in sources.values()),
            "thresholds": model.thresholds,
            "calibration": {c: [round(a, 4), round(b, 4)] for c, (a, b) in model.platt.items()},
        }
        if self.loso and len(sources) >= 3:
            fresh = [n for n in sources if n not in evaluation.rule_tuned(lang)] if self.fresh_only else None
            part["loso"] = evaluation.loso(
                prepared,
                lang,
                catalog,
                settings,
                eval_dir=self.eval_dir,
                test_sources=fresh,
                asr=self.asr_check,
                grid=self.grid,
                outer_groups=self.outer_groups,
                full_model=model,
            )
            evidence = part["loso"]
            if self.baseline is not None:
                old_rules = evaluation.prepare_sources(sources, lang, self.baseline)
                tuned = evaluation.BASELINE_TUNED_SOURCES
                base_fresh = (
                    [n for n in sources if n not in evaluation.rule_tuned(lang, tuned)] if self.fresh_only else None
                )
                base = evaluation.loso(
                    old_rules,
                    lang,
                    self.baseline,
                    settings,
                    eval_dir=self.eval_dir,
                    test_sources=base_fresh,
                    tuned=tuned,
                )
                part["loso_baseline_about"] = {
                    "rule_set_version": self.baseline.rule_set_version,
                    "label": self.baseline_label,
                }
                part["loso_baseline"] = base
                if "fresh" not in evidence:  # no file is fresh for the current rules: the baseline's folds decide
                    evidence = base
            choice = part["loso"].get("fresh", {}).get("choice")
            if self.apply_choice and choice:
                model.settings = _apply_choice(part["loso"], settings, choice)
                model.featurizer.settings = model.settings
                part["applied_choice"] = {
                    "trained_with": {"add_floor": settings.add_floor, "veto": settings.veto},
                    "applied": {"add_floor": model.settings.add_floor, "veto": model.settings.veto},
                    "about": "add floor and veto set from the grid's declared choice (evaluation.choose_setting); "
                    "they do not enter the fits, so this equals training with them; the table's 'deployed' mode is "
                    "the chosen grid mode",
                }
            part["decision"] = evaluation.decide(evidence)
            if lang in SETTINGS_EVIDENCE:
                part["decision"]["settings_choice"] = SETTINGS_EVIDENCE[lang]
        return model, part


def _apply_choice(table: dict[str, Any], settings: Settings, choice: dict[str, Any]) -> Settings:
    """``settings`` with the add floor and veto of the grid's choice (``add<floor>+veto<veto>``); in ``table`` (the
    leave-one-source-out result) every fold's and pool's ``deployed`` mode becomes that grid mode."""
    floor, veto = choice["setting"].removeprefix("add").split("+veto")
    mode = f"grid:{choice['setting']}"
    blocks = [*table["folds"].values(), *[f["asr"] for f in table["folds"].values() if "asr" in f]]
    blocks += [table[k] for k in ("fresh", "fresh-asr") if k in table]
    for block in blocks:
        if mode in block["modes"]:
            block["modes"]["deployed"] = block["modes"][mode]
    return replace(settings, add_floor=float(floor), veto=float(veto))


_JOB: list[_LanguageJob] = []


def _train_language_in_worker(lang: str) -> tuple[LangModel | None, dict[str, Any]]:
    return _JOB[0].run(lang)


def train_and_save(
    catalog: AssessmentCatalog,
    eval_dir: Path,
    out_dir: Path,
    *,
    review_labels: Path | None = None,
    loso: bool = True,
    settings: dict[str, Settings] | None = None,
    baseline: AssessmentCatalog | None = None,
    baseline_label: str | None = None,
    fresh_only: bool = False,
    jobs: int = 1,
    asr_check: bool = False,
    grid: bool = False,
    outer_groups: int = 0,
    apply_choice: bool = False,
) -> dict[str, Any]:
    """Fit one model per language on every development file (and the trainers' labels, if given), choose its
    calibration and thresholds out of fold, measure leave-one-source-out against the rules alone (``loso``), save
    model + metadata; return metadata. The on/off evidence (``decision``) comes from the folds the current rules were
    never tuned on (``evaluation.RULE_TUNED_SOURCES``). ``baseline``: an older catalog whose rules nobody had tuned on
    more files; its table is recorded too (``loso_baseline``) and decides only when no file is fresh for the current
    rules. ``fresh_only``: leave out only the fresh files (a shorter table, the same decision). ``jobs`` > 1: the
    languages are trained in parallel (forked processes; the same result). ``asr_check``: each left-out file is also
    scored in speech-recogniser style (``asr_style``; ``loso`` ``fresh-asr``). ``grid``: the fresh folds are also
    scored at every add floor × veto of ``evaluation.GRID_FLOORS`` / ``GRID_VETOES`` (``choice``: the declared
    pick, ``evaluation.choose_setting``). ``outer_groups`` k > 0: the table leaves out groups of sources
    (``evaluation.loso``), fewer fits. ``apply_choice`` (with ``grid``): each
    language's add floor and veto become the grid's declared choice (metadata ``applied_choice``)."""
    import joblib
    import sklearn

    settings = settings or SETTINGS
    files = data_files(eval_dir)
    if not files:
        raise InvalidInput("scoring.no_training_data")
    reviewed = review_label_items(review_labels) if review_labels else {}
    digest = hashlib.sha256()
    models: dict[str, LangModel] = {}
    meta: dict[str, Any] = {"cv_metrics": {}, "classes": {}, "n_items": {}, "thresholds": {}, "calibration": {}}
    meta["data_file_hashes"], meta["loso"], meta["decision"], meta["applied_choice"] = {}, {}, {}, {}
    for _lang, paths in sorted(files.items()):
        for path in paths:
            digest.update(path.name.encode())
            digest.update(path.read_bytes())
            meta["data_file_hashes"][path.name] = _file_meta(path)
    job = _LanguageJob(
        catalog, files, reviewed, settings, loso, baseline, baseline_label, fresh_only, eval_dir,
        asr_check=asr_check, grid=grid, outer_groups=outer_groups, apply_choice=apply_choice,
    )  # fmt: skip
    langs = sorted(files)
    if jobs > 1 and len(langs) > 1:
        import multiprocessing

        _JOB[:] = [job]  # the forked workers read it (nothing large is pickled on the way in)
        try:
            with multiprocessing.get_context("fork").Pool(min(jobs, len(langs))) as pool:
                results = pool.map(_train_language_in_worker, langs)
        finally:
            _JOB.clear()
    else:
        results = [job.run(lang) for lang in langs]
    for lang, (model, part) in zip(langs, results, strict=True):
        if model is None:
            continue
        models[lang] = model
        settings = {**settings, lang: model.settings}  # with ``apply_choice``: the chosen add floor and veto
        for key, value in part.items():
            if key == "loso_baseline_about":
                meta.setdefault("loso_baseline", {}).update(value)
            elif key == "loso_baseline":
                meta.setdefault("loso_baseline", {})[lang] = value
            else:
                meta[key][lang] = value
    if review_labels is not None:
        digest.update(review_labels.read_bytes())
        meta["review_labels"] = _labels_meta(review_labels, reviewed)
    data_hash = digest.hexdigest()
    # the version changes with the data and with the settings (features, floors, veto), not with the LOSO tables
    used = json.dumps({k: vars(v) for k, v in sorted(settings.items())}, sort_keys=True, default=str)
    model_hash = hashlib.sha256((data_hash + used).encode()).hexdigest()
    meta.update(
        version=f"claims-lr-{model_hash[:8]}",
        data_hash=data_hash,
        data_files=sorted(p.name for paths in files.values() for p in paths),
        training_splits="every development file <lang>.<name>.yaml except *.heldout.yaml; items marked augment-check"
        " or heldout held back",
        rule_set_version=catalog.rule_set_version,
        features={lang: settings[lang].features(lang) for lang in sorted(files)},
        settings={lang: vars(settings[lang]) for lang in sorted(files)},
        estimator="per category LogisticRegression(liblinear, class_weight=balanced) on [tf-idf n-grams | cues]; "
        "Platt scaling and add thresholds fitted on out-of-fold scores",
        sklearn_version=sklearn.__version__,
        random_seed=SEED,
        decision_rule="claims.use_model.<lang> is set by hand from 'decision': on the pooled fresh folds of the "
        "leave-one-source-out table ('loso': files the current rules were never tuned on; 'loso_baseline' only when "
        "there are none), rules + model recall above the rules' at FA(hard) <= rules' + 0.005; the settings are the "
        "grid setting with the largest pooled fresh recall - FA(hard) among those beating the rules with pooled "
        "fresh FA(hard) <= 0.04 (evaluation.FA_BOUND), else the one beating the rules with the lowest FA(hard) "
        "(evaluation.choose_setting, bound since 2026-11-23; 2026-11-22e: the same without the bound; before: the "
        "best recall at FA(hard) <= 0.03, else the lowest FA) ('settings_choice', loso fresh 'choice')",
        cv="out of fold: leave one source file out (>= 3 sources; with settings inner_folds k > 0 the sources dealt "
        "round-robin into k groups, one group out at a time), else 5-fold KFold(shuffle, seed); cv_metrics at the "
        "chosen add thresholds",
    )
    out_dir.mkdir(parents=True, exist_ok=True)
    joblib.dump(models, out_dir / MODEL_FILE, compress=3)
    (out_dir / META_FILE).write_text(json.dumps(meta, ensure_ascii=False, indent=2, sort_keys=True) + "\n", "utf-8")
    logger.info("claim model %s saved to %s", meta["version"], out_dir)
    return meta


class ClaimModel:
    """Loaded claim model: ``predict(texts, language)`` → per-sentence ``{category: probability}`` (calibrated);
    ``add_thresholds(language)`` → the per-category thresholds chosen out of fold."""

    def __init__(self, models: dict[str, LangModel], version: str) -> None:
        self.models = models
        self.version = version
        self.uses_catalog = any(m.featurizer.cue_names for m in models.values())

    @classmethod
    def load(cls, model_dir: Path) -> ClaimModel | None:
        path, meta = model_dir / MODEL_FILE, model_dir / META_FILE
        if not path.is_file() or not meta.is_file():
            return None
        import joblib

        version = json.loads(meta.read_text(encoding="utf-8")).get("version", "claims-unknown")
        models = joblib.load(path)
        if not isinstance(models, dict) or not all(isinstance(m, LangModel) for m in models.values()):
            logger.warning("claim model in %s has an old format; retrain it with `training-app models train`", path)
            return None
        return cls(models, str(version))

    def add_thresholds(self, language: str) -> dict[str, float] | None:
        """Per category: the out-of-fold threshold, never below the language's ``add_floor``."""
        entry = self.models.get(language)
        if entry is None:
            return None
        return {c: max(t, entry.settings.add_floor) for c, t in entry.thresholds.items()}

    def veto_threshold(self, language: str) -> float | None:
        entry = self.models.get(language)
        return entry.settings.veto if entry is not None else None

    def predict(
        self, texts: list[str], language: str, catalog: AssessmentCatalog | None = None
    ) -> list[dict[str, float]]:
        entry = self.models.get(language)
        if entry is None or not texts:
            return [{} for _ in texts]
        return entry.predict(texts, catalog)
