"""Validate the prohibited-claim evaluation files and print counts.

Usage: .venv/bin/python assessments/eval/check_eval.py [--markdown] [--similar]

Checks: YAML parses, header fields, unique ids with the <lang>-<split>- prefix, known
categories and products, hard_negative only on negatives, exact duplicates across
splits. --similar also lists dev/held-out pairs whose character-bigram Jaccard
similarity is high (possible near-duplicates to review by hand).
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
FILES = [("zh", "dev"), ("zh", "heldout"), ("en", "dev"), ("en", "heldout")]
VERSION = "2026-11-22.1"
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
ITEM_KEYS = {"id", "text", "product", "categories", "hard_negative", "rule_hint", "note"}
REQUIRED = {"id", "text", "product", "categories", "hard_negative"}


def load() -> dict[tuple[str, str], list[dict]]:
    errors: list[str] = []
    data: dict[tuple[str, str], list[dict]] = {}
    seen_ids: set[str] = set()
    for lang, split in FILES:
        path = HERE / f"{lang}.{split}.yaml"
        doc = yaml.safe_load(path.read_text(encoding="utf-8"))
        if str(doc.get("version")) != VERSION or doc.get("language") != lang or doc.get("split") != split:
            errors.append(f"{path.name}: bad header")
        items = doc.get("items") or []
        for it in items:
            iid = it.get("id", "?")
            if set(it) - ITEM_KEYS or REQUIRED - set(it):
                errors.append(f"{iid}: keys {sorted(it)}")
            if not re.fullmatch(rf"{lang}-{split}-\d{{4}}", str(iid)):
                errors.append(f"{iid}: bad id prefix")
            if iid in seen_ids:
                errors.append(f"{iid}: duplicate id")
            seen_ids.add(iid)
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
        data[(lang, split)] = items
    for lang in ("zh", "en"):
        dev = {it["text"] for it in data[(lang, "dev")]}
        for it in data[(lang, "heldout")]:
            if it["text"] in dev:
                errors.append(f"{it['id']}: text also in dev")
    if errors:
        out("\n".join(errors))
        sys.exit(1)
    return data


def bigrams(text: str) -> set[str]:
    t = re.sub(r"[\W_]+", "", text.lower())
    return {t[i : i + 2] for i in range(len(t) - 1)}


def similar(data: dict, threshold: float = 0.5) -> None:
    for lang in ("zh", "en"):
        dev = [(it["id"], it["text"], bigrams(it["text"])) for it in data[(lang, "dev")]]
        for it in data[(lang, "heldout")]:
            b = bigrams(it["text"])
            for did, dtext, db in dev:
                j = len(b & db) / max(1, len(b | db))
                if j >= threshold:
                    out(f"{j:.2f}  {it['id']} {it['text']}\n      {did} {dtext}")


def counts(data: dict, markdown: bool) -> None:
    for lang in ("zh", "en"):
        size: dict[str, int] = {}
        rows: list[tuple[str, int, int]] = []
        stats: dict[str, dict[str, int]] = {}
        for split in ("dev", "heldout"):
            items = data[(lang, split)]
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
            stats[split] = st
            size[split] = len(items)
        n_all = size["dev"] + size["heldout"]
        out(
            f"\n### {lang}  (dev {size['dev']} / held-out {size['heldout']} = "
            f"{100 * size['dev'] / n_all:.0f} % / {100 * size['heldout'] / n_all:.0f} %)\n"
        )
        if markdown:
            out("| | dev | held-out | total |\n|---|---:|---:|---:|")
        for key in [*list(stats["dev"])[:5], *CATEGORIES]:
            name = f"`{key}`" if markdown and key in CATEGORIES else key
            rows.append((name, stats["dev"].get(key, 0), stats["heldout"].get(key, 0)))
        for name, a, b in rows:
            if markdown:
                out(f"| {name} | {a} | {b} | {a + b} |")
            else:
                out(f"{name:28s} {a:5d} {b:5d} {a + b:5d}")


if __name__ == "__main__":
    d = load()
    out("OK: all files valid")
    counts(d, "--markdown" in sys.argv)
    if "--similar" in sys.argv:
        out("\nPossible near-duplicates (dev vs held-out):")
        similar(d)
