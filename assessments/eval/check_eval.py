"""Validate the prohibited-claim evaluation files and print counts.

Usage: .venv/bin/python assessments/eval/check_eval.py [--markdown] [--similar]

Checks: YAML parses, header fields, unique ids with the file's id prefix, known
categories and products, hard_negative only on negatives, held-out texts that also
occur in another file. --similar lists pairs (held-out vs every development file)
whose character-bigram Jaccard similarity is >= 0.45 (possible near-duplicates to
review by hand).
"""

from __future__ import annotations

import re
import sys
from collections import Counter
from pathlib import Path

import yaml


def out(line: str = "") -> None:
    sys.stdout.write(line + "\n")


HERE = Path(__file__).resolve().parent
# (language, file split) -> header version and the id infix of its items.
# Spent measurement splits are retired (kept unchanged apart from their `split:` header, readable like dev):
# `retired` = the first held-out split (ids <lang>-heldout-NNNN), `retired2` = the second (ids <lang>-ho2-NNNN),
# `retired3` = the first sealed check split (ids <lang>-sealed-NNNN), `retired4` = the third held-out split (ids
# <lang>-ho3-NNNN), `retired5` = the fourth (ids <lang>-ho4-NNNN), `retired6` = the fifth (ids <lang>-ho5-NNNN),
# `retired7` = the sixth (ids <lang>-ho6-NNNN), `retired8` = the seventh (ids <lang>-ho7-NNNN). `heldout` is the
# eighth, fresh held-out split (ids <lang>-ho8-NNNN; written as `heldout8`), measured by the lead only.
SPLITS = {
    "dev": ("2026-11-22.1", "dev"),
    "retired": ("2026-11-22.1", "heldout"),
    "retired2": ("2026-11-29.1", "ho2"),
    "retired3": ("2026-11-22.3", "sealed"),
    "augment": ("2026-11-28.1", "aug"),
    "retired4": ("2026-11-30.1", "ho3"),
    "retired5": ("2026-12-01.1", "ho4"),
    "retired6": ("2026-12-08.1", "ho5"),
    "retired7": ("2026-12-15.1", "ho6"),
    "retired8": ("2026-12-15.1", "ho7"),
    "heldout": ("2026-12-15.1", "ho8"),  # the eighth held-out split (written 2026-11-23c as heldout8); never tuned on
    # Development sets, each by a further independent author (zh: dev2..dev5; en: dev2..dev4).
    "dev2": ("2026-11-22.2", "dev2"),
    "dev3": ("2026-11-22.2", "dev3"),  # zh; en.dev3 (a later author) has its own version, see VERSIONS
    "dev4": ("2026-11-30.1", "dev4"),
    "dev5": ("2026-11-30.1", "dev5"),
    "dev6": ("2026-12-01.1", "dev6"),
    "dev7": ("2026-12-01.1", "dev7"),
    "dev8": ("2026-12-01.1", "dev8"),
    "dev9": ("2026-12-01.1", "dev9"),
    **{f"dev{n}": ("2026-12-01.1", f"dev{n}") for n in range(10, 14)},
    **{f"dev{n}": ("2026-12-08.1", f"dev{n}") for n in range(14, 30)},  # fifth development round (2026-11-22e)
    **{f"dev{n}": ("2026-12-15.1", f"dev{n}") for n in range(30, 49)},  # sixth to eighth rounds (2026-11-23, b, c)
}
# a (language, split) whose file header differs from SPLITS
VERSIONS = {
    ("en", "dev3"): "2026-11-30.1",
    ("en", "dev5"): "2026-12-01.1",
    **{("zh", f"dev{n}"): "2026-12-08.1" for n in range(11, 14)},  # zh dev11-dev13 are of the fifth round
    **{("zh", f"dev{n}"): "2026-12-15.1" for n in range(20, 32)},  # zh dev20-dev31: sixth round on
}
# present for some languages only (or not yet)
OPTIONAL = {
    *(f"dev{n}" for n in range(2, 49)),
    *("retired3", "retired4", "retired5", "retired6", "retired7", "retired8", "heldout"),
}
FILES = [
    (lang, split)
    for lang in ("zh", "en")
    for split in SPLITS
    if split not in OPTIONAL or (HERE / f"{lang}.{split}.yaml").is_file()
]
DEV_LIKE = (
    "dev",
    "retired",
    "retired2",
    "retired3",
    "retired4",
    "retired5",
    "retired6",
    "retired7",
    "retired8",
    "augment",
    *(f"dev{n}" for n in range(2, 49)),
)
MEASUREMENT = ("heldout",)  # never read by anyone tuning; compared with every development file
ITEM_SPLITS = {"augment": {"augment", "augment-check"}}
SIMILAR_THRESHOLD = 0.45
CATEGORIES = [
    "absolute_claim",
    "health_claim",
    "unverified_certification",
    "false_origin",
    "absolute_safety",
    "price_fraud",
    "fabricated_data",
    "coerced_purchase",
    "official_endorsement",
    "disparagement",
    "other",
]
PRODUCTS = {
    "luochuan-apple",
    "wuchang-rice",
    "taojiang-rice",
    "meitan-tea",
    "qinling-honey",
    "qingyuan-shiitake",
    "gannan-orange",
    "yangbi-walnut",
    "zhoukou-eggs",
    "qinzhou-millet",
    "none",
}
ITEM_KEYS = {"id", "text", "product", "categories", "hard_negative", "rule_hint", "note", "split"}
REQUIRED = {"id", "text", "product", "categories", "hard_negative"}


def check_item(it: dict, lang: str, split: str, errors: list[str]) -> None:
    iid = it.get("id", "?")
    infix = SPLITS[split][1]
    if set(it) - ITEM_KEYS or REQUIRED - set(it):
        errors.append(f"{iid}: keys {sorted(it)}")
    if "split" in it and it["split"] not in ITEM_SPLITS.get(split, set()):
        errors.append(f"{iid}: bad item split {it['split']}")
    if not re.fullmatch(rf"{lang}-{infix}-\d{{4}}", str(iid)):
        errors.append(f"{iid}: bad id prefix")
    if it.get("product") not in PRODUCTS:
        errors.append(f"{iid}: unknown product {it.get('product')}")
    cats = it.get("categories")
    if not isinstance(cats, list) or any(c not in CATEGORIES for c in cats) or len(set(cats)) != len(cats):
        errors.append(f"{iid}: bad categories {cats}")
    if not isinstance(it.get("hard_negative"), bool):
        errors.append(f"{iid}: hard_negative must be boolean")
    elif it["hard_negative"] and cats:
        errors.append(f"{iid}: hard_negative on a positive")
    if not isinstance(it.get("text"), str) or not it["text"].strip():
        errors.append(f"{iid}: empty text")


def load() -> dict[tuple[str, str], list[dict]]:
    errors: list[str] = []
    data: dict[tuple[str, str], list[dict]] = {}
    seen_ids: set[str] = set()
    for lang, split in FILES:
        path = HERE / f"{lang}.{split}.yaml"
        doc = yaml.safe_load(path.read_text(encoding="utf-8"))
        version = VERSIONS.get((lang, split), SPLITS[split][0])
        if str(doc.get("version")) != version or doc.get("language") != lang or doc.get("split") != split:
            errors.append(f"{path.name}: bad header")
        items = doc.get("items") or []
        for it in items:
            check_item(it, lang, split, errors)
            iid = it.get("id", "?")
            if iid in seen_ids:
                errors.append(f"{iid}: duplicate id")
            seen_ids.add(iid)
        data[(lang, split)] = items
    for lang in ("zh", "en"):
        others = {it["text"] for split in DEV_LIKE for it in data.get((lang, split), [])}
        for it in (it for split in MEASUREMENT for it in data.get((lang, split), [])):
            if it["text"] in others:
                errors.append(f"{it['id']}: text also in dev, retired or augment")
    if errors:
        out("\n".join(errors))
        sys.exit(1)
    return data


def bigrams(text: str) -> set[str]:
    t = re.sub(r"[\W_]+", "", text.lower())
    return {t[i : i + 2] for i in range(len(t) - 1)}


def similar(data: dict, threshold: float = SIMILAR_THRESHOLD) -> None:
    """Held-out items too close to any development item (a development author rewrites their own item)."""
    for lang in ("zh", "en"):
        others = [
            (it["id"], it["text"], bigrams(it["text"])) for split in DEV_LIKE for it in data.get((lang, split), [])
        ]
        for it in (it for split in MEASUREMENT for it in data.get((lang, split), [])):
            b = bigrams(it["text"])
            for oid, otext, ob in others:
                j = len(b & ob) / max(1, len(b | ob))
                if j >= threshold:
                    out(f"{j:.2f}  {it['id']} {it['text']}\n      {oid} {otext}")


COLUMNS = (*DEV_LIKE, *MEASUREMENT)


def split_stats(items: list[dict]) -> dict[str, int]:
    pos = sum(1 for it in items if it["categories"])
    hard = sum(1 for it in items if it["hard_negative"])
    st = {
        "sentences": len(items),
        "positives": pos,
        "hard negatives": hard,
        "neutral negatives": len(items) - pos - hard,
        "multi-label positives": sum(1 for it in items if len(it["categories"]) > 1),
    }
    st.update(Counter(cat for it in items for cat in it["categories"]))
    return st


def counts(data: dict, markdown: bool) -> None:
    for lang in ("zh", "en"):
        stats = {split: split_stats(data.get((lang, split), [])) for split in COLUMNS}
        out(f"\n### {lang}\n")
        if markdown:
            out("| | " + " | ".join(COLUMNS) + " |\n|---|" + "---:|" * len(COLUMNS))
        else:
            out(f"{'':28s} " + " ".join(f"{c:>7s}" for c in COLUMNS))
        for key in [*list(stats["dev"])[:5], *CATEGORIES]:
            values = [stats[split].get(key, 0) for split in COLUMNS]
            if markdown:
                name = f"`{key}`" if key in CATEGORIES else key
                out(f"| {name} | " + " | ".join(str(v) for v in values) + " |")
            else:
                out(f"{key:28s} " + " ".join(f"{v:7d}" for v in values))


if __name__ == "__main__":
    d = load()
    out("OK: all files valid")
    counts(d, "--markdown" in sys.argv)
    if "--similar" in sys.argv:
        pairs = "held-out vs every development file"
        out(f"\nPossible near-duplicates ({pairs}, bigram Jaccard >= {SIMILAR_THRESHOLD}):")
        similar(d)
